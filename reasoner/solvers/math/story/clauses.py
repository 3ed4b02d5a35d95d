"""Clauses of a word problem: who (subject), does what (verb and its class), to whom, with which quantities.

A sentence is cut into clauses where a conjunction or a comma is followed by words that
have a verb of their own ("Debby had 32 | while her sister had 42"); a conjunction between
two quantities ("42 red apples and 7 green apples") stays inside one clause, whose verb both
quantities share. Pronouns are resolved to the people and groups already named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from reasoner.errors import ParseError
from reasoner.solvers.math.story import lexicon
from reasoner.solvers.math.story.mentions import Mention, disagrees_as_noun, noun_phrase
from reasoner.solvers.math.story.words import Tok, can_be, known, lemmas, noun_lemma, verb_lemma
from reasoner.text.stopwords import FUNCTION_WORDS

_BOUNDARY = frozenset("and but while then so because after when if before until although though whereas".split())
_SUBORDINATE = frozenset("if when after before while because until although though since".split())
_SINGULAR = frozenset("he she him her his hers himself herself".split())
_PLURAL = frozenset("they them their theirs themselves".split())
_SPEAKER = frozenset("i me my we us our you your".split())
_POSSESSIVE_DETS = frozenset("the a an his her their its my our your".split())
_DETERMINERS = frozenset("the a an his her their its my our your this that these those some each every".split())
PEOPLE = frozenset(
    """person people man woman boy girl child kid student teacher friend mom mother dad father brother sister
    aunt uncle grandma grandmother grandpa grandfather cousin parent son daughter family worker player
    member customer guest class team baker chef farmer owner clerk coach neighbor neighbour wife husband
    adult baby lady gentleman""".split()
)


@dataclass
class Clause:
    """One clause, read.

    Attributes:
        subject: who or what the clause is about ("joan", "group:debby+sister", "there", a noun lemma).
        verb: the main verb's base form ("" when none was found); ``vclass`` its class in :mod:`.lexicon`.
        recipient / source / place: the "to"/indirect object, the "from" phrase, the "in/into/on" place.
        cond: the clause was introduced by "if"/"when" (a supposition in a question sentence).
    """

    toks: list[Tok]
    sent: int
    subject: str = ""
    verb: str = ""
    vclass: str = ""
    passive: bool = False
    negated: bool = False
    cond: bool = False
    recipient: str = ""
    source: str = ""
    place: str = ""
    mentions: list[Mention] = field(default_factory=list)
    subject_is_quantity: bool = False
    each_of: str = ""  # "Each album came with a sheet | and had 9 songs": the second verb is said of each album

    @property
    def words(self) -> set[str]:
        return {t.low for t in self.toks}


def is_name(toks: list[Tok], i: int) -> bool:
    """A person's or place's name: capitalised, and either not a dictionary word or not first in its sentence."""
    t = toks[i]
    if not t.text[:1].isupper() or t.is_num or t.low in FUNCTION_WORDS or t.low in _SPEAKER:
        return False
    first = i == 0 or toks[i - 1].sent != t.sent or toks[i - 1].text in (".", "?", "!", '"')
    if not known(t.low):
        return True
    if not first:
        return True  # capitalised inside a sentence: "gives Peter 3 more", "at Oliver's Restaurant"
    if gender(t.low) == "":
        return False
    if not can_be(t.low, "VERB"):
        return True  # "Matt", "Rose": first names that are words
    nxt = toks[i + 1] if i + 1 < len(toks) else None  # "Sue made 75 cookies", "Peter has 154 pencils"
    return nxt is not None and (nxt.low in ("'s", "and", ",") or bool(verb_lemma(nxt.low)) and nxt.low != verb_lemma(nxt.low))


def is_verb(toks: list[Tok], i: int) -> bool:
    """Whether token ``i`` is used as a verb here (an auxiliary, a class verb, or a verb form)."""
    t = toks[i]
    if t.is_num or t.is_punct or is_name(toks, i):
        return False
    if t.low in lexicon.AUXILIARIES:
        return True
    lemma = verb_lemma(t.low)
    if not lemma:
        return False
    prev = toks[i - 1].low if i > 0 else ""
    forms = lemmas(t.low)
    if t.low.endswith("ing") and i > 0 and (toks[i - 1].is_num or prev in _DETERMINERS) and i + 1 < len(toks):
        nxt_forms = lemmas(toks[i + 1].low)
        if "NOUN" in nxt_forms and toks[i + 1].low != nxt_forms["NOUN"][0]:
            return False  # "6 returning players", "the running shoes": a modifier
    if _compound_head(toks, i, forms):
        return False  # "at the grocery store": a noun after a determiner and a noun, with no object of its own
    if prev in _POSSESSIVE_DETS and "ADJ" in forms:
        return False  # "his own house", "her used books": a modifier after a possessive or an article
    if i > 0 and toks[i - 1].is_num and disagrees_as_noun(toks, i):
        return True  # "1 flies away", "2 go home": no noun agrees with the count, a verb does
    counted = i > 0 and toks[i - 1].is_num and not (toks[i - 1].low == "one" and i > 1 and toks[i - 2].low in (
        "each", "every"))  # "each one costs": "one" is a pronoun, "costs" its verb
    if (prev in _DETERMINERS or prev in _QUANTIFIERS or counted) and "NOUN" in forms:
        return False  # "the picks", "3 plants", "how many cards": nouns
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    if "NOUN" in forms and _finite(nxt) and i > 0 and not _subject_before(toks, i) and t.low == forms["NOUN"][0]:
        return False  # "A candy store has", "A new building needed": the verb is the next word
    if "NOUN" in forms and t.low.endswith("s") and t.low != forms["NOUN"][0] and not _subject_before(toks, i):
        return False  # a plural noun ("cards", "pieces") unless a subject stands right before it
    if "NOUN" in forms and t.low == forms["NOUN"][0] and not lexicon.verb_class(lemma) and not _subject_before(toks, i):
        return False  # a plain singular noun that could be a verb ("game", "pack")
    if lexicon.verb_class(lemma) or t.low != lemma or _subject_before(toks, i):
        return True
    return "NOUN" not in forms and "ADJ" not in forms


def _compound_head(toks: list[Tok], i: int, forms: dict) -> bool:
    """ "the grocery store", "a toy box": the last noun of a compound; a verb there would need an object."""
    if i < 2 or "NOUN" not in forms or toks[i].low != forms["NOUN"][0] or toks[i - 2].low not in _DETERMINERS:
        return False
    prev = lemmas(toks[i - 1].low)
    if "NOUN" not in prev or toks[i - 1].low != prev["NOUN"][0] or toks[i - 1].text[:1].isupper():
        return False
    if any(t.low in _DO_MODALS for t in toks[:i - 2]):
        return False  # "How many did the shop sell?": the verb after do-support or a modal
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return nxt is None or nxt.is_punct or nxt.low in _PREPOSITIONS or nxt.low in ("and", "or", "but")


_DO_MODALS = frozenset("do does did will would can could shall should may might must".split())


_FINITE = frozenset("has have had is are was were does did".split())
_QUANTIFIERS = frozenset("many much more fewer less few several all both".split())
_PREPOSITIONS = frozenset("for at on in during after before by with from of to into over under about".split())


def _finite(word: str) -> bool:
    """A clearly finite verb form: "has", "was", "needed" (not a plural noun such as "needs" could be)."""
    if word in _FINITE:
        return True
    lemma = verb_lemma(word)
    return bool(lemma) and word != lemma and word.endswith("ed") and "NOUN" not in lemmas(word)


def _subject_before(toks: list[Tok], i: int) -> bool:
    if i == 0:
        return False
    p = toks[i - 1]
    inflected = toks[i].low != verb_lemma(toks[i].low)
    if inflected and i >= 2 and toks[i - 2].low in ("a", "an", "the", "each", "every", "this") and t_singular(p):
        return True  # "A chef needs", "The box holds"
    if not inflected and i >= 2 and toks[i - 2].is_num and noun_lemma(p.low) != p.low and _particle_after(toks, i):
        return True  # "35 liters leak out", "8 birds fly away": a base form agreeing with a counted plural subject
    if inflected and _coordinated_verb(toks, i):
        return True  # "He gives 12 to his brother and then buys 3 packs": the same subject's second verb
    return p.low in _SINGULAR | _PLURAL | _SPEAKER | {"it", "who", "that", "which"} or is_name(toks, i - 1)


_PARTICLES = frozenset("out away off in into on onto from to over up down back through across around".split())


def _particle_after(toks: list[Tok], i: int) -> bool:
    """A particle or a preposition follows and the word is no adjective ("leak out"; not "18 dollars weed eating",
    "49,500 yards pink")."""
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    return nxt in _PARTICLES and not can_be(toks[i].low, "ADJ")


def _coordinated_verb(toks: list[Tok], i: int) -> bool:
    """An inflected form after "then" ("and then buys"), or after "and" before a count or a determiner ("and
    sells 3 cakes", "and buys a kite", "and shares them"): a plural noun is never followed by a number, an article or
    an object pronoun (session 13, wpa)."""
    p = toks[i - 1].low
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if p == "then":
        return True
    return p == "and" and nxt is not None and (nxt.is_num or nxt.low in _POSSESSIVE_DETS or nxt.low in _OBJECT_PRONOUNS)


_OBJECT_PRONOUNS = frozenset("them it him us me".split())


def t_singular(t: Tok) -> bool:
    forms = lemmas(t.low)
    return "NOUN" in forms and t.low == forms["NOUN"][0] and not t.low.endswith("s")


def split_clauses(toks: list[Tok]) -> list[list[Tok]]:
    """Cut one sentence's tokens into clauses (see the module docstring)."""
    cuts = [0]
    for i, t in enumerate(toks):
        if i > 1 and _after_subordinate(toks, cuts[-1], i):
            cuts.append(i)  # "After buying some toys | he had $8 left"
            continue
        if i == 0 or (t.low not in _BOUNDARY and t.text not in (",", ";")):
            continue
        if _starts_clause(toks, i + 1) and _has_verb(toks, cuts[-1], i):
            cuts.append(i)
    cuts.append(len(toks))
    return [toks[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _after_subordinate(toks: list[Tok], start: int, i: int) -> bool:
    """A subject and its verb after a subordinate phrase that has a verb of its own and no comma."""
    if toks[start].low not in _SUBORDINATE or toks[i - 1].text == "," or toks[i - 1].low in _BOUNDARY:
        return False
    t = toks[i]
    if not (t.low in _SINGULAR | _PLURAL | _SPEAKER | {"there"} or is_name(toks, i)) or t.low in ("her", "his", "their", "my"):
        return False  # ("When the workers are finished | there will be 55 trees")
    return i + 1 < len(toks) and is_verb(toks, i + 1) and _has_verb(toks, start + 1, i)


def _has_verb(toks: list[Tok], a: int, b: int) -> bool:
    return any(is_verb(toks, k) for k in range(a, b))


def _starts_clause(toks: list[Tok], j: int) -> bool:
    """A verb comes within the next few words, before another quantity's noun ends the phrase."""
    while j < len(toks) and (toks[j].low in _BOUNDARY or toks[j].text == ","):
        j += 1
    for k in range(j, min(len(toks), j + 7)):
        if toks[k].text in (",", ";"):
            return False
        if is_verb(toks, k) and not (k > j and toks[k - 1].low == "to" and toks[j].is_num):
            return True  # ("8 new cards and 10 old cards to put in the binder": an infinitive, no clause of its own)
    return False


def verb_at(toks: list[Tok]) -> tuple[int, int]:
    """(first verb index, main verb index) of a clause; (-1, -1) when it has none."""
    first = next((k for k in range(_opening_phrase(toks), len(toks)) if is_verb(toks, k)), -1)
    if first < 0:
        return -1, -1
    main = first
    k = first
    while k < len(toks) and (toks[k].low in lexicon.AUXILIARIES or toks[k].low in ("not", "n't", "to", "already",
                                                                                      "just", "also", "still",
                                                                                      "only", "then")):
        nxt = next((m for m in range(k + 1, min(len(toks), k + 6)) if is_verb(toks, m)), -1)
        if nxt < 0 or toks[k].low not in lexicon.AUXILIARIES and toks[k].low != "to":
            break
        if any(t.is_num for t in toks[k + 1:nxt]):
            break
        main = k = nxt
    return first, main


_PHRASE_OPENERS = frozenset("for at in on during".split())
_SUBJECTS = frozenset("he she they we i you".split())


def _opening_phrase(toks: list[Tok]) -> int:
    """ "For the school bake sale Katie made 26 cupcakes": the verb comes after the opening phrase's noun.

    A clause that opens with a preposition and a noun phrase ("For the school bake sale", "At the town fair")
    has its subject later, a name or a subject pronoun right before a verb; a word inside the phrase that
    could be a verb ("bake") is a noun there. Returns where to look for the verb (0: from the start).
    """
    if len(toks) < 4 or toks[0].low not in _PHRASE_OPENERS or toks[1].low not in _DETERMINERS:
        return 0
    for k in range(3, len(toks) - 1):
        if toks[k].is_num or toks[k].is_punct:
            return 0
        if (is_name(toks, k) or toks[k].low in _SUBJECTS) and is_verb(toks, k + 1):
            return k + 1
    return 0


_FEMALE_NOUNS = frozenset("mom mother sister aunt grandma grandmother daughter wife girl woman lady mrs ms miss".split())
_MALE_NOUNS = frozenset("dad father brother uncle grandpa grandfather son husband boy man mr".split())


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector as gd

    return gd.Detector(case_sensitive=False)


@lru_cache(maxsize=2048)
def gender(key: str) -> str:
    """ "female", "male" or "" (unknown) for a person's key, from first-name data (gender-guesser)."""
    words = key.split()
    if not words or key.startswith("group:"):
        return ""
    first = words[0]
    if first in _FEMALE_NOUNS or key in _FEMALE_NOUNS:
        return "female"
    if first in _MALE_NOUNS or key in _MALE_NOUNS:
        return "male"
    guess = _detector().get_gender(first.capitalize())
    return {"female": "female", "mostly_female": "female", "male": "male", "mostly_male": "male"}.get(guess, "")


class Entities:
    """The people, groups and things named so far, for resolving pronouns."""

    def __init__(self) -> None:
        self.people: list[str] = []  # most recent last
        self.groups: list[str] = []
        self.things: list[str] = []
        self.avoid = ""  # an object pronoun never means the clause's own subject ("Her dad gave her 8")
        self.named_subjects: set[str] = set()  # people named as a clause's subject (not through a pronoun)
        self.roles: set[str] = set()  # people told by a common noun ("A magician was selling ..."), of either sex
        self.untold: set[str] = set()  # genders of "he"/"she" read before anyone was named ("She went to ...")
        self.objects: set[str] = set()  # names told after "to"/"from" ("gave 8 of them to Max")
        self.kin_objects: set[str] = set()  # people told by a noun of known sex as a recipient or source ("his sister")

    def note(self, key: str, person: bool, named_subject: bool = False, role: bool = False) -> None:
        if role and person:
            self.roles.add(key)
            named_subject = not self.people  # "A magician was selling ...": the first person told is as salient as a name
        if named_subject and person:
            self.named_subjects.add(key)
        if key.startswith("group:"):
            self.groups.append(key)
        elif person:
            self.people.append(key)
        else:
            self.things.append(key)

    def _pick(self, word: str) -> str:
        """he/she: the person of that gender referred to most often so far, the most recent on a tie.

        A story may open with "she" for someone it never names ("She went to three orphanages ... Zed gave
        away 7 dollars. If she gave ..."): a later "she" is that person or the one named since, so a person of
        that gender named after it, or one whose gender the names do not tell, leaves the pronoun open.
        """
        want = "female" if word in ("she", "her", "hers", "herself") else "male"
        options = [p for p in self.people if gender(p) in (want, "")]
        if options and want in self.untold and word in ("he", "she"):
            raise ParseError(f"{word!r} could be the person first told as {word!r} or {options[-1]}")
        known_gender = [p for p in options if gender(p) == want]
        if known_gender and word in ("he", "she"):
            # "Mrs. Hilt ... Quorin ...": "she" is the one known to be a woman; a role noun ("a baker") may be either
            options = [p for p in options if gender(p) == want or p in self.roles]
        if self.avoid and word not in ("he", "she"):
            options = [p for p in options if p != self.avoid] or options
        if not options:
            if want in self.untold and word in ("he", "she") and self.people:
                # "She went to ... Peter gave away 7 dollars. If she gave": the woman first told, whom no key names
                raise ParseError(f"{word!r} is the person first told as {word!r}, never named")
            if any(gender(p) == want for p in self.objects - set(self.people)):
                # "Zoe had 30 balloons. She gave 8 of them to Max, and he popped 3 of those": "he" is not the woman
                # told as a subject but the man told only as an object, whose holding the reader does not keep
                raise ParseError(f"{word!r} names no one of that sex told as a subject")
            if word in ("he", "she") and any(gender(p) == want for p in self.kin_objects - set(self.people)):
                # "Max ... gave 20 dollars to his sister, and she spent 5 of it": not Max (session 13, wpa)
                raise ParseError(f"{word!r} names no one of that sex told as a subject")
            return self.people[-1] if self.people else ""
        counts: dict[str, int] = {}
        for p in options:
            counts[p] = counts.get(p, 0) + 1
        best = max(counts.values())
        tied = {p for p in options if counts[p] == best}
        if len(tied) > 1 and word in ("he", "she") and tied <= self.named_subjects:
            # "Joe had 50 cars. Quill has 13 hats. If he gets 12 more": each is told as often; recency guesses
            raise ParseError(f"{word!r} could be {' or '.join(sorted(tied))}")
        return next(p for p in reversed(options) if counts[p] == best)

    def untold_pronouns(self, toks: list[Tok]) -> None:
        """ "Next on her list ... where she spent $900": a he/she/his/her said before anyone was named."""
        for t in toks:
            if t.low in _SINGULAR:
                want = "female" if t.low in ("she", "her", "hers", "herself") else "male"
                if not self.people:
                    self.untold.add(want)

    def resolve(self, word: str) -> str:
        if word in _SINGULAR:
            found = self._pick(word)
            if found:
                self.people.append(found)  # a pronoun refers again: it counts towards salience
            return found
        if word in _PLURAL:
            if self.groups:
                return self.groups[-1]
            unique = list(dict.fromkeys(self.people))
            if len(unique) > 1:
                return "group:" + "+".join(sorted(unique))
            return unique[0] if unique else (self.things[-1] if self.things else "")
        if word in ("it", "its"):
            return self.things[-1] if self.things else ""
        if word in _SPEAKER:
            return "speaker"
        return ""


def entity_at(toks: list[Tok], i: int, ents: Entities) -> tuple[str, int, bool]:
    """The entity starting at ``i``: (key, end, is_person); key "" when there is none."""
    t = toks[i]
    if t.low in _SINGULAR | _PLURAL | _SPEAKER or t.low in ("it",):
        return ents.resolve(t.low), i + 1, t.low not in ("it",)
    if is_name(toks, i):
        j = i
        while j < len(toks) and (is_name(toks, j) or (j > i and toks[j].low in ("mr", "mrs", "ms", "dr"))):
            j += 1
        key = " ".join(x.low for x in toks[i:j])
        if toks[i].low in ("mr", "mrs", "ms", "dr") and j == i + 1:
            return "", i, False
        return key, j, True
    if t.low == "there":
        return "there", i + 1, False
    k = i
    while k < len(toks) and toks[k].low in _DETERMINERS | {"'s"}:
        k += 1
    head, _, _, end = noun_phrase(toks, k)
    if head:
        return head, end, head in PEOPLE
    return "", i, False


def _skip_phrase(toks: list[Tok], i: int, b: int, ents: Entities) -> int:
    comma = next((k for k in range(i, b) if toks[k].text == ","), -1)
    if comma >= 0:
        return comma + 1
    _, end, _ = entity_at(toks, i, ents) if i < b else ("", i, False)
    return max(end, i + 1)


def group_subject(toks: list[Tok], a: int, b: int, ents: Entities) -> tuple[str, bool]:
    """The subject among toks[a:b]: one entity, or "group:x+y" for "Debby and her sister"."""
    found: list[tuple[str, bool]] = []
    i = a
    while i < b:
        t = toks[i]
        if t.is_num:
            return "", False
        if t.low in _PREPOSITIONS and not found:
            i = _skip_phrase(toks, i + 1, b, ents)  # "For Halloween Debby ...", "At the fair there ..."
            continue
        if not found and i + 1 < b and toks[i + 1].text == "," and can_be(t.low, "ADV") and not is_name(toks, i):
            i += 2  # "First, they hiked", "Later, Clarence buys"
            continue
        key, end, person = entity_at(toks, i, ents)
        if key and end <= b:
            if end < b and toks[end].low == "'s":
                # "Sara 's high school": the school (owned by Sara) is the subject
                if person:
                    ents.note(key, True)
                i = end + 1
                continue
            found.append((key, person))
            i = end
        else:
            i += 1
    if not found:
        return "", False
    if len(found) > 1 and any(toks[k].low in ("and", "&") for k in range(a, b)):
        members = sorted({k for k, _ in found})
        return "group:" + "+".join(members), True
    return found[-1]
