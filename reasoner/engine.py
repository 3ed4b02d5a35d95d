"""The Reasoner facade: build or open an index, ask questions, stream, keep a ledger.

It wires the parts together and runs the controller's plan. Heavy parts (the
embedder, the index, the graph, the LLM) load lazily, on first use.
"""

from __future__ import annotations

import dataclasses
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.runnables import Runnable, RunnableConfig

from reasoner import controller
from reasoner.config import Config, index_exists
from reasoner.errors import ConfigError, IndexError_, ReasonerError
from reasoner.ledger import Ledger, peak_rss_mb
from reasoner.query.composite import Composite, fill, parse_composite
from reasoner.query.followup import resolve, strip_politeness
from reasoner.text.numbers import parse_number
from reasoner.types import Answer, Budget, Cost, Estimate, Query, Step

StepHook = Callable[[Step], None]
TokenHook = Callable[[str], None]


@dataclass
class StreamEvent:
    """One item of ``Reasoner.stream``: a token, a step, or the final answer."""

    kind: str  # "token" | "step" | "answer"
    text: str = ""
    step: Step | None = None
    answer: Answer | None = None


class Reasoner(Runnable[Any, Answer]):
    """Answers questions by the cheapest route that can answer them correctly.

    Example:
        >>> r = Reasoner.build("kb/", index_dir="indexes/")
        >>> a = r.ask("How many vacation days do new hires get?")
        >>> a.value, a.route, a.cost.wall_ms
    """

    def __init__(
        self, config: Config | None = None, *, llm: Any = None, embedder: Any = None, **overrides: Any
    ):
        if config is not None and overrides:
            config = dataclasses.replace(config, **overrides)
        self.config = config or Config.load(**overrides)
        if llm is not None:  # a name, a path, an LLM or a LangChain chat model: load_llm sorts it out
            self.config.llm = llm
        if embedder is not None and not isinstance(embedder, str):
            self._embedder = embedder
        elif embedder is not None:
            self.config.embedder = embedder
        self.has_kb = False
        self.ledger = Ledger()
        self.last: Answer | None = None
        self.last_report: Any = None
        self._lock = threading.RLock()
        self._reuse_generations = False  # set per question: reuse LLM replies only when memory is on
        self.effort = controller.EffortPolicy()  # is best-of-N paying in this session?

    # -- construction ---------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        kb_dir: str | Path = "kb",
        index_dir: str | Path = "indexes",
        *,
        progress: bool = True,
        rebuild: bool = False,
        config: Config | None = None,
        **overrides: Any,
    ) -> Reasoner:
        """Index ``kb_dir`` into ``index_dir`` (incrementally), then open it."""
        r = cls(config, kb_dir=Path(kb_dir), index_dir=Path(index_dir), **overrides)
        if not r.config.kb_dir.is_dir():
            raise ConfigError(f"knowledge base folder not found: {r.config.kb_dir}")
        r.has_kb = True
        r.index(progress=progress, rebuild=rebuild)
        return r

    @classmethod
    def open(
        cls, index_dir: str | Path = "indexes", *, config: Config | None = None, **overrides: Any
    ) -> Reasoner:
        """Open what `reasoner index` built in ``index_dir``."""
        r = cls(config, index_dir=Path(index_dir), **overrides)
        if not index_exists(r.config.index_dir):
            raise IndexError_(f"no index in {r.config.index_dir}: run `reasoner index` first")
        r.has_kb = True
        return r

    def index(self, kb_dir: str | Path | None = None, *, progress: bool = True, rebuild: bool = False) -> Any:
        """(Re)index the knowledge base; drop memory entries whose sources changed.

        ``rebuild`` re-embeds everything, e.g. after changing the embedder or chunk size.
        """
        from reasoner.graph import KnowledgeGraph
        from reasoner.retrieval.index import KnowledgeIndex

        kb = Path(kb_dir) if kb_dir else self.config.kb_dir
        with self._lock:
            if getattr(self, "_index", None) is not None:
                self._index.close()  # its SQLite connection and files are replaced
                self._index = None
            idx, report = KnowledgeIndex.update(
                kb, self.config.index_dir, embedder=self.embedder, progress=progress, rebuild=rebuild
            )
            graph = KnowledgeGraph.update(kb, self.config.index_dir, changed=report.changed_sources or None)
            self._index, self._graph_obj, self.has_kb = idx, graph, True
            self.__dict__.pop("_solvers", None)
            self._invalidate(report)
        self.last_report = report
        return report

    def _invalidate(self, report: Any) -> None:
        changed, hashes = set(report.changed_sources), set(report.removed_chunk_hashes)
        if not (changed or hashes):
            return
        if self.memory is not None:
            self.memory.invalidate(sources=changed, chunk_hashes=hashes)
        if self.subproblems is not None:
            self.subproblems.invalidate(sources=changed, chunk_hashes=hashes)

    # -- lazily loaded parts --------------------------------------------------------------------

    @property
    def embedder(self) -> Any:
        if getattr(self, "_embedder", None) is None:
            from reasoner.retrieval.embedder import load_embedder

            self._embedder = load_embedder(self.config.embedder, cache_dir=self.config.cache_dir)
        return self._embedder

    @property
    def llm(self) -> Any:
        if getattr(self, "_llm", None) is None:
            from reasoner.llm import load_llm

            self._llm = load_llm(self.config.llm, cache_dir=self.config.cache_dir)
        return self._llm

    @property
    def kb_index(self) -> Any:
        if not self.has_kb:
            return None
        if getattr(self, "_index", None) is None:
            from reasoner.retrieval.index import KnowledgeIndex

            self._index = KnowledgeIndex.open(self.config.index_dir, embedder=self.embedder)
        return self._index

    @property
    def graph(self) -> Any:
        if not self.has_kb:
            return None
        if getattr(self, "_graph_obj", None) is None:
            from reasoner.graph import KnowledgeGraph

            self._graph_obj = KnowledgeGraph.load(self.config.index_dir)
        return self._graph_obj

    def _memory_dir(self) -> Path:
        return (self.config.index_dir if self.has_kb else self.config.cache_dir) / "memory"

    @property
    def memory(self) -> Any:
        """The answer memory (None when disabled)."""
        if not self.config.memory:
            return None
        if getattr(self, "_memory", None) is None:
            from reasoner.memory import AnswerMemory

            self._memory = AnswerMemory(
                self._memory_dir(), self.embedder, max_entries=self.config.memory_max_entries
            )
        return self._memory

    @property
    def subproblems(self) -> Any:
        if not self.config.memory:
            return None
        if getattr(self, "_subproblems", None) is None:
            from reasoner.memory import SubproblemCache

            self._subproblems = SubproblemCache(self._memory_dir())
        return self._subproblems

    @property
    def solvers(self) -> dict[str, Any]:
        if "_solvers" not in self.__dict__:
            self._solvers = self._make_solvers()
        return self._solvers

    def _make_solvers(self) -> dict[str, Any]:
        from reasoner.solvers.math import MathSolver

        solvers: dict[str, Any] = {"math": MathSolver(timeout_s=self.config.math_timeout_s)}
        if self.has_kb:
            from reasoner.solvers.graph import GraphSolver

            solvers["graph"] = GraphSolver(self.graph, self.embedder)
        if not self.has_kb:
            from reasoner.solvers.closed_book import ClosedBookSolver

            solvers["rag"] = ClosedBookSolver(_LazyLLM(self))
            return solvers
        from reasoner.solvers.rag.solver import RagSolver

        solvers["rag"] = RagSolver(
            self._search, _LazyLLM(self), generations=self._generations, embedder=self.embedder,
            llm_kinds=frozenset({"explain"}),
        )
        # `--route rag` is the baseline every comparison uses: retrieval + LLM on every question,
        # with no shortcut (no extractive answer, no abstention before the model is asked) and
        # all k sources in the prompt, as a plain retrieval + LLM pipeline sends them.
        solvers["rag-llm"] = RagSolver(
            self._search,
            _LazyLLM(self),
            extractive_first=False,
            min_score=0.0,
            llm_min_support=0.0,
            prompt_sources=0,
        )
        return solvers

    def _generations(self) -> Any:
        """The store for LLM replies (prompt hash plus model) while the current question uses memory."""
        return self.subproblems if self._reuse_generations else None

    def _search(self, query: str, k: int) -> list[Any]:
        return self.kb_index.search(query, k=k)

    def warm(self) -> None:
        """Load the parts a first question needs (the chat calls this in the background)."""
        _ = self.solvers, self.memory
        if self.has_kb:
            _ = self.kb_index

    # -- asking ---------------------------------------------------------------------------------

    def ask(
        self,
        question: str,
        *,
        route: str = "auto",
        use_memory: bool = True,
        budget: Budget | None = None,
        on_token: TokenHook | None = None,
        on_step: StepHook | None = None,
        history: tuple[tuple[str, str], ...] = (),
    ) -> Answer:
        """Answer one question.

        Args:
            question: the question in plain words or symbols.
            route: "auto" (the controller decides) or one of "memory", "math", "graph", "rag".
            use_memory: read and write the answer memory.
            budget: limits for this query (defaults from Config).
            on_token: receives streamed LLM text.
            on_step: receives each Step as it completes.
            history: earlier (question, answer text) turns.
        """
        if route not in ("auto", *controller.EXPECTED_MS):
            raise ConfigError(f"unknown route {route!r}; choose auto, memory, math, graph, rag or compose")
        t0 = time.perf_counter()
        budget = budget or self._budget(on_token)
        if on_token and budget.on_token is None:
            budget.on_token = on_token
        with self._lock:
            run = _Run(self, budget, on_step, use_memory and self.config.memory)
            self._reuse_generations = run.use_memory
            answer = run.answer(Query(strip_politeness(question.strip()), tuple(history), route))
            answer.cost.wall_ms = (time.perf_counter() - t0) * 1e3
            answer.cost.peak_rss_mb = peak_rss_mb()
            self.ledger.record(answer)
            if run.use_memory and route in ("auto", "memory"):
                self._remember(question, answer)
        self.last = answer
        return answer

    def _budget(self, on_token: TokenHook | None) -> Budget:
        cfg = self.config
        spent = self.ledger.total.tokens_out
        max_tokens = cfg.max_tokens
        if cfg.session_max_tokens is not None:
            max_tokens = max(0, min(max_tokens, cfg.session_max_tokens - spent))
        effort = "high" if cfg.effort == "high" else "low"
        return Budget(
            max_tokens=max_tokens, max_ms=cfg.max_ms, effort=effort, samples=cfg.samples, on_token=on_token
        )

    def _remember(self, question: str, answer: Answer) -> None:
        if answer.from_memory or answer.abstained or not answer.verified or self.memory is None:
            return
        if answer.route == "math":
            return  # remembered by canonical key in the subproblem memory, without an embedding
        try:
            self.memory.put(question, answer)
        except ReasonerError as exc:  # a full or locked memory never fails the answer
            answer.steps.append(Step("memory", "store", error=str(exc)))

    def stream(self, input: Any, config: RunnableConfig | None = None, **kw: Any) -> Iterator[StreamEvent]:
        """Yield tokens and steps as they happen, then the final answer."""
        events: queue.Queue[StreamEvent | None] = queue.Queue()
        question = _question_of(input)
        result: dict[str, Any] = {}

        def work() -> None:
            try:
                result["answer"] = self.ask(
                    question,
                    on_token=lambda t: events.put(StreamEvent("token", text=t)),
                    on_step=lambda s: events.put(StreamEvent("step", step=s)),
                    **kw,
                )
            except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
                result["error"] = exc
            finally:
                events.put(None)

        threading.Thread(target=work, daemon=True).start()
        while (event := events.get()) is not None:
            yield event
        if "error" in result:
            raise result["error"]
        yield StreamEvent("answer", answer=result["answer"])

    def conversation(self) -> Conversation:
        """A conversation that resolves follow-up questions from earlier turns."""
        return Conversation(self)

    def forget(self) -> None:
        """Clear the answer memory and the subproblem memory."""
        for part in (self.memory, self.subproblems):
            if part is not None:
                part.clear()

    # -- LangChain Runnable ---------------------------------------------------------------------

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kw: Any) -> Answer:
        """Runnable entry point: a question string, or a dict with "question"."""
        return self.ask(_question_of(input), **kw)

    # -- reporting ------------------------------------------------------------------------------

    def stats(self) -> dict[str, dict[str, Any]]:
        """Sizes of the index, graph and memory, and the session's ledger."""
        out: dict[str, dict[str, Any]] = {"session": self.ledger.summary()}
        if self.has_kb:
            idx = self.kb_index
            out["index"] = {
                "path": str(self.config.index_dir),
                "chunks": len(idx),
                "sources": len(idx.sources()),
                "version": idx.version,
            }
            out["graph"] = self.graph.stats() if hasattr(self.graph, "stats") else {}
        if self.memory is not None:
            out["memory"] = self.memory.stats()
        return out

    def close(self) -> None:
        for name in ("_memory", "_subproblems", "_index"):
            part = getattr(self, name, None)
            if part is not None and hasattr(part, "close"):
                part.close()


