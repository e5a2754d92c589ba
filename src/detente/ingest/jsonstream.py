"""A JSON file of records read one record at a time, never whole.

A JSON list of hundreds of MB (gzipped, a few MB) used to be decoded whole: its text and every
parsed record were in memory at once, several times the file's size. Here the text is decoded
a block at a time and each element of the top-level list is parsed on its own, so memory holds
one record (at most ``record_limit`` characters of JSON) and a block.

A record that is malformed or over the limit is one problem; reading goes on at the next
record of the list (the next ``{`` after a comma that parses as a whole object followed by a
comma or the end of the list), so one bad record costs only itself.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from detente.ingest.rawio import size_text, white_space_reason, wide_text

BLOCK = 1 << 16  # bytes read at a time
_SPACE = re.compile(r"[ \t\n\r]*")
_NEXT_RECORD = re.compile(r",[ \t\n\r]*\{")
_DECODER = json.JSONDecoder()
_BINARY_PROBE = 8192  # a NUL byte in the first bytes: a binary file, as text.py tells it


@dataclass(frozen=True)
class Record:
    index: int | None  # 1-based place in the list; None for a file holding one object
    value: Any


@dataclass(frozen=True)
class Problem:
    index: int | None  # the record it concerns; None for the file as a whole
    reason: str


class NotText(Exception):
    """The bytes are not UTF-8 text (or not text at all); the message says which."""


class _TooBig(Exception):
    pass


class _BigNumber(Exception):
    pass


def big_number_reason() -> str:
    """What is wrong with a value holding an integer longer than Python will convert (int()
    raises ValueError past sys.get_int_max_str_digits(), to bound its quadratic cost)."""
    return f"malformed JSON (a number of over {sys.get_int_max_str_digits():,} digits)"


class _Blank(Exception):
    """More white space in a row than a record may hold."""


class _Text:
    """The decoded text of a byte stream, read as needed, its consumed start dropped."""

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self.limit = limit
        self.read = getattr(stream, "read1", None) or stream.read
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.text = ""
        self.pos = 0
        self.eof = False
        self.bytes_read = 0
        self.line = 1  # the line and column where self.text starts
        self.column = 1

    def more(self, wanted: int = BLOCK) -> bool:
        """Read at least ``wanted`` more characters (or to the end); False if none came."""
        before = len(self.text)
        while not self.eof and len(self.text) - before < wanted:
            data = self.read(max(BLOCK, wanted))
            if not self.bytes_read and (wide := wide_text(data)):
                raise NotText(wide)
            if self.bytes_read < _BINARY_PROBE and b"\x00" in data[: _BINARY_PROBE]:
                raise NotText("binary file, not text")
            try:
                self.text += self.decoder.decode(data, final=not data)
            except UnicodeDecodeError as exc:
                offset = self.bytes_read + exc.start
                raise NotText(f"not UTF-8 text (invalid byte at offset {offset}); convert it "
                              "to UTF-8") from None
            self.bytes_read += len(data)
            self.eof = not data
        return len(self.text) > before

    def peek(self) -> str:
        """The next character that is not white space ("" at the end), now at self.pos.
        Raises _Blank when the white space goes on past the limit (an endless stream)."""
        run_from = self.pos
        while True:
            self.pos = _SPACE.match(self.text, self.pos).end()
            if self.pos < len(self.text):
                return self.text[self.pos]
            if self.pos - run_from > self.limit:
                raise _Blank
            if not self.more():
                return ""

    def decode(self, limit: int) -> Any:
        """The JSON value at self.pos, reading as much as it needs (at most ``limit``
        characters); self.pos moves past it. Raises JSONDecodeError, RecursionError,
        _BigNumber or _TooBig."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                if self.eof or not self.cut_short(exc):
                    raise
            except ValueError:  # an integer past int()'s digit limit; more text cannot help
                raise _BigNumber from None
            else:
                if end < len(self.text) or self.eof:  # a number may go on in the next block
                    self.pos = end
                    return value
            buffered = len(self.text) - self.pos
            if buffered > limit:
                raise _TooBig
            self.more(buffered)  # doubling: a big record is parsed a few times, not hundreds

    def cut_short(self, exc: json.JSONDecodeError) -> bool:
        """Whether the error may only mean the value goes on past what is read yet."""
        return exc.msg.startswith("Unterminated string") or exc.pos >= len(self.text) - 6

    def where(self, pos: int) -> str:
        """ "line L column C" of a position in the file."""
        before = self.text.count("\n", 0, pos)
        if before:
            column = pos - self.text.rfind("\n", 0, pos)
            return f"line {self.line + before} column {column}"
        return f"line {self.line} column {self.column + pos}"

    def compact(self) -> None:
        """Drop the text already read past (positions held before this are void)."""
        if self.pos < BLOCK * 2:
            return
        gone = self.text[: self.pos]
        lines = gone.count("\n")
        self.line += lines
        self.column = len(gone) - gone.rfind("\n") if lines else self.column + len(gone)
        self.text = self.text[self.pos:]
        self.pos = 0

    def skip_to_next_record(self, limit: int, here: bool = False) -> bool:
        """Move to the next element of the list that parses as an object followed by a comma or
        the list's end (``here``: an object right here counts too, as after a missing comma),
        searching at most ``limit`` characters on; False if there is none (the end of the file,
        or the limit: then self.eof is False)."""
        searched_from = self.pos
        while self.pos - searched_from <= limit:
            if here and self.text.startswith("{", self.pos):
                start, here = self.pos, False
            elif found := _NEXT_RECORD.search(self.text, self.pos):
                start = found.end() - 1
            else:
                self.pos = max(self.pos, len(self.text) - 64)  # a comma may be just read
                if not self.more():
                    return False
                continue
            self.pos = start
            try:
                self.decode(limit)
                if self.peek() in (",", "]"):
                    self.pos = start
                    return True
            except (json.JSONDecodeError, RecursionError, _BigNumber, _TooBig):
                pass
            self.pos = start + 1
        return False


