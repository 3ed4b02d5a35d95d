"""Facts: what each quantity of a story says, in the terms of the model.

A quantity is held (a state), gained or lost by a holder (a change, with a giver and a
receiver for transfers), compared with another holder's ("3 more than", "twice as many"),
a rate ("7 eggs in each box", "8 dollars an hour", "packs of 20"), a goal ("needs 8 cups"),
or a split ("divided equally into 7 packages"). Which one follows from the verb's class and
the function words around the number, never from the story's topic.
"""

from __future__ import annotations

from dataclasses import dataclass

from reasoner.solvers.math.story import lexicon
from reasoner.solvers.math.story.clauses import Clause, Entities, group_subject, is_verb
from reasoner.solvers.math.story.mentions import Mention, noun_phrase
from reasoner.solvers.math.story.words import Tok, can_be, noun_lemma, verb_lemma


@dataclass
class Fact:
    """One quantity's role.

    kind: "hold", "change", "compare", "times", "rate", "goal", "split", "count", "act" (the amount of
        an activity: "ran 3 miles"; it adds to a tally of the verb, not to what the subject holds), or
        "except" (some of a set that did not take part: "6 members didn't show up").
    sign: +1 or -1 for changes and additive comparisons.
    per: the noun a rate is per ("box" for "7 eggs in each box").
    other: the receiver of a transfer, the other side of a comparison.
    """

    kind: str
    holder: str
    mention: Mention
    clause: Clause
    sign: int = 1
    per: str = ""
    other: str = ""
    verb: str = ""
    generic: bool = False  # said of "a"/"an" thing: a rate only when the story counts such things
    fallback: Fact | None = None  # a price read as a rate; this fact when nothing else counts the thing

    @property
    def unit(self) -> str:
        return self.mention.unit


_COMPARE_WINDOW = 6
_PER_PAIRS = [[p, d] for p in ("for", "in", "on", "into", "to", "at") for d in ("each", "every", "a", "an")]
_FRAMES_OK_NOT = frozenset("lot bit few little".split())
_PER_WORDS = frozenset("per each every a an".split())


def specific(facts: list[Fact], asked: str) -> list[Fact]:
    """ "A candy store has 6 boxes": with no count of stores, "a store" is one store that holds them.

    It stays a rate when the question counts such things ("A vase can hold 5 flowers ... how many vases?").
    """
    out = []
    for f in facts:
        counted = f.per == asked or any(g.mention.names(f.per) for g in facts if g is not f)
        if f.kind == "rate" and f.generic and not counted and f.clause.vclass == "state":
            f = Fact("hold", f.per, f.mention, f.clause, verb=f.verb)
        elif f.kind == "rate" and f.fallback is not None and not (f.generic and f.per == asked) and not any(
                g.mention.names(f.per) and g.mention.value is not None for g in facts if g.clause is not f.clause):
            f = f.fallback  # "bought a pencil for 11 cents": one pencil, a payment
        out.append(f)
    return out


def facts_of(c: Clause, ents: Entities) -> list[Fact]:
    """The facts of one clause (empty when it holds no quantity)."""
    out = []
    for m in c.mentions:
        out.append(_fact(c, m, ents))
    return out


def _fact(c: Clause, m: Mention, ents: Entities) -> Fact:
    at = m.index
    if m.value is not None and (c.negated or _forgot(c, m)):
        return Fact("except", c.subject, m, c, sign=-1, verb=c.verb)  # "6 members didn't show up"
    cmp = _comparison(c, m, at, ents)
    if cmp is not None:
        return cmp
    if _unread_comparison(c, m):
        return Fact("unknown", c.subject, m, c)  # "12 fewer shirts on Tuesday than on Monday": compared with what?
    rate = _rate(c, m, at)
    if rate is not None:
        return rate
    return _plain(c, m)


def _plain(c: Clause, m: Mention) -> Fact:
    """What a quantity is when it is no comparison or rate: a part described, a goal, a split, a change."""
    holder = c.subject
    if _described(c, m):
        return Fact("subset", holder, m, c)  # "they discovered that 25 were cracked"
    if c.vclass == "goal" or _obliged(c, m) or _saved_for(c, m):
        return Fact("goal", holder, m, c, verb=c.verb)  # "needs 8 cups", "were asked to make 500 pieces"
    if c.verb and _split_verb(c) and not c.subject_is_quantity:
        return Fact("split", holder, m, c, verb=c.verb)
    sign, kind = _change(c, m)
    other = c.recipient or c.source or (m.owner if m.owner != holder else "")
    return Fact(kind, holder, m, c, sign=sign, other=other, verb=c.verb)


