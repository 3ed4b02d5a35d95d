"""Fixtures of the math tests: one solver (one worker process) for the whole folder."""

from __future__ import annotations

import pytest

from reasoner.solvers.math import MathSolver, canonical_key, parse_question
from reasoner.types import Budget, Context, Query


@pytest.fixture(scope="session")
def math_solver():
    """A MathSolver with a 1.5 s hard limit, its worker started once."""
    solver = MathSolver(timeout_s=1.5)
    yield solver
    solver.close()


@pytest.fixture(scope="session")
def hostile_solver():
    """A MathSolver with a 0.8 s hard limit, for the hostile inputs (answers must come within 2 s)."""
    solver = MathSolver(timeout_s=0.8)
    yield solver
    solver.close()


# -- the checks the wording test files share (test_wording*.py) ----------------------------------


def check_reads_as(reworded: str, original: str, solver: MathSolver) -> None:
    """A rewording reads as its original: the same canonical key, or the same answer."""
    key = canonical_key(reworded)
    assert key is not None, parse_question(reworded)
    if key == canonical_key(original):
        return
    a = solver.solve(Query(reworded), Context(budget=Budget()))
    b = solver.solve(Query(original), Context(budget=Budget()))
    assert not b.abstained, b.verdict
    assert not a.abstained, a.verdict
    assert a.value == b.value, (key, canonical_key(original))


def check_near_miss(text: str, other: str, solver: MathSolver) -> None:
    """One detail changed: the reading follows the change (another answer, or a decline)."""
    assert canonical_key(text) != canonical_key(other)
    est = solver.estimate(Query(text))
    if est.confidence < 0.2:
        return
    a = solver.solve(Query(text), Context(budget=Budget()), est)
    b = solver.solve(Query(other), Context(budget=Budget()))
    assert a.abstained or a.value != b.value


def check_declined(text: str, solver: MathSolver) -> None:
    """An unclear wording is not answered: too little confidence to route, or an abstention."""
    est = solver.estimate(Query(text))
    if est.confidence < 0.2:
        return
    assert solver.solve(Query(text), Context(budget=Budget()), est).abstained
