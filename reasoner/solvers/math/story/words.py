"""Tokens of a word problem: words with their lemmas, and numbers however English writes them.

"seven hundred thirty-six", "16,000", "$ 12", "2.5", "one-third", "a dozen" and "25%" all
become number tokens carrying an exact Fraction, so the reader above never looks at
spelling. Lemmas come from lemminflect's dictionary (bundled data, no download), which
also says which parts of speech a word can be: the reader uses that instead of hand lists
of nouns and adjectives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from reasoner.errors import ParseError
from reasoner.text import numbers as numwords

MAX_STORY_CHARS = 1200
MAX_TOKENS = 260


@dataclass(frozen=True)
class Tok:
    """One token: ``text`` as written, ``low`` lower-cased, ``value`` for numbers, ``sent`` its sentence.

    ``unit`` is set on numbers written with a unit sign ("$5" -> "dollar", "25%" -> "percent").
    """

    text: str
    low: str
    sent: int
    value: Fraction | None = None
    unit: str = ""

    @property
    def is_num(self) -> bool:
        return self.value is not None

    @property
    def is_punct(self) -> bool:
        return not self.text[:1].isalnum() and self.value is None


_NUMBER_WORDS = {**numwords.UNITS, **numwords.TENS}
_FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                   "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
                   "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10}
_MULTIPLIERS = {"twice": Fraction(2), "thrice": Fraction(3), "half": Fraction(1, 2)}
_TITLES = frozenset("mr mrs ms dr st prof".split())
# A word with digits glued after its letters ("mp3 player", "B12") is a name, not a number; a comma
# belongs to a number only between digits ("16,000", not the list comma of "costs $8, how much").
_RAW = re.compile(
    r"[A-Za-z]+\d+[A-Za-z0-9]*|\$\s?\d+(?:,\d+)*(?:\.\d+)?|\d+(?:,\d+)*(?:\.\d+)?\s?%|\d+/\d+|\d+(?:,\d+)*(?:\.\d+)?"
    r"|\.\d+"
    r"|[A-Za-z]+(?:['’][a-z]+)?|['’]s\b|[^\sA-Za-z0-9]"
)


def _number(text: str) -> Fraction | None:
    t = text.replace(",", "")
    if re.fullmatch(r"\d+/\d+", t):
        num, den = t.split("/")
        return Fraction(int(num), int(den)) if int(den) else None
    try:
        return Fraction(t)
    except (ValueError, ZeroDivisionError):
        return None


def _thousands_ok(text: str) -> bool:
    """ "16,000" is a number; "4,5" (a list without spaces) is not read as 45."""
    whole = text.split(".")[0]
    return "," not in whole or re.fullmatch(r"\d{1,3}(,\d{3})+", whole) is not None


def raw_tokens(text: str) -> list[tuple[str, str]]:
    """(text, unit) pairs: words, punctuation, numbers with "$"/"%" folded into a unit."""
    out: list[tuple[str, str]] = []
    for m in _RAW.finditer(text.replace("’", "'")):
        t = m.group(0)
        if t.startswith("$"):
            out.append((t[1:].strip(), "dollar"))
        elif t.endswith("%"):
            out.append((t[:-1].strip(), "percent"))
        elif t[0].isdigit() and "," in t and not _thousands_ok(t):
            out.extend((p, "") for p in re.split(r"(,)", t) if p)
        elif "'" in t[1:] and t[0].isalpha():
            out.extend((p, "") for p in _contraction(t))
        else:
            out.append((t, ""))
    return out


_NEGATED = {"won't": "will", "can't": "can", "shan't": "shall"}


def _contraction(word: str) -> list[str]:
    """ "didn't" -> "did", "n't"; "Sara's" -> "Sara", "'s"; "they're" -> "they", "'re"."""
    low = word.lower()
    if low.endswith("n't"):
        stem = _NEGATED.get(low, word[:-3])
        return [stem, "n't"]
    head, _, tail = word.partition("'")
    return [head, "'" + tail]


def _word_run(words: list[str], i: int) -> tuple[int, int]:
    """Read "seven hundred thirty six" from words[i]; returns (value, end) with end == i when none."""
    value, end = numwords.accumulate(words, i, _NUMBER_WORDS, numwords.SCALES)
    if end > i and words[end - 1] == "and":
        end -= 1
    return value, end


def tokenize(text: str) -> list[Tok]:
    """Tokens of a whole problem, numbers read, sentences numbered.

    Raises:
        ParseError: the text is empty or past the size bounds.
    """
    if not text.strip():
        raise ParseError("empty problem")
    if len(text) > MAX_STORY_CHARS:
        raise ParseError(f"a word problem longer than {MAX_STORY_CHARS} characters")
    pieces = _split_hyphens(raw_tokens(text))
    if len(pieces) > MAX_TOKENS:
        raise ParseError("too many words for a word problem")
    return _read_numbers(pieces)


def _split_hyphens(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """ "thirty - nine" and "one-third" arrive as word, "-", word: join number words across the hyphen."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(pieces):
        t, u = pieces[i]
        if t == "-" and out and i + 1 < len(pieces):
            prev, nxt = out[-1][0].lower(), pieces[i + 1][0].lower()
            if (prev in _NUMBER_WORDS or prev in numwords.SCALES) and (
                nxt in _NUMBER_WORDS or nxt in _FRACTION_WORDS
            ):
                i += 1
                continue
        out.append((t, u))
        i += 1
    return out


