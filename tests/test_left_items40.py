"""Items session 39 left (docs/history/robustness.md), each reproduced with invented inputs
first: control characters in an article's text, a binary upload to the API, a shard's bad
event named by its events file, re-ingestion into a store written before control characters
were cleaned, an unclosed <script> or <style>; and more bad input found while hunting for
faults of the same kind."""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner

from detente.cleantext import parse_ready, text_without_controls
from detente.cli import main
from detente.ingest import readers
from detente.ingest.readers import read_file

# separators a reader splits a line at, and characters that are binary data (an escape a
# terminal obeys, a bell, DEL, a C1 control)
SEPARATING = ["\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"]
BINARY = ["\x01", "\x07", "\x1b", "\x7f", "\x9b"]
TWO = "Chile accused Peru of shelling a border post.{}Peru denied the charge on Friday."


# ---- 1. control characters in an article's text --------------------------------------------
@pytest.mark.parametrize("control", SEPARATING + BINARY)
def test_a_control_character_between_sentences_keeps_them_two(coder, control):
    # an escape or a bell glued the sentences into one for the parser ("raid.\x1bIran" one
    # token), and inside a sentence made an unknown word of the subject: read as a space
    events = coder.code_text(TWO.format(control), date="2024-03-04")
    assert [(e.sentence_index, e.source.code, e.target.code) for e in events] == [
        (0, "CHL", "PER"), (1, "PER", "CHL")]
    assert events[0].source.start == 0 and events[0].trigger.text == "accused"
    [event] = coder.code_text(f"Chile{control}accused Peru of shelling a border post.",
                              date="2024-03-04")
    assert (event.source.code, event.target.code, event.trigger.start) == ("CHL", "PER", 6)


def test_a_texts_control_characters_are_spaces_one_for_one():
    text = "a\x00b\x1bc\u2028d\te\nf\rg\x85h\x9bi"
    assert text_without_controls(text) == "a b c d\te\nf\rg h i"
    assert parse_ready("a\ud800\x1b") == "a\ufffd " and text_without_controls("plain") == "plain"


@pytest.mark.parametrize("control", ["\x1b", "\u2028", "\x0c"])
def test_an_ingested_text_is_stored_without_control_characters(tmp_path, control):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"text": TWO.format(control), "id": "w1"}) + "\n",
                    encoding="utf-8")
    [document] = read_file(path)
    assert document.text == TWO.format(" ")
    db = str(tmp_path / "s.duckdb")
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", db])
    assert result.exit_code == 0, result.output
    with duckdb.connect(db, read_only=True) as con:
        [(text,)] = con.execute("SELECT text FROM articles").fetchall()
        sentences = con.execute("SELECT sentence_index FROM sentences").fetchall()
    assert text == TWO.format(" ") and len(sentences) == 2


# ---- 4. re-ingesting into a store written before the cleaning --------------------------------
def _former_reader(monkeypatch) -> None:
    """Read as detente read before sessions 39 and 40: controls kept in outlet and text."""
    monkeypatch.setattr(readers, "text_without_controls", lambda text: text)
    monkeypatch.setattr(readers, "without_controls", lambda text: text)


@pytest.mark.parametrize("where", ["text", "source"])
@pytest.mark.parametrize("rerun", ["serial", "cluster"])
def test_reingesting_into_a_store_written_before_the_cleaning_stores_nothing_twice(
        tmp_path, monkeypatch, request, where, rerun):
    # (the merge of a cluster run's shards looked for the new id alone until session 41, and
    # stored the article a second time)
    record = {"text": TWO.format(" "), "id": "w1", "source": "Wire One"}
    record[where] = record[where].replace(" ", "\x1b", 1)
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    with monkeypatch.context() as patched:
        _former_reader(patched)
        first = CliRunner().invoke(main, ["ingest", str(path), "--db", db])
    assert first.exit_code == 0, first.output
    on_cluster = [] if rerun == "serial" else [
        "--cluster", request.getfixturevalue("threads").scheduler_address,
        "--out", str(tmp_path / "shards")]
    again = CliRunner().invoke(main, ["ingest", str(path), "--db", db, *on_cluster])
    assert again.exit_code == 0, again.output
    with duckdb.connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (1,)


# ---- 2. an upload that is no text file -------------------------------------------------------
@pytest.fixture()
def web(tmp_path, coder):
    from fastapi.testclient import TestClient

    from detente.store import Store
    from detente.web.app import create_app

    with Store(tmp_path / "web.duckdb"):
        pass
    return TestClient(create_app(str(tmp_path / "web.duckdb"), coder=coder))


SENTENCE = b"Chile accused Peru of shelling a border post."
NOT_TEXT = [(b"%PDF-1.4\n1 0 obj << >> endobj\nBT (" + SENTENCE + b") Tj ET\n%%EOF\n",
             "a PDF document"),
            (b"PK\x03\x04" + SENTENCE, "a zip archive"),
            (b"GIF89a " + SENTENCE, "a GIF image"),
            (b"{\\rtf1\\ansi " + SENTENCE + b"}", "an RTF document")]


@pytest.mark.parametrize(("content", "kind"), NOT_TEXT)
def test_an_upload_that_is_no_text_file_says_what_it_is(web, content, kind):
    # each decodes as UTF-8, and was coded as an article (the PDF's sentence an event)
    answer = web.post("/api/code/file", files={"file": ("report.pdf", content)})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["msg"] == f"report.pdf: {kind}, not text"


