"""A ratio told, one side's amount known: "The ratio of red cars to blue cars was 5:3. If there were 40 red cars,
how many blue cars were there?"

"The ratio of A to B is p:q" (or "p to q") says A / B = p / q. The story must tell exactly one other amount, and it and the
question are each matched to a side of the ratio: first by their noun ("glue sticks" is the side "glue sticks",
not "glue bottles"), and where the noun is on both sides by the other words around them ("Kate has 21
stickers" is the side "Kate's stickers"). The question asks the other side (x = N * q / p) or the whole
("how many ... in total", "originally", "combined": x = N * (p + q) / p). Anything that does not match one
side cleanly is declined.
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.parser import Relation
from reasoner.solvers.math.story.linear import num
from reasoner.solvers.math.story.model import Reading
from reasoner.solvers.math.story.words import word_forms
from reasoner.solvers.math.tree import Bin, Name
from reasoner.text.stopwords import FUNCTION_WORDS

_BE = frozenset("is was are were be".split())
_FILLER = frozenset("number amount ratio".split())


def _words(toks) -> set[str]:
    return word_forms(toks, FUNCTION_WORDS | _FILLER)


def _told_ratio(story):
    """(clause, A words, B words, p mention, q mention) of "the ratio of A to B is p:q", or None."""
    for c in story.clauses:
        low = [t.low for t in c.toks]
        for k in range(len(low) - 1):
            if low[k] == "ratio" and low[k + 1] == "of" and "to" in low[k + 2:]:
                to = low.index("to", k + 2)
                # "is 5:3", or in words "is 2 to 3" (the first "to" after the sides joins the two numbers)
                colon = next((j for j in range(to + 1, len(low) - 1) if low[j] in (":", "to") and c.toks[j - 1].is_num
                              and c.toks[j + 1].is_num), -1)
                if colon < 0:
                    return None
                end = colon - 1
                while end > to and (low[end - 1] in _BE or c.toks[end - 1].text in (",",)):
                    end -= 1
                p = next((m for m in c.mentions if m.index == colon - 1), None)
                q = next((m for m in c.mentions if m.index == colon + 1), None)
                if p is None or q is None or p.value is None or q.value is None or not p.value or not q.value:
                    return None
                return c, c.toks[k + 2:to], c.toks[to + 1:end], p, q
    return None


def _side(noun: set[str], words: set[str], a_toks, b_toks) -> int:
    """0 for side A, 1 for side B, -1 when neither is clearly named (by the noun first, then the other words)."""
    for probe in (noun, words - noun):
        sa, sb = len(probe & _words(a_toks)), len(probe & _words(b_toks))
        if sa != sb:
            return 0 if sa > sb else 1
    return -1


def _noun(unit: str, attrs) -> set[str]:
    return {unit, *attrs} - {""}


def ratio_reading(story) -> Reading | None:
    """The other side or the whole of a told ratio, or None when the story tells no "ratio of A to B is p:q".

    Raises:
        ParseError: a ratio is told but the known amount or the asked side is not clearly one of its sides.
    """
    told = _told_ratio(story)
    if told is None:
        return None
    clause, a_toks, b_toks, p, q = told
    known = [(c, m) for c in story.clauses for m in c.mentions if m.value is not None and c is not clause]
    if len(known) != 1:
        raise ParseError("a ratio is told, and not exactly one amount beside it")
    c, n = known[0]
    side = _side(_noun(n.unit, n.attrs), _words(c.toks), a_toks, b_toks)
    if side < 0:
        raise ParseError("which side of the ratio the known amount is, is unclear")
    known_part, other_part = (p, q) if side == 0 else (q, p)
    qs = story.question
    whole = qs.total or qs.start or bool(qs.words & {"altogether", "together", "originally", "combined"})
    if whole:
        expr = Bin("/", Bin("*", num(n.value), Bin("+", num(known_part.value), num(other_part.value))),
                   num(known_part.value))
    else:
        asked = _side(_noun(qs.unit, qs.attrs), _words(qs.toks), a_toks, b_toks)
        if asked != 1 - side:
            raise ParseError("the question does not ask the other side of the ratio")
        expr = Bin("/", Bin("*", num(n.value), num(other_part.value)), num(known_part.value))
    return Reading([Relation(Name("x"), "=", expr)], {id(n), id(p), id(q)}, "ratio", n.unit)
