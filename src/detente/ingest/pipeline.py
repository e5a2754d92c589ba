"""Ingest: read a corpus, code it, and store articles and events, idempotently and resumably.

Articles already in the store (same outlet, same text) are skipped before parsing, so a rerun
after a crash only codes what is missing. Each batch is one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from detente.coder import Article, Coded, Coder
from detente.ingest import dedup
from detente.ingest.readers import FieldNames, SourceDocument, read_documents
from detente.ingest.text import DEFAULT_MAX_BYTES, InputProblem
from detente.model import flatten_record
from detente.store import Store, StoredArticle

EVENT_KEY = ("source_country", "target_country", "cameo")


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    known: int = 0
    duplicates: int = 0
    failed: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in vars(self).items() if isinstance(v, int)}


@dataclass
class IngestOptions:
    fields: FieldNames = field(default_factory=FieldNames)
    date: str | None = None
    batch_size: int = 32
    n_process: int = 1
    max_bytes: int = DEFAULT_MAX_BYTES


def article_id(document: SourceDocument) -> str:
    """Content hash of outlet and text: the same report is the same article, every time."""
    key = f"{document.source or ''}\n{document.text.strip()}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


class Ingest:
    """One ingest run into one store."""

    def __init__(self, store: Store, coder: Coder, options: IngestOptions | None = None) -> None:
        self.store = store
        self.coder = coder
        self.options = options or IngestOptions()
        self.summary = IngestSummary()
        self.index = dedup.NearDuplicates.from_signatures(store.signatures())
        self.run_events: dict[str, list[dict[str, Any]]] = {}  # originals coded in this run
        self.run_id = ""

    def run(
        self,
        paths: list[str],
        on_progress: Callable[[IngestSummary], None] | None = None,
        on_problem: Callable[[str], None] | None = None,
    ) -> IngestSummary:
        self.run_id = self.store.start_run("ingest", paths, self.coder.provenance())
        try:
            articles = self._unseen(self._documents(paths, on_problem))
            batch: list[StoredArticle] = []
            for coded in self.coder.code_stream(articles, n_process=self.options.n_process):
                batch.append(self._stored(coded))
                if len(batch) >= self.options.batch_size:
                    self._commit(batch, on_progress)
            self._commit(batch, on_progress)
        finally:
            self.store.finish_run(self.run_id, self.summary.counts(), self.summary.problems)
        return self.summary

    # ---- reading --------------------------------------------------------------------------
    def _documents(
        self, paths: list[str], on_problem: Callable[[str], None] | None
    ) -> Iterator[SourceDocument]:
        for item in read_documents(paths, self.options.fields, self.options.date,
                                   self.options.max_bytes):
            if isinstance(item, InputProblem):
                self.summary.failed += 1
                self.summary.problems.append(str(item))
                if on_problem:
                    on_problem(str(item))
                continue
            self.summary.read += 1
            yield item

    def _unseen(self, documents: Iterable[SourceDocument]) -> Iterator[Article]:
        """Articles not yet stored, checked against the store a chunk at a time."""
        chunk: list[tuple[str, SourceDocument]] = []
        for document in documents:
            chunk.append((article_id(document), document))
            if len(chunk) >= 256:
                yield from self._filter_known(chunk)
                chunk = []
        yield from self._filter_known(chunk)

    def _filter_known(self, chunk: list[tuple[str, SourceDocument]]) -> Iterator[Article]:
        known = self.store.known_articles(key for key, _ in chunk)
        seen_here: set[str] = set()
        for key, document in chunk:
            if key in known or key in seen_here:
                self.summary.known += 1
                continue
            seen_here.add(key)
            yield Article(document.doc_id, document.text, document.date, meta=(key, document))

    # ---- storing --------------------------------------------------------------------------
    def _stored(self, coded: Coded) -> StoredArticle:
        key, document = coded.article.meta
        minhash = dedup.signature(document.text)
        original = self.index.original_of(key, minhash)
        if original is None:
            self.index.add(key, minhash)
        else:
            self.summary.duplicates += 1
        rows = [self._event_row(key, document, event.to_dict()) for event in coded.events]
        if original is not None:
            _mark_repeats(rows, self._events_of(original))
        else:
            self.run_events[key] = rows
        return StoredArticle(
            row=self._article_row(key, document, original),
            sentences=coded.sentences,
            events=rows,
            signature=dedup.to_bytes(minhash),
        )

    def _events_of(self, original: str) -> list[dict[str, Any]]:
        return self.run_events.get(original) or self.store.events_of(original)

    def _article_row(
        self, key: str, document: SourceDocument, original: str | None
    ) -> dict[str, Any]:
        return {
            "article_id": key, "doc_id": document.doc_id, "source": document.source,
            "url": document.url, "title": document.title, "date": document.date,
            "date_source": document.date_source, "text": document.text, "language": "en",
            "path": document.path, "ingested_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            "run_id": self.run_id, "duplicate_of": original,
        }

    def _event_row(self, key: str, document: SourceDocument, record: dict) -> dict[str, Any]:
        row = flatten_record(record)
        row.update(origin="detente", article_id=key, run_id=self.run_id,
                   source_url=document.url)
        row["event_id"] = event_id(key, row)
        return row

    def _commit(
        self, batch: list[StoredArticle], on_progress: Callable[[IngestSummary], None] | None
    ) -> None:
        if not batch:
            return
        self.store.add_articles(batch)
        self.summary.new += len(batch)
        self.summary.events += sum(len(article.events) for article in batch)
        batch.clear()
        if on_progress:
            on_progress(self.summary)


def event_id(article_key: str, row: dict[str, Any]) -> str:
    """Stable id: the same event of the same article gets the same id on every run."""
    parts = [article_key, row["sentence_index"], row["trigger_start"], row["source_code"],
             row["source_start"], row["target_code"], row["target_start"], row["cameo"]]
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:24]


def _mark_repeats(rows: list[dict[str, Any]], originals: list[dict[str, Any]]) -> None:
    """Point each event of a repeated story at the same event in the first report."""
    available: dict[tuple, list[str]] = {}
    for original in originals:
        available.setdefault(tuple(original[k] for k in EVENT_KEY), []).append(
            original["event_id"]
        )
    for row in rows:
        matches = available.get(tuple(row[k] for k in EVENT_KEY))
        if matches:
            row["duplicate_of"] = matches.pop(0)
