"""The Reasoner facade: build or open an index, ask questions, stream, keep a ledger.

It holds the parts (``reasoner.factory.Parts``, built lazily from the Config) and runs
the cascade; every routing decision is the controller's (``reasoner.controller``), every
answer a solver's. The engine itself holds no policy.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import EllipsisType
from typing import Any

from langchain_core.runnables import Runnable, RunnableConfig

from reasoner import controller
from reasoner.config import Config, index_exists
from reasoner.errors import (
    BudgetExceeded,
    ConfigError,
    IndexError_,
    ModelError,
    ParseError,
    SolverError,
    UnreadableFile,
)
from reasoner.factory import INDEPENDENT, Parts, index_backend
from reasoner.ingest import access
from reasoner.ledger import Ledger, peak_rss_mb
from reasoner.query.followup import conversation_of, resolve, strip_politeness
from reasoner.query.screen import screen
from reasoner.types import FORCIBLE, Answer, Budget, Cacheable, Context, Cost, Estimate, Query, Solver, Step

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
        self, config: Config | None = None, *, llm: Any = None, embedder: Any = None,
        groups: Iterable[str] | str | None = None, **overrides: Any,
    ):  # fmt: skip
        if config is not None and overrides:
            config = dataclasses.replace(config, **overrides)
        config = config or Config.load(**overrides)
        if llm is not None:  # a name, a path, an LLM or a LangChain chat model: load_llm sorts it out
            config = dataclasses.replace(config, llm=llm)
        if isinstance(embedder, str):
            config = dataclasses.replace(config, embedder=embedder)
        self.config = config
        self.parts = Parts(config, has_kb=False, embedder=None if isinstance(embedder, str) else embedder)
        self.ledger = Ledger()
        self.last: Answer | None = None
        self.last_report: Any = None
        self._lock = threading.RLock()
        self.effort = controller.EffortPolicy()  # is best-of-N paying in this session?
        # Who asks: answers come only from what these groups may read (None: an unrestricted caller).
        self.groups: frozenset[str] | None = access.caller(groups)

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
        r.index(progress=progress, rebuild=rebuild)
        return r

    @classmethod
    def open(
        cls, index_dir: str | Path = "indexes", *, config: Config | None = None,
        groups: Iterable[str] | str | None = None, **overrides: Any,
    ) -> Reasoner:  # fmt: skip
        """Open what `reasoner index` built in ``index_dir`` (``groups``: who asks; None: unrestricted)."""
        r = cls(config, index_dir=Path(index_dir), groups=groups, **overrides)
        if not (r.config.database_url or index_exists(r.config.index_dir)):  # a database says so itself
            raise IndexError_(f"no index in {r.config.index_dir}: run `reasoner index` first")
        r.parts = Parts(r.config, has_kb=True, embedder=r.parts.loaded("embedder"))
        return r

    def index(self, kb_dir: str | Path | None = None, *, progress: bool = True, rebuild: bool = False) -> Any:
        """(Re)index the knowledge base; drop memory entries whose sources changed.

        ``rebuild`` re-embeds everything, e.g. after changing the embedder or chunk size.
        """
        kb = Path(kb_dir) if kb_dir else self.config.kb_dir
        with self._lock:
            old = self.parts
            if old.loaded("index") is not None:
                old.index.close()  # its SQLite connection and files are replaced
            idx, report = index_backend(self.config).update(
                kb, self.config.index_dir, embedder=old.embedder, progress=progress, rebuild=rebuild,
                limits=self._limits(), access=self._access_rules(), sentence_vectors=self.config.sentence_vectors,
            )
            graph = old.graph_store.update(kb, self.config.index_dir, report.fingerprints, access=idx.file_access())
            old.close_solvers(keep=INDEPENDENT)
            self.parts = old.rebuilt(index=idx, graph=graph)
            self._invalidate(report)
        self.last_report = report
        return report

    def _follow_index(self) -> None:
        """Move to the knowledge base another process re-indexed (a long-lived chat or server):
        the index reloads its newest generation, the graph follows (or moves alone: in a database
        it commits after the index), the solvers over them are rebuilt. One small read per part
        when nothing changed."""
        idx, graph = self.parts.loaded("index"), self.parts.loaded("graph")
        moved = idx is not None and idx.refresh()
        if not moved and (graph is None or not self.parts.graph_store.changed(graph)):
            return
        graph = self.parts.graph_store.load(self.config.index_dir)
        self.parts.close_solvers(keep=INDEPENDENT)
        self.parts = self.parts.rebuilt(index=idx or self.parts.index, graph=graph)

    def _access_rules(self) -> Any:
        from reasoner.ingest.access import AccessRules

        return AccessRules.from_settings(self.config.default_access, self.config.access, {})

    def _limits(self) -> Any:
        from reasoner.retrieval.updater import Limits

        cfg = self.config
        return Limits(int(cfg.max_file_mb * 2**20), cfg.max_chunks_per_file, cfg.follow_outside_links)

    def _invalidate(self, report: Any) -> None:
        changed, hashes = set(report.changed_sources), set(report.removed_chunk_hashes)
        if not (changed or hashes):
            return
        for store in (self.parts.memory, self.parts.subproblems):
            if store is not None:
                store.invalidate(sources=changed, chunk_hashes=hashes)

    # -- parts the library API names -------------------------------------------------------------

    @property
    def has_kb(self) -> bool:
        """A knowledge base is open (the graph, compose and rag routes can run)."""
        return self.parts.has_kb

    @property
    def memory(self) -> Any:
        """The answer memory (``put``/``get``/``stats``/``clear``; None when memory is off)."""
        return self.parts.memory

    def warm(self) -> None:
        """Load the parts a first question needs (the chat calls this in the background)."""
        _ = self.parts.solvers, self.parts.memory
        if self.has_kb:
            self.parts.stored_vectors([])  # opens the index and reads its sentence vectors

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
        groups: Iterable[str] | str | None | EllipsisType = ...,
    ) -> Answer:
        """Answer one question.

        Args:
            question: the question in plain words or symbols.
            route: "auto" (the controller decides) or one of "memory", "math", "graph",
                "compose", "rag" ("rag" is the baseline: retrieval + one LLM call).
            use_memory: read and write the answer memory.
            budget: limits for this query (defaults from Config).
            on_token: receives streamed LLM text.
            on_step: receives each Step as it completes.
            history: earlier (question, answer text) turns.
            groups: the groups of who asks: the answer rests only on documents, graph edges
                and remembered answers they may read; None is an unrestricted caller; left
                out, the Reasoner's own ``groups``.
        """
        if route != "auto" and route not in FORCIBLE:
            raise ConfigError(f"unknown route {route!r}; choose auto, {', '.join(FORCIBLE)}")
        forced = None if route == "auto" else route
        t0 = time.perf_counter()
        budget = budget or self._budget()
        if on_token and budget.on_token is None:
            budget = dataclasses.replace(budget, on_token=on_token)
        refused = screen(question, max_chars=self.config.max_question_chars)
        if refused is not None:
            answer = Answer.abstain(f"I won't answer that: {refused}.", verdict=f"refused: {refused}", final=True)
            answer.cost.wall_ms = (time.perf_counter() - t0) * 1e3
            self.ledger.record(answer)
            self.last = answer
            return answer
        with self._lock:
            self._follow_index()
            use = use_memory and self.config.memory
            reuse = controller.reuse_generations(forced=forced, use_memory=use)  # type: ignore[arg-type]
            caller = self.groups if groups is ... else access.caller(groups)  # type: ignore[arg-type]
            ctx = Context(budget=budget, use_memory=use, generations=self.parts.subproblems if reuse else None,
                          deadline=t0 + budget.max_ms / 1e3, groups=caller)  # fmt: skip
            query = Query(strip_politeness(question.strip()), tuple(history), forced)  # type: ignore[arg-type]
            run = _Cascade(self, on_step)
            answer = run.answer(query, ctx)
            answer.cost.wall_ms = (time.perf_counter() - t0) * 1e3
            answer.cost.peak_rss_mb = peak_rss_mb()
            self.ledger.record(answer)
            if controller.should_remember(answer, forced=forced, use_memory=use):  # type: ignore[arg-type]
                self._remember(question, answer, query, run.keys)
            elif forced and use and answer.verified and not answer.abstained:
                self._check_memory(question, answer, dataclasses.replace(ctx, keys=tuple(run.keys.values())))
        self.last = answer
        return answer

    def _budget(self) -> Budget:
        cfg = self.config
        spent = self.ledger.total.tokens_out
        max_tokens = cfg.max_tokens
        if cfg.session_max_tokens is not None:
            max_tokens = max(0, min(max_tokens, cfg.session_max_tokens - spent))
        effort = "high" if cfg.effort == "high" else "low"
        return Budget(max_tokens=max_tokens, max_ms=cfg.max_ms, effort=effort, samples=cfg.samples)

    def _remember(self, question: str, answer: Answer, query: Query, keys: dict[str, str]) -> None:
        """Store the answer under the question, its conversation, and the answering route's key."""
        solver = self.parts.solvers.get("memory")
        if solver is None:
            return
        own = (keys[answer.route],) if answer.route in keys else ()
        failed = solver.remember(question, answer, keys=own, conversation=conversation_of(query))
        if failed is not None:
            answer.steps.append(failed)

    def _check_memory(self, question: str, answer: Answer, ctx: Context) -> None:
        """A route asked for by name answered and verified: memory's answer, if it differs, was wrong."""
        solver = self.parts.solvers.get("memory")
        if solver is not None and solver.contradicted(question, answer, ctx):
            answer.steps.append(Step("memory", "contradicted", "the stored answer disagreed: its bar rose"))

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
        for part in (self.parts.memory, self.parts.subproblems):
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
            idx = self.parts.index
            out["index"] = {
                "path": str(self.config.index_dir),
                "chunks": len(idx),
                "sources": len(idx.sources()),
                "version": idx.version,
            }
            out["graph"] = self.parts.graph.stats()
        if self.parts.memory is not None:
            out["memory"] = self.parts.memory.stats()
        return out

    def close(self) -> None:
        """Close the memories, the index and the math worker."""
        self.parts.close()


