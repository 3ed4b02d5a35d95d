"""The bundled SmolLM2 GGUF behind a minimal OpenAI-compatible HTTP endpoint, for the peers.

    python benchmarks/peers_llm_server.py --port 0 --port-file PATH

Runs in the product's virtual environment: the model is ``reasoner.llm.load_llm("smollm2")``,
the very LlamaCppLLM (xllamacpp, same n_ctx, threads and prompt cache) that `reasoner` itself
answers with, so LlamaIndex and txtai generate with the same weights, the same llama.cpp
build and the same decoding as the product. They reach it as any local llama.cpp/vLLM server:
LlamaIndex through ``OpenAILike``, txtai through a custom generation class.

Endpoints: ``GET /v1/models``, ``POST /v1/chat/completions`` (plain or ``stream``), and
``GET /stats`` (calls, prompt and completion tokens, peak RSS of this process), which the
benchmark reads to count each peer's LLM calls and tokens at the one place they all pass.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MODEL_ID = "smollm2-135m-instruct-q4_1"


class Counters:
    """What every request cost, summed (read through ``/stats``)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.calls = self.tokens_in = self.tokens_out = 0
        self.gen_ms = 0.0

    def add(self, gen: Any) -> None:
        with self.lock:
            self.calls += 1
            self.tokens_in += gen.tokens_in
            self.tokens_out += gen.tokens_out
            self.gen_ms += gen.ms

    def as_dict(self) -> dict[str, Any]:
        with self.lock:
            return {
                "calls": self.calls, "tokens_in": self.tokens_in, "tokens_out": self.tokens_out,
                "gen_ms": round(self.gen_ms, 1),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }  # fmt: skip


def messages_of(body: dict[str, Any]) -> list[dict[str, str]]:
    """Chat messages with plain-string content (OpenAI's list-of-parts content is joined)."""
    out = []
    for m in body.get("messages") or []:
        content = m.get("content")
        if isinstance(content, list):
            content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
        out.append({"role": str(m.get("role", "user")), "content": str(content or "")})
    return out


def generate(llm: Any, body: dict[str, Any], on_token: Any = None) -> Any:
    """One chat completion with the request's decoding settings (greedy unless asked otherwise)."""
    stop = body.get("stop") or ()
    return llm.generate(
        messages_of(body),
        max_new_tokens=int(body.get("max_tokens") or body.get("max_completion_tokens") or 256),
        temperature=float(body.get("temperature") or 0.0),
        seed=body.get("seed"),
        stop=[stop] if isinstance(stop, str) else list(stop),
        on_token=on_token,
    )


def completion(gen: Any) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-{time.time_ns()}", "object": "chat.completion", "created": int(time.time()),
        "model": MODEL_ID,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": gen.text},
                     "finish_reason": gen.finish_reason or "stop"}],
        "usage": {"prompt_tokens": gen.tokens_in, "completion_tokens": gen.tokens_out,
                  "total_tokens": gen.tokens_in + gen.tokens_out},
    }  # fmt: skip


def chunk(delta: dict[str, Any], finish: str | None = None, usage: dict | None = None) -> bytes:
    obj: dict[str, Any] = {
        "id": "chatcmpl-stream", "object": "chat.completion.chunk", "created": int(time.time()),
        "model": MODEL_ID, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }  # fmt: skip
    if usage is not None:
        obj["usage"] = usage
    return f"data: {json.dumps(obj)}\n\n".encode()


def make_handler(llm: Any, counters: Counters) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # quiet: the benchmark prints what matters
            pass

        def _json(self, obj: Any, status: int = 200) -> None:
            data = json.dumps(obj).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            path = self.path.split("?")[0].rstrip("/")
            if path.endswith("/models"):
                self._json({"object": "list", "data": [{"id": MODEL_ID, "object": "model"}]})
            elif path == "/stats":
                self._json(counters.as_dict())
            else:
                self._json({"error": {"message": f"no route {self.path}"}}, 404)

        def do_POST(self) -> None:  # noqa: N802
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._json({"error": {"message": f"no route {self.path}"}}, 404)
                return
            try:
                if body.get("stream"):
                    self._stream(body)
                else:
                    gen = generate(llm, body)
                    counters.add(gen)
                    self._json(completion(gen))
            except Exception as exc:  # noqa: BLE001 - the client gets the model's error as a 500
                self._json({"error": {"message": str(exc)}}, 500)

        def _stream(self, body: dict[str, Any]) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(chunk({"role": "assistant", "content": ""}))
            gen = generate(llm, body, on_token=lambda piece: self.wfile.write(chunk({"content": piece})))
            counters.add(gen)
            usage = {"prompt_tokens": gen.tokens_in, "completion_tokens": gen.tokens_out,
                     "total_tokens": gen.tokens_in + gen.tokens_out}  # fmt: skip
            self.wfile.write(chunk({}, gen.finish_reason or "stop", usage))
            self.wfile.write(b"data: [DONE]\n\n")
            self.close_connection = True

    return Handler


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=0, help="0: any free port")
    ap.add_argument("--port-file", type=Path, required=True, help="written with the port once serving")
    args = ap.parse_args()
    from reasoner.config import Config
    from reasoner.llm import load_llm

    config = Config.load()
    llm = load_llm(config.llm, cache_dir=config.cache_dir)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(llm, Counters()))
    tmp = args.port_file.with_suffix(".tmp")
    tmp.write_text(str(server.server_address[1]))
    os.replace(tmp, args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
