"""Choose what the question asks of the model, and write it as the last equation ``x = ...``.

Each reading is tried in turn (a division by a rate or a split, a product with a rate, the
holdings over time); the first that accounts for every quantity of the story is kept.
A reading that leaves a number unused, or needs a number the story does not give, is
declined: a wrong answer is worse than none.
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.story import lexicon
from reasoner.solvers.math.story.between import difference_between
from reasoner.solvers.math.story.groups import (
    _clause_obj,
    _clause_of,
    _divisor_question,
    _divisors,
    _remainder,
    _remainder_question,
)
from reasoner.solvers.math.story.holders import X, _by, _holding, paid_out
from reasoner.solvers.math.story.listed import listed_total
from reasoner.solvers.math.story.model import Builder, Holdings, Reading, _eq, _sum, mentions_in
from reasoner.solvers.math.story.periods import period_reading
from reasoner.solvers.math.story.rates import _MINUS_CLASSES, _PLUS_CLASSES, _by_rate, _finish
from reasoner.solvers.math.story.ratio import ratio_reading
from reasoner.solvers.math.story.reader import Story
from reasoner.solvers.math.story.sequence import pattern_reading
from reasoner.solvers.math.story.words import can_be, verb_lemma
from reasoner.solvers.math.tree import Bin, Name

_ROUGH = frozenset("approximately about estimate round nearest roughly pattern".split())
_EQUAL = frozenset("equal equally evenly same".split())
_EVENTS = frozenset("gain create give lose arrive depart".split())
_HAVE = frozenset("have be own hold contain remain end".split())


def read_equations(story: Story) -> list[Reading]:
    """Every reading of a story that accounts for its quantities and its question.

    Each way of reading (the rates, the holdings over time) is tried on its own; the caller
    solves them all and answers only when they agree, so two readings that disagree are a
    decline rather than a guess.

    Raises:
        ParseError: no reading accounts for every quantity and the question.
    """
    pattern = pattern_reading(story)
    if pattern is not None:
        return [pattern]  # "If this pattern continues, how many ... on the fifth page?": no other reading applies
    ratio = ratio_reading(story)
    if ratio is not None:
        return [ratio]  # "The ratio of red cars to blue cars was 5:3. If there were 40 red cars, how many blue cars?"
    period = period_reading(story)
    if period is not None:
        return [period]  # "every 6 days and every 9 days ... on the same day again?": their lcm
    between = difference_between(story)
    if between is not None:
        return [between]  # "What's the difference between Billy's points and his friend's points?"
    _refuse(story)
    if _rough([t for c in story.clauses if c.sent == _last(story) for t in c.toks] + list(story.question.toks)):
        raise ParseError("an estimate is asked, not an exact answer")
    _unread_relations(Builder(story))
    errors, readings = [], []
    if _divisor_question(story):
        return [_divisors(Builder(story))]  # "the greatest number of identical baskets": no other reading applies
    remainder = _remainder_question(story)
    if remainder:
        return [_remainder(Builder(story), remainder)]  # "gave 42 pencils to 12 students equally ... left?"
    for attempt in (_the_rest, _stated_total, _by_rate, _to_reach, _left_to_do, _than_noun, listed_total, _additive):
        b = Builder(story)
        try:
            reading = attempt(b)
            if reading is not None:
                _check_all_used(b, story, reading)
                readings.append(reading)
        except ParseError as exc:
            errors.append(str(exc))
    if not readings:
        raise ParseError("; ".join(errors) or "no reading of the story")
    return readings


def _rough(toks) -> bool:
    """ "about how many", "approximately", "round to the nearest": an estimate (not "books about sports", "round stones")."""
    for k, t in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if t.low == "about":
            if nxt is not None and (nxt.is_num or nxt.low in ("how", "what")):
                return True
        elif t.low == "round":
            if nxt is not None and nxt.low in ("to", "off", "up", "down"):
                return True
        elif t.low in _ROUGH:
            return True
    return False


_TIMES = frozenset("today yesterday tomorrow tonight morning afternoon evening monday tuesday wednesday thursday "
                   "friday saturday sunday".split())


def _last(story: Story) -> int:
    return story.question.toks[0].sent if story.question.toks else -1


def _refuse(story: Story) -> None:
    """Stories the model does not represent: negated quantities, and questions about one time of several."""
    for c in story.clauses:
        words = [t.text for t in c.toks]
        ratio = any(a.is_num and b.low == "out" and z.low == "of" for a, b, z in zip(c.toks, c.toks[1:], c.toks[2:],
                                                                                       strict=False))
        if '"' in words or ":" in words or ratio:  # "25 out of 55 families" (not "took 35 oranges out of the box")
            raise ParseError("quoted instructions, ratios or 'n out of m' are not read as a story")
    asked = story.question.words & _TIMES
    if asked:
        told = {w for c in story.clauses if c.mentions for w in c.words & _TIMES}
        if told - asked:
            raise ParseError("the question asks about one time of several")


def _unread_relations(b: Builder) -> None:
    """ "as many ... as", "as much ... as" relate two amounts: a clause that says one must have a comparison read."""
    for c in [*b.story.clauses, b.story.question]:
        low = [t.low for t in c.toks]
        said = any(a == "as" and n in ("many", "much") for a, n in zip(low, low[1:], strict=False))
        if said and not any(f.clause is c and f.kind in ("times", "compare") for f in b.facts):
            if c is b.story.question and not any(t.is_num for t in c.toks):
                continue  # "... to have as many as Sam?" asks for the difference itself
            raise ParseError("an 'as many as' relation that was not read")


def _check_all_used(b: Builder, story: Story, reading: Reading) -> None:
    """Every number is used, or is about another noun than the question asks (and no rate links them)."""
    used = mentions_in(b.equations, b.origin)
    told = {(m.value, m.unit) for c in story.clauses for m in c.mentions if m.value is not None}
    if any(id(m) in used and (m.value, m.unit) in told for m in story.question.mentions):
        raise ParseError("the question restates a number of the story")  # "how many 73 cm pieces ...?"
    unused = [m for m in story.mentions if id(m) not in used and m.value is not None]
    if any(_multiplier(story, m) for m in unused):
        # "sold 58 cans and on Tuesday it sold twice as many as Monday": a multiplier relates two amounts of the
        # story, so it is never a number about another noun (session 13, wpa)
        raise ParseError("a multiplier is told and not read: " + next(m.text for m in unused if _multiplier(story, m)))
    young = [m for m in unused if _young(m.unit) and not _young(reading.unit)]
    if young and _animal(reading.unit):
        # "65 sheep ... 12 sheep were sold and 7 lambs were born": the young of an animal may be of its kind, and
        # WordNet does not say whose young a "lamb" is (session 13, wpa)
        raise ParseError("young animals are told beside the asked animals: " + young[0].text)
    unused = [m for m in unused if not _aside_subset(b, m) and id(m) not in b.aside and not _bystander(b, m)
              and not _other_activity(b, m, used)]
    if not unused:
        return
    if story.generalised:
        # a kind the lexical database does not list would be left out, not set aside
        raise ParseError("a number is not accounted for: " + ", ".join(m.text for m in unused))
    linked = {reading.unit} | {f.unit for f in b.facts if f.kind == "rate"} | {f.per for f in b.facts if f.kind == "rate"}
    linked |= {b.origin[k].unit for k in b.origin if id(b.origin[k]) in used}
    # "Each monkey eats 3 bananas a day": the noun said with "each" in a used rate's clause is linked by it too
    linked |= {n for f in b.facts if f.kind == "rate" and id(f.mention) in used for n in _each_nouns(f.clause.toks)}
    used_clauses = {id(c) for c in story.clauses for m in c.mentions if id(m) in used}
    inherited = any(_ambiguous_noun(story, b.origin[k]) for k in b.origin if id(b.origin[k]) in used)
    unused_kin = [m for m in unused if _kin(m.unit, reading.unit)]
    if unused_kin:
        raise ParseError("a number about a kind of the asked noun is not accounted for: " + unused_kin[0].text)
    rated = {f.unit for f in b.facts if f.kind == "rate"} | {f.per for f in b.facts if f.kind == "rate"}
    asked = b.q.unit == reading.unit and bool(reading.unit) or _asked_by_verb(b, reading.unit)
    foreign, by_attrs = [], False
    for m in unused:
        if inherited or m.inherited or m.unit == "percent" or m.sent == _last(story) or can_be(m.unit, "ADV"):
            continue  # ("4 back": not a noun of its own)
        if _clause_of(story, m) not in used_clauses:
            if not (m.names(reading.unit) or m.unit in linked) or _other_kind(m, b):
                foreign.append(m)
        elif not _coordinated(story, m, used):
            continue  # "gave 3 pencils to each of her 4 friends": a number beside a used one is part of it
        elif asked and m.unit and not m.names(reading.unit) and m.unit not in rated:
            foreign.append(m)  # "11 rulers and 34 crayons in the drawer ... How many rulers?"
        elif asked and m.names(reading.unit) and _other_kind(m, b):
            foreign.append(m)  # "86 yellow and 20 green marbles ... How many yellow marbles?"
            by_attrs = True
    if by_attrs and any(b.origin[k].names(reading.unit) and not b.q.attrs <= b.origin[k].attrs
                        for k in b.origin if id(b.origin[k]) in used):
        raise ParseError("an amount without the asked kind among kinds set aside")  # which marbles were taken?
    if len(foreign) < len(unused):
        raise ParseError("a number is not accounted for: " + ", ".join(m.text for m in unused))
    if len([m for m in story.mentions if id(m) in used and m.value is not None]) < 2:
        raise ParseError("a reading that repeats one number and leaves others aside")


def _each_nouns(toks) -> set[str]:
    from reasoner.solvers.math.story.mentions import noun_phrase

    return {noun_phrase(toks, k + 1)[0] for k, t in enumerate(toks[:-1]) if t.low in ("each", "every")} - {""}


def _young(noun: str) -> bool:
    """A noun for the young of an animal ("lamb", "kitten", "calf"; not "son"): WordNet places it under "offspring"."""
    from reasoner.solvers.math.story.kinds import ancestors

    return bool(noun) and "offspring" in ancestors(noun) and _animal(noun)


def _animal(noun: str) -> bool:
    from reasoner.solvers.math.story.kinds import ancestors

    found = ancestors(noun, top=1)
    return "animal" in found and "person" not in found


def _multiplier(story: Story, m) -> bool:
    """ "twice as many", "3 times as much", "half as many": a factor between two amounts (not "the first half")."""
    if not m.times:
        return False
    toks = next(c.toks for c in [*story.clauses, story.question] if any(x is m for x in c.mentions))
    nxt = toks[m.index + 1].low if m.index + 1 < len(toks) else ""
    return nxt in ("as", "times")


def _asked_by_verb(b: Builder, unit: str) -> bool:
    """ "Dan had 14 peaches and 10 pears ... picked peaches ... There are now 85 peaches. How many did he pick?": the
    question names no noun, and its verb was told of one noun only: that noun is asked as if named."""
    q = b.q
    if q.unit or not unit or not q.verb or q.verb in _HAVE:
        return False
    return {f.unit for f in b.facts if f.kind == "change" and f.verb == q.verb and f.unit} == {unit}


_LIST_WORDS = frozenset(", and or".split())


def _coordinated(story: Story, m, used: set[int]) -> bool:
    """ "11 rulers and 34 crayons": the number is listed beside a used one of its clause, with nothing between."""
    clause = next(c for c in story.clauses if any(x is m for x in c.mentions))
    for other in clause.mentions:
        if id(other) not in used or other is m:
            continue
        a, z = (other, m) if other.index < m.index else (m, other)
        gap = clause.toks[max(a.end, a.index + 1):z.index]
        if gap and all(t.low in _LIST_WORDS for t in gap):
            return True
    return False


def _other_activity(b: Builder, m, used: set[int]) -> bool:
    """ "Fred went to 36 games, but missed 35. He went to 11 last year. How many games did Fred go to?": the tally of
    another verb ("missed") is no part of the asked verb's tally, which the reading answered from."""
    fact = next((f for f in b.facts if f.mention is m), None)
    q = b.q
    if fact is None or fact.kind != "act" or not q.verb or fact.verb == q.verb:
        return False
    return any(f.kind == "act" and f.verb == q.verb and id(f.mention) in used for f in b.facts)


