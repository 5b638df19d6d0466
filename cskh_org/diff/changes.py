"""The semantic change list between two versions of a department.

Both versions are compared as the data their models hold (``model_dump`` in JSON mode, by the
field names the YAML uses), so a change written differently but meaning the same (a default
written out, keys in another order, an include moved) is no change, and every default that
changes is one. Lists of things with an ``id`` are matched by id, not by position: a unit
that moved in the file but kept its id and fields is not changed; one whose ``parent``
changed is *moved*, whose ``name`` changed *renamed*. Routing rules and escalation steps are
ordered (the router takes the first rule that matches), so a rule whose place among the
rules both versions share changed is *reordered*. Staff lines have no id: they are matched
by role and person first, then by position among the lines left.

Each :class:`Change` carries its path in each version (the field path the loader's marks
resolve to ``file:line:col``) and the value in each, as short text.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from pydantic import BaseModel, TypeAdapter

from cskh_org.model import Department

__all__ = ["Change", "ChangeKind", "Path", "changes"]

Path = tuple[str | int, ...]

MAX_VALUE_TEXT: Final = 120
"""Longest value text kept in a change; longer values are cut with ``…`` and their length."""

_ORDERED: Final = frozenset({("routing", "rules"), ("escalation", "steps")})
"""Id lists whose order means something."""

_SECTIONS: Final[Mapping[Path, str]] = {
    ("units",): "unit",
    ("roles",): "role",
    ("people",): "person",
    ("externals",): "external",
    ("functions",): "function",
    ("calendars",): "calendar",
    ("working_time", "shifts"): "shift",
    ("working_time", "contracts"): "contract",
    ("routing", "rules"): "rule",
    ("sla", "policies"): "sla-policy",
    ("escalation", "steps"): "escalation-step",
    ("budget", "lines"): "budget-line",
}
"""The id-keyed lists of a department and the kind of thing each holds."""


class ChangeKind(enum.StrEnum):
    """What happened to a thing or a field."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"
    """A unit whose ``parent`` changed."""
    RENAMED = "renamed"
    """A thing whose display ``name`` (or a role's ``title``) changed."""
    REORDERED = "reordered"
    """A rule or escalation step whose place among the ones both versions share changed."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change, with its place in each version (``None`` where it does not exist)."""

    kind: ChangeKind
    section: str
    """What kind of thing changed: ``unit``, ``rule``, ``staff-line``, ``budget-line``,
    ``sla``… (the top-level field for anything else: ``routing``, ``budget``…)."""
    subject: str
    """Which one: its id (``unit:care/staff[2]`` for a staff line), or the field path."""
    field: str
    """The field that changed (dotted, from the subject), empty for the whole thing."""
    old_path: Path | None
    new_path: Path | None
    old: str | None
    """The old value as short JSON text (``None``: absent)."""
    new: str | None


def changes(old: Department, new: Department) -> tuple[Change, ...]:
    """Every change from ``old`` to ``new``, in the new document's order of sections.

    Only what differs is dumped: the models are compared first (in C, field by field), a
    section equal in both is skipped, and of a top-level list of things with ids only the
    things that differ are dumped (a 500-unit department with a few changes dumps a few
    units)."""
    differ = _Differ()
    out: list[Change] = []
    for name, info in type(new).model_fields.items():
        va, vb = getattr(old, name), getattr(new, name)
        if va == vb:
            continue
        key = info.alias or name
        if key in _TOP_ID_LISTS and isinstance(va, tuple) and isinstance(vb, tuple):
            lists = _id_lists(va, vb)
            if lists is not None:
                out += differ._by_id(*lists, (key,), (key,), _TOP_ID_LISTS[key], ordered=False)
                continue
        da = {} if va is None else {key: _dump(va)}
        db = {} if vb is None else {key: _dump(vb)}
        out += differ.tree(da, db, (), (), section=None, subject=None)
    return tuple(out)


_TOP_ID_LISTS: Final[Mapping[str, str]] = {
    str(path[0]): kind for path, kind in _SECTIONS.items() if len(path) == 1
}


class _Same:
    """Stands for a thing equal in both versions (not dumped): equal to itself only."""

    __slots__ = ()


_SAME: Final = _Same()


def _dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, tuple):
        return [_dump(v) for v in value]
    return _ADAPTER.dump_python(value, mode="json", by_alias=True, exclude_none=True)


_ADAPTER: Final = TypeAdapter(Any)


