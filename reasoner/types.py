"""Data that flows between the parts: queries, evidence, steps, costs, answers.

Parts talk through these dataclasses and the small protocols at the bottom of
this module, never through tuples or loose dicts.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, get_args, runtime_checkable

# Every route the controller can plan, by the name its Solver is registered under. "rag-baseline"
# is retrieval + one LLM call with no shortcut (what `--route rag` runs: the baseline of every
# comparison); "closed-book" is the LLM alone, for a Reasoner without a knowledge base.
RouteName = Literal["memory", "math", "graph", "compose", "rag", "rag-baseline", "closed-book"]
ROUTES: tuple[RouteName, ...] = get_args(RouteName)
# The routes a caller may force (`route=...`, `--route`), besides "auto".
ForcedRoute = Literal["memory", "math", "graph", "compose", "rag"]
FORCIBLE: tuple[ForcedRoute, ...] = get_args(ForcedRoute)

EvidenceKind = Literal["chunk", "edge", "expression", "memory", "step"]


@dataclass(frozen=True)
class Query:
    """A question as the solvers see it.

    Attributes:
        text: the question, already resolved against the conversation.
        history: earlier (question, answer text) turns, newest last.
        route: a route forced by the caller, or None for the controller's choice.
    """

    text: str
    history: tuple[tuple[str, str], ...] = ()
    route: ForcedRoute | None = None


@dataclass(frozen=True)
class Chunk:
    """A stored passage of the knowledge base."""

    id: str
    text: str
    source: str  # path relative to the KB root, "/"-separated
    title: str = ""
    section: str = ""
    page: int | None = None
    doc_type: str = ""
    hash: str = ""
    access: tuple[str, ...] = ("everyone",)  # the groups allowed to read its source

    def __post_init__(self) -> None:
        object.__setattr__(self, "access", tuple(self.access))  # a list when read back from JSON


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with scores that mean something.

    ``score`` is the fused score in [0, 1]; the controller uses it as confidence.
    """

    chunk: Chunk
    score: float
    dense: float | None = None
    lexical: float | None = None
    rank: int = 0


@dataclass(frozen=True)
class Evidence:
    """One source behind an answer.

    kind "chunk": ref is the chunk id, source/section locate it.
    kind "edge": ref is "subject|relation|object", source is file:row.
    kind "expression": ref is a SymPy expression in srepr-free string form.
    kind "memory": ref is the id of the stored entry.
    """

    kind: EvidenceKind
    ref: str
    source: str = ""
    section: str = ""
    text: str = ""
    score: float | None = None
    hash: str = ""  # content hash of the chunk or file the evidence rests on
    access: tuple[str, ...] = ("everyone",)  # who may read what it rests on (reasoner.ingest.access)

    def __post_init__(self) -> None:
        object.__setattr__(self, "access", tuple(self.access))  # a list when read back from JSON

    def label(self) -> str:
        """A short human label: file and section, or the ref."""
        if self.source:
            return f"{self.source} > {self.section}" if self.section else self.source
        return self.ref


@dataclass
class Cost:
    """Compute spent on one step, one answer or a whole session."""

    wall_ms: float = 0.0
    model_calls: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cache_hits: int = 0
    flops: float = 0.0
    peak_rss_mb: float = 0.0

    def add(self, other: Cost) -> Cost:
        """Accumulate ``other`` into self (wall time and peak memory included) and return self."""
        self.wall_ms += other.wall_ms
        self.model_calls += other.model_calls
        self.tokens_in += other.tokens_in
        self.tokens_out += other.tokens_out
        self.cache_hits += other.cache_hits
        self.flops += other.flops
        self.peak_rss_mb = max(self.peak_rss_mb, other.peak_rss_mb)
        return self

    def to_dict(self) -> dict[str, float]:
        return dataclasses.asdict(self)


@dataclass
class Step:
    """One action of the controller: a route tried, a subproblem solved, a check run."""

    route: str
    action: str  # "plan", "solve", "verify", "escalate", "subproblem", ...
    detail: str = ""
    confidence: float | None = None
    verdict: str | None = None
    error: str | None = None
    cost: Cost = field(default_factory=Cost)


