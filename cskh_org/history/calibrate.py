"""Calibration: the workload's distributions and probabilities fitted from past tickets.

* **Handling times** per unit, channel and category (the workload's ``service`` entries),
  pooled to the unit and channel, then to the unit, where a group has fewer than
  :data:`MIN_SAMPLES` times. Lognormal and gamma are fitted by maximum likelihood (the
  lognormal's in closed form, the gamma's shape by Newton's method on the likelihood
  equation); the one with the lower AIC is kept, unless the Kolmogorov–Smirnov test rejects
  it at 1 %, and then the observed times themselves are (``empirical``). The mean and standard
  deviation have 95 % percentile-bootstrap intervals (a seeded resampling).
* **Patience** per channel, from every contact that waited: one that gave up waited its whole
  patience, one that was answered first waited less than it (right-censored at its wait). The
  exponential maximum-likelihood rate is the number who gave up over the total time all of
  them waited, with the exact chi-square interval; never "the mean wait of those who gave up",
  which only sees the impatient. The Kaplan–Meier median is reported beside it.
* **Handoffs** per unit: how many groups held its tickets (mean, normal interval) and the share
  handed on, where the export says (Zendesk's ``group_stations``).
* **Escalation** per holder, from the tickets' paths of groups: the share of its visits after
  which another group took the ticket over, with its Wilson interval (a handoff is read as the
  holder's escalation: a path does not tell an escalation from a transfer).
* **Reopenings** per unit: the share of solved tickets reopened at least once, with its Wilson
  interval (from the tickets whose export says how often they were reopened).

Nothing here reads files: :func:`calibrate` takes the tickets. scipy (the ``forecast`` extra)
is imported for the special functions and the Kolmogorov–Smirnov distribution.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from cskh_org.errors import HistoryError
from cskh_org.model.history import PastTicket

__all__ = [
    "MIN_SAMPLES",
    "Calibration",
    "HandoffFit",
    "HolderFit",
    "Interval",
    "PatienceFit",
    "ReopenFit",
    "TimeFit",
    "calibrate",
    "fit_patience",
    "fit_times",
]

MIN_SAMPLES: Final = 30
"""The fewest handling times a group is fitted from on its own."""
_BOOT: Final = 200
_Z: Final = 1.959963984540054

Kind = Literal["lognormal", "gamma", "empirical"]


@dataclass(frozen=True, slots=True)
class Interval:
    """A 95 % confidence interval."""

    low: float
    high: float

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int | float) and self.low <= value <= self.high


@dataclass(frozen=True, slots=True)
class TimeFit:
    """Durations (seconds) fitted: the kind kept, its mean and standard deviation."""

    kind: Kind
    n: int
    mean: float
    sd: float
    mean_ci: Interval
    sd_ci: Interval
    aic: dict[str, float]
    """The AIC of each parametric kind tried (lower is better)."""
    ks_p: float
    """The Kolmogorov–Smirnov p-value of the better parametric kind."""
    values: tuple[float, ...] = ()
    """The observed durations, for ``empirical``."""


@dataclass(frozen=True, slots=True)
class ServiceFit:
    """The handling time of one group of tickets."""

    unit: str
    channel: str | None
    category: str | None
    fit: TimeFit


@dataclass(frozen=True, slots=True)
class PatienceFit:
    """Customers' patience on one channel (exponential, seconds)."""

    channel: str
    waited: int
    """Contacts that waited (answered or not)."""
    gave_up: int
    mean: float
    mean_ci: Interval
    km_median: float | None
    """The Kaplan–Meier median patience (``None`` when fewer than half gave up)."""


@dataclass(frozen=True, slots=True)
class ReopenFit:
    """The share of a unit's solved tickets that were reopened."""

    unit: str
    solved: int
    reopened: int
    probability: float
    ci: Interval


@dataclass(frozen=True, slots=True)
class HandoffFit:
    """How many groups held a unit's tickets (the unit that held them last)."""

    unit: str
    tickets: int
    mean_groups: float
    ci: Interval
    handed_on: float
    """The share held by more than one group."""


@dataclass(frozen=True, slots=True)
class HolderFit:
    """How often a holder handed a ticket on to another group (from the tickets' paths)."""

    holder: str
    visits: int
    """Times a ticket was held there."""
    handed_on: int
    """Times another group took the ticket over from it."""
    probability: float
    ci: Interval


@dataclass(frozen=True, slots=True)
class Calibration:
    """Everything fitted from one history."""

    tickets: int
    service: tuple[ServiceFit, ...]
    patience: tuple[PatienceFit, ...]
    reopen: tuple[ReopenFit, ...]
    handoffs: tuple[HandoffFit, ...] = ()
    holders: tuple[HolderFit, ...] = ()


