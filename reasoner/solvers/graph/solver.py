"""GraphSolver: answer lookups and multi-hop questions from the knowledge graph, path as evidence.

``estimate`` links the question's entities, scores the relation paths that
leave them (see :mod:`reasoner.solvers.graph.scoring`), follows the best ones and keeps
the result as the payload; ``solve`` turns that plan into an :class:`Answer`.
"""

from __future__ import annotations

import dataclasses
import math
import re
import time
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from reasoner.controller import ACCEPT
from reasoner.graph.paths import (
    MAX_HOPS,
    Hop,
    Path,
    Schema,
    classifying_relation,
    describe,
    descriptor_relation,
    display_name,
    equivalent_relations,
    far_ends,
    follow,
    hop_ranges,
    inverse_relations,
    phrase,
    start_hops,
)
from reasoner.graph.store import KnowledgeGraph
from reasoner.retrieval.embedder import Embedder
from reasoner.solvers.graph import learned
from reasoner.solvers.graph.kinds import hop_kinds, wh_fit
from reasoner.solvers.graph.link import STOPWORDS, EntityIndex, Mention, is_content_word
from reasoner.solvers.graph.question import (
    SHARE_CUES,
    Focus,
    Lexicon,
    RelationMention,
    answer_focus,
    answer_span,
    appositive_start,
    asks_amount_in_unit,
    assign_words,
    compound_mentions,
    equated_focus,
    focus_fit,
    is_count_question,
    is_time_noun,
    possessives,
    question_grams,
    share_cues,
    words_of,
)
from reasoner.solvers.graph.scoring import (
    SHARE_REACH,
    W_CLASH,
    W_LENGTH,
    W_SHARE,
    QuestionSignals,
    explained_share,
    round_trips,
    score_conjunction,
    score_path,
    unnamed_hops,
)
from reasoner.text.stem import stem_match
from reasoner.types import Answer, Context, Cost, Estimate, Evidence, Query, Step

MAX_MENTIONS = 4  # candidate entity spans tried per question
MAX_NODES = 3  # nodes tried per ambiguous name
FOLLOW_TOP = 3  # best-scored paths walked per candidate
MARGIN_CAP = 1.5  # paths scoring this far below the best are not walked
W_LINK = 0.15  # weight of the entity mention's own score
W_UNUSED_ENTITY = 0.5  # a clear second entity the path ignores
FIT_FLOOR = 1.0  # a best path scoring below this explains little of the question: confidence is damped
MIN_EXPLAINED = 0.5  # ...and so does one accounting for less than this share of the content words
WEAK_MARGIN = 0.03  # a free word leaning this much more to one relation hints at it
TYPE_WORD_SIM = 0.4
W_TYPED = 1.0  # a name followed by what it is ("the Sales team")
STRONG_MENTION = 1.5  # a mention this good (several words, or capitalised) is surely an entity
UNNAMED_DAMP = 0.6  # confidence kept per hop of the plan that no word of the question names
FELLOW_PREFIXES = frozenset({"co", "fellow"})  # "co-star", "fellow actor": one sharing with X (English word formation)
MAX_EVIDENCE = 30
MAX_ANSWERS_SHOWN = 50


@dataclass
class Plan:
    """A parsed question: where to start, which path to walk, what it reached.

    Attributes:
        entity: the start node; mention: the words that named it.
        path: hops walked; answers: answer -> chain of nodes from the entity.
        score: the path's score; margin: lead over the best plan with other answers.
        count: the question asks "how many".
        fit: share of the question's content words the entity and the path account for.
        also: for intersections, a second (entity, path, answers) whose answers were intersected.
    """

    entity: str
    mention: Mention
    path: Path
    answers: dict[str, list[str]]
    score: float
    margin: float = 0.0
    count: bool = False
    also: list[tuple[str, Path, dict[str, list[str]]]] = field(default_factory=list)
    fit: float = 1.0  # share of the question's content words the entity and path account for
    unnamed: int = 0  # hops of the path no word of the question names (each a guess)
    hop_tie: bool = False  # the nearest rival walks the same chain a hop longer or shorter
    reading: learned.PlanReading | None = None  # the learned scores of the question's relation words
    end_fit: float = 0.0  # how the last hop's values fit what is asked (-1 to 1)

    def describe(self) -> str:
        text = describe(self.path, display_name(self.entity))
        for entity, path, _ in self.also:
            text += f" and {describe(path, display_name(entity))}"
        return text


@dataclass
class AttributePlan:
    """A question about a table column of one entity ("the K-7's list price" -> list_price_usd)."""

    entity: str
    mention: Mention
    attribute: str
    value: str
    source: str
    coverage: float  # share of the column name's words the question uses

    def describe(self) -> str:
        return f"{self.attribute.replace('_', ' ')} of {display_name(self.entity)}"


@dataclass
class _Candidate:
    mention: Mention
    node: str
    path: Path
    score: float
    answers: dict[str, list[str]]
    fit: float = 1.0
    unnamed: int = 0


