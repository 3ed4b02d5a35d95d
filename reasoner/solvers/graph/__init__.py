"""The graph route: entity linking, relation words, path scoring over a ``KnowledgeGraph``."""

from reasoner.solvers.graph.solver import GraphSolver, Plan

__all__ = ["GraphSolver", "Plan"]
