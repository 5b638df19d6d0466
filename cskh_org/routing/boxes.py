"""Conditions as unions of boxes over finite abstract domains: exact, and fast to test.

Every attribute a rule mentions gets a finite *domain* of abstract elements such that each
atomic test is constant on each element:

* enum — ``MISSING`` plus each allowed value;
* boolean — ``MISSING``, ``false``, ``true``;
* number — ``MISSING`` plus the regions cut by every constant the rules compare it with (and
  the schema's bounds): ``(-∞, t0)``, ``[t0]``, ``(t0, t1)``, … ``(tk, +∞)``;
* text — ``MISSING``, each value the rules name, and "any other text".

A *box* gives, per attribute, the set of elements allowed (a bitmask); a condition compiles to
a list of boxes (its disjunctive normal form). On these, "does rule i ever fire?" and "which
tickets reach the default?" are exact set computations, and routing a ticket is a few
bitmask ANDs.
"""

from __future__ import annotations

import itertools
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Decimal, localcontext
from typing import Any

from cskh_org.model import (
    BooleanAttribute,
    EnumAttribute,
    NumberAttribute,
    TextAttribute,
    TicketSchema,
)
from cskh_org.model.routing import AllOf, AnyOf, AttributeTest, Condition, NotOf, Scalar
from cskh_org.routing.semantics import MISSING, is_number, test_holds
from cskh_org.routing.values import element_of
from cskh_org.words import say

__all__ = [
    "Box",
    "Domain",
    "Space",
    "TooComplex",
    "boxes_intersect",
    "condition_atoms",
    "condition_constants",
    "intersect",
    "subtract",
]

Box = tuple[int, ...]
"""One allowed-element bitmask per attribute of the space, in the space's attribute order."""


class _Unordered(Exception):
    """A constant bisection cannot place (not finite): the test is asked element by element."""


class TooComplex(Exception):
    """A condition's normal form is larger than the limit; it is evaluated directly instead."""


