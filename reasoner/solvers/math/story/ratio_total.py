"""Two sides told "in the ratio p to q" with their total, their difference or one side: "Jonas and Pia share 35
marbles in the ratio 3 to 4. How many marbles does Pia get?", "Red and green apples are in a basket in the ratio
5 to 4. There are 36 apples in total. How many of them are red?"

English names the two sides first ("A and B ... in the ratio p:q", "p to q") and gives them the ratio's
numbers in that order. The one other number is the whole the sides share (told in the ratio's own clause,
"share $56", "cut a 35 inch rope into two pieces", or said to be a total: "in total", "altogether", "the total
number"), their difference ("the difference between the numbers is 12"), or one side's amount (a clause that
names one side and not the other). The question names the side it asks by a word of that side and not of the
other, or by its size ("the larger", "the smaller share"); the side is its share of the whole, p / (p + q) of
it, or by the difference, p / |q - p| of it, or the known side scaled by the ratio.
"""

from __future__ import annotations

from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, sentences, solved
from reasoner.solvers.math.story.words import Tok, can_be, noun_lemma, verb_lemma
from reasoner.solvers.math.tree import Bin
from reasoner.text.stopwords import FUNCTION_WORDS

_STOP = frozenset("is are was were be in , share shared split divided receive received get got win won earn "
                  "earned cut have had own collect collected travel travelled traveled score scored".split())
_TOTAL = frozenset("total altogether combined all together sum".split())
_SHARE = frozenset("share split divide cut receive".split())
_LARGE = frozenset("larger largest longer longest bigger biggest greater greatest more most".split())
_SMALL = frozenset("smaller smallest shorter shortest less least fewer fewest".split())
_SIDE_FILLER = frozenset("number numbers amount amounts ratio the of".split())


def _pair(toks: list[Tok]) -> tuple[int, int] | None:
    """Where p and q of "in the ratio p:q" / "p to q" are, after the word "ratio"."""
    r = next((k for k, t in enumerate(toks) if t.low == "ratio"), -1)
    if r < 0:
        return None
    for k in range(r + 1, min(r + 4, len(toks) - 2)):
        if toks[k].is_num and toks[k + 1].low in (":", "to") and toks[k + 2].is_num:
            return k, k + 2
    return None


def _words(toks: list[Tok]) -> set[str]:
    return {noun_lemma(t.low) for t in toks if t.low.isalpha() and t.low not in FUNCTION_WORDS | _SIDE_FILLER}


def _sides(toks: list[Tok], p: int) -> tuple[set[str], set[str]]:
    """The two sides named before the ratio in its sentence: "Farah and her brother", "Red and green apples"."""
    sent = [k for k in range(p) if toks[k].sent == toks[p].sent]
    ands = [k for k in sent if toks[k].low == "and"]
    if len(ands) != 1:
        raise ParseError("the two sides of the ratio are not named as 'A and B'")
    a = toks[sent[0]:ands[0]]
    b: list[Tok] = []
    for t in toks[ands[0] + 1:p]:
        if t.is_num or t.low in _STOP or verb_lemma(t.low) in _STOP and b:
            break
        b.append(t)
    if b and all(can_be(t.low, "ADJ") or t.low in FUNCTION_WORDS for t in a):
        b = b[:-1]  # "Red and green apples": the noun after the second side is both sides' noun
    wa, wb = _words(a), _words(b)
    return wa - wb, wb - wa


def read(toks: list[Tok]) -> KindAnswer | None:
    """One side of a ratio from the whole, the difference or the other side; None when no "A and B ... in the
    ratio p:q" is told.

    Raises:
        ParseError: such a ratio is told, and the other number or the question does not fit one side.
    """
    pair = _pair(toks)
    if pair is None:
        return None
    p_at, q_at = pair
    low = [t.low for t in toks]
    if "of" in low[max(0, p_at - 5):p_at] and low[low.index("ratio") + 1:low.index("ratio") + 2] == ["of"]:
        return None  # "the ratio of A to B is p:q": the ratio reader's form
    side_a, side_b = _sides(toks, p_at)
    if not side_a or not side_b:
        raise ParseError("the two sides of the ratio are not told apart")
    sents = sentences(toks)
    question = sents[-1]
    q_start = len(toks) - len(question)
    others = [k for k, t in enumerate(toks) if t.is_num and k not in pair]
    if len(others) != 1 or others[0] >= q_start:
        raise ParseError("a ratio with other than one more number told before the question")
    n = others[0]
    p, q = toks[p_at].value, toks[q_at].value
    asked = _asked(question, side_a, side_b, p, q)
    _check_sizes(toks[:q_start], side_a, side_b, p, q)
    mine, other = (p, q) if asked == 0 else (q, p)
    expr = _side(toks, n, pair, side_a, side_b, asked, mine, other)
    qlow = [t.low for t in question]
    return solved([eq(X, expr)], "ratio with a total", whole="many" in qlow)


def _check_sizes(story: list[Tok], side_a: set[str], side_b: set[str], p: Fraction, q: Fraction) -> None:
    """ "..., with Farah getting the smaller share": a side said to be the larger or smaller must be so in the
    order the ratio gives its numbers."""
    for k, t in enumerate(story):
        if t.low not in _LARGE | _SMALL or t.low in ("more", "less"):
            continue
        start = max((j for j in range(k) if story[j].low in (",", "with", ".")), default=0)
        named = _words(story[start:k])
        in_a, in_b = bool(named & side_a), bool(named & side_b)
        if in_a == in_b or p == q:
            raise ParseError("a side said to be larger or smaller is not told apart")
        mine, other = (p, q) if in_a else (q, p)
        if (mine > other) != (t.low in _LARGE):
            raise ParseError("the sizes said contradict the order of the ratio's numbers")


def _asked(question: list[Tok], side_a: set[str], side_b: set[str], p: Fraction, q: Fraction) -> int:
    words = _words(question)
    qlow = {t.low for t in question}
    if qlow & {"each", "both"}:
        raise ParseError("both sides are asked")
    in_a, in_b = bool(words & side_a), bool(words & side_b)
    if in_a != in_b:
        return 0 if in_a else 1
    big, small = bool(qlow & _LARGE), bool(qlow & _SMALL)
    if big != small and p != q and not in_a:
        return 0 if (p > q) == big else 1
    raise ParseError("the question does not name one side of the ratio")


def _side(toks: list[Tok], n: int, pair: tuple[int, int], side_a: set[str], side_b: set[str], asked: int,
          mine: Fraction, other: Fraction) -> object:
    sent = [t for t in toks if t.sent == toks[n].sent]
    words = {t.low for t in sent} | {verb_lemma(t.low) for t in sent}
    value = linear.num(toks[n].value)
    if words & {"difference"}:
        if mine == other:
            raise ParseError("equal sides have no difference")
        return Bin("/", Bin("*", value, linear.num(mine)), linear.num(abs(other - mine)))
    named = _words(sent)
    told_a, told_b = bool(named & side_a), bool(named & side_b)
    whole = toks[n].sent == toks[pair[0]].sent and words & _SHARE or words & _TOTAL
    if whole:
        return Bin("/", Bin("*", value, linear.num(mine)), linear.num(mine + other))
    if told_a != told_b and toks[n].sent != toks[pair[0]].sent:
        known = 0 if told_a else 1
        if known == asked:
            raise ParseError("the side asked is the side told")
        return Bin("/", Bin("*", value, linear.num(mine)), linear.num(other))
    raise ParseError("the other number is not the whole, the difference or one side")
