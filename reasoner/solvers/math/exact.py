"""Exact rational arithmetic on the tree with Python's Fraction: the fast path
for plain arithmetic and the independent recheck of SymPy's arithmetic.
"""

from __future__ import annotations

import math
from fractions import Fraction

from reasoner.errors import UnsafeInputError
from reasoner.solvers.math.tree import Bin, Name, Neg, Num, Post

MAX_RESULT_DIGITS = 20_000
MAX_EXPONENT = 10_000


class NotRational(Exception):
    """The tree is not plain rational arithmetic (symbols, roots, functions)."""


def digits(q: Fraction) -> int:
    """An upper estimate of the decimal digits of numerator and denominator together."""
    return int((q.numerator.bit_length() + q.denominator.bit_length()) * 0.30103) + 2


def pow_digits(base_digits: float, exponent: int) -> float:
    """Digits of base**exponent, estimated without computing it."""
    return base_digits * abs(exponent)


def evaluate(node: object, env: dict[str, Fraction] | None = None) -> Fraction:
    """Evaluate plain arithmetic exactly.

    Raises:
        NotRational: the tree needs symbols, roots or functions.
        ZeroDivisionError: on division by zero.
        UnsafeInputError: a result would pass the size bounds.
    """
    env = env or {}
    if isinstance(node, Num):
        return Fraction(node.text)
    if isinstance(node, Name):
        if node.id in env:
            return env[node.id]
        raise NotRational(node.id)
    if isinstance(node, Neg):
        return -evaluate(node.arg, env)
    if isinstance(node, Post) and node.op == "%":
        return evaluate(node.arg, env) / 100
    if isinstance(node, Post):
        return _factorial(evaluate(node.arg, env))
    if isinstance(node, Bin):
        return _binary(node.op, evaluate(node.left, env), evaluate(node.right, env))
    raise NotRational(type(node).__name__)


def _binary(op: str, a: Fraction, b: Fraction) -> Fraction:
    if op == "+":
        out = a + b
    elif op == "-":
        out = a - b
    elif op == "*":
        out = a * b
    elif op == "/":
        out = a / b
    else:
        out = _power(a, b)
    if digits(out) > MAX_RESULT_DIGITS:
        raise UnsafeInputError(f"a result would have more than {MAX_RESULT_DIGITS} digits")
    return out


def _power(a: Fraction, b: Fraction) -> Fraction:
    if b.denominator != 1:
        raise NotRational("fractional power")
    e = b.numerator
    if a == 0:
        if e < 0:
            raise ZeroDivisionError("0 to a negative power")
        return Fraction(1 if e == 0 else 0)
    if abs(a) == 1:
        return a ** (e % 2)
    if abs(e) > MAX_EXPONENT or pow_digits(digits(a), e) > MAX_RESULT_DIGITS:
        raise UnsafeInputError(f"a power would have more than {MAX_RESULT_DIGITS} digits")
    return a**e


def _factorial(a: Fraction) -> Fraction:
    if a.denominator != 1 or a < 0:
        raise NotRational("factorial of a non-natural number")
    if a > 2000:
        raise UnsafeInputError("factorial argument past 2000")
    return Fraction(math.factorial(int(a)))
