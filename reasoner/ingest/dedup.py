"""Near-duplicate detection with MinHash LSH (datasketch).

Company wikis copy pages and repeat boilerplate. A chunk whose word-shingle
Jaccard similarity with an already stored chunk reaches the threshold is
folded into it: stored once, with every source listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

NUM_PERM = 64
SHINGLE = 3
SCHEME = "affine32"  # recorded implicitly by the stored signatures; keep fixed
_WORD = re.compile(r"\w+")


@dataclass
class NearDuplicateFinder:
    """An LSH index of chunk signatures, keyed by chunk id.

    Attributes:
        threshold: Jaccard similarity at or above which two chunks are folded.
        min_words: chunks shorter than this only fold when identical (few
            shingles make the estimate unreliable).
    """

    threshold: float = 0.9
    min_words: int = 12

    def __post_init__(self) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM)
        self._sigs: dict[str, object] = {}

    def add(self, key: str, signature: np.ndarray | None) -> None:
        """Remember a stored chunk's signature (None for short chunks)."""
        if signature is None or key in self._sigs:
            return
        mh = _minhash_from(signature)
        self._lsh.insert(key, mh)
        self._sigs[key] = mh

    def find(self, signature: np.ndarray | None) -> str | None:
        """The key of a stored chunk this signature nearly duplicates, or None."""
        if signature is None:
            return None
        mh = _minhash_from(signature)
        best, best_sim = None, self.threshold
        for key in self._lsh.query(mh):
            sim = mh.jaccard(self._sigs[key])
            if sim >= best_sim:
                best, best_sim = key, sim
        return best


def shingles(text: str, n: int = SHINGLE) -> list[bytes]:
    """Word n-grams of the lowercased text, as bytes."""
    words = _WORD.findall(text.lower())
    return [" ".join(words[i : i + n]).encode() for i in range(max(1, len(words) - n + 1))]


def signature(text: str, min_words: int = 12) -> np.ndarray | None:
    """MinHash signature (uint64 array) of the text, or None when it is too short."""
    from datasketch import MinHash

    if len(_WORD.findall(text)) < min_words:
        return None
    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    mh.update_batch(shingles(text))
    return mh.hashvalues.astype(np.uint64)


def _minhash_from(sig: np.ndarray):
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=sig, scheme=SCHEME)
