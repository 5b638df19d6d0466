"""Charts for the HTML report: each one a self-contained SVG string, to put inline in a page.

Drawn with matplotlib's SVG backend (a :class:`~matplotlib.figure.Figure` and its own canvas,
never pyplot; matplotlib is imported on the first chart, its settings changed only inside a
:func:`matplotlib.rc_context`). The page that holds them has a strict Content-Security-Policy
and makes no network request, so a chart:

- is text: its words stay ``<text>`` (``svg.fonttype = "none"``), drawn by the reader's fonts
  (Vietnamese diacritics included) and searchable in a PDF;
- has no XML declaration nor DOCTYPE; its root ``<svg>`` carries ``id=chart_id``,
  ``class="chart"``, ``role="img"``, ``aria-labelledby`` naming the ``<title>`` inside it, a
  ``viewBox`` and ``width="100%"`` (the page's CSS sizes it);
- refers to nothing outside itself: every ``href`` and ``url(…)`` names one of its own ids,
  and each of its ids starts with ``chart_id`` (two charts in a page never share one);
- is the same bytes for the same input (no date, no creator; ids hashed with ``chart_id``).

The words in it (title, axis labels, series names, categories, ticks) are the caller's: they
come out as escaped text, never markup; a control character is written as an escape
(:func:`~cskh_org.terminal.printable`), a ``$`` is a dollar (no mathtext). A label longer than
:data:`LABEL_CHARS` is shortened with ``…`` and keeps its whole text in a ``<title>`` (the
tooltip) of its group.

The elements a test or a script looks for carry ids (``gid``):

- ``{chart_id}-line-{k}``: series ``k``'s line; ``{chart_id}-band-{k}``: its interval;
- ``{chart_id}-bar-{k}-{i}``: series ``k``'s bar for category ``i`` (one per value given);
- ``{chart_id}-err-{k}``: series ``k``'s error bars (and ``{chart_id}-err-{k}-cap-{c}``);
- ``{chart_id}-target``: the target line; ``{chart_id}-empty``: the note of a chart
  without data; ``{chart_id}-title``: the ``<title>``.

A value that is ``None`` (or not finite) is no value: a gap in a line, no bar.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal
from xml.sax.saxutils import escape

from cskh_org.errors import UsageError
from cskh_org.terminal import printable

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

__all__ = [
    "DASHES",
    "HATCHES",
    "LABEL_CHARS",
    "PALETTE",
    "Series",
    "YFormat",
    "bar_chart",
    "line_chart",
    "stacked_bar_chart",
]

YFormat = Literal["number", "percent"]
"""How the value axis is written: plain numbers, or shares in 0..1 as percentages."""

PALETTE: Final[tuple[str, ...]] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)
"""Okabe and Ito's colours, safe for colour-blind readers; one per series, in turn."""

DASHES: Final[tuple[Literal["solid"] | tuple[float, tuple[float, ...]], ...]] = (
    "solid",
    (0, (5, 2)),
    (0, (1, 1.5)),
    (0, (6, 2, 1, 2)),
    (0, (3, 1, 1, 1, 1, 1)),
    (0, (8, 3)),
    (0, (2, 2)),
    (0, (4, 1, 4, 1, 1, 1)),
)
"""Each series' line style, in turn: the lines stay apart when printed in grey."""

HATCHES: Final[tuple[str, ...]] = ("", "///", "...", "xxx", "\\\\\\", "+++", "ooo", "---")
"""Each series' hatching of its bars, in turn (for grey print)."""

LABEL_CHARS: Final = 40
"""The longest label drawn whole; a longer one is cut to this many characters, ``…`` last."""

_ACROSS_CHARS: Final = 60
"""The longest label of the horizontal axis drawn whole (the note of an empty chart too)."""
_CHART_ID = re.compile(r"[a-z][a-z0-9-]*")
_INK: Final = "#222222"
_GRID: Final = "#dddddd"


