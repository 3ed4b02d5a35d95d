"""Kinds of word problem the holdings reader does not model, each read from its own English construction.

``read_more`` is tried by the route when the story reader declines (or its question filter does not let a
problem in): shapes measured (``geometry``), two things compared by name (``which``), two parts of a told
whole or consecutive numbers (``parts``), and the mean of listed amounts (``mean``). Each kind answers only
when its reading accounts for every number of the text and its question asks what the kind computes; the
answer is the exact solution of its equations, checked by substitution here and by SymPy in the route.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.parser import Relation
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.answer import StoryAnswer, work
from reasoner.solvers.math.story.words import Tok, tokenize
from reasoner.solvers.math.tree import Name


@dataclass
class KindAnswer(StoryAnswer):
    """A story answer of a new kind: ``name`` for a named answer ("Sara"), ``asked`` for several values asked."""

    name: str = ""
    asked: tuple[str, ...] = field(default_factory=lambda: ("x",))


def solved(equations: list[Relation], kind: str, unit: str = "", asked: tuple[str, ...] = ("x",),
           name: str = "", whole: bool = False) -> KindAnswer:
    """Solve, check by substitution, and wrap; ``whole``: the answer counts things, so it must be a whole number.

    Raises:
        ParseError: the equations do not determine every asked value, or one is negative or zero.
    """
    solution = solve_system(equations)
    if any(a not in solution.values for a in asked) or not linear.holds(equations, solution.values):
        raise ParseError("the asked values are not determined")
    values = [solution.values[a] for a in asked]
    if any(v <= 0 for v in values) and not name:
        raise ParseError("a measure came out zero or negative")
    if whole and any(v.denominator != 1 for v in values):
        raise ParseError("whole things in, a fraction out")
    return KindAnswer(equations, values[0], unit, kind, work(equations, solution), solution.values, name, asked)


def solve_system(equations: list[Relation], known: dict[str, Fraction] | None = None) -> linear.Solution:
    """Solve linear equations together (Gaussian elimination over Fractions); an equation not linear yet
    (a product of two unknowns) waits until the others have made one of its factors known.

    Raises:
        ParseError: the equations contradict each other, or leave an unknown undetermined.
    """
    known = dict(known or {})
    order: list[str] = []
    pending = list(equations)
    while pending:
        forms, rest = [], []
        for e in pending:
            try:
                form = linear._add(linear.linear(e.left, known), linear._scale(linear.linear(e.right, known), Fraction(-1)))
            except linear.NotLinear:
                rest.append(e)
                continue
            forms.append(form)
        found = eliminate(forms)
        if not found and len(rest) == len(pending):
            raise ParseError("the equations do not determine every unknown")
        for v in sorted(found):
            known[v] = found[v]
            order.append(v)
        pending = rest
        if not found:
            break
    from reasoner.solvers.math.tree import names

    if pending or any((names(e.left) | names(e.right)) - set(known) for e in equations):
        raise ParseError("the equations do not determine every unknown")
    return linear.Solution(known, order)


def eliminate(forms: list[dict[str, Fraction]]) -> dict[str, Fraction]:
    """The unknowns that linear forms (each = 0) determine; contradictions raise."""
    rows = [{v: c for v, c in f.items() if c} for f in forms]
    unknowns = sorted({v for r in rows for v in r if v})
    pivots: dict[str, dict[str, Fraction]] = {}
    for r in rows:
        r = dict(r)
        for v, p in pivots.items():
            if r.get(v):
                c = r[v]
                for w, pc in p.items():
                    r[w] = r.get(w, Fraction(0)) - c * pc
                r = {w: c2 for w, c2 in r.items() if c2}
        free = [v for v in unknowns if r.get(v)]
        if not free:
            if r.get(""):
                raise ParseError("the equations contradict each other")
            continue
        v = free[0]
        c = r[v]
        row = {w: c2 / c for w, c2 in r.items()}
        for u, p in pivots.items():
            if p.get(v):
                k = p[v]
                for w, pc in row.items():
                    p[w] = p.get(w, Fraction(0)) - k * pc
                pivots[u] = {w: c2 for w, c2 in p.items() if c2}
        pivots[v] = row
    return {v: -p.get("", Fraction(0)) for v, p in pivots.items() if not set(p) - {v, ""}}


def eq(left: object, right: object) -> Relation:
    return Relation(left, "=", right)


X = Name("x")


def sentences(toks: list[Tok]) -> list[list[Tok]]:
    out: list[list[Tok]] = []
    for t in toks:
        if not out or out[-1] and out[-1][-1].sent != t.sent:
            out.append([])
        out[-1].append(t)
    return out


def numbers(toks: list[Tok]) -> list[int]:
    return [k for k, t in enumerate(toks) if t.is_num]


def read_more(text: str) -> KindAnswer:
    """The one answer of the new kinds that read the text.

    Raises:
        ParseError: no new kind reads it, or two kinds read it with different answers.
    """
    from reasoner.solvers.math.story import (
        clock,
        compare_amounts,
        complement,
        geometry,
        last_part,
        mean,
        parts,
        ratio_asked,
        rest_split,
        which,
    )

    toks = tokenize(text)
    found, why = [], []
    for kind in (geometry.read, which.read, parts.read, mean.read, compare_amounts.read, clock.read,
                 ratio_asked.read, complement.read, rest_split.read, last_part.read):
        try:
            got = kind(toks)
        except (ParseError, ZeroDivisionError) as exc:
            why.append(str(exc))
            continue
        if got is not None:
            found.append(got)
    if not found:
        raise ParseError(why[0] if why else "no kind of word problem reads it")
    if len({(a.value, a.name) for a in found}) > 1:
        raise ParseError("two kinds of reading disagree")
    return found[0]


def answer_text(found: StoryAnswer) -> str | None:
    """The answer as text when it is a name or several values ("Sara", "8; 128"); None for one plain value."""
    from reasoner.solvers.math.story.route import value_text

    if not isinstance(found, KindAnswer):
        return None
    if found.name:
        return found.name
    if len(found.asked) > 1:
        return "; ".join(value_text(found.values[a]) for a in found.asked)
    return None


def fraction_text(v: Fraction) -> str:
    return str(v.numerator) if v.denominator == 1 else f"{float(v):g}"
