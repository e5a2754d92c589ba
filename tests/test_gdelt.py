"""GDELT import: 1.0 (57/58 columns) and 2.0 (61) files, idempotent, bad lines reported."""

from __future__ import annotations

import datetime as dt
import gzip
import zipfile
from pathlib import Path

import pytest

from detente.ingest.gdelt import GdeltProblem, import_gdelt, layouts, read_gdelt_events
from detente.model import flatten_record
from detente.store import EventFilter, Store


def gdelt_line(count: int, **values: str) -> str:
    """A line of a GDELT event file in the documented layout; unnamed fields are empty."""
    _, columns = layouts()[count]
    fields = dict.fromkeys(columns, "")
    fields.update(
        GLOBALEVENTID="1001", SQLDATE="20030110", MonthYear="200301", Year="2003",
        FractionDate="2003.0274", Actor1Code="IRNGOV", Actor1Name="IRAN",
        Actor1CountryCode="IRN", Actor1Type1Code="GOV", Actor2Code="USA",
        Actor2Name="UNITED STATES", Actor2CountryCode="USA", IsRootEvent="1", EventCode="112",
        EventBaseCode="112", EventRootCode="11", QuadClass="3", GoldsteinScale="-2.0",
        NumMentions="4", NumSources="1", NumArticles="4", AvgTone="-3.2",
        ActionGeo_Type="4", ActionGeo_FullName="Tehran, Tehran, Iran", DATEADDED="20030110",
    )
    unknown = set(values) - set(columns)
    assert not unknown, f"not a column of the {count}-column layout: {unknown}"
    fields.update(values)
    return "\t".join(fields[c] for c in columns)


def write(path: Path, lines: list[str]) -> Path:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(data))
    elif path.suffix == ".zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(path.stem, data)
    else:
        path.write_bytes(data)
    return path


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    old = write(tmp_path / "20030110.export.CSV", [
        gdelt_line(57),
        gdelt_line(57, GLOBALEVENTID="1002", EventCode="043", EventBaseCode="043",
                   EventRootCode="4", QuadClass="1", GoldsteinScale="2.8", Actor1Code="RUS",
                   Actor1Name="RUSSIA", Actor1CountryCode="RUS", Actor1Type1Code=""),
    ])
    daily = write(tmp_path / "20130401.export.CSV.zip", [
        gdelt_line(58, GLOBALEVENTID="2001", SQLDATE="20130401", Actor2Code="",
                   Actor2Name="", Actor2CountryCode="", SOURCEURL="https://news.example/a"),
    ])
    v2 = write(tmp_path / "20150219000000.export.CSV.gz", [
        gdelt_line(61, GLOBALEVENTID="410000001", SQLDATE="20150218", EventCode="190",
                   EventBaseCode="190", EventRootCode="19", QuadClass="4",
                   GoldsteinScale="-10.0", Actor1Code="SYRMIL", Actor1Name="SYRIA",
                   Actor1CountryCode="SYR", Actor1Type1Code="MIL", Actor2Code="SYRREB",
                   Actor2Name="SYRIA", Actor2CountryCode="SYR", Actor2Type1Code="REB",
                   ActionGeo_ADM2Code="12345", DATEADDED="20150219000000",
                   SOURCEURL="https://news.example/b"),
    ])
    return [old, daily, v2]


def test_layouts_are_the_documented_ones():
    v1_old, v1, v2 = layouts()[57][1], layouts()[58][1], layouts()[61][1]
    assert (v1_old[0], v1_old[1], v1_old[26], v1_old[28], v1_old[-1]) == (
        "GLOBALEVENTID", "SQLDATE", "EventCode", "EventRootCode", "DATEADDED")
    assert v1[:57] == v1_old and v1[57] == "SOURCEURL"
    assert v2[39] == "Actor1Geo_ADM2Code" and v2[59:] == ("DATEADDED", "SOURCEURL")
    assert [c for c in v2 if c not in v1] == [
        "Actor1Geo_ADM2Code", "Actor2Geo_ADM2Code", "ActionGeo_ADM2Code"]
    assert layouts()[57][0] == layouts()[58][0] == "1.0" and layouts()[61][0] == "2.0"