@dataclass(frozen=True, slots=True)
class Series:
    """One series of a chart: its name (the legend's label) and one value per point.

    ``low`` and ``high``, if given, are the bounds of each value (a confidence interval):
    a band around a line, error bars on a bar. ``None`` is no value (no bound)."""

    name: str
    values: tuple[float | None, ...]
    low: tuple[float | None, ...] | None = None
    high: tuple[float | None, ...] | None = None

    def __post_init__(self) -> None:
        for bounds in (self.low, self.high):
            if bounds is not None and len(bounds) != len(self.values):
                raise ValueError(
                    f"series {self.name!r}: {len(bounds)} bounds for {len(self.values)} values"
                )


# -- the public charts -------------------------------------------------------------------------


def line_chart(
    *,
    chart_id: str,
    title: str,
    x_label: str,
    y_label: str,
    series: Sequence[Series],
    ticks: Sequence[tuple[int, str]] = (),
    y_format: YFormat = "number",
    width: float = 9.0,
    height: float = 3.2,
    empty: str = "—",
) -> str:
    """Lines over the points ``0..n-1``, one per series, each with its interval (``low`` to
    ``high``) as a shaded band; ``ticks`` are the labelled points of the x axis (``(index,
    label)``, e.g. the first hour of each day of a week). Without a value at all, the chart is
    its title and the note ``empty`` (a word of the catalogue, given by the caller)."""
    _check(chart_id, y_format)
    with _figure(chart_id, width, height) as (fig, labels):
        ax = fig.add_subplot()
        if not any(_finite(v) is not None for s in series for v in s.values):
            return _empty(fig, ax, labels, title=title, note=empty)
        from matplotlib.lines import Line2D

        n = max(len(s.values) for s in series)
        xs = list(range(n))
        handles: list[Artist] = []
        for k, one in enumerate(series):
            colour, dash = PALETTE[k % len(PALETTE)], DASHES[k % len(DASHES)]
            ys = _floats(one.values, n)
            if one.low is not None or one.high is not None:
                low = _floats(one.low or one.values, n)
                high = _floats(one.high or one.values, n)
                band = ax.fill_between(
                    xs, low, high, color=colour, alpha=0.18, linewidth=0, interpolate=False
                )
                band.set_gid(f"{chart_id}-band-{k}")
            (line,) = ax.plot(
                xs,
                ys,
                color=colour,
                linestyle=dash,
                linewidth=1.6,
                marker="o",
                markersize=3,
                markevery=_alone(ys),
            )
            line.set_gid(f"{chart_id}-line-{k}")
            # The legend's sample: the line's colour and dashes, without the dots.
            handles.append(Line2D([], [], color=colour, linestyle=dash, linewidth=1.6))
        ax.set_xlim(-0.5 if n == 1 else 0, max(n - 1, 0) + (0.5 if n == 1 else 0))
        if ticks:
            ax.set_xticks([i for i, _ in ticks], [labels.short(t) for _, t in ticks])
            drawn = ax.xaxis.get_major_ticks()
            labels.own(zip((t.label1 for t in drawn), (t for _, t in ticks), strict=True))
        ax.grid(True, color=_GRID, linewidth=0.6)
        _value_axis(ax, y_format, horizontal=False)
        _frame(fig, ax, labels, title=title, across=x_label, up=y_label)
        _legend(fig, labels, handles, [s.name for s in series])
        return _svg(fig, labels, chart_id, title)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    x_label: str,
    y_label: str,
    categories: Sequence[str],
    series: Sequence[Series],
    target: float | None = None,
    target_label: str = "",
    horizontal: bool = False,
    y_format: YFormat = "number",
    width: float = 9.0,
    height: float | None = None,
    empty: str = "—",
) -> str:
    """Grouped bars: one group per category, one bar per series (``series[k].values[i]`` for
    category ``i``), error bars from ``low`` to ``high``, and the dashed line of ``target``
    (e.g. the SLA's 0.8) named ``target_label`` in the legend. ``horizontal`` lays the bars
    across, for long category names, the first one on top; its height then grows with the
    categories unless given. ``x_label`` names the categories' axis, ``y_label`` the
    values'."""
    return _bars(
        chart_id=chart_id,
        title=title,
        x_label=x_label,
        y_label=y_label,
        categories=categories,
        series=series,
        target=target,
        target_label=target_label,
        horizontal=horizontal,
        stacked=False,
        y_format=y_format,
        width=width,
        height=height,
        empty=empty,
    )


