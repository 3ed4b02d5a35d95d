"""Real uvicorn servers on 127.0.0.1 for the HTTP tests: in this process (a thread) over a
real or a fake engine, or as `reasoner serve` processes; and the sample KB's index they serve
(hash embedder, fake LLM: no model is loaded)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from reasoner.server.settings import ServeSettings

ROOT = Path(__file__).resolve().parents[2]
FAST = {"embedder": "hash", "llm": "fake"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_index(kb: Path, index: Path, cache: Path) -> Path:
    from reasoner import Reasoner

    r = Reasoner.build(kb, index, progress=False, cache_dir=cache, **FAST)
    r.close()
    return index


@pytest.fixture(scope="session")
def served(tmp_path_factory, sample_kb) -> dict[str, Path]:
    """A copy of the sample KB and its index (hash embedder, fake LLM), shared read-mostly."""
    root = tmp_path_factory.mktemp("served")
    kb = root / "kb"
    shutil.copytree(sample_kb, kb)
    build_index(kb, root / "index", root / "cache")
    return {"kb": kb, "index": root / "index", "cache": root / "cache"}


@pytest.fixture
def own_index(tmp_path, sample_kb) -> dict[str, Path]:
    """A KB copy and index of this test's own (for tests that re-index or count memory)."""
    kb = tmp_path / "kb"
    shutil.copytree(sample_kb, kb)
    build_index(kb, tmp_path / "index", tmp_path / "cache")
    return {"kb": kb, "index": tmp_path / "index", "cache": tmp_path / "cache"}


def env_for(paths: dict[str, Path]) -> dict[str, str]:
    """The environment a served engine reads its settings from."""
    return {"REASONER_EMBEDDER": "hash", "REASONER_LLM": "fake", "REASONER_CACHE": str(paths["cache"]),
            "REASONER_KB_DIR": str(paths["kb"]), "REASONER_CONFIG": str(paths["cache"] / "none.toml")}  # fmt: skip


class ThreadServer:
    """uvicorn serving ``app`` on a free port in a thread of this process."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ThreadServer:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def thread_server(monkeypatch) -> Callable[..., ThreadServer]:
    """Start ``create_app(settings, ...)`` in a thread: ``with thread_server(settings, engines=...) as s``."""

    def start(settings: ServeSettings, env: dict[str, str] | None = None, **kw: Any) -> ThreadServer:
        from reasoner.server.app import create_app

        for k, v in (env or {}).items():
            monkeypatch.setenv(k, v)
        return ThreadServer(create_app(settings, **kw))

    return start


class ServeProcess:
    """`reasoner serve` as a child process on a free port."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {**os.environ, **env, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "reasoner.cli.main", "serve", "--port", str(self.port), *args],
            env=full_env, stdout=log.open("wb"), stderr=subprocess.STDOUT, cwd=ROOT,
        )  # fmt: skip

    def wait_ready(self, timeout_s: float = 120.0) -> ServeProcess:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"reasoner serve exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"reasoner serve did not come up: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def serve_process(tmp_path) -> Iterator[Callable[..., ServeProcess]]:
    """Start `reasoner serve ARGS...` processes; all are stopped at the end of the test."""
    started: list[ServeProcess] = []

    def start(args: list[str], env: dict[str, str]) -> ServeProcess:
        p = ServeProcess(args, env, tmp_path / f"serve-{len(started)}.log")
        started.append(p)
        return p

    yield start
    for p in started:
        p.stop()


@pytest.fixture(scope="module")
def api(served) -> Iterator[ThreadServer]:
    """One server per test module over the shared index: the real engine, no tokens."""
    from reasoner.server.app import create_app

    with pytest.MonkeyPatch.context() as mp:
        for k, v in env_for(served).items():
            mp.setenv(k, v)
        settings = ServeSettings(index_dir=str(served["index"]), max_question_chars=300, max_body_bytes=8192)
        with ThreadServer(create_app(settings)) as server:
            yield server


