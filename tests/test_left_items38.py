"""Items session 37 left (docs/history/robustness.md), each reproduced with invented inputs
first: JSON exports of a store holding NaN, the text a <noframes> fallback's title or form
field holds, impossible dates given to date options; and more bad input found while hunting
for faults of the same kind."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from conftest import one_error

from detente.cli import main
from detente.ingest.pipeline import Ingest, IngestOptions
from detente.ingest.readers import SourceDocument, read_file
from detente.store import Store

ARTICLE = """Moscow, March 3, 2016

Russian Foreign Minister Sergei Lavrov met Iranian Foreign Minister Mohammad Javad Zarif in \
Tehran on Thursday.

Russia agreed to deliver 40 tanks worth $2 billion to Iran next year, the ministry said.

Iran condemned Israel on Thursday.
"""


def _strict_lines(text: str) -> list:
    """Each line of JSON text read by a parser that refuses NaN and Infinity, as JSON does."""
    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    return [json.loads(line, parse_constant=refuse) for line in text.splitlines() if line]


# ---- 1. JSON exports of a store holding a number that is not finite ----------------------------
@pytest.fixture()
def nan_store(tmp_path, coder) -> Path:
    """A store of one article whose events and transfer hold NaN and infinite numbers (a store
    merged from shards before they were checked, or edited by hand)."""
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "nan.duckdb"
    with Store(db) as store:
        Ingest(store, coder, IngestOptions()).run([str(tmp_path / "news")])
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE events SET goldstein = 'nan'::DOUBLE, confidence = 'inf'::DOUBLE, "
                    "location_lat = '-inf'::DOUBLE, location_lon = 'nan'::DOUBLE")
        con.execute("UPDATE arms_transfers SET value = 'nan'::DOUBLE")
        counts = con.execute("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM "
                             "people), (SELECT count(*) FROM arms_transfers)").fetchone()
    assert all(counts), counts  # events, people and a transfer to write
    return db


@pytest.mark.parametrize("fmt", ["jsonl", "plover"])
def test_a_json_export_of_a_stored_nan_writes_null(nan_store, tmp_path, fmt):
    # json.dumps wrote NaN, Infinity and -Infinity, which JSON readers refuse
    result = CliRunner().invoke(main, ["export", str(tmp_path / "out"), "--db", str(nan_store),
                                       "--format", fmt])
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "out").iterdir())
    assert files
    for path in files:
        records = _strict_lines(path.read_text(encoding="utf-8"))
        assert records, path
    events = _strict_lines((tmp_path / "out" / files[-1].name).read_text(encoding="utf-8"))
    if fmt == "jsonl":
        assert {record["goldstein"] for record in events} == {None}
        assert {record["confidence"] for record in events} == {None}
        assert all(record["location"] is None or record["location"]["lat"] is None
                   for record in events)
        [transfer] = _strict_lines((tmp_path / "out" / "arms_transfers.jsonl").read_text())
        assert transfer["value"] is None and transfer["quantity"] == 40  # the rest as stored


@pytest.mark.parametrize("command", [["events", "--format", "jsonl"],
                                     ["people", "--format", "json", "--events"],
                                     ["transfers", "--format", "json"]])
def test_a_commands_json_of_a_stored_nan_writes_null(nan_store, command):
    result = CliRunner().invoke(main, [*command, "--db", str(nan_store)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    [document] = [_strict_lines(out)] if command[0] == "events" else _strict_lines(out)
    assert document
    assert "NaN" not in out and "Infinity" not in out



# ---- 2. a title or a form field's text outside the page's head ----------------------------------
PARAGRAPHS = ("<p>Chile accused Peru of shelling a border post on Monday, the ministry said.</p>"
              "<p>Peru denied the charge and called for talks in Lima on Friday.</p>")
OTHER = ("<p>Bolivia offered to host the talks in La Paz, its president told reporters.</p>"
         "<p>Argentina said it would send an envoy to both capitals next week.</p>")


def _read_page(tmp_path: Path, markup: str) -> list[tuple[str | None, str]]:
    """(title, text) of each document read from the page, (None, reason) of each problem."""
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    return [(item.title, item.text) if isinstance(item, SourceDocument) else (None, item.reason)
            for item in read_file(path)]


@pytest.mark.parametrize("markup", [
    f"<noframes><title>{OTHER}</title>{PARAGRAPHS}</noframes>",
    f"<noframes>{PARAGRAPHS}<title>{OTHER}</title></noframes>",
    f"<html><body><title>{OTHER}</title>{PARAGRAPHS}</body></html>",
    f"<html><body><textarea>{OTHER}</textarea>{PARAGRAPHS}</body></html>",
])
def test_a_title_or_a_text_field_outside_the_head_is_no_article_text(tmp_path, markup):
    # a title's content is text, not markup (HTML reads it so): outside the head it had been
    # read as the article, "<p>Bolivia offered ..." and all
    [(_, text)] = _read_page(tmp_path, markup)
    [(_, plain)] = _read_page(tmp_path, f"<html><body>{PARAGRAPHS}</body></html>")
    assert text == plain


@pytest.mark.parametrize("markup", [f"<noframes><title>{OTHER}</title></noframes>",
                                    f"<html><body><textarea>{OTHER}</textarea></body></html>"])
def test_a_page_of_only_a_title_or_a_text_field_has_no_article_text(tmp_path, markup):
    assert _read_page(tmp_path, markup) == [(None, "no article text found in the HTML")]


@pytest.mark.parametrize(("head", "title"), [("<head></head>", "Talks on the border"),
                                             ("", "Talks on the border"),
                                             ("<head><title>Framed</title></head>", "Framed")])
def test_a_no_frames_fallbacks_title_titles_a_page_without_one(tmp_path, head, title):
    # the fallback page's own title had been lost (no title at all)
    markup = (f'<html>{head}<frameset><frame src="top.html"></frameset><noframes><html><head>'
              f"<title>Talks on the border</title></head><body>{PARAGRAPHS}</body></html>"
              "</noframes></html>")
    [(read_title, text)] = _read_page(tmp_path, markup)
    assert read_title == title and "Talks on the border" not in text


# ---- 3. an impossible date given to a date option ------------------------------------------------
DATE_OPTIONS = [["events", "--since"], ["events", "--until"],
                ["export", "OUT", "--format", "csv", "--since"], ["relations", "--until"],
                ["graph", "--out", "HTML", "--since"], ["blocs", "--since"],
                ["plot", "--dyad", "USA-IRN", "--out", "PNG", "--until"],
                ["transfers", "--since"], ["transfers", "--until"]]


def _args(command: list[str], folder: Path) -> list[str]:
    """The command's words, each placeholder a path in ``folder``."""
    paths = {"OUT": "out", "HTML": "graph.html", "PNG": "plot.png", "IN": "a.txt"}
    return [str(folder / paths[word]) if word in paths else word for word in command]


