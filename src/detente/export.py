"""Export stored events to files other tools read: Parquet, CSV, JSONL, PLOVER and Phoenix.

Every format writes the events of one selection (an ``EventFilter``; by default every event,
with the reports of a repeated story counted once), oldest first, to one file in ``out_dir``:

- ``parquet`` -> ``events.parquet`` and ``csv`` -> ``events.csv`` (with a header): every column
  of the store's events table, in the order of ``detente.model.EVENT_COLUMNS``, written by
  DuckDB's COPY.
- ``jsonl`` -> ``events.jsonl``: one nested event record per line, the contract of
  ``detente code --format jsonl`` (``nest_row``).
- ``plover`` -> ``events.plover.jsonl``: one POLECAT-style PLOVER record per line, with the
  fields of ``PLOVER_FIELDS``, kept close to POLECAT's published record:

  event_id, event_date (YYYY-MM-DD), event_type (PLOVER type), mode (null: detente does not
  code PLOVER modes), context (null), contexts ([]), quad_code (the quad class PLOVER gives the
  type, 1..4, from the codebook; it differs from CAMEO's for some codes, e.g. protests are
  material conflict in PLOVER), goldstein, cameo_code, actor (source text), actor_country,
  actor_code, actor_sector (list), recipient (target text), recipient_country, recipient_code,
  recipient_sector (list), wording (trigger text), event_text (sentence), story_id
  (article_id), story_date (the article's date), language, source_url, modality, confidence,
  origin.

- ``phoenix`` -> ``events.phoenix.tsv``: the tab-separated columns of the Phoenix/PETRARCH
  event data (``PHOENIX_COLUMNS``), without a header as Phoenix files are, "" for unknowns.

The column lists are also tabled in docs/export_formats.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from detente.codebook import load_codebook
from detente.model import EVENT_COLUMNS, TRANSFER_COLUMNS, nest_row
from detente.store import EventFilter, Store, quoted

FORMATS = ("parquet", "csv", "jsonl", "plover", "phoenix")
FILE_NAMES = {
    "parquet": "events.parquet",
    "csv": "events.csv",
    "jsonl": "events.jsonl",
    "plover": "events.plover.jsonl",
    "phoenix": "events.phoenix.tsv",
}
PLOVER_FIELDS = (
    "event_id", "event_date", "event_type", "mode", "context", "contexts", "quad_code",
    "goldstein", "cameo_code", "actor", "actor_country", "actor_code", "actor_sector",
    "recipient", "recipient_country", "recipient_code", "recipient_sector", "wording",
    "event_text", "story_id", "story_date", "language", "source_url", "modality", "confidence",
    "origin",
)
PHOENIX_COLUMNS = (
    "EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity",
    "SourceActorRole", "SourceActorAttribute", "TargetActorFull", "TargetActorEntity",
    "TargetActorRole", "TargetActorAttribute", "EventCode", "EventRootCode", "QuadClass",
    "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName", "StateName", "CountryCode",
    "SentenceID", "URLs", "NewsSources",
)
DEFAULT_LANGUAGE = "en"  # detente codes English text; GDELT's event export is its English stream
# Oldest first like Store.events; event_id last so that the order is total (GDELT rows share
# NULL article ids and sentence indexes).
ORDER_BY = ("date NULLS LAST", "article_id NULLS LAST", "sentence_index", "trigger_start",
            "event_id")
FETCH_ROWS = 10_000


def export_events(
    store: Store, out_dir: Path, fmt: str, selection: EventFilter | None = None
) -> Path:
    """Write the selected events to ``out_dir`` in format ``fmt``; return the file written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / FILE_NAMES[fmt]
    selection = selection or EventFilter()
    if fmt in ("parquet", "csv"):
        _copy(store, path, fmt, selection)
    else:
        with path.open("w", encoding="utf-8", newline="") as stream:
            WRITERS[fmt](_rows(store, selection), stream)
    return path


# ---- reading the selection ----------------------------------------------------------------------
def _selected_sql(selection: EventFilter) -> tuple[str, list[Any]]:
    where, params = selection.sql()
    limit = f" LIMIT {int(selection.limit)}" if selection.limit else ""
    columns = ", ".join(map(quoted, EVENT_COLUMNS))
    return f"SELECT {columns} FROM events WHERE {where} ORDER BY {_order()}{limit}", params


def _copy(store: Store, path: Path, fmt: str, selection: EventFilter) -> None:
    sql, params = _selected_sql(selection)
    options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
    target = str(path).replace("'", "''")
    store.con.execute(f"COPY ({sql}) TO '{target}' ({options})", params).fetchall()


def _rows(store: Store, selection: EventFilter) -> Iterator[dict[str, Any]]:
    """Selected events with their article's outlet and date, streamed a chunk at a time."""
    sql, params = _selected_sql(selection)
    # The selection is a subquery: its WHERE clause names columns the articles table also has.
    joined = (
        f"SELECT e.*, a.source AS article_source, a.date AS article_date, "
        f"a.language AS article_language FROM ({sql}) e "
        f"LEFT JOIN articles a ON a.article_id = e.article_id "
        f"ORDER BY {_order('e.')}"
    )
    cursor = store.con.cursor()  # its own cursor: the stream does not block the connection
    try:
        cursor.execute(joined, params)
        names = [d[0] for d in cursor.description]
        while chunk := cursor.fetchmany(FETCH_ROWS):
            for values in chunk:
                yield dict(zip(names, values, strict=True))
    finally:
        cursor.close()


