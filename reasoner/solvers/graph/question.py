"""Reading a question for the graph: words, relation mentions, counting and sharing cues.

Pure functions over the question text plus a :class:`Lexicon` that knows the
graph's relation names. A relation is *mentioned* by a word or word pair when
the pair shares a stem with the relation's name ("acted" ~ "starred_actors",
"screenwriter" ~ "written_by") or its embedding is clearly closer to that
relation than to any other.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np

from reasoner.graph.paths import RangeInfo, head_noun, phrase
from reasoner.retrieval.embedder import Embedder
from reasoner.solvers.graph.link import STOPWORDS, is_content_word
from reasoner.solvers.graph.senses import WordSenses
from reasoner.text import wordnet as wordnet_module
from reasoner.text.stem import stem_match
from reasoner.text.tokens import fold
from reasoner.text.wordnet import HYPONYM, WordNet

EMBED_MIN = 0.65  # a word pair this close to a relation's name mentions it...
EMBED_MARGIN = 0.1  # ...when no other relation is nearly as close
LEXICAL_SCORE = 0.9
MAX_SPLIT_GAP = 8  # words between the two halves of a relation's name ("year ... released")
MAX_CACHE = 50_000
# A WordNet reading of a word counts as far as the sentence model does not contradict it:
# full strength at a cosine of GATE_FLOOR + GATE_SPAN with the relation's name, none at GATE_FLOOR.
# (MiniLM: "sex"~"gender" 0.58, "wife"~"spouse" 0.85, "team"~"plays in club" 0.39; the
# polysemy noise "job"~"place of birth" 0.28, "located"~"plays position" 0.27.)
GATE_FLOOR = 0.2
GATE_SPAN = 0.2
MIN_SENSE_STRENGTH = 0.5


TYPE_WORD_SIM = 0.4  # a word this close to the names of...
TYPE_WORD_SHARE = 0.3
TYPE_WORD_COUNT = 3  # ...this many relations (and TYPE_WORD_SHARE of them) names a kind of thing ("movie", "player"), not one of them


def is_type_word(sims: np.ndarray) -> bool:
    """A word near many relation names at once names what they are about, not one relation
    ("movie" is near 7 of MetaQA's 9 relations, "player" 4 of WC2014's 6; "sex", "nationality"
    and "kid" at most 2): at least 3, and at least 30% of them."""
    if len(sims) < 2 or int((sims >= TYPE_WORD_SIM).sum()) < max(TYPE_WORD_COUNT, math.ceil(TYPE_WORD_SHARE * len(sims))):
        return False
    top = np.sort(sims)[::-1]
    return float(top[0] - top[1]) < EMBED_MARGIN  # ...unless one of them is clearly nearest ("sex": gender)


def sense_gate(similarity: float) -> float:
    """How much of a WordNet link to keep given the embedding similarity of word and relation name."""
    return min(1.0, max(0.0, (similarity - GATE_FLOOR) / GATE_SPAN))


# Words that make "films sharing a director with X" a round trip (r, then r backwards).
SHARE_CUES = frozenset({"same", "share", "shares", "shared", "sharing", "together", "also", "other",
                        "others", "fellow", "alongside", "co", "both", "too", "another"})
# "What *kind of* film is X": the question asks for a class (the graph's classifying relation).
CLASS_CUES = frozenset({"kind", "kinds", "sort", "sorts", "type", "types", "category", "categories",
                        "class", "classes", "variety", "varieties"})
# "Describe X in a few words", "what is X about": the question asks for labels (the graph's
# descriptor relation, when it has one).
DESCRIPTOR_CUES = frozenset({"describe", "describes", "described", "describing", "description", "descriptions",
                             "about", "topic", "topics", "theme", "themes", "keyword", "keywords", "tag", "tags",
                             "tagged", "label", "labels", "labelled", "labeled"})
COUNT_CUES = re.compile(r"\b(how many|number of|count of|how much)\b", re.IGNORECASE)


@dataclass(frozen=True)
class RelationMention:
    """Words ``start:end`` of the question name ``relation`` with ``score`` in [0, 1].

    ``reverse``: only the name of the relation's inverse twin says it ("parent" for
    ``children``), so the hop is walked backwards.
    """

    relation: str
    start: int
    end: int
    score: float
    reverse: bool = False


def words_of(text: str) -> list[str]:
    """The question's words, normalised (hyphenated words split: "co-stars" -> "co", "stars")."""
    return fold(text.replace("-", " ")).split()


_POSSESSIVE_END = re.compile(r"(?:['’]s|s['’])\W*$", re.IGNORECASE)


def possessives(text: str) -> frozenset[int]:
    """Positions (in :func:`words_of`) of words written with a possessive: "jewna's", "players'".

    :func:`words_of` drops the "'s" (names are matched without it), but a chain
    "X's kid's child" reads in the order of its possessives.
    """
    out, n = set(), 0
    for chunk in text.replace("-", " ").split():
        k = len(fold(chunk).split())
        if k and _POSSESSIVE_END.search(chunk):
            out.add(n + k - 1)
        n += k
    return frozenset(out)


