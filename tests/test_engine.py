"""The Reasoner facade end to end with the fake LLM and the hash embedder (fast, no models)."""

from __future__ import annotations

import shutil

import pytest

from reasoner import Reasoner
from reasoner.errors import ConfigError, IndexError_
from reasoner.llm.base import FakeLLM
from reasoner.retrieval.embedder import HashEmbedder


@pytest.fixture(scope="module")
def kb_copy(tmp_path_factory, sample_kb):
    dst = tmp_path_factory.mktemp("kb") / "kb"
    shutil.copytree(sample_kb, dst)
    return dst


@pytest.fixture(scope="module")
def built(kb_copy, tmp_path_factory):
    index = tmp_path_factory.mktemp("index")
    llm = FakeLLM({}, default="The knowledge base does not say.")
    r = Reasoner.build(kb_copy, index_dir=index, progress=False, llm=llm, embedder=HashEmbedder(),
                       cache_dir=tmp_path_factory.mktemp("cache"))
    yield r
    r.close()


def test_math_route_answers_exactly_and_verifies(built):
    a = built.ask("What is 15% of 240?", use_memory=False)
    assert (a.route, a.value, a.verified, a.abstained) == ("math", "36", True, False)
    assert any(e.kind == "expression" for e in a.evidence)
    assert a.cost.model_calls == 0
    assert [s.action for s in a.steps][:2] == ["signals", "plan"]


def test_graph_route_follows_the_org_chart(built):
    a = built.ask("Who does the head of sales report to?", use_memory=False)
    assert a.route == "graph" and a.value == "Rafael Lindqvist"
    assert any(e.kind == "edge" and "org_chart.csv" in e.source for e in a.evidence)


def test_composite_question_looks_up_then_computes(built):
    a = built.ask("What is 15% of the K-7's list price?", use_memory=False)
    assert a.route == "compose" and a.value == "186"
    assert any(s.action == "subproblem" for s in a.steps)
    assert {e.kind for e in a.evidence} >= {"expression"}


def test_memory_serves_a_repeat_without_recomputing(built):
    built.forget()
    first = built.ask("Who does the head of sales report to?")
    again = built.ask("Who does the head of sales report to?")
    assert first.route == "graph" and not first.from_memory
    assert again.route == "memory" and again.from_memory and again.value == "Rafael Lindqvist"
    assert again.cost.cache_hits == 1


def test_math_repeats_hit_the_subproblem_memory_by_canonical_key(built):
    built.forget()
    first = built.ask("What is 12% of 50?")
    again = built.ask("what is 12 % of 50")
    assert first.value == again.value == "6" and first.cost.cache_hits == 0
    assert again.route == "math" and again.cost.cache_hits == 1


def test_llm_replies_are_reused_only_with_memory_and_never_by_the_rag_baseline(built):
    built.forget()
    llm = built.config.llm
    question = "How are business class flights approved under the travel policy?"
    n = len(llm.calls)
    first = built.ask(question)
    assert first.abstained and len(llm.calls) == n + 1  # an abstention is not an answer to remember...
    again = built.ask(question)
    assert again.abstained and len(llm.calls) == n + 1 and again.cost.cache_hits == 1  # ...but the reply is
    built.ask(question, use_memory=False)
    built.ask(question, route="rag")
    assert len(llm.calls) == n + 3


def test_extra_effort_stops_once_it_has_not_paid(kb_copy, tmp_path):
    from reasoner.controller import EffortPolicy

    llm = FakeLLM({}, default="Business class needs approval from the moon office [1].")  # never grounded
    r = Reasoner.build(kb_copy, index_dir=tmp_path / "ix", progress=False, llm=llm, embedder=HashEmbedder(),
                       cache_dir=tmp_path / "cache")
    r.effort = EffortPolicy(trials=2, min_rate=0.5)
    calls = []
    for _ in range(3):
        n = len(llm.calls)
        a = r.ask("What is the policy on business class flights?", use_memory=False)
        calls.append(len(llm.calls) - n)
    assert calls[0] == calls[1] > 1 and calls[2] == 1
    assert (r.effort.tried, r.effort.paid) == (2, 0)
    plan_step = next(s for s in a.steps if s.action == "plan")
    assert "no extra effort: extra effort paid on 0 of 2 questions" in plan_step.detail
    r.close()


