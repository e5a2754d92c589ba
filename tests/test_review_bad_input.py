"""Review of session 32's bad-input commits (exit codes of ingest and import, event ids made
again by detente-store/7, settings in the environment): stores of older schema versions built
with the keys and tables those versions had, read by the commands that open them read-only.
Every input is made here from invented sentences."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from detente.cli import main
from detente.model import EVENT_COLUMNS, TRANSFER_COLUMNS, event_id, transfer_id
from detente.store import SCHEMA_VERSION, Store, StoredArticle


def _event(article: str, **values: object) -> dict:
    row = dict.fromkeys(EVENT_COLUMNS)
    row.update(origin="detente", article_id=article, date=dt.date(2025, 2, 11),
               sentence_index=0, trigger_start=9, sentence="An invented sentence.",
               source_text="the envoy", source_code="UNOGOV", source_country="UNO",
               source_sector="GOV", source_start=0, target_text="Bolivia", target_code="BOL",
               target_country="BOL", target_start=40, cameo="042", cameo_root="04",
               quad_class=1, goldstein=1.9, modality="asserted")
    row.update(values)
    row["event_id"] = event_id(article, row)  # hashed from the codes as stored (UNOGOV)
    return row


def _older_store(path: Path, version: str, drop: tuple[str, ...]) -> dict[str, str]:
    """A store as an older detente left it: ``version``, without the tables it did not have
    yet (``drop``), with the primary keys files before detente-store/5 held, and an envoy
    of the U.N. coded UNOGOV, its id (and its repeat's pointer) hashed from that code."""
    first = _event("f1")
    repeat = {**_event("r1", trigger_start=11), "duplicate_of": first["event_id"]}
    transfer = dict.fromkeys(TRANSFER_COLUMNS)
    transfer.update(article_id="f1", sentence_index=0, trigger_start=2, designations="corvette",
                    categories="ships", supplier_code="UNOGOV", supplier_country="UNO",
                    recipient_code="BOL", recipient_country="BOL")
    transfer["transfer_id"] = transfer_id("f1", transfer)
    with Store(path) as store:
        store.add_articles([
            StoredArticle(row={"article_id": "f1", "source": "Andes Wire"}, events=[first],
                          transfers=[transfer]),
            StoredArticle(row={"article_id": "r1", "source": "Plateau Daily"},
                          events=[repeat])])
    con = duckdb.connect(str(path))
    try:
        for table in drop:
            con.execute(f"DROP TABLE {table}")
        if version < "detente-store/5":
            con.execute("ALTER TABLE events ADD PRIMARY KEY (event_id)")
            con.execute("ALTER TABLE actors ADD PRIMARY KEY (event_id, event_role)")
            con.execute("ALTER TABLE arms_transfers ADD PRIMARY KEY (transfer_id)")
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema'", [version])
    finally:
        con.close()
    return {"first": first["event_id"], "repeat": repeat["event_id"]}


def _ids_now(path: Path) -> tuple[set[str], set[str], list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        events = {row[0] for row in con.execute("SELECT event_id FROM events").fetchall()}
        actors = {row[0] for row in con.execute("SELECT event_id FROM actors").fetchall()}
        repeats = con.execute("SELECT duplicate_of FROM events WHERE article_id = 'r1'"
                              ).fetchall()
    finally:
        con.close()
    return events, actors, repeats


@pytest.mark.parametrize("version", ["detente-store/3", "detente-store/4"])
def test_a_store_before_the_bands_opened_read_only_is_upgraded_and_read(tmp_path, version):
    # the upgrade made article_bands, but the opening then checked the tables it had listed
    # before it: `events` said "no table article_bands: a damaged or incomplete detente
    # store ... nothing was changed" (exit 2) on a file it had just upgraded
    db = tmp_path / "old.duckdb"
    old = _older_store(db, version, drop=("article_bands", "icews_events", "polecat_events"))
    result = CliRunner().invoke(main, ["events", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert "damaged" not in result.stderr
    assert result.stdout.count("\n") == 1  # the first report (its repeat is not listed)
    events, actors, repeats = _ids_now(db)
    assert not events & set(old.values()) and len(events) == 2  # ids made from IGOUNO
    assert actors == events and repeats[0][0] in events


def test_an_upgraded_store_gets_the_tables_it_lacked(tmp_path):
    # a read-only opening upgrades through a writable connection: the tables added since the
    # file was made are written then, not left to stand in empty for one connection
    db = tmp_path / "old.duckdb"
    _older_store(db, "detente-store/5", drop=("icews_events", "polecat_events"))
    with Store(db, read_only=True):
        pass
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()")
                  .fetchall()}
        version = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0]
    finally:
        con.close()
    assert {"icews_events", "polecat_events", "article_bands"} <= tables
    assert version == SCHEMA_VERSION


@pytest.mark.parametrize("fmt", ["plover", "polecat", "icews", "phoenix", "gdelt"])
def test_an_export_reads_a_store_without_the_import_tables(tmp_path, fmt):
    # a store of this version lacking the POLECAT and ICEWS tables (made before they were
    # added, opened read-only since): their empty stand-ins were temporary tables of the
    # store's connection, and the export's own cursor saw none (a CatalogException traceback)
    db = tmp_path / "e.duckdb"
    _older_store(db, SCHEMA_VERSION, drop=("icews_events", "polecat_events"))
    result = CliRunner().invoke(main, ["export", str(tmp_path / "out"), "--db", str(db),
                                       "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "wrote" in result.output


@pytest.mark.parametrize("version", ["detente-store/4", "detente-store/6"])
def test_rows_whose_fields_make_one_id_keep_their_own(tmp_path, version):
    # two rows of detente's origin not written by its coder (by hand, by another program)
    # with their id fields alike: the migration made them one event id, a silent duplicate in
    # a store without keys, and in a file with detente-store/4's keys a duplicate key that
    # refused the upgrade on every opening ("cannot upgrade it ... nothing was changed")
    db = tmp_path / "hand.duckdb"
    rows = []
    for n in (1, 2):
        row = dict.fromkeys(EVENT_COLUMNS)
        row.update(event_id=f"by-hand-{n}", origin="detente", article_id="h1",
                   source_code="ECU", target_code="COL", cameo="036",
                   source_text=f"a note typed in {n}")
        rows.append(row)
    made = event_id("h1", rows[0])  # what both rows' fields make
    coded = _event("h2", source_code="ECU", source_country="ECU", source_sector=None)
    taken = {**_event("h2", source_code="ECU", source_country="ECU", source_sector=None,
                      source_text="the same fields"), "event_id": "typed-over"}
    with Store(db) as store:
        store.add_articles([
            StoredArticle(row={"article_id": "h1", "source": "Typed"}, events=rows),
            StoredArticle(row={"article_id": "h2", "source": "Typed"}, events=[coded, taken])])
    con = duckdb.connect(str(db))
    try:
        if version < "detente-store/5":
            con.execute("ALTER TABLE events ADD PRIMARY KEY (event_id)")
            con.execute("ALTER TABLE actors ADD PRIMARY KEY (event_id, event_role)")
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema'", [version])
    finally:
        con.close()
    with Store(db, read_only=True) as store:
        ids = sorted(row[0] for row in store.con.execute("SELECT event_id FROM events")
                     .fetchall())
        actors = store.con.execute("SELECT count(DISTINCT event_id) FROM actors").fetchone()
    # the made id another row holds already (``coded``'s) is not given to a second row either
    assert ids == sorted(["by-hand-1", "by-hand-2", coded["event_id"], "typed-over"])
    assert made not in ids and actors == (4,)
