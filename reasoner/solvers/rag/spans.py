"""Typed answer spans in a sentence: quantities with their units, money, percentages,
times, dates, frequencies, contacts and names.

Two rules matter more than any pattern: a number glued to letters is part of a name
("37signals", "18F", "GS-13", "K-7"), never a quantity; and a quantity keeps its unit
("4 weeks", "$3,000", "75%", "five (5) business days", "3 to 5 weeks").

Pure functions over strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from reasoner.solvers.rag.answer_type import TIME_UNITS, QuestionType, addressee, communicates
from reasoner.solvers.rag.grounding import STOPWORDS
from reasoner.text import numbers as numwords
from reasoner.text import wordnet
from reasoner.text.stem import suffix_stem

_NUMBER_WORD = "|".join(sorted([*numwords.UNITS, *numwords.TENS, "hundred", "thousand", "a", "an", "half"], key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# a numeral not glued to a name: no letter, "#", "-" after a letter, or "." before it; no letter
# after it ("18F", "37signals"), though a hyphenated unit may follow ("90-day", "2048-bit")
_NUM = rf"(?<![\w#@])(?<!\d/)(?<![A-Za-z]-)(?<!\d\.)(?:{_DIGITS})(?![\w@]|\.\d|(?-i:-[A-Z]))"
_WORDNUM = rf"\b(?:{_NUMBER_WORD})(?:[- ](?:{'|'.join(numwords.UNITS)}))?\b"
_ONE = rf"(?:{_NUM}|{_WORDNUM})(?:\s*\(\s*\d+\s*\))?"  # "five (5)"
_RANGE = rf"{_ONE}(?:\s*(?:-|–|to|or|and)\s*{_ONE})?"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MON = rf"(?:{_MONTHS}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)"
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_ORDINAL = r"\b\d{1,2}(?:st|nd|rd|th)\b"

_PATTERNS: dict[str, re.Pattern[str]] = {
    "money": re.compile(
        rf"(?:(?:USD|CAD|US)\s?)?[$€£]\s?(?:{_DIGITS})(?:\s?(?:k|K|million|billion))?(?:\s?(?:USD|CAD|EUR|GBP)\b)?"
        rf"|{_NUM}\s?(?:dollars|USD|CAD|EUR|GBP)\b"
    ),
    "percent": re.compile(rf"[+-]?(?:{_DIGITS})\s?(?:%|percent\b)|\b(?:{_NUMBER_WORD}) percent\b"),
    "time": re.compile(
        r"(?<![\w:])\d{1,2}(?::\d{2})?\s?(?:[ap]\.?m\.?)(?:\s?(?:-|–|to)\s?\d{1,2}(?::\d{2})?\s?(?:[ap]\.?m\.?))?"
        r"(?:\s(?:ET|PT|CT|MT|EST|PST|Eastern|Pacific|local time|UTC))?|\b(?:noon|midnight)\b",
        re.I,
    ),
    "date": re.compile(
        rf"\b{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b|\b\d{{1,2}}\s+{_MON}(?:\s+\d{{4}})?\b"
        rf"|\b{_MON}\s+\d{{4}}\b|\b(?:the\s+)?(?:last|first|second|third|final)\s+(?:two\s+)?weeks?\s+of\s+{_MON}"
        rf"|(?:the\s+)?{_ORDINAL}(?:\s+day)?(?:\s+of\s+the\s+(?:following\s+|next\s+)?month)?"
        rf"|\b(?:the\s+)?(?:following|next|previous)\s+(?:{_DAYS})\b|\b(?:end of day\s+)?(?:{_DAYS})s?\b"
        rf"|\b{_MON}\b|(?<![\w$,.])(?:19|20)\d{{2}}(?![\w,])"
    ),
    "email": re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),
    "url": re.compile(r"\bhttps?://[^\s)>\]]+|\b(?:[a-z0-9-]+\.)+(?:com|gov|org|net|io|edu|us|co|ca|dev|app)\b(?:/[\w/.-]*)?", re.I),
    "channel": re.compile(r"(?<![\w&])#[a-z][\w-]*", re.I),
    "phone": re.compile(r"(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"),
    "code": re.compile(r"(?<![\w/])/[a-z][\w-]*\b|\b[A-Z][A-Za-z]*\s?\+\s?[A-Z][A-Za-z]*(?:\s?\+\s?[A-Z][A-Za-z]*)*"),
    "frequency": re.compile(
        rf"\b(?:once|twice|{_RANGE}\s+times)\s+(?:a|an|per|each|every)\s+(?:\w+\s+)?(?:day|week|month|quarter|year)s?\b"
        rf"|\bevery\s+(?:other\s+)?(?:{_RANGE}\s+)?(?:business\s+|calendar\s+)?(?:minute|hour|day|week|month|quarter|year)s?\b"
        r"|\b(?:bi-?)?(?:weekly|monthly|daily|annually|yearly|quarterly|fortnightly|biweekly)\b",
        re.I,
    ),
}
_QUANTITY = re.compile(rf"(?:up to |at least |at most |within |about |over |under |more than |less than )?{_RANGE}", re.I)
_NAME = re.compile(
    r"(?<![\w#@/.-])(?:[A-Z][\w'’.&-]*[A-Za-z0-9]|[a-z]+[A-Z][\w]*)"
    r"(?:\s+(?:of|for|and|the|de|&)?\s*(?:[A-Z][\w'’.&-]*[A-Za-z0-9]|\d+(?:\.\d+)?(?![\w.])))*"
)
_UNIT_WORD = re.compile(r"[ -]?([a-z][a-z-]*)")
_MAX_UNIT_WORDS = 3


@dataclass(frozen=True)
class Span:
    """A typed span of a sentence.

    Attributes:
        text: the span as shown ("4 weeks", "$3,000", "March 2014").
        start: character offset in the sentence.
        kind: what it is ("money", "percent", "duration", "quantity", "time", "date",
            "frequency", "email", "url", "channel", "phone", "code", "name").
        number: the bare number when the span is one number ("4", "$3,000", "75%"), else None.
        unit: the unit words, stemmed ("week", "business day"), or "".
    """

    text: str
    start: int
    kind: str
    number: str | None = None
    unit: str = ""


def _unit_after(text: str, end: int, noun: str) -> tuple[str, int]:
    """The unit words right after a number: up to three lower-case words, cut after a
    time unit, after the question's noun, or after the first plural noun."""
    words: list[tuple[str, int]] = []
    pos = end
    for _ in range(_MAX_UNIT_WORDS):
        m = _UNIT_WORD.match(text, pos)
        if m is None or m.group(1) in STOPWORDS or m.group(1).endswith("ly"):
            break
        words.append((m.group(1), m.end()))
        pos = m.end()
    for j, (w, stop) in enumerate(words):
        st = suffix_stem(w.rstrip("-"))
        if st in _TIME_STEMS and not (j + 1 < len(words) and suffix_stem(words[j + 1][0]) in _TIME_STEMS):
            return " ".join(x for x, _ in words[: j + 1]), stop
        if noun and (st == noun or st.startswith(noun) or noun.startswith(st)):
            return " ".join(x for x, _ in words[: j + 1]), stop
    for j, (w, stop) in enumerate(words[:2]):
        if w.endswith("s") and not w.endswith("ss"):
            return " ".join(x for x, _ in words[: j + 1]), stop
    return (words[0][0], words[0][1]) if words else ("", end)


