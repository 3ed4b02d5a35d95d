from reasoner.llm.base import FakeLLM
from reasoner.solvers.rag.prompt import ABSTAIN_TEXT
from reasoner.solvers.rag.solver import RagPayload, RagSolver
from reasoner.types import Budget, Context, EffortOutcome, Query, Solver


def solver(search, llm, **kw):
    return RagSolver(search, llm, **kw)


def test_is_a_solver(search):
    assert isinstance(solver(search, FakeLLM()), Solver)
    assert solver(search, FakeLLM()).name == "rag"


def test_estimate_keeps_hits_in_payload_and_solve_does_not_search_again(chunks):
    calls = []

    from reasoner.solvers.rag.grounding import content_terms
    from reasoner.types import Hit

    def counting(q, k):
        calls.append(q)
        terms = content_terms(q)
        return [Hit(c, 0.9) for c in chunks if terms & content_terms(c.text)][:k]

    s = RagSolver(counting, FakeLLM(), extractive_first=True)
    est = s.estimate(Query("How many vacation days do full-time employees earn?"))
    assert isinstance(est.payload, RagPayload) and est.payload.hits
    assert est.confidence > 0.5
    s.solve(Query("How many vacation days do full-time employees earn?"), Context(budget=Budget()), est)
    assert len(calls) == 1


def test_extractive_path_answers_without_llm(search):
    llm = FakeLLM()
    a = solver(search, llm).solve(Query("How many vacation days do full-time employees earn?"), Context(budget=Budget()))
    assert llm.calls == []
    assert a.value == "25" and not a.abstained and a.verified is True
    assert a.evidence[0].ref == "c1" and a.evidence[0].source == "benefits/leave.md"
    assert a.evidence[0].hash == "h1" and a.evidence[0].section == "Vacation"
    assert "[1]" in a.text and any(s.action == "extract" for s in a.steps)
    assert a.cost.model_calls == 0


def test_extract_method_returns_none_when_nothing_supports(search, chunks):
    from reasoner.types import Hit

    s = solver(search, FakeLLM())
    assert s.extract(Query("What is the airspeed of a swallow?"), [Hit(chunks[0], 0.9)]) is None


def test_llm_answer_with_citation_maps_evidence(search):
    llm = FakeLLM({"expense": "Expense reports are due within 30 days of travel [1]."})
    s = solver(search, llm, extractive_first=False)
    a = s.solve(Query("When are expense reports due?"), Context(budget=Budget()))
    assert len(llm.calls) == 1
    assert not a.abstained and a.verified is True and a.route == "rag"
    assert a.evidence[0].ref == "c3" and a.evidence[0].source == "travel/expenses.md"
    assert "[1]" in a.text and a.value is None or a.value == "30"
    assert a.cost.model_calls == 1 and a.cost.tokens_out > 0
    assert "[1]" in llm.calls[0][1]["content"] and llm.calls[0][0]["role"] == "system"


def test_citations_renumbered_to_evidence_order(chunks):
    from reasoner.types import Hit

    hits = [Hit(chunks[3], 0.8), Hit(chunks[2], 0.7)]
    llm = FakeLLM({"expense": "Reports are due within 30 days of travel [2]."})
    s = RagSolver(lambda q, k: hits, llm, extractive_first=False, min_support=0.3, prompt_sources=2)
    a = s.solve(Query("When are expense reports due after travel?"), Context(budget=Budget()))
    assert a.text.endswith("[1].") and a.evidence[0].ref == "c3"


def test_ungrounded_llm_answer_falls_back_to_extraction(search):
    llm = FakeLLM({"expense": "Expense reports are due within 90 days [1]."})
    a = solver(search, llm, extractive_first=False).solve(Query("When are expense reports due?"), Context(budget=Budget()))
    assert not a.abstained and "90" not in a.text and "30 days" in a.text
    assert "not grounded" in a.verdict and a.cost.model_calls == 1


