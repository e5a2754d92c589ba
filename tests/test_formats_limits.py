"""Limits of the files detente reads and writes in the field's formats.

A user dictionary (YAML) is bounded before anything walks it; GDELT numbers and dates follow
the event codebook (ASCII digits, its ranges) or the line is one problem; a cluster ingest's
merge reports each refused row as `detente load` does; the PLOVER export codes no event of a
region, as the PLOVER manual says.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ARTICLES_PER_UNIT
from test_export_conformance import event, plover_export
from test_gdelt import gdelt_line, write
from test_load_problems import refused_by_the_store

from detente import datafiles
from detente.cli import main
from detente.datafiles import DictionaryError, read_extension
from detente.ingest.cluster import ClusterRun, CoderSettings, ingest_on_cluster
from detente.ingest.gdelt import import_gdelt
from detente.ingest.pipeline import IngestOptions, IngestSummary
from detente.ingest.shards import shard_file
from detente.store import Store


# ---- user dictionaries ---------------------------------------------------------------------------
def alias_bomb(path: Path, levels: int, fan_out: int = 10) -> Path:
    """YAML whose every level repeats the one before ``fan_out`` times through aliases: a
    few hundred bytes that stand for fan_out ** levels words."""
    lines = [f"w0: &w0 [{', '.join(['peace'] * fan_out)}]"]
    lines += [f"w{n}: &w{n} [{', '.join([f'*w{n - 1}'] * fan_out)}]" for n in range(1, levels)]
    lines.append(f"verbs: *w{levels - 1}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_billion_laughs_dictionary_is_refused_quickly(tmp_path):
    bomb = alias_bomb(tmp_path / "laughs.yaml", levels=9)
    assert bomb.stat().st_size < 1000
    started = time.perf_counter()
    with pytest.raises(DictionaryError) as caught:
        read_extension(bomb)
    assert time.perf_counter() - started < 5
    message = str(caught.value)
    assert message.startswith(f"{bomb}: too large with its YAML aliases expanded")
    assert "\n" not in message


def test_aliases_are_read_up_to_the_bound(tmp_path, monkeypatch):
    monkeypatch.setattr(datafiles, "MAX_NODES", 3000)
    # w0..w2 are 11, 111 and 1111 nodes, verbs (*w2) 1111 again: 2349 with the keys, within;
    # one more level adds 11111
    small = read_extension(alias_bomb(tmp_path / "small.yaml", levels=3))
    assert len(small["verbs"]) == 10 and small["verbs"][0][0] == ["peace"] * 10
    with pytest.raises(DictionaryError, match="more than 3,000 entries"):
        read_extension(alias_bomb(tmp_path / "large.yaml", levels=4))


def test_an_alias_inside_its_own_node_is_refused(tmp_path):
    loop = tmp_path / "loop.yaml"
    loop.write_text("verbs: &v [sign, *v]\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"loop\.yaml: the alias \*v refers to a node"):
        read_extension(loop)


def test_a_dictionary_larger_than_the_limit_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(datafiles, "MAX_DICTIONARY_BYTES", 100)
    big = tmp_path / "big.yaml"
    big.write_text("verbs:\n" + "  - {lemma: sign, code: '057'}\n" * 10, encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"big\.yaml: dictionary file too large"):
        read_extension(big)


def test_code_with_an_alias_bomb_dictionary_is_one_line(tmp_path):
    # six levels: over the bound, yet small enough that a build without it ends quickly
    bomb = alias_bomb(tmp_path / "bomb.yaml", levels=6)
    article = tmp_path / "a.txt"
    article.write_text("Chile thanked Peru for the rescue team on Sunday.\n")
    result = CliRunner().invoke(main, ["code", "--dictionary", str(bomb), str(article)])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [
        f"error: {bomb}: too large with its YAML aliases expanded (more than 1,000,000 "
        "entries, line 6); write the entries out or split the file"]


def test_a_deeply_nested_dictionary_is_one_line_not_a_crash(tmp_path):
    # libyaml's composer recursed once per level and the process died (SIGSEGV): a
    # subprocess, so that such a crash fails this test instead of ending the run
    deep = tmp_path / "deep.yaml"
    deep.write_text("verbs: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Chile thanked Peru for the rescue team on Sunday.\n")
    result = subprocess.run(
        [sys.executable, "-m", "detente.cli", "code", "--dictionary", str(deep), str(article)],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == (f"error: {deep}: nested more than "
                                     f"{datafiles.MAX_DEPTH} levels deep (line 1)")


# ---- GDELT numbers and dates ---------------------------------------------------------------------
# (column, value, the problem's words): each a line of its own, which must not be stored
GDELT_BAD_VALUES = [
    ("ActionGeo_Lat", "1e308", "ActionGeo_Lat '1e308' is outside -90..90"),
    ("Actor1Geo_Lat", "-90.5", "Actor1Geo_Lat '-90.5' is outside -90..90"),
    ("Actor2Geo_Long", "180.01", "Actor2Geo_Long '180.01' is outside -180..180"),
    ("NumMentions", "\uff11\uff12", "NumMentions '\uff11\uff12' is not a number (GDELT writes "
                                    "ASCII digits)"),
    ("NumSources", "-4", "NumSources '-4' is below 0"),
    ("NumArticles", "1_000", "NumArticles '1_000' is not a number"),
    ("AvgTone", "250", "AvgTone '250' is outside -100..100"),
    ("QuadClass", "\uff13", "QuadClass '\uff13' is not a number (GDELT writes ASCII digits)"),
    ("GoldsteinScale", "\u0665", "GoldsteinScale '\u0665' is not a number (GDELT writes "
                                 "ASCII digits)"),
    ("SQLDATE", "\uff12\uff10\uff10\uff13" + "0110", "SQLDATE '\uff12\uff10\uff10\uff13"
                                                     "0110' is not a YYYYMMDD date"),
    ("SQLDATE", "2003111", "SQLDATE '2003111' is not a YYYYMMDD date"),
    ("DATEADDED", "2003\uff10110", "DATEADDED '2003\uff10110' is not YYYYMMDD or "
                                   "YYYYMMDDHHMMSS"),
    ("IsRootEvent", "7", "IsRootEvent '7' is not 0 or 1"),
    ("ActionGeo_Type", "9", "ActionGeo_Type '9' is outside 0..5"),
]


def test_gdelt_values_outside_the_codebook_are_one_problem_per_line(tmp_path):
    path = write(tmp_path / "values.CSV", [
        gdelt_line(58, GLOBALEVENTID="1"),
        *(gdelt_line(58, GLOBALEVENTID=str(n), **{column: value})
          for n, (column, value, _) in enumerate(GDELT_BAD_VALUES, start=2)),
    ])
    with Store(tmp_path / "g.duckdb") as store:
        summary = import_gdelt(store, [str(path)])
        ids = [r["event_id"] for r in store.query("SELECT event_id FROM events")]
    assert ids == ["gdelt-1"]
    assert summary.problems == [f"{path}:{n}: {says}"
                                for n, (_, _, says) in enumerate(GDELT_BAD_VALUES, start=2)]


def test_gdelt_values_at_the_edges_of_the_codebook_ranges_are_stored(tmp_path):
    edges = {"ActionGeo_Lat": "-90", "ActionGeo_Long": "180", "Actor1Geo_Lat": "90.0",
             "Actor1Geo_Long": "-180.0", "AvgTone": "-100", "NumMentions": "0",
             "ActionGeo_Type": "0", "IsRootEvent": "0", "DATEADDED": "20030110235959"}
    path = write(tmp_path / "edges.CSV", [
        gdelt_line(58, GLOBALEVENTID="1", **edges),
        gdelt_line(58, GLOBALEVENTID="2", AvgTone="-100.001"),  # just past an edge
    ])
    with Store(tmp_path / "g.duckdb") as store:
        summary = import_gdelt(store, [str(path)])
        stored = store.query("SELECT action_geo_lat, action_geo_lon, actor1_geo_lat, "
                             "actor1_geo_lon, avg_tone, num_mentions, action_geo_type, "
                             "is_root_event FROM gdelt_events")
    assert stored == [{"action_geo_lat": -90.0, "action_geo_lon": 180.0,
                       "actor1_geo_lat": 90.0, "actor1_geo_lon": -180.0, "avg_tone": -100.0,
                       "num_mentions": 0, "action_geo_type": 0, "is_root_event": False}]
    assert summary.problems == [f"{path}:2: AvgTone '-100.001' is outside -100..100"]


# ---- the merge of a cluster ingest ---------------------------------------------------------------
class CodedAlready(ClusterRun):
    """A cluster run whose units are coded already: the shards in ``out_dir``."""

    unit_ids: list[str] = []

    def code(self, paths, summary, on_unit=None, on_problem=None, on_note=None,
             coding=None) -> list[str]:
        summary.read += len(self.unit_ids) * ARTICLES_PER_UNIT
        return self.unit_ids


def merge_on_cluster(tmp_path: Path, folder: Path, ids: list[str]
                     ) -> tuple[IngestSummary, list[str], list[str]]:
    run = CodedAlready(folder, IngestOptions(), CoderSettings())
    run.unit_ids = ids
    problems: list[str] = []
    notes: list[str] = []
    with Store(tmp_path / "c.duckdb") as store:
        summary = ingest_on_cluster(store, ["news"], run, {}, on_problem=problems.append,
                                    on_note=notes.append)
        recorded = json.loads(store.query("SELECT problems FROM runs")[0]["problems"])
    assert summary.problems == problems and set(problems) <= set(recorded)
    return summary, problems, notes


def test_rows_the_cluster_merge_refuses_are_each_one_line_naming_the_shard(tmp_path, shards):
    folder, ids = shards
    refused_by_the_store(folder, ids[2])
    summary, problems, notes = merge_on_cluster(tmp_path, folder, ids)
    assert (summary.new, summary.failed) == (2 * ARTICLES_PER_UNIT, ARTICLES_PER_UNIT)
    assert len(problems) == ARTICLES_PER_UNIT
    for row, line in enumerate(problems):
        assert line.startswith(f"{shard_file(folder, ids[2], 'articles')}: row {row} ")
        assert "cannot store" in line and "\n" not in line
    # the refused rows are only in the shards: they stay for `detente load`
    assert shard_file(folder, ids[2], "events").exists()
    assert notes == [f"{ARTICLES_PER_UNIT} refused by the merge: the shards are kept in "
                     f"{folder} (`detente load` merges them again; articles already stored "
                     "are skipped)"]


def test_a_shard_the_cluster_merge_cannot_read_is_one_line(tmp_path, shards):
    folder, ids = shards
    shard_file(folder, ids[0], "events").unlink()
    summary, problems, _ = merge_on_cluster(tmp_path, folder, ids)
    assert problems == [f"{shard_file(folder, ids[0], 'events')}: missing (the shard is "
                        "incomplete)"]
    assert (summary.new, summary.failed) == (2 * ARTICLES_PER_UNIT, 1)


# ---- PLOVER: regions are no countries ------------------------------------------------------------
def test_plover_codes_no_event_of_a_region(tmp_path):
    # PLOVER_MANUAL.tex "Country names": regional constructs get no country name and their
    # events are not coded; and PLOVER's EUR is the European Union, not CAMEO's Europe
    gdelt = {"origin": "gdelt", "article_id": None, "source_kind": None, "target_kind": None}
    records, notes = plover_export(tmp_path, [
        event(1),
        event(2, **gdelt, source_code="AFR", source_country=None, source_text="AFRICA"),
        event(3, **gdelt, target_code="MEAREB", target_country=None, target_sector="REB",
              target_text="MIDDLE EAST"),
        event(4, **gdelt, source_code="EUR", source_country=None, source_text="EUROPE"),
        # a store imported before regions became null kept the region as the country
        event(5, **gdelt, source_code="WST", source_country="WST", source_text="THE WEST"),
        event(6, **gdelt),
    ])
    assert [r["id"] for r in records] == ["c1", "c6"]
    assert notes == ["4 event(s) with a regional actor or recipient left out of "
                     "events.plover.jsonl: PLOVER codes no event of a region (CAMEO's AFR, "
                     "EUR, MEA ...)"]
    entities = [e for r in records for e in [*r["actor"], *(r["recipient"] or [])]]
    assert {e["code"] for e in entities} == {"RUS", "IRN"}


def test_cli_export_says_how_many_regional_events_plover_left_out(tmp_path):
    path = write(tmp_path / "regions.CSV", [
        gdelt_line(58, GLOBALEVENTID="1"),
        gdelt_line(58, GLOBALEVENTID="2", Actor1Code="SAM", Actor1Name="SOUTH AMERICA",
                   Actor1CountryCode="SAM", Actor1Type1Code=""),
    ])
    db = tmp_path / "g.duckdb"
    with Store(db) as store:
        import_gdelt(store, [str(path)])
    result = CliRunner().invoke(main, ["export", str(tmp_path / "out"), "--format", "plover",
                                       "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 event(s) with a regional actor or recipient left out" in result.output
    lines = (tmp_path / "out" / "events.plover.jsonl").read_text().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["gdelt-1"]
