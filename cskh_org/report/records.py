"""Per-ticket record files of a simulation: JSON Lines or CSV, written as tickets finish."""

from __future__ import annotations

import csv
import dataclasses
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Final, Literal

from cskh_org.errors import UsageError
from cskh_org.simulation.stats import TicketRecord

__all__ = ["RecordFormat", "open_records"]


# -- records -------------------------------------------------------------------------------

_RECORD_FIELDS: Final = tuple(f.name for f in dataclasses.fields(TicketRecord))


def _record_dict(record: TicketRecord) -> dict[str, Any]:
    """The record's fields; times rounded to the millisecond."""
    row = {name: getattr(record, name) for name in _RECORD_FIELDS}
    for name in ("arrived", "first_response", "closed"):
        if row[name] is not None:
            row[name] = round(row[name], 3)
    return row


class _JsonlWriter:
    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def __call__(self, record: TicketRecord) -> None:
        row = _record_dict(record)
        row["holders"] = list(record.holders)
        row["skills"] = list(record.skills)
        self._stream.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
        self._stream.write("\n")


class _CsvWriter:
    def __init__(self, stream: IO[str]) -> None:
        self._writer = csv.writer(stream, lineterminator="\n")
        self._writer.writerow(_RECORD_FIELDS)

    def __call__(self, record: TicketRecord) -> None:
        row = _record_dict(record)
        row["holders"] = " ".join(record.holders)
        row["skills"] = " ".join(record.skills)
        row["sla_met"] = " ".join(
            f"{name}={'yes' if met else 'no'}" for name, met in sorted(record.sla_met.items())
        )
        self._writer.writerow("" if row[name] is None else row[name] for name in _RECORD_FIELDS)


RecordFormat = Literal["jsonl", "csv"]


@contextmanager
def open_records(
    path: str | Path,
    format: RecordFormat | None = None,
    *,
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[Callable[[TicketRecord], None]]:
    """A ``records`` callback that writes each ticket to ``path`` as it finishes: one JSON
    object per line (``.jsonl``, ``.json``) or CSV with a header (``.csv``; ``holders`` and
    ``sla_met`` space-separated, e.g. ``first_response=yes resolution=no``). Memory stays
    flat however many tickets are written::

        with open_records("tickets.jsonl") as records:
            simulate(department, workload, records=records)

    The file is written as :func:`cskh_org.files.output_file` writes: to a temporary file
    renamed over ``path`` when the block ends without an error, refused (before anything
    runs) if it exists and ``force`` is not given, if it is one of ``inputs`` (the documents
    simulated) or a link; an I/O failure is a :class:`~cskh_org.errors.SourceError`.
    """
    from cskh_org.files import output_file

    path = Path(path)
    fmt = format or {".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}.get(
        path.suffix.lower()
    )
    if fmt not in ("jsonl", "csv"):
        raise UsageError.of("error.records.suffix", path=str(path), suffix=repr(path.suffix))
    with output_file(path, force=force, inputs=inputs, what="records") as stream:
        yield _JsonlWriter(stream) if fmt == "jsonl" else _CsvWriter(stream)
