"""Every reference resolves, and every id is defined once (the first check the pipeline runs).

Reference fields are declared in the models (``Annotated[Id, Ref("unit")]``, alone, in a
tuple, or as the keys of a mapping); this stage finds them by introspection, so a new model
field that references something is checked without touching this module.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from operator import attrgetter
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from cskh_org.findings import Issue, both, did_you_mean
from cskh_org.model import BUILTIN_FUNCTIONS, Department, Ref

__all__ = ["Issue", "reference_index", "resolve_references", "unknown_references"]

Path = tuple[str | int, ...]


_KIND_SECTION = {
    "unit": "units",
    "role": "roles",
    "function": "functions",
    "person": "people",
    "external": "externals",
    "calendar": "calendars",
    "channel": "ticket_schema.attributes.channel.values",
    "holder": "units` or `externals",
    "shift": "working_time.shifts",
    "contract": "working_time.contracts",
}


def _ref_kind(tp: Any) -> str | None:
    """The kind of reference a field's type holds: an ``Annotated[Id, Ref(kind)]``, alone,
    in a tuple or union, or as the keys of a mapping."""
    origin = get_origin(tp)
    if origin is typing.Annotated:
        for meta in tp.__metadata__:
            if isinstance(meta, Ref):
                return meta.kind
    args = get_args(tp)
    if isinstance(origin, type) and issubclass(origin, Mapping):
        args = args[:1]  # a mapping references by its keys
    for arg in args:
        kind = _ref_kind(arg)
        if kind:
            return kind
    return None


def _holds_model(tp: Any, busy: frozenset[type] = frozenset()) -> bool:
    """Whether ``tp`` holds a model that may hold a reference at some depth (a model with
    no reference below it, as ``Money``, is not walked)."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp in busy:  # a recursive model: walked
            return True
        refs, nested = _plan(tp, busy | {tp})
        return bool(refs or nested)
    return any(_holds_model(arg, busy) for arg in get_args(tp))


@cache
def _plan(
    cls: type[BaseModel], busy: frozenset[type] = frozenset()
) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """The reference fields of a model class, with their kind, and the fields holding models
    that may hold references."""
    refs: list[tuple[str, str]] = []
    nested: list[str] = []
    for name, info in cls.model_fields.items():
        kind = next((m.kind for m in info.metadata if isinstance(m, Ref)), None)
        kind = kind or _ref_kind(info.annotation)
        if kind:
            refs.append((name, kind))
        elif _holds_model(info.annotation, busy | {cls}):
            nested.append(name)
    return tuple(refs), tuple(nested)


def iter_references(obj: BaseModel, path: Path = ()) -> Iterator[tuple[str, str, Path]]:
    """Every ``(kind, id, path)`` reference in a model tree."""
    found: list[tuple[str, str, Path]] = []
    _collect(obj, path, found, None)
    return iter(found)


