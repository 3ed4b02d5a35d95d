"""The outcome of one task, as it travels back from the worker process."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Result:
    """What a task produced: the formatted value, the work, and the check."""

    value: str
    text: str
    verified: bool | None
    verdict: str
    expr: str = ""