def json_records(stream: BinaryIO, record_limit: int) -> Iterator[Record | Problem]:
    """The records of a JSON file holding one object or a list of them, one at a time, and a
    Problem for each record (or the file) that cannot be read. Raises NotText and OSError."""
    try:
        yield from _records(_Text(stream, record_limit), record_limit)
    except _Blank:
        yield Problem(None, white_space_reason(record_limit))


def _records(text: _Text, record_limit: int) -> Iterator[Record | Problem]:
    first = text.peek()
    if not first:
        yield Problem(None, "empty file")
        return
    if first != "[":
        yield from _one_value(text, record_limit)
        return
    text.pos += 1
    if text.peek() == "]":
        yield Problem(None, "the JSON list is empty")
        return
    index = 0
    while True:
        text.compact()
        index += 1
        start = text.pos
        try:
            value = text.decode(record_limit)
        except json.JSONDecodeError as exc:
            if text.eof and text.cut_short(exc):
                yield Problem(index, "malformed JSON (the file ends inside this record)")
                return
            yield Problem(index, f"malformed JSON ({exc.msg}: {text.where(exc.pos)})")
        except RecursionError:
            yield Problem(index, "malformed JSON (nested too deeply)")
        except _BigNumber:
            yield Problem(index, big_number_reason())
        except _TooBig:
            yield Problem(index, f"record is over the {size_text(record_limit)} limit for "
                                 "one record's JSON")
        else:
            yield Record(index, value)
            after = text.peek()
            if after == ",":
                text.pos += 1
                after = text.peek()
                if after not in ("]", ""):
                    continue
                if after == "]":  # [{...}, {...},] -- every record read all the same
                    yield Problem(None, f"malformed JSON (a comma before the list's end: "
                                        f"{text.where(text.pos)})")
            if after == "]":
                text.pos += 1
                break
            if not after:
                yield Problem(None, f"malformed JSON (the file ends after record {index}, "
                                    "before the list's end)")
                return
            yield Problem(None, f"malformed JSON (Expecting ',' delimiter after record {index}: "
                                f"{text.where(text.pos)})")
            start = text.pos - 1  # from here: a comma may just have been left out
        text.pos = start + 1
        if not text.skip_to_next_record(record_limit, here=True):
            if not text.eof:
                yield Problem(None, f"no record found in the {size_text(record_limit)} after "
                                    f"record {index}; the rest of the file is left unread")
            return
    if text.peek():
        yield Problem(None, "text after the end of the JSON list, left unread")


def _one_value(text: _Text, record_limit: int) -> Iterator[Record | Problem]:
    try:
        value = text.decode(record_limit)
    except json.JSONDecodeError as exc:
        yield Problem(None, f"malformed JSON ({exc.msg}: {text.where(exc.pos)})")
        return
    except RecursionError:
        yield Problem(None, "malformed JSON (nested too deeply)")
        return
    except _BigNumber:
        yield Problem(None, big_number_reason())
        return
    except _TooBig:
        yield Problem(None, f"the JSON object is over the {size_text(record_limit)} limit "
                            "for one record")
        return
    if not isinstance(value, dict):
        yield Problem(None, "JSON is neither an object nor a list of objects")
        return
    yield Record(None, value)
    if text.peek():
        yield Problem(None, "text after the end of the JSON object, left unread")
