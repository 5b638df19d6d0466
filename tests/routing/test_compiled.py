"""The compiled router file: it routes exactly as the router it was saved from, is refused
when stale, and a damaged or hostile file gives a clear error, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cskh_org.errors import SourceError, TicketInvalid
from cskh_org.routing.compiled import (
    FORMAT,
    VERSION,
    department_router_json,
    documents_hash,
    load_router,
    router_json,
)
from cskh_org.routing.router import Router, target_of
from tests.conftest import EXAMPLES, ROOT, RunCli, examples
from tests.routing.strategies import Case, cases, invalid_tickets, valid_tickets

LARGE = EXAMPLES / "large"


def _text(router: Router, files: list[Path] | None = None) -> str:
    return router_json(router, department="d", languages=("vi", "en"), units={}, files=files or [])


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), data=st.data())
def test_a_loaded_router_routes_as_the_compiled_one(case: Case, data: st.DataObject) -> None:
    """Saved and loaded, the router decides, explains and refuses exactly as the router it
    was saved from (and as the reference evaluator)."""
    router = Router(case.routing, case.schema)
    loaded = Router.load(_text(router))
    assert loaded.tables() == router.tables()
    tickets = data.draw(st.lists(valid_tickets(case.schema, case.routing), min_size=1, max_size=6))
    for ticket in tickets:
        expected = router.route_reference(ticket)
        assert loaded.route(ticket) == expected
        assert loaded.route(ticket) == expected
        assert loaded.explain(ticket).to_dict() == router.explain(ticket).to_dict()
    bad = data.draw(invalid_tickets(case.schema, case.routing))
    loaded.route(bad.base)
    with pytest.raises(TicketInvalid) as info:
        loaded.route(bad.ticket)
    assert info.value.attribute == bad.attribute


def _compiled_large(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the large example and its router file."""
    folder = tmp_path / "large"
    shutil.copytree(LARGE, folder)
    import cskh_org

    result = cskh_org.validate(folder / "department.yaml")
    department = result.unwrap()
    out = tmp_path / "router.json"
    out.write_text(department_router_json(department, list(result.files)), encoding="utf-8")
    return folder / "department.yaml", out


def test_the_documents_hash_is_checked(tmp_path: Path) -> None:
    """Given the documents, a router file loads while they are unchanged, and is refused as
    stale (in both languages) once the document or a file it includes changes."""
    document, out = _compiled_large(tmp_path)
    loaded = load_router(out, documents=document)
    assert loaded.department == "sao_mai_cskh"
    assert loaded.router.route({"channel": "phone"}).unit == "support_hotline"
    sla = document.parent / "sla.yaml"
    sla.write_text(sla.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    with pytest.raises(SourceError, match="stale") as info:
        load_router(out, documents=document)
    assert "cskh-org compile" in info.value.text("vi")
    assert "đã cũ" in info.value.text("vi")
    sla.unlink()
    with pytest.raises(SourceError, match="stale"):
        load_router(out, documents=document)
    with pytest.raises(SourceError, match="cannot read the document"):
        load_router(out, documents=tmp_path / "nowhere.yaml")
    load_router(out)  # without the documents, nothing is compared


def _damaged(text: str) -> SourceError:
    with pytest.raises(SourceError) as info:
        load_router(text)
    said = info.value
    assert said.text("vi") != said.text("en")
    return said


def _good(router: Router) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_text(router))
    return data


ROUTER = None


