"""Contextual word vectors: does a shared word play the same part in both questions?

A sentence embedding hardly moves when two participants trade places ("dog
bites man" / "man bites dog"), but the transformer's *token* outputs do: each
word's output vector encodes the words it relates to. For every content word
that both questions contain exactly once, the cosine of its two contextual
vectors is high when the word keeps its role (a moved clause, "X of Y" / "Y's
X", active / passive) and drops when it changes hands. The lowest such cosine
is the pair's *context agreement*.

:func:`context_agreement` is pure; :class:`ContextVectors` computes the word
vectors with MiniLM (all-MiniLM-L6-v2, the memory's embedder) and caches them.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

from reasoner.memory.lexicon import STOPWORDS

# (text) -> (lower-cased words, unit vectors of shape (len(words), dim)).
WordsInContext = tuple[list[str], np.ndarray]
ContextFunction = Callable[[str], WordsInContext]


def context_agreement(a: WordsInContext, b: WordsInContext) -> float:
    """Lowest cosine between the two contextual vectors of a content word found once in each text.

    Returns 1.0 when the texts share no such word (nothing to compare).
    """
    words_a, vecs_a = a
    words_b, vecs_b = b
    count_a, count_b = Counter(words_a), Counter(words_b)
    shared = [w for w, n in count_a.items() if n == 1 and count_b.get(w) == 1 and _is_content(w)]
    if not shared:
        return 1.0
    ia = np.array([words_a.index(w) for w in shared])
    ib = np.array([words_b.index(w) for w in shared])
    cos = (vecs_a[ia].astype(np.float32) * vecs_b[ib].astype(np.float32)).sum(axis=1)
    return float(cos.min())


def _is_content(word: str) -> bool:
    return word.isalpha() and word not in STOPWORDS


class ContextVectors:
    """MiniLM token outputs pooled per word, for :func:`context_agreement`; loaded on first use.

    Args:
        capacity: how many texts' word vectors to keep (least recently used go first).
    """

    def __init__(self, capacity: int = 20_000) -> None:
        self.capacity = capacity
        self._cache: OrderedDict[str, WordsInContext] = OrderedDict()
        self._model = None
        self._tokenizer = None
        self._lock = threading.Lock()

    def __call__(self, text: str) -> WordsInContext:
        """The words of ``text`` (lower case) and their contextual unit vectors."""
        return self.many([text])[0]

    def many(self, texts: Sequence[str]) -> list[WordsInContext]:
        """Word vectors of several texts; the uncached ones are computed in one batch."""
        with self._lock:
            missing = sorted({t for t in texts if t not in self._cache})
            for start in range(0, len(missing), 64):
                batch = missing[start : start + 64]
                for text, out in zip(batch, self._encode(batch), strict=True):
                    self._cache[text] = out
            result = []
            for t in texts:
                self._cache.move_to_end(t)
                result.append(self._cache[t])
            while len(self._cache) > self.capacity:
                self._cache.popitem(last=False)
            return result

    def _load(self) -> None:
        from transformers import AutoModel, AutoTokenizer

        from reasoner.retrieval.embedder import minilm_path

        path = minilm_path()
        self._tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self._model = AutoModel.from_pretrained(path, local_files_only=True).eval()

    def _encode(self, texts: list[str]) -> list[WordsInContext]:
        import torch

        if self._model is None:
            self._load()
        enc = self._tokenizer(texts, padding=True, truncation=True, max_length=256, return_tensors="pt")
        with torch.inference_mode():
            hidden = self._model(**enc).last_hidden_state.float().numpy()
        return [_pool_words(enc, j, text, hidden[j]) for j, text in enumerate(texts)]


def _pool_words(enc, j: int, text: str, hidden: np.ndarray) -> WordsInContext:
    """Mean of each word's sub-token outputs, normalised; words as the tokenizer split them."""
    positions: dict[int, list[int]] = {}
    for p, w in enumerate(enc.word_ids(j)):
        if w is not None:
            positions.setdefault(w, []).append(p)
    words, vecs = [], []
    for w, ps in sorted(positions.items()):
        span = enc.word_to_chars(j, w)
        words.append(text[span.start : span.end].lower())
        vecs.append(hidden[ps].mean(axis=0))
    if not vecs:
        return [], np.zeros((0, hidden.shape[-1]), dtype=np.float32)
    v = np.stack(vecs)
    v /= np.linalg.norm(v, axis=1, keepdims=True) + 1e-12
    return words, v.astype(np.float32)


def lcs_length(x: Sequence[str], y: Sequence[str]) -> int:
    """Length of the longest common subsequence of two word sequences."""
    prev = [0] * (len(y) + 1)
    for w in x:
        row = [0]
        for j, z in enumerate(y):
            row.append(prev[j] + 1 if w == z else max(prev[j + 1], row[j]))
        prev = row
    return prev[-1]


def content_order(a: WordsInContext, b: WordsInContext) -> float:
    """Longest common subsequence of the two texts' content words over the shorter count (1.0: same order)."""
    wa = [w for w in a[0] if _is_content(w)]
    wb = [w for w in b[0] if _is_content(w)]
    if not wa or not wb:
        return 1.0
    return lcs_length(wa, wb) / min(len(wa), len(wb))


# A logistic model of "same meaning" over three features, fitted once on the
# first half of PAWS-Wiki dev (pairs at similarity >= 0.90 that pass the other
# checks; benchmarks/notes/memory.md): weights of the context agreement, the
# content-word order and "a neighbour moved one way" (see guard.role_exchange),
# and the bias. A pair passes when the log-odds reach MIN_CONTEXT_SCORE (p >= 0.86).
CONTEXT_WEIGHTS = (21.70, 6.94, -1.41)
CONTEXT_BIAS = -24.51
MIN_CONTEXT_SCORE = 1.82


def context_score(a: WordsInContext, b: WordsInContext, *, moved: bool) -> float:
    """Log-odds that ``a`` and ``b`` keep every shared word in the same role."""
    w_ctx, w_order, w_moved = CONTEXT_WEIGHTS
    return (
        w_ctx * context_agreement(a, b)
        + w_order * content_order(a, b)
        + w_moved * float(moved)
        + CONTEXT_BIAS
    )
