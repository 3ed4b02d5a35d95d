"""The memory route: a stored answer for a question that means the same, served in milliseconds.

Its estimate is the lookup itself (embedding, nearest stored questions, the false-hit
guard), so the controller sees a hit like any other route's confidence; solving only
hands the stored answer back. ``remember`` stores what the controller chose to keep.
"""

from __future__ import annotations

from reasoner.errors import ReasonerError
from reasoner.memory import AnswerMemory, MemoryHit
from reasoner.types import Answer, Context, Cost, Estimate, Query, Step


class MemorySolver:
    """Route "memory" over an :class:`AnswerMemory`."""

    name = "memory"

    def __init__(self, memory: AnswerMemory) -> None:
        self.memory = memory

    def estimate(self, query: Query, ctx: Context) -> Estimate:
        """A guarded lookup; ``payload`` is the ``MemoryHit`` (None: nothing similar is stored)."""
        hit = self.memory.get(query.text) if ctx.use_memory else None
        if hit is None:
            return Estimate(self.name, 0.0, 20.0, "nothing similar in memory")
        return Estimate(self.name, hit.similarity, 20.0, f"stored for: {hit.question}", hit)

    def solve(self, query: Query, ctx: Context, estimate: Estimate | None = None) -> Answer:
        hit = estimate.payload if estimate is not None else None
        if not isinstance(hit, MemoryHit):
            return Answer.abstain("Nothing similar is in memory.", route=self.name)
        answer = hit.answer
        answer.from_memory, answer.route = True, self.name
        answer.cost = Cost(cache_hits=1)
        answer.verdict = f"memory hit (similarity {hit.similarity:.3f}) for: {hit.question}"
        return answer

    def remember(self, question: str, answer: Answer) -> Step | None:
        """Store ``answer`` for ``question``; a full or locked memory never fails the answer.

        Returns:
            A step recording the failure, or None when it was stored.
        """
        try:
            self.memory.put(question, answer)
        except ReasonerError as exc:
            return Step(self.name, "store", error=str(exc))
        return None
