"""Build SymPy objects from the whitelisted tree, under size bounds.

SymPy is only ever handed objects built here (never text), and every power,
factorial and product is checked before it is computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from reasoner.errors import ParseError, UnsafeInputError
from reasoner.solvers.math.exact import MAX_EXPONENT, MAX_RESULT_DIGITS
from reasoner.solvers.math.tree import Bin, Call, Name, Neg, Num, Post

MAX_SYMBOLIC_EXPONENT = 400
MAX_FACTORIAL = 2000


@dataclass
class Env:
    """Bindings made by setup sentences.

    Attributes:
        values: name -> SymPy value (or a tuple of values when an equation had several roots).
        funcs: name -> (parameter symbol, body expression).
    """

    values: dict[str, object] = field(default_factory=dict)
    funcs: dict[str, tuple[sp.Symbol, sp.Expr]] = field(default_factory=dict)


def symbol(name: str) -> sp.Symbol:
    """The SymPy symbol for a variable name."""
    return sp.Symbol(name)


def to_sympy(node: object, env: Env | None = None) -> sp.Expr:
    """Build the SymPy expression for ``node`` with ``env``'s bindings substituted.

    Raises:
        UnsafeInputError: a size bound would be passed.
        ParseError: an unknown function or a multi-valued name used as a number.
    """
    env = env or Env()
    if isinstance(node, Num):
        return sp.Rational(node.text)
    if isinstance(node, Name):
        return _name(node.id, env)
    if isinstance(node, Neg):
        return -to_sympy(node.arg, env)
    if isinstance(node, Post):
        return _postfix(node, env)
    if isinstance(node, Bin):
        return _binary(node, env)
    if isinstance(node, Call):
        return _call(node, env)
    raise ParseError(f"not an expression node: {type(node).__name__}")


_CONSTANTS = {"pi": sp.pi, "oo": sp.oo, "infinity": sp.oo, "inf": sp.oo}


def _name(name: str, env: Env) -> sp.Expr:
    if name in env.values:
        value = env.values[name]
        if isinstance(value, tuple):
            raise ParseError(f"{name} has several values: {', '.join(map(str, value))}")
        return value
    if name in _CONSTANTS:
        return _CONSTANTS[name]
    return symbol(name)


def _binary(node: Bin, env: Env) -> sp.Expr:
    a = to_sympy(node.left, env)
    b = to_sympy(node.right, env)
    if node.op == "+":
        return a + b
    if node.op == "-":
        return a - b
    if node.op == "*":
        return _checked(a * b)
    if node.op == "/":
        if b == 0:
            raise ZeroDivisionError("division by zero")
        return _checked(a / b)
    return power(a, b)


def power(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """``a**b`` after checking that the result stays within the bounds."""
    if b.is_Number and a.is_Number:
        _check_numeric_power(a, b)
    elif b.is_Number:
        if abs(b) > MAX_SYMBOLIC_EXPONENT:
            raise UnsafeInputError(f"exponent {b} of a symbolic base is past {MAX_SYMBOLIC_EXPONENT}")
    elif a.is_Number and abs(a) > 10**6 and not b.free_symbols:
        raise UnsafeInputError("a power of a large number with a non-numeric exponent")
    if a == 0 and b.is_Number and b < 0:
        raise ZeroDivisionError("0 to a negative power")
    _check_nested_power(a, b)
    return _checked(a**b)


MAX_NESTED_EXPONENT = 60


def _check_nested_power(a: sp.Expr, b: sp.Expr) -> None:
    """Refuse a fractional power of a nested power of a symbol that may be negative.

    SymPy's branch analysis of ``((s**-1716)**(-9/8))**(-1/27)`` takes minutes (it grows
    like the inner exponent to the power 2.5); with "assuming s is positive" it is instant.
    """
    if not (a.is_Pow and a.base.is_Pow and b.is_Rational and not b.is_Integer):
        return
    inner = a.base.exp
    if a.base.base.is_positive is not True and inner.is_Rational and abs(inner) > MAX_NESTED_EXPONENT:
        raise UnsafeInputError(
            f"nested fractional powers of {a.base.base} with exponent {inner}: say which sign it has "
            f"(e.g. 'assuming {a.base.base} is positive')"
        )


def _check_numeric_power(a: sp.Expr, b: sp.Expr) -> None:
    # Floats only come from our own check points (user numbers are exact): fixed size, always cheap.
    if abs(a) in (0, 1) or a in (sp.oo, -sp.oo) or isinstance(a, sp.Float):
        return
    if abs(b) > MAX_EXPONENT:
        raise UnsafeInputError(f"exponent {b} is past the bound {MAX_EXPONENT}")
    if isinstance(a, sp.Rational):
        base_digits = (int(a.p).bit_length() + int(a.q).bit_length()) * 0.30103 + 1
    else:
        base_digits = abs(float(sp.log(abs(a), 10))) + 1
    if base_digits * abs(float(b)) > MAX_RESULT_DIGITS:
        raise UnsafeInputError(f"a power would have more than {MAX_RESULT_DIGITS} digits")


def _checked(x: sp.Expr) -> sp.Expr:
    if isinstance(x, sp.Rational):
        size = (int(x.p).bit_length() + int(x.q).bit_length()) * 0.30103
        if size > MAX_RESULT_DIGITS:
            raise UnsafeInputError(f"a result would have more than {MAX_RESULT_DIGITS} digits")
    return x


def _postfix(node: Post, env: Env) -> sp.Expr:
    a = to_sympy(node.arg, env)
    if node.op == "%":
        return a / 100
    return factorial(a)


def factorial(a: sp.Expr) -> sp.Expr:
    """``a!`` for a natural number up to :data:`MAX_FACTORIAL`, or symbolic."""
    if a.is_Number:
        if not a.is_Integer or a < 0:
            raise ParseError(f"factorial of {a} is not defined here")
        if a > MAX_FACTORIAL:
            raise UnsafeInputError(f"factorial argument past {MAX_FACTORIAL}")
    return sp.factorial(a)


def _call(node: Call, env: Env) -> sp.Expr:
    args = [to_sympy(a, env) for a in node.args]
    if node.func in env.funcs:
        param, body = env.funcs[node.func]
        return body.xreplace({param: args[0]})
    fn = _FUNCS.get(node.func)
    if fn is None:
        raise ParseError(f"unknown function {node.func!r}")
    return fn(*args)


def _root(x: sp.Expr, n: sp.Expr) -> sp.Expr:
    if not (n.is_Integer and 1 <= n <= MAX_SYMBOLIC_EXPONENT):
        raise UnsafeInputError(f"root degree {n} is not a small natural number")
    return sp.root(x, n)


MAX_BINOMIAL = 10_000


def _binomial(n: sp.Expr, k: sp.Expr) -> sp.Expr:
    if n.is_Number and abs(n) > MAX_BINOMIAL:
        raise UnsafeInputError(f"binomial of {n} is past the bound {MAX_BINOMIAL}")
    return sp.binomial(n, k)


def _log(x: sp.Expr, base: sp.Expr | None = None) -> sp.Expr:
    return sp.log(x) if base is None else sp.log(x, base)


_FUNCS = {
    "sqrt": sp.sqrt,
    "cbrt": lambda x: sp.root(x, 3),
    "sin": sp.sin,
    "cos": sp.cos,
    "tan": sp.tan,
    "asin": sp.asin,
    "acos": sp.acos,
    "atan": sp.atan,
    "sinh": sp.sinh,
    "cosh": sp.cosh,
    "tanh": sp.tanh,
    "exp": lambda x: power(sp.E, x),
    "log": _log,
    "ln": sp.log,
    "abs": sp.Abs,
    "factorial": factorial,
    "floor": sp.floor,
    "ceil": sp.ceiling,
    "ceiling": sp.ceiling,
    "gcd": sp.gcd,
    "lcm": sp.lcm,
    "root": _root,
    "binomial": _binomial,
    "choose": _binomial,
}
