"""Quantities as English writes them: a number, the noun it counts, and the words around it.

"42 red apples" counts apples (with the attribute "red"); "8 cups of flour" counts cups of
flour (either noun names it); "gave 8 to Dylan" leaves the noun to the context; "some of her
seashells" is a quantity whose value is unknown. Pure functions over :class:`~.words.Tok`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from reasoner.solvers.math.story import lexicon
from reasoner.solvers.math.story.words import Tok, can_be, known, lemmas, noun_lemma, verb_lemma
from reasoner.text.stopwords import FUNCTION_WORDS

# Words after a number that end its noun phrase without being its noun.
_NP_STOP = FUNCTION_WORDS | lexicon.NOW_WORDS | frozenset(
    "today yesterday tomorrow tonight inside outside already also total altogether together each every "
    "per apiece more less fewer another extra must can could will would should shall may might last next "
    "back away off out up down again aside later".split()
)
# Words that make a count unknown: "some seashells", "several cards", "a few".
UNKNOWN_WORDS = frozenset("some several few many all".split())
_MEASURE_ADJECTIVES = frozenset("long tall wide high deep thick old heavy away".split())
_PART_WORDS = frozenset("half quarter third".split())
# Nouns that stand for a noun told before ("two red ones").
_PRO_NOUNS = frozenset("one".split())
_TIME_UNITS = frozenset(
    "second minute hour day week month year night morning afternoon evening weekend time".split()
)


@dataclass
class Mention:
    """One quantity: ``value`` (None when unknown), its noun ``unit``, and what was said with it.

    Attributes:
        of: the noun of an "of" phrase ("cups of flour" -> "flour"); either noun names the quantity.
        attrs: the modifiers between the number and its noun ("red", "baseball").
        more: written as an addition ("3 more cards", "another 5").
        each: a per-item amount ("5 pencils each", "each box holds 7").
        index: where the number stands in the problem's tokens.
    """

    value: Fraction | None
    unit: str
    index: int
    sent: int
    text: str
    of: str = ""
    attrs: frozenset[str] = field(default_factory=frozenset)
    more: bool = False
    each: bool = False
    end: int = 0
    inherited: bool = False
    owner_word: str = ""  # "13 of Mike's cards" -> "mike"; "some of her seashells" -> "her"
    owner: str = ""
    all_of: bool = False  # "all of her crayons": whatever the owner holds then
    times: bool = False  # "7 times more": a multiplier, not an amount
    place: str = ""  # "26 bales in the shed"
    verb: str = ""  # the verb governing this quantity when it is not the clause's main verb ("to buy 14")
    vclass: str = ""
    per_noun: str = ""  # "3 dollar toys": the price is per toy

    def names(self, unit: str) -> bool:
        """True when ``unit`` (a noun lemma) names this quantity."""
        return bool(unit) and unit in (self.unit, self.of)

    @property
    def is_time(self) -> bool:
        return self.unit in _TIME_UNITS


def is_noun_word(tok: Tok) -> bool:
    """A word that can head a noun phrase (known as a noun, or an unknown word that is not a name)."""
    if tok.is_num or tok.is_punct or tok.low in _NP_STOP:
        return False
    return can_be(tok.low, "NOUN") or not known(tok.low)


def _modifier(tok: Tok, first: bool = True) -> bool:
    if tok.is_num or tok.is_punct or tok.low in _NP_STOP or tok.low.startswith("'"):
        return False
    if can_be(tok.low, "ADJ") or can_be(tok.low, "NOUN"):
        return True
    return not known(tok.low) and (first or not tok.text[:1].isupper())  # a made-up noun, not a name


def _participle_modifier(toks: list[Tok], j: int, first: bool) -> bool:
    """ "45 trading cards", "3 sleeping bags": a participle that opens the phrase before a plural noun modifies it
    (a count is never of an activity; session 13, wpa)."""
    t = toks[j]
    if not first or not t.low.endswith("ing") or verb_lemma(t.low) in ("", t.low) or j + 1 >= len(toks):
        return False
    nxt = toks[j + 1]
    return can_be(nxt.low, "NOUN") and noun_lemma(nxt.low) != nxt.low


def _verb_after_noun(words: list[Tok], tok: Tok) -> bool:
    """ "box holds": a class verb in -s right after a singular noun ends the phrase ("baseball cards" does not)."""
    if not words or not tok.low.endswith("s"):
        return False
    from reasoner.solvers.math.story.words import verb_lemma

    lemma = verb_lemma(tok.low)
    prev = words[-1].low
    return bool(lemma and lexicon.verb_class(lemma)) and noun_lemma(prev) == prev and not can_be(prev, "ADJ")


def _base_verb_after_plural(words: list[Tok], tok: Tok) -> bool:
    """ "8 more birds land on the fence": a class verb in its base form right after a plural noun ends the phrase."""
    if not words or tok.low.endswith("s"):
        return False
    from reasoner.solvers.math.story.words import verb_lemma

    prev = words[-1].low
    if tok.low.endswith("ing") and (noun_lemma(prev) != prev or prev == "people") and verb_lemma(tok.low) not in (
            "", tok.low):
        return True  # "234 people attending a luncheon", "252 guests coming": a participle after a plural noun
    if verb_lemma(tok.low) != tok.low or noun_lemma(prev) == prev:
        return False
    # "8 more birds land", "employees work for": after a plural noun a base verb ends the phrase (English
    # compounds take a singular modifier: "apple pies", not "apples pies")
    return bool(lexicon.verb_class(tok.low)) or prev.endswith("s") and not can_be(tok.low, "ADJ")


_MEASURES = frozenset(
    "dollar cent penny nickel dime quarter second minute hour day week month year inch foot yard mile meter "
    "centimeter millimeter kilometer gram kilogram ounce pound liter milliliter cup quart gallon ton".split()
)  # units of measure and of money


def _plural_measure(words: list[Tok]) -> bool:
    """ "18 dollars weed eating", "5 pounds flour": a plural unit of measure is a head, never a modifier."""
    if not words:
        return False
    w = words[-1].low
    lemma = noun_lemma(w)
    return lemma != w and w.endswith("s") and lemma in _MEASURES


def noun_phrase(toks: list[Tok], i: int) -> tuple[str, frozenset[str], str, int]:
    """Read the noun phrase starting at ``i``: (head lemma, modifiers, of-noun, end index).

    The head is the last noun of a run of modifiers and nouns ("baseball trading cards" ->
    "card"); an "of" phrase after it gives a second name ("cups of flour").
    """
    j, words, hyphened = i, [], set()
    while (j < len(toks) and (_modifier(toks[j], not words) or _participle_modifier(toks, j, not words)) and len(words) < 5
           and not _verb_after_noun(words, toks[j])
           and not _base_verb_after_plural(words, toks[j]) and not _plural_measure(words)):
        words.append(toks[j])
        j += 1
        if j < len(toks) and toks[j].text == "-" and j + 1 < len(toks):
            j += 1  # "dog - houses", "two - bedroom"
            hyphened.add(len(words))
    while words and (not is_noun_word(words[-1]) or len(words) > 1 and words[-1].low in _MEASURE_ADJECTIVES):
        words.pop()  # "73 cm long": the unit is cm, "long" says what it measures
        j -= 1
    if not words:
        return "", frozenset(), "", i
    head = noun_lemma(words[-1].low)
    if len(words) > 1 and len(words) - 1 in hyphened and words[-2].low in _PART_WORDS:
        head = f"{words[-2].low}-{head}"  # "half-dollars" are coins, not dollars
        words = words[:-1]
    attrs = frozenset(noun_lemma(w.low) for w in words[:-1])
    for power in ("square", "cubic"):
        if power in attrs:  # "50 square inches" measures area, not length
            head, attrs = f"{power} {head}", attrs - {power}
    of = ""
    if j + 1 < len(toks) and toks[j].low == "of" and not toks[j + 1].is_num:
        k = j + 1
        while k < len(toks) and toks[k].low in ("the", "a", "an", "her", "his", "their", "its", "my", "our"):
            k += 1
        of_head, _, _, of_end = noun_phrase(toks, k)
        if of_head:
            of, j = of_head, of_end
    return head, attrs, of, j


def read_mentions(toks: list[Tok]) -> list[Mention]:
    """Every quantity in the tokens, in order (units not yet inherited)."""
    out: list[Mention] = []
    for i, tok in enumerate(toks):
        if tok.is_num:
            m = _number_mention(toks, i)
        elif tok.low in UNKNOWN_WORDS:
            m = _unknown_mention(toks, i)
        else:
            continue
        if m is not None:
            m.place = place_after(toks, m.end)
            out.append(m)
    for m, nxt in zip(out[-2::-1], out[:0:-1], strict=False):
        if not m.place and _coordinated(toks, m.end) and nxt.index == m.end + 1:
            m.place = nxt.place  # "27 boys and 35 girls on the playground": the place is said once for both
    return out


def _number_mention(toks: list[Tok], i: int) -> Mention | None:
    tok = toks[i]
    if tok.low == "one" and not _counts_here(toks, i):
        return None  # "one of them", "One had 44": a pronoun, not a count
    if tok.low == "one" and i > 0 and toks[i - 1].low in ("each", "every"):
        return None  # "each one costs $8": a pronoun for the things told before
    if tok.low == "one" and i > 0 and toks[i - 1].low in ("into", "in", "on", "onto", "from", "at"):
        return None  # "put 27 pics into one album": a place, not a count
    j = i + 1
    more = _before_more(toks, i)
    times = j < len(toks) and toks[j].low == "times" and _comparative_after(toks, j + 1) or tok.low in (
        "twice", "thrice", "half")
    if times:  # "7 times more balloons", "2 times as many trout", "twice as many": the noun follows
        j += int(toks[j].low == "times")
        while j < len(toks) and toks[j].low in ("more", "as", "many", "much", "fewer", "less"):
            j += 1
    if j < len(toks) and toks[j].low in ("more", "extra", "additional", "new", "other"):
        more = more or toks[j].low in ("more", "extra", "additional")
        j += 1
    if tok.unit:
        priced = _priced_noun(toks, j) if tok.unit == "dollar" else ""
        return Mention(tok.value, tok.unit, i, tok.sent, tok.text, more=more, end=j,
                       each=_each_after(toks, j), per_noun=priced)
    if (j + 1 < len(toks) and tok.value is not None and tok.value != 1 and toks[j].low in _MEASURES
            and toks[j].low not in _MONEY_WORDS and is_noun_word(toks[j + 1])):
        # "an 8 hour day", "a 2 liter bottle": a singular measure after a count above one is a compound modifier
        # ("8-hour"); the number counts the measure, not the noun after it; a price ("3 dollar toys") is read below
        # as a price of each (session 13, wpa)
        return Mention(tok.value, toks[j].low, i, tok.sent, tok.text, end=j + 1)
    if j + 1 < len(toks) and toks[j].text == "-" and is_noun_word(toks[j + 1]):
        # "a five-day trip", "a 2-liter bottle": the number counts the noun after the hyphen
        return Mention(tok.value, noun_lemma(toks[j + 1].low), i, tok.sent, tok.text, end=j + 2)
    head, attrs, of, end = noun_phrase(toks, j) if not (j == i + 1 and disagrees_as_noun(toks, j)) else ("", frozenset(), "", j)
    if head in _PRO_NOUNS:
        head, of = "", ""  # "10 new ones": the noun is the one told before
    owner = ""
    if not head and j < len(toks) and toks[j].low == "of":
        owner = owner_word(toks, j)
        head, attrs, of, end = _partitive(toks, j)
    if head and attrs & _MONEY_WORDS and j < len(toks) and noun_lemma(toks[j].low) in _MONEY_WORDS and (
            toks[end - 1].low != head):
        # "3 dollar toys", "5 dollar bills": a price of each toy, a value of each bill
        return Mention(tok.value, noun_lemma(toks[j].low), i, tok.sent, tok.text, end=end, per_noun=head)
    if head and end == j + 1 and can_be(toks[j].low, "ADJ") and _coordinated(toks, end):
        # "31 red and 15 green balloons": the adjective's noun comes after the second number
        later, later_of = _list_head(toks, end)  # "4 red, 5 green and 6 blue pens": the noun ends the list
        if not later:
            later, _, later_of, _ = noun_phrase(toks, end + 2)
        if later:
            attrs, head, of = frozenset({toks[j].low}), later, later_of
    elif head and end == j + 1 and _modifier_noun(toks, i, j) and _coordinated(toks, end):
        later, later_of = _list_head(toks, end)
        if later and later != head:  # "2 apple, 4 pecan and 7 pumpkin pies": one head noun for the list
            attrs, head, of = frozenset({head}), later, later_of
    return Mention(tok.value, head, i, tok.sent, tok.text, of, attrs, more and not times,
                   _each_after(toks, end), end or j, owner_word=owner, times=times)


_AWAY = frozenset("away off home out back".split())


def disagrees_as_noun(toks: list[Tok], i: int) -> bool:
    """A count that opens its clause, then a word that agrees with it only as a verb, then a particle.

    "1 flies away": a noun after "1" would be singular, "flies" is the verb's -s form; "2 go home": a
    noun after "2" would be plural, "go" is the verb's base form. Only before a particle of leaving
    ("away", "off", "home", "out", "back"), where a verb of motion is what English puts.
    """
    if not 0 < i < len(toks) - 1:
        return False
    t, count = toks[i], toks[i - 1]
    opens = i == 1 or toks[i - 2].is_punct or toks[i - 2].low in ("and", "but", "then", "if", "when")
    if not opens or toks[i + 1].low not in _AWAY or count.unit:
        return False
    lemma = verb_lemma(t.low)
    noun = lemmas(t.low).get("NOUN", [""])[0]
    if not lemma or not noun:
        return False
    if count.value == 1:
        return t.low != noun and t.low != lemma and t.low.endswith("s")  # plural-looking: a verb's -s form
    return t.low == noun and t.low == lemma  # a singular-looking word after a plural count: a base verb


def _comparative_after(toks: list[Tok], k: int) -> bool:
    """ "7 times more", "3 times as many", "2 times larger": a multiplier; "5 times last month" counts times."""
    if k >= len(toks):
        return False
    w = toks[k].low
    return w in ("as", "the") or w in lexicon.MORE or w in lexicon.FEWER or w.endswith("er") and can_be(w, "ADJ")


_MONEY_WORDS = frozenset("dollar cent".split())


def _priced_noun(toks: list[Tok], j: int) -> str:
    """ "$3 toys": the noun right after a price, when it is not "each", "per" or a preposition."""
    if j >= len(toks) or toks[j].low in _NP_STOP or not is_noun_word(toks[j]):
        return ""
    head, _, _, end = noun_phrase(toks, j)
    return head if end > j and toks[end - 1].low != head else ""  # "$3 toys", not "a $35 camera"


def _modifier_noun(toks: list[Tok], i: int, j: int) -> bool:
    """ "2 apple" in a list: a singular noun after a count above one modifies a head told later."""
    t = toks[j]
    value = toks[i].value
    return value is not None and value > 1 and t.text[:1].islower() and noun_lemma(t.low) == t.low and (
        not t.low.endswith("s"))


def _list_head(toks: list[Tok], k: int) -> tuple[str, str]:
    """The head noun that ends a list of counted modifiers ("..., 4 pecan and 7 pumpkin pies")."""
    while _coordinated(toks, k):
        head, attrs, of, end = noun_phrase(toks, k + 2)
        if not head:
            return "", ""
        if attrs and toks[end - 1].low != head:
            return head, of  # the last item carries the plural head
        if end != k + 3:
            return "", ""
        k = end
    return "", ""


def _coordinated(toks: list[Tok], k: int) -> bool:
    return k + 2 < len(toks) and toks[k].low in ("and", "or", ",") and toks[k + 1].is_num


def place_after(toks: list[Tok], end: int) -> str:
    """ "26 bales in the shed": the place named right after a quantity."""
    if end + 1 < len(toks) and toks[end].low in ("in", "on", "at", "inside"):
        k = end + 1
        while k < len(toks) and toks[k].low in ("the", "a", "an", "her", "his", "their", "my", "our"):
            k += 1
        head, _, _, stop = noun_phrase(toks, k)
        if k == end + 1 and stop == k + 1 and toks[k].low == head:
            return ""  # "40 books in stock", "on sale": a bare singular after the preposition is a state, not a place
        return head
    return ""


def _partitive(toks: list[Tok], j: int) -> tuple[str, frozenset[str], str, int]:
    """ "6 of the stickers", "61 of them": the noun after "of the" ("" for a noun that stands for one
    told before: "9 of the old ones")."""
    k = j + 1
    while k < len(toks) and (toks[k].low in ("the", "a", "an", "her", "his", "their", "its", "my", "our", "these",
                                             "those")
                             or toks[k].low == "'s" or _possessor(toks, k)):
        k += 1
    head, attrs, of, end = noun_phrase(toks, k)
    if head in _PRO_NOUNS:
        head, of = "", ""
    return head, attrs, of, end


def _possessor(toks: list[Tok], k: int) -> bool:
    return k + 1 < len(toks) and toks[k + 1].low == "'s" and toks[k].text[:1].isupper()


def owner_word(toks: list[Tok], j: int) -> str:
    """The possessor in "of Mike's cards" / "of her seashells" after index ``j`` ("of")."""
    if j + 1 < len(toks) and toks[j].low == "of":
        w = toks[j + 1]
        if w.low in ("her", "his", "their", "my", "our", "your", "its"):
            return w.low
        if _possessor(toks, j + 1):
            return w.low
    return ""


def _before_more(toks: list[Tok], i: int) -> bool:
    return i > 0 and toks[i - 1].low in ("another", "additional")


def _each_after(toks: list[Tok], j: int) -> bool:
    return j < len(toks) and toks[j].low in ("each", "apiece")


def _counts_here(toks: list[Tok], i: int) -> bool:
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return nxt is not None and nxt.low not in ("of", "another", "the") and _modifier(nxt)


def _unknown_mention(toks: list[Tok], i: int) -> Mention | None:
    """ "some seashells", "some of her seashells", "several more": a count whose value is unknown."""
    if toks[i].low in ("few", "many") and (i == 0 or toks[i - 1].low not in ("a",)):
        return None  # "how many", "many of" are not unknown counts
    if toks[i].low == "all":
        return _all_mention(toks, i)
    j = i + 1
    more = j < len(toks) and toks[j].low == "more"
    j += int(more)
    head, attrs, of, end = noun_phrase(toks, j)
    owner = ""
    if not head and j < len(toks) and toks[j].low == "of":
        owner = owner_word(toks, j)
        head, attrs, of, end = _partitive(toks, j)
    if not head and not more and not _bare_object(toks, i):
        return None
    return Mention(None, head, i, toks[i].sent, toks[i].text, of, attrs, more, False, end or j, owner_word=owner)


def _bare_object(toks: list[Tok], i: int) -> bool:
    """ "She gave Sam some.", "He ate some": "some" alone as the object, its noun told before."""
    if toks[i].low != "some":
        return False
    if i + 1 < len(toks) and not toks[i + 1].is_punct and is_noun_word(toks[i + 1]):
        return False
    return i > 0 and not toks[i - 1].is_num


def _all_mention(toks: list[Tok], i: int) -> Mention | None:
    """ "all of her crayons", "all his marbles": as many as the owner holds at that moment."""
    j = i + 1
    owner = owner_word(toks, j) if j < len(toks) and toks[j].low == "of" else ""
    if j < len(toks) and toks[j].low == "of":
        head, attrs, of, end = _partitive(toks, j)
    else:
        k = j + int(j < len(toks) and toks[j].low in ("the", "her", "his", "their"))
        owner = toks[j].low if k > j and toks[j].low != "the" else ""
        head, attrs, of, end = noun_phrase(toks, k)
    if not head:
        return None
    return Mention(None, head, i, toks[i].sent, toks[i].text, of, attrs, end=end, owner_word=owner, all_of=True)
