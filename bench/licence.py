"""Does a change to the coder earn its place? The three-story count, read against the gold.

The project's rule: a rule or lexicon entry earns its place when it fires correctly in at least
three different stories of ../shared/corpora/voa. Every story of that corpus is hand-coded
(voa_dev and voa_dev2 in ../shared/gold, voa_t and voa_u in bench/data/voa_corpus), so
"correctly" can be counted rather than judged by eye: this script codes the corpus with a
baseline revision of src/ (taken with `git archive`, HEAD unless told) and with the working
tree, and compares the two at the scoring unit, (sentence, source country, target country,
quad class). Each tuple the change added or removed is marked by the gold: a core item of its
sentence, an optional one, or none (a false event). It prints them, then the stories where the
change added right tuples (the count the rule asks for), added false ones, or lost right ones.

    .venv/bin/python bench/licence.py                    # the working tree against HEAD
    .venv/bin/python bench/licence.py --baseline HEAD~3  # or against an earlier commit
    .venv/bin/python bench/licence.py --articles         # also every set of bench/data/articles
    .venv/bin/python bench/licence.py --revision 2c10e1e --articles  # a commit against its parent

``--articles`` adds the hand-coded article sets (invented stories, marked the same way) as a
second table: they are not what the rule counts, and their blind sets are printed as counts
only, never their sentences; its last lines split the article sets' changes into development
and blind sets, to see whether the sets development reads predict the ones it does not.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from accuracy import SHARED, alias_map, item_matches, normalise, usable_sets

ROOT = Path(__file__).resolve().parents[1]
CORPUS = SHARED / "corpora" / "voa" / "voa_stories.jsonl"
VOA_GOLD = (SHARED / "gold" / "voa_dev.yaml", SHARED / "gold" / "voa_dev2.yaml",
            *sorted((ROOT / "bench" / "data" / "voa_corpus").glob("*.yaml")))
ARTICLES = ROOT / "bench" / "data" / "articles"
# a blind set's first line says so: its figures may be read, never its sentences
BLIND_MARK = "# BLIND"
VERDICTS = ("core", "optional", "false")
# the keys of a verbs.yaml entry that restrict where it codes (verbs.yaml's header)
CONSTRAINTS = ("prep", "particle", "object", "modifier", "target_kind", "prep_object", "negated",
               "addressee", "xcomp")


@dataclass(frozen=True)
class Tuple:
    """The scoring unit of bench/accuracy.py, with the story it is in."""

    story: str
    sentence: str
    source: str
    target: str
    quad: int


@dataclass
class Story:
    """A story's gold: its items with the set's country aliases, and whether it is blind."""

    items: list[tuple[str, dict, dict[str, str]]]  # (core|optional, item, aliases)
    blind: bool = False


# ---- coding, in a child process so that each revision imports its own detente ------------
def dump_events(documents: list[dict], out: Path, dictionaries: list[str]) -> None:
    """Code each document (doc_id, date, text) and write its event tuples as JSON lines."""
    from detente.coder import Coder

    coder = Coder(dictionaries=dictionaries)
    with out.open("w", encoding="utf-8") as handle:
        for document in documents:
            for event in coder.code_text(document["text"], document["doc_id"],
                                         document.get("date")):
                handle.write(json.dumps({
                    "story": document["doc_id"], "sentence": event.sentence,
                    "source": event.source.country or "", "target": event.target.country or "",
                    "quad": event.quad_class, "cameo": event.cameo,
                    "trigger": event.trigger.text.lower()}) + "\n")


def coded(source_dir: Path, documents: list[dict], work: Path, name: str,
          dictionaries: Iterable[str] = ()) -> list[dict]:
    """The events a tree's src/ codes for the documents (run with that tree first on the path),
    with extension dictionaries if given."""
    documents_file, out = work / "documents.json", work / f"{name}.jsonl"
    documents_file.write_text(json.dumps(documents))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(source_dir), str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, __file__, "--dump", str(documents_file), str(out),
                    *(f"--dictionary={path}" for path in dictionaries)], env=env, check=True)
    return [json.loads(line) for line in out.read_text().splitlines() if line]


def baseline_source(revision: str, work: Path) -> Path:
    """src/ as it was at a revision, unpacked under ``work``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "src"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(work)], input=archive, check=True)
    return work / "src"


def revision_sources(args: argparse.Namespace, work: Path) -> tuple[Path, Path]:
    """src/ before and after the change counted: the working tree against --baseline, or a
    revision (--revision) against its parent."""
    if args.dictionary:
        return ROOT / "src", ROOT / "src"
    if args.revision:
        (work / "before").mkdir()
        (work / "after").mkdir()
        return (baseline_source(f"{args.revision}^", work / "before"),
                baseline_source(args.revision, work / "after"))
    return baseline_source(args.baseline, work), ROOT / "src"