def _id_lists(
    a: tuple[Any, ...], b: tuple[Any, ...]
) -> tuple[tuple[list[Any], list[str]], tuple[list[Any], list[str]]] | None:
    """Both lists with the things equal in both left undumped (:data:`_SAME`), and their ids;
    ``None`` when the ids are not distinct text."""
    ids_a = [getattr(x, "id", None) for x in a]
    ids_b = [getattr(x, "id", None) for x in b]
    if (
        not all(isinstance(i, str) for i in (*ids_a, *ids_b))
        or len(set(ids_a)) != len(ids_a)
        or len(set(ids_b)) != len(ids_b)
    ):
        return None
    by_b = dict(zip(ids_b, b, strict=True))
    by_a = dict(zip(ids_a, a, strict=True))
    items_a = [
        _SAME if by_b.get(i, _SAME) == x else _dump(x) for i, x in zip(ids_a, a, strict=True)
    ]
    items_b = [
        _SAME if by_a.get(i, _SAME) == x else _dump(x) for i, x in zip(ids_b, b, strict=True)
    ]
    return (items_a, [str(i) for i in ids_a]), (items_b, [str(i) for i in ids_b])


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))
    if len(text) > MAX_VALUE_TEXT:
        return f"{text[: MAX_VALUE_TEXT - 1]}… ({len(text)} chars)"
    return text


