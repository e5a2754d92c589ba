"""The eleventh adversarial pass (session 31): a store shared by processes, the web API's odd
bodies, dates given on the command line, and empty option values. Each fault is one line
naming what is wrong, or is read as meant; nothing stored is lost. Inputs are made here from
invented sentences."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from conftest import one_error

import detente.store as store_module
from detente.cli import main
from detente.ingest import pipeline
from detente.ingest.pipeline import Ingest, IngestOptions
from detente.store import Store, StoreError
from detente.web.context import WebContext

SENTENCE = "Peru and Chile signed a fisheries accord on Monday."


def opened_by_another_process(path: Path) -> str:
    """What a second process gets when it opens the store for writing: "opened" or DuckDB's
    error."""
    script = ("import duckdb, sys\n"
              "try:\n"
              "    duckdb.connect(sys.argv[1]).close()\n"
              "    print('opened')\n"
              "except duckdb.Error as exc:\n"
              "    print(exc)\n")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                          text=True, timeout=60)
    return done.stdout.strip()


# ---- a store this process holds stays locked against other processes -------------------------

def test_the_dashboard_keeps_its_lock_on_the_store_between_requests(tmp_path):
    """Each request opens a Store, whose check of the file's first bytes opened and closed the
    file: POSIX drops every lock a process holds on a file when it closes any descriptor of it,
    so while the dashboard's warm connection held the store an ingest could open it too (two
    writers, and a checkpoint of one overwrites what the other has committed)."""
    path = tmp_path / "events.duckdb"
    Store(path).close()
    for allow_writes in (False, True):
        context = WebContext(path, allow_writes)
        try:
            with context.store():
                pass  # the warm connection now holds the file
            with context.store():
                pass  # a second request while it does
            assert "lock" in opened_by_another_process(path)
        finally:
            context.shutdown()
    assert opened_by_another_process(path) == "opened"  # and it is let go when done


def test_a_second_store_in_one_process_keeps_the_lock(tmp_path):
    path = tmp_path / "events.duckdb"
    with Store(path):
        Store(path).close()
        assert "lock" in opened_by_another_process(path)


@pytest.fixture()
def taken_when_reopened(monkeypatch) -> None:
    """The store as another process takes it while a run has let go of it to open it again
    (after a checkpoint, every CHECKPOINT_EVERY articles: here every one): every opening
    after the first finds it locked."""
    monkeypatch.setattr(pipeline, "CHECKPOINT_EVERY", 1)
    monkeypatch.setattr(store_module, "_REOPEN_WAITS", (0.0,))
    opened = store_module.connect
    taken: list[Path] = []

    def taken_after_the_first(path, read_only, memory_limit=None):
        if taken:
            raise duckdb.IOException(f'IO Error: Could not set lock on file "{path}": '
                                     "Conflicting lock is held in python (PID 1)")
        taken.append(path)
        return opened(path, read_only, memory_limit)

    monkeypatch.setattr(store_module, "connect", taken_after_the_first)


def test_an_ingest_that_loses_the_store_to_another_process_says_so(tmp_path, coder,
                                                                   taken_when_reopened):
    """A dashboard that took the store while an ingest reopened it, and kept it, made the
    reopening fail; recording the run on the closed connection then hid why: "cannot record
    the run (Connection Error: Connection already closed!)". The reopening's words come out."""
    feed = tmp_path / "wires.jsonl"
    feed.write_text("\n".join(json.dumps({"id": f"s{i}", "text": f"{SENTENCE} Case {i}."})
                              for i in range(3)))
    store = Store(tmp_path / "events.duckdb")
    with pytest.raises(StoreError) as raised:
        Ingest(store, coder, IngestOptions(batch_size=1)).run([str(feed)])
    store.close()
    assert "in use by another process" in str(raised.value)
    assert "run the same command again" in str(raised.value)


def test_a_load_that_loses_the_store_to_another_process_says_so(tmp_path, shards,
                                                                taken_when_reopened):
    folder, _ = shards
    result = CliRunner().invoke(main, ["load", str(folder), "--db", str(tmp_path / "e.duckdb")])
    assert "in use by another process" in one_error(result)
    assert "already closed" not in result.output


# ---- the API's answers to odd bodies ------------------------------------------------------------

