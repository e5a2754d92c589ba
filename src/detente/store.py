"""The embedded event store (DuckDB): articles, sentences, actors, events and runs.

One file, nothing to start. Every batch of articles is written in one transaction together with
its sentences, events and duplicate-detection signature, so a killed ingest loses at most the
batch it was writing and a rerun skips what is already stored.

The tables an ingest fills have no primary keys: DuckDB keeps a key's index (ART) wholly in
memory, where it grew with every stored sentence, event and actor and never shrank (an ingest
under a memory limit eventually failed for it). Instead each batch is checked against the
stored article ids (an anti-join on one column) and its rows are made unique before they are
written, so ingesting the same input again still stores nothing twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import stat
import time
import uuid
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from detente.allocator import bound_arenas
from detente.cleantext import printable, shown_name
from detente.config import DEFAULT_DB, db_memory_limit, db_memory_problem
from detente.ingest.rawio import not_text_kind
from detente.model import (
    ACTOR_FIELDS,
    ACTOR_ROLES,
    EVENT_COLUMNS,
    EVENT_ID_FIELDS,
    GDELT_COLUMNS,
    ICEWS_COLUMNS,
    POLECAT_COLUMNS,
    TRANSFER_COLUMNS,
    TRANSFER_ID_FIELDS,
    event_id,
    transfer_id,
)
from detente.outfiles import process_alive, protect

SCHEMA_VERSION = "detente-store/7"

ARTICLE_COLUMNS: dict[str, str] = {
    "article_id": "VARCHAR",  # sha256 of outlet + text: the same report is one row
    "doc_id": "VARCHAR",
    "source": "VARCHAR",
    "url": "VARCHAR",
    "title": "VARCHAR",
    "date": "DATE",
    "date_source": "VARCHAR",  # metadata, text, file, or NULL
    "text": "VARCHAR",
    "language": "VARCHAR",
    "path": "VARCHAR",
    "ingested_at": "TIMESTAMP",
    "run_id": "VARCHAR",
    "duplicate_of": "VARCHAR",  # the first stored article of the same story, if any
}

SENTENCE_COLUMNS = ["article_id", "sentence_index", "start_char", "end_char", "text"]
PEOPLE_COLUMNS = ["article_id", "name", "role", "country", "sector", "code", "text",
                  "start_char", "end_char"]

TABLES = {
    "meta": "key VARCHAR PRIMARY KEY, value VARCHAR",
    "runs": (
        "run_id VARCHAR PRIMARY KEY, command VARCHAR, inputs VARCHAR, started_at TIMESTAMP, "
        "finished_at TIMESTAMP, model VARCHAR, model_version VARCHAR, "
        "dictionary_version VARCHAR, detente_version VARCHAR, articles_read INTEGER, "
        "articles_new INTEGER, articles_known INTEGER, duplicates INTEGER, failed INTEGER, "
        "events INTEGER, problems VARCHAR"
    ),
    "articles": ", ".join(f'"{name}" {kind}' for name, kind in ARTICLE_COLUMNS.items()),
    # unique (article_id, sentence_index)
    "sentences": (
        "article_id VARCHAR, sentence_index INTEGER, start_char INTEGER, end_char INTEGER, "
        "text VARCHAR"
    ),
    "events": ", ".join(f'"{name}" {kind}' for name, kind in EVENT_COLUMNS.items()),  # event_id
    "actors": (  # unique (event_id, event_role)
        "event_id VARCHAR, event_role VARCHAR, "
        + ", ".join(f'"{f}" {"INTEGER" if f in ("start", "end") else "VARCHAR"}'
                    for f in ACTOR_FIELDS)
    ),
    "article_signatures": "article_id VARCHAR, signature BLOB",
    # the near-duplicate index: each band of each original's signature (ingest.dedup)
    "article_bands": "article_id VARCHAR, band UTINYINT, hash BIGINT",
    "arms_transfers": ", ".join(f'"{name}" {kind}' for name, kind in TRANSFER_COLUMNS.items()),
    # what a GDELT event file says beyond detente's event columns (geo blocks, DATEADDED,
    # mentions, tone, actor attributes), one row per imported GDELT event
    "gdelt_events": ", ".join(f'"{name}" {kind}' for name, kind in GDELT_COLUMNS.items()),
    # what an ICEWS event file says, every column as written, one row per imported ICEWS event
    "icews_events": ", ".join(f'"{name}" {kind}' for name, kind in ICEWS_COLUMNS.items()),
    # what a POLECAT release file says, every column as written, one row per imported event
    "polecat_events": ", ".join(f'"{name}" {kind}' for name, kind in POLECAT_COLUMNS.items()),
    "people": (  # unique (article_id, name)
        "article_id VARCHAR, name VARCHAR, role VARCHAR, country VARCHAR, sector VARCHAR, "
        "code VARCHAR, text VARCHAR, start_char INTEGER, end_char INTEGER"
    ),
    # the shards whose input problems a `load` has counted (unit and coding, as the marker
    # names them): loading the same shard again counts them no more, as it stores no article
    # twice (see Store.counted_shards)
    "shard_problems": "unit_id VARCHAR, coding VARCHAR, problems INTEGER, run_id VARCHAR",
}


def table_columns(table: str) -> list[str]:
    """The column names of one of the store's tables, as TABLES defines them."""
    return [part.split()[0].strip('"') for part in TABLES[table].split(", ")]


# Tables added after detente-store/5 was first written, without a new schema version: a store
# may lack them (a writable opening adds them; Store._add_missing_tables).
LATER_TABLES = frozenset({"people", "arms_transfers", "gdelt_events", "icews_events",
                          "polecat_events", "shard_problems"})
# What makes a row of each table one of a kind (their primary keys before detente-store/5).
UNIQUE: dict[str, tuple[str, ...]] = {
    "articles": ("article_id",), "sentences": ("article_id", "sentence_index"),
    "events": ("event_id",), "actors": ("event_id", "event_role"),
    "article_signatures": ("article_id",), "arms_transfers": ("transfer_id",),
    "gdelt_events": ("event_id",), "people": ("article_id", "name"),
    "icews_events": ("event_id",), "polecat_events": ("event_id",),
}
BANDING_KEY = "near_duplicate_banding"  # meta: how article_bands was made
CACHE_AFTER_CHECKPOINT = "1MB"  # DuckDB's page cache is cut back to this at each checkpoint


