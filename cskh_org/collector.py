"""The cyclic garbage collector paused while a document loads (or one ticket is routed from a
router file: bounded work, whose imports and thousands of objects set off collections that
walk every object of the process).

Loading builds millions of long-lived objects (the marked tree, the models, the checks'
lookups) and throws away almost nothing cyclic. Python's collector, counting allocations,
would walk all of them again and again as they accumulate: six full collections over the
generated national department of ``benchmarks/bench_scale.py`` took 1.5 s of its 8 s. So the
load pipeline's entry points run :func:`paused`: no automatic collection until the load is
over, then the collector is switched back on (if it was on) and counts from there. Reference
counting still frees everything as usual; only cycles wait for the next collection.

The pause is process-wide (``gc`` has no other switch) and nests, also across threads: the
collector is switched back on when the last load in progress ends, and only if it was on
when the first began.

A process that keeps what it loads until it exits (the ``cskh-org`` command: one command
per process) calls :func:`keep_loaded` first: then, when a load ends, everything alive is
moved out of the collector's sight (:func:`gc.freeze`, which costs nothing), and the
collections that the command's own work sets off afterwards (a budget, a render, the report
of the findings) walk only what that work makes, not the million objects of the document
again: about 0.2 s of ``budget`` on the generated national department.
"""

from __future__ import annotations

import _thread
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

__all__ = ["keep_loaded", "paused", "paused_collector"]

P = ParamSpec("P")
R = TypeVar("R")


class _State:
    """The loads in progress and whether the collector was on when the first began."""

    lock = _thread.allocate_lock()  # not `threading`: a process that only routes never loads it
    loads = 0
    resume = False
    keep = False
    """Whether a load's objects are frozen when it ends (:func:`keep_loaded`)."""


def keep_loaded() -> None:
    """From now on, when the last load in progress ends, freeze every object alive
    (:func:`gc.freeze`): the loaded documents are never walked by a collection again. For a
    process that keeps them until it exits, never for a long-running app: a cycle frozen
    there (one the load left as garbage, or the app's own) is never collected."""
    _State.keep = True


@contextmanager
def paused_collector() -> Iterator[None]:
    """No automatic cyclic garbage collection inside the block (see the module's docstring)."""
    state = _State
    with state.lock:
        if state.loads == 0:
            state.resume = gc.isenabled()
            gc.disable()
        state.loads += 1
    try:
        yield
    finally:
        with state.lock:
            state.loads -= 1
            if state.loads == 0:
                if state.keep:
                    gc.freeze()
                if state.resume:
                    gc.enable()


def paused(function: Callable[P, R]) -> Callable[P, R]:
    """``function`` run inside :func:`paused_collector`."""

    @wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused_collector():
            return function(*args, **kwargs)

    return run
