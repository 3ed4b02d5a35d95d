"""Operating points from an error bound: the lowest score bar that keeps false hits within a target.

A threshold chosen where the calibration pairs show exactly 1% false hits has
about even odds of giving more than 1% on new pairs. Instead the bar is the
lowest at which the *upper* end of a one-sided confidence interval for the
false-hit rate (Clopper-Pearson, exact for a binomial count) is within the
target: with 95% confidence the rate on pairs like the calibration ones is at
most the target. Pure functions over arrays of scores; used by
``benchmarks/train_guard.py`` to build the bars table the model ships with.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np


def binomial_upper_bound(k: int, n: int, confidence: float = 0.95) -> float:
    """One-sided Clopper-Pearson upper bound on a rate seen as ``k`` events in ``n`` trials.

    The ``p`` at which seeing ``k`` or fewer events has probability ``1 - confidence``;
    1.0 when ``k == n`` or ``n == 0``.
    """
    if n <= 0 or k >= n:
        return 1.0
    alpha = 1.0 - confidence
    lo, hi = k / n, 1.0
    for _ in range(60):  # bisection: the CDF falls as p rises
        mid = (lo + hi) / 2
        if _binomial_cdf(k, n, mid) > alpha:
            lo = mid
        else:
            hi = mid
    return hi


def _binomial_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p), summed in log space (n in the thousands)."""
    if p <= 0.0:
        return 1.0
    if p >= 1.0:
        return 0.0 if k < n else 1.0
    lp, lq = math.log(p), math.log1p(-p)
    base = math.lgamma(n + 1)
    terms = [base - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * lp + (n - i) * lq for i in range(k + 1)]
    top = max(terms)
    return min(1.0, math.exp(top) * sum(math.exp(t - top) for t in terms))


def bar_for_rate(negative_scores: np.ndarray, n_negatives: int, target: float, confidence: float = 0.95) -> float:
    """The lowest bar at which the false-hit rate's upper bound is within ``target``.

    Args:
        negative_scores: scores of the ``same: false`` calibration pairs that
            could be served at all (pairs never scored count as never served).
        n_negatives: all ``same: false`` calibration pairs (the rate's denominator).
        target: the false-hit rate to stay within.

    Returns:
        A bar just above the score of the highest negative that must be refused
        (``inf`` when even zero false hits is not enough evidence at this size).
    """
    ranked = np.sort(np.asarray(negative_scores, dtype=np.float64))[::-1]
    allowed = -1
    for k in range(len(ranked) + 1):
        if binomial_upper_bound(k, n_negatives, confidence) > target:
            break
        allowed = k
    if allowed < 0:
        return float("inf")
    if allowed >= len(ranked):
        return float("-inf")
    return float(np.nextafter(ranked[allowed], np.inf))


def bars_table(
    negatives: Mapping[str, tuple[np.ndarray, int]],
    targets: Sequence[float],
    confidence: float = 0.95,
) -> np.ndarray:
    """For each target, the strictest of the per-source bars (every source must stay within it).

    ``negatives`` maps a source name to (scores of its scored negatives, its count of negatives).
    """
    return np.array(
        [max(bar_for_rate(s, n, t, confidence) for s, n in negatives.values()) for t in targets],
        dtype=np.float64,
    )