def _small_router() -> Router:
    import cskh_org

    return cskh_org.load(EXAMPLES / "small" / "department.yaml").router()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: "{not json", "not valid JSON"),
        (lambda d: "{" + '"a":' * 0 + '"x": ' + "[" * 100_000 + "]" * 100_000 + "}", "JSON"),
        (lambda d: '{"version": ' + "9" * 5000 + "}", "not valid JSON"),
        (lambda d: {**d, "format": "pickle"}, "not a cskh-org router file"),
        (lambda d: [d], "not a cskh-org router file"),
        (lambda d: {**d, "version": 2}, "format version 2"),
        (lambda d: {**d, "version": "1"}, "format version '1'"),
        (lambda d: {**d, "version": True}, "format version True"),
        (lambda d: {**d, "version": 1.0}, "format version 1.0"),
        (lambda d: {**d, "documents": []}, "damaged at `documents`"),
        (lambda d: {**d, "documents": {"sha256": 5, "files": []}}, "`documents.sha256`"),
        (lambda d: {**d, "department": None}, "`department`"),
        (lambda d: {**d, "languages": []}, "`languages`"),
        (lambda d: {**d, "units": {"x": {"vi": 5}}}, "`units.x`"),
        (lambda d: {**d, "schema": {"attributes": 5}}, "`schema.attributes`"),
        (lambda d: {**d, "routing": {"rules": "x"}}, "`routing"),
        (lambda d: _tables(d, bits=10**30), "`tables.bits`"),
        (lambda d: _tables(d, bits=[10**300]), "`tables.bits`"),
        (lambda d: _tables(d, bits=[-1, 0]), "`tables.bits`"),
        (lambda d: _tables(d, bits=[True]), "`tables.bits`"),
        (lambda d: _tables(d, bits=[]), "`tables.bits`"),
        (lambda d: _tables(d, opaque=[10**20]), "`tables.opaque`"),
        (lambda d: _tables(d, attributes=["zz"]), "`tables.attributes`"),
        (lambda d: _tables(d, masks=[]), "`tables.masks`"),
        (lambda d: _mask(d, 7), "`tables.masks[0][0]`"),
        (lambda d: _mask(d, "f" * 100_000), "`tables.masks[0][0]`"),
        (lambda d: _mask(d, "-1"), "`tables.masks[0][0]`"),
        (lambda d: _mask(d, "0x1"), "`tables.masks[0][0]`"),
        (lambda d: _mask(d, "0"), "`tables.masks[0]"),
    ],
)
def test_a_damaged_or_hostile_file_is_refused_clearly(change: Any, words: str) -> None:
    """Bad JSON, deep nesting, huge numbers, another format or version, wrong types, sizes
    and values: a SourceError naming the place, in both languages, never a traceback."""
    good = _good(_small_router())
    changed = change(good)
    text = changed if isinstance(changed, str) else json.dumps(changed)
    assert words in str(_damaged(text))


def _rule_to(data: dict[str, Any], to: Any, index: int = -1) -> dict[str, Any]:
    """The router file with the target of rule ``index`` (the last by default) replaced."""
    rules = [dict(rule) for rule in data["routing"]["rules"]]
    rules[index]["to"] = to
    return {**data, "routing": {**data["routing"], "rules": rules}}


@pytest.mark.parametrize(
    "to",
    [
        {"unit": ""},
        {"unit": 5},
        "",
        None,
        [],
        {"unit": "support", "priority": 11},
        {"unit": "support", "priority": True},
        {"unit": "support", "skills": ["vi", ""]},
        {"unit": "support", "team": "x"},
        {"priority": 1},
    ],
)
def test_a_damaged_target_is_refused_when_the_file_is_read(to: Any) -> None:
    """Targets are made when a decision first needs them, but every rule's target (the last
    rule's too, which no ticket may reach) is checked as the file is read."""
    good = _good(_small_router())
    last = len(good["routing"]["rules"]) - 1
    said = _damaged(json.dumps(_rule_to(good, to)))
    assert f"`routing.rules.{last}.to`" in str(said)
    default = {**good, "routing": {**good["routing"], "default": to}}
    assert "`routing.default`" in str(_damaged(json.dumps(default)))


