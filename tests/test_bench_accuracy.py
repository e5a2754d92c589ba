"""bench/accuracy.py and bench/corpus_gold.py: gold kept as offsets into a shared corpus."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
import yaml

BENCH = Path(__file__).resolve().parents[1] / "bench"

STORY = ("Ruritania recalled its ambassador from Graustark on Monday. The foreign ministry said "
         "the talks had failed. Ruritania and Borduria signed a fisheries pact.")


def _bench(name: str):
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))  # corpus_gold imports accuracy as its neighbour
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def accuracy():
    return _bench("accuracy")


def test_no_gold_beside_a_clean_clone_scores_nothing_and_exits_0(accuracy, tmp_path, capsys,
                                                                  monkeypatch):
    monkeypatch.setattr(sys, "argv", ["accuracy.py", "--gold", str(tmp_path / "absent")])
    assert accuracy.main() == 0
    assert "Nothing scored" in capsys.readouterr().err


def _shared(tmp_path: Path, text: str) -> Path:
    shared = tmp_path / "shared"
    (shared / "corpora").mkdir(parents=True)
    (shared / "corpora" / "news.jsonl").write_text(
        json.dumps({"id": "17", "published": "2026-01-05T10:00:00", "text": text}) + "\n")
    return shared


def _offset_gold(tmp_path: Path) -> dict:
    corpus_gold = _bench("corpus_gold")
    keyed = {"core": [{"key": "recalled its  ambassador from", "src": "RUR", "tgt": "GRA",
                       "quads": [4], "roots": ["16"]}],
             "optional": [{"key": "signed a fisheries pact", "src": "RUR", "tgt": "BOR",
                           "quads": [1], "roots": ["05"], "symmetric": True}]}
    converted, problems = corpus_gold.convert(
        keyed, [{"doc_id": "voa-17", "text": STORY}], "voa-")
    assert problems == []
    return {"corpus": "corpora/news.jsonl", "documents": ["17"], **converted}


def test_offsets_read_the_keys_back_from_the_corpus(accuracy, tmp_path, monkeypatch):
    gold = _offset_gold(tmp_path)
    assert "key" not in gold["core"][0]  # no text of the story is kept
    gold_file = tmp_path / "set.yaml"
    gold_file.write_text(yaml.safe_dump(gold))
    monkeypatch.setattr(accuracy, "SHARED", _shared(tmp_path, STORY))
    loaded, documents = accuracy.load_set(gold_file)
    assert [i["key"] for i in loaded["core"]] == ["recalled its ambassador from"]
    assert documents == [{"doc_id": "17", "date": "2026-01-05", "text": STORY}]


def test_a_corpus_changed_under_the_offsets_is_not_scored(accuracy, tmp_path, monkeypatch):
    gold_file = tmp_path / "set.yaml"
    gold_file.write_text(yaml.safe_dump(_offset_gold(tmp_path)))
    monkeypatch.setattr(accuracy, "SHARED", _shared(tmp_path, "An edited " + STORY))
    with pytest.raises(accuracy.UnusableSet, match="corpus changed"):
        accuracy.load_set(gold_file)


def test_a_key_found_twice_is_reported_not_placed(tmp_path):
    corpus_gold = _bench("corpus_gold")
    _, problems = corpus_gold.convert(
        {"core": [{"key": "Ruritania", "src": "RUR", "tgt": "GRA", "quads": [4]}]},
        [{"doc_id": "voa-17", "text": STORY}], "voa-")
    assert problems == ["core: key 'Ruritania' is not once in one story"]


def test_senses_counts_right_and_false_tuples_and_what_gold_wanted(coder):
    senses = _bench("senses")
    text = "Chile accused Peru of spying. Chile recalled its ambassador from Bolivia."
    gold = {"core": [
        {"key": "accused Peru of spying", "src": "CHL", "tgt": "PER", "quads": [3]},
        # the recall is coded by the coder (16, quad 4); this gold wants quad 3 for the pair
        {"key": "recalled its ambassador", "src": "CHL", "tgt": "BOL", "quads": [3],
         "roots": ["11"]},
    ]}
    tallies: dict = {}
    senses.tally_set(coder, gold, [{"doc_id": "t", "date": "2020-01-01", "text": text}],
                     "made_up", tallies)
    accused = next(t for (rule, code, word), t in tallies.items() if word == "accused")
    recalled = next(t for (rule, code, word), t in tallies.items() if word == "recalled")
    assert (accused.right, accused.false) == (1, 0)
    assert (recalled.right, recalled.false) == (0, 1)
    assert recalled.wanted == {"q3 11": 1} and recalled.sets == {"made_up"}


def test_metamorphic_replaces_every_form_of_a_state_and_keeps_its_events(coder):
    metamorphic = _bench("metamorphic")
    forms = metamorphic.state_forms()
    subs = metamorphic.substitution(forms["KEN"], forms["GHA"])
    text = ("Kenya accused Uganda of arming rebels. Kenyans marched in Nairobi, and a Kenyan "
            "envoy said Uganda had to stop.")
    assert metamorphic.apply(text, subs) == (
        "Ghana accused Uganda of arming rebels. Ghanaians marched in Accra, and a Ghanaian "
        "envoy said Uganda had to stop.")
    by_substitute: dict = {}
    total = metamorphic.Tally()
    story = {"id": "t1", "published": "2024-05-01", "text": text}
    metamorphic.check_story(coder, story, forms, metamorphic.random.Random(1), 2,
                            by_substitute, total)
    # each state of each event is named by name: each is replaced by two substitutes, and
    # every event is expected back each time (a coder of constructions keeps them all)
    original = metamorphic.tuples(coder.code_text(text, "t1", "2024-05-01"))
    assert original and total.kept + total.lost == len(original) * 2 * 2
    assert total.lost == 0 and total.created == 0


LAYOUT_STORY = (
    "The government of Ghana accused Togo on Tuesday of allowing armed men to cross the "
    "northern border and attack a customs post, and said it had summoned the Togolese "
    "ambassador in Accra to explain.\n\n"
    "Nigeria, which chairs the regional bloc this year, urged both governments to settle the "
    "dispute through talks and offered to host a meeting of their foreign ministers in Abuja "
    "before the end of the month.")


def test_every_layout_of_a_story_codes_the_same_events(coder):
    metamorphic = _bench("metamorphic")
    base = metamorphic.international(coder.code_text(LAYOUT_STORY, "t", "2025-06-03"))
    assert len(base) >= 3
    for name, layout in metamorphic.LAYOUTS.items():
        if name in metamorphic.CASINGS:
            continue  # measured by the bench, not yet kept whole
        got = metamorphic.international(coder.code_text(
            metamorphic.read_copy(layout(LAYOUT_STORY)), "t", "2025-06-03"))
        assert got == base, name


def test_subheadings_run_into_the_copy_keep_its_events(coder):
    metamorphic = _bench("metamorphic")
    story = ("Ghana accused Togo on Tuesday of shelling a customs post near the border. "
             "Nigeria urged Ghana and Togo to settle the dispute through talks in Abuja. "
             "Togo denied the charge and accused Ghana of arming smugglers in the north. "
             "Benin offered to host talks between Ghana and Togo in Cotonou next month.")
    headed = metamorphic.run_in_headings(story, every=1)
    assert headed.count(".") == story.count(".") and len(headed) > len(story)
    base = metamorphic.international(coder.code_text(story, "t", "2025-06-03"))
    assert len(base) >= 3
    assert metamorphic.international(coder.code_text(headed, "t", "2025-06-03")) == base


WORDING_STORY = {"id": "w1", "published": "2025-06-03",
                 "text": "Ghana condemned the Togolese raid on a border post.\n\n"
                         "Nigeria urged both governments to settle the dispute."}


def test_rewordings_of_a_sentence_keep_its_events_or_change_their_modality(coder, capsys):
    metamorphic = _bench("metamorphic")
    doc = coder.nlp(WORDING_STORY["text"])
    events = [e for e in coder.code_doc(doc, "w1", "2025-06-03") if e.sentence_start == 0
              and e.target.country == "TGO"]
    assert events
    text, own, start = metamorphic._reworded(WORDING_STORY, events, doc,
                                             metamorphic.WORDINGS["did not"])
    assert text.startswith("Ghana did not condemn the Togolese raid")
    assert text[start:].startswith("condemn the Togolese raid") and own  # the verb, reworded
    passive, _, _ = metamorphic._reworded(WORDING_STORY, events, doc,
                                          metamorphic.WORDINGS["passive"])
    assert passive.startswith("The Togolese raid on a border post was condemned by Ghana.")
    metamorphic.check_wordings(coder, [WORDING_STORY], show=5)
    rows = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines()[1:]
            if line and not line.startswith(" ")}
    # every wording that fits the first sentence keeps its event; "did not" drops it
    assert rows["perfect"][1] == rows["perfect"][2] != "0"
    assert rows["did"][2] == rows["did"][3] != "0" and rows["did"][-1] == "0"


def test_census_counts_events_whose_named_time_the_dating_missed(coder, capsys, monkeypatch):
    census = _bench("census")
    records = [{"id": "d1", "published": "2025-06-06",
                "text": "Chile recalled its ambassador from Peru on Tuesday. Peru expelled a "
                        "Chilean diplomat, a week after the March talks collapsed."}]
    monkeypatch.setattr(census, "parsed", lambda coder, records: [
        coder.nlp(r["text"], disable=["detente_events"]) for r in records])
    census.count_undated(coder, records, show=5)
    out = capsys.readouterr().out
    assert "events whose sentence names a time: 2; dated by the article only: 1" in out
    assert "PER->CHL [expelled]" in out


def test_a_states_name_as_subject_is_reworded_into_its_other_forms(coder):
    metamorphic = _bench("metamorphic")
    sentence = "Ghana condemned the Togolese raid on a border post."
    doc = coder.nlp(sentence)
    trigger = next(t for t in doc if t.text == "condemned")
    reworded = {name: metamorphic.WORDINGS[name].rewrite(sentence, 0, trigger)
                for name in ("capital", "officials", "government", "ministry")}
    assert reworded == {
        "capital": "Accra condemned the Togolese raid on a border post.",
        "officials": "Ghanaian officials condemned the Togolese raid on a border post.",
        "government": "The Ghanaian government condemned the Togolese raid on a border post.",
        "ministry": "Ghana's foreign ministry condemned the Togolese raid on a border post."}
    for text in reworded.values():
        assert ("GHA", "TGO") in {(e.source.country, e.target.country)
                                  for e in coder.code_text(text, "w", "2025-06-03")}, text


def test_licence_marks_each_added_or_removed_tuple_by_the_gold(tmp_path):
    licence = _bench("licence")
    text = ("Ruritania recalled its ambassador from Graustark on Monday. "
            "Borduria praised Graustark for its restraint.")
    (tmp_path / "made_up.jsonl").write_text(json.dumps(
        {"doc_id": "voa-101", "date": "2020-01-01", "text": text}) + "\n")
    (tmp_path / "made_up.yaml").write_text(yaml.safe_dump({
        "core": [{"key": "recalled its ambassador", "src": "RUR", "tgt": "GRA", "quads": [4]}],
        "optional": [{"key": "praised Graustark", "src": "BOR", "tgt": "GRA", "quads": [1]}],
    }))
    documents, stories = licence.stories_with_gold([tmp_path / "made_up.yaml"])
    assert [d["doc_id"] for d in documents] == ["101"] and not stories["101"].blind
    recall = licence.Tuple("101", "Ruritania recalled its ambassador from Graustark on Monday.",
                           "RUR", "GRA", 4)
    praise = licence.Tuple("101", "Borduria praised Graustark for its restraint.", "BOR", "GRA", 1)
    wrong_quad = licence.Tuple("101", recall.sentence, "RUR", "GRA", 3)
    changes = licence.compare({wrong_quad}, {recall, praise}, stories)
    assert changes["added"] == [(praise, "optional"), (recall, "core")]
    assert changes["removed"] == [(wrong_quad, "false")]
    counts = licence.story_counts(changes)
    assert counts["added right"] == {"101"} and counts["removed false"] == {"101"}
    assert not counts["added false"]


def test_licence_reads_a_set_as_blind_from_its_first_line(tmp_path):
    licence = _bench("licence")
    (tmp_path / "hidden.jsonl").write_text(json.dumps(
        {"doc_id": "h1", "date": None, "text": "Borduria praised Graustark."}) + "\n")
    (tmp_path / "hidden.yaml").write_text(
        "# BLIND set: figures only.\n" + yaml.safe_dump({"core": [], "optional": []}))
    _, stories = licence.stories_with_gold([tmp_path / "hidden.yaml"])
    assert stories["h1"].blind


def test_licence_gives_a_default_only_to_verbs_that_code_under_a_constraint(tmp_path):
    licence = _bench("licence")
    verbs = tmp_path / "verbs.yaml"
    verbs.write_text(yaml.safe_dump({"verbs": [
        {"lemma": "hail", "code": "051"},
        {"lemma": "ship", "object": "grain", "code": "071"},
        {"lemma": "ship", "object": "arms", "code": "072"},
        {"lemma": "ship", "prep": "to", "code": "072"},
    ]}))
    assert licence.gated_defaults(verbs) == {"verbs": [{"lemma": "ship", "code": "072"}]}


def test_licence_counts_added_tuples_by_their_trigger_word():
    licence = _bench("licence")
    event = {"story": "s1", "sentence": "Ruritania shipped grain to Graustark.",
             "source": "RUR", "target": "GRA", "quad": 2, "trigger": "shipped"}
    found = licence.tuples([event]).pop()
    table = licence.by_trigger([event], {"added": [(found, "core")], "removed": []})
    assert table["shipped"]["right"] == {"s1"} and table["shipped"]["false"] == 0
