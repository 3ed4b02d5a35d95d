"""Composite questions: arithmetic framed around facts the knowledge base holds.

"What is 15% of the K-7's list price?" is a lookup ("What is the K-7's list
price?") followed by arithmetic. ``parse_composite`` recognises generic English
arithmetic frames and returns the sub-questions and the arithmetic template;
the engine answers each sub-question through the cascade and hands the filled
template to the math solver. Pure functions only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reasoner.errors import ParseError
from reasoner.solvers.math.words import number_word

_NUM = r"\d+(?:[.,]\d+)*"
_FACTORS = {
    "twice": "2",
    "double": "2",
    "triple": "3",
    "half": "1/2",
    "half of": "1/2",
    "a third of": "1/3",
    "a quarter of": "1/4",
}
_OPS = {"plus": "+", "minus": "-", "times": "*", "multiplied by": "*", "divided by": "/", "and": "+"}
_AGG = {"sum": "+", "total": "+", "combined": "+", "difference": "-", "ratio": "/", "product": "*"}


@dataclass(frozen=True)
class Composite:
    """Arithmetic over sub-answers: ``template`` uses {0}, {1} for ``parts``' values."""

    template: str
    parts: tuple[str, ...]  # sub-questions to answer with a number
    frame: str  # which frame matched, for /why


def _count(word: str) -> str | None:
    """A count in digits or words ("3", "three", "twenty"), as digits; None when it is not one."""
    w = word.lower().strip()
    if re.fullmatch(_NUM, w):
        return w.replace(",", "")
    try:
        return str(number_word(w))
    except ParseError:
        return None


def _is_number(text: str) -> bool:
    return re.fullmatch(r"\$?" + _NUM + "%?", text.strip()) is not None


def _question(np: str) -> str:
    """Turn a noun phrase ("the K-7's list price") into a question."""
    np = np.strip().rstrip("?.").strip()
    return f"What is {np}?"


def _unit_question(item: str, measure: str) -> str:
    item = re.sub(r"(?<=[A-Za-z0-9])s$", "", item.strip())  # "two K-9s" -> K-9
    return f"What is the {measure} of the {item}?"


def _term(text: str) -> tuple[str, str | None]:
    """A side of an operation: a literal number, or a sub-question."""
    t = text.strip().rstrip("?.")
    if _is_number(t):
        return t.replace("$", "").replace(",", "").rstrip("%"), None
    return "", _question(t)


def parse_composite(text: str) -> Composite | None:
    """Recognise an arithmetic frame over knowledge-base facts, or None."""
    q = " ".join(text.strip().split())
    for parser in (_percent_of, _factor_of, _discount, _each_of, _how_much_n, _together, _comparative, _aggregate,
                   _binary):
        found = parser(q)
        if found is not None:
            return found
    return None


def _percent_of(q: str) -> Composite | None:
    m = re.match(
        rf"(?i)^(?:what is|what's|calculate|compute|how much is)\s+({_NUM})\s*(?:%|percent)\s+of\s+(.+?)\??$",
        q,
    )
    if not m or _is_number(m.group(2)):
        return None
    return Composite(f"{m.group(1)}% * {{0}}", (_question(m.group(2)),), "percent-of")


def _factor_of(q: str) -> Composite | None:
    keys = "|".join(sorted(map(re.escape, _FACTORS), key=len, reverse=True))
    m = re.match(rf"(?i)^(?:what is|what's|calculate|how much is)\s+({keys})\s+(.+?)\??$", q)
    if not m or _is_number(m.group(2)):
        return None
    return Composite(f"{_FACTORS[m.group(1).lower()]} * {{0}}", (_question(m.group(2)),), "factor")


_GETS = r"(?:gets?|receives?|is given|are given|is paid|are paid|earns?|costs?|needs?|spends?|uses?)"


