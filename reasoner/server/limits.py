"""Request limits: body size (413), question length (422), concurrency (503), time (504).

A worker runs one question at a time through its engine, so what it must bound is how
many it holds (``Gate``) and for how long (``Cancel``). A thread cannot be killed, so a
question past its time is stopped cooperatively: the engine calls our token and step
hooks as it works, and the hook raises ``BudgetExceeded`` once the deadline has passed
or the client has gone. The engine records that on the route (the token hook) or stops
between steps (the step hook); either way the thread ends within one token or one step,
and only then is the question's place in the gate given back.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from reasoner.errors import BudgetExceeded

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def error_body(status: int, message: str, kind: str) -> dict[str, Any]:
    """One error shape for every endpoint: OpenAI's, which its SDKs parse into their exceptions."""
    return {"error": {"message": message, "type": kind, "code": status}}


def question_problem(text: str, max_chars: int) -> str | None:
    """Why a question is refused (422), or None; pure."""
    if not text.strip():
        return "the question is empty"
    if len(text) > max_chars:
        return f"the question is {len(text)} characters long; this server accepts at most {max_chars}"
    return None


class BodyLimit:
    """ASGI middleware: refuse a request body over ``max_bytes`` with 413, before any route runs.

    A declared Content-Length is checked first; a chunked body is read up to the limit and
    then replayed to the app, so a client cannot stream past it either.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared == -1:
            await _send_error(send, 400, "the Content-Length header is not a number", "invalid_request_error")
            return
        if declared is not None and declared > self.max_bytes:
            await self._too_large(send)
            return
        body = await self._read(receive)
        if body is None:
            await self._too_large(send)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, receive: Receive) -> bytes | None:
        """The whole body, or None past the limit (a client that left gets an empty body)."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b""
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _too_large(self, send: Send) -> None:
        await _send_error(send, 413, f"the request body is larger than {self.max_bytes} bytes",
                          "request_too_large")  # fmt: skip


def _content_length(scope: Scope) -> int | None:
    """The declared body length; None when absent, -1 when malformed."""
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                n = int(value)
            except ValueError:
                return -1
            return n if n >= 0 else -1
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that returns the buffered body once, then the real channel (disconnects)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _send_error(send: Send, status: int, message: str, kind: str) -> None:
    payload = json.dumps(error_body(status, message, kind)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
               (b"connection", b"close")]  # fmt: skip
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


class Gate:
    """How many questions a worker holds; the place is taken on the event loop and given
    back by the worker thread when the question's work has really stopped."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._n = 0
        self._lock = threading.Lock()

    def try_enter(self) -> bool:
        with self._lock:
            if self._n >= self.limit:
                return False
            self._n += 1
            return True

    def leave(self) -> None:
        with self._lock:
            self._n = max(0, self._n - 1)

    @property
    def in_flight(self) -> int:
        return self._n


class Cancel:
    """A question's deadline and stop flag, checked by the hooks the engine calls as it works."""

    def __init__(self, timeout_s: float) -> None:
        self.deadline = time.monotonic() + timeout_s
        self._stopped = threading.Event()
        self.reason = ""

    def stop(self, reason: str) -> None:
        """Ask the work to stop at its next token or step (the client left, the time ran out)."""
        if not self._stopped.is_set():
            self.reason = reason
            self._stopped.set()

    @property
    def stopped(self) -> bool:
        if not self._stopped.is_set() and time.monotonic() > self.deadline:
            self.stop("the time for this request ran out")
        return self._stopped.is_set()

    def remaining_s(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def check(self) -> None:
        """Raise ``BudgetExceeded`` once stopped (called from the engine's thread)."""
        if self.stopped:
            raise BudgetExceeded(self.reason)

    def hooks(self, on_token: Callable[[str], None] | None = None,
              on_step: Callable[[Any], None] | None = None) -> tuple[Callable[[str], None], Callable[[Any], None]]:  # fmt: skip
        """Token and step hooks that check this first, then forward to the given ones."""

        def token(text: str) -> None:
            self.check()
            if on_token is not None:
                on_token(text)

        def step(s: Any) -> None:
            self.check()
            if on_step is not None:
                on_step(s)

        return token, step
