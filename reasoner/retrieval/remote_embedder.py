"""An embedder behind an OpenAI-compatible embeddings endpoint (vLLM, llama.cpp's server with
``--embeddings``, Ollama, text-embeddings-inference).

Selected by ``embedder = "openai:http://host:port/v1#model-name"`` (the same spec as the
LLM's; the key from ``REASONER_LLM_API_KEY`` or ``OPENAI_API_KEY``). Its ``name`` and
``space`` are ``openai:<model>``, so an index built through one server opens through
another serving the same model, and refuses another model. The vector size is asked of
the server once (one short text), on first use.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from reasoner.errors import ModelError
from reasoner.llm.openai_compat import PREFIX, Http, api_key, first_model, parse_spec

BATCH = 64  # texts per request: servers cap a request's inputs (vLLM and TEI at a few hundred)


def vectors_of(data: Any, n: int) -> np.ndarray:
    """The ``(n, dim)`` float32 array of an embeddings response, in input order, rows L2-normalised; pure.

    Raises:
        ModelError: the response does not hold ``n`` vectors of one size.
    """
    items = data.get("data") if isinstance(data, dict) else None
    if not isinstance(items, list) or len(items) != n:
        got = len(items) if isinstance(items, list) else "no"
        raise ModelError(f"the embeddings server sent {got} vectors for {n} texts")
    try:
        ordered = sorted(items, key=lambda d: int(d.get("index", 0)))
        x = np.asarray([d["embedding"] for d in ordered], dtype=np.float32)
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"the embeddings server sent malformed vectors ({exc})") from exc
    if x.ndim != 2 or not np.isfinite(x).all():
        raise ModelError("the embeddings server sent vectors of different sizes or non-finite values")
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


class RemoteEmbedder:
    """The ``Embedder`` protocol over ``POST {base_url}/embeddings``.

    Args:
        base_url: the server's API root, e.g. ``http://127.0.0.1:8081/v1``.
        model: the model to ask for ("" = the first the server lists).
        key: API key (default: from the environment).
        batch_size: texts per request.
        timeout_s: read timeout of one request.
    """

    def __init__(self, base_url: str, model: str = "", *, key: str | None = None, batch_size: int = BATCH,
                 timeout_s: float = 60.0) -> None:  # fmt: skip
        self.http = Http(base_url, key=key if key is not None else api_key(), timeout_s=timeout_s)
        self.model = model or first_model(self.http)
        self.name = self.space = f"{PREFIX}{self.model}"
        self.batch_size = max(1, batch_size)

    @cached_property
    def dim(self) -> int:  # type: ignore[override]
        return int(self._request(["dimension"]).shape[1])

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [self._request(texts[i:i + self.batch_size]) for i in range(0, len(texts), self.batch_size)]
        out = np.concatenate(parts)
        self.__dict__.setdefault("dim", out.shape[1])
        if out.shape[1] != self.dim:
            raise ModelError(f"the embeddings server changed its vector size from {self.dim} to {out.shape[1]}")
        return out

    def _request(self, texts: list[str]) -> np.ndarray:
        # an empty string is refused by some servers (llama.cpp); one space embeds as "nothing"
        payload = {"model": self.model, "input": [t if t.strip() else " " for t in texts], "encoding_format": "float"}
        return vectors_of(self.http.post("/embeddings", payload), len(texts))

    def close(self) -> None:
        self.http.close()


def from_spec(spec: str, cache_dir: str | Path | None = None) -> RemoteEmbedder:
    """The embedder an ``openai:URL#model`` spec names (``load_embedder`` calls this)."""
    endpoint = parse_spec(spec)
    return RemoteEmbedder(endpoint.base_url, endpoint.model)
