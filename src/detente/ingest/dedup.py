"""Near-duplicate stories: the same wire copy republished by several outlets.

MinHash signatures of word trigrams, cut into LSH bands (datasketch's banding for the
threshold below). Two reports are candidates for one story when they agree on every value of
some band. Only the first report of a story is indexed, so a later copy points at the
original. The index of stored articles lives in the store (one row per band: a hash of the
band's values), so memory does not grow with the corpus; only the current batch's originals
are held here (``BatchIndex``).
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SIGNATURE_BYTES = NUM_PERM * np.dtype(np.uint64).itemsize  # a stored signature's length
SCHEME = "affine32"  # stored signatures are only comparable under the scheme that made them
THRESHOLD = 0.8  # estimated Jaccard similarity of trigram sets above which reports are one story
_WORD = re.compile(r"\w+")

# datasketch's choice of bands (b) and rows per band (r) for the threshold: 9 bands of 13
_LSH = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
BAND_RANGES: tuple[tuple[int, int], ...] = tuple(_LSH.hashranges)
# what the stored band rows were made with: other bands are rebuilt from the signatures
BANDING = f"{SCHEME}/{NUM_PERM}/{_LSH.b}x{_LSH.r}"
del _LSH

Band = tuple[int, int]  # (band number, 64-bit hash of the band's values)


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


def bands(data: bytes) -> list[Band]:
    """The LSH bands of a stored signature: two signatures share a band exactly when
    datasketch's LSH index makes them candidates (up to 64-bit hash collisions)."""
    width = np.dtype(np.uint64).itemsize
    return [(number, int.from_bytes(
                hashlib.blake2b(data[start * width:end * width], digest_size=8).digest(),
                "little", signed=True))
            for number, (start, end) in enumerate(BAND_RANGES)]


class BatchIndex:
    """The originals of the batch being written, not yet in the store's index."""

    def __init__(self) -> None:
        self.buckets: dict[Band, list[str]] = {}

    def hits(self, article_id: str, article_bands: list[Band]) -> set[str]:
        return {hit for band in article_bands for hit in self.buckets.get(band, ())
                if hit != article_id}

    def add(self, article_id: str, article_bands: list[Band]) -> None:
        for band in article_bands:
            self.buckets.setdefault(band, []).append(article_id)
