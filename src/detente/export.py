"""Export stored events to files other tools read: Parquet, CSV, JSONL, PLOVER and Phoenix.

Every format writes the events of one selection (an ``EventFilter``; by default every event,
with the reports of a repeated story counted once), oldest first, to one file in ``out_dir``:

- ``parquet`` -> ``events.parquet`` and ``csv`` -> ``events.csv`` (with a header): every column
  of the store's events table, in the order of ``detente.model.EVENT_COLUMNS``, written by
  DuckDB's COPY.
- ``jsonl`` -> ``events.jsonl``: one nested event record per line, the contract of
  ``detente code --format jsonl`` (``nest_row``).
- ``plover`` -> ``events.plover.jsonl``: one PLOVER JSON record per line, named as the PLOVER
  manual's "PLOVER JSON" table names them (``id``, ``date``, ``actor`` and ``recipient`` as
  lists of entity objects, ``event``, ``mode`` and ``context`` as lists, ``event_loc``,
  ``event_text``, ``quad_code``, ``event_scale``, ``text_info``, ``cite_info``, ``coder``),
  plus detente's own fields (``PLOVER_EXTRAS``). Events of CAMEO roots 01 and 02 are left out
  and counted: PLOVER has no event type for them.
- ``phoenix`` -> ``events.phoenix.tsv``: the tab-separated columns of the Phoenix/PETRARCH
  event data (``PHOENIX_COLUMNS``), without a header as Phoenix files are, "" for unknowns.

The field lists of the specifications are data (``data/export_specs.yaml``); a conformance
test checks every format against them. The column lists are also tabled in docs/export_formats.md.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from detente import __version__
from detente.actors.lexicon import state_names
from detente.codebook import load_codebook
from detente.datafiles import read_packaged
from detente.model import EVENT_COLUMNS, TRANSFER_COLUMNS, nest_row
from detente.outfiles import output_directory, replacing
from detente.petrarch import petrarch_igo_codes
from detente.store import EventFilter, Store, quoted

FORMATS = ("parquet", "csv", "jsonl", "plover", "phoenix")
FILE_NAMES = {
    "parquet": "events.parquet",
    "csv": "events.csv",
    "jsonl": "events.jsonl",
    "plover": "events.plover.jsonl",
    "phoenix": "events.phoenix.tsv",
}
# Columns the events table does not have, joined from the article: who published it, and its
# headline. Exported after EVENT_COLUMNS in parquet and csv.
ARTICLE_EXTRAS = ("outlet", "title")
# Fields of a PLOVER record beyond the manual's table, which the manual allows ("Providers
# should feel free to include named fields beyond those provided here").
PLOVER_EXTRAS = ("cameo_code", "modality", "confidence", "origin", "version")
# PLOVER has no event type for CAMEO's "make public statement" and "appeal" roots.
PLOVER_DROPPED_ROOTS = ("01", "02")
CODER = f"detente {__version__}"


@functools.cache
def load_export_specs() -> dict[str, Any]:
    """The field lists of PLOVER, POLECAT and Phoenix (data/export_specs.yaml)."""
    return read_packaged("export_specs.yaml")


@functools.cache
def load_plover_crosswalk() -> dict[str, tuple[str | None, tuple[str, ...]]]:
    """CAMEO code -> (PLOVER mode, PLOVER contexts), from data/plover.yaml."""
    codes = read_packaged("plover.yaml").get("codes") or {}
    return {str(code): (mode, tuple(contexts or ())) for code, (mode, contexts) in codes.items()}


@functools.cache
def load_phoenix() -> tuple[dict[str, str], dict[str, int]]:
    """From data/phoenix.yaml: detente IGO code -> PETRARCH's code (those PETRARCH lacks as
    IGO + code), and CAMEO root -> Phoenix's QuadClass."""
    table = read_packaged("phoenix.yaml")
    igos = petrarch_igo_codes()
    quads = {str(root): int(quad) for root, quad in (table.get("quad_classes") or {}).items()}
    return igos, quads


PLOVER_FIELDS = tuple(
    name for name in load_export_specs()["plover"]["fields"]
    if name in ("id", "date", "enddate", "actor", "recipient", "event", "event_loc",
                "event_text", "quad_code", "event_scale", "mode", "context", "text_info",
                "cite_info", "coder")
) + PLOVER_EXTRAS
PHOENIX_COLUMNS = tuple(load_export_specs()["phoenix"]["columns"])
DEFAULT_LANGUAGE = "en"  # detente codes English text; GDELT's event export is its English stream
# Oldest first like Store.events; event_id last so that the order is total (GDELT rows share
# NULL article ids and sentence indexes).
ORDER_BY = ("date NULLS LAST", "article_id NULLS LAST", "sentence_index", "trigger_start",
            "event_id")
FETCH_ROWS = 10_000


