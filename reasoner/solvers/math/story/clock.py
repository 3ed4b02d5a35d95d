"""Times of day: "The puppet show begins at 2:00 p.m. It lasts 1 hour and 30 minutes. What time does it end?"

A clock time is written "H:MM" (with "a.m."/"p.m." or on the 24-hour clock); a duration is hours and minutes
("1 hour and 30 minutes", "1 h 20 min", "70 minutes"). Two readings, each accounting for every number:

- one clock time and one duration, the question "what time ...": the time asked is the told one plus the
  duration when the told time starts it (begins, starts, at) and the question asks its end (ends, finishes),
  or less the duration when the told time ends it and the question asks its start;
- things recurring "every" duration, one clock time they meet at, and the question "at what time ... (the
  same time | together) again": the told time plus the least common multiple of the periods (a count of the
  things, "three clocks", may be told).

The answer is written as the times of the story are: with a.m./p.m. when they have it, else on the 24-hour clock.
"""

from __future__ import annotations

import math
from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, solved
from reasoner.solvers.math.story.words import Tok, verb_lemma
from reasoner.solvers.math.tree import Bin, Call

_HOURS = frozenset("hour hours h hr hrs".split())
_MINUTES = frozenset("minute minutes min mins".split())
_START = frozenset("begin start leave eat set".split())
_END = frozenset("end finish stop arrive".split())


def _clock_times(toks: list[Tok]) -> list[tuple[int, int, int, str]]:
    """(minutes after midnight, first index, index after) of each "H:MM" (with its a.m./p.m.)."""
    out = []
    for k in range(len(toks) - 2):
        a, colon, b = toks[k], toks[k + 1], toks[k + 2]
        if not (a.is_num and colon.text == ":" and b.is_num and len(b.text) == 2):
            continue
        h, m = a.value, b.value
        if h.denominator != 1 or m.denominator != 1 or not 0 <= h < 24 or not 0 <= m < 60:
            raise ParseError("not a time of day")
        end, half = k + 3, ""
        if end + 2 < len(toks) + 1 and [t.low for t in toks[end:end + 3]] in (["p", ".", "m"], ["a", ".", "m"]):
            half, end = toks[end].low, end + 3
            end += 1 if end < len(toks) and toks[end].text == "." else 0
        hour = int(h)
        if half:
            if not 1 <= hour <= 12:
                raise ParseError("not a time of the 12-hour clock")
            hour = hour % 12 + (12 if half == "p" else 0)
        out.append((hour * 60 + int(m), k, end, half))
    return out


def _durations(toks: list[Tok], taken: set[int]) -> list[tuple[int, int, int]]:
    """(minutes, first index, index after) of each duration in hours and minutes."""
    out, k = [], 0
    while k < len(toks):
        t = toks[k]
        if not t.is_num or k in taken or k + 1 >= len(toks):
            k += 1
            continue
        unit = toks[k + 1].low
        if unit not in _HOURS | _MINUTES:
            k += 1
            continue
        minutes, end = t.value * (60 if unit in _HOURS else 1), k + 2
        if unit in _HOURS:
            j = end + (1 if end < len(toks) and toks[end].low == "and" else 0)
            if j + 1 < len(toks) and toks[j].is_num and toks[j + 1].low in _MINUTES:
                minutes, end = minutes + toks[j].value, j + 2
        if minutes.denominator != 1:
            raise ParseError("a duration in parts of a minute")
        out.append((int(minutes), k, end))
        k = end
    return out


def _show(minutes: int, half: bool) -> str:
    minutes %= 24 * 60
    h, m = divmod(minutes, 60)
    if not half:
        return f"{h}:{m:02d}"
    return f"{h % 12 or 12}:{m:02d} {'p.m.' if h >= 12 else 'a.m.'}"


def _verbs(toks: list[Tok]) -> set[str]:
    return {verb_lemma(t.low) for t in toks if t.text[:1].isalpha()} - {""}


def read(toks: list[Tok]) -> KindAnswer | None:
    """A time of day asked, or None when the question asks none.

    Raises:
        ParseError: a time is asked, and the story's numbers are not one clock time and its durations.
    """
    last = max(t.sent for t in toks)
    question = [t for t in toks if t.sent == last]
    low = [t.low for t in question]
    asks = any(a == "what" and b == "time" for a, b in zip(low, low[1:], strict=False))
    if not asks or "long" in low or "much" in low:
        return None
    times = _clock_times(toks)
    if len(times) != 1:
        raise ParseError("a time asked from other than one clock time")
    start, k0, k1, half = times[0]
    taken = set(range(k0, k1))
    spans = _durations(toks, taken)
    used = taken | {i for _, a, b in spans for i in range(a, b)}
    every = [m for m, a, _ in spans if a and toks[a - 1].low == "every" or a > 1 and toks[a - 2].low == "every"
             and toks[a - 1].low in ("1", "one")]
    rest = [t for i, t in enumerate(toks) if t.is_num and i not in used]
    if any(t.low not in ("two", "three", "four") or t.value != len(spans) for t in rest):
        raise ParseError("a number is not a time, a duration or the count of the periods")
    again = "again" in low or "together" in low or "same" in low
    if again and len(every) == len(spans) >= 2:
        period = math.lcm(*every)
        lcm = linear.num(Fraction(every[0]))
        for m in every[1:]:
            lcm = Call("lcm", (lcm, linear.num(Fraction(m))))
        expr = Bin("+", linear.num(Fraction(start)), lcm)
        return solved([eq(X, expr)], "clock", name=_show(start + period, bool(half)))
    if again or every or len(spans) != 1 or rest:
        raise ParseError("the durations are not one span of time")
    told = _verbs(toks[max(0, k0 - 6):k0] + [t for t in toks if t.sent == toks[k0].sent])
    asked = _verbs(question)
    span = spans[0][0]
    if asked & _END and not told & _END:
        value, op = start + span, "+"
    elif asked & _START and told & _END and not told & _START:
        value, op = start - span, "-"
    else:
        raise ParseError("whether the time told starts or ends the span is not told")
    expr = Bin(op, linear.num(Fraction(start)), linear.num(Fraction(span)))
    return solved([eq(X, expr)], "clock", name=_show(value, bool(half)))
