"""What each view shows: the org chart's figures and options, never-firing rules, the longest
escalation path, the approval state, and the errors."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import cskh_org
from cskh_org.render import (
    build_view,
    output_format,
    render,
    render_all,
    render_dot,
    render_file,
    render_mermaid,
)
from cskh_org.render.views import format_money
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def growing() -> cskh_org.Department:
    return cskh_org.load(str(EXAMPLES / "growing" / "department.yaml"))


@pytest.fixture(scope="module")
def small() -> cskh_org.Department:
    return cskh_org.load(str(EXAMPLES / "small" / "department.yaml"))


def test_org_unit_shows_head_headcount_fte_and_cost(growing: cskh_org.Department) -> None:
    """A unit node shows its head's title, headcount, FTE and monthly staff cost."""
    view = build_view(growing, "org", lang="en")
    node = next(n for n in view.nodes if n.id == "u_online__care")
    assert node.title == "Online care desk"
    assert node.lines == (
        "Head: Care team leader",
        "6 people · 4.5 FTE",
        "58,750,000 VND/month",
    )
    assert [c.label for c in node.chips] == ["Support", "Sales"]


def test_org_function_colours_are_consistent_with_legend(growing: cskh_org.Department) -> None:
    """A function has the same colour on every unit and in the legend."""
    view = build_view(growing, "org", lang="en")
    legend = {entry.label: entry.colour for entry in view.legend}
    for node in view.nodes:
        for chip in node.chips:
            assert legend[chip.label] == chip.colour


def test_org_externals_are_dashed(growing: cskh_org.Department) -> None:
    """External parties are dashed boxes, units are not."""
    view = build_view(growing, "org")
    assert all(n.dashed for n in view.nodes if n.id.startswith("e_"))
    assert not any(n.dashed for n in view.nodes if n.id.startswith("u_"))


def test_org_focus_and_depth(growing: cskh_org.Department) -> None:
    """--unit draws that unit's subtree without externals; --depth cuts the levels below."""
    focused = build_view(growing, "org", unit="support")
    assert [n.id for n in focused.nodes] == ["u_support", "u_online__care"]
    top = build_view(growing, "org", depth=0)
    assert [n.id for n in top.nodes if n.id.startswith("u_")] == ["u_cskh"]
    one = build_view(growing, "org", depth=1)
    assert {n.id for n in one.nodes if n.id.startswith("u_")} == {
        "u_cskh",
        "u_after__sales",
        "u_support",
    }
    assert all(e.source in {n.id for n in one.nodes} for e in one.edges)


def test_text_the_document_lacks_falls_back_along_its_languages() -> None:
    """English asked of a Vietnamese-only document: the labels are English, the document's
    own names fall back to Vietnamese."""
    large = cskh_org.load(EXAMPLES / "large" / "department.yaml")
    node = build_view(large, "org", lang="en").nodes[0]
    assert node.title == "Phòng Chăm sóc khách hàng"
    assert node.lines[0] == "Head: Trưởng phòng Chăm sóc khách hàng"


def test_a_language_without_labels_is_refused(growing: cskh_org.Department) -> None:
    """`fr` is not silently drawn in English: a UsageError names the display languages, for
    every view, every format and render_all."""
    with pytest.raises(
        cskh_org.UsageError, match="`fr` is not a display language; use one of vi, en"
    ):
        build_view(growing, "org", lang="fr")
    with pytest.raises(cskh_org.UsageError, match="vi, en"):
        render(growing, "routing", "mermaid", lang="fr")


def test_money_format() -> None:
    """Amounts are grouped with commas and carry the currency's minor unit and code."""
    from decimal import Decimal

    assert format_money(Decimal("183000000"), "VND") == "183,000,000 VND"
    assert format_money(Decimal("1234.5"), "USD") == "1,234.50 USD"


def test_routing_marks_rules_that_never_fire() -> None:
    """A shadowed rule is muted, dashed and says which rule shadows it; the default is drawn."""
    dept = cskh_org.validate(str(EXAMPLES / "invalid" / "rule-shadowed.yaml")).department
    assert dept is not None
    view = build_view(dept, "routing", lang="en")
    muted = [n for n in view.nodes if n.muted]
    assert muted
    assert all(n.dashed for n in muted)
    assert any("never fires: shadowed by" in line for n in muted for line in n.lines)
    assert any(n.id == "k_default" for n in view.nodes)
    assert any(e.source == "k_default" and e.bold for e in view.edges)