_TIME_STEMS = {suffix_stem(u) for u in TIME_UNITS} | {"minut", "hr", "min"}


def quantities(text: str, noun: str = "") -> list[Span]:
    """Numbers (digits or words) with their units; ranges kept whole ("3 to 5 weeks",
    "6 months to a year")."""
    out: list[Span] = []
    for m in _QUANTITY.finditer(text):
        if out and m.start() < out[-1].start + len(out[-1].text):
            continue  # "half hours" inside "one and a half hours": one amount
        core = _LIMIT.sub("", m.group().strip())
        unit, stop = _unit_after(text, m.end(), noun)
        if _labelled(text, m.start(), bool(unit)):
            continue  # "Level 3", "Form 1099", "Section 508": the number is part of a name
        if not re.search(r"\d", core) and not unit:
            continue  # "one of the ..." is not a quantity
        if core.lower() in ("a", "an", "half") and not _timed(unit):
            continue  # an article, unless a time unit follows ("a year")
        if core.lower() in ("a", "an") and _moment(unit):
            continue  # "a last minute appointment": the article counts a moment, not a length of time
        if out and out[-1].unit and _joins(text[out[-1].start + len(out[-1].text) : m.start()]):
            prev = out.pop()  # "6 months to a year": one range
            shown = text[prev.start : stop].strip(" ,.;:")
            out.append(Span(shown, prev.start, prev.kind, None, _stem_phrase(unit) or prev.unit))
            continue
        shown = text[m.start() : stop].strip(" ,.;:")
        kind = "duration" if unit and suffix_stem(unit.split()[-1]) in _TIME_STEMS else "quantity"
        out.append(Span(shown, m.start(), kind, canonical_number(core), _stem_phrase(unit)))
    return out


_LIMIT = re.compile(r"(?i)^(?:up to|at least|at most|within|about|over|under|more than|less than)\s+")
_LABEL = re.compile(r"(?<![\w'’-])([A-Z][a-z]+)\s+$")


