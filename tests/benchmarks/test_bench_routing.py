"""The counted children of ``benchmarks/bench_routing.py --instructions``: each routes the
number of decisions it says, so the slope the parent takes is per decision, and the router
decides as the plain loop does on the tickets counted. The figures are measured by running
the benchmark, not asserted."""

from __future__ import annotations

import random
import re

import pytest

from benchmarks import bench_routing as b
from cskh_org.model import TicketSchema
from cskh_org.model.routing import Routing
from cskh_org.routing import Router


@pytest.mark.parametrize("kind", b.COUNTED)
def test_a_counted_child_says_how_many_decisions_it_made(
    kind: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(b, "COUNT_POOL", 200)
    monkeypatch.setattr(b, "PLAIN_POOL", 50)
    b.counted_child(kind, 3, 60, 7)
    found = re.search(r"^decisions (\d+)$", capsys.readouterr().out, re.MULTILINE)
    assert found is not None
    pool = 50 if kind == "plain" else 200
    assert int(found.group(1)) == 3 * pool


def test_the_benchmark_router_agrees_with_its_plain_loop() -> None:
    rng = random.Random(3)
    table = b.make_rules(80, rng)
    router = Router(Routing.model_validate(table), TicketSchema.model_validate(b.SCHEMA))
    plain = b.plain_rules(table)
    for _ in range(500):
        ticket = b.make_partial(rng) if rng.random() < 0.5 else b.make_ticket(rng)
        assert router.route(ticket).unit == b.plain_route(plain, table["default"]["unit"], ticket)


def test_every_counted_child_runs_with_one_hash_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The slope between two counted children leaves out the building of the table only when
    both build it alike: the same hash seed, so the same set and dict layouts."""
    import subprocess
    from types import SimpleNamespace

    seen: list[str | None] = []

    def fake(argv: list[str], **kwargs: object) -> SimpleNamespace:
        env = kwargs["env"]
        assert isinstance(env, dict)
        seen.append(env.get("PYTHONHASHSEED"))
        return SimpleNamespace(returncode=0, stderr="Collected : 1234", stdout="decisions 10\n")

    monkeypatch.setenv("PYTHONHASHSEED", "random")
    monkeypatch.setattr(subprocess, "run", fake)
    assert b._callgrind("full", 10, 60, 7) == (1234, 10)
    assert b._callgrind("full", 20, 60, 7) == (1234, 10)
    assert seen == ["0", "0"]
