r"""Bounds on what trafilatura takes to read a page's metadata: its JSON-LD and its authors.

trafilatura reads a page's metadata from its JSON-LD blocks, each minified first with its
``metadata.JSON_MINIFY``, ``("(?:\\.|[^"\\])*")|\s``. Python's regular expressions keep a
backtracking state for each repetition of a group, so every character of a JSON string cost
some 130 bytes: a page whose JSON-LD carries its article's body (as news sites' do) took 640 MB
for a 4.9 MB body (the 5 MB a page may have), most of a local Dask worker's 1 GiB, and 1.5 s.

The same pattern with possessive repetitions matches the same text: its two alternatives begin
with different characters (a backslash; anything but a backslash or a quote), so a string has
at most one way to match and there is nothing to go back to. Its memory is the text's.

A block that is not JSON is searched with patterns that begin with a key and scan lazily to
the next brace from every place the key is written: a block repeating "publisher": 8,000 times
(72 kB) took 3.5 s, the 5 MB a page may have, hours. ``FirstInRun`` finds what the pattern
finds, scanning each stretch between braces once.

Authors: detente keeps no author, and trafilatura's reading of them grows faster than the page
(the square of a name's length, 80 kB of "(" in a <meta name="author">: 34 s; the cube of the
number of names, 1,000 people in the JSON-LD: 15 s; a block that is not JSON and repeats
"author": 8,000 times: 6.2 s), so it is turned off for the trafilatura version it was measured
on: no author is read, and nothing else trafilatura gives changes.
"""

from __future__ import annotations

import re
from typing import Any

import trafilatura
import trafilatura.json_metadata
import trafilatura.metadata

# trafilatura 2.3.1's pattern: the one replaced (another version's is left as it is)
TRAFILATURA_MINIFY = r'("(?:\\.|[^"\\])*")|\s'
BOUNDED_MINIFY = re.compile(r'("(?:[^"\\]++|\\.)*+")|\s')
# The version whose reading of authors and of a block that is not JSON is bounded here
# (another version's is left as it is: its functions may differ).
TRAFILATURA_VERSION = "2.3.1"
PUBLISHER_KEY, PUBLISHER_STOPS = '"publisher":', "}"


def bound_json_ld_minify() -> bool:
    """Put the possessive pattern in the place of trafilatura's, when it is the pattern this
    was written for; whether it is in place."""
    if trafilatura.metadata.JSON_MINIFY.pattern == TRAFILATURA_MINIFY:
        trafilatura.metadata.JSON_MINIFY = BOUNDED_MINIFY
    return trafilatura.metadata.JSON_MINIFY is BOUNDED_MINIFY


class FirstInRun:
    """``pattern.search`` for a pattern that begins with the literal ``key`` and then a lazy
    run of characters other than ``stops``. The pattern tried at each place in turn scanned a
    run from every key written in it: quadratic. A key the pattern fails at fails at every
    later key of the same run too (the places the later one may go on from, the earlier one
    may), so after a failure the search goes on past the run's end."""

    def __init__(self, pattern: re.Pattern[str], key: str, stops: str) -> None:
        self.pattern = pattern
        self._key = re.compile(re.escape(key))
        self._stop = re.compile(f"[{re.escape(stops)}]")

    def search(self, string: str, pos: int = 0) -> re.Match[str] | None:
        while (key := self._key.search(string, pos)) is not None:
            if (found := self.pattern.match(string, key.start())) is not None:
                return found
            stop = self._stop.search(string, key.end())
            if stop is None:
                return None
            pos = stop.end()
        return None


def _no_author(current_authors: str | None, author_string: Any) -> str | None:
    """trafilatura's ``normalize_authors`` that reads no author (detente keeps none)."""
    return current_authors


def _no_json_author(elemtext: str, regular_expression: Any) -> None:
    """trafilatura's ``extract_json_author`` (of a block that is not JSON) that reads none."""
    return None


def _no_tree_author(tree: Any) -> None:
    """trafilatura's ``extract_author`` (from the page's text) that reads none."""
    return None


class _Unused:
    """In the place of a pattern whose result only the author search used: text unchanged."""

    pattern = None

    @staticmethod
    def sub(repl: Any, string: str, count: int = 0) -> str:
        return string


def bound_metadata() -> bool:
    """Search a block that is not JSON for its publisher with ``FirstInRun``, and read no
    authors, when trafilatura is the version this was measured on; whether it is done."""
    if trafilatura.__version__ != TRAFILATURA_VERSION:
        return False
    json_metadata, metadata = trafilatura.json_metadata, trafilatura.metadata
    if not isinstance(json_metadata.JSON_PUBLISHER, FirstInRun):
        json_metadata.JSON_PUBLISHER = FirstInRun(json_metadata.JSON_PUBLISHER, PUBLISHER_KEY,
                                                  PUBLISHER_STOPS)
    json_metadata.normalize_authors = metadata.normalize_authors = _no_author
    json_metadata.extract_json_author = _no_json_author
    json_metadata.JSON_AUTHOR_REMOVE = _Unused()
    metadata.extract_author = _no_tree_author
    return True
