"""The compose route: a question that is arithmetic around facts ("15% of the K-7's list price").

Each looked-up fact is a sub-question answered through the whole cascade (so it may come
from memory, the graph or the documents), required to be a number; the arithmetic is then
done exactly by the math route. The parse itself is :mod:`reasoner.query.composite`.
"""

from __future__ import annotations

import dataclasses

from reasoner.query.composite import Composite, fill, parse_composite
from reasoner.text.numbers import parse_number
from reasoner.types import Answer, Context, Estimate, Evidence, Query, Step

CONFIDENCE = 0.7  # a parsed composite frame: plausible, confident only once its parts answer


class ComposeSolver:
    """Route "compose": sub-questions through ``ctx.cascade``, then exact arithmetic."""

    name = "compose"

    def estimate(self, query: Query, ctx: Context) -> Estimate:
        """``payload`` is the parsed :class:`Composite` (None: not a composite question)."""
        comp = parse_composite(query.text)
        if comp is None:
            return Estimate(self.name, 0.0, 80.0, "not a composite question")
        return Estimate(self.name, CONFIDENCE, 80.0, comp.frame, comp)

    def solve(self, query: Query, ctx: Context, estimate: Estimate | None = None) -> Answer:
        comp = estimate.payload if estimate is not None else parse_composite(query.text)
        if not isinstance(comp, Composite) or ctx.cascade is None:
            return Answer.abstain("Not a composite question.", route=self.name)
        sub_ctx = dataclasses.replace(ctx, numeric=True, depth=ctx.depth + 1)
        values, evidence, verified, steps = [], [], True, []
        for part in comp.parts:
            sub = ctx.cascade(Query(part), sub_ctx)
            found = parse_number(sub.value) is not None
            verdict = "ok" if found else "no number"
            steps.append(Step(self.name, "subproblem", f"{part} -> {sub.value} ({sub.route})", sub.confidence,
                              verdict, cost=sub.cost))  # fmt: skip
            if sub.abstained or not found:
                return Answer.abstain(f"I could not find a number for: {part}", route=self.name,
                                      verdict="subproblem unanswered", steps=steps)  # fmt: skip
            values.append(sub.value or "")
            evidence.extend(sub.evidence)
            verified = verified and bool(sub.verified)
        return self._compute(comp, values, evidence, verified, steps, ctx)

    def _compute(self, comp: Composite, values: list[str], evidence: list[Evidence], verified: bool,
                 steps: list[Step], ctx: Context) -> Answer:  # fmt: skip
        """Fill the template with the looked-up numbers and let the math route compute it."""
        expr = fill(comp.template, values)
        math = ctx.cascade(Query(expr, route="math"), dataclasses.replace(ctx, depth=ctx.depth + 1))
        if math.abstained:
            return Answer.abstain(f"Could not compute {expr}.", route=self.name, verdict=math.verdict, steps=steps)
        facts = "; ".join(f"{p.rstrip('?')} = {v}" for p, v in zip(comp.parts, values, strict=True))
        checked = "verified" if verified else "unverified"
        return Answer(
            text=f"{facts}. So {expr} = {math.value}.",
            value=math.value,
            route=self.name,
            confidence=min(0.9, math.confidence or 0.9),
            verified=verified and bool(math.verified),
            verdict=f"sub-answers {checked}; arithmetic {math.verdict}",
            evidence=evidence + math.evidence,
            key=math.key,
            steps=steps,
        )
