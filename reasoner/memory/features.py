"""Features of a question pair for the learned guard (:mod:`reasoner.memory.learned`).

Two embeddings close in cosine can still ask different things; what tells them
apart is spread over many weak signals, none decisive alone. The rule guard
(:mod:`reasoner.memory.guard`) turned each into a veto, which refused many true
paraphrases and still let swaps through. Here each becomes a number and a
model trained on labelled pairs weighs them:

* the embedding pair: ``u * v`` and ``|u - v|`` (which dimensions agree or
  differ; the standard sentence-pair features of InferSent / SBERT) and the cosine;
* the rule guard's checks as signals: numbers, named entities, negation,
  comparison direction, names in another order, exchanged roles, moved words;
* the words: overlap of the content words, how many each question has alone and
  how close those come to a word of the other (word vectors), their order;
* the question words (what / why / how ...: they fix the kind of answer);
* optionally the model's token outputs (contextual vectors): a soft alignment of
  the two questions' tokens (BERTScore-style) and how differently the shared
  words read in their two contexts (:mod:`reasoner.memory.context`).

Everything here is pure: texts, vectors and a word-similarity function in,
arrays out. Features are symmetric in the two questions (stored / asked), since
"means the same" is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from reasoner.memory import guard
from reasoner.memory.context import lcs_length
from reasoner.memory.lexicon import QUESTION_WORDS, directions, negation_count, numbers, tokens
from reasoner.text.stem import inflection_stem as stem

WordSimilarity = Callable[[Sequence[str], Sequence[str]], np.ndarray]

# Bumped when a feature changes meaning (caches and shipped models record it).
FEATURES_VERSION = 1

# The scalar features, in the order :func:`scalar_features` returns them.
SCALAR_NAMES: tuple[str, ...] = (
    "cosine",
    "numbers_differ",
    "numbers_unmatched",
    "any_numbers",
    "entities_unmatched",
    "entity_span_conflict",
    "negation_difference",
    "direction_differ",
    "names_inverted",
    "roles_exchanged",
    "moves",
    "content_jaccard",
    "extra_words_max",
    "extra_words_min",
    "extra_word_best_min",
    "extra_word_best_mean",
    "content_order",
    "content_words_min",
    "content_words_max",
    "question_word_differ",
    "first_question_word_differ",
    "token_length_ratio",
)
CONTEXT_NAMES: tuple[str, ...] = ("token_align_f1", "token_align_min", "shared_word_context_min", "shared_word_context_mean")


@dataclass(frozen=True)
class TextInfo:
    """What the features read of one question, computed once per text."""

    content: dict[str, str]  # stem -> word (guard.content_words)
    content_seq: tuple[str, ...]  # stems of the content words in order
    numbers: tuple[str, ...]
    entity_stems: frozenset[str]
    word_stems: frozenset[str]
    spans: frozenset[str]
    negations: int
    directions: tuple[tuple[str, str], ...]
    question_words: tuple[str, ...]
    n_tokens: int


@lru_cache(maxsize=20_000)
def text_info(text: str) -> TextInfo:
    """The per-question part of the features (cached: a stored question is compared again and again)."""
    toks = tokens(text)
    content = guard.content_words(text)
    seq = tuple(stem(t.norm) for t in toks if stem(t.norm) in content)
    spans = guard.entity_spans(text)
    return TextInfo(
        content=content,
        content_seq=seq,
        numbers=tuple(numbers(text)),
        entity_stems=frozenset(stem(w) for s in spans for w in s.split()),
        word_stems=frozenset(stem(t.norm) for t in toks),
        spans=frozenset(spans),
        negations=negation_count(text),
        directions=tuple(directions(text)),
        question_words=tuple(t.norm for t in toks if t.norm in QUESTION_WORDS),
        n_tokens=len(toks),
    )


def dense_features(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """``u * v`` then ``|u - v|`` for unit vectors of shape (dim,) or (n, dim): (2 dim,) or (n, 2 dim)."""
    u = np.asarray(u, dtype=np.float32)
    v = np.asarray(v, dtype=np.float32)
    return np.concatenate([u * v, np.abs(u - v)], axis=-1)


def scalar_features(
    a: str, b: str, cosine: float, similarity: WordSimilarity | None = None
) -> np.ndarray:
    """The :data:`SCALAR_NAMES` values for stored question ``a`` and asked question ``b``.

    ``similarity`` gives word-vector cosines for the words only one question has;
    without it those words count as unmatched (best similarity 0).
    """
    ia, ib = text_info(a), text_info(b)
    na, nb = Counter(ia.numbers), Counter(ib.numbers)
    unmatched_numbers = sum(((na - nb) + (nb - na)).values())
    entities = len((ia.entity_stems - ib.word_stems) | (ib.entity_stems - ia.word_stems))
    ca, cb = set(ia.content), set(ib.content)
    extra_a, extra_b = ca - cb, cb - ca
    best = _extra_word_best(ia, ib, extra_a, extra_b, similarity)
    qa, qb = ia.question_words, ib.question_words
    values = (
        cosine,
        float(unmatched_numbers > 0),
        float(min(unmatched_numbers, 4)),
        float(bool(na or nb)),
        float(min(entities, 4)),
        float(guard._span_conflict(set(ia.spans), set(ib.spans))),
        float(min(abs(ia.negations - ib.negations), 2)),
        float(ia.directions != ib.directions),
        float(guard.name_inversion(a, b) is not None or guard.name_inversion(b, a) is not None),
        float(guard.role_exchange(a, b) is not None or guard.role_exchange(b, a) is not None),
        float(min(len(guard._moves(a, b)) + len(guard._moves(b, a)), 6)),
        len(ca & cb) / max(len(ca | cb), 1),
        float(min(max(len(extra_a), len(extra_b)), 8)),
        float(min(min(len(extra_a), len(extra_b)), 8)),
        min(best) if best else 1.0,
        float(np.mean(best)) if best else 1.0,
        lcs_ratio(ia.content_seq, ib.content_seq),
        float(min(len(ca), len(cb), 20)),
        float(min(max(len(ca), len(cb)), 20)),
        float(sorted(set(qa)) != sorted(set(qb))),
        float((qa[:1] or ("",)) != (qb[:1] or ("",))),
        min(ia.n_tokens, ib.n_tokens) / max(ia.n_tokens, ib.n_tokens, 1),
    )
    return np.asarray(values, dtype=np.float32)


def _extra_word_best(
    ia: TextInfo, ib: TextInfo, extra_a: set[str], extra_b: set[str], similarity: WordSimilarity | None
) -> list[float]:
    """For each content word only one question has, its best cosine to a content word of the other."""
    out: list[float] = []
    for extra, mine, theirs in ((extra_a, ia, ib), (extra_b, ib, ia)):
        if not extra:
            continue
        if similarity is None or not theirs.content:
            out += [0.0] * len(extra)
            continue
        words = sorted(mine.content[s] for s in extra)
        sims = np.asarray(similarity(words, sorted(theirs.content.values())))
        out += [float(x) for x in sims.max(axis=1)]
    return out


def words_to_compare(a: str, b: str) -> set[str]:
    """The words whose vectors :func:`scalar_features` will ask for (to embed them in one batch)."""
    ia, ib = text_info(a), text_info(b)
    ca, cb = set(ia.content), set(ib.content)
    if ca == cb:
        return set()
    return set(ia.content.values()) | set(ib.content.values())


def lcs_ratio(x: Sequence[str], y: Sequence[str]) -> float:
    """Longest common subsequence of the shared items, over how many items both have (1.0: same order)."""
    shared = set(x) & set(y)
    xs = [w for w in x if w in shared]
    ys = [w for w in y if w in shared]
    if not xs or not ys:
        return 1.0
    return lcs_length(xs, ys) / min(len(xs), len(ys))


@dataclass(frozen=True)
class TokenStates:
    """One question's contextual token vectors and the word each token belongs to.

    ``vectors`` are the model's last hidden states of the real tokens (special
    tokens removed), unit length; ``word_ids[i]`` indexes ``words`` (lower case).
    """

    vectors: np.ndarray  # (tokens, dim) float32
    word_ids: tuple[int, ...]
    words: tuple[str, ...]


def token_states(hidden: np.ndarray, encoding, text: str) -> TokenStates:
    """TokenStates from a model run over ``encoding`` (a ``tokenizers`` Encoding of ``text``)."""
    keep = [i for i, w in enumerate(encoding.word_ids) if w is not None]
    vecs = np.asarray(hidden, dtype=np.float32)[keep]
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-12
    ids = [encoding.word_ids[i] for i in keep]
    spans: dict[int, tuple[int, int]] = {}
    for i, w in zip(keep, ids, strict=True):
        start, end = encoding.offsets[i]
        lo, hi = spans.get(w, (start, end))
        spans[w] = (min(lo, start), max(hi, end))
    order = sorted(spans)
    remap = {w: n for n, w in enumerate(order)}
    words = tuple(text[spans[w][0] : spans[w][1]].lower() for w in order)
    return TokenStates(vecs, tuple(remap[w] for w in ids), words)


def context_features(a: TokenStates | None, b: TokenStates | None) -> np.ndarray:
    """The :data:`CONTEXT_NAMES` values; neutral values (1.0) when either side is missing.

    * token alignment: each token's best cosine in the other question, averaged
      each way and combined as an F1 (BERTScore without idf weights), and the
      lowest best cosine of any token;
    * shared-word context: for each content word both questions contain once,
      the cosine of its two (sub-token averaged) vectors; lowest and mean.
    """
    if a is None or b is None or not len(a.vectors) or not len(b.vectors):
        return np.ones(len(CONTEXT_NAMES), dtype=np.float32)
    sims = a.vectors @ b.vectors.T
    recall, precision = sims.max(axis=1), sims.max(axis=0)
    r, p = float(recall.mean()), float(precision.mean())
    f1 = 2 * r * p / max(r + p, 1e-9)
    low = float(min(recall.min(), precision.min()))
    shared = _shared_word_cosines(a, b)
    return np.asarray(
        (f1, low, min(shared) if shared else 1.0, float(np.mean(shared)) if shared else 1.0),
        dtype=np.float32,
    )


def _shared_word_cosines(a: TokenStates, b: TokenStates) -> list[float]:
    wa, wb = _word_vectors(a), _word_vectors(b)
    return [float(v @ wb[w]) for w, v in wa.items() if w in wb and w not in guard.STOPWORDS and w.isalpha()]


def _word_vectors(states: TokenStates) -> dict[str, np.ndarray]:
    """Each word met once: the normalised mean of its tokens' vectors (words met twice are left out)."""
    counts = Counter(states.words)
    ids = np.asarray(states.word_ids)
    out = {}
    for n, w in enumerate(states.words):
        if counts[w] == 1:
            v = states.vectors[ids == n].mean(axis=0)
            out[w] = v / (np.linalg.norm(v) + 1e-12)
    return out
