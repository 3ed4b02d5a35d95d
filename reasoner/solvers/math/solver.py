"""MathSolver: the "math" route. Parses in-process, computes in a worker, checks every answer."""

from __future__ import annotations

import math
import re
import threading
import time
from typing import TYPE_CHECKING

from reasoner.errors import ParseError, SolverError, SolverTimeout, UnsafeInputError
from reasoner.solvers.math import fmt
from reasoner.solvers.math.exact import NotRational
from reasoner.solvers.math.exact import evaluate as exact_evaluate
from reasoner.solvers.math.nlu import Problem, names_in, parse_question
from reasoner.solvers.math.result import Result
from reasoner.solvers.math.shape import looks_like_math
from reasoner.solvers.math.story import route as story
from reasoner.solvers.math.tree import Name, Neg, Num, Post, show
from reasoner.solvers.math.tree import names as tree_names
from reasoner.solvers.math.worker import Worker
from reasoner.types import Answer, Context, Cost, Estimate, Evidence, Query, Step

if TYPE_CHECKING:
    import sympy

ROUTE = "math"
MIN_LIMIT_S = 0.25


def parse_expression(text: str) -> sympy.Expr:
    """Parse an expression with the whitelisted grammar and build it in SymPy under the size bounds.

    Safe on untrusted text (no eval); for arbitrary SymPy work with a hard time limit use
    :class:`MathSolver`, which runs it in a worker process.

    Raises:
        ParseError: the text is not an expression of the grammar (UnsafeInputError past a bound).
    """
    from reasoner.solvers.math.build import to_sympy
    from reasoner.solvers.math.parser import parse

    try:
        return to_sympy(parse(text))
    except ZeroDivisionError as exc:
        raise ParseError("division by zero") from exc


def canonical_key(text: str) -> str | None:
    """A canonical form of the parsed problem (operand order and spacing do not matter), or None."""
    try:
        return parse_question(text).key()
    except (ParseError, RecursionError):
        return None


# Kinds whose slots must be numbers once the setup is applied.
_NUMERIC_KINDS = {
    "round",
    "gcd",
    "lcm",
    "common_denominator",
    "remainder",
    "prime_factors",
    "is_prime",
    "is_factor",
    "parity",
    "place",
    "compare",
    "kth",
    "closest",
    "sort",
    "median",
    "divisors",
    "divisor_count",
    "convert",
    "time_shift",
    "next_term",
    "nth_term",
}
_OPERATOR_CHARS = set("+-*/^=()%!")
_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{4}\b")


def _bound_names(problem: Problem) -> set[str]:
    out: set[str] = set()
    for s in problem.setup:
        out.add(s.name)
        out.update(names_in(s.equations))
    return out


def _confidence(problem: Problem) -> float:
    """How sure a parse is a real math question.

    A bare name or number is not ("What is a?"), nor are words that happen to parse as
    products of letters ("What is 5G?", "Is 5G faster than 4G?").
    """
    if _DATE.search(problem.text):
        return 0.1  # "2024-01-05" is a date, not a subtraction
    unbound = set().union(*(names_in(v) for v in problem.args.values())) - _bound_names(problem)
    unbound -= {"pi", "oo", "infinity", "inf"}
    if problem.kind in _NUMERIC_KINDS and unbound:
        return 0.1
    if problem.kind == "value" and not problem.setup:
        node = problem.args["expr"]
        if isinstance(node, Name | Num):
            return 0.3
        if unbound and not _OPERATOR_CHARS & set(problem.text):
            return 0.3
    return 0.95


