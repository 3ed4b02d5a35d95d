"""Slots of a question: expressions with word operators, lists, options, amounts, times.

:func:`phrase` understands word operators ("7 divided by 8", "15% of 240",
"square root of 144") on top of the expression grammar. Every pattern is
anchored and built from lazy slots separated by literal words, so matching is at
worst quadratic in the (bounded) slot length.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reasoner.errors import ParseError, UnsafeInputError
from reasoner.solvers.math.parser import parse
from reasoner.solvers.math.tree import Bin, Call, Neg, Num, Post
from reasoner.solvers.math.units import unit
from reasoner.solvers.math.words import fraction_words, number_word, ordinal, split_list, split_options

MAX_QUESTION_CHARS = 2000
MAX_WORD_DEPTH = 12


def anchored(pattern: str) -> re.Pattern:
    return re.compile("^" + pattern + "$", re.I)


class Slots:
    """The slots of a match, in another order (see :func:`reordered`)."""

    def __init__(self, groups) -> None:
        self._g = tuple(groups)

    def groups(self) -> tuple:
        return self._g


def reordered(handler: Callable, order: tuple[int, ...]) -> Callable:
    """A rule handler for a frame that names the same slots in another order: slot i of the
    handler is group ``order[i]`` of the match ("how many U in X" is "X in U")."""

    def handle(m, funcs, opts, verb):
        g = m.groups()
        return handler(Slots(g[i] for i in order), funcs, opts, verb)

    return handle


# ---------------------------------------------------------------- slots


def _binop(op: str) -> Callable:
    return lambda a, b: Bin(op, a, b)


_WORD_BINOPS = {
    "plus": "+",
    "minus": "-",
    "take away": "-",
    "less": "-",
    "divided by": "/",
    "over": "/",
    "times": "*",
    "multiplied by": "*",
    "multiplied with": "*",
}


# "the square root of 144 plus 1": the root of 145, or the root of 144, plus 1? Both readings are
# English, so an operator word after "root of" makes the phrase unclear (written math is not).
_WORD_OPERATOR = re.compile(r"\b(?:plus|minus|times|divided by|multiplied by|over|take away|less|added to)\b", re.I)
_ROOT_OF = anchored(r"(?:the )?(?:positive )?\w+(?:-\w+)? root of (.+)")


def _distance(a: object, b: object) -> object:
    return Call("abs", (Bin("-", a, b),))


# The verbs of arithmetic in their imperative, gerund and participle forms: "add", "adding",
# "added"; people name an operation by whichever form their sentence needs.
_ADD = r"(?:add|adding|sum|summing|total|totalling|totaling)"
_SUBTRACT = r"(?:subtract|subtracting|deduct|deducting|take away|taking away|take|taking|remove|removing)"
_MULTIPLY = r"(?:multiply|multiplying)"
_DIVIDE = r"(?:divide|dividing)"
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|gets|get|got|be|been) (?=(?:divided|multiplied|raised|added|subtracted|taken away|taken|"
    r"deducted|squared|cubed|increased|decreased)\b)",
    re.I,
)

# Every word the arithmetic phrasings and the question frames use: in another base these
# stay words ("add" is also a number in base 14).
ARITHMETIC_WORDS = frozenset(
    "add adding added sum summing total totalling totaling subtract subtracting subtracted deduct deducting "
    "deducted take taking taken away remove removing removed multiply multiplying multiplied divide dividing "
    "divided by from to and of the plus minus times over less than more result value answer what whats is "
    "are get do does you we if when calculate compute evaluate work out find give tell me please put "
    "together difference between numbers number both with in base working come comes up".split()
)

_MORE = r"greater|bigger|larger|more|higher"
_LESS = r"smaller|less|lower"
_WORD_OPS: list[tuple[re.Pattern, Callable]] = [
    (
        anchored(
            r"(?:the )?(?:result|outcome|answer|value|total|output|sum|product|difference|quotient) "
            r"(?:of|from|for|when|if|after|you get (?:when|if|from)) (?:you |we |i )?(.+)"
        ),
        lambda a: a,
    ),
    (
        anchored(
            r"(?:the )?(?:surd |radical |algebraic |polynomial |following |given |rational )?"
            r"(?:number|integer|value|expression|fraction|quantity|decimal|polynomial|surd|product|composition|"
            r"composite|sum)(?: expression)?:? (.+)"
        ),
        lambda a: a,
    ),
    (anchored(r"(.+?) ?(?:%|percent|per cent) of (.+)"), lambda a, b: Bin("*", Post("%", a), b)),
    (anchored(r"(?:the )?(?:positive )?square root of (.+)"), lambda a: Call("sqrt", (a,))),
    (anchored(r"(?:the )?cube root of (.+)"), lambda a: Call("root", (a, Num("3")))),
    (anchored(r"(?:the )?(?:sum|total) of (.+?) and (.+)"), _binop("+")),
    (anchored(r"(?:the )?product of (.+?) and (.+)"), _binop("*")),
    (anchored(r"(?:the )?quotient of (.+?) (?:and|by|divided by|over) (.+)"), _binop("/")),
    (anchored(r"(?:the )?quotient (?:when|if) (.+?) (?:is )?divided by (.+)"), _binop("/")),
    (anchored(r"(?:the )?(?:difference|distance|gap|separation) (?:between|of) (.+?) and (.+)"), _distance),
    (anchored(r"how far (?:apart )?(?:are|is) (.+?) (?:and|from) (.+?)(?: apart)?"), _distance),
    # a comparison asked as an amount: "How much bigger is A than B?", "By how much does A exceed B?"
    (anchored(rf"(?:by )?how much (?:{_MORE}) is (.+?) than (.+?)"), _binop("-")),
    (anchored(rf"(?:by )?how much (?:{_LESS}) is (.+?) than (.+?)"), lambda a, b: Bin("-", b, a)),
    (anchored(rf"by how much is (.+?) (?:{_MORE}) than (.+?)"), _binop("-")),
    (anchored(rf"by how much is (.+?) (?:{_LESS}) than (.+?)"), lambda a, b: Bin("-", b, a)),
    (anchored(r"(?:by )?how much (?:does|do) (.+?) exceed (.+?)(?: by)?"), _binop("-")),
    (
        anchored(rf"(?:{_ADD}|put)(?: together| up)? (.+?) (?:and|to|plus|with) (.+?)(?: together)?"),
        _binop("+"),
    ),
    (anchored(r"(.+?) added to (.+)"), lambda a, b: Bin("+", b, a)),
    # "Add up 39 + -16 + 5": a sum written out, to add up
    (anchored(rf"{_ADD}(?: up| together)? (.+)"), lambda a: _written_sum(a)),
    (anchored(r"(.+?) and (.+?) (?:added together|added up|summed|combined|put together)"), _binop("+")),
    (anchored(r"(.+?) and (.+?) multiplied(?: together)?"), _binop("*")),
    (anchored(r"times (.+?) by (.+)"), _binop("*")),
    (anchored(rf"{_SUBTRACT} (.+?) (?:from|off) (.+)"), lambda a, b: Bin("-", b, a)),
    (anchored(r"(?:take|taking) (.+?) away from (.+)"), lambda a, b: Bin("-", b, a)),
    (
        anchored(r"(.+?) (?:subtracted|taken away|taken|deducted|removed) from (.+)"),
        lambda a, b: Bin("-", b, a),
    ),
    (anchored(rf"{_MULTIPLY} (?:together )?(.+?) (?:and|by|with|times) (.+?)(?: together)?"), _binop("*")),
    (anchored(rf"{_DIVIDE} (.+?) by (.+)"), _binop("/")),
    # Lowest precedence first, splitting at the last operator word (left-associative).
    (
        anchored(r"(.+) (plus|minus|take away|less) (.+?)"),
        lambda a, op, b: Bin(_WORD_BINOPS[op.lower()], a, b),
    ),
    (anchored(r"(.+?) less than (.+)"), lambda a, b: Bin("-", b, a)),
    (anchored(r"(.+?) more than (.+)"), lambda a, b: Bin("+", b, a)),
    (
        anchored(r"(.+) (divided by|over|times|multiplied by|multiplied with) (.+?)"),
        lambda a, op, b: Bin(_WORD_BINOPS[op.lower()], a, b),
    ),
    (anchored(r"(.+?) (?:to the power of|to the power|raised to(?: the power(?: of)?)?) (.+)"), _binop("^")),
    (anchored(r"(?:raise|take) (.+?) to (?:the )?(?:power (?:of )?)?(.+?)(?: power)?"), _binop("^")),
    (anchored(r"(.+?) (?:to|raised to) the (.+?) power"), _binop("^")),
    (anchored(r"(.+?) squared"), lambda a: Bin("^", a, Num("2"))),
    (anchored(r"(.+?) halved"), lambda a: Bin("/", a, Num("2"))),
    (anchored(r"(.+?) doubled"), lambda a: Bin("*", Num("2"), a)),
    (anchored(r"(.+?) (?:tripled|trebled)"), lambda a: Bin("*", Num("3"), a)),
    (anchored(r"(.+?) cubed"), lambda a: Bin("^", a, Num("3"))),
    (anchored(r"(.+?) factorial"), lambda a: Post("!", a)),
    (anchored(r"(.+?) choose (.+)"), lambda a, b: Call("binomial", (a, b))),
    (anchored(r"(?:the )?square of (.+)"), lambda a: Bin("^", a, Num("2"))),
    (anchored(r"(?:the )?cube of (.+)"), lambda a: Bin("^", a, Num("3"))),
    (anchored(r"(?:the )?reciprocal of (.+)"), lambda a: Bin("/", Num("1"), a)),
    (anchored(r"(?:the )?(?:absolute value|magnitude|modulus) of (.+)"), lambda a: Call("abs", (a,))),
    (anchored(r"(?:the )?natural log(?:arithm)? of (.+)"), lambda a: Call("log", (a,))),
    (
        anchored(r"(?:the )?log(?:arithm)? (?:base |to base |to the base )?(\d{1,3}) of (.+)"),
        lambda b, a: Call("log", (a, b)),
    ),
    (anchored(r"(.+?) ?(?:%|percent) off (.+)"), lambda a, b: Bin("-", b, Bin("*", Post("%", a), b))),
    (anchored(r"increase (.+?) by (.+)"), lambda a, b: _change(a, b, "+")),
    (anchored(r"decrease (.+?) by (.+)"), lambda a, b: _change(a, b, "-")),
    (anchored(r"(?:twice|double) (.+)"), lambda a: Bin("*", Num("2"), a)),
    (anchored(r"(?:triple|thrice) (.+)"), lambda a: Bin("*", Num("3"), a)),
    (anchored(r"half of (.+)"), lambda a: Bin("/", a, Num("2"))),
    (anchored(r"(?:the )?negative of (.+)"), lambda a: Neg(a)),
    (anchored(r"(?:negative|minus) (.+)"), lambda a: Neg(a)),
    (anchored(r"(.+?) of (.+)"), lambda a, b: _part_of(a, b)),
]


def _written_sum(a: object) -> object:
    """What "add up" takes whole: a sum or difference already written with its operators."""
    if not (isinstance(a, Bin) and a.op in ("+", "-")):
        raise ParseError("add up what? (one number or product alone is no sum)")
    return a


def _part_of(a: object, b: object) -> object:
    """ "three quarters of 12", "1/4 of x", "0.5 of 8": a part of a whole. A whole number
    before "of" is not a part ("32 of m" is not 32*m)."""
    if isinstance(a, Num) and "." not in a.text:
        raise ParseError(f"{a.text} of ... is not a fraction of something")
    return Bin("*", a, b)


_NTH_POWER = anchored(r"(.+?) (?:to|raised to) the (\w+(?:-\w+)?) power")


def _change(a: object, b: object, op: str) -> object:
    """ "increase a by b": by b percent of a when b is a percentage, else by b."""
    return Bin(op, a, Bin("*", b, a) if isinstance(b, Post) and b.op == "%" else b)


_NTH_ROOT = anchored(r"(?:the )?(\w+(?:-\w+)?) root of (.+)")


def phrase(text: str, funcs: frozenset[str] = frozenset(), depth: int = 0) -> object:
    """Parse a slot: an expression, possibly with word operators, into a tree.

    Raises:
        ParseError: when the slot is not an expression.
    """
    text = text.strip().rstrip("?.").strip()
    if len(text) > MAX_QUESTION_CHARS:
        raise UnsafeInputError("slot too long")
    try:
        return parse(text, funcs)
    except UnsafeInputError:
        raise
    except ParseError as first:
        if depth > MAX_WORD_DEPTH:
            raise UnsafeInputError(f"more than {MAX_WORD_DEPTH} operators in words") from first
        node = _word_phrase(text, funcs, depth + 1)
        if node is None:
            raise first
        return node


_LIST_OP = anchored(r"(?:the )?(sum|total|product|average|mean|arithmetic mean) of (.+)")


# "Add up 12, 10 and 20", "Multiply 2, 3 and 7 together": the verb names the operation on a list.
_LIST_VERB = anchored(r"(add|sum|total|multiply)(?: up| together)? (.+?)(?: together)?")
_LIST_VERB_NOUN = {"add": "sum", "sum": "sum", "total": "sum", "multiply": "product"}


def _list_phrase(text: str, funcs: frozenset[str], depth: int) -> object | None:
    verb = _LIST_VERB.match(text)
    if verb:
        text = f"the {_LIST_VERB_NOUN[verb.group(1).lower()]} of {verb.group(2)}"
    m = _LIST_OP.match(text)
    if not m:
        return None
    try:
        items = [phrase(t, funcs, depth) for t in split_list(m.group(2))]
    except ParseError:
        return None
    if len(items) < 2:
        return None
    op = "*" if m.group(1).lower() == "product" else "+"
    node = items[0]
    for item in items[1:]:
        node = Bin(op, node, item)
    if m.group(1).lower() in ("average", "mean", "arithmetic mean"):
        node = Bin("/", node, Num(str(len(items))))
    return node


_APPLIED = anchored(r"([a-z])(?: evaluated)? (?:at|of|for) (?:[a-z] ?= ?)?(.+)")
# "plug 43 into p", "put 3 in f": a defined function applied to the value
_PLUGGED = anchored(r"(?:plug|substitute|put|input|feed|insert|sub|enter) (.+?) (?:into|in|to) ([a-z])")


# "8349624 when divided by -8", "5, once squared": the operand, then the operation done to it.
_WHEN_DONE = re.compile(
    r",? (?:when|if|once|after) (?:it is |it's |it gets |being |it has been )?(?=(?:divided|multiplied|raised|added|"
    r"subtracted|squared|cubed|increased|decreased)\b)",
    re.I,
)


# The operation as an imperative verb: "Halve 1416576", "Square -13", "Cube 7". Its object must be
# one expression: in "Square 5 plus 3" the verb's reach (5, or 5 plus 3?) is unclear.
_VERB_OP = anchored(r"(halve|square|cube) (?!root\b|roots\b|of\b)(.+)")
_VERB_OPS = {"halve": ("/", "2"), "square": ("^", "2"), "cube": ("^", "3")}


def _verb_op(text: str, funcs: frozenset[str]) -> object | None:
    m = _VERB_OP.match(text)
    if not m:
        return None
    op, n = _VERB_OPS[m.group(1).lower()]
    try:
        return Bin(op, parse(m.group(2), funcs), Num(n))
    except ParseError:
        raise ParseError(f"what does {m.group(1)!r} apply to in {m.group(2)[:40]!r}?") from None


def _word_phrase(text: str, funcs: frozenset[str], depth: int = 1) -> object | None:
    node = _verb_op(text, funcs)
    if node is not None:
        return node
    m = _ROOT_OF.match(text)
    if m and _WORD_OPERATOR.search(m.group(1)):
        raise ParseError(f"where does the root end in {text[:60]!r}?")
    text = _PASSIVE.sub("", _WHEN_DONE.sub(" ", text))
    m = _APPLIED.match(text)
    if m and m.group(1) in funcs:  # "f at 3", "f of 3", "f evaluated at x = 3": f(3)
        try:
            return Call(m.group(1), (phrase(m.group(2), funcs, depth),))
        except ParseError:
            pass
    m = _PLUGGED.match(text)
    if m and m.group(2) in funcs:
        try:
            return Call(m.group(2), (phrase(m.group(1), funcs, depth),))
        except ParseError:
            pass
    node = _list_phrase(text, funcs, depth)
    if node is not None:
        return node
    m = _NTH_POWER.match(text)
    if m:
        try:
            return Bin("^", phrase(m.group(1), funcs, depth), Num(str(ordinal(m.group(2)))))
        except ParseError:
            pass
    m = _NTH_ROOT.match(text)
    if m:
        try:
            n = ordinal(m.group(1))
        except ParseError:
            n = None
        if n:
            return Call("root", (phrase(m.group(2), funcs, depth), Num(str(n))))
    for pattern, build in _WORD_OPS:
        m = pattern.match(text)
        if not m:
            continue
        try:
            return build(*(g if g.lower() in _WORD_BINOPS else phrase(g, funcs, depth) for g in m.groups()))
        except ParseError:
            continue
    return _number_words(text)


_SINGLE_FRACTIONS = {
    "half": "one half",
    "a half": "one half",
    "quarter": "one quarter",
    "a quarter": "one quarter",
}


def _number_words(text: str) -> object | None:
    neg = text.lower().startswith(("minus ", "negative "))
    body = text.split(" ", 1)[1] if neg else text
    try:
        node = Num(str(number_word(body)))
    except ParseError:
        try:
            q = fraction_words(_SINGLE_FRACTIONS.get(body.lower(), body))
        except ParseError:
            return None
        node = Bin("/", Num(str(q.numerator)), Num(str(q.denominator)))
    return Neg(node) if neg else node


def items_of(text: str, funcs: frozenset[str]) -> tuple[tuple[str, object], ...]:
    """``"2, x, -1/4"`` -> ((label, tree), ...), labels being the item text."""
    return tuple((item, phrase(item, funcs)) for item in split_list(text))


def options_of(text: str, funcs: frozenset[str]) -> tuple[tuple[str, object], ...]:
    return tuple((label, phrase(value, funcs)) for label, value in split_options(text))


_AMOUNT_OF = anchored(r"(.+?) of an? (\w+)")
_AMOUNT_UNIT = anchored(r"(.+?) ?([a-z]+)")


def amount(text: str, funcs: frozenset[str] = frozenset()) -> tuple[object, str]:
    """``"7/5 of a litre"`` or ``"149047.4cm"`` -> (tree of the number, canonical unit)."""
    text = re.sub(r"\s*(?:degrees?|\u00b0)\s*", " ", text.strip()).strip()
    for pattern in (_AMOUNT_OF, _AMOUNT_UNIT):
        m = pattern.match(text)
        if m and unit(m.group(2)):
            count = m.group(1).strip().lower()
            return (Num("1") if count in ("a", "an", "one", "per") else phrase(count, funcs)), unit(
                m.group(2)
            )
    raise ParseError(f"not an amount with a unit: {text[:60]!r}")


# ---------------------------------------------------------------- precision, places, clock times

_PLACES = anchored(
    r"(\w+(?:-\w+)?) (?:decimal places?|places?|decimal digits?|dps?|d\.p\.?|places? after the (?:decimal )?point|"
    r"digits? after the (?:decimal )?point)"
)
_SIG = anchored(r"(\w+(?:-\w+)?) (?:significant figures?|significant digits?|sig\.? figs?|s\.?f\.?)")
_NEAREST = anchored(r"(?:(?:the|a|an) )?(?:(?:nearest|closest) )?(.+)")
_PLACE_NAMED = anchored(r"(?:the )?(?:nearest )?(\w+(?: \w+)?) (?:place|position|column)")
_FRACTIONAL_PLACES = {
    "tenths": 1,
    "tenth": 1,
    "hundredths": 2,
    "hundredth": 2,
    "thousandths": 3,
    "thousandth": 3,
}
_FRACTIONAL = {"tenth": 1, "hundredth": 2, "thousandth": 3}
_WHOLE = ("integer", "whole number", "unit", "one", "whole", "natural number")


def precision(text: str) -> dict:
    """``"2 decimal places"`` -> {"places": 2}; ``"the nearest 100"`` -> {"nearest": 100};
    ``"a whole number"`` -> {"nearest": 1}."""
    text = text.strip()
    m = _PLACES.match(text)
    if m:
        return {"places": number_word(m.group(1))}
    m = _SIG.match(text)
    if m:
        return {"sig": number_word(m.group(1))}
    m = _PLACE_NAMED.match(text)
    if m:
        name = m.group(1).lower()
        if name in _FRACTIONAL_PLACES:
            return {"places": _FRACTIONAL_PLACES[name]}
        return {"nearest": 10 ** place_power(name)}
    near = text.lower().startswith(("the nearest", "nearest", "the closest", "closest"))
    m = _NEAREST.match(text)
    what = m.group(1).strip().lower() if m else ""
    if what in _WHOLE:
        return {"nearest": 1}
    if near and what in _FRACTIONAL:
        return {"places": _FRACTIONAL[what]}
    if near:
        return {"nearest": number_word(what)}
    raise ParseError(f"not a rounding precision: {text!r}")


_PLACE_BASE = {
    "unit": 0,
    "units": 0,
    "one": 0,
    "ones": 0,
    "ten": 1,
    "tens": 1,
    "hundred": 2,
    "hundreds": 2,
    "thousand": 3,
    "thousands": 3,
    "million": 6,
    "millions": 6,
    "billion": 9,
    "billions": 9,
    "trillion": 12,
    "trillions": 12,
}
_PLACE_PREFIX = {"": 0, "ten": 1, "hundred": 2}


_LAST_DIGIT = {"last", "final", "rightmost", "end"}


def place_power(name: str) -> int:
    """``"hundred thousands"`` -> 5, ``"units"`` -> 0, ``"ten billions"`` -> 10; the "last" digit is the units."""
    if name.strip().lower() in _LAST_DIGIT:
        return 0
    words = name.lower().split()
    if not 1 <= len(words) <= 2 or words[-1] not in _PLACE_BASE:
        raise ParseError(f"unknown place value {name!r}")
    prefix = words[0] if len(words) == 2 else ""
    if prefix not in _PLACE_PREFIX or (prefix and _PLACE_BASE[words[-1]] < 3):
        raise ParseError(f"unknown place value {name!r}")
    return _PLACE_BASE[words[-1]] + _PLACE_PREFIX[prefix]


_CLOCK = anchored(r"(\d{1,2})(?::(\d{2}))? ?([ap]\.?m\.?)?")


def clock(text: str) -> int:
    """``"10:12 PM"`` -> minutes after midnight (622 + 720)."""
    m = _CLOCK.match(text.strip())
    if not m:
        raise ParseError(f"not a time of day: {text!r}")
    h, mins, ampm = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").replace(".", "").lower()
    if mins > 59 or h > 23 or (ampm and not 1 <= h <= 12):
        raise ParseError(f"not a time of day: {text!r}")
    if ampm:
        h = h % 12 + (12 if ampm == "pm" else 0)
    return h * 60 + mins
