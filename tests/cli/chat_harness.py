"""Test-only launcher: runs the `reasoner` command with test doubles swapped in.

Never used by the product. pexpect and subprocess tests start
``python tests/cli/chat_harness.py <reasoner args>`` with:

- ``HARNESS_ENGINE=fake``: the chat talks to the FakeReasoner of this folder's
  conftest (no index, no models) - fast tests of the terminal behaviour.
- ``HARNESS_ENGINE=real`` (default): the real engine; with ``HARNESS_LLM=script``
  its LLM is a scripted FakeLLM, so that rag answers are predictable.
- ``HARNESS_TOKEN_DELAY=<seconds>``: every streamed token waits that long, so a
  test can press Ctrl-C in the middle of a long answer.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DELAY = float(os.environ.get("HARNESS_TOKEN_DELAY", "0") or 0)
# FakeLLM uses the first key found in the prompt (which includes the sources): "slowly" goes first.
SCRIPT = {
    "slowly": " ".join(["This answer is long on purpose and streams slowly."] * 20),
    "vacation": "New hires get 25 vacation days per calendar year, prorated in the first year [1].",
}


def _conftest() -> Any:
    spec = importlib.util.spec_from_file_location("cli_conftest", HERE / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def use_fake_engine() -> None:
    """Swap the engine for the conftest's FakeReasoner (with slow tokens when asked)."""
    from reasoner.cli import chat, commands

    fakes = _conftest()

    def open_fake(cfg: Any, where: str, groups: Any = None) -> Any:
        r = fakes.FakeReasoner()
        if DELAY:
            r.token_hook = lambda i: time.sleep(DELAY)
        return r

    chat._open = open_fake
    chat.index_exists = lambda path: True
    commands.open_reasoner = lambda cfg, groups=None: open_fake(cfg, "index")


def use_scripted_llm() -> None:
    """Make every Config carry a scripted FakeLLM whose tokens stream with ``DELAY``."""
    from reasoner.config import Config
    from reasoner.llm.base import FakeLLM

    class SlowFakeLLM(FakeLLM):
        def generate(self, messages: Any, **kw: Any) -> Any:
            on_token = kw.get("on_token")
            if on_token is not None and DELAY:
                kw["on_token"] = lambda t: (time.sleep(DELAY), on_token(t))
            return super().generate(messages, **kw)

    llm = SlowFakeLLM(SCRIPT)
    original = Config.load.__func__

    def load(cls: type, path: Any = None, **overrides: Any) -> Config:
        cfg = original(cls, path, **overrides)
        cfg.llm = llm
        return cfg

    Config.load = classmethod(load)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1]))
    if os.environ.get("HARNESS_ENGINE", "real") == "fake":
        use_fake_engine()
    elif os.environ.get("HARNESS_LLM") == "script":
        use_scripted_llm()
    from reasoner.cli.main import main

    sys.exit(main(sys.argv[1:]))
