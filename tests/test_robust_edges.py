"""The seventh adversarial pass: bad input that still gave a traceback, lost rows without a
word, or cost without bound. Each fault is one line naming the file or the option, the rest
of the run goes on, and a bound holds. Shards, dictionaries and pages are written here from
invented sentences."""

from __future__ import annotations

import json
import socket
import warnings
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import ARTICLES_PER_UNIT, one_error

from detente.cli import main
from detente.datafiles import DictionaryError, read_packaged, read_user_dictionary
from detente.extension_check import KNOWN_SECTIONS, check_extension
from detente.ingest.readers import read_file
from detente.ingest.shards import shard_file
from detente.ingest.text import InputProblem
from detente.store import Store, StoredArticle

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SENTENCE = "Chile accused Peru of moving troops to the border on Tuesday."


def invoke(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def stored(db: Path) -> tuple[int, int]:
    with Store(db, read_only=True) as store:
        return store.count("articles"), store.count("events")


def rewrite(path: Path, column: str, value, kind: pa.DataType | None = None) -> None:
    table = pq.read_table(path)
    values = pa.array([value] * table.num_rows, kind)
    pq.write_table(table.set_column(table.column_names.index(column), column, values), path)


# ---- detente load: shards that lost rows without a word ----------------------------------------
def test_a_shard_file_that_is_a_folder_is_one_line_not_an_empty_table(shards, tmp_path):
    # Arrow read the folder as a dataset of no rows: the unit's events vanished, exit code 0
    folder, ids = shards
    events = shard_file(folder, ids[0], "events")
    events.unlink()
    events.mkdir()
    result = invoke("load", str(folder), "--db", str(tmp_path / "s.duckdb"))
    assert f"{ids[0]}.events.parquet: a directory, not a Parquet file" in one_error(result)
    assert result.exit_code == 1
    assert stored(tmp_path / "s.duckdb") == (2 * ARTICLES_PER_UNIT,) * 2


def test_events_without_an_id_refuse_their_article(shards, tmp_path):
    # the store keeps one row per event_id: null ids collapsed into one row, counted as many
    folder, ids = shards
    rewrite(shard_file(folder, ids[1], "events"), "event_id", None, pa.string())
    result = invoke("load", str(folder), "--db", str(tmp_path / "s.duckdb"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.count("1 event(s) without an event_id") == ARTICLES_PER_UNIT
    articles, events = stored(tmp_path / "s.duckdb")
    assert articles == events == 2 * ARTICLES_PER_UNIT
    assert f"{events} events" in result.output  # the summary counts what is stored


def test_rows_of_no_article_in_the_shard_are_one_line(shards, tmp_path):
    folder, ids = shards
    rewrite(shard_file(folder, ids[2], "events"), "article_id", "nobody")
    result = invoke("load", str(folder), "--db", str(tmp_path / "s.duckdb"))
    line = one_error(result)
    assert f"{ids[2]}.events.parquet: {ARTICLES_PER_UNIT} row(s) of no article" in line
    assert "'nobody'" in line and result.exit_code == 1
    assert "the shard is skipped" in line


@pytest.mark.parametrize("table", ["articles", "sentences", "events"])
def test_article_ids_that_are_no_text_refuse_the_shard(shards, tmp_path, table):
    # a list cannot be a key: grouping the rows by article ended in a TypeError traceback
    folder, ids = shards
    path = shard_file(folder, ids[0], table)
    data = pq.read_table(path)
    listed = pa.array([[key] for key in data.column("article_id").to_pylist()])
    pq.write_table(data.set_column(data.column_names.index("article_id"), "article_id",
                                   listed), path)
    result = invoke("load", str(folder), "--db", str(tmp_path / "s.duckdb"))
    assert f"{ids[0]}.{table}.parquet: its article_id column holds list" in one_error(result)
    assert stored(tmp_path / "s.duckdb") == (2 * ARTICLES_PER_UNIT,) * 2


@pytest.mark.parametrize(("column", "value", "kind", "says", "lines"), [
    ("signature", b"ab", pa.binary(), "a signature of 2 bytes, not 1024", ARTICLES_PER_UNIT),
    # a column of lists is refused with its shard, before it is decoded (test_shard_budget)
    ("text", ["a list"], None, "its text column holds list<element: string>, not single "
     "values", 1),
])
def test_an_article_the_store_would_misread_is_refused(shards, tmp_path, column, value, kind,
                                                       says, lines):
    # a short signature made every such article a "repeat" of the others (equal LSH bands);
    # a list was stored as its repr
    folder, ids = shards
    rewrite(shard_file(folder, ids[0], "articles"), column, value, kind)
    result = invoke("load", str(folder), "--db", str(tmp_path / "s.duckdb"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.count(says) == lines
    assert stored(tmp_path / "s.duckdb") == (2 * ARTICLES_PER_UNIT,) * 2


# ---- --dictionary: YAML the lexicons could not read -------------------------------------------
BAD_YAML = {
    "names: 7": ("groups:\n  - {names: 7, country: ATL}\n", "'names' must be a list of words"),
    "a name list of numbers": ("countries:\n  - {code: ATL, names: [5]}\n", "item 1 is int 5"),
    "sector as a list": ("agents:\n  - {words: [coastguard], sector: [COP]}\n",
                         "'sector' must be a sector code"),
    "title as a number": ("titles:\n  - {title: 5}\n", "'title' must be text"),
    "target_preps: 5": ("nouns:\n  - {lemma: rebuke, code: '111', target_preps: 5}\n",
                        "'target_preps' must be a list of words"),
    "demonyms: 5": ("countries:\n  - {code: ATL, names: [Atlantis], demonyms: 5}\n",
                    "'demonyms' must be a list of words"),
    "a section as a mapping": ("verbs: {snub: '111'}\n", "section 'verbs' must be a list"),
    "an entry as a word": ("verbs:\n  - snub\n", "must be a mapping"),
    "no code": ("igos:\n  - {names: [Sea League]}\n", "needs 'code'"),
    "unknown code": ("verbs:\n  - {lemma: snub, code: '999'}\n", "unknown CAMEO code '999'"),
    "a misspelt section": ("country:\n  - {code: ATL, names: [Atlantis]}\n",
                           "unknown section(s) 'country'"),
    "a term without a role": ("people:\n  - {name: Ada Quill, terms: [{office: envoy}]}\n",
                              "needs a 'role'"),
    "a term's bad date": ("people:\n  - {name: Ada Quill, terms: [{role: envoy, to: '2004-13-01'}"
                          "]}\n", "'to' that is no YYYY-MM-DD date"),
}


@pytest.mark.parametrize("case", sorted(BAD_YAML))
def test_a_malformed_dictionary_is_one_line_naming_the_file(tmp_path, case):
    text, says = BAD_YAML[case]
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    result = invoke("code", "-", "--dictionary", str(path), stdin=SENTENCE)
    line = one_error(result)
    assert result.exit_code == 2
    assert line.startswith(f"error: {path}: ") and says in line, line


def test_the_check_takes_every_form_the_packaged_tables_use(tmp_path):
    for name in ("actors.yaml", "agents.yaml", "verbs.yaml", "people.yaml"):
        table = read_packaged(name)
        check_extension({k: v for k, v in table.items() if k in KNOWN_SECTIONS}, name)
    good = tmp_path / "good.yaml"
    good.write_text(
        "countries:\n  - {code: ATL, names: [Atlantis], seats: [Blue Hall, "
        "{name: Coral House, sector: GOV}]}\n"
        "people:\n  - {name: Ada Quill, terms: [{role: envoy, from: 2004-01-01, to: "
        "'2005-02-03'}]}\n"
        "object_classes:\n  pacts: [pact, accord]\n"
        "verbs:\n  - {lemma: snub, code: 111, object: '@pacts', symmetric: true}\n"
        "light_verbs: [stage]\nnouns:\n", encoding="utf-8")
    assert read_user_dictionary(good)["verbs"][0]["lemma"] == "snub"


@pytest.mark.parametrize(("name", "data", "says"), [
    ("mine.yaml", "verbs: []\n".encode("utf-16"), "UTF-16 text, not UTF-8"),
    ("mine.yaml", "verbs: [caf\xe9]\n".encode("latin-1"), "not UTF-8 text (invalid byte at"),
    ("mine.verbs.txt", b"--- ACCUSE [112] ---\n\x00\x01\x02\xff", "binary content (a NUL byte"),
])
def test_a_dictionary_in_another_encoding_says_so(tmp_path, name, data, says):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DictionaryError) as caught:
        read_user_dictionary(path)
    assert str(caught.value).startswith(f"{path}: ") and says in str(caught.value)


def test_control_bytes_of_a_petrarch_line_are_shown_not_sent(tmp_path):
    path = tmp_path / "mine.verbs.txt"
    path.write_text("--- ACCUSE [112] ---\n\x1b[31mred\n", encoding="utf-8")
    result = invoke("code", "-", "--format", "jsonl", "--dictionary", str(path), stdin=SENTENCE)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stderr and "\\x1b[31mred" in result.stderr


# ---- the command line ---------------------------------------------------------------------------
@pytest.mark.parametrize("out", ["", ".", "/"])
def test_an_output_that_names_a_folder_is_one_line(tmp_path, out):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    result = invoke("graph", "--db", str(db), "--out", out)
    assert "a folder, not a file name" in one_error(result) and result.exit_code == 2


@pytest.mark.parametrize(("address", "says"), [
    ("scheduler", "missing port number"), ("foo://scheduler:1", "unknown address scheme"),
    ("tcp://scheduler:99999", "port 99999 is outside 1-65535")])
def test_a_cluster_address_that_names_no_scheduler_is_one_line(tmp_path, address, says):
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    result = invoke("ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.duckdb"),
                    "--cluster", address)
    line = one_error(result)
    assert line.startswith(f"error: --cluster {address}: not a Dask scheduler address")
    assert says in line and result.exit_code == 2
    assert not (tmp_path / "s.duckdb").exists()  # refused before the store is made


@pytest.mark.parametrize("command", ["blocs", "graph"])
def test_max_blocs_is_bounded_as_in_the_api(tmp_path, command):
    # each k up to the bound is a search over every state: 200 took 35 s, 4 took 2.5 s
    result = invoke(command, "--db", str(tmp_path / "s.duckdb"), "--max-blocs", "200")
    assert result.exit_code == 2 and "200 is more than 8, the most blocs" in result.output


def test_a_dyad_of_one_state_is_refused_as_in_the_api(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    result = invoke("relations", "--db", str(db), "--dyad", "chl-CHL")
    assert "a dyad needs two different states (got CHL twice)" in one_error(result)


def test_serve_on_a_port_in_use_is_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = invoke("serve", "--db", str(tmp_path / "s.duckdb"), "--port", str(port))
    line = one_error(result)
    assert line.startswith(f"error: cannot listen on 127.0.0.1:{port} (")
    assert "choose another --port" in line and result.exit_code == 2
    result = invoke("serve", "--db", str(tmp_path / "s.duckdb"), "--host", "no-such-host.invalid")
    assert "no such address" in one_error(result)


@pytest.mark.parametrize("command", [
    ["ingest", "", "--db", "{db}"], ["code", ""], ["import", "gdelt", "", "--db", "{db}"],
    ["import", "icews", "", "--db", "{db}"], ["load", "", "--db", "{db}"],
    ["export", "", "--db", "{db}", "--format", "csv"]])
def test_an_empty_path_is_no_folder(tmp_path, monkeypatch, command):
    # Path('') is the current folder: `detente ingest "$DIR"` with DIR unset read all of it
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text(SENTENCE, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    Store(db).close()
    result = invoke(*[part.format(db=db) for part in command])
    assert "error: '': an empty path names no file or folder" in one_error(result)
    assert result.exit_code == 2
    assert stored(db) == (0, 0) and not (tmp_path / "events.csv").exists()


# ---- readers ---------------------------------------------------------------------------
@pytest.mark.parametrize(("charset", "encoding"), [
    ("windows-1252", "cp1252"), ("iso-8859-1", "latin-1"), ("koi8-r", "koi8-r")])
def test_html_in_the_encoding_its_meta_tag_declares_is_read(tmp_path, charset, encoding):
    page = tmp_path / "page.html"
    words = {"koi8-r": "Москва"}.get(encoding, "café")
    page.write_bytes(
        (f'<html><head><meta charset="{charset}"><title>Report</title></head><body><article>'
         f"<p>{SENTENCE} The envoy left the {words} early.</p></article></body></html>"
         ).encode(encoding))
    [document] = read_file(page)
    assert not isinstance(document, InputProblem), document
    assert SENTENCE in document.text and words in document.text


def test_html_that_declares_no_other_encoding_is_still_refused(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(f'<meta charset="utf-8"><p>{SENTENCE} Caf\xe9.</p>'.encode("latin-1"))
    [problem] = read_file(page)
    assert isinstance(problem, InputProblem) and problem.reason.startswith("not UTF-8 text")


# ---- the API ---------------------------------------------------------------------------
@pytest.fixture()
def writable(tmp_path, coder):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.add_articles([StoredArticle(
            {"article_id": "a1", "doc_id": "a1", "text": SENTENCE, "language": "en"},
            [(0, 0, len(SENTENCE), SENTENCE)])])
    from detente.web import create_app

    return db, TestClient(create_app(str(db), allow_writes=True, coder=coder))


def test_a_text_with_a_nul_is_refused_as_ingest_refuses_it(writable):
    db, client = writable
    answer = client.post("/api/code", json={"text": "Chile\x00 accused Peru.", "store": True})
    assert answer.status_code == 422
    assert "binary content (a NUL character at offset 5)" in json.dumps(answer.json())
    late = ("Chile accused Peru. " * 500 + "\x00").encode()  # past the first 8 kB
    answer = client.post("/api/code/file", data={"store": "true"},
                         files={"file": ("late.txt", late, "text/plain")})
    assert answer.status_code == 422
    assert "late.txt: binary content (a NUL byte at offset 10000)" in answer.text
    assert stored(db)[0] == 1  # nothing was stored
