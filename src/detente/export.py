"""Export stored events to files other tools read: Parquet, CSV, JSONL, PLOVER, Phoenix, ICEWS,
POLECAT and GDELT.

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
  plus detente's own fields (``PLOVER_EXTRAS``); an optional field with no value is null.
  An entity's ``code`` is the manual's: ISO alpha-3, KOS, or UNO, EUR (the EU), IGO and the
  manual's other non-state codes (``plover_entity_code``).
  Events that cannot be valid records are left out and counted (``LEFT_OUT``): those of
  CAMEO roots 01 and 02, which PLOVER has no event type for, those without the date or
  the actor the manual requires, and those of a regional actor or recipient (CAMEO's AFR,
  EUR, MEA ...), which the manual does not code.
- ``phoenix`` -> ``events.phoenix.tsv``: the tab-separated columns of the Phoenix/PETRARCH
  event data (``PHOENIX_COLUMNS``), without a header as Phoenix files are, "" for unknowns.
- ``icews`` -> ``events.icews.tab``: the 20 columns of the ICEWS Coded Event Data files, with
  their header line, as ``detente import icews`` reads them (``icews_row``), so a series
  ICEWS ended in 2023 goes on in the tools that read its files.
- ``polecat`` -> ``events.polecat.txt``: the 40 columns of the POLECAT release files with
  their header (``polecat_row``), which ``detente import polecat`` reads back.
- ``gdelt`` -> ``events.export.CSV`` and ``gdelt-mentions`` -> ``events.mentions.CSV``:
  GDELT 2.0's event table (``gdelt_row``; ``detente import gdelt`` reads it back) and its
  mentions table, each report of an event with the sentence and the offsets that prove it
  (``gdelt_mention_row``).

Arms transfers go beside the events (``export_transfers``: parquet, csv, jsonl), selected by
the filters that have a meaning for them.

The field lists of the specifications are data (``data/export_specs.yaml``); a conformance
test checks every format against them. The column lists are also tabled in docs/export_formats.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import mmap
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from detente import __version__
from detente.actors.lexicon import igo_codes, state_names
from detente.cleantext import without_controls
from detente.codebook import load_codebook
from detente.config import EXPORT_FORMATS
from detente.datafiles import read_packaged
from detente.ingest.gdelt import cameo_regions, country_fips, gdelt_columns
from detente.ingest.icews import columns, country_name, sector_name
from detente.ingest.polecat import ID_PREFIX as POLECAT_ID_PREFIX
from detente.ingest.polecat import columns as polecat_columns
from detente.ingest.polecat import quad_code_words
from detente.jsontext import json_text
from detente.model import (
    EVENT_COLUMNS,
    GDELT_ACTOR_FIELDS,
    GDELT_COLUMNS,
    GDELT_GEOS,
    ICEWS_COLUMNS,
    MODALITIES,
    TRANSFER_COLUMNS,
    equipment_list,
    nest_row,
    sentence_cell,
)
from detente.outfiles import output_directory, replacing
from detente.petrarch import petrarch_igo_codes
from detente.store import EventFilter, Store, TransferFilter, actor_match, quoted

FORMATS = EXPORT_FORMATS
FILE_NAMES = {
    "parquet": "events.parquet",
    "csv": "events.csv",
    "jsonl": "events.jsonl",
    "plover": "events.plover.jsonl",
    "phoenix": "events.phoenix.tsv",
    "icews": "events.icews.tab",
    # GDELT 2.0 names its files YYYYMMDDHHMMSS.export.CSV and .mentions.CSV (tab-separated)
    "gdelt": "events.export.CSV",
    "gdelt-mentions": "events.mentions.CSV",
    "polecat": "events.polecat.txt",
}
# Columns the events table does not have, joined from the article: who published it, and its
# headline. Exported after EVENT_COLUMNS in parquet and csv.
ARTICLE_EXTRAS = ("outlet", "title")
# Fields of a PLOVER record beyond the manual's table: the manual lets a provider add fields
# under names of its own (PLOVER_MANUAL.tex line 1343).
PLOVER_EXTRAS = ("cameo_code", "modality", "confidence", "origin", "version")
# Fields of the manual's information objects that detente adds: the trigger words (text_info)
# and the article's publication date (cite_info), which the manual has no names for.
TEXT_INFO_EXTRAS = ("wording",)
CITE_INFO_EXTRAS = ("publication_date",)
# PLOVER has no event type for CAMEO's "make public statement" and "appeal" roots.
PLOVER_DROPPED_ROOTS = ("01", "02")
# Why an event is left out of a format, and the note that counts them. PLOVER's reasons are
# checked in this order (an event counts under the first that applies); the manual requires
# id, date, actor and event (table "PLOVER JSON", PLOVER_MANUAL.tex lines 1358-1366).
LEFT_OUT = {
    "root": "of CAMEO roots 01-02 left out of {name}: PLOVER has no event type for public "
            "statements and appeals",
    "type": "with a CAMEO code outside the codebook left out of {name}: it has no PLOVER "
            "event type",
    "date": "without a date left out of {name}: PLOVER requires one (YYYY-MM-DD)",
    # PLOVER_MANUAL.tex, section "Country names" (line 1211): an actor that a report makes a
    # region or a worldwide grouping has no country name, and its events are not coded. Its EUR
    # is the European Union, not CAMEO's Europe: writing GDELT's EUR as the code would have
    # turned Europe into the EU.
    "region": "with a regional actor or recipient left out of {name}: PLOVER codes no event "
              "of a region (CAMEO's AFR, EUR, MEA ...)",
    "actor": "without an actor left out of {name}: PLOVER requires an actor entity, and these "
             "name none (no code, sector, name or words)",
    "gdelt": "without a date or a CAMEO code left out of {name}: GDELT has no event without "
             "a day and an event code",
    "cameo": "without a CAMEO code (imported from POLECAT, which codes PLOVER) left out of "
             "{name}: the format has no event without one",
    "modality": "not asserted (future, intended, possible, conditional) left out of {name}: "
                "the format has no field to say so and its readers take every row as done; "
                "--modality names those to write anyway",
}
# Formats with no field for an event's modality: a hypothetical attack written there reads as
# one that happened, so by default they hold asserted events only.
UNMARKED_MODALITY_FORMATS = ("icews", "phoenix", "gdelt", "gdelt-mentions")
ASSERTED = "asserted"
CODER = f"detente {__version__}"


@functools.cache
def load_export_specs() -> dict[str, Any]:
    """The field lists of PLOVER and Phoenix (data/export_specs.yaml)."""
    return read_packaged("export_specs.yaml")


@functools.cache
def load_plover_crosswalk() -> dict[str, tuple[str | None, tuple[str, ...]]]:
    """CAMEO code -> (PLOVER mode, PLOVER contexts), from data/plover.yaml."""
    codes = read_packaged("plover.yaml").get("codes") or {}
    return {str(code): (mode, tuple(contexts or ())) for code, (mode, contexts) in codes.items()}


@functools.cache
def load_auxiliary_modes() -> tuple[dict[str, str], dict[str, str]]:
    """From data/export_specs.yaml: detente modality -> PLOVER auxiliary mode, and PLOVER event
    type -> the auxiliary mode the type already holds (AGREE: future)."""
    spec = load_export_specs()["plover"]
    return dict(spec["auxiliary_modes"]), dict(spec["implied_auxiliary_modes"])


@functools.cache
def load_phoenix() -> tuple[dict[str, str], dict[str, int]]:
    """From data/phoenix.yaml: detente IGO code -> PETRARCH's code (those PETRARCH lacks as
    IGO + code), and CAMEO root -> Phoenix's QuadClass."""
    table = read_packaged("phoenix.yaml")
    igos = petrarch_igo_codes()
    quads = {str(root): int(quad) for root, quad in (table.get("quad_classes") or {}).items()}
    return igos, quads


@functools.cache
def load_phoenix_goldstein() -> dict[str, float]:
    """From data/phoenix.yaml: CAMEO code -> the GoldsteinScore Phoenix writes for it, where it
    differs from detente's codebook weight."""
    table = read_packaged("phoenix.yaml").get("goldstein_scores") or {}
    return {str(code): float(weight) for code, weight in table.items()}


