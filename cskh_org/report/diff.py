"""A review of a change as a person reads it (text), as a pull-request comment (Markdown) and
as data (JSON): the change list with each change's place in both versions, the tickets that
move, and the effect on cost, budget and findings.

Places come from the CLI as two functions (the old and the new version's marks: a field path
to its ``file:line:col``), so this floor reads no file. Every text the user wrote (ids, values,
names) goes through :func:`~cskh_org.terminal.printable` for the terminal and through
:func:`_md` for Markdown (no table, link or HTML can be forged by a name).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from cskh_org.diff import Change, Move, Review
from cskh_org.diff.routing import Destination
from cskh_org.findings import Finding, Location
from cskh_org.terminal import printable
from cskh_org.words import Voice
from cskh_org.words import diff as _words  # noqa: F401  (registers the words)
from cskh_org.words.formats import money_text, percent_text

__all__ = ["Places", "diff_json", "diff_markdown", "diff_text"]

Places = Callable[[tuple[str | int, ...]], Location | None]
"""A version's field path → where it is written."""


def _none(_path: tuple[str | int, ...]) -> Location | None:
    return None


def _place(at: Places, path: tuple[str | int, ...] | None) -> str | None:
    if path is None:
        return None
    found = at(path)
    return str(found) if found is not None else None


def _dest(d: Destination, say: Voice) -> str:
    skills = f" [{', '.join(d.skills)}]" if d.skills else ""
    shift = f" {d.priority_shift:+d}" if d.priority_shift else ""
    rule = d.rule if d.rule is not None else say.say("diff.routing.default")
    return f"{d.unit}{skills}{shift} ({rule})"


def _signed(amount: Decimal, currency: str, lang: str) -> str:
    text = money_text(abs(amount), currency, lang)
    return f"+{text}" if amount > 0 else (f"−{text}" if amount < 0 else text)


def _money(amount: Decimal | None, currency: str, say: Voice) -> str:
    return say.say("diff.absent") if amount is None else money_text(amount, currency, say.lang)


def _pct(share: float | None, lang: str) -> str:
    return "" if share is None else percent_text(share, lang, digits=1)


def diff_text(
    review: Review, *, lang: str = "en", old_at: Places = _none, new_at: Places = _none
) -> str:
    """The review as a person reads it on a terminal."""
    say = Voice(lang)
    lines = [
        say.say("diff.title", old=_line(review.old), new=_line(review.new))
        + ": "
        + (
            say.say("diff.changes", n=len(review.changes))
            if review.changes
            else say.say("diff.none")
        )
    ]
    for change in review.changes:
        lines.append("  " + _line(_change_line(change, say)))
        places = [_place(old_at, change.old_path), _place(new_at, change.new_path)]
        shown = " → ".join(p or "—" for p in places)
        lines.append(f"      {_line(shown)}")
    lines += ["", say.say("diff.routing")]
    lines += [f"  {_line(line)}" for line in _routing_lines(review, say)]
    lines += ["", say.say("diff.effect")]
    lines += [f"  {_line(line)}" for line in _effect_lines(review, say)]
    if review.simulated is not None:
        lines += ["", _simulated(review, say).rstrip("\n")]
    gates = _gates_line(review, say)
    if gates:
        lines += ["", gates]
    return "\n".join(lines) + "\n"


def _simulated(review: Review, say: Voice) -> str:
    """The simulated KPIs of both versions side by side (the what-if table of
    ``simulate --compare``)."""
    from cskh_org.report.simulation import comparison_text

    assert review.simulated is not None
    return comparison_text(review.simulated, lang=say.lang, names=(review.old, review.new))


def _change_line(change: Change, say: Voice) -> str:
    kind = say.say(f"diff.kind.{change.kind.value}")
    head = f"{kind} {change.section} {change.subject}"
    if change.field:
        head += f" {change.field}"
    if change.kind.value == "reordered":
        return f"{head}: {change.old} → {change.new}"
    if change.old is not None and change.new is not None:
        return f"{head}: {change.old} → {change.new}"
    return head


def _routing_lines(review: Review, say: Voice) -> list[str]:
    routed = review.routing
    if not routed.known:
        return [say.say("diff.routing.unknown", reason=routed.reason)]
    out = []
    if routed.schema_changed:
        out.append(say.say("diff.routing.schema"))
    if not routed.moves:
        return [*out, say.say("diff.routing.none")]
    if routed.moved_share is not None:
        out.append(say.say("diff.routing.share", share=_pct(routed.moved_share, say.lang)))
    for move in routed.moves:
        out.extend(_move_lines(move, say))
    return out


