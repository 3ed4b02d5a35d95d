"""Rates: a rate times its count, a total over a rate, a total split into equal parts.

"3 boxes ... 7 eggs in each box" is 3 * 7; "540 cards in packs of 20" is 540 / 20; "40 grapes divided
equally into 8 bowls" is 40 / 8. The count a rate multiplies is read from the story (its holdings, its
kinds, a span of longer time frames) or declined.
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.story.clauses import PEOPLE
from reasoner.solvers.math.story.holders import X, _all, _holding
from reasoner.solvers.math.story.kinds import is_kind_of
from reasoner.solvers.math.story.model import _SCENE, Builder, Holdings, Reading, _eq, _sum
from reasoner.solvers.math.story.words import noun_lemma, verb_lemma
from reasoner.solvers.math.tree import Bin, Call, Num

# ---------------------------------------------------------------- rates

_FLOOR_CUES = frozenset("full complete whole can could fill".split())
_CEIL_CUES = frozenset("need needed take require required least all".split())  # "to hold all the chalk": every piece


def _by_rate(b: Builder) -> Reading | None:
    """Products and quotients: a rate times a count, a total over a rate, a total split into parts."""
    rates = [f for f in b.facts if f.kind == "rate"]
    splits = [f for f in b.facts if f.kind == "split"]
    q = b.q
    if not rates and not splits and not q.each and "dozen" not in q.words:
        return None
    _lone_rates(b)
    for reading in (_per_container, _split_each, _product):
        found = reading(b, rates, splits)
        if found is not None:
            return found
    raise ParseError("no reading of the rates")


def _per_container(b: Builder, rates: list, _splits: list) -> Reading | None:
    """ "How many packs?" with "packs of 20": the total of the counted noun over the rate."""
    q = b.q
    asked = q.unit
    frames = list(dict.fromkeys(f.per for f in rates if f.per in _FRAMES))
    if not asked and q.measure == "long" and len(frames) == 1:
        asked = frames[0]  # "9 pieces a day ... how long would the candy last?": days
    if "dozen" in q.words and not any(f.per == "dozen" for f in rates):
        return _dozen(b)
    over = [f for f in rates if f.per and (f.per == asked or f.per == "@asked" and asked)]
    if len(over) != 1:
        return None
    rate = over[0]
    others = [f for f in b.facts if f.mention.names(rate.unit) and f is not rate and f.kind != "rate"]
    totals = [f for f in others if f.clause.words & {"total", "altogether", "all"}]
    if len(others) > 1 and len(totals) == 1:
        # "45 dollars an hour, plus 225 dollars for the parts ... the total bill was 450": 45 x + 225 = 450
        parts = [b.val(f.mention) for f in others if f is not totals[0]]
        b.equations.append(_eq(Bin("+", Bin("*", b.val(rate.mention), X), _sum(parts)), b.val(totals[0].mention)))
        return Reading(b.equations, b.used, "rate", asked)
    travelled = [f for f in b.facts if f is not rate and f.mention.names(rate.unit)]
    if _speed(rate) and q.measure == "long" and len(travelled) == 1 and travelled[0].kind == "act" and (
            travelled[0].clause is rate.clause):
        # "strolled 6 miles at 3 miles per hour, how long was he travelling?": the distance told over the speed
        total = _sum([b.val(f.mention) for f in travelled])
    else:
        total = _amount(b, rate.unit, exclude=rate, counts_ok=True, scene_ok=True)  # "3 laps per minute ... to run 10 laps?"
    expr = Bin("/", total, b.val(rate.mention))
    return _finish(b, expr, "rate", asked, rounding=True)


def _dozen(b: Builder) -> Reading:
    unit = b.q.of or b.q.unit
    if unit == "dozen":
        unit = b.unit_other()
    total = _amount(b, unit)
    return _finish(b, Bin("/", total, Num("12")), "rate", "dozen")


def _split_each(b: Builder, rates: list, splits: list) -> Reading | None:
    """ "divided equally into 7 packages ... how many in each package?", "how many will each one get?"."""
    q = b.q
    if not q.each or q.compare:
        return None
    unit = b.unit()
    parts = [f for f in splits if not f.mention.names(unit)]
    if any(_shared_with(f) for f in parts):
        # "shares the rest equally with her 3 friends": the sharer may take a share too (3 parts or 4)
        raise ParseError("shared with some people: whether the sharer takes a share is not told")
    if len(parts) == 1:
        count = b.val(parts[0].mention)
    else:
        count = _count_of_parts(b, unit)
    total = _amount(b, unit, exclude_split=True)
    return _finish(b, Bin("/", total, count), "split", unit, rounding=True)


_SHARE_DETS = frozenset("her his their my our your".split())
_SELVES = frozenset("herself himself themselves myself ourselves yourself".split())


def _shared_with(f) -> bool:
    """The split's count is of the sharer's own ("with her 3 friends", "with his 2 brothers and himself"), not
    "among"/"between"/"into" nor "with 6 people" (MAWPS dev reads that as 6 shares) (session 13, wpa)."""
    toks, k = f.clause.toks, f.mention.index - 1
    own = False
    while k >= 0 and toks[k].low in _SHARE_DETS:
        k, own = k - 1, True
    return k >= 0 and toks[k].low == "with" and (own or any(t.low in _SELVES for t in toks))


def _count_of_parts(b: Builder, unit: str) -> object:
    """The number of parts: a count of the "each" noun, or the people of the group sharing."""
    q = b.q
    per = _each_noun(q)
    if per and per == unit:
        raise ParseError("the things shared are also what they are shared into")  # "72 cards ... each card?"
    if per:
        counts = [f for f in b.facts if f.mention.names(per) and f.kind != "rate"]
        if len(counts) == 1:
            return b.val(counts[0].mention)
    group = _group(b)
    if group:
        return Num(str(group))
    people = [f for f in b.facts if f.mention.unit in PEOPLE and f.kind != "rate" and not f.mention.names(unit)]
    if len(people) == 1 and (not per or per in PEOPLE or per in ("one", "person")):
        if _shared_with(people[0]):
            raise ParseError("shared with some people: whether the sharer takes a share is not told")
        return b.val(people[0].mention)  # "gave equal numbers to her 3 friends ... each person"
    raise ParseError("into how many parts is unclear")


def _each_noun(q) -> str:
    words = [t.low for t in q.toks]
    for k, w in enumerate(words[:-1]):
        if w in ("each", "every", "per"):
            from reasoner.solvers.math.story.mentions import noun_phrase

            head, _, _, _ = noun_phrase(q.toks, k + 1)
            return head
    return ""


def _group(b: Builder) -> int:
    sizes = set(b.story.people.values())
    return sizes.pop() if len(sizes) == 1 else 0


def _product(b: Builder, rates: list, _splits: list) -> Reading | None:
    """ "How many eggs?" with "3 boxes" and "7 eggs in each box": the rate times the count."""
    unit = b.unit()
    mine = [f for f in rates if f.mention.names(unit)]
    if not mine:
        return None
    total = _amount(b, unit)
    return _finish(b, total, "rate", unit)


_FRAMES = frozenset("second minute hour day night week month year".split())


def _speed(rate) -> bool:
    """ "rode 80 miles at 16 miles per hour": a speed said of the whole trip."""
    at = rate.mention.index
    return at > 0 and rate.clause.toks[at - 1].low == "at"


def _lone_rates(b: Builder) -> None:
    """ "climbs up 8 inches and slides back 3 inches every day": a frequency at the end of a sentence may hold
    for every amount of its noun before it; the reader does not guess."""
    for r in (f for f in b.facts if f.kind == "rate" and f.per in _FRAMES and not _speed(f)):
        if any(f.kind in ("change", "act") and f.mention.sent == r.mention.sent and f.mention.index < r.mention.index
               and f.mention.unit == r.mention.unit for f in b.facts):
            raise ParseError("a rate beside another amount of its noun")


def _amount(b: Builder, unit: str, exclude=None, exclude_split: bool = False, counts_ok: bool = False,
            scene_ok: bool = False) -> object:
    """How much of ``unit`` the story holds: additive holdings plus each rate times its count.

    ``scene_ok``: containers for what is there ("each van can hold 5 people and there are 25 students and 5 adults
    going, how many vans will they need?"): the ones who need them hold none; the set told is the one placed.
    """
    parts = []
    rates = [f for f in b.facts if f.kind == "rate" and f.mention.names(unit) and f is not exclude]
    groups: dict[str, list] = {}
    for rate in rates:
        groups.setdefault(rate.per, []).append(rate)
    paid, handed = [], []
    for group in groups.values():
        if len(group) > 1 and not _listed_together(group):
            raise ParseError("two rates per the same noun")
        # "each cage has 2 parrots and 2 parakeets": kinds listed together per one cage add up per cage
        per_one = _sum([b.val(rate.mention) for rate in group])
        product = Bin("*", per_one, _count(b, group[0]))
        (paid if _price_paid(group[0]) else handed if _handed_out(b, group[0]) else parts).append(product)
    h = Holdings(b, unit)
    plain = [f for f in b.facts if h.matches(f) and f.kind not in ("rate", "split", "count")]
    if plain:
        if rates and _asks_event(b.q) and any(f.kind == "hold" or not _same_activity(f, b.q) for f in plain):
            # "selling decks for $2 each. Zed has 7 dollars ... how much money did he earn?": money held is not earned;
            # "read 2 books per day. Zed bought 7 books. How many books did she read in one week?": nor bought read
            raise ParseError("the question asks what an activity did, and the story tells other amounts of it")
        h.build()
        if rates:
            _own_holdings_only(h, rates)
        who = h.asked_holder()
        if rates:
            _others_rates(h, who, rates)
        if scene_ok and set(h.lines) == {_SCENE} and h.key(who) not in h.lines and not h.events and not h.goals:
            who = _SCENE
        held = _holding(h, who)
        if parts and not paid and not handed and _starts_empty(held) and _product_first(b, h, who):
            # "Elena bought 5 packs with 10 markers in each pack. She gave 12 markers to her brother": the product
            # she came to hold is what the later changes start from, not 0 (fresh12, session 12)
            return _start_from(held, _sum(parts))
        parts.append(held)
        if paid or handed:  # "Tim has 40 dollars. He bought 3 books for 7 dollars each": the price leaves what he has
            return Bin("-", _sum(parts), _sum(paid + handed))
    if parts and handed:
        if paid:
            raise ParseError("prices paid and things handed out at a rate, with no holding told")
        return Bin("-", _sum(parts), _sum(handed))  # "has 3 packs of 25 stickers, gives 4 to each of 6 friends"
    parts += paid + handed
    if not parts and counts_ok:  # "how many minutes to run 10 laps?" (not "to be 29 feet": a goal)
        parts = [b.val(f.mention) for f in b.facts if f.kind == "count" and f.mention.names(unit) and _done(b.q, f.mention)]
    if not parts:
        raise ParseError(f"no amount of {unit!r}")
    return _sum(parts)


def _starts_empty(node: object) -> bool:
    """The holding's expression starts from 0: "0 - 12", "0 - 12 + 5"."""
    while isinstance(node, Bin) and node.op in "+-":
        if node.left == Num("0"):
            return True
        node = node.left
    return False


def _start_from(node: object, start: object) -> object:
    if isinstance(node, Bin) and node.left == Num("0"):
        return Bin(node.op, start, node.right)
    return Bin(node.op, _start_from(node.left, start), node.right)


def _product_first(b: Builder, h: Holdings, who: str) -> bool:
    """Every rate and count of the product is told before the first change, the holder is the one asked and the
    subject of the rate's or the count's clause, and every change is the holder's own."""
    if not h.events or h.key(who) not in h.lines:
        return False
    first = min(f.mention.index + 1000 * f.mention.sent for f, _ in h.events)
    rates = [f for f in b.facts if f.kind == "rate" and f.mention.names(h.unit)]
    if not rates or any(r.mention.index + 1000 * r.mention.sent > first for r in rates):
        return False
    if any(h.key(f.holder) != h.key(who) for f, _ in h.events):
        return False
    subjects = {h.key(r.clause.subject) for r in rates} | {
        h.key(f.clause.subject) for f in b.facts if f.kind != "rate" and f.mention.sent <= rates[-1].mention.sent}
    return h.key(who) in subjects


_ACQUIRING = frozenset("gain create take".split())  # earned, made, got: one activity of coming to have


def _same_activity(f, q) -> bool:
    """ "got another 8 points" is earned, "made $9 in tips" is earned; "bought 7 books" is not read."""
    verb, vclass = f.mention.verb or f.verb, f.mention.vclass or f.clause.vclass
    if verb == q.verb:
        return True
    return vclass in _ACQUIRING and q.vclass in _ACQUIRING and verb not in ("buy", "purchase")


def _asks_event(q) -> bool:
    """ "How much money did he earn?", "How many books did she read?": what an activity did, not what is held."""
    return bool(q.verb) and q.vclass not in ("state", "goal") and q.verb not in (
        "have", "be", "own", "hold", "contain", "remain", "end") and not q.now


def _own_holdings_only(h: Holdings, rates: list) -> None:
    """ "A bee has 6 legs. Zed has 7 legs. How many legs do 8 bees have?": a person's own holding is not the rate's.

    Found by the dev probe that gives a third person some of the asked noun.
    """
    asked = h.asked_holder()
    mine = {asked} | {h.key(r.holder) for r in rates if r.holder}
    others = [k for k, t in h.lines.items() if t.expr is not None and h._person(k) and k not in mine]
    if others:
        raise ParseError(f"what {others[0]} holds is no part of the rate's amount")


def _others_rates(h: Holdings, who: str, rates: list) -> None:
    """ "Jon has 40 stamps and his brothers have 25 stamps each. How many stamps does Jon have?": what others hold at
    a rate is theirs, not the asked person's (session 13, wpa)."""
    if not who or who == _SCENE or who.startswith("group:") or not h._person(who):
        return
    for r in rates:
        key = h.key(r.holder) if r.holder else ""
        if key and key != who and (r.mention.vclass or r.clause.vclass) == "state" and (
                h._person(key) or key.startswith("group:")):
            raise ParseError(f"what {key} holds at a rate is not what {who} holds")


def _listed_together(group: list) -> bool:
    """Rates of one clause listed side by side ("2 parrots and 2 parakeets"), each of another kind."""
    clause = group[0].clause
    if any(r.clause is not clause for r in group) or len({r.mention.attrs for r in group}) < len(group):
        return False
    toks = clause.toks
    ms = sorted((r.mention for r in group), key=lambda m: m.index)
    return all(a.end < len(toks) and toks[a.end].low in ("and", ",") and b.index in (a.end + 1, a.end + 2)
               for a, b in zip(ms, ms[1:], strict=False))


def _done(q, m) -> bool:
    """The question's number is what an action is done to ("to run 10 laps"), not a state to reach."""
    k = m.index
    if k < 2 or q.toks[k - 2].low != "to":
        return True  # "if Jason has 315 books"
    return verb_lemma(q.toks[k - 1].low) not in ("be", "reach", "become", "grow")  # "to be 29 feet" is a goal


def _price_paid(rate) -> bool:
    """ "bought 3 books for 7 dollars each", "4 tickets at $9 each": money handed over by the buyer."""
    toks, at = rate.clause.toks, rate.mention.index
    priced = at > 0 and (toks[at - 1].low in ("for", "at") or _cost_said(toks, at))
    return priced and rate.mention.unit in ("dollar", "cent") and (rate.mention.vclass or rate.clause.vclass) == "take"


def _handed_out(b: Builder, rate) -> bool:
    """ "gave 3 balloons to each of his 4 friends": things (not money, which a sale earns) the asked holder hands out
    or loses at a rate leave what the holder has; "His friend gave him 2 packs of 9 cards" come in (session 13)."""
    asked = b.q.subject if b.q.subject != "there" else ""
    if rate.mention.unit in ("dollar", "cent") or (rate.mention.vclass or rate.clause.vclass) not in (
            "give", "lose", "depart"):
        return False
    if asked and rate.clause.recipient == asked:
        return False  # what the asked one was given comes in
    return not asked or rate.holder == asked


def _cost_said(toks, at: int) -> bool:
    """ "bought 5 books that cost $13 each", "3 pens costing $2 each", "tickets priced at $9": the price said by a
    verb of costing between the bought count and the price (session 13, wpa)."""
    for t in reversed(toks[max(0, at - 4):at]):
        if t.is_num:
            return False
        if verb_lemma(t.low) in ("cost", "price") or t.low in ("cost", "costs", "costing", "priced"):
            return True
    return False


def _count(b: Builder, rate) -> object:
    """How many of the rate's "per" noun there are: counted in the story, or the group's members."""
    per = rate.per
    counted = [f for f in b.facts if f.kind not in ("rate",) and f is not rate and _counts(f, per)]
    if counted and per in _FRAMES and any(_one_frame(c.toks) for c in [*b.story.clauses, b.q]):
        raise ParseError("two spans of time are told")  # "... for 3 days ... How many in one week?"
    if len(counted) == 1 and counted[0].mention.more:
        raise ParseError("'more' of a count whose start is not told")
    if any(_filled_apart(f, rate) for f in counted):
        # "3 bags of 20 beads and 1 bag of 15 beads": the one bag holds its own 15, not 20 (session 13, wpa)
        raise ParseError("a counted container holds its own amount, not the rate's")
    asked = [f for f in counted if f.kind == "count"]
    if asked and len(asked) == len(counted):
        return _sum([b.val(f.mention) for f in asked])  # "How many legs do 5 spiders have?"
    if counted:
        h = Holdings(b, counted[0].mention.unit)
        h.build()
        priced = [v for f, v in h.events if rate.clause.verb and f.verb == rate.clause.verb and f.clause is not rate.clause]
        same_clause = [v for f, v in h.events if f.clause is rate.clause]
        if same_clause and not priced and rate.clause.vclass in _MINUS_CLASSES and len(same_clause) == 1:
            priced = same_clause  # "selling decks for $2 each": the decks sold are what is priced
        held = any(f.kind == "hold" for f in counted)
        verbs = {f.verb for f, _ in h.events}
        sales = all((f.mention.vclass or f.clause.vclass) == "give" for f, _ in h.events)
        if (not priced and h.events and sales and rate.mention.unit in ("dollar", "cent") and not held
                and not h.implicit and len(verbs) == 1 and len(h.events) == len([f for f in counted if f.kind != "count"])):
            priced = [v for _, v in h.events]  # "She sold 3 bead necklaces and 3 gem necklaces ... each cost $6"
        if priced:
            return _sum(priced)
        if h.implicit:
            if len(h.implicit) == 1 and not h.events and _sold(b, rate):
                return h.implicit[0][1]  # "selling decks for $2 each ... started with 5, had 3 left": 2 sold
            raise ParseError("which of the counted things the rate is for is unclear")
        if not h.lines:  # counted in goals or questions only: "would need 2 sets of bars"
            return _sum([b.val(f.mention) for f in counted])
        key = h.asked_holder()
        if any(t.tallied for t in h.lines.values()) and (h.goals or any(not t.tallied for t in h.lines.values())):
            raise ParseError("a count mixes what is done with what is held or wanted")
        if key in h.lines and h.lines[key].expr is not None:
            return h.lines[key].expr
        if all(t.tallied for t in h.lines.values()):
            return _sum([t.expr for t in h.lines.values()])  # "answered 3 questions ... and 2 ...": all answered
        return _all(h)
    if per == "person" or per in PEOPLE:
        size = b.story.people.get(rate.holder) or _group(b)
        if size:
            return Num(str(size))
    frames = _in_frames(b, rate)
    if frames is not None:
        return frames
    kinds = _kinds_of_per(b, rate)
    if kinds is not None:
        return kinds
    raise ParseError(f"how many {per!r} is not said")


def _kinds_of_per(b: Builder, rate) -> object | None:
    """ "8 minutes on each piece of furniture ... bought 2 chairs and 2 tables": the kinds of the rate's noun add up.

    Kinds are read from WordNet's hypernym links (a chair is furniture), without synonyms; every count of
    a kind takes part, so a kind WordNet does not list leaves a number unused and the story is declined.
    """
    per = rate.per
    if not per or per in PEOPLE or per in _FRAMES:
        return None
    kinds = [f for f in b.facts if f is not rate and f.kind in ("hold", "change", "count") and f.mention.value is not None
             and f.mention.unit and not f.mention.more and is_kind_of(f.mention.unit, per, synonyms=False)]
    if not kinds or len({f.clause.sent for f in kinds}) > 1:
        return None
    return _sum([b.val(f.mention) for f in kinds])


_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday weekday weekend".split())


def _in_frames(b: Builder, rate) -> object | None:
    """ "runs 2 miles every day ... in 3 weeks": a span of a longer time frame, in the rate's frames (3 * 7 days).

    Declined when the story picks some of the frames ("every Monday and Tuesday", "each weekend").
    """
    from reasoner.solvers.math.story.units import factor

    if rate.per not in _FRAMES:
        return None
    spans = [f for f in b.facts if f is not rate and f.kind != "rate" and f.mention.value is not None
             and f.unit in _FRAMES and f.unit != rate.per and factor(f.unit, rate.per) is not None]
    words = {t.low for c in b.story.clauses for t in c.toks} | b.q.words
    if not spans and not words & _WEEKDAYS:
        found = {_one_frame(c.toks) for c in [*b.story.clauses, b.q]} - {""}
        one = found.pop() if len(found) == 1 else ""  # "read 2 books per day ... in one week?", "every day for a week"
        if one and one != rate.per and (factor(one, rate.per) or 0) > 1:
            return Num(str(factor(one, rate.per)))
    if len(spans) != 1 or words & _WEEKDAYS or factor(spans[0].unit, rate.per) < 1:
        return None
    n = factor(spans[0].unit, rate.per)
    return Bin("*", b.val(spans[0].mention), Num(str(n)))


def _one_frame(toks) -> str:
    """ "in one week", "in a month", "during a year": a single time frame named in the question, or ""."""
    low = [t.low for t in toks]
    for k in range(len(low) - 2):
        if low[k] in ("in", "during", "for") and low[k + 1] in ("a", "an", "one") and noun_lemma(low[k + 2]) in _FRAMES:
            return noun_lemma(low[k + 2])
    return ""


_MINUS_CLASSES = frozenset("give lose depart".split())
_PLUS_CLASSES = frozenset("gain take create arrive put".split())


def _sold(b: Builder, rate) -> bool:
    """The rate prices what leaves ("selling ... for $7 each") or what is earned from it."""
    if (rate.mention.vclass or rate.clause.vclass) in _MINUS_CLASSES:
        return True
    return b.q.vclass in ("gain", "create") and rate.mention.unit in ("dollar", "cent")


_FILLED = frozenset("of with containing holding that has holds contains had held contained".split())


def _filled_apart(f, rate) -> bool:
    """The count is followed by its own contents, a number that is not the rate's: "1 bag of 15 beads", "1 shelf
    with 13 books", "1 box that holds 9"."""
    toks, k = f.clause.toks, f.mention.end
    while k < len(toks) and k < f.mention.end + 2 and toks[k].low in _FILLED:
        k += 1
    if k == f.mention.end or k >= len(toks) or not toks[k].is_num:
        return False
    return not (f.clause is rate.clause and rate.mention.index == k)


def _counts(f, per: str) -> bool:
    m = f.mention
    if m.names(per):
        return True
    return m.is_time and m.unit == "time" and f.clause.verb == per  # "rode 5 times" counts rides


def _finish(b: Builder, expr: object, kind: str, unit: str, rounding: bool = False) -> Reading:
    r = ""
    if rounding and (unit in ("second", "minute", "hour") or is_kind_of(unit, "unit_of_measurement")):
        rounding = False  # clock time and measures are not whole things: 10 laps at 3 a minute is 3 1/3 minutes
    if rounding:
        words = b.q.words
        floor, ceil = bool(words & _FLOOR_CUES), bool(words & _CEIL_CUES)
        r = "floor" if floor and not ceil else "ceiling" if ceil and not floor else ""
    target = Call(r, (expr,)) if r else expr
    b.equations.append(_eq(X, target))
    reading = Reading(b.equations, b.used, kind, unit, rounding=r)
    return reading
