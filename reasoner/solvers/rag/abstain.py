"""One calibrated score for "the best candidate answers the question", and its threshold.

A logistic model over a handful of features of the reading (how well the best candidate
scores, by how much it beats the next one, whether it holds an answer of the asked type,
how well retrieval matched). The coefficients and the threshold were fitted on one data
set and checked on another (``benchmarks/bench_kb.py --fit``; the curve is in
``benchmarks/notes/kb.md``); ``fit`` is here so the benchmark and the tests use the same code.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from reasoner.solvers.rag import grounding
from reasoner.solvers.rag.answer_type import NAME_KINDS, TYPED_KINDS
from reasoner.types import Hit

if TYPE_CHECKING:
    from reasoner.solvers.rag.reader import Reading

FEATURES = (
    "top", "margin", "cos_context", "typed", "typed_question", "span", "hit", "unknown_name",
    "cos", "lexical", "lexical_context", "unit_names",
)  # fmt: skip
# fitted with `python benchmarks/bench_kb.py --fit 18f` (the 18F paraphrased set, 60 questions;
# L2 0.3), threshold: the best accuracy there with abstention recall >= 80%. Checked on civicactions.
COEF = {"bias": -2.0108, "top": 1.4626, "margin": -0.0705, "cos_context": 1.5712, "typed": 0.4476,
        "typed_question": -0.9239, "span": 0.4476, "hit": 0.2287, "unknown_name": -0.5134}  # fmt: skip
THRESHOLD = 0.38


def features(reading: Reading, hits: Sequence[Hit]) -> dict[str, float]:
    """The abstention model's inputs for one reading (zeros when nothing was read)."""
    out = dict.fromkeys(FEATURES, 0.0)
    if not reading.ranked:
        return out
    best = reading.ranked[0]
    second = reading.ranked[1].score if len(reading.ranked) > 1 else best.score - 1.0
    typed_q = reading.qtype.kind in TYPED_KINDS or reading.qtype.kind in NAME_KINDS
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
    )
    return out


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


def fit(rows: Sequence[dict[str, float]], labels: Sequence[bool], *, l2: float = 0.3) -> dict[str, float]:
    """Logistic regression (Newton steps, an L2 penalty on the weights, not on the bias)."""
    x = np.array([[1.0] + [r[k] for k in FEATURES] for r in rows])
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
    return {"bias": round(float(w[0]), 4), **{k: round(float(v), 4) for k, v in zip(FEATURES, w[1:], strict=True)}}