def _european_union_is_eu(con: duckdb.DuckDBPyConnection) -> None:
    """detente-store/3 -> 4: the European Union was EUR, CAMEO's code for the region Europe; it
    is EU. Country columns that say EUR mean the EU (GDELT's Europe was stored with no country),
    and detente's own actor codes follow them (IGOEUR -> IGOEU, EURGOV -> EUGOV); a GDELT
    event's codes are GDELT's own and stay as the file gave them (gdelt_events too)."""
    def renamed(code: str, keep: str = "FALSE") -> str:
        return (f"CASE WHEN {keep} THEN {code} "
                f"WHEN starts_with({code}, 'IGOEUR') THEN 'IGOEU' || substr({code}, 7) "
                f"WHEN starts_with({code}, 'EUR') THEN 'EU' || substr({code}, 4) "
                f"ELSE {code} END")

    tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    gdelt_event = "origin = 'gdelt'"
    gdelt_actor = "event_id IN (SELECT event_id FROM events WHERE origin = 'gdelt')"
    for role in ACTOR_ROLES:
        con.execute(f"UPDATE events SET {role}_code = {renamed(f'{role}_code', gdelt_event)}, "
                    f"{role}_country = 'EU' WHERE {role}_country = 'EUR'")
    con.execute(f"UPDATE actors SET code = {renamed('code', gdelt_actor)}, country = 'EU' "
                "WHERE country = 'EUR'")
    if "people" in tables:  # a file older than these tables has none
        con.execute(f"UPDATE people SET code = {renamed('code')}, country = 'EU' "
                    "WHERE country = 'EUR'")
    for side in ("supplier", "recipient") if "arms_transfers" in tables else ():
        con.execute(f"UPDATE arms_transfers SET {side}_code = {renamed(f'{side}_code')}, "
                    f"{side}_country = 'EU' WHERE {side}_country = 'EUR'")


# What a file of an older schema needs to read as this one: its version -> (the next version,
# the step). The steps run once, in one transaction with the new version number, when such a
# file is opened (read-only commands too), so a second opening finds nothing to do.
def _near_duplicates_in_the_store(con: duckdb.DuckDBPyConnection) -> None:
    """detente-store/4 -> 5: the tables an ingest fills lose their primary keys in new files
    (see the module; an older file keeps its keys, which this version never relies on) and the
    near-duplicate index is kept in the store (``article_bands``, filled from the stored
    signatures by the next ingest). An older detente, which writes relying on the keys and
    without the bands, must not write into a file of this version."""
    con.execute(f"CREATE TABLE IF NOT EXISTS article_bands ({TABLES['article_bands']})")


def _igo_people_under_the_igo_code(con: duckdb.DuckDBPyConnection) -> None:
    """detente-store/5 -> 6: an IGO's envoy, secretary-general or officials were coded with
    the IGO and their sector (UNOGOV, EUGOV) while the IGO itself was IGOUNO: every actor of
    an IGO now has the IGO's code, its sector kept in the sector column. Imported events keep
    the codes of their own files."""
    from detente.actors.lexicon import igo_codes

    igos = sorted(igo_codes())
    tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}

    def recode(table: str, code: str, country: str, also: str = "TRUE") -> None:
        con.execute(f"UPDATE {table} SET {code} = 'IGO' || {country} "
                    f"WHERE list_contains(?, {country}) "
                    f"AND NOT starts_with(coalesce({code}, ''), 'IGO') AND {also}", [igos])

    for role in ACTOR_ROLES:
        recode("events", f"{role}_code", f"{role}_country", "origin = 'detente'")
    recode("actors", "code", "country",
           "event_id IN (SELECT event_id FROM events WHERE origin = 'detente')")
    if "people" in tables:
        recode("people", "code", "country")
    for side in ("supplier", "recipient") if "arms_transfers" in tables else ():
        recode("arms_transfers", f"{side}_code", f"{side}_country")


def _ids_as_coded_now(con: duckdb.DuckDBPyConnection) -> None:
    """detente-store/6 -> 7: the steps above renamed actor codes but left the ids hashed from
    the old ones (model.event_id), so an article coded again into a new store, or exported
    from both, had other ids for the same events (a GDELT or POLECAT export's event ids come
    from them, and importing the two exports stored each event twice). detente's own events
    and transfers get the ids their fields give now; the rows that point at an event (its
    actors, the repeats of its story) follow it. Imported events keep their files' ids."""
    moved = _moved_ids(con, "SELECT event_id, article_id, "
                       f"{', '.join(map(quoted, EVENT_ID_FIELDS))} FROM events "
                       "WHERE origin = 'detente'", EVENT_ID_FIELDS, event_id)
    _move_ids(con, moved, "events", "event_id",
              (("actors", "event_id"), ("events", "duplicate_of"), ("events", "event_id")))
    tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "arms_transfers" not in tables:
        return
    moved = _moved_ids(con, "SELECT transfer_id, article_id, "
                       f"{', '.join(map(quoted, TRANSFER_ID_FIELDS))} FROM arms_transfers",
                       TRANSFER_ID_FIELDS, transfer_id)
    _move_ids(con, moved, "arms_transfers", "transfer_id",
              (("arms_transfers", "transfer_id"),))


def _move_ids(con: duckdb.DuckDBPyConnection, moved: pa.Table, table: str, column: str,
              followers: Sequence[tuple[str, str]]) -> None:
    """Give the rows of ``moved`` (old, new) their new ids in every (table, column) of
    ``followers``, the id's own column last. A made id two rows would share, or one a row of
    ``table`` holds already, is not given: those rows keep theirs. They are rows detente did
    not code (written by hand or by another program, their fields alike): made one id, two
    events were one in every query and export, and a file with the keys of detente-store/4
    refused the change (a duplicate key), so this version could never open it."""
    if not moved.num_rows:
        return
    con.register("moved_ids", moved)
    try:
        con.execute(
            "CREATE OR REPLACE TEMPORARY TABLE moving_ids AS SELECT old, new FROM ("
            "SELECT old, new, count(*) OVER (PARTITION BY new) AS made FROM moved_ids) "
            f"WHERE made = 1 AND new NOT IN (SELECT {column} FROM {table} "
            f"WHERE {column} IS NOT NULL)")
        for follower, pointer in followers:
            con.execute(f"UPDATE {follower} SET {pointer} = m.new FROM moving_ids m "
                        f"WHERE {follower}.{pointer} = m.old")
        con.execute("DROP TABLE moving_ids")
    finally:
        con.unregister("moved_ids")


def _moved_ids(con: duckdb.DuckDBPyConnection, query: str, fields: Sequence[str],
               make: Callable[[str, dict[str, Any]], str]) -> pa.Table:
    """(old, new) for the rows of ``query`` (id, article id, ``fields``) whose id is not the
    one ``make`` gives them; read in chunks, so a large store is not held in memory."""
    old: list[str] = []
    new: list[str] = []
    result = con.execute(query)
    while chunk := result.fetchmany(_ID_CHUNK):
        for stored, article, *values in chunk:
            if article is None:  # no article to hash from: left as it is
                continue
            made = make(article, dict(zip(fields, values, strict=True)))
            if made != stored:
                old.append(stored)
                new.append(made)
    return pa.table({"old": pa.array(old, pa.string()), "new": pa.array(new, pa.string())})


_ID_CHUNK = 50_000  # rows read at a time when ids are made again


