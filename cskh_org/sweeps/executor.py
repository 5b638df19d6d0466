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
    "STAFF_COST",
    "DaskExecutor",
    "Executor",
    "LocalExecutor",
    "Task",
    "TaskDone",
    "WorkerCache",
    "dimensions_of",
    "run_replications",
]

TARGET_SECONDS = 0.1
"""The least time a task should take (its overhead is then small beside it)."""

Task = tuple[str, tuple[int, ...], float, int, tuple[str, ...] | None]
"""``(variant id, replications, days, seed, KPIs)``: the KPIs to keep (``None``: every one)."""
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

    def spec(self, variant: str) -> VariantSpec:
        spec = self.specs.get(variant)
        if spec is None:
            raise _words("executor.unknown-variant", variant=variant)
        return spec

    def run(self, task: Task) -> TaskDone:
        """A task's replications, and the seconds they took (compiling left out)."""
        from cskh_org.checks.budget import staff_costs
        from cskh_org.simulation.results import sum_up, summarize

        variant, replications, days, seed, wanted = task
        spec = self.spec(variant)
        sim = self.simulation(spec, days)
        cost = float(sum(staff_costs(spec.department).values()) / 12)
        dimensions = dimensions_of(wanted)
        out: list[RepResult] = []
        started = time.perf_counter()
        for r in replications:
            result = summarize(
                [sum_up(sim.run(r, seed), dimensions)],
                department=spec.department,
                workload=spec.workload,
                days=days,
                warmup=sim.warmup,
                seed=seed,
            )
            samples = result.samples
            names = samples if wanted is None else [n for n in wanted if n in samples]
            kpis = {name: float(samples[name][0]) for name in names}
            kpis[STAFF_COST] = cost
            out.append(RepResult(variant, r, kpis, wanted))
        return out, time.perf_counter() - started


STAFF_COST = "staff_cost_month"
"""The KPI of a variant's monthly staff cost (the same in every replication)."""


def dimensions_of(kpis: Sequence[str] | None) -> tuple[str, ...]:
    """The groupings (:data:`~cskh_org.simulation.results.DIMENSIONS`) that the KPIs named
    ``kpis`` are read from: none for ``overall/…``, ``unit`` for ``unit=…`` and ``load=…``
    (a unit's cost per ticket counts its resolved tickets), every one for a name of another
    shape or ``None``."""
    from cskh_org.simulation.results import DIMENSIONS

    if kpis is None:
        return tuple(DIMENSIONS)
    needed: set[str] = set()
    for name in kpis:
        group, _, _rest = name.partition("/")
        dimension = group.partition("=")[0]
        if name == STAFF_COST or group == "overall" or dimension == "stage":
            continue
        if dimension == "load":
            needed.add("unit")
        elif dimension in DIMENSIONS:
            needed.add(dimension)
        else:
            return tuple(DIMENSIONS)
    return tuple(d for d in DIMENSIONS if d in needed)


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


def _dask_run(
    specs: Mapping[str, VariantSpec], task: Task
) -> tuple[list[RepResult], float, tuple[str, int]]:
    """A task on a Dask worker: the process's cache, filled from the scattered specs; the
    worker's address and its compilations so far."""
    import importlib

    cache = _PROCESS.get("cache")
    if cache is None:
        cache = _PROCESS["cache"] = WorkerCache(specs)
    else:  # a worker of a cluster kept open runs the next sweep's variants too
        cache.specs.update(specs)
    results, seconds = cache.run(task)
    worker: Any = importlib.import_module("distributed").get_worker()
    return results, seconds, (str(worker.address), cache.compilations)


def _warm() -> None:
    """Import the simulation on a worker before its first task (on a worker just started,
    the imports take longer than a task)."""
    import cskh_org.checks.budget
    import cskh_org.simulation.engine
    import cskh_org.simulation.results  # noqa: F401


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
        self._compiled: dict[str, int] = {}
        self.compilations = 0
        """Compilations so far on the cluster, summed over its workers (a worker's count
        since it started: one per variant it ran, however many of its tasks it ran)."""

    def start(self) -> None:
        """Connect (starting the ``LocalCluster``) and import the simulation on every worker,
        so a run's first tasks wait for neither; :meth:`run` does it when not done."""
        self._connect()

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
        self.client.run(_warm)
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
            results, seconds, (worker, compiled) = future.result()
            self._compiled[worker] = max(compiled, self._compiled.get(worker, 0))
            self.compilations = sum(self._compiled.values())
            yield results, seconds

    def close(self) -> None:
        """Close the client, and the cluster this executor started."""
        client, cluster = self.client, self._cluster
        self.client = self._cluster = self._shared = None
        self._compiled = {}
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
    kpis: Sequence[str] | None = None,
) -> dict[tuple[str, int], RepResult]:
    """Run each (variant id, replication) of ``requests`` not already in ``store``, batched
    into tasks of ``batch`` replications of one variant (``None``: enough for
    :data:`TARGET_SECONDS`, or the executor's ``task_seconds``, from the time one
    replication takes here, compiling left out), on ``executor``; the results by request,
    in the order asked. ``kpis``: the KPIs to keep (``None``: every one; fewer are quicker
    to sum up, send and store). ``progress(done, total)`` counts replications."""
    by_id = {spec.id: spec for spec in specs}
    for variant, _r in requests:
        if variant not in by_id:
            raise _words("executor.unknown-variant", variant=variant)
    wanted_kpis = None if kpis is None else tuple(dict.fromkeys([*kpis, STAFF_COST]))
    got: dict[tuple[str, int], RepResult] = {}
    if store is not None:
        store.open(sweep_id(specs, days=days, seed=seed))
        got.update((k, r) for k, r in store.results().items() if r.serves(wanted_kpis))
    wanted = list(dict.fromkeys(requests))
    missing = [request for request in wanted if request not in got]
    total = len(wanted)
    done = total - len(missing)
    if progress is not None:
        progress(done, total)
    if missing and batch is None:
        variant, r = missing[0]
        cache = WorkerCache(by_id)
        cache.simulation(cache.spec(variant), float(days))  # compiling is not a task's work
        results, elapsed = cache.run((variant, (r,), float(days), seed, wanted_kpis))
        target = float(getattr(executor, "task_seconds", TARGET_SECONDS))
        batch = max(1, math.ceil(target / max(elapsed, 1e-6)))
        _keep(results, got, store)
        missing = missing[1:]
        done += 1
        if progress is not None:
            progress(done, total)
    size = max(1, batch or 1)
    per_variant: dict[str, list[int]] = {}
    for variant, r in missing:
        per_variant.setdefault(variant, []).append(r)
    tasks: list[Task] = [
        (variant, tuple(reps[i : i + size]), float(days), seed, wanted_kpis)
        for variant, reps in per_variant.items()
        for i in range(0, len(reps), size)
    ]
    if tasks:
        for results, _seconds in executor.run(by_id, tasks):
            done += sum(1 for r in results if (r.variant, r.replication) not in got)
            _keep(results, got, store)
            if progress is not None:
                progress(done, total)
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
