"""The memory route: a stored answer for a question that means the same, served in milliseconds.

Its estimate is the lookup itself (embedding, nearest stored questions, the learned
false-hit guard), so the controller sees a hit like any other route's confidence;
solving only hands the stored answer back. A hit is served only when

- the caller may read everything the stored answer rests on (its evidence's access);
- for an answer from the documents, its cited chunk is still among the new question's
  top retrieval hits (the knowledge base still says it, for this question);
- a turn that leans on the conversation ("and for her?") matches only an entry stored
  in the same conversation, never a standalone question.

Exact equivalence keys (a graph plan, a math canonical form) found by the cheaper
estimates make two wordings the same question whatever the guard would say.
"""

from __future__ import annotations

from collections.abc import Callable

from reasoner.errors import ReasonerError
from reasoner.ingest.access import allowed
from reasoner.memory import AnswerMemory, MemoryHit
from reasoner.query.followup import conversation_of
from reasoner.types import Answer, Context, Cost, Estimate, Hit, Query, Step

Search = Callable[..., list[Hit]]
CONFIRM_K = 8  # a KB answer's chunk must still be among this many hits of the new question


class MemorySolver:
    """Route "memory" over an :class:`AnswerMemory` (``search``: the KB, to confirm KB answers)."""

    name = "memory"

    def __init__(self, memory: AnswerMemory, search: Search | None = None) -> None:
        self.memory = memory
        self.search = search

    def estimate(self, query: Query, ctx: Context) -> Estimate:
        """A guarded lookup; ``payload`` is the ``MemoryHit`` (None: nothing similar may be served)."""
        if not ctx.use_memory:
            return Estimate(self.name, 0.0, 20.0, "memory off for this question")
        hit = self.memory.get(query.text, keys=ctx.keys, conversation=conversation_of(query),
                              confirm=lambda h: self._servable(h, query, ctx))  # fmt: skip
        if hit is None or not self._visible(hit, ctx):
            return Estimate(self.name, 0.0, 20.0, "nothing similar in memory")
        return Estimate(self.name, hit.similarity, 20.0, f"stored for: {hit.question}", hit)

    def solve(self, query: Query, ctx: Context, estimate: Estimate | None = None) -> Answer:
        hit = estimate.payload if estimate is not None else None
        if not isinstance(hit, MemoryHit):
            return Answer.abstain("Nothing similar is in memory.", route=self.name)
        answer = hit.answer
        answer.from_memory, answer.route = True, self.name
        answer.cost = Cost(cache_hits=1)
        how = {"exact": "the same question", "key": "the same question by its meaning"}.get(hit.matched, "")
        answer.verdict = f"memory hit ({how or f'similarity {hit.similarity:.3f}'}) for: {hit.question}"
        return answer

    def remember(self, question: str, answer: Answer, *, keys: tuple[str, ...] = (),
                 conversation: str | None = None) -> Step | None:  # fmt: skip
        """Store ``answer`` for ``question``; a full or locked memory never fails the answer.

        Returns:
            A step recording the failure, or None when it was stored.
        """
        try:
            self.memory.put(question, answer, keys=keys, conversation=conversation)
        except ReasonerError as exc:
            return Step(self.name, "store", error=str(exc))
        return None

    def contradicted(self, question: str, answer: Answer, ctx: Context) -> bool:
        """A verified answer for ``question`` disagrees with what memory would serve: that
        entry's bar rises (or it is dropped when it was stored for this very question)."""
        hit = self.memory.get(question, keys=ctx.keys, conversation=None)
        if hit is None or _same_value(hit.answer, answer):
            return False
        return self.memory.contradicted(hit)

    # -- checks -----------------------------------------------------------------------------

    def _visible(self, hit: MemoryHit, ctx: Context) -> bool:
        return allowed((e.access for e in hit.answer.evidence), ctx.groups)

    def _servable(self, hit: MemoryHit, query: Query, ctx: Context) -> bool:
        """A candidate found by similarity: readable by this caller, and for a KB answer, its
        cited chunk still among the new question's top hits."""
        if not self._visible(hit, ctx):
            return False
        cited = {e.hash for e in hit.answer.evidence if e.kind == "chunk" and e.hash}
        if not cited or self.search is None:
            return True
        hits = self.search(query.text, CONFIRM_K, groups=ctx.groups)
        return any(h.chunk.hash in cited for h in hits)


def _same_value(a: Answer, b: Answer) -> bool:
    from reasoner.evaluate import normalise

    return normalise(a.value or a.text) == normalise(b.value or b.text)
