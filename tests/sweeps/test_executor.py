from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import pytest

from cskh_org.simulation.results import DIMENSIONS
from cskh_org.sweeps.executor import (
    DaskExecutor,
    Executor,
    LocalExecutor,
    dimensions_of,
    run_replications,
)
from cskh_org.sweeps.store import ResultStore
from tests.sweeps.helpers import variants

SPECS = variants(3)
REQUESTS = [(s.id, r) for s in SPECS for r in range(4)]
DAYS = 2.0


def _run(executor: Executor, *, batch: int = 2, **kw: object) -> list[str]:
    """The results, bit for bit (a float's repr is exact; NaN equals NaN here)."""
    got = run_replications(
        SPECS,
        REQUESTS,
        days=DAYS,
        seed=7,
        executor=executor,
        batch=batch,
        **kw,  # type: ignore[arg-type]
    )
    assert list(got) == REQUESTS
    return [json.dumps(r.to_json(), sort_keys=True) for r in got.values()]


@pytest.fixture(scope="module")
def local() -> list[str]:
    return _run(LocalExecutor(1))


def test_local_kpis(local: list[str]) -> None:
    first = json.loads(local[0])["kpis"]
    assert "overall/sla.first_response" in first
    assert first["staff_cost_month"] > 0
    assert json.loads(local[4])["kpis"]["staff_cost_month"] > first["staff_cost_month"]
    assert local[0] != local[1]


def test_two_processes_identical(local: list[str]) -> None:
    executor = LocalExecutor(2)
    assert _run(executor) == local
    # 3 variants, 6 tasks: each worker compiles each variant it meets at most once
    assert executor.compilations <= 2 * len(SPECS)


def test_compiled_once_per_variant() -> None:
    executor = LocalExecutor(1)
    _run(executor)
    assert executor.compilations == len(SPECS)


def test_dask_identical_and_killed_worker(local: list[str]) -> None:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    try:
        with DaskExecutor(cluster.scheduler_address) as first:
            assert _run(first) == local
            assert _run(first, batch=1) == local  # the client kept open: more runs on it
            assert _run(first, batch=1) == local
            assert first.client is not None
            # 30 tasks of 3 variants on 2 workers: each worker compiles a variant once
            assert len(SPECS) <= first.compilations <= 2 * len(SPECS)
        assert first.client is None
        executor = DaskExecutor(cluster.scheduler_address)
        killed: list[str] = []

        def kill(done: int, total: int) -> None:
            if done > 0 and not killed and executor.client is not None:
                address = sorted(executor.client.scheduler_info()["workers"])[0]
                killed.append(address)
                with contextlib.suppress(Exception):  # the worker dies answering
                    executor.client.run(os._exit, 1, workers=[address])

        assert _run(executor, progress=kill) == local
        assert killed
        executor.close()
    finally:
        cluster.close()


def test_resume(tmp_path: Path, local: list[str]) -> None:
    path = tmp_path / "sweep.jsonl"

    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        if done >= total // 2:
            raise Stop

    with pytest.raises(Stop):
        _run(LocalExecutor(1), store=ResultStore(path), progress=stop)
    seen: list[int] = []
    again = _run(LocalExecutor(1), store=ResultStore(path), progress=lambda d, t: seen.append(d))
    assert again == local
    assert 0 < seen[0] < len(REQUESTS)


def test_kept_kpis_are_the_same_numbers(tmp_path: Path, local: list[str]) -> None:
    """Asking for a few KPIs sums up less, and gives those KPIs to the bit; a store of such
    results answers the same request again but not a request for every KPI."""
    wanted = ["overall/abandonment", "overall/sla.first_response", "load=support/utilisation"]
    store = ResultStore(tmp_path / "few.jsonl")
    few = _run(LocalExecutor(1), kpis=wanted, store=store)
    for full, part in zip(local, few, strict=True):
        everything, kept = json.loads(full)["kpis"], json.loads(part)["kpis"]
        assert set(kept) == {*wanted, "staff_cost_month"}
        assert all(kept[name] == everything[name] for name in kept)
        assert json.loads(part)["asked"] == [*wanted, "staff_cost_month"]
    seen: list[int] = []
    again = _run(
        LocalExecutor(1),
        kpis=wanted[:1],
        store=ResultStore(store.path),
        progress=lambda d, t: seen.append(d),
    )
    assert again == few  # fewer KPIs asked: the stored results answer
    assert seen[0] == len(REQUESTS)  # nothing re-run
    seen.clear()
    assert (
        _run(LocalExecutor(1), store=ResultStore(store.path), progress=lambda d, t: seen.append(d))
        == local
    )
    assert seen[0] == 0  # every KPI asked: every replication re-run


def test_dimensions_of_kpis() -> None:
    assert dimensions_of(["overall/abandonment", "staff_cost_month"]) == ()
    assert dimensions_of(["load=support/utilisation"]) == ("unit",)
    assert dimensions_of(["channel=email/abandonment", "unit=support/resolved"]) == (
        "unit",
        "channel",
    )
    assert dimensions_of(["stage=bot/deflected"]) == ()
    assert dimensions_of(["something/else"]) == DIMENSIONS
    assert dimensions_of(None) == DIMENSIONS
