"""Items session 35 left (docs/history/robustness.md), each reproduced with invented inputs
first: names with a backslash or a control character in the command line's lines, a file a
remote cluster's workers may not read, htmldate's assertion on a page that is one element it
removes, and the GDELT export's coordinates against the codebook's numeric fields."""

from __future__ import annotations

import ast
import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import LocalCluster
from htmldate.settings import CLEANING_LIST

from detente.cli import main
from detente.export import export_events
from detente.ingest.readers import SourceDocument, read_file
from detente.store import EventFilter, Store, StoredArticle

PARAGRAPHS = ("<p>Chile accused Peru of shelling a border post on Monday, the ministry said.</p>"
              "<p>Peru denied the charge and called for talks in Lima on Friday.</p>")


def _read(path: Path) -> list:
    """What reading ``path`` gives: the document's text, title and date, or the problem."""
    return [(item.text, item.title, item.date) if isinstance(item, SourceDocument)
            else item.reason for item in read_file(path)]


# ---- 1. names with a backslash or a control character ---------------------------------------
def _named_in(line: str, prefix: str, suffix: str) -> str:
    """The name a line gives between ``prefix`` and ``suffix``, read back from its quoting."""
    assert line.startswith(prefix) and line.endswith(suffix), line
    shown = line[len(prefix):len(line) - len(suffix)]
    return ast.literal_eval(shown) if shown[:1] in "'\"" else shown


def test_a_name_with_a_backslash_and_n_is_not_shown_as_one_with_a_line_end(tmp_path):
    # "news/a\\nb.txt" (a backslash and an n) and "news/a<line end>b.txt" gave the same line,
    # "error: .../a\\nb.txt: empty file": every name a line gives is now as written when it
    # has no backslash and no control character, and in Python's quoted form when it has
    news = tmp_path / "news"
    news.mkdir()
    names = ["a\\nb.txt", "a\nb.txt", "tab\tand\\t.txt", "plain name.txt"]
    for name in names:
        (news / name).write_bytes(b"")
    (news / "good.txt").write_text("Chile accused Peru of shelling a border post on Monday.",
                                   encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(news), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == len(names), result.output
    named = sorted(_named_in(line, "error: ", ": empty file") for line in errors)
    assert named == sorted(str(news / name) for name in names)
    assert f"error: {news}/plain name.txt: empty file" in errors  # a plain name as it was


def test_a_document_the_coder_refuses_names_its_odd_file_quoted_once(tmp_path, monkeypatch):
    # the problem of a document the coder refused (over DETENTE_MAX_CHARS) was made from its
    # place as messages give it, and quoted again when said
    monkeypatch.setenv("DETENTE_MAX_CHARS", "20")
    odd = tmp_path / "two\nlines.txt"
    odd.write_text("Chile accused Peru of shelling a border post on Monday.", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(odd), "--db", str(tmp_path / "s.duckdb")])
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    assert errors[0].startswith(f"error: {str(odd)!r}: text is "), errors


@pytest.mark.parametrize("odd", ["o\\nut", "o\nut", "o\x1b[31mut"])
def test_the_wrote_line_names_an_odd_folder_so_it_can_be_told_apart(tmp_path, odd):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    out = tmp_path / odd
    result = CliRunner().invoke(main, ["export", str(out), "--format", "csv", "--db", str(db)])
    assert result.exit_code == 0, result.output
    [wrote] = [line for line in result.output.splitlines() if line.startswith("wrote ")]
    assert "\x1b" not in result.output
    assert _named_in(wrote, "wrote ", "") == str(out / "events.csv")


def test_the_last_line_names_a_store_with_a_line_end_quoted(tmp_path):
    news = tmp_path / "a.txt"
    news.write_text("Chile accused Peru of shelling a border post on Monday.", encoding="utf-8")
    db = tmp_path / "news\nstore.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(news), "--db", str(db)])
    assert result.exit_code == 0, result.output
    last = result.output.splitlines()[-1]
    assert _named_in(last.split(" -> ", 1)[1], "", "") == str(db)


# ---- 3. a page that is one element htmldate removes ------------------------------------------
# libxml2 reads the content of these as text, and trafilatura's loader refuses such a page: no
# tree, no assertion (the page is "no article text found", as before)
READ_AS_TEXT = {"iframe", "frameset", "noframes"}
ONE_ELEMENT_PAGES = [f"<{tag}><br>{PARAGRAPHS}" for tag in CLEANING_LIST
                     if tag not in READ_AS_TEXT]
