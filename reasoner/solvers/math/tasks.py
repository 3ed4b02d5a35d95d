"""Carry out a parsed :class:`~.nlu.Problem` with SymPy and check the result.

Runs inside the worker process (see :mod:`.worker`); every handler returns a
:class:`Result` whose verdict comes from an independent check.
"""

from __future__ import annotations

import sympy as sp

from reasoner.errors import ParseError, SolverError
from reasoner.solvers.math import fmt, verify
from reasoner.solvers.math.build import Env, symbol, to_sympy
from reasoner.solvers.math.exact import NotRational
from reasoner.solvers.math.exact import evaluate as exact_evaluate
from reasoner.solvers.math.nlu import Problem, Setup
from reasoner.solvers.math.parser import Relation
from reasoner.solvers.math.result import Result
from reasoner.solvers.math.tree import names as tree_names
from reasoner.solvers.math.tree import show


def run(problem: Problem) -> Result:
    """Apply the setup sentences, then the question's handler.

    Raises:
        ParseError, SolverError, ZeroDivisionError: on problems that cannot be answered.
    """
    env = Env()
    for setup in problem.setup:
        apply_setup(setup, env)
    handler = HANDLERS.get(problem.kind)
    if handler is None:
        raise SolverError(f"no handler for {problem.kind!r}")
    result = handler(problem, env)
    if problem.setup and result.text:
        result.text = _setup_text(env) + result.text
    return result


def _setup_text(env: Env) -> str:
    parts = [
        f"{k} = {fmt.number(v) if not isinstance(v, tuple) else fmt.roots(list(v))}"
        for k, v in env.values.items()
    ]
    return ("With " + ", ".join(parts) + ": ") if parts else ""


# ---------------------------------------------------------------- setup


def _scoped(env: Env, param: str) -> Env:
    values = {k: v for k, v in env.values.items() if k != param}
    return Env(values, env.funcs)


def apply_setup(setup: Setup, env: Env) -> None:
    """Add the bindings of one setup sentence to ``env``."""
    if setup.kind == "func":
        env.funcs[setup.name] = (symbol(setup.param), to_sympy(setup.body, _scoped(env, setup.param)))
    elif setup.kind == "deriv":
        env.funcs[setup.name] = (symbol(setup.param), _derivative_body(setup, env))
    elif setup.kind == "bind":
        env.values[setup.name] = _tidy(to_sympy(setup.body, env))
    elif setup.kind == "suppose":
        _suppose(setup.equations, env)
    else:
        raise SolverError(f"unknown setup {setup.kind!r}")


def _derivative_body(setup: Setup, env: Env) -> sp.Expr:
    body = to_sympy(setup.body, _scoped(env, setup.param))
    param = symbol(setup.param)
    var = symbol(setup.wrt) if setup.wrt else param
    if var not in body.free_symbols and len(body.free_symbols) == 1:
        var = next(iter(body.free_symbols))
    out = sp.diff(body, var, setup.order)
    return out.xreplace({var: param}) if var != param else out


def _tidy(x: sp.Expr) -> sp.Expr:
    if x.free_symbols and x.is_polynomial():
        return sp.expand(x)
    return x


def _suppose(relations: tuple[Relation, ...], env: Env) -> None:
    eqs = [to_sympy(r.left, env) - to_sympy(r.right, env) for r in relations]
    unknowns = sorted(set().union(*(e.free_symbols for e in eqs)), key=str)
    if not unknowns:
        return
    sols = sp.solve(eqs, unknowns, dict=True)
    if not sols:
        raise SolverError("the supposed equations have no solution")
    if len(sols) == 1:
        for s, v in sols[0].items():
            env.values[str(s)] = v
        _resubstitute(env, sols[0])
        return
    for s in unknowns:
        values = [sol[s] for sol in sols if s in sol]
        real = [v for v in values if v.is_real]
        values = real or values
        env.values[str(s)] = (
            values[0] if len(set(values)) == 1 else tuple(sorted(set(values), key=sp.default_sort_key))
        )


