"""Handlers for rounding, number theory and comparison."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import sympy as sp

from reasoner.errors import ParseError, SolverError
from reasoner.solvers.math import fmt, verify
from reasoner.solvers.math.build import Env, to_sympy
from reasoner.solvers.math.result import Result

MAX_FACTOR_DIGITS = 40


def number(node: object, env: Env) -> sp.Expr:
    """The numeric value of ``node`` (ParseError when it has free symbols)."""
    x = to_sympy(node, env)
    if x.free_symbols:
        raise ParseError(f"{x} is not a number")
    if not x.is_Rational:
        x = sp.nsimplify(x) if x.is_Float else x
    return x


def integer(node: object, env: Env) -> int:
    """The whole-number value of ``node`` (ParseError otherwise)."""
    x = number(node, env)
    if not x.is_Integer:
        raise ParseError(f"{x} is not a whole number")
    return int(x)


# ---------------------------------------------------------------- rounding


def _decimal_of(x: sp.Expr) -> Decimal:
    if x.is_Rational:
        q = fmt.fraction(x)
        with localcontext() as ctx:
            ctx.prec = 80
            return Decimal(q.numerator) / Decimal(q.denominator)
    return Decimal(str(sp.N(x, 60)))


def _round(p, env: Env) -> Result:
    x = number(p.args["expr"], env)
    if not x.is_real:
        raise ParseError(f"{x} is not a real number")
    d = _decimal_of(x)
    with localcontext() as ctx:
        ctx.prec = 120
        if "places" in p.args:
            places = p.args["places"]
            unit = Decimal(1).scaleb(-places)
            r = d.quantize(unit, rounding=ROUND_HALF_UP)
            text = format(r, "f")
        elif "sig" in p.args:
            sig = p.args["sig"]
            if d == 0:
                return Result("0", "0 rounded is 0", True, "trivial")
            unit = Decimal(1).scaleb(d.adjusted() - sig + 1)
            r = d.quantize(unit, rounding=ROUND_HALF_UP)
            text = _plain(r)
        else:
            unit = Decimal(p.args["nearest"])
            r = (d / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP) * unit
            text = _plain(r)
        ok = abs(d - r) <= unit / 2 and (r / unit) == (r / unit).to_integral_value()
    if text.startswith("-") and Decimal(text) == 0:
        text = text[1:]
    return Result(
        text,
        f"{fmt.number(x, True) if x.is_Rational else x} rounds to {text}",
        bool(ok),
        "within half a unit of the exact value" if ok else "rounding check failed",
        str(x),
    )


def _plain(d: Decimal) -> str:
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


# ---------------------------------------------------------------- number theory


def _ints(p, env: Env) -> list[int]:
    if "items" in p.args:
        return [integer(t, env) for t in p.args["items"]]
    return [integer(p.args["a"], env), integer(p.args["b"], env)]


def _gcd(p, env: Env) -> Result:
    nums = _ints(p, env)
    g = int(sp.gcd(nums))
    alt = 0
    for n in nums:
        alt = verify.euclid(alt, n)
    ok = g == alt
    args = ", ".join(map(str, nums))
    return Result(
        str(g),
        f"gcd({args}) = {g}",
        ok,
        "Euclid's algorithm agrees" if ok else "Euclid disagrees",
        f"gcd({args})",
    )


def _lcm(p, env: Env) -> Result:
    nums = _ints(p, env)
    m = int(sp.lcm(nums))
    alt = 1
    for n in nums:
        alt = abs(alt * n) // verify.euclid(alt, n) if alt and n else 0
    ok = m == alt
    args = ", ".join(map(str, nums))
    return Result(
        str(m), f"lcm({args}) = {m}", ok, "|a*b|/gcd agrees" if ok else "recheck failed", f"lcm({args})"
    )


def _common_denominator(p, env: Env) -> Result:
    a, b = number(p.args["a"], env), number(p.args["b"], env)
    if not (a.is_Rational and b.is_Rational):
        raise ParseError("common denominator needs fractions")
    qa, qb = int(a.q), int(b.q)
    m = int(sp.lcm(qa, qb))
    ok = m % qa == 0 and m % qb == 0 and m == qa * qb // verify.euclid(qa, qb)
    return Result(
        str(m),
        f"lcm of the denominators {qa} and {qb} is {m}",
        ok,
        "divisible by both denominators and minimal" if ok else "recheck failed",
        f"lcm({qa},{qb})",
    )


def _remainder(p, env: Env) -> Result:
    a, b = integer(p.args["a"], env), integer(p.args["b"], env)
    if b == 0:
        raise ZeroDivisionError("remainder after division by zero")
    r = a % b
    ok = (a - r) % b == 0 and 0 <= abs(r) < abs(b)
    return Result(
        str(r),
        f"{a} = {b}*{(a - r) // b} + {r}",
        ok,
        "a - r is a multiple of b" if ok else "recheck failed",
        f"{a} mod {b}",
    )


def _prime_factors(p, env: Env) -> Result:
    n = abs(integer(p.args["n"], env))
    if n < 2:
        raise ParseError(f"{n} has no prime factors")
    if len(str(n)) > MAX_FACTOR_DIGITS:
        raise SolverError(f"{n} is too large to factor here")
    fac = sp.factorint(n)
    primes = sorted(fac)
    prod = 1
    for q, k in fac.items():
        prod *= q**k
    ok = prod == n and all(verify.is_probable_prime(q) for q in primes)
    value = ", ".join(map(str, primes))
    work = " * ".join(f"{q}^{k}" if k > 1 else str(q) for q, k in sorted(fac.items()))
    return Result(
        value, f"{n} = {work}", ok, "factors multiply back and are prime" if ok else "recheck failed", str(n)
    )


def _divisible_number(p, env: Env) -> int:
    """The number whose divisors are wanted: non-zero and small enough to factor quickly."""
    n = abs(integer(p.args["n"], env))
    if n == 0 or len(str(n)) > MAX_FACTOR_DIGITS // 2:
        raise ParseError(f"{n}: divisors only for non-zero numbers up to {MAX_FACTOR_DIGITS // 2} digits")
    return n


def _divisors(p, env: Env) -> Result:
    n = _divisible_number(p, env)
    divs = [int(d) for d in sp.divisors(n)]
    ok = all(n % d == 0 for d in divs) and len(divs) == _count_divisors(n)
    value = ", ".join(map(str, divs))
    return Result(
        value, f"The divisors of {n}: {value}", ok, "each divides; count matches the exponents", str(n)
    )


def _divisor_count(p, env: Env) -> Result:
    n = _divisible_number(p, env)
    count = int(sp.divisor_count(n))
    ok = count == _count_divisors(n)
    return Result(str(count), f"{n} has {count} divisors.", ok, "product of (exponent + 1) agrees", str(n))


def _count_divisors(n: int) -> int:
    count = 1
    for k in sp.factorint(n).values():
        count *= k + 1
    return count


def _witness(n: int, prime: bool) -> str:
    """ " (it is 7 * 13)" for a composite number small enough to split quickly, else ""."""
    if prime or n < 4 or len(str(n)) > 18:
        return ""
    d = int(min(sp.factorint(n, limit=10**6)))
    return f" ({n} = {d} * {n // d})" if 1 < d < n else ""


def _is_prime(p, env: Env) -> Result:
    n = integer(p.args["n"], env)
    prime = bool(sp.isprime(n))
    ok = prime == verify.is_probable_prime(n)
    if p.args["composite"] is None:  # "Is 91 prime or composite?"
        value = "prime" if prime else "composite" if n > 1 else "neither"
        return Result(
            value,
            f"{n} is {value}{_witness(n, prime)}.",
            ok,
            "Miller-Rabin agrees" if ok else "primality tests disagree",
            str(n),
        )
    answer = (not prime and n > 1) if p.args["composite"] else prime
    word = "composite" if p.args["composite"] else "prime"
    return Result(
        fmt.boolean(answer),
        f"{n} is {'' if answer else 'not '}{word}{_witness(n, prime)}.",
        ok,
        "Miller-Rabin agrees" if ok else "primality tests disagree",
        str(n),
    )


def _is_factor(p, env: Env) -> Result:
    d, n = number(p.args["d"], env), number(p.args["n"], env)
    if not (d.is_Integer and n.is_Integer):
        answer = False
        return Result("False", f"{d} and {n} are not both whole numbers.", None, "not whole numbers", "")
    d, n = int(d), int(n)
    if d == 0:
        raise ZeroDivisionError("is 0 a factor?")
    answer = n % d == 0
    ok = answer == (Fraction(n, d).denominator == 1)
    return Result(
        fmt.boolean(answer), f"{n} / {d} = {Fraction(n, d)}", ok, "fraction recheck", f"{n} mod {d}"
    )


def _parity(p, env: Env) -> Result:
    n = integer(p.args["n"], env)
    even = n % 2 == 0
    answer = even == p.args["even"]
    ok = even == (n & 1 == 0)
    return Result(fmt.boolean(answer), f"{n} is {'even' if even else 'odd'}.", ok, "bit check agrees", str(n))


def _place(p, env: Env) -> Result:
    n = integer(p.args["n"], env)
    k = p.args["place"]
    digit = abs(n) // 10**k % 10
    s = str(abs(n))
    alt = int(s[-k - 1]) if k < len(s) else 0
    ok = digit == alt
    return Result(
        str(digit), f"The digit at 10^{k} in {n} is {digit}.", ok, "read from the decimal string", str(n)
    )


# ---------------------------------------------------------------- comparison

_OPS = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
}


def _compare(p, env: Env) -> Result:
    a, b = number(p.args["a"], env), number(p.args["b"], env)
    op = p.args["op"]
    answer = bool(_OPS[op](sp.simplify(a - b), 0))
    fa, fb = complex(sp.N(a, 30)), complex(sp.N(b, 30))
    ok = (
        None
        if abs(fa - fb) < 1e-12 * max(1, abs(fa)) and a != b
        else answer == bool(_OPS[op](fa.real, fb.real))
    )
    return Result(
        fmt.boolean(answer),
        f"{fmt.number(a, p.decimal)} {op} {fmt.number(b, p.decimal)} is {answer}",
        ok,
        "floating-point recheck" if ok else "not separable in floating point",
        f"{a} {op} {b}",
    )


def _values(p, env: Env) -> list[tuple[str, sp.Expr]]:
    out = []
    for label, node in p.args["items"]:
        x = number(node, env)
        if not x.is_real:
            raise ParseError(f"{label} is not a real number")
        out.append((label, x))
    return out


def _float_order(vals: list[tuple[str, sp.Expr]]) -> list[str]:
    return [lab for lab, _ in sorted(vals, key=lambda t: float(sp.N(t[1], 30)))]


def _kth(p, env: Env) -> Result:
    vals = _values(p, env)
    k = p.args["k"]
    if not 1 <= k <= len(vals):
        raise ParseError(f"there is no {k}th value among {len(vals)}")
    ordered = sorted(vals, key=lambda t: t[1], reverse=p.args["biggest"])
    label = ordered[k - 1][0]
    floats = _float_order(vals)
    if p.args["biggest"]:
        floats.reverse()
    ok = floats[k - 1] == label or ordered[k - 1][1] == dict(vals)[floats[k - 1]]
    word = "biggest" if p.args["biggest"] else "smallest"
    return Result(
        label,
        f"In order: {', '.join(lab for lab, _ in ordered)}; number {k} {word} is {label}.",
        ok,
        "floating-point sort agrees" if ok else "orders disagree",
        "",
    )


def _closest(p, env: Env) -> Result:
    vals = _values(p, env)
    t = number(p.args["target"], env)
    label, _ = min(vals, key=lambda v: abs(v[1] - t))
    alt, _ = min(vals, key=lambda v: abs(float(sp.N(v[1] - t, 30))))
    ok = alt == label
    return Result(
        label,
        f"Distances to {t}: " + ", ".join(f"{lab}: {abs(v - t)}" for lab, v in vals),
        ok,
        "floating-point distances agree" if ok else "distances disagree",
        "",
    )


def _sort(p, env: Env) -> Result:
    vals = _values(p, env)
    ordered = [lab for lab, _ in sorted(vals, key=lambda t: t[1], reverse=p.args["desc"])]
    floats = _float_order(vals)
    if p.args["desc"]:
        floats.reverse()
    lookup = dict(vals)
    ok = [lookup[x] for x in floats] == [lookup[x] for x in ordered]
    value = ", ".join(ordered)
    return Result(
        value,
        f"{'Descending' if p.args['desc'] else 'Ascending'}: {value}",
        ok,
        "floating-point sort agrees" if ok else "orders disagree",
        "",
    )


def _median(p, env: Env) -> Result:
    vals = sorted(x for _, x in _values(p, env))
    n = len(vals)
    med = vals[n // 2] if n % 2 else (vals[n // 2 - 1] + vals[n // 2]) / 2
    below = sum(1 for v in vals if v < med)
    above = sum(1 for v in vals if v > med)
    ok = below <= n // 2 and above <= n // 2
    value = fmt.number(med, p.decimal)
    return Result(
        value,
        f"Sorted: {', '.join(fmt.number(v, p.decimal) for v in vals)}; the median is {value}.",
        ok,
        "as many values on each side" if ok else "median check failed",
        "",
    )


NUMBER_HANDLERS = {
    "round": _round,
    "gcd": _gcd,
    "lcm": _lcm,
    "common_denominator": _common_denominator,
    "remainder": _remainder,
    "prime_factors": _prime_factors,
    "is_prime": _is_prime,
    "is_factor": _is_factor,
    "parity": _parity,
    "place": _place,
    "compare": _compare,
    "kth": _kth,
    "closest": _closest,
    "median": _median,
    "divisors": _divisors,
    "divisor_count": _divisor_count,
    "sort": _sort,
}
