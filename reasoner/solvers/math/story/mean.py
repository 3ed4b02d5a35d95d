"""The mean of amounts listed: "He counted: 30, 14, 14, 21 and 25. What is the mean of the cars he counted?"

The question asks a mean or an average (not of a speed or a rate: those divide two different things), and every
number of the story is one of the amounts averaged, at least three of them, in one sentence or in sentences that share their verb ("On the first week he sold 75.
On the second week he sold 67."); a number that says how many
amounts there are ("during the first 6 hours ... 58, 58, 62, 55, 49 and 48", "on three tests": a number before
a word, outside the list) is their count and is left out. The
answer is their sum over their count, given only when it is exact to a tenth (53.25 or 5.666... are not): the
question does not tell the rounding it expects, and a mean exact to a tenth is the same under any of them.
"""

from __future__ import annotations

from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, solved
from reasoner.solvers.math.story.words import Tok, verb_lemma
from reasoner.solvers.math.tree import Bin

_MEAN = frozenset("mean average".split())
_RATE = frozenset("speed per rate pace each every hourly".split())


def _counts_things(toks: list[Tok], t: Tok) -> bool:
    """ "the first 6 hours", "on three tests": a number before a word (not a list's comma or "and")."""
    k = next(i for i, x in enumerate(toks) if x is t)
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    prev = toks[k - 1] if k else None
    return (nxt is not None and nxt.text[:1].isalpha() and nxt.low != "and"
            and not (prev is not None and prev.text == ","))


def _one_list(toks: list[Tok], values: list[Tok]) -> bool:
    """The amounts follow one another, each after a comma or "and" ("58, 58, 62 and 48", "8 on Monday, 3 on
    Tuesday"): a number told apart from them in the sentence ("Grade 5 scored 80, 90 and 70") is not one."""
    at = [next(i for i, x in enumerate(toks) if x is t) for t in values]
    for a, b in zip(at, at[1:], strict=False):
        between = [t.low for t in toks[a + 1:b]]
        if not ({",", "and"} & set(between)) or len(between) > 8:
            return False
    return True


def read(toks: list[Tok]) -> KindAnswer | None:
    """The mean of the story's amounts, or None when no mean is asked.

    Raises:
        ParseError: a mean is asked, and the story's numbers are not all amounts of one list.
    """
    last = max(t.sent for t in toks)
    question = [t for t in toks if t.sent == last]
    words = {t.low for t in question}
    if not words & _MEAN:
        return None
    if words & _RATE or any(t.is_num for t in question):
        raise ParseError("a mean of a rate, or of numbers in the question, is not read")
    nums = [t for t in toks if t.is_num]
    if any(t.unit == "percent" for t in nums):
        raise ParseError("a mean of percentages is not read")
    counts = [t for t in nums if t.value == len(nums) - 1 and _counts_things(toks, t)]
    if len(counts) > 1:
        raise ParseError("which number counts the amounts is not clear")
    values = [t for t in nums if t not in counts]
    sents = {t.sent for t in values}
    if len(sents) == 1 and not _one_list(toks, values):
        raise ParseError("a number beside the list is not one of its amounts")
    if len(sents) > 1 and not all(_one_list(toks, [t for t in values if t.sent == s]) for s in sents):
        raise ParseError("a number beside the amounts of a sentence is not one of them")
    if len(sents) > 1:
        verbs = [{verb_lemma(t.low) for t in toks if t.sent == s} - {"", "be", "have"} for s in sents]
        if not set.intersection(*verbs):
            raise ParseError("the amounts are not one list: their sentences tell different things")
    if len(values) < 3:
        raise ParseError("a mean of fewer than three amounts is not a list")
    total = Fraction(0)
    expr = None
    for t in values:
        total += t.value
        expr = linear.num(t.value) if expr is None else Bin("+", expr, linear.num(t.value))
    mean = total / len(values)
    if (mean * 10).denominator != 1:
        raise ParseError("the mean is not exact to a tenth; the rounding asked is not told")
    return solved([eq(X, Bin("/", expr, linear.num(Fraction(len(values)))))], "mean")
