"""Fuzzing the coder: hostile texts through ``Coder().code_text``, one at a time.

    .venv/bin/python bench/fuzz.py                  # 1,000 texts, seed 15
    .venv/bin/python bench/fuzz.py --texts 200 --seed 3 --show 5

The texts mix what a careless user or an attacker sends: random unicode (lone surrogates,
control characters, right-to-left and combining marks, emoji), news sentences with that noise
inside them, 10,000 repeated words, tag lines of hundreds of nouns, tables, punctuation runs,
extreme dates and very long sentences. Prints the number of texts that raised (with the first
few errors), the slowest text's time and kind, and the median. Not a test: it takes minutes.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import traceback
from collections.abc import Callable

from detente.coder import Coder

COUNTRIES = ["Russia", "Georgia", "Iran", "Iraq", "France", "Germany", "the United States",
             "China", "Japan", "NATO", "the United Nations", "Israel", "Egypt", "Turkey"]
VERBS = ["attacked", "condemned", "praised", "met", "accused", "threatened", "signed a deal with",
         "sanctioned", "invaded", "urged", "warned", "rejected", "welcomed", "shelled"]
WHEN = ["last week", "next week", "on Monday", "in March", "two days ago", "next year",
        "yesterday", "in 0001", "in 9999", "later this month", "the 1990s", ""]
NOUNS = ["sanctions", "talks", "officials", "troops", "minister", "Moscow", "embassy", "oil"]
# Characters news text never has but files do: controls, bidi marks, combining marks, a BOM,
# zero-width joiners, lone surrogates, private-use and unassigned code points.
ODD = ["\x00", "\x07", "\x1b", "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\u0301",
       "\ud800", "\udfff", "\ue000", "\U0010ffff", "\x85", "\u2028", "\r", "\t", "\x0c"]
SCRIPTS = ["\u0627\u0644\u0639\u0631\u0627\u0642", "\u05d9\u05e9\u05e8\u05d0\u05dc",
           "\u4e2d\u56fd", "\u0420\u043e\u0441\u0441\u0438\u044f", "\U0001f1f7\U0001f1fa",
           "\U0001f4a3", "\U0001f600\u200d\U0001f525", "\u0928\u0947\u092a\u093e\u0932"]
PUNCTUATION = list(".,;:!?()[]{}\"'-\u2014\u2013/\\|*&^%$#@~`<>=+_")


def sentence(rng: random.Random) -> str:
    return (f"{rng.choice(COUNTRIES)} {rng.choice(VERBS)} {rng.choice(COUNTRIES)} "
            f"{rng.choice(WHEN)}.").replace(" .", ".")


def random_unicode(rng: random.Random) -> str:
    return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randrange(1, 400)))


def noisy_news(rng: random.Random) -> str:
    words = " ".join(sentence(rng) for _ in range(rng.randrange(1, 12))).split(" ")
    for _ in range(rng.randrange(1, 20)):
        words.insert(rng.randrange(len(words) + 1), rng.choice(ODD + SCRIPTS + PUNCTUATION))
    return " ".join(words)


def repeated_words(rng: random.Random) -> str:
    return (rng.choice(NOUNS + VERBS) + " ") * rng.choice([500, 2_000, 10_000])


def tag_line(rng: random.Random) -> str:
    return sentence(rng) + "\nTags: " + ", ".join(rng.choices(NOUNS + COUNTRIES, k=600))


def table(rng: random.Random) -> str:
    rows = [" | ".join(rng.choices(COUNTRIES + NOUNS + ["12.5", "-3", "n/a"], k=6))
            for _ in range(rng.randrange(5, 80))]
    return sentence(rng) + "\n" + "\n".join(rows)


def punctuation(rng: random.Random) -> str:
    return "".join(rng.choices(PUNCTUATION + [" ", "\n"], k=rng.randrange(1, 3_000)))


def symbol_run(rng: random.Random) -> str:
    """Quotes, brackets or emoji with no space between them, which a tokenizer peels one at a
    time (the cost grew with the square of the run before the reading copy broke it up)."""
    symbols = rng.choice([["'"], ['"'], ["(", ")"], ["\U0001F600"], PUNCTUATION])
    return sentence(rng) + " " + "".join(rng.choices(symbols, k=rng.randrange(1_000, 20_000)))


def long_sentence(rng: random.Random) -> str:
    clauses = [f"{rng.choice(COUNTRIES)} {rng.choice(VERBS)} {rng.choice(COUNTRIES)}"
               for _ in range(rng.randrange(20, 150))]
    return ", and ".join(clauses) + "."


def mixed_scripts(rng: random.Random) -> str:
    return " ".join(rng.choice(SCRIPTS + COUNTRIES + VERBS) for _ in range(rng.randrange(5, 200)))


def dateline(rng: random.Random) -> str:
    day = rng.choice(["0001-01-01", "9999-12-31", "1799-12-31", "2101-01-01", "2024-02-29"])
    return f"{day}\n{sentence(rng)} {sentence(rng)}"


KINDS: dict[str, Callable[[random.Random], str]] = {
    "random unicode": random_unicode, "noisy news": noisy_news,
    "repeated words": repeated_words, "tag line": tag_line, "table": table,
    "punctuation": punctuation, "symbol run": symbol_run, "long sentence": long_sentence,
    "mixed scripts": mixed_scripts, "dateline": dateline,
}
DATES = [None, "2008-08-01", "0001-01-01", "9999-12-31"]


def main() -> int:
    parser = argparse.ArgumentParser(description="Fuzz Coder().code_text with hostile texts.")
    parser.add_argument("--texts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--show", type=int, default=3, help="errors to print in full")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    coder = Coder()
    errors: list[tuple[str, str]] = []
    timings: list[tuple[float, str, int]] = []
    for _ in range(args.texts):
        kind = rng.choice(list(KINDS))
        text = KINDS[kind](rng)
        date = rng.choice(DATES)
        started = time.perf_counter()
        try:
            coder.code_text(text, date=date)
        except Exception:
            errors.append((kind, traceback.format_exc(limit=-3)))
        timings.append((time.perf_counter() - started, kind, len(text)))
    for kind, trace in errors[: args.show]:
        print(f"--- {kind}\n{trace}", file=sys.stderr)
    slowest, slow_kind, slow_length = max(timings)
    median = statistics.median(t for t, _, _ in timings)
    print(f"{args.texts} texts (seed {args.seed}): {len(errors)} exceptions; slowest "
          f"{slowest:.2f} s ({slow_kind}, {slow_length:,} characters); "
          f"median {median * 1000:.0f} ms")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
