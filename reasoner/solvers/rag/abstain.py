"""One calibrated score for "the best candidate answers the question", and its threshold.

A logistic model over features of the reading. Two fitted scores are kept (``SCORES``):

- "absolute" (the default): the best candidate's combined score, its margin, its cosine in
  context, typed spans, the top hit's retrieval score, names no hit mentions.
- "background": the same reading measured against the question's background in its knowledge
  base (the mean cosine of the question with its nearest ``BACKGROUND_SHARE`` of the chunks):
  how far the best sentence's cosine in context rises above ``BACKGROUND_WEIGHT`` of it, how far
  it falls below the candidate that matches the question best by meaning, a typed question
  answered by a sentence without a typed span, unknown names. Absolute cosines differ between
  handbooks (near-topic unanswerable questions: 0.37 and 0.42 on average in two handbooks, 0.088
  and 0.102 above their backgrounds), but the score fitted on CivicActions did worse on the 18F
  paraphrased set than the absolute one fitted there, and answers near-topic questions of a
  small knowledge base, so it is not the default (benchmarks/notes/kb.md, session 9).
- "within": the best sentence's cosine measured within the reading (against the mean of its own
  candidates), how far below the best match by meaning it falls, a typed question without a typed
  span, unknown names, the shared words of the sentence in its section. Fitted on CivicActions; on
  18F paraphrased its abstention recall falls to 58%, so it is an option (session 12).
- "relative": features that read no absolute cosine or retrieval level (``RELATIVE_FEATURES``: the
  reading against its own candidates and hits, shared words, spans), fitted on the CivicActions sets.
  Their level is alike in both handbooks, but the weights that separate CivicActions' questions do not
  separate 18F's (18F paraphrased 51.7%): an option (session 13). What differs between the handbooks'
  question sets is how near the unanswerable questions sit to the pages, not the cosine level.

The word alignment of the question with the best candidates (``align.FEATURES``, session 13 kbalign)
is among the features; the reader computes it only when a score reads it or ``align.RECORD`` is set
(fitted on either handbook it did not beat this default on the other: benchmarks/notes/kb.md).

Every feature of every score is recorded in ``Reading.features`` (with ``in_unit``, ``fits`` and
``specific``, the reading's evidence of the asked unit, bound and written form), so any can be
refitted.

The coefficients and the threshold were fitted on one data set and checked on another
(``benchmarks/bench_kb.py --fit``; the curve is in ``benchmarks/notes/kb.md``); ``fit`` is here
so the benchmark and the tests use the same code.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from reasoner.solvers.rag import align, grounding
from reasoner.solvers.rag import extract as rag_extract
from reasoner.solvers.rag.answer_type import NAME_KINDS, TYPED_KINDS
from reasoner.solvers.rag.grounding import content_terms
from reasoner.types import Hit

if TYPE_CHECKING:
    from reasoner.solvers.rag.reader import Reading

FEATURES = (
    "top", "margin", "cos_context", "typed", "typed_question", "span", "hit", "unknown_name",
    "cos", "lexical", "lexical_context", "unit_names",
    "relative", "relative_sentence", "below_best", "typed_miss", "above_background",
    "in_unit", "fits", "specific", "within",
    "z_within", "stands_out", "dense_peak", "hit_rank", "coverage", "coverage_chunk", "typed_share",
    *align.FEATURES,  # the question's words aligned with the best candidates' (the reader fills them in)
)  # fmt: skip
# the features that read no absolute level of the embedder's cosines or of the retrieval scores: each
# compares the reading with itself (its own candidates, its own hits) or counts words and spans, so
# the same value means the same in a handbook whose cosines all sit higher (session 13)
RELATIVE_FEATURES = frozenset({
    "margin", "typed", "typed_question", "span", "unknown_name", "lexical", "lexical_context", "unit_names",
    "below_best", "typed_miss", "in_unit", "fits", "specific", "within", "z_within", "stands_out", "dense_peak",
    "hit_rank", "coverage", "coverage_chunk", "typed_share",
})  # fmt: skip
# the spread of the candidates' cosines is never taken below this (two near-equal candidates would
# make any best one "stand out" by many deviations)
MIN_SPREAD = 0.02
# span kinds written in a form of their own (an address, a channel, an amount with its sign): a
# sentence holding one for a question asking that kind is rarely a near miss
SPECIFIC_KINDS = frozenset({"money", "percent", "time", "date", "email", "url", "channel", "phone", "code"})


@dataclass(frozen=True)
class Score:
    """One fitted score: its coefficients (the features it reads are their keys), the threshold an
    answer needs, and the L2 penalty it was fitted with."""

    coef: dict[str, float]
    threshold: float
    l2: float

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(k for k in self.coef if k != "bias")

    @property
    def reads_background(self) -> bool:
        """Whether the score reads the question's background (and so needs the wider retrieval)."""
        return any(k in BACKGROUND_FEATURES for k in self.keys)


