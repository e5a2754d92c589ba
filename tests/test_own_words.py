"""The project's text is its own: no tracked file repeats a ../shared story's wording.

bench/overlap.py finds the runs of words a project file has in common with other texts; here
the stories of ../shared (the VOA corpus, the gold sets' texts, PETRARCH2's validation
sentences). A run of 8 words or more is a copied sentence unless it is one of the names and
stock phrases below, which any report would write the same way.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
STORIES = [SHARED / "corpora", *sorted((SHARED / "gold").glob("*.jsonl")),
           SHARED / "peers" / "petrarch2" / "text"]
# Runs that are a body's name or a stock phrase of news copy, not a sentence of a story.
NAMES_AND_STOCK_PHRASES = {
    "respond to a request for comment on the",
    "did not immediately respond to a request for comment",
    "a spokesman for the u s military in",
    "the african union support and stabilization mission in",
    "part of the african union support and stabilization mission",
    "part of the african union support and stabilization mission in",
    "the u n office for the coordination of humanitarian affairs",
}


def _overlap():
    spec = importlib.util.spec_from_file_location("overlap", ROOT / "bench" / "overlap.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


def test_a_run_of_the_shortest_length_is_found_and_a_shorter_one_is_not(tmp_path):
    overlap = _overlap()
    story = tmp_path / "stories.jsonl"
    story.write_text(json.dumps({"text": "Lima and Quito signed a \u201cfishing accord\u201d on "
                                          "Monday after nine hours of talks."}) + "\n")
    index = overlap.shingle_index([story], 8, tmp_path)
    copied = overlap.words_of('They said Lima and Quito signed a "fishing accord" on Monday '
                              "after long talks.")
    runs = overlap.shared_runs(copied, index, 8)
    assert [" ".join(copied[r.start:r.end]) for r in runs] == [
        "lima and quito signed a fishing accord on monday after"]
    assert overlap.shared_runs(overlap.words_of("signed a fishing accord on Monday after two"),
                               index, 8) == []


@pytest.mark.skipif(not (SHARED / "corpora").is_dir(), reason="../shared is not here")
def test_no_project_file_repeats_a_shared_story():
    overlap = _overlap()
    index = overlap.shingle_index(overlap.source_files(STORIES), 8, SHARED.parent)
    copied = []
    for path in overlap.project_files():
        words = overlap.words_of(overlap.file_text(path))
        copied += [f"{path.relative_to(ROOT)}: {' '.join(words[run.start:run.end])}"
                   for run in overlap.shared_runs(words, index, 8)
                   if " ".join(words[run.start:run.end]) not in NAMES_AND_STOCK_PHRASES]
    assert copied == []
