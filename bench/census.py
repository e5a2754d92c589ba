"""Count where the coder's senses fire on real news, and where verbs with actors code nothing.

The project's rule for the lexicon: an entry earns its place when it fires correctly in at
least three different stories of ../shared/corpora/voa. This script gives the counts to check
that rule, and the candidates for new default senses.

    .venv/bin/python bench/census.py               # every (rule, lemma, code): stories, events
    .venv/bin/python bench/census.py --lemma urge  # the events a lemma coded, with sentences
    .venv/bin/python bench/census.py --gaps        # verbs between two states that coded nothing
    .venv/bin/python bench/census.py --coding-cpu 6  # CPU seconds of coding alone, best of 6
    .venv/bin/python bench/census.py --pattern "is due in [A-Z]"   # stories with such a sentence
    .venv/bin/python bench/census.py --fires actors.resolve:DocumentActors._paragraph_state
    .venv/bin/python bench/census.py --events /tmp/now.tsv   # every event; diff two commits'
    .venv/bin/python bench/census.py --people /tmp/now.tsv   # every person named, with code
    .venv/bin/python bench/census.py --dates       # events whose sentence names a time, undated

``--dates`` counts the events whose sentence names a time (a month, a year, a weekday, "last
week") and which still carry only the article's date: where the dating missed, or the time
words date something else; ``--show`` lists them.
``--pattern`` counts the stories with a sentence the regular expression matches (case
ignored), to see whether a construction occurs at all before writing a rule for it.
``--fires`` counts the stories in which a function or method of the coder returns something
(anything truthy) while the corpus is coded, with the sentences it fired in: wrap a new rule in
a function of its own and this is the three-stories count. ``--show`` sets how many sentences
are printed. ``--events FILE`` writes every event the corpus codes, a line each (story, source,
target, CAMEO code, quad class, modality, trigger, sentence, source code, target code), so
that ``diff`` between two commits' files shows which real-news events a change moved ("-"
writes to standard output). ``--people FILE`` writes every person the corpus names (story,
name, actor code, role, words): the three-stories count of a rule of actors (a person's state
or sector), which may move no event at all (session 31's were counted so).

A gap is a verb whose subject and whose object (or prepositional object) resolve to actors of
two different states, and which no event was coded for. Parsed documents are cached in
/tmp (keyed by the model and the corpus size) so reruns spend their time on coding only.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from spacy.tokens import DocBin

from detente import nlp as nlp_module
from detente import parsetable
from detente.actors.people import parse_day
from detente.actors.resolve import DocumentActors
from detente.coder import Coder


def read_packaged_bytes(name: str) -> bytes:
    path = Path(nlp_module.__file__).parent / "data" / name
    return path.read_bytes() if path.exists() else b""


CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "voa"


def stories() -> list[dict]:
    found: list[dict] = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            found.extend(json.loads(line) for line in handle if line.strip())
    return found


def parsed(coder: Coder, records: list[dict]):
    # keyed by what shapes the parse: the pipeline's components and detente's nlp code and data
    package = Path(nlp_module.__file__).parent
    source = b"".join((package / name).read_bytes()
                      for name in ("nlp.py", "repair.py", "reparse.py", "structure.py",
                                   "reading.py", "cleantext.py")) + read_packaged_bytes(
                                       "lemmas.yaml")
    key = hashlib.sha256(source + " ".join(coder.nlp.pipe_names).encode()).hexdigest()[:12]
    cache = Path("/tmp") / f"detente-census-{coder.nlp.meta['name']}-{len(records)}-{key}.spacy"
    if cache.exists():
        return list(DocBin().from_disk(cache).get_docs(coder.nlp.vocab))
    docs = list(coder.nlp.pipe((r["text"] for r in records), disable=["detente_events"]))
    bin_ = DocBin(store_user_data=False)
    for doc in docs:
        bin_.add(doc)
    bin_.to_disk(cache)
    return docs


def coding_cpu(coder: Coder, records: list[dict], passes: int) -> float:
    """CPU seconds one pass of coding over the parsed corpus takes, best of ``passes``: the
    coder's own cost, apart from parsing and start-up (a warm-up pass first)."""
    docs = parsed(coder, records)
    dates = [(record.get("published") or "")[:10] or None for record in records]
    timings = []
    for _ in range(passes + 1):
        started = time.process_time()
        for doc, date in zip(docs, dates, strict=True):
            code(coder, doc, date)
        timings.append(time.process_time() - started)
    return min(timings[1:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lemma", help="print the events this trigger lemma coded")
    parser.add_argument("--gaps", action="store_true",
                        help="verbs between states that coded nothing")
    parser.add_argument("--min-stories", type=int, default=1)
    parser.add_argument("--coding-cpu", type=int, metavar="PASSES",
                        help="time the coding alone (parsed once): best of PASSES, CPU seconds")
    parser.add_argument("--pattern", metavar="REGEX",
                        help="count the stories with a sentence this expression matches")
    parser.add_argument("--fires", metavar="MODULE:NAME",
                        help="count the stories where this coder function returns something, "
                             "e.g. events.modality:is_negated")
    parser.add_argument("--events", metavar="FILE",
                        help="write every event coded, a tab-separated line each ('-': stdout)")
    parser.add_argument("--people", metavar="FILE",
                        help="write every person the corpus names (story, name, actor code, "
                             "role, words), a tab-separated line each ('-': stdout)")
    parser.add_argument("--dates", action="store_true",
                        help="count events whose sentence names a time but which are dated by "
                             "the article only")
    parser.add_argument("--domestic", action="store_true",
                        help="code events inside one state too (as `detente code --domestic`): "
                             "a rule's firings there count for its licence as well")
    parser.add_argument("--show", type=int, default=20, help="sentences printed (default 20)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"no corpus at {CORPUS}: nothing counted")
        return 0
    records = stories()
    if args.pattern:
        return count_pattern(records, args.pattern, args.show)
    coder = Coder(domestic=args.domestic)
    if args.fires:
        return count_firings(coder, records, args.fires, args.show)
    if args.events:
        return write_events(coder, records, args.events)
    if args.people:
        return write_people(coder, records, args.people)
    if args.dates:
        return count_undated(coder, records, args.show)
    if args.coding_cpu:
        print(f"coding alone, best of {args.coding_cpu} passes: "
              f"{coding_cpu(coder, records, args.coding_cpu):.3f} s of CPU")
        return 0
    fired: dict[tuple, set[str]] = defaultdict(set)
    counts: dict[tuple, int] = defaultdict(int)
    gaps: dict[str, set[str]] = defaultdict(set)
    gap_examples: dict[str, list[str]] = defaultdict(list)
    for record, doc in zip(records, parsed(coder, records), strict=True):
        date = (record.get("published") or "")[:10] or None
        events, actors = code(coder, doc, date)
        for event in events:
            key = (event.rule, event.trigger.lemma.lower(), event.cameo)
            fired[key].add(record["id"])
            counts[key] += 1
            if args.lemma and event.trigger.lemma.lower() == args.lemma:
                print(f"{record['id']} {event.source.country}->{event.target.country} "
                      f"{event.cameo} {event.modality} [{event.trigger.text}] "
                      f"{event.sentence.strip()[:220]}")
        if args.gaps:
            for lemma, sentence in find_gaps(doc, events, actors, coder):
                gaps[lemma].add(record["id"])
                gap_examples[lemma].append(sentence)
    if args.gaps:
        for lemma, ids in sorted(gaps.items(), key=lambda kv: -len(kv[1])):
            if len(ids) >= args.min_stories:
                print(f"{len(ids):3d} {lemma:15s} {gap_examples[lemma][0][:150]}")
        return 0
    if not args.lemma:
        for key, ids in sorted(fired.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            if len(ids) >= args.min_stories:
                print(f"{len(ids):3d} stories {counts[key]:4d} events  {key[0]:16s} {key[1]:14s} "
                      f"{key[2]}")
    return 0


def write_events(coder: Coder, records: list[dict], target: str) -> int:
    """Every event the corpus codes, one tab-separated line each, in story order."""
    lines = []
    for record, doc in zip(records, parsed(coder, records), strict=True):
        events, _ = code(coder, doc, (record.get("published") or "")[:10] or None)
        lines += ["\t".join((record["id"], event.source.country or "", event.target.country or "",
                             event.cameo, str(event.quad_class), event.modality,
                             event.trigger.text, " ".join(event.sentence.split()),
                             event.source.code or "", event.target.code or ""))
                  for event in events]
    return _write_lines(lines, target, f"events of {len(records)} stories")


def write_people(coder: Coder, records: list[dict], target: str) -> int:
    """Every person the corpus names, one tab-separated line each: the count for a rule of
    actors (a person's state or sector), whose firings change no event but what `detente
    people` lists and whom a later "he" stands for."""
    lines = []
    for record, doc in zip(records, parsed(coder, records), strict=True):
        day = (record.get("published") or "")[:10] or None
        for person in coder.analyse(doc, record["id"], day).people:
            lines.append("\t".join((record["id"], person.name or "", person.code or "",
                                    person.role or "", " ".join(person.text.split()))))
    return _write_lines(lines, target, f"people of {len(records)} stories")


def _write_lines(lines: list[str], target: str, what: str) -> int:
    text = "\n".join(lines) + "\n"
    if target == "-":
        sys.stdout.write(text)
    else:
        Path(target).write_text(text)
        print(f"{len(lines)} {what} written to {target}")
    return 0


TIME_WORDS = re.compile(
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December"
    r"|(?:19|20)\d\d|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday"
    r"|last (?:week|month|year))\b")


def count_undated(coder: Coder, records: list[dict], show: int) -> int:
    """Events whose sentence names a time but which carry only the article's date."""
    named = undated = 0
    for record, doc in zip(records, parsed(coder, records), strict=True):
        date = (record.get("published") or "")[:10] or None
        for event in coder.analyse(doc, record["id"], date).events:
            if not TIME_WORDS.search(event.sentence):
                continue
            named += 1
            if event.extra.get("date_precision") == "article":
                undated += 1
                if show > 0:
                    print(f"{record['id']} {event.source.country}->{event.target.country} "
                          f"[{event.trigger.text}] {' '.join(event.sentence.split())[:200]}")
                    show -= 1
    print(f"events whose sentence names a time: {named}; dated by the article only: {undated}")
    return 0


def count_pattern(records: list[dict], pattern: str, show: int) -> int:
    """Stories with a sentence the expression matches (sentences cut at final punctuation)."""
    expression = re.compile(pattern, re.IGNORECASE)
    matched: dict[str, list[str]] = {}
    for record in records:
        sentences = re.split(r"(?<=[.!?])\s+", record["text"])
        hits = [s for s in sentences if expression.search(s)]
        if hits:
            matched[record["id"]] = hits
    for story, hits in list(matched.items()):
        for sentence in hits:
            if show > 0:
                print(f"{story} | {sentence.strip()[:220]}")
                show -= 1
    print(f"stories: {len(matched)} of {len(records)}")
    return 0


def count_firings(coder: Coder, records: list[dict], name: str, show: int) -> int:
    """Stories in which a coder function returns something truthy, with its sentences."""
    module_name, _, path = name.partition(":")
    module = importlib.import_module(f"detente.{module_name}")
    owner, _, attribute = path.rpartition(".")
    holder = getattr(module, owner) if owner else module
    original = getattr(holder, attribute)
    story = {"id": ""}
    fired: dict[str, list[str]] = defaultdict(list)

    def watched(*args, **kwargs):
        result = original(*args, **kwargs)
        if result:
            fired[story["id"]].append(_sentence_of(args))
        return result

    _replace(holder, attribute, original, watched)
    try:
        for record, doc in zip(records, parsed(coder, records), strict=True):
            story["id"] = record["id"]
            code(coder, doc, (record.get("published") or "")[:10] or None)
    finally:
        _replace(holder, attribute, watched, original)
    for story_id, sentences in fired.items():
        for sentence in dict.fromkeys(sentences):
            if show > 0:
                print(f"{story_id} | {sentence[:220]}")
                show -= 1
    print(f"{name} fired in {len(fired)} of {len(records)} stories")
    return 0


def _replace(holder, attribute: str, old, new) -> None:
    """Set the attribute, and every module's name bound to the old function (a function
    imported by name into another module is called through that name)."""
    setattr(holder, attribute, new)
    for module in list(sys.modules.values()):
        if (getattr(module, "__name__", "") or "").startswith("detente") and (
                getattr(module, attribute, None) is old):
            setattr(module, attribute, new)


def _sentence_of(args: tuple) -> str:
    """The sentence of the first token or span among a call's arguments."""
    for arg in args:
        sent = getattr(arg, "sent", None)
        if sent is not None:
            return sent.text.strip().replace("\n", " ")
        trigger = getattr(arg, "trigger", None)
        if trigger is not None:
            return trigger.sent.text.strip().replace("\n", " ")
    return "(no sentence among the arguments)"


def code(coder: Coder, doc, date: str | None):
    with parsetable.coding(doc):  # as Coder.analyse reads the parse
        actors = DocumentActors(doc, coder.actor_lexicon, coder.matcher, coder.office_holders,
                                parse_day(date), coder.sentence_coder.lexicon.speech_verbs)
        events = []
        for index, sent in enumerate(doc.sents):
            actors.observe(sent)
            events.extend(coder.sentence_coder.code(sent, index, actors, "census", events))
    return events, actors


def find_gaps(doc, events, actors: DocumentActors, coder: Coder):
    coded = {e.token_index for e in events}
    sentence_coder = coder.sentence_coder
    for token in doc:
        if token.pos_ not in ("VERB", "ADJ") or token.i in coded:
            continue
        if token.pos_ == "ADJ" and token.dep_ not in ("acomp", "ROOT", "conj"):
            continue
        sources = {a.country for a in sentence_coder._subjects(token, actors) if a.country}
        if not sources:
            continue
        others = set()
        for word in _own_phrase(token):
            if word.pos_ in ("NOUN", "PROPN") and word.dep_ not in ("compound",):
                others.update(a.country for a in actors.actors_for(word, conjuncts=False)
                              if a.country)
        if others - sources:
            yield token.lemma_.lower(), token.sent.text.strip()


def _own_phrase(verb):
    """The verb's arguments and adjuncts, without the clauses it governs."""
    stack = [c for c in verb.children if c.dep_ not in CLAUSE_DEPS and c.dep_ not in SUBJECTS]
    while stack:
        word = stack.pop()
        yield word
        stack.extend(c for c in word.children if c.dep_ not in CLAUSE_DEPS)


CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "acl", "csubj"}
SUBJECTS = {"nsubj", "nsubjpass", "expl", "aux", "auxpass", "neg"}


if __name__ == "__main__":
    sys.exit(main())
