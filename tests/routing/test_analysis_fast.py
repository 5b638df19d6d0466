"""The fast routing analysis against the plain one it replaced: the same verdicts, witnesses,
regions and fall-through on random rule tables, and the same number-test masks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cskh_org.model import TicketSchema
from cskh_org.model.routing import Routing
from cskh_org.routing import analysis as analysis_module
from cskh_org.routing.analysis import (
    Fallthrough,
    Reach,
    RoutingAnalysis,
    RuleAnalysis,
    analyse_routing,
    merge_boxes,
)
from cskh_org.routing.boxes import (
    Box,
    Space,
    TooComplex,
    boxes_intersect,
    condition_atoms,
    subtract,
)
from cskh_org.words import both
from tests.conftest import examples
from tests.routing.strategies import Case, cases

# -- the plain analysis, kept as the reference -------------------------------------------


class _Budget:
    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self, n: int = 1) -> None:
        self.left -= n
        if self.left < 0:
            raise TooComplex


def _minus(region: list[Box], cover: Sequence[Box], budget: _Budget) -> list[Box]:
    """``region`` minus the union of ``cover``, as disjoint boxes (``TooComplex`` past a limit)."""
    for box in cover:
        if not region:
            break
        nxt: list[Box] = []
        for piece in region:
            if boxes_intersect(piece, box):
                budget.spend()
                nxt.extend(subtract(piece, box))
            else:
                nxt.append(piece)
        if len(nxt) > analysis_module.PIECE_LIMIT:
            raise TooComplex
        region = nxt
    return region


def _disjoint(boxes: Sequence[Box], budget: _Budget) -> list[Box]:
    """The union of possibly overlapping boxes as disjoint boxes."""
    out: list[Box] = []
    for box in boxes:
        out.extend(_minus([box], out, budget))
        if len(out) > analysis_module.PIECE_LIMIT:
            raise TooComplex
    return out


def _takers(boxes: list[Box], earlier: list[Box], owners: list[int], budget: _Budget) -> list[int]:
    """The earlier rules that, first match first, take some of the tickets in ``boxes``."""
    region = _disjoint(boxes, budget)
    takers: list[int] = []
    for box, owner in zip(earlier, owners, strict=True):
        if not region:
            break
        if any(boxes_intersect(piece, box) for piece in region):
            if not takers or takers[-1] != owner:
                takers.append(owner)
            region = _minus(region, [box], budget)
    return sorted(set(takers))


def plain_analysis(routing: Routing, schema: TicketSchema, *, limit: int = 256) -> RoutingAnalysis:
    """The analysis as it was first written: every rule minus every earlier box, in order."""
    required = [name for name, spec in schema.attributes.items() if spec.required]
    space = Space(schema, (r.when for r in routing.rules), extra=required)
    budget = _Budget(analysis_module.WORK_LIMIT)
    earlier: list[Box] = []  # boxes of every earlier rule (overlapping)
    owners: list[int] = []  # the rule each box of `earlier` belongs to
    opaque_before: str | None = None  # an earlier rule the analysis could not compile
    verdicts: list[RuleAnalysis] = []
    for index, rule in enumerate(routing.rules):
        try:
            boxes = space.compile(rule.when, limit)
        except TooComplex:
            verdicts.append(
                RuleAnalysis(
                    index,
                    rule.id,
                    Reach.UNKNOWN,
                    reason=both("analysis.alternatives", limit=limit),
                )
            )
            opaque_before = opaque_before or rule.id
            continue
        if not boxes:
            verdicts.append(RuleAnalysis(index, rule.id, Reach.UNSATISFIABLE))
            continue
        if opaque_before is not None:
            verdicts.append(
                RuleAnalysis(
                    index,
                    rule.id,
                    Reach.UNKNOWN,
                    reason=both("analysis.opaque_before", rule=opaque_before),
                )
            )
            earlier.extend(boxes)
            owners.extend([index] * len(boxes))
            continue
        try:
            remaining = _minus(_disjoint(boxes, budget), earlier, budget)
        except TooComplex:
            verdicts.append(
                RuleAnalysis(
                    index,
                    rule.id,
                    Reach.UNKNOWN,
                    reason=both("analysis.pieces", limit=analysis_module.PIECE_LIMIT),
                )
            )
        else:
            if remaining:
                verdicts.append(
                    RuleAnalysis(
                        index,
                        rule.id,
                        Reach.REACHABLE,
                        witness=space.witness(remaining[0]),
                        regions=tuple(remaining),
                    )
                )
            else:
                covering = _takers(boxes, earlier, owners, budget)
                verdicts.append(
                    RuleAnalysis(
                        index,
                        rule.id,
                        Reach.SHADOWED,
                        covered_by=tuple(routing.rules[i].id for i in covering),
                    )
                )
        earlier.extend(boxes)
        owners.extend([index] * len(boxes))
    fallthrough = _fallthrough(space, earlier, opaque_before, budget)
    return RoutingAnalysis(space, tuple(verdicts), fallthrough)


def _fallthrough(
    space: Space, earlier: list[Box], opaque: str | None, budget: _Budget
) -> Fallthrough:
    if opaque is not None:
        return Fallthrough(False, reason=both("analysis.opaque", rule=opaque))
    if 0 in space.universe:
        return Fallthrough(True)  # an attribute with no valid value: no ticket at all
    try:
        rest = _minus([space.universe], earlier, budget)
    except TooComplex:
        return Fallthrough(
            False, reason=both("analysis.fallthrough_pieces", limit=analysis_module.PIECE_LIMIT)
        )
    merged = merge_boxes(rest)
    return Fallthrough(
        True,
        tuple(rest),
        tuple(space.describe(b) for b in merged),
        tuple(space.witness(b) for b in merged),
        descriptions_vi=tuple(space.describe(b, "vi") for b in merged),
    )


# -- the properties ------------------------------------------------------------------------


def _key(analysis: RoutingAnalysis) -> tuple[Any, ...]:
    return analysis.rules, analysis.fallthrough


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(max_attributes=4, max_rules=12))
def test_fast_analysis_equals_the_plain_one(case: Case) -> None:
    """Every verdict (reach, covering rules, witness, regions, reason) and the fall-through
    (pieces, descriptions, witnesses) are those of the plain analysis."""
    fast = analyse_routing(case.routing, case.schema)
    assert _key(fast) == _key(plain_analysis(case.routing, case.schema))


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    case=cases(max_attributes=4, max_rules=12),
    pieces=st.integers(1, 12),
    work=st.integers(0, 60),
    cover_after=st.sampled_from([0, 1, 5, analysis_module.COVER_AFTER]),
)
def test_fast_analysis_answers_wherever_the_plain_one_does(
    case: Case, pieces: int, work: int, cover_after: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With tiny piece and work limits, every verdict the plain analysis reaches the fast one
    reaches too, the same; it gives up only where the plain one did (it makes a part of the
    plain one's subtractions: a reachable rule stops at its first piece), and a fall-through
    the plain one finds is the same. So also with the cover woken early (its cuts are spent
    from the analysis's budget when the fall-through is read, as the plain cuts would be)."""
    with monkeypatch.context() as patch:
        patch.setattr(analysis_module, "PIECE_LIMIT", pieces)
        patch.setattr(analysis_module, "WORK_LIMIT", work)
        patch.setattr(analysis_module, "COVER_AFTER", cover_after)
        try:
            plain: RoutingAnalysis | None = plain_analysis(case.routing, case.schema)
        except TooComplex:
            plain = None
        try:
            fast: RoutingAnalysis | None = analyse_routing(case.routing, case.schema)
        except TooComplex:
            fast = None
            assert plain is None
        if fast is None or plain is None:
            return
        for mine, theirs in zip(fast.rules, plain.rules, strict=True):
            if theirs.reach is not Reach.UNKNOWN:
                assert mine == theirs
        if plain.fallthrough.known:
            assert fast.fallthrough == plain.fallthrough


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(max_attributes=4, max_rules=8))
def test_number_masks_by_bisection_equal_asking_every_element(case: Case) -> None:
    """A number domain's mask of a test, found by bisection, is the one asking every
    element's representative gives."""
    space = Space(case.schema, (r.when for r in case.routing.rules))
    for rule in case.routing.rules:
        for name, test in condition_atoms(rule.when):
            pos = space.position.get(name)
            if pos is None:
                continue
            domain = space.domains[pos]
            assert domain.matching(test) == domain.matching_one_by_one(test), (name, test)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(max_attributes=4, max_rules=8))