def _each_of(q: str) -> Composite | None:
    """"If each of the 14 engineers gets the laptop budget, what is the total?": a count times a KB fact.

    The count is read by the story reader's number tokens ("fourteen", "a dozen"); the fact is
    the noun phrase after the verb, asked as its own question.
    """
    m = re.match(rf"(?i)^(?:if\s+)?each\s+of\s+(?:the\s+|our\s+|these\s+)?(\S+(?:\s\S+)?)\s+(\w[\w\s-]*?)\s+"
                 rf"{_GETS}\s+(.+?),?\s+(?:what|how much)\s+(?:is|would be|will be|does that come to|do they cost)"
                 rf"(?:\s+(?:the|that|it))?(?:\s+(?:in\s+)?total|\s+altogether)?(?:\s+cost)?\??$", q)
    if not m:
        m = re.match(rf"(?i)^(?:if\s+)?(\S+(?:\s\S+)?)\s+(\w[\w\s-]*?)\s+each\s+{_GETS.replace('s?', '')}\s+(.+?),?\s+"
                     rf"(?:what|how much)\s+(?:is|would be|will be)(?:\s+the)?\s+total(?:\s+cost)?\??$", q)
    if not m:
        return None
    count = _story_count(m.group(1), m.group(2))
    fact = m.group(3).strip()
    if count is None or _has_number(fact):
        return None  # "each of the 3 teams gets 5 laptops" is a word problem, not a lookup
    return Composite(f"{count} * {{0}}", (_question(fact),), "each-of")


def _has_number(text: str) -> bool:
    from reasoner.errors import ParseError
    from reasoner.solvers.math.story.words import tokenize

    try:
        return any(t.is_num for t in tokenize(text))
    except ParseError:
        return True


def _story_count(number: str, noun: str) -> str | None:
    """ "14" / "fourteen" / "two dozen" before a plural noun, as digits (the story reader's numbers)."""
    from reasoner.errors import ParseError
    from reasoner.solvers.math.story.words import tokenize

    try:
        toks = tokenize(f"{number} {noun}")
    except ParseError:
        return None
    if not toks or not toks[0].is_num or toks[0].value.denominator != 1 or any(t.is_num for t in toks[1:]):
        return None
    return str(toks[0].value.numerator)


def _how_much_n(q: str) -> Composite | None:
    m = re.match(
        rf"(?i)^how much (?:do|does|would|will)\s+({_NUM}|[a-z]+)\s+(.+?)\s+(cost|weigh)(?: in total| together| altogether| at [\w ]+)?\??$",
        q,
    )
    if not m:
        return None
    n = _count(m.group(1))
    if n is None:
        return None
    measure = "list price" if m.group(3).lower() == "cost" else "weight"
    return Composite(f"{n} * {{0}}", (_unit_question(m.group(2), measure),), "n-items")


# Comparatives and the measure they compare ("heavier" compares weight).
_COMPARATIVES = {"heavier": "weight", "lighter": "weight", "more expensive": "list price", "pricier": "list price",
                 "cheaper": "list price", "older": "age", "longer": "length", "taller": "height"}
_SMALLER = {"lighter", "cheaper"}


def _discount(q: str) -> Composite | None:
    """"What does a K-9 cost after the 15% education discount?", "With the 40% discount, how much is a K-9?"."""
    m = re.match(rf"(?i)^(?:what|how much) (?:does|do|would|will|is)\s+(?:an?\s+|the\s+)?(.+?)\s+cost\s+"
                 rf"(?:after|with)\s+(?:the\s+|an?\s+)?({_NUM})\s*%\s*(?:[\w-]+\s+)*?discount\??$", q)
    if m:
        item, pct = m.group(1), m.group(2)
    elif m := re.match(rf"(?i)^what is (?:the\s+)?(.+?)(?:'s)? (?:list )?(?:price|cost) (?:after|with)\s+"
                       rf"(?:the\s+|an?\s+)?({_NUM})\s*%\s*(?:[\w-]+\s+)*?discount\??$", q):
        item, pct = m.group(1), m.group(2)
    else:
        m = re.match(rf"(?i)^with\s+(?:the\s+|an?\s+)?({_NUM})\s*%\s*(?:[\w-]+\s+)*?discount,?\s+"
                     r"how much (?:would|will|do|does) (?:i|we|you) pay for\s+(?:an?\s+|the\s+)?(.+?)\??$", q)
        if not m:
            return None
        pct, item = m.group(1), m.group(2)
    return Composite(f"(1 - {pct}%) * {{0}}", (_unit_question(item, "list price"),), "discount")


