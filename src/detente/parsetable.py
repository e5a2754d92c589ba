"""A parsed document's words as plain lists, read from spaCy's arrays once a document.

The coder scans every sentence several times for the few words that matter (nouns that may
name an actor, speech verbs, triggers, the tree from the root down). Asked of spaCy's tokens,
each word costs a Python object per access and a string lookup per attribute, for every
word and every scan (about a tenth of the coding time on news); read from these lists, a
scan costs a list index per word and makes tokens only of the words it keeps.

The same holds for a word's children: ``token.children`` makes a token of every child (and
the walk to find them two generators), and its callers read each child's label as a string,
to keep one child or none, tens of thousands of times a corpus. While a document is coded
(``coding``), the helpers below read the children from the table and make a token only of
the child they return; outside that block, or for another document, they ask spaCy, so
they answer alike wherever they are called.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from itertools import repeat

import numpy
from spacy.attrs import DEP, HEAD, IDX, LEMMA, LENGTH, LOWER, ORTH, POS, SPACY, TAG
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token


def string_ids(*texts: str) -> frozenset[int]:
    """The ids that ``ParseTable.dep`` and ``ParseTable.lower`` hold for these dependency
    labels or lower-case words (spaCy's ids of strings, the same in every vocabulary)."""
    return frozenset(get_string_id(text) for text in texts)


@lru_cache(maxsize=256)
def word_ids(words: frozenset[str] | str) -> frozenset[int]:
    """``string_ids`` of a word or a fixed set of words, worked out once."""
    return string_ids(words) if isinstance(words, str) else string_ids(*words)


class ParseTable:
    """Part of speech, dependency label, lower-case form, head and children of every token
    of a document, by token index. The document's parse must not change while it is in use
    (the coder reads a finished parse)."""

    def __init__(self, doc: Doc) -> None:
        # (each list is made by numpy from the document's arrays: a Python step for every word
        # of a list costs as much as the list is worth)
        self.doc = doc
        count = len(doc)
        words = doc.to_array([POS, DEP, LOWER, HEAD, TAG]).reshape(count, 5)
        self._words = words  # (for the words some scans want: ``verbs_of`` and the like)
        # the document's tokens, made once: ``doc[i]`` makes a new token object on every
        # call (some 450,000 a corpus, the coder's largest single cost), ``tokens[i]`` is a
        # list index (a token is a view of the document: one object serves every reader)
        self.tokens: list[Token] = list(doc)
        self.pos: list[str] = _POS_NAMES[words[:, 0]].tolist()  # as ``token.pos_``
        self.dep: list[int] = words[:, 1].tolist()  # label ids (``token.dep``): ``string_ids``
        self.dep_: list[str] = _names(words[:, 1], doc)  # as ``token.dep_``
        self.tag_: list[str] = _names(words[:, 4], doc)  # as ``token.tag_``
        self.lower: list[int] = words[:, 2].tolist()  # ids of the lower-case forms
        # (a head is stored as an offset, which can be negative: read as signed)
        places = numpy.arange(count)
        heads = places + words[:, 3].astype("int64")
        self.heads: list[int] = heads.tolist()
        # each token's children in order, as ``token.children`` gives them: spaCy keeps each
        # token's edges from its heads (after a parse, a head set or arrays read), so its
        # children are exactly the tokens headed by it (those of a head are consecutive once
        # sorted stably by head)
        self.kids: list[Sequence[int]] = [()] * count
        dependents = numpy.flatnonzero(heads != places)
        grouped = dependents[numpy.argsort(heads[dependents], kind="stable")]
        if len(grouped):
            their_heads = heads[grouped]
            firsts = [0, *(numpy.flatnonzero(their_heads[1:] != their_heads[:-1]) + 1).tolist()]
            ends = [*firsts[1:], len(grouped)]
            listed = grouped.tolist()
            for head, first, end in zip(their_heads[firsts].tolist(), firsts, ends, strict=True):
                self.kids[head] = listed[first:end]
        # each token's lemma in lower case (``token.lemma_.lower()``)
        self.lemmas: list[str] = _names(doc.to_array(LEMMA).reshape(count), doc, str.lower)
        self._hooked = "conjuncts" in doc.user_token_hooks  # (spaCy's answer then)
        # (read when first asked; each attribute set here first, so that Python keeps the
        # table's attributes in one shared layout, read fast)
        self._lemma_ids: list[int] | None = None
        self._text: str | None = None
        self._offsets: tuple[list[int], list[int]] | None = None  # each word's start and end
        self._sentences: tuple[list[Span], list[int]] | None = None
        self._roots: dict[tuple[int, int], int] = {}  # (start, end) of a span -> its root
        # the places of the few words some scans want, found in one pass over the document
        # (each scan of every sentence, or of a sentence for every trigger, read every word)
        self._verbs_of: dict[frozenset[str], list[int]] = {}
        self._words_of: dict[frozenset[str], list[int]] = {}
        self._according: list[int] | None = None
        self._nominals: list[int] | None = None

    @property
    def lemma_ids(self) -> list[int]:
        """Each token's lemma id (``token.lemma``: equal ids, equal lemmas), read once asked."""
        if self._lemma_ids is None:
            self._lemma_ids = self.doc.to_array(LEMMA).reshape(len(self.doc)).tolist()
        return self._lemma_ids

    @property
    def text(self) -> str:
        """``doc.text``, joined once (spaCy joins the words again on every call, making a
        token of each): each distinct word's text looked up once, the rest in numpy."""
        if self._text is None:
            doc = self.doc
            words = doc.to_array([ORTH, SPACY]).reshape(len(doc), 2)
            distinct, places = numpy.unique(words[:, 0], return_inverse=True)
            strings = doc.vocab.strings
            bare = numpy.array([strings[word] for word in distinct.tolist()] or [""],
                               dtype=object)
            spaced = numpy.array([f"{word} " for word in bare.tolist()], dtype=object)
            places = places.reshape(len(doc))
            self._text = "".join(numpy.where(words[:, 1].astype(bool), spaced[places],
                                             bare[places]).tolist())
        return self._text

    def span_text(self, span: Span) -> str:
        """``span.text``, cut from the document's text: a span joins its words anew."""
        return self.text[span.start_char : span.end_char]

    def words_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` for indices in the document, without the span made."""
        end = min(end, len(self.doc))
        if end <= start:
            return ""
        if self._offsets is None:
            places = self.doc.to_array([IDX, LENGTH]).reshape(len(self.doc), 2)
            self._offsets = (places[:, 0].tolist(), (places[:, 0] + places[:, 1]).tolist())
        starts, ends = self._offsets
        return self.text[starts[start] : ends[end - 1]]

    def sentences(self) -> tuple[list[Span], list[int]]:
        """The document's sentences and their first tokens, listed once (spaCy rebuilds them
        on every ``doc.sents``)."""
        if self._sentences is None:
            sentences = list(self.doc.sents)
            self._sentences = (sentences, [s.start for s in sentences])
        return self._sentences

    def root_of(self, span: Span) -> int:
        """``span.root.i``, worked out once a span (spaCy walks the span on every call)."""
        key = (span.start, span.end)
        root = self._roots.get(key)
        if root is None:
            root = self._roots[key] = span.root.i
        return root

    def sentence_at(self, i: int) -> Span:
        """The sentence the token at ``i`` is in, as ``token.sent`` gives it: looked up in the
        sentences listed once, where each ``token.sent`` slices the document twice and walks
        to both ends of the sentence (several microseconds, asked thousands of times a story)."""
        sentences, starts = self.sentences()
        return sentences[bisect_right(starts, i) - 1]

    def verbs_of(self, lemmas: frozenset[str]) -> list[int]:
        """The indices of the verbs (``pos_`` VERB) with one of these lemmas, in order."""
        found = self._verbs_of.get(lemmas)
        if found is None:
            verbs = numpy.flatnonzero(self._words[:, 0] == _VERB).tolist()
            found = self._verbs_of[lemmas] = [i for i in verbs if self.lemmas[i] in lemmas]
        return found

    def words_of(self, lemmas: frozenset[str]) -> list[int]:
        """The indices of the words (any part of speech) with one of these lemmas, in order:
        a scan for a rare word reads this list, not every token of every sentence."""
        found = self._words_of.get(lemmas)
        if found is None:
            found = self._words_of[lemmas] = [
                i for i, lemma in enumerate(self.lemmas) if lemma in lemmas]
        return found

    def according(self) -> list[int]:
        """The indices of the words "according" labelled "prep", in order."""
        if self._according is None:
            words = self._words
            self._according = numpy.flatnonzero(
                (words[:, 2] == _ACCORDING) & (words[:, 1] == _PREP)).tolist()
        return self._according

    def nominals(self) -> list[int]:
        """The indices of the nouns and names that modify no other noun (no "compound" or
        "amod"), in order: the words that may name an actor of their own."""
        if self._nominals is None:
            words = self._words
            self._nominals = numpy.flatnonzero(
                numpy.isin(words[:, 0], _NOMINAL_POS)
                & ~numpy.isin(words[:, 1], _NOUN_MODIFIERS)).tolist()
        return self._nominals

    def of_pos(self, names: Collection[str]) -> list[int]:
        """The indices of the words with one of these parts of speech (``pos_``), in order."""
        ids = [POS_IDS[name] for name in names]
        return numpy.flatnonzero(numpy.isin(self._words[:, 0], ids)).tolist()

    def children(self, i: int) -> Sequence[int]:
        """The indices of the token's children in order (``token.children``)."""
        return self.kids[i]

    def labelled(self, i: int, labels: Collection[str] | str) -> list[int]:
        """The indices of the token's children with one of these labels (or this label)."""
        # (loops, not comprehensions: asked some 100,000 times a corpus, of a word or two)
        names, found = self.dep_, []
        if isinstance(labels, str):
            for j in self.kids[i]:
                if names[j] == labels:
                    found.append(j)
        else:
            for j in self.kids[i]:
                if names[j] in labels:
                    found.append(j)
        return found

    def conjuncts(self, i: int) -> list[int]:
        """The indices of the words coordinated with a token (``token.conjuncts``), found as
        spaCy finds them: up the "conj" links to the first, then down every "conj" to its
        right."""
        if self._hooked:
            return [t.i for t in self.doc[i].conjuncts]
        heads, names = self.heads, self.dep_
        start = i
        while heads[start] != start and names[start] == "conj":
            start = heads[start]
        found = [start]
        for word in found:  # (read as it grows)
            for j in self.kids[word]:
                if j > word and names[j] == "conj":
                    found.append(j)
        if len(found) == 1:
            return [] if start == i else found
        return [j for j in found if j != i]


def within(indices: list[int], start: int, end: int) -> list[int]:
    """The sorted ``indices`` from ``start`` up to ``end`` (a span's, say)."""
    return indices[bisect_left(indices, start) : bisect_left(indices, end)]


_ACCORDING, _PREP = get_string_id("according"), get_string_id("prep")
_NOUN_MODIFIERS = [get_string_id("compound"), get_string_id("amod")]  # (of another noun)
_VERB = POS_IDS["VERB"]
_NOMINAL_POS = [POS_IDS["NOUN"], POS_IDS["PROPN"]]

# ``token.pos_`` by the id ``token.pos`` holds
_POS_NAMES = numpy.array([POS_NAMES.get(i, "") for i in range(max(POS_NAMES) + 1)], dtype=object)


def _names(ids: numpy.ndarray, doc: Doc, form: Callable[[str], str] | None = None) -> list[str]:
    """The strings of these string ids (``form`` of each), each distinct id looked up once."""
    distinct, places = numpy.unique(ids, return_inverse=True)
    strings = doc.vocab.strings
    names = [strings[i] for i in distinct.tolist()]
    if form is not None:
        names = [form(name) for name in names]
    return numpy.array(names, dtype=object)[places.reshape(len(ids))].tolist()


_CODING: ContextVar[ParseTable | None] = ContextVar("detente_parse_table", default=None)


@contextmanager
def coding(doc: Doc) -> Iterator[ParseTable]:
    """Within the block, the helpers below read ``doc``'s parse from one table (also
    ``table_of``); the parse must not change inside it. The table is the block's: a
    document coded again later is read anew."""
    current = _CODING.get()
    if current is not None and current.doc is doc:  # (a block inside another, for the same)
        yield current
        return
    table = ParseTable(doc)
    reset = _CODING.set(table)
    try:
        yield table
    finally:
        _CODING.reset(reset)


def table_of(doc: Doc) -> ParseTable | None:
    """The table of ``doc`` while it is being coded (``coding``), else None."""
    table = _CODING.get()
    return table if table is not None and table.doc is doc else None


def sentence(token: Token) -> Span:
    """``token.sent`` (``ParseTable.sentence_at``)."""
    doc = token.doc
    table = _CODING.get()
    if table is None or table.doc is not doc or "sent" in doc.user_token_hooks:
        return token.sent
    return table.sentence_at(token.i)


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)`` (``ParseTable.sentences``)."""
    table = _CODING.get()
    return table.sentences()[0] if table is not None and table.doc is doc else list(doc.sents)


def document_text(doc: Doc) -> str:
    """``doc.text`` (``ParseTable.text``)."""
    table = _CODING.get()
    return table.text if table is not None and table.doc is doc else doc.text


def span_text(span: Span) -> str:
    """``span.text`` (``ParseTable.span_text``)."""
    table = _CODING.get()
    return table.span_text(span) if table is not None and table.doc is span.doc else span.text


def root_of(span: Span) -> int:
    """``span.root.i`` (``ParseTable.root_of``)."""
    table = _CODING.get()
    return table.root_of(span) if table is not None and table.doc is span.doc else span.root.i


def child(token: Token, label: str, words: Collection[str] | str | None = None) -> Token | None:
    """The token's first child with this dependency label (and, if given, one of these
    lower-case forms): ``next((c for c in token.children if c.dep_ == label), None)``."""
    doc = token.doc
    table = _CODING.get()
    if table is None or table.doc is not doc:
        return next((c for c in token.children if c.dep_ == label
                     and (words is None or _is_word(c.lower_, words))), None)
    names = table.dep_
    if words is None:
        for j in table.kids[token.i]:
            if names[j] == label:
                return table.tokens[j]
        return None
    ids, lower = word_ids(words), table.lower
    for j in table.kids[token.i]:
        if names[j] == label and lower[j] in ids:
            return table.tokens[j]
    return None


def has_child(token: Token, labels: Collection[str] | str | None,
              words: Collection[str] | str | None = None) -> bool:
    """Whether the token has a child with this label or one of these labels (any label for
    None) and, if given, one of these lower-case forms."""
    doc = token.doc
    table = _CODING.get()
    if table is None or table.doc is not doc:
        return any((labels is None or _is_word(c.dep_, labels))
                   and (words is None or _is_word(c.lower_, words)) for c in token.children)
    names = table.dep_
    ids, lower = (word_ids(words), table.lower) if words is not None else (None, None)
    for j in table.kids[token.i]:
        if (labels is None or (names[j] == labels if isinstance(labels, str)
                               else names[j] in labels)) and (ids is None or lower[j] in ids):
            return True
    return False


def labelled(token: Token, labels: Collection[str] | str) -> list[Token]:
    """The token's children with one of these dependency labels (or this one), in order."""
    doc = token.doc
    table = _CODING.get()
    if table is None or table.doc is not doc:
        if isinstance(labels, str):
            return [c for c in token.children if c.dep_ == labels]
        return [c for c in token.children if c.dep_ in labels]
    names, tokens, found = table.dep_, table.tokens, []
    if isinstance(labels, str):
        for j in table.kids[token.i]:
            if names[j] == labels:
                found.append(tokens[j])
    else:
        for j in table.kids[token.i]:
            if names[j] in labels:
                found.append(tokens[j])
    return found


def children(token: Token) -> list[Token]:
    """``token.children``, as a list."""
    doc = token.doc
    table = _CODING.get()
    if table is None or table.doc is not doc:
        return list(token.children)
    tokens = table.tokens
    return [tokens[j] for j in table.kids[token.i]]


def subtree(token: Token) -> list[Token]:
    """``token.subtree``, as a list: the token and its descendants in spaCy's order (each
    word's left children's subtrees, the word, its right children's subtrees)."""
    doc = token.doc
    table = _CODING.get()
    if table is None or table.doc is not doc:
        return list(token.subtree)
    kids = table.kids
    order: list[int] = []
    pending: list[tuple[int, bool]] = [(token.i, False)]  # (word, its children laid out)
    while pending:
        word, laid_out = pending.pop()
        if laid_out:
            order.append(word)
            continue
        below = kids[word]
        if not below:
            order.append(word)
            continue
        # popped last first: the left subtrees, the word, then the right subtrees
        cut = bisect_left(below, word)  # (the children before the word, then after it)
        pending.extend(zip(reversed(below[cut:]), repeat(False)))
        pending.append((word, True))
        pending.extend(zip(reversed(below[:cut]), repeat(False)))
    tokens = table.tokens
    return [tokens[j] for j in order]


def child_labels(token: Token) -> list[str]:
    """The dependency labels of the token's children, in order."""
    table = _CODING.get()
    if table is None or table.doc is not token.doc:
        return [c.dep_ for c in token.children]
    names = table.dep_
    return [names[j] for j in table.kids[token.i]]


def conjuncts(token: Token) -> tuple[Token, ...]:
    """``token.conjuncts`` (``ParseTable.conjuncts``)."""
    doc = token.doc
    table = _CODING.get()
    if table is None or table.doc is not doc:
        return token.conjuncts
    tokens = table.tokens
    return tuple(tokens[j] for j in table.conjuncts(token.i))


def _is_word(lower: str, words: Collection[str] | str) -> bool:
    return lower == words if isinstance(words, str) else lower in words
