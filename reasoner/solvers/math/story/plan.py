"""Choose what the question asks of the model, and write it as the last equation ``x = ...``.

Each reading is tried in turn (a division by a rate or a split, a product with a rate, the
holdings over time); the first that accounts for every quantity of the story is kept.
A reading that leaves a number unused, or needs a number the story does not give, is
declined: a wrong answer is worse than none.
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.story.clauses import PEOPLE
from reasoner.solvers.math.story.model import _SCENE, Builder, Holdings, Reading, _eq, _sum, mentions_in
from reasoner.solvers.math.story.reader import Story
from reasoner.solvers.math.tree import Bin, Call, Name, Num

_EVENTS = frozenset("gain create give lose arrive depart".split())
_HAVE = frozenset("have be own hold contain remain end".split())
X = Name("x")


def read_equations(story: Story) -> Reading:
    """The reading of a story that answers its question.

    Raises:
        ParseError: no reading accounts for every quantity and the question.
    """
    errors = []
    for attempt in (_by_rate, _additive):
        b = Builder(story)
        try:
            reading = attempt(b)
        except ParseError as exc:
            errors.append(str(exc))
            continue
        if reading is not None:
            _check_all_used(b, story)
            return reading
    raise ParseError("; ".join(errors) or "no reading of the story")


def _check_all_used(b: Builder, story: Story) -> None:
    used = mentions_in(b.equations, b.origin)
    unused = [m for m in story.mentions if id(m) not in used and m.value is not None]
    if unused:
        raise ParseError("a number is not accounted for: " + ", ".join(m.text for m in unused))


# ---------------------------------------------------------------- additive


def _additive(b: Builder) -> Reading:
    q = b.q
    unit = b.unit()
    h = Holdings(b, unit)
    h.build(start_var="x" if q.start else None)
    target, kind = _target(b, h)
    if not (isinstance(target, Name) and target.id == "x"):
        b.equations.append(_eq(X, target))
    return Reading(b.equations, b.used, kind, unit)


def _target(b: Builder, h: Holdings) -> tuple[object, str]:
    q = b.q
    if q.compare and q.than:
        left, right = _holding(h, q.subject), _holding(h, q.than)
        return (Bin("-", left, right) if q.compare == "more" else Bin("-", right, left)), "compare"
    goal = _question_goal(b)
    if goal is not None:
        return Bin("-", goal, _holding(h, q.subject or "there")), "goal"
    if h.goals and (q.need or q.compare == "more"):
        goal = _sum([v for _, v in h.goals])
        return Bin("-", goal, _holding(h, q.subject or "there")), "goal"
    if q.start:
        if "x" not in b.vars.values():
            raise ParseError("the start is not an unknown of the story")
        return X, "start"
    if _asks_event(q):
        event = _event_target(b, h)
        if event is not None:
            return event, "change"
    return _holding(h, h.asked_holder()), "total" if q.total else "change"


_GOAL_VERBS = frozenset("have get make reach own collect".split())


def _question_goal(b: Builder) -> object | None:
    """ "How many more muffins does Arthur have to bake to have 83 muffins?": 83 is the goal."""
    q = b.q
    for m in q.mentions:
        k = m.index
        if k >= 2 and q.toks[k - 2].low == "to" and q.toks[k - 1].low in _GOAL_VERBS:
            return b.val(m)
    return None


def _asks_event(q) -> bool:
    return bool(q.verb) and q.verb not in _HAVE and not q.now and q.vclass != "state"


def _event_target(b: Builder, h: Holdings) -> object | None:
    q = b.q
    unknown = [v for f, v in h.events if f.mention.value is None]
    if len(unknown) == 1:
        return unknown[0]
    if unknown:
        raise ParseError("more than one unknown change")
    same = [v for f, v in h.events if f.verb == q.verb and _by(h, f.holder, q.subject)]
    if same and len(same) == len([f for f, _ in h.events if f.verb == q.verb]):
        return _sum(same)
    return None


def _by(h: Holdings, holder: str, subject: str) -> bool:
    if not subject or subject.startswith("group:") or subject == "there":
        return True
    return h.key(holder) == h.key(subject)


def _holding(h: Holdings, who: str) -> object:
    """What ``who`` holds at the end: its timeline, or the sum over a group or the whole scene."""
    key = h.key(who)
    if key == _SCENE and _SCENE not in h.lines or (who in ("there", "") and len(h.lines) > 1):
        return _all(h)
    if who.startswith("group:"):
        members = who[6:].split("+")
        lines = [h.lines[k] for k in h.lines if k in members or k == who]
        if not lines:
            lines = list(h.lines.values())
        if any(t.expr is None for t in lines):
            raise ParseError("a holder's amount is unknown")
        return _sum([t.expr for t in lines])
    if key in h.lines and h.lines[key].expr is not None:
        return h.lines[key].expr
    if who in PEOPLE and len(h.owners) <= 1:
        return _all(h)
    raise ParseError(f"nothing is known about what {who} holds")


def _all(h: Holdings) -> object:
    lines = [t.expr for t in h.lines.values() if t.expr is not None]
    if not lines:
        raise ParseError("no holdings of the asked noun")
    return _sum(lines)


# ---------------------------------------------------------------- rates


def _by_rate(b: Builder) -> Reading | None:
    rates = [f for f in b.facts if f.kind == "rate"]
    splits = [f for f in b.facts if f.kind == "split"]
    if not rates and not splits and not b.q.each:
        return None
    raise ParseError("rates are not read yet")


__all__ = ["Call", "Num", "read_equations"]