SCORES = {
    # fitted with `python benchmarks/bench_kb.py --fit 18f` (the 18F paraphrased set, 60 questions;
    # L2 0.3), threshold: the best accuracy there with abstention recall >= 80%. Checked on
    # civicactions (65.0%). Absolute cosines and scores.
    "absolute": Score(
        {"bias": -2.0108, "top": 1.4626, "margin": -0.0705, "cos_context": 1.5712, "typed": 0.4476,
         "typed_question": -0.9239, "span": 0.4476, "hit": 0.2287, "unknown_name": -0.5134},
        0.38, 0.3,
    ),
    # fitted with `python benchmarks/bench_kb.py --fit ca --score background` (CivicActions, 80
    # questions; L2 0.03, chosen by leave-one-out there), threshold: the best accuracy there with
    # abstention recall >= 80%. Checked on 18F paraphrased: 63.3% (the absolute score, fitted
    # there, 71.7%); 18F handbook dev 91.2% (85.3%); sample KB 88.2% (89.7%), and it answers
    # near-topic questions of a small KB ("How does the K-7 handle updates?"): not the default.
    "background": Score(
        {"bias": -2.1715, "above_background": 8.9891, "below_best": 7.9278, "typed_miss": -2.395,
         "unknown_name": -0.8371},
        0.6, 0.03,
    ),
    # fitted with `python benchmarks/bench_kb.py --fit ca --score within` (CivicActions, 80 questions;
    # the features and L2 0.3 chosen by 5-fold cross-validation there among 10 feature sets and 3
    # L2s, benchmarks/notes/kb.md session 12), threshold: the best accuracy there with abstention
    # recall >= 80%. What the best sentence's cosine says measured within the reading's own
    # candidates (``within``: minus their mean; the fit read it as ``relative``, which equals it
    # when no background is retrieved), so no wider retrieval. Checked on 18F paraphrased: 70.0% with
    # abstention recall 58.3% (the absolute score 71.7% / 91.7%): not the default.
    "within": Score(
        {"bias": -1.3447, "cos_context": 3.3891, "within": 3.2326, "below_best": 1.2173, "typed_miss": -1.0093,
         "unknown_name": -0.7395, "lexical_context": -0.5526},
        0.55, 0.3,
    ),
    # session 13: relative features only (``RELATIVE_FEATURES``: no absolute cosine or retrieval score),
    # fitted with `python benchmarks/fit_abstain.py RUN.json` on the CivicActions sets (ca and s12, 120
    # questions; L2 1.0 the best of 4 by 5-fold cross-validation there), threshold: the best accuracy there
    # with abstention recall >= 80%. Checked on the 18F sets: 18F paraphrased 51.7%, blind10 35.0%, blind12
    # 40.0%, handbook dev 83.8% (the absolute score 71.7 / 55.0 / 60.0 / 85.3): the relative features keep
    # their level across the handbooks, but the weights that separate CivicActions' questions (the best
    # sentence standing out of its candidates, the question's words in the hits) do not separate 18F's
    # (benchmarks/notes/kb.md, session 13): an option, not the default.
    "relative": Score(
        {"bias": 0.0504, "within": 0.3146, "z_within": 0.0999, "stands_out": 1.3452, "below_best": -0.1323,
         "dense_peak": 0.5544, "hit_rank": -0.2647, "typed_miss": -0.5528, "unknown_name": -0.5938,
         "margin": -0.0665, "coverage": 0.9881, "coverage_chunk": 0.8102, "typed_share": -0.8609,
         "specific": 0.7496, "in_unit": -0.5531, "fits": 0.4936, "lexical": 0.0452},
        0.6, 1.0,
    ),
}  # fmt: skip
DEFAULT_SCORE = "absolute"
COEF, THRESHOLD, L2 = SCORES[DEFAULT_SCORE].coef, SCORES[DEFAULT_SCORE].threshold, SCORES[DEFAULT_SCORE].l2
MODEL = SCORES[DEFAULT_SCORE].keys
# The question's background: its mean cosine with its nearest chunks, as a share of the knowledge
# base (a percentile of its cosines over the KB, not a count: the 32 nearest of 1,205 chunks are a
# wider neighbourhood than the 32 nearest of 2,548). 2.65% is 32 of CivicActions' 1,205 chunks,
# what the score was fitted with. Never fewer than those 32: in a small KB (140 chunks) the nearest
# 2.65% are the few pages on the topic itself, and a right reading no longer rose above them (the
# sample KB's parental-leave question was declined with 8); at most 128, for cost.
BACKGROUND_SHARE = 0.0265
# the features measured against the background (the others read the best hits alone)
BACKGROUND_FEATURES = frozenset({"relative", "relative_sentence", "above_background"})
BACKGROUND_K = 32  # the fitted count, and the count when the knowledge base's size is unknown
BACKGROUND_MIN, BACKGROUND_MAX = BACKGROUND_K, 128
# the share of the background taken off the best cosine: the middle of the range (0 to 0.75) that
# did equally well on the 18F handbook dev set with the score fitted on CivicActions; the whole
# background (1.0) lost 6 points there
BACKGROUND_WEIGHT = 0.5


