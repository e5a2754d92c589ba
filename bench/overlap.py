"""Word runs the project's text shares with other texts: ../shared's stories, gold and peers.

The project writes its own text, tests and sample data; a run of N or more words (8 by
default) that a project file has in common with a story of ../shared/corpora, a gold set's
text or a peer's documentation is either a fact carried over (a code label, a list of field
names) or a copied sentence, to be read and judged. The script finds them:

    python bench/overlap.py                      # counts per project file and source
    python bench/overlap.py --show               # and each run, with the file it shares
    python bench/overlap.py --against DIR ...    # also compare with other folders' files
    python bench/overlap.py --words 10           # longer runs only

Words are compared in lower case, punctuation and markup left out, so that a sentence copied
into a JSON string, a YAML comment or a Python literal is found as in running text. A JSON
Lines file is read as the strings of its records (escapes undone).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_SOURCES = ("corpora", "gold", "peers")
# Files read as text; anything else (images, Parquet) has no sentences to compare.
TEXT_SUFFIXES = {".py", ".md", ".rst", ".txt", ".yaml", ".yml", ".json", ".jsonl", ".tsv",
                 ".csv", ".html", ".js", ".css", ".xml", ".ini", ".cfg", ".toml", ".tex",
                 ".r", ".rd", ".rmd", ".svg", ""}
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Curly quotes and dashes read as their plain forms, so a retyped copy still matches.
PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u2014": "-"})


@dataclass(frozen=True)
class Run:
    """Words [start, end) of a project file that are also in a source file, in that order."""
    start: int
    end: int
    source: str


def json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def file_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".jsonl":
        strings = []
        for line in text.splitlines():
            try:
                strings.extend(json_strings(json.loads(line)))
            except json.JSONDecodeError:
                strings.append(line)
        text = "\n".join(strings)
    return text


def words_of(text: str) -> list[str]:
    return WORD.findall(text.translate(PLAIN).lower())


def readable(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in TEXT_SUFFIXES


def project_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.split("\n")
    return [ROOT / name for name in listed if name and readable(ROOT / name)]


def source_files(folders: list[Path]) -> list[Path]:
    found = []
    for folder in folders:
        if folder.is_file():
            found.append(folder)
        elif folder.is_dir():
            found.extend(path for path in sorted(folder.rglob("*"))
                         if readable(path) and ".git" not in path.parts)
    return found


def shingle_index(paths: list[Path], size: int, base: Path) -> dict[tuple[str, ...], str]:
    """Each run of `size` words of the sources, to the first source file that has it."""
    index: dict[tuple[str, ...], str] = {}
    for path in paths:
        words = words_of(file_text(path))
        name = str(path.relative_to(base)) if path.is_relative_to(base) else str(path)
        for at in range(len(words) - size + 1):
            index.setdefault(tuple(words[at:at + size]), name)
    return index


def shared_runs(words: list[str], index: dict[tuple[str, ...], str], size: int) -> list[Run]:
    """The longest runs of the file's words made of shingles the sources have."""
    runs: list[Run] = []
    for at in range(len(words) - size + 1):
        source = index.get(tuple(words[at:at + size]))
        if source is None:
            continue
        if runs and at <= runs[-1].end - size + 1:
            last = runs[-1]
            runs[-1] = Run(last.start, at + size, last.source)
        else:
            runs.append(Run(at, at + size, source))
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=8, help="shortest run reported (8)")
    parser.add_argument("--against", type=Path, nargs="*", default=[],
                        help="further folders or files to compare with")
    parser.add_argument("--no-shared", action="store_true",
                        help="compare with --against only, not ../shared")
    parser.add_argument("--show", action="store_true", help="print each run")
    args = parser.parse_args(argv)
    folders = [] if args.no_shared else [SHARED / name for name in SHARED_SOURCES]
    sources = source_files(folders + list(args.against))
    if not sources:
        print("no source files to compare with", file=sys.stderr)
        return 2
    index = shingle_index(sources, args.words, SHARED.parent)
    per_source: dict[str, int] = defaultdict(int)
    total = 0
    for path in project_files():
        words = words_of(file_text(path))
        runs = shared_runs(words, index, args.words)
        if not runs:
            continue
        total += len(runs)
        print(f"{path.relative_to(ROOT)}: {len(runs)} run(s), "
              f"longest {max(run.end - run.start for run in runs)} words")
        for run in runs:
            per_source[run.source] += 1
            if args.show:
                print(f"    [{run.end - run.start} words, {run.source}] "
                      f"{' '.join(words[run.start:run.end])}")
    print(f"{total} run(s) of {args.words}+ words in common with {len(sources)} source files")
    for source, count in sorted(per_source.items(), key=lambda item: -item[1]):
        print(f"  {count:5d}  {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
