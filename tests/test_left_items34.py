"""Items session 33 left open (docs/history/robustness.md), each reproduced with invented
inputs first: SIGTERM (what a scheduler, systemd or Kubernetes sends) ending a command with no
word, the duplicate-name note of the user's own dictionaries against how the matcher reads
case, and the cluster planner reading another run's shard markers as input."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_cluster_edges import run_on, write_news
from test_robustness import gdelt_store

import detente.ingest.cluster as cluster_module
from detente.cli import main
from detente.coder import provenance_for
from detente.ingest.cluster import ClusterStopped, ingest_on_cluster
from detente.store import Store

SRC = str(Path(__file__).resolve().parents[1] / "src")
TERMINATED = 128 + signal.SIGTERM  # what a shell and a scheduler see: 143



# ---- 1. SIGTERM during a long command ---------------------------------------------------------
def run_terminated(patch: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`detente ARGS` in a child process whose ``patch`` (Python run first) sends it SIGTERM
    half-way through its work, as `kill`, systemd or Kubernetes would."""
    script = "\n".join([
        "import os, signal, sys, threading",
        "def sigterm():",
        "    os.kill(os.getpid(), signal.SIGTERM)",
        patch,
        "from detente import cli",
        f"sys.argv = ['detente', *{list(args)!r}]",
        "cli.run()",
    ])
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": SRC}, timeout=300)


# the jsonl writer, stopped after its second event
HALF_A_JSONL_EXPORT = """
import detente.export as export
rows = export._rows
def cut(*args, **kwargs):
    for number, row in enumerate(rows(*args, **kwargs)):
        if number == 2:
            sigterm()
        yield row
export._rows = cut
"""

# DuckDB writes csv and parquet: SIGTERM comes while its query runs (DuckDB then says "Query
# interrupted", as for a Ctrl-C)
HALF_A_CSV_EXPORT = """
import detente.export as export
def cut(store, part, fmt, selection):
    part.write_text("half of an export")
    threading.Timer(0.3, sigterm).start()
    store.con.execute("SELECT count(*) FROM range(20000000000)").fetchall()
export._copy = cut
"""


