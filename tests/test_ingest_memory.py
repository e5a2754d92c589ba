"""What a long ingest holds does not grow with it: the store keeps no key indexes (each batch
is checked against the stored article ids instead), the near-duplicate index lives in the
store, the writer's own state is bounded, and spaCy parses in memory zones. Ingestion stays
idempotent throughout."""

from __future__ import annotations

import hashlib
import json
import os
import random
import string
import subprocess
import sys

import duckdb
import pytest
from datasketch import MinHashLSH
from spacy.strings import get_string_id

import detente.coder
from detente import allocator
from detente.coder import Article
from detente.ingest import dedup, pipeline
from detente.ingest.pipeline import CodedArticle, Ingest, IngestOptions, IngestSummary, StoreWriter
from detente.model import EVENT_COLUMNS
from detente.nlp import IndexedAttributeRuler
from detente.store import BANDING_KEY, SCHEMA_VERSION, UNIQUE, Store, StoredArticle, quoted


def words(seed: int, count: int = 60) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 9)))
            for _ in range(count)]


def story(seed: int) -> str:
    """A text of its own: no trigram in common with another seed's."""
    return " ".join(words(seed)) + "."


def copy_of(text: str) -> str:
    """The same story as republished: one word changed (Jaccard of trigrams about 0.9)."""
    first, rest = text.split(" ", 1)
    return f"{first}x {rest}"


def coded(text: str, source: str, cameos: tuple[str, ...] = ("042", "111")) -> CodedArticle:
    key = hashlib.sha256(f"{source}\n{text}".encode()).hexdigest()[:24]
    events = []
    for number, cameo in enumerate(cameos):
        row = dict.fromkeys(EVENT_COLUMNS)
        row.update(event_id=f"{key}-{number}", article_id=key, origin="detente",
                   source_country="PER", target_country="CHL", cameo=cameo,
                   sentence_index=0, trigger_start=number)
        events.append(row)
    return CodedArticle(key=key, row={"article_id": key, "doc_id": key, "source": source,
                                      "text": text, "language": "en"},
                        sentences=[(0, 0, len(text), text)], events=events,
                        signature=dedup.to_bytes(dedup.signature(text)))


def write(store: Store, items: list[CodedArticle], batch_size: int = 3) -> StoreWriter:
    writer = StoreWriter(store, store.start_run("test", [], {}), IngestSummary(), batch_size)
    for _, item in writer.unseen((item.key, item) for item in items):
        writer.add(item, None)
    writer.flush()
    return writer


def duplicate_keys(store: Store) -> dict[str, int]:
    """Per table, the rows beyond the first of each key (all zero when nothing is twice)."""
    counts = {}
    for table, key in UNIQUE.items():
        columns = ", ".join(f'"{c}"' for c in key)
        counts[table] = store.con.execute(
            f"SELECT count(*) - count(DISTINCT ({columns})) FROM {table}").fetchone()[0]
    return counts


NO_DUPLICATES = dict.fromkeys(UNIQUE, 0)


def test_no_table_an_ingest_fills_keeps_a_key_index(tmp_path):
    with Store(tmp_path / "e.duckdb") as store:
        keyed = {row[0] for row in store.con.execute(
            "SELECT DISTINCT table_name FROM duckdb_constraints() "
            "WHERE constraint_type IN ('PRIMARY KEY', 'UNIQUE')").fetchall()}
    assert keyed == {"meta", "runs"}  # one row a run: nothing that grows with the corpus


def test_the_store_writes_each_row_once(tmp_path):
    item = coded(story(1), "Wire")
    events = item.events + [dict(item.events[0])]  # the same event twice in one article
    article = StoredArticle(item.row, item.sentences, events, item.signature,
                            people=[{"article_id": item.key, "name": "Ana Ruiz"}] * 2,
                            bands=dedup.bands(item.signature))
    with Store(tmp_path / "e.duckdb") as store:
        written = store.add_articles([article, article])
        assert written == [article]
        assert store.add_articles([article]) == []  # stored before: nothing written again
        store.add_events(item.events)  # known event ids are kept as they are
        assert duplicate_keys(store) == NO_DUPLICATES
        assert store.count("articles") == 1 and store.count("events") == 2
        assert store.count("people") == 1
        assert store.count("article_bands") == len(dedup.BAND_RANGES)


