"""Vectors embedded during an indexing run, kept outside the run's transaction.

An index update is one SQLite transaction committed at the end, so a run killed at
90% used to keep none of its work. Each batch of vectors is committed here as soon as
it is embedded (keyed by the embedder's vector space and the text's hash); a re-run
takes them back instead of embedding again, and a successful run deletes the file.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import numpy as np

FILE = "embed-cache.sqlite"


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


class EmbeddingCache:
    """``key -> float32 vector`` for one embedder space and dimension, in ``folder/embed-cache.sqlite``."""

    def __init__(self, folder: Path, space: str, dim: int) -> None:
        self.path = folder / FILE
        self.space, self.dim = space, dim
        try:
            self.db = sqlite3.connect(str(self.path), isolation_level=None, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("CREATE TABLE IF NOT EXISTS vectors(space TEXT, key TEXT, vec BLOB, PRIMARY KEY(space, key))")
        except sqlite3.DatabaseError:  # a damaged cache is only lost work: start a new one
            self.path.unlink(missing_ok=True)
            self.db = sqlite3.connect(str(self.path), isolation_level=None, timeout=30)
            self.db.execute("CREATE TABLE vectors(space TEXT, key TEXT, vec BLOB, PRIMARY KEY(space, key))")

    def get_many(self, keys: Iterable[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        keys = list(keys)
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            marks = ",".join("?" * len(part))
            rows = self.db.execute(f"SELECT key, vec FROM vectors WHERE space=? AND key IN ({marks})",
                                   [self.space, *part])  # fmt: skip
            for key, blob in rows:
                vec = np.frombuffer(blob, dtype=np.float32)
                if vec.shape == (self.dim,):
                    out[key] = vec
        return out

    def put_many(self, keys: list[str], vectors: np.ndarray) -> None:
        """Store one batch (committed at once: a kill after this keeps it)."""
        rows = [(self.space, k, np.ascontiguousarray(v, dtype=np.float32).tobytes()) for k, v in zip(keys, vectors, strict=True)]
        self.db.execute("BEGIN")
        self.db.executemany("INSERT OR REPLACE INTO vectors VALUES(?, ?, ?)", rows)
        self.db.execute("COMMIT")

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM vectors WHERE space=?", (self.space,)).fetchone()[0]

    def discard(self) -> None:
        """The run committed: nothing left to resume."""
        self.db.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        self.db.close()