def _move_lines(move: Move, say: Voice) -> list[str]:
    head = say.say("diff.routing.move", old=_dest(move.old, say), new=_dest(move.new, say))
    head += f": {_what(move, say)}"
    if move.share is not None:
        head += f" — {_pct(move.share, say.lang)}"
    ticket = json.dumps(dict(move.witness), ensure_ascii=False, default=str)
    return [
        f"- {head}",
        "    " + say.say("diff.routing.tickets", what=move.description[say.lang]),
        "    " + say.say("diff.routing.example", ticket=ticket),
    ]


def _what(move: Move, say: Voice) -> str:
    return ", ".join(say.say(f"diff.what.{w}") for w in move.what)


def _effect_lines(review: Review, say: Voice) -> list[str]:
    e = review.effect
    cur = e.currency
    out = [
        say.say(
            "diff.effect.staff",
            old=money_text(e.old_staff_year, cur, say.lang),
            new=money_text(e.new_staff_year, cur, say.lang),
            change=_signed(e.staff_year_change, cur, say.lang),
            month=_signed(e.staff_month_change, cur, say.lang),
        )
    ]
    for unit in e.units:
        out.append(
            say.say(
                "diff.effect.unit",
                unit=unit.unit,
                old=_money(unit.old, cur, say),
                new=_money(unit.new, cur, say),
                change=_signed(unit.change, cur, say.lang),
            )
        )
    if e.old_budget is not None or e.new_budget is not None:
        cap = (
            money_text(e.new_cap, cur, say.lang)
            if e.new_cap is not None
            else say.say("diff.effect.no-cap")
        )
        line = say.say(
            "diff.effect.budget",
            old=_money(e.old_budget, cur, say),
            new=_money(e.new_budget, cur, say),
            cap=cap,
        )
        out.append(line + (say.say("diff.effect.over-cap") if e.over_cap else ""))
    out.append(say.say("diff.effect.introduced", n=len(e.introduced)))
    out += [f"  {_finding(f, say.lang)}" for f in e.introduced]
    out.append(say.say("diff.effect.cleared", n=len(e.cleared)))
    out += [f"  {_finding(f, say.lang)}" for f in e.cleared]
    return out


def _finding(f: Finding, lang: str) -> str:
    where = str(f.location) if f.location else "<document>"
    return f"{where}: {f.severity.value}[{f.code}]: {f.text(lang)}"


def _gates_line(review: Review, say: Voice) -> str:
    if review.failed:
        return say.say("diff.failed", gates=", ".join(review.failed))
    return ""


# -- Markdown --------------------------------------------------------------------------------

_MD_SPECIAL = set("\\`*_[]|<>~&")
"""What GitHub-flavoured Markdown reads inside a table cell or a list item's text: emphasis,
code, links, tables, HTML and entities."""


def _md(text: str) -> str:
    """``text`` safe inside a Markdown table cell or list item: one line, every character
    that Markdown or HTML would read escaped."""
    flat = _line(text)
    return "".join(f"\\{c}" if c in _MD_SPECIAL else c for c in flat)


def _line(text: str) -> str:
    """``text`` as one inert line (Babel's no-break spaces kept as plain spaces)."""
    return printable(text.replace("\xa0", " ").replace("\u202f", " "))


