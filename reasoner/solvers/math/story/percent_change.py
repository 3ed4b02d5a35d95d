"""A price changed by a percent: "A jacket costs $80. It is on sale for 25% off. How many dollars is the
discount?", "A shirt originally priced at $50 is marked down by 20%. What is the sale price?", "A restaurant bill
is $80 and Clara leaves a 15% tip. How much is the tip?"

English tells the direction of the change by its words: a discount, "off", "marked down", "reduced", a drop
lower the price; a tip, a tax, interest, a (service) charge, "went up", an increase raise it (one direction
only, or the text declines). The text holds exactly two numbers, the amount (money, or what a price, a bill or
an order "amounted to") and the rate (a percent, or a fraction "off"). The question asks the change itself (the
discount, the tip), the new amount (the sale price, the total bill, what is paid, what one will have), or the
amount before the change when the story tells only the one after ("bought a blouse at a discount of 18% for
$147.60. What was the marked price?").
"""

from __future__ import annotations

from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, sentences, solved
from reasoner.solvers.math.story.words import Tok
from reasoner.solvers.math.tree import Bin

_DOWN = frozenset("off discount discounted down reduced reduce reduction decrease decreased drop dropped "
                  "cheaper lower lowered markdown".split())
_UP = frozenset("tip tax interest charge up increase increased raise raised rise rose markup".split())
_CHANGE = frozenset("discount tip tax interest charge increase decrease reduction savings save saved".split())
_NEW = frozenset("total pay paid new sale final have price cost costs bill spend spent reduced discounted "
                 "now".split())
_BEFORE = frozenset("original originally marked regular regularly before full list".split())
_PRICED = frozenset("cost costs costing priced price bill order amounted amount worth for at is was".split())


def _rate(toks: list[Tok], k: int) -> Fraction | None:
    t = toks[k]
    nxt = toks[k + 1].low if k + 1 < len(toks) else ""
    if t.unit == "percent" or nxt == "percent":
        return t.value / 100 if 0 < t.value < 100 else None
    if 0 < t.value < 1 and t.text[:1].isalpha() and nxt == "off":
        return t.value  # "a quarter off"
    return None


def _asks(question: list[Tok]) -> bool:
    low = [t.low for t in question]
    pairs = list(zip(low, low[1:], strict=False))
    return ("how", "much") in pairs or ("how", "many") in pairs and "dollars" in low or (
        "what" in low and any(w in low for w in ("is", "was", "will")))


def read(toks: list[Tok]) -> KindAnswer | None:
    """The change, the new amount or the old one; None when no percent change of an amount is told.

    Raises:
        ParseError: a percent change is told, and the numbers, its direction or the question do not fit one.
    """
    last = sentences(toks)[-1]
    start = max((k for k, t in enumerate(toks) if t.low in ("how", "what") and t.sent == last[0].sent), default=-1)
    if start <= 0:
        return None
    question = toks[start:]
    nums = [k for k, t in enumerate(toks) if t.is_num]
    rates = [k for k in nums if _rate(toks, k) is not None]
    low = {t.low for t in toks}
    if len(rates) != 1 or not low & (_DOWN | _UP):
        return None
    if len(nums) != 2 or any(t.is_num for t in question) or not _asks(question):
        raise ParseError("a percent change of other than one amount, or a question that asks no amount")
    rate = _rate(toks, rates[0])
    at = next(k for k in nums if k != rates[0])
    amount = toks[at]
    money = amount.unit == "dollar" or at + 1 < len(toks) and toks[at + 1].low in ("dollars", "cents")
    if not money and not {t.low for t in toks[max(0, at - 3):at]} & _PRICED:
        raise ParseError("the amount changed is not a price, a bill or an order")
    down, up = bool(low & _DOWN), bool(low & _UP)
    if down == up:
        raise ParseError("the direction of the change is not told, or told both ways")
    q = {t.low for t in question}
    factor = 1 - rate if down else 1 + rate
    told_before = bool({t.low for t in toks[: len(toks) - len(question)]} & _BEFORE)
    value, r = linear.num(amount.value), linear.num(rate)
    new_told = toks[at - 1].low == "to" and at - 2 in (rates[0], rates[0] + 1)  # "went up 10% to $220"
    if new_told or "old" in q:
        if not new_told or not q & (_BEFORE | {"old"}):
            raise ParseError("the new amount is told ('to $220') and not the old one asked, or the reverse")
        return solved([eq(X, Bin("/", value, linear.num(factor)))], "percent change", "dollar" if money else "")
    if q & _BEFORE and not told_before:
        expr = Bin("/", value, linear.num(factor))
    elif q & _CHANGE and not q & _NEW:
        expr = Bin("*", value, r)
    elif q & _NEW:
        expr = Bin("*", value, linear.num(factor))
    else:
        raise ParseError("the question asks neither the change, the new amount nor the old one")
    return solved([eq(X, expr)], "percent change", "dollar" if money else "")
