"""Tokenisers: plain words, folded words (accents, case and possessives removed), and
clause tokens that keep what the memory guard reads (raw case, punctuation, "n't", "'s").

Each reader picks the one its job needs: grounding compares words as written
(``word_tokens``), entity linking matches names however they are typed (``folded_words``),
and the guard needs who-did-what structure (``clause_tokens``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


def word_tokens(text: str, *, fold_apostrophes: bool = True) -> list[str]:
    """Lower-cased word tokens (letters and digits, with an inner apostrophe).

    ``fold_apostrophes=False`` keeps a typographic apostrophe as written (the lexical
    index's terms were built that way).
    """
    found = WORD.findall(text.lower() if not fold_apostrophes else text)
    return [t.lower().replace("’", "'") for t in found] if fold_apostrophes else found


def fold(text: str) -> str:
    """Lower case, accents and punctuation removed, possessive 's dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’]s\b", "", text.lower())
    text = text.replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def folded_words(text: str) -> list[str]:
    """The words of ``fold(text)``."""
    return fold(text).split()


_CLAUSE_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)*(?:st|nd|rd|th)?(?![^\W_])"  # numbers, ordinals
    r"|[^\W_]*[^\W\d_][^\W_]*(?:'[^\W\d_]+)?"  # words, codes such as K5 or 3D
    r"|[,;:()\"]"  # clause punctuation
    r"|%",  # read as the word "percent"
    re.UNICODE,
)
CLAUSE_PUNCT = frozenset(',;:()"')


@dataclass(frozen=True)
class Token:
    """One word of a question: its text as written and its normalised form."""

    raw: str
    norm: str


def clause_tokens(text: str) -> list[Token]:
    """Words, numbers and clause punctuation; "isn't" becomes "is" + "n't", "Acme's" "Acme" + "'s"."""
    out: list[Token] = []
    for m in _CLAUSE_TOKEN.finditer(text.replace("\u2019", "'")):
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
