"""Pure helpers for the words of math questions: number words, ordinals, lists, options."""

from __future__ import annotations

import re
from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.lexer import is_thousands_comma
from reasoner.text import numbers as numwords

_UNITS = {**numwords.UNITS, "a": 1, "an": 1}
_TENS = {**numwords.TENS, "fourty": 40}
_SCALES = numwords.SCALES
_ORDINALS = {
    **numwords.ORDINALS,
    "first": 1,
    "eleventh": 11,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twelth": 12,
    "hundredth": 100,
    "thousandth": 1000,
}
_DENOMS = {"half": 2, "halves": 2, "quarter": 4, "quarters": 4}
_ORD_RE = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$")


def _squeeze(word: str) -> str:
    """Collapse doubled letters, so a typo like "fourteeen" still reads as "fourteen"."""
    return re.sub(r"(.)\1+", r"\1", word)


_NUMBER_WORDS = {**_UNITS, **_TENS}
_SQUEEZED = {_squeeze(w): w for w in (*_UNITS, *_TENS, *_SCALES) if len(w) > 4}


def number_word(text: str) -> int:
    """``"thirty-nine"`` -> 39, ``"one hundred thousand"`` -> 100000, ``"12"`` -> 12.

    Raises:
        ParseError: when the words are not a whole number.
    """
    text = text.strip().lower()
    if text.isdigit() and len(text) < 30:
        return int(text)
    words = [_SQUEEZED.get(_squeeze(w), w) if len(w) > 4 else w for w in re.split(r"[\s-]+", text)]
    _check_number_words(words)
    value, end = numwords.accumulate(words, 0, _NUMBER_WORDS, _SCALES, digits=True)
    if end < len(words):
        raise ParseError(f"not a number word: {words[end]!r}")
    return value


def _check_number_words(words: list[str]) -> None:
    """ "a" only opens a number ("a hundred"), "and" only follows a scale ("two hundred and five"):
    "two and a half" is a mixed number, not 2 + 1 followed by "half"."""
    for i, w in enumerate(words):
        if w in ("a", "an") and i > 0:
            raise ParseError(f"{w!r} inside a number")
        if w == "and" and (i == 0 or words[i - 1] not in _SCALES):
            raise ParseError("'and' inside a number, not after hundred/thousand")


def ordinal(text: str) -> int:
    """``"third"`` -> 3, ``"2nd"`` -> 2, ``"twenty-first"`` -> 21."""
    text = text.strip().lower()
    m = _ORD_RE.match(text)
    if m:
        return int(m.group(1))
    if text in _ORDINALS:
        return _ORDINALS[text]
    head, _, last = text.rpartition("-")
    if head and last in _ORDINALS:
        return number_word(head) + _ORDINALS[last]
    raise ParseError(f"not an ordinal: {text!r}")


def fraction_words(text: str) -> Fraction:
    """``"thirty-nine quarters"`` -> 39/4, ``"two fifths"`` -> 2/5, ``"a half"`` -> 1/2."""
    words = text.strip().lower().split()
    if len(words) < 2:
        raise ParseError(f"not a fraction in words: {text!r}")
    if "and" in words[1:-2]:  # "two and a half", "one and three quarters": a mixed number
        i = words.index("and", 1)
        return number_word(" ".join(words[:i])) + fraction_words(" ".join(words[i + 1 :]))
    num = number_word(" ".join(words[:-1]))
    last = words[-1]
    if last in _DENOMS:
        return Fraction(num, _DENOMS[last])
    singular = last[:-1] if last.endswith("s") else last
    return Fraction(num, ordinal(singular))


def split_top(text: str, sep: str = ",") -> list[str]:
    """Split at ``sep`` outside parentheses and braces; parts are stripped."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == sep and depth == 0 and not (sep == "," and is_thousands_comma(text, i)):
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


def top_level_spans(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    """The (start, end) of each match of ``pattern`` outside brackets (not a "1,299" comma)."""
    depth, depths = 0, []
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        depths.append(depth)
    out = []
    for m in pattern.finditer(text):
        i = m.start()
        if depths[i] == 0 and not (text[i] == "," and is_thousands_comma(text, i)) and m.end() > i:
            out.append((i, m.end()))
    return out


def split_list(text: str) -> list[str]:
    """Split ``"a, b, c"`` or ``"a, b and c"`` into items."""
    items = split_top(text)
    if len(items) > 1:  # "3, 1, and 2", "3, 1, or 2": the serial comma before the last item
        items[-1] = re.sub(r"^(?:and|or) ", "", items[-1].strip())
    last = items[-1]
    if " and " in last:
        items[-1:] = [p.strip() for p in last.split(" and ")]
    elif " or " in last and len(items) > 1:  # "0, -1 or 0.5"
        items[-1:] = [p.strip() for p in last.split(" or ")]
    if any(not i for i in items):
        raise ParseError("empty item in a list")
    return items


_OPTION = re.compile(r"(?:^|\s)\(([a-z])\)\s")


def split_options(text: str) -> list[tuple[str, str]]:
    """``"(a) -1  (b) 11/1033"`` -> [("a", "-1"), ("b", "11/1033")]; [] when there are none."""
    parts = _OPTION.split(" " + text.strip() + " ")
    if len(parts) < 3:
        return []
    if parts[0].strip():
        raise ParseError(f"text before the options: {parts[0].strip()!r}")
    return [(parts[i], parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2)]


# A sentence ends at ".", "?" or "!" before the next word; after "?" or "!" the next sentence
# may also open with a number or a bracket ("Can you find r? 12*r = 24"), though not with
# an option marker "(a)"; "= ?" is a blank to fill, not the end of a question.
# A sentence ends at ".", "?" or "!" before a space and a letter; "?" and "!" also before a number or a
# bracket, and "." before an equation ("v is 63/35. 8 = -3*y + 11": a decimal point has no space after it).
_SENTENCE = re.compile(
    r"(?<=[.?!])\s+(?=[A-Za-z])|(?<=[?!])\s+(?=[-\d]|\((?![a-z]\)))|(?<=[\d)a-z]\.)\s+(?=[-\d(][^.?!]*=)"
)
_BLANK = re.compile(r"=\s*\?$")


def _is_factorial(s: str) -> bool:
    """A final "!" right after a digit or ")" is a factorial ("5!"), not an exclamation."""
    return s[-1] == "!" and len(s) > 1 and (s[-2].isdigit() or s[-2] in ")!")


def sentences(text: str) -> list[str]:
    """Split a question into sentences, each without its final ``.``/``?``."""
    parts: list[str] = []
    for s in _SENTENCE.split(text.strip()):
        if parts and (_BLANK.search(parts[-1]) or (parts[-1].endswith("!") and _is_factorial(parts[-1]))):
            parts[-1] = f"{parts[-1]} {s}"
        else:
            parts.append(s)
    out = []
    for s in parts:
        s = s.strip()
        while s and s[-1] in ".?!" and not _is_factorial(s):
            s = s[:-1].rstrip()
        if s:
            out.append(s)
    return out
