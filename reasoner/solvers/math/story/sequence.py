"""A pattern that continues: amounts told in order (the first, the second, ...; June, July, ...; Monday, ...), the next asked.

"He put 8 stickers on the first page, 16 on the second, 24 on the third ... If this pattern
continues, how many stickers will he put on the fifth page?" English says the rule only by
"this pattern continues"; the amounts say which rule. Three rules are read, each the simplest
of its kind and each checked on every amount told: the same difference each time (8, 16, 24),
the same factor each time (2, 6, 18, 54), or differences that grow by the same step (2, 3, 5, 8,
12: 1, 2, 3, 4). A rule that needs more amounts than are told to be seen (a growing difference
from three amounts) or that no amount confirms is not guessed: the story is declined.
"""

from __future__ import annotations

from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.parser import Relation
from reasoner.solvers.math.story.linear import num
from reasoner.solvers.math.story.model import Reading
from reasoner.solvers.math.tree import Bin, Name
from reasoner.text.numbers import ORDINALS

_ORDER = {"first": 1, **ORDINALS}
_MONTHS = {m: k for k, m in enumerate("january february march april may june july august september october "
                                      "november december".split(), 1)}
_WEEKDAYS = {d: k for k, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split(), 1)}
_PERIOD = {"month": 12, "weekday": 7}
_REACH = 6  # an order word this many tokens after its amount still places it ("8 stickers on the first page")


def continues(story) -> bool:
    """ "If this pattern continues", "if the pattern continues": the question asks for a later term."""
    toks = [t.low for c in story.clauses for t in c.toks] + [t.low for t in story.question.toks]
    return any(a == "pattern" and b.startswith("continu") for a, b in zip(toks, toks[1:], strict=False))


def _place(word: str) -> tuple[str, int] | None:
    if word in _ORDER:
        return "ordinal", _ORDER[word]
    if word in _MONTHS:
        return "month", _MONTHS[word]
    if word in _WEEKDAYS:
        return "weekday", _WEEKDAYS[word]
    return None


def _terms(story) -> tuple[list, str]:
    """The amounts told and their places in order; raises ParseError when an amount has no place."""
    terms, scale = [], ""
    for c in story.clauses:
        nums = [k for k, t in enumerate(c.toks) if t.is_num]
        for k in nums:
            nxt = min([j for j in nums if j > k] + [len(c.toks)])
            placed = [_place(t.low) for t in c.toks[k + 1:min(nxt, k + 1 + _REACH)]]
            placed = [p for p in placed if p]
            if not placed:
                raise ParseError(f"'{c.toks[k].text}' has no place in the pattern")
            if scale and placed[0][0] != scale:
                raise ParseError("the pattern's places mix orders")
            scale = placed[0][0]
            mention = next((m for m in c.mentions if m.index == k), None)
            if mention is None or mention.value is None:
                raise ParseError(f"'{c.toks[k].text}' is not an amount of the pattern")
            terms.append((placed[0][1], mention))
    return terms, scale


def _unrolled(places: list[int], period: int) -> list[int]:
    """Days and months go round: Saturday, Sunday, Monday is 6, 7, 8."""
    out = places[:1]
    for p in places[1:]:
        out.append(out[-1] + (p - out[-1]) % period if period else p)
    return out


def _asked_place(story, scale: str) -> int:
    places = [p for p in (_place(t.low) for t in story.question.toks) if p and p[0] == scale]
    if len(places) != 1:
        raise ParseError("which term of the pattern is asked is unclear")
    return places[0][1]


def _rule(values: list[Fraction]) -> str:
    diffs = [b - a for a, b in zip(values, values[1:], strict=False)]
    if len(set(diffs)) == 1:
        return "difference"
    if all(v > 0 for v in values) and len({b / a for a, b in zip(values, values[1:], strict=False)}) == 1:
        return "factor"
    seconds = {b - a for a, b in zip(diffs, diffs[1:], strict=False)}
    if len(diffs) >= 3 and len(seconds) == 1:
        return "growing difference"
    raise ParseError("the amounts follow no rule of a constant difference, factor or growing difference")


def _extend(nodes: list, rule: str, steps: int) -> object:
    """The asked term as an expression of the told amounts (so the work shows the rule)."""
    last, prev = nodes[-1], nodes[-2]
    if rule == "factor":
        for _ in range(steps):
            last = Bin("*", last, Bin("/", nodes[-1], prev))
        return last
    step = Bin("-", last, prev)
    grow = Bin("-", step, Bin("-", prev, nodes[-3])) if rule == "growing difference" else None
    for _ in range(steps):
        step = Bin("+", step, grow) if grow is not None else step
        last = Bin("+", last, step)
    return last


def pattern_reading(story) -> Reading | None:
    """The asked later term of a pattern that continues, or None when the story tells no pattern.

    Raises:
        ParseError: a pattern is said to continue but its amounts, their places or the asked
            place are not read (a decline, never a guess).
    """
    if not continues(story):
        return None
    if story.question.total or story.question.words & {"altogether", "together"}:
        raise ParseError("the sum of the pattern's terms is asked, not the next term")
    terms, scale = _terms(story)
    if len(terms) < 3 or story.question.mentions:
        raise ParseError("a pattern needs at least three amounts told and none in the question")
    places = _unrolled([p for p, _ in terms] + [_asked_place(story, scale)], _PERIOD.get(scale, 0))
    if places[:-1] != list(range(places[0], places[0] + len(terms))):
        raise ParseError("the pattern's amounts are not told in consecutive places")
    units = {m.unit for _, m in terms}
    if len(units) != 1 or story.question.unit not in units | {""}:
        raise ParseError("the pattern's amounts count different things")
    steps = places[-1] - places[-2]
    if not 1 <= steps <= 3:
        raise ParseError("the asked term is not one of the next few of the pattern")
    values = [m.value for _, m in terms]
    rule = _rule(values)
    nodes = [num(v) for v in values]
    expr = _extend(nodes, rule, steps)
    return Reading([Relation(Name("x"), "=", expr)], {id(m) for _, m in terms}, "pattern", units.pop())