@dataclass
class Answer:
    """What a solver or the Reasoner returns.

    Attributes:
        text: the reply as a person sees it.
        value: the short final answer ("25", "x**2 + 1") or None.
        route: the route that produced it.
        abstained: True when nothing supports an answer.
        confidence: the solver's confidence in [0, 1].
        verified: True (checked and holds), False (check failed), None (not checkable).
        verdict: a short description of the check.
        evidence: the sources.
        cost: compute spent.
        steps: what was done, in order.
        from_memory: served from the answer memory.
        budget_exhausted: a budget cut work short.
        key: canonical key of the solved problem, for subproblem memory.
        effort: what extra LLM calls (best-of-N, revision) did, when any were made.
        final: an abstention no later route may override: the question is this route's and
            it refuses it on purpose (a calculation past the safety bounds).
    """

    text: str
    value: str | None = None
    route: str = "none"
    abstained: bool = False
    confidence: float = 0.0
    verified: bool | None = None
    verdict: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    cost: Cost = field(default_factory=Cost)
    steps: list[Step] = field(default_factory=list)
    from_memory: bool = False
    budget_exhausted: bool = False
    key: str | None = None
    effort: EffortOutcome | None = None
    final: bool = False

    @classmethod
    def abstain(cls, text: str, route: str = "none", **kw: Any) -> Answer:
        """An answer that declines, with the reason as text."""
        return cls(text=text, value=None, route=route, abstained=True, **kw)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        """Rebuild an Answer written by ``to_dict`` (unknown keys are ignored)."""
        known = {f.name for f in dataclasses.fields(cls)}
        kw = {k: v for k, v in data.items() if k in known}
        kw["evidence"] = [Evidence(**e) for e in kw.get("evidence", [])]
        kw["steps"] = [Step(**{**s, "cost": Cost(**s.get("cost", {}))}) for s in kw.get("steps", [])]
        kw["cost"] = Cost(**kw.get("cost", {}))
        if kw.get("effort") is not None:
            kw["effort"] = EffortOutcome(**kw["effort"])
        return cls(**kw)


@dataclass(frozen=True)
class EffortOutcome:
    """What extra compute on one question did: the controller's effort policy learns from it.

    Attributes:
        extra_calls: LLM calls beyond the first (samples, a revision).
        paid: the extra calls turned an unverified answer into a verified one.
    """

    extra_calls: int
    paid: bool


@dataclass(frozen=True)
class Estimate:
    """A solver's cheap guess: can it answer, how sure, at what cost.

    ``payload`` carries whatever the estimate parsed (an expression, linked
    entities) so that ``solve`` need not parse again. ``decline`` is set when the
    question is this route's kind and must not be answered by any route (a calculation
    the math grammar rejects is not a question about the documents).
    """

    route: str
    confidence: float
    expected_ms: float = 1.0
    detail: str = ""
    payload: Any = None
    decline: str = ""


@dataclass(frozen=True)
class Budget:
    """Limits for one query. ``effort`` "high" allows best-of-N and revision."""

    max_tokens: int = 256
    max_ms: float = 60_000.0
    effort: Literal["low", "high"] = "low"
    samples: int = 1
    on_token: Callable[[str], None] | None = None


class Generations(Protocol):
    """Where LLM replies are remembered by prompt hash (the subproblem memory, when memory is on)."""

    def get(self, key: str) -> Any | None: ...

    def put(self, key: str, value: Any, *, kind: str, depends_on: Any) -> None: ...


@dataclass(frozen=True)
class Context:
    """What one question carries down the cascade besides its text.

    Built by the engine per question and never mutated: a sub-question or a change of
    effort gets a copy (``dataclasses.replace``), so the caller's objects stay as given.

    Attributes:
        budget: limits for this question.
        groups: the groups the caller belongs to (None: an unrestricted caller).
        use_memory: read and write the answer and subproblem memories.
        generations: where LLM replies are reused from (None: never).
        numeric: only an answer with a numeric value will do (a composite's sub-question).
        depth: 0 for the asked question, 1 for a composite's sub-questions.
        cascade: answers a sub-question through the whole cascade (set by the engine;
            the compose route uses it).
        deadline: ``time.perf_counter()`` value past which no route may keep working (the
            question's ``budget.max_ms`` from when it was asked; sub-questions share it).
        keys: exact equivalence keys of the question found by the estimates so far (a math
            canonical form, a graph plan): the answer memory serves an entry stored under
            one of them whatever the wording.
    """

    budget: Budget = field(default_factory=Budget)
    groups: frozenset[str] | None = None
    use_memory: bool = True
    generations: Generations | None = None
    numeric: bool = False
    depth: int = 0
    cascade: Callable[[Query, Context], Answer] | None = None
    deadline: float | None = None
    keys: tuple[str, ...] = ()

    def remaining_ms(self) -> float:
        """Milliseconds left before the deadline (infinite without one)."""
        return float("inf") if self.deadline is None else (self.deadline - time.perf_counter()) * 1e3


@runtime_checkable
class Solver(Protocol):
    """A route that can answer some questions (registered by name in ``reasoner.factory``)."""

    name: str

    def estimate(self, query: Query, ctx: Context) -> Estimate:
        """Cheap (milliseconds): can this solver answer, and how sure is it."""
        ...

    def solve(self, query: Query, ctx: Context, estimate: Estimate | None = None) -> Answer:
        """Answer the query; record model and data failures on the answer rather than raising."""
        ...


@runtime_checkable
class Cacheable(Protocol):
    """A solver whose verified answers are remembered in the subproblem memory by exact key."""

    def cache_key(self, query: Query, estimate: Estimate | None) -> str | None:
        """The key of this question's subproblem (None: not cacheable)."""
        ...
