"""The ``reasoner`` command: argument parsing, dispatch and the error edge.

Only the standard library and ``reasoner.errors`` are imported here, so that
``reasoner --help`` answers at once; each command imports what it needs.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from reasoner.errors import ReasonerError
from reasoner.server.settings import add_serve_arguments
from reasoner.types import FORCIBLE

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_ABSTAINED = 3
EXIT_INTERRUPTED = 130

ROUTE_CHOICES = ("auto", *FORCIBLE)

EPILOG = """\
examples:
  reasoner index kb/                       build or update the index in indexes/
  reasoner chat                            talk to the knowledge base
  reasoner ask "What is 15% of 2400?"      one answer, then exit
  reasoner ask --json "..." | jq .value    the full answer as JSON
  reasoner eval dev.jsonl --limit 20       score an eval file
  reasoner serve --workers 4 --tokens t.toml   the HTTP API (POST /ask, /v1/chat/completions)
  echo "..." | reasoner chat               one plain answer line per input line

exit codes:
  0    success
  1    an error (a clear one-line message on stderr; --debug shows the traceback)
  2    usage error (bad arguments)
  3    `ask` abstained: nothing in the knowledge base or the solvers supports an answer
  130  interrupted (Ctrl-C)

environment:
  REASONER_<SETTING> overrides a setting (e.g. REASONER_LLM=fake, REASONER_EMBEDDER=hash);
  settings are read from reasoner.toml in the working directory or from --config FILE.
"""


def _common() -> argparse.ArgumentParser:
    """Options accepted both before and after the sub-command."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks")
    p.add_argument(
        "--config", metavar="FILE", default=argparse.SUPPRESS, help="read settings from FILE (TOML)"
    )
    return p


def _index_opt(p: argparse.ArgumentParser) -> None:
    p.add_argument("--index", metavar="DIR", default=None, help="index folder (default: indexes/)")


def _groups_opt(p: argparse.ArgumentParser) -> None:
    p.add_argument("--groups", metavar="A,B", default=None,
                   help="answer as a member of these groups: only documents they may read are used "
                        "(default: an unrestricted caller, who sees every document)")  # fmt: skip


def _query_opts(p: argparse.ArgumentParser) -> None:
    _index_opt(p)
    _groups_opt(p)
    p.add_argument("--route", choices=ROUTE_CHOICES, default="auto", help="force one route (default: auto)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the answer memory")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, as a parser (pure: no side effects)."""
    from reasoner import __version__

    parser = argparse.ArgumentParser(
        prog="reasoner",
        description="Answer questions about a knowledge base with the least compute that gets them right.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_common()],
    )
    parser.add_argument("--version", action="version", version=f"reasoner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = [_common()]

    p = sub.add_parser("index", parents=common, help="build or update the index of a knowledge base folder")
    p.add_argument(
        "kb_dir", nargs="?", default=None, metavar="KB_DIR", help="documents folder (default: kb/)"
    )
    _index_opt(p)
    p.add_argument(
        "--rebuild", action="store_true", help="re-embed everything (after changing the embedder or chunk size)"
    )
    p.add_argument(
        "--no-sentence-vectors", action="store_true",
        help="do not store the vectors of the sentences answers are read from (a build 4-7x faster, the index "
             "about 7x smaller; answers 5-11x slower: each then embeds 100-200 sentences)",
    )  # fmt: skip

    p = sub.add_parser("ask", parents=common, help="answer one question and exit")
    p.add_argument("question", help="the question (quote it)")
    _query_opts(p)

    p = sub.add_parser(
        "chat", parents=common, help="interactive chat (plain answer lines when input is piped)"
    )
    _index_opt(p)
    _groups_opt(p)

    p = sub.add_parser("eval", parents=common, help="score answers against a JSON-lines eval file")
    p.add_argument("file", metavar="FILE.jsonl")
    _query_opts(p)
    p.add_argument(
        "--limit", type=_positive_int, default=None, metavar="N", help="only the first N questions"
    )

    p = sub.add_parser("stats", parents=common, help="what the index, graph and memory hold")
    _index_opt(p)

    p = sub.add_parser("memory", parents=common, help="inspect or clear the answer memory")
    p.add_argument("action", choices=("stats", "clear"))
    _index_opt(p)

    p = sub.add_parser("serve", parents=common, help="answer over HTTP (JSON, events, OpenAI chat API)")
    add_serve_arguments(p)
    return parser


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n <= 0:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse ``argv``; raises SystemExit (code 0 for --help/--version, 2 for usage errors)."""
    args = build_parser().parse_args(argv)
    args.debug = getattr(args, "debug", False)
    args.config = getattr(args, "config", None)
    return args


def main(argv: Sequence[str] | None = None, *, reraise: bool = False) -> int:
    """Run the ``reasoner`` command and return its exit code.

    Args:
        argv: arguments without the program name (default: ``sys.argv[1:]``).
        reraise: let library errors propagate (tests use this so bugs never hide).
    """
    try:
        args = parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        build_parser().print_help()
        return EXIT_USAGE
    try:
        from reasoner.cli import commands

        return commands.run(args)
    except BrokenPipeError:  # `reasoner ... | head`: the reader left; say nothing more
        _silence_stdout()
        return EXIT_OK
    except (ReasonerError, OSError) as exc:
        if reraise:
            raise
        if args.debug:
            traceback.print_exc()
        print(f"reasoner: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        if reraise:
            raise
        print("reasoner: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, OSError) and exc.filename and str(exc.filename) not in text:
        text = f"{exc.filename}: {text}"
    return text


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
