"""The document readers: every input is written here, into tmp_path; no real news text."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from datetime import datetime
from pathlib import Path

import pytest

from detente.coder import Article
from detente.ingest.readers import (
    SUPPORTED,
    FieldNames,
    SourceDocument,
    iso_date,
    read_documents,
    read_file,
)
from detente.ingest.text import InputProblem

MTIME = datetime(2020, 6, 15, 12, 0).timestamp()  # noon, so any local time zone gives the 15th
FILE_DATE = "2020-06-15"
BODY = (
    "Ministers of Ruritania and Freedonia met in a neutral city to discuss the shared border. "
    "The meeting lasted three hours and ended with a short joint statement on trade. "
    "Both delegations said that further talks would follow within the coming month."
)
PAGE = f"""<!DOCTYPE html>
<html><head>
<title>Border talks | Example Gazette</title>
<meta property="og:title" content="Border talks">
<meta property="og:site_name" content="Example Gazette">
<meta property="og:url" content="https://gazette.example/border-talks">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Border talks</h1><p>{BODY}</p></article>
<footer>Copyright Example Gazette</footer>
</body></html>
"""


def write(path: Path, content: str | bytes, mtime: float = MTIME) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    os.utime(path, (mtime, mtime))
    return path


def jsonl(*records: object) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def items(*paths: Path | str, **options) -> list[SourceDocument | InputProblem]:
    return list(read_documents([str(path) for path in paths], **options))


def documents(*paths: Path | str, **options) -> list[SourceDocument]:
    found = items(*paths, **options)
    assert all(isinstance(item, SourceDocument) for item in found), found
    return found  # type: ignore[return-value]


def problems(*paths: Path | str, **options) -> list[tuple[str, str]]:
    return [(p.path, p.reason) for p in items(*paths, **options) if isinstance(p, InputProblem)]


# --- plain text ---------------------------------------------------------------------------------


def test_text_file(tmp_path):
    path = write(tmp_path / "note.txt", "Officials met today.\nThey talked.\n")
    [doc] = documents(path)
    assert doc == SourceDocument(
        text="Officials met today.\nThey talked.\n",
        doc_id="note",
        date=FILE_DATE,
        date_source="file",
        path=str(path),
    )


def test_text_file_date_in_first_lines(tmp_path):
    path = write(tmp_path / "dated.txt", "CAPITAL, 5 March 2024 - Officials met.\n")
    [doc] = documents(path)
    assert (doc.date, doc.date_source) == ("2024-03-05", "text")


def test_upper_case_suffix_and_gzipped_text(tmp_path):
    upper = write(tmp_path / "LOUD.TXT", "Shouted text.")
    packed = write(tmp_path / "packed.txt.gz", gzip.compress(b"2024-01-02\nPacked text."))
    loud, unpacked = documents(upper, packed)
    assert (loud.doc_id, loud.text) == ("LOUD", "Shouted text.")
    assert (unpacked.doc_id, unpacked.text) == ("packed", "2024-01-02\nPacked text.")
    assert (unpacked.date, unpacked.date_source) == ("2024-01-02", "text")


def test_named_file_without_suffix_is_text(tmp_path):
    path = write(tmp_path / "saved", "Text without a suffix.")
    [doc] = documents(path)
    assert (doc.doc_id, doc.text) == ("saved", "Text without a suffix.")


def test_stdin(monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b"2023-11-30 Piped text.\n"))
    monkeypatch.setattr(sys, "stdin", stdin)
    [doc] = documents("-")
    assert doc == SourceDocument(
        text="2023-11-30 Piped text.\n",
        doc_id="stdin",
        date="2023-11-30",
        date_source="text",
        path="-",
    )


def test_stdin_without_date_gets_none(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Piped text.")))
    [doc] = documents("-")
    assert (doc.date, doc.date_source) == (None, None)


def test_document_as_coder_article(tmp_path):
    [doc] = documents(write(tmp_path / "a.txt", "Text."))
    assert doc.article() == Article(doc_id="a", text="Text.", date=FILE_DATE)


# --- HTML ---------------------------------------------------------------------------------------


def test_html_main_text_and_metadata(tmp_path):
    path = write(tmp_path / "page.html", PAGE)
    [doc] = documents(path)
    assert BODY in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert doc.doc_id == "page"
    assert doc.title == "Border talks"
    assert (doc.date, doc.date_source) == ("2024-03-05", "metadata")
    assert doc.url == "https://gazette.example/border-talks"
    assert doc.source == "Example Gazette"
    assert (doc.path, doc.line) == (str(path), None)


def test_htm_gzipped(tmp_path):
    path = write(tmp_path / "page.htm.gz", gzip.compress(PAGE.encode()))
    [doc] = documents(path)
    assert (doc.doc_id, doc.title) == ("page", "Border talks")


def test_html_without_date_falls_back_to_file_date(tmp_path):
    undated = PAGE.replace('content="2024-03-05T10:00:00Z"', 'content=""')
    [doc] = documents(write(tmp_path / "undated.html", undated))
    assert (doc.date, doc.date_source) == (FILE_DATE, "file")


def test_html_without_article_text(tmp_path):
    path = write(tmp_path / "blank.html", "<html><head><title>T</title></head><body></body></html>")
    assert problems(path) == [(str(path), "no article text found in the HTML")]


# --- JSON and JSON Lines ------------------------------------------------------------------------


def test_jsonl_records(tmp_path):
    path = write(
        tmp_path / "wire.jsonl",
        jsonl(
            {
                "id": "w-1",
                "text": "First story.",
                "title": "One",
                "date": "March 5, 2024",
                "url": "https://wire.example/1",
                "source": "Example Wire",
            },
            {"text": "2022-02-02: Second story."},
            {"text": "Third story.", "id": 17},
        ),
    )
    first, second, third = documents(path)
    assert first == SourceDocument(
        text="First story.",
        doc_id="w-1",
        title="One",
        date="2024-03-05",
        date_source="metadata",
        url="https://wire.example/1",
        source="Example Wire",
        path=str(path),
        line=1,
    )
    assert (second.doc_id, second.line) == ("wire:2", 2)
    assert (second.date, second.date_source) == ("2022-02-02", "text")
    # A record in a collection does not take the collection file's date.
    assert (third.doc_id, third.date, third.date_source) == ("17", None, None)


def test_ndjson_suffix_and_blank_lines(tmp_path):
    path = write(tmp_path / "feed.ndjson", '\n{"text": "Only."}\n\n')
    [doc] = documents(path)
    assert (doc.doc_id, doc.line) == ("feed:2", 2)


def test_jsonl_malformed_line_and_missing_text(tmp_path):
    path = write(
        tmp_path / "mixed.jsonl",
        '{"text": "Good one."}\n'
        '{"text": "cut off\n'
        '{"title": "no text"}\n'
        '{"text": "   "}\n'
        '["a", "list"]\n'
        '{"text": "Good two."}\n',
    )
    found = items(path)
    assert [(item.path, item.reason) for item in found if isinstance(item, InputProblem)] == [
        (f"{path}:2", "malformed JSON (Unterminated string starting at: column 10)"),
        (f"{path}:3", "record has no 'text'"),
        (f"{path}:4", "record has no 'text'"),
        (f"{path}:5", "record is not a JSON object"),
    ]
    assert [item.text for item in found if isinstance(item, SourceDocument)] == [
        "Good one.",
        "Good two.",
    ]


def test_configurable_field_names(tmp_path):
    fields = FieldNames(
        text="body", title="headline", date="published", url="link", source="outlet", id="uid"
    )
    path = write(
        tmp_path / "custom.jsonl",
        jsonl(
            {
                "uid": "c-9",
                "body": "Custom story.",
                "headline": "Custom",
                "published": "2021-07-04T08:00:00+02:00",
                "link": "https://custom.example/9",
                "outlet": "Custom Times",
                "text": "not this one",
            },
            {"text": "Only the default field."},
        ),
    )
    doc, missing = items(path, fields=fields)
    assert doc == SourceDocument(
        text="Custom story.",
        doc_id="c-9",
        title="Custom",
        date="2021-07-04",
        date_source="metadata",
        url="https://custom.example/9",
        source="Custom Times",
        path=str(path),
        line=1,
    )
    assert missing == InputProblem(f"{path}:2", "record has no 'body'")


def test_jsonl_gzipped_is_streamed(tmp_path):
    packed = gzip.compress(jsonl({"text": "A."}, {"text": "B."}).encode())
    path = write(tmp_path / "wire.jsonl.gz", packed)
    assert [(d.doc_id, d.text, d.line) for d in documents(path)] == [
        ("wire:1", "A.", 1),
        ("wire:2", "B.", 2),
    ]


def test_truncated_gzip_keeps_records_read_so_far(tmp_path):
    # Varied records, so the compressed stream is long and cutting it leaves whole lines behind.
    records = [{"id": f"r{n}", "text": f"Record {n * 7919 % 10007} {n**3}."} for n in range(3000)]
    whole = gzip.compress(jsonl(*records).encode())
    path = write(tmp_path / "cut.jsonl.gz", whole[: len(whole) // 2])
    found = items(path)
    docs, last = found[:-1], found[-1]
    assert 0 < len(docs) < len(records)
    assert [d.doc_id for d in docs] == [f"r{n}" for n in range(len(docs))]
    assert last == InputProblem(
        str(path), f"truncated gzip (the compressed data ends early, after line {len(docs)})"
    )


def test_truncated_gzip_of_one_document(tmp_path):
    whole = gzip.compress(BODY.encode() * 20)
    path = write(tmp_path / "cut.txt.gz", whole[:-12])
    assert problems(path) == [(str(path), "truncated gzip (the compressed data ends early)")]


def test_gz_that_is_not_gzip(tmp_path):
    path = write(tmp_path / "fake.jsonl.gz", jsonl({"text": "Plain, not gzip."}))
    [(where, reason)] = problems(path)
    assert where == str(path)
    assert reason.startswith("not a gzip file (")


def test_json_single_object(tmp_path):
    path = write(tmp_path / "one.json", json.dumps({"text": "Single story.", "title": "Single"}))
    [doc] = documents(path)
    assert doc == SourceDocument(
        text="Single story.",
        doc_id="one",
        title="Single",
        date=FILE_DATE,
        date_source="file",
        path=str(path),
    )


def test_json_list_of_objects(tmp_path):
    records = [{"text": "First.", "date": "2024-01-31"}, {"body": "wrong key"}, {"text": "Third."}]
    path = write(tmp_path / "many.json", json.dumps(records))
    first, problem, third = items(path)
    assert (first.doc_id, first.line, first.date, first.date_source) == (
        "many:1",
        1,
        "2024-01-31",
        "metadata",
    )
    assert problem == InputProblem(f"{path}:2", "record has no 'text'")
    assert (third.doc_id, third.line, third.date) == ("many:3", 3, None)


def test_json_gzipped(tmp_path):
    path = write(tmp_path / "one.json.gz", gzip.compress(b'{"text": "Packed.", "id": "p"}'))
    [doc] = documents(path)
    assert (doc.doc_id, doc.text) == ("p", "Packed.")


@pytest.mark.parametrize(
    ("content", "reason", "record"),
    [
        ('{"text": "x" "y"}', "malformed JSON (Expecting ',' delimiter: line 1 column 14)",
         None),
        ("[]", "the JSON list is empty", None),
        ('"just a string"', "JSON is neither an object nor a list of objects", None),
        ("[" * 100_000, "malformed JSON (nested too deeply)", 1),  # its first record
    ],
)
def test_bad_json_files(tmp_path, content, reason, record):
    path = write(tmp_path / "bad.json", content)
    assert problems(path) == [(f"{path}:{record}" if record else str(path), reason)]


# --- feeds --------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Feed</title><link>https://feed.example/</link>
<item>
  <title>First item</title><link>https://feed.example/1</link><guid>urn:item:1</guid>
  <description>&lt;p&gt;Paragraph &lt;b&gt;one&lt;/b&gt; &amp;amp; more.&lt;/p&gt;
    &lt;p&gt;Paragraph two.&lt;/p&gt;</description>
  <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
</item>
<item>
  <title>Second item</title><link>https://feed.example/2</link>
  <description>2023-12-24 A plain summary.</description>
  <pubDate>sometime last week</pubDate>
</item>
<item>
  <title>Third item</title><link>https://feed.example/3</link>
  <description>No date anywhere.</description>
  <pubDate>not a date</pubDate>
</item>
<item><title>Title only</title><link>https://feed.example/4</link></item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Example</title>
<entry>
  <id>tag:atom.example,2024:1</id><title>Atom entry</title>
  <link href="https://atom.example/1"/>
  <updated>2024-03-05T23:30:00-05:00</updated>
  <summary>Short summary.</summary>
  <content type="html">&lt;p&gt;Full content.&lt;/p&gt;</content>
</entry>
</feed>
"""


