"""Words the false-hit guard reads: tokens, numbers, negations, directions, function words.

Pure data and pure functions, shared by the checks in :mod:`reasoner.memory.guard`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reasoner import numwords

_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)*(?:st|nd|rd|th)?(?![^\W_])"  # numbers, ordinals
    r"|[^\W_]*[^\W\d_][^\W_]*(?:'[^\W\d_]+)?"  # words, codes such as K5 or 3D
    r"|[,;:()\"]"  # clause punctuation
    r"|%",  # read as the word "percent"
    re.UNICODE,
)
PUNCT = frozenset(',;:()"')

# Function words: never entities or role anchors (articles, auxiliaries,
# pronouns, prepositions, conjunctions, question words, common sentence openers).
STOPWORDS = frozenset(
    """a an the this that these those some any each every all both either
    is are was were be been being am do does did done doing have has had having
    will would shall should can could may might must
    i me my mine we us our you your he him his she her it its they them their
    who whom whose what which where when why how whether if then than as so
    of to in on at by for from with into onto over under about after before
    between through during without within along across against among around
    since until till upon via per toward towards near off out up down
    and or but nor yet also too very just only even still already much many 's
    there here not no never
    however although though while despite because unless whereas thus hence
    therefore meanwhile
    please tell give show list find say name""".split()
)

# Skipped entirely when building role sequences: they carry no role.
SKIP = frozenset("a an the do does did please 's".split())

# Function words that still name a participant: a neighbour moving between these matters.
ROLE_WORDS = frozenset("who whom whose what which".split())

# Prepositions that mark a participant's role: moving one to another participant swaps roles.
ROLE_PREPOSITIONS = frozenset("to from by than into onto toward towards via".split())

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


@dataclass(frozen=True)
class Token:
    """One word of a question: its text as written and its normalised form."""

    raw: str
    norm: str


def tokenize(text: str) -> list[Token]:
    """Split a question into words, numbers and clause punctuation; "isn't" becomes "is" + "n't"."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text.replace("\u2019", "'")):
        raw = m.group(0)
        low = raw.lower()
        if raw == "%":
            out.append(Token("percent", "percent"))
        elif low.endswith("n't"):
            stem = {"won't": "will", "can't": "can", "shan't": "shall"}.get(low, low[:-3])
            out += [Token(raw[: len(stem)], stem), Token("n't", "n't")]
        elif low.endswith("'s"):  # a possessive ends a name: "Acme's CEO" names Acme, then a CEO
            out += [Token(raw[:-2], low[:-2]), Token("'s", "'s")]
        elif "'" in low:
            out.append(Token(raw.split("'")[0], low.split("'")[0]))
        else:
            out.append(Token(raw, low))
    return out


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
    words = [t.norm for t in tokenize(text) if t.norm not in PUNCT]
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
    total, current = 0, 0
    while i < len(words):
        w = words[i]
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _SCALES:
            current = max(current, 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total, current = total + current, 0
        elif not (w == "and" and i + 1 < len(words) and words[i + 1] in _UNITS):
            break
        i += 1
    return total + current, i


def negation_count(text: str) -> int:
    """How many negation cues ``text`` carries (not, never, no, n't, without, ...)."""
    return sum(1 for t in tokenize(text) if t.norm in NEGATIONS)


def directions(text: str) -> list[tuple[str, str]]:
    """Sorted (axis, pole) pairs of the comparison and direction words in ``text``."""
    return sorted(DIRECTIONS[t.norm] for t in tokenize(text) if t.norm in DIRECTIONS)


def stem(word: str) -> str:
    """A light, predictable stem: "reports", "reporting", "reported" -> "report"; "policies" -> "policy"."""
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        return word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def is_number_word(w: str) -> bool:
    return w[0].isdigit() or w in _UNITS or w in _SCALES or w in _ORDINALS
