"""More of PETRARCH's verb dictionary syntax (detente.petrarch): paired codes ``[a:b]``, verbs
written as another verb's form (``MET``), the compound actor ``%`` before the verb, nouns,
adverbs or a governing verb before the verb (``HEAVILY *``, ``HINTED *``), and a target after a
place phrase (``* TREATY AT ^ +``).

Every dictionary here is written for this test, with invented states and codes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.events.lexicon import load_event_lexicon
from detente.petrarch import read_petrarch

VERBS = """\
--- VOYAGE [032:033] ---
VOYAGE                       # the traveller visits (032), the host receives the visit (033)
--- MET [031:032] ---
MET                          # a past form: PETRARCH matches the form, not the lemma
--- MEET [036] ---
MEET
--- STALL [---] ---
STALL
- % HAVE *          [191]    # a compound actor before the verb: its members, each way
--- CHIDE [111] ---
CHIDE
- HEAVILY *         [122]    # an adverb before the verb
- GOVERNMENT *      [112]    # the head of the subject
- CALL FOR *        [094]    # a prepositional phrase before the verb: still skipped
- * ENVOYS [042:---]         # a null answer: no second event
--- DEPLORE [122] ---
DEPLORE
- HINTED *          [123]    # the verb governing its clause (TABARI's "SAID *")
- HINTED WOULD *    [124]    # beside it, a modal is one of the words before the verb
--- TOAST [040] ---
TOAST
- * TREATY AT ^ +   [044]    # a place phrase, then the target
- * TREATY IN ^ +   [045]
"""

ACTORS = """\
ZANARA_  [ZAN]
VELLMARK_  [VEL]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def senses(folder: Path, lemma: str) -> list[dict]:
    sections = read_petrarch(write(folder, "my.verbs.txt", VERBS))
    return [s for s in sections["verbs"] if s["lemma"] == lemma]


def test_a_paired_code_gives_the_target_answer(tmp_path):
    assert senses(tmp_path, "voyage") == [{"lemma": "voyage", "code": "032", "answer": "033"}]
    assert senses(tmp_path, "met") == [{"lemma": "met", "code": "031", "answer": "032"}]
    chide = senses(tmp_path, "chide")
    assert {"lemma": "chide", "code": "042", "object": ["envoy", "envoys"]} in chide
    counts = read_petrarch(write(tmp_path, "my.verbs.txt", VERBS))["petrarch"]["counts"]
    assert counts["codes [a:b] with the target's answer"] == 2
    assert counts["second code of [a:b] dropped"] == 1


def test_a_compound_actor_before_the_verb_acts_both_ways(tmp_path):
    assert senses(tmp_path, "stall") == [{"lemma": "stall", "code": "191", "compound": True,
                                          "symmetric": True}]


def test_nouns_and_adverbs_before_the_verb_become_senses(tmp_path):
    chide = senses(tmp_path, "chide")
    assert {"lemma": "chide", "code": "122", "before_words": ["heavily"]} in chide
    assert {"lemma": "chide", "code": "112", "before_words": ["government"]} in chide
    assert not any(s["code"] == "094" for s in chide)
    counts = read_petrarch(write(tmp_path, "my.verbs.txt", VERBS))["petrarch"]["counts"]
    assert counts["patterns with nouns or adverbs before the verb"] == 4
    assert counts["patterns skipped: words before the verb"] == 1
    deplore = senses(tmp_path, "deplore")
    assert {"lemma": "deplore", "code": "123", "before_words": ["hinted"]} in deplore
    assert {"lemma": "deplore", "code": "124", "before_words": ["hinted", "would"]} in deplore


def test_verbs_of_a_petrarch_file_are_also_indexed_by_their_written_form(tmp_path):
    from detente.datafiles import read_extension

    lexicon = load_event_lexicon([read_extension(write(tmp_path, "my.verbs.txt", VERBS))])
    assert [s.code for s in lexicon.verb_forms["met"]] == ["031"]
    # a YAML extension's lemmas are lemmas: no form index, the packaged coding untouched
    assert load_event_lexicon([{"verbs": [{"lemma": "met", "code": "031"}]}]).verb_forms == {}
    assert load_event_lexicon().verb_forms == {}


def test_a_form_another_verb_writes_first_stays_that_verbs(tmp_path):
    # PETRARCH keeps the first verb stored for a form: "found" is FIND's, as its line says
    text = ("--- SEARCH [010] ---\nSEARCH\nFIND {FINDS FOUND FINDING}\n"
            "--- ESTABLISH [060] ---\nESTABLISH\nFOUND\nSAW\n")
    sections = read_petrarch(write(tmp_path, "forms.verbs.txt", text))
    assert sections["verbs_as_written"] == ["establish", "find", "saw", "search"]
    assert {"lemma": "found", "code": "060"} in sections["verbs"]  # "founded" as before


