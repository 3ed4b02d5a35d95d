"""A first look at what was typed: input no route should spend compute on is refused at once.

Anyone can type anything into a chat or a server. Three kinds of input are refused
before any route runs, each in milliseconds and with a plain reason: a question past
the length limit (a 1 MB paste took 4.7 s to decline), code meant to be run (reasoner
never executes input, and the LLM would only echo it slowly), and the classic
instruction-injection phrasings ("ignore previous instructions ..."). Questions that
merely mention code or instructions in words are not refused.
"""

from __future__ import annotations

import re

# Programming constructs that do not occur in a question asked in words.
_CODE = re.compile(
    r"__\w+__"  # dunder names: __import__, __class__
    r"|^\s*from\s+[\w.]+\s+import\s+[\w*]"  # import statements, where a statement starts
    r"|^\s*import\s+[\w.]+(?:\s+as\s+\w+)?\s*(?:;|$)"  # ("subtract 3 from 10." is arithmetic)
    r"|\b(?:os|sys|subprocess|shutil|socket|builtins)\.\w+\s*\("  # calls into the system
    r"|\b(?:eval|exec|compile|open|system|popen|spawn\w*|fork)\(\s*['\"\w]"  # calls ("open (weekends)" is words)
    r"|\brm\s+-[rf]{1,2}\b|\bsudo\s+\w|\bcurl\s+\S+\s*\|\s*\w"  # shell
    r"|;\s*(?:drop|delete|truncate|insert|update|alter)\s+\w+"  # SQL after a statement break
    r"|<\s*script\b|\{\{.*\}\}|\$\{[^}]*\}|\$\(\s*[a-z][^)]*\)"  # markup, template and shell substitution
    r"|`\s*(?:rm|curl|wget|bash|sh|nc|python\d?)\s[^`]*`",  # a shell command in backticks (not `reasoner index`)
    re.IGNORECASE | re.MULTILINE,
)
_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.?!]{0,40}\b(?:instructions?|prompts?|rules|system message)\b"
    r"|\b(?:reveal|print|show|repeat|dump)\b[^.?!]{0,30}\b(?:system prompt|your (?:instructions|prompt))\b"
    r"|\b(?:print|dump|output|list)\s+(?:out\s+)?(?:every|all)\s+(?:the\s+)?(?:documents?|files|sources|chunks)\b",
    re.IGNORECASE,
)


def screen(text: str, *, max_chars: int) -> str | None:
    """Why ``text`` is refused before any route runs, or None to go on."""
    if len(text) > max_chars:
        return f"the question is {len(text):,} characters long; the limit is {max_chars:,}"
    if _CODE.search(text):
        return "this looks like code to run, and reasoner never runs what it is given"
    if _INJECTION.search(text):
        return "this asks me to set aside my instructions or to list the knowledge base, which I do not do"
    return None
