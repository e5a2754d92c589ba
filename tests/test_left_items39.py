"""Items session 38 left (docs/history/robustness.md), each reproduced with invented inputs
first: control characters other than NUL in names, titles and addresses, a feed in UTF-16 or
UTF-32 without a byte order mark, a <title> or <textarea> never closed; and more bad input
found while hunting for faults of the same kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_icews import HEADER as ICEWS_HEADER
from test_icews import row as icews_row
from test_left_items38 import BORDER, OTHER, PARAGRAPHS, _feed, _read_page

from detente.cleantext import without_controls
from detente.cli import main
from detente.ingest.readers import read_file
from detente.jsontext import json_text

# separators a reader splits a line at, and characters that are binary data (an escape a
# terminal obeys, backspace, DEL, a C1 control, a lone surrogate)
SEPARATING = ["\x0b", "\x0c", "\x1c", "\x1e", "\x1f", "\x85", "\u2028", "\u2029"]
BINARY = ["\x01", "\x08", "\x1b", "\x7f", "\x9b"]


# ---- 1. control characters in what names an article or an actor -------------------------------
@pytest.mark.parametrize("control", SEPARATING + BINARY + ["\ud800"])
def test_a_records_names_hold_no_control_character(tmp_path, control):
    # an escape or a line separator in a title, an id, an outlet or an address went into the
    # store and on into every export (a raw U+2028 split a JSON Lines export's line)
    record = json.dumps({"text": BORDER, "title": f"Talks{control}on the border",
                         "id": f"wire{control}7", "source": f"Wire{control}One",
                         "url": f"https://news.example/{control}7"})
    path = tmp_path / "wire.jsonl"
    path.write_text(record + "\n", encoding="utf-8")
    [document] = read_file(path)
    fields = (document.title, document.doc_id, document.source, document.url)
    assert all(field == without_controls(field) and control not in field for field in fields)
    expected = " " if control in SEPARATING else "\ufffd"
    assert document.doc_id == f"wire{expected}7" and document.text == BORDER


def test_tab_and_line_ends_are_left_and_offsets_kept():
    assert without_controls("a\tb\nc\rd") == "a\tb\nc\rd"
    assert [len(without_controls(f"ab{c}cd")) for c in SEPARATING + BINARY] == [5] * 13


def test_a_feeds_names_hold_no_control_character(tmp_path):
    feed = _feed([("Talks &#x1b;[31mon the border&#x2028;", BORDER)], channel="Wire&#x85;")
    feed = feed.replace("<item>", "<item><guid>g&#x0b;7</guid><link>https://news.example/&#x7f;"
                                  "</link>")
    [document] = _read_page_file(tmp_path, "wire.xml", feed)
    for field in (document.title, document.doc_id, document.source, document.url):
        assert field == without_controls(field), field


def _read_page_file(tmp_path: Path, name: str, content: str) -> list:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return list(read_file(path))


@pytest.mark.parametrize("control", ["\u2028", "\x85", "\x1b", "\x1c"])
def test_an_imported_actor_name_holds_no_control_character_and_reimports_alike(tmp_path,
                                                                                control):
    path = tmp_path / "events.tab"
    path.write_text("\n".join([ICEWS_HEADER, icews_row(Source_Name=f"Foreign{control}Affairs "
                                                                   "(Russia)",
                                                       Publisher=f"Wire{control}")]) + "\n",
                    encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    first = CliRunner().invoke(main, ["import", "icews", str(path), "--db", db])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(main, ["import", "icews", str(path), "--db", db])
    assert "1 already stored, 0 failed" in again.output
    for fmt in ("jsonl", "plover", "icews", "phoenix", "csv"):
        out = tmp_path / fmt
        result = CliRunner().invoke(main, ["export", str(out), "--db", db, "--format", fmt])
        assert result.exit_code == 0, result.output
        for written in out.iterdir():
            text = written.read_text(encoding="utf-8")
            assert control not in text, (fmt, written.name)
            assert len(text.splitlines()) == text.count("\n"), (fmt, written.name)


@pytest.mark.parametrize("control", ["\u2028", "\u2029", "\x85", "\x9b"])
def test_json_text_escapes_what_splits_or_steers_a_line(control):
    # JSON lets a string hold them raw; Python's splitlines ends a line at the first three
    # (a store written before names were cleaned still holds them)
    text = json_text({"name": f"a{control}b", "other": "é"})
    assert control not in text and len(text.splitlines()) == 1
    assert json.loads(text) == {"name": f"a{control}b", "other": "é"}


# ---- 2. a feed in UTF-16 or UTF-32 without a byte order mark -----------------------------------
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("declared", [True, False])
@pytest.mark.parametrize("reference", ["&#xD800;", ""])
def test_a_wide_feed_without_a_mark_is_read(tmp_path, codec, declared, reference):
    # with a reference to a surrogate the feed was refused whole ("'utf-8' codec can't encode
    # character '\ud800'"); without a declaration it was not read at all ("not well-formed")
    feed = _feed([("A", BORDER), ("B", f"{BORDER} X{reference}Y")])
    if declared:
        feed = feed.replace('<?xml version="1.0"?>',
                            f'<?xml version="1.0" encoding="{codec[:6]}"?>')
    else:
        feed = feed.split("\n", 1)[1]
    path = tmp_path / "wire.xml"
    path.write_bytes(feed.encode(codec))
    first, second = read_file(path)
    assert first.text == BORDER
    assert second.text == f"{BORDER} X{chr(0xFFFD) if reference else ''}Y"


# ---- 3. a <title> or <textarea> never closed ----------------------------------------------
TEXT = "\n".join(("Chile accused Peru of shelling a border post on Monday, the ministry said.",
                  "Peru denied the charge and called for talks in Lima on Friday."))
MORE = "\n".join(("Bolivia offered to host the talks in La Paz, its president told reporters.",
                  "Argentina said it would send an envoy to both capitals next week."))


@pytest.mark.parametrize(("markup", "title", "text"), [
    # its head's title without "</title>": no article text at all
    (f"<html><head><title>Border talks</head><body>{PARAGRAPHS}</body></html>",
     "Border talks", TEXT),
    (f"<html><head><TITLE lang=en>Border talks<body>{PARAGRAPHS}</body></html>",
     "Border talks", TEXT),
    # in the body: the rest of the page, markup and all, had been the page's title
    (f"<html><body>{PARAGRAPHS}<title>Border talks {OTHER}</body></html>", "Border talks",
     f"{TEXT}\n{MORE}"),
    (f"<html><body><textarea>{PARAGRAPHS}{OTHER}</body></html>", None, f"{TEXT}\n{MORE}"),
    # closed ones read as before
    (f"<html><head><title>Border talks</title></head><body>{PARAGRAPHS}"
     f"<textarea>{OTHER}</textarea></body></html>", "Border talks", TEXT),
])
def test_a_title_or_text_field_never_closed_loses_no_article(tmp_path, markup, title, text):
    assert _read_page(tmp_path, markup) == [(title, text)]


# ---- 4. found: a PETRARCH dictionary line holding a control character ------------------------
def test_a_dictionary_name_with_a_control_character_is_a_problem_at_its_line(tmp_path):
    # "VELL\x1bMARK" (Phoenix's own country file has two names with a SUB where a letter was
    # lost) had been taken in silently as a name no text holds; and a form feed or a U+2028
    # ended a line for splitlines, so every later problem was said a line too far on
    from detente.petrarch import read_petrarch

    path = tmp_path / "mine.actors.txt"
    path.write_text("VELLMARK [VEL]\n\x0c\nKESTREL\u2028ISLES [KES]\nVELL\x1bMARK [VEL]\n"
                    "TARN [TRN\n", encoding="utf-8")
    report = read_petrarch(path)["petrarch"]
    assert report["problems"] == [
        f"{path}:4: a control character (U+001B) in 'VELL\\x1bMARK [VEL]', which no text "
        "holds",
        f"{path}:5: unbalanced brackets in 'TARN [TRN'"]
    assert report["counts"] == {"malformed lines skipped": 2, "country entries": 2}


# ---- 5. found: what an import's header leaves out ------------------------------------------------
def _polecat_file(tmp_path: Path, keep: int | None) -> Path:
    from test_polecat import HEADER as POLECAT_HEADER
    from test_polecat import polecat_line

    path = tmp_path / "ngecEvents.20250303000000.Release700.DV.txt"
    header = POLECAT_HEADER[:keep]
    lines = ["\t".join(header), "\t".join(polecat_line().split("\t")[:keep])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_polecat_file_without_some_columns_says_they_are_stored_as_null(tmp_path):
    # a file cut to its first ten columns was imported without its recipients, places and
    # sources and without a word (ICEWS's importer said so)
    result = CliRunner().invoke(main, ["import", "polecat", str(_polecat_file(tmp_path, 10)),
                                       "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 0, result.output
    [note] = [line for line in result.output.splitlines() if line.startswith("note:")]
    assert note.startswith(f"note: {tmp_path}/ngecEvents.20250303000000.Release700.DV.txt: the "
                           "header has no Primary Actor Sector, Actor Sectors, ")
    assert note.endswith("Recipient COW and 22 more column: stored as null")
    whole = CliRunner().invoke(main, ["import", "polecat", str(_polecat_file(tmp_path, None)),
                                      "--db", str(tmp_path / "t.duckdb")])
    assert "note:" not in whole.output


@pytest.mark.parametrize("kind", ["icews", "polecat"])
def test_a_file_of_only_a_header_says_so(tmp_path, kind):
    # "0 read, 0 imported", exit 0, and nothing of why
    if kind == "icews":
        path = tmp_path / "events.tab"
        path.write_text(ICEWS_HEADER + "\n\n", encoding="utf-8")
    else:
        path = _polecat_file(tmp_path, None)
        path.write_text(path.read_text().splitlines()[0] + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", kind, str(path), "--db",
                                       str(tmp_path / "s.duckdb")])
    assert result.exit_code == 0
    assert f"note: {path}: a header line and no rows: no events in it" in result.output


@pytest.mark.parametrize(("content", "said"), [
    ("GLOBALEVENTID\tSQLDATE\tActor1Code\n", "a header line and no rows: no events in it"),
    ("\n\n  \n", "empty file")])
def test_a_gdelt_file_of_only_a_header_or_blank_lines_is_one_problem(tmp_path, content, said):
    # GDELT's own files have no header: "0 read, 0 imported", exit 0, and nothing of why
    from conftest import one_error

    path = tmp_path / "20030110.export.CSV"
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "gdelt", str(path), "--db",
                                       str(tmp_path / "s.duckdb")])
    assert result.exit_code == 2
    assert one_error(result) == f"error: {path}: {said}"


# ---- 6. found: an upload in UTF-16 or UTF-32 -----------------------------------------------
@pytest.fixture()
def web(tmp_path, coder):
    from fastapi.testclient import TestClient

    from detente.store import Store
    from detente.web.app import create_app

    with Store(tmp_path / "web.duckdb"):
        pass
    return TestClient(create_app(str(tmp_path / "web.duckdb"), coder=coder))


@pytest.mark.parametrize(("codec", "said"), [
    ("utf-16", "UTF-16 text, not UTF-8; convert it to UTF-8"),
    ("utf-32", "UTF-32 text, not UTF-8; convert it to UTF-8"),
    ("utf-16-le", "UTF-16LE text without a byte-order mark, not UTF-8; convert it to UTF-8")])
def test_an_upload_in_utf16_says_so(web, codec, said):
    # it had been "a binary file, not text", where `ingest` says what it is
    answer = web.post("/api/code/file", files={"file": ("wire.txt", BORDER.encode(codec))})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["msg"] == f"wire.txt: {said}"


# ---- 7. found: a shard's names holding control characters ----------------------------------------
def test_a_shards_names_are_merged_without_control_characters(tmp_path, shards):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from detente.ingest.shards import shard_file
    from detente.store import Store

    folder, ids = shards
    path = shard_file(folder, ids[0], "articles")
    table = pq.read_table(path)
    for column in ("title", "doc_id"):
        table = table.set_column(table.column_names.index(column), column,
                                 pa.array([f"Wire\x1b[31m\u2028{column}"] * table.num_rows))
    pq.write_table(table, path)
    result = CliRunner().invoke(main, ["load", str(folder), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 0, result.output
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        names = store.con.execute("SELECT DISTINCT title, doc_id FROM articles "
                                  "WHERE title IS NOT NULL").fetchall()
    assert names == [("Wire\ufffd[31m title", "Wire\ufffd[31m doc_id")]
