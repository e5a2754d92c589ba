"""Inputs that used to end a file, or a run, early: integers past Python's digit limit, runs of
blank lines (bounded, and interruptible), zips that cannot be opened without a password or a
codec Python lacks."""

from __future__ import annotations

import gzip
import json
import struct
import zipfile
from pathlib import Path

import pytest

from detente.ingest import rawio
from detente.ingest.gdelt import GdeltProblem, import_gdelt, read_gdelt_events
from detente.ingest.pipeline import Ingest, IngestOptions
from detente.ingest.readers import SourceDocument, read_documents, read_file
from detente.ingest.text import InputProblem
from detente.store import Store

FIRST = "Norway and Chile signed a fisheries agreement on Monday."
THIRD = "Peru and Japan signed a trade accord."
HUGE = "9" * 5000  # past int()'s default limit of 4300 digits


def _records() -> list[str]:
    return [json.dumps({"id": "a1", "text": FIRST}),
            '{"text": "Iran accused Iraq.", "date": ' + HUGE + "}",
            json.dumps({"id": "a3", "text": THIRD})]


@pytest.mark.parametrize("name", ["news.jsonl", "news.json"])
def test_a_huge_integer_is_one_problem_and_the_next_record_is_read(tmp_path, name):
    path = tmp_path / name
    records = _records()
    path.write_text("\n".join(records) + "\n" if name.endswith("l") else
                    "[" + ",\n".join(records) + "]")
    items = list(read_file(path))
    texts = [item.text for item in items if isinstance(item, SourceDocument)]
    problems = [item for item in items if isinstance(item, InputProblem)]
    assert texts == [FIRST, THIRD]
    assert [problem.path for problem in problems] == [f"{path}:2"]
    assert "4,300 digits" in problems[0].reason


def test_a_single_json_object_with_a_huge_integer_is_one_problem(tmp_path):
    path = tmp_path / "one.json"
    path.write_text('{"text": "Iran accused Iraq.", "id": ' + HUGE + "}")
    [problem] = list(read_file(path))
    assert isinstance(problem, InputProblem)
    assert problem.path == str(path) and "4,300 digits" in problem.reason


@pytest.fixture
def small_blank_limit(monkeypatch):
    """A blank-run limit of 1 kB for GDELT, and a stop check every 8 blank lines."""
    monkeypatch.setattr("detente.ingest.gdelt.BLANK_RUN_BYTES", 1000)
    monkeypatch.setattr(rawio, "STOP_CHECK_LINES", 8)


def test_a_run_of_blank_lines_in_jsonl_is_bounded(tmp_path):
    path = tmp_path / "blank.jsonl.gz"
    # max_bytes 100: the white-space limit is 400 bytes, as for a JSON file's white space
    path.write_bytes(gzip.compress(b"\n" * 5000 + json.dumps({"text": FIRST}).encode()))
    items = list(read_file(path, max_bytes=100))
    assert items == [InputProblem(str(path), "over 400 bytes of white space in a row; the rest "
                                             "of the file is left unread")]


def test_blank_lines_under_the_limit_are_still_skipped(tmp_path):
    path = tmp_path / "spaced.jsonl"
    path.write_text("\n" * 300 + json.dumps({"text": FIRST}) + "\n")
    [document] = list(read_file(path, max_bytes=100))
    assert isinstance(document, SourceDocument) and document.line == 301


def test_the_stop_flag_ends_a_run_of_blank_lines_in_jsonl(tmp_path, monkeypatch):
    monkeypatch.setattr(rawio, "STOP_CHECK_LINES", 8)
    path = tmp_path / "blank.jsonl"
    path.write_text("\n" * 1000 + json.dumps({"text": FIRST}) + "\n")
    looks = []

    def stopped() -> bool:
        looks.append(1)
        return True

    assert list(read_documents([str(path)], stopped=stopped)) == []  # not even "empty file"
    assert len(looks) == 1