def _comparison(c: Clause, m: Mention, at: int, ents: Entities) -> Fact | None:
    """ "6 more balls than Marin", "2 times as many trout as Sara", "twice as many as", "half as many"."""
    toks = c.toks
    end = min(len(toks), at + _COMPARE_WINDOW + 4)
    words = [t.low for t in toks[at:end]]
    if "than" not in words and not ("as" in words and ("times" in words or "many" in words)):
        return None
    if m.times or "times" in words[:3]:
        other = _after(toks, at, ("as", "than"), ents)
        if not other and _as_many_ends(words):
            other = BEFORE  # "Arthur baked 115 muffins. James baked 12 times as many.": as many as the one before
        return Fact("times", c.subject, m, c, other=other, verb=c.verb) if other else None
    if "than" in words:
        k = words.index("than")
        between = set(words[:k])
        if between & lexicon.MORE:
            sign = 1
        elif between & lexicon.FEWER:
            sign = -1
        else:
            return None
        other = _after(toks, at, ("than",), ents)
        return Fact("compare", c.subject, m, c, sign=sign, other=other, verb=c.verb) if other else None
    return None


THEY = "@they"  # "They each ...": per one of the people counted just before
BEFORE = "@before"  # the other side of an elliptical comparison: the holder of the amount told just before


def _as_many_ends(words: list[str]) -> bool:
    """ "12 times as many" with nothing after it in its clause (the "as ..." of the comparison left out)."""
    for k in range(len(words) - 1):
        if words[k] == "as" and words[k + 1] in ("many", "much"):
            return all(not w[:1].isalnum() for w in words[k + 2:])
    return False


# Verbs of changing size (Levin 45.6, "calibratable change of state"): "rose by 5", "dropped by $12".
_UP = frozenset("increase rise grow climb raise go".split())
_DOWN = frozenset("decrease drop fall decline shrink reduce lower sink cut".split())
_NOT_DONE = frozenset("forget forgot forgotten fail failed neglect neglected".split())


def _forgot(c: Clause, m: Mention) -> bool:
    """ "forgot to mow 7 of them": a verb that says the next one was not done."""
    toks = c.toks
    return any(toks[k].low in _NOT_DONE and toks[k + 1].low == "to" for k in range(max(0, m.index - 5), m.index - 1))


def _described(c: Clause, m: Mention) -> bool:
    """ "that 25 were cracked", "4 of the seashells were broken": a number as the subject of a state."""
    toks = c.toks
    k = m.end if m.end > m.index else m.index + 1
    if k + 1 >= len(toks) or toks[k].low not in ("were", "are", "was", "is"):
        return False
    word = toks[k + 1].low
    before = toks[m.index - 1].low if m.index > 0 else ""
    lemma = verb_lemma(word)
    state = lemma and word != lemma and word.endswith(("ed", "en", "n")) and lexicon.verb_class(lemma) in ("lose", "")
    if not state or lemma in _USED_UP or any(t.low == "by" for t in toks[k + 2:]):
        return False  # "7 are eaten by a hippopotamus", "6 were used": events
    return before in ("that", "but", ",", "and") or m.index == 0


def _obliged(c: Clause, m: Mention) -> bool:
    """ "asked to make 500", "supposed to bake 30": what is to be done, not done."""
    low = [t.low for t in c.toks[max(0, m.index - 4):m.index]]
    return any(a in ("asked", "supposed", "required", "expected", "told") and b == "to" for a, b in zip(low, low[1:],
                                                                                                         strict=False))


def _unread_comparison(c: Clause, m: Mention) -> bool:
    """A comparative right after the quantity, or a "than" after it, that no comparison was read from."""
    toks = c.toks
    nxt = toks[m.index + 1].low if m.index + 1 < len(toks) else ""
    if nxt in lexicon.FEWER:
        return True
    return any(t.low == "than" for t in toks[m.index + 1:m.index + _COMPARE_WINDOW + 4])