def test_abstains_when_retrieval_weak(search):
    llm = FakeLLM()
    a = solver(search, llm).solve(Query("Quantum chromodynamics lattice spacing?"), Context(budget=Budget()))
    assert a.abstained and a.text == ABSTAIN_TEXT and llm.calls == []
    assert "retrieval" in a.verdict and a.verified is False


def test_abstains_below_min_score(chunks):
    from reasoner.types import Hit

    s = RagSolver(lambda q, k: [Hit(chunks[0], 0.1)], FakeLLM(), min_score=0.3)
    a = s.solve(Query("How many vacation days?"), Context(budget=Budget()))
    assert a.abstained and "0.10" in a.verdict


def test_abstains_when_model_declines(search):
    llm = FakeLLM({"laptop": "The knowledge base does not say."})
    s = solver(search, llm, extractive_first=False, min_support=0.3)
    a = s.solve(Query("What brand of laptop do new hires get?"), Context(budget=Budget()))
    assert a.abstained and a.text == ABSTAIN_TEXT and "declined" in a.steps[-2].verdict


def test_streams_through_budget_on_token(search):
    pieces = []
    llm = FakeLLM({"expense": "Expense reports are due within 30 days of travel [1]."})
    solver(search, llm, extractive_first=False).solve(
        Query("When are expense reports due?"), Context(budget=Budget(on_token=pieces.append))
    )
    assert "".join(pieces) == "Expense reports are due within 30 days of travel [1]."


def test_respects_max_tokens(search):
    llm = FakeLLM({"expense": "Expense reports are due within 30 days of travel [1]."})
    a = solver(search, llm, extractive_first=False).solve(
        Query("When are expense reports due?"), Context(budget=Budget(max_tokens=3))
    )
    assert a.cost.tokens_out <= 3


class SeqLLM(FakeLLM):
    """Replies from a list in order, to script best-of-N."""

    def __init__(self, replies):
        super().__init__()
        self.replies = list(replies)

    def generate(self, messages, **kw):
        self.default = self.replies[min(len(self.calls), len(self.replies) - 1)]
        return super().generate(messages, **kw)


def test_high_effort_stops_at_the_first_verified_sample(search):
    llm = SeqLLM(
        [
            "Expense reports are due within 90 days [1].",
            "Expense reports are due within 30 days of travel [1].",
            "Reports are due in 60 days [1].",
        ]
    )
    a = solver(search, llm, extractive_first=False).solve(
        Query("When are expense reports due?"), Context(budget=Budget(effort="high", samples=3, max_tokens=200))
    )
    actions = [s.action for s in a.steps]
    assert actions.count("sample") == 1 and actions.count("revise") == 0 and actions.count("generate") == 1
    assert a.cost.model_calls == 2 and "30 days" in a.text and a.verified


def test_high_effort_revises_when_no_sample_verifies(search):
    llm = SeqLLM(
        [
            "Expense reports are due within 90 days [1].",
            "Reports are due in 60 days [1].",
            "Reports are due in 45 days [1].",
            "Expense reports are due within 30 days of travel [1].",
        ]
    )
    a = solver(search, llm, extractive_first=False).solve(
        Query("When are expense reports due?"), Context(budget=Budget(effort="high", samples=3, max_tokens=200))
    )
    actions = [s.action for s in a.steps]
    assert actions.count("sample") == 2 and actions.count("revise") == 1 and actions.count("generate") == 1
    assert a.cost.model_calls == 4 and "30 days" in a.text and a.verified
    assert a.cost.tokens_out == sum(s.cost.tokens_out for s in a.steps)


def test_high_effort_stops_when_token_budget_spent(search):
    llm = SeqLLM(["Expense reports are due within 90 days [1]."] * 5)
    a = solver(search, llm, extractive_first=False).solve(
        Query("When are expense reports due?"), Context(budget=Budget(effort="high", samples=5, max_tokens=12))
    )
    assert a.budget_exhausted and a.cost.tokens_out <= 12 and a.cost.model_calls < 6


