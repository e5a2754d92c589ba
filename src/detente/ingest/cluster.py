"""Ingest on a Dask cluster: a local one (all cores) or one the user already runs.

The input is cut into work units; each worker loads the spaCy pipeline once (a worker plugin)
and writes one Parquet shard per unit; the store is then filled from the shards in input
order. Dask reschedules the units of a worker that dies; a rerun of the same command skips
every unit whose shard is already finished.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import json
import logging
import os
import shutil
import socket
import stat
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError
from dataclasses import asdict, dataclass, field
from pathlib import Path

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker
from distributed.comm.addressing import get_address_host_port, parse_address
from distributed.scheduler import KilledWorker

from detente.cleantext import shown_name
from detente.coder import Coder, error_line
from detente.config import WRITE_ERRNOS, article_coding_seconds, max_article_chars
from detente.datafiles import DictionaryError
from detente.ingest.pipeline import (
    IngestOptions,
    IngestSummary,
    article_id,
    code_documents,
    source_of,
)
from detente.ingest.rawio import size_text
from detente.ingest.shards import (
    ShardInfo,
    finished,
    is_marker,
    merge_shards,
    old_shard_markers,
    report_problems,
    report_reading,
    write_shard,
)
from detente.ingest.text import InputProblem
from detente.ingest.units import DEFAULT_CHUNK_BYTES, WorkUnit, plan_units
from detente.nlp import ModelNotInstalled
from detente.stopping import received
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
# What the local cluster's own side is told while it runs (read by Dask when a worker is lost,
# not only when the cluster starts). A LocalCluster closes for good a worker that has not come
# back this long after it died (15 s by default), even while its nanny is starting it again: a
# worker that died on an article and took longer to start and load the coder (a busy machine)
# was closed in the middle of its restart, counted as one more death of the units it held (the
# innocent unit beside the deadly one failed as "died each time it was tried"), and with no
# worker left the run waited for ever. The nanny restarts its worker itself, and closes when it
# cannot: the cluster has no reason to give up on one.
LOCAL_RUN_CONFIG = {"distributed.deploy.lost-worker-timeout": "365 days"}
WORKER_MEMORY = "1GiB"
# The scheduler serves HTTP (health, metrics) even without a dashboard, on 8787 unless told:
# where 8787 is taken (RStudio Server's default, another Dask) every run printed Dask's "Port
# 8787 is already in use ... Hosting the HTTP server on port ... instead". Any free port of
# this machine alone does (":0" would listen on every interface).
SCHEDULER_HTTP = {"dashboard_address": "127.0.0.1:0"}
START_ATTEMPTS = 2  # tries to start the requested local workers before falling back to one
# How long a scheduler given by --cluster has to answer: a wrong or unreachable address was a
# 30-second wait (Dask's default) before its error.
CONNECT_SECONDS = 10


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


class _ReportedFailures(logging.Filter):
    """Leaves out a worker's "Compute Failed" and "Worker plugin ... failed to setup" records:
    the run says each in one line of its own (``_task_error``, ``prepare``). Dask's record
    holds the Python traceback, and a unit is tried three times: a file no worker could read
    made three tracebacks on the terminal of a local ingest, whose workers write to it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(("Compute Failed", "Worker plugin "))


_REPORTED_FAILURES = _ReportedFailures()


class QuietFailures(WorkerPlugin):
    """Keeps the "Compute Failed" records of the workers of a local cluster off the terminal.
    Not registered on a cluster the user runs: its workers' logs are its own."""

    idempotent = True
    name = f"{PLUGIN}-quiet-failures"

    def setup(self, worker) -> None:
        logging.getLogger("distributed.worker").addFilter(_REPORTED_FAILURES)


