"""The routing policy as pure functions of signals."""

from reasoner import controller
from reasoner.controller import PlannedRoute, Signals, accept, plan
from reasoner.types import Answer


def test_memory_hit_is_tried_alone():
    p = plan(Signals(memory=0.97, math=0.9, rag=0.8))
    assert p.names == ["memory"]


def test_confident_routes_run_cheapest_first_then_rag_fallback():
    p = plan(Signals(math=0.95, graph=0.9, rag=0.7))
    assert p.names == ["math", "graph", "rag"]


def test_supported_routes_run_cheapest_first_whatever_their_confidence():
    p = plan(Signals(math=0.3, graph=0.5, rag=0.4))
    assert p.names == ["math", "graph", "rag"]
    assert plan(Signals(math=0.1, graph=0.5, rag=0.9)).names == ["graph", "rag"]


def test_rag_is_always_the_last_resort_when_an_llm_exists():
    assert plan(Signals(math=0.0, graph=0.0)).names == ["rag"]
    assert plan(Signals(math=0.0, has_llm=False)).names == []


def test_graph_and_compose_need_a_knowledge_base():
    p = plan(Signals(graph=0.9, compose=0.7, has_kb=False))
    assert "graph" not in p.names and "compose" not in p.names


def test_forced_route_is_the_only_route():
    p = plan(Signals(math=0.99), forced="rag")
    assert p.names == ["rag"] and "forced" in p.reason


def test_effort_high_only_for_middling_retrieval_reaching_the_llm():
    assert plan(Signals(math=0.0, graph=0.0, rag=0.5)).effort == "high"
    assert plan(Signals(math=0.0, graph=0.0, rag=0.9)).effort == "low"
    assert plan(Signals(math=0.0, graph=0.0, rag=0.1)).effort == "low"
    assert plan(Signals(math=0.95, rag=0.5)).effort == "low"


def test_accept_rules():
    route = PlannedRoute("rag", 0.5, 1.0)
    assert accept(Answer("x", verified=True, confidence=0.9), route)
    assert not accept(Answer("x", verified=True, confidence=0.1), route)  # checked, but not this question
    assert not accept(Answer("x", verified=False, confidence=1.0), route)
    assert not accept(Answer.abstain("no"), route)
    assert accept(Answer("x", verified=None, confidence=controller.ACCEPT), route)
    assert not accept(Answer("x", verified=None, confidence=controller.ACCEPT - 0.01), route)


def test_composite_frame_goes_before_the_lookup_it_contains():
    p = plan(Signals(math=0.0, graph=0.8, compose=0.7, rag=0.6))
    assert p.names[0] == "compose" and p.names[-1] == "rag"


def test_a_question_asking_for_a_number_rejects_a_name():
    route = PlannedRoute("graph", 0.9, 1.0)
    assert not accept(Answer("K-9", value="K-9", verified=True), route, numeric=True)
    assert accept(Answer("1240", value="$1,240", verified=True, confidence=0.8), route, numeric=True)


def test_effort_policy_keeps_extra_effort_only_while_it_pays():
    from reasoner.controller import EffortPolicy

    p = EffortPolicy(trials=3, min_rate=0.5)
    for _ in range(3):
        assert p.allows()
        p.record(False)
    assert not p.allows() and "0 of 3" in p.describe()
    q = EffortPolicy(trials=2, min_rate=0.5)
    q.record(True)
    q.record(False)
    assert q.allows()  # paid on half: kept
    q.record(False)
    assert not q.allows()  # 1 of 3 < 0.5
