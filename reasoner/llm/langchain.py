"""Adapter: any LangChain ``BaseChatModel`` (Ollama, OpenAI-compatible servers...) as an ``LLM``."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from reasoner.errors import ModelError
from reasoner.llm.base import Generation, Message


def to_langchain_messages(messages: Sequence[Message]) -> list[Any]:
    """Our role/content dicts as LangChain message objects.

    Raises:
        ModelError: a message has an unknown role.
    """
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    out = []
    for m in messages:
        kind = kinds.get(m.get("role", ""))
        if kind is None:
            raise ModelError(f"unknown chat role {m.get('role')!r}")
        out.append(kind(content=m.get("content", "")))
    return out


def _text(content: Any) -> str:
    """Message content as text (content may be a list of typed blocks)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(b if isinstance(b, str) else str(b.get("text", "")) for b in content)
    return str(content or "")


class LangChainLLM:
    """Wraps a LangChain chat model; streams with ``.stream`` when ``on_token`` is given."""

    params = 0  # unknown for remote models
    supports_grammar = False

    def __init__(self, chat_model: Any) -> None:
        self.chat_model = chat_model
        self.name = str(
            getattr(chat_model, "model_name", None)
            or getattr(chat_model, "model", None)
            or chat_model._llm_type
        )

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
        """Complete a chat through the wrapped model; see the ``LLM`` protocol.

        ``max_new_tokens``, ``temperature`` and ``seed`` are settings of the wrapped
        model in LangChain; configure them there. ``grammar`` and ``json_schema``
        are not passed on (servers differ in how they take them): not enforced.
        """
        t0 = time.perf_counter()
        lc_messages = to_langchain_messages(messages)
        kw = {"stop": list(stop)} if stop else {}
        ttft = None
        try:
            if on_token is None:
                reply = self.chat_model.invoke(lc_messages, **kw)
                text, usage = _text(reply.content), getattr(reply, "usage_metadata", None)
            else:
                parts, usage = [], None
                for chunk in self.chat_model.stream(lc_messages, **kw):
                    piece = _text(chunk.content)
                    usage = getattr(chunk, "usage_metadata", None) or usage
                    if piece:
                        ttft = ttft if ttft is not None else (time.perf_counter() - t0) * 1e3
                        parts.append(piece)
                        on_token(piece)
                text = "".join(parts)
        except Exception as exc:  # remote servers fail in many ways
            raise ModelError(f"chat model {self.name} failed: {exc}") from exc
        n_in, n_out = _usage(usage, messages, text)
        return Generation(text.strip(), n_in, n_out, (time.perf_counter() - t0) * 1e3, self.name, ttft)


def _usage(usage: Any, messages: Sequence[Message], text: str) -> tuple[int, int]:
    """Token counts from the model's usage metadata, else a word-count estimate."""
    if usage:
        return int(usage.get("input_tokens", 0)), int(usage.get("output_tokens", 0))
    return sum(len(m.get("content", "").split()) for m in messages), len(text.split())
