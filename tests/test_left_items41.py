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

# (1. the Dask merge into a store written before the cleaning is tested beside the serial
# rerun, in test_left_items40)


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


# ---- 4. a table of events given as news text -------------------------------------------------
def _tables() -> dict[str, tuple[str, str]]:
    """Invented files of each format (header and rows as their formats write them) and the line
    that names each."""
    from detente.datafiles import read_packaged

    gdelt = read_packaged("gdelt.yaml")
    row2 = "\t".join(["1000000001", "20240304", "202403", "2024", "2024.1753"] + ["X"] * 56)
    mention = "\t".join(["1000000001", "20240304120000", "20240304121500", "1", "example.org",
                         "https://example.org/a"] + ["1"] * 10)
    gkg = "\t".join(["20240304120000-7", "20240304120000"] + [""] * 25)
    phoenix = "\t".join(["e1", "20240304", "2024", "03", "04"] + ["CHL"] * 21)
    icews = "\t".join(read_packaged("icews.yaml")["columns"])
    polecat = "\t".join(read_packaged("polecat.yaml")["columns"])
    importer = "not news text (import it with `detente import {}`)"
    nothing = ("not news text (detente imports none; `detente import` reads GDELT, ICEWS and "
               "POLECAT event files)")
    return {
        "gdelt": (f"{row2}\n{row2}\n", "a GDELT 2.0 event file, " + importer.format("gdelt")),
        "gdelt-csv": (",".join(gdelt["gdelt2"]) + "\n" + row2.replace("\t", ",") + "\n",
                      "a GDELT 2.0 event file, comma-separated, not news text (`detente import "
                      "gdelt` reads it tab-separated, as it is published)"),
        "mentions": (f"{mention}\n{mention}\n", "a GDELT 2.0 mentions file, not news text "
                     "(detente imports none; `detente import gdelt` reads the event file it "
                     "goes with)"),
        "gkg": (f"{gkg}\n", "a GDELT Global Knowledge Graph file, " + nothing),
        "icews": (f"{icews}\n" + "\t".join(["1"] * 20) + "\n",
                  "an ICEWS event file, " + importer.format("icews")),
        "polecat": (f"{polecat}\n", "a POLECAT event file, " + importer.format("polecat")),
        "phoenix": (f"{phoenix}\n{phoenix}\n", "a Phoenix event file, " + nothing),
        "detente-csv": ("event_id,origin,article_id,doc_id,date,source_code,target_code,"
                        "cameo_code,goldstein,outlet\nE1,detente,A1,d,2024-03-04,CHL,PER,"
                        "111,-2.0,Wire\n",
                        "a table of events as `detente export --format csv` writes it, not "
                        "news text (its events are coded already; give `code` or `ingest` the "
                        "articles)"),
    }


@pytest.mark.parametrize("kind", list(_tables()))
def test_code_of_a_table_of_events_says_what_it_is_and_what_reads_it(tmp_path, kind):
    # each was read as one article of its rows: "0 event(s)", exit 0, nothing said
    content, said = _tables()[kind]
    path = tmp_path / "events.csv"
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(path)])
    assert result.exit_code == 2, result.output
    assert f"{path}: {said}" in result.stderr


def test_an_uploaded_gdelt_file_says_what_it_is(tmp_path, coder):
    from fastapi.testclient import TestClient

    from detente.store import Store
    from detente.web.app import create_app

    with Store(tmp_path / "web.duckdb"):
        pass
    web = TestClient(create_app(str(tmp_path / "web.duckdb"), coder=coder))
    content, said = _tables()["gdelt"]
    answer = web.post("/api/code/file", files={"file": ("20240304.export.CSV", content)})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["msg"] == f"20240304.export.CSV: {said}"


@pytest.mark.parametrize("first", [
    "Chile, Peru, Bolivia, Ecuador, Brazil and Argentina met in Lima on Monday.",
    "Date, Source, Target, Event, Place: the ministry's note listed them all.",
    "Country\tCapital\tLeader\tParty\tSince",
])
def test_news_whose_first_line_has_many_commas_or_tabs_is_coded(tmp_path, first):
    path = tmp_path / "story.txt"
    path.write_text(f"{first}\nChile accused Peru of shelling a border post.\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(path), "--date", "2024-03-04"])
    assert result.exit_code == 0, result.output
    assert "not news text" not in result.output


# ---- 5. a full disk under the API's store ----------------------------------------------------
def test_an_article_posted_to_a_store_on_a_full_disk_is_507_and_says_why(tmp_path, coder,
                                                                        monkeypatch):
    # found with a 6 MB tmpfs filled up: a 500 "internal error (logged by the server)", and
    # the client never learned that the article was not stored, nor why
    from fastapi.testclient import TestClient

    from detente.store import Store
    from detente.web.app import create_app

    db = tmp_path / "web.duckdb"
    with Store(db):
        pass

    def full(self, *args, **kwargs):
        raise self.write_failure(duckdb.IOException(
            'Could not write file "web.duckdb.wal": No space left on device'))

    monkeypatch.setattr(Store, "start_run", full)
    web = TestClient(create_app(str(db), allow_writes=True, coder=coder),
                     raise_server_exceptions=False)
    answer = web.post("/api/code", json={"text": "Chile accused Peru of shelling a border "
                                         "post.", "date": "2024-03-04", "store": True})
    assert answer.status_code == 507
    assert answer.json()["detail"] == (
        f"the article was not stored: {db}: cannot write the database (Could not write file "
        '"web.duckdb.wal": No space left on device); free space on the server and post it '
        "again")
    coded = web.post("/api/code", json={"text": "Chile accused Peru of shelling a border "
                                        "post.", "date": "2024-03-04"})
    assert coded.status_code == 200 and coded.json()["events"]  # coding alone still works


def test_an_article_posted_when_the_servers_temporary_folder_is_full_is_507(tmp_path, coder,
                                                                           monkeypatch):
    # the store path writes the article as a one-record file first: ENOSPC there was a 500
    import errno
    from pathlib import Path

    from fastapi.testclient import TestClient

    from detente.store import Store
    from detente.web import coding
    from detente.web.app import create_app

    class FullDisk(type(Path())):
        def write_text(self, *args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

    with Store(tmp_path / "web.duckdb"):
        pass
    monkeypatch.setattr(coding, "Path", FullDisk)
    web = TestClient(create_app(str(tmp_path / "web.duckdb"), allow_writes=True, coder=coder),
                     raise_server_exceptions=False)
    answer = web.post("/api/code", json={"text": "Chile accused Peru of shelling a border "
                                         "post.", "store": True})
    assert answer.status_code == 507
    assert answer.json()["detail"] == ("the article was not stored: the server cannot write a "
                                       "file (No space left on device); free space on the "
                                       "server and post it again")
