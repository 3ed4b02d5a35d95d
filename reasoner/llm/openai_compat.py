"""An LLM behind any OpenAI-compatible chat endpoint: vLLM, llama.cpp's server, Ollama, TGI.

Selected by ``llm = "openai:http://host:port/v1#model-name"`` (the model after ``#`` may be
left out when the server serves one: the first of ``GET /models`` is used). An API key,
when the server wants one, comes from ``REASONER_LLM_API_KEY`` or ``OPENAI_API_KEY``, never
from the settings file. Streaming, stop strings and seeds are passed to the server; token
counts are the server's ``usage`` (asked for in streams with ``stream_options``), and when a
server reports none, ``tokens_out`` counts the streamed pieces (one token each on vLLM and
llama.cpp) and ``tokens_in`` stays 0.

Plain httpx, no SDK: the protocol is four JSON fields and one line format.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from reasoner.errors import ModelError
from reasoner.llm.base import Generation, Message

PREFIX = "openai:"
KEY_ENVS = ("REASONER_LLM_API_KEY", "OPENAI_API_KEY")
DONE = "[DONE]"


@dataclass(frozen=True)
class Endpoint:
    """Where an OpenAI-compatible server is, and which of its models to use ("" = its first)."""

    base_url: str
    model: str = ""


def parse_spec(spec: str) -> Endpoint:
    """``openai:http://host:port/v1#model`` as an Endpoint; pure.

    Raises:
        ModelError: not an ``openai:`` spec, or the URL is not http(s)://host...
    """
    if not spec.startswith(PREFIX):
        raise ModelError(f"{spec!r} is not an OpenAI-compatible endpoint: write openai:http://host:port/v1#model")
    url, _, model = spec[len(PREFIX):].partition("#")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ModelError(f"{spec!r}: the endpoint must be an http:// or https:// URL, e.g. openai:http://127.0.0.1:8080/v1")
    return Endpoint(url.rstrip("/"), model.strip())


def api_key(environ: dict[str, str] | None = None) -> str | None:
    env = environ if environ is not None else os.environ
    return next((env[k] for k in KEY_ENVS if env.get(k)), None)


class Http:
    """A JSON client of one server with errors as ModelError naming the server (httpx, lazily imported)."""

    def __init__(self, base_url: str, *, key: str | None, timeout_s: float) -> None:
        import httpx

        self.base_url = base_url
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self.client = httpx.Client(base_url=base_url, headers=headers, timeout=httpx.Timeout(timeout_s, connect=10.0))

    def get(self, path: str) -> Any:
        return self._json(lambda: self.client.get(path), path)

    def post(self, path: str, payload: dict[str, Any]) -> Any:
        return self._json(lambda: self.client.post(path, json=payload), path)

    def _json(self, call: Callable[[], Any], path: str) -> Any:
        import httpx

        try:
            response = call()
        except httpx.HTTPError as exc:
            raise ModelError(f"the model server at {self.base_url} did not answer {path}: {exc}") from exc
        self.raise_for(response, path)
        try:
            return response.json()
        except ValueError as exc:
            raise ModelError(f"the model server at {self.base_url} sent no JSON for {path}") from exc

    def raise_for(self, response: Any, path: str) -> None:
        if response.status_code >= 400:
            try:
                body = response.read().decode("utf-8", "replace")
            except Exception:  # noqa: BLE001 - the status alone is the message then
                body = ""
            raise ModelError(f"the model server at {self.base_url} answered {response.status_code} "
                             f"to {path}: {body[:300]}")  # fmt: skip

    def stream_lines(self, path: str, payload: dict[str, Any]) -> Iterator[str]:
        import httpx

        try:
            with self.client.stream("POST", path, json=payload) as response:
                self.raise_for(response, path)
                yield from response.iter_lines()
        except httpx.HTTPError as exc:
            raise ModelError(f"the model server at {self.base_url} failed during {path}: {exc}") from exc

    def close(self) -> None:
        self.client.close()


def first_model(http: Http) -> str:
    """The first model a server lists (llama.cpp and single-model vLLM serve one)."""
    data = http.get("/models")
    models = data.get("data") if isinstance(data, dict) else None
    if not models or not isinstance(models[0], dict) or not models[0].get("id"):
        raise ModelError(f"the server at {http.base_url} lists no model: name one, openai:URL#MODEL")
    return str(models[0]["id"])


@dataclass
class StreamChunk:
    """What one line of a chat stream carried."""

    text: str = ""
    usage: dict[str, Any] | None = None
    finish: str | None = None


def parse_stream_line(line: str) -> StreamChunk | str | None:
    """One line of a chat-completions stream: a StreamChunk, ``DONE``, or None (blank, comment,
    ``event:`` line); pure.

    Raises:
        ModelError: the server sent an error object or a line that is not JSON.
    """
    line = line.strip()
    if not line.startswith("data:"):
        return None
    data = line[5:].strip()
    if data == DONE:
        return DONE
    try:
        obj = json.loads(data)
    except json.JSONDecodeError as exc:
        raise ModelError(f"the model server sent a stream line that is not JSON: {data[:120]!r}") from exc
    if not isinstance(obj, dict):
        raise ModelError(f"the model server sent an unexpected stream line: {data[:120]!r}")
    if "error" in obj:
        raise ModelError(f"the model server failed mid-stream: {_error_text(obj['error'])}")
    choice = (obj.get("choices") or [{}])[0] or {}
    delta = choice.get("delta") or {}
    return StreamChunk(delta.get("content") or "", obj.get("usage") or None, choice.get("finish_reason"))


def _error_text(error: Any) -> str:
    return str(error.get("message", error)) if isinstance(error, dict) else str(error)


def cut_at_stop(text: str, stop: Sequence[str]) -> tuple[str, bool]:
    """``text`` up to the first stop string, and whether one was found; pure."""
    cuts = [i for s in stop if s and (i := text.find(s)) >= 0]
    return (text[: min(cuts)], True) if cuts else (text, False)


@dataclass
class _Reply:
    """A reply as it arrives, cut at the first stop string."""

    stop: Sequence[str]
    on_token: Callable[[str], None] | None
    text: str = ""
    pieces: int = 0
    usage: dict[str, Any] = field(default_factory=dict)
    ttft_ms: float | None = None
    stopped: bool = False

    def add(self, piece: str, t0: float) -> None:
        if not piece or self.stopped:
            return
        if self.ttft_ms is None:
            self.ttft_ms = (time.perf_counter() - t0) * 1e3
        kept, self.stopped = cut_at_stop(self.text + piece, self.stop)
        new = kept[len(self.text):]
        self.text, self.pieces = kept, self.pieces + 1
        if new and self.on_token is not None:
            self.on_token(new)


class OpenAICompatLLM:
    """The ``LLM`` protocol over ``POST {base_url}/chat/completions``.

    Args:
        base_url: the server's API root, e.g. ``http://127.0.0.1:8080/v1``.
        model: the model to ask for ("" = the first the server lists).
        key: API key (default: ``REASONER_LLM_API_KEY`` or ``OPENAI_API_KEY``).
        timeout_s: read timeout of one call.
        params: the model's parameter count, for FLOP estimates (0: unknown).
    """

    def __init__(self, base_url: str, model: str = "", *, key: str | None = None, timeout_s: float = 120.0,
                 params: int = 0) -> None:  # fmt: skip
        self.http = Http(base_url, key=key if key is not None else api_key(), timeout_s=timeout_s)
        self.model = model or first_model(self.http)
        self.name = f"openai:{self.model}"
        self.params = params

    def generate(
        self,
        messages: Sequence[Message],
        *,
        max_new_tokens: int = 256,
        temperature: float = 0.0,
        seed: int | None = None,
        stop: Sequence[str] = (),
        on_token: Callable[[str], None] | None = None,
    ) -> Generation:
        """Complete a chat on the server; stream pieces to ``on_token`` when given."""
        t0 = time.perf_counter()
        payload = self.payload(messages, max_new_tokens=max_new_tokens, temperature=temperature, seed=seed,
                               stop=stop, stream=on_token is not None)  # fmt: skip
        reply = _Reply(tuple(stop), on_token)
        if on_token is None:
            self._complete(payload, reply, t0)
        else:
            self._stream(payload, reply, t0)
        return self._generation(reply, t0)

    def payload(self, messages: Sequence[Message], *, max_new_tokens: int, temperature: float, seed: int | None,
                stop: Sequence[str], stream: bool) -> dict[str, Any]:  # fmt: skip
        """The request body; pure."""
        body: dict[str, Any] = {"model": self.model, "messages": [dict(m) for m in messages],
                                "max_tokens": max_new_tokens, "temperature": temperature, "stream": stream}  # fmt: skip
        if seed is not None:
            body["seed"] = seed
        if stop:
            body["stop"] = list(stop)
        if stream:
            body["stream_options"] = {"include_usage": True}
        return body

    def _complete(self, payload: dict[str, Any], reply: _Reply, t0: float) -> None:
        data = self.http.post("/chat/completions", payload)
        try:
            content = data["choices"][0]["message"].get("content") or ""
        except (KeyError, IndexError, TypeError, AttributeError) as exc:
            raise ModelError(f"the model server at {self.http.base_url} sent no choices: {str(data)[:200]}") from exc
        reply.add(content, t0)
        reply.usage = data.get("usage") or {}

    def _stream(self, payload: dict[str, Any], reply: _Reply, t0: float) -> None:
        for line in self.http.stream_lines("/chat/completions", payload):
            item = parse_stream_line(line)
            if item == DONE:
                return
            if isinstance(item, StreamChunk):
                reply.add(item.text, t0)
                reply.usage = item.usage or reply.usage
                if reply.stopped:  # a stop string the server did not honour: stop reading
                    return

    def _generation(self, reply: _Reply, t0: float) -> Generation:
        usage = reply.usage
        details = usage.get("prompt_tokens_details") or {}
        return Generation(
            reply.text,
            tokens_in=int(usage.get("prompt_tokens") or 0),
            tokens_out=int(usage.get("completion_tokens") or reply.pieces),
            ms=(time.perf_counter() - t0) * 1e3,
            model=self.name,
            ttft_ms=reply.ttft_ms,
            cached_tokens=int(details.get("cached_tokens") or 0),
        )

    def close(self) -> None:
        self.http.close()


def from_spec(spec: str, **options: Any) -> OpenAICompatLLM:
    """The LLM an ``openai:URL#model`` spec names (``load_llm`` calls this)."""
    endpoint = parse_spec(spec)
    known = {k: options[k] for k in ("key", "timeout_s", "params") if k in options}
    return OpenAICompatLLM(endpoint.base_url, endpoint.model, **known)
