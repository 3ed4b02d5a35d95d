"""Pure rendering helpers: badges, sources, steps, tables, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from reasoner.cli import render
from reasoner.types import Answer, Cost, Evidence, Step


@pytest.mark.parametrize("ms, text", [(0.5, "0.50 ms"), (3.2, "3 ms"), (999, "999 ms"), (1240, "1.24 s"),
                                      (125_000, "2 min 5 s"), (None, "-")])
def test_format_ms(ms, text):
    assert render.format_ms(ms) == text


@pytest.mark.parametrize("value, text", [(None, "-"), (True, "yes"), (3.0, "3"), (0.12345, "0.123"),
                                         (1234567, "1,234,567"), (2.5e9, "2.5e+09"), (["a", 1], "a, 1"),
                                         ("x", "x"), (float("nan"), "-")])
def test_format_value(value, text):
    assert render.format_value(value) == text


def test_badge_for_each_verification_state():
    a = Answer("x", "1", "math", verified=True, cost=Cost(wall_ms=3))
    assert render.badge(a) == "math · verified · 3 ms · 0 tokens · computed"
    a = Answer("x", None, "rag", verified=False, cost=Cost(wall_ms=2500, tokens_in=700, tokens_out=46))
    assert render.badge(a) == "rag · check failed · 2.50 s · 700 in / 46 out tokens · computed"
    a = Answer("x", "1", "memory", verified=True, from_memory=True, cost=Cost(wall_ms=4))
    assert render.badge(a).endswith("from memory")
    a = Answer.abstain("no", route="none", budget_exhausted=True)
    assert render.badge(a) == "none · abstained · 0.00 ms · 0 tokens · computed · budget exhausted"
    assert render.verification_label(Answer("x")) == "unverified"


def test_badge_text_has_the_same_words_as_the_plain_badge():
    a = Answer("x", "1", "graph", verified=True, cost=Cost(wall_ms=12))
    assert render.badge_text(a).plain == "graph · ✓ verified · 12 ms · 0 tokens · computed"


def test_source_labels_are_distinct_and_bounded():
    ev = [Evidence("chunk", "c1", "a.md", "Leave"), Evidence("chunk", "c2", "a.md", "Leave"),
          Evidence("edge", "x|r|y", "org.csv:3"), Evidence("expression", "2*3"),
          Evidence("chunk", "c3", "b.md"), Evidence("memory", "17")]
    assert render.source_labels(ev) == ["a.md > Leave", "org.csv:3", "b.md", "answer memory #17"]
    assert render.source_labels(ev, limit=1) == ["a.md > Leave"]
    assert render.sources_line(Answer("x", evidence=ev[:1])) == "sources: a.md > Leave"
    assert render.sources_line(Answer("x")) == ""


def test_plural():
    assert (render.plural(1, "question"), render.plural(2, "question"), render.plural(0, "token")) == (
        "1 question", "2 questions", "0 tokens")


def test_plain_answer_is_one_line():
    assert render.plain_answer(Answer("Line one.\n\n- two\n  three")) == "Line one. - two three"
    assert render.plain_answer(Answer("")) == "(no answer)"


def test_steps_plain_lists_verdicts_and_errors():
    steps = [Step("controller", "plan", "math -> rag"), Step("math", "solve", "2+2", 0.9, "verified"),
             Step("rag", "solve", error="model\nfailed")]
    assert render.steps_plain(steps) == ["1. controller plan: math -> rag",
                                         "2. math solve: 2+2 (conf 0.90) -> verified",
                                         "3. rag solve -> error: model failed"]


def _text(renderable, width=120) -> str:
    console = Console(width=width, record=True, color_system=None)
    with console.capture() as cap:
        console.print(renderable)
    return cap.get()


def test_steps_and_evidence_tables_render_their_content():
    out = _text(render.steps_table([Step("math", "solve", "2+2", 0.9, "verified", cost=Cost(wall_ms=4))]))
    for word in ("math", "solve", "2+2", "0.90", "verified", "4 ms"):
        assert word in out
    out = _text(render.evidence_table([Evidence("chunk", "c1", "a.md", "Leave", "25 days " * 40, 0.912)]))
    assert "a.md > Leave" in out and "0.91" in out and "…" in out


def test_rows_and_stats_tables():
    out = _text(render.rows_table([("chunks", 1234), ("share", 0.5)], title="Index"))
    assert "Index" in out and "1,234" in out and "0.5" in out
    rows = render.dict_rows({"queries": 2, "by_route": {"rag": 1, "math": 1}})
    assert rows == [("queries", 2), ("by route.rag", 1), ("by route.math", 1)]
    out = "".join(_text(t) for t in render.stats_tables({"index": {"chunks": 7}, "memory": {}}))
    assert "index" in out and "chunks" in out and "memory" in out


REPORT = {
    "n": 4, "accuracy": 0.75, "per_kind": {"math": {"n": 2, "accuracy": 1.0}, "rag": {"n": 2, "accuracy": 0.5}},
    "abstention": {"precision": None, "recall": 0.5}, "routes": {"math": 2, "rag": 2},
    "route_accuracy": {"math": 1.0, "rag": 0.5}, "latency_ms": {"p50": 12.0, "p95": 2400.0},
    "tokens": {"in": 1400, "out": 90}, "wall_s": 3.5,
}


def test_eval_summary_and_tables():
    rows = dict(render.eval_summary_rows(REPORT))
    assert rows["accuracy"] == "75.0%" and rows["abstention precision"] == "-"
    assert rows["latency p95"] == "2.40 s" and rows["wall time"] == "3.50 s" and rows["LLM tokens in"] == 1400
    out = "".join(_text(t) for t in render.eval_tables(REPORT))
    assert "Per kind" in out and "Route mix" in out and "50.0%" in out
    lines = render.eval_plain(REPORT)
    assert "kind math: 100.0% of 2" in lines and "route rag: 2" in lines


def test_json_of_answers_and_odd_values():
    a = Answer("x", "1", "math", evidence=[Evidence("expression", "1")])
    data = json.loads(render.to_json(render.answer_dict(a, "q", resolved="q2")))
    assert data["question"] == "q" and data["resolved"] == "q2" and data["evidence"][0]["kind"] == "expression"
    assert "resolved" not in render.answer_dict(a, "q", resolved="q")
    assert json.loads(render.to_json({"p": Path("a/b"), "s": {2, 1}})) == {"p": "a/b", "s": [1, 2]}
