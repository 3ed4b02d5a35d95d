"""A small OpenAI-compatible server for tests: chat completions (streamed or not), embeddings,
models, on 127.0.0.1 in a thread (standard library only, no internet).

It behaves as vLLM and llama.cpp's server do where the client relies on it: it honours
``stop`` and ``max_tokens``, reports ``usage`` (in a stream only when asked through
``stream_options.include_usage``), and answers 401 without the key when one is set.
Every request body is recorded in ``requests`` so tests assert what the client sent.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class FakeOpenAI:
    """The fake's script and record; ``url`` is the API root (``http://127.0.0.1:PORT/v1``)."""

    reply: str = "Paris is the capital of France."
    model: str = "fake-chat"
    key: str | None = None
    dim: int = 16
    fail_status: int | None = None  # answer every request with this error status
    honour_stop: bool = True
    report_usage: bool = True
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    url: str = ""

    def completion_text(self, body: dict[str, Any]) -> str:
        words = self.reply.split(" ")[: int(body.get("max_tokens") or 10_000)]
        text = " ".join(words)
        if self.honour_stop:
            for s in body.get("stop") or []:
                if s and s in text:
                    text = text[: text.index(s)]
        return text

    def usage(self, body: dict[str, Any], text: str) -> dict[str, Any]:
        prompt = sum(len(str(m.get("content", "")).split()) for m in body.get("messages", []))
        out = len(text.split())
        return {"prompt_tokens": prompt, "completion_tokens": out, "total_tokens": prompt + out,
                "prompt_tokens_details": {"cached_tokens": 2}}  # fmt: skip

    def vector(self, text: str) -> list[float]:
        """A deterministic vector: bag of hashed words, so shared words mean similar vectors."""
        v = [0.0] * self.dim
        for word in text.lower().split():
            h = int.from_bytes(hashlib.blake2b(word.strip("?.,!").encode(), digest_size=8).digest(), "little")
            v[h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        v[0] += 1e-3
        return v


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one request per connection; a stream ends when the socket closes
    fake: FakeOpenAI

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def _send_json(self, status: int, obj: Any) -> None:
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _refused(self) -> bool:
        fake = self.fake
        if fake.key and self.headers.get("Authorization") != f"Bearer {fake.key}":
            self._send_json(401, {"error": {"message": "bad key", "type": "auth"}})
            return True
        if fake.fail_status:
            self._send_json(fake.fail_status, {"error": {"message": "scripted failure", "type": "server"}})
            return True
        return False

    def do_GET(self) -> None:
        if self._refused():
            return
        if self.path == "/v1/models":
            self._send_json(200, {"object": "list", "data": [{"id": self.fake.model, "object": "model"}]})
        else:
            self._send_json(404, {"error": {"message": "no such path"}})

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        self.fake.requests.append((self.path, body))
        if self._refused():
            return
        if self.path == "/v1/chat/completions":
            self._chat(body)
        elif self.path == "/v1/embeddings":
            self._embeddings(body)
        else:
            self._send_json(404, {"error": {"message": "no such path"}})

    def _chat(self, body: dict[str, Any]) -> None:
        text = self.fake.completion_text(body)
        if not body.get("stream"):
            msg = {"role": "assistant", "content": text}
            out: dict[str, Any] = {"id": "c1", "object": "chat.completion", "model": body.get("model"),
                                   "choices": [{"index": 0, "message": msg, "finish_reason": "stop"}]}  # fmt: skip
            if self.fake.report_usage:
                out["usage"] = self.fake.usage(body, text)
            self._send_json(200, out)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        pieces = [w if i == 0 else " " + w for i, w in enumerate(text.split(" "))] if text else []
        for piece in pieces:
            self._event({"choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]})
        self._event({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
        if self.fake.report_usage and (body.get("stream_options") or {}).get("include_usage"):
            self._event({"choices": [], "usage": self.fake.usage(body, text)})
        self.wfile.write(b"data: [DONE]\n\n")

    def _event(self, obj: dict[str, Any]) -> None:
        self.wfile.write(b": a comment line clients must skip\n")
        self.wfile.write(f"data: {json.dumps(obj)}\n\n".encode())
        self.wfile.flush()

    def _embeddings(self, body: dict[str, Any]) -> None:
        inputs = body.get("input")
        inputs = [inputs] if isinstance(inputs, str) else list(inputs or [])
        data = [{"object": "embedding", "index": i, "embedding": self.fake.vector(t)} for i, t in enumerate(inputs)]
        data.reverse()  # out of order on purpose: the client must sort by index
        self._send_json(200, {"object": "list", "data": data, "model": body.get("model")})


class Running:
    """A started fake server; ``stop()`` shuts it down."""

    def __init__(self, fake: FakeOpenAI) -> None:
        handler = type("Handler", (_Handler,), {"fake": fake})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        fake.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.fake = fake
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
