"""The memory with the real MiniLM embedder on real paraphrases and near-misses, with either guard.

The learned guard's default bar (1% false hits, 95% bound) is stricter than the
rule guard on reordered questions: "New employees get how many vacation days?"
scores below it (benchmarks/notes/memory.md), so it is listed apart.
"""

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


# Served by the rule guard, refused at the learned guard's default bar (reorderings it is unsure of).
RULE_ONLY_HITS = {"New employees get how many vacation days?", "How many days of vacation do new employees get?"}


def _filled(folder, embedder, learned: bool) -> AnswerMemory:
    m = AnswerMemory(folder, embedder, learned=learned)
    for q, a in STORED.items():
        m.put(q, a)
    return m


@pytest.fixture(scope="module")
def real_memory(tmp_path_factory, minilm):
    m = _filled(tmp_path_factory.mktemp("memory"), minilm, learned=False)
    yield m
    m.close()


@pytest.fixture(scope="module")
def learned_memory(tmp_path_factory, minilm):
    m = _filled(tmp_path_factory.mktemp("learned"), minilm, learned=True)
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


@pytest.mark.parametrize(("question", "value"), [h for h in HITS if h[0] not in RULE_ONLY_HITS])
def test_paraphrases_hit_the_learned_guard(learned_memory, question: str, value: str) -> None:
    assert learned_memory.guard_name.startswith("learned")
    hit = learned_memory.get(question)
    assert hit is not None, question
    assert hit.answer.value == value


@pytest.mark.parametrize("question", MISSES)
def test_near_misses_do_not_hit_the_learned_guard(learned_memory, question: str) -> None:
    assert learned_memory.get(question) is None, learned_memory.explain(question, 1)
