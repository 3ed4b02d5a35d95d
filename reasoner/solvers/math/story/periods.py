"""Things that recur at their own period meet again at the least common multiple of the periods.

"Ronald does laundry every 6 days and Tim does laundry every 9 days. How many days will it be until they both do
laundry on the same day again?" Each period is an amount of time said with "every" ("every 6 days", "after
every 90 minutes") or as the time one round takes ("completes the track in 28 seconds"); the question asks
for a time when they coincide ("again", "at the same time", "together", "side by side"). Every amount of the
story must be such a period, in one unit, or the count of the things that recur ("Two clocks"); anything
else is declined.
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.parser import Relation
from reasoner.solvers.math.story.model import Reading
from reasoner.solvers.math.story.words import noun_lemma
from reasoner.solvers.math.tree import Call, Name, Num

_TIME = frozenset("second minute hour day week month year".split())
_TOGETHER = frozenset("again together simultaneously".split())


def _coincide(q) -> bool:
    words = [t.low for t in q.toks]
    pairs = set(zip(words, words[1:], strict=False))
    return bool(q.words & _TOGETHER) or ("same", "time") in pairs or ("same", "day") in pairs or (
        "side", "by") in pairs


def _period(c, m) -> bool:
    """ "every 6 days", "after every 90 minutes", "completes it in 28 seconds", "a round in 12 minutes"."""
    before = [t.low for t in c.toks[max(0, m.index - 2):m.index]]
    return before[-1:] == ["every"] or before[-1:] == ["in"] and any(
        noun_lemma(t.low) in ("round", "lap", "track", "circle", "trip") or t.low in ("it", "them")
        for t in c.toks[:m.index])


def period_reading(story) -> Reading | None:
    """x = lcm of the periods, or None when the question asks for no coincidence in time.

    Raises:
        ParseError: a coincidence is asked but the story's amounts are not all periods of one unit.
    """
    q = story.question
    if q.unit not in _TIME or q.how != "many" or not _coincide(q):
        return None
    periods, counts = [], []
    for c in story.clauses:
        for m in c.mentions:
            if m.value is None:
                continue
            if m.unit == q.unit and m.value.denominator == 1 and _period(c, m):
                periods.append(m)
            else:
                counts.append(m)
    if len(periods) < 2:
        raise ParseError("a time when they meet is asked, and fewer than two periods are told")
    if any(m.value != len(periods) for m in counts):
        raise ParseError("an amount beside the periods is not read")
    expr = Num(str(periods[0].value))
    for m in periods[1:]:
        expr = Call("lcm", (expr, Num(str(m.value))))
    reading = Reading([Relation(Name("x"), "=", expr)], {id(m) for m in periods + counts}, "lcm", q.unit)
    reading.least = 2
    return reading