def _question_of(input: Any) -> str:
    if isinstance(input, dict):
        input = input.get("question") or input.get("input") or ""
    if not isinstance(input, str):
        raise ConfigError("a question must be a string or a dict with a 'question' key")
    return input


class _LazyLLM:
    """Stands in for the LLM until the first generation, so retrieval-only work never loads it."""

    def __init__(self, owner: Reasoner) -> None:
        self.owner = owner

    @property
    def name(self) -> str:
        spec = self.owner.config.llm
        return spec if isinstance(spec, str) else type(spec).__name__

    @property
    def params(self) -> int:
        return getattr(self.owner.llm, "params", 0)

    def generate(self, messages: Any, **kw: Any) -> Any:
        return self.owner.llm.generate(messages, **kw)


class _Run:
    """One question's trip through the cascade; collects steps and costs."""

    def __init__(self, owner: Reasoner, budget: Budget, on_step: StepHook | None, use_memory: bool):
        self.r = owner
        self.budget = budget
        self.on_step = on_step
        self.use_memory = use_memory
        self.steps: list[Step] = []
        self.t0 = time.perf_counter()

    def step(self, step: Step) -> None:
        self.steps.append(step)
        if self.on_step:
            self.on_step(step)

    def elapsed_ms(self) -> float:
        return (time.perf_counter() - self.t0) * 1e3

    def answer(self, query: Query, *, allow_compose: bool = True, numeric: bool = False) -> Answer:
        """Run the cascade; ``numeric``: only an answer with a numeric value will do."""
        if not query.text:
            return Answer.abstain("Please ask a question.", steps=self.steps)
        signals, estimates = self.signals(query, allow_compose)
        numeric = numeric or "compose" in estimates
        plan = controller.plan(signals, forced=None if query.route in (None, "auto") else query.route)
        detail = f"{' -> '.join(plan.names)} ({plan.reason})"
        if self.r.config.effort == "auto" and plan.effort == "high":
            if self.r.effort.allows():
                self.budget.effort = "high"
            else:
                detail += f"; hard, but no extra effort: {self.r.effort.describe()}"
        self.step(Step("controller", "plan", detail))
        best = self.cascade(query, plan, estimates, numeric)
        best.steps = self.steps + [s for s in best.steps if s not in self.steps]
        return best

    def signals(self, query: Query, allow_compose: bool) -> tuple[controller.Signals, dict[str, Any]]:
        """Cheap signals, cheapest first; stop measuring once a cheap route is confident."""
        t = time.perf_counter()
        estimates: dict[str, Any] = {}
        forced = query.route not in (None, "auto")
        solvers = self.r.solvers
        if not forced or query.route == "math":
            estimates["math"] = self._estimate(solvers["math"], query)
        # A confident math parse is cheaper than a semantic memory lookup (no embedder needed);
        # its repeats hit the subproblem memory by canonical key instead.
        exact_math = not forced and estimates["math"].confidence >= controller.CONFIDENT
        if self.use_memory and query.route in (None, "auto", "memory") and not exact_math \
                and self.r.memory is not None:
            hit = self.r.memory.get(query.text)
            if hit is not None:
                estimates["memory"] = hit
        if "graph" in solvers and (not forced or query.route == "graph"):
            estimates["graph"] = self._estimate(solvers["graph"], query)
        if allow_compose and self.r.has_kb and (not forced or query.route == "compose"):
            comp = parse_composite(query.text)
            if comp is not None:
                estimates["compose"] = Estimate(
                    "compose", 0.7, controller.EXPECTED_MS["compose"], comp.frame, comp
                )
        confident = any(e.confidence >= controller.CONFIDENT for k, e in estimates.items() if k != "memory")
        if "memory" not in estimates and (not confident or forced) and (not forced or query.route == "rag"):
            estimates["rag"] = self._estimate(solvers["rag"], query)
        sig = controller.Signals(
            memory=estimates["memory"].similarity if "memory" in estimates else None,
            math=_conf(estimates, "math"),
            graph=_conf(estimates, "graph"),
            rag=_conf(estimates, "rag"),
            compose=_conf(estimates, "compose"),
            has_kb=self.r.has_kb,
            has_llm=True,
        )
        detail = ", ".join(f"{k} {v:.2f}" for k, v in dataclasses.asdict(sig).items() if isinstance(v, float))
        self.step(Step("controller", "signals", detail, cost=Cost(wall_ms=(time.perf_counter() - t) * 1e3)))
        return sig, estimates

    def _estimate(self, solver: Any, query: Query) -> Estimate:
        try:
            return solver.estimate(query)
        except (ReasonerError, ValueError, RuntimeError, OSError) as exc:
            self.step(Step(solver.name, "estimate", error=f"{type(exc).__name__}: {exc}"))
            return Estimate(solver.name, 0.0, detail="estimate failed")

    def cascade(self, query: Query, plan: controller.Plan, estimates: dict[str, Any], numeric: bool) -> Answer:
        tried: list[Answer] = []
        for planned in plan.routes:
            if self.elapsed_ms() > self.budget.max_ms or (
                planned.route == "rag" and self.budget.max_tokens <= 0
            ):
                self.step(Step(planned.route, "skip", "budget spent"))
                return self.out_of_budget(tried)
            answer = self.solve(planned.route, query, estimates.get(planned.route))
            verdict = "accepted" if controller.accept(answer, planned, numeric=numeric) else "escalate"
            self.step(
                Step(
                    planned.route,
                    "verify",
                    answer.verdict or "-",
                    answer.confidence,
                    verdict,
                    cost=answer.cost,
                )
            )
            if verdict == "accepted":
                return answer
            tried.append(answer)
        return self.nothing_found(tried)

    def solve(self, route: str, query: Query, estimate: Any) -> Answer:
        t = time.perf_counter()
        try:
            if route == "memory":
                answer = self.from_memory(query, estimate)
            elif route == "compose":
                answer = self.compose(query, estimate.payload if estimate else parse_composite(query.text))
            else:
                answer = self.cached_solve(route, query, estimate)
        except (ReasonerError, ValueError, RuntimeError, OSError, MemoryError) as exc:
            answer = Answer.abstain(f"The {route} route failed: {exc}", route=route, verdict=f"error: {exc}")
        answer.cost.wall_ms = answer.cost.wall_ms or (time.perf_counter() - t) * 1e3
        if route == "rag":  # the effort policy learns whether extra samples paid
            for s in answer.steps:
                if s.action == "effort":
                    self.r.effort.record(s.verdict == "paid")
        return answer

    def from_memory(self, query: Query, hit: Any) -> Answer:
        if hit is None:
            return Answer.abstain("Nothing similar is in memory.", route="memory")
        answer = hit.answer
        answer.from_memory, answer.route = True, "memory"
        answer.cost = Cost(cache_hits=1)
        answer.verdict = f"memory hit (similarity {hit.similarity:.3f}) for: {hit.question}"
        return answer

    def cached_solve(self, route: str, query: Query, estimate: Any) -> Answer:
        """Solve through the subproblem memory: exact keys per route, invalidated by provenance."""
        forced_rag = route == "rag" and query.route == "rag" and "rag-llm" in self.r.solvers
        solver = self.r.solvers.get("rag-llm" if forced_rag else route)
        if solver is None:
            return Answer.abstain(f"The {route} route is not available here.", route=route)
        cache = self.r.subproblems if self.use_memory and route != "rag" else None
        key = self.subproblem_key(route, query, estimate)
        if cache is not None and key:
            stored = cache.get(key)
            if stored is not None:
                answer = Answer.from_dict(stored)
                answer.cost = Cost(cache_hits=1)
                return answer
        answer = solver.solve(query, self.budget, estimate)
        if cache is not None and key and answer.verified and not answer.abstained:
            from reasoner.memory.provenance import Provenance

            cache.put(key, answer.to_dict(), kind=route, depends_on=Provenance.from_evidence(answer.evidence))
        return answer

    def subproblem_key(self, route: str, query: Query, estimate: Any) -> str | None:
        if route == "math":
            from reasoner.solvers.math import canonical_key

            key = canonical_key(query.text)
            return f"math:{key}" if key else None
        if route == "graph" and self.r.graph is not None:
            return f"graph:{getattr(self.r.graph, 'version', '')}:{' '.join(query.text.lower().split())}"
        return None

    def compose(self, query: Query, comp: Composite | None) -> Answer:
        """Answer each sub-question through the cascade, then do the arithmetic exactly."""
        if comp is None:
            return Answer.abstain("Not a composite question.", route="compose")
        values, evidence, verified = [], [], True
        for part in comp.parts:
            sub = self.answer(Query(part), allow_compose=False, numeric=True)
            num = parse_number(sub.value)
            self.step(
                Step(
                    "compose",
                    "subproblem",
                    f"{part} -> {sub.value} ({sub.route})",
                    sub.confidence,
                    "ok" if num is not None else "no number",
                    cost=sub.cost,
                )
            )
            if sub.abstained or num is None:
                return Answer.abstain(
                    f"I could not find a number for: {part}", route="compose", verdict="subproblem unanswered"
                )
            values.append(sub.value or "")
            evidence.extend(sub.evidence)
            verified = verified and bool(sub.verified)
        expr = fill(comp.template, values)
        math_answer = self.cached_solve("math", Query(expr), None)
        if math_answer.abstained:
            return Answer.abstain(f"Could not compute {expr}.", route="compose", verdict=math_answer.verdict)
        facts = "; ".join(f"{p.rstrip('?')} = {v}" for p, v in zip(comp.parts, values, strict=True))
        return Answer(
            text=f"{facts}. So {expr} = {math_answer.value}.",
            value=math_answer.value,
            route="compose",
            confidence=min(0.9, math_answer.confidence or 0.9),
            verified=verified and bool(math_answer.verified),
            verdict=f"sub-answers {'verified' if verified else 'unverified'}; arithmetic {math_answer.verdict}",
            evidence=evidence + math_answer.evidence,
            key=math_answer.key,
        )

    def out_of_budget(self, tried: list[Answer]) -> Answer:
        answer = self.nothing_found(tried)
        answer.budget_exhausted = True
        answer.text += " (The budget for this question ran out.)"
        return answer

    def nothing_found(self, tried: list[Answer]) -> Answer:
        """No route verified an answer: keep an unverified LLM reply only when there is no KB to check."""
        usable = [a for a in tried if not a.abstained and a.verified is not False]
        if usable and not self.r.has_kb:
            best = max(usable, key=lambda a: a.confidence)
            best.verdict = best.verdict or "unverified: no knowledge base to check against"
            return best
        reasons = "; ".join(f"{a.route}: {a.verdict}" for a in tried if a.verdict)
        cost = Cost()
        for a in tried:
            cost.add(a.cost)
        return Answer.abstain(
            "I don't know: the knowledge base and the solvers do not support an answer.",
            verdict=reasons or "no route applies",
            cost=cost,
        )


def _conf(estimates: dict[str, Any], name: str) -> float | None:
    est = estimates.get(name)
    return None if est is None else float(est.confidence)


class Conversation:
    """Turns of a chat with the same Reasoner; follow-ups are rewritten before asking."""

    def __init__(self, reasoner: Reasoner) -> None:
        self.reasoner = reasoner
        self.turns: list[tuple[str, Answer]] = []
        self.last_resolved: str = ""

    def ask(self, question: str, **kw: Any) -> Answer:
        history = [(q, a.value) for q, a in self.turns]
        self.last_resolved = resolve(question, history)
        past = tuple((q, a.text) for q, a in self.turns[-4:])
        answer = self.reasoner.ask(self.last_resolved, history=past, **kw)
        if self.last_resolved != question:
            answer.steps.insert(0, Step("conversation", "resolve", f"{question!r} -> {self.last_resolved!r}"))
        self.turns.append((self.last_resolved, answer))
        return answer
