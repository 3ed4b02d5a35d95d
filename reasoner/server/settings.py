"""The settings of `reasoner serve`, its command-line options, and how workers receive them.

Standard library only: the CLI parser imports this module, and ``reasoner --help`` must
stay instant. uvicorn starts each worker process afresh (spawn), so the settings travel to
the workers as JSON in one environment variable instead of as Python objects.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
from dataclasses import dataclass
from typing import Any

from reasoner.errors import ConfigError

ENV = "REASONER_SERVE_SETTINGS"  # JSON of ServeSettings, set by `reasoner serve` for its workers
TOKENS_ENV = "REASONER_TOKENS_FILE"  # the tokens file when --tokens is not given


@dataclass(frozen=True)
class ServeSettings:
    """How one `reasoner serve` runs.

    Attributes:
        index_dir, kb_dir, config_path: the index served, the KB `POST /index` reads, the
            settings file (None: the Config defaults, ``reasoner.toml``, ``REASONER_*``).
        host, port, workers: where uvicorn listens, and how many worker processes it runs.
        tokens_file: TOML or JSON file of bearer tokens and their groups (None: no
            authentication, which is only sensible on 127.0.0.1).
        max_body_bytes: a larger request body is refused with 413.
        max_question_chars: a longer question is refused with 422.
        max_concurrent: questions one worker holds at once (running or waiting for the
            engine); one more gets 503 with Retry-After. A worker answers one question at
            a time (the engine is serial), so this is the worker's queue length.
        timeout_s: a question not answered in this time gets 504 (and its work is stopped
            at the next token or step).
        history_turns: earlier chat turns passed to the engine with a chat question.
        retry_after_s: the Retry-After of a 503.
        log_level: uvicorn's log level.
    """

    index_dir: str | None = None
    kb_dir: str | None = None
    config_path: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    tokens_file: str | None = None
    max_body_bytes: int = 256 * 1024
    max_question_chars: int = 2000
    max_concurrent: int = 8
    timeout_s: float = 120.0
    history_turns: int = 4
    retry_after_s: int = 1
    log_level: str = "info"

    def __post_init__(self) -> None:
        for name in ("port", "workers", "max_body_bytes", "max_question_chars", "max_concurrent"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"serve setting {name} must be positive, not {getattr(self, name)}")
        if self.timeout_s <= 0:
            raise ConfigError(f"serve setting timeout_s must be positive, not {self.timeout_s}")

    def to_env(self) -> str:
        return json.dumps(dataclasses.asdict(self))

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> ServeSettings:
        """The settings `reasoner serve` left for this worker (the defaults when none)."""
        text = (environ if environ is not None else os.environ).get(ENV)
        if not text:
            return cls()
        try:
            values = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{ENV} is not valid JSON ({exc})") from exc
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})


def add_serve_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `reasoner serve` (``--index`` and ``--config`` come from the common ones)."""
    d = ServeSettings()
    p.add_argument("--index", metavar="DIR", default=None, help="index folder (default: indexes/)")
    p.add_argument("--kb", metavar="DIR", default=None, help="knowledge base POST /index reads (default: kb/)")
    p.add_argument("--host", default=d.host, help=f"address to listen on (default: {d.host})")
    p.add_argument("--port", type=int, default=d.port, help=f"port (default: {d.port})")
    p.add_argument("--workers", type=int, default=d.workers, metavar="N", help="worker processes (default: 1)")
    p.add_argument("--tokens", metavar="FILE", default=None,
                   help=f"bearer tokens and their groups, TOML or JSON (default: ${TOKENS_ENV}; none: no auth)")
    p.add_argument("--max-concurrent", type=int, default=d.max_concurrent, metavar="N",
                   help=f"questions one worker holds at once; more get 503 (default: {d.max_concurrent})")
    p.add_argument("--timeout", type=float, default=d.timeout_s, metavar="S",
                   help=f"seconds per question before 504 (default: {d.timeout_s:g})")
    p.add_argument("--max-question", type=int, default=d.max_question_chars, metavar="CHARS",
                   help=f"longest question accepted (default: {d.max_question_chars})")
    p.add_argument("--max-body", type=int, default=d.max_body_bytes, metavar="BYTES",
                   help=f"largest request body accepted (default: {d.max_body_bytes})")  # fmt: skip


def settings_from_args(args: argparse.Namespace) -> ServeSettings:
    """ServeSettings from parsed `reasoner serve` arguments (the tokens file may come from the environment)."""
    return ServeSettings(
        index_dir=args.index, kb_dir=args.kb, config_path=getattr(args, "config", None),
        host=args.host, port=args.port, workers=args.workers,
        tokens_file=args.tokens or os.environ.get(TOKENS_ENV) or None,
        max_body_bytes=args.max_body, max_question_chars=args.max_question,
        max_concurrent=args.max_concurrent, timeout_s=args.timeout,
    )  # fmt: skip


def config_overrides(settings: ServeSettings) -> dict[str, Any]:
    """The Config overrides the serve settings imply (the index and KB folders)."""
    return {"index_dir": settings.index_dir, "kb_dir": settings.kb_dir}
