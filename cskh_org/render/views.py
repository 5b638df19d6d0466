"""One neutral view model per diagram, built from a department; the writers draw it.

A :class:`View` is plain data: nodes (with ids derived from the document's ids, display text,
a shape and a style), edges, clusters and a legend. Nothing here knows DOT or Mermaid; the
writers (:mod:`cskh_org.render.dot`, :mod:`cskh_org.render.mermaid`) escape every piece of
text for their target. Everything is built in document order (or sorted), never from a set or
a random id, so the same document always gives the same view.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import itertools
import operator
import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from cskh_org.errors import RenderError, error_words
from cskh_org.languages import display_language
from cskh_org.model.routing import AllOf, AnyOf, AttributeTest, Condition, NotOf, Scalar
from cskh_org.money import CONTEXT, CURRENCY_MINOR_UNITS, exact_sum, quantize
from cskh_org.words import Voice, say
from cskh_org.words.formats import money_text

if TYPE_CHECKING:
    from cskh_org.model import Department, Unit
    from cskh_org.routing.reference import Shown

__all__ = [
    "ORG_PAGE_BOXES",
    "PALETTE",
    "ROUTING_ARROWS",
    "ROUTING_TABLE_ROWS",
    "Cluster",
    "Edge",
    "LegendEntry",
    "Node",
    "Shape",
    "View",
    "ViewName",
    "available_views",
    "build_view",
    "condition_texts",
    "condition_words",
    "format_money",
    "page_name",
    "routing_page",
    "routing_parts",
    "safe_id",
]


class ViewName(enum.StrEnum):
    """The diagrams a department can be drawn as."""

    ORG = "org"
    ROUTING = "routing"
    ESCALATION = "escalation"
    APPROVAL = "approval"


class Shape(enum.StrEnum):
    """Node shapes both writers know."""

    BOX = "box"
    ROUNDED = "rounded"
    STADIUM = "stadium"
    HEXAGON = "hexagon"
    NOTE = "note"


PALETTE: tuple[tuple[str, str], ...] = (
    ("#e15759", "🟥"),
    ("#f28e2b", "🟧"),
    ("#edc948", "🟨"),
    ("#59a14f", "🟩"),
    ("#4e79a7", "🟦"),
    ("#b07aa1", "🟪"),
    ("#9c755f", "🟫"),
    ("#76b7b2", "🔷"),
    ("#ff9da7", "🔶"),
    ("#bab0ac", "⬜"),
)
"""Colours of the functions (hex for Graphviz, a coloured mark for Mermaid), in the order of
``Department.function_names``: the six built-in functions first, so they always keep theirs."""


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One item of a legend: a colour (or a style sample) and what it means."""

    label: str
    colour: str = ""
    mark: str = ""
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Node:
    """A box in a diagram: ``title`` in bold, ``lines`` below it, coloured ``chips`` last."""

    id: str
    title: str
    lines: tuple[str, ...] = ()
    chips: tuple[LegendEntry, ...] = ()
    shape: Shape = Shape.ROUNDED
    dashed: bool = False
    muted: bool = False
    highlight: bool = False
    fill: str = "#ffffff"
    cluster: str | None = None
    stacked: bool = False
    """Stands for more than itself (a collapsed subtree): drawn with a double border."""
    link: str = ""
    """The page that draws what this box stands for (an SVG link; empty: none)."""
    change: str = ""
    """The org chart of a change: ``added``, ``removed``, ``moved`` or ``changed`` (its
    ``fill`` says it in DOT; Mermaid gives it a class of its own)."""


@dataclass(frozen=True, slots=True)
class Edge:
    """An arrow between two nodes, with an optional label (one or more lines)."""

    source: str
    target: str
    label: tuple[str, ...] = ()
    dashed: bool = False
    bold: bool = False
    highlight: bool = False
    both_ways: bool = False
    dotted: bool = False


@dataclass(frozen=True, slots=True)
class Cluster:
    """A labelled group of nodes (drawn as a box around them)."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class View:
    """A whole diagram, ready for a writer."""

    name: ViewName
    title: str
    direction: str  # "TB" (top-down) or "LR" (left to right)
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    clusters: tuple[Cluster, ...] = ()
    legend_title: str = ""
    legend: tuple[LegendEntry, ...] = field(default=())
    collapsed: tuple[str, ...] = ()
    """The org chart: the units whose subtrees are drawn as one box (each has a page of its
    own, named by its id: :func:`page_name`)."""
    note: str = ""
    """What was left out of the drawing and where it is (empty: nothing)."""
    ordered: tuple[str, ...] = ()
    """Node ids to lay out in this order, one after the other (the routing rules)."""
    table_rows: int = 0
    """When positive, the nodes of ``ordered`` between the first and the last (the rules) are
    drawn as the rows of tables of at most this many rows, one table below the other, in
    order, rather than one box each (:mod:`~cskh_org.render.dot`; Mermaid draws boxes)."""


# -- ids and text ----------------------------------------------------------------------------


def safe_id(kind: str, ident: str) -> str:
    """A node id made of ASCII letters, digits and ``_`` only, the same for the same input and
    different for different inputs: ``safe_id("u", "after-sales") == "u_after_hsales"``.

    Letters and digits are kept, ``_`` becomes ``__``, ``-`` becomes ``_h`` and any other
    character ``_uHEX_``; so every ``_`` of the body starts an escape and the mapping can be
    read back (it is injective). ``kind`` (letters only) keeps units, externals, rules and
    channels apart even when their ids coincide.
    """
    out = [kind, "_"]
    for ch in ident:
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif ch == "_":
            out.append("__")
        elif ch == "-":
            out.append("_h")
        else:
            out.append(f"_u{ord(ch):x}_")
    return "".join(out)


class _Text(Voice):
    """A diagram's words: the catalogue's ``view.*`` entries by ``text[key]``, the document's
    own text by :meth:`pick`."""

    def __init__(self, dept: Department, lang: str | None) -> None:
        super().__init__(display_language(lang), dept.languages)  # UsageError: not vi or en

    def __getitem__(self, key: str) -> str:
        return self.say(f"view.{key}")

    def value(self, dept: Department, attribute: str, value: str) -> str:
        """A ticket attribute's value by its label in the document (``vip`` → ``Khách VIP``)."""
        return dept.ticket_schema.value_label(attribute, value, self.languages)


