"""benchmarks/train_kb_sentence.py: the unanswerable questions it makes, its paraphrases, its fit."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from reasoner.solvers.rag import sentence_model

BENCH = Path(__file__).resolve().parents[3] / "benchmarks"


def load():
    spec = importlib.util.spec_from_file_location("train_kb_sentence", BENCH / "train_kb_sentence.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


T = load()


def squad(tmp_path: Path) -> Path:
    ctx0 = "The club was founded in 1899. Its stadium holds 40,000 people. The colours are red and white."
    ctx1 = "The coach is Anna Berg. She joined in 2015."
    data = {"data": [{"title": "Test_Club", "paragraphs": [
        {"context": ctx0, "qas": [
            {"id": "a", "question": "When was the club founded?", "answers": [{"text": "1899", "answer_start": ctx0.index("1899")}]},
            {"id": "b", "question": "What are the colours?", "answers": [{"text": "red and white", "answer_start": ctx0.index("red and white")}]},
        ]},
        {"context": ctx1, "qas": [
            {"id": "c", "question": "Who is the coach?", "answers": [{"text": "Anna Berg", "answer_start": ctx1.index("Anna Berg")}]},
        ]},
    ]}]}  # fmt: skip
    path = tmp_path / "xquad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_cut_kb_loses_the_answer_sentences_of_every_second_paragraph(tmp_path, monkeypatch):
    monkeypatch.setattr(T, "XQUAD", squad(tmp_path))
    full_q, cut_q = T.make_kbs(tmp_path / "kb")
    full = (tmp_path / "kb" / "full" / "Test_Club.md").read_text(encoding="utf-8")
    cut = (tmp_path / "kb" / "cut" / "Test_Club.md").read_text(encoding="utf-8")
    assert full.startswith("# Test Club") and "1899" in full and "Anna Berg" in full
    # paragraph 0's answer sentences are gone, the sentence between them and paragraph 1 stay
    assert "1899" not in cut and "red and white" not in cut
    assert "Its stadium holds 40,000 people." in cut and "Anna Berg" in cut
    assert [q["id"] for q in full_q] == ["a", "b", "c"] and all(q["answers"] for q in full_q)
    assert sorted(q["id"] for q in cut_q) == ["a", "b"] and all(q["answers"] == [] for q in cut_q)


def test_sentence_spans_cover_the_text():
    text = "One sentence. Two here! And 3 more? Yes."
    spans = T.sentence_spans(text)
    assert [text[b:e] for b, e in spans] == ["One sentence.", "Two here!", "And 3 more?", "Yes."]


def test_paraphrase_keeps_names_numbers_and_function_words():
    from reasoner.text import wordnet

    wn = wordnet.load()
    if wn is None:
        pytest.skip("WordNet data not installed")
    q = "How many points did the Broncos score in the last three minutes?"
    out = T.paraphrase(q, wn)
    assert "Broncos" in out and "three" in out and out.startswith("How many")
    assert out != q  # "points", "score" or "minutes" has another word in its first sense
    assert T.paraphrase("Who won Super Bowl XLIX?", wn) == "Who won Super Bowl XLIX?"


def item(article: int, pos_cos: float, answers=("x",)) -> dict:
    """A question with three candidates: the first holds the answer with cosine ``pos_cos``."""
    rows = np.zeros((3, len(sentence_model.RANK_FEATURES)))
    c = sentence_model.RANK_FEATURES.index("cos")
    rows[:, c] = [pos_cos, 0.2, 0.1]
    return {"article": article, "answers": list(answers), "rows": rows.tolist(), "labels": [True, False, False] if answers else [False] * 3,
            "qkind": "other", "unknown_name": False}  # fmt: skip


def test_the_fit_learns_the_ranking_and_the_answer_score_from_the_data():
    # answerable: the answer sentence at cosine 0.8; unanswerable: the best sentence at 0.3
    items = [item(a, 0.8) for a in range(8)] + [item(a, 0.3, answers=()) for a in range(0, 8, 2)]
    m = T.fit_model(items, 1.0, 1.0)
    assert m.rank["cos"] > 0  # the answer sentence has the highest cosine
    res = T.evaluate(items, m)
    assert all(r["ok"] for r in res if r["answerable"]) and not any(
        r["ok"] for r in res if not r["answerable"]
    )
    assert min(r["p"] for r in res if r["answerable"]) > max(r["p"] for r in res if not r["answerable"])
    best = T.best_threshold(T.curve(res))
    assert best["accuracy"] == 100.0 and best["abstain_R"] == 100.0
