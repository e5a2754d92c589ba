"""Parser robustness: sentences written for this bench, coded plain and perturbed the way wire
copy perturbs them, with the mechanism that handles each perturbation on and off.

    .venv/bin/python bench/parse_robustness.py [--show]

A variant counts as robust when it codes the same (source country, CAMEO root, target country)
set as its plain sentence. Datelines are measured on real stories by bench/datelines.py.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator

from detente.coder import Coder
from detente.nlp import REPAIRS
from detente.reading import NormalisingTokenizer

PLAIN = [
    "Norway and Denmark signed a fisheries agreement on Monday.",
    "Iran strongly condemned Israel over the raid.",
    "Chile expelled the Peruvian ambassador after the dispute.",
    "Japan sent emergency aid to the Philippines.",
    "The United Kingdom and France signed a defence pact.",
    "Russian troops attacked Georgian villages.",
    "Turkey condemned Greece over the naval drills.",
    "Kenya accused Uganda of arming rebels.",
    "The Kremlin's special envoy met Iranian officials in Tehran.",
    "Egypt welcomed the Jordanian foreign minister.",
]
# a weekday after a name: the plain form says "on Monday"
DATED = [
    "Norway hosted German Chancellor Hans Weber{}.",
    "Norway criticized Sweden{}.",
    "Chile expelled Peruvian diplomat Luis Soto{}.",
    "Japan's prime minister met South Korean President Min-jun Lee{} in Tokyo.",
    "Egypt welcomed Jordanian Foreign Minister Omar Haddad{}.",
    "Kenya accused Ugandan troops{} of crossing the border.",
    "Brazil's president visited Argentine President Luis Gomez{}.",
    "Germany thanked French Foreign Minister Claire Dubois{}.",
    "Vietnam protested Chinese ships{} near the islands.",
    "Canada hosted Mexican President Elena Ruiz{}.",
]
# lists: the plain form has no serial comma
LISTS = [
    "Peru, Chile{} and Bolivia accused Argentina of dumping beef.",
    "Sweden, Finland{} and Norway condemned Russia.",
    "Estonia, Latvia{} and Lithuania expelled Russian diplomats.",
    "France, Germany{} and Italy signed a trade agreement with Japan.",
    "Japan signed agreements with France, Germany{} and Italy.",
    "Norway, Sweden{} and the European Union condemned Russia.",
    "The United States, Britain{} and the European Union imposed sanctions on Iran.",
    "Poland, the Czech Republic{} and Hungary criticized the European Commission.",
    "Kenya, Uganda{} and Tanzania signed a customs pact with Rwanda.",
    "China accused Japan, South Korea{} and Australia of provoking tensions.",
    "Cuba, Venezuela{} and Nicaragua denounced the United States.",
    "Egypt, Jordan{} and Saudi Arabia urged Israel to halt the offensive.",
]


def odd_case(word: str) -> str:
    """"fRance", "tHe": the second letter's case flipped."""
    return word[0].lower() + word[1].upper() + word[2:]


def casing_variants() -> Iterator[tuple[str, str]]:
    for plain in PLAIN:
        words = plain.split(" ")
        for i, word in enumerate(words):
            if len(word) > 2 and word.isalpha():
                yield plain, " ".join([*words[:i], odd_case(word), *words[i + 1:]])
        yield plain, plain.upper()


def quote_variants() -> Iterator[tuple[str, str]]:
    for plain in PLAIN:
        words = plain.rstrip(".").split(" ")
        for i, word in enumerate(words):
            if word.isalpha() and word.islower() and len(word) > 3:  # content words
                for mark in ("'", '"'):
                    quoted = [*words[:i], f"{mark}{word}{mark}", *words[i + 1:]]
                    yield plain, " ".join(quoted) + "."


def weekday_variants() -> Iterator[tuple[str, str]]:
    for template in DATED:
        yield template.format(" on Monday"), template.format(" Monday")


def list_variants() -> Iterator[tuple[str, str]]:
    for template in LISTS:
        yield template.format(""), template.format(",")


def score(coder: Coder, pairs: list[tuple[str, str]], show: bool) -> int:
    def coded(text: str) -> set[tuple]:
        return {(e.source.country, e.cameo_root, e.target.country)
                for e in coder.code_text(text, date="2025-03-03")}

    same = 0
    for plain, variant in pairs:
        expected, found = coded(plain), coded(variant)
        same += bool(expected) and found == expected
        if show and found != expected:
            print(f"    {variant!r}: {sorted(found)} (plain: {sorted(expected)})")
    return same


def without_reading(coder: Coder) -> None:
    if isinstance(coder.nlp.tokenizer, NormalisingTokenizer):
        coder.nlp.tokenizer = coder.nlp.tokenizer.tokenizer


def without_repairs(coder: Coder) -> None:
    if REPAIRS in coder.nlp.pipe_names:
        coder.nlp.remove_pipe(REPAIRS)


CASES: list[tuple[str, Callable[[], Iterator[tuple[str, str]]], Callable[[Coder], None]]] = [
    ("odd casing (reading copy)", casing_variants, without_reading),
    ("one word in quotes (reading copy)", quote_variants, without_reading),
    ("weekday after a name (repair)", weekday_variants, without_repairs),
    ("serial-comma list (repair)", list_variants, without_repairs),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the variants that differ")
    args = parser.parse_args()
    on = Coder()
    print(f"{'perturbation':36} {'variants':>8} {'robust on':>10} {'robust off':>11}")
    for name, variants, switch_off in CASES:
        pairs = list(variants())
        off = Coder()  # each mechanism switched off alone
        switch_off(off)
        print(f"{name:36} {len(pairs):8} {score(on, pairs, args.show):10} "
              f"{score(off, pairs, False):11}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