def test_low_effort_makes_one_call(search):
    llm = SeqLLM(["Expense reports are due within 90 days [1]."] * 3)
    solver(search, llm, extractive_first=False).solve(
        Query("When are expense reports due?"), Context(budget=Budget(samples=3))
    )
    assert len(llm.calls) == 1


def test_flops_follow_params_and_tokens(search):
    llm = FakeLLM({"expense": "Expense reports are due within 30 days of travel [1]."})
    llm.params = 1000
    a = solver(search, llm, extractive_first=False).solve(Query("When are expense reports due?"), Context(budget=Budget()))
    assert a.cost.flops == 2 * 1000 * (a.cost.tokens_in + a.cost.tokens_out)


def test_zero_token_budget_never_calls_the_model(search):
    llm = FakeLLM({"expense": "Expense reports are due within 30 days of travel [1]."})
    a = solver(search, llm, extractive_first=False).solve(
        Query("When are expense reports due?"), Context(budget=Budget(max_tokens=0))
    )
    assert llm.calls == [] and a.budget_exhausted and "30 days" in a.text


def test_model_refusal_overruled_only_by_a_fully_supporting_sentence(search):
    llm = FakeLLM({"expense": "The knowledge base does not provide that."})
    a = solver(search, llm, extractive_first=False).solve(Query("When are expense reports due?"), Context(budget=Budget()))
    assert not a.abstained and "30 days" in a.text and len(llm.calls) == 1


def test_high_effort_exits_early_when_the_greedy_answer_verifies(search):
    llm = SeqLLM(["Expense reports are due within 30 days of travel [1].", "Due in 90 days [1]."])
    a = solver(search, llm, extractive_first=False).solve(
        Query("When are expense reports due?"), Context(budget=Budget(effort="high", samples=3, max_tokens=200))
    )
    assert len(llm.calls) == 1 and a.verified and "30 days" in a.text
    assert any(s.action == "early exit" and "verified" in s.detail for s in a.steps)


def test_high_effort_trusts_a_greedy_refusal(search):
    llm = SeqLLM(["The knowledge base does not say.", "Expense reports are due within 30 days [1]."])
    a = solver(search, llm, extractive_first=False).solve(
        Query("When are the expense reports for laptops due?"), Context(budget=Budget(effort="high", samples=3, max_tokens=200))
    )
    assert len(llm.calls) == 1
    assert any(s.action == "early exit" and "declined" in s.detail for s in a.steps)


class DictStore:
    def __init__(self):
        self.data, self.deps = {}, {}

    def get(self, key):
        return self.data.get(key)

    def put(self, key, value, *, kind, depends_on):
        assert kind == "llm"
        self.data[key], self.deps[key] = value, depends_on


def test_generations_are_reused_by_prompt_and_record_their_chunks(search):
    store = DictStore()
    llm = FakeLLM({"expense": "Expense reports are due within 30 days of travel [1]."})
    s = solver(search, llm, extractive_first=False)
    ctx = Context(generations=store)
    first = s.solve(Query("When are expense reports due?"), ctx)
    streamed = []
    again = s.solve(Query("When are expense reports due?"),
                    Context(budget=Budget(on_token=streamed.append), generations=store))  # fmt: skip
    assert len(llm.calls) == 1 and len(store.data) == 1
    assert again.text == first.text and again.cost.model_calls == 0 and again.cost.tokens_in == 0
    assert streamed == ["Expense reports are due within 30 days of travel [1]."]
    assert any(st.action == "generate (remembered)" for st in again.steps)
    (key,) = store.data
    assert key.startswith("llm:fake:") and "h3" in store.deps[key]["chunk_hashes"]
    s.solve(Query("  When are expense reports due "), ctx)  # the same question, typed loosely
    assert len(llm.calls) == 1
    s.solve(Query("When exactly are expense reports due?"), ctx)  # another prompt: a new call
    assert len(llm.calls) == 2


