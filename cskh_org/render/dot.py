"""The DOT writer: a :class:`~cskh_org.render.views.View` as Graphviz text.

Every id is double-quoted; every label is an HTML-like label escaped by
:func:`~cskh_org.render.escape.dot_html`. The font is DejaVu Sans (it has every Vietnamese
diacritic; Debian's ``fonts-dejavu-core`` installs it), set on the graph, nodes and edges.
"""

from __future__ import annotations

import dataclasses
import itertools

from cskh_org.render.escape import dot_html, dot_quoted
from cskh_org.render.views import PALETTE, Edge, LegendEntry, Node, Shape, View

__all__ = ["FONT", "write_dot"]

FONT = "DejaVu Sans"
"""The font of every diagram: it covers Vietnamese (and Latin, Greek, Cyrillic) completely."""

HIGHLIGHT = "#d62728"
_EMOJI = frozenset(mark for _, mark in PALETTE)

_SHAPES = {
    Shape.BOX: ("box", ""),
    Shape.ROUNDED: ("box", "rounded"),
    Shape.STADIUM: ("box", "rounded"),
    Shape.HEXAGON: ("hexagon", ""),
    Shape.NOTE: ("note", ""),
}


def _attrs(pairs: list[tuple[str, str]]) -> str:
    return ", ".join(f"{key}={value}" for key, value in pairs)


def _chips(chips: tuple[LegendEntry, ...]) -> str:
    cells = "".join(
        f'<TD BGCOLOR="{c.colour}"><FONT POINT-SIZE="9">{dot_html(c.label)}</FONT></TD>'
        for c in chips
    )
    return (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2"><TR>{cells}</TR></TABLE>'
    )


def _node_label(node: Node) -> str:
    title = dot_html(node.title)
    rows = [f"<TR><TD><B>{title}</B></TD></TR>"]
    colour = "#777777" if node.muted else "#333333"
    rows.extend(
        f'<TR><TD><FONT POINT-SIZE="10" COLOR="{colour}">{dot_html(line)}</FONT></TD></TR>'
        for line in node.lines
    )
    if node.chips:
        rows.append(f"<TR><TD>{_chips(node.chips)}</TD></TR>")
    body = "".join(rows)
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{body}</TABLE>>'


def _node(node: Node) -> str:
    shape, style = _SHAPES[node.shape]
    styles = [s for s in (style, "filled", "dashed" if node.dashed else "") if s]
    pairs = [
        ("label", _node_label(node)),
        ("shape", f'"{shape}"'),
        ("style", f'"{",".join(styles)}"'),
        ("fillcolor", f'"{node.fill}"'),
    ]
    if node.stacked:
        pairs.append(("peripheries", '"2"'))
    if node.link:
        pairs.append(("URL", dot_quoted(node.link + ".svg")))
    if node.highlight:
        pairs += [("color", f'"{HIGHLIGHT}"'), ("penwidth", '"2.5"')]
    elif node.muted:
        pairs += [("color", '"#999999"'), ("fontcolor", '"#777777"')]
    return f"{dot_quoted(node.id)} [{_attrs(pairs)}];"


def _edge(edge: Edge, flip: bool = False) -> str:
    """One edge; ``flip``: written head to tail with the arrow turned back (in a left-to-right
    layout, dot stacks one rank's nodes bottom-up along its edges: flipped, they read
    top-down)."""
    pairs: list[tuple[str, str]] = []
    if edge.label:
        pairs.append(("label", f"<{dot_html(chr(10).join(edge.label))}>"))
    if edge.dashed:
        pairs.append(("style", '"dashed"'))
    elif edge.dotted:
        pairs.append(("style", '"dotted"'))
    if edge.both_ways:
        pairs.append(("dir", '"both"'))
    elif flip:
        pairs.append(("dir", '"back"'))
    if edge.highlight:
        pairs += [("color", f'"{HIGHLIGHT}"'), ("fontcolor", f'"{HIGHLIGHT}"'), ("penwidth", '"3"')]
    elif edge.bold:
        pairs.append(("penwidth", '"2"'))
    attrs = f" [{_attrs(pairs)}]" if pairs else ""
    tail, head = (edge.target, edge.source) if flip else (edge.source, edge.target)
    return f"{_end(tail)} -> {_end(head)}{attrs};"


def _end(node: str) -> str:
    """An edge's end: a node id, or ``table:row``, a row's cell (ids have no ``:``)."""
    table, _, row = node.partition(":")
    return f"{dot_quoted(table)}:{dot_quoted(row)}" if row else dot_quoted(node)


def _legend(view: View) -> list[str]:
    if not view.legend:
        return []
    rows = []
    if view.legend_title:
        rows.append(f'<TR><TD COLSPAN="2"><B>{dot_html(view.legend_title)}</B></TD></TR>')
    for entry in view.legend:
        sample = f' BGCOLOR="{entry.colour}"' if entry.colour else ""
        if entry.dashed:
            sample += ' STYLE="dashed"'

        # coloured marks (emoji) are for Mermaid; Graphviz shows the colour itself
        mark = dot_html(entry.mark) if entry.mark and entry.mark not in _EMOJI else " "
        label = dot_html(entry.label)
        rows.append(f'<TR><TD WIDTH="18"{sample}>{mark}</TD><TD ALIGN="LEFT">{label}</TD></TR>')
    table = (
        '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="3" COLOR="#bbbbbb">'
        f"{''.join(rows)}</TABLE>"
    )
    return [
        '  subgraph "cluster_k_legend" {',
        '    graph [style="rounded", color="#cccccc", label=""];',
        f'    "k_legend" [shape="plaintext", style="", label=<{table}>];',
        "  }",
    ]


