"""Replies from a reading: the short answer first, then the sentence that says it, cited.

"12 months. You need to have been a federal employee for 12 months in order to access
Paid Parental Leave. [1]" with evidence [1] = the chunk (file, section, the sentence).
A question of several parts gets one such line per part; a yes/no part's short answer is "Yes" or
"No" as its sentence says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reasoner.solvers.rag.parts import yes_or_no
from reasoner.solvers.rag.reader import Reading
from reasoner.solvers.rag.spans import answer_value
from reasoner.types import Evidence, Hit


@dataclass(frozen=True)
class PartAnswer:
    """One part's answer: the reading and the hits it was read from."""

    question: str
    reading: Reading
    hits: Sequence[Hit]


def short_answer(reading: Reading) -> str | None:
    """The span shown first ("12 months", "$1,149 USD"), or None when no typed span was found."""
    return reading.span.text if reading.span is not None else None


def value(reading: Reading) -> str | None:
    """The machine-readable value (a bare number for one-number quantities)."""
    return answer_value(reading.span) if reading.span is not None else None


def line(reading: Reading, mark: int, short: str | None = None) -> str:
    """ "short. sentence [mark]", or "sentence [mark]" without a short answer (``short``: the
    reading's own when not given)."""
    best = reading.best
    if best is None:
        return ""
    sentence = best.unit.text.rstrip()
    short = short if short is not None else short_answer(reading)
    if short is None or short.strip().lower() == sentence.lower().rstrip("."):
        return f"{sentence} [{mark}]"
    end = "" if short.endswith((".", "?", "!")) else "."
    return f"{short}{end} {sentence} [{mark}]"


def evidence(part: PartAnswer) -> Evidence:
    """The chunk the best candidate came from, with the sentence as its snippet."""
    best = part.reading.best
    assert best is not None  # callers only cite parts that were read
    hit = part.hits[best.unit.hit]
    c = hit.chunk
    return Evidence("chunk", c.id, c.source, c.section, best.unit.text, round(hit.score, 4), c.hash, c.access)


def part_short(part: PartAnswer, first: str) -> str | None:
    """A part's short answer in a reply of several: a yes/no part's "Yes" / "No" read from its
    sentence (``parts.yes_or_no``), otherwise the reading's span."""
    best = part.reading.best
    if part.reading.qtype.kind == "yesno" and best is not None:
        said = yes_or_no(part.question, first, best.unit.text)
        if said is not None:
            return said
    return short_answer(part.reading)


UNANSWERED = "the knowledge base does not say."


def compose(parts: Sequence[PartAnswer], threshold: float | None = None) -> tuple[str, str | None, list[Evidence]]:
    """Text, value and evidence of a reply to one or more parts.

    Parts citing the same chunk share its mark; the value is the first part's. With ``threshold``,
    a later part whose reading is below it is answered "the knowledge base does not say" and cites nothing.
    """
    evidence_list: list[Evidence] = []
    lines = []
    for i, p in enumerate(parts):
        if i and threshold is not None and (p.reading.best is None or p.reading.probability < threshold):
            lines.append(f"{p.question.rstrip('?')}: {UNANSWERED}")
            continue
        ev = evidence(p)
        refs = [e.ref for e in evidence_list]
        if ev.ref in refs:
            mark = refs.index(ev.ref) + 1
        else:
            evidence_list.append(ev)
            mark = len(evidence_list)
        text = line(p.reading, mark, part_short(p, parts[0].question) if len(parts) > 1 else None)
        lines.append(text if len(parts) == 1 else f"{p.question.rstrip('?')}: {text}")
    return "\n".join(lines), value(parts[0].reading), evidence_list