def _after(toks: list[Tok], at: int, words: tuple[str, ...], ents: Entities) -> str:
    for k in range(at, len(toks)):
        if toks[k].low in words:
            j = k + 1
            while j < len(toks) and toks[j].low in ("as", "many", "much", "what", "the"):
                j += 1
            key, _ = group_subject(toks, j, min(len(toks), j + 4), ents)
            return key
    return ""


def _rate(c: Clause, m: Mention, at: int) -> Fact | None:
    """ "7 eggs in each box", "8 dollars an hour", "for 2 dollars each", "packs of 20", "Each box holds 7"."""
    toks = c.toks
    bill = m.per_noun or (toks[at + 1].low if at + 1 < len(toks) and m.unit == "dollar" else "")
    if bill in ("bill", "note") and "with" in [t.low for t in toks[max(0, at - 2):at]]:
        return Fact("hold", c.subject, m, c, verb="tender")  # "pays with a $5 bill": the money paid with
    if m.per_noun:
        return Fact("rate", c.subject, m, c, per=m.per_noun)  # "how many 3 dollar toys"
    j = m.end if m.end > at else at + 1
    if j + 2 < len(toks) and toks[j].low.endswith("ing") and [toks[j + 1].low, toks[j + 2].low] in _PER_PAIRS:
        j += 1  # "6 types of eagles living on each section": the participle's place is per section
    nxt = [t.low for t in toks[j:j + 4]]
    priced = _price_of(c, m)
    if priced:  # "sells their t-shirts for $16", "a cone for 99 cents"; a plain payment when nothing counts cones
        sign, kind = _change(c, m)
        plain = Fact(kind, c.subject, m, c, sign=sign, other=c.recipient or c.source, verb=c.verb)
        return Fact("rate", c.subject, m, c, per=priced, fallback=plain)
    per_task = _per_task(toks, m)
    if per_task:
        return Fact("rate", c.subject, m, c, per=per_task)  # "it takes 6 hours to install each window"
    purpose = _per_purpose(toks, m)
    if purpose:  # "uses 2 ounces of detergent to wash a pound of clothes": per pound, when pounds are counted or asked
        return Fact("rate", c.subject, m, c, per=purpose, generic=True, fallback=_plain(c, m))  # else "19 blocks to build a tower"
    holder = _relative_container(toks, at)
    if holder:
        return Fact("rate", c.subject, m, c, per=holder)  # "shelves that hold 8 books each"
    if nxt[:1] == ["each"] and len(nxt) > 1 and nxt[1] in ("time", "day", "week", "month", "hour", "trip", "visit"):
        return Fact("rate", c.subject, m, c, per=noun_lemma(nxt[1]))  # "5 bottle caps each time she goes"
    if nxt[:1] == ["each"] and len(nxt) > 1 and not is_verb(toks, j + 1) and nxt[1] not in _NOT_PER:
        head, _, _, _ = noun_phrase(toks, j + 1)
        if head and can_be(nxt[1], "NOUN"):
            return Fact("rate", c.subject, m, c, per=head)  # "scored 4 points each game": per game
    if at >= 2 and toks[at - 1].low == "of" and not toks[at - 2].is_num and _container(toks, at - 2):
        return Fact("rate", c.subject, m, c, per=noun_lemma(toks[at - 2].low))  # "rows of 5 pies each"
    if m.each or nxt[:1] == ["each"]:
        return Fact("rate", c.subject, m, c, per=_each_noun(c, m))
    if nxt[:1] == ["/"] and len(nxt) > 1:
        head, _, _, _ = noun_phrase(toks, j + 1)
        per = {"hr": "hour", "h": "hour", "min": "minute", "wk": "week", "yr": "year"}.get(nxt[1], head)
        if per:
            return Fact("rate", c.subject, m, c, per=per)  # "$2/hr"
    if nxt[:3] == ["at", "a", "time"]:
        return Fact("rate", c.subject, m, c, per="@asked")  # "carry 9 trays at a time": per trip
    each_of = _each_of_count(toks, j)
    if each_of:
        return Fact("rate", c.subject, m, c, per=each_of)  # "gives 7 stickers to each of her 13 students"
    if nxt[:1] in (["per"], ["a"], ["an"], ["every"]) or nxt[:2] in _PER_PAIRS:
        k = j + (1 if nxt[0] in _PER_WORDS else 2)
        head, _, of, _ = noun_phrase(toks, k)
        if head in ("piece", "item", "unit") and of:
            head = of  # "on each piece of furniture": per furniture
        if not head and k < len(toks) and toks[k].low == "one":
            head = _container_before(toks, at)  # "into folders with 5 files in each one"
        if head and head not in _FRAMES_OK_NOT:
            if nxt[:1] in (["per"], ["a"], ["an"], ["every"]) or _capacity(c, nxt):
                return Fact("rate", c.subject, m, c, per=head)
            if nxt[0] == "in" and c.vclass == "state":
                # "4 dozen calories in a candy bar": per bar when bars are counted, else one bar holds them
                return Fact("rate", c.subject, m, c, per=head, generic=True)
    if at >= 2 and toks[at - 1].low == "of" and not toks[at - 2].is_num and _container(toks, at - 2):
        return Fact("rate", c.subject, m, c, per=noun_lemma(toks[at - 2].low))  # "packs of 20": 20 per pack
    spread = _spread_subject(c, m)
    if spread:
        return Fact("rate", c.subject, m, c, per=spread)  # "6 students were sitting at each table"
    subject_each = any(t.low in ("each", "every") for t in toks[:at]) and _subject_each(toks, at)
    if subject_each:
        return Fact("rate", c.subject, m, c, per=subject_each)
    if c.each_of and not any(t.low in ("each", "every", "per") for t in toks[2:]):
        return Fact("rate", c.subject, m, c, per=c.each_of)  # "Each album came with a sheet and had 9 songs"
    if len(toks) > 2 and toks[0].low in ("they", "we") and toks[1].low == "each" and is_verb(toks, 2):
        return Fact("rate", c.subject, m, c, per=THEY)  # "They each ate 8 pieces": per one of the ones counted before
    if _each_after_subject(toks, at) and c.subject.startswith("group:"):
        return Fact("rate", c.subject, m, c, per="person")  # "Sam, Dan and Tom each have 14 cards"
    generic = _generic_subject(c, at)
    if generic:
        return Fact("rate", c.subject, m, c, per=generic, generic=True)  # "A bee has 6 legs"
    if at >= 3 and toks[at - 1].low in ("contain", "hold", "fit") and toks[at - 3].low in ("which", "that"):
        return Fact("rate", c.subject, m, c, per=noun_lemma(toks[at - 4].low) if at >= 4 else "")
    return None


