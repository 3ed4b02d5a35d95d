"""Format results as people expect: 12 not 12.0, -2/3, sorted roots, True/False.

SymPy is imported only by the functions that take SymPy objects, so the in-process
fast path (and ``import reasoner``) does not pay for it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sympy as sp

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def terminating(q: Fraction) -> bool:
    """True when ``q`` has a finite decimal expansion."""
    d = q.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def decimal_text(q: Fraction) -> str:
    """A terminating fraction as plain decimal text, no exponent, no trailing zeros."""
    text = format(_exact_decimal(q), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def value_text(q: Fraction) -> str:
    """12, 2.5, or 4/3 (a repeating decimal stays a fraction): a word problem's value as written."""
    if q.denominator == 1:
        return str(q.numerator)
    return decimal_text(q) if terminating(q) else f"{q.numerator}/{q.denominator}"


def _exact_decimal(q: Fraction) -> Decimal:
    twos = fives = 0
    d = q.denominator
    while d % 2 == 0:
        d, twos = d // 2, twos + 1
    while d % 5 == 0:
        d, fives = d // 5, fives + 1
    k = max(twos, fives)
    scale = 10**k // q.denominator
    return Decimal(q.numerator * scale).scaleb(-k)


def fraction(x: sp.Rational) -> Fraction:
    """SymPy Rational -> Fraction."""
    return Fraction(int(x.p), int(x.q))


def number(x: sp.Expr, decimal: bool = False) -> str:
    """A number as text: integers plain, rationals as p/q (or decimals when the input had them)."""
    import sympy as sp

    if isinstance(x, sp.Rational):
        q = fraction(x)
        if q.denominator == 1:
            return str(q.numerator)
        if decimal and terminating(q):
            return decimal_text(q)
        return f"{q.numerator}/{q.denominator}"
    if isinstance(x, sp.Float):
        return float_text(x)
    return expression(x)


def float_text(x: sp.Expr, digits: int = 12) -> str:
    """A float with up to ``digits`` significant digits and no exponent for everyday sizes."""
    v = float(x)
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.{digits}g}"


def expression(x: sp.Expr) -> str:
    """SymPy's plain text form (``x**2 - 3*x``)."""
    return str(x)


def roots(values: list[sp.Expr], decimal: bool = False) -> str:
    """Roots sorted by value (real part, then imaginary), joined by ", "."""

    import sympy as sp

    def key(v: sp.Expr) -> tuple[float, float]:
        c = complex(sp.N(v, 30))
        return (c.real, c.imag)

    return ", ".join(number(v, decimal) for v in sorted(values, key=key))


def boolean(b: bool) -> str:
    """ "True" or "False"."""
    return "True" if b else "False"


def to_base(n: int, base: int) -> str:
    """An integer written in ``base`` (2..36) with lower-case digits."""
    if n == 0:
        return "0"
    sign, n = ("-", -n) if n < 0 else ("", n)
    out = []
    while n:
        n, r = divmod(n, base)
        out.append(_DIGITS[r])
    return sign + "".join(reversed(out))


def clock(minutes: int, ampm: bool = True) -> str:
    """Minutes after midnight -> "6:16 PM" (or "18:16")."""
    minutes %= 1440
    h, m = divmod(minutes, 60)
    if not ampm:
        return f"{h:02d}:{m:02d}"
    suffix = "AM" if h < 12 else "PM"
    return f"{(h % 12) or 12}:{m:02d} {suffix}"
