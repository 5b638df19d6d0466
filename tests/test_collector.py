"""The collector paused while a document loads, and switched back on as it was."""

from __future__ import annotations

import gc
import threading

from cskh_org.collector import paused, paused_collector
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