class GraphSolver:
    """Solver over a :class:`KnowledgeGraph` (route "graph").

    Args:
        graph: the knowledge graph.
        embedder: sentence embedder used to compare questions and relation paths.
        max_hops: longest relation path tried (1 to 3).
        scoring: "explain" (relation mentions, order, sharing, plus embedding
            similarity) or "embedding" (similarity of question and path description
            only: the benchmark's baseline).
        confidence: "learned" (the shipped :mod:`~reasoner.solvers.graph.learned` model, when
            its file is there) or "scoring" (the margin-based confidence alone).
    """

    name = "graph"

    def __init__(self, graph: KnowledgeGraph, embedder: Embedder, *, max_hops: int = MAX_HOPS,
                 scoring: Literal["explain", "embedding"] = "explain",
                 confidence: Literal["learned", "scoring"] = "learned") -> None:
        self.graph = graph
        self.scoring = scoring
        self.model = learned.load() if confidence == "learned" and scoring == "explain" else None
        self.embedder = embedder
        self.max_hops = max(1, min(MAX_HOPS, max_hops))
        self._built_version = -1
        self._path_vecs: dict[Path, np.ndarray] = {}
        self._names: set[int] = set()

    # -- indexes built on first use ---------------------------------------------------

    def _ensure(self) -> None:
        if self._built_version == self.graph.version:
            return
        self.entities = EntityIndex(self.graph)
        self.twins = inverse_relations(self.graph)
        self.schema = Schema.of(self.graph, skip=self.twins)
        far = far_ends(self.graph, self.twins)  # one pass over the edges for ranges and kinds
        self.ranges = hop_ranges(self.graph, self.twins, far=far)
        self._fits: dict[tuple[str, bool, Hop], float] = {}
        kept = sorted(self.graph.relations() - set(self.twins))
        self.lexicon = Lexicon(kept, self.embedder, equivalent_relations(self.graph),
                              classifying_relation(self.graph), descriptor_relation(self.graph), twins=self.twins)
        self.kinds = hop_kinds(self.graph, self.ranges, self.lexicon.senses.wordnet, self.twins, far=far,
                               embed=self.embedder.embed)
        self._path_vecs = {}
        self._built_version = self.graph.version

    def warm(self) -> None:
        """Build the indexes and embed every schema path now (else done on first use)."""
        self._ensure()
        self._vectors(self.schema.paths_from(sorted(self.schema.counts), self.max_hops))

    def _vectors(self, paths: list[Path]) -> np.ndarray:
        new = [p for p in paths if p not in self._path_vecs]
        if new:
            vecs = self.embedder.embed([describe(p, "X") for p in new])
            self._path_vecs.update(zip(new, vecs, strict=True))
        if not paths:
            return np.zeros((0, self.embedder.dim), np.float32)
        return np.stack([self._path_vecs[p] for p in paths])

    # -- Solver protocol ------------------------------------------------------------------

    def estimate(self, query: Query, ctx: Context | None = None) -> Estimate:
        """Link entities, score paths, walk the best: cheap enough to run on every question."""
        t0 = time.perf_counter()
        if self.graph.is_empty():
            return Estimate(self.name, 0.0, detail="the knowledge graph is empty")
        plan = self.plan(query.text)
        ms = (time.perf_counter() - t0) * 1000
        if plan is None:
            return Estimate(self.name, 0.0, expected_ms=ms, detail="no entity of the question is in the graph")
        conf = _attribute_confidence(plan) if isinstance(plan, AttributePlan) else self.confidence(plan)
        return Estimate(self.name, conf, expected_ms=ms, detail=plan.describe(), payload=plan)

    def solve(self, query: Query, ctx: Context | None = None, estimate: Estimate | None = None) -> Answer:
        """Answer from the plan in ``estimate`` (or a fresh one); abstain when nothing links."""
        t0 = time.perf_counter()
        plan = estimate.payload if estimate is not None and isinstance(estimate.payload, (Plan, AttributePlan)) else None
        if plan is None and not self.graph.is_empty():
            plan = self.plan(query.text)
        cost = Cost(wall_ms=(time.perf_counter() - t0) * 1000)
        if plan is None:
            reason = "No entity of the question is in the knowledge graph."
            step = Step(self.name, "solve", detail="entity linking", verdict="no entity", cost=cost)
            return Answer.abstain(reason, route=self.name, verdict="no entity", steps=[step], cost=cost)
        if isinstance(plan, AttributePlan):
            return self._attribute_answer(plan, cost)
        return self._answer(plan, cost)

    def cache_key(self, query: Query, estimate: Estimate | None = None) -> str | None:
        """``graph:<graph version>:<plan>``: the answer is the plan's (its entity, relation path,
        count or list), so two wordings with the same plan are the same question; it holds
        until the graph changes. Without a plan, the question's text."""
        plan = estimate.payload if estimate is not None else None
        if isinstance(plan, (Plan, AttributePlan)):
            what = f"count:{plan.describe()}" if getattr(plan, "count", False) else plan.describe()
            return f"graph:{self.graph.version}:plan:{what}"
        return f"graph:{self.graph.version}:{' '.join(query.text.lower().split())}"

    # -- planning ---------------------------------------------------------------------

    def plan(self, text: str) -> Plan | AttributePlan | None:
        """The best plan for ``text``, or None when no entity of it is in the graph."""
        self._ensure()
        words = words_of(text)
        focus = answer_focus(words, (), self._nounless)  # "how many *hours*": the answers' noun is no name
        found = self.entities.mentions(text, range(focus.start, focus.end) if focus and focus.noun else ())
        if not found:
            return None
        attribute = self._attribute(words, _candidate_mentions(found))
        if attribute is not None:
            return attribute
        self._prefetch(words, found)
        mentions = _candidate_mentions(self._typed(words, found))
        if not mentions:
            return None
        # words of strong names: the answer focus ("which Germany footballer") stops there
        self._names = {k for m in mentions if m.score >= STRONG_MENTION for k in range(m.start, m.end)}
        share = share_cues(words)
        cands: list[_Candidate] = []
        for m in mentions:
            cands.extend(self._candidates(text, words, m, share, mentions))
        if not cands:
            return None
        best = self._intersection(text, words, share, mentions, cands) or _best(cands)
        best.count = is_count_question(text)
        if self.model is not None:
            best.reading, best.end_fit = self.read(words, best, self.model)
        return best

    def read(self, words: list[str], plan: Plan, model: learned.ConfidenceModel) -> tuple[learned.PlanReading, float]:
        """The learned scores of the question read with ``plan``'s entity, and its last hop's fit."""
        per_word, per_rel, open_words, focus = self.relation_inputs(words, plan.mention)
        named = dict(zip(self.lexicon.relations, model.relation_scores(per_word, per_rel), strict=True))
        reading = learned.PlanReading(named, model.least_word(per_word, per_rel, open_words), self.lexicon.equivalents)
        return reading, self._fit(focus, plan.path[-1])

    def relation_inputs(self, words: list[str], m: Mention) -> tuple[np.ndarray, np.ndarray, np.ndarray, Focus | None]:
        """The learned word-relation score's inputs for the question read with ``m`` as its entity:
        per word group and relation (:func:`learned.word_features`), and per relation, how what it
        reaches fits what is asked and how many relations the graph has; which word groups are
        open words; the question's focus."""
        skip = range(m.start, m.end)
        focus = answer_focus(words, set(skip) | self._names, self._nounless)
        focus = equated_focus(words, focus, set(skip) | self._names, self._nounless, self.lexicon.senses.wordnet)
        per_word, open_words = learned.word_features(self.lexicon, words, skip, self._kind_words(words, [m], focus))
        rows = []
        for r in self.lexicon.relations:
            fit = max(self._fit(focus, (r, True)), self._fit(focus, (r, False)))
            rows.append([max(fit, 0.0), float(fit < 0), float(focus is not None and focus.noun),
                         math.log(len(self.lexicon.relations))])
        return per_word, np.array(rows, np.float64).reshape(len(rows), len(learned.RELATION_FEATURES)), open_words, focus

    def confidence(self, plan: Plan) -> float:
        """:func:`_confidence`, or, when the learned word-relation score says a hop's relation is
        named by no word of the question (:meth:`learned.PlanReading.unnamed`: an idiom, a word no
        dictionary links, a relation the scoring guessed), at most the learned plan score: the
        scoring's margin does not know that it guessed. A chain only: an intersection's branch is
        read from its entity ("which *Germany* footballer ...": the hop that links a country to
        players), so no word need name it."""
        conf = _confidence(plan)
        if self.model is None or plan.reading is None or plan.also or not plan.reading.unnamed(
                [r for r, _ in plan.path]):
            return conf
        return round(min(conf, self.model.plan_confidence(plan_inputs(plan, conf), ACCEPT)), 3)

    def _prefetch(self, words: list[str], found: list[Mention]) -> None:
        """Embed the question's word groups in one call (tokenised together).

        The masked questions are embedded when a reading needs them: the int8
        model runs each text alone anyway, so a text no reading uses is only cost.
        """
        inside = {k for m in found if m.score >= STRONG_MENTION for k in range(m.start, m.end)}
        texts = [g for g, _, _ in question_grams(words, inside)] + [w for k, w in enumerate(words) if k not in inside]
        self.lexicon.embed(texts)

    def _typed(self, words: list[str], found: list[Mention]) -> list[Mention]:
        """Favour names followed by a word saying what they are ("the *sales* team")."""
        if not found:
            return found
        inside = {k for m in found if m.score >= STRONG_MENTION for k in range(m.start, m.end)}
        rel_words = self.lexicon.mentions(words, inside)  # names are not read for relation words
        out = []
        for m in found:
            typed = [f for f in rel_words if any(self._describes(n, m, f) for n in m.nodes[:MAX_NODES])]
            out.append(dataclasses.replace(m, score=m.score + W_TYPED) if typed else m)
        return sorted(out, key=lambda m: (-m.score, m.start))

    def _candidates(self, text: str, words: list[str], m: Mention, share: tuple[int, ...],
                    mentions: list[Mention]) -> list[_Candidate]:
        unused = sum(1 for o in mentions if o is not m and not o.overlaps(m) and o.score >= STRONG_MENTION)
        out = []
        for node in m.nodes[:MAX_NODES]:
            paths = self.schema.paths_from(start_hops(self.graph, node, self.twins), self.max_hops)
            if not paths:
                continue
            sig = self._signals(words, m, share, node, possessives(text))
            qvec = self.lexicon.embed([_masked(words, m, sig.described)])[0]
            sims = self._vectors(paths) @ qvec
            scored = sorted(((self._score(p, sig, float(s), self._fit(sig.focus, p[-1])), p)
                             for p, s in zip(paths, sims, strict=True)), key=lambda t: -t[0])
            bonus = W_LINK * m.score - W_UNUSED_ENTITY * unused
            out.extend(self._walk(m, node, scored, bonus, sig))
        return out

    def _walk(self, m: Mention, node: str, scored: list[tuple[float, Path]], bonus: float,
              sig: QuestionSignals) -> list[_Candidate]:
        """Follow the best paths until a few lead somewhere; far weaker ones are not worth walking."""
        out: list[_Candidate] = []
        for tries, (score, p) in enumerate(scored):
            if len(out) >= FOLLOW_TOP or tries >= 4 * FOLLOW_TOP or (out and score < out[0].score - bonus - MARGIN_CAP):
                break
            answers = follow(self.graph, node, p)
            if answers:
                out.append(_Candidate(m, node, p, score + bonus, answers, explained_share(p, sig),
                                      unnamed_hops(p, sig, self._fit(sig.focus, p[-1]))))
        if not any(len(c.path) == 1 for c in out):  # intersections are built from one-hop plans
            for score, p in (t for t in scored if len(t[1]) == 1):
                answers = follow(self.graph, node, p)
                if answers:
                    out.append(_Candidate(m, node, p, score + bonus, answers, explained_share(p, sig),
                                          unnamed_hops(p, sig, self._fit(sig.focus, p[-1]))))
                    break
        return out

    def _score(self, path: Path, sig: QuestionSignals, full_sim: float, fit: float = 0.0) -> float:
        if self.scoring == "embedding":
            return full_sim - 0.02 * len(path)
        return (score_path(path, sig, full_sim, fit) - 2 * W_SHARE * self._shares_values(path, sig)
                - W_CLASH * (self._amount_clash(path, sig) + self._unshared_time(path, sig)))

    def _temporal(self, hop: Hop) -> bool:
        info = self.ranges.get(hop)
        return info is not None and info.temporal

    def _amount_clash(self, path: Path, sig: QuestionSignals) -> bool:
        """An amount in a unit ("the most leave, in hours") is not answered by years or dates."""
        return sig.amount and self._temporal(path[-1])

    def _unshared_time(self, path: Path, sig: QuestionSignals) -> bool:
        """A round trip through a year or date (films of the same year as X) needs a word of
        sharing ("the *same* year as"): without one, "the yearly cap in one fiscal year" is
        no question about what else happened in X's year."""
        if sig.share:
            return False
        return any(path[i] == (path[i - 1][0], not path[i - 1][1]) and self._temporal(path[i - 1])
                   for i in range(1, len(path)))

    def _shares_values(self, path: Path, sig: QuestionSignals) -> bool:
        """Whether the question shares persons ("films that share the same *actor* with X") and
        the path's round trip goes through values (films of the same year): the noun after a
        sharing word says what is shared, and a year or a number is no person."""
        if not sig.share or not round_trips(path) or not self._shared_person(sig.words, sig.cues):
            return False
        if self._asks_person(sig.focus) and any(sig.words[c] in FELLOW_PREFIXES for c in sig.cues):
            return False
        middles = [path[i - 1] for i in range(1, len(path)) if path[i] == (path[i - 1][0], not path[i - 1][1])]
        return any(k is not None and k.thing for k in (self.kinds.get(h) for h in middles))

    def _asks_person(self, focus: Focus | None) -> bool:
        """The answers are persons ("who", "which actors"): then a person noun made with "co-" or
        "fellow" names them ("who are the *co-stars* of X"), not what they share ("who directed
        the films that share *actors* with X")."""
        wn = self.lexicon.senses.wordnet
        if focus is None or wn is None:
            return False
        return focus.word == "person" if not focus.noun else wn.is_a(focus.word, "person")

    def _shared_person(self, words: tuple[str, ...], cues: tuple[int, ...]) -> bool:
        """A person noun (WordNet) among the few content words after a sharing word."""
        wn = self.lexicon.senses.wordnet
        if wn is None:
            return False
        near = {k for c in cues for k in range(c + 1, min(len(words), c + 1 + SHARE_REACH))}
        return any(is_content_word(words[k]) and words[k] not in SHARE_CUES and wn.is_a(words[k], "person")
                   for k in sorted(near))

    def _nounless(self, word: str) -> bool:
        """True for a word WordNet knows, but not as a noun ("describe", "released")."""
        wn = self.lexicon.senses.wordnet
        if wn is None:
            return False
        return not wn.base_forms(word, "n") and any(wn.base_forms(word, p) for p in ("v", "a", "r"))

    def _fit(self, focus: Focus | None, hop: Hop) -> float:
        """How well what ``hop`` reaches fits what the question asks for (cached per word and hop):
        0 to 1, or -1 when a wh-word's kind clashes with it (:func:`wh_fit`: "who" ending on films)."""
        if focus is None or hop not in self.ranges:
            return 0.0
        key = (focus.word, focus.noun, hop)
        if key not in self._fits:
            if len(self._fits) > 50_000:
                self._fits.clear()
            wn = self.lexicon.senses.wordnet
            fit = focus_fit(focus, self.ranges[hop], wn, self.lexicon.similarity)
            if focus.noun and self.ranges[hop].temporal and wn is not None and wn.is_a(focus.word, "location"):
                fit = -1.0  # "which *city*", as "where": a place is never a year or a date
            if not focus.noun:
                kind = wh_fit(self.kinds.get(hop), focus.word)
                if focus.word == "location" and self.ranges[hop].temporal:
                    kind = -1.0  # "where" is never answered by a year or a date
                fit = kind if kind < 0 else max(fit, kind)
            self._fits[key] = fit
        return self._fits[key]

    def _signals(self, words: list[str], m: Mention, share: tuple[int, ...], node: str,
                 possessive: frozenset[int] = frozenset()) -> QuestionSignals:
        skip = range(m.start, m.end)
        focus = answer_focus(words, set(skip) | self._names, self._nounless)
        focus = equated_focus(words, focus, set(skip) | self._names, self._nounless, self.lexicon.senses.wordnet)
        literal = self._kind_words(words, [m], focus)
        found = self._appositive_filter(words, m, node, self.lexicon.mentions(words, skip, literal))
        found = assign_words(found)
        described = any(self._describes(node, m, f) for f in found)
        found = compound_mentions(found, words, set(skip) | self._names, self._nounless, possessive)
        weak = self._weak(words, skip, found, literal)
        cues = tuple(c for c in share if c not in skip)  # "Another Woman" is a title, not a sharing cue
        sig = QuestionSignals.of(found, weak, cues, (m.start, m.end), words, possessive, focus)
        return dataclasses.replace(sig, described=described, answer_hops=_answer_hops(words, found, focus, skip,
                                                                                    self._nounless),
                                   amount=asks_amount_in_unit(words, self.lexicon.senses.wordnet))

    @staticmethod
    def _kind_words(words: list[str], mentions: list[Mention], focus: Focus | None) -> set[int]:
        """Positions of the words saying what the answer is (a focus noun) or what an entity is."""
        out = set(range(focus.start, focus.end)) if focus is not None and focus.noun else set()
        for m in mentions:
            out |= set(range(appositive_start(words, m.start), m.start))
        return out

    def _appositive_filter(self, words: list[str], m: Mention, node: str,
                           found: list[RelationMention]) -> list[RelationMention]:
        """Words saying what the entity is ("the *movie* X", "the soccer *club* X") name no hop of it:
        "which country is the club X in" asks for the club's country, not its players'."""
        start = appositive_start(words, m.start)
        if start == m.start:
            return found
        return [f for f in found if not (f.start < m.start and start < f.end)]

    def _describes(self, node: str, m: Mention, f: RelationMention) -> bool:
        """True for a word naming what the entity is ("the Sales *team*"), not a relation to follow.

        That is a one-word mention right after the entity, of a relation the
        entity is only ever the value of.
        """
        if f.start != m.end or f.end - f.start != 1:
            return False
        hops = self.graph.adjacency().get(node, {})
        return (f.relation, False) in hops and (f.relation, True) not in hops

    def _weak(self, words: list[str], skip: range | set[int], strong: list[RelationMention],
              kind_words: set[int] = frozenset()) -> dict[str, float]:
        """Faint evidence from content words no strong mention explains ("types" ~ genre).

        A word of ``kind_words`` (saying what the answers or the entity are: "which *films*",
        "the *movie* X") hints only at a relation whose far ends can be such things
        (:meth:`_kind_clash`): "films" is no hint of the years' relation, which the sentence
        model puts nearest to it; "which *person*" may hint at the actors."""
        covered = {k for s in strong for k in range(s.start, s.end)}
        free = [(i, w) for i, w in enumerate(words) if i not in skip and i not in covered and is_content_word(w)]
        if not free:
            return {}
        scores = self.lexicon.gram_scores([w for _, w in free])
        weak: dict[str, float] = {}
        for (i, word), row in zip(free, scores, strict=True):
            order = np.argsort(-row)
            best = float(row[order[0]])
            second = float(row[order[1]]) if len(order) > 1 else 0.0
            # A word close to many relations names the kind of thing asked about
            # ("movies", "people"), not a relation.
            rel = self.lexicon.relations[order[0]]
            if i in kind_words and not self._nounless(word) and self._kind_clash(word, rel):  # "the world *wrote*"
                continue
            if best - second >= WEAK_MARGIN and int((row >= TYPE_WORD_SIM).sum()) < 3 and not self.lexicon.names_modifier(
                    [word], rel):
                weak[rel] = max(weak.get(rel, 0.0), min(1.0, max(0.0, (best - 0.2) / 0.3)))
        return weak

    def _kind_clash(self, noun: str, relation: str) -> bool:
        """Whether what ``relation`` reaches cannot be what ``noun`` names: years or dates for a
        noun that is no time, persons for a noun that is no person, or the other way round."""
        wn = self.lexicon.senses.wordnet
        if wn is None:
            return False
        hop = (relation, True)
        kind, info = self.kinds.get(hop), self.ranges.get(hop)
        person, time = wn.is_a(noun, "person"), is_time_noun(noun, wn)
        if info is not None and info.temporal != time:
            return True
        return kind is not None and ((kind.person and not person) or (kind.thing and person))

    def _intersection(self, text: str, words: list[str], share: tuple[int, ...], mentions: list[Mention],
                      cands: list[_Candidate]) -> Plan | None:
        """Two entities whose one-hop answers meet ("films directed by X starring Y").

        Each pair of strong, separate entity mentions is read together: the
        relation words are found with both names left out, every pair of
        one-hop paths whose answers meet is scored by
        :func:`score_conjunction`, and the best beats the single paths (each
        of which paid for the entity it ignored) or is not used.
        """
        strong = [m for m in mentions if m.score >= STRONG_MENTION]
        best_single = max(c.score for c in cands)
        best: Plan | None = None
        poss = possessives(text)
        for i, ma in enumerate(strong):
            for mb in strong[i + 1:]:
                if ma.overlaps(mb):
                    continue
                plan = self._pair(words, share, ma, mb, poss)
                if plan is not None and plan.score > best_single and (best is None or plan.score > best.score):
                    best = dataclasses.replace(plan, margin=plan.score - best_single)
        return best

    def _pair(self, words: list[str], share: tuple[int, ...], ma: Mention, mb: Mention,
              poss: frozenset[int]) -> Plan | None:
        """The best intersection of a one-hop path from ``ma`` with one from ``mb``."""
        skip = set(range(ma.start, ma.end)) | set(range(mb.start, mb.end))
        focus = answer_focus(words, skip | self._names, self._nounless)
        focus = equated_focus(words, focus, skip | self._names, self._nounless, self.lexicon.senses.wordnet)
        kind_words = self._kind_words(words, [ma, mb], focus)
        found = assign_words(self.lexicon.mentions(words, skip, kind_words))
        weak = self._weak(words, skip, found, kind_words)
        cues = tuple(c for c in share if c not in skip)
        base = QuestionSignals.of(found, weak, cues, (ma.start, ma.end), words, poss, focus)
        sig_b = dataclasses.replace(base, entity=(mb.start, mb.end))
        qvec = self.lexicon.embed([_masked_all(words, [ma, mb])])[0]
        best: Plan | None = None
        for na in ma.nodes[:MAX_NODES]:
            walks_a = {(h,): follow(self.graph, na, (h,)) for h in start_hops(self.graph, na, self.twins)}
            for nb in (n for n in mb.nodes[:MAX_NODES] if n != na):
                walks_b = {(h,): follow(self.graph, nb, (h,)) for h in start_hops(self.graph, nb, self.twins)}
                for pa, ans_a in walks_a.items():
                    for pb, ans_b in walks_b.items():
                        common = {k: v for k, v in ans_a.items() if k in ans_b}
                        if not common:
                            continue
                        sim = float(np.mean(self._vectors([pa, pb]) @ qvec))
                        fits = [self._fit(base.focus, pa[-1]), self._fit(base.focus, pb[-1])]
                        score = score_conjunction([(pa, base), (pb, sig_b)], sim, fits) + W_LINK * (ma.score + mb.score) / 2
                        if best is None or score > best.score:
                            best = Plan(na, ma, pa, common, score, also=[(nb, pb, ans_b)])
        return best

    def _attribute(self, words: list[str], mentions: list[Mention]) -> AttributePlan | None:
        """A column of the entity's table row that the question names by its words, if any.

        Column names are the table's own ("list_price_usd", "weight_kg", "title"): a
        question word matching one of their words (crude stemming) selects the column.
        Ties between columns, or no match, leave the question to path scoring.
        """
        for m in mentions:
            free = [w for i, w in enumerate(words) if not m.start <= i < m.end and w not in STOPWORDS]
            for node in m.nodes[:MAX_NODES]:
                found = _best_column(free, self.graph.attributes(node))
                if found is not None:
                    name, value, coverage = found
                    per_file = list(self.graph.graph.nodes[node].get("attrs", {}).items())
                    # the file the merged value came from (later files win in ``attributes``)
                    source = next((f for f, a in reversed(per_file) if a.get(name) == value), "")
                    return AttributePlan(node, m, name, value, source, coverage)
        return None

    def _attribute_answer(self, plan: AttributePlan, cost: Cost) -> Answer:
        value = _tidy_number(plan.value)
        conf = _attribute_confidence(plan)
        ref = f"{plan.entity}|{plan.attribute}|{plan.value}"
        evidence = [Evidence(kind="edge", ref=ref, source=plan.source, access=self.graph.access_of(plan.source),
                             text=f"{display_name(plan.entity)}: {plan.attribute} = {plan.value}")]
        step = Step(self.name, "solve", detail=plan.describe(), confidence=conf,
                    verdict="value read from the entity's table row", cost=cost)
        return Answer(text=f"The {plan.attribute.replace('_', ' ')} of {display_name(plan.entity)} is {value}.",
                      value=value,
                      route=self.name, confidence=conf, verified=True, verdict=step.verdict or "",
                      evidence=evidence, cost=cost, steps=[step], key=f"graph:{plan.entity}|@{plan.attribute}")

    # -- answering --------------------------------------------------------------------

    def _answer(self, plan: Plan, cost: Cost) -> Answer:
        """Answers and evidence read as names ("kingdom of england"); edge refs keep the node ids."""
        names = [display_name(n) for n in sorted(plan.answers)]
        value = str(len(names)) if plan.count else ", ".join(names)
        shown = ", ".join(names[:MAX_ANSWERS_SHOWN]) + (" ..." if len(names) > MAX_ANSWERS_SHOWN else "")
        route = " -> ".join(f"{phrase(r)}{'' if fwd else ' (reverse)'}" for r, fwd in plan.path)
        entity = display_name(plan.entity)
        if plan.count:
            text = f"{len(names)} ({shown}), following {entity}: {route}."
        else:
            text = f"{shown} (from {entity}: {route})."
        evidence = self._evidence(plan)
        verified = bool(evidence) and all(self.graph.has_edge(*e.ref.split("|")) for e in evidence[:5])
        conf = self.confidence(plan)
        step = Step(self.name, "solve", detail=plan.describe(), confidence=conf,
                    verdict="path found in the graph" if verified else "path not verified", cost=cost)
        return Answer(text=text, value=value, route=self.name, confidence=conf, verified=verified,
                      verdict=step.verdict or "", evidence=evidence, cost=cost, steps=[step],
                      key=f"graph:{plan.entity}|{'/'.join(r + ('' if f else '^-1') for r, f in plan.path)}")

    def _evidence(self, plan: Plan) -> list[Evidence]:
        out: dict[str, Evidence] = {}
        walks = [(plan.path, plan.answers)] + [(p, {k: a[k] for k in plan.answers if k in a})
                                               for _, p, a in plan.also]
        for path, answers in walks:
            for name in sorted(answers)[:10]:
                chain = answers[name]
                for (rel, fwd), a, b in zip(path, chain, chain[1:], strict=False):
                    s, o = (a, b) if fwd else (b, a)
                    ref = f"{s}|{rel}|{o}"
                    if ref not in out and len(out) < MAX_EVIDENCE:
                        source = self.graph.edge_source(s, rel, o)
                        out[ref] = Evidence(kind="edge", ref=ref, source=source,
                                            access=self.graph.edge_access(s, rel, o),
                                            text=f"{display_name(s)} {phrase(rel)} {display_name(o)}")
        return list(out.values())


