"""The sub-commands of ``reasoner``: each takes parsed arguments and returns an exit code.

The engine is imported inside the functions that need it, so that parsing and
``--help`` stay light.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reasoner.config import Config, index_exists
from reasoner.errors import ConfigError, IndexError_

if TYPE_CHECKING:
    from rich.console import Console

    from reasoner.engine import Reasoner

EXIT_OK = 0
EXIT_ABSTAINED = 3


def run(args: argparse.Namespace) -> int:
    """Dispatch to the sub-command named in ``args.command``."""
    # The CLI owns the terminal: model-loading bars from Hugging Face libraries would be
    # drawn over the chat prompt and answers (the index's own progress bar is unaffected).
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "index": cmd_index,
        "ask": cmd_ask,
        "chat": cmd_chat,
        "eval": cmd_eval,
        "stats": cmd_stats,
        "memory": cmd_memory,
        "serve": cmd_serve,
    }
    return handlers[args.command](args)


def load_config(args: argparse.Namespace) -> Config:
    """Settings from --config FILE (which must exist), REASONER_* and the command line."""
    path = getattr(args, "config", None)
    if path and not Path(path).is_file():
        raise ConfigError(f"{path}: no such config file")
    overrides: dict[str, Any] = {"index_dir": getattr(args, "index", None)}
    if getattr(args, "kb_dir", None):
        overrides["kb_dir"] = args.kb_dir
    if getattr(args, "no_sentence_vectors", False):
        overrides["sentence_vectors"] = False
    return Config.load(path, **overrides)


def open_reasoner(cfg: Config, groups: str | None = None) -> Reasoner:
    """Open the index in ``cfg.index_dir`` (or the database of ``cfg.database_url``); one clear error when nothing was built there.

    ``groups`` ("a,b"): who asks. Without it the caller is unrestricted, and where the knowledge
    base has restricted documents the CLI says so (on stderr, once).
    """
    from reasoner.engine import Reasoner

    if not (cfg.database_url or index_exists(cfg.index_dir)):  # a database says so itself
        raise IndexError_(
            f"no index in {cfg.index_dir}/; build one with `reasoner index {cfg.kb_dir}` "
            f"(or --index DIR to point at another)"
        )
    r = Reasoner.open(cfg.index_dir, config=cfg, groups=groups)
    if groups is None:
        note_unrestricted(r)
    return r


def note_unrestricted(r: Reasoner) -> None:
    """Say on stderr that answers may use every document, when some are restricted."""
    import sys

    if r.parts.index is not None and r.parts.index.restricted:
        print("reasoner: answering as an unrestricted caller (every document); give --groups A,B to answer "
              "as a member of some groups", file=sys.stderr)  # fmt: skip


def console(stderr: bool = False) -> Console:
    """A rich console; plain text (no ANSI) when the stream is not a terminal."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def cmd_index(args: argparse.Namespace) -> int:
    """``reasoner index [KB_DIR] [--index DIR]``: incremental build, then a summary table."""
    from reasoner.cli import render
    from reasoner.engine import Reasoner

    cfg = load_config(args)
    if not cfg.kb_dir.is_dir():
        raise ConfigError(
            f"{cfg.kb_dir}: no such folder (give the knowledge base folder: reasoner index DIR)"
        )
    from reasoner.cli.live import logs_above_progress

    with logs_above_progress():
        r = Reasoner.build(cfg.kb_dir, cfg.index_dir, progress=True, rebuild=args.rebuild, config=cfg)
    try:
        out = console()
        out.print(render.rows_table(r.last_report.rows(), title=f"Index {cfg.index_dir}/ from {cfg.kb_dir}/"))
    finally:
        r.close()
    return EXIT_OK


