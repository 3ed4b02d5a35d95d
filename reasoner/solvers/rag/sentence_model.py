"""A learned answer-sentence model: which candidate answers, and how sure that is.

Two small logistic models over features of the reader's candidates (``Reader``'s cosines,
shares of the question's words, typed spans, retrieval), trained on a third data set (XQuAD's
English questions with their answer spans: ``benchmarks/train_kb_sentence.py``), never on the
handbook sets it is reported on:

- the ranker scores each candidate (positives: the sentence that holds the answer span;
  negatives: every other candidate the reader saw for that question: sentences of the same
  paragraph and of the nearby paragraphs retrieval brought, near-topic by construction);
- the answer score reads the ranker's best candidate (its ranker logit, its margin over the
  second, its cosines, the question's typed-ness and unknown names) and gives the probability
  that it answers; the threshold is XQuAD's (unanswerable questions made by removing each
  question's answer sentences from its article).

Features are relative inside one question where that carries across knowledge bases (a
candidate's cosine minus the best cosine among the candidates) and absolute where the level
itself means something (the best cosine of an answerable question).

The weights ship as package data (``sentence_model.json``); ``load`` returns None when the file
is missing or unreadable, and the reader then keeps its hand-set ranking and the default score.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from reasoner.solvers.rag.answer_type import NAME_KINDS, TYPED_KINDS

if TYPE_CHECKING:
    from reasoner.solvers.rag.reader import Reading, Scored

PATH = Path(__file__).with_name("sentence_model.json")

RANK_FEATURES = (
    "cos", "cos_context", "window", "d_cos", "d_context", "d_window", "lexical", "lexical_context",
    "d_lexical", "typed", "in_unit", "untyped", "bounded", "asks", "hit", "d_hit", "hit_rank",
    "linear", "d_linear", "linear_rank", "length", "above_mean",
)  # fmt: skip
ANSWER_FEATURES = (
    "logit", "margin", "cos", "cos_context", "window", "lexical", "lexical_context", "typed",
    "typed_question", "unknown_name", "above_mean", "hit",
)  # fmt: skip


def candidate_features(ranked: Sequence[Scored]) -> np.ndarray:
    """One row of ``RANK_FEATURES`` per candidate (``ranked`` in the reader's order)."""
    if not ranked:
        return np.zeros((0, len(RANK_FEATURES)))
    cos = np.array([s.cos for s in ranked])
    ctx = np.array([s.cos_context for s in ranked])
    win = np.array([s.window if s.window is not None else s.cos for s in ranked])
    lex = np.array([s.lexical for s in ranked])
    hit = np.array([s.hit_score for s in ranked])
    lin = np.array([s.score for s in ranked])
    cols = {
        "cos": cos, "cos_context": ctx, "window": win,
        "d_cos": cos - cos.max(), "d_context": ctx - ctx.max(), "d_window": win - win.max(),
        "lexical": lex, "lexical_context": np.array([s.lexical_context for s in ranked]),
        "d_lexical": lex - lex.max(),
        "typed": np.array([float(s.typed) for s in ranked]),
        "in_unit": np.array([float(s.in_unit) for s in ranked]),
        "untyped": np.array([float(s.untyped) for s in ranked]),
        "bounded": np.array([float(s.bounded) for s in ranked]),
        "asks": np.array([float(s.asks) for s in ranked]),
        "hit": hit, "d_hit": hit - hit.max(),
        "hit_rank": np.array([1.0 / (1.0 + s.unit.hit) for s in ranked]),
        "linear": lin, "d_linear": lin - lin.max(),
        "linear_rank": 1.0 / (1.0 + np.arange(len(ranked))),
        "length": np.array([math.log(1.0 + len(s.unit.text.split())) for s in ranked]),
        "above_mean": ctx - ctx.mean(),
    }  # fmt: skip
    return np.stack([cols[k] for k in RANK_FEATURES], axis=1)


def answer_features(
    reading: Reading, rows: np.ndarray, logits: np.ndarray, order: np.ndarray, unknown_name: bool
) -> dict[str, float]:
    """``ANSWER_FEATURES`` of the ranker's best candidate."""
    top = int(order[0])
    second = float(logits[order[1]]) if len(order) > 1 else float(logits[top]) - 4.0
    col = {k: i for i, k in enumerate(RANK_FEATURES)}
    typed_q = reading.qtype.kind in TYPED_KINDS or reading.qtype.kind in NAME_KINDS
    return {
        "logit": float(logits[top]), "margin": min(4.0, float(logits[top]) - second),
        **{k: float(rows[top, col[k]]) for k in ("cos", "cos_context", "window", "lexical", "lexical_context",
                                                   "typed", "above_mean", "hit")},
        "typed_question": float(typed_q), "unknown_name": float(unknown_name),
    }  # fmt: skip


@dataclass(frozen=True)
class SentenceModel:
    """The fitted ranker and answer score, and the threshold an answer needs."""

    rank: dict[str, float]
    answer: dict[str, float]
    threshold: float
    trained_on: str = ""

    def logits(self, rows: np.ndarray) -> np.ndarray:
        w = np.array([self.rank.get(k, 0.0) for k in RANK_FEATURES])
        return rows @ w + self.rank.get("bias", 0.0)

    def probability(self, feats: dict[str, float]) -> float:
        z = self.answer.get("bias", 0.0) + sum(self.answer.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def to_json(self) -> str:
        return json.dumps(
            {
                "rank": self.rank,
                "answer": self.answer,
                "threshold": self.threshold,
                "trained_on": self.trained_on,
            },
            indent=1,
        )


def from_dict(data: dict) -> SentenceModel | None:
    """A model from its JSON form; None when a part is missing or not numeric."""
    try:
        rank = {str(k): float(v) for k, v in data["rank"].items()}
        answer = {str(k): float(v) for k, v in data["answer"].items()}
        return SentenceModel(rank, answer, float(data["threshold"]), str(data.get("trained_on", "")))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


@lru_cache(maxsize=4)
def load(path: Path = PATH) -> SentenceModel | None:
    """The shipped model (None when the file is missing or unreadable)."""
    try:
        return from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def fit_logistic(
    x: np.ndarray, y: np.ndarray, keys: Sequence[str], *, l2: float, weight: np.ndarray | None = None
) -> dict[str, float]:
    """Weighted logistic regression (Newton steps, L2 on the weights, not on the bias)."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    sw = np.ones(len(x)) if weight is None else weight
    w = np.zeros(xb.shape[1])
    reg = np.eye(xb.shape[1]) * l2
    reg[0, 0] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -40, 40)))
        grad = xb.T @ (sw * (p - y)) + reg @ w
        hess = (xb * (sw * p * (1 - p))[:, None]).T @ xb + reg + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return {
        "bias": round(float(w[0]), 4),
        **{k: round(float(v), 4) for k, v in zip(keys, w[1:], strict=True)},
    }


def rerank(
    reading: Reading, model: SentenceModel, unknown_name: bool
) -> tuple[list[Scored], float, dict[str, float]]:
    """The reading's candidates in the ranker's order, the answer probability and its features
    (``unknown_name``: the question names a thing no hit mentions, ``abstain.unknown_names``)."""
    rows = candidate_features(reading.ranked)
    logits = model.logits(rows)
    order = np.array(sorted(range(len(rows)), key=lambda i: (-round(float(logits[i]), 9), i)))
    feats = answer_features(reading, rows, logits, order, unknown_name)
    return [reading.ranked[i] for i in order], model.probability(feats), feats
