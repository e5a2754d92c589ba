"""Strings from outside made safe: valid UTF-8 text, and file names fit for one-line messages."""

from __future__ import annotations

import html
import os
import re
import shlex
from array import array
from bisect import bisect_right
from collections.abc import Callable

# UTF-16 halves that JSON (and Python strings) can carry alone but UTF-8 cannot encode: spaCy,
# the store and every encoder would fail on them later, far from the input that had them.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT_CHARACTER = "\ufffd"


def valid_text(text: str) -> str:
    """The text with every lone surrogate replaced by U+FFFD (one character for one, so
    character offsets into it stay those of the original)."""
    if text.isascii():
        return text
    return _LONE_SURROGATE.sub(REPLACEMENT_CHARACTER, text)


# Control characters a name, a title or an address can carry from a feed, a JSON record or
# another data set's row, and which no reader shows: the ones that separate (a vertical tab,
# a form feed, the information separators, NEL, Unicode's line and paragraph separators) are
# line breaks to Python's splitlines and to terminals, and split a CSV or JSON Lines export's
# line for such a reader; the others (escape, which a terminal obeys, backspace, DEL, the C1
# set) are binary data. Tab, line feed and carriage return are ordinary whitespace, left as
# they are (every tabular export folds them), and a NUL is read as U+FFFD where it is met.
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_SEPARATING = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")