def test_the_same_file_twice_in_one_run_and_again_stores_nothing_twice(tmp_path, coder):
    records = [{"id": f"s{i}", "text": f"Peru accused Chile of spying on case {i} near the "
                f"border. Chile rejected the claim on case {i}.", "source": "Wire"}
               for i in range(5)]
    feed = tmp_path / "wires.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records + records[:2]))
    db = tmp_path / "e.duckdb"
    with Store(db) as store:
        first = Ingest(store, coder, IngestOptions(batch_size=2)).run([str(feed), str(feed)])
        second = Ingest(store, coder).run([str(feed)])
        assert (first.new, first.known) == (5, 9) and (second.new, second.known) == (0, 7)
        assert duplicate_keys(store) == NO_DUPLICATES
        assert store.count("articles") == 5 and store.count("events") == first.events


def test_bands_find_what_the_lsh_index_finds():
    texts = [story(seed) for seed in range(12)]
    texts += [copy_of(text) for text in texts[:6]]
    texts += [" ".join(words(3)[:45] + words(99)[:15]) + "."]  # a quarter rewritten
    signatures = [dedup.to_bytes(dedup.signature(text)) for text in texts]
    lsh = MinHashLSH(threshold=dedup.THRESHOLD, num_perm=dedup.NUM_PERM)
    for number, signature in enumerate(signatures):
        lsh.insert(str(number), dedup.from_bytes(signature))
    for number, signature in enumerate(signatures):
        by_lsh = set(lsh.query(dedup.from_bytes(signature))) - {str(number)}
        mine = set(map(str, range(len(texts)))) - {str(number)}
        bands = set(dedup.bands(signature))
        by_bands = {other for other in mine
                    if bands & set(dedup.bands(signatures[int(other)]))}
        assert by_bands == by_lsh
    assert set(dedup.bands(signatures[0])) & set(dedup.bands(signatures[12]))


def test_repeats_are_marked_alike_wherever_their_first_report_is(tmp_path, monkeypatch):
    # the first report in the same batch, among the writer's recent originals, or only in the
    # store (read back): the copy points at it, and each of its events at the same event there
    monkeypatch.setattr(pipeline, "RECENT_ORIGINALS", 2)
    monkeypatch.setattr(pipeline, "KNOWN_CHECK_CHUNK", 4)
    originals = [coded(story(seed), "Wire One") for seed in range(8)]
    copies = [coded(copy_of(story(seed)), "Paper Two", ("111", "042", "111"))
              for seed in range(8)]
    items = [originals[0], copies[0], *originals[1:], *reversed(copies[1:])]
    with Store(tmp_path / "e.duckdb") as store:
        writer = write(store, items)
        assert len(writer.recent) <= 2 and len(writer.seen) <= 4 + 3
        assert writer.summary.duplicates == 8 and writer.summary.new == 16
        marked = dict(store.con.execute(
            "SELECT doc_id, duplicate_of FROM articles").fetchall())
        events = {row[0]: row[1] for row in store.con.execute(
            "SELECT event_id, duplicate_of FROM events").fetchall()}
    for original, copy in zip(originals, copies, strict=True):
        assert marked[original.key] is None and marked[copy.key] == original.key
        assert [events[f"{copy.key}-{n}"] for n in range(3)] == [
            f"{original.key}-1", f"{original.key}-0", None]  # two 111s, one in the original


def test_an_older_store_gets_its_bands_from_its_signatures(tmp_path):
    # detente-store/4 kept its keys and the near-duplicate index in memory: opened by this
    # version, it is labelled /5, its bands are made once from the stored signatures, and a
    # copy of a story stored before is marked as one
    db = tmp_path / "old.duckdb"
    first = coded(story(5), "Wire One")
    with Store(db) as store:
        write(store, [first, coded(story(6), "Wire One")])
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE article_bands")
    con.execute("DELETE FROM meta WHERE key = ?", [BANDING_KEY])
    con.execute("ALTER TABLE articles ADD PRIMARY KEY (article_id)")
    con.execute("ALTER TABLE events ADD PRIMARY KEY (event_id)")
    con.execute("UPDATE meta SET value = 'detente-store/4' WHERE key = 'schema'")
    con.close()
    copy = coded(copy_of(story(5)), "Paper Two")
    with Store(db) as store:
        write(store, [copy, coded(story(7), "Paper Two")])
        assert store.query("SELECT value FROM meta WHERE key = 'schema'")[0]["value"] == (
            SCHEMA_VERSION)
        assert store.count("article_bands") == 3 * len(dedup.BAND_RANGES)
        marked = dict(store.con.execute("SELECT doc_id, duplicate_of FROM articles").fetchall())
        assert marked[copy.key] == first.key
        write(store, [copy, first])  # and again: known, nothing written
        assert store.count("articles") == 4 and duplicate_keys(store) == NO_DUPLICATES


