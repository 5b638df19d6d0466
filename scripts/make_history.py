"""A generated but realistic year of ticket history for the growing example, as the Freshdesk
CSV export its mapping reads (``examples/growing/history/mapping.yaml``).

    .venv/bin/python scripts/make_history.py OUT.csv [--seed 7] [--days 365] [--scale 1]

The truth it draws from is known (:func:`rate`), so forecasts and calibrations can be checked
against it:

* arrivals per channel are Poisson in each hour, at a rate of the channel's daily shape
  (peaks at 9–11 h and 14–16 h, little at night), its weekend share (Sunday 60 % of Saturday)
  and the day's factor;
* the day's factor: public holidays of the department's office calendar (Tết among them, from
  the ``holidays`` package; a run of them with the closed days inside it, as the forecast
  counts them) at 15 %, the three days before Tết (a run of four days or more) at 60 %, and a
  campaign peak (11 November and the two days after it) at 250 %;
* the first reply after a lognormal delay per channel, the solution after a lognormal delay
  per category, the agents' working time lognormal per category (``WORK_MINUTES``); on the
  phone and in chat a customer waits an exponential time to be answered and gives up after an
  exponential patience (``LIVE``), whichever comes first; a share of incidents and problems
  is taken over by a second group (``HANDED_ON``); the group by channel (phone → support,
  chat and messages → online care, warranty and returns → after sales).

``--scale`` multiplies every rate (the benchmark writes two million rows with it). The same
seed writes the same file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
START = dt.date(2026, 3, 1)
"""The first day: a year before the growing example's workload (March 2027), so that the
history holds Tết 2027 (6 February)."""
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
HEADER = (
    "Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Resolved time,"
    "First response time (in hrs),Time tracked (min),Abandoned after (s),Groups,Path"
)

CHANNELS = {
    # export value: (tickets an hour at the weekday peak, weekend share, first reply median h)
    "Phone": (9.0, 0.5, 0.02),
    "Email": (4.0, 0.2, 1.5),
    "Chat": (7.0, 0.8, 0.05),
    "Feedback Widget": (1.0, 1.0, 8.0),
}
CATEGORIES = {
    # export value: (share, group, median handling hours)
    "Question": (0.55, None, 0.5),
    "Incident": (0.25, "Hỗ trợ kỹ thuật", 4.0),
    "Refund": (0.12, "Sau bán hàng", 24.0),
    "Problem": (0.08, "Sau bán hàng", 30.0),
}
GROUP_OF_CHANNEL = {
    "Phone": "Hỗ trợ kỹ thuật",
    "Email": "Hỗ trợ kỹ thuật",
    "Chat": "CSKH Online",
    "Feedback Widget": "CSKH Online",
}
WORK_MINUTES = {
    # export value: (mean, sd) of the agents' working time on a ticket, lognormal
    "Question": (6.0, 4.0),
    "Incident": (15.0, 9.0),
    "Refund": (20.0, 12.0),
    "Problem": (25.0, 15.0),
}
LIVE = {
    # export value: (mean patience, mean wait to be answered), seconds, both exponential;
    # a caller whose patience runs out first gives up (about 30 % on the phone)
    "Phone": (90.0, 40.0),
    "Chat": (240.0, 60.0),
}
HANDED_ON = {"Incident": 0.3, "Problem": 0.5}
"""Export value: the share of its tickets that a second group took over (the rest: one)."""
SECOND_GROUP = "CSKH Online"
"""The group that holds a handed-on ticket first, before handing it to its own group."""
PRIORITIES = ("Low", "Medium", "High", "Urgent")
PRIORITY_SHARES = (0.3, 0.5, 0.15, 0.05)


def hour_shape(hour: int) -> float:
    """The share of the day's peak in this local hour."""
    if hour < 7 or hour >= 22:
        return 0.03
    peaks = math.exp(-((hour - 10) ** 2) / 4) + 0.9 * math.exp(-((hour - 15) ** 2) / 4)
    return 0.15 + 0.85 * peaks


def special_days(first: dt.date, last: dt.date) -> dict[dt.date, float]:
    """The day factors that are not 1: the department's public holidays (its office
    calendar), the three days before Tết, the campaign."""
    import cskh_org
    from cskh_org.calendars import DepartmentCalendars
    from cskh_org.history.forecast import holiday_runs

    dept = cskh_org.load(ROOT / "examples" / "growing" / "department.yaml")
    office = DepartmentCalendars(dept)["office_hours"]
    factors: dict[dt.date, float] = {}
    for run in holiday_runs(office, first - dt.timedelta(days=10), last + dt.timedelta(days=10)):
        for day in run:  # the closed days inside a run too: nobody writes during Tết
            factors[day] = 0.15
        if len(run) >= 4:  # Tết: the three days before it are quieter
            for k in range(1, 4):
                factors.setdefault(run[0] - dt.timedelta(days=k), 0.6)
    factors = {d: f for d, f in factors.items() if first <= d <= last}
    for year in range(first.year, last.year + 1):
        for k in range(3):
            day = dt.date(year, 11, 11) + dt.timedelta(k)
            if first <= day <= last:
                factors[day] = 2.5
    return factors