def _table_row(node: Node) -> str:
    """A node as a table row: its title in one cell, its lines (left-aligned) in the next,
    which carries the node's id (``PORT``, and ``ID`` in SVG); filled and dashed as the
    node's box would be."""
    colour = "#777777" if node.muted else "#333333"
    lines = "<BR/>".join(dot_html(line) for line in node.lines) or " "
    fill = f' BGCOLOR="{node.fill}"' + (' STYLE="dashed"' if node.dashed else "")
    return (
        f'<TR><TD ALIGN="LEFT" VALIGN="TOP"{fill}><B>{dot_html(node.title)}</B></TD>'
        f'<TD ID="{node.id}" PORT="{node.id}" ALIGN="LEFT" BALIGN="LEFT"{fill}>'
        f'<FONT POINT-SIZE="10" COLOR="{colour}">{lines}</FONT></TD></TR>'
    )


def _table(table_id: str, rows: list[Node]) -> str:
    border = 'BORDER="1" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4" COLOR="#999999"'
    body = "".join(_table_row(node) for node in rows)
    return (
        f'{dot_quoted(table_id)} [shape="plaintext", style="", margin="0", '
        f"label=<<TABLE {border}>{body}</TABLE>>];"
    )


def _as_tables(view: View) -> tuple[View, dict[str, str]]:
    """``view`` with the nodes of ``ordered`` between its first and last grouped into tables
    of ``view.table_rows`` rows (:attr:`View.table_rows`): each table a node ``k_table_N``
    in the first row's cluster, chained in order as the rows were; the DOT line of each
    table by id. An edge to or from a row goes to its cell (``table:row``)."""
    inner = view.ordered[1:-1]
    size = view.table_rows
    by_id = {node.id: node for node in view.nodes}
    groups = [inner[k : k + size] for k in range(0, len(inner), size)]
    table_of: dict[str, str] = {}
    tables: dict[str, str] = {}
    placeholders: dict[str, Node] = {}
    for number, group in enumerate(groups, start=1):
        table_id = f"k_table_{number}"
        tables[table_id] = _table(table_id, [by_id[row] for row in group])
        placeholders[group[0]] = Node(table_id, "", cluster=by_id[group[0]].cluster)
        table_of.update(dict.fromkeys(group, table_id))
    nodes = [
        placeholders.get(n.id, n)
        for n in view.nodes
        if n.id not in table_of or n.id in placeholders
    ]
    order = [view.ordered[0], *tables, view.ordered[-1]]
    chain = set(itertools.pairwise(view.ordered))

    def end(node: str) -> str:
        return f"{table_of[node]}:{node}" if node in table_of else node

    edges = [Edge(a, b, dotted=True) for a, b in itertools.pairwise(order)]
    edges += [
        dataclasses.replace(e, source=end(e.source), target=end(e.target))
        for e in view.edges
        if (e.source, e.target) not in chain
    ]
    return dataclasses.replace(
        view, nodes=tuple(nodes), edges=tuple(edges), ordered=tuple(order)
    ), tables


def write_dot(view: View) -> str:
    """The DOT text of ``view`` (ends with a newline; the same view gives the same bytes)."""
    tables: dict[str, str] = {}
    if view.table_rows > 0 and len(view.ordered) > 2:
        view, tables = _as_tables(view)
    lines = [
        f"digraph {dot_quoted(view.name.value)} {{",
        "  graph ["
        + _attrs(
            [
                ("charset", '"UTF-8"'),
                ("fontname", f'"{FONT}"'),
                ("fontsize", '"16"'),
                ("rankdir", f'"{view.direction}"'),
                ("labelloc", '"t"'),
                ("nodesep", '"0.3"'),
                ("ranksep", '"0.5"'),
                ("label", f"<<B>{dot_html(view.title)}</B>>"),
            ]
        )
        + "];",
        f'  node [fontname="{FONT}", fontsize="11", shape="box", style="rounded,filled", '
        'color="#444444", fillcolor="#ffffff", margin="0.12,0.06"];',
        f'  edge [fontname="{FONT}", fontsize="9", color="#555555", arrowsize="0.7"];',
    ]
    by_cluster: dict[str | None, list[Node]] = {}
    for node in view.nodes:
        by_cluster.setdefault(node.cluster, []).append(node)
    for node in by_cluster.get(None, []):
        lines.append(f"  {tables.get(node.id) or _node(node)}")
    for cluster in view.clusters:
        members = by_cluster.get(cluster.id, [])
        if not members:
            continue
        lines.append(f"  subgraph {dot_quoted('cluster_' + cluster.id)} {{")
        lines.append(
            f'    graph [style="rounded,dashed", color="#bbbbbb", '
            f"label=<<I>{dot_html(cluster.label)}</I>>];"
        )
        lines.extend(f"    {tables.get(node.id) or _node(node)}" for node in members)
        member_ids = {m.id for m in members}
        in_order = [n for n in view.ordered if n in member_ids]
        if in_order:  # one rank: the nodes one below the other (LR), in this order
            lines.append(f'    {{rank="same"; {" ".join(dot_quoted(n) + ";" for n in in_order)}}}')
        lines.append("  }")
    ranked = set(view.ordered) if view.direction == "LR" else set()
    lines.extend(
        f"  {_edge(edge, edge.source in ranked and edge.target in ranked)}" for edge in view.edges
    )
    lines.extend(_legend(view))
    lines.append("}")
    return "\n".join(lines) + "\n"
