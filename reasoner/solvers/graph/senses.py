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
from reasoner.text.wordnet import HYPERNYM, PERTAINYM, POS, SYNONYM, WordNet

GLOSS = 0.6  # a word sharing a stem with a definition word of the name ("acted" ~ "the actors in a play")
MIN_SENSE = 0.6  # weaker links (beyond one hypernym step) say nothing
MAX_CACHE = 20_000


@dataclass(frozen=True)
class Sense:
    """A question word's link to one relation: how close, and whether only the inverse twin's name says it."""

    score: float
    reverse: bool = False


class WordSenses:
    """Question word -> relations it means, through WordNet; empty without WordNet.

    Args:
        wordnet: the lexical database (None: nothing is found).
        words: relation -> its name's content words (equivalent relations' words included).
        back_words: relation -> words only its inverse twin's name has.
        phrases: relation -> its name as a phrase ("place of birth"), looked up as one entry too.
    """

    def __init__(self, wordnet: WordNet | None, words: dict[str, list[str]],
                 back_words: dict[str, list[str]], phrases: dict[str, str]) -> None:
        self.wordnet = wordnet
        self.forward: dict[str, dict[str, float]] = {}
        self.backward: dict[str, dict[str, float]] = {}
        self.name_words: dict[str, set[str]] = {}
        self._cache: dict[str, dict[str, Sense]] = {}
        if wordnet is None:
            return
        self.glosses: dict[str, set[str]] = {}
        self.first: dict[str, set[str]] = {}  # name words and the synonyms of their first meaning
        for r, ws in words.items():
            entries = list(ws) + ([phrases[r]] if len(phrases.get(r, "").split()) > 1 else [])
            self.forward[r] = self._neighbourhood(entries)
            self.backward[r] = self._neighbourhood(back_words.get(r, []))
            self.name_words[r] = set(entries)
            self.glosses[r] = self._gloss_words(entries)
            self.first[r] = set(entries) | {w.replace("_", " ") for e in entries
                                            for sense in self.wordnet.senses(e, max_senses=1)[:1] for w in sense.words}

    def _gloss_words(self, entries: list[str]) -> set[str]:
        """Content words of the definition of each entry's first meaning: ``cast_member`` ->
        "cast": "the actors in a play", so "who *acted* in X" finds it."""
        out: set[str] = set()
        for entry in entries:
            senses = self.wordnet.senses(entry, max_senses=1)
            for sense in senses[:1]:
                gloss = sense.gloss.split(";")[0]
                out |= {w for w in re.findall(r"[a-z]+", gloss.lower()) if is_content_word(w) and w != entry}
        return out

    def _neighbourhood(self, entries: list[str]) -> dict[str, float]:
        out: dict[str, float] = {}
        for entry in entries:
            for word, score in self.wordnet.related(entry).items():
                if score > out.get(word, 0.0):
                    out[word] = score
        return out

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

    def _lookup(self, word: str) -> dict[str, Sense]:
        forms = {word} | {b.replace("_", " ") for pos in POS for b in self.wordnet.base_forms(word, pos)}
        own = self._own(word)
        found: dict[str, Sense] = {}
        for r in self.forward:
            fwd = max((self.forward[r].get(f, 0.0) for f in forms), default=0.0)
            # the word's own neighbours meet the name's words or their first meaning's synonyms
            fwd = max(fwd, max((s for w, s in own.items() if w in self.first[r]), default=0.0))
            if fwd < GLOSS and any(stem_match(word, g) for g in self.glosses.get(r, ())):
                fwd = GLOSS
            back = max((self.backward[r].get(f, 0.0) for f in forms), default=0.0)
            if max(fwd, back) >= MIN_SENSE:
                found[r] = Sense(fwd, False) if fwd >= back else Sense(back, True)
        return found
