"""The cover heat map of a roster as SVG: rostered against required, interval by interval.

Semantics, in one place:

* **One panel per unit**, one after the other: a row per day of the roster (its first
  Monday first), a column per interval of the day (a day is ``24 × 60 / interval`` columns
  of wall-clock time from 00:00, as the roster counts them), hour ticks above, the unit's
  title, and the days named on the left. The grid is :data:`GRID_WIDTH` pixels wide whatever
  the interval (96 columns of a quarter of an hour are 10 pixels each), and
  :data:`ROW_HEIGHT` pixels a day, so six weeks of a unit are a panel of about 550 pixels and
  a hundred units stay a column of panels to scroll, not an image too wide to read.
* **A cell's colour is rostered − required**: short in a red scale, exactly covered a
  neutral grey, over in a blue scale, darker the further from exact, up to the largest
  difference of the picture (so the scale is the same in every panel); the legend shows the
  scale with its numbers.
* **Every cell has a tooltip** (``<title>``): the day, the time, required and rostered.
* **Text is the document's, made safe**: every piece is made visible
  (:func:`~cskh_org.render.escape.visible`) and escaped for XML, so a unit named
  ``<script>`` or ``a & b`` is shown as written and cannot break the file.

The renderer reads a roster's fields only (:class:`CoverRoster`, which
:class:`cskh_org.rosters.Roster` is): the rosters sit above the diagrams.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from html import escape
from typing import Final, Protocol

from cskh_org.errors import UsageError
from cskh_org.render.escape import visible
from cskh_org.words import display, say
from cskh_org.words.formats import date_text

__all__ = ["GRID_WIDTH", "ROW_HEIGHT", "CoverRoster", "UnitCover", "cell_colour", "cover_svg"]

GRID_WIDTH: Final = 960
"""Pixels of a day's intervals."""
ROW_HEIGHT: Final = 12
"""Pixels of a day."""
_LEFT: Final = 120
"""Pixels left of the grid, for the days' names."""
_PANEL_TOP: Final = 44
"""Pixels above a panel's grid: its title and the hour ticks."""
_GAP: Final = 24
_FONT: Final = "DejaVu Sans, Verdana, sans-serif"
_NEUTRAL: Final = (240, 240, 240)
_SHORT: Final = ((252, 187, 161), (165, 15, 21))
"""The red scale, from one agent short to the largest shortfall."""
_OVER: Final = ((198, 219, 239), (8, 69, 148))
"""The blue scale, from one agent over to the largest excess."""
_DAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class UnitCover(Protocol):
    """One unit's requirement and rostered agents per interval of the roster."""

    @property
    def unit(self) -> str: ...
    @property
    def required(self) -> Sequence[int]: ...
    @property
    def rostered(self) -> Sequence[int]: ...


class CoverRoster(Protocol):
    """What the heat map reads of a roster."""

    @property
    def department(self) -> str: ...
    @property
    def start(self) -> dt.date: ...
    @property
    def weeks(self) -> int: ...
    @property
    def interval(self) -> int: ...
    @property
    def cover(self) -> Sequence[UnitCover]: ...


def cell_colour(difference: int, scale: int) -> str:
    """The colour of a cell ``difference`` agents over (below 0: short) on a scale whose
    darkest is ``scale`` agents away from exact."""
    if difference == 0:
        return _hex(_NEUTRAL)
    light, dark = _SHORT if difference < 0 else _OVER
    share = 1.0 if scale <= 1 else (min(abs(difference), scale) - 1) / (scale - 1)
    return _hex(tuple(round(a + (b - a) * share) for a, b in zip(light, dark, strict=True)))


def _hex(rgb: Sequence[int]) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


def _text(value: str) -> str:
    return escape(visible(value).replace("\n", " "), quote=True)


def cover_svg(
    roster: CoverRoster, lang: str | None = None, units: Iterable[str] | None = None
) -> str:
    """The heat map of ``roster``'s cover for ``units`` (default: every unit it covers, in
    its order), its words in ``lang``. :class:`~cskh_org.errors.UsageError` for a unit the
    roster does not cover or a roster with no cover."""
    shown = display(lang)
    by_unit = {c.unit: c for c in roster.cover}
    chosen = list(dict.fromkeys(units)) if units is not None else list(by_unit)
    for unit in chosen:
        if unit not in by_unit:
            raise UsageError.of("error.roster.unit", unit=unit)
    if not chosen:
        raise UsageError.of("error.roster.not-solved", status="no cover")
    panels = [by_unit[u] for u in chosen]
    columns = 24 * 60 // roster.interval
    days = 7 * roster.weeks
    scale = max(
        (abs(r - q) for c in panels for q, r in zip(c.required, c.rostered, strict=True)),
        default=1,
    )
    cell = GRID_WIDTH / columns
    panel_height = _PANEL_TOP + days * ROW_HEIGHT + _GAP
    legend_top = 36
    top = legend_top + 56
    width = _LEFT + GRID_WIDTH + 20
    height = top + len(panels) * panel_height
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{_FONT}" font-size="11">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        '<text x="10" y="20" font-size="15" font-weight="bold">'
        + _text(
            say(
                "roster.cover.title",
                shown,
                department=roster.department,
                weeks=roster.weeks,
                start=date_text(roster.start, shown),
            )
        )
        + "</text>",
    ]
    out.extend(_legend(scale, shown, legend_top))
    for n, cover in enumerate(panels):
        out.extend(
            _panel(
                roster,
                cover,
                shown,
                top=top + n * panel_height,
                columns=columns,
                cell=cell,
                scale=scale,
            )
        )
    out.append("</svg>\n")
    return "\n".join(out)


