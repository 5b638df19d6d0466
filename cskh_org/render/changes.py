"""The org chart with a change drawn on it (``cskh-org diff --chart``): the new version's org
chart, each unit the change touches filled by what happened to it — added, moved, changed —
and each unit it removed drawn as a dashed ghost under its old parent; a collapsed box says
how many changes lie below it. Every format of the org chart (DOT, Mermaid, SVG, PNG, PDF).

The states come in as data (unit id → state, from :meth:`cskh_org.diff.Review.unit_states`),
so this floor does not depend on the review's.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Final

from cskh_org.errors import RenderError
from cskh_org.model import Department
from cskh_org.render.views import (
    ORG_PAGE_BOXES,
    Edge,
    LegendEntry,
    Node,
    Shape,
    View,
    ViewName,
    _Text,
    build_view,
    safe_id,
)

__all__ = ["CHANGE_FILL", "STATES", "change_view", "write_change_chart"]

STATES: Final = ("added", "removed", "moved", "changed")
"""What can happen to a unit, in the legend's order."""
CHANGE_FILL: Final[Mapping[str, str]] = {
    "added": "#d9f2e3",
    "removed": "#fde2e1",
    "moved": "#dde8fb",
    "changed": "#fff1cc",
}


def change_view(
    old: Department,
    new: Department,
    states: Mapping[str, str],
    *,
    lang: str | None = None,
    depth: int | None = None,
    boxes: int = ORG_PAGE_BOXES,
) -> View:
    """The org chart of ``new`` with ``states`` (unit id → one of :data:`STATES`) drawn on
    it; units removed are taken from ``old``."""
    for unit, state in states.items():
        if state not in STATES:
            raise RenderError.of("error.render.change-state", unit=unit, state=state)
    base = build_view(new, ViewName.ORG, lang=lang, depth=depth, boxes=boxes)
    text = _Text(new, lang)
    ids = {safe_id("u", u.id): u.id for u in new.units}
    old_units = old.units_by_id
    new_units = new.units_by_id
    drawn = {n.id for n in base.nodes}
    below = _changes_below(new, base.collapsed, states)
    nodes: list[Node] = []
    for drawn_node in base.nodes:
        node = drawn_node
        shown = ids.get(node.id)
        status = states.get(shown or "")
        if shown is not None and status is not None and status != "removed":
            state, unit = status, shown
            mark = text[f"change_{state}"]
            if state == "moved":
                was = old_units.get(unit)
                parent = was.parent if was is not None else None
                if parent is not None:
                    named = old_units[parent].name if parent in old_units else None
                    mark = text.say("view.change_moved_from", unit=text.pick(named, parent))
            node = dataclasses.replace(
                node, fill=CHANGE_FILL[state], change=state, lines=(f"● {mark}", *node.lines)
            )
        elif shown is not None and below.get(shown):
            line = text.say("view.change_below", n=below[shown])
            node = dataclasses.replace(node, highlight=True, lines=(*node.lines, line))
        nodes.append(node)
    edges = list(base.edges)
    for unit, state in states.items():
        if state == "removed" and unit in old_units and unit not in new_units:
            gone = old_units[unit]
            ghost = safe_id("u", unit)
            nodes.append(
                Node(
                    id=ghost,
                    title=text.pick(gone.name, unit),
                    lines=(f"● {text['change_removed']}",),
                    shape=Shape.ROUNDED,
                    dashed=True,
                    fill=CHANGE_FILL["removed"],
                    change="removed",
                )
            )
            parent = safe_id("u", gone.parent) if gone.parent is not None else None
            if parent is not None and parent in drawn:
                edges.append(Edge(parent, ghost, dashed=True))
        elif state == "moved" and unit in old_units and unit in new_units:
            earlier = old_units[unit].parent
            here = safe_id("u", unit)
            there = safe_id("u", earlier) if earlier else None
            if there is not None and there in drawn and here in drawn:
                edges.append(Edge(there, here, dotted=True, label=(text["change_moved"],)))
    used = set(states.values())
    legend = tuple(
        LegendEntry(text[f"change_{s}"], CHANGE_FILL[s], dashed=s == "removed")
        for s in STATES
        if s in used
    )
    return dataclasses.replace(
        base,
        title=f"{text['changes']} — {base.title}",
        nodes=tuple(nodes),
        edges=tuple(edges),
        legend_title=text["changes"],
        legend=legend,
    )


def _changes_below(
    dept: Department, collapsed: tuple[str, ...], states: Mapping[str, str]
) -> dict[str, int]:
    """For each collapsed unit: how many units below it the change touches."""
    if not collapsed:
        return {}
    children: dict[str, list[str]] = {}
    for u in dept.units:
        if u.parent is not None and u.parent != u.id:
            children.setdefault(u.parent, []).append(u.id)
    out = {}
    for top in collapsed:
        count, seen, stack = 0, {top}, list(children.get(top, ()))
        while stack:
            unit = stack.pop()
            if unit in seen:
                continue
            seen.add(unit)
            count += unit in states
            stack.extend(children.get(unit, ()))
        out[top] = count
    return out


def write_change_chart(
    old: Department,
    new: Department,
    states: Mapping[str, str],
    path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    depth: int | None = None,
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Write :func:`change_view` to ``path``, in the format its suffix names (``.svg``,
    ``.png``, ``.pdf``, ``.dot``, ``.mmd``), as :func:`~cskh_org.render.render_file` writes a
    diagram (never over an existing file unless ``force``, nor over one of ``inputs``)."""
    from cskh_org.files import check_output, write_output
    from cskh_org.render import output_format, render_view

    format = output_format(path)
    inputs = tuple(inputs)
    check_output(path, force=force, inputs=inputs, what="diagram")
    view = change_view(old, new, states, lang=lang, depth=depth)
    write_output(path, render_view(view, format), force=force, inputs=inputs, what="diagram")
    return Path(path)