# ---- gold ----------------------------------------------------------------------------------
def stories_with_gold(gold_files: Iterable[Path]) -> tuple[list[dict], dict[str, Story]]:
    """The documents of the gold sets and each one's items. Items without a `doc` belong to
    the document whose text holds their key (a key occurs once in its set)."""
    documents: dict[str, dict] = {}
    stories: dict[str, Story] = {}
    for gold_file, gold, docs in usable_sets(gold_files):
        blind = gold_file.read_text(encoding="utf-8").startswith(BLIND_MARK)
        aliases = alias_map(gold)
        for doc in docs:
            doc_id = _story_id(doc["doc_id"])
            documents.setdefault(doc_id, {**doc, "doc_id": doc_id})
            stories.setdefault(doc_id, Story(items=[], blind=blind))
        for kind in ("core", "optional"):
            for item in gold.get(kind) or []:
                doc_id = _item_story(item, docs)
                if doc_id is not None:
                    stories[doc_id].items.append((kind, item, aliases))
    return list(documents.values()), stories


def _story_id(doc_id: str) -> str:
    return str(doc_id).removeprefix("voa-")


def _item_story(item: dict, docs: list[dict]) -> str | None:
    if item.get("doc") is not None:
        return _story_id(item["doc"])
    key = normalise(item["key"])
    return next((_story_id(d["doc_id"]) for d in docs if key in normalise(d["text"])), None)


def verdict(found: Tuple, story: Story | None) -> str:
    """core, optional or false: the best gold item the tuple matches in its story."""
    kinds = {kind for kind, item, aliases in (story.items if story else [])
             if item_matches(item, found.sentence, aliases.get(found.source, found.source),
                             aliases.get(found.target, found.target), found.quad)}
    return next((kind for kind in VERDICTS[:2] if kind in kinds), "false")


# ---- comparison ----------------------------------------------------------------------------
def tuples(events: list[dict]) -> set[Tuple]:
    """The distinct scored tuples of a run (both countries known and different)."""
    return {Tuple(e["story"], " ".join(e["sentence"].split()), e["source"], e["target"],
                  int(e["quad"]))
            for e in events if e["source"] and e["target"] and e["source"] != e["target"]}


def compare(before: set[Tuple], after: set[Tuple], stories: dict[str, Story]
            ) -> dict[str, list[tuple[Tuple, str]]]:
    """The tuples added and removed, each with its verdict."""
    return {
        "added": sorted(((t, verdict(t, stories.get(t.story))) for t in after - before),
                        key=lambda pair: (pair[0].story, pair[0].sentence)),
        "removed": sorted(((t, verdict(t, stories.get(t.story))) for t in before - after),
                          key=lambda pair: (pair[0].story, pair[0].sentence)),
    }


def story_counts(changes: dict[str, list[tuple[Tuple, str]]]) -> dict[str, set[str]]:
    """The stories in which the change added right tuples, added false ones, lost right ones,
    and lost false ones."""
    counts: dict[str, set[str]] = defaultdict(set)
    for direction, found in changes.items():
        for change, mark in found:
            right = "right" if mark != "false" else "false"
            counts[f"{direction} {right}"].add(change.story)
    return counts


def by_trigger(events: list[dict], changes: dict[str, list[tuple[Tuple, str]]]
               ) -> dict[str, dict[str, set[str] | int]]:
    """For each trigger word of the added tuples: the stories where it added right ones, and
    how many false ones it added."""
    trigger_of: dict[Tuple, str] = {}
    for event in events:
        for found in tuples([event]):
            trigger_of.setdefault(found, event["trigger"])
    table: dict[str, dict[str, set[str] | int]] = defaultdict(lambda: {"right": set(), "false": 0})
    for found, mark in changes["added"]:
        row = table[trigger_of.get(found, "?")]
        if mark == "false":
            row["false"] += 1
        else:
            row["right"].add(found.story)
    return table


def gated_defaults(verbs_file: Path) -> dict:
    """An extension dictionary giving every verb lemma that codes only under a constraint
    (an object, a preposition, a particle ...) a default sense: its entries' commonest code."""
    table = yaml.safe_load(verbs_file.read_text(encoding="utf-8"))
    entries: dict[str, list[dict]] = defaultdict(list)
    for entry in table.get("verbs") or []:
        entries[entry["lemma"]].append(entry)
    defaults = []
    for lemma, senses in entries.items():
        if all(any(key in sense for key in CONSTRAINTS) for sense in senses):
            codes = Counter(str(sense["code"]) for sense in senses)
            defaults.append({"lemma": lemma, "code": codes.most_common(1)[0][0]})
    return {"verbs": defaults}


