"""Items earlier sessions left open (docs/history/robustness.md, session 33), each reproduced
with invented inputs: the input problems of `ingest --out` shards that `load` did not count,
DuckDB's spill folder left by a killed process, a name two sections of the user's own
dictionaries give, and inputs of bounded size whose parse might cost more than linear time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ARTICLES_PER_UNIT, coded

from detente.cli import main
from detente.ingest.pipeline import MAX_RUN_PROBLEMS
from detente.ingest.shards import marker, read_marker, write_shard
from detente.ingest.units import WorkUnit
from detente.store import Store

SRC = str(Path(__file__).resolve().parents[1] / "src")
CLI = [sys.executable, "-m", "detente.cli"]

# ---- 1. `load` counts the input problems of the `ingest --out` run ----------------------------
# two good records, one with no text, one line that is no JSON
RECORDS = [
    json.dumps({"id": "a1", "text": "Norway and Chile signed a fisheries agreement on Monday.",
                "date": "2024-01-02"}),
    json.dumps({"id": "a2", "title": "no text here"}),
    "not json at all",
    json.dumps({"id": "a3", "text": "Peru accused Bolivia of moving troops to the border.",
                "date": "2024-01-03"}),
]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    # (everything the commands say goes to stderr: stdout is for data)
    return subprocess.run([*CLI, *args], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=300)


def runs(db: Path) -> list[dict]:
    with Store(db, read_only=True) as store:
        return store.query("SELECT command, failed, problems FROM runs ORDER BY started_at")


def test_load_counts_the_input_problems_an_ingest_into_the_store_counts(tmp_path):
    (tmp_path / "in.jsonl").write_text("\n".join(RECORDS) + "\n")
    local = run_cli("ingest", "in.jsonl", "--db", "local.duckdb", cwd=tmp_path)
    assert local.returncode == 1, local.stdout
    written = run_cli("ingest", "in.jsonl", "--workers", "1", "--out", "shards", cwd=tmp_path)
    assert written.returncode == 1, written.stdout
    loaded = run_cli("load", "shards", "--db", "loaded.duckdb", cwd=tmp_path)
    # the same two problems, named, counted in the summary line, the run and the exit code
    assert loaded.returncode == local.returncode, loaded.stdout
    assert "2 failed" in loaded.stdout, loaded.stdout
    assert "in.jsonl:2: record has no 'text'" in loaded.stdout
    assert "in.jsonl:3: malformed JSON" in loaded.stdout
    first = runs(tmp_path / "loaded.duckdb")[-1]
    assert first["failed"] == runs(tmp_path / "local.duckdb")[-1]["failed"] == 2
    assert sorted(json.loads(first["problems"])) == sorted(
        json.loads(runs(tmp_path / "local.duckdb")[-1]["problems"]))
    # loaded again: nothing stored, the problems not counted twice, and a note says why
    again = run_cli("load", "shards", "--db", "loaded.duckdb", cwd=tmp_path)
    assert again.returncode == 0, again.stdout
    assert "0 failed" in again.stdout and "2 already stored" in again.stdout
    assert "2 input problem(s) of 1 shard(s) were counted by an earlier run" in again.stdout
    assert runs(tmp_path / "loaded.duckdb")[-1]["failed"] == 0
    # a cluster ingest into a store counts them too: a load of its kept shards does not again
    both = run_cli("ingest", "in.jsonl", "--workers", "1", "--out", "kept", "--db",
                   "both.duckdb", cwd=tmp_path)
    assert both.returncode == 1 and "2 failed" in both.stdout, both.stdout
    later = run_cli("load", "kept", "--db", "both.duckdb", cwd=tmp_path)
    assert later.returncode == 0 and "0 failed" in later.stdout, later.stdout
    assert [r["failed"] for r in runs(tmp_path / "both.duckdb")] == [2, 0]


def test_load_counts_the_problems_a_marker_does_not_keep(tmp_path):
    folder = tmp_path / "shards"
    unit = WorkUnit("news/many.jsonl")
    problems = [f"news/many.jsonl:{n}: record has no 'text'" for n in range(1, 1006)]
    write_shard(folder, unit, [coded(0, n) for n in range(ARTICLES_PER_UNIT)],
                ARTICLES_PER_UNIT, problems)
    kept = read_marker(marker(folder, unit.unit_id))
    assert len(kept.problems) == MAX_RUN_PROBLEMS + 1 and kept.problems_total == 1005
    result = CliRunner().invoke(main, ["load", str(folder), "--db", str(tmp_path / "e.duckdb")])
    assert result.exit_code == 1, result.output
    assert "1005 failed" in result.output
    assert runs(tmp_path / "e.duckdb")[-1]["failed"] == 1005


def test_load_of_shards_of_nothing_but_bad_records_exits_as_ingest_does(tmp_path):
    # every record of the input was a problem: `ingest` exits 2 (none read), and so does load
    folder = tmp_path / "shards"
    write_shard(folder, WorkUnit("news/bad.jsonl"), [], 0,
                ["news/bad.jsonl:1: malformed JSON (Expecting value: column 1)"])
    result = CliRunner().invoke(main, ["load", str(folder), "--db", str(tmp_path / "e.duckdb")])
    assert result.exit_code == 2, result.output
    assert "1 failed" in result.output


def test_a_marker_before_problem_totals_is_still_read_and_counted(tmp_path):
    folder = tmp_path / "shards"
    unit = WorkUnit("news/old.jsonl")
    write_shard(folder, unit, [coded(0, 0)], 1, ["news/old.jsonl:2: record has no 'text'"])
    path = marker(folder, unit.unit_id)
    data = json.loads(path.read_text())
    del data["problems_total"]  # as an older detente wrote it
    path.write_text(json.dumps(data))
    result = CliRunner().invoke(main, ["load", str(folder), "--db", str(tmp_path / "e.duckdb")])
    assert result.exit_code == 1 and "1 failed" in result.output, result.output


# ---- 2. DuckDB's spill folder, left by a process killed while it spilled ----------------------
# A child that holds the store read-write and spills: a grouping and a sort of more than its
# memory limit (DETENTE_DB_MEMORY) holds, over and over until it is killed.
SPILLER = """
import sys
from detente.store import Store
store = Store(sys.argv[1])
store.con.execute("CREATE TABLE IF NOT EXISTS filler AS SELECT range AS i, "
                  "md5(range::VARCHAR) AS s FROM range(2000000)")
