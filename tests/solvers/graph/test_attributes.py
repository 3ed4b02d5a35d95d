"""Questions about a table column of one entity, and confidence damped for paths that explain little."""

from __future__ import annotations

import pytest

from reasoner.graph import KnowledgeGraph
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.solvers.graph import GraphSolver
from reasoner.types import Budget, Context, Query

PRODUCTS = """product,sku,category,list_price_usd,weight_kg,launch_date
K-7,BW-K7,Handheld meter,1240.00,0.58,2020-09-15
K-9,BW-K9,Handheld meter,1890.00,0.71,2023-03-01
"""
PEOPLE = """employee,title,team,manager
Ada Byrne,Chief Executive Officer,Executive,
Ben Ortiz,Head of Sales,Sales,Ada Byrne
Cara Doyle,Account Executive,Sales,Ben Ortiz
"""


@pytest.fixture(scope="module")
def solver(tmp_path_factory):
    kb = tmp_path_factory.mktemp("kb")
    (kb / "products.csv").write_text(PRODUCTS)
    (kb / "people.csv").write_text(PEOPLE)
    kg = KnowledgeGraph.update(kb, tmp_path_factory.mktemp("ix"))
    return GraphSolver(kg, HashEmbedder())


def ask(solver, q):
    est = solver.estimate(Query(q))
    return est, solver.solve(Query(q), Context(budget=Budget()), est)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("What is the K-7's list price?", "1240"),
        ("What is the list price of the K-9?", "1890"),
        ("How much does the K-9 weigh?", "0.71"),
        ("When did the K-7 launch?", "2020-09-15"),
        ("What is Cara Doyle's job title?", "Account Executive"),
    ],
)
def test_column_named_by_the_question(solver, question, value):
    est, a = ask(solver, question)
    assert a.value == value and a.verified and est.confidence >= 0.6
    assert a.evidence[0].source.endswith(".csv") and a.evidence[0].ref.startswith(a.evidence[0].ref.split("|")[0])


def test_unnamed_column_is_left_to_path_scoring(solver):
    _, a = ask(solver, "Who manages Cara Doyle?")
    assert a.value == "Ben Ortiz"


def test_question_no_relation_explains_gets_low_confidence(solver):
    est, _ = ask(solver, "What is Cara Doyle's salary?")
    assert est.confidence < 0.2
