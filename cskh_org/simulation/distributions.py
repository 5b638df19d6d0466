"""Samplers: a workload's distributions as functions that draw seconds from a given
:class:`random.Random` (never the global one)."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from math import cos, exp, log, sin, sqrt

from cskh_org.model.workload import (
    Distribution,
    Empirical,
    Exponential,
    Fixed,
    Gamma,
    Lognormal,
)

__all__ = ["Sampler", "sampler"]

# Exponential times are drawn as ``-log(1 - U) / rate`` with ``U`` from ``rng.random()`` (what
# ``random.expovariate`` does, written out so that the engine's kernels can inline it and
# draw bit-identical values; ``log(1 - U) / -rate`` is the same quotient to the bit, its sign
# the product of its operands' and its magnitude the same, without negating each logarithm).

Sampler = Callable[[], float]
"""Draws one time in seconds."""


def sampler(dist: Distribution, rng: random.Random) -> Sampler:
    """A function drawing times of ``dist`` (seconds) from ``rng``."""
    if isinstance(dist, Exponential):
        down = -(1.0 / dist.mean.total_seconds())
        uniform = rng.random
        return lambda: log(1.0 - uniform()) / down
    if isinstance(dist, Fixed):
        value = dist.value.total_seconds()
        return lambda: value
    if isinstance(dist, Lognormal):
        m, s = dist.mean.total_seconds(), dist.sd.total_seconds()
        sigma = math.sqrt(math.log1p((s / m) ** 2))
        mu = math.log(m) - sigma * sigma / 2
        return _lognormal(mu, sigma, rng.random)
    if isinstance(dist, Gamma):
        m, s = dist.mean.total_seconds(), dist.sd.total_seconds()
        shape, scale = (m / s) ** 2, s * s / m
        gamma = rng.gammavariate
        return lambda: gamma(shape, scale)
    if isinstance(dist, Empirical):
        values = tuple(v.total_seconds() for v in dist.values)
        if len(values) == 1:
            only = values[0]
            return lambda: only
        choice = rng.choice
        return lambda: choice(values)
    raise TypeError(f"unknown distribution {dist!r}")  # pragma: no cover - closed union


def _lognormal(mu: float, sigma: float, uniform: Callable[[], float]) -> Sampler:
    """Lognormal times by the Box–Muller transform: two uniforms give two independent normal
    deviates, the second kept for the next draw. A generator's ``__next__`` (its frame
    resumed, the pair kept in it) costs less per draw than a function keeping the spare in a
    list."""
    two_pi = 2.0 * math.pi

    def pairs() -> Iterator[float]:
        while True:
            radius = sqrt(-2.0 * log(1.0 - uniform())) * sigma
            angle = two_pi * uniform()
            second = exp(mu + radius * sin(angle))
            yield exp(mu + radius * cos(angle))
            yield second

    return pairs().__next__