_CLDR_DIGITS = frozenset(
    "AFN ALL COP HUF IDR IQD IRR KPW LAK LBP MGA MMK SOS SYP YER".split()  # noqa: SIM905
)
"""The currencies CLDR (Babel's data) writes with other digits than ISO 4217's minor unit
(``IDR``: none, against two): :func:`format_money` leaves them to Babel."""

_VI_MARKS = str.maketrans(",.", ".,")
"""Vietnamese groups thousands with ``.`` and writes decimals after ``,``."""


def format_money(amount: Decimal, currency: str, lang: str = "en") -> str:
    """``183000000``, ``VND`` → ``183,000,000 VND`` (en) or ``183.000.000 ₫`` (vi): rounded to
    the currency's minor unit (half up, as the budget rounds), written by the locale.

    The same text as :func:`~cskh_org.words.formats.money_text` (Babel), written here without
    Babel for the two locales the diagrams speak (``en_US``, ``vi_VN``) and every currency
    whose digits CLDR and ISO agree on: loading Babel's locale data costs more than drawing
    an org overview (about 35 ms against 20; ``tests/render/test_money.py`` holds the two
    equal). Other currencies and unknown codes go to Babel."""
    digits = CURRENCY_MINOR_UNITS.get(currency)
    if digits is None or currency in _CLDR_DIGITS:
        with contextlib.suppress(KeyError):  # an unknown code: the amount as it is
            amount = quantize(amount, currency)
        return money_text(amount, currency, lang)
    number = f"{quantize(amount, currency):,.{digits}f}"
    if lang != "vi":
        return f"{number} {currency}"
    number = number.translate(_VI_MARKS)
    return f"{number}\u00a0₫" if currency == "VND" else f"{number} {currency}"


