"""The attribute ruler matched through an index gives the annotations spaCy's Matcher gives."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from detente.nlp import IndexedAttributeRuler

TEXTS = [
    "Iran's foreign minister said on Monday that Tehran would not give up its right to enrich.",
    "There is no deal. There's a war, and there are talks; there were none before.",
    "I told you it was me. He gave it to them, and you gave it to us.",
    "Ain't nothin' wrong, y'all. We ain't done, and they didn't do it, don't you see?",
    "Do it now. Did he do it? He has had it. They have been told; she'd have gone.",
    "  \n\nSpaces   \t between \n\n words.  ",
    "THE UNITED STATES AND CHINA SIGNED A DEAL",
    "",
]
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


def _annotations(doc):
    return doc.to_array(COLUMNS).tolist(), [str(t.morph) for t in doc]


def test_the_pipeline_matches_its_attribute_rulers_through_the_index(coder):
    rulers = [c for _, c in coder.nlp.pipeline if isinstance(c, AttributeRuler)]
    assert rulers and all(type(r) is IndexedAttributeRuler for r in rulers)


def test_same_annotations_as_the_matcher(coder):
    nlp = coder.nlp
    rulers = [c for _, c in nlp.pipeline if type(c) is IndexedAttributeRuler]
    with nlp.select_pipes(disable=["detente_events"]):
        indexed = [_annotations(doc) for doc in nlp.pipe(TEXTS)]
        try:
            for ruler in rulers:
                ruler.__class__ = AttributeRuler
            matched = [_annotations(doc) for doc in nlp.pipe(TEXTS)]
        finally:
            for ruler in rulers:
                ruler.__class__ = IndexedAttributeRuler
    assert indexed == matched


def _ruler(patterns):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, ruler


@pytest.mark.parametrize(("patterns", "indexed"), [
    ([{"patterns": [[{"LOWER": "the"}]], "attrs": {"LEMMA": "THE"}},
     {"patterns": [[{"LOWER": {"IN": ["the", "a"]}}, {"LOWER": {"REGEX": "^c"}}]],
      "attrs": {"LEMMA": "det"}, "index": 0},
     {"patterns": [[{"ORTH": {"NOT_IN": ["cat"]}}]], "attrs": {"NORM": "x"}},
     {"patterns": [[{"IS_SPACE": False}, {"TEXT": "cat"}]], "attrs": {"MORPH": "Number=Sing"},
      "index": -1}], True),
    # operators and attributes the index does not read: the Matcher matches them
    ([{"patterns": [[{"LOWER": "the", "OP": "?"}, {"LOWER": "cat"}]], "attrs": {"LEMMA": "feline"}},
     {"patterns": [[{"LENGTH": {">=": 3}}]], "attrs": {"NORM": "long"}}], False),
])
def test_a_blank_ruler_whatever_its_patterns(patterns, indexed):
    nlp, ruler = _ruler(patterns)
    text = "The cat saw a cat and the dog."
    expected = [(t.lemma_, t.norm_, str(t.morph)) for t in ruler(nlp.make_doc(text))]
    ruler.__class__ = IndexedAttributeRuler
    assert [(t.lemma_, t.norm_, str(t.morph)) for t in ruler(nlp.make_doc(text))] == expected
    assert bool(ruler._index) is indexed
    # patterns added later are read too
    ruler.add([[{"LOWER": "dog"}]], {"LEMMA": "hound"})
    assert ruler(nlp.make_doc("the dog"))[1].lemma_ == "hound"