def _each_of_count(toks: list[Tok], j: int) -> str:
    """ "7 stickers to each of her 13 students": the noun after "each of", a rate per it (session 13, wpa)."""
    if j + 3 >= len(toks) or toks[j].low not in ("to", "for") or [t.low for t in toks[j + 1:j + 3]] != ["each", "of"]:
        return ""
    k = j + 3
    while k < len(toks) and toks[k].low in ("the", "her", "his", "their", "my", "our", "your", "these", "those"):
        k += 1
    if k < len(toks) and toks[k].is_num:
        k += 1
    head, _, _, _ = noun_phrase(toks, k)
    return head  # without a count ("to each of her friends") the rate's count is not told, and its reading declines


def _spread_subject(c: Clause, m: Mention) -> str:
    """ "6 students were sitting at each table", "5 apples are in every box": a counted subject, per each place."""
    toks = c.toks
    if not c.subject_is_quantity or any(x.value is not None and x.index < m.index for x in c.mentions):
        return ""
    for k in range(max(m.end, m.index + 1), len(toks) - 2):
        if toks[k].is_num:
            return ""
        if toks[k].low in ("at", "in", "on", "inside") and toks[k + 1].low in ("each", "every"):
            head, _, _, _ = noun_phrase(toks, k + 2)
            return head if head not in _FRAMES else ""
    return ""