def _question_of(input: Any) -> str:
    if isinstance(input, dict):
        input = input.get("question") or input.get("input") or ""
    if not isinstance(input, str):
        raise ConfigError("a question must be a string or a dict with a 'question' key")
    return input


# Failures a route meets on a user's question, data or model: recorded on the step, and the
# cascade goes on to the next route (smolagents' separation of model failures from bugs).
RECOVERABLE: tuple[type[Exception], ...] = (ParseError, SolverError, ModelError, BudgetExceeded, UnreadableFile)
log = logging.getLogger("reasoner.engine")


def _recorded(exc: Exception) -> None:
    """Let ``exc`` be recorded as a route failure, or raise it.

    A damaged or half-built index and I/O errors are the system's, not "the knowledge base
    does not say": they raise (the CLI prints one line naming the part and how to repair
    it). Other unexpected errors are bugs: logged with their traceback and recorded, so one
    bad route does not lose the question, but raised where ``REASONER_STRICT`` is set (the
    test suite sets it, so bugs never hide as "I don't know").
    """
    if isinstance(exc, RECOVERABLE):
        return
    if isinstance(exc, (IndexError_, OSError, ConfigError)) or os.environ.get("REASONER_STRICT"):
        raise exc
    log.warning("a route failed unexpectedly (a bug?): %s", exc, exc_info=exc)


