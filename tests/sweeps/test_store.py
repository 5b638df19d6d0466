from __future__ import annotations

from pathlib import Path

import pytest

from cskh_org.errors import UsageError
from cskh_org.sweeps.spec import RepResult
from cskh_org.sweeps.store import ResultStore


def test_round_trip_and_truncated_line(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    store = ResultStore(path)
    store.open("abc")
    store.add([RepResult("v0", 0, {"k": 0.1}), RepResult("v0", 1, {"k": 0.2})])
    with path.open("a") as out:
        out.write('{"variant": "v0", "replica')  # a killed run
    again = ResultStore(path)
    again.open("abc")
    assert again.done() == {("v0", 0), ("v0", 1)}
    assert again.results()[("v0", 1)].kpis == {"k": 0.2}
    again.add([RepResult("v1", 0, {"k": 0.3})])
    third = ResultStore(path)
    third.open("abc")
    assert third.done() == {("v0", 0), ("v0", 1), ("v1", 0)}


def test_other_sweep_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    ResultStore(path).open("abc")
    with pytest.raises(UsageError, match="another sweep"):
        ResultStore(path).open("xyz")


def test_user_file_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my notes\n")
    with pytest.raises(UsageError, match="not overwritten"):
        ResultStore(path).open("abc")
    assert path.read_text() == "my notes\n"