def _bystander(b: Builder, m) -> bool:
    """ "Bruce has 75 eggs. Kimberly has 17 eggs. He loses 70. How many eggs will Bruce have?": what another named
    person holds, when nothing else is told of her (no change, no transfer, no comparison) and the question asks
    one named person, bears on nothing asked."""
    q = b.q
    fact = next((f for f in b.facts if f.mention is m), None)
    if fact is None or fact.kind != "hold" or not q.subject or q.subject.startswith("group:") or q.total:
        return False
    who = fact.holder
    if who == q.subject or who not in b.named or q.subject not in b.named or who in q.words:
        return False
    if not set(q.subject.split()) <= q.words:
        return False  # the question names its holder only by a pronoun, which may mean either of them
    told = [f for f in b.facts if f is not fact and who in (f.holder, f.other)]
    said = [c for c in b.story.clauses if c is not fact.clause and who in {t.low for t in c.toks}]
    return not told and not said


def _aside_subset(b: Builder, m) -> bool:
    """ "Joan had 695 cards, and 6 were torn": a described part, left aside when the question does not ask about it."""
    fact = next((f for f in b.facts if f.mention is m), None)
    if fact is None or fact.kind != "subset":
        return False
    toks = fact.clause.toks
    state = {t.low for t in toks[m.index + 1:] if t.text[:1].isalpha()} - {"were", "are", "was", "is", "of", "the",
                                                                           "them", "they"}
    asked = b.q.words
    return not (state & asked or {"un" + w for w in state} & asked or asked & {"not", "n't", "good", "bad"})


