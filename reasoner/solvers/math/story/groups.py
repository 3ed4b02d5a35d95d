"""Equal groups: the greatest common divisor, the least common multiple, and equal shares with a remainder.

"The greatest number of identical baskets" is the gcd of the story's numbers, "the least number that fills
groups of 6 and of 8" their lcm, and "42 pencils to 12 students equally ... how many are left?" the
remainder. Each reading takes every number of the story, so a number told apart is a decline.
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.story import lexicon
from reasoner.solvers.math.story.holders import X
from reasoner.solvers.math.story.model import Builder, Reading, _eq
from reasoner.solvers.math.story.reader import Story
from reasoner.solvers.math.story.words import noun_lemma, verb_lemma
from reasoner.solvers.math.tree import Bin, Call

_EQUAL = frozenset("equal equally evenly same".split())


def _clause_obj(story: Story, m):
    return next((c for c in story.clauses if any(x is m for x in c.mentions)), None)


def _clause_of(story: Story, m) -> int:
    return next((id(c) for c in story.clauses if any(x is m for x in c.mentions)), 0)


_GREATEST = frozenset("greatest largest most maximum biggest".split())
_LEAST = frozenset("smallest least fewest minimum lowest".split())
_EQUAL_PARTS = frozenset("same identical equal equally evenly".split())


def _divisor_question(story: Story) -> str:
    """ "gcd" for the greatest number of equal groups, "lcm" for the least number that fills groups of each size."""
    q = story.question.words
    said = {w for c in story.clauses for w in c.words} | q
    equal = bool(said & _EQUAL_PARTS) or "left" in said and "over" in said
    if q & _GREATEST and "number" in q and equal:
        return "gcd"
    if q & _LEAST and "number" in q and equal:
        return "lcm"
    return ""


def _divisors(b: Builder) -> Reading:
    """The greatest common divisor or least common multiple of every number in the story."""
    kind = _divisor_question(b.story)
    numbers = [m for m in b.story.mentions if m.value is not None and not _enumerated(b.story, m)]
    if len(numbers) < 2 or any(m.value.denominator != 1 or m.value < 2 for m in numbers):
        raise ParseError(f"a {kind} needs two or more whole numbers")
    nouns = {m.unit for m in numbers} | {m.of for m in numbers if m.of}
    if any(not _shares(b.story, m, numbers) for m in numbers):
        # "It rained for 3 days that month": a number told apart, of its own noun, is not among the shared
        raise ParseError(f"a number the {kind} would take is told apart from the others")
    if any(_placing(b.story, m) for m in numbers):
        raise ParseError("a number counts boxes or groups, not the things shared")  # "3 boxes with 24 apples"
    q = b.q
    rates = [f for f in b.facts if f.kind == "rate"]
    if kind == "gcd" and (q.unit in nouns or q.of in nouns and q.of):
        # "the greatest number of roses in each bouquet" may be per kind (20 / 10) or the gcd: not guessed
        raise ParseError("the greatest number of the shared things themselves is asked")
    if kind == "lcm" and (len(rates) != len(numbers) or q.unit in {f.per for f in rates}):
        raise ParseError("a least common multiple of group sizes, asked in things ('packs of 6 ... how many hot dogs')")
    expr = b.val(numbers[0])
    for m in numbers[1:]:
        expr = Call(kind, (expr, b.val(m)))
    b.equations.append(_eq(X, expr))
    unit = b.q.unit or numbers[0].unit
    reading = Reading(b.equations, b.used, kind, unit)
    reading.least = 2  # one group, or a multiple of 1, is not what these questions ask
    return reading


def _shares(story: Story, m, numbers: list) -> bool:
    """The number is told in a sentence with another of the numbers, or counts the same noun or verb as one.

    Checked with the distractor probe (an unrelated sentence with a number added to ASDiv development
    stories): the greatest common divisor took the unrelated number in.
    """
    verb = _verb_of(story, m)
    if lexicon.verb_class(verb) in ("state", ""):
        verb = ""  # "has", "is": every sentence can say it
    for n in numbers:
        if n is m:
            continue
        # a noun one of them only took from the other ("groups of 5 ... Each bus has 40 seats") ties nothing
        same_noun = _told_by_then(story, n) and _told_by_then(story, m) and {n.unit, n.of} & {m.unit, m.of} - {""}
        if n.sent == m.sent or same_noun or verb and verb == _verb_of(story, n):
            return True
    return False


def _told_by_then(story: Story, m) -> bool:
    """The number's noun is written by its sentence ("students in groups of 14"), not only taken from a later one."""
    if not m.inherited:
        return True
    return any(noun_lemma(t.low) == m.unit for c in story.clauses if c.sent <= m.sent for t in c.toks)