@dataclass
class Domain:
    """The abstract elements of one attribute (element 0 is always ``MISSING``)."""

    name: str
    kind: str
    labels: list[str]
    """A human description of each element."""
    values: list[Any] = field(default_factory=list)
    """enum/bool/text: the concrete value of element i+1; number: the sorted thresholds."""
    valid: int = 0
    """Elements a valid ticket can take."""
    representatives: list[Any] = field(default_factory=list)
    """A concrete value inside each element (``MISSING`` for element 0)."""
    _index: dict[Any, int] = field(default_factory=dict)
    _numbers: tuple[list[Any], list[int]] | None = None
    """Number domains: the representatives of the valid present elements, in increasing
    order, and each one's element bit (filled on first use)."""
    _texts: dict[str, int] | bool | None = field(default=None, compare=False, repr=False)
    """Enum and text domains: each valid present element's bit, by its representative, when
    they are all distinct plain ``str`` (``False`` when not; filled on first use)."""

    @property
    def size(self) -> int:
        return len(self.labels)

    def element(self, value: Any) -> int:
        """The element a (validated) concrete value falls in."""
        return element_of(self.kind, self.values, self._index, self.size, value)

    def matching(self, test: AttributeTest | Scalar) -> int:
        """The mask of elements on which the test holds."""
        if self.kind == "number":
            fast = self._number_matching(test)
            if fast is not None:
                return fast
        elif self.kind in ("enum", "text"):
            fast = self._text_matching(test)
            if fast is not None:
                return fast
        return self.matching_one_by_one(test)

    def matching_one_by_one(self, test: AttributeTest | Scalar) -> int:
        """:meth:`matching`, asking :func:`test_holds` on every element's representative."""
        mask = 0
        for i, rep in enumerate(self.representatives):
            if self.valid >> i & 1 and test_holds(test, rep):
                mask |= 1 << i
        return mask

    def _number_matching(self, test: AttributeTest | Scalar) -> int | None:
        """:meth:`matching` on a number domain by bisection, or None when it cannot tell.

        The representatives of the valid present elements increase strictly, and Python
        compares ints, floats and Decimals exactly, so an order test holds on a prefix or a
        suffix of them and an equality on at most one: the same answers as asking each."""
        if self._numbers is None:
            pairs = [
                (rep, i)
                for i, rep in enumerate(self.representatives)
                if i and self.valid >> i & 1 and rep is not None
            ]
            self._numbers = ([rep for rep, _ in pairs], [1 << i for _, i in pairs])
        numbers, bits = self._numbers
        if not isinstance(test, AttributeTest):
            try:
                return self._equal(test) | (self.valid & 1 and int(test_holds(test, MISSING)))
            except _Unordered:
                return None
        test_ = test
        try:
            lo, hi = 0, len(numbers)
            for op in ("gt", "gte", "lt", "lte"):
                bound = getattr(test_, op)
                if bound is None:
                    continue
                if not _finite(bound):
                    return None
                if op == "gt":
                    lo = max(lo, bisect_right(numbers, bound))
                elif op == "gte":
                    lo = max(lo, bisect_left(numbers, bound))
                elif op == "lt":
                    hi = min(hi, bisect_left(numbers, bound))
                else:
                    hi = min(hi, bisect_right(numbers, bound))
            mask = 0
            for bit in bits[lo:hi] if lo < hi else ():
                mask |= bit
            if test_.eq is not None:
                mask &= self._equal(test_.eq)
            if test_.ne is not None:
                mask &= ~self._equal(test_.ne)
            if test_.in_ is not None:
                either = 0
                for value in test_.in_:
                    either |= self._equal(value)
                mask &= either
            for value in test_.not_in or ():
                mask &= ~self._equal(value)
        except _Unordered:
            return None
        if test_.present is False:
            mask = 0
        if self.valid & 1 and test_holds(test, MISSING):
            mask |= 1
        return mask

    def _text_matching(self, test: AttributeTest | Scalar) -> int | None:
        """:meth:`matching` on an enum or text domain by looking the constants up, or None
        when it cannot tell (a representative that is not a plain ``str``).

        A present ``str`` representative equals a constant exactly when the constant is a
        ``str`` too (:func:`~cskh_org.routing.semantics.same_value` is type-strict) and the
        same text, and the representatives differ, so ``eq``/``in`` hold on at most the
        elements the constants name and an order test on none: the same answers as asking
        each element."""
        if self._texts is None:
            reps = self.representatives[1:]
            plain = all(type(rep) is str for rep in reps) and len(set(reps)) == len(reps)
            self._texts = (
                {rep: 1 << i for i, rep in enumerate(reps, 1) if self.valid >> i & 1}
                if plain
                else False
            )
        texts = self._texts
        if not isinstance(texts, dict):
            return None
        if not isinstance(test, AttributeTest):
            return texts.get(test, 0) if type(test) is str else 0
        mask = self.valid & ~1
        if test.present is False or any(
            getattr(test, op) is not None for op in ("gt", "gte", "lt", "lte")
        ):
            mask = 0
        if test.eq is not None:
            mask &= texts.get(test.eq, 0) if type(test.eq) is str else 0
        if test.ne is not None and type(test.ne) is str:
            mask &= ~texts.get(test.ne, 0)
        if test.in_ is not None:
            either = 0
            for value in test.in_:
                if type(value) is str:
                    either |= texts.get(value, 0)
            mask &= either
        for value in test.not_in or ():
            if type(value) is str:
                mask &= ~texts.get(value, 0)
        if self.valid & 1 and test_holds(test, MISSING):
            mask |= 1
        return mask

    def _equal(self, value: Any) -> int:
        """The bit of the valid present element whose representative equals ``value``."""
        if not is_number(value):
            return 0
        if not _finite(value):
            raise _Unordered
        assert self._numbers is not None
        numbers, bits = self._numbers
        k = bisect_left(numbers, value)
        return bits[k] if k < len(numbers) and numbers[k] == value else 0

    def describe(self, mask: int, lang: str = "en") -> str:
        """``channel ∈ {email, chat}``, ``order_value < 1000000``, ``tier missing``… (the
        words in ``lang``)."""
        chosen = [i for i in range(self.size) if mask >> i & 1]
        missing = 0 in chosen
        present = [i for i in chosen if i]
        if self.kind == "number" and present:
            parts = _describe_ranges(self, present, lang)
        elif len(present) == 1:
            parts = [f"{self.name} = {self.labels[present[0]]}"]
        elif present:
            parts = [f"{self.name} ∈ {{{', '.join(self.labels[i] for i in present)}}}"]
        else:
            parts = []
        if missing:
            parts.append(say("region.missing", lang, name=self.name))
        if len(parts) > 1:
            return f" {say('word.or', lang)} ".join(parts)
        return parts[0] if parts else say("region.never", lang)


def _finite(value: Any) -> bool:
    return not isinstance(value, float | Decimal) or math.isfinite(value)


def _describe_ranges(domain: Domain, present: list[int], lang: str = "en") -> list[str]:
    """Contiguous runs of number elements as ranges."""
    runs: list[tuple[int, int]] = []
    for i in present:
        if runs and (
            runs[-1][1] == i - 1 or (not domain.valid >> (i - 1) & 1 and runs[-1][1] == i - 2)
        ):
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    t = domain.values
    out = []
    for lo, hi in runs:
        low = (
            "" if lo == 1 else (f"≥ {t[(lo - 2) // 2]}" if lo % 2 == 0 else f"> {t[(lo - 3) // 2]}")
        )
        high = (
            ""
            if hi == 2 * len(t) + 1
            else (f"≤ {t[(hi - 2) // 2]}" if hi % 2 == 0 else f"< {t[(hi - 1) // 2]}")
        )
        if lo == hi and lo % 2 == 0:
            out.append(f"{domain.name} = {t[(lo - 2) // 2]}")
        elif low and high:
            out.append(say("region.range", lang, name=domain.name, low=low, high=high))
        elif low or high:
            out.append(f"{domain.name} {low or high}")
        else:
            out.append(say("region.present", lang, name=domain.name))
    return out


