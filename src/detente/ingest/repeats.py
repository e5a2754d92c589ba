"""Problems that repeat: the first few of a kind in one file are shown, the rest counted.

A file in the wrong format, or a wrong ``--text-field``, makes every one of a million lines
the same problem; a million lines of stderr (and of the runs table) would hide everything
else. The first ``SHOWN`` problems of one kind in one file are reported as they come; the rest
are counted (the run's failed count stays exact) and summed up in one line at the end.
"""

from __future__ import annotations

import re
from collections import Counter

from detente.cleantext import shown_name

SHOWN = 20  # problems of one kind shown per file
_LINE = re.compile(r":\d+$")  # "news.jsonl:1234" -> "news.jsonl"
# numbers and quoted values vary within one kind: "12 tab-separated fields", "column 14",
# "EventCode 'x9' is not a CAMEO code"
_VARYING = re.compile(r"\d+|'[^']*'")


class Repeats:
    def __init__(self, shown: int = SHOWN) -> None:
        self.shown = shown
        self.counts: Counter[tuple[str, str]] = Counter()
        self.first: dict[tuple[str, str], str] = {}

    def show(self, where: str, reason: str) -> bool:
        """Count a problem at ``where`` (a file, maybe with ':line'); whether to report it."""
        key = (_LINE.sub("", where), _VARYING.sub("#", reason))
        self.counts[key] += 1
        self.first.setdefault(key, reason)
        return self.counts[key] <= self.shown

    def summary(self) -> list[str]:
        """One line for each kind of problem that was counted but not shown."""
        return [f"{shown_name(file)}: {count - self.shown:,} more problems of this kind, "
                f"counted but not shown: {self.first[file, kind]}"
                for (file, kind), count in self.counts.items() if count > self.shown]
