"""Relation paths: which ones start at an entity, how they read in English, where they lead.

A hop is ``(relation, forward)``; a path is a tuple of 1 to 3 hops. Candidate
paths come from the graph's schema (which hops follow which, counted over the
nodes), never from a list of known relations, and each is verbalised from the
relation names alone ("directed_by" backwards reads "directed by X").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import permutations

from reasoner.graph.store import KnowledgeGraph
from reasoner.ingest.triples import NAMESPACE_SEPARATOR, is_scalar
from reasoner.text.tokens import fold

Hop = tuple[str, bool]
Path = tuple[Hop, ...]

MAX_HOPS = 3
MIN_SHARE = 0.2  # a hop may follow another when this share of the nodes on the rarer side allow both
MIN_CLASS_SIZE = 10  # a classifying relation's values are shared by this many subjects on average
MIN_COVER = 0.1  # a descriptor relation's values name this share of another relation's values


def phrase(relation: str) -> str:
    """``"directed_by"`` -> ``"directed by"``; ``"hasGenre"`` -> ``"has genre"``.

    Qualified names read as their last part: ``"film.film.directed_by"``,
    ``"http://dbpedia.org/ontology/birthPlace"``, ``"dbo:director"``.
    """
    parts = [p for p in NAMESPACE_SEPARATOR.split(relation) if re.search(r"[A-Za-z]", p)]
    local = parts[-1] if parts else relation
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", local).replace("_", " ").replace("-", " ")
    return " ".join(text.lower().split())


def display_name(node: str) -> str:
    """A node id as a reader writes it: "kingdom_of_england" -> "kingdom of england",
    "Alan_PULIDO" -> "Alan PULIDO"; ids with spaces, or without underscores, unchanged."""
    text = str(node)
    if "_" in text and " " not in text.strip():
        text = " ".join(p for p in text.split("_") if p)
    return text or str(node)


def _noun(relation: str) -> str:
    """The relation as the noun for its object: "has_genre" -> "genre", "in_language" -> "language"."""
    words = phrase(relation).split()
    while len(words) > 1 and words[0] in {"has", "have", "in", "is", "was", "of", "with"}:
        words = words[1:]
    return " ".join(words)


def describe_hop(hop: Hop, subject: str) -> str:
    """One hop in English, the known side named ``subject``.

    Forward hops ask for the object ("the genre of X", "what X directed by"),
    backward hops for the subject ("what has starred actors X").
    """
    rel, forward = hop
    words = phrase(rel)
    passive = words.endswith(" by") or words.endswith(" to") or words.endswith(" of") or words.endswith(" in")
    if forward:
        return f"{subject} {words}" if passive else f"the {_noun(rel)} of {subject}"
    return f"what is {words} {subject}" if passive else f"what has {words} {subject}"


def describe(path: Path, topic: str = "X") -> str:
    """The whole path in English, nested from the topic outwards."""
    text = topic
    for hop in path:
        text = describe_hop(hop, text)
    return text


@dataclass
class Schema:
    """Which hops leave which nodes, counted: the graph's relation structure.

    Attributes:
        counts: hop -> number of nodes it leaves from.
        follows: (arrival hop, next hop) -> number of nodes where both meet.
    """

    counts: Counter
    follows: Counter

    @classmethod
    def of(cls, kg: KnowledgeGraph, skip: Iterable[str] = ()) -> Schema:
        """Count the hops of ``kg``, leaving out the relations in ``skip`` (inverse twins)."""
        skip = set(skip)
        counts: Counter = Counter()
        follows: Counter = Counter()
        for _node, hops in kg.adjacency().items():
            keys = [h for h in hops if h[0] not in skip]
            counts.update(keys)
            for a in keys:
                for b in keys:
                    follows[(a, b)] += 1
        return cls(counts, follows)

    def next_hops(self, hop: Hop) -> list[Hop]:
        """Hops that can follow ``hop`` (leaving from where it arrives)."""
        arrive = (hop[0], not hop[1])
        # Shared by a fair share of the rarer side: names that merely collide
        # (a year that is also a film title) do not join two kinds of node.
        return sorted(
            b
            for (a, b), n in self.follows.items()
            if a == arrive and n >= max(1, MIN_SHARE * min(self.counts[a], self.counts[b]))
        )

    def paths_from(self, start: list[Hop], max_hops: int = MAX_HOPS) -> list[Path]:
        """Every schema path of 1..max_hops hops beginning with one of ``start``."""
        out: list[Path] = []
        frontier: list[Path] = [(h,) for h in start]
        for depth in range(max_hops):
            out.extend(frontier)
            if depth + 1 == max_hops:
                break
            frontier = [p + (h,) for p in frontier for h in self._next(p[-1])]
        return out

    def _next(self, hop: Hop) -> list[Hop]:
        cache = self.__dict__.setdefault("_next_cache", {})
        if hop not in cache:
            cache[hop] = self.next_hops(hop)
        return cache[hop]


def follow(kg: KnowledgeGraph, start: str, path: Path, limit: int = 50_000) -> dict[str, list[str]]:
    """Walk ``path`` from ``start``; map each answer to one chain of nodes that reaches it.

    Going back along the hop just taken (``r`` then ``r`` backwards) skips the
    node it came from, so "films sharing a director with X" excludes X.
    """
    adj = kg.adjacency()
    chains: dict[str, list[str]] = {start: [start]}
    for i, hop in enumerate(path):
        nxt: dict[str, list[str]] = {}
        back = i > 0 and path[i - 1] == (hop[0], not hop[1])
        for node, chain in chains.items():
            for other in adj.get(node, {}).get(hop, ()):
                if other in nxt or (back and other == chain[-2]):
                    continue
                nxt[other] = chain + [other]
            if len(nxt) > limit:
                break
        chains = nxt
    chains.pop(start, None)
    return chains


def equivalent_relations(kg: KnowledgeGraph, min_overlap: float = 0.5) -> dict[str, list[str]]:
    """Relations that link mostly the same pairs the same way round (``manager`` ~ ``reports_to``).

    The graph tells which names mean the same thing: when a table says Kim's
    manager is Dubois and a page says Kim reports to Dubois, a question that
    says "report to" can use the ``manager`` column.
    """
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for s, o, rel in kg.graph.edges(data="relation"):
        pairs[rel].add((s, o))
    out: dict[str, list[str]] = {}
    rels = sorted(pairs)
    for i, a in enumerate(rels):
        for b in rels[i + 1:]:
            small = min(len(pairs[a]), len(pairs[b]))
            if len(pairs[a] & pairs[b]) >= max(2, min_overlap * small):
                out.setdefault(a, []).append(b)
                out.setdefault(b, []).append(a)
    return out


MIN_TWIN = 0.9  # an inverse twin links this share of the other's pairs, the other way round


def inverse_relations(kg: KnowledgeGraph, min_share: float = MIN_TWIN) -> dict[str, str]:
    """Relations that only restate another backwards (``plays_in_club_inverse``, ``parent`` of ``child``).

    Many triples files state every fact twice, once each way. A twin adds no
    path the other does not walk backwards, yet doubles the candidate paths
    (and their cost) at every hop and splits one relation's mentions between
    two names. Returns ``twin -> kept``: the kept one has the shorter name
    (then the first alphabetically); each links at least ``min_share`` of the
    other's pairs the other way round. Candidates come from a few sample
    edges, so a graph of many relations is not compared pair by pair.
    """
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for s, o, rel in kg.graph.edges(data="relation"):
        pairs[rel].add((s, o))
    adj = kg.adjacency()
    order = sorted(pairs, key=lambda r: (len(phrase(r).split()), r))
    rank = {r: i for i, r in enumerate(order)}
    out: dict[str, str] = {}
    for b in reversed(order):
        cands: set[str] = set()
        for s, o in list(pairs[b])[:20]:
            cands |= {a for (a, fwd), nbrs in adj.get(o, {}).items() if fwd and a != b and s in nbrs}
        for a in sorted(cands, key=rank.__getitem__):
            if rank[a] > rank[b] or a in out:
                continue
            shared = sum(1 for s, o in pairs[b] if (o, s) in pairs[a])
            if shared >= min_share * len(pairs[a]) and shared >= min_share * len(pairs[b]):
                out[b] = a
                break
    return out


def classifying_relation(kg: KnowledgeGraph, min_size: float = MIN_CLASS_SIZE) -> str | None:
    """The relation that sorts subjects into a few large classes, if the graph has one.

    "What kind of film is X" asks for a class, and the graph shows which relation
    holds classes: its values are words, not numbers or dates, and each is shared by
    many subjects (a genre by hundreds of films; a director by two or three). Returns
    the relation with the most subjects per value, at least ``min_size`` on average.
    """
    edges: Counter = Counter()
    values: dict[str, set[str]] = defaultdict(set)
    scalar: Counter = Counter()
    for _, o, rel in kg.graph.edges(data="relation"):
        edges[rel] += 1
        if o not in values[rel]:
            values[rel].add(o)
            scalar[rel] += is_scalar(str(o))  # numbers (years included) and dates
    size = {r: edges[r] / len(values[r]) for r in edges if scalar[r] <= len(values[r]) / 2}
    best = max(sorted(size), key=lambda r: size[r], default=None)
    return best if best is not None and size[best] >= min_size else None


def descriptor_relation(kg: KnowledgeGraph, min_cover: float = MIN_COVER) -> str | None:
    """The relation whose values are free labels for its subjects ("tags", "keywords"), if any.

    "Describe X in a few words" or "what is X about" asks for labels, and the
    graph shows which relation holds them: its values name things of many
    kinds, so they cover a good share (``min_cover``) of the values of the
    other relations of the same subjects, kind after kind (a film's tags
    include its genre, its language, the names of its people). Relations whose
    values overlap are one kind (director, writer and actor names). Returns the
    relation covering at least three kinds and at least half of its peers'
    kinds, the one covering most; names compare case- and accent-insensitively.
    Relations of other subjects (an org chart beside the films) do not count.
    """
    by_subject: dict[str, set[str]] = defaultdict(set)  # subject -> its relations
    by_value: dict[str, set[str]] = defaultdict(set)  # normalised value -> relations reaching it
    names: dict[str, str] = {}
    for s, o, rel in kg.graph.edges(data="relation"):
        by_subject[s].add(rel)
        o = str(o)
        if o not in names:
            names[o] = fold(o)
        by_value[names[o]].add(rel)
    n_subjects, shared_subjects = _pair_counts(by_subject.values())
    n_values, shared_values = _pair_counts(by_value.values())

    def peers(a: str, b: str) -> bool:
        shared = shared_subjects.get((a, b), 0)
        return shared >= min_cover * n_subjects[a] and shared >= min_cover * n_subjects[b]

    def covers(a: str, b: str) -> bool:
        """``a``'s values name at least ``min_cover`` of ``b``'s."""
        return shared_values.get((a, b), 0) >= min_cover * n_values[b]

    def kinds(rels: list[str]) -> int:
        """Groups of relations whose values overlap (connected components)."""
        group = {q: q for q in rels}
        for i, a in enumerate(rels):
            for b in rels[i + 1:]:
                if covers(a, b) or covers(b, a):
                    ga, gb = group[a], group[b]
                    group = {q: ga if g == gb else g for q, g in group.items()}
        return len(set(group.values()))

    relations = sorted(n_subjects)
    best, best_n = None, 0
    for r in relations:
        near = [q for q in relations if q != r and peers(r, q)]
        n = kinds([q for q in near if covers(r, q)])
        if n >= max(3, kinds(near) / 2) and n > best_n:
            best, best_n = r, n
    return best


def _pair_counts(groups: Iterable[set[str]]) -> tuple[Counter, Counter]:
    """How many groups hold each relation, and each ordered pair of relations."""
    single: Counter = Counter()
    pairs: Counter = Counter()
    for rels in groups:
        single.update(rels)
        if len(rels) > 1:
            pairs.update(permutations(sorted(rels), 2))
    return single, pairs


MIN_RANGE_COVER = 0.5  # a relation's objects name a hop's far ends when they hold this share of them
_HEAD_SKIP = frozenset({"has", "have", "had", "is", "was", "are", "in", "of", "with", "by", "to", "for",
                        "on", "at", "from", "the", "a", "an"})


def head_noun(relation: str) -> str | None:
    """The noun a relation's name gives its objects: "place_of_birth" -> "place", "plays_in_club" ->
    "club", "has_genre" -> "genre"; None for a verb with its preposition ("directed_by")."""
    words = phrase(relation).split()
    if "of" in words[1:]:
        words = words[:words.index("of", 1)]
    last = words[-1] if words else ""
    return None if not last or last in _HEAD_SKIP or not re.search(r"[a-z]", last) else last


@dataclass(frozen=True)
class RangeInfo:
    """What a hop reaches: nouns that name those nodes, and whether they are years or dates."""

    nouns: tuple[str, ...]
    temporal: bool


def far_ends(kg: KnowledgeGraph, skip: Iterable[str] = ()) -> dict[Hop, set[str]]:
    """For each hop (relation, forward?), the nodes it reaches: a relation's objects forward, its subjects back."""
    skip = set(skip)
    far: dict[Hop, set[str]] = defaultdict(set)
    for s, o, rel in kg.graph.edges(data="relation"):
        if rel not in skip:
            far[(rel, True)].add(o)
            far[(rel, False)].add(s)
    return far


