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
* shell commands go in ```` ```sh ```` or ```` ```console ```` blocks, which are not run;
* relative links point at files that exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import cskh_org
from cskh_org.findings import Severity
from cskh_org.loading.source import parse_text
from tests.conftest import ROOT

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