@pytest.mark.parametrize("command", DATE_OPTIONS)
@pytest.mark.parametrize(("day", "said"), [
    ("2016-02-30", "no such day: February 2016 has 29 days"),
    ("2015-02-29", "no such day: February 2015 has 28 days"),
    ("2016-04-31", "no such day: April 2016 has 30 days"),
    ("2016-13-01", "no such day: there is no month 13"),
    ("2016-00-10", "no such day: there is no month 0"),
    ("0000-01-01", "no such day: there is no year 0"),
    ("yesterday", None),
])
def test_an_impossible_date_is_one_line_naming_the_option(tmp_path, command, day, said):
    # click said "Invalid value for '--since': '2016-02-30' does not match the format
    # '%Y-%m-%d'", after its usage lines, for a day written in that very format
    with Store(tmp_path / "s.duckdb"):
        pass
    db = str(tmp_path / "s.duckdb")
    result = CliRunner().invoke(main, [*_args(command, tmp_path), day, "--db", db])
    assert result.exit_code == 2
    what = f": {said}" if said else " is not a date; write it as YYYY-MM-DD"
    assert one_error(result) == f"error: {command[-1]} {day!r}{what}"
    assert "Usage:" not in result.output


@pytest.mark.parametrize("command", [["ingest", "IN"], ["code", "IN"]])
def test_an_impossible_date_of_date_says_what_is_wrong(tmp_path, command):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    args = _args(command, tmp_path)
    if command[0] == "ingest":
        args += ["--db", str(tmp_path / "s.duckdb")]
    result = CliRunner().invoke(main, [*args, "--date", "2016-02-30"])
    assert result.exit_code == 2
    assert one_error(result) == ("error: --date '2016-02-30': no such day: February 2016 has "
                                 "29 days")


