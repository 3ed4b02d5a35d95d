"""Hostile input through every entry point: rejected, or answered within bounds, within 2 s; nothing runs."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from reasoner.errors import ParseError
from reasoner.solvers.math import canonical_key, parse_expression, parse_question
from reasoner.solvers.math.parser import parse
from reasoner.types import Budget, Context, Query

SENTINEL = Path(f"/tmp/reasoner_math_sentinel_{os.getpid()}")
S = str(SENTINEL)
LIMIT_S = 2.0
MAX_VALUE_CHARS = 25_000

INJECTION = [
    f"__import__('os').system('touch {S}')",
    f'What is __import__("os").system("touch {S}")?',
    "eval('1+1')",
    "exec('import os')",
    f"exec(\"open('{S}','w')\")",
    "lambda: 0",
    "(lambda x: x)(1)",
    "().__class__.__bases__[0].__subclasses__()",
    "x.__class__.__mro__",
    "''.join(['a'])",
    f"open('{S}', 'w').write('x')",
    f"os.system('touch {S}')",
    "import os",
    f"Let f(x) = __import__('os').system('touch {S}'). What is f(1)?",
    f"Suppose x = os.system('touch {S}'). What is x?",
    "Solve __builtins__ = 1 for x.",
    "Factor exec('print(1)').",
    "What is the derivative of eval(x)?",
    "Sort 1, __import__('os'), 3.",
    "Is globals() prime?",
    "Convert 5 __class__ to miles.",
    "In base 10, what is __import__('os')?",
    "Three letters picked without replacement from {__import__: 1}. Give prob of picking 1 _.",
    "Let x be getattr(1, '__class__'). What is x?",
    "sympify('1+1')",
    "parse_expr('x')",
    "\uff45\uff58\uff45\uff43('1')",  # fullwidth "exec"
    "\u0435xec('1')",  # Cyrillic e
    "1 +\u200d 1",  # zero-width joiner
    "2 \u202e+ 3",  # right-to-left override
    "\U0001d452\U0001d465\U0001d452\U0001d450(1)",  # mathematical italic "exec"
    "1 + 1 # comment",
    "x; import os",
    "f\"{__import__('os')}\"",
    "1 if True else 2",
    "[c for c in ().__class__.__base__.__subclasses__()]",
    "Symbol('x') + Function('f')(x)",
    f"$(touch {S})",
    f"`touch {S}`",
    "2+2\x00import os",
    "2+2\nimport os",
    "What is globals()['__builtins__']?",
    "Is vars() a factor of 10?",
    "What is the square root of __import__('math')?",
]

BOMBS = [
    "9**9**9**9",
    "What is 2**10000000?",
    "10^10^10",
    "What is " + "9" * 5000 + "?",
    "factorial(100000)",
    "100000!",
    "(10**5000)*(10**5000)*(10**5000)*(10**5000)*(10**5000)*(10**5000)",
    "Expand (x+1)**100000.",
    "Expand (x + y + z + w)**400.",
    "x**(10**6)",
    "(" * 500 + "1" + ")" * 500,
    "-" * 5000 + "1",
    "1+" * 400_000 + "1",
    "Is 2**20000 - 1 prime?",
    "List the prime factors of 2**128 + 1.",
    "What is the 1000000th derivative of x**2?",
    "Sort " + ", ".join(str(i) for i in range(3000)) + ".",
    "sqrt(" * 300 + "2" + ")" * 300,
    "Let a = 10**10000. Let b = a*a. Let c = b*b. What is c?",
    "exp(10**6)",
    "What is 9^9^9 rounded to 2 decimal places?",
    "Solve x**400 + x + 1 = 0 for x.",
    "Let f(x) = f(x) + 1. What is f(2)?",
    "What is 10**10000 - 1 in base 2?",
    "Simplify (((s**(-44))**39)**(-9/8))**(-1/27).",
]

BACKTRACKING = [
    "What is " + "1 plus " * 500 + "x?",
    "a" * 3000 + "!",
    "Let " * 700 + "x = 1. What is x?",
    "Is " + "1 and " * 500 + "2 equal?",
    "What is the " + "second " * 400 + "derivative of x?",
    "x" + " divided by x" * 250,
    "Which is bigger: " + "1 or " * 600 + "2?",
    "Round " + "1.1 to " * 400 + "2 dps.",
    "What is " + "(a) " * 500 + "?",
    "Suppose " + "x = 1, " * 400 + "y = 2. What is y?",
    "How many minutes are there between " + "1:00 AM and " * 250 + "2:00 AM?",
    "prob of picking " + "1 a, " * 200 + "when two letters picked without replacement from aaaa",
]

HOSTILE = INJECTION + BOMBS + BACKTRACKING


def test_there_are_at_least_fifty_hostile_inputs():
    assert len(HOSTILE) >= 50


@pytest.mark.parametrize("text", HOSTILE, ids=[f"h{i}" for i in range(len(HOSTILE))])
def test_hostile_input_is_bounded(hostile_solver, text):
    hostile_solver.warm()  # a previous input may have had the worker killed and restarted
    t0 = time.perf_counter()
    key = canonical_key(text)
    est = hostile_solver.estimate(Query(text))
    ans = hostile_solver.solve(Query(text), Context(budget=Budget()), est)
    elapsed = time.perf_counter() - t0
    assert elapsed < LIMIT_S, f"took {elapsed:.2f} s"
    assert key is None or isinstance(key, str)
    assert ans.route == "math"
    if ans.abstained:
        assert ans.value is None and ans.verdict and ans.steps[0].error
    else:
        assert ans.value is not None and len(ans.value) <= MAX_VALUE_CHARS
    assert not SENTINEL.exists()


@pytest.mark.parametrize("text", INJECTION, ids=[f"inj{i}" for i in range(len(INJECTION))])
def test_injection_is_rejected_by_the_parser(hostile_solver, text):
    with pytest.raises(ParseError):
        parse_question(text)
    assert hostile_solver.estimate(Query(text)).confidence == 0.0
    assert not SENTINEL.exists()


@pytest.mark.parametrize("text", INJECTION[:12])
def test_expression_parser_rejects_injection(text):
    with pytest.raises(ParseError):
        parse(text)


@pytest.mark.parametrize("text", INJECTION[:12] + ["9**9**9**9", "(((s**(-44))**39)**(-9/8))**(-1/27)"])
def test_parse_expression_rejects_hostile_text(text):
    t0 = time.perf_counter()
    with pytest.raises(ParseError):
        parse_expression(text)
    assert time.perf_counter() - t0 < LIMIT_S


def test_parse_expression_builds_sympy():
    assert str(parse_expression("2x^2 - 3x")) == "2*x**2 - 3*x"


def test_solver_still_answers_after_hostile_inputs(hostile_solver):
    hostile_solver.warm()
    assert hostile_solver.solve(Query("What is 6*7?"), Context(budget=Budget())).value == "42"
    assert hostile_solver.solve(Query("Solve 2*x = 4 for x."), Context(budget=Budget())).value == "2"


def test_timeout_really_stops_the_work():
    from reasoner.solvers.math import MathSolver

    solver = MathSolver(timeout_s=0.5)
    try:
        solver.warm()
        t0 = time.perf_counter()
        ans = solver.solve(Query("Expand (x + y + z + w)**400."), Context(budget=Budget()))
        elapsed = time.perf_counter() - t0
        assert ans.abstained and "timeout" in ans.verdict and ans.budget_exhausted
        assert elapsed < 1.5
        assert solver._worker.restarts == 1  # the runaway process was killed, a fresh one started
        solver.warm()
        assert solver.solve(Query("What is 2 + 2?"), Context(budget=Budget())).value == "4"
    finally:
        solver.close()
