"""Running a sweep's replications: batched into tasks of several replications of one
variant, on local processes (:class:`LocalExecutor`) or a Dask cluster
(:class:`DaskExecutor`); each worker compiles a variant's simulation once. Every replication
draws from its own random streams, so the results are identical whatever the executor, its
workers or the order tasks finish."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from cskh_org.errors import UsageError
from cskh_org.sweeps.spec import RepResult, VariantSpec
from cskh_org.sweeps.store import ResultStore, sweep_id

if TYPE_CHECKING:
    from cskh_org.simulation.engine import Simulation

__all__ = [
    "DaskExecutor",
    "Executor",
    "LocalExecutor",
    "Task",
    "TaskDone",
    "WorkerCache",
    "run_replications",
]

TARGET_SECONDS = 0.1
"""The least time a task should take (its overhead is then small beside it)."""

Task = tuple[str, tuple[int, ...], float, int]
"""``(variant id, replications, days, seed)``."""
TaskDone = tuple[list[RepResult], float]
"""A task's results and the seconds its replications took in the worker."""


def _words(key: str, **fields: object) -> UsageError:
    from cskh_org.words import both
    from cskh_org.words import executor as _w  # noqa: F401

    return UsageError(both(key, **fields))


class WorkerCache:
    """A worker's variants and their compiled simulations, by :meth:`VariantSpec.key`;
    :attr:`compilations` counts the compilations (one per variant per worker)."""

    def __init__(self, specs: Mapping[str, VariantSpec]) -> None:
        self.specs = dict(specs)
        self.sims: dict[str, Simulation] = {}
        self.compilations = 0

    def simulation(self, spec: VariantSpec, days: float) -> Simulation:
        from cskh_org.simulation.engine import Simulation

        key = f"{spec.key()}/{days!r}"
        sim = self.sims.get(key)
        if sim is None:
            sim = Simulation(spec.department, spec.workload, days=days)
            self.compilations += 1
            self.sims[key] = sim
        return sim

    def run(self, task: Task) -> TaskDone:
        from cskh_org.checks.budget import staff_costs
        from cskh_org.simulation.results import sum_up, summarize

        variant, replications, days, seed = task
        spec = self.specs.get(variant)
        if spec is None:
            raise _words("executor.unknown-variant", variant=variant)
        sim = self.simulation(spec, days)
        cost = float(sum(staff_costs(spec.department).values()) / 12)
        out: list[RepResult] = []
        started = time.perf_counter()
        for r in replications:
            result = summarize(
                [sum_up(sim.run(r, seed))],
                department=spec.department,
                workload=spec.workload,
                days=days,
                warmup=sim.warmup,
                seed=seed,
            )
            kpis = {name: float(values[0]) for name, values in result.samples.items()}
            kpis["staff_cost_month"] = cost
            out.append(RepResult(variant, r, kpis))
        return out, time.perf_counter() - started


class Executor(Protocol):
    """Runs tasks, yielding each one's results as it finishes (in any order)."""

    def run(
        self, specs: Mapping[str, VariantSpec], tasks: Sequence[Task]
    ) -> Iterator[TaskDone]: ...


_PROCESS: dict[str, WorkerCache] = {}
"""In a worker process only: its cache (the specs it was given when it started)."""


def _start_worker(specs: Mapping[str, VariantSpec]) -> None:
    _PROCESS["cache"] = WorkerCache(specs)


def _run_in_process(task: Task) -> tuple[list[RepResult], float, tuple[int, int]]:
    import os

    cache = _PROCESS["cache"]
    results, seconds = cache.run(task)
    return results, seconds, (os.getpid(), cache.compilations)


class LocalExecutor:
    """Tasks in this process (``workers`` 1) or in a pool of ``workers`` forked processes,
    each given the specs once when it starts."""

    def __init__(self, workers: int = 1) -> None:
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
            raise _words("executor.workers", value=repr(workers)[:40])
        self.workers = workers
        self.compilations = 0
        """Compilations in the last run, summed over its workers."""

    def run(self, specs: Mapping[str, VariantSpec], tasks: Sequence[Task]) -> Iterator[TaskDone]:
        self.compilations = 0
        if self.workers == 1 or len(tasks) <= 1:
            cache = WorkerCache(specs)
            for task in tasks:
                done = cache.run(task)
                self.compilations = cache.compilations
                yield done
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        counts: dict[int, int] = {}
        with ProcessPoolExecutor(
            min(self.workers, len(tasks)), context, _start_worker, (dict(specs),)
        ) as pool:
            futures = [pool.submit(_run_in_process, task) for task in tasks]
            try:
                for future in as_completed(futures):
                    results, seconds, (pid, compiled) = future.result()
                    # a worker's count only grows: its latest is its total
                    counts[pid] = max(compiled, counts.get(pid, 0))
                    self.compilations = sum(counts.values())
                    yield results, seconds
            finally:
                for future in futures:
                    future.cancel()


def _dask_run(specs: Mapping[str, VariantSpec], task: Task) -> tuple[list[RepResult], float, int]:
    """A task on a Dask worker: the process's cache, filled from the scattered specs."""
    cache = _PROCESS.get("cache")
    if cache is None:
        cache = _PROCESS["cache"] = WorkerCache(specs)
    else:  # a worker of a cluster kept open runs the next sweep's variants too
        cache.specs.update(specs)
    results, seconds = cache.run(task)
    return results, seconds, cache.compilations


