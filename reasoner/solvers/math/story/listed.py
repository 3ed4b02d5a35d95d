"""A list of parts told one by one, and the whole they make.

"Savant has 3 jars. He puts 34 coins in the first jar, 29 in the second and 13 in the third. How many coins does
he have together?" English picks out the parts with place words ("the first ... the second ... the last", or
"one ... the other"); the count before them ("3 jars") says how many parts there are. The whole is their sum,
read only when exactly that many parts are told, each with one amount of the asked noun, and nothing else in
the story changes them.
"""

from __future__ import annotations

from reasoner.solvers.math.story.holders import X
from reasoner.solvers.math.story.model import Builder, Reading, _eq, _sum
from reasoner.solvers.math.story.reader import Story
from reasoner.text.numbers import ORDINALS

_PLACE_WORDS = {"first": 1, **ORDINALS}


def _marker(low: list[str], lo: int, hi: int) -> int:
    """The place word in ``low[lo:hi]``: "the first" 1, "the other" 2, "the last" -1, else 0."""
    for j in range(max(lo, 1), hi):
        w = low[j]
        if low[j - 1] == "the" and (w in _PLACE_WORDS or w in ("last", "other")):
            return _PLACE_WORDS.get(w, -1 if w == "last" else 2)
    return 0


def _places_in(c) -> list[tuple[int, object]]:
    """(place, amount) for each amount of a clause that a place word picks out ("34 coins in the first jar")."""
    low = [t.low for t in c.toks]
    nums = sorted((x for x in c.mentions if x.value is not None), key=lambda x: x.index)
    opener = nums[0] if nums and nums[0].index == 0 and nums[0].text.lower() == "one" and len(nums) > 1 else None
    if opener is not None or low[:1] == ["one"]:
        nums = [x for x in nums if x is not opener]
        return [(1, nums[0])] if len(nums) == 1 else []  # "One had 23 pictures", "One stack had 4 coins"
    out = []
    for k, x in enumerate(nums):
        lo = nums[k - 1].end if k else 0
        hi = nums[k + 1].index if k + 1 < len(nums) else len(low)
        place = _marker(low, x.index, hi) or _marker(low, lo, x.index)  # "34 coins in the first jar", "the first weighed 2"
        if place:
            out.append((place, x))
    return out


def _enumeration(story: Story) -> tuple[set[int], list]:
    """The parts of a list told one by one, and the numbers that only count or open it.

    "Savant has 3 jars. He puts 34 coins in the first jar, 29 in the second and 13 in the third": the 3 says
    how many parts follow and is accounted for when exactly that many are told, the first to the third (or
    "the last"); "One stack had 4 coins and the other had 8": "one" opens the pair. Returns the ids of those
    numbers and the amounts of the parts in order (empty when the story tells no such list).
    """
    parts, opened = [], set()
    for c in story.clauses:
        found = _places_in(c)
        parts += found
        if found and found[0][0] == 1:
            opened |= {id(x) for x in c.mentions if x.index == 0 and x.text.lower() == "one"}
    places = [p for p, _ in parts]
    if -1 in places:
        places = [p if p != -1 else len(places) for p in places]
    if len(parts) < 2 or places != list(range(1, len(parts) + 1)):
        return set(), []
    counted = set(opened)
    for m in story.mentions:
        if m.value == len(parts) and m.sent < parts[0][1].sent and (m.unit != story.question.unit or m.inherited):
            counted.add(id(m))  # "3 jars", "two coloring books" before their parts
    return counted, [m for _, m in parts]


def listed_total(b: Builder) -> Reading | None:
    """ "Savant has 3 jars. He puts 34 coins in the first jar, 29 in the second and 13 in the third. How many coins
    does Savant have together?": the parts of a list told one by one add up to the whole asked."""
    q = b.q
    counted, parts = _enumeration(b.story)
    if not parts or not (q.total or q.words & {"together", "altogether", "combined"}) or q.compare or q.each:
        return None
    shared = {m.unit for m in parts}
    unit = shared.pop() if not q.unit and len(shared) == 1 else b.unit()  # "How much did the two pumpkins weigh?"
    if any(not m.names(unit) for m in parts):
        return None
    kinds = {f.kind for f in b.facts for m in parts if f.mention is m}
    every = any(m.index and c.toks[m.index - 1].low in ("every", "each", "per") for c in b.story.clauses for m in parts
                if any(x is m for x in c.mentions))
    if not kinds <= {"hold", "change", "act"} or every:
        return None  # "one flickers every 7 seconds and the other every 8": rates, not parts of a whole
    last = q.toks[0].sent if q.toks else -1
    rest = [m for m in b.story.mentions if m.value is not None and id(m) not in counted and m.sent != last
            and all(m is not p for p in parts)]
    if rest:
        return None  # anything else told changes the parts or the whole
    b.aside |= counted
    b.equations.append(_eq(X, _sum([b.val(m) for m in parts])))
    return Reading(b.equations, b.used, "total", unit)