MIGRATIONS: dict[str, tuple[str, Callable[[duckdb.DuckDBPyConnection], None]]] = {
    "detente-store/3": ("detente-store/4", _european_union_is_eu),
    "detente-store/4": ("detente-store/5", _near_duplicates_in_the_store),
    "detente-store/5": ("detente-store/6", _igo_people_under_the_igo_code),
    "detente-store/6": ("detente-store/7", _ids_as_coded_now),
}


# Seconds to wait before each try at opening the file again in Store.reopen.
_REOPEN_WAITS = (0.0, 0.1, 0.5, 1.0, 2.0, 4.0)

# The first problem of a run stopped by a signal (Ctrl-C, SIGTERM) says so and starts this way.
INTERRUPTED = "interrupted"
MAX_RUN_PROBLEMS = 1000  # problems and notes a run keeps in the runs table; all are reported


SHOWN_CHARS = 60  # of a value read from a file, in a message


def _shown(value: str) -> str:
    """A value read from the file, fit for a one-line message: its control characters
    escaped (a schema value's escape codes went to the terminal as they were) and its length
    bounded (one of 10,000 characters made a line of them)."""
    cut = value[:SHOWN_CHARS]
    return printable(cut) + ("..." if len(value) > SHOWN_CHARS else "")


class StoreError(RuntimeError):
    """The database cannot be used; the message says why in one line."""


class StoreWriteError(StoreError):
    """The database file cannot be written at all (disk full, file system gone read-only):
    every further article would fail the same way, so the run stops; what was committed stays.
    ``failure`` is what went wrong, without the advice a command gives (the API gives its own)."""

    def __init__(self, message: str, failure: str = "") -> None:
        super().__init__(message)
        self.failure = failure or message


# What DuckDB says when the fault is the disk or file system, not the rows being written.
_WRITE_FAILURES = ("no space left on device", "disk quota exceeded", "read-only file system",
                   "could not write file", "database has been invalidated")