def _ambiguous_noun(story: Story, m) -> bool:
    """A number that took its noun from context when more than one noun had been named before it."""
    if not m.inherited:
        return False
    before = []
    for x in story.mentions:
        if x is m:
            break
        before.append(x)
    return len({x.unit for x in before if x.unit and not x.inherited}) != 1


def _kin(a: str, b: str) -> bool:
    """One noun is a kind of the other ("roses" and "flowers"): neither can be set aside for the other."""
    from reasoner.solvers.math.story.kinds import is_kind_of

    return is_kind_of(a, b) or is_kind_of(b, a)


def _other_kind(m, b: Builder) -> bool:
    """ "5 popular trees" when the question asks about maple trees; "3 cups of sugar" when it asks about flour."""
    q = b.q
    if q.of and m.of and m.of != q.of and m.unit == q.unit and q.of in b.of_nouns and not _kin(m.of, q.of):
        return True
    return bool(q.attrs) and bool(m.attrs) and not q.attrs <= m.attrs


# ---------------------------------------------------------------- additive


def _total_mentions(b: Builder) -> list:
    return [m for c in b.story.clauses for m in c.mentions
            if m.value is not None and any(t.low == "total" for t in c.toks[max(0, m.index - 3):m.index])]


def _stated_total(b: Builder) -> Reading | None:
    """ "sold a total of 9570 tickets ... 3867 in the first half ... how many in the second half?": the total less the parts."""
    totals = _total_mentions(b)
    if not totals:
        return None
    q = b.q
    if len(totals) > 1 or q.total or q.compare or q.each:
        raise ParseError("a stated total and a question that is not about one part")
    total = totals[0]
    parts = [f for f in b.facts if f.mention is not total and f.mention.value is not None and f.mention.names(total.unit)]
    if not parts or any(f.kind in ("rate", "times", "compare", "goal") or f.mention.more for f in parts):
        raise ParseError("the parts of a stated total are unclear")  # "which had 119 more people"
    if any(f.clause is _clause_obj(b.story, total) for f in parts):
        raise ParseError("a total listed with its parts")  # "a total of 55 tree frogs, 10 poison frogs and 13 ..."
    whole = next(f for f in b.facts if f.mention is total)
    holders = {f.holder for f in parts if f.holder} - {whole.holder}
    if whole.holder in b.named and any(h in b.named and h not in whole.holder for h in holders):
        # "donated a total of $650 ... Zed has 7 dollars": a named other's amount is no part of her total
        raise ParseError("a part of the stated total is held by someone else")
    for f in parts:
        if _outside_total(b, whole, f, parts):
            raise ParseError(f"{f.mention.text} ({f.holder}) is no part of the stated total")
    if q.unit and not total.names(q.unit):
        raise ParseError("the question asks about another noun than the total")
    b.equations.append(_eq(X, Bin("-", b.val(total), _sum([b.val(f.mention) for f in parts]))))
    return Reading(b.equations, b.used, "total", total.unit)