def calibrate(tickets: Iterable[PastTicket], *, seed: int = 0) -> Calibration:
    """Fit the history's handling times, patience and reopenings (see the module);
    ``seed`` drives the bootstrap."""
    groups: dict[tuple[str, str | None, str | None], list[float]] = {}
    waits: dict[str, tuple[list[float], list[bool]]] = {}
    solved: dict[str, list[int]] = {}
    held: dict[str, list[int]] = {}
    visits: dict[str, list[int]] = {}
    n = 0
    for t in tickets:
        n += 1
        if t.handling is not None and t.unit is not None and t.handling > 0:
            groups.setdefault((t.unit, t.channel, t.category), []).append(t.handling)
        if t.channel is not None:
            wait, gave_up = _wait(t)
            if wait is not None:
                times, flags = waits.setdefault(t.channel, ([], []))
                times.append(wait)
                flags.append(gave_up)
        if t.unit is not None and t.solved is not None and t.reopened is not None:
            counts = solved.setdefault(t.unit, [0, 0])
            counts[0] += 1
            counts[1] += t.reopened > 0
        if t.unit is not None and t.groups is not None:
            held.setdefault(t.unit, []).append(t.groups)
        if t.path:
            for i, holder in enumerate(t.path):
                counts = visits.setdefault(holder, [0, 0])
                counts[0] += 1
                counts[1] += i < len(t.path) - 1
    if not n:
        raise HistoryError.of("error.history.no-tickets")
    rng = random.Random(seed)
    service = tuple(
        ServiceFit(unit, channel, category, fit_times(times, rng))
        for (unit, channel, category), times in _pooled(groups)
    )
    patience = tuple(
        fit_patience(channel, times, flags)
        for channel, (times, flags) in sorted(waits.items())
        if any(flags)
    )
    reopen = tuple(
        ReopenFit(unit, s, r, r / s, _wilson(r, s)) for unit, (s, r) in sorted(solved.items()) if s
    )
    handoffs = tuple(_handoffs(unit, groups) for unit, groups in sorted(held.items()))
    holders = tuple(
        HolderFit(holder, v, h, h / v, _wilson(h, v)) for holder, (v, h) in sorted(visits.items())
    )
    return Calibration(n, service, patience, reopen, handoffs, holders)


def _handoffs(unit: str, groups: Sequence[int]) -> HandoffFit:
    """The mean number of groups with its normal 95 % interval, and the share handed on."""
    n = len(groups)
    mean = sum(groups) / n
    var = sum((g - mean) ** 2 for g in groups) / (n - 1) if n > 1 else 0.0
    half = _Z * math.sqrt(var / n)
    handed = sum(g > 1 for g in groups) / n
    return HandoffFit(unit, n, mean, Interval(mean - half, mean + half), handed)


def _wait(t: PastTicket) -> tuple[float | None, bool]:
    """How long the contact waited, and whether it gave up (``None``: no wait is known)."""
    if t.abandoned is not None and (t.first_reply is None or t.abandoned <= t.first_reply):
        return (t.abandoned - t.created).total_seconds(), True
    if t.first_reply is not None:
        return (t.first_reply - t.created).total_seconds(), False
    return None, False


def _pooled(
    groups: dict[tuple[str, str | None, str | None], list[float]],
) -> list[tuple[tuple[str, str | None, str | None], list[float]]]:
    """Groups of at least :data:`MIN_SAMPLES`; the smaller ones pooled into their unit and
    channel, then their unit (a pool still too small is fitted anyway, if it has 2 times)."""
    out: dict[tuple[str, str | None, str | None], list[float]] = {}
    small: dict[tuple[str, str | None, str | None], list[float]] = {}
    for (unit, channel, category), times in sorted(groups.items(), key=_order):
        if len(times) >= MIN_SAMPLES:
            out[(unit, channel, category)] = times
        else:
            small.setdefault((unit, channel, None), []).extend(times)
    for (unit, channel, _), times in sorted(small.items(), key=_order):
        key = (unit, channel, None) if len(times) >= MIN_SAMPLES else (unit, None, None)
        out.setdefault(key, []).extend(times)
    return [(k, v) for k, v in sorted(out.items(), key=_order) if len(v) >= 2]


def _order(item: tuple[tuple[str, str | None, str | None], list[float]]) -> tuple[str, ...]:
    unit, channel, category = item[0]
    return (unit, channel or "", category or "")


# -- handling times ---------------------------------------------------------------------------


