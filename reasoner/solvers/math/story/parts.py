"""Two parts of one whole, and consecutive numbers: the unknowns told only by relations between them.

- Two parts: "A 6 ft board is cut into two pieces, one twice as long as the other. How long are the pieces?",
  "The sum of two numbers is 52. If one of the numbers is 10 more than the other, find the numbers." Two of
  the three relations English states for a pair, each once: their whole (a sum, a total, the piece cut), their
  difference ("one is 2 ft longer than the other", "the difference of two numbers is 70"), or a factor ("one
  twice as long as the other", "the larger number is 6 times the smaller"). The question asks both parts, or
  the smaller or the larger one.
- Consecutive numbers: "The sum of three consecutive odd numbers is 123. What is the smallest of the three
  numbers?": n, n + 2, n + 4 (odd or even numbers step by two), asked all, the smallest or the largest.

- Two named parts: "In a room containing 45 students there were twice as many girls as boys. How many of each
  were there?": their whole and one relation ("N times as much as", "costs $N more than"), both asked.

Every number of the text must be one of the relations' (the count "two" or "three" included).
"""

from __future__ import annotations

import re
from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.parser import Relation
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, solved
from reasoner.solvers.math.story.words import Tok
from reasoner.solvers.math.tree import Bin, Name

_N = r"<n:([0-9/]+)>"
_UNIT = r"(?: (?:ft|feet|foot|inch|inches|cm|centimeters|meters|m|yards|miles|km|pounds|kg|dollars|years|units))?"
_PAIR = r"(?:numbers|integers|pieces|parts)"
_MORE = r"(?:more|longer|larger|greater|bigger|heavier|older)"
_LESS = r"(?:less|shorter|smaller|fewer|lighter|younger)"
_AS = r"(?:as (?:long|large|big|heavy|much|many|old) as |longer than |larger than |the )?"
_TIMES = r"(twice|thrice|half|" + _N + r" times)"
_ONE = r"\bone(?: (?:of the )?(?:piece|number|part|numbers|pieces|parts))?(?: is)? "
_WHOLE = [
    r"\bsum of (?:the |their )?(?:<n:2> )?" + _PAIR + r" is (?:equal to )?" + _N,
    r"\btotal (?:length |weight |number |cost )?(?:of (?:the |these )?(?:<n:2> )?\w+ )?is " + _N,
    r"\bcuts? (?:a |an )?" + _N + _UNIT + r" (?:long )?(?:piece of )?\w+(?: \w+)? into <n:2> pieces",
    r"\b(?:a |an )" + _N + _UNIT + r" (?:long )?\w+ (?:is|was) cut into <n:2> pieces",
]
_DIFFERENCE = [
    r"\bdifference (?:of|between) (?:the )?(?:<n:2> )?numbers is " + _N,
    _ONE + _N + _UNIT + r" (" + _MORE + "|" + _LESS + r") than the other",
]
_FACTOR = [
    _ONE + _TIMES + r" " + _AS + r"(?:the )?other",
    r"\b(?:the )?(larger|greater|bigger) (?:number )?is " + _TIMES + r" (?:the )?smaller",
]
_BOTH = re.compile(r"\b(find (?:the |both )?(?:<n:2> )?(?:numbers|integers|them)|how (?:long|large|big|heavy) are the "
                   r"(?:<n:2> )?pieces|what are the (?:<n:2> )?(?:numbers|pieces))\b")
_SMALL = re.compile(r"\b(shorter|smaller|smallest|lesser|shortest)\b")
_LARGE = re.compile(r"\b(longer|larger|greater|bigger|largest|greatest|longest)\b")
_MULTIPLIER = {"twice": Fraction(2), "thrice": Fraction(3), "half": Fraction(1, 2)}


