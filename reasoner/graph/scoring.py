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

from reasoner.graph.paths import Path
from reasoner.graph.question import RelationMention, mention_spans

W_EXPLAINED = 1.0
W_MISSING = 1.0
W_UNEXPLAINED = 0.7
W_SHARE = 0.5
SHARE_REACH = 3  # words between a sharing word and the relation it shares
W_ORDER = 0.2
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

    @classmethod
    def of(cls, mentions: list[RelationMention], weak: dict[str, float], cues: tuple[int, ...],
           entity: tuple[int, int], words: list[str] | None = None) -> QuestionSignals:
        return cls(mention_spans(mentions, words), weak, cues, entity)

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


def round_trips(path: Path) -> Counter:
    """Relations walked and then walked back (r, then r reversed) in ``path``."""
    return Counter(path[i][0] for i in range(1, len(path)) if path[i] == (path[i - 1][0], not path[i - 1][1]))


def score_path(path: Path, sig: QuestionSignals, full_sim: float) -> float:
    """How well ``path`` explains the question (higher is better, no fixed scale)."""
    uses = Counter(rel for rel, _ in path)
    trips = round_trips(path)
    score = W_FULL * full_sim - W_LENGTH * len(path)
    for rel, n in uses.items():
        spans = sig.spans.get(rel, [])
        said = len(spans)
        strength = max((s for _, _, s in spans), default=0.0)
        allowance = trips[rel] if sig.share else 0
        score += W_EXPLAINED * min(n, said) * strength
        missing = max(0, n - said - allowance)
        score -= W_MISSING * missing * (1.0 - W_WEAK * sig.weak.get(rel, 0.0))
    for rel, hint in sig.weak.items():
        if rel not in uses:
            score -= W_UNEXPLAINED_WEAK * hint
    for rel, spans in sig.spans.items():
        extra = len(spans) - uses.get(rel, 0)
        if extra > 0:
            score -= W_UNEXPLAINED * extra * max(s for _, _, s in spans)
    if sig.share and trips:
        shared = sig.shared_relation()
        score += W_SHARE if shared is None or shared in trips else -W_SHARE
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