def _labelled(text: str, start: int, has_unit: bool) -> bool:
    """A numeral right after a capitalised content word labels it ("Form 1099", "Level 3", "complete
    Section 508 training"): an English name pattern, not an amount. A capitalised word that starts a
    sentence is a label only when no unit follows the number ("Allow 2 days" counts days; "Form 1099
    is due" names a form); function words ("Up to 3", "Every 2 weeks") never label."""
    m = _LABEL.search(text[max(0, start - 40) : start])
    if m is None or m.group(1).lower() in STOPWORDS or _CALENDAR_WORD.fullmatch(m.group(1)):
        return False
    return not (has_unit and _starts_sentence(text, start - len(m.group(0))))


def _moment(unit: str) -> bool:
    """The unit words are one WordNet noun that names a point in time, not a time period ("last
    minute", "rush hour"; not "calendar day")."""
    words = unit.split()
    if len(words) < 2:
        return False
    wn = wordnet.load()
    compound = "_".join(w.lower() for w in words)
    return wn is not None and bool(wn.senses(compound, "n")) and not wn.is_a(compound, "time_period", max_senses=2)


def _timed(unit: str) -> bool:
    return bool(unit) and suffix_stem(unit.split()[-1]) in _TIME_STEMS


def _joins(gap: str) -> bool:
    return re.fullmatch(r"\s*(?:-|–|to|or)\s*", gap) is not None


def canonical_number(core: str) -> str | None:
    """One number as digits: "24" -> "24", "five (5)" -> "5", "six" -> "6"; None for a range."""
    m = re.search(r"\(\s*(\d+)\s*\)", core)
    if m:
        return m.group(1)
    if re.fullmatch(_NUM, core):
        return core
    words = core.lower().replace("-", " ").split()
    value, end = numwords.accumulate(words, 0, {**numwords.UNITS, **numwords.TENS}, numwords.SCALES)
    return str(value) if words and end == len(words) and value else None


def _stem_phrase(unit: str) -> str:
    return " ".join(suffix_stem(w) for w in unit.split())


def names(text: str) -> list[Span]:
    """Capitalised runs and CamelCase words ("Sauce Labs", "KeePassXC", "T-TECH TRANSFORMATION SERVICE");
    a sentence's capitalised first word is not a name unless it is CamelCase or an acronym."""
    out = []
    for m in _NAME.finditer(text):
        span, start = m.group(), m.start()
        if _starts_sentence(text, start) and not _name_like(span.split()[0]):
            first = span.split()[0]
            span, start = span[len(first) :].lstrip(), start + len(first) + (len(span) - len(first) - len(span[len(first) :].lstrip()))
        span = span.strip(" .,'’")
        if span and span.lower() not in STOPWORDS and not _calendar(span):
            out.append(Span(span, start, "name"))
    return out


# a month or weekday is a date, not the name of a person, tool or team ("April" is no answer to
# "what software do we use for reviews")
_CALENDAR_WORD = re.compile(rf"{_MON}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday", re.IGNORECASE)


def _calendar(span: str) -> bool:
    """Every word of the run is a month or weekday ("April", "Monday and May 5")."""
    words = [w for w in re.findall(r"[A-Za-z]+\.?", span) if w.lower() not in ("of", "for", "and", "the", "de")]
    return bool(words) and all(_CALENDAR_WORD.fullmatch(w) for w in words)


def _starts_sentence(text: str, start: int) -> bool:
    """At the start, or after ":" / ";" / "(" / a dash: a capital there says nothing about names."""
    before = text[:start].rstrip()
    return not before or before[-1] in ":;(-–—\"'“"


def _name_like(word: str) -> bool:
    """CamelCase ("LastPass"), an acronym ("GSA") or letters with digits ("K-7")."""
    return any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word)


def typed(text: str, kind: str) -> list[Span]:
    """Spans of one pattern kind."""
    pat = _PATTERNS.get(kind)
    if pat is None:
        return []
    out = []
    for m in pat.finditer(text):
        span = m.group().strip(" ,.;:")
        number = span if kind in ("money", "percent") and _plain_amount(span) else None
        out.append(Span(span, m.start(), kind, number))
    return out


def _plain_amount(span: str) -> bool:
    return re.fullmatch(r"[$€£]?\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?", span) is not None


# which span kinds can answer each question kind, best first
_WANTED: dict[str, tuple[str, ...]] = {
    "money": ("money",),
    "percent": ("percent",),
    "duration": ("duration", "frequency", "quantity"),  # "how long must the password be": 16 characters
    "frequency": ("frequency", "duration"),
    "count": ("quantity", "duration"),
    "quantity": ("quantity", "duration", "money", "percent"),
    "time": ("time", "date"),
    "date": ("date", "time"),
    "email": ("email",),
    "url": ("url",),
    "channel": ("channel",),
    "phone": ("phone",),
    "code": ("code",),
    "person": ("name", "role"),
    "org": ("name",),
    "name": ("name", "code", "url", "channel"),
    "variety": ("variety", "name"),
    "place": ("name", "channel", "url"),
}


