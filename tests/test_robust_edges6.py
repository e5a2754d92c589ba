"""The twelfth adversarial pass (session 32): exit codes of `ingest` and `import`, event ids of
stores and shards of older detente versions, and bad input the earlier passes touched least.
Every input is made here from invented sentences."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from click.testing import CliRunner
from conftest import coded

from detente.cli import main
from detente.ingest.shards import write_shard
from detente.ingest.units import WorkUnit
from detente.model import EVENT_COLUMNS, TRANSFER_COLUMNS, event_id, transfer_id
from detente.store import SCHEMA_VERSION, Store, StoredArticle

GOOD = "Peru and Chile signed a fisheries accord on Monday."


# ---- exit codes: 0 all stored, 1 some input a problem, 2 none read ----------------------------

@pytest.fixture()
def news(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    return folder


def test_ingest_exits_1_when_some_input_failed(news, tmp_path):
    # the empty file was named on stderr, but the exit code was 0 as if all were stored
    (news / "empty.txt").write_text("")
    db = tmp_path / "e.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(news), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert f"{news / 'empty.txt'}: empty file" in result.stderr
    assert "1 stored" in result.stderr
    (news / "empty.txt").unlink()
    result = CliRunner().invoke(main, ["ingest", str(news), "--db", str(db)])
    assert result.exit_code == 0, result.output  # all read: already stored is no problem


def test_ingest_exits_2_when_nothing_was_read(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "empty.txt"),
                                       "--db", str(tmp_path / "e.duckdb")])
    assert result.exit_code == 2, result.output


GDELT_LINE = "\t".join(
    ["1", "20240105", "202401", "2024", "2024.0137", "PER", "PERU", "PER", "", "", "", "", "",
     "", "", "CHL", "CHILE", "CHL", "", "", "", "", "", "", "", "1", "057", "057", "05", "1",
     "8.0", "2", "1", "2", "1.5", "1", "Peru", "PE", "PE", "", "-9.2", "-75.0", "PE", "1",
     "Chile", "CI", "CI", "", "-30.0", "-71.0", "CI", "1", "Peru", "PE", "PE", "", "-9.2",
     "-75.0", "PE", "20240105", "http://example.org/a"])


def test_import_exits_1_when_some_line_failed(tmp_path):
    path = tmp_path / "events.CSV"
    bad = GDELT_LINE.replace("\t8.0\t", "\tnan\t").replace("1\t20240105", "2\t20240105", 1)
    path.write_text(GDELT_LINE + "\n" + bad + "\n")
    db = tmp_path / "e.duckdb"
    result = CliRunner().invoke(main, ["import", "gdelt", str(path), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "1 imported" in result.stderr and "1 failed" in result.stderr
    path.write_text(GDELT_LINE + "\n")
    result = CliRunner().invoke(main, ["import", "gdelt", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("kind", ["gdelt", "icews", "polecat"])
def test_import_exits_2_when_no_file_was_read(tmp_path, kind):
    result = CliRunner().invoke(main, ["import", kind, str(tmp_path / "gone.tab"),
                                       "--db", str(tmp_path / "e.duckdb")])
    assert result.exit_code == 2, result.output
    assert "gone.tab" in result.stderr and "Traceback" not in result.output


def test_help_states_the_exit_codes():
    for command in (["ingest"], ["import", "gdelt"], ["import", "icews"],
                    ["import", "polecat"]):
        result = CliRunner().invoke(main, [*command, "--help"])
        assert "1 when some" in " ".join(result.output.split()), command


# ---- event ids: a function of the article and the event, whatever the store's history ---------

def _event(article: str, **values) -> dict:
    row = dict.fromkeys(EVENT_COLUMNS)
    row.update(origin="detente", article_id=article, date=dt.date(2024, 5, 3),
               sentence_index=0, trigger_start=12, sentence="Sentence.", source_text="envoy",
               source_code="HUN", source_country="HUN", source_start=0, target_text="Russia",
               target_code="RUS", target_country="RUS", target_start=30, cameo="112",
               cameo_root="11", quad_class=3, goldstein=-2.0, modality="asserted")
    row.update(values)
    row["event_id"] = event_id(article, row)
    return row


def test_an_older_stores_event_ids_are_made_from_its_codes_as_now(tmp_path):
    # detente-store/6 renamed an IGO's people UNOGOV -> IGOUNO but kept the ids hashed from
    # UNOGOV: the same article coded now had other ids (and so had its exports' event ids)
    old = _event("a1", source_code="UNOGOV", source_country="UNO", source_sector="GOV")
    repeat = {**_event("a2", source_code="UNOGOV", source_country="UNO"),
              "duplicate_of": old["event_id"]}
    plain = _event("a1", trigger_start=50)  # codes unchanged: its id stays
    transfer = dict.fromkeys(TRANSFER_COLUMNS)
    transfer.update(article_id="a1", sentence_index=0, trigger_start=3, designations="T-72",
                    categories="tanks", supplier_code="IGOEUR", supplier_country="EUR",
                    recipient_code="UKR", recipient_country="UKR")
    transfer["transfer_id"] = transfer_id("a1", transfer)
    gdelt = {**_event("g"), "event_id": "gdelt-7", "origin": "gdelt", "article_id": None,
             "source_code": "UNOGOV", "source_country": "UNO"}
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.add_articles([StoredArticle(row={"article_id": "a1", "source": "Wire"},
                                          events=[old, plain], transfers=[transfer]),
                            StoredArticle(row={"article_id": "a2", "source": "Paper"},
                                          events=[repeat])])
        store.add_events([gdelt])
        store.con.execute("UPDATE meta SET value = 'detente-store/3' WHERE key = 'schema'")
    with Store(path, read_only=True) as store:
        assert store.count("events") == 4
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == (
            SCHEMA_VERSION)
        events = dict(con.execute("SELECT event_id, source_code FROM events").fetchall())
        actors = {row[0] for row in con.execute("SELECT event_id FROM actors").fetchall()}
        repeats = con.execute("SELECT duplicate_of FROM events WHERE article_id = 'a2'"
                              ).fetchall()
        transfers = con.execute("SELECT transfer_id, supplier_code FROM arms_transfers"
                                ).fetchall()
    finally:
        con.close()
    now = event_id("a1", {**old, "source_code": "IGOUNO"})
    assert events == {now: "IGOUNO", plain["event_id"]: "HUN", "gdelt-7": "UNOGOV",
                      event_id("a2", {**repeat, "source_code": "IGOUNO"}): "IGOUNO"}
    assert actors == set(events)  # the actor rows follow their events
    assert repeats == [(now,)]  # and so does the repeat of the story
    assert transfers == [(transfer_id("a1", {**transfer, "supplier_code": "IGOEU"}), "IGOEU")]


def test_a_store_coded_now_keeps_every_id(tmp_path, coder):
    # the migration's ids are those the coder gives: a store written now has nothing to move
    from detente.store import _ids_as_coded_now

    news = tmp_path / "n.txt"
    news.write_text("Russia accused Georgia of shelling villages on Monday. The U.N. "
                    "Secretary-General condemned the attack. Peru sold tanks to Chile.")
    db = tmp_path / "e.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(news), "--db", str(db)])
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(db))
    try:
        before = con.execute("SELECT event_id FROM events ORDER BY 1").fetchall()
        assert before
        _ids_as_coded_now(con)
        assert con.execute("SELECT event_id FROM events ORDER BY 1").fetchall() == before
    finally:
        con.close()


def test_an_older_shards_renamed_codes_get_the_ids_they_give_now(tmp_path):
    article = coded(0, 0)
    article.events[0].update(source_code="EURGOV", source_country="EUR", trigger_start=4,
                             target_code="CHLGOV", target_country="CHL")
    old_id = event_id(article.key, {**dict.fromkeys(EVENT_COLUMNS), **article.events[0]})
    article.events[0]["event_id"] = old_id
    folder = tmp_path / "shards"
    write_shard(folder, WorkUnit("news/u0.txt"), [article], 1, [])
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(main, ["load", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        rows = store.con.execute("SELECT event_id, source_code, source_country FROM events"
                                 ).fetchall()
    now = {**dict.fromkeys(EVENT_COLUMNS), **article.events[0], "source_code": "IGOEU"}
    assert rows == [(event_id(article.key, now), "IGOEU", "EU")]


# ---- settings in the environment --------------------------------------------------------------

@pytest.mark.parametrize("value", ["²", "9" * 5000, "lots", "-3"])
def test_an_unreadable_max_chars_is_a_note_and_the_default(tmp_path, monkeypatch, value):
    # "²" passes str.isdigit() and int() refused it: a traceback in every command, as a value
    # past Python's 4,300 digits did; "lots" was left for the default without a word
    from detente.config import DEFAULT_MAX_CHARS, max_article_chars

    monkeypatch.setenv("DETENTE_MAX_CHARS", value)
    assert max_article_chars() == DEFAULT_MAX_CHARS
    (tmp_path / "a.txt").write_text(GOOD)
    result = CliRunner().invoke(main, ["code", str(tmp_path / "a.txt"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "note: DETENTE_MAX_CHARS=" in result.stderr and "300,000" in result.stderr
    assert "PER" in result.stdout and DEFAULT_MAX_CHARS == 300_000


@pytest.mark.parametrize("value", ["-1", "inf", "nan", "soon"])
def test_an_unreadable_article_budget_is_a_note_and_the_default(tmp_path, monkeypatch, value):
    from detente.config import DEFAULT_ARTICLE_SECONDS, article_coding_seconds

    monkeypatch.setenv("DETENTE_ARTICLE_SECONDS", value)
    assert article_coding_seconds() == DEFAULT_ARTICLE_SECONDS
    (tmp_path / "a.txt").write_text(GOOD)
    result = CliRunner().invoke(main, ["code", str(tmp_path / "a.txt"), "--format", "csv"])
    assert result.exit_code == 0 and "note: DETENTE_ARTICLE_SECONDS=" in result.stderr
    monkeypatch.setenv("DETENTE_ARTICLE_SECONDS", "none")
    result = CliRunner().invoke(main, ["code", str(tmp_path / "a.txt"), "--format", "csv"])
    assert "note:" not in result.stderr


@pytest.mark.parametrize("value", ["0", "0.0", "-0", "NONE", " none "])
def test_every_way_of_writing_no_article_budget_means_none(monkeypatch, value):
    # "0.0" had been "no number of seconds above 0" and the 60 s default, where "0" means no
    # budget
    from detente.config import article_coding_seconds, environment_notes

    monkeypatch.setenv("DETENTE_ARTICLE_SECONDS", value)
    assert article_coding_seconds() is None
    assert not environment_notes()


def test_a_note_on_the_article_budget_shows_the_value_as_given(monkeypatch):
    from detente.config import environment_notes

    monkeypatch.setenv("DETENTE_ARTICLE_SECONDS", "Soon")
    assert any("'Soon'" in note for note in environment_notes())


# ---- odd stores for the reading commands ------------------------------------------------------

def test_events_without_a_quad_class_are_shown_in_the_table(tmp_path):
    # a row written by hand or by another program with no quad class (or Goldstein) made the
    # table's colour markup "[]...[/]": a rich MarkupError traceback in `detente events`
    db = tmp_path / "e.duckdb"
    with Store(db) as store:
        store.add_articles([StoredArticle(
            row={"article_id": "a1", "source": "Wire"},
            events=[_event("a1", quad_class=None, goldstein=None, trigger_text="met")])])
    result = CliRunner().invoke(main, ["events", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "met" in result.stdout and "None" not in result.stdout and "1 event(s)" in (
        result.stderr)
