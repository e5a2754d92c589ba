"""Interrupted runs and bad input that lose data (session 42): an ingest killed with SIGKILL at
chosen moments and run again, on the serial path and on a local Dask cluster; `ingest
--workers` onto a full disk; tables of events and reader notes of `code`; and bad files given
to the CLI and the web API, each one line naming the file."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import psutil
import pytest

from detente.store import Store

SRC = str(Path(__file__).resolve().parents[1] / "src")
PAIRS = [("Peru", "Chile"), ("Egypt", "Libya"), ("Norway", "Russia"), ("Japan", "China"),
         ("Kenya", "Somalia"), ("Brazil", "Argentina"), ("Poland", "Belarus")]
VERBS = ["accused", "praised", "warned", "condemned"]


def write_news(folder: Path, count: int, first: int = 0) -> None:
    """``count`` invented stories, one event each, every one different."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(first, first + count):
        a, b = PAIRS[i % len(PAIRS)]
        text = (f"2004-0{1 + i % 9}-1{i % 9}\n\n{a} {VERBS[i % len(VERBS)]} {b} over border "
                f"incident number {i} on Tuesday. Officials in {a} gave no detail on case {i}.")
        (folder / f"story{i:03d}.txt").write_text(text)


# The child runs the real command line (`detente ingest ...`, detente.cli.main) with, where a
# test asks, one store method wrapped so that it says KILL-ME on stderr at a chosen moment
# and waits there: the kill lands at that moment, not whenever a sleep happens to end.
CHILD = """
import os, sys, time
from detente import store as store_module
from detente.ingest import pipeline
from detente.cli import main

moment, count = os.environ.get("KILL_AT", ""), int(os.environ.get("KILL_AFTER", "1"))
calls = [0]

def wait_for_the_kill():
    print("KILL-ME", file=sys.stderr, flush=True)
    time.sleep(600)

if moment == "inside-a-batch":  # rows of the articles written, the events not yet
    insert = store_module.Store._insert
    def _insert(self, table, columns, rows):
        written = insert(self, table, columns, rows)
        if table == "sentences" and rows:
            calls[0] += 1
            if calls[0] > count:
                wait_for_the_kill()
        return written
    store_module.Store._insert = _insert
elif moment == "before-a-checkpoint":  # batches committed to the log, not to the file
    pipeline.CHECKPOINT_EVERY = 4
    checkpoint = store_module.Store.checkpoint
    def _checkpoint(self):
        calls[0] += 1
        if calls[0] > count:
            wait_for_the_kill()
        checkpoint(self)
    store_module.Store.checkpoint = _checkpoint
elif moment == "inside-an-import-batch":  # a batch's events written, GDELT's details not yet
    from detente.ingest import gdelt
    import_event_files = gdelt.import_event_files
    def in_batches_of_ten(store, files, paths, summary, batch_size, *rest):
        return import_event_files(store, files, paths, summary, 10, *rest)
    gdelt.import_event_files = in_batches_of_ten
    add_details = store_module.Store.add_gdelt_details
    def _add_details(self, rows):
        calls[0] += 1
        if calls[0] > count:
            wait_for_the_kill()
        add_details(self, rows)
    store_module.Store.add_gdelt_details = _add_details
main(sys.argv[1:], prog_name="detente")
"""


def start(arguments: list[str], moment: str = "", after: int = 1) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": SRC, "KILL_AT": moment, "KILL_AFTER": str(after)}
    return subprocess.Popen([sys.executable, "-c", CHILD, *arguments], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def kill_when(child: subprocess.Popen, said: str) -> list[str]:
    """SIGKILL the child once a line of its stderr holds ``said``; the lines it wrote. Fails
    when it ends first (the kill would then have tested nothing)."""
    lines = []
    for line in child.stderr:
        lines.append(line)
        if said in line:
            child.send_signal(signal.SIGKILL)
            child.wait()
            return lines
    child.wait()
    pytest.fail(f"the run ended (exit {child.returncode}) before '{said}': {''.join(lines)}")


def finish(arguments: list[str]) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-c", CHILD, *arguments], capture_output=True,
                            text=True, timeout=600, env={**os.environ, "PYTHONPATH": SRC})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def stored(db: Path) -> tuple[int, list[str], list[str]]:
    """Articles, their ids and event ids of a store, opened read-write as any command opens
    it (a damaged file or log would raise here)."""
    with Store(db) as store:
        articles = [r["article_id"] for r in store.query("SELECT article_id FROM articles")]
        events = [r["event_id"] for r in store.query("SELECT event_id FROM events")]
    return len(articles), articles, events


