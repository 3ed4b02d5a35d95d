"""Numbers in text: English number words, reading a run of them, and plain numerals.

Each reader extends the tables for its own job: the math parser also reads "a"/"an"
as one and tolerates common misspellings; the memory guard also reads "dozen" and
leaves "first" to its order words; grounding reads words up to ninety-nine.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from fractions import Fraction

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
ORDINALS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "twelfth": 12,
    "twentieth": 20,
}


def accumulate(
    words: Sequence[str], start: int, units: Mapping[str, int], scales: Mapping[str, int], *, digits: bool = False
) -> tuple[int, int]:
    """Read a run of number words ("two hundred and five") from ``start``.

    ``units`` maps words (units and tens) to values, ``scales`` words like "hundred";
    "and" is read inside a run when a unit follows; ``digits`` also reads numerals
    ("3 hundred"). Returns (value, index after the run); the run may be empty.
    """
    total, current, i = 0, 0, start
    while i < len(words):
        w = words[i]
        if digits and w.isdigit() and len(w) < 20:
            current += int(w)
        elif w in units:
            current += units[w]
        elif w in scales:
            current = max(current, 1) * scales[w]
            if scales[w] >= 1000:
                total, current = total + current, 0
        elif not (w == "and" and i > start and i + 1 < len(words) and _is_unit(words[i + 1], units, digits)):
            break
        i += 1
    return total + current, i


def _is_unit(word: str, units: Mapping[str, int], digits: bool) -> bool:
    return word in units or (digits and word.isdigit())


_NUMBER = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")


def parse_number(text: str | None) -> Fraction | None:
    """A plain number ("1,299", "-2.5", "3/4", "$40", "25%") as an exact Fraction, else None."""
    if text is None:
        return None
    t = text.strip().replace("$", "").replace("\u2212", "-")
    t = t[:-1].strip() if t.endswith("%") else t
    if re.fullmatch(r"[-+]?\d+\s*/\s*\d+", t):
        num, den = t.split("/")
        return Fraction(int(num), int(den)) if int(den) else None
    if t and _NUMBER.match(t) and any(c.isdigit() for c in t):
        return Fraction(t.replace(",", ""))
    return None
