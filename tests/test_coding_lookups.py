"""What the coder looks up once a document instead of asking spaCy again and again (session
35's speed work) gives what spaCy gives: each token's sentence, a name's key."""

from __future__ import annotations

import pytest

from detente.actors.people import name_key
from detente.actors.resolve import DocumentActors
from detente.coder import Coder

# written for these tests: a dateline (a boundary the structure component sets), a quote, a
# glued weekday the parse repairs, "according to"
TEXTS = [
    "OSLO, March 3 (Reuters) - Norway and Denmark signed a fisheries agreement on Monday. "
    "The Danish foreign minister, Lars Holm, said Copenhagen would send a team to Oslo.\n\n"
    "\"We will talk again next month,\" he said.",
    "Norway hosted German Chancellor Hans Weber Monday. Chile was not invited.",
    "According to Chilean officials, Peru moved troops to the border. Bolivia did not respond, "
    "and ACCORDING TO its envoy it never will.",
]


@pytest.fixture(scope="module")
def docs(coder: Coder):
    return list(coder.nlp.pipe(TEXTS))


def test_a_tokens_sentence_is_the_one_spacy_gives(coder: Coder, docs):
    for doc in docs:
        actors = DocumentActors(doc, coder.actor_lexicon, coder.matcher)
        found = [(actors.sentence_at(t.i).start, actors.sentence_at(t.i).end) for t in doc]
        assert found == [(t.sent.start, t.sent.end) for t in doc]
        assert len(set(found)) > 1


@pytest.mark.parametrize(("written", "key"), [
    ("Recep Tayyip ERDOĞAN", "recep tayyip erdogan"),
    ("Recep Tayyip Erdogan", "recep tayyip erdogan"),
    ("Jovenel Moïse", "jovenel moise"),
    ("Jean-Marc AYRAULT", "jean-marc ayrault"),
])
def test_a_names_key_drops_case_and_accents(written, key):
    assert name_key(written) == key
