"""What kind of answer a question asks for, read from its interrogative clause.

Employees' questions often open with a scene ("I'm new to government and expecting a
baby. How long do I need ...?") or a subordinate clause ("When I create a meeting, how
long does it last?"); the kind is read from the clause that asks, not from the first
question word. The kinds follow the wh-word and, for "what/which/how many/how much",
the noun it governs ("which tool" wants a name, "how many credit hours" a count of
hours, "how much money" an amount of money).

The word classes below are closed classes of English (measure units, money nouns,
question words), not words of any one knowledge base.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from reasoner.text import wordnet
from reasoner.text.stem import suffix_stem

AnswerKind = Literal[
    "money", "percent", "duration", "frequency", "time", "date", "count", "quantity",
    "person", "org", "name", "variety", "email", "channel", "url", "phone", "code", "place", "yesno", "explain", "other",
]  # fmt: skip
NUMERIC_KINDS = frozenset({"money", "percent", "duration", "frequency", "count", "quantity"})
NAME_KINDS = frozenset({"person", "org", "name", "place", "variety"})
TYPED_KINDS = NUMERIC_KINDS | {"time", "date", "email", "channel", "url", "phone", "code"}

TIME_UNITS = frozenset(
    "second minute hour day week month year fortnight quarter semester decade century business calendar".split()
)
MONEY_NOUNS = frozenset(
    "money cost price pay payment payout salary wage stipend allowance reimbursement fee budget bonus "
    "diem rate compensation fund dollar amount refund subsidy award credit spend spending severance".split()
)
_TIME_NOUNS = frozenset("time notice warning leave long while period".split())
_PERSON_NOUNS = frozenset("person people individual who president director officer".split())
_ORG_NOUNS = frozenset(
    "team group office department division unit organization organisation agency committee company "
    "practice guild vendor provider firm".split()
)
_PLACE_NOUNS = frozenset("place city country state location room floor building address site".split())
_DATE_NOUNS = frozenset("date day year month weekday deadline century decade season".split())
# nouns of an open question ("what is the policy on ...", "the process for ..."): the answer is
# a description, not a name
_DESCRIPTIVE_NOUNS = frozenset(
    "policy process procedure rule guideline requirement difference reason purpose way step plan approach".split()
)
_AUX = frozenset(
    "is are was were am be do does did can could will would should shall may might must has have had".split()
)
_WH = re.compile(r"\b(what|which|who|whom|whose|when|where|how|why)\b", re.I)
_CLAUSE = re.compile(r"(?<=[.?!;])\s+|,\s*|\s+\band\b\s+(?=(?:what|which|who|whom|whose|when|where|how|why)\b)", re.I)
_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class QuestionType:
    """The kind of answer wanted, and the noun that names it ("credit hours" in "how many credit hours").

    Attributes:
        kind: the answer kind.
        noun: the head noun the wh-word governs, stemmed ("" when none).
        clause: the interrogative clause the kind was read from.
    """

    kind: AnswerKind
    noun: str = ""
    clause: str = ""

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS


def interrogative_clause(question: str) -> str:
    """The clause that asks: the last one with a question word, else the last one.

    "When I leave federal service, what happens to my leave?" -> "what happens to my leave?".
    A leading "when/where/if" followed by a subject is a condition, not the question.
    """
    clauses: list[str] = []
    for part in (c.strip() for c in _CLAUSE.split(question) if c and c.strip()):
        if clauses and len(_WORD.findall(clauses[-1].lower())) < 3:
            clauses[-1] = f"{clauses[-1]} {part}"  # "Who, by name, would ..." is one clause
        else:
            clauses.append(part)
    asking = [c for c in clauses if asks(c)]
    wh = [c for c in asking if _WH.search(c)]  # "Who, by name, would have to OK that?" asks "who"
    if wh or asking:
        return (wh or asking)[-1]
    return clauses[-1] if clauses else question


def asks(clause: str) -> bool:
    """Whether a clause asks something: a question word that is not a condition ("when I
    leave, ..."), or an auxiliary first ("Can I ...")."""
    words = _WORD.findall(clause.lower())
    if not words:
        return False
    m = _WH.search(clause)
    if m is None:
        return words[0] in _AUX  # "Can I ...?", "Is there ...?"
    after = _WORD.findall(clause[m.end() :].lower())[:1]
    # "when I leave" (a condition) vs "when do I" / "when is": the wh-word followed by a subject
    # "when merging PRs, do we ...": a participle after it is a condition too (a reduced clause)
    condition = m.group(1).lower() in ("when", "where") and bool(after) and (after[0] in _SUBJECTS or _participle(after[0]))
    return not condition


def _participle(word: str) -> bool:
    """A present participle ("merging", "booking"), told by its ending (not "thing", "spring")."""
    return len(word) > 5 and word.endswith("ing")


# words that end the noun phrase after a wh-word: prepositions, determiners, pronouns
_NP_END = frozenset(
    "of to for in on at by with from about per into onto over under during after before than via within without "
    "across through i we you they he she it each every the a an this that my our your their its "
    "when where while if because so which who whom whose what how why".split()
)
_SUBJECTS = frozenset(
    "i i'm i've i'd i'll you you're we we're they they're he she it it's my our your their a an the this that "
    "someone".split()
)


def _noun_after(words: list[str], i: int) -> str:
    """The head noun of the phrase after the wh-word at ``i`` ("which password manager do" -> "manager")."""
    head = ""
    for w in _phrase_after(words, i):
        if w in _AUX or (w in _NP_END and not (w in _POST_NOUN and (not head or head.endswith("ly")))):
            break
        head = w
    return suffix_stem(head) if head else ""


# prepositions that end a noun phrase only after its noun: "hours per pay period", but "the (daily) per
# diem" (a compound that starts with the word)
_POST_NOUN = frozenset({"per"})


def _phrase_after(words: list[str], i: int) -> list[str]:
    """The words after the wh-word at ``i``, past a copula and determiner ("what is the yearly cap")."""
    rest = words[i + 1 : i + 9]
    if len(rest) > 2 and rest[0] in ("is", "are", "was", "were") and rest[1] in _DETERMINERS:
        rest = rest[2:]
    for j, w in enumerate(rest[:4]):
        if w in ("number", "amount") and j + 1 < len(rest) and rest[j + 1] == "of":
            return rest[j + 2 : j + 6]  # "the least number of hours": hours
    return rest[:5]


_DETERMINERS = frozenset("the a an my our your their its this that".split())


def question_type(question: str) -> QuestionType:
    """The kind of answer ``question`` asks for (see ``AnswerKind``)."""
    clause = interrogative_clause(question)
    low = _expand(clause.lower())
    kind, noun = _kind_of(low, _WORD.findall(low))
    unit = _STATED_UNIT.search(question.lower())
    if unit and kind in NUMERIC_KINDS and suffix_stem(unit.group(1)) in TIME_UNITS:
        noun = suffix_stem(unit.group(1))  # "the most advanced sick leave, in hours, ...": hours
    return QuestionType(kind, noun, clause)


# a unit the question states apart from its noun phrase ("..., in hours, ...", "in days?")
_STATED_UNIT = re.compile(r"(?:^|[,(])\s*in\s+([a-z]+)\s*(?:[,)?]|$)")


def _expand(low: str) -> str:
    """ "what's" -> "what is", curly apostrophes straightened."""
    low = low.replace("\u2019", "'")
    return re.sub(r"\b(what|who|where|when|how|which)'s\b", r"\1 is", low)


_EXPLAIN = re.compile(
    r"^(?:please\s+)?(?:explain|describe|summari[sz]e|outline|walk me through|tell me about)\b"
    r"|\bhow (?:is|are|do|does|can|should|would|did|was|were|must|will)\b"
)


def _explain_kind(low: str, words: list[str]) -> tuple[AnswerKind, str] | None:
    """An open question: "Explain the sick leave policy", "How are flights approved?" (how + a
    verb asks for a manner or a process; "how long", "how many" are caught before)."""
    return ("explain", "") if _EXPLAIN.search(low) else None


_CALLED = re.compile(r"\bwhat (?:is|are|was|were) (?:[\w'-]+ ){0,4}?(?:called|named)\b(?!\s+(?:after|for)\b)|\bwhat do (?:we|you|they|people) call\b")


def _called_kind(low: str, words: list[str]) -> tuple[AnswerKind, str] | None:
    """ "what's it called?", "what is the feature named?", "what do we call ...": a name is asked."""
    return ("name", "") if _CALLED.search(low) else None


def _kind_of(low: str, words: list[str]) -> tuple[AnswerKind, str]:
    for rule in (_contact_kind, _how_kind, _explain_kind, _called_kind, _wh_noun_kind, _wh_kind):
        found = rule(low, words)
        if found is not None:
            return found
    return ("yesno", "") if words and words[0] in _AUX else ("other", "")


def _contact_kind(low: str, words: list[str]) -> tuple[AnswerKind, str] | None:
    if re.search(r"\bwhat (do|should|must|can) (i|we|you) (type|enter|run)\b|\bwhat command\b", low):
        return "code", "code"
    if re.search(r"\b(e-?mail address|address do i (e-?mail|write)|what (e-?mail|address) do i)\b", low):
        return "email", "email"
    # "who do I email for ...", "where should I email my form": whom (or where) one writes to is an address
    if re.search(r"\b(who(m)?|where) (do|should|can|could|must) (i|we|you) (e-?mail|write to)\b", low):
        return "email", "email"
    if re.search(r"\b(slack channel|which channel|what channel|where (in|on) slack)\b", low):
        return "channel", "channel"
    there = _existential_contact(words)
    if there is not None:
        return there, there
    if re.search(r"\b(url|website|web site|domain|link|web address)\b", low) and _WH.search(low) and _asks_for_url(words):
        return "url", "url"
    if re.search(r"\b(phone number|who do i call|what number do i call|number to call)\b", low):
        return "phone", "phone"
    return None


_URL_NOUNS = frozenset("url website site domain link address page".split())
# "is there an email for that?", "is there a channel for ...": a question whether a contact exists asks
# for the contact; the nouns that name one kind of contact (not "address", which may be either)
_CONTACT_NOUNS: dict[str, AnswerKind] = {
    "email": "email", "e-mail": "email", "channel": "channel", "url": "url", "website": "url", "link": "url", "phone": "phone",
}  # fmt: skip
_CONTACT_STEMS: dict[str, AnswerKind] = {suffix_stem(c): k for c, k in _CONTACT_NOUNS.items()}


def _existential_contact(words: list[str]) -> AnswerKind | None:
    """The contact kind a yes/no "is/are there a(n) (other) X" asks for, when X names one ("is there an
    email for that?": the address), else None."""
    for i in range(len(words) - 2):
        if words[i] in ("is", "are") and words[i + 1] == "there" and (i == 0 or words[i - 1] not in _WH_WORDS):
            rest = [w for w in words[i + 2 : i + 6] if w not in ("a", "an", "any", "another", "other", "some", "slack")]
            return _CONTACT_NOUNS.get(rest[0].rstrip("s")) if rest else None
    return None


_WH_WORDS = frozenset("what which who whom whose when where how why".split())


def _asks_for_url(words: list[str]) -> bool:
    """Whether a url word is what is asked: "what is the link for ...", "where is the website", but not
    "past what meeting length should I borrow a link" (the asked noun is "length")."""
    for i, w in enumerate(words):
        if w in ("what", "which"):
            noun = _noun_after(words, i)
            if noun and noun not in _stems(_URL_NOUNS) and noun not in ("s", "is"):
                return False
    return True


def _how_kind(low: str, words: list[str]) -> tuple[AnswerKind, str] | None:
    m = re.search(r"\bhow (often|frequently|regularly)\b|\bhow many times\b", low)
    if m:
        return "frequency", ""
    m = re.search(r"\bhow (long|soon|quickly|fast|early|late)\b|\bhow far (ahead|in advance|out)\b", low)
    if m:
        return "duration", ""
    if re.search(r"\bhow (big|large|high|tall|wide|heavy|old|far|deep|small|low)\b", low):
        money = {suffix_stem(w) for w in words} & _stems(MONEY_NOUNS - {"amount", "credit", "rate"})
        return ("money" if money else "quantity"), ""
    m = re.search(r"\bhow (many|much)\b", low)
    if m is None:
        return None
    i = words.index(m.group(1)) if m.group(1) in words else 0
    noun = _noun_after(words, i)
    nouns = {suffix_stem(w) for w in _phrase_after(words, i)[:3]}
    clause_money = {suffix_stem(w) for w in words} & _stems(MONEY_NOUNS - {"amount", "credit", "rate"})
    # "how much time should I spend": the governed noun is time, whatever "spend" says; without a governed
    # noun ("how much do I get ...") the clause's money word says what is measured
    timed_head = noun in _stems(TIME_UNITS) or noun in _stems(_TIME_NOUNS)
    if m.group(1) == "much" and not timed_head and (not noun or clause_money or "$" in low):
        return "money", noun
    if nouns & _stems(TIME_UNITS) or nouns & _stems(_TIME_NOUNS):
        return "duration", noun
    if "percent" in low or "%" in low:
        return "percent", noun
    return ("count" if m.group(1) == "many" else "quantity"), noun


def _stems(words: frozenset[str]) -> set[str]:
    return {suffix_stem(w) for w in words}


def _wh_noun_kind(low: str, words: list[str]) -> tuple[AnswerKind, str] | None:
    """ "what/which (adjective) noun": the noun names the kind."""
    if re.search(r"\bwhat (percentage|percent|share|proportion)\b", low):
        return "percent", "percent"
    if re.search(r"\bwhat time of (the )?(year|month)\b", low):
        return "date", "time"
    if re.search(r"\b(what|which) (time|hours?)\b|\bby what time\b|\bat what time\b", low) and not _compound_after_time(words):
        return "time", "time"
    for i, w in enumerate(words):
        if w not in ("what", "which", "whose"):
            continue
        if words[i + 1 : i + 2] and words[i + 1] in _VARIETY and words[i + 2 : i + 3] == ["of"]:
            # "what kind of schedule", "which kind of leave covers ...": the word after "of" is the
            # head (a verb may follow it, and verbs are not told from nouns here)
            after = words[i + 3 : i + 4]
            sort = suffix_stem(after[0]) if after and after[0] not in _NP_END and after[0] not in _AUX else ""
            if sort:
                return "variety", sort
        noun = _noun_after(words, i)
        if w == "whose":
            return "person", ""  # "whose approval": the possessor is a person
        near = {suffix_stem(x) for x in _phrase_after(words, i)[:4]}
        measured = _measured_object(words, i) if noun in _stems(_MEASURE_WORDS) else ""
        if measured:  # "the yearly cap on award leave hours": a cap of hours
            near, noun = near | {measured}, measured
        if noun in _stems(_DESCRIPTIVE_NOUNS):
            return "explain", noun
        if noun in _CONTACT_STEMS:
            return _CONTACT_STEMS[noun], noun  # "what's their email?", "what is the phone for the desk?"
        measures = bool(near & _stems(_MEASURE_WORDS)) or bool(measured) or bool(_COUNTED.search(low))
        if noun in _stems(_DATE_NOUNS) and not measures:  # "the maximum number of days" counts days
            return "date", noun
        if noun in _stems(_SPAN_NOUNS):
            return "duration", noun  # "within what period": a length of time
        if measures or noun in _stems(TIME_UNITS):
            return _measure_kind(near, measured), noun
        if noun in _stems(MONEY_NOUNS - {"amount", "credit", "rate"}):
            return "money", noun
        if noun in _stems(_ORG_NOUNS):
            return "org", noun
        if noun in _stems(_PERSON_NOUNS - {"name"}):
            return "person", noun
        if noun in _stems(_PLACE_NOUNS):
            return "place", noun
        if noun and noun not in ("s", "is", "kind", "type", "sort", "happen"):
            return "name", noun
    return None


def _compound_after_time(words: list[str]) -> bool:
    """ "what time code", "which time zone": "time" modifies the noun after it, which is the one asked
    (a word that is not an auxiliary, a pronoun or a preposition follows)."""
    for i, w in enumerate(words[:-1]):
        if w in ("what", "which") and words[i + 1] in ("time", "hour", "hours"):
            nxt = words[i + 2] if i + 2 < len(words) else ""
            return bool(nxt) and nxt not in _AUX and nxt not in _NP_END and nxt not in _SUBJECTS and nxt != "s"
    return False


# "what kind of X" asks which X: the answer is X with its modifier ("a standard schedule")
_VARIETY = frozenset("kind kinds type types sort sorts form forms".split())

# "what is the most/least/maximum X", "the length of": a measured amount
_MEASURE_WORDS = frozenset(
    "most least maximum minimum max min longest shortest largest smallest highest lowest length size limit "
    "cap total number amount count balance".split()
)


_SPAN_NOUNS = frozenset("period duration timeframe".split())
_COUNTED = re.compile(r"\b(?:number|amount|total) of\b")


def _measured_object(words: list[str], i: int) -> str:
    """The head noun of the phrase after a measure noun and "of/on/for" ("cap on award leave
    hours" -> "hour"), or ""."""
    rest = _phrase_after(words, i)
    for j, w in enumerate(rest[:4]):
        if suffix_stem(w) in _stems(_MEASURE_WORDS) and rest[j + 1 : j + 2] and rest[j + 1] in ("of", "on", "for"):
            tail = [x for x in words[words.index(w, i) + 2 :] if x not in _DETERMINERS]
            head = ""
            for x in tail[:5]:
                if x in _AUX or x in _NP_END:
                    break
                head = x
            return suffix_stem(head) if head else ""
    return ""


def _measure_kind(near: set[str], measured: str = "") -> AnswerKind:
    if measured in _stems(TIME_UNITS):
        return "duration"  # "the cap on award leave hours": hours, whatever the hours are for
    if near & _stems(MONEY_NOUNS - {"amount", "credit", "rate"}):
        return "money"
    if near & _stems(TIME_UNITS | {"time", "long", "length"}):
        return "duration"
    return "quantity"


def _wh_kind(low: str, words: list[str]) -> tuple[AnswerKind, str] | None:
    m = _WH.search(low)
    if m is None:
        return None
    wh = m.group(1)
    if wh in ("who", "whom", "whose"):
        return "person", ""
    if wh == "when":
        return "date", ""
    if wh == "where":
        return "place", ""
    return None


# "who do I ask / bug / contact to ...": the one the asker turns to, who may be a channel or an address
# ("Ask #admins-docker for access") as well as a person
_ADDRESSEE = re.compile(r"\bwho(?:m)?\s+(?:do|should|can|could|would|must)\s+(?:i|we|you)\b", re.I)


def addressee(clause: str) -> bool:
    """Whether a who-question asks whom the asker turns to ("who do I ask to get added?")."""
    return _ADDRESSEE.search(clause) is not None


def communicates(clause: str) -> bool:
    """Whether a where-question asks where to communicate ("where do I ask", "where should I post my
    questions"): a word of its clause whose first two verb senses are kinds of "communicate" in WordNet."""
    words = re.findall(r"[a-z]+", clause.lower())
    if "where" not in words:
        return False
    rest = words[words.index("where") + 1 :]
    return any(_communication_verb(w) for w in rest if w not in _AUX and w not in _SUBJECTS and w not in _NP_END)


@lru_cache(maxsize=4096)
def _communication_verb(word: str, max_senses: int = 2, max_depth: int = 10) -> bool:
    wn = wordnet.load()
    if wn is None:
        return False
    goal = {(s.pos, s.offset) for s in wn.senses("communicate", "v", max_senses=2)}  # information, thoughts
    for sense in wn.senses(word, "v", max_senses=max_senses):
        node = sense
        for _ in range(max_depth):
            if (node.pos, node.offset) in goal:
                return True
            up = [(p, o) for sym, p, o in node.pointers if sym == "@"]
            if not up:
                break
            node = wn.synset(*up[0])
    return False