def assert_whole(db: Path, count: int) -> None:
    """Every article once with its sentences (each once), one event each, none twice, and
    nothing of an article that is not stored."""
    total, articles, events = stored(db)
    assert total == count and len(set(articles)) == count
    assert len(events) == len(set(events)) == count
    with duckdb.connect(str(db), read_only=True) as con:
        sentences = con.execute("SELECT count(*), count(DISTINCT (article_id, sentence_index)), "
                                "count(DISTINCT article_id) FROM sentences").fetchone()
        orphans = [con.execute(f"SELECT count(*) FROM {table} WHERE article_id NOT IN "
                               "(SELECT article_id FROM articles)").fetchone()[0]
                   for table in ("events", "sentences", "article_signatures")]
        actors = con.execute("SELECT count(DISTINCT event_id) FROM actors").fetchone()[0]
    assert sentences[0] == sentences[1] and sentences[2] == count
    assert orphans == [0, 0, 0] and actors == count


# ---- 1. SIGKILL of a serial ingest, then the same command ----------------------------------
@pytest.mark.parametrize("moment", ["after-a-batch", "inside-a-batch", "before-a-checkpoint"])
def test_a_serial_ingest_killed_then_run_again_stores_every_article_once(tmp_path, moment):
    news, db = tmp_path / "news", tmp_path / "e.duckdb"
    write_news(news, 24)
    command = ["ingest", str(news), "--db", str(db), "--batch-size", "2"]
    if moment == "after-a-batch":  # the progress line follows the first batch's commit
        kill_when(start(command), "articles stored")
    else:
        kill_when(start(command, moment, after=2), "KILL-ME")
    partial, _, events = stored(db)
    assert 0 < partial < 24 and len(events) == partial
    again = finish(command)
    assert "resuming run" in again.stderr
    assert f"{24 - partial} stored, {partial} already stored" in again.stderr
    assert_whole(db, 24)


def test_a_gdelt_import_killed_inside_a_batch_then_run_again_stores_every_event_once(
        tmp_path):
    from detente.ingest.gdelt import layouts

    columns = layouts()[61][1]
    lines = []
    for number in range(45):
        values = dict.fromkeys(columns, "")
        values.update(GLOBALEVENTID=str(900000 + number), SQLDATE="20030105",
                      Actor1Code="PER", Actor1CountryCode="PER", Actor2Code="CHL",
                      Actor2CountryCode="CHL", EventCode="112", EventBaseCode="112",
                      EventRootCode="11", QuadClass="3", GoldsteinScale="-2.0",
                      SOURCEURL=f"https://example.org/{number}")
        lines.append("\t".join(values[c] for c in columns))
    events, db = tmp_path / "20030105.export.CSV", tmp_path / "e.duckdb"
    events.write_text("\n".join(lines) + "\n")
    command = ["import", "gdelt", str(events), "--db", str(db)]
    kill_when(start(command, "inside-an-import-batch", after=2), "KILL-ME")
    with Store(db) as store:
        assert store.count("events") == store.count("gdelt_events") == 20
    again = finish(command)
    assert "Traceback" not in again.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        counts = con.execute("SELECT count(*), count(DISTINCT event_id) FROM events").fetchone()
        details = con.execute("SELECT count(*), count(DISTINCT event_id) FROM gdelt_events"
                              ).fetchone()
    assert counts == details == (45, 45)


