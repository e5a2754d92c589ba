"""Each export against its specification's field list, kept as data (data/export_specs.yaml).

PLOVER: the manual's "PLOVER JSON" table (required fields present and never null, so events
without a date or an actor are left out and counted; list fields lists or null; entity,
location, citation and text objects with the manual's names only), auxiliary modes in
context. Phoenix: its 26 columns in order, zero-padded dates, PETRARCH's IGO codes, actors split
as postprocess.py's process_actors splits them, places filled. CSV/Parquet: one line per
record, outlet and title.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pycountry
import pytest

from detente.codebook import load_codebook
from detente.export import (
    CITE_INFO_EXTRAS,
    PHOENIX_COLUMNS,
    PLOVER_EXTRAS,
    TEXT_INFO_EXTRAS,
    export_events,
    load_auxiliary_modes,
    load_export_specs,
    load_phoenix,
    load_plover_crosswalk,
    phoenix_actor_parts,
)
from detente.model import EVENT_COLUMNS, MODALITIES
from detente.store import EventFilter, Store, StoredArticle

SPECS = load_export_specs()
# The entity codes the PLOVER manual knows (section "Country names", lines 1209-1243): ISO 3166
# alpha-3 codes, KOS for Kosovo, and its table of international non-state actors.
PLOVER_ENTITY_CODES = frozenset({country.alpha_3 for country in pycountry.countries}
                                | {"KOS", "IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})


def event(n: int, **values) -> dict:
    row = dict.fromkeys(EVENT_COLUMNS)
    row.update(event_id=f"c{n}", origin="detente", article_id="a1", doc_id="d1",
               date=dt.date(2004, 3, 7), article_date=dt.date(2004, 3, 8), sentence_index=n,
               sentence="Sentence.\n", sentence_start=0, source_text="Russia",
               source_code="RUS", source_country="RUS", source_kind="state",
               target_text="Iran", target_code="IRN", target_country="IRN",
               target_kind="state", cameo="042", cameo_root="04", plover="CONSULT",
               quad_class=1, goldstein=1.9, trigger_text="visited", trigger_start=7,
               trigger_end=14, modality="asserted", confidence=0.9)
    row.update(values)
    return row


@pytest.fixture
def store(tmp_path: Path):
    rows = [
        # "his visit": the mention is a pronoun, the record names the person and his office
        event(1, source_text="his", source_name="Sergei Lavrov", source_role="foreign minister",
              source_code="RUSGOV", source_sector="GOV", location_name="Tehran",
              location_text="the capital Tehran", location_feature="city",
              location_country="IRN", location_lat=35.69, location_lon=51.42),
        event(2, cameo="010", cameo_root="01", plover="SUPPORT"),  # PLOVER drops root 01
        event(3, source_text="NATO", source_code="NATGOV", source_country="NAT",
              source_kind="igo", source_sector="GOV", cameo="112", cameo_root="11",
              plover="ACCUSE", quad_class=3, goldstein=-2.0, modality="future"),
        event(4, target_text="the EU", target_code="IGOEU", target_country="EU",
              target_kind="igo"),
    ]
    with Store(tmp_path / "c.duckdb") as db:
        db.add_articles([StoredArticle(row={"article_id": "a1", "source": "Wire One",
                                            "title": "Talks in Tehran",
                                            "date": dt.date(2004, 3, 8), "language": "en"})])
        db.add_events(rows)
        yield db


EVERY_MODALITY = EventFilter(modality=list(MODALITIES))


def exported(store: Store, tmp_path: Path, fmt: str, notes: list[str] | None = None,
             selection: EventFilter | None = None) -> Path:
    return export_events(store, tmp_path / "out", fmt, selection,
                         on_note=notes.append if notes is not None else None)


def test_plover_records_follow_the_manual(store, tmp_path):
    notes: list[str] = []
    records = [json.loads(line) for line in
               exported(store, tmp_path, "plover", notes).read_text().splitlines()]
    assert [r["id"] for r in records] == ["c1", "c3", "c4"]
    assert notes and notes[0].startswith("1 event(s) of CAMEO roots 01-02 left out")
    for record in records:
        assert_plover_record(record)
    lavrov = records[0]
    assert lavrov["actor"][0]["identifier_text"] == "Sergei Lavrov"
    assert lavrov["actor"][0]["entity_text"] == "his"
    assert lavrov["actor"][0]["office"] == "foreign minister"
    assert lavrov["event_text"] == ["Sentence."] and lavrov["mode"] == ["visit"]
    assert lavrov["cite_info"]["publication"] == "Wire One"
    assert lavrov["cite_info"]["citation"] == "a1"
    assert lavrov["cite_info"]["publication_date"] == "2004-03-08"
    assert lavrov["version"] and lavrov["coder"].startswith("detente ")
    nato = records[1]
    assert nato["actor"][0]["identifier_text"] == "NATO"
    assert records[2]["recipient"][0]["identifier_text"] == "European Union"
    assert nato["modality"] == "future" and nato["mode"] == ["disapprove"]
    assert nato["context"] == ["future"]  # the manual's auxiliary mode of the modality


def test_plover_sequence_numbers_sentences_from_one(tmp_path):
    # text_info's sequence, the sentence's number (manual, "Information object for text", line
    # 1438), which the manual does not say where to start, counts as the field's other sentence
    # numbers do: GDELT's SentenceID and ICEWS's Sentence Number give the first sentence 1
    records, _ = plover_export(tmp_path, [event(0), event(3),
                                          event(5, sentence_index=None, sentence=None)])
    assert [r["text_info"]["sequence"] for r in records] == [1, 4, None]
    with Store(tmp_path / "p.duckdb") as db:
        mentions = gdelt_rows(export_events(db, tmp_path / "g", "gdelt-mentions"),
                              GDELT2_MENTION_COLUMNS)
        icews = icews_rows(export_events(db, tmp_path / "i", "icews"))
    assert [int(r["SentenceID"]) for r in mentions[:2]] == [1, 4]
    assert [int(r["Sentence Number"]) for r in icews[:2]] == [1, 4]


def assert_plover_record(record: dict) -> None:
    """A record holds the manual's names only (and detente's declared extras), its required
    fields are never null, list fields are lists or null, and no entity is empty."""
    spec = SPECS["plover"]
    assert set(record) - set(PLOVER_EXTRAS) <= set(spec["fields"])
    assert all(record[name] is not None for name in spec["required"])
    assert all(record[name] is None or isinstance(record[name], list) and record[name]
               for name in spec["lists"] if name in record)
    for entity in record["actor"] + (record["recipient"] or []):
        assert set(entity) <= set(spec["entity"]) and any(entity.values())
        assert entity.get("code") is None or entity["code"] in PLOVER_ENTITY_CODES
    assert set(record["text_info"]) <= {*spec["text_info"], *TEXT_INFO_EXTRAS}
    assert set(record["cite_info"]) <= {*spec["cite_info"], *CITE_INFO_EXTRAS}
    assert record["event_loc"] is None or set(record["event_loc"]) <= set(spec["location"])


def plover_export(tmp_path: Path, rows: list[dict]) -> tuple[list[dict], list[str]]:
    """The PLOVER records of a store holding ``rows``, and the export's notes."""
    notes: list[str] = []
    with Store(tmp_path / "p.duckdb") as db:
        db.add_events(rows)
        path = export_events(db, tmp_path / "plover", "plover", on_note=notes.append)
    records = [json.loads(line) for line in path.read_text().splitlines()]
    for record in records:
        assert_plover_record(record)
    return records, notes