def stacked_bar_chart(
    *,
    chart_id: str,
    title: str,
    x_label: str,
    y_label: str,
    categories: Sequence[str],
    series: Sequence[Series],
    y_format: YFormat = "number",
    width: float = 9.0,
    height: float | None = None,
    empty: str = "—",
) -> str:
    """One bar per category, the series stacked in it in their order (e.g. the load of each
    hour by channel). A series' ``low`` and ``high`` are not drawn (an interval of a part of
    a stack says nothing of the stack)."""
    return _bars(
        chart_id=chart_id,
        title=title,
        x_label=x_label,
        y_label=y_label,
        categories=categories,
        series=series,
        target=None,
        target_label="",
        horizontal=False,
        stacked=True,
        y_format=y_format,
        width=width,
        height=height,
        empty=empty,
    )


# -- bars ------------------------------------------------------------------------------------


def _bars(
    *,
    chart_id: str,
    title: str,
    x_label: str,
    y_label: str,
    categories: Sequence[str],
    series: Sequence[Series],
    target: float | None,
    target_label: str,
    horizontal: bool,
    stacked: bool,
    y_format: YFormat,
    width: float,
    height: float | None,
    empty: str,
) -> str:
    _check(chart_id, y_format)
    for one in series:
        if len(one.values) != len(categories):
            raise ValueError(
                f"series {one.name!r}: {len(one.values)} values for {len(categories)} categories"
            )
    n, m = len(categories), len(series)
    if height is None:
        height = 1.4 + n * (0.16 + (0.05 if stacked else 0.13) * m) if horizontal else 3.2
    with _figure(chart_id, width, height) as (fig, labels):
        ax = fig.add_subplot()
        if not any(_finite(v) is not None for s in series for v in s.values):
            return _empty(fig, ax, labels, title=title, note=empty)
        from matplotlib.patches import Patch

        group = 0.8
        thick = group if stacked else group / m
        base = [0.0] * n
        handles: list[Artist] = []
        for k, one in enumerate(series):
            colour, hatch = PALETTE[k % len(PALETTE)], HATCHES[k % len(HATCHES)]
            style: dict[str, Any] = {
                "color": colour,
                "hatch": hatch or None,
                "edgecolor": "#ffffff",
                "linewidth": 0.5,
            }
            handles.append(Patch(facecolor=colour, hatch=hatch or None, edgecolor="#ffffff"))
            present = [(i, v) for i, v in enumerate(map(_finite, one.values)) if v is not None]
            if not present:
                continue
            at = [i if stacked else i - group / 2 + thick * (k + 0.5) for i, _ in present]
            sizes = [v for _, v in present]
            bottoms = [base[i] for i, _ in present] if stacked else [0.0] * len(present)
            if horizontal:
                bars = ax.barh(at, sizes, height=thick, left=bottoms, **style)
            else:
                bars = ax.bar(at, sizes, width=thick, bottom=bottoms, **style)
            for (i, value), bar in zip(present, bars.patches, strict=True):
                bar.set_gid(f"{chart_id}-bar-{k}-{i}")
                base[i] += value
            if not stacked and (one.low is not None or one.high is not None):
                _error_bars(ax, chart_id, k, one, at=at, present=present, horizontal=horizontal)
        names = [s.name for s in series]
        if target is not None and math.isfinite(target):
            draw = ax.axvline if horizontal else ax.axhline
            line = draw(target, color=_INK, linestyle=(0, (5, 3)), linewidth=1.2)
            line.set_gid(f"{chart_id}-target")
            if target_label:
                handles.append(line)
                names.append(target_label)
        shown = [labels.short(c) for c in categories]
        if horizontal:
            ax.set_yticks(range(n), shown)
            ax.set_ylim(n - 0.5, -0.5)
            ax.tick_params(axis="y", length=0)
            drawn = ax.yaxis.get_major_ticks()
            labels.own(zip((t.label1 for t in drawn), categories, strict=True))
            ax.grid(True, axis="x", color=_GRID, linewidth=0.6)
            _frame(fig, ax, labels, title=title, across=y_label, up=x_label)
        else:
            ax.set_xticks(range(n), shown)
            ax.set_xlim(-0.5, n - 0.5)
            ax.tick_params(axis="x", length=0)
            if sum(len(c) + 2 for c in shown) * 6.0 > width * 72 * 0.85:
                for text in ax.get_xticklabels():
                    text.set(rotation=35, ha="right", rotation_mode="anchor")
            drawn = ax.xaxis.get_major_ticks()
            labels.own(zip((t.label1 for t in drawn), categories, strict=True))
            ax.grid(True, axis="y", color=_GRID, linewidth=0.6)
            _frame(fig, ax, labels, title=title, across=x_label, up=y_label)
        _value_axis(ax, y_format, horizontal=horizontal)
        _legend(fig, labels, handles, names)
        return _svg(fig, labels, chart_id, title)


