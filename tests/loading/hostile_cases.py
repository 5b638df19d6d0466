"""Hostile department documents, shared by the test (tests/loading/test_hostile.py: the
command rejects each with the right exit code and one-line reasons) and the benchmark
(benchmarks/bench_hostile.py: each is rejected within 2 s and 200 MB).

Each case of :data:`CASES` writes its files under a folder and says what ``cskh-org
validate`` must answer: the exit code (1 findings, 2 unreadable input) and a finding code
(or, for exit 2, a phrase of the one-line message). Each case of :data:`COMMANDS` is a
hostile call of another command (``sla``, ``simulate``, ``route``, ``budget``): its arguments,
the exit code and a phrase of what it prints on standard error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

BASE = """\
version: 1
id: cskh
name: {vi: Chăm sóc khách hàng, en: Customer care}
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - id: care_agent
    title: {vi: Nhân viên CSKH, en: Care agent}
    monthly_cost: 12000000 VND
units:
  - id: cskh
    name: {vi: Chăm sóc khách hàng, en: Customer care}
    head: care_agent
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    channels: [phone, email]
    staff:
      - role: care_agent
"""
UNIT_NAME = "    name: {vi: Chăm sóc khách hàng, en: Customer care}\n"


# -- the hostile files -------------------------------------------------------------------------

Make = Callable[[Path], str]
"""Writes the case's files under a folder; returns the path to validate, relative to it."""


def write(folder: Path, name: str, data: str | bytes) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return name


def _malformed(folder: Path) -> str:
    return write(folder, "d.yaml", BASE.replace("en: Customer care}\ncurrency", "en: Care\ncur", 1))


def _tabs(folder: Path) -> str:
    return write(folder, "d.yaml", BASE.replace("\n  ", "\n\t"))


def _latin(folder: Path) -> str:
    return write(folder, "d.yaml", BASE.encode("cp1258"))


def _utf16(folder: Path) -> str:
    return write(folder, "d.yaml", BASE.encode("utf-16"))


def _binary(folder: Path) -> str:
    return write(folder, "d.yaml", bytes(range(256)) * 64)


def _duplicate(folder: Path) -> str:
    return write(folder, "d.yaml", BASE + "currency: USD\n")


def _million_duplicates(folder: Path) -> str:
    return write(folder, "d.yaml", BASE + "currency: USD\n" * 1_000_000)


def _billion_laughs(folder: Path) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    return write(folder, "d.yaml", BASE + "lols:\n" + "".join(f"  {x}\n" for x in lines))


def _model_alias_bomb(folder: Path) -> str:
    """A small file whose aliases expand to two million staff lines, each a model to build."""
    staff = ", ".join(["{role: care_agent}"] * 1000)
    text = BASE.replace("    staff:\n      - role: care_agent\n", f"    staff: &s [{staff}]\n")
    units = "".join(
        f"  - {{id: u{i}, name: Nhóm {i}, parent: cskh, staff: *s}}\n" for i in range(2000)
    )
    return write(folder, "d.yaml", text + units)


def _fifty_megabytes(folder: Path) -> str:
    return write(folder, "d.yaml", BASE + "description: " + "x" * (50 * 1024 * 1024) + "\n")


def _flow_nesting(folder: Path) -> str:
    return write(folder, "d.yaml", BASE + "description: " + "[" * 10_000 + "]" * 10_000 + "\n")


def _block_sequence_nesting(folder: Path) -> str:
    return write(folder, "d.yaml", BASE + "description:\n" + "- " * 10_000 + "x\n")


def _block_mapping_nesting(depth: int) -> Make:
    def make(folder: Path) -> str:
        levels = "".join(" " * i + f"k{i}:\n" for i in range(depth))
        return write(folder, "d.yaml", BASE + "description:\n" + levels)

    return make


def _including(item: str) -> Make:
    def make(folder: Path) -> str:
        write(folder, "outside.yaml", "people: [{id: lan, name: Lan}]\n")
        doc = folder / "doc"
        doc.mkdir()
        target = item.replace("{outside}", str(folder / "outside.yaml"))
        if item == "link.yaml":
            (doc / "link.yaml").symlink_to(folder / "outside.yaml")
        return write(folder, "doc/d.yaml", BASE.replace("version: 1\n", f"include: [{target}]\n"))

    return make


