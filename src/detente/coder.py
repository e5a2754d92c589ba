"""Raw text in, coded events out: the library entry point the command line wraps."""

from __future__ import annotations

import functools
import gc
import hashlib
import itertools
import json
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from detente import __version__, parsetable, reading
from detente.actors.lexicon import COUNTRY, load_actor_lexicon
from detente.actors.people import parse_day, people_index
from detente.actors.resolve import DocumentActors, build_matcher
from detente.cleantext import parse_ready, visible_copy
from detente.codebook import load_codebook
from detente.config import article_coding_seconds, model_name
from detente.datafiles import packaged_text, read_packaged, read_user_dictionaries
from detente.events.arms import find_transfers
from detente.events.dates import OUT_OF_RANGE, DateResolver, date_of_event, sane_day
from detente.events.extract import VISIT_CODE, SentenceCoder
from detente.events.lexicon import load_event_lexicon
from detente.events.modality import load_modality_cues
from detente.events.places import Gazetteer, named_as_place, place_of_event
from detente.model import Actor, Article, Event
from detente.nlp import REPARSE, load_pipeline
from detente.original_offsets import (
    events_in_original,
    records_in_original,
    span_in_original,
    transfer_sentences,
)
from detente.structure import DATELINES

# spaCy's memory grows steeply with the batch (64 documents: +360 MB, 16: +85 MB) while 16 is
# as fast: measured on generated 12-sentence articles.
PIPE_BATCH = 16
# Longer "sentences" are tag lists, tables or run-on junk, not news; coding time grows faster
# than linearly with length, so they are skipped (and said so) rather than coded.
MAX_SENTENCE_TOKENS = 250
# spaCy adds every new word of the text to its vocabulary (a string, a lexeme) and its rule
# lemmatiser's cache, for good: a long run grows with the corpus's vocabulary (real news: about
# 100 new lexemes an article at first). After its first WARM_ARTICLES articles, whose (mostly
# frequent) words stay, a coder parses in spaCy memory zones of ZONE_ARTICLES articles (times
# the processes), at the end of which the words first seen in them are dropped again and the
# lemmatiser's cache goes back to what it held after the warm-up. The warm-up matters for
# speed: inside a zone the tokenizer caches nothing new. What a zone cannot give back is the
# slot a dropped word held in spaCy's hash tables (preshed keeps deleted keys' slots; a word
# seen again reuses its own): a few dozen bytes for each word never seen before.
WARM_ARTICLES = 200
ZONE_ARTICLES = 500
# The PLOVER type of acts of force (CAMEO 18-20 and the violent 17s): they happen where what
# they struck is, so their place may hang on the object ("an attack on a base in Mopti").
FORCE_TYPE = "ASSAULT"


@dataclass
class Analysis:
    """What the coder finds in one document."""

    events: list[Event]
    people: list[Actor]  # people introduced or named in it, once each
    transfers: list[dict] = field(default_factory=list)  # arms-transfer records
    notes: list[str] = field(default_factory=list)  # what was left uncoded, and why


@dataclass
class Coded:
    """One article's result: its events and the sentences they point into."""

    article: Article
    events: list[Event]
    sentences: list[tuple[int, int, int, str]]  # index, start, end, text
    people: list[Actor] = field(default_factory=list)
    transfers: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None  # why the article could not be coded; then nothing else is set


def _without_collection(build):
    """Building a coder makes some 250,000 objects and no garbage: the collector, run every
    few hundred new objects, walked them again and again (0.1 s of each start)."""

    @functools.wraps(build)
    def without(*args, **kwargs):
        if not gc.isenabled():
            return build(*args, **kwargs)
        gc.disable()
        try:
            return build(*args, **kwargs)
        finally:
            gc.enable()

    return without