def report(title: str, changes: dict[str, list[tuple[Tuple, str]]], stories: dict[str, Story]
           ) -> None:
    print(f"== {title}")
    for direction, found in changes.items():
        for change, mark in found:
            story = stories.get(change.story)
            sentence = "(blind set: sentence not shown)" if story and story.blind \
                else change.sentence[:110]
            sign = "+" if direction == "added" else "-"
            print(f"  {sign} {mark:8} {change.story:10} {change.source}->{change.target} "
                  f"q{change.quad}  {sentence}")
    counts = story_counts(changes)
    for label in ("added right", "added false", "removed right", "removed false"):
        tuples_of = [c for c, mark in changes[label.split()[0]]
                     if (mark != "false") == (label.split()[1] == "right")]
        print(f"  {label:14} {len(tuples_of):4} tuples in {len(counts[label]):3} stories")
    print(f"  licence: right events added in {len(counts['added right'])} stories "
          "(the rule asks for three)")
    if any(story.blind for story in stories.values()):
        print_split(changes, stories)


def print_split(changes: dict[str, list[tuple[Tuple, str]]], stories: dict[str, Story]
                ) -> None:
    """The same tuples, development sets against blind ones: whether what a change does on
    the sets development reads is what it does on the sets it never reads."""
    for blind, name in ((False, "development"), (True, "blind")):
        marks: Counter[str] = Counter()
        for direction, found in changes.items():
            for change, mark in found:
                story = stories.get(change.story)
                if story is not None and story.blind == blind:
                    marks[f"{'+' if direction == 'added' else '-'}{mark}"] += 1
        print(f"  {name:12} " + ", ".join(
            f"{sign}{kind} {marks[sign + kind]}" for kind in VERDICTS for sign in "+-"))


def main() -> int:
    parser = argparse.ArgumentParser(
        description="The three-story count of a change: the VOA stories where it adds or "
                    "removes events, each marked right or false by the corpus's gold.",
        epilog="Examples: .venv/bin/python bench/licence.py --baseline HEAD;  "
               ".venv/bin/python bench/licence.py --gated-defaults /tmp/d.yaml && "
               ".venv/bin/python bench/licence.py --dictionary /tmp/d.yaml --articles")
    parser.add_argument("--baseline", default="HEAD", help="git revision to compare against")
    parser.add_argument("--revision", metavar="REV",
                        help="count a committed change instead: REV against its parent (a "
                             "candidate: git log --grep '^Candidate')")
    parser.add_argument("--articles", action="store_true",
                        help="also the article sets of bench/data/articles")
    parser.add_argument("--dictionary", action="append", default=[], metavar="FILE",
                        help="compare the working tree with and without this extension "
                             "dictionary (repeatable), per trigger word, instead of a revision")
    parser.add_argument("--gated-defaults", metavar="FILE",
                        help="write an extension giving each verb that codes only under a "
                             "constraint a default sense, to try with --dictionary")
    parser.add_argument("--dump", nargs=2, metavar=("DOCUMENTS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        dump_events(json.loads(Path(args.dump[0]).read_text()), Path(args.dump[1]),
                    args.dictionary)
        return 0
    if args.gated_defaults:
        found = gated_defaults(ROOT / "src" / "detente" / "data" / "verbs.yaml")
        Path(args.gated_defaults).write_text(yaml.safe_dump(found, sort_keys=False))
        print(f"{len(found['verbs'])} default senses written to {args.gated_defaults}")
        return 0
    if not CORPUS.exists():
        print(f"no corpus at {CORPUS}: nothing to count")
        return 0
    groups = [("VOA corpus (the rule's count)", VOA_GOLD)]
    if args.articles:
        groups.append(("article sets (not the rule's count)", sorted(ARTICLES.glob("*.yaml"))))
    with tempfile.TemporaryDirectory(prefix="detente-licence-") as tmp:
        work = Path(tmp)
        try:
            before_src, after_src = revision_sources(args, work)
        except subprocess.CalledProcessError as failed:
            reason = (failed.stderr or b"").decode(errors="replace").strip().splitlines()
            print(f"git archive {args.revision or args.baseline} failed: "
                  f"{reason[0] if reason else failed}", file=sys.stderr)
            return 2
        for title, gold_files in groups:
            documents, stories = stories_with_gold(gold_files)
            before = tuples(coded(before_src, documents, work, "before"))
            after_events = coded(after_src, documents, work, "after", args.dictionary)
            changes = compare(before, tuples(after_events), stories)
            report(title, changes, stories)
            if args.dictionary:
                print_triggers(by_trigger(after_events, changes))
    return 0


def print_triggers(table: dict[str, dict[str, set[str] | int]]) -> None:
    print("  trigger                   stories with right tuples added   false tuples added")
    for trigger, row in sorted(table.items(), key=lambda item: (-len(item[1]["right"]),
                                                                 -item[1]["false"], item[0])):
        print(f"  {trigger:25} {len(row['right']):>10} {row['false']:>24}")


if __name__ == "__main__":
    sys.exit(main())
