"""Noun phrases after a number, and the question's asked noun: what the session-13 kinds share.

"33 chocolate chip cookies" counts cookies (the last noun of the run of modifiers and nouns after the number),
"3,484 pieces of chalk" counts pieces of chalk (a measure of its stuff), "$65" counts dollars. A phrase ends at a
function word, a verb that is no noun, punctuation or a number.
"""

from __future__ import annotations

from dataclasses import dataclass

from reasoner.solvers.math.story import kinds
from reasoner.solvers.math.story.words import Tok, can_be, known, lemmas, noun_lemma
from reasoner.text.stopwords import FUNCTION_WORDS

# English words for a dollar and a cent that are no unit sign.
_MONEY = {"buck": "dollar", "dollar": "dollar", "cent": "cent", "penny": "cent"}
MAX_MODIFIERS = 3


@dataclass(frozen=True)
class Phrase:
    """``head``: the noun's lemma ("cookie"); ``stuff``: what a measure is of ("chalk" in "pieces of chalk");
    ``start``/``end``: token span of the phrase after the number."""

    head: str
    stuff: str
    start: int
    end: int
    word: str = ""  # the head as written ("leaves"), for ``names``

    @property
    def counted(self) -> str:
        return self.stuff or self.head


def _nominal(t: Tok) -> bool:
    if t.is_num or not t.low.isalpha() or t.low in FUNCTION_WORDS:
        return False
    return can_be(t.low, "NOUN") or can_be(t.low, "ADJ") or not known(t.low)


def _noun(word: str) -> bool:
    return can_be(word, "NOUN") or not known(word)


def phrase_at(toks: list[Tok], k: int) -> Phrase:
    """The noun phrase right after position ``k`` (a number, or "many"); an empty head when there is none."""
    if toks[k].is_num and toks[k].unit == "dollar":
        return Phrase("dollar", "", k + 1, k + 1)
    j, heads = k + 1, []
    while j < len(toks) and len(heads) <= MAX_MODIFIERS and _nominal(toks[j]):
        heads.append(j)
        j += 1
        if _noun(toks[j - 1].low) and noun_lemma(toks[j - 1].low) != toks[j - 1].low:
            break  # a plural ends the phrase: "33 chocolate chip cookies", "96 dollars washing cars"
    nouns = [i for i in heads if _noun(toks[i].low)]
    if not nouns:
        return Phrase("", "", k + 1, k + 1)
    word = toks[nouns[-1]].low
    head = noun_lemma(word)
    head = _MONEY.get(head, head)
    stuff = ""
    if j + 1 < len(toks) and toks[j].low == "of" and _nominal(toks[j + 1]):
        inner = phrase_at(toks, j)
        stuff, j = inner.head, inner.end
    return Phrase(head, stuff, k + 1, j, word)


def noun_forms(word: str) -> frozenset[str]:
    """Every singular a plural may be ("leaves": leaf or leave), beside ``noun_lemma``'s first."""
    return frozenset({noun_lemma(word), *lemmas(word).get("NOUN", ())})


def names(word: str, noun: str) -> bool:
    """ ``word`` as written may name ``noun`` (a lemma): "leaves" names "leaf"."""
    return bool(noun) and noun in noun_forms(word)


def same_thing(a: str, b: str) -> bool:
    """One noun names the other's things: the same lemma, or one is a kind of the other ("rose", "flower")."""
    return bool(a) and bool(b) and (a == b or kinds.is_kind_of(a, b) or kinds.is_kind_of(b, a))


def is_person(noun: str) -> bool:
    return noun in ("person", "people") or kinds.is_kind_of(noun, "person")


def how_at(toks: list[Tok], words: tuple[str, ...] = ("many", "much")) -> int:
    """Where the last "how many" / "how much" is; -1 when there is none."""
    return max((k for k in range(len(toks) - 1) if toks[k].low == "how" and toks[k + 1].low in words), default=-1)


def plain_question(toks: list[Tok], words: tuple[str, ...] = ("many", "much")) -> int:
    """Where "how many" / "how much" starts a question that tells no number; -1 otherwise."""
    at = how_at(toks, words)
    return -1 if at < 0 or any(t.is_num for t in toks[at:]) else at


def condition_first(toks: list[Tok]) -> list[Tok]:
    """ "how many packages could she make if she put 7 cupcake in each package?": the condition told after the
    question is part of the story, so it is moved before it (the question keeps its words)."""
    at = how_at(toks)
    if at < 0:
        return toks
    end = next((k for k in range(at, len(toks)) if toks[k].low in ("?", ".")), len(toks))
    cond = next((k for k in range(at, end) if toks[k].low == "if"), -1)
    if cond < 0 or not any(t.is_num for t in toks[cond:end]):
        return toks
    comma = Tok(",", ",", toks[at].sent)
    return [*toks[:at], *toks[cond + 1:end], comma, *toks[at:cond], *toks[end:]]