def code_unit(unit: WorkUnit, out_dir: str, options: IngestOptions, plugin: str,
              coding: str = "") -> ShardInfo | ShardsUnwritable:
    """The task a worker runs: code one unit into a shard (or report the one already there).

    A shard folder that cannot be written (a full disk) is returned, not raised: Dask tries a
    task that raised again (its retries are per task, not per error), so the first unit was
    coded three times onto the full disk before the run could stop; the client stops at the
    first one it is handed."""
    try:
        return _code_unit(unit, out_dir, options, plugin, coding)
    except ShardsUnwritable as unwritable:
        return unwritable


def _code_unit(unit: WorkUnit, out_dir: str, options: IngestOptions, plugin: str,
               coding: str) -> ShardInfo:
    """One unit into a shard, or the shard already there.

    An attempt that ends with its worker dead (an article that takes the parser down, or all
    its memory) leaves its journal behind; the next attempt codes the unit an article at a
    time, and an article its worker died on twice is skipped, one problem line."""
    folder = Path(out_dir)
    done = finished(folder, unit, coding)
    if done is not None:
        return done
    as_planned(unit)
    coder = get_worker().plugins[plugin].coder
    problems: list[str] = []
    documents = []
    reading = IngestSummary()  # what the readers noted, worded as a local ingest words it
    # --date dates only what carries no date of its own, as in a local ingest
    for item in unit.read(options.fields, options.date, options.max_bytes, date_fills_in=True):
        if isinstance(item, InputProblem):
            problems.append(str(item))
        else:
            reading.document_read(item, None)
            documents.append((article_id(item), item))
    journal = Journal(folder / f"{unit.unit_id}{JOURNAL_SUFFIX}")
    careful, deadly = journal.read()
    coded = []
    journal.begin("careful" if careful else "batch")
    articles = (_code_carefully(coder, documents, journal, deadly) if careful
                else _code_each(coder, documents))
    for count, article in enumerate(articles, start=1):
        if isinstance(article, InputProblem):
            problems.append(str(article))
            continue
        coded.append(article)
        if count % TRIM_EVERY == 0:
            _give_memory_back()
    journal.end()
    with shard_writes(folder):
        info = write_shard(folder, unit, coded, len(documents), problems, coding,
                           reading.notes, reading.dates_unread)
    journal.remove()
    del coded, documents
    _give_memory_back()
    return info


# What a write into the shard folder raises when no unit can be written there: a full disk, a
# quota, a file size limit, a file system mounted read-only.
SHARD_WRITE_ERRNOS = (*WRITE_ERRNOS, errno.EROFS)


class ShardsUnwritable(Exception):
    """A worker cannot write into the shard folder (a full disk): no other unit can be written
    either, so the run stops with one line instead of failing every unit, one line each."""

    def __init__(self, folder: str, why: str) -> None:
        super().__init__(folder, why)  # the arguments Dask's pickling passes back
        self.folder, self.why = folder, why

    def __str__(self) -> str:
        return f"{shown_name(self.folder)}: cannot write the shards ({self.why})"