def test_enum_and_text_masks_by_lookup_equal_asking_every_element(case: Case) -> None:
    """An enum or text domain's mask of a test, found by looking its constants up, is the
    one asking every element's representative gives (the tests of the table, and each of
    them on every other attribute of the space too: constants of the wrong type)."""
    space = Space(case.schema, (r.when for r in case.routing.rules))
    tests = [test for rule in case.routing.rules for _, test in condition_atoms(rule.when)]
    for domain in space.domains:
        if domain.kind not in ("enum", "text"):
            continue
        for test in tests:
            assert domain.matching(test) == domain.matching_one_by_one(test), (domain, test)


# -- the cover (the fall-through so far and the parts each rule took) ----------------------


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(max_attributes=4, max_rules=12), cover_limit=st.sampled_from([0, 3, 1 << 20]))
def test_the_cover_gives_the_plain_answers(case: Case, cover_limit: int) -> None:
    """With the cover woken before the first rule (and given up at once, part way or never,
    by its piece limit), every verdict and the fall-through are still the plain analysis's:
    the rules that take a shadowed rule's tickets are the owners of the parts it meets, and
    a reachable rule's first piece is the same when pieces with no ticket falling through
    are passed over."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(analysis_module, "COVER_AFTER", 0)
        patch.setattr(analysis_module, "COVER_LIMIT", cover_limit)
        fast = analysis_module._analyse(case.routing, case.schema, 256)
    assert _key(fast) == _key(plain_analysis(case.routing, case.schema))


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=cases(max_attributes=4, max_rules=12),
    width=st.sampled_from([1, 2, 3]),
    cover_after=st.sampled_from([0, analysis_module.COVER_AFTER]),
)
def test_an_index_by_runs_of_elements_gives_the_plain_answers(
    case: Case, width: int, cover_after: int
) -> None:
    """With every attribute wider than one to three elements indexed by runs of them (as an
    order value cut into hundreds of ranges is), the index offers boxes that do not meet, and
    the answers are still the plain analysis's, with the cover asleep or woken at once."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(analysis_module, "_INDEX_WIDTH", width)
        patch.setattr(analysis_module, "COVER_AFTER", cover_after)
        spans: list[int] = []  # per index made, per attribute: the elements an entry holds
        made = analysis_module._Earlier.__init__

        def spied(self: Any, packing: Any) -> None:
            made(self, packing)
            spans.extend(self.spans)

        patch.setattr(analysis_module._Earlier, "__init__", spied)
        fast = analysis_module._analyse(case.routing, case.schema, 256)
    assert _key(fast) == _key(plain_analysis(case.routing, case.schema))
    widths = [d.size for d in fast.space.domains] * 2  # the rules' index, the cover's
    assert all(
        -(-w // span) <= max(width, w if span == 1 else 0)
        for span, w in zip(spans, widths, strict=True)
    )


def _overlapping(n: int, seed: int) -> tuple[Routing, TicketSchema]:
    """``n`` wide rules of the analysis benchmark over the routing benchmark's schema (two to
    four attributes with about half their values each): most rules are cut by most others."""
    import random

    from benchmarks.bench_analysis import overlapping_rules
    from benchmarks.bench_routing import ENUMS, SCHEMA

    routing = Routing.model_validate(overlapping_rules(n, random.Random(seed), ENUMS))
    return routing, TicketSchema.model_validate(SCHEMA)


@pytest.mark.parametrize("seed", [5, 6])
def test_a_table_whose_rules_overlap_wakes_the_cover_and_gets_the_same_answers(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On 80 overlapping rules, a search past ``COVER_AFTER`` subtractions wakes the cover,
    and every verdict (covering rules, witnesses, regions) and the fall-through equal those
    of the search that never uses it."""
    routing, schema = _overlapping(80, seed)
    woken: list[int] = []
    wake = analysis_module._Cover.wake

    def spied(cover: Any) -> None:
        woken.append(len(cover.earlier.boxes))
        wake(cover)

    monkeypatch.setattr(analysis_module._Cover, "wake", spied)
    answered: list[int] = []  # shadowed rules answered by the cover, with their takers
    takers = analysis_module._Cover.takers

    def counted(cover: Any, pieces: Any) -> list[int]:
        found = takers(cover, pieces)
        answered.append(len(found))
        return found

    monkeypatch.setattr(analysis_module._Cover, "takers", counted)
    pruned: list[bool] = []  # each search: whether it passed over pieces that fall nowhere
    first_piece = analysis_module._first_piece

    def searched(*args: Any) -> int | None:
        pruned.append(len(args) > 4 and args[4] is not None)
        return first_piece(*args)

    monkeypatch.setattr(analysis_module, "_first_piece", searched)
    monkeypatch.setattr(analysis_module, "COVER_AFTER", 16)
    with_cover = analysis_module._analyse(routing, schema, 256)
    assert len(woken) == 1
    assert woken[0] > 0
    # after waking, the cover stays live: it names the covering rules of the shadowed rules,
    # and the reachable rules' searches pass over pieces it says no ticket falls into
    assert answered
    assert all(n > 0 for n in answered)
    assert any(pruned)
    monkeypatch.setattr(analysis_module, "COVER_AFTER", 1 << 62)
    without = analysis_module._analyse(routing, schema, 256)
    assert len(woken) == 1
    reaches = {r.reach for r in with_cover.rules}
    assert {Reach.REACHABLE, Reach.SHADOWED} <= reaches
    assert _key(with_cover) == _key(without)