def cmd_ask(args: argparse.Namespace) -> int:
    """``reasoner ask "..."``: one answer; exit 3 when it abstained."""
    from reasoner.cli import render
    from reasoner.cli.live import AnswerView, Cancelled, ask_streaming

    cfg = load_config(args)
    r = open_reasoner(cfg, args.groups)
    try:
        use_memory = not args.no_cache
        out = console()
        if args.json or not out.is_terminal:
            answer = r.ask(args.question, route=args.route, use_memory=use_memory)
        else:
            call = lambda on_token, on_step: r.ask(  # noqa: E731
                args.question, route=args.route, use_memory=use_memory, on_token=on_token, on_step=on_step
            )
            try:
                answer = ask_streaming(call, AnswerView(out))
            except Cancelled:
                raise KeyboardInterrupt from None
        if args.json:
            print(render.to_json(render.answer_dict(answer, args.question)))
        elif not out.is_terminal:
            print(render.plain_answer(answer))
            print(render.badge(answer))
            line = render.sources_line(answer)
            if line:
                print(line)
    finally:
        r.close()
    return EXIT_ABSTAINED if answer.abstained else EXIT_OK


def cmd_chat(args: argparse.Namespace) -> int:
    """``reasoner chat``: interactive on a terminal, one plain line per question when piped."""
    from reasoner.cli.chat import run_chat

    return run_chat(load_config(args), groups=args.groups)


def cmd_eval(args: argparse.Namespace) -> int:
    """``reasoner eval FILE.jsonl``: accuracy, abstention, routes, latency, tokens."""
    from reasoner.cli import render
    from reasoner.evaluate import load_eval, run_eval

    cfg = load_config(args)
    items = load_eval(args.file)  # fail on a bad file before loading any model
    r = open_reasoner(cfg, args.groups)
    try:
        n = min(len(items), args.limit) if args.limit else len(items)
        with _eval_progress(n) as tick:
            report = run_eval(
                r, items, route=args.route, use_memory=not args.no_cache, limit=args.limit, on_result=tick
            )
    finally:
        r.close()
    data = report.to_dict()
    if args.json:
        print(render.to_json(data))
        return EXIT_OK
    out = console()
    if out.is_terminal:
        for table in render.eval_tables(data):
            out.print(table)
    else:
        print("\n".join(render.eval_plain(data)))
    return EXIT_OK


class _eval_progress:  # noqa: N801 - used as a context manager like a function
    """A progress bar on stderr while eval runs (silent when stderr is not a terminal)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.progress: Any = None
        self.task: Any = None

    def __enter__(self) -> Callable[..., None]:
        err = console(stderr=True)
        if err.is_terminal:
            from rich.progress import Progress

            self.progress = Progress(console=err, transient=True)
            self.progress.start()
            self.task = self.progress.add_task("evaluating", total=self.total)
        return self.tick

    def tick(self, *_: Any, **__: Any) -> None:
        if self.progress is not None:
            self.progress.advance(self.task)

    def __exit__(self, *exc: Any) -> None:
        if self.progress is not None:
            self.progress.stop()


def cmd_stats(args: argparse.Namespace) -> int:
    """``reasoner stats``: what the index, graph, memory and this session hold."""
    from reasoner.cli import render

    r = open_reasoner(load_config(args))
    try:
        stats = r.stats()
    finally:
        r.close()
    _print_tables(render.stats_tables(stats), stats)
    return EXIT_OK


def cmd_memory(args: argparse.Namespace) -> int:
    """``reasoner memory stats|clear``."""
    from reasoner.cli import render

    r = open_reasoner(load_config(args))
    try:
        if r.memory is None:
            raise ConfigError("the answer memory is off (setting memory = false)")
        if args.action == "clear":
            before = (r.memory.stats() or {}).get("entries")
            r.forget()
            print(f"memory cleared ({before} entries dropped)" if before is not None else "memory cleared")
            return EXIT_OK
        stats = r.memory.stats()
    finally:
        r.close()
    _print_tables([render.rows_table(render.dict_rows(stats), title="memory")], {"memory": stats})
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """``reasoner serve``: the HTTP API over the index, in N worker processes."""
    from reasoner.server.run import serve
    from reasoner.server.settings import settings_from_args

    return serve(settings_from_args(args))


def _print_tables(tables: list[Any], data: dict[str, Any]) -> None:
    from reasoner.cli import render

    out = console()
    if out.is_terminal:
        for table in tables:
            out.print(table)
        return
    for name, section in data.items():
        print(f"[{name}]")
        print("\n".join(render.rows_plain(render.dict_rows(section or {}))))
