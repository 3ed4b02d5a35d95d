"""Routing policy: which estimates to measure, which routes to try in what order, when to stop,
when to spend more, and what to remember.

Everything here is a pure function of cheap signals, so the policy is tested
without models. The engine measures what ``should_estimate`` asks for, runs the
``plan``, asks ``accept`` after each step whether to stop or escalate, and
records the effort outcome the rag route reports in ``EffortPolicy``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

from reasoner.text.numbers import parse_number
from reasoner.types import Answer, Estimate, ForcedRoute, RouteName

# Expected wall time per route on a 2-core CPU (ms), used to order the plan
# and to report the expected cost. Measured orders of magnitude, not promises.
EXPECTED_MS: dict[RouteName, float] = {
    "memory": 20.0,
    "math": 10.0,
    "graph": 30.0,
    "compose": 80.0,
    "rag": 4000.0,
    "rag-baseline": 4000.0,
    "closed-book": 4000.0,
}

CONFIDENT = 0.6  # a route this sure skips the retrieval estimate (see ``should_estimate``)
PLAUSIBLE = 0.2  # below this a route is not worth trying (except rag as last resort)
ACCEPT = 0.35  # an answer needs this much confidence to stop the cascade

# The order estimates are measured in: the cheap exact parses first (a confident math parse
# makes the memory lookup unnecessary; a graph plan is an equivalence key the memory can
# match), the semantic memory next, retrieval (the most expensive estimate) last, skipped
# when a cheaper route is already confident.
ESTIMATE_ORDER: tuple[RouteName, ...] = ("math", "graph", "memory", "compose", "rag", "closed-book")

# The route that answers last when every cheaper one failed: retrieval + LLM with a knowledge
# base, the LLM alone without one.
LAST_RESORT: tuple[RouteName, ...] = ("rag", "closed-book")


@dataclass(frozen=True)
class Signals:
    """What the cheap estimates said about one query.

    Attributes:
        confidence: each measured route's confidence; for "memory" the similarity of a
            guarded hit (absent: no hit, or not measured).
        has_kb: a knowledge base is open (graph, compose and rag can run).
        declined: why no route may answer (a route claimed the question and refused it).
    """

    confidence: Mapping[RouteName, float] = field(default_factory=dict)
    has_kb: bool = True
    declined: str = ""

    def get(self, route: RouteName) -> float | None:
        return self.confidence.get(route)

    def with_(self, route: RouteName, estimate: Estimate) -> Signals:
        """A copy with what ``estimate`` says (see ``signal_of``; a decline is kept)."""
        out = self if not estimate.decline else dataclasses.replace(self, declined=self.declined or estimate.decline)
        value = signal_of(route, estimate)
        if value is None:
            return out
        return dataclasses.replace(out, confidence={**out.confidence, route: value})


@dataclass(frozen=True)
class PlannedRoute:
    route: RouteName
    confidence: float
    expected_ms: float


@dataclass(frozen=True)
class Plan:
    """An ordered list of routes to try, with the reason for the order."""

    routes: tuple[PlannedRoute, ...]
    reason: str
    effort: str = "low"

    @property
    def names(self) -> list[str]:
        return [p.route for p in self.routes]


def forced_solver(forced: ForcedRoute, *, has_kb: bool) -> RouteName:
    """The solver a forced route runs. ``rag`` forced is the baseline every comparison uses:
    retrieval + one LLM call with no shortcut (no extractive answer, no abstention before the
    model is asked); without a knowledge base it is the LLM alone."""
    if forced == "rag":
        return "rag-baseline" if has_kb else "closed-book"
    return forced


def should_estimate(
    route: RouteName, signals: Signals, *, forced: ForcedRoute | None, use_memory: bool, depth: int
) -> bool:
    """Whether to measure ``route``'s estimate now (routes are visited in ``ESTIMATE_ORDER``).

    Forced: only the forced route's estimate. Otherwise every cheap estimate, except the
    memory lookup when a math parse is confident (its repeats hit the subproblem memory by
    canonical key, without an embedding), the composite frame inside a composite's own
    sub-questions, and retrieval once a memory hit or a confident cheap route was found.
    """
    if route == "memory":
        unforced = forced is None and (signals.get("math") or 0.0) < CONFIDENT
        return use_memory and (forced == "memory" or unforced)
    if forced is not None:
        return route == forced_solver(forced, has_kb=signals.has_kb)
    if route == "compose":
        return depth == 0
    if route in LAST_RESORT:
        confident = any(c >= CONFIDENT for r, c in signals.confidence.items() if r != "memory")
        return signals.get("memory") is None and not confident
    return True


def plan(signals: Signals, *, forced: ForcedRoute | None = None, available: frozenset[str] = frozenset()) -> Plan:
    """Order the routes: a memory hit alone; else every route with some support, cheapest
    first (a composite frame before the lookups inside it), with the last resort at the end.

    ``available``: the routes registered in this Reasoner (the last resort is appended only
    when it is one of them).
    """
    if forced is not None:
        route = forced_solver(forced, has_kb=signals.has_kb)
        conf = signals.get(route) or 0.0
        return Plan((PlannedRoute(route, conf, EXPECTED_MS[route]),), f"route forced: {forced}")
    if signals.declined:
        return Plan((), f"declined: {signals.declined}")
    memory = signals.get("memory")
    if memory is not None:
        return Plan((PlannedRoute("memory", memory, EXPECTED_MS["memory"]),), "memory hit")
    scored = {r: c for r, c in signals.confidence.items() if r != "memory"}
    # Every route with some support, cheapest first: an exact route that is right costs
    # milliseconds, and `accept` rejects what its verifier or its confidence does not back.
    order = sorted((r for r, c in scored.items() if c >= PLAUSIBLE), key=EXPECTED_MS.__getitem__)
    if "compose" in order:
        # An arithmetic frame around a fact outranks the lookups it is built from:
        # answering only the lookup ("the K-7's list price") would answer another question.
        order = ["compose"] + [r for r in order if r != "compose"]
    confident = [r for r in order if scored[r] >= CONFIDENT]
    plausible = [r for r in order if scored[r] < CONFIDENT]
    last = next((r for r in LAST_RESORT if r in available), None)
    if last is not None and last not in order:
        order.append(last)
    routes = tuple(PlannedRoute(r, scored.get(r, 0.0), EXPECTED_MS[r]) for r in order)
    return Plan(routes, _reason(confident, plausible), effort=difficulty(signals, routes))


def _reason(confident: list[str], plausible: list[str]) -> str:
    if confident or plausible:
        sure = f"confident: {', '.join(confident)}" if confident else "none confident"
        maybe = f"; plausible: {', '.join(plausible)}" if plausible else ""
        return f"{sure}{maybe} (cheapest first)"
    return "no cheap route applies; retrieval + LLM"


def difficulty(signals: Signals, routes: tuple[PlannedRoute, ...]) -> str:
    """ "high" when the question will reach the LLM with weak or middling retrieval.

    After the test-time compute literature: extra samples pay on questions of
    intermediate difficulty, not on easy ones (a cheap route answers) nor on
    hopeless ones (retrieval found nothing).
    """
    if not routes or routes[0].route != "rag":
        return "low"
    rag = signals.get("rag") or 0.0
    return "high" if 0.35 <= rag < 0.65 else "low"


@dataclass
class EffortPolicy:
    """Keeps extra effort only while it pays, measured on this session's own questions.

    Best-of-N and revision help a model that sometimes gets a question right;
    with a small model they can cost several calls and change nothing. After
    ``trials`` questions given extra effort, it is kept only if it turned at
    least ``min_rate`` of them from an unverified answer into a verified one.
    """

    trials: int = 5
    min_rate: float = 0.2
    tried: int = 0
    paid: int = 0

    def allows(self) -> bool:
        return self.tried < self.trials or self.paid >= self.min_rate * self.tried

    def record(self, paid: bool) -> None:
        self.tried += 1
        self.paid += bool(paid)

    def describe(self) -> str:
        return f"extra effort paid on {self.paid} of {self.tried} questions"


def raise_effort(plan: Plan, setting: str, policy: EffortPolicy) -> tuple[bool, str]:
    """Whether this question gets extra effort (best-of-N, revision), and a note for the plan step.

    ``setting`` is ``Config.effort``; only "auto" decides per question ("high" and "low" are
    fixed in the budget): extra effort when the plan calls the question hard and the
    session's policy still sees extra effort paying.
    """
    if setting != "auto" or plan.effort != "high":
        return False, ""
    if policy.allows():
        return True, ""
    return False, f"; hard, but no extra effort: {policy.describe()}"


def signal_of(route: RouteName, estimate: Estimate) -> float | None:
    """The signal an estimate gives the plan: its confidence, except for the routes that only
    apply when they found something (a memory hit, a composite frame): None without it."""
    if route in ("memory", "compose") and estimate.payload is None:
        return None
    return estimate.confidence


def requires_number(signals: Signals, *, numeric: bool) -> bool:
    """Only an answer with a numeric value will do: a composite's sub-question, or a question
    that parses as an arithmetic frame (whichever route answers it)."""
    return numeric or signals.get("compose") is not None


LLM_ROUTES: frozenset[RouteName] = frozenset({"rag", "rag-baseline", "closed-book"})


def budget_spent(route: RouteName, *, remaining_ms: float, max_tokens: int) -> bool:
    """Stop before ``route``: the question's time is up, or an LLM route has no tokens left."""
    return remaining_ms <= 0 or (route in LLM_ROUTES and max_tokens <= 0)


