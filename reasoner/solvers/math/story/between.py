"""The difference between two amounts: "What's the difference between Billy's points and his friend's points?"

The question names two amounts of the story, one on each side of its "and". Each side is matched to the
one amount whose describing words (those around it in its clause) share the most words with it; the
reading is given only when both sides find a different amount, of the same thing, with no tie (or, when
the story tells only two amounts, each side shares a word with the story: "the chairs before selling and
the left"). The answer
is the larger less the smaller (a difference between two amounts does not depend on their order).
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.parser import Relation
from reasoner.solvers.math.story.linear import num
from reasoner.solvers.math.story.model import Reading
from reasoner.solvers.math.story.words import noun_lemma, word_forms
from reasoner.solvers.math.tree import Bin, Name
from reasoner.text.stopwords import FUNCTION_WORDS

_FILLER = frozenset("number amount difference between".split())
_GONE = frozenset("lose give depart".split())  # verb classes of amounts that leave their holder
_PLAIN = FUNCTION_WORDS - {"before", "after"}  # "the apples before the chef made pies" names a time


def _content(toks) -> set[str]:
    return word_forms(toks, _PLAIN | _FILLER)


def _sides(q) -> tuple[set[str], set[str]]:
    rest = q.toks[q.between:]
    cut = next((k for k, t in enumerate(rest) if t.low == "and"), -1)
    if cut <= 0 or cut == len(rest) - 1:
        raise ParseError("the two sides of the difference are not told")
    return _content(rest[:cut]), _content(rest[cut + 1:])


def _contexts(story) -> list[tuple[object, set[str]]]:
    """Each amount told, with the words that describe it: those after it up to the next amount of its clause, and
    the words of its clause before the first amount, which describe every amount of the clause (with those of
    the number-less clauses of its sentence just before it: "When Maria got to the fair | she had $87")."""
    out, lead = [], []
    for c in story.clauses:
        nums = sorted((m for m in c.mentions if m.value is not None), key=lambda m: m.index)
        if not nums:
            lead = lead + list(c.toks) if lead and lead[-1].sent == (c.toks[0].sent if c.toks else -1) else list(c.toks)
            continue
        same = [t for t in lead if c.toks and t.sent == c.toks[0].sent]
        shared = _content(same + list(c.toks[:nums[0].index]))  # "Paige had | 2 in her desk, 2 in her backpack"
        for k, m in enumerate(nums):
            hi = nums[k + 1].index if k + 1 < len(nums) else len(c.toks)
            out.append((m, _content(c.toks[m.index:hi]) | shared))
        lead = []
    return out


def _named(side: set[str], told: list) -> object | None:
    """The one amount whose words share the most with a side of the question (None on a tie or no overlap)."""
    scores = sorted(((len(side & words), k) for k, (_, words) in enumerate(told)), reverse=True)
    if not scores or not scores[0][0] or len(scores) > 1 and scores[1][0] == scores[0][0]:
        return None
    return told[scores[0][1]][0]


def difference_between(story) -> Reading | None:
    """x = the larger less the smaller of the two amounts the question names, or None when none is asked.

    Raises:
        ParseError: a difference between is asked but its two amounts are not found in the story.
    """
    q = story.question
    if not q.between:
        return None
    told = _contexts(story)
    counted = {m.unit for m, _ in told}  # the thing counted is on both sides: it tells them apart from nothing
    told = [(m, {w for w in words if w not in counted and noun_lemma(w) not in counted}) for m, words in told]
    left, right = (side - counted - {w for w in side if noun_lemma(w) in counted} for side in _sides(q))
    a, b = _named(left, told), _named(right, told)
    every = set().union(*(w for _, w in told)) if told else set()
    if (a is None or b is None or a is b) and len(told) == 2 and left & every and right & every:
        a, b = told[0][0], told[1][0]  # "the chairs before selling and the left": the story's only two amounts
    if a is None or b is None or a is b:
        raise ParseError("the sides of the difference do not name two of the story's amounts")
    gone = [(m, side, c) for m, side in ((a, left), (b, right))
            for c in story.clauses if any(x is m for x in c.mentions) and (m.vclass or c.vclass) in _GONE]
    if len(gone) == 1 and not ({gone[0][2].verb, gone[0][0].verb} - {""}) & gone[0][1]:
        # "had 20 ... ate 5 ... the difference between what he had and what he has now": 5 is no side
        raise ParseError("an amount that went is a side only when the question names its verb")
    if a.unit != b.unit and not (a.inherited or b.inherited):
        raise ParseError("the two sides of the difference count different things")
    big, small = (a, b) if a.value >= b.value else (b, a)
    return Reading([Relation(Name("x"), "=", Bin("-", num(big.value), num(small.value)))], {id(a), id(b)},
                   "difference", a.unit if not a.inherited else b.unit)
