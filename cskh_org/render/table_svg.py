"""The SVG writer of a view drawn as a table (:attr:`~cskh_org.render.views.View.table_rows`:
a rule table too large for arrows), without Graphviz.

A table needs no graph layout: the first node of ``ordered`` (every ticket, or where a page
starts) on top, then one row per rule in evaluation order (its number and id; its condition
in words and its queue), then the last node (the default, or the next page), joined by dotted
arrows, then the legend. What Graphviz would spend its time on is measuring every line of
text through Pango (a thousand rules: over 3,000 lines, several times the whole layout of a
500-node tree); here a line's width is estimated from DejaVu Sans's advance widths
(:data:`_REGULAR`, :data:`_BOLD`, read from the font's ``hmtx`` table; a Vietnamese letter
as wide as its base letter), which for the Latin and Vietnamese text and the marks the views
use is what the font draws, within a few percent of what Pango measures (``tests/render/
test_routing_table.py`` compares them), and each cell has room to spare.

Every piece of text is made visible (:func:`~cskh_org.render.escape.visible`) and escaped
for XML; each rule's row is a group whose ``id`` is the rule's node id.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from html import escape

from cskh_org.render.escape import visible
from cskh_org.render.views import LegendEntry, Node, Shape, View

__all__ = ["text_width", "write_table_svg"]

FONT = "DejaVu Sans"
HIGHLIGHT = "#d62728"

# advance widths of DejaVu Sans (Book and Bold), in thousandths of an em, of ASCII 32-126
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
    770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
    684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
    525, 636, 337, 636, 838,
)  # fmt: skip
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
    830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812,
    774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716,
    712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652,
    582, 712, 365, 712, 838,
)  # fmt: skip
_OTHER = 1000
"""Any other character that is not a Latin letter with marks: an em (as wide as DejaVu Sans's
widest marks, ``…`` and ``⋯``; wider than its arrows and signs, 838)."""

_WIDE = 1300  # an East Asian wide character, drawn from another font: more than an em


def _advance(ch: str, table: Sequence[int]) -> int:
    code = ord(ch)
    if 32 <= code < 127:
        return table[code - 32]
    base = unicodedata.normalize("NFD", ch)[:1]  # ệ → e: a Vietnamese letter is its base's width
    if base != ch and 32 <= ord(base) < 127:
        return table[ord(base) - 32]
    if ch in "đĐ":
        return table[ord("d" if ch == "đ" else "D") - 32] + 150
    if unicodedata.east_asian_width(ch) in "WF":
        return _WIDE
    return _OTHER


class _Advances(dict[str, int]):
    """A character's advance width by character, worked out on first use."""

    def __init__(self, table: Sequence[int]) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, ch: str) -> int:
        self[ch] = width = _advance(ch, self.table)
        return width


_ADVANCES = {False: _Advances(_REGULAR), True: _Advances(_BOLD)}


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The estimated width in points of one line of ``text`` in DejaVu Sans at ``size``: the
    font's advance widths (as a browser draws them, kerning aside), 3% more for hinting."""
    return sum(map(_ADVANCES[bold].__getitem__, text)) * size * 1.03 / 1000


_TITLE, _BODY, _LINE = 11.0, 10.0, 12.0  # font sizes and the line height of the body, in pt
_PAD, _MARGIN, _ARROW = 4.0, 8.0, 22.0


def _lines(texts: Sequence[str]) -> list[str]:
    """Texts as the lines they show (a line break in a name starts a new line)."""
    return [part for text in texts for part in visible(text).split("\n")]


def _text(x: float, y: float, text: str, size: float, colour: str, *, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.2f}" y="{y:.2f}" font-family="{FONT}" font-size="{size:g}"{weight} '
        f'fill="{colour}">{escape(text, quote=False)}</text>'
    )


class _Canvas:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.width = 0.0

    def add(self, part: str, right: float = 0.0) -> None:
        self.parts.append(part)
        self.width = max(self.width, right)


def _box(canvas: _Canvas, node: Node, top: float) -> float:
    """A node as a box (centre-left at ``_MARGIN``); returns its bottom."""
    title = _lines([node.title])
    lines = _lines(node.lines)
    width = max(
        [text_width(t, _TITLE, bold=True) for t in title]
        + [text_width(t, _BODY) for t in lines]
        + [40.0]
    )
    width += 4 * _PAD
    height = _TITLE * 1.3 * len(title) + _LINE * len(lines) + 3 * _PAD
    radius = height / 2 if node.shape is Shape.STADIUM else 0.0
    stroke, pen = (HIGHLIGHT, 2.5) if node.highlight else ("#444444", 1.0)
    canvas.add(
        f'<g id="{node.id}" class="node"><rect x="{_MARGIN:.2f}" y="{top:.2f}" '
        f'width="{width:.2f}" height="{height:.2f}" rx="{radius:.2f}" fill="{node.fill}" '
        f'stroke="{stroke}" stroke-width="{pen:g}"/>',
        _MARGIN + width,
    )
    y = top + _PAD + _TITLE
    for t in title:
        canvas.add(_text(_MARGIN + 2 * _PAD, y, t, _TITLE, "#000000", bold=True))
        y += _TITLE * 1.3
    y += _BODY - _TITLE * 1.3 + _PAD / 2
    for t in lines:
        y += _LINE
        canvas.add(_text(_MARGIN + 2 * _PAD, y - _LINE + _TITLE * 0.3, t, _BODY, "#333333"))
    canvas.add("</g>")
    return top + height


