"""Eval-file reading and the documented scoring rules."""

import json

import pytest

from reasoner.errors import ConfigError
from reasoner.evaluate import (
    EvalItem,
    EvalReport,
    is_correct,
    load_eval,
    matches,
    percentile,
    score_row,
)
from reasoner.types import Answer


def test_numbers_match_numerically_on_value():
    assert matches("25", Answer("New hires get 25 days.", value="25.0"))
    assert matches("1299", Answer("x", value="$1,299"))
    assert matches("0.5", Answer("x", value="1/2"))
    assert not matches("25", Answer("New hires get 25 days.", value=None))
    assert not matches("25", Answer("x", value="26"))


def test_yes_no_synonyms():
    assert matches("yes", Answer("x", value="True"))
    assert matches("False", Answer("x", value="no"))
    assert not matches("yes", Answer("x", value="False"))


def test_text_containment_is_normalised():
    a = Answer("The head of sales reports to Maria Okafor.", value="Maria Okafor")
    assert matches("maria okafor", a)
    assert matches("Maria  Okafor.", a)
    assert not matches("Dana Whitfield", a)


def test_abstention_scoring():
    decline = EvalItem("1", "q", ())
    assert is_correct(decline, Answer.abstain("no"))
    assert not is_correct(decline, Answer("x", value="3"))
    assert not is_correct(EvalItem("2", "q", ("3",)), Answer.abstain("no"))


def test_load_eval_reports_the_bad_line(tmp_path):
    good = {"question": "q1", "answers": ["1"], "kind": "math"}
    p = tmp_path / "e.jsonl"
    p.write_text(json.dumps(good) + "\n\n{not json}\n")
    with pytest.raises(ConfigError, match=r"e.jsonl:3"):
        load_eval(p)
    p.write_text(json.dumps(good) + "\n" + json.dumps({"id": "x", "question": "q2", "answers": []}) + "\n")
    items = load_eval(p)
    assert [i.id for i in items] == ["1", "x"] and items[1].should_abstain


def test_report_metrics():
    items = [EvalItem("a", "q", ("1",), "math"), EvalItem("b", "q", (), "abstain"), EvalItem("c", "q", ("2",), "math")]
    answers = [Answer("1", value="1", route="math"), Answer.abstain("no"), Answer.abstain("no")]
    rep = EvalReport([score_row(i, a, 10.0 * n) for n, (i, a) in enumerate(zip(items, answers, strict=True), 1)])
    d = rep.to_dict()
    assert d["n"] == 3 and d["accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert d["per_kind"]["math"] == {"n": 2, "accuracy": 0.5}
    assert d["abstention"]["precision"] == 0.5 and d["abstention"]["recall"] == 1.0
    assert d["routes"] == {"math": 1, "none": 2}
    assert d["latency_ms"]["p50"] == 20.0


def test_percentile():
    assert percentile([], 50) == 0.0
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([5], 95) == 5
