"""Questions answered by a name: which of two is longer, or has the higher ratio.

- A measure and a comparison: "Tim's shoe is 18 cm long. John's shoe is 2 cm longer than Tim's. Who has the
  longer shoe?" The comparison's subject is the one its adjective says (longer, taller, bigger ...); the
  question asks the same direction (that subject) or the opposite one (the other). Exactly these two numbers.
- Two groups with two amounts each: "Ava baked 14 apple pies and 8 blueberry pies. Shannon baked 12 apple pies
  and 4 blueberry pies. Who baked a higher ratio of apple pies to blueberry pies?" Each group is a sentence (or
  one of two coordinated clauses) with two numbers; each number is the ratio's first or second side by the
  words around it; each group is named by the question's noun ("which team": the phrase that ends with
  "team"), by its opening place or time ("In the fall,"), or by the person it tells of. Equal ratios answer
  "They are equal".
- Two offers, "3 blue chairs for $35.07 or 5 red chairs for $58.15. Which color chair has a lower unit price?":
  each offer is a count and a price; the answer names the offer with the lower (cheaper, better deal) or higher
  price per thing, by its opening place or time ("In September", "At the market") or by the words that set its
  counted things apart ("blue" / "red").
"""

from __future__ import annotations

from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, ratio_of_to, sentences, solved
from reasoner.solvers.math.story.words import Tok, known, noun_lemma, word_forms
from reasoner.solvers.math.tree import Bin
from reasoner.text.stopwords import FUNCTION_WORDS

_UP = frozenset("longer taller bigger larger higher heavier older wider greater more longest tallest biggest "
                "largest highest heaviest oldest widest greatest most".split())
_DOWN = frozenset("shorter smaller lower lighter younger narrower less fewer shortest smallest lowest lightest "
                  "youngest narrowest least fewest".split())
_MEASURES = frozenset("long tall big large high heavy old wide".split())
_BE = frozenset("is was are were".split())
_WH = frozenset("who whose which where".split())
_PREPOSITIONS = frozenset("in on at among during for".split())


def _direction(words) -> int:
    words = list(words)
    ups, downs = [w for w in words if w in _UP], [w for w in words if w in _DOWN]
    if bool(ups) == bool(downs):
        return 0
    return 1 if ups else -1


_TITLES = frozenset("mr mrs ms miss dr prof".split())


def _owner(toks: list[Tok]) -> str:
    """The person a clause tells of: a capitalised name with its title and other names ("Sam", "Mrs. Hilt",
    "Tommy's dog" -> Tommy)."""
    for k, t in enumerate(toks):
        after = toks[k + 1].low if k + 1 < len(toks) else ""
        if t.text[:1].isupper() and t.low not in FUNCTION_WORDS and (k or not known(t.low) or after == "'s"
                                                                        or after in _BE or t.low in _TITLES):
            run = [t]
            for nxt in toks[k + 1:]:
                if not nxt.text[:1].isupper() or nxt.low in FUNCTION_WORDS:
                    break
                run.append(nxt)
            return " ".join(x.text for x in run)
    return ""


def _wh_start(question: list[Tok]) -> int:
    for k, t in enumerate(question[:3]):
        if t.low in _WH:
            return k
    return -1


def _measured(toks: list[Tok]) -> KindAnswer | None:
    sents = sentences(toks)
    question, body = sents[-1], [s for s in sents[:-1] if any(t.is_num for t in s)]
    w = _wh_start(question)
    if w < 0 or question[w].low not in ("who", "whose") or any(t.is_num for t in question):
        return None
    if "ratio" in {t.low for t in question} or len(body) != 2:
        return None
    dq = _direction(t.low for t in question)
    if not dq:
        return None
    first, second = body
    if sum(t.is_num for t in first) != 1 or sum(t.is_num for t in second) != 1:
        raise ParseError("a comparison of two measures tells two numbers")
    k1 = next(k for k, t in enumerate(first) if t.is_num)
    k2 = next(k for k, t in enumerate(second) if t.is_num)
    if not any(t.low in _MEASURES for t in first[k1 + 1:k1 + 4]) or not any(t.low in _BE for t in first[:k1]):
        raise ParseError("the first measure is not told as 'is N long'")
    than = next((k for k, t in enumerate(second) if t.low == "than"), -1)
    d2 = _direction(t.low for t in second[k2 + 1:than])
    if than < 0 or not d2 or than - k2 > 4:
        raise ParseError("the second measure is not told as 'N longer than'")
    one, two, other = _owner(first[:k1]), _owner(second[:k2]), _owner(second[than + 1:])
    if not one or not two or one == two or other != one:
        raise ParseError("the comparison's two sides are not the two told")
    name = two if d2 == dq else one
    if question[w].low == "whose":
        noun = []
        for t in question[w + 1:]:
            if t.low in _BE or t.low in _UP | _DOWN or not t.text[:1].isalpha():
                break
            noun.append(t.text)
        name = f"{name}'s {' '.join(noun)}" if noun else name
    v1, v2 = first[k1].value, second[k2].value
    return solved([eq(X, Bin("+" if d2 > 0 else "-", linear.num(v1), linear.num(v2)))], "which", name=name)


