"""How much the coder's events change when the same stories are typed differently.

Real copy reaches the coder with two spaces after a full stop, padding between words (text
copied from a PDF or a table), hard-wrapped lines, tabs, non-breaking spaces, Windows line
ends, indented paragraphs, straight or curly quotes. None of that changes what happened, so
none of it should change the events. Each variant of the VOA corpus (../shared/corpora/voa) is
coded and its events compared with those of the text as published: an event is its source,
target, CAMEO code and modality (the trigger's words may be respelled by the variant).

    .venv/bin/python bench/perturb.py                 # every variant
    .venv/bin/python bench/perturb.py --variant double-space-words --show 5
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from detente.coder import Coder

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpora" / "voa" / "voa_stories.jsonl"


def _paragraphs(text: str, change: Callable[[str], str]) -> str:
    return "\n\n".join(change(paragraph) for paragraph in text.split("\n\n"))


VARIANTS: dict[str, Callable[[str], str]] = {
    # two spaces after a sentence's full stop (a word of three letters or more before it)
    "double-space-sentences": lambda t: re.sub(r"([a-z]{3,}[.?!][\"\u201d]?) (?=[A-Z\"\u201c])",
                                               r"\1  ", t),
    "double-space-words": lambda t: re.sub(r"(?<=[a-z]) (?=[a-z])", "  ", t),
    "tabs-between-words": lambda t: re.sub(r"(?<=[a-z]) (?=[a-z])", "\t", t),
    "no-break-spaces": lambda t: t.replace(" ", "\u00a0"),
    "hard-wrap-72": lambda t: _paragraphs(t, lambda p: textwrap.fill(p, 72)),
    "indented-paragraphs": lambda t: _paragraphs(t, lambda p: "    " + p),
    "trailing-spaces": lambda t: t.replace("\n", "  \n"),
    "windows-line-ends": lambda t: t.replace("\n", "\r\n"),
    "straight-quotes": lambda t: t.translate(str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''")),
    # outlets that write "US", "UN", "UK", "EU" without full stops
    "abbreviations-undotted": lambda t: re.sub(r"\b(U)\.(S|N|K)\.", r"\1\2", t),
    "hyphens-unicode": lambda t: re.sub(r"(?<=\w)-(?=\w)", "\u2010", t),
    "dashes-unspaced": lambda t: t.replace(" \u2014 ", "\u2014").replace(" -- ", "--"),
    # scraped copy whose paragraphs were joined without a space ("said.The minister")
    "paragraphs-glued": lambda t: re.sub(r"\n\n+", "", t),
    "space-before-commas": lambda t: re.sub(r"(?<=\w), ", " , ", t),
    "wire-dateline": lambda t: "WASHINGTON (Reuters) - " + t,
    "headline-and-byline": lambda t: "Talks Stall as Tensions Rise\n\nBy Staff Reporter\n\n" + t,
    "single-line-breaks": lambda t: re.sub(r"\n\n+", "\n", t),
    # the spelling of British and Commonwealth outlets
    "british-spelling": lambda t: _british(t),
    # present-tense attribution, as headlines and some agencies write it
    "says-for-said": lambda t: re.sub(r"\bsaid\b", "says", t),
}

_BRITISH = [
    (r"(?<=[a-z])(iz)(e|ed|es|ing|ation|ations)\b", r"is\2"),
    (r"(?<=[a-z])yz(e|ed|es|ing)\b", r"ys\1"),
    (r"\bdefense\b", "defence"), (r"\bDefense\b", "Defence"),
    (r"\bprogram(s?)\b", r"programme\1"), (r"\b([Ff])avor", r"\1avour"),
    (r"\b([Hh])onor", r"\1onour"), (r"\b([Ll])abor\b", r"\1abour"),
    (r"\bcenter", "centre"), (r"\boffense", "offence"),
]


def _british(text: str) -> str:
    for pattern, replacement in _BRITISH:
        text = re.sub(pattern, replacement, text)
    return text


def event_keys(coder: Coder, text: str, doc_id: str, date: str) -> Counter:
    return Counter((e.source.country, e.target.country, e.cameo, e.modality)
                   for e in coder.code_text(text, doc_id=doc_id, date=date))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS),
                        help="a variant to code (repeatable; default: all)")
    parser.add_argument("--show", type=int, default=0, help="changed events printed per variant")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"no corpus at {CORPUS}: nothing measured")
        return 0
    stories = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    coder = Coder()
    base = {str(s["id"]): event_keys(coder, s["text"], str(s["id"]), s["published"][:10])
            for s in stories}
    total = sum(sum(keys.values()) for keys in base.values())
    print(f"{len(stories)} stories, {total} events as published")
    print(f"{'variant':<26}{'lost':>6}{'gained':>8}")
    for name in args.variant or VARIANTS:
        lost, gained, changed = 0, 0, []
        for story in stories:
            doc_id = str(story["id"])
            keys = event_keys(coder, VARIANTS[name](story["text"]), doc_id,
                              story["published"][:10])
            minus, plus = base[doc_id] - keys, keys - base[doc_id]
            lost += sum(minus.values())
            gained += sum(plus.values())
            changed += [("-", doc_id, k) for k in minus] + [("+", doc_id, k) for k in plus]
        print(f"{name:<26}{lost:>6}{gained:>8}")
        for sign, doc_id, key in changed[:args.show]:
            print(f"    {sign} {doc_id} {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