WH_KINDS = {"where": "location", "who": "person", "whom": "person"}  # what the wh-word asks for
WH_DETERMINERS = frozenset({"which", "what"})
REQUEST_VERBS = frozenset({"name", "list", "give", "show", "find", "tell"})  # "name a club that ..."
# English quantifiers (closed-class grammar): the noun after one is counted or picked out,
# so it says what kind of thing the answers are ("how many *films*", "a few *words*").
QUANTIFIERS = frozenset({"some", "any", "few", "several", "many", "all", "every", "each", "most", "various",
                         "numerous"})


@dataclass(frozen=True)
class Focus:
    """What the question asks for: a noun ("which *club*"), or a wh-word's kind ("where": a location).

    ``start``/``end`` are the words it spans; ``word`` the noun (the head: "soccer *club*")
    or the kind ("location", "person", "time").
    """

    start: int
    end: int
    word: str
    noun: bool


def answer_focus(words: list[str], skip: range | set[int] = range(0),
                 nounless: Callable[[str], bool] | None = None) -> Focus | None:
    """The answer's type as the question says it, or None.

    "which soccer club is ...", "what position does X play", "name a player who ...": the
    nouns after the wh-determiner (or a request verb and its article), their head the
    last; "where", "who" and "when" ask for a place, a person or a time. A noun after a
    quantifier names the answer's kind as well ("how many *movies* did X direct",
    "describe X in a few *words*", "what are some *words* that describe X"): looked for
    when no wh-word came first, or after a wh-word standing alone as a pronoun ("what
    are ..."). ``nounless`` tells a word that cannot be a noun (from WordNet), which
    ends the run.
    """
    bare = False  # a wh-determiner used as a pronoun ("what are some words ...")
    for i, w in enumerate(words):
        if i in skip:
            continue
        if not bare and (w in WH_KINDS or w == "when"):
            return Focus(i, i + 1, WH_KINDS.get(w, "time"), False)
        j = None
        if w in QUANTIFIERS:
            j = i + 1
        elif bare:
            continue
        elif w in WH_DETERMINERS:
            j = i + 1
        elif i == 0 and w in REQUEST_VERBS and words[1:2] and words[1] in ("a", "an", "the", "some", "all"):
            j = i + 2
        if j is None:
            continue
        focus = _noun_run(words, j, skip, nounless)
        if focus is not None or w in QUANTIFIERS:
            return focus
        bare = True
    return None


def _noun_run(words: list[str], j: int, skip: range | set[int],
              nounless: Callable[[str], bool] | None) -> Focus | None:
    """The nouns from ``j`` on (up to four, up to a stopword or a word that cannot be a noun)."""
    k = j
    while k < len(words) and k not in skip and words[k] not in STOPWORDS and k - j < 4:
        if k > j and nounless is not None and nounless(words[k]):
            break  # a verb ends the noun phrase: "what words *describe* X"
        k += 1
    return Focus(j, k, words[k - 1], True) if k > j else None


COPULAS = frozenset({"is", "are", "was", "were"})
EQUATING_WH = WH_DETERMINERS | {"who", "whom"}  # "what/which/who is the N": the answer is an N


def answer_span(words: list[str], focus: Focus | None, skip: range | set[int] = range(0),
                nounless: Callable[[str], bool] | None = None) -> tuple[int, int] | None:
    """The words naming what the answers are: a focus noun ("which *genres*"), or the noun a
    question equates its answer with ("what were the *release dates* of ...", "who are the
    *directors* of ...": "what", "which" or "who", a form of "be", an article, the noun).
    "Where is the club ..." asks for the club's place, not the club: no span."""
    if focus is not None and focus.noun:
        return (focus.start, focus.end)
    for i, w in enumerate(words[:-2]):
        if w in EQUATING_WH:
            if words[i + 1] not in COPULAS:
                return None
            j = i + 2 + (words[i + 2] in ("the", "a", "an", "some"))
            run = _noun_run(words, j, skip, nounless)
            return (run.start, run.end) if run is not None else None
        if w not in STOPWORDS:
            return None
    return None


# A WordNet link this close makes a focus noun name a class: "team" ~ "club", and a more
# general word too ("what *words* describe X": keywords are words; "which *person*": a director).
FOCUS_MIN = 0.6


