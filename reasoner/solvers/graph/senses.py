"""Which relation a question word means, from WordNet: "sex" ~ ``gender``, "kid" ~ ``children``.

Stems catch "directed" ~ ``directed_by``; embeddings of a small sentence model
catch some paraphrases but are weak for single words ("wrote" sits as close to
``publication_date`` as to ``screenwriter``). A lexical database says what a
word means: each relation's name words are expanded once into their WordNet
neighbourhood (synonyms, derived forms, attributes, more specific words, one
step of more general ones; see :meth:`WordNet.related`), and a question word
is looked up there by its dictionary forms. A word is also expanded itself
(without its hypernyms, which are too general to name anything: "nationality"
is a kind of "position") and matched against the names' words, so a relation
named by a rarer word is found from the commoner one too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reasoner.solvers.graph.link import is_content_word
from reasoner.text.stem import stem_match
from reasoner.text.wordnet import (
    DERIVED,
    HYPERNYM,
    HYPONYM,
    HYPONYM_2,
    MAX_SENSES,
    PERTAINYM,
    POS,
    SYNONYM,
    WordNet,
)

GLOSS = 0.6  # a word sharing a stem with a definition word of the name ("acted" ~ "the actors in a play")
MIN_SENSE = 0.6  # weaker links (beyond one hypernym step) say nothing
PRODUCT_DEPTH = 3  # hypernym steps from a name's noun to what a verb's definition says it makes
MAX_CACHE = 20_000
# A definition's genus ends before its first preposition; a relative clause is still the genus
# when a bare "someone" heads it ("someone who writes screenplays").
GENUS_ENDS = frozenset({"of", "in", "for", "with", "by", "to", "from", "on", "at", "as", "about"})
RELATIVE_WORDS = frozenset({"who", "whom", "which", "that", "where", "when", "or", "and"})  # ...and coordination


def genus_words(gloss: str, ends: frozenset[str]) -> list[str]:
    """The words of a definition before the first of ``ends``: its genus, lower-cased."""
    out = []
    for w in re.findall(r"[a-z]+", gloss.lower()):
        if w in ends:
            break
        out.append(w)
    return out
KINDS = (SYNONYM, HYPONYM, HYPONYM_2)  # the name itself or a more specific word ("director" for filmmaker)


@dataclass(frozen=True)
class Sense:
    """A question word's link to one relation: how close, and whether only the inverse twin's name says it."""

    score: float
    reverse: bool = False
    main: bool = False  # found in the main meaning of the name's noun: no polysemy to check


class WordSenses:
    """Question word -> relations it means, through WordNet; empty without WordNet.

    Args:
        wordnet: the lexical database (None: nothing is found).
        words: relation -> its name's content words (equivalent relations' words included).
        back_words: relation -> words only its inverse twin's name has.
        phrases: relation -> its name as a phrase ("place of birth"), looked up as one entry too.
        heads: relation -> the noun its name gives its values (:func:`reasoner.graph.paths.head_noun`;
            "plays_in_club" -> "club"), whose main meaning is trusted without the embedding check.
    """

    def __init__(self, wordnet: WordNet | None, words: dict[str, list[str]],
                 back_words: dict[str, list[str]], phrases: dict[str, str],
                 heads: dict[str, str | None] | None = None) -> None:
        self.wordnet = wordnet
        self.forward: dict[str, dict[str, float]] = {}
        self.backward: dict[str, dict[str, float]] = {}
        self.name_words: dict[str, set[str]] = {}
        self._cache: dict[str, dict[str, Sense]] = {}
        if wordnet is None:
            return
        self.glosses: dict[str, set[str]] = {}
        self.kinds_of: dict[str, set[tuple[str, int]]] = {}  # what the names' nouns are kinds of
        self.main: dict[str, dict[str, float]] = {}  # the neighbourhood of the names' first noun meanings
        self.first: dict[str, set[str]] = {}  # name words and the synonyms of their first meaning
        self.first_pos: dict[str, dict[str, str]] = {}  # ...and the part of speech of those synonyms
        for r, ws in words.items():
            entries = list(ws) + ([phrases[r]] if len(phrases.get(r, "").split()) > 1 else [])
            self.forward[r] = self._neighbourhood(entries)
            head = (heads or {}).get(r)
            self.main[r] = self._neighbourhood([head], main=True) if head else {}
            self.backward[r] = self._neighbourhood(back_words.get(r, []))
            self.name_words[r] = set(entries)
            self.glosses[r] = self._gloss_words(entries)
            self.kinds_of[r] = self._ancestors(entries)
            self.first_pos[r] = {w.replace("_", " "): sense.pos for e in entries
                                 for sense in self.wordnet.senses(e, max_senses=1)[:1] for w in sense.words}
            self.first[r] = set(entries) | set(self.first_pos[r])

    def _gloss_words(self, entries: list[str]) -> set[str]:
        """Content words of the genus of the definition of each entry's first meaning, the words
        before its first preposition: ``cast_member`` -> "cast": "the *actors*
        in a play", so "who *acted* in X" finds it. What follows only sets the genus apart
        ("premiere": "the first public performance *of a play or movie*": a premiere is no movie)."""
        out: set[str] = set()
        for entry in entries:
            senses = self.wordnet.senses(entry, max_senses=1)
            for sense in senses[:1]:
                gloss = re.sub(r"\([^)]*\)", " ", sense.gloss.split(";")[0])  # not its asides: "(especially a ... film)"
                out |= {w for w in genus_words(gloss, GENUS_ENDS) if is_content_word(w) and w != entry}
        return out

    def _ancestors(self, entries: list[str]) -> set[tuple[str, int]]:
        """The meanings the entries' first two noun meanings are kinds of, up to ``PRODUCT_DEPTH``
        steps up: a story is a piece of fiction, a literary work, a piece of writing."""
        out: set[tuple[str, int]] = set()
        for entry in entries:
            frontier = self.wordnet.senses(entry, "n", max_senses=2)
            for _ in range(PRODUCT_DEPTH):
                frontier = [self.wordnet.synset(p, o) for f in frontier for sym, p, o in f.pointers if sym in ("@", "@i")]
                out |= {(f.pos, f.offset) for f in frontier}
        return out

    def _products(self, word: str) -> set[tuple[str, int]]:
        """What the word's verb makes, as its definition says: the first meaning of each noun
        phrase of the definition of the word's first verb meaning, or of the verb a noun is
        formed from ("write": "produce a *literary work*"; "writer" -> "write")."""
        verbs = self.wordnet.senses(word, "v", max_senses=1)[:1]
        for sense in self.wordnet.senses(word, "n", max_senses=1)[:1]:
            verbs += [self.wordnet.synset(p, o) for sym, p, o in sense.pointers if sym == "+" and p == "v"][:3]
        out: set[tuple[str, int]] = set()
        for verb in verbs:
            gloss = re.sub(r"\([^)]*\)", " ", verb.gloss.split(";")[0])
            words = [w for w in re.findall(r"[a-z]+", gloss.lower()) if is_content_word(w)]
            for phrase in [" ".join(words[i:i + 2]) for i in range(len(words) - 1)] + words[1:]:
                out |= {(n.pos, n.offset) for n in self.wordnet.senses(phrase, "n", max_senses=1)[:1]}
        return out

    def _neighbourhood(self, entries: list[str], main: bool = False) -> dict[str, float]:
        """Words related to any of ``entries``; with ``main``, to their first noun meaning only."""
        out: dict[str, float] = {}
        for entry in entries:
            pos = "n" if main or self._noun_name(entry) else None
            near = self.wordnet.related(entry, max_senses=1 if main else MAX_SENSES, pos=pos)
            for word, score in near.items():
                if score > out.get(word, 0.0):
                    out[word] = score
        return out

    def _noun_name(self, entry: str) -> bool:
        """Whether a name's word is a noun as written ("type", "tongue"), read then as the noun
        its first meaning is, not as the verb of the same spelling (to type: to write); a verb
        form ("written", "featuring") keeps all its meanings."""
        return bool(self.wordnet.offsets(entry, "n")) or any(b != entry for b in self.wordnet.base_forms(entry, "n"))

    def of(self, word: str) -> dict[str, Sense]:
        """Every relation ``word`` may mean, each with its strength (the caller picks the best)."""
        if self.wordnet is None or not is_content_word(word):
            return {}
        if word not in self._cache:
            if len(self._cache) > MAX_CACHE:
                self._cache.clear()
            self._cache[word] = self._lookup(word)
        return self._cache[word]

    def _own(self, word: str) -> dict[str, float]:
        """The word's own neighbourhood, hypernyms left out, and one more step from form to
        form ("nationality" -> "national" -> "nation", a synonym of "country"); a form's
        synonyms are not followed ("movie" -> "take" -> "direct" is two meanings away)."""
        own = {w: s for w, s in self.wordnet.related(word).items() if s > HYPERNYM}
        for w, s in list(own.items()):
            if w == word or not PERTAINYM <= s < SYNONYM:  # forms only: derived, attribute, pertainym
                continue
            for w2, s2 in self.wordnet.related(w).items():  # a form of a form, not its synonyms
                if PERTAINYM <= s2 < SYNONYM and s * s2 > own.get(w2, 0.0):
                    own[w2] = s * s2
        return own

    def _reached_pos(self, word: str) -> dict[str, set[str]]:
        """The parts of speech in which the word's own meanings and their pointers reach each word."""
        out: dict[str, set[str]] = {}
        for sense in self.wordnet.senses(word):
            for w in sense.words:
                out.setdefault(w.replace("_", " "), set()).add(sense.pos)
            for _, pos, off in sense.pointers:
                for w in self.wordnet.synset(pos, off).words:
                    out.setdefault(w.replace("_", " "), set()).add("a" if pos == "s" else pos)
        return out

    @staticmethod
    def _same_pos(word: str, name_pos: str | None, reached: dict[str, set[str]]) -> bool:
        """Whether ``word`` is reached as the part of speech the name's first meaning has it in:
        "films" reaches the noun "feature" (a feature film), a name "featuring" means the verb
        (to have as a feature): one spelling, two meanings. A word not traced says nothing."""
        return name_pos is None or word not in reached or name_pos in reached[word]

    def _lookup(self, word: str, agents: bool = True) -> dict[str, Sense]:
        forms = {word} | {b.replace("_", " ") for pos in POS for b in self.wordnet.base_forms(word, pos)}
        own = self._own(word)
        reached = self._reached_pos(word)
        products = self._products(word)
        found: dict[str, Sense] = {}
        for r in self.forward:
            fwd = max((self.forward[r].get(f, 0.0) for f in forms), default=0.0)
            # the word's own neighbours meet the name's words or their first meaning's synonyms
            fwd = max(fwd, max((s for w, s in own.items() if w in self.first[r]
                                and self._same_pos(w, self.first_pos[r].get(w), reached)), default=0.0))
            if fwd < GLOSS and any(stem_match(word, g) for g in self.glosses.get(r, ())):
                fwd = GLOSS
            if fwd < GLOSS and products & self.kinds_of.get(r, set()):  # "wrote": a story is a literary work
                fwd = GLOSS
            # The main meaning (first noun sense) of the name's head noun holds the word ("stars":
            # a star is a kind of *performer*): the link needs no check of which meaning is meant.
            main = max((self.main[r].get(f, 0.0) for f in forms), default=0.0)
            # A form of the word is a kind of that noun ("directed" -> "director", a kind of *filmmaker*).
            fwd = max(fwd, max((s * self.main[r][w] for w, s in own.items()
                                if PERTAINYM <= s < SYNONYM and self.main[r].get(w) in KINDS), default=0.0))
            back = max((self.backward[r].get(f, 0.0) for f in forms), default=0.0)
            fwd = max(fwd, main)
            if max(fwd, back) >= MIN_SENSE:
                found[r] = Sense(fwd, False, main >= MIN_SENSE) if fwd >= back else Sense(back, True)
        # A noun defined by a name's word names it as its main meaning does ("author": one who
        # *writes* books ... professionally -> ``written_by``, though "to author" is also to publish).
        for r in self._defined_by(word):
            found[r] = Sense(max(found[r].score if r in found else 0.0, HYPONYM), False, True)
        # A director is one who directs: what "directs" names, unless a name's main meaning holds
        # the noun itself ("writer": an author), which says more than a verb's many meanings.
        agents = agents and not any(sense.main for sense in found.values())
        for verb in self._agent_verbs(word) if agents else ():
            for r, sense in self._lookup(verb, agents=False).items():  # the verb's own readings, not its agents
                score = sense.score * DERIVED
                if score >= MIN_SENSE and score > found.get(r, Sense(0.0)).score:
                    found[r] = Sense(score, sense.reverse)
        return found

    def _defined_by(self, word: str) -> list[str]:
        """Relations named by the head of the genus of the word's first noun meaning: the words
        before the definition's first preposition, relative word or "or"; its head is the last
        of them ("a theatrical *performer*"), or a verb it opens with ("*writes* (books ...)
        professionally": one who writes). A stem is the same word."""
        genus = []
        for sense in self.wordnet.senses(word, "n", max_senses=1)[:1]:
            gloss = re.sub(r"\([^)]*\)", " ", sense.gloss.split(";")[0])
            genus += [w for w in genus_words(gloss, GENUS_ENDS | RELATIVE_WORDS) if is_content_word(w)]
        if not genus:
            return []
        opens = genus[0]
        head = opens if opens.endswith("s") and any(b != opens for b in self.wordnet.base_forms(opens, "v")) else genus[-1]
        if head == word:
            return []
        return [r for r, names in self.name_words.items() if any(stem_match(head, v) for v in names if " " not in v)]

    def _agent_verbs(self, word: str) -> list[str]:
        """The verbs a person noun is formed from, by its first meaning ("director" -> "direct"):
        an agent noun names one who does what the verb says."""
        if not self.wordnet.is_a(word, "person", max_senses=1):
            return []
        verbs = []
        for sense in self.wordnet.senses(word, "n", max_senses=1)[:1]:
            for sym, p, o in sense.pointers:
                if sym == "+" and p == "v":
                    verbs += [w for w in self.wordnet.synset(p, o).words if "_" not in w and w != word]
        return list(dict.fromkeys(verbs))[:3]
