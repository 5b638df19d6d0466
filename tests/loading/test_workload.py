"""Loading a workload document: parse, build and check stages, every finding located."""

from __future__ import annotations

import datetime
import json
import textwrap
from functools import cache
from pathlib import Path

import pytest

from cskh_org.errors import DocumentInvalid, SourceError
from cskh_org.findings import Finding, Severity
from cskh_org.loading import (
    Limits,
    WorkloadResult,
    load_workload,
    load_workload_text,
    validate,
    validate_text,
)
from cskh_org.loading.build import build_department, build_model
from cskh_org.loading.source import parse_text
from cskh_org.model import Department
from cskh_org.model.workload import Lognormal, Workload
from tests.conftest import EXAMPLES

HEADER = """\
version: 1
id: tuan_thu
department: dien_may_minh_an
start: 2027-06-07T00:00:00+07:00
"""
BODY = """\
streams:
  - id: calls
    rate: 2
    attributes: {channel: phone}
    mix:
      category: {question: 4, complaint: 1}
service:
  - {unit: cskh, time: {kind: lognormal, mean: 6m, sd: 4m}}
"""


@cache
def small() -> Department:
    return validate(EXAMPLES / "small" / "department.yaml").unwrap()


def load(text: str, department: Department | None = None) -> WorkloadResult:
    return load_workload_text(textwrap.dedent(text), department or small(), name="w.yaml")


def codes(result: WorkloadResult) -> list[str]:
    return [f.code for f in result.findings]


def at(result: WorkloadResult, code: str) -> Finding:
    [finding] = [f for f in result.findings if f.code == code]
    return finding


def where(finding: Finding) -> tuple[int, int]:
    assert finding.location is not None
    return finding.location.line, finding.location.column


# -- a good workload ---------------------------------------------------------------------------


def test_a_valid_workload_loads_into_typed_models() -> None:
    """A valid workload builds: durations are timedeltas, distributions typed by `kind`."""
    result = load(HEADER + BODY)
    assert result.findings == ()
    workload = result.unwrap(strict=True)
    assert workload.start == datetime.datetime(
        2027, 6, 7, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
    )
    time_ = workload.service[0].time
    assert isinstance(time_, Lognormal)
    assert time_.mean == datetime.timedelta(minutes=6)
    assert workload.streams[0].mix == {"category": {"question": 4, "complaint": 1}}


def test_load_workload_reads_a_file(tmp_path: Path) -> None:
    """`load_workload` reads a file and names it in every finding's location."""
    path = tmp_path / "workload.yaml"
    path.write_text(HEADER + BODY.replace("rate: 2", "rate: -2"), "utf-8")
    result = load_workload(path, small())
    finding = at(result, "invalid-value")
    assert finding.location is not None
    assert finding.location.file == str(path)
    assert where(finding) == (7, 11)
    assert result.workload is None


def test_without_a_department_only_the_model_is_built() -> None:
    """With no department the workload is built but not checked (unknown units pass)."""
    result = load_workload_text(HEADER + BODY.replace("unit: cskh", "unit: nobody"), None)
    assert result.ok(strict=True)


def test_a_vietnamese_workload_keeps_its_labels() -> None:
    """Vietnamese display names load as written, and are checked against a department whose
    labels are all in Vietnamese."""
    large = validate(EXAMPLES / "large" / "department.yaml").unwrap()
    text = """\
    version: 1
    id: tet_2028
    name: {vi: Tuần cao điểm trước Tết Mậu Thân}
    department: sao_mai_cskh
    start: 2028-01-17T00:00:00+07:00
    streams:
      - id: goi_tong_dai
        rate: 30
        attributes: {channel: phone, category: question, region: south}
    service:
      - {unit: support_hotline, time: {kind: lognormal, mean: 5m, sd: 3m}}
      - {unit: support, time: {kind: gamma, mean: 12m, sd: 8m}}
      - {unit: cskh, time: {kind: gamma, mean: 30m, sd: 15m}}
    holders:
      - {holder: head_of_sales, turnaround: {kind: lognormal, mean: 1d, sd: 12h}}
      - {holder: board, turnaround: {kind: gamma, mean: 3d, sd: 1d}}
    """
    result = load(text, large)
    workload = result.unwrap(strict=True)
    assert workload.name == {"vi": "Tuần cao điểm trước Tết Mậu Thân"}