def _fte(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _unit_costs(dept: Department, unit: Unit) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    roles = dept.roles_by_id
    for line in unit.staff:
        role = roles.get(line.role)
        if role is None:
            continue
        currency = role.monthly_cost.currency or dept.currency
        cost = line.monthly_cost(role)
        totals[currency] = exact_sum((totals.get(currency, Decimal(0)), cost))
    return totals


def _cost_text(dept: Department, totals: Mapping[str, Decimal], lang: str = "en") -> str:
    if not totals:
        return format_money(Decimal(0), dept.currency, lang)
    order = sorted(totals, key=lambda c: (c != dept.currency, c))
    return " + ".join(format_money(totals[c], c, lang) for c in order)


def _staff_cost(dept: Department, unit: Unit, lang: str = "en") -> str:
    return _cost_text(dept, _unit_costs(dept, unit), lang)


@dataclass(slots=True)
class _Totals:
    """A unit and everything below it: units, headcount, FTE, monthly cost by currency."""

    units: int = 0
    headcount: int = 0
    fte: Decimal = Decimal(0)
    cost: dict[str, Decimal] = field(default_factory=dict)


_Staffing = Counter[tuple[str, Decimal, int]]
"""Staff lines counted by what a total reads of them: (role, FTE, headcount) → lines."""

_LINE_KEY = operator.attrgetter("role", "fte", "headcount")
_STAFF = operator.attrgetter("staff")


def _staffing(units: Iterable[Unit]) -> _Staffing:
    """The staff lines of ``units`` counted by (role, FTE, headcount): a department's many
    lines hold few distinct ones, and the counting runs in C, not line by line in Python."""
    return Counter(map(_LINE_KEY, itertools.chain.from_iterable(map(_STAFF, units))))


def _priced(dept: Department, staffing: _Staffing, units: int) -> _Totals:
    """The totals of ``staffing`` (over ``units`` units): headcount, FTE and monthly cost by
    currency, summed exactly (:data:`~cskh_org.money.CONTEXT`), as
    :meth:`~cskh_org.model.org.StaffLine.monthly_cost` prices a line."""
    add, multiply = CONTEXT.add, CONTEXT.multiply
    roles = dept.roles_by_id
    totals = _Totals(units)
    cost = totals.cost
    for (role_id, fte, headcount), lines in staffing.items():
        people = headcount * lines
        totals.headcount += people
        worked = multiply(fte, people)
        totals.fte = add(totals.fte, worked)
        role = roles.get(role_id)
        if role is not None:
            currency = role.monthly_cost.currency or dept.currency
            cost[currency] = add(
                cost.get(currency, Decimal(0)), multiply(worked, role.monthly_cost.amount)
            )
    return totals


ORG_PAGE_BOXES = 80
"""The most unit boxes an org chart draws before it collapses the levels below into one box
per subtree (when no ``depth`` is given): about 80 boxes stay readable on one screen or page,
fit Graphviz's PNG limit (32,767 pixels) and Mermaid's text limit (50,000 characters), and
lay out in well under a second."""


def page_name(unit: str | None = None) -> str:
    """The name (without suffix) of the org chart page of ``unit``'s subtree: ``org-support``;
    the overview is ``org``."""
    return "org" if unit is None else f"org-{unit}"


# -- the views -------------------------------------------------------------------------------


def available_views(dept: Department) -> tuple[ViewName, ...]:
    """The views the document has data for (the org chart always; the others when their
    section exists)."""
    views = [ViewName.ORG]
    if dept.routing is not None:
        views.append(ViewName.ROUTING)
    if dept.escalation is not None and dept.escalation.steps:
        views.append(ViewName.ESCALATION)
    if dept.budget is not None and dept.budget.approval is not None:
        views.append(ViewName.APPROVAL)
    return tuple(views)


def build_view(
    dept: Department,
    view: ViewName | str,
    *,
    lang: str | None = None,
    unit: str | None = None,
    depth: int | None = None,
    boxes: int = ORG_PAGE_BOXES,
    links: bool = False,
) -> View:
    """The view model of ``view``; :class:`RenderError` if the document has no data for it
    or an option does not fit (an unknown ``unit``, a negative ``depth``).

    The org chart without ``depth`` draws every level while at most ``boxes`` units are drawn
    (:data:`ORG_PAGE_BOXES`); below that, each subtree is one box with its totals, listed in
    :attr:`View.collapsed` and said in :attr:`View.note`; with ``links``, each such box links
    to its page (``page_name(unit) + ".svg"``, as :func:`~cskh_org.render.render_pages`
    writes them)."""
    try:
        name = ViewName(view)
    except ValueError:
        known = ", ".join(v.value for v in ViewName)
        raise RenderError.of("error.render.view", view=str(view), known=known) from None
    text = _Text(dept, lang)
    if name is not ViewName.ORG and (unit is not None or depth is not None):
        raise RenderError.of("error.render.unit-depth")
    if name is ViewName.ORG:
        return _org_view(dept, text, unit, depth, boxes=boxes, links=links)
    if name not in available_views(dept):
        section = error_words(f"error.render.section.{name.value}")
        raise RenderError.of("error.render.no-data", section=section, view=str(name))
    if name is ViewName.ROUTING:
        return _routing_view(dept, text)
    if name is ViewName.ESCALATION:
        return _escalation_view(dept, text)
    return _approval_view(dept, text)


def _function_legend(dept: Department, text: _Text) -> dict[str, LegendEntry]:
    entries: dict[str, LegendEntry] = {}
    for index, (fid, names) in enumerate(dept.function_names.items()):
        colour, mark = PALETTE[index % len(PALETTE)]
        entries[fid] = LegendEntry(text.pick(names, fid), colour, mark)
    return entries


def _unit_node(
    dept: Department,
    unit: Unit,
    text: _Text,
    chips: Mapping[str, LegendEntry],
    *,
    below: _Totals | None,
    collapsed: bool,
    links: bool,
) -> Node:
    """A unit's box: its head, its own staff and cost; with units below it, the totals of the
    whole subtree (``below``); when they are not drawn (``collapsed``), how many and the page
    that draws them."""
    lines: list[str] = []
    if unit.head is not None:
        role = dept.roles_by_id.get(unit.head)
        title = text.pick(role.title, unit.head) if role is not None else unit.head
        lines.append(f"{text['head']}: {title}")
    people = text["person"] if unit.headcount == 1 else text["people"]
    lines.append(f"{unit.headcount} {people} · {_fte(unit.fte)} FTE")
    lines.append(f"{_staff_cost(dept, unit, text.lang)}/{text['month']}")
    if below is not None and below.units > 1:
        people = text["person"] if below.headcount == 1 else text["people"]
        lines.append(f"Σ {text['branch']}: {below.headcount} {people} · {_fte(below.fte)} FTE")
        lines.append(f"Σ {_cost_text(dept, below.cost, text.lang)}/{text['month']}")
        if collapsed:
            lines.append(f"+ {below.units - 1} {text['collapsed_units']}")
            lines.append(f"→ {text['page']} {page_name(unit.id)}")
    return Node(
        id=safe_id("u", unit.id),
        title=text.pick(unit.name, unit.id),
        lines=tuple(lines),
        chips=tuple(chips[f] for f in unit.functions if f in chips),
        shape=Shape.ROUNDED,
        stacked=collapsed,
        link=page_name(unit.id) if collapsed and links else "",
    )


def _auto_depth(
    roots: Sequence[Unit], children: Mapping[str, Sequence[Unit]], boxes: int
) -> int | None:
    """The most levels below the top that draw at most ``boxes`` units (at least one level);
    None when the whole tree fits."""
    seen = {r.id for r in roots}
    level, drawn, depth = list(roots), len(seen), 0
    while True:
        below: list[Unit] = []
        for unit in level:
            for child in children.get(unit.id, ()):
                if child.id not in seen:
                    seen.add(child.id)
                    below.append(child)
        if not below:
            return None
        if drawn + len(below) > boxes:
            return max(depth, 1)
        drawn += len(below)
        depth += 1
        level = below


def _subtree_totals(
    dept: Department,
    chosen: Sequence[Unit],
    collapsed: Sequence[str],
    children: Mapping[str, Sequence[Unit]],
) -> dict[str, _Totals]:
    """The totals of every drawn unit (``chosen``, depth-first from the top, parents before
    their children) with everything below it, in one pass over the department's staff lines:
    a collapsed unit's whole subtree is counted at once (:func:`_staffing`), a drawn unit's
    own lines are added to its parent's, bottom-up; only the drawn units are priced. Safe
    against cycles (a unit is counted once)."""
    folded = set(collapsed)
    seen = {u.id for u in chosen}
    counts: dict[str, _Staffing] = {}
    units: dict[str, int] = {}
    for top in chosen:
        subtree = [top]
        if top.id in folded:
            stack = list(children.get(top.id, ()))
            while stack:
                current = stack.pop()
                if current.id not in seen:
                    seen.add(current.id)
                    subtree.append(current)
                    stack.extend(children.get(current.id, ()))
        counts[top.id] = _staffing(subtree)
        units[top.id] = len(subtree)
    for unit in reversed(chosen):  # children come after their parent in `chosen`
        parent = unit.parent
        if parent is not None and parent in counts and parent != unit.id:
            counts[parent].update(counts[unit.id])
            units[parent] += units[unit.id]
    return {uid: _priced(dept, staffing, units[uid]) for uid, staffing in counts.items()}


def _org_view(
    dept: Department,
    text: _Text,
    focus: str | None,
    depth: int | None,
    *,
    boxes: int = ORG_PAGE_BOXES,
    links: bool = False,
) -> View:
    if depth is not None and depth < 0:
        raise RenderError.of("error.render.depth", depth=depth)
    units = dept.units_by_id
    ids = units.keys()  # `in` on the keys: no Python-level __contains__ per unit
    children: dict[str, list[Unit]] = {}
    roots: list[Unit] = []
    for u in dept.units:
        parent = u.parent
        if parent is not None and parent in ids and parent != u.id:
            children.setdefault(parent, []).append(u)
        else:
            roots.append(u)
    if focus is not None:
        if focus not in units:
            known = ", ".join(sorted(units)[:10])
            raise RenderError.of("error.render.unit", unit=focus, known=known)
        roots = [units[focus]]
    if depth is None:
        depth = _auto_depth(roots, children, boxes)
    chosen: list[Unit] = []
    collapsed: list[str] = []
    seen: set[str] = set()
    stack: list[tuple[Unit, int]] = [(r, 0) for r in reversed(roots)]
    while stack:  # depth-first, document order, safe against cycles
        current, level = stack.pop()
        if current.id in seen:
            continue
        seen.add(current.id)
        chosen.append(current)
        below = children.get(current.id, [])
        if depth is None or level < depth:
            stack.extend((c, level + 1) for c in reversed(below))
        elif below:
            collapsed.append(current.id)
    totals = _subtree_totals(dept, chosen, collapsed, children)
    legend = _function_legend(dept, text)
    folded = set(collapsed)
    nodes = [
        _unit_node(
            dept, u, text, legend, below=totals.get(u.id), collapsed=u.id in folded, links=links
        )
        for u in chosen
    ]
    root_ids = {r.id for r in roots}
    edges = [
        Edge(safe_id("u", u.parent), safe_id("u", u.id))
        for u in chosen
        if u.parent is not None and u.parent in seen and u.id not in root_ids
    ]
    if focus is None:
        for ext in dept.externals:
            nodes.append(
                Node(
                    id=safe_id("e", ext.id),
                    title=text.pick(ext.name, ext.id),
                    lines=(f"{text['external']} · {say(f'external.{ext.kind.value}', text.lang)}",),
                    shape=Shape.BOX,
                    dashed=True,
                    fill="#f4f4f4",
                )
            )
        externals = dept.externals_by_id
        for ext in dept.externals:
            if ext.reports_to is not None and ext.reports_to in externals:
                edges.append(Edge(safe_id("e", ext.reports_to), safe_id("e", ext.id), dashed=True))
        if dept.reports_to is not None and dept.reports_to in externals:
            edges.extend(
                Edge(safe_id("e", dept.reports_to), safe_id("u", r.id), dashed=True) for r in roots
            )
    used = [fid for fid in legend if any(fid in u.functions for u in chosen)]
    title = text.pick(dept.name, dept.id)
    if focus is not None:
        title = f"{title} — {text.pick(units[focus].name, focus)}"
    note = ""
    if collapsed:
        hidden = sum(totals[c].units - 1 for c in collapsed)
        note = text.say(
            "view.collapsed_note", n=len(collapsed), units=hidden, depth=depth, first=collapsed[0]
        )
        wrapped = tuple(textwrap.wrap(note, 60, break_on_hyphens=False))
        nodes.append(Node("k_note", text["collapsed"], lines=wrapped, shape=Shape.NOTE))
    return View(
        name=ViewName.ORG,
        title=f"{text['org']}: {title}",
        direction="TB",
        nodes=tuple(nodes),
        edges=tuple(edges),
        legend_title=text["functions"],
        legend=tuple(legend[f] for f in used),
        collapsed=tuple(collapsed),
        note=note,
    )


def _target_label(skills: Sequence[str], priority: int, text: _Text) -> tuple[str, ...]:
    parts = []
    if skills:
        parts.append(f"{text['skills']}: {', '.join(skills)}")
    if priority:
        parts.append(f"{text['priority']} {priority:+d}")
    return tuple(parts)


class _Shown:
    """Vietnamese: a ticket's attributes and values by the document's labels (the words of
    ``route --explain`` in Vietnamese); English keeps the ids, as the document writes them."""

    def __init__(self, dept: Department, text: _Text) -> None:
        self.lang = text.lang
        self.text = text
        self.schema = dept.ticket_schema

    def name(self, attribute: str) -> str:
        spec = self.schema.attributes.get(attribute)
        return self.text.pick(spec.label if spec is not None else None, attribute)

    def value(self, attribute: str, value: Scalar) -> str:
        if isinstance(value, bool):
            return self.text.say("explain.true" if value else "explain.false")
        if isinstance(value, str):
            return self.schema.value_label(attribute, value, self.text.languages)
        return str(value)


_SIGNS = {"eq": "=", "ne": "≠", "gt": ">", "gte": "≥", "lt": "<", "lte": "≤"}


def _test_words(name: str, test: AttributeTest | Scalar, shown: Shown) -> str:
    """``channel = `phone```, ``tier in [vip, wholesale]`` (``route --explain``'s words)."""
    lang = shown.lang
    if not isinstance(test, AttributeTest):
        want = say("explain.compare", lang, sign="=", value=shown.value(name, test))
        return f"{shown.name(name)} {want}"
    parts = []
    for op, sign in _SIGNS.items():
        value = getattr(test, op)
        if value is not None:
            parts.append(say("explain.compare", lang, sign=sign, value=shown.value(name, value)))
    for key, values in (("explain.in", test.in_), ("explain.not_in", test.not_in)):
        if values is not None:
            parts.append(say(key, lang, values=", ".join(shown.value(name, v) for v in values)))
    if test.present is not None:
        parts.append(say("explain.present" if test.present else "explain.absent", lang))
    return f"{shown.name(name)} {say('explain.and', lang).join(parts)}"


def _memo_words(
    name: str, test: AttributeTest | Scalar, shown: Shown, memo: dict[tuple[str, type, Scalar], str]
) -> str:
    """:func:`_test_words`, each test of one value worked out once (a rule table repeats
    the same few: ``region = g07`` in a hundred rules)."""
    if isinstance(test, AttributeTest):
        return _test_words(name, test, shown)
    key = (name, type(test), test)  # the type: True and 1 are equal keys
    words = memo.get(key)
    if words is None:
        memo[key] = words = _test_words(name, test, shown)
    return words


def condition_words(
    condition: Condition | None,
    shown: Shown,
    memo: dict[tuple[str, type, Scalar], str] | None = None,
) -> str:
    """A rule's condition in words, in the words of ``route --explain``: ``channel =
    `phone` and tier in [vip]``; ``(…) or (…)``; ``not (…)``; no condition matches every
    ticket."""
    lang = shown.lang
    if condition is None:
        return say("explain.every", lang)
    if isinstance(condition, NotOf):
        return say("explain.not", lang, reasons=condition_words(condition.not_, shown, memo))
    if isinstance(condition, AllOf | AnyOf):
        parts = condition.all if isinstance(condition, AllOf) else condition.any
        joiner = (
            say("explain.and", lang)
            if isinstance(condition, AllOf)
            else f" {say('word.or', lang)} "
        )
        other = (
            f" {say('word.or', lang)} "
            if isinstance(condition, AllOf)
            else say("explain.and", lang)
        )
        inner = [condition_words(c, shown, memo) for c in parts]
        return joiner.join(f"({w})" if other in w else w for w in inner)
    if memo is None:
        tests = [_test_words(name, test, shown) for name, test in condition.items()]
    else:
        tests = [_memo_words(name, test, shown, memo) for name, test in condition.items()]
    if not tests:
        return say("explain.every", lang)
    return say("explain.and", lang).join(tests)


def condition_texts(
    dept: Department, conditions: Iterable[Condition | None], lang: str | None = None
) -> list[str]:
    """Each condition in words (:func:`condition_words`), as the routing diagram writes it in
    ``lang``: the document's labels in Vietnamese, its ids in English."""
    from cskh_org.routing.reference import AS_WRITTEN

    text = _Text(dept, lang)
    shown: Shown = _Shown(dept, text) if text.lang == "vi" else AS_WRITTEN
    memo: dict[tuple[str, type, Scalar], str] = {}
    return [condition_words(c, shown, memo) for c in conditions]


ROUTING_ARROWS = 60
"""Up to this many rules, each rule points to its queue with an arrow; a larger table writes
the queue in the rule's box instead (``→ support``) and draws no queues: a thousand arrows
into a few queues take Graphviz seconds and are unreadable anyway."""

ROUTING_TABLE_ROWS = 100
"""A rule table too large for arrows (more than :data:`ROUTING_ARROWS` rules) is drawn in
DOT as tables of this many rows, one row per rule (its number and id, its condition in words,
its queue), rather than one box per rule: Graphviz then lays out a handful of nodes instead
of a thousand (a 1,000-rule table in a fraction of a second rather than a second or more),
and the rules read as a table, in evaluation order."""

ROUTING_WRAP = 56
"""The width in characters a rule's condition and description are wrapped at."""


def _wrapped(line: str, width: int = ROUTING_WRAP) -> list[str]:
    """``textwrap.wrap(line, width, break_on_hyphens=False)`` (``[line]`` for an empty one),
    line for line; a line of words between single spaces, none longer than ``width``, is
    filled greedily here, without textwrap's cost (most lines of a rule table;
    ``tests/render/test_wrap.py`` holds the two equal)."""
    if len(line) <= width and line.isprintable() and not line.endswith(" "):
        return [line]
    if not line.isprintable() or "  " in line or line[:1] == " " or line[-1:] == " ":
        return textwrap.wrap(line, width, break_on_hyphens=False) or [line]
    words = line.split(" ")
    if max(map(len, words)) > width:  # a word broken across lines: textwrap's rules
        return textwrap.wrap(line, width, break_on_hyphens=False)
    out: list[str] = []
    current = words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) <= width:
            current = f"{current} {word}"
        else:
            out.append(current)
            current = word
    out.append(current)
    return out


