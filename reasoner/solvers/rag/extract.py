"""The extractive path: the supporting sentence, and a short answer span when the
question's type says what to look for (a number, a date, a name). No model runs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reasoner.solvers.rag.answer_type import QuestionType
from reasoner.solvers.rag.grounding import NUMBER_WORDS, STOPWORDS, content_terms, sentences
from reasoner.solvers.rag.spans import Span, spans
from reasoner.text import wordnet
from reasoner.text.stem import suffix_stem
from reasoner.text.tokens import word_tokens

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_RE = re.compile(
    rf"\b(?:(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{3,4}}|\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{3,4}}"
    rf"|(?:{_MONTHS})\s+\d{{3,4}}|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?"
    r"|\d{1,2}(?:st|nd|rd|th)\s+century|1\d{3}s?|20\d{2}s?)\b"
)
_NUM_RE = re.compile(r"[$€£]?\d[\d,]*(?:\.\d+)?%?(?:\s+(?:million|billion|thousand|hundred))?")
_NUM_WORD_RE = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"hundred|dozen)\b",
    re.IGNORECASE,
)
_CALENDAR_RE = re.compile(rf"(?:{_MONTHS}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_NAME_RE = re.compile(r"\b[A-Z](?:[\w'’-]+|\.)(?:\s+(?:of|de|the|von|van|and|for)?\s*[A-Z](?:[\w'’-]+|\.))*")
PAIR_DISCOUNT = 0.85
# question words that say what kind of answer is wanted, not what it is about
_QUESTION_FILLER = frozenset({"many", "much", "long", "old", "often", "name", "call", "kind", "type"})


@dataclass(frozen=True)
class Extraction:
    """The best supporting sentence and, when found, the short answer in it.

    Attributes:
        sentence: the supporting sentence, verbatim.
        source: index of the text it came from.
        score: idf-weighted share of the question's terms in the sentence, in [0, 1].
        value: the short answer span, or None.
        kind: the question type ("number", "date", "person", "place", "entity", "other").
    """

    sentence: str
    source: int
    score: float
    value: str | None
    kind: str


_NUMBER_Q = re.compile(
    r"\bhow (many|much|long|old|far|big|large|often)\b|\bwhat (percentage|percent|number|amount)\b"
    r"|\b(maximum|minimum|most|least|largest|smallest|cap|limit|number of|amount of|in (hours|days|weeks|months|years))\b"
    # quantities people ask for by name: "what is the per diem", "the mileage rate", "the hotel budget"
    r"|\bwhat (?:is|are|was) the (?:[\w-]+ ){0,3}(price|cost|fee|rate|per diem|budget|allowance|stipend|salary"
    r"|length|weight|height|width|size|duration|deadline|age|count|total|match|reimbursement)\b"
)


def question_kind(question: str) -> str:
    """What sort of answer the question wants, from its wording."""
    q = question.lower()
    if _NUMBER_Q.search(q):
        return "number"
    if re.search(
        r"\bwhen\b|\bwhat (year|date|day|month|century|decade|time)\b|\bwhich (year|century|date)\b", q
    ):
        return "date"
    if re.search(r"\bwho(m|se)?\b", q):
        return "person"
    if re.search(r"\bwhere\b|\bwhat (country|city|state|place|region|continent)\b", q):
        return "place"
    if re.search(
        r"\bwhat is the name\b|\bwhat was the name\b|\bwhich\b|\bwhat (company|team|tool|organization|agency)\b",
        q,
    ):
        return "entity"
    return "other"


def question_terms(question: str) -> set[str]:
    """The content stems of a question that a supporting sentence should contain."""
    return {t for t in content_terms(question) if t not in _QUESTION_FILLER}


def idf_weights(texts: Sequence[str]) -> dict[str, float]:
    """Inverse document frequency of stems over the sentences of ``texts``."""
    sents = [s for t in texts for s in sentences(t)]
    df: Counter[str] = Counter()
    for s in sents:
        df.update(content_terms(s))
    n = max(1, len(sents))
    return {t: math.log(1.0 + n / (1.0 + c)) for t, c in df.items()}


def sentence_score(terms: set[str], sentence: str, idf: dict[str, float]) -> float:
    """idf-weighted share of ``terms`` present in ``sentence``; unseen terms weigh most."""
    return lexical_share({t: {t: 1.0} for t in terms}, content_terms(sentence), idf)


def lexical_share(forms: dict[str, dict[str, float]], have: set[str], idf: dict[str, float]) -> float:
    """The idf-weighted share of the question's terms that a sentence holds (``have``: its
    ``content_terms``), a term counting when the sentence has it or one of its forms, by that form's
    share (``reader.term_forms``; ``sentence_score``: every term only itself); unseen terms weigh most."""
    if not forms:
        return 0.0
    default = max(idf.values(), default=1.0) + 1.0
    # fsum: exactly rounded, so the same in any order; a set's order changes with the process's hash
    # seed, and a plain float sum with it (the 16th digit), which can flip a tie between two runs
    total = math.fsum(idf.get(t, default) for t in forms)
    got = math.fsum(idf.get(t, default) * max((share for f, share in fs.items() if f in have), default=0.0)
                    for t, fs in forms.items())  # fmt: skip
    return got / total


def rank_sentences(
    question: str, texts: Sequence[str], *, pairs: bool = True
) -> list[tuple[float, int, str]]:
    """Every sentence of ``texts`` as (score, text index, sentence), best first.

    A sentence may also be scored with the one before it ("Use Concur to file
    them." needs its predecessor to say what "them" is); the pair then stands as
    the unit, at a small discount so that a sentence that suffices alone wins.
    """
    terms, idf = question_terms(question), idf_weights(texts)
    ranked = []
    for i, text in enumerate(texts):
        sents = [s for s in sentences(text) if len(s) > 3]
        for j, s in enumerate(sents):
            ranked.append((sentence_score(terms, s, idf), i, s))
            if j and pairs:
                pair = f"{sents[j - 1]} {s}"
                ranked.append((PAIR_DISCOUNT * sentence_score(terms, pair, idf), i, pair))
    return sorted(ranked, key=lambda r: (-r[0], r[1], len(r[2])))


def _near(positions: list[int], start: int) -> int:
    return min((abs(p - start) for p in positions), default=10_000)


def _anchor_positions(sentence: str, terms: set[str]) -> list[int]:
    """Character offsets of the question's terms in the sentence."""
    return [m.start() for m in re.finditer(r"[A-Za-z0-9']+", sentence) if suffix_stem(m.group().lower()) in terms]


def _candidates(kind: str, sentence: str) -> list[re.Match[str]]:
    if kind == "number":
        return list(_NUM_RE.finditer(sentence)) or list(_NUM_WORD_RE.finditer(sentence))
    if kind == "date":
        return list(_DATE_RE.finditer(sentence))
    if kind in ("person", "place", "entity"):
        return [
            m
            for m in _NAME_RE.finditer(sentence)
            if (m.start() > 0 or kind == "person") and not _CALENDAR_RE.match(m.group())
        ]
    return []


def _repeats_question(kind: str, span: str, after: str, q_low: str) -> bool:
    """Whether a candidate only repeats the question: "12" of "12 weeks" is new when the
    question says "12-month"; a number counts as repeated only with its unit."""
    words = [t for t in word_tokens(span) if t not in STOPWORDS]
    if kind != "number":
        return all(w in q_low for w in words)
    m = re.match(r"[ -]([A-Za-z]+)", after)  # the unit, when a word follows directly
    if m is None:
        return all(w in q_low for w in words)
    phrase = " ".join([*word_tokens(span), m.group(1).lower()])
    return phrase in " ".join(_digits(word_tokens(q_low)))


def _digits(words: list[str]) -> list[str]:
    """Number words as digits ("three years" -> "3 years"), for comparing phrases."""
    return [str(NUMBER_WORDS[w]) if w in NUMBER_WORDS else w for w in words]


def find_value(question: str, sentence: str, kind: str | None = None) -> str | None:
    """The short answer inside ``sentence``: the typed span nearest the question's terms.

    Spans that only repeat the question are skipped.
    """
    kind = kind or question_kind(question)
    q_low = question.lower()
    terms = question_terms(question)
    anchors = _anchor_positions(sentence, terms)
    best: tuple[int, str] | None = None
    for m in _candidates(kind, sentence):
        span = m.group().strip(" ,.;:")
        words = [t for t in word_tokens(span) if t not in STOPWORDS]
        if not words or _repeats_question(
            kind, span, sentence[m.start() + len(m.group().rstrip(" ,.;:")) :], q_low
        ):
            continue
        dist = _near(anchors, m.start())
        if kind == "person" and len(words) >= 2:
            dist -= 40  # people are usually named in full
        if best is None or dist < best[0]:
            best = (dist, span)
    return best[1] if best else None


def extract(question: str, texts: Sequence[str]) -> Extraction | None:
    """The best supporting sentence in ``texts`` and its short answer, or None when none overlaps."""
    ranked = rank_sentences(question, texts)
    if not ranked or ranked[0][0] <= 0.0:
        return None
    kind = question_kind(question)
    # the best sentence that holds a typed answer, if one ranks close to the top
    top = ranked[0][0]
    for score, i, s in ranked[:3]:
        if score < 0.75 * top:
            break
        value = find_value(question, s, kind)
        if value:
            return Extraction(s, i, round(score, 4), value, kind)
    score, i, s = ranked[0]
    return Extraction(s, i, round(score, 4), None, kind)


def focus(question: str, text: str, max_chars: int) -> str:
    """``text`` cut to its sentences most relevant to ``question``, in their original order.

    Texts within ``max_chars`` come back whole.
    """
    if len(text) <= max_chars:
        return text
    sents = sentences(text)
    terms, idf = question_terms(question), idf_weights([text])
    order = sorted(range(len(sents)), key=lambda i: (-sentence_score(terms, sents[i], idf), i))
    keep: list[int] = []
    used = 0
    for i in order:
        if used and used + len(sents[i]) > max_chars:
            continue
        keep.append(i)
        used += len(sents[i]) + 1
    return " ".join(sents[i] for i in sorted(keep))[: max(max_chars, len(sents[order[0]]))]


def guess_span(question: str, sentence: str, max_words: int = 6) -> str | None:
    """A best guess at the answer words of an untyped question: the run of words
    that do not repeat the question, nearest to where the question's words occur.

    Used where a short answer must be given anyway (reading-comprehension
    benchmarks); the solver does not present it as the answer's value.
    """
    terms = question_terms(question)
    words = [(m.start(), m.group()) for m in re.finditer(r"[\w$%'’.-]+", sentence)]
    q_words = set(word_tokens(question))
    known = [suffix_stem(w.lower().strip(".")) in terms or w.lower().strip(".,") in q_words for _, w in words]
    anchors = [i for i, k in enumerate(known) if k]
    if not anchors:
        return None
    runs, start = [], None
    for i, k in enumerate([*known, True]):
        if not k and start is None:
            start = i
        elif k and start is not None:
            runs.append((start, i))
            start = None
    best = None
    for a, b in runs:
        while a < b and words[a][1].lower() in STOPWORDS:
            a += 1
        while b > a and words[b - 1][1].lower().strip(".") in STOPWORDS:
            b -= 1
        if a >= b:
            continue
        dist = min(min(abs(a - x), abs(b - 1 - x)) for x in anchors)
        if best is None or dist < best[0]:
            best = (dist, a, min(b, a + max_words))
    if best is None:
        return None
    _, a, b = best
    return " ".join(w for _, w in words[a:b]).strip(".,;:")


# The question's verb: after an inverted auxiliary and its subject ("which tool do I use", "what does TTS
# suggest", "what's it called", "where do I actually create one"), or right after "who" ("who approves
# ..."); and an infinitive it governs ("use to flag", "need to have signed").
_AUX_SUBJECT = re.compile(
    r"\b(?:do|does|did|should|shall|can|could|would|will|must|may|might|is|are|was|were)\s+"
    r"(?:((?i:i|we|you|they|it|he|she))|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})\s+(?:[a-z]+ly\s+)?([a-z]+)"
    r"(?:\s+to\s+(?:have\s+|be\s+)?([a-z]+))?"
)
_WHO_VERB = re.compile(r"(?i)\bwho\s+([a-z]+s)\b")
# the wh-phrase as the subject: "what tool will block it", "who can approve": a modal, then the verb itself
_WH_SUBJECT = re.compile(
    r"(?i)\b(?:who|(?:what|which)\s+[a-z]+(?:\s+[a-z]+)?)\s+(?:will|would|can|could|should|must|may|might)\s+"
    r"(?!(?:i|we|you|they|it|he|she|the|a|an|my|our|your|their|this|that|not)\b)([a-z]+)\b"
)
_PASSIVE = re.compile(r"(?i)\bbe\s+([a-z]+ed)\b")  # "where must the roles be posted"
# words that deny the verb after them ("Do not email your request to ...", "without filling out Part III"):
# a denied verb names what is not done, so its object fills no slot
_NEGATORS = frozenset("not never no without don't doesn't didn't cannot can't won't shouldn't mustn't isn't aren't".split())
SLOT_WINDOW = 4  # words between the verb and the span (English keeps a verb's object or agent near it)


def question_verbs(question: str) -> list[str]:
    """The verbs the question asks about, lower case: the word after an inverted auxiliary and its subject, the
    verb after "who", and an infinitive after either; only words WordNet knows as verbs."""
    q = question.replace("\u2019", "'")
    q = re.sub(r"(?i)\b(what|who|where|how|which)'s\b", r"\1 is", q)
    # "need to have signed", "go to ask": a verb followed by an infinitive leans on it, which says what is done
    wn = wordnet.load()
    if wn is None:
        return []
    found = []
    for m in _AUX_SUBJECT.finditer(q):
        # after a name ("does TTS suggest") the subject may go on ("must Competitive Service merit promotion
        # roles be posted"): the word is read as its verb only when it cannot be a noun
        if m.group(3) or m.group(1) or not wn.senses(m.group(2).lower(), "n", max_senses=1):
            found.append(m.group(3) or m.group(2))
    found += [m.group(1) for pat in (_WHO_VERB, _WH_SUBJECT, _PASSIVE) for m in pat.finditer(q)] + _after_noun_subject(q, wn)
    return [w.lower() for w in dict.fromkeys(found) if w.lower() not in STOPWORDS and wn.senses(w.lower(), "v", max_senses=1)]


_AUXES = frozenset("do does did should shall can could would will must may might is are was were".split())
_BE = frozenset("is are was were".split())  # "what is the dress code for": a copula, its verb only a participle
_DETS = frozenset("the a an my our your their this that these those".split())
_PRONOUNS = frozenset("i we you they it he she me us them him her".split())
_PREPS = frozenset("of to for in on at by with from about after before into over under during within without via".split())


def _after_noun_subject(question: str, wn: wordnet.WordNet) -> list[str]:
    """The verb after an inverted auxiliary and a common-noun subject of one or two nouns ("might approval
    take for me", "is the award named after"): the word after the nouns that WordNet knows as a verb and that a
    preposition, a pronoun, a determiner or the question's end follows (so "design team use for" is read with
    "design team" as the subject); after a form of "be" only a participle ("what is the dress code for": none)."""
    words = re.findall(r"[a-z']+|[?.,;]", question.lower())
    found = []
    for i, w in enumerate(words):
        j = i + 1 + int(i + 1 < len(words) and words[i + 1] in _DETS)
        if w not in _AUXES or j >= len(words) or words[j] in _PRONOUNS or words[j] in _DETS:
            continue
        for k in (j + 1, j + 2):
            nxt = words[k + 1] if k + 1 < len(words) else "?"
            head = words[j:k]
            if k < len(words) and words[k].isalpha() and (nxt in _PREPS or nxt in _PRONOUNS or nxt in _DETS or not nxt.isalpha()) \
                    and all(x.isalpha() and x not in STOPWORDS and wn.senses(x, "n", max_senses=1) for x in head) \
                    and words[k] not in STOPWORDS and wn.senses(words[k], "v", max_senses=1) \
                    and (w not in _BE or words[k].endswith(("ed", "en"))):  # fmt: skip
                found.append(words[k])
                break
    return found


@lru_cache(maxsize=4096)
def verb_forms(verb: str) -> frozenset[str]:
    """Stems a sentence may write ``verb`` with: its own, its base forms, and the words WordNet relates to its
    most frequent verb sense as a synonym, a derived form or a more specific verb ("suggest": recommend)."""
    wn = wordnet.load()
    out = {suffix_stem(verb)}
    if wn is None:
        return frozenset(out)
    out |= {suffix_stem(b) for b in wn.base_forms(verb, "v")}
    related = {w: how for w, how in wn.related(verb, max_senses=1, pos="v").items() if " " not in w}
    narrower = [w for w, how in related.items() if how == wordnet.HYPONYM]
    keep = wordnet.HYPONYM if len(narrower) <= MAX_NARROWER else wordnet.DERIVED
    out |= {suffix_stem(w) for w, how in related.items() if how >= keep}
    return frozenset(out - {""})


# a verb with more narrower verbs than this is general ("create": beget, build, film, ...; "get", "go"): its
# narrower verbs say other things; a specific verb's narrower ones ("suggest": recommend, urge) say the same
MAX_NARROWER = 15


# the kinds whose answer fills the slot of the question's verb ("which tool do we use", "where do I ask")
SLOT_KINDS = frozenset({"person", "org", "name", "place", "variety", "email", "channel", "url", "code", "phone"})
_OBJECT_QUESTION = re.compile(r"(?i)^\W*what\s+(?:do|does|did|should|can|could|must|will|would)\s+(?:i|we|you|they)\b")


def slot_type(qtype: QuestionType) -> QuestionType | None:
    """The type whose spans fill the question's verb slot: its own for a name or contact question; a name
    for a plain object question ("What do I fill out to get an interpreter?": the thing filled out is
    named); None for the rest (amounts and dates are typed by their own spans, explanations fill no slot)."""
    if qtype.kind in SLOT_KINDS:
        return qtype
    if qtype.kind == "other" and _OBJECT_QUESTION.match(qtype.clause):
        return QuestionType("name", "", qtype.clause)
    return None


def slot_filled(question: str, text: str, qtype: QuestionType, verbs: list[str] | None = None) -> bool:
    """Whether ``text`` says the question's verb of a span of the asked type: the span within ``SLOT_WINDOW``
    words of the verb ("a function called Connect" for "what's it called?", "We recommend using KeePassXC"
    for "which password manager does TTS suggest?", "a tool created in Online University" for "where do I
    create one?"). The span fills the slot the question leaves open."""
    points = slot_points(question, text, verbs)
    if not points:
        return False
    q_low = question.lower()
    return any(
        fills_slot(text, sp, points)
        for sp in spans(text, qtype)
        if not all(w in q_low for w in re.findall(r"[a-z0-9]+", sp.text.lower()))  # not one that repeats the question
    )


_WORD = re.compile(r"[A-Za-z][\w'-]*")


def slot_points(question: str, text: str, verbs: list[str] | None = None) -> list[int]:
    """Where ``text`` says the question's verb (character offsets of its forms; a denied one not counted)."""
    verbs = question_verbs(question) if verbs is None else verbs
    if not verbs:
        return []
    forms = frozenset().union(*(verb_forms(v) for v in verbs))
    words = [(m.start(), m.group().lower()) for m in _WORD.finditer(text)]
    return [s for i, (s, w) in enumerate(words)
            if _sentence_verb(w) & forms and not any(x in _NEGATORS for _, x in words[max(0, i - 2) : i])]  # fmt: skip


def fills_slot(text: str, span: Span, points: list[int], window: int = SLOT_WINDOW) -> bool:
    """Whether ``span`` lies within ``window`` words of a verb at ``points`` (before or after it)."""
    starts = [m.start() for m in _WORD.finditer(text)]
    ends = [m.end() for m in _WORD.finditer(text)]
    first = next((i for i, e in enumerate(ends) if e > span.start), len(starts))
    last = max((i for i, s in enumerate(starts) if s < span.start + len(span.text)), default=first)
    at = [starts.index(p) for p in points if p in starts]
    return any(0 < first - i <= window + 1 or 0 < i - last <= window + 1 for i in at)


@lru_cache(maxsize=8192)
def _sentence_verb(word: str) -> frozenset[str]:
    wn = wordnet.load()
    bases = wn.base_forms(word, "v") if wn is not None else []
    return frozenset({suffix_stem(word), *(suffix_stem(b) for b in bases)})