# kinds a span may fall back to when the sentence has none of the wanted kind; they do not make
# a sentence "typed" for ranking ("2 weeks of base pay" answers "what severance", but a sentence
# with a duration is no evidence of an amount of money)
_FALLBACK: dict[str, tuple[str, ...]] = {"money": ("quantity", "duration")}


def spans(text: str, qtype: QuestionType, *, fallback: bool = False) -> list[Span]:
    """Every span of ``text`` that could answer a question of this type, best kind first
    (with ``fallback``, also the kinds of ``_FALLBACK``).

    A bare number inside a money, percent, time, date or phone span is not offered again
    as a quantity ("1,149" of "$1,149 USD").
    """
    kinds = _wanted(qtype) + (_fallback(qtype) if fallback else ())
    found: list[Span] = []
    claimed = [s for k in ("money", "percent", "time", "date", "phone", "frequency") for s in typed(text, k)]
    claimed += addresses(text)  # "355 McAllister Street": a house number counts nothing
    noun = suffix_stem(qtype.noun) if qtype.noun else ""
    for k in kinds:
        if k in ("duration", "quantity"):
            found.extend(s for s in quantities(text, qtype.noun) if s.kind == k and not _inside(s, claimed))
        elif k == "name":
            found.extend(_named(text, s, noun) for s in names(text))
        elif k == "address":
            found.extend(addresses(text))
        elif k == "role":
            found.extend(_roles(text))
        elif k == "variety":
            found.extend(_modified(text, noun))
        elif k == "url":  # the domain of an e-mail address is the address ("ca-team@lists.example.org")
            emails = typed(text, "email")
            found.extend(next((e for e in emails if _inside(u, [e])), u) for u in typed(text, "url"))
        else:
            found.extend(typed(text, k))
    if qtype.kind in _MEASURED and noun:
        found.extend(s for s in quantities(text, qtype.noun) if noun in s.unit.split())
        found.extend(_ordinals(text, noun))
    if noun == "number":
        found.extend(Span(m.group(), m.start(), "quantity", None, noun) for m in _NUMBER_SIGN.finditer(text))
    if qtype.kind in _STATED and noun:
        found.extend(_stated(text, noun))
    if qtype.kind in _IDENTIFIER_KINDS:
        premises = [(m.start(), m.end()) for m in _CONDITION.finditer(text)]
        found = [s for s in found if not any(a <= s.start < b for a, b in premises)]
    if qtype.kind in _AMOUNT_KINDS:
        found.extend(Span(m.group().strip(), m.start(), "none") for m in _NO_BOUND.finditer(text))
    if asks_count(qtype):
        found = [s for s in found if _counts(s)]
    if qtype.kind in ("duration", "frequency"):  # a bare number measures no length of time ("July, 1, 2020")
        found = [s for s in found if s.kind != "quantity" or s.unit]
    return found


# "There is no dollar threshold for receipts", "no maximum": a bound denied answers a question about
# an amount or a limit. The bound nouns are a closed class of English.
_AMOUNT_KINDS = frozenset({"money", "quantity", "count", "duration", "percent"})
_NO_BOUND = re.compile(
    r"\b(?:no|not any)\s+(?:[a-z]+\s+)?(?:limit|maximum|minimum|cap|ceiling|threshold|floor|upper limit|lower limit)s?\b",
    re.I,
)


_HOW_MANY = re.compile(r"\bhow many\b(?!\s+times\b)", re.I)


def asks_count(qtype: QuestionType) -> bool:
    """ "How many ..." asks for a count ("how many vacation days", not "how many times"): the answer
    holds a number; "semi-monthly" or "a year" count nothing."""
    return qtype.kind in ("count", "duration", "quantity") and _HOW_MANY.search(qtype.clause) is not None


def _counts(span: Span) -> bool:
    if span.kind not in ("quantity", "duration"):
        return span.kind in ("money", "percent")
    core = _LIMIT.sub("", span.text)
    return re.match(rf"(?i)\s*(?:{_DIGITS}|(?!(?:a|an|half)\b)(?:{_NUMBER_WORD})\b)", core) is not None


# "If the domain is set to .zoom.us, click ... and enter your GSA email": a leading conditional
# clause states what the reader already has; the thing to use is in the main clause. Only for
# names and addresses: a threshold in a condition ("if you are out for 3 weeks or longer") is often
# the very amount asked.
_IDENTIFIER_KINDS = frozenset({"name", "person", "org", "place", "url", "email", "channel", "code", "phone"})
_CONDITION = re.compile(r"(?:^|(?<=[:;]))\s*(?:if|unless|whenever|in case)\b[^,:;]*,", re.I)


