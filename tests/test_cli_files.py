"""The user's files through the real commands: inputs must be regular files and are read in
bounded lines; outputs never overwrite an input, an existing file without --force, or
anything through a link, and every I/O failure is exit 2 with the path and the reason.

Named pipes are made with ``os.mkfifo`` and nothing ever writes to them: a command that
opened one to read would wait forever, so each such run is in a thread joined with a
timeout (a hang guard: the refusal itself takes milliseconds).
"""

from __future__ import annotations

import errno
import functools
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, CliResult, RunCli

GROWING = EXAMPLES / "growing"
LARGE = EXAMPLES / "large"
ACTUALS = EXAMPLES / "budget" / "actuals-2027.csv"
TICKET = '{"channel": "email", "category": "question"}\n'
QUICK = ["--days", "2", "--replications", "1"]

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def _is_device(path: str) -> bool:
    try:
        return stat.S_ISCHR(os.stat(path).st_mode)
    except OSError:
        return False


needs_dev_zero = pytest.mark.skipif(not _is_device("/dev/zero"), reason="no /dev/zero device")
needs_dev_full = pytest.mark.skipif(not _is_device("/dev/full"), reason="no /dev/full device")


def _guarded(run: Callable[[], CliResult], seconds: float = 30) -> CliResult:
    """``run()`` in a thread; fail (instead of hanging the suite) if it does not return."""
    box: list[CliResult | BaseException] = []

    def target() -> None:
        try:
            box.append(run())
        except BaseException as exc:  # handed back to the test
            box.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the command blocked: it opened the input to read it"
    outcome = box[0]
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


def _copy(source: Path, tmp_path: Path) -> Path:
    folder = tmp_path / source.name
    shutil.copytree(source, folder)
    return folder


# -- inputs ----------------------------------------------------------------------------------


def _not_files(tmp_path: Path) -> dict[str, Path]:
    """A folder, a named pipe no one writes to and /dev/zero (where they exist)."""
    found = {"folder": tmp_path / "folder"}
    found["folder"].mkdir()
    if hasattr(os, "mkfifo"):
        found["named pipe"] = tmp_path / "pipe"
        os.mkfifo(found["named pipe"])
    if _is_device("/dev/zero"):
        found["device"] = Path("/dev/zero")
    return found


INPUTS = {
    "tickets": lambda f: ["route", str(GROWING / "department.yaml"), "--tickets", f],
    "actuals": lambda f: ["budget", str(LARGE / "department.yaml"), "--actuals", f],
    "validate": lambda f: ["validate", f],
    "render": lambda f: ["render", f, "--format", "dot"],
    "workload": lambda f: [
        "simulate",
        str(GROWING / "department.yaml"),
        "--workload",
        f,
        *QUICK,
    ],
}


@pytest.mark.parametrize("command", sorted(INPUTS))
def test_an_input_that_is_not_a_regular_file_is_refused_at_once(
    run_cli: RunCli, tmp_path: Path, command: str
) -> None:
    """A folder, a named pipe (with no writer: reading would block) or /dev/zero (reading
    would never end) given as tickets, actual spend, a document or a workload: exit 2, one
    line naming the path and what it is, nothing read."""
    for kind, path in _not_files(tmp_path).items():
        args = INPUTS[command](str(path))
        result = _guarded(functools.partial(run_cli, args))
        assert result.code == 2, (kind, result)
        said = result.err + result.out  # `validate` reports a file it cannot read on stdout
        assert f"{path}: is a {kind}" in said, said
        assert "Traceback" not in said
        assert len(said.strip().splitlines()) == 1, said


@needs_fifo
def test_an_included_named_pipe_is_a_finding_not_a_hang(run_cli: RunCli, tmp_path: Path) -> None:
    """A document that includes a named pipe: the include is refused (a finding naming it),
    `validate` does not wait for a writer."""
    folder = _copy(GROWING, tmp_path)
    (folder / "routing.yaml").unlink()
    os.mkfifo(folder / "routing.yaml")
    result = _guarded(lambda: run_cli(["validate", str(folder / "department.yaml")]))
    assert result.code == 1
    assert "include-error" in result.out
    assert f"`routing.yaml` is not a file (looked for {folder / 'routing.yaml'})" in result.out