def _verb_of(story: Story, m) -> str:
    c = _clause_obj(story, m)
    return (m.verb or c.verb) if c is not None else ""


_LEFT_OVER_WORDS = frozenset("left leftover remain remaining remainder".split())
_NEEDED = frozenset("need needed needs should must would".split())


def _remainder_question(story: Story) -> str:
    """ "left" for what equal sharing leaves over, "more" for how many more make the shares equal, or ""."""
    q = story.question
    said = {w for c in story.clauses for w in c.words} | q.words
    if not said & _EQUAL and not ("divide" in {verb_lemma(w) for w in said} and "groups" in said):
        return ""
    if q.words & _LEFT_OVER_WORDS and not q.each and not q.compare:
        return "left"
    if q.compare == "more" and q.words & _NEEDED:
        return "more"
    return ""


def _remainder(b: Builder, kind: str) -> Reading:
    """Equal shares with a remainder: what is left over (T - N floor(T/N)), or how many more fill the last share.

    Exactly two whole numbers: the things shared (the asked noun) and how many share them (another noun).
    """
    numbers = [m for m in b.story.mentions if m.value is not None]
    if len(numbers) != 2 or any(m.value.denominator != 1 or m.value < 1 for m in numbers):
        raise ParseError("equal shares with a remainder need the things and the number of shares, and nothing else")
    unit = b.unit()
    things = [m for m in numbers if m.names(unit)]
    shares = [m for m in numbers if not m.names(unit) and m.unit]
    if len(things) != 1 or len(shares) != 1:
        raise ParseError("which number is shared and which shares it is unclear")
    if things[0].value <= shares[0].value:
        raise ParseError("fewer things than shares: no share gets one")  # "30 students in 5 groups ... groups left?"
    t, n = b.val(things[0]), b.val(shares[0])
    whole = Bin("*", n, Call("floor" if kind == "left" else "ceiling", (Bin("/", t, n),)))
    b.equations.append(_eq(X, Bin("-", t, whole) if kind == "left" else Bin("-", whole, t)))
    reading = Reading(b.equations, b.used, "remainder", unit)
    reading.least = 1  # nothing left over, or nothing more needed, is not what these questions ask
    return reading


def _placing(story: Story, m) -> bool:
    """ "in 2 classes", "3 boxes with 24 apples": a count of places or containers of the other numbers."""
    c = _clause_obj(story, m) or story.question
    toks = c.toks
    before = toks[m.index - 1].low if m.index > 0 else ""
    after = toks[m.end].low if 0 < m.end < len(toks) else ""
    return before in ("in", "among", "between", "on", "from") or after in ("with", "containing")


_ORDINALS = frozenset("first second third fourth other".split())


def _enumerated(story: Story, m) -> bool:
    """ "two separate gifts ... The first gift is a box of 18": a count of the things then told one by one."""
    words = [t.low for c in story.clauses for t in c.toks]
    later = list(zip(words, words[1:], strict=False))
    return any(a in _ORDINALS and (noun_lemma(b_) == m.unit or b_ in ("is", "was")) for a, b_ in later) or (
        "other" in words and m.value == 2)

