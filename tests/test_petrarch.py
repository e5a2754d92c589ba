"""PETRARCH/TABARI dictionary files as --dictionary extensions (detente.petrarch).

Every dictionary here is written for this test, with invented names and codes; only the last
test reads PETRARCH2's own files, and only where ../shared holds them.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.actors.lexicon import load_actor_lexicon
from detente.actors.people import people_index
from detente.cli import main
from detente.datafiles import DictionaryError, read_extension
from detente.events.lexicon import load_event_lexicon
from detente.petrarch import detect_kind, name_variants, parse_date, read_petrarch

SHARED_DICTIONARIES = (
    Path(__file__).resolve().parents[1].parent / "shared" / "peers" / "petrarch2" / "dictionaries"
)

VERBS = """\
<!-- a verbs file written for this test -->
&MONEYWORDS_
+CREDIT
+LOAN
+HARD CASH

&BIG_PHRASES
+TRADE DEAL

--- REBUKE  [111]  ---
REBUKE    # the block's verbs share its default and its patterns
SCOLD {SCOLDS SCOLDED SCOLDING}
CHIDE [112]
- * (FOR)                [112]
- * ENVOYS               [042]
- * &MONEYWORDS          [057]
- * DOWN                 [190]
- SAID * TO              [043]   # words before the verb: not a detente construction
- * {HARSH WORDS}        [111]   # a phrase in braces: its last word is the head
- * &BIG_PHRASES         [064]   # a synset of phrases: each one spelled out
- * (AT NOTHING)         [---]   # a null code with a preposition
- * SOMETHING            [999]   # not a CAMEO code
- * OTHER                [042:043]

--- TIGHTEN  [---]  ---
+TIGHTEN_UP
- * RULES                [161]
~ a (a b WILL_BLOCKADE) WARN = a b 138
"""

ACTORS = """\
ZANARA_  [ZAN]
+ZANARAN
VELLMARK [VEL]
+PORT_OSSIEN
VELLMARK_COASTGUARD [VELCOP]
LEAGUE_OF_TARNS [IGOLGT]
NOWHERE_FLATS [---]
TWIN_SHORES [TWA/TWB]
REEDWATCH [NGO]

ORIN_VALK  ; an invented office holder
+PRESIDENT_ORIN_VALK
\t[ZANELI <20050101]
\t[ZANGOV 20050101-20101231]
\t[ZANMIL >110101]
\t[ZANELI]

PORT_OSSIEN  # also a synonym of Vellmark above: a place whose code changed
	[OSS <19900101]

