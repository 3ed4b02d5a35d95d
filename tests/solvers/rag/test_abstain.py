"""The calibrated abstention scores (absolute; measured against the question's
background in its knowledge base), fitted by the same code the benchmark uses."""

import pytest

from reasoner.retrieval.embedder import HashEmbedder
from reasoner.solvers.rag import abstain
from reasoner.solvers.rag.reader import Reader
from reasoner.types import Chunk, Hit

BACKGROUND = abstain.SCORES["background"]


def p(feats: dict[str, float]) -> float:
    return abstain.probability(feats, BACKGROUND.coef)


def row(above: float, below_best: float = 0.0, **more: float) -> dict[str, float]:
    out = dict.fromkeys(abstain.FEATURES, 0.0)
    out.update(above_background=above, below_best=below_best, **more)
    return out


def test_the_default_score_is_the_absolute_one_and_both_read_recorded_features():
    assert abstain.DEFAULT_SCORE == "absolute" and abstain.COEF is abstain.SCORES["absolute"].coef
    assert abstain.THRESHOLD == 0.38 and BACKGROUND.threshold == 0.6
    for score in abstain.SCORES.values():
        assert set(score.keys) <= set(abstain.FEATURES)


def test_absolute_probability_rises_with_the_best_score():
    low = abstain.probability(dict(row(0.0), top=0.2, cos_context=0.2))
    high = abstain.probability(dict(row(0.0), top=0.9, cos_context=0.9, margin=0.2))
    assert 0.0 < low < high < 1.0


def test_probability_rises_with_the_rise_above_the_background():
    low, high = p(row(0.1)), p(row(0.5))
    assert 0.0 < low < high < 1.0


def test_a_reading_that_is_not_the_best_match_by_meaning_is_less_sure():
    assert p(row(0.4, below_best=-0.1)) < p(row(0.4, below_best=0.0))


def test_a_typed_question_without_a_typed_sentence_is_less_sure():
    assert p(row(0.4, typed_miss=1.0)) < p(row(0.4))


def test_fit_learns_the_direction_of_the_evidence():
    rows = [row(0.1 + 0.01 * i) for i in range(20)] + [row(0.4 + 0.01 * i) for i in range(20)]
    labels = [False] * 20 + [True] * 20
    coef = abstain.fit(rows, labels, l2=0.01, keys=BACKGROUND.keys)
    assert set(coef) == {"bias", *BACKGROUND.keys}
    assert coef["above_background"] > 0
    assert abstain.probability(row(0.6), coef) > 0.5 > abstain.probability(row(0.05), coef)


def test_fit_on_chosen_features_only():
    rows = [row(0.1 * i, relative=0.1 * i) for i in range(10)]
    coef = abstain.fit(rows, [i >= 5 for i in range(10)], keys=("relative",))
    assert set(coef) == {"bias", "relative"} and coef["relative"] > 0


def test_extreme_features_do_not_overflow():
    assert p(row(1e6)) == 1.0
    assert 0.0 <= p(row(-1e6)) < 1e-12
    assert abstain.probability(dict(row(0.0), top=1e6)) == 1.0


def test_background_is_the_mean_cosine_of_the_hits_that_have_one():
    hits = [Hit(Chunk(str(i), "x", "p.md"), 0.5, dense=d) for i, d in enumerate((0.6, 0.4, None))]
    assert abstain.background_of(hits) == pytest.approx(0.5)
    assert abstain.background_of([Hit(Chunk("a", "x", "p.md"), 0.5)]) is None
    assert abstain.background_of([]) is None


HITS = [
    Hit(Chunk("a", "Paychecks are deposited on the 25th day of the month. Pay stubs are online.", "pay.md", "Pay"), 0.5),
    Hit(Chunk("b", "The office opens at 9am.", "office.md", "Office"), 0.4),
]


def test_the_same_reading_is_less_sure_when_the_question_sits_in_a_crowded_neighbourhood():
    """A best sentence at the same cosine says less when the question's nearest chunks are all
    about as close (a near-topic question in a handbook with many pages on it)."""
    reader = Reader(HashEmbedder(), coef=BACKGROUND.coef)
    quiet = reader.read("When are paychecks deposited?", HITS, background=0.1)
    crowded = reader.read("When are paychecks deposited?", HITS, background=0.6)
    assert quiet.best.unit.text == crowded.best.unit.text
    best = quiet.best.cos_context
    assert quiet.features["relative"] == pytest.approx(best - 0.1)
    assert quiet.features["above_background"] == pytest.approx(best - abstain.BACKGROUND_WEIGHT * 0.1)
    assert crowded.probability < quiet.probability


def test_without_a_background_the_candidates_mean_stands_in():
    reading = Reader(HashEmbedder()).read("When are paychecks deposited?", HITS)
    mean = sum(s.cos_context for s in reading.ranked) / len(reading.ranked)
    assert reading.features["relative"] == pytest.approx(reading.best.cos_context - mean)
    assert reading.features["below_best"] <= 0.0


def test_unknown_names_are_the_question_names_no_hit_mentions():
    hits = [Hit(Chunk("a", "The K-12 Pro costs $4,350.", "p.md", "Pricing", "K series"), 0.5)]
    assert abstain.unknown_names("How much does the K-3 cost?", hits) == ["k-3"]
    assert abstain.unknown_names("How much does the K-12 Pro cost?", hits) == []
    assert abstain.unknown_names("I'd like the price of Pricing", hits) == []


def test_ordinals_and_number_unit_words_are_amounts_not_unknown_names():
    hits = [
        Hit(
            Chunk("a", "Paychecks are deposited on the 25th day of the month.", "pay.md", "Pay", "Payday"),
            0.5,
        )
    ]
    assert abstain.unknown_names("When is my pay for the 1st through the 15th deposited?", hits) == []
    assert abstain.unknown_names("How is an 8-year term split?", hits) == []
    assert "gs-13" in abstain.unknown_names("Is pay different for GS-13?", hits)
    assert abstain.unknown_names("Does 37signals pay monthly?", hits) == ["37signals"]


def test_background_size_follows_the_knowledge_base_within_bounds():
    assert abstain.background_k(None) == abstain.BACKGROUND_K
    assert abstain.background_k(1205) == 32
    assert abstain.background_k(2548) == 68
    assert abstain.background_k(50) == abstain.BACKGROUND_MIN
    assert abstain.background_k(10**7) == abstain.BACKGROUND_MAX
