"""The memory and compose routes as Solvers (the engine runs them like any other route)."""

from __future__ import annotations

from reasoner.memory import AnswerMemory
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.solvers.compose import ComposeSolver
from reasoner.solvers.memory import MemorySolver
from reasoner.types import Answer, Context, Evidence, Query


def test_memory_route_serves_a_stored_answer_and_declines_without_one(mem_location):
    mem = AnswerMemory(mem_location, HashEmbedder(), threshold=0.8)
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


def _kb_answer(text: str, chunk_hash: str, access=("everyone",)) -> Answer:
    ev = Evidence("chunk", "c1", "leave.md", hash=chunk_hash, access=access)
    return Answer(text, value=text, route="rag", verified=True, confidence=0.9, evidence=[ev])


class _Hits:
    def __init__(self, hashes: list[str]) -> None:
        self.hashes = hashes
        self.asked: list[frozenset[str] | None] = []

    def __call__(self, query: str, k: int, *, groups=None):
        from reasoner.types import Chunk, Hit

        self.asked.append(groups)
        return [Hit(Chunk(f"c{i}", "text", "leave.md", hash=h), 0.9) for i, h in enumerate(self.hashes)]


def test_a_kb_hit_is_served_only_while_its_chunk_is_still_retrieved(mem_location):
    mem = AnswerMemory(mem_location, HashEmbedder(), threshold=0.5)
    mem.put("How many vacation days do new hires get?", _kb_answer("25", "h-leave"))
    search = _Hits(["h-other"])
    solver = MemorySolver(mem, search=search)
    asked = Query("How many vacation days do the new hires get?")
    assert solver.estimate(asked, Context()).payload is None  # the chunk is no longer a top hit
    search.hashes = ["h-leave"]
    assert solver.estimate(asked, Context()).payload is not None
    mem.close()


def test_a_restricted_answer_is_never_served_to_a_caller_who_may_not_read_it(mem_location):
    mem = AnswerMemory(mem_location, HashEmbedder(), threshold=0.8)
    mem.put("What is Ada's salary?", _kb_answer("91,000 SECRET", "h-pay", access=("hr",)))
    solver = MemorySolver(mem, search=_Hits(["h-pay"]))
    q = Query("What is Ada's salary?")
    assert solver.estimate(q, Context(groups=frozenset({"engineering"}))).payload is None
    assert solver.estimate(q, Context(groups=frozenset({"hr"}))).payload is not None
    assert solver.estimate(q, Context(groups=None)).payload is not None  # an unrestricted caller
    mem.close()


def test_a_follow_up_never_matches_a_standalone_question(mem_location):
    mem = AnswerMemory(mem_location, HashEmbedder(), threshold=0.5)
    solver = MemorySolver(mem)
    solver.remember("and for her?", Answer("12 weeks", value="12", route="rag", verified=True, confidence=0.9),
                    conversation="How long is parental leave for the primary caregiver?")  # fmt: skip
    alone = solver.estimate(Query("and for her?"), Context())
    assert alone.payload is None
    turn = Query("and for her?", history=(("How long is parental leave for the primary caregiver?", "16 weeks"),))
    assert solver.estimate(turn, Context()).payload is not None
    mem.close()


def test_an_equivalence_key_serves_another_wording(mem_location):
    mem = AnswerMemory(mem_location, HashEmbedder(), threshold=0.99)
    solver = MemorySolver(mem)
    answer = Answer("Lena Brook", value="Lena Brook", route="graph", verified=True, confidence=0.9)
    solver.remember("Who directed Night Train?", answer, keys=("graph:3:plan:directed_by of Night Train",))
    other = Query("Night Train was directed by whom?")
    assert solver.estimate(other, Context()).payload is None
    keyed = solver.estimate(other, Context(keys=("graph:3:plan:directed_by of Night Train",)))
    assert keyed.payload is not None and keyed.payload.answer.value == "Lena Brook"
    mem.close()


def test_a_contradicted_entry_is_not_served_again(mem_location):
    mem = AnswerMemory(mem_location, HashEmbedder(), threshold=0.8)
    solver = MemorySolver(mem)
    solver.remember("Who leads Sales?", Answer("Ben Okoro", value="Ben Okoro", route="graph", verified=True,
                                                confidence=0.9))  # fmt: skip
    right = Answer("Cara Lind", value="Cara Lind", route="graph", verified=True, confidence=0.9)
    assert solver.contradicted("Who leads Sales?", right, Context())
    assert solver.estimate(Query("Who leads Sales?"), Context()).payload is None
    mem.close()
