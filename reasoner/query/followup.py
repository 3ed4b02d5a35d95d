"""Follow-up questions resolved from the conversation, as pure functions.

"and who manages her?" after "Who is the head of sales?" (answer: Dana
Whitfield) becomes "who manages Dana Whitfield?"; "what about the K-9?" after
"What is 15% of the K-7's list price?" becomes "What is 15% of the K-9's list
price?".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reasoner.text.stem import suffix_stem
from reasoner.text.stopwords import GROUNDING as _STOPWORDS
from reasoner.types import Query

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


Similarity = Callable[[str, list[str]], list[float]]
MIN_SIMILARITY = 0.3  # below this cosine, no phrase of the last question is "the same slot"


def resolve(question: str, turns: list[tuple[str, str | None]], *, similar: Similarity | None = None) -> str:
    """Rewrite ``question`` using earlier turns: (question, answer value) pairs, newest last.

    ``similar(phrase, candidates)`` (e.g. embedder cosines) lets "what about contractors?"
    replace "full-time employees", a phrase with no word in common; without it, only a
    phrase with the same head noun or an entity of the same shape is swapped.
    """
    if not turns:
        return question
    last_q, last_value = turns[-1]
    m = _ELLIPSIS.match(question)
    if m and (m.group(1) or _is_noun_phrase(m.group(2))):
        new = (m.group(1) or m.group(2)).strip()
        swapped = _swap_phrase(last_q, new) or _swap_entity(last_q, new)
        if swapped is None and similar is not None:
            swapped = _swap_similar(last_q, new, similar)
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


def needs_context(question: str) -> bool:
    """A turn that leans on an earlier one as it stands: it opens with "and", "so", "what about",
    or it speaks of someone or something by a pronoun ("and for her?", "how long is it?").
    Such a turn is never matched as a standalone question (the answer memory keys it by the
    previous turn)."""
    return _LEAD.match(question) is not None or re.search(_PRONOUNS, question, re.IGNORECASE) is not None


def conversation_of(query: Query) -> str | None:
    """The earlier turn a follow-up leans on (None for a question that stands alone)."""
    if query.history and needs_context(query.text):
        return query.history[-1][0]
    return None


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


_PHRASE_WORD = re.compile(r"[\w'-]+")


def _swap_phrase(last_q: str, new: str) -> str | None:
    """Swap the phrase of the last question with the same head noun: "and for the secondary
    caregiver?" after "How many weeks does the primary caregiver get?" puts "secondary
    caregiver" where "primary caregiver" was. The phrase replaced is the head with the
    content words right before it, as many as ``new`` has modifiers."""
    core = re.sub(r"(?i)^(?:the|a|an|my|our|your)\s+", "", new).strip(" ?")
    words = core.split()
    if not words:
        return None
    head = suffix_stem(words[-1].lower())
    tokens = list(_PHRASE_WORD.finditer(last_q))
    for i, tok in enumerate(tokens):
        if suffix_stem(tok.group().lower()) != head:
            continue
        start = i
        while start > 0 and i - start < len(words) - 1 and _modifier(tokens[start - 1].group()):
            start -= 1
        old = last_q[tokens[start].start() : tok.end()]
        if old.lower() == core.lower():
            return None  # the same question again
        return last_q[: tokens[start].start()] + core + last_q[tok.end() :]
    return None


def _modifier(word: str) -> bool:
    """A word that can modify a noun in place: not a stopword, not a question word."""
    return word.lower() not in _STOPWORDS and not _QUESTION_WORD.match(word)


def _phrases(question: str, max_words: int = 3) -> list[tuple[int, int]]:
    """(start, end) of every run of up to ``max_words`` content words in ``question``
    (noun-phrase candidates; without a tagger, verbs are among them and the meaning decides)."""
    runs: list[list[re.Match[str]]] = [[]]
    for tok in _PHRASE_WORD.finditer(question):
        if _modifier(tok.group()):
            runs[-1].append(tok)
        elif runs[-1]:
            runs.append([])
    out = []
    for run in runs:
        for i in range(len(run)):
            for j in range(i, min(len(run), i + max_words)):
                out.append((run[i].start(), run[j].end()))
    return out


def _swap_similar(last_q: str, new: str, similar: Similarity) -> str | None:
    """Replace the content-word run of the last question most similar in meaning to ``new``."""
    core = re.sub(r"(?i)^(?:the|a|an|my|our|your)\s+", "", new).strip(" ?")
    spans = _phrases(last_q)
    if not spans or not core:
        return None
    scores = similar(core, [last_q[a:b] for a, b in spans])
    best = max(range(len(spans)), key=lambda i: scores[i])
    if scores[best] < MIN_SIMILARITY:
        return None
    a, b = spans[best]
    return last_q[:a] + core + last_q[b:]