class Coder:
    """Codes articles into events. Build once; reuse for many articles."""

    @_without_collection
    def __init__(
        self,
        model: str | None = None,
        dictionaries: Iterable[str | Path] = (),
        domestic: bool = False,
    ) -> None:
        dictionaries = [str(path) for path in dictionaries]  # read twice: not an iterator
        extensions = read_user_dictionaries(dictionaries)
        # what each PETRARCH file gave and left out, for the command line to report
        self.dictionary_reports = [e["petrarch"] for e in extensions if "petrarch" in e]
        self.dictionary_version = dictionary_fingerprint(extensions)
        self.nlp = load_pipeline(model)
        component = self.nlp.add_pipe(EVENT_COMPONENT, last=True)
        component.coder = self
        self.actor_lexicon = load_actor_lexicon(extensions, dictionaries)
        # a line for each name the user's files give in more than one way, to report as the
        # PETRARCH reports are
        self.dictionary_notes = list(self.actor_lexicon.notes)
        reading.add_names(self.nlp, self.actor_lexicon.entries, state_names(self.actor_lexicon))
        self.matcher = build_matcher(self.nlp, self.actor_lexicon)
        self.office_holders = people_index(extensions)
        # office holders' full names, so copy in capitals or in lower case gets them back
        # ("DONALD TRUMP", "kim jong un"); a surname alone may be a word ("trump")
        reading.add_names(self.nlp, (holder.name for holder in
                                     self.office_holders.full_names.values()
                                     if " " in holder.name))
        self.dates = DateResolver.load()
        self.places = Gazetteer.load()
        reading.add_place_test(self.nlp, self.places.is_large_place)
        modality_table = read_packaged("modality.yaml")
        # seconds per article (None: no limit); the API sets a shorter one per request
        self._time_budget: float | None = article_coding_seconds()
        self.parsed = 0  # articles parsed by code_stream, for the warm-up before memory zones
        self._warm_lemmas: dict | None = None  # the lemmatiser's cache after the warm-up
        self.sentence_coder = SentenceCoder(
            load_event_lexicon(extensions),
            load_codebook(),
            load_modality_cues(),
            _code_map(modality_table, "intent_codes"),
            _code_map(modality_table, "refusal_codes"),
            threat_codes=_code_map(modality_table, "threat_codes"),
            domestic=domestic,
            places=self.places,
        )
        if REPARSE in self.nlp.pipe_names:
            self.nlp.get_pipe(REPARSE).speech_verbs = self.sentence_coder.lexicon.speech_verbs

    @contextmanager
    def time_budget(self, seconds: float | None) -> Iterator[None]:
        """Within the block, stop coding an article's sentences once it has taken ``seconds``
        (a note says which were left), so one request cannot hold the coder for long."""
        previous, self._time_budget = self._time_budget, seconds
        try:
            yield
        finally:
            self._time_budget = previous

    def code_doc(self, doc: Doc, doc_id: str, date: str | None = None) -> list[Event]:
        """Events of an already parsed document."""
        return self.analyse(doc, doc_id, date).events

    def analyse(self, doc: Doc, doc_id: str, date: str | None = None) -> Analysis:
        """Events and people of an already parsed document."""
        with parsetable.coding(doc):  # (the parse is read from one table while it is coded)
            return self._analyse(doc, doc_id, date)

    def _analyse(self, doc: Doc, doc_id: str, date: str | None) -> Analysis:
        day = parse_day(date)
        actors = DocumentActors(doc, self.actor_lexicon, self.matcher, self.office_holders, day,
                                self.sentence_coder.lexicon.speech_verbs)
        events: list[Event] = []
        notes = [f"{OUT_OF_RANGE} ({date})"] if day is not None and sane_day(day) is None else []
        deadline = None if self._time_budget is None else time.monotonic() + self._time_budget
        sentences = parsetable.sentences(doc)  # (listed once for the document's coding)
        datelines = {span.start for span in doc.spans.get(DATELINES, [])}
        for index, sent in enumerate(sentences):
            if sent.start in datelines:
                continue  # where the reporter was: no referent for "the government" later
            if deadline is not None and time.monotonic() > deadline:
                notes.append(f"sentences {index + 1}-{len(sentences)} not coded: the "
                             f"{self._time_budget:g} s coding budget ran out")
                break
            if len(sent) > MAX_SENTENCE_TOKENS:
                notes.append(f"sentence {index + 1} not coded: {len(sent)} tokens, over the "
                             f"{MAX_SENTENCE_TOKENS}-token budget for one sentence")
                continue
            actors.observe(sent)
            events.extend(self.sentence_coder.code(sent, index, actors, doc_id, events))
        countries = actors.countries()
        for event in events:
            self._date(event, doc, date, day)
            self._place(event, doc, countries)
        transfers = find_transfers(doc, events, doc_id, date=date, coder=self,
                                   max_tokens=MAX_SENTENCE_TOKENS)
        analysis = Analysis(events, actors.introduced_people(), [t.to_dict() for t in transfers],
                            notes)
        original = reading.original_text(doc)
        if original is not None:
            _report_original(analysis, original, doc)
        return analysis

    def _place(self, event: Event, doc: Doc, countries: frozenset[str]) -> None:
        """Where the event happened, when its clause says so; never guessed from the actors."""
        # (an actor is no place, unless it was named as one: "struck targets in Syria", or is
        # the place a visit went to: "visited Kabul")
        target = event.target
        visited = (target.start, target.end) if (
            event.cameo == VISIT_CODE and target.start is not None) else None
        actors = [(a.start, a.end) for a in (event.source, event.target)
                  if a.start is not None and not named_as_place(doc, a.start, a.end)
                  and not (visited and a is target)]
        place = place_of_event(doc[event.token_index], self.places, countries, actors, visited,
                               force=event.plover == FORCE_TYPE)
        event.extra["location"] = place.to_dict() if place else None

    def _date(self, event: Event, doc: Doc, article_date: str | None, day) -> None:
        """The date the event happened, from its clause, else the article's."""
        found = date_of_event(doc[event.token_index], day, self.dates)
        event.date = found.date if found else article_date
        event.extra.update(
            article_date=article_date,
            date_end=found.end if found else None,
            date_precision=found.precision if found else None,
            date_text=found.text if found else None,
        )
        story_day = sane_day(day)
        if day is not None and story_day is None:
            event.extra["date_note"] = OUT_OF_RANGE
        elif found and story_day and event.modality == "asserted" and (
                found.date[:10] > story_day.isoformat()):
            # "leaves for Lima on Thursday", "talks in January" in a November story: an act
            # its own clause dates after the story has not happened yet
            event.modality = "future"

    def code_text(self, text: str, doc_id: str = "text", date: str | None = None) -> list[Event]:
        """Events of one text. The coder reads it without the invisible characters that split
        words ("Colom\u00adbia", "Peru\u200b accused"), as ingestion does, yet every offset
        and span text of the events is the caller's text's own (a control character is read as
        a space, one for one: ``parse_ready``)."""
        text = parse_ready(text)
        copy, offsets = visible_copy(text)
        events = self.code_doc(self.nlp(copy), doc_id, date)
        events_in_original(events, text, offsets)
        return events

    def code_articles(
        self, articles: Iterable[Article], batch_size: int = PIPE_BATCH, n_process: int = 1
    ) -> Iterator[tuple[Article, list[Event]]]:
        """Parse articles in batches (several processes if asked) and code each one."""
        for coded in self.code_stream(articles, batch_size, n_process):
            yield coded.article, coded.events

    def code_stream(
        self, articles: Iterable[Article], batch_size: int = PIPE_BATCH, n_process: int = 1
    ) -> Iterator[Coded]:
        """Like ``code_articles``, keeping the sentence boundaries for the store.

        One article that cannot be coded comes back with ``error`` set; the others still do.
        The articles are parsed a part at a time, after the warm-up each in a memory zone, so
        the vocabulary does not grow with a long stream.
        """
        source = iter(articles)
        while True:
            zoned = self.parsed >= WARM_ARTICLES
            size = (ZONE_ARTICLES if zoned else WARM_ARTICLES - self.parsed) * max(1, n_process)
            first = next(source, None)
            if first is None:
                return
            part = itertools.chain([first], itertools.islice(source, size - 1))
            with self._vocabulary_zone(zoned):
                for coded in self._code_part(part, batch_size, n_process):
                    self.parsed += 1
                    yield coded

    @contextmanager
    def _vocabulary_zone(self, zoned: bool) -> Iterator[None]:
        """Inside, with ``zoned``, the words spaCy first meets are dropped at the end."""
        if not zoned:
            yield
            return
        lemmas = getattr(self.nlp.get_pipe("lemmatizer"), "cache", None) if (
            "lemmatizer" in self.nlp.pipe_names) else None
        if isinstance(lemmas, dict) and self._warm_lemmas is None:
            self._warm_lemmas = dict(lemmas)
        with self.nlp.memory_zone():
            yield
        if isinstance(lemmas, dict) and self._warm_lemmas is not None:
            lemmas.clear()
            lemmas.update(self._warm_lemmas)

    def _code_part(self, articles: Iterator[Article], batch_size: int, n_process: int
                   ) -> Iterator[Coded]:
        source = iter(articles)
        in_flight: deque[Article] = deque()  # handed to spaCy, not yet back, in order
        too_long: set[int] = set()  # articles handed over empty: over the parser's limit

        def feed() -> Iterator[tuple[str, Article]]:
            for article in source:
                in_flight.append(article)
                if len(article.text) > self.nlp.max_length:
                    # spaCy would fail the whole batch on it, and each article be parsed again
                    too_long.add(id(article))
                    yield "", article
                    continue
                yield parse_ready(article.text), article

        while True:
            try:
                for doc, article in self.nlp.pipe(
                    feed(), as_tuples=True, batch_size=batch_size, n_process=n_process
                ):
                    in_flight.popleft()
                    if id(article) in too_long:
                        too_long.discard(id(article))
                        yield Coded(article, [], [], error=self._too_long(article))
                        continue
                    yield self._coded(doc, article)
                return
            except Exception:  # spaCy itself failed on one of the batch: find which, go on
                if not in_flight:
                    raise  # not any article's fault (the pipe cannot start at all)
                # the failed pipe is abandoned; a fresh one takes the rest of the input
                while in_flight:
                    yield self._code_alone(in_flight.popleft())

    def _coded(self, doc: Doc, article: Article) -> Coded:
        found = doc.user_data.pop(EVENTS_KEY, None)
        # (the pipeline step listed them from the text it had joined already)
        known = found.get("sentences") if found is not None else None
        sentences = sentence_records(doc) if known is None else [tuple(s) for s in known]
        if found is None:
            try:
                analysis = self.analyse(doc, article.doc_id, article.date)
            except Exception as exc:  # one article's fault is reported, never fatal
                return Coded(article, [], [], error=_coding_failed(exc))
        elif found.get("error"):
            return Coded(article, [], [], error=found["error"])
        else:
            analysis = Analysis([Event.from_dict(r) for r in found["events"]],
                                [Actor.from_dict(p) for p in found["people"]],
                                found["transfers"], found["notes"])
        return Coded(article, analysis.events, sentences, analysis.people, analysis.transfers,
                     analysis.notes)

    def _too_long(self, article: Article) -> str:
        return (f"text is {len(article.text):,} characters, over the {self.nlp.max_length:,} "
                "the parser reads at once (split it into articles)")

    def _code_alone(self, article: Article) -> Coded:
        """One article outside the batch pipe, so its failure is its own."""
        if len(article.text) > self.nlp.max_length:
            return Coded(article, [], [], error=self._too_long(article))
        try:
            doc = self.nlp(parse_ready(article.text))
        except Exception as exc:
            return Coded(article, [], [], error=_coding_failed(exc))
        return self._coded(doc, article)

    def provenance(self) -> dict[str, str]:
        """What a stored result depends on: model and dictionary versions."""
        meta = self.nlp.meta
        return {
            "model": f"{meta.get('lang', '')}_{meta.get('name', '')}",
            "model_version": str(meta.get("version", "")),
            "dictionary_version": self.dictionary_version,
            "detente_version": __version__,
        }


