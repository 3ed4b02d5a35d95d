"""Contextual word vectors: agreement, content order, the fitted score, and the guard's use of them."""

from __future__ import annotations

import numpy as np
import pytest

from reasoner.memory import guard
from reasoner.memory.context import (
    MIN_CONTEXT_SCORE,
    content_order,
    context_agreement,
    context_score,
)


def _unit(*rows: list[float]) -> np.ndarray:
    v = np.array(rows, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


DOG = (["the", "dog", "bites", "man"], _unit([1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]))


def test_agreement_is_the_lowest_cosine_of_a_shared_content_word() -> None:
    other = (["the", "dog", "bites", "man"], _unit([0, 1, 0], [1, 0, 0], [0, 1, 0], [0, 1, 1]))
    # "the" is a function word and is ignored; "man" moved 45 degrees.
    assert context_agreement(DOG, other) == pytest.approx(np.sqrt(0.5), abs=1e-6)
    assert context_agreement(DOG, DOG) == pytest.approx(1.0)


def test_agreement_skips_repeated_words_and_is_one_without_shared_words() -> None:
    twice = (["dog", "dog", "bites"], _unit([0, 0, 1], [0, 0, 1], [0, 1, 0]))
    assert context_agreement(DOG, twice) == pytest.approx(1.0)
    assert context_agreement(DOG, (["cat"], _unit([1, 0, 0]))) == 1.0


def test_content_order_is_lcs_over_the_shorter_text() -> None:
    vec = _unit([1, 0, 0], [0, 1, 0], [0, 0, 1])
    assert content_order((["dog", "bites", "man"], vec), (["man", "bites", "dog"], vec)) == pytest.approx(
        1 / 3
    )
    assert content_order((["dog", "bites", "man"], vec), (["dog", "bites", "man"], vec)) == 1.0
    assert content_order((["the"], vec[:1]), (["dog"], vec[:1])) == 1.0


def test_score_rises_with_agreement_and_order_and_falls_with_a_move() -> None:
    same = context_score(DOG, DOG, moved=False)
    assert same >= MIN_CONTEXT_SCORE
    assert context_score(DOG, DOG, moved=True) < same
    other = (["the", "dog", "bites", "man"], _unit([1, 0, 0], [1, 0, 0], [0, 1, 0], [1, 0, 0]))
    assert context_score(DOG, other, moved=False) < MIN_CONTEXT_SCORE


def _context_from(table: dict[str, float]):
    """A context function whose shared words agree by ``table[text]`` (cosine to a fixed axis)."""

    def context(text: str):
        words = [t.norm for t in guard.tokenize(text)]
        c = table.get(text, 1.0)
        vecs = np.array([[c, np.sqrt(1 - c * c)] if i % 2 else [1.0, 0.0] for i in range(len(words))])
        return words, vecs.astype(np.float32)

    return context


def test_one_way_move_is_decided_by_context() -> None:
    a, b = (
        "The compound was invented by Genkyotex in 2007.",
        "The compound was invented in 2007 by Genkyotex.",
    )
    assert guard.check(a, b).check == "roles"  # without context every move refuses
    assert guard.role_exchange(a, b) is None  # a one-way move, not an exchange
    assert guard.check(a, b, context=_context_from({})).ok
    assert guard.check(a, b, context=_context_from({b: 0.5})).check == "context"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Who reports to the head of sales?", "Who does the head of sales report to?"),
        ("Does the dog chase the cat?", "Does the cat chase the dog?"),
        ("Did Alice pay Bob?", "Did Bob pay Alice?"),
        ("Who moved from sales to marketing?", "Who moved from marketing to sales?"),
    ],
)
def test_exchanges_refuse_even_when_context_agrees(a: str, b: str) -> None:
    assert guard.check(a, b, context=_context_from({})).check == "roles"


@pytest.mark.slow
def test_memory_with_context_serves_a_moved_modifier_and_refuses_a_swap(tmp_path, minilm) -> None:
    from reasoner.memory import AnswerMemory

    with AnswerMemory(tmp_path / "m", minilm, context=True, threshold=0.9) as m:
        m.put("The compound was invented by Genkyotex in 2007.", "x")
        m.put("Does the dog chase the cat?", "yes")
        assert m.get("Does the cat chase the dog?") is None
        hit = m.get("The compound was invented in 2007 by Genkyotex.")
        assert hit is not None and hit.answer.value == "x"
