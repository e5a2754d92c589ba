"""Each export against the facts of its specification, not against a list copied into detente.

tests/specs/ holds the facts the published specifications give (field names and order, types,
code lists, code tables, weights), extracted from them by tests/specs/extract.py, each file
headed by its source, commit and lines (tests/specs/README.md): the PLOVER manual and its CAMEO
crosswalk, GDELT 2.0's column tables, phoenix_pipeline's postprocess.py and phoxy's column
names, andybega/icews's header and column types, and the POLECAT release header. These tests
compare field by field: names, order, types, empty values, dates and code vocabularies, both
what detente writes and the tables in src/detente/data that the writers read.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from detente.codebook import load_codebook
from detente.export import export_events, load_export_specs, load_plover_crosswalk
from detente.model import EVENT_COLUMNS
from detente.store import EventFilter, Store, StoredArticle

SPECS = Path(__file__).parent / "specs"
EVERYTHING = EventFilter(modality=["asserted", "possible", "future", "conditional",
                                   "intended"])


# ---- the specifications' facts, read -----------------------------------------------------------
@cache
def facts(name: str) -> dict:
    return yaml.safe_load((SPECS / name).read_text(encoding="utf-8"))


def fact_rows(name: str) -> list[dict[str, str]]:
    """A fact table's rows, its leading # lines (the source) left out."""
    lines = (SPECS / name).read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if not line.startswith("#")]
    return list(csv.DictReader(body, delimiter="\t", quoting=csv.QUOTE_NONE))


def plover() -> dict:
    return facts("plover_fields.yaml")


def plover_names(kind: str) -> list[str]:
    """The names of a PLOVER object's fields in the manual's order (record, entity, text_info,
    cite_info, location)."""
    return [field["name"] for field in plover()[kind]]


def plover_field(name: str) -> dict:
    return next(field for field in plover()["record"] if field["name"] == name)


def plover_required() -> list[str]:
    return [field["name"] for field in plover()["record"] if field["required"]]


def plover_modes() -> dict[str, list[str]]:
    """Event type -> its modes, for the types the manual gives modes."""
    return {name: kind["modes"] for name, kind in plover()["event_types"].items()
            if kind["modes"]}


def plover_quad_categories() -> dict[str, str]:
    """Event type -> the words of its "Quad category" (VERBAL COOPERATION ...)."""
    return {name: kind["quad"] for name, kind in plover()["event_types"].items()}


def phoenix() -> dict:
    """postprocess.py's tables: quad_conversion, goldstein_scale and its look-up,
    story_date_slices, countries, root_actors, primary_agent."""
    return facts("phoenix_postprocess.yaml")


def phoxy_columns() -> list[str]:
    return facts("phoenix_columns.yaml")["columns"]


def gdelt_spec(name: str) -> list[tuple[str, str]]:
    """(column, type) of a GDELT 2.0 table, in file order."""
    return [(row["name"], row["type"]) for row in fact_rows(name)]


def icews_types() -> dict[str, str]:
    """The column types andybega/icews's read_events_tsv gives ICEWS's columns (the rest are
    character)."""
    return {row["name"]: row["type"] for row in fact_rows("icews_columns.tsv")
            if row["type"] != "character"}


def header(name: str) -> list[str]:
    """The column names of a file's header, in order."""
    return [row["name"] for row in fact_rows(name)]


# ---- a store of events --------------------------------------------------------------------------
def event(n: int, **values) -> dict:
    row = dict.fromkeys(EVENT_COLUMNS)
    row.update(event_id=f"e{n}", origin="detente", article_id="a1", doc_id="d1",
               date=dt.date(2011, 4, 9), article_date=dt.date(2011, 4, 10), sentence_index=n,
               sentence="A sentence written for the test.\n", sentence_start=0,
               source_text="Arnoria", source_code="NOR", source_country="NOR",
               source_kind="state", target_text="Eswatia", target_code="SWE",
               target_country="SWE", target_kind="state", cameo="042", cameo_root="04",
               plover="CONSULT", quad_class=1, goldstein=1.9, trigger_text="visited",
               trigger_start=9, trigger_end=16, modality="asserted", confidence=0.8)
    row.update(values)
    return row