EVENT_COMPONENT = "detente_events"
EVENTS_KEY = "detente_events"


class EventComponent:
    """The coder as the last pipeline step, so it runs inside nlp.pipe's worker processes.

    It codes documents that carry their Article as pipe context and leaves the events, as
    plain records, in ``doc.user_data`` (which survives the trip back from a worker).
    """

    def __init__(self) -> None:
        self.coder: Coder | None = None

    def __call__(self, doc: Doc) -> Doc:
        article = getattr(doc, "_context", None)
        if self.coder is not None and isinstance(article, Article):
            try:
                with parsetable.coding(doc):  # (one table for the analysis and the sentences)
                    analysis = self.coder.analyse(doc, article.doc_id, article.date)
                    sentences = sentence_records(doc)
            except Exception as exc:  # reported with the article; the batch goes on
                doc.user_data[EVENTS_KEY] = {"error": _coding_failed(exc)}
                return doc
            doc.user_data[EVENTS_KEY] = {
                "events": [event.to_dict() for event in analysis.events],
                "people": [person.to_dict() for person in analysis.people],
                "transfers": analysis.transfers,
                "notes": analysis.notes,
                "sentences": sentences,
            }
        return doc


@Language.factory(EVENT_COMPONENT)
def make_event_component(nlp: Language, name: str) -> EventComponent:
    return EventComponent()