def rate(
    channel: str, day: dt.date, hour: int, factors: dict[dt.date, float], scale: float = 1.0
) -> float:
    """The true arrival rate (tickets an hour) of ``channel`` in that local hour."""
    peak, weekend, _ = CHANNELS[channel]
    weekday = day.weekday()
    share = 1.0 if weekday < 5 else weekend if weekday == 5 else 0.6 * weekend
    return scale * peak * hour_shape(hour) * share * factors.get(day, 1.0)


def rows(
    *, seed: int = 7, days: int = 365, scale: float = 1.0, start: dt.date = START
) -> Iterator[str]:
    """The export's lines (without the header), in order of creation."""
    rng = np.random.default_rng(seed)
    factors = special_days(start, start + dt.timedelta(days))
    channels = list(CHANNELS)
    categories = list(CATEGORIES)
    shares = [CATEGORIES[c][0] for c in categories]
    ident = 100_000
    for d in range(days):
        day = start + dt.timedelta(d)
        for hour in range(24):
            opened = dt.datetime(day.year, day.month, day.day, hour, tzinfo=ZONE)
            counts = [int(rng.poisson(rate(c, day, hour, factors, scale))) for c in channels]
            n = sum(counts)
            if not n:
                continue
            which = np.repeat(np.arange(len(channels)), counts)
            offsets = rng.uniform(0, 3600, n)
            order = np.argsort(offsets, kind="stable")
            category = rng.choice(len(categories), size=n, p=shares)
            reply = rng.lognormal(0.0, 0.6, n)
            handling = rng.lognormal(0.0, 0.8, n)
            priority = rng.choice(len(PRIORITIES), size=n, p=PRIORITY_SHARES)
            agent = rng.integers(1, 25, n)
            work = rng.standard_normal(n)
            handed = rng.random(n)
            patience = rng.exponential(1.0, n)
            answer = rng.exponential(1.0, n)
            for i in order:
                ident += 1
                channel = channels[which[i]]
                kind = categories[category[i]]
                _, group, hours = CATEGORIES[kind]
                created = opened + dt.timedelta(seconds=round(float(offsets[i])))
                solved = created + dt.timedelta(hours=hours * float(handling[i]))
                reply_h = CHANNELS[channel][2] * float(reply[i])
                live = LIVE.get(channel)
                if live is not None:
                    waits, gives_up = answer[i] * live[1], patience[i] * live[0]
                    if gives_up < waits:  # abandoned: no reply, no work, no solution
                        yield (
                            f"{ident},Yêu cầu {ident},Closed,{PRIORITIES[priority[i]]},{channel},"
                            f"{kind},,{group or GROUP_OF_CHANNEL[channel]},"
                            f"{created:%Y-%m-%d %H:%M:%S},,,,{gives_up:.1f},,"
                        )
                        continue
                    reply_h = waits / 3600
                first_group = group or GROUP_OF_CHANNEL[channel]
                taken = handed[i] < HANDED_ON.get(kind, 0.0)
                path = f"{SECOND_GROUP} > {first_group}" if taken else first_group
                mean, sd = WORK_MINUTES[kind]
                sigma = math.sqrt(math.log1p((sd / mean) ** 2))
                minutes = math.exp(math.log(mean) - sigma**2 / 2 + sigma * float(work[i]))
                yield (
                    f"{ident},Yêu cầu {ident},Closed,{PRIORITIES[priority[i]]},{channel},{kind},"
                    f"Agent {agent[i]},{group or GROUP_OF_CHANNEL[channel]},"
                    f"{created:%Y-%m-%d %H:%M:%S},{solved:%Y-%m-%d %H:%M:%S},{reply_h:.5f},"
                    f"{minutes:.2f},,{2 if taken else 1},{path}"
                )


def write(path: Path, *, seed: int = 7, days: int = 365, scale: float = 1.0) -> int:
    """Write the export to ``path``; the number of rows."""
    n = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER + "\n")
        for line in rows(seed=seed, days=days, scale=scale):
            out.write(line + "\n")
            n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    n = write(args.out, seed=args.seed, days=args.days, scale=args.scale)
    print(f"wrote {n:,} rows to {args.out}")


if __name__ == "__main__":
    main()
