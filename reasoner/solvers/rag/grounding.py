"""Grounding checks: is every number, name and claim of an answer in the cited text?

Pure functions over strings, so each rule is unit-tested on its own. The check is
lexical on purpose: a 135M model paraphrases little, and a lexical check cannot be
talked into accepting an invented number or name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reasoner.text import numbers as numwords
from reasoner.text import stopwords
from reasoner.text.stem import suffix_stem
from reasoner.text.tokens import WORD, word_tokens

STOPWORDS = stopwords.GROUNDING
# Number words up to twenty, and the tens from thirty: "three" and "3" are one term.
NUMBER_WORDS = {**numwords.UNITS, "twenty": 20}
_TENS = {w: v for w, v in numwords.TENS.items() if v > 20}
_WORD_RE = WORD
_NUM_RE = re.compile(r"(?<![\w.])[$€£]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])[$€£]?\d+(?:\.\d+)?")
_NUMWORD_RE = re.compile(
    r"\b("
    + "|".join([*_TENS, *NUMBER_WORDS])
    + r")(?:[- ]("
    + "|".join(list(NUMBER_WORDS)[1:10])
    + r"))?\b",
    re.IGNORECASE,
)
_CITE_RE = re.compile(r"\[(?:source\s*)?\d+(?:\s*,\s*\d+)*\]", re.IGNORECASE)
_REFUSALS = (
    "does not say",
    "doesn't say",
    "do not say",
    "don't say",
    "not mentioned",
    "no information",
    "don't know",
    "do not know",
    "cannot answer",
    "can't answer",
    "not provided",
    "not specified",
    "unable to answer",
    "not stated",
    "does not mention",
    "doesn't mention",
    "does not contain",
    "doesn't contain",
    "no mention",
    "not available in",
    "not enough information",
    "does not provide",
    "doesn't provide",
)


def content_terms(text: str) -> set[str]:
    """Stems of the words that carry content (no stopwords, no citation marks)."""
    out = set()
    for t in word_tokens(strip_citations(text)):
        if t in NUMBER_WORDS and t != "one":  # "three" and "3" are one term ("one" is a pronoun too)
            out.add(str(NUMBER_WORDS[t]))
        elif t not in STOPWORDS:
            out.add(suffix_stem(t))
    return out


def normalize_number(raw: str) -> str:
    """ "1,000" -> "1000", "25.0" -> "25", "$30" -> "30"."""
    s = raw.lstrip("$€£").replace(",", "")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s.lstrip("0") or "0"


def numbers(text: str) -> set[str]:
    """Every number in ``text``, digits or words (up to ninety-nine), normalised."""
    text = strip_citations(text)
    found = {normalize_number(m) for m in _NUM_RE.findall(text)}
    for m in _NUMWORD_RE.finditer(text):
        head, tail = m.group(1).lower(), (m.group(2) or "").lower()
        value = _TENS.get(head, NUMBER_WORDS.get(head, 0)) + NUMBER_WORDS.get(tail, 0)
        found.add(str(value))
    return found


def names(text: str) -> set[str]:
    """Capitalised words that do not start a sentence, and acronyms, lower-cased."""
    out: set[str] = set()
    for sentence in re.split(r"(?<=[.!?:])\s+|\n+", strip_citations(text)):
        words = _WORD_RE.findall(sentence)
        for i, w in enumerate(words):
            acronym = len(w) >= 2 and w.isupper() and w.isalpha()
            if acronym or (i > 0 and w[0].isupper() and w.lower() not in STOPWORDS):
                out.add(w.lower())
    return out


def strip_citations(text: str) -> str:
    """Remove citation marks like [1], [1, 2] and [Source 3]."""
    text = re.sub(r"[ \t]{2,}", " ", _CITE_RE.sub("", text))
    return re.sub(r"\s+([.,;:!?])", r"\1", text).strip()


def is_refusal(text: str) -> bool:
    """True when the text declines ("The knowledge base does not say.")."""
    low = text.lower().replace("’", "'")
    return any(p in low for p in _REFUSALS)


def coverage(answer: str, support: str, allowed: Iterable[str] = ()) -> float:
    """Share of the answer's content terms found in ``support`` (or in ``allowed`` stems)."""
    terms = content_terms(answer)
    if not terms:
        return 0.0
    known = content_terms(support) | set(allowed)
    return len(terms & known) / len(terms)


def sentences(text: str) -> list[str]:
    """Split text into sentences (on . ! ? newlines and list bullets), bullets removed."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[*-])|\n+|(?:^|\s+)[*\u2022-]\s+(?=\S)", text)
    out = []
    for p in parts:
        p = re.sub(r"^\s*(?:[*\u2022-]|\d+\.)\s+", "", p or "").strip()
        if p:
            out.append(p)
    return out


@dataclass(frozen=True)
class Grounding:
    """The verdict of a grounding check.

    Attributes:
        supported: every number and name is in the cited text, and each sentence is covered.
        score: in [0, 1], for ranking candidates (best-of-N).
        coverage: the lowest per-sentence share of content terms found in the cited text.
        missing_numbers: numbers of the answer absent from the cited text.
        missing_names: names of the answer absent from the cited text.
        reason: a one-line verdict.
    """

    supported: bool
    score: float
    coverage: float
    missing_numbers: tuple[str, ...] = field(default=())
    missing_names: tuple[str, ...] = field(default=())
    reason: str = ""


def check(answer: str, cited: Sequence[str], *, question: str = "", min_coverage: float = 0.6) -> Grounding:
    """Check ``answer`` against the texts it cites.

    Args:
        answer: the model's reply (citation marks are ignored).
        cited: the texts of the cited sources.
        question: words of the question count as supported for coverage only
            (restating the question is no claim), never for numbers or names.
        min_coverage: the share of content terms each sentence must have in the cited text.
    """
    body = strip_citations(answer)
    support = "\n".join(cited)
    if not body or not cited:
        return Grounding(False, 0.0, 0.0, reason="no answer" if not body else "no cited source")
    miss_num = tuple(sorted(numbers(body) - numbers(support) - numbers(question)))
    support_low = support.lower()
    support_terms = content_terms(support)
    miss_names = tuple(
        sorted(n for n in names(body) if n not in support_low and suffix_stem(n) not in support_terms)
    )
    allowed = content_terms(question)
    if question and content_terms(body) <= allowed and not numbers(body) - numbers(question):
        return Grounding(False, 0.0, 1.0, reason="not grounded: the answer only restates the question")
    cov = min((coverage(s, support, allowed) for s in sentences(body) if content_terms(s)), default=0.0)
    penalty = 0.5 * bool(miss_num) + 0.3 * bool(miss_names)
    score = max(0.0, cov - penalty)
    ok = not miss_num and not miss_names and cov >= min_coverage
    return Grounding(
        ok, round(score, 4), round(cov, 4), miss_num, miss_names, _reason(ok, cov, miss_num, miss_names)
    )


def _reason(ok: bool, cov: float, miss_num: tuple[str, ...], miss_names: tuple[str, ...]) -> str:
    if ok:
        return f"grounded: every number and name is in the cited text, coverage {cov:.2f}"
    parts = []
    if miss_num:
        parts.append("numbers not in the cited text: " + ", ".join(miss_num))
    if miss_names:
        parts.append("names not in the cited text: " + ", ".join(miss_names))
    if not parts:
        parts.append(f"claims weakly supported (coverage {cov:.2f})")
    return "not grounded: " + "; ".join(parts)