ROWS = [
    event(1),
    # a place in Kosovo, which has no ISO code: the manual's KOS
    event(2, location_name="Pristina", location_text="in Pristina", location_feature="city",
          location_country="XKX", location_lat=42.66, location_lon=21.17),
    # a type the manual gives no modes (AGREE: "Supplementary fields: None")
    event(3, cameo="036", cameo_root="03", plover="AGREE", goldstein=4.0),
    # a code whose weight Phoenix's table gives otherwise (016: 3.4 there)
    event(4, cameo="016", cameo_root="01", plover="SUPPORT", goldstein=-2.0),
    # a code Phoenix's table lacks: it takes its root's weight (0313: root 03, 4.0)
    event(5, cameo="0313", cameo_root="03", plover="AGREE", goldstein=5.2),
    # an ICEWS event keeps ICEWS's own intensity in the store, not the codebook's weight
    event(6, origin="icews", article_id=None, cameo="112", cameo_root="11", plover="ACCUSE",
          quad_class=3, goldstein=-3.0),
    # a type with modes, and a code the crosswalk gives none of them
    event(7, cameo="190", cameo_root="19", plover="ASSAULT", quad_class=4, goldstein=-10.0),
]


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("formats34")
    with Store(folder / "s.duckdb") as db:
        db.add_articles([StoredArticle(row={"article_id": "a1", "source": "Test Wire",
                                            "title": "A headline", "language": "en",
                                            "date": dt.date(2011, 4, 10)})])
        db.add_events(ROWS)
        return {fmt: export_events(db, folder / fmt, fmt, EVERYTHING)
                for fmt in ("plover", "phoenix", "gdelt", "gdelt-mentions", "icews",
                            "polecat")}


def tab_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))


def plover_records(exports) -> dict[str, dict]:
    return {record["id"]: record for record in
            map(json.loads, exports["plover"].read_text(encoding="utf-8").splitlines())}


# ---- PLOVER -------------------------------------------------------------------------------------
def test_the_plover_tables_detente_reads_are_the_manuals():
    # the lists in data/export_specs.yaml must be the manual's own tables
    spec = load_export_specs()["plover"]
    assert plover_names("record") == spec["fields"]
    assert plover_required() == spec["required"]
    assert plover_names("entity") == spec["entity"]
    assert plover_names("text_info") == spec["text_info"]
    assert plover_names("cite_info") == spec["cite_info"]
    assert plover_names("location") == spec["location"]
    assert plover()["contexts"] == spec["contexts"]
    assert list(plover()["non_state"]) == spec["non_state"]
    assert plover()["sectors"] == spec["sectors"]
    assert plover_modes() == spec["modes"]


def test_plover_event_types_and_quad_codes_are_the_manuals():
    # the quad category each type's section of the manual names, in words
    words = {"VERBAL COOPERATION": 1, "MATERIAL COOPERATION": 2, "VERBAL CONFLICT": 3,
             "MATERIAL CONFLICT": 4}
    quads = {event_type: words[quad] for event_type, quad in plover_quad_categories().items()}
    assert quads == load_codebook().plover_types


@cache
def crosswalk() -> dict[str, tuple[str, str | None, tuple[str, ...]]]:
    """The CAMEO2PLOVER crosswalk: code -> (type, mode or None, contexts)."""
    return {row["code"]: (row["type"], row["mode"] or None,
                          tuple(row["contexts"].split(";")) if row["contexts"] else ())
            for row in fact_rows("cameo2plover.tsv")}


def test_the_crosswalk_detente_reads_is_the_published_one():
    ours = load_plover_crosswalk()
    codebook = {code.code: code.plover for code in load_codebook()}
    for code, (event_type, mode, contexts) in crosswalk().items():
        assert ours[code] == (mode, contexts), code
        if code in codebook:  # (ICEWS's 1213, 1214 are no CAMEO 1.1b3 codes)
            # the crosswalk's DEMAND is the type POLECAT names REQUEST
            assert codebook[code] == {"DEMAND": "REQUEST"}.get(event_type, event_type), code
    assert set(ours) == set(crosswalk())