def _ratio_sides(question: list[Tok]) -> tuple[set[str], set[str]] | None:
    sides = ratio_of_to(question, lambda w: w in ("?", ".", "events") or w in _BE)
    if sides is None:
        return None
    a, b = (word_forms(side, FUNCTION_WORDS) for side in sides)
    return a - b, b - a


def _groups(body: list[list[Tok]]) -> list[list[Tok]]:
    with_numbers = [s for s in body if any(t.is_num for t in s)]
    if len(with_numbers) == 1:
        s = with_numbers[0]
        nums = [k for k, t in enumerate(s) if t.is_num]
        if len(nums) == 4:
            cut = max((k for k in range(nums[1] + 1, nums[2]) if s[k].low in (",", ";")), default=-1)
            if cut > 0:
                return [s[:cut], s[cut + 1:]]
    return with_numbers


def _sides_of(group: list[Tok], a: set[str], b: set[str]) -> tuple[Fraction, Fraction]:
    nums = [k for k, t in enumerate(group) if t.is_num]
    if len(nums) != 2:
        raise ParseError("a group of the ratio tells not two numbers")
    for context in ("after", "before"):
        scores = []
        for _i, k in enumerate(nums):
            if context == "after":
                stop = next((j for j in range(k + 1, len(group)) if group[j].is_num or group[j].low in ("and", ",")),
                            len(group))
                words = word_forms(group[k + 1:stop], FUNCTION_WORDS)
            else:
                start = max([j for j in range(0, k) if group[j].is_num or group[j].low in ("and", ",")], default=-1)
                words = word_forms(group[start + 1:k], FUNCTION_WORDS)
            scores.append((len(words & a) > len(words & b)) - (len(words & b) > len(words & a)))
        if scores in ([1, -1], [1, 0], [0, -1]):
            return group[nums[0]].value, group[nums[1]].value
        if scores in ([-1, 1], [0, 1], [-1, 0]):
            return group[nums[1]].value, group[nums[0]].value
    raise ParseError("which number is which side of the ratio is not told")


def _label(group: list[Tok], noun: str) -> str:
    """The group's name: the phrase ending with the question's noun, its opening place or time, or its person."""
    for k, t in enumerate(group):
        if noun and noun_lemma(t.low) == noun:
            j = k
            while j > 0 and (group[j - 1].low == "'s" or group[j - 1].text[:1].isalpha()
                             and group[j - 1].low not in FUNCTION_WORDS and not group[j - 1].is_num):
                j -= 1
            if j < k:
                return _join(group[j:k + 1])
    if group and group[0].low in _PREPOSITIONS:
        words = []
        for t in group[1:]:
            if t.low in ("the", "its", "a", "an") and not words:
                continue
            if t.is_num or t.low == "," or t.low in FUNCTION_WORDS and t.low != "'s":
                break
            words.append(t)
        if words:
            return _join(words)
    return _owner(group)


def _join(toks: list[Tok]) -> str:
    out = ""
    for t in toks:
        out += t.text if t.low == "'s" or not out else " " + t.text
    return out