# "what grade", "which floor": a number with the asked noun as its unit answers ("6-8 grade")
_MEASURED = frozenset({"name", "place"})
_STATED = frozenset({"name", "place", "person", "org"})
# the number sign labels a number ("room #5685", "line #670"): it answers "what room number"
_NUMBER_SIGN = re.compile(r"(?<![\w&])#\s?\d+\b")
_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth fiftieth"
).split()
_ORDINAL_ANY = rf"(?:\d+(?:st|nd|rd|th)|{'|'.join(_ORDINAL_WORDS)})"
# "the committee's chair is Ana Ruiz", "GSA's TWN Employer Code is 10536", "Code: 10536": what a
# copula (or a colon) says the asked noun is, when it starts like a value (a capital, a digit, "#")
_COPULA = r"\s*(?::|\s(?:is|are|was|were)\s+(?:called\s+|named\s+)?)\s*"
_VALUE = r"([A-Z0-9#$@][^\s.;,()]*(?:\s+[A-Z0-9#][^\s.;,()]*){0,5})"


# a person named by role ("your supervisor", "the hiring manager") answers "who approves": a
# determiner, at most one modifier, and a noun whose most frequent WordNet sense is a person
_ROLE = re.compile(r"\b(?i:your|their|his|her|the|a|an|our|my|each)\s+([a-z]+)(?:\s+([a-z]+))?\b")


def _roles(text: str) -> list[Span]:
    """People named by what they are (``_ROLE``), read from WordNet's noun hierarchy, not a list."""
    out = []
    for m in _ROLE.finditer(text):
        if m.group(2) and _person(m.group(2)):
            out.append(Span(f"{m.group(1)} {m.group(2)}", m.start(1), "role"))
        elif _person(m.group(1)):
            out.append(Span(m.group(1), m.start(1), "role"))
    return out


@lru_cache(maxsize=4096)
def _person(noun: str) -> bool:
    wn = wordnet.load()
    return wn is not None and noun not in STOPWORDS and wn.is_a(noun, "person", max_senses=1)


def _named(text: str, span: Span, noun: str) -> Span:
    """A name followed by the asked noun takes it as its unit ("the Cofense tool" for "which
    tool"): the noun says what the name names."""
    if not noun:
        return span
    m = re.match(r"\s+([A-Za-z]+)", text[span.start + len(span.text) :])
    return replace(span, unit=noun) if m and suffix_stem(m.group(1).lower()) == noun else span


def _modified(text: str, noun: str, most: int = 3) -> list[Span]:
    """The asked noun with the words that modify it ("a standard schedule", "Court Leave",
    "MacBook Pro laptop" for "what kind of schedule / leave / laptop"): up to ``most`` words
    before it, none a function word."""
    out = []
    words = list(re.finditer(r"[A-Za-z][\w'’-]*|[^\w\s]", text))
    for j, m in enumerate(words):
        if not noun or suffix_stem(m.group().lower()) != noun:
            continue
        k = j
        while k > 0 and j - k < most and words[k - 1].group()[0].isalpha() and words[k - 1].group().lower() not in STOPWORDS:
            k -= 1
        if k < j:
            out.append(Span(text[words[k].start() : m.end()], words[k].start(), "variety", None, noun))
    return out


def _ordinals(text: str, noun: str) -> list[Span]:
    """An ordinal before the asked noun ("the fifth floor", "35th floor" for "which floor")."""
    pat = re.compile(rf"\b{_ORDINAL_ANY}\s+([a-z]+)", re.I)
    return [Span(m.group(), m.start(), "quantity", None, noun) for m in pat.finditer(text) if suffix_stem(m.group(1).lower()) == noun]


def _stated(text: str, noun: str) -> list[Span]:
    """The value a sentence gives the asked noun: "<...> Code is 10536" for "what employer code"."""
    out = []
    for m in re.finditer(rf"\b([A-Za-z]+){_COPULA}{_VALUE}", text):
        if suffix_stem(m.group(1).lower()) == noun:
            value = m.group(2).rstrip(" .,:;")
            out.append(Span(value, m.start(2), "name", None, noun))
    return out


_ADDRESS = re.compile(
    r"(?<![\w#$.,])\d{1,5}\s+(?:[A-Z][\w.'’-]*\s+){0,4}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Plaza|Drive|Dr|Lane|Ln|Way|Place|Pl|Court|Ct|Square|Sq|"
    r"Parkway|Pkwy|Highway|Hwy|Terrace|Circle|Row|Broadway)\b\.?(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?"
)


def addresses(text: str) -> list[Span]:
    """Street addresses: a house number, capitalised words and a street word ("50 United Nations
    Plaza", "1800 F St. NW"). The street words are the closed class English addresses end with."""
    return [Span(m.group().rstrip(), m.start(), "address") for m in _ADDRESS.finditer(text)]


def _wanted(qtype: QuestionType) -> tuple[str, ...]:
    """The span kinds that answer ``qtype``; "what is the address" wants a street address."""
    if qtype.kind == "place" and qtype.noun == "address":
        return ("address",)
    if qtype.kind == "person" and addressee(qtype.clause):
        return (*_WANTED["person"], "channel", "email")
    if qtype.kind == "place" and communicates(qtype.clause):
        return ("channel", "email", "url", "name")  # "where do I ask for an account": where one writes
    return _WANTED.get(qtype.kind, ())


