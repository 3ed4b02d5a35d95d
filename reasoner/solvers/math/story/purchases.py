"""What purchases cost, and the change from what was paid: "Ingrid bought 3 notebooks for $4 each and a pen for
$2. How much did she spend altogether?", "Chloe bought 2 shirts at $17 each and paid with a $50 bill. How much
change did she get?"

English tells a price three ways: with its quantity ("3 notebooks for $4 each", "2 tickets at $9 each",
"3 kilograms of apples at $2.50 per kilogram", "10 books, each of which cost $5", "spent $10.62 each on 2
tickets"), as the price of one thing bought ("a pen for $2", "spent $5.36 on a hotdog"), or as a price list
whose quantities come later ("each flower was 3 dollars ... bought 2 roses and 2 daisies", "Adult tickets are
$11 and child tickets are $6 ... 4 adults and 5 children"): a quantity goes with the price of the noun it
counts, or of a kind of it, or of the noun its price's phrase names as a modifier ("adult tickets" for
"adults"). The cost is the sum of quantity times price. The question asks it ("how much did she spend / pay",
"what was the total cost"), or what is left of money told first ("had $60", "paid with a $50 bill": "how much
change", "how much money does she have left"), which is that money less the cost.

Every number is a quantity with its price, a price, or the money told first; anything else declines.
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, solved
from reasoner.solvers.math.story.phrases import Phrase, how_at, is_person, phrase_at, same_thing
from reasoner.solvers.math.story.words import Tok, noun_lemma, verb_lemma
from reasoner.solvers.math.tree import Bin

_COST_VERBS = frozenset("spend pay cost charge".split())
_LEFT = frozenset("left change remain remaining".split())
_START_VERBS = frozenset("have give save earn get receive bring".split())
_EACH = frozenset("each apiece".split())
_LINK = frozenset("is are was were cost costs costing sell sells sold".split())
_ONE = frozenset("a an one".split())


def _money(toks: list[Tok], k: int) -> str:
    """ "dollar" or "cent" when the number at ``k`` is money ("$5", "5 dollars", "24 cents"), else ""."""
    if toks[k].unit == "dollar":
        return "dollar"
    head = phrase_at(toks, k).head
    return head if head in ("dollar", "cent") else ""


def _each_after(toks: list[Tok], k: int) -> tuple[bool, int]:
    """A price "each" / "apiece" / "per kilogram" / "a piece" right after the money at ``k``; and where it ends."""
    e = k + 1 if toks[k].unit else phrase_at(toks, k).end
    if e < len(toks) and toks[e].low in _EACH:
        return True, e + 1
    if e + 1 < len(toks) and toks[e].low in ("per", "a") and toks[e + 1].low in ("piece", *_per_units(toks)):
        return True, e + 2
    return False, e


def _per_units(toks: list[Tok]) -> tuple[str, ...]:
    return tuple(t.low for t in toks if t.low.isalpha())


def _quantity_priced(toks: list[Tok], q: int, p: int) -> bool:
    """ "3 notebooks for $4 each", "2 shirts at $17 each", "10 books, each of which cost $5", "5 books that cost
    $13 each", "3 kilograms of apples at $2.50 per kilogram": the quantity at ``q`` and its price at ``p``."""
    told = phrase_at(toks, q)
    between = [t.low for t in toks[told.end:p]]
    each, _ = _each_after(toks, p)
    if between in (["for"], ["at"], ["that", "cost"], ["that", "costs"], ["which", "cost"], ["costing"]) and each:
        return True
    return between in ([",", "each", "of", "which", "cost"], [",", "each", "of", "which", "costs"],
                       [",", "each", "costing"])