def condition_atoms(condition: Condition | None) -> Iterator[tuple[str, AttributeTest | Scalar]]:
    """Every (attribute, test) pair in a condition, however deeply nested."""
    if condition is None:
        return
    if isinstance(condition, AllOf):
        for c in condition.all:
            yield from condition_atoms(c)
    elif isinstance(condition, AnyOf):
        for c in condition.any:
            yield from condition_atoms(c)
    elif isinstance(condition, NotOf):
        yield from condition_atoms(condition.not_)
    else:
        yield from condition.items()


def condition_constants(test: AttributeTest | Scalar) -> Iterator[Any]:
    """Every constant a test compares with."""
    if not isinstance(test, AttributeTest):
        yield test
        return
    for op in ("eq", "ne", "gt", "gte", "lt", "lte"):
        value = getattr(test, op)
        if value is not None:
            yield value
    for op in ("in_", "not_in"):
        for value in getattr(test, op) or ():
            yield value


def _number_domain(name: str, spec: NumberAttribute, constants: Iterable[Any]) -> Domain:
    points = {
        Decimal(str(c)) if isinstance(c, float) else Decimal(c) for c in constants if is_number(c)
    }
    if spec.minimum is not None:
        points.add(spec.minimum)
    if spec.maximum is not None:
        points.add(spec.maximum)
    t = sorted(points)
    labels = ["missing"]
    reps: list[Any] = [MISSING]
    valid = 0 if spec.required else 1
    for i in range(len(t) + 1):
        lo = t[i - 1] if i else None
        hi = t[i] if i < len(t) else None
        rep = _between(lo, hi, spec.integer)
        labels.append(f"({lo if lo is not None else '-∞'}, {hi if hi is not None else '+∞'})")
        reps.append(rep)
        if rep is not None and _in_bounds(rep, spec):
            valid |= 1 << len(reps) - 1
        if hi is not None:
            labels.append(str(hi))
            point: Any = int(hi) if hi == hi.to_integral_value() else hi
            reps.append(point)
            if (not spec.integer or hi == hi.to_integral_value()) and _in_bounds(point, spec):
                valid |= 1 << len(reps) - 1
    return Domain(name, "number", labels, t, valid, reps)


def _between(lo: Decimal | None, hi: Decimal | None, integer: bool) -> Any:
    """A value strictly inside (lo, hi), an int when ``integer``; None if there is none."""
    if lo is None and hi is None:
        return 0
    if lo is None:
        assert hi is not None
        return math.ceil(hi) - 1
    if hi is None:
        return math.floor(lo) + 1
    candidate = math.floor(lo) + 1
    if candidate < hi:
        return candidate
    if integer:
        return None
    with localcontext() as exact:  # 28 digits could round the midpoint onto a bound
        exact.prec, exact.Emax, exact.Emin = MAX_PREC, MAX_EMAX, MIN_EMIN
        return (lo + hi) / 2


def _in_bounds(value: Any, spec: NumberAttribute) -> bool:
    if spec.minimum is not None and value < spec.minimum:
        return False
    return not (spec.maximum is not None and value > spec.maximum)


def _make_domain(name: str, spec: Any, constants: list[Any]) -> Domain:
    base_valid = 0 if spec.required else 1
    if isinstance(spec, EnumAttribute):
        values = list(spec.values)
        labels = ["missing", *values]
        index = {v: i + 1 for i, v in enumerate(values)}
        valid = base_valid | ((1 << len(labels)) - 2)
        return Domain(name, "enum", labels, values, valid, [MISSING, *values], index)
    if isinstance(spec, BooleanAttribute):
        return Domain(
            name,
            "boolean",
            ["missing", "false", "true"],
            [False, True],
            base_valid | 0b110,
            [MISSING, False, True],
        )
    if isinstance(spec, NumberAttribute):
        return _number_domain(name, spec, constants)
    assert isinstance(spec, TextAttribute)
    used = sorted({c for c in constants if isinstance(c, str)})
    other = "other"
    while other in used:
        other += "_"
    if len(other) > spec.max_length:  # the representative must be a text the schema accepts
        other = next(c for c in map(chr, itertools.count(ord("a"))) if c not in used)
    labels = ["missing", *used, "(other text)"]
    index = {v: i + 1 for i, v in enumerate(used)}
    valid = base_valid | 1 << (len(labels) - 1)
    for i, value in enumerate(used):  # a text longer than `max_length` is no valid value
        if len(value) <= spec.max_length:
            valid |= 1 << (i + 1)
    return Domain(name, "text", labels, used, valid, [MISSING, *used, other], index)


