"""Session 33's review of its own changes, each fault reproduced with invented inputs: a
marker's problem count too large for the store, a note line as long as the number of times a
dictionary gives one name, a live process's spill files in a temporary folder several stores
share, and people a source owns ("pardoned his son") read as a thing it owns."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import coded

from detente.actors.lexicon import load_actor_lexicon
from detente.cli import main
from detente.datafiles import read_user_dictionaries
from detente.ingest.shards import ShardProblem, marker, read_marker, write_shard
from detente.ingest.units import WorkUnit
from detente.store import Store


# ---- a marker's problems_total --------------------------------------------------------------
def one_shard(folder: Path, total: object) -> Path:
    unit = WorkUnit("news/x.jsonl")
    write_shard(folder, unit, [coded(0, 0)], 1, ["news/x.jsonl:2: record has no 'text'"])
    path = marker(folder, unit.unit_id)
    data = json.loads(path.read_text())
    data["problems_total"] = total
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize("total", [-1, 2**31, 10**40])
def test_a_marker_whose_problem_count_is_no_count_is_refused(tmp_path, total):
    # a forged or damaged marker: its count had stopped the load with DuckDB's traceback
    # (an INTEGER column) after its articles were merged; it is refused as any bad marker is
    path = one_shard(tmp_path / "shards", total)
    with pytest.raises(ShardProblem, match="problems_total"):
        read_marker(path)
    result = CliRunner().invoke(main, ["load", str(tmp_path / "shards"), "--db",
                                       str(tmp_path / "e.duckdb")])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert "problems_total" in result.output


def test_a_marker_with_a_large_but_real_count_is_loaded(tmp_path):
    one_shard(tmp_path / "shards", 5000)
    result = CliRunner().invoke(main, ["load", str(tmp_path / "shards"), "--db",
                                       str(tmp_path / "e.duckdb")])
    assert result.exit_code == 1 and "5000 failed" in result.output, result.output


# ---- a name one dictionary gives thousands of times -------------------------------------------
def test_a_name_given_thousands_of_times_is_one_short_note(tmp_path):
    items = "".join("  - {country: ESP, sector: REB, names: [Zorland]}\n"
                    "  - {country: FRA, sector: REB, names: [Zorland]}\n" for _ in range(2000))
    path = tmp_path / "d.yaml"
    path.write_text("groups:\n" + items)
    lexicon = load_actor_lexicon(read_user_dictionaries([str(path)]), [str(path)])
    assert lexicon.entries["Zorland"].code == "ESPREB"
    (note,) = lexicon.notes
    # the note had named all 4,000 (some 170,000 characters on one line)
    assert len(note) < 1000, len(note)
    assert note.startswith("your dictionaries give 'Zorland' 4000 times: ")
    assert "and 3,995 more" in note and f"kept ({path} groups (ESPREB))" in note


# ---- spill files of a live process ------------------------------------------------------------
def test_a_live_process_spill_in_a_shared_temporary_folder_is_left(tmp_path):
    # two stores whose temporary folders are one folder (links the user made to a fast disk):
    # the other store's process is alive and may be spilling there; opening this store
    # read-write holds this store alone, not that one
    shared = tmp_path / "fast"
    shared.mkdir()
    (tmp_path / "b.duckdb.tmp").symlink_to(shared)
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = shared / f"duckdb_temp_{child.pid}_0_owner"
        live.touch()
        with Store(tmp_path / "b.duckdb"):
            pass
        assert live.exists()
    finally:
        child.kill()
        child.wait()
    # once that process is gone, its file is a stale spill file, removed as before
    with Store(tmp_path / "b.duckdb"):
        pass
    assert not live.exists() and shared.is_dir()


# ---- domestic events: people the source owns ---------------------------------------------------
@pytest.fixture(scope="module")
def domestic():
    from detente.coder import Coder
    return Coder(domestic=True)


def triples(coder, text: str) -> set[tuple[str, str, str]]:
    return {(e.source.code, e.cameo, e.target.code)
            for e in coder.code_text(text, "t", "2024-05-05")}


@pytest.mark.parametrize("text, code", [
    ("The Kenyan president pardoned his son on Monday.", "0841"),
    ("The Kenyan president welcomed his guests on Monday.", "051"),
    ("The Kenyan president praised his deputy on Monday.", "051"),
    ("The Kenyan president thanked his countrymen on Monday.", "051"),
])
def test_people_the_source_owns_are_acted_on_though_no_sector_names_them(domestic, text,
                                                                           code):
    # people with no sector of their own ("his son", "his guests") had been read as a thing
    # the source owns, and the event dropped
    assert ("KENGOV", code, "KEN") in triples(domestic, text)


def test_a_thing_the_source_owns_is_still_no_target(domestic):
    assert triples(domestic, "The Kenyan president praised his first budget on Monday.") == set()
