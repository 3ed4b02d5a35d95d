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
  words read in their two contexts (:mod:`reasoner.memory.context`);
* for a version-2 model, the word-level alignment of those vectors: which words
  of each question the other accounts for (:func:`alignment_features`; measured
  in session 9 and not shipped: it ranks QQP better and PAWS word swaps worse).

Everything here is pure: texts, vectors and a word-similarity function in,
arrays out. Features are symmetric in the two questions (stored / asked), since
"means the same" is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from reasoner.memory import guard
from reasoner.memory.context import lcs_length
from reasoner.memory.lexicon import (
    QUESTION_WORDS,
    STOPWORDS,
    directions,
    is_number_word,
    negation_count,
    numbers,
    tokens,
)
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
# Word-level alignment of the contextual vectors (:func:`alignment_features`); "_min" / "_max"
# are the two questions' values ordered, so the features stay symmetric.
ALIGNMENT_NAMES: tuple[str, ...] = (
    "align_recall_min",
    "align_recall_max",
    "align_idf_recall_min",
    "align_idf_recall_max",
    "align_worst_min",
    "align_worst_max",
    "align_unaligned_min",
    "align_unaligned_max",
    "align_unaligned_idf_min",
    "align_unaligned_idf_max",
    "align_unmatched_idf_top",
    "align_substituted",
    "align_substituted_min",
    "align_numbers_unmatched",
    "align_entities_unmatched",
    "align_question_unmatched",
)
_ALIGNMENT_NEUTRAL = (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0)


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
class WordKinds:
    """Per word of a :class:`TokenStates`: its stem and whether it is a content word, a number, a wh-word."""

    stems: tuple[str, ...]
    content: np.ndarray  # (words,) bool
    number: np.ndarray
    wh: np.ndarray


# The words that ask for a kind of answer (a person, a reason, a manner, a time ...);
# the auxiliaries of QUESTION_WORDS ("is", "does") change with the wording, these do not.
WH_WORDS = frozenset("who whom whose what which when where why how".split()) & QUESTION_WORDS


@dataclass(frozen=True)
class TokenStates:
    """One question's contextual token vectors and the word each token belongs to.

    ``vectors`` are the model's last hidden states of the real tokens (special
    tokens removed), unit length; ``word_ids[i]`` indexes ``words`` (lower case).
    """

    vectors: np.ndarray  # (tokens, dim) float32
    word_ids: tuple[int, ...]
    words: tuple[str, ...]
    ids: tuple[int, ...] = ()  # the tokenizer's ids of the tokens (for idf weights); may be empty

    @cached_property
    def word_matrix(self) -> np.ndarray:
        """(words, dim): each word's tokens averaged, unit length (every occurrence its own row)."""
        out = np.zeros((len(self.words), self.vectors.shape[1]), np.float32)
        np.add.at(out, np.asarray(self.word_ids, np.int64), self.vectors)
        return out / (np.linalg.norm(out, axis=1, keepdims=True) + 1e-12)

    @cached_property
    def word_kinds(self) -> WordKinds:
        """Each word's stem and kind (content, number, wh-word), read once per question."""
        words = self.words
        return WordKinds(
            stems=tuple(stem(w) for w in words),
            content=np.array([_is_content_word(w) for w in words], bool),
            number=np.array([bool(w) and is_number_word(w) for w in words], bool),
            wh=np.array([w in WH_WORDS for w in words], bool),
        )

    def word_idf(self, idf: np.ndarray | None) -> np.ndarray:
        """Each word's idf: the highest of its tokens' (its rarest piece); all 1.0 without a table or ids."""
        if idf is None or len(self.ids) != len(self.word_ids):
            return np.ones(len(self.words), np.float32)
        ids = np.clip(np.asarray(self.ids, np.int64), 0, len(idf) - 1)
        out = np.zeros(len(self.words), np.float32)
        np.maximum.at(out, np.asarray(self.word_ids, np.int64), idf[ids].astype(np.float32))
        return out


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
    return TokenStates(vecs, tuple(remap[w] for w in ids), words, tuple(int(encoding.ids[i]) for i in keep))


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