def _resubstitute(env: Env, solution: dict) -> None:
    """Values found earlier in terms of a name now solved take that name's value
    ("Suppose x = 3*y. Suppose y = 2." leaves x = 6, not 3*y)."""
    for name, value in list(env.values.items()):
        if isinstance(value, sp.Expr) and value.free_symbols & set(solution):
            env.values[name] = _tidy(value.xreplace(solution))


# ---------------------------------------------------------------- handlers: algebra, calculus


def _value(p: Problem, env: Env) -> Result:
    node = p.args["expr"]
    from reasoner.solvers.math.tree import Name

    if isinstance(node, Name) and isinstance(env.values.get(node.id), tuple):
        vals = list(env.values[node.id])
        text = fmt.roots(vals, p.decimal)
        return Result(text, f"{node.id} = {text}", True, "roots checked when the equation was solved", text)
    raw = to_sympy(node, env)
    x = _simplify(raw, p.args.get("simplify", False))
    if p.base != 10:
        return _in_base(x, p.base)
    if p.args.get("as_decimal") and x.is_number:
        return _as_decimal(node, x)
    if p.args.get("as_percent") and x.is_number:
        r = _as_decimal(node, x * 100)
        return Result(r.value + "%", f"{show(node)} = {r.value}%", r.verified, r.verdict, r.expr)
    if p.args.get("whole") and not x.is_Integer:
        raise ParseError(f"{fmt.number(x)} is not a whole number of times")
    check = _recheck_value(node, env, raw, x)
    if x.is_number and not x.free_symbols:
        value = fmt.number(x, p.decimal) if x.is_Rational else fmt.expression(x)
    else:
        value = fmt.expression(x)
    return Result(value, f"{show(node)} = {value}", *check, expr=str(raw))


def _as_decimal(node: object, x: sp.Expr) -> Result:
    if x.is_Rational and fmt.terminating(fmt.fraction(x)):
        value = fmt.decimal_text(fmt.fraction(x))
    else:
        value = str(sp.N(x, 12)).rstrip("0").rstrip(".")
    ok = verify.close(x, sp.Float(value, 30)) if not x.is_Rational or "." in value else True
    return Result(value, f"{show(node)} = {value}", ok, "agrees with the exact value to 12 digits", str(x))


def _simplify(x: sp.Expr, simplify: bool) -> sp.Expr:
    if x.is_Rational:
        return x
    if x.free_symbols and x.is_polynomial():
        return sp.expand(x)
    if x.is_number:
        y = sp.radsimp(sp.expand(x))
        return sp.nsimplify(y) if y.is_Float else y
    return sp.simplify(x) if simplify else sp.cancel(sp.together(x)) if x.is_rational_function() else x


def _recheck_value(node: object, env: Env, raw: sp.Expr, x: sp.Expr) -> tuple[bool | None, str]:
    fvals = {k: fmt.fraction(v) for k, v in env.values.items() if isinstance(v, sp.Rational)}
    if not env.funcs:
        try:
            q = exact_evaluate(node, fvals)
        except (NotRational, ZeroDivisionError, ParseError):
            q = None
        if q is not None:
            ok = x.is_Rational and fmt.fraction(x) == q
            return ok, "rechecked with exact fraction arithmetic" if ok else f"fraction recheck gave {q}"
    ok = verify.same_function(raw, x)
    if ok is None:
        return None, "could not be checked numerically"
    return ok, "agrees with the unsimplified form at random points" if ok else "simplified form differs"


def _in_base(x: sp.Expr, base: int) -> Result:
    if not x.is_Integer:
        raise SolverError(f"result {x} is not an integer, cannot write it in base {base}")
    text = fmt.to_base(int(x), base)
    ok = int(text, base) == int(x)
    return Result(text, f"= {x} (base 10) = {text} (base {base})", ok, "converted back to base 10", str(x))


