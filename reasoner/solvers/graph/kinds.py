"""What kind of node each hop reaches, from the graph's own statistics: persons, or not.

"Who wrote the films X directed" must not end on the films, nor "when" on a
person. Relation names seldom say what their values are ("directed_by" names
no noun), so the graph says it: a hop reaches persons when its relation's
head noun is a person in WordNet by its first meaning ("starred_actors": actors;
a ``type`` is a kind of thing first, "a person of a specified kind" only second)
and what it reaches is not mostly years, dates or numbers (a "date" is also the
person one goes out with; a value is never a person), or when a fair
share of the nodes it reaches are such persons (many directors also act: 12%
of MetaQA's, where a film title and an actor's name collide for well under
1% of the films). A hop reaches *things*, not persons, when what it reaches is
mostly years, dates or numbers, or mostly nodes that persons are attached to
(films have directors and actors) while none of them is a person itself.
Without any person relation (no head noun WordNet calls a person: ``helmer``,
``script_credit``, ``top_billing``) the values' own names say it: a sentence model
puts a sample of a hop's far nodes ("George Stevens", "Agnès Jaoui") nearer "a
person" than "a thing" by a clear margin (MetaQA's directors, writers and actors
0.13-0.14; titles, genres, languages, tags, years -0.05 to 0.06). Without that
either no hop is called a person hop, but hops reaching mostly values are still
things: "who" never ends on years.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from reasoner.graph.paths import Hop, RangeInfo, display_name, far_ends
from reasoner.graph.store import KnowledgeGraph
from reasoner.ingest.triples import is_scalar
from reasoner.text.wordnet import WordNet

MIN_PERSON_SHARE = 0.05  # a hop whose far nodes are this often persons reaches persons
MAX_STRAY_SHARE = 0.01  # ...and one reaching things has at most this share of persons (name collisions)
MIN_THING_SHARE = 0.5  # the share of its far nodes that are years, numbers or holders of persons
SAMPLE = 2000  # far nodes looked at per hop (the shares are estimated, not counted in full)
NAME_SAMPLE = 100  # far nodes whose names are embedded per hop when WordNet names no person relation
PERSON_MARGIN = 0.1  # mean cosine to "a person" over "a thing" of names of persons (see the module docstring)
PERSON_PROTOTYPES = ("a person", "a thing")


@dataclass(frozen=True)
class HopKind:
    """What a hop reaches: persons, things that are surely not persons, or neither said."""

    person: bool = False
    thing: bool = False


def hop_kinds(kg: KnowledgeGraph, ranges: dict[Hop, RangeInfo], wordnet: WordNet | None,
              skip: Iterable[str] = (), far: dict[Hop, set[str]] | None = None,
              embed: Callable[[list[str]], np.ndarray] | None = None) -> dict[Hop, HopKind]:
    """For each hop of ``ranges``, whether it reaches persons or things (see the module docstring).

    ``far``: the hops' far ends (:func:`reasoner.graph.paths.far_ends`) when the caller already has them.
    ``embed``: a sentence embedder (unit vectors), to tell persons by their names when no
    relation's name says who they are.
    """
    if wordnet is None:
        return {}
    far = far_ends(kg, skip) if far is None else far
    valued = {h: _share(nodes, lambda n: is_scalar(str(n))) for h, nodes in far.items()}
    # A year, date or number is never a person, whatever else its noun can mean ("date":
    # also the one you go out with), so a hop reaching mostly values seeds nothing.
    seeds = [h for h, info in ranges.items() if h in far and valued[h] < MIN_THING_SHARE
             and any(wordnet.is_a(n, "person", max_senses=1) for n in info.nouns)]
    if not seeds and embed is not None:  # no name says who the persons are: their own names may
        seeds = [h for h in ranges if h in far and valued[h] < MIN_THING_SHARE and _names_persons(far[h], embed)]
    if not seeds:  # no name says who the persons are; values are still no persons
        return {h: HopKind(thing=True) for h in far if valued[h] >= MIN_THING_SHARE}
    persons = set().union(*(far[h] for h in seeds))
    person_hops = {h for h in far if h in seeds or _share(far[h], persons.__contains__) >= MIN_PERSON_SHARE}
    adj = kg.adjacency()

    def holds_person(node: str) -> bool:
        return any(h in person_hops and h[1] for h in adj.get(node, {}))

    out: dict[Hop, HopKind] = {}
    for hop, nodes in far.items():
        if hop in person_hops:
            out[hop] = HopKind(person=True)
            continue
        stray = _share(nodes, persons.__contains__)
        held = _share(nodes, holds_person)
        out[hop] = HopKind(thing=stray <= MAX_STRAY_SHARE and max(valued[hop], held) >= MIN_THING_SHARE)
    return out


def _names_persons(nodes: set[str], embed: Callable[[list[str]], np.ndarray]) -> bool:
    """Whether a sample of ``nodes``, as written, reads as persons' names to the sentence model."""
    sample = sorted(nodes, key=lambda n: zlib.crc32(str(n).encode()))[:NAME_SAMPLE]
    vecs = embed([display_name(n) for n in sample] + list(PERSON_PROTOTYPES))
    sims = vecs[:-2] @ vecs[-2:].T
    return float((sims[:, 0] - sims[:, 1]).mean()) >= PERSON_MARGIN


def _share(nodes: set[str], test) -> float:
    """Share of ``nodes`` passing ``test`` (over a fixed sample, drawn by a hash of the name, of a large set)."""
    if not nodes:
        return 0.0
    sample = sorted(nodes, key=lambda n: zlib.crc32(str(n).encode()))[:SAMPLE] if len(nodes) > SAMPLE else list(nodes)
    return sum(1 for n in sample if test(n)) / len(sample)


def wh_fit(kind: HopKind | None, asked: str) -> float:
    """How a hop's kind fits a wh-word's ("person" for who, "time" for when): 1 when it is
    what is asked, -1 when it clashes (who -> a year or a film; when -> a person), else 0."""
    if kind is None:
        return 0.0
    if asked == "person":
        return 1.0 if kind.person else -1.0 if kind.thing else 0.0
    if asked == "time":
        return -1.0 if kind.person else 0.0
    return 0.0