def test_routing_rules_in_evaluation_order_with_their_conditions(
    growing: cskh_org.Department,
) -> None:
    """Every ticket enters rule 1 and goes down the rules in the document's order to the
    default (dotted arrows, kept in that order in one column); each rule says its condition in
    the words of `route --explain`, by id in English and by the document's labels in
    Vietnamese."""
    assert growing.routing is not None
    ids = [f"r_{r.id.replace('_', '__')}" for r in growing.routing.rules]
    view = build_view(growing, "routing", lang="en")
    assert view.ordered == ("k_tickets", *ids, "k_default")
    chain = [(e.source, e.target) for e in view.edges if e.dotted]
    assert chain == list(itertools.pairwise(view.ordered))
    boxes = {n.id: n for n in view.nodes}
    assert boxes["r_vip__complaint"].lines[-1] == "when: tier = `vip` and category = `complaint`"
    assert "when: channel in [chat, zalo, facebook, app]" in boxes["r_online__channels"].lines
    vi = {n.id: n for n in build_view(growing, "routing", lang="vi").nodes}
    assert vi["r_complaints"].lines == ("khi: Loại yêu cầu = Khiếu nại",)
    dot = render_dot(growing, "routing")
    rank = dot.split('{rank="same"; ', 1)[1].split("}", 1)[0]
    assert [n.strip('";') for n in rank.split()] == list(view.ordered)


def test_condition_words_nest() -> None:
    """`all`, `any` and `not` nest with parentheses where an `or` sits inside an `and`."""
    from cskh_org.model.routing import Rule
    from cskh_org.render.views import condition_words
    from cskh_org.routing.reference import AS_WRITTEN

    rule = Rule.model_validate(
        {
            "id": "x",
            "when": {
                "all": [
                    {"any": [{"channel": "phone"}, {"tier": {"in": ["vip", "new"]}}]},
                    {"not": {"order_value": {"gte": 5, "lt": 9}}},
                ]
            },
            "to": "support",
        }
    )
    assert condition_words(rule.when, AS_WRITTEN) == (
        "(channel = `phone` or tier in [vip, new]) and not (order_value ≥ `5` and < `9`)"
    )
    assert condition_words(None, AS_WRITTEN) == "no condition: matches every ticket"


def test_a_large_rule_table_names_the_queue_in_each_rule() -> None:
    """Past ROUTING_ARROWS rules, each rule box names its queue and no arrow is drawn to the
    queues; the order is kept."""
    from cskh_org.render.views import ROUTING_ARROWS
    from tests.render.generated import department_yaml, routing_yaml

    rules = ROUTING_ARROWS + 20
    dept = cskh_org.loads(department_yaml(12) + routing_yaml(rules, 12), name="rules")
    view = build_view(dept, "routing", lang="en")
    assert view.ordered == ("k_tickets", *(f"r_r{i}" for i in range(rules)), "k_default")
    assert all(e.dotted for e in view.edges)
    assert not any(n.id.startswith("u_") for n in view.nodes)
    box = next(n for n in view.nodes if n.id == "r_r13")
    assert box.lines[-1] == "→ Care team 1 (u1)"
    assert (
        " ".join(box.lines[:-1]) == "when: channel = `email` and order_value ≥ `1300` and < `1400`"
    )


def test_escalation_highlights_the_longest_path(growing: cskh_org.Department) -> None:
    """The steps of the worst-case path are highlighted, the others not; triggers label edges."""
    from cskh_org.escalation import Escalator

    worst = Escalator(growing).worst_case_path()
    assert worst is not None
    view = build_view(growing, "escalation", lang="en")
    hot = {e.label[0] for e in view.edges if e.highlight}
    assert hot == set(worst.steps)
    assert view.direction == "LR"
    edge = next(e for e in view.edges if e.label[0] == "manager_to_head_of_sales")
    assert "manual request" in edge.label
    assert any(e.both_ways and e.dashed for e in view.edges)  # functional steps


def test_escalation_draws_lateral_steps_bold_and_follow_ups_dotted(
    growing: cskh_org.Department,
) -> None:
    """A lateral step is a bold one-way arrow, a follow-up step a dotted one, each with its
    line in the legend (drawn only when the document has such a step)."""
    plain = build_view(growing, "escalation", lang="en")
    assert not any(e.dotted for e in plain.edges)
    assert len(plain.legend) == 3  # up the line, to a partner, the longest path
    data = growing.model_dump(mode="json", by_alias=True)
    data["escalation"]["steps"][:0] = [
        {
            "id": "to_after_sales",
            "from": "support",
            "to": "after_sales",
            "kind": "lateral",
            "on": [{"on": "category", "values": ["complaint"]}],
        },
        {"id": "after_care", "from": "after_sales", "to": "support", "on": [{"on": "resolved"}]},
    ]
    dept = cskh_org.Department.model_validate(data)
    view = build_view(dept, "escalation", lang="en")
    lateral = next(e for e in view.edges if e.label[0] == "to_after_sales")
    assert (lateral.bold, lateral.dashed, lateral.both_ways, lateral.dotted) == (
        True,
        False,
        False,
        False,
    )
    follow = next(e for e in view.edges if e.label[0] == "after_care")
    assert (follow.bold, follow.dashed, follow.both_ways, follow.dotted) == (
        False,
        False,
        False,
        True,
    )
    assert follow.label[1] == "on resolution"
    labels = [entry.label for entry in view.legend]
    assert "⇒ sideways, the receiving unit keeps it" in labels
    assert "↷ follow-up after resolution (no handoff)" in labels
    dot = render_dot(dept, "escalation", lang="en")
    assert 'style="dotted"' in dot
    mermaid = render_mermaid(dept, "escalation", lang="en")
    assert "stroke-dasharray:2 4" in mermaid