def _solve(p: Problem, env: Env) -> Result:
    eqs = [to_sympy(r.left, env) - to_sympy(r.right, env) for r in p.args["eqs"]]
    unknowns = sorted(set().union(*(e.free_symbols for e in eqs)), key=str)
    var = p.args.get("var")
    mentioned = set().union(*(tree_names(r.left) | tree_names(r.right) for r in p.args["eqs"]))
    if var and symbol(var) not in unknowns:
        if var not in mentioned:
            raise ParseError(f"{var} does not occur in the equation")
        return _degenerate(eqs, var)
    if not unknowns:
        if not mentioned - set(env.values):
            raise ParseError("the equation has no unknown")
        return _degenerate(eqs, sorted(mentioned - set(env.values))[0])
    if len(eqs) == 1 and (var or len(unknowns) == 1):
        return _solve_one(eqs[0], symbol(var) if var else unknowns[0], p.decimal)
    for e in eqs:
        _check_degree(e, MAX_SOLVE_DEGREE)
    sols = sp.solve(eqs, unknowns, dict=True)
    if not sols:
        return Result("no solution", "The equations have no solution.", None, "no solution found")
    ok = all(sp.simplify(e.xreplace(s)) == 0 for s in sols for e in eqs)
    target = [symbol(var)] if var else unknowns
    if var:
        values = sorted({s[target[0]] for s in sols if target[0] in s}, key=sp.default_sort_key)
        value = fmt.roots(values, p.decimal)
    else:
        value = "; ".join(
            ", ".join(f"{k} = {fmt.number(s[k], p.decimal)}" for k in target if k in s) for s in sols
        )
    return Result(
        value,
        f"Solving {', '.join(f'{e} = 0' for e in eqs)} gives {value}.",
        ok,
        "substituted the solution back" if ok else "substitution check failed",
        str(eqs),
    )


MAX_SOLVE_DEGREE = 60
MAX_FACTOR_DEGREE = 200


def _check_degree(x: sp.Expr, bound: int) -> None:
    """Refuse polynomials of too high a degree before SymPy spends the whole time limit on them."""
    x = sp.together(x)
    num = sp.numer(x)
    for s in num.free_symbols:
        if num.is_polynomial(s) and sp.degree(num, s) > bound:
            raise ParseError(f"degree {sp.degree(num, s)} in {s} is past the bound {bound}")


def _degenerate(eqs: list[sp.Expr], var: str) -> Result:
    """The unknown cancelled out: every value solves the equations, or none does."""
    holds = all(sp.simplify(e) == 0 for e in eqs)
    value = "every value" if holds else "no solution"
    return Result(
        value,
        f"{var} cancels out and the equations reduce to {', '.join(f'{e} = 0' for e in eqs)}: {value}.",
        True,
        "the reduced equations were evaluated",
        str(eqs),
    )


def _solve_one(eq: sp.Expr, var: sp.Symbol, decimal: bool) -> Result:
    _check_degree(eq, MAX_SOLVE_DEGREE)
    roots = sp.solve(eq, var)
    if not roots:
        return Result("no solution", f"{eq} = 0 has no solution.", None, "no solution found", str(eq))
    real = [r for r in roots if r.is_real]
    roots = real or roots
    checks = [
        sp.simplify(eq.xreplace({var: r})) == 0 or verify.close(eq.xreplace({var: r}), 0) for r in roots
    ]
    ok = all(checks)
    value = fmt.roots(roots, decimal)
    return Result(
        value,
        f"{eq} = 0 gives {var} = {value}.",
        ok,
        "substituted every root back" if ok else "a root failed substitution",
        str(eq),
    )


def _factor(p: Problem, env: Env) -> Result:
    x = to_sympy(p.args["expr"], env)
    _check_degree(x, MAX_FACTOR_DEGREE)
    f = sp.factor(x)
    ok = sp.expand(f - x) == 0
    return Result(
        str(f), f"{x} = {f}", ok, "expanded the factors back" if ok else "factors do not expand back", str(x)
    )


def _expand(p: Problem, env: Env) -> Result:
    x = to_sympy(p.args["expr"], env)
    e = sp.expand(x)
    ok = verify.same_function(x, e)
    return Result(fmt.expression(e), f"{x} = {e}", ok, "agrees at random points", str(x))


