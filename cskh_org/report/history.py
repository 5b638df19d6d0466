"""A ticket history import as files and as a person reads it: the canonical CSV (one ticket per
row, times in UTC, read back with the ready mapping ``canonical``), the import's summary as
text and as JSON."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from cskh_org.history import Tally
from cskh_org.loading.history import ImportSummary
from cskh_org.model.history import PastTicket
from cskh_org.terminal import printable
from cskh_org.words import Voice

__all__ = ["CANONICAL_HEADER", "import_json", "import_text", "write_tickets"]

CANONICAL_HEADER = (
    "id",
    "created",
    "first_reply",
    "solved",
    "channel",
    "category",
    "priority",
    "tier",
    "unit",
    "agent",
    "reopened",
    "satisfaction",
)
"""The canonical CSV's columns (what the ready mapping ``canonical`` reads)."""


def write_tickets(tickets: Iterable[PastTicket], stream: IO[str]) -> Tally:
    """Write ``tickets`` as the canonical CSV to ``stream``, a row at a time; their tally."""
    tally = Tally()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CANONICAL_HEADER)
    for t in tickets:
        tally.add(t)
        writer.writerow(
            (
                t.id or "",
                t.created.isoformat(),
                "" if t.first_reply is None else t.first_reply.isoformat(),
                "" if t.solved is None else t.solved.isoformat(),
                t.channel or "",
                t.category or "",
                t.priority or "",
                t.tier or "",
                t.unit or "",
                t.agent or "",
                t.reopened,
                "" if t.satisfaction is None else repr(t.satisfaction),
            )
        )
    return tally


class _Say(Voice):
    def __call__(self, key: str, **fields: object) -> str:
        return self.say(f"history.{key}", **fields)


def import_text(
    summary: ImportSummary, tally: Tally, *, output: str | None = None, lang: str = "en"
) -> str:
    """The summary a person reads after an import (the findings are printed apart), and
    where the tickets were written (``output``)."""
    say = _Say(lang)
    lines = [
        say(
            "summary",
            name=printable(summary.name),
            rows=say.number(summary.rows),
            imported=say.number(summary.imported),
            bad=say.number(summary.bad),
        )
    ]
    if tally.first is not None and tally.last is not None:
        lines.append(say("period", first=tally.first.isoformat(), last=tally.last.isoformat()))
    tables = (
        ("by-code", summary.by_code),
        ("by-channel", tally.by_channel),
        ("by-unit", tally.by_unit),
    )
    for title, counts in tables:
        lines.append(say(title))
        shown = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
        lines += [f"  {printable(str(k)) if k else say('none')}: {say.number(n)}" for k, n in shown]
        if not shown:
            lines.append(f"  {say('none')}")
    if output is not None:
        lines.append(say("wrote", n=say.number(tally.tickets), path=printable(output)))
    return "\n".join(lines) + "\n"


def import_json(summary: ImportSummary, tally: Tally) -> str:
    """The import as a JSON document: counts, period, findings."""
    document: dict[str, Any] = {
        "source": summary.name,
        "rows": summary.rows,
        "imported": summary.imported,
        "bad_rows": summary.bad,
        "bad_rows_by_code": dict(sorted(summary.by_code.items())),
        "first_created": None if tally.first is None else tally.first.isoformat(),
        "last_created": None if tally.last is None else tally.last.isoformat(),
        "answered": tally.answered,
        "solved": tally.solved,
        "reopened": tally.reopened,
        "by_channel": {str(k or ""): n for k, n in sorted(tally.by_channel.items(), key=_key)},
        "by_unit": {str(k or ""): n for k, n in sorted(tally.by_unit.items(), key=_key)},
        "findings": [f.to_dict() for f in summary.findings],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _key(item: tuple[str | None, int]) -> str:
    return item[0] or ""
