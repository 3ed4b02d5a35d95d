"""The chat session with a fake engine: answers, follow-ups, slash commands, cancelling, piped mode."""

from __future__ import annotations

import io
import os
import signal
import threading
import time

import pytest

from reasoner.cli import chat
from reasoner.cli.live import AnswerView, Cancelled, ask_streaming
from reasoner.errors import ConfigError
from reasoner.types import Answer


def session(fake, console, plain=False):
    return chat.ChatSession(lambda: fake, console, plain=plain)


@pytest.mark.parametrize("line, parsed", [("/why", ("/why", "")), ("  /Sources  ", ("/sources", "")),
                                          ("/exit", ("/quit", "")), ("/reindex kb2", ("/reindex", "kb2")),
                                          ("/nope", ("/nope", "")), ("What is 1/2?", None), ("/2 + 3", None),
                                          ("/", None), ("", None)])
def test_parse_command(line, parsed):
    assert chat.parse_command(line) == parsed


def test_examples_are_one_per_route_for_the_sample_kb():
    routes = [r for r, _ in chat.examples_for(chat.SAMPLE_KB)]
    assert routes == ["math", "graph", "rag"]
    assert chat.examples_for(None) == chat.GENERIC_EXAMPLES


def test_rich_answer_streams_then_shows_badge_and_sources(fake_reasoner, record_console):
    console = record_console(terminal=True)
    s = session(fake_reasoner, console)
    streamed = []
    fake_reasoner.token_hook = lambda i: streamed.append(i)
    assert s.handle("How many vacation days do new hires get?")
    out = console.file.getvalue()
    assert streamed == list(range(8))  # every word went through on_token
    assert "25 vacation days" in out and "rag · ✓ verified" in out
    assert "sources: policies/leave.md > Vacation days" in out
    assert s.last.value == "25"


def test_plain_mode_prints_exactly_one_line_without_ansi(fake_reasoner, record_console):
    console = record_console(terminal=False)
    s = session(fake_reasoner, console, plain=True)
    s.handle("What is 15% of 2400?")
    s.handle("How many vacation days do new hires get?")
    assert console.file.getvalue() == "15% of 2400 is **360**.\nNew hires get **25 vacation days** per year.\n"


def test_follow_up_is_resolved_and_why_shows_it(fake_reasoner, record_console):
    console = record_console(terminal=False)
    s = session(fake_reasoner, console, plain=True)
    s.handle("Who manages Dana Whitfield?")
    s.handle("and who manages her?")
    assert s.last.value == "Rafael Lindqvist"
    assert s.conversation.last_resolved == "who manages Rafael Lindqvist?"
    s.handle("/why")
    out = console.file.getvalue().splitlines()
    assert "question: and who manages her?" in out
    assert "resolved as: who manages Rafael Lindqvist?" in out
    assert any(line.startswith("1. conversation resolve:") for line in out)
    assert any(line.startswith("2. graph solve: manager of Rafael Lindqvist (conf 0.95) -> accepted") for line in out)


def test_why_and_sources_before_any_answer(fake_reasoner, record_console):
    console = record_console(terminal=False)
    s = session(fake_reasoner, console, plain=True)
    s.handle("/why")
    s.handle("/sources")
    assert console.file.getvalue().count("No answer yet") == 2


def test_sources_lists_evidence(fake_reasoner, record_console):
    console = record_console(terminal=True)
    s = session(fake_reasoner, console)
    s.handle("How many vacation days?")
    s.handle("/sources")
    out = console.file.getvalue()
    assert "Sources" in out and "policies/leave.md > Vacation days" in out and "0.91" in out
    s.handle("What is 2+2?")
    s.handle("/sources")
    assert "2400*15/100" in console.file.getvalue()


def test_stats_forget_and_memory(fake_reasoner, record_console):
    console = record_console(terminal=True)
    s = session(fake_reasoner, console)
    s.handle("How many vacation days?")
    s.handle("How many vacation days?")
    assert s.last.from_memory and "from memory" in console.file.getvalue()
    s.handle("/stats")
    out = console.file.getvalue()
    assert "This session" in out and "questions" in out and "Answer memory" in out
    s.handle("/forget")
    assert fake_reasoner.memory.entries == {}
    assert "Answer memory cleared (1 entries dropped)." in console.file.getvalue()


