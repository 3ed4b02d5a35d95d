"""The rest of a set at a rate each: "Dave had 10 video games but 2 of them weren't working. If he wanted to sell the
working games for $4 each, how much money could he earn?", "Jerry had 7 action figures, but needed 16 total. If
each one costs $8, how much money would he need to finish his collection?"

English sets a part of a set apart, and the rest is what a rate applies to: the part that does not work ("but 2
of them weren't working"), what is done already ("had already graded 7 of them"), what is had of what is
needed ("had 7 ..., but needed 16 total"), everything but a part ("sold all but 4 bars"). The rate is told per
one of the set: "for $4 each", "each one costs $8", "A worksheet had 2 problems on it", "5 cups of flour on each
one". The question asks what the rate counts (money for a price, the rate's noun otherwise). Exactly these
three numbers; the answer is the rest times the rate.
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, solved
from reasoner.solvers.math.story.phrases import phrase_at, plain_question, same_thing
from reasoner.solvers.math.story.words import Tok
from reasoner.solvers.math.tree import Bin

_NEG = frozenset("n't not never".split())


def _rate(toks: list[Tok], k: int) -> str | None:
    """What the rate at ``k`` counts ("dollar", "problem", "cup of flour"), when it is told per one; else None."""
    told = phrase_at(toks, k)
    low = [t.low for t in toks]
    after = low[told.end:told.end + 3]
    counted = told.counted or ("dollar" if toks[k].unit == "dollar" else "")
    if not counted:
        return None
    if after[:1] == ["each"] or after[:3] in (["on", "each", "one"], ["in", "each", "one"]) or after[:2] == [
            "on", "it"]:
        return counted  # "for $4 each", "5 cups of flour on each one", "2 problems on it"
    before = low[max(0, k - 3):k]
    if before[-1:] in (["costs"], ["cost"]) and "each" in low[max(0, k - 7):k]:
        return counted  # "each one costs $8"
    return None


def _rest(toks: list[Tok], whole: int, part: int) -> bool:
    """The part at ``part`` is set apart from the whole at ``whole``, by one of English's ways of telling it."""
    low = [t.low for t in toks]
    w_clause = low[whole:part]
    p_after = low[part + 1:part + 6]
    if "but" in w_clause and p_after[:2] == ["of", "them"] and set(p_after) & _NEG:
        return True  # "had 10 video games but 2 of them weren't working"
    if "already" in low[max(0, part - 4):part] and p_after[:2] == ["of", "them"]:
        return True  # "had 14 worksheets to grade and had already graded 7 of them"
    if low[max(0, part - 2):part] == ["all", "but"]:
        return True  # "sold all but 4 bars"
    return False


def _needed(toks: list[Tok], have: int, need: int) -> bool:
    """ "had 7 action figures, but needed 16 total": what is had, then what is needed."""
    low = [t.low for t in toks]
    return "but" in low[have:need] and low[need - 1] in ("needed", "needs", "need") and low[need + 1:need + 2] == [
        "total"]


def read(toks: list[Tok]) -> KindAnswer | None:
    """The rest of a set times a rate per one; None when no part is set apart beside a rate.

    Raises:
        ParseError: a rest and a rate are told, and the question does not ask what the rate counts.
    """
    at = plain_question(toks)
    if at < 0:
        return None
    nums = [k for k in range(at) if toks[k].is_num and not (toks[k].low == "one" and toks[k - 1].low == "each")]
    if len(nums) != 3:
        return None
    rates = [(k, u) for k in nums if (u := _rate(toks, k)) is not None]
    if len(rates) != 1:
        return None
    r, unit = rates[0]
    a, b = (k for k in nums if k != r)
    if _rest(toks, a, b):
        rest = Bin("-", linear.num(toks[a].value), linear.num(toks[b].value))
        more = toks[a].value - toks[b].value
    elif _needed(toks, a, b):
        rest = Bin("-", linear.num(toks[b].value), linear.num(toks[a].value))
        more = toks[b].value - toks[a].value
    else:
        return None
    if more <= 0:
        raise ParseError("the part set apart is not less than the whole")
    q = [t.low for t in toks[at:]]
    if q[1] == "many":
        asked = phrase_at(toks, at + 1).counted
        if not same_thing(asked, unit) and asked != unit.split(" of ")[0]:
            raise ParseError("the question does not ask what the rate counts")
    elif unit not in ("dollar", "cent") and unit.split(" ")[0] not in q:
        raise ParseError("'how much' asks money, and the rate counts something else")
    return solved([eq(X, Bin("*", rest, linear.num(toks[r].value)))], "rest at a rate each", unit)
