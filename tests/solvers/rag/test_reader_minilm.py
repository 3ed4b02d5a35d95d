"""The reader with the real MiniLM: paraphrased questions reach the sentence that answers."""

import pytest

from reasoner.llm.base import FakeLLM
from reasoner.solvers.rag.solver import RagSolver
from reasoner.types import Budget, Chunk, Context, Hit, Query

SEVERANCE = Chunk(
    "s1",
    "Severance is paid in one lump sum.\n\nEmployees who have been with the company for less than 1 year\n"
    "receive 2 weeks of base pay. Employees with 1 to 5 years receive 4 weeks.",
    "people/leaving.md",
    "Leaving the company",
    "Severance",
    hash="s1",
)
PTO = Chunk(
    "p1",
    "37signals gives everyone three weeks of paid time off per year. Unused days do not roll over.",
    "people/benefits.md",
    "Benefits",
    "Time off",
    hash="p1",
)
OFFICE = Chunk("o1", "The office is open from 9am to 5pm. Visitors sign in at the front desk.", "office.md", "Office", hash="o1")


def search(q: str, k: int) -> list[Hit]:
    return [Hit(c, 0.5, rank=i + 1) for i, c in enumerate([SEVERANCE, PTO, OFFICE])][:k]


PPL = Chunk(
    "l1",
    "You are entitled to 12 weeks of paid time off for the birth of a child.\n\n"
    "You need to have been a federal employee for 12 months in order to access Paid Parental Leave.",
    "leave/ppl.md",
    "Paid parental leave",
    "About PPL",
    hash="l1",
)


@pytest.mark.slow
def test_a_paraphrase_reaches_the_answering_sentence(minilm):
    s = RagSolver(lambda q, k: [Hit(PPL, 0.5)], FakeLLM(), embedder=minilm, abstain_threshold=0.0)
    q = "I'm new to government and expecting a baby. How long do I need to have been a fed before I qualify?"
    a = s.solve(Query(q), Context(budget=Budget()))
    assert a.text.startswith("12 months. You need to have been a federal employee for 12 months")
    assert a.value == "12" and a.cost.model_calls == 0


@pytest.mark.slow
def test_the_issues_severance_paraphrase(minilm):
    # alone, MiniLM scores 'less than 1 year' at cosine 0.36 against 'before my first anniversary',
    # below 'Severance is paid in one lump sum' (0.52); read after that sentence it comes first
    s = RagSolver(search, FakeLLM(), embedder=minilm, abstain_threshold=0.0)
    a = s.solve(Query("If I'm let go before my first work anniversary, what severance would I normally get?"), Context(budget=Budget()))
    assert "less than 1 year" in a.text and "2 weeks" in a.text
    assert a.evidence[0].ref == "s1" and a.cost.model_calls == 0


@pytest.mark.slow
def test_the_number_of_days_is_the_sentences_not_the_company_names(minilm):
    s = RagSolver(search, FakeLLM(), embedder=minilm, abstain_threshold=0.0)
    a = s.solve(Query("How much vacation do we get each year?"), Context(budget=Budget()))
    assert a.text.startswith("three weeks") and a.value == "3"