def _fallback(qtype: QuestionType) -> tuple[str, ...]:
    if qtype.kind == "place" and qtype.noun == "address":
        return _WANTED["place"]
    return _FALLBACK.get(qtype.kind, ())


def _inside(span: Span, others: list[Span]) -> bool:
    end = span.start + len(span.text)
    return any(o.start <= span.start and end <= o.start + len(o.text) and o.text != span.text for o in others)


def has_span(text: str, qtype: QuestionType, question: str = "") -> bool:
    """Whether ``text`` holds a span of the wanted kind that the question does not already
    say ("TTS" is no answer to "Which password manager does TTS suggest?")."""
    q_low, q_qty = question.lower(), _question_quantities(question) if question else set()
    return any(not _in_question(s, q_low, q_qty) for s in spans(text, qtype))


def _in_question(span: Span, q_low: str, q_numbers: set[str]) -> bool:
    """A span that only repeats the question: its words all in it, or its number and unit
    ("12 weeks" when the question says "12 weeks"; "12" of "12 weeks" is new for "12-month")."""
    words = [w for w in re.findall(r"[a-z0-9$%#@./+-]+", span.text.lower()) if w not in STOPWORDS]
    if not words:
        return True
    if _ACRONYM.fullmatch(span.text) and span.text.rstrip("s").lower() in _initials(q_low):
        return True  # "PPL" for a question that says "paid parental leave"
    if span.number is not None and span.unit:
        return f"{span.number} {span.unit.split()[-1]}" in q_numbers
    return all(w in q_low for w in words)


_ACRONYM = re.compile(r"[A-Z]{3,6}s?")  # two letters match initials by chance


def _initials(low: str) -> str:
    return "".join(w[0] for w in re.findall(r"[a-z][\w'-]*", low) if w not in ("of", "and", "the", "for", "to"))


def _question_quantities(question: str) -> set[str]:
    return {f"{s.number} {s.unit.split()[-1]}" for s in quantities(question) if s.number and s.unit}


def best_span(question: str, text: str, qtype: QuestionType, anchors: list[int] | None = None,
              prefer: Callable[[Span], bool] | None = None) -> Span | None:  # fmt: skip
    """The span of ``text`` that answers ``question``: of the best-ranked kind for the question type, not
    repeating the question, and (among equals) one ``prefer`` holds for (the reader's: in the verb's slot),
    nearest the question's words (``anchors``: their character offsets) and with the question's unit."""
    q_low = question.lower()
    q_qty = _question_quantities(question)
    order = _wanted(qtype) + _fallback(qtype)
    q_stems = f" {' '.join(suffix_stem(w) for w in re.findall(r'[a-z]+', q_low))} "
    extremes = extreme_spans(question, text) if qtype.numeric else []
    want_kind = _asked_unit_kind(qtype)
    best: tuple[tuple[int, ...], Span] | None = None
    found = [sp for sp in spans(text, qtype, fallback=True) if not _in_question(sp, q_low, q_qty)]
    for sp in found:
        kind_rank = order.index(sp.kind) if sp.kind in order else len(order)
        unit_miss = 0 if qtype.noun and qtype.noun in sp.unit.split() else 1
        if unit_miss and want_kind and sp.unit and unit_kind(sp.unit.split()[-1]) == want_kind:
            unit_miss = 0.5  # "2 weeks" for "how many days": a unit of the same kind
        bare = sp.kind in ("quantity", "duration") and not sp.unit  # "1" of "July, 1" says little
        dist = min((abs(a - sp.start) for a in anchors or []), default=0)
        off_bound = int(bool(extremes) and not any(a <= sp.start < b for a, b in extremes))
        slot_miss, frame = int(prefer is not None and not prefer(sp)), int(bool(unit_miss) and _frame(sp, q_stems))
        qualified = _qualified(sp, found, anchors or [], text, question) if qtype.numeric else 0
        key = (int(bare), off_bound, unit_miss, frame, slot_miss, kind_rank, -qualified, dist)
        if best is None or key < best[0]:
            best = (key, sp)
    return best[1] if best else None