def features(reading: Reading, hits: Sequence[Hit], background: float | None = None) -> dict[str, float]:
    """The abstention model's inputs for one reading (zeros when nothing was read).

    ``background``: the question's mean cosine with its nearest chunks in the knowledge base
    (``background_of``); None (a backend that gives no cosines) takes the mean over the
    candidates read instead, which sits at about the same level (CivicActions' unanswerable
    questions rise 0.088 on average above either).
    """
    out = dict.fromkeys(FEATURES, 0.0)
    if not reading.ranked:
        return out
    best = reading.ranked[0]
    second = reading.ranked[1].score if len(reading.ranked) > 1 else best.score - 1.0
    typed_q = reading.qtype.kind in TYPED_KINDS or reading.qtype.kind in NAME_KINDS
    own = sum(s.cos_context for s in reading.ranked) / len(reading.ranked)
    if background is None:
        background = own
    out.update(
        top=best.score,
        margin=min(1.0, best.score - second),
        cos_context=best.cos_context,
        typed=float(best.typed),
        typed_question=float(typed_q),
        span=float(reading.span is not None),
        hit=hits[0].score if hits else 0.0,
        unknown_name=float(bool(unknown_names(reading.question, hits))),
        cos=best.cos,
        lexical=best.lexical,
        lexical_context=best.lexical_context,
        unit_names=float(bool(unknown_names(reading.question, [hits[best.unit.hit]]))) if hits else 0.0,
        relative=best.cos_context - background,
        above_background=best.cos_context - BACKGROUND_WEIGHT * background,
        relative_sentence=best.cos - background,
        below_best=best.cos_context - max(s.cos_context for s in reading.ranked),
        typed_miss=float(typed_q and not best.typed),
        in_unit=float(best.in_unit),
        fits=float(best.bounded or best.extreme),
        specific=float(best.typed and reading.qtype.kind in SPECIFIC_KINDS),
        within=best.cos_context - own,
    )
    out.update(_relative(reading, hits, own))
    return out


def _relative(reading: Reading, hits: Sequence[Hit], own: float) -> dict[str, float]:
    """The reading measured against itself (session 13): how many deviations of its candidates'
    cosines the best one stands above their mean (``z_within``) and above the next best
    (``stands_out``), how far the first hit's cosine rises above the other hits' (``dense_peak``),
    how far down the hits the best sentence was found (``hit_rank``, 0 the first hit, 1 the last),
    the idf-weighted share of the question's words anywhere in the hits (``coverage``) and in the
    best sentence's own chunk with its titles (``coverage_chunk``), and the share of candidates
    holding a span of the asked type (``typed_share``: when every sentence holds a number, holding
    one says little)."""
    best, ranked = reading.ranked[0], reading.ranked
    cosines = [s.cos_context for s in ranked]
    spread = max(MIN_SPREAD, float(np.std(cosines)))
    others = max((s.cos_context for s in ranked[1:]), default=own)
    dense = [h.dense for h in hits if h.dense is not None]
    peak = dense[0] - sum(dense[1:]) / (len(dense) - 1) if len(dense) > 1 else 0.0
    held = [_chunk_terms(f"{h.chunk.title} {h.chunk.section} {h.chunk.text}") for h in hits]
    df = Counter(t for terms in held for t in terms)
    idf = {t: math.log(1.0 + len(held) / (1.0 + c)) for t, c in df.items()}  # over the hits, a chunk a document
    every = frozenset(df)
    own_chunk = held[best.unit.hit] if best.unit.hit < len(held) else frozenset()
    plain = {t: {t: 1.0} for t in rag_extract.question_terms(reading.question)}
    return {
        "z_within": (best.cos_context - own) / spread,
        "stands_out": (best.cos_context - others) / spread,
        "dense_peak": peak,
        "hit_rank": best.unit.hit / max(1, len(hits) - 1),
        "coverage": rag_extract.lexical_share(plain, every, idf),
        "coverage_chunk": rag_extract.lexical_share(plain, own_chunk, idf),
        "typed_share": sum(s.typed for s in ranked) / len(ranked),
    }


