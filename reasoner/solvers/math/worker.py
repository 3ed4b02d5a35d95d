"""A persistent worker process that runs SymPy work under a hard time limit.

Parsing happens in the caller; only the parsed :class:`~.nlu.Problem` crosses
the pipe. When a problem runs past its limit the worker is killed (SIGKILL) and
a fresh one is started at once, so runaway SymPy work really stops.
"""

from __future__ import annotations

import atexit
import multiprocessing as mp
import threading
import time
from typing import Any

from reasoner.errors import SolverError, SolverTimeout

MEMORY_LIMIT_BYTES = 2 * 1024**3
START_TIMEOUT_S = 60.0


def _serve(conn: Any) -> None:  # pragma: no cover - runs in the child process
    """Child loop: import SymPy, say ready, then answer problems until the pipe closes."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    except (ImportError, ValueError, OSError):
        pass
    from reasoner.solvers.math.tasks import run

    conn.send(("ready", None))
    while True:
        try:
            problem = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", run(problem)))
        except MemoryError:
            conn.send(("error", ("SolverError", "ran out of the memory allowed for one problem")))
        except RecursionError:
            conn.send(("error", ("SolverError", "expression too deeply nested to evaluate")))
        except Exception as exc:  # noqa: BLE001 - every failure goes back as data
            conn.send(("error", (type(exc).__name__, str(exc)[:300])))


class Worker:
    """One child process, started lazily, restarted after a timeout or a crash."""

    def __init__(self) -> None:
        self._proc: Any = None
        self._conn: Any = None
        self._ready = False
        self._lock = threading.Lock()
        self.restarts = 0
        atexit.register(self.close)

    def _start(self) -> None:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(child,), daemon=True, name="reasoner-math")
        proc.start()
        child.close()
        self._proc, self._conn, self._ready = proc, parent, False

    def _wait_ready(self) -> None:
        if self._ready:
            return
        if not self._conn.poll(START_TIMEOUT_S):
            self._kill()
            raise SolverError("the math worker did not start")
        tag, _ = self._conn.recv()
        self._ready = tag == "ready"

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.join(5)
            self._conn.close()
        self._proc, self._conn, self._ready = None, None, False

    def warm(self, wait: bool = False) -> None:
        """Start the process now (otherwise the first call starts it); ``wait`` until it is ready."""
        with self._lock:
            if self._proc is None or not self._proc.is_alive():
                self._start()
            if wait:
                self._wait_ready()

    def call(self, problem: Any, timeout_s: float) -> tuple[str, Any]:
        """Run ``problem`` in the child; returns ("ok", Result) or ("error", (type, message)).

        Raises:
            SolverTimeout: the problem ran past ``timeout_s``; the child was killed and replaced.
        """
        with self._lock:
            if self._proc is None or not self._proc.is_alive():
                self._start()
            self._wait_ready()
            try:
                self._conn.send(problem)
                if self._conn.poll(timeout_s):
                    return self._conn.recv()
            except (EOFError, OSError, BrokenPipeError):
                self._kill()
                self.restarts += 1
                self._start()
                return "error", ("SolverError", "the math worker crashed (memory bound?)")
            started = time.perf_counter()
            self._kill()
            self.restarts += 1
            self._start()
            raise SolverTimeout(
                f"stopped after {timeout_s:g} s (kill took {time.perf_counter() - started:.2f} s)"
            )

    def close(self) -> None:
        """Stop the child process."""
        with self._lock:
            if self._proc is not None:
                self._kill()
