"""Database reads for the web API: paginated, sorted event lists, articles, state names.

Paging and sorting happen in DuckDB; only the requested page leaves the database. Sort columns
come from a fixed table, never from the request text, so the ORDER BY clause is never built
from user input.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from detente.datafiles import read_packaged
from detente.model import equipment_list, nest_row
from detente.store import EventFilter, Store, TransferFilter

# Public sort key -> column of the events table.
SORT_COLUMNS: dict[str, str] = {
    "date": "date",
    "source": "source_code",
    "target": "target_code",
    "cameo": "cameo",
    "plover": "plover",
    "quad": "quad_class",
    "goldstein": "goldstein",
    "modality": "modality",
    "confidence": "confidence",
}


@dataclass(frozen=True)
class EventPage:
    total: int
    events: list[dict[str, Any]]


def event_page(
    store: Store,
    selection: EventFilter,
    outlet: str | None,
    page: int,
    page_size: int,
    sort: str = "date",
    order: str = "asc",
) -> EventPage:
    """One page of events matching the filter, and how many match in all."""
    where, params = _event_where(selection, outlet)
    total = store.con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0]
    # rowid breaks ties so that pages neither repeat nor skip rows (it is stable: the store
    # only ever appends), at half the cost of comparing event_id strings
    ordering = (f'"{SORT_COLUMNS[sort]}" {"DESC" if order == "desc" else "ASC"} NULLS LAST, '
                "rowid")
    # Two steps: find the page's row ids on the narrow sort columns, then read the ~70 columns
    # of those rows only. With a filter, DuckDB would otherwise read every column of every
    # matching row before sorting (3-4x slower on 100,000 events).
    ids = [row[0] for row in store.con.execute(
        f"SELECT rowid FROM events WHERE {where} ORDER BY {ordering} LIMIT ? OFFSET ?",
        [*params, page_size, (page - 1) * page_size]).fetchall()]
    rows = store.query(
        f"SELECT * FROM events WHERE rowid = ANY(?) ORDER BY {ordering}", [ids]) if ids else []
    return EventPage(total=int(total), events=[event_record(row) for row in rows])


def _event_where(selection: EventFilter, outlet: str | None) -> tuple[str, list[Any]]:
    where, params = selection.sql()
    if outlet:
        # events carry no outlet; the article does (GDELT rows have no article and never match)
        where += " AND article_id IN (SELECT article_id FROM articles WHERE source = ?)"
        params = [*params, outlet]
    return where, params


def event_count(store: Store, selection: EventFilter, outlet: str | None) -> int:
    """How many events match the filter."""
    where, params = _event_where(selection, outlet)
    return int(store.con.execute(f"SELECT count(*) FROM events WHERE {where}", params)
               .fetchone()[0])


def event_rows(store: Store, selection: EventFilter, outlet: str | None, sort: str = "date",
               order: str = "asc", limit: int = 100_000) -> list[dict[str, Any]]:
    """Every event matching the filter (at most ``limit``), as flat rows: a CSV download."""
    where, params = _event_where(selection, outlet)
    ordering = (f'"{SORT_COLUMNS[sort]}" {"DESC" if order == "desc" else "ASC"} NULLS LAST, '
                "rowid")
    return store.query(f"SELECT * FROM events WHERE {where} ORDER BY {ordering} LIMIT ?",
                       [*params, limit])


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row as the JSON event record (nested actors and trigger)."""
    return nest_row(row)


def one_event(store: Store, event_id: str) -> dict[str, Any] | None:
    rows = store.query("SELECT * FROM events WHERE event_id = ?", [event_id])
    return event_record(rows[0]) if rows else None


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """An article with its sentences and events (every report, in text order)."""
    rows = store.query(
        "SELECT article_id, doc_id, source, url, title, date, date_source, text, language, "
        "duplicate_of, ingested_at FROM articles WHERE article_id = ?", [article_id])
    if not rows:
        return None
    record = _plain(rows[0])
    record["outlet"] = record.pop("source")
    record["sentences"] = [
        {"index": s["sentence_index"], "start": s["start_char"], "end": s["end_char"]}
        for s in store.query(
            "SELECT sentence_index, start_char, end_char FROM sentences WHERE article_id = ? "
            "ORDER BY sentence_index", [article_id])
    ]
    record["events"] = [
        event_record(row) for row in store.query(
            "SELECT * FROM events WHERE article_id = ? "
            "ORDER BY sentence_index, trigger_start, event_id", [article_id])
    ]
    record["people"] = article_people(store, article_id)
    record["transfers"] = [
        transfer_record(row) for row in store.query(
            "SELECT * FROM arms_transfers WHERE article_id = ? "
            "ORDER BY sentence_index, trigger_start, transfer_id", [article_id])
    ] if has_table(store, "arms_transfers") else []
    return record


