"""Independent checks of answers: numeric recomputation at random points, own primality."""

from __future__ import annotations

import random

import sympy as sp

TOL = sp.Rational(1, 10**9)


def close(a: sp.Expr, b: sp.Expr, digits: int = 30) -> bool | None:
    """True when two numeric expressions agree to ~9 significant digits; None if not numeric.

    The comparison stays in SymPy/mpmath floats, whose exponent range is unbounded,
    so huge and tiny values compare correctly.
    """
    try:
        x, y = sp.N(a, digits), sp.N(b, digits)
        if not (x.is_number and y.is_number) or x.has(sp.nan, sp.zoo) or y.has(sp.nan, sp.zoo):
            return None
        diff = sp.N(abs(x - y), digits)
        scale = sp.Max(1, sp.N(abs(x), digits), sp.N(abs(y), digits))
        return bool(diff <= scale * sp.Float("1e-9"))
    except (TypeError, ValueError, OverflowError):
        return None


def same_function(a: sp.Expr, b: sp.Expr, trials: int = 3, seed: int = 7) -> bool | None:
    """Compare two expressions at random rational points of their free symbols.

    Returns True if they agree at every point tried, False if they differ at one,
    None when no point could be evaluated.
    """
    symbols = sorted(a.free_symbols | b.free_symbols, key=str)
    rng = random.Random(seed)
    seen = 0
    for _ in range(trials * 3):
        point = {
            s: sp.Float(sp.Rational(rng.randint(-90, 90) or 1, rng.randint(1, 9)) / 7 + 3, 40)
            for s in symbols
        }
        result = close(a.xreplace(point), b.xreplace(point))
        if result is False:
            return False
        if result:
            seen += 1
            if seen >= trials:
                return True
    return True if seen else None


def positive_point(symbols: list[sp.Symbol], seed: int = 11) -> dict:
    """Random positive values for ``symbols`` (40-digit floats: exact rational powers can be very slow)."""
    rng = random.Random(seed)
    return {s: sp.Float(sp.Rational(rng.randint(11, 99), rng.randint(2, 9)), 40) for s in symbols}


def is_probable_prime(n: int) -> bool:
    """Deterministic Miller-Rabin for n < 3.3e24, written apart from SymPy's."""
    if n < 2:
        return False
    small = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41)
    for p in small:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in small:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def euclid(a: int, b: int) -> int:
    """gcd by Euclid's algorithm (independent of math.gcd and SymPy)."""
    a, b = abs(a), abs(b)
    while b:
        a, b = b, a % b
    return a