class MathSolver:
    """Answers math questions exactly, with a hard time limit per problem.

    Args:
        timeout_s: hard limit for the SymPy work of one problem; the worker is killed past it.
    """

    name = ROUTE

    def __init__(self, timeout_s: float = 2.0) -> None:
        self.timeout_s = timeout_s
        self._worker = Worker()
        self._prestarted = False

    def estimate(self, query: Query, ctx: Context | None = None) -> Estimate:
        """Parse the question (no SymPy): confident only when the parse succeeds."""
        t0 = time.perf_counter()
        try:
            problem = parse_question(query.text)
        except (ParseError, RecursionError) as exc:
            found = story.estimate(query.text, t0)  # a word problem told as a story
            if found.confidence > 0:
                self._prestart()
                return found
            ms = (time.perf_counter() - t0) * 1000
            decline = _decline(query.text, exc)
            return Estimate(ROUTE, 0.0, expected_ms=ms, detail=f"not math: {exc}", payload=exc, decline=decline)
        confidence = _confidence(problem)
        if confidence >= 0.5 and not _is_plain_arithmetic(problem):
            self._prestart()
        expected = 0.1 if _is_plain_arithmetic(problem) else 10.0
        return Estimate(ROUTE, confidence, expected_ms=expected, detail=problem.kind, payload=problem)

    def _prestart(self) -> None:
        """Start the worker in the background, so SymPy loads while the controller decides."""
        if not self._prestarted:
            self._prestarted = True
            threading.Thread(target=self._worker.prestart, name="math-prestart", daemon=True).start()

    def solve(self, query: Query, ctx: Context | None = None, estimate: Estimate | None = None) -> Answer:
        """Answer ``query``; bad input gives an abstaining Answer, never an exception."""
        t0 = time.perf_counter()
        payload = estimate.payload if estimate is not None else None
        if isinstance(payload, story.StoryPayload):
            return story.answer(payload.answer, query.text, lambda p: self._run(p, self._limit(ctx)), t0)
        try:
            problem = payload if isinstance(payload, Problem) else parse_question(query.text)
        except (ParseError, RecursionError) as exc:
            found = story.estimate(query.text, t0)
            if isinstance(found.payload, story.StoryPayload):
                return story.answer(found.payload.answer, query.text, lambda p: self._run(p, self._limit(ctx)), t0)
            return _abstain(query.text, exc, t0)
        limit = self._limit(ctx)
        try:
            result = _fast_path(problem) or self._run(problem, limit)
        except (SolverError, ParseError, ZeroDivisionError) as exc:
            return _abstain(query.text, exc, t0, key=_key(problem))
        return _answer(problem, result, t0)

    def _limit(self, ctx: Context | None) -> float:
        if ctx is None:
            return self.timeout_s
        # A floor, so that a nearly spent budget does not get a healthy worker killed.
        return max(MIN_LIMIT_S, min(self.timeout_s, ctx.budget.max_ms / 1000))

    def _run(self, problem: Problem, limit: float) -> Result:
        tag, payload = self._worker.call(problem, limit)
        if tag == "ok":
            return payload
        kind, message = payload
        if kind == "ZeroDivisionError":
            raise ZeroDivisionError(message)
        if kind in ("ParseError", "UnsafeInputError"):
            raise (UnsafeInputError if kind == "UnsafeInputError" else ParseError)(message)
        raise SolverError(f"{kind}: {message}")

    def cache_key(self, query: Query, estimate: Estimate | None = None) -> str | None:
        """``math:<canonical form>``: a reworded or reordered repeat is the same subproblem."""
        key = canonical_key(query.text)
        return f"math:{key}" if key else None

    def warm(self, wait: bool = True) -> None:
        """Start the worker process ahead of the first question (it imports SymPy)."""
        self._worker.warm(wait)

    def close(self) -> None:
        """Stop the worker process."""
        self._worker.close()


def _is_plain_arithmetic(problem: Problem) -> bool:
    return (
        problem.kind == "value"
        and not problem.setup
        and problem.base == 10
        and not tree_names(problem.args["expr"])
        and not _has_call(problem.args["expr"])
    )


def _has_call(node: object) -> bool:
    from reasoner.solvers.math.tree import calls

    return bool(calls(node))


def _key(problem: Problem) -> str:
    return problem.key()


def _fast_path(problem: Problem) -> Result | None:
    """Plain rational arithmetic is computed in-process with Fractions and rechecked in floats."""
    if problem.kind != "value" or problem.setup or problem.base != 10:
        return None
    node = problem.args["expr"]
    try:
        q = exact_evaluate(node)
    except NotRational:
        return None
    except ZeroDivisionError as exc:
        raise ZeroDivisionError("division by zero") from exc
    if problem.args.get("whole") and q.denominator != 1:
        raise ParseError(f"{q} is not a whole number of times")
    sym = _to_text(q, problem.decimal)
    ok, verdict = _float_recheck(node, q)
    return Result(sym, f"{show(node)} = {sym}", ok, verdict, expr=show(node))