def _price_of(c: Clause, m: Mention) -> str:
    """ "sells t-shirts for $16", "bought an ice cream cone for 99 cents": a price of one thing.

    Only when the thing is one ("a cone") or sold in the present tense ("sells"), never after a count in the
    same clause ("bought 3 books for $12" is what the three cost). Whether another number counts the thing
    is checked by the reading that uses the rate.
    """
    toks = c.toks
    at = m.index
    if at < 2 or toks[at - 1].low != "for" or m.unit not in ("dollar", "cent") or m.each:
        return ""
    if any(x.value is not None and x.index < at and x.unit not in ("dollar", "cent") for x in c.mentions):
        return ""
    for k in range(at - 2, -1, -1):
        if toks[k].text[:1].isalpha() and can_be(toks[k].low, "NOUN"):
            before = [t.low for t in toks[max(0, k - 4):k]]
            single = ("a" in before or "an" in before) and not any(is_verb(toks, j) for j in range(max(0, k - 3), k))
            present = c.verb in ("sell", "cost", "charge") and any(t.low in ("sells", "costs", "charges") for t in toks)
            return noun_lemma(toks[k].low) if single or present else ""
    return ""


def _per_task(toks: list[Tok], m: Mention) -> str:
    """ "takes 6 hours to install each window": time per thing done."""
    k = m.end
    if not m.is_time or k + 3 >= len(toks) or toks[k].low != "to":
        return ""
    if toks[k + 2].low not in ("each", "every", "a", "an", "one"):
        return ""
    head, _, _, _ = noun_phrase(toks, k + 3)
    return head


def _per_purpose(toks: list[Tok], m: Mention) -> str:
    """ "2 ounces of detergent to wash a pound of clothes": the amount needed for one of something."""
    k = m.end
    if k + 3 >= len(toks) or toks[k].low != "to" or not verb_lemma(toks[k + 1].low):
        return ""
    if toks[k + 2].low not in ("a", "an", "one", "each", "every"):
        return ""
    head, _, _, _ = noun_phrase(toks, k + 3)
    return head


def _relative_container(toks: list[Tok], at: int) -> str:
    """ "shelves that hold 8 books", "boxes which can contain 10": the noun before the relative pronoun."""
    for k in range(at - 1, max(0, at - 4), -1):
        if toks[k].low in ("that", "which") and k > 0:
            between = {t.low for t in toks[k + 1:at]}
            if between & (_CAPACITY | {"hold", "contain", "fit"}) and not toks[k - 1].is_num:
                head = noun_lemma(toks[k - 1].low)
                return head if head != toks[k - 1].low or toks[k - 1].low.endswith("s") else head
            return ""
    return ""


def _container_before(toks: list[Tok], at: int) -> str:
    """The plural noun that "each one" stands for: the last one before the number ("folders with 5 ...")."""
    for k in range(at - 1, -1, -1):
        t = toks[k]
        if not t.is_num and t.text[:1].isalpha() and noun_lemma(t.low) != t.low:
            return noun_lemma(t.low)
    return ""


_CAPACITY = frozenset("fit hold put place pack carry store arrange stack load seat".split())


def _capacity(c: Clause, nxt: list[str]) -> bool:
    """ "3 books on a shelf" is per shelf when something is fitted or put; "79 pencils in a box" is held."""
    if nxt[1] in ("each", "every"):
        return True
    return c.verb in _CAPACITY or bool(c.words & {"can", "could"})


_PRESENT_STATE = frozenset("has holds contains costs weighs is measures gets uses needs".split())


def _generic_subject(c: Clause, at: int) -> str:
    """A present-tense statement about "a"/"an" thing is about every such thing ("A bee has 6 legs")."""
    toks = c.toks
    lead = int(bool(toks) and toks[0].low in ("if", "when"))  # "If one cartridge costs 15 dollars"
    if len(toks) < 3 + lead or toks[lead].low not in ("a", "an", "each", "every", "one"):
        return ""
    head, _, _, end = noun_phrase(toks, 1 + lead)
    if end < at and toks[end].low in _MODALS and end + 1 < at and toks[end + 1].low in _CAPACITY | {"hold", "contain"}:
        return head  # "A vase can hold 5 flowers", "A box could fit 12"
    if not head or end >= at or toks[end].low not in _PRESENT_STATE:
        return ""
    return head


_MODALS = frozenset("can could will would".split())


def _container(toks: list[Tok], k: int) -> bool:
    """ "packs of 20", "rows of 5": a plural container noun (a singular "a bag of 140" is one bag)."""
    t = toks[k]
    if not t.text[:1].isalpha() or t.low in ("some", "all", "out", "total", "most", "none", "each"):
        return False
    return noun_lemma(t.low) != t.low and not (k > 0 and toks[k - 1].low in ("a", "an", "one", "the"))


