"""What a holder holds when the question is asked: its timeline's end, or the sum over a group or a scene.

Shared by the readings of :mod:`.plan` (changes over time, the rest, goals) and :mod:`.rates` (the counts
a rate multiplies), so each asks the same way whose amount the question means.
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.story import lexicon
from reasoner.solvers.math.story.clauses import PEOPLE
from reasoner.solvers.math.story.kinds import is_kind_of
from reasoner.solvers.math.story.model import _SCENE, Holdings, _sum
from reasoner.solvers.math.tree import Name

X = Name("x")


def _by(h: Holdings, holder: str, subject: str) -> bool:
    if not subject or subject.startswith("group:") or subject == "there":
        return True
    return h.key(holder) == h.key(subject)


def _holding(h: Holdings, who: str, rest: bool = False) -> object:
    """What ``who`` holds at the end: its timeline, or the sum over a group or the whole scene."""
    key = h.key(who)
    if not rest and any(t.excepted for t in h.lines.values()):
        raise ParseError("a negated quantity ('didn't work') splits a set the question does not name")
    if _tally_not_asked(h):
        raise ParseError("an activity's amounts are not something held")
    if key == _SCENE and _SCENE not in h.lines or (who in ("there", "") and len(h.lines) > 1):
        people = [k for k in h.lines if h._person(k) and h.lines[k].expr is not None]
        if people and len(h.lines) > 1 and not h.b.q.total and "there" not in h.b.q.words:
            # "Randy has 78 blocks ... Zed has 7 blocks. How many blocks are left?": whose is not said
            raise ParseError("the question names no holder, and several people hold some")
        return _all(h)
    if who.startswith("group:"):
        members = who[6:].split("+")
        lines = [h.lines[k] for k in h.lines if k in members or k == who]
        if not lines:
            raise ParseError("nothing is known about the group's members")
        if any(t.expr is None or t.received_only for t in lines):
            raise ParseError("a holder's amount is unknown")
        return _sum([t.expr for t in lines])
    if key in h.lines and h.lines[key].expr is not None:
        if h.lines[key].received_only:
            # "Joan gave Sam 5 shells. How many does Sam have?": what Sam had before is not told
            raise ParseError(f"what {who} held before receiving is not told")
        return h.lines[key].expr
    if key not in h.owners and len(h.lines) == 1 and who not in h.b.persons:
        return _all(h)  # the question names the place of the only holding ("students ... in fourth grade")
    if (who in PEOPLE or _person_noun(h, who)) and len(h.owners) <= 1:
        return _all(h)  # "40 students in the band ... the band instructor put them into rows": the one set told
    raise ParseError(f"nothing is known about what {who} holds")


def _person_noun(h: Holdings, who: str) -> bool:
    """A common noun for a person ("the band instructor"), never a name (WordNet lists "Charles" as one too)."""
    toks = [t for c in h.b.story.clauses for t in c.toks] + list(h.b.q.toks)
    if not who.isalpha() or who in h.b.named or any(t.low == who and t.text[:1].isupper() for t in toks):
        return False  # (capitalised anywhere, the question too: "How many beads did Tom take out?")
    return is_kind_of(who, "person", synonyms=False, top=1)


def _tally_not_asked(h: Holdings) -> bool:
    """An activity's tally ("ran 3 miles") answers only a question about that activity ("how far did she run?")."""
    return any(t.tallied and not t.tallied <= {h.b.q.verb} for t in h.lines.values())


def _all(h: Holdings) -> object:
    lines = [t.expr for t in h.lines.values() if t.expr is not None]
    if any(t.received_only for t in h.lines.values()) or _tally_not_asked(h):
        raise ParseError("what a receiver held before is not told")
    if not lines:
        raise ParseError("no holdings of the asked noun")
    return _sum(lines)


_PAY = frozenset("spend pay".split())


def _payment(f) -> bool:
    """Money that goes in a purchase: "spent $6 on marbles", "paid $5", "bought a ball for $3"."""
    return f.sign < 0 and f.unit in ("dollar", "cent") and (f.verb in _PAY | {"cost"} or lexicon.verb_class(f.verb) == "take")


def paid_out(b, h: Holdings) -> object | None:
    """ "How much did Alyssa spend?" over "bought a football for $5.71, and spent $6.59 on marbles": every payment."""
    q = b.q
    if q.verb not in _PAY or any(f.mention.value is None for f, _ in h.events):
        return None
    paid = [(f, v) for f, v in h.events if _payment(f)]
    if not paid or any(not _by(h, f.holder, q.subject) for f, _ in paid):
        return None
    if any(f.sign < 0 and not _payment(f) for f, _ in h.events):
        return None  # money lost otherwise ("lost $3") is no payment
    # "Dan found $12.32 in his pocket": money got is not money spent
    b.aside |= {id(f.mention) for f, _ in h.events if f.sign > 0 and f.kind == "change" and _by(h, f.holder, q.subject)
                and lexicon.verb_class(f.verb) == "gain" and not f.clause.words & {"for", "from"}}
    # ("received $7 for returning a jacket" is a refund of what was spent: not set aside, so it declines)
    return _sum([v for _, v in paid])
