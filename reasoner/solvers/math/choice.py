"""Questions that choose from or order a list: the k-th biggest, the closest to a target, a sort.

English puts the list in several places around the predicate, and every place
means the same choice:

- "Which of 5, 0.2, 1/9 is the third smallest?", "Which one is closest to 3 out of 1, 2, 4?",
- "Among 5, 0.2 and 1/9, which is the third smallest?", "Out of h, 4 and 0, which one is largest?",
- "What is the third smallest value in 5, 0.2, 1/9?", "Is p or i the smaller one?".

The predicate is an ordinal and a superlative ("second largest", "smallest") or
nearness to a target ("closest to 3", "nearest -1/4"); the list is items separated
by commas and "and"/"or", or lettered options "(a) m (b) 2 (c) p". Each frame
leaves the list and the predicate as slots, and both must parse.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reasoner.errors import ParseError
from reasoner.solvers.math.phrases import anchored, items_of, options_of, phrase, reordered
from reasoner.solvers.math.words import ordinal, split_list

_E = r"(.+?)"

BIGGER = frozenset(
    "bigger greater larger biggest greatest largest higher highest more max maximum high big large great top".split()
)
SMALLER = frozenset(
    "smaller less lesser lower smallest least lowest min minimum low small little bottom".split()
)
_SUPERLATIVE = (
    r"biggest|largest|greatest|smallest|least|lowest|highest|maximum|minimum|max|min|"
    r"bigger|larger|greater|smaller|lower|higher|lesser|less|more"
)
_ORD = r"(?:(\w+(?:-\w+)?) )?"
_NOUN = (
    r"(?: one| number| value| item| element| entry| option| of them| of these| of the two| of the numbers)?"
)
_WHICH = r"(?:which|what)(?: one| number| value| item| option| choice)?"
_IS = r"(?:is|lies|sits|comes|would be|will be|falls|appears|turns out to be|ranks|has|have|gives)"
_AMONG = r"(?:of|in|among|amongst|out of|from|within|between)"
_THE_LIST = r"(?:the (?:numbers|values|list|items|options|choices|following)(?: of)? |these(?: numbers| values)? |the set )?"


def direction(word: str) -> bool:
    """True for a word of bigness ("largest", "high"), False for smallness; ParseError otherwise."""
    w = word.lower()
    if w in BIGGER:
        return True
    if w in SMALLER:
        return False
    raise ParseError(f"not a comparison word: {word!r}")


def _items(text: str, funcs: frozenset[str], opts: str) -> tuple:
    """The values to choose from: the lettered options when the list names them, else the list."""
    if opts and re.fullmatch(
        r"(?:the |these |those )?(?:options|choices|answers|them|these|those)?", text.strip(), re.I
    ):
        return options_of(opts, funcs)
    items = items_of(_or_list(text), funcs)
    if len(items) < 2 and not opts:
        raise ParseError("fewer than two values to choose from")
    return items


def _or_list(text: str) -> str:
    """ "a, b or c" reads as "a, b and c" (the same list)."""
    return re.sub(r",? or |,? vs\.? |,? versus ", ", ", text.strip())


def _kth(k_word: str | None, word: str, items: tuple) -> tuple[str, dict]:
    k = ordinal(k_word) if k_word else 1
    if not items:
        raise ParseError("no values to choose from")
    return "kth", {"items": items, "k": k, "biggest": direction(word)}


def _closest(target: str, items: tuple, funcs: frozenset[str]) -> tuple[str, dict]:
    if not items:
        raise ParseError("no values to choose from")
    return "closest", {"target": phrase(target, funcs), "items": items}


# Handlers take (match, funcs, options text, lead verb) and return (kind, args).


def _h_kth_list_first(m, funcs, opts, _v):
    rest, k_word, word = m.groups()
    return _kth(k_word, word, _items(rest, funcs, opts))


def _h_kth_list_last(m, funcs, opts, _v):
    k_word, word, rest = m.groups()
    return _kth(k_word, word, _items(rest or "", funcs, opts) if rest else options_of(opts, funcs))


def _h_closest_list_first(m, funcs, opts, _v):
    rest, target = m.groups()
    return _closest(target, _items(rest, funcs, opts), funcs)


def _h_closest_list_last(m, funcs, opts, _v):
    target, rest = m.groups()
    return _closest(target, _items(rest, funcs, opts) if rest else options_of(opts, funcs), funcs)


def _h_closest_options(m, funcs, opts, _v):
    if not opts:
        raise ParseError("no values to choose from")
    return _closest(m.group(1), options_of(opts, funcs), funcs)


def _h_which_of_two(m, funcs, _o, _v):
    word, a, b = m.groups()
    return _two(a, b, word, funcs)


def _two(a: str, b: str, word: str, funcs: frozenset[str]) -> tuple[str, dict]:
    items = ((a.strip(), phrase(a, funcs)), (b.strip(), phrase(b, funcs)))
    return "kth", {"items": items, "k": 1, "biggest": direction(word)}


_ORDER_WORDS = {
    "ascending": False,
    "increasing": False,
    "rising": False,
    "numerical": False,
    "numeric": False,
    "descending": True,
    "decreasing": True,
    "falling": True,
    "reverse": True,
}


def _h_sort(m, funcs, _o, _v):
    body, order = m.groups()
    desc = False
    if order:
        word = order.lower().split()[0]
        if word not in _ORDER_WORDS:
            raise ParseError(f"unknown order {order!r}")
        desc = _ORDER_WORDS[word]
    return _sorted(body, desc, funcs)


def _h_sort_ascending(m, funcs, _o, _v):
    return _sorted(m.group(1), False, funcs)


def _h_sort_from_to(m, funcs, _o, _v):
    first, last, body = m.groups()
    return _sort_between(body, first, last, funcs)


def _h_sort_first(m, funcs, _o, _v):
    body, first = m.groups()
    return _sorted(body, direction(first), funcs)


_h_two_first = reordered(_h_which_of_two, (2, 0, 1))
_h_sort_order_first = reordered(_h_sort, (1, 0))
_h_sort_to = reordered(_h_sort_from_to, (1, 2, 0))


def _sorted(body: str, desc: bool, funcs: frozenset[str]) -> tuple[str, dict]:
    items = items_of(body, funcs)
    if len(items) < 2:
        raise ParseError("fewer than two values to sort")
    return "sort", {"items": items, "desc": desc}


def _sort_between(body: str, first: str, last: str, funcs: frozenset[str]) -> tuple[str, dict]:
    desc = direction(first)
    if direction(last) == desc:
        raise ParseError(f"from {first} to {last} is not an order")
    return _sorted(body, desc, funcs)


_BY_SIZE = r"(\w+)(?: number| value| one)?"
_TO = r"(?:from )?(?:the )?" + _BY_SIZE + r" to (?:the )?(\w+)(?: number| value| one)?"
_SORT_ONLY = r"(?:sort|order|arrange|rank|rearrange|reorder|line up)"
# Verbs that sort only when an order is named ("List 3, 1, 2 from smallest to largest").
_SORT_VERB = (
    r"(?:sort|order|arrange|put|list|rank|write|write out|list out|give|place|rearrange|reorder|line up)"
)
_RANK_VERB = r"(?:rank|order|sort|line up|go|come|fall|stand|compare)"
_LISTED = r"(?:the numbers |these numbers |these |the values |the following(?: numbers)?:? )?"
_CLOSE = r"(?:nearest|closest|nearer|closer)"
_PICK = r"(?:pick|choose|select|find|identify|give|name|tell me)(?: out)?"
_TARGET = r"(?: to)? " + _E

CHOICE_RULES: list[tuple[re.Pattern, Callable]] = [
    # "Which of 5, 0.2, 1/9 is the third smallest?"
    (
        anchored(rf"{_WHICH} {_AMONG} {_THE_LIST}{_E},? {_IS}(?: the)? {_ORD}({_SUPERLATIVE}){_NOUN}"),
        _h_kth_list_first,
    ),
    (
        anchored(
            rf"{_WHICH} {_AMONG} {_THE_LIST}{_E},? {_IS}(?: the)?(?: one| number| value)? {_CLOSE}{_NOUN}{_TARGET}"
        ),
        _h_closest_list_first,
    ),
    # "Which of 0, -1 and 0.5 is v closest to?": the target before the stranded preposition
    (
        anchored(rf"{_WHICH} {_AMONG} {_THE_LIST}{_E},? (?:is|are|lies|sits) {_E} (?:the )?{_CLOSE} to"),
        _h_closest_list_first,
    ),
    # "Among 5, 0.2 and 1/9, which is the third smallest?", "From 1, 2, 3, pick the biggest."
    (
        anchored(
            rf"{_AMONG} {_THE_LIST}{_E}[,:;] (?:{_WHICH} {_IS}|{_PICK})(?: the)? {_ORD}({_SUPERLATIVE}){_NOUN}"
        ),
        _h_kth_list_first,
    ),
    (
        anchored(
            rf"{_AMONG} {_THE_LIST}{_E}[,:;] (?:{_WHICH} {_IS}|{_PICK})(?: the)?(?: one| number| value)? "
            rf"{_CLOSE}{_NOUN}{_TARGET}"
        ),
        _h_closest_list_first,
    ),
    # "Which number is second smallest out of -2, 0.3, 2.4?"
    (
        anchored(rf"{_WHICH} {_IS}(?: the)? {_ORD}({_SUPERLATIVE}){_NOUN},? {_AMONG} {_THE_LIST}{_E}"),
        _h_kth_list_last,
    ),
    (
        anchored(
            rf"{_WHICH} {_IS}(?: the)?(?: one| number| value)? {_CLOSE}{_NOUN}(?: to)? {_E},? {_AMONG} {_THE_LIST}{_E}"
        ),
        _h_closest_list_last,
    ),
    # Options after the question: "Which option is nearest to z: (a) r, (b) -3 or (c) 2/5?"
    (
        anchored(rf"{_WHICH} {_IS}(?: the)?(?: one| number| value)? {_CLOSE}{_NOUN}(?: to)? {_E}"),
        _h_closest_options,
    ),
    # "Which is the biggest: -2, 0.3 or 2.4?", "Which is closest to 3: 1, 2 or 4?"
    (
        anchored(
            rf"{_WHICH}(?: {_AMONG} (?:these|them|those|the following))? {_IS}(?: the)? {_ORD}({_SUPERLATIVE}){_NOUN}[:;,] {_THE_LIST}{_E}"
        ),
        _h_kth_list_last,
    ),
    (
        anchored(
            rf"{_WHICH}(?: {_AMONG} (?:these|them|those|the following))? {_IS}(?: the)?(?: one| number| value)? "
            rf"{_CLOSE}{_NOUN}(?: to)? {_E}[:;,] {_THE_LIST}{_E}"
        ),
        _h_closest_list_last,
    ),
    # "the number closest to 3 in 1, 2, 4", "the second smallest value among ..."
    (
        anchored(
            rf"(?:the )?(?:number|value|one|item|entry|element)(?: that is| which is)? {_CLOSE} to {_E} {_AMONG} "
            rf"{_THE_LIST}{_E}"
        ),
        _h_closest_list_last,
    ),
    # "-2, 0.3, 2.4: which is the biggest?"
    (anchored(rf"{_E}[,:;] {_WHICH} {_IS}(?: the)? {_ORD}({_SUPERLATIVE}){_NOUN}"), _h_kth_list_first),
    (
        anchored(rf"{_E}[,:;] {_WHICH} {_IS}(?: the)?(?: one| number| value)? {_CLOSE}{_NOUN}{_TARGET}"),
        _h_closest_list_first,
    ),
    # "Which is bigger: 3 or 4?", "Is p or i the smaller one?", "3 or 4, which is bigger?"
    (
        anchored(
            rf"(?:which|what)(?:'s| is| number is| value is| one is) (?:the )?(\w+)(?: number| value| one)?[:,]? {_E} (?:or|vs\.?|versus) {_E}"
        ),
        _h_which_of_two,
    ),
    (anchored(rf"(?:is|are) {_E} or {_E} (?:the )?({_SUPERLATIVE}){_NOUN}"), _h_two_first),
    (
        anchored(
            rf"{_E} (?:or|vs\.?|versus) {_E}[,:;] which (?:one |number )?is (?:the )?({_SUPERLATIVE}){_NOUN}"
        ),
        _h_two_first,
    ),
    # The DeepMind frames: "What is the third biggest value in ...", "What is the nearest to 3 in ...".
    (
        anchored(
            rf"(?:{_WHICH} is )?(?:the )?{_ORD}({_SUPERLATIVE})(?: value| number| one| option)?(?: {_AMONG} {_THE_LIST}{_E})?"
        ),
        _h_kth_list_last,
    ),
    (
        anchored(
            rf"(?:{_WHICH} is )?(?:the )?{_CLOSE} (?:value |number |one |option )?to {_E}(?: {_AMONG} {_THE_LIST}{_E})?"
        ),
        _h_closest_list_last,
    ),
    # Sorting.
    (anchored(rf"{_SORT_ONLY} {_LISTED}{_E}(?: (?:in|into) (\w+)(?: order)?)?"), _h_sort),
    (anchored(rf"{_SORT_VERB} {_LISTED}{_E},? (?:in|into) (\w+) order"), _h_sort),
    (anchored(rf"{_SORT_VERB} {_LISTED}(?:in order )?{_TO}[:,]? {_E}"), _h_sort_from_to),
    (anchored(rf"{_SORT_VERB} {_LISTED}(?:in|into) (\w+) order[:,]? {_E}"), _h_sort_order_first),
    (anchored(rf"{_E},? (?:sorted|ordered|arranged|put|listed|written) (?:in|into) (\w+) order"), _h_sort),
    (anchored(rf"{_E},? (?:sorted|ordered|arranged|put|listed|written) (?:in order )?{_TO}"), _h_sort_to),
    (anchored(rf"{_E},? (?:in|into) (ascending|descending|increasing|decreasing) order"), _h_sort),
    (anchored(rf"{_SORT_VERB} {_LISTED}{_E},? (?:(?:in|into) (?:order|sequence),? )?{_TO}"), _h_sort_to),
    (
        anchored(
            rf"{_SORT_VERB} {_LISTED}{_E},? (?:in order,? )?(?:with )?(?:the )?(\w+)(?: number| value| one)? first"
        ),
        _h_sort_first,
    ),
    (anchored(rf"(?:put|place|list|write) {_LISTED}{_E} in order"), _h_sort_ascending),
    # "How do 6, -5.6 and y rank from highest to lowest?", "How would 3, 1, 2 go in ascending order?"
    (anchored(rf"how (?:do|does|would|will|should) {_LISTED}{_E} {_RANK_VERB},? (?:in order,? )?{_TO}"), _h_sort_to),
    (anchored(rf"how (?:do|does|would|will|should) {_LISTED}{_E} {_RANK_VERB},? (?:in|into) (\w+) order"), _h_sort),
]


__all__ = ["BIGGER", "CHOICE_RULES", "SMALLER", "direction", "split_list"]
