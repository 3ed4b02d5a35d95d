"""The knowledge graph: storage (``KnowledgeGraph``) and what is read off the graph itself
(paths, the schema of its relations). Triples are extracted in :mod:`reasoner.ingest.triples`;
questions are answered by :class:`reasoner.solvers.graph.GraphSolver`.
"""

from reasoner.graph.store import KnowledgeGraph

__all__ = ["KnowledgeGraph"]
