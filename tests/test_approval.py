"""The approval chain's state machine: allowed moves, refused moves with clear errors, the
audit trail, replaying a history, and the property that nothing reaches ``approved`` without
every step of the chain."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cskh_org import ApprovalError, CskhOrgError
from cskh_org.approval import (
    TRANSITIONS,
    ApprovalMove,
    ApprovalRecord,
    actor,
    advance,
    next_moves,
    replay,
)
from cskh_org.model.budget import (
    ApprovalAction,
    ApprovalChain,
    ApprovalEntry,
    ApprovalState,
    Party,
)

A, S = ApprovalAction, ApprovalState
ICT = datetime.timezone(datetime.timedelta(hours=7))
CHAIN = ApprovalChain(
    prepare=Party(unit="cskh"),
    review=Party(external="head_of_sales"),
    approve=Party(external="board"),
)
PARTIES = ("cskh", "head_of_sales", "board", "marketing")


def at(day: int, hour: int = 9) -> datetime.datetime:
    """An instant in November 2026, Vietnam time."""
    return datetime.datetime(2026, 11, day, hour, tzinfo=ICT)


def entry(action: str, by: str, day: int, note: str | None = None) -> ApprovalEntry:
    """A history entry as the document would hold it."""
    return ApprovalEntry(action=ApprovalAction(action), by=by, at=at(day), note=note)


def test_the_happy_path_reaches_approved() -> None:
    """Submit by the preparer, review by the reviewer, approve by the approver: approved."""
    record = ApprovalRecord()
    record = advance(CHAIN, record, A.SUBMIT, "cskh", at(20))
    assert record.state is S.SUBMITTED
    record = advance(CHAIN, record, "review", "head_of_sales", at(25))
    assert record.state is S.REVIEWED
    record = advance(CHAIN, record, A.APPROVE, "board", at(28), note="Đồng ý")
    assert record.state is S.APPROVED
    assert [(m.action, m.by, m.before, m.after) for m in record.trail] == [
        (A.SUBMIT, "cskh", S.DRAFT, S.SUBMITTED),
        (A.REVIEW, "head_of_sales", S.SUBMITTED, S.REVIEWED),
        (A.APPROVE, "board", S.REVIEWED, S.APPROVED),
    ]
    assert record.trail[-1].note == "Đồng ý"


def test_advance_never_changes_the_record_it_is_given() -> None:
    """`advance` returns a new record; the old one (frozen) keeps its state and trail."""
    first = advance(CHAIN, ApprovalRecord(), A.SUBMIT, "cskh", at(20))
    second = advance(CHAIN, first, A.REVIEW, "head_of_sales", at(21))
    assert first.state is S.SUBMITTED
    assert len(first.trail) == 1
    assert len(second.trail) == 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.state = S.APPROVED  # type: ignore[misc]


def test_approving_a_submitted_plan_names_the_missing_review() -> None:
    """Approving before the review is refused, saying the head of sales reviews it first."""
    record = advance(CHAIN, ApprovalRecord(), A.SUBMIT, "cskh", at(20))
    with pytest.raises(ApprovalError) as exc:
        advance(CHAIN, record, A.APPROVE, "board", at(21))
    assert str(exc.value) == (
        "cannot approve a plan that is submitted: the reviewer `head_of_sales` reviews it first"
    )
    assert exc.value.field == "action"
    assert isinstance(exc.value, CskhOrgError)
    assert isinstance(exc.value, ValueError)
    assert exc.value.exit_code == 2


@pytest.mark.parametrize(
    ("moves", "action", "words"),
    [
        ([], A.REVIEW, "cannot review a plan that is draft: the preparer `cskh` submits it first"),
        ([], A.RETURN, "only a submitted or reviewed plan can be returned"),
        (
            [(A.SUBMIT, "cskh")],
            A.SUBMIT,
            "cannot submit a plan that is submitted: the reviewer `head_of_sales` reviews",
        ),
        (
            [(A.SUBMIT, "cskh"), (A.REVIEW, "head_of_sales")],
            A.REVIEW,
            "the approver `board` approves it (or returns it) next",
        ),
        (
            [(A.SUBMIT, "cskh"), (A.RETURN, "head_of_sales")],
            A.APPROVE,
            "cannot approve a plan that is returned: the preparer `cskh` submits it again",
        ),
        (
            [(A.SUBMIT, "cskh"), (A.REVIEW, "head_of_sales"), (A.APPROVE, "board")],
            A.RETURN,
            "cannot return a plan that is approved: approval is final",
        ),
    ],
)
def test_moves_out_of_order_are_refused(
    moves: list[tuple[ApprovalAction, str]], action: ApprovalAction, words: str
) -> None:
    """Every move not allowed in the current state is refused with what must happen instead."""
    record = ApprovalRecord()
    for day, (done, by) in enumerate(moves, start=1):
        record = advance(CHAIN, record, done, by, at(day))
    _, party = actor(CHAIN, record.state, action)
    with pytest.raises(ApprovalError, match="cannot") as exc:
        advance(CHAIN, record, action, party.id, at(20))
    assert words in str(exc.value)


@pytest.mark.parametrize(
    ("moves", "action", "by", "role", "expected"),
    [
        ([], A.SUBMIT, "head_of_sales", "preparer", "cskh"),
        ([A.SUBMIT], A.REVIEW, "board", "reviewer", "head_of_sales"),
        ([A.SUBMIT], A.RETURN, "board", "reviewer", "head_of_sales"),
        ([A.SUBMIT, A.REVIEW], A.APPROVE, "head_of_sales", "approver", "board"),
        ([A.SUBMIT, A.REVIEW], A.RETURN, "head_of_sales", "approver", "board"),
    ],
)
def test_moves_by_the_wrong_party_are_refused(
    moves: list[ApprovalAction], action: ApprovalAction, by: str, role: str, expected: str
) -> None:
    """A move by anyone but the party the chain names for it is refused, naming that party."""
    record = ApprovalRecord()
    for day, done in enumerate(moves, start=1):
        record = advance(CHAIN, record, done, actor(CHAIN, record.state, done)[1].id, at(day))
    with pytest.raises(ApprovalError) as exc:
        advance(CHAIN, record, action, by, at(20))
    assert (
        str(exc.value)
        == f"`{by}` cannot {action.value} the plan: only the {role} `{expected}` does"
    )
    assert exc.value.field == "by"


def test_a_returned_plan_is_submitted_again() -> None:
    """The reviewer or the approver returns the plan; the preparer submits it again."""
    record = replay(
        CHAIN,
        [
            entry("submit", "cskh", 10),
            entry("return", "head_of_sales", 14, "Giảm quà Tết"),
            entry("submit", "cskh", 20),
            entry("review", "head_of_sales", 25),
            entry("return", "board", 26),
            entry("submit", "cskh", 27),
        ],
    )
    assert record.state is S.SUBMITTED
    assert [m.after for m in record.trail] == [
        S.SUBMITTED,
        S.RETURNED,
        S.SUBMITTED,
        S.REVIEWED,
        S.RETURNED,
        S.SUBMITTED,
    ]


def test_timestamps_must_carry_a_utc_offset() -> None:
    """A move at a naive time is refused: the audit trail needs instants, not wall times."""
    with pytest.raises(ApprovalError, match="no UTC offset") as exc:
        advance(CHAIN, ApprovalRecord(), A.SUBMIT, "cskh", datetime.datetime(2026, 11, 20, 9))
    assert exc.value.field == "at"


def test_timestamps_must_not_go_backwards() -> None:
    """A move earlier than the one before it is refused; the same instant is accepted."""
    record = advance(CHAIN, ApprovalRecord(), A.SUBMIT, "cskh", at(20))
    same = advance(CHAIN, record, A.REVIEW, "head_of_sales", at(20))
    assert same.state is S.REVIEWED
    with pytest.raises(ApprovalError, match="earlier than the move before it"):
        advance(CHAIN, record, A.REVIEW, "head_of_sales", at(19))
    utc_later = datetime.datetime(2026, 11, 20, 2, 30, tzinfo=datetime.UTC)  # 09:30 in Vietnam
    assert advance(CHAIN, record, A.REVIEW, "head_of_sales", utc_later).state is S.REVIEWED


def test_replay_reports_the_index_of_the_refused_entry() -> None:
    """`replay` raises at the first refused entry, with its index and the key at fault."""
    history = [entry("submit", "cskh", 20), entry("approve", "board", 28)]
    with pytest.raises(ApprovalError) as exc:
        replay(CHAIN, history)
    assert exc.value.index == 1
    assert exc.value.field == "action"
    assert "the reviewer `head_of_sales` reviews it first" in str(exc.value)


def test_replay_of_no_history_is_a_draft() -> None:
    """An empty history leaves the plan a draft, with an empty trail."""
    record = replay(CHAIN, ())
    assert record == ApprovalRecord(S.DRAFT, ())
    assert record.summary() == "draft (not submitted yet)"


def test_summary_shows_the_current_round() -> None:
    """The summary gives the state and the moves since the last submission, with dates."""
    record = replay(
        CHAIN,
        [
            entry("submit", "cskh", 10),
            entry("return", "head_of_sales", 14, "Giảm quà Tết"),
            entry("submit", "cskh", 20),
            entry("review", "head_of_sales", 25, "Đồng ý"),
        ],
    )
    assert record.summary() == (
        "reviewed (submitted by cskh 2026-11-20, reviewed by head_of_sales 2026-11-25)"
    )
    returned = replay(
        CHAIN, [entry("submit", "cskh", 10), entry("return", "head_of_sales", 14, "Giảm quà")]
    )
    assert returned.summary().endswith("returned by head_of_sales 2026-11-14: Giảm quà)")


def test_records_convert_to_json_ready_dicts() -> None:
    """`to_dict` gives the state and each move with ISO instants and both states."""
    record = replay(CHAIN, [entry("submit", "cskh", 20, "Trình kế hoạch")])
    assert record.to_dict() == {
        "state": "submitted",
        "trail": [
            {
                "action": "submit",
                "by": "cskh",
                "at": "2026-11-20T09:00:00+07:00",
                "from": "draft",
                "to": "submitted",
                "note": "Trình kế hoạch",
            }
        ],
    }


def test_next_moves_name_who_may_act() -> None:
    """The allowed moves of each state, each with the party who may make it."""
    assert next_moves(CHAIN, S.DRAFT) == ((A.SUBMIT, "cskh"),)
    assert set(next_moves(CHAIN, S.SUBMITTED)) == {
        (A.REVIEW, "head_of_sales"),
        (A.RETURN, "head_of_sales"),
    }
    assert set(next_moves(CHAIN, S.REVIEWED)) == {(A.APPROVE, "board"), (A.RETURN, "board")}
    assert next_moves(CHAIN, S.APPROVED) == ()


def test_an_unknown_action_is_refused() -> None:
    """An action name outside the four is an ApprovalError that lists them."""
    with pytest.raises(ApprovalError, match="submit, review, approve, return"):
        advance(CHAIN, ApprovalRecord(), "sign", "cskh", at(20))


# -- properties --------------------------------------------------------------------------------

Moves = list[tuple[ApprovalAction | None, str | None]]

MOVES = st.lists(
    st.tuples(
        st.sampled_from((None, None, None, *ApprovalAction)),
        st.sampled_from((None, None, None, *PARTIES)),
    ),
    max_size=40,
)
"""Moves as (action, party). An action of ``None`` is the forward move of the state the plan
is in then (submit, review, approve), a party of ``None`` whoever the chain names for the
action then: so that many sequences get far along the chain, among all the refused moves."""


def _run(moves: Moves) -> list[ApprovalRecord]:
    """Every record reached by trying the moves in order, a refused move changing nothing."""
    record = ApprovalRecord()
    reached = [record]
    for minute, (maybe_action, party) in enumerate(moves):
        forward = [a for a, _ in next_moves(CHAIN, record.state) if a is not A.RETURN]
        action = maybe_action or (forward[0] if forward else A.APPROVE)
        by = party or actor(CHAIN, record.state, action)[1].id
        try:
            record = advance(CHAIN, record, action, by, at(1) + datetime.timedelta(minutes=minute))
        except ApprovalError:
            continue
        reached.append(record)
    return reached


@given(MOVES)
def test_nothing_reaches_approved_without_every_step(
    moves: Moves,
) -> None:
    """Over any sequence of moves by anyone, a plan is approved only right after submit by the
    preparer, review by the reviewer and approve by the approver, in that order."""
    for record in _run(moves):
        if record.state is not S.APPROVED:
            continue
        last_three = [(m.action, m.by) for m in record.trail[-3:]]
        assert last_three == [
            (A.SUBMIT, CHAIN.prepare.id),
            (A.REVIEW, CHAIN.review.id),
            (A.APPROVE, CHAIN.approve.id),
        ]
        assert [m.action for m in record.trail].count(A.APPROVE) == 1


@given(MOVES)
def test_every_trail_is_a_valid_walk(moves: Moves) -> None:
    """Each move of any trail follows an allowed transition, by the party the chain names for
    it, from the state the previous move left; replaying the trail gives the same record."""
    record = _run(moves)[-1]
    state = S.DRAFT
    for move in record.trail:
        assert isinstance(move, ApprovalMove)
        assert move.before is state
        assert TRANSITIONS[(state, move.action)] is move.after
        assert move.by == actor(CHAIN, state, move.action)[1].id
        state = move.after
    assert state is record.state
    history = [ApprovalEntry(action=m.action, by=m.by, at=m.at, note=m.note) for m in record.trail]
    assert replay(CHAIN, history) == record


def test_the_generated_moves_can_reach_approved() -> None:
    """Three forward moves by the rightful parties approve the plan, so the properties above
    see approved plans (about one generated sequence in five reaches one)."""
    assert _run([(None, None)] * 3)[-1].state is S.APPROVED
    assert _run([(None, None), (A.RETURN, None), (None, None)])[-1].state is S.SUBMITTED


def test_the_summary_is_said_in_vietnamese_with_local_dates() -> None:
    import datetime

    from cskh_org.approval import ApprovalMove, ApprovalRecord
    from cskh_org.model.budget import ApprovalAction, ApprovalState

    at = datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)
    move = ApprovalMove(
        ApprovalAction.SUBMIT, "cskh", at, ApprovalState.DRAFT, ApprovalState.SUBMITTED
    )
    record = ApprovalRecord(ApprovalState.SUBMITTED, (move,))
    assert record.summary() == "submitted (submitted by cskh 2026-11-20)"
    assert record.summary("vi") == "đã trình (cskh trình ngày 20/11/2026)"
    assert ApprovalRecord().summary("vi") == "nháp (chưa trình)"
