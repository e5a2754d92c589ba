"""Items session 36 left (docs/history/robustness.md), each reproduced with invented inputs
first: an imported row whose id is another row's with other content, and more bad input found
while hunting for faults of the same kind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import ARTICLES_PER_UNIT
from fastapi.testclient import TestClient
from test_gdelt import gdelt_line
from test_gdelt import write as write_gdelt
from test_icews import HEADER as ICEWS_HEADER
from test_icews import row as icews_row
from test_icews import write as write_icews
from test_polecat import polecat_line
from test_polecat import write as write_polecat
from test_web import detail

from detente.cleantext import shown_name
from detente.ingest.gdelt import import_gdelt
from detente.ingest.icews import import_icews
from detente.ingest.polecat import import_polecat
from detente.ingest.readers import SourceDocument, read_file
from detente.store import Store


def _stored(db: Path, sql: str) -> list[dict]:
    with Store(db, read_only=True) as store:
        return store.query(sql)


def _import(importer, db: Path, paths: list[Path]):
    with Store(db) as store:
        return importer(store, [str(path) for path in paths])


def _counts(summary) -> tuple[int, int, int]:
    return summary.imported, summary.known, summary.failed


# ---- 1. one id, other content -------------------------------------------------------------------
def test_an_icews_row_repeating_an_id_and_date_with_other_content_is_one_problem(tmp_path):
    path = write_icews(tmp_path / "events.tab", [
        ICEWS_HEADER, icews_row(), icews_row(Intensity="-5", Target_Name="Navy (Iran)"),
        icews_row()])  # the same row again: the same event, said nowhere
    db = tmp_path / "s.duckdb"
    first = _import(import_icews, db, [path])
    assert _counts(first) == (1, 1, 1)
    [problem] = first.problems
    assert problem.startswith(f"{path}:3: ")
    assert "Intensity" in problem and "Target Name" in problem and f"{path}:2" in problem
    assert "Source Name" not in problem  # the same in both rows
    assert _stored(db, "SELECT intensity, target_name FROM icews_events") == [
        {"intensity": 1.0, "target_name": "Head of State (Iran)"}]  # the first row kept
    again = _import(import_icews, db, [path])
    assert _counts(again) == (0, 2, 1)
    assert again.problems[0].startswith(f"{path}:3: ")
    assert _stored(db, "SELECT count(*) AS n FROM events") == [{"n": 1}]


def test_an_icews_row_differing_from_the_stored_event_is_one_problem(tmp_path):
    db = tmp_path / "s.duckdb"
    yearly = write_icews(tmp_path / "yearly.tab", [ICEWS_HEADER, icews_row()])
    weekly = write_icews(tmp_path / "weekly.tab", [ICEWS_HEADER, icews_row(CAMEO_Code="043")])
    assert _counts(_import(import_icews, db, [yearly])) == (1, 0, 0)
    later = _import(import_icews, db, [weekly])
    assert _counts(later) == (0, 0, 1)
    [problem] = later.problems
    assert problem.startswith(f"{weekly}:2: ") and "CAMEO Code" in problem
    assert str(yearly) in problem  # where the stored event was read from
    assert _stored(db, "SELECT cameo FROM events") == [{"cameo": "040"}]
    # the same event in another file with the same content: one event, no problem
    copy = write_icews(tmp_path / "copy.tab", [ICEWS_HEADER, icews_row()])
    assert _counts(_import(import_icews, db, [copy])) == (0, 1, 0)


def test_a_gdelt_line_repeating_an_event_id_with_other_content_is_one_problem(tmp_path):
    path = write_gdelt(tmp_path / "20030110.export.CSV", [
        gdelt_line(57), gdelt_line(57, GoldsteinScale="-9.0", NumMentions="40"),
        gdelt_line(57)])
    db = tmp_path / "s.duckdb"
    first = _import(import_gdelt, db, [path])
    assert _counts(first) == (1, 1, 1)
    [problem] = first.problems
    assert problem.startswith(f"{path}:2: ")
    assert "GoldsteinScale" in problem and "NumMentions" in problem and f"{path}:1" in problem
    assert _stored(db, "SELECT goldstein FROM events") == [{"goldstein": -2.0}]
    later = write_gdelt(tmp_path / "20030111.export.CSV", [
        gdelt_line(57, ActionGeo_FullName="Qom, Qom, Iran")])
    [problem] = _import(import_gdelt, db, [later]).problems
    assert problem.startswith(f"{later}:1: ") and "ActionGeo_FullName" in problem


def test_a_polecat_row_repeating_an_event_id_with_other_content_is_one_problem(tmp_path):
    path = write_polecat(tmp_path / "ngecEvents.txt", [
        polecat_line(),
        # the same Event ID, two recipients: its pairs' ids are not the first row's
        polecat_line(**{"Recipient Country": "Denmark; Sweden",
                        "Primary Recipient Sector": "MIL; GOV",
                        "Recipient Name Raw": "the Danish navy; the Swedish cabinet"}),
        polecat_line()])
    db = tmp_path / "s.duckdb"
    first = _import(import_polecat, db, [path])
    assert (first.imported, first.failed) == (1, 1)
    [problem] = first.problems
    assert problem.startswith(f"{path}:3: ") and "Recipient Country" in problem
    assert _stored(db, "SELECT count(*) AS n FROM events") == [{"n": 1}]
    again = _import(import_polecat, db, [path])
    assert (again.imported, again.failed) == (0, 1)
    assert _stored(db, "SELECT count(*) AS n FROM events") == [{"n": 1}]


# ---- 2. an uploaded file's name in the web API's problems ---------------------------------------
@pytest.fixture()
def web(tmp_path, coder) -> TestClient:
    from detente.web.app import create_app

    with Store(tmp_path / "web.duckdb"):
        pass
    return TestClient(create_app(str(tmp_path / "web.duckdb"), coder=coder))


def test_an_upload_problem_names_the_file_as_every_message_does(web):
    # a backslash and an n, then a file named with nothing odd: quoted, and as written
    for name, content, said in ((r"a\nb.txt", b"\x00\x01bin", "a binary file"),
                                ("a.txt", "Café".encode("latin-1"), "not UTF-8 text"),
                                ("plain name.txt", b"  \n", "the file is empty")):
        answer = web.post("/api/code/file", files={"file": (name, content)})
        assert answer.status_code == 422
        assert detail(answer).startswith(f"body.file: {shown_name(name)}: {said}")
    assert shown_name(r"a\nb.txt") == r"'a\\nb.txt'"
    big = web.post("/api/code/file", files={"file": (r"a\nbig.txt", b"x" * 300_000)})
    assert big.status_code == 413 and detail(big).startswith(r"'a\\nbig.txt': the file is over")


# ---- 3. a page that frames another --------------------------------------------------------------
PARAGRAPHS = ("<p>Chile accused Peru of shelling a border post on Monday, the ministry said.</p>"
              "<p>Peru denied the charge and called for talks in Lima on Friday.</p>")


def _read_page(tmp_path: Path, markup: str) -> list:
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    return [(item.text if isinstance(item, SourceDocument) else item.reason)
            for item in read_file(path)]


@pytest.mark.parametrize(("markup", "named"), [
    ('<iframe src="https://news.example/story.html"></iframe>', "https://news.example/story.html"),
    ('<html><body><iframe src="story.html"></iframe></body></html>', "story.html"),
    # what an iframe holds is never shown by a browser: not the article either
    (f'<iframe src="story.html">{PARAGRAPHS}</iframe>', "story.html"),
    ('<frameset cols="50%,50%"><frame src="left.html"><frame src="right.html"></frameset>',
     "left.html, right.html"),
])
def test_a_page_that_only_frames_another_names_it(tmp_path, markup, named):
    [said] = _read_page(tmp_path, markup)
    assert said == ("no article text found in the HTML: the page only frames "
                    + ("other pages" if "," in named else "another page")
                    + f" ({named}); read {'those' if ',' in named else 'that'} instead")


@pytest.mark.parametrize("markup", [
    f"<noframes>{PARAGRAPHS}</noframes>",
    f"<html><body><noframes>{PARAGRAPHS}</noframes></body></html>",
    f'<html><head><title>T</title></head><frameset rows="20%,80%"><frame src="top.html">'
    f'<frame src="main.html"></frameset><noframes><body>{PARAGRAPHS}</body></noframes></html>',
])
def test_a_pages_no_frames_fallback_is_read_as_html(tmp_path, markup):
    # libxml2 keeps a <noframes> element's content as text: it had been read as raw markup
    # ("<p>Chile accused ...") or not at all
    [text] = _read_page(tmp_path, markup)
    [plain] = _read_page(tmp_path, f"<html><body>{PARAGRAPHS}</body></html>")
    assert text == plain and "<p>" not in text


# ---- 4. found: numbers of a shard outside their scale ------------------------------------------
@pytest.mark.parametrize(("column", "value"), [
    ("confidence", float("nan")), ("confidence", 2.5), ("location_lat", float("inf")),
    ("location_lat", 91.0), ("location_lon", -181.0)])
def test_a_shards_number_outside_its_scale_refuses_its_article(shards, tmp_path, column, value):
    # a confidence of NaN was stored: the GDELT mentions export then stopped at it, "error:
    # out: cannot convert float NaN to integer", and the JSON exports wrote NaN, which JSON
    # readers refuse; a place off the globe went into every export as it was
    from test_shard_fixes import ALL, load
    from test_shard_fixes import stored as counts

    from detente.ingest.shards import shard_file
    folder, ids = shards
    path = shard_file(folder, ids[1], "events")
    table = pq.read_table(path)
    pq.write_table(table.append_column(column, pa.array([value] * table.num_rows)), path)
    result = load(folder, tmp_path / "s.duckdb")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"with {column} {value!r}, not a number of " in result.output
    assert counts(tmp_path / "s.duckdb") == (ALL - ARTICLES_PER_UNIT,) * 2


@pytest.mark.parametrize(("table", "column"), [
    ("articles", "text"), ("articles", "title"), ("events", "sentence"),
    ("events", "source_text"), ("sentences", "text")])
def test_a_shards_text_with_a_nul_refuses_its_article(tmp_path, table, column):
    # every other way in refuses a NUL (binary data, not text); a merged one went on into
    # each CSV and TSV export
    from conftest import coded
    from test_shard_fixes import load
    from test_shard_fixes import stored as counts

    from detente.ingest.shards import write_shard
    from detente.ingest.units import WorkUnit

    articles = [coded(0, number) for number in range(3)]
    spoiled = articles[0]  # (the first: its columns are the shard's)
    if table == "articles":
        spoiled.row[column] = "Peru\x00 met Chile."
    elif table == "events":
        spoiled.events[0][column] = "Peru\x00"
    else:
        index, start, end, _ = spoiled.sentences[0]
        spoiled.sentences[0] = (index, start, end, "Peru\x00 met Chile.")
    write_shard(tmp_path / "shards", WorkUnit("news/u0.txt"), articles, 3, [])
    result = load(tmp_path / "shards", tmp_path / "s.duckdb")
    assert result.exit_code == 1 and "Traceback" not in result.output
    place = column if table == "articles" else f"{table}' {column}"
    assert (f"article {spoiled.key} has a NUL character in its {place} (binary data, not "
            "text); it is skipped") in result.output
    assert counts(tmp_path / "s.duckdb") == (2, 2)


@pytest.mark.parametrize("markup", [
    '<html><head><meta http-equiv="refresh" content="0; url=https://news.example/story.html">'
    "</head><body></body></html>",
    "<meta http-equiv='Refresh' content=\"2;URL='https://news.example/story.html'\">",
])
def test_a_page_that_only_redirects_names_where_to(tmp_path, markup):
    # a saved redirect page (a shortened link, an old address) had been "no article text"
    [said] = _read_page(tmp_path, markup)
    assert said == ("no article text found in the HTML: the page only sends the browser to "
                    "https://news.example/story.html; read that instead")


def test_a_redirect_page_with_an_article_of_its_own_is_read(tmp_path):
    markup = ('<html><head><meta http-equiv="refresh" content="0; url=story.html"></head>'
              f"<body>{PARAGRAPHS}</body></html>")
    assert _read_page(tmp_path, markup) == _read_page(
        tmp_path, f"<html><body>{PARAGRAPHS}</body></html>")


def test_a_stored_nan_confidence_leaves_its_mention_confidence_empty(tmp_path):
    # a store that took one before shards were checked: the mentions export stopped at it
    # ("error: out: cannot convert float NaN to integer"), nothing written
    from detente.export import export_events
    from detente.model import EVENT_COLUMNS

    rows = []
    for number, confidence in enumerate((float("nan"), 0.5)):
        row = dict.fromkeys(EVENT_COLUMNS)
        row.update(event_id=f"e{number}", origin="detente", date=dt.date(2020, 1, 2),
                   sentence_index=0, sentence="Peru met Chile.", cameo="040",
                   cameo_root="04", quad_class=1, goldstein=1.0, source_code="PER",
                   source_country="PER", target_code="CHL", target_country="CHL",
                   modality="asserted", confidence=confidence)
        rows.append(row)
    with Store(tmp_path / "s.duckdb") as store:
        store.add_events(rows)
        path = export_events(store, tmp_path / "out", "gdelt-mentions")
    lines = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    from detente.ingest.gdelt import gdelt_columns
    confidence = list(gdelt_columns("gdelt2_mentions")).index("Confidence")
    assert sorted(line[confidence] for line in lines) == ["", "50"]
