"""Budgets on ingest input, second pass: markup whose parse time grows with the square of its
size, long runs of blank lines, parser processes outliving a killed run, and years written
with leading zeros. Every text here is made up for the test."""

from __future__ import annotations

import gzip
import html
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli import main
from detente.ingest import readers
from detente.ingest.readers import SourceDocument, read_date, read_documents, read_file
from detente.ingest.text import InputProblem, date_in_text
from detente.store import Store

STORY = ("Delegates from Ruritania and Freedonia agreed on Tuesday to reopen the river crossing "
         "that has been closed since the spring floods. A joint commission will inspect the "
         "bridge next month and report to both capitals before the harvest begins.")
PAGE = "<html><head><title>River crossing</title></head><body>{}<article><p>" + STORY + \
       "</p></article></body></html>"


def _attributes(count: int, template: str = 'a{}="x"') -> str:
    return " ".join(template.format(i) for i in range(count))


def _problems(items: list) -> list[tuple[str, str]]:
    return [(item.path, item.reason) for item in items if isinstance(item, InputProblem)]


def _texts(items: list) -> list[str]:
    return [item.text for item in items if isinstance(item, SourceDocument)]


# --- markup budget ------------------------------------------------------------------------------


QUOTED_END = 'a{}=">"'


@pytest.mark.parametrize("element", [
    f"<div {_attributes(5000)}>",
    f"<div {_attributes(5000, 'a{}')}>",  # attributes without values
    # a '>' or '<' inside a quoted value does not end the tag: the attributes after it count
    f"<div {_attributes(2000, QUOTED_END)}>",
    f"<div title='<p>' {_attributes(2000, 'b{}=c')}>",
    # a comment ends at '--!>' in HTML5: what follows is markup again
    f"<!-- a note --!><div {_attributes(2000)}>",
])
def test_an_html_page_with_an_element_of_too_many_attributes_is_one_problem(tmp_path, element):
    bad = tmp_path / "news" / "a_wide.html"
    bad.parent.mkdir()
    bad.write_text(PAGE.format(element))
    good = tmp_path / "news" / "b_good.html"
    good.write_text(PAGE.format(""))
    items = list(read_documents([str(tmp_path / "news")]))
    assert _problems(items) == [(str(bad), "HTML not parsed: an element with more than 1,000 "
                                 "attributes (the parser's time grows with the square of their "
                                 "number)")]
    assert _texts(items) == [STORY]  # the rest of the run goes on


def test_an_element_with_many_attributes_is_refused_in_linear_time(tmp_path):
    path = tmp_path / "huge.html"
    path.write_text(PAGE.format(f"<div {_attributes(400_000)}>"))  # 5 MB: lxml took minutes
    start = time.perf_counter()
    [problem] = list(read_file(path))
    assert isinstance(problem, InputProblem) and "more than 1,000 attributes" in problem.reason
    assert time.perf_counter() - start < 5


def test_a_page_with_too_many_elements_is_one_problem(tmp_path):
    path = tmp_path / "crowded.html"
    path.write_text(PAGE.format("<i></i>" * 60_000))
    assert _problems(list(read_file(path))) == [
        (str(path), "HTML not parsed: over 50,000 elements (a news page has a few thousand)")]


def test_the_budget_sees_through_comments_scripts_and_quotes():
    from detente.ingest.markup import html_budget

    fake = f"<div {_attributes(3000)}>"
    # inside a comment or a script, a tag is text: neither counted nor refused
    hidden = html_budget(f"<p>one</p><!-- {fake} --><script>var s = '{fake}';</script><br>")
    assert (hidden.problem, hidden.elements, hidden.blocks) == (None, 3, 2)
    # a '</script>' ends the script: what follows is counted again
    assert html_budget(f"<script>x</script>{fake}").problem
    # an unclosed quote runs to the end of the input without a tag after it
    assert html_budget('<a href="x>' + "<b>" * 5000).elements == 1


def test_a_page_of_many_paragraphs_is_extracted_without_the_quadratic_fallbacks(
        tmp_path, monkeypatch):
    calls = []
    extract = readers.trafilatura.bare_extraction

    def recorded(*args, **kwargs):
        calls.append(kwargs.get("fast"))
        return extract(*args, **kwargs)

    monkeypatch.setattr(readers.trafilatura, "bare_extraction", recorded)
    many = tmp_path / "list.html"
    many.write_text(PAGE.format("<ul>" + "<li>item" * 3000 + "</ul>"))  # justext: quadratic
    plain = tmp_path / "plain.html"
    plain.write_text(PAGE.format(""))
    texts = _texts(list(read_file(many))) + _texts(list(read_file(plain)))
    assert calls == [True, False]
    assert len(texts) == 2 and STORY in texts[0]


