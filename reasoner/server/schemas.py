"""Request bodies (pydantic, so FastAPI validates them and documents them at /docs) and
the Answer as JSON.

``/ask`` and ``/index`` refuse unknown fields (a typo such as ``use_memroy`` is a 422,
not a silently ignored option); the chat endpoint accepts and ignores the OpenAI fields
it has no use for (temperature, top_p, ...), as clients send them unasked.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from reasoner.types import FORCIBLE, Answer

RouteChoice = Literal.__getitem__(("auto", *FORCIBLE))  # type: ignore[attr-defined]

# Answer fields in every /ask reply; ``steps`` only on request (they are long).
ANSWER_FIELDS = ("text", "value", "route", "abstained", "verified", "verdict", "confidence", "from_memory",
                 "budget_exhausted", "evidence", "cost")  # fmt: skip


class AskRequest(BaseModel):
    """``POST /ask``."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(description="the question in plain words or symbols")
    route: RouteChoice = Field("auto", description="force one route; auto lets the controller choose")  # type: ignore[valid-type]
    use_memory: bool = Field(True, description="read and write the answer memory")
    stream: bool = Field(False, description="reply with server-sent events: step, token, then answer")
    steps: bool = Field(False, description="include the steps the engine took")
    history: list[tuple[str, str]] = Field(
        default_factory=list, max_length=50, description="earlier (question, answer text) turns, oldest first"
    )


class IndexRequest(BaseModel):
    """``POST /index``."""

    model_config = ConfigDict(extra="forbid")

    rebuild: bool = Field(False, description="re-embed everything (after changing the embedder)")


class ChatMessage(BaseModel):
    """One message of an OpenAI chat request; content as a string or a list of parts."""

    model_config = ConfigDict(extra="allow")

    role: str
    content: str | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    """``POST /v1/chat/completions`` (the fields reasoner reads; others are accepted and ignored)."""

    model_config = ConfigDict(extra="allow")

    model: str = "reasoner"
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    stream_options: dict[str, Any] | None = None


def answer_json(answer: Answer, *, steps: bool = False) -> dict[str, Any]:
    """The Answer as the JSON ``/ask`` returns: the fields a caller acts on, steps on request."""
    data = answer.to_dict()
    out = {name: data[name] for name in ANSWER_FIELDS}
    if steps:
        out["steps"] = data["steps"]
    return out
