"""POLECAT import: the release files' header, PLOVER events stored beside detente's own (one
per actor-recipient pair, states and IGOs by their names), rerunnable, bad rows reported."""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli import main
from detente.config import ORIGINS
from detente.ingest.polecat import columns, import_polecat, read_header
from detente.store import Store
from detente.web.params import Origin

# The header of the release files (doi:10.7910/DVN/AJGVIT) as public loaders of them read it
PUBLISHED = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name",
    "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename",
    "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version")
# the 2024 weekly files' name of the fifth column
HEADER = [*PUBLISHED[:4], "Event Intensity", *PUBLISHED[5:]]


def polecat_line(**values: str) -> str:
    """A row of a release file; unnamed fields are "None", as the files write a missing value."""
    fields = dict.fromkeys(HEADER, "None")
    fields.update({"Event ID": "20250301-0001-0a1b2c3d4e5f_ACCUSE", "Event Date": "2025-02-28",
                   "Event Type": "ACCUSE", "Event Intensity": "-3.00",
                   "Quad Code": "VERBAL CONFLICT", "Actor Name": "Ruritanian Foreign Ministry",
                   "Actor Country": "Norway", "Primary Actor Sector": "GOV",
                   "Actor Name Raw": "Oslo", "Recipient Country": "Denmark",
                   "Primary Recipient Sector": "MIL", "Recipient Name Raw": "the Danish navy",
                   "Source": "Wire One", "Publication Date": "2025-03-01"})
    unknown = set(values) - set(HEADER)
    assert not unknown, f"not a column: {unknown}"
    fields.update(values)
    return "\t".join(fields[name] for name in HEADER)