def focus_fit(focus: Focus, info: RangeInfo, wordnet: WordNet | None,
              similarity: Callable[[str, str], float] | None = None) -> float:
    """How well nodes described by ``info`` fit ``focus``: 1 for the same noun, a WordNet
    link's strength for a near one, 1 when a wh-word's kind holds (a country is a location).

    A link found only through a later meaning of either noun counts as far as the sentence
    model's ``similarity`` of the two words allows (:func:`sense_gate`, as for relation
    mentions): "office" is a synonym of "part" only in the sense of a role (cosine 0.26),
    "team" of "club" in their first meanings."""
    if not focus.noun:
        if focus.word == "time":
            return 1.0 if info.temporal else 0.0
        return 1.0 if wordnet and any(wordnet.is_a(n, focus.word) for n in info.nouns) else 0.0
    if info.temporal and is_time_noun(focus.word, wordnet):  # "which *years*", "the release *dates*"
        return 1.0
    best = 0.0
    forms = {focus.word} | (set(wordnet.base_forms(focus.word, "n")) if wordnet is not None else set())
    for n in info.nouns:
        if n in forms or names_by_stem(focus.word, n, wordnet) or any(closed_compound_of(n, f, wordnet) for f in forms):
            return 1.0
        if wordnet is not None:
            link = _noun_link(n, forms, focus.word, wordnet, main=False)
            if similarity is not None and link > _noun_link(n, forms, focus.word, wordnet, main=True):
                link *= sense_gate(similarity(focus.word, n))
            best = max(best, link if link >= FOCUS_MIN else 0.0)
    return best


TIME_CLASSES = ("time period", "time unit")  # WordNet's classes of spans of time ("year", "decade", "date")


def is_time_noun(word: str, wordnet: WordNet | None) -> bool:
    """Whether ``word`` names a span of time in WordNet (its first meaning: a *term* is first a
    word, only then a limited period): years and dates are what a hop of years or dates
    reaches, whatever its relation is called."""
    return wordnet is not None and any(wordnet.is_a(word, c, max_senses=1) for c in TIME_CLASSES)


AMOUNT_LEADS = (("in",), ("how", "many"), ("how", "much"))  # "in *hours*", "how many *hours*"


def asks_amount_in_unit(words: list[str], wordnet: WordNet | None) -> bool:
    """Whether the question asks for an amount measured in a unit ("the most leave, *in hours*",
    "how many *miles*"): a plural noun whose first meaning is a unit of measurement or a span
    of time, after "in" or "how many/much". Such an amount is no year: a year names a point
    in time, an amount of hours counts them."""
    if wordnet is None:
        return False
    for i, w in enumerate(words):
        for lead in AMOUNT_LEADS:
            if i < len(lead) or tuple(words[i - len(lead):i]) != lead or not is_content_word(w):
                continue
            plural = any(b != w for b in wordnet.base_forms(w, "n"))
            if plural and (is_time_noun(w, wordnet) or wordnet.is_a(w, "unit of measurement", max_senses=1)):
                return True
    return False


def equated_focus(words: list[str], focus: Focus | None, skip: range | set[int],
                  nounless: Callable[[str], bool] | None, wordnet: WordNet | None) -> Focus | None:
    """``focus``, or, when the question names none but equates its answer with a time noun
    ("what were the release *years* of X", :func:`answer_span`), that noun: it asks for a time
    as "when" does, and says it as a noun."""
    if focus is not None:
        return focus
    span = answer_span(words, None, skip, nounless)
    if span is None or not is_time_noun(words[span[1] - 1], wordnet):
        return None
    return Focus(span[0], span[1], words[span[1] - 1], True)


def _noun_link(noun: str, forms: set[str], word: str, wordnet: WordNet, *, main: bool) -> float:
    """The WordNet link of ``noun`` and the focus (its ``forms``), through every meaning of each,
    or with ``main`` through the first noun meaning of either only."""
    kw = {"max_senses": 1, "pos": "n"} if main else {}
    near = wordnet.related(noun, **kw)
    return max(max(near.get(f, 0.0) for f in forms), wordnet.related(word, **kw).get(noun, 0.0))


MIN_COMPOUND_PART = 3  # letters of each part of a closed compound ("key|words", not "s|words")


def closed_compound_of(noun: str, head: str, wordnet: WordNet | None) -> bool:
    """Whether ``noun`` is a closed compound of a word and ``head`` ("keywords": key + words),
    read as a kind of ``head``: English compounds put their head last (a keyword is a word).
    Only for a noun the dictionary does not know (its own meanings say more) made of two
    words it does know."""
    if wordnet is None or len(head) < MIN_COMPOUND_PART or not noun.endswith(head):
        return False
    first = noun[: len(noun) - len(head)]
    if len(first) < MIN_COMPOUND_PART or wordnet.senses(noun):
        return False
    return bool(wordnet.senses(first)) and bool(wordnet.senses(head, "n"))


def names_by_stem(word: str, name_word: str, wordnet: WordNet | None) -> bool:
    """Whether ``word`` shares a stem with ``name_word`` (a relation's or a node kind's name word),
    not only with the first part of a closed compound: a *film*maker is a maker, not a film."""
    return stem_match(word, name_word) and not modifier_only(word, name_word, wordnet)


