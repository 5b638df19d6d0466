"""The streamlined kernel's batched pieces against the general kernel's one-by-one ones."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.calendars import BusinessCalendar
from cskh_org.loading import validate
from cskh_org.simulation.plan import SlaTarget
from cskh_org.simulation.streamlined import _missed
from cskh_org.simulation.tickets import due_from
from cskh_org.simulation.timetable import Timetable

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ORIGIN = dt.datetime(2027, 1, 25, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def _office() -> Timetable:
    dept = validate(EXAMPLES / "small" / "department.yaml").unwrap()
    office = next(c for c in dept.calendars if c.id == "office_hours")
    return Timetable(BusinessCalendar(office, dept.timezone), ORIGIN)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10**6), n=st.integers(0, 300))
def test_missed_decides_like_due_from(seed: int, n: int) -> None:
    """:func:`_missed` counts exactly the late tickets ``due_from`` says missed, with the
    timetable inline or not: on office hours (nights, weekends: and openings still to be
    worked out, far ahead), on the clock, in business days, mixed in one list."""

    def targets(office: Timetable) -> list[SlaTarget]:
        return [
            SlaTarget("first_response", 180.0, office, 80),
            SlaTarget("resolution", 4 * 3600.0, office, 80),
            SlaTarget("resolution", 900.0, None, 80),
            SlaTarget("resolution", 0.0, office, 80, days=1),
            SlaTarget("first_response", 0.0, office, 80),
        ]

    seen, fresh = targets(_office()), targets(_office())  # fresh: openings still to work out
    rng = random.Random(seed)
    late: list[tuple[float, float, int]] = []
    for _ in range(n):
        k = rng.randrange(len(seen)) if rng.random() < 0.3 else 0
        arrived = rng.uniform(0.0, 120 * 86_400.0)
        due = due_from(arrived, seen[k])
        # around the due instant: before, exactly at, just after, far after
        at = rng.choice((due - 1.0, due, due + 1e-9, due + rng.expovariate(1 / 3600)))
        late.append((arrived, max(at, arrived), k))
    want = sum(1 for arrived, at, k in late if not at <= due_from(arrived, seen[k]))
    assert _missed([(arrived, at, fresh[k]) for arrived, at, k in late]) == want
    assert _missed([(arrived, at, seen[k]) for arrived, at, k in late]) == want
