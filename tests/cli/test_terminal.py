"""`reasoner chat` driven through a real pseudo-terminal (pexpect), and its piped mode.

These run the chat against the FakeReasoner (via tests/cli/chat_harness.py), so
they test the terminal behaviour itself: prompt, streaming, badges, slash
commands, follow-ups, Ctrl-C and Ctrl-D. test_end_to_end.py runs the real engine.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

HARNESS = Path(__file__).resolve().parent / "chat_harness.py"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")
PROMPT = "› "


def spawn(env: dict[str, str], *args: str, timeout: float = 20) -> pexpect.spawn:
    child = pexpect.spawn(sys.executable, [str(HARNESS), *args], env=env, encoding="utf-8",
                          dimensions=(50, 140), timeout=timeout)
    return child


def until(child: pexpect.spawn, text: str) -> str:
    """Wait for ``text`` and return what came before it, without escape codes."""
    child.expect_exact(text)
    return ANSI.sub("", child.before)


def ask(child: pexpect.spawn, question: str, last: str = "computed") -> str:
    """Type a line; return the screen text (escape codes removed) up to ``last``, then wait for the prompt.

    prompt_toolkit redraws the prompt as it echoes, so the prompt alone does not
    mark the end of an answer: ``last`` does (the badge ends with "computed" or
    "from memory").
    """
    child.sendline(question)
    return until(child, last) + last + until(child, PROMPT)


@pytest.fixture
def fake_env(env_for, tmp_path):
    return env_for(tmp_path, HARNESS_ENGINE="fake")


def test_chat_session_in_a_pty(fake_env, tmp_path):
    child = spawn(fake_env, "chat", "--index", str(tmp_path / "ix"))
    greeting = until(child, PROMPT)
    assert "Try:" in greeting and "Who designed the K-7?" in greeting and "(graph)" in greeting

    out = ask(child, "What is 15% of 2400?")
    assert "360" in out and "math · ✓ verified" in out and "computed" in out

    out = ask(child, "Who manages Dana Whitfield?")
    assert "Rafael Lindqvist" in out and "graph · ✓ verified" in out and "sources: org/org_chart.csv:8" in out

    out = ask(child, "and who manages her?")  # follow-up, resolved by the conversation
    assert "Rafael Lindqvist is managed by" in out

    out = ask(child, "/why", last="accepted")
    assert "resolved as: who manages Rafael Lindqvist?" in out and "conversation" in out and "resolve" in out

    out = ask(child, "How many vacation days do new hires get?")
    assert "25 vacation days" in out and "rag · ✓ verified" in out and "12 out tokens" in out
    assert "sources: policies/leave.md > Vacation days" in out

    out = ask(child, "How many vacation days do new hires get?", last="from memory")
    assert "memory · ✓ verified" in out

    out = ask(child, "/stats", last="Answer memory")
    assert "This session" in out and re.search(r"questions\s*│\s*5", out)

    child.sendeof()  # Ctrl-D leaves
    rest = ANSI.sub("", child.read())
    assert "5 questions · 1 from memory" in rest
    child.close()
    assert child.exitstatus == 0
    assert (tmp_path / "ix" / ".chat_history").read_text().count("What is 15% of 2400?") == 1


def test_ctrl_c_cancels_a_long_answer_and_keeps_the_session(env_for, tmp_path):
    env = env_for(tmp_path, HARNESS_ENGINE="fake", HARNESS_TOKEN_DELAY="0.6")
    child = spawn(env, "chat", "--index", str(tmp_path / "ix"))
    until(child, PROMPT)
    child.sendline("How many vacation days do new hires get?")
    until(child, "New")  # the first streamed token
    t0 = time.monotonic()
    child.sendintr()
    until(child, "(answer cancelled)")
    assert time.monotonic() - t0 < 2.0  # stopped at the next token, not after the 8 tokens (~5 s)
    until(child, PROMPT)
    out = ask(child, "What is 15% of 2400?")  # the session goes on
    assert "360" in out
    child.sendintr()  # Ctrl-C at the prompt clears the line and keeps going
    child.sendline("/quit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_piped_input_answers_one_plain_line_per_question(fake_env, tmp_path):
    questions = "What is 15% of 2400?\nWho manages Dana Whitfield?\nand who manages her?\nsomething unknown\n"
    proc = subprocess.run([sys.executable, str(HARNESS), "chat", "--index", str(tmp_path / "ix")],
                          input=questions, capture_output=True, text=True, env=fake_env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout
    assert proc.stdout.splitlines() == [
        "15% of 2400 is **360**.",
        "Dana Whitfield is managed by Rafael Lindqvist.",
        "Rafael Lindqvist is managed by Rafael Lindqvist.",
        "I don't know: nothing supports an answer.",
    ]


def test_ask_on_a_terminal_streams_and_sets_the_exit_code(fake_env):
    child = spawn(fake_env, "ask", "How many vacation days do new hires get?")
    child.expect(pexpect.EOF)
    out = ANSI.sub("", child.before)
    child.close()
    assert child.exitstatus == 0
    assert "25 vacation days" in out and "rag · ✓ verified" in out and "policies/leave.md > Vacation days" in out
    child = spawn(fake_env, "ask", "something unknown")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 3