def test_rss_entries(tmp_path):
    path = write(tmp_path / "news.rss", RSS)
    first, second, third, title_only = items(path)
    assert first == SourceDocument(
        text="Paragraph one & more.\nParagraph two.",
        doc_id="urn:item:1",
        title="First item",
        date="2024-03-05",
        date_source="metadata",
        url="https://feed.example/1",
        source="Example Feed",
        path=str(path),
        line=1,
    )
    # Unparseable entry dates keep the entry: the date comes from the text, or there is none.
    assert (second.doc_id, second.text, second.line) == ("news:2", "2023-12-24 A plain summary.", 2)
    assert (second.date, second.date_source) == ("2023-12-24", "text")
    assert (third.text, third.date, third.date_source) == ("No date anywhere.", None, None)
    assert title_only == InputProblem(f"{path}:4", "feed entry has no text (no content or summary)")


def test_atom_content_over_summary_and_publishers_day(tmp_path):
    path = write(tmp_path / "atom.atom", ATOM)
    [doc] = documents(path)
    assert doc.text == "Full content."
    assert (doc.doc_id, doc.title, doc.url) == (
        "tag:atom.example,2024:1",
        "Atom entry",
        "https://atom.example/1",
    )
    # 23:30 at UTC-5 is the 6th in UTC; the day the publisher wrote is kept.
    assert (doc.date, doc.date_source, doc.source) == ("2024-03-05", "metadata", "Atom Example")