_TERMS: dict[str, frozenset[str]] = {}


def _chunk_terms(text: str) -> frozenset[str]:
    """``content_terms`` of a chunk with its titles, remembered (a handbook's chunks recur across questions)."""
    got = _TERMS.get(text)
    if got is None:
        if len(_TERMS) > 20_000:
            _TERMS.clear()
        got = _TERMS[text] = frozenset(content_terms(text))
    return got


def background_k(kb_size: int | None) -> int:
    """How many nearest chunks make the question's background in a knowledge base of ``kb_size``."""
    if not kb_size or kb_size < 0:
        return BACKGROUND_K
    return max(BACKGROUND_MIN, min(BACKGROUND_MAX, round(BACKGROUND_SHARE * kb_size)))


def background_of(hits: Sequence[Hit]) -> float | None:
    """The question's mean cosine with the retrieved chunks (None when the backend gave none)."""
    dense = [h.dense for h in hits if h.dense is not None]
    return sum(dense) / len(dense) if dense else None


_CODE = re.compile(r"\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]+\b|\b[A-Z][a-z]+-[A-Z][\w]*\b")
# a number with an ordinal suffix or a unit word ("15th", "1st", "8-year", "30-minute") is a
# quantity the sources write in their own way ("the 25th day", "eight years"), not a name
_QUANTITY = re.compile(r"\d+(?:st|nd|rd|th|ST|ND|RD|TH)|\d+(?:\.\d+)?-[a-z]{3,}")


def unknown_names(question: str, hits: Sequence[Hit]) -> list[str]:
    """Names and codes of the question ("K-3", "Wi-Fi", "Denver", "FEGLI") that no retrieved chunk
    mentions: an answer about a thing needs a source that names it."""
    if not question or not hits:
        return []
    said = " ".join(f"{h.chunk.text} {h.chunk.title} {h.chunk.section} {h.chunk.source}" for h in hits).lower()
    wanted = {n for n in grounding.names(question) if "'" not in n and "\u2019" not in n and len(n) > 1}
    wanted |= {m.group().lower() for m in _CODE.finditer(question) if not _is_quantity(m.group())}
    return sorted(n for n in wanted if n not in said)


def _is_quantity(token: str) -> bool:
    """"15th", "8-year", "30-minute" read as amounts; "K-3", "GS-13", "24x7", "37signals" do not."""
    return _QUANTITY.fullmatch(token) is not None


def probability(feats: dict[str, float], coef: dict[str, float] | None = None) -> float:
    """The calibrated probability from the features."""
    c = coef or COEF
    z = c.get("bias", 0.0) + sum(c.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def fit(
    rows: Sequence[dict[str, float]], labels: Sequence[bool], *, l2: float = L2, keys: Sequence[str] = MODEL
) -> dict[str, float]:
    """Logistic regression on ``keys`` (Newton steps, an L2 penalty on the weights, not on the bias)."""
    x = np.array([[1.0] + [r.get(k, 0.0) for k in keys] for r in rows])
    y = np.asarray(labels, dtype=float)
    w = np.zeros(x.shape[1])
    reg = np.eye(x.shape[1]) * l2
    reg[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -40, 40)))
        grad = x.T @ (p - y) + reg @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + reg + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {"bias": round(float(w[0]), 4), **{k: round(float(v), 4) for k, v in zip(keys, w[1:], strict=True)}}
