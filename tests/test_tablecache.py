"""The table cache: built tables kept between runs, keyed by the fingerprint of their inputs.

What matters is that a cache can never change a result: a stale entry is rebuilt, a broken or
unwritable cache falls back to building, and a cached table equals the freshly built one.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from detente import datafiles, tablecache
from detente.events import places


@pytest.fixture()
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(tablecache.CACHE_ENV, str(folder))
    return folder


class Builder:
    """A build function that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def test_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(tablecache.CACHE_ENV, str(tmp_path / "mine"))
    assert tablecache.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv(tablecache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert tablecache.cache_dir() == tmp_path / "xdg" / "detente"


def test_a_table_is_built_once_then_read_back(cache):
    build = Builder({"names": ["Kyiv", "Odesa"]})
    first = tablecache.cached("table", "k1", build)
    second = tablecache.cached("table", "k1", build)
    assert build.calls == 1
    assert second == first and second is not first  # read from the file, a copy of its own
    assert [p.name for p in cache.iterdir()] == ["table-k1.pickle"]


def test_a_changed_fingerprint_rebuilds_and_drops_the_stale_file(cache):
    tablecache.cached("table", "old", Builder("built from the old data"))
    tablecache.cached("other", "old", Builder("another table"))
    build = Builder("built from the new data")
    assert tablecache.cached("table", "new", build) == "built from the new data"
    assert build.calls == 1
    assert sorted(p.name for p in cache.iterdir()) == ["other-old.pickle", "table-new.pickle"]


def test_a_damaged_file_is_rebuilt(cache):
    cache.mkdir()
    (cache / "table-k1.pickle").write_bytes(b"not a pickle")
    build = Builder([1, 2, 3])
    assert tablecache.cached("table", "k1", build) == [1, 2, 3]
    assert build.calls == 1
    assert pickle.loads((cache / "table-k1.pickle").read_bytes()) == [1, 2, 3]


def test_an_unwritable_cache_still_gives_the_table(tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("a cache folder cannot be made under a file")
    monkeypatch.setenv(tablecache.CACHE_ENV, str(blocker / "cache"))
    build = Builder({"k": "v"})
    assert tablecache.cached("table", "k1", build) == {"k": "v"}
    assert tablecache.cached("table", "k1", build) == {"k": "v"}
    assert build.calls == 2  # nothing stored, so built each time, and no error
    assert blocker.read_text().startswith("a cache folder")


def test_fingerprints_tell_their_inputs_apart():
    assert tablecache.fingerprint(["ab", "c"]) != tablecache.fingerprint(["a", "bc"])
    assert tablecache.fingerprint(["x", b"y"]) == tablecache.fingerprint(["x", "y"])


def test_packaged_tables_parse_the_same_through_the_cache(cache):
    text = datafiles.packaged_text("modality.yaml")
    direct = datafiles._parse(text, "modality.yaml")
    assert datafiles.read_packaged("modality.yaml") == direct  # built and stored
    cached = datafiles.read_packaged("modality.yaml")  # read back
    assert cached == direct
    cached.clear()  # a caller may change its copy; the next caller gets the table whole
    assert datafiles.read_packaged("modality.yaml") == direct


def test_a_changed_data_file_is_parsed_again(cache, monkeypatch):
    datafiles.read_packaged("lemmas.yaml")
    monkeypatch.setattr(datafiles, "packaged_text", lambda name: "lemmas:\n  go: [went]\n")
    assert datafiles.read_packaged("lemmas.yaml") == {"lemmas": {"go": ["went"]}}


def test_gazetteer_fingerprint_covers_its_data_files(monkeypatch):
    before = places.gazetteer_fingerprint()
    original = places.packaged_text
    monkeypatch.setattr(places, "packaged_text", lambda name: original(name) + (
        "\n# edited\n" if name == "places.yaml" else ""))
    assert places.gazetteer_fingerprint() != before


def test_cached_gazetteer_equals_the_built_one(cache):
    built = places.build_gazetteer()
    read = tablecache.cached("gazetteer", "k", lambda: built)  # stored
    read = tablecache.cached("gazetteer", "k", Builder(None))  # and read back
    assert read is not built
    assert read._names == built._names and read._alternates == built._alternates
    assert read.capitals == built.capitals and read.countries == built.countries
    assert read.demonyms == built.demonyms
    # entries shared between indexes stay one object, as the builder made them
    kyiv = read.capitals["UKR"]
    assert any(e is kyiv for e in read._names["kyiv"])
    assert read.resolve("Odessa") == built.resolve("Odessa")
