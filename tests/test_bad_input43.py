"""Bad input and interrupted runs, session 43: `ingest --workers` onto a full disk stopping at
its first failure, a store replaced on disk while `serve` runs, and bad files and requests
given to the CLI and the web API, each one line naming the file or request. Each test failed
before its fix."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import socket
import warnings
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import coded

from detente.cli import main
from detente.ingest.pipeline import IngestSummary, StoreWriter
from detente.store import Store


def write_news(folder: Path, count: int) -> None:
    """``count`` invented stories, one event each, every one different."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"story{i:03d}.txt").write_text(
            f"2005-03-1{i}\n\nGhana accused Togo over border incident number {i} on Monday.",
            encoding="utf-8")


# ---- `ingest --workers` onto a full disk: the first failure stops it -------------------------
def test_a_cluster_ingest_onto_a_full_disk_tries_no_unit_twice(tmp_path, monkeypatch, threads):
    from detente.ingest import shards as shard_module

    write_news(tmp_path / "news", 6)
    db, out = str(tmp_path / "e.duckdb"), tmp_path / "shards"
    write_table = shard_module._write_table
    written: list[str] = []
    refused: Counter[str] = Counter()  # the units whose first table found the disk full

    def fills_up(path, rows):  # one unit's five tables fit, then the disk is full
        if len(written) >= 5:
            refused[path.name.split(".")[0]] += 1
            raise OSError(28, "No space left on device")
        written.append(path)
        write_table(path, rows)

    monkeypatch.setattr(shard_module, "_write_table", fills_up)
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "news"), "--db", db,
                                       "--cluster", threads.scheduler_address,
                                       "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert re.search(r"cannot write the shards \(No space left on device\): 1 of 6 units",
                     result.output), result.output
    # main: the first unit refused was coded and refused three times (Dask's retries) before
    # the client heard of it
    assert refused and max(refused.values()) == 1, refused
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 0  # none merged yet; the rerun resumes from the one


# ---- a store written over in place while `detente serve` runs --------------------------------
def made_store(path: Path, articles: int) -> Path:
    """A store of ``articles`` invented articles, one event each (no coder needed)."""
    with Store(path) as store:
        writer = StoreWriter(store, store.start_run("test", [], {}), IngestSummary(), 10)
        for number in range(articles):
            writer.add(coded(articles, number), None)
        writer.flush()
    return path


def web_client(db: Path, allow_writes: bool, coder=None):
    from detente.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(create_app(str(db), allow_writes=allow_writes, coder=coder))


@pytest.mark.parametrize("allow_writes", [False, True])
def test_a_store_copied_over_in_place_while_served_is_read_anew(tmp_path, allow_writes):
    # `cp rebuilt.duckdb events.duckdb` while the dashboard was in use (the file keeps its
    # inode): every request read the database DuckDB had open, 1 event, until the server's
    # idle time let it go
    db = made_store(tmp_path / "events.duckdb", 1)
    rebuilt = made_store(tmp_path / "rebuilt.duckdb", 3)
    client = web_client(db, allow_writes)
    assert client.get("/api/events").json()["total"] == 1  # held warm from here
    inode = db.stat().st_ino
    shutil.copyfile(rebuilt, db)
    assert db.stat().st_ino == inode
    assert client.get("/api/events").json()["total"] == 3


def test_a_served_stores_own_writes_keep_it_warm(tmp_path, coder):
    # what the server stores itself is not taken for a copy written over the file
    db = made_store(tmp_path / "events.duckdb", 1)
    client = web_client(db, allow_writes=True, coder=coder)
    assert client.get("/api/events").json()["total"] == 1
    warm = client.app.state.web._warm
    answer = client.post("/api/code", json={"text": "Chile accused Peru of moving troops to "
                                            "the border on Tuesday.", "store": True})
    assert answer.status_code == 200 and answer.json()["stored"]["new"]
    assert client.get("/api/events").json()["total"] == 2
    assert client.app.state.web._warm is warm


# ---- the web API: a JSON body FastAPI could not read says why --------------------------------
BODY_PROBLEMS = [
    # (body, extra headers, status, the detail); main: 400 "There was an error parsing the
    # body" for each of the first three, the fourth too (its gzip bytes read as the JSON's)
    (b'{"text": "Lima accused Quito \xff of a raid."}', {}, 400,
     "request body is not UTF-8 (invalid byte 0xff at offset 29); send the JSON in UTF-8"),
    (b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", {}, 400,
     "request body is JSON nested too deep to read"),
    (b'{"text": "Lima accused Quito.", "store": ' + b"7" * 5000 + b"}", {}, 400,
     "request body holds a number of over 4,300 digits"),
    (gzip.compress(b'{"text": "Lima accused Quito of a raid."}'),
     {"content-encoding": "gzip"}, 415,
     "request body is compressed (Content-Encoding: gzip); send it uncompressed"),
]


@pytest.mark.parametrize(("body", "headers", "status", "detail"), BODY_PROBLEMS)
def test_a_json_body_that_cannot_be_read_is_named_for_what_is_wrong(tmp_path, body, headers,
                                                                    status, detail):
    client = web_client(tmp_path / "none.duckdb", allow_writes=False)
    answer = client.post("/api/code", content=body,
                         headers={"content-type": "application/json", **headers})
    assert (answer.status_code, answer.json()["detail"]) == (status, detail)


