"""Business-time throughput: ``add`` and ``elapsed`` against a naive minute-by-minute walk.

Uses the large example's ``office_hours`` calendar (Asia/Ho_Chi_Minh, Mon–Sat 08:00-12:00 and
13:30-17:30, the 2027 holidays with Tết, a short Tết eve). For each duration from 1 hour to
90 days of business time it times ``add(t, d)`` and ``elapsed(t, add(t, d))`` from random
whole-minute instants of 2027 on one calendar object (its cache of worked-out days warm, as in
a long-lived engine), and the first ``add`` of a fresh calendar object (cold). In the same run
it times a naive walk on a small sample: step one minute at a time and look up whether the
wall-clock minute is open (override > holiday > week, straight from the model), and checks
that both give the same answers. Run by hand::

    .venv/bin/python benchmarks/bench_calendars.py [--calls N] [--naive-seconds S]

Exits 1 if the engine and the naive walk disagree.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from cskh_org.calendars import BusinessCalendar
from cskh_org.loading import validate
from cskh_org.model import Calendar

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "large" / "department.yaml"
DURATIONS = [
    ("1 h", dt.timedelta(hours=1)),
    ("8 h", dt.timedelta(hours=8)),
    ("1 day", dt.timedelta(days=1)),
    ("7 days", dt.timedelta(days=7)),
    ("30 days", dt.timedelta(days=30)),
    ("90 days", dt.timedelta(days=90)),
]
MINUTE = dt.timedelta(minutes=1)
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class NaiveCalendar:
    """Minute-by-minute business time: the baseline (whole minutes from whole minutes)."""

    def __init__(self, calendar: Calendar, zone: str) -> None:
        self.calendar = calendar
        self.zone = ZoneInfo(calendar.timezone or zone)

    def _open(self, instant: dt.datetime) -> bool:
        local = instant.astimezone(self.zone)
        day = local.date()
        hours: tuple[str, ...] | None = None
        for override in self.calendar.overrides:
            if override.date == day:
                hours = (*(hours or ()), *override.hours)
        if hours is None:
            closed = any(h.date <= day <= (h.until or h.date) for h in self.calendar.holidays)
            week = {str(k): v for k, v in self.calendar.week.items()}
            hours = () if closed else week.get(WEEKDAYS[local.weekday()], ())
        minute = local.hour * 60 + local.minute
        return any(
            int(r[0:2]) * 60 + int(r[3:5]) <= minute < int(r[6:8]) * 60 + int(r[9:11])
            for r in hours
        )

    def add(self, start: dt.datetime, duration: dt.timedelta) -> dt.datetime:
        at, left = start.astimezone(dt.UTC), duration // MINUTE
        while left:
            if self._open(at):
                left -= 1
            at += MINUTE
        return at

    def elapsed(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        at, stop, count = start.astimezone(dt.UTC), end.astimezone(dt.UTC), 0
        while at < stop:
            count += self._open(at)
            at += MINUTE
        return count * MINUTE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=2_000, help="timed calls per duration")
    parser.add_argument(
        "--naive-seconds", type=float, default=1.0, help="time budget of the naive walk per case"
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    dept = validate(EXAMPLE).department
    if dept is None:
        raise SystemExit(f"{EXAMPLE} does not load")
    model = next(c for c in dept.calendars if c.id == "office_hours")
    zone = ZoneInfo(model.timezone or dept.timezone)
    start_2027 = dt.datetime(2027, 1, 1, tzinfo=zone)
    starts = [start_2027 + rng.randrange(365 * 24 * 60) * MINUTE for _ in range(args.calls)]
    naive = NaiveCalendar(model, dept.timezone)

    print(
        f"calendar `office_hours` of {EXAMPLE.parent.name}/{EXAMPLE.name}: "
        f"{len(model.holidays)} holidays, {len(model.overrides)} overrides, zone {zone.key}; "
        f"{args.calls:,} calls per duration"
    )
    header = (
        f"{'duration':>9} {'add/s':>10} {'elapsed/s':>10} {'cold add/s':>11} "
        f"{'naive add/s':>12} {'naive el./s':>12} {'speed-up add':>13} {'el.':>9} {'sample':>7}"
    )
    print(header)
    disagreements = 0
    for label, duration in DURATIONS:
        engine = BusinessCalendar(model, dept.timezone)
        for t in starts[:50]:
            engine.add(t, duration)  # warm the cache of worked-out days
        t0 = time.perf_counter()
        ends = [engine.add(t, duration) for t in starts]
        add_rate = len(starts) / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        for t, end in zip(starts, ends, strict=True):
            engine.elapsed(t, end)
        elapsed_rate = len(starts) / (time.perf_counter() - t0)
        cold_sample = starts[:200]
        t0 = time.perf_counter()
        for t in cold_sample:
            BusinessCalendar(model, dept.timezone).add(t, duration)
        cold_rate = len(cold_sample) / (time.perf_counter() - t0)

        # the naive walk on a small sample, within a time budget
        naive_add = naive_elapsed = 0.0
        sample = 0
        while sample < len(starts) and naive_add + naive_elapsed < args.naive_seconds:
            t, end = starts[sample], ends[sample]
            t0 = time.perf_counter()
            slow_end = naive.add(t, duration)
            naive_add += time.perf_counter() - t0
            t0 = time.perf_counter()
            slow_elapsed = naive.elapsed(t, end)
            naive_elapsed += time.perf_counter() - t0
            if slow_end != end or slow_elapsed != duration:
                disagreements += 1
                print(f"  disagree from {t.isoformat()}: {end} vs naive {slow_end}")
            sample += 1
        naive_add_rate, naive_elapsed_rate = sample / naive_add, sample / naive_elapsed
        print(
            f"{label:>9} {add_rate:10,.0f} {elapsed_rate:10,.0f} {cold_rate:11,.0f} "
            f"{naive_add_rate:12,.2f} {naive_elapsed_rate:12,.2f} "
            f"{add_rate / naive_add_rate:12,.0f}x {elapsed_rate / naive_elapsed_rate:8,.0f}x "
            f"{sample:7,}"
        )
    print(f"engine and naive walk agree on every sampled call: {disagreements == 0}")
    if disagreements:
        sys.exit(1)


if __name__ == "__main__":
    main()
