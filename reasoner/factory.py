"""From a Config to the typed parts of a Reasoner, each built on first use.

One place decides how every part is made: the embedder and the LLM by registered name
(or dotted path), the knowledge index and graph from the index folder, the memories,
and the solvers, one per route, from the ``SOLVERS`` registry. ``Parts.rebuilt`` makes
the parts of a freshly (re)indexed knowledge base, keeping the loaded models.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reasoner.config import Config
from reasoner.errors import IndexError_
from reasoner.registry import Registry
from reasoner.types import ROUTES, Hit, RouteName, Solver

if TYPE_CHECKING:
    from reasoner.graph import KnowledgeGraph
    from reasoner.graph.postgres import PostgresGraphStore
    from reasoner.graph.store import FileGraphStore
    from reasoner.llm.base import LLM, Generation
    from reasoner.memory import AnswerMemory, SubproblemCache
    from reasoner.retrieval.embedder import Embedder
    from reasoner.retrieval.index import KnowledgeIndex

    GraphStore = FileGraphStore | PostgresGraphStore

# A route's builder: the Solver for these parts, or None when the route cannot run here
# (the graph without a knowledge base, memory when it is off).
SolverFactory = Callable[["Parts"], "Solver | None"]
SOLVERS: Registry[SolverFactory] = Registry("solver")
# Routes whose solver never reads the index or the graph: kept when the knowledge base changes.
INDEPENDENT = frozenset({"memory", "math"})


class Parts:
    """The embedder, LLM, index, graph, memories and solvers of one Reasoner, built lazily.

    Args:
        config: the settings every part is made from.
        has_kb: a knowledge index was built or opened (graph, compose and rag routes).
        embedder, llm: parts already made (an embedder object, a loaded LLM) to use as is.
    """

    def __init__(self, config: Config, *, has_kb: bool, embedder: Embedder | None = None,
                 llm: LLM | None = None) -> None:  # fmt: skip
        self.config = config
        self.has_kb = has_kb
        self._reuse: dict[str, Solver] = {}  # solvers that do not read the index (kept across rebuilds)
        self._loading = threading.Lock()
        if embedder is not None:
            self.__dict__["embedder"] = embedder  # cached_property: given, not built
        if llm is not None:
            self.__dict__["llm"] = llm

    def rebuilt(self, *, index: KnowledgeIndex, graph: KnowledgeGraph) -> Parts:
        """Parts over a (re)built index and graph, keeping the loaded models, the memories and
        the solvers that do not read the index (the math worker keeps running)."""
        new = Parts(self.config, has_kb=True)
        for name in ("embedder", "llm", "memory", "subproblems", "graph_store"):
            if name in self.__dict__:
                new.__dict__[name] = self.__dict__[name]
        new.__dict__["index"], new.__dict__["graph"] = index, graph
        new._reuse = {r: s for r, s in (self.loaded("solvers") or {}).items() if r in INDEPENDENT}
        return new

    def loaded(self, name: str) -> Any | None:
        """A part if it was built already (never builds it)."""
        return self.__dict__.get(name)

    @cached_property
    def embedder(self) -> Embedder:
        from reasoner.retrieval.embedder import load_embedder

        return load_embedder(self.config.embedder, cache_dir=self.config.cache_dir,
                             threads=self.config.embedder_threads)  # fmt: skip

    @cached_property
    def llm(self) -> LLM:
        from reasoner.llm import load_llm

        with self._loading:  # two threads asking at once load one model, not two
            if "llm" in self.__dict__:
                return self.__dict__["llm"]
            return load_llm(self.config.llm, cache_dir=self.config.cache_dir)

    @cached_property
    def index(self) -> KnowledgeIndex | None:
        if not self.has_kb:
            return None
        return index_backend(self.config).open(self.config.index_dir, embedder=self.embedder)

    @cached_property
    def graph(self) -> KnowledgeGraph | None:
        if not self.has_kb:
            return None
        return self.graph_store.load(self.config.index_dir)

    @cached_property
    def graph_store(self) -> GraphStore:
        """Where the graph is kept: the index folder's files, or the database ``Config.database_url`` names."""
        return graph_backend(self.config)

    def memory_dir(self) -> Path:
        return (self.config.index_dir if self.has_kb else self.config.cache_dir) / "memory"

    def memory_location(self) -> Path | str:
        """The shared database when ``Config.database_url`` names one, else the memory folder."""
        return self.config.database_url or self.memory_dir()

    @cached_property
    def memory(self) -> AnswerMemory | None:
        """The answer memory (None when ``Config.memory`` is off)."""
        if not self.config.memory:
            return None
        from reasoner.memory import AnswerMemory

        return AnswerMemory(self.memory_location(), self.embedder, max_entries=self.config.memory_max_entries,
                            false_hit_rate=self.config.memory_false_hit_rate)  # fmt: skip

    @cached_property
    def subproblems(self) -> SubproblemCache | None:
        if not self.config.memory:
            return None
        from reasoner.memory import SubproblemCache

        return SubproblemCache(self.memory_location())

    @cached_property
    def solvers(self) -> dict[RouteName, Solver]:
        """One solver per route that can run here, in ``ROUTES`` order."""
        out: dict[RouteName, Solver] = {}
        for route in ROUTES:
            solver = self._reuse.get(route) or SOLVERS.resolve(self.config.solvers.get(route, route))(self)
            if solver is not None:
                out[route] = solver
        return out

    def search(self, query: str, k: int, *, groups: frozenset[str] | None = None) -> list[Hit]:
        """Hybrid retrieval over the knowledge index, over what ``groups`` may read."""
        if self.index is None:
            raise IndexError_("no knowledge index is open")
        return self.index.search(query, k=k, groups=groups)

    def stored_vectors(self, texts: list[str]) -> dict[str, Any]:
        """The knowledge index's stored vectors of the reader's candidate texts (none from a backend
        that stores none: the PostgreSQL one)."""
        lookup = getattr(self.index, "stored_vectors", None)
        return lookup(texts) if lookup is not None else {}

    def close_solvers(self, *, keep: Iterable[str] = ()) -> None:
        """Stop what the solvers run (the math worker process), except the routes in ``keep``."""
        for route, solver in (self.loaded("solvers") or {}).items():
            if route not in keep and hasattr(solver, "close"):
                solver.close()

    def close(self) -> None:
        """Close the memories, the index and the solvers' workers."""
        for name in ("memory", "subproblems", "index", "graph_store"):
            part = self.loaded(name)
            if part is not None:
                part.close()
        self.close_solvers()


