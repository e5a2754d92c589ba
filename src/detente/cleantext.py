"""Strings from outside made safe: valid UTF-8 text, and file names fit for one-line messages."""

from __future__ import annotations

import html
import re

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
    """An input text as it is stored and coded: HTML character references read, Windows
    (CRLF) and old Mac (CR) line ends made one line break, as Python's text files read them
    (a wrapped line's CRLF would otherwise read as two spaces, a token of its own mid-sentence),
    and invisible characters that split words (soft hyphens, zero-width spaces) left out."""
    text = unescaped(plain_line_ends(text))
    return text if text.isascii() else _INVISIBLE.sub("", text)


def plain_line_ends(text: str) -> str:
    """Windows (CRLF) and old Mac (CR) line ends made one line break. All a web page gets
    before its parser reads it: its character references are the parser's to read ("&quot;"
    inside an attribute, "&lt;p&gt;" in the copy would otherwise become markup)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def printable(name: str) -> str:
    """A file name fit for a one-line message: a newline or other control character in it is
    written as its escape (\\n), so the message stays one line."""
    if name.isprintable():
        return name
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)