def test_plover_records_have_the_manuals_fields_in_its_order(exports):
    fields, required = plover_names("record"), plover_required()
    assert plover_field("date")["type"] == "date YYYY-MM-DD"
    assert plover_field("event_scale")["type"] == "float"
    for record in plover_records(exports).values():
        named = [name for name in record if name in fields]
        assert named == sorted(named, key=fields.index)
        assert all(record[name] is not None for name in required)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["date"])
        # detente writes both in every record: the manual's values and type
        assert record["quad_code"] in plover_field("quad_code")["values"]
        assert isinstance(record["event_scale"], float)
        entity = plover_names("entity")
        assert all(set(e) <= set(entity) for e in record["actor"] + (record["recipient"] or []))
        if record["event_loc"]:
            assert set(record["event_loc"]) <= set(plover_names("location"))


def test_a_plover_place_in_kosovo_has_the_manuals_code(exports):
    # A place's country_code uses the actors' country codes (PLOVER_MANUAL.tex line 1511), and
    # the manual's code for Kosovo, which has no ISO code, is KOS (line 1215): the fact file's
    # country_codes. detente's XKX matched no actor's code.
    place = plover_records(exports)["e2"]["event_loc"]
    assert (place["country_code"], place["country"]) == (
        plover()["country_codes"]["Kosovo"], "Kosovo")


# ---- Phoenix ------------------------------------------------------------------------------------
def phoenix_rows(exports) -> dict[str, dict[str, str]]:
    columns = phoxy_columns()
    rows = [dict(zip(columns, values, strict=True)) for values in tab_rows(exports["phoenix"])]
    return {row["EventID"]: row for row in rows}


def test_the_phoenix_tables_detente_reads_are_postprocess_pys():
    spec, tables = load_export_specs()["phoenix"], phoenix()
    assert spec["columns"] == phoxy_columns()
    assert spec["countries"] == tables["countries"]
    assert spec["root_actors"] == tables["root_actors"]
    assert spec["primary_agents"] == tables["primary_agent"]
    from detente.export import load_phoenix

    assert load_phoenix()[1] == tables["quad_conversion"]


def test_phoenix_rows_have_phoxys_columns_and_postprocess_pys_values(exports):
    tables = phoenix()
    rows = phoenix_rows(exports)
    assert len(rows) == len(ROWS)
    for row in rows.values():
        # split_process: year, month and day are slices of the story date
        for column in ("Year", "Month", "Day"):
            start, end = tables["story_date_slices"][column.lower()]
            assert row[column] == row["Date"][start:end], column
        assert row["EventRootCode"] == row["EventCode"][:tables["root_code_digits"]]
        assert int(row["QuadClass"]) == tables["quad_conversion"][row["EventRootCode"]]


def phoenix_goldstein(code: str) -> float:
    """process_cameo: the table's weight of the code, else of its root."""
    tables = phoenix()
    assert tables["goldstein_lookup"] == ["code", "root_code"]
    scale = tables["goldstein_scale"]
    return scale[code] if code in scale else scale[code[:tables["root_code_digits"]]]


def test_phoenix_goldstein_scores_are_postprocess_pys(exports):
    # postprocess.py's process_cameo (lines 240-248) writes its own table's weight of the code,
    # else of its root. detente wrote its own codebook's weight (GDELT's scale), which differs
    # on 19 codes (016: -2.0 there, 3.4 in Phoenix).
    for row in phoenix_rows(exports).values():
        assert float(row["GoldsteinScore"]) == phoenix_goldstein(row["EventCode"]), row
    assert float(phoenix_rows(exports)["e4"]["GoldsteinScore"]) == 3.4


def test_phoenix_goldstein_table_gives_every_code_phoenixs_weight():
    from detente.export import phoenix_goldstein_score

    for code in load_codebook():
        assert phoenix_goldstein_score(code.code) == phoenix_goldstein(code.code), code.code


# ---- GDELT --------------------------------------------------------------------------------------
def typed(kind: str, value: str) -> bool:
    """Whether a cell is a value of the codebook's type (or empty: every column is NULLABLE)."""
    if value == "":
        return True
    if kind == "INTEGER":
        return re.fullmatch(r"-?\d+", value) is not None
    if kind == "FLOAT":
        return re.fullmatch(r"-?\d+(\.\d+)?", value) is not None
    return kind == "STRING"


@pytest.mark.parametrize(("fmt", "table"), [("gdelt", "gdelt2_events_columns.tsv"),
                                            ("gdelt-mentions", "gdelt2_mentions_columns.tsv")])
