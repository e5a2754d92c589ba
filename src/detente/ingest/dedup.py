"""Near-duplicate stories: the same wire copy republished by several outlets.

MinHash signatures of word trigrams, indexed with datasketch's LSH. Only the first report of a
story enters the index, so a later copy points at the original.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SCHEME = "affine32"  # stored signatures are only comparable under the scheme that made them
THRESHOLD = 0.8  # estimated Jaccard similarity of trigram sets above which reports are one story
_WORD = re.compile(r"\w+")


def signature(text: str) -> MinHash:
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype(np.uint64).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(data, dtype=np.uint64),
                   scheme=SCHEME)


class NearDuplicates:
    """Index of the first report of every story seen so far."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)

    @classmethod
    def from_signatures(cls, stored: list[tuple[str, bytes]]) -> NearDuplicates:
        index = cls()
        with index.lsh.insertion_session() as session:
            for article_id, data in stored:
                session.insert(article_id, from_bytes(data))
        return index

    def original_of(self, article_id: str, minhash: MinHash) -> str | None:
        """The first report of the same story, or None if this is the first."""
        hits = [hit for hit in self.lsh.query(minhash) if hit != article_id]
        return min(hits) if hits else None

    def add(self, article_id: str, minhash: MinHash) -> None:
        if article_id not in self.lsh:
            self.lsh.insert(article_id, minhash)
