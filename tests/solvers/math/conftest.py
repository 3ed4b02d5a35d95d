"""Fixtures of the math tests: one solver (one worker process) for the whole folder."""

from __future__ import annotations

import pytest

from reasoner.solvers.math import MathSolver


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