def modifier_only(word: str, name_word: str, wordnet: WordNet | None) -> bool:
    """Whether ``word`` shares only the first part of the compound ``name_word`` ("films", ``filmmaker``)."""
    first = compound_modifier(name_word, wordnet)
    return bool(first) and stem_match(word, first) and _common_prefix(word, name_word) <= len(first)


@lru_cache(maxsize=4096)
def compound_modifier(word: str, wordnet: WordNet | None) -> str:
    """The first part of ``word`` when it is a closed compound of two dictionary words, the last a
    noun ("filmmaker" -> "film", "screenwriter" -> "screen"), else "". The head comes last in
    English: a word sharing only the first part names the modifier, not the thing."""
    if wordnet is None:
        return ""
    for cut in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
        head, first = word[cut:], word[:cut]
        if len(head) > MIN_COMPOUND_PART and wordnet.offsets(head, "n") and any(wordnet.offsets(first, p) for p in "nva"):
            return first
    return ""


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


DETERMINERS = frozenset({"the", "a", "an"})  # not "that": "words that *describe* X" is a clause
MAX_APPOSITIVE = 3


def appositive_start(words: list[str], entity_start: int) -> int:
    """Where the words naming the entity's kind begin: "the *soccer club* X" -> the index of "soccer".

    A run of up to three content words right before the entity, itself after a
    determiner; ``entity_start`` when there is none.
    """
    k = entity_start
    while k > 0 and entity_start - k < MAX_APPOSITIVE and words[k - 1] not in STOPWORDS:
        k -= 1
    return k if k < entity_start and k > 0 and words[k - 1] in DETERMINERS else entity_start


def is_count_question(text: str) -> bool:
    """True for "how many ..." / "number of ..." questions."""
    return bool(COUNT_CUES.search(text))


def class_cues(words: list[str], skip: range | set[int] = range(0), wordnet: WordNet | None = None) -> list[int]:
    """Positions of words asking for a class: "what *sort* of film", "*types* of movies",
    "what *types* are the films", and with ``wordnet`` any noun whose first meaning is a
    kind of kind ("what *genre* is X": a genre is a kind of artistic work), whatever
    the classifying relation is called."""
    return [
        i
        for i, w in enumerate(words)
        if i not in skip and (w in CLASS_CUES or is_kind_noun(w, wordnet))
        and (words[i + 1 : i + 2] == ["of"] or (i > 0 and words[i - 1] in ("what", "which")))
    ]


def is_kind_noun(word: str, wordnet: WordNet | None) -> bool:
    """Whether ``word``'s first noun meaning is a kind of "kind" (genre, type, sort)."""
    return wordnet is not None and is_content_word(word) and wordnet.is_a(word, "kind", max_senses=1)


def share_cues(words: list[str]) -> tuple[int, ...]:
    """Positions of words that speak of sharing ("same director", "co-stars", "also directed")."""
    return tuple(i for i, w in enumerate(words) if w in SHARE_CUES)


