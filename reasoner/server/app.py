"""The HTTP app: ``create_app(settings)`` and ``app_from_env()`` (what each uvicorn worker builds).

Endpoints: ``POST /ask`` (JSON, or server-sent events with ``"stream": true``),
``POST /v1/chat/completions`` and ``GET /v1/models`` (OpenAI-compatible), ``POST /index``
(admin tokens only; one at a time, 409 otherwise), ``GET /health`` (no token needed: load
balancers probe it). Every error is ``{"error": {"message", "type", "code"}}`` with a
status that says what went wrong: 400 bad JSON, 401 no or unknown token, 403 not allowed,
409 re-index running, 413 body too large, 422 invalid request or question too long,
503 busy (with Retry-After) or a model/index unavailable, 504 out of time.

The engine is synchronous and answers one question at a time, so each question runs in a
worker thread while the event loop keeps serving health checks, refusals and streams.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import logging
import os
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from reasoner.errors import BudgetExceeded, ConfigError, IndexError_, ModelError, ReasonerError
from reasoner.server import chat, sse
from reasoner.server.auth import ANONYMOUS, Caller, TokenFile
from reasoner.server.engines import (
    Engines,
    ReindexBusy,
    accepts_groups,
    ask_as,
    index_summary,
    open_from_settings,
)
from reasoner.server.limits import BodyLimit, Cancel, Gate, error_body, question_problem
from reasoner.server.schemas import AskRequest, ChatRequest, IndexRequest, answer_json
from reasoner.server.settings import ServeSettings
from reasoner.types import Answer

log = logging.getLogger("reasoner.server")

KEEPALIVE_S = 15.0
_NOT_AN_OBJECT = {"model_attributes_type", "dict_type", "model_type"}
DONE = object()  # the end of a stream's event queue


class ApiError(Exception):
    """An HTTP error with a message for the caller."""

    def __init__(self, status: int, message: str, kind: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.kind, self.headers = status, message, kind, headers or {}

    def response(self) -> JSONResponse:
        return JSONResponse(error_body(self.status, self.message, self.kind), self.status, headers=self.headers)


@dataclasses.dataclass
class Server:
    """What the routes share in one worker."""

    settings: ServeSettings
    engines: Engines
    tokens: TokenFile | None
    gate: Gate
    executor: ThreadPoolExecutor

    def caller(self, request: Request) -> Caller:
        """The caller of a request (401 without a valid token, when tokens are configured)."""
        if self.tokens is None:
            return ANONYMOUS
        header = request.headers.get("authorization")
        caller = self.tokens.caller(header)
        if caller is None:
            why = "a bearer token is required" if not header else "the bearer token is not valid"
            raise ApiError(401, why, "authentication_error", {"WWW-Authenticate": "Bearer"})
        return caller

    def enter(self) -> None:
        """Take a place for one question, or refuse with 503 and Retry-After."""
        if not self.gate.try_enter():
            raise ApiError(503, f"this worker is answering {self.gate.limit} questions already; retry shortly",
                           "server_busy", {"Retry-After": str(self.settings.retry_after_s)})  # fmt: skip

    def check_question(self, text: str) -> None:
        problem = question_problem(text, self.settings.max_question_chars)
        if problem:
            raise ApiError(422, problem, "invalid_request_error")

    def start(self, question: str, caller: Caller, cancel: Cancel, **kw: Any) -> asyncio.Future[Answer]:
        """Run one question in a worker thread (the place taken by ``enter`` is given back there)."""
        job = functools.partial(_ask_job, self, question, caller, cancel, **kw)
        future = asyncio.get_running_loop().run_in_executor(self.executor, job)
        future.add_done_callback(_consume)
        return future


def _ask_job(server: Server, question: str, caller: Caller, cancel: Cancel, *,
             on_token: Callable[[str], None] | None = None, on_step: Callable[[Any], None] | None = None,
             **kw: Any) -> Answer:  # fmt: skip
    try:
        cancel.check()  # out of time while waiting for a thread
        token, step = cancel.hooks(on_token, on_step)
        with server.engines.lease() as engine:
            return ask_as(engine, question, caller=caller, on_token=token, on_step=step, **kw)
    finally:
        server.gate.leave()


def _consume(future: asyncio.Future[Any]) -> None:
    """Retrieve a job's exception even when nobody awaits it any more (a timed-out request)."""
    if not future.cancelled():
        future.exception()