def _outside_total(b: Builder, whole, part, parts: list) -> bool:
    """An amount of someone that no relation ties to a stated total.

    "He and his cousin together have a total of 5816 points ... Zed has 7 points": the total is the group's, and
    Zed is not of it. "They were asked to make 500 pieces ... Zed has 7 pieces. If the first team made 189 ...":
    a person told of only here, not asked about, whose verb is not the total's, the question's or another
    part's, tells something beside the total, not a part of it.
    """
    who = part.holder
    if not who or who in ("there", whole.holder) or part.clause.subject != who or part.clause.subject_is_quantity:
        return False  # (a holder told as its clause's subject: "Quill has 6", not a place or "there are")
    if whole.holder.startswith("group:") and who not in whole.holder[6:].split("+"):
        return True
    if who in b.q.words or any(c is not part.clause and who in {t.low for t in c.toks} for c in b.story.clauses):
        return False
    verbs = {whole.verb, b.q.verb} | {f.verb for f in parts if f is not part}
    return part.verb not in verbs


def _to_reach(b: Builder) -> Reading | None:
    """ "How many does she need to give away so that she will have 35 left?": the change that ends at the state asked.

    The question states the end ("have 35 left") and the verb of the change ("to give away", "to buy"); the
    story tells the start. start - x = end for giving and losing, start + x = end for getting and making.
    """
    q = b.q
    low = [t.low for t in q.toks]
    ends = [m for m in q.mentions if m.value is not None and "have" in low[max(0, m.index - 3):m.index]]
    if len(ends) != 1 or len(q.mentions) != 1 or not ("so" in low or "to" in low and "have" in low):
        return None
    k = next((i for i in range(len(low) - 1) if low[i] == "to" and verb_lemma(low[i + 1])
              and lexicon.verb_class(verb_lemma(low[i + 1])) in _MINUS_CLASSES | _PLUS_CLASSES), -1)
    if k < 0 or k > ends[0].index:
        return None
    vclass = lexicon.verb_class(verb_lemma(low[k + 1]))
    unit = b.unit()
    every = b.facts
    b.facts = [f for f in every if f.mention is not ends[0]]
    try:
        h = Holdings(b, unit)
        h.build()
        start = _holding(h, q.subject or h.asked_holder())
    finally:
        b.facts = every
    sign = -1 if vclass in _MINUS_CLASSES else 1
    b.equations.append(_eq(_signed(start, X, sign), b.val(ends[0])))
    return Reading(b.equations, b.used, "change", unit)


