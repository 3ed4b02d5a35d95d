"""The LLM interface every backend implements, and a scripted fake for tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

Message = dict[str, str]  # {"role": "system"|"user"|"assistant", "content": "..."}
ROLES = ("system", "user", "assistant")


@dataclass
class Generation:
    """One model call's output and what it cost.

    ``cached_tokens`` are prompt tokens served from a reused KV cache (prefill
    skipped); ``constrained`` is True when a grammar or JSON schema was enforced
    while decoding (a backend that cannot enforce one leaves it False, and the
    caller must check the reply itself); ``finish_reason`` is "stop" (end of turn
    or a stop string), "length" (``max_new_tokens`` reached) or "" when unknown.
    """

    text: str
    tokens_in: int = 0
    tokens_out: int = 0
    ms: float = 0.0
    model: str = ""
    ttft_ms: float | None = None
    cached_tokens: int = 0
    finish_reason: str = ""
    constrained: bool = False


@runtime_checkable
class LLM(Protocol):
    name: str
    params: int  # parameter count, for FLOP estimates (0 when unknown)

    def generate(
        self,
        messages: Sequence[Message],
        *,
        max_new_tokens: int = 256,
        temperature: float = 0.0,
        seed: int | None = None,
        stop: Sequence[str] = (),
        on_token: Callable[[str], None] | None = None,
        grammar: str | None = None,
        json_schema: Mapping[str, Any] | None = None,
    ) -> Generation:
        """Complete a chat; stream text pieces to ``on_token`` when given.

        ``grammar`` (GBNF text) or ``json_schema`` constrain the reply where the
        backend supports it (``supports_grammar``); see ``Generation.constrained``.
        """
        ...


def supports_grammar(llm: Any) -> bool:
    """True when ``llm`` enforces ``grammar``/``json_schema`` while decoding (llama.cpp does)."""
    return bool(getattr(llm, "supports_grammar", False))


class FakeLLM:
    """A scripted model for unit tests.

    ``script`` maps a substring of the last user message to the reply; replies
    are used in order of the mapping's keys, first match wins. ``default`` is
    returned when nothing matches. Every call is recorded: the messages in
    ``calls``, the keyword options in ``options``. It accepts a grammar but does
    not enforce one (``constrained`` stays False), like a backend without support.
    """

    name = "fake"
    params = 0
    supports_grammar = False

    def __init__(self, script: dict[str, str] | None = None, default: str = "I don't know.") -> None:
        self.script = dict(script or {})
        self.default = default
        self.calls: list[list[Message]] = []
        self.options: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def generate(
        self,
        messages: Sequence[Message],
        *,
        max_new_tokens: int = 256,
        temperature: float = 0.0,
        seed: int | None = None,
        stop: Sequence[str] = (),
        on_token: Callable[[str], None] | None = None,
        grammar: str | None = None,
        json_schema: Mapping[str, Any] | None = None,
    ) -> Generation:
        t0 = time.perf_counter()
        opts = {"max_new_tokens": max_new_tokens, "temperature": temperature, "seed": seed,
                "stop": tuple(stop), "grammar": grammar, "json_schema": json_schema}  # fmt: skip
        with self._lock:
            self.calls.append(list(messages))
            self.options.append(opts)
        prompt = messages[-1]["content"] if messages else ""
        reply = next((r for k, r in self.script.items() if k in prompt), self.default)
        words = reply.split(" ")[:max_new_tokens]
        for i, w in enumerate(words):
            if on_token:
                on_token(w if i == 0 else " " + w)
        n_in = sum(len(m["content"].split()) for m in messages)
        finish = "length" if len(words) < len(reply.split(" ")) else "stop"
        ms = (time.perf_counter() - t0) * 1e3
        return Generation(" ".join(words), n_in, len(words), ms, self.name, finish_reason=finish)
