"""Money at a rate in time, with a fixed fee or a spending: "A plumber charges a $40 call-out fee plus $25 per hour.
What does a 3-hour job cost?", "Hana saves $15 every week. After 8 weeks she spends $48 on a jacket. How much has
she got left?"

English tells a rate of money in time by the money and the span it is per: "$25 per hour", "$25 a month", "$15
every week", "7 dollars an hour", "each month you have to pay $8". A span of that unit ("8 weeks", "a 3-hour
job", "for 6 months" in the question) says how long it runs. Other money is a fixed amount: a fee or a price
added to what is paid ("a $40 call-out fee plus ...", "an app that cost $5"), or, after an amount earned or
saved, money spent or paid out of it ("spends $48 on a jacket"). The question asks what is paid or costs in
all (the fixed amounts plus each rate times the span), or what is left (what the rates brought in, less what
was spent). Every number is a rate, the one span, or a fixed amount; anything else declines.
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, solved
from reasoner.solvers.math.story.phrases import is_person, phrase_at
from reasoner.solvers.math.story.words import Tok, known, noun_lemma, verb_lemma
from reasoner.solvers.math.tree import Bin
from reasoner.text.stopwords import FUNCTION_WORDS

_SPANS = frozenset("hour day week month year minute".split())
_PER = frozenset("per a an each every".split())
_EARN = frozenset("earn save make get receive".split())
_SPEND = frozenset("spend pay".split())
_FEE = frozenset("cost charge pay".split())
_PAID = frozenset("pay cost spend charge".split())
_LEFT = frozenset("left remain remaining".split())


def _money(toks: list[Tok], k: int) -> bool:
    return toks[k].unit == "dollar" or phrase_at(toks, k).head in ("dollar",)


def _span_unit(toks: list[Tok], k: int) -> str:
    """The unit of a span at ``k``: "8 weeks", "a 3-hour job" (number, "-", unit)."""
    j = k + 1
    if j < len(toks) and toks[j].low == "-":
        j += 1
    if j < len(toks):
        unit = noun_lemma(toks[j].low)
        return unit if unit in _SPANS else ""
    return ""


def _rate_unit(toks: list[Tok], k: int) -> str:
    """The span a money amount at ``k`` is per: "$25 per hour", "7 dollars an hour", "each month ... pay $8"."""
    e = k + 1 if toks[k].unit else phrase_at(toks, k).end
    if e + 1 < len(toks) and toks[e].low in _PER and noun_lemma(toks[e + 1].low) in _SPANS:
        return noun_lemma(toks[e + 1].low)
    if e + 2 < len(toks) and toks[e].low == "for" and toks[e + 1].low in ("each", "every") \
            and noun_lemma(toks[e + 2].low) in _SPANS:
        return noun_lemma(toks[e + 2].low)  # "$5 for extra data each month": the phrase ends before "each"
    sent = [j for j in range(k) if toks[j].sent == toks[k].sent]
    for j in sent:
        if toks[j].low in ("each", "every") and j + 1 < k and noun_lemma(toks[j + 1].low) in _SPANS:
            return noun_lemma(toks[j + 1].low)  # "Then each month you have to pay $8"
    later = [t.low for t in toks[e:] if t.sent == toks[k].sent]
    for a, b in zip(later, later[1:], strict=False):
        if a in ("each", "every") and noun_lemma(b) in _SPANS:
            return noun_lemma(b)
    return ""


def _per_other(toks: list[Tok], k: int) -> bool:
    """ "$1 per mile", "$3 a ticket", "$2 each": money told per one of something, so no fixed amount."""
    e = k + 1 if toks[k].unit else phrase_at(toks, k).end
    if e < len(toks) and toks[e].low in ("per", "each", "every", "apiece"):
        return True
    if e + 1 < len(toks) and toks[e].low == "for" and toks[e + 1].low in ("each", "every"):
        return True  # "$5 for each extra gigabyte"
    return e + 1 < len(toks) and toks[e].low in ("a", "an") and toks[e + 1].low.isalpha() and \
        toks[e + 1].low not in FUNCTION_WORDS


def _verb(toks: list[Tok], k: int) -> str:
    for t in reversed(toks[max(0, k - 4):k]):
        v = verb_lemma(t.low)
        if v and t.sent == toks[k].sent and v not in ("be", "have", "do", "will", "would", "can", "could"):
            return v
    return ""


def _with_plus(toks: list[Tok], k: int, rates: dict[int, str]) -> bool:
    """ "a $40 call-out fee plus $25 per hour": a fixed amount joined to a rate by "plus"."""
    return any(toks[r].sent == toks[k].sent and "plus" in {t.low for t in toks[min(k, r):max(k, r)]} for r in rates)


def _same_holder(toks: list[Tok], k: int) -> bool:
    """The clause of the money at ``k`` names nobody the first sentence does not (a pronoun, or the same name)."""
    first = {t.low for t in toks if t.sent == toks[0].sent}
    named = {t.low for t in toks if t.sent == toks[k].sent and t.text[:1].isupper() and not known(t.low)
             and toks.index(t) > 0}
    others = [t for t in toks[:k] if t.sent == toks[k].sent and t.low.isalpha() and t.low not in FUNCTION_WORDS
              and is_person(noun_lemma(t.low))]
    return named <= first and not others  # "his sister spends $30": another holder


def read(toks: list[Tok]) -> KindAnswer | None:
    """Fixed money plus rates times a span, or earnings at a rate less spending; None when no money rate in time.

    Raises:
        ParseError: a money rate in time is told, and a number or the question does not fit the reading.
    """
    qs = max((k for k, t in enumerate(toks) if t.low in ("how", "what") and t.sent == toks[-1].sent), default=-1)
    if qs < 0:
        return None
    nums = [k for k, t in enumerate(toks) if t.is_num]
    rates = {k: u for k in nums if _money(toks, k) and (u := _rate_unit(toks, k))}
    if not rates:
        return None
    spans = [k for k in nums if k not in rates and _span_unit(toks, k)]
    fixed = [k for k in nums if k not in rates and k not in spans]
    if len(spans) != 1 or len(set(rates.values())) != 1 or _span_unit(toks, spans[0]) != next(iter(rates.values())):
        raise ParseError("a money rate in time without one span of its unit")
    if any(not _money(toks, k) or k >= qs for k in fixed) or any(k >= qs for k in rates):
        raise ParseError("a number that is no rate, span or fixed amount of money")
    if any(_per_other(toks, k) for k in fixed):
        raise ParseError("money at a rate per another unit than the span ('$1 per mile')")
    if len({toks[k].sent for k in rates}) > 1:
        raise ParseError("two money rates told apart: whose each is, is not read")
    q = {t.low for t in toks[qs:]} | {verb_lemma(t.low) for t in toks[qs:]}
    story = {w for t in toks[:qs] for w in (t.low, noun_lemma(t.low))}
    for a, t in zip(toks[qs:], toks[qs + 1:], strict=False):
        if a.low == "the" and t.low.isalpha() and t.low not in FUNCTION_WORDS and noun_lemma(t.low) not in story | \
                _SPANS | {"money", "dollar", "total"}:
            raise ParseError(f"the question names 'the {t.low}', which the story does not")
    span = linear.num(toks[spans[0]].value)
    earned: object = None
    for k in rates:
        term = Bin("*", linear.num(toks[k].value), span)
        earned = term if earned is None else Bin("+", earned, term)
    if q & _LEFT or "got" in q and "left" in q:
        if not all(_verb(toks, k) in _EARN for k in rates) or not fixed:
            raise ParseError("what is left is asked, and no earning and spending are told")
        if not all(_verb(toks, k) in _SPEND and k > min(rates) and _same_holder(toks, k) for k in fixed):
            raise ParseError("money told beside the earnings is not spent out of them")
        total = earned
        for k in fixed:
            total = Bin("-", total, linear.num(toks[k].value))
        return solved([eq(X, total)], "money at a rate in time", "dollar")
    if not q & _PAID:
        raise ParseError("the question asks neither what is paid nor what is left")
    if any(_verb(toks, k) in _EARN for k in rates):
        raise ParseError("an earning is not a cost")
    if not all(_with_plus(toks, k, rates) or _verb(toks, k) in _FEE and _same_holder(toks, k) for k in fixed):
        raise ParseError("money told beside the rate is not a fee or a price added to it")
    total = earned
    for k in fixed:
        total = Bin("+", linear.num(toks[k].value), total)
    return solved([eq(X, total)], "money at a rate in time", "dollar")
