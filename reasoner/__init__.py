"""reasoner: answer questions with the least compute that gets them right.

Memory first, then exact solvers (SymPy, a knowledge graph), then a compact
local LLM with retrieval, verified, with more compute only where it pays.

Heavy libraries (torch, transformers, faiss) are imported lazily, so that
``import reasoner`` and ``reasoner --help`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reasoner import openmp
from reasoner.config import Config
from reasoner.errors import (
    BudgetExceeded,
    ConfigError,
    IndexError_,
    ModelError,
    ParseError,
    ReasonerError,
    SolverError,
    SolverTimeout,
    UnsafeInputError,
)
from reasoner.types import Answer, Budget, Chunk, Cost, Estimate, Evidence, Hit, Query, Step

openmp.apply()  # before torch or llama.cpp load their OpenMP (reasoner/openmp.py)

if TYPE_CHECKING:
    from reasoner.engine import Reasoner

__all__ = [
    "Answer",
    "Budget",
    "BudgetExceeded",
    "Chunk",
    "Config",
    "ConfigError",
    "Cost",
    "Estimate",
    "Evidence",
    "Hit",
    "IndexError_",
    "ModelError",
    "ParseError",
    "Query",
    "Reasoner",
    "ReasonerError",
    "SolverError",
    "SolverTimeout",
    "Step",
    "UnsafeInputError",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "Reasoner":
        from reasoner.engine import Reasoner

        return Reasoner
    raise AttributeError(f"module 'reasoner' has no attribute {name!r}")