MIRA_SOLT
\t[--- <20000101]
\t[VELGOV 20000101-20091231]
"""

AGENTS = """\
!OFFICER! = MAN, MEN, WOMAN, WOMEN
HARBOUR_WARDEN {HARBOUR_WARDENS_GENERAL} [~COP]  # irregular plural
TIDE!OFFICER! [~MAR]
RELIEF_GROUP [NGO~]   # a prefix code
"""


# several nouns, what a preposition governs, null-coded objects
PHRASE_VERBS = """\
&LEVIES
+TARIFF
+TOLL
+HARBOUR_DUES
--- HAGGLE [---] ---
HAGGLE
- * (OVER &LEVIES)        [111]   # a synset: what the preposition governs
- * OVER_FISHING          [112]   # a gerund after the preposition: the verb's lemma too
--- RATIFY [---] ---
RATIFY
- * TRADE PROTOCOL        [085]   # several nouns: the last one is the head
- * {FISHERY CHARTER}     [0311]  # a phrase in braces: the same
- * {NEW PORT &LEVIES}    [057]   # two modifiers: the one next to the head is kept
- * WOULD VISIT           [042]   # not nouns: skipped
- * (FOR {FAIR TOLLS})    [057]   # a modifier of what the preposition governs: skipped
--- QUIT [---] ---
+PULL_OUT
- * (OF PACT)             [161]   # pulled out of the pact
- * FROM CHARTER          [161]   # a bare preposition: the same
- * ENVOYS (FROM +)       [164]   # an object, then the target's preposition
- * (IN ^) (FOR SUMMIT)   [046]   # a phrase of any object beside another: left out
- * (AT HOME) (FOR TALKS)  [046]  # two prepositional phrases: skipped
--- HONOUR [051] ---
HONOUR
CHEER
- * HARVEST               [---]   # a null code: honouring the harvest is no event
- * MOVE                  [---]   # but detente codes "the move" as an act: left to it
- * (FOR HARVEST)         [---]   # a null code with a preposition: skipped
"""

# words before the verb, prepositions without parentheses, target markers, [a:a] codes
MORE_VERBS = """\
&REFUSALS
+WILL NOT
+DID N'T
--- INDULGE [080] ---
INDULGE
- NOT *              [112]   # a negation: the verb's negated sense
- HAS * ENVOYS       [036]   # an auxiliary changes nothing: the object's sense
- HAS *              [085]   # only an auxiliary: the bare verb keeps the block's code
- HEAVILY *          [082]   # an adverb before the verb (a pre-verb noun's place)
--- SCORN [111] ---
SCORN
- &REFUSALS *        [051]   # a synset of negations
- + * FROM $         [057]   # the target before the verb, the source after: reversed
- + *               [054]   # a target before an active verb, nothing after: skipped
--- ALIGN [042] ---
ALIGN
- * WITH %           [031]   # the target is the object of WITH
- * OVER QUOTAS      [111]   # what the preposition governs
--- DEFER [---] ---
DEFER
- *_TO               [084]   # a preposition without parentheses
- *_ON               [092]   # a preposition or a particle: both
--- HUDDLE [036:036] ---
HUDDLE                       # one code both ways: "A and B huddled"
--- CONVENE [036] ---
CONVENE
- % * TALKS [043:043]        # only with a compound subject ("A and B convened talks")
"""


# source and target markers, synsets of prepositions and synsets with phrases
MARKER_VERBS = """\
&FORUMS_
+ON
+AGAINST
&COINS
+GUILDERS
+SILVER_MARKS
--- CAMPAIGN [---] ---
CAMPAIGN
- * &FORUMS MOTION       [102]   # a synset of prepositions: one sense for each
- * &FORUMS +            [111]   # ... and a target after it: each one's object
--- OBTAIN [---] ---
OBTAIN
SECURE
- + * GRAIN $            [071]   # target before the verb, source after: roles reversed
- + * PLEDGE FROM $      [054]   # ... the source after a preposition
- + HAS * A MESSAGE $    [031]   # ... with an auxiliary and an article
- + WAS_ *               [072]   # a target before a passive: the bare verb, skipped
- + * TITHES             [073]   # a target before an active verb, no source: skipped
- * OF $ FROM +          [074]   # a source after the verb, no target before it: skipped
--- CAUTION [160] ---
CAUTION
- * THEIR ^ ABOUT +      [162]   # an object of any kind, then the target's preposition
- * IDOLS AT ^ +         [164]   # a target after a place phrase, which must be there
- $ NOT * ^ TO_ +        [124]   # negated, any object, the target's preposition
- * + IN EXILE           [163]   # the target is the object
- * &COINS               [061]   # a synset with a phrase: spelled out
- * (FOR &COINS)         [062]   # the phrase after a preposition: left out, counted
--- HARRY [---] ---
HARRY
- * (BY/WITH LEVIES)     [163]   # alternative prepositions: one sense for each
--- CONCUR [081] ---
CONCUR
- % * [030:030]                  # only when the subject is compound: "A and B concur"
"""

def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def senses_of(sections: dict, lemma: str) -> list[dict]:
    return [s for s in sections["verbs"] if s["lemma"] == lemma]


def test_verb_block_gives_every_verb_the_default_and_own_codes(tmp_path):
    sections = read_petrarch(write(tmp_path, "my.verbs.txt", VERBS))
    plain = {s["lemma"]: s["code"] for s in sections["verbs"] if len(s) == 2}
    assert plain == {"rebuke": "111", "scold": "111", "chide": "112"}
    # a block with a null default codes its verbs only through patterns
    assert all(s.get("object") for s in senses_of(sections, "tighten"))


def test_verb_patterns_become_senses_with_constructions(tmp_path):
    sections = read_petrarch(write(tmp_path, "my.verbs.txt", VERBS))
    scold = senses_of(sections, "scold")
    assert {"lemma": "scold", "code": "112", "prep": "for"} in scold
    assert {"lemma": "scold", "code": "042", "object": ["envoy", "envoys"]} in scold
    assert {"lemma": "scold", "code": "057", "object": ["credit", "loan"]} in scold
    assert {"lemma": "scold", "code": "190", "particle": "down"} in scold
    # [a:b]: a from source to target, b the target's answer (TABARI's paired code)
    assert {"lemma": "scold", "code": "042", "object": ["other"], "answer": "043"} in scold
    assert {"lemma": "scold", "code": "111", "object": ["word", "words"],
            "modifier": ["harsh"]} in scold  # {HARSH WORDS}: the head and its modifier
    # a multi-word verb keeps its particle next to the pattern's object
    assert {"lemma": "tighten", "code": "161", "particle": "up", "object": ["rule", "rules"]} \
        in sections["verbs"]
    # a synset's phrases are spelled out in its place: head and modifier
    assert {"lemma": "scold", "code": "057", "object": ["cash"], "modifier": ["hard"]} in scold
    assert {"lemma": "scold", "code": "064", "object": ["deal"], "modifier": ["trade"]} in scold
    # a word before the verb is a pre-verb noun: the head of the subject or an adverb
    assert {"lemma": "scold", "code": "043", "prep": "to", "before_words": ["said"]} in scold
    assert not any(s["code"] == "999" for s in scold)


def test_block_headers_in_their_untidy_forms(tmp_path):
    verbs = write(tmp_path, "my.verbs.txt", "--- SNUB [111]---  ---\nSNUB\n"
                  "--- IGNORE [112]  [110:110]  ---\nIGNORE\n--- SHUN [---] # a note ---\nSHUN\n"
                  "- * ENVOYS [042]\n")
    sections = read_petrarch(verbs)
    assert {(s["lemma"], s["code"]) for s in sections["verbs"]} == {
        ("snub", "111"), ("ignore", "112"), ("shun", "042")}


def test_patterns_that_cannot_be_expressed_are_counted(tmp_path):
    counts = read_petrarch(write(tmp_path, "my.verbs.txt", VERBS))["petrarch"]["counts"]
    assert counts["patterns"] == 11
    assert counts["patterns with nouns or adverbs before the verb"] == 1  # SAID * TO
    # HARD CASH and TRADE DEAL are read as noun phrases: no synset phrase is left out
    assert "patterns skipped: synsets of phrases only" not in counts
    assert "synset phrases left out of patterns" not in counts
    assert counts["patterns skipped: null code (no event)"] == 1
    assert counts["pattern codes outside the CAMEO codebook skipped"] == 1
    assert counts["codes [a:b] with the target's answer"] == 1
    assert counts["transformations skipped"] == 1


def test_verb_senses_load_into_the_event_lexicon(tmp_path):
    extension = read_extension(write(tmp_path, "my.verbs.txt", VERBS))
    lexicon = load_event_lexicon([extension])
    scold = lexicon.verbs["scold"]
    assert [s.code for s in scold if s.prep == "for"] == ["112"]
    assert any(s.particle == "down" and s.code == "190" for s in scold)
    # the user's sense comes before a packaged sense of the same specificity
    restore = load_event_lexicon([{"verbs": [{"lemma": "restore", "code": "064"}]}])
    bare = [s for s in restore.verbs["restore"] if s.specificity == 0]
    assert bare[0].code == "064"


def test_actors_become_states_groups_igos_and_non_actors(tmp_path):
    sections = read_petrarch(write(tmp_path, "my.actors.txt", ACTORS))
    lexicon = load_actor_lexicon([sections])
    assert lexicon.entries["Zanara"].code == "ZAN"
    assert lexicon.entries["Zanaran"].country == "ZAN"
    assert lexicon.entries["Port Ossien"].country == "VEL"
    assert lexicon.entries["Vellmark coastguard"].code == "VELCOP"
    assert lexicon.entries["League of Tarns"].code == "IGOLGT"
    assert lexicon.entries["Nowhere Flats"].country is None
    # several codes: the first, and the others as further actors of the phrase
    assert (lexicon.entries["Twin Shores"].country, lexicon.entries["Twin Shores"].also) == (
        "TWA", (("TWB", None),))
    # a transnational actor type is an actor of its own, not a state
    assert (lexicon.entries["Reedwatch"].code, lexicon.entries["Reedwatch"].kind) == (
        "NGO", "group")
    assert sections["petrarch"]["counts"]["actors with several codes: each an actor"] == 1


def test_dated_roles_pick_the_code_of_the_article_date(tmp_path):
    people = people_index([read_petrarch(write(tmp_path, "my.actors.txt", ACTORS))])

    def code(name: str, day: dt.date) -> tuple[str, str | None] | None:
        holder = people.lookup(name, day)
        return holder.code_on(day) if holder else None

    assert code("Orin Valk", dt.date(2003, 5, 1)) == ("ZAN", "ELI")
    assert code("President Orin Valk", dt.date(2007, 5, 1)) == ("ZAN", "GOV")
    assert code("orin valk", dt.date(2012, 5, 1)) == ("ZAN", "MIL")  # YYMMDD: 2011
    assert code("Orin Valk", dt.date(2010, 12, 31)) == ("ZAN", "GOV")  # limits included
    assert code("Orin Valk", dt.date(2011, 1, 1)) == ("ZAN", "MIL")
    # a null-coded term names no actor; outside the terms there is no default code
    assert code("Mira Solt", dt.date(1998, 1, 1)) is None
    assert code("Mira Solt", dt.date(2005, 1, 1)) == ("VEL", "GOV")
    assert code("Mira Solt", dt.date(2015, 1, 1)) is None


def test_people_after_the_petrarch_roles_come_from_the_packaged_table(tmp_path):
    # a PETRARCH entry that ends in 2008, as the Phoenix files do: later dates fall through
    actors = write(tmp_path, "old.actors.txt",
                   "BARACK_OBAMA_\n\t[USALEG 20050103-20081116]\n")
    people = people_index([read_petrarch(actors)])
    assert people.lookup("Barack Obama", dt.date(2006, 1, 1)).code_on(
        dt.date(2006, 1, 1)) == ("USA", "LEG")
    later = people.lookup("Barack Obama", dt.date(2012, 1, 1))
    assert later is not None and later.code_on(dt.date(2012, 1, 1)) == ("USA", "GOV")


def test_a_stale_catch_all_code_gives_way_to_a_packaged_term(tmp_path):
    # "[USAELI]" is PETRARCH's code for every date no role covers, years after the file
    actors = write(tmp_path, "old.actors.txt",
                   "BARACK_OBAMA_ [USAELI]\n\t[USALEG 20050103-20081116]\n"
                   "TESS_ARVEN [ZANELI]\n\t[ZANGOV 20000101-20041231]\n")
    people = people_index([read_petrarch(actors)])

    def code(name: str, day: dt.date):
        holder = people.lookup(name, day)
        return holder.code_on(day) if holder else None

    assert code("Barack Obama", dt.date(2006, 1, 1)) == ("USA", "LEG")  # the file's term
    assert code("Barack Obama", dt.date(2012, 1, 1)) == ("USA", "GOV")  # people.yaml's term
    assert code("Tess Arven", dt.date(2010, 1, 1)) == ("ZAN", "ELI")  # nobody else knows her


def test_agents_become_sector_words(tmp_path):
    sections = read_petrarch(write(tmp_path, "my.agents.txt", AGENTS))
    lexicon = load_actor_lexicon([sections])
    assert lexicon.agent_sectors["harbour warden"] == "COP"
    assert lexicon.agent_sectors["harbour wardens general"] == "COP"
    assert lexicon.agent_sectors["tidewoman"] == "MAR"
    # a prefix code is no sector: its code goes before the actor's (tests/test_petrarch_patterns)
    assert "relief group" not in lexicon.agent_sectors
    assert lexicon.agent_prefixes["relief group"] == "NGO"
    assert sections["petrarch"]["counts"][
        "prefix agent words (CODE~: the code before the actor's)"] == 1


def test_malformed_lines_are_skipped_with_file_and_line(tmp_path):
    path = write(tmp_path, "broken.actors.txt",
                 "ZANARA [ZAN]\nORIN_VALK\n\t[ZANGOV 2005011-20101231]\nVELLMARK [VEL\n")
    report = read_petrarch(path)["petrarch"]
    assert report["counts"]["malformed lines skipped"] == 2
    assert report["problems"][0].startswith(f"{path}:3: bad date")
    assert report["problems"][1].startswith(f"{path}:4: unbalanced brackets")
    pattern = write(tmp_path, "broken.verbs.txt", "- * ENVOYS [042]\n")
    assert read_petrarch(pattern)["petrarch"]["problems"] == [
        f"{pattern}:1: '- * ENVOYS [042]' outside any '--- VERB [code] ---' block"
    ]


def test_kind_is_detected_from_the_name_or_the_content(tmp_path):
    assert detect_kind("CAMEO.2.0.txt", "") == "verbs"
    assert detect_kind("mine.txt", VERBS) == "verbs"
    assert detect_kind("mine.txt", AGENTS) == "agents"
    assert detect_kind("mine.txt", ACTORS) == "actors"
    with pytest.raises(DictionaryError, match="notes.txt"):
        read_extension(write(tmp_path, "notes.txt", "just some words\n"))


def test_names_and_dates_in_petrarch_form():
    assert name_variants("MINAS_TIRITH")[0] == "Minas Tirith"
    assert "U.N." in name_variants("U.N.")
    assert name_variants("UN_") == ["UN"]  # not "Un", as in "Kim Jong Un"
    assert "Prince of Dol Amroth" in name_variants("PRINCE OF DOL AMROTH")
    assert parse_date("991231") == dt.date(1999, 12, 31)
    assert parse_date("080507") == dt.date(2008, 5, 7)
    with pytest.raises(ValueError):
        parse_date("2004017")


def test_command_line_codes_with_petrarch_files(tmp_path):
    verbs = write(tmp_path, "my.verbs.txt", VERBS)
    actors = write(tmp_path, "my.actors.txt", ACTORS + "BROKEN [ZAN\n")
    result = CliRunner().invoke(
        main, ["code", "-", "--format", "jsonl", "--date", "2007-03-01",
               "--dictionary", str(verbs), "--dictionary", str(actors)],
        input="Orin Valk scolded Vellmark for the raid.",
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert (record["source"]["code"], record["target"]["code"], record["cameo"]) == (
        "ZANGOV", "VEL", "112")
    assert f"{actors}:" in result.stderr and "unbalanced brackets" in result.stderr


@pytest.mark.skipif(not SHARED_DICTIONARIES.is_dir(), reason="../shared is not here")
def test_petrarch2_dictionaries_load():
    extensions = [read_extension(path) for path in sorted(SHARED_DICTIONARIES.glob("*.txt"))]
    reports = {Path(e["petrarch"]["path"]).name: e["petrarch"] for e in extensions}
    assert reports["CAMEO.2.0.txt"]["counts"]["patterns used"] > 1000
    load_event_lexicon(extensions)  # every code kept is in the codebook
    lexicon = load_actor_lexicon(extensions)
    assert len(lexicon.entries) > 20000
    people = people_index(extensions)
    day = dt.date(2005, 6, 1)
    assert people.lookup("Vladimir Putin", day).code_on(day) == ("RUS", "GOV")
    for report in reports.values():  # a few typos in the files, not a broken reader
        # (Phoenix.Countries.actors.txt: 9, and since session 39 two names with a SUB
        # character where a letter was lost, "LIAMINE_Z\x1aROUAL_")
        assert report["counts"].get("malformed lines skipped", 0) <= 11


def _validation_bench():
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "bench" / "petrarch_validation.py"
    spec = importlib.util.spec_from_file_location("petrarch_validation", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_validation_bench_without_the_suite_exits_0(tmp_path, capsys):
    assert _validation_bench().main(["--suite", str(tmp_path / "absent")]) == 0
    assert "not found" in capsys.readouterr().out


def test_validation_records_and_exact_scoring(tmp_path):
    bench = _validation_bench()
    records = write(tmp_path, "records.xml", """<Validation><Sentences>
