"""Small probability questions: letters drawn without replacement, dice and coins.

Parsing is pure; :func:`level_set`, :func:`sequence`, :func:`dice_sum` and
:func:`coin_heads` compute exact fractions, each with an independent recheck.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.words import number_word

_BAG = r"(\{[^{}]{0,600}\}|[a-z]{1,200})"
_DRAWN = r"(?:picked|drawn|chosen|taken|selected|removed|pulled)(?: out)?"
_DRAW = r"(?:pick|picks|picking|draw|draws|drawing|choose|chooses|choosing|take|takes|taking|select|selects|selecting|pull|pulls|pulling)(?: out)?"
_RANDOMLY = (
    r"(?: at random| randomly)?(?:,? (?:one after (?:another|the other)|one at a time|one by one|in a row|in succession|"
    r"in turn),?)?"
)
_WITHOUT = r",? without replacement,?"
_NOT_PUT_BACK = re.compile(
    r"\b(?:without (?:putting|placing|returning|replacing) (?:them|it|the letters?|any|each one)(?: back)?|"
    r"(?:with )?no replacement|and not (?:putting|returning) (?:them|it) back|(?:and )?not replaced)\b",
    re.I,
)
_OF_LETTERS = r"(?:the (?:letters?|bag|string|word|set|collection|multiset) (?:of )?)?"
# How many letters are drawn from which bag: "four letters picked ... from {...}", "I pick four
# letters ... from aab", "From aab, two letters are drawn ...".
_PICKED = [
    re.compile(
        rf"\b(\w+) letters? (?:are |were |get |is |was |being )?{_DRAWN}{_RANDOMLY}(?:{_WITHOUT})? (?:from|out of) {_BAG}",
        re.I,
    ),
    re.compile(rf"\b{_DRAW} (\w+) letters?{_RANDOMLY}(?: out)?(?:{_WITHOUT})? (?:from|out of) {_BAG}", re.I),
    re.compile(rf"\bfrom {_OF_LETTERS}{_BAG},? (?:\w+ )?(?!(?:are|were|is|was|get|letters?)\b)(\w+)(?: letters?)? (?:are |were |get |is |was )?{_DRAWN}", re.I),
    re.compile(rf"\bfrom {_OF_LETTERS}{_BAG},? (?:i |you |we )?{_DRAW} (\w+) letters?", re.I),
]
_ASK = (
    r"(?:prob(?:ability)?|chance|likelihood|how likely is(?: it)?|how probable is(?: it)?|what are the chances)"
    r"(?: is it)?(?: that| of)?"
)
_PICKING = re.compile(
    rf"{_ASK} (?:(?:i |you |we |they |one |it )?(?:will |would |should |to )?(?:end up with|ending up with|get|gets|getting|"
    r"pick|picks|picking|draw|draws|drawing|obtain|obtaining|choose|choosing|select|selecting|having|"
    r"come out with|is|are) )?(?:exactly )?([a-z0-9 ,]{1,300}?)(?:\?|\.| when | if | given | after | from |$)",
    re.I,
)
# Letters in order, written together ("ezz") or listed ("e, z, z", "e, z and z").
_LETTERS = r"((?:[a-z],? ){1,19}(?:and )?[a-z]|[a-z]{1,20})"
_SEQUENCE = re.compile(
    rf"{_ASK} (?:i |you |we |they )?(?:getting |drawing |picking |obtaining |seeing |get |draw |pick )?(?:the )?"
    rf"sequence (?:(?:is|will be|would be) (?=[a-z]{{1,20}}\s*[?.]?\s*$))?((?:[a-z], ){{1,19}}[a-z]|[a-z]{{1,20}})\b|(?:come out|are drawn|appear|arrive|show up|are picked|come up)(?: as| in the order)? "
    rf"{_LETTERS},? in (?:that|this|exactly that|exactly this) order|(?:come out|are drawn|appear|are picked|come up) "
    rf"in the order {_LETTERS}\b|"
    rf"{_ASK} (?:i |you |we |they )?(?:getting|drawing|picking|obtaining|seeing|get|draw|pick) {_LETTERS},? in (?:that|this|exactly that|exactly this) order|"
    r"(?:they |the letters |it )?(?:spell|spells|spell out|form|forms|make|makes) (?:the )?(?:word |sequence |string )?"
    r"([a-z]{1,20})\b|"
    rf"(?:(?:get|gets|getting|draw|draws|drawing|pick|picks|picking|see|obtain)(?: an?)?|{_ASK}) ([a-z]),? (?:and )?then (?:an? )?"
    r"([a-z])(?:,? (?:and )?then (?:an? )?([a-z]))?(?:,? (?:and )?then (?:an? )?([a-z]))?\b|"
    r"(?:the )?first (?:one |letter )?is (?:an? )?([a-z]),? and (?:the )?second (?:one |letter )?is (?:an? )?([a-z])"
    r"(?:,? and (?:the )?third (?:one |letter )?is (?:an? )?([a-z]))?\b",
    re.I,
)
_DICE = re.compile(
    r"prob(?:ability)? of (?:rolling|getting|throwing) (?:a )?(?:sum|total) of (\d{1,3}) "
    r"(?:with|using|on|when rolling) (\w+) (?:fair )?(?:six-sided )?dice",
    re.I,
)
_COINS = re.compile(
    r"prob(?:ability)? of (?:getting )?(?:exactly )?(\w+) heads? "
    r"(?:in|with|from|when flipping|when tossing) (\w+) (?:fair )?(?:coin )?"
    r"(?:flips|tosses|coins|throws)",
    re.I,
)
_ALL_ARE = re.compile(
    rf"{_ASK} (?:all|both|each|every one)(?: (?!letters?\b)(\w+))?(?: of them| letters| of the letters)? (?:are|is|will be|would be|come out as) "
    r"(?:an? |the letter )?([a-z])(?:'s|s)?\b",
    re.I,
)
MAX_DRAW = 12
MAX_DICE = 6
MAX_COINS = 60


def parse_probability(text: str) -> tuple[str, dict] | None:
    """(kind, args) when ``text`` is a probability question this module knows, else None."""
    lower = text.lower()
    if not any(w in lower for w in ("prob", "chance", "likel")):
        return None
    text = _NOT_PUT_BACK.sub("without replacement", text)  # "without putting them back"
    lower = text.lower()
    m = _DICE.search(text)
    if m:
        return "dice_sum", {"total": int(m.group(1)), "dice": _count(m.group(2), MAX_DICE)}
    m = _COINS.search(text)
    if m:
        return "coin_heads", {"heads": _count(m.group(1), MAX_COINS), "flips": _count(m.group(2), MAX_COINS)}
    found = _drawn(text)
    if found is None or "without replacement" not in lower:
        return None
    draws, bag = _count(found[0], MAX_DRAW), _bag(found[1])
    seq = _SEQUENCE.search(text)
    if seq:
        letters = re.sub(r"[, ]|\band\b", "", "".join(g for g in seq.groups() if g).lower())
        if len(letters) != draws:
            raise ParseError(f"sequence {letters!r} is not {draws} letters long")
        return "prob_sequence", {"bag": bag, "sequence": letters}
    every = _ALL_ARE.search(text)
    if every:  # "what are the chances all four are u": every letter drawn is that letter
        if every.group(1) and every.group(1).lower() not in ("both", "all", "of them") and number_word(every.group(1)) != draws:
            raise ParseError(f"all {every.group(1)} of {draws} letters")
        return "prob_level_set", {"bag": bag, "target": {every.group(2).lower(): draws}}
    pick = _PICKING.search(text)
    if pick:
        target = _target(pick.group(1))
        if sum(target.values()) != draws:
            raise ParseError(f"picking {sum(target.values())} letters, not {draws}")
        return "prob_level_set", {"bag": bag, "target": target}
    return None


def _drawn(text: str) -> tuple[str, str] | None:
    """(number of letters, bag text) from the sentence that says what is drawn."""
    for i, pattern in enumerate(_PICKED):
        m = pattern.search(text)
        if m:
            return (m.group(1), m.group(2)) if i < 2 else (m.group(2), m.group(1))
    bag, count = _COUNTED_BAG.search(text), _DRAWN_COUNT.search(text)
    if bag and count:  # "12 l's and 2 f's in a bag. If I draw two letters without replacement, ..."
        items = [(n, letter.lower()) for n, letter in _COUNTED_ITEM.findall(bag.group(1) or bag.group(2))]
        if len({letter for _n, letter in items}) != len(items):
            raise ParseError("a letter is counted twice in the bag")
        body = ", ".join(f"{letter}: {number_word(n)}" for n, letter in items)
        return count.group(1) or count.group(2), "{" + body + "}"
    bags = _BRACED_BAG.findall(text)
    if len(bags) == 1 and count:  # "A bag holds {c: 1, s: 4}. I draw four letters without replacement."
        return count.group(1) or count.group(2), bags[0]
    return None


# A bag written as counts in braces: the one bag of the problem, wherever the sentence names it.
_BRACED_BAG = re.compile(r"\{[^{}]{0,600}\}")


_COUNTED_ITEM = re.compile(r"(\w+) ([a-z])(?:'s|s)?\b", re.I)
_COUNTED_BAG = re.compile(
    r"((?:\w+ [a-z](?:'s|s)?(?:, and |, | and ))+\w+ [a-z](?:'s|s)?) (?:letters )?(?:in|inside|into) "
    r"(?:a|the|my|one) (?:bag|box|urn|jar|hat|pot|bowl|tin)\b|"
    r"\b(?:a|the|my|one) (?:bag|box|urn|jar|hat|pot|bowl|tin) (?:has|holds|contains|with|containing|holding)"
    r"(?: the letters)?:? ((?:\w+ [a-z](?:'s|s)?(?:, and |, | and ))+\w+ [a-z](?:'s|s)?)\b",
    re.I,
)
_DRAWN_COUNT = re.compile(
    rf"\b{_DRAW} (\w+) (?:letters?|of them){_RANDOMLY}(?: out)?{_WITHOUT}|"
    rf"\b(\w+) (?:letters?|of them) (?:are |were |get |is |was )?{_DRAWN}{_RANDOMLY}{_WITHOUT}",
    re.I,
)


def _count(word: str, bound: int) -> int:
    n = number_word(word)
    if not 1 <= n <= bound and not (n == 0 and bound == MAX_COINS):
        raise ParseError(f"{n} is outside 1..{bound}")
    return n


def _bag(text: str) -> dict[str, int]:
    if text.startswith("{"):
        bag: dict[str, int] = {}
        for part in text.strip("{}").split(","):
            letter, _, n = part.partition(":")
            letter, n = letter.strip().lower(), n.strip()
            if len(letter) != 1 or not n.isdigit() or len(n) > 4:
                raise ParseError(f"bad bag entry {part.strip()!r}")
            bag[letter] = bag.get(letter, 0) + int(n)
        return bag
    return dict(Counter(text.lower()))


def _target(text: str) -> dict[str, int]:
    parts = re.split(r",\s*|\s+and\s+", text.strip())
    target: dict[str, int] = {}
    for part in parts:
        words = part.split()
        if len(words) != 2 or len(words[1]) != 1:
            raise ParseError(f"bad target {part!r}")
        target[words[1].lower()] = target.get(words[1].lower(), 0) + number_word(words[0])
    return target


def level_set(bag: dict[str, int], target: dict[str, int]) -> Fraction:
    """P(the multiset ``target`` is drawn) when drawing sum(target) letters without replacement."""
    total = sum(bag.values())
    k = sum(target.values())
    ways = math.prod(math.comb(bag.get(c, 0), n) for c, n in target.items())
    return Fraction(ways, math.comb(total, k))


def level_set_by_sequences(bag: dict[str, int], target: dict[str, int]) -> Fraction:
    """The same probability as (number of distinct orders) x P(one order): an independent path."""
    letters = "".join(c * n for c, n in sorted(target.items()))
    orders = math.factorial(len(letters))
    for n in target.values():
        orders //= math.factorial(n)
    return orders * sequence(bag, letters)


def sequence(bag: dict[str, int], letters: str) -> Fraction:
    """P(drawing exactly ``letters`` in order) without replacement."""
    left = dict(bag)
    total = sum(bag.values())
    p = Fraction(1)
    for c in letters:
        if total <= 0 or left.get(c, 0) <= 0:
            return Fraction(0)
        p *= Fraction(left[c], total)
        left[c] -= 1
        total -= 1
    return p


def sequence_by_counting(bag: dict[str, int], letters: str) -> Fraction:
    """The same probability as a ratio of falling factorials (an independent path)."""
    total = sum(bag.values())
    need = Counter(letters)
    ways = math.prod(math.perm(bag.get(c, 0), n) for c, n in need.items())
    return Fraction(ways, math.perm(total, len(letters)))


def dice_sum(total: int, dice: int) -> Fraction:
    """P(the sum of ``dice`` fair six-sided dice is ``total``), by enumeration."""
    hits = sum(1 for roll in itertools.product(range(1, 7), repeat=dice) if sum(roll) == total)
    return Fraction(hits, 6**dice)


def dice_sum_by_formula(total: int, dice: int) -> Fraction:
    """The same probability by inclusion-exclusion (an independent path)."""
    s = total - dice
    ways = sum(
        (-1) ** k * math.comb(dice, k) * math.comb(s - 6 * k + dice - 1, dice - 1)
        for k in range(0, s // 6 + 1)
        if s - 6 * k >= 0
    )
    return Fraction(ways, 6**dice)


def coin_heads(heads: int, flips: int) -> Fraction:
    """P(exactly ``heads`` heads in ``flips`` fair flips)."""
    return Fraction(math.comb(flips, heads), 2**flips)
