"""Turn a gold set coded on stories of a shared corpus into one that holds no text of theirs.

A coder writes gold the usual way (``NAME.jsonl`` with the stories, ``NAME.yaml`` with `key`
phrases, ../shared/gold/README.md). The project may not keep the stories' text, so this writes
the same items with `doc`, `span` (the key's character offsets in the story) and `sha1` (the
first 10 hex digits of the key's SHA-1) in place of `key`, and the corpus and story ids in the
header; `bench/accuracy.py` reads the keys back from the corpus at scoring time.

    .venv/bin/python bench/corpus_gold.py --set /tmp/voa_t.yaml \\
        --corpus corpora/voa/voa_stories.jsonl --out bench/data/voa_corpus/voa_t.yaml

Story ids in the set's JSONL may carry a prefix (``voa-8011115``); `--prefix` strips it.
Comments of the input are not copied (they may quote the stories): write the header by hand.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml
from accuracy import SHARED, key_digest

ITEM_FIELDS = ("src", "tgt", "quads", "roots", "symmetric", "modality")


def locate(key: str, text: str) -> tuple[int, int] | None:
    """Where a key (whitespace collapsed, case ignored) stands in a story, if exactly once."""
    pattern = r"\s+".join(re.escape(word) for word in key.split())
    found = list(re.finditer(pattern, text, flags=re.IGNORECASE))
    return (found[0].start(), found[0].end()) if len(found) == 1 else None


def convert(gold: dict, documents: list[dict], prefix: str) -> tuple[dict, list[str]]:
    """The items with offsets instead of keys, and a problem line for each key not placed."""
    stories = {doc["doc_id"].removeprefix(prefix): doc["text"] for doc in documents}
    problems: list[str] = []
    converted: dict = {"country_aliases": gold.get("country_aliases") or {}}
    for section in ("core", "optional"):
        converted[section] = []
        for item in gold.get(section) or []:
            placed = [(doc_id, span) for doc_id, text in stories.items()
                      if (span := locate(item["key"], text)) is not None]
            if len(placed) != 1:
                problems.append(f"{section}: key {item['key']!r} is not once in one story")
                continue
            doc_id, (start, end) = placed[0]
            entry = {"doc": doc_id, "span": [start, end],
                     "sha1": key_digest(stories[doc_id][start:end])}
            entry.update({f: item[f] for f in ITEM_FIELDS if f in item})
            converted[section].append(entry)
    return converted, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, required=True, help="gold YAML with keys")
    parser.add_argument("--corpus", required=True, help="the corpus, relative to ../shared")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--prefix", default="voa-", help="prefix of the set's story ids")
    args = parser.parse_args()
    gold = yaml.safe_load(args.set.read_text())
    documents = [json.loads(line)
                 for line in args.set.with_suffix(".jsonl").read_text().splitlines()]
    corpus_ids = {str(json.loads(line)["id"])
                  for line in (SHARED / args.corpus).read_text().splitlines()}
    converted, problems = convert(gold, documents, args.prefix)
    ids = [doc["doc_id"].removeprefix(args.prefix) for doc in documents]
    problems += [f"story {i} is not in the corpus" for i in ids if i not in corpus_ids]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    header = {"corpus": args.corpus, "documents": ids}
    body = yaml.safe_dump(header, sort_keys=False, width=100)
    body += yaml.safe_dump({"country_aliases": converted["country_aliases"]},
                           sort_keys=False, default_flow_style=None, width=100)
    for section in ("core", "optional"):
        body += f"{section}:\n" + "".join(
            "  - " + json.dumps(item, ensure_ascii=False) + "\n" for item in converted[section])
    args.out.write_text(body)
    print(f"{args.out}: {len(converted['core'])} core, {len(converted['optional'])} optional")
    return 0


if __name__ == "__main__":
    sys.exit(main())
