"""Constrained-output formats: the GBNF grammar text, the JSON schema, and JSON replies."""

import json
import re

import pytest

from reasoner.errors import ModelError
from reasoner.llm.grammar import (
    MAX_SOURCES,
    cited_answer_grammar,
    cited_answer_schema,
    gbnf_literal,
    json_reply_text,
)

REFUSAL = "The knowledge base does not say."


def _rules(grammar: str) -> dict[str, str]:
    return dict(line.split(" ::= ", 1) for line in grammar.strip().splitlines())


def test_grammar_offers_only_the_sources_shown():
    rules = _rules(cited_answer_grammar(3, refusal=REFUSAL))
    assert rules["src"] == '"1" | "2" | "3"'
    assert rules["root"] == "refusal | answer"
    assert rules["refusal"] == f'"{REFUSAL}"'


def test_grammar_limits_sentence_length_and_citations():
    rules = _rules(cited_answer_grammar(2, refusal=REFUSAL, max_chars=50, max_cites=1))
    assert rules["sentence"] == "part{1,50}" and "cite{1,1}" in rules["answer"]
    # a sentence part never holds a bracket or a line break
    assert r"[^\[\]\n.!?]" in rules["part"]


def test_every_rule_referenced_is_defined():
    rules = _rules(cited_answer_grammar(2, refusal='Say "no" [x].'))
    body = " ".join(rules.values())
    body = re.sub(r'"(?:[^"\\]|\\.)*"', " ", body)  # string literals
    body = re.sub(r"\[(?:[^\]\\]|\\.)*\]", " ", body)  # character classes
    body = re.sub(r"\{[0-9,]+\}", " ", body)  # repetition counts
    assert set(re.findall(r"[a-z]+", body)) == set(rules) - {"root"}


@pytest.mark.parametrize("n", [0, -1, MAX_SOURCES + 1])
def test_grammar_and_schema_reject_bad_source_counts(n):
    with pytest.raises(ModelError):
        cited_answer_grammar(n, refusal=REFUSAL)
    with pytest.raises(ModelError):
        cited_answer_schema(n)


def test_grammar_rejects_non_positive_limits():
    with pytest.raises(ModelError):
        cited_answer_grammar(2, refusal=REFUSAL, max_chars=0)


def test_gbnf_literal_escapes():
    assert gbnf_literal('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'
    assert gbnf_literal("") == '""'


def test_schema_sources_and_refusal_code():
    schema = cited_answer_schema(2, max_chars=80)
    assert schema["properties"]["source"]["enum"] == [0, 1, 2]
    assert schema["properties"]["answer"]["maxLength"] == 80
    assert schema["required"] == ["answer", "source"] and schema["additionalProperties"] is False
    json.dumps(schema)  # serialisable as the request carries it


@pytest.mark.parametrize(
    "reply,text",
    [
        ('{"answer": "25 days.", "source": 1}', "25 days. [1]"),
        ('{"answer": "  two\\n words ", "source": 2}', "two words [2]"),
        ('{"answer": "anything", "source": 0}', REFUSAL),
        ('{"answer": "x", "source": true}', '{"answer": "x", "source": true}'),
        ('{"answer": 5, "source": 1}', '{"answer": 5, "source": 1}'),
        ('{"answer": "cut off', '{"answer": "cut off'),
        ("[1, 2]", "[1, 2]"),
        ("plain text [1]", "plain text [1]"),
    ],
)
def test_json_reply_text(reply, text):
    assert json_reply_text(reply, refusal=REFUSAL) == text
