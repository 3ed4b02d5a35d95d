"""What the new kinds of word problem share: their answer, their equations solved together, and their wording.

The kinds themselves (``kinds_more.read_more`` tries them) read the English constructions the holdings reader
does not model. Each answers only when its reading accounts for every number of the text and its question asks
what the kind computes; the answer is the exact solution of its equations, checked by substitution here and by
SymPy in the route.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.fmt import value_text
from reasoner.solvers.math.parser import Relation
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.answer import StoryAnswer, work
from reasoner.solvers.math.story.words import Tok
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


def ratio_of_to(question: list[Tok], ends) -> tuple[list[Tok], list[Tok]] | None:
    """The two sides of "the ratio of A to B" in ``question``: B stops at the first word ``ends`` accepts."""
    low = [t.low for t in question]
    if "ratio" not in low:
        return None
    k = low.index("ratio")
    if low[k + 1:k + 2] != ["of"] or "to" not in low[k + 2:]:
        return None
    to = low.index("to", k + 2)
    end = next((j for j in range(to + 1, len(low)) if ends(low[j])), len(low))
    return question[k + 2:to], question[to + 1:end]


def numbers(toks: list[Tok]) -> list[int]:
    return [k for k, t in enumerate(toks) if t.is_num]


def answer_text(found: StoryAnswer) -> str | None:
    """The answer as text when it is a name or several values ("Sara", "8; 128"); None for one plain value."""
    if not isinstance(found, KindAnswer):
        return None
    if found.name:
        return found.name
    if len(found.asked) > 1:
        return "; ".join(value_text(found.values[a]) for a in found.asked)
    return None
