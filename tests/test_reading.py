"""The reading copy: odd and shouted casing and scare quotes read as ordinary copy, offsets
unchanged."""

from __future__ import annotations

import pytest

from detente.coder import Article, Coder
from detente.reading import (
    SYMBOL_RUN,
    CasingNormaliser,
    NormalisingTokenizer,
    break_symbol_runs,
    original_text,
    unquote_single_words,
)


@pytest.fixture(scope="module")
def normaliser(coder: Coder) -> CasingNormaliser:
    assert isinstance(coder.nlp.tokenizer, NormalisingTokenizer)
    return coder.nlp.tokenizer.normaliser


@pytest.mark.parametrize(("text", "expected"), [
    ("tHe UK and fRance signed a pact.", "The UK and France signed a pact."),
    ("Talks with tHe UK and gERMANY ended.", "Talks with the UK and Germany ended."),
    ("ESTONIA AND LATVIA SIGN FERRY DEAL\nThe deal was signed.",
     "Estonia and Latvia sign ferry deal\nThe deal was signed."),
    ("UNITED STATES CONDEMNS NEW STRIKES", "United States condemns new strikes"),
    # a headline in Title Case, and a line typed all in lower case
    ("Latvia Condemns Russian Strike On Kharkiv", "Latvia condemns Russian strike on Kharkiv"),
    ("United States Warns Cuba Over Ships", "United States warns Cuba over ships"),
    # a Title Case headline opening with an acronym or a possessive
    ("UK Imposes New Tariffs On Belarus", "UK imposes new tariffs on Belarus"),
    ("Chad's Leader Visits Sudanese Camps", "Chad's leader visits Sudanese camps"),
    ("chile warned peru over the fishing ban.", "Chile warned Peru over the fishing ban."),
    # the document's own spelling of a name the dictionaries do not know
    ("The Kalvenor delegation arrived. kALVENOR officials left.",
     "The Kalvenor delegation arrived. Kalvenor officials left."),
    # months and weekdays are names; the period of "U.S." ends no sentence in capitals
    ("U.S. TROOPS LEFT IRAQ ON MONDAY IN JANUARY.", "U.S. troops left Iraq on Monday in January."),
    # "may" and "march" are verbs in a shouted line as often as months
    ("ISRAEL MAY STRIKE IRAN, SAYS ENVOY", "Israel may strike Iran, says envoy"),
])
def test_odd_and_shouted_casing_is_made_ordinary(normaliser, text, expected):
    assert normaliser.normalise(text) == expected


@pytest.mark.parametrize("text", [
    "McDonald met NGOs and MPs in Oslo; the UN and NATO agreed.",
    "The app QuikTALK and the site reelNEWS reported it.",  # spelled so on purpose
    "Leaders of NATO, the EU and the UN met.",
])
def test_ordinary_names_and_brands_are_left_alone(normaliser, text):
    assert normaliser.normalise(text) == text


def test_an_ordinary_sentence_with_a_title_keeps_its_casing(normaliser):
    text = "Foreign Minister Ana Ruiz met the Chilean envoy."
    assert normaliser.normalise(text) == text


def test_only_casing_changes(normaliser):
    text = "fRANCE, tHe uk AND gERMANY\nBRITAIN, FRANCE AND GERMANY AGREE ON TARIFFS\nOk."
    fixed = normaliser.normalise(text)
    assert fixed != text and len(fixed) == len(text) and fixed.lower() == text.lower()


def test_odd_casing_codes_and_reports_the_original_words(coder: Coder):
    text = "Talks ended. tHe UK and fRance signed a defence pact on Monday."
    events = coder.code_text(text, date="2025-03-03")
    assert {(e.source.country, e.target.country) for e in events} >= {("GBR", "FRA")}
    for event in events:
        for part in (event.source, event.target, event.trigger):
            assert text[part.start:part.end] == part.text
        assert text[event.sentence_start:].startswith(event.sentence)
    assert "fRance" in {e.source.text for e in events} | {e.target.text for e in events}


def test_stored_sentences_are_the_original_text(coder: Coder):
    text = "UNITED STATES CONDEMNS RUSSIA\nThe United States condemned Russia."
    coded = next(coder.code_stream([Article("a", text, "2025-03-03")]))
    assert [s[3].strip() for s in coded.sentences] == [
        "UNITED STATES CONDEMNS RUSSIA", "The United States condemned Russia."
    ]
    assert all(text[start:end] == sentence for _, start, end, sentence in coded.sentences)