def api_error(exc: BaseException, cancel: Cancel | None = None) -> ApiError:
    """The HTTP error for what a question's work raised."""
    if cancel is not None and cancel.stopped and isinstance(exc, BudgetExceeded):
        return ApiError(504, f"no answer within {cancel.reason or 'the time allowed'}", "timeout")
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, ConfigError):
        return ApiError(422, str(exc), "invalid_request_error")
    if isinstance(exc, (IndexError_, ModelError)):
        return ApiError(503, str(exc), "unavailable", {"Retry-After": "5"})
    if isinstance(exc, ReasonerError):
        return ApiError(500, str(exc), "engine_error")
    log.error("unexpected error answering a question", exc_info=exc)
    return ApiError(500, "internal error (see the server log)", "internal_error")


async def wait_answer(server: Server, future: asyncio.Future[Answer], cancel: Cancel) -> Answer:
    """The answer, or 504 once the request's time is spent (the work is told to stop)."""
    try:
        return await asyncio.wait_for(asyncio.shield(future), timeout=cancel.remaining_s())
    except TimeoutError:
        cancel.stop(f"{server.settings.timeout_s:g} s")
        raise ApiError(504, f"no answer within {server.settings.timeout_s:g} s", "timeout") from None
    except asyncio.CancelledError:
        cancel.stop("the client left")
        raise
    except Exception as exc:  # noqa: BLE001 - every failure becomes an HTTP error
        raise api_error(exc, cancel) from exc


# -- streams ------------------------------------------------------------------------------------


class EventQueue:
    """Events from the engine's thread to the stream, handed over on the event loop."""

    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue[Any] = asyncio.Queue()

    def put(self, item: Any) -> None:
        self.loop.call_soon_threadsafe(self.queue.put_nowait, item)

    def hooks(self) -> dict[str, Callable[[Any], None]]:
        return {"on_token": lambda t: self.put(("token", {"text": t})),
                "on_step": lambda s: self.put(("step", dataclasses.asdict(s)))}  # fmt: skip

    def close_when(self, future: asyncio.Future[Any]) -> None:
        future.add_done_callback(lambda _: self.queue.put_nowait(DONE))

    async def items(self, cancel: Cancel) -> AsyncIterator[Any]:
        """Events until the work is done; None for a keep-alive; TimeoutError past the deadline."""
        while True:
            wait = min(cancel.remaining_s(), KEEPALIVE_S)
            try:
                item = await asyncio.wait_for(self.queue.get(), timeout=wait)
            except TimeoutError:
                if cancel.remaining_s() <= 0:
                    raise
                yield None
                continue
            if item is DONE:
                return
            yield item


async def ask_events(server: Server, events: EventQueue, future: asyncio.Future[Answer], cancel: Cancel,
                     steps: bool) -> AsyncIterator[bytes]:  # fmt: skip
    """``POST /ask`` as server-sent events: ``step`` and ``token`` as they happen, then one
    ``answer`` (the Answer JSON) or one ``error`` (``{"error": ...}`` with the HTTP code)."""
    try:
        async for item in events.items(cancel):
            yield sse.comment() if item is None else sse.event(item[1], item[0])
        yield sse.event(answer_json(future.result(), steps=steps), "answer")
    except TimeoutError:
        cancel.stop(f"{server.settings.timeout_s:g} s")
        yield sse.event(error_body(504, f"no answer within {server.settings.timeout_s:g} s", "timeout"), "error")
    except Exception as exc:  # noqa: BLE001 - the stream ends with the error, the worker goes on
        err = api_error(exc, cancel)
        yield sse.event(error_body(err.status, err.message, err.kind), "error")
    finally:
        if not future.done():
            cancel.stop("the client closed the stream")