def has_table(store: Store, name: str) -> bool:
    """Whether the store has a table (one made before people and transfers lacks them, and a
    read-only connection cannot add them)."""
    return bool(store.con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()[0])


# ---- people ---------------------------------------------------------------------------------
def article_people(store: Store, article_id: str) -> list[dict[str, Any]]:
    """The people an article introduces, in text order, shaped like the coder's person actors
    (``start``/``end``: the document offsets of the introducing mention)."""
    if not has_table(store, "people"):
        return []
    rows = store.query(
        "SELECT name, role, country, sector, code, text, start_char, end_char FROM people "
        "WHERE article_id = ? ORDER BY start_char NULLS LAST, name", [article_id])
    return [{"name": r["name"], "role": r["role"], "country": r["country"],
             "sector": r["sector"], "code": r["code"], "text": r["text"], "kind": "person",
             "start": r["start_char"], "end": r["end_char"]} for r in rows]


def people(store: Store, country: str | None, name: str | None) -> list[dict[str, Any]]:
    """``Store.people``: everyone found in the stored articles, most active first; with
    ``name``, those whose name contains it (any case; "%" and "_" are themselves)."""
    if not has_table(store, "people"):
        return []
    return [_plain(row) for row in store.people(country=country, name=name)]


# ---- arms transfers -------------------------------------------------------------------------
@dataclass(frozen=True)
class TransferPage:
    total: int
    transfers: list[dict[str, Any]]


def transfer_page(store: Store, selection: TransferFilter, page: int,
                  page_size: int) -> TransferPage:
    """One page of arms transfers (oldest first), and how many match in all."""
    if not has_table(store, "arms_transfers"):
        return TransferPage(0, [])
    where, params = selection.sql()
    total = store.con.execute(
        f"SELECT count(*) FROM arms_transfers WHERE {where}", params).fetchone()[0]
    rows = store.query(
        f"SELECT * FROM arms_transfers WHERE {where} "
        "ORDER BY date NULLS LAST, article_id, sentence_index, trigger_start, rowid "
        "LIMIT ? OFFSET ?", [*params, page_size, (page - 1) * page_size])
    return TransferPage(int(total), [transfer_record(row) for row in rows])


def transfer_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored arms_transfers row in the coder's nested shape: supplier and recipient objects,
    the equipment list, the trigger; ``categories``/``designations`` as lists."""
    record = _plain(row)
    for side in ("supplier", "recipient"):
        actor = {name: record.pop(f"{side}_{name}", None) for name in ("code", "country", "text")}
        record[side] = actor if actor["code"] or actor["text"] else None
    equipment = equipment_list(record.get("equipment"))
    record["equipment"] = equipment if isinstance(equipment, list) else []
    for key in ("categories", "designations"):
        record[key] = [part for part in (record.get(key) or "").split(",") if part]
    record["trigger"] = {name: record.pop(f"trigger_{name}", None)
                         for name in ("text", "start", "end")}
    return record


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}


def outlets(store: Store, limit: int = 200) -> list[str]:
    """Outlets with most articles first (for the filter's suggestions)."""
    rows = store.con.execute(
        "SELECT source FROM articles WHERE source IS NOT NULL GROUP BY source "
        "ORDER BY count(*) DESC, source LIMIT ?", [limit]).fetchall()
    return [row[0] for row in rows]


@functools.cache
def equipment_categories() -> frozenset[str]:
    """The equipment categories an arms transfer can carry (data/equipment.yaml)."""
    return frozenset(str(name) for name in read_packaged("equipment.yaml").get("categories") or {})


def known_codes() -> frozenset[str]:
    """Country and IGO codes a dyad may name (the codes the coder can produce)."""
    from detente.actors.lexicon import load_actor_lexicon

    lexicon = load_actor_lexicon()
    return frozenset(e.country for e in lexicon.entries.values() if e.country)