def _error_bars(
    ax: Axes,
    chart_id: str,
    k: int,
    one: Series,
    *,
    at: Sequence[float],
    present: Sequence[tuple[int, float]],
    horizontal: bool,
) -> None:
    """Series ``k``'s error bars: from ``low`` to ``high`` around each bar that has one."""
    points: list[tuple[float, float, float, float]] = []
    for x, (i, value) in zip(at, present, strict=True):
        low = _finite(one.low[i]) if one.low is not None else None
        high = _finite(one.high[i]) if one.high is not None else None
        if low is None and high is None:
            continue
        below = max(0.0, value - low) if low is not None else 0.0
        above = max(0.0, high - value) if high is not None else 0.0
        points.append((x, value, below, above))
    if not points:
        return
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    spread = [[p[2] for p in points], [p[3] for p in points]]
    kinds: dict[str, Any] = {"xerr": spread} if horizontal else {"yerr": spread}
    container = ax.errorbar(
        ys if horizontal else xs,
        xs if horizontal else ys,
        **kinds,
        fmt="none",
        ecolor=_INK,
        elinewidth=0.9,
        capsize=2.5,
        capthick=0.9,
    )
    _, caps, lines = container.lines
    for collection in lines:
        collection.set_gid(f"{chart_id}-err-{k}")
    for c, cap in enumerate(caps):
        cap.set_gid(f"{chart_id}-err-{k}-cap-{c}")


# -- the parts every chart shares ----------------------------------------------------------------


@dataclass(slots=True)
class _Labels:
    """The caller's words drawn in one chart: each text artist given an id, and the whole
    text of each one drawn shortened kept (put back as its tooltip)."""

    chart_id: str
    tooltips: list[tuple[str, str]] = field(default_factory=list)
    """(gid, whole text) of each label drawn shortened."""
    count: int = 0

    @staticmethod
    def short(text: str, limit: int = LABEL_CHARS) -> str:
        """``text`` as drawn: printable, at most ``limit`` characters."""
        text = printable(text)
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

    def own(self, texts: Iterable[tuple[Text, str]]) -> None:
        """Give each text artist an id; keep the whole text (the second of each pair, the
        caller's words) of one drawn shortened."""
        for text, words in texts:
            self._name(text, words, "")

    def set(self, text: Text, words: str, limit: int = LABEL_CHARS, gid: str = "") -> None:
        """Set ``text``'s words (shortened) and own it (its id ``gid`` if given)."""
        text.set_text(self.short(words, limit))
        self._name(text, words, gid)

    def _name(self, text: Text, words: str, gid: str) -> None:
        if not gid:
            gid = f"{self.chart_id}-text-{self.count}"
            self.count += 1
        text.set_gid(gid)
        whole = printable(words)
        if text.get_text() != whole:
            self.tooltips.append((gid, whole))


