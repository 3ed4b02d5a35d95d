"""Two amounts compared: the difference asked, or one amount told by its difference from the other.

- "How much longer was the green caterpillar than the orange caterpillar?" over two told amounts: the
  question's words before "than" name one amount, those after it the other; each amount is named by the words
  of its clause that no other amount's clause has ("green" / "orange"). x = the first less the second, and it
  must be positive (the question says which is larger).
- "Kim sold 54 boxes. Jennifer sold 17 more boxes than Kim. How many boxes did Jennifer sell?": a clause with
  "N more/fewer ... than T" tells one amount by the other, T naming the clause of the other amount ("than Kim",
  "than the grasshopper", "than science kits", "than in the morning"). The question asks the compared amount
  (its clause's own words, not the other's), the other one when the compared amount is the one told ("Adam ran
  25 miles more than Katie. Adam ran 35 miles. How many miles did Katie run?"), or both together ("altogether",
  "in all"). "N times as many as T" tells it by a factor.

Exactly two numbers, both in the story; anything else is declined.
"""

from __future__ import annotations

from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, solved
from reasoner.solvers.math.story.words import Tok, word_forms
from reasoner.solvers.math.tree import Bin
from reasoner.text.stopwords import FUNCTION_WORDS

_UP = frozenset("more greater higher farther further longer taller older heavier bigger larger later".split())
_DOWN = frozenset("fewer less lower shorter younger lighter smaller earlier".split())
_TOTAL = frozenset("altogether total together combined both".split())
_SKIP = FUNCTION_WORDS | _UP | _DOWN | {"much", "many", "how", "what", "than", "did", "does", "do", "time", "times"}
_BOUNDS = frozenset({",", "and", ";", "but", "which", "while"})
_SHIFTED = frozenset("ago later hence earlier before after will".split())


def _clauses(toks: list[Tok]) -> list[list[Tok]]:
    """The story cut at sentence ends, commas and "and": each number with the words of its own clause."""
    out: list[list[Tok]] = [[]]
    for t in toks:
        if t.low in _BOUNDS or t.text in (".", "!", "?") or out[-1] and out[-1][-1].sent != t.sent:
            out.append([])
            if t.low in _BOUNDS or t.text in (".", "!", "?"):
                continue
        out[-1].append(t)
    return [c for c in out if c]


def _words(toks: list[Tok]) -> set[str]:
    return word_forms(toks, _SKIP)


def _question(toks: list[Tok]) -> tuple[list[Tok], list[Tok]]:
    last = max(t.sent for t in toks)
    return [t for t in toks if t.sent < last], [t for t in toks if t.sent == last]


def _own(words: list[set[str]]) -> list[set[str]]:
    """Each clause's words that no other clause has."""
    return [w - set().union(*(o for j, o in enumerate(words) if j != i)) for i, w in enumerate(words)]


def _difference_asked(story: list[Tok], question: list[Tok]) -> KindAnswer | None:
    low = [t.low for t in question]
    if "than" not in low or low[:1] != ["how"] or not ({"more", "farther", "further", "longer", "taller", "heavier",
                                                         "older", "bigger", "larger", "higher"} & set(low[1:3])):
        return None
    than = low.index("than")
    a_words, b_words = _words(question[2:than]), _words(question[than + 1:])
    clauses = [c for c in _clauses(story) if any(t.is_num for t in c)]
    if len(clauses) != 2 or any(sum(t.is_num for t in c) != 1 for c in clauses):
        raise ParseError("a difference asked of other than two amounts, one to a clause")
    own = _own([_words(c) for c in clauses])
    score = [(len(o & a_words), len(o & b_words)) for o in own]
    if score[0][0] > score[0][1] and score[1][1] > score[1][0]:
        first, second = clauses
    elif score[1][0] > score[1][1] and score[0][1] > score[0][0]:
        second, first = clauses
    else:
        raise ParseError("which amount each side of 'than' names is not clear")
    a = next(t for t in first if t.is_num).value
    b = next(t for t in second if t.is_num).value
    if a <= b:
        raise ParseError("the amount asked larger is not the larger one")
    return solved([eq(X, Bin("-", linear.num(a), linear.num(b)))], "how much more")