def test_xml_feed_gzipped(tmp_path):
    path = write(tmp_path / "atom.xml.gz", gzip.compress(ATOM.encode()))
    [doc] = documents(path)
    assert doc.title == "Atom entry"


def test_feed_that_cannot_be_parsed(tmp_path):
    path = write(tmp_path / "broken.xml", "this is { not xml")
    [(where, reason)] = problems(path)
    assert where == str(path)
    assert reason.startswith("not a readable RSS/Atom feed (") and "\n" not in reason


def test_xml_that_is_not_a_feed(tmp_path):
    path = write(tmp_path / "data.xml", "<?xml version='1.0'?><root><a>1</a></root>")
    assert problems(path) == [(str(path), "not an RSS or Atom feed")]


def test_feed_without_entries(tmp_path):
    empty_feed = "<rss version='2.0'><channel><title>Q</title></channel></rss>"
    path = write(tmp_path / "quiet.rss", empty_feed)
    assert problems(path) == [(str(path), "the feed has no entries")]


# --- dates --------------------------------------------------------------------------------------


def test_explicit_date_beats_everything(tmp_path):
    text = write(tmp_path / "a.txt", "2001-01-01 Dated in the text.")
    record = write(tmp_path / "b.jsonl", jsonl({"text": "Dated.", "date": "2002-02-02"}))
    page = write(tmp_path / "c.html", PAGE)
    found = documents(text, record, page, date="5 Oct 2001")
    assert {(d.date, d.date_source) for d in found} == {("2001-10-05", "metadata")}


