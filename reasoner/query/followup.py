"""Follow-up questions resolved from the conversation, as pure functions.

"and who manages her?" after "Who is the head of sales?" (answer: Dana
Whitfield) becomes "who manages Dana Whitfield?"; "what about the K-9?" after
"What is 15% of the K-7's list price?" becomes "What is 15% of the K-9's list
price?".
"""

from __future__ import annotations

import re

_PRONOUNS = r"\b(he|she|him|her|they|them|it|his|hers|their|its)\b"
_POSSESSIVE = {"his", "her", "hers", "their", "its"}
_LEAD = re.compile(r"(?i)^\s*(and|so|then|also|ok|okay)\s*,?\s+")
_ELLIPSIS = re.compile(
    r"(?i)^\s*(?:and\s+)?(?:what|how)\s+about\s+(.+?)\s*\??$|^\s*and\s+(?:for\s+)?(.+?)\s*\?\s*$"
)
_QUESTION_WORD = re.compile(r"(?i)^(who|whom|whose|what|when|where|which|how|why|is|are|was|were|does|do|did|can|could|will|would|should)$")
# An entity-like span: words with capitals or digits ("K-7", "Dana Whitfield", "the Sales team").
_ENTITY = re.compile(r"\b(?:[A-Z][\w-]*|\w*\d[\w-]*)(?:\s+(?:[A-Z][\w-]*|\w*\d[\w-]*))*(?:'s)?")


_POLITE = re.compile(
    r"(?i)^\s*(?:(?:please|pls|hey|hi|ok|okay)\b[\s,:;!-]*)*"
    r"(?:(?:can|could|would|will) you (?:please )?(?:tell me|say|let me know|work out|calculate|compute)\s*"
    r"|(?:i'd|i would) like to know\s*|do you know\s*|tell me\s*)?[:,]?\s*"
)


def strip_politeness(question: str) -> str:
    """Drop a conversational wrapper: "Can you tell me what is 2+2?" -> "what is 2+2?"."""
    core = _POLITE.sub("", question, count=1).strip()
    core = re.sub(r"(?i)[\s,]*please[.?!]*$", "?" if question.rstrip().endswith("?") else "", core).strip()
    return core if len(core) >= 2 else question


def resolve(question: str, turns: list[tuple[str, str | None]]) -> str:
    """Rewrite ``question`` using earlier turns: (question, answer value) pairs, newest last."""
    if not turns:
        return question
    last_q, last_value = turns[-1]
    m = _ELLIPSIS.match(question)
    if m and (m.group(1) or _is_noun_phrase(m.group(2))):
        swapped = _swap_entity(last_q, (m.group(1) or m.group(2)).strip())
        if swapped:
            return swapped
    if re.search(_PRONOUNS, question, re.I) and _is_followup(question):
        referent = _referent(last_q, last_value)
        if referent:
            return _LEAD.sub("", _replace_pronoun(question, referent))
    return question


def _is_noun_phrase(text: str) -> bool:
    """"the K-9" or "Support", not a question of its own ("who manages him")."""
    words = text.split()
    return 0 < len(words) <= 4 and not _QUESTION_WORD.match(words[0])


def _is_followup(question: str) -> bool:
    """Pronoun questions that name no entity of their own lean on the last turn."""
    body = _LEAD.sub("", question)
    return _LEAD.match(question) is not None or not _entities(body[1:])


def _entities(text: str) -> list[str]:
    return [m.group(0) for m in _ENTITY.finditer(text) if m.group(0).lower() not in {"i", "what", "who"}]


def _referent(last_q: str, last_value: str | None) -> str | None:
    """The last answer when it names something, else the last question's entity."""
    if last_value and not re.fullmatch(r"[\d.,\s%$/-]+", last_value) and len(last_value) < 60:
        return last_value.split(",")[0].strip()
    ents = _entities(last_q[1:])
    return re.sub(r"'s$", "", ents[-1]) if ents else None


def _replace_pronoun(question: str, referent: str) -> str:
    def sub(m: re.Match[str]) -> str:
        return (
            referent + "'s" if m.group(1).lower() in _POSSESSIVE and _is_possessive(question, m) else referent
        )

    return re.sub(_PRONOUNS, sub, question, count=1, flags=re.I)


def _is_possessive(question: str, m: re.Match[str]) -> bool:
    """'her' before a noun is possessive ("her manager"), before '?' it is an object."""
    word = m.group(1).lower()
    if word in {"his", "their", "its"}:
        return True
    rest = question[m.end() :].strip()
    return bool(rest) and rest[0].isalpha()


def _swap_entity(last_q: str, new: str) -> str | None:
    """Replace the entity of the last question most like ``new`` in form."""
    new_core = re.sub(r"(?i)^the\s+", "", new).strip()
    candidates = _entities(last_q[1:] if last_q[:1].isupper() else last_q)
    if not candidates or not new_core:
        return None
    best = max(candidates, key=lambda c: _shape_similarity(c, new_core))
    core = best[:-2] if best.endswith("'s") else best
    return last_q.replace(core, new_core, 1)


def _shape_similarity(a: str, b: str) -> float:
    """Same kind of token: both with digits, both multi-word names, shared characters."""
    score = 0.0
    if any(c.isdigit() for c in a) == any(c.isdigit() for c in b):
        score += 1.0
    if len(a.split()) == len(b.split()):
        score += 0.5
    shared = len(set(a.lower()) & set(b.lower())) / max(len(set(a.lower()) | set(b.lower())), 1)
    return score + shared