def _check(chart_id: str, y_format: str) -> None:
    if _CHART_ID.fullmatch(chart_id) is None:
        raise ValueError(f"chart id {chart_id!r} is not [a-z][a-z0-9-]*")
    if y_format not in ("number", "percent"):
        raise ValueError(f"y_format {y_format!r} is not 'number' or 'percent'")


@contextmanager
def _figure(chart_id: str, width: float, height: float) -> Iterator[tuple[Figure, _Labels]]:
    """A figure on its own SVG canvas, inside matplotlib's settings for the charts."""
    try:
        import matplotlib
        from matplotlib.backends.backend_svg import FigureCanvasSVG
        from matplotlib.figure import Figure
    except ImportError as error:
        raise UsageError.of("error.report.matplotlib") from error
    with (
        matplotlib.rc_context(
            {
                "svg.fonttype": "none",
                # never "none" (which matplotlib reads as no salt: random ids)
                "svg.hashsalt": f"chart {chart_id}",
                "font.family": ["sans-serif"],
                "font.sans-serif": ["DejaVu Sans"],
                "font.size": 9.0,
                "text.parse_math": False,
                "text.usetex": False,
                "axes.edgecolor": "#888888",
                "axes.labelcolor": _INK,
                "axes.spines.top": False,
                "axes.spines.right": False,
                "xtick.color": "#555555",
                "ytick.color": "#555555",
                "xtick.labelcolor": _INK,
                "ytick.labelcolor": _INK,
                "hatch.linewidth": 0.6,
                "path.simplify": True,
            }
        ),
        warnings.catch_warnings(),
    ):
        # A glyph DejaVu Sans lacks (an emoji) is the reader's font's to draw: no warning.
        warnings.simplefilter("ignore")
        fig = Figure(figsize=(width, height), layout="constrained")
        FigureCanvasSVG(fig)
        yield fig, _Labels(chart_id)


def _frame(fig: Figure, ax: Axes, labels: _Labels, *, title: str, across: str, up: str) -> None:
    """The chart's title (bold, from the figure's left edge: as long as the width holds) and
    its axis labels: ``across`` the horizontal axis's, ``up`` the vertical one's."""
    if title:
        text = fig.suptitle("", x=0.005, ha="left", fontweight="bold", fontsize=10.5)
        labels.set(text, title, max(LABEL_CHARS, int(fig.get_figwidth() * 72 / 6.5)))
    if across:
        labels.set(ax.set_xlabel(""), across, _ACROSS_CHARS)
    if up:
        # as long as about two thirds of the height holds (9 px letters are ~5.4 pt wide)
        fits = int(fig.get_figheight() * 72 * 0.7 / 5.4)
        labels.set(ax.set_ylabel(""), up, max(20, min(LABEL_CHARS, fits)))


def _legend(fig: Figure, labels: _Labels, handles: Sequence[Artist], names: Sequence[str]) -> None:
    """The legend below the chart, one entry per series (and the target), in order."""
    if not handles:
        return
    shown = [labels.short(name) for name in names]
    # Handles and labels given both: a name that starts with "_" is kept too.
    legend = fig.legend(
        handles,
        shown,
        loc="outside lower center",
        ncols=min(len(shown), 4),
        frameon=False,
        handlelength=2.8,
    )
    legend.set_gid(f"{labels.chart_id}-legend")
    labels.own(zip(legend.get_texts(), names, strict=True))


def _value_axis(ax: Axes, y_format: YFormat, *, horizontal: bool) -> None:
    from matplotlib.ticker import PercentFormatter, ScalarFormatter

    axis = ax.xaxis if horizontal else ax.yaxis
    if y_format == "percent":
        axis.set_major_formatter(PercentFormatter(xmax=1.0))
    else:
        plain = ScalarFormatter(useOffset=False)
        plain.set_scientific(False)
        axis.set_major_formatter(plain)


