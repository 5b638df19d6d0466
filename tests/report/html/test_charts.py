"""The report's charts: self-contained SVG to put inline in a page with a strict CSP.

Each chart is parsed (:mod:`xml.etree`) and its parts found by their ids: the bars, lines,
bands, error bars and target line the module's doc names."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cskh_org.errors import UsageError
from cskh_org.report.html import charts
from cskh_org.report.html.charts import Series, bar_chart, line_chart, stacked_bar_chart
from cskh_org.terminal import printable
from tests.conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

HOSTILE = (
    "<script>alert(\"x\")</script> & 'q' ]]> <![CDATA[ \x00\x01\x1b[31m\u202e $x$ "
    "Tổng đài 😀 " + "rất dài " * 12
)
"""A label that tries everything: markup, entities, CDATA end, control characters, a bidi
override, mathtext, Vietnamese, an emoji, and more than 40 characters."""


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _elements(root: ET.Element) -> Iterator[ET.Element]:
    yield from root.iter()


def _ids(root: ET.Element) -> list[str]:
    return [e.attrib["id"] for e in _elements(root) if "id" in e.attrib]


def _with_id(root: ET.Element, pattern: str) -> list[ET.Element]:
    matcher = re.compile(pattern)
    return [e for e in _elements(root) if matcher.fullmatch(e.attrib.get("id", ""))]


def _texts(root: ET.Element) -> list[str]:
    """The text of every ``<text>`` and ``<title>`` element."""
    return [
        "".join(e.itertext()) for e in _elements(root) if e.tag in (f"{SVG}text", f"{SVG}title")
    ]


def _week(n_series: int = 2, n: int = 168) -> list[Series]:
    return [
        Series(
            f"kênh {k}",
            tuple(None if i % 50 == 7 else float((i * (k + 3)) % 40) for i in range(n)),
            low=tuple(float((i * (k + 3)) % 40) - 2 for i in range(n)),
            high=tuple(float((i * (k + 3)) % 40) + 2 for i in range(n)),
        )
        for k in range(n_series)
    ]


def _line(chart_id: str = "load", **kwargs: object) -> str:
    arguments: dict[str, object] = {
        "chart_id": chart_id,
        "title": "Tải theo giờ",
        "x_label": "giờ",
        "y_label": "phiếu",
        "series": _week(),
        "ticks": [(24 * d, f"ngày {d + 1}") for d in range(7)],
    }
    arguments.update(kwargs)
    return line_chart(**arguments)  # type: ignore[arg-type]


def _sla(chart_id: str = "sla", **kwargs: object) -> str:
    arguments: dict[str, object] = {
        "chart_id": chart_id,
        "title": "Tỷ lệ đạt SLA",
        "x_label": "đơn vị",
        "y_label": "tỷ lệ",
        "categories": ["Hà Nội", "Sài Gòn", "Đà Nẵng"],
        "series": [
            Series("tuần 1", (0.7, None, 0.9), low=(0.65, None, 0.85), high=(0.75, None, 0.95)),
            Series("tuần 2", (0.8, 0.6, 0.85)),
        ],
        "target": 0.8,
        "target_label": "mục tiêu",
        "y_format": "percent",
    }
    arguments.update(kwargs)
    return bar_chart(**arguments)  # type: ignore[arg-type]


# -- the root, for a page ------------------------------------------------------------------------


@pytest.mark.parametrize("make", [_line, _sla])
def test_the_root_is_an_accessible_svg_sized_by_css(make: object) -> None:
    svg = make(chart_id="one")  # type: ignore[operator]
    assert svg.startswith("<svg ")
    assert "<?xml" not in svg
    assert "<!DOCTYPE" not in svg
    root = _parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.attrib["id"] == "one"
    assert root.attrib["class"] == "chart"
    assert root.attrib["role"] == "img"
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.attrib["viewBox"])
    assert root.attrib.get("width") == "100%"
    assert "height" not in root.attrib
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.attrib["id"] == root.attrib["aria-labelledby"]
    assert title.text in ("Tải theo giờ", "Tỷ lệ đạt SLA")


def test_text_stays_text_in_the_browsers_sans_serif() -> None:
    svg = _line()
    root = _parse(svg)
    assert "ngày 3" in _texts(root)
    assert "glyph" not in svg  # no text drawn as paths
    styles = [e.attrib.get("style", "") for e in _elements(root) if e.tag == f"{SVG}text"]
    assert styles
    assert all("font-family: 'DejaVu Sans', sans-serif" in style for style in styles)


def test_matplotlibs_style_rule_reaches_only_its_own_chart() -> None:
    root = _parse(_sla(chart_id="scoped"))
    rules = ["".join(e.itertext()) for e in _elements(root) if e.tag == f"{SVG}style"]
    assert rules
    assert all(rule.startswith("#scoped ") for rule in rules)


# -- structure -------------------------------------------------------------------------------


def test_a_line_chart_has_one_line_per_series_and_a_band_per_interval() -> None:
    series = [*_week(3), Series("không khoảng", (1.0, 2.0, None, 4.0))]
    root = _parse(_line(chart_id="lines", series=series))
    assert len(_with_id(root, r"lines-line-\d+")) == 4
    assert {e.attrib["id"] for e in _with_id(root, r"lines-band-\d+")} == {
        "lines-band-0",
        "lines-band-1",
        "lines-band-2",
    }
    assert "không khoảng" in _texts(root)  # each series named in the legend


def test_a_line_chart_labels_its_ticks() -> None:
    root = _parse(_line(ticks=[(0, "Thứ Hai"), (24, "Thứ Ba")]))
    texts = _texts(root)
    assert "Thứ Hai" in texts
    assert "Thứ Ba" in texts


def test_a_bar_chart_has_one_bar_per_value_given() -> None:
    root = _parse(_sla(chart_id="bars"))
    assert sorted(e.attrib["id"] for e in _with_id(root, r"bars-bar-\d+-\d+")) == [
        "bars-bar-0-0",
        "bars-bar-0-2",
        "bars-bar-1-0",
        "bars-bar-1-1",
        "bars-bar-1-2",
    ]


def test_error_bars_are_drawn_where_bounds_are_given_and_only_there() -> None:
    root = _parse(_sla(chart_id="err"))
    assert _with_id(root, r"err-err-0")
    assert _with_id(root, r"err-err-0-cap-\d+")
    assert not _with_id(root, r"err-err-1.*")
    without = _parse(_sla(chart_id="plain", series=[Series("tuần", (0.7, 0.8, 0.9))], target=None))
    assert not _with_id(without, r"plain-err-.*")


def test_the_target_is_a_dashed_line_named_in_the_legend() -> None:
    root = _parse(_sla(chart_id="goal"))
    (target,) = _with_id(root, "goal-target")
    paths = [e for e in target.iter() if e.tag == f"{SVG}path"]
    assert any("stroke-dasharray" in p.attrib.get("style", "") for p in paths)
    assert "mục tiêu" in _texts(root)
    assert not _with_id(_parse(_sla(chart_id="no", target=None)), "no-target")


def test_a_horizontal_chart_grows_with_its_categories() -> None:
    def height(n: int) -> float:
        svg = bar_chart(
            chart_id="across",
            title="t",
            x_label="x",
            y_label="y",
            categories=[f"đơn vị {i}" for i in range(n)],
            series=[Series("s", tuple(float(i) for i in range(n)))],
            horizontal=True,
        )
        root = _parse(svg)
        assert len(_with_id(root, r"across-bar-0-\d+")) == n
        return float(root.attrib["viewBox"].split()[3])

    assert height(12) > height(3)


def test_stacked_bars_stand_on_each_other() -> None:
    svg = stacked_bar_chart(
        chart_id="stack",
        title="Tải theo kênh",
        x_label="giờ",
        y_label="phiếu",
        categories=["08", "09"],
        series=[Series("điện thoại", (3.0, 4.0)), Series("email", (2.0, None))],
    )
    root = _parse(svg)
    assert len(_with_id(root, r"stack-bar-\d+-\d+")) == 3

    def box(gid: str) -> tuple[float, float, float, float]:
        (group,) = _with_id(root, gid)
        path = next(e for e in group.iter() if e.tag == f"{SVG}path")
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.attrib["d"])]
        xs, ys = numbers[0::2], numbers[1::2]
        return min(xs), max(xs), min(ys), max(ys)

    under, over = box("stack-bar-0-0"), box("stack-bar-1-0")
    assert over[:2] == under[:2]  # the same place along the axis
    assert over[3] == pytest.approx(under[2], abs=0.02)  # the top of one, the foot of the next
    # 3 and 2 tickets: the upper part two thirds of the lower one
    assert (over[3] - over[2]) / (under[3] - under[2]) == pytest.approx(2 / 3, rel=0.01)


def test_a_percent_axis_writes_shares_as_percentages() -> None:
    percent = _texts(_parse(_sla(chart_id="pc")))
    assert "80%" in percent
    number = _texts(_parse(_sla(chart_id="nb", y_format="number")))
    assert not any(t.endswith("%") for t in number if t != "mục tiêu")
    assert "0.8" in number


def test_bad_arguments_are_the_callers_mistake() -> None:
    for bad in ("", "Load", "1st", "a_b", "a b", "ä"):
        with pytest.raises(ValueError, match="chart id"):
            _line(chart_id=bad)
    with pytest.raises(ValueError, match="y_format"):
        _line(y_format="percentage")
    with pytest.raises(ValueError, match="categories"):
        _sla(series=[Series("s", (1.0,))])
    with pytest.raises(ValueError, match="bounds"):
        Series("s", (1.0, 2.0), low=(0.5,))


# -- the same bytes, ids of its own, nothing outside -----------------------------------------


@pytest.mark.parametrize("chart_id", ["load", "none"])  # "none" is not matplotlib's no-salt
def test_the_same_input_gives_the_same_bytes(chart_id: str) -> None:
    assert _line(chart_id) == _line(chart_id)
    assert _sla(chart_id) == _sla(chart_id)


def test_the_same_bytes_in_another_process() -> None:
    """No date, no creator, ids from the chart id: another interpreter (another hash seed)
    writes the same chart."""
    code = (
        "import json, sys\n"
        "from tests.report.html.test_charts import _line, _sla\n"
        "print(json.dumps([_line(), _sla()]))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env
    )
    assert json.loads(proc.stdout) == [_line(), _sla()]


def test_two_charts_in_one_page_share_no_id_and_each_refers_to_its_own() -> None:
    first, second = _line(chart_id="week"), _line(chart_id="week-2")
    page = _parse(f'<div xmlns="http://www.w3.org/2000/svg">{first}{second}</div>')
    ids = _ids(page)
    assert len(ids) == len(set(ids))
    for chart in page:
        own = set(_ids(chart))
        chart_id = chart.attrib["id"]
        assert all(i == chart_id or i.startswith(chart_id + "-") for i in own)
        for element in chart.iter():
            for value in element.attrib.values():
                for name in re.findall(r"url\(#([^)]*)\)", value):
                    assert name in own
            href = element.attrib.get(XLINK_HREF) or element.attrib.get("href")
            if href is not None:
                assert href[1:] in own


@pytest.mark.parametrize("make", [_line, _sla])
def test_nothing_outside_the_chart_is_referred_to(make: object) -> None:
    svg = make()  # type: ignore[operator]
    assert 'href="http' not in svg
    assert re.findall(r'href="([^#][^"]*)"', svg) == []
    assert re.findall(r"url\((?!#)", svg) == []
    assert "<script" not in svg
    assert "<image" not in svg
    assert "@import" not in svg


# -- the caller's words, as text -------------------------------------------------------------


def test_hostile_labels_come_out_as_text_never_markup() -> None:
    svg = bar_chart(
        chart_id="hostile",
        title=HOSTILE,
        x_label=HOSTILE,
        y_label=HOSTILE,
        categories=[HOSTILE, "b"],
        series=[Series(HOSTILE, (1.0, 2.0)), Series("_hidden", (2.0, 1.0))],
        target=1.5,
        target_label=HOSTILE,
    )
    root = _parse(svg)  # well-formed: nothing broke out
    tags = {e.tag for e in root.iter()}
    assert tags <= {f"{SVG}{name}" for name in ("svg", "g", "path", "text", "title", "defs")} | {
        f"{SVG}{name}" for name in ("style", "clipPath", "rect", "use", "pattern")
    }
    whole = printable(HOSTILE)
    texts = _texts(root)
    # each label is found whole (its tooltip, or the chart's title), never dropped
    assert texts.count(whole) >= 5
    # drawn shortened: a category or a name to 40 characters, the x label to 60, the title
    # and the y label to what the width and the height hold
    shortened = [t for t in texts if t.endswith("…")]
    lengths = {len(t) for t in shortened}
    assert {charts.LABEL_CHARS, 60} <= lengths
    assert min(lengths) >= 20
    assert all(len(t) <= 100 for t in texts if t != whole)
    assert all(whole.startswith(t[:-1]) for t in shortened)
    assert "\x1b" not in svg
    assert "\u202e" not in svg
    assert "_hidden" in texts  # a name starting with "_" is in the legend too


def test_each_shortened_label_keeps_its_own_whole_text_as_its_tooltip() -> None:
    """Two long names alike in their first 40 characters: each label its own tooltip."""
    north = "Trung tâm chăm sóc khách hàng khu vực miền Bắc — Hà Nội"
    port = "Trung tâm chăm sóc khách hàng khu vực miền Bắc — Hải Phòng"
    root = _parse(
        bar_chart(
            chart_id="alike",
            title="t",
            x_label="x",
            y_label="y",
            categories=[north, port],
            series=[Series(north, (1.0, 2.0)), Series(port, (2.0, 1.0))],
            horizontal=True,
        )
    )
    tooltips = []
    for group in root.iter(f"{SVG}g"):
        title, text = group.find(f"{SVG}title"), group.find(f"{SVG}text")
        if title is not None and text is not None:
            assert text.text is not None
            assert text.text.endswith("…")
            assert len(text.text) == charts.LABEL_CHARS
            tooltips.append(title.text)
    assert tooltips == [north, port, north, port]  # the categories, then the legend


def test_a_dollar_is_a_dollar_not_mathtext() -> None:
    root = _parse(_sla(categories=["$x$", "a$b", "$"]))
    texts = _texts(root)
    assert {"$x$", "a$b", "$"} <= set(texts)


# -- no data -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "series",
    [[], [Series("a", (None, None, None))], [Series("a", (float("nan"),) * 3)]],
    ids=["no series", "all None", "all NaN"],
)
def test_a_chart_without_data_says_so(series: list[Series]) -> None:
    for svg in (
        _line(chart_id="empty", series=series, empty="không có dữ liệu"),
        _sla(chart_id="empty", series=series, empty="không có dữ liệu"),
    ):
        root = _parse(svg)
        (note,) = _with_id(root, "empty-empty")
        assert "".join(note.itertext()).strip() == "không có dữ liệu"
        assert not _with_id(root, r"empty-(bar|line)-.*")
        assert root.attrib["role"] == "img"


# -- small, lazy, no global state --------------------------------------------------------------


def test_a_week_of_eight_series_stays_small() -> None:
    svg = _line(series=_week(8))
    assert len(svg) < 150_000
    assert len(_with_id(_parse(svg), r"load-line-\d+")) == 8


def test_matplotlibs_settings_are_left_as_they_were() -> None:
    import matplotlib

    # dict's own copy: the raw values (reading "backend" through rcParams would resolve it)
    before = dict.copy(matplotlib.rcParams)
    _line()
    _sla()
    assert dict.copy(matplotlib.rcParams) == before


def test_matplotlib_is_loaded_on_the_first_chart_and_never_pyplot() -> None:
    code = (
        "import json, sys\n"
        "from cskh_org.report.html import charts\n"
        "at_import = 'matplotlib' in sys.modules\n"
        "from tests.report.html.test_charts import _line\n"
        "_line()\n"
        "print(json.dumps([at_import, 'matplotlib' in sys.modules,"
        " 'matplotlib.pyplot' in sys.modules]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(proc.stdout) == [False, True, False]


def test_without_matplotlib_the_error_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(UsageError) as raised:
        _line()
    assert "pip install 'cskh-org[report]'" in str(raised.value)
    assert raised.value.said is not None
    assert "biểu đồ" in raised.value.said.vi


# -- any series ------------------------------------------------------------------------------

_VALUE = st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False))


@st.composite
def _bar_input(draw: st.DrawFn) -> tuple[list[str], list[Series]]:
    n = draw(st.integers(1, 12))
    categories = draw(st.lists(st.text(max_size=60), min_size=n, max_size=n))
    series = []
    for _ in range(draw(st.integers(0, 5))):
        name = draw(st.text(max_size=60))
        values = tuple(draw(st.lists(_VALUE, min_size=n, max_size=n)))
        bounds = draw(st.booleans())
        low = tuple(None if v is None else v - 1 for v in values) if bounds else None
        series.append(Series(name, values, low=low, high=low))
    return categories, series


@settings(max_examples=40, deadline=None)
@given(_bar_input(), st.booleans(), st.booleans())
def test_any_bars_are_valid_svg_with_one_bar_per_value(
    drawn: tuple[list[str], list[Series]], horizontal: bool, stacked: bool
) -> None:
    categories, series = drawn
    common = {
        "chart_id": "any",
        "title": "t",
        "x_label": "x",
        "y_label": "y",
        "categories": categories,
        "series": series,
    }
    if stacked:
        svg = stacked_bar_chart(**common)  # type: ignore[arg-type]
    else:
        svg = bar_chart(**common, horizontal=horizontal, target=0.5)  # type: ignore[arg-type]
    root = _parse(svg)
    expected = {
        f"any-bar-{k}-{i}"
        for k, one in enumerate(series)
        for i, value in enumerate(one.values)
        if value is not None
    }
    assert {e.attrib["id"] for e in _with_id(root, r"any-bar-\d+-\d+")} == expected
    assert len(_with_id(root, r"any-bar-\d+-\d+")) == len(expected)
    ids = _ids(root)
    assert len(ids) == len(set(ids))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(_VALUE, max_size=60), max_size=4), st.text(max_size=60))
def test_any_lines_are_valid_svg_with_one_line_per_series(
    values: list[list[float | None]], name: str
) -> None:
    series = [Series(name, tuple(v)) for v in values]
    root = _parse(_line(chart_id="any", series=series, ticks=[(0, name)]))
    if any(v is not None for vs in values for v in vs):
        assert len(_with_id(root, r"any-line-\d+")) == len(series)
        shown = printable(name)
        assert shown in _texts(root) or not shown or len(shown) > charts.LABEL_CHARS
    else:
        assert _with_id(root, "any-empty")
