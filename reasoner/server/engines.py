"""The Reasoner a worker serves: opened at start-up, reopened after a re-index, re-indexed
one request at a time across every worker; and ``ask_as``, the one call through which a
caller's groups reach the engine.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import logging
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reasoner.errors import ReasonerError
from reasoner.server.auth import Caller
from reasoner.server.settings import ServeSettings, config_overrides

if TYPE_CHECKING:
    from reasoner.engine import Reasoner
    from reasoner.types import Answer

log = logging.getLogger("reasoner.server")

LOCK_NAME = "serve-index.lock"
OpenEngine = Callable[["Reasoner | None"], "Reasoner"]


class ReindexBusy(ReasonerError):
    """Another re-index of this index is running (in this worker or another): 409."""


def ask_as(engine: Any, question: str, *, caller: Caller, **kw: Any) -> Answer:
    """Ask ``engine`` on behalf of ``caller``: the one place the caller's groups are passed.

    ``Reasoner.ask(..., groups=...)`` arrives with the permissions issue (20); until the
    engine takes the keyword, a question is asked without it, which is what the engine
    does for everyone today (it restricts nothing), and the server says so once at start-up.
    """
    if caller.groups is not None and accepts_groups(type(engine)):
        kw["groups"] = caller.groups
    return engine.ask(question, **kw)


@functools.cache
def accepts_groups(engine_type: type) -> bool:
    """Whether ``engine_type.ask`` takes a ``groups`` keyword (or any keyword)."""
    try:
        params = inspect.signature(engine_type.ask).parameters.values()
    except (TypeError, ValueError, AttributeError):
        return False
    return any(p.name == "groups" or p.kind is p.VAR_KEYWORD for p in params)


def open_from_settings(settings: ServeSettings) -> OpenEngine:
    """How a worker opens its Reasoner: the Config from the settings file, ``REASONER_*`` and
    the serve options; a reopen keeps the models already loaded."""

    def open_engine(previous: Reasoner | None) -> Reasoner:
        from reasoner.config import Config
        from reasoner.engine import Reasoner

        cfg = Config.load(settings.config_path, **config_overrides(settings))
        keep = {}
        if previous is not None:
            keep = {"embedder": previous.parts.loaded("embedder"), "llm": previous.parts.loaded("llm")}
        return Reasoner.open(cfg.index_dir, config=cfg, **keep)

    return open_engine


def warm(engine: Any) -> Any:
    """Load the parts and let every solver build its caches now, not on a first question.

    A worker's caches are its own: the graph solver embeds every schema path of the graph
    once per process (1,558 paths of the sample KB: 37 s with the int8 MiniLM on the loaded
    2-core dev box), and N workers left to do it lazily each pay it on live questions,
    which made 2 and 4 workers slower than 1 in benchmarks/bench_serve.py.
    """
    engine.warm()
    solvers = getattr(getattr(engine, "parts", None), "solvers", {})
    for name, solver in solvers.items():
        if callable(getattr(solver, "warm", None)):
            try:
                solver.warm()
            except (ReasonerError, OSError, RuntimeError, ValueError) as exc:
                log.warning("warming the %s route failed (it will build on first use): %s", name, exc)
    return engine


class Engines:
    """The current Reasoner of this worker and who is using it.

    A question leases the engine for its duration. The Reasoner itself follows a re-index
    done elsewhere (another worker, `reasoner index`): it moves to each new generation of the
    index at its next question (``Reasoner._follow_index``).
    """

    def __init__(self, open_engine: OpenEngine, index_dir: str | Path) -> None:
        self._open = open_engine
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()
        self._current: Reasoner | None = None
        self._users: dict[int, int] = {}
        self.reindexing = threading.Event()

    def start(self) -> None:
        """Open the index and load what a first question needs (before the worker accepts requests)."""
        with self._lock:
            self._current = self._open(None)
        warm(self._current)

    @property
    def current(self) -> Reasoner:
        if self._current is None:
            raise ReasonerError("the engine is not open yet")
        return self._current

    @contextlib.contextmanager
    def lease(self) -> Iterator[Reasoner]:
        """The engine for one question."""
        with self._lock:
            engine = self.current
            self._users[id(engine)] = self._users.get(id(engine), 0) + 1
        try:
            yield engine
        finally:
            self._release(engine)

    def _release(self, engine: Reasoner) -> None:
        with self._lock:
            left = self._users.get(id(engine), 1) - 1
            if left > 0:
                self._users[id(engine)] = left
                return
            self._users.pop(id(engine), None)
            if engine is not self._current:
                self._close(engine)

    def _close(self, engine: Reasoner) -> None:
        self._users.pop(id(engine), None)
        try:
            engine.close()
        except (ReasonerError, OSError) as exc:
            log.warning("closing the previous engine failed: %s", exc)

    def reindex(self, *, rebuild: bool) -> Any:
        """Re-index the KB into the served index (the other workers follow at their next question).

        Raises:
            ReindexBusy: a re-index of this index is already running anywhere.
        """
        with _exclusive(self.index_dir / LOCK_NAME):
            self.reindexing.set()
            try:
                with self.lease() as engine:
                    report = engine.index(progress=False, rebuild=rebuild)
                    warm(engine)
            finally:
                self.reindexing.clear()
        return report

    def close(self) -> None:
        with self._lock:
            if self._current is not None:
                self._close(self._current)
                self._current = None


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """A non-blocking exclusive lock on ``path`` (flock: per open file, so it also excludes a
    second request in the same process); released when the holder exits, even by a crash."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)  # a stateless worker on a database may have no index folder
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ReindexBusy("a re-index of this index is already running; try again when it is done") from None
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def index_summary(report: Any) -> dict[str, Any]:
    """What ``POST /index`` returns about the run."""
    return {
        "added": list(report.added), "changed": list(report.changed), "removed": list(report.removed),
        "unchanged": report.unchanged, "chunks_total": report.chunks_total,
        "chunks_embedded": report.chunks_embedded, "chunks_removed": report.chunks_removed,
        "skipped": [list(s) for s in report.skipped], "seconds": round(report.seconds, 3),
    }  # fmt: skip
