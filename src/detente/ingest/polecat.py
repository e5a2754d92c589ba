"""Import POLECAT event data release files into the store, next to detente's own events.

POLECAT (Harvard Dataverse doi:10.7910/DVN/AJGVIT, ICEWS's successor) is coded already, in
PLOVER rather than CAMEO: an event type (ACCUSE, ASSAULT ...), its mode and contexts, its quad
class in words and an intensity from -10 to 10, actors and recipients with a name, a country
written out in English and PLOVER sectors, and the place. Each actor-recipient pair of a row
becomes one ``events`` row with ``origin='polecat'``, ``event_id = 'polecat-' + Event ID`` (and
``-<actor>-<recipient>`` slot numbers when the row names several), the PLOVER type in
``plover``, the quad class from Quad Code and the intensity as the Goldstein weight; ``cameo``
stays null (POLECAT has no CAMEO code, and none is made up). ``polecat_events`` keeps every
column as the file wrote it. Importing a file twice stores each event once; a row repeating an
Event ID with other fields is one problem (``conflicts``).

Files are read as ICEWS files are (``rawio``: plain, gzipped or one file in a zip, a line at
a time, the same bounds); the header tells where each column is and may name the intensity
"Intensity" or "Event Intensity". A bad row is one problem naming the file and line, and the
good rows of the file are still imported. The layout and the tables of values are data:
``detente/data/polecat.yaml``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from detente.actors.lexicon import agent_sectors, state_and_igo_codes
from detente.cleantext import printable, shown_name
from detente.codebook import load_codebook
from detente.datafiles import read_packaged
from detente.ingest.conflicts import RecordKey
from detente.ingest.icews import country_code, igo_of
from detente.ingest.importing import EventFiles, ImportNote, ImportProblem, import_event_files
from detente.ingest.tabfiles import (
    HeaderedFormat,
    Layout,
    UnmatchedSummary,
    bounded_number,
    counting_unmatched,
    header_key,
    header_problem,
    read_rows,
    split_header,
)
from detente.model import EVENT_COLUMNS, POLECAT_COLUMNS
from detente.store import Store

ORIGIN = "polecat"
ID_PREFIX = "polecat-"
COMMAND = "import-polecat"  # the runs table's name of an import
SUFFIXES = (".txt", ".tab", ".tsv", ".zip", ".gz")  # what a folder given as input is searched for
MAX_LINE_BYTES = 1_000_000  # POLECAT rows are a few kB; a longer one is not read into memory
MAX_SLOTS = 20  # actors (or recipients) of one row: more is no event record but a broken line
INTENSITY_RANGE = (-10.0, 10.0)
REQUIRED = ("polecat_event_id", "event_date", "event_type")
ACTOR_SEPARATOR = "; "  # between the actors of one event, slot by slot
LIST_SEPARATOR = "|"  # between the sectors of one actor, or an event's contexts
ROLES = (("actor", "source"), ("recipient", "target"))
_DATA_FILE = "polecat.yaml"

PolecatProblem = ImportProblem  # a POLECAT row (or file) that could not be imported, and why
PolecatSummary = UnmatchedSummary  # counts, and the country names that matched no code


# ---- the published layout -----------------------------------------------------------------------
@functools.cache
def _table() -> dict[str, Any]:
    return read_packaged(_DATA_FILE)


@functools.cache
def columns() -> dict[str, str]:
    """The published columns in file order: header name -> polecat_events column."""
    table = {str(header): str(stored) for header, stored in _table()["columns"].items()}
    expected = [name for name in POLECAT_COLUMNS if name not in ("event_id", "source_file",
                                                                  "extra")]
    if sorted(table.values()) != sorted(expected):
        raise ValueError(f"detente/data/{_DATA_FILE}: `columns` must name each published "
                         "column once, each a polecat_events column")
    return table


@functools.cache
def _stored_of_key() -> dict[str, str]:
    aliases = {str(header): str(stored) for header, stored in _table()["aliases"].items()}
    return {header_key(header): stored for header, stored in {**columns(), **aliases}.items()}


@functools.cache
def _header_of() -> dict[str, str]:
    """polecat_events column -> the published header, for messages."""
    return {stored: header for header, stored in columns().items()}


@functools.cache
def _missing() -> frozenset[str]:
    return frozenset(str(value) for value in _table()["missing"])


def read_header(text: str) -> Layout | str:
    """The layout a header line gives, or why it is no POLECAT header."""
    headers, stored = split_header(text, _stored_of_key())
    lacking = [_header_of()[name] for name in REQUIRED if name not in stored]
    if problem := header_problem("POLECAT", text, stored, _header_of(), lacking):
        return problem
    return Layout(stored, headers, _layout_notes(stored, headers))


MAX_COLUMNS_NAMED = 8  # absent columns a note names; the rest counted


def _layout_notes(stored: tuple[str | None, ...], headers: tuple[str, ...]) -> tuple[str, ...]:
    """What a header without some published columns, or with others, means for what is
    stored: a file cut to its first columns had been imported without its recipients, its
    places and its sources, and without a word (ICEWS's importer says so)."""
    notes = []
    if absent := [header for header, name in columns().items() if name not in stored]:
        named = ", ".join(absent[:MAX_COLUMNS_NAMED])
        more = (f" and {len(absent) - MAX_COLUMNS_NAMED} more"
                if len(absent) > MAX_COLUMNS_NAMED else "")
        notes.append(f"the header has no {named}{more} column: stored as null")
    if others := [printable(header) or "''"
                  for header, name in zip(headers, stored, strict=True) if not name]:
        notes.append("columns outside the published POLECAT list kept in polecat_events.extra: "
                     + ", ".join(others))
    return tuple(notes)


# ---- reading ------------------------------------------------------------------------------------
def read_polecat_events(
    path: Path, stopped: Callable[[], object] | None = None
) -> Iterator[dict[str, Any] | PolecatProblem | ImportNote]:
    """Event rows (flat EVENT_COLUMNS, ready for ``Store.add_events``) and problems, streamed
    (``tabfiles.read_rows``). The first line that is not blank is the header; a file whose
    header is no POLECAT header is one problem, and nothing of it is read further."""
    return read_rows(polecat_format(), path, stopped)


# ---- mapping ------------------------------------------------------------------------------------
def event_rows(record: dict[str, str], extra: dict[str, str] | None = None,
               source_file: str | None = None) -> list[dict[str, Any]]:
    """One POLECAT record (polecat_events column -> text) as flat event rows, one for each
    actor-recipient pair; ValueError if a field the events table needs is malformed.

    The record's own fields travel in ``row["polecat"]`` (``POLECAT_COLUMNS``), for the
    polecat_events table; ``row["unmatched"]`` lists the country names that matched no code."""
    details = polecat_details(record, extra, source_file)
    event_type = details["event_type"]
    if event_type not in load_codebook().plover_types:
        raise ValueError(f"Event Type {event_type!r} is not a PLOVER event type")
    actors, recipients = (_actors(record, role) for role, _ in ROLES)
    misaligned = any(_misaligned(record, role) for role, _ in ROLES)
    pairs = [(a, r) for a in actors or [None] for r in recipients or [None]]
    location, unmatched_place = _location(details)
    rows = []
    for a, r in pairs:
        event_id = details["event_id"] + (f"-{a[0] if a else 0}-{r[0] if r else 0}"
                                          if len(pairs) > 1 else "")
        row: dict[str, Any] = dict.fromkeys(EVENT_COLUMNS)
        row.update(
            event_id=event_id, origin=ORIGIN, date=details["event_date"], date_precision="day",
            article_date=details["publication_date"], plover=event_type,
            quad_class=_quad_class(details), goldstein=details["intensity"],
            modality=_modality(details), rule="polecat",  # (where it came from, to explain)
            **(a[1] if a else {}), **_target(r[1] if r else {}), **location)
        row["polecat"] = {**details, "event_id": event_id}
        unmatched = [slot[2] for slot in (a, r) if slot and slot[2]]
        row["unmatched"] = [*unmatched, *([unmatched_place] if unmatched_place else [])]
        row["misaligned"] = misaligned and not rows  # (counted once a record)
        rows.append(row)
    return rows


def _misaligned(record: dict[str, str], role: str) -> bool:
    """Whether an actor's (or recipient's) lists that name something differ in length ("A; B;
    C" with one country): read slot by slot all the same, the shorter lists' last slots
    empty, which a note says."""
    lists = [_slots(record, f"{role}_{name}")
             for name in ("name", "country", "primary_sector", "name_raw")]
    # (a column written once as missing, "None", names nothing to line up)
    lengths = {len(values) for values in lists if any(v not in _missing() for v in values)}
    return len(lengths) > 1


@functools.cache
def _mode_readings() -> dict[str, str]:
    return dict(read_packaged("export_specs.yaml")["plover"]["auxiliary_mode_readings"])


def _modality(details: dict[str, Any]) -> str:
    """"future" or "hypothetical" among the contexts (PLOVER's auxiliary modes, as detente's
    own PLOVER and POLECAT exports write a modality) read back; else asserted."""
    contexts = {c.strip().lower() for c in (details.get("contexts") or "").split(LIST_SEPARATOR)}
    # (in the readings' order, whatever the contexts' own: "hypothetical" and "future" both
    # there read as the first listed)
    return next((modality for mode, modality in _mode_readings().items() if mode in contexts),
                "asserted")


def polecat_details(record: dict[str, str], extra: dict[str, str] | None = None,
                    source_file: str | None = None) -> dict[str, Any]:
    """Every field of a POLECAT record, typed as polecat_events holds it; ValueError if the
    Event ID, Event Date or Event Type is missing, or a date or number is malformed."""
    details: dict[str, Any] = dict.fromkeys(POLECAT_COLUMNS)
    details.update({stored: _value(record, stored) for stored in columns().values()})
    for column in REQUIRED:
        if details[column] is None:
            raise ValueError(f"{_header_of()[column]} is empty")
    details.update(
        event_id=ID_PREFIX + details["polecat_event_id"],
        event_date=_date(record, "event_date"),
        publication_date=_date(record, "publication_date"),
        intensity=_number(record, "intensity", INTENSITY_RANGE),
        latitude=_number(record, "latitude", (-90.0, 90.0)),
        longitude=_number(record, "longitude", (-180.0, 180.0)),
        source_file=source_file,
        extra=json.dumps(extra, ensure_ascii=False) if extra else None,
    )
    return details


Slot = tuple[int, dict[str, Any], str | None]  # slot number, actor columns, unmatched country


def _actors(record: dict[str, str], role: str) -> list[Slot]:
    """The actors (or recipients) of a record, one per slot of its "; "-joined lists, which
    line up across the actor's columns (a list shorter than the others leaves its last slots
    empty); a slot that names nothing is no actor. ValueError past MAX_SLOTS."""
    columns = [f"{role}_{name}" for name in ("name", "country", "primary_sector", "name_raw")]
    names, countries, sectors, raws = (_slots(record, column) for column in columns)
    lists = {column: len(values) for column, values
             in zip(columns, (names, countries, sectors, raws), strict=True)}
    count = max(lists.values())
    if count > MAX_SLOTS:
        longest = max(lists, key=lambda column: lists[column])
        raise ValueError(f"{_header_of()[longest]} lists {count} actors; "
                         f"at most {MAX_SLOTS} are read")
    actors = []
    for index in range(count):
        name, country, sector, raw = (_slot(column, index)
                                      for column in (names, countries, sectors, raws))
        if name or country or raw:
            actors.append((index + 1, *_actor(name, country, sector, raw)))
    return actors


def _actor(name: str | None, written: str | None, sector: str | None,
           raw: str | None) -> tuple[dict[str, Any], str | None]:
    """An actor as detente's source columns, and its country name if that matched no code.
    A state's code carries its sector as detente's own do (RUSGOV); an IGO (by its country
    value or its name: "United Nations", "NATO") is coded as detente codes IGOs."""
    country = _country(written)
    code = country
    if country is None and (igo := igo_of(written or "") or igo_of(name or "")):
        country, code = igo, "IGO" + igo
    cameo_sector = _sector(sector)
    if cameo_sector and code and code == country and not code.startswith("IGO"):
        code += cameo_sector
    unmatched = written if written and country is None and not _known_kind(written) else None
    return ({"source_code": code, "source_country": country, "source_text": raw or name,
             "source_name": name, "source_sector": cameo_sector}, unmatched)


def _target(source: dict[str, Any]) -> dict[str, Any]:
    return {"target" + key.removeprefix("source"): value for key, value in source.items()}


def _country(written: str | None) -> str | None:
    if not written:
        return None
    table = _table().get("countries") or {}
    if written in table:
        return table[written]
    return country_code(written)


def _known_kind(written: str) -> bool:
    """A country value that is a kind of actor, not a state ("Intergovernmental
    Organization"): listed with no code in polecat.yaml's `countries`."""
    return written in (_table().get("countries") or {})


def _sector(sector: str | None) -> str | None:
    """A PLOVER sector as a CAMEO sector: polecat.yaml's `sectors` first (PLOVER's MED is
    health, CAMEO's HLH), else the same three letters of agents.yaml; None for neither."""
    if not sector:
        return None
    renamed = _table().get("sectors") or {}
    if sector in renamed:
        return renamed[sector]
    return sector if sector in agent_sectors() else None


def _slots(record: dict[str, str], column: str) -> list[str]:
    # "Ukraine; " is one slot, not "Ukraine;"; a ";" inside a name (no space after) stays
    text = (record.get(column) or "").strip().removesuffix(ACTOR_SEPARATOR.strip()).strip()
    return [part.strip() for part in text.split(ACTOR_SEPARATOR)] if text else []


def _slot(values: list[str], index: int) -> str | None:
    value = values[index] if index < len(values) else ""
    if LIST_SEPARATOR in value:  # a slot's sectors: the primary one is listed first
        value = value.split(LIST_SEPARATOR)[0].strip()
    return None if value in _missing() else value


def _quad_class(details: dict[str, Any]) -> int:
    """Quad Code's words as detente's quad class, else the PLOVER type's (codebook)."""
    given = details["quad_code"]
    if given is None:
        return load_codebook().plover_types[details["event_type"]]
    quad = _quad_classes().get(given) or _quad_classes().get(header_key(given))
    if quad is None:
        raise ValueError(f"Quad Code {given!r} is none of "
                         f"{', '.join(map(str, _table()['quad_codes']))}")
    return quad


@functools.cache
def _quad_classes() -> dict[str, int]:
    """Quad Code -> quad class, as written and as headers match (no case or spacing)."""
    table = {str(words): int(quad) for words, quad in (_table().get("quad_codes") or {}).items()}
    return {**table, **{header_key(words): quad for words, quad in table.items()}}


def quad_code_words(quad_class: int | None) -> str | None:
    """A quad class as Quad Code writes it (3 -> "VERBAL CONFLICT"); None for none."""
    return _quad_words().get(quad_class) if quad_class is not None else None


@functools.cache  # asked once a row by the POLECAT export
def _quad_words() -> dict[int, str]:
    return {int(quad): str(text) for text, quad in (_table().get("quad_codes") or {}).items()}


def _location(details: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Where the event happened as detente's location columns (the narrowest place named),
    and the country value if that matched no code."""
    written = details["country"]  # ISO alpha-3 in the files seen; a name is read too
    country = written if written in state_and_igo_codes() else _country(written)
    unmatched = written if written and country is None else None
    feature = _feature(details["feature_type"])
    name = (details["city"] or details["district"] or details["province"]
            or details["placename"])
    if name is None and details["latitude"] is None:
        return {}, unmatched
    return {"location_name": name, "location_feature": feature, "location_country": country,
            "location_lat": details["latitude"], "location_lon": details["longitude"],
            "location_text": details["raw_placename"]}, unmatched


def _feature(code: str | None) -> str | None:
    features = _table().get("features") or {}
    return next((kind for start, kind in features.items() if (code or "").startswith(start)),
                None)


def _value(record: dict[str, str], column: str) -> str | None:
    text = (record.get(column) or "").strip()
    return None if text in _missing() else text


def _date(record: dict[str, str], column: str) -> dt.date | None:
    text = _value(record, column)
    if text is None:
        return None
    try:
        if len(text) == 10 and text.isascii():
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(f"{_header_of()[column]} {text!r} is not a YYYY-MM-DD date")


def _number(record: dict[str, str], column: str, bounds: tuple[float, float]) -> float | None:
    return bounded_number(_value(record, column), _header_of()[column], bounds)


# ---- importing ----------------------------------------------------------------------------------
def import_polecat(
    store: Store,
    paths: list[str],
    batch_size: int = 5000,
    on_problem: Callable[[str], None] | None = None,
    on_progress: Callable[[PolecatSummary], None] | None = None,
    stopped: Callable[[], str | None] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> PolecatSummary:
    """Import POLECAT event files (or folders of them); one transaction per batch, rerunnable.

    ``stopped`` says why to stop early (a signal), or None to go on: the rows read are still
    imported and the run is recorded as interrupted."""
    summary = PolecatSummary()
    unmatched = counting_unmatched(summary, "polecat_events")
    misaligned: list[str] = []  # where each such record is

    def take_row(row: dict[str, Any]) -> None:
        unmatched["take_row"](row)
        if row.pop("misaligned"):
            misaligned.append(row.get("where") or "?")

    def closing_notes() -> list[str]:
        return unmatched["closing_notes"]() + ([
            f"{len(misaligned):,} row(s) whose actor or recipient lists differ in length "
            f"(first: {shown_name(misaligned[0])}) were read slot by slot, the shorter lists' "
            "last slots empty"] if misaligned else [])

    return import_event_files(store, POLECAT_FILES, paths, summary, batch_size, on_problem,
                              on_progress, stopped, on_note, take_row=take_row,
                              closing_notes=closing_notes)


def _add_details(store: Store, rows: list[dict[str, Any]]) -> None:
    store.add_polecat_details([row["polecat"] for row in rows])


@functools.cache
def polecat_format() -> HeaderedFormat:
    """How ``tabfiles`` reads POLECAT files (what is missing is polecat.yaml's)."""
    return HeaderedFormat("POLECAT", read_header, event_rows, _missing(), MAX_LINE_BYTES,
                          "a few thousand")


@functools.cache
def _record() -> RecordKey:
    """A POLECAT record is its Event ID (its pairs' events share it); every published column
    compared."""
    return RecordKey("polecat", "polecat_events", "polecat_event_id", _record_name,
                     _header_of(), {}, source="source_file", exported=_exported)


def _exported(details: dict[str, Any]) -> bool:
    # detente's POLECAT export names itself in Version ("detente 0.1.0"); the release files
    # name their coder's version there
    return (details.get("version") or "").startswith("detente ")


def _record_name(details: dict[str, Any]) -> str:
    return f"Event ID {details['polecat_event_id']}"


POLECAT_FILES = EventFiles(COMMAND, "POLECAT", SUFFIXES, read_polecat_events, _add_details,
                           _record)
