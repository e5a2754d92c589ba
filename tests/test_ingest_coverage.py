"""Coverage that used to be lost without a word: domestic events at ingest, other languages.

The texts are written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from detente.cli import main
from detente.ingest.language import detect_language, stored_language
from detente.ingest.pipeline import Ingest
from detente.store import Store

DOMESTIC = ("The Iranian government arrested Iranian opposition leaders on Monday.\n"
            "The Iranian army attacked Iranian rebels in the north.\n")
ENGLISH = ("Russia condemned Georgia for the raid on the border village, the foreign ministry "
           "in Moscow said on Tuesday, and it called on Tbilisi to withdraw its troops.")
FRENCH = ("La Russie a condamné mardi la Géorgie pour le raid contre le village frontalier, a "
          "déclaré le ministère des affaires étrangères à Moscou, qui a appelé Tbilissi à "
          "retirer ses troupes.")
GERMAN = ("Russland hat Georgien am Dienstag für den Angriff auf das Grenzdorf verurteilt, "
          "teilte das Außenministerium in Moskau mit, und forderte Tiflis auf, seine Truppen "
          "zurückzuziehen.")


def test_ingest_domestic_stores_events_inside_one_state(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "iran.txt").write_text("2005-01-05\n" + DOMESTIC)
    runner = CliRunner()
    plain, domestic = str(tmp_path / "plain.duckdb"), str(tmp_path / "domestic.duckdb")
    assert runner.invoke(main, ["ingest", str(tmp_path / "news"), "--db", plain]).exit_code == 0
    result = runner.invoke(main, ["ingest", str(tmp_path / "news"), "--db", domestic,
                                  "--domestic"])
    assert result.exit_code == 0, result.output
    with Store(plain, read_only=True) as store:
        assert store.count("events") == 0
    with Store(domestic, read_only=True) as store:
        rows = store.query("SELECT source_country, target_country FROM events")
    assert len(rows) >= 2 and all(r["source_country"] == r["target_country"] == "IRN"
                                  for r in rows)


def test_language_detection():
    assert detect_language(ENGLISH) == "en"
    assert detect_language(FRENCH) == "fr"
    assert detect_language(GERMAN) == "de"
    assert detect_language("Iran praised Russia.") is None  # too short to tell
    assert stored_language("Iran praised Russia.") == "en"


def test_other_languages_are_stored_not_coded_and_counted(tmp_path, coder):
    feed = tmp_path / "wires.jsonl"
    stories = [("en1", ENGLISH), ("fr1", FRENCH), ("de1", GERMAN), ("en2", ENGLISH + " Again.")]
    feed.write_text("\n".join(json.dumps({"id": i, "text": t, "date": "2008-08-12"})
                              for i, t in stories) + "\n")
    notes: list[str] = []
    with Store(tmp_path / "l.duckdb") as store:
        summary = Ingest(store, coder).run([str(feed)], on_note=notes.append)
        articles = store.query("SELECT doc_id, language FROM articles ORDER BY doc_id")
        coded = {r["doc_id"] for r in store.query("SELECT DISTINCT doc_id FROM events")}
    assert {a["doc_id"]: a["language"] for a in articles} == {
        "de1": "de", "en1": "en", "en2": "en", "fr1": "fr"}
    assert summary.not_coded == 2 and summary.new == 4
    assert coded <= {"en1", "en2"} and coded
    assert sorted(n.split(": ", 1)[1] for n in notes if "not coded" in n) == [
        "language 'de', not coded (detente codes English text)",
        "language 'fr', not coded (detente codes English text)"]
    assert all(Path(n.split(":")[0]).name == "wires.jsonl" for n in notes if "not coded" in n)


def test_plain_english_is_told_without_the_language_model():
    from detente.ingest import language

    english = ("The minister said that the talks with the neighbouring state would resume next "
               "week, and that both sides had agreed to a schedule for the meetings of their "
               "delegations, which were cancelled in the spring.")
    french = ("Le ministre a déclaré que les pourparlers avec l'État voisin reprendraient la "
              "semaine prochaine et que les deux parties avaient convenu d'un calendrier pour "
              "les réunions de leurs délégations, annulées au printemps dernier.")
    language._identifier.cache_clear()
    assert language.detect_language(english) == "en"
    assert language._identifier.cache_info().currsize == 0  # the model was never loaded
    assert language.detect_language(french) == "fr"