@pytest.mark.parametrize("body", [
    '{"text": NaN}',
    '{"text": "Peru accused Chile.", "date": Infinity}',
    '{"text": "Peru accused Chile.", "date": 1e400}',
    '{"text": "Peru accused Chile.", "store": -Infinity}',
    '{"text": "Peru accused Chile.", "doc_id": NaN}',
    '{"text": "Peru accused Chile.", "extra": NaN}',
])
def test_a_body_with_nan_or_infinity_is_a_422_naming_the_field(body):
    """Python's JSON reader takes NaN, Infinity and numbers past a float's range (1e400) as
    floats; the 422 that echoes such a value could not be written as JSON, and the reply was
    a 500 with a traceback in the server's log."""
    from fastapi.testclient import TestClient

    from detente.web import create_app

    client = TestClient(create_app(None), raise_server_exceptions=False)
    reply = client.post("/api/code", content=body, headers={"content-type": "application/json"})
    assert reply.status_code == 422, reply.text
    field = json.loads(body.replace("NaN", "0").replace("-Infinity", "0")
                       .replace("Infinity", "0"))
    problems = reply.json()["detail"]
    assert problems and all(problem["loc"][0] == "body" for problem in problems)
    assert {problem["loc"][-1] for problem in problems} <= set(field)


# ---- ingest --date dates what carries no date of its own ---------------------------------------

def dated_corpus(folder: Path) -> list[str]:
    folder.mkdir()
    (folder / "wires.jsonl").write_text("\n".join(json.dumps(record) for record in [
        {"id": "own", "text": SENTENCE, "date": "2019-05-02"},
        {"id": "dateline", "text": "March 4, 2020\n\nBolivia praised Argentina for the "
                                   "new trade pact."},
        {"id": "none", "text": "Ecuador praised Uruguay for the river treaty."},
        {"id": "unread", "text": "Norway criticized Sweden over the quota.", "date": "soon"},
    ]))
    (folder / "filed.txt").write_text("2018-07-09\n\nPoland praised Hungary for the rail deal.")
    return [str(folder)]


def test_ingest_date_dates_only_what_carries_no_date(tmp_path, coder):
    """`ingest --date` is "for inputs that carry none" (its help); it had replaced every
    record's and every dateline's own date, without a word."""
    options = IngestOptions(date="2021-01-01")
    with Store(tmp_path / "events.duckdb") as store:
        summary = Ingest(store, coder, options).run(dated_corpus(tmp_path / "news"))
        dates = dict(store.con.execute("SELECT doc_id, CAST(date AS VARCHAR) "
                                       "FROM articles").fetchall())
    assert dates == {"own": "2019-05-02", "dateline": "2020-03-04", "none": "2021-01-01",
                     "unread": "2021-01-01", "filed": "2018-07-09"}
    assert any("unreadable date 'soon': dated by --date instead" in note
               for note in summary.notes)


def test_code_date_still_dates_every_input(tmp_path):
    folder = tmp_path / "news"
    dated_corpus(folder)
    result = CliRunner().invoke(main, ["code", str(folder / "wires.jsonl"),
                                       str(folder / "filed.txt"), "--date", "2021-01-01",
                                       "--format", "jsonl"])
    dates = {json.loads(line)["doc_id"]: json.loads(line)["article_date"]
             for line in result.output.splitlines() if line.startswith("{")}
    assert set(dates) >= {"own", "filed"} and set(dates.values()) == {"2021-01-01"}


# ---- an option given with nothing in it selects nothing ----------------------------------------

LISTS = [["events", "--quad"], ["events", "--root"], ["events", "--plover"],
         ["events", "--modality"], ["export", "{out}", "--format", "csv", "--quad"],
         ["relations", "--modality"], ["graph", "--out", "{out}.html", "--modality"],
         ["blocs", "--modality"]]
WORDS = [["transfers", "--category"], ["people", "--name"]]


@pytest.mark.parametrize(("command", "value"), [
    *((command, value) for command in LISTS for value in ("", ",", " , ")),
    *((command, value) for command in WORDS for value in ("", "  ")),
])
def test_an_option_that_names_nothing_is_a_usage_error(tmp_path, command, value):
    """`--quad "$QUADS"` with the variable empty selected every event (for --modality in the
    relation commands, the default ones; every transfer, everyone), without a word, where
    `--actor ''` is refused."""
    db = tmp_path / "events.duckdb"
    Store(db).close()
    args = [part.format(out=tmp_path / "out") for part in command]
    result = CliRunner().invoke(main, [*args, value, "--db", str(db)])
    assert result.exit_code == 2
    assert f"{command[-1]}: " in one_error(result) and "names nothing" in one_error(result)