# ---- scare quotes ----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Japan 'sent' aid.", "Japan  sent  aid."),
    ("its \u201crogue\u201d regime", "its  rogue  regime"),
    ("He said \"no\".", "He said  no ."),
])
def test_quote_marks_around_one_word_become_spaces(text, expected):
    assert unquote_single_words(text) == expected


@pytest.mark.parametrize("text", [
    "The rebels' camp and Norway's envoy met O'Neill.",
    "He called it \"a grave mistake\" and 'not acceptable'.",
])
def test_apostrophes_and_longer_quotations_are_kept(text):
    assert unquote_single_words(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan 'sent' emergency aid to the Philippines.", ("JPN", "07", "PHL")),
    ("Russian peacekeepers 'attacked' Georgian villages.", ("RUS", "19", "GEO")),
    ("The Kremlin's special envoy 'met' Iranian officials in Tehran.", ("RUS", "04", "IRN")),
])
def test_a_verb_in_scare_quotes_still_codes(coder: Coder, text, expected):
    events = coder.code_text(text, date="2025-03-03")
    assert expected in {(e.source.country, e.cameo_root, e.target.country) for e in events}
    assert all(text[e.trigger.start:e.trigger.end] == e.trigger.text for e in events)


def test_an_odd_word_inside_a_dictionary_name_takes_the_name_s_casing(normaliser):
    text = "The uNited Kingdom and the united front met."
    assert normaliser.normalise(text) == "The United Kingdom and the united front met."


def test_a_headline_keeping_short_function_words_lower_is_recased(coder):
    for headline, expected in (("Peru Slaps New Tariffs on Chilean Copper", ("PER", "CHL")),
                               ("Egypt Strikes Targets in Libya, Sudan", ("EGY", "LBY")),
                               ("UN Envoy Urges Yemen Rebels to Free Detainees",
                                ("UNO", "YEM"))):
        events = coder.code_text(headline, date="2024-06-01")
        assert expected in [(e.source.country, e.target.country) for e in events], headline


def test_a_headline_naming_two_states_before_the_verb_makes_both_parties(coder):
    events = coder.code_text("Ghana, Togo Sign Border Pact", date="2024-06-01")
    assert {(e.source.country, e.target.country) for e in events} == {("GHA", "TGO"),
                                                                      ("TGO", "GHA")}


@pytest.mark.parametrize("run", ["'" * 5000, "(" * 2500 + ")" * 2500, "\U0001F600" * 3000,
                                 "\"()[]!?.,;:" * 400])
def test_a_long_run_of_symbols_is_read_in_short_pieces(coder: Coder, run):
    text = "Chile accused Peru of spying.\n\n" + run + "\n\nPeru recalled its envoy from Chile."
    copy = break_symbol_runs(text)
    assert len(copy) == len(text) and copy.split() != text.split()
    doc = coder.nlp(text)
    assert max(len(t.text) for t in doc) <= SYMBOL_RUN
    assert original_text(doc) == text
    coded = {(e.source.country, e.target.country, e.cameo_root) for e in coder.code_doc(doc, "t")}
    assert {("CHL", "PER", "11"), ("PER", "CHL", "16")} <= coded


@pytest.mark.parametrize("text", ["Wait... what?!", "Rules: ====================", "(see below)"])
def test_short_symbol_runs_are_left_alone(text):
    assert break_symbol_runs(text) == text


def test_dictionary_phrases_are_matched_as_written_not_recased(coder: Coder):
    # a long official name alone reads like a headline; its pattern must keep the words'
    # case, or the phrase matches no sentence and its last word names another state
    events = coder.code_text("The Democratic People's Republic of Korea condemned the drills "
                             "Japan held on Sunday. Later the Sudan People's Liberation "
                             "Movement accused Chad of arming its rivals.")
    pairs = {(e.source.country, e.target.country) for e in events}
    assert ("PRK", "JPN") in pairs and ("KOR", "JPN") not in pairs
    assert ("SSD", "TCD") in pairs  # the movement governs South Sudan (actors.yaml)


