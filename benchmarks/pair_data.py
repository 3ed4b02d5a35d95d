"""The labelled question pairs the guard is trained and measured on: loading, the fixed split, vectors.

Shared by ``train_guard.py`` (fits and calibrates the guard) and ``bench_pairs.py``
(measures it), so both read the same split and the same cached vectors.

The split is made once, by rule, and never chosen on results:

* **QQP** (``../shared/data/qqp_pairs/pairs.jsonl``): pairs are grouped into
  connected components over their normalised question texts (two pairs sharing a
  question land in one component), so no question appears in two parts. A
  component goes to a part by ``sha256(SPLIT_SEED + its smallest normalised
  text)``: the first 8 hex digits modulo 100 below 70 are *train*, 70-84
  *calibration*, 85-99 *test*. The test part is used by ``bench_pairs.py`` only.
* **PAWS-Wiki dev** (``../shared/data/paws_wiki_dev/pairs.jsonl``): the first
  4,000 pairs are the tune half (as in ``bench_paws.py``; split here by the same
  hash rule into *train* 70 / *calibration* 30), the last 4,000 are *test*.

Vectors: every distinct text is embedded once with the memory's embedder
(``minilm-onnx``: the engine's default) and cached under ``benchmarks/out/guard/``
(git-ignored), in resumable chunks, together with the model's token outputs
(float16), which the contextual features read.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reasoner.memory.answers import normalise_question  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
QQP = DATA / "qqp_pairs" / "pairs.jsonl"
PAWS = DATA / "paws_wiki_dev" / "pairs.jsonl"
OUT = ROOT / "benchmarks" / "out" / "guard"
SPLIT_SEED = "reasoner-guard-split-1"
_CHUNK = 4000
PARTS = ("train", "calibration", "test")


@dataclass(frozen=True)
class Pair:
    """One labelled pair: ``a`` is stored, ``b`` is asked; ``same`` is the data set's label."""

    a: str
    b: str
    same: bool
    source: str  # "qqp" or "paws"
    part: str  # "train", "calibration" or "test"


