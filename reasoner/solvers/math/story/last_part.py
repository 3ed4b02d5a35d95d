"""What the last, not full, share holds: "A box can hold 18 pieces of chalk. If there are 3,484 pieces of chalk, how many
chalks are there in the box that is not full?", "Jane can arrange 16 vases in a day. If there are 248 vases to be
arranged, how many will she arrange on the last day?"

The story tells two amounts: what one share holds or takes (a capacity, "can hold 18", "at the rate of 12 ... per
day") and a larger whole; the question asks the last share ("the last day", "the box that is not full", "the last
vase that isn't full"). Filling whole shares first, the last holds the remainder, whole - capacity * floor(whole
/ capacity), and what would fill it ("how many more ... to fill up the last container") the capacity less that;
a whole that fills its shares exactly leaves no part share, and is declined.
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, solved
from reasoner.solvers.math.story.words import Tok
from reasoner.solvers.math.tree import Bin, Call

_CAPACITY = frozenset("hold holds contain contains transport transports carry carries fit fits seat seats".split())


def read(toks: list[Tok]) -> KindAnswer | None:
    """The remainder in the last share, or None when the question asks no last, part-filled share.

    Raises:
        ParseError: the last share is asked, and the capacity and the whole are not the story's two amounts.
    """
    at = max((k for k, t in enumerate(toks) if t.low == "how" and k + 1 < len(toks) and toks[k + 1].low in
              ("many", "much")), default=-1)
    if at < 0 or any(t.is_num for t in toks[at:]):
        return None
    q = [t.low for t in toks[at:]]
    last = "last" in q
    not_full = "full" in q and ({"not", "n't"} & set(q)) or "fully" in q and "not" in q
    if not (last or not_full):
        return None
    nums = [k for k in range(at) if toks[k].is_num]
    if len(nums) != 2:
        raise ParseError("a last share of other than a capacity and a whole")
    before = {k: {t.low for t in toks[max(0, k - 3):k]} for k in nums}
    cap = [k for k in nums if before[k] & _CAPACITY or toks[k - 2:k] and [t.low for t in toks[k - 2:k]] ==
           ["rate", "of"] or any(t.low in ("a", "per") and toks[j + 1].low in ("day", "hour", "week")
                                 for j, t in enumerate(toks[k + 1:k + 6], start=k + 1) if j + 1 < len(toks))]
    if len(cap) != 1:
        raise ParseError("which amount is the capacity of a share is not told")
    whole = next(k for k in nums if k != cap[0])
    c, w = toks[cap[0]].value, toks[whole].value
    if c.denominator != 1 or w.denominator != 1 or w <= c:
        raise ParseError("the whole is not more than one share")
    if w % c == 0:
        raise ParseError("the whole fills its shares exactly: no last part share")
    expr = Bin("-", linear.num(w), Bin("*", linear.num(c), Call("floor", (Bin("/", linear.num(w), linear.num(c)),))))
    if "more" in q:
        if not {"fill", "full"} & set(q):
            raise ParseError("'more' is asked, and not what fills the last share")
        expr = Bin("-", linear.num(c), expr)  # "how many more slices would they need to fill up the last container"
    return solved([eq(X, expr)], "last share", whole=True)