class Space:
    """The attributes a rule table mentions, each with its domain."""

    def __init__(
        self,
        schema: TicketSchema,
        conditions: Iterable[Condition | None],
        extra: Iterable[str] = (),
    ) -> None:
        constants: dict[str, list[Any]] = {}
        order: list[str] = []
        for condition in conditions:
            for name, test in condition_atoms(condition):
                if name not in constants:
                    constants[name] = []
                    order.append(name)
                constants[name].extend(condition_constants(test))
        for name in extra:
            if name not in constants:
                constants[name] = []
                order.append(name)
        self.domains: list[Domain] = []
        self.unknown: set[str] = set()
        for name in order:
            spec = schema.attributes.get(name)
            if spec is None:
                self.unknown.add(name)
                continue
            self.domains.append(_make_domain(name, spec, constants[name]))
        self.position = {d.name: i for i, d in enumerate(self.domains)}
        self.universe: Box = tuple(d.valid for d in self.domains)

    # -- compiling conditions ----------------------------------------------------------------

    def compile(self, condition: Condition | None, limit: int = 256) -> list[Box]:
        """The condition as a list of non-empty boxes (possibly overlapping)."""
        if 0 in self.universe:  # a required attribute no value fits: no valid ticket at all
            return []
        if condition is None:
            return [self.universe]
        if isinstance(condition, AllOf):
            result = [self.universe]
            for part in condition.all:
                part_boxes = self.compile(part, limit)
                result = [
                    b for x in result for y in part_boxes if (b := intersect(x, y)) is not None
                ]
                if len(result) > limit:
                    raise TooComplex
            return result
        if isinstance(condition, AnyOf):
            out: list[Box] = []
            for part in condition.any:
                out.extend(self.compile(part, limit))
                if len(out) > limit:
                    raise TooComplex
            return out
        if isinstance(condition, NotOf):
            remaining = [self.universe]
            for box in self.compile(condition.not_, limit):
                remaining = [piece for r in remaining for piece in subtract(r, box)]
                if len(remaining) > limit:
                    raise TooComplex
            return remaining
        cells = list(self.universe)
        for name, test in condition.items():
            pos = self.position.get(name)
            if pos is None:  # an attribute the schema lacks: always missing
                if not test_holds(test, MISSING):
                    return []
                continue
            cells[pos] &= self.domains[pos].matching(test)
            if not cells[pos]:
                return []
        return [tuple(cells)]

    def elements(self, ticket: dict[str, Any]) -> tuple[int, ...]:
        """The element of each attribute for a validated ticket."""
        return tuple(d.element(ticket.get(d.name, MISSING)) for d in self.domains)

    def contains(self, box: Box, elements: Sequence[int]) -> bool:
        return all(mask >> e & 1 for mask, e in zip(box, elements, strict=True))

    def witness(self, box: Box) -> dict[str, Any]:
        """A concrete ticket (attributes the rules mention) inside the box."""
        ticket: dict[str, Any] = {}
        for domain, mask in zip(self.domains, box, strict=True):
            element = (mask & -mask).bit_length() - 1
            value = domain.representatives[element]
            if value is not MISSING:
                ticket[domain.name] = value
        return ticket

    def describe(self, box: Box, lang: str = "en") -> str:
        """The tickets of ``box`` in words (in ``lang``): ``channel = phone and tier missing``."""
        parts = [
            d.describe(mask, lang)
            for d, mask in zip(self.domains, box, strict=True)
            if mask != d.valid
        ]
        if len(parts) == 1:
            return parts[0]
        either = f" {say('word.or', lang)} "
        return f" {say('word.and', lang)} ".join(
            f"({p})" if either in p else p for p in parts
        ) or say("region.every", lang)


def intersect(a: Box, b: Box) -> Box | None:
    """The intersection of two boxes, or None when empty."""
    out = tuple(x & y for x, y in zip(a, b, strict=True))
    return None if 0 in out else out


def boxes_intersect(a: Box, b: Box) -> bool:
    return all(x & y for x, y in zip(a, b, strict=True))


def subtract(a: Box, b: Box) -> list[Box]:
    """``a`` minus ``b`` as disjoint boxes."""
    if not boxes_intersect(a, b):
        return [a]
    pieces: list[Box] = []
    current = list(a)
    for k, (x, y) in enumerate(zip(a, b, strict=True)):
        outside = x & ~y
        if outside:
            piece = list(current)
            piece[k] = outside
            pieces.append(tuple(piece))
            current[k] = x & y
    return pieces
