"""ICEWS import: the published columns, zipped and gzipped files, idempotent re-imports, bad
rows and wrong files reported, country names as detente's codes.

Every row here is invented for the tests (names, ids, stories and publishers are made up);
only the column layout is ICEWS's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import one_error

from detente.cli import main
from detente.dyads import Scope, relations
from detente.ingest import icews
from detente.ingest.icews import (
    IcewsProblem,
    columns,
    country_code,
    import_icews,
    known_code,
    read_header,
    read_icews_events,
)
from detente.model import ICEWS_COLUMNS
from detente.store import EventFilter, Store

# The published header of the Dataverse event files, in file order (andybega/icews:
# R/read_events_tsv.R, inst/sql/events.sql, inst/extdata/events.2018.sample.tab).
PUBLISHED = ("Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
             "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
             "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
             "Province", "Country", "Latitude", "Longitude")
HEADER = "\t".join(PUBLISHED)


def row(header: tuple[str, ...] = PUBLISHED, **values: str) -> str:
    """A row of an ICEWS file (invented); unnamed fields are empty. Keywords name columns with
    underscores for spaces (Event_ID)."""
    fields = dict.fromkeys(header, "")
    fields.update({"Event ID": "9000001", "Event Date": "2016-03-04",
                   "Source Name": "Foreign Affairs (Russia)",
                   "Source Sectors": "Executive,Foreign Ministry,Government",
                   "Source Country": "Russian Federation", "Event Text": "Consult",
                   "CAMEO Code": "040", "Intensity": "1", "Target Name": "Head of State (Iran)",
                   "Target Sectors": "Executive,Government",
                   "Target Country": "Iran, Islamic Republic of", "Story ID": "7100001",
                   "Sentence Number": "3", "Publisher": "Invented Wire", "City": "Tehran",
                   "Province": "Ostan-e Tehran", "Country": "Iran, Islamic Republic of",
                   "Latitude": "35.69", "Longitude": "51.42"})
    for key, value in values.items():
        name = key.replace("_", " ")
        assert name in fields, f"not a column: {name}"
        fields[name] = value
    return "\t".join(fields[name] for name in header)


def write(path: Path, lines: list[str]) -> Path:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(data))
    elif path.suffix == ".zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(path.stem, data)
    else:
        path.write_bytes(data)
    return path


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    yearly = write(tmp_path / "events.2016.20170101000000.tab.zip", [
        HEADER,
        row(),
        row(Event_ID="9000002", Event_Date="2016-03-05", Event_Text="Threaten with repression",
            CAMEO_Code="13y", Intensity="-7", Source_Name="Police (Congo)",
            Source_Sectors="Police,Government",
            Source_Country="Congo, The Democratic Republic of the",
            Target_Name="Protester (Congo)", Target_Sectors="Protestors / Popular Opposition",
            Target_Country="Congo, The Democratic Republic of the", City="",
            Province="Kinshasa", Country="Congo, The Democratic Republic of the",
            Latitude="-4.32", Longitude="15.31"),
        # Event ID repeats on another date: another event (andybega/icews vignette)
        row(Event_Date="2016-03-06", Source_Name="European Union", Source_Sectors="",
            Source_Country="", Event_Text="Make statement", CAMEO_Code="010",
            Intensity="0"),
    ])
    weekly = write(tmp_path / "20160307-icews-events.tab.gz", [
        HEADER,
        row(Event_ID="9000010", Event_Date="2016-03-07", Source_Name="Militant (Gaza)",
            Source_Sectors="Insurgents", Source_Country="Occupied Palestinian Territory",
            Event_Text="Fight with small arms and light weapons", CAMEO_Code="190",
            Intensity="-10", Target_Name="Military (Israel)", Target_Sectors="Military",
            Target_Country="Israel", City="", Province="", Country="Narnia",
            Latitude="", Longitude=""),
        row(),  # also in the yearly file: one event
    ])
    return [yearly, weekly]


def stored(db: Path, sql: str) -> list[dict]:
    with Store(db, read_only=True) as store:
        return store.query(sql)


# ---- the published field list -------------------------------------------------------------------
def test_columns_are_the_published_ones():
    assert tuple(columns()) == PUBLISHED
    kept = [name for name in ICEWS_COLUMNS if name not in ("event_id", "source_file", "extra")]
    assert list(columns().values()) == kept


def test_every_published_field_is_kept(tmp_path, files):
    db = tmp_path / "e.duckdb"
    with Store(db) as store:
        summary = import_icews(store, [str(files[0])])
    assert (summary.read, summary.imported, summary.failed) == (3, 3, 0)
    kept = stored(db, "SELECT * FROM icews_events WHERE event_id = 'icews-9000001-20160304'")[0]
    assert kept == {
        "event_id": "icews-9000001-20160304", "icews_event_id": 9000001,
        "event_date": dt.date(2016, 3, 4), "source_name": "Foreign Affairs (Russia)",
        "source_sectors": "Executive,Foreign Ministry,Government",
        "source_country": "Russian Federation", "event_text": "Consult", "cameo_code": "040",
        "intensity": 1.0, "target_name": "Head of State (Iran)",
        "target_sectors": "Executive,Government", "target_country": "Iran, Islamic Republic of",
        "story_id": 7100001, "sentence_number": 3, "publisher": "Invented Wire",
        "city": "Tehran", "district": None, "province": "Ostan-e Tehran",
        "country": "Iran, Islamic Republic of", "latitude": 35.69, "longitude": 51.42,
        "source_file": str(files[0]), "extra": None,
    }


def test_events_speak_detente_codes(tmp_path, files):
    db = tmp_path / "e.duckdb"
    with Store(db) as store:
        import_icews(store, [str(p) for p in files])
    rows = {r["event_id"]: r for r in stored(db, "SELECT * FROM events")}
    assert set(rows) == {"icews-9000001-20160304", "icews-9000002-20160305",
                         "icews-9000001-20160306", "icews-9000010-20160307"}
    first = rows["icews-9000001-20160304"]
    assert (first["origin"], first["date"], first["date_precision"], first["rule"]) == (
        "icews", dt.date(2016, 3, 4), "day", "icews")
    assert (first["source_country"], first["source_code"], first["source_text"]) == (
        "RUS", "RUSGOV", "Foreign Affairs (Russia)")
    assert (first["target_country"], first["target_text"]) == ("IRN", "Head of State (Iran)")
    assert (first["cameo"], first["cameo_root"], first["cameo_name"], first["plover"],
            first["quad_class"], first["goldstein"]) == ("040", "04", "Consult", "CONSULT", 1,
                                                         1.0)
    assert (first["location_name"], first["location_feature"], first["location_country"],
            first["location_lat"], first["location_lon"]) == ("Tehran", "city", "IRN", 35.69,
                                                              51.42)
    assert first["article_id"] is None and first["modality"] == "asserted"
    congo = rows["icews-9000002-20160305"]
    # ICEWS's 13y ("Threaten with repression") is CAMEO 137; the file's code is kept
    assert (congo["cameo"], congo["quad_class"], congo["goldstein"]) == ("137", 3, -7.0)
    assert congo["source_country"] == congo["target_country"] == "COD"
    assert (congo["location_name"], congo["location_feature"]) == ("Kinshasa", "region")
    eu = rows["icews-9000001-20160306"]  # no country, an IGO by its name: as detente codes it
    assert (eu["source_country"], eu["source_code"]) == ("EU", "IGOEU")
    gaza = rows["icews-9000010-20160307"]
    assert gaza["source_country"] == "PSE" and gaza["target_country"] == "ISR"
    assert gaza["location_country"] is None and gaza["location_name"] == "Narnia"
    raw = stored(db, "SELECT cameo_code, country FROM icews_events ORDER BY event_id")
    assert {"cameo_code": "13y", "country": "Congo, The Democratic Republic of the"} in raw
    assert {"cameo_code": "190", "country": "Narnia"} in raw  # the unmatched name is kept


def test_actors_get_the_cameo_sector_of_their_icews_sectors(tmp_path, files):
    db = tmp_path / "e.duckdb"
    with Store(db) as store:
        import_icews(store, [str(p) for p in files])
    rows = stored(db, "SELECT * FROM events")
    sectors = {r["event_id"]: (r["source_sector"], r["target_sector"]) for r in rows}
    assert sectors == {
        "icews-9000001-20160304": ("GOV", "GOV"),  # Executive,Foreign Ministry,Government
        # Police,Government: the police; the target's "Protestors / Popular Opposition" is
        # not ICEWS's name of the sector ("... / Mobs"): nothing
        "icews-9000002-20160305": ("COP", None),
        "icews-9000001-20160306": (None, "GOV"),  # no sectors given
        "icews-9000010-20160307": ("INS", "MIL"),
    }
    codes = {r["event_id"]: (r["source_code"], r["target_code"]) for r in rows}
    # a state's code carries the sector as detente's own do; an IGO's stays as detente codes it
    assert codes["icews-9000002-20160305"] == ("CODCOP", "COD")
    assert codes["icews-9000001-20160306"] == ("IGOEU", "IRNGOV")
    raw = stored(db, "SELECT source_sectors FROM icews_events WHERE event_id = "
                     "'icews-9000002-20160305'")
    assert raw == [{"source_sectors": "Police,Government"}]  # the file's list is kept


@pytest.mark.parametrize(("sectors", "expected"), [
    ("Military,Army,Government", "MIL"), ("State Media,Government", "MED"),
    ("government ,  EXECUTIVE", "GOV"), ("Military Intelligence,Military", "SPY"),
    ("Unheard Of,Business", "BUS"), ("Unheard Of", None), ("", None), (None, None)])
def test_the_narrower_branch_wins_and_unknown_sectors_map_to_nothing(sectors, expected):
    from detente.ingest.icews import sector_of

    assert sector_of(sectors) == expected


def test_every_sector_maps_to_a_cameo_sector_detente_knows():
    from detente.datafiles import read_packaged

    known = set(read_packaged("agents.yaml")["sectors"])
    table = read_packaged("icews.yaml")
    order = table["sector_order"]
    assert set(table["sectors"].values()) <= set(order) <= known
    assert len(order) == len(set(order))


# ---- files and re-imports -----------------------------------------------------------------------
def test_zipped_and_gzipped_files_and_a_reimport_store_nothing_twice(tmp_path, files):
    paths = [str(p) for p in files]
    with Store(tmp_path / "e.duckdb") as store:
        first = import_icews(store, paths)
        # the weekly file repeats an event of the yearly one: stored once
        assert (first.read, first.imported, first.known, first.failed) == (5, 4, 1, 0)
        before = (store.count("events"), store.count("icews_events"), store.count("actors"))
        again = import_icews(store, paths, batch_size=2)
        assert (again.read, again.imported, again.known) == (5, 0, 5)
        assert (store.count("events"), store.count("icews_events"),
                store.count("actors")) == before == (4, 4, 8)
        runs = store.query("SELECT command, articles_read, events FROM runs ORDER BY started_at")
    assert runs == [{"command": "import-icews", "articles_read": 5, "events": 4},
                    {"command": "import-icews", "articles_read": 5, "events": 0}]


def test_unmatched_country_names_are_counted(tmp_path, files):
    notes: list[str] = []
    with Store(tmp_path / "e.duckdb") as store:
        summary = import_icews(store, [str(p) for p in files], on_note=notes.append)
    assert summary.unmatched == {"Narnia": 1}
    assert notes[-1] == ("1 country names matched no country code and were stored as null, "
                         "the name kept in icews_events: 'Narnia' (1)")


def test_an_interrupted_import_resumes(tmp_path, files):
    asked: list[str] = []
    paths = [str(p) for p in files]

    def stop_after_first_batch(summary) -> None:
        asked.append("SIGTERM")

    with Store(tmp_path / "e.duckdb") as store:
        cut = import_icews(store, paths, batch_size=2, on_progress=stop_after_first_batch,
                           stopped=lambda: asked[0] if asked else None)
        assert cut.interrupted.startswith("SIGTERM, after 2 events imported")
        assert store.count("events") == 2
        notes: list[str] = []
        rest = import_icews(store, paths, on_note=notes.append)
        assert notes[0].startswith("resuming run ") and "interrupted: SIGTERM" in notes[0]
        assert (rest.imported, rest.known, rest.interrupted) == (2, 3, None)
        assert store.count("events") == store.count("icews_events") == 4


def test_folder_input(tmp_path, files):
    (tmp_path / "notes.md").write_text("not an ICEWS file")
    with Store(tmp_path / "e.duckdb") as store:
        summary = import_icews(store, [str(tmp_path)])
    assert (summary.imported, summary.failed) == (4, 0)


# ---- headers that differ ------------------------------------------------------------------------
def test_headers_that_differ_read_alike(tmp_path):
    # a weekly-style export: names lower-cased with underscores, another order, an extra column
    header = ("event_id", "event_date", "cameo_code", "source_country", "target_country",
              "intensity", "source_name", "target_name", "Tone")
    values = ["9000020", "2020-05-05", "036", "China", "Taiwan", "4", "Official (China)",
              "Government (Taiwan)", "0.5"]
    path = write(tmp_path / "20200505-icews-events.tab", ["\t".join(header), "\t".join(values)])
    items = list(read_icews_events(path))
    notes, event = [str(i.text) for i in items[:-1]], items[-1]
    assert notes[0].startswith(f"{path}: the header has no Source Sectors, Event Text, ")
    assert notes[1] == (f"{path}: columns outside the published ICEWS list kept in "
                        "icews_events.extra: Tone")
    assert (event["source_country"], event["target_country"], event["cameo"]) == (
        "CHN", "TWN", "036")
    assert json.loads(event["icews"]["extra"]) == {"Tone": "0.5"}
    assert event["icews"]["publisher"] is None


def test_extra_columns_of_one_name_keep_every_value(tmp_path):
    # a dict by name kept the last "Note" only, while the note said both were kept
    header = (*PUBLISHED, "Note", "Note", "", "")
    path = write(tmp_path / "notes.tab", ["\t".join(header),
                                          row() + "\tfirst\tsecond\tthird\tfourth"])
    items = list(read_icews_events(path))
    notes, event = [str(i.text) for i in items[:-1]], items[-1]
    places = len(PUBLISHED)
    assert notes[-1].endswith(f"icews_events.extra: Note, Note 2, column {places + 3}, "
                              f"column {places + 4}")
    assert json.loads(event["icews"]["extra"]) == {
        "Note": "first", "Note 2": "second", f"column {places + 3}": "third",
        f"column {places + 4}": "fourth"}
    # a name as written stays its own column's
    literal = write(tmp_path / "literal.tab", ["\t".join((*PUBLISHED, "Note", "Note", "Note 2")),
                                               row() + "\ta\tb\tc"])
    kept = json.loads(list(read_icews_events(literal))[-1]["icews"]["extra"])
    assert kept == {"Note": "a", "Note 3": "b", "Note 2": "c"}


def test_files_without_a_cameo_code_column_read_event_text(tmp_path):
    # the first Dataverse release, and Events.2017 (month/day/year dates, andybega/icews #57)
    header = tuple(name for name in PUBLISHED if name != "CAMEO Code")
    path = write(tmp_path / "Events.2017.20200602.tab", [
        "\t".join(header),
        row(header, Event_Date="12/1/2017", Event_Text="Consult"),
        row(header, Event_ID="9000031", Event_Date="1/2/2017", Event_Text="Apolgize",
            Intensity="7"),  # ICEWS's own spelling of 055
        row(header, Event_ID="9000032", Event_Text="Demand easing of popular dissent"),
        row(header, Event_ID="9000033", Event_Text="Do a dance"),
    ])
    items = [i for i in read_icews_events(path) if not isinstance(i, icews.IcewsNote)]
    assert [i["cameo"] for i in items[:2]] == ["040", "055"]
    assert [i["date"] for i in items[:2]] == [dt.date(2017, 12, 1), dt.date(2017, 1, 2)]
    assert [str(i) for i in items[2:]] == [
        f"{path}:4: Event Text 'Demand easing of popular dissent' is ICEWS's label of several "
        "CAMEO codes (0252, 1052) and the row has no CAMEO Code",
        f"{path}:5: Event Text 'Do a dance' names no CAMEO event and the row has no CAMEO Code",
    ]


# ---- bad input ----------------------------------------------------------------------------------
def test_bad_rows_are_one_problem_each_and_the_rest_imported(tmp_path):
    path = write(tmp_path / "bad.tab", [
        HEADER,
        row(),
        "9000002\t2016-03-04\tonly three",
        row(Event_ID="9000003", Event_Date="2016-02-30"),
        row(Event_ID="9000004", Intensity="strong"),
        row(Event_ID="9000005", Intensity="12"),
        row(Event_ID="9000006", CAMEO_Code="999"),
        row(Event_ID=""),
        row(Event_ID="x1"),
        row(Event_ID="9000009", Latitude="91"),
        "",
        row(),  # the same event twice in a file: stored once
        row(Event_ID="9000011", Event_Date="2016-03-05"),
    ])
    path.write_bytes(path.read_bytes() + row(Event_ID="9000012").encode("utf-8")
                     .replace(b"Invented", b"Invent\xe9d") + b"\n")
    seen: list[str] = []
    with Store(tmp_path / "e.duckdb") as store:
        summary = import_icews(store, [str(path)], on_problem=seen.append)
        assert store.count("events") == store.count("icews_events") == 3
        # a line that is not UTF-8 is read as Windows-1252 and said, not lost
        legacy = store.query("SELECT publisher FROM icews_events WHERE event_id LIKE '%9000012%'")
    assert legacy[0]["publisher"] == "Inventéd Wire"
    assert summary.notes == [f"{path}: 1 line held bytes that are not UTF-8, read as "
                             "Windows-1252 (the first: line 14)"]
    assert (summary.read, summary.imported, summary.known, summary.failed) == (4, 3, 1, 8)
    assert summary.problems == seen == [
        f"{path}:3: 3 tab-separated fields; the header has 20",
        f"{path}:4: Event Date '2016-02-30' is not a YYYY-MM-DD date",
        f"{path}:5: Intensity 'strong' is not a number",
        f"{path}:6: Intensity '12' is outside -10..10",
        f"{path}:7: CAMEO Code '999' is not a CAMEO event code",
        f"{path}:8: Event ID is empty",
        f"{path}:9: Event ID 'x1' is not a whole number",
        f"{path}:10: Latitude '91' is outside -90..90",
    ]


def test_a_file_that_is_not_icews_is_one_problem_and_nothing_stored_is_lost(tmp_path, files):
    gdelt_like = write(tmp_path / "20030110.export.tab", ["1001\t20030110\t200301\t2003"] * 50)
    db = tmp_path / "e.duckdb"
    with Store(db) as store:
        import_icews(store, [str(files[0])])
        summary = import_icews(store, [str(gdelt_like)])
        assert store.count("events") == 3
    assert (summary.read, summary.failed) == (0, 1)
    assert summary.problems == [
        f"{gdelt_like}: not an ICEWS event file: its first line is no ICEWS header: no "
        "Event ID, Event Date, CAMEO Code or Event Text column (it begins "
        "'1001\\t20030110\\t200301\\t2003'; ICEWS files begin with a header line such as "
        "'Event ID<TAB>Event Date<TAB>Source Name<TAB>...')"]
    result = CliRunner().invoke(main, ["import", "icews", str(gdelt_like), "--db", str(db)])
    assert result.exit_code == 2
    assert one_error(result).startswith(f"error: {gdelt_like}: not an ICEWS event file")


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty file (an ICEWS file has a header line)"),
    (b"\xff\xfeE\x00v\x00", "UTF-16 text, not UTF-8; convert it to UTF-8"),
    (b"\xe9\tx\n", "not an ICEWS event file: its first line is not UTF-8 text"),
    (b"Event ID\tEvent Date\tEvent ID\tIntensity\n",
     "not an ICEWS event file: its header names Event ID more than once"),
])
def test_unreadable_files_are_one_problem(tmp_path, content, reason):
    path = tmp_path / "x.tab"
    path.write_bytes(content)
    assert [str(item) for item in read_icews_events(path)] == [f"{path}: {reason}"]


def test_unreadable_inputs(tmp_path):
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip at all")
    truncated = tmp_path / "cut.tab.gz"
    truncated.write_bytes(gzip.compress((HEADER + "\n" + (row() + "\n") * 50).encode())[:-30])
    with Store(tmp_path / "e.duckdb") as store:
        summary = import_icews(store, [str(tmp_path / "missing.tab"), str(broken),
                                       str(truncated), ""])
    assert summary.problems[0] == f"{tmp_path / 'missing.tab'}: no such file"
    assert summary.problems[1].startswith(f"{broken}: not a readable zip file")
    assert summary.problems[2].startswith(f"{truncated}: unreadable")
    assert summary.problems[3] == "'': an empty path names no file or folder"
    assert all("Traceback" not in p and "\n" not in p for p in summary.problems)


def test_a_line_over_the_limit_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(icews, "ICEWS_FORMAT",
                        dataclasses.replace(icews.ICEWS_FORMAT, max_line_bytes=2000))
    path = write(tmp_path / "long.tab", [HEADER, row(Source_Name="x" * 5000), row()])
    items = list(read_icews_events(path))
    assert items[0] == IcewsProblem(str(path), 2, "line is over 2,000 bytes; ICEWS rows are a "
                                    "few hundred")
    assert items[1]["event_id"] == "icews-9000001-20160304"


# ---- names and codes ----------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "code"), [
    ("Russian Federation", "RUS"), ("Occupied Palestinian Territory", "PSE"),
    ("Congo, The Democratic Republic of the", "COD"), ("Democratic Republic of Congo", "COD"),
    ("Congo", "COG"), ("Iran, Islamic Republic of", "IRN"), ("Iran", "IRN"),
    ("Korea, Democratic People's Republic of", "PRK"), ("North Korea", "PRK"),
    ("South Korea", "KOR"), ("Cote d'Ivoire", "CIV"), ("Kosovo", "XKX"), ("Taiwan", "TWN"),
    ("the former Yugoslav Republic of Macedonia", "MKD"), ("Moldova, Republic of", "MDA"),
    ("Syria", "SYR"), ("Laos", "LAO"), ("Vietnam", "VNM"), ("Bavaria", "DEU"),
    ("Serbia and Montenegro", "SCG"), ("Holy See", "VAT"), ("united states", "USA"),
    ("Europe", None), ("Narnia", None), ("", None), (None, None),
])
def test_country_names(name, code):
    assert country_code(name) == code


@pytest.mark.parametrize(("given", "code"), [
    ("040", "040"), ("40", "040"), ("1213", "121"), ("13y", "137"), ("0811", "0811"),
    ("13z", None), ("", None),
])
def test_cameo_codes(given, code):
    assert known_code(given) == code


def test_a_header_must_name_the_id_date_and_an_event():
    assert isinstance(read_header(HEADER), icews.Layout)
    assert read_header("Event ID\tEvent Date\tIntensity").startswith(
        "its first line is no ICEWS header: no CAMEO Code or Event Text column")


# ---- seen as GDELT's events are -----------------------------------------------------------------
def test_events_relations_export_and_api_see_icews_events(tmp_path, files):
    db = tmp_path / "e.duckdb"
    with Store(db) as store:
        import_icews(store, [str(p) for p in files])
        assert len(store.events(EventFilter(origin="icews"))) == 4
        assert store.events(EventFilter(origin="gdelt")) == []
        assert {r["event_id"] for r in store.events(EventFilter(actor="RUS"))} == {
            "icews-9000001-20160304"}
    dyads = relations(db, scope=Scope(origin="icews", modalities=None))
    assert set(zip(dyads.source, dyads.target, strict=True)) == {
        ("RUS", "IRN"), ("PSE", "ISR"), ("EU", "IRN")}  # COD-COD is no dyad
    runner = CliRunner()
    listed = runner.invoke(main, ["events", "--db", str(db), "--origin", "icews",
                                  "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    assert {json.loads(line)["origin"] for line in listed.stdout.splitlines()} == {"icews"}
    out = tmp_path / "out"
    exported = runner.invoke(main, ["export", str(out), "--db", str(db), "--format", "csv",
                                    "--origin", "icews"])
    assert exported.exit_code == 0, exported.output
    assert (out / "events.csv").read_text().count("icews-") == 4
    related = runner.invoke(main, ["relations", "--db", str(db), "--origin", "icews"])
    assert related.exit_code == 0, related.output

    import warnings

    from detente.web import create_app
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    body = TestClient(create_app(str(db))).get("/api/events",
                                               params={"origin": "icews"}).json()
    assert {e["origin"] for e in body["events"]} == {"icews"} and body["total"] == 4


def test_cli_import_reports_and_counts(tmp_path, files):
    db = tmp_path / "e.duckdb"
    result = CliRunner().invoke(main, ["import", "icews", *map(str, files), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == (
        f"5 read, 4 imported, 1 already stored, 0 failed, 1 country names matched no code "
        f"-> {db}")
    assert "note: 1 country names matched no country code" in result.stderr
    help_text = CliRunner().invoke(main, ["import", "icews", "--help"]).output
    assert "detente import icews events.2015" in help_text