def _simplify_pos(p: Problem, env: Env) -> Result:
    name = p.args["var"]
    var, pos = symbol(name), sp.Symbol(name, positive=True)
    # Built with the positive symbol from the start: nested fractional powers collapse as they
    # are built (without the assumption SymPy can spend minutes on them).
    y = to_sympy(p.args["expr"], Env({**env.values, name: pos}, env.funcs))
    y = sp.powsimp(sp.powdenest(y, force=True), force=True).xreplace({pos: var})
    point = verify.positive_point(sorted(y.free_symbols | {var}, key=str))
    numeric = to_sympy(
        p.args["expr"], Env({**env.values, **{str(k): v for k, v in point.items()}}, env.funcs)
    )
    ok = verify.close(numeric, y.xreplace(point))
    work = show(p.args["expr"])
    return Result(
        str(y),
        f"{work} = {y} for positive {name}",
        ok,
        "the original evaluated at a random positive point agrees",
        work,
    )


def _coeff_named(p: Problem, env: Env) -> Result:
    x = sp.expand(to_sympy(p.args["expr"], env))
    form = to_sympy(p.args["form"], Env())
    name = symbol(p.args["name"])
    term = next((t for t in sp.Add.make_args(form) if name in t.free_symbols), None)
    if term is None:
        raise ParseError(f"{name} is not in the form {form}")
    monomial = sp.simplify(term / name)
    variables = sorted(x.free_symbols | (monomial.free_symbols - {name}), key=str)
    if not variables:
        variables = sorted(form.free_symbols - {name}, key=str)[:1]
    poly = sp.Poly(x, *variables) if variables else None
    c = poly.coeff_monomial(monomial) if poly is not None else x
    rebuilt = (
        sum(
            poly.coeff_monomial(sp.Mul(*[v**e for v, e in zip(variables, m, strict=True)]))
            * sp.Mul(*[v**e for v, e in zip(variables, m, strict=True)])
            for m in poly.monoms()
        )
        if poly
        else x
    )
    ok = sp.expand(rebuilt - x) == 0
    return Result(
        fmt.number(c),
        f"{x}: the coefficient {name} of {monomial} is {c}",
        ok,
        "rebuilt the polynomial from its coefficients",
        str(x),
    )


def _coeff(p: Problem, env: Env) -> Result:
    x = sp.expand(to_sympy(p.args["expr"], env))
    term = to_sympy(p.args["term"], env)
    c = x.coeff(term) if term.free_symbols else None
    if c is None:
        raise ParseError("the coefficient of a number is not defined")
    ok = verify.same_function(sp.expand(x - c * term).coeff(term), sp.Integer(0)) if c != 0 else None
    return Result(
        fmt.number(c) if c.is_number else str(c),
        f"In {x}, the coefficient of {term} is {c}.",
        ok,
        "removing the term leaves no such term" if ok else "not checked",
        str(x),
    )


def _pick_var(x: sp.Expr, var: str | None) -> sp.Symbol:
    if var:
        return symbol(var)
    syms = sorted(x.free_symbols, key=str)
    if len(syms) == 1:
        return syms[0]
    if symbol("x") in syms:
        return symbol("x")
    raise ParseError("say which variable: the expression has " + (", ".join(map(str, syms)) or "none"))


def _diff(p: Problem, env: Env) -> Result:
    x = to_sympy(p.args["expr"], env)
    var = _pick_var(x, p.args.get("var"))
    n = p.args.get("order", 1)
    if not 1 <= n <= 20:
        raise ParseError(f"derivative order {n} out of range")
    d = sp.diff(x, var, n)
    d = sp.expand(d) if d.is_polynomial() else sp.simplify(d)
    ok = _check_derivative(x, d, var, n)
    return Result(
        fmt.expression(d),
        f"d^{n}/d{var}^{n} [{x}] = {d}" if n > 1 else f"d/d{var} [{x}] = {d}",
        ok,
        "numeric differentiation at a random point" if ok else "numeric check failed",
        str(x),
    )


