"""The question sentence, matched to (kind, args) by general phrasings.

Rules are tried in order; a rule whose slots do not parse gives way to the next.
Yes/no questions are in :mod:`.yesno`, slots are parsed by :mod:`.phrases`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reasoner.errors import ParseError, UnsafeInputError
from reasoner.solvers.math.parser import Relation, equations, parse_relation
from reasoner.solvers.math.phrases import (
    amount,
    anchored,
    clock,
    items_of,
    options_of,
    phrase,
    place_power,
    precision,
)
from reasoner.solvers.math.tree import Bin, Num, names
from reasoner.solvers.math.units import unit
from reasoner.solvers.math.words import ordinal, split_list
from reasoner.solvers.math.yesno import YES_NO

_LEAD = anchored(
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
    for rules, text in ((YES_NO, head.strip().rstrip("?.").strip()), (_RULES, core)):
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


_DEFINED = re.compile(r"^(?:[a-z]\(([a-z])\)|[a-z]) ?= ?(.+)$", re.I)


def _body(text: str, funcs: frozenset[str], wrt: str | None) -> tuple[object, str | None]:
    """The expression of a calculus slot, accepting "f(x) = x**2" and "y = x**3" forms."""
    m = _DEFINED.match(text.strip())
    if m and "=" not in m.group(2):
        return phrase(m.group(2), funcs), wrt or m.group(1)
    return phrase(text, funcs), wrt


def _h_diff(m, funcs, _o, _v):
    order_word, body, wrt = m.groups()
    order = ordinal(order_word) if order_word else 1
    expr, wrt = _body(body, funcs, wrt)
    return "diff", {"expr": expr, "var": wrt, "order": order}


def _h_d_dx(m, funcs, _o, _v):
    var, body = m.groups()
    return "diff", {"expr": phrase(body, funcs), "var": var, "order": 1}


def _h_lim(m, funcs, _o, _v):
    var, point, body = m.groups()
    return "limit", {"expr": phrase(body, funcs), "var": var, "point": phrase(point, funcs)}


def _h_differentiate(m, funcs, _o, _v):
    body, wrt = m.groups()
    expr, wrt = _body(body, funcs, wrt)
    return "diff", {"expr": expr, "var": wrt, "order": 1}


def _h_dy_dx(m, funcs, _o, _v):
    _dep, var, body = m.groups()
    expr, _ = _body(body, funcs, var)
    return "diff", {"expr": expr, "var": var, "order": 1}


def _h_times_x(m, funcs, _o, _v):
    a, b = phrase(m.group(1), funcs), phrase(m.group(2), funcs)
    if names(a) or names(b):
        raise ParseError("'x' between expressions with variables is not a multiplication sign")
    return "value", {"expr": Bin("*", a, b), "simplify": False}


def _h_integral(m, funcs, _o, _v):
    body, dvar, wrt, lo, hi = m.groups()
    expr, var = _body(body, funcs, wrt or dvar)
    args = {"expr": expr, "var": var, "lo": None, "hi": None}
    if lo is not None:
        args["lo"], args["hi"] = phrase(lo, funcs), phrase(hi, funcs)
    return "integrate", args


def _h_limit(m, funcs, _o, _v):
    body, var, point = m.groups()
    return "limit", {"expr": phrase(body, funcs), "var": var, "point": phrase(point, funcs)}


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


def _h_as_percent(m, funcs, _o, _v):
    return "value", {"expr": phrase(m.group(1), funcs), "simplify": False, "as_percent": True}


def _h_as_decimal(m, funcs, _o, _v):
    return "value", {"expr": phrase(m.group(1), funcs), "simplify": False, "as_decimal": True}


def _h_one(kind, name="n"):
    def handle(m, funcs, _o, _v):
        return kind, {name: phrase(m.group(1), funcs)}

    return handle


def _h_place(m, funcs, _o, _v):
    name, number = m.groups()
    return "place", {"n": phrase(number, funcs), "place": place_power(name)}


def _h_solve(m, funcs, _o, _v):
    body, var = m.groups()
    return "solve", {"eqs": equations(body, funcs), "var": var}


def _h_solve_for(m, funcs, _o, _v):
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
    items = options_of(opts, funcs) if opts else items_of(rest or "", funcs)
    if not items:
        raise ParseError("no values to choose from")
    return "kth", {"items": items, "k": k, "biggest": _direction(word)}


def _h_closest(m, funcs, opts, _v):
    target, rest = m.groups()
    items = options_of(opts, funcs) if opts else items_of(rest or "", funcs)
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


def _h_sort_from_to(m, funcs, _o, _v):
    first, body = m.groups()
    return "sort", {"items": items_of(body, funcs), "desc": _direction(first)}


def _h_sort_to(m, funcs, _o, _v):
    body, first = m.groups()
    return "sort", {"items": items_of(body, funcs), "desc": _direction(first)}


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
# An integrand, its optional "dx", variable and bounds: shared by "integral of" and "integrate".
_INTEGRAND = _E + r"(?: d([a-z]))?" + _WRT + r"(?: (?:from|between) " + _E + " (?:to|and) " + _E + ")?"
_RULES: list[tuple[re.Pattern, Callable]] = [
    (
        anchored(r"how many (minutes|hours) (?:are there |is it |have passed )?between " + _E + " and " + _E),
        _h_between,
    ),
    (anchored(_E + r" (minutes|mins|minute|hours|hrs|hour) (after|before|past|from) " + _E), _h_shift),
    (anchored(r"(?:the )?(?:(\w+(?:-\w+)?) )?(?:partial )?derivative of " + _E + _WRT), _h_diff),
    (anchored(r"differentiate " + _E + _WRT), _h_differentiate),
    (anchored(r"d/d([a-z]) (?:of )?" + _E), _h_d_dx),
    (
        anchored(
            r"lim(?:it)? (?:as )?([a-z]) ?(?:->|\u2192|approaches|goes to|tends to) ?(\S+),? (?:of )?" + _E
        ),
        _h_lim,
    ),
    (
        anchored(r"(?:the )?(?:indefinite |definite )?(?:integral|antiderivative) of " + _INTEGRAND),
        _h_integral,
    ),
    (
        anchored(r"integrate " + _INTEGRAND),
        _h_integral,
    ),
    (
        anchored(r"(?:the )?limit of " + _E + r" as ([a-z]) (?:approaches|goes to|tends to|->) " + _E),
        _h_limit,
    ),
    (anchored(r"round " + _E + " to " + _E), _h_round),
    (anchored(_E + r",? (?:rounded|correct|accurate|round) to " + _E), _h_round),
    (
        anchored(_E + r",? to (the nearest .+|\w+ decimal places?|\w+ dps?|\w+ significant figures?)"),
        _h_round,
    ),
    (
        anchored(
            r"(?:the )?(?:greatest|highest|largest|biggest) common (?:factor|divisor) (?:of )?"
            + _E
            + r" and "
            + _E
        ),
        _h_many("gcd"),
    ),
    (anchored(r"(?:the )?(?:gcd|gcf|hcf) (?:of )?" + _E + r" and " + _E), _h_many("gcd")),
    (
        anchored(r"(?:the )?(?:least|lowest|smallest) common multiple (?:of )?" + _E + r" and " + _E),
        _h_many("lcm"),
    ),
    (anchored(r"(?:the )?lcm (?:of )?" + _E + r" and " + _E), _h_many("lcm")),
    (
        anchored(r"(?:the )?(?:least |lowest |smallest )?common denominator (?:of )?" + _E + r" and " + _E),
        _h_pair("common_denominator"),
    ),
    (anchored(r"(?:the )?remainder (?:when|of) " + _E + r" (?:is )?divided by " + _E), _h_pair("remainder")),
    (anchored(_E + r" (?:mod|modulo) " + _E), _h_pair("remainder")),
    (
        anchored(r"(?:list )?(?:all )?(?:the )?(?:distinct )?prime (?:factors|divisors) (?:of|in) " + _E),
        _h_one("prime_factors"),
    ),
    (anchored(r"(?:the )?prime factori[sz]ation of " + _E), _h_one("prime_factors")),
    (
        anchored(r"(?:list )?(?:all )?(?:the )?(?:positive )?(?:factors|divisors) of " + _E),
        _h_one("divisors"),
    ),
    (
        anchored(r"how many (?:positive )?(?:factors|divisors) (?:does|has) " + _E + r"(?: have)?"),
        _h_one("divisor_count"),
    ),
    (anchored(r"(?:the )?number of (?:positive )?(?:factors|divisors) of " + _E), _h_one("divisor_count")),
    (anchored(r"(?:the )?(\w+(?: \w+)?) digit (?:of|in) " + _E), _h_place),
    (anchored(r"(?:the )?median (?:value )?of " + _E), _h_median),
    (anchored(r"solve for ([a-z]\w?)(?:[:,]| in| where| if| given that| given)? " + _E), _h_solve_for),
    (anchored(r"([a-z]\w?) ?: ?" + _E), _h_solve_for),
    (
        anchored(
            r"solve (?:the )?(?:system of equations|system|equations|equation)?:? ?"
            + _E
            + r"(?: for ([a-z]\w*))?"
        ),
        _h_solve,
    ),
    (anchored(r"([a-z]\w?),? (?:such that|so that|given that|if|where|when) " + _E), _h_solve_for),
    (anchored(r"([a-z]\w?) in " + _E), _h_solve_for),
    (anchored(r"(?:the )?(?:roots|solutions|zeros|zeroes) of " + _E), _h_roots_of),
    (anchored(r"(?:factor|factorise|factorize)(?: completely| fully)? " + _E), _h_expr("factor")),
    (anchored(r"(?:expand|multiply out)(?: and simplify)? " + _E), _h_expr("expand")),
    (anchored(r"d([a-z])/d([a-z]),? (?:of |for |if |when |where |given )?" + _E), _h_dy_dx),
    (anchored(r"(\d[\d.,]*) x (\d[\d.,]*)"), _h_times_x),
    (anchored(r"collect (?:the )?(?:like )?terms (?:in|of) " + _E), _h_expr("collect")),
    (anchored(r"(?:simplify )?" + _E + r" assuming ([a-z]\w*) is positive"), _h_simplify_pos),
    (
        anchored(
            r"(?:express|rearrange|write) "
            + _E
            + r" (?:in the form|to the form|as|to|in form) "
            + _E
            + r" and give ([a-z]\w*)"
        ),
        _h_coeff_named,
    ),
    (anchored(r"(?:the )?coefficient of " + _E + r" in " + _E), _h_coeff),
    (anchored(r"what comes next:? " + _E), _h_next),
    (anchored(r"(?:the )?next (?:term |number |value |one )?(?:in|of) (?:the sequence )?:?" + _E), _h_next),
    (anchored(r"([a-z])'?(?:th|st|nd|rd)? term (?:of|in) (?:the sequence )?" + _E), _h_nth),
    (anchored(r"(?:the )?([a-z])'?(?:th|st|nd|rd)? term (?:of|in) (?:the sequence )?" + _E), _h_nth),
    (
        anchored(r"which (?:number |value |one )?is (\w+)(?: number| value)?[:,]? " + _E + r" or " + _E),
        _h_which_of_two,
    ),
    (
        anchored(
            r"(?:which is )?(?:the )?(?:(\w+(?:-\w+)?) )?(biggest|largest|greatest|smallest|least|lowest|highest|maximum|minimum|max|min)"
            r"(?: value| number)?(?: (?:in|of|among|from) " + _E + ")?"
        ),
        _h_kth,
    ),
    (
        anchored(
            r"(?:which is )?(?:the )?(?:nearest|closest) (?:value |number )?to "
            + _E
            + r"(?: (?:in|of|among|from) "
            + _E
            + ")?"
        ),
        _h_closest,
    ),
    (anchored(r"(?:sort|order|arrange) " + _E + r"(?: (?:in|into) (\w+)(?: order)?)?"), _h_sort),
    (anchored(r"put " + _E + r" in (\w+) order"), _h_sort),
    (
        anchored(
            r"(?:sort|order|arrange|put) (?:the numbers |these numbers |these )?(?:from )?(least|smallest|lowest|greatest"
            r"|largest|biggest|highest) to (?:least|smallest|lowest|greatest|largest|biggest|highest):? " + _E
        ),
        _h_sort_from_to,
    ),
    (
        anchored(
            r"(?:sort|order|arrange|put) "
            + _E
            + r",? (?:from )?(least|smallest|lowest|greatest|largest|biggest|highest)"
            r" to (?:least|smallest|lowest|greatest|largest|biggest|highest)"
        ),
        _h_sort_to,
    ),
    (anchored(r"(?:convert )?(-?[0-9a-z]+) \(base (\d{1,2})\) (?:to|in|into) base (\d{1,2})"), _h_base),
    (anchored(r"(?:convert )?(-?[0-9a-z]+) (?:from|in) base (\d{1,2}) (?:to|into) base (\d{1,2})"), _h_base),
    (anchored(r"(?:convert )?" + _E + r" (?:to|in|into) base (\d{1,2})"), _h_to_base),
    (anchored(r"how many (\w+) (?:are there |is there |are |is )?in " + _E), _h_how_many),
    (anchored(r"(?:convert )?" + _E + r" (?:to|in|into) ([a-z]+)"), _h_convert),
    (anchored(_E + r" is what (?:percent|percentage) of " + _E), _h_percent_of),
    (anchored(r"what (?:percent|percentage) (?:of )?" + _E + r" is " + _E), _h_percent_of_rev),
    (anchored(r"what (?:percent|percentage) is " + _E + r" of " + _E), _h_percent_of),
    (
        anchored(r"(?:express |write |convert )?" + _E + r",? (?:as|in|to|into) (?:a )?decimals?(?: form)?"),
        _h_as_decimal,
    ),
    (
        anchored(
            r"(?:express |write |convert )?" + _E + r",? (?:as|in|to|into) (?:a )?(?:percent|percentage)"
        ),
        _h_as_percent,
    ),
]