def test_metadata_beats_text_beats_file(tmp_path):
    path = write(
        tmp_path / "dates.json",
        json.dumps(
            [
                {"text": "2001-01-01 In the text.", "date": "2002-02-02"},
                {"text": "2001-01-01 In the text.", "date": "no date at all"},
            ]
        ),
    )
    metadata, text = documents(path)
    assert (metadata.date, metadata.date_source) == ("2002-02-02", "metadata")
    assert (text.date, text.date_source) == ("2001-01-01", "text")


def test_bad_explicit_date_is_an_error_at_once():
    with pytest.raises(ValueError, match="not a date"):
        read_documents(["whatever.txt"], date="someday")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05"),
        ("2024-03-05T23:30:00-05:00", "2024-03-05"),
        ("March 2024", "2024-03-01"),
        ("nonsense", None),
        ("", None),
        (20240305, "2024-03-05"),  # YYYYMMDD as a JSON number
        ("-1", None),
        ("Tuesday", None),  # no year: not this year's January Tuesday
        (None, None),
    ],
)
def test_iso_date(value, expected):
    assert iso_date(value) == expected


# A year below 1000 is read only when written with four digits, as a placeholder is ("0005");
# dateutil took any three-digit number for a year.
SHORT_YEAR = "unreadable date '{}' (a year before 1000 is written with four digits)"