def test_reindex_help_unknown_and_quit(fake_reasoner, record_console):
    console = record_console(terminal=True)
    s = chat.ChatSession(lambda: fake_reasoner, console, kb_dir=chat.SAMPLE_KB)
    assert s.handle("/reindex")
    assert fake_reasoner.indexed == [chat.SAMPLE_KB]
    assert s.handle("/help") and s.handle("/bogus")
    out = console.file.getvalue()
    assert "Index updated" in out and "chunks embedded" in out
    assert all(name in out for name in chat.COMMANDS)
    assert "unknown command /bogus" in out
    assert s.handle("/quit") is False and s.handle("/exit") is False


def test_library_errors_keep_the_session(fake_reasoner, record_console, capsys):
    def broken(*a, **k):
        raise ConfigError("index was built with another embedder")

    fake_reasoner.ask = broken
    console = record_console(terminal=False)
    s = session(fake_reasoner, console, plain=True)
    assert s.handle("hello") is True
    assert capsys.readouterr().err == "reasoner: error: index was built with another embedder\n"


def test_run_piped_answers_each_line_and_stops_at_quit(fake_reasoner, record_console):
    console = record_console(terminal=False)
    s = session(fake_reasoner, console, plain=True)
    stdin = io.StringIO("What is 15% of 2400?\n\nWho manages Dana Whitfield?\n/quit\nnever asked\n")
    assert chat.run_piped(s, stdin) == 0
    assert console.file.getvalue().splitlines() == ["15% of 2400 is **360**.",
                                                    "Dana Whitfield is managed by Rafael Lindqvist."]
    assert fake_reasoner.ledger.queries == 2 and fake_reasoner.closed


def test_background_loader_is_used_once(fake_reasoner, record_console):
    calls = []
    fut = chat._background(lambda: calls.append(1) or fake_reasoner)
    s = chat.ChatSession(fut, record_console(terminal=True))
    s.handle("What is 2+2?")
    s.handle("What is 3+3?")
    assert calls == [1] and fake_reasoner.ledger.queries == 2


def test_background_loader_error_surfaces_on_first_question(record_console):
    fut = chat._background(lambda: (_ for _ in ()).throw(ConfigError("corrupt index")))
    console = record_console(terminal=True)
    s = chat.ChatSession(fut, console)
    assert s.handle("hi") is True
    assert "error: corrupt index" in console.file.getvalue()


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(), reason="needs the main thread")
def test_ctrl_c_cancels_the_answer_and_keeps_the_session(fake_reasoner, record_console):
    console = record_console(terminal=True)
    s = session(fake_reasoner, console)
    started = threading.Event()
    before = signal.getsignal(signal.SIGINT)  # SIG_IGN when run as a background job

    def slow(i):
        started.set()
        time.sleep(0.05)

    fake_reasoner.token_hook = slow
    killer = threading.Thread(target=lambda: (started.wait(5), os.kill(os.getpid(), signal.SIGINT)))
    killer.start()
    t0 = time.perf_counter()
    assert s.handle("How many vacation days? " + "tell me more " * 50) is True
    killer.join()
    assert time.perf_counter() - t0 < 2.0
    assert "(answer cancelled)" in console.file.getvalue()
    assert s.last is None and fake_reasoner.ledger.queries == 0  # the worker stopped before finishing
    assert signal.getsignal(signal.SIGINT) == before  # the session's handler is gone again
    fake_reasoner.token_hook = None
    s.handle("What is 2+2?")
    assert s.last.value == "360"


def test_ask_streaming_reraises_engine_errors(record_console):
    def call(on_token, on_step):
        on_token("partial")
        raise ConfigError("boom")

    with pytest.raises(ConfigError):
        ask_streaming(call, AnswerView(record_console()))


def test_worker_callbacks_raise_cancelled_once_cancelled(record_console):
    seen: list[str] = []

    def call(on_token, on_step):
        on_token("a")
        seen.append("a")
        return Answer("done")

    answer = ask_streaming(call, AnswerView(record_console()))
    assert answer.text == "done" and seen == ["a"]
    assert issubclass(Cancelled, BaseException) and not issubclass(Cancelled, Exception)