def _unit_name(value: str) -> Make:
    return lambda folder: write(folder, "d.yaml", BASE.replace(UNIT_NAME, f"    name: {value}\n"))


def _unit_id(value: str) -> Make:
    return lambda folder: write(
        folder, "d.yaml", BASE.replace("  - id: cskh\n", f"  - id: {value}\n")
    )


def _extra_key(key: str) -> Make:
    return lambda folder: write(folder, "d.yaml", BASE + f"? {key}\n: 1\n")


@dataclass(frozen=True)
class HostileCase:
    """A hostile file, and what ``cskh-org validate`` must answer for it."""

    id: str
    make: Make
    exit_code: int
    code: str


CASES: tuple[HostileCase, ...] = (
    HostileCase("malformed-yaml", _malformed, 1, "yaml-syntax"),
    HostileCase("tab-indentation", _tabs, 1, "yaml-syntax"),
    HostileCase("windows-1258-bytes", _latin, 1, "encoding"),
    HostileCase("utf-16", _utf16, 1, "encoding"),
    HostileCase("binary-bytes", _binary, 1, "encoding"),
    HostileCase("duplicate-key", _duplicate, 1, "duplicate-key"),
    HostileCase("a-million-duplicate-keys", _million_duplicates, 1, "duplicate-key"),
    HostileCase("billion-laughs", _billion_laughs, 1, "yaml-too-large"),
    HostileCase("alias-bomb-of-staff-lines", _model_alias_bomb, 1, "yaml-too-large"),
    HostileCase("50-megabytes", _fifty_megabytes, 2, "over the limit"),
    HostileCase("flow-nesting-10000", _flow_nesting, 1, "yaml-too-deep"),
    HostileCase("block-sequences-10000", _block_sequence_nesting, 1, "yaml-too-deep"),
    HostileCase("block-mappings-10000", _block_mapping_nesting(10_000), 2, "over the limit"),
    HostileCase("block-mappings-5000", _block_mapping_nesting(5_000), 1, "yaml-too-deep"),
    HostileCase("include-dotdot", _including("../outside.yaml"), 1, "include-escape"),
    HostileCase("include-absolute", _including("{outside}"), 1, "include-escape"),
    HostileCase("include-symlink-outside", _including("link.yaml"), 1, "include-escape"),
    HostileCase("name-control-chars", _unit_name('"Chăm\\e[31m sóc\\a"'), 1, "invalid-text"),
    HostileCase("name-bidi-override", _unit_name("Chăm \u202esóc"), 1, "invalid-text"),
    HostileCase("name-10kB", _unit_name("ắ" * 10_000), 1, "invalid-value"),
    HostileCase("id-10kB", _unit_id("a" * 10_000), 1, "invalid-id"),
    HostileCase("key-10kB", _extra_key("k" * 10_000), 1, "unknown-key"),
    HostileCase("id-control-chars", _unit_id('"cskh\\e[2J\\nFAKE: line"'), 1, "invalid-id"),
    HostileCase("id-bidi-override", _unit_id("cskh\u202etxt.exe"), 1, "invalid-id"),
    HostileCase("key-control-chars", _extra_key('"bad\\e[31m\\nkey"'), 1, "unknown-key"),
)


# -- hostile calls of the other commands -------------------------------------------------------

SLA = """\
calendars:
  - id: office
    name: {vi: Giờ hành chính, en: Office hours}
    week: {mon: [08:00-17:00], tue: [08:00-17:00], wed: [08:00-17:00], thu: [08:00-17:00],
           fri: [08:00-17:00]}
  - id: a_minute_a_week
    name: {vi: Một phút mỗi tuần, en: A minute a week}
    week: {mon: [08:00-08:01]}
sla:
  calendar: office
  default:
    first_response: 4h
    resolution: 3d
"""
TICKET = '{"channel": "phone"}'
OPENED = "2027-02-03T16:50+07:00"
DEEP = "[" * 50_000 + "]" * 50_000