async def chat_events(server: Server, events: EventQueue, future: asyncio.Future[Answer], cancel: Cancel,
                      turn: chat.ChatTurn, req: ChatRequest) -> AsyncIterator[bytes]:  # fmt: skip
    """``POST /v1/chat/completions`` with ``stream``: the role chunk at once, then the answer's
    text once the engine accepted it, the finish chunk, and ``[DONE]``.

    The engine's tokens are not forwarded: the cascade may reject a draft (unsupported by the
    sources) and answer otherwise, and a chat window cannot take back text it has shown.
    """
    cid, created = chat.completion_id(), int(time.time())
    yield sse.event(chat.chunk(cid, created, req.model, {"role": "assistant", "content": ""}))
    try:
        async for item in events.items(cancel):
            if item is None:
                yield sse.comment()
        include_usage = bool((req.stream_options or {}).get("include_usage"))
        for piece in chat.answer_chunks(future.result(), turn, model=req.model, cid=cid, created=created,
                                        include_usage=include_usage):  # fmt: skip
            yield sse.event(piece)
    except TimeoutError:
        cancel.stop(f"{server.settings.timeout_s:g} s")
        yield sse.event(error_body(504, f"no answer within {server.settings.timeout_s:g} s", "timeout"))
    except Exception as exc:  # noqa: BLE001
        err = api_error(exc, cancel)
        yield sse.event(error_body(err.status, err.message, err.kind))
    finally:
        if not future.done():
            cancel.stop("the client closed the stream")
    yield sse.event("[DONE]")


def streaming(body: AsyncIterator[bytes]) -> StreamingResponse:
    return StreamingResponse(body, media_type=sse.MEDIA_TYPE, headers=sse.HEADERS)


# -- the app ------------------------------------------------------------------------------------


def create_app(settings: ServeSettings, *, engines: Engines | None = None, tokens: TokenFile | None = None) -> FastAPI:
    """The app of one worker.

    Args:
        settings: limits, index, tokens file.
        engines: the engine holder to serve (tests pass one over a fake engine); default:
            the index of ``settings``, opened at start-up.
        tokens: the token table (default: ``settings.tokens_file``, when set).
    """
    if engines is None:
        from reasoner.config import Config
        from reasoner.server.settings import config_overrides

        index_dir = Config.load(settings.config_path, **config_overrides(settings)).index_dir
        engines = Engines(open_from_settings(settings), index_dir)
    if tokens is None and settings.tokens_file:
        tokens = TokenFile(settings.tokens_file)
    server = Server(settings, engines, tokens, Gate(settings.max_concurrent),
                    ThreadPoolExecutor(settings.max_concurrent, thread_name_prefix="reasoner-ask"))  # fmt: skip
    app = FastAPI(title="reasoner", summary="Answers with the least compute that gets them right.",
                  lifespan=functools.partial(_lifespan, server))  # fmt: skip
    app.state.server = server
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    _errors(app)
    _routes(app, server)
    return app


@contextlib.asynccontextmanager
async def _lifespan(server: Server, app: FastAPI) -> AsyncIterator[None]:
    await asyncio.to_thread(server.engines.start)
    _warn_about_groups(server)
    try:
        yield
    finally:
        server.executor.shutdown(wait=False, cancel_futures=True)
        await asyncio.to_thread(server.engines.close)


def _warn_about_groups(server: Server) -> None:
    has_groups = server.tokens is not None and any(e.groups for e in server.tokens.table.entries)
    if has_groups and not accepts_groups(type(server.engines.current)):
        log.warning("tokens name groups, but this engine does not restrict answers by group yet: "
                    "every caller sees the whole knowledge base")  # fmt: skip


def _errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(_: Request, exc: ApiError) -> JSONResponse:
        return exc.response()

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return validation_error(exc.errors()).response()

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return ApiError(exc.status_code, str(exc.detail), "invalid_request_error", dict(exc.headers or {})).response()