def _qualified(span: Span, found: list[Span], anchors: list[int], text: str = "", question: str = "") -> int:
    """How many of the question's words qualify this amount among others of its kind: those in the
    words that follow it, up to the next amount ("twice per week for the first month, once per week in
    the second month": "first month" qualifies "twice per week"). One amount alone: 0 (no contest).
    A word the question excludes ("instead of a company-issued one") counts against the amount, and a
    sentence noun the question's noun is a kind of ("device" for "computer", WordNet) counts for it."""
    end = span.start + len(span.text)
    rivals = [o for o in found if o.kind == span.kind and o.start != span.start]
    if not rivals:
        return 0
    stop = min((o.start for o in rivals if o.start >= end), default=len(text) if text else 10**9)
    excluded = _excluded_stems(question)
    window = [(m.start(), m.group().lower()) for m in re.finditer(r"[A-Za-z]+", text[end:stop])]
    against = len({suffix_stem(w) for _, w in window} & excluded)
    held = sum(end <= a < stop and suffix_stem(_word_at(text, a)) not in excluded for a in anchors)
    kinds = _kind_of_question_noun(sorted({w for _, w in window}), question, excluded)
    return held + kinds - against


_EXCLUDES = re.compile(
    r"\b(?:instead of|rather than|other than|except(?: for)?|without|not)\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)", re.I
)


def _excluded_stems(question: str) -> set[str]:
    """Content words of the phrases a question excludes ("instead of a company-issued one")."""
    words = [w for m in _EXCLUDES.finditer(question) for w in re.findall(r"[a-z]+", m.group(1).lower())]
    return {suffix_stem(w) for w in words if w not in STOPWORDS}


def _word_at(text: str, start: int) -> str:
    m = re.match(r"[A-Za-z0-9']+", text[start:])
    return m.group().lower() if m else ""


def _kind_of_question_noun(words: list[str], question: str, excluded: set[str]) -> int:
    """How many of ``words`` name a kind the question's words are ("device": "computer" is one)."""
    wn = wordnet.load()
    if wn is None:
        return 0
    q_words = {w for w in re.findall(r"[a-z]+", question.lower()) if w not in STOPWORDS and suffix_stem(w) not in excluded}
    q_stems = {suffix_stem(w) for w in q_words}
    kinds = {
        suffix_stem(w) for w in words
        if w not in STOPWORDS and suffix_stem(w) not in q_stems
        and any(_kind_of(q, w) for q in q_words)
    }  # fmt: skip
    return len(kinds)


@lru_cache(maxsize=65536)
def _kind_of(word: str, kind: str) -> bool:
    """``word``'s first noun sense is within three hypernym steps of ``kind``'s (WordNet)."""
    wn = wordnet.load()
    return wn is not None and wn.is_a(word, kind, max_senses=1, max_depth=3)


# the kinds of measure WordNet's noun hierarchy files units under ("week" is a time period, "mile" a
# linear unit): read from the hierarchy, so any unit word of English has its kind, not a list's
_UNIT_KINDS = (
    ("time_period", "time"), ("time_unit", "time"), ("monetary_unit", "money"), ("linear_unit", "length"),
    ("computer_memory_unit", "memory"), ("mass_unit", "mass"), ("unit_of_measurement", "measure"),
)  # fmt: skip


@lru_cache(maxsize=4096)
def unit_kind(word: str) -> str | None:
    """What a unit word measures ("time", "money", "length", ...), from WordNet; None for no unit."""
    wn = wordnet.load()
    if wn is None or not word or word in STOPWORDS:
        return None
    for ancestor, kind in _UNIT_KINDS:
        if wn.is_a(word, ancestor, max_senses=3):
            return kind
    return None


def _asked_unit_kind(qtype: QuestionType) -> str | None:
    """The kind of unit the question asks in: its noun's ("how many hours": time), else its kind's."""
    found = unit_kind(qtype.noun) if qtype.noun else None
    return found or {"duration": "time", "money": "money"}.get(qtype.kind)


def _frame(span: Span, q_stems: str) -> bool:
    """A quantity whose unit is a phrase the question names outside what it asks ("one leave
    year" for "the most vacation time I can roll over into the next leave year"): the question's
    frame of reference, not its answer. Only multi-word units count; a bare "year" is too common."""
    return " " in span.unit and f" {span.unit} " in q_stems


def answer_value(span: Span) -> str:
    """The machine-readable value of a span: the bare number of a one-number quantity
    ("12" of "12 weeks", "$1,149" of "$1,149 USD"), so arithmetic on it works; the span
    text otherwise ("3 to 5 weeks", "March 2014", "KeePassXC")."""
    if span.number is not None:
        return span.number
    if span.kind == "money":
        m = re.search(r"[$€£]\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", span.text)
        return m.group().replace(" ", "") if m else span.text
    return span.text


