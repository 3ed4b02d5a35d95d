"""Multi-part questions: "How long is the sabbatical, and how often can I take one?".

Each part asks for its own answer type; a part that leans on the one before ("and how
often?") is read together with it, so it finds the same subject. Pure functions.
"""

from __future__ import annotations

import re

from reasoner.solvers.rag.answer_type import asks
from reasoner.solvers.rag.extract import question_terms

_WH = r"(?:what|which|who|whom|whose|when|where|how|why)"
_AUX = r"(?:am|is|are|was|were|do|does|did|can|could|will|would|should|shall|may|might|must|has|have)"
_SUBJ = r"(?:i|we|you|they|he|she|it|there|my|our)"
# ", and how often", "; and what", "? And who", ", and roughly how many" (one adverb in -ly between), or
# a yes/no question after a conjunction or a question mark (", and should I ...", "? Can I ...")
_PREP = r"(?:after|before|for|in|at|by|within|from|to|until|on)"
_SPLIT = re.compile(
    rf"(?:,|;|\?)\s*(?:and|&|also|plus)?\s*(?:[a-z]+ly\s+)?(?=(?:{_PREP}\s+)?{_WH}\b)|\s+and\s+(?={_WH}\b)"
    rf"|(?:[,;]\s*and|\?\s*(?:and)?)\s+(?={_AUX}\s+{_SUBJ}\b)",
    re.I,
)
_ADVERB = re.compile(r"^[a-z]+ly\s+", re.I)
_MIN_PART_WORDS = 2


def split_parts(question: str) -> list[str]:
    """The questions inside ``question`` (one element when it asks one thing).

    A yes/no question followed by a question word that adds nothing of its own ("Is there a cap on
    MFA devices? what's the max?", "Is there a channel for X? what's it called?") asks one thing:
    the second says what the answer to the first is, so the two stay one part.

    >>> split_parts("How long is the sabbatical, and how often?")
    ['How long is the sabbatical?', 'how often?']
    """
    pieces = [_ADVERB.sub("", p.strip(" ,;")) for p in _SPLIT.split(question) if p and p.strip(" ,;?")]
    while len(pieces) > 2 and not asks(pieces[0]):  # a scene before the first question is part of it
        pieces[:2] = [f"{pieces[0]}, {pieces[1]}"]
    if len(pieces) < 2 or any(len(p.split()) < _MIN_PART_WORDS for p in pieces):
        return [question]
    if not all(asks(p) for p in pieces) or not re.match(rf"(?i)(?:(?:{_PREP}\s+)?{_WH}|{_AUX}\s+{_SUBJ})\b", pieces[1]):
        return [question]  # "When I leave, what happens ...?" asks one thing
    pieces = [p if p.endswith("?") else p + "?" for p in pieces]
    folded: list[str] = []
    for p in pieces:
        if folded and _yes_no(folded[-1]) and re.match(rf"(?i){_WH}\b", p) and len(_new_terms(p, folded[-1])) < MIN_OWN_TERMS:
            folded[-1] = f"{folded[-1]} {p}"
        else:
            folded.append(p)
    return [question] if len(folded) == 1 else folded


def _yes_no(part: str) -> bool:
    return re.match(rf"(?i){_AUX}\b", part) is not None


def _new_terms(part: str, before: str) -> set[str]:
    """The part's content words the part before it does not have ("max" in "what's the max?" after "Is there a cap ...")."""
    from reasoner.solvers.rag.reader import term_forms  # the reader's WordNet forms ("preferred" = "prefer")

    def plain(text: str) -> str:
        return re.sub(rf"(?i)\b({_WH})['\u2019]s\b", r"\1 is", text)

    had = question_terms(plain(before))
    forms = term_forms(plain(part), question_terms(plain(part)))
    return {t for t, fs in forms.items() if not set(fs) & had}


MIN_OWN_TERMS = 2  # a part with fewer content words of its own leans on the first part


def part_query(part: str, first: str) -> str:
    """The text to read a part with: the part itself, or, when it names nothing of its own
    ("and how often?"), the part followed by the first part, for its subject."""
    if part == first or len(question_terms(part)) >= MIN_OWN_TERMS:
        return part
    return f"{part} ({first.rstrip('?')})"
