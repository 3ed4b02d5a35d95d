"""Fusing dense and lexical evidence into one score in [0, 1].

Both inputs are already absolute (cosine similarity; BM25 normalised by the
query's best attainable score), so a convex combination keeps a meaning a
controller can threshold: 0.6 says the same thing for every query. Reciprocal
rank fusion is provided for comparison; it ranks well but its values say
nothing about confidence.
"""

from __future__ import annotations

import numpy as np

DENSE_WEIGHT = 0.6


def dense_confidence(cosine: np.ndarray) -> np.ndarray:
    """Cosine similarity clipped to [0, 1]."""
    return np.clip(np.asarray(cosine, np.float32), 0.0, 1.0)


def convex(dense: np.ndarray, lexical: np.ndarray, weight: float = DENSE_WEIGHT) -> np.ndarray:
    """``weight * dense + (1 - weight) * lexical``, both in [0, 1]."""
    return np.clip(weight * dense_confidence(dense) + (1.0 - weight) * np.asarray(lexical, np.float32), 0, 1)


def rrf(rank_lists: list[np.ndarray], n: int, k: int = 60) -> np.ndarray:
    """Reciprocal rank fusion over position lists (best first) of a corpus of ``n`` items."""
    out = np.zeros(n, np.float32)
    for ranked in rank_lists:
        out[ranked] += 1.0 / (k + 1 + np.arange(len(ranked)))
    return out