# bounds a sentence sets on an amount: "between 3 and 15 years", "3 weeks or longer", "15+ years",
# "less than 1 year", "up to 5 days"; a question that states its own amount ("four straight weeks",
# "10 years in government") is answered by the line whose bound holds it
_N = rf"(?:{_DIGITS}|{_WORDNUM})"
_U = r"((?:\s+[a-z][a-z-]*){1,3})"
_BOUNDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\b(?:between|from)\s+({_N})\s*(?:and|to|-|–)\s*({_N}){_U}", re.I), "range"),
    (re.compile(rf"(?<![\w.,])({_N})\s*(?:-|–|to)\s*({_N}){_U}", re.I), "range"),
    (re.compile(rf"(?<![\w.,])({_N})\+{_U}", re.I), "min"),
    (re.compile(rf"\b(?:at least|a minimum of|minimum of)\s+({_N}){_U}", re.I), "min"),
    (re.compile(rf"\b(?:more than|over|above|greater than|longer than)\s+({_N}){_U}", re.I), "over"),
    (re.compile(rf"(?<![\w.,])({_N}){_U}\s+or\s+(?:longer|more|greater|over|above)\b", re.I), "min"),
    (re.compile(rf"\b(?:up to|no more than|no longer than|not to exceed|at most|within|limited to|capped at|(?:a )?maximum of)\s+({_N}){_U}", re.I), "max"),
    (re.compile(rf"\b(?:less than|fewer than|under|shorter than)\s+({_N}){_U}", re.I), "under"),
    (re.compile(rf"(?<![\w.,])({_N}){_U}\s+or\s+(?:less|fewer|shorter|under)\b", re.I), "max"),
)
_EPS = 1e-6  # "less than 4" excludes 4


def _number(token: str) -> float | None:
    value = canonical_number(token.strip())
    try:
        return float(value.replace(",", "")) if value is not None else None
    except ValueError:
        return None


def bounds(text: str) -> list[tuple[float, float, list[str]]]:
    """The amounts ``text`` bounds: (low, high, stemmed unit words) per bound."""
    return [b for b, _ in _bounds_at(text)]


def _bounds_at(text: str) -> list[tuple[tuple[float, float, list[str]], tuple[int, int]]]:
    out = []
    for pat, kind in _BOUNDS:
        for m in pat.finditer(text):
            nums = [_number(g) for g in m.groups()[:-1]]
            unit = [suffix_stem(w) for w in m.groups()[-1].lower().split()]
            if any(n is None for n in nums):
                continue
            lo, hi = {
                "range": (nums[0], nums[-1]), "min": (nums[0], float("inf")), "over": (nums[0] + _EPS, float("inf")),
                "max": (0.0, nums[0]), "under": (0.0, nums[0] - _EPS),
            }[kind]  # fmt: skip
            out.append(((lo, hi, unit), m.span()))
    return out


def _asked_amounts(question: str) -> list[tuple[float, float, str]]:
    """The amounts a question states, as intervals in a unit: "10 years" is [10, 10], "under
    three years" is [0, 3)."""
    found = _bounds_at(question)
    out = [(lo, hi, unit[0]) for (lo, hi, unit), _ in found if unit]
    for s in quantities(question):
        inside = any(a <= s.start < b for _, (a, b) in found)
        if s.number and s.unit and not inside:
            n = float(s.number.replace(",", ""))
            out.append((n, n, s.unit.split()[-1]))
    return out


# a question that asks for a bound ("the maximum length", "at most", "the longest", "the fewest"):
# the sentence's bound of that direction holds the answer ("limited to 15 minutes", "at least 30 days");
# "worst case" / "at worst" ask for the far end of a cost or a wait, "best case" / "at best" the near one
_ASK_MAX = re.compile(r"\b(?:max(?:imum)?|at most|up to|most|longest|largest|biggest|highest|cap|ceiling|limit|worst[- ]case|at (?:the )?worst)\b", re.I)
_ASK_MIN = re.compile(r"\b(?:min(?:imum)?|at least|least|shortest|smallest|lowest|fewest|earliest|best[- ]case|at (?:the )?best)\b", re.I)
_DIRECTION = {"max": "max", "under": "max", "min": "min", "over": "min"}


def asked_extreme(question: str) -> str | None:
    """ "max" or "min" when the question's asking clause asks for a bound, else None (both: None)."""
    hi, lo = _ASK_MAX.search(question) is not None, _ASK_MIN.search(question) is not None
    return "max" if hi and not lo else "min" if lo and not hi else None


def extreme_spans(question: str, text: str) -> list[tuple[int, int]]:
    """Where ``text`` states a bound in the direction ``question`` asks for (character ranges)."""
    want = asked_extreme(question)
    if want is None:
        return []
    return [
        span for pat, kind in _BOUNDS if _DIRECTION.get(kind) == want for m in pat.finditer(text) for span in [m.span()]
    ]


def holds_question_amount(question: str, text: str) -> bool:
    """Whether ``text`` bounds an amount in the unit the question states, and the question's
    amount lies inside ("10 years in government" in "between 3 and 15 years"; "under three
    years" in "fewer than 3 years", not in "between 3 and 15 years")."""
    asked = _asked_amounts(question)
    if not asked:
        return False
    return any(
        lo - 1e-9 <= q_lo and q_hi <= hi + 1e-9 and unit in words
        for q_lo, q_hi, unit in asked
        for lo, hi, words in bounds(text)
    )