def _left_to_do(b: Builder) -> Reading | None:
    """ "95 pages in her book. She read 18 ... she read 58. How many pages does she have left to read?": the set less
    what the activity has done.

    The question names the activity ("left to read", "still need to wash", "have to grade"); the story holds the
    set and tallies that verb's amounts. Nothing else may change the set.
    """
    q = b.q
    low = [t.low for t in q.toks]
    verb = next((verb_lemma(low[i + 1]) for i in range(len(low) - 1) if low[i] == "to" and i > 0
                 and low[i - 1] in ("left", "need", "needs", "have", "has", "had") and verb_lemma(low[i + 1])), "")
    if not verb or lexicon.verb_class(verb) in ("state", "goal") or verb in _HAVE:
        return None
    unit = b.unit()
    mine = [f for f in b.facts if f.mention.names(unit) and f.mention.value is not None]
    done = [f for f in mine if f.kind == "act" and f.verb == verb]
    whole = [f for f in mine if f.kind == "hold" or f.kind == "goal" and f.clause.verb in _HAVE]
    # "... she graded 4, but then another 15 were turned in": what comes in after the set is told adds to it
    grown = [f for f in mine if f.kind == "change" and f.sign > 0 and f.mention.more and f.verb != verb and whole
             and f.clause.sent >= whole[0].clause.sent and f.clause is not whole[0].clause]
    if not done or not whole or len(done) + len(whole) + len(grown) != len(mine) or len({f.holder for f in whole}) > 1:
        return None
    todo = _sum([b.val(f.mention) for f in whole + grown])
    b.equations.append(_eq(X, Bin("-", todo, _sum([b.val(f.mention) for f in done]))))
    return Reading(b.equations, b.used, "change", unit)


