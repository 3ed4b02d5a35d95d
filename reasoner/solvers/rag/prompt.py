"""Prompts for retrieval-augmented answers, and parsing the citations in replies.

Sources are numbered from 1 in the prompt; the model cites them as [1]. Prompts
stay short: a 135M model follows a short instruction better than a long one, and
every prompt token costs prefill time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reasoner.llm.base import Message
from reasoner.types import Hit

ABSTAIN_TEXT = "The knowledge base does not say."

SYSTEM = (
    "You answer questions using only the numbered sources. Reply with one short sentence "
    "and cite the source number in brackets, like [1]. If the sources do not contain the answer, "
    f"reply exactly: {ABSTAIN_TEXT}"
)

_PREAMBLE = re.compile(
    r"^(?:(?:the\s+)?(?:short\s+)?answer\b(?:\s+to\s+(?:the|your|this)\s+question)?(?:\s+is\b\s*:?|\s*:)|a\s*:)\s*",
    re.IGNORECASE,
)
_CITE_GROUP = re.compile(r"\[(?:source\s*)?(\d+(?:\s*,\s*\d+)*)\]", re.IGNORECASE)


def source_label(hit: Hit) -> str:
    """ "file > section" of a hit's chunk, for the prompt and the evidence."""
    c = hit.chunk
    return f"{c.source} > {c.section}" if c.section else c.source


def prompt_label(label: str) -> str:
    """What the model reads of a source label: its deepest heading, or the file name
    without folders and extension when it has none.

    A label is "folder/file.md > Heading > Subheading"; the folders and the outer
    headings are a fifth of a rag prompt's tokens on the handbooks (every one of them
    prefill time) and tell the model little the subheading does not.

    >>> prompt_label("pages/travel/leave.md > Types of leave > Military leave")
    'Military leave'
    >>> prompt_label("pages/tools/tock.md")
    'tock'
    """
    file, *headings = (part.strip() for part in label.split(" > "))
    if headings and headings[-1]:
        return headings[-1]
    name = file.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, _ = name.rpartition(".")
    return stem if dot and stem else name


def format_sources(snippets: Sequence[str], labels: Sequence[str] = ()) -> str:
    """Numbered sources, one per paragraph: "[1] (label) text", the label shortened by ``prompt_label``."""
    out = []
    for i, text in enumerate(snippets, 1):
        label = prompt_label(labels[i - 1]) if i - 1 < len(labels) and labels[i - 1] else ""
        head = f"[{i}] ({label}) " if label else f"[{i}] "
        out.append(head + " ".join(text.split()))
    return "\n\n".join(out)


def canonical_question(question: str) -> str:
    """The question as the prompt states it: spaces collapsed, ending in a question mark
    when it has no final punctuation. Questions typed with or without the "?" then make the
    same prompt, so a remembered reply (keyed by the prompt's hash) serves both.

    >>> canonical_question("  Which laptop do  engineers get ")
    'Which laptop do engineers get?'
    """
    text = " ".join(question.split())
    return text if not text or text[-1] in "?.!" else text + "?"


def build_messages(question: str, snippets: Sequence[str], labels: Sequence[str] = ()) -> list[Message]:
    """The chat for one grounded answer: the fixed system prompt first (its KV cache is reused)."""
    user = f"Sources:\n{format_sources(snippets, labels)}\n\nQuestion: {canonical_question(question)}\nAnswer with a citation:"
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]


SHORT_SYSTEM = "Answer the question with a few words copied from the text. No full sentence."


def short_answer_messages(question: str, context: str) -> list[Message]:
    """The chat for a short span answer (reading comprehension): text, question, "Answer:"."""
    user = f"Text: {' '.join(context.split())}\n\nQuestion: {canonical_question(question)}\nShort answer:"
    return [{"role": "system", "content": SHORT_SYSTEM}, {"role": "user", "content": user}]


def revision_messages(question: str, snippets: Sequence[str], draft: str, problem: str) -> list[Message]:
    """The chat for one revision step: the draft, what the check found, and a request to fix it."""
    user = (
        f"Sources:\n{format_sources(snippets)}\n\nQuestion: {canonical_question(question)}\n"
        f"Draft answer: {draft.strip()}\nProblem: {problem}\n"
        "Rewrite the answer so that every word is supported by a source, with a citation:"
    )
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]


def parse_citations(text: str, n_sources: int) -> list[int]:
    """Source numbers cited in ``text`` (1-based, first-seen order, out-of-range dropped).

    >>> parse_citations("Yes [2]. Also [1, 2] and [7].", 3)
    [2, 1]
    """
    seen: list[int] = []
    for group in _CITE_GROUP.findall(text):
        for part in group.split(","):
            n = int(part)
            if 1 <= n <= n_sources and n not in seen:
                seen.append(n)
    return seen


def clean_reply(text: str) -> str:
    """The first paragraph of a reply without chat-template leftovers or a "Answer:" prefix."""
    text = text.replace("<|im_end|>", "").strip()
    text = re.split(r"\n\s*\n", text, maxsplit=1)[0].strip()
    return _PREAMBLE.sub("", text).strip()