# ---- 2. SIGKILL of `ingest --workers` (a local Dask cluster), then the same command ---------
def kill_when_coded(child: subprocess.Popen, shards: Path, units: int) -> list[psutil.Process]:
    """SIGKILL the child once ``units`` shards are finished in ``shards`` (polled); the
    processes it had started (the Dask scheduler's workers and nannies)."""
    deadline = time.monotonic() + 300
    while len(list(shards.glob("*.done.json"))) < units:
        assert child.poll() is None, child.stderr.read()
        assert time.monotonic() < deadline, "no shard finished in 300 s"
        time.sleep(0.05)
    family = psutil.Process(child.pid).children(recursive=True)
    child.send_signal(signal.SIGKILL)
    child.wait()
    return family


def gone(processes: list[psutil.Process], seconds: float = 60) -> bool:
    _, alive = psutil.wait_procs(processes, timeout=seconds)
    return not alive


@pytest.mark.parametrize("moment", ["while-coding", "inside-the-merge"])
def test_a_cluster_ingest_killed_then_run_again_stores_every_article_once(tmp_path, moment):
    news, db = tmp_path / "news", tmp_path / "e.duckdb"
    write_news(news, 12)
    command = ["ingest", str(news), "--db", str(db), "--workers", "1"]
    shards = Path(f"{db}.shards")
    if moment == "while-coding":  # the workers had finished some units, not all
        family = kill_when_coded(start(command), shards, 3)
        assert family and gone(family), "the Dask workers outlived the killed ingest"
        left = len(list(shards.glob("*.done.json")))
        assert 3 <= left < 12
    else:  # every unit coded, the merge's one batch written in part
        kill_when(start(command, "inside-a-batch", after=0), "KILL-ME")
        left = 12
        assert stored(db)[0] == 0  # the merge's transaction was not committed
    again = finish(command)
    assert f"resuming: {left} of 12 units are already coded" in again.stderr
    assert_whole(db, 12)
    assert not shards.exists()  # merged: the shards are removed


# ---- 3. `ingest --workers` onto a full disk: one line and a stop ------------------------------
def test_a_cluster_ingest_onto_a_full_disk_stops_with_one_line_and_loses_nothing(
        tmp_path, monkeypatch, threads):
    from click.testing import CliRunner

    from detente.cli import main
    from detente.ingest import shards as shard_module

    write_news(tmp_path / "before", 2, first=100)
    write_news(tmp_path / "news", 8)
    db, out = str(tmp_path / "e.duckdb"), tmp_path / "shards"
    assert CliRunner().invoke(main, ["ingest", str(tmp_path / "before"), "--db", db]
                              ).exit_code == 0
    write_table = shard_module._write_table
    written = []

    def fills_up(path, rows):  # two units' five tables fit, then the disk is full
        if len(written) >= 10:
            raise OSError(28, "No space left on device")
        written.append(path)
        write_table(path, rows)

    command = ["ingest", str(tmp_path / "news"), "--db", db, "--cluster",
               threads.scheduler_address, "--out", str(out)]
    with monkeypatch.context() as patched:
        patched.setattr(shard_module, "_write_table", fills_up)
        result = CliRunner().invoke(main, command)
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    # main: "news/story002.txt: not coded on the cluster (OSError: [Errno 28] ...)", a line
    # for each unit left, and each tried three times first
    assert errors == [f"error: {out}: cannot write the shards (No space left on device): 2 of "
                      f"8 units coded, their shards kept in {out} and none merged yet; once "
                      "there is room, the same command codes the rest"], result.output
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 2
    again = CliRunner().invoke(main, command)
    assert again.exit_code == 0, again.output
    # (the unit a worker of this shared cluster was coding may have been written since)
    assert re.search(r"resuming: [23] of 8 units are already coded", again.output)
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 10