@contextlib.contextmanager
def shard_writes(folder: Path) -> Iterator[None]:
    """Turn a write error of the shard folder's disk into ShardsUnwritable."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in SHARD_WRITE_ERRNOS:
            raise
        raise ShardsUnwritable(str(folder), exc.strerror or str(exc)) from None


class UnitUnseen(Exception):
    """The worker cannot read a unit's file as the run planned it. The unit fails (Dask tries
    it again, perhaps on another worker) instead of being written as a shard of no articles:
    such a shard counts as coded, and every rerun skipped the file for good, repeating a
    reason that no longer held once the file was there."""


class UnitUnreadable(UnitUnseen):
    """The worker cannot see the unit's file or may not read it: once Dask's tries are spent,
    the file's problem (as a file the client cannot read is), not a unit the run failed to
    code. Such a unit had kept the other units' shards for a rerun that failed the same way,
    kept them again, and never merged them away."""

    def __init__(self, path: str, cannot: str, why: str) -> None:
        super().__init__(path, cannot, why)  # the arguments Dask's pickling passes back
        self.path, self.cannot, self.why = path, cannot, why

    def __str__(self) -> str:
        return f"this worker {self.cannot} {shown_name(self.path)} ({self.why})"


def as_planned(unit: WorkUnit) -> None:
    """Raise UnitUnseen when this worker cannot see the unit's file (not on its machine or
    mount, not readable) or sees it at another size than the one planned (another copy, or a
    file changed since: a range of lines cut in another file's bytes would read parts of
    records). A pipe or a device is left to the reader, which bounds the wait for one."""
    try:
        found = os.stat(unit.path)
    except OSError as exc:
        raise UnitUnreadable(unit.path, "cannot see", exc.strerror or str(exc)) from None
    if not stat.S_ISREG(found.st_mode):
        return
    if not os.access(unit.path, os.R_OK):
        raise UnitUnreadable(unit.path, "may not read", "permission denied")
    if found.st_size != unit.size:
        raise UnitUnseen(f"this worker sees {shown_name(unit.path)} as "
                         f"{size_text(found.st_size)}, not the {size_text(unit.size)} planned "
                         "(another copy, or changed since the run began)")


JOURNAL_SUFFIX = ".tries"
DEADLY = 2  # deaths of a worker on one article before the article is skipped


class Journal:
    """What the attempts to code a unit got to, kept next to its shard until it is written:
    a line for each attempt ("batch", or "careful": an article at a time), then, while careful,
    each article's number before it is coded and "-" once it is, and "end" once all are. An
    attempt with no "end" died; a careful one whose last line is a number died on that
    article."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> tuple[bool, set[int]]:
        """Whether an attempt died before (code carefully), and the articles that killed
        DEADLY careful attempts."""
        try:
            lines = self.path.read_text(encoding="ascii", errors="replace").split()
        except OSError:
            return False, set()
        attempts: list[list[str]] = []
        for line in lines:
            if line in ("batch", "careful"):
                attempts.append([line])
            elif attempts:
                attempts[-1].append(line)
        last = Counter(a[-1] for a in attempts
                       if a[0] == "careful" and a[-1].isdigit())
        died = any(a[-1] != "end" for a in attempts)
        return died, {int(n) for n, times in last.items() if times >= DEADLY}

    def begin(self, how: str) -> None:
        self._write(f"{how}\n")

    def article(self, number: int) -> None:
        self._write(f"{number}\n")

    def article_done(self) -> None:
        self._write("-\n")

    def end(self) -> None:
        self._write("end\n")

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)

    def _write(self, line: str) -> None:
        # written through at once: the process may die the next instant (the OS keeps it)
        with shard_writes(self.path.parent), self.path.open("a", encoding="ascii") as stream:
            stream.write(line)


# A worker process codes one careful article at a time, whatever its threads: a process that
# dies then died on that article. (Two units coding carefully side by side each noted their
# article, and each was counted a death when the other's article killed the process: after
# two, an article of the unit beside the deadly one was skipped.)
_CAREFUL = threading.Lock()


def _code_carefully(coder: Coder, documents: list, journal: Journal,
                    deadly: set[int]) -> Iterator:
    """The unit's articles coded one at a time, each noted in the journal while it is coded
    (``_CAREFUL``); one that killed its worker DEADLY times is a problem line, not coded
    again."""
    for number, (key, document) in enumerate(documents):
        if number in deadly:
            yield InputProblem(source_of(document), f"its worker died each of the {DEADLY} "
                               "times it was coded (out of memory, or a crash in the parser); "
                               "it is skipped")
            continue
        with _CAREFUL:
            journal.article(number)
            try:
                coded = list(code_documents(coder, [(key, document)]))
            except Exception as exc:  # noqa: BLE001 - one article, one problem
                coded = [InputProblem(source_of(document), f"cannot be coded ({error_line(exc)})")]
            journal.article_done()
        yield from coded