def _each_after_subject(toks: list[Tok], at: int) -> bool:
    return any(t.low == "each" and k + 1 < at and is_verb(toks, k + 1) for k, t in enumerate(toks[:at]))


def _subject_each(toks: list[Tok], at: int) -> str:
    """ "Each box holds 7 eggs", "If each person paid 45": the noun after "each" before the number."""
    for k in range(at):
        if toks[k].low in ("each", "every") and k + 1 < at:
            j = k + 1
            if toks[k].low == "each" and toks[j].low == "of":  # "each of the shelves had 9 books"
                j += 1
                while j < at and toks[j].low in ("the", "her", "his", "their", "its", "my", "our", "these", "those"):
                    j += 1
            head, _, _, end = noun_phrase(toks, j)
            if end == j + 2 and lexicon.verb_class(verb_lemma(toks[j + 1].low)):
                head, end = noun_lemma(toks[j].low), j + 1  # "each necklace cost 6 dollars"
            if head and not (end < len(toks) and toks[end].text == ",") and head not in _FRAMES:
                return head
    return ""


_FRAMES = frozenset("day week month year night morning hour minute time weekend".split())


def _each_noun(c: Clause, m: Mention) -> str:
    """ "They each bought 5", "5 pencils each": per member of the subject (or per thing bought)."""
    toks = c.toks
    subject = next((x for x in c.mentions if x.index < m.index and x.value is not None and x.unit != m.unit), None)
    if (c.subject_is_quantity or c.subject == "there") and subject is not None and subject.unit:
        return subject.unit  # "There are 124 students making 3 stars each": per student
    if m.index > 0 and toks[m.index - 1].low == "for":
        thing = _container_before(toks, m.index)
        if thing:
            return thing  # "selling decks for 2 dollars each": per deck
    if m.index > 0 and toks[m.index - 1].text == "," and subject is not None and subject.unit and (
            subject.end == m.index - 1):
        return subject.unit  # "3 sets of flowers, 90 pieces each": per set
    if c.subject.startswith("group:") or c.subject in ("they",):
        return "person"
    if subject is not None and subject.unit and toks[m.end if m.end < len(toks) else -1].low == "each":
        return subject.unit  # "saw 3 bugs eat 2 flowers each", "gave his 35 friends 12 pieces each": per bug, friend
    return c.subject or "item"


def _split_verb(c: Clause) -> bool:
    words = c.words
    return c.verb in ("divide", "split", "share", "distribute", "separate", "arrange", "group", "sort") and bool(
        words & {"into", "among", "between", "equally", "evenly"}
    )


_OBJECTS = frozenset("her him them me us".split())
_NOT_PER = frozenset("of to for and or but with from in on at".split())


def _handed_in(c: Clause) -> bool:
    """A passive verb whose particle "in" ends the clause: "were handed in", "were turned in" (not "put in a box")."""
    low = [t.low for t in c.toks]
    for k, w in enumerate(low[:-1]):
        if verb_lemma(w) == c.verb and w != c.verb and low[k + 1] == "in":
            return k + 2 == len(low) or low[k + 2] in (",", "to", "by", "today", "later", "too")
    return False


