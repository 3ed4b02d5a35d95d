"""A fraction or percent of one told amount: "A class has 30 students, and a third of them walk to school."

English states the part by a fraction or a percent of the whole, told before it: "a third of them", "three
quarters of the cupcakes", "30% of it", or with the part as the subject of its own clause, after the whole
("In a bag of 60 jellybeans, 15% are green", "Of the 200 people surveyed, two fifths said ..."). The question
asks the part when it repeats what the part's clause tells of it (its verb: "walk", "sell", "save"; or its
state: "green"); it asks the rest when it says what is left ("How many meters of rope are left?") and the
part's clause tells a loss or a use ("Half of it was used"). The text holds exactly these two numbers (a
distractor or a second step declines), and a count asked must come out whole.
"""

from __future__ import annotations

from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.story import answer, lexicon, linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, sentences, solved
from reasoner.solvers.math.story.words import Tok, can_be, noun_lemma, verb_lemma
from reasoner.solvers.math.tree import Bin
from reasoner.text.stopwords import FUNCTION_WORDS

# After "of": a word that takes the amount told before ("of them", "of the cupcakes", "of it").
_OF_TOLD = frozenset("them it his her their its the those these".split())
_AUX = frozenset("be have do get will would can could should shall may might must".split())
_LEFT = frozenset("left remain remaining rest".split())
_NOT = frozenset("not n't never other others".split())
_ASKED_ANYWAY = frozenset("each every there altogether total all".split())
_QUESTION_VERBS = frozenset("is are was were do does did will would can could should has have had".split())
_USED = frozenset("use spend eat cut".split())  # uses that leave less of the whole, beside the lexicon's losses


def _fraction(t: Tok) -> Fraction | None:
    if not t.is_num:
        return None
    if t.unit == "percent":
        return t.value / 100 if 0 < t.value < 100 else None
    if 0 < t.value < 1 and t.text[:1].isalpha():  # "a third", "two fifths", "half" (not "0.5 liters")
        return t.value
    return None


def _content(toks: list[Tok]) -> tuple[set[str], set[str]]:
    """The verbs (not auxiliaries) and the adjectives of some tokens."""
    verbs, adjectives = set(), set()
    for t in toks:
        if t.is_num or not t.low.isalpha():
            continue
        v = verb_lemma(t.low)
        if v and v not in _AUX and can_be(t.low, "VERB"):
            verbs.add(v)
        if can_be(t.low, "ADJ") and not can_be(t.low, "VERB"):
            adjectives.add(t.low)
    return verbs, adjectives


def read(toks: list[Tok]) -> KindAnswer | None:
    """The part (or the rest) of a whole by a fraction or percent of it; None when no such part is told.

    Raises:
        ParseError: a fraction of a told amount is there, and the question or another number is not read.
    """
    sents = sentences(toks)
    if len(sents) < 2:
        return None
    question, body = sents[-1], [t for s in sents[:-1] for t in s]
    nums = [t for t in body if t.is_num]
    fracs = [t for t in nums if _fraction(t) is not None]
    if len(fracs) != 1:
        return None
    unread = answer.unread_fraction(body)
    if unread:
        raise ParseError(f"'{unread}' is a second part, not read as a number")
    frac = fracs[0]
    at = next(k for k, t in enumerate(body) if t is frac)
    nxt = body[at + 1].low if at + 1 < len(body) else ""
    after = body[at + 2].low if at + 2 < len(body) else ""
    of_told = nxt == "of" and after in _OF_TOLD
    subject = nxt in ("are", "is", "were", "was") or bool(nxt) and can_be(nxt, "VERB") and not can_be(nxt, "NOUN")
    if not (of_told or subject):
        return None
    if any(t.is_num for t in question) or len(nums) != 2:
        raise ParseError("a fraction of an amount beside other numbers is not read as one part")
    whole = next(t for t in nums if t is not frac)
    if whole.unit == "percent" or whole.value < 1 or body.index(whole) > at:
        raise ParseError("the whole of the fraction is not told before it")
    q = [t.low for t in question]
    if q[:2] not in (["how", "many"], ["how", "much"]):
        raise ParseError("the question does not ask an amount")
    k = body.index(whole)
    noun = noun_lemma(body[k + 1].low) if k + 1 < len(body) and body[k + 1].low.isalpha() else ""
    unit = whole.unit or noun
    named = []
    for w in q[2:]:
        if w in _QUESTION_VERBS or not w.isalpha():
            break
        named.append(w)
    if named and not any(noun_lemma(w) in (unit, noun) or w == body[k + 1].low for w in named):
        raise ParseError("the question counts another noun than the whole")  # "how many green jellybeans": ok
    if set(q) & _NOT:
        raise ParseError("a negation or an other side is asked")
    end = next((j for j in range(at + 1, len(body)) if body[j].sent != frac.sent or body[j].low in (",", "and")
                and j > at + 3), len(body))
    # the part's clause: back to the comma, "and" or sentence start before the fraction ("and sold three quarters
    # of them"), on to the next one after it ("15% are green")
    start = next((j + 1 for j in range(at - 1, -1, -1) if body[j].sent != frac.sent or body[j].low in (",", "and")),
                 0)
    part_verbs, part_adjs = _content(body[start:at] + body[at + 1:end])
    q_verbs, q_adjs = _content(question[2:])
    value = linear.num(frac.value) if frac.unit != "percent" else Bin("/", linear.num(frac.value), linear.num(Fraction(100)))
    part = Bin("*", linear.num(whole.value), value)
    told = {t.low for t in body}
    told |= {verb_lemma(w) for w in told} | {noun_lemma(w) for w in told}
    for w in q[2:]:
        if not w.isalpha() or w in FUNCTION_WORDS or w in _LEFT or w in _QUESTION_VERBS or w in _ASKED_ANYWAY:
            continue
        if not ({w, verb_lemma(w), noun_lemma(w)} & told or any(x.startswith(w) for x in told if len(w) > 3)):
            # "How many members play cards?" over "a quarter of them play chess"; "monthly" tells "month"
            raise ParseError(f"the question tells {w!r}, which the story does not")
    if set(q) & _LEFT:
        lost = any(lexicon.verb_class(v) in ("lose", "give") or v in _USED for v in part_verbs)
        if not lost:
            raise ParseError("what is left is asked, and the fraction's clause tells no loss or use")
        expr = Bin("-", linear.num(whole.value), part)
    elif (q_verbs & part_verbs) or (q_adjs & part_adjs):
        expr = part
    else:
        raise ParseError("the question does not ask what the fraction's clause tells")
    return solved([eq(X, expr)], "fraction", unit, whole=q[1] == "many")