def _read_numbers(pieces: list[tuple[str, str]]) -> list[Tok]:
    words = [p[0].lower() for p in pieces]
    toks: list[Tok] = []
    sent, i = 0, 0
    while i < len(pieces):
        text, unit = pieces[i]
        low = words[i]
        if text == "." and i > 0 and words[i - 1] in _TITLES:
            i += 1  # "Mrs. Hilt": the period of a title does not end the sentence
            continue
        if text in (".", "?", "!"):
            toks.append(Tok(text, low, sent))
            sent += 1
            i += 1
            continue
        value, end = _number_at(pieces, words, i)
        if value is not None:
            shown = " ".join(p[0] for p in pieces[i:end])
            unit = unit or next((p[1] for p in pieces[i:end] if p[1]), "")
            toks.append(Tok(shown, shown.lower(), sent, value, unit))
            i = end
            continue
        toks.append(Tok(text, low, sent))
        i += 1
    return toks


def _number_at(pieces: list[tuple[str, str]], words: list[str], i: int) -> tuple[Fraction | None, int]:
    text = pieces[i][0]
    if text[:1].isdigit() or text.startswith("."):
        value = _number(text)
        if value is None:
            return None, i
        return _scaled(value, words, i + 1)
    if words[i] in _MULTIPLIERS and i + 1 < len(words) and words[i + 1] == "as":
        return _MULTIPLIERS[words[i]], i + 1  # "twice as many", "half as much": a multiplier
    if words[i] in ("a", "an", "one") and i + 1 < len(words) and words[i + 1] in _FRACTION_WORDS:
        return _fraction_word(1, words, i + 1)
    if words[i] in ("a", "one") and i + 1 < len(words) and words[i + 1] == "dozen":
        return Fraction(12), i + 2
    value, end = _word_run(words, i)
    if end == i:
        return None, i
    if end < len(words) and words[end] in _FRACTION_WORDS and value < 20 and words[i] != "one":
        return _fraction_word(value, words, end)
    return _scaled(Fraction(value), words, end)


def _fraction_word(num: int, words: list[str], i: int) -> tuple[Fraction, int]:
    """ "one third", "two-thirds", "a half": only read when "of" or a noun follows, never "the third box"."""
    return Fraction(num, _FRACTION_WORDS[words[i]]), i + 1


def _scaled(value: Fraction, words: list[str], i: int) -> tuple[Fraction, int]:
    """ "3 dozen" -> 36, "2 million" -> 2000000."""
    if i < len(words) and words[i] == "dozen":
        return value * 12, i + 1
    if i < len(words) and words[i] in ("million", "billion", "thousand", "hundred"):
        return value * numwords.SCALES[words[i]], i + 1
    return value, i


@lru_cache(maxsize=4096)
def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's lemmas of ``word`` by part of speech ({} for names and unknown words)."""
    from lemminflect import getAllLemmas

    return dict(getAllLemmas(word.lower()))


def noun_lemma(word: str) -> str:
    """The singular of a noun ("peaches" -> "peach"); the word itself when it is not a known noun."""
    found = lemmas(word).get("NOUN")
    if found:
        return found[0]
    low = word.lower()
    if lemmas(word) or len(low) < 4 or not low.endswith("s") or low.endswith(("ss", "us", "is")):
        return low
    if low.endswith("ies"):
        return low[:-3] + "y"  # an unknown plural by the spelling rules: "gumdrops", "gummies"
    if low.endswith(("ches", "shes", "xes", "zes")):
        return low[:-2]
    return low[:-1]


def verb_lemma(word: str) -> str:
    """The base form of a verb ("gave" -> "give"); "" when the word cannot be a verb."""
    found = lemmas(word).get("VERB")
    return found[0] if found else ""


def can_be(word: str, pos: str) -> bool:
    """True when lemminflect knows ``word`` as part of speech ``pos`` (NOUN, VERB, ADJ, ADV)."""
    return pos in lemmas(word)


def known(word: str) -> bool:
    """True for a dictionary word (names and made-up words are not)."""
    return bool(lemmas(word))


def word_forms(toks, skip: frozenset[str] | set[str]) -> set[str]:
    """The words of ``toks`` (numbers, punctuation and ``skip`` left out), each as written and as
    its noun and verb lemma: what two descriptions of an amount share."""
    out: set[str] = set()
    for t in toks:
        if t.is_num or not t.text[:1].isalpha() or t.low in skip:
            continue
        out |= {t.low, noun_lemma(t.low) or t.low, verb_lemma(t.low) or t.low}
    return out
