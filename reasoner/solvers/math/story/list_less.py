"""A part of amounts listed together, and the rest asked: "Sam had to wash 40 short sleeve shirts and 23 long sleeve
shirts. If he had only washed 29 of them by the time school started, how many did he not wash?"

English lists amounts in one coordination ("46 math problems and 9 science problems", "32 tickets playing 'whack
a mole' and 25 tickets playing 'skee ball'") and then takes a part "of them" / "of the problems" / "of his
tickets": the part is of all that was listed. The question asks the rest: what is left after a use or a loss
("spent 7 of his tickets ... how many tickets does Tom have left?"), what was not done ("how many did he not
wash?"), what is extra ("used 11 of the flowers ... how many extra flowers did Janet pick?"), or what is still
to do after some is finished. The listed amounts and the part are the only numbers; the answer is their sum
less the part.
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.story import lexicon, linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, solved
from reasoner.solvers.math.story.phrases import phrase_at, plain_question, same_thing
from reasoner.solvers.math.story.words import Tok, verb_lemma
from reasoner.solvers.math.tree import Bin

_OF_TOLD = frozenset("them the his her their those".split())
_USED = frozenset("use spend eat sell lose give break".split())
_DONE = frozenset("finish complete do".split())
_LEFT = frozenset("left remain remaining".split())


def _listed(toks: list[Tok], nums: list[int]) -> bool:
    """The amounts are one coordination: joined by "and" or commas, nothing between but their phrases and
    -ing words ("32 tickets playing 'whack a mole' and 25 tickets ...")."""
    for a, b in zip(nums, nums[1:], strict=False):
        between = toks[phrase_at(toks, a).end:b]
        if toks[a].sent != toks[b].sent or not {t.low for t in between} & {"and", ","}:
            return False
        quoted = False
        if [t.low for t in between][-4:-1] == ["the", "other", "had"] or [t.low for t in between][-3:] == [
                "the", "other", "had"]:
            continue  # "One had 23 pictures and the other had 32"
        for t in between:
            if t.text in ("'", '"'):
                quoted = not quoted  # a name in quotes: 'whack a mole'
            elif not quoted and verb_lemma(t.low) and not t.low.endswith("ing"):
                return False
    return True


def _part_verb(toks: list[Tok], k: int) -> str:
    """The verb of the part's clause ("If he had only washed 29 of them": wash)."""
    for t in reversed(toks[max(0, k - 4):k]):
        v = verb_lemma(t.low)
        if v and v not in lexicon.AUXILIARIES and t.low not in lexicon.AUXILIARIES:
            return v
    return ""


_SPANS = frozenset("minute hour day week month year".split())


def _a_time(toks: list[Tok], k: int) -> bool:
    """ "After one week": a time the part is done in, not an amount of the things listed."""
    return k + 1 < len(toks) and k > 0 and toks[k - 1].low in ("after", "in", "within", "for") and \
        toks[k + 1].low in _SPANS


def _one_and_other(nums: list[int], toks: list[Tok]) -> list[int]:
    """ "Rachel bought two coloring books. One had 23 pictures and the other had 32.": the two amounts are the
    list; "two" counts its members and "One" names the first, neither is an amount of the listed things."""
    for i, k in enumerate(nums[:-2]):
        one, a, b = nums[i + 1:i + 4] if i + 3 < len(nums) else (nums[i + 1], -1, -1)
        if toks[k].value != 2 or toks[one].low != "one" or b < 0 or toks[one].sent != toks[a].sent:
            continue
        low = [t.low for t in toks[a:b]]
        in_list = [n for n in nums if toks[n].sent == toks[one].sent and n != one]
        if toks[one].sent == toks[b].sent and "the" in low and "other" in low and toks[k].sent < toks[one].sent:
            if in_list != [a, b]:
                raise ParseError("two things told, and other than two amounts of them")
            return [n for n in nums if n not in (k, one)]
    return nums


def read(toks: list[Tok]) -> KindAnswer | None:
    """The listed amounts less a part of them; None when no part of a list is taken.

    Raises:
        ParseError: a part of a list is taken, and the question does not ask the rest it leaves.
    """
    at = plain_question(toks)
    if at < 0:
        return None
    nums = _one_and_other([k for k in range(at) if toks[k].is_num and not _a_time(toks, k)], toks)
    if len(nums) < 3:
        return None
    part = nums[-1]
    if not (part + 2 < len(toks) and toks[part + 1].low == "of" and toks[part + 2].low in _OF_TOLD):
        return None
    listed = nums[:-1]
    if not _listed(toks, listed) or toks[part].sent == toks[listed[0]].sent:
        return None
    told = [phrase_at(toks, k) for k in listed]
    heads = [p.counted for p in told]
    heads = [h or heads[0] for h in heads]  # "the other had 32": the noun of the list's first amount
    if not all(heads):
        raise ParseError("a listed amount counts no noun")
    asked = phrase_at(toks, at + 1).counted if toks[at + 1].low == "many" else ""
    if asked and not all(same_thing(asked, h) or asked == h for h in heads) and asked not in {
            t.low for t in toks[part:at]} | {p.head for p in [phrase_at(toks, part + 2)]}:
        raise ParseError("the question counts another noun than the listed ones")
    if asked in heads and any(h != asked for h in heads):
        raise ParseError("the question names one of the listed things ('buns' of buns and rolls), not them all")
    verb = _part_verb(toks, part)
    q = [t.low for t in toks[at:]]
    qv = {verb_lemma(w) for w in q} - {""}
    if set(q) & _LEFT and (verb in _USED or lexicon.verb_class(verb) in ("give", "lose")):
        pass
    elif {"not", "n't"} & set(q) and verb in qv:
        pass
    elif "extra" in q or "still" in q and verb in _DONE | qv:
        pass
    elif verb in _DONE and ("have", "to") in zip(q, q[1:], strict=False):
        pass
    else:
        raise ParseError("the question does not ask the rest the part leaves")
    whole = sum(toks[k].value for k in listed)
    if toks[part].value > whole:
        raise ParseError("the part is more than the listed amounts")
    total = linear.num(toks[listed[0]].value)
    for k in listed[1:]:
        total = Bin("+", total, linear.num(toks[k].value))
    return solved([eq(X, Bin("-", total, linear.num(toks[part].value)))], "rest of a list", heads[0], whole=True)