def fit_times(times: Sequence[float], rng: random.Random | None = None) -> TimeFit:
    """The better of lognormal and gamma by AIC, or the times themselves when the
    Kolmogorov–Smirnov test rejects it at 1 %; bootstrap intervals (``rng``: seeded)."""
    values = sorted(t for t in times if t > 0)
    if len(values) < 2:
        raise HistoryError.of("error.history.few-times", n=len(values))
    rng = rng or random.Random(0)
    fits = {"lognormal": _lognormal(values), "gamma": _gamma(values)}
    aic = {kind: 4 - 2 * fit[2] for kind, fit in fits.items()}
    best: Kind = "lognormal" if aic["lognormal"] <= aic["gamma"] else "gamma"
    mean, sd, _ = fits[best]
    p = _ks_p(values, best, mean, sd)
    kind: Kind = best if p >= 0.01 else "empirical"
    boot_means, boot_sds = [], []
    n = len(values)
    for _ in range(_BOOT):
        sample = sorted(rng.choices(values, k=n))
        m, s, _ = _lognormal(sample) if kind == "lognormal" else _gamma(sample)
        if kind == "empirical":
            m = sum(sample) / n
            s = math.sqrt(sum((x - m) ** 2 for x in sample) / (n - 1))
        boot_means.append(m)
        boot_sds.append(s)
    if kind == "empirical":
        mean = sum(values) / n
        sd = math.sqrt(sum((x - mean) ** 2 for x in values) / (n - 1))
    return TimeFit(
        kind,
        n,
        mean,
        sd,
        _percentiles(boot_means),
        _percentiles(boot_sds),
        aic,
        p,
        tuple(values) if kind == "empirical" else (),
    )


def _lognormal(values: Sequence[float]) -> tuple[float, float, float]:
    """Mean, sd and log-likelihood of the maximum-likelihood lognormal."""
    logs = [math.log(x) for x in values]
    n = len(logs)
    mu = sum(logs) / n
    var = max(sum((y - mu) ** 2 for y in logs) / n, 1e-12)
    loglik = -sum(logs) - n / 2 * math.log(2 * math.pi * var) - n / 2
    mean = math.exp(mu + var / 2)
    return mean, mean * math.sqrt(math.expm1(var)), loglik


def _gamma(values: Sequence[float]) -> tuple[float, float, float]:
    """Mean, sd and log-likelihood of the maximum-likelihood gamma (Minka's start, then
    Newton's method on ``log k − ψ(k) = log mean − mean log``)."""
    from scipy.special import digamma, gammaln, polygamma

    n = len(values)
    mean = sum(values) / n
    s = math.log(mean) - sum(math.log(x) for x in values) / n
    s = max(s, 1e-12)
    k = (3 - s + math.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s)
    for _ in range(50):
        step = (math.log(k) - float(digamma(k)) - s) / (1 / k - float(polygamma(1, k)))
        k = max(k - step, k / 10)
        if abs(step) < 1e-10 * k:
            break
    theta = mean / k
    loglik = (
        (k - 1) * sum(math.log(x) for x in values)
        - n * mean / theta
        - n * k * math.log(theta)
        - n * float(gammaln(k))
    )
    return mean, math.sqrt(k) * theta, loglik


def _ks_p(values: Sequence[float], kind: Kind, mean: float, sd: float) -> float:
    """The Kolmogorov–Smirnov test's p-value of ``values`` (sorted) against the fit."""
    from scipy import stats

    if kind == "lognormal":
        var = math.log1p((sd / mean) ** 2)
        cdf = stats.lognorm(s=math.sqrt(var), scale=math.exp(math.log(mean) - var / 2)).cdf
    else:
        k = (mean / sd) ** 2
        cdf = stats.gamma(a=k, scale=mean / k).cdf
    return float(stats.kstest(values, cdf).pvalue)


def _percentiles(values: list[float]) -> Interval:
    ordered = sorted(values)
    return Interval(
        ordered[int(0.025 * (len(ordered) - 1))], ordered[int(0.975 * (len(ordered) - 1))]
    )


# -- patience, reopenings ----------------------------------------------------------------------


def fit_patience(channel: str, waits: Sequence[float], gave_up: Sequence[bool]) -> PatienceFit:
    """The exponential patience of ``channel`` from every contact's wait, right-censored where
    the contact was answered (see the module)."""
    from scipy import stats

    total = sum(max(w, 0.0) for w in waits)
    d = sum(gave_up)
    if d == 0 or total <= 0:
        raise HistoryError.of("error.history.no-abandon", channel=channel)
    rate = d / total
    low_rate = float(stats.chi2.ppf(0.025, 2 * d)) / (2 * total)
    high_rate = float(stats.chi2.ppf(0.975, 2 * d + 2)) / (2 * total)
    return PatienceFit(
        channel,
        len(waits),
        d,
        1 / rate,
        Interval(1 / high_rate, 1 / low_rate),
        _km_median(waits, gave_up),
    )


def _km_median(waits: Sequence[float], gave_up: Sequence[bool]) -> float | None:
    """The Kaplan–Meier median time to giving up (``None`` if the curve stays above ½)."""
    at_risk = len(waits)
    survival = 1.0
    for wait, event in sorted(zip(waits, gave_up, strict=True), key=lambda x: (x[0], not x[1])):
        if event:
            survival *= 1 - 1 / at_risk
            if survival <= 0.5:
                return wait
        at_risk -= 1
    return None


def _wilson(k: int, n: int) -> Interval:
    p = k / n
    centre = (p + _Z**2 / (2 * n)) / (1 + _Z**2 / n)
    half = _Z * math.sqrt(p * (1 - p) / n + _Z**2 / (4 * n * n)) / (1 + _Z**2 / n)
    return Interval(max(0.0, centre - half), min(1.0, centre + half))
