"""Strings from outside made safe: valid UTF-8 text, and file names fit for one-line messages."""

from __future__ import annotations

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


def printable(name: str) -> str:
    """A file name fit for a one-line message: a newline or other control character in it is
    written as its escape (\\n), so the message stays one line."""
    if name.isprintable():
        return name
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)