WRAPPED_STORY = """LIMA, May 4 - The government of Peru accused Chile on Monday of
sending naval vessels into its territorial waters near the port of
Ilo, and the foreign ministry said it had summoned the Chilean
ambassador to explain the incident.

Bolivia, which borders both countries, called on the two governments
to settle the dispute through talks and offered to host a meeting
of their foreign ministers in La Paz later this month.
"""


def test_hard_wrapped_copy_is_read_as_whole_sentences(coder: Coder):
    # each line break of wrapped copy had started a sentence: no event survived
    unwrapped = WRAPPED_STORY.replace("of\nsending", "of sending")
    for line_end in ("\nsending", "\nIlo", "\nambassador", "\nto settle", "\nof their"):
        unwrapped = unwrapped.replace(line_end, " " + line_end[1:])
    assert "\n" not in unwrapped.split("\n\n")[1].strip()

    def coded(text: str) -> set[tuple[str, str, str]]:
        return {(e.source.country, e.target.country, e.cameo)
                for e in coder.code_text(text, "t", "2025-05-04")}

    wrapped_events = coded(WRAPPED_STORY)
    assert ("PER", "CHL", "112") in wrapped_events
    assert wrapped_events == coded(unwrapped)
    sentences = [s.text for s in coder.nlp(WRAPPED_STORY).sents]
    assert any(s.startswith("The government of Peru accused") and "incident." in s
               for s in sentences)


def test_unwrapping_keeps_headings_list_items_and_long_paragraphs():
    from detente.reading import unwrap_lines

    wrapped = ("Border talks\n"
               "The two governments agreed on Monday to reopen the crossing that\n"
               "has been closed since the spring, when a dispute over customs fees\n"
               "left hundreds of trucks waiting on both sides of the river for\n"
               "weeks, officials of both foreign ministries said in a statement.\n"
               "- a joint patrol\n"
               "- a hotline between the two army commands\n"
               "Both sides also said that the ministers would meet again before the\n"
               "end of the year to review the arrangement.\n")
    unwrapped = unwrap_lines(wrapped)
    assert len(unwrapped) == len(wrapped)  # offsets unchanged
    assert unwrapped.startswith("Border talks\n")  # a heading keeps its own line
    assert "crossing that has been closed" in unwrapped
    assert "statement.\n- a joint patrol\n- a hotline" in unwrapped
    assert "before the end of the year" in unwrapped
    paragraphs = "\n".join(["A long paragraph on one line " * 8] * 4)
    assert unwrap_lines(paragraphs) == paragraphs  # lines far wider than any wrap


def test_odd_spaces_read_as_plain_spaces_and_evidence_keeps_them(coder: Coder):
    # a no-break space (HTML's &nbsp;) or a thin space between words was a token of its own
    # in mid-sentence, and the parser misread the clause around it
    from detente.reading import plain_spaces

    odd = ("The\u00a0foreign ministry of Ghana said on Friday that\u00a0it\u00a0had "
           "summoned\u2009the Togolese ambassador\tover the border incident.")
    plain = plain_spaces(odd)
    assert len(plain) == len(odd) and "\u00a0" not in plain and "\t" not in plain
    assert not any(t.is_space for t in coder.nlp(odd))
    events = [e for e in coder.code_text(odd) if (e.source.country, e.target.country) == (
        "GHA", "TGO")]
    assert events and "\u00a0" in events[0].sentence  # the evidence is the text as given


# ---- runs of spaces ------------------------------------------------------------------------
SECOND = "Togo  rejected  the  protest."
DOUBLE_SPACED = ("Officials  in  Accra  said  on  Monday  that  Ghana  had  summoned  the  "
                 "Togolese  ambassador  over  the  border  incident.  " + SECOND)


def test_runs_of_spaces_are_read_as_one_space():
    from detente.reading import single_spaced

    copy, offsets = single_spaced("Peru  accused   Chile.\n   Bolivia  agreed.  ")
    assert copy == "Peru accused Chile.\n   Bolivia agreed.  "  # indentation and line ends kept
    assert offsets.start(copy.index("accused")) == 6
    assert offsets.start(copy.index("Chile")) == 16
    assert single_spaced("Peru accused Chile.")[0] == "Peru accused Chile."