def _line(toks: list[Tok]) -> tuple[str, int]:
    """The text with each number as "<n:value>", and how many numbers it has."""
    out = []
    for t in toks:
        if t.low == "one":
            out.append("one")  # "one is 2 ft longer than the other": a pronoun, not an amount
        elif t.is_num and t.low not in _MULTIPLIER:
            v = t.value
            out.append(f"<n:{v.numerator}>" if v.denominator == 1 else f"<n:{v.numerator}/{v.denominator}>")
        elif t.text[:1].isalnum():
            out.append(t.low)
    line = " ".join(out)
    restated = len(re.findall(r"<n:[23]> (?:consecutive )?(?:(?:odd|even) )?(?:numbers|integers|pieces)", line)) - 1
    return line, sum(1 for t in toks if t.is_num and t.low not in _MULTIPLIER and t.low != "one") - max(0, restated)


def _find(patterns: list[str], line: str) -> list[re.Match]:
    return [m for p in patterns for m in re.finditer(p, line)]


def _counted(matches: list[re.Match]) -> int:
    return sum(m.group(0).count("<n:") for m in matches)


def _pair(line: str, total_numbers: int, question: str) -> KindAnswer | None:
    whole, diff, factor = _find(_WHOLE, line), _find(_DIFFERENCE, line), _find(_FACTOR, line)
    if not (whole or diff or factor):
        return None
    if len(whole) + len(diff) + len(factor) != 2 or max(len(whole), len(diff), len(factor)) > 1:
        raise ParseError("a pair is told by other than two of its whole, difference and factor")
    if _counted(whole + diff + factor) != total_numbers:
        raise ParseError("a number is not one of the pair's relations")
    big, small = Name("x"), Name("x2")
    rules: list[Relation] = []
    if whole:
        rules.append(eq(Bin("+", big, small), linear.num(Fraction(whole[0].group(1)))))
    if diff:
        rules.append(eq(Bin("-", big, small), linear.num(Fraction(diff[0].group(1)))))
    if factor:
        m = factor[0]
        word = next(g for g in m.groups() if g and not g.isdigit() and g not in ("larger", "greater", "bigger"))
        k = _MULTIPLIER.get(word) or Fraction(re.search(_N, word).group(1))
        if k == 1:
            raise ParseError("a factor of one is no relation of a pair")
        rules.append(eq(big, Bin("*", linear.num(max(k, 1 / k)), small)))
    if _BOTH.search(question):
        asked = ("x", "x2")
    elif _SMALL.search(question) and not _LARGE.search(question):
        asked = ("x2",)
    elif _LARGE.search(question) and not _SMALL.search(question):
        asked = ("x",)
    else:
        raise ParseError("the question asks neither part of the pair")
    rules = _ask_first(rules, asked)
    return solved(rules, "two parts", asked=("x", "x2")[: len(asked)] if asked[0] == "x" else ("x",))


def _ask_first(rules: list[Relation], asked: tuple[str, ...]) -> list[Relation]:
    """Name the asked part x (the smaller one asked alone swaps the names)."""
    if asked != ("x2",):
        return rules
    swap = {"x": "x2", "x2": "x"}

    def go(node: object) -> object:
        if isinstance(node, Name):
            return Name(swap.get(node.id, node.id))
        if isinstance(node, Bin):
            return Bin(node.op, go(node.left), go(node.right))
        return node

    return [Relation(go(r.left), "=", go(r.right)) for r in rules]


_CONSECUTIVE = re.compile(r"\bsum of (?:the )?(?:<n:([23])> )?consecutive (?:(odd|even) )?(?:positive )?"
                          r"(?:whole )?(?:numbers|integers) is (?:equal to )?" + _N)