# ---- 4. the Cline Center's Historical Phoenix files ------------------------------------------
# An invented row in the files' shape: comma-separated, a header, story_date as 01/31/1970.
HISTORICAL_PHOENIX = (
    "eid,story_date,year,month,day,source,source_root,source_agent,source_others,target,"
    "target_root,target_agent,target_others,code,root_code,quad_class,goldstein,joined_issues,"
    "lat,lon,placename,statename,countryname,aid,process\n"
    "NYT0000017,03/04/1961,1961,3,4,CHLGOV,CHL,GOV,,PER,PER,,,111,11,3,-2.0,,-12.04,-77.03,"
    "Lima,,PER,9000001,NYT__v1\n")
HISTORICAL_SAID = ("a Cline Center Historical Phoenix event file, not news text (detente "
                   "imports none; `detente import` reads GDELT, ICEWS and POLECAT event files)")


@pytest.mark.parametrize("form", ["as-published", "written-by-r"])
def test_a_historical_phoenix_file_is_named_not_coded(tmp_path, form):
    from click.testing import CliRunner

    from detente.cli import main

    content = HISTORICAL_PHOENIX
    if form == "written-by-r":  # write.csv: every name quoted, and the row names' column first
        header, row = content.splitlines()
        content = ",".join(f'"{n}"' for n in ["", *header.split(",")]) + f'\n"1",{row}\n'
    path = tmp_path / "PhoenixNYT_1945-2005.csv"
    path.write_text(content, encoding="utf-8")
    # main: one article of its rows, "0 event(s)", exit 0, nothing said
    result = CliRunner().invoke(main, ["code", str(path)])
    assert result.exit_code == 2, result.output
    assert f"{path}: {HISTORICAL_SAID}" in result.stderr
    copy = path.with_suffix(".txt")  # ingest reads no .csv: a copy named as text
    copy.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(copy), "--db", str(tmp_path / "e.duckdb")])
    assert f"{copy}: {HISTORICAL_SAID}" in result.output


def test_an_uploaded_historical_phoenix_file_is_named(tmp_path, coder):
    from fastapi.testclient import TestClient

    from detente.web.app import create_app

    with Store(tmp_path / "web.duckdb"):
        pass
    web = TestClient(create_app(str(tmp_path / "web.duckdb"), coder=coder))
    answer = web.post("/api/code/file", files={"file": ("PhoenixSWB.csv", HISTORICAL_PHOENIX)})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["msg"] == f"PhoenixSWB.csv: {HISTORICAL_SAID}"


# ---- 5. `code`'s lines about its inputs follow the records -----------------------------------
def test_code_tells_each_records_note_problem_and_skip_in_the_order_of_the_records(tmp_path):
    import json

    records = [
        {"id": "r1", "date": "2004-03-05", "text": "Peru accused Chile of moving troops."},
        {"id": "r2", "date": "1/2/2004", "text": "Egypt praised Libya for reopening the border."},
        {"id": "r3", "date": "2004-03-05"},
        {"id": "r4", "date": "2004-03-05", "text": (
            "Le gouvernement du Chili a convoqué l'ambassadeur du Pérou lundi pour protester "
            "contre les déclarations du ministre, selon un communiqué publié à Santiago.")},
        {"id": "r5", "date": "2004-03-05", "text": "Norway warned Russia over the fishing fleet."},
    ]
    path = tmp_path / "wires.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    # stdout and stderr into one pipe, as `code ... > log 2>&1` writes them
    result = subprocess.run([sys.executable, "-m", "detente.cli", "code", str(path), "--format",
                             "jsonl"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, timeout=300, env={**os.environ, "PYTHONPATH": SRC})
    assert result.returncode == 1, result.stdout  # record 3 is an input problem
    said = []  # each line of stdout and stderr, in the order written, as what it is about
    for line in result.stdout.splitlines():
        if line.startswith("{"):
            said.append(json.loads(line)["doc_id"])
        elif line.startswith(("note:", "error:", "skipped:")):
            said.append(line.split(":")[0] + " " + re.search(r"jsonl:(\d)", line)[1])
    # main: the note of record 2, the problem of record 3 and the skip of record 4 came first,
    # read before the coder had coded record 1 (and before the events written to a pipe)
    assert said == ["r1", "note 2", "r2", "error 3", "skipped 4", "r5"], result.stdout


# ---- 6. bad input found by probing, one line each naming the file ----------------------------
def test_a_record_too_long_to_parse_is_named_by_its_file_and_line(tmp_path, monkeypatch):
    import json

    from click.testing import CliRunner

    from detente.cli import main

    monkeypatch.setenv("DETENTE_MAX_CHARS", "2000")
    path = tmp_path / "wires.jsonl"
    records = [{"id": "a1", "text": "Peru accused Chile of moving troops. " * 100},
               {"id": "a2", "text": "Norway warned Russia over the fishing fleet."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(path), "--format", "jsonl"])
    assert result.exit_code == 1, result.output
    # main: "error: a1: text is 3,700 characters, ...": a record's id, and no file
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        f"error: {path}:1: text is 3,700 characters, over the 2,000 the parser reads at once "
        "(split it into articles)"]
    assert '"doc_id": "a2"' in result.stdout


