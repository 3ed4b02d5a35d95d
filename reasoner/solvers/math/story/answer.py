"""A word problem's answer from its equations, checked by substitution before it is given."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.parser import Relation
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.plan import read_equations
from reasoner.solvers.math.story.reader import read_story
from reasoner.solvers.math.tree import show


@dataclass
class StoryAnswer:
    """The equations of a story, their exact solution, and the work shown."""

    equations: list[Relation]
    value: Fraction
    unit: str
    kind: str
    work: str
    values: dict[str, Fraction]


def read_problem(text: str) -> StoryAnswer:
    """Read, solve and check a word problem in-process (no SymPy).

    Raises:
        ParseError: the story is not read completely, or its answer fails a check.
    """
    story = read_story(text)
    reading = read_equations(story)
    solution = linear.solve(reading.equations)
    if "x" not in solution.values:
        raise ParseError("the asked quantity is not determined")
    if not linear.holds(reading.equations, solution.values):
        raise ParseError("the solution does not satisfy the equations")
    value = solution.values["x"]
    _plausible(story, solution.values, value)
    return StoryAnswer(reading.equations, value, reading.unit, reading.kind,
                       work(reading.equations, solution), solution.values)


def _plausible(story, values: dict[str, Fraction], value: Fraction) -> None:
    """Counts are not negative, and whole numbers in give whole numbers out."""
    if any(v < 0 for v in values.values()):
        raise ParseError("a quantity came out negative")
    whole = all(m.value is None or m.value.denominator == 1 for m in story.mentions)
    if whole and value.denominator != 1:
        raise ParseError("whole numbers in, a fraction out")


def work(equations: list[Relation], solution: linear.Solution) -> str:
    """ "70 - y = 27, so y = 43; x = y = 43"."""
    parts = [f"{show(eq.left)} = {show(eq.right)}" for eq in equations]
    found = ", ".join(f"{v} = {_text(solution.values[v])}" for v in solution.order)
    return "; ".join(parts) + (f", so {found}" if found else "")


def _text(v: Fraction) -> str:
    if v.denominator == 1:
        return str(v.numerator)
    return f"{float(v):.10g}"
