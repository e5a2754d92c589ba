"""Ingest on a Dask cluster: a local one (all cores) or one the user already runs.

The input is cut into work units; each worker loads the spaCy pipeline once (a worker plugin)
and writes one Parquet shard per unit; the store is then filled from the shards in input
order. Dask reschedules the units of a worker that dies; a rerun of the same command skips
every unit whose shard is already finished.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker
from distributed.comm.addressing import get_address_host_port

from detente.coder import Coder
from detente.ingest.pipeline import (
    IngestOptions,
    IngestSummary,
    article_id,
    code_documents,
)
from detente.ingest.shards import ShardInfo, finished, merge_shards, write_shard
from detente.ingest.text import InputProblem
from detente.ingest.units import DEFAULT_CHUNK_BYTES, WorkUnit, plan_units
from detente.store import Store

PLUGIN = "detente-coder"
TRIM_EVERY = 16  # articles coded between two returns of freed memory to the system
# The worker's sampling profiler wakes every 10 ms and takes the GIL from the coding thread.
# Dask's MALLOC_TRIM_THRESHOLD_ for workers switches off glibc's dynamic mmap threshold, so
# every large array spaCy allocates becomes an mmap/munmap pair: leave glibc its defaults.
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ": {
        "OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1,
    },
    # the event loop's 20 ms tick and frequent monitors take the GIL from the coding thread
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.tick.limit": "30s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.gil.enabled": False,  # it samples the GIL every 1 ms
    "distributed.worker.memory.monitor-interval": "2s",
}
WORKER_MEMORY = "1GiB"
START_ATTEMPTS = 2  # tries to start the requested local workers before falling back to one


@dataclass(frozen=True)
class CoderSettings:
    model: str | None = None
    dictionaries: tuple[str, ...] = ()
    domestic: bool = False

    @property
    def plugin_name(self) -> str:
        # one plugin per coder configuration: a cluster may serve several configurations
        digest = hashlib.sha256(repr(self).encode()).hexdigest()[:12]
        return f"{PLUGIN}-{digest}"


class CoderPlugin(WorkerPlugin):
    """Loads the coder once per worker process."""

    idempotent = True  # registering it again (a rerun, a benchmark) does not reload the coder

    def __init__(self, settings: CoderSettings) -> None:
        self.settings = settings
        self.name = settings.plugin_name
        self.coder: Coder | None = None

    def setup(self, worker) -> None:
        self.coder = Coder(self.settings.model, self.settings.dictionaries,
                           self.settings.domestic)


def code_unit(unit: WorkUnit, out_dir: str, options: IngestOptions, plugin: str) -> ShardInfo:
    """The task a worker runs: code one unit into a shard (or report the one already there)."""
    folder = Path(out_dir)
    done = finished(folder, unit)
    if done is not None:
        return done
    coder = get_worker().plugins[plugin].coder
    problems: list[str] = []
    documents = []
    for item in unit.read(options.fields, options.date, options.max_bytes):
        if isinstance(item, InputProblem):
            problems.append(str(item))
        else:
            documents.append((article_id(item), item))
    coded = []
    for count, article in enumerate(code_documents(coder, documents), start=1):
        if isinstance(article, InputProblem):
            problems.append(str(article))
            continue
        coded.append(article)
        if count % TRIM_EVERY == 0:
            _give_memory_back()
    info = write_shard(folder, unit, coded, len(documents), problems)
    del coded, documents
    _give_memory_back()
    return info


def _give_memory_back() -> None:
    """Return freed heap to the system between units (glibc keeps it otherwise).

    Done once per unit rather than through MALLOC_TRIM_THRESHOLD_, which slows every large
    allocation while coding.
    """
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to give back
        ctypes.CDLL("libc.so.6").malloc_trim(0)


@dataclass
class ClusterRun:
    """One distributed ingest: where to run, where shards go, what to code."""

    out_dir: Path
    options: IngestOptions
    settings: CoderSettings
    address: str | None = None  # an existing scheduler; None starts a LocalCluster
    workers: int = 2
    chunk_bytes: int = DEFAULT_CHUNK_BYTES

    def code(
        self, paths: list[str], summary: IngestSummary,
        on_unit: Callable[[ShardInfo, int, int], None] | None = None,
        on_problem: Callable[[str], None] | None = None,
    ) -> list[str]:
        """Code every unit into a shard; returns the finished unit ids in input order."""
        units, problems = plan_units(paths, self.chunk_bytes)
        for problem in problems:
            summary.problem(str(problem), on_problem)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        with self._client() as client:
            prepare(client, self.settings)
            futures = client.map(code_unit, units, out_dir=str(self.out_dir),
                                 options=self.options, plugin=self.settings.plugin_name,
                                 key=[f"unit-{u.unit_id}" for u in units], retries=2)
            for count, future in enumerate(as_completed(futures), start=1):
                info = future.result()
                summary.read += info.read
                for problem in info.problems:
                    summary.problem(problem, on_problem)
                if on_unit:
                    on_unit(info, count, len(units))
        return [u.unit_id for u in units]

    def _client(self) -> Client:
        if self.address:
            return Client(self.address)
        return Client(local_cluster(self.workers))


def address_problem(address: str) -> str | None:
    """Why ``address`` cannot name a Dask scheduler, or None when it can. Dask's Client
    raises a bare ValueError (a traceback) for a host without a port, an unknown scheme or a
    port that is no number, so the address is checked before the store is opened."""
    try:
        _, port = get_address_host_port(address)
    except ValueError as exc:
        return str(exc)
    if not 1 <= port <= 65535:
        return f"port {port} is outside 1-65535"
    return None


class ClusterStartError(RuntimeError):
    """No local Dask worker could be started; the message names the cause."""


def local_cluster(workers: int) -> LocalCluster:
    """A LocalCluster tuned for long CPU-bound tasks of pure-Python and spaCy code.

    A worker that dies while starting (out of memory, a crash while importing) fails the whole
    LocalCluster; it is started again, then with a single worker, and only when none can
    start at all does the run fail, naming the cause.
    """
    last: Exception | None = None
    for count in [workers] * START_ATTEMPTS + ([1] if workers > 1 else []):
        try:
            with dask.config.set(LOCAL_WORKER_CONFIG):
                return LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                                    memory_limit=WORKER_MEMORY, dashboard_address=None)
        except Exception as exc:  # the nanny or worker process failed to start
            last = exc
    cause = f"{type(last).__name__}: {last}" if last else "unknown cause"
    raise ClusterStartError("no local Dask worker could start "
                            f"({' '.join(cause.split())})")


def prepare(client: Client, settings: CoderSettings) -> None:
    """Load the coder on every worker (and on workers that join later), once."""
    client.register_plugin(CoderPlugin(settings), name=settings.plugin_name)


def ingest_on_cluster(
    store: Store | None,
    paths: list[str],
    run: ClusterRun,
    provenance: dict[str, str],
    on_unit: Callable[[ShardInfo, int, int], None] | None = None,
    on_problem: Callable[[str], None] | None = None,
    keep_shards: bool = False,
    on_progress: Callable[[IngestSummary], None] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Code on the cluster, then (with a store) merge the shards into it.

    As in `detente load`, each shard or row the merge refuses is one line to ``on_problem``
    naming the shard file (and row), and is counted in the summary's ``failed``; the shards
    are then kept (with a note saying where), since they hold the only copy of those rows."""
    summary = IngestSummary()
    unit_ids = run.code(paths, summary, on_unit, on_problem)
    if store is None:
        return summary
    run_id = store.start_run("ingest --cluster", paths, provenance)
    failed_before = summary.failed
    try:
        merge_shards(store, run.out_dir, unit_ids, run_id, summary, on_progress=on_progress,
                     on_problem=on_problem, max_bytes=run.options.max_bytes)
        if (refused := summary.failed - failed_before) and not keep_shards:
            keep_shards = True
            summary.note(f"{refused} refused by the merge: the shards are kept in "
                         f"{run.out_dir} (`detente load` merges them again; articles "
                         "already stored are skipped)", on_note)
    finally:
        # recorded(): the runs table keeps at most MAX_RUN_PROBLEMS lines, as a local ingest's
        store.finish_run(run_id, summary.counts(), summary.recorded())
    if not keep_shards:
        shutil.rmtree(run.out_dir, ignore_errors=True)
    return summary