class FakeEngine:
    """Stands in for a Reasoner where the tests need control of time and failures.

    Each question takes ``steps`` steps of ``delay_s / steps`` seconds, calling the step hook
    and (with ``stream``) the token hook at each; a hook that raises stops it, which is
    recorded in ``stopped``. ``fail`` is raised instead of answering.
    """

    def __init__(self, *, delay_s: float = 0.0, steps: int = 1, stream: bool = False,
                 fail: BaseException | None = None) -> None:  # fmt: skip
        self.delay_s, self.steps, self.stream, self.fail = delay_s, steps, stream, fail
        self.calls: list[dict[str, Any]] = []
        self.stopped: list[str] = []
        self.release_index = threading.Event()
        self.release_index.set()
        self.closed = False

    def ask(self, question: str, *, route: str = "auto", use_memory: bool = True, history: tuple = (),
            on_token: Any = None, on_step: Any = None, groups: frozenset[str] | None = None) -> Any:  # fmt: skip
        from reasoner.types import Answer, Step

        self.calls.append({"question": question, "groups": groups, "history": history, "route": route})
        try:
            for i in range(self.steps):
                time.sleep(self.delay_s / self.steps)
                on_step(Step("fake", "work", str(i)))
                if self.stream:
                    on_token(f"t{i} ")
        except Exception:
            self.stopped.append(question)
            raise
        if self.fail is not None:
            raise self.fail
        return Answer(text=f"answer to {question}", value=question, route="fake", verified=True)

    def warm(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def index(self, progress: bool = False, rebuild: bool = False) -> Any:
        from reasoner.retrieval.report import IndexReport

        self.release_index.wait(20)
        return IndexReport(unchanged=3, chunks_total=7)


@pytest.fixture
def fake_server(thread_server, tmp_path) -> Callable[..., ThreadServer]:
    """``with fake_server(FakeEngine(...), max_concurrent=1, ...) as s``: a real uvicorn over a fake engine."""
    from reasoner.server.engines import Engines

    def start(engine: FakeEngine, tokens_file: Path | None = None, **settings: Any) -> ThreadServer:
        s = ServeSettings(index_dir=str(tmp_path), tokens_file=str(tokens_file) if tokens_file else None,
                          **settings)  # fmt: skip
        return thread_server(s, engines=Engines(lambda _previous: engine, tmp_path))

    return start


@pytest.fixture
def make_engine() -> type[FakeEngine]:
    """The FakeEngine class (test modules cannot import conftest)."""
    return FakeEngine


@pytest.fixture(scope="module")
def serve_pair(tmp_path_factory, sample_kb) -> Iterator[dict[str, Any]]:
    """Two `reasoner serve` over one index of their own: "a" with --workers 2, "b" with one."""
    root = tmp_path_factory.mktemp("pair")
    kb = root / "kb"
    shutil.copytree(sample_kb, kb)
    paths = {"kb": kb, "index": build_index(kb, root / "index", root / "cache"), "cache": root / "cache"}
    env = env_for(paths)
    a = ServeProcess(["--index", str(paths["index"]), "--workers", "2"], env, root / "a.log")
    b = ServeProcess(["--index", str(paths["index"])], env, root / "b.log")
    try:
        a.wait_ready()
        b.wait_ready()
        yield {"a": a, "b": b, **paths}
    finally:
        a.stop()
        b.stop()


@dataclass(frozen=True)
class TokenSet:
    """A tokens file's text and the tokens in it: "hr-portal" (groups hr, staff) and "ops" (admin)."""

    hr: str = "hr-token-0123456789abcdef"
    ops: str = "ops-token-0123456789abcdef"

    @property
    def toml(self) -> str:
        return (f'[[tokens]]\nname = "hr-portal"\ntoken = "{self.hr}"\ngroups = ["hr", "staff"]\n\n'
                f'[[tokens]]\nname = "ops"\ntoken = "{self.ops}"\nadmin = true\n')  # fmt: skip


@pytest.fixture
def token_set() -> TokenSet:
    return TokenSet()
