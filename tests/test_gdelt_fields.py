"""GDELT import keeps what a GDELT file says, and speaks detente's country codes.

Two files written for the test, one GDELT 1.0 (58 columns) and one 2.0 (61): geo blocks,
DATEADDED, mentions, tone, root flag and actor attributes are stored in gdelt_events; CAMEO
country codes (ROM) and FIPS geo codes (RS, UK) become ISO alpha-3; regions (EUR, Europe) are
no state and never read as the European Union (detente's EU).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.dyads import Scope, relations
from detente.ingest.gdelt import actor_country, fips_country, import_gdelt, layouts
from detente.store import Store


def line(count: int, **values: str) -> str:
    _, columns = layouts()[count]
    fields = dict.fromkeys(columns, "")
    fields.update(
        GLOBALEVENTID="501", SQLDATE="20120305", MonthYear="201203", Year="2012",
        FractionDate="2012.1781", Actor1Code="ROMGOV", Actor1Name="ROMANIA",
        Actor1CountryCode="ROM", Actor1Type1Code="GOV", Actor1Type2Code="ELI",
        Actor1Religion1Code="CHR", Actor2Code="RUS", Actor2Name="RUSSIA",
        Actor2CountryCode="RUS", Actor2EthnicCode="rus", Actor2KnownGroupCode="",
        IsRootEvent="1", EventCode="036", EventBaseCode="036", EventRootCode="03",
        QuadClass="1", GoldsteinScale="4.0", NumMentions="12", NumSources="3",
        NumArticles="10", AvgTone="2.5", ActionGeo_Type="4",
        ActionGeo_FullName="Moscow, Moskva, Russia", ActionGeo_CountryCode="RS",
        ActionGeo_ADM1Code="RS48", ActionGeo_Lat="55.7522", ActionGeo_Long="37.6156",
        ActionGeo_FeatureID="-2960561", Actor1Geo_Type="1", Actor1Geo_FullName="Romania",
        Actor1Geo_CountryCode="RO", DATEADDED="20120307",
    )
    fields.update(values)
    return "\t".join(fields[c] for c in columns)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    v1 = tmp_path / "20120307.export.CSV"
    v1.write_text(line(58, SOURCEURL="https://news.example/v1") + "\n")
    v2 = tmp_path / "20160102030000.export.CSV"
    v2.write_text("\n".join([
        line(61, GLOBALEVENTID="700000001", SQLDATE="20151231", Actor1Code="EUR",
             Actor1Name="EUROPE", Actor1CountryCode="EUR", Actor1Type1Code="",
             Actor2Code="IGOWSTNAT", Actor2Name="NATO", Actor2CountryCode="",
             ActionGeo_FullName="London, London, City of, United Kingdom",
             ActionGeo_CountryCode="UK", ActionGeo_ADM2Code="40112", IsRootEvent="0",
             DATEADDED="20160102030000", SOURCEURL="https://news.example/v2"),
        line(61, GLOBALEVENTID="700000002", NumMentions="many"),
    ]) + "\n")
    path = tmp_path / "g.duckdb"
    with Store(path) as store:
        problems: list[str] = []
        summary = import_gdelt(store, [str(v1), str(v2)], on_problem=problems.append)
    assert summary.imported == 2 and summary.failed == 1
    assert problems == [f"{v2}:2: NumMentions 'many' is not a number"]
    return path


def stored(db: Path, sql: str) -> list[dict]:
    with Store(db, read_only=True) as store:
        return store.query(sql)


def test_gdelt_fields_are_kept(db):
    v1, v2 = stored(db, "SELECT * FROM gdelt_events ORDER BY event_id")
    assert v1["gdelt_version"] == "1.0" and v2["gdelt_version"] == "2.0"
    assert v1["date_added"] == dt.datetime(2012, 3, 7)
    assert v2["date_added"] == dt.datetime(2016, 1, 2, 3, 0, 0)
    assert (v1["num_mentions"], v1["num_sources"], v1["num_articles"]) == (12, 3, 10)
    assert v1["avg_tone"] == pytest.approx(2.5)
    assert v1["is_root_event"] is True and v2["is_root_event"] is False
    assert (v1["actor1_type2"], v1["actor1_religion1"], v1["actor2_ethnic"]) == (
        "ELI", "CHR", "rus")
    assert v1["actor1_country_raw"] == "ROM" and v1["event_base_code"] == "036"
    assert (v1["action_geo_fips"], v1["action_geo_country"]) == ("RS", "RUS")
    assert v1["action_geo_adm1"] == "RS48" and v1["action_geo_feature_id"] == "-2960561"
    assert (v1["action_geo_lat"], v1["action_geo_lon"]) == (55.7522, 37.6156)
    assert (v1["actor1_geo_fips"], v1["actor1_geo_country"]) == ("RO", "ROU")
    assert v1["action_geo_adm2"] is None and v2["action_geo_adm2"] == "40112"
    assert (v2["action_geo_fips"], v2["action_geo_country"]) == ("UK", "GBR")


def test_events_speak_detente_codes(db):
    v1, v2 = stored(db, "SELECT * FROM events ORDER BY event_id")
    assert (v1["source_country"], v1["source_code"]) == ("ROU", "ROMGOV")
    assert v1["location_name"] == "Moscow" and v1["location_country"] == "RUS"
    assert v1["location_feature"] == "city" and v1["location_lat"] == 55.7522
    assert v1["article_date"] == dt.date(2012, 3, 7)
    # CAMEO's EUR is Europe, a region: no state, never the European Union
    assert v2["source_country"] is None and v2["source_code"] == "EUR"
    assert v2["target_country"] == "NAT"  # an IGO rolls up as detente codes it
    assert v2["location_country"] == "GBR"


def test_one_query_compares_by_publication_date(db):
    by_event = relations(db, by="year", scope=Scope(origin="gdelt"))
    by_article = relations(db, by="year", scope=Scope(origin="gdelt", date_by="article"))
    assert list(by_event.period.dt.year) == [2012]
    assert list(by_article.period.dt.year) == [2012]
    assert by_event.iloc[0].source == "ROU" and by_event.iloc[0].target == "RUS"


@pytest.mark.parametrize(("cameo", "code", "expected"), [
    ("ROM", "ROM", "ROU"), ("TMP", "TMP", "TLS"), ("MTN", "MTN", "MNE"), ("IRN", "IRN", "IRN"),
    ("EUR", "EUR", None), ("AFR", "AFR", None), ("XYZ", "XYZ", None),
    (None, "IGOUNO", "UNO"), (None, "IGOEUREEC", "EU"), (None, "IGOXYZ", None),
    # a region's code beside an IGO's: the IGO (Europe is no state, the EU an actor)
    ("EUR", "IGOEUREEC", "EU"), ("WST", "IGOWSTNAT", "NAT"), ("XYZ", "IGOUNO", None),
])
def test_actor_country_codes(cameo, code, expected):
    assert actor_country(cameo, code) == expected


@pytest.mark.parametrize(("fips", "expected"), [
    ("RS", "RUS"), ("UK", "GBR"), ("GM", "DEU"), ("IR", "IRN"), ("WE", "PSE"), ("KV", "XKX"),
    ("OS", None), ("", None),
])
def test_fips_codes(fips, expected):
    assert fips_country(fips) == expected
