"""The memory and compose routes as Solvers (the engine runs them like any other route)."""

from __future__ import annotations

from reasoner.memory import AnswerMemory
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.solvers.compose import ComposeSolver
from reasoner.solvers.memory import MemorySolver
from reasoner.types import Answer, Context, Evidence, Query


def test_memory_route_serves_a_stored_answer_and_declines_without_one(tmp_path):
    mem = AnswerMemory(tmp_path / "m", HashEmbedder(), threshold=0.8)
    solver = MemorySolver(mem)
    stored = Answer("New hires get 25 days.", value="25", route="rag", verified=True, confidence=0.9,
                    evidence=[Evidence("chunk", "c1", "leave.md", hash="h1")])  # fmt: skip
    assert solver.remember("How many vacation days do new hires get?", stored) is None
    est = solver.estimate(Query("How many vacation days do new hires get?"), Context())
    assert est.confidence == 1.0 and est.payload is not None
    got = solver.solve(Query("How many vacation days do new hires get?"), Context(), est)
    assert got.from_memory and got.route == "memory" and got.value == "25" and got.cost.cache_hits == 1
    miss = solver.estimate(Query("Who leads Sales?"), Context())
    assert miss.payload is None and solver.solve(Query("Who leads Sales?"), Context(), miss).abstained
    off = solver.estimate(Query("How many vacation days do new hires get?"), Context(use_memory=False))
    assert off.payload is None
    mem.close()


def test_compose_asks_each_fact_through_the_cascade_then_computes():
    asked: list[tuple[str, str | None, bool, int]] = []

    def cascade(query: Query, ctx: Context) -> Answer:
        asked.append((query.text, query.route, ctx.numeric, ctx.depth))
        if query.route == "math":
            return Answer("186", value="186", route="math", verified=True, confidence=1.0)
        return Answer("$1,240", value="1240", route="graph", verified=True, confidence=0.9,
                      evidence=[Evidence("edge", "K-7|list_price|1240")])  # fmt: skip

    solver = ComposeSolver()
    q = Query("What is 15% of the K-7's list price?")
    est = solver.estimate(q, Context())
    assert est.payload is not None and est.confidence == 0.7
    a = solver.solve(q, Context(cascade=cascade), est)
    assert a.value == "186" and a.route == "compose" and a.verified
    assert asked[0][2:] == (True, 1) and asked[-1][1] == "math"
    assert any(e.kind == "edge" for e in a.evidence)
    assert [s.action for s in a.steps] == ["subproblem"]


def test_compose_declines_a_fact_that_is_not_a_number():
    def cascade(query: Query, ctx: Context) -> Answer:
        return Answer("Ada Stone", value="Ada Stone", route="graph", verified=True, confidence=0.9)

    solver = ComposeSolver()
    q = Query("What is 15% of the K-7's list price?")
    a = solver.solve(q, Context(cascade=cascade), solver.estimate(q, Context()))
    assert a.abstained and "could not find a number" in a.text
    assert solver.estimate(Query("Who leads Sales?"), Context()).payload is None