@dataclass
class StoredArticle:
    """An article ready to be written, with its sentences and coded event rows."""

    row: dict[str, Any]
    sentences: list[tuple[int, int, int, str]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    signature: bytes | None = None
    people: list[dict[str, Any]] = field(default_factory=list)
    transfers: list[dict[str, Any]] = field(default_factory=list)
    bands: list[tuple[int, int]] = field(default_factory=list)  # an original's (band, hash)
    where: str | None = None  # the file (and line) it came from, for messages


class Store:
    """A detente database file (DuckDB)."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = Path(path)
        self.named = shown_name(self.path)  # as messages give it
        if "\\" in str(self.path):
            # DuckDB takes a backslash for a folder separator: "s\\new.duckdb" opened (and made)
            # s/new.duckdb, another file than the one named, perhaps another store
            raise StoreError(f"{self.named}: DuckDB reads a backslash in a path as a folder "
                             "separator and would open another file; name the store without "
                             "one, nothing was changed")
        if read_only and not self.path.exists():
            raise StoreError(f"{self.named}: no such database (run `detente ingest` first)")
        if problem := foreign_file(self.path):
            raise StoreError(f"{self.named}: {problem}; choose another --db, nothing was changed")
        if _empty_file(self.path):  # `touch`ed or made by mkstemp: DuckDB refuses it as it is
            if read_only:
                raise StoreError(f"{self.named}: empty file, no database yet (run `detente "
                                 "ingest` first)")
            self.path.unlink()  # it holds nothing; the database is made in its place
        self.memory_limit = db_memory_limit()
        if (problem := db_memory_problem()) is not None:
            raise StoreError(f"{self.named}: {problem}; nothing was changed")
        self._temporary: list[str] = []  # tables of a read-only opening that stand in empty
        protect(self.path)
        try:
            self.con = connect(self.path, read_only, self.memory_limit)
        except duckdb.IOException as exc:
            raise StoreError(_open_error(self.path, exc)) from exc
        except duckdb.Error as exc:
            hint = " (check DETENTE_DB_MEMORY)" if "memory" in str(exc).lower() else ""
            raise StoreError(
                f"{self.named}: cannot open database ({_first_line(exc)}){hint}") from exc
        try:
            self._check_or_create(read_only)
        except duckdb.Error as exc:
            # DuckDB reads most of a file only when first asked: a file cut short partway
            # opens, and fails here on the first query
            self.close()
            raise StoreError(_open_error(self.path, exc)) from exc

    def close(self) -> None:
        # a checkpoint on a full disk fails: what was committed is in the WAL all the same
        with contextlib.suppress(duckdb.Error):
            self.con.close()

    def write_failure(self, exc: BaseException) -> StoreWriteError | None:
        """The error that ends a run if ``exc`` says the database file cannot be written
        (rather than that some rows were refused); None otherwise."""
        if not isinstance(exc, duckdb.IOException | duckdb.FatalException) and not any(
                words in str(exc).lower() for words in _WRITE_FAILURES):
            return None
        failure = f"{self.named}: cannot write the database ({_first_line(exc)})"
        return StoreWriteError(f"{failure}; what was stored before is kept: free some space and "
                               "run the same command again to finish", failure)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- schema ---------------------------------------------------------------------------
    def _check_or_create(self, read_only: bool) -> None:
        tables = {row[0] for row in self.con.execute("SELECT table_name FROM duckdb_tables()")
                  .fetchall()}
        if "meta" in tables and self._meta_of_detente():
            version = self.con.execute(
                "SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if version and not isinstance(version[0], str):
                version = None  # a NULL or a number: no schema detente wrote
            if version and version[0] in MIGRATIONS:
                self._upgrade(version[0], read_only)
                version = (SCHEMA_VERSION,)
                # the upgrade made the tables the file lacked (article_bands of a file before
                # detente-store/5 among them): a read-only opening had refused it as damaged
                tables = {row[0] for row in self.con.execute(
                    "SELECT table_name FROM duckdb_tables()").fetchall()}
            if version and version[0] == SCHEMA_VERSION:
                self._check_columns(tables)
                self._add_missing_tables(tables, read_only)
                return
            if version and version[0].startswith("detente-store/"):
                self.close()
                raise StoreError(
                    f"{self.named}: made by another version of detente ({_shown(version[0])}, "
                    f"this one reads {SCHEMA_VERSION}); ingest into a new --db, nothing was "
                    "changed")
        if tables or (others := self._objects_of_others()):
            what = f"tables: {', '.join(sorted(tables)[:5])}" if tables else others
            self.close()
            raise StoreError(
                f"{self.named}: a DuckDB database of another program ({what}); choose another "
                "--db, nothing was changed")
        if read_only:
            self.close()
            raise StoreError(f"{self.named}: empty database (run `detente ingest` first)")
        with self.transaction():
            for name, columns in TABLES.items():
                self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
            self.con.execute("INSERT INTO meta VALUES ('schema', ?)", [SCHEMA_VERSION])

    def _meta_of_detente(self) -> bool:
        """Whether the file's ``meta`` table is detente's: a text key and a text value. One of
        another shape had stopped the opening with DuckDB's Binder or Conversion error, or
        (a text key, an ENUM value) `ingest` with a traceback."""
        columns = dict(self.con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'meta' "
            "AND database_name = current_database() AND schema_name = 'main'").fetchall())
        return columns.get("key") == "VARCHAR" and columns.get("value") == "VARCHAR"

    def _objects_of_others(self) -> str:
        """The views, sequences, macros and types of a file without tables, in words ("views:
        trips"); '' when it has none. A file of another program may hold only those (an
        analyst's views over Parquet files): it was taken for an empty store, and `ingest`
        wrote detente's tables into it. A store's own user may add views to it; a store has
        its tables, so this is asked only of a file without any."""
        kinds = {
            "views": "SELECT view_name FROM duckdb_views() WHERE NOT internal",
            "sequences": "SELECT sequence_name FROM duckdb_sequences()",
            "macros": "SELECT function_name FROM duckdb_functions() WHERE NOT internal "
                      "AND function_type IN ('macro', 'table_macro')",
            "types": "SELECT type_name FROM duckdb_types() WHERE NOT internal",
        }
        for kind, query in kinds.items():
            if names := sorted({row[0] for row in self.con.execute(query).fetchall()}):
                return f"{kind}: {', '.join(names[:5])}"
        return ""

    def _check_columns(self, tables: set[str]) -> None:
        """Refuse a store whose tables lack columns detente reads and writes (one dropped by
        hand, or a table of the same name made by something else): every article would fail
        to be stored, one line each, and reading commands stopped with a traceback. Extra
        columns and other column types are left to DuckDB, which casts or refuses a row."""
        found: dict[str, set[str]] = {}
        for table, column in self.con.execute(
                "SELECT table_name, column_name FROM duckdb_columns() "
                "WHERE database_name = current_database() AND schema_name = 'main'"
        ).fetchall():
            found.setdefault(table, set()).add(column)
        lacking = [f"{table} lacks {', '.join(columns[:5])}"
                   + (f" and {len(columns) - 5} more" if len(columns) > 5 else "")
                   for table in TABLES if table in tables
                   if (columns := [name for name in table_columns(table)
                                   if name not in found.get(table, set())])]
        if lacking:
            self.close()
            raise StoreError(
                f"{self.named}: columns missing ({'; '.join(lacking)}): a damaged or altered "
                "detente store; ingest into a new --db, nothing was changed")

    def _add_missing_tables(self, tables: set[str], read_only: bool) -> None:
        """Create the tables added since the file was made. A read-only connection cannot add
        them to the file: those a store may lack (LATER_TABLES) become empty temporary tables
        of this connection, so every query reads them as empty; a store without one of the
        others is no whole detente store and is refused."""
        missing = sorted(TABLES.keys() - tables)
        if not read_only:
            for name in missing:
                self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({TABLES[name]})")
            return
        if lacking := [name for name in missing if name not in LATER_TABLES]:
            self.close()
            raise StoreError(
                f"{self.named}: no table {', '.join(lacking)}: a damaged or incomplete detente "
                "store; ingest into a new --db, nothing was changed")
        for name in missing:
            self.con.execute(f"CREATE TEMPORARY TABLE {name} ({TABLES[name]})")
        self._temporary = missing

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A connection of its own to the store (a stream that must not block ``con``), with
        the empty stand-ins of the tables a read-only opening found missing: DuckDB's
        temporary tables belong to one connection, and a query of one of them through a bare
        ``con.cursor()`` was a CatalogException (an export of a store older than its
        POLECAT and ICEWS tables)."""
        cursor = self.con.cursor()
        for name in self._temporary:
            cursor.execute(f"CREATE TEMPORARY TABLE {name} ({TABLES[name]})")
        return cursor

    def _upgrade(self, version: str, read_only: bool) -> None:
        """Bring a file of an older schema up to this one (``MIGRATIONS``). A read-only
        opening upgrades it through a writable connection first, then reads it as asked."""
        con = self.con
        if read_only:
            self.con.close()
            try:
                con = connect(self.path, read_only=False)
            except duckdb.Error as exc:
                raise StoreError(
                    f"{_open_error(self.path, exc)}; it was made by an older detente "
                    f"({version}) and is upgraded to {SCHEMA_VERSION} when first opened, which "
                    "needs to write it") from exc
        try:
            with _Transaction(con):
                while version in MIGRATIONS:
                    version, step = MIGRATIONS[version]
                    step(con)
                # the file is written anyway: the tables added since it was made are made
                # too, so a read-only opening finds a whole store of this version (its empty
                # stand-ins are of one connection, which an export's own cursor does not see)
                for name, columns in TABLES.items():
                    con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
                con.execute("UPDATE meta SET value = ? WHERE key = 'schema'", [version])
        except duckdb.Error as exc:
            con.close()
            raise self.write_failure(exc) or StoreError(
                f"{self.named}: cannot upgrade it to {SCHEMA_VERSION} ({_first_line(exc)}); "
                "nothing was changed") from exc
        if read_only:
            con.close()
            self.con = connect(self.path, read_only=True)

    def checkpoint(self) -> None:
        """Write the committed rows into the database file and give back the memory they
        held. Until a checkpoint DuckDB keeps appended rows in memory (up to 16 MB of log by
        default); after it, the pages it wrote stay cached up to the memory limit, and what it
        freed stays in its allocator. A long ingest calls this every few hundred articles, so
        its memory does not grow with the store: the cache is cut back (briefly lowering the
        limit evicts it; reads then come from the file) and the freed memory returned (setting
        the limit flushes DuckDB's allocator)."""
        try:
            self.con.execute("CHECKPOINT")
        except duckdb.Error as exc:
            raise self.write_failure(exc) or StoreError(
                f"{self.named}: cannot write the database ({_first_line(exc)})") from exc
        try:
            self.con.execute(f"SET memory_limit = '{CACHE_AFTER_CHECKPOINT}'")
        except duckdb.Error:
            pass  # more than that is in use: nothing is lost by keeping it
        finally:
            self.con.execute("SET memory_limit = ?", [self.memory_limit])

    def reopen(self) -> None:
        """Close the connection and open the file again, with the same settings. Besides
        what a checkpoint gives back, DuckDB keeps a little bookkeeping for every statement
        and row written through a connection (about 1 KB an ingested article, outside its
        own ``duckdb_memory()`` account), which only closing the last connection to the file
        frees; a long ingest reopens the store after its checkpoints, so that does not grow
        with the run either. Call it between transactions: what was committed is kept, and
        nothing else is lost. Another process may take the file in the moment it is closed
        (a dashboard opening it): the opening is tried again for a few seconds. Each opening
        starts DuckDB's threads anew; a writable store bounds glibc's malloc arenas first
        (``allocator.bound_arenas``), or their threads' arenas would stay resident one after
        another."""
        self.close()
        for wait in _REOPEN_WAITS:
            time.sleep(wait)
            try:
                self.con = connect(self.path, False, self.memory_limit)
                return
            except duckdb.IOException as exc:
                failure = exc
                if "lock" not in str(exc).lower():
                    break
            except duckdb.Error as exc:
                failure = exc
                break
        raise StoreWriteError(
            f"{_open_error(self.path, failure)}; what was stored before is kept: run the "
            "same command again to finish", _open_error(self.path, failure)) from failure

    def transaction(self) -> _Transaction:
        return _Transaction(self.con)

    # ---- runs -----------------------------------------------------------------------------
    def start_run(self, command: str, inputs: Sequence[str], provenance: dict[str, str]) -> str:
        """Record a run as started: the first write of a command, so a store that cannot be
        written at all (its directory, where DuckDB keeps its log, read-only) is told here."""
        run_id = uuid.uuid4().hex[:16]
        try:
            self.con.execute(
                "INSERT INTO runs (run_id, command, inputs, started_at, model, model_version, "
                "dictionary_version, detente_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [run_id, command, json.dumps(list(inputs)), _now(), provenance.get("model"),
                 provenance.get("model_version"), provenance.get("dictionary_version"),
                 provenance.get("detente_version")],
            )
        except duckdb.Error as exc:
            if _log_not_writable(exc):
                raise StoreError(_open_error(self.path, exc)) from exc
            raise self.write_failure(exc) or StoreError(
                f"{self.named}: cannot record the run ({_first_line(exc)})") from exc
        return run_id

    def finish_run(self, run_id: str, counts: dict[str, int], problems: list[str],
                   stopped_by: BaseException | None = None) -> None:
        """Record how a run ended. ``stopped_by``: the error that is ending the run, if any;
        a failure to record the run is then left unsaid, so that error, which says why (the
        store taken by another process while the ingest reopened it, a full disk), is the one
        reported, not "Connection already closed"; the run stays unfinished, and the next one
        says it resumes it."""
        try:
            self._finish_run(run_id, counts, problems)
        except duckdb.Error as exc:
            if stopped_by is not None:
                return
            raise self.write_failure(exc) or StoreError(
                f"{self.named}: cannot record the run ({_first_line(exc)})") from exc

    def _finish_run(self, run_id: str, counts: dict[str, int], problems: list[str]) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, articles_read = ?, articles_new = ?, "
            "articles_known = ?, duplicates = ?, failed = ?, events = ?, problems = ? "
            "WHERE run_id = ?",
            [_now(), counts.get("read", 0), counts.get("new", 0), counts.get("known", 0),
             counts.get("duplicates", 0), counts.get("failed", 0), counts.get("events", 0),
             json.dumps(problems), run_id],
        )

    def unfinished_run(self, command: str, inputs: Sequence[str], current: str
                       ) -> dict[str, Any] | None:
        """The last run before ``current`` of ``command`` on the same inputs, if it did not
        finish: killed (no finish time) or interrupted (its problems begin with
        INTERRUPTED), with ``stored``, the articles it stored."""
        rows = self.query(
            "SELECT run_id, started_at, finished_at, problems FROM runs WHERE command = ? AND "
            "inputs = ? AND run_id <> ? ORDER BY started_at DESC LIMIT 1",
            [command, json.dumps(list(inputs)), current])
        if not rows:
            return None
        run = rows[0]
        problems = _problem_list(run["problems"])
        stopped = next((p for p in problems[:1] if p.startswith(INTERRUPTED)), None)
        if run["finished_at"] is not None and stopped is None:
            return None
        run["how"] = stopped or "killed before it could finish"
        run["stored"] = self.con.execute(
            "SELECT count(*) FROM articles WHERE run_id = ?", [run["run_id"]]).fetchone()[0]
        return run

    def counted_shards(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """Of the shards ``keys`` names ((unit id, coding)), those whose input problems a
        run has counted already, each with that run's id."""
        keys = list(keys)
        if not keys:
            return {}
        rows = self.con.execute(
            "SELECT unit_id, coding, min(run_id) FROM shard_problems WHERE (unit_id, coding) "
            "IN (SELECT (u, c) FROM (SELECT unnest(?) AS u, unnest(?) AS c)) "
            "GROUP BY unit_id, coding",
            [[k[0] for k in keys], [k[1] for k in keys]]).fetchall()
        return {(unit, coding): run for unit, coding, run in rows}

    def count_shards(self, run_id: str, counted: Iterable[tuple[str, str, int]]) -> None:
        """Record that run ``run_id`` counted the input problems of these shards ((unit id,
        coding, problems))."""
        rows = [(unit, coding, problems, run_id) for unit, coding, problems in counted]
        if rows:
            self.con.executemany("INSERT INTO shard_problems VALUES (?, ?, ?, ?)", rows)

    # ---- articles -------------------------------------------------------------------------
    def known_articles(self, article_ids: Iterable[str]) -> set[str]:
        ids = list(article_ids)
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        return {row[0] for row in rows}

    def events_of(self, article_ids: Sequence[str], columns: Sequence[str]
                  ) -> dict[str, list[dict[str, Any]]]:
        """Some columns of the stored events of some articles, each article's in the order
        they were written."""
        if not article_ids:
            return {}
        rows = self.query(
            f"SELECT article_id, {', '.join(map(quoted, columns))} FROM events "
            "WHERE article_id IN (SELECT unnest(?)) ORDER BY rowid", [list(article_ids)])
        found: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            found.setdefault(row.pop("article_id"), []).append(row)
        return found

    def add_articles(self, articles: Sequence[StoredArticle]) -> list[StoredArticle]:
        """Write a batch of articles with everything that belongs to them, atomically; an
        article already stored (or twice in the batch) is written once. Returns those written.
        """
        if any(not a.row.get("article_id") for a in articles):
            # an article without an id could never be found again (nor its events)
            raise ValueError("an article without an article_id")
        with self.transaction():
            known = self.known_articles(a.row["article_id"] for a in articles)
            new = _unique([a for a in articles if a.row["article_id"] not in known],
                          lambda a: a.row["article_id"])
            self._insert("articles", list(ARTICLE_COLUMNS), [a.row for a in new])
            self._insert("sentences", SENTENCE_COLUMNS, [
                dict(zip(SENTENCE_COLUMNS, (a.row["article_id"], *s), strict=True))
                for a in new for s in a.sentences])
            self._insert("article_signatures", ["article_id", "signature"], [
                {"article_id": a.row["article_id"], "signature": a.signature}
                for a in new if a.signature is not None])
            self._insert("article_bands", ["article_id", "band", "hash"], [
                {"article_id": a.row["article_id"], "band": band, "hash": value}
                for a in new for band, value in a.bands])
            self._insert("people", PEOPLE_COLUMNS, [p for a in new for p in a.people])
            self._insert("arms_transfers", list(TRANSFER_COLUMNS),
                         [t for a in new for t in a.transfers])
            self._insert_events([row for a in new for row in a.events])
        return new

    def add_events(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert event rows (flat columns) and their actor rows; known event ids are kept."""
        if not rows:
            return
        stored = self._stored_events(rows)
        self._insert_events([row for row in rows if row["event_id"] not in stored])

    def new_events(self, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """The event rows whose id is neither stored nor earlier among ``rows`` (an import's
        batch, so its counts of new and known events are exact)."""
        stored = self._stored_events(rows)
        return _unique([row for row in rows if row["event_id"] not in stored],
                       lambda row: row["event_id"])

    def _stored_events(self, rows: Sequence[dict[str, Any]]) -> set[str]:
        return {r["event_id"] for r in self.query(
            "SELECT event_id FROM events WHERE event_id IN (SELECT unnest(?))",
            [[row["event_id"] for row in rows]])}

    def _insert_events(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert event rows none of which is stored yet, and their actor rows."""
        rows = self._insert("events", list(EVENT_COLUMNS), rows)
        actor_rows = [
            {"event_id": row["event_id"], "event_role": role,
             **{f: row.get(f"{role}_{f}") for f in ACTOR_FIELDS}}
            for row in rows
            for role in ACTOR_ROLES
            if row.get(f"{role}_code") or row.get(f"{role}_text")
        ]
        self._insert("actors", ["event_id", "event_role", *ACTOR_FIELDS], actor_rows)

    def add_gdelt_details(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert GDELT's own fields of imported events (``GDELT_COLUMNS``), those of events
        not stored before (their event rows are written in the same transaction)."""
        self._insert("gdelt_events", list(GDELT_COLUMNS), rows)

    def add_icews_details(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert ICEWS's own fields of imported events (``ICEWS_COLUMNS``), those of events
        not stored before (their event rows are written in the same transaction)."""
        self._insert("icews_events", list(ICEWS_COLUMNS), rows)

    def add_polecat_details(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert POLECAT's own fields of imported events (``POLECAT_COLUMNS``), those of
        events not stored before (their event rows are written in the same transaction)."""
        self._insert("polecat_events", list(POLECAT_COLUMNS), rows)

    def _insert(self, table: str, names: list[str], rows: Sequence[dict]) -> list[dict]:
        """Insert many rows at once (through Arrow: row-by-row inserts are slow in DuckDB),
        the first of each kind (``UNIQUE``) only; returns the rows inserted. The caller has
        made sure none is stored yet."""
        if table in UNIQUE:
            key = UNIQUE[table]
            rows = _unique(rows, lambda row: tuple(row.get(name) for name in key))
        if not rows:
            return []
        batch = pa.Table.from_pydict({name: [row.get(name) for row in rows] for name in names})
        self.con.register("_detente_batch", batch)
        try:
            columns = ", ".join(map(quoted, names))
            self.con.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _detente_batch")
        except duckdb.Error:
            # In an aborted transaction unregistering fails too, and would hide the cause.
            with contextlib.suppress(duckdb.Error):
                self.con.unregister("_detente_batch")
            raise
        self.con.unregister("_detente_batch")
        return list(rows)

    # ---- near-duplicate index -------------------------------------------------------------
    def first_reports(self, probes: Sequence[tuple[int, str, int, int]]) -> dict[int, str]:
        """For probes (number, article_id, band, hash): the least stored original sharing a
        band with the article, by probe number (none: not a repeated story)."""
        if not probes:
            return {}
        columns = [list(column) for column in zip(*probes, strict=True)]
        rows = self.con.execute(
            "SELECT p.number, min(b.article_id) FROM (SELECT unnest(?) AS number, "
            "unnest(?) AS article_id, unnest(?::UTINYINT[]) AS band, unnest(?::BIGINT[]) AS hash"
            ") p JOIN article_bands b ON b.band = p.band AND b.hash = p.hash "
            "WHERE b.article_id <> p.article_id GROUP BY p.number", columns).fetchall()
        return dict(rows)

    def index_bands(self, banding: str, bands_of: Callable[[bytes], list[tuple[int, int]]]
                    ) -> None:
        """Make ``article_bands`` hold the bands of every stored original as ``banding``
        cuts them: nothing to do in a store indexed so already; in a store of an earlier
        version (or banded otherwise) the bands are made from the stored signatures, once."""
        found = self.con.execute("SELECT value FROM meta WHERE key = ?", [BANDING_KEY]).fetchall()
        if found and found[0][0] == banding:
            return
        with self.transaction():
            self.con.execute("DELETE FROM article_bands")
            reader = self.cursor()  # streams the signatures while this one writes
            try:
                reader.execute(
                    "SELECT s.article_id, s.signature FROM article_signatures s "
                    "JOIN articles a USING (article_id) WHERE a.duplicate_of IS NULL")
                while chunk := reader.fetchmany(10_000):
                    self._insert("article_bands", ["article_id", "band", "hash"], [
                        {"article_id": article_id, "band": band, "hash": value}
                        for article_id, signature in chunk
                        for band, value in bands_of(signature)])
            finally:
                reader.close()
            # not INSERT OR REPLACE: that needs meta's primary key, which a store rebuilt by
            # hand (CREATE TABLE meta AS ...) lacks
            self.con.execute("DELETE FROM meta WHERE key = ?", [BANDING_KEY])
            self.con.execute("INSERT INTO meta VALUES (?, ?)", [BANDING_KEY, banding])

    # ---- reading --------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def events(self, selection: EventFilter | None = None) -> list[dict[str, Any]]:
        """Stored events matching a filter, oldest first."""
        where, params = (selection or EventFilter()).sql()
        limit = f" LIMIT {int(selection.limit)}" if selection and selection.limit else ""
        return self.query(
            f"SELECT * FROM events WHERE {where} "
            f"ORDER BY date NULLS LAST, article_id, sentence_index, trigger_start{limit}",
            params,
        )

    def people(self, country: str | None = None, name: str | None = None) -> list[dict[str, Any]]:
        """People found in the stored articles: office, state, articles, and their events."""
        clauses, params = ["TRUE"], []
        if country:
            clauses.append("country = ?")
            params.append(country.upper())
        if name:
            # a substring test, not LIKE: "%" and "_" in a name asked for are themselves
            clauses.append("contains(lower(name), ?)")
            params.append(name.lower())
        return self.query(
            f"""
            WITH found AS (
                SELECT name, mode(role) AS role, mode(country) AS country,
                       mode(sector) AS sector, count(DISTINCT article_id) AS articles
                FROM people WHERE {' AND '.join(clauses)} GROUP BY name
            ), acted AS (
                SELECT source_name AS name, count(*) AS as_source FROM events
                WHERE duplicate_of IS NULL AND source_name IS NOT NULL GROUP BY 1
            ), received AS (
                SELECT target_name AS name, count(*) AS as_target FROM events
                WHERE duplicate_of IS NULL AND target_name IS NOT NULL GROUP BY 1
            )
            SELECT found.*, coalesce(as_source, 0) AS events_as_source,
                   coalesce(as_target, 0) AS events_as_target
            FROM found LEFT JOIN acted USING (name) LEFT JOIN received USING (name)
            ORDER BY events_as_source + events_as_target DESC, articles DESC, name
            """,
            params,
        )

    def transfers(self, selection: TransferFilter | None = None) -> list[dict[str, Any]]:
        """Stored arms-transfer records, oldest first."""
        where, params = (selection or TransferFilter()).sql()
        return self.query(
            f"SELECT * FROM arms_transfers WHERE {where} "
            "ORDER BY date NULLS LAST, article_id, sentence_index", params)

    def count(self, table: str) -> int:
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@dataclass
class EventFilter:
    """Which events a query returns. Reports of a repeated story count once unless asked."""

    actor: str | None = None  # a country code or actor code prefix, either side
    source: str | None = None
    target: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    quads: list[int] | None = None
    roots: list[str] | None = None
    types: list[str] | None = None  # PLOVER event types (ACCUSE, ASSAULT ...)
    modality: list[str] | None = None
    origin: str | None = None
    person: str | None = None  # a person's name, either side
    dyad: tuple[str, str] | None = None  # a pair of codes, in either direction
    all_reports: bool = False
    limit: int | None = None
    # which date since/until apply to: "date" (when the event happened) or "article_date"
    # (when it was published; GDELT's DATEADDED day for imported events)
    date_column: str = "date"
    # with all_reports: every report of each story whose first report the filters select (a
    # repeat may read otherwise: "will be barred", then "were barred"), as GDELT's mentions
    # table lists the reports of the events its event table holds
    by_story: bool = False

    def sql(self) -> tuple[str, list[Any]]:
        if self.all_reports and self.by_story:
            where, params = replace(self, all_reports=False, by_story=False).sql()
            return (f"coalesce(duplicate_of, event_id) IN (SELECT event_id FROM events "
                    f"WHERE {where})", params)
        clauses, params = ["TRUE"], []
        if not self.all_reports:
            clauses.append("duplicate_of IS NULL")
        for value, columns in ((self.actor, ("source", "target")), (self.source, ("source",)),
                               (self.target, ("target",))):
            if value:
                clauses.append("(" + " OR ".join(
                    actor_match(c, value, params) for c in columns) + ")")
        if self.dyad:
            a, b = self.dyad
            clauses.append(f"(({actor_match('source', a, params)} AND "
                           f"{actor_match('target', b, params)}) OR "
                           f"({actor_match('source', b, params)} AND "
                           f"{actor_match('target', a, params)}))")
        _date_range(self.since, self.until, clauses, params, self.date_column)
        for values, column in ((self.quads, "quad_class"), (self.roots, "cameo_root"),
                               (self.types, "plover"), (self.modality, "modality")):
            if values:
                clauses.append(f"{column} IN (SELECT unnest(?))")
                params.append(list(values))
        if self.origin:
            clauses.append("origin = ?")
            params.append(self.origin)
        if self.person:
            clauses.append("(source_name = ? OR target_name = ?)")
            params.extend([self.person, self.person])
        return " AND ".join(clauses), params


@dataclass(frozen=True)
class TransferFilter:
    supplier: str | None = None  # a country code or actor-code prefix
    recipient: str | None = None
    statuses: list[str] | None = None
    categories: list[str] | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    all_reports: bool = False

    def sql(self) -> tuple[str, list[Any]]:
        clauses, params = ["TRUE"], []
        if not self.all_reports:
            clauses.append("duplicate_of IS NULL")
        for value, side in ((self.supplier, "supplier"), (self.recipient, "recipient")):
            if value:
                clauses.append(actor_match(side, value, params))
        if self.statuses:
            clauses.append("status IN (SELECT unnest(?))")
            params.append(list(self.statuses))
        if self.categories:
            clauses.append("list_has_any(string_split(coalesce(categories, ''), ','), ?)")
            params.append(list(self.categories))
        _date_range(self.since, self.until, clauses, params)
        return " AND ".join(clauses), params


def actor_match(side: str, value: str, params: list[Any]) -> str:
    """The condition that one side (``source``, ``supplier``...) is the actor ``value`` names:
    its country, or, from three letters on, a prefix of its code (IRNMIL, IGOUNO, IMG). Codes
    are built of three-letter parts, so a two-letter value is a country code only: EU as a
    prefix would also take GDELT's EUR (the region Europe) actors."""
    code = value.upper()
    params.append(code)
    if len(code) < 3:
        return f"{side}_country = ?"
    params.append(code)
    igo_sector = _igo_and_sector(code)
    if igo_sector is None:
        return f"({side}_country = ? OR starts_with({side}_code, ?))"
    # "UNOGOV": the U.N.'s people in that sector, coded IGOUNO with the sector apart (an arms
    # transfer keeps no sector: the IGO's)
    params.extend(igo_sector if side in ACTOR_ROLES else igo_sector[:1])
    sector = f" AND {side}_sector = ?" if side in ACTOR_ROLES else ""
    return (f"({side}_country = ? OR starts_with({side}_code, ?) "
            f"OR ({side}_country = ?{sector}))")


def _igo_and_sector(code: str) -> tuple[str, str] | None:
    """An IGO's code and a sector after it (UNOGOV -> UNO, GOV), or None."""
    from detente.actors.lexicon import igo_codes

    for n in (2, 3):
        if code[:n] in igo_codes() and len(code) > n and (len(code) - n) % 3 == 0:
            return code[:n], code[n:]
    return None


class _Transaction:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.con.execute("ROLLBACK" if exc_type else "COMMIT")


DATE_COLUMNS = ("date", "article_date")


def _date_range(
    since: dt.date | None, until: dt.date | None, clauses: list[str], params: list,
    column: str = "date",
) -> None:
    """Add the "date between since and until" conditions both filters share."""
    if column not in DATE_COLUMNS:  # a column name goes into SQL: only known ones
        raise ValueError(f"unknown date column '{column}'")
    if since:
        clauses.append(f"{column} >= ?")
        params.append(since)
    if until:
        clauses.append(f"{column} <= ?")
        params.append(until)


def _unique(items: Iterable[Any], key: Callable[[Any], Hashable]) -> list[Any]:
    """The first item of each key, in order."""
    seen: set[Hashable] = set()
    kept = []
    for item in items:
        if (value := key(item)) not in seen:
            seen.add(value)
            kept.append(item)
    return kept


def quoted(name: str) -> str:
    """A column name safe in SQL (some, like "symmetric", are keywords)."""
    return f'"{name}"'


# No code path may reach the network: DuckDB would otherwise fetch an extension to read a file
# it does not know (a SQLite database given as --db).
CONNECT_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
_DUCKDB_MAGIC = (8, b"DUCK")  # offset and bytes of DuckDB's file signature


def connect(path: Path, read_only: bool, memory_limit: str | None = None
            ) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with detente's settings (the web server's share them)."""
    config = {**CONNECT_CONFIG, "memory_limit": memory_limit or db_memory_limit()}
    if not read_only and "MALLOC_ARENA_MAX" not in os.environ:
        bound_arenas()  # a writer reopens the store: its threads' arenas would pile up
    con = duckdb.connect(str(path), read_only=read_only, config=config)
    if not read_only:
        remove_stale_spill(con)
    return con


# DuckDB's spill files, in its temporary folder (``<db>.tmp``): "duckdb_temp_<pid>_<n>_..."
# (a "..._owner" file and "..._storage_<size>-<n>.tmp" files), the pid the writing process's.
_SPILL_FILE = re.compile(r"duckdb_temp_(\d+)_")


def remove_stale_spill(con: duckdb.DuckDBPyConnection) -> None:
    """Remove the spill files a killed process left in the store's temporary folder, and the
    folder when nothing else is in it. DuckDB removes its own on a clean close, never another
    process's: a kill -9 while a query spilled left hundreds of MB there for good (312 MB
    after one sort under a 64 MB limit). Only a connection that holds the file read-write may
    call this: DuckDB's lock on the file is exclusive then, so no other process has the store
    open (a reader's shared lock, or a writer's, would have refused this opening), and none
    can be spilling there. A live process's files are left (``process_alive``): this one's, as
    another connection of it to the same store shares the lock and may be using them, and
    another store's whose temporary folder is this one. Files of other names are the user's,
    and are left too."""
    try:
        setting = con.execute("SELECT current_setting('temp_directory')").fetchone()
        names = os.listdir(setting[0]) if setting and setting[0] else []
    except (duckdb.Error, OSError):  # no folder (nothing spilled): nothing to remove
        return
    folder = Path(setting[0])
    kept = False
    for name in names:
        match = _SPILL_FILE.match(name)
        if match is None or process_alive(int(match.group(1))):
            kept = True
            continue
        try:
            (folder / name).unlink()
        except OSError:
            kept = True
    if not kept:
        with contextlib.suppress(OSError):  # DuckDB makes it again when it next spills
            folder.rmdir()


def foreign_file(path: Path) -> str | None:
    """Why an existing file is no DuckDB database, read from its first bytes; None if it may
    be one (or is empty or absent: the store makes a new database there)."""
    try:
        if path.is_dir():
            return f"a directory, not a database file (name one, e.g. {path / DEFAULT_DB})"
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # opening a named pipe with no writer would wait forever; a device is no database
            return "not a regular file (a named pipe or a device)"
        head = _head_through_held_descriptor(info)
        if head is None:
            with path.open("rb") as stream:
                head = stream.read(16)
    except (FileNotFoundError, IsADirectoryError):
        return None
    except OSError as exc:
        return f"cannot read ({exc.strerror or exc})"
    offset, magic = _DUCKDB_MAGIC
    if not head or head[offset:offset + len(magic)] == magic:
        return None
    if kind := not_text_kind(head):  # the one list of file signatures (a SQLite database)
        return f"not a DuckDB database ({kind})"
    return "not a DuckDB database (another program's file, or a damaged one)"


def _head_through_held_descriptor(info: os.stat_result) -> bytes | None:
    """The first 16 bytes of the file ``info`` describes, read through a descriptor this
    process already holds of it; None if it holds none.

    DuckDB keeps other processes out of a database file with a POSIX record lock, and such a
    lock belongs to the process: closing any descriptor of the file drops it (fcntl(2)). The
    web server opens a Store for each request while its warm connection holds the file, and
    opening the file to read its first bytes then let an ingest open the store beside it: two
    writers, and a checkpoint of one overwrites what the other has committed. A read at an
    offset (pread) through DuckDB's own descriptor opens and closes nothing, and moves no
    file position. Linux lists a process's descriptors in /proc/self/fd, macOS and the BSDs
    in /dev/fd; elsewhere (Windows, whose locks are not dropped so) the answer is None."""
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            try:
                held = os.stat(os.path.join(folder, name))
                if (held.st_dev, held.st_ino) == (info.st_dev, info.st_ino):
                    return os.pread(int(name), 16, 0)
            except (OSError, ValueError):  # the listing's own descriptor, closed by now, or
                continue  # one open for writing only
        return None
    return None


def _empty_file(path: Path) -> bool:
    try:
        info = path.stat()
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size == 0


def _open_error(path: Path, exc: Exception) -> str:
    message = _first_line(exc)
    if _log_not_writable(exc):
        # the file itself may be writable: DuckDB's log goes next to it, in its directory
        return (f"{shown_name(path)}: its directory {shown_name(path.parent)} is not writable "
                f"(DuckDB keeps the database's log, {path.name}.wal, there); nothing was changed")
    # the words DuckDB says, not the file's name it quotes ("corrupt_copies/ev.duckdb" is
    # no damage, "/data/lock/" no lock)
    lowered = re.sub(r'"[^"]*"', '""', message).replace(str(path), "").lower()
    # (a word, not a substring: DuckDB's damaged "block at location ..." is no lock)
    if re.search(r"\block\b", lowered):
        return (f"{shown_name(path)}: the database is in use by another process (a running "
                "ingest, or a `detente serve` dashboard reading it); retry when it has finished")
    if "could not read enough bytes" in lowered or "corrupt" in lowered or "checksum" in lowered:
        return f"{shown_name(path)}: a damaged or truncated DuckDB database; nothing was changed"
    if version := _STORAGE_VERSION.search(message):
        # a file of a DuckDB newer (or far older) than this detente's: DuckDB's words named
        # no program to open it with
        newer = int(version[1]) > int(version[3])
        return (f"{shown_name(path)}: written by {'a newer' if newer else 'an older'} DuckDB "
                f"than this detente's {duckdb.__version__} (storage version {version[1]}; it "
                f"reads {version[2]}-{version[3]}); open it with the detente or DuckDB that "
                "wrote it, nothing was changed")
    if "not a valid duckdb" in lowered or "magic" in lowered:
        return (f"{shown_name(path)}: not a DuckDB database (another program's file?); "
                "nothing was changed")
    return f"{shown_name(path)}: cannot open database ({message})"


_STORAGE_VERSION = re.compile(r"storage version number (\d+), but we can only read storage "
                              r"versions between (\d+) and (\d+)")


def _log_not_writable(exc: Exception) -> bool:
    """Whether DuckDB could not create the database's write-ahead log (``<file>.wal``)."""
    message = str(exc).lower()
    return ".wal" in message and "permission denied" in message


def _problem_list(value: object) -> list[str]:
    """A run's recorded problems (a JSON list of lines); a value written by hand or by
    something else (not JSON, not a list) reads as no problems: the next ingest stopped on it
    with a traceback, before it stored anything."""
    try:
        problems = json.loads(value) if isinstance(value, str) else []
    except ValueError:
        return []
    if not isinstance(problems, list):
        return []
    return [problem for problem in problems if isinstance(problem, str)]


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
