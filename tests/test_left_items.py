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

from detente.actors.lexicon import MAX_NAME_NOTES, load_actor_lexicon
from detente.cli import main
from detente.datafiles import read_user_dictionaries
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


# ---- 3. a name two sections (or two files) of the user's own dictionaries give ---------------
COUNTRY_FILE = """
countries:
  - code: ZRL
    names: [Zorland]
groups:
  - country: FRA
    sector: REB
    names: [Brume Front]
"""
GROUP_FILE = """
groups:
  - country: ESP
    sector: REB
    names: [Zorland]
not_actors:
  - Brume Front
"""


def user_lexicon(tmp_path: Path, *texts: str):
    paths = []
    for number, text in enumerate(texts, start=1):
        path = tmp_path / f"d{number}.yaml"
        path.write_text(text)
        paths.append(str(path))
    return load_actor_lexicon(read_user_dictionaries(paths), paths), paths


def test_a_name_two_files_give_goes_to_the_first_that_codes_it_with_a_note(tmp_path):
    lexicon, (first, second) = user_lexicon(tmp_path, COUNTRY_FILE, GROUP_FILE)
    # the country, first given, is kept (the group of the later section had won, unsaid)
    assert lexicon.entries["Zorland"].kind == "country"
    assert lexicon.entries["Zorland"].code == "ZRL"
    # a phrase with no code never hides one that has one, whichever comes first
    assert lexicon.entries["Brume Front"].code == "FRAREB"
    assert lexicon.notes == [
        f"your dictionaries give 'Zorland' 2 times: {first} countries (ZRL); {second} groups "
        f"(ESPREB); the first that codes it is kept ({first} countries (ZRL)), as in a PETRARCH "
        "actors file",
        f"your dictionaries give 'Brume Front' 2 times: {first} groups (FRAREB); {second} "
        f"not_actors (no code); the first that codes it is kept ({first} groups (FRAREB)), as "
        "in a PETRARCH actors file"]
    # the other order: the group, now first, is kept; the uncoded phrase still hides nothing
    lexicon, _ = user_lexicon(tmp_path, GROUP_FILE, COUNTRY_FILE)
    assert lexicon.entries["Zorland"].code == "ESPREB"
    assert lexicon.entries["Brume Front"].code == "FRAREB"
    assert len(lexicon.notes) == 2


def test_two_sections_of_one_file_follow_the_order_they_are_written_in(tmp_path):
    groups_first = "groups:\n  - {country: ESP, sector: REB, names: [Zorland]}\n" + \
                   "countries:\n  - {code: ZRL, names: [Zorland]}\n"
    lexicon, (path,) = user_lexicon(tmp_path, groups_first)
    assert lexicon.entries["Zorland"].code == "ESPREB"
    assert lexicon.notes == [
        f"your dictionaries give 'Zorland' 2 times: {path} groups (ESPREB); {path} countries "
        f"(ZRL); the first that codes it is kept ({path} groups (ESPREB)), as in a PETRARCH "
        "actors file"]


def test_a_name_given_the_same_way_twice_or_twice_in_one_entry_is_no_note(tmp_path):
    same = "countries:\n  - {code: ZRL, names: [Zorland]}\n"
    lexicon, _ = user_lexicon(tmp_path, same, same)
    assert lexicon.notes == [] and lexicon.entries["Zorland"].code == "ZRL"
    # a country's name that is also its capital: one entry, its later kind as before
    lexicon, _ = user_lexicon(tmp_path, "countries:\n  - {code: ZRL, names: [Zorl], "
                                        "capitals: [Zorl]}\n")
    assert lexicon.notes == [] and lexicon.entries["Zorl"].kind == "capital"


def test_many_such_names_are_noted_up_to_a_bound(tmp_path):
    names = ", ".join(f"Zorland{n}" for n in range(MAX_NAME_NOTES + 5))
    lexicon, _ = user_lexicon(tmp_path, f"countries:\n  - {{code: ZRL, names: [{names}]}}\n",
                              f"groups:\n  - {{country: ESP, sector: REB, names: [{names}]}}\n")
    assert len(lexicon.notes) == MAX_NAME_NOTES + 1
    assert lexicon.notes[-1].startswith("5 more names your dictionaries give")


