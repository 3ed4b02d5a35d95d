"""Word vectors from the question embedder, cached, for the guard's word check."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence

import numpy as np

from reasoner.retrieval.embedder import Embedder


class WordVectors:
    """Embeds single words with the memory's embedder and keeps the most recent ones.

    Args:
        embedder: the question embedder (MiniLM gives useful word similarities).
        capacity: how many word vectors to keep.
    """

    def __init__(self, embedder: Embedder, capacity: int = 50_000) -> None:
        self.embedder = embedder
        self.capacity = capacity
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def similarity(self, words: Sequence[str], others: Sequence[str]) -> np.ndarray:
        """Cosine matrix of shape ``(len(words), len(others))``."""
        vecs = self._vectors([*words, *others])
        a = np.stack([vecs[w] for w in words])
        b = np.stack([vecs[w] for w in others])
        return a @ b.T

    def prepare(self, words: Iterable[str]) -> None:
        """Embed the words not cached yet, in one batch."""
        missing = sorted({w for w in words if w not in self._cache})
        if missing:
            for w, v in zip(missing, self.embedder.embed(missing), strict=True):
                self._cache[w] = v

    def missing(self, words: Iterable[str]) -> set[str]:
        """The words not cached yet."""
        return {w for w in words if w not in self._cache}

    def add(self, vectors: dict[str, np.ndarray]) -> None:
        """Cache vectors computed elsewhere (the memory keeps its stored questions' words on disk)."""
        self._cache.update(vectors)

    def get(self, word: str) -> np.ndarray | None:
        return self._cache.get(word)

    def _vectors(self, words: list[str]) -> dict[str, np.ndarray]:
        self.prepare(words)
        out = {}
        for w in words:
            self._cache.move_to_end(w)
            out[w] = self._cache[w]
        while len(self._cache) > self.capacity:
            self._cache.popitem(last=False)
        return out
