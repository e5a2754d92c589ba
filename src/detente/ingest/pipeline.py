"""Ingest: read a corpus, code it, and store articles and events, idempotently and resumably.

Two halves that can run apart: ``code_documents`` turns documents into coded articles (no
store needed: a cluster worker runs it), and ``StoreWriter`` marks repeated stories and
writes coded articles to the store a batch per transaction. Articles already stored (same
outlet, same text) are skipped before parsing, so a rerun after a crash codes only what is
missing.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import datetime as dt
import functools
import hashlib
import os
import signal
import sys
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from detente.coder import PIPE_BATCH, Article, Coded, Coder, error_line
from detente.ingest import dedup
from detente.ingest.language import codable, not_coded, stored_language
from detente.ingest.readers import FieldNames, SourceDocument, read_documents
from detente.ingest.repeats import Repeats
from detente.ingest.text import DEFAULT_MAX_BYTES, InputProblem, shown_name
from detente.model import Actor, event_id, flatten_record, flatten_transfer, transfer_id
from detente.stopping import interrupted
from detente.store import INTERRUPTED, MAX_RUN_PROBLEMS, Store, StoredArticle

EVENT_KEY = ("source_country", "target_country", "cameo")
KNOWN_CHECK_CHUNK = 256
# Originals whose event keys the writer keeps for repeats that follow them soon (a few KB
# each); the events of older ones are read back from the store.
RECENT_ORIGINALS = 256
# Articles between two checkpoints of the store: DuckDB holds rows written since the last one
# in memory (about 25 KB an article), and gives back what it cached at each (Store.checkpoint);
# the store is then opened again (Store.reopen), which frees DuckDB's bookkeeping of the
# statements run since (about 1 KB an article, freed by nothing else).
CHECKPOINT_EVERY = 512


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    known: int = 0
    duplicates: int = 0
    failed: int = 0
    events: int = 0
    not_coded: int = 0  # stored, but in a language the coder cannot read
    dates_unread: int = 0  # read, but the date they gave could not be (each has a note)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # stored, but not all of it was coded
    interrupted: str | None = None  # what stopped the run before the end of its inputs
    repeats: Repeats = field(default_factory=Repeats, repr=False)

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in vars(self).items() if isinstance(v, int)}

    def problem(self, message: str | InputProblem,
                on_problem: Callable[[str], None] | None) -> None:
        """Count a problem and report it; of the same problem in the same file over and over
        (an InputProblem), only the first few are reported and the rest summed up at the end
        (``repeated``)."""
        self.failed += 1
        if isinstance(message, InputProblem):
            if not self.repeats.show(message.path, message.reason):
                return
            message = str(message)
        self.problems.append(message)
        if on_problem:
            on_problem(message)

    def repeated(self, on_problem: Callable[[str], None] | None) -> None:
        """Report the problems counted but not shown one by one, a line for each kind."""
        for line in self.repeats.summary():
            self.problems.append(line)
            if on_problem:
                on_problem(line)
        self.repeats = Repeats()

    def note(self, message: str, on_note: Callable[[str], None] | None) -> None:
        self.notes.append(message)
        if on_note:
            on_note(message)

    def document_read(self, document: SourceDocument,
                      on_note: Callable[[str], None] | None) -> None:
        """Count a document read, and what its reader noted (a date it could not read): one
        wording for a local ingest and a cluster worker, which reports it in its shard."""
        self.read += 1
        self.dates_unread += document.date_unread
        for note in document.notes:
            self.note(f"{where_of(document)}: {note}", on_note)

    def article_stored(self, coded: CodedArticle,
                       on_note: Callable[[str], None] | None) -> None:
        """What the coder left out of an article about to be stored (a sentence over a
        budget, or the whole article in a language it cannot read), counted and noted the
        same way whether it was coded here or came from a shard."""
        for note in coded.notes:
            self.note(note, on_note)
        self.not_coded += not coded.coded

    def recorded(self) -> list[str]:
        """What the runs table keeps: whether it was interrupted, every problem, then every
        note."""
        stopped = [f"{INTERRUPTED}: {self.interrupted}"] if self.interrupted else []
        kept = [*self.problems, *(f"note: {note}" for note in self.notes)]
        if len(kept) > MAX_RUN_PROBLEMS:  # the rest went to stderr; the table stays small
            kept = [*kept[:MAX_RUN_PROBLEMS],
                    f"{len(kept) - MAX_RUN_PROBLEMS:,} more problems and notes not kept here"]
        return [*stopped, *kept]


@dataclass
class IngestOptions:
    fields: FieldNames = field(default_factory=FieldNames)
    date: str | None = None
    batch_size: int = 32
    n_process: int = 1
    max_bytes: int = DEFAULT_MAX_BYTES
    # What sent the texts when the inputs are files made only to carry them ("POST /api/code"):
    # such a file's time dates nothing, and its name, gone after the run, is neither the
    # articles' path nor the run's input (the run's record names this instead).
    posted_by: str | None = None


@dataclass
class CodedArticle:
    """One coded document, ready to store: rows for the articles, sentences and events tables."""

    key: str
    row: dict[str, Any]
    sentences: list[tuple[int, int, int, str]]
    events: list[dict[str, Any]]
    signature: bytes
    people: list[dict[str, Any]] = field(default_factory=list)
    transfers: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # "<file:line>: what was not coded"
    where: str | None = None  # the file (and line) it came from, for messages
    coded: bool = True  # False: stored uncoded, in a language the coder cannot read
    # the ids an earlier detente gave it (``former_ids``), carried through a shard so that a
    # Dask merge finds a store's former copy as a local ingest does before coding
    former_ids: frozenset[str] = frozenset()


def article_id(document: SourceDocument) -> str:
    """Content hash of outlet and text: the same report is the same article, every time."""
    return _content_key(document.source, document.text)


def _content_key(outlet: str | None, text: str) -> str:
    key = f"{outlet or ''}\n{text.strip()}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def former_ids(document: SourceDocument) -> set[str]:
    """The ids an earlier detente gave the article, where they differ from its id now: an
    outlet or a text holding control characters was stored as read before session 39 (the
    outlet) and 40 (the text) cleaned them; a store written then holds the article under one
    of these, and ingesting the file again must not store it twice."""
    if document.former_reading is None:
        return set()
    outlet, text = document.former_reading
    return {_content_key(outlet, text), _content_key(document.source, text)} - {
        article_id(document)}


def known_before_as(item: Any) -> set[str]:
    """The former ids a store may hold ``item`` under: a document's, read from its former
    reading, or a coded article's, carried with it from the worker that read it. A local
    ingest and a Dask merge both check the store with these (``StoreWriter.unseen``)."""
    if isinstance(item, SourceDocument):
        return former_ids(item)
    if isinstance(item, CodedArticle):
        return set(item.former_ids)
    return set()


def code_documents(
    coder: Coder, documents: Iterable[tuple[str, SourceDocument]], n_process: int = 1,
    batch_size: int = PIPE_BATCH,
) -> Iterator[CodedArticle | InputProblem]:
    """Code (key, document) pairs into storable articles, in order; a document that cannot be
    coded comes back as the problem naming its file and line. A document in a language the
    coder cannot read is not coded: it comes back stored as it is, with a note saying why."""
    with parsers_die_with_parent() if n_process > 1 else contextlib.nullcontext():
        yield from _code_documents(coder, documents, n_process, batch_size)


def _code_documents(
    coder: Coder, documents: Iterable[tuple[str, SourceDocument]], n_process: int,
    batch_size: int,
) -> Iterator[CodedArticle | InputProblem]:
    uncoded: deque[tuple[int, CodedArticle]] = deque()  # in input order, awaiting their turn

    def to_code() -> Iterator[Article]:
        for number, (key, document) in enumerate(documents):
            language = stored_language(document.text)
            if not codable(language):
                uncoded.append((number, _uncoded(key, document, language)))
                continue
            yield Article(document.doc_id, document.text, document.date,
                          meta=(number, key, document, language))

    for coded in coder.code_stream(to_code(), batch_size=batch_size, n_process=n_process):
        number, key, document, language = coded.article.meta
        while uncoded and uncoded[0][0] < number:
            yield uncoded.popleft()[1]
        if coded.error:
            yield InputProblem(source_of(document), coded.error)
            continue
        try:
            storable = _storable(key, document, coded, language)
        except Exception as exc:  # a record the store's rows cannot hold: its problem only
            yield InputProblem(source_of(document), f"cannot store ({error_line(exc)})")
            continue
        yield storable
    while uncoded:
        yield uncoded.popleft()[1]


# --- parser processes end with the run -----------------------------------------------------------

PR_SET_PDEATHSIG = 1  # from linux/prctl.h
PARENT_POLL_SECONDS = 0.5  # how often a parser process without prctl looks for its parent
_dying_parent: int | None = None  # while armed: the process whose forks are to die with it
_death_signal: Callable[..., int] | None = None  # libc's prctl, looked up before any fork


@contextlib.contextmanager
def parsers_die_with_parent() -> Iterator[None]:
    """While inside, each process forked from this one (spaCy's parser processes) is killed
    when this one dies, however it dies. Without this, a run killed by SIGKILL left its parser
    processes waiting forever for work: they ignore Ctrl-C and SIGTERM (the command's signal
    handler, which they inherit, does nothing outside the process that set it).

    On Linux the kernel sends the child SIGKILL when its parent ends (prctl PR_SET_PDEATHSIG);
    elsewhere a thread in the child looks for its parent every PARENT_POLL_SECONDS."""
    global _dying_parent, _death_signal
    _watch_forks()
    if _death_signal is None:
        _death_signal = _prctl()  # looked up here: loading a library in a fork may deadlock
    previous, _dying_parent = _dying_parent, os.getpid()
    try:
        yield
    finally:
        _dying_parent = previous


def _prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # no C library to load, or one without prctl
        return None
    # prctl reads its arguments as unsigned long: an int passed bare may carry garbage above
    prctl.argtypes = [ctypes.c_int, *[ctypes.c_ulong] * 4]
    prctl.restype = ctypes.c_int
    return prctl


@functools.cache
def _watch_forks() -> None:
    """Run ``_after_fork`` in every child forked from now on (once per process: hooks stay)."""
    os.register_at_fork(after_in_child=_after_fork)


def _after_fork() -> None:
    """In a child just forked: tie it to its parent when the parent asked for it."""
    global _dying_parent
    parent, _dying_parent = _dying_parent, None  # the child's own forks are not tied to it
    if parent is None:
        return
    if _death_signal is None or _death_signal(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True,
                         name="detente-parent-watch").start()
    if os.getppid() != parent:  # the parent died before the child was tied to it
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)  # nothing to hand the results to; a plain exit would wait for the queues


def _uncoded(key: str, document: SourceDocument, language: str) -> CodedArticle:
    """An article kept in the store without coding, and the note that says so."""
    where = where_of(document)
    return CodedArticle(
        key=key, row={**_article_row(key, document), "language": language}, sentences=[],
        events=[], signature=dedup.to_bytes(dedup.signature(document.text)),
        notes=[f"{where}: {not_coded(language)}"],
        where=where, coded=False,
    )


def source_of(document: SourceDocument) -> str:
    """The file (and line) a document came from, as an InputProblem takes it (and quotes it
    when it is said)."""
    where = document.path or document.doc_id
    return f"{where}:{document.line}" if document.line is not None else where


def where_of(document: SourceDocument) -> str:
    """The file (and line) a document came from, as a message names it (``shown_name``)."""
    return shown_name(source_of(document))


def _storable(key: str, document: SourceDocument, coded: Coded, language: str = "en"
              ) -> CodedArticle:
    return CodedArticle(
            key=key,
            row={**_article_row(key, document), "language": language},
            sentences=coded.sentences,
            events=[_event_row(key, document, event.to_dict()) for event in coded.events],
            signature=dedup.to_bytes(dedup.signature(document.text)),
            people=[_person_row(key, person) for person in coded.people],
            transfers=[_transfer_row(key, record) for record in coded.transfers],
            notes=[f"{where_of(document)}: {note}" for note in coded.notes],
            where=where_of(document), former_ids=frozenset(former_ids(document)),
        )


def _article_row(key: str, document: SourceDocument) -> dict[str, Any]:
    return {
        "article_id": key, "doc_id": document.doc_id, "source": document.source,
        "url": document.url, "title": document.title, "date": document.date,
        "date_source": document.date_source, "text": document.text, "language": "en",
        "path": document.path,
    }


def _person_row(key: str, person: Actor) -> dict[str, Any]:
    return {"article_id": key, "name": person.name, "role": person.role,
            "country": person.country, "sector": person.sector, "code": person.code,
            "text": person.text, "start_char": person.start, "end_char": person.end}


def _transfer_row(key: str, record: dict[str, Any]) -> dict[str, Any]:
    row = flatten_transfer(record)
    row["article_id"] = key
    row["transfer_id"] = transfer_id(key, row)
    return row


def _event_row(key: str, document: SourceDocument, record: dict[str, Any]) -> dict[str, Any]:
    row = flatten_record(record)
    row.update(origin="detente", article_id=key, source_url=document.url)
    row["event_id"] = event_id(key, row)
    return row


class StoreWriter:
    """Writes coded articles: skips known ones, marks repeated stories, commits in batches.

    What it holds does not grow with the run: the batch being written, the keys of the
    articles passed on but not yet seen stored, and the event keys of the last originals
    (``RECENT_ORIGINALS``). The near-duplicate index of earlier articles and their events are
    asked of the store, a batch at a time, and the store is checkpointed every
    ``CHECKPOINT_EVERY`` articles and opened again, so DuckDB's memory does not grow with it
    either.
    """

    def __init__(self, store: Store, run_id: str, summary: IngestSummary,
                 batch_size: int = 32, on_problem: Callable[[str], None] | None = None) -> None:
        self.on_problem = on_problem
        self.store = store
        self.run_id = run_id
        self.summary = summary
        self.batch_size = batch_size
        store.index_bands(dedup.BANDING, dedup.bands)
        # originals written this run -> their events' (EVENT_KEY values, event_id), newest last
        self.recent: OrderedDict[str, list[tuple[tuple, str]]] = OrderedDict()
        self.seen: set[str] = set()  # passed on by ``unseen``, not yet known to be stored
        self.stored_since_check: list[str] = []
        self.since_checkpoint = 0  # articles stored since the last checkpoint
        self.batch: list[CodedArticle] = []

    def unseen(self, keyed: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
        """The (key, item) pairs whose article is not stored yet, checked a chunk at a time."""
        chunk: list[tuple[str, Any]] = []
        for pair in keyed:
            chunk.append(pair)
            if len(chunk) >= KNOWN_CHECK_CHUNK:
                yield from self._filter_known(chunk)
                chunk = []
        yield from self._filter_known(chunk)

    def _filter_known(self, chunk: list[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
        # an article stored before this check is found by it: its key need not be held
        self.seen.difference_update(self.stored_since_check)
        self.stored_since_check.clear()
        formerly = {key: known_before_as(item) for key, item in chunk}
        known = self.store.known_articles([key for key, _ in chunk]
                                          + [old for ids in formerly.values() for old in ids])
        for key, item in chunk:
            if key in known or key in self.seen or formerly.get(key, set()) & known:
                self.summary.known += 1
                continue
            self.seen.add(key)
            yield key, item

    def add(self, coded: CodedArticle, on_progress: Callable[[IngestSummary], None] | None
            ) -> None:
        self.batch.append(coded)
        if len(self.batch) >= self.batch_size:
            self.flush(on_progress)

    def flush(self, on_progress: Callable[[IngestSummary], None] | None = None) -> None:
        if not self.batch:
            return
        articles = self._storable(self.batch)
        try:
            self.store.add_articles(articles)
            stored = articles
        except Exception as exc:  # the batch was rolled back: store its articles one at a time
            if interrupted(exc):
                raise KeyboardInterrupt from exc
            stored = self._add_one_by_one(articles)
        for article in stored:
            if article.bands:  # an original: its repeats may follow soon
                self._remember(article.row["article_id"], _event_keys(article.events))
        self.stored_since_check.extend(article.row["article_id"] for article in stored)
        self.summary.new += len(stored)
        self.summary.events += sum(len(article.events) for article in stored)
        self.batch = []
        self.since_checkpoint += len(stored)
        if self.since_checkpoint >= CHECKPOINT_EVERY:
            self.store.checkpoint()
            self.store.reopen()  # what DuckDB keeps per statement run goes with the connection
            self.since_checkpoint = 0
        if on_progress:
            on_progress(self.summary)

    def _storable(self, batch: list[CodedArticle]) -> list[StoredArticle]:
        """The batch's rows, each repeated story marked: the first report of a story (stored
        before, or earlier in the batch) is the least article id sharing an LSH band."""
        bands = [dedup.bands(coded.signature) for coded in batch]
        stored_first = self.store.first_reports([
            (number, coded.key, band, value)
            for number, coded in enumerate(batch) for band, value in bands[number]])
        in_batch = dedup.BatchIndex()
        originals: list[str | None] = []
        for number, coded in enumerate(batch):
            hits = in_batch.hits(coded.key, bands[number])
            if number in stored_first:
                hits.add(stored_first[number])
            originals.append(min(hits) if hits else None)
            if not hits:
                in_batch.add(coded.key, bands[number])
        batch_events = {coded.key: _event_keys(coded.events) for coded, original
                        in zip(batch, originals, strict=True) if original is None}
        earlier = self.store.events_of(
            sorted({o for o in originals if o and o not in batch_events and o not in self.recent}),
            ["event_id", *EVENT_KEY])
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        articles = []
        for coded, original, article_bands in zip(batch, originals, bands, strict=True):
            rows = [{**row, "run_id": self.run_id} for row in coded.events]
            if original is not None:
                self.summary.duplicates += 1
                if original in batch_events:
                    of_original = batch_events[original]
                elif original in self.recent:
                    of_original = self._recall(original)
                else:
                    of_original = _event_keys(earlier.get(original, []))
                _mark_repeats(rows, of_original)
            article = {**coded.row, "run_id": self.run_id, "duplicate_of": original,
                       "ingested_at": now}
            transfers = [{**t, "run_id": self.run_id, "duplicate_of": original}
                         for t in coded.transfers]
            articles.append(StoredArticle(
                article, coded.sentences, rows, coded.signature, coded.people, transfers,
                bands=article_bands if original is None else [],
                where=coded.where or shown_name(coded.row.get("path") or coded.row["doc_id"])))
        return articles

    def _remember(self, article_id: str, events: list[tuple[tuple, str]]) -> None:
        self.recent[article_id] = events
        while len(self.recent) > RECENT_ORIGINALS:
            self.recent.popitem(last=False)

    def _recall(self, article_id: str) -> list[tuple[tuple, str]]:
        self.recent.move_to_end(article_id)
        return self.recent[article_id]

    def _add_one_by_one(self, articles: list[StoredArticle]) -> list[StoredArticle]:
        stored = []
        for article in articles:
            try:
                self.store.add_articles([article])
            except Exception as exc:  # this article alone: a reported problem
                if interrupted(exc):
                    raise KeyboardInterrupt from exc
                if failure := self.store.write_failure(exc):
                    raise failure from exc  # no article can be stored: say so once, and stop
                self.summary.problem(f"{article.where}: cannot store ({error_line(exc)})",
                                     self.on_problem)
                continue
            stored.append(article)
        return stored


class Ingest:
    """One ingest run into one store, on this machine."""

    def __init__(self, store: Store, coder: Coder, options: IngestOptions | None = None) -> None:
        self.store = store
        self.coder = coder
        self.options = options or IngestOptions()
        self.summary = IngestSummary()
        self.stop_reason: str | None = None

    def stop(self, reason: str) -> None:
        """Read no further input: the documents already read are coded and stored, and the
        run is recorded as interrupted (a signal handler may call this)."""
        self.stop_reason = reason

    def run(
        self,
        paths: list[str],
        on_progress: Callable[[IngestSummary], None] | None = None,
        on_problem: Callable[[str], None] | None = None,
        on_note: Callable[[str], None] | None = None,
    ) -> IngestSummary:
        posted_by = self.options.posted_by
        run_id = self.store.start_run("ingest", [posted_by] if posted_by else paths,
                                      self.coder.provenance())
        if not posted_by:  # a posted text is stored whole or not at all: nothing to resume
            self._resuming(run_id, paths, on_note)
        writer = StoreWriter(self.store, run_id, self.summary, self.options.batch_size,
                             on_problem)
        failure: BaseException | None = None  # what stopped the run, if anything did
        try:
            keyed = ((article_id(d), d) for d in self._documents(paths, on_problem, on_note))
            for coded in code_documents(self.coder, self._until_stopped(writer.unseen(keyed)),
                                        self.options.n_process):
                if isinstance(coded, InputProblem):
                    self.summary.problem(coded, on_problem)
                    continue
                self.summary.article_stored(coded, on_note)
                writer.add(coded, on_progress)
            writer.flush(on_progress)
        except KeyboardInterrupt as exc:  # stopped at once (a second Ctrl-C): keep what is coded
            failure = exc
            self._stopped_at_once(writer, on_progress)
            raise
        except Exception as exc:  # a full disk: the run is unfinished, and says why
            failure = exc
            if interrupted(exc):  # the Ctrl-C of a lookup query, which DuckDB made an error
                self._stopped_at_once(writer, on_progress)
                raise KeyboardInterrupt from exc
            self.summary.interrupted = f"stopped by an error ({error_line(exc)})"
            raise
        finally:
            self.summary.repeated(on_problem)
            if self.summary.interrupted:
                self.summary.interrupted += (f", after {self.summary.new} articles stored; the "
                                             "same command finishes the job")
            self.store.finish_run(run_id, self.summary.counts(), self.summary.recorded(),
                                  stopped_by=failure)
        return self.summary

    def _stopped_at_once(self, writer: StoreWriter,
                         on_progress: Callable[[IngestSummary], None] | None) -> None:
        """Record a stop at once (a second Ctrl-C), keeping what is coded."""
        self.summary.interrupted = f"{self.stop_reason or 'Ctrl-C'}, at once"
        with contextlib.suppress(Exception):
            writer.flush(on_progress)

    def _until_stopped(self, pairs: Iterable[tuple[str, SourceDocument]]
                       ) -> Iterator[tuple[str, SourceDocument]]:
        """The pairs, until a signal asks the run to stop. unseen() reads KNOWN_CHECK_CHUNK
        documents ahead of the parser: without this, a signal after that read was lost (every
        one was still coded, minutes of work for long articles, and a run on a small file went
        on to the end with exit code 0, not recorded as interrupted). The rest are simply not
        stored yet: the same command codes them."""
        for pair in pairs:
            if self.stop_reason:
                self.summary.interrupted = self.stop_reason
                return
            yield pair

    def _resuming(self, run_id: str, paths: list[str],
                  on_note: Callable[[str], None] | None) -> None:
        """A note naming the run this one resumes, when the last run on the same inputs was
        interrupted or killed."""
        previous = self.store.unfinished_run("ingest", paths, run_id)
        if previous:
            started = previous["started_at"].strftime("%Y-%m-%d %H:%M")
            self.summary.note(
                f"resuming run {previous['run_id']} of {started} UTC ({previous['how']}; it "
                f"stored {previous['stored']} articles): stored articles are skipped, not "
                "coded again", on_note)

    def _documents(
        self, paths: list[str], on_problem: Callable[[str], None] | None,
        on_note: Callable[[str], None] | None = None,
    ) -> Iterator[SourceDocument]:
        from detente.ingest.shards import old_shard_markers  # (shards imports this module)

        shard_marker = old_shard_markers(lambda line: self.summary.note(line, on_note))
        # --date is "for inputs that carry none": a record's or a dateline's own date wins
        for item in read_documents(paths, self.options.fields, self.options.date,
                                   self.options.max_bytes, stopped=lambda: self.stop_reason,
                                   file_dates=not self.options.posted_by, date_fills_in=True,
                                   leave_out=shard_marker):
            if self.stop_reason:
                self.summary.interrupted = self.stop_reason
                return  # what was read before is still coded and stored
            if isinstance(item, InputProblem):
                self.summary.problem(item, on_problem)
                continue
            if self.options.posted_by:  # messages then name the document by its id
                item = dataclasses.replace(item, path=None)
            self.summary.document_read(item, on_note)
            yield item
        if self.stop_reason:  # a reader may end on the flag with no item left to show it
            self.summary.interrupted = self.stop_reason


def _event_keys(rows: list[dict[str, Any]]) -> list[tuple[tuple, str]]:
    """What marking repeats needs of an original's events: (EVENT_KEY values, event_id)."""
    return [(tuple(row[k] for k in EVENT_KEY), row["event_id"]) for row in rows]


def _mark_repeats(rows: list[dict[str, Any]], originals: list[tuple[tuple, str]]) -> None:
    """Point each event of a repeated story at the same event in the first report."""
    available: dict[tuple, list[str]] = {}
    for key, original_id in originals:
        available.setdefault(key, []).append(original_id)
    for row in rows:
        matches = available.get(tuple(row[k] for k in EVENT_KEY))
        if matches:
            row["duplicate_of"] = matches.pop(0)
