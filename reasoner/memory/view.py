"""Nearest stored questions: a process's FAISS view (SQLite), or the database's own search (pgvector).

SQLite holds the vectors; this view is rebuilt from it on open and whenever the
database's generation counter moves, and kept in step with this process's own
writes in between. Flat inner product over unit vectors: exact cosine search,
about a millisecond for ten thousand entries.
"""

from __future__ import annotations

import numpy as np


class VectorView:
    """Exact inner-product search over (entry id, unit vector) pairs, keyed by SQLite row ids."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self.generation = -1  # the database generation this view reflects; -1: reload
        self._index = self._new_index()

    def _new_index(self):  # noqa: ANN202 - faiss has no type stubs
        import faiss  # lazy: keeps `import reasoner` light

        return faiss.IndexIDMap2(faiss.IndexFlatIP(self.dim))

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def __bool__(self) -> bool:
        return self._index.ntotal > 0

    def reset(self, ids: np.ndarray, vectors: np.ndarray | None, generation: int) -> None:
        """Replace the whole view with these entries."""
        self._index = self._new_index()
        if vectors is not None and len(ids):
            self._index.add_with_ids(
                np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(ids, dtype=np.int64)
            )
        self.generation = generation

    def add(self, entry: int, vector: np.ndarray) -> None:
        vec = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        self._index.add_with_ids(vec, np.array([entry], dtype=np.int64))

    def remove(self, entries: list[int]) -> None:
        if entries:
            self._index.remove_ids(np.asarray(entries, dtype=np.int64))

    def search(self, vector: np.ndarray, k: int) -> list[tuple[float, int]]:
        """The ``k`` nearest entries as (similarity, entry id), best first.

        One query over at most ``max_entries`` vectors runs on one thread: right after
        the embedder's onnxruntime run, FAISS's OpenMP team waits for cores the
        runtime's threads still hold (measured on 2 cores: p50 34 ms with 2 threads,
        0.15 ms with 1, 200 entries).
        """
        if not len(self):
            return []
        import faiss

        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        try:
            scores, ids = self._index.search(query, min(k, len(self)))
        finally:
            faiss.omp_set_num_threads(threads)
        return [(float(s), int(i)) for s, i in zip(scores[0], ids[0], strict=True) if i >= 0]


class DatabaseView:
    """The same search run by the database itself (pgvector): nothing to load or keep in step.

    Every worker sees every other worker's entries at once, and none reloads all vectors
    when one is added; the ``generation`` is tracked only so the memory's bookkeeping reads
    the same on both backends.
    """

    def __init__(self, db) -> None:  # noqa: ANN001 - a Database that searches vectors
        self._db = db
        self.generation = -1

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM answers").fetchone()[0])

    def __bool__(self) -> bool:
        return bool(self._db.execute("SELECT EXISTS (SELECT 1 FROM answers)").fetchone()[0])

    def reset(self, ids: np.ndarray, vectors: np.ndarray | None, generation: int) -> None:
        self.generation = generation

    def add(self, entry: int, vector: np.ndarray) -> None:
        pass

    def remove(self, entries: list[int]) -> None:
        pass

    def search(self, vector: np.ndarray, k: int) -> list[tuple[float, int]]:
        """The ``k`` nearest entries as (similarity, entry id), best first (exact inner product)."""
        return self._db.search(vector, k)
