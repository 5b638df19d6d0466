"""The examples in the staffing modules' docstrings hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import cskh_org.staffing

MODULES = sorted(
    m.name for m in pkgutil.iter_modules(cskh_org.staffing.__path__, "cskh_org.staffing.")
)


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_in_the_docstrings_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0


def test_the_engines_have_examples() -> None:
    counts = {n: doctest.testmod(importlib.import_module(n)).attempted for n in MODULES}
    assert counts["cskh_org.staffing.erlang"] >= 3
    assert counts["cskh_org.staffing.targets"] >= 1