Args = Callable[[Path], list[str]]
"""Writes the case's files under a folder; returns the command's arguments, relative to it."""


def _sla(*extra: str, document: str = BASE + SLA) -> Args:
    def make(folder: Path) -> list[str]:
        file = write(folder, "d.yaml", document)
        return ["sla", file, "--ticket", TICKET, "--opened", OPENED, *extra]

    return make


def _simulate(*extra: str) -> Args:
    """``simulate`` with an option refused while the arguments are parsed (the files named are
    never read)."""
    return lambda folder: ["simulate", "d.yaml", "--workload", "w.yaml", *extra]


def _route_deep(folder: Path) -> list[str]:
    return ["route", write(folder, "d.yaml", BASE + "routing: {default: cskh}\n"), "--ticket", DEEP]


def _budget_huge_cells(folder: Path) -> list[str]:
    """The growing example's budget against actuals of 50 rows of 20 kB cells, amounts of
    20,000 digits among them (each row under the 65,536-character line limit, so the cells
    themselves are judged)."""
    big, digits = "x" * 20_000, "1" + "0" * 20_000
    rows = [f"2027-01-12,{big},training{big},{digits}\n" for _ in range(50)]
    actuals = write(folder, "actuals.csv", "date,unit,category,amount\n" + "".join(rows))
    return ["budget", str(ROOT / "examples" / "growing" / "department.yaml"), "--actuals", actuals]


@dataclass(frozen=True)
class HostileCommand:
    """A hostile call of a command, and what it must answer: ``exit_code`` and a ``phrase`` of
    its standard error (one line, or one per bad line of a stream)."""

    id: str
    make: Args
    exit_code: int
    phrase: str


COMMANDS: tuple[HostileCommand, ...] = (
    HostileCommand("sla-events-nested-50000", _sla("--events", DEEP), 2, "nested too deeply"),
    HostileCommand(
        "sla-events-duplicate-key",
        _sla("--events", '[{"at": "2027-02-03T17:00+07:00", "kind": "replied", "kind": "x"}]'),
        2,
        "give `kind` twice",
    ),
    HostileCommand(
        "sla-now-before-opened",
        _sla("--events", "[]", "--now", "2027-02-01T10:00+07:00"),
        2,
        "is before the ticket was opened",
    ),
    HostileCommand(
        "sla-judged-8000-years-later",
        _sla("--events", "[]", "--now", "9990-01-01T00:00+07:00"),
        2,
        "more than 1,830 days",
    ),
    HostileCommand(
        "sla-instant-year-9999",
        _sla("--events", "[]", "--now", "9999-12-31T23:59-07:00"),
        2,
        "falls in the years 2 to 9990",
    ),
    HostileCommand(
        "sla-year-on-a-minute-a-week",
        _sla(
            document=BASE
            + SLA.replace("calendar: office", "calendar: a_minute_a_week").replace(
                "resolution: 3d", "resolution: 365d"
            )
        ),
        1,
        "error[sla-target-beyond-calendar]",
    ),
    HostileCommand(
        "sla-opened-100kB",
        lambda folder: [*_sla()(folder)[:-1], "9" * 100_000],
        2,
        "is not an ISO 8601 instant",
    ),
    HostileCommand(
        "simulate-replications-1e20",
        _simulate("--replications", "100000000000000000000"),
        2,
        "--replications: must be from 1 to 10,000",
    ),
    HostileCommand(
        "simulate-warmup-1e20-days",
        _simulate("--warmup", "99999999999999999999d"),
        2,
        "is longer than ten years",
    ),
    HostileCommand(
        "simulate-warmup-100kB", _simulate("--warmup", "9" * 100_000), 2, "is not a duration"
    ),
    HostileCommand("simulate-days-nan", _simulate("--days", "nan"), 2, "--days: must be"),
    HostileCommand("route-ticket-nested-50000", _route_deep, 2, "nested too deeply"),
    HostileCommand(
        "budget-actuals-20kB-cells", _budget_huge_cells, 2, "longer than an amount can be"
    ),
)