def _items(toks: list[Tok], nums: list[int]) -> tuple[list[object], set[int], list[tuple[Phrase, int]]]:
    """The costs read next to their quantities, the numbers they use, and the prices of a list (phrase, price)."""
    costs: list[object] = []
    used: set[int] = set()
    listed: list[tuple[Phrase, int]] = []
    money = [k for k in nums if _money(toks, k)]
    for p in money:
        before = [k for k in nums if k < p and k not in used and not _money(toks, k)]
        if before and _quantity_priced(toks, before[-1], p):
            costs.append(Bin("*", linear.num(toks[before[-1]].value), linear.num(toks[p].value)))
            used |= {before[-1], p}
            continue
        each, end = _each_after(toks, p)
        low = [t.low for t in toks]
        spent = p and (low[p - 1] == "spent" or low[p - 1] in (",", "and") and "spent" in low[max(0, p - 12):p])
        if spent and end + 1 < len(toks) and low[end] == "on":
            if each and toks[end + 1].is_num and end + 1 in nums:
                costs.append(Bin("*", linear.num(toks[end + 1].value), linear.num(toks[p].value)))
                used |= {p, end + 1}
                continue
            if not each and (low[end + 1] in _ONE | {"the"} or phrase_at(toks, end).head):
                costs.append(linear.num(toks[p].value))  # "spent $5.36 on a hotdog", "$5.79 on pet food"
                used.add(p)
                continue
        if p and low[p - 1] in ("paid", "spent") and end + 1 < len(toks) and low[end] == "for" and low[
                end + 1] in _ONE and not each:
            costs.append(linear.num(toks[p].value))  # "paid $8 for a ticket"
            used.add(p)
            continue
        one = _one_thing_before(toks, p)
        if one is not None and not each:
            costs.append(linear.num(toks[p].value))  # "a pen for $2", "a cage cost him $14.54"
            used.add(p)
            continue
        named = _priced_noun(toks, p, each)
        if named is not None:
            listed.append((named, p))
            used.add(p)
    return costs, used, listed


def _one_thing_before(toks: list[Tok], p: int) -> Phrase | None:
    """ "a pen for $2", "a loaf of bread for $3", "a cage cost him $14.54": one thing bought and its price."""
    j = p - 1
    if j >= 0 and toks[j].low in ("him", "her", "them"):
        j -= 1
    if j < 0 or toks[j].low not in ("for", "at", "cost", "costs", "costing"):
        return None
    k = j - 1
    while k >= 0 and not toks[k].is_num and toks[k].low not in _ONE and k > j - 6 and toks[k].low.isalpha():
        k -= 1
    if k < 0 or toks[k].low not in _ONE or toks[k].is_num and toks[k].low != "one":
        return None
    told = phrase_at(toks, k)
    if not told.head:
        return None
    if told.end in (j, j - 1) or told.end < j and toks[told.end].low == "that":
        return told
    if told.end == j + 1 and toks[j].low in ("cost", "costs") and told.end - 1 > told.start:
        return told  # "a cage cost him $14.54": the phrase took the verb "cost" for a noun
    return None


def _priced_noun(toks: list[Tok], p: int, each: bool) -> Phrase | None:
    """The noun a listed price is of: "each flower was 3 dollars", "Adult tickets are $11", "tickets were 6
    dollars each", "sells T-shirts for $12", "$9 for adults"."""
    low = [t.low for t in toks]
    after = p + 1 if toks[p].unit else phrase_at(toks, p).end
    if each:
        after += 1
    if after + 1 < len(toks) and low[after] == "for" and not toks[after + 1].is_num:
        found = phrase_at(toks, after)
        if found.head:
            return found  # "$9 for adults", "$5 for each child" has "each" as k: the noun follows
    j = p - 1
    if j >= 0 and low[j] in _LINK | {"for"}:
        k = j - 1
        while k >= 0 and toks[k].low.isalpha() and not toks[k].is_num and k > j - 5 and low[k] not in ("and", ","):
            k -= 1
        start = k
        head = next((noun_lemma(low[i]) for i in range(j - 1, start, -1) if low[i].isalpha()), "")
        if head and head not in ("it", "they", "which", "that"):
            mods = tuple(noun_lemma(low[i]) for i in range(start + 1, j - 1))
            return Phrase(head, " ".join(m for m in mods if m not in ("each", "the", "a", "an")), start, j)
    return None


def _price_of(listed: list[tuple[Phrase, int]], told: Phrase) -> int | None:
    """The listed price whose noun the quantity's noun counts: the same noun, a kind of it, or its modifier."""
    found = [p for named, p in listed if same_thing(told.head, named.head) or told.head in named.stuff.split()]
    return found[0] if len(set(found)) == 1 else None


