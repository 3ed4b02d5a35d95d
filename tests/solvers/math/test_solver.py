"""MathSolver through its worker: everyday questions, formatting, verification, the Answer contract."""

from __future__ import annotations

import pytest

from reasoner.solvers.math import MathSolver, canonical_key, solve_text
from reasoner.types import Budget, Context, Query, Solver

EVERYDAY = [
    ("what is 15% of 240", "36"),
    ("What is 15% of 1299?", "194.85"),
    ("0.15 * 1299", "194.85"),
    ("square root of 144", "12"),
    ("what is 7 divided by 8 rounded to 2 decimal places", "0.88"),
    ("is 91 prime", "False"),
    ("is 97 prime?", "True"),
    ("gcd of 12 and 18", "6"),
    ("solve x^2 - 5x + 6 = 0", "2, 3"),
    ("integrate x^2 from 0 to 3", "9"),
    ("probability of rolling a sum of 7 with two dice", "1/6"),
    ("What is -2/3 + 0?", "-2/3"),
    ("Let f(x) = x^2 + 1. What is f(3)?", "10"),
    ("Suppose 3*a = 12. Solve 2*b + a = 0 for b.", "-2"),
    ("Let z(h) = -11*h**2 + 284*h + 65. Let c be z(26). Solve -g = c*g + 14 for g.", "-1"),
    ("What is the third derivative of -6*u**4 - 43*u**3 wrt u?", "-144*u - 258"),
    ("Let g(t) be the first derivative of t**3 - 2*t. What is the second derivative of g(q) wrt q?", "6"),
    ("Sort 4, 5, -15, -2, 2/9 in ascending order.", "-15, -2, 2/9, 4, 5"),
    ("Let p = 113 - 116. Put p, -2, 1/8, 25/2 in ascending order.", "p, -2, 1/8, 25/2"),
    ("What is 427 minutes after 11:09 AM?", "6:16 PM"),
    ("In base 15, what is -7266 + -18?", "-727e"),
    ("Factor -l**2 + 64023*l + 192078.", "-(l - 64026)*(l + 3)"),
    (
        "What is the n'th term of -216, -462, -752, -1110, -1560, -2126, -2832?",
        "-4*n**3 + 2*n**2 - 224*n + 10",
    ),
    ("Three letters picked without replacement from mimmmmm. Give prob of picking 3 m.", "4/7"),
    ("What is thirty-nine quarters of a kilogram in grams?", "9750"),
    ("How many minutes are there between 10:12 PM and 1:40 AM?", "208"),
    ("Suppose 2*x + 3*y = 7, x - y = 1. What is x?", "2"),
    ("Simplify ((u**(-1))**49*(u/u**(-7))/u**(-2/3))**46 assuming u is positive.", "u**(-5566/3)"),
    ("what is 2 plus 3 times 4", "14"),
    ("What is the limit of sin(x)/x as x approaches 0?", "1"),
]


@pytest.mark.parametrize(("question", "value"), EVERYDAY)
def test_everyday_questions(math_solver, question, value):
    ans = math_solver.solve(Query(question), Context(budget=Budget()))
    assert ans.value == value, ans.verdict
    assert ans.route == "math" and not ans.abstained
    assert ans.verified is True, ans.verdict


def test_is_a_solver():
    assert isinstance(MathSolver(), Solver)
    assert MathSolver.name == "math"


def test_answer_contract(math_solver):
    q = Query("Solve 24*w - 7661 + 8045 = 0 for w.")
    est = math_solver.estimate(q)
    ans = math_solver.solve(q, Context(budget=Budget()), est)
    assert ans.value == "-16"
    assert ans.key and ans.key == canonical_key("Solve 24*w - 7661 + 8045 = 0 for w.")
    assert ans.evidence and ans.evidence[0].kind == "expression" and ans.evidence[0].ref
    assert ans.cost.wall_ms > 0
    assert ans.steps and ans.steps[0].route == "math" and ans.steps[0].error is None
    assert "-16" in ans.text and ans.verdict