def test_forced_route_and_unknown_route(built):
    a = built.ask("What is 15% of 240?", route="graph", use_memory=False)
    assert a.route in ("graph", "none") and a.value != "36"
    with pytest.raises(ConfigError):
        built.ask("What is 15% of 240?", route="telepathy")


def test_empty_question_abstains(built):
    assert built.ask("   ").abstained


def test_ledger_accumulates_and_counts_avoided_compute(built):
    before = built.ledger.queries
    built.ask("What is 2 + 2?", use_memory=False)
    s = built.ledger.summary()
    assert s["queries"] == before + 1 and s["avoided_tokens"] > 0


def test_stream_yields_steps_then_the_answer(built):
    events = list(built.stream("What is 7 * 6?", use_memory=False))
    assert events[-1].kind == "answer" and events[-1].answer.value == "42"
    assert any(e.kind == "step" for e in events[:-1])


def test_runnable_invoke_and_batch(built):
    assert built.invoke("What is 3 + 4?").value == "7"
    assert [a.value for a in built.batch(["What is 1 + 1?", {"question": "What is 2 + 3?"}])] == ["2", "5"]


def test_conversation_resolves_follow_ups(built):
    conv = built.conversation()
    first = conv.ask("Who does the head of sales report to?")
    assert first.value == "Rafael Lindqvist"
    conv.ask("what about the K-9?")  # no entity of the same shape: left alone or swapped, never a crash
    c2 = built.conversation()
    c2.ask("What is 15% of the K-7's list price?")
    c2.ask("what about the K-9?")
    assert c2.last_resolved == "What is 15% of the K-9's list price?"


def test_open_without_index_is_one_clear_error(tmp_path):
    with pytest.raises(IndexError_, match="reasoner index"):
        Reasoner.open(tmp_path / "nothing")


def test_build_without_kb_folder_is_one_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        Reasoner.build(tmp_path / "missing", index_dir=tmp_path / "ix", embedder=HashEmbedder())


def test_reindex_drops_exactly_the_answers_that_cited_the_changed_file(kb_copy, tmp_path):
    kb = tmp_path / "kb"
    shutil.copytree(kb_copy, kb)
    r = Reasoner.build(kb, index_dir=tmp_path / "ix", progress=False, llm=FakeLLM(), embedder=HashEmbedder(),
                       cache_dir=tmp_path / "cache")
    leave = r.ask("How many vacation days per calendar year do new hires get?")
    boss = r.ask("Who does the head of sales report to?")
    assert not leave.abstained and leave.verified and any("leave.md" in e.source for e in leave.evidence)
    assert boss.verified
    assert r.ask("How many vacation days per calendar year do new hires get?").from_memory

    page = kb / "policies" / "leave.md"
    page.write_text(page.read_text().replace("25 vacation days", "27 vacation days"))
    report = r.index(progress=False)
    assert "policies/leave.md" in report.changed_sources

    again = r.ask("How many vacation days per calendar year do new hires get?")
    assert not again.from_memory and again.value == "27"
    assert r.ask("Who does the head of sales report to?").from_memory
    r.close()


def test_without_a_knowledge_base_the_llm_answers_unverified(tmp_path):
    llm = FakeLLM({"capital of France": "Paris is the capital of France."})
    r = Reasoner(llm=llm, embedder=HashEmbedder(), cache_dir=tmp_path)
    assert r.ask("What is 2 + 2?").value == "4"
    a = r.ask("What is the capital of France?")
    assert a.route == "closed-book" and a.text == "Paris is the capital of France." and a.verified is None
    assert not a.abstained and "unverified" in a.verdict and a.cost.model_calls == 1
    assert r.memory.get("What is the capital of France?") is None  # unverified answers are not remembered


def test_runnable_async_invoke(built):
    import asyncio

    assert asyncio.run(built.ainvoke("What is 6 * 7?")).value == "42"