<Sentence date="20070301" id="T-1" category="DEMO" sentence="true">
<EventCoding sourcecode="ZAN" targetcode="VEL" eventcode="112"></EventCoding>
<EventCoding sourcecode="VEL" targetcode="ZAN" eventcode="111"></EventCoding>
<Text>
Zanara scolded Vellmark
for the raid.
</Text>
</Sentence>
<Sentence date="20070301" id="T-2" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
<Sentence date="20070301" id="T-3" category="DEMO" sentence="false"><Text>x</Text></Sentence>
</Sentences></Validation>""")
    first, second = bench.read_records(records)  # the unscored record is left out
    assert first.text == "Zanara scolded Vellmark for the raid." and first.date == "2007-03-01"
    assert second.expected == frozenset()
    score = bench.Score()
    score.add(first.expected, frozenset({("ZAN", "VEL", "112")}))  # one of two: not right
    score.add(second.expected, frozenset())
    assert (score.records, score.right, score.matched, score.expected, score.emitted) == (
        2, 1, 1, 2, 1)


def test_a_petrarch_verb_keeps_how_detente_finds_its_roles(tmp_path):
    # any packaged bare verb sense with its own target prepositions (the table may change)
    from detente.datafiles import read_packaged

    packaged = next(
        v for v in read_packaged("verbs.yaml")["verbs"]
        if v.get("target_preps") and not (set(v) & {"prep", "particle", "object", "target_kind",
                                                    "negated", "modifier"})
    )
    code = "042" if packaged["code"] != "042" else "043"
    verbs = write(tmp_path, "my.verbs.txt",
                  f"--- TESTBLOCK [{code}] ---\n{packaged['lemma'].upper()}\n")
    sense = read_petrarch(verbs)["verbs"][0]
    assert sense["code"] == code  # PETRARCH's code
    assert sense["target_preps"] == packaged["target_preps"]  # detente's construction


def test_longer_sector_codes_of_political_sectors_act_for_a_state(tmp_path):
    sections = read_petrarch(write(tmp_path, "my.actors.txt",
                                   "TARN_FRONT [ZANREBTRF]\nTARN_CHOIR [ZANCVLSNG]\n"))
    lexicon = load_actor_lexicon([sections])
    assert "REBTRF" in lexicon.political_sectors
    assert "CVLSNG" not in lexicon.political_sectors


@pytest.fixture(scope="module")
def petrarch_coder(tmp_path_factory):
    from detente.coder import Coder

    folder = tmp_path_factory.mktemp("petrarch")
    agents = AGENTS + "GRAND_HARBOUR_COUNCIL [~LEGHBC]\n"
    return Coder(dictionaries=[write(folder, "my.verbs.txt", VERBS),
                               write(folder, "more.verbs.txt", MORE_VERBS),
                               write(folder, "phrase.verbs.txt", PHRASE_VERBS),
                               write(folder, "marker.verbs.txt", MARKER_VERBS),
                               write(folder, "my.actors.txt", ACTORS + "KESTRA [KES]\n"),
                               write(folder, "my.agents.txt", agents)])


def test_a_compound_source_pattern_needs_a_compound_subject(petrarch_coder):
    both = petrarch_coder.code_text("Zanara and Vellmark concur that the river is shared.")
    assert sorted((e.source.country, e.target.country, e.cameo) for e in both) == [
        ("VEL", "ZAN", "030"), ("ZAN", "VEL", "030")]
    one = petrarch_coder.code_text("Zanara concurs with Vellmark.")
    assert [e.cameo for e in one] == ["081"]  # the block's own code


def test_an_agent_phrase_with_an_adjective_gives_its_sector(petrarch_coder):
    events = petrarch_coder.code_text("Zanara's grand harbour council rebuked Vellmark.",
                                      date="2007-03-01")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [
        ("ZANLEGHBC", "VEL", "111")]


def test_a_dated_role_codes_the_person_on_the_article_date(petrarch_coder):
    def source(date: str) -> str | None:
        events = petrarch_coder.code_text("Orin Valk rebuked Vellmark.", date=date)
        return events[0].source.code if events else None

    assert source("2003-06-01") == "ZANELI"
    assert source("2007-06-01") == "ZANGOV"
    assert source("2015-06-01") == "ZANMIL"


def test_hierarchical_igo_codes_map_onto_detentes_igos():
    from detente.petrarch import split_code

    known = sorted(load_actor_lexicon().igo_codes)[0]  # any IGO the packaged table knows
    assert split_code(f"IGOZQX{known}") == ("igo", known, None)  # region, then the body
    assert split_code("IGOZQXZQY") == ("igo", "ZQXZQY", None)  # unknown: the whole code


def test_a_place_with_dated_codes_is_coded_by_the_article_date(petrarch_coder):
    def source(date: str) -> str | None:
        events = petrarch_coder.code_text("Port Ossien rebuked Zanara.", date=date)
        return events[0].source.code if events else None

    assert source("1985-06-01") == "OSS"  # the dated code
    assert source("2005-06-01") == "VEL"  # no dated code: the phrase's own entry


def test_words_before_the_verb_auxiliaries_negations_and_markers(tmp_path):
    sections = read_petrarch(write(tmp_path, "more.verbs.txt", MORE_VERBS))
    indulge, scorn = senses_of(sections, "indulge"), senses_of(sections, "scorn")
    assert {"lemma": "indulge", "code": "080"} in indulge  # not replaced by "HAS *"
    assert {"lemma": "indulge", "code": "112", "negated": True} in indulge
    assert {"lemma": "indulge", "code": "036", "object": ["envoy", "envoys"]} in indulge
    assert {"lemma": "indulge", "code": "082", "before_words": ["heavily"]} in indulge
    assert not any(s["code"] == "085" for s in indulge)
    assert {"lemma": "scorn", "code": "051", "negated": True} in scorn
    assert {"lemma": "scorn", "code": "057", "prep": "from", "reverse": True} in scorn
    counts = sections["petrarch"]["counts"]
    assert counts["patterns of the negated verb"] == 2
    assert counts["patterns skipped: auxiliaries or markers before the bare verb"] == 1
    assert counts["patterns with nouns or adverbs before the verb"] == 1
    assert counts["patterns skipped: target or skipped phrase before the verb"] == 1
    assert counts["patterns with a prepositional object"] == 1


def test_prepositions_target_markers_and_codes_both_ways(tmp_path):
    sections = read_petrarch(write(tmp_path, "more.verbs.txt", MORE_VERBS))
    assert {"lemma": "align", "code": "031", "prep": "with", "target_preps": ["with"]} \
        in senses_of(sections, "align")
    assert {"lemma": "align", "code": "111", "prep": "over", "prep_object": ["quota", "quotas"]} \
        in senses_of(sections, "align")
    defer = senses_of(sections, "defer")
    assert {"lemma": "defer", "code": "084", "prep": "to"} in defer
    assert {"lemma": "defer", "code": "092", "prep": "on"} in defer
    assert {"lemma": "defer", "code": "092", "particle": "on"} in defer
    assert senses_of(sections, "huddle") == [{"lemma": "huddle", "code": "036",
                                              "symmetric": True}]
    convene = senses_of(sections, "convene")
    assert {"lemma": "convene", "code": "036"} in convene  # [036]: one way
    assert {"lemma": "convene", "code": "043", "object": ["talk", "talks"],
            "symmetric": True, "compound": True} in convene
    assert "second code of [a:b] dropped" not in sections["petrarch"]["counts"]


def test_a_negated_sense_stands_beside_the_plain_one():
    lexicon = load_event_lexicon([{"verbs": [{"lemma": "indulge", "code": "080"},
                                             {"lemma": "indulge", "code": "112",
                                              "negated": True}]}])
    assert sorted((s.code, s.negated) for s in lexicon.verbs["indulge"]) == [
        ("080", False), ("112", True)]


def _coded(coder, text: str) -> list[tuple[str, str, str]]:
    return sorted((e.source.code, e.target.code, e.cameo)
                  for e in coder.code_text(text, date="2007-03-01"))


def test_patterns_with_words_before_the_verb_code_sentences(petrarch_coder):
    assert _coded(petrarch_coder, "Zanara indulged Vellmark.") == [("ZAN", "VEL", "080")]
    assert _coded(petrarch_coder, "Zanara will not indulge Vellmark.") == [
        ("ZAN", "VEL", "112")]
    assert _coded(petrarch_coder, "Zanara won't scorn Vellmark.") == [("ZAN", "VEL", "051")]
    assert _coded(petrarch_coder, "Zanara scorned Vellmark.") == [("ZAN", "VEL", "111")]


def test_patterns_with_prepositions_and_both_ways_code_sentences(petrarch_coder):
    assert _coded(petrarch_coder, "Zanara aligned with Vellmark and Kestra.") == [
        ("ZAN", "KES", "031"), ("ZAN", "VEL", "031")]
    assert _coded(petrarch_coder, "Zanara deferred to Vellmark.") == [("ZAN", "VEL", "084")]
    assert _coded(petrarch_coder, "Zanara and Kestra huddled on Monday.") == [
        ("KES", "ZAN", "036"), ("ZAN", "KES", "036")]
    assert _coded(petrarch_coder, "Zanara and Kestra convened on Monday.") == []


def test_a_synset_of_prepositions_or_alternatives_give_a_sense_for_each(tmp_path):
    sections = read_petrarch(write(tmp_path, "marker.verbs.txt", MARKER_VERBS))
    campaign = senses_of(sections, "campaign")
    assert {"lemma": "campaign", "code": "102", "prep": "on", "prep_object": ["motion"]} \
        in campaign
    assert {"lemma": "campaign", "code": "102", "prep": "against",
            "prep_object": ["motion"]} in campaign
    assert {"lemma": "campaign", "code": "111", "prep": "against",
            "target_preps": ["against"]} in campaign
    assert len(campaign) == 4
    harry = senses_of(sections, "harry")
    assert [s.get("prep") for s in harry] == ["by", "with"]
    assert all(s["prep_object"] == ["levies", "levy"] for s in harry)


def test_a_target_before_the_verb_and_the_source_after_it_reverse_the_roles(tmp_path):
    sections = read_petrarch(write(tmp_path, "marker.verbs.txt", MARKER_VERBS))
    secure = senses_of(sections, "secure")
    assert {"lemma": "secure", "code": "071", "object": ["grain"], "reverse": True} in secure
    assert {"lemma": "secure", "code": "054", "object": ["pledge"], "prep": "from",
            "reverse": True} in secure
    assert {"lemma": "secure", "code": "031", "object": ["message"], "reverse": True} \
        in secure
    assert not any(s["code"] in ("072", "073", "074") for s in sections["verbs"])
    counts = sections["petrarch"]["counts"]
    assert counts["patterns with the roles reversed (target before the verb, source after "
                  "it)"] == 3
    assert counts["patterns skipped: auxiliaries or markers before the bare verb"] == 1
    assert counts["patterns skipped: target or skipped phrase before the verb"] == 1
    assert counts["patterns skipped: several prepositions"] == 1


def test_skipped_phrases_and_targets_after_the_verb(tmp_path):
    sections = read_petrarch(write(tmp_path, "marker.verbs.txt", MARKER_VERBS))
    caution = senses_of(sections, "caution")
    assert {"lemma": "caution", "code": "162", "prep": "about", "target_preps": ["about"]} \
        in caution
    assert {"lemma": "caution", "code": "124", "negated": True, "prep": "to",
            "target_preps": ["to"]} in caution
    assert {"lemma": "caution", "code": "163", "prep": "in", "prep_object": ["exile"]} \
        in caution
    assert {"lemma": "caution", "code": "164", "object": ["idol", "idols"], "place": "at"} \
        in caution
    counts = sections["petrarch"]["counts"]
    assert counts["patterns with a place phrase before the target"] == 1


def test_a_synset_phrase_is_read_in_the_synsets_place(tmp_path):
    sections = read_petrarch(write(tmp_path, "marker.verbs.txt", MARKER_VERBS))
    caution = senses_of(sections, "caution")
    assert {"lemma": "caution", "code": "061", "object": ["guilder", "guilders"]} in caution
    assert {"lemma": "caution", "code": "061", "object": ["mark", "marks"],
            "modifier": ["silver"]} in caution
    # "(FOR SILVER MARKS)": a modifier of what a preposition governs; the single word stays
    assert {"lemma": "caution", "code": "062", "prep": "for",
            "prep_object": ["guilder", "guilders"]} in caution
    assert sections["petrarch"]["counts"]["synset phrases left out of patterns"] == 1


def test_markers_and_synsets_of_prepositions_code_sentences(petrarch_coder):
    assert _coded(petrarch_coder, "Zanara campaigned on a motion with Vellmark.") == [
        ("ZAN", "VEL", "102")]
    assert _coded(petrarch_coder, "Zanara campaigned against Vellmark.") == [
        ("ZAN", "VEL", "111")]
    # the roles reversed: the one the pledge and the grain come from acts
    assert _coded(petrarch_coder, "Vellmark secured a pledge from Zanara.") == [
        ("ZAN", "VEL", "054")]
    assert _coded(petrarch_coder, "Vellmark obtained grain from Zanara.") == [
        ("ZAN", "VEL", "071")]
    assert _coded(petrarch_coder, "Zanara cautioned its sailors about Vellmark.") == [
        ("ZAN", "VEL", "162")]
    assert _coded(petrarch_coder, "Zanara cautioned Vellmark.") == [("ZAN", "VEL", "160")]


def test_several_nouns_and_prepositional_objects_become_senses(tmp_path):
    sections = read_petrarch(write(tmp_path, "phrase.verbs.txt", PHRASE_VERBS))
    haggle, ratify = senses_of(sections, "haggle"), senses_of(sections, "ratify")
    assert {"lemma": "haggle", "code": "111", "prep": "over",
            "prep_object": ["tariff", "toll"]} in haggle  # HARBOUR DUES is a phrase: left out
    fishing = next(s for s in haggle if s["code"] == "112")
    assert {"fishing", "fish"} <= set(fishing["prep_object"])
    assert {"lemma": "ratify", "code": "085", "object": ["protocol"],
            "modifier": ["trade"]} in ratify
    assert {"lemma": "ratify", "code": "0311", "object": ["charter"],
            "modifier": ["fishery"]} in ratify
    assert {"lemma": "ratify", "code": "057", "object": ["tariff", "toll"],
            "modifier": ["port"]} in ratify
    assert not any(s["code"] == "042" for s in ratify)
    pull = senses_of(sections, "pull")
    # the multi-word verb's particle, and the particle as the preposition ("out" "of")
    assert {"lemma": "pull", "code": "161", "particle": "out", "prep": "of",
            "prep_object": ["pact"]} in pull
    assert {"lemma": "pull", "code": "161", "prep": "out", "prep_object": ["pact"]} in pull
    assert {"lemma": "pull", "code": "161", "particle": "out", "prep": "from",
            "prep_object": ["charter"]} in pull
    assert {"lemma": "pull", "code": "164", "particle": "out", "object": ["envoy", "envoys"],
            "prep": "from", "target_preps": ["from"]} in pull
    assert {"lemma": "pull", "code": "046", "particle": "out", "prep": "for",
            "prep_object": ["summit"]} in pull
    counts = sections["petrarch"]["counts"]
    assert counts["patterns with a prepositional object"] == 5
    assert counts["patterns with a modifier of the object"] == 3
    assert counts["patterns keeping only the modifier next to the head"] == 1
    assert counts["patterns skipped: several nouns"] == 1
    assert counts["patterns skipped: modifiers of a prepositional object"] == 1
    assert counts["patterns skipped: several prepositional phrases"] == 1


def test_null_coded_objects_make_no_event(tmp_path):
    sections = read_petrarch(write(tmp_path, "phrase.verbs.txt", PHRASE_VERBS))
    assert sections["non_event_objects"] == [{"lemmas": ["cheer", "honour"],
                                              "objects": ["harvest"]}]
    counts = sections["petrarch"]["counts"]
    assert counts["null-coded patterns: objects that make no event"] == 1
    assert counts["patterns skipped: null code on an object detente codes as an event"] == 1
    assert counts["patterns skipped: null code (no event)"] == 1
    lexicon = load_event_lexicon([sections])
    assert (frozenset({"cheer", "honour"}), frozenset({"harvest"})) in lexicon.non_event_objects
    assert len(lexicon.non_event_objects) == len(load_event_lexicon().non_event_objects) + 1
    with pytest.raises(DictionaryError, match="non_event_objects"):
        load_event_lexicon([{"non_event_objects": ["harvest"]}])


def test_several_nouns_and_prepositional_objects_code_sentences(petrarch_coder):
    assert _coded(petrarch_coder, "Zanara ratified a trade protocol with Vellmark.") == [
        ("ZAN", "VEL", "085")]
    assert ("ZAN", "VEL", "085") not in _coded(
        petrarch_coder, "Zanara ratified a protocol with Vellmark.")
    assert _coded(petrarch_coder, "Zanara haggled over tariffs with Vellmark.") == [
        ("ZAN", "VEL", "111")]
    assert _coded(petrarch_coder, "Zanara haggled over fishing with Vellmark.") == [
        ("ZAN", "VEL", "112")]
    assert ("ZAN", "VEL", "111") not in _coded(
        petrarch_coder, "Zanara haggled over the weather with Vellmark.")
    # the pact is a thing, not the target: the target is its party
    assert _coded(petrarch_coder, "Zanara pulled out of the pact with Vellmark.") == [
        ("ZAN", "VEL", "161")]
    assert ("ZAN", "KES", "161") not in _coded(petrarch_coder, "Zanara pulled out of Kestra.")


def test_a_null_coded_object_codes_no_event(petrarch_coder):
    assert _coded(petrarch_coder, "Zanara honoured Vellmark.") == [("ZAN", "VEL", "051")]
    assert _coded(petrarch_coder, "Zanara honoured Vellmark's harvest.") == []