def alignment_features(
    a: TokenStates | None, b: TokenStates | None, text_a: str, text_b: str, idf: np.ndarray | None = None
) -> np.ndarray:
    """The :data:`ALIGNMENT_NAMES` values: which words of each question the other's words account for.

    A pooled cosine says how close two questions are overall, not which words
    differ. Here each word of one question (its tokens' contextual vectors averaged)
    is aligned to its most similar word of the other (BERTScore's greedy match,
    Zhang et al. 2020, at word level). Over each question's *content* words (not
    function words or punctuation; numbers count):

    * recall: the mean best cosine, plain and idf-weighted (rare words weigh
      more: ``idf`` is indexed by token id, a word takes its rarest piece's);
      the worst-aligned word's cosine;
    * unaligned: words whose best match does not pick them back (no mutual
      best match), how many and their idf mass; the highest idf of a word that is
      not matched to the same word (a rare word the other question lacks);
    * substituted: mutual matches between different words (a synonym, or another
      name), how many and the lowest cosine among them;
    * numbers, named entities and wh-words (what / how / why ...) not
      matched to the same word, both questions together.

    Neutral values (as for two identical questions) when either side is missing.
    """
    if a is None or b is None or not len(a.words) or not len(b.words):
        return np.asarray(_ALIGNMENT_NEUTRAL, dtype=np.float32)
    sims = a.word_matrix @ b.word_matrix.T
    sa = _aligned_side(a, text_a, sims, b, idf)
    sb = _aligned_side(b, text_b, sims.T, a, idf)
    pairs = list(zip(sa, sb, strict=True))
    lo = [min(x, y) for x, y in pairs]
    hi = [max(x, y) for x, y in pairs]
    # sides: recall, idf_recall, worst, unaligned, unaligned_idf, unmatched_top, substituted, subst_min,
    #        numbers, entities, question
    values = (
        lo[0], hi[0], lo[1], hi[1], lo[2], hi[2],
        min(lo[3], 8.0), min(hi[3], 8.0), lo[4], hi[4], hi[5],
        min(hi[6], 4.0), lo[7],
        min(sa[8] + sb[8], 4.0), min(sa[9] + sb[9], 4.0), min(sa[10] + sb[10], 4.0),
    )
    return np.asarray(values, dtype=np.float32)


def _aligned_side(
    mine: TokenStates, text: str, sims: np.ndarray, theirs: TokenStates, idf: np.ndarray | None
) -> tuple[float, ...]:
    """One question's side of :func:`alignment_features` (``sims``: its words x the other's)."""
    n = len(mine.words)
    best_j = sims.argmax(axis=1)
    best = sims[np.arange(n), best_j]
    mutual = sims.argmax(axis=0)[best_j] == np.arange(n)
    kinds, other = mine.word_kinds, theirs.word_kinds
    stems = kinds.stems
    same = mutual & np.array([stems[i] == other.stems[best_j[i]] for i in range(n)])
    entity_stems = text_info(text).entity_stems
    content, number, question = kinds.content, kinds.number, kinds.wh
    entity = np.array([s in entity_stems for s in stems]) & content
    if not content.any():
        return (1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, float((number & ~same).sum()), 0.0,
                float((question & ~same).sum()))
    weight = mine.word_idf(idf)
    unaligned = content & ~mutual
    unmatched = content & ~same
    substituted = content & mutual & ~same
    return (
        float(best[content].mean()),
        float((weight * best)[content].sum() / max(weight[content].sum(), 1e-9)),
        float(best[content].min()),
        float(unaligned.sum()),
        float(weight[unaligned].sum()),
        float(weight[unmatched].max()) if unmatched.any() else 0.0,
        float(substituted.sum()),
        float(best[substituted].min()) if substituted.any() else 1.0,
        float((number & ~same).sum()),
        float((entity & ~same).sum()),
        float((question & ~same).sum()),
    )


def _is_content_word(word: str) -> bool:
    return any(c.isalnum() for c in word) and word not in STOPWORDS and word not in QUESTION_WORDS


def token_idf(texts: Sequence[str], tokenizer, vocab_size: int) -> np.ndarray:
    """Smoothed inverse document frequency of every token id over ``texts`` (each distinct text a document).

    ``log((N + 1) / (df + 1))``: a token never seen gets the highest value.
    """
    df = np.zeros(vocab_size, np.int64)
    distinct = sorted(set(texts))
    for text in distinct:
        df[np.unique(np.asarray(tokenizer.encode(text or " ").ids, np.int64))] += 1
    return np.log((len(distinct) + 1) / (df + 1)).astype(np.float32)