# the ASCII ones, for a check of ASCII text a third as long as the pattern's search (an
# import looks at every line of a data set)
_ASCII_CONTROLS = bytes([*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def _no_control(text: str) -> bool:
    if text.isprintable():
        return True
    if text.isascii():
        data = text.encode("ascii")
        return len(data.translate(None, _ASCII_CONTROLS)) == len(data)
    return _CONTROL.search(text) is None


def first_control(text: str) -> str | None:
    """The first control character of the text (but tab, line feed and carriage return),
    or None."""
    if _no_control(text):
        return None
    found = _CONTROL.search(text)
    return found.group() if found else None


def without_controls(text: str) -> str:
    """The text with each control character (but tab, line feed and carriage return) one
    character: a space for one that separates, U+FFFD for the others (one for one, so a
    name's length and any offsets into it stay as they were)."""
    if _no_control(text):
        return text
    return _CONTROL.sub(lambda found: " " if found.group() in _SEPARATING
                        else REPLACEMENT_CHARACTER, text)


# The same characters (and a NUL) in an article's text. They had been kept: ``read_copy``
# leaves them, offsets point into the text. spaCy reads a separating one as whitespace, but a
# binary one glues what is around it: "the raid.\x1bIran accused" was one sentence, and
# "Russia\x1bcondemned" one unknown word, its event lost (U+FFFD too keeps the two sentences
# one). Each is a space there: one character for one, so every offset into the text holds.
_TEXT_CONTROL = re.compile(f"[\x00{_CONTROL.pattern[1:]}")


def text_without_controls(text: str) -> str:
    """An article's text with each control character (but tab, line feed and carriage
    return) a space, one for one, as it is stored and parsed."""
    if _no_control(text) and "\x00" not in text:
        return text
    return _TEXT_CONTROL.sub(" ", text)


def parse_ready(text: str) -> str:
    """A text as the parser reads it: valid UTF-8 (``valid_text``) and without control
    characters (``text_without_controls``); the same length, so offsets hold."""
    return text_without_controls(valid_text(text))


# A character reference with its semicolon ("&#39;", "&rsquo;", "&amp;"): text scraped from
# HTML and stored escaped in JSON or plain files carries them, and the tokenizer reads
# "Russia&#39;s" as one unknown word. (Without the semicolon "&para" in "&paragraph" is left:
# html.unescape alone would read legacy references there.)
_CHARACTER_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescaped(text: str) -> str:
    """The text with its HTML character references read as the characters they stand for."""
    if "&" not in text:
        return text
    return _CHARACTER_REFERENCE.sub(lambda ref: html.unescape(ref.group()), text)


# Characters that are not seen but split a word for the tokenizer: a soft hyphen a web page
# left as a hyphenation hint ("Chi&shy;le"), zero-width spaces and joiners, a word joiner, a
# byte order mark inside the text, direction marks and embeddings. "Chi\u00adle" is no name the
# tables know and "Peru\u200b accused" no subject: the event was lost.
# Joiners and direction marks are left where they touch a letter of another script than Latin:
# there they belong to the writing (a Persian word's zero-width non-joiner, an emoji sequence's
# joiner, the direction marks of Arabic or Hebrew text), and an article of another language
# is stored as it is.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060-\u2064\ufeff]"
                        "|(?<![^\x00-\u024f])[\u200c-\u200f\u202a-\u202e\u2066-\u2069]"
                        "(?![^\x00-\u024f])")


def read_copy(text: str) -> str:
    """An input text as it is stored and coded: HTML character references read, mojibake
    mended (``mended``), Windows (CRLF) and old Mac (CR) line ends made one line break, as
    Python's text files read them (a wrapped line's CRLF would otherwise read as two spaces, a
    token of its own mid-sentence), and invisible characters that split words (soft hyphens,
    zero-width spaces) left out."""
    text = unescaped(plain_line_ends(text))
    return text if text.isascii() else _INVISIBLE.sub("", mended(text))


def mended(text: str) -> str:
    """The text with mojibake read back: UTF-8 that was once decoded as Windows-1252 and
    encoded again ("Russia\u00e2\u20ac\u2122s" for "Russia\u2019s", a defect of scraped copy)
    made the characters it was (ftfy). The tokenizer splits no possessive at such a run, and
    the names are lost (the VOA corpus so spoiled kept 128 of its 156 international events)."""
    from ftfy import fix_encoding  # only for a text that needs it: ftfy takes time to import
    from ftfy.badness import is_bad

    return fix_encoding(text) if is_bad(text) else text


class OffsetMap:
    """Offsets into a copy that left characters out, or read a character reference as its one
    character, read back as offsets into the text the copy was made from. The coder reports
    offsets into what it read; a caller who gave the text with its invisible characters or
    references needs them to point into that text."""

    __slots__ = ("_left_out", "_wide")

    def __init__(self, left_out: array | None = None, wide: dict[int, int] | None = None
                 ) -> None:
        # for each character left out, in order, the copy's offset of the character after it;
        # one integer a removal (not one a character of the text), searched by bisection
        self._left_out = left_out if left_out is not None else array("q")
        # the copy's characters that stand for several of the text's ("&rsquo;" read as one
        # apostrophe): their width in the text
        self._wide = wide or {}

    def __bool__(self) -> bool:
        """Whether the copy differs from the text at all (else every offset is its own)."""
        return len(self._left_out) > 0

    def to_bytes(self) -> bytes:
        """The map as bytes: a parsed document's user data carries it from a worker process
        (spaCy sends documents back as msgpack, which has no place for an array). Only maps
        that left characters out travel so: the reading copy's never reads a reference."""
        if self._wide:
            raise ValueError("a map of read references does not travel as bytes")
        return self._left_out.tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> OffsetMap:
        left_out: array = array("q")
        left_out.frombytes(data)
        return cls(left_out)

    def start(self, offset: int) -> int:
        """Where the copy's character at ``offset`` is in the text: past the characters left
        out before it, so a span does not open on an invisible character."""
        return offset + bisect_right(self._left_out, offset)

    def end(self, offset: int) -> int:
        """Where a span of the copy that ends at ``offset`` ends in the text: just after its
        last character (all of it, for a reference read as one), so invisible characters
        inside the span stay in it and those after it stay out."""
        if offset <= 0:
            return 0
        return self.start(offset - 1) + self._wide.get(offset - 1, 1)


# what a caller's text is read without (invisible characters) or as (character references)
_CALLER_EDITS = re.compile(f"{_INVISIBLE.pattern}|{_CHARACTER_REFERENCE.pattern}")


def visible_copy(text: str) -> tuple[str, OffsetMap]:
    """The text as ``read_copy`` reads it (without the invisible characters that split words,
    with character references read as their characters; nothing else changed), and the map
    from its offsets back to the text's: for coding a caller's text whose offsets must stay
    the caller's."""
    if text.isascii() and "&" not in text:
        return text, OffsetMap()
    return copy_reading(text, _CALLER_EDITS, _read_edit)


def _read_edit(match: re.Match[str]) -> str:
    if not match.group().startswith("&"):
        return ""  # an invisible character
    read = html.unescape(match.group())
    return read if len(read) == 1 else match.group()  # (two characters: left as written)


def copy_without(text: str, left_out: re.Pattern[str]) -> tuple[str, OffsetMap]:
    """The text without every match of ``left_out``, and the map from the copy's offsets back
    to the text's (an empty map, and the text itself, when nothing matched)."""
    return copy_reading(text, left_out, lambda match: "")


def copy_reading(text: str, pattern: re.Pattern[str], read: Callable[[re.Match[str]], str]
                 ) -> tuple[str, OffsetMap]:
    """The text with every match of ``pattern`` read as ``read`` gives it: nothing (left
    out), one character, or the match itself (kept); and the map from the copy's offsets back
    to the text's (an empty map, and the text itself, when nothing changed)."""
    removed: array = array("q")
    wide: dict[int, int] = {}
    kept: list[str] = []
    previous = 0
    for match in pattern.finditer(text):
        found = match.group()
        copy = read(match)
        if copy == found:
            continue
        kept.append(text[previous:match.start()])
        copy_offset = match.start() - len(removed)  # where the next kept character lands
        if copy:  # one character for the match: the rest of it is left out after that one
            kept.append(copy)
            wide[copy_offset] = len(found)
            removed.extend([copy_offset + 1] * (len(found) - 1))
        else:
            removed.extend([copy_offset] * len(found))
        previous = match.end()
    if not removed:
        return text, OffsetMap()
    kept.append(text[previous:])
    return "".join(kept), OffsetMap(removed, wide)


def plain_line_ends(text: str) -> str:
    """Windows (CRLF) and old Mac (CR) line ends made one line break. All a web page gets
    before its parser reads it: its character references are the parser's to read ("&quot;"
    inside an attribute, "&lt;p&gt;" in the copy would otherwise become markup)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def printable(text: str) -> str:
    """Text fit for a one-line message: a newline or other control character in it is
    written as its escape (\\n), so the message stays one line. For a line as a whole, and
    values quoted in it; a name the line gives is ``shown_name`` first, which tells a name with a
    line end from one with a backslash and an n."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def shown_name(name: str | os.PathLike[str]) -> str:
    """A name (a file, a folder, an article id) as every message gives one: as written when
    each of its characters is printable and none is a backslash, or else in Python's quoted
    form, whose escapes tell the names apart: 'a\\nb' holds a line end, 'a\\\\nb' a backslash
    and an n (shown alike once ``printable`` escaped the line end). A plain name has no
    backslash, so it cannot be taken for a quoted one."""
    text = os.fspath(name)
    if text.isprintable() and "\\" not in text:
        return text
    return repr(text)


def shell_word(name: str | os.PathLike[str]) -> str:
    """A name as a shell reads it, for the commands a message suggests (`detente load
    <folder>`): as written when the shell takes it so, in single quotes when it holds a space,
    a backslash, a quote or another character the shell reads (shlex), and in bash's $'...'
    form, with escapes, when it holds a control character (which a line cannot show)."""
    text = os.fspath(name)
    if text.isprintable():
        return shlex.quote(text)
    escaped = (c if c.isprintable() and c not in "\\'" else
               "\\" + c if c in "\\'" else repr(c)[1:-1] for c in text)
    return "$'" + "".join(escaped) + "'"