def test_a_vietnamese_id_is_a_located_finding() -> None:
    """An id written with Vietnamese letters is `invalid-id` at its place: ids stay ASCII."""
    result = load(HEADER.replace("id: tuan_thu", "id: tuần_thứ") + BODY)
    assert where(at(result, "invalid-id")) == (2, 5)


# -- located build findings --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "code", "place"),
    [
        (("rate: 2", "rate: 0"), "invalid-value", (7, 11)),
        (("mean: 6m", "mean: 6"), "invalid-value", (12, 48)),
        (("mean: 6m", "mean: 6 phút"), "invalid-value", (12, 48)),
        (("kind: lognormal", "kind: weibull"), "invalid-value", (12, 24)),
        (("    rate: 2\n", ""), "missing-field", (6, 5)),
        (("rate: 2", "rates: 2"), "unknown-key", (7, 5)),
    ],
    ids=["zero-rate", "no-unit", "vietnamese-unit", "unknown-kind", "no-rate", "typo"],
)
def test_model_errors_are_located(
    change: tuple[str, str], code: str, place: tuple[int, int]
) -> None:
    """Every pydantic error is a finding with its code at the line and column it is about."""
    result = load(HEADER + BODY.replace(*change))
    assert result.workload is None
    assert where(at(result, code)) == place


def test_a_naive_start_is_reported_at_the_document() -> None:
    """A `start` without a UTC offset is an error that says to add one."""
    result = load(HEADER.replace("+07:00", "") + BODY)
    [finding] = result.findings
    assert finding.code == "invalid-value"
    assert "UTC offset" in finding.message


def test_probabilities_must_sum_to_one() -> None:
    """A holder whose outcomes do not sum to 1 is an error at that holder."""
    text = HEADER + BODY + "holders:\n  - {holder: cskh, resolve: 0.8, escalate: 0.1}\n"
    finding = at(load(text), "invalid-value")
    assert "sum to 0.9" in finding.message
    assert where(finding) == (14, 5)


def test_include_is_an_unknown_key() -> None:
    """A workload has no includes: `include` is reported as an unknown key."""
    result = load("include: [other.yaml]\n" + HEADER + BODY)
    assert where(at(result, "unknown-key")) == (1, 1)


def test_unwrap_raises_with_every_finding() -> None:
    """`unwrap` raises DocumentInvalid holding all findings; `strict` also fails on warnings."""
    broken = load(HEADER + BODY.replace("rate: 2", "rate: -1").replace("mean: 6m", "mean: 6"))
    with pytest.raises(DocumentInvalid) as info:
        broken.unwrap()
    assert len(info.value.findings) == 2
    warned = load(HEADER + BODY + "holders:\n  - {holder: cskh, resolve: 0.5, partner: 0.5}\n")
    assert warned.ok()
    assert not warned.ok(strict=True)
    assert warned.unwrap() is warned.workload
    with pytest.raises(DocumentInvalid):
        warned.unwrap(strict=True)


def test_check_findings_are_sorted_and_located() -> None:
    """Check findings carry their severity, path and place, in reading order."""
    text = HEADER + BODY.replace("unit: cskh", "unit: ban_cskh")
    text += "patience:\n  fax: {kind: exponential, mean: 1h}\n"
    text += "holders:\n  - {holder: cskh, resolve: 0.5, escalate: 0.5}\n"
    result = load(text)
    assert [(f.code, f.severity, where(f), f.path) for f in result.findings] == [
        ("workload-no-service-time", Severity.ERROR, (6, 5), ("streams", 0)),
        ("workload-unknown-unit", Severity.ERROR, (12, 12), ("service", 0, "unit")),
        ("workload-attribute-value", Severity.ERROR, (14, 3), ("patience", "fax")),
        ("workload-no-manual-step", Severity.WARNING, (16, 44), ("holders", 0, "escalate")),
    ]


