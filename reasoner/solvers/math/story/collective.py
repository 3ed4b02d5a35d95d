"""Amounts of kinds listed together, asked by a noun over them all: "In a school, there are 542 girls and 387 boys.
How many pupils are there in that school?", "Jose has 28 chickens and 18 ducks. How many fowls does he have?"

English lists amounts of different kinds in one coordination ("28 chickens and 18 ducks", "589 shirts and 345
trousers") and may ask for them all by a noun that covers each kind: a hypernym in WordNet's noun hierarchy
(its own senses, not a shared name: a bicycle is also called a "wheel", and wheels are not bicycles), or a
noun for people over amounts that all count people ("girls and boys" as pupils, "men and women" as people).
The question may not tell anything the story does not (its other words are the story's), so "How many parents
came?" over girls and boys declines; the listed amounts are the only numbers of the text.
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.story import kinds, linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, solved
from reasoner.solvers.math.story.phrases import how_at, is_person, phrase_at
from reasoner.solvers.math.story.words import Tok, noun_lemma, verb_lemma
from reasoner.solvers.math.tree import Bin
from reasoner.text.stopwords import FUNCTION_WORDS

_SENSES = 4  # a kind's less frequent senses count too ("duck" the bird is its first; "fowl" is above it)
_ASKED_ANYWAY = frozenset("there total altogether all in together combined".split())
_RATE = frozenset("each every per".split())
_COMPARED = frozenset("more fewer less than left".split())


def _covers(noun: str, kind: str) -> bool:
    return kinds.is_kind_of(kind, noun, synonyms=False, top=_SENSES)


def read(toks: list[Tok]) -> KindAnswer | None:
    """The sum of the listed kinds asked by a noun over them; None when the question's noun is one of them or
    there is no list of two or more kinds.

    Raises:
        ParseError: the question's noun covers the kinds, and the question tells what the story does not.
    """
    at = how_at(toks, ("many",))
    if at < 0 or any(t.is_num for t in toks[at:]) or {t.low for t in toks} & _RATE:
        return None
    if {t.low for t in toks[at:]} & _COMPARED:
        return None  # "How many more bags of dog food than cat food": a difference, not a sum
    nums = [k for k in range(at) if toks[k].is_num]
    if len(nums) < 2 or len({toks[k].sent for k in nums}) != 1:
        return None
    told = [phrase_at(toks, k) for k in nums]
    for a, b in zip(told, nums[1:], strict=False):
        if [t.low for t in toks[a.end:b]] not in ([","], ["and"], [",", "and"]):
            return None  # one coordination of amounts: "28 chickens and 18 ducks"
    heads = [p.counted for p in told]
    asked = phrase_at(toks, at + 1)
    noun = asked.counted
    if not noun or not all(heads):
        return None
    words = [tuple(t.low for t in toks[p.start:p.end]) for p in told]
    same = set(heads) == {noun} and len(set(words)) == len(words)  # "55 tree frogs, 10 poison frogs and 13 wood frogs"
    if not same and (len(set(heads)) != len(heads) or noun in heads):
        return None
    if not same and not (all(_covers(noun, h) for h in heads) or is_person(noun) and all(is_person(h)
                                                                                          for h in heads)):
        return None
    story = {w for t in toks[:at] for w in (t.low, noun_lemma(t.low), verb_lemma(t.low)) if w}
    skip = {t.low for t in toks[asked.start:asked.end]}
    for t in toks[asked.end:]:
        w = t.low
        if not w.isalpha() or w in FUNCTION_WORDS or w in _ASKED_ANYWAY or w in skip:
            continue
        if not {w, noun_lemma(w), verb_lemma(w)} & story:
            raise ParseError(f"the question tells {w!r}, which the story does not")
    total = linear.num(toks[nums[0]].value)
    for k in nums[1:]:
        total = Bin("+", total, linear.num(toks[k].value))
    return solved([eq(X, total)], "kinds together", noun, whole=True)
