"""Exact solving of a story's equations with Fractions, and the check by substitution.

A word problem's equations are linear in its unknowns (a chain of holdings, a comparison,
a rate times a count), so they are solved one unknown at a time, each from an equation in
which it is the only unknown left. Every value is then substituted back into every equation;
an answer is only given when all of them hold exactly. SymPy (in the math worker) solves
the same equations independently and must agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.parser import Relation
from reasoner.solvers.math.tree import Bin, Call, Name, Neg, Num

Linear = dict[str, Fraction]  # variable -> coefficient; "" holds the constant
_ONE = ""


class NotLinear(ParseError):
    """An equation that is not linear in its unknowns (the reader declines it)."""


def num(value: Fraction) -> object:
    """A tree node for an exact value: "12", "2.5", or 1/3 as 1 / 3."""
    if value.denominator == 1:
        node = Num(str(abs(value.numerator)))
    else:
        d = value.denominator
        while d % 2 == 0:
            d //= 2
        while d % 5 == 0:
            d //= 5
        if d == 1:
            text = format(abs(value.numerator) / value.denominator, "f").rstrip("0").rstrip(".")
            node = Num(text) if Fraction(text) == abs(value) else _ratio(abs(value))
        else:
            node = _ratio(abs(value))
    return Neg(node) if value < 0 else node


def _ratio(value: Fraction) -> object:
    return Bin("/", Num(str(value.numerator)), Num(str(value.denominator)))


def linear(node: object, known: dict[str, Fraction]) -> Linear:
    """``node`` as a linear form over the unknown names (known ones substituted).

    Raises:
        NotLinear: a product or quotient of unknowns, or a function of an unknown.
    """
    if isinstance(node, Num):
        return {_ONE: Fraction(node.text)}
    if isinstance(node, Name):
        if node.id in known:
            return {_ONE: known[node.id]}
        return {node.id: Fraction(1)}
    if isinstance(node, Neg):
        return _scale(linear(node.arg, known), Fraction(-1))
    if isinstance(node, Call):
        return {_ONE: _call(node, known)}
    if isinstance(node, Bin):
        return _binary(node, known)
    raise NotLinear(f"not an equation term: {type(node).__name__}")


def _call(node: Call, known: dict[str, Fraction]) -> Fraction:
    if node.func in ("gcd", "lcm"):
        return _divisor(node, known)
    inner = linear(node.args[0], known)
    if set(inner) - {_ONE}:
        raise NotLinear(f"{node.func} of an unknown")
    x = inner.get(_ONE, Fraction(0))
    if node.func == "ceiling":
        return Fraction(math.ceil(x))
    if node.func == "floor":
        return Fraction(math.floor(x))
    raise NotLinear(f"function {node.func}")


def _divisor(node: Call, known: dict[str, Fraction]) -> Fraction:
    """gcd and lcm of two whole numbers (known values only)."""
    values = []
    for arg in node.args:
        inner = linear(arg, known)
        if set(inner) - {_ONE} or inner.get(_ONE, Fraction(0)).denominator != 1:
            raise NotLinear(f"{node.func} of an unknown or of a fraction")
        values.append(int(inner.get(_ONE, Fraction(0))))
    if len(values) != 2:
        raise NotLinear(f"{node.func} takes two numbers")
    return Fraction(math.gcd(*values) if node.func == "gcd" else math.lcm(*values))


def _binary(node: Bin, known: dict[str, Fraction]) -> Linear:
    a, b = linear(node.left, known), linear(node.right, known)
    if node.op == "+":
        return _add(a, b)
    if node.op == "-":
        return _add(a, _scale(b, Fraction(-1)))
    if node.op == "*":
        if _constant(a):
            return _scale(b, a.get(_ONE, Fraction(0)))
        if _constant(b):
            return _scale(a, b.get(_ONE, Fraction(0)))
        raise NotLinear("a product of unknowns")
    if node.op == "/":
        if not _constant(b):
            raise NotLinear("division by an unknown")
        d = b.get(_ONE, Fraction(0))
        if d == 0:
            raise ParseError("division by zero")
        return _scale(a, 1 / d)
    raise NotLinear(f"operator {node.op}")


def _constant(form: Linear) -> bool:
    return all(k == _ONE or v == 0 for k, v in form.items())


def _scale(form: Linear, k: Fraction) -> Linear:
    return {v: c * k for v, c in form.items()}


def _add(a: Linear, b: Linear) -> Linear:
    out = dict(a)
    for v, c in b.items():
        out[v] = out.get(v, Fraction(0)) + c
    return out


@dataclass
class Solution:
    """Every unknown's value, and the order they were found in (for showing the work)."""

    values: dict[str, Fraction]
    order: list[str]


def solve(equations: list[Relation]) -> Solution:
    """Solve the equations, one unknown at a time.

    Raises:
        ParseError: no unique solution (too few equations, a contradiction, not linear).
    """
    known: dict[str, Fraction] = {}
    order: list[str] = []
    pending = list(equations)
    while pending:
        progress = False
        for eq in list(pending):
            form = _add(linear(eq.left, known), _scale(linear(eq.right, known), Fraction(-1)))
            free = [v for v, c in form.items() if v != _ONE and c != 0]
            if len(free) > 1:
                continue
            pending.remove(eq)
            progress = True
            const = form.get(_ONE, Fraction(0))
            if not free:
                if const != 0:
                    raise ParseError("the equations contradict each other")
                continue
            v = free[0]
            known[v] = -const / form[v]
            order.append(v)
        if not progress:
            raise ParseError("the equations do not determine every unknown")
    return Solution(known, order)


def holds(equations: list[Relation], values: dict[str, Fraction]) -> bool:
    """Substitute ``values`` into every equation: True when each holds exactly."""
    for eq in equations:
        try:
            left, right = linear(eq.left, values), linear(eq.right, values)
        except ParseError:
            return False
        if set(left) - {_ONE} or set(right) - {_ONE}:
            return False
        if left.get(_ONE, Fraction(0)) != right.get(_ONE, Fraction(0)):
            return False
    return True


def value_of(node: object, values: dict[str, Fraction]) -> Fraction:
    """The exact value of a tree once the unknowns are known."""
    form = linear(node, values)
    if set(form) - {_ONE}:
        raise ParseError("the asked quantity is not determined")
    return form.get(_ONE, Fraction(0))
