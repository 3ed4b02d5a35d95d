"""Phrasings of the question sentence, matched to (kind, args).

Every pattern is anchored and built from lazy slots separated by literal words,
so matching is at worst quadratic in the (bounded) sentence length. Slots are
parsed by :func:`phrase`, which understands word operators ("7 divided by 8",
"15% of 240", "square root of 144") on top of the expression grammar.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reasoner.errors import ParseError, UnsafeInputError
from reasoner.solvers.math.parser import Relation, parse, parse_relation
from reasoner.solvers.math.tree import Bin, Call, Neg, Num, Post
from reasoner.solvers.math.units import unit
from reasoner.solvers.math.words import (
    fraction_words,
    number_word,
    ordinal,
    split_list,
    split_options,
    split_top,
)

MAX_QUESTION_CHARS = 2000
MAX_WORD_DEPTH = 12
Funcs = frozenset


def _r(pattern: str) -> re.Pattern:
    return re.compile("^" + pattern + "$", re.I)


# ---------------------------------------------------------------- slots


def _binop(op: str) -> Callable:
    return lambda a, b: Bin(op, a, b)


_WORD_OPS: list[tuple[re.Pattern, Callable]] = [
    (_r(r"(.+?) ?(?:%|percent|per cent) of (.+)"), lambda a, b: Bin("*", Post("%", a), b)),
    (_r(r"(?:the )?square root of (.+)"), lambda a: Call("sqrt", (a,))),
    (_r(r"(?:the )?cube root of (.+)"), lambda a: Call("root", (a, Num("3")))),
    (_r(r"(?:the )?sum of (.+?) and (.+)"), _binop("+")),
    (_r(r"(?:the )?product of (.+?) and (.+)"), _binop("*")),
    (_r(r"(?:the )?quotient of (.+?) and (.+)"), _binop("/")),
    (
        _r(r"(?:the )?(?:difference|distance) between (.+?) and (.+)"),
        lambda a, b: Call("abs", (Bin("-", a, b),)),
    ),
    (_r(r"how far apart are (.+?) and (.+)"), lambda a, b: Call("abs", (Bin("-", a, b),))),
    (_r(r"(?:add together|put together|total of|add|sum) (.+?) (?:and|to) (.+)"), _binop("+")),
    (_r(r"subtract (.+?) from (.+)"), lambda a, b: Bin("-", b, a)),
    (_r(r"(?:multiply) (.+?) (?:and|by) (.+)"), _binop("*")),
    (_r(r"divide (.+?) by (.+)"), _binop("/")),
    # Lowest precedence first, splitting at the last operator word (left-associative).
    (_r(r"(.+) plus (.+?)"), _binop("+")),
    (_r(r"(.+) (?:minus|take away) (.+?)"), _binop("-")),
    (_r(r"(.+?) less than (.+)"), lambda a, b: Bin("-", b, a)),
    (_r(r"(.+) divided by (.+?)"), _binop("/")),
    (_r(r"(.+) (?:times|multiplied by) (.+?)"), _binop("*")),
    (_r(r"(.+?) (?:to the power of|raised to(?: the power of)?) (.+)"), _binop("^")),
    (_r(r"(.+?) squared"), lambda a: Bin("^", a, Num("2"))),
    (_r(r"(.+?) cubed"), lambda a: Bin("^", a, Num("3"))),
    (_r(r"(.+?) factorial"), lambda a: Post("!", a)),
    (_r(r"(?:the )?square of (.+)"), lambda a: Bin("^", a, Num("2"))),
    (_r(r"(?:the )?cube of (.+)"), lambda a: Bin("^", a, Num("3"))),
    (_r(r"(?:the )?reciprocal of (.+)"), lambda a: Bin("/", Num("1"), a)),
    (_r(r"(?:the )?absolute value of (.+)"), lambda a: Call("abs", (a,))),
    (_r(r"(?:the )?natural log(?:arithm)? of (.+)"), lambda a: Call("log", (a,))),
    (
        _r(r"(?:the )?log(?:arithm)? (?:base |to base |to the base )?(\d{1,3}) of (.+)"),
        lambda b, a: Call("log", (a, b)),
    ),
    (_r(r"(.+?) ?(?:%|percent) off (.+)"), lambda a, b: Bin("-", b, Bin("*", Post("%", a), b))),
    (_r(r"increase (.+?) by (.+)"), lambda a, b: _change(a, b, "+")),
    (_r(r"decrease (.+?) by (.+)"), lambda a, b: _change(a, b, "-")),
    (_r(r"(.+?) of (.+)"), _binop("*")),
]
_NTH_POWER = _r(r"(.+?) (?:to|raised to) the (\w+(?:-\w+)?) power")


def _change(a: object, b: object, op: str) -> object:
    """ "increase a by b": by b percent of a when b is a percentage, else by b."""
    return Bin(op, a, Bin("*", b, a) if isinstance(b, Post) and b.op == "%" else b)


_NTH_ROOT = _r(r"(?:the )?(\w+(?:-\w+)?) root of (.+)")


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


_LIST_OP = _r(r"(?:the )?(sum|total|product|average|mean|arithmetic mean) of (.+)")


def _list_phrase(text: str, funcs: frozenset[str], depth: int) -> object | None:
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


def _word_phrase(text: str, funcs: frozenset[str], depth: int = 1) -> object | None:
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
            return build(*(phrase(g, funcs, depth) for g in m.groups()))
        except ParseError:
            continue
    return _number_words(text)


def _number_words(text: str) -> object | None:
    neg = text.startswith(("minus ", "negative "))
    body = text.split(" ", 1)[1] if neg else text
    try:
        node = Num(str(number_word(body)))
    except ParseError:
        try:
            q = fraction_words(body)
        except ParseError:
            return None
        node = Bin("/", Num(str(q.numerator)), Num(str(q.denominator)))
    return Neg(node) if neg else node


def items_of(text: str, funcs: frozenset[str]) -> tuple[tuple[str, object], ...]:
    """``"2, x, -1/4"`` -> ((label, tree), ...), labels being the item text."""
    return tuple((item, phrase(item, funcs)) for item in split_list(text))


def _options(text: str, funcs: frozenset[str]) -> tuple[tuple[str, object], ...]:
    return tuple((label, phrase(value, funcs)) for label, value in split_options(text))


_AMOUNT_OF = _r(r"(.+?) of an? (\w+)")
_AMOUNT_UNIT = _r(r"(.+?) ?([a-z]+)")


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


# ---------------------------------------------------------------- question rules

_LEAD = _r(
    r"(?:(?:so|then|and|ok|okay|now|please),? )?(?:(?:can you |could you |please )?"
    r"(what is|what's|whats|what are|what was|calculate|compute|evaluate|work out|find|give|"
    r"determine|tell me|how much is|simplify|get|return|show|what time is it|what time will it be|"
    r"what time was it)[:,]? )?"
    r"(?:the value of |the result of |the answer to |value of )?(.*)"
)


def question_rules(sentence: str, funcs: frozenset[str]) -> tuple[str, dict]:
    """Match the question sentence against the known phrasings.

    Returns:
        (kind, args) for :mod:`.tasks`.

    Raises:
        ParseError: when no phrasing matches with parseable slots.
    """
    head, opts = _split_options(sentence)
    m = _LEAD.match(head.strip())
    verb = (m.group(1) or "").lower()
    core = m.group(2).strip().rstrip("?.").strip()
    errors: list[str] = []
    for rules, text in ((_YES_NO, head.strip().rstrip("?.").strip()), (_RULES, core)):
        for pattern, handler in rules:
            m2 = pattern.match(text)
            if not m2:
                continue
            try:
                return handler(m2, funcs, opts, verb)
            except UnsafeInputError:
                raise
            except (ParseError, ValueError) as exc:
                errors.append(str(exc))
    return _fallback(core, funcs, verb, errors)


def _split_options(sentence: str) -> tuple[str, str]:
    m = re.search(r"[?:]\s+\(a\)\s", sentence)
    if not m:
        return sentence, ""
    return sentence[: m.start()], sentence[m.start() + 1 :]


def _fallback(core: str, funcs: frozenset[str], verb: str, errors: list[str]) -> tuple[str, dict]:
    try:
        node = parse_relation(core, funcs)
    except UnsafeInputError:
        raise
    except ParseError as exc:
        try:
            node = phrase(core, funcs)
        except ParseError:
            raise ParseError(errors[0] if errors else str(exc)) from exc
    if isinstance(node, Relation):
        if node.op == "=":
            return "solve", {"eqs": (node,), "var": None}
        return "compare", {"a": node.left, "op": node.op, "b": node.right}
    return "value", {"expr": node, "simplify": verb == "simplify"}


# Handlers take (match, funcs, options text, lead verb) and return (kind, args).


def _h_diff(m, funcs, _o, _v):
    order_word, body, wrt = m.groups()
    order = ordinal(order_word) if order_word else 1
    return "diff", {"expr": phrase(body, funcs), "var": wrt, "order": order}


def _h_d_dx(m, funcs, _o, _v):
    var, body = m.groups()
    return "diff", {"expr": phrase(body, funcs), "var": var, "order": 1}


def _h_lim(m, funcs, _o, _v):
    var, point, body = m.groups()
    return "limit", {"expr": phrase(body, funcs), "var": var, "point": phrase(point, funcs)}


def _h_differentiate(m, funcs, _o, _v):
    body, wrt = m.groups()
    return "diff", {"expr": phrase(body, funcs), "var": wrt, "order": 1}


def _h_integral(m, funcs, _o, _v):
    body, dvar, wrt, lo, hi = m.groups()
    args = {"expr": phrase(body, funcs), "var": wrt or dvar, "lo": None, "hi": None}
    if lo is not None:
        args["lo"], args["hi"] = phrase(lo, funcs), phrase(hi, funcs)
    return "integrate", args


def _h_limit(m, funcs, _o, _v):
    body, var, point = m.groups()
    return "limit", {"expr": phrase(body, funcs), "var": var, "point": phrase(point, funcs)}


_PLACES = _r(r"(\w+(?:-\w+)?) (?:decimal places?|dps?|d\.p\.?|places? after the decimal point)")
_SIG = _r(r"(\w+(?:-\w+)?) (?:significant figures?|significant digits?|sig\.? figs?|s\.?f\.?)")
_NEAREST = _r(r"(?:the )?nearest (.+)")
_FRACTIONAL = {"tenth": 1, "hundredth": 2, "thousandth": 3}


def precision(text: str) -> dict:
    """``"2 decimal places"`` -> {"places": 2}; ``"the nearest 100"`` -> {"nearest": 100}."""
    text = text.strip()
    m = _PLACES.match(text)
    if m:
        return {"places": number_word(m.group(1))}
    m = _SIG.match(text)
    if m:
        return {"sig": number_word(m.group(1))}
    m = _NEAREST.match(text)
    if m:
        what = m.group(1).strip().lower()
        if what in ("integer", "whole number", "unit", "one", "whole"):
            return {"nearest": 1}
        if what in _FRACTIONAL:
            return {"places": _FRACTIONAL[what]}
        return {"nearest": number_word(what)}
    raise ParseError(f"not a rounding precision: {text!r}")


def _h_round(m, funcs, _o, _v):
    body, spec = m.groups()
    return "round", {"expr": phrase(body, funcs), **precision(spec)}


def _h_pair(kind):
    def handle(m, funcs, _o, _v):
        a, b = m.groups()
        return kind, {"a": phrase(a, funcs), "b": phrase(b, funcs)}

    return handle


def _h_many(kind):
    def handle(m, funcs, _o, _v):
        a, b = m.groups()
        return kind, {"items": tuple(phrase(t, funcs) for t in split_list(f"{a}, {b}"))}

    return handle


def _h_median(m, funcs, _o, _v):
    return "median", {"items": items_of(m.group(1), funcs)}


def _h_percent_of_rev(m, funcs, _o, _v):
    whole, part = m.groups()
    return _h_percent_of(_Groups(part, whole), funcs, _o, _v)


def _h_as_decimal(m, funcs, _o, _v):
    return "value", {"expr": phrase(m.group(1), funcs), "simplify": False, "as_decimal": True}


def _h_one(kind, name="n"):
    def handle(m, funcs, _o, _v):
        return kind, {name: phrase(m.group(1), funcs)}

    return handle


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


def place_power(name: str) -> int:
    """``"hundred thousands"`` -> 5, ``"units"`` -> 0, ``"ten billions"`` -> 10."""
    words = name.lower().split()
    if not 1 <= len(words) <= 2 or words[-1] not in _PLACE_BASE:
        raise ParseError(f"unknown place value {name!r}")
    prefix = words[0] if len(words) == 2 else ""
    if prefix not in _PLACE_PREFIX or (prefix and _PLACE_BASE[words[-1]] < 3):
        raise ParseError(f"unknown place value {name!r}")
    return _PLACE_BASE[words[-1]] + _PLACE_PREFIX[prefix]


def _h_place(m, funcs, _o, _v):
    name, number = m.groups()
    return "place", {"n": phrase(number, funcs), "place": place_power(name)}


def _h_solve(m, funcs, _o, _v):
    from reasoner.solvers.math.nlu import equations

    body, var = m.groups()
    return "solve", {"eqs": equations(body, funcs), "var": var}


def _h_solve_for(m, funcs, _o, _v):
    from reasoner.solvers.math.nlu import equations

    var, body = m.groups()
    if len(var) > 2:
        raise ParseError(f"{var!r} is not a variable")
    return "solve", {"eqs": equations(body, funcs), "var": var}


def _h_roots_of(m, funcs, _o, _v):
    node = phrase(m.group(1), funcs)
    return "solve", {"eqs": (Relation(node, "=", Num("0")),), "var": None}


def _h_expr(kind):
    def handle(m, funcs, _o, _v):
        return kind, {"expr": phrase(m.group(1), funcs)}

    return handle


def _h_simplify_pos(m, funcs, _o, _v):
    body, var = m.groups()
    return "simplify_pos", {"expr": phrase(body, funcs), "var": var}


def _h_coeff_named(m, funcs, _o, _v):
    body, form, name = m.groups()
    return "coeff_named", {"expr": phrase(body, funcs), "form": phrase(form, funcs), "name": name}


def _h_coeff(m, funcs, _o, _v):
    term, body = m.groups()
    return "coeff", {"term": phrase(term, funcs), "expr": phrase(body, funcs)}


def _h_next(m, funcs, _o, _v):
    return "next_term", {"terms": tuple(phrase(t, funcs) for t in split_list(m.group(1)))}


def _h_nth(m, funcs, _o, _v):
    var, body = m.groups()
    if len(var) != 1 or not var.isalpha():
        raise ParseError(f"{var!r} is not a one-letter index")
    return "nth_term", {"terms": tuple(phrase(t, funcs) for t in split_list(body)), "var": var}


_BIGGER = {
    "bigger",
    "greater",
    "larger",
    "biggest",
    "greatest",
    "largest",
    "higher",
    "highest",
    "more",
    "max",
    "maximum",
}
_SMALLER = {"smaller", "less", "lesser", "lower", "smallest", "least", "lowest", "min", "minimum"}


def _direction(word: str) -> bool:
    w = word.lower()
    if w in _BIGGER:
        return True
    if w in _SMALLER:
        return False
    raise ParseError(f"not a comparison word: {word!r}")


def _h_which_of_two(m, funcs, _o, _v):
    word, a, b = m.groups()
    items = ((a.strip(), phrase(a, funcs)), (b.strip(), phrase(b, funcs)))
    return "kth", {"items": items, "k": 1, "biggest": _direction(word)}


def _h_kth(m, funcs, opts, _v):
    k_word, word, rest = m.groups()
    k = ordinal(k_word) if k_word else 1
    items = _options(opts, funcs) if opts else items_of(rest or "", funcs)
    if not items:
        raise ParseError("no values to choose from")
    return "kth", {"items": items, "k": k, "biggest": _direction(word)}


def _h_closest(m, funcs, opts, _v):
    target, rest = m.groups()
    items = _options(opts, funcs) if opts else items_of(rest or "", funcs)
    if not items:
        raise ParseError("no values to choose from")
    return "closest", {"target": phrase(target, funcs), "items": items}


_ORDER_WORDS = {"ascending": False, "increasing": False, "descending": True, "decreasing": True}


def _h_sort(m, funcs, _o, _v):
    body, order = m.groups()
    desc = False
    if order:
        word = order.lower().split()[0]
        if word not in _ORDER_WORDS:
            raise ParseError(f"unknown order {order!r}")
        desc = _ORDER_WORDS[word]
    return "sort", {"items": items_of(body, funcs), "desc": desc}


def _h_convert(m, funcs, _o, _v):
    src, dst = m.groups()
    number, src_unit = amount(src, funcs)
    dst_unit = unit(dst)
    if dst_unit is None:
        raise ParseError(f"unknown unit {dst!r}")
    return "convert", {"amount": number, "src": src_unit, "dst": dst_unit}


def _h_how_many(m, funcs, _o, _v):
    dst, src = m.groups()
    return _h_convert(_Groups(src, dst), funcs, _o, _v)


class _Groups:
    def __init__(self, *groups: str) -> None:
        self._g = groups

    def groups(self) -> tuple[str, ...]:
        return self._g


_CLOCK = _r(r"(\d{1,2})(?::(\d{2}))? ?([ap]\.?m\.?)?")


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


def _h_between(m, _f, _o, _v):
    what, a, b = m.groups()
    return "time_between", {"t1": clock(a), "t2": clock(b), "hours": what.lower() == "hours"}


def _h_shift(m, funcs, _o, _v):
    n, what, direction, t = m.groups()
    sign = -1 if direction.lower() == "before" else 1
    amount = phrase(n, funcs)
    if what.lower().startswith("h"):
        amount = Bin("*", amount, Num("60"))
    return "time_shift", {"minutes": amount, "sign": sign, "t": clock(t), "ampm": "m" in t.lower()}


def _h_base(m, _f, _o, _v):
    digits, src, dst = m.groups()
    return "base_convert", {"digits": digits.lower(), "src": int(src), "dst": int(dst)}


def _h_to_base(m, funcs, _o, _v):
    body, dst = m.groups()
    return "base_convert", {"digits": None, "expr": phrase(body, funcs), "src": 10, "dst": int(dst)}


def _h_percent_of(m, funcs, _o, _v):
    a, b = m.groups()
    return "value", {
        "expr": Bin("*", Bin("/", phrase(a, funcs), phrase(b, funcs)), Num("100")),
        "simplify": False,
    }


_E = r"(.+?)"
_WRT = r"(?: (?:with respect to|wrt|w\.r\.t\.?) ([a-z]\w*))?"
_RULES: list[tuple[re.Pattern, Callable]] = [
    (
        _r(r"how many (minutes|hours) (?:are there |is it |have passed )?between " + _E + " and " + _E),
        _h_between,
    ),
    (_r(_E + r" (minutes|mins|minute|hours|hrs|hour) (after|before|past|from) " + _E), _h_shift),
    (_r(r"(?:the )?(?:(\w+(?:-\w+)?) )?(?:partial )?derivative of " + _E + _WRT), _h_diff),
    (_r(r"differentiate " + _E + _WRT), _h_differentiate),
    (_r(r"d/d([a-z]) (?:of )?" + _E), _h_d_dx),
    (
        _r(r"lim(?:it)? (?:as )?([a-z]) ?(?:->|\u2192|approaches|goes to|tends to) ?(\S+),? (?:of )?" + _E),
        _h_lim,
    ),
    (
        _r(
            r"(?:the )?(?:indefinite |definite )?(?:integral|antiderivative) of "
            + _E
            + r"(?: d([a-z]))?"
            + _WRT
            + r"(?: (?:from|between) "
            + _E
            + " (?:to|and) "
            + _E
            + ")?"
        ),
        _h_integral,
    ),
    (
        _r(
            r"integrate "
            + _E
            + r"(?: d([a-z]))?"
            + _WRT
            + r"(?: (?:from|between) "
            + _E
            + " (?:to|and) "
            + _E
            + ")?"
        ),
        _h_integral,
    ),
    (_r(r"(?:the )?limit of " + _E + r" as ([a-z]) (?:approaches|goes to|tends to|->) " + _E), _h_limit),
    (_r(r"round " + _E + " to " + _E), _h_round),
    (_r(_E + r",? (?:rounded|correct|accurate|round) to " + _E), _h_round),
    (_r(_E + r",? to (the nearest .+|\w+ decimal places?|\w+ dps?|\w+ significant figures?)"), _h_round),
    (
        _r(
            r"(?:the )?(?:greatest|highest|largest|biggest) common (?:factor|divisor) (?:of )?"
            + _E
            + r" and "
            + _E
        ),
        _h_many("gcd"),
    ),
    (_r(r"(?:the )?(?:gcd|gcf|hcf) (?:of )?" + _E + r" and " + _E), _h_many("gcd")),
    (_r(r"(?:the )?(?:least|lowest|smallest) common multiple (?:of )?" + _E + r" and " + _E), _h_many("lcm")),
    (_r(r"(?:the )?lcm (?:of )?" + _E + r" and " + _E), _h_many("lcm")),
    (
        _r(r"(?:the )?(?:least |lowest |smallest )?common denominator (?:of )?" + _E + r" and " + _E),
        _h_pair("common_denominator"),
    ),
    (_r(r"(?:the )?remainder (?:when|of) " + _E + r" (?:is )?divided by " + _E), _h_pair("remainder")),
    (_r(_E + r" (?:mod|modulo) " + _E), _h_pair("remainder")),
    (
        _r(r"(?:list )?(?:all )?(?:the )?(?:distinct )?prime (?:factors|divisors) (?:of|in) " + _E),
        _h_one("prime_factors"),
    ),
    (_r(r"(?:the )?prime factori[sz]ation of " + _E), _h_one("prime_factors")),
    (_r(r"(?:list )?(?:all )?(?:the )?(?:positive )?(?:factors|divisors) of " + _E), _h_one("divisors")),
    (
        _r(r"how many (?:positive )?(?:factors|divisors) (?:does|has) " + _E + r"(?: have)?"),
        _h_one("divisor_count"),
    ),
    (_r(r"(?:the )?number of (?:positive )?(?:factors|divisors) of " + _E), _h_one("divisor_count")),
    (_r(r"(?:the )?(\w+(?: \w+)?) digit (?:of|in) " + _E), _h_place),
    (_r(r"(?:the )?median (?:value )?of " + _E), _h_median),
    (_r(r"solve for ([a-z]\w?)[:,]? " + _E), _h_solve_for),
    (
        _r(
            r"solve (?:the )?(?:system of equations|system|equations|equation)?:? ?"
            + _E
            + r"(?: for ([a-z]\w*))?"
        ),
        _h_solve,
    ),
    (_r(r"([a-z]\w?),? (?:such that|so that|given that|if|where|when) " + _E), _h_solve_for),
    (_r(r"([a-z]\w?) in " + _E), _h_solve_for),
    (_r(r"(?:the )?(?:roots|solutions|zeros|zeroes) of " + _E), _h_roots_of),
    (_r(r"(?:factor|factorise|factorize)(?: completely)? " + _E), _h_expr("factor")),
    (_r(r"(?:expand|multiply out) " + _E), _h_expr("expand")),
    (_r(r"collect (?:the )?(?:like )?terms (?:in|of) " + _E), _h_expr("collect")),
    (_r(r"(?:simplify )?" + _E + r" assuming ([a-z]\w*) is positive"), _h_simplify_pos),
    (
        _r(
            r"(?:express|rearrange|write) "
            + _E
            + r" (?:in the form|to the form|as|to|in form) "
            + _E
            + r" and give ([a-z]\w*)"
        ),
        _h_coeff_named,
    ),
    (_r(r"(?:the )?coefficient of " + _E + r" in " + _E), _h_coeff),
    (_r(r"what comes next:? " + _E), _h_next),
    (_r(r"(?:the )?next (?:term |number |value |one )?(?:in|of) (?:the sequence )?:?" + _E), _h_next),
    (_r(r"([a-z])'?(?:th|st|nd|rd)? term (?:of|in) (?:the sequence )?" + _E), _h_nth),
    (_r(r"(?:the )?([a-z])'?(?:th|st|nd|rd)? term (?:of|in) (?:the sequence )?" + _E), _h_nth),
    (
        _r(r"which (?:number |value |one )?is (\w+)(?: number| value)?[:,]? " + _E + r" or " + _E),
        _h_which_of_two,
    ),
    (
        _r(
            r"(?:which is )?(?:the )?(?:(\w+(?:-\w+)?) )?(biggest|largest|greatest|smallest|least|lowest|highest)"
            r"(?: value| number)?(?: (?:in|of|among|from) " + _E + ")?"
        ),
        _h_kth,
    ),
    (
        _r(
            r"(?:which is )?(?:the )?(?:nearest|closest) (?:value |number )?to "
            + _E
            + r"(?: (?:in|of|among|from) "
            + _E
            + ")?"
        ),
        _h_closest,
    ),
    (_r(r"(?:sort|order|arrange) " + _E + r"(?: (?:in|into) (\w+)(?: order)?)?"), _h_sort),
    (_r(r"put " + _E + r" in (\w+) order"), _h_sort),
    (_r(r"(?:convert )?(-?[0-9a-z]+) \(base (\d{1,2})\) (?:to|in|into) base (\d{1,2})"), _h_base),
    (_r(r"(?:convert )?" + _E + r" (?:to|in|into) base (\d{1,2})"), _h_to_base),
    (_r(r"how many (\w+) (?:are there |is there |are |is )?in " + _E), _h_how_many),
    (_r(r"(?:convert )?" + _E + r" (?:to|in|into) ([a-z]+)"), _h_convert),
    (_r(_E + r" is what (?:percent|percentage) of " + _E), _h_percent_of),
    (_r(r"what (?:percent|percentage) (?:of )?" + _E + r" is " + _E), _h_percent_of_rev),
    (_r(r"what (?:percent|percentage) is " + _E + r" of " + _E), _h_percent_of),
    (_r(_E + r",? (?:as|in) (?:a )?decimals?(?: form)?"), _h_as_decimal),
]


# ---------------------------------------------------------------- yes/no questions

_CMP_WORDS = [
    ("less than or equal to", "<="),
    ("smaller than or equal to", "<="),
    ("greater than or equal to", ">="),
    ("bigger than or equal to", ">="),
    ("at least as big as", ">="),
    ("at most as big as", "<="),
    ("at least", ">="),
    ("at most", "<="),
    ("less than", "<"),
    ("smaller than", "<"),
    ("lower than", "<"),
    ("greater than", ">"),
    ("bigger than", ">"),
    ("larger than", ">"),
    ("higher than", ">"),
    ("not equal to", "!="),
    ("equal to", "="),
    ("different from", "!="),
    ("the same as", "="),
]
_CMP_RE = "|".join(re.escape(w) for w, _ in _CMP_WORDS)
_CMP_OPS = dict(_CMP_WORDS)


def _h_prime(composite: bool):
    def handle(m, funcs, _o, _v):
        return "is_prime", {"n": phrase(m.group(1), funcs), "composite": composite}

    return handle


def _h_factor_of(m, funcs, _o, _v):
    d, n = m.groups()
    return "is_factor", {"d": phrase(d, funcs), "n": phrase(n, funcs)}


def _h_multiple_of(m, funcs, _o, _v):
    n, d = m.groups()
    return "is_factor", {"d": phrase(d, funcs), "n": phrase(n, funcs)}


def _h_parity(m, funcs, _o, _v):
    n, word = m.groups()
    return "parity", {"n": phrase(n, funcs), "even": word.lower() == "even"}


def _h_cmp_words(m, funcs, _o, _v):
    a, word, b = m.groups()
    return "compare", {"a": phrase(a, funcs), "op": _CMP_OPS[word.lower()], "b": phrase(b, funcs)}


def _h_cmp_rel(m, funcs, _o, _v):
    node = parse_relation(m.group(1), funcs)
    if not isinstance(node, Relation):
        raise ParseError("not a comparison")
    return "compare", {"a": node.left, "op": node.op, "b": node.right}


def _h_are_equal(m, funcs, _o, _v):
    a, b, word = m.groups()
    op = "=" if word.lower() in ("equal", "the same", "identical") else "!="
    return "compare", {"a": phrase(a, funcs), "op": op, "b": phrase(b, funcs)}


def _h_same_value(m, funcs, _o, _v):
    a, b, word = m.groups()
    op = "=" if word.lower().startswith("the same") else "!="
    return "compare", {"a": phrase(a, funcs), "op": op, "b": phrase(b, funcs)}


_YES_NO: list[tuple[re.Pattern, Callable]] = [
    (_r(r"is " + _E + r" (?:a )?prime(?: number)?"), _h_prime(False)),
    (_r(r"is " + _E + r" (?:a )?composite(?: number)?"), _h_prime(True)),
    (_r(r"is " + _E + r" (?:a )?(?:factor|divisor) of " + _E), _h_factor_of),
    (_r(r"(?:does|do) " + _E + r" divide " + _E), _h_factor_of),
    (_r(r"(?:is|are) " + _E + r" (?:a )?multiple of " + _E), _h_multiple_of),
    (_r(r"is " + _E + r" (?:exactly |evenly )?divisible by " + _E), _h_multiple_of),
    (_r(r"is " + _E + r" (?:an? )?(even|odd)(?: number)?"), _h_parity),
    (_r(r"is " + _E + r" (" + _CMP_RE + r") " + _E), _h_cmp_words),
    (
        _r(
            r"(?:are|is) "
            + _E
            + r" and "
            + _E
            + r" (equal|the same|identical|unequal|nonequal|non-equal|not equal|different)"
        ),
        _h_are_equal,
    ),
    (
        _r(r"(?:do|does) " + _E + r" and " + _E + r" have (the same value|different values|the same values)"),
        _h_same_value,
    ),
    (_r(r"(?:is|does|are) (.+)"), _h_cmp_rel),
]

__all__ = [
    "phrase",
    "items_of",
    "amount",
    "precision",
    "clock",
    "question_rules",
    "MAX_QUESTION_CHARS",
    "split_top",
    "Funcs",
]
