"""The approval chain of a budget plan as a pure state machine, with its audit trail.

The department prepares the plan, the head of sales reviews it and proposes it to the
board, which approves it (``../shared/domain.md``). The states and moves::

    draft ──submit──▶ submitted ──review──▶ reviewed ──approve──▶ approved
      ▲                  │                     │
    returned ◀──return───┴──────return─────────┘      (returned ──submit──▶ submitted)

Who may make each move is read from the :class:`~cskh_org.model.ApprovalChain`:

* ``submit`` (from ``draft`` or ``returned``): the chain's ``prepare`` party;
* ``review``, and ``return`` of a ``submitted`` plan: the ``review`` party;
* ``approve``, and ``return`` of a ``reviewed`` plan: the ``approve`` party.

``approved`` is final. Every move carries a timezone-aware timestamp, never earlier than the
move before it. :func:`advance` makes one move and :func:`replay` folds a document's history;
both return a new immutable :class:`ApprovalRecord` and raise
:class:`~cskh_org.errors.ApprovalError` for a move out of order, by the wrong party, without a
UTC offset, or back in time. Nothing here reads a file or the clock.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cskh_org.errors import ApprovalError
from cskh_org.model.budget import (
    ApprovalAction,
    ApprovalChain,
    ApprovalEntry,
    ApprovalState,
    Party,
)
from cskh_org.words import both, say

__all__ = [
    "TRANSITIONS",
    "ApprovalMove",
    "ApprovalRecord",
    "actor",
    "advance",
    "next_moves",
    "replay",
]

_S, _A = ApprovalState, ApprovalAction

TRANSITIONS: dict[tuple[ApprovalState, ApprovalAction], ApprovalState] = {
    (_S.DRAFT, _A.SUBMIT): _S.SUBMITTED,
    (_S.RETURNED, _A.SUBMIT): _S.SUBMITTED,
    (_S.SUBMITTED, _A.REVIEW): _S.REVIEWED,
    (_S.SUBMITTED, _A.RETURN): _S.RETURNED,
    (_S.REVIEWED, _A.APPROVE): _S.APPROVED,
    (_S.REVIEWED, _A.RETURN): _S.RETURNED,
}
"""Every allowed move: (state, action) → the state it leads to."""


def _refused(key: str, field: str | None = None, /, **fields: object) -> ApprovalError:
    """The refusal ``approval.refused.<key>`` of the catalogue, in both languages."""
    words = both(f"approval.refused.{key}", **fields)
    return ApprovalError(words.en, field=field, said=words)


def actor(chain: ApprovalChain, state: ApprovalState, action: ApprovalAction) -> tuple[str, Party]:
    """Who may make ``action`` in ``state``: their role in the chain (``preparer``,
    ``reviewer``, ``approver``) and the party. The move itself may still be out of order."""
    if action is _A.SUBMIT:
        return "preparer", chain.prepare
    if action is _A.REVIEW or (action is _A.RETURN and state is not _S.REVIEWED):
        return "reviewer", chain.review
    return "approver", chain.approve


def next_moves(
    chain: ApprovalChain, state: ApprovalState
) -> tuple[tuple[ApprovalAction, str], ...]:
    """The moves allowed in ``state``, each with the id of the party who may make it."""
    return tuple(
        (action, actor(chain, state, action)[1].id)
        for (before, action) in TRANSITIONS
        if before is state
    )


@dataclass(frozen=True, slots=True)
class ApprovalMove:
    """One move of the audit trail: what was done, by whom, when, and the states around it."""

    action: ApprovalAction
    by: str
    at: datetime.datetime
    before: ApprovalState
    after: ApprovalState
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action.value,
            "by": self.by,
            "at": self.at.isoformat(),
            "from": self.before.value,
            "to": self.after.value,
            "note": self.note,
        }

    def __str__(self) -> str:
        """``reviewed by head_of_sales 2026-11-25``; a return also says why."""
        return self.text("en")

    def text(self, lang: str) -> str:
        """The move in words in ``lang`` (a display language): ``reviewed by head_of_sales
        2026-11-25``, ``head_of_sales xem xét ngày 25/11/2026``; a return also says why."""
        from cskh_org.words.formats import date_text

        note = f": {self.note}" if self.note and self.action is _A.RETURN else ""
        day = date_text(self.at.date(), lang)
        return say(f"move.{self.action.value}", lang, by=self.by, date=day) + note


@dataclass(frozen=True, slots=True)
class ApprovalRecord:
    """Where a plan stands (``state``) and every move that led there (``trail``, oldest first)."""

    state: ApprovalState = ApprovalState.DRAFT
    trail: tuple[ApprovalMove, ...] = ()

    @property
    def round(self) -> tuple[ApprovalMove, ...]:
        """The moves since the plan was last submitted (all of them if it never was)."""
        starts = [i for i, move in enumerate(self.trail) if move.action is _A.SUBMIT]
        return self.trail[starts[-1] :] if starts else self.trail

    def summary(self, lang: str = "en") -> str:
        """``reviewed (submitted by cskh 2026-11-20, reviewed by head_of_sales 2026-11-25)``;
        in Vietnamese with ``lang="vi"``."""
        state = say(f"state.{self.state.value}", lang)
        moves = self.round
        if not moves:
            return say("record.unsubmitted", lang, state=state)
        return say("record.moves", lang, state=state, moves=", ".join(m.text(lang) for m in moves))

    def to_dict(self) -> dict[str, Any]:
        return {"state": self.state.value, "trail": [move.to_dict() for move in self.trail]}


def advance(
    chain: ApprovalChain,
    record: ApprovalRecord,
    action: ApprovalAction | str,
    by: str,
    at: datetime.datetime,
    *,
    note: str | None = None,
) -> ApprovalRecord:
    """``record`` after one more move; :class:`ApprovalError` if the move is refused.

    Refused: an action not allowed in the current state, a party who is not the one the
    chain names for it, a timestamp without a UTC offset, or one earlier than the last move.
    ``record`` itself is never changed.
    """
    action = _action(action)
    verb = action.value
    state = record.state
    after = TRANSITIONS.get((state, action))
    if after is None:
        if action is _A.RETURN and state in (_S.DRAFT, _S.RETURNED):
            why = both("approval.why.return")
        else:
            why = both(
                f"approval.why.{state.value}",
                prepare=chain.prepare.id,
                review=chain.review.id,
                approve=chain.approve.id,
            )
        raise _refused("state", "action", verb=verb, state=state.value, why=why)
    role, party = actor(chain, state, action)
    if by != party.id:
        raise _refused(
            "by", "by", by=by, verb=verb, role=both(f"budget.role.{role}"), party=party.id
        )
    if at.tzinfo is None or at.utcoffset() is None:
        raise _refused("offset", "at", verb=verb, at=at.isoformat())
    if record.trail and at < record.trail[-1].at:
        last = record.trail[-1]
        raise _refused(
            "order",
            "at",
            verb=verb,
            at=at.isoformat(),
            last=last.action.value,
            last_at=last.at.isoformat(),
        )
    move = ApprovalMove(action, by, at, state, after, note)
    return ApprovalRecord(after, (*record.trail, move))


def replay(chain: ApprovalChain, history: Iterable[ApprovalEntry]) -> ApprovalRecord:
    """The record a document's history leads to, from ``draft``; :class:`ApprovalError` (with
    the ``index`` of the refused entry) at the first entry that cannot be made."""
    record = ApprovalRecord()
    for index, entry in enumerate(history):
        try:
            record = advance(chain, record, entry.action, entry.by, entry.at, note=entry.note)
        except ApprovalError as exc:
            raise ApprovalError(str(exc), index=index, field=exc.field, said=exc.said) from None
    return record


def _action(action: ApprovalAction | str) -> ApprovalAction:
    try:
        return ApprovalAction(action)
    except ValueError:
        known = ", ".join(a.value for a in ApprovalAction)
        raise _refused("action", None, action=action, known=known) from None