@pytest.mark.parametrize(("fmt", "patch", "name"), [
    ("jsonl", HALF_A_JSONL_EXPORT, "events.jsonl"),
    ("csv", HALF_A_CSV_EXPORT, "events.csv"),
])
def test_sigterm_during_an_export_is_one_line_exit_143_and_no_part(tmp_path, fmt, patch, name):
    # the export ended by the signal's default: exit 143 with no line at all, and its part
    # (events.jsonl.<pid>-0.part) left beside the output
    db = gdelt_store(tmp_path, events=5)
    out = tmp_path / "out"
    stopped = run_terminated(patch, "export", str(out), "--db", str(db), "--format", fmt)
    assert stopped.returncode == TERMINATED, stopped.stderr
    assert stopped.stderr == (f"interrupted (SIGTERM): {out / name} was not written (what was "
                              "written of it is removed)\n")
    assert list(out.iterdir()) == []
    again = subprocess.run([sys.executable, "-m", "detente.cli", "export", str(out), "--db",
                            str(db), "--format", fmt], capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": SRC}, timeout=300)
    assert again.returncode == 0, again.stderr
    assert [p.name for p in out.iterdir()] == [name]


HALF_A_GRAPH = """
import detente.dyads.plots as plots
def cut(network, path, title):
    path.write_text("<html>half of a page")
    sigterm()
plots.network_html = cut
"""


def test_sigterm_while_a_graph_is_written_leaves_no_part(tmp_path):
    db = gdelt_store(tmp_path, events=3)
    page = tmp_path / "g.html"
    stopped = run_terminated(HALF_A_GRAPH, "graph", "--db", str(db), "--out", str(page))
    assert stopped.returncode == TERMINATED, stopped.stderr
    assert stopped.stderr == (f"interrupted (SIGTERM): {page} was not written (what was "
                              "written of it is removed)\n")
    assert list(tmp_path.glob("g.html*")) == []


# the coder is built (spaCy's model loaded, some seconds) before an ingest starts its run
BEFORE_THE_CODER = """
import detente.coder as coder
def cut(self, *args, **kwargs):
    sigterm()
coder.Coder.__init__ = cut
"""


def test_sigterm_before_an_ingest_starts_says_what_stays(tmp_path):
    (tmp_path / "n.txt").write_text("Peru praised Chile for the accord.", encoding="utf-8")
    db = tmp_path / "i.duckdb"
    stopped = run_terminated(BEFORE_THE_CODER, "ingest", str(tmp_path / "n.txt"), "--db",
                             str(db))
    assert stopped.returncode == TERMINATED, stopped.stderr
    assert stopped.stderr == (f"interrupted (SIGTERM): what was stored in {db} before it "
                              "stays; the same command finishes the job\n")


# load, stopped as it reads its third shard (batches of two articles: six are stored by then)
THIRD_SHARD = """
import functools
import detente.ingest.shards as shards
read = shards.read_shard
seen = []
def cut(*args, **kwargs):
    seen.append(1)
    if len(seen) == 3:
        sigterm()
    return read(*args, **kwargs)
shards.read_shard = cut
shards.merge_shards = functools.partial(shards.merge_shards, batch_size=2)
"""


def test_sigterm_during_load_keeps_what_was_stored_and_the_rerun_finishes(tmp_path, shards):
    # load ended by the signal's default: exit 143, no line, and its run never finished
    folder, _ = shards
    db = tmp_path / "l.duckdb"
    stopped = run_terminated(THIRD_SHARD, "load", str(folder), "--db", str(db))
    assert stopped.returncode == TERMINATED, stopped.stderr
    said = ("SIGTERM, after 6 articles stored; the same command finishes the job")
    assert stopped.stderr.splitlines()[-1] == f"interrupted ({said})"
    assert "Traceback" not in stopped.stderr
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 6
        (run,) = store.query("SELECT finished_at, articles_new, problems FROM runs")
    assert run["finished_at"] is not None and run["articles_new"] == 6
    assert run["problems"].startswith(f'["interrupted: {said}"')
    again = CliRunner().invoke(main, ["load", str(folder), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert "3 articles stored, 6 already stored" in again.output
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 9


# an import told to stop (SIGTERM), then told again: "stop at once"
TWICE_DURING_AN_IMPORT = """
import detente.ingest.importing as importing
commit = importing.commit
calls = []
def cut(*args, **kwargs):
    calls.append(1)
    if len(calls) == 1:
        sigterm()
        sigterm()
    return commit(*args, **kwargs)
importing.commit = cut
"""


def test_a_second_sigterm_during_an_import_still_exits_143(tmp_path):
    # the second signal ("stop at once") ended the import with "error: interrupted at once"
    # and exit 2, and the run was recorded as stopped by Ctrl-C
    from test_gdelt import gdelt_line, write

    source = write(tmp_path / "e.CSV", [gdelt_line(58, GLOBALEVENTID=str(n))
                                        for n in range(1, 4)])
    db = tmp_path / "i.duckdb"
    stopped = run_terminated(TWICE_DURING_AN_IMPORT, "import", "gdelt", str(source), "--db",
                             str(db))
    assert stopped.returncode == TERMINATED, stopped.stderr
    assert stopped.stderr.splitlines()[-1] == ("interrupted (SIGTERM, at once; the same "
                                               "command finishes the job)")
    with Store(db, read_only=True) as store:
        (run,) = store.query("SELECT problems FROM runs")
    assert run["problems"].startswith('["interrupted: SIGTERM, at once, after 0 events')


def test_sigterm_during_a_cluster_run_names_it_and_keeps_the_shards(tmp_path, threads):
    # a cluster ingest took a SIGTERM for nothing of its own (the process ended at once, its
    # local Dask cluster with it); taking Ctrl-C's path, it must still say which signal it was
    from detente.stopping import sigterm_as_ctrl_c

    news = write_news(tmp_path / "news", files=4)
    run = run_on(tmp_path, threads)

    def sigterm_after_one(info, count, total):
        if count == 1:
            os.kill(os.getpid(), signal.SIGTERM)

    with sigterm_as_ctrl_c(), pytest.raises(ClusterStopped) as stopped:
        ingest_on_cluster(None, [str(news)], run, provenance_for(), on_unit=sigterm_after_one)
    assert stopped.value.signal == "SIGTERM"
    assert str(stopped.value).startswith("SIGTERM: 1 of 4 units coded, their shards kept in ")
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # as it was before


def test_a_cluster_run_stopped_by_sigterm_exits_143(tmp_path, monkeypatch):
    def stopped(*args, **kwargs):
        raise ClusterStopped("SIGTERM: 1 of 3 units coded, their shards kept in x and none "
                             "merged yet; the same command codes the rest", "SIGTERM")

    monkeypatch.setattr(cluster_module, "ingest_on_cluster", stopped)
    news = write_news(tmp_path / "news", files=1)
    result = CliRunner().invoke(main, ["ingest", str(news), "--out", str(tmp_path / "x"),
                                       "--workers", "1"])
    assert result.exit_code == TERMINATED, result.output
    assert "interrupted (SIGTERM: 1 of 3 units coded" in result.output


def test_sigterm_to_the_dashboard_shuts_it_down_and_exits_143(tmp_path):
    # uvicorn shuts down on SIGTERM, then sends it again to the process; that second one must
    # not be swallowed as uvicorn swallows Ctrl-C (exit 0), nor end it with no line
    import socket

    db = gdelt_store(tmp_path, events=1)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "detente.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": SRC})
    assert server.stdout.readline().startswith("detente dashboard: ")
    for _ in range(600):  # the banner comes before uvicorn listens
        with socket.socket() as client:
            if client.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    server.send_signal(signal.SIGTERM)
    assert server.wait(60) == TERMINATED
    assert server.stderr.read() == (f"interrupted (SIGTERM): the dashboard at 127.0.0.1:{port} "
                                    "was shut down\n")


# ---- 2. a name the user's dictionaries give in two spellings ----------------------------------
# The actor matcher reads case (spaCy's PhraseMatcher on ORTH): "Zorland" and "ZORLAND" are two
# names, each coded as its own entry says where the text writes it so. The reading copy recases
# a line in capitals (a headline), odd casing and a line in lower case from the dictionary's
# names, the first given of each name's spellings: there the two compete.
SPELLED_ONE_WAY = "countries:\n  - code: ZRL\n    names: [Zorland]\n"
SPELLED_ANOTHER = "groups:\n  - country: ESP\n    sector: REB\n    names: [ZORLAND]\n"


def dictionaries(tmp_path: Path, *texts: str) -> list[str]:
    paths = []
    for number, text in enumerate(texts, start=1):
        path = tmp_path / f"s{number}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def spelling_note(first: tuple[str, str, str, str], second: tuple[str, str, str, str]) -> str:
    """The note for a name in two spellings: (file, section, spelling, code) of each, the
    first given being the one a recased line reads."""
    ways = "; ".join(f"{path} {section} '{spelling}' ({code})"
                     for path, section, spelling, code in (first, second))
    return (f"your dictionaries give '{first[2]}' in 2 spellings: {ways}; the matcher reads "
            "case, so text that writes one gets its code, and a line whose casing is read "
            f"anew (a headline in capitals) gets the first, '{first[2]}' ({first[3]})")


def test_a_name_in_two_spellings_with_two_codes_is_noted_as_the_matcher_reads_it(tmp_path):
    # "Zorland" in one file and "ZORLAND" in another, coded two ways: no note, and a headline
    # in capitals took the first file's without a word
    from detente.actors.lexicon import load_actor_lexicon
    from detente.datafiles import read_user_dictionaries

    first, second = dictionaries(tmp_path, SPELLED_ONE_WAY, SPELLED_ANOTHER)
    for order, kept in (((first, second), ("countries", "Zorland", "ZRL")),
                        ((second, first), ("groups", "ZORLAND", "ESPREB"))):
        lexicon = load_actor_lexicon(read_user_dictionaries(list(order)), list(order))
        # both spellings stay, each with its own code: the matcher tells them apart
        assert lexicon.entries["Zorland"].code == "ZRL"
        assert lexicon.entries["ZORLAND"].code == "ESPREB"
        other = (("groups", "ZORLAND", "ESPREB") if kept[0] == "countries"
                 else ("countries", "Zorland", "ZRL"))
        assert lexicon.notes == [spelling_note((order[0], *kept), (order[1], *other))]


def test_spellings_given_one_meaning_are_no_note(tmp_path):
    from detente.actors.lexicon import load_actor_lexicon
    from detente.datafiles import read_user_dictionaries

    same_code = "countries:\n  - {code: ZRL, names: [ZORLAND]}\n"
    paths = dictionaries(tmp_path, SPELLED_ONE_WAY, same_code)
    assert load_actor_lexicon(read_user_dictionaries(paths), paths).notes == []
    # the same two spellings in both files, coded two ways: each spelling goes to the first
    # file (one note each, as before), so a recased line reads the first file's too: no more
    both_ways = "countries:\n  - {code: ZRL, names: [Zorland, ZORLAND]}\n"
    other_code = "groups:\n  - {country: ESP, sector: REB, names: [Zorland, ZORLAND]}\n"
    paths = dictionaries(tmp_path, both_ways, other_code)
    notes = load_actor_lexicon(read_user_dictionaries(paths), paths).notes
    assert [note.split(":")[0] for note in notes] == [
        "your dictionaries give 'Zorland' 2 times", "your dictionaries give 'ZORLAND' 2 times"]


def test_code_tells_the_spellings_apart_as_the_note_says(tmp_path):
    paths = dictionaries(tmp_path, SPELLED_ONE_WAY, SPELLED_ANOTHER)
    texts = {"as written": "Zorland accused Peru of moving troops to the border.",
             "in capitals": "ZORLAND accused Peru of moving troops to the border.",
             "a headline": "ZORLAND ACCUSES PERU OF MOVING TROOPS TO THE BORDER"}
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    for order, headline in (((0, 1), "ZRL"), ((1, 0), "ESPREB")):
        options = [arg for i in order for arg in ("--dictionary", paths[i])]
        codes = {}
        for name in texts:
            result = CliRunner().invoke(main, ["code", str(tmp_path / f"{name}.txt"),
                                               "--format", "jsonl", *options])
            assert result.exit_code == 0, result.output
            notes = [line for line in result.output.splitlines() if line.startswith("note:")]
            assert len(notes) == 1 and "in 2 spellings" in notes[0], result.output
            (event,) = [json.loads(line) for line in result.output.splitlines()
                        if line.startswith("{")]
            codes[name] = event["source"]["code"]
        assert codes == {"as written": "ZRL", "in capitals": "ESPREB", "a headline": headline}


# ---- 3. the cluster planner and another run's shard folder ----------------------------------
def test_the_cluster_planner_leaves_out_another_runs_shard_markers(tmp_path, threads):
    # `detente ingest news/ --workers 2 --out shards/` left out only shards/'s own markers: an
    # old shard folder of another --out inside news/ had each marker read as a JSON record
    # ("record has no 'text'", a unit and a failed record each), where a local ingest of
    # news/ leaves them out with one note for the folder
    from detente.ingest.cluster import ClusterRun, CoderSettings
    from detente.ingest.pipeline import IngestOptions
    from detente.ingest.shards import write_shard
    from detente.ingest.units import WorkUnit

    news = tmp_path / "news"
    news.mkdir()
    (news / "n.txt").write_text("2006-02-10\n\nPeru accused Chile of shelling a border post.",
                                encoding="utf-8")
    old = news / "old-shards"
    for name in ("a.txt", "b.txt", "c.txt"):
        write_shard(old, WorkUnit(str(news / name)), [], 1, [])
    # a news file that only has the marker's suffix is news
    (news / "wire.done.json").write_text('{"text": "Egypt accused Sudan of shelling a post."}',
                                         encoding="utf-8")
    run = ClusterRun(tmp_path / "shards", IngestOptions(), CoderSettings(),
                     address=threads.scheduler_address)
    problems: list[str] = []
    notes: list[str] = []
    summary = ingest_on_cluster(None, [str(news)], run, provenance_for(),
                                on_problem=problems.append, on_note=notes.append)
    assert problems == [] and summary.failed == 0
    assert [note for note in notes if "shard" in note] == [
        f"{old}: a shard folder of an earlier `ingest --out`: its markers are not news, left "
        f"out (`detente load {old}` merges it)"]
    assert len(run.finished) == 2  # n.txt and wire.done.json
    # a marker named on the command line is read as asked, as a local ingest reads it
    [named] = sorted(old.glob("*.done.json"))[:1]
    problems.clear()
    summary = ingest_on_cluster(None, [str(named)], run, provenance_for(),
                                on_problem=problems.append)
    assert summary.failed == 1 and "record has no 'text'" in problems[0]
