"""``cskh-org route FILE --router R --ticket JSON`` is parsed without argparse, as argparse
parses it: the same arguments, or (anything else) left to argparse."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cskh_org.cli import _parser, _route_args

ROOT = Path(__file__).resolve().parents[2]
TICKET = '{"channel": "phone"}'


@pytest.mark.parametrize(
    "argv",
    [
        ["route", "d.yaml", "--router", "r.json", "--ticket", TICKET],
        ["route", "--router", "r.json", "--ticket", TICKET, "d.yaml"],
        ["route", "d.yaml", "--ticket", TICKET, "--router", "r.json", "--explain"],
        ["route", "d.yaml", "--router", "r.json", "--ticket", TICKET, "--format", "json"],
        ["route", "d.yaml", "--router", "r.json", "--ticket", TICKET, "--lang", "vi"],
        ["route", "d.yaml", "--router", "r.json", "--ticket", TICKET, "--lang", "en"],
    ],
)
def test_the_light_parse_gives_what_argparse_gives(argv: list[str]) -> None:
    light = _route_args(argv)
    assert light is not None
    assert vars(light) == vars(_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["route", "d.yaml", "--ticket", TICKET],  # no router: the document is validated
        ["route", "d.yaml", "--router", "r.json", "--tickets", "t.jsonl"],
        ["route", "d.yaml", "--router", "r.json", "--ticket", TICKET, "--format", "yaml"],
        ["route", "d.yaml", "--router", "r.json", "--ticket", TICKET, "--lang", "fr"],
        [
            "route",
            "d.yaml",
            "--router",
            "r.json",
            "--ticket",
            TICKET,
            "--lang",
            "vi",
            "--lang",
            "en",
        ],
        ["route", "d.yaml", "--router", "r.json", "--ticket", TICKET, "--explain", "--explain"],
        ["route", "d.yaml", "e.yaml", "--router", "r.json", "--ticket", TICKET],
        ["route", "d.yaml", "--router=r.json", "--ticket", TICKET, "--format", "json"],
        ["route", "d.yaml", "--rout", "r.json", "--ticket", TICKET, "--format", "json"],
        ["route", "d.yaml", "--router", "r.json", "--ticket", TICKET, "-h"],
        ["route", "d.yaml", "--router", "r.json", "--ticket", "--explain", "--lang", "en"],
        ["validate", "d.yaml", "--router", "r.json", "--ticket", TICKET],
        ["route", "d.yaml", "--router", "r.json", "--ticket"],
    ],
)
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    assert _route_args(argv) is None


def test_routing_from_a_router_file_does_not_import_argparse(tmp_path: Path) -> None:
    """The cold ``route --router --ticket`` process loads neither argparse nor the reports of
    other commands."""
    code = (
        "import contextlib, io, json, sys\n"
        "from cskh_org.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = main(sys.argv[1:])\n"
        "print(json.dumps([code, 'argparse' in sys.modules]))"
    )
    document = ROOT / "examples" / "large" / "department.yaml"
    router = tmp_path / "router.json"
    subprocess.run(
        [sys.executable, "-m", "cskh_org", "compile", str(document), "-o", str(router)],
        check=True,
        capture_output=True,
    )
    argv = ["route", str(document), "--router", str(router), "--ticket", TICKET]
    proc = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[-1]) == [0, False]