def _than_noun(b: Builder) -> Reading | None:
    """ "There are 6 birds and 3 nests. How many more birds are there than nests?": one noun's amount less another's.

    Only when the compared noun is a counted noun of its own (not a holder) and each noun is held by the same
    holder or scene; the other noun's amounts are read like the asked one's.
    """
    q = b.q
    other = q.than
    if not q.compare or not other or other == q.unit or other in b.persons or other in b.named:
        return None
    if not any(f.mention.names(other) and f.mention.value is not None for f in b.facts) or q.of:
        return None  # "2 cups of flour and 1 cup of sugar ... How much more flour than sugar?": the stuff measured
    sides = []
    for unit in (q.unit, other):
        h = Holdings(b, unit)
        h.build()
        if len(h.lines) != 1:
            return None
        sides.append(_done(b, h) if _asks_event(q) else _holding(h, h.asked_holder()))
    left, right = sides
    b.equations.append(_eq(X, Bin("-", left, right) if q.compare == "more" else Bin("-", right, left)))
    measures = {b.origin[k].unit for k in b.origin if b.origin[k].of in (q.unit, other)}
    if len(measures) > 1:
        raise ParseError("the two sides are measured in different units")  # "3 cups of flour and 2 spoons of sugar"
    unit = measures.pop() if measures else q.unit  # "0.375 cups" of flour, not "0.375 flours"
    return Reading(b.equations, b.used, "compare", unit)


def _done(b: Builder, h: Holdings) -> object:
    """ "How much more flour than sugar did Dina use?": what the asked verb did to each, not what is held."""
    done = [v for f, v in h.events if f.verb == b.q.verb and _by(h, f.holder, b.q.subject)]
    if not done or len(done) != len(h.events) or any(f.kind == "hold" for f in b.facts if h.matches(f)):
        raise ParseError("what the asked verb did to each side is not all that is told of it")
    return _sum(done)


def _signed(a: object, b_: object, sign: int) -> object:
    return Bin("+" if sign > 0 else "-", a, b_)


def _additive(b: Builder) -> Reading:
    q = b.q
    for c in b.story.clauses:
        for m in c.mentions:
            if any(t.low == "total" for t in c.toks[max(0, m.index - 3):m.index]):
                raise ParseError("a stated total among its parts")  # "spent a total $350 ... $125 on food"
    if q.each:
        raise ParseError("an 'each' question needs a division")
    unit = b.unit()
    h = Holdings(b, unit)
    h.build(start_var="x" if q.start else None)
    target, kind = _target(b, h)
    if not (isinstance(target, Name) and target.id == "x"):
        b.equations.append(_eq(X, target))
    return Reading(b.equations, b.used, kind, unit)