def provenance_for(model: str | None = None, dictionaries: Iterable[str | Path] = (),
                   extensions: list[dict] | None = None) -> dict:
    """A coder's provenance without loading the pipeline (for a process that only merges);
    ``extensions``: the dictionaries, already read."""
    from spacy.util import get_package_version

    name = model_name(model)
    if extensions is None:
        extensions = read_user_dictionaries(dictionaries)
    return {
        "model": name,
        "model_version": get_package_version(name) or "",
        "dictionary_version": dictionary_fingerprint(extensions),
        "detente_version": __version__,
    }


DATA_TABLES = ("cameo.yaml", "actors.yaml", "agents.yaml", "verbs.yaml", "modality.yaml",
               "people.yaml", "periods.yaml", "places.yaml", "equipment.yaml")


def dictionary_fingerprint(extensions: list[dict]) -> str:
    """A short hash of every table and extension in use, stored with each run."""
    digest = hashlib.sha256()
    for name in DATA_TABLES:
        digest.update(packaged_text(name).encode())
    for extension in extensions:
        digest.update(json.dumps(_text_keys(extension), sort_keys=True, default=str).encode())
    return digest.hexdigest()[:12]


def _text_keys(value: Any) -> Any:
    """A copy of a dictionary file's data whose mapping keys are all text: JSON refuses a key
    YAML read as a date or a number ({2021-08-15: GOV}). Built with a stack, not recursion."""
    top: dict[str, Any] = {}
    pending: list[tuple[Any, Any, Any]] = [(value, top, "value")]
    while pending:
        item, parent, key = pending.pop()
        if isinstance(item, dict):
            parent[key] = copied = {}
            pending.extend((v, copied, str(k)) for k, v in item.items())
        elif isinstance(item, list):
            parent[key] = copied = [None] * len(item)
            pending.extend((v, copied, i) for i, v in enumerate(item))
        else:
            parent[key] = item
    return top["value"]


