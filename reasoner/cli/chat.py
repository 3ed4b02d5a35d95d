"""``reasoner chat``: the terminal chat, and its plain mode for piped input.

On a terminal: line editing and history (prompt_toolkit), markdown answers
streamed as they are generated, a badge and the sources under each answer, and
slash commands. With piped input: one plain answer line per question line.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from reasoner.cli import render
from reasoner.cli.live import AnswerView, Cancelled, ask_streaming, logs_above_progress
from reasoner.config import Config, index_exists
from reasoner.errors import ReasonerError
from reasoner.types import Answer

SAMPLE_KB = Path(__file__).resolve().parents[2] / "kb"

# One question per route that the sample knowledge base (kb/, Brightwater Instruments) answers.
SAMPLE_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("math", "What is 15% of 240?"),
    ("graph", "Who designed the K-7?"),
    ("rag", "How many vacation days do new hires get?"),
)
GENERIC_EXAMPLES: tuple[tuple[str, str], ...] = (("math", "Solve x**2 - 5*x + 6 = 0"),)

COMMANDS: dict[str, str] = {
    "/why": "the plan, steps and verdicts behind the last answer",
    "/sources": "the sources of the last answer, with snippets",
    "/stats": "this session's cost ledger and the compute avoided",
    "/forget": "clear the answer memory",
    "/reindex": "update the index from the knowledge base folder",
    "/help": "this list",
    "/quit": "leave (Ctrl-D works too)",
}
ALIASES = {"/exit": "/quit", "/q": "/quit", "/?": "/help", "/source": "/sources", "/steps": "/why"}


def examples_for(kb_dir: Path | None) -> tuple[tuple[str, str], ...]:
    """Greeting examples: one per route for the sample KB, a math one otherwise."""
    try:
        if kb_dir is not None and Path(kb_dir).resolve() == SAMPLE_KB:
            return SAMPLE_EXAMPLES
    except OSError:
        pass
    return GENERIC_EXAMPLES


def parse_command(line: str) -> tuple[str, str] | None:
    """("/why", "") for a slash command, None for a question. Unknown commands keep their name."""
    text = line.strip()
    if not text.startswith("/") or len(text) < 2 or not text[1].isalpha():
        return None
    name, _, arg = text.partition(" ")
    name = name.lower()
    return ALIASES.get(name, name), arg.strip()


@dataclass
class ChatSession:
    """The state of one chat and everything a line can do to it; prints through ``console``.

    Args:
        loader: a Future (or a callable run on first use) giving the Reasoner.
        console: where to draw; ``plain`` sessions print one line per answer, no markup.
    """

    loader: Future | Callable[[], Any]
    console: Console
    plain: bool = False
    kb_dir: Path | None = None
    last: Answer | None = None
    last_question: str = ""
    _reasoner: Any = None
    _conv: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def reasoner(self) -> Any:
        """The Reasoner, waiting for the background loader when needed."""
        if self._reasoner is None:
            if isinstance(self.loader, Future):
                if not self.loader.done() and not self.plain:
                    with self.console.status("loading the index and models…", spinner="dots"):
                        self._reasoner = self.loader.result()
                else:
                    self._reasoner = self.loader.result()
            else:
                self._reasoner = self.loader()
            self._conv = self._reasoner.conversation()
        return self._reasoner

    @property
    def conversation(self) -> Any:
        _ = self.reasoner
        return self._conv

    def handle(self, line: str) -> bool:
        """Act on one input line; False when the session should end."""
        if not line.strip():
            return True
        cmd = parse_command(line)
        try:
            if cmd is None:
                self.answer(line.strip())
                return True
            return self.command(*cmd)
        except Cancelled:
            return True
        except ReasonerError as exc:
            self.error(str(exc))
            return True

    def error(self, message: str) -> None:
        if self.plain:
            print(f"reasoner: error: {render.one_line(message)}", file=sys.stderr)
        else:
            self.console.print(Text(f"error: {render.one_line(message)}", style="bold red"))

    def answer(self, question: str) -> Answer:
        conv = self.conversation
        if self.plain:
            answer = conv.ask(question)
            self.say(render.plain_answer(answer))
        else:
            call = lambda on_token, on_step: conv.ask(question, on_token=on_token, on_step=on_step)  # noqa: E731
            answer = ask_streaming(call, AnswerView(self.console))
        self.last, self.last_question = answer, question
        return answer

    # -- slash commands -------------------------------------------------------------------------

    def command(self, name: str, arg: str = "") -> bool:
        handlers: dict[str, Callable[[], bool | None]] = {
            "/why": self.why,
            "/sources": self.sources,
            "/stats": self.stats,
            "/forget": self.forget,
            "/reindex": self.reindex,
            "/help": self.help,
            "/quit": lambda: False,
        }
        handler = handlers.get(name)
        if handler is None:
            self.error(f"unknown command {name}; /help lists the commands")
            return True
        return handler() is not False

    def _need_last(self) -> Answer | None:
        if self.last is None:
            self.say("No answer yet: ask a question first.")
        return self.last

    def say(self, text: str) -> None:
        """Print plain text (no markup is interpreted; no ANSI in plain mode)."""
        if self.plain:
            print(text, file=self.console.file, flush=True)
        else:
            self.console.print(text, markup=False, highlight=False, soft_wrap=True)

    def show(self, lines: Iterable[str], table: Callable[[], Any]) -> None:
        """Plain lines when the output is plain (piped), else the rich table ``table()`` builds."""
        if self.plain:
            for line in lines:
                self.say(line)
        else:
            self.console.print(table())

    def why(self) -> None:
        last = self._need_last()
        if last is None:
            return
        resolved = getattr(self._conv, "last_resolved", "") or ""
        header = [f"question: {self.last_question}"]
        if resolved and resolved != self.last_question:
            header.append(f"resolved as: {resolved}")
        header.append(f"answer: {render.badge(last)}" + (f" · {last.verdict}" if last.verdict else ""))
        for line in header:
            self.say(line)
        self.show(render.steps_plain(last.steps), lambda: render.steps_table(last.steps))

    def sources(self) -> None:
        last = self._need_last()
        if last is None:
            return
        if not last.evidence:
            self.say("This answer rests on no sources (" + render.verification_label(last) + ").")
        else:
            self.show(render.evidence_plain(last.evidence), lambda: render.evidence_table(last.evidence))

    def stats(self) -> None:
        r = self.reasoner
        rows = list(r.ledger.rows())
        if self.plain:
            for line in render.rows_plain(rows):
                self.say(line)
            return
        self.console.print(render.rows_table(rows, title="This session"))
        if r.memory is not None:
            self.console.print(
                render.rows_table(render.dict_rows(r.memory.stats() or {}), title="Answer memory")
            )

    def forget(self) -> None:
        r = self.reasoner
        if r.memory is None:
            self.say("The answer memory is off.")
            return
        before = (r.memory.stats() or {}).get("entries")
        r.forget()
        self.say(
            f"Answer memory cleared ({before} entries dropped)."
            if before is not None
            else "Answer memory cleared."
        )

    def reindex(self) -> None:
        r = self.reasoner
        kb = self.kb_dir or r.config.kb_dir
        with logs_above_progress():
            report = r.index(kb, progress=not self.plain)
        rows = list(report.rows())
        if self.plain:
            for line in render.rows_plain(rows):
                self.say(line)
        else:
            self.console.print(render.rows_table(rows, title=f"Index updated from {kb}/"))

    def help(self) -> None:
        if self.plain:
            for name, text in COMMANDS.items():
                self.say(f"{name}  {text}")
            return
        table = Table(show_header=False, box=None, padding=(0, 2))
        for name, text in COMMANDS.items():
            table.add_row(Text(name, style="bold cyan"), text)
        self.console.print(table)
        self.say('Follow-ups ("and who manages her?") use the conversation. Ctrl-C stops an answer.')

    def greet(self, examples: tuple[tuple[str, str], ...], where: str) -> None:
        self.console.print(Text.assemble(("reasoner", "bold"), f" · answering from {where}"))
        self.console.print(Text("Try:", style="dim"))
        for route, question in examples:
            self.console.print(Text.assemble("  ", (question, "bold"), (f"   ({route})", "dim")))
        self.console.print(Text("/help for commands · Ctrl-C stops an answer · Ctrl-D leaves", style="dim"))


# -- running ------------------------------------------------------------------------------------


def run_chat(cfg: Config, *, stdin: TextIO | None = None, console: Console | None = None,
             groups: str | None = None) -> int:  # fmt: skip
    """Start the chat: interactive when stdin and stdout are terminals, plain otherwise.

    ``groups`` ("a,b"): who is chatting (None: an unrestricted caller)."""
    stdin = stdin or sys.stdin
    interactive = stdin.isatty() and sys.stdout.isatty() and console is None
    console = console or Console(highlight=False)
    where = _prepare_index(cfg, console, interactive)
    if not interactive:
        session = ChatSession(lambda: _open(cfg, where, groups), console, plain=True, kb_dir=cfg.kb_dir)
        return run_piped(session, stdin)
    session = ChatSession(_background(lambda: _open(cfg, where, groups)), console, kb_dir=cfg.kb_dir)
    session.greet(examples_for(cfg.kb_dir if where != "none" else None), _where_label(cfg, where))
    return run_interactive(session, history_path(cfg, where))


def _prepare_index(cfg: Config, console: Console, interactive: bool) -> str:
    """Build the index on first run. Returns "index", "built" or "none" (no KB: memory + math + LLM)."""
    if index_exists(cfg.index_dir):
        return "index"
    if not cfg.kb_dir.is_dir():
        msg = f"no index in {cfg.index_dir}/ and no knowledge base in {cfg.kb_dir}/: answering without one"
        print(f"reasoner: {msg}", file=sys.stderr)
        return "none"
    from reasoner.engine import Reasoner

    if interactive:
        console.print(Text(f"First run: indexing {cfg.kb_dir}/ into {cfg.index_dir}/ …", style="bold"))
    with logs_above_progress():
        r = Reasoner.build(cfg.kb_dir, cfg.index_dir, progress=True, config=cfg)
    try:
        if interactive and r.last_report is not None:
            console.print(render.rows_table(r.last_report.rows(), title="Index built"))
    finally:
        r.close()
    return "built"


def _open(cfg: Config, where: str, groups: str | None = None) -> Any:
    from reasoner.engine import Reasoner

    r = Reasoner(cfg, groups=groups) if where == "none" else Reasoner.open(cfg.index_dir, config=cfg, groups=groups)
    r.warm()
    return r


def _background(fn: Callable[[], Any]) -> Future:
    """Run ``fn`` in a daemon thread so the prompt appears while models load."""
    fut: Future = Future()

    def work() -> None:
        try:
            fut.set_result(fn())
        except BaseException as exc:  # noqa: BLE001 - surfaced when the first question needs it
            fut.set_exception(exc)

    threading.Thread(target=work, daemon=True, name="reasoner-open").start()
    return fut


def _where_label(cfg: Config, where: str) -> str:
    if where == "none":
        return "memory, math and the language model (no knowledge base)"
    return f"{cfg.index_dir}/ (knowledge base {cfg.kb_dir}/)"


def history_path(cfg: Config, where: str) -> Path:
    """The prompt history file: beside the index, or in the cache folder without one."""
    folder = cfg.index_dir if where != "none" else cfg.cache_dir
    return Path(folder) / ".chat_history"


def run_piped(session: ChatSession, stdin: TextIO) -> int:
    """One plain answer line per question line; slash commands work too."""
    failed = False
    for line in stdin:
        if not line.strip():
            continue
        cmd = parse_command(line)
        if cmd is not None and cmd[0] == "/quit":
            break
        try:
            if cmd is None:
                session.answer(line.strip())
            else:
                session.command(*cmd)
        except ReasonerError as exc:
            session.error(str(exc))
            session.say("")  # keep one output line per question
            failed = True
    _close(session)
    return 1 if failed else 0


def run_interactive(session: ChatSession, history: Path) -> int:
    """The prompt loop: Ctrl-C clears the line or stops an answer, Ctrl-D leaves."""
    prompt = _prompt_session(history)
    while True:
        try:
            line = prompt.prompt([("class:prompt", "› ")])
        except KeyboardInterrupt:
            continue
        except EOFError:
            break
        try:
            if not session.handle(line):
                break
        except KeyboardInterrupt:  # Ctrl-C outside an answer (e.g. while models load)
            session.console.print(Text("(cancelled)", style="yellow"))
    _goodbye(session)
    _close(session)
    return 0


def _prompt_session(history: Path) -> Any:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
    from prompt_toolkit.history import FileHistory, InMemoryHistory
    from prompt_toolkit.styles import Style

    try:
        history.parent.mkdir(parents=True, exist_ok=True)
        hist: Any = FileHistory(str(history))
    except OSError:
        hist = InMemoryHistory()
    return PromptSession(
        history=hist,
        auto_suggest=AutoSuggestFromHistory(),
        completer=_SlashCompleter(),
        complete_while_typing=True,
        style=Style.from_dict({"prompt": "ansicyan bold"}),
    )


class _SlashCompleter:
    """Completes slash commands only (questions are free text)."""

    def __new__(cls) -> Any:
        from prompt_toolkit.completion import Completer, Completion

        class SlashCompleter(Completer):
            def get_completions(self, document: Any, complete_event: Any) -> Any:
                text = document.text_before_cursor
                if not text.startswith("/") or " " in text:
                    return
                for name, help_text in COMMANDS.items():
                    if name.startswith(text):
                        yield Completion(name, start_position=-len(text), display_meta=help_text)

        return SlashCompleter()


def _goodbye(session: ChatSession) -> None:
    r = session._reasoner
    if r is None or not r.ledger.queries:
        return
    s = r.ledger.summary()
    session.console.print(
        Text(
            f"{render.plural(s['queries'], 'question')} · {s['from_memory']} from memory · "
            f"{render.plural(s['tokens_out'], 'LLM token')} · {render.plural(s['avoided_tokens'], 'token')} avoided",
            style="dim",
        )
    )


def _close(session: ChatSession) -> None:
    if session._reasoner is not None:
        session._reasoner.close()
