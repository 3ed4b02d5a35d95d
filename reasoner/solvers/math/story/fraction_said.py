"""A fraction said as "Half of it" or written "2/3 of them": the part of a told amount, read as ``fraction_of``.

The tokenizer reads "half" as a number only in "a half" or "half as many", and takes "3/8" for a measure like
"0.5 liters"; before "of" both are a fraction of an amount told before ("Half of it was used", "She gave away
2/3 of them"). This kind marks them as fractions said in words and hands the story to ``fraction_of``, which
reads the part, its clause and the question, and accounts for every number.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from reasoner.solvers.math.story import fraction_of
from reasoner.solvers.math.story.more import KindAnswer
from reasoner.solvers.math.story.words import Tok


def _said(toks: list[Tok], k: int) -> Tok | None:
    t, nxt = toks[k], toks[k + 1].low if k + 1 < len(toks) else ""
    if nxt != "of":
        return None
    if not t.is_num and t.low == "half" and (k == 0 or not toks[k - 1].is_num):
        return Tok("half", "half", t.sent, Fraction(1, 2))
    if t.is_num and "/" in t.text and 0 < t.value < 1 and not t.unit:
        return replace(t, text="of " + t.text)  # a fraction said before "of", not a measure
    return None


def read(toks: list[Tok]) -> KindAnswer | None:
    """The part or the rest by a fraction said before "of"; None when there is none.

    Raises:
        ParseError: ``fraction_of`` reads the fraction and the story or the question do not fit one part.
    """
    marked = [(k, m) for k in range(len(toks)) if (m := _said(toks, k)) is not None]
    if len(marked) != 1:
        return None
    k, m = marked[0]
    found = fraction_of.read([*toks[:k], m, *toks[k + 1:]])
    if found is not None:
        found.kind = "fraction said"
    return found