@pytest.mark.parametrize("value", ["05-064", "5 March 500", "March 5, 005"])
def test_a_year_of_three_digits_is_no_date(tmp_path, value):
    # "05-064" is 2005's 64th day (ISO's ordinal form); it was stored as 0064-05-01
    path = write(tmp_path / "r.jsonl", jsonl({"text": "No date in here.", "date": value}))
    [doc] = documents(path)
    assert (doc.date, doc.date_source) == (None, None)
    assert doc.notes == (SHORT_YEAR.format(value) + ": left undated",)


def test_code_refuses_a_date_option_with_a_three_digit_year(tmp_path):
    from click.testing import CliRunner

    from detente.cli import main

    article = write(tmp_path / "a.txt", "No date in here.")
    result = CliRunner().invoke(main, ["code", "--date", "5 March 005", str(article)])
    assert result.exit_code == 2
    assert result.output == ("error: --date '5 March 005' is not a date; write it as "
                             "YYYY-MM-DD\n")


def test_a_year_written_with_four_digits_is_kept(tmp_path):
    path = write(tmp_path / "r.jsonl", jsonl({"text": "No date in here.", "date": "1 Jan 0005"}))
    assert [(d.date, d.notes) for d in documents(path)] == [("0005-01-01", ())]


FEED_DATES = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Dates</title>
<item><guid>a</guid><description>Month and day only.</description><pubDate>--03-05</pubDate></item>
<item><guid>b</guid><description>A time only.</description><pubDate>T10:00</pubDate></item>
<item><guid>c</guid><description>Day 195.</description><pubDate>2004-195</pubDate></item>
<item><guid>d</guid><description>In Greek.</description>
  <pubDate>Κυρ, 11 Ιούλ 2004 12:00:00 EST</pubDate></item>
