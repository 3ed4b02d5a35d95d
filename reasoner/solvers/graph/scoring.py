"""Scoring a relation path against a question: does the path explain what the question says?

A good path uses every relation the question mentions, as often as it mentions
it, and no relation it does not mention. A round trip (``r`` then ``r``
backwards: "films that share a director with X") may be named once when the
question speaks of sharing. The relation nearest the entity should come first.
The embedding similarity of the question with the path's English description
breaks the remaining ties and covers words no relation name resembles.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reasoner.graph.paths import Path, phrase
from reasoner.solvers.graph.link import is_content_word
from reasoner.solvers.graph.question import RelationMention, mention_spans

W_EXPLAINED = 1.0
W_MISSING = 1.0
W_UNEXPLAINED = 0.7
W_SHARE = 0.5
ARTICLES = frozenset({"the", "a", "an"})
PREPOSITIONS = frozenset({"by", "to", "in", "of", "for", "with", "from", "on", "at"})
AGENT_WORDS = frozenset({"by", "to"})  # "directed by X", "report to X": X is the object
SHARE_REACH = 3  # words between a sharing word and the relation it shares
W_ORDER = 0.2
W_DIRECTION = 0.3
W_FULL = 1.0
W_LENGTH = 0.05
W_WEAK = 0.8
W_UNEXPLAINED_WEAK = 0.3


@dataclass(frozen=True)
class QuestionSignals:
    """What the question says, ready for scoring many paths.

    Attributes:
        spans: relation -> disjoint mention spans (start, end, score).
        weak: relation -> strongest weak evidence (an unassigned word nearest to it).
        cues: positions of words that speak of sharing ("same", "share", "co-").
        entity: token span of the topic entity.
    """

    spans: dict[str, list[tuple[int, int, float]]]
    weak: dict[str, float]
    cues: tuple[int, ...]
    entity: tuple[int, int]
    words: tuple[str, ...] = ()
    described: bool = False  # a word right after the entity says what it is ("the Sales team")

    @classmethod
    def of(cls, mentions: list[RelationMention], weak: dict[str, float], cues: tuple[int, ...],
           entity: tuple[int, int], words: list[str] | None = None) -> QuestionSignals:
        return cls(mention_spans(mentions, words), weak, cues, entity, tuple(words or ()))

    def nearest(self, relation: str) -> tuple[int, int] | None:
        """The mention span of ``relation`` closest to the entity."""
        a, b = self.entity
        spans = self.spans.get(relation, ())
        best = min(spans, key=lambda sp: max(sp[0] - b, a - sp[1], 0), default=None)
        return (best[0], best[1]) if best else None

    def direction(self, relation: str) -> bool | None:
        """Which way the question reads ``relation`` from the entity, when its wording says so.

        "directed by X", "report to X": X is the object (backwards); "the
        manager of X": X is the subject (forwards). Words after the entity say
        nothing ("X stars in" is backwards, "X's manager" forwards).
        """
        span = self.nearest(relation)
        if span is None or not self.words:
            return None
        a, b = self.entity
        if span[1] <= a:
            if a - span[1] > 3:
                return None
            lead = [w for w in self.words[span[0]:a] if w not in ARTICLES]
            tail = phrase(relation).split()[-1]
            if lead and (lead[-1] in AGENT_WORDS or (lead[-1] == tail and tail in PREPOSITIONS)):
                return False
            if lead and lead[-1] == "of":
                return True
            return None
        return None

    @property
    def share(self) -> bool:
        return bool(self.cues)

    def shared_relation(self) -> str | None:
        """The relation named right next to a sharing word ("share *actors*"), if any."""
        best, best_d = None, SHARE_REACH + 1
        for rel, spans in self.spans.items():
            for a, b, _ in spans:
                d = min(max(a - c, c - b + 1, 0) for c in self.cues) if self.cues else best_d
                if d < best_d:
                    best, best_d = rel, d
        return best

    def distance(self, relation: str) -> float:
        """Words between the entity and the nearest mention of ``relation`` (inf when unmentioned)."""
        a, b = self.entity
        return min((max(s - b, a - e, 0) for s, e, _ in self.spans.get(relation, ())), default=float("inf"))


def explained_share(path: Path, sig: QuestionSignals) -> float:
    """Share of the question's content words that the entity and the path's relations account for.

    "How many paid sick days do we get each year?" read as "the release year of
    *Paid*" accounts for 2 of its 5 content words: a path that explains this
    little is a guess, however well it scores against the alternatives.
    """
    if not sig.words:
        return 1.0
    content = [i for i, w in enumerate(sig.words) if is_content_word(w)]
    if not content:
        return 1.0
    a, b = sig.entity
    explained = set(range(a, b + 1 if sig.described else b)) | set(sig.cues)
    for rel in {r for r, _ in path}:
        for start, end, _ in sig.spans.get(rel, ()):
            explained.update(range(start, end))
    return sum(1 for i in content if i in explained) / len(content)


def round_trips(path: Path) -> Counter:
    """Relations walked and then walked back (r, then r reversed) in ``path``."""
    return Counter(path[i][0] for i in range(1, len(path)) if path[i] == (path[i - 1][0], not path[i - 1][1]))


def score_path(path: Path, sig: QuestionSignals, full_sim: float) -> float:
    """How well ``path`` explains the question (higher is better, no fixed scale)."""
    uses = Counter(rel for rel, _ in path)
    trips = round_trips(path)
    score = W_FULL * full_sim - W_LENGTH * len(path)
    used: set[tuple[int, int]] = set()
    for rel in dict.fromkeys(r for r, _ in path):
        n = uses[rel]
        free = [sp for sp in sig.spans.get(rel, []) if (sp[0], sp[1]) not in used]
        said = min(n, len(free))
        for a, b, strength in sorted(free, key=lambda sp: -sp[2])[:said]:
            score += W_EXPLAINED * strength
            used.add((a, b))
        missing = max(0, n - len(free) - (trips[rel] if sig.share else 0))
        score -= W_MISSING * missing * (1.0 - W_WEAK * sig.weak.get(rel, 0.0))
    for rel, hint in sig.weak.items():
        if rel not in uses:
            score -= W_UNEXPLAINED_WEAK * hint
    left: dict[tuple[int, int], float] = {}
    for spans in sig.spans.values():
        for a, b, strength in spans:
            if (a, b) not in used:
                left[(a, b)] = max(left.get((a, b), 0.0), strength)
    score -= W_UNEXPLAINED * sum(left.values())
    if sig.share and trips:
        shared = sig.shared_relation()
        score += W_SHARE if shared is None or shared in trips else -W_SHARE
    hint = sig.direction(path[0][0])
    if hint is not None:
        score += W_DIRECTION if path[0][1] == hint else -W_DIRECTION
    return score + W_ORDER * _order(path, sig)


def _order(path: Path, sig: QuestionSignals) -> float:
    """+1 when the first relation is named nearer the entity than the last, -1 when farther."""
    first, last = path[0][0], path[-1][0]
    if first == last:
        return 0.0
    d_first, d_last = sig.distance(first), sig.distance(last)
    if d_first == float("inf") or d_last == float("inf") or d_first == d_last:
        return 0.0
    return 1.0 if d_first < d_last else -1.0
