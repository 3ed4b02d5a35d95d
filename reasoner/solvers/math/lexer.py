"""Turn expression text into tokens; anything outside a small alphabet is refused.

The lexer is a single left-to-right scan (no regular expressions), so hostile
input cannot make it backtrack.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from reasoner.errors import ParseError, UnsafeInputError

MAX_EXPR_CHARS = 2000
MAX_TOKENS = 1200
MAX_DIGITS = 100

# Typographic forms people paste; everything else outside ASCII is refused.
_UNICODE = {
    "\u2212": "-",
    "\u2013": "-",
    "\u00d7": "*",
    "\u22c5": "*",
    "\u00b7": "*",
    "\u00f7": "/",
    "\u00b2": "^2",
    "\u00b3": "^3",
    "\u221a": "sqrt",
    "\u03c0": "pi",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u2260": "!=",
    "\u00a0": " ",
    "$": "",
    "\u20ac": "",
    "\u00a3": "",
}
_OPS2 = ("**", "<=", ">=", "!=", "==")
_OPS1 = set("+-*/^(),=!%<>")


@dataclass(frozen=True)
class Token:
    """A token: kind is "num", "name" or "op"; pos is its offset in the text."""

    kind: str
    text: str
    pos: int


def normalize(text: str) -> str:
    """Replace the few accepted non-ASCII symbols; refuse any other non-ASCII character."""
    if len(text) > MAX_EXPR_CHARS:
        raise UnsafeInputError(f"expression longer than {MAX_EXPR_CHARS} characters")
    out = []
    for ch in text:
        if ch in _UNICODE:
            out.append(_UNICODE[ch])
        elif ord(ch) < 128:
            if ord(ch) < 32 and ch not in "\t\n\r":
                raise UnsafeInputError(f"control character {ord(ch)!r} in expression")
            out.append(ch)
        else:
            name = unicodedata.name(ch, "unknown")
            raise ParseError(f"unsupported character {ch!r} ({name.lower()})")
    return "".join(out)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens.

    Raises:
        ParseError: on a character or literal that is not part of the grammar.
        UnsafeInputError: on input past the size bounds.
    """
    text = normalize(text)
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in " \t\n\r":
            i += 1
        elif ch.isdigit() or (ch == "." and i + 1 < n and text[i + 1].isdigit()):
            i = _number(text, i, tokens)
        elif ch.isalpha():
            j = i
            while j < n and text[j].isalpha() and text[j].isascii():
                j += 1
            tokens.append(Token("name", text[i:j], i))
            i = j
        elif text[i : i + 2] in _OPS2:
            tokens.append(Token("op", text[i : i + 2], i))
            i += 2
        elif ch in _OPS1:
            tokens.append(Token("op", ch, i))
            i += 1
        else:
            raise ParseError(f"unexpected character {ch!r} at {i}")
        if len(tokens) > MAX_TOKENS:
            raise UnsafeInputError(f"more than {MAX_TOKENS} tokens")
    return tokens


def is_thousands_comma(text: str, j: int) -> bool:
    """True when ``text[j]`` is the comma of "1,299": a digit before, exactly three digits after."""
    return (
        text[j] == ","
        and j > 0
        and text[j - 1].isdigit()
        and text[j + 1 : j + 4].isdigit()
        and len(text[j + 1 : j + 4]) == 3
        and not (j + 4 < len(text) and text[j + 4].isdigit())
    )


def _number(text: str, i: int, tokens: list[Token]) -> int:
    j, n, dots = i, len(text), 0
    while j < n and (
        text[j].isdigit()
        or (text[j] == "." and j + 1 < n and text[j + 1].isdigit())
        or (not dots and is_thousands_comma(text, j))
    ):
        dots += text[j] == "."
        j += 1
    lit = text[i:j].replace(",", "")
    if dots > 1:
        raise ParseError(f"malformed number {lit!r}")
    if sum(c.isdigit() for c in lit) > MAX_DIGITS:
        raise UnsafeInputError(f"number with more than {MAX_DIGITS} digits")
    if not all(c.isascii() for c in lit):
        raise ParseError(f"unsupported digits in {lit!r}")
    tokens.append(Token("num", lit, i))
    return j