def _empty(fig: Figure, ax: Axes, labels: _Labels, *, title: str, note: str) -> str:
    """The chart without data: its title and the note."""
    ax.set_axis_off()
    _frame(fig, ax, labels, title=title, across="", up="")
    text = ax.text(0.5, 0.5, "", ha="center", va="center", transform=ax.transAxes, color=_INK)
    labels.set(text, note, _ACROSS_CHARS, gid=f"{labels.chart_id}-empty")
    return _svg(fig, labels, labels.chart_id, title)


def _finite(value: float | None) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _floats(values: Sequence[float | None], n: int) -> list[float]:
    """``values`` as floats, NaN for no value, padded with NaN to ``n``."""
    out = [math.nan if (v := _finite(x)) is None else v for x in values]
    return out + [math.nan] * (n - len(out))


def _alone(ys: Sequence[float]) -> list[int]:
    """The points of a line without a neighbour (drawn as a dot: a line would not show)."""
    n = len(ys)
    return [
        i
        for i in range(n)
        if not math.isnan(ys[i])
        and (i == 0 or math.isnan(ys[i - 1]))
        and (i == n - 1 or math.isnan(ys[i + 1]))
    ]


# -- the SVG ---------------------------------------------------------------------------------

_TAG = re.compile(r"<[^!?][^>]*>")
_ID = re.compile(r'(\sid=")([^"]*)(")')
_REF = re.compile(r'(url\(#|href="#)([^)"]*)([)"])')
_PATH = re.compile(r'(\sd=")([^"]*)(")')
_NUMBER = re.compile(r"-?\d+\.\d+")
_ROOT = re.compile(r"<svg\b[^>]*>")
_ROOT_KEEP = re.compile(r'\s(xmlns(?::xlink)?|viewBox|version)="[^"]*"')


def _svg(fig: Figure, labels: _Labels, chart_id: str, title: str) -> str:
    """The figure as SVG to put inline in HTML (see the module's doc)."""
    buffer = io.StringIO()
    fig.savefig(
        buffer,
        format="svg",
        metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
    )
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    # Every id the chart's own: prefixed with chart_id (matplotlib's "figure_1", "patch_2"…
    # repeat in each chart), and every reference to one with it.
    prefix = f"{chart_id}-"

    def own(name: str) -> str:
        return name if name.startswith(prefix) else prefix + name

    def tag(match: re.Match[str]) -> str:
        inside = _ID.sub(lambda m: m[1] + own(m[2]) + m[3], match[0])
        inside = _PATH.sub(lambda m: m[1] + _short_path(m[2]) + m[3], inside)
        return _REF.sub(lambda m: m[1] + own(m[2]) + m[3], inside)

    text = _TAG.sub(tag, text)
    for gid, whole in labels.tooltips:
        opening = f'<g id="{gid}">'
        text = text.replace(opening, f"{opening}<title>{escape(whole)}</title>", 1)
    # matplotlib's one style rule, for this chart alone (inline, it would reach the page).
    text = text.replace('<style type="text/css">*{', f'<style type="text/css">#{chart_id} *{{', 1)
    root = _ROOT.search(text)
    assert root is not None
    kept = "".join(m[0] for m in _ROOT_KEEP.finditer(root[0]))
    opening = (
        f'<svg id="{chart_id}" class="chart" role="img" aria-labelledby="{chart_id}-title"'
        f'{kept} width="100%">\n <title id="{chart_id}-title">{escape(printable(title))}</title>'
    )
    return text[: root.start()] + opening + text[root.end() :]


def _short_path(d: str) -> str:
    """A path's data in half the bytes: coordinates to 0.01 pt, one space between tokens."""
    return " ".join(_NUMBER.sub(_round, d).split())


def _round(match: re.Match[str]) -> str:
    text = f"{float(match[0]):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