def _change(c: Clause, m: Mention) -> tuple[int, str]:
    """(sign, kind) of a quantity in a clause with a verb: held, gained or lost."""
    v = m.vclass or c.vclass
    words = c.words
    if (m.verb or c.verb) == "lose" and _event(m.unit):
        return 0, "unknown"  # "won 18 games and lost 7 games": a game lost is a defeat, not a loss of what is held
    if c.subject_is_quantity and v in ("", "state") and not m.more:
        return 1, "hold"  # "3 owls were sitting on the fence"
    if c.subject_is_quantity and c.passive and "by" not in words and not m.more and v in ("lose", "give"):
        if (m.verb or c.verb) in _USED_UP:
            return -1, "change"  # "If 58 were eaten": consumed or handed over, an event
        return 0, "subset"  # "9 were torn": a description of some of them, not an event
    if c.subject_is_quantity and c.passive and v == "create" and "into" in words:
        return -1, "change"  # "32 are made into salads": used up to make something else
    if c.subject_is_quantity and c.passive and _handed_in(c):
        return 1, "change"  # "another 9 were handed in", "15 were turned in": they come in to whoever collects them
    if c.subject_is_quantity and c.passive:
        # "61 are eaten by a hippopotamus", "6 capes are bought", "3 cards more are added"
        if v in ("lose", "give", "depart", "take"):
            return -1, "change"
        return (1, "change") if v in ("put", "create", "arrive", "gain") else (0, "unknown")
    if c.subject_is_quantity:
        # "2 more owls joined them", "3 students got off the bus": the things themselves move
        if v in ("arrive", "depart"):
            return (1 if v == "arrive" else -1), "change"
        if v == "lose" and not c.passive:
            return -1, "change"  # "15 of them died", "43 more leaves broke": the things themselves are lost
        return 0, "unknown"
    at = m.index
    if at > 0 and c.toks[at - 1].low == "by" and c.verb in _UP | _DOWN:
        return (1 if c.verb in _UP else -1), "change"  # "the fund decreased by $12"
    if v == "take" and at > 0 and c.toks[at - 1].low == "for":
        return -1, "change"  # "bought a pencil for 11 cents": the money goes
    if v == "take" and at > 1 and c.toks[at - 2].low in ("which", "that") and m.unit in ("dollar", "cent"):
        return -1, "change"  # "(bought a trumpet for $145,) and a song book which was $5.84": one more price paid
    if c.verb == "cost" and at > 0 and c.toks[at - 1].low in _OBJECTS and m.unit in ("dollar", "cent"):
        return -1, "change"  # "a cage cost her $10.97": she paid it
    if v == "state":
        return 1, ("change" if m.more and "than" not in words else "hold")
    if v in ("gain", "create", "arrive", "take", "put"):
        return 1, "change"
    if v in ("give", "lose", "depart"):
        return -1, "change"
    if m.more:
        return 1, "change"
    if not v and c.verb and c.verb not in lexicon.AUXILIARIES and not c.negated and _object_of_main_verb(c, m):
        return 1, "act"  # "ran 3 miles", "read 4 books": an activity's amount, tallied but never held
    return 0, "unknown"


def _saved_for(c: Clause, m: Mention) -> bool:
    """ "Ivy is saving for a $90 scooter": the price of what a gain is for is its goal, not more money gained."""
    k = m.index - 1
    while k >= 0 and c.toks[k].low in ("a", "an", "the", "her", "his", "their", "new"):
        k -= 1
    after = c.toks[m.end] if m.end < len(c.toks) else None
    return (c.vclass == "gain" and k >= 0 and c.toks[k].low == "for" and m.unit in ("dollar", "cent")
            and after is not None and can_be(after.low, "NOUN"))


def _event(noun: str) -> bool:
    """A noun whose first sense is an event ("game", "race", "battle"): what is won or lost there is no holding."""
    from reasoner.solvers.math.story.kinds import ancestors

    return bool(noun) and "event" in ancestors(noun, top=1)


# Consumption and handing over (Levin 39, 13.1): their passive tells an event ("58 were eaten"); the
# passive of destruction verbs ("9 were torn", "3 are broken") more often describes a state.
_USED_UP = frozenset("eat drink use spend consume sell give donate waste lose deliver send".split())


def _object_of_main_verb(c: Clause, m: Mention) -> bool:
    """The quantity is what the clause's own verb acts on: no other verb before or after it.

    "walked 0.2 mile to school" is; "forgot to mow 7 of them", "realized 0.5 gallon remained",
    "saw 3 times that many" and "mowed it 15 times total" are not an activity's amount.
    """
    if m.times or m.value is None:
        return False
    toks = c.toks
    main = next((k for k, t in enumerate(toks) if verb_lemma(t.low) == c.verb), -1)
    if main < 0 or main > m.index:
        return False
    if any(is_verb(toks, k) and not toks[k].text[:1].isupper() for k in range(main + 1, m.index)):
        return False
    after = toks[max(m.end, m.index + 1):]
    nxt = next((k for k, t in enumerate(after) if t.is_num), len(after))
    if nxt < len(after) and nxt > 0 and after[nxt - 1].low in ("and", ","):
        after = after[:nxt]  # "walked 0.2 mile to school and 0.7 mile home": up to the next listed amount
    if any(t.low in lexicon.TOTAL_WORDS for t in after[:2]):
        return False
    return not any(is_verb(after, k) and not after[k].text[:1].isupper() for k in range(len(after)))  # "in May"
