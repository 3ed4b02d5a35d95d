"""The rest of a whole, named by what it is: "Amy has 67 balloons. 29 of them are red and 17 are green. The rest of the
balloons are blue. How many blue balloons does Amy have?", "Iesha has 58 books. 19 are about school and the rest
are about sports. How many books about sports does Iesha have?"

English tells a whole first, then parts of it (amounts "of them", "of the friends", of its noun, or with no noun
as the subject of a clause: "19 are about school"), then "the rest" (or "the remaining", "everyone else") with
what it is. The question asks the rest when it repeats a word that the rest's clause tells and no part's clause
does; every number after the whole is a part. The answer is the whole less the parts.
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, solved
from reasoner.solvers.math.story.phrases import phrase_at, plain_question, same_thing
from reasoner.solvers.math.story.words import Tok, noun_lemma, verb_lemma
from reasoner.solvers.math.tree import Bin
from reasoner.text.stopwords import FUNCTION_WORDS

_REST = ("rest", "remaining", "else", "others")
_BE = frozenset("is are was were".split())
_SKIP = FUNCTION_WORDS | frozenset("rest remaining else others everyone the of them be".split())


def _clause(toks: list[Tok], k: int) -> list[Tok]:
    """The clause of position ``k``: to the sentence's end, or to a comma or "and" after it."""
    out = []
    for t in toks[k:]:
        if t.sent != toks[k].sent or t.low in (",", "and", ".", "?", "!"):
            break
        out.append(t)
    return out


def _words(toks: list[Tok]) -> set[str]:
    out = set()
    for t in toks:
        if t.is_num or not t.low.isalpha() or t.low in _SKIP:
            continue
        out |= {noun_lemma(t.low), verb_lemma(t.low)} - {""}
    return out


def read(toks: list[Tok]) -> KindAnswer | None:
    """The whole less its told parts, when the question asks what the rest is; None when no rest is named.

    Raises:
        ParseError: a rest is named, and the parts or the question do not fit the whole.
    """
    at = plain_question(toks)
    if at < 0:
        return None
    rest = next((k for k in range(at) if toks[k].low in _REST and k and toks[k - 1].low in ("the", "everyone")), -1)
    if rest < 0 or rest >= 2 and toks[rest - 2].low == "of":
        return None  # "9 of the remaining pineapples": a part of the rest, not the rest named
    nums = [k for k in range(at) if toks[k].is_num]
    if len(nums) < 2 or any(k > rest for k in nums):
        return None
    whole, parts = nums[0], nums[1:]
    noun = phrase_at(toks, whole).counted
    if not noun:
        raise ParseError("the first amount names no whole: '29 of them' is a part of something untold")
    part_words: set[str] = set()
    for k in parts:
        told = phrase_at(toks, k)
        if told.head and not same_thing(told.head, noun) and told.counted != noun:
            raise ParseError(f"the part {toks[k].text} is not of the whole's things")
        if not told.head and not (told.end < len(toks) and (toks[told.end].low in _BE or toks[told.end].low == "of")):
            raise ParseError(f"the part {toks[k].text} names nothing")
        part_words |= _words(_clause(toks, k)) | _words(toks[told.start:told.end])
    rest_words = _words(_clause(toks, rest)) - {noun}
    asked = _words(toks[at + 2:]) - {noun}
    if {t.low for t in toks[at:]} & {"not", "n't", "never"}:
        raise ParseError("the question asks what is not the rest's")
    if not asked & rest_words or asked & (part_words - rest_words):
        raise ParseError("the question does not ask what the rest is")
    amount = toks[whole].value - sum(toks[k].value for k in parts)
    if amount < 0:
        raise ParseError("the parts are more than the whole")
    expr = linear.num(toks[whole].value)
    for k in parts:
        expr = Bin("-", expr, linear.num(toks[k].value))
    return solved([eq(X, expr)], "the rest named", noun, whole=True)
