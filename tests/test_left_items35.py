"""Items session 34 left open (docs/history/robustness.md), each reproduced with invented
inputs first: text nested deeper than libxml2 reads, a store path with a control character in
the last line, a file a local Dask cluster's workers may not read, SIGTERM while the command
line is still importing, the memory trafilatura took for a large JSON-LD article body, and a
local cluster that gave up on a worker slow to come back (two cluster tests flaky under load)."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import trafilatura
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from test_robust_edges9 import without_file_permission_overrides

from detente.cli import main
from detente.ingest.markup import flat_html
from detente.ingest.readers import SourceDocument, read_file
from detente.store import Store

PARAGRAPHS = [
    "Chile accused Peru of shelling a border post on Monday, the ministry said.",
    "Peru denied the charge and called for talks with Chile in Lima on Friday.",
    "Bolivia offered to mediate between the two governments, its envoy said.",
]
SRC = str(Path(__file__).resolve().parents[1] / "src")
HEAD = ('<head><title>Border talks</title><meta property="article:published_time" '
        'content="2024-03-05T10:00:00Z"></head>')


def nested_page(depth: int, element: str = "div") -> str:
    """A page whose article sits ``depth`` elements deep, with a paragraph after it too."""
    article = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS[:2])
    return (f"<!DOCTYPE html><html>{HEAD}<body><nav><a href='/'>Home</a></nav>"
            + f"<{element} class='wrap'>" * depth + article + f"</{element}>" * depth
            + f"<p>{PARAGRAPHS[2]}</p></body></html>")


# ---- 1. text nested deeper than libxml2 reads ------------------------------------------------
@pytest.mark.parametrize(("depth", "element"), [(300, "div"), (1_100, "span"), (5_000, "div")])
def test_a_page_nested_deeper_than_the_parser_reads_gives_its_text(tmp_path, depth, element):
    # libxml2 stops at 256 open elements: what was nested deeper, and all after it, was not in
    # the tree, and the page was "no article text found in the HTML"
    page = tmp_path / "deep.html"
    page.write_text(nested_page(depth, element), encoding="utf-8")
    started = time.perf_counter()
    [document] = read_file(page)
    assert time.perf_counter() - started < 10
    assert isinstance(document, SourceDocument), document
    for paragraph in PARAGRAPHS:
        assert paragraph in document.text
    assert "Home" not in document.text.split(PARAGRAPHS[0])[1]  # read in the page's order
    assert (document.title, document.date) == ("Border talks", "2024-03-05")


@pytest.mark.parametrize("depth", [20, 200])
def test_a_page_the_parser_reads_whole_is_read_as_trafilatura_reads_it(tmp_path, depth):
    # flattening is for pages nested past the limit alone: any other page's text is what
    # trafilatura makes of the page as written
    page = tmp_path / "page.html"
    markup = nested_page(depth)
    page.write_text(markup, encoding="utf-8")
    [document] = read_file(page)
    own = trafilatura.bare_extraction(markup, with_metadata=True)
    assert isinstance(document, SourceDocument), document
    assert document.text == own.text and PARAGRAPHS[0] in own.text


@pytest.mark.parametrize("escaped", [False, True])
def test_a_feed_item_nested_deeper_than_the_parser_reads_gives_its_text(tmp_path, escaped):
    # a feed item's HTML is read by trafilatura, then by lxml's fragment parser: both stopped
    # at the limit, and the item was "record has no 'text'" (an item whose HTML is escaped
    # twice shows its tags only once unescaped, and was lost the same way)
    deep = "<div>" * 400 + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>" * 400
    feed = tmp_path / "wire.json"
    feed.write_text(json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "Harbour Wire",
        "items": [{"id": "d1", "content_html": html.escape(deep) if escaped else deep,
                   "date_published": "2024-03-05T10:00:00Z"}]}), encoding="utf-8")
    [document] = read_file(feed)
    assert isinstance(document, SourceDocument), document
    for paragraph in PARAGRAPHS:
        assert paragraph in document.text


def test_a_flattened_page_is_linear_in_its_markup():
    markup = nested_page(40_000, "span")
    started = time.perf_counter()
    flat = flat_html(markup)
    assert time.perf_counter() - started < 5
    assert len(flat) < len(markup)
    assert "<span" not in flat
    # each paragraph one of its own, the link's text (the page's "Home") one too
    assert [f"<p>{paragraph}</p>" in flat for paragraph in PARAGRAPHS] == [True] * 3
    assert flat.count("<p>") == 4


# ---- 2. a store path with a control character, in the last line -------------------------------
ODD_NAME = "news\nstore\x1b[31m"  # a newline, and the escape code that turns a terminal red


def test_the_last_line_of_an_ingest_names_the_store_escaped(tmp_path):
    # "... 2 events -> <db>" printed the path as it is: the line was cut in two, and the
    # escape code reached the terminal
    news = tmp_path / "a.txt"
    news.write_text("Chile accused Peru of shelling a border post on Monday.", encoding="utf-8")
    db = tmp_path / f"{ODD_NAME}.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(news), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    last = result.output.splitlines()[-1]
    # (the name in Python's quoted form since session 36: a backslash and an n in a name are
    # told from a line end)
    assert last.endswith(f" events -> {str(db)!r}"), last
    assert last.endswith("/news\\nstore\\x1b[31m.duckdb'"), last


def test_the_wrote_and_error_lines_name_their_paths_escaped(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    out = tmp_path / ODD_NAME
    wrote = CliRunner().invoke(main, ["export", str(out), "--format", "csv", "--db", str(db)])
    assert wrote.exit_code == 0, wrote.output
    assert "wrote " in wrote.output and "\x1b" not in wrote.output
    assert all(line.startswith(("wrote ", "note: ")) for line in wrote.output.splitlines()), (
        wrote.output)
    missing = CliRunner().invoke(main, ["load", str(out / "nothing"), "--db", str(db)])
    assert missing.exit_code == 2 and "\x1b" not in missing.output
    assert len(missing.output.splitlines()) == 1, missing.output


# ---- 3. a file a local Dask cluster's workers may not read ----------------------------------
def test_a_file_the_user_may_not_read_is_said_so_on_a_cluster_and_keeps_no_shards(tmp_path):
    # `ingest news/ --workers 1` with a file the user may not read: "not coded on the cluster
    # (this worker may not read ... (permission denied))", tried three times, and the shards
    # of the other files kept "for the same command", which failed the same way each time;
    # a local ingest says "cannot read (Permission denied)" and keeps nothing
    news = tmp_path / "news"
    news.mkdir()
    for number, (a, b) in enumerate([("Peru", "Chile"), ("Kenya", "Uganda"), ("Japan", "Fiji")]):
        (news / f"n{number}.txt").write_text(
            f"2006-02-1{number}\n\n{a} accused {b} of shelling a border post.", encoding="utf-8")
    locked = news / "n1.txt"
    locked.chmod(0)
    db = tmp_path / "s.duckdb"

    def ingest(*options: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*without_file_permission_overrides(), sys.executable, "-m", "detente.cli",
             "ingest", str(news), "--db", str(db), *options],
            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": SRC,
                                                 "COLUMNS": "300"}, timeout=600)

    try:
        first, again = ingest("--workers", "1"), ingest("--workers", "1")
        local = ingest()
    finally:
        locked.chmod(0o644)
    said = f"error: {locked}: cannot read (Permission denied)"
    for result in (first, again, local):
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr and "not coded" not in result.stderr
        assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
            said], result.stderr
    assert "2 stored, 0 already stored, 0 repeated stories, 1 failed" in first.stderr
    assert "0 stored, 2 already stored, 0 repeated stories, 1 failed" in again.stderr
    assert "resuming" not in again.stderr and "shards are kept" not in again.stderr
    assert not Path(f"{db}.shards").exists()


# ---- 6. a local cluster's worker that dies, and comes back slowly ---------------------------
# A worker plugin that ends its worker process on the article "wire 2.", and Dask's time for a
# lost worker to come back made as short as a busy machine makes it in effect (the worker's
# process starts again and loads the coder: seconds, and over the 15 s Dask waits when two
# test runs share two cores).
POISONED_LOCAL_CLUSTER = """
import dask
from distributed import WorkerPlugin
import detente.ingest.cluster as cluster

