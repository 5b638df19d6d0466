"""The review-meeting report's page: one self-contained file, every number traceable to the
JSON document of the same run, every user-written text escaped."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cskh_org.report.html.facts import Facts
from cskh_org.report.html.page import SECTIONS, pointer, report_page, resolve
from cskh_org.words import say
from tests.report.html.conftest import large_facts

MAX_BYTES = 2 * 1024 * 1024


@dataclass
class Tagged:
    pointer: str
    kind: str
    scale: float
    text: str = ""


@dataclass
class Parsed(HTMLParser):
    """What the tests read off a page: the tagged numbers, the scripts, the sections and
    every attribute that could make the browser fetch something."""

    tagged: list[Tagged] = field(default_factory=list)
    scripts: list[tuple[dict[str, str | None], str]] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)
    metas: list[dict[str, str | None]] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    _open: list[Tagged] = field(default_factory=list)
    _script: dict[str, str | None] | None = None
    _text: list[str] = field(default_factory=list)
    _h2: bool = False

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.add(tag)
        for name in ("href", "src", "xlink:href", "action", "srcset", "poster", "data"):
            if a.get(name) is not None:
                self.links.append((tag, name, str(a[name])))
        if tag == "meta":
            self.metas.append(a)
        if tag == "section":
            self.sections.append(str(a.get("id")))
        if tag == "h2":
            self._h2, self._text = True, []
        if tag == "script":
            self._script, self._text = a, []
        if tag == "span" and "data-json" in a:
            self._open.append(
                Tagged(str(a["data-json"]), str(a["data-kind"]), float(a.get("data-scale") or 1))
            )

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None
        if tag == "h2" and self._h2:
            self.titles.append("".join(self._text))
            self._h2 = False
        if tag == "span" and self._open:
            self.tagged.append(self._open.pop())

    def handle_data(self, data: str) -> None:
        if self._script is not None or self._h2:
            self._text.append(data)
        for t in self._open:
            t.text += data


def parse(text: str) -> Parsed:
    parsed = Parsed()
    parsed.feed(text)
    parsed.close()
    return parsed


def embedded(parsed: Parsed) -> Any:
    (data,) = [body for attrs, body in parsed.scripts if attrs.get("id") == "report-data"]
    return json.loads(data)


def shown_number(text: str, kind: str, lang: str) -> tuple[Decimal, int]:
    """The number a cell shows, read back as the language writes it, and its decimals."""
    body = re.sub(r"[^\d,.\-]", "", text.replace("−", "-"))
    group, point = (".", ",") if lang == "vi" else (",", ".")
    body = body.replace(group, "").replace(point, ".")
    digits = len(body.split(".")[1]) if "." in body else 0
    value = Decimal(body)
    return (value / 100 if kind == "pct" else value), digits + (2 if kind == "pct" else 0)


def check_traceable(html_text: str, lang: str) -> int:
    """Every tagged number shows the value at its pointer in the embedded JSON (rounded as
    shown); the count of numbers checked."""
    parsed = parse(html_text)
    data = embedded(parsed)
    assert parsed.tagged
    for tag in parsed.tagged:
        value = resolve(data, tag.pointer)
        assert value is not None, tag
        shown, digits = shown_number(tag.text, tag.kind, lang)
        expected = Decimal(str(value)) / Decimal(str(tag.scale))
        assert abs(shown - expected) <= Decimal(5) / Decimal(10) ** (digits + 1) + Decimal(
            "1e-9"
        ), (tag, value)
    return len(parsed.tagged)


def test_large_report_is_one_file_under_2_mb(large_report: tuple[Facts, Path]) -> None:
    _, path = large_report
    size = path.stat().st_size
    assert 100_000 < size < MAX_BYTES


def test_every_number_is_traceable_to_the_json(large_report: tuple[Facts, Path]) -> None:
    facts, path = large_report
    text = path.read_text("utf-8")
    assert embedded(parse(text)) == facts.data  # the page carries the --json document
    assert check_traceable(text, "vi") > 300


def test_english_numbers_are_traceable_too(large_report: tuple[Facts, Path]) -> None:
    facts, _ = large_report
    text = report_page(facts, lang="en")
    assert check_traceable(text, "en") > 300
    assert parse(text).titles[:2] == [say("page.section.summary", "en"), "Org chart"]


def test_nothing_is_fetched(large_report: tuple[Facts, Path]) -> None:
    _, path = large_report
    parsed = parse(path.read_text("utf-8"))
    for tag, name, value in parsed.links:
        assert value.startswith("#"), (tag, name, value)  # in-page links only
    assert not parsed.tags & {"link", "img", "iframe", "object", "embed", "base", "form"}
    text = path.read_text("utf-8")
    assert "@import" not in text
    assert not re.search(r"url\((?!#)", text)  # CSS may point at in-page ids only


def test_content_security_policy_lets_in_only_the_one_script(
    large_report: tuple[Facts, Path],
) -> None:
    _, path = large_report
    parsed = parse(path.read_text("utf-8"))
    (csp,) = [
        m["content"] for m in parsed.metas if m.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp is not None
    rules = dict(r.strip().split(" ", 1) for r in csp.split(";"))
    assert rules["default-src"] == "'none'"
    executed = [body for attrs, body in parsed.scripts if "type" not in attrs]
    assert len(executed) == 1
    digest = base64.b64encode(hashlib.sha256(executed[0].encode()).digest()).decode()
    assert rules["script-src"] == f"'sha256-{digest}'"
    data_scripts = [a.get("type") for a, _ in parsed.scripts if "type" in a]
    assert data_scripts
    assert set(data_scripts) == {"application/json"}


def test_sections_in_order_with_titles(large_report: tuple[Facts, Path]) -> None:
    _, path = large_report
    parsed = parse(path.read_text("utf-8"))
    assert parsed.sections == [s for s in SECTIONS if s != "review"]
    assert parsed.titles == [say(f"page.section.{s}", "vi") for s in parsed.sections]


def test_every_finding_is_shown_grouped(large_report: tuple[Facts, Path]) -> None:
    facts, path = large_report
    text = path.read_text("utf-8")
    findings = [f for file in facts.data["validation"]["files"] for f in file["findings"]]
    assert findings  # the large example has notes (the fall-through)
    for i, file in enumerate(facts.data["validation"]["files"]):
        for j, _ in enumerate(file["findings"]):
            assert f'data-json="{pointer("validation", "files", i, "findings", j)}"' in text


def test_charts_are_inline_svg(large_report: tuple[Facts, Path]) -> None:
    _, path = large_report
    text = path.read_text("utf-8")
    for chart in ("chart-waits", "chart-sla", "chart-load", "chart-cost"):
        assert f'id="{chart}"' in text


def test_org_chart_and_its_tree(large_report: tuple[Facts, Path]) -> None:
    facts, path = large_report
    text = path.read_text("utf-8")
    parsed = parse(text)
    (tree,) = [json.loads(b) for a, b in parsed.scripts if a.get("id") == "org-tree"]
    nodes = tree["nodes"]
    assert len(nodes) == facts.data["department"]["units"]
    assert sum(1 for n in nodes.values() if n["parent"] is None) == 1
    for name in nodes:
        assert f"<title>{name}</title>" in facts.org_svg  # every unit is drawn
    for key in ("org-search", "org-search-count", "org-expand", "org-collapse", "org-chart"):
        assert f'id="{key}"' in text


def test_without_a_workload_the_parts_that_need_one_say_so() -> None:
    from cskh_org.loading.versions import load_version
    from cskh_org.report.html.facts import report_facts
    from tests.report.html.conftest import LARGE

    facts = report_facts(load_version(str(LARGE / "department.yaml")), lang="en")
    assert facts.data["staffing"] is None
    assert facts.data["simulation"] is None
    text = report_page(facts, lang="en")
    assert text.count(say("page.needs-workload", "en")) == 3  # SLA, staffing, simulation
    assert "chart-waits" not in text
    check_traceable(text, "en")


def test_no_simulate_keeps_the_staffing() -> None:
    facts = large_facts("en", simulate=False)
    assert facts.data["simulation"] is None
    assert facts.data["staffing"] is not None
    text = report_page(facts, lang="en")
    assert say("page.not-simulated", "en") in text


# -- hostile text -----------------------------------------------------------------------------


HOSTILE = '<script>alert("x")</script> & </script><!-- ]]> \' "'


def _hostile_department(tmp_path: Path) -> Path:
    import shutil

    from tests.conftest import EXAMPLES

    folder = tmp_path / "small"
    shutil.copytree(EXAMPLES / "small", folder)
    doc = folder / "department.yaml"
    text = doc.read_text("utf-8")
    name = json.dumps(HOSTILE)  # a YAML double-quoted scalar
    text, n = re.subn(r"(?m)^(\s+)name: .*$", lambda m: f"{m.group(1)}name: {name}", text)
    assert n
    doc.write_text(text, "utf-8")
    return doc


def test_hostile_names_are_escaped(tmp_path: Path) -> None:
    from cskh_org.loading.versions import load_version
    from cskh_org.report.html.facts import report_facts

    doc = _hostile_department(tmp_path)
    facts = report_facts(load_version(str(doc)), lang="en")
    text = report_page(facts, lang="en")
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert" in text
    parsed = parse(text)
    assert len(parsed.scripts) == 3  # report data, org tree, the one script: none injected
    assert HOSTILE in set(_strings(embedded(parsed)))  # nothing dropped
    unit = facts.data["org"]["nodes"]
    assert any(n["name"] == HOSTILE for n in unit.values())


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@given(st.text(max_size=40))
def test_pointer_round_trips(key: str) -> None:
    data = {"a": {key: [1, {"b": key}]}}
    assert resolve(data, pointer("a", key, 1, "b")) == key


def _with_units(facts: Facts, n: int) -> Facts:
    """``facts`` with a budget of ``n`` units, unit ``u{i}`` planned ``i + 1`` million and
    staffed for half that (a national department's chart, without loading one)."""
    import copy
    import dataclasses

    data = copy.deepcopy(facts.data)
    rows = [{"unit": f"u{i}", "amount": str((i + 1) * 1_000_000)} for i in range(n)]
    data["budget"]["by_unit"]["rows"] = rows
    data["department"]["unit_staff_cost_year"] = {f"u{i}": str((i + 1) * 500_000) for i in range(n)}
    return dataclasses.replace(facts, data=data)


def _labels(svg: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S)]


