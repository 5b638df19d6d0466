"""`--lang vi` says everything in Vietnamese: no English word, and no raw id where the document
or the catalogue has a Vietnamese label, in any view, table, finding or routing decision (and
its explanation) of the large example."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import cskh_org
from cskh_org.model import Department
from cskh_org.model.tickets import EnumAttribute
from cskh_org.render.views import View, ViewName, available_views, build_view
from tests.conftest import EXAMPLES, RunCli

LARGE = EXAMPLES / "large" / "department.yaml"
GROWING = EXAMPLES / "growing" / "department.yaml"

ENGLISH = re.compile(
    r"\b(the|of|by|to|and|or|is|not|per|with|from|at|in|on|handoffs?|worst|case|budget|state|"
    r"policy|due|warn|breach|warning|manual|request|submitted|reviewed|approved|returned|draft|"
    r"total|amount|planned|actual|difference|percent|unit|category|month|people|person|head|"
    r"never|default|tickets?|channels?|rules?|queues?|skills?|priority|legend|arrived|abandon|"
    r"utili[sz]ation|visits|overall|agents|cost|opened|running|breached|met|paused|any|target|"
    r"calendar|business|time|reopened|times|more|external|party|functions|prepare|review|"
    r"approve|next|acts|return|history|invalid|longest|path|shadowed|fires|analysed)\b",
    re.IGNORECASE,
)
"""English words the library might write (document text in the examples is Vietnamese)."""


LOANWORDS = frozenset({"email", "chat", "app", "zalo", "facebook"})
"""Ids that are also words of Vietnamese as it is written (a rule named `Khiếu nại qua email`)."""


def _labelled_values(department: Department) -> list[str]:
    """The ticket values with a Vietnamese label that differs from the value itself (not the
    `language` attribute, whose `vi` is also a Vietnamese word, nor :data:`LOANWORDS`)."""
    values = []
    for name, spec in department.ticket_schema.attributes.items():
        if isinstance(spec, EnumAttribute) and name != "language":
            for value in spec.values:
                labels = spec.labels.get(value)
                label = labels.get("vi") if labels is not None else None
                if label is not None and label.casefold() != value.casefold():
                    if value in LOANWORDS:
                        continue
                    values.append(value)
    return values


def _raw_ids(text: str, values: list[str]) -> list[str]:
    return [v for v in values if re.search(rf"(?<![\w.-]){re.escape(v)}(?![\w-])", text)]


FINDING = re.compile(r"^\S+:\d+:\d+: (error|warning|info)\[[\w-]+\]: ")
"""A finding's place, severity and code: the stable, compiler-style part of its line."""


def _english(text: str, ids: frozenset[str] = frozenset()) -> list[str]:
    """English words of ``text``, leaving out ids and YAML keys quoted in backticks, the
    names of ticket attributes (``channel ∈ {…}`` writes the document's own keys) and a
    finding's place, severity and code."""
    text = FINDING.sub("", re.sub(r"`[^`]*`", "", text))
    return [word for word in ENGLISH.findall(text) if word not in ids]


def _view_texts(view: View, ids: frozenset[str]) -> Iterator[str]:
    yield view.title
    yield view.legend_title
    for entry in view.legend:
        yield entry.label
    for cluster in view.clusters:
        yield cluster.label
    for node in view.nodes:
        yield node.title
        yield from (line for line in node.lines if line not in ids)  # a box's id line
        for chip in node.chips:
            yield chip.label
    for edge in view.edges:
        yield from edge.label[1:] if view.name is ViewName.ESCALATION else edge.label


@pytest.mark.parametrize("example", [LARGE, GROWING], ids=["large", "growing"])
def test_every_view_is_in_vietnamese(example: Path) -> None:
    """Each view's titles, boxes, arrows and legend. A box may show its unit's id under the
    name, and an escalation arrow's first line is the step's id (steps have no names): those
    ids are references beside the words, not in place of them."""
    department = cskh_org.load(example)
    values = _labelled_values(department)
    ids = frozenset(department.units_by_id) | frozenset(department.externals_by_id)
    for name in available_views(department):
        view = build_view(department, name, lang="vi")
        for text in _view_texts(view, ids):
            words = _english(text)
            assert not words, (name, text, words)
            assert not _raw_ids(text, values), (name, text)


VI_COMMANDS = {
    "budget": ["budget", str(LARGE), "--lang", "vi"],
    "budget-unit-function": [
        "budget",
        str(LARGE),
        "--by",
        "unit",
        "--by",
        "function",
        "--lang",
        "vi",
    ],
    "budget-actuals": [
        "budget",
        str(LARGE),
        "--actuals",
        str(EXAMPLES / "budget" / "actuals-2027.csv"),
        "--lang",
        "vi",
    ],
    "escalation": ["escalation", str(LARGE), "--lang", "vi"],
    "simulate": [
        "simulate",
        str(LARGE),
        "--workload",
        str(EXAMPLES / "large" / "workload.yaml"),
        "--days",
        "2",
        "--replications",
        "2",
        "--lang",
        "vi",
    ],
    "simulate-compare": [
        "simulate",
        str(LARGE),
        "--workload",
        str(EXAMPLES / "large" / "workload.yaml"),
        "--compare",
        str(LARGE),
        "--days",
        "2",
        "--replications",
        "2",
        "--lang",
        "vi",
    ],
    "validate": ["validate", "-v", "--lang", "vi", str(LARGE)],
    "sla": [
        "sla",
        str(LARGE),
        "--lang",
        "vi",
        "--opened",
        "2028-01-25T16:50+07:00",
        "--ticket",
        '{"channel": "email", "category": "complaint", "tier": "vip"}',
    ],
}


ROUTED = {
    "vip": '{"channel": "zalo", "tier": "vip", "priority": "normal"}',
    "warranty": '{"channel": "phone", "category": "warranty", "previous_contacts": 1}',
    "repeat": '{"channel": "email", "previous_contacts": 5, "is_repeat_contact": true}',
    "default": '{"channel": "phone", "stage": "after_sale", "region": "north"}',
}
"""Tickets of the large example that fire a rule with a priority shift, one of an `any` with
`present: false`, one by a number, and none (the default)."""
for _name, _ticket in ROUTED.items():
    VI_COMMANDS[f"route-{_name}"] = ["route", str(LARGE), "--ticket", _ticket, "--lang", "vi"]
    VI_COMMANDS[f"route-explain-{_name}"] = [*VI_COMMANDS[f"route-{_name}"], "--explain"]


@pytest.mark.parametrize("name", sorted(VI_COMMANDS))
def test_every_table_is_in_vietnamese(name: str, run_cli: RunCli) -> None:
    department = cskh_org.load(LARGE)
    values = _labelled_values(department)
    result = run_cli(VI_COMMANDS[name])
    assert result.code in (0, 1), result.err
    attributes = frozenset(department.ticket_schema.attributes)
    for line in result.out.splitlines():
        assert not _english(line, attributes), (line, _english(line, attributes))
        if not FINDING.match(line):  # a finding writes ticket sets as rules do: by value
            assert not _raw_ids(line, values), line
