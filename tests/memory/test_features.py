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


def _aligned(a: features.TokenStates, b: features.TokenStates, ta: str, tb: str, idf=None) -> dict[str, float]:
    return dict(zip(features.ALIGNMENT_NAMES, features.alignment_features(a, b, ta, tb, idf), strict=True))


def _word_states(text: str, vectors: dict[str, list[float]], ids: dict[str, int] | None = None) -> features.TokenStates:
    words = text.lower().rstrip("?").split()
    vecs = np.asarray([vectors[w] for w in words], np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    token_ids = tuple(ids[w] for w in words) if ids else ()
    return features.TokenStates(vecs, tuple(range(len(words))), tuple(words), token_ids)


# Orthogonal axes: "why" and "when" share a direction (both ask), "price" and "cost" nearly one.
VECS = {
    "why": [1, 0, 0, 0, 0, 0, 0], "when": [0.8, 0.6, 0, 0, 0, 0, 0], "did": [0, 0, 1, 0, 0, 0, 0],
    "pigeons": [0, 0, 0, 1, 0, 0, 0], "die": [0, 0, 0, 0, 1, 0, 0], "price": [0, 0, 0, 0, 0, 1, 0],
    "cost": [0, 0, 0, 0, 0, 0.9, 0.44], "paris": [0, 0, 0, 0, 0, 0, 1], "in": [0, 0.3, 1, 0, 0, 0, 0],
}


def test_alignment_of_a_question_with_itself_is_neutral() -> None:
    text = "Why did pigeons die?"
    s = _word_states(text, VECS)
    f = _aligned(s, s, text, text)
    assert f == pytest.approx(dict(zip(features.ALIGNMENT_NAMES, features._ALIGNMENT_NEUTRAL, strict=True)), abs=1e-6)
    assert _aligned(None, s, text, text) == f  # a side missing: the same neutral values


def test_alignment_sees_another_wh_word_and_a_missing_name() -> None:
    a, b = "Why did pigeons die?", "When did pigeons die?"
    f = _aligned(_word_states(a, VECS), _word_states(b, VECS), a, b)
    assert f["align_question_unmatched"] == 2.0  # "why" and "when", one on each side
    assert f["align_recall_min"] == pytest.approx(1.0)  # the content words all align to themselves
    c = "Why did pigeons die in Paris?"
    g = _aligned(_word_states(a, VECS), _word_states(c, VECS), a, c)
    assert g["align_entities_unmatched"] == 1.0 and g["align_unaligned_max"] >= 1.0
    assert g["align_worst_min"] < 0.5 and g["align_recall_max"] == pytest.approx(1.0)
    assert g == _aligned(_word_states(c, VECS), _word_states(a, VECS), c, a)  # symmetric


def test_a_synonym_is_a_substitution_and_idf_weighs_rare_words() -> None:
    a, b = "Why did price die?", "Why did cost die?"
    f = _aligned(_word_states(a, VECS), _word_states(b, VECS), a, b)
    assert f["align_substituted"] == 1.0 and f["align_substituted_min"] == pytest.approx(0.9, abs=0.01)
    assert f["align_unaligned_max"] == 0.0  # price and cost pick each other
    ids = {w: i for i, w in enumerate(VECS)}
    idf = np.ones(len(VECS), np.float32)
    idf[ids["price"]] = idf[ids["cost"]] = 5.0
    weighted = _aligned(_word_states(a, VECS, ids), _word_states(b, VECS, ids), a, b, idf)
    assert weighted["align_idf_recall_min"] < f["align_idf_recall_min"]  # the rare word weighs more
    assert weighted["align_unmatched_idf_top"] == pytest.approx(5.0)
    assert f["align_unmatched_idf_top"] == pytest.approx(1.0)  # no table: every word weighs 1


def test_token_idf_is_highest_for_unseen_tokens() -> None:
    class Tok:
        def encode(self, text):
            return type("E", (), {"ids": [len(w) for w in text.split()]})()

    idf = features.token_idf(["a bb", "a ccc", "a bb"], Tok(), 5)
    # two distinct texts: "a" in both, "bb" and "ccc" in one each (the repeated text counts once), 4 unseen
    assert idf[1] == pytest.approx(0.0) and idf[2] == idf[3] == pytest.approx(np.log(3 / 2))
    assert idf[4] == pytest.approx(np.log(3)) and idf[4] > idf[3]
