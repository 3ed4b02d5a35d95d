"""Is a text shaped like a calculation? Then no other route should read it as words.

"9**9**9**9" or "2 +* 3" that the math grammar rejects must be declined, not sent to
retrieval, where the digits would match a product called the K-9. A text is
math-shaped when, past a short imperative or question frame ("what is", "compute"),
it is made of numbers, operators, brackets and at most single-letter names.
"""

from __future__ import annotations

import re

_FRAME = re.compile(
    r"^\s*(?:(?:please|pls)\s+)?(?:what(?:'s| is| are)|how much is|calculate|compute|evaluate|simplify|solve|"
    r"find|work out)?\s*[:,]?\s*",
    re.IGNORECASE,
)
_TOKENS = re.compile(r"\d+(?:\.\d+)?|\*\*|[-+*/^%!=<>()\[\].,\s]|[a-zA-Z]")
_OPERATOR = re.compile(r"\*\*|[-+*/^%!=<>]")


def looks_like_math(text: str) -> bool:
    """True for a bare calculation (digits and operators, single-letter names), after a frame."""
    body = _FRAME.sub("", text, count=1).rstrip(" ?.!")
    if not body or len(body) > 10_000:
        return False
    pos = 0
    for m in _TOKENS.finditer(body):
        if m.start() != pos:
            return False
        pos = m.end()
    if pos != len(body) or re.search(r"[a-zA-Z]{2}", body):
        return False
    return bool(re.search(r"\d", body)) and bool(_OPERATOR.search(body))
