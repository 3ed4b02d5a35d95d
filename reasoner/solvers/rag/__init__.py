"""The rag route: retrieval, the supporting sentence, the LLM with numbered sources, grounding."""

from reasoner.solvers.rag.solver import RagPayload, RagSolver

__all__ = ["RagPayload", "RagSolver"]
