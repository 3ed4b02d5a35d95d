"""Stemmers: two light suffix strippers for matching words, and Snowball for the lexical index.

The light ones differ on purpose. ``suffix_stem`` (grounding, extraction) also folds
"-ly" and "-es" so an answer's "quickly"/"quick" or "taxes"/"tax" count as the same term;
``inflection_stem`` (the memory guard) strips only inflections and leaves short words
alone, so two questions are never made equal by an aggressive cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache


def suffix_stem(word: str) -> str:
    """A light suffix-stripping stem, enough to match "days"/"day", "hired"/"hiring"."""
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            return w[: len(w) - len(suffix)] + keep
    return w


def inflection_stem(word: str) -> str:
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


@lru_cache(maxsize=1)
def _snowball():
    import Stemmer

    return Stemmer.Stemmer("english")


def snowball(words: Sequence[str]) -> list[str]:
    """English Snowball stems (PyStemmer), as the lexical index stores its terms."""
    return _snowball().stemWords(list(words))


INFLECTIONS = frozenset({"", "s", "es", "d", "ed", "er", "or", "ers", "ors", "ing"})  # "d": age|d, use|d


def stem_match(word: str, rel_word: str) -> bool:
    """Crude morphology for relation words: "acted"~"actors", "directors"~"directed",
    "screenwriter"~"written" (a shared opening of four letters, or of three before an inflection)."""
    if len(word) < 3 or len(rel_word) < 3:
        return False
    n = 0
    while n < min(len(word), len(rel_word)) and word[n] == rel_word[n]:
        n += 1
    if n >= 4:
        return True
    if n == 3 and word[3:] in INFLECTIONS and rel_word[3:] in INFLECTIONS:  # not "top"~"topics"
        return True
    return len(rel_word) >= 5 and len(word) >= 8 and rel_word[:4] in word[2:]
