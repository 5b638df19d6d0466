"""The Mermaid writer: a :class:`~cskh_org.render.views.View` as a Mermaid flowchart.

Every node id is a :func:`~cskh_org.render.views.safe_id` (letters, digits, ``_``); every
label is a double-quoted string escaped by :func:`~cskh_org.render.escape.mermaid_text`, so a
name can never leave its label. The output is one statement per line, of a few fixed shapes
(see ``tests/render/test_mermaid_grammar.py``).
"""

from __future__ import annotations

from cskh_org.render.escape import mermaid_text
from cskh_org.render.views import Edge, Node, Shape, View

__all__ = ["INIT", "write_mermaid"]

INIT = (
    '%%{init: {"flowchart": {"htmlLabels": true}, '
    '"themeVariables": {"fontFamily": "DejaVu Sans, Verdana, sans-serif"}}}%%'
)
"""The first line: the font (as in the Graphviz output) and HTML labels (for bold titles)."""

HIGHLIGHT = "#d62728"

_OPEN_CLOSE = {
    Shape.BOX: ("[", "]"),
    Shape.ROUNDED: ("(", ")"),
    Shape.STADIUM: ("([", "])"),
    Shape.HEXAGON: ("{{", "}}"),
    Shape.NOTE: (">", "]"),
}


def _label(node: Node) -> str:
    parts = [f"<b>{mermaid_text(node.title)}</b>"]
    parts.extend(mermaid_text(line) for line in node.lines)
    if node.chips:
        parts.append(" ".join(f"{c.mark} {mermaid_text(c.label)}" for c in node.chips))
    return "<br>".join(parts)


def _node(node: Node, indent: str) -> str:
    opening, closing = _OPEN_CLOSE[node.shape]
    return f'{indent}{node.id}{opening}"{_label(node)}"{closing}'


def _arrow(edge: Edge) -> str:
    if edge.highlight or edge.bold:
        return "<==>" if edge.both_ways else "==>"
    if edge.dashed or edge.dotted:
        return "<-.->" if edge.both_ways else "-.->"
    return "<-->" if edge.both_ways else "-->"


def _edge(edge: Edge) -> str:
    label = f'|"{"<br>".join(mermaid_text(t) for t in edge.label)}"|' if edge.label else ""
    return f"  {edge.source} {_arrow(edge)}{label} {edge.target}"


def write_mermaid(view: View) -> str:
    """The Mermaid text of ``view`` (ends with a newline; the same view gives the same bytes)."""
    lines = [INIT, f"flowchart {view.direction}"]
    lines.append(f'  k_title>"<b>{mermaid_text(view.title)}</b>"]')
    by_cluster: dict[str | None, list[Node]] = {}
    for node in view.nodes:
        by_cluster.setdefault(node.cluster, []).append(node)
    lines.extend(_node(node, "  ") for node in by_cluster.get(None, []))
    for cluster in view.clusters:
        members = by_cluster.get(cluster.id, [])
        if not members:
            continue
        lines.append(f'  subgraph {cluster.id} ["{mermaid_text(cluster.label)}"]')
        lines.extend(_node(node, "    ") for node in members)
        lines.append("  end")
    lines.extend(_edge(edge) for edge in view.edges)
    if view.legend:
        lines.append(f'  subgraph k_legend ["{mermaid_text(view.legend_title or "Legend")}"]')
        for i, entry in enumerate(view.legend):
            mark = f"{entry.mark} " if entry.mark else ""
            lines.append(f'    k_legend_{i}["{mark}{mermaid_text(entry.label)}"]')
        lines.append("  end")
    lines.append("  classDef title fill:none,stroke:none")
    lines.append("  class k_title title")
    dashed = [n.id for n in view.nodes if n.dashed and not n.highlight]
    muted = [n.id for n in view.nodes if n.muted]
    hot = [n.id for n in view.nodes if n.highlight]
    stacked = [n.id for n in view.nodes if n.stacked]
    if dashed:
        lines.append("  classDef dashed stroke-dasharray:5 5")
        lines.append(f"  class {','.join(dashed)} dashed")
    if muted:
        lines.append("  classDef muted fill:#eeeeee,color:#777777,stroke:#999999")
        lines.append(f"  class {','.join(muted)} muted")
    if stacked:
        lines.append("  classDef stacked stroke-width:4px,stroke-dasharray:8 2")
        lines.append(f"  class {','.join(stacked)} stacked")
    if hot:
        lines.append(f"  classDef hot stroke:{HIGHLIGHT},stroke-width:3px")
        lines.append(f"  class {','.join(hot)} hot")
    changes: dict[str, list[Node]] = {}
    for node in view.nodes:
        if node.change:
            changes.setdefault(node.change, []).append(node)
    for state, marked in changes.items():  # the org chart of a change: one class per state
        dash = ",stroke-dasharray:5 5" if marked[0].dashed else ""
        lines.append(f"  classDef change_{state} fill:{marked[0].fill}{dash}")
        lines.append(f"  class {','.join(n.id for n in marked)} change_{state}")
    for i, entry in enumerate(view.legend):
        if entry.colour:
            dash = ",stroke-dasharray:5 5" if entry.dashed else ""
            lines.append(f"  style k_legend_{i} fill:{entry.colour}{dash}")
    dotted = [str(i) for i, e in enumerate(view.edges) if e.dotted and not e.highlight]
    if dotted:  # finer than the dashes of `-.->`
        lines.append(f"  linkStyle {','.join(dotted)} stroke-dasharray:2 4")
    highlighted = [str(i) for i, edge in enumerate(view.edges) if edge.highlight]
    if highlighted:
        lines.append(f"  linkStyle {','.join(highlighted)} stroke:{HIGHLIGHT},stroke-width:3px")
    return "\n".join(lines) + "\n"
