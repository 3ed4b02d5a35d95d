"""The LLM alone, for a Reasoner without a knowledge base: answers are marked unverified."""

from __future__ import annotations

import time

from reasoner.llm.base import LLM
from reasoner.solvers.limits import until_deadline
from reasoner.types import Answer, Context, Cost, Estimate, Query, Step

SYSTEM = "You are a concise assistant. Answer in one or two sentences. If you do not know, say so."


class ClosedBookSolver:
    """Route "closed-book" (no knowledge base): the model answers from what it knows; nothing can check it."""

    name = "closed-book"
    confidence = 0.3  # below the controller's acceptance: kept only when nothing verified answers

    def __init__(self, llm: LLM) -> None:
        self.llm = llm

    def estimate(self, query: Query, ctx: Context | None = None) -> Estimate:
        return Estimate(self.name, self.confidence, 4000.0, "no knowledge base: the model answers alone")

    def solve(self, query: Query, ctx: Context | None = None, estimate: Estimate | None = None) -> Answer:
        ctx = ctx or Context()
        budget = ctx.budget
        t0 = time.perf_counter()
        messages = [{"role": "system", "content": SYSTEM}]
        for q, a in query.history[-2:]:
            messages += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
        messages.append({"role": "user", "content": query.text})
        gen = self.llm.generate(messages, max_new_tokens=budget.max_tokens, on_token=until_deadline(ctx, budget.on_token))
        cost = Cost(wall_ms=(time.perf_counter() - t0) * 1e3, model_calls=1, tokens_in=gen.tokens_in,
                    tokens_out=gen.tokens_out, flops=2.0 * self.llm.params * (gen.tokens_in + gen.tokens_out))
        verdict = "unverified: no knowledge base to check against"
        step = Step("llm", "generate", f"{gen.tokens_out} tokens", self.confidence, verdict, cost=cost)
        return Answer(text=gen.text.strip(), value=None, route=self.name, confidence=self.confidence, verified=None,
                      verdict=verdict, cost=cost, steps=[step])