def _code_each(coder: Coder, documents: list) -> Iterator:
    """``code_documents`` of the unit; should it raise, the articles not yet coded are coded
    one at a time, and one that raises again is its own problem line: an error the coder did
    not catch had failed the whole unit (every article of a 4 MB range) on each retry."""
    done = 0
    try:
        for article in code_documents(coder, documents):
            yield article
            done += 1
    except Exception:  # noqa: BLE001 - which article raised is found below
        for key, document in documents[done:]:
            try:
                yield from code_documents(coder, [(key, document)])
            except Exception as exc:  # noqa: BLE001 - one article, one problem
                yield InputProblem(source_of(document), f"cannot be coded ({error_line(exc)})")


def _give_memory_back() -> None:
    """Return freed heap to the system between units (glibc keeps it otherwise).

    Done once per unit rather than through MALLOC_TRIM_THRESHOLD_, which slows every large
    allocation while coding.
    """
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to give back
        ctypes.CDLL("libc.so.6").malloc_trim(0)


class ClusterError(RuntimeError):
    """The cluster cannot be used or was lost; the message is one line naming the cause (and,
    after a start, what was coded and where its shards are kept)."""


class ClusterStopped(ClusterError):
    """The run stopped before every unit was coded (Ctrl-C, the scheduler lost): nothing is
    merged, the finished shards are kept for the same command to resume from."""

    def __init__(self, message: str, signal: str | None = None) -> None:
        super().__init__(message)
        self.signal = signal  # "Ctrl-C" or "SIGTERM" when a signal stopped it


def coding_fingerprint(provenance: dict[str, str], settings: CoderSettings,
                       options: IngestOptions) -> str:
    """What a shard's events depend on besides its input: the coder (version, model,
    dictionaries, the longest article it parses and the time one may take) and the reading
    options. A shard made otherwise is not reused: a rerun with a larger DETENTE_MAX_CHARS or
    DETENTE_ARTICLE_SECONDS, to code the articles refused or cut short, had reused them all."""
    key = {"provenance": provenance, "domestic": settings.domestic,
           "fields": asdict(options.fields), "date": options.date,
           "max_bytes": options.max_bytes, "max_chars": max_article_chars(),
           "article_seconds": article_coding_seconds()}
    return hashlib.sha256(json.dumps(key, sort_keys=True, default=str).encode()).hexdigest()[:16]


def unit_where(unit: WorkUnit) -> str:
    """A unit as problem lines name it: its file, and its bytes when it is a range."""
    where = shown_name(unit.path)
    return where if unit.end is None else f"{where} (bytes {unit.start:,}-{unit.end:,})"