def test_a_checkpoint_keeps_the_rows_and_the_memory_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("DETENTE_DB_MEMORY", "300MB")
    monkeypatch.setattr(pipeline, "CHECKPOINT_EVERY", 2)
    db = tmp_path / "e.duckdb"
    with Store(db) as store:
        limit = store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        write(store, [coded(story(seed), "Wire") for seed in range(5)], batch_size=1)
        assert store.con.execute(
            "SELECT current_setting('memory_limit')").fetchone()[0] == limit
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 5 and store.count("events") == 10


def test_a_long_stream_leaves_no_new_words_in_the_vocabulary(coder, monkeypatch):
    monkeypatch.setattr(detente.coder, "WARM_ARTICLES", coder.parsed)  # zones from here on
    monkeypatch.setattr(detente.coder, "ZONE_ARTICLES", 3)
    names = [name.capitalize() for name in words(17, 14)]
    texts = [f"Peru accused Chile of arming {names[2 * i]} and {names[2 * i + 1]} rebels."
             for i in range(7)]
    strings = coder.nlp.vocab.strings
    before = len(strings)
    rulers = {name: _index_size(pipe) for name, pipe in coder.nlp.pipeline
              if isinstance(pipe, IndexedAttributeRuler)}
    streamed = list(coder.code_stream(Article(f"d{i}", text) for i, text in enumerate(texts)))
    assert len(strings) == before and not any(name in strings for name in names)
    # nor in the caches kept beside spaCy's: the lemmatizer's (by word) and the rulers' indexes
    lemmatized = {orth for orth, *_ in coder.nlp.get_pipe("lemmatizer").cache}
    assert not lemmatized & {get_string_id(name) for name in names}
    assert rulers and rulers == {name: _index_size(pipe) for name, pipe in coder.nlp.pipeline
                                 if isinstance(pipe, IndexedAttributeRuler)}
    assert [[e.to_dict() for e in c.events] for c in streamed] == [
        [e.to_dict() for e in coder.code_text(text, f"d{i}")] for i, text in enumerate(texts)]
    assert all(c.events for c in streamed)


def _index_size(ruler: IndexedAttributeRuler) -> int:
    """Entries of a ruler's pattern index: fixed by its patterns, whatever it has matched."""
    index = ruler._current_index()
    assert index is not None
    return sum(map(len, index.anchored.values())) + len(index.searched) + len(index.unanchored)


@pytest.mark.parametrize("warm", [0, 2])
def test_a_stream_is_coded_whole_across_zones(coder, monkeypatch, warm):
    monkeypatch.setattr(detente.coder, "WARM_ARTICLES", coder.parsed + warm)
    monkeypatch.setattr(detente.coder, "ZONE_ARTICLES", 2)
    texts = [f"Peru praised Chile for case {i}." for i in range(7)]
    streamed = list(coder.code_stream(Article(f"d{i}", text) for i, text in enumerate(texts)))
    assert [c.article.doc_id for c in streamed] == [f"d{i}" for i in range(7)]
    assert all(c.events and not c.error for c in streamed)


def _contents(store: Store) -> dict[str, list[tuple]]:
    """Every table an ingest fills, sorted, less what differs from run to run."""
    varying = {"run_id", "ingested_at"}
    tables = {}
    for table in [*UNIQUE, "article_bands"]:
        names = [row[0] for row in store.con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
            "ORDER BY column_index", [table]).fetchall() if row[0] not in varying]
        rows = store.con.execute(
            f"SELECT {', '.join(map(quoted, names))} FROM {table}").fetchall()
        tables[table] = sorted(rows, key=repr)
    return tables


def test_reopening_the_store_changes_nothing_it_holds(tmp_path, monkeypatch):
    # a checkpoint every 2 articles, each followed by a reopened connection: the same rows,
    # each once, and the same repeats marked, as a store never reopened
    monkeypatch.setattr(pipeline, "CHECKPOINT_EVERY", 2)
    monkeypatch.setattr(pipeline, "RECENT_ORIGINALS", 1)  # repeats read back after reopening
    originals = [coded(story(seed), "Wire One") for seed in range(6)]
    copies = [coded(copy_of(story(seed)), "Paper Two", ("111", "042")) for seed in range(6)]
    items = [*originals, *copies, originals[0], copies[1]]
    reopened = []
    reopen = Store.reopen

    def counted(store: Store) -> None:
        before = store.con
        reopen(store)
        reopened.append(store.con is not before)

    with monkeypatch.context() as patched:
        patched.setattr(Store, "reopen", counted)
        with Store(tmp_path / "reopened.duckdb") as store:
            write(store, items, batch_size=1)
            with_reopening = _contents(store)
            assert duplicate_keys(store) == NO_DUPLICATES
    assert reopened == [True] * 6
    with monkeypatch.context() as patched:
        patched.setattr(Store, "reopen", lambda store: None)
        with Store(tmp_path / "kept.duckdb") as store:
            write(store, items, batch_size=1)
            assert _contents(store) == with_reopening
    assert len(with_reopening["articles"]) == 12 and len(with_reopening["events"]) == 24
    marked = {row[0]: row[-1] for row in with_reopening["articles"]}  # article_id: duplicate_of
    assert all(marked[copy.key] == original.key
               for original, copy in zip(originals, copies, strict=True))