def _legend(scale: int, lang: str, top: int) -> list[str]:
    """The scale: a box per difference (every one up to ±8, else about 17), its number
    below, the short side's name on the left and the over side's on the right."""
    steps = sorted({*range(-scale, scale + 1)} if scale <= 8 else _ticks(scale))
    box = 28
    out = [f'<g class="legend" transform="translate({_LEFT},{top})">']
    out.append(f'<text x="0" y="10">{_text(say("roster.cover.legend", lang))}</text>')
    out.append(
        f'<text x="-6" y="26" text-anchor="end">{_text(say("roster.cover.short", lang))}</text>'
    )
    for k, value in enumerate(steps):
        x = k * box
        name = say("roster.cover.exact", lang) if value == 0 else f"{value:+d}"
        out.append(
            f'<rect x="{x}" y="16" width="{box}" height="12" fill="{cell_colour(value, scale)}">'
            f"<title>{_text(name)}</title></rect>"
        )
        number = f"{value:+d}" if value else "0"
        out.append(f'<text x="{x + box / 2:g}" y="40" text-anchor="middle">{number}</text>')
    right = len(steps) * box + 6
    out.append(f'<text x="{right}" y="26">{_text(say("roster.cover.over", lang))}</text>')
    out.append("</g>")
    return out


def _ticks(scale: int) -> set[int]:
    """About 17 values from ``-scale`` to ``scale``, 0 and both ends included."""
    step = max(1, scale // 8)
    values = set(range(0, scale + 1, step)) | {scale}
    return values | {-v for v in values}


def _panel(
    roster: CoverRoster,
    cover: UnitCover,
    lang: str,
    *,
    top: float,
    columns: int,
    cell: float,
    scale: int,
) -> list[str]:
    days = 7 * roster.weeks
    out = [f'<g class="unit" transform="translate(0,{top})">']
    out.append(
        f'<text x="10" y="14" font-size="13" font-weight="bold">'
        f"{_text(say('roster.cover.unit', lang, unit=cover.unit))}</text>"
    )
    grid = _PANEL_TOP
    for hour in range(25):  # 40 pixels an hour: room for every hour's number
        x = _LEFT + hour * GRID_WIDTH / 24
        out.append(f'<line x1="{x:g}" y1="{grid - 6}" x2="{x:g}" y2="{grid}" stroke="#555"/>')
        if hour < 24:
            out.append(f'<text x="{x + 2:g}" y="{grid - 8}">{hour:02d}</text>')
    interval = roster.interval
    weeks: list[str] = []
    for day in range(days):
        date = roster.start + dt.timedelta(days=day)
        y = grid + day * ROW_HEIGHT
        name = f"{say(f'staff.day.{_DAYS[day % 7]}', lang)} {date_text(date, lang)}"
        out.append(f'<text x="10" y="{y + ROW_HEIGHT - 2}">{_text(name)}</text>')
        if day and day % 7 == 0:  # a line between the weeks, drawn over the cells
            weeks.append(
                f'<line x1="10" y1="{y}" x2="{_LEFT + GRID_WIDTH}" y2="{y}" stroke="#333333"/>'
            )
        out.append(f'<g transform="translate({_LEFT},{y})" stroke="#ffffff" stroke-width="0.5">')
        for column in range(columns):
            k = day * columns + column
            required, rostered = cover.required[k], cover.rostered[k]
            minutes = column * interval
            tip = say(
                "roster.cover.cell",
                lang,
                day=name,
                time=f"{minutes // 60:02d}:{minutes % 60:02d}",
                required=required,
                rostered=rostered,
            )
            out.append(
                f'<rect x="{column * cell:g}" width="{cell:g}" height="{ROW_HEIGHT}" '
                f'fill="{cell_colour(rostered - required, scale)}"><title>'
                f"{_text(tip)}</title></rect>"
            )
        out.append("</g>")
    out.extend(weeks)
    out.append("</g>")
    return out
