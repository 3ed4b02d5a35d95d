"""The session-13 features of the abstention score that read no absolute cosine level: a reading
compared with its own candidates and hits, and the question's words counted in the hits."""

import pytest

from reasoner.retrieval.embedder import HashEmbedder
from reasoner.solvers.rag import abstain
from reasoner.solvers.rag.reader import Reader
from reasoner.types import Chunk, Hit

PAY = Chunk("a", "Paychecks are deposited on the 25th day of the month. Pay stubs are online.", "pay.md", "Pay", "Payday")
OFFICE = Chunk("b", "The office opens at 9am. Visitors sign in at the desk.", "office.md", "Office", "Hours")


def read(question: str, hits: list[Hit]):
    return Reader(HashEmbedder()).read(question, hits)


def test_every_relative_feature_is_recorded_and_every_score_reads_recorded_features():
    reading = read("When are paychecks deposited?", [Hit(PAY, 0.5, dense=0.6), Hit(OFFICE, 0.4, dense=0.2)])
    assert abstain.RELATIVE_FEATURES <= set(abstain.FEATURES) <= set(reading.features)
    for score in abstain.SCORES.values():
        assert set(score.keys) <= set(abstain.FEATURES)


def test_standing_out_is_measured_in_the_candidates_own_spread():
    reading = read("When are paychecks deposited?", [Hit(PAY, 0.5, dense=0.6), Hit(OFFICE, 0.4, dense=0.2)])
    cosines = [s.cos_context for s in reading.ranked]
    mean = sum(cosines) / len(cosines)
    spread = max(abstain.MIN_SPREAD, (sum((c - mean) ** 2 for c in cosines) / len(cosines)) ** 0.5)
    best = reading.best.cos_context
    assert reading.features["z_within"] == pytest.approx((best - mean) / spread)
    assert reading.features["stands_out"] == pytest.approx((best - max(cosines[1:])) / spread)
    assert reading.features["dense_peak"] == pytest.approx(0.6 - 0.2)


def test_the_relative_features_do_not_move_when_every_cosine_moves_together():
    """The point of them: a handbook whose cosines all sit higher gives the same values (the
    absolute ones move)."""
    hits = [Hit(PAY, 0.5, dense=0.6), Hit(OFFICE, 0.4, dense=0.2)]
    reading = read("When are paychecks deposited?", hits)
    shifted = abstain.features(_shifted(reading, 0.1), [Hit(h.chunk, h.score, dense=h.dense + 0.1) for h in hits])
    plain = abstain.features(reading, hits)
    for k in ("z_within", "stands_out", "dense_peak", "within", "below_best", "coverage", "hit_rank"):
        assert shifted[k] == pytest.approx(plain[k]), k
    assert shifted["cos_context"] == pytest.approx(plain["cos_context"] + 0.1)


def _shifted(reading, by: float):
    from dataclasses import replace

    out = replace(reading, ranked=[replace(s, cos_context=s.cos_context + by, cos=s.cos + by) for s in reading.ranked])
    return out


def test_coverage_counts_the_question_words_anywhere_in_the_hits():
    hits = [Hit(PAY, 0.5), Hit(OFFICE, 0.4)]
    held = read("When are paychecks deposited?", hits).features
    missing = read("When are dental premiums deposited?", hits).features  # "dental", "premium": in no hit
    assert held["coverage"] == pytest.approx(1.0)
    assert 0.0 < missing["coverage"] < held["coverage"]


def test_the_hit_rank_of_the_best_sentence_runs_from_the_first_hit_to_the_last():
    first = read("When are paychecks deposited?", [Hit(PAY, 0.5), Hit(OFFICE, 0.4)])
    last = read("When are paychecks deposited?", [Hit(OFFICE, 0.5), Hit(PAY, 0.4)])
    assert first.best.unit.text == last.best.unit.text
    assert first.features["hit_rank"] == 0.0 and last.features["hit_rank"] == 1.0


def test_no_reading_gives_zeros():
    reading = Reader(HashEmbedder()).read("When are paychecks deposited?", [])
    assert all(reading.features[k] == 0.0 for k in abstain.RELATIVE_FEATURES)


def test_the_relative_score_reads_only_relative_features_and_is_not_the_default():
    score = abstain.SCORES["relative"]
    assert set(score.keys) <= abstain.RELATIVE_FEATURES
    assert not score.reads_background
    assert abstain.DEFAULT_SCORE == "absolute"


def test_the_relative_score_is_as_sure_when_every_cosine_sits_higher():
    hits = [Hit(PAY, 0.5, dense=0.6), Hit(OFFICE, 0.4, dense=0.2)]
    reading = read("When are paychecks deposited?", hits)
    coef = abstain.SCORES["relative"].coef
    plain = abstain.probability(abstain.features(reading, hits), coef)
    shifted_hits = [Hit(h.chunk, h.score + 0.1, dense=h.dense + 0.1) for h in hits]
    shifted = abstain.probability(abstain.features(_shifted(reading, 0.1), shifted_hits), coef)
    assert shifted == pytest.approx(plain)
    assert abstain.probability(abstain.features(_shifted(reading, 0.1), shifted_hits)) > abstain.probability(
        abstain.features(reading, hits)
    )  # the absolute score moves with the level