ONE_ELEMENT_PAGES += ["</html><body><style>p {}</style>",
                      "<svg><br><pre>Chile accused Peru of shelling a border post.</pre>"]


@pytest.mark.parametrize("body", ONE_ELEMENT_PAGES)
def test_a_page_that_is_one_element_htmldate_removes_reads_as_its_whole_twin(tmp_path, body):
    # a page with no <html> or <body> whose markup libxml2 reads as one element (an <svg>, an
    # <audio>, an <object> holding the article, a lone <style>): htmldate removes such
    # elements from a copy of the tree, the copy's root has no parent to be removed from, and
    # lxml failed an assertion, "cannot parse the HTML ()"; the page is read as the same page
    # inside <html><body> is read
    bare, whole = tmp_path / "bare.html", tmp_path / "whole.html"
    bare.write_text(body, encoding="utf-8")
    whole.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    read = _read(bare)
    assert not any(isinstance(item, str) and item.startswith("cannot parse") for item in read)
    assert read == _read(whole)



# ---- 2. a file the client may read and a remote cluster's workers may not ---------------------
def test_a_file_the_remote_workers_may_not_read_is_one_problem_and_keeps_no_shards(
        tmp_path, monkeypatch):
    # `ingest news/ --cluster <scheduler>` with a file this machine may read and the workers
    # may not: "not coded on the cluster (this worker may not read ...)", and the other
    # units' shards were kept for a rerun, which failed the same way and kept them again; the
    # file is now its one problem line and the shards are merged and removed, as a local
    # cluster does with a file the user may not read
    news = tmp_path / "news"
    news.mkdir()
    for number, (a, b) in enumerate([("Peru", "Chile"), ("Kenya", "Uganda"), ("Japan", "Fiji")]):
        (news / f"n{number}.txt").write_text(
            f"2006-02-1{number}\n\n{a} accused {b} of shelling a border post.", encoding="utf-8")
    hidden = str(news / "n1.txt")
    access = os.access
    # the workers run in this process: what they may read is what os.access tells them
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: (
        False if str(path) == hidden else access(path, mode, **kw)))
    db = tmp_path / "s.duckdb"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                      dashboard_address=None) as local:
        runs = [CliRunner().invoke(main, ["ingest", str(news), "--db", str(db), "--cluster",
                                          local.scheduler_address]) for _ in range(2)]
    for result in runs:
        assert result.exit_code == 1, result.output
        assert "not coded" not in result.output and "kept" not in result.output
        assert [line for line in result.output.splitlines() if line.startswith("error:")] == [
            f"error: {hidden}: cannot read on the Dask workers (permission denied)"
        ], result.output
    assert "2 stored, 0 already stored, 0 repeated stories, 1 failed" in runs[0].output
    assert "0 stored, 2 already stored, 0 repeated stories, 1 failed" in runs[1].output
    assert "resuming" not in runs[1].output
    assert not Path(f"{db}.shards").exists()
    with Store(db, read_only=True) as store:
        assert store.query("SELECT count(*) AS n FROM articles")[0]["n"] == 2


# ---- 4. the GDELT export's coordinates -----------------------------------------------------
# The Event Codebook V2.0 types each geo block's Lat and Long as "numeric" (its types are R's),
# the centroid of the place in decimal degrees; GDELT's column tables (tests/specs,
# gdelt2_events_columns.tsv) give FLOAT. A numeric in plain decimal notation, as R and GDELT's
# own rows write one: a whole number without a point (a country's centroid, "60"), no
# exponent, no negative zero.
PLAIN_DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?")
COORDINATES = [(60.0, 100.0), (35.69, 51.42), (-0.00005, 0.0000123), (-0.0, -179.99999),
               (1e-10, 12.3456789), (-89.5, 0.0001)]


def _gdelt_event(number: int, lat: float, lon: float) -> dict:
    from detente.model import EVENT_COLUMNS

    row = dict.fromkeys(EVENT_COLUMNS)
    row.update(event_id=f"g{number}", origin="detente", article_id="a1", doc_id="d1",
               date=dt.date(2004, 3, 7), sentence_index=number, sentence="Sentence.",
               source_text="Peru", source_code="PER", source_country="PER",
               source_kind="state", target_text="Chile", target_code="CHL",
               target_country="CHL", target_kind="state", cameo="042", cameo_root="04",
               plover="CONSULT", quad_class=1, goldstein=1.9, modality="asserted",
               location_name=f"Place {number}", location_feature="city",
               location_country="PER", location_lat=lat, location_lon=lon)
    return row


