"""Multi-part questions: "How long is the sabbatical, and how often can I take one?".

Each part asks for its own answer type; a part that leans on the one before ("and how
often?", "can it be extended?", "am I required to go?") is read together with it, so it finds the
same subject; a part is not answered with the sentence an earlier part was answered with unless
that sentence speaks of what the part adds; a yes/no part's answer is "Yes" or "No" as its
sentence says. Pure functions, but ``reread_apart``, which rescores with the reader.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from reasoner.solvers.rag.answer_type import asks
from reasoner.solvers.rag.extract import question_terms

if TYPE_CHECKING:
    from reasoner.solvers.rag.reader import Reader, Reading
    from reasoner.types import Hit

_WH = r"(?:what|which|who|whom|whose|when|where|how|why)"
_AUX = r"(?:am|is|are|was|were|do|does|did|can|could|will|would|should|shall|may|might|must|has|have)"
_PRON = r"(?:i|we|you|they|he|she|it|there)"
# the subject of a yes/no question: a pronoun, or a noun phrase's determiner ("is a receipt needed?")
_SUBJ = r"(?:i|we|you|they|he|she|it|there|my|our|your|their|its|a|an|the|this|that|these|those)"
# ", and how often", "; and what", "? And who", ", and roughly how many" (one adverb in -ly between), or
# a yes/no question after a conjunction or a question mark (", and should I ...", "? Can I ...");
# a spaced dash is a comma ("How long is it - and is it paid?"); a bare "and" splits before a
# question word, or before an auxiliary and a pronoun ("... do I get and do they roll over?").
_PREP = r"(?:after|before|for|in|at|by|within|from|to|until|on)"
_DASH = "\\s[-\u2013\u2014]+"
_SPLIT = re.compile(
    rf"(?:,|;|\?|{_DASH})\s*(?:and|&|also|plus)?\s*(?:[a-z]+ly\s+)?(?=(?:{_PREP}\s+)?{_WH}\b)|\s+and\s+(?={_WH}\b)"
    rf"|(?:[,;]\s*and|\?\s*(?:and)?|{_DASH}\s*(?:and)?)\s+(?={_AUX}\s+{_SUBJ}\b)|\s+and\s+(?={_AUX}\s+{_PRON}\b)",
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
    if not _interrogative(pieces[0]):
        return [question]  # "there's an award for X - what's it called?": a statement, then its question
    pieces = [p if p.endswith("?") else p + "?" for p in pieces]
    folded: list[str] = []
    for p in pieces:
        if folded and _yes_no(folded[-1]) and re.match(rf"(?i){_WH}\b", p) and len(_new_terms(p, folded[-1])) < MIN_OWN_TERMS:
            folded[-1] = f"{folded[-1]} {p}"
        else:
            folded.append(p)
    return [question] if len(folded) == 1 else folded


def _interrogative(piece: str) -> bool:
    """Whether a piece ends in a question's form: its last clause (after a scene: "I've spotted an
    incident. How much time ...", "With the Linux setup, how long ...") opens with a question word
    (or a preposition and one) or an auxiliary."""
    last = re.split(r"[.,:;!]\s+", piece.strip())[-1]
    return re.match(rf"(?i)\s*(?:(?:{_PREP}\s+)?{_WH}|{_AUX})\b", last) is not None


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


# A pronoun that points back to something named before ("can it be extended?", "what's its number?",
# "is that paid?"); "one" only as a noun phrase's head ("how often can I take one?").
_BACK = re.compile(r"(?i)\b(?:it|its|they|them|their|this|that|these|those|(?<!\bno\s)one)\b(?!\s+(?:of|who|which|that)\b)")
# Verbs that name no topic of their own (light verbs: "am I required to go?", "what do I get?").
_LIGHT_VERBS = frozenset({"be", "do", "go", "get", "have", "make", "take", "come", "happen"})


def refers_back(part: str) -> bool:
    """Whether a later part leans on the one before: it points back with a pronoun ("is it paid?"),
    or names fewer than ``MIN_OWN_TERMS`` topic words of its own (an adverb-only word like "actually"
    or a light verb like "go" names no topic: "am I actually required to go?")."""
    body = re.sub(rf"(?i)^\s*(?:and\s+)?(?:{_WH}|{_AUX})\b", " ", part)  # "that"/"which" asking is not a pronoun
    body = re.sub(r"\b[A-Z]{2,}\b", " ", body)  # an acronym ("the IT desk") is a name, not "it"
    return _BACK.search(body) is not None or len(topic_terms(part)) < MIN_OWN_TERMS


def topic_terms(part: str) -> set[str]:
    """The part's content stems less the words that name no topic: light verbs and words that are
    only adverbs in WordNet ("actually", "roughly")."""
    from reasoner.text import wordnet

    wn = wordnet.load()
    terms = question_terms(part)
    drop: set[str] = set()
    for w in re.findall(r"[A-Za-z]+", part):
        lw = w.lower()
        stems = question_terms(lw)
        if not stems:
            continue
        light = any(b in _LIGHT_VERBS for b in (wn.base_forms(lw, "v") if wn is not None else [lw])) or lw in _LIGHT_VERBS
        adverb = wn is not None and bool(wn.senses(lw, "r")) and not any(wn.senses(lw, pos) for pos in ("n", "v", "a"))
        if light or adverb:
            drop |= stems
    return terms - drop


def part_query(part: str, first: str) -> str:
    """The text to read a part with: the part itself, or, when it leans on the first part
    (``refers_back``: "and how often?", "can it be extended?"), the part followed by the first part,
    for its subject."""
    if part == first or not refers_back(part):
        return part
    return f"{part} ({first.rstrip('?')})"


def own_terms(part: str, first: str) -> set[str]:
    """The topic words a later part adds to the first ("suspend" in "after how long does it suspend?"
    after "how long until the screen locks?"): ``topic_terms`` the first part has in no form."""
    return topic_terms(part) & _new_terms(part, first)


def repeats(sentence: str, earlier: Sequence[str], part: str, first: str) -> bool:
    """Whether a later part's best sentence only repeats an earlier part's answer: it is the sentence
    an earlier part was answered with and holds none of the words the part adds. Two parts of one
    question ask two things; the sentence that answered the first answers the second too only when
    it speaks of what the second adds ("How long is the leave, and is it paid?": "12 weeks of paid leave")."""
    if sentence not in earlier:
        return False
    from reasoner.solvers.rag.extract import content_terms

    own = own_terms(part, first)
    have = content_terms(sentence)
    return bool(own) and not any(base_forms(part, t) & have for t in own)


def base_forms(part: str, term: str) -> set[str]:
    """A term's stem and the stems of its WordNet base forms ("required" -> "requir", "require"), not
    its synonyms: whether a sentence names the same word, not a related one."""
    from reasoner.text import wordnet
    from reasoner.text.stem import suffix_stem

    wn = wordnet.load()
    out = {term}
    for w in re.findall(r"[A-Za-z]+", part.lower()):
        if suffix_stem(w) == term and wn is not None:
            out |= {suffix_stem(b) for pos in ("n", "v", "a", "r") for b in wn.base_forms(w, pos)}
    return out


def reread_apart(reader: Reader, reading: Reading, hits: Sequence[Hit], background: float | None, taken: Sequence[str]) -> Reading:
    """``reading`` without the candidates in ``taken`` (the sentences earlier parts were answered
    with): the next candidate, its span and its calibrated probability, read as ``Reader.read`` does.
    A reader with a learned or LM re-ranker keeps its reading (its probability is its model's)."""
    from reasoner.solvers.rag import abstain

    ranked = [s for s in reading.ranked if s.unit.text not in taken]
    if not ranked or reader.model is not None or reader.lm is not None:
        return reading
    out = replace(reading, ranked=ranked, span=None, probability=0.0, features={})
    out.span = reader._span(reading.question, reading.qtype, ranked[0].unit)  # noqa: SLF001 - the reader's own span
    out.features = abstain.features(out, hits, background)
    out.features.update(reader._aligned(reading.question, out, hits))  # noqa: SLF001
    out.probability = abstain.probability(out.features, reader.coef)
    return out


_NEGATION = re.compile(r"(?i)\b(?:not|no|never|neither|nor|cannot)\b|n['\u2019]t\b")
_CLAUSE = re.compile(r"(?i)[,;:\u2013\u2014]|\s-\s|\b(?:but|although|though|however|whereas|while|unless)\b")


def yes_or_no(part: str, first: str, sentence: str) -> str | None:
    """The answer a sentence gives a yes/no part, read from the words the part adds ("required" in
    "am I required to go?"): "No" when the clause of the sentence that names one of them negates it
    ("You aren't required to attend, but ..."), "Yes" when it names all of them and negates none, None
    otherwise (the sentence does not say it). ``first``: the question's first part (its words are not the part's own)."""
    from reasoner.solvers.rag.extract import content_terms

    own = own_terms(part, first) if part != first else topic_terms(part)
    if not own:
        return None
    for clause in _CLAUSE.split(sentence):
        if _NEGATION.search(clause) and any(base_forms(part, t) & content_terms(clause) for t in own):
            return "No"
    have = content_terms(sentence)
    return "Yes" if all(base_forms(part, t) & have for t in own) else None  # every word it adds, said plainly