def _check_derivative(x: sp.Expr, d: sp.Expr, var: sp.Symbol, n: int) -> bool | None:
    """Central finite differences at 100 digits, apart from SymPy's symbolic rules."""
    point = {
        s: sp.Float(sp.Rational(3, 7) + i, 120) for i, s in enumerate(sorted(x.free_symbols - {var}, key=str))
    }
    f = x.xreplace(point)
    x0, h = sp.Rational(5, 7), sp.Rational(1, 10**10)
    try:
        total = sum(
            (-1) ** k
            * sp.binomial(n, k)
            * sp.N(f.xreplace({var: sp.Float(x0 + (sp.Rational(n, 2) - k) * h, 120)}), 100)
            for k in range(n + 1)
        )
        num = float(total / h**n)
        exact = float(sp.N(d.xreplace(point).xreplace({var: sp.Float(x0, 120)}), 30))
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return abs(num - exact) <= 1e-6 * max(1.0, abs(exact))


def _integrate(p: Problem, env: Env) -> Result:
    x = to_sympy(p.args["expr"], env)
    var = _pick_var(x, p.args.get("var"))
    if p.args.get("lo") is not None:
        lo, hi = to_sympy(p.args["lo"], env), to_sympy(p.args["hi"], env)
        r = sp.integrate(x, (var, lo, hi))
        ok = _check_definite(x, var, lo, hi, r)
        verdict = "numeric quadrature agrees" if ok else "numeric quadrature not checked/failed"
        return _exact(r, p, f"integral of {x} d{var} from {lo} to {hi}", ok, verdict, x)
    anti = sp.integrate(x, var)
    if anti.has(sp.Integral):
        raise SolverError(f"no closed form for the integral of {x}")
    ok = verify.same_function(sp.diff(anti, var), x)
    return Result(
        fmt.expression(anti) + " + C",
        f"integral of {x} d{var} = {anti} + C",
        ok,
        "differentiated the antiderivative back" if ok else "derivative check failed",
        str(x),
    )


def _check_definite(x: sp.Expr, var: sp.Symbol, lo: sp.Expr, hi: sp.Expr, r: sp.Expr) -> bool | None:
    import mpmath

    if x.free_symbols - {var} or not (lo.is_number and hi.is_number):
        return None
    try:
        num = mpmath.quad(
            lambda t: mpmath.mpf(sp.N(x.xreplace({var: sp.Float(t, 30)}), 30)),
            [mpmath.mpf(sp.N(lo, 30)), mpmath.mpf(sp.N(hi, 30))],
        )
        return abs(float(num) - float(sp.N(r))) <= 1e-6 * max(1.0, abs(float(sp.N(r))))
    except (TypeError, ValueError, ZeroDivisionError):
        return None


def _limit(p: Problem, env: Env) -> Result:
    x = to_sympy(p.args["expr"], env)
    var = symbol(p.args["var"])
    point = to_sympy(p.args["point"], env)
    r = sp.limit(x, var, point)
    ok = None
    if r.is_finite and point.is_finite and not (x.free_symbols - {var}):
        near = [
            x.xreplace({var: sp.Float(point + h, 50)})
            for h in (sp.Rational(1, 10**8), -sp.Rational(1, 10**8))
        ]
        ok = all(verify.close(v, r, 30) or abs(complex(sp.N(v - r))) < 1e-5 for v in near)
    verdict = "evaluated close to the point" if ok else "not checked numerically"
    return _exact(r, p, f"lim {var}->{point} {x}", ok, verdict, x)


def _exact(r: sp.Expr, p: Problem, work: str, ok: bool | None, verdict: str, x: sp.Expr) -> Result:
    """A number or expression result: fractions (or decimals) for rationals, SymPy text otherwise."""
    value = fmt.number(r, p.decimal) if r.is_Rational else fmt.expression(r)
    return Result(value, f"{work} = {value}", ok, verdict, str(x))


from reasoner.solvers.math.tasks_more import MORE_HANDLERS  # noqa: E402

HANDLERS = {
    "value": _value,
    "solve": _solve,
    "factor": _factor,
    "expand": _expand,
    "collect": _expand,
    "simplify_pos": _simplify_pos,
    "coeff_named": _coeff_named,
    "coeff": _coeff,
    "diff": _diff,
    "integrate": _integrate,
    "limit": _limit,
    **MORE_HANDLERS,
}
