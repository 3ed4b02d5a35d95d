"""A proportion told as a rate to go on at: "A machine makes 45 bolts in 3 minutes. At that rate, how many bolts
does it make in 10 minutes?"

English asks to scale a told pair when it says the rate holds ("at that rate", "at the same rate / price / speed")
or tells the pair "for every" ("2 cups of rice for every 3 cups of water"). The text holds exactly three numbers:
the pair (a of A, b of B), and a new amount c of one side, told in the question; the question asks the other
side ("how many bolts", or "how much" for money). The answer is c * b / a (or c * a / b). A noun of a measure
("cups of rice") is named by its stuff, so the two sides of "cups of rice ... cups of water" differ. A count
asked must come out whole.
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, sentences, solved
from reasoner.solvers.math.story.words import Tok, noun_lemma
from reasoner.solvers.math.tree import Bin

_SAME = frozenset("rate price speed pace".split())


def _holds(low: list[str]) -> bool:
    """ "at that rate", "at this rate", "at the same rate/price/speed"."""
    for k in range(len(low) - 2):
        if low[k] == "at" and low[k + 1] in ("that", "this") and low[k + 2] in _SAME:
            return True
        if low[k] == "at" and low[k + 1] == "the" and k + 3 < len(low) and low[k + 2] == "same" and low[k + 3] in _SAME:
            return True
    return False


def _side(toks: list[Tok], k: int) -> str:
    """The noun a number counts: its unit sign ("$10"), the stuff of a measure ("cups of rice"), or the noun."""
    t = toks[k]
    if t.unit == "dollar":
        return "dollar"
    j = k + 1
    while j < len(toks) and toks[j].low.isalpha() and not noun_lemma(toks[j].low):
        j += 1  # an adjective before the noun
    if j >= len(toks) or not toks[j].low.isalpha():
        return ""
    head = noun_lemma(toks[j].low) or toks[j].low
    if j + 2 < len(toks) and toks[j + 1].low == "of" and toks[j + 2].low.isalpha():
        return f"{head} of {noun_lemma(toks[j + 2].low) or toks[j + 2].low}"
    return head


def read(toks: list[Tok]) -> KindAnswer | None:
    """The other side of a told pair scaled to a new amount; None when no rate is said to hold.

    Raises:
        ParseError: the rate is said to hold, and the numbers or the question do not fit one pair scaled.
    """
    low = [t.low for t in toks]
    every = any(a == "for" and b == "every" for a, b in zip(low, low[1:], strict=False))
    if not (_holds(low) or every):
        return None
    sents = sentences(toks)
    question = sents[-1]
    q = [t.low for t in question]
    at = next((k for k in range(len(q) - 1) if q[k] == "how" and q[k + 1] in ("many", "much")), -1)
    if at < 0:
        raise ParseError("the question does not ask an amount")
    nums = [k for k, t in enumerate(toks) if t.is_num]
    if len(nums) != 3:
        raise ParseError("a proportion has one pair and one new amount")
    q_start = len(toks) - len(question) + at
    if not nums[0] < nums[1] < q_start <= nums[2]:
        raise ParseError("the pair is not told before the question, or the new amount is not in it")
    a, b, c = (toks[k] for k in nums)
    side_a, side_b, side_c = (_side(toks, k) for k in nums)
    if not side_a or not side_b or side_a == side_b or any(t.unit == "percent" for t in (a, b, c)):
        raise ParseError("the two sides of the pair are not two nouns")
    if q[at + 1] == "many":
        asked = _side(question, at + 1) if at + 2 < len(question) else ""
        if not asked:
            raise ParseError("the question names no noun")
    else:
        asked = "dollar" if "dollar" in (side_a, side_b) else ""
    if side_c == side_a and asked in (side_b, side_b.split(" of ")[-1]):
        expr, unit = Bin("/", Bin("*", linear.num(c.value), linear.num(b.value)), linear.num(a.value)), side_b
    elif side_c == side_b and asked in (side_a, side_a.split(" of ")[-1]):
        expr, unit = Bin("/", Bin("*", linear.num(c.value), linear.num(a.value)), linear.num(b.value)), side_a
    else:
        raise ParseError("the question does not ask the other side of the pair for a new amount of one side")
    if not a.value or not b.value or c.value <= 0:
        raise ParseError("an amount of the pair is zero")
    return solved([eq(X, expr)], "proportion", unit.split(" of ")[0], whole=q[at + 1] == "many")
