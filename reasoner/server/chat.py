"""The OpenAI chat-completions shape: a chat request as a question with history, an Answer
as a completion or as stream chunks (pure functions).

The last user message is the question; earlier user messages, each with the assistant
reply after it, are the history, and a follow-up ("and who manages her?") is resolved
against the earlier questions, as ``Conversation`` does in a chat session. System and tool
messages are ignored: the engine decides how to answer, not the prompt.

Every completion carries a ``reasoner`` object beside ``choices`` (route, value,
abstained, verified, evidence sources); OpenAI clients ignore it, others can show it.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reasoner.query.followup import resolve
from reasoner.types import Answer

MODEL = "reasoner"
_PIECE = re.compile(r"\s*\S+\s*")


class ChatShapeError(ValueError):
    """The messages hold no question (422)."""


@dataclass(frozen=True)
class ChatTurn:
    """What the engine is asked for one chat request.

    Attributes:
        question: the last user message as sent.
        resolved: the question with a follow-up's pronoun or ellipsis resolved.
        history: earlier (question, answer text) turns, newest last.
    """

    question: str
    resolved: str
    history: tuple[tuple[str, str], ...]


def message_text(content: str | Sequence[dict[str, Any]] | None) -> str:
    """A message's text: a string as is, the text parts of a list joined (images dropped)."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    parts = [p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") in ("text", "input_text")]
    return "\n".join(t for t in parts if isinstance(t, str))


def chat_turn(messages: Sequence[tuple[str, str]], *, history_turns: int) -> ChatTurn:
    """The question and history of (role, text) messages.

    Raises:
        ChatShapeError: no user message, or the last user message is empty.
    """
    users = [i for i, (role, _) in enumerate(messages) if role == "user"]
    if not users:
        raise ChatShapeError("the messages hold no user message: the last user message is the question")
    last = users[-1]
    question = messages[last][1].strip()
    if not question:
        raise ChatShapeError("the last user message is empty")
    turns = _turns(messages[:last])
    resolved = resolve(question, [(q, None) for q, _ in turns])
    return ChatTurn(question, resolved, tuple(turns[-history_turns:]) if history_turns > 0 else ())


def _turns(messages: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """(user text, the assistant reply after it) pairs; a user message left unanswered pairs with ""."""
    out: list[tuple[str, str]] = []
    for role, text in messages:
        if role == "user" and text.strip():
            out.append((text.strip(), ""))
        elif role == "assistant" and out and not out[-1][1]:
            out[-1] = (out[-1][0], text.strip())
    return out


def completion_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"


def usage(answer: Answer) -> dict[str, int]:
    c = answer.cost
    return {"prompt_tokens": c.tokens_in, "completion_tokens": c.tokens_out,
            "total_tokens": c.tokens_in + c.tokens_out}  # fmt: skip


def finish_reason(answer: Answer) -> str:
    return "length" if answer.budget_exhausted else "stop"


def extension(answer: Answer, turn: ChatTurn) -> dict[str, Any]:
    """What reasoner adds beside ``choices``: how the answer was reached and what it rests on."""
    out: dict[str, Any] = {
        "route": answer.route, "value": answer.value, "abstained": answer.abstained,
        "verified": answer.verified, "from_memory": answer.from_memory,
        "sources": sorted({e.label() for e in answer.evidence if e.kind != "memory"}),
    }  # fmt: skip
    if turn.resolved != turn.question:
        out["resolved"] = turn.resolved
    return out


def completion(answer: Answer, turn: ChatTurn, *, model: str, cid: str, created: int | None = None) -> dict[str, Any]:
    """A ``chat.completion`` object holding the answer's text."""
    return {
        "id": cid, "object": "chat.completion", "created": created or int(time.time()), "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": answer.text},
                     "finish_reason": finish_reason(answer)}],
        "usage": usage(answer), "reasoner": extension(answer, turn),
    }  # fmt: skip


def chunk(cid: str, created: int, model: str, delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    """One ``chat.completion.chunk``."""
    return {"id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}  # fmt: skip


def text_pieces(text: str) -> list[str]:
    """The answer's text in word-sized pieces (each with its whitespace), for a stream; pure."""
    return _PIECE.findall(text) if text.strip() else ([text] if text else [])


def answer_chunks(answer: Answer, turn: ChatTurn, *, model: str, cid: str, created: int,
                  include_usage: bool) -> list[dict[str, Any]]:  # fmt: skip
    """The chunks after the opening role chunk: the text, the finish (with ``reasoner``), the usage."""
    out = [chunk(cid, created, model, {"content": piece}) for piece in text_pieces(answer.text)]
    last = chunk(cid, created, model, {}, finish_reason(answer))
    last["reasoner"] = extension(answer, turn)
    out.append(last)
    if include_usage:  # OpenAI's stream_options.include_usage: one more chunk, no choices
        out.append({"id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
                    "choices": [], "usage": usage(answer)})  # fmt: skip
    return out
