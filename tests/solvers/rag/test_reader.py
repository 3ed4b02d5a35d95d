"""The reader ranks sentences by meaning and type, and RagSolver answers from it without the LLM."""

import pytest

from reasoner.llm.base import FakeLLM
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.solvers.rag import abstain
from reasoner.solvers.rag.reader import Reader, VectorCache
from reasoner.solvers.rag.solver import RagPayload, RagSolver
from reasoner.types import Budget, Chunk, Context, Hit, Query

PAGES = [
    Chunk(
        "p1",
        "You are entitled to 12 weeks of paid time off for the birth of a child.\n\n"
        "You need to have been a federal employee for 12 months in order to\naccess Paid Parental Leave.",
        "leave/ppl.md",
        "Paid parental leave",
        "About PPL",
        hash="h1",
    ),
    Chunk("p2", "| Tool | Use |\n| --- | --- |\n| KeePassXC | password manager |", "it/tools.md", "Tools", "", hash="h2"),
    Chunk("p3", "37signals gives everyone 3 weeks of paid time off. Contact PeopleOps.", "about.md", "About", hash="h3"),
]


def search(q: str, k: int) -> list[Hit]:
    return [Hit(c, 0.6 - 0.1 * i, rank=i + 1) for i, c in enumerate(PAGES)][:k]


