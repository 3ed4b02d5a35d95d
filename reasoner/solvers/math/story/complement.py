"""The rest of a set beside a part of it: "He bought 21 games from a friend and bought 8 more at a garage sale. If 23
of the games didn't work, how many good games did he end up with?"

The story tells amounts that were got or held, then one part of them ("23 of the games", "only 12 of the
carrots", "10 of them", "only 3 hamburgers") with what holds of that part ("didn't work", "were good", "got called
back"). The question asks the other part when it says the opposite: a negation the part lacks (or the part's
negation it lacks: "didn't leave a tip" / "did leave a tip"), an antonym of the part's word (WordNet: "good" /
"bad"), an "un-" word ("broken" / "unbroken"), or what is left over ("extra", "over", "left", "the rest"). The
set is every amount the part names ("of them": all; "of the carrots": the carrots, and amounts told without
their noun), and the answer is their sum less the part. Anything else told (a comparison, a rate, a loss)
declines.
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.compare_amounts import _clauses
from reasoner.solvers.math.story.kinds import is_kind_of
from reasoner.solvers.math.story.lexicon import verb_class
from reasoner.solvers.math.story.mentions import is_noun_word
from reasoner.solvers.math.story.more import KindAnswer, X, eq, solved
from reasoner.solvers.math.story.words import Tok, noun_lemma, verb_lemma
from reasoner.solvers.math.tree import Bin
from reasoner.text import wordnet

_NEG = frozenset("n't not never no".split())
_LEFT = frozenset("extra over left remaining rest".split())
_OTHER = frozenset("than times each per every half twice".split())
_AWAY = frozenset("give lose depart".split())


def _negated(toks: list[Tok]) -> bool:
    return any(t.low in _NEG for t in toks)


def _antonyms(word: str) -> set[str]:
    wn = wordnet.load()
    if wn is None:
        return set()
    out: set[str] = set()
    for off in wn.offsets(word, "a")[:2]:
        for sym, pos, target in wn.synset("a", off).pointers:
            if sym == "!" and pos in ("a", "s"):
                out |= set(wn.synset("a", target).words)
    return out


def _noun_after(toks: list[Tok], k: int) -> str:
    for t in toks[k + 1:k + 3]:
        if t.is_num or not t.text[:1].isalpha():
            return ""
        if is_noun_word(t) and t.low not in ("of", "more"):
            return noun_lemma(t.low)
    return ""


def _part(clause: list[Tok]) -> tuple[int, str] | None:
    """(index of the part's number, the noun of its set: "" for "of them") of "N of them/the X", "only N X"."""
    for k, t in enumerate(clause):
        if not t.is_num:
            continue
        low = [x.low for x in clause[k + 1:k + 4]]
        if low[:2] == ["of", "them"]:
            return k, ""
        if low[:2] == ["of", "the"] and len(low) > 2:
            return k, noun_lemma(low[2])
        if k and clause[k - 1].low == "only" and _noun_after(clause, k):
            return k, _noun_after(clause, k)
    return None


_AUX = frozenset("did does do were was are is would will can could had have has should must".split())


def _asked_noun(question: list[Tok]) -> str:
    """The noun the question counts: the last noun before its verb ("how many good games did ..." -> game)."""
    nouns = []
    for t in question[2:]:
        if t.low in _AUX or not t.text[:1].isalpha():
            break
        if is_noun_word(t):
            nouns.append(noun_lemma(t.low))
    return nouns[-1] if nouns else ""


def _counts_the_set(asked: str, set_noun: str, told: list[str], story: list[Tok]) -> bool:
    """The asked noun is the set's: a told noun, the part's, a word for all the told ones, or persons for persons."""
    named = {n for n in told if n} | ({set_noun} if set_noun else set())
    if asked in named or asked in {noun_lemma(t.low) for t in story}:
        return True
    if named and all(is_kind_of(n, asked, synonyms=False) for n in named):
        return True
    return bool(named) and is_kind_of(asked, "person", False) and all(is_kind_of(n, "person", False) for n in named)


def read(toks: list[Tok]) -> KindAnswer | None:
    """The rest of a told set beside a part of it, or None when the story tells no such part.

    Raises:
        ParseError: a part and its opposite are asked, and the set is not read cleanly.
    """
    at = max((k for k, t in enumerate(toks) if t.low == "how" and k + 1 < len(toks) and toks[k + 1].low in
              ("many", "much")), default=-1)
    if at < 0:
        return None
    story, question = toks[:at], toks[at:]
    if any(t.is_num for t in question):
        return None
    clauses = [c for c in _clauses(story) if any(t.is_num for t in c)]
    if len(clauses) < 2:
        return None
    found = _part(clauses[-1])
    if found is None or sum(t.is_num for t in clauses[-1]) != 1:
        return None
    k, set_noun = found
    part_clause = clauses[-1]
    part = part_clause[k]
    q_words = {t.low for t in question}
    p_words = {t.low for t in part_clause}
    opposite = (_negated(question) != _negated(part_clause)
                or any(w.startswith("un") and w[2:] in p_words for w in q_words)
                or any(_antonyms(w) & q_words for w in p_words if w.isalpha())
                or bool(q_words & _LEFT) and not _negated(part_clause))
    if not opposite:
        return None
    told = []
    for c in clauses[:-1]:
        words = {t.low for t in c}
        if words & _OTHER or {verb_class(verb_lemma(t.low)) for t in c} & _AWAY:
            raise ParseError("the set is told with more than amounts got or held")
        for j, t in enumerate(c):
            if t.is_num:
                told.append((t.value, _noun_after(c, j)))
    if not told:
        return None
    members = [v for v, noun in told if not set_noun or not noun or noun == set_noun
               or is_kind_of(noun, set_noun, synonyms=False)]
    others = [noun for v, noun in told if set_noun and noun and noun != set_noun
              and not is_kind_of(noun, set_noun, synonyms=False)]
    nouns = {noun for _, noun in told if noun}
    if not set_noun and len(nouns) > 1 and not all(is_kind_of(n, "person", False) for n in nouns):
        raise ParseError("'of them' over amounts of different things")  # "It rained for 3 days" is no part of it
    if not members or others and set_noun not in {noun_lemma(w) for w in q_words}:
        raise ParseError("the set the part is taken from is not told")
    if set_noun and not any(noun == set_noun or noun and is_kind_of(noun, set_noun, False) for _, noun in told) \
            and set_noun not in {noun_lemma(t.low) for t in story}:
        raise ParseError("the part's noun names nothing told")
    asked = _asked_noun(question)
    if asked and not _counts_the_set(asked, set_noun, [noun for _, noun in told], story):
        raise ParseError(f"the question counts {asked}s, not the set")
    expr = linear.num(members[0])
    for v in members[1:]:
        expr = Bin("+", expr, linear.num(v))
    return solved([eq(X, Bin("-", expr, linear.num(part.value)))], "rest of a set", whole=True)