def _float_recheck(node: object, q) -> tuple[bool | None, str]:
    """Recompute in binary floating point, an independent path from the exact Fractions."""
    try:
        check = _fl(node)
        exact = q.numerator / q.denominator
    except (OverflowError, ZeroDivisionError, ValueError):
        return None, "too large to recheck in floating point"
    if not (math.isfinite(check) and math.isfinite(exact)):
        return None, "too large to recheck in floating point"
    ok = math.isclose(check, exact, rel_tol=1e-9, abs_tol=1e-300)
    return ok, "rechecked in floating point" if ok else f"floating-point recheck gave {check}"


def _to_text(q, decimal: bool) -> str:
    if q.denominator == 1:
        return str(q.numerator)
    if decimal and fmt.terminating(q):
        return fmt.decimal_text(q)
    return f"{q.numerator}/{q.denominator}"


def _fl(node: object) -> float:
    """Evaluate plain arithmetic in floats (may raise OverflowError/ZeroDivisionError/ValueError)."""
    if isinstance(node, Num):
        return float(node.text)
    if isinstance(node, Neg):
        return -_fl(node.arg)
    if isinstance(node, Post):
        v = _fl(node.arg)
        return v / 100 if node.op == "%" else math.gamma(v + 1)
    a, b = _fl(node.left), _fl(node.right)
    if node.op == "+":
        return a + b
    if node.op == "-":
        return a - b
    if node.op == "*":
        return a * b
    if node.op == "/":
        return a / b
    return float(a**b)


def _answer(problem: Problem, r: Result, t0: float) -> Answer:
    ms = (time.perf_counter() - t0) * 1000
    conf = 0.97 if r.verified else 0.8 if r.verified is None else 0.3
    step = Step(
        ROUTE, "solve", detail=problem.kind, confidence=conf, verdict=r.verdict, cost=Cost(wall_ms=ms)
    )
    return Answer(
        text=r.text if r.value in r.text else f"{r.text} Answer: {r.value}",
        value=r.value,
        route=ROUTE,
        confidence=conf,
        verified=r.verified,
        verdict=r.verdict,
        evidence=[Evidence(kind="expression", ref=r.expr or problem.key(), text=problem.text[:200])],
        cost=Cost(wall_ms=ms),
        steps=[step],
        key=_key(problem),
    )


def _decline(text: str, exc: BaseException) -> str:
    """Why no route should answer a text the grammar rejects: it is past a safety bound, or it is
    a calculation in symbols (retrieval would read its digits as words). Empty otherwise."""
    if isinstance(exc, UnsafeInputError):
        return f"this calculation is beyond the math route's safety bounds ({exc})"
    if looks_like_math(text):
        return f"this looks like a calculation the math route cannot read ({exc})"
    return ""


def _abstain(text: str, exc: BaseException, t0: float, key: str | None = None) -> Answer:
    ms = (time.perf_counter() - t0) * 1000
    kind = (
        "timeout"
        if isinstance(exc, SolverTimeout)
        else "unsafe"
        if isinstance(exc, UnsafeInputError)
        else ("division by zero" if isinstance(exc, ZeroDivisionError) else "rejected")
    )
    message = f"{kind}: {exc}"
    step = Step(ROUTE, "solve", detail=text[:120], error=message, cost=Cost(wall_ms=ms))
    return Answer.abstain(
        f"I could not solve this as math ({message}).",
        route=ROUTE,
        verdict=message,
        cost=Cost(wall_ms=ms),
        steps=[step],
        budget_exhausted=isinstance(exc, SolverTimeout),
        key=key,
        # a parsed problem past a bound or the time limit: no document answers "9**9**9**9"
        final=key is not None and isinstance(exc, (UnsafeInputError, SolverTimeout)),
    )


_DEFAULT: dict[float, MathSolver] = {}
_DEFAULT_LOCK = threading.Lock()


def solve_text(text: str, timeout_s: float = 2.0) -> Answer:
    """Solve one question with a shared solver (one worker per timeout value)."""
    with _DEFAULT_LOCK:
        solver = _DEFAULT.get(timeout_s) or _DEFAULT.setdefault(timeout_s, MathSolver(timeout_s))
    return solver.solve(Query(text))
