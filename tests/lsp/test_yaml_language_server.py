"""The real ``yaml-language-server`` (npm, pinned in ``package-lock.json``) over every example.

An editor configured with the schemas (``yaml.schemas``, as in :data:`client.SCHEMAS`) and
opening any example document, workload, fragment or starter template shows no problem; a
typo'd key, a wrong shorthand or a broken schema shows one. The server meta-validates each
schema it loads (draft 2020-12, bundled), so a clean example also means a valid schema file.

``node_modules`` is installed from the lock on first use (``make lsp`` does the same).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT
from tests.lsp.client import SCHEMAS, YamlLanguageServer

DOCUMENTS = sorted(
    [
        *(
            p
            for folder in ("small", "growing", "large")
            for p in (EXAMPLES / folder).glob("*.yaml")
        ),
        *(ROOT / "cskh_org" / "templates").glob("*.yaml"),
        *(EXAMPLES / "growing" / "history").glob("*.yaml"),
        *(ROOT / "cskh_org" / "loading" / "mappings").glob("*.yaml"),
    ]
)


@pytest.fixture(scope="module")
def server() -> Iterator[YamlLanguageServer]:
    with YamlLanguageServer() as running:
        yield running


def test_no_diagnostic_on_any_example(server: YamlLanguageServer) -> None:
    """Every example document, workload, included fragment and template is clean."""
    found = [str(d) for path in DOCUMENTS for d in server.check(path)]
    assert found == []
    assert len(DOCUMENTS) >= 19


def test_every_schema_file_is_in_use() -> None:
    """Each schema in docs/schema is bound to some example, by settings or by modeline, so
    the server loads (and meta-validates) every one of them in the test above."""
    bound = {(ROOT / rel).resolve() for rel in SCHEMAS}
    for path in DOCUMENTS:
        first = path.read_text("utf-8").splitlines()[0]
        if first.startswith("# yaml-language-server: $schema="):
            bound.add((path.parent / first.split("=", 1)[1]).resolve())
    assert bound == {p.resolve() for p in (ROOT / "docs" / "schema").glob("*.schema.json")}


def _messages(server: YamlLanguageServer, path: Path, old: str, new: str) -> list[str]:
    text = path.read_text("utf-8")
    assert old in text
    return [d.message for d in server.check(path, text=text.replace(old, new, 1))]


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        ("examples/small/department.yaml", "\ntimezone:", "\ntimezon:"),
        ("examples/growing/units.yaml", "\nunits:", "\nunitz:"),  # a fragment
        ("examples/small/workload.yaml", "\nstreams:", "\nstream:"),
        ("cskh_org/templates/small.yaml", "\ntimezone:", "\ntimezon:"),
    ],
)
def test_a_typo_key_is_reported(server: YamlLanguageServer, rel: str, old: str, new: str) -> None:
    """A misspelt key is not allowed, in a document, a fragment and a workload."""
    messages = _messages(server, ROOT / rel, old, new)
    assert any("is not allowed" in m for m in messages), messages


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        ("examples/small/department.yaml", "first_response: 1h", "first_response: 1 hour"),
        ("examples/large/department.yaml", "default: support_hotline", "default: Chăm sóc"),
        ("examples/small/department.yaml", "currency: VND", "currency: VNĐ"),
        ("examples/growing/budget.yaml", "amount: 9_000_000", "amount: 9,000,000"),  # a fragment
        ("examples/small/workload.yaml", "mean: ", "mean: 90 sec #"),
    ],
)
def test_a_wrong_shorthand_is_reported(
    server: YamlLanguageServer, rel: str, old: str, new: str
) -> None:
    """A duration, id or money text the loader refuses is a problem in the editor too."""
    assert _messages(server, ROOT / rel, old, new)


def test_a_broken_schema_is_reported(tmp_path: Path) -> None:
    """A schema that is not valid draft 2020-12 shows on the document that uses it."""
    schema = (ROOT / "docs/schema/fragment.schema.json").read_text("utf-8")
    (tmp_path / "bad.schema.json").write_text(schema.replace('"object"', '"objekt"', 1))
    fragment = tmp_path / "units.yaml"
    shutil.copy(EXAMPLES / "growing" / "units.yaml", fragment)
    text = fragment.read_text("utf-8").replace(
        "../../docs/schema/fragment.schema.json", "bad.schema.json"
    )
    with YamlLanguageServer() as server:
        messages = [d.message for d in server.check(fragment, text=text)]
    assert any("is not valid" in m for m in messages), messages