def _target(b: Builder, h: Holdings) -> tuple[object, str]:
    q = b.q
    if any(c.words & _EQUAL for c in b.story.clauses) or q.words & _EQUAL:
        raise ParseError("an equal sharing needs a division")
    if q.compare == "more" and not q.than and q.now and len(h.grown) == 1 and not h.implicit and not h.events:
        return h.grown[0][1], "change"  # "originally 600 ... now there are 8917. How many more are there now?"
    if q.compare and not q.than and not _question_goal(b) and not h.goals:
        others = [k for k in h.lines if k != h.key(q.subject)]
        if not q.subject or h.key(q.subject) not in h.lines or len(others) != 1:
            raise ParseError("more than what is not said")
        q.than = others[0]  # "Kate has 223 pennies. John has 388. How many more pennies does John have?"
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
        if "x" in b.vars.values():
            return X, "start"
        tl = h.lines.get(h.asked_holder())
        if tl is not None and isinstance(tl.start, Name):
            return tl.start, "start"  # "Leo had some coins ... How many coins did he have at first?"
        raise ParseError("the start is not an unknown of the story")
    if _asks_event(q):
        event = _event_target(b, h)
        if event is not None:
            return event, "change"
        if q.vclass in _MINUS_CLASSES:
            # "Bernard had 15, 17 and 19 notebooks. How many did he give Tom?": what he holds is not what he gave
            raise ParseError("the question asks what went, and the story tells no such change")
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
    paid = paid_out(b, h)
    if paid is not None:
        return paid
    unknown = [v for f, v in h.events if f.mention.value is None]
    asked = [(f, v) for f, v in h.events if f.verb == q.verb and _by(h, f.holder, q.subject)]
    if asked and all(f.mention.value is not None for f, _ in asked) and any(
            f.verb != q.verb for f, v in h.events if f.mention.value is None) and not h.implicit:
        # "The teacher gives out gold stars. Carson earned 6 ... 9 more. How many did Carson earn?"
        if not any(f.kind == "hold" for f in b.facts if h.matches(f)):
            return _sum([v for _, v in asked])
    if len(unknown) == 1 and not h.implicit:
        return unknown[0]
    if unknown:
        raise ParseError("more than one unknown change")
    if len(h.implicit) == 1 and q.vclass in _MINUS_CLASSES:
        return h.implicit[0][1]  # "had 30 ... now has 12 left. How many did he give away?"
    if len(h.grown) == 1 and not h.implicit and q.vclass in _PLUS_CLASSES and not h.events:
        return h.grown[0][1]  # "had 20 cards ... now he has 25. How many did he get?"
    same = [v for f, v in h.events if f.verb == q.verb and _by(h, f.holder, q.subject)]
    if same and len(same) == len([f for f, _ in h.events if f.verb == q.verb]):
        return _sum(same)
    signs = {f.sign for f, _ in h.events}
    if q.total and h.events and len(signs) == 1 and not any(f.kind == "hold" for f in b.facts if h.matches(f)):
        return _sum([v for _, v in h.events])  # "How many pitchers did Jonah pour in all?" of what he served
    return None


# ---------------------------------------------------------------- the rest

_REST = frozenset("rest remaining remainder".split())


def _rest_clause(story: Story):
    """The clause that says "the rest" ("put the rest into 3 albums"), or None."""
    found = [c for c in story.clauses if any(a.low == "the" and r.low in _REST and not r.is_num for a, r
                                             in zip(c.toks, c.toks[1:], strict=False))]
    if len(found) > 1:
        raise ParseError("'the rest' twice")
    return found[0] if found else None