@pytest.fixture(scope="module")
def coder(tmp_path_factory):
    from detente.coder import Coder

    folder = tmp_path_factory.mktemp("patterns")
    return Coder(dictionaries=[write(folder, "my.verbs.txt", VERBS),
                               write(folder, "my.actors.txt", ACTORS)])


def coded(coder, text: str) -> list[tuple[str, str, str]]:
    return sorted((e.source.code, e.target.code, e.cameo)
                  for e in coder.code_text(text, date="2007-03-01"))


def test_a_paired_code_codes_the_answer_from_target_to_source(coder):
    assert coded(coder, "Zanara voyaged to Vellmark.") == [
        ("VEL", "ZAN", "033"), ("ZAN", "VEL", "032")]


def test_a_block_headed_by_a_past_form_codes_that_form(coder):
    assert coded(coder, "Zanara met Vellmark.") == [("VEL", "ZAN", "032"), ("ZAN", "VEL", "031")]
    # the other forms of the lemma keep the block of the lemma
    assert coded(coder, "Zanara meets Vellmark.") == [("ZAN", "VEL", "036")]


def test_a_compound_subject_pattern_codes_its_members_each_way(coder):
    assert coded(coder, "Zanara and Vellmark have stalled the project.") == [
        ("VEL", "ZAN", "191"), ("ZAN", "VEL", "191")]
    assert coded(coder, "Zanara has stalled the project.") == []


def test_an_adverb_or_a_subject_head_before_the_verb_picks_the_pattern(coder):
    assert coded(coder, "Zanara chided Vellmark.") == [("ZAN", "VEL", "111")]
    assert coded(coder, "Zanara heavily chided Vellmark.") == [("ZAN", "VEL", "122")]
    assert [c for _, _, c in coded(coder, "The government of Zanara chided Vellmark.")] == [
        "112"]


def test_the_verb_governing_the_clause_picks_the_pattern(coder):
    assert coded(coder, "Zanara deplored Vellmark.") == [("ZAN", "VEL", "122")]
    assert coded(coder, "Zanara hinted that it deplored Vellmark.") == [("ZAN", "VEL", "123")]


def test_a_place_phrase_before_the_target_must_be_there(tmp_path):
    toast = senses(tmp_path, "toast")
    assert {"lemma": "toast", "code": "044", "object": ["treaty"], "place": "at"} in toast
    assert {"lemma": "toast", "code": "045", "object": ["treaty"], "place": "in"} in toast
    lexicon = load_event_lexicon([{"verbs": [{"lemma": "toast", "code": "044",
                                              "place": "at"}]}])
    assert "at" not in lexicon.verbs["toast"][0].target_preps  # it says where, not whom


def test_a_place_phrase_picks_the_pattern_and_the_target_follows_it(coder):
    assert coded(coder, "Zanara toasted the treaty at the palace with Vellmark.") == [
        ("ZAN", "VEL", "044")]
    assert coded(coder, "Zanara toasted the treaty in the palace with Vellmark.") == [
        ("ZAN", "VEL", "045")]


# ---- several codes per actor and prefix agents (PETRARCH's actors and agents files) -----------
COMPOUND_ACTORS = """\
ZANARA_  [ZAN]
VELLMARK_  [VEL]
KORLUND_  [KOR]
THE_TWIN_BAYS  [ZAN/VEL]       # TABARI's compound actor: each code is an actor
MARROW_COUNCIL  [NGOMRW]       # a transnational group whose code begins as the prefix does
OSSIEN_MARCHES_                # several codes in a dated role
\t[ZAN/VEL 19900101-19991231]
\t[VEL]
"""

PREFIX_AGENTS = """\
RELIEF_CORPS {}  [NGO~]        # written before the actor's code: "Relief Corps Zanara" NGOZAN
HARBOUR_WARDEN  [~COP]
"""


def test_several_codes_make_further_actors_of_the_phrase(tmp_path):
    sections = read_petrarch(write(tmp_path, "my.actors.txt", COMPOUND_ACTORS))
    bays = next(c for c in sections["countries"] if "The Twin Bays" in c["names"])
    assert (bays["code"], bays["also"]) == ("ZAN", [{"country": "VEL"}])
    marches = next(p for p in sections["people"] if p["name"] == "Ossien Marches")
    assert marches["terms"][0]["also"] == [{"country": "VEL"}]
    assert sections["petrarch"]["counts"]["actors with several codes: each an actor"] == 2