def accept(answer: Answer, planned: PlannedRoute, *, numeric: bool = False) -> bool:
    """Stop the cascade with this answer, or escalate to the next route.

    ``numeric``: the question asks for a number (an arithmetic frame, or a
    sub-question of one), so an answer without a numeric value cannot be right.
    """
    if answer.abstained or answer.verified is False:
        return False
    if numeric and parse_number(answer.value) is None:
        return False
    # "verified" says the answer's own check held (roots substituted, the path exists, the
    # sentence is in the source); confidence says it answers this question.
    return max(answer.confidence, 0.0) >= ACCEPT


def ends_cascade(answer: Answer) -> bool:
    """A final abstention (a route refused a question that is its own) stops the cascade: a
    later route would only answer another question (the digits of "9**9**9**9" as words)."""
    return answer.abstained and answer.final


def should_remember(answer: Answer, *, forced: ForcedRoute | None, use_memory: bool) -> bool:
    """Whether the answer memory stores this answer for questions that mean the same.

    Only a verified answer the controller chose (not a forced route's), not one served from
    memory, and not a math answer: those are remembered by canonical key in the subproblem
    memory, without an embedding.
    """
    if not use_memory or forced not in (None, "memory"):
        return False
    if answer.from_memory or answer.abstained or not answer.verified:
        return False
    return answer.route != "math"


def reuse_generations(*, forced: ForcedRoute | None, use_memory: bool) -> bool:
    """Whether LLM replies are reused by prompt hash: while memory is on, except for the forced
    rag baseline, which measures the plain retrieval + LLM pipeline."""
    return use_memory and forced != "rag"


def nothing_verified(tried: list[Answer], *, has_kb: bool) -> Answer | None:
    """No route verified an answer: keep an unverified LLM reply only when there is no KB to
    check it against (the closed-book route), else None (the engine abstains)."""
    usable = [a for a in tried if not a.abstained and a.verified is not False]
    if usable and not has_kb:
        best = max(usable, key=lambda a: a.confidence)
        best.verdict = best.verdict or "unverified: no knowledge base to check against"
        return best
    return None
