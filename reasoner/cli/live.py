"""Streaming one answer to the terminal, with Ctrl-C cancelling it.

The engine runs in a worker thread; the main thread owns the terminal and
draws tokens and steps as they arrive. Ctrl-C sets a flag that the next token
or step callback turns into :class:`Cancelled` inside the worker, so the
engine stops at a clean point (never in the middle of a write).
"""

from __future__ import annotations

import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.markdown import Markdown
from rich.spinner import Spinner
from rich.text import Text

from reasoner.cli import render
from reasoner.types import Answer, Step

TokenFn = Callable[[str], None]
StepFn = Callable[[Step], None]


class Cancelled(BaseException):  # noqa: N818 - BaseException so `except Exception` in the engine lets it through
    """The user pressed Ctrl-C while an answer was being computed."""


class AnswerView:
    """Draws one answer as it is computed: a status line, streamed tokens, then the final text."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.tokens: list[str] = []
        self.status = "thinking"
        self.live: Live | None = None

    def start(self) -> None:
        self.live = Live(
            self._frame(),
            console=self.console,
            refresh_per_second=12,
            transient=False,
            vertical_overflow="visible",
        )
        self.live.start()

    def on_step(self, step: Step) -> None:
        self.status = f"{step.route}: {step.action}" + (
            f" · {render.one_line(step.detail)[:60]}" if step.detail else ""
        )
        self._refresh()

    def on_token(self, text: str) -> None:
        self.tokens.append(text)
        self._refresh()

    def _refresh(self) -> None:
        if self.live is not None:
            self.live.update(self._frame())

    def _frame(self) -> RenderableType:
        spinner = Spinner("dots", text=Text(self.status, style="dim"))
        if not self.tokens:
            return spinner
        return Group(Markdown("".join(self.tokens)), spinner)

    def finish(self, answer: Answer) -> None:
        """Replace the streamed text by the final answer, then show the badge and sources."""
        self._stop(Markdown(answer.text or "(no answer)"))
        self.console.print(render.badge_text(answer))
        line = render.sources_line(answer)
        if line:
            self.console.print(Text(line, style="dim"), soft_wrap=True)
        self.console.print()

    def cancelled(self) -> None:
        partial: RenderableType = Markdown("".join(self.tokens)) if self.tokens else Text("")
        self._stop(partial)
        self.console.print(Text("(answer cancelled)", style="yellow"))

    def failed(self) -> None:
        self._stop(Text(""))

    def _stop(self, last: RenderableType) -> None:
        if self.live is not None:
            self.live.update(last, refresh=True)
            self.live.stop()
            self.live = None


class _Worker(threading.Thread):
    """Runs the engine call; keeps its result or exception for the main thread."""

    def __init__(self, call: Callable[[TokenFn, StepFn], Answer], events: queue.SimpleQueue) -> None:
        super().__init__(daemon=True, name="reasoner-answer")
        self.call = call
        self.events = events
        self.cancel = threading.Event()
        self.result: Answer | None = None
        self.error: BaseException | None = None

    def on_token(self, text: str) -> None:
        if self.cancel.is_set():
            raise Cancelled()
        self.events.put(("token", text))

    def on_step(self, step: Step) -> None:
        if self.cancel.is_set():
            raise Cancelled()
        self.events.put(("step", step))

    def run(self) -> None:
        try:
            self.result = self.call(self.on_token, self.on_step)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread as is
            self.error = exc


def ask_streaming(call: Callable[[TokenFn, StepFn], Answer], view: AnswerView) -> Answer:
    """Run ``call(on_token, on_step)`` in a worker while ``view`` draws its progress.

    Raises:
        Cancelled: the user pressed Ctrl-C; the worker has stopped (or, after a
            second Ctrl-C, been abandoned).
        Whatever ``call`` raised.
    """
    events: queue.SimpleQueue = queue.SimpleQueue()
    worker = _Worker(call, events)
    interrupts: list[int] = []

    def on_sigint(*_: Any) -> None:
        interrupts.append(1)
        worker.cancel.set()
        view.status = "stopping… (Ctrl-C again to abandon this answer)"

    previous = _install_sigint(on_sigint)
    view.start()
    try:
        worker.start()
        while worker.is_alive() and len(interrupts) < 2:
            _drain(events, view)
            if interrupts:
                view._refresh()  # show "stopping…" (not from the signal handler: it may hold Live's lock)
            worker.join(0.05)
        _drain(events, view)
    finally:
        _restore_sigint(previous)
    if interrupts:
        view.cancelled()
        raise Cancelled()
    if worker.error is not None:
        view.failed()
        raise worker.error
    assert worker.result is not None
    view.finish(worker.result)
    return worker.result


def _drain(events: queue.SimpleQueue, view: AnswerView) -> None:
    while True:
        try:
            kind, item = events.get_nowait()
        except queue.Empty:
            return
        if kind == "token":
            view.on_token(item)
        else:
            view.on_step(item)


def _install_sigint(handler: Callable[..., Any]) -> Any:
    """Route Ctrl-C to ``handler`` (only possible from the main thread; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGINT, handler)


def _restore_sigint(previous: Any) -> None:
    if previous is not None:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def logs_above_progress() -> Iterator[None]:
    """Print the library's warnings (skipped files, repairs) above the progress bar, not across it."""
    import logging

    from tqdm.auto import tqdm

    class Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            tqdm.write(f"reasoner: {record.getMessage()}", file=sys.stderr)

    logger, handler = logging.getLogger("reasoner"), Handler(logging.WARNING)
    logger.addHandler(handler)
    before, logger.propagate = logger.propagate, False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = before