def phoenix_goldstein_score(code: str | None) -> float | None:
    """The GoldsteinScore Phoenix gives a CAMEO code: postprocess.py's process_cameo writes
    its table's weight of the code, else of its root (``load_phoenix_goldstein`` where that
    is not detente's weight, else the codebook's); None for a code outside the codebook."""
    if not code:
        return None
    if code in (differing := load_phoenix_goldstein()):
        return differing[code]
    codebook = load_codebook()
    return codebook.get(code).goldstein if code in codebook else None


PLOVER_FIELDS = tuple(
    name for name in load_export_specs()["plover"]["fields"]
    if name in ("id", "date", "enddate", "actor", "recipient", "event", "event_loc",
                "event_text", "quad_code", "event_scale", "mode", "context", "text_info",
                "cite_info", "coder")
) + PLOVER_EXTRAS
PHOENIX_COLUMNS = tuple(load_export_specs()["phoenix"]["columns"])
PHOENIX_LIST_SEPARATOR = ";"  # between the reports of an event (postprocess.py, lines 41-43)
DEFAULT_LANGUAGE = "en"  # detente codes English text; GDELT's event export is its English stream
# Oldest first like Store.events; event_id last so that the order is total (GDELT rows share
# NULL article ids and sentence indexes).
ORDER_BY = ("date NULLS LAST", "article_id NULLS LAST", "sentence_index", "trigger_start",
            "event_id")
FETCH_ROWS = 10_000


