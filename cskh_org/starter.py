"""Starter documents for ``cskh-org init``, at the three sizes the domain describes.

* ``small`` — one person holds every role (a shop's owner or first care hire);
* ``growing`` — returns, warranty and issue resolution grouped in one team, support and
  account management in another, part-timers added as volume grows;
* ``large`` — six specialised teams under a department head, with team leaders.

Each starter is complete: routing rules, SLA policies on a business calendar, escalation
steps and a budget with its approval chain, so every command accepts it, and a workload
(``workload.yaml``, written beside it) for ``cskh-org simulate``. Both pass
``cskh-org validate --strict`` with no warning.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from cskh_org.errors import UsageError
from cskh_org.serialize import schema_text, workload_schema_text
from cskh_org.words import Said

__all__ = [
    "SCHEMA_FILE",
    "SIZES",
    "WORKLOAD_FILE",
    "WORKLOAD_SCHEMA_FILE",
    "starter_text",
    "workload_text",
    "write_starter",
]

SIZES = ("small", "growing", "large")
SCHEMA_FILE = "cskh-org.schema.json"
WORKLOAD_FILE = "workload.yaml"
"""The name of the workload ``init`` writes beside the department."""
WORKLOAD_SCHEMA_FILE = "cskh-org.workload.schema.json"


def _template(size: str, kind: str) -> str:
    if size not in SIZES:
        raise UsageError.of("error.starter.size", size=size, sizes=", ".join(SIZES))
    return (
        resources.files("cskh_org").joinpath("templates", f"{size}{kind}.yaml").read_text("utf-8")
    )


def starter_text(size: str) -> str:
    """The starter document of ``size``, with the yaml-language-server ``$schema`` modeline."""
    return f"# yaml-language-server: $schema=./{SCHEMA_FILE}\n{_template(size, '')}"


def workload_text(size: str) -> str:
    """The workload of the starter of ``size``, with its ``$schema`` modeline."""
    body = _template(size, ".workload")
    return f"# yaml-language-server: $schema=./{WORKLOAD_SCHEMA_FILE}\n{body}"


def write_starter(size: str, target: Path, *, force: bool = False) -> list[Path]:
    """Write the starter document, its workload (``workload.yaml`` beside it) and the JSON
    Schemas of both; never overwrite silently.

    Returns the files written. Raises :class:`UsageError`, writing nothing, if ``target`` or
    the workload exists (unless ``force``), or a schema file beside it differs from this
    version's schema (unless ``force``); :class:`~cskh_org.errors.SourceError`, writing
    nothing, if one of them is a symbolic link (even a dangling one) or not a file. Each file
    is written whole or not at all (:func:`cskh_org.files.write_output`).
    """
    if target.is_dir():
        raise UsageError.of("error.starter.folder", target=str(target))
    workload = target.parent / WORKLOAD_FILE
    if target.name == WORKLOAD_FILE:
        raise UsageError.of("error.starter.workload-name", workload=WORKLOAD_FILE)
    documents = [(target, starter_text(size)), (workload, workload_text(size))]
    schemas = [
        (target.parent / SCHEMA_FILE, schema_text()),
        (target.parent / WORKLOAD_SCHEMA_FILE, workload_schema_text()),
    ]
    from cskh_org.files import check_output, write_output

    written = []
    try:
        for path, _ in documents:
            if path.exists() and not force:
                raise UsageError.of("error.starter.exists", path=str(path))
            check_output(path, force=True, what="starter")  # a link, a dangling one too
        todo = list(documents)
        for path, text in schemas:
            check_output(path, force=True, what="schema")
            current = path.read_text("utf-8") if path.is_file() else None
            if current is not None and current != text and not force:
                raise UsageError.of("error.starter.schema-differs", path=str(path))
            if current != text:
                todo.append((path, text))
        target.parent.mkdir(parents=True, exist_ok=True)
        for path, text in todo:  # each whole or not at all, never through a link
            write_output(path, text, force=True, what="starter")
            written.append(path)
    except (OSError, UnicodeDecodeError) as exc:  # no such folder, a file in the way, read-only
        where = exc.filename if isinstance(exc, OSError) and exc.filename else target.parent
        if isinstance(exc, OSError) and exc.strerror:
            from cskh_org.files import reason

            why = Said(vi=reason(exc).vi, en=exc.strerror)
        else:
            why = Said(vi=str(exc), en=str(exc))
        raise UsageError.of(
            "error.starter.unwritable", target=str(target), where=str(where), reason=why
        ) from None
    return written
