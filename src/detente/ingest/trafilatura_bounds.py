r"""A bound on the memory trafilatura takes for a page's JSON-LD.

trafilatura reads a page's metadata from its JSON-LD blocks, each minified first with its
``metadata.JSON_MINIFY``, ``("(?:\\.|[^"\\])*")|\s``. Python's regular expressions keep a
backtracking state for each repetition of a group, so every character of a JSON string cost
some 130 bytes: a page whose JSON-LD carries its article's body (as news sites' do) took 640 MB
for a 4.9 MB body (the 5 MB a page may have), most of a local Dask worker's 1 GiB, and 1.5 s.

The same pattern with possessive repetitions matches the same text: its two alternatives begin
with different characters (a backslash; anything but a backslash or a quote), so a string has
at most one way to match and there is nothing to go back to. Its memory is the text's.
"""

from __future__ import annotations

import re

import trafilatura.metadata

# trafilatura 2.3.1's pattern: the one replaced (another version's is left as it is)
TRAFILATURA_MINIFY = r'("(?:\\.|[^"\\])*")|\s'
BOUNDED_MINIFY = re.compile(r'("(?:[^"\\]++|\\.)*+")|\s')


def bound_json_ld_minify() -> bool:
    """Put the possessive pattern in the place of trafilatura's, when it is the pattern this
    was written for; whether it is in place."""
    if trafilatura.metadata.JSON_MINIFY.pattern == TRAFILATURA_MINIFY:
        trafilatura.metadata.JSON_MINIFY = BOUNDED_MINIFY
    return trafilatura.metadata.JSON_MINIFY is BOUNDED_MINIFY
