"""A sweep's results as JSON lines: a first line naming the sweep, then one
:meth:`RepResult.to_json` per line, appended and flushed as each task finishes, so a sweep
interrupted and restarted does not redo the replications it finished."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cskh_org.errors import UsageError
from cskh_org.sweeps.spec import RepResult, VariantSpec

__all__ = ["ResultStore", "sweep_id"]


def sweep_id(specs: Sequence[VariantSpec], *, days: float, seed: int) -> str:
    """The hash naming a sweep: its variants (id and content key), ``days`` and ``seed``."""
    text = json.dumps(
        {"variants": [[s.id, s.key()] for s in specs], "days": repr(float(days)), "seed": seed},
        sort_keys=True,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _refuse(key: str, path: Path) -> UsageError:
    from cskh_org.words import both
    from cskh_org.words import executor as _words  # noqa: F401

    return UsageError(both(key, path=str(path)))


class ResultStore:
    """The results file at ``path``. :meth:`open` binds it to one sweep: a new file gets the
    sweep's first line; an existing one must be of the same sweep (else a
    :class:`~cskh_org.errors.UsageError`, and nothing is written)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._sweep: str | None = None
        self._results: dict[tuple[str, int], RepResult] = {}

    def open(self, sweep: str) -> None:
        """Bind the store to ``sweep`` (a :func:`sweep_id`), reading what it already holds;
        a truncated last line (a killed run) is dropped from the file."""
        self._results = {}
        if not self.path.exists() or self.path.stat().st_size == 0:
            if self.path.exists() and self.path.stat().st_size == 0:
                pass
            with self.path.open("w", encoding="utf-8") as out:
                out.write(json.dumps({"cskh_org_sweep": sweep}) + "\n")
                out.flush()
            self._sweep = sweep
            return
        raw = self.path.read_bytes()
        lines = raw.split(b"\n")
        head = _parse(lines[0])
        if not isinstance(head, dict) or "cskh_org_sweep" not in head:
            raise _refuse("store.not-store", self.path)
        if head["cskh_org_sweep"] != sweep:
            raise _refuse("store.other-sweep", self.path)
        good = len(lines[0]) + 1
        for line in lines[1:]:
            data = _parse(line)
            if not isinstance(data, dict):
                break  # a truncated line: it and anything after it is dropped
            try:
                result = RepResult.from_json(data)
            except (KeyError, TypeError, ValueError):
                break
            self._results[(result.variant, result.replication)] = result
            good += len(line) + 1
        if good < len(raw) or not raw.endswith(b"\n"):
            with self.path.open("r+b") as out:
                out.truncate(min(good, len(raw)))
                if not raw[: min(good, len(raw))].endswith(b"\n"):
                    out.seek(0, os.SEEK_END)
                    out.write(b"\n")
        self._sweep = sweep

    def done(self) -> set[tuple[str, int]]:
        """The (variant, replication) pairs the store holds."""
        return set(self._results)

    def results(self) -> dict[tuple[str, int], RepResult]:
        return dict(self._results)

    def add(self, results: Iterable[RepResult]) -> None:
        """Append ``results`` (one task's) and flush them to disk."""
        if self._sweep is None:
            raise RuntimeError("ResultStore.open() first")
        batch = list(results)
        text = "".join(json.dumps(r.to_json(), sort_keys=True) + "\n" for r in batch)
        with self.path.open("a", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        for r in batch:
            self._results[(r.variant, r.replication)] = r


def _parse(line: bytes) -> Any:
    if not line.strip():
        return None
    try:
        return json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