def test_code_says_which_entry_a_name_goes_to(tmp_path):
    (tmp_path / "a.txt").write_text("Zorland accused Peru of moving troops to the border.")
    for number, text in ((1, COUNTRY_FILE), (2, GROUP_FILE)):
        (tmp_path / f"d{number}.yaml").write_text(text)
    result = CliRunner().invoke(main, ["code", str(tmp_path / "a.txt"), "--format", "jsonl",
                                       "--dictionary", str(tmp_path / "d1.yaml"),
                                       "--dictionary", str(tmp_path / "d2.yaml")])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if "your dictionaries give" in line]
    assert len(notes) == 2 and notes[0].startswith("note: your dictionaries give 'Zorland'")
    events = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [(e["source"]["code"], e["target"]["code"]) for e in events] == [("ZRL", "PER")]


def test_a_cluster_ingest_says_it_too(tmp_path):
    # the workers build the coder (their output is not the user's): the command tells it once
    (tmp_path / "a.txt").write_text("Zorland accused Peru of moving troops to the border.")
    (tmp_path / "d1.yaml").write_text(COUNTRY_FILE)
    (tmp_path / "d2.yaml").write_text(GROUP_FILE)
    result = run_cli("ingest", "a.txt", "--workers", "1", "--out", "shards", "--dictionary",
                     "d1.yaml", "--dictionary", "d2.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    notes = [line for line in result.stdout.splitlines() if "your dictionaries give" in line]
    assert len(notes) == 2 and "d1.yaml countries (ZRL)" in notes[0], result.stdout
    loaded = run_cli("load", "shards", "--db", "e.duckdb", cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stdout
    with Store(tmp_path / "e.duckdb", read_only=True) as store:
        assert store.query("SELECT source_code, target_code FROM events") == [
            {"source_code": "ZRL", "target_code": "PER"}]


# ---- 4. inputs of bounded size that cost more than linear time ------------------------------
# Before the coder's time budget is first looked at, the tokenizer's normaliser reads the whole
# text: two of its steps cost the square of a line's length. Measured on this 2-core machine
# before the fix: 20,000 / 40,000 / 80,000 characters took 2.7 / 10.8 / 45 s (a line of small
# letters with a capital at its end) and 3.2 / 12.9 / 39 s (a long shouted line of "WHO"s and
# "IS"s), some 10 minutes at DETENTE_MAX_CHARS's 300,000; after it, 0.09 s and 0.7 s there.
SQUARE_COST = {
    "a line of small letters, a capital at its end":
        lambda n: ("the talks went on " * (n // 18))[: n - 1] + "Z",
    "a shouted line of stop words the tables have as acronyms":
        lambda n: "THE WHO IS HERE AND " * (n // 20),
}


@pytest.mark.parametrize("text", SQUARE_COST.values(), ids=SQUARE_COST.keys())
def test_the_normaliser_reads_a_long_line_in_linear_time(coder, text):
    started = time.perf_counter()
    doc = coder.nlp.tokenizer(text(300_000))
    # (some minutes before; a bound far above the 0.1-1 s it takes, for a busy machine)
    assert time.perf_counter() - started < 20
    assert len(doc) > 50_000


def test_the_shouted_line_is_read_as_before(coder):
    # body copy (12 words or more): "IS" is the verb, "WHO" after "THE" the organisation
    line = "OFFICIALS SAID THE WHO IS SENDING DOCTORS AND WHO KNOWS HOW MANY MORE WILL GO"
    read = coder.nlp.tokenizer(line)
    words = {t.text.upper(): t.text for t in read}
    assert words["IS"] == "is" and words["SAID"] == "said"
    assert [t.text for t in read][3] == "WHO"