class Lexicon:
    """The graph's relation names, embedded once, matched against question words.

    ``classifying`` is the relation that sorts subjects into classes
    (:func:`reasoner.graph.paths.classifying_relation`): "what kind of" names it.
    ``descriptor`` is the relation holding free labels
    (:func:`reasoner.graph.paths.descriptor_relation`): "describe", "about", "topics" name it.
    ``twins`` maps an inverse twin (:func:`reasoner.graph.paths.inverse_relations`)
    to the relation kept: the twin's name words mention the kept one backwards.
    ``wordnet`` (default: the installed WordNet, if any) relates question words to
    the names' words through meaning: synonyms, forms, more specific words.
    """

    def __init__(self, relations: list[str], embedder: Embedder,
                 aliases: dict[str, list[str]] | None = None, classifying: str | None = None,
                 descriptor: str | None = None, twins: dict[str, str] | None = None,
                 wordnet: WordNet | None | Literal["installed"] = "installed") -> None:
        self.relations = sorted(relations)
        self.embedder = embedder
        self.classifying = classifying if classifying in self.relations else None
        self.descriptor = descriptor if descriptor in self.relations else None
        self.words = {r: _content_words(r) for r in self.relations}
        self.equivalents: dict[str, list[str]] = {r: [o for o in (aliases or {}).get(r, []) if o in self.words]
                                                  for r in self.relations}
        for r, others in (aliases or {}).items():
            if r in self.words:
                self.words[r] += [w for o in others for w in _content_words(o) if w not in self.words[r]]
        self.back_words: dict[str, list[str]] = {r: [] for r in self.relations}
        for twin, kept in (twins or {}).items():
            if kept in self.words:
                self.back_words[kept] += [w for w in _content_words(twin)
                                          if w not in self.words[kept] and w not in self.back_words[kept]]
        self.senses = WordSenses(wordnet_module.load() if wordnet == "installed" else wordnet,
                                 {r: self.words[r] for r in self.relations},
                                 {r: self.back_words[r] for r in self.relations},
                                 {r: phrase(r) for r in self.relations},
                                 {r: head_noun(r) for r in self.relations})
        self.specificity = name_specificity(self.words, self.senses.wordnet)
        texts, owner = [], []
        for i, r in enumerate(self.relations):
            for t in dict.fromkeys([phrase(r), *self.words[r]]):
                texts.append(t)
                owner.append(i)
        self._owner = np.array(owner, dtype=np.int64)
        self._rel_vecs = embedder.embed(texts) if texts else np.zeros((0, embedder.dim), np.float32)
        self._phrase_rows = np.array([owner.index(i) for i in range(len(self.relations))], dtype=np.int64)
        self._cache: dict[str, np.ndarray] = {}

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed ``texts`` through a bounded cache (question words repeat a lot)."""
        if not texts:
            return np.zeros((0, self.embedder.dim), np.float32)
        found = {t: self._cache[t] for t in texts if t in self._cache}
        new = [t for t in dict.fromkeys(texts) if t not in found]
        if new:
            if len(self._cache) + len(new) > MAX_CACHE:
                self._cache.clear()  # bounded; what this call needs is kept in `found`
            for t, v in zip(new, self.embedder.embed(new), strict=True):
                self._cache[t] = found[t] = v
        return np.stack([found[t] for t in texts])

    def similarity(self, a: str, b: str) -> float:
        """The sentence model's cosine of two words (cached embeddings)."""
        va, vb = self.embed([a, b])
        return float(va @ vb)

    def gram_scores(self, grams: list[str]) -> np.ndarray:
        """``(len(grams), n_relations)`` similarity of each word group to each relation name."""
        if not grams or not self.relations:
            return np.zeros((len(grams), len(self.relations)), np.float32)
        sims = self.embed(grams) @ self._rel_vecs.T
        out = np.full((len(grams), len(self.relations)), -1.0, np.float32)
        np.maximum.at(out.T, self._owner, sims.T)
        return out

    def _with_equivalents(self, found: list[RelationMention]) -> list[RelationMention]:
        """A word naming a relation names its equivalents as strongly ("report to": ``manager`` too)."""
        best: dict[tuple[str, int, int], RelationMention] = {}
        for m in found:  # one mention per relation and span, the strongest
            key = (m.relation, m.start, m.end)
            if key not in best or best[key].score < m.score:
                best[key] = m
        for m in list(found):
            for other in self.equivalents.get(m.relation, ()):
                key = (other, m.start, m.end)
                if key not in best or best[key].score < m.score:
                    best[key] = dataclasses.replace(m, relation=other)
        return list(best.values())

    def _names_word(self, word: str, name_word: str) -> bool:
        """Whether question ``word`` shares a stem with ``name_word`` of a relation's name, not only
        with the first part of a closed compound: a *film*maker is a maker, not a film
        (:func:`compound_modifier`), so "which films" does not name ``filmmaker``."""
        return names_by_stem(word, name_word, self.senses.wordnet)

    def names_modifier(self, words: list[str], relation: str) -> bool:
        """Whether one of ``words`` shares only a compound's first part of ``relation``'s name: the
        sentence model reads "films" near ``filmmaker`` by its letters, which says nothing either."""
        return any(modifier_only(w, v, self.senses.wordnet) for w in words for v in self.words.get(relation, ()))

    def phrase_scores(self, grams: list[str]) -> np.ndarray:
        """``(len(grams), n_relations)`` similarity of each word group to each relation's whole name."""
        if not grams or not self.relations:
            return np.zeros((len(grams), len(self.relations)), np.float32)
        return self.embed(grams) @ self._rel_vecs[self._phrase_rows].T

    def mentions(self, words: list[str], skip: range | set[int],
                 literal: set[int] | frozenset[int] = frozenset()) -> list[RelationMention]:
        """Relation mentions among ``words`` (outside ``skip``, the entity), best first.

        Words at ``literal`` positions are read by their stems only, not through
        WordNet: the words saying what the answer or the entity is ("which
        *movie* did X write", "the *movie* X") name a kind of thing, and WordNet
        relates a kind to what is done with it (a movie is directed).
        """
        grams = question_grams(words, skip)
        if not grams or not self.relations:  # a graph of table rows alone has attributes, no relations
            return []
        scores = self.gram_scores([g for g, _, _ in grams])
        phrase_sims = self.phrase_scores([g for g, _, _ in grams])
        found: list[RelationMention] = []
        for (gram, a, b), row, prow in zip(grams, scores, phrase_sims, strict=True):
            content = [w for w in gram.split() if w not in STOPWORDS]
            lexical = []
            for j, r in enumerate(self.relations if b - a == 1 else ()):  # one word names a relation
                if any(self._names_word(w, v) for w in content for v in self.words[r]):
                    lexical.append(RelationMention(r, a, b, max(LEXICAL_SCORE, float(row[j]))))
                elif any(self._names_word(w, v) for w in content for v in self.back_words[r]):
                    lexical.append(RelationMention(r, a, b, max(LEXICAL_SCORE, float(row[j])), reverse=True))
            known = False  # the word is a kind of a relation's head noun (its main meaning)
            if not lexical and b - a == 1 and content and a not in literal and content[0] not in SHARE_CUES:
                senses = self.senses.of(content[0])
                read = [(_main_strength(sense.score) if sense.main
                         else sense.score * sense_gate(float(prow[self.relations.index(r)])), r, sense.reverse)
                        for r, sense in senses.items()]
                # a link says as much as the name's word is specific: the same test, weighed
                read = [(s, s if senses[r].main else s * self.specificity[r], r, rev) for s, r, rev in read]
                top = max((t[1] for t in read), default=0.0)
                kept = [RelationMention(r, a, b, LEXICAL_SCORE * weighed, rev) for strength, weighed, r, rev in read
                        if strength >= MIN_SENSE_STRENGTH and weighed >= top - ASSIGN_TIE]
                known = any(senses[m.relation].main for m in kept)
                lexical += kept
            found += _shared(lexical, self.equivalents)
            order = np.argsort(-row)
            best = float(row[order[0]])
            second = float(row[order[1]]) if len(order) > 1 else -1.0
            # the sentence model's nearness of one word says less than what the dictionary says it is
            # ("screenwriter" looks like ``filmmaker`` to it, and is a kind of ``author``)
            # a wh-word says what kind of answer is asked ("*where* was X born"), which the focus
            # reads; the sentence model puts "where" near any relation named with "located"
            wh = bool(content) and all(w in WH_KINDS or w == "when" for w in content)  # "where", "where is"
            if best >= EMBED_MIN and best - second >= EMBED_MARGIN and not known and not wh and not self.names_modifier(
                    content, self.relations[order[0]]):
                found.append(RelationMention(self.relations[order[0]], a, b, best))
        if self.classifying:
            found += [RelationMention(self.classifying, i, i + 1, LEXICAL_SCORE) for i in class_cues(words, skip, self.senses.wordnet)]
        if self.descriptor:
            cue = next((i for i, w in enumerate(words) if w in DESCRIPTOR_CUES and i not in skip), None)
            if cue is not None:  # "which topics is X about" names it once
                found.append(RelationMention(self.descriptor, cue, cue + 1, LEXICAL_SCORE))
        found = self._with_equivalents(found)
        found.sort(key=lambda m: (-m.score, m.start))
        return found


