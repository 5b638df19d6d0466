"""``benchmarks/bench_simulation.py``'s way of measuring the workers' speed-up: one process and
two workers alternated, the best call of each. The figures are measured by running it."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import bench_simulation


def test_one_process_and_the_workers_are_alternated_and_the_best_of_each_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    walls = iter([10.0, 7.0, 9.0, 8.0, 11.0, 5.0])  # one, two, one, two, one, two

    def fake(
        days: float, workers: int, folder: Path, replications: int, repeat: int = 1
    ) -> tuple[int, float, float, float]:
        assert (days, replications, repeat) == (14.0, 2, 1)
        calls.append(workers)
        return 100, next(walls), 1.0, float(workers)

    monkeypatch.setattr(bench_simulation, "large_parallel", fake)
    one, two = bench_simulation.large_speedup(14.0, 2, Path("x"), repeat=3)
    assert calls == [1, 2, 1, 2, 1, 2]
    assert one == (100, 9.0, 1.0, 1.0)
    assert two == (100, 5.0, 1.0, 2.0)
