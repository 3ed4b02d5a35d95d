"""Judging LLM replies for the RAG route: citations, grounding, and picking the best sample.

Pure functions over strings and hits, unit-tested without a model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reasoner.llm.base import Generation
from reasoner.solvers.rag import extract as rag_extract
from reasoner.solvers.rag import grounding
from reasoner.solvers.rag.prompt import clean_reply, parse_citations
from reasoner.text.tokens import word_tokens

_CITE_GROUP = re.compile(r"\[(?:source\s*)?(\d+(?:\s*,\s*\d+)*)\]", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """One LLM reply, judged.

    Attributes:
        text: the cleaned reply, citation marks kept as the model wrote them.
        cited: 1-based source numbers the answer rests on.
        check: the grounding verdict against the cited texts.
        refusal: the reply declines to answer.
        note: how the citations were settled ("", "inferred", "corrected").
        gen: the generation (tokens, time).
    """

    text: str
    cited: tuple[int, ...]
    check: grounding.Grounding
    refusal: bool
    note: str = ""
    gen: Generation | None = None

    @property
    def good(self) -> bool:
        """A grounded answer (not a refusal)."""
        return self.check.supported and not self.refusal


def best_source(answer: str, texts: Sequence[str]) -> int:
    """1-based number of the text that covers the answer best (first on ties)."""
    scores = [grounding.coverage(answer, t) for t in texts]
    return 1 + max(range(len(texts)), key=lambda i: (scores[i], -i)) if texts else 0


def judge(reply: str, texts: Sequence[str], question: str, gen: Generation | None = None) -> Candidate:
    """Clean ``reply``, settle its citations and check it against the cited texts.

    Without citations, the source that covers the answer best is taken ("inferred").
    When the cited texts do not support it but another source does, the citation
    is moved there ("corrected").
    """
    text = clean_reply(reply)
    if grounding.is_refusal(text):
        return Candidate(
            text, (), grounding.Grounding(False, 0.0, 0.0, reason="the model declined"), True, "", gen
        )
    cited = tuple(parse_citations(text, len(texts)))
    note = ""
    if not cited:
        cited, note = (best_source(text, texts),), "inferred"
    check = grounding.check(text, [texts[i - 1] for i in cited], question=question)
    if not check.supported:
        alt = best_source(text, texts)
        alt_check = grounding.check(text, [texts[alt - 1]], question=question)
        if alt_check.supported:
            cited, check, note = (alt,), alt_check, "corrected"
    if check.supported:
        check = _anchored(text, question, [texts[i - 1] for i in cited], check)
    return Candidate(text, cited, check, False, note, gen)


def sentence_support(answer: str, question: str, texts: Sequence[str]) -> float | None:
    """How well the best source sentence holding the answer's numbers and names
    matches the question, relative to the best-matching sentence overall (1.0: it is
    the best one); None when the answer has neither numbers nor names to anchor.

    A number that is in the source but in a sentence about something else ("182
    hours available" for "how many hours accrue per pay period") scores low.
    """
    nums = grounding.numbers(answer) - grounding.numbers(question)
    names = grounding.names(answer) - set(word_tokens(question))
    if not nums and not names:
        return None
    ranked = rag_extract.rank_sentences(question, texts, pairs=False)
    top = ranked[0][0] if ranked else 0.0
    for score, _, sent in ranked:  # best first: the first holder is the best one
        low = sent.lower()
        if nums <= grounding.numbers(sent) and all(n in low for n in names):
            return score / top if top > 0 else 0.0
    return 0.0


MIN_SENTENCE_SUPPORT = 0.8


def _anchored(
    text: str, question: str, cited: Sequence[str], check: grounding.Grounding
) -> grounding.Grounding:
    """Downgrade a grounded verdict whose numbers/names sit in a sentence off the question."""
    support = sentence_support(grounding.strip_citations(text), question, cited)
    if support is None or support >= MIN_SENTENCE_SUPPORT:
        return check
    reason = (
        f"not grounded: its numbers/names appear only in sentences off the question (support {support:.2f})"
    )
    return grounding.Grounding(False, round(check.score * 0.5, 4), check.coverage, reason=reason)


def rank_key(c: Candidate) -> tuple[int, float, int]:
    """Sort key, higher is better: grounded answers, then refusals, then ungrounded answers."""
    tier = 2 if c.good else (1 if c.refusal else 0)
    return (tier, c.check.score, -len(c.text))


def choose(candidates: Sequence[Candidate]) -> Candidate:
    """The best candidate by ``rank_key`` (the earliest on ties)."""
    if not candidates:
        raise ValueError("choose() needs at least one candidate")
    return max(candidates, key=rank_key)


def renumber_citations(text: str, mapping: dict[int, int]) -> str:
    """Rewrite [n] marks through ``mapping`` (old -> new number); unmapped marks are dropped."""

    def sub(m: re.Match[str]) -> str:
        nums = [mapping[int(p)] for p in m.group(1).split(",") if int(p) in mapping]
        return "[" + ", ".join(str(n) for n in dict.fromkeys(nums)) + "]" if nums else ""

    return re.sub(r"\s+([.,;:!?])", r"\1", _CITE_GROUP.sub(sub, text)).strip()


def with_citations(text: str, cited: Sequence[int]) -> str:
    """``text`` with a [1]..[n] mark appended when it carries none."""
    if _CITE_GROUP.search(text) or not cited:
        return text
    marks = "".join(f"[{i}]" for i in range(1, len(cited) + 1))
    return f"{text.rstrip()} {marks}"