while True:
    store.con.execute("SELECT s, count(*) FROM (SELECT s || i AS s FROM filler) GROUP BY s "
                      "ORDER BY s").fetchall()
"""


def start_spilling(db: Path) -> tuple[subprocess.Popen, Path]:
    """SPILLER on ``db``, once its spill files are written; and the spill folder."""
    folder = db.with_name(db.name + ".tmp")
    env = {**os.environ, "PYTHONPATH": SRC, "DETENTE_DB_MEMORY": "48MB"}
    child = subprocess.Popen([sys.executable, "-c", SPILLER, str(db)], env=env)
    deadline = time.monotonic() + 120
    while not (folder.is_dir() and any(n.endswith(".tmp") for n in os.listdir(folder))):
        if child.poll() is not None or time.monotonic() > deadline:
            kill(child)
            pytest.fail("the process ended, or spilled nothing in 120 s")
        time.sleep(0.2)
    return child, folder


def kill(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait()


def spill_and_kill(db: Path) -> tuple[Path, list[str]]:
    """Kill -9 a process holding ``db`` while it spills: the spill folder and what it holds."""
    child, folder = start_spilling(db)
    kill(child)
    return folder, sorted(os.listdir(folder))


def test_opening_the_store_removes_the_spill_a_killed_process_left(tmp_path):
    db = tmp_path / "events.duckdb"
    folder, left = spill_and_kill(db)
    assert any(name.startswith("duckdb_temp_") for name in left), left
    # a reader may share the file with other readers, which may be spilling: it leaves them
    Store(db, read_only=True).close()
    assert sorted(os.listdir(folder)) == left
    # a writer holds the file alone: what is there is a dead process's, and is removed
    with Store(db) as store:
        assert store.count("articles") == 0
        assert not folder.exists()


def test_a_live_process_spill_is_left_and_so_are_other_files(tmp_path):
    db = tmp_path / "events.duckdb"
    child, folder = start_spilling(db)
    try:
        # the process holds the file: another opening is refused in one line, touching nothing
        spilled = sorted(os.listdir(folder))
        result = CliRunner().invoke(main, ["ingest", str(tmp_path / "none.txt"), "--db",
                                           str(db)])
        assert "in use by another process" in result.output, result.output
        assert set(spilled) <= set(os.listdir(folder))
    finally:
        kill(child)
    mine = folder / "notes.txt"  # a file of the user's own in the folder is never removed
    mine.write_text("kept")
    # nor are this process's own (another connection of it may hold the store and spill)
    own = folder / f"duckdb_temp_{os.getpid()}_0_owner"
    own.touch()
    with Store(db):
        pass
    assert sorted(os.listdir(folder)) == sorted(["notes.txt", own.name])