def test_patience_channel_is_located_at_its_key() -> None:
    """A `patience` channel the department lacks is reported at the key itself."""
    text = HEADER + BODY + "patience:\n  fax: {kind: exponential, mean: 1h}\n"
    finding = at(load(text), "workload-attribute-value")
    assert finding.path == ("patience", "fax")
    assert where(finding) == (14, 3)
    assert finding.severity is Severity.ERROR


# -- special days -----------------------------------------------------------------------------

SPECIAL = """\
profiles:
  - id: office_week
    days: {sun: 0.5}
    special_days:
      calendar: office_hours
      holiday: 0.3
      before: [1.6, 1.3]
      after: [1.8, 1.2]
      dates:
        - {date: 2027-02-14, factor: 1.5, name: {vi: Lễ tình nhân, en: Valentine's Day}}
"""
"""A profile whose rate changes around the holidays of the small example's office calendar."""


def _special(text: str = SPECIAL) -> str:
    return HEADER + text + BODY.replace("    rate: 2\n", "    rate: 2\n    profile: office_week\n")


def test_special_days_load_and_round_trip() -> None:
    """A profile's `special_days` load into typed models (dates as dates), pass the checks
    against the department, and come back equal from their JSON dump, as a model and as a
    document (JSON is YAML)."""
    result = load(_special())
    workload = result.unwrap(strict=True)
    special = workload.profiles[0].special_days
    assert special is not None
    assert (special.calendar, special.holiday, special.before, special.after) == (
        "office_hours",
        0.3,
        (1.6, 1.3),
        (1.8, 1.2),
    )
    assert special.dates[0].date == datetime.date(2027, 2, 14)
    assert special.dates[0].name == {"vi": "Lễ tình nhân", "en": "Valentine's Day"}
    assert Workload.model_validate_json(workload.model_dump_json()) == workload
    again = load(json.dumps(workload.model_dump(mode="json"), ensure_ascii=False))
    assert again.unwrap(strict=True) == workload


def test_an_unknown_special_days_calendar_is_located() -> None:
    """A `special_days` calendar the department does not define is an error at the line and
    column of its id, with the nearest calendar suggested."""
    result = load(_special(SPECIAL.replace("calendar: office_hours", "calendar: ofice_hours")))
    finding = at(result, "workload-unknown-calendar")
    assert finding.severity is Severity.ERROR
    assert finding.path == ("profiles", 0, "special_days", "calendar")
    assert where(finding) == (9, 17)
    assert "calendar `ofice_hours`" in finding.message
    assert "did you mean `office_hours`" in finding.message
    assert "`ofice_hours`" in finding.message_vi
    assert [f.code for f in result.findings] == ["workload-unknown-calendar"]


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (("before: [1.6, 1.3]", "before: [" + ", ".join(["1"] * 15) + "]"), (11, 15)),
        (("holiday: 0.3", "holiday: -0.3"), (10, 16)),
        (("holiday: 0.3", "holiday: 1001"), (10, 16)),
        (("after: [1.8, 1.2]", "after: [1.8, soon]"), (12, 20)),
        (("date: 2027-02-14,", "date: 2027-02-14, until: 2027-02-13,"), (14, 11)),
        (("      calendar: office_hours\n", ""), (9, 7)),
    ],
    ids=["15-before", "negative", "over-1000", "text", "until-before-date", "no-calendar"],
)
def test_special_days_bounds_are_located(change: tuple[str, str], place: tuple[int, int]) -> None:
    """Lists of at most 14 factors, each a number from 0 to 1000, ranges in order and a
    calendar always named: anything else is an error at its place."""
    result = load(_special(SPECIAL.replace(*change)))
    assert result.workload is None
    [finding] = result.findings
    assert finding.code in {"invalid-value", "missing-field"}
    assert where(finding) == place