def validation_error(errors: Any) -> ApiError:
    """400 for a body that is not JSON, else 422 naming each bad field; pure."""
    errors = list(errors)
    if any(e.get("type") == "json_invalid" for e in errors):
        return ApiError(400, "the request body is not valid JSON", "invalid_request_error")
    if any(tuple(e.get("loc", ())) == ("body",) and e.get("type") in _NOT_AN_OBJECT for e in errors):
        return ApiError(422, "the request body must be a JSON object (sent with Content-Type: application/json)",
                        "invalid_request_error")  # fmt: skip
    parts = []
    for e in errors[:5]:
        where = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    return ApiError(422, "; ".join(parts) or "invalid request", "invalid_request_error")


def _caller(request: Request) -> Caller:
    return request.app.state.server.caller(request)


Who = Annotated[Caller, Depends(_caller)]  # the authenticated caller of a request (401 otherwise)


def _routes(app: FastAPI, server: Server) -> None:
    @app.get("/health")
    async def health() -> dict[str, Any]:
        """Alive and how busy (no token needed, nothing private)."""
        return {"status": "ok", "pid": os.getpid(), "in_flight": server.gate.in_flight,
                "max_concurrent": server.gate.limit, "reindexing": server.engines.reindexing.is_set(),
                "auth": server.tokens is not None}  # fmt: skip

    @app.post("/ask", response_model=None)
    async def ask(body: AskRequest, who: Who) -> Any:
        """Answer one question: the Answer as JSON, or events with ``"stream": true``."""
        server.check_question(body.question)
        server.enter()
        cancel = Cancel(server.settings.timeout_s)
        kw = {"route": body.route, "use_memory": body.use_memory, "history": tuple(map(tuple, body.history))}
        if not body.stream:
            answer = await wait_answer(server, server.start(body.question, who, cancel, **kw), cancel)
            return answer_json(answer, steps=body.steps)
        events = EventQueue()
        future = server.start(body.question, who, cancel, **kw, **events.hooks())
        events.close_when(future)
        return streaming(ask_events(server, events, future, cancel, body.steps))

    @app.post("/v1/chat/completions", response_model=None)
    async def chat_completions(req: ChatRequest, who: Who) -> Any:
        """OpenAI chat completions: the last user message is the question."""
        turn = _chat_turn(server, req)
        server.enter()
        cancel = Cancel(server.settings.timeout_s)
        future = server.start(turn.resolved, who, cancel, history=turn.history)
        if not req.stream:
            answer = await wait_answer(server, future, cancel)
            return chat.completion(answer, turn, model=req.model, cid=chat.completion_id())
        events = EventQueue()
        events.close_when(future)
        return streaming(chat_events(server, events, future, cancel, turn, req))

    @app.get("/v1/models")
    async def models(who: Who) -> dict[str, Any]:
        """The one model this server offers (chat front ends list models first)."""
        return {"object": "list", "data": [{"id": chat.MODEL, "object": "model", "created": 0,
                                            "owned_by": "reasoner"}]}  # fmt: skip

    @app.post("/index")
    async def reindex(who: Who, body: IndexRequest | None = None) -> dict[str, Any]:
        """Re-index the knowledge base (admin tokens; one at a time across all workers: 409)."""
        if not who.admin:
            raise ApiError(403, f"token {who.name!r} may not re-index (admin = true in the tokens file)",
                           "permission_error")  # fmt: skip
        rebuild = bool(body and body.rebuild)
        try:
            report = await asyncio.to_thread(server.engines.reindex, rebuild=rebuild)
        except ReindexBusy as exc:
            raise ApiError(409, str(exc), "conflict") from None
        except Exception as exc:  # noqa: BLE001
            raise api_error(exc) from exc
        return {"status": "indexed", **index_summary(report)}


def _chat_turn(server: Server, req: ChatRequest) -> chat.ChatTurn:
    messages = [(m.role, chat.message_text(m.content)) for m in req.messages]
    try:
        turn = chat.chat_turn(messages, history_turns=server.settings.history_turns)
    except chat.ChatShapeError as exc:
        raise ApiError(422, str(exc), "invalid_request_error") from None
    server.check_question(turn.question)
    return turn


def app_from_env() -> FastAPI:
    """The app a uvicorn worker process builds from the settings `reasoner serve` left it."""
    return create_app(ServeSettings.from_env())
