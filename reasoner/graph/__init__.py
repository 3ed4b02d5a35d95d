"""Knowledge graph: built from the knowledge base (triples, tables, prose), answered by path scoring.

``KnowledgeGraph.update(kb_dir, index_dir, changed)`` builds or refreshes the graph;
``GraphSolver(graph, embedder)`` answers questions over it (route "graph").
"""

from reasoner.graph.solver import GraphSolver, Plan
from reasoner.graph.store import KnowledgeGraph

__all__ = ["GraphSolver", "KnowledgeGraph", "Plan"]