def test_an_ingest_stopped_after_a_reopen_finishes_each_article_once(tmp_path, coder,
                                                                      monkeypatch):
    monkeypatch.setattr(pipeline, "CHECKPOINT_EVERY", 2)
    feed = tmp_path / "wires.jsonl"
    feed.write_text("\n".join(json.dumps(
        {"id": f"s{i}", "text": f"Peru accused Chile of spying on case {i} near the border. "
         f"Chile rejected the claim on case {i}.", "source": "Wire"}) for i in range(7)))

    def stop_after_five(summary: IngestSummary) -> None:
        if summary.new == 5:  # two checkpoints and reopenings behind it
            raise KeyboardInterrupt

    with Store(tmp_path / "stopped.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            Ingest(store, coder, IngestOptions(batch_size=1)).run(
                [str(feed)], on_progress=stop_after_five)
        assert store.count("articles") == 5
        rerun = Ingest(store, coder, IngestOptions(batch_size=1)).run([str(feed)])
        assert (rerun.new, rerun.known) == (2, 5)
        assert duplicate_keys(store) == NO_DUPLICATES
        resumed = _contents(store)
    with Store(tmp_path / "whole.duckdb") as store:
        monkeypatch.setattr(Store, "reopen", lambda store: None)
        Ingest(store, coder, IngestOptions(batch_size=1)).run([str(feed)])
        assert _contents(store) == resumed
    assert len(resumed["articles"]) == 7 and resumed["events"]


def test_a_reopening_waits_for_a_file_locked_a_moment(tmp_path, monkeypatch):
    import detente.store as store_module

    monkeypatch.setattr(store_module, "_REOPEN_WAITS", (0.0, 0.0, 0.0))
    opened = store_module.connect
    attempts = []

    def locked_twice(*args, **kwargs):
        attempts.append(args)
        if len(attempts) <= 2:
            raise duckdb.IOException('Could not set lock on file "e.duckdb": Conflicting lock')
        return opened(*args, **kwargs)

    with Store(tmp_path / "e.duckdb") as store:
        write(store, [coded(story(1), "Wire")])
        monkeypatch.setattr(store_module, "connect", locked_twice)
        store.reopen()
        assert len(attempts) == 3 and store.count("articles") == 1
        attempts.clear()
        monkeypatch.setattr(store_module, "_REOPEN_WAITS", (0.0,))
        with pytest.raises(store_module.StoreWriteError, match="in use by another process"):
            store.reopen()


ARENAS_AFTER_REOPENING = """
import ctypes, re, sys, tempfile
from pathlib import Path
import detente.store
from detente.store import Store
if sys.argv[1] == "unbounded":
    detente.store.bound_arenas = lambda: False
with tempfile.TemporaryDirectory() as folder:
    with Store(Path(folder) / "arenas.duckdb") as store:
        for number in range(12):
            store.con.execute("INSERT INTO meta VALUES (?, ?)", [f"k{number}", "v" * 1000])
            store.checkpoint()
            store.reopen()
    libc = ctypes.CDLL("libc.so.6")
    libc.fopen.restype = ctypes.c_void_p
    libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    path = str(Path(folder) / "malloc.xml").encode()
    out = libc.fopen(path, b"w")
    libc.malloc_info(0, out)
    libc.fclose(out)
    print(len(re.findall(r'<heap nr=', Path(path.decode()).read_text())))
"""


@pytest.mark.skipif(allocator._libc() is None, reason="glibc's malloc only")
def test_reopening_the_store_does_not_add_malloc_arenas():
    # each opening starts DuckDB's threads anew, and without a bound glibc gives them arenas
    # of their own, up to eight per core, whose free tops stay resident (issue 13's growth)
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}

    def arenas(mode: str) -> int:
        done = subprocess.run([sys.executable, "-c", ARENAS_AFTER_REOPENING, mode], env=env,
                              capture_output=True, text=True, check=True)
        return int(done.stdout.split()[-1])

    assert arenas("bounded") <= allocator.STORE_ARENAS
    assert arenas("unbounded") > allocator.STORE_ARENAS  # the bound is what keeps it so