def diff_markdown(
    review: Review, *, lang: str = "en", old_at: Places = _none, new_at: Places = _none
) -> str:
    """The review as a pull-request comment (GitHub-flavoured Markdown)."""
    say = Voice(lang)
    lines = [f"### {_md(say.say('diff.title', old=review.old, new=review.new))}", ""]
    if review.changes:
        cols = ("kind", "section", "subject", "value", "places")
        lines += [_row(say.say(f"diff.col.{c}") for c in cols), "|---|---|---|---|---|"]
        for c in review.changes:
            before = _place(old_at, c.old_path) or "—"
            after = _place(new_at, c.new_path) or "—"
            value = f"{c.old or '—'} → {c.new or '—'}"
            lines.append(
                f"| {say.say(f'diff.kind.{c.kind.value}')} | {_md(c.section)} "
                f"| {_md(c.subject)} {_md(c.field)} | {_md(value)} "
                f"| {_md(before)} → {_md(after)} |"
            )
    else:
        lines.append(_md(say.say("diff.none")))
    lines += ["", f"#### {say.say('diff.routing')}", ""]
    routed = review.routing
    if routed.known and routed.moves:
        if routed.moved_share is not None:
            lines += [
                _md(say.say("diff.routing.share", share=_pct(routed.moved_share, say.lang))),
                "",
            ]
        heads = ("move", "what", "share", "tickets")
        lines += [_row(say.say(f"diff.col.{c}") for c in heads), "|---|---|---|---|"]
        for m in routed.moves:
            lines.append(
                f"| {_md(_dest(m.old, say))} → {_md(_dest(m.new, say))} "
                f"| {_md(_what(m, say))} | {_pct(m.share, say.lang)} "
                f"| {_md(m.description[say.lang])} |"
            )
    else:
        lines += [_md(line) for line in _routing_lines(review, say)]
    lines += ["", f"#### {say.say('diff.effect')}", ""]
    lines += [
        f"{'  ' if line.startswith(' ') else ''}- {_md(line.strip())}"
        for line in _effect_lines(review, say)
    ]
    if review.simulated is not None:
        table = _simulated(review, say).replace("~", "-")  # cannot close the fence
        lines += ["", f"#### {say.say('diff.simulated')}", "", "~~~text", table.rstrip(), "~~~"]
    gates = _gates_line(review, say)
    if gates:
        lines += ["", f"**{_md(gates)}**"]
    return "\n".join(lines) + "\n"


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(_md(c) for c in cells) + " |"


# -- JSON ------------------------------------------------------------------------------------


def diff_json(review: Review, *, old_at: Places = _none, new_at: Places = _none) -> str:
    """The review as JSON: every figure of the text, unrounded (money as decimal strings)."""
    e = review.effect

    def dest(d: Destination) -> dict[str, Any]:
        return {
            "unit": d.unit,
            "skills": list(d.skills),
            "priority_shift": d.priority_shift,
            "rule": d.rule,
        }

    def finding(f: Finding) -> dict[str, Any]:
        return {
            "code": f.code,
            "severity": f.severity.value,
            "location": str(f.location) if f.location else None,
            "message": f.message,
            "message_vi": f.message_vi,
        }

    data = {
        "old": review.old,
        "new": review.new,
        "changes": [
            {
                "kind": c.kind.value,
                "section": c.section,
                "subject": c.subject,
                "field": c.field,
                "old": c.old,
                "new": c.new,
                "old_place": _place(old_at, c.old_path),
                "new_place": _place(new_at, c.new_path),
                "old_path": list(c.old_path) if c.old_path is not None else None,
                "new_path": list(c.new_path) if c.new_path is not None else None,
            }
            for c in review.changes
        ],
        "routing": {
            "known": review.routing.known,
            "reason": review.routing.reason or None,
            "schema_changed": review.routing.schema_changed,
            "moved_share": review.routing.moved_share,
            "moves": [
                {
                    "old": dest(m.old),
                    "new": dest(m.new),
                    "what": list(m.what),
                    "share": m.share,
                    "tickets": dict(m.description),
                    "example": {k: _plain(v) for k, v in m.witness.items()},
                }
                for m in review.routing.moves
            ],
        },
        "effect": {
            "currency": e.currency,
            "staff_year": {"old": str(e.old_staff_year), "new": str(e.new_staff_year)},
            "staff_year_change": str(e.staff_year_change),
            "units": [
                {
                    "unit": u.unit,
                    "old": None if u.old is None else str(u.old),
                    "new": None if u.new is None else str(u.new),
                }
                for u in e.units
            ],
            "budget": {
                "old": None if e.old_budget is None else str(e.old_budget),
                "new": None if e.new_budget is None else str(e.new_budget),
                "old_cap": None if e.old_cap is None else str(e.old_cap),
                "new_cap": None if e.new_cap is None else str(e.new_cap),
                "over_cap": e.over_cap,
            },
            "introduced": [finding(f) for f in e.introduced],
            "cleared": [finding(f) for f in e.cleared],
        },
        "failed": list(review.failed),
        "simulated": None
        if review.simulated is None
        else {
            "replications": review.simulated.base.replications,
            "seed": review.simulated.base.seed,
            "differences": {k: d.to_dict() for k, d in review.simulated.differences.items()},
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    return value