def _answer_hops(words: list[str], found: list[RelationMention], focus: Focus | None, skip: range,
                 nounless) -> frozenset[tuple[str, bool]]:
    """The hops that reach what the answers are called: a relation's noun names its objects
    ("which *genres*": ``has_genre`` forwards), its inverse twin's noun its subjects."""
    span = answer_span(words, focus, skip, nounless)
    if span is None:
        return frozenset()
    return frozenset((f.relation, not f.reverse) for f in found if f.start < span[1] and span[0] < f.end)


def _candidate_mentions(found: list[Mention]) -> list[Mention]:
    """The few most plausible entity spans: the best, and others nearly as good."""
    if not found or found[0].score < 0.3:
        return []
    top = found[0].score
    out: list[Mention] = []
    for m in found:
        if m.score < 0.5 * top or len(out) >= MAX_MENTIONS:
            break
        if all((m.start, m.end) != (o.start, o.end) and not _inside_name(m, o) for o in out):
            out.append(m)
    return out


def _inside_name(m: Mention, other: Mention) -> bool:
    """``m`` is a piece of ``other``, a better-scored name of several words ("Hunt" in "Bonnie Hunt").

    A name of one content word ("About Love") keeps its pieces in play: "love"
    may be the entity of "what films are about love".
    """
    if not (other.start <= m.start and m.end <= other.end) or (m.start, m.end) == (other.start, other.end):
        return False
    return other.score > m.score and sum(t not in STOPWORDS for t in other.text.split()) >= 2


