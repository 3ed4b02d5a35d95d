"""The safe math route: a grammar of its own, SymPy in a worker process, checked answers.

Public names: :class:`MathSolver`, :func:`canonical_key`, :func:`solve_text`,
:func:`parse_question`, :func:`parse_expression`.
"""

from reasoner.solvers.math.nlu import Problem, parse_question
from reasoner.solvers.math.solver import MathSolver, canonical_key, parse_expression, solve_text

__all__ = ["MathSolver", "Problem", "canonical_key", "parse_expression", "parse_question", "solve_text"]