class DaskExecutor:
    """Tasks on a Dask cluster: the scheduler at ``scheduler`` (``tcp://host:8786``), or a
    ``LocalCluster`` of ``workers`` processes it starts. The client (and the cluster it
    started) stays open from the first run to :meth:`close` (or the end of a ``with``), so a
    sequential selection's many small runs share one cluster; the specs are scattered once to
    every worker per set of variants; a task whose worker dies is retried elsewhere."""

    task_seconds: float = 0.5
    """Tasks aim at this much work: a Dask task costs tens of milliseconds to schedule,
    send and gather, against a few for a local process."""

    def __init__(
        self, scheduler: str | None = None, workers: int | None = None, *, retries: int = 3
    ) -> None:
        try:
            import distributed  # noqa: F401
        except ImportError as error:
            raise _words("executor.no-dask") from error
        if workers is not None and (
            isinstance(workers, bool) or not isinstance(workers, int) or workers < 1
        ):
            raise _words("executor.workers", value=repr(workers)[:40])
        self.scheduler = scheduler
        self.workers = workers
        self.retries = retries
        self.client: Any = None
        """The client once connected (a test may kill a worker through it)."""
        self._cluster: Any = None
        self._shared: tuple[tuple[str, ...], Any] | None = None

    def _connect(self) -> Any:
        if self.client is not None:
            return self.client
        import importlib

        dist: Any = importlib.import_module("distributed")
        if self.scheduler is None:
            self._cluster = dist.LocalCluster(
                n_workers=self.workers or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            self.client = dist.Client(self._cluster)
        else:
            self.client = dist.Client(self.scheduler)
        return self.client

    def run(self, specs: Mapping[str, VariantSpec], tasks: Sequence[Task]) -> Iterator[TaskDone]:
        import importlib

        as_completed: Any = importlib.import_module("distributed").as_completed
        client = self._connect()
        keys = tuple(f"{name}:{spec.key()}" for name, spec in sorted(specs.items()))
        if self._shared is None or self._shared[0] != keys:
            self._shared = (keys, client.scatter(dict(specs), broadcast=True))
        shared = self._shared[1]
        futures = [
            client.submit(_dask_run, shared, task, retries=self.retries, pure=False)
            for task in tasks
        ]
        for future in as_completed(futures):
            results, seconds, _compiled = future.result()
            yield results, seconds

    def close(self) -> None:
        """Close the client, and the cluster this executor started."""
        client, cluster = self.client, self._cluster
        self.client = self._cluster = self._shared = None
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def run_replications(
    specs: Sequence[VariantSpec],
    requests: Sequence[tuple[str, int]],
    *,
    days: float,
    seed: int,
    executor: Executor,
    store: ResultStore | None = None,
    progress: Callable[[int, int], None] | None = None,
    batch: int | None = None,
) -> dict[tuple[str, int], RepResult]:
    """Run each (variant id, replication) of ``requests`` not already in ``store``, batched
    into tasks of ``batch`` replications of one variant (``None``: enough for
    :data:`TARGET_SECONDS` (or the executor's ``task_seconds``), from the time of a first
    replication run here), on
    ``executor``; the results by request, in the order asked. ``progress(done, total)``
    counts replications."""
    by_id = {spec.id: spec for spec in specs}
    for variant, _r in requests:
        if variant not in by_id:
            raise _words("executor.unknown-variant", variant=variant)
    got: dict[tuple[str, int], RepResult] = {}
    if store is not None:
        store.open(sweep_id(specs, days=days, seed=seed))
        got.update(store.results())
    wanted = list(dict.fromkeys(requests))
    missing = [request for request in wanted if request not in got]
    total = len(wanted)
    if progress is not None:
        progress(total - len(missing), total)
    if missing and batch is None:
        variant, r = missing[0]
        started = time.perf_counter()
        results, _ = WorkerCache(by_id).run((variant, (r,), days, seed))
        elapsed = time.perf_counter() - started
        target = float(getattr(executor, "task_seconds", TARGET_SECONDS))
        batch = max(1, math.ceil(target / max(elapsed, 1e-6)))
        _keep(results, got, store)
        missing = missing[1:]
        if progress is not None:
            progress(total - len(missing), total)
    size = max(1, batch or 1)
    per_variant: dict[str, list[int]] = {}
    for variant, r in missing:
        per_variant.setdefault(variant, []).append(r)
    tasks: list[Task] = [
        (variant, tuple(reps[i : i + size]), float(days), seed)
        for variant, reps in per_variant.items()
        for i in range(0, len(reps), size)
    ]
    if tasks:
        for results, _seconds in executor.run(by_id, tasks):
            _keep(results, got, store)
            if progress is not None:
                progress(sum(1 for request in wanted if request in got), total)
    return {request: got[request] for request in wanted}


def _keep(
    results: list[RepResult],
    got: dict[tuple[str, int], RepResult],
    store: ResultStore | None,
) -> None:
    if store is not None:
        store.add(results)
    for result in results:
        got[(result.variant, result.replication)] = result