def test_approval_view_shows_the_state(growing: cskh_org.Department) -> None:
    """The approval view shows prepare → review → approve and the state of the history."""
    assert growing.budget is not None
    view = build_view(growing, "approval", lang="en")
    ids = [n.id for n in view.nodes]
    assert ids[:3] == ["a_prepare", "a_review", "a_approve"]
    state = next(n for n in view.nodes if n.id == "a_state")
    assert state.title.startswith(f"State {growing.budget.fiscal_year}: ")
    assert sum(n.highlight for n in view.nodes) == 1


def test_views_without_data_are_errors(small: cskh_org.Department) -> None:
    """Asking for a view the document has no data for is a RenderError naming the section."""
    with pytest.raises(cskh_org.RenderError, match="escalation"):
        render_dot(small, "escalation")
    with pytest.raises(cskh_org.RenderError, match=r"budget\.approval"):
        render_mermaid(small.model_copy(update={"budget": None}), "approval")


def test_bad_options_are_errors(growing: cskh_org.Department) -> None:
    """An unknown view, unit or format, a negative depth, or --unit off the org view fail."""
    with pytest.raises(cskh_org.RenderError, match="not a view"):
        render_dot(growing, "budget")
    with pytest.raises(cskh_org.RenderError, match="not a unit"):
        render_dot(growing, "org", unit="nobody")
    with pytest.raises(cskh_org.RenderError, match="--depth"):
        render_dot(growing, "org", depth=-1)
    with pytest.raises(cskh_org.RenderError, match="org view only"):
        render_dot(growing, "routing", unit="support")
    with pytest.raises(cskh_org.RenderError, match="not a format"):
        render(growing, "org", "gif")


def test_missing_dot_names_the_package(
    growing: cskh_org.Department, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without `dot`, SVG fails naming Debian's `graphviz`, while DOT and Mermaid still work."""
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(cskh_org.RenderError, match="package `graphviz`"):
        render(growing, "org", "svg")
    assert render(growing, "org", "dot").startswith(b"digraph")
    assert render(growing, "org", "mermaid").startswith(b"%%{init")


def test_render_all_text_formats_skips_views_without_data(
    small: cskh_org.Department, tmp_path: object
) -> None:
    """render_all writes each view that has data and notes the ones skipped."""
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    written, notes = render_all(small, tmp_path / "out", formats=("dot", "mermaid"))
    assert sorted(p.name for p in written) == [
        "approval.dot",
        "approval.mmd",
        "org.dot",
        "org.mmd",
        "routing.dot",
        "routing.mmd",
    ]
    assert len(notes) == 1
    assert "escalation" in notes[0]


def test_a_file_carries_its_formats_suffix(growing: cskh_org.Department, tmp_path: Path) -> None:
    """output_format reads the format off the suffix (any case) and refuses a suffix that
    names another format or none; render_file refuses the same files and writes nothing."""
    assert [output_format(name) for name in ("a.svg", "a.PNG", "b/a.pdf", "a.dot", "a.mmd")] == [
        "svg",
        "png",
        "pdf",
        "dot",
        "mermaid",
    ]
    assert output_format(tmp_path / "a.mmd", "mermaid") == "mermaid"
    with pytest.raises(cskh_org.UsageError, match=r"suffix \.svg says svg, .* asked for is dot"):
        output_format("a.svg", "dot")
    with pytest.raises(cskh_org.UsageError, match=r"`\.jpg` is not a diagram suffix.*\.mmd"):
        output_format("x.jpg")
    with pytest.raises(cskh_org.UsageError, match="has no suffix"):
        output_format("org", "dot")
    with pytest.raises(cskh_org.UsageError, match="asked for is dot"):
        render_file(growing, "org", "dot", tmp_path / "org.svg")
    assert not (tmp_path / "org.svg").exists()
    assert (
        render_file(growing, "org", "dot", tmp_path / "org.dot").read_bytes().startswith(b"digraph")
    )