def _with_storage_version(store: Path, version: int) -> None:
    """Rewrite a DuckDB file's storage version in its main header, and the header's checksum
    (DuckDB's: 5381 XOR each 8-byte word times 0xbf58476d1ce4e5b9), as another DuckDB would
    have written it."""
    import struct

    data = bytearray(store.read_bytes())
    assert data[8:12] == b"DUCK"
    data[12:20] = struct.pack("<Q", version)
    checksum = 5381
    for (word,) in struct.iter_unpack("<Q", bytes(data[8:4096])):
        checksum ^= (word * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    data[0:8] = struct.pack("<Q", checksum)
    store.write_bytes(bytes(data))


@pytest.mark.parametrize("version", [5000, 39])
def test_a_store_of_another_duckdb_storage_version_is_one_line_and_left_alone(tmp_path,
                                                                              version):
    from click.testing import CliRunner

    from detente.cli import main

    db = tmp_path / "e.duckdb"
    with Store(db):
        pass
    _with_storage_version(db, version)
    before = db.read_bytes()
    article = tmp_path / "a.txt"
    article.write_text("Peru accused Chile of moving troops.", encoding="utf-8")
    for command in (["events", "--db", str(db)], ["ingest", str(article), "--db", str(db)]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, result.output
        # main: "cannot open database (IO Error: Trying to read a database file with storage
        # version number 5000, but we can only read storage versions between 64 and 69.)"
        [line] = [line for line in result.output.splitlines() if line.startswith("error:")]
        which = "a newer" if version > 39 else "an older"
        assert line.startswith(f"error: {db}: written by {which} DuckDB than this detente's "
                               f"{duckdb.__version__} (storage version {version}; it reads ")
        assert line.endswith("open it with the detente or DuckDB that wrote it, nothing was "
                             "changed")
    assert db.read_bytes() == before


@pytest.mark.parametrize(("command", "what"), [("gdelt", "a GDELT"), ("icews", "an ICEWS"),
                                              ("polecat", "a POLECAT")])
def test_a_parquet_file_given_to_an_importer_is_named_for_what_it_is(tmp_path, command, what):
    import pyarrow as pa
    import pyarrow.parquet as pq
    from click.testing import CliRunner

    from detente.cli import main

    path = tmp_path / "events.parquet"
    pq.write_table(pa.table({"event_id": list(range(500))}), path)
    path.write_bytes(path.read_bytes()[:700])  # cut short, as a copy that broke off
    result = CliRunner().invoke(main, ["import", command, str(path), "--db",
                                       str(tmp_path / "e.duckdb")])
    assert result.exit_code == 2, result.output
    # main: "not a GDELT event file: neither of its first two lines is a GDELT row (... begins
    # 'PAR1\x15\x04...')", or "its first line is not UTF-8 text"
    assert f"error: {path}: a Parquet file, not {what} event file" in result.output
    assert "Traceback" not in result.output