def write(path: Path, lines: list[str], header: list[str] = HEADER) -> Path:
    path.write_text("\n".join(["\t".join(header), *lines]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def weekly(tmp_path: Path) -> Path:
    return write(tmp_path / "ngecEvents.20250303000000.Release700.DV.txt", [
        polecat_line(),
        # two recipients in "; "-joined slots; one slot's name is missing
        polecat_line(**{"Event ID": "20250301-0002-1a1b2c3d4e5f_ASSAULT",
                        "Event Type": "ASSAULT", "Event Mode": "aerial",
                        "Event Intensity": "-9.00", "Quad Code": "MATERIAL CONFLICT",
                        "Contexts": "military | territory ",
                        "Actor Country": "Russia", "Primary Actor Sector": "MIL",
                        "Actor Name Raw": "Russian jets",
                        "Recipient Name": "None; Kyiv City Council",
                        "Recipient Country": "Ukraine; Ukraine",
                        "Primary Recipient Sector": "CVL; GOV",
                        "Recipient Name Raw": "villagers; the city council",
                        "City": "Kharkiv", "Country": "UKR", "Latitude": "49.98",
                        "Longitude": "36.25", "Feature Type": "PPLA"}),
        # an IGO known by its name, its country value a kind of actor
        polecat_line(**{"Event ID": "20250301-0003-2a1b2c3d4e5f_AID", "Event Type": "AID",
                        "Event Mode": "NA", "Event Intensity": "10.00",
                        "Quad Code": "MATERIAL COOPERATION", "Actor Name": "United Nations",
                        "Actor Country": "Intergovernmental Organization",
                        "Primary Actor Sector": "IGO", "Actor Name Raw": "the U.N.",
                        "Recipient Country": "Palestinian Territories",
                        "Primary Recipient Sector": "CVL",
                        "Recipient Name Raw": "families in Gaza"}),
    ])


def test_the_layout_is_the_published_header():
    assert tuple(columns()) == PUBLISHED
    # either name of the intensity column reads
    for header in (PUBLISHED, HEADER):
        layout = read_header("\t".join(header))
        assert not isinstance(layout, str) and "intensity" in layout.stored
    assert typing.get_args(Origin) == ORIGINS  # the web's filter offers every origin


def test_rows_become_plover_events_one_per_pair(tmp_path, weekly):
    with Store(tmp_path / "p.duckdb") as db:
        summary = import_polecat(db, [str(weekly)])
        events = {row["event_id"]: row for row in db.query("SELECT * FROM events")}
        kept = db.query("SELECT * FROM polecat_events ORDER BY event_id")
    assert (summary.read, summary.imported, summary.failed) == (4, 4, 0)
    accuse = events["polecat-20250301-0001-0a1b2c3d4e5f_ACCUSE"]
    assert (accuse["origin"], accuse["date"], accuse["article_date"]) == (
        "polecat", dt.date(2025, 2, 28), dt.date(2025, 3, 1))
    assert (accuse["source_code"], accuse["source_country"], accuse["source_name"],
            accuse["source_text"], accuse["target_code"]) == (
        "NORGOV", "NOR", "Ruritanian Foreign Ministry", "Oslo", "DNKMIL")
    # PLOVER's type and quad class, the intensity as the weight, and no CAMEO code made up
    assert (accuse["plover"], accuse["quad_class"], accuse["goldstein"], accuse["cameo"]) == (
        "ACCUSE", 3, -3.0, None)
    strike = "polecat-20250301-0002-1a1b2c3d4e5f_ASSAULT"
    villagers, council = events[f"{strike}-1-1"], events[f"{strike}-1-2"]
    assert (villagers["target_code"], villagers["target_text"], council["target_code"],
            council["target_name"]) == ("UKRCVL", "villagers", "UKRGOV", "Kyiv City Council")
    assert (council["location_name"], council["location_feature"],
            council["location_country"], council["location_lat"]) == (
        "Kharkiv", "city", "UKR", 49.98)
    aid = events["polecat-20250301-0003-2a1b2c3d4e5f_AID"]
    assert (aid["source_code"], aid["source_country"], aid["target_country"],
            aid["quad_class"]) == ("IGOUNO", "UNO", "PSE", 2)
    # every column as the file wrote it, lists too; "None" and "NA" as null
    by_id = {row["event_id"]: row for row in kept}
    assert by_id[f"{strike}-1-2"]["recipient_name"] == "None; Kyiv City Council"
    assert by_id[f"{strike}-1-2"]["contexts"] == "military | territory"
    assert by_id[f"{strike}-1-2"]["event_mode"] == "aerial"
    assert by_id["polecat-20250301-0003-2a1b2c3d4e5f_AID"]["event_mode"] is None
    assert by_id["polecat-20250301-0001-0a1b2c3d4e5f_ACCUSE"]["intensity"] == -3.0


def test_importing_again_adds_nothing(tmp_path, weekly):
    with Store(tmp_path / "p.duckdb") as db:
        import_polecat(db, [str(weekly)])
        again = import_polecat(db, [str(tmp_path)])  # the folder: its .txt file again
        assert (again.imported, again.known) == (0, 4)
        assert db.count("events") == 4 and db.count("polecat_events") == 4


def test_each_bad_row_is_one_problem_and_the_rest_is_stored(tmp_path):
    path = write(tmp_path / "mixed.txt", [
        polecat_line(**{"Event Date": "2025-02-30"}),
        polecat_line(**{"Event ID": "e2", "Event Type": "PRAISE"}),
        polecat_line(**{"Event ID": "e3", "Quad Code": "VERBAL DISCORD"}),
        polecat_line(**{"Event ID": "e4", "Event Intensity": "-30.00"}),
        polecat_line(**{"Event ID": "e5"}) + "\textra",
        polecat_line(**{"Event ID": "e6", "Actor Country": "Atlantis"}),
    ])
    problems: list[str] = []
    with Store(tmp_path / "p.duckdb") as db:
        summary = import_polecat(db, [str(path)], on_problem=problems.append)
        stored = db.query("SELECT event_id, source_country FROM events")
    assert summary.failed == 5 and len(problems) == 5
    assert problems[0] == f"{path}:2: Event Date '2025-02-30' is not a YYYY-MM-DD date"
    assert "'PRAISE' is not a PLOVER event type" in problems[1]
    assert "Quad Code 'VERBAL DISCORD'" in problems[2]
    assert "Intensity '-30.00' is outside -10..10" in problems[3]
    assert "41 tab-separated fields; the header has 40" in problems[4]
    # a country name that names no state is kept in polecat_events and counted, not refused
    assert stored == [{"event_id": "polecat-e6", "source_country": None}]
    assert summary.unmatched == {"Atlantis": 1}


def test_a_file_of_another_kind_is_one_problem(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Event\tWhen\nsomething\t2025-01-01\n", encoding="utf-8")
    problems: list[str] = []
    with Store(tmp_path / "p.duckdb") as db:
        summary = import_polecat(db, [str(path)], on_problem=problems.append)
    assert summary.failed == 1 and summary.imported == 0
    assert problems == [f"{path}: not a POLECAT event file: its first line is no POLECAT "
                        "header: no Event ID, Event Date, Event Type column (it begins "
                        "'Event\\tWhen'; POLECAT files begin with a header line such as "
                        "'Event ID<TAB>Event Date<TAB>Event Type<TAB>...')"]


def test_the_command_imports_and_the_events_are_queried(tmp_path, weekly):
    db = str(tmp_path / "p.duckdb")
    result = CliRunner().invoke(main, ["import", "polecat", str(weekly), "--db", db])
    assert result.exit_code == 0, result.output
    assert "4 read, 4 imported, 0 already stored, 0 failed" in result.output
    listed = CliRunner().invoke(main, ["events", "--db", db, "--origin", "polecat",
                                       "--format", "csv"])
    assert listed.exit_code == 0 and listed.output.count("polecat-") == 4
    helped = CliRunner().invoke(main, ["import", "polecat", "--help"])
    assert helped.exit_code == 0 and "detente import polecat" in helped.output  # an example


def test_the_plover_export_keeps_polecat_modes_and_contexts(tmp_path, weekly):
    import json

    from detente.export import export_events

    with Store(tmp_path / "p.duckdb") as db:
        import_polecat(db, [str(weekly)])
        path = export_events(db, tmp_path / "out", "plover")
    records = {r["id"]: r for r in map(json.loads, path.read_text().splitlines())}
    strike = records["polecat-20250301-0002-1a1b2c3d4e5f_ASSAULT-1-2"]
    assert (strike["event"], strike["mode"], strike["context"], strike["quad_code"]) == (
        ["ASSAULT"], ["aerial"], ["military", "territory"], 4)
    assert strike["cite_info"]["publication"] == "Wire One"
    aid = records["polecat-20250301-0003-2a1b2c3d4e5f_AID"]
    assert (aid["mode"], aid["context"], aid["actor"][0]["code"]) == (None, None, "UNO")


def test_a_stray_byte_is_read_as_windows_1252_and_the_line_kept(tmp_path):
    line = polecat_line(**{"Actor Name": "Zürich Council", "Source": "Caf\x00 Wire"})
    path = tmp_path / "mixed.txt"
    write(path, [])
    # UTF-8 for the name, one Windows-1252 byte (an e with an acute accent) in the source
    path.write_bytes(path.read_bytes() + line.encode("utf-8").replace(b"\x00", b"\xe9") + b"\n")
    with Store(tmp_path / "p.duckdb") as db:
        summary = import_polecat(db, [str(path)])
        kept = db.query("SELECT actor_name, source FROM polecat_events")
    assert kept == [{"actor_name": "Zürich Council", "source": "Café Wire"}]
    assert summary.notes == [f"{path}: 1 line held bytes that are not UTF-8, read as "
                             "Windows-1252 (the first: line 2)"]


def test_exported_and_imported_again_an_event_keeps_its_id_and_igo(tmp_path, weekly):
    from detente.export import export_events

    with Store(tmp_path / "p.duckdb") as db:
        import_polecat(db, [str(weekly)])
        # a person of an IGO: the IGO stays the actor's country
        db.con.execute("UPDATE events SET source_name = 'Ana Ruiz' WHERE source_country = 'UNO'")
        path = export_events(db, tmp_path / "out", "polecat")
        again = import_polecat(db, [str(path)])  # the same store: nothing new
        assert (again.imported, again.known) == (0, 4)
    with Store(tmp_path / "q.duckdb") as db:
        import_polecat(db, [str(path)])
        back = {row["event_id"]: row for row in db.query("SELECT * FROM events")}
    aid = back["polecat-20250301-0003-2a1b2c3d4e5f_AID"]
    assert (aid["source_country"], aid["source_name"]) == ("UNO", "Ana Ruiz")
    assert "polecat-20250301-0002-1a1b2c3d4e5f_ASSAULT-1-2" in back


def test_events_are_selected_by_plover_type(tmp_path, weekly):
    import warnings

    from fastapi.testclient import TestClient

    from detente.web.app import create_app

    db = str(tmp_path / "p.duckdb")
    with Store(db) as store:
        import_polecat(store, [str(weekly)])
    listed = CliRunner().invoke(main, ["events", "--db", db, "--plover", "assault,aid",
                                       "--format", "csv"])
    assert listed.exit_code == 0 and listed.output.count("polecat-") == 3
    refused = CliRunner().invoke(main, ["events", "--db", db, "--plover", "PRAISE"])
    assert refused.exit_code == 2 and "unknown PLOVER event type 'PRAISE'" in refused.output
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        client = TestClient(create_app(db))
    assert client.get("/api/events", params={"plover": "accuse"}).json()["total"] == 1
    assert client.get("/api/events", params={"plover": "PRAISE"}).status_code == 422
    assert "<option>ASSAULT</option>" in client.get("/events").text  # the dashboard's filter


def test_a_row_with_a_nul_byte_is_one_problem(tmp_path):
    # it was stored, and written raw into the csv and polecat exports
    path = write(tmp_path / "nul.txt", [polecat_line(**{"Event ID": "n\x001"}),
                                        polecat_line(**{"Event ID": "n2"})])
    problems: list[str] = []
    with Store(tmp_path / "p.duckdb") as db:
        summary = import_polecat(db, [str(path)], on_problem=problems.append)
        ids = [row["event_id"] for row in db.query("SELECT event_id FROM events")]
    assert problems == [f"{path}:2: a NUL byte: binary data, not text"]
    assert summary.failed == 1 and ids == ["polecat-n2"]


@pytest.mark.parametrize(("contexts", "modality"), [
    ("military | future", "future"), ("hypothetical | future", "possible"),
    ("future | hypothetical", "possible"), ("Hypothetical", "possible"),
    ("negation", "asserted"), (None, "asserted")])
def test_an_auxiliary_mode_in_the_contexts_reads_as_a_modality(contexts, modality):
    from detente.ingest.polecat import _modality

    assert _modality({"contexts": contexts}) == modality


def test_actor_lists_of_different_lengths_are_noted(tmp_path):
    # three names and one country were read slot by slot without a word
    path = write(tmp_path / "slots.txt", [
        polecat_line(**{"Event ID": "s1", "Actor Name": "A; B; C", "Actor Country": "Norway"}),
        polecat_line(**{"Event ID": "s2", "Actor Name": "A; B", "Actor Country":
                        "Norway; Denmark", "Primary Actor Sector": "GOV; MIL",
                        "Actor Name Raw": "Oslo; Copenhagen"})])
    notes: list[str] = []
    with Store(tmp_path / "p.duckdb") as db:
        import_polecat(db, [str(path)], on_note=notes.append)
    assert [n for n in notes if "differ in length" in n] == [
        f"1 row(s) whose actor or recipient lists differ in length (first: {path}:2) were "
        "read slot by slot, the shorter lists' last slots empty"]


def test_plover_sectors_are_read_as_the_cameo_sectors_they_mean(tmp_path):
    # PLOVER's MED is health (CAMEO's HLH) and its JRN journalists (CAMEO's media, MED):
    # PLOVER_MANUAL.tex, "Sector code notes", note 4
    path = write(tmp_path / "sectors.txt", [
        polecat_line(**{"Primary Actor Sector": "MED", "Actor Sectors": "MED",
                        "Primary Recipient Sector": "JRN", "Recipient Sectors": "JRN"})])
    with Store(tmp_path / "s.duckdb") as db:
        import_polecat(db, [str(path)])
        [row] = db.query("SELECT source_sector, source_code, target_sector FROM events")
    assert (row["source_sector"], row["source_code"], row["target_sector"]) == (
        "HLH", "NORHLH", "MED")


def test_civil_society_is_read_back_as_the_ngo_sector_the_export_wrote(tmp_path):
    # The plover and polecat exports write CAMEO's NGO (and HRI, ENV, DEV) as PLOVER's SOC,
    # civil society (PLOVER_MANUAL.tex, Sector Codes); the import read SOC as no sector, so a
    # NORNGO actor exported and imported again came back as NOR, which had been NORNGO before
    # the exports wrote the manual's codes
    from detente.export import export_events

    path = write(tmp_path / "soc.txt", [
        polecat_line(**{"Primary Actor Sector": "SOC", "Actor Sectors": "SOC"})])
    with Store(tmp_path / "s.duckdb") as db:
        import_polecat(db, [str(path)])
        [row] = db.query("SELECT source_sector, source_code FROM events")
        assert (row["source_sector"], row["source_code"]) == ("NGO", "NORNGO")
        # a round trip of detente's own sectors: what the export renames comes back
        db.con.execute("UPDATE events SET target_sector = 'MED', target_code = 'DNKMED'")
        exported = export_events(db, tmp_path / "out", "polecat")
    with Store(tmp_path / "again.duckdb") as db:
        import_polecat(db, [str(exported)])
        [row] = db.query("SELECT source_sector, source_code, target_sector, target_code "
                         "FROM events")
    assert (row["source_sector"], row["source_code"], row["target_sector"],
            row["target_code"]) == ("NGO", "NORNGO", "MED", "DNKMED")
