"""How the sentences of a question divide into setups and the question proper.

The DeepMind frames put every setup in its own sentence and the question last.
People also write the facts inside the question sentence ("If x = 3, what is
2x?", "Find m such that ...", "Given A and B, and also C, tell me if f is
prime"), after it ("Find u if 0 = 3*u - 6"), after the question sentence ("Can
you work out r for me? 12*r = 24"), or point back at an earlier sentence ("Plug 3
into f(x) = 2x. What comes out?"). :func:`readings` lists the ways to read a
question, the literal one first; the caller takes the first reading whose every
part parses, so a reading never guesses: a part that is not understood rejects it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reasoner.errors import ParseError
from reasoner.solvers.math.setups import SETUP_LEADS
from reasoner.solvers.math.wording import back_reference, plain, without_greeting
from reasoner.solvers.math.words import top_level_spans

MAX_SPLITS = 12


@dataclass(frozen=True)
class Reading:
    """Setup texts (sentences or clauses, in order) and the question sentence."""

    setups: tuple[str, ...]
    question: str


def readings(sentences: list[str]) -> Iterator[Reading]:
    """The ways to read ``sentences`` as setups and one question, the most literal first.

    Greetings and thanks ("Hi!", "Thanks.") are not part of the problem: a sentence that is
    only that is dropped, and one that opens with it ("Please help: Let x = 3.") loses it.
    """
    sentences = [s for s in (without_greeting(s) for s in sentences) if s] or sentences[-1:]
    if not sentences:  # "." or "?!": punctuation alone holds no question
        return
    moved = _definitions_first(sentences[:-1])
    if moved:  # "Let m be f(3), where f(n) = n**2 + 1.": the function defined before its use
        yield from readings([*moved, sentences[-1]])
    *before, last = sentences
    yield from _final(tuple(before), last)
    if not before:
        return
    if back_reference(last):  # "Plug 3 into f(x) = 2x. What comes out?"
        yield from _final(tuple(before[:-1]), before[-1])
    # "All numbers here are base 14. What is 3 + 2c6896?": the base said once for the question.
    for i, sentence in enumerate(before):
        declared = _BASE_DECLARED.match(plain(sentence))
        if declared:
            base = next(g for g in declared.groups() if g)
            rest = tuple(before[:i] + before[i + 1 :])
            yield from _final(rest, f"{plain(last)}, where all the numbers are in base {base}")
    # "Rewrite X as F. What is z?": one question spread over two sentences.
    yield from _final(tuple(before[:-1]), f"{before[-1]}, {last}")
    # "Here's a sequence: 3, 7, 11. What comes next?": the list is what the question is about.
    topic = _TOPIC.match(before[-1]) or _TOPIC_AFTER.match(before[-1])
    if topic:
        for question in _about(last, topic.group(1)):
            yield from _final(tuple(before[:-1]), question)
    # "3*x = 12. Solve for x.": the unknown asked of the facts before it.
    solve_for = _SOLVE_FOR.match(plain(last))
    if solve_for and re.search(rf"\b{solve_for.group(1)}\b", " ".join(before)):
        yield from _final(tuple(before), f"what is {solve_for.group(1)}")
    # "(x + 1)*(x - 1). Expand.": an instruction whose object is the sentence before it.
    if _BARE_VERB.match(plain(last)):
        yield from _final(tuple(before[:-1]), f"{plain(last)} {before[-1]}")
    # The question first, the facts after it ("Can you work out r for me? 12*r = 24").
    for i in range(len(before) - 1, -1, -1):
        yield from _final(tuple(sentences[:i] + sentences[i + 1 :]), sentences[i])


_BASE_DECLARED = re.compile(
    r"^(?:(?:all|the|these|both)(?: of)?(?: the)? (?:numbers|values|numerals|operands)(?: here| below| in this "
    r"(?:question|problem|sum))? (?:are|is) (?:all )?(?:written |given |expressed )?(?:in )?base[- ](\d{1,2})|"
    r"(?:these|they) are (?:all )?base[- ](\d{1,2}) (?:numbers|numerals|values)|"
    r"(?:we are |we're |i am |i'm )?(?:working|work|everything is|this is) in base[- ](\d{1,2}))$",
    re.I,
)
# A setup that uses a function defined after it: "Let m be f(3), where f(n) = n**2 + 1."
_DEFINED_AFTER = re.compile(
    r"^(.+?),? (?:where|with|for|given(?: that)?|if|and) (?:the function )?(([a-z])\([a-z]\) ?(?:=|is|equals) ?.+)$", re.I
)


def _definitions_first(setups: list[str]) -> list[str] | None:
    """The setup sentences with each trailing definition of a function moved before the clause that
    uses it, or None when no sentence has one (only when the name is used as a call before it)."""
    out: list[str] = []
    changed = False
    for sentence in setups:
        m = _DEFINED_AFTER.match(sentence.rstrip(" ."))
        if m and re.search(rf"\b{m.group(3)}\(", m.group(1)):
            out += [m.group(2), m.group(1)]
            changed = True
        else:
            out.append(sentence)
    return out if changed else None


_TOPIC = re.compile(
    r"^(?:(?:here(?:'s| is| are)|consider|take|look at|i have|we have|you have|given|there(?:'s| is)|continue|extend) "
    r"(?:the |a |this |my |these |some )?(?:sequence|list|numbers|series|values|set|pattern)(?: of (?:numbers|values))?"
    r"[:,]?|(?:the |a |my |this )?(?:sequence|list|series|pattern|progression) (?:goes|is|reads|runs|starts|begins)"
    r"(?: like| as follows)?:?|(?:the |a |this |my )?(?:sequence|list|series|pattern|progression|numbers|terms):) (.+)$",
    re.I,
)
# "The numbers 428, 1998, 4612 form a pattern.", "3, 7, 11 is an arithmetic sequence.": the list is the subject.
_TOPIC_AFTER = re.compile(
    r"^(?:the |these |my )?(?:numbers|terms|values)?:? ?(.+?),? (?:form|forms|make|makes|make up|makes up|follow|follows|"
    r"are|is|give|gives|start|starts|begin|begins) (?:a|an|some|the start of an?|the first terms of an?|the beginning of an?)"
    r" (?:simple |certain |regular |clear |number |arithmetic |polynomial |numerical )?(?:pattern|sequence|progression|series)$",
    re.I,
)
_PRONOUN = re.compile(
    r"\b(?:them|these|those|the numbers|the values|the list|the sequence|this list|this sequence)\b", re.I
)
_SOLVE_FOR = re.compile(
    r"^(?:now |then |so |and )?(?:solve|solving)(?: (?:it|this|that|them|these|the system|the equations?|both))? "
    r"for ([a-z])$",
    re.I,
)
_BARE_VERB = re.compile(
    r"^(?:simplify|factor|factorise|factorize|expand|evaluate|calculate|compute|solve|sort|differentiate|"
    r"integrate|work it out|multiply out|collect like terms|combine like terms)(?: (?:it|this|that))?(?: please)?$",
    re.I,
)


_NTH_ONE = re.compile(r"\bthe (\w+) (?:one|term|number|value|entry|element|item)\b", re.I)


def _next_by_position(question: str, items: str) -> bool:
    """"I have L. What would the fifth one be?": the term one past the last given is the next term."""
    from reasoner.solvers.math.words import ordinal, split_top

    m = _NTH_ONE.search(question)
    if not m:
        return False
    try:
        return ordinal(m.group(1).lower()) == len(split_top(items)) + 1
    except ParseError:
        return False


def _about(question: str, items: str) -> Iterator[str]:
    """The question with the topic list put where it refers to it, or after it."""
    if _next_by_position(question, items):
        yield f"what comes next: {items}"
    if _PRONOUN.search(question):
        yield _PRONOUN.sub(items, question, count=1)
    yield f"{plain(question)}: {items}"
    yield f"{plain(question)} in {items}"


_COMMA_OR_THEN = re.compile(r"[,;:]\s*(?:then\s+)?|\s+then\s+|\s+--\s+|\s*\u2014\s*", re.I)
_LEAD_START = re.compile(rf"^(?:{SETUP_LEADS})\b", re.I)
_ASKING = re.compile(
    r"\s(?=(?:what|which|how|find|calculate|compute|solve|determine|give|evaluate|is|are|does|do|list|sort|"
    r"put|order|round|express|simplify|factor|expand)\b)",
    re.I,
)
_CONDITION = re.compile(
    r",?\s+(?:if|when|whenever|where|given that|given|provided that|provided|assuming that|assuming|with|for|"
    r"in case|knowing that|knowing|since|seeing that|at)\s+",
    re.I,
)
# A condition after a calculus question names the function to work on ("dy/dx if y = x**3").
_CALCULUS = re.compile(r"^solve\b|derivative|differentiate|integra|\bd[a-z]?/d[a-z]\b|\blimit\b", re.I)
_FIND_THEN = re.compile(
    r"^(?:find|compute|calculate|work out|figure out|determine|get|solve for)\s+([a-z])\s+"
    r"(?:from|using|given|with|in|such that|if|where|by solving)\s+(.+)$",
    re.I,
)
_AND_THEN = re.compile(r",?\s+(?:and then|and|then)\s+", re.I)
_IT = re.compile(r"\b(?:it|that number|this number|the result|that value|the value)\b", re.I)


_NAMED_THEN = re.compile(
    r"^(?:work out|compute|calculate|evaluate|find|let|set|take|put|get) ([a-z]) ?= ?(.+?),? (?:and|then|and then) (.+)$",
    re.I,
)


def _named_then(before: tuple[str, ...], final: str) -> Iterator[Reading]:
    """ "Work out q = 2022 - 233 and tell me its tens digit": a definition, then the question."""
    m = _NAMED_THEN.match(final)
    if m:
        yield Reading((*before, f"{m.group(1)} = {m.group(2)}"), plain(m.group(3)))


def _final(before: tuple[str, ...], final: str) -> Iterator[Reading]:
    final = plain(final)
    yield Reading(before, final)
    yield from _substitution(before, final)
    yield from _leading(before, final)
    yield from _trailing(before, final)
    yield from _find_then(before, final)
    yield from _named_then(before, final)


def _leading(before: tuple[str, ...], final: str) -> Iterator[Reading]:
    """ "If x = 3, what is 2x": the facts before a comma (or "then"), the question after it."""
    spans = top_level_spans(final, _COMMA_OR_THEN)[:MAX_SPLITS]
    if _LEAD_START.match(final):
        spans += top_level_spans(final, _ASKING)[:MAX_SPLITS]
    for lo, hi in spans:
        head, question = final[:lo].strip(), final[hi:].strip()
        if head and question:
            yield Reading((*before, head), plain(question))
            # "With a(d) = ..., evaluate i(o) where i(w) = ...": facts on both sides of the question
            yield from _trailing((*before, head), plain(question))


def _trailing(before: tuple[str, ...], final: str) -> Iterator[Reading]:
    """ "What is 2x if x = 3": the question, then the facts after "if"/"given"/"where"."""
    for lo, hi in top_level_spans(final, _CONDITION)[:MAX_SPLITS]:
        question, facts = final[:lo].strip(), final[hi:].strip()
        if question and facts and not _CALCULUS.search(question):
            yield Reading((*before, facts), question)


def _find_then(before: tuple[str, ...], final: str) -> Iterator[Reading]:
    """ "Find v from 3*v = 9 and check whether it is prime": solve, then ask about v."""
    m = _FIND_THEN.match(final)
    if not m:
        return
    var, rest = m.groups()
    for lo, hi in top_level_spans(rest, _AND_THEN)[:MAX_SPLITS]:
        facts, question = rest[:lo].strip(), rest[hi:].strip()
        if facts and question and _IT.search(question):
            yield Reading((*before, facts), plain(_IT.sub(var, question, count=1)))


_FUNCTION = r"(?:the function |the polynomial |the expression )?([a-z])\(([a-z])\) ?= ?(.+?)"
_PLUG = re.compile(
    r"^(?:plug|substitute|put|input|feed|insert|sub|pass|enter|use)\s+(?:([a-z]) ?= ?)?(.+?)\s+"
    r"(?:in for [a-z] in|into|in|as [a-z] in)\s+"
    + _FUNCTION
    + r"$",
    re.I,
)
_AT = re.compile(
    r"^(?:evaluate|compute|calculate|find|work out|what is|what's|give)\s+"
    + _FUNCTION
    + r",?\s+(?:at|for|when|where|with|if|given)\s+([a-z])\s*(?:=|is|equals)\s*(.+)$",
    re.I,
)


def _substitution(before: tuple[str, ...], final: str) -> Iterator[Reading]:
    """ "Plug -139 into a(z) = ..." and "Evaluate a(z) = ... at z = 4": define, then evaluate."""
    m = _PLUG.match(final)
    if m and m.group(1) in (None, m.group(4)):  # "Plug r = 10 into u(r) = ...": the same variable
        _var, value, name, param, body = m.groups()
        yield Reading((*before, f"{name}({param}) = {body}"), f"what is {name}({value})")
    m = _AT.match(final)
    if m:
        name, param, body, var, value = m.groups()
        if var == param:
            yield Reading((*before, f"{name}({param}) = {body}"), f"what is {name}({value})")


__all__ = ["Reading", "readings"]
