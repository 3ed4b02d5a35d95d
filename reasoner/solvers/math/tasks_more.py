"""Handlers for sequences, measurement, bases and probability (numbers are in :mod:`.tasks_numbers`)."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from reasoner.errors import ParseError
from reasoner.solvers.math import fmt, probability, units
from reasoner.solvers.math.build import Env
from reasoner.solvers.math.result import Result
from reasoner.solvers.math.tasks_numbers import NUMBER_HANDLERS
from reasoner.solvers.math.tasks_numbers import integer as _int
from reasoner.solvers.math.tasks_numbers import number as _num

# ---------------------------------------------------------------- sequences


def _fit(p, env: Env) -> tuple[list[sp.Expr], sp.Expr, sp.Symbol]:
    """The lowest-degree polynomial through the terms, or a geometric formula when that
    fits and the polynomial would need as many coefficients as there are terms."""
    terms = [_num(t, env) for t in p.args["terms"]]
    if len(terms) < 3:
        raise ParseError("give at least three terms")
    n = sp.Symbol(p.args.get("var") or "n")
    degree = _degree(terms)
    if degree >= len(terms) - 1:
        ratio = _ratio(terms)
        if ratio is not None:
            return terms, terms[0] * ratio ** (n - 1), n
    pts = list(zip(range(1, degree + 2), terms, strict=False))
    return terms, sp.expand(sp.interpolate(pts, n)), n


def _ratio(terms: list[sp.Expr]) -> sp.Expr | None:
    if any(t == 0 for t in terms):
        return None
    ratios = {b / a for a, b in zip(terms, terms[1:], strict=False)}
    return ratios.pop() if len(ratios) == 1 and 1 not in ratios else None


def _degree(terms: list[sp.Expr]) -> int:
    diffs = list(terms)
    for d in range(len(terms)):
        if all(x == diffs[0] for x in diffs):
            return d
        diffs = [b - a for a, b in zip(diffs, diffs[1:], strict=False)]
    return len(terms) - 1


def _check_fit(terms: list[sp.Expr], formula: sp.Expr, n: sp.Symbol) -> tuple[bool | None, str]:
    gaps = [formula.xreplace({n: i + 1}) - t for i, t in enumerate(terms)]
    fits = all(g == 0 or sp.simplify(g) == 0 for g in gaps)
    if not fits:
        return False, "the formula does not reproduce the terms"
    if formula.is_polynomial(n):
        deg = sp.degree(formula, n) if formula.free_symbols else 0
        if deg >= len(terms) - 1:
            return None, "as many unknowns as terms: any sequence fits, so this is not a check"
        return True, f"a degree-{deg} formula reproduces all {len(terms)} terms"
    return True, f"a geometric formula (2 unknowns) reproduces all {len(terms)} terms"


def _next_term(p, env: Env) -> Result:
    terms, formula, n = _fit(p, env)
    nxt = sp.simplify(formula.xreplace({n: len(terms) + 1}))
    ok, verdict = _check_fit(terms, formula, n)
    return Result(
        fmt.number(nxt, p.decimal),
        f"The terms follow {formula}; term {len(terms) + 1} is {nxt}.",
        ok,
        verdict,
        str(formula),
    )


def _nth_term(p, env: Env) -> Result:
    terms, formula, n = _fit(p, env)
    ok, verdict = _check_fit(terms, formula, n)
    return Result(fmt.expression(formula), f"Term {n} = {formula}", ok, verdict, str(formula))


# ---------------------------------------------------------------- measurement


def _factor_text(f: Fraction) -> str:
    r = sp.Rational(f.numerator, f.denominator)
    return fmt.number(r, True) if fmt.terminating(f) else fmt.float_text(r, 10)


def _convert(p, env: Env) -> Result:
    x = _num(p.args["amount"], env)
    src, dst = p.args["src"], p.args["dst"]
    if src in units.TEMPERATURES.values() or dst in units.TEMPERATURES.values():
        return _temperature(x, src, dst)
    try:
        f = units.factor(src, dst)
    except ValueError as exc:
        raise ParseError(str(exc)) from exc
    r = x * sp.Rational(f.numerator, f.denominator)
    alt, source = units.sympy_factor(src, dst), "sympy.physics.units agrees"
    if alt is None:
        alt, source = units.chain_factor(src, dst), "the chain of unit definitions agrees"
    ok = None if alt is None else alt == f
    q = fmt.fraction(r)
    value = fmt.number(r, True) if fmt.terminating(q) else fmt.float_text(r, 10)
    return Result(
        value,
        f"{fmt.number(x, True)} {src}s = {value} {dst}s (1 {src} = {_factor_text(f)} {dst})",
        ok,
        source if ok else "no second source for this unit" if ok is None else "unit tables disagree",
        f"{x}*{f}",
    )


def _temperature(x: sp.Expr, src: str, dst: str) -> Result:
    if src not in units.TEMPERATURES.values() or dst not in units.TEMPERATURES.values():
        raise ParseError(f"cannot convert {src} to {dst}")
    if not x.is_Rational:
        raise ParseError(f"{x} is not a number")
    q = fmt.fraction(x)
    r = units.from_kelvin(units.to_kelvin(q, src), dst)
    back = units.from_kelvin(units.to_kelvin(r, dst), src)
    value = (
        fmt.decimal_text(r)
        if fmt.terminating(r)
        else fmt.float_text(sp.Rational(r.numerator, r.denominator), 10)
    )
    return Result(
        value,
        f"{fmt.decimal_text(q) if fmt.terminating(q) else q} degrees {src} = {value} degrees {dst}",
        back == q,
        "converted back",
        "",
    )


def _time_between(p, _env: Env) -> Result:
    t1, t2 = p.args["t1"], p.args["t2"]
    d = (t2 - t1) % 1440
    ok = (t1 + d) % 1440 == t2
    if p.args.get("hours"):
        value = fmt.number(sp.Rational(d, 60), True)
        return Result(
            value,
            f"From {fmt.clock(t1)} to {fmt.clock(t2)} is {d} minutes = {value} hours.",
            ok,
            "added back",
            "",
        )
    return Result(str(d), f"From {fmt.clock(t1)} to {fmt.clock(t2)} is {d} minutes.", ok, "added back", "")


def _time_shift(p, env: Env) -> Result:
    m = _int(p.args["minutes"], env)
    t = (p.args["t"] + p.args["sign"] * m) % 1440
    ok = (t - p.args["sign"] * m - p.args["t"]) % 1440 == 0
    value = fmt.clock(t, p.args.get("ampm", True))
    return Result(
        value,
        f"{fmt.clock(p.args['t'])} {'+' if p.args['sign'] > 0 else '-'} {m} minutes = {value}",
        ok,
        "shifted back",
        "",
    )


def _base_convert(p, env: Env) -> Result:
    src, dst = p.args["src"], p.args["dst"]
    if not (2 <= src <= 36 and 2 <= dst <= 36):
        raise ParseError("bases must be between 2 and 36")
    if p.args.get("digits") is not None:
        try:
            n = int(p.args["digits"], src)
        except ValueError as exc:
            raise ParseError(f"{p.args['digits']} is not a base-{src} number") from exc
    else:
        n = _int(p.args["expr"], env)
    text = fmt.to_base(n, dst)
    ok = int(text, dst) == n
    return Result(text, f"= {n} in base 10 = {text} in base {dst}", ok, "converted back", str(n))


# ---------------------------------------------------------------- probability


def _prob_result(pr: Fraction, alt: Fraction, what: str) -> Result:
    ok = pr == alt
    value = str(pr.numerator) if pr.denominator == 1 else f"{pr.numerator}/{pr.denominator}"
    return Result(
        value, f"P({what}) = {value}", ok, "an independent count agrees" if ok else "counts disagree", ""
    )


def _prob_level_set(p, _env: Env) -> Result:
    bag, target = p.args["bag"], p.args["target"]
    return _prob_result(
        probability.level_set(bag, target),
        probability.level_set_by_sequences(bag, target),
        "picking " + ", ".join(f"{n} {c}" for c, n in target.items()),
    )


def _prob_sequence(p, _env: Env) -> Result:
    bag, seq = p.args["bag"], p.args["sequence"]
    return _prob_result(
        probability.sequence(bag, seq), probability.sequence_by_counting(bag, seq), f"sequence {seq}"
    )


def _dice(p, _env: Env) -> Result:
    t, n = p.args["total"], p.args["dice"]
    return _prob_result(
        probability.dice_sum(t, n), probability.dice_sum_by_formula(t, n), f"sum {t} with {n} dice"
    )


def _coins(p, _env: Env) -> Result:
    h, n = p.args["heads"], p.args["flips"]
    pr = probability.coin_heads(h, n)
    alt = Fraction(int(sp.binomial(n, h)), 2**n) if 0 <= h <= n else Fraction(0)
    return _prob_result(pr, alt, f"{h} heads in {n} flips")


MORE_HANDLERS = {
    "next_term": _next_term,
    "nth_term": _nth_term,
    "convert": _convert,
    "time_between": _time_between,
    "time_shift": _time_shift,
    "base_convert": _base_convert,
    "prob_level_set": _prob_level_set,
    "prob_sequence": _prob_sequence,
    "dice_sum": _dice,
    "coin_heads": _coins,
    **NUMBER_HANDLERS,
}
