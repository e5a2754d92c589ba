"""Raw text in, coded events out: the library entry point the command line wraps."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from detente.actors.lexicon import load_actor_lexicon
from detente.actors.people import load_people, parse_day
from detente.actors.resolve import DocumentActors, build_matcher
from detente.codebook import load_codebook
from detente.datafiles import read_extension, read_packaged
from detente.events.extract import SentenceCoder
from detente.events.lexicon import load_event_lexicon
from detente.events.modality import load_modality_cues
from detente.model import Event
from detente.nlp import load_pipeline


@dataclass(frozen=True)
class Article:
    """A document to code: an identifier, its text and (if known) its date."""

    doc_id: str
    text: str
    date: str | None = None


class Coder:
    """Codes articles into events. Build once; reuse for many articles."""

    def __init__(
        self,
        model: str | None = None,
        dictionaries: Iterable[str | Path] = (),
        domestic: bool = False,
    ) -> None:
        extensions = [read_extension(path) for path in dictionaries]
        self.nlp = load_pipeline(model)
        self.actor_lexicon = load_actor_lexicon(extensions)
        self.matcher = build_matcher(self.nlp, self.actor_lexicon)
        self.people = load_people()
        modality_table = read_packaged("modality.yaml")
        self.sentence_coder = SentenceCoder(
            load_event_lexicon(extensions),
            load_codebook(),
            load_modality_cues(),
            _code_map(modality_table, "intent_codes"),
            _code_map(modality_table, "refusal_codes"),
            domestic=domestic,
        )

    def code_doc(self, doc: Doc, doc_id: str, date: str | None = None) -> list[Event]:
        """Events of an already parsed document."""
        actors = DocumentActors(
            doc, self.actor_lexicon, self.matcher, self.people, parse_day(date)
        )
        events: list[Event] = []
        for index, sent in enumerate(doc.sents):
            actors.observe(sent)
            for event in self.sentence_coder.code(sent, index, actors, doc_id):
                event.date = date
                events.append(event)
        return events

    def code_text(self, text: str, doc_id: str = "text", date: str | None = None) -> list[Event]:
        """Events of one text."""
        return self.code_doc(self.nlp(text), doc_id, date)

    def code_articles(
        self, articles: Iterable[Article], batch_size: int = 64, n_process: int = 1
    ) -> Iterator[tuple[Article, list[Event]]]:
        """Parse articles in batches (several processes if asked) and code each one."""
        stream = ((article.text, article) for article in articles)
        for doc, article in self.nlp.pipe(
            stream, as_tuples=True, batch_size=batch_size, n_process=n_process
        ):
            yield article, self.code_doc(doc, article.doc_id, article.date)


def _code_map(table: dict, key: str) -> dict[str, str]:
    return {str(root): str(code) for root, code in (table.get(key) or {}).items()}