def _bucket(key: str) -> int:
    return int(hashlib.sha256((SPLIT_SEED + key).encode("utf-8")).hexdigest()[:8], 16) % 100


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _components(rows: list[dict]) -> dict[str, str]:
    """Each normalised text -> the smallest normalised text of its connected component."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in rows:
        a, b = find(normalise_question(r["a"])), find(normalise_question(r["b"]))
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {x: find(x) for x in parent}


def qqp_pairs() -> list[Pair]:
    """Every QQP pair with its part (see the module docstring)."""
    rows = _read(QQP)
    root = _components(rows)
    out = []
    for r in rows:
        b = _bucket(root[normalise_question(r["a"])])
        part = "train" if b < 70 else "calibration" if b < 85 else "test"
        out.append(Pair(r["a"], r["b"], bool(r["same"]), "qqp", part))
    return out


def paws_pairs() -> list[Pair]:
    """Every PAWS-Wiki dev pair: tune half split train/calibration by hash, last half test."""
    rows = _read(PAWS)
    half = len(rows) // 2
    out = []
    for i, r in enumerate(rows):
        if i >= half:
            part = "test"
        else:
            part = "train" if _bucket(r["a"] + "\n" + r["b"]) < 70 else "calibration"
        out.append(Pair(r["a"], r["b"], bool(r["same"]), "paws", part))
    return out


def all_pairs() -> list[Pair]:
    """QQP then PAWS; empty parts when a data set is absent."""
    out: list[Pair] = []
    if QQP.is_file():
        out += qqp_pairs()
    if PAWS.is_file():
        out += paws_pairs()
    return out


@dataclass
class TextVectors:
    """Sentence vectors and token outputs of distinct texts."""

    index: dict[str, int]
    vectors: np.ndarray  # (n, dim) float32, unit length
    token_offsets: np.ndarray  # (n + 1,) int64 into token_states
    token_states: np.ndarray  # (total tokens, dim) float16, the model's last hidden states

    def vector(self, text: str) -> np.ndarray:
        return self.vectors[self.index[text]]

    def tokens(self, text: str) -> np.ndarray:
        i = self.index[text]
        return self.token_states[self.token_offsets[i] : self.token_offsets[i + 1]].astype(np.float32)


def embed_texts(texts: Iterable[str], folder: Path = OUT, *, log: bool = True) -> TextVectors:
    """Vectors of ``texts`` with the ``minilm-onnx`` embedder, cached under ``folder``.

    The cache is a set of chunk files, each holding its texts; texts found in any
    chunk are not embedded again, the rest are embedded in new chunks (so an
    interrupted run resumes, and a later run on other texts reuses the common ones).
    """
    from reasoner.retrieval.embedder import OnnxMiniLMEmbedder

    wanted = sorted(set(texts))
    folder.mkdir(parents=True, exist_ok=True)
    chunks = _load_chunks(folder)
    have = {t for c in chunks for t in c["texts"]}
    missing = [t for t in wanted if t not in have]
    embedder = OnnxMiniLMEmbedder(threads=1) if missing else None  # one core: the machine is shared
    started = time.perf_counter()
    for start in range(0, len(missing), _CHUNK):
        batch = missing[start : start + _CHUNK]
        name = hashlib.sha256("\n".join(batch).encode("utf-8")).hexdigest()[:16]
        np.savez(folder / f"chunk-{name}.npz", texts=np.array(batch, dtype=object), **_embed_chunk(embedder, batch))
        if log:
            print(f"  embedded {start + len(batch)}/{len(missing)} texts ({time.perf_counter() - started:.0f} s)", flush=True)
    if missing:
        chunks = _load_chunks(folder)
    return _select(chunks, wanted)


def _load_chunks(folder: Path) -> list[dict[str, np.ndarray]]:
    out = []
    for path in sorted(folder.glob("chunk-*.npz")):
        z = np.load(path, allow_pickle=True)
        out.append({k: z[k] for k in ("texts", "vectors", "lengths", "states")})
    return out


def _select(chunks: list[dict[str, np.ndarray]], wanted: list[str]) -> TextVectors:
    """A TextVectors holding exactly ``wanted`` (token states copied into one array)."""
    where: dict[str, tuple[int, int, int, int]] = {}  # text -> (chunk, row, first token, end token)
    for c, chunk in enumerate(chunks):
        offsets = np.concatenate([[0], np.cumsum(chunk["lengths"])])
        for i, t in enumerate(chunk["texts"]):
            where.setdefault(str(t), (c, i, int(offsets[i]), int(offsets[i + 1])))
    vectors = np.zeros((len(wanted), 384), np.float32)
    lengths = np.zeros(len(wanted), np.int64)
    for n, t in enumerate(wanted):
        _, _, lo, hi = where[t]
        lengths[n] = hi - lo
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    states = np.zeros((int(offsets[-1]), 384), np.float16)
    for n, t in enumerate(wanted):
        c, row, lo, hi = where[t]
        vectors[n] = chunks[c]["vectors"][row]
        states[offsets[n] : offsets[n + 1]] = chunks[c]["states"][lo:hi]
    return TextVectors({t: i for i, t in enumerate(wanted)}, vectors, offsets, states)


def _embed_chunk(embedder, texts: list[str]) -> dict[str, np.ndarray]:
    """Vectors and token outputs, by the memory's own encoder (one model run per text, as ``embed`` does)."""
    from reasoner.memory.states import TokenEncoder

    encoder = TokenEncoder(embedder)
    runs = [encoder.encode(t) for t in texts]
    return {
        "vectors": np.stack([r.vector for r in runs]).astype(np.float32),
        "lengths": np.asarray([len(r.hidden) for r in runs], dtype=np.int64),
        "states": np.concatenate([r.hidden for r in runs]).astype(np.float16),
    }


def word_vectors(words: Iterable[str], folder: Path = OUT, *, log: bool = True) -> dict[str, np.ndarray]:
    """Vectors of single words with the same embedder (what ``WordVectors`` computes at run time), cached."""
    words = sorted(set(words))
    tv = embed_texts(words, folder / "words", log=log)
    return {w: tv.vectors[i] for w, i in tv.index.items()}


if __name__ == "__main__":
    pairs = all_pairs()
    tv = embed_texts([t for p in pairs for t in (p.a, p.b)])
    print(f"{len(tv.index)} texts, {len(tv.token_states)} token states")