# -- hostile input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("streams: [\n", "yaml-syntax"),
        ("id: a\nid: b\n", "duplicate-key"),
        ("", "empty-document"),
        ("- id: a\n", "not-a-mapping"),
        ("id: !!python/object:os.system x\n", "yaml-tag"),
        ("a: &a [1]\n---\nb: 2\n", "yaml-multiple-documents"),
        ("id: x\x00\n", "yaml-syntax"),
        ("[" * 200 + "]" * 200, "yaml-too-deep"),
    ],
    ids=["syntax", "duplicate", "empty", "list", "tag", "two-docs", "nul", "deep"],
)
def test_hostile_text_gives_findings(text: str, code: str) -> None:
    """Malformed or malicious YAML is a finding with a place, never a traceback."""
    result = load_workload_text(text, small(), name="evil.yaml")
    assert code in codes(result)
    assert result.workload is None
    assert all(f.location is not None for f in result.findings)


def test_duplicate_key_is_at_the_second_key() -> None:
    """A key written twice is reported where it is written again."""
    result = load(HEADER + BODY + "warmup: 1d\nwarmup: 2d\n")
    assert where(at(result, "duplicate-key")) == (14, 1)
    assert not result.ok()


def test_alias_bomb_is_bounded() -> None:
    """A billion-laughs document stops at the node limit with a finding."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    result = load_workload_text("\n".join(lines) + "\n", small())
    assert "yaml-too-large" in codes(result)


def test_file_over_the_size_limit_is_a_source_error(tmp_path: Path) -> None:
    """A file over `Limits.max_bytes` is refused before it is read, as a SourceError."""
    path = tmp_path / "huge.yaml"
    path.write_text(HEADER + "#" * 5000 + "\n", "utf-8")
    with pytest.raises(SourceError, match="over the limit"):
        load_workload(path, small(), limits=Limits(max_bytes=1000))


def test_a_missing_file_is_a_source_error(tmp_path: Path) -> None:
    """A path to nothing is a SourceError naming the file."""
    with pytest.raises(SourceError, match="no such file"):
        load_workload(tmp_path / "absent.yaml", small())


def test_a_huge_workload_loads_and_checks() -> None:
    """Five thousand streams (each mixing two attributes) load and check clean."""
    streams = "".join(
        f"  - {{id: s{i}, rate: 0.0001, attributes: {{channel: phone}}, "
        f"mix: {{category: {{question: 1, order: 1}}, priority: {{low: 1, high: 1}}}}}}\n"
        for i in range(5000)
    )
    text = HEADER + "streams:\n" + streams + BODY.split("service:\n", 1)[1].join(["service:\n", ""])
    result = load_workload_text(text, small())
    assert result.ok(strict=True), [str(f) for f in result.findings][:3]
    assert result.workload is not None
    assert len(result.workload.streams) == 5000


def test_non_utf8_bytes_are_an_encoding_finding(tmp_path: Path) -> None:
    """A workload saved in a legacy Vietnamese code page is an `encoding` finding."""
    path = tmp_path / "cp1258.yaml"
    path.write_bytes(HEADER.encode() + "name: {vi: Chăm sóc}\n".encode("cp1258") + BODY.encode())
    result = load_workload(path, small())
    assert codes(result) == ["encoding"]


# -- the shared build stage --------------------------------------------------------------------


def test_build_department_is_build_model_for_department() -> None:
    """`build_department` gives what `build_model(Department, …)` gives, findings included."""
    text = (EXAMPLES / "small" / "department.yaml").read_text("utf-8")
    broken = text.replace("currency: VND", "currency: VNDX")
    for source in (text, broken):
        tree = parse_text(source, "d.yaml").data
        assert build_department(tree, tree) == build_model(Department, tree, tree)
    assert [f.code for f in validate_text(broken).findings] == ["invalid-currency"]
