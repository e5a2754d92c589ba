"""The tenth adversarial pass (session 30): dictionaries, feeds, standard input and outputs.
Each fault is one line naming what is wrong, or is read as meant; nothing stored is lost.
Inputs are made here from invented sentences and invented actors."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import one_error

from detente.cli import main
from detente.ingest.readers import read_file
from detente.model import EVENT_COLUMNS
from detente.store import Store, StoredArticle

SENTENCE = "Armenia condemned Georgia over the border incident."


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def one_event_store(path: Path, date: dt.date | None = dt.date(2021, 5, 3)) -> Path:
    record = dict.fromkeys(EVENT_COLUMNS)
    record.update(event_id="e1", origin="detente", article_id="a1", date=date,
                  sentence=SENTENCE, source_text="Armenia", source_code="ARM",
                  source_country="ARM", target_text="Georgia", target_code="GEO",
                  target_country="GEO", cameo="111", cameo_root="11", quad_class=3,
                  goldstein=-2.0, modality="asserted")
    with Store(path) as store:
        store.add_articles([StoredArticle(row={"article_id": "a1", "source": "Wire",
                                               "date": date})])
        store.add_events([record])
    return path


def stored_events(path: Path) -> int:
    with Store(path, read_only=True) as store:
        return store.count("events")


# ---- an output never replaces the store it was made from ---------------------------------------

@pytest.mark.parametrize("command", [
    ["graph", "--out", "{db}", "--force"],
    ["plot", "--dyad", "ARM-GEO", "--out", "{db}", "--force"],
])
def test_an_output_named_as_the_store_is_refused(tmp_path, command):
    db = one_event_store(tmp_path / "store.html")
    result = invoke(*[part.format(db=db) for part in command], "--db", str(db))
    assert "is an event store this command opened" in one_error(result)
    assert stored_events(db) == 1


def test_an_export_file_that_is_the_store_is_refused(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    db = one_event_store(folder / "events.csv")
    result = invoke("export", str(folder), "--db", str(db), "--format", "csv", "--force")
    assert "is an event store this command opened" in one_error(result)
    assert stored_events(db) == 1


# ---- dictionaries ------------------------------------------------------------------------------

@pytest.mark.parametrize(("entry", "said"), [
    ("titles: [{title: Grand Admiral, sector: []}]",
     "'sector' must be a sector code of capital letters (GOV, MIL), not a list ([])"),
    ("agents: [{words: [coastguard], sector: [COP]}]",
     "'sector' must be a sector code of capital letters (GOV, MIL), not a list (['COP'])"),
    ("verbs: [{lemma: snub, code: '111', symmetric: []}]",
     "'symmetric' must be true or false, not a list ([])"),
    ("countries: [{code: ' ', names: [Atlantis]}]", "'code' must be a code of capital letters"),
])
def test_a_list_or_a_blank_where_one_code_or_word_belongs_is_one_line(tmp_path, entry, said):
    path = tmp_path / "mine.yaml"
    path.write_text(entry + "\n", encoding="utf-8")
    result = invoke("code", "-", "--dictionary", str(path), input=SENTENCE)
    line = one_error(result)
    assert str(path) in line and said in line


def test_a_term_of_office_written_with_a_time_is_read_as_its_day(tmp_path):
    path = tmp_path / "people.yaml"
    path.write_text("people:\n  - name: Arlo Venn\n    country: ARM\n    sector: GOV\n"
                    "    terms: [{role: president, from: 2004-01-01T10:00:00, "
                    "to: 2009-01-01T00:00:00}]\n", encoding="utf-8")
    result = invoke("code", "-", "--date", "2006-05-05", "--format", "jsonl",
                    "--dictionary", str(path), input="Arlo Venn condemned Georgia on Monday.")
    assert result.exit_code == 0 and "coding failed" not in result.output
    [event] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (event["source"]["code"], event["target"]["code"]) == ("ARMGOV", "GEO")


def test_petrarch_roles_on_the_names_line_are_dated(tmp_path):
    path = tmp_path / "mine.actors.txt"
    path.write_text("ARMENIA_ [USRARM <900823] [ARM >911221]\n", encoding="utf-8")
    for day, code in (("1989-06-01", "USRARM"), ("2008-06-01", "ARM")):
        result = invoke("code", "-", "--date", day, "--format", "jsonl", "--dictionary",
                        str(path), input=SENTENCE)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout.splitlines()[0])["source"]["code"] == code


def test_a_petrarch_code_of_no_letters_is_a_problem_not_a_state(tmp_path):
    path = tmp_path / "odd.actors.txt"
    path.write_text("ATLANTIS_ [!!!]\nORLAND_ [12]\n", encoding="utf-8")
    result = invoke("code", "-", "--format", "jsonl", "--dictionary", str(path),
                    input="Atlantis condemned Orland.")
    assert result.exit_code == 0
    assert result.stdout == "" and "actor code '!!!' of 'ATLANTIS_'" in result.stderr


# ---- feeds -------------------------------------------------------------------------------------

def test_a_feed_date_that_names_no_day_is_left_undated_with_a_note(tmp_path):
    items = "".join(f"<item><description>{SENTENCE}</description><pubDate>{day}</pubDate>"
                    "</item>" for day in ("2004-02-30", "2004-12-99", "2004-99", "2004/02/30",
                                          "2004-W10", "2005-064", "2004-02-29"))
    path = tmp_path / "feed.xml"
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>',
                    encoding="utf-8")
    documents = list(read_file(path))
    # feedparser rolls the excess over (2004-03-01, 2004-12-01), and reads a week or an
    # ordinal day as another month's first: days no one wrote
    assert [d.date for d in documents] == [None] * 6 + ["2004-02-29"]
    assert all(d.notes for d in documents[:6]) and not documents[6].notes


# ---- standard input ----------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["code", "-"], ["ingest", "-", "--db", "{db}"]])
def test_a_closed_standard_input_is_one_line(tmp_path, command):
    db = tmp_path / "s.duckdb"
    args = [part.format(db=db) for part in command]
    result = subprocess.run([sys.executable, "-m", "detente.cli", *args], stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=120,
                            preexec_fn=lambda: __import__("os").close(0))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "-: no standard input (it is closed)" in result.stderr


# ---- views by period ---------------------------------------------------------------------------

def test_a_period_view_says_what_undated_events_it_leaves_out(tmp_path):
    db = one_event_store(tmp_path / "undated.duckdb", date=None)
    result = invoke("relations", "--db", str(db), "--dyad", "ARM-GEO")
    assert "1 event(s) without a date are in no period" in result.output
    plain = invoke("relations", "--db", str(db))
    assert "ARM" in plain.output and "without a date" not in plain.output


def test_a_range_with_year_one_is_written_with_four_digits(tmp_path):
    db = one_event_store(tmp_path / "s.duckdb")
    result = invoke("events", "--db", str(db), "--since", "9999-12-31", "--until", "0001-01-01")
    assert "--until 0001-01-01" in one_error(result)


@pytest.mark.parametrize(("command", "option"), [
    (["transfers", "--supplier", "Armenia"], "--supplier Armenia"),
    (["people", "--country", "XX"], "--country XX"),
])
def test_a_state_filter_detente_does_not_know_is_warned_of(tmp_path, command, option):
    db = one_event_store(tmp_path / "s.duckdb")
    result = invoke(*command, "--db", str(db))
    assert result.exit_code == 0
    assert f"warning: {option}: not a state or IGO code detente knows" in result.stderr
    known = invoke(command[0], command[1], "ARM", "--db", str(db))
    assert "warning" not in known.stderr