def test_plover_leaves_out_events_without_date_or_actor_and_counts_them(tmp_path):
    # the manual requires date (YYYY-MM-DD) and actor (table "PLOVER JSON")
    nobody = {f"source_{name}": None for name in ("text", "code", "country", "kind")}
    records, notes = plover_export(tmp_path, [
        event(1),
        event(2, date=None),
        event(3, date=None, article_id=None),
        event(4, origin="gdelt", article_id=None, **nobody),  # GDELT's empty Actor1 fields
        # counted once, under the first reason: PLOVER has no type for root 01 anyway
        event(5, date=None, cameo="010", cameo_root="01", plover="SUPPORT"),
        # no recipient is no reason to leave an event out: the field is optional, and null
        event(6, **{f"target_{name}": None for name in ("text", "code", "country", "kind")}),
    ])
    assert [r["id"] for r in records] == ["c1", "c6"]
    assert records[1]["recipient"] is None
    assert [note.split(" left out of events.plover.jsonl")[0] for note in notes] == [
        "1 event(s) of CAMEO roots 01-02", "2 event(s) without a date",
        "1 event(s) without an actor"]


@pytest.mark.parametrize(("actor_fields", "code", "name"), [
    ({"source_country": "RUS", "source_code": "RUSGOV"}, "RUS", "Russia"),
    # the manual's own codes for the UN and the EU (EUR is the Union there, not a region)
    ({"source_country": "UNO", "source_code": "IGOUNO", "source_kind": "igo"}, "UNO",
     "United Nations"),
    ({"source_country": "EU", "source_code": "IGOEU", "source_kind": "igo"}, "EUR",
     "European Union"),
    # every other IGO is IGO; which one it is stays in identifier_text
    ({"source_country": "NAT", "source_code": "IGONAT", "source_kind": "igo"}, "IGO", "NATO"),
    ({"source_country": "AFU", "source_code": "IGOAFU", "source_kind": "igo"}, "IGO",
     "African Union"),
    ({"source_country": "XKX", "source_code": "XKX"}, "KOS", "Kosovo"),  # no ISO code
    # no country: the root of the code when the manual has it, else no code at all
    ({"source_country": None, "source_code": "IMGMUSISI", "source_kind": "group"}, "IMG",
     None),
    ({"source_country": None, "source_code": "NGOHRI", "origin": "gdelt"}, "NGO", None),
    ({"source_country": None, "source_code": "REB", "source_sector": "REB",
      "origin": "gdelt"}, None, None),
])
def test_plover_entity_code_is_the_manuals(tmp_path, actor_fields, code, name):
    records, _ = plover_export(tmp_path, [event(1, source_text="They", **actor_fields)])
    actor = records[0]["actor"][0]
    assert (actor["code"], actor["identifier_text"]) == (code, name)
    assert actor["entity_text"] == "They" and records[0]["recipient"][0]["code"] == "IRN"


def test_plover_event_loc_is_the_manuals_location_object(tmp_path):
    records, _ = plover_export(tmp_path, [
        event(1, location_name="Tehran", location_text="the capital Tehran",
              location_feature="city", location_country="IRN", location_lat=35.69,
              location_lon=51.42),
        event(2, location_name="Strait of Hormuz", location_text="the strait",
              location_feature="strait", location_lat=26.6, location_lon=56.5),
        event(3, location_name="Isfahan", location_feature="region", location_country="IRN"),
    ])
    tehran, strait, region = (r["event_loc"] for r in records)
    assert tehran == {"extracted_place": "the capital Tehran", "resolved_place": "Tehran",
                      "lat": 35.69, "lon": 51.42, "country": "Iran", "country_code": "IRN",
                      "feature_class": "P", "feature_code": None, "resolution": 4}
    assert (strait["feature_class"], strait["feature_code"]) == ("H", "STRT")
    assert strait["country"] is None and strait["country_code"] is None
    # a "region" may be a province or a wider area: no GeoNames class is claimed for it
    assert (region["feature_class"], region["country"]) == (None, "Iran")


def test_plover_empty_mode_and_context_are_null(tmp_path):
    # the manual leaves mode and context null when none of its values fits (line 141)
    records, _ = plover_export(tmp_path, [
        event(1, cameo="035", cameo_root="03", plover="AGREE", quad_class=1, goldstein=5.0),
        event(2, cameo="190", cameo_root="19", plover="ASSAULT", quad_class=4,
              goldstein=-10.0),
    ])
    assert (records[0]["mode"], records[0]["context"]) == (None, None)
    assert (records[1]["mode"], records[1]["context"]) == (None, ["military"])


@pytest.mark.parametrize(("cameo", "plover", "modality", "context"), [
    ("112", "ACCUSE", "asserted", None),
    ("112", "ACCUSE", "future", ["future"]),
    ("112", "ACCUSE", "possible", ["hypothetical"]),
    ("173", "COERCE", "intended", ["legal", "future"]),
    ("173", "COERCE", "conditional", ["legal", "hypothetical"]),
    # the type already holds the auxiliary mode (manual line 225): AGREE is an intention
    ("036", "AGREE", "intended", ["diplomatic"]),
    ("036", "AGREE", "conditional", ["diplomatic", "hypothetical"]),
    ("138", "THREATEN", "possible", ["military"]),
    ("138", "THREATEN", "future", ["military", "future"]),
])
def test_plover_context_carries_the_auxiliary_mode_of_the_modality(
        tmp_path, cameo, plover, modality, context):
    records, _ = plover_export(tmp_path, [
        event(1, cameo=cameo, cameo_root=cameo[:2], plover=plover, modality=modality)])
    assert records[0]["context"] == context and records[0]["modality"] == modality


def test_auxiliary_mode_table_speaks_both_vocabularies():
    modes, implied = load_auxiliary_modes()
    auxiliary = {"historical", "future", "hypothetical", "negation"}  # the manual's four
    assert set(modes) <= set(MODALITIES) and set(modes.values()) <= auxiliary
    assert set(implied) <= set(load_codebook().plover_types)
    assert set(implied.values()) <= auxiliary
    assert "asserted" not in modes


def test_plover_crosswalk_covers_every_code_plover_types():
    crosswalk = load_plover_crosswalk()
    codes = [c.code for c in load_codebook() if c.root not in ("01", "02")]
    missing = [code for code in codes if code not in crosswalk]
    # the codes the crosswalk itself leaves out (cameo.yaml notes them)
    assert len(missing) <= 5, missing
    assert not [code for code in crosswalk if code[:2] in ("01", "02")]


def test_phoenix_columns_follow_the_spec(store, tmp_path):
    path = exported(store, tmp_path, "phoenix", selection=EVERY_MODALITY)
    with path.open(encoding="utf-8", newline="") as stream:
        rows = [dict(zip(PHOENIX_COLUMNS, values, strict=True)) for values in
                csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)]
    assert tuple(SPECS["phoenix"]["columns"]) == PHOENIX_COLUMNS
    lavrov, _, nato, eu = rows
    assert (lavrov["Month"], lavrov["Day"]) == ("03", "07")
    assert (lavrov["Lat"], lavrov["Lon"], lavrov["LocationName"], lavrov["CountryCode"]) == (
        "35.69", "51.42", "Tehran", "IRN")
    assert (nato["SourceActorFull"], nato["SourceActorEntity"], nato["SourceActorRole"],
            nato["SourceActorAttribute"]) == ("IGOWSTNAT", "IGO", "", "WST;NAT")
    assert not any(row[c].endswith("NATGOV") for row in rows for c in PHOENIX_COLUMNS)
    assert (eu["TargetActorFull"], eu["TargetActorEntity"], eu["TargetActorAttribute"]) == (
        "IGOEUREEC", "IGO", "EUR;EEC")
    # Phoenix's classes: 04 is 1 as in GDELT's convention, 11 is verbal conflict (3)
    assert (lavrov["QuadClass"], nato["QuadClass"]) == ("1", "3")
    # PETRARCH2's <story>_<sentence>, which phoenix_pipeline splits at "_" and whose number
    # indexes the story's sentences from 0
    story, sentence = lavrov["SentenceID"].split("_")
    assert (story, int(sentence)) == ("a1", 1) and nato["SentenceID"].split("_")[1] == "3"


