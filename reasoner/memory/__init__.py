"""Answer memory and subproblem memory: never reason twice, never serve a stale or wrong answer.

``AnswerMemory`` serves a stored answer for a question that means the same
(the same text, an exact equivalence key, or a similar embedding *and* the
learned, calibrated guard's agreement, see :mod:`reasoner.memory.learned`); ``SubproblemCache``
serves exact-key subresults. Both drop exactly the entries whose evidence
changed (``invalidate``).
"""

from reasoner.memory.answers import DEFAULT_THRESHOLD, AnswerMemory, Candidate, MemoryHit, normalise_question
from reasoner.memory.guard import Verdict, check
from reasoner.memory.learned import DEFAULT_FALSE_HIT_RATE, GuardModel, load_model
from reasoner.memory.provenance import Provenance
from reasoner.memory.subproblems import SubproblemCache, subproblem_key

__all__ = [
    "DEFAULT_FALSE_HIT_RATE",
    "DEFAULT_THRESHOLD",
    "GuardModel",
    "AnswerMemory",
    "Candidate",
    "MemoryHit",
    "Provenance",
    "SubproblemCache",
    "Verdict",
    "check",
    "load_model",
    "normalise_question",
    "subproblem_key",
]
