"""BM25 lexical index (bm25s) with scores normalised to [0, 1] per query.

The normalised score divides a document's BM25 score by the sum, over the
query's terms, of the highest score that term reaches in any document: 1.0
means the document matches every query term as strongly as any document
does, and the value is comparable across queries.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from reasoner.text import stopwords
from reasoner.text.stem import snowball
from reasoner.text.tokens import word_tokens


def tokenize(text: str) -> list[str]:
    """Lowercase word tokens, English stop words removed, Snowball-stemmed."""
    stop = stopwords.bm25()
    return snowball([w for w in word_tokens(text, fold_apostrophes=False) if w not in stop])


class LexicalIndex:
    """BM25 over documents addressed by position 0..n-1."""

    def __init__(self, bm25, token_max: np.ndarray) -> None:
        self._bm25 = bm25
        self._token_max = token_max

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        """Index the texts (position i is document i)."""
        import bm25s

        bm25 = bm25s.BM25()
        tokens = [tokenize(t) or [""] for t in texts]
        if texts:
            bm25.index(tokens, show_progress=False)
        return cls(bm25, _token_max(bm25) if texts else np.zeros(0, np.float32))

    def __len__(self) -> int:
        scores = getattr(self._bm25, "scores", None)
        return int(scores["num_docs"]) if scores else 0

    def save(self, folder: Path) -> None:
        """Write the index files into ``folder`` (created)."""
        folder.mkdir(parents=True, exist_ok=True)
        if len(self):
            self._bm25.save(str(folder))
        (folder / "lexical.json").write_text(json.dumps({"num_docs": len(self)}))

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """Read an index written by :meth:`save`."""
        import bm25s

        info = json.loads((folder / "lexical.json").read_text())
        if not info["num_docs"]:
            return cls(bm25s.BM25(), np.zeros(0, np.float32))
        bm25 = bm25s.BM25.load(str(folder), mmap=False)
        return cls(bm25, _token_max(bm25))

    def scores(self, query: str) -> tuple[np.ndarray, float]:
        """BM25 score of every document for the query, and the normaliser (0 when no term matches)."""
        n = len(self)
        if not n:
            return np.zeros(0, np.float32), 0.0
        ids = self._bm25.get_tokens_ids(tokenize(query))
        ids = [i for i in dict.fromkeys(ids) if i < len(self._token_max)]
        if not ids:
            return np.zeros(n, np.float32), 0.0
        raw = self._bm25.get_scores_from_ids(ids)
        return np.asarray(raw, np.float32), float(self._token_max[ids].sum())

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` positions and normalised scores in [0, 1], best first; ``mask`` keeps only True rows."""
        raw, norm = self.scores(query)
        if norm <= 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        top = top_k(raw, k, mask)
        return top, np.clip(raw[top] / norm, 0.0, 1.0).astype(np.float32)


def top_k(scores: np.ndarray, k: int, mask: np.ndarray | None = None) -> np.ndarray:
    """Positions of the ``k`` highest positive scores (only where ``mask``), best first."""
    if mask is not None:
        scores = np.where(mask, scores, 0.0)
    k = min(k, int((scores > 0).sum()))
    if k <= 0:
        return np.zeros(0, np.int64)
    top = np.argpartition(-scores, k - 1)[:k]
    return top[np.argsort(-scores[top], kind="stable")].astype(np.int64)


def _token_max(bm25) -> np.ndarray:
    """Highest score of each vocabulary token in any document (CSC columns)."""
    data, indptr = np.asarray(bm25.scores["data"]), np.asarray(bm25.scores["indptr"])
    out = np.zeros(len(indptr) - 1, np.float32)
    nonempty = np.diff(indptr) > 0
    if data.size:
        starts = indptr[:-1][nonempty]
        out[nonempty] = np.maximum.reduceat(data, starts)
    return out