def _collect(
    obj: BaseModel,
    path: Path,
    found: list[tuple[str, str, Path]],
    known: Mapping[str, set[str]] | None,
) -> None:
    """Append the references in ``obj`` to ``found``; with ``known``, only those naming nothing
    known (a kind missing from ``known`` is not checked). One recursive walk, no generators:
    a department has tens of thousands of references."""
    refs, nested = _plan(type(obj))
    for name, kind in refs:
        value = getattr(obj, name)
        ids = known.get(kind) if known is not None else None
        if known is not None and ids is None:
            continue
        if isinstance(value, str):
            if ids is None or value not in ids:
                found.append((kind, value, (*path, name)))
        elif isinstance(value, tuple | list):
            for i, item in enumerate(value):
                if ids is None or item not in ids:
                    found.append((kind, item, (*path, name, i)))
        elif isinstance(value, Mapping):  # the keys are the references (`concurrency`)
            for key in value:
                if ids is None or key not in ids:
                    found.append((kind, key, (*path, name, key)))
    for name in nested:
        value = getattr(obj, name)
        if isinstance(value, BaseModel):
            _collect(value, (*path, name), found, known)
        elif isinstance(value, tuple | list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    _collect(item, (*path, name, i), found, known)
        elif isinstance(value, Mapping):
            for key, item in value.items():
                if isinstance(item, BaseModel):
                    _collect(item, (*path, name, key), found, known)


def _all_known(objs: list[object], known: Mapping[str, set[str]]) -> bool:
    """Whether every reference in the models among ``objs`` (and the models below them)
    names something known, as :func:`_collect` would find (a kind missing from ``known`` is
    not checked; what is not a model holds no reference): the models taken a class at a time
    and a field at a time, each field's distinct values tested once. A valid department has
    no unknown reference, so this answer is usually all there is. An instance met twice (the
    staff lines written alike are one, see :class:`~cskh_org.model.base.Interned`) is
    tested once."""
    if len(objs) > 1:
        objs = list({id(obj): obj for obj in objs}.values())
    kinds = set(map(type, objs))
    groups: dict[type, list[object]] = {}
    if len(kinds) == 1:
        groups[kinds.pop()] = objs
    else:
        for obj in objs:
            groups.setdefault(type(obj), []).append(obj)
    below: list[object] = []
    for cls, group in groups.items():
        if not issubclass(cls, BaseModel):
            continue
        refs, nested = _plan(cls)
        for name, kind in refs:
            ids = known.get(kind)
            if ids is None:
                continue
            values: Iterable[Any]
            try:
                values = set(map(attrgetter(name), group))
            except TypeError:  # an unhashable value: each is tested
                values = list(map(attrgetter(name), group))
            for value in values:
                if isinstance(value, str):
                    if value not in ids:
                        return False
                elif isinstance(value, tuple | list | Mapping) and not ids.issuperset(value):
                    return False  # (a mapping names by its keys)
        for name in nested:
            for value in map(attrgetter(name), group):
                if isinstance(value, tuple | list):
                    below.extend(value)
                elif isinstance(value, Mapping):
                    below.extend(value.values())
                else:
                    below.append(value)
    return not below or _all_known(below, known)


def reference_index(dept: Department) -> dict[str, set[str]]:
    """The ids each kind of reference may name."""
    return {
        "unit": {u.id for u in dept.units},
        "role": {r.id for r in dept.roles},
        "function": set(BUILTIN_FUNCTIONS) | {f.id for f in dept.functions},
        "person": {p.id for p in dept.people},
        "external": {e.id for e in dept.externals},
        "calendar": {c.id for c in dept.calendars},
        "channel": set(dept.channels),
        "holder": {u.id for u in dept.units} | {e.id for e in dept.externals},
        "shift": set(dept.shifts_by_id),
        "contract": set(dept.contracts_by_id),
    }


def _duplicates(dept: Department) -> Iterator[Issue]:
    working = dept.working_time
    sections: Mapping[tuple[str, ...], tuple[Any, ...]] = {
        ("units",): dept.units,
        ("roles",): dept.roles,
        ("people",): dept.people,
        ("externals",): dept.externals,
        ("calendars",): dept.calendars,
        ("functions",): dept.functions,
        ("working_time", "shifts"): working.shifts if working is not None else (),
        ("working_time", "contracts"): working.contracts if working is not None else (),
    }
    for section, items in sections.items():
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in first:
                yield Issue.said(
                    "duplicate-id",
                    (*section, i, "id"),
                    id=item.id,
                    section=".".join(section),
                    index=first[item.id],
                )
            else:
                first[item.id] = i
    for i, func in enumerate(dept.functions):
        if func.id in BUILTIN_FUNCTIONS:
            yield Issue.said(
                "duplicate-id", ("functions", i, "id"), "duplicate-id.builtin", id=func.id
            )


def resolve_references(dept: Department) -> list[Issue]:
    """Duplicate ids and references to nothing, with a "did you mean" for near misses."""
    issues = list(_duplicates(dept))
    issues.extend(unknown_references(dept, (), reference_index(dept)))
    return issues


def unknown_references(obj: BaseModel, path: Path, index: Mapping[str, set[str]]) -> list[Issue]:
    """The references below ``obj`` (written at ``path``) naming nothing in ``index``
    (:func:`reference_index`), each with a "did you mean" for a near miss."""
    issues: list[Issue] = []
    unknown: list[tuple[str, str, Path]] = []
    if not _all_known([obj], index):  # then the walk finds where, in document order
        _collect(obj, path, unknown, index)
    for kind, value, at in unknown:
        known = index[kind]
        if kind == "channel" and not known:
            hint = both("unknown-channel.no-enum")
        else:
            hint = did_you_mean(value, known) or both(
                "hint.define-under", section=_KIND_SECTION.get(kind, kind)
            )
        issues.append(Issue.said(f"unknown-{kind}", at, value=value, hint=hint))
    return issues