def test_a_real_day_is_still_taken_by_every_date_option(tmp_path):
    with Store(tmp_path / "s.duckdb"):
        pass
    for command in DATE_OPTIONS:
        args = _args(command, tmp_path)
        for day in ("2016-02-29", "2016-2-3"):  # (click's format took a month of one digit)
            replace = ["--force"] if command[0] in ("export", "graph", "plot") else []
            result = CliRunner().invoke(main, [*args, day, "--db", str(tmp_path / "s.duckdb"),
                                               *replace])
            assert "error:" not in result.output, (args, result.output)


# ---- 4. found: stored values no check let in ---------------------------------------------------
def _stored_events(db: Path, **columns: float) -> None:
    """Events of two stories stored with the given values (a store written before shards'
    numbers were checked, or by hand)."""
    from detente.model import EVENT_COLUMNS

    rows = []
    for number in range(2):
        row = dict.fromkeys(EVENT_COLUMNS)
        row.update(event_id=f"e{number}", origin="detente", date=dt.date(2020, 1, 2),
                   sentence_index=0, sentence="Peru met Chile.", cameo="040",
                   cameo_root="04", quad_class=1, goldstein=1.0, source_code="PER",
                   source_country="PER", target_code="CHL", target_country="CHL",
                   modality="asserted", confidence=0.5)
        if number == 0:
            row.update(columns)
        rows.append(row)
    with Store(db) as store:
        store.add_events(rows)


@pytest.mark.parametrize("confidence", [-1e308, 1e308, 2.5, -0.25])
def test_a_stored_confidence_off_its_scale_leaves_its_mention_confidence_empty(tmp_path,
                                                                                confidence):
    # -1e308 stopped the mentions export with a traceback ("OverflowError: cannot convert
    # float infinity to integer"), nothing written; 2.5 was written as a confidence of 250
    from detente.ingest.gdelt import gdelt_columns

    _stored_events(tmp_path / "s.duckdb", confidence=confidence)
    result = CliRunner().invoke(main, ["export", str(tmp_path / "out"), "--db",
                                       str(tmp_path / "s.duckdb"), "--format", "gdelt-mentions"])
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    text = (tmp_path / "out" / "events.mentions.CSV").read_text(encoding="utf-8")
    column = list(gdelt_columns("gdelt2_mentions")).index("Confidence")
    assert sorted(line.split("\t")[column] for line in text.splitlines()) == ["", "50"]


BORDER = "Chile accused Peru of shelling a border post on Monday, the ministry said."


def _feed(items: list[tuple[str, str]], channel: str = "Wire") -> str:
    entries = "".join(f"<item><title>{title}</title><description>{text}</description></item>"
                      for title, text in items)
    return (f'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>{channel}</title>'
            f"{entries}</channel></rss>\n")


def _read(tmp_path: Path, name: str, content: str) -> list:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return list(read_file(path))