def test_generation_store_off_means_no_reuse(search):
    llm = FakeLLM({"expense": "Expense reports are due within 30 days of travel [1]."})
    s = solver(search, llm, extractive_first=False)
    for _ in range(2):
        s.solve(Query("When are expense reports due?"), Context(generations=None))
    assert len(llm.calls) == 2


def test_baseline_settings_ask_the_model_even_on_weak_retrieval(chunks):
    from reasoner.types import Hit

    llm = FakeLLM(default="The knowledge base does not say.")
    s = RagSolver(lambda q, k: [Hit(chunks[0], 0.05)], llm, extractive_first=False, min_score=0.0,
                  llm_min_support=0.0)
    a = s.solve(Query("What is the airspeed of a swallow?"), Context(budget=Budget()))
    assert len(llm.calls) == 1 and a.abstained


def test_extra_effort_reports_whether_it_paid(search):
    paid = SeqLLM(["Expense reports are due within 90 days [1].", "Expense reports are due within 30 days of travel [1]."])
    a = solver(search, paid, extractive_first=False).solve(
        Query("When are expense reports due?"), Context(budget=Budget(effort="high", samples=2, max_tokens=200))
    )
    assert [s.verdict for s in a.steps if s.action == "effort"] == ["paid"]
    assert a.effort == EffortOutcome(extra_calls=1, paid=True)
    wasted = SeqLLM(["Expense reports are due within 90 days [1]."] * 3)
    b = solver(search, wasted, extractive_first=False).solve(
        Query("When are expense reports due?"), Context(budget=Budget(effort="high", samples=2, max_tokens=200))
    )
    assert [s.verdict for s in b.steps if s.action == "effort"] == ["no gain"]
    assert b.effort is not None and not b.effort.paid


def test_prompt_carries_the_top_source_and_the_supporting_one(chunks):
    from reasoner.types import Hit

    # dense order puts the expense chunk last; its sentence is the one holding the question's terms
    hits = [Hit(chunks[0], 0.8), Hit(chunks[1], 0.7), Hit(chunks[3], 0.6), Hit(chunks[2], 0.5)]
    llm = FakeLLM({"expense": "They are due within 30 days of travel [2]."})
    q = Query("When are expense reports due after travel?")
    two = RagSolver(lambda q, k: hits, llm, extractive_first=False, min_support=0.3, prompt_sources=2)
    a = two.solve(q, Context(budget=Budget()))
    prompt = llm.calls[0][1]["content"]
    assert "[1] (Vacation)" in prompt and "[2] (Expenses)" in prompt and "[3]" not in prompt
    assert not a.abstained and a.evidence[0].ref == "c3" and a.text.endswith("[1].")

    baseline = FakeLLM({"expense": "Due within 30 days of travel [4]."})
    b = RagSolver(lambda q, k: hits, baseline, extractive_first=False, prompt_sources=0).solve(q, Context(budget=Budget()))
    assert "[4] (Expenses)" in baseline.calls[0][1]["content"] and b.evidence[0].ref == "c3"

    one = FakeLLM()  # the default: the top source alone, its most relevant sentences (prefill time)
    RagSolver(lambda q, k: hits, one, extractive_first=False).solve(q, Context(budget=Budget()))
    assert "[1] (Vacation)" in one.calls[0][1]["content"] and "[2]" not in one.calls[0][1]["content"]


def test_constrained_replies_are_held_to_the_cited_sentence_grammar_where_the_backend_enforces_one(search):
    class GrammarLLM(FakeLLM):
        supports_grammar = True

    question = Query("When are expense reports due?")
    for llm, constrained, held in ((GrammarLLM(), True, True), (FakeLLM(), True, False), (GrammarLLM(), False, False)):
        solver(search, llm, extractive_first=False, constrained=constrained).solve(question, Context(budget=Budget()))
        grammar = llm.options[0]["grammar"]
        assert (grammar is not None) == held
        if held:
            assert ABSTAIN_TEXT in grammar and "root ::=" in grammar
