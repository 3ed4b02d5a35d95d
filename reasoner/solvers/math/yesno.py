"""Yes/no questions: primality, divisibility, parity and comparisons -> (kind, args)."""

from __future__ import annotations

import re
from collections.abc import Callable

from reasoner.errors import ParseError
from reasoner.solvers.math.parser import Relation, parse_relation
from reasoner.solvers.math.phrases import anchored, phrase

_E = r"(.+?)"


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


def _h_prime(composite: bool | None):
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


YES_NO: list[tuple[re.Pattern, Callable]] = [
    (anchored(r"is " + _E + r" (?:a )?prime or (?:a )?composite(?: number)?"), _h_prime(None)),
    (anchored(r"is " + _E + r" (?:a )?composite or (?:a )?prime(?: number)?"), _h_prime(None)),
    (anchored(r"is " + _E + r" (?:a )?prime(?: number)?"), _h_prime(False)),
    (anchored(r"is " + _E + r" (?:a )?composite(?: number)?"), _h_prime(True)),
    (anchored(r"is " + _E + r" (?:a )?(?:factor|divisor) of " + _E), _h_factor_of),
    (anchored(r"(?:does|do) " + _E + r" divide " + _E), _h_factor_of),
    (anchored(r"(?:is|are) " + _E + r" (?:a )?multiple of " + _E), _h_multiple_of),
    (anchored(r"is " + _E + r" (?:exactly |evenly )?divisible by " + _E), _h_multiple_of),
    (anchored(r"is " + _E + r" (?:an? )?(even|odd)(?: number)?"), _h_parity),
    (anchored(r"is " + _E + r" (" + _CMP_RE + r") " + _E), _h_cmp_words),
    (
        anchored(
            r"(?:are|is) "
            + _E
            + r" and "
            + _E
            + r" (equal|the same|identical|unequal|nonequal|non-equal|not equal|different)"
        ),
        _h_are_equal,
    ),
    (
        anchored(
            r"(?:do|does) " + _E + r" and " + _E + r" have (the same value|different values|the same values)"
        ),
        _h_same_value,
    ),
    (anchored(r"(?:is|does|are) (.+)"), _h_cmp_rel),
]
