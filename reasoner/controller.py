"""Routing policy: which routes to try, in what order, and when to stop.

Everything here is a pure function of cheap signals, so the policy is tested
without models. The engine gathers the signals, runs the plan, and asks
``accept`` after each step whether to stop or escalate.
"""

from __future__ import annotations

from dataclasses import dataclass

from reasoner.text.numbers import parse_number
from reasoner.types import Answer

# Expected wall time per route on a 2-core CPU (ms), used to order the plan
# and to report the expected cost. Measured orders of magnitude, not promises.
EXPECTED_MS = {"memory": 20.0, "math": 10.0, "graph": 30.0, "compose": 80.0, "rag": 4000.0}

CONFIDENT = 0.6  # a route this sure skips the retrieval estimate (see the engine)
PLAUSIBLE = 0.2  # below this a route is not worth trying (except rag as last resort)
ACCEPT = 0.35  # an answer needs this much confidence to stop the cascade


@dataclass(frozen=True)
class Signals:
    """What the cheap estimates said about one query (None: not measured)."""

    memory: float | None = None  # similarity of a guarded memory hit
    math: float | None = None
    graph: float | None = None
    rag: float | None = None  # top fused retrieval score
    compose: float | None = None  # a composite question was parsed
    has_kb: bool = True
    has_llm: bool = True


@dataclass(frozen=True)
class PlannedRoute:
    route: str
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


def plan(signals: Signals, *, forced: str | None = None) -> Plan:
    """Order the routes: a memory hit alone; else every route with some support, cheapest
    first (a composite frame before the lookups inside it), with rag as the last resort."""
    if forced and forced != "auto":
        conf = getattr(signals, forced, None) if forced in EXPECTED_MS else None
        return Plan(
            (PlannedRoute(forced, conf or 0.0, EXPECTED_MS.get(forced, 0.0)),), f"route forced: {forced}"
        )
    if signals.memory is not None:
        return Plan((PlannedRoute("memory", signals.memory, EXPECTED_MS["memory"]),), "memory hit")
    scored = {
        r: getattr(signals, r)
        for r in ("math", "graph", "compose", "rag")
        if getattr(signals, r) is not None and available(r, signals)
    }
    # Every route with some support, cheapest first: an exact route that is right costs
    # milliseconds, and `accept` rejects what its verifier or its confidence does not back.
    order = sorted((r for r, c in scored.items() if c >= PLAUSIBLE), key=EXPECTED_MS.__getitem__)
    if "compose" in order:
        # An arithmetic frame around a fact outranks the lookups it is built from:
        # answering only the lookup ("the K-7's list price") would answer another question.
        order = ["compose"] + [r for r in order if r != "compose"]
    confident = [r for r in order if scored[r] >= CONFIDENT]
    plausible = [r for r in order if scored[r] < CONFIDENT]
    if "rag" not in order and available("rag", signals):
        order.append("rag")
    routes = tuple(PlannedRoute(r, scored.get(r, 0.0), EXPECTED_MS[r]) for r in order)
    reason = _reason(confident, plausible)
    return Plan(routes, reason, effort=difficulty(signals, routes))


def available(route: str, signals: Signals) -> bool:
    """Routes that can run at all with what this Reasoner has."""
    if route == "rag":
        return signals.has_llm
    if route in ("graph", "compose"):
        return signals.has_kb
    return True


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
    rag = signals.rag or 0.0
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