def _masked(words: list[str], m: Mention, described: bool = False) -> str:
    """The question with the entity (and the word saying what it is) replaced by X."""
    end = m.end + 1 if described else m.end
    return " ".join(words[:m.start] + ["X"] + words[end:])


def _masked_all(words: list[str], mentions: list[Mention]) -> str:
    """The question with each entity replaced by X."""
    out = []
    for k, w in enumerate(words):
        m = next((m for m in mentions if m.start <= k < m.end), None)
        if m is None:
            out.append(w)
        elif k == m.start:
            out.append("X")
    return " ".join(out)


def _best(cands: list[_Candidate]) -> Plan:
    cands = sorted(cands, key=lambda c: -c.score)
    top = cands[0]
    answers = set(top.answers)
    rival = next((c for c in cands[1:] if set(c.answers) != answers), None)
    margin = top.score - rival.score if rival is not None else 1.0
    tie = rival is not None and rival.node == top.node and abs(len(rival.path) - len(top.path)) == 1 and (
        rival.path[:len(top.path)] == top.path or top.path[:len(rival.path)] == rival.path)
    return Plan(top.node, top.mention, top.path, top.answers, top.score, margin=margin, fit=top.fit,
                unnamed=top.unnamed, hop_tie=tie)


def _confidence(plan: Plan) -> float:
    """Confidence from the lead over the next plan with other answers, damped for fuzzy links
    and for paths that explain little of the question: a low absolute score ("What is X's
    salary?" answered by X's manager only because no relation fits better), or few of its
    content words accounted for ("How many paid sick days do we get each year?" read as
    the release year of the film *Paid*)."""
    conf = 1.0 / (1.0 + math.exp(-4.0 * plan.margin))
    if plan.hop_tie and plan.margin < W_LENGTH:  # a lead over the same chain a hop longer or shorter
        # smaller than what a hop costs: the scores cannot tell whether the question asks that hop
        conf = min(conf, plan.margin / W_LENGTH / (1.0 + math.exp(-4.0 * W_LENGTH)))
    if not plan.mention.exact:
        conf *= 0.8
    if plan.score < FIT_FLOOR:
        conf *= max(plan.score, 0.0) / FIT_FLOOR * 0.5
    if plan.fit < MIN_EXPLAINED:
        conf *= (plan.fit / MIN_EXPLAINED) ** 2 * 0.5
    conf *= UNNAMED_DAMP ** plan.unnamed  # a hop no word names is a guess
    return round(min(0.99, conf), 3)


