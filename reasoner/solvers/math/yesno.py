"""Yes/no questions: primality, divisibility, parity and comparisons -> (kind, args)."""

from __future__ import annotations

import re
from collections.abc import Callable

from reasoner.errors import ParseError
from reasoner.solvers.math.parser import Relation, parse_relation
from reasoner.solvers.math.phrases import anchored, phrase
from reasoner.solvers.math.tree import Num

_E = r"(.+?)"


_CMP_WORDS = [
    ("no less than", ">="),
    ("not less than", ">="),
    ("no smaller than", ">="),
    ("not smaller than", ">="),
    ("no more than", "<="),
    ("not more than", "<="),
    ("no greater than", "<="),
    ("not greater than", "<="),
    ("no bigger than", "<="),
    ("not bigger than", "<="),
    ("no larger than", "<="),
    ("not larger than", "<="),
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
    ("more than", ">"),
    ("above", ">"),
    ("below", "<"),
    ("under", "<"),
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


def _h_prime_word(m, funcs, _o, _v):
    n, word = m.groups()
    return "is_prime", {"n": phrase(n, funcs), "composite": word.lower() == "composite"}


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


_SIGN_OPS = {"negative": "<", "positive": ">", "non-negative": ">=", "nonnegative": ">=", "non-positive": "<=",
             "nonpositive": "<="}


def _h_sign(m, funcs, _o, _v):
    a, word = m.groups()
    return "compare", {"a": phrase(a, funcs), "op": _SIGN_OPS[word.lower()], "b": Num("0")}


def _h_cmp_rel(m, funcs, _o, _v):
    node = parse_relation(m.group(1), funcs)
    if not isinstance(node, Relation):
        raise ParseError("not a comparison")
    return "compare", {"a": node.left, "op": node.op, "b": node.right}


_OR_MORE = {
    "more": ">=",
    "greater": ">=",
    "larger": ">=",
    "bigger": ">=",
    "higher": ">=",
    "above": ">=",
    "over": ">=",
}
_OR_LESS = {"less": "<=", "fewer": "<=", "smaller": "<=", "lower": "<=", "below": "<=", "under": "<="}


def _h_or_more(m, funcs, _o, _v):
    """ "Is 9/4 2 or more?": at least 2; "... 2 or less": at most 2."""
    a, b, word = m.groups()
    op = {**_OR_MORE, **_OR_LESS}[word.lower()]
    return "compare", {"a": phrase(a, funcs), "op": op, "b": phrase(b, funcs)}


def _h_exceeds(m, funcs, _o, _v):
    a, b = m.groups()
    return "compare", {"a": phrase(a, funcs), "op": ">", "b": phrase(b, funcs)}


def _h_cmp_noun(m, funcs, _o, _v):
    """ "Is 3 a bigger number than 2?": the comparative with a noun between it and "than"."""
    a, word, b = m.groups()
    op = ">" if word.lower() in ("bigger", "larger", "greater", "higher") else "<"
    return "compare", {"a": phrase(a, funcs), "op": op, "b": phrase(b, funcs)}


def _h_does_equal(m, funcs, _o, _v):
    a, word, b = m.groups()
    op = "!=" if word.lower().startswith("differ") else "="
    return "compare", {"a": phrase(a, funcs), "op": op, "b": phrase(b, funcs)}


def _h_is_factor_quotient(m, funcs, _o, _v):
    """ "Would 4818746 divided by 77 come out to a whole number?": is 77 a factor of 4818746."""
    n, d = m.groups()
    return "is_factor", {"d": phrase(d, funcs), "n": phrase(n, funcs)}


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
    (anchored(r"is " + _E + r" (?:a )?prime(?: number)?(?: or not)?"), _h_prime(False)),
    (anchored(r"is " + _E + r" (?:a )?composite(?: number)?"), _h_prime(True)),
    (
        anchored(
            r"is " + _E + r" (?:a |one of the |among the |in the list of )?(?:factors?|divisors?) of " + _E
        ),
        _h_factor_of,
    ),
    (
        anchored(
            r"(?:does|do|would|will|is|can) "
            + _E
            + r" (?:come out|turn out|end up|count|qualify|rank)(?: to be| as| being)? "
            r"(?:an? )?(prime|composite)(?: number)?"
        ),
        _h_prime_word,
    ),
    (
        anchored(
            r"(?:does|do|can|could|will|would) "
            + _E
            + r" (?:evenly |exactly )?divide "
            + _E
            + r"(?: evenly| exactly| with no remainder| without (?:a |any )?remainder| with nothing left over)?"
        ),
        _h_factor_of,
    ),
    (anchored(r"(?:is|are) " + _E + r" (?:a )?multiple of " + _E), _h_multiple_of),
    # "Can 84 be divided by 12 with no remainder?": divided by, asked as possible, means evenly
    (
        anchored(
            r"(?:can|could|will|would) "
            + _E
            + r" be (?:evenly |exactly |cleanly )?divided by "
            + _E
            + r"(?: exactly| evenly| without (?:a |any )?remainder| with no remainder| with nothing left over)?"
        ),
        _h_multiple_of,
    ),
    (
        anchored(
            r"is "
            + _E
            + r" (?:exactly |evenly )?divisible by "
            + _E
            + r"(?: exactly| evenly| without (?:a |any )?remainder| with no remainder| with nothing left over)?"
        ),
        _h_multiple_of,
    ),
    (
        anchored(r"(?:does|do) " + _E + r" have " + _E + r" as (?:a |one of its )?(?:factor|divisor)s?"),
        _h_multiple_of,
    ),
    (anchored(r"is " + _E + r" (?:an? )?(even|odd)(?: number)?"), _h_parity),
    # "Is c negative?": a comparison with zero
    (
        anchored(
            r"is " + _E + r" (?:an? )?(negative|positive|non-negative|nonnegative|non-positive|nonpositive)"
            r"(?: number| value| integer| quantity)?"
        ),
        _h_sign,
    ),
    (anchored(r"is " + _E + r" (" + _CMP_RE + r") " + _E), _h_cmp_words),
    (
        anchored(
            r"(?:are|is) "
            + _E
            + r" and "
            + _E
            + r" (equal|the same|identical|unequal|nonequal|non-equal|not equal|different)"
            + r"(?: numbers?| values?| in value| to each other| quantities)?"
        ),
        _h_are_equal,
    ),
    (
        anchored(
            r"is " + _E + r" (?:equal to )?" + _E + r" or (more|greater|larger|bigger|higher|above|over)"
        ),
        _h_or_more,
    ),
    (
        anchored(r"is " + _E + r" (?:equal to )?" + _E + r" or (less|fewer|smaller|lower|below|under)"),
        _h_or_more,
    ),
    (
        anchored(r"(?:does|do|would|will) " + _E + r" (equal|equals|differ from|differs from) " + _E),
        _h_does_equal,
    ),
    (anchored(r"(?:does|do|would|will) " + _E + r" exceed " + _E), _h_exceeds),
    (
        anchored(
            r"is "
            + _E
            + r" (?:an? )?(bigger|larger|greater|higher|smaller|lower|lesser) (?:number|value|quantity) than "
            + _E
        ),
        _h_cmp_noun,
    ),
    (
        anchored(
            r"(?:does|do|would|will|is|can|could) "
            + _E
            + r"(?: divided by | over | ?/ ?)"
            + _E
            + r" (?:come out (?:to|as|at)|"
            r"give|make|result in|equal|be|yield|produce|leave)(?: exactly)? (?:an? )?(?:whole number|integer|exact whole "
            r"number|round number|natural number)(?: with no remainder| exactly)?"
        ),
        _h_is_factor_quotient,
    ),
    (
        anchored(
            r"is "
            + _E
            + r"(?: divided by | over | ?/ ?)"
            + _E
            + r" (?:an? )?(?:whole number|integer|natural number)"
        ),
        _h_is_factor_quotient,
    ),
    (
        anchored(
            r"(?:does|do|can|will|would|could) "
            + _E
            + r" (?:go|fit|divide)(?: evenly| exactly| cleanly| wholly)? into "
            + _E
            + r"(?: evenly| exactly| with nothing left over| without (?:a |any )?remainder| with no remainder| with zero "
            r"remainder| with no leftover| a whole number of times)?"
        ),
        _h_factor_of,
    ),
    (
        anchored(
            r"(?:does|do|will|would|can) "
            + _E
            + r" divide (?:evenly|exactly|cleanly|without (?:a |any )?remainder) by "
            + _E
        ),
        _h_multiple_of,
    ),
    (
        anchored(
            r"(?:can|could|will|would) "
            + _E
            + r" be divided (?:evenly |exactly )?by "
            + _E
            + r"(?: evenly| exactly| with no remainder| without (?:a |any )?remainder| with nothing left over)?"
        ),
        _h_multiple_of,
    ),
    (
        anchored(
            r"(?:does|do|will|would) "
            + _E
            + r" leave (?:no|zero) remainder when (?:it is |it's |you divide it |we divide it |dividing it )?(?:divided )?by "
            + _E
        ),
        _h_multiple_of,
    ),
    (anchored(r"is there (?:no|zero) remainder when " + _E + r" is divided by " + _E), _h_multiple_of),
    (
        anchored(
            r"(?:do|does) " + _E + r" and " + _E + r" have (the same value|different values|the same values)"
        ),
        _h_same_value,
    ),
    (anchored(r"(?:is|does|are) (.+)"), _h_cmp_rel),
]