def _price_of_listed_with(toks: list[Tok], k: int, nums: list[int], listed: list[tuple[Phrase, int]]) -> int | None:
    """ "each flower was 3 dollars ... bought 2 roses and 2 daisies": an amount listed beside a kind of a priced
    noun (above it, not the same noun) is of a kind of it too, as English lists like with like."""
    for j in nums:
        a, b = sorted((j, k))
        if j == k or toks[a].sent != toks[b].sent or _money(toks, j):
            continue
        if [t.low for t in toks[phrase_at(toks, a).end:b]] not in (["and"], [","], [",", "and"]):
            continue
        other = phrase_at(toks, j)
        found = [p for named, p in listed if named.head != other.head and same_thing(other.head, named.head)]
        if len(found) == 1 and len(listed) == 1:
            return found[0]
    return None


def read(toks: list[Tok]) -> KindAnswer | None:
    """The cost of the purchases told, or the change from money told first; None when no cost is asked.

    Raises:
        ParseError: a cost is asked, and a number is not a quantity with its price, a price or the money told.
    """
    at = how_at(toks, ("much",))
    if at < 0:
        at = _what_total(toks)
    if at < 0:
        return None
    q = [t.low for t in toks[at:]]
    qv = {verb_lemma(w) or w for w in q}
    short = q[2:3] == ["more"] and "need" in qv  # "How much more money does he need to buy all three books?"
    left = bool(set(q) & _LEFT) or short or "have" in qv and bool({"now", "then"} & set(q))
    if not (qv & _COST_VERBS or left or {"total", "bill"} & set(q)) or {"each", "per"} & set(q):
        return None
    if q[2:3] == ["more"] and not short:
        return None
    asked_count = [t for t in toks[at:] if t.is_num]
    if len(asked_count) > 1 or asked_count and not short:
        return None
    nums = [k for k in range(at) if toks[k].is_num]
    if not any(_money(toks, k) for k in nums):
        return None
    _one_buyer(toks, at)
    _unpriced_thing(toks, at)
    for k in nums:
        e = k + 1 if toks[k].unit else phrase_at(toks, k).end
        if _money(toks, k) and e < len(toks) and toks[e].low in ("off", "discount", "back", "rebate", "refund"):
            raise ParseError("money taken off or given back ('a coupon for $5 off') is no price")
    start = _start(toks, nums)
    rest = [k for k in nums if k != start]
    costs, used, listed = _items(toks, rest)
    for k in rest:
        if k in used:
            continue
        told = phrase_at(toks, k)
        p = _price_of(listed, told) if not _money(toks, k) else None
        if p is None and not _money(toks, k):
            p = _price_of_listed_with(toks, k, rest, listed)
        if p is None:
            raise ParseError(f"the number {toks[k].text} is not a quantity with its price")
        costs.append(Bin("*", linear.num(toks[k].value), linear.num(toks[p].value)))
        used.add(k)
    if not costs or any(p not in used for _, p in listed) or len(costs) < 2 and not left:
        raise ParseError("a price is told and no quantity is bought at it")
    if len(costs) > 1 and _spent_on(toks, at):
        raise ParseError("the question asks what one of the things bought cost")
    total = costs[0]
    for c in costs[1:]:
        total = Bin("+", total, c)
    unit = next(_money(toks, k) for k in nums if _money(toks, k))
    if asked_count and asked_count[0].value != len(costs):
        raise ParseError("the question counts other things than the ones bought")
    if short:
        if start is None:
            raise ParseError("what more is needed is asked, and no money is told first")
        return solved([eq(X, Bin("-", total, linear.num(toks[start].value)))], "purchases", unit)
    if left:
        if start is None:
            raise ParseError("what is left is asked, and no money is told first")
        return solved([eq(X, Bin("-", linear.num(toks[start].value), total))], "purchases", unit)
    if start is not None:
        raise ParseError("money told first is not part of the cost asked")
    return solved([eq(X, total)], "purchases", unit)


def _what_total(toks: list[Tok]) -> int:
    """ "What was the total cost?", "What is the total bill?": where the question starts; -1 when not asked."""
    for k in range(len(toks) - 3):
        if [t.low for t in toks[k:k + 4]] == ["what", "amount", "of", "money"]:
            return k  # "What amount of money did Tony have then?"
        if toks[k].low == "what" and toks[k + 1].low in ("is", "was", "will") and toks[k].sent == toks[-1].sent:
            rest = {t.low for t in toks[k:]}
            if "total" in rest and rest & {"cost", "bill", "price"}:
                return k
    return -1


