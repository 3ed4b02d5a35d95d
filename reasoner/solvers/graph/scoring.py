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
from dataclasses import dataclass, field
from itertools import permutations

from reasoner.graph.paths import Path, phrase
from reasoner.solvers.graph.link import is_content_word
from reasoner.solvers.graph.question import Focus, RelationMention, Span, mention_spans, reference_groups

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
W_LENGTH = 0.15
W_WEAK = 0.8
W_UNEXPLAINED_WEAK = 0.3
W_FOCUS_WH = 0.5  # "where"/"who"/"when" naming the last hop when the answers are of that kind
W_ANSWER_HOP = 0.5  # a path walking the relation the answers' noun names, but not as its last hop
W_CLASH = 1.0  # answers of another kind than the wh-word asks for ("who" -> years, films): twice what a fit gains
W_FOCUS_NOUN = 0.9  # a focus noun that mentions no relation, naming the last hop by the answers' class


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
    groups: dict[str, list[list[Span]]] = field(default_factory=dict)  # spans naming one hop together
    reverse: frozenset[str] = frozenset()  # relations named only by their inverse twin's words
    focus: Focus | None = None  # what the question asks for ("which *club*", "where")
    answer_hops: frozenset[tuple[str, bool]] = frozenset()  # hops the words naming the answers name
    amount: bool = False  # the question asks an amount in a unit ("in hours"): no year answers it

    @classmethod
    def of(cls, mentions: list[RelationMention], weak: dict[str, float], cues: tuple[int, ...],
           entity: tuple[int, int], words: list[str] | None = None,
           possessive: frozenset[int] = frozenset(), focus: Focus | None = None) -> QuestionSignals:
        spans = mention_spans(mentions, words)
        named: dict[tuple[int, int], set[str]] = {}
        for rel, sps in spans.items():
            for a, b, _ in sps:
                named.setdefault((a, b), set()).add(rel)
        ambiguous = {k for k, rels in named.items() if len(rels) > 1}
        groups = {r: reference_groups(sp, words or (), entity, possessive, ambiguous) for r, sp in spans.items()}
        forward = {m.relation for m in mentions if not m.reverse}
        reverse = frozenset(m.relation for m in mentions if m.reverse and m.relation not in forward)
        return cls(spans, weak, cues, entity, tuple(words or ()), groups=groups, reverse=reverse, focus=focus)

    @property
    def focus_names_hop(self) -> bool:
        """A noun, "where" or "when" may name the last hop ("when" fits only years and dates, which
        few hops reach); "who" fits too many ends to."""
        return self.focus is not None and (self.focus.noun or self.focus.word in ("location", "time"))

    def focus_span(self, fit: float) -> Span | None:
        """The focus as a mention of the path's last hop when the answers fit it (``fit`` > 0).

        A noun naming the answers' class ("which *club* is based in X") names the
        hop that reaches them as strongly as its own mention would; a wh-word
        ("*where* is the club X plays for") more faintly.
        """
        f = self.focus
        if f is None or fit <= 0:
            return None
        own = [st for sps in self.spans.values() for a, b, st in sps if a < f.end and f.start < b]
        return (f.start, f.end, max(own, default=W_FOCUS_NOUN if f.noun else W_FOCUS_WH) * fit)

    def groups_of(self, relation: str) -> list[list[Span]]:
        """The reference groups of ``relation`` (one per span when none were built)."""
        if relation in self.groups:
            return self.groups[relation]
        return [[sp] for sp in self.spans.get(relation, [])]

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
            patient = _patient_noun(self.words[span[0]:span[1]], relation)
            if lead and (lead[-1] in AGENT_WORDS or (lead[-1] == tail and tail in PREPOSITIONS)):
                return patient
            if lead and lead[-1] == "of":
                return not patient
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


def _patient_noun(words: tuple[str, ...], relation: str) -> bool:
    """Whether the words name the relation by its patient noun: English "-ee" names the one a
    verb's "-er"/"-or" acts on (trainer/trainee, employer/employee), so "the *mentee* of X"
    reads a relation named "mentor" the other way round from "the mentor of X"."""
    names = phrase(relation).split()
    return any(len(w) > 4 and w.removesuffix("s").endswith("ee") for w in words) and not any(
        v.removesuffix("s").endswith("ee") for v in names)


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


def _explain(path: Path, sig: QuestionSignals, fit: float = 0.0) -> tuple[float, set[tuple[int, int]], int]:
    """(score for the words the path explains, spans used, hops no word names).

    Each walk of a relation takes one reference group of its mentions and so
    explains those words; a word names one hop, so a phrase is not split over
    more hops ("which *country* does X *play* for" is one hop, plays_for_country,
    not is_in_country after it). A hop whose groups share a word with a group
    another hop took is unnamed. The assignment (order of relations) that
    explains most wins.
    """
    uses = Counter(rel for rel, _ in path)
    trips = round_trips(path)
    # Answers that fit the focus account for it; it may also name the last hop when nothing else
    # does, but not a second walk of a relation the path already took.
    answer_type = sig.focus_span(fit)
    focus = answer_type if sig.focus_names_hop and all(rel != path[-1][0] for rel, _ in path[:-1]) else None
    best: tuple[float, set[tuple[int, int]], int] | None = None
    for order in permutations(uses):
        explained: dict[tuple[int, int], float] = {}
        penalty, missing_hops = 0.0, 0
        for rel in order:
            free = [(max(sp[2] for sp in g), g) for g in sig.groups_of(rel)
                    if all((sp[0], sp[1]) not in explained for sp in g)]
            if focus and rel == path[-1][0] and len(free) < uses[rel] and (focus[0], focus[1]) not in explained:
                free.append((focus[2], [focus]))  # only where no word of its own names the hop
            free.sort(key=lambda t: -t[0])
            for _, g in free[:uses[rel]]:
                for a, b, strength in g:
                    explained[(a, b)] = max(explained.get((a, b), 0.0), strength)
            missing = max(0, uses[rel] - len(free) - (trips[rel] if sig.share else 0))
            missing_hops += missing
            penalty += W_MISSING * missing * (1.0 - W_WEAK * sig.weak.get(rel, 0.0))
        if answer_type and (answer_type[0], answer_type[1]) not in explained:
            explained[(answer_type[0], answer_type[1])] = answer_type[2]
        gain = W_EXPLAINED * sum(explained.values()) - penalty
        if best is None or gain > best[0]:
            best = (gain, set(explained), missing_hops)
    return best if best is not None else (0.0, set(), 0)


