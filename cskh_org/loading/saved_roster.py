"""A roster saved by ``cskh-org roster --format json``, read back as JSON data.

The file is read as every input is (a regular file only, through
:func:`~cskh_org.loading.source.open_source`), at most :data:`MAX_ROSTER_BYTES`, as UTF-8
JSON without ``NaN`` or ``Infinity``; anything else is a clear
:class:`~cskh_org.errors.SourceError` or :class:`~cskh_org.errors.UsageError` naming the
file, never a traceback. The data is what :meth:`cskh_org.rosters.Roster.from_json` takes:
the rosters sit above loading, so the caller (the CLI) turns it into a roster.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Final

from cskh_org.errors import SourceError, UsageError
from cskh_org.files import shown_path
from cskh_org.loading.source import open_source, unreadable

__all__ = ["MAX_ROSTER_BYTES", "read_roster_data"]

MAX_ROSTER_BYTES: Final = 64 * 1024 * 1024
"""The largest saved roster read: six weeks of 15-minute cover for 500 units and the shifts
of 5,000 agents fit in a fraction of it."""


def _constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def read_roster_data(path: str | os.PathLike[str], limit: int = MAX_ROSTER_BYTES) -> object:
    """The JSON data of the saved roster at ``path``."""
    name = shown_path(path)
    with open_source(Path(path), name) as handle:
        try:
            raw = handle.read(limit + 1)
        except OSError as exc:
            raise unreadable(exc, name) from None
    if len(raw) > limit:
        raise SourceError.of("error.roster.too-large", path=name, limit=f"{limit:,}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError.of("error.roster.not-utf8", path=name) from None
    try:
        return json.loads(text, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise UsageError.of(
            "error.roster.not-json", path=name, reason=exc.msg, line=exc.lineno, column=exc.colno
        ) from None
    except (ValueError, RecursionError) as exc:
        reason = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
        raise UsageError.of(
            "error.roster.not-json", path=name, reason=reason, line="?", column="?"
        ) from None
