"""Server-sent events: the wire format of the streaming endpoints (pure functions)."""

from __future__ import annotations

import json
from typing import Any

MEDIA_TYPE = "text/event-stream"
# Proxies (nginx) buffer responses unless told not to; a buffered stream is no stream.
HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def event(data: Any, name: str | None = None) -> bytes:
    """One event: an optional ``event:`` line, the data as JSON (or a string as is), a blank line.

    JSON never holds a raw newline, so one ``data:`` line always suffices; a string with
    newlines is split over several ``data:`` lines, as the format requires.
    """
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    lines = [f"event: {name}"] if name else []
    lines += [f"data: {line}" for line in text.split("\n")]
    return ("\n".join(lines) + "\n\n").encode("utf-8")


def comment(text: str = "keep-alive") -> bytes:
    """A comment line: clients ignore it; it keeps idle proxies from closing the stream."""
    return f": {text}\n\n".encode()


def parse(stream: str) -> list[tuple[str, str]]:
    """(event name, data) pairs of an event stream ("message" when unnamed); comments dropped."""
    out: list[tuple[str, str]] = []
    for block in stream.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if not line or line.startswith(":"):
                continue
            field, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if field == "event":
                name = value
            elif field == "data":
                data.append(value)
        if data:
            out.append((name, "\n".join(data)))
    return out