def unnamed_hops(path: Path, sig: QuestionSignals, fit: float = 0.0) -> int:
    """Hops of ``path`` that no word of the question names (a guess at each)."""
    return _explain(path, sig, fit)[2]


def score_path(path: Path, sig: QuestionSignals, full_sim: float, fit: float = 0.0) -> float:
    """How well ``path`` explains the question (higher is better, no fixed scale).

    ``fit``: how well the last hop's answers fit what the question asks for
    (:attr:`QuestionSignals.focus`), 0 to 1; negative when they clash with it
    ("who" ending on years or films), which costs ``W_CLASH`` per unit.
    """
    gain, used, _ = _explain(path, sig, fit)
    score = W_FULL * full_sim - W_LENGTH * len(path) + gain + W_CLASH * min(fit, 0.0)
    rels = {rel for rel, _ in path}
    score -= _unexplained(sig, used, rels)
    if path[-1] not in sig.answer_hops and any(r in rels for r, _ in sig.answer_hops):
        score -= W_ANSWER_HOP  # "what genres do the films ... fall under" ends on the genres
    trips = round_trips(path)
    if sig.share and trips:
        shared = sig.shared_relation()
        score += W_SHARE if shared is None or shared in trips else -W_SHARE
    return score + _reading(path, sig)


def score_conjunction(branches: list[tuple[Path, QuestionSignals]], full_sim: float,
                      fits: list[float] | None = None) -> float:
    """How well paths from several entities, their answers intersected, explain the question.

    "Who plays at position Forward for club X": each branch names its own
    hop, a word explained by any branch counts once, and every branch is read
    from its own entity (its ``QuestionSignals.entity``); the signals share the
    same mentions (found with every branch's entity left out). On the same
    scale as :func:`score_path`, which pays for each strong entity it leaves unused.
    """
    explained: set[tuple[int, int]] = set()
    gain = 0.0
    fits = fits or [0.0] * len(branches)
    sig0 = branches[0][1]
    strength: dict[tuple[int, int], float] = {}
    for (path, sig), fit in zip(branches, fits, strict=True):
        _, used, missing = _explain(path, sig, fit)
        explained |= used
        gain -= W_MISSING * missing
        focus = sig.focus_span(fit)
        if focus:
            strength[(focus[0], focus[1])] = focus[2]
    for spans in sig0.spans.values():
        for a, b, st in spans:
            strength[(a, b)] = max(strength.get((a, b), 0.0), st)
    gain += W_EXPLAINED * sum(strength.get(k, 0.0) for k in explained)
    rels = {rel for path, _ in branches for rel, _ in path}
    score = W_FULL * full_sim - W_LENGTH * sum(len(p) for p, _ in branches) + gain
    score -= _unexplained(sig0, explained, rels)
    return score + sum(_reading(path, sig) for path, sig in branches)


def _unexplained(sig: QuestionSignals, used: set[tuple[int, int]], relations: set[str]) -> float:
    """What the words no hop explains cost: mentions left over, and faint hints at other relations."""
    cost = sum(W_UNEXPLAINED_WEAK * hint for rel, hint in sig.weak.items() if rel not in relations)
    left: dict[tuple[int, int], float] = {}
    f = sig.focus
    excused = f is not None and (f.start, f.end) in used
    for spans in sig.spans.values():
        for a, b, strength in spans:
            if (a, b) not in used and not (excused and a < f.end and f.start < b):
                left[(a, b)] = max(left.get((a, b), 0.0), strength)
    return cost + W_UNEXPLAINED * sum(left.values())


def _reading(path: Path, sig: QuestionSignals) -> float:
    """Direction and order: "directed by X" walks backwards, a twin's words too, chains outwards."""
    score = 0.0
    for rel, forward in dict(reversed(path)).items():  # each relation's first walk
        hint = sig.direction(rel)
        if hint is not None:
            score += W_DIRECTION if forward == hint else -W_DIRECTION
    for rel, forward in path:  # named by the inverse twin's words: walked backwards
        if rel in sig.reverse:
            score += -W_DIRECTION if forward else W_DIRECTION
    return score + W_ORDER * _order(path, sig)


def _order(path: Path, sig: QuestionSignals) -> float:
    """-1 for each pair of consecutive hops named in the wrong order, 0 when none is.

    A chain is read outwards from the entity, whichever side its words stand
    on: "X's kid's *sex*", "the *sex* of the kid of X", "the *sex* of X's kid"
    all name the kid first, being nearer. Order is only a penalty: a one-hop
    path has none to get right, and must not lose to longer ones for it.
    """
    wrong = 0
    for (a, _), (b, _) in zip(path, path[1:], strict=False):
        if a == b:
            continue
        d_a, d_b = sig.distance(a), sig.distance(b)
        if d_a != float("inf") and d_b != float("inf") and d_a > d_b:
            wrong += 1
    return -float(wrong)