def index_backend(config: Config) -> Any:
    """What builds and opens the knowledge index: the embedded files, or the database ``config`` names."""
    if config.database_url is None:
        from reasoner.retrieval.index import KnowledgeIndex

        return KnowledgeIndex
    from reasoner.retrieval.pgindex import PostgresBackend

    return PostgresBackend(config.database_url)


def graph_backend(config: Config) -> GraphStore:
    """Where the knowledge graph is kept: the index folder's files, or the database ``config`` names."""
    if config.database_url is None:
        from reasoner.graph.store import FileGraphStore

        return FileGraphStore()
    from reasoner.graph.postgres import PostgresGraphStore

    return PostgresGraphStore(config.database_url)


class LazyLLM:
    """Stands in for the LLM until the first generation, so retrieval-only work never loads it."""

    def __init__(self, parts: Parts) -> None:
        self.parts = parts

    @property
    def name(self) -> str:
        spec = self.parts.config.llm
        return spec if isinstance(spec, str) else type(spec).__name__

    @property
    def params(self) -> int:
        return getattr(self.parts.llm, "params", 0)

    @property
    def supports_grammar(self) -> bool:
        """Whether the model can be held to a grammar (loads it: asked only before a generation)."""
        from reasoner.llm import supports_grammar

        return supports_grammar(self.parts.llm)

    def generate(self, messages: Any, **kw: Any) -> Generation:
        return self.parts.llm.generate(messages, **kw)


# -- the built-in routes ------------------------------------------------------------------------


@SOLVERS.register("memory")
def _memory(parts: Parts) -> Solver | None:
    from reasoner.solvers.memory import MemorySolver

    if parts.memory is None:
        return None
    return MemorySolver(parts.memory, search=parts.search if parts.has_kb else None)


@SOLVERS.register("math")
def _math(parts: Parts) -> Solver:
    from reasoner.solvers.math import MathSolver

    return MathSolver(timeout_s=parts.config.math_timeout_s)


@SOLVERS.register("graph")
def _graph(parts: Parts) -> Solver | None:
    if not parts.has_kb:
        return None
    from reasoner.solvers.graph.visible import VisibleGraphSolver

    return VisibleGraphSolver(parts.graph, parts.embedder)


@SOLVERS.register("compose")
def _compose(parts: Parts) -> Solver | None:
    from reasoner.solvers.compose import ComposeSolver

    return ComposeSolver() if parts.has_kb else None


@SOLVERS.register("rag")
def _rag(parts: Parts) -> Solver | None:
    if not parts.has_kb:
        return None
    from reasoner.solvers.rag import RagSolver

    # Answers read by meaning with the loaded embedder; the LLM writes only replies that want a
    # description ("explain ..."), where it measurably helps (benchmarks/notes/kb.md).
    return RagSolver(parts.search, LazyLLM(parts), embedder=parts.embedder, llm_kinds=frozenset({"explain"}),
                     stored_vectors=parts.stored_vectors)  # fmt: skip


@SOLVERS.register("rag-baseline")
def _rag_baseline(parts: Parts) -> Solver | None:
    """The baseline every comparison uses: retrieval + LLM on every question, with no shortcut
    (no extractive answer, no abstention before the model is asked) and all k sources in the
    prompt, as a plain retrieval + LLM pipeline sends them."""
    if not parts.has_kb:
        return None
    from reasoner.solvers.rag import RagSolver

    return RagSolver(parts.search, LazyLLM(parts), extractive_first=False, min_score=0.0, llm_min_support=0.0,
                     prompt_sources=0)  # fmt: skip


@SOLVERS.register("closed-book")
def _closed_book(parts: Parts) -> Solver | None:
    if parts.has_kb:
        return None
    from reasoner.solvers.closed_book import ClosedBookSolver

    return ClosedBookSolver(LazyLLM(parts))
