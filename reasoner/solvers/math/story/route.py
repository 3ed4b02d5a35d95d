"""The story reader as a fallback of the math route: estimate cheaply, solve and cross-check in SymPy.

``estimate`` reads and solves the story in-process (Fractions, under a few milliseconds) and
is confident only when every number and the question are accounted for. ``answer`` then
hands the same equations to the math worker (SymPy, hard time limit) and gives the answer
only when SymPy's value equals the exact in-process one and every equation holds when the
values are substituted back.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from fractions import Fraction

from reasoner.errors import ParseError, SolverError, UnsafeInputError
from reasoner.solvers.math import fmt
from reasoner.solvers.math.fmt import value_text
from reasoner.solvers.math.story.answer import StoryAnswer, read_problem
from reasoner.solvers.math.story.kinds_more import read_more
from reasoner.solvers.math.story.more import answer_text
from reasoner.solvers.math.tree import Name, show
from reasoner.text.numbers import TENS, UNITS
from reasoner.types import Answer, Cost, Estimate, Evidence, Step

ROUTE = "math"
CONFIDENCE = 0.9  # development precision of an answered story was 0.98 (benchmarks/notes/word_problems.md)
_NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | {"twice", "half", "dozen", "double", "triple"}
_ASKS = re.compile(r"\b(how\s+(many|much|long|far|tall|old|heavy)|how\s+(big|large)\s+(is|are|will)\s+(each|every)|"
                   r"what\s+(is|was|will|would)|what's\s+the\s+difference\s+between)\b", re.I)
# Algebra written in symbols: a product or power sign, or an equation with a one-letter
# unknown on a side ("4*r + 4*t = 96", "x = 3"). Stories state relations in words; their
# "=" defines units ("a year = 365 days", "pi = 3.14"), never between single letters.
_FORMULA = re.compile(r"[*^]|(?<![a-z])[a-z]\s*=|=\s*-?\d*\s*[a-z](?![a-z])", re.I)


@dataclass
class StoryPayload:
    """What the estimate found, handed to ``solve`` so the story is not read twice."""

    answer: StoryAnswer
    text: str


def looks_like_story(text: str) -> bool:
    """A cheap filter: a quantity question with at least one number (digits or words), not algebra in symbols."""
    if not _ASKS.search(text) or _FORMULA.search(text):
        return False
    return _has_number(text)


def _has_number(text: str) -> bool:
    return bool(re.search(r"\d", text)) or bool(set(re.findall(r"[a-z]+", text.lower())) & _NUMBER_WORDS)


def estimate(text: str, t0: float) -> Estimate:
    """Read the story; confidence 0.0 (with the reason) when it is not read completely.

    The holdings reader first; when it declines (or its question filter keeps the text out), the new kinds
    (``kinds_more``: shapes, names compared, pairs, means, comparisons, clock times, ratios, complements, rests
    and last shares), each with its own cue and its own accounting of every number; a text with no number, or
    with algebra in symbols, is no word problem.
    """
    why = "not a word problem"
    if looks_like_story(text):
        try:
            found = read_problem(text)
        except (ParseError, RecursionError, ZeroDivisionError) as exc:
            why = f"not read as a word problem: {exc}"
        else:
            return _found(found, text)
    if _FORMULA.search(text) or not _has_number(text):
        return _no(t0, why)
    try:
        found = read_more(text)
    except (ParseError, RecursionError, ZeroDivisionError) as exc:
        return _no(t0, f"{why}; {exc}")
    return _found(found, text)


def _found(found: StoryAnswer, text: str) -> Estimate:
    return Estimate(ROUTE, CONFIDENCE, expected_ms=10.0, detail=f"word problem ({found.kind})",
                    payload=StoryPayload(found, text))


def _no(t0: float, why: str) -> Estimate:
    return Estimate(ROUTE, 0.0, expected_ms=(time.perf_counter() - t0) * 1000, detail=why)


def worker_problem(found: StoryAnswer, text: str):
    """The equations as a math Problem for the worker: suppose them all, then ask for x."""
    from reasoner.solvers.math.nlu import Problem, Setup

    decimal = found.value.denominator != 1 and fmt.terminating(found.value)
    setup = (Setup("suppose", equations=tuple(found.equations)),)
    return Problem("value", {"expr": Name("x")}, setup, decimal, 10, text[:200])


def answer(found: StoryAnswer, text: str, run, t0: float) -> Answer:
    """Cross-check in SymPy (``run`` sends a Problem to the worker) and build the Answer."""
    try:
        result = run(worker_problem(found, text))
    except (SolverError, ParseError, UnsafeInputError, ZeroDivisionError) as exc:
        return _abstain(text, f"SymPy could not check the equations: {exc}", t0)
    agrees = _same(result.value, found.value)
    if not agrees:
        return _abstain(text, f"SymPy gave {result.value}, the exact solution {value_text(found.value)}", t0)
    return _answer(found, text, t0)


def _same(value: str, exact: Fraction) -> bool:
    try:
        return Fraction(value.replace(" ", "")) == exact
    except (ValueError, ZeroDivisionError):
        return False


def _answer(found: StoryAnswer, text: str, t0: float) -> Answer:
    ms = (time.perf_counter() - t0) * 1000
    named = answer_text(found)  # a name ("Sara") or several values ("8; 128") of the new kinds
    value = named or value_text(found.value)
    unit = f" {plural(found.unit, found.value)}" if found.unit and not named else ""
    verdict = "SymPy agrees with the exact solution; every equation holds when the values are substituted"
    step = Step(ROUTE, "story", detail=found.kind, confidence=CONFIDENCE, verdict=verdict, cost=Cost(wall_ms=ms))
    equations = "; ".join(f"{show(e.left)} = {show(e.right)}" for e in found.equations)
    return Answer(
        text=f"{found.work}. Answer: {value}{unit}",
        value=value,
        route=ROUTE,
        confidence=CONFIDENCE,
        verified=True,
        verdict=verdict,
        evidence=[Evidence(kind="expression", ref=equations, text=text[:200])],
        cost=Cost(wall_ms=ms),
        steps=[step],
        key=f"story:{equations}",
    )


def plural(unit: str, value: Fraction) -> str:
    """ "seashell" -> "seashells" unless the value is one (lemminflect's inflection tables)."""
    if value == 1:
        return unit
    from lemminflect import getInflection

    head, _, last = unit.rpartition(" ")
    forms = getInflection(last, tag="NNS")
    return (head + " " if head else "") + (forms[0] if forms else last)


def _abstain(text: str, why: str, t0: float) -> Answer:
    ms = (time.perf_counter() - t0) * 1000
    step = Step(ROUTE, "story", detail=text[:120], error=why, cost=Cost(wall_ms=ms))
    return Answer.abstain(f"I could not solve this word problem ({why}).", route=ROUTE, verdict=why,
                          cost=Cost(wall_ms=ms), steps=[step])