def test_a_prefix_code_is_an_agent_written_before_the_actor(tmp_path):
    from detente.actors.lexicon import load_actor_lexicon

    sections = read_petrarch(write(tmp_path, "my.agents.txt", PREFIX_AGENTS))
    assert {"words": ["relief corps"], "sector": "NGO", "prefix": True} in sections["agents"]
    lexicon = load_actor_lexicon([sections])
    assert lexicon.agent_prefixes == {"relief corps": "NGO"}
    assert lexicon.agent_sectors["harbour warden"] == "COP"
    assert load_actor_lexicon().agent_prefixes == {}  # detente's own tables give none


@pytest.fixture(scope="module")
def compound_coder(tmp_path_factory):
    from detente.coder import Coder

    folder = tmp_path_factory.mktemp("compounds")
    return Coder(dictionaries=[write(folder, "my.verbs.txt", VERBS),
                               write(folder, "my.actors.txt", COMPOUND_ACTORS),
                               write(folder, "my.agents.txt", PREFIX_AGENTS)])


def test_an_actor_of_several_codes_acts_as_each(compound_coder):
    assert coded(compound_coder, "The Twin Bays chided Korlund.") == [
        ("VEL", "KOR", "111"), ("ZAN", "KOR", "111")]
    assert coded(compound_coder, "Korlund chided the Twin Bays.") == [
        ("KOR", "VEL", "111"), ("KOR", "ZAN", "111")]
    # a sector the phrase's words give goes to every member
    assert coded(compound_coder, "The Twin Bays envoy chided Korlund.") == [
        ("VELGOV", "KOR", "111"), ("ZANGOV", "KOR", "111")]


def test_a_dated_role_of_several_codes_acts_as_each_while_it_holds(compound_coder):
    def on(day: str) -> list[tuple[str, str, str]]:
        return sorted((e.source.code, e.target.code, e.cameo) for e in
                      compound_coder.code_text("The Ossien Marches chided Korlund.", date=day))

    assert on("1995-06-01") == [("VEL", "KOR", "111"), ("ZAN", "KOR", "111")]
    # after the role, the entry's own code: one actor
    assert on("2005-06-01") == [("VEL", "KOR", "111")]


def test_a_prefix_agent_goes_before_the_actors_code(compound_coder):
    assert coded(compound_coder, "Relief Corps Zanara chided Vellmark.") == [
        ("NGOZAN", "VEL", "111")]
    # with an agent written after it too: NGO + ZAN + GOV
    assert coded(compound_coder, "The Relief Corps Zanara envoy chided Vellmark.") == [
        ("NGOZANGOV", "VEL", "111")]
    # a code that begins with the prefix already is not prefixed again
    assert coded(compound_coder, "The Relief Corps Marrow Council chided Vellmark.") == [
        ("NGOMRW", "VEL", "111")]
    # no prefix agent, no prefix
    assert coded(compound_coder, "Zanara chided Vellmark.") == [("ZAN", "VEL", "111")]


def test_a_yaml_dictionary_writes_both_as_the_petrarch_reader_makes_them(tmp_path):
    from detente.actors.lexicon import load_actor_lexicon
    from detente.datafiles import DictionaryError, read_extension, read_user_dictionary

    good = write(tmp_path, "both.yaml", (
        "groups:\n  - {names: [Tarn Pact], country: ZAN, also: [{country: VEL, sector: MIL}]}\n"
        "agents:\n  - {words: [relief corps], sector: NGO, prefix: true}\n"))
    lexicon = load_actor_lexicon([read_extension(good)])
    assert lexicon.entries["Tarn Pact"].also == (("VEL", "MIL"),)
    assert lexicon.agent_prefixes == {"relief corps": "NGO"}
    bad = write(tmp_path, "bad.yaml", "groups:\n  - {names: [Tarn Pact], country: ZAN, "
                                      "also: [VEL]}\n")
    with pytest.raises(DictionaryError, match="also"):
        read_user_dictionary(bad)


def test_a_compound_of_too_many_codes_keeps_the_first_and_says_so(tmp_path):
    from detente.actors.lexicon import MAX_ALSO_ACTORS, load_actor_lexicon
    from detente.datafiles import DictionaryError

    # each code is coded every event of the phrase: a bracket of hundreds would multiply them
    codes = "/".join(f"Q{n:02d}" for n in range(MAX_ALSO_ACTORS + 4))
    sections = read_petrarch(write(tmp_path, "many.actors.txt", f"THE_MANY  [{codes}]\n"))
    assert len(sections["countries"][0]["also"]) == MAX_ALSO_ACTORS
    assert any("codes in one bracket" in p for p in sections["petrarch"]["problems"])
    too_many = [{"country": f"Q{n:02d}"} for n in range(MAX_ALSO_ACTORS + 1)]
    with pytest.raises(DictionaryError, match="at most"):
        load_actor_lexicon([{"countries": [{"code": "ZAN", "names": ["X"], "also": too_many}]}])