def test_import_maps_fields(tmp_path, files):
    with Store(tmp_path / "e.duckdb") as store:
        summary = import_gdelt(store, [str(p) for p in files])
        assert (summary.read, summary.imported, summary.known, summary.failed) == (4, 4, 0, 0)
        rows = {r["event_id"]: r for r in store.events(EventFilter(all_reports=True))}
    assert set(rows) == {"gdelt-1001", "gdelt-1002", "gdelt-2001", "gdelt-410000001"}
    first = rows["gdelt-1001"]
    assert first["origin"] == "gdelt" and first["date"] == dt.date(2003, 1, 10)
    assert (first["source_code"], first["source_country"], first["source_text"],
            first["source_sector"]) == ("IRNGOV", "IRN", "IRAN", "GOV")
    assert (first["target_code"], first["target_country"], first["target_text"]) == (
        "USA", "USA", "UNITED STATES")
    assert (first["cameo"], first["cameo_root"], first["cameo_name"], first["plover"]) == (
        "112", "11", "Accuse", "ACCUSE")
    assert first["quad_class"] == 3 and first["goldstein"] == -2.0
    assert first["modality"] == "asserted" and first["rule"] == "gdelt 1.0"
    assert first["article_id"] is None and first["duplicate_of"] is None
    assert first["confidence"] is None and first["source_url"] is None  # no SOURCEURL before 2013
    hosted = rows["gdelt-1002"]
    assert hosted["cameo_root"] == "04" and hosted["plover"] == "CONSULT"  # zero restored
    assert hosted["source_sector"] is None
    daily = rows["gdelt-2001"]
    assert daily["source_url"] == "https://news.example/a" and daily["target_code"] is None
    v2 = rows["gdelt-410000001"]
    assert v2["rule"] == "gdelt 2.0" and v2["date"] == dt.date(2015, 2, 18)
    assert (v2["source_code"], v2["target_code"], v2["target_sector"]) == (
        "SYRMIL", "SYRREB", "REB")
    assert (v2["cameo"], v2["quad_class"], v2["goldstein"]) == ("190", 4, -10.0)
    assert v2["source_url"] == "https://news.example/b"


def test_reimport_adds_nothing(tmp_path, files):
    paths = [str(p) for p in files]
    with Store(tmp_path / "e.duckdb") as store:
        import_gdelt(store, paths)
        before = (store.count("events"), store.count("actors"))
        again = import_gdelt(store, paths, batch_size=2)
        assert (again.read, again.imported, again.known) == (4, 0, 4)
        assert (store.count("events"), store.count("actors")) == before
        runs = store.query("SELECT command, articles_read, events FROM runs ORDER BY started_at")
    assert runs == [{"command": "import-gdelt", "articles_read": 4, "events": 4},
                    {"command": "import-gdelt", "articles_read": 4, "events": 0}]


def test_bad_lines_are_reported_and_the_rest_imported(tmp_path):
    path = write(tmp_path / "bad.CSV", [
        "GLOBALEVENTID\tSQLDATE",  # a header someone added: skipped, not a problem
        gdelt_line(58, GLOBALEVENTID="1"),
        "1\t2\t3",
        gdelt_line(58, GLOBALEVENTID="3", QuadClass="three"),
        gdelt_line(58, GLOBALEVENTID="4", SQLDATE="20030230"),
        gdelt_line(58, GLOBALEVENTID="5", GoldsteinScale="n/a"),
        gdelt_line(58, GLOBALEVENTID=""),
        "",
        gdelt_line(58, GLOBALEVENTID="1"),  # the same event twice in a file: stored once
        gdelt_line(61, GLOBALEVENTID="9"),
    ])
    seen: list[str] = []
    with Store(tmp_path / "e.duckdb") as store:
        summary = import_gdelt(store, [str(path)], on_problem=seen.append)
        assert store.count("events") == 2
    assert (summary.read, summary.imported, summary.known, summary.failed) == (3, 2, 1, 5)
    assert summary.problems == seen
    assert summary.problems == [
        f"{path}:3: 3 tab-separated fields; GDELT event files have 57 or 58 (GDELT 1.0) "
        "or 61 (GDELT 2.0)",
        f"{path}:4: QuadClass 'three' is not a number",
        f"{path}:5: SQLDATE '20030230' is not a YYYYMMDD date",
        f"{path}:6: GoldsteinScale 'n/a' is not a number",
        f"{path}:7: GLOBALEVENTID is empty",
    ]


def test_event_codes_outside_the_codebook_are_one_problem_per_line(tmp_path):
    # QuadClass 9 was refused but EventCode 999 (root 99) went in, typeless, into every export
    path = write(tmp_path / "codes.CSV", [
        gdelt_line(57),
        gdelt_line(57, GLOBALEVENTID="1002", EventCode="999", EventBaseCode="999",
                   EventRootCode="99"),
        gdelt_line(57, GLOBALEVENTID="1003", EventCode="1129", EventBaseCode="112"),
        gdelt_line(57, GLOBALEVENTID="1004", EventCode="112", EventRootCode="14"),
        # a spreadsheet dropped the leading zeros of both: the code is restored, not refused
        gdelt_line(57, GLOBALEVENTID="1005", EventCode="43", EventBaseCode="43",
                   EventRootCode="4", QuadClass="1", GoldsteinScale="2.8"),
    ])
    seen: list[str] = []
    with Store(tmp_path / "e.duckdb") as store:
        summary = import_gdelt(store, [str(path)], on_problem=seen.append)
        rows = {r["event_id"]: r for r in store.events(EventFilter(all_reports=True))}
    assert seen == [
        f"{path}:2: EventCode '999' is not a CAMEO event code",
        f"{path}:3: EventCode '1129' is not a CAMEO event code",
        f"{path}:4: EventRootCode '14' is not the root of EventCode '112'",
    ]
    assert (summary.read, summary.imported, summary.failed) == (2, 2, 3)
    assert set(rows) == {"gdelt-1001", "gdelt-1005"}
    hosted = rows["gdelt-1005"]
    assert (hosted["cameo"], hosted["cameo_root"], hosted["plover"]) == ("043", "04", "CONSULT")