def test_gdelt_coordinates_are_plain_decimal_numerics(tmp_path):
    # "-5e-05" and "1.23e-05" were written as Python writes them; GDELT's numerics are plain
    with Store(tmp_path / "g.duckdb") as db:
        db.add_articles([StoredArticle(row={"article_id": "a1", "date": dt.date(2004, 3, 8),
                                            "language": "en"})])
        db.add_events([_gdelt_event(n, lat, lon) for n, (lat, lon) in enumerate(COORDINATES)])
        lines = export_events(db, tmp_path / "out", "gdelt",
                              EventFilter(modality=["asserted"])).read_text().splitlines()
    from detente.ingest.gdelt import gdelt_columns

    columns = list(gdelt_columns())
    rows = sorted((dict(zip(columns, line.split("\t"), strict=True)) for line in lines),
                  key=lambda row: row["ActionGeo_FullName"])
    written = [(row["ActionGeo_Lat"], row["ActionGeo_Long"]) for row in rows]
    for (lat, lon), cells in zip(COORDINATES, written, strict=True):
        for value, cell in zip((lat, lon), cells, strict=True):
            assert PLAIN_DECIMAL.fullmatch(cell), (value, cell)
            assert float(cell) == value  # the stored coordinate, every digit of it
    assert written[0] == ("60", "100")  # a whole number as GDELT writes a centroid
    assert written[3][0] == "0"


# ---- found in session 36 ---------------------------------------------------------------------
def test_a_store_path_with_a_backslash_is_refused_not_opened_elsewhere(tmp_path):
    # DuckDB reads a backslash in a path as a folder separator: `--db 's\new.duckdb'` beside a
    # folder s/ made and filled s/new.duckdb, and the last line named the file asked for,
    # which did not exist; a store already at s/new.duckdb would have been written into
    news = tmp_path / "a.txt"
    news.write_text("Chile accused Peru of shelling a border post on Monday.", encoding="utf-8")
    (tmp_path / "s").mkdir()
    db = tmp_path / "s\\new.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(news), "--db", str(db)])
    assert result.exit_code == 2, result.output
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"error: {str(db)!r}: ") and "backslash" in line, line
    assert not (tmp_path / "s" / "new.duckdb").exists() and not db.exists()


@pytest.mark.parametrize("odd", ["o\\ut", "my shards", "o\nut", "it's"])
def test_the_load_command_a_line_suggests_names_the_folder_as_a_shell_reads_it(tmp_path, odd):
    # "`detente load <folder> --db FILE` stores them": the folder as written (a space split it
    # in two, a backslash was the shell's escape), and in Python's quoted form, which a shell
    # reads otherwise ('o\\ut' is o\\ut to it), once names were quoted for the lines
    news = tmp_path / "a.txt"
    news.write_text("Chile accused Peru of shelling a border post on Monday.", encoding="utf-8")
    out = tmp_path / odd
    result = CliRunner().invoke(main, ["ingest", str(news), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    word = last.split("`detente load ", 1)[1].rsplit(" --db FILE`", 1)[0]
    said = subprocess.run(["bash", "-c", f"printf %s {word}"], capture_output=True, text=True)
    assert said.stdout == str(out), (word, said)


def test_an_imported_row_the_store_refuses_names_its_odd_file_quoted_once(tmp_path, monkeypatch):
    # a row's place was kept as messages give it, and the row's problem quoted it again
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from test_polecat import polecat_line, write

    import detente.ingest.importing as importing
    from detente.ingest.polecat import import_polecat

    odd = write(tmp_path / "rel\\ease.txt", [polecat_line(**{"Event ID": "r1"})])
    monkeypatch.setattr(importing, "_write", lambda *args: (_ for _ in ()).throw(
        ValueError("refused")))
    problems: list[str] = []
    with Store(tmp_path / "p.duckdb") as db:
        import_polecat(db, [str(odd)], on_problem=problems.append)
    assert problems == [f"{str(odd) + ':2'!r}: cannot store (refused)"], problems
