"""Pair features and the error-bound calibration, as pure functions."""

from __future__ import annotations

import math

import numpy as np
import pytest

from reasoner.memory import features
from reasoner.memory.calibration import bar_for_rate, bars_table, binomial_upper_bound


def _scalar(a: str, b: str, cosine: float = 0.9, similarity=None) -> dict[str, float]:
    return dict(zip(features.SCALAR_NAMES, features.scalar_features(a, b, cosine, similarity), strict=True))


def test_identical_questions_agree_on_everything() -> None:
    f = _scalar("How do I reset my VPN password?", "How do I reset my VPN password?", 1.0)
    assert f["cosine"] == 1.0 and f["content_jaccard"] == 1.0 and f["content_order"] == 1.0
    assert f["numbers_differ"] == f["negation_difference"] == f["direction_differ"] == 0.0
    assert f["extra_words_max"] == 0.0 and f["extra_word_best_min"] == 1.0
    assert f["question_word_differ"] == 0.0 and f["token_length_ratio"] == 1.0


@pytest.mark.parametrize(
    ("a", "b", "name"),
    [
        ("What was revenue in 2021?", "What was revenue in 2022?", "numbers_differ"),
        ("Who is on the team?", "Who is not on the team?", "negation_difference"),
        ("Which plan costs more?", "Which plan costs less?", "direction_differ"),
        ("Is Alice older than Bob?", "Is Bob older than Alice?", "names_inverted"),
        ("Who reports to the head of sales?", "Who does the head of sales report to?", "roles_exchanged"),
        ("Why is the sky blue?", "How is the sky blue?", "first_question_word_differ"),
        ("Where was Alice born?", "Where was Bob born?", "entities_unmatched"),
    ],
)
def test_each_rule_becomes_a_feature(a: str, b: str, name: str) -> None:
    assert _scalar(a, b)[name] > 0
    assert _scalar(b, a)[name] > 0  # symmetric: stored / asked do not matter


def test_word_similarity_decides_how_lonely_the_extra_words_are() -> None:
    a, b = "What does the K5 cost?", "What is the price of the K5?"
    without = _scalar(a, b)
    close = _scalar(a, b, similarity=lambda xs, ys: np.full((len(xs), len(ys)), 0.8))
    assert without["extra_word_best_min"] == 0.0
    assert close["extra_word_best_min"] == pytest.approx(0.8) and close["extra_word_best_mean"] == pytest.approx(0.8)
    assert features.words_to_compare(a, b) >= {"cost", "price", "k5"}
    assert features.words_to_compare(a, a) == set()


def test_lcs_ratio_reads_only_the_shared_items() -> None:
    assert features.lcs_ratio(["dog", "bite", "man"], ["man", "bite", "dog"]) == pytest.approx(1 / 3)
    assert features.lcs_ratio(["a", "b", "x"], ["a", "y", "b"]) == 1.0
    assert features.lcs_ratio([], ["a"]) == 1.0


def test_dense_features_are_product_and_distance() -> None:
    u, v = np.array([1.0, 0.0]), np.array([0.6, 0.8])
    assert features.dense_features(u, v).tolist() == pytest.approx([0.6, 0.0, 0.4, 0.8])
    assert features.dense_features(np.stack([u, v]), np.stack([v, u])).shape == (2, 4)


def _states(words: list[str], vectors: list[list[float]]) -> features.TokenStates:
    vecs = np.asarray(vectors, np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    return features.TokenStates(vecs, tuple(range(len(words))), tuple(words))


def test_context_features_align_tokens_and_compare_shared_words() -> None:
    a = _states(["dog", "bites", "man"], [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    same = features.context_features(a, a)
    assert same.tolist() == pytest.approx([1.0, 1.0, 1.0, 1.0])
    moved = _states(["dog", "bites", "man"], [[1, 0, 0], [0, 1, 0], [0, 0.6, 0.8]])
    f1, low, ctx_min, ctx_mean = features.context_features(a, moved)
    assert ctx_min == pytest.approx(0.8) and ctx_mean == pytest.approx((1 + 1 + 0.8) / 3)
    assert f1 < 1.0 and low == pytest.approx(0.8)
    assert features.context_features(None, a).tolist() == [1.0] * len(features.CONTEXT_NAMES)


def test_binomial_upper_bound_matches_the_closed_form_for_zero_events() -> None:
    for n in (10, 657, 6693):
        assert binomial_upper_bound(0, n) == pytest.approx(1 - 0.05 ** (1 / n), rel=1e-6)
    assert binomial_upper_bound(5, 5) == 1.0 and binomial_upper_bound(0, 0) == 1.0
    assert binomial_upper_bound(5, 1000) == pytest.approx(0.010484, abs=1e-5)  # scipy beta.ppf(0.95, 6, 995)
    assert binomial_upper_bound(5, 1000, 0.99) > binomial_upper_bound(5, 1000, 0.95)


def test_bar_allows_as_many_false_hits_as_the_bound_does() -> None:
    # 1,000 negatives: the 95% bound stays within 1% up to 4 events (5 gives 1.05%).
    scores = np.arange(20, dtype=float)[::-1]  # 19, 18, ... 0
    bar = bar_for_rate(scores, 1000, 0.01)
    assert (scores >= bar).sum() == 4 and bar > 15
    assert bar_for_rate(scores, 100, 0.01) == math.inf  # even 0 of 100 cannot show 1%
    assert bar_for_rate(np.array([3.0]), 100_000, 0.01) == -math.inf  # everything may pass


def test_every_source_must_stay_within_the_target() -> None:
    big = (np.linspace(0, 10, 200), 10_000)
    small = (np.array([9.5, 9.0, 2.0]), 1_000)
    bars = bars_table({"big": big, "small": small}, [0.01, 0.05])
    assert bars[0] == max(bar_for_rate(*big, 0.01), bar_for_rate(*small, 0.01))
    assert bars[0] >= bars[1]
