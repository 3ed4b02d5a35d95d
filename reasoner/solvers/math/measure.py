"""Questions about quantities: unit conversion, clock times and number bases.

A conversion names an amount and a target unit in either order ("How many meters
is 3 micrometers?", "3 micrometers is how many meters?", "3 micrometers in
meters", "Two fifths of a meter: how many millimeters is that?"). A time
question shifts a clock time ("297 minutes before 3:01 PM", "If it's 3:01 PM
now, what time was it 297 minutes ago?") or measures between two ("How long, in
minutes, is it from 4:29 PM to 2:37 AM?"). A base conversion names the digits,
the base they are written in, and the base wanted, in any of the usual places.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reasoner.errors import ParseError
from reasoner.solvers.math.phrases import amount, anchored, clock, phrase, reordered
from reasoner.solvers.math.tree import Bin, Name, Neg, Num
from reasoner.solvers.math.units import unit

_E = r"(.+?)"


def _convert(src: str, dst: str, funcs: frozenset[str]) -> tuple[str, dict]:
    number, src_unit = amount(src, funcs)
    dst_unit = unit(dst)
    if dst_unit is None:
        raise ParseError(f"unknown unit {dst!r}")
    return "convert", {"amount": number, "src": src_unit, "dst": dst_unit}


def _h_convert(m, funcs, _o, _v):
    src, dst = m.groups()
    return _convert(src, dst, funcs)


_h_how_many = reordered(_h_convert, (1, 0))


def _h_between(m, _f, _o, _v):
    what, a, b = m.groups()
    return _between(what, a, b)


def _h_how_long(m, _f, _o, _v):
    u1, u2, a, b, u3 = m.groups()
    return _between(u1 or u2 or u3, a, b)


def _between(what: str | None, a: str, b: str) -> tuple[str, dict]:
    """Minutes (or hours) from clock time ``a`` to ``b``; the unit must be named ("how long" alone
    could want "10 hours 8 minutes")."""
    if not what:
        raise ParseError("say whether the answer is wanted in minutes or hours")
    return "time_between", {"t1": clock(a), "t2": clock(b), "hours": what.lower().startswith("h")}


_EARLIER = {"before", "ago", "earlier", "back", "prior to", "earlier than", "minus", "until", "to"}


def _shift(n: str, what: str, direction: str, t: str, funcs: frozenset[str]) -> tuple[str, dict]:
    sign = -1 if direction.lower() in _EARLIER else 1
    minutes = phrase(n, funcs)
    if what.lower().startswith("h"):
        minutes = Bin("*", minutes, Num("60"))
    return "time_shift", {"minutes": minutes, "sign": sign, "t": clock(t), "ampm": "m" in t.lower()}


def _h_shift(m, funcs, _o, _v):
    n, what, direction, t = m.groups()
    return _shift(n, what, direction, t, funcs)


def _h_shift_now(m, funcs, _o, _v):
    t, n, what, direction = m.groups()
    return _shift(n, what, direction or "after", t, funcs)


_BACKWARD = {"back", "backwards", "subtract", "take away", "take", "remove"}


def _h_go(m, funcs, _o, _v):
    way, n, what, t = m.groups()
    return _shift(n, what, "before" if way.lower() in _BACKWARD else "after", t, funcs)


# ---------------------------------------------------------------- bases

_NAMED_BASES = {"binary": 2, "ternary": 3, "octal": 8, "decimal": 10, "denary": 10, "hex": 16, "hexadecimal": 16}
_BASE = r"(?:base[- ]?(\d{1,2})|(binary|ternary|octal|decimal|denary|hex|hexadecimal))"
_DIGITS = r"(-?[0-9a-z]+)"
_CONVERT_VERB = r"(?:convert|change|rewrite|express|write|translate|turn|put|give|represent|show)"
_SOURCE = (
    rf"(?: ?\((?:in |from |written in )?{_BASE}\)|,? (?:which is |that is |written |given |expressed |represented )*(?:in|from) {_BASE},?|"
    rf" (?:in|from) {_BASE})"
)
_TARGET = rf"(?:(?:written|expressed|converted|rewritten|represented|shown) )?(?:to|into|in|as|in terms of) (?:an? )?{_BASE}(?: numbers?| numerals?| notation| form| representation)?"


def _base_of(number: str | None, name: str | None) -> int:
    base = int(number) if number else _NAMED_BASES[name.lower()]
    if not 2 <= base <= 36:
        raise ParseError(f"base {base} is not between 2 and 36")
    return base


def _h_base_source_first(m, _f, _o, _v):
    s1, s2, digits, d1, d2 = m.groups()
    return _base_convert(digits, _base_of(s1, s2), _base_of(d1, d2))


_h_base_source_named = reordered(_h_base_source_first, (1, 2, 0, 3, 4))
_h_clock_plus = reordered(_h_shift, (2, 3, 1, 0))


def _h_base_source_after(m, _f, _o, _v):
    digits, s1, s2, s3, s4, s5, s6, d1, d2 = m.groups()
    src = _base_of(s1 or s3 or s5, s2 or s4 or s6)
    return _base_convert(digits, src, _base_of(d1, d2))


def _base_convert(digits: str, src: int, dst: int) -> tuple[str, dict]:
    try:
        int(digits, src)
    except ValueError as exc:
        raise ParseError(f"{digits!r} is not a number in base {src}") from exc
    return "base_convert", {"digits": digits.lower(), "src": src, "dst": dst}


def _h_to_base(m, funcs, _o, _v):
    """A decimal number written in another base ("255 in binary"). An arithmetic expression
    before "in base 4" is refused: its numbers may be meant in base 4 or in decimal."""
    body, d1, d2 = m.groups()
    node = phrase(body, funcs)
    if not isinstance(node.arg if isinstance(node, Neg) else node, Num | Name):
        raise ParseError("say which base the numbers are written in (e.g. 'In base 4, what is ...')")
    return "base_convert", {"digits": None, "expr": node, "src": 10, "dst": _base_of(d1, d2)}


_TIME_UNIT = r"(minutes|mins|minute|hours|hrs|hour)"
_CLOCK_TIME = r"(\d{1,2}(?::\d{2})? ?(?:[ap]\.?m\.?)?)"
_AMOUNT_IS = r"(?:is|are|equals|equal|makes|make|is equal to|comes to|gives|converts to|is the same as)"
_FROM_TO = rf"(?:from|between) {_CLOCK_TIME} (?:to|until|till|and|through) {_CLOCK_TIME}"
_PASS = r"(?: (?:is it|is there|are there|passes?|pass|elapses?|elapse|go by|goes by|have passed|has passed|will pass|does it take|is that))?"

TIME_RULES: list[tuple[re.Pattern, Callable]] = [
    # "How many minutes after 10:50 AM is 2:10 PM?", "How many hours before 9 PM is 6 PM?"
    (
        anchored(rf"how many (minutes|hours) (?:after|later than|past) {_CLOCK_TIME} (?:is|comes) {_CLOCK_TIME}"),
        _h_between,
    ),
    (
        anchored(rf"how many (minutes|hours) (?:before|earlier than) {_CLOCK_TIME} (?:is|comes) {_CLOCK_TIME}"),
        reordered(_h_between, (0, 2, 1)),
    ),
    (
        anchored(
            rf"how many (minutes|hours) (?:are there |is it |have passed |pass |elapse |go by )?between {_E} and {_E}"
        ),
        _h_between,
    ),
    (
        anchored(
            rf"(?:how many (minutes|hours)|how (?:long|much time)(?:,? in (minutes|hours),?)?){_PASS} "
            rf"{_FROM_TO}(?:,? in (minutes|hours))?"
        ),
        _h_how_long,
    ),
    (
        anchored(rf"(?:the )?(?:number of )?(minutes|hours) (?:between|from) {_E} (?:and|to|until) {_E}"),
        _h_between,
    ),
    (
        anchored(
            rf"(?:count|work out|calculate|find|compute) the (minutes|hours) (?:from|between) {_CLOCK_TIME} "
            rf"(?:until|to|till|and) {_CLOCK_TIME}"
        ),
        _h_between,
    ),
    (
        anchored(
            rf"(?:i|we|you|he|she|they|it|the (?:meeting|trip|class|show|film|movie|game|shift|event|journey)) "
            rf"(?:started|began|start|begin|starts|begins|left|set off|opened)(?: at)? {_CLOCK_TIME},? and "
            rf"(?:finished|ended|stopped|arrived|got back|came back|finish|end|ends|finishes|closed)(?: at)? "
            rf"{_CLOCK_TIME}[,.;]? how many (minutes|hours) (?:was that|did (?:it|that) take|is that|passed|elapsed|"
            r"went by|have passed)"
        ),
        reordered(_h_between, (2, 0, 1)),
    ),
    (
        anchored(
            rf"(?:the time )?{_E} {_TIME_UNIT} (after|before|past|from|prior to|later than|earlier than|until|to) "
            rf"{_CLOCK_TIME}(?: is what time| will be what time| was what time)?"
        ),
        _h_shift,
    ),
    (
        anchored(
            rf"(?:starting|beginning|leaving|begin|start) (?:at|from) {_CLOCK_TIME},? what (?:time )?(?:is it|will it be|"
            rf"would it be|do you reach|do you get) (?:after|in) {_E} {_TIME_UNIT}(?: (later|on|afterwards))?"
        ),
        _h_shift_now,
    ),
    (
        anchored(
            rf"(?:(?:if|when|say|suppose|assuming) )?(?:it(?:'s| is| was)|the time is|the clock (?:says|shows|reads)) {_CLOCK_TIME}"
            r"(?: now| right now| at the moment)?[,.;]? (?:then )?what (?:time )?(?:will it be|was it|is it|would it be|"
            r"will the time be|was the time|would the time be|will the clock (?:say|show|read)|did the clock (?:say|show|read))"
            rf"(?: in| after)? {_E} {_TIME_UNIT}(?: (ago|from now|later|earlier|before|after|hence|on|back|afterwards|"
            r"from then|before that|after that))?"
        ),
        _h_shift_now,
    ),
    # "If it's 6:49 PM now, how many minutes until 2:04 AM?": from now forward to the later time.
    (
        anchored(
            rf"(?:(?:if|when|say|suppose|assuming) )?(?:it(?:'s| is)|the time is|the clock (?:says|shows|reads)) {_CLOCK_TIME}"
            r"(?: now| right now| at the moment)?[,.;]? (?:then )?how many (minutes|hours)(?: is it| are there| are left|"
            rf" remain| do (?:i|we|you) have| will it be| will pass| pass)? (?:until|till|to|before) {_CLOCK_TIME}"
        ),
        reordered(_h_between, (1, 0, 2)),
    ),
    (anchored(rf"{_CLOCK_TIME} (plus|minus) {_E} {_TIME_UNIT}"), _h_clock_plus),
    (
        anchored(
            rf"(?:go|count|move|going|counting|wind the clock|turn the clock) (back|forward|on|ahead|backwards|forwards) "
            rf"{_E} {_TIME_UNIT} (?:from|after|before) {_CLOCK_TIME}(?:,? what time (?:is it|would it be|will it be|"
            r"was it|do you get|do you reach|is that))?"
        ),
        _h_go,
    ),
    (
        anchored(
            rf"(add|subtract|take away|take|remove) {_E} {_TIME_UNIT} (?:to|from|onto|off) {_CLOCK_TIME}"
            r"(?:,? what time (?:is it|would it be|will it be|was it|do you get|is that))?"
        ),
        _h_go,
    ),
]
BASE_RULES: list[tuple[re.Pattern, Callable]] = [
    (
        anchored(
            rf"(?:the )?{_BASE} (?:representation|form|equivalent|version|value) of (?:the )?{_BASE} "
            rf"(?:numbers? |numerals? )?{_DIGITS}"
        ),
        reordered(_h_base_source_first, (2, 3, 4, 0, 1)),
    ),
    (
        anchored(
            rf"(?:{_CONVERT_VERB} )?(?:the )?{_BASE} (?:numbers? |numerals? |integers? |values? )?{_DIGITS},? {_TARGET}"
        ),
        _h_base_source_first,
    ),
    (
        anchored(rf"(?:{_CONVERT_VERB} )?(?:the )?(?:number |numeral )?{_DIGITS}{_SOURCE} {_TARGET}"),
        _h_base_source_after,
    ),
    (
        anchored(
            rf"(?:the )?(?:number )?{_DIGITS} is (?:written |given |expressed )?in {_BASE}[,.;:]? (?:so |then )?"
            rf"(?:what is|how (?:would|do|can|should) (?:you|i|we) write|how is|write|express|convert|give) "
            rf"(?:it|this|that)(?: number)? {_TARGET}"
        ),
        _h_base_source_named,
    ),
    (
        anchored(
            rf"(?:take )?(?:the )?{_BASE} (?:numbers? |numerals? )?{_DIGITS},? and (?:then )?(?:write|express|convert|"
            rf"rewrite|put|give|turn) (?:it|this|that) {_TARGET}"
        ),
        _h_base_source_first,
    ),
    (anchored(rf"(?:{_CONVERT_VERB} )?{_E} {_TARGET}"), _h_to_base),
    # "the base 3 representation of 13": a decimal number written in the base named first
    (
        anchored(
            rf"(?:the )?{_BASE} (?:representation|form|equivalent|version|expansion|notation) of (?:the )?"
            rf"(?:decimal |base[- ]10 |denary )?(?:number |integer |numeral )?{_E}"
        ),
        reordered(_h_to_base, (2, 0, 1)),
    ),
]
UNIT_RULES: list[tuple[re.Pattern, Callable]] = [
    (
        anchored(rf"how many (\w+) (?:are there |is there |are |is |do you get |fit |go )?in {_E}"),
        _h_how_many,
    ),
    (
        anchored(rf"how many (\w+) (?:is|are|make|makes|make up|equal|equals|is equal to|are equal to) {_E}"),
        _h_how_many,
    ),
    (anchored(rf"{_E} {_AMOUNT_IS} how many ([a-z]+)"), _h_convert),
    (
        anchored(
            rf"{_E}[:,;] how many ([a-z]+) (?:is|are|does|do|would|will) (?:that|it|this)(?: be| make| equal| come to)?"
        ),
        _h_convert,
    ),
    (
        anchored(rf"how many (\w+) (?:does|do|would|will) {_E} (?:make|equal|come to|give|contain|have)"),
        _h_how_many,
    ),
    (anchored(rf"{_E} ?= ?\?* ?([a-z]+)"), _h_convert),
    (
        anchored(rf"in ([a-z]+),? (?:how much|what|how many|how long|how heavy|how big) (?:is|are) {_E}"),
        _h_how_many,
    ),
    # "How long is 90 seconds in minutes?": the amount asked in a unit
    (
        anchored(rf"(?:how much|how long|how heavy|how big|how far|how large) (?:is|are|would be) {_E} in ([a-z]+)"),
        _h_convert,
    ),
    (
        anchored(
            rf"(?:(?:convert|change|turn|express|write|rewrite|give|put|measure) )?{_E},? "
            r"(?:to|in|into|as|in terms of|expressed in|converted to|measured in) ([a-z]+)"
        ),
        _h_convert,
    ),
]


__all__ = ["BASE_RULES", "TIME_RULES", "UNIT_RULES"]