@dataclass
class ClusterRun:
    """One distributed ingest: where to run, where shards go, what to code."""

    out_dir: Path
    options: IngestOptions
    settings: CoderSettings
    address: str | None = None  # an existing scheduler; None starts a LocalCluster
    workers: int = 2
    chunk_bytes: int = DEFAULT_CHUNK_BYTES
    not_coded: int = 0  # units the last ``code`` could not code (each was a problem line)
    # the markers of the units the last ``code`` finished, whose input problems it counted
    finished: dict[str, ShardInfo] = field(default_factory=dict)

    def code(
        self, paths: list[str], summary: IngestSummary,
        on_unit: Callable[[ShardInfo, int, int], None] | None = None,
        on_problem: Callable[[str], None] | None = None,
        on_note: Callable[[str], None] | None = None,
        coding: str = "",
    ) -> list[str]:
        """Code every unit into a shard; returns the finished unit ids in input order.

        A unit already coded the same way (a rerun) is not sent to the cluster, and a note
        says how many; a unit the cluster fails (its worker died each time it tried, or an
        error) is one problem line naming its file, and left out. Ctrl-C or a lost scheduler
        raise ClusterStopped, which says what was coded; the shards are kept."""
        # this run's own markers (any file named so in --out), then an earlier run's, as a
        # local ingest leaves them out
        old_marker = old_shard_markers(lambda line: summary.note(line, on_note))
        units, problems = plan_units(
            paths, self.chunk_bytes,
            leave_out=lambda path: is_marker(path, self.out_dir) or old_marker(path))
        for problem in problems:
            summary.problem(str(problem), on_problem)
        made = not self.out_dir.exists()
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ClusterError(f"{shown_name(self.out_dir)}: cannot make the shard folder "
                               f"({exc.strerror or exc})") from exc
        if problem := _write_problem(self.out_dir):
            # each unit failed on the workers, three tries, one line per file
            raise ClusterError(f"{shown_name(self.out_dir)}: cannot write in the shard folder "
                               f"({problem})")
        infos: dict[str, ShardInfo] = {}
        for unit in units:
            if (info := finished(self.out_dir, unit, coding)) is not None:
                infos[unit.unit_id] = info
        todo = list({u.unit_id: u for u in units if u.unit_id not in infos}.values())
        if infos:
            summary.note(f"resuming: {len(infos)} of {len(units)} units are already coded in "
                         f"{shown_name(self.out_dir)} and are not coded again", on_note)
        count = 0
        # an input named twice is read twice, as a local ingest reads it (its articles known)
        times = Counter(u.unit_id for u in units)

        def done(info: ShardInfo) -> None:
            nonlocal count
            for _ in range(times[info.unit_id]):
                count += 1
                report_reading(summary, info, on_note)
                report_problems(summary, info, on_problem)
                if on_unit:
                    on_unit(info, count, len(units))

        for info in infos.values():
            done(info)
        failed: set[str] = set()  # the units not coded, the unreadable ones among them
        unreadable: set[str] = set()
        try:
            if todo:
                self._code_on_cluster(todo, infos, (failed, unreadable), done, summary,
                                      on_problem, coding, len(units))
        except ClusterError:
            if made:  # no scheduler, or none could start: leave no empty shard folder behind
                with contextlib.suppress(OSError):
                    self.out_dir.rmdir()
            raise
        self.not_coded = len(failed - unreadable)
        self.finished = infos
        return [u.unit_id for u in units if u.unit_id not in failed]

    def _code_on_cluster(self, todo: list[WorkUnit], infos: dict[str, ShardInfo],
                         failures: tuple[set[str], set[str]],
                         done: Callable[[ShardInfo], None],
                         summary: IngestSummary, on_problem: Callable[[str], None] | None,
                         coding: str, total: int) -> None:
        # a task's name is its unit's, its folder's and its coding's: Dask hands a task of a
        # name it holds already (another run's on a shared scheduler) its result, shards
        # written elsewhere or coded another way
        run_key = hashlib.sha256(f"{self.out_dir.resolve()}|{coding}".encode()).hexdigest()[:12]
        failed, unreadable = failures
        by_key = {f"unit-{u.unit_id}-{run_key}": u for u in todo}
        unreadable_files: set[str] = set()  # each said once, however many units it makes
        try:
            with self._client() as client:
                prepare(client, self.settings)
                futures = client.map(code_unit, todo, out_dir=str(self.out_dir),
                                     options=self.options, plugin=self.settings.plugin_name,
                                     coding=coding, key=list(by_key), retries=2)
                for future in as_completed(futures):
                    unit = by_key[future.key]
                    try:
                        info = _shard_written(future.result())
                    except CancelledError:
                        raise  # the client lost the scheduler: every future is cancelled
                    except Exception as exc:  # noqa: BLE001 - one unit, one problem line
                        # a task that raised is "error"; a connection error on another
                        # future is its result not fetched: the scheduler is gone
                        if future.status != "error" and isinstance(exc, OSError):
                            raise _Unfetched(exc) from exc
                        if isinstance(exc, ShardsUnwritable):  # so would every other unit
                            raise ClusterStopped(self._stopped(
                                str(exc), len(infos), total,
                                "once there is room, the same command codes the rest")) from None
                        failed.add(unit.unit_id)
                        if isinstance(exc, UnitUnreadable):
                            unreadable.add(unit.unit_id)
                            _unreadable_file(exc, unreadable_files, summary, on_problem)
                            continue
                        summary.problem(f"{unit_where(unit)}: not coded on the cluster "
                                        f"({_task_error(exc)}); its articles are not stored "
                                        "(the same command tries it again)", on_problem)
                        continue
                    infos[unit.unit_id] = info
                    done(info)
        except KeyboardInterrupt:  # Ctrl-C, or SIGTERM taking its path
            why = received()
            raise ClusterStopped(self._stopped(why, len(infos), total), why) from None
        except (CancelledError, OSError, _Unfetched) as exc:
            if not infos and isinstance(exc, OSError):
                raise  # no scheduler to begin with (see _client)
            raise ClusterStopped(self._lost(len(infos), total)) from None

    def _stopped(self, why: str, coded: int, total: int,
                 after: str = "the same command codes the rest") -> str:
        return (f"{why}: {coded} of {total} units coded, their shards kept in "
                f"{shown_name(self.out_dir)} and none merged yet; {after}")

    def _lost(self, coded: int, total: int) -> str:
        """The line for a scheduler gone mid-run. Dask's own error (a CommClosedError naming
        both ends of a socket, or a cancelled future) is left out: whatever it says, the
        connection is gone, and what the user needs is what was kept and how to go on."""
        where = (f"the Dask scheduler at {self.address}" if self.address
                 else "the local Dask cluster")
        return self._stopped(f"{where} was lost", coded, total,
                             "the same command resumes from them and codes the rest")

    @contextlib.contextmanager
    def _client(self) -> Iterator[Client]:
        if not self.address:
            with dask.config.set(LOCAL_RUN_CONFIG), local_cluster(self.workers) as cluster, \
                    Client(cluster) as client:
                client.register_plugin(QuietFailures())
                yield client
            return
        try:
            client = Client(self.address, timeout=CONNECT_SECONDS)
        except OSError as exc:  # refused, timed out
            raise ClusterError(f"--cluster {self.address}: no Dask scheduler answered "
                               f"({_task_error(exc)})") from None
        except Exception as exc:  # noqa: BLE001 - another server's bytes, read as Dask's
            raise ClusterError(f"--cluster {self.address}: what answers there is not a Dask "
                               f"scheduler ({_task_error(exc)[:120]})") from None
        with client:
            yield client