def test_phoenix_date_keeps_the_zeros_of_a_year_before_1000(tmp_path):
    # a placeholder year written as such is kept (README, Robustness); strftime wrote "50305"
    with Store(tmp_path / "y.duckdb") as db:
        db.add_events([event(1, date=dt.date(5, 3, 5))])
        path = export_events(db, tmp_path / "out", "phoenix")
    row = dict(zip(PHOENIX_COLUMNS, path.read_text(encoding="utf-8").rstrip("\n").split("\t"),
                   strict=True))
    assert (row["Date"], row["Month"], row["Day"]) == ("00050305", "03", "05")


def actor(role: str, code: str | None, country: str | None, kind: str | None,
          sector: str | None = None) -> dict:
    return {f"{role}_code": code, f"{role}_country": country, f"{role}_kind": kind,
            f"{role}_sector": sector, f"{role}_text": code}


def test_phoenix_actors_are_split_as_process_actors_splits_them(tmp_path):
    # postprocess.py's process_actors: Entity a country or IGO/NGO/IMG/MNC, Role a primary
    # agent after it, Attribute the other three-letter codes joined by ";"
    rows = [
        event(1, **actor("source", "NATMIL", "NAT", "igo", "MIL"),
              **actor("target", "IGOUNO", "UNO", "igo")),
        event(2, **actor("source", "IMGMUSISI", None, "group"),
              **actor("target", "XKXGOV", "XKX", "state", "GOV")),
        event(3, **actor("source", "IRNLEG", "IRN", "state", "LEG"),
              **actor("target", None, None, None)),
    ]
    with Store(tmp_path / "a.duckdb") as db:
        db.add_events(rows)
        path = export_events(db, tmp_path / "phx", "phoenix")
    with path.open(encoding="utf-8", newline="") as stream:
        found = [(r[5:9], r[9:13]) for r in
                 csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)]
    assert found == [
        (["IGOWSTNATMIL", "IGO", "", "WST;NAT;MIL"], ["IGOUNO", "IGO", "", "UNO"]),
        (["IMGMUSISI", "IMG", "", "MUS;ISI"], ["KSVGOV", "KSV", "GOV", ""]),  # CAMEO's Kosovo
        (["IRNLEG", "IRN", "", "LEG"], ["", "", "", ""]),
    ]


@pytest.mark.parametrize(("code", "parts"), [
    ("IRNGOV", ("IRN", "GOV", "")), ("USA", ("USA", "", "")), ("IGO", ("IGO", "", "")),
    ("IRNGOVMILREB", ("IRN", "GOV", "MIL;REB")), ("IGOEUREEC", ("IGO", "", "EUR;EEC")),
    ("NGOHRIAMN", ("NGO", "", "HRI;AMN")), ("XKXGOV", ("", "GOV", "")),  # not Phoenix's country
    ("AFRREB", ("", "REB", "")), ("EURMED", ("", "MED", "")), ("", ("", "", "")),
])
def test_phoenix_actor_parts(code, parts):
    assert phoenix_actor_parts(code) == parts


def test_phoenix_actor_tables_are_three_letter_codes():
    spec = SPECS["phoenix"]
    codes = [*spec["countries"], *spec["root_actors"], *spec["primary_agents"],
             *spec["cameo_countries"].values()]
    assert all(isinstance(c, str) and len(c) == 3 and c.isupper() for c in codes)
    assert set(spec["cameo_countries"].values()) <= set(spec["countries"])


def test_phoenix_quad_classes_are_phoenix_own():
    quads = load_phoenix()[1]
    assert sorted(quads) == [f"{n:02d}" for n in range(1, 21)]
    # neutral statements, investigations as verbal conflict, protests as material conflict
    assert (quads["01"], quads["09"], quads["14"], quads["16"]) == (0, 3, 4, 3)


def test_every_igo_has_a_phoenix_code():
    from detente.datafiles import read_packaged

    igos = {str(item["code"]) for item in read_packaged("actors.yaml")["igos"]}
    table = load_phoenix()[0]
    assert igos <= set(table)
    assert all(code.startswith("IGO") for code in table.values())


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_table_exports_one_line_per_record_with_outlet(store, tmp_path, fmt):
    import duckdb

    path = exported(store, tmp_path, fmt)
    reader = "read_csv" if fmt == "csv" else "read_parquet"
    rows = duckdb.sql(f"SELECT sentence, outlet, title FROM {reader}('{path}')").fetchall()
    assert rows and all(r == ("Sentence.", "Wire One", "Talks in Tehran") for r in rows)
    if fmt == "csv":
        assert len(path.read_text().splitlines()) == len(rows) + 1


def test_cli_says_what_plover_left_out(store, tmp_path):
    from click.testing import CliRunner

    from detente.cli import main

    db = str(store.path)
    store.close()
    result = CliRunner().invoke(main, ["export", str(tmp_path / "cli"), "--db", db,
                                       "--format", "plover"])
    assert result.exit_code == 0
    assert "1 event(s) of CAMEO roots 01-02 left out" in result.output


# ---- icews --------------------------------------------------------------------------------------
# The header of the Dataverse files (doi:10.7910/DVN/28075), as the andybega/icews package's
# sample file has it
ICEWS_HEADER = ("Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
                "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
                "Target Country", "Story ID", "Sentence Number", "Publisher", "City",
                "District", "Province", "Country", "Latitude", "Longitude")


def icews_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        lines = list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert tuple(lines[0]) == ICEWS_HEADER
    return [dict(zip(ICEWS_HEADER, values, strict=True)) for values in lines[1:]]


def test_icews_columns_follow_the_files(store, tmp_path):
    lavrov, _, nato, eu = icews_rows(exported(store, tmp_path, "icews", selection=EVERY_MODALITY))
    assert (lavrov["Event Date"], lavrov["Source Name"], lavrov["Source Sectors"],
            lavrov["Source Country"], lavrov["Target Country"]) == (
        "2004-03-07", "Sergei Lavrov", "Government", "Russian Federation",
        "Iran, Islamic Republic of")
    assert (lavrov["CAMEO Code"], lavrov["Intensity"], lavrov["Sentence Number"],
            lavrov["Publisher"]) == ("042", "1.9", "2", "Wire One")
    assert (lavrov["City"], lavrov["Province"], lavrov["Country"], lavrov["Latitude"]) == (
        "Tehran", "", "Iran, Islamic Republic of", "35.69")
    # numbers, as ICEWS's ids are; the same story for events of one article
    assert lavrov["Event ID"].isdigit() and lavrov["Story ID"] == nato["Story ID"].strip()
    assert len({row["Event ID"] for row in (lavrov, nato, eu)}) == 3
    # an IGO is named, with no country (as ICEWS writes the United Nations): by its usual
    # name, not the words of its mention ("the EU")
    assert (nato["Source Name"], nato["Source Country"]) == ("NATO", "")
    assert (eu["Target Name"], eu["Target Country"]) == ("European Union", "")


def test_icews_ids_fit_a_32_bit_integer_and_are_stable(tmp_path):
    # ICEWS's Event and Story IDs are small numbers (about 3.3e7 and 4.8e7 in its 2018 file),
    # and andybega/icews reads both as R's 32-bit integer: a larger one reads as NA
    rows = [event(n, article_id=f"a{n % 3}") for n in range(1, 31)]
    with Store(tmp_path / "i.duckdb") as db:
        db.add_events(rows)
        every = icews_rows(export_events(db, tmp_path / "all", "icews"))
        some = icews_rows(export_events(db, tmp_path / "some", "icews",
                                        selection=EventFilter(limit=4)))
    event_ids = [int(row["Event ID"]) for row in every]
    story_ids = [int(row["Story ID"]) for row in every]
    assert all(10**9 <= number < 2**31 for number in event_ids + story_ids)
    assert len(set(event_ids)) == 30 and len(set(story_ids)) == 3  # one per article
    # the same numbers on another export: they are made from the ids, not the rows' places
    assert [row["Event ID"] for row in some] == [row["Event ID"] for row in every[:4]]