def _the_rest(b: Builder) -> Reading | None:
    """ "sold 30 of them and put the rest into cages with 8 in each": what is left at that point, divided."""
    c = _rest_clause(b.story)
    if c is None:
        return _rest_of_goal(b)
    at = b.story.clauses.index(c)
    rates = [f for f in b.facts if f.kind == "rate" and f.clause is c]
    counts = [f for f in b.facts if f.clause is c and f.kind != "rate" and f.mention.value is not None]
    q = b.q
    if len(rates) == 1 and not counts and rates[0].per == q.unit:
        unit, divisor, asked = rates[0].mention.unit, b.val(rates[0].mention), q.unit
    elif q.each and len(counts) == 1 and not rates:
        unit, divisor, asked = b.unit(), b.val(counts[0].mention), ""
        if counts[0].mention.names(unit):
            return None
    elif not rates and not counts:
        return _rest_partition(b, c)
    else:
        raise ParseError("what 'the rest' is divided by is unclear")
    before = [f for f in b.facts if f.clause in b.story.clauses[:at]]
    every = b.facts
    b.facts = before
    try:
        h = Holdings(b, unit)
        h.build()
        rest = _holding(h, c.subject or h.asked_holder(), rest=True)  # "9 didn't get picked and the rest ..."
    finally:
        b.facts = every
    return _finish(b, Bin("/", rest, divisor), "rest", asked or unit, rounding=bool(asked))


def _rest_of_goal(b: Builder) -> Reading | None:
    """ "needed 9 windows ... already installed 6 ... 6 hours to install each window ... the rest?": 6 x (9 - 6)."""
    low = [t.low for t in b.q.toks]
    if not any(a == "the" and r in _REST for a, r in zip(low, low[1:], strict=False)):
        return None
    rates = [f for f in b.facts if f.kind == "rate"]
    if len(rates) != 1:
        raise ParseError("the rest of what, at which rate, is unclear")
    rate = rates[0]
    of_it = [f for f in b.facts if f.mention.names(rate.per) and f.mention.value is not None and f is not rate]
    goals = [f for f in of_it if f.kind == "goal"]
    done = [f for f in of_it if f.kind != "goal"]
    if len(goals) != 1 or not done or any(f.kind not in ("act", "change") or f.sign < 0 for f in done):
        raise ParseError("what is left to do is unclear")
    left = Bin("-", b.val(goals[0].mention), _sum([b.val(f.mention) for f in done]))
    b.equations.append(_eq(X, Bin("*", b.val(rate.mention), left)))
    return Reading(b.equations, b.used, "rest", rate.mention.unit)


def _rest_partition(b: Builder, c) -> Reading | None:
    """ "100 books: 32 are history books, 25 are geography books and the rest are math books": the whole less the parts."""
    from reasoner.solvers.math.story.mentions import noun_phrase

    low = [t.low for t in c.toks]
    k = next((i for i, w in enumerate(low) if w in _REST), -1)
    if k + 2 >= len(low) or low[k + 1] not in ("are", "were", "is", "was"):
        return None
    head, attrs, _, _ = noun_phrase(c.toks, k + 2)
    kind = (attrs | {head}) if head and not can_be_unit(b, head, but=c) else attrs
    q = b.q
    if not kind or not (q.attrs & kind or q.unit in kind):
        raise ParseError("the question does not ask about the rest")
    if q.unit not in kind:
        unit = b.unit()
    else:  # "the rest are children ... How many children?": the whole's noun (passengers)
        units = {f.unit for f in b.facts if f.unit and f.clause is not c and f.mention.value is not None}
        if len(units) != 1:
            raise ParseError("which noun the rest completes is unclear")
        unit = units.pop()
    numbers = [f for f in b.facts if f.mention.names(unit) and f.mention.value is not None and f.kind != "rate"]
    wholes = [f for f in numbers if not f.mention.attrs and not f.clause.subject_is_quantity and not f.mention.owner_word]
    if len(wholes) != 1 or len(numbers) < 2:
        raise ParseError("the whole that 'the rest' completes is unclear")
    parts = [b.val(f.mention) for f in numbers if f is not wholes[0]]
    b.equations.append(_eq(X, Bin("-", b.val(wholes[0].mention), _sum(parts))))
    return Reading(b.equations, b.used, "rest", unit)


def can_be_unit(b: Builder, word: str, but=None) -> bool:
    """ "the rest are math books": "book" is the counted noun; "the rest are green": only a kind.

    ``but``: a clause whose own mentions do not count ("the rest are children" names children there only).
    """
    return any(f.mention.unit == word for f in b.facts if f.clause is not but or f.mention.value is not None)


__all__ = ["read_equations"]