def test_doubled_spaces_code_as_single_ones_with_the_text_s_own_offsets(coder: Coder):
    single = [(e.source.country, e.cameo, e.target.country, e.modality)
              for e in coder.code_text(" ".join(DOUBLE_SPACED.split()), date="2025-03-03")]
    events = coder.code_text(DOUBLE_SPACED, date="2025-03-03")
    assert [(e.source.country, e.cameo, e.target.country, e.modality) for e in events] == single
    assert ("GHA", "TGO") in {(e.source.country, e.target.country) for e in events}
    assert not any(t.is_space for t in coder.nlp(DOUBLE_SPACED))
    for event in events:
        for span in (event.source, event.target, event.trigger):
            assert DOUBLE_SPACED[span.start:span.end] == span.text
        start = event.sentence_start
        assert DOUBLE_SPACED[start:start + len(event.sentence)] == event.sentence
        assert "  " in event.sentence  # the evidence is the text as given


def test_stored_sentences_of_doubled_spaces_are_the_text_s_own(coder: Coder):
    coded = next(coder.code_stream([Article("a", DOUBLE_SPACED, "2025-03-03")]))
    assert len(coded.sentences) == 2 and coded.events
    assert all(DOUBLE_SPACED[start:end] == sentence for _, start, end, sentence in coded.sentences)
    assert coded.sentences[1][3] == SECOND


def test_the_map_of_left_out_spaces_survives_a_worker_s_serialisation(coder: Coder):
    from spacy.tokens import Doc

    from detente.reading import sentence_bounds

    doc = coder.nlp(DOUBLE_SPACED)
    back = Doc(coder.nlp.vocab).from_bytes(doc.to_bytes())  # how nlp.pipe's workers send it
    assert sentence_bounds(back) == sentence_bounds(doc)
    assert [DOUBLE_SPACED[s:e] for s, e in sentence_bounds(back)][1] == SECOND


def test_an_arms_transfer_keeps_the_sentence_as_written(coder: Coder):
    text = "The  Peruvian  minister  said  Lima  would  sell  two  frigates  to  Ecuador."
    analysis = coder.analyse(coder.nlp(text), "t", "2025-03-03")
    assert analysis.transfers
    transfer = analysis.transfers[0]
    assert transfer["sentence"] == text
    trigger = transfer["trigger"]
    assert text[trigger["start"]:trigger["end"]] == trigger["text"] == "sell"


@pytest.mark.parametrize("hyphen", ["\u2010", "\u2011"])
def test_unicode_hyphens_inside_words_read_as_hyphen_minus(coder: Coder, hyphen):
    text = f"Guinea{hyphen}Bissau accused Senegal of backing the rebel{hyphen}held villages."
    events = coder.code_text(text, date="2025-03-03")
    assert ("GNB", "SEN") in {(e.source.country, e.target.country) for e in events}
    accused = next(e for e in events if e.trigger.text == "accused")
    assert accused.source.text == f"Guinea{hyphen}Bissau"  # the evidence is the text as given
    assert text[accused.source.start:accused.source.end] == accused.source.text


# ---- copy all in capitals ------------------------------------------------------------------
def test_dotted_abbreviations_keep_their_capitals_in_shouted_copy(normaliser):
    shouted = "THE U.S. AND THE U.N. CONDEMNED THE RAID ON THE CONVOY NEAR THE BORDER, AIDES SAID."
    assert normaliser.normalise(shouted) == (
        "The U.S. and the U.N. condemned the raid on the convoy near the border, aides said.")


def test_shouted_body_copy_reads_is_and_who_as_english_words(normaliser):
    body = "THE ENVOY WHO LEADS THE TALKS SAID THE PLAN IS READY AND THE US WILL SIGN IT SOON."
    assert normaliser.normalise(body) == (
        "The envoy who leads the talks said the plan is ready and the US will sign it soon.")
    # a headline is short: there the organisation is the likelier reading, as after "the"
    assert normaliser.normalise("WHO WARNS OF NEW OUTBREAK").startswith("WHO ")
    assert "the WHO team" in normaliser.normalise(
        "OFFICIALS SAID ON MONDAY THAT THE WHO TEAM WOULD REACH THE EASTERN PROVINCES SOON.")