def _unreadable_file(exc: UnitUnreadable, said: set[str], summary: IngestSummary,
                     on_problem: Callable[[str], None] | None) -> None:
    """A file the workers cannot see or may not read, said once as the file's problem."""
    if exc.path in said:
        return
    said.add(exc.path)
    how = "cannot read" if exc.cannot == "may not read" else "cannot find"
    summary.problem(f"{shown_name(exc.path)}: {how} on the Dask workers ({exc.why})", on_problem)


def _write_problem(folder: Path) -> str | None:
    """Why no file can be made in a folder (a folder of another user, a file system mounted
    read-only), or None."""
    try:
        descriptor, name = tempfile.mkstemp(dir=folder, prefix=".detente-probe-")
    except OSError as exc:
        return exc.strerror or str(exc)
    os.close(descriptor)
    with contextlib.suppress(OSError):
        os.unlink(name)
    return None


def _shard_written(result: ShardInfo | ShardsUnwritable) -> ShardInfo:
    """A unit's shard, or the shard folder's write error raised here (see code_unit)."""
    if isinstance(result, ShardsUnwritable):
        raise result
    return result


class _Unfetched(Exception):
    """A unit's task finished but its result could not be fetched: the scheduler went away
    before the client noticed and cancelled its futures. The unit's shard is most likely
    written; it was reported as a unit the cluster could not code, one line for each result
    waiting when the scheduler died, before the line saying the scheduler was lost."""


def _task_error(exc: BaseException) -> str:
    """A task's failure in words: a worker that died on it each time, or the error."""
    if isinstance(exc, KilledWorker):
        return ("the worker coding it died each time it was tried: out of memory, or a crash "
                "in the parser")
    if isinstance(exc, UnitUnseen):
        return str(exc)
    if isinstance(exc, CancelledError) and (message := getattr(exc, "msg", None)):
        return " ".join(str(message).split())[:200]
    return error_line(exc)[:300]


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


