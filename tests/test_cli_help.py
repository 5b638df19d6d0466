"""``--help`` of ``cskh-org`` and of every subcommand reads as written (no argparse escapes)."""

from __future__ import annotations

import re

import pytest

from cskh_org.cli import main


def _help(*args: str, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exc:
        main([*args, "--help"])
    assert exc.value.code == 0
    return capsys.readouterr().out


def _subcommands(capsys: pytest.CaptureFixture[str]) -> list[str]:
    usage = _help(capsys=capsys)
    found = re.search(r"\{([a-z,-]+)\}", usage)
    assert found, usage
    return found.group(1).split(",")


def test_every_help_text_shows_a_plain_percent_sign(capsys: pytest.CaptureFixture[str]) -> None:
    """No `--help` prints argparse's `%%` escape: `simulate` says "95 % confidence"."""
    commands = _subcommands(capsys)
    assert {"render", "simulate", "budget"} <= set(commands)
    texts = {command: _help(command, capsys=capsys) for command in commands}
    texts["cskh-org"] = _help(capsys=capsys)
    assert {name for name, text in texts.items() if "%%" in text} == set()
    assert "95 % confidence" in " ".join(texts["simulate"].split())