def test_derivative_answer_is_checked(math_solver):
    ans = math_solver.solve(Query("derivative of x^3 sin(x)"), Context(budget=Budget()))
    assert ans.verified is True
    assert "cos" in ans.value and "sin" in ans.value


def test_indefinite_integral_checked_by_differentiation(math_solver):
    ans = math_solver.solve(Query("integrate 3*x^2 + 2"), Context(budget=Budget()))
    assert ans.value == "x**3 + 2*x + C" and ans.verified is True


def test_unit_conversion_to_miles_is_decimal(math_solver):
    ans = math_solver.solve(Query("convert 5 km to miles"), Context(budget=Budget()))
    assert ans.value.startswith("3.10685596")
    assert ans.verified is True


def test_uncheckable_sequence_says_so(math_solver):
    ans = math_solver.solve(Query("What comes next: 1, 2, 5?"), Context(budget=Budget()))
    assert ans.value is not None and ans.verified is None and "not a check" in ans.verdict


def test_division_by_zero_abstains(math_solver):
    ans = math_solver.solve(Query("what is 1/0"), Context(budget=Budget()))
    assert ans.abstained and ans.value is None
    assert "zero" in ans.verdict and ans.steps[0].error


def test_unparseable_abstains_without_raising(math_solver):
    ans = math_solver.solve(Query("What is the meaning of life?"), Context(budget=Budget()))
    assert ans.abstained and ans.steps[0].error and ans.route == "math"


def test_solve_text_function():
    ans = solve_text("What is 6 times 7?")
    assert ans.value == "42" and ans.verified is True


def test_budget_caps_the_time_limit(math_solver):
    ans = math_solver.solve(Query("What is 2 + 2?"), Context(budget=Budget(max_ms=10)))
    assert ans.value == "4"


def test_equation_where_the_unknown_cancels(math_solver):
    assert math_solver.solve(Query("Solve 3*l = 3*l + 2 for l"), Context(budget=Budget())).value == "no solution"
    assert math_solver.solve(Query("Solve 2*x = x + x"), Context(budget=Budget())).value == "every value"


def test_unknown_missing_from_equation_abstains(math_solver):
    ans = math_solver.solve(Query("solve x = 3 for y"), Context(budget=Budget()))
    assert ans.abstained and "does not occur" in ans.verdict


def test_huge_exact_result_is_not_float_checked(math_solver):
    ans = math_solver.solve(Query("What is 10**200 * 10**200?"), Context(budget=Budget()))
    assert ans.value == "1" + "0" * 400 and ans.verified is None and "too large" in ans.verdict


def test_final_exclamation_after_a_number_is_a_factorial(math_solver):
    assert math_solver.solve(Query("what is 5!"), Context(budget=Budget())).value == "120"
    assert math_solver.solve(Query("What is 5!?"), Context(budget=Budget())).value == "120"


def test_import_and_estimate_do_not_load_sympy():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from reasoner.solvers.math import MathSolver\n"
        "from reasoner.types import Query\n"
        "s = MathSolver()\n"
        "assert s.estimate(Query('Solve 2*x = 4 for x.')).confidence > 0.9\n"
        "assert s.solve(Query('what is 15% of 1299')).value == '194.85'\n"
        "print('sympy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_confident_estimate_starts_the_worker_in_the_background():
    import time

    solver = MathSolver()
    try:
        solver.estimate(Query("what is 2 + 3"))  # plain arithmetic never needs the worker
        time.sleep(0.2)
        assert solver._worker._proc is None
        solver.estimate(Query("Solve 2*x = 4 for x."))
        deadline = time.time() + 10
        while solver._worker._proc is None and time.time() < deadline:
            time.sleep(0.05)
        assert solver._worker._proc is not None
        assert solver.solve(Query("Solve 2*x = 4 for x."), Context(budget=Budget())).value == "2"
    finally:
        solver.close()
