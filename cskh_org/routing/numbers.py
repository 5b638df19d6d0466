"""Number attributes drawn from a distribution, as the regions the department's conditions
tell apart.

Routing rules and SLA policies compare a number attribute with constants
(``order_value >= 5000000``). Between two consecutive constants, and the schema's bounds,
every value routes alike and gets the same policy: the number's domain in
:mod:`cskh_org.routing.boxes`, whose elements are the open regions between the constants
and the constants themselves. A drawn number therefore matters only through the element it
falls in. :func:`drawn_regions` gives each element a value inside it and the probability the
distribution puts there, so a workload stream's tickets can be enumerated (by the checks)
and simulated (by the compile step) element by element, as if the number were one more
mixed attribute, without routing a ticket per drawn value: the same law.

A drawn value outside the schema's ``minimum`` or ``maximum`` is taken as that bound (the
bounds are constants of the domain, so the clipped share lands on the bound itself); an
integer attribute's value is rounded to the nearest whole number, halves up.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from cskh_org.model import NumberAttribute
from cskh_org.model.workload import (
    NumberDistribution,
    NumberEmpirical,
    NumberExponential,
    NumberFixed,
    NumberGamma,
    NumberLognormal,
    NumberUniform,
)
from cskh_org.routing.boxes import Domain, Space

if TYPE_CHECKING:
    from cskh_org.model import Department
    from cskh_org.model.routing import Condition

__all__ = [
    "Region",
    "at_most",
    "below",
    "department_conditions",
    "drawn_regions",
    "outside_share",
]


@dataclass(frozen=True, slots=True)
class Region:
    """One element of a drawn number's domain: a value inside it and its probability."""

    value: int | float | Decimal
    """A value in the element, which every condition treats as any other value there."""
    probability: float
    """The probability a drawn value falls in the element (after clipping and rounding)."""
    label: str
    """The element as the domain writes it (``(5000000, +∞)``, ``5000000``)."""


def department_conditions(department: Department) -> list[Condition | None]:
    """Every condition of the department that tests ticket attributes: its routing rules'
    and its SLA policies' (both in the routing condition language)."""
    found: list[Condition | None] = []
    if department.routing is not None:
        found += [rule.when for rule in department.routing.rules]
    if department.sla is not None:
        found += [policy.when for policy in department.sla.policies]
    return found


# -- the laws --------------------------------------------------------------------------------


def _gamma_lower(shape: float, x: float) -> float:
    """The regularized lower incomplete gamma function ``P(shape, x)``: a series below
    ``shape + 1``, else one minus Lentz's continued fraction for the upper one (Numerical
    Recipes, 6.2), to about 1e-15."""
    if x <= 0.0:
        return 0.0
    log_front = -x + shape * math.log(x) - math.lgamma(shape)
    if x < shape + 1.0:
        term = total = 1.0 / shape
        n = shape
        for _ in range(10_000):
            n += 1.0
            term *= x / n
            total += term
            if abs(term) < abs(total) * 1e-16:
                break
        return min(1.0, total * math.exp(log_front))
    tiny = 1e-300
    b = x + 1.0 - shape
    c = 1.0 / tiny
    d = 1.0 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - shape)
        b += 2.0
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        step = d * c
        h *= step
        if abs(step - 1.0) < 1e-16:
            break
    return max(0.0, 1.0 - math.exp(log_front) * h)


def _continuous(dist: NumberDistribution) -> Callable[[float], float] | None:
    """The distribution function of a continuous law (``None``: a discrete one)."""
    if isinstance(dist, NumberExponential):
        mean = dist.mean
        return lambda x: 0.0 if x <= 0 else -math.expm1(-x / mean)
    if isinstance(dist, NumberLognormal):
        sigma = math.sqrt(math.log1p((dist.sd / dist.mean) ** 2))
        mu = math.log(dist.mean) - sigma * sigma / 2
        scale = sigma * math.sqrt(2.0)
        return lambda x: 0.0 if x <= 0 else 0.5 * math.erfc(-(math.log(x) - mu) / scale)
    if isinstance(dist, NumberGamma):
        shape, theta = (dist.mean / dist.sd) ** 2, dist.sd * dist.sd / dist.mean
        return lambda x: _gamma_lower(shape, x / theta)
    if isinstance(dist, NumberUniform):
        low, width = dist.low, dist.high - dist.low
        return lambda x: min(1.0, max(0.0, (x - low) / width))
    return None


def _laws(dist: NumberDistribution) -> tuple[Callable[[float], float], Callable[[float], float]]:
    """``x ↦ P(X < x)`` and ``x ↦ P(X ≤ x)`` of a value drawn from ``dist``."""
    cdf = _continuous(dist)
    if cdf is not None:
        return cdf, cdf
    if isinstance(dist, NumberFixed):
        values: list[float] = [dist.value]
    else:
        assert isinstance(dist, NumberEmpirical)
        values = sorted(dist.values)
    n = len(values)
    return (lambda x: bisect_left(values, x) / n), (lambda x: bisect_right(values, x) / n)


