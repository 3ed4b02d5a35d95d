"""A ratio asked: "There are 43 empty seats and 7 occupied seats on an airplane. What is the ratio of the number of
occupied seats to the total number of seats?" answers "7:50".

"The ratio of A to B" names two sides; the story tells two amounts. Each amount is a side when its clause's own
words (those the other amount's clause lacks) share more with that side's own words than with the other's.
A side saying "total" is the whole: the amount told as a whole ("out of the 26 students", "a total of", "in all"),
else the two parts together. A side no amount names is the rest of a told whole when the side is a complement
("the rest", "left", "still", "not", "non-", "without", "other") or its own words are in the story (a shop that
"offers red and green apples" and sold 7 red of 77). The answer is the ratio in lowest whole terms, "p:q".
"""

from __future__ import annotations

import math
from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.compare_amounts import _clauses, _own
from reasoner.solvers.math.story.more import KindAnswer, X, eq, ratio_of_to, solved
from reasoner.solvers.math.story.words import Tok, word_forms
from reasoner.solvers.math.tree import Bin
from reasoner.text.stopwords import FUNCTION_WORDS

_SKIP = FUNCTION_WORDS - {"not", "with", "without", "other"} | {"number", "ratio", "many", "much", "what", "find", "did",
                                                        "does", "do", "sold", "total"}
_COMPLEMENT = frozenset("rest left still remaining not non without other n't".split())
_WHOLE = frozenset("total all out".split())


def _words(toks: list[Tok]) -> set[str]:
    return word_forms(toks, _SKIP)


def _sides(question: list[Tok]) -> tuple[list[Tok], list[Tok]] | None:
    return ratio_of_to(question, lambda w: w in ("?", ".", ","))


def _ratio_text(a: Fraction, b: Fraction) -> str:
    q = a / b
    p, r = q.numerator, q.denominator
    g = math.gcd(p, r)
    return f"{p // g}:{r // g}"


def read(toks: list[Tok]) -> KindAnswer | None:
    """The ratio asked of two told amounts, or None when no ratio of two sides is asked.

    Raises:
        ParseError: a ratio is asked, and its sides are not named by the story's amounts cleanly.
    """
    last = max(t.sent for t in toks)
    question = [t for t in toks if t.sent == last]
    at = next((k for k, t in enumerate(question) if t.low in ("what", "find")), -1)
    sides = _sides(question[at:]) if at >= 0 else None
    if sides is None or any(t.is_num for t in question[at:]):
        return None
    story = [t for t in toks if t.sent < last] + question[:at]
    every = _clauses([t for t in story if t.low != "one"])  # "in one morning": "one" is an article
    # a clause of "the rest" shares its words with no amount ("4 are sitting on the bleachers and the rest are
    # sitting on the floor"); the other clauses without a number only tell what there is ("offers red and green")
    every = [c for c in every if any(t.is_num for t in c) or {t.low for t in c} & _COMPLEMENT]
    own_all = _own([_words(c) for c in every])
    numbered = [i for i, c in enumerate(every) if any(t.is_num for t in c)]
    clauses = [every[i] for i in numbered]
    if len(clauses) != 2 or any(sum(t.is_num for t in c) != 1 for c in clauses):
        raise ParseError("a ratio asked of other than two amounts, one to a clause")
    values = [next(t for t in c if t.is_num).value for c in clauses]
    if any(v <= 0 for v in values):
        raise ParseError("a ratio of nothing")
    a_toks, b_toks = sides
    a_all, b_all = {t.low for t in a_toks}, {t.low for t in b_toks}
    a_words, b_words = _words(a_toks), _words(b_toks)
    a_own, b_own = a_words - b_words, b_words - a_words
    own = [own_all[i] for i in numbered]
    named = []  # the side each amount names: 0 (A), 1 (B), or -1
    for o in own:
        sa, sb = len(o & a_own), len(o & b_own)
        if not a_own and not sa and not sb and o & a_words:
            sa = 1  # "fiction" beside "non-fiction": the side whose words are all shared, named without the other's
        elif not b_own and not sa and not sb and o & b_words:
            sb = 1
        named.append(0 if sa > sb else 1 if sb > sa else -1)
    whole = [i for i, c in enumerate(clauses) if {t.low for t in c} & _WHOLE]
    total_side = [s for s, words in ((0, a_all), (1, b_all)) if "total" in words or "all" in words]
    side_value: dict[int, object] = {}
    if len(total_side) == 1:
        t_side = total_side[0]
        part = [i for i in range(2) if named[i] == 1 - t_side]
        if len(part) != 1:
            raise ParseError("the part beside the total is not named")
        p = part[0]
        other = 1 - p
        if other in whole or named[other] == -1 and values[other] > values[p] and whole:
            side_value = {1 - t_side: linear.num(values[p]), t_side: linear.num(values[other])}
        elif named[other] == -1 and not whole:
            side_value = {1 - t_side: linear.num(values[p]),
                          t_side: Bin("+", linear.num(values[p]), linear.num(values[other]))}
        else:
            raise ParseError("the whole of the ratio is not told")
        if {p, other} & set(whole) and len(whole) == 2:
            raise ParseError("two wholes")
        if t_side in side_value and other in whole and values[other] <= values[p]:
            raise ParseError("the whole is not larger than its part")
    elif total_side:
        raise ParseError("both sides are totals")
    elif sorted(named) == [0, 1]:
        side_value = {named[0]: linear.num(values[0]), named[1]: linear.num(values[1])}
    elif sorted(named) == [-1, 0] or sorted(named) == [-1, 1]:
        p = named.index(0) if 0 in named else named.index(1)
        whole_i, side = 1 - p, named[p]
        rest_side = 1 - side
        rest_toks = b_toks if rest_side else a_toks
        rest_own = (b_own if rest_side else a_own) or (b_words if rest_side else a_words)
        complement = {t.low for t in rest_toks} & _COMPLEMENT or any(t.low.startswith("non") for t in rest_toks)
        rest_named = bool(rest_own) and rest_own <= _words(story)
        if values[whole_i] <= values[p] or not (complement or rest_named):
            raise ParseError("the other side is not the rest of a told whole")
        side_value = {side: linear.num(values[p]),
                      rest_side: Bin("-", linear.num(values[whole_i]), linear.num(values[p]))}
    else:
        raise ParseError("which amount is which side of the ratio is not told")
    a_expr, b_expr = side_value[0], side_value[1]
    answer = solved([eq(X, Bin("/", a_expr, b_expr))], "ratio asked", name="-")
    a_val, b_val = linear.value_of(a_expr, {}), linear.value_of(b_expr, {})
    if a_val <= 0 or b_val <= 0:
        raise ParseError("a side of the ratio came out as nothing")
    answer.name = _ratio_text(a_val, b_val)
    return answer