dask.config.set({"distributed.deploy.lost-worker-timeout": "0.2s"})

class Poison(WorkerPlugin):
    name = "poison"

    def setup(self, worker):
        import os
        import detente.ingest.cluster as cluster

        original = cluster.code_documents

        def dying(coder, documents, *args, **kwargs):
            documents = list(documents)
            if any("wire 2." in document.text for _, document in documents):
                os._exit(3)
            return original(coder, documents, *args, **kwargs)

        cluster.code_documents = dying

prepare = cluster.prepare

def poisoned(client, settings):
    prepare(client, settings)
    client.register_plugin(Poison())

cluster.prepare = poisoned
"""


def test_a_local_worker_that_dies_and_is_slow_to_come_back_is_not_given_up(tmp_path):
    # Dask's LocalCluster closes for good a worker that has not come back 15 s after it died
    # (distributed.deploy.lost-worker-timeout): a worker that died on an article, and took
    # longer to start again and load the coder, was closed in the middle of its restart. Its
    # units then failed as if it had died once more ("not coded on the cluster (the worker
    # coding it died each time ...)", the innocent unit beside it too) or, with no worker left,
    # the run waited for ever
    wire = tmp_path / "wire.jsonl"
    wire.write_text("".join(json.dumps({"id": f"w{i}", "date": "2006-03-01", "text": (
        f"{state} praised Chile for the ceasefire in wire {i}.")}) + "\n"
        for i, state in enumerate(["Peru", "Kenya", "Japan", "Egypt", "Sudan"])),
        encoding="utf-8")
    script = "\n".join([POISONED_LOCAL_CLUSTER, "from detente import cli", "import sys",
                        f"sys.argv = ['detente', 'ingest', {str(wire)!r}, '--workers', '1', "
                        f"'--db', {str(tmp_path / 's.duckdb')!r}]", "cli.run()"])
    try:
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                env={**os.environ, "PYTHONPATH": SRC}, timeout=300)
    except subprocess.TimeoutExpired:
        pytest.fail("the run waited for a worker that was closed (5 minutes)")
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {wire}:3: its worker died each of the 2 times it was coded (out "
                      "of memory, or a crash in the parser); it is skipped"], result.stderr
    assert "4 stored, 0 already stored, 0 repeated stories, 1 failed" in result.stderr


# ---- 4. SIGTERM while the command line is still starting --------------------------------------
# SIGTERM sent to the command itself as it imports rich (half-way through `detente.cli`'s
# imports), or once it is imported and click reads the arguments, before the command runs
WHILE_IMPORTING = """
import importlib.abc
class Stop(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "rich.console":
            sigterm()
        return None
sys.meta_path.insert(0, Stop())
"""
WHILE_READING_ARGUMENTS = """
import click
make_context = click.Group.make_context
def reading(*args, **kwargs):
    sigterm()
    return make_context(*args, **kwargs)
click.Group.make_context = reading
"""


@pytest.mark.parametrize("patch", [WHILE_IMPORTING, WHILE_READING_ARGUMENTS])
def test_sigterm_before_the_command_runs_is_one_line_and_exit_143(tmp_path, patch):
    # the handler that turns SIGTERM into the command's line is set when the command runs:
    # before, in the half second of imports, the signal's default ended it (exit 143 as -15
    # to Python, no line at all)
    script = "\n".join([
        "import os, signal, sys",
        "def sigterm():",
        "    os.kill(os.getpid(), signal.SIGTERM)",
        patch,
        "from detente import cli",
        f"sys.argv = ['detente', 'events', '--db', {str(tmp_path / 's.duckdb')!r}]",
        "cli.run()",
    ])
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": SRC}, timeout=300)
    assert (result.returncode, result.stderr) == (
        143, "interrupted (SIGTERM): no store or output file was changed\n")
    assert not (tmp_path / "s.duckdb").exists()


def test_importing_the_command_line_leaves_sigterm_as_it_was():
    # a program that imports detente.cli (a test, a Dask worker started from the `detente`
    # script) keeps the default: only the command says the line
    result = subprocess.run(
        [sys.executable, "-c", "import signal, detente.cli; "
         "print(signal.getsignal(signal.SIGTERM) is signal.SIG_DFL)"],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": SRC}, timeout=300)
    assert result.stdout == "True\n", result.stderr


# ---- 5. a large JSON-LD article body ----------------------------------------------------------
# A page whose JSON-LD carries its article's body (as news sites' do), 2 MB of it, read in a
# process of its own: how much its memory grew, per byte of the body.
JSON_LD_PAGE = """
import json, resource, sys
from pathlib import Path
from detente.ingest.readers import read_file

body_bytes = 2_000_000
sentence = "Chile accused Peru of shelling a border post, the ministry said on Monday. "
body = (sentence * (body_bytes // len(sentence) + 1))[:body_bytes]
block = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                    "headline": "Border talks", "datePublished": "2024-03-05",
                    "articleBody": body})
page = Path(sys.argv[1])
page.write_text(f'<html><head><title>Border talks</title><script type="application/ld+json">'
                f'{block}</script></head><body><article><p>{sentence * 3}</p>'
                f'<p>{sentence * 2}</p></article></body></html>', encoding="utf-8")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
[document] = read_file(page)
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
print(json.dumps({"per_byte": grown / body_bytes, "date": document.date,
                  "text": document.text[:80]}))
"""


def test_a_large_json_ld_article_body_costs_memory_in_proportion(tmp_path):
    # trafilatura minifies each JSON-LD block for the page's metadata with a pattern whose
    # repeated group keeps a backtracking state for every character of a string: 130 bytes of
    # memory for each byte of the body (a 4.9 MB page: 640 MB, over half a local Dask worker's)
    result = subprocess.run([sys.executable, "-c", JSON_LD_PAGE, str(tmp_path / "p.html")],
                            capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": SRC}, timeout=300)
    assert result.returncode == 0, result.stderr
    read = json.loads(result.stdout)
    assert read["per_byte"] < 40, read
    # the metadata is still read from it, and the text from the page's own paragraphs
    assert read["date"] == "2024-03-05"
    assert read["text"].startswith("Chile accused Peru of shelling a border post")


TRAFILATURA_MINIFY = r'("(?:\\.|[^"\\])*")|\s'  # trafilatura 2.3.1's metadata.JSON_MINIFY


def test_the_json_ld_minifier_is_bounded_and_minifies_as_trafilaturas():
    import re

    import trafilatura.metadata

    assert trafilatura.metadata.JSON_MINIFY.pattern != TRAFILATURA_MINIFY  # replaced
    original = re.compile(TRAFILATURA_MINIFY)

    @settings(max_examples=3_000, deadline=None)
    @given(st.text(alphabet='"\\ \n\ta\u00e9{}:,', max_size=40))
    def same(text: str) -> None:
        assert trafilatura.metadata.JSON_MINIFY.sub(r"\1", text) == original.sub(r"\1", text)

    same()