class Counting(HashEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.texts = 0

    def embed(self, texts):
        self.texts += len(texts)
        return super().embed(texts)


def test_reader_prefers_the_sentence_with_an_answer_of_the_asked_type():
    r = Reader(HashEmbedder())
    reading = r.read("How long do I need to have been a federal employee before I get parental leave?", search("", 3))
    assert reading.qtype.kind == "duration"
    assert reading.best.unit.text.startswith("You need to have been a federal employee for 12 months")
    assert reading.span.text == "12 months"
    assert 0.0 <= reading.probability <= 1.0 and set(reading.features) == set(abstain.FEATURES)


def test_never_a_number_out_of_a_company_name():
    r = Reader(HashEmbedder())
    reading = r.read("How much paid time off does 37signals give everyone?", [search("", 3)[2]])
    assert reading.span.text == "3 weeks"


def test_sentence_vectors_are_cached_between_questions():
    emb = Counting()
    r = Reader(emb)
    r.read("How long is parental leave?", search("", 3))
    first = emb.texts
    r.read("Which password manager do we use?", search("", 3))
    assert emb.texts - first == 1  # only the new question is embedded


def test_cache_is_bounded():
    cache = VectorCache(HashEmbedder(), max_entries=2)
    cache.embed(["a", "b", "c"])
    assert len(cache._vecs) == 2


def reader_solver(llm=None, **kw):
    return RagSolver(search, llm or FakeLLM(), embedder=HashEmbedder(), **kw)


def test_solver_answers_from_the_reading_short_answer_first_and_cited():
    llm = FakeLLM()
    s = reader_solver(llm, abstain_threshold=0.0)
    q = Query("How long do I need to have been a federal employee before I get parental leave?")
    est = s.estimate(q)
    assert isinstance(est.payload, RagPayload) and est.payload.parts
    a = s.solve(q, Context(budget=Budget()), est)
    assert llm.calls == [] and not a.abstained and a.verified is True
    assert a.text.startswith("12 months. You need to have been a federal employee for 12 months")
    assert a.text.endswith("[1]") and a.value == "12"
    ev = a.evidence[0]
    assert (ev.ref, ev.source, ev.section, ev.hash) == ("p1", "leave/ppl.md", "About PPL", "h1")
    assert a.confidence == est.confidence


def test_solver_abstains_below_the_calibrated_threshold_without_the_llm():
    llm = FakeLLM(default="The answer is 9 [1].")
    s = reader_solver(llm, abstain_threshold=1.01)
    a = s.solve(Query("What is the CEO's favourite colour?"), Context(budget=Budget()))
    assert a.abstained and llm.calls == []
    assert "confidence" in a.verdict


def test_llm_writes_only_the_kinds_it_is_allowed_and_the_reading_is_its_fallback():
    llm = FakeLLM(default="I cannot say.")  # a refusal: the sure reading answers instead
    s = reader_solver(llm, abstain_threshold=0.0, llm_kinds=frozenset({"explain"}))
    a = s.solve(Query("Explain the parental leave policy for federal employees"), Context(budget=Budget()))
    assert len(llm.calls) == 1 and not a.abstained and a.evidence[0].ref == "p1"
    assert a.cost.model_calls == 1 and any(st.action == "fallback" for st in a.steps)
    s.solve(Query("Which password manager do we use?"), Context(budget=Budget()))
    assert len(llm.calls) == 1


def test_multi_part_question_answers_each_part():
    s = reader_solver(abstain_threshold=0.0)
    a = s.solve(Query("How long must I have been a federal employee for parental leave, and which password manager do we use?"), Context(budget=Budget()))
    lines = a.text.splitlines()
    assert len(lines) == 2
    assert "12 months" in lines[0] and "KeePassXC" in lines[1]
    assert {e.ref for e in a.evidence} == {"p1", "p2"}


def test_without_an_embedder_the_baseline_is_unchanged(search):
    s = RagSolver(search, FakeLLM())
    assert s.reader is None
    a = s.solve(Query("How many vacation days do full-time employees earn?"), Context(budget=Budget()))
    assert a.value == "25"


def test_an_acronym_of_the_question_matches_the_words_it_stands_for():
    from reasoner.solvers.rag.reader import _acronyms, _spelled_out

    acr = _acronyms("If I'm put on a PIP, how many weeks does it run?")
    assert acr == ["PIP"]
    assert _spelled_out("Performance improvement periods are 4 to 6 weeks long.", acr).endswith(" PIP")
    assert _spelled_out("Reviews happen in April.", acr) == "Reviews happen in April."


def test_a_span_in_the_question_unit_is_preferred():
    from reasoner.solvers.rag.answer_type import question_type
    from reasoner.solvers.rag.reader import _in_unit

    qt = question_type("Roughly how many weeks will it run?")
    assert _in_unit("Periods typically are 4 to 6 weeks long.", qt)
    assert not _in_unit("Not used during the 90-day introductory period.", qt)


def test_a_sentence_is_also_read_with_its_neighbours():
    from reasoner.solvers.rag.reader import Weights

    chunk = Chunk("w", "The summit award is named after Kevin Walsh. He was a colleague we miss.", "a.md", "Award", "")
    hits = [Hit(chunk, 0.5, rank=1)]
    question = "Who was the colleague the summit award is named after?"
    alone = {s.unit.text: s.score for s in Reader(HashEmbedder(), weights=Weights(window=0.0)).read(question, hits).ranked}
    read = {s.unit.text: s.score for s in Reader(HashEmbedder()).read(question, hits).ranked}
    second = "He was a colleague we miss."
    assert read[second] > alone[second]  # "He" is read after the sentence that names him
    assert all(read[t] >= alone[t] for t in alone)


def test_the_row_whose_bound_holds_the_askers_amount_ranks_first():
    from reasoner.solvers.rag.reader import Weights

    rows = Chunk(
        "t1",
        "| Service | Hours per pay period |\n| --- | --- |\n| Fewer than 3 years | 4 hours |\n"
        "| Between 3 and 15 years | 6 hours |\n| 15+ years | 8 hours |",
        "leave.md", "Leave", "Annual leave", hash="t1",
    )  # fmt: skip
    question = "I have 10 years in government. How many leave hours do I earn per pay period?"
    hits = [Hit(rows, 0.5, rank=1)]
    assert Reader(HashEmbedder()).read(question, hits).span.text == "6 hours"
    unweighted = Reader(HashEmbedder(), weights=Weights(bound=0.0)).read(question, hits)
    assert unweighted.best.score < Reader(HashEmbedder()).read(question, hits).best.score


def test_the_solver_reads_the_best_hits_and_measures_the_background_over_more():
    asked: list[int] = []
    many = [Hit(Chunk(f"c{i}", f"Filler page {i} about offices.", f"f{i}.md", hash=f"f{i}"), 0.3, dense=0.2) for i in range(40)]

    def wide(q: str, k: int) -> list[Hit]:
        asked.append(k)
        first = [Hit(c, 0.6 - 0.1 * i, dense=0.7, rank=i + 1) for i, c in enumerate(PAGES)]
        return (first + many)[:k]

    q = Query("How much paid time off does 37signals give everyone?")
    RagSolver(wide, FakeLLM(), embedder=HashEmbedder(), reader_k=3).estimate(q)
    assert asked == [3]  # the default score reads the best hits alone: no wider retrieval
    asked.clear()
    s = RagSolver(wide, FakeLLM(), embedder=HashEmbedder(), reader_k=3, abstain_score="background")
    est = s.estimate(q)
    assert asked == [abstain.BACKGROUND_K]
    assert [h.chunk.id for h in est.payload.hits] == ["p1", "p2", "p3"]
    reading = est.payload.parts[0].reading
    background = (3 * 0.7 + (abstain.BACKGROUND_K - 3) * 0.2) / abstain.BACKGROUND_K
    assert reading.features["relative"] == pytest.approx(reading.best.cos_context - background)


def test_the_background_is_a_share_of_the_knowledge_base_read_from_its_index():
    class Index:
        def __init__(self, n: int) -> None:
            self.n, self.asked = n, []

        def __len__(self) -> int:
            return self.n

        def search(self, q: str, k: int) -> list[Hit]:
            self.asked.append(k)
            return [Hit(c, 0.5, dense=0.5) for c in PAGES][:k]

    for n, k in ((1205, 32), (2548, 68), (140, abstain.BACKGROUND_MIN), (100_000, abstain.BACKGROUND_MAX)):
        idx = Index(n)
        solver = RagSolver(idx.search, FakeLLM(), embedder=HashEmbedder(), abstain_score="background")
        solver.estimate(Query("How long is parental leave?"))
        assert idx.asked == [k]
    given = Index(10)
    sized = RagSolver(given.search, FakeLLM(), embedder=HashEmbedder(), kb_size=lambda: 2548, abstain_score="background")
    sized.estimate(Query("Which tool?"))
    assert given.asked == [68]


def test_an_index_that_cannot_say_its_size_gets_the_fixed_background():
    from reasoner.errors import IndexError_

    class Broken:
        asked: list[int] = []

        def __len__(self) -> int:
            raise IndexError_("no knowledge index is open")

        def search(self, q: str, k: int) -> list[Hit]:
            self.asked.append(k)
            return [Hit(c, 0.5, dense=0.5) for c in PAGES][:k]

    idx = Broken()
    solver = RagSolver(idx.search, FakeLLM(), embedder=HashEmbedder(), abstain_score="background")
    est = solver.estimate(Query("Which password manager?"))
    assert idx.asked == [abstain.BACKGROUND_K] and est.payload.parts


def test_the_solver_decides_with_the_chosen_score():
    default = reader_solver()
    assert default.threshold == abstain.THRESHOLD and default.reader.coef is abstain.COEF
    chosen = reader_solver(abstain_score="background")
    assert chosen.threshold == 0.6 and chosen.reader.coef is abstain.SCORES["background"].coef
    q = Query("How long do I need to have been a federal employee before I get parental leave?")
    a, b = default.estimate(q), chosen.estimate(q)
    ra, rb = a.payload.parts[0].reading, b.payload.parts[0].reading
    assert ra.best.unit == rb.best.unit  # the same reading, judged by another score
    same = {k for k in ra.features if k not in abstain.BACKGROUND_FEATURES}
    assert {k: ra.features[k] for k in same} == {k: rb.features[k] for k in same}
    assert a.confidence != b.confidence