# ---- `code` of a link to nothing, or to itself: as `ingest` says ---------------------------
def test_code_names_a_link_loop_and_a_dangling_link_for_what_they_are(tmp_path):
    # main: "loop.txt: no such file or directory" for a link loop named on the command line,
    # and "gone.txt: cannot read (No such file or directory)" for a dangling link in a folder
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("2005-03-10\n\nGhana accused Togo of a raid on Monday.",
                                encoding="utf-8")
    (news / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    result = CliRunner().invoke(main, ["code", str(news), str(tmp_path / "loop.txt")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {news / 'gone.txt'}: dangling symbolic link (to {tmp_path / 'nowhere.txt'}, "
        "which does not exist)",
        f"error: {tmp_path / 'loop.txt'}: symbolic link loop (the link points back at itself)"]


# ---- event files whose line ends are mixed ---------------------------------------------------
MIXED = "; the line holds a lone CR: this file's first line ends in LF, so a lone CR ends no record"


def test_a_gdelt_row_joined_to_the_next_by_a_lone_cr_says_so(tmp_path):
    # main: "crlf.export.CSV:2: 113 tab-separated fields; GDELT event files have ..." and no
    # word of the CR that joined two rows
    from test_gdelt import gdelt_line

    events = tmp_path / "joined.export.CSV"
    events.write_text(gdelt_line(57) + "\r\n" + gdelt_line(57, GLOBALEVENTID="1003") + "\r"
                      + gdelt_line(57, GLOBALEVENTID="1004") + "\n", encoding="utf-8")
    db = tmp_path / "e.duckdb"
    result = CliRunner().invoke(main, ["import", "gdelt", str(events), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert f"{events}:2: 113 tab-separated fields; GDELT event files have 57 or 58 (GDELT 1.0) " \
           f"or 61 (GDELT 2.0){MIXED}" in result.output
    with Store(db, read_only=True) as store:
        assert store.count("events") == 1  # the first row, kept


def test_an_icews_row_joined_to_the_next_by_a_lone_cr_says_so(tmp_path):
    from test_icews import HEADER, row

    events = tmp_path / "events.2016.tab"
    events.write_text(HEADER + "\n" + row() + "\n" + row(Event_ID="9000002") + "\r"
                      + row(Event_ID="9000003") + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "icews", str(events), "--db",
                                       str(tmp_path / "e.duckdb")])
    assert result.exit_code == 1, result.output
    assert f"{events}:3: 39 tab-separated fields; the header has 20{MIXED}" in result.output


def test_a_served_store_cut_short_in_place_is_one_line_not_the_old_events(tmp_path):
    # a store cut to half its length where it lies (a copy stopped by a full disk) went on
    # being served as the database DuckDB had open, 1 event, 200
    db = made_store(tmp_path / "events.duckdb", 1)
    client = web_client(db, allow_writes=False)
    assert client.get("/api/events").json()["total"] == 1
    whole = db.read_bytes()
    with db.open("r+b") as stream:
        stream.truncate(len(whole) // 2)
    answer = client.get("/api/events")
    assert answer.status_code == 503
    assert answer.json()["detail"] == (f"{db}: a damaged or truncated DuckDB database; nothing "
                                       "was changed")


@pytest.mark.parametrize("kind", ["text", "folder", "store", "missing"])
def test_serve_names_a_db_that_is_no_database_as_it_starts(tmp_path, monkeypatch, kind):
    # `detente serve --db story.txt` printed its banner, "database story.txt", and nothing
    # more: only each request's 503 said the file was no database
    import uvicorn

    db = tmp_path / ("story.txt" if kind == "text" else "events.duckdb")
    if kind == "text":
        db.write_text("Ghana accused Togo of a raid on Monday.\n", encoding="utf-8")
    elif kind == "folder":
        db.mkdir()
    elif kind == "store":
        made_store(db, 1)
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: None)
    with socket.socket() as probe:  # a port free now (the server checks it can listen)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", str(port)])
    assert result.exit_code == 0 and "Traceback" not in result.output
    warnings_said = [line for line in result.output.splitlines() if line.startswith("warning:")]
    expected = {
        "text": [f"warning: {db}: not a DuckDB database (another program's file, or a damaged "
                 "one); pages and requests that read the store answer 503 until it is one "
                 "(start the server with --db naming a database file)"],
        "folder": [f"warning: {db}: a directory, not a database file (name one, e.g. "
                   f"{db / 'detente.duckdb'}); start the server with --db naming a database "
                   "file"],
        "store": [], "missing": []}[kind]
    assert warnings_said == expected


# ---- `code` of a .txt.gz reads it as `ingest` does --------------------------------------------
def test_code_reads_a_gzipped_text_and_refuses_plain_text_named_so(tmp_path):
    # main: "packed.txt.gz: a gzip file, not text" for a file `ingest` reads, and the plain
    # text named .txt.gz coded, which `ingest` refuses
    packed = tmp_path / "packed.txt.gz"
    packed.write_bytes(gzip.compress(b"2005-03-10\n\nGhana accused Togo of a raid on Monday."))
    named = tmp_path / "named.txt.gz"
    named.write_text("2005-03-10\n\nGhana accused Togo of a raid on Monday.", encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(packed), str(named), "--format", "jsonl"])
    assert result.exit_code == 1, result.output
    events = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [(e["doc_id"], e["date"], e["source"]["code"]) for e in events] == [
        ("packed", "2005-03-10", "GHA")]
    assert f"error: {named}: not a gzip file (it starts b'20')" in result.output
