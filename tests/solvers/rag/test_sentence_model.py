"""The learned answer-sentence model: its features, its weights file, and how the reader uses it."""

import json

import numpy as np
import pytest

from reasoner.llm.base import FakeLLM
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.solvers.rag import sentence_model
from reasoner.solvers.rag.reader import Reader
from reasoner.solvers.rag.sentence_model import ANSWER_FEATURES, RANK_FEATURES, SentenceModel
from reasoner.solvers.rag.solver import RagSolver
from reasoner.types import Chunk, Hit

PAGES = [
    Chunk(
        "p1",
        "The office opened in 2014 in Washington. It has a small library.",
        "about.md",
        "About",
        "History",
        hash="h1",
    ),
    Chunk(
        "p2",
        "Expense reports are due within 30 days of travel.",
        "travel.md",
        "Travel",
        "Expenses",
        hash="h2",
    ),
]


def search(q: str, k: int) -> list[Hit]:
    return [Hit(c, 0.6 - 0.1 * i, rank=i + 1) for i, c in enumerate(PAGES)][:k]


def column(rows: np.ndarray, name: str) -> np.ndarray:
    return rows[:, RANK_FEATURES.index(name)]


def test_relative_features_are_zero_for_the_best_candidate_and_negative_below():
    reading = Reader(HashEmbedder()).read("When did the office open?", search("", 2))
    rows = sentence_model.candidate_features(reading.ranked)
    assert rows.shape == (len(reading.ranked), len(RANK_FEATURES))
    for name, base in (("d_cos", "cos"), ("d_context", "cos_context"), ("d_hit", "hit")):
        d = column(rows, name)
        assert d.max() == pytest.approx(0.0) and (d <= 1e-12).all()
        assert np.allclose(d, column(rows, base) - column(rows, base).max())
    assert column(rows, "linear_rank")[0] == 1.0 and column(rows, "linear_rank")[1] == 0.5


def test_no_candidates_no_rows():
    assert sentence_model.candidate_features([]).shape == (0, len(RANK_FEATURES))


def model_preferring(feature: str, sign: float = 1.0, threshold: float = 0.5) -> SentenceModel:
    return SentenceModel({"bias": 0.0, feature: sign * 10.0}, {"bias": 0.0, "logit": 1.0}, threshold)


def test_the_ranker_decides_the_order_and_the_span_follows_it():
    q = "When did the office open?"
    hand = Reader(HashEmbedder()).read(q, search("", 2))
    # a ranker that prefers the candidate of the lowest retrieval score puts the expenses line first
    learned = Reader(HashEmbedder(), model=model_preferring("hit", -1.0)).read(q, search("", 2))
    assert hand.best.unit.hit == 0
    assert learned.best.unit.text.startswith("Expense reports")
    assert (
        learned.span is None or "30 days" in learned.span.text or learned.span.text in learned.best.unit.text
    )
    assert set(ANSWER_FEATURES) <= {k.removeprefix("model_") for k in learned.features}
    # the probability is the model's answer score of its best candidate
    assert learned.probability == pytest.approx(1 / (1 + np.exp(-learned.features["model_logit"])))


def test_the_shipped_weights_load_and_name_only_known_features():
    model = sentence_model.load()
    assert model is not None, "reasoner/solvers/rag/sentence_model.json is package data"
    assert set(model.rank) - {"bias"} <= set(RANK_FEATURES)
    assert set(model.answer) - {"bias"} <= set(ANSWER_FEATURES)
    assert 0.0 < model.threshold < 1.0 and "XQuAD" in model.trained_on


def test_a_damaged_weights_file_reads_as_no_model(tmp_path):
    bad = tmp_path / "m.json"
    bad.write_text("{not json", encoding="utf-8")
    assert sentence_model.load(bad) is None
    bad.write_text(json.dumps({"rank": {"cos": "x"}, "answer": {}, "threshold": 0.5}), encoding="utf-8")
    assert sentence_model.load(bad) is None
    assert sentence_model.load(tmp_path / "missing.json") is None


def test_round_trip_through_json():
    m = model_preferring("cos", threshold=0.42)
    assert sentence_model.from_dict(json.loads(m.to_json())) == m


def test_the_solver_takes_the_models_threshold_only_when_asked():
    hand = RagSolver(search, FakeLLM(), embedder=HashEmbedder())
    learned = RagSolver(search, FakeLLM(), embedder=HashEmbedder(), reader_model="learned")
    assert hand.reader.model is None
    assert learned.reader.model is not None and learned.threshold == sentence_model.load().threshold
    assert (
        RagSolver(
            search, FakeLLM(), embedder=HashEmbedder(), reader_model="learned", abstain_threshold=0.9
        ).threshold
        == 0.9
    )


def test_fit_logistic_separates_a_separable_feature():
    x = np.array([[0.0], [0.1], [0.9], [1.0]])
    w = sentence_model.fit_logistic(x, np.array([0.0, 0.0, 1.0, 1.0]), ["cos"], l2=0.1)
    assert w["cos"] > 0 and w["bias"] < 0


def test_one_candidate_reads_without_a_second_and_no_hits_read_as_unsure():
    one = [Hit(Chunk("x", "Reports are due in 30 days.", "a.md", "A", hash="hx"), 0.5, rank=1)]
    r = Reader(HashEmbedder(), model=model_preferring("cos"))
    reading = r.read("When are reports due?", one)
    assert len(reading.ranked) == 1 and reading.features["model_margin"] == 4.0
    empty = r.read("When are reports due?", [])
    assert empty.ranked == [] and empty.probability == 0.0
