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

from dataclasses import dataclass

from reasoner.solvers.graph.link import is_content_word
from reasoner.solvers.graph.wordnet import HYPERNYM, PERTAINYM, POS, SYNONYM, WordNet

MIN_SENSE = 0.6  # weaker links (beyond one hypernym step) say nothing
TIE = 0.05  # relations this close to the best reading of a word are all kept
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
        for r, ws in words.items():
            entries = list(ws) + ([phrases[r]] if len(phrases.get(r, "").split()) > 1 else [])
            self.forward[r] = self._neighbourhood(entries)
            self.backward[r] = self._neighbourhood(back_words.get(r, []))
            self.name_words[r] = set(entries)

    def _neighbourhood(self, entries: list[str]) -> dict[str, float]:
        out: dict[str, float] = {}
        for entry in entries:
            for word, score in self.wordnet.related(entry).items():
                if score > out.get(word, 0.0):
                    out[word] = score
        return out

    def of(self, word: str) -> dict[str, Sense]:
        """The relations ``word`` means (best reading, ties kept), each with its strength."""
        if self.wordnet is None or not is_content_word(word):
            return {}
        if word not in self._cache:
            if len(self._cache) > MAX_CACHE:
                self._cache.clear()
            self._cache[word] = self._lookup(word)
        return self._cache[word]

    def _own(self, word: str) -> dict[str, float]:
        """The word's own neighbourhood, hypernyms left out, and one more step through its
        forms ("nationality" -> "national" -> "nation", a synonym of "country")."""
        own = {w: s for w, s in self.wordnet.related(word).items() if s > HYPERNYM}
        for w, s in list(own.items()):
            if w == word or not PERTAINYM <= s < SYNONYM:  # forms only: derived, attribute, pertainym
                continue
            for w2, s2 in self.wordnet.related(w).items():
                if s2 > HYPERNYM and s * s2 > own.get(w2, 0.0):
                    own[w2] = s * s2
        return own

    def _lookup(self, word: str) -> dict[str, Sense]:
        forms = {word} | {b.replace("_", " ") for pos in POS for b in self.wordnet.base_forms(word, pos)}
        own = self._own(word)
        found: dict[str, Sense] = {}
        for r in self.forward:
            fwd = max((self.forward[r].get(f, 0.0) for f in forms), default=0.0)
            # the word's own neighbours meet the name's words or their synonyms
            fwd = max(fwd, max((s for w, s in own.items() if self.forward[r].get(w, 0.0) >= SYNONYM), default=0.0))
            back = max((self.backward[r].get(f, 0.0) for f in forms), default=0.0)
            if max(fwd, back) >= MIN_SENSE:
                found[r] = Sense(fwd, False) if fwd >= back else Sense(back, True)
        if not found:
            return {}
        best = max(s.score for s in found.values())
        return {r: s for r, s in found.items() if s.score >= best - TIE}
