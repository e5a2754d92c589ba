"""Every verb of the event lexicon can fire: its inflected forms reach its lemma.

The lexicon matches verbs by lemma, and the small English model's rule lemmatiser gets some
forms wrong ("waged" -> "wag", "staged" -> "stag", "fined" -> "fin"): such an entry never
fires on real text however right its code. data/lemmas.yaml corrects them; this test inflects
every verb the lexicon lists, so a verb added later that the model mislemmatises fails here.
"""

from __future__ import annotations

import re

from detente.coder import Coder
from detente.datafiles import read_packaged

# (a verb whose last syllable may double its consonant, "target"/"admit", is left out: its
# regular forms are not predictable without a dictionary, and the model's own exception table
# lists the doubled ones)
DOUBLING = re.compile(r"[^aeiou][aeiou][^aeiouwxy]$")


def lexicon_verbs() -> set[str]:
    table = read_packaged("verbs.yaml")
    verbs = {entry["lemma"] for entry in table["verbs"]}
    verbs.update(word for word in table["light_verbs"] if isinstance(word, str))
    return {verb for verb in verbs if re.fullmatch(r"[a-z]+", verb)}


def inflections(verb: str, irregular: dict[str, set[str]]) -> set[str]:
    """Third person, past and -ing forms: the model's own irregular forms, else the regular."""
    if irregular.get(verb):
        return set(irregular[verb])
    if DOUBLING.search(verb):
        return set()
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return {verb + "s", verb + "d", verb[:-1] + "ing"}
    if re.search(r"[^aeiou]y$", verb):
        return {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    third = verb + ("es" if re.search(r"(s|sh|ch|x|z)$", verb) else "s")
    return {third, verb + "ed", verb + "ing"}


def irregular_forms(coder: Coder) -> dict[str, set[str]]:
    table = coder.nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")["verb"]
    forms: dict[str, set[str]] = {}
    for form, lemmas in table.items():
        for lemma in lemmas:
            forms.setdefault(lemma, set()).add(form)
    return forms


def test_every_lexicon_verb_form_reaches_its_lemma(coder: Coder) -> None:
    irregular = irregular_forms(coder)
    cases = [(verb, form) for verb in sorted(lexicon_verbs())
             for form in sorted(inflections(verb, irregular))]
    assert len(cases) > 1500  # the whole lexicon, not a sample
    sentences = [f"Peru is {form} Chile." if form.endswith("ing") else f"Peru {form} Chile."
                 for _, form in cases]
    wrong = []
    for (verb, form), doc in zip(cases, coder.nlp.pipe(sentences), strict=True):
        token = doc[2] if form.endswith("ing") else doc[1]
        # (a form the parser reads as an adjective or noun here is a matter of context)
        if token.pos_ == "VERB" and token.lemma_ != verb:
            wrong.append(f"{form} -> {token.lemma_} (not {verb})")
    assert not wrong, "; ".join(wrong)


def test_irregular_forms_of_prefixed_verbs_reach_their_lemma(coder: Coder) -> None:
    # the model's tables know "flew" and "gave" but not "overflew" and "forgave"
    doc = coder.nlp("Russian drones overflew the town, and Minsk forgave the debt.")
    lemmas = {token.text: token.lemma_ for token in doc}
    assert (lemmas["overflew"], lemmas["forgave"]) == ("overfly", "forgive")


def test_a_fine_and_a_campaign_waged_are_coded(coder: Coder) -> None:
    events = coder.code_text("Chile fined an Argentine state airline on Friday. Bolivia waged a "
                             "campaign against Peru.")
    assert {("CHL", "ARG", "172"), ("BOL", "PER", "190")} <= {
        (e.source.country, e.target.country, e.cameo) for e in events}
    staged = coder.nlp("The Chinese navy staged drills near Taiwan.")
    assert [t.lemma_ for t in staged if t.text == "staged"] == ["stage"]