def _hop_relations(plan: Plan) -> list[str]:
    """The relations ``plan`` walks, every branch of an intersection included."""
    return [r for r, _ in plan.path] + [r for _, p, _ in plan.also for r, _ in p]


def plan_inputs(plan: Plan, conf: float) -> np.ndarray:
    """The learned plan score's inputs (:data:`learned.PLAN_FEATURES`) for ``plan``, whose scoring
    confidence is ``conf``."""
    return learned.plan_features(conf, plan.margin, plan.score, _hop_relations(plan), plan.unnamed,
                                 plan.reading or learned.PlanReading({}), plan.end_fit, plan.hop_tie,
                                 plan.mention.exact, plan.fit)


def _attribute_confidence(plan: AttributePlan) -> float:
    conf = 0.6 + 0.35 * plan.coverage
    return round(conf if plan.mention.exact else conf * 0.8, 3)


def _column_words(name: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", name.lower()) if len(w) >= 3 and w not in STOPWORDS]


def _best_column(free: list[str], attrs: dict[str, str]) -> tuple[str, str, float] | None:
    """(column, value, coverage) of the one column whose words the question uses most; None on a tie."""
    scored = []
    for name, value in attrs.items():
        cols = _column_words(name)
        hits = sum(1 for c in cols if any(stem_match(w, c) for w in free))
        if value and hits:
            scored.append((hits / len(cols), hits, name, value))
    if not scored:
        return None
    scored.sort(reverse=True)
    if len(scored) > 1 and scored[1][:2] == scored[0][:2]:
        return None
    coverage, _, name, value = scored[0]
    return name, value, coverage


def _tidy_number(value: str) -> str:
    """"1240.00" -> "1240"; other text unchanged."""
    return re.sub(r"^(-?\d+)\.0+$", r"\1", value.strip())