def _routing_view(dept: Department, text: _Text) -> View:
    """The rule table in evaluation order: every ticket enters rule 1 and goes down the
    column (a dotted arrow: no match, try the next rule) to the default; each rule says its
    condition in words and points to its queue."""
    from cskh_org.routing.analysis import Reach, analyse_routing
    from cskh_org.routing.reference import AS_WRITTEN

    routing = dept.routing
    assert routing is not None
    analysis = analyse_routing(routing, dept.ticket_schema)
    verdicts = {v.rule: v for v in analysis.rules}
    shown: Shown = _Shown(dept, text) if text.lang == "vi" else AS_WRITTEN
    nodes: list[Node] = []
    edges: list[Edge] = []
    clusters = [Cluster("k_rules", text["rules"]), Cluster("k_queues", text["queues"])]
    start = "k_tickets"
    nodes.append(Node(start, text["tickets"], shape=Shape.STADIUM, cluster="k_rules"))
    order = [start]
    queues: list[str] = []
    arrows = len(routing.rules) <= ROUTING_ARROWS
    units = dept.units_by_id

    def goes_to(target: str, skills: Sequence[str], priority: int) -> list[str]:
        if arrows:
            return []
        u = units.get(target)
        name = text.pick(u.name, target) if u is not None else target
        return [f"→ {name} ({target})", *_target_label(skills, priority, text)]

    memo: dict[tuple[str, type, Scalar], str] = {}
    for index, rule in enumerate(routing.rules, start=1):
        verdict = verdicts.get(rule.id)
        reach = verdict.reach if verdict is not None else Reach.UNKNOWN
        lines = _wrapped(text.pick(rule.description)) if rule.description else []
        lines += _wrapped(f"{text['when']}: {condition_words(rule.when, shown, memo)}")
        never = reach in (Reach.SHADOWED, Reach.UNSATISFIABLE)
        if reach is Reach.SHADOWED and verdict is not None:
            lines.append(f"✗ {text['never']}: {text['shadowed']} {', '.join(verdict.covered_by)}")
        elif reach is Reach.UNSATISFIABLE:
            lines.append(f"✗ {text['never']}: {text['unsatisfiable']}")
        elif reach is Reach.UNKNOWN:
            lines.append(f"? {text['unknown']}")
        lines += goes_to(rule.to.unit, rule.to.skills, rule.to.priority)
        rule_id = safe_id("r", rule.id)
        nodes.append(
            Node(
                id=rule_id,
                title=f"{index}. {rule.id}",
                lines=tuple(lines),
                shape=Shape.BOX,
                dashed=never,
                muted=never,
                fill="#eeeeee" if never else "#fffbe6",
                cluster="k_rules",
            )
        )
        order.append(rule_id)
        target = rule.to.unit
        queues.append(target)
        if arrows:
            edges.append(
                Edge(
                    rule_id,
                    safe_id("u", target),
                    label=_target_label(rule.to.skills, rule.to.priority, text),
                    dashed=never,
                )
            )
    default_id = "k_default"
    fall = analysis.fallthrough
    nodes.append(
        Node(
            default_id,
            text["default"],
            lines=(
                *([f"✗ {text['never']}: {text['all_matched']}"] if fall.empty else []),
                *goes_to(routing.default.unit, routing.default.skills, routing.default.priority),
            ),
            shape=Shape.BOX,
            fill="#fde9e7",
            highlight=True,
            cluster="k_rules",
        )
    )
    order.append(default_id)
    queues.append(routing.default.unit)
    edges.append(
        Edge(
            default_id,
            safe_id("u", routing.default.unit),
            label=(
                text["default_route"],
                *_target_label(routing.default.skills, routing.default.priority, text),
            ),
            bold=True,
        )
    )
    if not arrows:
        edges, queues = [], []
        del clusters[1:]
    chain = [Edge(a, b, dotted=True) for a, b in itertools.pairwise(order)]
    for target in dict.fromkeys(queues):
        u = units.get(target)
        nodes.append(
            Node(
                safe_id("u", target),
                text.pick(u.name, target) if u is not None else target,
                lines=(target,),
                shape=Shape.ROUNDED,
                fill="#eaf6ea",
                cluster="k_queues",
            )
        )
    return View(
        name=ViewName.ROUTING,
        title=f"{text['routing']}: {text.pick(dept.name, dept.id)}",
        direction="LR",
        nodes=tuple(nodes),
        edges=(*chain, *edges),
        clusters=tuple(clusters),
        legend_title=text["legend"],
        legend=(
            LegendEntry(f"⋯ {text['no_match']}", dashed=True),
            LegendEntry(text["never"], "#eeeeee", "✗", dashed=True),
        ),
        ordered=tuple(order),
        table_rows=0 if arrows else ROUTING_TABLE_ROWS,
    )


