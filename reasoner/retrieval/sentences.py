"""Sentence vectors stored beside an index generation, so a question embeds only itself.

The reader scores every sentence, list item and table row of its top hits by cosine with the
question (``reasoner.solvers.rag.reader``): 100-200 texts a question, 90-240 ms on 2 cores
when embedded at query time. Those texts depend only on the chunks
(``reasoner.solvers.rag.texts``), so an index update embeds them once and writes
``gen-<n>.sentences.npy``: rows of (64-bit hash of the text, float32 vector), sorted by hash.
The same embedder writes them as the reader would compute them, so replies do not change.

An update keeps the vectors of texts still in some live chunk and embeds only the new ones.
A missing, older or damaged file is never an error: the reader embeds what it cannot find
(the way it did before), one warning line says so, and the next ``reasoner index`` writes
the file again. ``Config.sentence_vectors`` (``reasoner index --no-sentence-vectors``) turns
the file off: smaller and faster builds, slower answers.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from reasoner.retrieval import store

log = logging.getLogger("reasoner.retrieval")

META_KEY = "sentence_vectors"  # docstore meta: "on" / "off" (absent: an index from before them)
TEXTS_KEY = "sentence_texts"  # docstore meta: the ``texts.VERSION`` the stored texts were cut by
STAMP_KEY = "sentence_stamp"  # docstore meta: changes whenever the file is written (readers reload it)


def stamp() -> str:
    return str(time.time_ns())


def texts_version() -> str:
    from reasoner.solvers.rag.texts import VERSION

    return str(VERSION)


def state_meta(on: bool) -> dict[str, str]:
    """The docstore meta that says the vectors were just stored (cut by this ``texts_version``) or
    turned off; the new stamp makes open readers reload them."""
    if not on:
        return {META_KEY: "off", STAMP_KEY: stamp()}
    return {META_KEY: "on", TEXTS_KEY: texts_version(), STAMP_KEY: stamp()}


def text_key(text: str) -> int:
    """The 64-bit key of a text (collisions: about 1 in 10^9 at a million texts)."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def path(folder: Path, gen: int) -> Path:
    return store.gen_paths(folder, gen)["sentences"]


def _dtype(dim: int) -> np.dtype:
    return np.dtype([("key", "<u8"), ("vec", "<f4", (dim,))])


class SentenceVectors:
    """Vectors by text, read from one generation's file (keys sorted for a binary search)."""

    def __init__(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        self.keys, self.vectors = keys, vectors

    @classmethod
    def empty(cls, dim: int) -> SentenceVectors:
        return cls(np.zeros(0, np.uint64), np.zeros((0, dim), np.float32))

    def __len__(self) -> int:
        return len(self.keys)

    def find(self, keys: Sequence[int]) -> np.ndarray:
        """Row of each key, -1 where absent."""
        want = np.asarray(keys, dtype=np.uint64)
        at = np.minimum(np.searchsorted(self.keys, want), max(0, len(self.keys) - 1))
        found = (self.keys[at] == want) if len(self.keys) else np.zeros(len(want), bool)
        return np.where(found, at, -1)

    def lookup(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vector of each text that has one."""
        rows = self.find([text_key(t) for t in texts])
        return {t: self.vectors[r] for t, r in zip(texts, rows.tolist(), strict=True) if r >= 0}

    def save(self, target: Path) -> None:
        table = np.zeros(len(self.keys), _dtype(self.vectors.shape[1]))
        table["key"], table["vec"] = self.keys, self.vectors
        store.save_array(target, table)


def load(source: Path, dim: int) -> SentenceVectors:
    """The vectors of one file.

    Raises:
        OSError, ValueError: missing, truncated, of another dimension or not sorted.
    """
    # read whole, not mapped: a file cut short under a mapping kills the process (SIGBUS) on access
    table = np.load(source, allow_pickle=False)
    if table.dtype != _dtype(dim) or table.ndim != 1:
        raise ValueError(f"{source.name} holds {table.dtype}, not vectors of dimension {dim}")
    keys = np.ascontiguousarray(table["key"])
    if len(keys) > 1 and not bool(np.all(keys[1:] > keys[:-1])):
        raise ValueError(f"{source.name}: keys out of order")
    return SentenceVectors(keys, table["vec"])


def try_load(folder: Path, gen: int, dim: int) -> tuple[SentenceVectors | None, str]:
    """(vectors, "") or (None, why they cannot be used)."""
    try:
        return load(path(folder, gen), dim), ""
    except FileNotFoundError:
        return None, "missing"
    except (OSError, ValueError, EOFError) as exc:  # EOFError: an emptied .npy
        return None, " ".join(str(exc).split())[:160] or type(exc).__name__


def needed_texts(chunks: Iterable[tuple[Any, Iterable[tuple[str, str]]]]) -> list[str]:
    """Every text the reader may embed for these (chunk, other contexts) pairs, each once."""
    from reasoner.solvers.rag.texts import chunk_texts

    out: dict[str, None] = {}
    for chunk, contexts in chunks:
        out.update(dict.fromkeys(chunk_texts(chunk, contexts)))
    return list(out)


def build(texts: list[str], dim: int, old: SentenceVectors | None,
          embed: Callable[[list[str]], np.ndarray]) -> tuple[SentenceVectors, int]:  # fmt: skip
    """Vectors of ``texts``: the old file's where it has them, the rest from ``embed`` (the
    updater's, resumable through its run's ``EmbeddingCache``). Returns them and how many were embedded."""
    keys = np.array([text_key(t) for t in texts], dtype=np.uint64)
    keys, first = np.unique(keys, return_index=True)  # sorted; a colliding pair keeps one text
    texts = [texts[i] for i in first]
    vectors = np.zeros((len(texts), dim), np.float32)
    rows = old.find(keys.tolist()) if old is not None else np.full(len(texts), -1)
    kept = rows >= 0
    if kept.any():
        vectors[kept] = old.vectors[rows[kept]]
    todo = np.flatnonzero(~kept)
    if len(todo):
        vectors[todo] = embed([texts[i] for i in todo])
    return SentenceVectors(keys, vectors), len(todo)
