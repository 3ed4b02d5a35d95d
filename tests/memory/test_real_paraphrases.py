"""The memory with the real MiniLM embedder on real paraphrases and near-misses."""

from __future__ import annotations

import pytest

from reasoner.memory import DEFAULT_THRESHOLD, AnswerMemory

pytestmark = pytest.mark.slow

STORED = {
    "How many vacation days do new employees get?": "20",
    "Who reports to the head of sales?": "Dana and Lee",
    "What is the price of the K5 keyboard?": "$199",
    "Which plan costs more, Basic or Pro?": "Pro",
    "Is the warranty valid outside the EU?": "yes",
    "What was revenue in 2021?": "$4M",
}

HITS = [
    ("How many days of vacation do new employees get?", "20"),
    ("how many vacation days do new employees get", "20"),
    ("New employees get how many vacation days?", "20"),
    ("What's the price of the K5 keyboard?", "$199"),
    ("What is the K5 keyboard's price?", "$199"),
]

MISSES = [
    "Who does the head of sales report to?",
    "What is the price of the K7 keyboard?",
    "Which plan costs less, Basic or Pro?",
    "Is the warranty not valid outside the EU?",
    "What was revenue in 2022?",
    "How many vacation days do new managers get?",
]


@pytest.fixture(scope="module")
def real_memory(tmp_path_factory, minilm):
    m = AnswerMemory(tmp_path_factory.mktemp("memory"), minilm)
    for q, a in STORED.items():
        m.put(q, a)
    yield m
    m.close()


@pytest.mark.parametrize(("question", "value"), HITS)
def test_paraphrases_hit(real_memory, question: str, value: str) -> None:
    hit = real_memory.get(question)
    assert hit is not None, question
    assert hit.answer.value == value
    assert hit.similarity >= DEFAULT_THRESHOLD


@pytest.mark.parametrize("question", MISSES)
def test_near_misses_do_not_hit(real_memory, question: str) -> None:
    assert real_memory.get(question) is None
