"""Code PETRARCH2's validation suite with detente and its own dictionaries, read through
``detente.petrarch``.

The suite (``../shared/peers/petrarch2``, see its SOURCE.txt) holds 284 ``<Sentence>`` records,
279 of them scored (``sentence="true"``), each with a date, the raw ``<Text>``, a parse tree
(not used: detente parses the text itself) and the expected events as ``<EventCoding
sourcecode= targetcode= eventcode=>`` (or ``noevents="True"``). Its actors are fictional
(Arnor, Gondor, ...) and defined in ``PETR.Validate.{verbs,actors,agents}.txt``, which are passed
to the coder as ``--dictionary`` files; detente's own tables still cover everything else.

Scoring, PETRARCH's definition: a record is coded right when the set of (source code, target
code, CAMEO code) triples detente emits for it equals the expected set (empty for
``noevents``); a missing actor is ``---`` as in PETRARCH's output. Partial credit: event recall
(expected triples found) and precision (emitted triples expected), over all records. Events
inside one state are coded (``domestic``), as PETRARCH does. The suite's discard list is not
used (detente has no discards). Records whose expected codes lie outside the CAMEO codebook
(the suite keeps old WEIS-style codes such as 903 or 1717) cannot be coded right by detente,
whose events need a codebook entry: their share is printed apart.

    .venv/bin/python bench/petrarch_validation.py
    .venv/bin/python bench/petrarch_validation.py --show-misses
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SUITE = Path(__file__).resolve().parents[1].parent / "shared" / "peers" / "petrarch2"
DICTIONARIES = ("PETR.Validate.verbs.txt", "PETR.Validate.actors.txt", "PETR.Validate.agents.txt")
RECORDS = Path("text") / "PETR.UnitTest.records.xml"

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class Record:
    record_id: str
    category: str
    date: str | None  # ISO
    text: str
    expected: frozenset[Triple]


def read_records(path: Path) -> list[Record]:
    """The scored records (``sentence="true"``) of the validation file."""
    root = ET.parse(path).getroot()
    records = []
    for sentence in root.iter("Sentence"):
        if sentence.get("sentence", "true").lower() != "true":
            continue
        expected = frozenset(
            (_code(c.get("sourcecode")), _code(c.get("targetcode")), (c.get("eventcode") or ""))
            for c in sentence.iter("EventCoding")
            if (c.get("noevents") or "").lower() != "true"
        )
        raw_date = sentence.get("date") or ""
        date = f"{raw_date[:4]}-{raw_date[4:6]}-{raw_date[6:8]}" if len(raw_date) == 8 else None
        # one line: detente starts a sentence at every line break, the suite wraps its text
        text = " ".join((sentence.findtext("Text") or "").split())
        records.append(Record(sentence.get("id", "?"), sentence.get("category", ""), date,
                              text, expected))
    return records


def _code(value: str | None) -> str:
    value = (value or "").strip().strip('"')
    return value.upper() if value else "---"


def produced(events) -> frozenset[Triple]:
    return frozenset(
        (_code(e.source.code if e.source else None), _code(e.target.code if e.target else None),
         e.cameo)
        for e in events
    )


@dataclass
class Score:
    records: int = 0
    right: int = 0
    expected: int = 0
    emitted: int = 0
    matched: int = 0

    def add(self, expected: frozenset[Triple], got: frozenset[Triple]) -> None:
        self.records += 1
        self.right += expected == got
        self.expected += len(expected)
        self.emitted += len(got)
        self.matched += len(expected & got)

    def row(self, name: str) -> str:
        share = self.right / self.records if self.records else 0.0
        recall = self.matched / self.expected if self.expected else 0.0
        precision = self.matched / self.emitted if self.emitted else 0.0
        return (f"{name:<28}{self.records:>8}{self.right:>7}{share:>8.1%}"
                f"{recall:>9.2f}{precision:>7.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--suite", type=Path, default=DEFAULT_SUITE,
                        help="PETRARCH2 data folder (text/, dictionaries/)")
    parser.add_argument("--show-misses", action="store_true",
                        help="list every record not coded exactly right")
    args = parser.parse_args(argv)
    records_path = args.suite / RECORDS
    if not records_path.is_file():
        print(f"PETRARCH2 validation suite not found at {records_path}; nothing scored "
              "(it is expected in ../shared/peers/petrarch2).")
        return 0

    from detente.codebook import load_codebook
    from detente.coder import Article, Coder

    dictionaries = [args.suite / "dictionaries" / name for name in DICTIONARIES]
    coder = Coder(dictionaries=dictionaries, domestic=True)
    for report in coder.dictionary_reports:
        counts = ", ".join(f"{n} {what}" for what, n in sorted(report["counts"].items()))
        print(f"{Path(report['path']).name}: {counts}")
    records = read_records(records_path)
    codebook = load_codebook()
    articles = [Article(r.record_id, r.text, r.date, meta=r) for r in records]
    scores: dict[str, Score] = {"all": Score(), "expected codes in CAMEO": Score()}
    by_category: dict[str, Score] = {}
    misses = []
    for article, events in coder.code_articles(articles):
        record: Record = article.meta
        got = produced(events)
        scores["all"].add(record.expected, got)
        if all(code in codebook for _, _, code in record.expected):
            scores["expected codes in CAMEO"].add(record.expected, got)
        by_category.setdefault(record.category.upper(), Score()).add(record.expected, got)
        if got != record.expected:
            misses.append((record, got))
    print(f"\n{'records':<28}{'scored':>8}{'right':>7}{'exact':>8}{'recall':>9}{'prec':>7}")
    for name, score in scores.items():
        print(score.row(name))
    print()
    for name in sorted(by_category):
        print(by_category[name].row(f"  {name}"))
    causes = Counter(_cause(record, got) for record, got in misses)
    print("\nmisses by kind: " + ", ".join(f"{n} {c}" for c, n in causes.most_common()))
    if args.show_misses:
        for record, got in misses:
            print(f"\n{record.record_id} [{record.category}] {record.text}\n"
                  f"  expected {sorted(record.expected)}\n  detente  {sorted(got)}")
    return 0


def _cause(record: Record, got: frozenset[Triple]) -> str:
    """A rough kind for a miss: which part of the triples disagrees."""
    if not got:
        return "nothing coded"
    if not record.expected:
        return "events where none expected"
    dyads = {(s, t) for s, t, _ in record.expected}
    if dyads & {(s, t) for s, t, _ in got}:
        return "right dyad, other code or extra events"
    codes = {c for _, _, c in record.expected}
    if codes & {c for _, _, c in got}:
        return "right code, other actors"
    return "other events"


if __name__ == "__main__":
    sys.exit(main())
