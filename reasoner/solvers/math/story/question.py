"""The question of a word problem: which quantity is unknown, whose, and at what point of the story.

"How many seashells did she give to Sam?" asks for the amount of a giving; "How many
markers does Megan have altogether?" for what Megan holds at the end; "How many more
balloons does James have than Amy?" for a difference; "How many packs ...?" for a count of
containers. Pure functions over tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reasoner.errors import ParseError
from reasoner.solvers.math.story import lexicon
from reasoner.solvers.math.story.clauses import Entities, group_subject, is_verb, verb_at
from reasoner.solvers.math.story.mentions import noun_phrase
from reasoner.solvers.math.story.words import Tok, can_be, verb_lemma

# "How much" without a noun asks for money when the story is about prices, else the story's unit.
_HOW_ADJ = {
    "far": "distance", "long": "length", "tall": "height", "old": "age", "fast": "speed", "heavy": "weight",
    "big": "size", "wide": "width", "deep": "depth", "high": "height",
}
_NOT_COUNTS = frozenset(
    "ratio fraction percent percentage average mean probability area perimeter volume difference product "
    "quotient remainder speed rate".split()
)
_BE = frozenset("is are was were be been".split())
_LEFT_OVER = frozenset("extra spare leftover".split())
_WH = frozenset("how what find calculate compute determine".split())


@dataclass
class Question:
    """What is asked.

    Attributes:
        unit: the noun of the asked quantity ("" when the question leaves it to the story).
        compare: "more" or "fewer" for "how many more ... than"; ``than`` is the other side.
        total / now / start / each: the question said "in all", "left"/"now", "at first", "each".
    """

    toks: list[Tok]
    unit: str = ""
    attrs: frozenset[str] = field(default_factory=frozenset)
    of: str = ""
    how: str = "many"
    compare: str = ""
    than: str = ""
    subject: str = ""
    verb: str = ""
    vclass: str = ""
    passive: bool = False
    total: bool = False
    now: bool = False
    start: bool = False
    each: bool = False
    recipient: str = ""
    source: str = ""
    place: str = ""
    need: bool = False
    measure: str = ""  # "long" of "how long", "far" of "how far"
    leftover: bool = False  # "how many extra ...": what is left over
    between: int = 0  # "the difference between A and B": where A starts in ``toks`` (0: not asked)
    mentions: list = field(default_factory=list)

    @property
    def words(self) -> set[str]:
        return {t.low for t in self.toks}


def question_start(toks: list[Tok]) -> int:
    """Where the question proper starts in its sentence ("If each paid 45 dollars, what was ..." -> at "what")."""
    for i, t in enumerate(toks):
        if t.low in _WH and (i == 0 or toks[i - 1].text == "," or toks[i - 1].low in ("then", "so")):
            if t.low != "what" or i + 1 < len(toks):
                return i
    for i, t in enumerate(toks[:-1]):
        if t.low == "how" and toks[i + 1].low in ("many", "much"):
            return i  # "Mrs. Hilt wants to know how many markers are in each package?"
    raise ParseError("no question found")


def read_question(toks: list[Tok], ents: Entities) -> Question:
    """Read the question tokens (from the wh-word on).

    Raises:
        ParseError: not a "how many / how much / what is" question this reader understands.
    """
    toks = _size_of_each(toks)
    q = Question(toks)
    i = _wh_phrase(toks, q)
    _cues(toks, q)
    rest = toks[i:]
    first, main = verb_at(rest)
    if main >= 0:
        q.verb = verb_lemma(rest[main].low) or rest[main].low
        q.vclass = lexicon.verb_class(q.verb)
        if rest[main].low == "left" and main and rest[main - 1].low in _BE:
            q.verb, q.vclass = "remain", lexicon.verb_class("remain")  # "how many are left?": what remains
        q.passive = _passive(rest, first, main)
        subj_end = main if first == main else first + 1
        subj_start = first + 1 if first < main else 0
        q.subject, _ = group_subject(rest, subj_start, max(subj_start, main if first < main else subj_end), ents)
        if not q.subject and first == main:
            q.subject, _ = group_subject(rest, 0, first, ents)
        if not q.subject and first == main and rest[first].low in lexicon.AUXILIARIES:
            stop = next((k for k in range(first + 1, len(rest)) if rest[k].low in ("than", "as", ",")), len(rest))
            q.subject, _ = group_subject(rest, first + 1, stop, ents)  # "How much heavier is Jessica than Thomas?"
        _objects(rest[main + 1:], q, ents)
    _holder_after(toks, q, ents)
    return q


_OBJECT_PRONOUNS = frozenset("her him them me us".split())
_SUBJECT_PRONOUNS = frozenset("he she they i we you it".split())


def _holder_after(toks: list[Tok], q: Question, ents: Entities) -> None:
    """ "How long would the candy last her?": the thing is the subject, the one who has it the object at the end."""
    if not toks or toks[-1].low not in _OBJECT_PRONOUNS or not q.subject:
        return
    before = toks[:-1]
    if any(t.text[:1].isupper() for t in before[1:]) or any(t.low in _SUBJECT_PRONOUNS for t in before):
        return  # a person is the subject already
    q.subject, _ = group_subject(toks, len(toks) - 1, len(toks), ents)


def _size_of_each(toks: list[Tok]) -> list[Tok]:
    """ "How big is each group?" asks how many are in each group: read it so."""
    low = [t.low for t in toks[:4]]
    if len(toks) > 4 and low[:2] in (["how", "big"], ["how", "large"]) and low[2] in _BE and low[3] in ("each", "every"):
        plural = "are" if low[2] == "is" else "were" if low[2] == "was" else low[2]
        new = [Tok("many", "many", toks[1].sent), Tok(plural, plural, toks[2].sent), Tok("in", "in", toks[2].sent)]
        return [toks[0], *new, *toks[3:]]
    return toks


def _wh_phrase(toks: list[Tok], q: Question) -> int:
    low = [t.low for t in toks]
    if len(low) < 2:
        raise ParseError("question too short")
    if low[0] == "how" and low[1] in ("many", "much"):
        q.how = low[1]
        j = 2
        if j < len(low) and low[j] in _LEFT_OVER:
            q.leftover = True  # "how many extra flowers did she pick?": what is left beyond what was used
            j += 1
        elif j < len(low) and low[j] in lexicon.MORE | lexicon.FEWER:
            q.compare = "more" if low[j] in lexicon.MORE else "fewer"
            j += 1
        if j + 1 < len(toks) and low[j] in ("total", "combined") and not toks[j + 1].is_num:
            q.total = True  # "how many total miles did she run?": "total" modifies the noun, not a verb
            j += 1
        if j < len(toks) and toks[j].is_num:  # "how many 3 dollar toys", "how many 73 cm pieces"
            j += 1
        head, attrs, of, end = noun_phrase(toks, j)
        if head and attrs & {"dollar", "cent"} and toks[j].low.startswith(("dollar", "cent")):
            attrs = attrs - {"dollar", "cent"}
        if head and "dozen" in attrs:
            attrs = attrs - {"dozen"}  # "how many dozen golf balls": golf balls, counted by the dozen
        if head and not is_verb(toks, j):
            if end + 1 < len(toks) and toks[end].low in ("and", "or") and noun_phrase(toks, end + 1)[0]:
                raise ParseError("two nouns are asked")  # "How many marbles and stickers ...?"
            q.unit, q.attrs, q.of = head, attrs, of
            return end
        if j + 2 == len(toks) and toks[j].low in _BE and can_be(toks[j + 1].low, "ADJ") and not is_verb(toks, j + 1):
            q.attrs = frozenset({toks[j + 1].low})  # "how many were blue?": the ones of that kind
        return j
    if low[0] == "how" and low[1] in _HOW_ADJ:
        q.how, q.unit, q.measure = "much", "", low[1]
        if len(low) > 2 and low[2] in lexicon.MORE | lexicon.FEWER:
            q.compare = "more" if low[2] in lexicon.MORE else "fewer"
            return 3
        return 2
    if low[0] == "how" and low[1] in lexicon.MORE | lexicon.FEWER:
        q.how, q.compare = "much", "more" if low[1] in lexicon.MORE else "fewer"
        return 2
    if low[0] == "what" and len(low) > 2 and low[1] in ("is", "was", "will", "would", "'s"):
        return _what_is(toks, q)
    raise ParseError("not a how-many question")


def _what_is(toks: list[Tok], q: Question) -> int:
    """ "What is the total of the bill?", "what would her score be?": the noun asked for."""
    j = 2
    while j < len(toks) and toks[j].low in ("the", "be", "a", "an", "his", "her", "their", "our", "my", "total", "sum",
                                            "combined") or (q.total and j < len(toks) and toks[j].low == "of"):
        q.total = q.total or toks[j].low in ("total", "sum", "combined")  # "the sum of our popsicle sticks"
        j += 1
    head, attrs, of, end = noun_phrase(toks, j)
    if not head:
        raise ParseError("no noun after 'what is'")
    if head == "difference" and end < len(toks) and toks[end].low == "between":
        q.between = end + 1  # "What's the difference between Billy's points and his friend's points?"
        return end
    if head in _NOT_COUNTS:
        raise ParseError(f"a {head} is asked, not a count")
    if head in ("total", "sum", "number", "amount"):
        q.total = q.total or head in ("total", "sum")
        q.unit, q.attrs = of, frozenset()
        return end
    q.how, q.unit, q.attrs, q.of = "much", head, attrs, of
    return end


def _cues(toks: list[Tok], q: Question) -> None:
    words = [t.low for t in toks]
    ws = set(words)
    q.total = q.total or bool(ws & lexicon.TOTAL_WORDS) or _phrase(words, "in", "all")
    q.now = bool(ws & {"now", "left", "remain", "remaining", "still", "end", "rest"}) or q.leftover
    q.start = bool(ws & {"originally", "initially", "first", "beginning", "start", "begin"}) or _phrase(
        words, "to", "begin"
    ) or _before_event(words)
    q.each = bool(ws & {"each", "per", "every", "apiece"})
    q.need = bool(ws & {"need", "needs", "must", "should"}) or _phrase(words, "have", "to")
    if "than" in ws:
        k = words.index("than")
        q.than = _entity_after(toks, k + 1)


def _before_event(words: list[str]) -> bool:
    """ "How many apples did he have before he made the pie?": the start, before a told event."""
    if words and words[-1] == "before" or words[-2:] == ["before", "?"]:
        return True  # "How many people were on the bus before?"
    return "before" in words and words.index("before") + 1 < len(words) and words[words.index("before") + 1] in (
        "he", "she", "they", "it", "we", "i", "you", "the")


def _phrase(words: list[str], a: str, b: str) -> bool:
    return any(words[k] == a and words[k + 1] == b for k in range(len(words) - 1))


def _entity_after(toks: list[Tok], k: int) -> str:
    """The noun phrase after "than", up to the verb that follows it ("than nutmeg did Mandy use": nutmeg)."""
    ents = Entities()
    end = min(len(toks), k + 4)
    end = next((j for j in range(k + 1, end) if toks[j].low in lexicon.AUXILIARIES or toks[j].text in "?,"), end)
    key, _ = group_subject(toks, k, end, ents)
    return key


def _passive(toks: list[Tok], first: int, main: int) -> bool:
    return first < main and toks[first].low in ("is", "are", "was", "were", "be", "been") and toks[main].low.endswith(
        ("ed", "en", "n", "t")
    )


def _objects(toks: list[Tok], q: Question, ents: Entities) -> None:
    for k, t in enumerate(toks):
        if t.low == "to" and k + 1 < len(toks) and not is_verb(toks, k + 1):
            q.recipient = q.recipient or group_subject(toks, k + 1, min(len(toks), k + 4), ents)[0]
        elif t.low == "from":
            q.source = q.source or group_subject(toks, k + 1, min(len(toks), k + 4), ents)[0]
        elif t.low in ("in", "into", "on", "at", "inside") and k + 1 < len(toks):
            key = group_subject(toks, k + 1, min(len(toks), k + 5), ents)[0]
            if key and key not in ("all", "total"):
                q.place = q.place or key
