"""Everything a person reads, between the engines and the CLI.

The engines return typed data; the modules here turn it into text: terminal lines and tables,
CSV, JSON documents. One module per thing reported, named for it:

- :mod:`~cskh_org.report.console`: colour (never with ``NO_COLOR``), plurals, finding lines,
  the progress bar;
- :mod:`~cskh_org.report.findings`: a validation's lines and its JSON document;
- :mod:`~cskh_org.report.routing`, :mod:`~cskh_org.report.sla`,
  :mod:`~cskh_org.report.escalation`, :mod:`~cskh_org.report.budget`: each command's output.

Nothing here reads the user's files or decides anything: a function takes what an engine
returned and gives the text. The CLI writes it to the streams.
"""

from __future__ import annotations
