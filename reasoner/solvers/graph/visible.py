"""The graph route for a caller who may read only some files: the same solver over their view.

Entity linking, relation words and paths all read the graph, so the safe way to answer
over what a caller may read is to answer over a graph holding only that: their files'
edges, attributes and aliases (``KnowledgeGraph.view``). A solver is built per distinct
set of readable files and kept (a deployment has few such sets); an unrestricted caller,
or one who may read every file, uses the full graph's solver.
"""

from __future__ import annotations

from collections import OrderedDict

from reasoner.graph import KnowledgeGraph
from reasoner.retrieval.embedder import Embedder
from reasoner.solvers.graph.solver import GraphSolver
from reasoner.types import Answer, Context, Estimate, Query

MAX_VIEWS = 16  # solvers kept for restricted callers, least recently used dropped first


class VisibleGraphSolver:
    """Route "graph": a :class:`GraphSolver` over the part of the graph the caller may read."""

    name = "graph"

    def __init__(self, graph: KnowledgeGraph, embedder: Embedder) -> None:
        self.graph = graph
        self.embedder = embedder
        self.full = GraphSolver(graph, embedder)
        self._views: OrderedDict[frozenset[str], GraphSolver] = OrderedDict()

    def solver_for(self, ctx: Context | None) -> GraphSolver:
        files = self.graph.readable_files(ctx.groups if ctx is not None else None)
        if files is None:
            return self.full
        key = frozenset(files)
        if key not in self._views:
            if len(self._views) >= MAX_VIEWS:
                self._views.popitem(last=False)
            self._views[key] = GraphSolver(self.graph.view(files), self.embedder)
        self._views.move_to_end(key)
        return self._views[key]

    def estimate(self, query: Query, ctx: Context | None = None) -> Estimate:
        return self.solver_for(ctx).estimate(query, ctx)

    def solve(self, query: Query, ctx: Context | None = None, estimate: Estimate | None = None) -> Answer:
        return self.solver_for(ctx).solve(query, ctx, estimate)

    def cache_key(self, query: Query, estimate: Estimate | None = None) -> str | None:
        return self.full.cache_key(query, estimate)

    def warm(self) -> None:
        self.full.warm()
