"""The eighth adversarial pass: stores, options and inputs that still gave a traceback or
exited 0 having done nothing. Each fault is one line naming the file or the option; stores
and inputs are made here from invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import altered, one_error

from detente.cli import main
from detente.store import Store

SENTENCE = "Chile accused Peru of moving troops to the border on Tuesday."


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def empty_store(path: Path) -> Path:
    Store(path).close()
    return path


# ---- stores: a schema value that is no text, tables a store lacks -------------------------------
@pytest.mark.parametrize(("kind", "value"), [("VARCHAR", "NULL"), ("INTEGER", "5")])
def test_a_schema_value_that_is_no_text_is_one_line(tmp_path, kind, value):
    # 'NoneType' object has no attribute 'startswith': a traceback, a 500 in the API
    db = altered(tmp_path / "s.duckdb", f"CREATE TABLE meta (key VARCHAR, value {kind})",
                 f"INSERT INTO meta VALUES ('schema', {value})")
    result = invoke("events", "--db", str(db))
    assert "a DuckDB database of another program" in one_error(result)
    assert result.exit_code == 2


def test_a_store_made_before_people_and_transfers_reads_as_empty(tmp_path):
    # a read-only opening cannot add the tables: `people`, `transfers` and `export` stopped
    # with a Catalog Error traceback (the API already answered empty lists)
    db = altered(empty_store(tmp_path / "old.duckdb"), "DROP TABLE people",
                 "DROP TABLE arms_transfers")
    people = invoke("people", "--db", str(db))
    assert people.exit_code == 0 and "no people found" in people.output
    transfers = invoke("transfers", "--db", str(db))
    assert transfers.exit_code == 0 and "no arms transfers match" in transfers.output
    exported = invoke("export", str(tmp_path / "out"), "--db", str(db), "--format", "csv")
    assert exported.exit_code == 0, exported.output
    assert (tmp_path / "out" / "events.csv").exists()
    with Store(db, read_only=True) as store:  # nothing was added to the file
        assert store.query("SELECT count(*) AS n FROM duckdb_tables() "
                           "WHERE table_name = 'people' AND NOT temporary")[0]["n"] == 0


def test_a_store_without_its_events_table_is_one_line(tmp_path):
    db = altered(empty_store(tmp_path / "s.duckdb"), "DROP TABLE events")
    for command in ("events", "relations"):
        result = invoke(command, "--db", str(db))
        assert "no table events: a damaged or incomplete detente store" in one_error(result)
        assert result.exit_code == 2


@pytest.mark.parametrize("command", [["ingest", "a.txt"], ["events"],
                                     ["import", "gdelt", "a.txt"], ["import", "icews", "a.txt"]])
def test_an_empty_db_path_is_refused(tmp_path, monkeypatch, command):
    # `--db "$DB"` with DB unset: ingest stopped with 'NoneType' object has no attribute
    # 'start_run'; the others said ".: a directory"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    result = invoke(*command, "--db", "")
    assert "--db '': an empty path names no database file" in one_error(result)
    assert result.exit_code == 2


# ---- options that selected nothing, exit code 0 -------------------------------------------------
@pytest.mark.parametrize("command", [
    ["relations"], ["blocs"], ["graph", "--out", "g.html"], ["transfers"],
    ["plot", "--dyad", "CHL-PER", "--out", "p.png"]])
def test_since_after_until_is_refused_by_every_command(tmp_path, monkeypatch, command):
    # `events` and `export` refused it; these printed "no events" or drew an empty picture
    monkeypatch.chdir(tmp_path)
    db = empty_store(tmp_path / "s.duckdb")
    result = invoke(*command, "--db", str(db), "--since", "2005-01-01", "--until", "2001-01-01")
    assert "--since 2005-01-01 is after --until 2001-01-01" in one_error(result)
    assert result.exit_code == 2
    assert not list(tmp_path.glob("[gp].*"))


def test_an_unknown_equipment_category_is_refused_and_a_spelling_is_read(tmp_path):
    # the API refuses it (422) and reads air-defence as air_defence; the CLI matched the word
    # as written and printed "no arms transfers match"
    db = empty_store(tmp_path / "s.duckdb")
    result = invoke("transfers", "--db", str(db), "--category", "nonsense")
    assert "--category: unknown equipment category 'nonsense'" in one_error(result)
    assert "air_defence" in result.output and result.exit_code == 2
    assert invoke("transfers", "--db", str(db), "--category", "Air-Defence").exit_code == 0


def test_a_graph_is_not_written_under_a_picture_name(tmp_path):
    # graph --out g.png wrote the interactive HTML page into g.png
    db = empty_store(tmp_path / "s.duckdb")
    out = tmp_path / "g.png"
    result = invoke("graph", "--db", str(db), "--out", str(out))
    assert "name an .html file" in one_error(result) and result.exit_code == 2
    assert not out.exists()


# ---- the dashboard: a store replaced while it serves ----------------------------------------
def test_an_article_stored_after_the_store_file_was_replaced_is_kept(tmp_path, coder):
    # a rebuilt store moved into place while requests kept the old one open: DuckDB gave each
    # request the old file, the reply said "stored", and the article went with the old file
    import os
    import warnings

    from detente.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    db, rebuilt = empty_store(tmp_path / "s.duckdb"), empty_store(tmp_path / "new.duckdb")
    client = TestClient(create_app(str(db), allow_writes=True, coder=coder))
    assert client.get("/api/events").json()["total"] == 0  # the old file is held warm
    os.replace(rebuilt, db)
    answer = client.post("/api/code", json={"text": SENTENCE, "store": True, "doc_id": "kept"})
    assert answer.status_code == 200 and answer.json()["stored"]["new"]
    client.app.state.web.release()  # as after the dashboard's idle time
    assert client.get("/api/events", params={"actor": "CHL"}).json()["total"] == 1