REACH_SECONDS = 5  # a scheduler's port that takes longer to accept is taken as unreachable


def unreachable(address: str, seconds: float = REACH_SECONDS) -> str | None:
    """Why nothing listens at a tcp:// or tls:// scheduler address, or None: asked before
    the store is opened, with a short timeout. Dask tries a refused port again and again for
    30 seconds before it says so. Other schemes are left to Dask."""
    scheme, _ = parse_address(address)
    if scheme not in ("tcp", "tls"):
        return None
    host, port = get_address_host_port(address)
    try:
        socket.create_connection((host, port), timeout=seconds).close()
    except socket.gaierror as exc:
        return f"no such host {host!r} ({exc.strerror or exc})"
    except TimeoutError:
        return f"no answer in {seconds:g} s"
    except OSError as exc:
        return exc.strerror or str(exc)
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
                # a worker's warnings (a task cancelled by Ctrl-C) are not the run's problems
                return LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                                    memory_limit=WORKER_MEMORY, dashboard_address=None,
                                    silence_logs=logging.ERROR,
                                    scheduler_kwargs=SCHEDULER_HTTP)
        except Exception as exc:  # the nanny or worker process failed to start
            last = exc
    cause = f"{type(last).__name__}: {last}" if last else "unknown cause"
    raise ClusterStartError("no local Dask worker could start "
                            f"({' '.join(cause.split())})")


def prepare(client: Client, settings: CoderSettings) -> None:
    """Load the coder on every worker (and on workers that join later), once. Raises
    ClusterError when a worker cannot build it (a model it does not have, a dictionary it
    cannot read): Dask raised the worker's error in the client, a traceback."""
    try:
        client.register_plugin(CoderPlugin(settings), name=settings.plugin_name)
    except (OSError, CancelledError):
        raise  # the scheduler, not the coder: the caller says so
    except Exception as exc:  # noqa: BLE001 - whatever the worker raised, in one line
        why = str(exc) if isinstance(exc, ModelNotInstalled | DictionaryError) else (
            error_line(exc))
        raise ClusterError(f"the Dask workers cannot build the coder: {why}") from None


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
    coding = coding_fingerprint(provenance, run.settings, run.options)
    unit_ids = run.code(paths, summary, on_unit, on_problem, on_note, coding)
    if store is None:
        return summary
    run_id = store.start_run("ingest --cluster", paths, provenance)
    failed_before = summary.failed
    failure: BaseException | None = None  # what stopped the merge, if anything did
    try:
        merge_shards(store, run.out_dir, unit_ids, run_id, summary, on_progress=on_progress,
                     on_problem=on_problem, max_bytes=run.options.max_bytes, on_note=on_note)
        # this run counted the input problems of its shards: a `load` of the shards kept
        # (--out) into the same store counts them no more
        store.count_shards(run_id, [(info.unit_id, info.coding, info.problem_count)
                                    for info in run.finished.values() if info.problem_count])
        if run.not_coded and not keep_shards:
            keep_shards = True  # the rerun codes only the units that failed
            summary.note(f"{run.not_coded} unit(s) not coded: the shards are kept in "
                         f"{shown_name(run.out_dir)}, and the same command codes those units "
                         "and stores their articles", on_note)
        if (refused := summary.failed - failed_before) and not keep_shards:
            keep_shards = True
            summary.note(f"{refused} refused by the merge: the shards are kept in "
                         f"{shown_name(run.out_dir)} (`detente load` merges them again; articles "
                         "already stored are skipped)", on_note)
    except BaseException as exc:
        failure = exc
        raise
    finally:
        # recorded(): the runs table keeps at most MAX_RUN_PROBLEMS lines, as a local ingest's
        store.finish_run(run_id, summary.counts(), summary.recorded(), stopped_by=failure)
    if not keep_shards:
        shutil.rmtree(run.out_dir, ignore_errors=True)
    return summary