def test_a_story_in_capitals_codes_its_dotted_state(coder: Coder):
    text = "THE U.S. IMPOSED NEW SANCTIONS ON IRAN ON TUESDAY AFTER THE TALKS IN OMAN COLLAPSED."
    events = coder.code_text(text, date="2025-03-03")
    assert ("USA", "IRN") in {(e.source.country, e.target.country) for e in events}
    imposed = next(e for e in events if e.target.country == "IRN")
    assert text[imposed.source.start:imposed.source.end] == imposed.source.text == "U.S."


def test_dotted_abbreviations_get_their_capitals_in_copy_typed_in_lower_case(normaliser):
    typed = "the u.s. imposed new sanctions on iran on tuesday, and the u.n. envoy met russia."
    assert normaliser.normalise(typed) == (
        "The U.S. imposed new sanctions on Iran on Tuesday, and the U.N. envoy met Russia.")


@pytest.mark.parametrize("mark", ["\u00b4", "\u02bc", "`", "\u2032"])
def test_marks_typed_for_an_apostrophe_read_as_one(coder: Coder, mark):
    text = f"Peru{mark}s navy seized a Chilean trawler, and Chile{mark}s envoy protested."
    events = coder.code_text(text, date="2025-03-03")
    assert ("PER", "CHL") in {(e.source.country, e.target.country) for e in events}
    seized = next(e for e in events if e.trigger.text == "seized")
    assert text[seized.source.start:seized.source.end] == seized.source.text


def test_an_opening_backtick_quote_is_left_alone():
    from detente.reading import plain_apostrophes

    assert plain_apostrophes("He said ``no'' twice.") == "He said ``no'' twice."
    assert plain_apostrophes("Kenya\u00b4s army") == "Kenya\u2019s army"


def test_markdown_emphasis_around_names_reads_as_plain_words(coder: Coder):
    from detente.reading import plain_emphasis

    text = "**Ghana** accused *Togo* of moving the __border posts__ on Monday."
    assert plain_emphasis(text) == (
        "  Ghana   accused  Togo  of moving the   border posts   on Monday.")
    assert plain_emphasis("3 * 4 * 5 and snake_case_name") == "3 * 4 * 5 and snake_case_name"
    events = coder.code_text(text, date="2025-03-03")
    accused = next(e for e in events if e.trigger.text == "accused")
    assert (accused.source.country, accused.target.country) == ("GHA", "TGO")
    assert text[accused.source.start:accused.source.end] == accused.source.text == "Ghana"


def test_mojibake_is_mended_when_a_file_is_read(coder: Coder, tmp_path):
    from detente.cleantext import read_copy
    from detente.ingest.readers import SourceDocument, read_documents

    spoiled = "Peru\u2019s navy seized a Chilean trawler \u2014 \u201cillegally\u201d, Chile said."
    mojibake = spoiled.encode("utf-8").decode("cp1252", errors="replace")
    assert "\u00e2\u20ac\u2122" in mojibake  # what scraped copy shows for the apostrophe
    (tmp_path / "story.txt").write_text(mojibake, encoding="utf-8")
    (document,) = list(read_documents([str(tmp_path / "story.txt")]))
    assert isinstance(document, SourceDocument)
    assert document.text.startswith("Peru\u2019s navy seized")
    events = coder.code_text(document.text, date="2025-03-03")
    assert ("PERMIL", "CHL") in {(e.source.code, e.target.country) for e in events}
    # ordinary text, accents and all, is left as it is
    assert read_copy("A caf\u00e9 in Z\u00fcrich \u2014 \u201cquiet\u201d.") == (
        "A caf\u00e9 in Z\u00fcrich \u2014 \u201cquiet\u201d.")


# ---- connectives set off between subject and verb ------------------------------------------
@pytest.mark.parametrize("aside", [", however,", ", meanwhile,", ", for their part,",
                                   " — however —", ", too,"])
def test_a_connective_between_subject_and_verb_codes_like_the_plain_clause(coder: Coder, aside):
    plain = "Oslo and Helsinki shared alarm over Russia's naval buildup."
    text = plain.replace("Helsinki", f"Helsinki{aside}")
    events = coder.code_text(text, date="2025-03-03")
    assert [(e.source.country, e.cameo, e.target.country) for e in events] == [
        (e.source.country, e.cameo, e.target.country) for e in coder.code_text(plain)]
    assert {(e.source.country, e.target.country) for e in events} == {("NOR", "RUS"),
                                                                      ("FIN", "RUS")}
    for event in events:  # offsets and evidence are the text's own, aside included
        for span in (event.source, event.target, event.trigger):
            assert text[span.start:span.end] == span.text
        assert event.sentence == text


