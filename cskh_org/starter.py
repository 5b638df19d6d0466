"""Starter documents for ``cskh-org init``, at the three sizes the domain describes.

* ``small`` — one person holds every role (a shop's owner or first care hire);
* ``growing`` — returns, warranty and issue resolution grouped in one team, support and
  account management in another, part-timers added as volume grows;
* ``large`` — six specialised teams under a department head, with team leaders.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from cskh_org.errors import UsageError
from cskh_org.serialize import schema_text

__all__ = ["SCHEMA_FILE", "SIZES", "starter_text", "write_starter"]

SIZES = ("small", "growing", "large")
SCHEMA_FILE = "cskh-org.schema.json"


def starter_text(size: str) -> str:
    """The starter document of ``size``, with the yaml-language-server ``$schema`` modeline."""
    if size not in SIZES:
        raise UsageError(f"unknown size `{size}`; choose one of {', '.join(SIZES)}")
    body = resources.files("cskh_org").joinpath("templates", f"{size}.yaml").read_text("utf-8")
    return f"# yaml-language-server: $schema=./{SCHEMA_FILE}\n{body}"


def write_starter(size: str, target: Path, *, force: bool = False) -> list[Path]:
    """Write the starter document and the JSON Schema beside it; never overwrite silently.

    Returns the files written. Raises :class:`UsageError` if ``target`` exists (unless
    ``force``) or the schema file beside it differs from this version's schema.
    """
    text = starter_text(size)
    if target.is_dir():
        raise UsageError(f"{target} is a folder; give the name of the file to write")
    if target.exists() and not force:
        raise UsageError(f"{target} already exists; choose another name or pass --force")
    schema_path = target.parent / SCHEMA_FILE
    schema = schema_text()
    written = []
    try:
        current = schema_path.read_text("utf-8") if schema_path.is_file() else None
        if current is not None and current != schema and not force:
            raise UsageError(
                f"{schema_path} exists and differs from this version's schema; pass --force to "
                "replace it"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
        written.append(target)
        if current != schema:
            schema_path.write_text(schema, "utf-8")
            written.append(schema_path)
    except (OSError, UnicodeDecodeError) as exc:  # no such folder, a file in the way, read-only
        where = exc.filename if isinstance(exc, OSError) and exc.filename else schema_path
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UsageError(f"cannot write {target}: {where}: {reason}") from None
    return written
