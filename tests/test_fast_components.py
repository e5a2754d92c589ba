"""spaCy's components as detente runs them (the attribute ruler matched through an index, the
lemmatizer remembering its lemmas and reading its word lists as sets, the models multiplying
through numpy's OpenBLAS on one thread) annotate as spaCy's do."""

from __future__ import annotations

import pickle

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import AttributeRuler
from thinc.api import NumpyOps

from detente import blas
from detente.blas import SerialNumpyOps
from detente.nlp import IndexedAttributeRuler, RememberingLemmatizer, _WordList

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


def test_same_annotations_as_spacys_own_components():
    from detente.nlp import load_pipeline

    nlp = load_pipeline()
    assert type(nlp.get_pipe("lemmatizer")) is RememberingLemmatizer
    texts = TEXTS + [t.upper() for t in TEXTS] + [t.lower() for t in TEXTS]
    ours = [_annotations(doc) for doc in nlp.pipe(texts)] + [
        _annotations(doc) for doc in nlp.pipe(texts)]  # the second time from what it remembers
    plain = load_pipeline()
    for _, component in plain.pipeline:
        if type(component) is IndexedAttributeRuler:
            component.__class__ = AttributeRuler
        elif type(component) is RememberingLemmatizer:
            component.__class__ = EnglishLemmatizer
            table = component.lookups.get_table("lemma_index")
            for key in list(table.keys()):
                table[key] = list(table[key])
    assert [_annotations(doc) for doc in plain.pipe(texts)] * 2 == ours


def _model_layers(nlp):
    return [layer for _, component in nlp.pipeline
            if hasattr(getattr(component, "model", None), "walk")
            for layer in component.model.walk()]


def test_the_models_multiply_through_numpy_on_one_thread(coder, monkeypatch):
    if blas.thread_setter() is None:
        pytest.skip("numpy ships no OpenBLAS here: the layers keep thinc's BLIS")
    layers = _model_layers(coder.nlp)
    assert layers and {type(layer.ops) for layer in layers} == {SerialNumpyOps}
    counts = []  # the thread counts set, in order; OpenBLAS had 3 before

    def setter(threads: int) -> int:
        counts.append(threads)
        return counts[-2] if len(counts) % 2 == 0 else 3

    monkeypatch.setattr(blas, "thread_setter", lambda: setter)
    coder.nlp("Chile and Peru signed a trade agreement in Lima on Tuesday.")
    assert counts and counts == [1, 3] * (len(counts) // 2)


def test_same_annotations_as_with_thincs_blis():
    from detente.nlp import load_pipeline

    nlp = load_pipeline()
    texts = TEXTS + [t.upper() for t in TEXTS]

    def parsed():
        return [(_annotations(doc), [(e.start, e.end, e.label_) for e in doc.ents])
                for doc in nlp.pipe(texts)]

    ours = parsed()
    for layer in _model_layers(nlp):
        layer.ops = NumpyOps()
    assert parsed() == ours


def test_a_word_list_is_still_a_list():
    words = _WordList(["talk", "deal"])
    assert "talk" in words and "talks" not in words and words == ["talk", "deal"]
    assert type(pickle.loads(pickle.dumps(words))) is list


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
