"""An adversarial pass on the files given as `--dictionary`: YAML extensions and PETRARCH/TABARI
verbs, actors and agents files. Each fault found is one test here: a file of a few hundred
bytes that asked for billions of entries or recursed without end, a value PyYAML cannot build
that escaped as a traceback, a repeated key that dropped entries without a word, an entry that
could never match, a message that named no file or ran over two lines. Every dictionary is
written here, with invented words, names and codes.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import one_error

from detente import datafiles, petrarch
from detente.cli import main
from detente.datafiles import DictionaryError, read_user_dictionaries, read_user_dictionary

SENTENCE = "Chile accused Peru of moving troops to the border on Tuesday."


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refusal(path: Path) -> str:
    """The one-line message a dictionary is refused with."""
    with pytest.raises(DictionaryError) as caught:
        read_user_dictionaries([path])
    message = str(caught.value)
    assert "\n" not in message
    return message


def code_with(*dictionaries: Path):
    args = ["code", "-", "--format", "jsonl"]
    for path in dictionaries:
        args += ["--dictionary", str(path)]
    return CliRunner().invoke(main, args, input=SENTENCE)


def report_of(path: Path) -> dict:
    return read_user_dictionary(path)["petrarch"]


# ---- PETRARCH verbs: synsets ------------------------------------------------------------------
def synset_doubling(levels: int) -> str:
    """A synset that copies itself in ``levels`` times: 2^levels members from a few lines."""
    return ("&GIFTS\n+PRESENT\n" + "+&GIFTS\n" * levels
            + "--- GRANT [070] ---\nGRANT\n- * &GIFTS [070]\n")


def synset_chain(levels: int) -> str:
    """Each synset copies the one before it twice: the same doubling, spread over synsets."""
    lines = ["&LINK0", "+TOKEN"]
    for level in range(1, levels + 1):
        lines += [f"&LINK{level}", f"+&LINK{level - 1}", f"+&LINK{level - 1}"]
    lines += ["--- GRANT [070] ---", "GRANT", f"- * &LINK{levels} [070]"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("text", [synset_doubling(20), synset_chain(20)],
                         ids=["itself", "a chain"])
def test_a_synset_copied_into_itself_is_refused_at_its_line(tmp_path, text):
    # 2^20 members from a file under a kilobyte (the members were copied, never counted; 40
    # such lines ran out of memory)
    path = write(tmp_path, "gifts.verbs.txt", text)
    assert path.stat().st_size < 1000
    message = refusal(path)
    assert message.startswith(f"{path}:")
    assert "more than 100,000 synset members" in message


def test_a_synset_phrase_that_names_its_synset_ends(tmp_path):
    # a phrase put in the synset's place named the synset again: RecursionError, a traceback
    path = write(tmp_path, "loop.verbs.txt",
                 "&TOKENS\n+GOLD\n+SILVER_&TOKENS\n"
                 "--- GRANT [070] ---\nGRANT\n- * &TOKENS [070]\n")
    senses = read_user_dictionary(path)["verbs"]
    assert {"lemma": "grant", "code": "070", "object": ["gold"]} in senses


def phrasal_synsets(count: int, phrases: int) -> str:
    lines = []
    for number in range(count):
        lines.append(f"&KIND{number}")
        lines += [f"+WORD{number}X{i}_HEAD{number}Y{i}" for i in range(phrases)]
    names = " ".join(f"&KIND{number}" for number in range(count))
    return "\n".join([*lines, "--- GRANT [070] ---", "GRANT", f"- * {names} [070]"]) + "\n"


def test_synsets_of_phrases_are_spelled_out_up_to_the_limit_not_all_first(tmp_path):
    # every combination of the synsets' phrases was made and then cut to 64: four synsets of 40
    # phrases were 41^4 readings (seconds), six of 60 never ended
    path = write(tmp_path, "kinds.verbs.txt", phrasal_synsets(4, 40))
    started = time.perf_counter()
    report = report_of(path)
    assert time.perf_counter() - started < 1.5
    assert report["counts"]["patterns"] == 1


def test_a_pattern_naming_too_many_synsets_of_phrases_is_skipped_and_counted(tmp_path):
    path = write(tmp_path, "kinds.verbs.txt", phrasal_synsets(5, 3))
    counts = report_of(path)["counts"]
    assert counts["patterns skipped: more than 4 synsets of phrases"] == 1
    assert counts["verb senses"] == 1  # the rest of the file is read


def cpu_seconds_to_read(tmp_path, sets: int) -> float:
    """CPU time (not wall: the host's load moves that) to read SETS synsets and SETS patterns."""
    lines = [line for number in range(sets) for line in (f"&SET{number}", "+ONE_TWO")]
    lines += ["--- GRANT [070] ---", "GRANT"]
    lines += [f"- * OBJECT{number} [070]" for number in range(sets)]
    path = write(tmp_path, f"sets{sets}.verbs.txt", "\n".join(lines) + "\n")
    started = time.process_time()
    assert report_of(path)["counts"]["patterns used"] == sets
    return time.process_time() - started


def test_many_synsets_cost_the_patterns_length_not_times_the_synsets(tmp_path):
    # each pattern was compared with every synset defined (20,000 of each took 9 s): four times
    # the file then cost sixteen times; read in one pass it costs about four times
    quarter = cpu_seconds_to_read(tmp_path, 3_750)
    whole = cpu_seconds_to_read(tmp_path, 15_000)
    assert whole < 8 * quarter + 0.2


# ---- PETRARCH verbs: what a file makes ----------------------------------------------------------
@pytest.fixture()
def small_limits(monkeypatch):
    """The file limits cut down, so that a small file can pass them."""
    limits = {"verb senses and no-event entries": (1_000, "each pattern applies to every "
                                                          "verb of its block"),
              "synset members": (100, "copies"),
              "characters of patterns read with synset phrases spelled out": (500, "spelled"),
              "agent words": (200, "markers")}
    monkeypatch.setattr(petrarch, "LIMITS", limits, raising=False)


def test_a_block_of_many_verbs_and_patterns_is_refused_past_the_limit(tmp_path, small_limits):
    # each pattern gives a sense for every verb of its block: 3,000 verbs and 3,000 patterns (a
    # 78 kB file) made 9 million senses, 20 s and gigabytes before the coder was built
    lines = ["--- GRANT [070] ---", *(f"VERB{n}" for n in range(50)),
             *(f"- * THING{n} [070]" for n in range(50))]
    path = write(tmp_path, "wide.verbs.txt", "\n".join(lines) + "\n")
    message = refusal(path)
    assert message.startswith(f"{path}:")
    assert "more than 1,000 verb senses and no-event entries" in message


def test_no_event_patterns_count_against_the_limit(tmp_path, small_limits):
    lines = ["--- GRANT [070] ---", *(f"VERB{n}" for n in range(50)),
             *(f"- * THING{n} [---]" for n in range(50))]
    path = write(tmp_path, "nulls.verbs.txt", "\n".join(lines) + "\n")
    assert "more than 1,000 verb senses and no-event entries" in refusal(path)


def test_spelled_out_patterns_count_against_the_limit(tmp_path, small_limits):
    path = write(tmp_path, "kinds.verbs.txt",
                 phrasal_synsets(1, 3) + "".join(f"- * &KIND0 N{n} [070]\n" for n in range(20)))
    assert "characters of patterns read with synset phrases spelled out" in refusal(path)


def test_an_agent_marker_of_many_words_is_refused_past_the_limit(tmp_path):
    # a !MARKER! stands for each word of its list, on every line that uses it: 20,000 lines of a
    # 20,000-word marker ran out of memory
    words = ", ".join(f"w{n}" for n in range(300))
    lines = [f"!KIN! = {words}", *(f"CLAN{n}!KIN! [~REB]" for n in range(700))]
    path = write(tmp_path, "clans.agents.txt", "\n".join(lines) + "\n")
    message = refusal(path)
    assert message.startswith(f"{path}:") and "more than 200,000 agent words" in message


SHARED = Path(__file__).resolve().parents[2] / "shared" / "peers" / "petrarch2" / "dictionaries"


@pytest.mark.skipif(not SHARED.is_dir(), reason="PETRARCH2's dictionaries are not here")
def test_the_dictionaries_in_use_are_well_within_the_limits():
    made = {}
    for name, read in (("CAMEO.2.0.txt", petrarch.read_verbs),
                       ("Phoenix.agents.txt", petrarch.read_agents),
                       ("Phoenix.Countries.actors.txt", petrarch.read_actors)):
        made.update(read((SHARED / name).read_text(encoding="utf-8"), name)[1].made)
    assert set(made) == set(petrarch.LIMITS)
    for what, (limit, _why) in petrarch.LIMITS.items():
        assert made[what] * 5 < limit, what


# ---- PETRARCH: long lines and brackets ----------------------------------------------------------
def test_a_line_over_the_limit_is_one_problem_and_the_rest_is_read(tmp_path):
    path = write(tmp_path, "long.verbs.txt",
                 "--- GRANT [070] ---\nGRANT\n- * " + "[" * 100_000 + "\n- * AID [070]\n")
    report = report_of(path)
    assert report["problems"] == [f"{path}:3: line of 100,004 characters (the limit is 2,000)"]
    assert report["counts"]["patterns used"] == 1


def test_lines_of_unclosed_brackets_cost_their_length(tmp_path):
    # a code was looked for from every "[" to the line's end, and a date restriction's code
    # was given back one digit at a time: 3.5 s and 4 s for these files of 600 kB and 190 kB
    verbs = write(tmp_path, "open.verbs.txt",
                  "--- GRANT [070] ---\nGRANT\n" + ("- * " + "[" * 1990 + "\n") * 300)
    actors = write(tmp_path, "open.actors.txt",
                   "ATLANTIS [ATL]\n" + ("[A" + "1" * 1900 + " !]\n") * 100)
    started = time.perf_counter()
    assert report_of(verbs)["counts"]["malformed lines skipped"] == 300
    assert report_of(actors)["counts"]["malformed lines skipped"] == 100
    assert time.perf_counter() - started < 1.5


@pytest.mark.parametrize(("name", "text", "line"), [
    ("stray.actors.txt", "ATLANTIS [ATL]\n]] [ATL]\n", 2),
    ("stray2.actors.txt", "ATLANTIS [ATL]\nLYONESSE [MID [ATL]\n", 2),
    ("stray.verbs.txt", "--- GRANT [070] ---\nGRANT] [070]\n", 2),
])
def test_a_stray_bracket_is_a_problem_not_part_of_a_name(tmp_path, name, text, line):
    # "]]" became the name of a state, "grant]" a lemma no text has
    report = report_of(write(tmp_path, name, text))
    assert report["problems"][0].startswith(f"{tmp_path / name}:{line}: unbalanced brackets")


def test_a_pattern_with_a_stray_bracket_is_skipped(tmp_path):
    path = write(tmp_path, "stray.verbs.txt", "--- GRANT [070] ---\nGRANT\n- * AID] [070]\n")
    sections = read_user_dictionary(path)
    assert sections["petrarch"]["counts"]["patterns skipped: unbalanced brackets"] == 1
    assert all("object" not in sense for sense in sections["verbs"])


def test_a_pattern_word_starting_with_at_is_skipped_not_a_stopped_run(tmp_path):
    # "@" is how detente's own tables name an object class: the lexicon stopped the run with
    # "names unknown object class '@tribute'", naming no file
    path = write(tmp_path, "at.verbs.txt", "--- GRANT [070] ---\nGRANT\n- * @TRIBUTE [070]\n")
    result = code_with(path)
    assert result.exit_code == 0, result.output
    assert "1 patterns skipped: words starting with @" in result.stderr


# ---- PETRARCH actors and agents ------------------------------------------------------------
def test_a_role_that_ends_before_it_starts_is_a_problem(tmp_path):
    # it was kept as a term of office that covers no day
    path = write(tmp_path, "rulers.actors.txt",
                 "ADA_QUILL [ATL]\n[ATLGOV 20100101-20050101]\n[ATLMIL 20110101-20120101]\n")
    sections = read_user_dictionary(path)
    problem = sections["petrarch"]["problems"][0]
    assert problem.startswith(f"{path}:2: bad date") and "ends (2005-01-01) before it starts" \
        in problem
    assert [term["role"] for term in sections["people"][0]["terms"]] == ["ATLMIL"]


@pytest.mark.parametrize("code", ["~~MIL", "~C-O-P", "~", "~COP~"])
def test_an_agent_code_that_is_no_sector_is_a_problem(tmp_path, code):
    # "[~~MIL]" gave the sector "~MIL", "[~]" and "[~COP~]" were counted as prefix codes
    path = write(tmp_path, "crew.agents.txt", f"DECKHAND [~MAR]\nGUNNER [{code}]\n")
    sections = read_user_dictionary(path)
    assert sections["petrarch"]["problems"] == [
        f"{path}:2: agent code '{code}' is not of the form ~CODE"]
    assert [group["sector"] for group in sections["agents"]] == ["MAR"]


def test_an_agent_marker_defined_nowhere_is_a_problem(tmp_path):
    # the words kept the marker and were dropped without a word
    path = write(tmp_path, "crew.agents.txt", "!HAND! = MAN, WOMAN\nDECK!HAND! [~MAR]\n"
                                              "GUN!CREW! [~MIL]\n")
    sections = read_user_dictionary(path)
    assert sections["petrarch"]["problems"] == [
        f"{path}:3: !CREW! in 'GUN!CREW!' is defined nowhere before it"]
    assert sections["agents"] == [{"words": ["deckman", "deckwoman"], "sector": "MAR"}]


def test_a_latin1_petrarch_file_keeps_its_accented_names(tmp_path):
    # read as UTF-8 with replacement, "MÉRIDA" was "M\ufffdRIDA", a name no text has
    path = tmp_path / "places.actors.txt"
    path.write_bytes("M\xc9RIDA_LEAGUE [ATL]\n".encode("latin-1"))
    assert read_user_dictionary(path)["countries"][0]["names"][0] == "Mérida League"


# ---- files that are no dictionary ----------------------------------------------------------------
@pytest.mark.parametrize("name", ["mine.yaml", "mine.verbs.txt"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_says_so(tmp_path, name, encoding):
    # it was "binary content (a NUL byte at offset 1), not a dictionary"
    path = tmp_path / name
    path.write_bytes("verbs: []\n--- GRANT [070] ---\n".encode(encoding))
    assert refusal(path) == (f"{path}: UTF-16 text without a byte-order mark, not UTF-8; "
                             "convert it to UTF-8")


def test_an_empty_dictionary_path_is_named_as_empty(tmp_path):
    # Path("") is the current folder: "error: .: cannot read dictionary file (... a directory)"
    result = CliRunner().invoke(main, ["code", "-", "--dictionary", ""], input=SENTENCE)
    assert one_error(result) == "error: --dictionary '': an empty path names no file or folder"
    assert result.exit_code == 2


def test_a_file_name_with_a_newline_stays_one_line(tmp_path):
    path = write(tmp_path, "two\nlines.yaml", "verbs: 5\n")
    result = code_with(path)
    line = one_error(result)
    # the name in Python's quoted form (session 36): told from one with a backslash and an n
    assert line.startswith(f"error: {str(path)!r}: section 'verbs'")


# ---- YAML: values PyYAML cannot build ------------------------------------------------------------
@pytest.mark.parametrize(("text", "says"), [
    ("people:\n  - {name: Ada Quill, terms: [{role: envoy, to: 2004-13-01}]}\n",
     "cannot read '2004-13-01' as timestamp (month must be in 1..12) at line 2"),
    ("people:\n  - {name: Ada Quill, terms: [{role: envoy, from: 2004-01-01 25:00:00}]}\n",
     "cannot read '2004-01-01 25:00:00' as timestamp"),
    ("verbs:\n  - {lemma: snub, code: !!int eleven}\n", "cannot read 'eleven' as int"),
    ("verbs:\n  - {lemma: snub, code: !!float eleven}\n", "cannot read 'eleven' as float"),
    ("verbs:\n  - {lemma: snub, symmetric: !!bool perhaps}\n", "cannot read 'perhaps' as bool"),
    ("verbs:\n  - {lemma: snub, code: 1" + "0" * 5000 + "}\n",
     "as int (Exceeds the limit (4300 digits)"),
], ids=["a month 13", "hour 25", "!!int", "!!float", "!!bool", "5,000 digits"])
def test_a_value_yaml_cannot_build_is_one_line_not_a_traceback(tmp_path, text, says):
    # PyYAML's constructors raised ValueError or KeyError, which no one caught
    path = write(tmp_path, "mine.yaml", text)
    line = one_error(code_with(path))
    assert line.startswith(f"error: {path}: not valid YAML (") and says in line, line


@pytest.mark.parametrize(("text", "says"), [
    ("verbs:\n  - {lemma: snub, code: '111'}\nnouns: []\nverbs:\n  - {lemma: rebuff, code: "
     "'111'}\n", "the key 'verbs' is written twice in one mapping, on lines 1 and 4"),
    ("verbs:\n  - {lemma: snub, code: '111', lemma: rebuff}\n",
     "the key 'lemma' is written twice in one mapping, on line 2"),
], ids=["a section", "a field"])
def test_a_key_written_twice_is_refused_not_half_dropped(tmp_path, text, says):
    # YAML kept the second: the first section's entries were dropped without a word
    path = write(tmp_path, "mine.yaml", text)
    assert refusal(path) == f"{path}: not valid YAML ({says}; YAML would keep only the second)"


def test_a_merged_mapping_may_be_overridden(tmp_path):
    path = write(tmp_path, "mine.yaml", "verbs:\n  - &snub {lemma: snub, code: '111'}\n"
                                        "  - <<: *snub\n    lemma: rebuff\n")
    assert [v["lemma"] for v in read_user_dictionary(path)["verbs"]] == ["snub", "rebuff"]


def test_a_mapping_merged_before_it_is_built_is_checked_as_written(tmp_path):
    # the second person merges the first's term, which PyYAML builds later: flattened first,
    # the term held "role" twice (its own and the merged one's) when its keys were checked
    path = write(tmp_path, "mine.yaml",
                 "people:\n  - {name: Ada Quill, terms: [&envoy {role: envoy, "
                 "<<: {country: ATL, role: consul}}]}\n  - {<<: *envoy, name: Bo Reed}\n")
    people = read_user_dictionary(path)["people"]
    assert people[0]["terms"] == [{"country": "ATL", "role": "envoy"}]


# ---- YAML: entries that never match, or that stopped the run without naming the file ----------
@pytest.mark.parametrize(("entry", "says"), [
    ("{lemma: snub off, code: '111'}", "'lemma' 'snub off' must be one word"),
    ("{lemma: cold-shoulder, code: '111'}", "'lemma' 'cold-shoulder' must be one word"),
    ("{lemma: ' ', code: '111'}", "'lemma' ' ' must be one word"),
    ("{lemma: snub, prep: 'out of', code: '111'}", "'prep' 'out of' must be one word"),
    ("{lemma: snub, particle: 'off ', code: '111'}", "'particle' 'off ' must be one word"),
    ("{lemma: sign, object: [pact, trade deal], code: '057'}",
     "'object' 'trade deal' must be one word, as spaCy reads one token (a word before it goes "
     "under 'modifier')"),
    ("{lemma: snub, target_kind: IGO, code: '111'}",
     "'target_kind' 'IGO' is none of group, igo, person, state"),
    ("{lemma: quit, prep_object: treaty, code: '111'}",
     "has a 'prep_object' but no 'prep' that governs it"),
    ("{lemma: snub, object: '@pacts', code: '111'}",
     "no object class 'pacts' in verbs.yaml or any --dictionary file"),
])
def test_a_sense_that_could_never_match_is_one_line_naming_the_file(tmp_path, entry, says):
    # spaCy's lemma is one token's: "snub off" and "cold-shoulder" matched nothing, silently;
    # prep_object and an unknown class stopped the run with no file named
    path = write(tmp_path, "mine.yaml", f"verbs:\n  - {entry}\n")
    line = one_error(code_with(path))
    assert line.startswith(f"error: {path}: section 'verbs', entry 1 (") and says in line, line


def test_an_unknown_class_in_attitude_cues_names_the_file(tmp_path):
    path = write(tmp_path, "mine.yaml", "attitude_cues:\n  - {code: '051', lemmas: ['@odes']}\n")
    assert refusal(path).startswith(f"{path}: section 'attitude_cues', entry 1 (")


def test_a_class_of_another_dictionary_file_may_be_named(tmp_path):
    uses = write(tmp_path, "uses.yaml", "verbs:\n  - {lemma: snub, code: '111', "
                                        "object: '@pacts'}\n")
    defines = write(tmp_path, "defines.yaml", "object_classes:\n  pacts: [pact, accord]\n")
    assert len(read_user_dictionaries([uses, defines])) == 2
    assert "no object class 'pacts'" in refusal(uses)


@pytest.mark.parametrize(("code", "shown"), [("010", "8"), ("10", "10")])
def test_an_unquoted_code_says_to_quote_it(tmp_path, code, shown):
    # "code: 010" is the number 8 to YAML: "unknown CAMEO code '8'" named no cause
    path = write(tmp_path, "mine.yaml", f"verbs:\n  - {{lemma: snub, code: {code}}}\n")
    message = refusal(path)
    assert f"unknown CAMEO code '{shown}'; write the code in quotes" in message


def test_a_word_yaml_reads_as_a_boolean_says_to_quote_it(tmp_path):
    path = write(tmp_path, "mine.yaml", "countries:\n  - {code: NOR, names: [NO]}\n")
    assert "item 1 is bool False (YAML reads an unquoted yes, no, on or off" in refusal(path)


@pytest.mark.parametrize(("start", "end"), [("2010-01-01", "2005-01-01"),
                                            ("'2010-01-01'", "2005-01-01 12:00:00")])
def test_a_term_that_ends_before_it_starts_is_refused(tmp_path, start, end):
    path = write(tmp_path, "mine.yaml", f"people:\n  - {{name: Ada Quill, terms: [{{role: envoy, "
                                        f"from: {start}, to: {end}}}]}}\n")
    assert "ends before it starts" in refusal(path)


def test_a_term_of_one_day_is_kept(tmp_path):
    path = write(tmp_path, "mine.yaml", "people:\n  - {name: Ada Quill, terms: [{role: envoy, "
                                        "from: 2010-01-01, to: 2010-01-01}]}\n")
    assert read_user_dictionary(path)["people"][0]["terms"][0]["to"] == dt.date(2010, 1, 1)


def test_a_large_file_without_aliases_is_not_told_about_aliases(tmp_path, monkeypatch):
    monkeypatch.setattr(datafiles, "MAX_NODES", 50)
    path = write(tmp_path, "mine.yaml", "light_verbs: [" + ", ".join(["stage"] * 60) + "]\n")
    assert refusal(path) == f"{path}: too large (more than 50 YAML entries, line 1); split the file"