def test_a_cost_chart_of_many_units_draws_the_costliest_and_sums_the_rest(
    large_report: tuple[Facts, Path],
) -> None:
    """Past TOP_BARS units, the costliest by plan are drawn, the others summed in one bar
    named with their number, and the caption says so; the JSON keeps every unit."""
    from cskh_org.report.html.page import TOP_BARS, _cost_chart, _Page

    facts = _with_units(large_report[0], TOP_BARS + 15)
    html = _cost_chart(_Page(facts, "en"), {})
    labels = _labels(html)
    shown = [f"u{i}" for i in range(15, TOP_BARS + 15)]  # the 30 largest plans
    assert [label for label in labels if re.fullmatch(r"u\d+", label)] == shown
    assert "15 other units" in labels
    assert "the 30 units of 45 with the largest plan, the others summed in one bar" in html
    assert len(facts.data["budget"]["by_unit"]["rows"]) == TOP_BARS + 15


def test_a_cost_chart_of_few_units_draws_every_unit(large_report: tuple[Facts, Path]) -> None:
    from cskh_org.report.html.page import TOP_BARS, _cost_chart, _Page

    facts = _with_units(large_report[0], TOP_BARS)
    html = _cost_chart(_Page(facts, "en"), {})
    assert [x for x in _labels(html) if re.fullmatch(r"u\d+", x)] == [
        f"u{i}" for i in range(TOP_BARS)
    ]
    assert "other units" not in html
    assert "largest plan" not in html


def test_an_sla_chart_of_many_units_draws_the_lowest(large_report: tuple[Facts, Path]) -> None:
    from cskh_org.report.html.page import TOP_BARS, _Page, _sla_chart

    def unit(share: float) -> dict[str, Any]:
        return {"sla": {"first_response": {"mean": share, "half_width": 0.01}}}

    n = TOP_BARS + 10
    by_unit = {f"u{i:02d}": unit(0.5 + i / 100) for i in range(n)}  # u00 lowest
    html = _sla_chart(_Page(large_report[0], "en"), by_unit, {})
    drawn = [x for x in _labels(html) if re.fullmatch(r"u\d+", x)]
    assert drawn == [f"u{i:02d}" for i in range(TOP_BARS)]
    assert f"the {TOP_BARS} units of {n} lowest in" in html