def below(dist: NumberDistribution, x: float) -> float:
    """``P(X < x)`` of a value drawn from ``dist`` (before clipping and rounding)."""
    return _laws(dist)[0](x)


def at_most(dist: NumberDistribution, x: float) -> float:
    """``P(X ≤ x)`` of a value drawn from ``dist`` (before clipping and rounding)."""
    return _laws(dist)[1](x)


class _Law:
    """``P(V < x)`` and ``P(V ≤ x)`` of the value a ticket carries: drawn, rounded for an
    integer attribute, clipped to the schema's bounds."""

    def __init__(self, spec: NumberAttribute, dist: NumberDistribution) -> None:
        self._below, self._at_most = _laws(dist)
        self.integer = spec.integer
        low = float(spec.minimum) if spec.minimum is not None else -math.inf
        high = float(spec.maximum) if spec.maximum is not None else math.inf
        if self.integer:  # the whole numbers within the bounds
            low = math.ceil(low) if math.isfinite(low) else low
            high = math.floor(high) if math.isfinite(high) else high
        self.low, self.high = low, high

    def _raw_at_most(self, x: float) -> float:
        if self.integer:  # round(X) ≤ x  ⇔  X + 1/2 < floor(x) + 1
            return self._below(math.floor(x) + 0.5)
        return self._at_most(x)

    def _raw_below(self, x: float) -> float:
        if self.integer:  # round(X) < x  ⇔  round(X) ≤ ceil(x) − 1
            return self._below(math.ceil(x) - 0.5)
        return self._below(x)

    def at_most(self, x: float) -> float:
        if x < self.low:
            return 0.0
        if x >= self.high:
            return 1.0
        return self._raw_at_most(x)

    def below(self, x: float) -> float:
        if x <= self.low:
            return 0.0
        if x > self.high:
            return 1.0
        return self._raw_below(x)

    def outside(self) -> float:
        """The share of drawn values clipped to a bound."""
        share = 0.0
        if math.isfinite(self.low):
            share += self._raw_below(self.low)
        if math.isfinite(self.high):
            share += 1.0 - self._raw_at_most(self.high)
        return share


def outside_share(spec: NumberAttribute, dist: NumberDistribution) -> float:
    """The share of values ``dist`` draws below the schema's ``minimum`` or above its
    ``maximum`` (after rounding, for an integer attribute), which are taken as the bound."""
    return _Law(spec, dist).outside()


def _element_probability(domain: Domain, law: _Law, element: int) -> float:
    """The probability of element ``element`` (≥ 1) of a number domain: ``2i + 1`` is the
    open region below threshold ``i``, ``2i + 2`` the threshold itself."""
    t = [float(v) for v in domain.values]
    if element % 2 == 0:
        point = t[(element - 2) // 2]
        return max(0.0, law.at_most(point) - law.below(point))
    i = (element - 1) // 2
    top = law.below(t[i]) if i < len(t) else 1.0
    bottom = law.at_most(t[i - 1]) if i > 0 else 0.0
    return max(0.0, top - bottom)


def _plain(value: Any, domain: Domain, element: int) -> int | float | Decimal:
    """The representative as an ``int`` when whole, else a ``float`` when that stays in the
    element, else the exact ``Decimal``."""
    if isinstance(value, int):
        return value
    number = Decimal(value)
    if number == number.to_integral_value():
        return int(number)
    approx = float(number)
    return approx if domain.element(approx) == element else number


def drawn_regions(
    department: Department,
    name: str,
    dist: NumberDistribution,
    conditions: Iterable[Condition | None] | None = None,
) -> tuple[Region, ...]:
    """The elements of number attribute ``name`` that ``dist`` puts a positive probability
    in, in increasing order, for the department's routing rules and SLA policies (or the
    given ``conditions``). Empty when ``name`` is not a number attribute of the schema."""
    spec = department.ticket_schema.attributes.get(name)
    if not isinstance(spec, NumberAttribute):
        return ()
    found = department_conditions(department) if conditions is None else list(conditions)
    space = Space(department.ticket_schema, found, extra=(name,))
    domain = space.domains[space.position[name]]
    law = _Law(spec, dist)
    out = []
    for element in range(1, domain.size):
        if not domain.valid >> element & 1:
            continue
        p = _element_probability(domain, law, element)
        if p > 0.0:
            value = _plain(domain.representatives[element], domain, element)
            out.append(Region(value, p, domain.labels[element]))
    return tuple(out)