def test_the_copy_leaves_a_connective_aside_out_but_not_before_a_participle():
    from detente.reading import single_spaced

    copy, offsets = single_spaced("Chile, however, recalled its envoy.")
    assert copy == "Chile recalled its envoy."
    assert offsets.start(copy.index("recalled")) == len("Chile, however, ")
    # the aside closes a clause here: its commas keep "citing" off the noun before it
    clause_end = "Peru left the talks early, however, citing a prior engagement."
    assert single_spaced(clause_end)[0] == clause_end
    # a connective that opens a sentence or ends one is no aside
    for text in ("However, Chile recalled its envoy.", "Chile recalled its envoy, however."):
        assert single_spaced(text)[0] == text


@pytest.mark.parametrize("text", [
    "KIM JONG UN ON TUESDAY CRITICIZED JAPAN FOR DETAINING TWO KOREAN FISHERMEN NEAR ITS "
    "ISLANDS LAST WEEK.",
    "kim jong un on tuesday criticized japan for detaining two korean fishermen near its "
    "islands last week."])
def test_an_office_holder_s_full_name_is_recased_as_a_whole(coder: Coder, text):
    # word by word, the last part of the name was the United Nations
    events = coder.code_text(text, date="2025-06-04")
    assert [(e.source.country, e.target.country) for e in events] == [("PRK", "JPN")]
    assert events[0].source.text == text[:len("kim jong un")]  # the words as given


def test_spaces_typed_before_commas_are_read_as_ordinary_commas(coder: Coder):
    from detente.reading import single_spaced

    text = "Ghana , Togo and Benin signed a border accord with Nigeria ; Niger stayed away."
    copy, offsets = single_spaced(text)
    assert copy == "Ghana, Togo and Benin signed a border accord with Nigeria; Niger stayed away."
    assert offsets.start(copy.index("Togo")) == text.index("Togo")
    assert single_spaced("Ratio 3 :1 , at 10 :30")[0] == "Ratio 3 :1, at 10 :30"
    plain = [(e.source.country, e.target.country) for e in coder.code_text(copy)]
    events = coder.code_text(text)
    assert [(e.source.country, e.target.country) for e in events] == plain
    assert {("GHA", "NGA"), ("TGO", "NGA"), ("BEN", "NGA")} <= set(plain)
    for event in events:
        assert text[event.source.start:event.source.end] == event.source.text


# ---- the serial comma of a list of names ---------------------------------------------------
@pytest.mark.parametrize("members", [("Norway", "Ghana", "Kenya"), ("Norway", "Vietnam", "Japan"),
                                     ("Norway", "Egypt", "Iran"),
                                     ("the United States", "Chile", "Ghana")])
def test_a_list_of_states_with_a_serial_comma_codes_every_member(coder: Coder, members):
    # with the comma before "and", the small parser took the first name for a fragment and
    # kept only the last one as the subject
    first, second, third = members
    text = f"{first[0].upper()}{first[1:]}, {second}, and {third} criticized Brazil on Friday."
    events = coder.code_text(text, date="2025-03-03")
    sources = {e.source.country for e in events if e.target.country == "BRA"}
    assert len(sources) == 3
    for event in events:  # evidence is the text as written, comma included
        assert event.sentence == text
        for span in (event.source, event.target, event.trigger):
            assert text[span.start:span.end] == span.text


def test_the_copy_leaves_out_only_the_serial_comma_of_names():
    from detente.reading import single_spaced

    text = "Chile, Ghana, and Peru met. Oslo, the capital, and Bergen voted."
    copy, offsets = single_spaced(text)
    assert copy == "Chile, Ghana and Peru met. Oslo, the capital, and Bergen voted."
    assert offsets.start(copy.index("Peru")) == text.index("Peru")
    for kept in ("They discussed trade, fishing, and Arctic routes.",  # not a list of names
                 "Talks, visits, or Norway's offer were named.",
                 "On Monday, March 3, and Tuesday the envoys met."):
        assert single_spaced(kept)[0] == kept