def _order(prefix: str = "") -> str:
    return ", ".join(prefix + part for part in ORDER_BY)


# ---- the formats written row by row -------------------------------------------------------------
def _write_jsonl(rows: Iterator[dict[str, Any]], stream: IO[str]) -> None:
    for row in rows:
        record = nest_row({name: row[name] for name in EVENT_COLUMNS})
        stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One stored event as a POLECAT-style PLOVER record (fields of ``PLOVER_FIELDS``)."""
    plover_quads = load_codebook().plover_types
    record = {
        "event_id": row["event_id"],
        "event_date": _iso(row["date"]),
        "event_type": row["plover"],
        "mode": None,
        "context": None,
        "contexts": [],
        "quad_code": plover_quads.get(row["plover"]) if row["plover"] else None,
        "goldstein": row["goldstein"],
        "cameo_code": row["cameo"],
        **_plover_actor(row, "source", "actor"),
        **_plover_actor(row, "target", "recipient"),
        "wording": row["trigger_text"],
        "event_text": row["sentence"],
        "story_id": row["article_id"],
        "story_date": _iso(row.get("article_date") or row["date"]),
        "language": row.get("article_language") or DEFAULT_LANGUAGE,
        "source_url": row["source_url"],
        "modality": row["modality"],
        "confidence": row["confidence"],
        "origin": row["origin"],
    }
    return {name: record[name] for name in PLOVER_FIELDS}


def _plover_actor(row: dict[str, Any], role: str, name: str) -> dict[str, Any]:
    sector = row[f"{role}_sector"]
    return {
        name: row[f"{role}_text"],
        f"{name}_country": row[f"{role}_country"],
        f"{name}_code": row[f"{role}_code"],
        f"{name}_sector": [sector] if sector else [],
    }


def _write_plover(rows: Iterator[dict[str, Any]], stream: IO[str]) -> None:
    for row in rows:
        stream.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")


def phoenix_row(row: dict[str, Any]) -> list[str]:
    """One stored event as Phoenix columns (``PHOENIX_COLUMNS``), "" for what is unknown.

    QuadClass is the store's quad class as it is (1..4, GDELT's convention for CAMEO roots:
    01-05 verbal cooperation). Phoenix's own files call this column PentaClass and give roots
    01-02 a fifth class, 0 (neutral); readers of those files that name it QuadClass get 1 here
    where Phoenix had 0. detente does not geolocate events or code issues, so Issues and the
    location columns are empty; SentenceID is "" for events without an article (GDELT).
    """
    date = row["date"]
    sentence_id = (
        f"{row['article_id']}-{row['sentence_index']}"
        if row["article_id"] and row["sentence_index"] is not None else ""
    )
    values = {
        "EventID": row["event_id"],
        "Date": date.strftime("%Y%m%d") if date else "",
        "Year": date.year if date else "",
        "Month": date.month if date else "",
        "Day": date.day if date else "",
        "SourceActorFull": row["source_code"],
        "SourceActorEntity": row["source_country"],
        "SourceActorRole": row["source_sector"],
        "TargetActorFull": row["target_code"],
        "TargetActorEntity": row["target_country"],
        "TargetActorRole": row["target_sector"],
        "EventCode": row["cameo"],
        "EventRootCode": row["cameo_root"],
        "QuadClass": row["quad_class"],
        "GoldsteinScore": row["goldstein"],
        "SentenceID": sentence_id,
        "URLs": row["source_url"],
        "NewsSources": row.get("article_source"),
    }
    return [_cell(values.get(name)) for name in PHOENIX_COLUMNS]


def _write_phoenix(rows: Iterator[dict[str, Any]], stream: IO[str]) -> None:
    # Plain tab-joined lines, no quoting: that is how Phoenix files are written and read.
    for row in rows:
        stream.write("\t".join(phoenix_row(row)) + "\n")


def _cell(value: Any) -> str:
    # A tab or line break inside a value would split the row: fold all whitespace to spaces.
    return "" if value is None else " ".join(str(value).split())


def _iso(value: Any) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else value


WRITERS: dict[str, Callable[[Iterator[dict[str, Any]], IO[str]], None]] = {
    "jsonl": _write_jsonl,
    "plover": _write_plover,
    "phoenix": _write_phoenix,
}


# ---- arms transfers -----------------------------------------------------------------------------
TRANSFER_FILE_NAMES = {"parquet": "arms_transfers.parquet", "csv": "arms_transfers.csv",
                       "jsonl": "arms_transfers.jsonl"}


def export_transfers(store: Store, out_dir: Path, fmt: str, all_reports: bool = False
                     ) -> Path | None:
    """Write the arms-transfer records beside the events (parquet, csv, jsonl); None if none."""
    if fmt not in TRANSFER_FILE_NAMES or not store.count("arms_transfers"):
        return None
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / TRANSFER_FILE_NAMES[fmt]
    columns = ", ".join(map(quoted, TRANSFER_COLUMNS))
    where = "TRUE" if all_reports else "duplicate_of IS NULL"
    sql = (f"SELECT {columns} FROM arms_transfers WHERE {where} "
           "ORDER BY date NULLS LAST, article_id, sentence_index, transfer_id")
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8") as stream:
            for row in store.query(sql):
                row["equipment"] = json.loads(row["equipment"] or "[]")
                stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return path
    options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
    target = str(path).replace("'", "''")
    store.con.execute(f"COPY ({sql}) TO '{target}' ({options})").fetchall()
    return path
