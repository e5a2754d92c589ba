"""Coding one pasted or uploaded article for the web page, and storing it when allowed.

The result has the same shape whether or not the article was stored: its text, sentence
boundaries, events (the JSON event records), the actor mentions those events name, the people it
introduces and its arms transfers, all with character offsets into the text, so the page can
highlight the evidence of every event and transfer.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

from detente.cleantext import text_without_controls, visible_copy
from detente.ingest.pipeline import Ingest, IngestOptions, article_id, former_ids
from detente.ingest.readers import SourceDocument, read_documents
from detente.ingest.text import date_in_text
from detente.original_offsets import (
    events_in_original,
    records_in_original,
    span_in_original,
    transfer_sentences,
)
from detente.reading import sentence_bounds
from detente.web import queries
from detente.web.context import WebContext

MAX_TEXT_BYTES = 200_000  # one article; longer input is almost always a whole feed pasted in
# The coding budget of one request, so one cannot hold the coder (and every request queued
# behind it) for minutes: words and punctuation marks the parser may see (news articles have a
# few thousand; parsing 20,000 takes seconds), and seconds for coding its sentences.
MAX_TEXT_TOKENS = 20_000
CODING_SECONDS = 20.0
_TOKEN = re.compile(r"\w+|[^\w\s]")
ACTOR_ROLES = ("source", "target", "attribution")
# What the runs table names as the input of an article stored through the API.
POSTED_BY = "POST /api/code"
# The note of a result without a date, so "date": null reads as unknown, not forgotten.
UNDATED = ("no date was given and none is written in the text's first lines: the article is "
           "undated, and time words such as \"on Tuesday\" date no event")


class CodingProblem(ValueError):
    """The text cannot be coded or stored; the message says why in one line."""


def text_too_large(text: str) -> str | None:
    """The 413 message for an over-long text, or None."""
    size = len(text.encode("utf-8"))
    if size > MAX_TEXT_BYTES:
        return (f"the text is {size / 1000:.0f} kB; the limit is {MAX_TEXT_BYTES // 1000} kB "
                "per article (split it into articles)")
    tokens = sum(1 for _ in _TOKEN.finditer(text))
    if tokens > MAX_TEXT_TOKENS:
        return (f"the text has {tokens:,} words and marks; the limit is {MAX_TEXT_TOKENS:,} "
                "per article (split it into articles)")
    return None


def code_article(
    ctx: WebContext, text: str, date: str | None, doc_id: str, store: bool
) -> dict[str, Any]:
    """Code (and, if asked, store) one article; see the module docstring for the result."""
    if store:  # the reader finds the dateline, as `detente ingest` does
        return _store_article(ctx, text, date, doc_id)
    # The coder reads the text without the invisible characters that split words, as
    # ingestion does; the result's offsets are then moved back into the caller's text, which
    # is the text this result returns (unlike a stored article's, which is the stored copy).
    # The dateline is read in that copy too: "Ma\u00adrch 5, 2024" is a date the coder sees.
    # A control character is read as a space (one for one), as the coder reads it everywhere.
    copy, offsets = visible_copy(text_without_controls(text))
    day = date or date_in_text(copy)
    with ctx.coder() as coder, coder.time_budget(CODING_SECONDS):
        doc = coder.nlp(copy)
        analysis = coder.analyse(doc, doc_id, day)
    sentences = [{"index": i, "start": start, "end": end}  # in the copy, as the events are
                 for i, (start, end) in enumerate(sentence_bounds(doc))]
    events_in_original(analysis.events, text, offsets)
    people = [span_in_original(person, text, offsets) for person in analysis.people]
    records_in_original([sentences, analysis.transfers], text, offsets)
    if offsets:  # the copy's sentence would lack the invisible characters the offsets count
        transfer_sentences(analysis.transfers, [(s["start"], s["end"]) for s in sentences],
                           text)
    return _result(text, day, doc_id, sentences,
                   [event.to_dict() for event in analysis.events],
                   [person.to_dict() for person in people], analysis.transfers,
                   stored=None, notes=analysis.notes)


def _store_article(ctx: WebContext, text: str, date: str | None, doc_id: str
                   ) -> dict[str, Any]:
    # Through the ingest pipeline (a one-record JSON file), so a stored article is exactly what
    # `detente ingest` would have stored: same article id, duplicate detection, run record.
    # Only the request's date goes in the record: the reader dates the rest from the text's
    # dateline ("text"), and never from the file's time, which is just when it was written.
    with tempfile.TemporaryDirectory(prefix="detente-web-") as folder:
        path = Path(folder) / f"{_safe_name(doc_id)}.json"
        path.write_text(json.dumps({"id": doc_id, "text": text, "date": date}),
                        encoding="utf-8")
        document = next(iter(read_documents([str(path)], file_dates=False)))
        if not isinstance(document, SourceDocument):
            raise CodingProblem(document.reason)
        key = article_id(document)
        with (ctx.write_lock, ctx.store(create=True) as store, ctx.coder() as coder,
              coder.time_budget(CODING_SECONDS)):
            summary = Ingest(store, coder, IngestOptions(posted_by=POSTED_BY)).run([str(path)])
            if summary.problems:
                raise CodingProblem(summary.problems[0])
            record = queries.article(store, key)
            for former in sorted(former_ids(document)) if record is None else ():
                # stored before its control characters were cleaned: under its former id
                if (record := queries.article(store, former)) is not None:
                    key = former
                    break
    if record is None:  # cannot happen after a successful run; say so rather than crash
        raise CodingProblem("the article was not stored")
    stored = {"article_id": key, "new": summary.new == 1, "duplicate_of": record["duplicate_of"],
              "url": f"/articles/{key}"}
    return _result(record["text"], record["date"], record["doc_id"], record["sentences"],
                   record["events"], record["people"], record["transfers"], stored=stored,
                   notes=[note.split(": ", 1)[-1] for note in summary.notes])


def _result(text: str, date: str | None, doc_id: str, sentences: list[dict[str, Any]],
            events: list[dict[str, Any]], people: list[dict[str, Any]],
            transfers: list[dict[str, Any]], stored: dict[str, Any] | None,
            notes: list[str]) -> dict[str, Any]:
    return {"doc_id": doc_id, "date": date, "text": text, "sentences": sentences,
            "events": events, "actors": actor_mentions(events), "people": people,
            "transfers": transfers, "stored": stored,
            "notes": notes if date else [*notes, UNDATED]}


def actor_mentions(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each actor mention the events name, once, in text order, with the roles it plays."""
    mentions: dict[tuple[int, int], dict[str, Any]] = {}
    for number, event in enumerate(events):
        for role in ACTOR_ROLES:
            actor = event.get(role)
            if not actor or actor.get("start") is None or actor.get("end") is None:
                continue
            key = (actor["start"], actor["end"])
            mention = mentions.setdefault(key, {
                "text": actor.get("text"), "code": actor.get("code"),
                "country": actor.get("country"), "kind": actor.get("kind"),
                "start": actor["start"], "end": actor["end"], "roles": [],
            })
            mention["roles"].append({"event": number, "role": role})
    return [mentions[key] for key in sorted(mentions)]


def _safe_name(doc_id: str) -> str:
    # the file name becomes nothing but a temporary path; keep it to harmless characters
    return re.sub(r"[^A-Za-z0-9_.-]", "_", doc_id)[:80] or "web"
