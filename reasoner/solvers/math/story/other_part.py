"""The other of two parts of a told total: "Roger mowed his lawn 15 times total during the spring and summer. If he
mowed it 9 times in the summer, how many times did he mow in the spring?", "Edward was playing basketball with his
friend. Together they scored 13 points. If Edward scored 7 of the points, how many points did his friend score?"

English tells a total ("total", "together", "in all", "altogether", "combined", "the sum") of two parts named
before the question, then one part by its own clause; the question repeats that clause with the one word that
names the other part instead ("in the spring" for "in the summer", "his friend" for "Edward"). The two words are
of one kind: two seasons or two sides (nouns under one WordNet hypernym), two ordinals, antonyms, or two people
(a name and a person noun). The story must have named the asked part before (so the two parts are the whole),
and the total and the part are its only numbers; the answer is the total less the part.
"""

from __future__ import annotations

from functools import lru_cache

from reasoner.errors import ParseError
from reasoner.solvers.math.story import kinds, linear
from reasoner.solvers.math.story.more import KindAnswer, X, eq, solved
from reasoner.solvers.math.story.phrases import is_person, phrase_at, plain_question
from reasoner.solvers.math.story.words import Tok, can_be, known, noun_lemma, verb_lemma
from reasoner.solvers.math.tree import Bin
from reasoner.text import wordnet
from reasoner.text.stopwords import FUNCTION_WORDS

_TOTAL = frozenset("total together altogether all combined sum both".split())
_ORDINALS = frozenset("first second third fourth fifth".split())
_NOT_PARTS = frozenset("more less than as twice each per every fewer left".split())
_SKIP = frozenset("if how many much there".split())


def _content(toks: list[Tok]) -> set[str]:
    out = set()
    for t in toks:
        if t.is_num or not t.low.isalpha() or t.low in FUNCTION_WORDS or t.low in _SKIP:
            continue
        out.add(verb_lemma(t.low) if can_be(t.low, "VERB") and not can_be(t.low, "NOUN") else noun_lemma(t.low))
    return out


@lru_cache(maxsize=2048)
def _parents(word: str) -> frozenset[int]:
    wn = wordnet.load()
    if wn is None:
        return frozenset()
    out: set[int] = set()
    for off in kinds.senses(word)[:kinds.MEMBER_SENSES]:
        out |= {o for sym, pos, o in wn.synset("n", off).pointers if sym in ("@", "@i") and pos == "n"}
    return frozenset(out)


def _name(tok_text: str) -> bool:
    return tok_text[:1].isupper() and not known(tok_text)


def _contrast(asked: str, told: str, names: set[str]) -> bool:
    """Two words naming the two parts of one whole."""
    if asked == told:
        return False
    if asked in _ORDINALS and told in _ORDINALS:
        return True
    people = {w: w in names or is_person(w) for w in (asked, told)}
    if all(people.values()):
        return True
    return bool(_parents(asked) & _parents(told))


def read(toks: list[Tok]) -> KindAnswer | None:
    """The total less the told part, when the question swaps the part's one word for the other part's.

    Raises:
        ParseError: a total and a part are told, and the question does not name the other part.
    """
    at = plain_question(toks)
    if at < 0:
        return None
    nums = [k for k in range(at) if toks[k].is_num]
    if len(nums) != 2:
        return None
    total, part = nums
    t_sent = [t for t in toks if t.sent == toks[total].sent]
    if not {t.low for t in t_sent} & _TOTAL or toks[part].sent == toks[total].sent:
        return None
    p_sent = [t for t in toks[:at] if t.sent == toks[part].sent]
    if {t.low for t in p_sent + toks[at:]} & _NOT_PARTS:
        return None
    own = phrase_at(toks, part)
    end = own.end
    if end + 2 < len(toks) and toks[end].low == "of":
        end = phrase_at(toks, end + 1).end  # "7 of the points"
    told_words = _content([t for t in p_sent if not own.start <= toks.index(t) < end])
    asked_words = _content(toks[phrase_at(toks, at + 1).end:])
    new, gone = asked_words - told_words, told_words - asked_words
    if len(new) != 1 or len(gone) != 1 or not asked_words & told_words:
        return None
    (asked,), (told,) = new, gone
    names = {t.low for t in toks if _name(t.text)}
    if not _contrast(asked, told, names):
        return None
    before = {w for t in toks[:at] if t.sent != toks[part].sent for w in (t.low, noun_lemma(t.low))}
    if asked not in before:
        raise ParseError("the asked part is not named before: the two parts may not be the whole")
    if toks[part].value >= toks[total].value:
        raise ParseError("the part is not less than the total")
    expr = Bin("-", linear.num(toks[total].value), linear.num(toks[part].value))
    return solved([eq(X, expr)], "the other part", whole=toks[at + 1].low == "many")
