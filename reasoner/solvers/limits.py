"""Per-question limits the solvers enforce while they work (the LLM included)."""

from __future__ import annotations

import time
from collections.abc import Callable

from reasoner.errors import BudgetExceeded
from reasoner.types import Context

TokenHook = Callable[[str], None]


def until_deadline(ctx: Context, on_token: TokenHook | None) -> TokenHook | None:
    """A token callback that stops a generation once the question's deadline passes.

    The backends stop generating when the callback raises, so a question given 2 s is never
    held for the 20 s a long reply would take. Passes ``on_token`` the text as it comes.
    """
    if ctx.deadline is None:
        return on_token
    deadline = ctx.deadline

    def guard(text: str) -> None:
        if time.perf_counter() > deadline:
            raise BudgetExceeded("the question's time ran out while the model was writing")
        if on_token is not None:
            on_token(text)

    return guard