class _Cascade:
    """One question's trip through the routes: measures the estimates the controller asks for,
    runs its plan, and collects the steps. Sub-questions (``ctx.cascade``) run through it too."""

    def __init__(self, owner: Reasoner, on_step: StepHook | None) -> None:
        self.parts = owner.parts
        self.effort_setting = owner.config.effort
        self.effort = owner.effort
        self.on_step = on_step
        self.steps: list[Step] = []
        self.keys: dict[str, str] = {}  # route -> the asked question's equivalence key

    def step(self, step: Step) -> None:
        self.steps.append(step)
        if self.on_step:
            self.on_step(step)

    def answer(self, query: Query, ctx: Context) -> Answer:
        """Estimate, plan, and try the planned routes until one is accepted."""
        if not query.text:
            return Answer.abstain("Please ask a question.", steps=self.steps)
        ctx = dataclasses.replace(ctx, cascade=self.answer)
        signals, estimates = self.signals(query, ctx)
        numeric = controller.requires_number(signals, numeric=ctx.numeric)
        plan = controller.plan(signals, forced=query.route, available=frozenset(self.parts.solvers))
        more, note = controller.raise_effort(plan, self.effort_setting, self.effort)
        if more:
            ctx = dataclasses.replace(ctx, budget=dataclasses.replace(ctx.budget, effort="high"))
        self.step(Step("controller", "plan", f"{' -> '.join(plan.names)} ({plan.reason}){note}"))
        best = self.cascade(query, plan, estimates, ctx, numeric)
        best.steps = self.steps + [s for s in best.steps if s not in self.steps]
        return best

    def signals(self, query: Query, ctx: Context) -> tuple[controller.Signals, dict[str, Estimate]]:
        """The estimates the controller asks for, cheapest first."""
        t = time.perf_counter()
        sig = controller.Signals(has_kb=self.parts.has_kb)
        estimates: dict[str, Estimate] = {}
        solvers = self.parts.solvers
        for route in controller.ESTIMATE_ORDER:
            if route in solvers and controller.should_estimate(
                route, sig, forced=query.route, use_memory=ctx.use_memory, depth=ctx.depth
            ):
                keys = tuple(self.keys.values())
                estimates[route] = self._estimate(solvers[route], query, dataclasses.replace(ctx, keys=keys))
                sig = sig.with_(route, estimates[route])
                self._note_key(route, solvers[route], query, estimates[route])
        detail = ", ".join(f"{k} {v:.2f}" for k, v in sig.confidence.items())
        self.step(Step("controller", "signals", detail, cost=Cost(wall_ms=(time.perf_counter() - t) * 1e3)))
        return sig, estimates

    def _note_key(self, route: str, solver: Solver, query: Query, estimate: Estimate) -> None:
        """A confident exact parse is an equivalence key of the question (for the answer memory)."""
        if isinstance(solver, Cacheable) and estimate.confidence >= controller.CONFIDENT:
            key = solver.cache_key(query, estimate)
            if key:
                self.keys[route] = key

    def _estimate(self, solver: Solver, query: Query, ctx: Context) -> Estimate:
        try:
            return solver.estimate(query, ctx)
        except Exception as exc:  # noqa: BLE001 - sorted by _recorded: data/model failures go on
            _recorded(exc)
            self.step(Step(solver.name, "estimate", error=f"{type(exc).__name__}: {exc}"))
            return Estimate(solver.name, 0.0, detail="estimate failed")

    def cascade(self, query: Query, plan: controller.Plan, estimates: dict[str, Estimate], ctx: Context,
                numeric: bool) -> Answer:  # fmt: skip
        tried: list[Answer] = []
        if not plan.routes and plan.reason.startswith("declined"):
            reason = plan.reason.removeprefix("declined: ")
            return Answer.abstain(f"I won't answer that: {reason}.", verdict=plan.reason, final=True)
        for planned in plan.routes:
            if controller.budget_spent(planned.route, remaining_ms=ctx.remaining_ms(),
                                       max_tokens=ctx.budget.max_tokens):  # fmt: skip
                self.step(Step(planned.route, "skip", "budget spent"))
                return self.out_of_budget(tried)
            answer = self.solve(planned.route, query, estimates.get(planned.route), ctx)
            verdict = "accepted" if controller.accept(answer, planned, numeric=numeric) else "escalate"
            self.step(Step(planned.route, "verify", answer.verdict or "-", answer.confidence, verdict,
                           cost=answer.cost))  # fmt: skip
            if verdict == "accepted" or controller.ends_cascade(answer):
                return answer
            tried.append(answer)
        return self.nothing_found(tried)

    def solve(self, route: str, query: Query, estimate: Estimate | None, ctx: Context) -> Answer:
        solver = self.parts.solvers.get(route)  # type: ignore[call-overload]
        if solver is None:
            return Answer.abstain(f"The {route} route is not available here.", route=route)
        t = time.perf_counter()
        try:
            answer = self.cached_solve(route, solver, query, estimate, ctx)
        except Exception as exc:  # noqa: BLE001 - sorted by _recorded: data/model failures go on
            _recorded(exc)
            answer = Answer.abstain(f"The {route} route failed: {exc}", route=route, verdict=f"error: {exc}")
        answer.cost.wall_ms = answer.cost.wall_ms or (time.perf_counter() - t) * 1e3
        if answer.effort is not None:  # the effort policy learns whether extra samples paid
            self.effort.record(answer.effort.paid)
        return answer

    def cached_solve(self, route: str, solver: Solver, query: Query, estimate: Estimate | None,
                     ctx: Context) -> Answer:  # fmt: skip
        """Solve through the subproblem memory: exact keys per route, invalidated by provenance."""
        cache = self.parts.subproblems if ctx.use_memory and isinstance(solver, Cacheable) else None
        key = solver.cache_key(query, estimate) if cache is not None else None  # type: ignore[union-attr]
        if key and ctx.groups is not None:  # an answer over what these groups may read
            key += "|as:" + ",".join(sorted(ctx.groups))
        if cache is not None and key:
            stored = cache.get(key)
            if stored is not None and access.allowed((e.access for e in Answer.from_dict(stored).evidence),
                                                     ctx.groups):  # fmt: skip
                answer = Answer.from_dict(stored)
                answer.cost = Cost(cache_hits=1)
                if estimate is not None:  # as sure as this question's own parse, not the first one's
                    answer.confidence = min(answer.confidence, estimate.confidence)
                return answer
        answer = solver.solve(query, ctx, estimate)
        if cache is not None and key and answer.verified and not answer.abstained:
            from reasoner.memory.provenance import Provenance

            cache.put(key, answer.to_dict(), kind=route, depends_on=Provenance.from_evidence(answer.evidence))
        return answer

    def out_of_budget(self, tried: list[Answer]) -> Answer:
        answer = self.nothing_found(tried)
        answer.budget_exhausted = True
        answer.text += " (The budget for this question ran out.)"
        return answer

    def nothing_found(self, tried: list[Answer]) -> Answer:
        """No route verified an answer: the controller keeps an unverified reply only without a KB."""
        kept = controller.nothing_verified(tried, has_kb=self.parts.has_kb)
        if kept is not None:
            return kept
        reasons = "; ".join(f"{a.route}: {a.verdict}" for a in tried if a.verdict)
        cost = Cost()
        for a in tried:
            cost.add(a.cost)
        return Answer.abstain(
            "I don't know: the knowledge base and the solvers do not support an answer.",
            verdict=reasons or "no route applies",
            cost=cost,
        )


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
