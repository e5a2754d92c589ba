"""The ninth adversarial pass, on ingestion and storage: stores altered by hand, feeds and
folders that lost articles, and runs recorded by something else. Each fault is one line naming
the file, or is read as meant; nothing stored before is lost. Stores and inputs are made here
from invented sentences."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from conftest import altered, one_error
from test_gdelt import gdelt_line, write

from detente.cli import main
from detente.ingest.gdelt import import_gdelt
from detente.ingest.readers import SourceDocument, read_documents, read_file
from detente.ingest.text import InputProblem, read_inputs
from detente.store import Store

SENTENCE = "Chile accused Peru of moving troops to the border on Tuesday."
OTHER = "Norway and Chile signed a fisheries agreement on Monday."


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def counts(db: Path) -> tuple[int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                     for table in ("articles", "events"))
    finally:
        con.close()


@pytest.fixture(scope="module")
def one_article(tmp_path_factory) -> Path:
    """A store holding one coded article (made once: the coder is slow to load)."""
    folder = tmp_path_factory.mktemp("one")
    (folder / "a.txt").write_text(SENTENCE, encoding="utf-8")
    result = invoke("ingest", str(folder / "a.txt"), "--db", str(folder / "s.duckdb"))
    assert result.exit_code == 0, result.output
    return folder / "s.duckdb"


def copy_of(store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "s.duckdb"
    copy.write_bytes(store.read_bytes())
    return copy


# ---- stores altered by hand -------------------------------------------------------------------
@pytest.mark.parametrize(("table", "column"), [("events", "goldstein"), ("articles", "title"),
                                               ("runs", "problems")])
def test_a_store_missing_a_column_is_one_line(one_article, tmp_path, table, column):
    # every article failed to be stored, one line each, exit code 0; `events` and `export`
    # stopped with a traceback (KeyError, Binder Error), and a missing runs column too
    db = altered(copy_of(one_article, tmp_path), f"ALTER TABLE {table} DROP COLUMN {column}")
    before = db.read_bytes()
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    for command in (["ingest", str(tmp_path / "b.txt")], ["events"],
                    ["export", str(tmp_path / "out"), "--format", "csv"]):
        result = invoke(*command, "--db", str(db))
        line = one_error(result)
        assert f"columns missing ({table} lacks {column})" in line, line
        assert "a damaged or altered detente store" in line and result.exit_code == 2
    assert db.read_bytes() == before  # nothing was written
    assert not (tmp_path / "out").exists()


def test_a_meta_table_without_its_key_takes_new_articles(one_article, tmp_path):
    # a meta table rebuilt by hand (CREATE TABLE ... AS) has no primary key: INSERT OR REPLACE
    # of the near-duplicate banding stopped the next ingest with a Binder Error traceback
    db = altered(copy_of(one_article, tmp_path),
                 "CREATE TABLE rebuilt AS SELECT * FROM meta WHERE key = 'schema'",
                 "DROP TABLE meta", "ALTER TABLE rebuilt RENAME TO meta")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    result = invoke("ingest", str(tmp_path / "b.txt"), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert counts(db)[0] == 2
    again = invoke("ingest", str(tmp_path / "b.txt"), "--db", str(db))
    assert again.exit_code == 0 and counts(db)[0] == 2  # still idempotent


@pytest.mark.parametrize("problems", ["'not json'", "'{\"a\": 1}'", "'[5, null]'"])
def test_a_run_whose_problems_are_no_list_of_lines_is_resumed(one_article, tmp_path, problems):
    # an unfinished run whose problems were not a JSON list of text: the next ingest on the
    # same inputs stopped with a JSONDecodeError (or TypeError) traceback, storing nothing
    db = altered(copy_of(one_article, tmp_path),
                 f"UPDATE runs SET problems = {problems}, finished_at = NULL")
    with Store(db, read_only=True) as store:
        inputs = json.loads(store.query("SELECT inputs FROM runs")[0]["inputs"])
    result = invoke("ingest", *inputs, "--db", str(db))
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert "note: resuming run" in result.output
    assert counts(db) == counts(one_article)


def test_equipment_that_is_not_json_is_exported_as_text(tmp_path):
    # export --format jsonl of a store whose transfer equipment was edited by hand: a
    # JSONDecodeError traceback and no transfers file
    db = tmp_path / "s.duckdb"
    Store(db).close()
    altered(db, "INSERT INTO arms_transfers (transfer_id, article_id, equipment) "
                "VALUES ('t1', 'a1', 'two patrol boats')")
    result = invoke("export", str(tmp_path / "out"), "--db", str(db), "--format", "jsonl")
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    lines = (tmp_path / "out" / "arms_transfers.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["equipment"] for line in lines] == ["two patrol boats"]


# ---- inputs that lost articles ------------------------------------------------------------------
def test_a_feed_that_declares_utf16_in_single_bytes_is_read(tmp_path):
    # feedparser believed the declaration: decoded as UTF-16, the feed was "not well-formed"
    # as soon as its text held a letter outside ASCII, and every entry was refused
    feed = tmp_path / "wire.xml"
    feed.write_bytes((
        '<?xml version="1.0" encoding="UTF-16"?>\n<rss version="2.0"><channel><title>Wire'
        "</title><item><title>Bogotá</title><description>" + SENTENCE + " Bogotá said so."
        "</description><pubDate>Tue, 02 Mar 2004 10:00:00 GMT</pubDate></item>"
        "</channel></rss>").encode("utf-8"))
    items = list(read_file(feed))
    assert [type(item) for item in items] == [SourceDocument], items
    assert items[0].title == "Bogotá" and items[0].date == "2004-03-02"
    assert "Bogotá said so" in items[0].text


def test_a_feed_really_in_utf16_is_still_read(tmp_path):
    feed = tmp_path / "wide.xml"
    feed.write_bytes((
        '<?xml version="1.0" encoding="UTF-16"?>\n<rss version="2.0"><channel><title>W'
        "</title><item><title>Bogotá</title><description>" + SENTENCE +
        "</description></item></channel></rss>").encode("utf-16"))
    items = list(read_file(feed))
    assert [item.title for item in items if isinstance(item, SourceDocument)] == ["Bogotá"]


@pytest.fixture()
def linked(tmp_path) -> Path:
    """news/ with an article, news/archive -> an outside folder with another, and a link from
    inside news/ back up to news/ itself."""
    archive = tmp_path / "elsewhere" / "2004"
    archive.mkdir(parents=True)
    (archive / "old.txt").write_text(OTHER, encoding="utf-8")
    news = tmp_path / "news"
    (news / "sub").mkdir(parents=True)
    (news / "today.txt").write_text(SENTENCE, encoding="utf-8")
    (news / "archive").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (news / "again").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (news / "sub" / "up").symlink_to(news, target_is_directory=True)
    return news


def test_a_linked_folder_is_read_and_a_loop_is_one_line(linked):
    # os.walk did not follow links: every file under news/archive was left out without a word
    items = list(read_documents([str(linked)]))
    texts = sorted(item.text for item in items if isinstance(item, SourceDocument))
    assert texts == sorted([SENTENCE, OTHER])  # the folder linked twice is read once
    problems = [str(item) for item in items if isinstance(item, InputProblem)]
    assert problems == [f"{linked / 'sub' / 'up'}: symbolic link loop (to {linked.resolve()}, "
                        "a folder that holds it); not followed"]


def test_code_reads_a_linked_folder_too(linked):
    # `detente code news/` (Path.rglob, os.walk) left the linked folder out as ingest did
    items = list(read_inputs([str(linked)]))
    assert sorted(item.text for item in items if not isinstance(item, InputProblem)) == \
        sorted([SENTENCE, OTHER])
    assert [item.reason for item in items if isinstance(item, InputProblem)] == [
        f"symbolic link loop (to {linked.resolve()}, a folder that holds it); not followed"]


def test_gdelt_files_in_a_linked_folder_are_imported(tmp_path):
    # Path.rglob passed over linked folders, dangling links and loops without a word
    outside = tmp_path / "mirror"
    outside.mkdir()
    write(outside / "20030110.export.CSV", [gdelt_line(57)])
    folder = tmp_path / "gdelt"
    folder.mkdir()
    (folder / "daily").symlink_to(outside, target_is_directory=True)
    (folder / "gone.CSV").symlink_to(tmp_path / "nothing.CSV")
    (folder / "back").symlink_to(folder, target_is_directory=True)
    with Store(tmp_path / "e.duckdb") as store:
        summary = import_gdelt(store, [str(folder)])
    assert (summary.imported, summary.failed) == (1, 2)
    assert any("gone.CSV: dangling symbolic link" in line for line in summary.problems)
    assert any("back: symbolic link loop" in line for line in summary.problems)


def test_icews_files_in_a_linked_folder_are_imported(tmp_path):
    # as a GDELT import: a linked folder is read, a dangling link and a loop are one line each
    from test_icews import HEADER, row
    from test_icews import write as write_icews

    from detente.ingest.icews import import_icews

    outside = tmp_path / "mirror"
    outside.mkdir()
    write_icews(outside / "events.2016.tab", [HEADER, row()])
    folder = tmp_path / "icews"
    folder.mkdir()
    (folder / "weekly").symlink_to(outside, target_is_directory=True)
    (folder / "gone.tab").symlink_to(tmp_path / "nothing.tab")
    (folder / "back").symlink_to(folder, target_is_directory=True)
    with Store(tmp_path / "i.duckdb") as store:
        summary = import_icews(store, [str(folder)])
    assert (summary.imported, summary.failed) == (1, 2)
    assert any("gone.tab: dangling symbolic link" in line for line in summary.problems)
    assert any("back: symbolic link loop" in line for line in summary.problems)


def test_a_jsonl_file_that_mixes_line_ends_says_so(tmp_path):
    # the first line ends in CR LF, the second in a lone CR: records 2 and 3 ran into one
    # line, "malformed JSON (Extra data: column 1)" said nothing of why
    path = tmp_path / "joined.jsonl"
    path.write_bytes(b'{"text": "%s"}\r\n{"text": "%s"}\r{"text": "%s"}\n' % (
        SENTENCE.encode(), OTHER.encode(), b"Kenya praised Uganda on Friday."))
    items = list(read_file(path))
    problems = [str(item) for item in items if isinstance(item, InputProblem)]
    assert len(problems) == 1 and problems[0].startswith(f"{path}:2: malformed JSON")
    assert "the line holds a lone CR" in problems[0]


@pytest.mark.parametrize("name", ["wires.jsonl", "wires.json"])
def test_a_json_escaped_nul_in_a_text_is_one_bad_record(tmp_path, name):
    # a NUL byte in a file is refused ("binary content"), and the API refuses a text holding
    # one; written as the JSON escape \u0000 it was stored, in the sentences and every export
    records = [{"id": "n", "text": "Chile accused Peru.\u0000 Then more."},
               {"id": "k", "text": OTHER}]
    path = tmp_path / name
    path.write_text("\n".join(map(json.dumps, records)) if name.endswith("l")
                    else json.dumps(records), encoding="utf-8")
    items = list(read_file(path))
    assert [item.doc_id for item in items if isinstance(item, SourceDocument)] == ["k"]
    assert [str(item) for item in items if isinstance(item, InputProblem)] == [
        f"{path}:1: record's 'text' holds a NUL character (\\u0000, at character 19), not text"]