def test_a_run_of_blank_lines_in_gdelt_is_bounded(tmp_path, small_blank_limit):
    path = tmp_path / "blank.export.CSV.gz"
    path.write_bytes(gzip.compress(b"\n" * 5000))
    assert list(read_gdelt_events(path)) == [GdeltProblem(
        str(path), None, "over 1.0 kB of white space in a row; the rest of the file is left "
                         "unread")]


def test_the_stop_flag_ends_a_gdelt_import_of_blank_lines(tmp_path, small_blank_limit):
    path = tmp_path / "blank.export.CSV.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("blank.export.CSV", b"\n" * 500)
    with Store(tmp_path / "s.duckdb") as store:
        summary = import_gdelt(store, [str(path)], stopped=lambda: "SIGTERM")
    assert summary.interrupted and summary.interrupted.startswith("SIGTERM")
    assert summary.problems == []


def _patched_zip(path: Path, flag_bits: int = 0, method: int | None = None) -> Path:
    """A one-member zip whose headers claim encryption, or another compression method."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("events.CSV", b"1\t2\n")
    data = bytearray(path.read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + flags_at
        flags, stored = struct.unpack_from("<HH", data, at)
        struct.pack_into("<HH", data, at, flags | flag_bits,
                         stored if method is None else method)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(("name", "flag_bits", "method", "why"), [
    ("locked.zip", 1, None, "events.CSV is encrypted; a password is needed"),
    ("deflate64.zip", 0, 9, "events.CSV is compressed with method 9, which cannot be read here"),
])
def test_a_zip_that_cannot_be_opened_is_one_problem(tmp_path, name, flag_bits, method, why):
    path = _patched_zip(tmp_path / name, flag_bits, method)
    assert list(read_gdelt_events(path)) == [
        GdeltProblem(str(path), None, f"not a readable zip file ({why})")]


def test_a_stop_while_blank_lines_are_skipped_ends_the_ingest_there(
        tmp_path, coder, monkeypatch):
    import detente.ingest.readers as readers

    monkeypatch.setattr(rawio, "STOP_CHECK_LINES", 8)
    lines_read = []

    def counted(stream, limit):
        for line in rawio.split_lines(stream, limit):
            lines_read.append(line)
            yield line

    monkeypatch.setattr(readers, "split_lines", counted)
    path = tmp_path / "blank.jsonl"
    path.write_text("\n" * 1000 + json.dumps({"text": FIRST}) + "\n")
    with Store(tmp_path / "i.duckdb") as store:
        ingest = Ingest(store, coder)
        ingest.stop("SIGTERM")  # as the signal handler does, here before the blank lines
        summary = ingest.run([str(path)])
    assert len(lines_read) < 100  # not every blank line to the end of the file
    assert summary.interrupted and summary.interrupted.startswith("SIGTERM")
    assert summary.read == 0 and summary.problems == []


def test_a_stop_after_the_inputs_are_read_still_ends_the_ingest(tmp_path, coder):
    # the stored-article check reads 256 documents ahead of the parser: a Ctrl-C or SIGTERM
    # after a small file was read was lost, every document still coded, the run exiting 0 and
    # not recorded as interrupted
    path = tmp_path / "small.jsonl"
    path.write_text("".join(json.dumps({"text": f"{FIRST} Talks resumed in round {n}."}) + "\n"
                            for n in range(60)))
    with Store(tmp_path / "i.duckdb") as store:
        ingest = Ingest(store, coder, IngestOptions(batch_size=1))
        summary = ingest.run([str(path)], on_progress=lambda _: ingest.stop("SIGTERM"))
    assert summary.read == 60  # all read before the first article was stored
    assert summary.interrupted and summary.interrupted.startswith("SIGTERM")
    assert 0 < summary.new < 60


def test_sizes_in_messages_are_written_in_a_unit_that_shows_them():
    # a limit of 500 bytes had read "the 0.0 MB limit"
    from detente.ingest.rawio import size_text

    assert [size_text(n) for n in (1, 500, 1_000, 25_600, 100_000, 5_000_000, 2_000_000_000)] == [
        "1 byte", "500 bytes", "1.0 kB", "25.6 kB", "0.1 MB", "5.0 MB", "2,000.0 MB"]