def routing_page(part: int) -> str:
    """The name (without suffix) of part ``part`` (from 1) of a routing view in parts."""
    return f"routing-{part}"


def routing_parts(view: View, size: int, dept: Department, lang: str | None = None) -> list[View]:
    """The routing view as parts of ``size`` rules each, in order: part ``k`` starts where
    part ``k - 1`` stopped (a box: no rule before rule N matched) and ends in a box naming
    the next part (:func:`routing_page`); the last ends in the default. A view of at most
    ``size`` rules is one part, itself. ``lang``: the words of those boxes (as
    :func:`build_view`'s)."""
    rules = list(view.ordered[1:-1])
    if len(rules) <= size:
        return [view]
    text = _Text(dept, lang)
    start, default = view.ordered[0], view.ordered[-1]
    by_id = {n.id: n for n in view.nodes}
    count = (len(rules) + size - 1) // size
    parts: list[View] = []
    for k in range(count):
        chunk = rules[k * size : (k + 1) * size]
        first = k * size + 1
        head = (
            by_id[start]
            if k == 0
            else Node("k_from", text.say("view.part_from", rule=first), shape=Shape.STADIUM,
                      cluster="k_rules")
        )  # fmt: skip
        tail = (
            by_id[default]
            if k == count - 1
            else Node("k_next", text.say("view.part_next", page=routing_page(k + 2)),
                      shape=Shape.STADIUM, cluster="k_rules")
        )  # fmt: skip
        order = [head.id, *chunk, tail.id]
        inside = set(order)
        own = [e for e in view.edges if e.source in inside and not e.dotted]
        targets = {e.target for e in own}
        nodes = [head, *(by_id[r] for r in chunk), tail]
        nodes += [n for n in view.nodes if n.id in targets and n.id not in inside]
        chain = [Edge(a, b, dotted=True) for a, b in itertools.pairwise(order)]
        parts.append(
            dataclasses.replace(
                view,
                title=f"{view.title} ({k + 1}/{count})",
                nodes=tuple(nodes),
                edges=(*chain, *own),
                ordered=tuple(order),
            )
        )
    return parts


