"""The documentation runs: code blocks in README.md and docs/*.md are executed or validated.

Conventions the docs follow (and this test enforces):

* every ```` ```python ```` block is a complete, self-contained program (its own imports); it
  is executed in a fresh namespace with the repository root as working directory, so paths
  such as ``examples/growing/department.yaml`` resolve, and every example file it names
  must exist;
* every ```` ```yaml ```` block parses as YAML without a finding;
* a ```` ```yaml ```` block whose first line is ``# complete document`` is a whole department
  document: it must validate with no error and no warning. Written
  ``# complete document, expect: code-a code-b``, it must report exactly those codes (for
  examples of mistakes);
* a ```` ```console ```` block is run: each ``$ cskh-org ARGS`` line runs (in-process, through
  ``cskh_org.cli.main``) in a fresh folder holding a copy of ``examples/`` and the few files
  the docs tell the reader to make (``PREPARED`` below), and what it prints (standard output
  and standard error) must be the output shown after it; ``…`` elides lines or the end of a
  line (see ``tests/console_blocks.py``). When a command's output changes, the failure shows
  a diff, and ``CSKH_ORG_UPDATE_DOCS=1 pytest tests/test_docs.py -k console`` writes the new
  output into the docs, keeping the elisions that still fit;
* other shell commands (installation, ``make``) go in ```` ```sh ```` blocks, which are not run;
* relative links point at files that exist.
"""

from __future__ import annotations

import difflib
import fcntl
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import cskh_org
from cskh_org.findings import Severity
from cskh_org.loading.source import parse_text
from tests.conftest import EXAMPLES, ROOT, run_cli_in_process
from tests.console_blocks import align, steps