def _dotted(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _ids(items: Sequence[Any]) -> list[str] | None:
    """The items' ids when every item is a mapping with a distinct text id."""
    ids = [item.get("id") if isinstance(item, dict) else None for item in items]
    if not all(isinstance(i, str) for i in ids) or len(set(ids)) != len(ids):
        return None
    return [str(i) for i in ids]


class _Differ:
    def tree(
        self,
        a: Any,
        b: Any,
        pa: Path,
        pb: Path,
        *,
        section: str | None,
        subject: str | None,
        base: int = 0,
    ) -> Iterator[Change]:
        """Changes between the values ``a`` (at ``pa``) and ``b`` (at ``pb``); ``base``: the
        length of the subject's own path (field names are relative to it)."""
        if a == b:  # compared in C: most of two versions is the same
            return
        if isinstance(a, dict) and isinstance(b, dict):
            yield from self._mapping(a, b, pa, pb, section=section, subject=subject, base=base)
            return
        if isinstance(a, list) and isinstance(b, list):
            yield from self._list(a, b, pa, pb, section=section, subject=subject, base=base)
            return
        if a != b:
            yield self._field(a, b, pa, pb, section=section, subject=subject, base=base)

    def _field(
        self,
        a: Any,
        b: Any,
        pa: Path | None,
        pb: Path | None,
        *,
        section: str | None,
        subject: str | None,
        base: int,
    ) -> Change:
        path = pb if pb is not None else pa
        assert path is not None
        sec = section or str(path[0]) if path else (section or "department")
        kind = ChangeKind.CHANGED
        if a is None and b is not None:
            kind = ChangeKind.ADDED if subject is None else ChangeKind.CHANGED
        field = _dotted(path[base:])
        if section == "unit" and field == "parent":
            kind = ChangeKind.MOVED
        elif section is not None and field.split(".")[0] in ("name", "title"):
            kind = ChangeKind.RENAMED
        return Change(
            kind,
            sec,
            subject or _dotted(path) or "department",
            field,
            pa,
            pb,
            _text(a),
            _text(b),
        )

    def _mapping(
        self,
        a: dict[str, Any],
        b: dict[str, Any],
        pa: Path,
        pb: Path,
        *,
        section: str | None,
        subject: str | None,
        base: int,
    ) -> Iterator[Change]:
        for key in [*b, *(k for k in a if k not in b)]:
            va, vb = a.get(key), b.get(key)
            qa, qb = (*pa, key), (*pb, key)
            if subject is None and va is not None and vb is None:
                # a whole section dropped (``budget:`` gone)
                top = str(qa[0])
                yield Change(ChangeKind.REMOVED, top, _dotted(qa), "", qa, None, _text(va), None)
                continue
            if subject is None and va is None and vb is not None:
                top = str(qb[0])
                yield Change(ChangeKind.ADDED, top, _dotted(qb), "", None, qb, None, _text(vb))
                continue
            yield from self.tree(va, vb, qa, qb, section=section, subject=subject, base=base)

    def _list(
        self,
        a: list[Any],
        b: list[Any],
        pa: Path,
        pb: Path,
        *,
        section: str | None,
        subject: str | None,
        base: int,
    ) -> Iterator[Change]:
        where = tuple(p for p in pb if isinstance(p, str))
        kind_of = _SECTIONS.get(where) if subject is None else None
        ids_a = _ids(a) if kind_of is not None else None
        ids_b = _ids(b) if ids_a is not None else None
        if kind_of is not None and ids_a is not None and ids_b is not None:
            yield from self._by_id(
                (a, ids_a), (b, ids_b), pa, pb, kind_of, ordered=where in _ORDERED
            )
            return
        if where and where[-1] == "staff" and subject is not None:
            yield from self._staff(a, b, pa, pb, unit=subject)
            return
        nested = all(isinstance(x, dict | list) for x in (*a, *b))
        if a != b and nested and len(a) == len(b):  # conditions, breaks: point at the part
            for k, (x, y) in enumerate(zip(a, b, strict=True)):
                yield from self.tree(
                    x, y, (*pa, k), (*pb, k), section=section, subject=subject, base=base
                )
            return
        if a != b:
            yield self._field(a, b, pa, pb, section=section, subject=subject, base=base)

    def _by_id(
        self,
        old: tuple[list[Any], list[str]],
        new: tuple[list[Any], list[str]],
        pa: Path,
        pb: Path,
        section: str,
        *,
        ordered: bool,
    ) -> Iterator[Change]:
        (a, ids_a), (b, ids_b) = old, new
        at_a = {ident: k for k, ident in enumerate(ids_a)}
        at_b = {ident: k for k, ident in enumerate(ids_b)}
        for k, ident in enumerate(ids_b):
            if ident not in at_a:
                yield Change(
                    ChangeKind.ADDED, section, ident, "", None, (*pb, k), None, _text(b[k])
                )
        for k, ident in enumerate(ids_a):
            if ident not in at_b:
                yield Change(
                    ChangeKind.REMOVED, section, ident, "", (*pa, k), None, _text(a[k]), None
                )
        shared_a = [i for i in ids_a if i in at_b]
        shared_b = [i for i in ids_b if i in at_a]
        moved: set[str] = set()
        if ordered and shared_a != shared_b:
            moved = _out_of_order(shared_a, shared_b)
        for ident in ids_b:
            if ident not in at_a:
                continue
            ka, kb = at_a[ident], at_b[ident]
            qa, qb = (*pa, ka), (*pb, kb)
            if ident in moved:
                yield Change(
                    ChangeKind.REORDERED,
                    section,
                    ident,
                    "",
                    qa,
                    qb,
                    str(shared_a.index(ident) + 1),
                    str(shared_b.index(ident) + 1),
                )
            if a[ka] is _SAME:
                continue
            if section == "unit":
                yield from self._unit(a[ka], b[kb], qa, qb, ident)
            else:
                yield from self.tree(
                    a[ka], b[kb], qa, qb, section=section, subject=ident, base=len(qb)
                )

    def _unit(
        self, a: dict[str, Any], b: dict[str, Any], pa: Path, pb: Path, ident: str
    ) -> Iterator[Change]:
        if a == b:
            return
        for key in [*b, *(k for k in a if k not in b)]:
            qa, qb = (*pa, key), (*pb, key)
            va, vb = a.get(key), b.get(key)
            if key == "staff" and isinstance(va, list) and isinstance(vb, list):
                yield from self._staff(va, vb, qa, qb, unit=ident)
            else:
                yield from self.tree(va, vb, qa, qb, section="unit", subject=ident, base=len(pb))

    def _staff(
        self, a: list[Any], b: list[Any], pa: Path, pb: Path, *, unit: str
    ) -> Iterator[Change]:
        """Staff lines matched by (role, person), then by position among those left."""
        if a == b:
            return
        pairs: list[tuple[int | None, int | None]] = []
        free_a = list(range(len(a)))
        unmatched_b: list[int] = []
        for j, line in enumerate(b):
            key = (line.get("role"), line.get("person"))
            found = next((i for i in free_a if (a[i].get("role"), a[i].get("person")) == key), None)
            if found is None:
                unmatched_b.append(j)
            else:
                free_a.remove(found)
                pairs.append((found, j))
        pairs += zip(list(free_a), list(unmatched_b), strict=False)
        matched_a = {ka for ka, _ in pairs}
        matched_b = {kb for _, kb in pairs}
        pairs += [(k, None) for k in range(len(a)) if k not in matched_a]
        pairs += [(None, k) for k in range(len(b)) if k not in matched_b]
        pairs.sort(key=lambda p: (p[1] if p[1] is not None else len(b), p[0] or 0))
        for ka, kb in pairs:
            label = f"{unit}/staff[{(kb if kb is not None else ka)}]"
            if ka is None:
                assert kb is not None
                yield Change(
                    ChangeKind.ADDED, "staff-line", label, "", None, (*pb, kb), None, _text(b[kb])
                )
            elif kb is None:
                yield Change(
                    ChangeKind.REMOVED,
                    "staff-line",
                    label,
                    "",
                    (*pa, ka),
                    None,
                    _text(a[ka]),
                    None,
                )
            else:
                qa, qb = (*pa, ka), (*pb, kb)
                yield from self.tree(
                    a[ka], b[kb], qa, qb, section="staff-line", subject=label, base=len(qb)
                )


def _out_of_order(a: list[str], b: list[str]) -> set[str]:
    """The fewest ids to move to turn order ``a`` into order ``b``: those outside a longest
    common subsequence (patience sorting on ``b``'s positions, O(n log n))."""
    from bisect import bisect_left

    at = {ident: k for k, ident in enumerate(b)}
    seq = [at[i] for i in a]
    tails: list[int] = []
    tail_at: list[int] = []
    parent = [-1] * len(seq)
    for k, value in enumerate(seq):
        j = bisect_left(tails, value)
        if j == len(tails):
            tails.append(value)
            tail_at.append(k)
        else:
            tails[j] = value
            tail_at[j] = k
        parent[k] = tail_at[j - 1] if j else -1
    keep: set[int] = set()
    at_end = tail_at[-1] if tail_at else -1
    while at_end >= 0:
        keep.add(at_end)
        at_end = parent[at_end]
    return {ident for k, ident in enumerate(a) if k not in keep}