def _feed(item_attributes: str = "", description: str = STORY, items: int = 1) -> str:
    entries = "".join(f"<item {item_attributes if i == 0 else ''}><title>Crossing {i}</title>"
                      f"<description>{description}</description></item>"
                      for i in range(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Post</title>'
            f"{entries}</channel></rss>")


@pytest.mark.parametrize(("name", "content"), [
    ("wide.rss", _feed(_attributes(5000))),
    ("wide.atom", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>V'
                  '</title><entry><title>C</title><content type="xhtml"><div xmlns="http://www.'
                  f'w3.org/1999/xhtml"><p {_attributes(5000)}>{STORY}</p></div></content>'
                  "</entry></feed>"),
    # HTML in a CDATA section is markup to the parsers it goes to; an XML name may start '_'
    ("cdata.rss", _feed(description=f"<![CDATA[<p {_attributes(5000)}>{STORY}</p>]]>")),
    ("underscore.rss", _feed(description=STORY).replace("</item>",
                                                        f"<_x {_attributes(5000)}/></item>")),
])
def test_a_feed_with_an_element_of_too_many_attributes_is_one_problem(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content)
    assert _problems(list(read_file(path))) == [
        (str(path), "feed not parsed: an element with more than 1,000 attributes (the "
                    "parser's time grows with the square of their number)")]


def test_a_utf16_feed_is_scanned_too(tmp_path):
    path = tmp_path / "wide16.rss"
    path.write_bytes(_feed(_attributes(5000)).replace('"1.0"?>', '"1.0" encoding="utf-16"?>',
                                                      1).encode("utf-16"))
    [problem] = list(read_file(path))
    assert isinstance(problem, InputProblem) and "more than 1,000 attributes" in problem.reason


def test_an_entry_whose_html_shows_too_many_attributes_is_its_own_problem(tmp_path):
    # escaped twice: feedparser leaves the tags as text, the tag stripping would parse them
    twice = html.escape(html.escape(f"<div {_attributes(3000)}>x</div>"))
    path = tmp_path / "entries.rss"
    path.write_text(_feed(description=twice, items=1).replace(
        "</channel>", f"<item><title>Second</title><description>{STORY}</description></item>"
                      "</channel>"))
    items = list(read_file(path))
    assert _problems(items) == [(f"{path}:1", "HTML not parsed: an element with more than "
                                 "1,000 attributes (the parser's time grows with the square "
                                 "of their number)")]
    assert _texts(items) == [STORY]


# --- blank lines --------------------------------------------------------------------------------

RECORD = json.dumps({"text": STORY}).encode()


def test_twenty_megabytes_of_blank_lines_are_skipped_quickly_and_counted(tmp_path):
    path = tmp_path / "spaced.jsonl.gz"
    blanks = b"\n" * 10_000_000 + b"\r\n" * 4_000_000 + b"  \t\n" * 500_000  # 20 MB
    path.write_bytes(gzip.compress(blanks + RECORD + b"\n\n" + RECORD + b"\n", 1))
    start = time.perf_counter()
    items = list(read_file(path))
    took = time.perf_counter() - start
    assert [item.line for item in items if isinstance(item, SourceDocument)] == [
        14_500_001, 14_500_003]
    assert took < 5  # was 25 s, one blank line at a time


def test_split_lines_gives_a_run_of_blank_lines_as_one_item():
    from detente.ingest.rawio import (
        BlankLines,
        BlankRun,
        bounded_blank_runs,
        numbered_lines,
        split_lines,
    )

    data = b"one\n\n \r\n\t\nlong" + b" " * 30 + b"\n" + b" " * 30 + b"\ntwo"
    lines = list(split_lines(io.BytesIO(data), limit=25))
    # three blank lines of 5 bytes: a line end each, and the CR of a CR LF not counted (as
    # for a line yielded alone); a blank line over the limit is a line over the limit still
    assert lines == [b"one", BlankLines(3, 5), None, None, b"two"]
    # the run comes as one empty line numbered as its last: the next line keeps its number
    assert list(numbered_lines(iter(lines), 100)) == [
        (1, b"one"), (4, b""), (5, None), (6, None), (7, b"two")]
    with pytest.raises(BlankRun):
        list(bounded_blank_runs(iter([b"", BlankLines(10, 100)]), 100))


# --- parser processes ---------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; pid 1 may be slow to reap it


def _gone_within(pids: list[int], seconds: float) -> list[int]:
    """The processes still running after waiting up to ``seconds`` for them to end."""
    deadline = time.monotonic() + seconds
    while any(map(_running, pids)) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in pids if _running(pid)]
    for pid in left:  # a failed test leaves nothing behind
        os.kill(pid, signal.SIGKILL)
    return left


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("prctl", [True, False], ids=["prctl", "watching-thread"])
def test_a_forked_parser_process_dies_with_its_parent(prctl):
    script = textwrap.dedent(f"""
        import multiprocessing, time
        from detente.ingest import pipeline
        if not {prctl}:
            pipeline._prctl = lambda: None
        with pipeline.parsers_die_with_parent():
            worker = multiprocessing.get_context("fork").Process(target=time.sleep, args=(60,))
            worker.start()
        print(worker.pid, flush=True)
        time.sleep(60)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        worker = int(parent.stdout.readline())
        assert _running(worker)
    finally:
        parent.kill()
        parent.wait()
    assert _gone_within([worker], 5) == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_sigkill_of_a_two_process_ingest_ends_its_parsers_and_a_rerun_stores_all_once(
        tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    for i in range(80):
        (corpus / f"s{i:03d}.txt").write_text(
            f"Peru accused Chile of moving troops near the border post number {i}. Officials "
            f"in Lima said talks on case {i} would resume within a week.")
    db = tmp_path / "two.duckdb"
    command = [sys.executable, "-m", "detente.cli", "ingest", str(corpus), "--db", str(db),
               "--batch-size", "2", "--processes", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    for line in process.stderr:  # the first committed batch: the parsers are at work
        if "articles stored" in line:
            break
    workers = _children(process.pid)
    process.kill()
    process.wait()
    assert len(workers) == 2
    assert _gone_within(workers, 5) == []
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 80
        paths = [row["path"] for row in store.query("SELECT path FROM articles")]
        assert len(set(paths)) == 80
        ids = [row["event_id"] for row in store.query("SELECT event_id FROM events")]
        assert len(ids) == len(set(ids)) >= 80


# --- years written in full ----------------------------------------------------------------------


@pytest.mark.parametrize(("written", "read"), [
    ("1 Jan 0001", "0001-01-01"),
    ("Jan 1, 0050", "0050-01-01"),
    ("3 March 0099", "0099-03-03"),
    ("00010101", "0001-01-01"),
])
def test_a_year_written_in_four_digits_is_taken_as_written(written, read):
    assert read_date(written) == (read, None)


def test_the_year_zero_is_no_date_and_two_digit_years_keep_their_century():
    assert read_date("1 Jan 0000") == (None, "unreadable date")  # was 2000-01-01
    # two digits: still the century around today, as before
    assert read_date("1 Jan 01") == ("2001-01-01", None)
    assert read_date("5 March 99") == ("1999-03-05", None)


def test_a_zero_padded_year_in_a_record_in_the_text_and_in_the_run_date(tmp_path):
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps({"text": STORY, "date": "1 Jan 0001"}) + "\n")
    [record] = list(read_file(path))
    assert isinstance(record, SourceDocument) and record.date == "0001-01-01"
    assert date_in_text("Jan 2, 0012\n\n" + STORY) == "0012-01-02"
    [given] = list(read_documents([str(path)], date="1 Jan 0001"))
    assert isinstance(given, SourceDocument) and given.date == "0001-01-01"


def test_code_date_is_stored_as_written_and_flagged_out_of_range():
    result = CliRunner().invoke(main, ["code", "-", "--date", "1 Jan 0001", "--format", "jsonl"],
                                input="Egypt accused Libya of hosting militants.")
    assert result.exit_code == 0, result.output
    [event] = [json.loads(line) for line in result.stdout.splitlines()]
    assert event["date"] == "0001-01-01" and event["article_date"] == "0001-01-01"
    assert event["date_note"].startswith("article date outside")  # flagged, as any such year