def error_line(exc: BaseException) -> str:
    """An unexpected error as one line: its type and message."""
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def _coding_failed(exc: BaseException) -> str:
    return f"coding failed ({error_line(exc)})"


def sentence_records(doc: Doc) -> list[tuple[int, int, int, str]]:
    """Each sentence's index, start, end and text, as offsets into the text the pipeline was
    given (what ``Coded.sentences`` holds)."""
    text = reading.original_text(doc) or parsetable.document_text(doc)
    return [(i, start, end, text[start:end])
            for i, (start, end) in enumerate(reading.sentence_bounds(doc))]


def _report_original(analysis: Analysis, original: str, doc: Doc) -> None:
    """The pipeline read a normalised copy (``reading``): report the words as the text has them,
    at the text's own offsets where the copy left spaces out."""
    offsets = reading.copy_offsets(doc)
    if analysis.transfers:
        transfer_sentences(analysis.transfers, reading.sentence_bounds(doc), original)
    events_in_original(analysis.events, original, offsets)
    analysis.people = [span_in_original(p, original, offsets) for p in analysis.people]
    records_in_original(analysis.transfers, original, offsets)


def state_names(lexicon: Any) -> list[str]:
    """The dictionary's phrases that name a state (not a demonym, an IGO or a group)."""
    return [phrase for phrase, entry in lexicon.entries.items() if entry.kind == COUNTRY]


def _code_map(table: dict, key: str) -> dict[str, str]:
    return {str(root): str(code) for root, code in (table.get(key) or {}).items()}