def _consecutive(line: str, total_numbers: int, question: str) -> KindAnswer | None:
    m = _CONSECUTIVE.search(line)
    if m is None:
        return None
    if not m.group(1) or total_numbers != 2 or "difference" in question:
        raise ParseError("consecutive numbers: their count and their sum, and nothing else")
    count, step, total = int(m.group(1)), 2 if m.group(2) else 1, Fraction(m.group(3))
    first = Name("n")
    terms = [Bin("+", first, linear.num(Fraction(step * i))) if i else first for i in range(count)]
    expr = terms[0]
    for t in terms[1:]:
        expr = Bin("+", expr, t)
    rules = [eq(expr, linear.num(total))]
    if re.search(r"\b(find|what are) (?:the |these )?(?:<n:[23]> )?(?:consecutive )?(?:(?:odd|even) )?"
                 r"(?:numbers|integers)\b", question):
        asked = ("x",) + tuple(f"x{i + 1}" for i in range(1, count))
        rules += [eq(Name(a), t) for a, t in zip(asked, terms, strict=True)]
    elif re.search(r"\b(smallest|least|first)\b", question) and not re.search(r"\b(largest|greatest)\b", question):
        asked, rules = ("x",), rules + [eq(X, terms[0])]
    elif re.search(r"\b(largest|greatest|biggest|last)\b", question):
        asked, rules = ("x",), rules + [eq(X, terms[-1])]
    else:
        raise ParseError("the question asks no one of the consecutive numbers")
    answer = solved(rules, "consecutive", asked=asked, whole=True)
    if m.group(2) and (answer.values["n"] % 2 == 1) != (m.group(2) == "odd"):
        raise ParseError("the numbers found are not odd or even as told")
    return answer


_NAMED_FACTOR = re.compile(r"(\btwice|\bthrice|\bhalf|<n:([0-9/]+)> times) as (?:much|many) (?:[a-z]+ )?as\b")
_NAMED_MORE = re.compile(r"\b(?:costs?|is|are|was|were|weighs?) (?:\$ )?<n:([0-9/]+)> (?:dollars )?more than\b")
_EACH = re.compile(r"\b(how (?:much|many) (?:did|does|do|of) each|how many of each|the cost of each|"
                   r"how much (?:did|does) each (?:\w+ )?(?:cost|furnish|get|weigh))\b")


def _named_pair(line: str, total_numbers: int, question: str) -> KindAnswer | None:
    """ "A bicycle and a helmet cost 240 dollars ... the bicycle cost 5 times as much as the helmet. How much did
    each cost?": two named parts, their whole, and one relation; both asked."""
    factor, more = _NAMED_FACTOR.search(line), _NAMED_MORE.search(line)
    if not (factor or more) or not _EACH.search(question):
        return None
    if bool(factor) == bool(more) or total_numbers != (1 if factor and not factor.group(2) else 2):
        raise ParseError("two named parts are told by other than their whole and one relation")
    used = factor.group(2) if factor else more.group(1)
    whole = [v for v in re.findall(_N, line) if v != used or line.count(f"<n:{v}>") > 1]
    if len(whole) != 1:
        raise ParseError("the whole of the two parts is not told")
    big, small = Name("x"), Name("x2")
    rules = [eq(Bin("+", big, small), linear.num(Fraction(whole[0])))]
    if factor:
        k = _MULTIPLIER.get(factor.group(1)) or Fraction(factor.group(2))
        if k == 1:
            raise ParseError("a factor of one is no relation of a pair")
        rules.append(eq(big, Bin("*", linear.num(max(k, 1 / k)), small)))
    else:
        rules.append(eq(Bin("-", big, small), linear.num(Fraction(more.group(1)))))
    return solved(rules, "two named parts", asked=("x", "x2"))


def read(toks: list[Tok]) -> KindAnswer | None:
    """Both parts of a pair or consecutive numbers, or None when the text tells neither.

    Raises:
        ParseError: a pair or consecutive numbers are told, and the relations or the question are not read.
    """
    line, total = _line(toks)
    last = max(t.sent for t in toks)
    question, _ = _line([t for t in toks if t.sent == last])
    for kind in (_consecutive, _pair, _named_pair):
        found = kind(line, total, question)
        if found is not None:
            return found
    return None
