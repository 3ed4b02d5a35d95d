"""Multi-part questions: "How long is the sabbatical, and how often can I take one?".

Each part asks for its own answer type; a part that leans on the one before ("and how
often?") is read together with it, so it finds the same subject. Pure functions.
"""

from __future__ import annotations

import re

from reasoner.solvers.rag.answer_type import asks
from reasoner.solvers.rag.extract import question_terms

_WH = r"(?:what|which|who|whom|whose|when|where|how|why)"
# ", and how often", "; and what", "? And who": a second question word after a conjunction
_SPLIT = re.compile(rf"(?:,|;|\?)\s*(?:and|&|also|plus)?\s*(?={_WH}\b)|\s+and\s+(?={_WH}\b)", re.I)
_MIN_PART_WORDS = 2


def split_parts(question: str) -> list[str]:
    """The questions inside ``question`` (one element when it asks one thing).

    >>> split_parts("How long is the sabbatical, and how often?")
    ['How long is the sabbatical?', 'how often?']
    """
    pieces = [p.strip(" ,;") for p in _SPLIT.split(question) if p and p.strip(" ,;?")]
    if len(pieces) < 2 or any(len(p.split()) < _MIN_PART_WORDS for p in pieces):
        return [question]
    if not all(asks(p) for p in pieces) or not re.match(rf"(?i){_WH}\b", pieces[1]):
        return [question]  # "When I leave, what happens ...?" asks one thing
    return [p if p.endswith("?") else p + "?" for p in pieces]


MIN_OWN_TERMS = 2  # a part with fewer content words of its own leans on the first part


def part_query(part: str, first: str) -> str:
    """The text to read a part with: the part itself, or, when it names nothing of its own
    ("and how often?"), the part followed by the first part, for its subject."""
    if part == first or len(question_terms(part)) >= MIN_OWN_TERMS:
        return part
    return f"{part} ({first.rstrip('?')})"
