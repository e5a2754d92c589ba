"""Items session 40 left (docs/history/robustness.md), each reproduced with invented inputs
first: the Dask merge into a store written before control characters were cleaned, the
reader's notes of `code` of a page, file signatures, tables of events given to `code`; and
more bad input found while hunting for faults of the same kind."""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner

from detente.cli import main
from detente.ingest import readers

TWO = "Chile accused Peru of shelling a border post. Peru denied the charge on Friday."


@pytest.fixture(scope="module")
def threads():
    """Dask workers in this process: they start in a second, and read as it is patched."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                      dashboard_address=None) as local:
        yield local


# ---- 1. the Dask merge into a store written before the cleaning ------------------------------
def _former_reader(monkeypatch) -> None:
    """Read as detente read before sessions 39 and 40: controls kept in outlet and text."""
    monkeypatch.setattr(readers, "text_without_controls", lambda text: text)
    monkeypatch.setattr(readers, "without_controls", lambda text: text)


@pytest.mark.parametrize("where", ["text", "source"])
def test_a_cluster_ingest_into_a_store_written_before_the_cleaning_stores_nothing_twice(
        tmp_path, monkeypatch, threads, where):
    # the serial path looked for the former ids since session 40; the merge of the shards
    # looked for the new id alone, and stored the article a second time
    record = {"text": TWO, "id": "w1", "source": "Wire One"}
    record[where] = record[where].replace(" ", "\x1b", 1)
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    with monkeypatch.context() as patched:
        _former_reader(patched)
        first = CliRunner().invoke(main, ["ingest", str(path), "--db", db])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(main, ["ingest", str(path), "--db", db, "--cluster",
                                      threads.scheduler_address, "--out",
                                      str(tmp_path / "shards")])
    assert again.exit_code == 0, again.output
    with duckdb.connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (1,)


# ---- 2. `code` of a page prints what its reader noted ----------------------------------------
PARAGRAPHS = ("<p>Chile accused Peru of shelling a border post on Monday, the ministry said.</p>"
              "<p>Peru denied the charge and called for talks in Lima on Friday.</p>")


def test_code_of_a_page_says_what_its_reader_noted(tmp_path):
    # `ingest` recorded "<script> never closed ..."; `code` coded the page without a word
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>Border talks</title><script>if (n < 2) { n++; }"
                    f"</head><body>{PARAGRAPHS}</body></html>", encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(path), "--format", "jsonl",
                                       "--date", "2024-03-04"])
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert line == (f"note: {path}: <script> never closed (a browser shows nothing after "
                    "it): closed where the next tag begins, to read the article")
    assert {json.loads(event)["source"]["code"] for event in result.stdout.splitlines()} == {
        "CHL", "PER"}


# ---- 3. the file signatures, a data file of their own ----------------------------------------
def test_the_signatures_are_read_from_their_data_file_as_bytes():
    from detente.ingest.rawio import file_signatures, not_text_kind

    signatures = dict(file_signatures())
    assert len(signatures) == 17 and signatures[b"\x89PNG"] == "a PNG image"
    assert not_text_kind(b"SQLite format 3\x00...") == "a SQLite database"
    assert not_text_kind(b"{\\rtf1\\ansi Chile}") == "an RTF document"


@pytest.mark.parametrize("start", ["BMW recalled", "MZ Hospital said", "CWS officials said",
                                   "ID3 researchers said"])
def test_a_story_whose_first_letters_a_file_type_library_reads_as_binary_is_coded(
        tmp_path, start):
    # filetype and puremagic took "BM" for a bitmap, "MZ" for a Windows program, "CWS" for
    # Flash and "ID3" for an MP3: a file-type library would have refused these stories
    path = tmp_path / "story.txt"
    path.write_text(f"{start} on Monday that Chile accused Peru of shelling a border post.\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(path), "--date", "2024-03-04"])
    assert result.exit_code == 0, result.output
    assert "not text" not in result.output


def test_a_zip_given_as_the_store_is_named_from_the_same_list(tmp_path):
    db = tmp_path / "events.duckdb"
    db.write_bytes(b"PK\x03\x04" + bytes(100))
    article = tmp_path / "a.txt"
    article.write_text("Peru praised Chile.", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(article), "--db", str(db)])
    assert result.exit_code != 0
    assert f"{db}: not a DuckDB database (a zip archive)" in result.output

