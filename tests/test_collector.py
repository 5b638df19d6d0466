"""The collector paused while a document loads, and switched back on as it was."""

from __future__ import annotations

import gc
import io
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cskh_org.collector import _State, keep_loaded, paused, paused_collector
from cskh_org.loading import validate_text


def test_paused_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    seen: list[bool] = []

    @paused
    def load() -> int:
        seen.append(gc.isenabled())
        with paused_collector():  # nested: still paused, and not switched on by the inner end
            seen.append(gc.isenabled())
        seen.append(gc.isenabled())
        return 7

    assert load() == 7
    assert seen == [False, False, False]
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with paused_collector():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_back_on_after_an_error() -> None:
    try:
        with paused_collector():
            raise ValueError
    except ValueError:
        pass
    assert gc.isenabled()


def test_overlapping_loads_in_threads() -> None:
    """The collector comes back on when the last load in progress ends, not the first."""
    first_in, second_done = threading.Event(), threading.Event()
    states: list[bool] = []

    def first() -> None:
        with paused_collector():
            first_in.set()
            second_done.wait(5)
            states.append(gc.isenabled())  # the other load ended: still paused for this one

    worker = threading.Thread(target=first)
    worker.start()
    first_in.wait(5)
    with paused_collector():
        pass
    second_done.set()
    worker.join(5)
    assert states == [False]
    assert gc.isenabled()


def test_a_load_leaves_the_collector_on() -> None:
    result = validate_text("version: 1\nid: x\n")
    assert result.findings
    assert gc.isenabled()


@pytest.fixture
def keeping() -> Iterator[None]:
    """:func:`keep_loaded` for one test: the switch and the frozen objects undone after."""
    keep_loaded()
    try:
        yield
    finally:
        _State.keep = False
        gc.unfreeze()


class _Loaded:
    """An object the collector tracks (an instance with a ``__dict__``)."""


def _frozen(obj: object) -> bool:
    """Whether ``obj`` is out of the collector's sight: in no generation it walks."""
    return not any(o is obj for o in gc.get_objects())


def test_a_load_freezes_what_is_alive_once_keep_loaded(keeping: None) -> None:
    """With keep_loaded, what a load made is frozen when the outermost load ends (not the inner
    one), and what is made after it is tracked as usual."""
    made: list[_Loaded] = []
    with paused_collector():
        with paused_collector():
            made.append(_Loaded())
        inner_end = gc.get_freeze_count()
        made.append(_Loaded())
    assert inner_end == 0
    assert gc.get_freeze_count() > 0
    assert all(_frozen(obj) for obj in made)
    after = _Loaded()
    assert gc.is_tracked(after)
    assert not _frozen(after)
    assert gc.isenabled()


def test_without_keep_loaded_nothing_is_frozen() -> None:
    before = gc.get_freeze_count()
    with paused_collector():
        made = _Loaded()
    assert gc.get_freeze_count() == before
    assert not _frozen(made)


def test_the_console_command_keeps_what_it_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    """``cskh-org`` (console, its entry point) runs main on the process's arguments with
    keep_loaded on; main, called by an app or a test, leaves it off."""
    from cskh_org import cli

    small = Path(__file__).parent.parent / "examples" / "small" / "department.yaml"
    assert cli.main(["validate", str(small)], io.StringIO()) == 0
    assert not _State.keep
    monkeypatch.setattr(sys, "argv", ["cskh-org", "validate", str(small)])
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    try:
        assert cli.console() == 0
        assert _State.keep
        assert gc.get_freeze_count() > 0  # the validated department, frozen
    finally:
        _State.keep = False
        gc.unfreeze()


def test_the_entry_points_are_the_console_command() -> None:
    """The installed script and ``python -m cskh_org`` both start through console."""
    import tomllib

    root = Path(__file__).parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))
    assert project["project"]["scripts"]["cskh-org"] == "cskh_org.cli:console"
    assert "sys.exit(console())" in (root / "cskh_org" / "__main__.py").read_text("utf-8")
