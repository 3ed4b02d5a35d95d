"""A persistent worker process that runs SymPy work under a hard time limit.

Parsing happens in the caller; only the parsed :class:`~.nlu.Problem` crosses
the pipe. When a problem runs past its limit the worker is killed (SIGKILL) and
a fresh one is started at once, so runaway SymPy work really stops.

The child is a plain ``python -c`` subprocess (not ``multiprocessing``), so it
never re-imports the caller's ``__main__`` script and does not inherit its
threads or its loaded models. Messages are length-prefixed pickles of this
package's own dataclasses, exchanged with our own child over its stdin/stdout.
"""

from __future__ import annotations

import atexit
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import weakref
from pathlib import Path
from typing import Any

from reasoner.errors import SolverError, SolverTimeout

MEMORY_LIMIT_BYTES = 2 * 1024**3
START_TIMEOUT_S = 60.0
_HEADER = struct.Struct("!Q")
_MAX_MESSAGE = 64 * 1024**2
_CHILD = "from reasoner.solvers.math.worker import serve; serve()"


def _write(fd: int, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _read_exact(fd: int, n: int) -> bytes:
    chunks, left = [], n
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError("worker pipe closed")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _read(fd: int) -> Any:
    (size,) = _HEADER.unpack(_read_exact(fd, _HEADER.size))
    if size > _MAX_MESSAGE:
        raise EOFError("oversized message from the worker")
    return pickle.loads(_read_exact(fd, size))  # noqa: S301 - our own child's reply


def _readable(fd: int, timeout_s: float) -> bool:
    ready, _, _ = select.select([fd], [], [], max(0.0, timeout_s))
    return bool(ready)


def serve() -> None:  # pragma: no cover - runs in the child process
    """Child loop: bound memory, import SymPy, say ready, then answer problems until stdin closes."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    except (ImportError, ValueError, OSError):
        pass
    # Keep the protocol on a private copy of stdout; stray prints go to stderr (discarded).
    fin, fout = sys.stdin.fileno(), os.dup(sys.stdout.fileno())
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    from reasoner.solvers.math.tasks import run

    _write(fout, ("ready", None))
    while True:
        try:
            problem = _read(fin)
        except (EOFError, OSError):
            return
        try:
            reply = ("ok", run(problem))
        except MemoryError:
            reply = ("error", ("SolverError", "ran out of the memory allowed for one problem"))
        except RecursionError:
            reply = ("error", ("SolverError", "expression too deeply nested to evaluate"))
        except Exception as exc:  # noqa: BLE001 - every failure goes back as data
            reply = ("error", (type(exc).__name__, str(exc)[:300]))
        _write(fout, reply)


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[3])  # the folder holding the reasoner package
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


class Worker:
    """One child process, started lazily, restarted after a timeout or a crash."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen | None = None
        self._ready = False
        self._lock = threading.Lock()
        self.restarts = 0
        ref = weakref.ref(self)
        atexit.register(lambda: (w := ref()) is not None and w.close())

    def _start(self) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-c", _CHILD],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_child_env(),
            close_fds=True,
        )
        self._ready = False

    def _alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def _wait_ready(self) -> None:
        if self._ready:
            return
        fd = self._proc.stdout.fileno()
        try:
            if not _readable(fd, START_TIMEOUT_S):
                raise EOFError("no ready message")
            tag, _ = _read(fd)
        except (EOFError, OSError, pickle.UnpicklingError) as exc:
            self._kill()
            raise SolverError(f"the math worker did not start ({exc})") from exc
        self._ready = tag == "ready"

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait(5)
            for stream in (self._proc.stdin, self._proc.stdout):
                stream.close()
        self._proc, self._ready = None, False

    def warm(self, wait: bool = False) -> None:
        """Start the process now (otherwise the first call starts it); ``wait`` until it is ready."""
        with self._lock:
            if not self._alive():
                self._start()
            if wait:
                self._wait_ready()

    def prestart(self) -> None:
        """Start the process if none is running, without waiting and without blocking on a busy worker."""
        if not self._lock.acquire(blocking=False):
            return
        try:
            if not self._alive():
                self._start()
        finally:
            self._lock.release()

    def call(self, problem: Any, timeout_s: float) -> tuple[str, Any]:
        """Run ``problem`` in the child; returns ("ok", Result) or ("error", (type, message)).

        Raises:
            SolverTimeout: the problem ran past ``timeout_s``; the child was killed and replaced.
            SolverError: the child could not be started.
        """
        with self._lock:
            if not self._alive():
                self._start()
            self._wait_ready()
            fd = self._proc.stdout.fileno()
            try:
                _write(self._proc.stdin.fileno(), problem)
                if _readable(fd, timeout_s):
                    return _read(fd)
            except (EOFError, OSError, pickle.UnpicklingError):
                self._restart()
                return "error", ("SolverError", "the math worker crashed (memory bound?)")
            self._restart()
            raise SolverTimeout(f"stopped after {timeout_s:g} s")

    def _restart(self) -> None:
        self._kill()
        self.restarts += 1
        self._start()

    def __del__(self) -> None:
        proc = getattr(self, "_proc", None)
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait(1)

    def close(self) -> None:
        """Stop the child process."""
        with self._lock:
            if self._proc is not None:
                self._kill()
