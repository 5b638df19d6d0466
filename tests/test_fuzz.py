"""A bounded mutation fuzzer over the bundled examples, run in-process on every CI run.

Each example mutates a department (or a workload) — its parsed tree (delete a key or item,
duplicate an item, swap a scalar's type, odd numbers, unicode controls, deep nesting, wrong
references) or its YAML text (duplicate or delete a line, truncate, insert a character) — and
runs it through everything a user can: load → validate → route a few tickets from its ticket
schema (``route``, ``explain``, the reference) → budget plan → DOT and Mermaid of every view →
a tiny simulation. Every outcome must be findings or a :class:`~cskh_org.errors.CskhOrgError`;
any other exception is a bug. Deterministic (``derandomize``) so CI is repeatable; set
``CSKH_FUZZ_EXAMPLES`` for a longer run, and see ``fuzz/`` for coverage-guided fuzzing.
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import os
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cskh_org.budget import plan
from cskh_org.errors import CskhOrgError
from cskh_org.loading import load_workload_text, validate, validate_text
from cskh_org.loading.source import parse_text
from cskh_org.model import BooleanAttribute, Department, EnumAttribute, NumberAttribute
from cskh_org.model.workload import Workload
from cskh_org.render import render
from cskh_org.render.views import ViewName
from cskh_org.serialize import _Dumper, dump_yaml
from cskh_org.simulation.run import simulate
from tests.conftest import EXAMPLES

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("CSKH_FUZZ_EXAMPLES", "60")),
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("fuzz")

SEEDS = ("small", "growing", "large")

NUMBERS: tuple[object, ...] = (0, -1, -1000000, 1000000000, 2**31, -0.5, 1e-9, 0.25, "-1h")
HUGE: tuple[object, ...] = (
    Decimal("1e30"),
    Decimal("1e999999999"),
    "99999999999h",
    "1e30 VND",
    2**64,
)
CONTROLS = ("\x00", "\x07", "\u202e", "\u2066", "\ufeff", "\u0085", "\u2028", "\x1b[31m", "\ud7ff")
OTHER_TYPES: tuple[object, ...] = ("text", 0, 1.5, True, None, [], {}, ["a"], {"x": 1})
INSERTS = (":", "- ", "\t", "{", "[", "&a ", "*a", "!!str ", "<<: *a", "? ", "%YAML 1.1", "\x00")


def _plain(node: Any) -> Any:
    """A marked tree as plain dicts and lists."""
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _dump(tree: Any) -> str:
    return str(yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100))


@cache
def _seed_department(name: str) -> Department:
    return validate(EXAMPLES / name / "department.yaml").unwrap()


@cache
def _seed_text(name: str, kind: str) -> str:
    if kind == "department":  # the merged document: the fuzzed text has no includes to follow
        return dump_yaml(_seed_department(name).model_copy(update={"include": ()}))
    return (EXAMPLES / name / "workload.yaml").read_text(encoding="utf-8")


@cache
def _seed_tree(name: str, kind: str) -> Any:
    return _plain(parse_text(_seed_text(name, kind)).data)


# -- mutations -------------------------------------------------------------------------------

Path_ = tuple[str | int, ...]


def _paths(node: Any, prefix: Path_ = ()) -> Iterator[Path_]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _get(tree: Any, path: Path_) -> Any:
    for step in path:
        tree = tree[step]
    return tree


def _nest(value: object, depth: int, as_list: bool) -> object:
    for _ in range(depth):
        value = [value] if as_list else {"n": value}
    return value


@st.composite
def _tree_mutation(draw: st.DrawFn, tree: Any) -> Any:
    """``tree`` (a copy) with one node changed."""
    tree = copy.deepcopy(tree)
    paths = list(_paths(tree))[1:]
    path = draw(st.sampled_from(paths))
    parent, key = _get(tree, path[:-1]), path[-1]
    value = parent[key]
    numbers = NUMBERS + HUGE
    op = draw(
        st.sampled_from(("delete", "duplicate", "retype", "number", "unicode", "nest", "ref"))
    )
    if op == "delete":
        del parent[key]
    elif op == "duplicate" and isinstance(parent, list):
        parent.insert(int(key), copy.deepcopy(value))
    elif op == "duplicate":  # a second key spelt differently; duplicate keys are a text op
        parent[f"{key}_"] = copy.deepcopy(value)
    elif op == "retype":
        parent[key] = draw(st.sampled_from(OTHER_TYPES))
    elif op == "number":
        parent[key] = draw(st.sampled_from(numbers))
    elif op == "unicode":
        text = value if isinstance(value, str) else str(value)
        at = draw(st.integers(0, len(text)))
        parent[key] = text[:at] + draw(st.sampled_from(CONTROLS)) + text[at:]
    elif op == "nest":
        depth = draw(st.sampled_from((2, 30, 150)))  # the loader refuses beyond its bound
        parent[key] = _nest(value, depth, draw(st.booleans()))
    else:  # a wrong reference: another name from the document, or one from nowhere
        names = [*sorted(set(_strings(tree)))[:500], "no_such_id"]
        parent[key] = draw(st.sampled_from(names))
    return tree


@st.composite
def _text_mutation(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines(keepends=True)
    op = draw(st.sampled_from(("dup_line", "del_line", "truncate", "insert")))
    if op in ("dup_line", "del_line") and lines:
        i = draw(st.integers(0, len(lines) - 1))
        lines[i : i + 1] = [lines[i]] * 2 if op == "dup_line" else []  # dup: a duplicate key
        return "".join(lines)
    at = draw(st.integers(0, len(text)))
    if op == "truncate":
        return text[:at]
    return text[:at] + draw(st.sampled_from(INSERTS)) + text[at:]


@st.composite
def _mutated(draw: st.DrawFn, kind: str) -> tuple[str, str]:
    """A seed name and its mutated document text: mostly one mutation (so that some mutants
    still load and reach the engines), sometimes two or three, a text mutation in one of four."""
    name = draw(st.sampled_from(SEEDS))
    tree = _seed_tree(name, kind)
    for _ in range(draw(st.sampled_from((1, 1, 1, 1, 2, 3)))):
        tree = draw(_tree_mutation(tree))
    text = _dump(tree)
    if draw(st.integers(0, 3)) == 0:
        text = draw(_text_mutation(text))
    return name, text


# -- the run: everything a user can do with a document ----------------------------------------


def _tickets(dept: Department) -> list[dict[str, object]]:
    """A few tickets from the ticket schema: first values, last values, required only."""
    first: dict[str, object] = {}
    last: dict[str, object] = {}
    required: dict[str, object] = {}
    for name, spec in dept.ticket_schema.attributes.items():
        low: object
        high: object
        if isinstance(spec, EnumAttribute):
            low, high = spec.values[0], spec.values[-1]
        elif isinstance(spec, NumberAttribute):
            low = spec.minimum if spec.minimum is not None else 0
            high = spec.maximum if spec.maximum is not None else 10**6
        elif isinstance(spec, BooleanAttribute):
            low, high = False, True
        else:
            low, high = "x", "y"
        first[name], last[name] = low, high
        if spec.required:
            required[name] = low
    return [first, last, required]


def _use(dept: Department, workload: Workload | None) -> None:
    """Route, plan, draw and simulate; a CskhOrgError at any step is an answer, not a bug."""
    if dept.routing is not None:
        router = dept.router()
        for ticket in _tickets(dept):
            try:
                decision = router.route(ticket)
            except CskhOrgError:
                continue
            assert router.route_reference(ticket) == decision
            assert router.explain(ticket).decision == decision
    if dept.budget is not None:
        with contextlib.suppress(CskhOrgError):
            plan(dept)
    for view in ViewName:
        for fmt in ("dot", "mermaid"):
            with contextlib.suppress(CskhOrgError):
                render(dept, view, fmt)
    if workload is not None:
        with contextlib.suppress(CskhOrgError):
            simulate(dept, workload, days=0.2, replications=1, warmup=datetime.timedelta(0))


def _load_department(text: str) -> Department | None:
    result = validate_text(text, name="fuzz.yaml")
    assert result.findings or result.department is not None
    return result.department if result.ok() else None


def _load_workload(text: str, dept: Department) -> Workload | None:
    result = load_workload_text(text, dept, name="fuzz-workload.yaml")
    assert result.findings or result.workload is not None
    return result.workload if result.ok() else None


@FUZZ
@given(case=_mutated("department"))
def test_a_mutated_department_gives_findings_or_a_cskh_org_error(case: tuple[str, str]) -> None:
    name, text = case
    try:
        dept = _load_department(text)
        if dept is None:
            return
        _use(dept, _load_workload(_seed_text(name, "workload"), dept))
    except CskhOrgError:
        pass


@FUZZ
@given(case=_mutated("workload"))
def test_a_mutated_workload_gives_findings_or_a_cskh_org_error(case: tuple[str, str]) -> None:
    name, text = case
    dept = _seed_department(name)
    with contextlib.suppress(CskhOrgError):
        _use(dept, _load_workload(text, dept))


@pytest.mark.parametrize("name", SEEDS)
def test_the_seeds_load_and_run_unmutated(name: str) -> None:
    """The fuzzer starts from documents that pass, so a mutation is what any failure is about."""
    dept = _load_department(_seed_text(name, "department"))
    assert dept is not None
    workload = _load_workload(_seed_text(name, "workload"), dept)
    assert workload is not None
    _use(dept, workload)


def test_seed_trees_dump_back_to_the_same_document() -> None:
    for name in SEEDS:
        dept = _load_department(_dump(_seed_tree(name, "department")))
        assert dept == _seed_department(name).model_copy(update={"include": ()})