def export_events(
    store: Store, out_dir: Path, fmt: str, selection: EventFilter | None = None,
    on_note: Callable[[str], None] | None = None, replace: bool = True,
) -> Path:
    """Write the selected events to ``out_dir`` in format ``fmt``; return the file written.

    ``on_note`` hears what a format could not carry, one line per reason (PLOVER: events of
    roots 01-02, without a date, without an actor, left out). With ``replace`` False a file
    already there is not replaced (a WriteError says so).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    path = output_directory(out_dir) / FILE_NAMES[fmt]
    selection = selection or EventFilter()
    left_out: Counter[str] = Counter()
    # a failed write leaves no half-written file under its name
    with replacing(path, replace) as part:
        if fmt in ("parquet", "csv"):
            _copy(store, part, fmt, selection)
        else:
            chosen = _format_selection(selection, fmt)
            unmarked: Counter[str] = Counter()
            if fmt in UNMARKED_MODALITY_FORMATS and chosen.modality is None:
                # (in the query, so that --limit counts what is written)
                unmarked = _unasserted(store, dataclasses.replace(
                    chosen, modality=[m for m in MODALITIES if m != ASSERTED], limit=None), fmt)
                chosen = dataclasses.replace(chosen, modality=[ASSERTED])
            with part.open("w", encoding="utf-8", newline="") as stream:
                writer = WRITERS[fmt]
                if fmt == "icews":  # (the numbers the store's imported events hold kept)
                    writer = functools.partial(_write_icews, ids=store_icews_ids(store))
                left_out = writer(_rows(store, chosen, fmt), stream) + unmarked
    if on_note:
        for reason, template in LEFT_OUT.items():
            if left_out[reason]:
                # (the mentions table's rows are reports, several of one event)
                counted = "report(s)" if fmt == "gdelt-mentions" else "event(s)"
                on_note(f"{left_out[reason]} {counted} {template.format(name=path.name)}")
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


def _rows(store: Store, selection: EventFilter, fmt: str = "") -> Iterator[dict[str, Any]]:
    """Selected events with their article's outlet and date (and what format ``fmt`` joins
    besides: ``ROW_JOINS``), streamed a chunk at a time."""
    sql, params = _selected_sql(selection)
    extra_columns, extra_joins = ROW_JOINS.get(fmt, ("", ""))
    if fmt == "phoenix" and selection.all_reports:
        extra_columns, extra_joins = "", ""  # (every report is a row of its own)
    # The selection is a subquery: its WHERE clause names columns the articles table also has.
    joined = (
        f"SELECT e.*, a.source AS article_source, a.date AS published, "
        f"a.language AS article_language, a.title AS article_title{extra_columns} "
        f"FROM ({sql}) e LEFT JOIN articles a ON a.article_id = e.article_id{extra_joins} "
        f"ORDER BY {_order('e.')}"
    )
    cursor = store.cursor()  # its own cursor: the stream does not block the connection
    try:
        cursor.execute(joined, params)
        names = [d[0] for d in cursor.description]
        while chunk := cursor.fetchmany(FETCH_ROWS):
            for values in chunk:
                yield dict(zip(names, values, strict=True))
    finally:
        cursor.close()


# What the GDELT formats join to each event: GDELT's own fields of an imported GDELT event
# (g_*), the article's ingestion time and length, and the reports of the event's story.
_GDELT_COLUMNS = (
    ", a.ingested_at AS ingested_at, length(a.text) AS article_length, "
    "r.reports AS story_reports, r.outlets AS story_outlets, r.first_seen AS story_seen, "
    + ", ".join(f'g."{name}" AS "g_{name}"' for name in GDELT_COLUMNS if name != "event_id"))
_GDELT_JOINS = (
    " LEFT JOIN gdelt_events g ON g.event_id = e.event_id"
    " LEFT JOIN (SELECT coalesce(s.duplicate_of, s.event_id) AS story_event,"
    " count(*) AS reports, count(DISTINCT sa.source) AS outlets,"
    " min(sa.ingested_at) AS first_seen FROM events s"
    " LEFT JOIN articles sa ON sa.article_id = s.article_id GROUP BY 1) r"
    " ON r.story_event = coalesce(e.duplicate_of, e.event_id)")
# What the PLOVER format joins: an imported POLECAT event's own mode, contexts and source.
_POLECAT_COLUMNS = (", p.event_mode AS polecat_mode, p.contexts AS polecat_contexts, "
                    "p.source AS polecat_source, p.language AS polecat_language")
_POLECAT_JOINS = " LEFT JOIN polecat_events p ON p.event_id = e.event_id"
# What the ICEWS format joins: an imported ICEWS event's own fields, as its file had them.
_ICEWS_OWN = tuple(name for name in ICEWS_COLUMNS if name not in ("event_id", "source_file",
                                                                   "extra"))
_ICEWS_COLUMNS = ", " + ", ".join(f'i."{name}" AS "i_{name}"' for name in _ICEWS_OWN)
_ICEWS_JOINS = " LEFT JOIN icews_events i ON i.event_id = e.event_id"
# What the Phoenix format joins to the first report of a story told again (``duplicate_of``):
# every report's sentence id, URL and outlet, the first report's first, as Phoenix's one-a-day
# filter gathers them (the repeats' "ids", "urls" and "sources" appended to the first's).
_PHOENIX_REPORT_ORDER = ("s.duplicate_of IS NOT NULL, s.date NULLS LAST, s.article_id NULLS "
                         "LAST, s.sentence_index, s.trigger_start, s.event_id")
_PHOENIX_COLUMNS = (", ph.sentence_ids AS story_sentence_ids, ph.urls AS story_urls, "
                    "ph.sources AS story_sources")
_PHOENIX_JOINS = (
    " LEFT JOIN (SELECT coalesce(s.duplicate_of, s.event_id) AS story_event,"
    " list(CASE WHEN s.article_id IS NOT NULL AND s.sentence_index IS NOT NULL"
    f" THEN s.article_id || '_' || s.sentence_index END ORDER BY {_PHOENIX_REPORT_ORDER})"
    f" AS sentence_ids, list(s.source_url ORDER BY {_PHOENIX_REPORT_ORDER}) AS urls,"
    f" list(sa.source ORDER BY {_PHOENIX_REPORT_ORDER}) AS sources FROM events s"
    " LEFT JOIN articles sa ON sa.article_id = s.article_id"
    " WHERE coalesce(s.duplicate_of, s.event_id) IN"
    " (SELECT duplicate_of FROM events WHERE duplicate_of IS NOT NULL) GROUP BY 1) ph"
    " ON ph.story_event = e.event_id AND e.duplicate_of IS NULL")
ROW_JOINS = {"gdelt": (_GDELT_COLUMNS, _GDELT_JOINS),
             "phoenix": (_PHOENIX_COLUMNS, _PHOENIX_JOINS),
             "icews": (_ICEWS_COLUMNS, _ICEWS_JOINS),
             "gdelt-mentions": (_GDELT_COLUMNS, _GDELT_JOINS),
             "plover": (_POLECAT_COLUMNS, _POLECAT_JOINS),
             "polecat": (_POLECAT_COLUMNS, _POLECAT_JOINS)}


def _unasserted(store: Store, selection: EventFilter, fmt: str) -> Counter[str]:
    """The events left out for not being asserted, counted under the reason the format's
    writer would give first: one it could not write anyway (no CAMEO code, or for GDELT no
    date) is counted as such, the others under "modality"."""
    where, params = selection.sql()
    gdelt = fmt.startswith("gdelt")
    unwritable = ("date IS NULL OR " if gdelt else "") + "coalesce(cameo, '') = ''"
    other, unasserted = store.con.execute(
        f"SELECT count(*) FILTER (WHERE {unwritable}), count(*) FILTER (WHERE NOT "
        f"({unwritable})) FROM events WHERE {where}", params).fetchone()
    return Counter({"gdelt" if gdelt else "cameo": other, "modality": unasserted})


def _format_selection(selection: EventFilter, fmt: str) -> EventFilter:
    """GDELT's mentions table lists every report of an event (the reports of a repeated story
    are its rows: those of the stories the event table holds, whatever a repeat reads), and its
    event table each event once (the reports counted in NumArticles): ``--all-reports`` means
    nothing to either."""
    if fmt in ("gdelt-mentions", "gdelt"):
        mentions = fmt == "gdelt-mentions"
        return dataclasses.replace(selection, all_reports=mentions, by_story=mentions)
    return selection


def _order(prefix: str = "") -> str:
    return ", ".join(prefix + part for part in ORDER_BY)


# ---- the formats written row by row -------------------------------------------------------------
def _write_jsonl(rows: Iterator[dict[str, Any]], stream: IO[str]) -> Counter[str]:
    for row in rows:
        record = nest_row({name: row[name] for name in EVENT_COLUMNS})
        stream.write(json_text(record) + "\n")
    return Counter()


def plover_omission(row: dict[str, Any]) -> str | None:
    """Why a stored event cannot be a valid PLOVER record (a key of ``LEFT_OUT``), or
    None when it can be one."""
    if row["cameo_root"] in PLOVER_DROPPED_ROOTS:
        return "root"
    if not row["plover"]:  # a code outside the codebook, imported before imports refused them
        return "type"
    if not row["date"]:
        return "date"
    if _regional(row, "source") or _regional(row, "target"):
        return "region"
    if _plover_entity(row, "source") is None:
        return "actor"
    return None


def _regional(row: dict[str, Any], role: str) -> bool:
    """Whether an actor is one of CAMEO's regions: its country (a store from before regions
    became null), else the first part of its code (GDELT's AFR, MEAREB keep their codes)."""
    country, code = row[f"{role}_country"], row[f"{role}_code"] or ""
    return (country or code[:3]) in cameo_regions()


def plover_record(row: dict[str, Any]) -> dict[str, Any] | None:
    """One stored event as a PLOVER JSON record (``PLOVER_FIELDS``); None when the event
    cannot be one (``plover_omission``).

    ``mode`` and ``context`` are the CAMEO-to-PLOVER crosswalk's for the code, the mode as
    one of the manual's modes of the type (``manual_mode``; an imported POLECAT event's own,
    which are PLOVER's already); ``context`` also takes the manual's
    auxiliary mode of detente's modality (``plover_auxiliary_mode``). An optional field with
    no value is null, as the manual has it for mode and context (PLOVER_MANUAL.tex line 141),
    not an empty list.
    """
    if plover_omission(row):
        return None
    mode, contexts = _plover_mode_and_contexts(row)
    auxiliary = plover_auxiliary_mode(row["modality"], row["plover"])
    date, end = row["date"], row["date_end"]
    recipient = _plover_entity(row, "target")
    record = {
        "id": row["event_id"],
        "date": _iso(date),
        "enddate": _iso(end) if end and end != date else None,
        "actor": [_plover_entity(row, "source")],
        "recipient": [recipient] if recipient else None,
        "event": [row["plover"]],
        "event_loc": _plover_place(row),
        "event_text": [sentence_cell(row["sentence"])] if row["sentence"] else None,
        "quad_code": load_codebook().plover_types.get(row["plover"]),
        "event_scale": row["goldstein"],
        "mode": [mode] if mode else None,
        "context": _with_auxiliary(contexts, auxiliary) or None,
        "text_info": {"sequence": _sentence_number(row["sentence_index"]),
                      "start": row["trigger_start"], "end": row["trigger_end"],
                      "wording": row["trigger_text"]},
        # the manual's citation names (lines 1469-1492): the store's article id is the
        # database identifier of the text, the outlet its publisher
        "cite_info": {"citation": row["article_id"], "url": row["source_url"],
                      "title": row.get("article_title"),
                      "language": row.get("article_language") or DEFAULT_LANGUAGE,
                      "publication": row.get("article_source") or row.get("polecat_source"),
                      "publication_date": _iso(row.get("published") or row["article_date"])},
        "coder": CODER,
        "cameo_code": row["cameo"],
        "modality": row["modality"],
        "confidence": row["confidence"],
        "origin": row["origin"],
        "version": __version__,
    }
    return {name: record[name] for name in PLOVER_FIELDS}


def _sentence_number(index: int | None) -> int | None:
    """The manual's text_info ``sequence`` (the sentence's number, line 1438; where counting
    starts is not said) counted from 1, as the field's other sentence numbers are: GDELT's
    mentions SentenceID (its codebook: the first sentence is 1) and ICEWS's Sentence Number
    (1 to 6 in its files). detente's sentence_index counts from 0."""
    return None if index is None else index + 1


def _plover_mode_and_contexts(row: dict[str, Any]) -> tuple[str | None, tuple[str, ...]]:
    if row["origin"] == "polecat":
        contexts = (row.get("polecat_contexts") or "").split("|")
        return row.get("polecat_mode"), tuple(c.strip() for c in contexts if c.strip())
    mode, crosswalk = load_plover_crosswalk().get(row["cameo"] or "", (None, ()))
    contexts = manual_contexts(crosswalk)
    written = manual_mode(mode, row["plover"])
    if written is None and _manual_context(mode) and mode not in contexts:
        # (CAMEO 175's "pro_autocracy": the manual's context, which a null mode had lost)
        contexts = (*contexts, mode)
    return written, contexts


def manual_contexts(contexts: tuple[str, ...]) -> tuple[str, ...]:
    """The crosswalk's contexts as the manual's (export_specs.yaml ``context_renames``): the
    2021 crosswalk's "democracy" is the context the manual renamed ``pro_democracy``; a
    context that is none of the manual's (its "humanitarian", which the manual dropped) is
    left out: the manual leaves the field null when none of its values fits (line 141)."""
    renames = load_export_specs()["plover"]["context_renames"]
    written = (renames.get(context, context) for context in contexts)
    return tuple(context for context in written if _manual_context(context))


def _manual_context(word: str | None) -> bool:
    """Whether a word is one of the manual's general contexts (export_specs.yaml
    ``contexts``)."""
    return bool(word) and word in load_export_specs()["plover"]["contexts"]


def manual_mode(mode: str | None, event_type: str | None) -> str | None:
    """The crosswalk's mode as one of the manual's modes of the event type (export_specs.yaml
    ``modes``): the 2021 crosswalk names some that the manual's tables dropped or call
    otherwise (ASSAULT "assassinate" is "targeted"; ``mode_renames``); None where no mode of
    the manual fits, the null the manual asks for then (PLOVER_MANUAL.tex line 141)."""
    if not mode or not event_type:
        return None
    spec = load_export_specs()["plover"]
    mode = (spec["mode_renames"].get(event_type) or {}).get(mode, mode)
    return mode if mode in (spec["modes"].get(event_type) or ()) else None


def _with_auxiliary(contexts: tuple[str, ...], auxiliary: str | None) -> list[str]:
    """The contexts and the auxiliary mode, once (an imported POLECAT event's own contexts
    may hold it already: a round trip added it again each time)."""
    return [*contexts, *([auxiliary] if auxiliary and auxiliary not in contexts else [])]


def plover_auxiliary_mode(modality: str | None, event_type: str | None) -> str | None:
    """The manual's auxiliary mode for detente's modality (future, hypothetical), put in
    ``context`` as the manual says (PLOVER_MANUAL.tex line 217); None for an asserted event,
    and None where the event type already holds that mode (line 225: AGREE is SUPPORT +
    future, THREATEN is ASSAULT + hypothetical, and the single type is what a coder returns).
    """
    modes, implied = load_auxiliary_modes()
    auxiliary = modes.get(modality or "")
    return None if auxiliary == implied.get(event_type or "") else auxiliary


def _plover_entity(row: dict[str, Any], role: str) -> dict[str, Any] | None:
    """An actor as the manual's entity object: the resolved name, not the mention ("his");
    None when nothing is known of it (a GDELT row with empty actor fields)."""
    country = row[f"{role}_country"]
    entity = {
        "code": plover_entity_code(country, row[f"{role}_code"]),
        "sector": "".join(plover_sectors(country, row[f"{role}_sector"])) or None,
        "entity_text": row[f"{role}_text"],
        "identifier_text": row[f"{role}_name"] or state_names().get(country or ""),
        "office": row[f"{role}_role"],
    }
    return entity if any(entity.values()) else None


def plover_entity_code(country: str | None, code: str | None) -> str | None:
    """An actor's ``code`` as the PLOVER manual writes it (export_specs.yaml ``entity_codes``):
    a state's ISO alpha-3 code (KOS for Kosovo), UNO, EUR for the EU, IGO for every other IGO;
    with no country, the actor code's root when it is one of the manual's non-state codes
    (IMGMUSISI -> IMG), else None: a bare CAMEO code such as REB is no entity code."""
    renamed, igo, non_state = load_plover_entity_codes()
    if country:
        country = plover_country(country)
        return renamed.get(country) or (igo if country in igo_codes() else country)
    root = (code or "")[:3]
    return root if root in non_state else None


def plover_country(country: str) -> str:
    """The state whose country name the manual gives an actor of ``country``: a dependency's
    controlling state (Puerto Rico: USA), a partially recognized entity's claimant (Western
    Sahara: MAR), else the country itself (export_specs.yaml ``dependencies``,
    ``partially_recognized``; PLOVER_MANUAL.tex lines 1214, 1245-1260)."""
    spec = load_export_specs()["plover"]
    return spec["dependencies"].get(country) or spec["partially_recognized"].get(country) or country


def plover_sectors(country: str | None, sector: str | None) -> list[str]:
    """An actor's sectors in the manual's codes: its own (``plover_sector``), then PRE for an
    actor of a partially recognized entity, which the manual adds beside the sectors the
    actor has anyway (line 1257)."""
    spec = load_export_specs()["plover"]
    own = [renamed] if (renamed := plover_sector(sector)) else []
    pre = [spec["partially_recognized_sector"]] if country in spec["partially_recognized"] else []
    return own + pre


def plover_sector(sector: str | None) -> str | None:
    """A CAMEO sector as the PLOVER manual's sector code (export_specs.yaml `sector_codes`):
    most are the same letters, but CAMEO's media is PLOVER's JRN and CAMEO's health PLOVER's
    MED ("Sector code notes", PLOVER_MANUAL.tex lines 1309-1316)."""
    if not sector:
        return None
    return load_export_specs()["plover"]["sector_codes"].get(sector, sector)


@functools.cache
def load_plover_entity_codes() -> tuple[dict[str, str], str, frozenset[str]]:
    """From data/export_specs.yaml: detente code -> the manual's where they differ, the code of
    the other IGOs, and the manual's codes of international non-state actors."""
    spec = load_export_specs()["plover"]
    return dict(spec["entity_codes"]), str(spec["igo"]), frozenset(spec["non_state"])


def _plover_place(row: dict[str, Any]) -> dict[str, Any] | None:
    """The event's place as the manual's location object (lines 1495-1520): the words of the
    text and the gazetteer's name, the country's name and ISO code, GeoNames' feature class and
    code where detente's feature has one (data/export_specs.yaml ``location_features``).

    ``country_code`` takes the 3-letter codes of the actor countries (line 1511): Kosovo, which
    has no ISO code, is the manual's KOS there too (``entity_codes``), while a dependency keeps
    its own code, the manual's way to find the events in a dependency (line 1249)."""
    if not row["location_name"]:
        return None
    country = row["location_country"]
    renamed = load_plover_entity_codes()[0]
    feature = load_export_specs()["plover"]["location_features"].get(
        row["location_feature"] or "", {})
    return {
        "extracted_place": row["location_text"],
        "resolved_place": row["location_name"],
        "lat": row["location_lat"],
        "lon": row["location_lon"],
        "country": state_names().get(country or ""),
        "country_code": renamed.get(country or "", country),
        "feature_class": feature.get("feature_class"),
        "feature_code": feature.get("feature_code"),
        "resolution": feature.get("resolution"),
    }


def _write_plover(rows: Iterator[dict[str, Any]], stream: IO[str]) -> Counter[str]:
    left_out: Counter[str] = Counter()
    for row in rows:
        record = plover_record(row)
        if record is None:
            left_out[plover_omission(row) or ""] += 1
            continue
        stream.write(json_text(record) + "\n")
    return left_out


# ---- polecat ------------------------------------------------------------------------------------
# A GeoNames feature code for each of detente's place features: the general code of the class
# (PCLI an independent political entity, PPL a populated place, ADM1 a first-order division)
POLECAT_FEATURE_CODES = {"country": "PCLI", "city": "PPL", "region": "ADM1"}
POLECAT_LIST_SEPARATOR = " | "  # between a slot's sectors, and an event's contexts
POLECAT_NO_MODE = "NA"  # Event Mode of a type that has no modes, in the release files


def polecat_row(row: dict[str, Any]) -> list[str]:
    """One stored event as the 40 columns of a POLECAT release file (``polecat.columns()``,
    with their header), "None" for what is unknown, as those files write it.

    POLECAT codes in PLOVER: the event type, the quad class of the type, mode and contexts are
    the PLOVER export's (``plover_record``), the intensity is the Goldstein weight. Countries
    are written by name, an IGO by its usual name ("United Nations": POLECAT's files have
    such names there as well as "Intergovernmental Organization", and the name lets `import
    polecat` read a person of an IGO back as the IGO); the place's country is ISO alpha-3.
    COW codes, Wikipedia and GeoNames ids and the story's people, organizations and places are
    "None": detente does not keep them."""
    mode, contexts = _plover_mode_and_contexts(row)
    feature = row["location_feature"]
    values: dict[str, Any] = {
        # an event imported from POLECAT keeps its Event ID (importing such events back into
        # the same store adds nothing); an actor-recipient pair of a row keeps its slot numbers
        "polecat_event_id": (row["event_id"].removeprefix(POLECAT_ID_PREFIX)
                             if row["origin"] == "polecat" else row["event_id"]),
        "event_date": _iso(row["date"]),
        "event_type": row["plover"],
        "event_mode": mode or polecat_no_mode(row["plover"]),
        "intensity": f"{row['goldstein']:.2f}" if row["goldstein"] is not None else None,
        "quad_code": quad_code_words(load_codebook().plover_types.get(row["plover"] or "")),
        # (the auxiliary mode of a future or hypothetical event, as the PLOVER export has it)
        "contexts": POLECAT_LIST_SEPARATOR.join(_with_auxiliary(contexts, plover_auxiliary_mode(
            row["modality"], row["plover"]))) or None,
        **_polecat_actor(row, "source", "actor"), **_polecat_actor(row, "target", "recipient"),
        "placename": row["location_name"],
        "city": row["location_name"] if feature == "city" else None,
        "province": row["location_name"] if feature == "region" else None,
        "country": row["location_country"],
        "latitude": row["location_lat"], "longitude": row["location_lon"],
        "raw_placename": row["location_text"],
        "feature_type": POLECAT_FEATURE_CODES.get(feature or ""),
        "source": row.get("article_source") or row.get("polecat_source"),
        "publication_date": _iso(row.get("published") or row["article_date"]),
        "language": row.get("polecat_language") or "English",
        "version": CODER,
    }
    return [_cell(values.get(stored)) or "None" for stored in polecat_columns().values()]


def polecat_no_mode(event_type: str | None) -> str | None:
    """Event Mode of an event with none: "NA" for a type the manual gives no modes (AGREE,
    SUPPORT, CONCEDE, COOPERATE, AID: "Supplementary fields: None"), as the release files
    write it (data/polecat.yaml); None (written "None") for a type that has modes."""
    modes = load_export_specs()["plover"]["modes"]
    return POLECAT_NO_MODE if event_type and event_type not in modes else None


def _polecat_actor(row: dict[str, Any], role: str, prefix: str) -> dict[str, Any]:
    # POLECAT codes in PLOVER: its sectors are the manual's (CAMEO's media is JRN), and its
    # country names too (a dependency is its controlling state's, Western Sahara Morocco's)
    country = row[f"{role}_country"]
    sectors = plover_sectors(country, row[f"{role}_sector"])
    usual = state_names().get(country or "")
    state = state_names().get(plover_country(country)) if country else None
    return {
        f"{prefix}_name": row[f"{role}_name"] or usual,
        f"{prefix}_country": state,  # an IGO's too: `import polecat` reads it back by name
        f"{prefix}_primary_sector": sectors[0] if sectors else None,
        f"{prefix}_sectors": POLECAT_LIST_SEPARATOR.join(sectors) or None,
        f"{prefix}_title": row[f"{role}_role"],
        f"{prefix}_name_raw": row[f"{role}_text"],
    }


def _write_polecat(rows: Iterator[dict[str, Any]], stream: IO[str]) -> Counter[str]:
    # Tab-separated with a header line and no quoting, as the release files are; the events
    # PLOVER cannot take are left out and counted as the PLOVER export counts them.
    stream.write("\t".join(polecat_columns()) + "\n")
    left_out: Counter[str] = Counter()
    for row in rows:
        if reason := plover_omission(row):
            left_out[reason] += 1
            continue
        stream.write("\t".join(polecat_row(row)) + "\n")
    return left_out


def phoenix_row(row: dict[str, Any]) -> list[str]:
    """One stored event as Phoenix columns (``PHOENIX_COLUMNS``), "" for what is unknown.

    QuadClass is Phoenix's class of the CAMEO root (0..4, data/phoenix.yaml), not the store's
    (GDELT's convention); GoldsteinScore is Phoenix's weight of the code
    (``phoenix_goldstein_score``), not the store's, which is GDELT's scale for detente's events
    and ICEWS's intensity for ICEWS's. Actors are split as Phoenix splits them
    (``phoenix_actor_parts``). detente codes no issues and no province, so Issues and StateName
    are empty; SentenceID is PETRARCH2's <story>_<sentence> (from 0), "" for events without an
    article (GDELT).
    """
    date = row["date"]
    weight = phoenix_goldstein_score(row["cameo"])
    # PETRARCH2's sentence id, as phoenix_pipeline writes it: <story id>_<sentence>, the
    # sentence counted from 0 (utilities.story_filter makes it; geolocation.py splits it at
    # "_" and indexes the story's sentence list with it)
    sentence_id = (
        f"{row['article_id']}_{row['sentence_index']}"
        if row["article_id"] and row["sentence_index"] is not None else ""
    )
    values = {
        "EventID": row["event_id"],
        # not strftime: its %Y drops the zeros of a year below 1000 (0005-03-05 was "50305")
        "Date": date.isoformat().replace("-", "") if date else "",
        "Year": date.year if date else "",
        "Month": f"{date.month:02d}" if date else "",
        "Day": f"{date.day:02d}" if date else "",
        **_phoenix_actor(row, "source", "Source"),
        **_phoenix_actor(row, "target", "Target"),
        "EventCode": row["cameo"],
        "EventRootCode": row["cameo_root"],
        "QuadClass": load_phoenix()[1].get(row["cameo_root"] or "", row["quad_class"]),
        "GoldsteinScore": row["goldstein"] if weight is None else weight,
        "Lat": row["location_lat"],
        "Lon": row["location_lon"],
        "LocationName": row["location_name"],
        "CountryCode": row["location_country"],
        "SentenceID": sentence_id,
        "URLs": row["source_url"],
        "NewsSources": row.get("article_source"),
    }
    if row.get("story_urls"):  # a story told again: every report, as Phoenix joins them
        values.update(SentenceID=_phoenix_list(row["story_sentence_ids"]),
                      URLs=_phoenix_list(row["story_urls"]),
                      NewsSources=_phoenix_list(row["story_sources"]))
    return [_cell(values.get(name)) for name in PHOENIX_COLUMNS]


def _phoenix_list(values: list[str | None]) -> str:
    """A story's reports' values joined by ";", as postprocess.py's create_strings joins an
    event's ids, urls and sources (one of each per report, none left out, so the lists keep
    step; "" for a report that lacks one)."""
    return PHOENIX_LIST_SEPARATOR.join(_cell(value) for value in values)


def _phoenix_actor(row: dict[str, Any], role: str, prefix: str) -> dict[str, Any]:
    full = phoenix_actor_code(row, role)
    entity, agent, others = phoenix_actor_parts(full or "")
    return {f"{prefix}ActorFull": full, f"{prefix}ActorEntity": entity,
            f"{prefix}ActorRole": agent, f"{prefix}ActorAttribute": others}


def phoenix_actor_code(row: dict[str, Any], role: str) -> str | None:
    """An actor's code as CAMEO/PETRARCH write it: IGOs in PETRARCH's codes (IGOWSTNAT, not
    NAT), with no GOV sector (an IGO is no government: NATGOV is no Phoenix code); states
    CAMEO spells otherwise in CAMEO's spelling (XKXGOV -> KSVGOV)."""
    code, country, sector = row[f"{role}_code"], row[f"{role}_country"], row[f"{role}_sector"]
    igo = load_phoenix()[0].get(country or "")
    if igo and (row[f"{role}_kind"] == "igo" or (code or "").startswith(("IGO", country))):
        sector = None if sector == "GOV" else sector
        return igo + (sector or "")
    cameo = load_export_specs()["phoenix"]["cameo_countries"].get(country or "")
    if cameo and code and code.startswith(country):
        return cameo + code[len(country):]
    return code


@functools.cache
def _phoenix_actor_tables() -> tuple[frozenset[str], frozenset[str]]:
    """Phoenix's actor roots (its countries, IGO, NGO, IMG, MNC) and primary agents."""
    spec = load_export_specs()["phoenix"]
    return (frozenset(spec["countries"]) | frozenset(spec["root_actors"]),
            frozenset(spec["primary_agents"]))


def phoenix_actor_parts(code: str) -> tuple[str, str, str]:
    """Entity, Role and Attribute of an actor code, as postprocess.py's process_actors makes
    them (lines 310-331): the country or IGO/NGO/IMG/MNC root, the primary agent after it, and
    the other three-letter codes joined by ";" (IGOWSTNATMIL -> IGO, "", WST;NAT;MIL)."""
    roots, agents = _phoenix_actor_tables()
    root = code[:3] if code[:3] in roots else ""
    agent = code[3:6] if code[3:6] in agents else ""
    rest = code[6:] if agent else code[3:]
    return root, agent, ";".join(rest[i:i + 3] for i in range(0, len(rest), 3))


def _write_phoenix(rows: Iterator[dict[str, Any]], stream: IO[str]) -> Counter[str]:
    # Plain tab-joined lines, no quoting: that is how Phoenix files are written and read.
    return _write_coded(rows, stream, phoenix_row)


# Event ID and Story ID: numbers that a 32-bit integer holds, as ICEWS's own do (about 3.3e7
# events and 4.8e7 stories in its 2018 file) and as the tools written for its files read them
# (andybega/icews reads both with readr's col_integer, R's 32-bit integer: a larger number
# is NA). detente's made numbers lie above ICEWS's, from 10**9 to 2**31 - 1.
ICEWS_MADE_IDS = 10**9
INT32_MAX = 2**31 - 1


class IcewsNumbers:
    """The numbers of one ICEWS export's events (or stories): an imported ICEWS event's own,
    else a number in [first, last] made from the SHA-1 of detente's id, so the same event has
    the same number on every export. About 1.1 billion numbers are few enough for two ids of
    one export to fall on the same one (about one pair among 50,000 events): the second to
    come, in the export's order, takes the next free number, so an export never repeats one,
    the same store and selection give the same numbers every time, and an event's number
    depends on the others exported only in that rare case (a chance of n / 1.1e9 among n).
    A number the store's imported ICEWS events hold (``reserve``: one of detente's own
    exports read back) is never made for another.

    The numbers taken are a bit each in an anonymous memory map (about 140 MB of address
    space, whose pages the system gives only as they are written): an export of tens of
    millions of events holds no more than that, where a set of them grew without bound.
    ``remember`` keeps each id's number, for ids asked again (a story's events ask for its
    number one by one); an event is asked once, and nothing of it is kept."""

    def __init__(self, first: int = ICEWS_MADE_IDS, last: int = INT32_MAX,
                 remember: bool = True) -> None:
        self.first, self.last = first, last
        self._taken = mmap.mmap(-1, (last - first) // 8 + 1)  # zero-filled on demand
        self._count = 0
        self._numbers: dict[str, int] | None = {} if remember else None  # id -> its number

    def _take(self, number: int) -> bool:
        """Mark a number taken; False if it was already."""
        offset = number - self.first
        byte, bit = offset >> 3, 1 << (offset & 7)
        if self._taken[byte] & bit:
            return False
        self._taken[byte] |= bit
        self._count += 1
        return True

    def reserve(self, number: int) -> None:
        """Keep a number (an imported ICEWS event's own) from being made for another id."""
        if self.first <= number <= self.last:
            self._take(number)

    def number(self, identifier: str) -> int:
        if (own := _own_icews_number(identifier)) is not None:
            return own
        if self._numbers is not None and (known := self._numbers.get(identifier)) is not None:
            return known
        span = self.last - self.first + 1
        if self._count >= span:
            raise ValueError(f"more than {span} ids in one ICEWS export")
        number = self.first + int(hashlib.sha1(identifier.encode("utf-8")).hexdigest(), 16) % span
        while not self._take(number):
            number = number + 1 if number < self.last else self.first
        if self._numbers is not None:
            self._numbers[identifier] = number
        return number


@dataclasses.dataclass
class IcewsIds:
    """The Event ID and Story ID numbers of one export."""
    events: IcewsNumbers = dataclasses.field(
        default_factory=lambda: IcewsNumbers(remember=False))
    stories: IcewsNumbers = dataclasses.field(default_factory=IcewsNumbers)


def store_icews_ids(store: Store) -> IcewsIds:
    """An export's numbers, with the Event and Story IDs of the store's imported ICEWS events
    that lie where detente makes its own (its exports read back) reserved: made ones skip
    them, whatever the selection, so an export never gives one number to two events."""
    ids = IcewsIds()
    for column, numbers in (("icews_event_id", ids.events), ("story_id", ids.stories)):
        cursor = store.cursor()
        try:
            cursor.execute(f"SELECT DISTINCT {column} FROM icews_events WHERE {column} "
                           "BETWEEN ? AND ?", [ICEWS_MADE_IDS, INT32_MAX])
            while chunk := cursor.fetchmany(FETCH_ROWS):
                for (number,) in chunk:
                    numbers.reserve(number)
        finally:
            cursor.close()
    return ids


def icews_row(row: dict[str, Any], ids: IcewsIds | None = None) -> list[str]:
    """One stored event as the columns of an ICEWS file (``icews.columns()``, in file order).

    Event ID and Story ID are numbers in ICEWS's files: an imported ICEWS event keeps its own,
    any other event gets a number made from its id (and its article's), the same on every
    export, unique within one (``ids``, the export's: ``IcewsNumbers``), below 2**31.
    Countries are written as ICEWS writes them (ISO 3166's names), IGOs as the
    actor's name with no country; sectors as ICEWS's sector names; Intensity is the
    Goldstein weight; the place is the narrowest detente knows, in City, Province or Country.
    Sentence Number counts from 1. An event imported from ICEWS is written back as its file
    had it (Story ID, Sentence Number, Publisher, the sector lists, the names as written)."""
    if row.get("i_icews_event_id") is not None:
        own = {stored: row[f"i_{stored}"] for stored in columns().values()}
        # (the first release has no CAMEO Code column, and a row may lack its Event Text:
        # what the import read them as is written, as for any event)
        own["cameo_code"] = own["cameo_code"] or row["cameo"]
        own["event_text"] = own["event_text"] or row["cameo_name"]
        return [_cell(value) for value in own.values()]
    date, feature = row["date"], row["location_feature"]
    ids = ids or IcewsIds()
    values: dict[str, Any] = {
        "icews_event_id": ids.events.number(row["event_id"]),
        "event_date": date.isoformat() if date else None,
        "event_text": row["cameo_name"],
        "cameo_code": row["cameo"],
        "intensity": row["goldstein"],
        "story_id": ids.stories.number(row["article_id"]) if row["article_id"] else None,
        "sentence_number": (row["sentence_index"] + 1 if row["sentence_index"] is not None
                            else None),
        "publisher": row.get("article_source"),
        "city": row["location_name"] if feature == "city" else None,
        "province": row["location_name"] if feature == "region" else None,
        "country": country_name(row["location_country"]),
        "latitude": row["location_lat"],
        "longitude": row["location_lon"],
    }
    for role in ("source", "target"):
        country = row[f"{role}_country"]
        # an IGO has no country in ICEWS's files: its name says what it is ("the bloc" would
        # name nothing), so the IGO's usual name stands for the words of its mention
        igo = state_names().get(country or "") if country in igo_codes() else None
        values[f"{role}_name"] = row[f"{role}_name"] or igo or row[f"{role}_text"]
        values[f"{role}_sectors"] = sector_name(row[f"{role}_sector"])
        values[f"{role}_country"] = country_name(row[f"{role}_country"])
    return [_cell(values.get(stored)) for stored in columns().values()]


def _own_icews_number(identifier: str) -> int | None:
    """An imported ICEWS event's own Event ID (its id is icews-<Event ID>-<date>), else None."""
    if identifier.startswith("icews-") and identifier[6:].split("-")[0].isdigit():
        return int(identifier[6:].split("-")[0])
    return None


def _write_icews(rows: Iterator[dict[str, Any]], stream: IO[str],
                 ids: IcewsIds | None = None) -> Counter[str]:
    # Tab-separated with a header line and no quoting, as the Dataverse files are.
    stream.write("\t".join(columns()) + "\n")
    ids = ids or IcewsIds()  # one export's numbers: none given twice
    return _write_coded(rows, stream, lambda row: icews_row(row, ids))


def _write_coded(rows: Iterator[dict[str, Any]], stream: IO[str],
                 row_of: Callable[[dict[str, Any]], list[str]]) -> Counter[str]:
    """Tab-joined rows of a CAMEO format; an event with no CAMEO code (imported from POLECAT,
    which codes PLOVER) is left out and counted: the format has no event without one."""
    left_out: Counter[str] = Counter()
    for row in rows:
        if not row["cameo"]:
            left_out["cameo"] += 1
            continue
        stream.write("\t".join(row_of(row)) + "\n")
    return left_out


# ---- gdelt --------------------------------------------------------------------------------------
# GDELT's geo types (codebook: 1 country, 2 US state, 3 US city, 4 world city, 5 world state),
# by detente's place feature and whether the place is in the United States
GDELT_GEO_TYPES = {("country", False): 1, ("country", True): 1, ("region", True): 2,
                   ("city", True): 3, ("city", False): 4, ("region", False): 5}
GDELT_WEB, GDELT_CITATION = 1, 2  # MentionType: a report with a URL, one known by citation
MADE_GDELT_IDS = 10**12  # where the GLOBALEVENTIDs detente makes start


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """One stored event as the 61 columns of a GDELT 2.0 event file (``gdelt_columns()``).

    An event imported from GDELT gives back what its file said (actor attributes, the three
    geo blocks, mentions, tone, DATEADDED); any other is written from detente's columns: its
    story's reports as NumArticles, NumMentions and NumSources, the lead sentence as the root
    event, its place as ActionGeo, the first time it was stored as DATEADDED. AvgTone and the
    actors' own geo blocks are empty: detente measures no tone and places the action only."""
    date = row["date"]
    values: dict[str, Any] = {
        "GLOBALEVENTID": gdelt_event_number(row["event_id"], row["duplicate_of"]),
        "SQLDATE": _compact_date(date), "MonthYear": _compact_date(date)[:6],
        "Year": date.year, "FractionDate": gdelt_fraction_date(date),
        **_gdelt_actor(row, "source", "Actor1"), **_gdelt_actor(row, "target", "Actor2"),
        "IsRootEvent": int(row["sentence_index"] == 0),
        "EventCode": row["cameo"], "EventBaseCode": (row["cameo"] or "")[:3],
        "EventRootCode": row["cameo_root"], "QuadClass": row["quad_class"],
        "GoldsteinScale": _decimal(gdelt_goldstein(row)),
        "NumMentions": row["story_reports"] or 1,
        "NumSources": row["story_outlets"] or 1, "NumArticles": row["story_reports"] or 1,
        **_gdelt_geo(row), "Actor1Geo_Type": 0, "Actor2Geo_Type": 0,
        "DATEADDED": _gdelt_time(row["story_seen"] or row["ingested_at"] or row["article_date"]
                                 or date),
        "SOURCEURL": row["source_url"],
    }
    if row["g_gdelt_version"]:
        values.update(_gdelt_kept(row))
    return [_gdelt_cell(values.get(column)) for column in gdelt_columns()]


def gdelt_goldstein(row: dict[str, Any]) -> float | None:
    """GoldsteinScale: the weight of the event's CAMEO code, which the codebook says it is
    (GDELT Event Codebook V2.0, field GoldsteinScale: a score given to each type of event,
    the same for every event of the type); an imported GDELT event keeps its file's. An ICEWS
    event's stored weight is ICEWS's own intensity, which is not the code's score."""
    codebook = load_codebook()
    if row["origin"] == "gdelt" or row["cameo"] not in codebook:
        return row["goldstein"]
    return codebook.get(row["cameo"]).goldstein


def gdelt_event_number(event_id: str, duplicate_of: str | None = None) -> int:
    """GLOBALEVENTID: an imported GDELT event's own (gdelt-<id>); else a number made from the
    SHA-1 of the story's first report, so every report of a repeated story is one event. The
    made numbers start at 10**12, above every GDELT id (about 1.2 billion in 2025), and an
    ICEWS event does not keep its Event ID, which repeats across dates."""
    story = duplicate_of or event_id
    if story.startswith("gdelt-") and story[6:].isdigit():
        return int(story[6:])
    return MADE_GDELT_IDS + int(hashlib.sha1(story.encode("utf-8")).hexdigest()[:15], 16)


def gdelt_fraction_date(date: dt.date) -> str:
    """FractionDate as GDELT computes it: the year plus ((month - 1) * 30 + day) / 365,
    rounded to four decimals (2019-03-20 is 2019.2192), a month counted as 30 days; not the
    share of the year gone by that the codebook's field description gives, which real rows
    contradict (GDELT writes
    2016-07-01 as 2016.4959, not 2016.5000; tests/test_export_conformance.py)."""
    return f"{date.year + ((date.month - 1) * 30 + date.day) / 365:.4f}"


def _decimal(value: float | None) -> str | None:
    """A weight as GDELT writes one, with its decimal point (-4.0, not -4)."""
    return None if value is None else repr(float(value))


def _gdelt_actor(row: dict[str, Any], role: str, prefix: str) -> dict[str, Any]:
    """An actor as GDELT writes one: the CAMEO code, the name in capitals, the country in
    CAMEO's spelling (none for an IGO, whose body is the known group), the sector as type."""
    code, country = phoenix_actor_code(row, role), row[f"{role}_country"]
    igo = load_phoenix()[0].get(country or "")
    name = row[f"{role}_name"] or state_names().get(country or "") or row[f"{role}_text"]
    cameo_country = load_export_specs()["phoenix"]["cameo_countries"].get(country, country)
    sector = row[f"{role}_sector"]
    return {
        f"{prefix}Code": code,
        f"{prefix}Name": name.upper() if name else None,
        f"{prefix}CountryCode": None if igo else cameo_country,
        f"{prefix}KnownGroupCode": igo[-3:] if igo else None,
        f"{prefix}Type1Code": None if igo and sector == "GOV" else sector,
    }


def _gdelt_geo(row: dict[str, Any]) -> dict[str, Any]:
    """The event's place as GDELT's ActionGeo block: FIPS codes, "Place, Country" names; a
    country's ADM1Code and FeatureID are its FIPS code, as GDELT writes a country match."""
    country, feature = row["location_country"], row["location_feature"]
    if not row["location_name"]:
        return {"ActionGeo_Type": 0}
    # a place of another kind (a sea, a disputed area, an island) is GDELT's city-or-landmark
    feature = feature if feature in ("country", "region") else "city"
    fips = country_fips(country)
    country_name = state_names().get(country or "")
    names = [row["location_name"]] if feature != "country" else []
    return {
        "ActionGeo_Type": GDELT_GEO_TYPES[(feature, country == "USA")],
        "ActionGeo_FullName": ", ".join([*names, *([country_name] if country_name else [])])
                              or row["location_name"],
        "ActionGeo_CountryCode": fips,
        "ActionGeo_ADM1Code": fips,
        "ActionGeo_Lat": row["location_lat"],
        "ActionGeo_Long": row["location_lon"],
        "ActionGeo_FeatureID": fips if feature == "country" else None,
    }


def _gdelt_kept(row: dict[str, Any]) -> dict[str, Any]:
    """What an imported GDELT event's file said that detente's columns do not hold."""
    kept: dict[str, Any] = {
        "IsRootEvent": None if row["g_is_root_event"] is None else int(row["g_is_root_event"]),
        "EventBaseCode": row["g_event_base_code"],
        "NumMentions": row["g_num_mentions"], "NumSources": row["g_num_sources"],
        "NumArticles": row["g_num_articles"], "AvgTone": _decimal(row["g_avg_tone"]),
        "DATEADDED": _gdelt_time(row["g_date_added"]),
        "Actor1Code": row["source_code"], "Actor1Name": row["source_text"],
        "Actor2Code": row["target_code"], "Actor2Name": row["target_text"],
    }
    for actor, prefix in (("actor1", "Actor1"), ("actor2", "Actor2")):
        for field, column in zip(GDELT_ACTOR_FIELDS, GDELT_ACTOR_COLUMNS, strict=True):
            kept[prefix + column] = row[f"g_{actor}_{field}"]
    for geo, prefix in zip(GDELT_GEOS, ("Actor1Geo", "Actor2Geo", "ActionGeo"), strict=True):
        for field, column in GDELT_GEO_COLUMNS.items():
            kept[f"{prefix}_{column}"] = row[f"g_{geo}_{field}"]
    return kept


# the file's names of the fields gdelt_events keeps (model.GDELT_ACTOR_FIELDS, GDELT_GEO_FIELDS)
GDELT_ACTOR_COLUMNS = ("CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                       "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GDELT_GEO_COLUMNS = {"type": "Type", "fullname": "FullName", "fips": "CountryCode",
                     "adm1": "ADM1Code", "adm2": "ADM2Code", "lat": "Lat", "lon": "Long",
                     "feature_id": "FeatureID"}


def gdelt_mention_row(row: dict[str, Any]) -> list[str]:
    """One report of an event as a row of GDELT 2.0's mentions table (``gdelt2_mentions``):
    the sentence (from 1) and the document offsets of the actors and the trigger are the
    evidence detente keeps; -1 where an actor has no words in the text (GDELT's "not found")."""
    url = row["source_url"]
    values = {
        "GLOBALEVENTID": gdelt_event_number(row["event_id"], row["duplicate_of"]),
        # as the event table's DATEADDED: for an event with no stored article (an imported
        # ICEWS or POLECAT one), its publication day or its day
        "EventTimeDate": _gdelt_time(row["story_seen"] or row["ingested_at"]
                                     or row["g_date_added"] or row["article_date"]
                                     or row["date"]),
        "MentionTimeDate": _gdelt_time(row["ingested_at"] or row["g_date_added"]
                                       or row["article_date"] or row["date"]),
        "MentionType": GDELT_WEB if url else GDELT_CITATION,
        "MentionSourceName": _domain(url) or row.get("article_source"),
        "MentionIdentifier": url or row["article_id"] or row["event_id"],
        "SentenceID": row["sentence_index"] + 1 if row["sentence_index"] is not None else None,
        "Actor1CharOffset": _offset(row["source_start"]),
        "Actor2CharOffset": _offset(row["target_start"]),
        "ActionCharOffset": _offset(row["trigger_start"]),
        "InRawText": 1 if row["sentence"] else 0,  # found in the text, as written
        "Confidence": _percent(row["confidence"]),
        "MentionDocLen": row["article_length"],
    }
    return [_gdelt_cell(values.get(column)) for column in gdelt_columns("gdelt2_mentions")]


def _percent(confidence: float | None) -> int | None:
    # a store merged before shards' confidences were checked may hold NaN, or a number off
    # the 0-1 scale (-1e308 had stopped the export): no confidence to give
    if confidence is None or not 0.0 <= confidence <= 1.0:
        return None
    return round(100 * confidence)


def _gdelt_cell(value: Any) -> str:
    """A GDELT cell. A float is a coordinate, which the codebook types as numeric: written in
    plain decimal notation as GDELT's rows and R write one, a whole number without a decimal
    point (a country's centroid at 60, 100), no exponent (Python wrote -5e-05 for a place 5
    metres south of the equator), the fewest digits that give the stored value back."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(Decimal(repr(value)), "f")
    return _cell(value)


def _offset(value: int | None) -> int:
    return -1 if value is None else value


def _domain(url: str | None) -> str | None:
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _compact_date(date: dt.date) -> str:
    # not strftime: its %Y drops the zeros of a year below 1000
    return date.isoformat().replace("-", "")


GDELT_UPDATE = dt.timedelta(minutes=15)  # GDELT 2.0 publishes its tables every 15 minutes


def _gdelt_time(value: Any) -> str | None:
    """YYYYMMDDHHMMSS, GDELT 2.0's DATEADDED (UTC; a date is its midnight), as the 15-minute
    timestamp of the update that would carry it: in the codebook's Mentions table EventTimeDate
    is the quarter hour of the update that first carried the event (its DATEADDED) and
    MentionTimeDate that of the update the row is in, so a report stored at 13:50:54 is in the
    14:00:00 update."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    since_midnight = value - dt.datetime.combine(value.date(), dt.time())
    if value.date() < dt.date.max:  # (the last day's last quarter hour has no next one)
        value += -since_midnight % GDELT_UPDATE  # up to the next quarter hour, unless on one
    return _compact_date(value.date()) + value.strftime("%H%M%S")


def _gdelt_writer(
    row_of: Callable[[dict[str, Any]], list[str]],
) -> Callable[[Iterator[dict[str, Any]], IO[str]], Counter[str]]:
    """A writer of GDELT rows: tab-separated without a header or quoting, as GDELT's files
    are. GDELT has no event without a day and an event code: those are left out and counted."""
    def write(rows: Iterator[dict[str, Any]], stream: IO[str]) -> Counter[str]:
        left_out: Counter[str] = Counter()
        for row in rows:
            if row["date"] is None or not row["cameo"]:
                left_out["gdelt"] += 1
                continue
            stream.write("\t".join(row_of(row)) + "\n")
        return left_out
    return write


def _cell(value: Any) -> str:
    # A tab or line break inside a value would split the row: fold all whitespace to spaces.
    # (A control character that is no whitespace, an escape a terminal obeys, is U+FFFD: a
    # store written before names were read without them may hold one.)
    return "" if value is None else without_controls(" ".join(str(value).split()))


def _iso(value: Any) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else value


WRITERS: dict[str, Callable[[Iterator[dict[str, Any]], IO[str]], Counter[str]]] = {
    "jsonl": _write_jsonl,
    "plover": _write_plover,
    "phoenix": _write_phoenix,
    "icews": _write_icews,
    "polecat": _write_polecat,
    "gdelt": _gdelt_writer(gdelt_row),
    "gdelt-mentions": _gdelt_writer(gdelt_mention_row),
}


# ---- arms transfers -----------------------------------------------------------------------------
TRANSFER_FILE_NAMES = {"parquet": "arms_transfers.parquet", "csv": "arms_transfers.csv",
                       "jsonl": "arms_transfers.jsonl"}

# EventFilter fields that select no transfer: a transfer has a supplier and a recipient, not a
# source and a target, and no quad class, CAMEO root or modality (its status says how real it
# is). Named by their command-line options.
TRANSFER_UNUSED = {"source": "--source", "target": "--target", "dyad": "--dyad",
                   "quads": "--quad", "roots": "--root", "types": "--plover",
                   "modality": "--modality",
                   "person": "--person"}


def export_transfers(
    store: Store, out_dir: Path, fmt: str, selection: EventFilter | None = None,
    on_note: Callable[[str], None] | None = None, replace: bool = True,
) -> Path | None:
    """Write the arms-transfer records beside the events (parquet, csv, jsonl); None if the
    store holds none.

    The selection's filters that have a meaning for a transfer select the transfers too
    (``transfer_where``); ``on_note`` hears which of the given ones do not.
    """
    if not _writes_transfers(store, fmt):
        return None
    selection = selection or EventFilter()
    path = output_directory(out_dir) / TRANSFER_FILE_NAMES[fmt]
    # The stored sentence keeps the line break that ended it, as the events' does (_copy).
    columns = ", ".join("rtrim(sentence, chr(13) || chr(10)) AS sentence" if name == "sentence"
                        else quoted(name) for name in TRANSFER_COLUMNS)
    where, params = transfer_where(selection)
    limit = f" LIMIT {int(selection.limit)}" if selection.limit else ""
    sql = (f"SELECT {columns} FROM arms_transfers WHERE {where} "
           f"ORDER BY date NULLS LAST, article_id, sentence_index, transfer_id{limit}")
    with replacing(path, replace) as part:
        if fmt == "jsonl":
            with part.open("w", encoding="utf-8") as stream:
                for row in store.query(sql, params):
                    row["equipment"] = equipment_list(row["equipment"])
                    stream.write(json_text(row) + "\n")
        else:
            options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
            target = str(part).replace("'", "''")
            store.con.execute(f"COPY ({sql}) TO '{target}' ({options})", params).fetchall()
    if on_note and (unused := transfer_unused_filters(selection)):
        verb = "applies" if len(unused) == 1 else "apply"
        on_note(f"{path.name}: {', '.join(unused)} {verb} to events only; it holds the "
                "transfers the other filters select (`detente transfers` selects by supplier, "
                "recipient and status)")
    return path


def _writes_transfers(store: Store, fmt: str) -> bool:
    return fmt in TRANSFER_FILE_NAMES and bool(store.count("arms_transfers"))


def output_files(store: Store, out_dir: Path, fmt: str) -> list[Path]:
    """The files ``export_events`` and ``export_transfers`` write for ``fmt``, so a caller can
    look for existing ones before anything is written."""
    names = [FILE_NAMES[fmt]] if fmt in FILE_NAMES else []
    if _writes_transfers(store, fmt):
        names.append(TRANSFER_FILE_NAMES[fmt])
    return [Path(out_dir) / name for name in names]


def transfer_where(selection: EventFilter) -> tuple[str, list[Any]]:
    """The condition on arms_transfers of the event filters that mean something for a
    transfer: --since/--until (its date), --actor (supplier or recipient), --origin (transfers
    are coded from text by detente: none come from GDELT), and the repeated-report rule.
    (--limit is the caller's: at most that many transfers.)"""
    where, params = TransferFilter(since=selection.since, until=selection.until,
                                   all_reports=selection.all_reports).sql()
    clauses = [where]
    if selection.actor:
        clauses.append(f"({actor_match('supplier', selection.actor, params)} OR "
                       f"{actor_match('recipient', selection.actor, params)})")
    if selection.origin and selection.origin != "detente":
        clauses.append("FALSE")
    return " AND ".join(clauses), params


def transfer_unused_filters(selection: EventFilter) -> list[str]:
    """The options of ``selection`` that select events but no transfers."""
    return [option for name, option in TRANSFER_UNUSED.items() if getattr(selection, name)]