def name_specificity(words: dict[str, list[str]], wordnet: WordNet | None) -> dict[str, float]:
    """How much a WordNet reading of each relation's name says, from how many meanings its
    name has, relative to the graph's other names (a word's weight falls with how general it
    is, as with the documents it is in): a name is as specific as its most specific word, and
    one with ``n`` senses where the graph's names have a median of ``m`` keeps
    ``sqrt(m / n)`` of a link, at most all of it. "made" (52 senses) is related to writing,
    acting, filming and releasing alike; "featuring" (2), "premiere" (4) are not."""
    if wordnet is None or not words:
        return {r: 1.0 for r in words}
    counts = {}
    for r, ws in words.items():
        per_word = [sum(len(wordnet.offsets(b, p)) for p in wordnet_module.POS for b in wordnet.base_forms(w, p))
                    for w in ws]
        counts[r] = min((n for n in per_word if n), default=0)
    known = sorted(n for n in counts.values() if n)
    if not known:
        return {r: 1.0 for r in words}
    median = known[len(known) // 2]
    return {r: min(1.0, math.sqrt(median / n)) if n else 1.0 for r, n in counts.items()}


def _main_strength(score: float) -> float:
    """A word the head noun's main meaning holds as itself or one step more specific ("star":
    a performer) names the relation as well as its own stem would; two steps down
    ("person": a grammatical category) keeps the link's own strength."""
    return 1.0 if score >= HYPONYM else score


def _shared(mentions: list[RelationMention], equivalents: dict[str, list[str]] | None = None) -> list[RelationMention]:
    """A word naming several relations alike ("plays" in three names) says less about each.

    Its strength is divided by the square root of how many it names, as a
    word's weight falls with the number of documents holding it; relations
    that link the same pairs (``manager``, ``reports_to``) count as one.
    """
    if len(mentions) < 2:
        return mentions
    equivalents = equivalents or {}
    k = len({min([m.relation, *equivalents.get(m.relation, [])]) for m in mentions})
    return [dataclasses.replace(m, score=m.score / math.sqrt(k)) for m in mentions]


def _content_words(relation: str) -> list[str]:
    return [w for w in phrase(relation).split() if w not in STOPWORDS] or phrase(relation).split()


def question_grams(words: list[str], skip: range) -> list[tuple[str, int, int]]:
    """Single words and word pairs outside ``skip`` that are not only stopwords."""
    out = []
    for n in (1, 2):
        for i in range(len(words) - n + 1):
            if any(k in skip for k in range(i, i + n)):
                continue
            span = words[i:i + n]
            if all(w in STOPWORDS for w in span):
                continue
            out.append((" ".join(span), i, i + n))
    return out


def mention_spans(
    mentions: list[RelationMention], words: list[str] | None = None
) -> dict[str, list[tuple[int, int, float]]]:
    """Per relation, its disjoint mention spans, strongest score kept.

    Overlapping grams merge; so do two spans that match different words of the
    relation's name when only stopwords separate them ("released in which
    years"), or when the question names no other relation ("what year was X
    released"): "release_year" is named once; and a relative clause restating the
    noun before it ("the director that directed X").
    """
    by_rel: dict[str, list[tuple[int, int, float]]] = {}
    named = {m.relation for m in mentions}
    for m in sorted(mentions, key=lambda m: (m.relation, m.start)):
        spans = by_rel.setdefault(m.relation, [])
        alone = named == {m.relation}
        if spans and (
            m.start < spans[-1][1]
            or _split_name(words, m.relation, spans[-1], m, alone)
            or _relative_clause(words, spans[-1], m)
        ):
            a, b, s = spans[-1]
            spans[-1] = (a, max(b, m.end), max(s, m.score))
        else:
            spans.append((m.start, m.end, m.score))
    return by_rel


RELATIVE_PRONOUNS = frozenset({"that", "who", "which", "whom"})


def _relative_clause(words: list[str] | None, prev: tuple[int, int, float], m: RelationMention) -> bool:
    """True when ``m`` only restates ``prev`` in a relative clause: "the *director* that
    *directed* X", "the *writer* who *wrote* X" name one relation, not a round trip."""
    if not words:
        return False
    gap = words[prev[1]:m.start]
    if not gap and prev[1] > prev[0]:  # the pronoun ended the earlier span ("director that")...
        gap = words[prev[1] - 1:prev[1]]
        if gap and gap[0] not in RELATIVE_PRONOUNS:  # ...or began this one ("that directed")
            gap = words[m.start:m.start + 1] if m.end - m.start > 1 else gap
    return len(gap) == 1 and gap[0] in RELATIVE_PRONOUNS


def _split_name(
    words: list[str] | None,
    relation: str,
    prev: tuple[int, int, float],
    m: RelationMention,
    alone: bool = False,
) -> bool:
    """True when ``prev`` and ``m`` are two halves of one multi-word relation name: each
    matches a different word of the name, and only stopwords separate them (any words,
    up to ``MAX_SPLIT_GAP``, when ``alone``: no other relation is named)."""
    if not words:
        return False
    gap = words[prev[1]:m.start]
    if not (len(gap) <= 3 and all(w in STOPWORDS for w in gap)) and not (alone and len(gap) <= MAX_SPLIT_GAP):
        return False
    rel_words = [w for w in phrase(relation).split() if w not in STOPWORDS]
    first = {v for v in rel_words for w in words[prev[0]:prev[1]] if stem_match(w, v)}
    second = {v for v in rel_words for w in words[m.start:m.end] if stem_match(w, v)}
    return bool(first and second and first.isdisjoint(second))


AUXILIARIES = frozenset({"do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "will",
                         "would", "can", "could", "should"})
ARTICLES = frozenset({"the", "a", "an"})
Span = tuple[int, int, float]


def reference_groups(spans: list[Span], words: tuple[str, ...] | list[str], entity: tuple[int, int],
                     possessive: frozenset[int] = frozenset(),
                     ambiguous: set[tuple[int, int]] | None = None) -> list[list[Span]]:
    """One relation's mention spans grouped by the hop each names: a path walks the relation once per group.

    Different words for one relation usually name it once, split around the
    entity or spread over a phrase: "which *club* does X *play* for", "which
    *national* team does X *play* for". They name it twice when a word repeats
    (its stem: "*directed* by the *director* of X"), across a possessive or "of"
    ("X's *kid*'s *child*", "the *child* of the *kid* of X"), or when the second
    follows the entity without the subject-auxiliary inversion of a question
    ("the movies *starred* by X *actors*": X's actors, then their movies).
    Words in ``ambiguous`` (naming several relations) join a group that names
    this relation by itself.
    """
    ambiguous = ambiguous or set()
    groups: list[list[Span]] = []
    for sp in sorted(spans):
        if groups and _same_reference(groups[-1][-1], sp, words, entity, possessive):
            groups[-1].append(sp)
        else:
            groups.append([sp])
    return _attach_shared(groups, ambiguous, words, possessive)


def _attach_shared(groups: list[list[Span]], ambiguous: set[tuple[int, int]], words,
                   possessive: frozenset[int]) -> list[list[Span]]:
    """A group of words that name several relations alike ("plays") joins the nearest group
    naming this one alone ("who *plays* at the soccer *club* X": one hop, plays_in_club),
    unless a possessive, an "of" or a repeated stem separates them."""
    if not ambiguous or len(groups) < 2:
        return groups
    specific = [g for g in groups if any((sp[0], sp[1]) not in ambiguous for sp in g)]
    out = [g for g in groups if g in specific]
    for g in groups:
        if g in specific:
            continue
        near = sorted(out, key=lambda h: min(abs(a[0] - b[0]) for a in g for b in h))
        target = next((h for h in near if _joinable(g, h, words, possessive)), None)
        if target is None:
            out.append(g)
        else:
            target.extend(g)
            target.sort()
    return sorted(out)


def _joinable(g: list[Span], h: list[Span], words, possessive: frozenset[int]) -> bool:
    if not words:
        return False
    lo, hi = min(sp[0] for sp in g + h), max(sp[1] for sp in g + h)
    if any(k in possessive for k in range(lo, hi - 1)) or "of" in words[lo:hi]:
        return False
    a_words = [w for sp in g for w in words[sp[0]:sp[1]] if w not in STOPWORDS]
    b_words = [w for sp in h for w in words[sp[0]:sp[1]] if w not in STOPWORDS]
    return not any(_same_stem(x, y) for x in a_words for y in b_words)


def _same_stem(a: str, b: str) -> bool:
    """The same word twice, in any form ("written" ... "screenwriter")."""
    return a == b or stem_match(a, b) or stem_match(b, a)


def _same_reference(prev: Span, cur: Span, words, entity: tuple[int, int], possessive: frozenset[int]) -> bool:
    if not words:
        return False
    a_words = [w for w in words[prev[0]:prev[1]] if w not in STOPWORDS]
    b_words = [w for w in words[cur[0]:cur[1]] if w not in STOPWORDS]
    if any(_same_stem(x, y) for x in a_words for y in b_words):
        return False
    gap = range(prev[1], cur[0])
    if any(k in possessive for k in range(prev[0], cur[0])) or any(words[k] == "of" for k in gap):
        return False
    inside = [k for k in gap if not entity[0] <= k < entity[1]]
    if len(inside) == len(gap):  # the entity is not between them
        return len(inside) <= 3 and all(words[k] in STOPWORDS for k in inside)
    before = [words[k] for k in range(prev[1], appositive_start(list(words), entity[0]))
              if words[k] not in ARTICLES]
    # "which club *does* X play for", "the club *that* X plays for": the verb after X is the noun's
    return bool(before) and (before[-1] in AUXILIARIES or before[-1] in RELATIVE_PRONOUNS) and len(inside) <= 4


def compound_mentions(mentions: list[RelationMention], words: list[str], blocked: set[int] | range,
                      nounless: Callable[[str], bool] | None = None,
                      possessive: frozenset[int] = frozenset()) -> list[RelationMention]:
    """Mentions stretched over the word right next to them in the same noun phrase.

    "what were the *release* dates", "what film *genre* is X", "the main *language*":
    a noun or adjective written against a relation's noun, with no word between,
    modifies it or is modified by it; it names no hop of its own (a second walk, as
    "dates" hinting at the release year again) and says nothing about the answer's
    kind. A word already naming a relation, in ``blocked`` (the entity, names), across
    a possessive ("X's kid"), or a verb ("*directed* films": ``nounless``) is left out.
    """
    if not mentions:
        return mentions
    taken = {k for m in mentions for k in range(m.start, m.end)}

    def joins(k: int, inner: int) -> bool:
        if not 0 <= k < len(words) or k in taken or k in blocked or not is_word_of_phrase(words[k]):
            return False
        if min(k, inner) in possessive:
            return False
        return nounless is None or not (nounless(words[k]) or nounless(words[inner]))

    out = []
    for m in mentions:
        start = m.start - 1 if joins(m.start - 1, m.start) else m.start
        end = m.end + 1 if joins(m.end, m.end - 1) else m.end
        out.append(m if (start, end) == (m.start, m.end) else dataclasses.replace(m, start=start, end=end))
    return out


def is_word_of_phrase(word: str) -> bool:
    """A content word (not a stopword, a number or a one- or two-letter word)."""
    return len(word) > 2 and word not in STOPWORDS and not word.isdigit()


ASSIGN_TIE = 0.05  # readings this close to a word's best are kept (the gate's rounding is no evidence)


def assign_words(mentions: list[RelationMention]) -> list[RelationMention]:
    """Keep, for each word, only the mentions of its strongest relation (a word names one relation)."""
    best: dict[int, float] = {}
    for m in mentions:
        for k in range(m.start, m.end):
            best[k] = max(best.get(k, 0.0), m.score)
    return [m for m in mentions if all(m.score >= best[k] - ASSIGN_TIE for k in range(m.start, m.end))]
