"""Optional llama.cpp backend (``pip install 'reasoner[llamacpp]'``), imported only when asked for."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reasoner.errors import ModelError
from reasoner.llm.base import Generation, Message


def llama_cpp_available() -> bool:
    """True when the ``llama_cpp`` package can be imported."""
    import importlib.util

    return importlib.util.find_spec("llama_cpp") is not None


class LlamaCppLLM:
    """An ``LLM`` over ``llama_cpp.Llama`` running a GGUF file directly."""

    def __init__(self, path: Path, *, n_ctx: int = 4096, threads: int | None = None, **_: Any) -> None:
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise ModelError(
                "llama.cpp backend needs llama-cpp-python: pip install 'reasoner[llamacpp]'"
            ) from exc
        if not Path(path).is_file():
            raise ModelError(f"GGUF file not found: {path}")
        self.llama = Llama(model_path=str(path), n_ctx=n_ctx, n_threads=threads, verbose=False)
        self.name = f"llamacpp:{Path(path).stem}"
        self.params = int(self.llama.n_params()) if hasattr(self.llama, "n_params") else 0

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
        """Complete a chat with llama.cpp, streaming pieces to ``on_token``."""
        t0 = time.perf_counter()
        stream = self.llama.create_chat_completion(
            messages=list(messages),
            max_tokens=max_new_tokens,
            temperature=temperature,
            seed=seed,
            stop=list(stop) or None,
            stream=True,
        )
        parts: list[str] = []
        ttft = None
        for event in stream:
            piece = event["choices"][0]["delta"].get("content") or ""
            if piece:
                ttft = ttft if ttft is not None else (time.perf_counter() - t0) * 1e3
                parts.append(piece)
                if on_token:
                    on_token(piece)
        text = "".join(parts)
        n_in = len(self.llama.tokenize("".join(m["content"] for m in messages).encode()))
        n_out = len(self.llama.tokenize(text.encode(), add_bos=False)) if text else 0
        return Generation(text.strip(), n_in, n_out, (time.perf_counter() - t0) * 1e3, self.name, ttft)