@pytest.mark.parametrize(("content", "kind"), NOT_TEXT[:2])
def test_a_named_file_that_is_no_text_file_says_what_it_is(tmp_path, content, kind):
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["code", str(path)])
    assert result.exit_code == 2
    assert f"{path}: {kind}, not text" in result.output


# ---- 3. a shard's bad record named by its own file and row -----------------------------------
def _spoiled_shard(tmp_path, spoil) -> tuple:
    from conftest import coded

    from detente.ingest.shards import write_shard
    from detente.ingest.units import WorkUnit

    articles = [coded(0, number) for number in range(3)]
    spoil(articles)
    unit = WorkUnit("news/u0.txt")
    write_shard(tmp_path / "shards", unit, articles, 3, [])
    return tmp_path / "shards", unit.unit_id


def _goldstein_nan(articles) -> None:
    for article in articles:
        article.events[0]["goldstein"] = 1.0
    articles[1].events[0]["goldstein"] = float("nan")


def _nul_in_sentence(articles) -> None:
    index, start, end, _ = articles[2].sentences[0]
    articles[2].sentences[0] = (index, start, end, "Peru\x00 met Chile.")


def _event_of_another(articles) -> None:
    articles[2].events[0]["event_id"] = articles[0].events[0]["event_id"]


@pytest.mark.parametrize(("spoil", "table", "row", "key", "reason"), [
    (_goldstein_nan, "events", 1, "u0a1",
     "has event 'u0a1e0' with Goldstein weight nan, not a number of -10..10"),
    (_nul_in_sentence, "sentences", 2, "u0a2",
     "has a NUL character in its sentences' text (binary data, not text)"),
    (_event_of_another, "events", 2, "u0a2", "has event id 'u0a0e0' of article u0a0")])
def test_a_shards_bad_record_is_named_by_its_file_and_row(tmp_path, spoil, table, row, key,
                                                          reason):
    # the line gave the articles file and the article's row: the value was in another file
    from test_shard_fixes import load
    from test_shard_fixes import stored as counts

    from detente.ingest.shards import shard_file
    folder, unit_id = _spoiled_shard(tmp_path, spoil)
    result = load(folder, tmp_path / "s.duckdb")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (f"{shard_file(folder, unit_id, table)}: row {row}: article {key} {reason}; "
            "it is skipped") in result.output, result.output
    assert counts(tmp_path / "s.duckdb") == (2, 2)


# ---- 5. an unclosed <script> or <style> ---------------------------------------------------
ARTICLE_PARAGRAPHS = ("<p>Chile accused Peru of shelling a border post on Monday, the ministry "
                      "said.</p><p>Peru denied the charge and called for talks in Lima on "
                      "Friday.</p>")


@pytest.mark.parametrize("opened", ["<script>if (count < 2) { count++; }",
                                    "<style>p { color: red }", "<SCRIPT type='module'>"])
def test_an_unclosed_script_is_closed_when_nothing_else_survives(tmp_path, opened):
    # a browser reads the rest of the page as the script and shows none of it: the page had
    # "no article text found in the HTML", the article lost
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>Border talks</title>{opened}</head><body>"
                    f"{ARTICLE_PARAGRAPHS}</body></html>", encoding="utf-8")
    [document] = read_file(path)
    assert document.text.startswith("Chile accused Peru") and "count" not in document.text
    assert document.title == "Border talks"
    name = opened[1:].split(">")[0].split()[0].lower()
    assert document.notes == (f"<{name}> never closed (a browser shows nothing after it): "
                              "closed where the next tag begins, to read the article",)


def test_an_unclosed_script_after_the_article_is_left_as_a_browser_reads_it(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(f"<html><body>{ARTICLE_PARAGRAPHS}<script>var late = 1;<p>Bolivia offered "
                    "to host the talks in La Paz.</p></body></html>", encoding="utf-8")
    [document] = read_file(path)
    assert "Bolivia" not in document.text and document.notes == ()


# ---- found: a YAML dictionary's name that no text holds -------------------------------------
@pytest.mark.parametrize(("names", "said"), [
    ('["Atlantis", "Posei\\x1bdonia"]',
     "item 2 holds a control character (U+001B) in 'Posei\\x1bdonia', which no text holds"),
    ('["Atl\\u2028antis"]',
     "item 1 holds a control character (U+2028) in 'Atl\\u2028antis', which no text holds"),
    ('["Atlantis", "  "]', "item 2 is blank ('  ')")])
def test_a_yaml_name_no_text_holds_is_one_line(tmp_path, names, said):
    # taken in silently (a PETRARCH line holding one is a malformed line since session 39);
    # an article's control characters are read as spaces, so such a name matches nothing
    path = tmp_path / "mine.yaml"
    path.write_text(f"countries:\n  - {{code: ATL, names: {names}}}\n", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("Chile accused Peru of shelling a border post.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(story), "--dictionary", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"'names' must be a list of words; {said}" in result.output, result.output


def test_a_posted_article_stored_before_the_cleaning_is_found_under_its_former_id(
        tmp_path, monkeypatch, coder):
    from fastapi.testclient import TestClient

    from detente.web.app import create_app

    db = str(tmp_path / "web.duckdb")
    client = TestClient(create_app(db, allow_writes=True, coder=coder))
    body = {"text": TWO.format("\x1b"), "doc_id": "w1", "store": True}
    with monkeypatch.context() as patched:
        _former_reader(patched)
        first = client.post("/api/code", json=body)
    assert first.status_code == 200, first.text
    again = client.post("/api/code", json=body)
    assert again.status_code == 200, again.text
    assert again.json()["stored"]["article_id"] == first.json()["stored"]["article_id"]
    assert again.json()["stored"]["new"] is False