def _escalation_view(dept: Department, text: _Text) -> View:
    from cskh_org.escalation import Escalator, describe_trigger
    from cskh_org.model.escalation import StepKind

    escalation = dept.escalation
    assert escalation is not None
    escalator = Escalator(dept)

    def label(attribute: str, value: str) -> str:
        return text.value(dept, attribute, value)

    worst = escalator.worst_case_path()
    on_path_steps = set(worst.steps) if worst is not None else set()
    on_path_holders = set(worst.holders) if worst is not None else set()
    if worst is not None:
        on_path_holders.update(h.to_holder for h in worst.hops)
    units, externals = dept.units_by_id, dept.externals_by_id
    involved: list[str] = []
    for step in escalation.steps:
        for holder in (step.from_, step.to):
            if escalator.is_holder(holder) and holder not in involved:
                involved.append(holder)
    nodes: list[Node] = []
    ids: dict[str, str] = {}
    for holder in involved:
        if holder in units:
            ids[holder] = safe_id("u", holder)
            nodes.append(
                Node(
                    ids[holder],
                    text.pick(units[holder].name, holder),
                    lines=(holder,),
                    highlight=holder in on_path_holders,
                )
            )
        else:
            ids[holder] = safe_id("e", holder)
            nodes.append(
                Node(
                    ids[holder],
                    text.pick(externals[holder].name, holder),
                    lines=(holder,),
                    shape=Shape.BOX,
                    dashed=True,
                    fill="#f4f4f4",
                    highlight=holder in on_path_holders,
                )
            )
    edges: list[Edge] = []
    for step in escalation.steps:
        if step.from_ not in ids or step.to not in ids:
            continue
        functional = step.kind is StepKind.FUNCTIONAL
        follow_up = step.follow_up
        edges.append(
            Edge(
                ids[step.from_],
                ids[step.to],
                label=(step.id, *(describe_trigger(t, text.lang, label) for t in step.on)),
                dashed=functional,
                bold=step.kind is StepKind.LATERAL and not follow_up,
                both_ways=functional,
                highlight=step.id in on_path_steps,
                dotted=follow_up,
            )
        )
    legend = [
        LegendEntry(f"→ {text['hierarchical']}"),
        LegendEntry(f"⇄ {text['functional']}", dashed=True),
    ]
    if any(e.bold for e in edges):
        legend.append(LegendEntry(f"⇒ {text['lateral']}"))
    if any(e.dotted for e in edges):
        legend.append(LegendEntry(f"↷ {text['follow_up']}", dashed=True))
    if worst is not None:
        legend.append(
            LegendEntry(f"{text['longest']}: {worst.handoffs} {text['handoffs']}", "#d62728")
        )
    return View(
        name=ViewName.ESCALATION,
        title=f"{text['escalation']}: {text.pick(dept.name, dept.id)}",
        direction="LR",
        nodes=tuple(nodes),
        edges=tuple(edges),
        legend_title=text["legend"],
        legend=tuple(legend),
    )