def hop_ranges(kg: KnowledgeGraph, skip: Iterable[str] = (), min_cover: float = MIN_RANGE_COVER,
               far: dict[Hop, set[str]] | None = None) -> dict[Hop, RangeInfo]:
    """For each hop, the nouns naming the nodes it reaches, from the graph alone.

    A forward hop's objects are named by its relation's head noun (``plays_in_club``:
    "club"). Any hop whose far ends are mostly the objects of some relation are
    named by that relation's noun too: the subjects of ``is_in_country`` are the
    clubs players play in, so "which *club* is based in X" asks for them. ``far``: the
    hops' far ends (:func:`far_ends`) when the caller already has them.
    """
    far = far_ends(kg, skip) if far is None else far
    nouns = {rel: head_noun(rel) for rel, fwd in far if fwd}
    out: dict[Hop, RangeInfo] = {}
    for hop, nodes in far.items():
        names = [nouns.get(hop[0])] if hop[1] else []
        for q, noun in nouns.items():
            if noun and (q, True) != hop and len(nodes & far[(q, True)]) >= min_cover * len(nodes):
                names.append(noun)
        years = sum(1 for n in list(nodes)[:200] if _temporal(str(n)))
        out[hop] = RangeInfo(tuple(dict.fromkeys(n for n in names if n)), years > 0.5 * min(len(nodes), 200))
    return out


def _temporal(value: str) -> bool:
    """A year (1000-2199) or a date."""
    return bool(re.fullmatch(r"1\d{3}|2[01]\d{2}", value.strip())) or (is_scalar(value) and "-" in value)


def start_hops(kg: KnowledgeGraph, node: str, skip: Iterable[str] = ()) -> list[Hop]:
    """Hops that leave ``node`` (but none of the relations in ``skip``)."""
    skip = set(skip)
    return sorted(h for h in kg.adjacency().get(node, {}) if h[0] not in skip)


def group_by_path(paths: list[Path]) -> dict[int, list[Path]]:
    """Paths grouped by length (handy for reports)."""
    out: dict[int, list[Path]] = defaultdict(list)
    for p in paths:
        out[len(p)].append(p)
    return dict(out)