def export_events(
    store: Store, out_dir: Path, fmt: str, selection: EventFilter | None = None,
    on_note: Callable[[str], None] | None = None,
) -> Path:
    """Write the selected events to ``out_dir`` in format ``fmt``; return the file written.

    ``on_note`` hears what a format could not carry (PLOVER: events of roots 01-02 left out).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    path = output_directory(out_dir) / FILE_NAMES[fmt]
    selection = selection or EventFilter()
    left_out = 0
    with replacing(path) as part:  # a failed write leaves no half-written file under its name
        if fmt in ("parquet", "csv"):
            _copy(store, part, fmt, selection)
        else:
            with part.open("w", encoding="utf-8", newline="") as stream:
                left_out = WRITERS[fmt](_rows(store, selection), stream)
    if left_out and on_note:
        on_note(f"{left_out} event(s) of CAMEO roots 01-02 left out of {path.name}: "
                "PLOVER has no event type for public statements and appeals")
    return path


# ---- reading the selection ----------------------------------------------------------------------
def _selected_sql(selection: EventFilter) -> tuple[str, list[Any]]:
    where, params = selection.sql()
    limit = f" LIMIT {int(selection.limit)}" if selection.limit else ""
    columns = ", ".join(map(quoted, EVENT_COLUMNS))
    return f"SELECT {columns} FROM events WHERE {where} ORDER BY {_order()}{limit}", params


def _copy(store: Store, path: Path, fmt: str, selection: EventFilter) -> None:
    sql, params = _selected_sql(selection)
    # The stored sentence keeps the line break that ended it in the text; a CSV cell with a
    # trailing newline makes one record two lines in every line-based tool.
    sql = (f"SELECT e.* REPLACE (rtrim(e.sentence, chr(13) || chr(10)) AS sentence), "
           f"a.source AS outlet, a.title AS title FROM ({sql}) e "
           f"LEFT JOIN articles a ON a.article_id = e.article_id ORDER BY {_order('e.')}")
    options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
    target = str(path).replace("'", "''")
    store.con.execute(f"COPY ({sql}) TO '{target}' ({options})", params).fetchall()


def _rows(store: Store, selection: EventFilter) -> Iterator[dict[str, Any]]:
    """Selected events with their article's outlet and date, streamed a chunk at a time."""
    sql, params = _selected_sql(selection)
    # The selection is a subquery: its WHERE clause names columns the articles table also has.
    joined = (
        f"SELECT e.*, a.source AS article_source, a.date AS published, "
        f"a.language AS article_language, a.title AS article_title FROM ({sql}) e "
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
def _write_jsonl(rows: Iterator[dict[str, Any]], stream: IO[str]) -> int:
    for row in rows:
        record = nest_row({name: row[name] for name in EVENT_COLUMNS})
        stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    return 0


def plover_record(row: dict[str, Any]) -> dict[str, Any] | None:
    """One stored event as a PLOVER JSON record (``PLOVER_FIELDS``); None for roots 01-02.

    ``mode`` and ``context`` are the CAMEO-to-PLOVER crosswalk's for the code. PLOVER's modes
    are manners of an event (visit, phone, demo), not its modality: no PLOVER mode says
    possible, future or conditional, so detente's modality stays in ``modality``; intended
    cooperation is already AGREE (CAMEO 03) and threats THREATEN, as in the crosswalk.
    """
    if not row["plover"] or row["cameo_root"] in PLOVER_DROPPED_ROOTS:
        return None
    mode, contexts = load_plover_crosswalk().get(row["cameo"] or "", (None, ()))
    date, end = row["date"], row["date_end"]
    record = {
        "id": row["event_id"],
        "date": _iso(date),
        "enddate": _iso(end) if end and end != date else None,
        "actor": [_plover_entity(row, "source")],
        "recipient": [_plover_entity(row, "target")] if row["target_code"] else [],
        "event": [row["plover"]],
        "event_loc": _plover_place(row),
        "event_text": [_sentence(row["sentence"])] if row["sentence"] else [],
        "quad_code": load_codebook().plover_types.get(row["plover"]),
        "event_scale": row["goldstein"],
        "mode": [mode] if mode else [],
        "context": list(contexts),
        "text_info": {"sequence": row["sentence_index"], "start": row["trigger_start"],
                      "end": row["trigger_end"], "wording": row["trigger_text"]},
        "cite_info": {"story_id": row["article_id"], "source": row.get("article_source"),
                      "title": row.get("article_title"), "url": row["source_url"],
                      "publication_date": _iso(row.get("published") or row["article_date"]),
                      "language": row.get("article_language") or DEFAULT_LANGUAGE},
        "coder": CODER,
        "cameo_code": row["cameo"],
        "modality": row["modality"],
        "confidence": row["confidence"],
        "origin": row["origin"],
        "version": __version__,
    }
    return {name: record[name] for name in PLOVER_FIELDS}


def _plover_entity(row: dict[str, Any], role: str) -> dict[str, Any]:
    """An actor as the manual's entity object: the resolved name, not the mention ("his")."""
    country = row[f"{role}_country"]
    return {
        "code": country or row[f"{role}_code"],
        "sector": row[f"{role}_sector"],
        "entity_text": row[f"{role}_text"],
        "identifier_text": row[f"{role}_name"] or state_names().get(country or ""),
        "office": row[f"{role}_role"],
    }


def _plover_place(row: dict[str, Any]) -> dict[str, Any] | None:
    if not row["location_name"]:
        return None
    return {"placename": row["location_name"], "feature_type": row["location_feature"],
            "country": row["location_country"], "lat": row["location_lat"],
            "lon": row["location_lon"]}


def _write_plover(rows: Iterator[dict[str, Any]], stream: IO[str]) -> int:
    left_out = 0
    for row in rows:
        record = plover_record(row)
        if record is None:
            left_out += 1
            continue
        stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    return left_out


def phoenix_row(row: dict[str, Any]) -> list[str]:
    """One stored event as Phoenix columns (``PHOENIX_COLUMNS``), "" for what is unknown.

    QuadClass is Phoenix's class of the CAMEO root (0..4, data/phoenix.yaml), not the store's
    (GDELT's convention); GoldsteinScore is the store's (GDELT's scale), which differs from
    Phoenix's on 7 codes (docs/export_formats.md). IGOs take
    PETRARCH's codes (IGOWSTNAT, not NAT), with no GOV sector (an IGO is no government).
    detente codes no issues and no province, so Issues and StateName are empty; SentenceID is
    "" for events without an article (GDELT).
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
        "Month": f"{date.month:02d}" if date else "",
        "Day": f"{date.day:02d}" if date else "",
        **_phoenix_actor(row, "source", "Source"),
        **_phoenix_actor(row, "target", "Target"),
        "EventCode": row["cameo"],
        "EventRootCode": row["cameo_root"],
        "QuadClass": load_phoenix()[1].get(row["cameo_root"] or "", row["quad_class"]),
        "GoldsteinScore": row["goldstein"],
        "Lat": row["location_lat"],
        "Lon": row["location_lon"],
        "LocationName": row["location_name"],
        "CountryCode": row["location_country"],
        "SentenceID": sentence_id,
        "URLs": row["source_url"],
        "NewsSources": row.get("article_source"),
    }
    return [_cell(values.get(name)) for name in PHOENIX_COLUMNS]


def _phoenix_actor(row: dict[str, Any], role: str, prefix: str) -> dict[str, Any]:
    code, country, sector = row[f"{role}_code"], row[f"{role}_country"], row[f"{role}_sector"]
    igo = load_phoenix()[0].get(country or "")
    if igo and (row[f"{role}_kind"] == "igo" or (code or "").startswith(("IGO", country))):
        sector = None if sector == "GOV" else sector
        code, country = igo + (sector or ""), igo
    if not country and code:
        country = code[:3]  # a stateless group (IMGMUSISI): Phoenix's entity is its root, IMG
    return {f"{prefix}ActorFull": code, f"{prefix}ActorEntity": country,
            f"{prefix}ActorRole": sector}


def _write_phoenix(rows: Iterator[dict[str, Any]], stream: IO[str]) -> int:
    # Plain tab-joined lines, no quoting: that is how Phoenix files are written and read.
    for row in rows:
        stream.write("\t".join(phoenix_row(row)) + "\n")
    return 0


def _sentence(text: str) -> str:
    return text.rstrip("\r\n")


def _cell(value: Any) -> str:
    # A tab or line break inside a value would split the row: fold all whitespace to spaces.
    return "" if value is None else " ".join(str(value).split())


def _iso(value: Any) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else value


WRITERS: dict[str, Callable[[Iterator[dict[str, Any]], IO[str]], int]] = {
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
    path = output_directory(out_dir) / TRANSFER_FILE_NAMES[fmt]
    columns = ", ".join(map(quoted, TRANSFER_COLUMNS))
    where = "TRUE" if all_reports else "duplicate_of IS NULL"
    sql = (f"SELECT {columns} FROM arms_transfers WHERE {where} "
           "ORDER BY date NULLS LAST, article_id, sentence_index, transfer_id")
    with replacing(path) as part:
        if fmt == "jsonl":
            with part.open("w", encoding="utf-8") as stream:
                for row in store.query(sql):
                    row["equipment"] = json.loads(row["equipment"] or "[]")
                    stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        else:
            options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
            target = str(part).replace("'", "''")
            store.con.execute(f"COPY ({sql}) TO '{target}' ({options})").fetchall()
    return path
