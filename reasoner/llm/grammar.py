"""Constrained-output formats for grounded answers: a GBNF grammar and a JSON schema.

A 135M model asked for "one short sentence with a citation" often rambles on,
cites a source it was not shown ("[3]" of two), or forgets the citation. Under a
grammar llama.cpp masks every token that would leave the format, so the reply is
exactly one of:

- the refusal text, verbatim;
- one sentence (no brackets, no line break, at most ``max_chars`` characters)
  followed by citations of sources that were shown: ``... [2].`` or ``... [1][2].``

The JSON schema is the same contract as an object, ``{"answer": str, "source": int}``
with ``source`` 0 for "not in the sources"; ``json_reply_text`` turns it back into
the bracket form the citation parser reads. Pure functions: no model needed.
"""

from __future__ import annotations

import json
from typing import Any

from reasoner.errors import ModelError

MAX_SOURCES = 20


def gbnf_literal(text: str) -> str:
    """``text`` as a GBNF string literal (quotes, backslashes and control characters escaped).

    >>> gbnf_literal('say "hi"')
    '"say \\\\"hi\\\\""'
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _source_numbers(n_sources: int) -> list[int]:
    if not 1 <= n_sources <= MAX_SOURCES:
        raise ModelError(f"a cited answer needs 1 to {MAX_SOURCES} sources, not {n_sources}")
    return list(range(1, n_sources + 1))


def cited_answer_grammar(
    n_sources: int, *, refusal: str, max_chars: int = 200, max_cites: int = 2
) -> str:
    """A GBNF grammar: ``refusal`` verbatim, or one sentence then citations of 1..``n_sources``.

    The sentence ends at its first ".", "!" or "?" not followed by a digit or a
    lower-case letter (so "$1.50" and "e.g. this" stay inside), and the
    citations follow at once: the model cannot ramble into a second sentence.

    Raises:
        ModelError: ``n_sources`` is outside 1..MAX_SOURCES, or the limits are not positive.
    """
    if max_chars < 1 or max_cites < 1:
        raise ModelError("max_chars and max_cites must be positive")
    alts = " | ".join(f'"{n}"' for n in _source_numbers(n_sources))
    return "\n".join(
        [
            "root ::= refusal | answer",
            f"refusal ::= {gbnf_literal(refusal)}",
            f'answer ::= sentence end? " " cite{{1,{max_cites}}} "."?',
            f"sentence ::= part{{1,{max_chars}}}",
            r'part ::= [^\[\]\n.!?] | [.!?] [0-9a-z]',
            r"end ::= [.!?]",
            'cite ::= "[" src "]"',
            f"src ::= {alts}",
            "",
        ]
    )


def cited_answer_schema(n_sources: int, *, max_chars: int = 200) -> dict[str, Any]:
    """A JSON schema: ``{"answer": <text>, "source": <0..n_sources>}``, 0 meaning "not in the sources".

    Raises:
        ModelError: ``n_sources`` is outside 1..MAX_SOURCES.
    """
    numbers = [0, *_source_numbers(n_sources)]
    return {
        "type": "object",
        "properties": {
            "answer": {"type": "string", "minLength": 1, "maxLength": max_chars},
            "source": {"type": "integer", "enum": numbers},
        },
        "required": ["answer", "source"],
        "additionalProperties": False,
    }


def json_reply_text(reply: str, *, refusal: str) -> str:
    """A ``cited_answer_schema`` reply as bracket text: "answer [n]", or ``refusal`` for source 0.

    A reply that is not such an object (a backend that did not enforce the schema,
    or one cut off by the token limit) is returned unchanged, for the caller's checks.

    >>> json_reply_text('{"answer": "25 days.", "source": 1}', refusal="No.")
    '25 days. [1]'
    >>> json_reply_text('{"answer": "x", "source": 0}', refusal="No.")
    'No.'
    """
    try:
        obj = json.loads(reply)
    except ValueError:
        return reply
    if not isinstance(obj, dict) or not isinstance(obj.get("answer"), str):
        return reply
    source = obj.get("source")
    if source == 0:
        return refusal
    if not isinstance(source, int) or isinstance(source, bool) or source < 0:
        return reply
    return f"{' '.join(obj['answer'].split())} [{source}]"