def test_stdin_is_still_read(run_cli: RunCli) -> None:
    """`-` is standard input, for tickets as before."""
    result = run_cli(
        ["route", str(GROWING / "department.yaml"), "--tickets", "-"], stdin=TICKET * 2
    )
    assert result.code == 0, result.err
    assert [json.loads(line)["line"] for line in result.out.splitlines()] == [1, 2]


def _route_traced(run_cli: RunCli, path: Path, huge: int) -> tuple[CliResult, int]:
    """Route tickets 1 and 3 with a line of ``huge`` bytes between them; the result and the
    peak of memory allocated while routing."""
    with path.open("w", encoding="utf-8") as f:
        f.write(TICKET)
        f.write('{"topic": "' + "x" * huge + '"}\n')
        f.write(TICKET)
    tracemalloc.start()
    try:
        result = run_cli(["route", str(GROWING / "department.yaml"), "--tickets", str(path)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def test_a_huge_ticket_line_is_one_error_and_the_others_are_routed(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """A line of many megabytes between two tickets: that line is "longer than 1,048,576
    characters" (line 2, exit 2), lines 1 and 3 are routed. The line is cut while reading:
    a line four times longer takes no more memory."""
    from cskh_org.routing.stream import MAX_LINE_BYTES

    path = tmp_path / "tickets.jsonl"
    run_cli(["route", str(GROWING / "department.yaml"), "--tickets", "-"], stdin=TICKET)
    peaks = []
    for huge in (MAX_LINE_BYTES + (1 << 20), 4 * MAX_LINE_BYTES):
        result, peak = _route_traced(run_cli, path, huge)
        assert result.code == 2
        assert f"{path}:2: error: the ticket is longer than 1,048,576 characters" in result.err
        assert [json.loads(line)["line"] for line in result.out.splitlines()] == [1, 3]
        peaks.append(peak)
    assert peaks[1] < peaks[0] + (1 << 20), peaks  # 12 MB more of line, not 1 MB more memory


def test_a_huge_actuals_line_is_one_problem_and_the_other_rows_are_read(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """A 1 MB line inside the actual spend: a problem on its line, every other row read."""
    lines = ACTUALS.read_text("utf-8").splitlines(keepends=True)
    rows = len(lines) - 1
    path = tmp_path / "actuals.csv"
    path.write_text(lines[0] + lines[1] + "x" * (1 << 20) + "\n" + "".join(lines[2:]), "utf-8")
    result = run_cli(
        ["budget", str(LARGE / "department.yaml"), "--actuals", str(path), "--format", "json"]
    )
    assert result.code == 2
    assert f"{path}:3: error: the line is longer than 65,536 characters" in result.err
    report = json.loads(result.out)
    assert report["actuals"]["rows"] == rows
    assert [p["line"] for p in report["actuals"]["problems"]] == [3]


def test_an_actuals_line_that_is_not_utf8_is_one_problem(run_cli: RunCli, tmp_path: Path) -> None:
    """Each line is decoded on its own: a bad byte is a problem of its line, not of the file
    (before, one bad byte refused the whole file)."""
    lines = ACTUALS.read_bytes().splitlines(keepends=True)
    path = tmp_path / "actuals.csv"
    path.write_bytes(lines[0] + lines[1] + b"2027-01-05,cskh,tools,\xff\n" + b"".join(lines[2:]))
    result = run_cli(
        ["budget", str(LARGE / "department.yaml"), "--actuals", str(path), "--format", "json"]
    )
    assert result.code == 2
    assert f"{path}:3: error: not UTF-8 (byte 23 of the line)" in result.err
    assert json.loads(result.out)["actuals"]["rows"] == len(lines) - 1


# -- outputs: never over an input -----------------------------------------------------------


def _department_named(tmp_path: Path, name: str) -> tuple[Path, Path]:
    """The growing example copied, its department renamed ``name`` and its routing part
    renamed ``routing.dot`` (both inputs, named like outputs)."""
    folder = _copy(GROWING, tmp_path)
    department = folder / name
    (folder / "department.yaml").rename(department)
    (folder / "routing.yaml").rename(folder / "routing.dot")
    text = department.read_text("utf-8").replace("- routing.yaml", "- routing.dot")
    department.write_text(text, "utf-8")
    return department, folder / "routing.dot"


def test_render_refuses_to_write_over_the_document_or_an_included_file(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """`render D -o D` and `-o` an included file of D: exit 2, the file unchanged."""
    department, included = _department_named(tmp_path, "department.dot")
    for target in (department, included):
        before = target.read_bytes()
        for force in ([], ["--force"]):
            result = run_cli(["render", str(department), "-o", str(target), *force])
            assert result.code == 2, result
            assert "is one of this command's inputs" in result.err
            assert str(target) in result.err
            assert target.read_bytes() == before


def test_render_refuses_an_input_reached_through_a_link(run_cli: RunCli, tmp_path: Path) -> None:
    """`-o` a link to the document is refused as the document, not followed."""
    department, _ = _department_named(tmp_path, "department.dot")
    before = department.read_bytes()
    link = tmp_path / "link.dot"
    link.symlink_to(department)
    result = run_cli(["render", str(department), "-o", str(link), "--force"])
    assert result.code == 2
    assert department.read_bytes() == before


def test_simulate_refuses_records_over_the_workload_or_the_document(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """`--workload w.jsonl --records w.jsonl` (and the department as records): exit 2 before
    anything is simulated, the input intact."""
    folder = _copy(GROWING, tmp_path)
    workload = folder / "w.jsonl"
    (folder / "workload.yaml").rename(workload)
    department = folder / "department.csv"
    (folder / "department.yaml").rename(department)
    for target in (workload, department, folder / "units.yaml"):
        before = target.read_bytes()
        args = ["simulate", str(department), "--workload", str(workload), *QUICK]
        result = run_cli([*args, "--records", str(target), "--force"])
        assert result.code == 2, result
        if target.suffix in (".jsonl", ".csv"):
            assert "is one of this command's inputs" in result.err
        assert target.read_bytes() == before


# -- outputs: existing files, --force, links -----------------------------------------------


def _simulate(target: Path, *extra: str) -> list[str]:
    return [
        "simulate",
        str(GROWING / "department.yaml"),
        "--workload",
        str(GROWING / "workload.yaml"),
        *QUICK,
        "--records",
        str(target),
        *extra,
    ]


OUTPUTS: dict[str, tuple[str, Callable[..., list[str]], Callable[[Path], bool]]] = {
    "render": (
        "org.dot",
        lambda t, *x: ["render", str(GROWING / "department.yaml"), "-o", str(t), *x],
        lambda t: t.read_text("utf-8").startswith("digraph"),
    ),
    "schema": (
        "s.json",
        lambda t, *x: ["schema", "-o", str(t), *x],
        lambda t: "$schema" in json.loads(t.read_text("utf-8")),
    ),
    "simulate": (
        "records.jsonl",
        _simulate,
        lambda t: json.loads(t.read_text("utf-8").splitlines()[0])["ticket"] >= 0,
    ),
    "init": (
        "department.yaml",
        lambda t, *x: ["init", "-o", str(t), *x],
        lambda t: t.read_text("utf-8").startswith("# yaml-language-server"),
    ),
}


@pytest.mark.parametrize("command", sorted(OUTPUTS))
def test_an_existing_output_is_kept_without_force_and_replaced_with_it(
    run_cli: RunCli, tmp_path: Path, command: str
) -> None:
    """Without --force an existing file is refused (exit 2, naming it, unchanged); with
    --force it is replaced by the new output, and no temporary file is left."""
    name, args, written = OUTPUTS[command]
    target = tmp_path / name
    target.write_text("mine\n", "utf-8")
    result = run_cli(args(target))
    assert result.code == 2, result
    assert f"{target}" in result.err
    assert "already exists" in result.err
    assert target.read_text("utf-8") == "mine\n"
    result = run_cli(args(target, "--force"))
    assert result.code == 0, result.err
    assert written(target)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("command", sorted(OUTPUTS))
def test_an_output_is_never_written_through_a_link(
    run_cli: RunCli, tmp_path: Path, command: str
) -> None:
    """A dangling link as the output, with --force too: exit 2 naming the link, the file it
    points to not created; a link to a file: the file unchanged."""
    name, args, _ = OUTPUTS[command]
    target = tmp_path / name
    pointed = tmp_path / "elsewhere" / name
    target.symlink_to(pointed)
    (tmp_path / "elsewhere").mkdir()
    for force in ([], ["--force"]):
        result = run_cli(args(target, *force))
        assert result.code == 2, result
        if command != "init" or force:  # init says "already exists" first, like for a file
            assert "is a symbolic link" in result.err, result.err
        assert not pointed.exists()
    pointed.write_text("theirs\n", "utf-8")
    result = run_cli(args(target, "--force"))
    assert result.code == 2
    assert pointed.read_text("utf-8") == "theirs\n"
    assert target.is_symlink()


def test_render_all_refuses_an_existing_file_before_writing_any(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """`render --all -o DIR` with one of its files already there: exit 2 naming it, and no
    file written (every target is checked before the first is drawn)."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "routing.mmd").write_text("mine\n", "utf-8")
    result = run_cli(["render", str(GROWING / "department.yaml"), "--all", "-o", str(out)])
    assert result.code == 2
    assert f"{out / 'routing.mmd'}: already exists; pass --force" in result.err
    assert [p.name for p in out.iterdir()] == ["routing.mmd"]
    assert (out / "routing.mmd").read_text("utf-8") == "mine\n"


def test_render_all_with_force_replaces_the_files(tmp_path: Path) -> None:
    """The library's render_all: refused without force once the files exist, replaced with
    it (text formats: no Graphviz needed)."""
    from cskh_org.errors import SourceError
    from cskh_org.loading import validate
    from cskh_org.render import render_all

    department = validate(GROWING / "department.yaml").unwrap()
    out = tmp_path / "out"
    written, _ = render_all(department, out, formats=("dot", "mermaid"))
    assert written
    (out / "org.dot").write_text("old\n", "utf-8")
    with pytest.raises(SourceError, match="already exists"):
        render_all(department, out, formats=("dot", "mermaid"))
    assert (out / "org.dot").read_text("utf-8") == "old\n"
    render_all(department, out, formats=("dot", "mermaid"), force=True)
    assert (out / "org.dot").read_text("utf-8").startswith("digraph")


# -- I/O failures ------------------------------------------------------------------------------


def test_schema_into_a_missing_folder_names_the_path(run_cli: RunCli, tmp_path: Path) -> None:
    """`schema -o missing/dir/x.json`: exit 2, one line naming the file and the folder."""
    target = tmp_path / "missing" / "dir" / "x.json"
    result = run_cli(["schema", "-o", str(target)])
    assert result.code == 2
    assert result.err == f"cskh-org: error: {target}: no such folder {target.parent}\n"
    assert not (tmp_path / "missing").exists()


def test_records_on_a_full_disk_leave_nothing(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills while the records are written (simulated: every write fails with
    ENOSPC): exit 2 naming the file and the reason, no file and no temporary file left."""

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "records.csv"
    result = run_cli(_simulate(target))
    assert result.code == 2, result
    assert f"{target}: cannot write the records (No space left on device)" in result.err
    assert list(tmp_path.iterdir()) == []


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [
        ["schema"],
        ["render", "examples/small/department.yaml"],
        ["route", "examples/growing/department.yaml", "--ticket", '{"channel": "email"}'],
    ],
    ids=["schema", "render", "route"],
)
def test_a_full_standard_output_is_exit_2(args: list[str]) -> None:
    """`cskh-org … > /dev/full`: exit 2 with one line saying why, not an internal error."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("CSKH_ORG_DEBUG", None)
    full = os.open("/dev/full", os.O_WRONLY)  # never O_CREAT: no file made if it is gone
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "cskh_org", *args],
            cwd=ROOT,
            env=env,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(full)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == (
        "cskh-org: error: <stdout>: cannot write the output (No space left on device)\n"
    )


@needs_fifo
def test_an_output_that_is_not_a_file_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    """`-o` a named pipe (or a device: the same check), with --force too: exit 2, nothing
    replaced. (A pipe in the test's own folder, never a device of the system: were the check
    broken, the device would be replaced by a file.)"""
    pipe = tmp_path / "s.json"
    os.mkfifo(pipe)
    result = _guarded(lambda: run_cli(["schema", "-o", str(pipe), "--force"]))
    assert result.code == 2
    assert f"{pipe}: is a named pipe; give the path of a file to write" in result.err
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


@needs_dev_zero
def test_dev_zero_is_refused_before_a_byte_is_read(run_cli: RunCli) -> None:
    """Refused on its kind, not read until memory or patience runs out: in a second."""
    args = ["route", str(GROWING / "department.yaml"), "--tickets", "/dev/zero"]
    result = _guarded(functools.partial(run_cli, args), seconds=10)
    assert result.code == 2
    assert "/dev/zero: is a device, not a file" in result.err