def _arrow(canvas: _Canvas, top: float) -> float:
    """A dotted arrow down from ``top`` (no match: the next rule decides)."""
    x, end = _MARGIN + 20, top + _ARROW
    canvas.add(
        f'<path d="M{x:.2f},{top:.2f} L{x:.2f},{end - 6:.2f}" fill="none" stroke="#555555" '
        f'stroke-dasharray="1,3"/><polygon points="{x - 3.5:.2f},{end - 6:.2f} '
        f'{x + 3.5:.2f},{end - 6:.2f} {x:.2f},{end:.2f}" fill="#555555" stroke="#555555"/>'
    )
    return end


def _rows(canvas: _Canvas, rows: Sequence[Node], top: float) -> float:
    """The rules as one table, one row each; returns its bottom."""
    titles = [_lines([row.title]) for row in rows]
    bodies = [_lines(row.lines) or [""] for row in rows]
    first = max(text_width(t, _TITLE, bold=True) for ts in titles for t in ts) + 2 * _PAD
    second = max(text_width(t, _BODY) for ls in bodies for t in ls) + 2 * _PAD
    width = first + second
    left = _MARGIN
    y = top
    for row, title, body in zip(rows, titles, bodies, strict=True):
        height = max(_TITLE * 1.3 * len(title), _LINE * len(body)) + 2 * _PAD
        dash = ' stroke-dasharray="5,2"' if row.dashed else ""
        colour = "#777777" if row.muted else "#333333"
        canvas.add(
            f'<g id="{row.id}" class="rule"><rect x="{left:.2f}" y="{y:.2f}" '
            f'width="{first:.2f}" height="{height:.2f}" fill="{row.fill}" stroke="#999999"'
            f'{dash}/><rect x="{left + first:.2f}" y="{y:.2f}" width="{second:.2f}" '
            f'height="{height:.2f}" fill="{row.fill}" stroke="#999999"{dash}/>',
            left + width,
        )
        line_y = y + _PAD + _TITLE
        for t in title:
            canvas.add(_text(left + _PAD, line_y, t, _TITLE, colour, bold=True))
            line_y += _TITLE * 1.3
        line_y = y + _PAD + _BODY
        for t in body:
            canvas.add(_text(left + first + _PAD, line_y, t, _BODY, colour))
            line_y += _LINE
        canvas.add("</g>")
        y += height
    return y


def _legend(canvas: _Canvas, title: str, entries: Sequence[LegendEntry], top: float) -> float:
    y = top + _TITLE
    if title:
        canvas.add(
            _text(_MARGIN, y, title, _TITLE, "#000000", bold=True),
            _MARGIN + text_width(title, _TITLE, bold=True),
        )
        y += _PAD
    for entry in entries:
        fill = entry.colour or "none"
        dash = ' stroke-dasharray="5,2"' if entry.dashed else ""
        canvas.add(
            f'<rect x="{_MARGIN:.2f}" y="{y:.2f}" width="18" height="14" fill="{fill}" '
            f'stroke="#bbbbbb"{dash}/>'
        )
        label = " ".join(_lines([entry.label]))
        right = _MARGIN + 24 + text_width(label, _BODY)
        canvas.add(_text(_MARGIN + 24, y + 11, label, _BODY, "#333333"), right)
        y += 18
    return y


def write_table_svg(view: View) -> str:
    """The SVG of a view drawn as a table (``view.table_rows`` > 0, ``ordered``: the first
    box, the rows, the last box): the same view gives the same bytes."""
    by_id = {node.id: node for node in view.nodes}
    order = [by_id[n] for n in view.ordered]
    canvas = _Canvas()
    y = _MARGIN + 16
    title = " ".join(_lines([view.title]))
    canvas.add(
        _text(_MARGIN, y, title, 16, "#000000", bold=True),
        _MARGIN + text_width(title, 16, bold=True),
    )
    y = _box(canvas, order[0], y + 12)
    if len(order) > 2:
        y = _rows(canvas, order[1:-1], _arrow(canvas, y))
    if len(order) > 1:
        y = _box(canvas, order[-1], _arrow(canvas, y))
    if view.legend:
        y = _legend(canvas, view.legend_title, view.legend, y + 16)
    width, height = canvas.width + _MARGIN, y + _MARGIN
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        f'<svg width="{width:.0f}pt" height="{height:.0f}pt" '
        f'viewBox="0.00 0.00 {width:.2f} {height:.2f}" xmlns="http://www.w3.org/2000/svg">\n'
        f"<title>{escape(view.name.value, quote=False)}</title>\n"
        f'<rect x="0" y="0" width="{width:.2f}" height="{height:.2f}" fill="#ffffff"/>\n'
    )
    return head + "\n".join(canvas.parts) + "\n</svg>\n"
