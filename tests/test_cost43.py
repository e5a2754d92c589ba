"""Session 43's lookups of the coder's cost: the table's tokens, made once a document, are
the document's own (``doc[i]`` makes a new object each call); its tags are spaCy's; the
words of a set of lemmas, of any part of speech, are the ones a word-by-word scan finds (the
ellipsis pass reads them, not every token of every sentence; its events are
tests/test_constructions38.py's)."""

from __future__ import annotations

import pytest

from detente import parsetable as tree
from detente.coder import Coder
from detente.parsetable import ParseTable

# written for these tests: an elided clause with "as", one with "so", a "do" that is no ellipsis
TEXTS = [
    "Ghana condemned Togo for the raid, as did Nigeria. Benin said it did not know.",
    "Chile recalled its ambassador from Peru, and so did Bolivia. The talks do matter.",
]


@pytest.fixture(scope="module")
def docs(coder: Coder):
    return list(coder.nlp.pipe(TEXTS))


def test_the_tables_tokens_are_the_documents_own(docs):
    for doc in docs:
        table = ParseTable(doc)
        assert len(table.tokens) == len(doc)
        assert all(token == doc[i] and token.i == i for i, token in enumerate(table.tokens))
        assert table.tag_ == [t.tag_ for t in doc]


def test_the_helpers_hand_back_the_tables_tokens(docs):
    for doc in docs:
        with tree.coding(doc) as table:
            for token in doc:
                assert all(c is table.tokens[c.i] for c in tree.children(token))
                assert [c.i for c in tree.labelled(token, "nsubj")] == [
                    c.i for c in token.children if c.dep_ == "nsubj"]


def test_the_words_of_a_lemma_are_those_a_scan_finds(docs):
    elliptic = frozenset({"do"})
    found = []
    for doc in docs:
        table = ParseTable(doc)
        found.append(table.words_of(elliptic))
        assert found[-1] == [t.i for t in doc if t.lemma_.lower() in elliptic]
        assert table.words_of(frozenset()) == []
    assert all(len(words) >= 2 for words in found)  # (an auxiliary "do" is one too)

