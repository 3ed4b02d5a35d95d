"""Words the false-hit guard reads: tokens, numbers, negations, directions, function words.

Pure data and pure functions, shared by the checks in :mod:`reasoner.memory.guard`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reasoner.text import numbers as numwords
from reasoner.text import stopwords
from reasoner.text.tokens import CLAUSE_PUNCT, Token, clause_tokens

PUNCT = CLAUSE_PUNCT


@lru_cache(maxsize=50_000)
def tokens(text: str) -> tuple[Token, ...]:
    """``clause_tokens`` of ``text``, cached: the guard and its features read a stored question many times."""
    return tuple(clause_tokens(text))

STOPWORDS = stopwords.GUARD  # never entities or role anchors (see reasoner.text.stopwords)

# Skipped entirely when building role sequences: they carry no role.
SKIP = frozenset("a an the do does did please 's".split())

# Function words that still name a participant: a neighbour moving between these matters.
ROLE_WORDS = frozenset("who whom whose what which".split())

# Prepositions that mark a participant's role: moving one to another participant swaps roles.
ROLE_PREPOSITIONS = frozenset("to from by than into onto toward towards via".split())

# Words that ask: they fix the kind of answer (a reason, a manner, a place, a yes or no).
QUESTION_WORDS = frozenset(
    "who whom whose what which when where why how is are was were do does did can could should "
    "would will shall may might must".split()
)

COORDINATORS = frozenset({"and", "or", "nor", ",", "&"})

GLUE = STOPWORDS | COORDINATORS
SIBLING_GLUE = GLUE - ROLE_PREPOSITIONS

NEGATIONS = frozenset("not no never none nobody nothing neither nor nowhere without cannot n't".split())

# word -> (axis, pole): words on the same axis with different poles contradict.
DIRECTIONS: dict[str, tuple[str, str]] = {}


def _axis(axis: str, plus: str, minus: str) -> None:
    for w in plus.split():
        DIRECTIONS[w] = (axis, "+")
    for w in minus.split():
        DIRECTIONS[w] = (axis, "-")


_axis(
    "amount",
    "more most greater greatest larger largest bigger biggest higher highest "
    "increase increases increased increasing rise rises rose raise raised gain gained "
    "maximum max above over exceed exceeds exceeded plus add added",
    "less least fewer fewest "
    "smaller smallest lesser lower lowest decrease decreases decreased decreasing fall falls "
    "fell drop dropped reduce reduced loss lost minimum min below under minus subtract subtracted",
)
_axis(
    "time",
    "after later latest afterwards following since next newer newest",
    "before earlier earliest prior previously preceding until previous older oldest",
)
_axis("age", "young younger youngest", "old elder eldest")
_axis("length", "long longer longest tall taller tallest", "short shorter shortest")
_axis("speed", "fast faster fastest quick quicker quickest", "slow slower slowest")
_axis(
    "trade",
    "buy buys bought buying import imports imported",
    "sell sells sold selling export exports exported",
)
_axis("outcome", "win wins won winning winner victory", "lose loses lost losing loser defeat")
_axis("order", "first start begin began beginning", "last end ended ending final finish")

_UNITS = {**numwords.UNITS, **numwords.TENS, "dozen": 12}
_SCALES = numwords.SCALES
_ORDINALS = numwords.ORDINALS  # not "first": it is an order word (see DIRECTIONS)


def _number_value(text: str) -> str:
    """Canonical text of a numeral: no thousands separators, no trailing zeros."""
    text = re.sub(r"(st|nd|rd|th)$", "", text)
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    text = text.replace(",", ".")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.lstrip("0") or "0"


def numbers(text: str) -> list[str]:
    """Sorted canonical numbers in ``text``: digits, number words ("twenty five") and ordinals."""
    found: list[str] = []
    words = [t.norm for t in tokens(text) if t.norm not in PUNCT]
    i = 0
    while i < len(words):
        w = words[i]
        if w[0].isdigit():
            prefix = "#" if re.search(r"\d(st|nd|rd|th)$", w) else ""
            found.append(prefix + _number_value(w))
            i += 1
        elif w in _ORDINALS:
            found.append(f"#{_ORDINALS[w]}")
            i += 1
        elif w in _UNITS or (w in _SCALES and i > 0 and words[i - 1] == "a"):
            value, i = _read_number_words(words, i)
            found.append(str(value))
        else:
            i += 1
    return sorted(found)


def _read_number_words(words: list[str], i: int) -> tuple[int, int]:
    """Read a run like "two hundred and five" starting at ``i``; return (value, next index)."""
    return numwords.accumulate(words, i, _UNITS, _SCALES)


def negation_count(text: str) -> int:
    """How many negation cues ``text`` carries (not, never, no, n't, without, ...)."""
    return sum(1 for t in tokens(text) if t.norm in NEGATIONS)


def directions(text: str) -> list[tuple[str, str]]:
    """Sorted (axis, pole) pairs of the comparison and direction words in ``text``."""
    return sorted(DIRECTIONS[t.norm] for t in tokens(text) if t.norm in DIRECTIONS)


def is_number_word(w: str) -> bool:
    return w[0].isdigit() or w in _UNITS or w in _SCALES or w in _ORDINALS
