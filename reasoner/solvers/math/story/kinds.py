"""Which nouns are kinds of which: "carnations" and "roses" are flowers, "managers" are people.

A question often counts with a more general noun than the story ("How many flowers?" over
carnations and roses). Whether one noun is a kind of another is read from WordNet 3.0's
noun hierarchy (hypernym links, :mod:`reasoner.text.wordnet`), never from a hand list.
Without the data every question of this kind is declined.
"""

from __future__ import annotations

from functools import lru_cache

from reasoner.text import wordnet

MEMBER_SENSES = 2  # a noun's most frequent senses only: "cat" the animal, not a rare sense
MAX_DEPTH = 12


@lru_cache(maxsize=4096)
def senses(word: str) -> tuple[int, ...]:
    """Synset offsets of a noun (the lemma as written), most frequent sense first."""
    wn = wordnet.load()
    return tuple(wn.offsets(word, "n")) if wn is not None else ()


@lru_cache(maxsize=8192)
def ancestors(word: str, synonyms: bool = True, top: int = MEMBER_SENSES) -> frozenset[str]:
    """Every lemma above the most frequent senses of ``word`` in the hierarchy (and its own synonyms, unless told)."""
    wn = wordnet.load()
    if wn is None:
        return frozenset()
    out: set[str] = set()
    frontier = list(senses(word)[:top])
    seen: set[int] = set()
    depth = 0
    while frontier and depth <= MAX_DEPTH:
        nxt = []
        for off in frontier:
            if off in seen:
                continue
            seen.add(off)
            synset = wn.synset("n", off)
            if depth or synonyms:
                out |= set(synset.words)
            if not depth:
                out |= _compound_heads(synset.words)
            nxt.extend(o for sym, pos, o in synset.pointers if sym in ("@", "@i") and pos == "n")
        frontier, depth = nxt, depth + 1
    return frozenset(out)


def _compound_heads(words: tuple[str, ...]) -> set[str]:
    """ "boy" is also "male_child", "woman" "adult_female": an adjective and a noun name a kind of the noun.

    WordNet files "boy" under "male", not "child"; its own compound synonym says it is a child too.
    Only an adjective modifier counts (intersective: a male child is a child); a noun modifier
    does not ("sea_horse" is no horse).
    """
    from reasoner.solvers.math.story.words import can_be

    out = set()
    for w in words:
        parts = w.lower().split("_")
        if len(parts) == 2 and can_be(parts[0], "ADJ") and not can_be(parts[0], "NOUN") or (
                len(parts) == 2 and parts[0] in _GENDER):
            out.add(parts[1])
    return out


_GENDER = frozenset("male female".split())  # adjectives that lemminflect also lists as nouns


def is_kind_of(member: str, category: str, synonyms: bool = True, top: int = MEMBER_SENSES) -> bool:
    """True when ``member`` (a noun lemma) is a kind of ``category`` ("rose" of "flower", "manager" of "person").

    With ``synonyms=False`` a word that only shares a sense ("bicycle" is also called a "wheel") does not count;
    ``top``: how many of its most frequent senses count (1: "drawer" the furniture, not one who draws).
    """
    if not member or not category or member == category:
        return False
    return category.replace(" ", "_") in ancestors(member.replace(" ", "_"), synonyms, top)


@lru_cache(maxsize=4096)
def agent_of(noun: str, verb: str) -> bool:
    """ "player" is who does "play", "swimmer" who does "swim": WordNet's derivational link between the two."""
    wn = wordnet.load()
    if wn is None or not noun or not verb:
        return False
    return wn.related(noun, pos="n").get(verb, 0.0) >= wordnet.DERIVED


def available() -> bool:
    return wordnet.load() is not None