def test_the_dashboard_names_a_folder_or_a_pipe_given_as_its_store(tmp_path):
    """`serve --db news/` (a folder) answered every request "no database yet: news does not
    exist (run `detente ingest` first)", as for a file not made yet; ingest then refused the
    folder."""
    import os

    from fastapi.testclient import TestClient

    from detente.web import create_app

    folder = tmp_path / "news"
    folder.mkdir()
    pipe = tmp_path / "events.duckdb"
    os.mkfifo(pipe)
    for path, words in [(folder, "a directory, not a database file"),
                        (pipe, "not a regular file")]:
        client = TestClient(create_app(str(path)))
        reply = client.get("/api/events")
        assert reply.status_code == 503 and words in reply.json()["detail"]
        for page in ("/events", "/relations", "/articles/a1"):
            shown = client.get(page).text
            assert words in shown and "does not exist" not in shown


# ---- a JSON record's NaN and Infinity are no text ---------------------------------------------

def test_a_record_id_or_source_of_nan_or_infinity_is_noted_not_stored(tmp_path):
    """Python's JSON reader takes NaN, Infinity and 1e400 as numbers, and they were written out
    as the record's id ("nan"), title, url or outlet ("inf": one outlet for every such record,
    which decides what is a repeated story)."""
    from detente.ingest.readers import SourceDocument, read_file

    wire = tmp_path / "wire.jsonl"
    wire.write_text('{"id": NaN, "text": "Peru accused Chile.", "source": Infinity}\n'
                    '{"id": 17, "text": "Chile accused Peru.", "title": -1e400, "url": 2.5}\n')
    first, second = read_file(wire)
    assert isinstance(first, SourceDocument) and isinstance(second, SourceDocument)
    assert (first.doc_id, first.source) == ("wire:1", None)
    assert (second.doc_id, second.title, second.url) == ("17", None, "2.5")
    assert any("'id' is NaN or an infinite number" in note for note in first.notes)
    assert any("'source' is NaN or an infinite number" in note for note in first.notes)
    assert any("'title' is NaN or an infinite number" in note for note in second.notes)


def test_a_jsonl_file_whose_first_line_ends_in_a_lone_cr_and_later_ones_in_lf_says_so(tmp_path):
    """Session 23 named a lone CR in a file of LF line ends; the other way round (an old Mac
    file with records added on Linux) two records ran into one line, and the problem said
    only "malformed JSON (Extra data: column 1)"."""
    from detente.ingest.readers import read_file
    from detente.ingest.text import InputProblem

    path = tmp_path / "joined.jsonl"
    path.write_bytes(b'{"text": "Peru accused Chile."}\r{"text": "Chile accused Peru."}\n'
                     b'{"text": "Bolivia praised Peru."}\r')
    problems = [str(item) for item in read_file(path) if isinstance(item, InputProblem)]
    assert len(problems) == 1 and problems[0].startswith(f"{path}:2: malformed JSON")
    assert "the line holds a LF" in problems[0] and "lone CR" in problems[0]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("name", ["story.txt", "wires.jsonl", "wires.json"])
def test_wide_text_without_a_byte_order_mark_is_named(tmp_path, encoding, name):
    """UTF-16 or UTF-32 without a byte-order mark (.NET's Encoding.Unicode, some exports) was
    "binary file, not text", as if the file were damaged."""
    from detente.ingest.readers import read_file
    from detente.ingest.text import InputProblem

    text = (json.dumps({"text": "Peru accused Chile of breaking the fisheries accord."})
            if name.startswith("wires") else "Peru accused Chile of breaking the accord.")
    path = tmp_path / name
    path.write_bytes((text + "\n").encode(encoding))
    [problem] = list(read_file(path))
    assert isinstance(problem, InputProblem)
    named = encoding.upper().replace("-LE", "LE").replace("-BE", "BE")  # UTF-16LE
    assert f"{named} text without a byte-order mark" in str(problem)
