"""The false-hit guard as pure functions: pairs that must and must not share an answer."""

from __future__ import annotations

import numpy as np
import pytest

from reasoner.memory import guard

SAME = [
    ("How many vacation days do employees get?", "how many vacation days do employees get"),
    ("How many vacation days do employees get?", "How many days of vacation do employees get?"),
    ("What is the refund policy for the K5?", "What's the refund policy for the K5"),
    ("In 2019, where did Alice move?", "Where did Alice move in 2019?"),
    ("Who reports to the head of sales?", "Who is reporting to the head of sales?"),
    ("What is twenty five plus 3?", "What is 25 plus 3?"),
    ("Which offices are in Berlin and Paris?", "Which offices are in Paris and Berlin?"),
    ("Isn't the warranty two years?", "Is not the warranty 2 years?"),
    ("What is 1,000 divided by 8?", "what is 1000 divided by 8"),
    ("When was the company founded?", "When was the company founded"),
    ("What is 15% of 240?", "What is 15 percent of 240?"),
    ("What is Acme's refund policy?", "What is the refund policy of Acme's?"),
]

DIFFERENT = [
    # numbers
    ("What is 2 + 3?", "What is 2 + 4?", "numbers"),
    ("How many days off after 5 years?", "How many days off after 10 years?", "numbers"),
    ("What was revenue in 2021?", "What was revenue in 2022?", "numbers"),
    ("Who came third?", "Who came second?", "numbers"),
    ("What is twenty five plus 3?", "What is 20 plus 3?", "numbers"),
    # named entities
    ("Where was Alice born?", "Where was Bob born?", "entities"),
    ("What does the K5 cost?", "What does the K7 cost?", "entities"),
    ("Who leads Acme Sales?", "Who leads Acme Marketing?", "entities"),
    ("Is BARLA Cumbria on tour?", "Is BARLA Great Britain on tour and is Cumbria?", "entities"),
    # negation
    ("Who is not on the team?", "Who is on the team?", "negation"),
    ("Which products don't ship to Canada?", "Which products ship to Canada?", "negation"),
    ("Is there never a fee?", "Is there a fee?", "negation"),
    # comparison direction
    ("Which city is bigger, Paris or Rome?", "Which city is smaller, Paris or Rome?", "direction"),
    ("Who joined before 2020?", "Who joined after 2020?", "direction"),
    ("Which plan costs more?", "Which plan costs less?", "direction"),
    ("What was the highest price?", "What was the lowest price?", "direction"),
    ("Who bought the shares?", "Who sold the shares?", "direction"),
    # order of roles
    ("Who reports to the head of sales?", "Who does the head of sales report to?", "roles"),
    ("Is 5 larger than 3?", "Is 3 larger than 5?", "roles"),
    ("Does the dog chase the cat?", "Does the cat chase the dog?", "roles"),
    ("Is Alice older than Bob?", "Is Bob older than Alice?", "roles"),
    ("Did Alice pay Bob?", "Did Bob pay Alice?", "roles"),
    (
        "Did Wright move to New York from Chapel Hill?",
        "Did Wright move from New York to Chapel Hill?",
        "roles",
    ),
    ("Was the laptop sold by Acme to Initech?", "Was the laptop sold to Acme by Initech?", "roles"),
    ("Who moved from sales to marketing?", "Who moved from marketing to sales?", "roles"),
    (
        "Was Massé born in Holland and raised in Westchester?",
        "Was Massé born in Westchester and raised in Holland?",
        "roles",
    ),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_meaning_passes(a: str, b: str) -> None:
    verdict = guard.check(a, b)
    assert verdict.ok, verdict


@pytest.mark.parametrize(("a", "b", "which"), DIFFERENT)
def test_different_meaning_is_refused_by_the_right_check(a: str, b: str, which: str) -> None:
    verdict = guard.check(a, b)
    assert not verdict.ok
    assert verdict.check == which, verdict


@pytest.mark.parametrize(("a", "b", "_"), DIFFERENT)
def test_guard_is_symmetric_on_refusals(a: str, b: str, _: str) -> None:
    assert not guard.check(b, a).ok


def test_numbers_normalise_digits_words_and_ordinals() -> None:
    assert guard.numbers("two hundred and five people in 1,000 rooms") == ["1000", "205"]
    assert guard.numbers("the 3rd and the fifth") == ["#3", "#5"]
    assert guard.numbers("3.50 and 3.5") == ["3.5", "3.5"]
    assert guard.numbers("no numbers here") == []


def test_entity_spans_break_at_punctuation_and_skip_function_words() -> None:
    assert guard.entity_spans("In August, Higgins left Southampton.") == ["august", "higgins", "southampton"]
    assert guard.entity_spans("The Head of Sales met New York Times staff") == [
        "head",
        "sales",
        "new york times",
    ]


def test_codes_stay_one_token() -> None:
    assert [t.norm for t in guard.tokenize("K5 vs 18th and 3.5")] == ["k5", "vs", "18th", "and", "3.5"]


def test_name_inversion_ignores_coordinated_names() -> None:
    assert guard.name_inversion("Is Alice older than Bob?", "Is Bob older than Alice?") == ("alice", "bob")
    assert guard.name_inversion("Alice met Bob and Carol", "Alice met Carol and Bob") is None
    assert guard.name_inversion("Alice met Bob and Carol", "Carol and Bob met Alice") is not None
    assert guard.name_inversion("Paris offices", "Berlin offices") is None
    swapped = guard.name_inversion(
        "Zaki Khan sent his nephew, Ali Khan.", "Ali Khan sent his nephew, Zaki Khan."
    )
    assert swapped == ("ali khan", "zaki khan")


def test_possessive_ends_a_name_and_percent_is_a_word() -> None:
    assert guard.entity_spans("Is Acme's CEO in Berlin?") == ["acme", "ceo", "berlin"]
    assert [t.norm for t in guard.tokenize("15% of Bob's")] == ["15", "percent", "of", "bob", "'s"]


def test_negation_counts_contractions() -> None:
    assert guard.negation_count("Isn't it? It can't be, not ever") == 3
    assert guard.negation_count("It is") == 0


def test_directions_map_words_to_axes() -> None:
    assert guard.directions("bigger and earlier") == [("amount", "+"), ("time", "-")]


def test_role_exchange_names_the_moved_neighbour() -> None:
    moved = guard.role_exchange("dog bites man", "man bites dog")
    assert moved is not None and moved[0] == "bite" and {moved[1], moved[2]} == {"dog", "man"}
    assert guard.role_exchange("In 2019 Alice moved", "Alice moved in 2019") is None


def test_stem_strips_only_common_endings() -> None:
    words = ("reports", "reporting", "reported", "policies", "class", "bus", "is", "days", "need", "sing")
    expected = ["report", "report", "report", "policy", "class", "bus", "is", "day", "need", "sing"]
    assert [guard.stem(w) for w in words] == expected


def _fake_similarity(table: dict[frozenset[str], float]):
    def similarity(words, others):
        return np.array(
            [[1.0 if w == o else table.get(frozenset((w, o)), 0.0) for o in others] for w in words]
        )

    return similarity


def test_words_only_one_question_has_need_a_close_counterpart() -> None:
    sim = _fake_similarity({frozenset(("price", "cost")): 0.74, frozenset(("managers", "employees")): 0.57})
    assert guard.check("What does the K5 cost?", "What is the price of the K5?", similarity=sim).ok
    refused = guard.check(
        "Vacation days for new managers?", "Vacation days for new employees?", similarity=sim
    )
    assert not refused.ok and refused.check == "words"
    assert "managers" in refused.reason


def test_without_word_similarity_any_extra_word_refuses() -> None:
    verdict = guard.check(
        "How many vacation days do employees get?", "How many vacation days do new employees get?"
    )
    assert not verdict.ok and verdict.check == "words"
    assert guard.check(
        "How many vacation days do employees get?", "how many vacation days do employees get"
    ).ok


def test_content_words_leave_out_what_other_checks_compare() -> None:
    assert guard.content_words("Is twenty more than 3 not the 2nd price?") == {"price": "price"}
    assert guard.content_words("Where are the offices located?") == {"office": "offices", "locat": "located"}