def _ratios(toks: list[Tok]) -> KindAnswer | None:
    sents = sentences(toks)
    question = sents[-1]
    w = _wh_start(question)
    sides = _ratio_sides(question)
    if w < 0 or sides is None or any(t.is_num for t in question):
        return None
    dq = _direction(t.low for t in question)
    if not dq:
        raise ParseError("the question asks no higher or lower ratio")
    groups = _groups(sents[:-1])
    if len(groups) != 2 or sum(t.is_num for s in sents for t in s) != 4:
        raise ParseError("a comparison of ratios needs two groups of two numbers")
    noun = noun_lemma(question[w + 1].low) if question[w].low == "which" and w + 1 < len(question) else ""
    if noun in ("middle", "high", "elementary"):
        noun = "school"
    labels = [_label(g, noun) for g in groups]
    if not all(labels) or labels[0].lower() == labels[1].lower():
        raise ParseError("the two groups are not named apart")
    (a1, b1), (a2, b2) = (_sides_of(g, *sides) for g in groups)
    r1, r2 = a1 / b1, a2 / b2
    name = "They are equal" if r1 == r2 else labels[0] if (r1 > r2) == (dq > 0) else labels[1]
    expr = Bin("-", Bin("/", linear.num(a1), linear.num(b1)), Bin("/", linear.num(a2), linear.num(b2)))
    return solved([eq(X, expr)], "which ratio", name=name)


_CHEAP = frozenset("lower lowest cheaper cheapest less least better best".split())
_DEAR = frozenset("higher highest more most greater greatest".split())


def _price_groups(body: list[Tok]) -> list[list[Tok]]:
    """Clauses of "N things for $P": the body cut before each count that a price follows."""
    nums = [k for k, t in enumerate(body) if t.is_num]
    if len(nums) != 4:
        raise ParseError("a unit price comparison tells two counts and two prices")
    cut = next((k for k in range(nums[1] + 1, nums[2]) if body[k].low in ("or", ",", ".", "and")), -1)
    if cut < 0:
        raise ParseError("the two offers are not told apart")
    return [body[:cut], body[cut + 1:]]


def _offer(group: list[Tok]) -> tuple[Fraction, Fraction, str]:
    """(count, price, the counted noun phrase) of "3 blue chairs for $35.07" or "$10.40 for 4 bags"."""
    nums = [t for t in group if t.is_num]
    prices = [t for t in nums if t.unit == "dollar"]
    counts = [t for t in nums if t.unit != "dollar"]
    if len(prices) != 1 or len(counts) != 1 or not counts[0].value or counts[0].value.denominator != 1:
        raise ParseError("an offer is not a count and a price")
    k = next(i for i, t in enumerate(group) if t is counts[0])
    words = []
    for t in group[k + 1:]:
        if not t.text[:1].isalpha() or t.low in FUNCTION_WORDS:
            break
        words.append(t)
    return counts[0].value, prices[0].value, " ".join(noun_lemma(t.low) if i == len(words) - 1 else t.low
                                                        for i, t in enumerate(words))


def _unit_prices(toks: list[Tok]) -> KindAnswer | None:
    sents = sentences(toks)
    question = sents[-1]
    low = {t.low for t in question}
    w = _wh_start(question)
    if w < 0 or question[w].low not in ("which", "where") and not any(t.low == "which" for t in question[:4]):
        return None
    if not ({"price", "cost", "deal", "costs"} & low) or "ratio" in low or any(t.is_num for t in question):
        return None
    cheap, dear = bool(low & _CHEAP), bool(low & _DEAR)
    if cheap == dear:
        raise ParseError("the question asks neither the cheaper nor the dearer offer")
    body = [t for s in sents[:-1] for t in s]
    groups = _price_groups(body)
    offers = [_offer(g) for g in groups]
    labels = [_label(g, "") if g and g[0].low in _PREPOSITIONS else "" for g in groups]
    if not all(labels) or labels[0].lower() == labels[1].lower():
        names = [o[2] for o in offers]
        if names[0] == names[1] or not all(names):
            raise ParseError("the two offers are not named apart")
        a, b = names[0].split(), names[1].split()
        if len(a) == len(b) and a[-1] == b[-1]:
            labels = [" ".join(x for x in a if x not in b), " ".join(x for x in b if x not in a)]
        else:
            labels = names
    (n1, p1, _), (n2, p2, _) = offers
    u1, u2 = p1 / n1, p2 / n2
    if u1 == u2:
        raise ParseError("the unit prices are equal")
    pick = 0 if (u1 < u2) == cheap else 1
    expr = Bin("-", Bin("/", linear.num(p1), linear.num(n1)), Bin("/", linear.num(p2), linear.num(n2)))
    return solved([eq(X, expr)], "which price", name=labels[pick])


def read(toks: list[Tok]) -> KindAnswer | None:
    """A name answer of the three kinds, or None when the question asks none.

    Raises:
        ParseError: a comparison is asked, and the story does not tell it completely.
    """
    for kind in (_measured, _ratios, _unit_prices):
        found = kind(toks)
        if found is not None:
            return found
    return None