def test_icews_numbers_are_unique_within_an_export_when_ids_fall_on_one():
    from detente.export import IcewsNumbers

    # five numbers for five ids: however they hash (e3 and e4 fall on one), each gets its own,
    # and the same again when asked again
    numbers = IcewsNumbers(first=5, last=9)
    made = [numbers.number(f"e{n}") for n in range(5)]
    assert sorted(made) == [5, 6, 7, 8, 9]
    assert [numbers.number(f"e{n}") for n in range(5)] == made
    assert numbers.number("icews-926685-19950101") == 926685  # ICEWS's own, kept
    with pytest.raises(ValueError, match="ids in one ICEWS export"):
        numbers.number("e5")


def export_round_trip(tmp_path: Path, fmt: str) -> Path:
    """Three events an export must carry back to `import`: a state's sector and a city, Kosovo
    (XKX, CAMEO's KSV) and a region in the United States, an IGO named by a pronoun phrase."""
    rows = [event(1, source_code="RUSMIL", source_sector="MIL", target_code="UKR",
                  target_country="UKR", target_text="Ukraine", cameo="190", cameo_root="19",
                  plover="ASSAULT", quad_class=4, goldstein=-10.0, location_name="Kharkiv",
                  location_feature="city", location_country="UKR"),
            event(2, source_text="Kosovo police", source_code="XKXCOP", source_country="XKX",
                  source_sector="COP", target_text="Serbia", target_code="SRB",
                  target_country="SRB", cameo="173", cameo_root="17", plover="COERCE", quad_class=4,
                  goldstein=-5.0, date=dt.date(2024, 11, 2), location_name="Texas",
                  location_feature="region", location_country="USA"),
            event(3, source_text="the bloc", source_code="IGOEU", source_country="EU",
                  source_kind="igo", target_text="Belarus", target_code="BLR",
                  target_country="BLR", cameo="163", cameo_root="16", plover="COERCE", quad_class=4,
                  goldstein=-8.0, date=dt.date(2025, 1, 9))]
    with Store(tmp_path / "a.duckdb") as db:
        db.add_events(rows)
        return export_events(db, tmp_path / "out", fmt)


def test_icews_export_reads_back_as_the_same_events(tmp_path):
    from detente.ingest.icews import import_icews

    path = export_round_trip(tmp_path, "icews")
    with Store(tmp_path / "b.duckdb") as db:
        summary = import_icews(db, [str(path)])
        back = db.query("SELECT * FROM events ORDER BY date")
    assert (summary.imported, summary.failed) == (3, 0)
    keys = ("date", "source_country", "source_sector", "target_country", "cameo", "goldstein")
    assert [tuple(row[k] for k in keys) for row in back] == [
        (dt.date(2004, 3, 7), "RUS", "MIL", "UKR", "190", -10.0),
        (dt.date(2024, 11, 2), "XKX", "COP", "SRB", "173", -5.0),
        (dt.date(2025, 1, 9), "EU", None, "BLR", "163", -8.0)]
    assert back[2]["source_code"] == "IGOEU"
    assert back[0]["location_name"] == "Kharkiv" and back[0]["location_country"] == "UKR"
    # exported again, an imported ICEWS event keeps its own Event ID
    with Store(tmp_path / "b.duckdb") as db:
        again = icews_rows(export_events(db, tmp_path / "out2", "icews"))
    assert [row["Event ID"] for row in again] == [
        row["event_id"].split("-")[1] for row in back]


# ---- gdelt --------------------------------------------------------------------------------------
# GDELT 2.0's event table and mentions table as the GDELT Event Codebook V2.0 (2/19/2015) lists
# them: tab-separated, no header, these columns in this order
GDELT2_EVENT_COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    + " ".join(f"{a}Code {a}Name {a}CountryCode {a}KnownGroupCode {a}EthnicCode "
               f"{a}Religion1Code {a}Religion2Code {a}Type1Code {a}Type2Code {a}Type3Code"
               for a in ("Actor1", "Actor2"))
    + " IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale "
      "NumMentions NumSources NumArticles AvgTone "
    + " ".join(f"{g}_Type {g}_FullName {g}_CountryCode {g}_ADM1Code {g}_ADM2Code {g}_Lat "
               f"{g}_Long {g}_FeatureID" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo"))
    + " DATEADDED SOURCEURL").split()
GDELT2_MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras"]