DOC_FILES = sorted(p for p in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")] if p.is_file())

_FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
_EXAMPLE_PATH = re.compile(r"examples/[\w./-]+\.ya?ml")
_COMPLETE = re.compile(r"#\s*complete document(?:,\s*expect:\s*(?P<codes>[\w\s-]+))?\s*$")


@dataclass(frozen=True)
class Block:
    file: Path
    line: int
    lang: str
    code: str

    @property
    def id(self) -> str:
        return f"{self.file.relative_to(ROOT)}:{self.line}"


def _blocks(lang: str) -> list[Block]:
    out = []
    for path in DOC_FILES:
        text = path.read_text("utf-8")
        for m in _FENCE.finditer(text):
            if m.group(1) == lang:
                line = text.count("\n", 0, m.start()) + 2  # first line of the code itself
                out.append(Block(path, line, lang, m.group(2)))
    return out


PYTHON = _blocks("python")
YAML = _blocks("yaml")
CONSOLE = _blocks("console")
UPDATE_DOCS = os.environ.get("CSKH_ORG_UPDATE_DOCS") == "1"


def test_docs_exist_and_have_code() -> None:
    """README and the three hand-written docs pages exist, with Python and YAML to check."""
    names = {p.name for p in DOC_FILES}
    assert {"README.md", "index.md", "format.md", "api.md"} <= names
    assert PYTHON, "no ```python block found"
    assert any(_COMPLETE.match(b.code.splitlines()[0]) for b in YAML), "no complete document"


@pytest.mark.parametrize("block", PYTHON, ids=lambda b: b.id)
def test_python_block_runs(
    block: Block, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each ```python block in the docs runs without an exception from the repository root."""
    missing = sorted({p for p in _EXAMPLE_PATH.findall(block.code) if not (ROOT / p).exists()})
    assert not missing, f"{block.id} names files that do not exist: {', '.join(missing)}"
    monkeypatch.chdir(ROOT)
    # Padded so that a traceback names the Markdown file and the line in it.
    code = compile("\n" * (block.line - 1) + block.code, str(block.file), "exec", dont_inherit=True)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    exec(code, namespace)
    capsys.readouterr()  # printed output is for readers; the asserts in the block are the test


@pytest.mark.parametrize("block", YAML, ids=lambda b: b.id)
def test_yaml_block_parses_and_complete_documents_validate(block: Block) -> None:
    """Each ```yaml block parses; one marked `# complete document` validates as declared."""
    parsed = parse_text(block.code, block.id)
    assert not parsed.findings, [str(f) for f in parsed.findings]
    first = block.code.splitlines()[0] if block.code.strip() else ""
    marker = _COMPLETE.match(first)
    if not marker:
        return
    result = cskh_org.validate_text(block.code, name=block.id)
    found = [str(f) for f in result.findings if f.severity is not Severity.INFO]
    if marker.group("codes"):
        expected = set(marker.group("codes").split())
        assert {f.code for f in result.findings} == expected, found
    else:
        assert result.department is not None, found
        assert not found, found


_LINK = re.compile(r"\[[^\]]*\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("path", DOC_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(path: Path) -> None:
    """Every relative link in the docs points at a file or folder that exists."""
    text = _FENCE.sub("", path.read_text("utf-8"))
    broken = [
        target
        for target in _LINK.findall(text)
        if "://" not in target
        and not target.startswith("mailto:")
        and not (path.parent / target).exists()
    ]
    assert not broken, f"{path.name}: broken links {broken}"


def test_readme_quick_start_is_exactly_two_commands() -> None:
    """The README's quick start is one shell block with `make demo` and `make test`, in order."""
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    shell = [m.group(2) for m in _FENCE.finditer(section) if m.group(1) in ("sh", "console")]
    assert shell, "no shell block in the quick start"
    commands = [line.strip() for line in shell[0].splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^demo:", makefile, flags=re.MULTILINE)
    assert re.search(r"^test:", makefile, flags=re.MULTILINE)
    assert "DEMO   ?= examples/growing/department.yaml" in makefile


# -- console blocks ----------------------------------------------------------------------------


def _growing_less(folder: Path) -> None:
    """docs/simulation.md: the growing example with one care agent fewer in after-sales."""
    shutil.copytree(EXAMPLES / "growing", folder)
    units = folder / "units.yaml"
    text = units.read_text("utf-8")
    start = text.index("  - id: after_sales\n")
    end = text.index("  - id: ", start + 1)
    two = "      - role: care_agent\n        headcount: 2\n"
    assert text.count(two, start, end) == 1, "the after-sales team no longer has 2 care agents"
    one = two.replace("2", "1")
    units.write_text(text[:start] + text[start:end].replace(two, one) + text[end:], "utf-8")


def _growing_next(folder: Path) -> None:
    """docs/reviews.md: the growing example with complaints moved to the support team, which
    hires a fourth care agent for them."""
    shutil.copytree(EXAMPLES / "growing", folder)
    routing = folder / "routing.yaml"
    text = routing.read_text("utf-8")
    old = (
        "      when: {category: complaint}\n"
        "      to: {unit: after_sales, skills: [complaint_handling], priority: 1}\n"
    )
    assert text.count(old) == 1, "the growing example's complaints rule changed"
    routing.write_text(text.replace(old, old.replace("after_sales", "support")), "utf-8")
    units = folder / "units.yaml"
    text = units.read_text("utf-8")
    three = "      - role: care_agent\n        headcount: 3\n        skills: [english]\n"
    assert text.count(three) == 1, "the support team no longer has 3 care agents"
    four = three.replace("3", "4").replace("[english]", "[english, complaint_handling]")
    units.write_text(text.replace(three, four), "utf-8")


def _tickets(path: Path) -> None:
    """docs/routing.md: a ticket stream whose third line has a channel the schema lacks."""
    path.write_text(
        '{"channel": "phone", "category": "complaint"}\n'
        '{"channel": "email", "tier": "vip"}\n'
        '{"channel": "fax"}\n',
        "utf-8",
    )


def _year(path: Path) -> None:
    """docs/history.md: the growing example's generated year (`scripts/make_history.py`)."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import make_history

    make_history.write(path, seed=7)


def _year_history(path: Path) -> None:
    """docs/history.md: the generated year, imported to the canonical CSV."""
    import cskh_org
    from cskh_org.loading.history import load_mapping, read_history
    from cskh_org.report.history import write_tickets

    export = path.with_name("year.csv")
    if not export.exists():
        _year(export)
    dept = cskh_org.load(EXAMPLES / "growing" / "department.yaml")
    mapping = load_mapping(EXAMPLES / "growing" / "history" / "mapping.yaml", dept).unwrap()
    with path.open("w", encoding="utf-8", newline="") as out:
        write_tickets(read_history(export, mapping, dept).tickets(), out)


PREPARED: dict[str, Callable[[Path], None]] = {
    "growing-less": _growing_less,
    "growing-next": _growing_next,
    "tickets.jsonl": _tickets,
    "year.csv": _year,
    "year-history.csv": _year_history,
}
"""Files a console block uses that the docs tell the reader to make, by their first path part."""


def _workspace(tmp_path: Path, argv: list[str]) -> Path:
    """A folder to run ``argv`` in: ``examples/``, the prepared files it names, and the folders
    of the repository its output options write into."""
    folder = tmp_path / "work"
    if not folder.exists():
        shutil.copytree(EXAMPLES, folder / "examples")
    for word in argv:
        first = Path(word).parts[0] if word and not word.startswith("-") else ""
        if first in PREPARED and not (folder / first).exists():
            PREPARED[first](folder / first)
        parent = Path(word).parent
        if word and not Path(word).is_absolute() and parent.parts and (ROOT / parent).is_dir():
            (folder / parent).mkdir(parents=True, exist_ok=True)
    return folder


def _needs_dot(argv: list[str]) -> bool:
    """Whether the command draws SVG, PNG or PDF (which need Graphviz's `dot`)."""
    drawn = {Path(w).suffix for w in argv} | {f".{w}" for w in argv}
    return argv[:1] == ["render"] and ("--all" in argv or bool(drawn & {".svg", ".png", ".pdf"}))


def _rewrite(block: Block, old: str, new: str) -> None:
    """Put ``new`` in place of the block's ``old`` code in its file (locked: xdist workers)."""
    with open(block.file, "r+", encoding="utf-8") as stream:
        fcntl.flock(stream, fcntl.LOCK_EX)
        text = stream.read()
        fence = f"```console\n{old}```"
        assert text.count(fence) == 1, f"{block.id}: the block changed or is not unique"
        stream.seek(0)
        stream.write(text.replace(fence, f"```console\n{new}```"))
        stream.truncate()


def test_docs_have_console_blocks() -> None:
    """The README and docs show commands with their output, and each block has a command."""
    assert any(b.file.name == "README.md" for b in CONSOLE)
    for block in CONSOLE:
        assert steps(block.code, block.line), f"{block.id}: a console block without a `$` line"


@pytest.mark.parametrize("block", CONSOLE, ids=lambda b: b.id)
def test_console_block_shows_what_the_commands_print(
    block: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each `$ cskh-org ...` of a ```console block prints the output shown after it."""
    failures: list[str] = []
    new_lines: list[str] = []
    if shutil.which("dot") is None and any(_needs_dot(s.argv()[0]) for s in steps(block.code, 0)):
        pytest.skip("Graphviz's `dot` is not installed (make graphviz)")
    for step in steps(block.code, block.line):
        argv, redirect = step.argv()
        folder = _workspace(tmp_path, argv)
        if redirect is None:
            result = run_cli_in_process(argv, monkeypatch, cwd=folder, merged=True)
            out = result.out
        else:  # `> FILE`: standard output goes to the file, standard error is shown
            result = run_cli_in_process(argv, monkeypatch, cwd=folder)
            (folder / redirect).write_text(result.out, "utf-8")
            out = result.err
        assert result.code != 3, f"{block.file.name}:{step.line}: internal error\n{out}"
        ok, updated = align(step.shown, out.splitlines())
        if new_lines and not new_lines[-1].startswith("$ "):
            new_lines.append("")  # a blank line after the output of the command before
        new_lines += [f"$ {step.command}", *updated]
        if not ok:
            diff = difflib.unified_diff(
                list(step.shown), updated, "shown", "printed", lineterm="", n=2
            )
            failures.append(
                f"{block.file.relative_to(ROOT)}:{step.line}: `{step.command}` printed other "
                "output than the docs show:\n" + "\n".join(diff)
            )
    if failures and UPDATE_DOCS:
        _rewrite(block, block.code, "\n".join(new_lines) + "\n")
        pytest.skip(f"{block.id}: rewritten with the new output (CSKH_ORG_UPDATE_DOCS=1)")
    hint = "\n(CSKH_ORG_UPDATE_DOCS=1 pytest tests/test_docs.py -k console rewrites the docs)"
    if failures:
        pytest.fail("\n\n".join(failures) + hint, pytrace=False)


def test_a_command_ending_with_a_backslash_goes_on_on_the_next_line() -> None:
    """``\\`` at the end of a command line joins the next line to it, as a shell does."""
    code = "$ cskh-org sla a \\\n    --ticket '{\"x\": 1}'\nout\n$ cskh-org b\n"
    [first, second] = steps(code, 7)
    assert first.argv() == (["sla", "a", "--ticket", '{"x": 1}'], None)
    assert (first.line, first.shown) == (7, ("out",))
    assert (second.line, second.argv()) == (10, (["b"], None))
