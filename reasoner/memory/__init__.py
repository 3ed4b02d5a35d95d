"""Answer memory and subproblem memory: never reason twice, never serve a stale or wrong answer.

``AnswerMemory`` serves a stored answer for a question that means the same
(similar embedding *and* the false-hit guard's agreement); ``SubproblemCache``
serves exact-key subresults. Both drop exactly the entries whose evidence
changed (``invalidate``).
"""

from reasoner.memory.answers import DEFAULT_THRESHOLD, AnswerMemory, Candidate, MemoryHit, normalise_question
from reasoner.memory.guard import Verdict, check
from reasoner.memory.provenance import Provenance
from reasoner.memory.subproblems import SubproblemCache, subproblem_key

__all__ = [
    "DEFAULT_THRESHOLD",
    "AnswerMemory",
    "Candidate",
    "MemoryHit",
    "Provenance",
    "SubproblemCache",
    "Verdict",
    "check",
    "normalise_question",
    "subproblem_key",
]
