"""Hostile department documents, shared by the test (tests/loading/test_hostile.py: the
command rejects each with the right exit code and one-line reasons) and the benchmark
(benchmarks/bench_hostile.py: each is rejected within 2 s and 200 MB).

Each case writes its files under a folder and says what ``cskh-org validate`` must answer:
the exit code (1 findings, 2 unreadable input) and a finding code (or, for exit 2, a phrase of
the one-line message).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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
