"""The routing policy as pure functions of signals."""

from reasoner import controller
from reasoner.controller import EffortPolicy, PlannedRoute, Signals, accept, plan
from reasoner.types import Answer, Estimate

KB_ROUTES = frozenset({"memory", "math", "graph", "compose", "rag", "rag-baseline"})
NO_KB_ROUTES = frozenset({"memory", "math", "closed-book"})


def sig(has_kb: bool = True, **confidence: float) -> Signals:
    return Signals(confidence=confidence, has_kb=has_kb)


def test_memory_hit_is_tried_alone():
    p = plan(sig(memory=0.97, math=0.9, rag=0.8), available=KB_ROUTES)
    assert p.names == ["memory"]


def test_confident_routes_run_cheapest_first_then_rag_fallback():
    p = plan(sig(math=0.95, graph=0.9, rag=0.7), available=KB_ROUTES)
    assert p.names == ["math", "graph", "rag"]


def test_supported_routes_run_cheapest_first_whatever_their_confidence():
    p = plan(sig(math=0.3, graph=0.5, rag=0.4), available=KB_ROUTES)
    assert p.names == ["math", "graph", "rag"]
    assert plan(sig(math=0.1, graph=0.5, rag=0.9), available=KB_ROUTES).names == ["graph", "rag"]


def test_the_last_resort_is_rag_with_a_kb_and_the_llm_alone_without():
    assert plan(sig(math=0.0, graph=0.0), available=KB_ROUTES).names == ["rag"]
    assert plan(sig(has_kb=False, math=0.0), available=NO_KB_ROUTES).names == ["closed-book"]
    assert plan(sig(math=0.0), available=frozenset({"math"})).names == []


def test_forced_route_is_the_only_route_and_rag_forced_is_the_baseline():
    p = plan(sig(math=0.99), forced="rag", available=KB_ROUTES)
    assert p.names == ["rag-baseline"] and "forced" in p.reason
    assert plan(sig(has_kb=False), forced="rag", available=NO_KB_ROUTES).names == ["closed-book"]
    assert plan(sig(math=0.2), forced="math", available=KB_ROUTES).names == ["math"]


def test_effort_high_only_for_middling_retrieval_reaching_the_llm():
    assert plan(sig(math=0.0, graph=0.0, rag=0.5), available=KB_ROUTES).effort == "high"
    assert plan(sig(math=0.0, graph=0.0, rag=0.9), available=KB_ROUTES).effort == "low"
    assert plan(sig(math=0.0, graph=0.0, rag=0.1), available=KB_ROUTES).effort == "low"
    assert plan(sig(math=0.95, rag=0.5), available=KB_ROUTES).effort == "low"


def test_accept_rules():
    route = PlannedRoute("rag", 0.5, 1.0)
    assert accept(Answer("x", verified=True, confidence=0.9), route)
    assert not accept(Answer("x", verified=True, confidence=0.1), route)  # checked, but not this question
    assert not accept(Answer("x", verified=False, confidence=1.0), route)
    assert not accept(Answer.abstain("no"), route)
    assert accept(Answer("x", verified=None, confidence=controller.ACCEPT), route)
    assert not accept(Answer("x", verified=None, confidence=controller.ACCEPT - 0.01), route)


def test_composite_frame_goes_before_the_lookup_it_contains():
    p = plan(sig(math=0.0, graph=0.8, compose=0.7, rag=0.6), available=KB_ROUTES)
    assert p.names[0] == "compose" and p.names[-1] == "rag"


def test_a_question_asking_for_a_number_rejects_a_name():
    route = PlannedRoute("graph", 0.9, 1.0)
    assert not accept(Answer("K-9", value="K-9", verified=True), route, numeric=True)
    assert accept(Answer("1240", value="$1,240", verified=True, confidence=0.8), route, numeric=True)
    assert controller.requires_number(sig(compose=0.7), numeric=False)
    assert not controller.requires_number(sig(math=0.9), numeric=False)
    assert controller.requires_number(sig(), numeric=True)