</channel></rss>
"""


def test_a_feed_date_without_a_year_is_not_given_this_years(tmp_path):
    # feedparser fills what a date leaves out from today: "--03-05" was stored as March 5th of
    # the current year, "T10:00" as today, and it reads "2004-195" as 2005-07-01; a form only
    # it reads that holds the year it gives (a Greek date) is still read
    path = write(tmp_path / "dates.rss", FEED_DATES)
    month_day, time_only, ordinal, greek = documents(path)
    assert [d.date for d in (month_day, time_only, ordinal, greek)] == [
        None, None, None, "2004-07-11"]
    assert month_day.notes == ("incomplete date '--03-05' (no year or no month): left undated",)
    assert time_only.notes == ("incomplete date 'T10:00' (no year or no month): left undated",)
    assert ordinal.notes == ("unreadable date '2004-195': left undated",)


# --- bad input ----------------------------------------------------------------------------------


def test_empty_files(tmp_path):
    paths = [
        write(tmp_path / name, content)
        for name, content in [
            ("e.txt", ""),
            ("e.html", "  \n"),
            ("e.json", ""),
            ("e.jsonl", "\n\n"),
            ("e.rss", ""),
        ]
    ]
    assert problems(*paths) == [(str(path), "empty file") for path in paths]


def test_binary_files(tmp_path):
    blob = b"\x00\x01\x02\x03binary\n" * 10
    text = write(tmp_path / "bin.txt", blob)
    lines = write(tmp_path / "bin.jsonl", blob)
    # One message for a binary JSON Lines file, not one for each of its "lines".
    assert problems(text, lines) == [
        (str(text), "binary file, not text"),
        (f"{lines}:1", "binary file, not text"),
    ]


def test_a_nul_anywhere_in_a_text_file_makes_it_a_bad_file(tmp_path):
    # only the first 8 KB were looked at: a NUL further on stayed in the article's text
    head = (BODY + "\n") * 40
    assert len(head) > 8192
    glued = write(tmp_path / "glued.txt", head.encode() + b"\x00tail\n")
    packed = write(tmp_path / "glued.txt.gz", gzip.compress(head.encode() + b"\x00tail\n"))
    good = write(tmp_path / "good.txt", BODY)
    reason = f"binary content (a NUL byte at offset {len(head)}), not text"
    assert problems(glued, packed, good) == [(str(glued), reason), (str(packed), reason)]
    assert [doc.text for doc in documents(good)] == [BODY]


def test_a_binary_line_among_json_lines_costs_only_itself(tmp_path):
    # one line with a NUL byte (a damaged disk block) ended the file: every record after it
    # was silently left unread, with only "binary file, not text" said of that line
    path = write(tmp_path / "wire.jsonl", jsonl({"text": "Chad thanked Niger."}).encode()
                 + b"\x00\x13garbled\n" + jsonl({"text": "Mali invited Benin."}).encode()
                 + b"\x00one\n\x00two\n" + jsonl({"text": "Never read."}).encode())
    texts = [item.text for item in items(path) if isinstance(item, SourceDocument)]
    assert texts == ["Chad thanked Niger.", "Mali invited Benin."]
    assert problems(path) == [
        (f"{path}:2", "binary data (a NUL byte) in the line, not text; skipped"),
        (f"{path}:4", "binary data (a NUL byte) in the line, not text; skipped"),
        (f"{path}:5", "binary data again: the rest of the file is left unread"),
    ]


def test_non_utf8(tmp_path):
    text = write(tmp_path / "latin.txt", "Caf\xe9 au lait".encode("latin-1"))
    record = b'{"text": "Caf\xe9"}\n'
    lines = write(tmp_path / "latin.jsonl", jsonl({"text": "Fine."}).encode() + record)
    reason = "not UTF-8 text (invalid byte at offset {}); convert it to UTF-8"
    assert problems(text, lines) == [
        (str(text), reason.format(3)),
        (f"{lines}:2", reason.format(13)),
    ]


def test_oversized_inputs(tmp_path):
    text = write(tmp_path / "big.txt", "x" * 200)
    packed = write(tmp_path / "big.txt.gz", gzip.compress(b"x" * 200))
    lines = write(tmp_path / "big.jsonl", jsonl({"text": "y" * 200}, {"text": "Small."}))
    listed = write(tmp_path / "big.json", json.dumps([{"text": "z" * 200}, {"text": "Small."}]))
    found = items(text, packed, lines, listed, max_bytes=100)
    assert [(p.path, p.reason) for p in found if isinstance(p, InputProblem)] == [
        (
            str(text),
            "file is 200 bytes, over the 100 bytes limit for one article "
            "(split it, or raise --max-bytes)",
        ),
        (str(packed), "input is over the 100 bytes limit"),
        (f"{lines}:1", "record text is over the 100 bytes limit"),  # as a .json record
        (f"{listed}:1", "record text is over the 100 bytes limit"),
    ]
    # The limit is per record: the small records of the same files are still read.
    assert [(d.doc_id, d.text) for d in found if isinstance(d, SourceDocument)] == [
        ("big:2", "Small."),
        ("big:2", "Small."),
    ]


def test_a_huge_limit_costs_only_what_the_files_hold(tmp_path):
    # read(limit + 1) allocates the limit before reading: with --max-bytes past 2**63 every
    # text, gzip and feed file was "cannot read" (OverflowError; 100 GB: MemoryError)
    text = write(tmp_path / "a.txt", "Chad thanked Niger.")
    packed = write(tmp_path / "b.txt.gz", gzip.compress(b"Mali invited Benin."))
    feed = write(tmp_path / "c.rss", "<rss><channel><title>T</title><item><title>x</title>"
                                     "<description>Togo hailed Ghana.</description></item>"
                                     "</channel></rss>")
    found = documents(text, packed, feed, max_bytes=2**63 - 1)
    assert [d.text for d in found] == ["Chad thanked Niger.", "Mali invited Benin.",
                                       "Togo hailed Ghana."]


def test_a_json_list_is_read_a_record_at_a_time(tmp_path):
    # no limit on the whole file (it was 100 x max_bytes): each record has the article's
    records = [{"text": f"Record {n}."} for n in range(500)]
    path = write(tmp_path / "huge.json", json.dumps(records))
    assert path.stat().st_size > 100 * 100
    found = items(path, max_bytes=100)
    assert [d.text for d in found] == [r["text"] for r in records]


def test_unknown_suffix_named_explicitly(tmp_path):
    path = write(tmp_path / "report.pdf", b"%PDF-1.4")
    packed = write(tmp_path / "report.doc.gz", gzip.compress(b"doc"))
    assert problems(path, packed) == [
        (str(path), f"unsupported file type '.pdf' ({SUPPORTED})"),
        (str(packed), f"unsupported file type '.doc' ({SUPPORTED})"),
    ]


def test_missing_path():
    missing = "/nonexistent/news.txt"
    assert problems(missing) == [(missing, "no such file or directory")]


@pytest.mark.parametrize(
    "name", ["gone.txt", "gone.html", "gone.json", "gone.jsonl", "gone.jsonl.gz", "gone.rss"]
)
def test_file_gone_before_reading(tmp_path, name):
    path = tmp_path / name
    assert [(p.path, p.reason) for p in read_file(path)] == [
        (str(path), "cannot read (No such file or directory)")
    ]


def test_file_deleted_after_listing(tmp_path):
    write(tmp_path / "a.txt", "First.")
    second = write(tmp_path / "b.jsonl", jsonl({"text": "Second."}))
    found = read_documents([str(tmp_path)])
    assert next(found).text == "First."  # the directory is listed by now
    second.unlink()
    assert list(found) == [InputProblem(str(second), "cannot read (No such file or directory)")]


def test_unreadable_file(tmp_path, monkeypatch):
    text = write(tmp_path / "locked.txt", "Locked.")
    lines = write(tmp_path / "locked.jsonl", jsonl({"text": "Locked."}))

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "open", refuse)
    assert problems(text, lines) == [
        (str(text), "cannot read (Permission denied)"),
        (str(lines), "cannot read (Permission denied)"),
    ]


# --- directories --------------------------------------------------------------------------------


def test_directory_recursion_and_order(tmp_path):
    write(tmp_path / "b.txt", "B.")
    write(tmp_path / "a.jsonl", jsonl({"text": "A1."}, {"text": "A2."}))
    write(tmp_path / "sub" / "c.html", PAGE)
    write(tmp_path / "sub" / "deeper" / "d.json", json.dumps({"text": "D."}))
    write(tmp_path / "notes.pdf", b"%PDF")  # unsupported: skipped silently
    write(tmp_path / "README", "no suffix")  # only read when named
    write(tmp_path / ".hidden.txt", "Hidden.")
    write(tmp_path / ".git" / "e.txt", "Hidden directory.")
    found = documents(tmp_path)
    assert [(Path(d.path).relative_to(tmp_path).as_posix(), d.doc_id) for d in found] == [
        ("a.jsonl", "a:1"),
        ("a.jsonl", "a:2"),
        ("b.txt", "b"),
        ("sub/c.html", "c"),
        ("sub/deeper/d.json", "d"),
    ]


def test_directory_without_supported_files(tmp_path):
    write(tmp_path / "only.pdf", b"%PDF")
    assert problems(tmp_path) == [
        (str(tmp_path), f"directory has no supported files ({SUPPORTED})")
    ]


def test_html_character_references_in_plain_text_are_read_as_characters(tmp_path: Path, coder):
    from detente.ingest.readers import read_file as read_records
    from detente.ingest.text import read_inputs

    escaped = ("Ghana&#39;s foreign ministry accused Togo&rsquo;s army on Monday of shelling a "
               "border post &amp; said R&D and AT&T had &paragraph nothing to do with it.")
    record = tmp_path / "scraped.jsonl"
    record.write_text(json.dumps({"id": "s1", "text": escaped}) + "\n")
    plain = tmp_path / "saved.txt"
    plain.write_text(escaped)
    documents = [d for d in read_records(record)]
    articles = list(read_inputs([str(plain)]))
    for text in (documents[0].text, articles[0].text):
        # references with their semicolon are read; bare ampersands and "&paragraph" stay
        assert text.startswith("Ghana's foreign ministry accused Togo’s army")
        assert "post & said R&D and AT&T had &paragraph nothing" in text
        events = coder.code_text(text)
        assert ("GHA", "TGO") in {(e.source.country, e.target.country) for e in events}


def test_windows_line_ends_are_read_as_line_breaks(tmp_path: Path):
    from detente.ingest.readers import read_file as read_records
    from detente.ingest.text import read_inputs

    lines = ("Ghana accused Togo on Monday of sending armed men across the northern\r\n"
             "border, and the foreign ministry said it had summoned the ambassador.\r\n\r\n"
             "Togo denied it.\r\n")
    saved = tmp_path / "wire.txt"
    saved.write_bytes(lines.encode())
    record = tmp_path / "wire.jsonl"
    record.write_text(json.dumps({"id": "w1", "text": lines}) + "\n")
    for text in (next(iter(read_inputs([str(saved)]))).text, next(iter(read_records(record))).text):
        assert "\r" not in text and text == lines.replace("\r\n", "\n")


def test_a_pages_character_references_are_its_parsers_to_read(tmp_path: Path):
    page = ("<html><head><title>Coast guards</title></head><body><article>"
            '<p><img src="a.png" alt="a sign reading &quot;keep out&quot; &gt; twice"> '
            "Ecuador accused Colombia of sending boats into its waters on Friday, and the "
            "ministry said its coast guard had logged every crossing since March.</p>"
            "<p>The note listed the tag &lt;p&gt; among the errors in the maps Colombia "
            "sent, and Bogota rejected the charge in a statement late on Friday.</p>"
            "</article></body></html>")
    [doc] = documents(write(tmp_path / "page.html", page))
    # the references were read before the parser: "&quot;" closed the attribute early and
    # "&lt;p&gt;" became a paragraph of its own, cutting the sentence
    assert doc.text.startswith("Ecuador accused Colombia")
    assert "the tag <p> among the errors" in doc.text


def test_invisible_characters_that_split_words_are_left_out(tmp_path: Path, coder):
    from detente.ingest.text import read_inputs

    story = tmp_path / "story.txt"
    story.write_text("Ecuador accused Colom\u00adbia of spying.\nPeru\u200b urged Chile to talk.\n",
                     encoding="utf-8")
    [article] = list(read_inputs([str(story)]))
    assert article.text == "Ecuador accused Colombia of spying.\nPeru urged Chile to talk.\n"
    pairs = {(e.source.country, e.target.country) for e in coder.code_text(article.text)}
    assert {("ECU", "COL"), ("PER", "CHL")} <= pairs


def test_metadata_that_is_no_text_is_noted_and_left_empty(tmp_path):
    # an object as the title, a list as the url: stored empty, said nowhere
    path = write(tmp_path / "r.jsonl", jsonl({"text": "Peru praised Chile.", "title": {"a": 1},
                                              "url": ["x"], "source": True, "id": 7}))
    [doc] = documents(path)
    assert (doc.title, doc.url, doc.source, doc.doc_id) == (None, None, None, "7")
    [listed] = documents(write(tmp_path / "l.jsonl", jsonl({"text": "Peru praised Chile.",
                                                            "id": [1]})))
    assert listed.notes == ("its 'id' is a list, not text: the default id used instead",)
    assert doc.notes == ("its 'title' is an object, not text: left empty",
                         "its 'url' is a list, not text: left empty",
                         "its 'source' is true or false, not text: left empty")


def test_a_records_date_is_read_from_the_usual_keys_unless_one_is_named(tmp_path):
    path = tmp_path / "wire.jsonl"
    records = [{"id": "a", "text": BODY, "published": "2025-03-14 20:30:26Z"},
               {"id": "b", "text": BODY, "pubDate": "Tue, 04 Mar 2025 09:00:00 GMT"},
               {"id": "c", "text": BODY, "date": "2024-01-02", "published": "2025-03-14"},
               {"id": "d", "text": BODY, "published": "", "publishedAt": "2023-07-08T10:00:00Z"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    dates = {d.doc_id: d.date for d in read_file(path)}
    assert dates == {"a": "2025-03-14", "b": "2025-03-04", "c": "2024-01-02", "d": "2023-07-08"}
    # a key the user named is the only one read
    named = {d.doc_id: d.date for d in read_file(path, FieldNames(date="date", date_keys=()))}
    assert named == {"a": None, "b": None, "c": "2024-01-02", "d": None}
    published = {d.doc_id: d.date
                 for d in read_file(path, FieldNames(date="published", date_keys=()))}
    assert published == {"a": "2025-03-14", "b": None, "c": "2025-03-14", "d": None}


def test_a_date_key_that_does_not_read_gives_way_to_one_that_does(tmp_path):
    path = tmp_path / "wire.jsonl"
    records = [{"id": "a", "text": BODY, "date": "n/a", "published": "2021-05-01"},
               {"id": "b", "text": BODY, "date": "   ", "published": "2021-05-02"},
               {"id": "c", "text": BODY, "date": [], "pubDate": "2021-05-03"},
               {"id": "d", "text": BODY, "date": "n/a"},
               {"id": "e", "text": BODY, "date": "2020-01-01", "filed_on": "2021-05-05"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    documents = {d.doc_id: d for d in read_file(path)}
    assert {k: d.date for k, d in documents.items()} == {
        "a": "2021-05-01", "b": "2021-05-02", "c": "2021-05-03", "d": None, "e": "2020-01-01"}
    assert documents["d"].notes == ("unreadable date 'n/a': left undated",)
    # a key named in Python is read first
    named = {d.doc_id: d.date for d in read_file(path, FieldNames(date="filed_on"))}
    assert named["e"] == "2021-05-05"
