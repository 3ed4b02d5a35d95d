"""The LLM interface every backend implements, and a scripted fake for tests."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

Message = dict[str, str]  # {"role": "system"|"user"|"assistant", "content": "..."}


@dataclass
class Generation:
    """One model call's output and what it cost."""

    text: str
    tokens_in: int = 0
    tokens_out: int = 0
    ms: float = 0.0
    model: str = ""
    ttft_ms: float | None = None
    cached_tokens: int = 0  # prompt tokens served from a reused KV cache


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
    ) -> Generation:
        """Complete a chat; stream text pieces to ``on_token`` when given."""
        ...


class FakeLLM:
    """A scripted model for unit tests.

    ``script`` maps a substring of the last user message to the reply; replies
    are used in order of the mapping's keys, first match wins. ``default`` is
    returned when nothing matches. Every call is recorded in ``calls``.
    """

    name = "fake"
    params = 0

    def __init__(self, script: dict[str, str] | None = None, default: str = "I don't know.") -> None:
        self.script = dict(script or {})
        self.default = default
        self.calls: list[list[Message]] = []

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
        t0 = time.perf_counter()
        self.calls.append(list(messages))
        prompt = messages[-1]["content"] if messages else ""
        reply = next((r for k, r in self.script.items() if k in prompt), self.default)
        words = reply.split(" ")[:max_new_tokens]
        for i, w in enumerate(words):
            if on_token:
                on_token(w if i == 0 else " " + w)
        n_in = sum(len(m["content"].split()) for m in messages)
        return Generation(" ".join(words), n_in, len(words), (time.perf_counter() - t0) * 1e3, self.name)