@pytest.mark.parametrize("reference", ["&#xD800;", "&#55357;&#56832;", "&#1114112;",
                                       "&#x110000;"])
def test_a_feeds_reference_to_no_character_spoils_no_entry(tmp_path, reference):
    # a reference to a surrogate (an emoji written as its UTF-16 halves) or past U+10FFFF had
    # made the whole feed "not a readable RSS/Atom feed ('utf-8' codec can't encode character
    # '\ud800' ...)", every entry lost
    items = _read(tmp_path, "wire.xml", _feed([("A", BORDER), (f"B {reference}",
                                                                f"{BORDER} X{reference}Y"),
                                               ("C", BORDER)]))
    assert [type(item) for item in items] == [SourceDocument] * 3, items
    assert items[1].text.endswith("X\ufffd" + "\ufffd" * ("&#5" in reference) + "Y")
    assert items[1].title.startswith("B \ufffd")


def test_a_nul_in_a_records_or_an_entrys_metadata_is_not_stored(tmp_path):
    # the text refuses a NUL (binary data); a title, id, outlet or address took it, and it
    # went on into the store and every CSV and TSV export
    record = json.dumps({"text": BORDER, "title": "A\u0000B", "id": "x\u0000y",
                         "source": "S\u0000", "url": "https://news.example/\u0000"})
    feed = _feed([("A &#0; B", BORDER)], channel="Wire&#0;").replace(
        "<item>", "<item><guid>g&#0;</guid><link>https://news.example/&#0;</link>")
    for name, content in (("wire.jsonl", record + "\n"), ("wire.xml", feed)):
        [document] = _read(tmp_path, name, content)
        fields = (document.title, document.doc_id, document.source, document.url)
        assert all(field and "\x00" not in field and "\ufffd" in field for field in fields), (
            name, fields)


@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_a_json_lines_record_is_held_to_the_limit_by_its_text(tmp_path, ensure_ascii):
    # a line was held to the limit of one article's text: a record whose text fits, in JSON
    # a little longer (quotes, a key) or three times as long (\u00e9 for each é, as Python's
    # json.dumps writes it by default), was "input is over the 1.5 kB limit" and not read,
    # where the same record in a .json file, or its text in a .txt file, is
    limit = 1500
    fits, over = "é" * (limit // 2), "é" * (limit // 2) + "a"
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps({"text": text}, ensure_ascii=ensure_ascii) + "\n"
                            for text in (fits, over)), encoding="utf-8")
    first, second = read_file(path, max_bytes=limit)
    assert isinstance(first, SourceDocument) and first.text == fits
    assert second.reason == "record text is over the 1.5 kB limit"
    (tmp_path / "wire.json").write_text(json.dumps([{"text": fits}]), encoding="utf-8")
    [as_json] = read_file(tmp_path / "wire.json", max_bytes=limit)
    assert as_json.text == fits


@pytest.mark.parametrize(("size", "said"), [
    (1501, "file is 1,501 bytes, over the 1,500 bytes limit"),
    (1600, "file is 1.6 kB, over the 1.5 kB limit")])
def test_a_file_just_over_the_limit_says_by_how_much(tmp_path, size, said):
    # a file one byte over was "file is 1.5 kB, over the 1.5 kB limit": no size over it
    path = tmp_path / "long.txt"
    path.write_text("x" * size, encoding="utf-8")
    [problem] = read_file(path, max_bytes=1500)
    assert problem.reason == f"{said} for one article (split it, or raise --max-bytes)"


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_a_wide_feeds_reference_to_no_character_spoils_no_entry(tmp_path, codec):
    feed = _feed([("A", BORDER), ("B", f"{BORDER} X&#xD800;Y")]).replace(
        '<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{codec}"?>')
    path = tmp_path / "wire.xml"
    path.write_bytes(feed.encode(codec))  # with its byte order mark
    first, second = read_file(path)
    assert first.text == BORDER and second.text == f"{BORDER} X\ufffdY"