def _together(q: str) -> Composite | None:
    """"What do a K-7 and a DockStation D2 cost together?"."""
    m = re.match(r"(?i)^(?:what|how much) (?:do|does|would) (?:an?\s+|the\s+)?(.+?) and (?:an?\s+|the\s+)?(.+?)\s+"
                 r"(cost|weigh)(?: together| in total| combined| altogether)\??$", q)
    if not m:
        return None
    measure = "list price" if m.group(3).lower() == "cost" else "weight"
    return Composite("{0} + {1}", (_unit_question(m.group(1), measure), _unit_question(m.group(2), measure)),
                     "together")


def _comparative(q: str) -> Composite | None:
    """"How much heavier is the K-9 than the K-7?", "How many more hours of battery life does A have than B?"."""
    keys = "|".join(map(re.escape, _COMPARATIVES))
    m = re.match(rf"(?i)^how much ({keys}) (?:is|are) (?:the\s+)?(.+?) than (?:the\s+)?(.+?)(?: in [\w ]+)?\??$", q)
    if m:
        word, a, b = m.group(1).lower(), m.group(2), m.group(3)
        measure = _COMPARATIVES[word]
    else:
        m = re.match(r"(?i)^how (?:much|many) (more|fewer|less) (.+?) (?:does|do|is|are) (?:the\s+)?(.+?) "
                     r"(?:have|has|get|cost|weigh|last)?\s*than (?:the\s+)?(.+?)\??$", q)
        if not m:
            return None
        word, measure, a, b = m.group(1).lower(), m.group(2), m.group(3), m.group(4)
        measure = re.sub(r"(?i)^(hours|days|minutes|kg|kilograms|dollars) of ", "", measure)
    template = "{1} - {0}" if word in _SMALLER or word in ("fewer", "less") else "{0} - {1}"
    return Composite(template, (_unit_question(a, measure), _unit_question(b, measure)), "comparative")


def _aggregate(q: str) -> Composite | None:
    m = re.match(
        r"(?i)^(?:what is|what's|calculate)\s+the\s+(sum|total|combined|difference|ratio|product)\s+"
        r"(?:of\s+)?(?:the\s+)?(.+?)\s+(?:of|for)\s+(?:the\s+)?(.+?)\s+and\s+(?:the\s+)?(.+?)\??$",
        q,
    )
    if not m:
        return None
    op = _AGG[m.group(1).lower()]
    measure, a, b = m.group(2), m.group(3), m.group(4)
    return Composite(
        f"{{0}} {op} {{1}}", (_unit_question(a, measure), _unit_question(b, measure)), "aggregate"
    )


def _binary(q: str) -> Composite | None:
    ops = "|".join(k for k in _OPS if k != "and")
    m = re.match(rf"(?i)^(?:what is|what's|calculate)\s+(.+?)\s+({ops})\s+(.+?)\??$", q)
    if not m:
        return None
    (lv, lq), (rv, rq) = _term(m.group(1)), _term(m.group(3))
    if lq is None and rq is None:
        return None  # plain arithmetic: the math solver's job
    parts = tuple(p for p in (lq, rq) if p)
    left = lv or "{0}"
    right = rv or ("{1}" if lq else "{0}")
    return Composite(f"({left}) {_OPS[m.group(2).lower()]} ({right})", parts, "binary")


def fill(template: str, values: list[str]) -> str:
    """Put the sub-answers (plain numbers) into the template."""
    clean = [v.replace("$", "").replace(",", "").strip() for v in values]
    return template.format(*clean)