def _start(toks: list[Tok], nums: list[int]) -> int | None:
    """The money told first: "had $60", "his father gave him $85", "paid with a $50 bill", "has a $50 bill"."""
    found = []
    for k in nums:
        if not _money(toks, k):
            continue
        e = k + 1 if toks[k].unit else phrase_at(toks, k).end
        if e < len(toks) and toks[e].low == "bill":
            found.append(k)
            continue
        verbs = [verb_lemma(t.low) for t in toks[max(0, k - 3):k] if t.sent == toks[k].sent]
        if any(v in _START_VERBS for v in verbs) and not (e < len(toks) and toks[e].low in ("each", "for", "on")):
            found.append(k)
    if len(found) > 1:
        raise ParseError("two amounts of money told first")
    return found[0] if found else None


_PRONOUNS = frozenset("he she it they i we you".split())
_BUY = frozenset("buy purchase spend pay order".split())
_BEFORE_VERB = frozenset("also then and just had has have will would could did".split())
_ALL = frozenset("they together altogether all total both".split())


def _one_buyer(toks: list[Tok], at: int) -> None:
    """ "Leo bought 4 pens and his friend bought 6 pens. How much did Leo spend?": purchases by two buyers sum
    only when the question asks about all of them ("they", "together", "in all").

    Raises:
        ParseError: two buyers are told and the question asks about one.
    """
    buyers: list[str] = []
    for k in range(1, at):
        had = verb_lemma(toks[k].low) == "have" and k + 1 < at and toks[k + 1].is_num
        if not had and (verb_lemma(toks[k].low) not in _BUY or toks[k].low in ("cost", "costs")):
            continue
        j = k - 1
        while j > 0 and toks[j].low in _BEFORE_VERB:
            j -= 1
        who = toks[j].low
        if who in _PRONOUNS and buyers:
            continue
        if who not in _PRONOUNS and not toks[j].text[:1].isupper() and not is_person(noun_lemma(who)):
            continue  # "had $17 to spend", "$17 each and paid": the same subject's verb
        if who.isalpha() and who not in buyers:
            buyers.append(who)
    if len([b for b in buyers if b not in _PRONOUNS]) > 1 and not {t.low for t in toks[at:]} & _ALL:
        raise ParseError("two buyers are told and the question asks about one")


def _spent_on(toks: list[Tok], at: int) -> bool:
    """ "How much did she spend on hats?" after "3 shirts ... and 2 hats": the question names one of the things
    counted, or when ("this week"); "on toys" over a football and marbles names them all."""
    counted = {w for k in range(at) if toks[k].is_num for w in (phrase_at(toks, k).head, phrase_at(toks, k).stuff)}
    return _named_when(toks, at) or any(
        toks[k].low in ("on", "for") and noun_lemma(toks[k + (2 if toks[k + 1].low == "the" else 1)].low) in
        counted - {"", "dollar"} for k in range(at, len(toks) - 2))


def _named_when(toks: list[Tok], at: int) -> bool:
    """ "How much did she spend this week?": the question names when."""
    for k in range(at, len(toks) - 1):
        if toks[k].low in ("this", "last", "next", "that") and toks[k + 1].low.isalpha() and k + 1 < len(toks) - 1:
            return True  # "How much did she spend this week?"
    return False


def _unpriced_thing(toks: list[Tok], at: int) -> None:
    """ "She bought 2 books at $9 each and a pen.": one more thing bought, listed with no price.

    Raises:
        ParseError: a thing is listed among the purchases with no price.
    """
    buys = {toks[k].sent for k in range(at) if verb_lemma(toks[k].low) in _BUY and toks[k].low not in ("cost",
                                                                                                      "costs")}
    for k in range(at - 2):
        if toks[k].low not in ("and", ",") or toks[k + 1].low not in ("a", "an", "some") or toks[k].sent not in buys:
            continue
        told = phrase_at(toks, k + 1)
        after = [t for t in toks[told.end:told.end + 4] if t.sent == toks[k].sent]
        if told.head and not any(t.is_num for t in after) and not (after and verb_lemma(after[0].low)):
            raise ParseError(f"'{toks[k + 1].text} {told.head}' is bought and its price is not told")