def test_a_loaded_router_makes_only_the_targets_its_tickets_need(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reading a router file makes no target; routing a ticket makes its rule's, once (a cold
    process routing one ticket of a 1,000-rule table makes one, not a thousand)."""
    from cskh_org.routing import compiled

    router = _small_router()
    text = _text(router)
    made: list[object] = []
    real = target_of

    def counted(data: object) -> Any:
        made.append(data)
        return real(data)

    monkeypatch.setattr(compiled, "target_of", counted)
    loaded = load_router(text).router
    unit_only = [r for r in router.routing.rules if not r.to.skills and not r.to.priority]
    assert len(made) == len(router.routing.rules) + 1 - len(unit_only)  # only the checks
    made.clear()
    ticket = {"channel": "phone", "category": "complaint"}
    decision = loaded.route(ticket)
    assert decision == router.route_reference(ticket)
    assert len(made) == 1
    assert loaded.route(ticket) == decision
    assert loaded.route(dict(ticket)) == decision
    assert len(made) == 1


def _tables(data: dict[str, Any], **tables: Any) -> dict[str, Any]:
    return {**data, "tables": {**data["tables"], **tables}}


def _mask(data: dict[str, Any], value: Any) -> dict[str, Any]:
    masks = [list(per) for per in data["tables"]["masks"]]
    masks[0][0 if value != "0" else 1] = value
    return _tables(data, masks=masks)


def test_a_router_file_that_cannot_be_read_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read the router file"):
        load_router(tmp_path / "missing.json")
    (tmp_path / "latin.json").write_bytes(b'{"format": "\xff"}')
    with pytest.raises(SourceError, match="not UTF-8"):
        load_router(tmp_path / "latin.json")


def test_compile_and_route_from_the_command_line(run_cli: RunCli, tmp_path: Path) -> None:
    """``cskh-org compile`` writes the router file; ``route --router`` decides as ``route``
    does, and refuses the file once the document changed (exit 2, in the language asked)."""
    folder = tmp_path / "small"
    shutil.copytree(EXAMPLES / "small", folder)
    document = folder / "department.yaml"
    out = tmp_path / "router.json"
    result = run_cli(["compile", str(document), "-o", str(out)])
    assert result.code == 0, result.err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == (FORMAT, VERSION)
    ticket = '{"channel": "email", "category": "return"}'
    for extra in ([], ["--explain"], ["--format", "json"], ["--lang", "en"]):
        plain = run_cli(["route", str(document), "--ticket", ticket, *extra])
        fast = run_cli(["route", str(document), "--router", str(out), "--ticket", ticket, *extra])
        assert (fast.code, fast.out) == (plain.code, plain.out), extra
    assert run_cli(["compile", str(document), "-o", str(out)]).code == 2  # no overwrite
    document.write_text(document.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    stale = run_cli(["route", str(document), "--router", str(out), "--ticket", ticket])
    assert stale.code == 2
    assert "stale" in stale.err
    stale_vi = run_cli(
        ["route", str(document), "--router", str(out), "--ticket", ticket, "--lang", "vi"]
    )
    assert "đã cũ" in stale_vi.err


# -- the light path: a router file read without pydantic or the models ---------------------


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), data=st.data())
def test_a_router_read_without_the_models_is_the_same_router(
    case: Case, data: st.DataObject
) -> None:
    """Read from its file, the router has the same elements as the space the models give,
    refuses every faulty ticket with the same words (vi and en) as the router of the models,
    and builds models equal to the originals when asked."""
    router = Router(case.routing, case.schema)
    loaded = Router.load(_text(router))
    assert [e.to_data() for e in loaded.elements] == [
        e.to_data()
        for e in Router.from_tables(
            case.routing,
            case.schema,
            bits=router.tables()[0],
            opaque=router.tables()[1],
            masks=router.tables()[2],
        ).elements
    ]
    for bad in data.draw(st.lists(invalid_tickets(case.schema, case.routing), max_size=4)):
        for ticket in (bad.base, bad.ticket):
            outcomes: list[object] = []
            for each in (router, loaded):
                try:
                    outcomes.append(each.route(ticket))
                except TicketInvalid as exc:
                    said = exc.words()
                    outcomes.append((exc.attribute, said.vi, said.en))
            assert outcomes[0] == outcomes[1], ticket
    assert loaded.routing == case.routing
    assert loaded.schema == case.schema


def test_a_file_without_the_elements_is_read_through_the_models() -> None:
    """A router file written before the tables carried each attribute's elements still loads
    (its space rebuilt from the models) and routes the same."""
    router = _small_router()
    data = _good(router)
    del data["tables"]["elements"]
    loaded = load_router(json.dumps(data)).router
    ticket = {"channel": "phone"}
    assert loaded.route(ticket) == router.route(ticket)
    assert [e.to_data() for e in loaded.elements] == [e.to_data() for e in router.elements]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda e: [], "`tables.elements`"),
        (lambda e: [{**e[0], "kind": "text"}, *e[1:]], "`tables.elements[0]`"),
        (lambda e: [{**e[0], "valid": "-1"}, *e[1:]], "`tables.elements[0]`"),
        (lambda e: [{**e[0], "valid": "f" * 100}, *e[1:]], "`tables.elements[0]`"),
        (lambda e: [{**e[0], "values": ["zz"]}, *e[1:]], "`tables.elements[0]`"),
        (lambda e: [{**e[0], "name": "zz"}, *e[1:]], "`tables.elements[0]`"),
        (lambda e: [e[0], e[0], *e[2:]], "`tables.elements`"),
        (lambda e: 5, "`tables.elements`"),
    ],
)
def test_damaged_elements_are_refused(change: Any, words: str) -> None:
    good = _good(_small_router())
    changed = _tables(good, elements=change(good["tables"]["elements"]))
    assert words in str(_damaged(json.dumps(changed)))


LIGHT = (
    "import json, sys\n"
    "{code}\n"
    "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core',"
    " 'yaml', 'networkx') or m.startswith('cskh_org.model'))\n"
    "print(json.dumps(heavy))"
)


def test_routing_from_a_router_file_imports_neither_pydantic_nor_the_models(
    tmp_path: Path,
) -> None:
    """A cold process that loads a router file (checking the documents' hash) and routes
    tickets, complete, partial and refused, through the library or ``cskh-org route
    --router``, imports neither pydantic nor any model, YAML or networkx."""
    document, out = _compiled_large(tmp_path)
    library = (
        "from cskh_org.errors import TicketInvalid\n"
        "from cskh_org.routing.compiled import load_router\n"
        f"router = load_router({str(out)!r}, documents={str(document)!r}).router\n"
        "assert router.route({'channel': 'phone', 'category': 'complaint'}).unit\n"
        "assert router.route({'channel': 'email'}).unit\n"
        "try:\n    router.route({'channel': 'fax'})\nexcept TicketInvalid:\n    pass\n"
        "else:\n    raise AssertionError"
    )
    cli = (
        "import contextlib, io\n"
        "from cskh_org.cli import main\n"
        "for lang in ('vi', 'en'):\n"
        "    with contextlib.redirect_stdout(io.StringIO()) as said:\n"
        f"        code = main(['route', {str(document)!r}, '--router', {str(out)!r},"
        " '--ticket', '{\"channel\": \"phone\"}', '--lang', lang])\n"
        "    assert code == 0 and said.getvalue(), code"
    )
    for code in (library, cli):
        proc = subprocess.run(
            [sys.executable, "-c", LIGHT.format(code=code)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout.splitlines()[-1]) == []


def test_a_number_cut_by_many_thresholds_loads_without_the_models() -> None:
    """A number attribute cut by hundreds of thresholds (its elements need a mask of more
    than 256 bits) loads from the file and routes as the router of the models."""
    from cskh_org.model import TicketSchema
    from cskh_org.model.routing import Routing

    schema = TicketSchema.model_validate(
        {"attributes": {"value": {"type": "number", "integer": True, "minimum": 0}}}
    )
    routing = Routing.model_validate(
        {
            "rules": [
                {"id": f"r{i}", "when": {"value": {"gte": 10 * i, "lt": 10 * i + 5}}, "to": "u"}
                for i in range(300)
            ],
            "default": "d",
        }
    )
    router = Router(routing, schema)
    loaded = Router.load(_text(router))
    assert max(e.size for e in loaded.elements) > 256
    for value in range(0, 3100, 7):
        assert loaded.route({"value": value}) == router.route({"value": value})


def _plain_hash(contents: list[bytes]) -> str:
    import hashlib

    digest = hashlib.sha256()
    for data in contents:
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(
            [0, 1, 2047, 2048, (1 << 18) - 1, 1 << 18, (1 << 18) + 1, 3 << 18, 1 << 20]
        ),
        min_size=1,
        max_size=4,
    ),
    st.binary(min_size=1, max_size=64),
)
def test_documents_hash_reads_in_chunks_as_the_whole_files_hash(
    tmp_path_factory: pytest.TempPathFactory, sizes: list[int], pattern: bytes
) -> None:
    """Around the chunk's and OpenSSL's sizes, the chunked hash is the plain sha256 of each
    file's length and bytes."""
    folder = tmp_path_factory.mktemp("docs")
    contents = [(pattern * (size // len(pattern) + 1))[:size] for size in sizes]
    files = []
    for i, data in enumerate(contents):
        (folder / f"f{i}.yaml").write_bytes(data)
        files.append(folder / f"f{i}.yaml")
    assert documents_hash(files) == _plain_hash(contents)


def test_a_document_that_changes_length_as_it_is_read_is_hashed_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The length hashed is the length of the bytes hashed, even when the open file's size
    and its content disagree (it grew or shrank while read)."""
    import os

    (tmp_path / "a.yaml").write_bytes(b"x" * 5000)
    real = os.fstat

    class Shrunk:
        def __init__(self, st: os.stat_result) -> None:
            self.st_size = st.st_size - 7

    monkeypatch.setattr(os, "fstat", lambda fd: Shrunk(real(fd)))
    assert documents_hash([tmp_path / "a.yaml"]) == _plain_hash([b"x" * 5000])
