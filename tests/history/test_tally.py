"""The tally of past tickets (cskh_org/history/tally.py) against a plain count of the same
tickets."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from cskh_org.history import Tally
from cskh_org.model.history import PastTicket

_TICKETS = st.builds(
    PastTicket,
    line=st.integers(1, 10**6),
    id=st.none() | st.text(max_size=5),
    created=st.datetimes(timezones=st.just(dt.UTC)),
    first_reply=st.none() | st.datetimes(timezones=st.just(dt.UTC)),
    solved=st.none() | st.datetimes(timezones=st.just(dt.UTC)),
    channel=st.none() | st.sampled_from(["phone", "email", "chat"]),
    unit=st.none() | st.sampled_from(["support", "sales"]),
    reopened=st.none() | st.integers(0, 3),
)


@given(st.lists(_TICKETS, max_size=40))
def test_the_tally_is_the_plain_count(tickets: list[PastTicket]) -> None:
    tally = Tally()
    for ticket in tickets:
        tally.add(ticket)
    assert tally.tickets == len(tickets)
    assert tally.first == min((t.created for t in tickets), default=None)
    assert tally.last == max((t.created for t in tickets), default=None)
    assert tally.answered == sum(t.first_reply is not None for t in tickets)
    assert tally.solved == sum(t.solved is not None for t in tickets)
    assert tally.reopened == sum(bool(t.reopened) for t in tickets)
    assert tally.by_channel == Counter(t.channel for t in tickets)
    assert tally.by_unit == Counter(t.unit for t in tickets)