def _comparison(clause: list[Tok]) -> tuple[Fraction, str, list[Tok]] | None:
    """(N, "+"/"-"/"*", the words after "than"/"as") of "N more ... than T" or "N times as many ... as T"."""
    low = [t.low for t in clause]
    for k, t in enumerate(clause):
        if not t.is_num:
            continue
        window = low[k + 1:k + 5]
        if "than" in low[k + 1:]:
            than = low.index("than", k + 1)
            between = set(low[k + 1:than])
            up, down = between & _UP, between & _DOWN
            if "times" in between:
                raise ParseError("'N times more than' is read two ways")
            if bool(up) != bool(down) and than - k <= 6 and (up or down) & set(window):
                return t.value, "+" if up else "-", clause[than + 1:]
        if low[k + 1:k + 3] == ["times", "as"] or low[k + 1:k + 2] == ["as"] and t.low in ("twice", "half"):
            start = k + 3 if low[k + 1] == "times" else k + 2
            at = next((j for j in range(start, len(low)) if low[j] == "as"), -1)
            if at > 0:
                return t.value, "*", clause[at + 1:]
    return None


def _told_by_other(story: list[Tok], question: list[Tok]) -> KindAnswer | None:
    clauses = [c for c in _clauses(story) if any(t.is_num for t in c)]
    found = [(i, _comparison(c)) for i, c in enumerate(clauses)]
    found = [(i, f) for i, f in found if f is not None]
    if not found:
        return None
    if len(clauses) != 2 or len(found) != 1 or any(sum(t.is_num for t in c) != 1 for c in clauses):
        raise ParseError("a comparison with other than one other amount")
    i, (d, op, than) = found[0]
    other = clauses[1 - i]
    if {t.low for t in other} & (_UP | _DOWN | {"twice", "thrice", "times", "half", "than", "ago", "after"}):
        raise ParseError("the other amount is itself compared or shifted in time")
    if question[0].low not in ("how", "what"):
        raise ParseError("the question asks no single amount")
    value = next(t for t in other if t.is_num).value
    target = _words(than)
    if not target:
        raise ParseError("the other side of the comparison is not named")
    cwords = _words([t for t in clauses[i] if t not in than])
    owords = _words(other)
    q = _words(question)
    q_low = {t.low for t in question}
    total = bool(q_low & _TOTAL) or "all" in q_low and "in" in q_low
    compared = Bin(op, linear.num(value), linear.num(d))
    sentence = _words([t for t in story if t.sent == other[0].sent])  # the other amount's whole sentence
    if target <= owords | cwords and target & owords and not target - owords:
        # the other amount is the one told: "Kim sold 54 ... Jennifer sold 17 more boxes than Kim"
        own_c = cwords - owords
        if own_c & sentence:
            raise ParseError("the other amount's sentence also names the compared side")  # "A desk and a chair cost"
        if total:
            expr = Bin("+", linear.num(value), compared)
        elif q & own_c and not q & target:
            expr = compared
        else:
            raise ParseError("the question asks neither the compared amount nor the total")
    elif not target & sentence and cwords & owords:
        # the compared amount is the one told: "Adam ran 25 miles more than Katie. Adam ran 35 miles."
        if op == "*" or total or not q & target:
            raise ParseError("the other amount asked by its comparison is not read")
        expr = Bin("-" if op == "+" else "+", linear.num(value), linear.num(d))
    else:
        raise ParseError("the side 'than' names is not told")
    return solved([eq(X, expr)], "compared amount")


def read(toks: list[Tok]) -> KindAnswer | None:
    """A difference of two amounts, or an amount told by its difference, or None when no comparison is read.

    Raises:
        ParseError: a comparison is asked or told, and its amounts are not read cleanly.
    """
    story, question = _question(toks)
    if not story or any(t.is_num for t in question):
        return None
    low = [t.low for t in toks]
    if set(low) & _SHIFTED or any(a == "from" and b == "now" for a, b in zip(low, low[1:], strict=False)):
        return None  # "five years ago Tom was 3 years older": amounts at other times than the comparison's
    if sum(t.is_num for t in story) != 2:
        return None
    found = _difference_asked(story, question)
    if found is not None:
        return found
    return _told_by_other(story, question)