def gdelt_rows(path: Path, columns: list[str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        lines = list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert all(len(values) == len(columns) for values in lines)  # no header: every line a row
    return [dict(zip(columns, values, strict=True)) for values in lines]


@pytest.mark.parametrize(("day", "fraction"), [
    # GDELT's own: the year plus ((month - 1) * 30 + day) / 365, not the share of the year gone
    # by that the codebook's description gives (day of the year / its length). Real GDELT 2.0
    # rows, the figures of SQLDATE and FractionDate: the update of 2017-07-01 23:45 (gdeltPyR's
    # data/events2samps.csv) has 20070704 with 2007.5041 (day of the year: 2007.5068), 20160701
    # with 2016.4959 (2016.5000 in a leap year's days) and 20170601 with 2017.4137 (2017.4164);
    # a 2021 update (a row quoted in a public GDELT parser's test) has 20200330 with 2020.2466
    # (2020.2459). The days completed, (day of the year - 1) / its length, give two of them too
    # (2007.5041, 2017.4137) but not the leap years' (2016.4973, 2020.2432). Rounded, not cut:
    # 181/365 is 0.49589, written 0.4959.
    (dt.date(2007, 7, 4), "2007.5041"), (dt.date(2016, 7, 1), "2016.4959"),
    (dt.date(2017, 6, 1), "2017.4137"), (dt.date(2020, 3, 30), "2020.2466"),
    (dt.date(2019, 1, 25), "2019.0685"), (dt.date(2019, 3, 20), "2019.2192"),
    (dt.date(2019, 12, 31), "2019.9890"), (dt.date(2020, 12, 31), "2020.9890"),
])
def test_gdelt_fraction_dates(day, fraction):
    from detente.export import gdelt_fraction_date

    assert gdelt_fraction_date(day) == fraction


def test_gdelt_columns_follow_the_codebook():
    from detente.ingest.gdelt import gdelt_columns, layouts

    assert len(GDELT2_EVENT_COLUMNS) == 61 and len(GDELT2_MENTION_COLUMNS) == 16
    assert list(gdelt_columns()) == GDELT2_EVENT_COLUMNS
    assert list(gdelt_columns("gdelt2_mentions")) == GDELT2_MENTION_COLUMNS
    assert list(layouts()[61][1]) == GDELT2_EVENT_COLUMNS  # what import gdelt reads


def test_gdelt_rows_carry_the_events(store, tmp_path):
    lavrov, statement, nato, eu = gdelt_rows(exported(store, tmp_path, "gdelt",
                                                      selection=EVERY_MODALITY),
                                             GDELT2_EVENT_COLUMNS)
    assert (lavrov["SQLDATE"], lavrov["MonthYear"], lavrov["Year"],
            lavrov["FractionDate"]) == ("20040307", "200403", "2004", "2004.1836")
    assert (lavrov["Actor1Code"], lavrov["Actor1Name"], lavrov["Actor1CountryCode"],
            lavrov["Actor1Type1Code"]) == ("RUSGOV", "SERGEI LAVROV", "RUS", "GOV")
    assert (lavrov["Actor2Code"], lavrov["Actor2Name"], lavrov["Actor2CountryCode"]) == (
        "IRN", "IRAN", "IRN")
    assert (lavrov["EventCode"], lavrov["EventBaseCode"], lavrov["EventRootCode"],
            lavrov["QuadClass"], lavrov["GoldsteinScale"]) == ("042", "042", "04", "1", "1.9")
    # sentence 1 is not the lead; one report of the story, no tone measured
    assert (lavrov["IsRootEvent"], lavrov["NumArticles"], lavrov["AvgTone"]) == ("0", "1", "")
    # the place in FIPS codes, as GDELT's geo blocks write it; the actors' own blocks empty
    assert (lavrov["ActionGeo_Type"], lavrov["ActionGeo_FullName"],
            lavrov["ActionGeo_CountryCode"], lavrov["ActionGeo_Lat"]) == (
        "4", "Tehran, Iran", "IR", "35.69")
    assert lavrov["Actor1Geo_Type"] == "0" and lavrov["Actor1Geo_FullName"] == ""
    assert statement["EventRootCode"] == "01"  # GDELT codes statements, unlike PLOVER
    assert all(row["GLOBALEVENTID"].isdigit() for row in (lavrov, nato, eu))
    # an IGO: PETRARCH's code, no country, the body as its known group; its GOV is no sector
    assert (nato["Actor1Code"], nato["Actor1CountryCode"], nato["Actor1KnownGroupCode"],
            nato["Actor1Type1Code"], nato["Actor1Name"]) == ("IGOWSTNAT", "", "NAT", "", "NATO")
    assert (eu["Actor2Code"], eu["Actor2KnownGroupCode"], eu["Actor2Name"]) == (
        "IGOEUREEC", "EEC", "EUROPEAN UNION")


def test_an_imported_icews_event_is_written_back_as_its_file_had_it(tmp_path):
    # Story ID, Sentence Number, Publisher, the sector lists and the province had been lost
    from test_icews import HEADER, row

    from detente.ingest.icews import import_icews

    line = row(Event_ID="9000007", Story_ID="7100042", Sentence_Number="5",
               Publisher="Invented Wire", Province="Ostan-e Tehran", Intensity="1.9")
    source = tmp_path / "events.tab"
    source.write_text(HEADER + "\n" + line + "\n", encoding="utf-8")
    with Store(tmp_path / "i.duckdb") as db:
        import_icews(db, [str(source)])
        written = export_events(db, tmp_path / "out", "icews")
    header, back = written.read_text(encoding="utf-8").splitlines()
    assert header == HEADER
    assert dict(zip(HEADER.split("\t"), back.split("\t"), strict=True)) == dict(
        zip(HEADER.split("\t"), line.split("\t"), strict=True))


def test_an_icews_event_of_the_first_release_is_written_with_its_code(tmp_path):
    # the first Dataverse release has no CAMEO Code column: the written line had none either
    from test_icews import PUBLISHED, row

    from detente.ingest.icews import import_icews

    header = tuple(name for name in PUBLISHED if name != "CAMEO Code")
    source = tmp_path / "first.tab"
    source.write_text("\t".join(header) + "\n" + row(header, Event_Text="Consult") + "\n",
                      encoding="utf-8")
    with Store(tmp_path / "f.duckdb") as db:
        import_icews(db, [str(source)])
        [written] = icews_rows(export_events(db, tmp_path / "out", "icews"))
    assert (written["CAMEO Code"], written["Event Text"]) == ("040", "Consult")


def test_gdelt_export_reads_back_as_the_same_events(tmp_path):
    from detente.ingest.gdelt import import_gdelt

    path = export_round_trip(tmp_path, "gdelt")
    assert gdelt_rows(path, GDELT2_EVENT_COLUMNS)[1]["ActionGeo_Type"] == "2"  # a US state
    with Store(tmp_path / "b.duckdb") as db:
        summary = import_gdelt(db, [str(path)])
        back = db.query("SELECT * FROM events ORDER BY date")
    assert (summary.imported, summary.failed) == (3, 0)
    keys = ("date", "source_country", "source_sector", "target_country", "cameo", "goldstein",
            "location_name", "location_feature", "location_country")
    assert [tuple(row[k] for k in keys) for row in back] == [
        (dt.date(2004, 3, 7), "RUS", "MIL", "UKR", "190", -10.0, "Kharkiv", "city", "UKR"),
        (dt.date(2024, 11, 2), "XKX", "COP", "SRB", "173", -5.0, "Texas", "region", "USA"),
        (dt.date(2025, 1, 9), "EU", None, "BLR", "163", -8.0, None, None, None)]
    assert back[1]["source_code"] == "KSVCOP"  # CAMEO's Kosovo, read back as XKX


def test_an_imported_gdelt_event_is_written_back_as_its_file_had_it(tmp_path):
    from test_gdelt import gdelt_line

    from detente.ingest.gdelt import import_gdelt

    line = gdelt_line(
        61, GLOBALEVENTID="412000777", SQLDATE="20190320", MonthYear="201903", Year="2019",
        FractionDate="2019.2192", Actor1Code="IGOEUREEC", Actor1Name="EUROPEAN UNION",
        Actor1CountryCode="EUR", Actor1KnownGroupCode="EEC", Actor1Type1Code="IGO",
        Actor2Code="TURGOV", Actor2Name="TURKEY", Actor2CountryCode="TUR",
        Actor2Type1Code="GOV", IsRootEvent="0", EventCode="0311", EventBaseCode="031",
        EventRootCode="03", QuadClass="1", GoldsteinScale="4.0", NumMentions="12",
        NumSources="3", NumArticles="10", AvgTone="-3.0", Actor1Geo_Type="1",
        Actor1Geo_FullName="Belgium", Actor1Geo_CountryCode="BE", Actor1Geo_ADM1Code="BE",
        Actor1Geo_Lat="50.8333", Actor1Geo_Long="4", Actor1Geo_FeatureID="BE",
        ActionGeo_Type="4", ActionGeo_FullName="Ankara, Ankara, Turkey",
        ActionGeo_CountryCode="TU", ActionGeo_ADM1Code="TU68", ActionGeo_ADM2Code="12345",
        ActionGeo_Lat="39.9272", ActionGeo_Long="32.8644", ActionGeo_FeatureID="-736092",
        DATEADDED="20190320141500", SOURCEURL="https://news.example/eu-turkey")
    source = tmp_path / "20190320141500.export.CSV"
    source.write_text(line + "\n", encoding="utf-8")
    with Store(tmp_path / "g.duckdb") as db:
        assert import_gdelt(db, [str(source)]).imported == 1
        assert db.query("SELECT source_country FROM events")[0]["source_country"] == "EU"
        again = export_events(db, tmp_path / "out", "gdelt").read_text(encoding="utf-8")
    assert again.rstrip("\n").split("\t") == line.split("\t")


def test_gdelt_mentions_list_every_report_with_its_evidence(tmp_path):
    text = "Greece thanked Italy for the ferries. Later the ministers met."
    first = event(1, article_id="a1", sentence_index=0, sentence_start=0, source_text="Greece",
                  source_code="GRC", source_country="GRC", source_start=0, source_end=6,
                  target_text="Italy", target_code="ITA", target_country="ITA",
                  target_start=15, target_end=20, trigger_text="thanked", trigger_start=7,
                  trigger_end=14, confidence=0.83, source_url="https://www.wire.example/x")
    repeat = {**first, "event_id": "c2", "article_id": "a2", "duplicate_of": "c1",
              "source_url": None}
    with Store(tmp_path / "m.duckdb") as db:
        db.add_articles([StoredArticle(row={"article_id": "a1", "source": "Wire One",
                                            "text": text, "date": dt.date(2004, 3, 8),
                                            "ingested_at": dt.datetime(2004, 3, 8, 9, 30)}),
                         StoredArticle(row={"article_id": "a2", "source": "Paper Two",
                                            "text": text, "duplicate_of": "a1",
                                            "ingested_at": dt.datetime(2004, 3, 9, 7, 0)})])
        db.add_events([first, repeat])
        events = gdelt_rows(export_events(db, tmp_path / "e", "gdelt"), GDELT2_EVENT_COLUMNS)
        mentions = gdelt_rows(export_events(db, tmp_path / "m", "gdelt-mentions"),
                              GDELT2_MENTION_COLUMNS)
    # the story once in the event table, counted by its reports and outlets
    assert len(events) == 1
    assert (events[0]["NumArticles"], events[0]["NumSources"], events[0]["IsRootEvent"],
            events[0]["DATEADDED"]) == ("2", "2", "1", "20040308093000")
    # every report in the mentions table, under the one event
    assert [m["GLOBALEVENTID"] for m in mentions] == [events[0]["GLOBALEVENTID"]] * 2
    web, cited = mentions
    assert (web["MentionType"], web["MentionSourceName"], web["MentionIdentifier"]) == (
        "1", "wire.example", "https://www.wire.example/x")
    assert (cited["MentionType"], cited["MentionSourceName"], cited["MentionIdentifier"]) == (
        "2", "Paper Two", "a2")
    assert (cited["EventTimeDate"], cited["MentionTimeDate"]) == (
        "20040308093000", "20040309070000")
    offsets = (int(web["Actor1CharOffset"]), int(web["Actor2CharOffset"]),
               int(web["ActionCharOffset"]))
    assert [text[start:].split()[0] for start in offsets] == ["Greece", "Italy", "thanked"]
    assert (web["SentenceID"], web["Confidence"], web["MentionDocLen"]) == (
        "1", "83", str(len(text)))


def test_gdelt_export_counts_the_events_it_cannot_write(tmp_path):
    from click.testing import CliRunner

    from detente.cli import main

    with Store(tmp_path / "n.duckdb") as db:
        db.add_events([event(1), event(2, date=None, date_precision=None)])
    result = CliRunner().invoke(main, ["export", str(tmp_path / "out"), "--db",
                                       str(tmp_path / "n.duckdb"), "--format", "gdelt"])
    assert result.exit_code == 0, result.output
    assert ("1 event(s) without a date or a CAMEO code left out of events.export.CSV"
            in result.output)
    assert len((tmp_path / "out" / "events.export.CSV").read_text().splitlines()) == 1


# ---- polecat ------------------------------------------------------------------------------------
def polecat_rows(path: Path) -> list[dict[str, str]]:
    from test_polecat import PUBLISHED

    with path.open(encoding="utf-8", newline="") as stream:
        lines = list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert tuple(lines[0]) == PUBLISHED  # the release files' header
    return [dict(zip(PUBLISHED, values, strict=True)) for values in lines[1:]]


def test_polecat_columns_follow_the_release_files(store, tmp_path):
    notes: list[str] = []
    lavrov, nato, eu = polecat_rows(exported(store, tmp_path, "polecat", notes))
    assert notes[0].startswith("1 event(s) of CAMEO roots 01-02 left out of events.polecat.txt")
    assert (lavrov["Event Date"], lavrov["Event Type"], lavrov["Event Mode"],
            lavrov["Intensity"], lavrov["Quad Code"]) == (
        "2004-03-07", "CONSULT", "visit", "1.90", "VERBAL COOPERATION")
    assert (lavrov["Actor Name"], lavrov["Actor Country"], lavrov["Primary Actor Sector"],
            lavrov["Actor Title"], lavrov["Actor Name Raw"]) == (
        "Sergei Lavrov", "Russia", "GOV", "foreign minister", "his")
    assert (lavrov["Recipient Name"], lavrov["Recipient Country"]) == ("Iran", "Iran")
    assert (lavrov["Placename"], lavrov["City"], lavrov["Country"], lavrov["Feature Type"],
            lavrov["Raw Placename"], lavrov["Latitude"]) == (
        "Tehran", "Tehran", "IRN", "PPL", "the capital Tehran", "35.69")
    assert (lavrov["Source"], lavrov["Publication Date"], lavrov["Actor COW"]) == (
        "Wire One", "2004-03-08", "None")
    # an IGO by its name, as POLECAT writes the United Nations
    assert (nato["Actor Country"], nato["Actor Name"]) == ("NATO", "NATO")
    assert (eu["Recipient Country"], eu["Recipient Name"]) == (
        "European Union", "European Union")


def test_polecat_export_reads_back_as_the_same_events(tmp_path):
    from detente.ingest.polecat import import_polecat

    path = export_round_trip(tmp_path, "polecat")
    with Store(tmp_path / "b.duckdb") as db:
        summary = import_polecat(db, [str(path)])
        back = db.query("SELECT * FROM events ORDER BY date")
    assert (summary.imported, summary.failed, summary.unmatched.total()) == (3, 0, 0)
    keys = ("date", "source_country", "source_sector", "target_country", "plover", "quad_class",
            "goldstein", "location_name", "location_feature", "location_country")
    assert [tuple(row[k] for k in keys) for row in back] == [
        (dt.date(2004, 3, 7), "RUS", "MIL", "UKR", "ASSAULT", 4, -10.0, "Kharkiv", "city",
         "UKR"),
        (dt.date(2024, 11, 2), "XKX", "COP", "SRB", "COERCE", 4, -5.0, "Texas", "region",
         "USA"),
        (dt.date(2025, 1, 9), "EU", None, "BLR", "COERCE", 4, -8.0, None, None, None)]


def test_gdelt_ids_are_unique_and_read_back(tmp_path):
    # ICEWS reuses an Event ID on another date; GDELT's own ids are kept; made ids are above them
    rows = [event(1, event_id="icews-26000001-20160304", origin="icews"),
            event(2, event_id="icews-26000001-20160305", origin="icews",
                  date=dt.date(2016, 3, 5)),
            event(3, event_id="gdelt-26000001", origin="gdelt", date=dt.date(2016, 3, 6)),
            event(4, location_name="Line of Control", location_feature="disputed_area",
                  location_country="IND", location_lat=34.0, location_lon=74.3)]
    from detente.ingest.gdelt import import_gdelt

    with Store(tmp_path / "a.duckdb") as db:
        db.add_events(rows)
        path = export_events(db, tmp_path / "out", "gdelt", EventFilter(all_reports=True))
    written = gdelt_rows(path, GDELT2_EVENT_COLUMNS)
    ids = [int(row["GLOBALEVENTID"]) for row in written]
    assert len(set(ids)) == 4 and 26000001 in ids
    assert all(number > 10**12 for number in ids if number != 26000001)
    # a place that is no city, region or country is GDELT's city-or-landmark, kept
    lined = next(row for row in written if row["ActionGeo_FullName"].startswith("Line"))
    assert (lined["ActionGeo_Type"], lined["ActionGeo_CountryCode"]) == ("4", "IN")
    with Store(tmp_path / "b.duckdb") as db:
        assert import_gdelt(db, [str(path)]).imported == 4


def test_cameo_formats_count_the_events_without_a_cameo_code(tmp_path):
    rows = [event(1), event(2, cameo=None, cameo_root=None, plover="ACCUSE", origin="polecat")]
    with Store(tmp_path / "p.duckdb") as db:
        db.add_events(rows)
        for fmt, name in (("icews", "events.icews.tab"), ("phoenix", "events.phoenix.tsv"),
                          ("gdelt", "events.export.CSV")):
            notes: list[str] = []
            path = export_events(db, tmp_path / fmt, fmt, on_note=notes.append)
            assert len(path.read_text().splitlines()) == (2 if fmt == "icews" else 1)
            assert notes and notes[0].startswith("1 event(s) without a ")
            assert name in notes[0]


@pytest.mark.parametrize("fmt", ["icews", "phoenix", "gdelt", "gdelt-mentions"])
def test_formats_with_no_modality_field_hold_asserted_events_unless_asked(store, tmp_path,
                                                                          fmt):
    # the future accusation was written as a plain row, read by these formats' users as done
    notes: list[str] = []
    lines = exported(store, tmp_path, fmt, notes).read_text(encoding="utf-8").splitlines()
    every = exported(store, tmp_path, fmt, selection=EVERY_MODALITY).read_text(
        encoding="utf-8").splitlines()
    assert len(every) - len(lines) == 1
    counted = "report(s)" if fmt == "gdelt-mentions" else "event(s)"
    assert any(n.startswith(f"1 {counted} not asserted (future, intended, possible, "
                            "conditional) left out of") for n in notes)
    assert not any("c3" in line for line in lines)


def test_the_polecat_export_marks_a_future_event_and_its_import_reads_it_back(store,
                                                                                tmp_path):
    from detente.ingest.polecat import import_polecat

    path = exported(store, tmp_path, "polecat")
    header, *rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    contexts = {row[0]: row[header.index("Contexts")] for row in rows}
    assert contexts["c3"].endswith("future")
    with Store(tmp_path / "back.duckdb") as back:
        import_polecat(back, [str(path)])
        modalities = dict(back.con.execute(
            "SELECT event_id, modality FROM events").fetchall())
    assert modalities["polecat-c3"] == "future"
    assert {m for e, m in modalities.items() if e != "polecat-c3"} == {"asserted"}


def test_gdelt_mentions_are_the_reports_of_the_stories_the_event_table_holds(tmp_path):
    # a future original ("will be barred") left the event table while its asserted repeat
    # ("were barred") stayed in the mentions under the original's id
    first = event(1, article_id="a1", modality="future")
    repeat = {**first, "event_id": "c2", "article_id": "a2", "duplicate_of": "c1",
              "modality": "asserted"}
    other = event(3, article_id="a3")
    with Store(tmp_path / "m.duckdb") as db:
        db.add_events([first, repeat, other])
        for chosen in (None, EVERY_MODALITY):
            events = gdelt_rows(export_events(db, tmp_path / "e", "gdelt", chosen),
                                GDELT2_EVENT_COLUMNS)
            mentions = gdelt_rows(export_events(db, tmp_path / "m", "gdelt-mentions", chosen),
                                  GDELT2_MENTION_COLUMNS)
            assert {m["GLOBALEVENTID"] for m in mentions} == {e["GLOBALEVENTID"] for e in events}
            assert len(mentions) == (1 if chosen is None else 3)


def test_a_limit_counts_the_rows_written_after_the_modality_default(tmp_path):
    with Store(tmp_path / "l.duckdb") as db:
        db.add_events([event(n, modality="future" if n % 2 else "asserted")
                       for n in range(1, 11)])
        path = export_events(db, tmp_path / "out", "icews", EventFilter(limit=4))
    assert len(path.read_text(encoding="utf-8").splitlines()) == 1 + 4  # the header, 4 rows


def test_a_polecat_round_trip_keeps_one_auxiliary_mode(store, tmp_path):
    from detente.ingest.polecat import import_polecat

    path = exported(store, tmp_path, "polecat")
    with Store(tmp_path / "back.duckdb") as back:
        import_polecat(back, [str(path)])
        again = export_events(back, tmp_path / "again", "polecat")
        plover = [json.loads(line) for line in
                  export_events(back, tmp_path / "p", "plover").read_text().splitlines()]
    header, *rows = [line.split("\t") for line in again.read_text(encoding="utf-8").splitlines()]
    contexts = [row[header.index("Contexts")] for row in rows]
    assert any(c.endswith("future") for c in contexts)
    assert not any("future | future" in c for c in contexts)
    assert all((r["context"] or []).count("future") <= 1 for r in plover)


def test_an_unasserted_event_with_no_cameo_code_is_counted_as_unwritable(tmp_path):
    # a POLECAT event (no CAMEO code) that was hypothetical was counted as "not asserted"
    notes: list[str] = []
    with Store(tmp_path / "u.duckdb") as db:
        db.add_events([event(1), event(2, modality="future"),
                       event(3, modality="possible", cameo=None, cameo_root=None,
                             origin="polecat")])
        export_events(db, tmp_path / "out", "icews", on_note=notes.append)
    assert [n.split(" left out")[0] for n in notes] == [
        "1 event(s) without a CAMEO code (imported from POLECAT, which codes PLOVER)",
        "1 event(s) not asserted (future, intended, possible, conditional)"]


# ---- PLOVER's sector codes ----------------------------------------------------------------------
@pytest.mark.parametrize(("cameo", "plover"), [
    # the manual's "Sector code notes" (PLOVER_MANUAL.tex lines 1309-1316): CAMEO's media is
    # PLOVER's JRN and CAMEO's health (HLH) PLOVER's MED (note 4); insurgents and separatists
    # are rebels (note 3); NGOs, rights and environmental groups are civil society, SOC
    ("MED", "JRN"), ("HLH", "MED"), ("INS", "REB"), ("SEP", "REB"), ("NGO", "SOC"),
    ("HRI", "SOC"), ("ENV", "SOC"), ("GOV", "GOV"), ("CVL", "CVL"), (None, None),
])
def test_plover_and_polecat_sectors_are_the_manuals(tmp_path, cameo, plover):
    row = event(1, source_code="IRN" + (cameo or ""), source_sector=cameo,
                target_code="ISRHLH", target_sector="HLH")
    records, _ = plover_export(tmp_path, [row])
    assert records[0]["actor"][0]["sector"] == plover
    assert records[0]["recipient"][0]["sector"] == "MED"  # health, in PLOVER's letters
    with Store(tmp_path / "p.duckdb") as db:
        [written] = polecat_rows(export_events(db, tmp_path / "pc", "polecat"))
    assert (written["Primary Actor Sector"], written["Actor Sectors"]) == (plover or "None",
                                                                           plover or "None")
    assert written["Primary Recipient Sector"] == "MED"


def test_every_sector_detente_writes_is_a_plover_sector():
    from detente.actors.lexicon import agent_sectors
    from detente.export import plover_sector

    manual = set(SPECS["plover"]["sectors"])
    written = {plover_sector(sector) for sector in agent_sectors()} - {None}
    # IGO: PLOVER names an IGO in the entity's code; POLECAT's files also write it as a sector
    assert written - manual <= {"IGO"}


# ---- PLOVER's modes -----------------------------------------------------------------------------
@pytest.mark.parametrize(("cameo", "plover", "mode"), [
    ("042", "CONSULT", ["visit"]), ("171", "COERCE", ["seize"]), ("193", "ASSAULT", ["firearms"]),
    # the 2021 crosswalk's modes the manual's tables no longer have, as the manual's mode that
    # names them: ASSAULT targeted covers assassinations and mass killings (PLOVER_MANUAL.tex
    # line 968), destroy the deliberate destruction of property (969); THREATEN restrict bans
    # on political activity (724); COERCE restrict barring people or organisations from
    # political life (909)
    ("185", "ASSAULT", ["targeted"]), ("202", "ASSAULT", ["targeted"]),
    ("1712", "ASSAULT", ["destroy"]), ("132", "THREATEN", ["restrict"]),
    ("1321", "THREATEN", ["restrict"]), ("1722", "COERCE", ["restrict"]),
    # no mode of the manual's fits: null (line 141), as for RETREAT's struck-out "return"
    # (line 555) and ASSAULT's "cleansing" (line 978)
    ("0842", "RETREAT", None), ("085", "RETREAT", None), ("203", "ASSAULT", None),
    ("175", "ASSAULT", None),
])
def test_plover_and_polecat_modes_are_the_manuals(tmp_path, cameo, plover, mode):
    records, _ = plover_export(tmp_path, [event(1, cameo=cameo, cameo_root=cameo[:2],
                                                plover=plover)])
    assert records[0]["mode"] == mode
    with Store(tmp_path / "p.duckdb") as db:
        [written] = polecat_rows(export_events(db, tmp_path / "pc", "polecat"))
    assert written["Event Mode"] == (mode[0] if mode else "None")


def test_a_crosswalk_mode_that_is_a_manual_context_is_written_as_context(tmp_path):
    # CAMEO 175 (violent repression) is "ASSAULT, pro_autocracy, military" in the 2021
    # crosswalk: pro_autocracy is no ASSAULT mode but the manual's context (PLOVER_MANUAL.tex
    # line 173). Written as a null mode, the crosswalk's word was lost; COERCE 1722 (ban
    # parties) already has it as its context
    records, _ = plover_export(tmp_path, [
        event(1, cameo="175", cameo_root="17", plover="ASSAULT", quad_class=4, goldstein=-9.0),
        event(2, cameo="1722", cameo_root="17", plover="COERCE", quad_class=4, goldstein=-9.0)])
    assert [(r["mode"], r["context"]) for r in records] == [
        (None, ["military", "pro_autocracy"]), (["restrict"], ["pro_autocracy"])]
    with Store(tmp_path / "p.duckdb") as db:
        rows = polecat_rows(export_events(db, tmp_path / "pc", "polecat"))
    assert [(r["Event Mode"], r["Contexts"]) for r in rows] == [
        ("None", "military | pro_autocracy"), ("restrict", "pro_autocracy")]


def test_every_crosswalk_context_and_mode_moved_to_context_is_a_manual_context():
    contexts = set(SPECS["plover"]["contexts"])
    # the crosswalk's own contexts that the manual's table lacks (its draft 0.8 of 2021):
    # a new one in a newer crosswalk must be decided on (renamed or left out) as these were
    assert {c for _, cs in load_plover_crosswalk().values() for c in cs} - contexts == {
        "democracy", "humanitarian"}
    assert "pro_autocracy" in contexts and "repression" in contexts
    assert set(SPECS["plover"]["context_renames"].values()) <= contexts


def test_sanction_is_material_conflict_in_plover_and_polecat(tmp_path):
    # The manual's section "SANCTION" (its "Quad category" subsection) and its table "Summary
    # of event categories" make SANCTION material conflict; only the older table "Quad
    # categories in PLOVER" makes it verbal conflict (docs/export_formats.md)
    records, _ = plover_export(tmp_path, [event(1, cameo="161", cameo_root="16",
                                                plover="SANCTION", quad_class=4)])
    assert records[0]["quad_code"] == 4 and records[0]["event"] == ["SANCTION"]
    with Store(tmp_path / "p.duckdb") as db:
        [written] = polecat_rows(export_events(db, tmp_path / "pc", "polecat"))
    assert (written["Event Type"], written["Quad Code"]) == ("SANCTION", "MATERIAL CONFLICT")


def test_every_context_written_for_a_cameo_code_is_one_of_the_manuals(tmp_path):
    from detente.export import manual_contexts

    contexts = set(SPECS["plover"]["contexts"])
    written = {context for _, crosswalk in load_plover_crosswalk().values()
               for context in manual_contexts(crosswalk)}
    assert written <= contexts and "pro_democracy" in written


@pytest.mark.parametrize(("cameo", "plover", "context", "polecat"), [
    # the crosswalk's "democracy" is the manual's pro_democracy (renamed in September 2021)
    ("0811", "CONCEDE", ["pro_democracy"], "pro_democracy"),
    ("082", "CONCEDE", ["pro_democracy"], "pro_democracy"),
    # its "humanitarian", dropped from the manual with no successor, is left out: null
    ("073", "AID", None, "None"), ("1623", "SANCTION", None, "None"),
    # ... and the auxiliary mode of a future event is still written
    ("1033", "REQUEST", ["future"], "future"),
])
def test_crosswalk_contexts_outside_the_manual_are_renamed_or_left_out(
        tmp_path, cameo, plover, context, polecat):
    modality = "future" if cameo == "1033" else "asserted"
    records, _ = plover_export(tmp_path, [event(1, cameo=cameo, cameo_root=cameo[:2],
                                                plover=plover, modality=modality)])
    assert records[0]["context"] == context
    with Store(tmp_path / "p.duckdb") as db:
        [written] = polecat_rows(export_events(db, tmp_path / "pc", "polecat"))
    assert written["Contexts"] == polecat


def test_every_mode_written_is_one_of_its_types_modes_in_the_manual():
    from detente.export import manual_mode

    modes = SPECS["plover"]["modes"]
    crosswalk = load_plover_crosswalk()
    for code in load_codebook():
        mode = manual_mode(crosswalk.get(code.code, (None, ()))[0], code.plover)
        assert mode is None or mode in modes[code.plover], (code.code, mode)


def test_gdelt_times_are_fifteen_minute_timestamps(tmp_path):
    # GDELT 2.0 (Event Codebook V2.0, Mentions table): EventTimeDate is the YYYYMMDDHHMMSS
    # quarter hour of the update that first carried the event (its DATEADDED), MentionTimeDate
    # that of the update the row is in: a report stored between two updates is in the next one
    first = event(1, article_id="a1", sentence_index=0)
    repeat = {**first, "event_id": "c2", "article_id": "a2", "duplicate_of": "c1"}
    with Store(tmp_path / "t.duckdb") as db:
        db.add_articles([StoredArticle(row={"article_id": "a1", "text": "Some text.",
                                            "ingested_at": dt.datetime(2004, 3, 8, 13, 50, 54)}),
                         StoredArticle(row={"article_id": "a2", "text": "Some text.",
                                            "duplicate_of": "a1",
                                            "ingested_at": dt.datetime(2004, 3, 9, 23, 59, 1)})])
        db.add_events([first, repeat])
        [row] = gdelt_rows(export_events(db, tmp_path / "e", "gdelt"), GDELT2_EVENT_COLUMNS)
        mentions = gdelt_rows(export_events(db, tmp_path / "m", "gdelt-mentions"),
                              GDELT2_MENTION_COLUMNS)
    assert row["DATEADDED"] == "20040308140000"
    assert [(m["EventTimeDate"], m["MentionTimeDate"]) for m in mentions] == [
        ("20040308140000", "20040308140000"), ("20040308140000", "20040310000000")]


# ---- PLOVER's country names: dependencies and partially recognized entities --------------------
@pytest.mark.parametrize(("country", "code", "name", "sector"), [
    # a dependency takes the country name of the state that controls it (PLOVER_MANUAL.tex line
    # 1214; lines 1245-1249: the Falkland Islands are the United Kingdom's); ICEWS files name
    # such places as countries
    ("PRI", "USA", "United States", "GOV"), ("FLK", "GBR", "United Kingdom", "GOV"),
    ("ALA", "FIN", "Finland", "GOV"), ("MAC", "CHN", "China", "GOV"),
    # Western Sahara is a partially recognized entity: Morocco's country name, sector PRE added
    # beside the actor's other sectors (lines 1251-1260)
    ("ESH", "MAR", "Morocco", "GOVPRE"),
    # the manual's exceptions keep their own names
    ("HKG", "HKG", "Hong Kong", "GOV"), ("PSE", "PSE", "Palestine", "GOV"),
])
def test_plover_and_polecat_code_dependencies_as_their_state(tmp_path, country, code, name,
                                                             sector):
    row = event(1, source_code=country + "GOV", source_country=country, source_sector="GOV",
                source_text="officials", source_name=None)
    records, _ = plover_export(tmp_path, [row])
    actor = records[0]["actor"][0]
    assert (actor["code"], actor["sector"]) == (code, sector)
    with Store(tmp_path / "p.duckdb") as db:
        [written] = polecat_rows(export_events(db, tmp_path / "pc", "polecat"))
    assert (written["Actor Country"], written["Primary Actor Sector"]) == (name, "GOV")
    assert written["Actor Sectors"] == ("GOV | PRE" if sector.endswith("PRE") else "GOV")


def test_a_sahrawi_actor_with_no_sector_is_pre(tmp_path):
    records, _ = plover_export(tmp_path, [event(1, source_code="ESH", source_country="ESH",
                                                source_text="Sahrawis")])
    assert (records[0]["actor"][0]["code"], records[0]["actor"][0]["sector"]) == ("MAR", "PRE")


def test_the_dependency_table_names_iso_territories_and_their_states():
    from detente.actors.lexicon import state_names

    spec = SPECS["plover"]
    territories = {*spec["dependencies"], *spec["partially_recognized"]}
    assert territories <= {country.alpha_3 for country in pycountry.countries}
    states = {*spec["dependencies"].values(), *spec["partially_recognized"].values()}
    assert states <= set(state_names()) and not states & territories
    assert not {"HKG", "PSE", "ATA"} & territories  # the manual's exceptions (line 1215)