def _approval_view(dept: Department, text: _Text) -> View:
    from cskh_org.approval import replay
    from cskh_org.errors import ApprovalError
    from cskh_org.model.budget import ApprovalAction, ApprovalState

    budget = dept.budget
    assert budget is not None
    assert budget.approval is not None
    chain = budget.approval
    state_line: str
    acted: set[str] = set()
    state: ApprovalState | None
    try:
        record = replay(chain, budget.history)
    except ApprovalError as exc:
        state, state_line = None, f"{text['history_invalid']}: {exc}"
    else:
        state = record.state
        state_line = record.summary(text.lang)
        acted = {move.action.value for move in record.round}
    nxt = (
        {
            ApprovalState.DRAFT: "prepare",
            ApprovalState.RETURNED: "prepare",
            ApprovalState.SUBMITTED: "review",
            ApprovalState.REVIEWED: "approve",
        }.get(state)
        if state is not None
        else None
    )

    def party_name(unit: str | None, external: str | None) -> str:
        if unit is not None:
            u = dept.units_by_id.get(unit)
            return text.pick(u.name, unit) if u is not None else unit
        ext = dept.externals_by_id.get(external or "")
        return text.pick(ext.name, external or "") if ext is not None else (external or "")

    nodes: list[Node] = []
    for step in ("prepare", "review", "approve"):
        party = getattr(chain, step)
        lines = [f"{text[step]} · {party.id}"]
        if step == nxt:
            lines.append(f"▶ {text['next']}")
        nodes.append(
            Node(
                f"a_{step}",
                party_name(party.unit, party.external),
                lines=tuple(lines),
                shape=Shape.ROUNDED if party.unit is not None else Shape.BOX,
                dashed=party.external is not None,
                highlight=step == nxt,
            )
        )
    nodes.append(
        Node(
            "a_approved",
            text["approved"],
            shape=Shape.STADIUM,
            fill="#eaf6ea",
            highlight=state is ApprovalState.APPROVED,
        )
    )
    nodes.append(
        Node(
            "a_state",
            f"{text['state']} {budget.fiscal_year}: "
            f"{say(f'state.{state.value}', text.lang) if state else '?'}",
            lines=(state_line,),
            shape=Shape.NOTE,
            fill="#fffbe6",
        )
    )
    edges = [
        Edge(
            "a_prepare",
            "a_review",
            (text["submit"],),
            bold=ApprovalAction.SUBMIT.value in acted,
        ),
        Edge(
            "a_review",
            "a_approve",
            (text["review_edge"],),
            bold=ApprovalAction.REVIEW.value in acted,
        ),
        Edge(
            "a_approve",
            "a_approved",
            (text["approve_edge"],),
            bold=ApprovalAction.APPROVE.value in acted,
        ),
        Edge("a_review", "a_prepare", (text["return"],), dashed=True),
        Edge("a_approve", "a_prepare", (text["return"],), dashed=True),
    ]
    return View(
        name=ViewName.APPROVAL,
        title=f"{text['approval']}: {text.pick(dept.name, dept.id)}",
        direction="LR",
        nodes=tuple(nodes),
        edges=tuple(edges),
    )