def test_effort_policy_keeps_extra_effort_only_while_it_pays():
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


def test_extra_effort_is_raised_only_by_the_auto_setting_on_hard_questions():
    hard = plan(sig(math=0.0, graph=0.0, rag=0.5), available=KB_ROUTES)
    easy = plan(sig(math=0.95, rag=0.5), available=KB_ROUTES)
    assert controller.raise_effort(hard, "auto", EffortPolicy()) == (True, "")
    assert controller.raise_effort(easy, "auto", EffortPolicy()) == (False, "")
    assert controller.raise_effort(hard, "low", EffortPolicy()) == (False, "")
    spent = EffortPolicy(trials=1, tried=1, paid=0)
    more, note = controller.raise_effort(hard, "auto", spent)
    assert not more and "no extra effort" in note


def test_estimates_are_measured_cheapest_first_and_retrieval_skipped_when_not_needed():
    def asks(route, signals, forced=None, use_memory=True, depth=0):
        return controller.should_estimate(route, signals, forced=forced, use_memory=use_memory, depth=depth)

    assert asks("math", sig()) and asks("graph", sig())
    assert asks("memory", sig(math=0.3)) and not asks("memory", sig(math=0.9))  # exact math: key, not embedding
    assert not asks("memory", sig(), use_memory=False)
    assert asks("rag", sig(math=0.3, graph=0.4)) and not asks("rag", sig(graph=0.8))
    assert not asks("rag", sig(memory=0.97))
    assert asks("compose", sig()) and not asks("compose", sig(), depth=1)
    assert asks("rag-baseline", sig(), forced="rag") and not asks("rag", sig(), forced="rag")
    assert not asks("math", sig(), forced="graph") and asks("memory", sig(math=0.99), forced="memory")


def test_memory_and_compose_signal_only_when_they_found_something():
    assert controller.signal_of("memory", Estimate("memory", 0.0)) is None
    assert controller.signal_of("memory", Estimate("memory", 0.97, payload=object())) == 0.97
    assert controller.signal_of("compose", Estimate("compose", 0.0)) is None
    assert controller.signal_of("math", Estimate("math", 0.0)) == 0.0


def test_what_is_remembered_and_reused():
    ok = Answer("25 days", value="25", route="rag", verified=True, confidence=0.9)
    assert controller.should_remember(ok, forced=None, use_memory=True)
    assert not controller.should_remember(ok, forced="rag", use_memory=True)  # the baseline's answers
    assert not controller.should_remember(ok, forced=None, use_memory=False)
    assert not controller.should_remember(Answer("4", value="4", route="math", verified=True), forced=None,
                                          use_memory=True)  # fmt: skip
    assert not controller.should_remember(Answer("x", route="rag", verified=None), forced=None, use_memory=True)
    assert controller.reuse_generations(forced=None, use_memory=True)
    assert not controller.reuse_generations(forced="rag", use_memory=True)


def test_budget_stops_llm_routes_without_tokens_and_every_route_out_of_time():
    assert controller.budget_spent("rag", remaining_ms=9, max_tokens=0)
    assert not controller.budget_spent("math", remaining_ms=9, max_tokens=0)
    assert controller.budget_spent("math", remaining_ms=-1, max_tokens=100)


def test_a_declined_question_gets_no_route_and_a_final_abstention_ends_the_cascade():
    s = sig(math=0.0, graph=0.4).with_("math", Estimate("math", 0.0, decline="past the safety bounds"))
    p = plan(s, available=KB_ROUTES)
    assert p.names == [] and p.reason == "declined: past the safety bounds"
    assert controller.ends_cascade(Answer.abstain("too big", route="math", final=True))
    assert not controller.ends_cascade(Answer.abstain("not math", route="math"))


def test_an_unverified_reply_is_kept_only_without_a_knowledge_base():
    reply = Answer("Paris.", route="closed-book", verified=None, confidence=0.3)
    assert controller.nothing_verified([reply], has_kb=False) is reply
    assert controller.nothing_verified([reply], has_kb=True) is None
