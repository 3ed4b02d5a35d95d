"""The rest of a whole shared out, or done at a rate: "Nancy uploaded 41 pictures. She put 37 pics into one album and put the rest into 2
different albums. How many pictures were in each album?"

The story tells a whole (the first amount), a part set apart from it ("37 into one album", "9 of them didn't get
picked"), and "the rest" put, split or shared into N groups; the question asks how many are in each. The answer is
(whole - part) / N, a whole number of things. Exactly those three numbers ("one album" names the part's place).
Or the part is "already" done, each one takes a rate, and the question asks the rest: (whole - part) * rate.
"""

from __future__ import annotations

import re

from reasoner.errors import ParseError
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, solved
from reasoner.solvers.math.story.words import Tok
from reasoner.solvers.math.tree import Bin

_REST = re.compile(r"\b(?:put|placed|split|divided|shared|put|were put|was put|went|are put|go|sorted|organized) "
                   r"(?:the )?rest (?:of (?:them|the \w+) )?(?:equally |evenly )?(?:into|in|among|between|to|on) "
                   r"(?:the )?#(\d+) |\bthe rest (?:were|are|was) (?:put |placed |split |divided |sorted )?"
                   r"(?:equally |evenly )?(?:into|in|among|between) #(\d+) ")


def _rest_at_a_rate(toks: list[Tok], at: int) -> KindAnswer | None:
    """ "needs to cook 12 potatoes. He has already cooked 6. If each potato takes 6 minutes to cook, how long will
    it take him to cook the rest?": (whole - done) * the rate of each."""
    nums = [k for k in range(at) if toks[k].is_num]
    if len(nums) != 3:
        return None
    sents = [toks[k].sent for k in nums]
    done = [t.low for t in toks if t.sent == sents[1]]
    rate = [t.low for t in toks[:at] if t.sent == sents[2]]
    if "already" not in done or "each" not in rate or len(set(sents)) != 3 and sents[2] != toks[at].sent:
        raise ParseError("the rest is asked, and the whole, the part done and the rate are not told apart")
    whole, part, each = (toks[k].value for k in nums)
    if whole <= part:
        raise ParseError("the part done is not smaller than the whole")
    expr = Bin("*", Bin("-", linear.num(whole), linear.num(part)), linear.num(each))
    return solved([eq(X, expr)], "rest at a rate")


_SHARED = re.compile(r"\b(?:sorted|divided|split|shared|put|packed|placed|arranged|organized) (?:them |the \w+ |all "
                     r"(?:of )?(?:them |the \w+ ))?(?:equally |evenly )?into #(\d+) (?:\w+ ){0,2}"
                     r"(?:with the same (?:amount|number) (?:of \w+ )?in each|equally|evenly)")


def _sum_shared(toks: list[Tok], at: int, nums: list[Tok], line: str) -> KindAnswer | None:
    """ "uploaded 23 pictures from her phone and 7 from her camera ... sorted the pics into 5 different albums with
    the same amount of pics in each album ... how many in each": the amounts listed together, shared by N."""
    m = _SHARED.search(line)
    if m is None:
        return None
    groups = int(m.group(1))
    if groups != len(nums) - 1 or len(nums) < 3:
        raise ParseError("the amounts shared are not the ones listed before the groups")
    listed = nums[:-1]
    if len({t.sent for t in listed}) != 1 or any(t.low in ("each", "per", "every", "than", "more", "left")
                                                    for t in toks[:at] if t.sent == listed[0].sent):
        raise ParseError("the amounts shared are not one list")
    total = linear.num(listed[0].value)
    for t in listed[1:]:
        total = Bin("+", total, linear.num(t.value))
    return solved([eq(X, Bin("/", total, linear.num(nums[-1].value)))], "listed and shared", whole=True)


def read(toks: list[Tok]) -> KindAnswer | None:
    """(whole - part) / groups, or None when no rest is shared out.

    Raises:
        ParseError: a rest is shared out, and the whole and the part are not the story's other two amounts.
    """
    at = max((k for k, t in enumerate(toks) if t.low == "how" and k + 1 < len(toks) and toks[k + 1].low in
              ("many", "much", "long")), default=-1)
    if at < 0 or any(t.is_num for t in toks[at:]):
        return None
    if {"rest", "remaining"} & {t.low for t in toks[at:]}:
        return _rest_at_a_rate(toks, at)
    if "each" not in {t.low for t in toks[at:]}:
        return None
    nums = [t for t in toks[:at] if t.is_num and t.low != "one"]
    parts = []
    for t in toks[:at]:
        if t.is_num and t.low != "one":
            parts.append(f"#{nums.index(t)}")
        elif t.text[:1].isalnum():
            parts.append(t.low)
    line = " ".join(parts) + " "
    m = _REST.search(line)
    if m is None:
        return _sum_shared(toks, at, nums, line)
    groups = int(m.group(1) or m.group(2))
    if len(nums) != 3 or groups != 2:
        raise ParseError("a rest shared out of other than a whole and one part")
    whole, part, k = nums[0].value, nums[1].value, nums[2].value
    if whole <= part:
        raise ParseError("the part is not smaller than the whole")
    expr = Bin("/", Bin("-", linear.num(whole), linear.num(part)), linear.num(k))
    return solved([eq(X, expr)], "rest shared", whole=True)