def test_unreadable_inputs_are_one_problem_each(tmp_path):
    broken_zip = tmp_path / "broken.zip"
    broken_zip.write_bytes(b"not a zip at all")
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as archive:
        archive.writestr("a.CSV", gdelt_line(58))
        archive.writestr("b.CSV", gdelt_line(58))
    truncated = tmp_path / "cut.CSV.gz"
    truncated.write_bytes(gzip.compress((gdelt_line(58) + "\n").encode() * 50)[:-30])
    missing = tmp_path / "missing.CSV"
    with Store(tmp_path / "e.duckdb") as store:
        summary = import_gdelt(store, [str(missing), str(broken_zip), str(two), str(truncated)])
    assert summary.failed == 4 and len(summary.problems) == 4
    assert summary.problems[0] == f"{missing}: no such file"
    assert summary.problems[1].startswith(f"{broken_zip}: not a readable zip file")
    assert summary.problems[2] == f"{two}: not a readable zip file (2 files inside, expected one)"
    assert summary.problems[3].startswith(f"{truncated}: unreadable")
    assert all("\n" not in p and "Traceback" not in p for p in summary.problems)


def test_reader_streams_rows_and_problems(tmp_path):
    path = write(tmp_path / "events.txt", [gdelt_line(57), "x\ty"])
    items = list(read_gdelt_events(path))
    assert items[0]["event_id"] == "gdelt-1001"
    assert items[1] == GdeltProblem(str(path), 2, items[1].reason)
    assert str(items[1]).startswith(f"{path}:2: 2 tab-separated fields")


def test_folder_input(tmp_path, files):
    (tmp_path / "notes.md").write_text("not a GDELT file")
    with Store(tmp_path / "e.duckdb") as store:
        summary = import_gdelt(store, [str(tmp_path)])
    assert (summary.imported, summary.failed) == (4, 0)


def test_detente_and_gdelt_events_side_by_side(tmp_path, files):
    own = flatten_record({
        "doc_id": "d1", "date": "2003-01-11", "sentence_index": 0,
        "sentence": "Iran condemned Washington.",
        "source": {"text": "Iran", "code": "IRN", "country": "IRN"},
        "target": {"text": "Washington", "code": "USAGOV", "country": "USA"},
        "cameo": "122", "cameo_root": "12", "cameo_name": "Reject", "plover": "REJECT",
        "quad_class": 3, "goldstein": -4.0,
        "trigger": {"text": "condemned", "start": 5, "end": 14}, "modality": "asserted",
    })
    own.update(event_id="d-1", origin="detente", article_id="a1",
               date=dt.date(2003, 1, 11))
    with Store(tmp_path / "e.duckdb") as store:
        store.add_events([own])
        import_gdelt(store, [str(p) for p in files])
        gdelt = store.events(EventFilter(origin="gdelt"))
        detente = store.events(EventFilter(origin="detente"))
        iran = store.events(EventFilter(actor="IRN"))
        conflict = store.events(EventFilter(quads=[3, 4], since=dt.date(2003, 1, 1),
                                            until=dt.date(2003, 12, 31)))
    assert len(gdelt) == 4 and {r["origin"] for r in gdelt} == {"gdelt"}
    assert [r["event_id"] for r in detente] == ["d-1"]
    assert {r["event_id"] for r in iran} == {"gdelt-1001", "gdelt-2001", "d-1"}
    assert [r["event_id"] for r in conflict] == ["gdelt-1001", "d-1"]


def test_the_import_command_shows_its_progress(tmp_path, files):
    from click.testing import CliRunner

    from detente.cli import main

    db = str(tmp_path / "events.duckdb")
    result = CliRunner().invoke(main, ["import", "gdelt", *map(str, files), "--db", db])
    assert result.exit_code == 0, result.output
    # not a terminal: a log line stands for the live one (an import of millions of lines had
    # shown nothing until its end)
    progress = [line for line in result.stderr.splitlines() if line.startswith("importing:")]
    assert progress and "stored" in progress[0] and "rows/s" in progress[0]
    assert result.stderr.rstrip().endswith(f"imported, 0 already stored, 0 failed -> {db}")


def test_a_line_with_a_nul_byte_is_one_problem(tmp_path):
    path = write(tmp_path / "nul.CSV", [gdelt_line(61, Actor1Name="IR\x00AN"),
                                        gdelt_line(61, GLOBALEVENTID="1002")])
    problems: list[str] = []
    with Store(tmp_path / "g.duckdb") as store:
        summary = import_gdelt(store, [str(path)], on_problem=problems.append)
    assert problems == [f"{path}:1: a NUL byte: binary data, not text"]
    assert summary.failed == 1 and summary.imported == 1
