"""Nothing reachable from a loaded department (or workload) can be changed.

A generic walk over every bundled example: every model field, cached lookup and mapping is
tried for assignment and deletion, every sequence must be a tuple, and every leaf must be a
value of an immutable type.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import enum
import pickle
from collections.abc import Iterator, Mapping, MutableMapping
from decimal import Decimal
from functools import cached_property
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from cskh_org.loading import load_workload, validate
from cskh_org.model import BUILTIN_FUNCTIONS, Department, FrozenMap, freeze
from cskh_org.model.workload import Workload
from tests.conftest import EXAMPLES

DEPARTMENTS = sorted(
    p for p in EXAMPLES.glob("*/department.yaml") if not p.is_relative_to(EXAMPLES / "invalid")
)
LEAVES = (str, int, float, Decimal, enum.Enum, datetime.date, datetime.time, datetime.timedelta)
"""Immutable leaf types (``bool`` and ``datetime`` are covered by their bases)."""
REFUSED = (AttributeError, TypeError, ValidationError)


def _department(path: Path) -> Department:
    return validate(path).unwrap()


def _workload(path: Path) -> Workload | None:
    file = path.parent / "workload.yaml"
    return load_workload(file, _department(path)).unwrap() if file.exists() else None


def _walk(value: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Every object reachable from ``value``, with its path (models, their cached lookups,
    mappings, tuples, leaves)."""
    yield path, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), f"{path}.{name}")
        for name in dir(type(value)):
            if isinstance(getattr(type(value), name, None), cached_property):
                yield from _walk(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(key, f"{path}[{key!r}:key]")
            yield from _walk(item, f"{path}[{key!r}]")
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")


def _assert_immutable(path: str, value: object) -> None:
    if isinstance(value, BaseModel):
        names = [*type(value).model_fields]
        names += [
            n for n in dir(type(value)) if isinstance(getattr(type(value), n), cached_property)
        ]
        for name in names:
            with pytest.raises(REFUSED):
                setattr(value, name, None)
            with pytest.raises(REFUSED):
                delattr(value, name)
        with pytest.raises(REFUSED):
            value.extra_attribute = 1  # type: ignore[attr-defined]
    elif isinstance(value, Mapping):
        assert type(value) is FrozenMap, f"{path} is a {type(value).__name__}"
        assert not isinstance(value, MutableMapping), path
        key = next(iter(value), "key")
        with pytest.raises(TypeError):
            value[key] = None  # type: ignore[index]
        with pytest.raises(TypeError):
            del value[key]  # type: ignore[attr-defined]
        for name in ("_data", "_hash"):
            with pytest.raises(AttributeError):
                setattr(value, name, {})
            with pytest.raises(AttributeError):
                delattr(value, name)
        with pytest.raises(TypeError):
            value._data[key] = None  # type: ignore[index]
    elif isinstance(value, tuple):
        pass  # its items are walked on their own
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        # a frozen value class (``BusinessDays``): no field can be set, each field a leaf
        for field in dataclasses.fields(value):
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(value, field.name, None)
            assert isinstance(getattr(value, field.name), LEAVES), f"{path}.{field.name}"
    else:
        assert value is None or isinstance(value, LEAVES), (
            f"{path} holds a {type(value).__name__}, which may be mutable"
        )


@pytest.mark.parametrize("path", DEPARTMENTS, ids=lambda p: p.parent.name)
def test_nothing_reachable_from_a_department_can_change(path: Path) -> None:
    dept = _department(path)
    seen = 0
    for where, value in _walk(dept, "department"):
        _assert_immutable(where, value)
        seen += 1
    assert seen > 50


@pytest.mark.parametrize("path", DEPARTMENTS, ids=lambda p: p.parent.name)
def test_nothing_reachable_from_a_workload_can_change(path: Path) -> None:
    workload = _workload(path)
    if workload is None:
        pytest.skip("no workload beside this department")
    for where, value in _walk(workload, "workload"):
        _assert_immutable(where, value)


@pytest.mark.parametrize("path", DEPARTMENTS, ids=lambda p: p.parent.name)
def test_a_department_survives_pickle_copy_and_dump(path: Path) -> None:
    dept = _department(path)
    for clone in (pickle.loads(pickle.dumps(dept)), copy.deepcopy(dept), copy.copy(dept)):
        assert clone == dept
        assert hash(clone) == hash(dept)
    again = Department.model_validate(dept.model_dump(mode="json"))
    assert again == dept
    assert Department.model_validate_json(dept.model_dump_json()) == dept


def test_builtin_functions_are_frozen() -> None:
    with pytest.raises(TypeError):
        BUILTIN_FUNCTIONS["support"]["vi"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        BUILTIN_FUNCTIONS["x"] = {}  # type: ignore[index]


def test_frozen_map_behaves_as_a_read_only_dict() -> None:
    m: FrozenMap[str, int] = FrozenMap({"a": 1, "b": 2})
    assert m == {"a": 1, "b": 2}
    assert m == FrozenMap({"b": 2, "a": 1})
    assert hash(m) == hash(FrozenMap({"b": 2, "a": 1}))
    assert m.get("a") == 1
    assert m.get("z", 0) == 0
    assert list(m.items()) == [("a", 1), ("b", 2)]
    assert dict(m | {"c": 3}) == {"a": 1, "b": 2, "c": 3}
    assert pickle.loads(pickle.dumps(m)) == m
    assert copy.deepcopy(m) == m
    for method in ("clear", "pop", "popitem", "setdefault", "update"):
        assert not hasattr(m, method)


def test_freeze_turns_dicts_and_lists_into_frozen_maps_and_tuples() -> None:
    frozen = freeze({"a": [1, {"b": [2]}]})
    assert frozen == {"a": (1, {"b": (2,)})}
    assert type(frozen) is FrozenMap
    assert type(frozen["a"][1]) is FrozenMap