def test_gdelt_rows_have_the_codebooks_columns_and_types(exports, fmt, table):
    from detente.ingest.gdelt import gdelt_columns

    spec = gdelt_spec(table)
    assert list(gdelt_columns("gdelt2" if fmt == "gdelt" else "gdelt2_mentions")) == \
        [name for name, _ in spec]
    rows = tab_rows(exports[fmt])
    assert rows
    for values in rows:
        assert len(values) == len(spec)
        for (name, kind), value in zip(spec, values, strict=True):
            assert typed(kind, value), (name, kind, value)


def gdelt_events(exports) -> list[dict[str, str]]:
    names = [name for name, _ in gdelt_spec("gdelt2_events_columns.tsv")]
    return [dict(zip(names, values, strict=True)) for values in tab_rows(exports["gdelt"])]


def test_gdelt_dates_and_codes_are_the_codebooks(exports):
    for row in gdelt_events(exports):
        # the codebook's date formats: SQLDATE YYYYMMDD, DATEADDED YYYYMMDDHHMMSS
        assert re.fullmatch(r"\d{8}", row["SQLDATE"]) and re.fullmatch(r"\d{14}",
                                                                        row["DATEADDED"])
        assert row["MonthYear"] == row["SQLDATE"][:6] and row["Year"] == row["SQLDATE"][:4]
        # the codebook's QuadClass is 1 to 4 (verbal/material cooperation, then conflict), its
        # Goldstein score between -10 and +10
        assert row["QuadClass"] in ("1", "2", "3", "4")
        assert -10 <= float(row["GoldsteinScale"]) <= 10
        # the codebook: a level-one or level-two code is its own base code (its first three
        # digits, then); the root is the first two
        assert row["EventRootCode"] == row["EventCode"][:2]
        assert row["EventBaseCode"] == row["EventCode"][:3]


def test_gdelt_goldstein_is_the_codes_weight_not_an_imported_intensity(exports):
    # The GDELT Event Codebook V2.0 defines GoldsteinScale as the score of the event's type,
    # not of the particular event. An ICEWS event's Intensity (-3.0 here) is ICEWS's own, not
    # the Goldstein score of CAMEO 112 (-2.0).
    weights = {code.code: code.goldstein for code in load_codebook()}
    for row in gdelt_events(exports):
        assert float(row["GoldsteinScale"]) == weights[row["EventCode"]], row["EventCode"]


# ---- ICEWS --------------------------------------------------------------------------------------
def test_icews_rows_have_the_files_header_and_andybega_icews_types(exports):
    rows = tab_rows(exports["icews"])
    assert rows[0] == header("icews_columns.tsv")
    types = icews_types()
    assert set(types) <= set(rows[0])
    patterns = {"integer": r"-?\d+", "double": r"-?\d+(\.\d+)?", "date": r"\d{4}-\d{2}-\d{2}"}
    for values in rows[1:]:
        for name, value in zip(rows[0], values, strict=True):
            if name in types and value:
                assert re.fullmatch(patterns[types[name]], value), (name, value)


# ---- POLECAT ------------------------------------------------------------------------------------
def polecat_rows(exports) -> dict[str, dict[str, str]]:
    rows = tab_rows(exports["polecat"])
    assert rows[0] == header("polecat_columns.tsv")
    return {row["Event ID"]: row for row in (dict(zip(rows[0], values, strict=True))
                                             for values in rows[1:])}


def test_polecat_quad_codes_are_the_manuals_words(exports):
    for row in polecat_rows(exports).values():
        assert row["Quad Code"] == plover_quad_categories()[row["Event Type"]]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["Event Date"])


def test_polecat_mode_of_a_type_without_modes_is_na(exports):
    # The release files write "NA" in Event Mode for the types that have no mode and "None"
    # for any other missing value (data/polecat.yaml, from the files' rows); the manual gives
    # AGREE, SUPPORT, CONCEDE, COOPERATE and AID no supplementary fields, so no modes.
    assert plover()["event_types"]["AGREE"]["modes"] == []
    assert plover()["event_types"]["ASSAULT"]["modes"] and crosswalk()["190"][1] is None
    rows = polecat_rows(exports)
    assert rows["e3"]["Event Mode"] == "NA"  # AGREE
    assert rows["e1"]["Event Mode"] == "visit"  # CONSULT 042
    assert rows["e7"]["Event Mode"] == "None"  # ASSAULT has modes, and 190 none of them
