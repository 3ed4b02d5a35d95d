"""A number told by arithmetic in words: "If five is subtracted from three times a certain number, the result is 10.
What is the number?"

One sentence states an equation about "a (certain) number" (later "the number", "the same number", "itself") with
English's arithmetic phrases, read by a small grammar over the whole sentence: "N times E", "twice/thrice E",
"a fraction of E", "the sum of E and F", "the difference between E and F", "N more/less than E", "E plus/minus F",
"E added to/with F", "E subtracted from F", "E added twice to itself"; the sentence is "when/if E is added to
(subtracted from) F, the result is G" or "E equals (is equal to, is, gives) F". Every word of the sentence must be
read; the question asks the number ("What is the number?", "Find the number."). The equation is linear in it.
"""

from __future__ import annotations

from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, sentences, solved
from reasoner.solvers.math.story.words import Tok
from reasoner.solvers.math.tree import Bin, Num

_NUMBER = (("a", "certain", "number"), ("a", "number"), ("the", "number"), ("certain", "number"),
           ("the", "same", "number"), ("this", "number"), ("itself",))
_TIMES = {"twice": Fraction(2), "thrice": Fraction(3), "double": Fraction(2), "triple": Fraction(3)}
_EQUALS = (("is", "equal", "to"), ("equals",), ("gives",), ("is",))


def _words(toks: list[Tok]) -> list[object]:
    """The sentence as words and numbers (Fractions), commas dropped."""
    return [t.value if t.is_num and t.low not in _TIMES else t.low for t in toks if t.low not in (",",)
            and (t.text[:1].isalnum() or t.is_num)]


def _expr(w: list[object]) -> object | None:
    """The tree of a span, or None when the span is not one arithmetic phrase."""
    if not w:
        return None
    if tuple(w) in _NUMBER:
        return X
    if len(w) == 1 and isinstance(w[0], Fraction):
        return linear.num(w[0])
    head = w[0]
    if head in _TIMES and len(w) > 1:
        inner = _expr(w[1:])
        return Bin("*", linear.num(_TIMES[head]), inner) if inner is not None else None
    if isinstance(head, Fraction) and len(w) > 2 and w[1] == "times":
        inner = _expr(w[2:])
        return Bin("*", linear.num(head), inner) if inner is not None else None
    if isinstance(head, Fraction) and head < 1 and len(w) > 2 and w[1] == "of":
        inner = _expr(w[2:])
        return Bin("*", linear.num(head), inner) if inner is not None else None
    if isinstance(head, Fraction) and len(w) > 3 and w[1] in ("more", "less") and w[2] == "than":
        inner = _expr(w[3:])
        return Bin("+" if w[1] == "more" else "-", inner, linear.num(head)) if inner is not None else None
    for lead, op in ((("the", "sum", "of"), "+"), (("sum", "of"), "+"), (("the", "difference", "between"), "-"),
                     (("the", "difference", "of"), "-")):
        if tuple(w[:len(lead)]) == lead:
            return _split(w[len(lead):], ("and",), op)
    if w[-4:] == ["added", "twice", "to", "itself"] and tuple(w[:-4]) in _NUMBER:
        return Bin("+", X, Bin("*", Num("2"), X))
    for word, op, swap in ((("plus",), "+", False), (("minus",), "-", False), (("added", "to"), "+", True),
                           (("added", "with"), "+", False), (("subtracted", "from"), "-", True)):
        found = _split(w, word, op, swap)
        if found is not None:
            return found
    return None


def _split(w: list[object], word: tuple[str, ...], op: str, swap: bool = False) -> object | None:
    """E word F at the last place where both sides are phrases (left-associative "plus itself, plus twice ...")."""
    n = len(word)
    for k in range(len(w) - n, 0, -1):
        if tuple(w[k:k + n]) == word:
            left, right = _expr(w[:k]), _expr(w[k + n:])
            if left is not None and right is not None:
                return Bin(op, right, left) if swap else Bin(op, left, right)
    return None


def _equation(w: list[object]):
    if w and w[0] in ("when", "if"):
        for verb, op in ((("is", "added", "to"), "+"), (("is", "subtracted", "from"), "-")):
            n = len(verb)
            for k in range(1, len(w) - n):
                if tuple(w[k:k + n]) != verb:
                    continue
                for tail in (("the", "result", "is"), ("the", "answer", "is"), ("you", "get"), ("we", "get")):
                    for j in range(k + n + 1, len(w) - len(tail)):
                        if tuple(w[j:j + len(tail)]) == tail:
                            a, b, c = _expr(w[1:k]), _expr(w[k + n:j]), _expr(w[j + len(tail):])
                            if a is not None and b is not None and c is not None:
                                return eq(Bin(op, b, a), c)
        return None
    for verb in _EQUALS:
        n = len(verb)
        for k in range(1, len(w) - n):
            if tuple(w[k:k + n]) == verb:
                left, right = _expr(w[:k]), _expr(w[k + n:])
                if left is not None and right is not None:
                    return eq(left, right)
    return None


def read(toks: list[Tok]) -> KindAnswer | None:
    """The number an arithmetic sentence tells, or None when no sentence states one.

    Raises:
        ParseError: the question asks the number, and the sentence does not read as one linear equation.
    """
    sents = sentences(toks)
    question = [t.low for t in sents[-1]]
    asks = any(question[k:k + 3] in (["what", "is", "the"], ["find", "the", "number"]) for k in range(len(question)))
    if not asks or "number" not in question or len(sents) < 2:
        return None
    told = [s for s in sents[:-1] if any(t.low == "number" or t.low == "itself" for t in s)]
    if len(told) != 1 or len(sents) > 3:
        return None
    if any(t.is_num for s in sents if s is not told[0] for t in s):
        raise ParseError("a number outside the sentence about the number")
    rule = _equation(_words(told[0][:-1] if told[0][-1].text in (".", "!") else told[0]))
    if rule is None:
        raise ParseError("the sentence about the number is not read as arithmetic")
    answer = solved([rule], "number said")
    return answer
