"""Reading stories: quantities, subjects, verbs and their classes, pronouns, the question."""

from fractions import Fraction

import pytest

from reasoner.solvers.math.story.lexicon import verb_class
from reasoner.solvers.math.story.reader import read_story


def test_quantity_noun_attributes_and_of_phrase():
    s = read_story("Ann bought 42 red apples and 8 cups of flour. How many apples does Ann have?")
    apples, cups = s.mentions[:2]
    assert (apples.value, apples.unit, apples.attrs) == (42, "apple", frozenset({"red"}))
    assert (cups.unit, cups.of) == ("cup", "flour")
    assert cups.names("flour") and cups.names("cup")


def test_a_number_without_its_noun_counts_what_came_before():
    s = read_story("Cade had 87 marbles. He gave 8 to Dylan. How many does he have left?")
    assert [m.unit for m in s.mentions] == ["marble", "marble"]
    assert s.mentions[1].inherited


def test_coordinated_adjectives_share_the_later_noun():
    s = read_story("Sara has 31 red and 15 green balloons. How many red balloons does Sara have?")
    assert [(m.unit, sorted(m.attrs)) for m in s.mentions] == [("balloon", ["red"]), ("balloon", ["green"])]


def test_some_is_an_unknown_quantity():
    s = read_story("Joan found 70 seashells. She gave Sam some of her seashells. How many are left?")
    unknown = s.mentions[1]
    assert unknown.value is None and unknown.unit == "seashell"


def test_subject_verb_class_and_recipient():
    s = read_story("Joan found 70 seashells. She gave Sam 12 seashells. How many does Joan have?")
    first, second = s.clauses
    assert (first.subject, first.verb, first.vclass) == ("joan", "find", "gain")
    assert (second.subject, second.verb, second.vclass, second.recipient) == ("joan", "give", "give", "sam")


def test_object_pronoun_is_not_the_clause_subject():
    s = read_story("Melanie had 7 dimes. Her dad gave her 8 dimes. How many dimes does Melanie have now?")
    assert s.clauses[1].subject == "dad" and s.clauses[1].recipient == "melanie"


def test_pronouns_follow_gender_when_the_name_says_it():
    s = read_story("Bruce has 75 eggs. Kimberly has 17 eggs. He loses 70. How many eggs will Bruce have?")
    assert s.clauses[2].subject == "bruce"


def test_they_is_the_group_of_people_named():
    s = read_story("Debby had 32 pieces of candy while her sister had 42. They ate 35 pieces. How many are left?")
    assert s.clauses[2].subject == "group:debby+sister"


def test_a_subordinate_phrase_is_its_own_clause():
    s = read_story("Frank had $16. After buying some new toys he had $8 left. How much did he spend?")
    assert [c.verb for c in s.clauses] == ["have", "buy", "have"]


def test_question_parts():
    q = read_story("Sam has 5 pens. Amy has 9 pens. How many more pens does Amy have than Sam?").question
    assert (q.unit, q.compare, q.subject, q.than, q.verb) == ("pen", "more", "amy", "sam", "have")


def test_the_question_after_a_supposition():
    s = read_story("Kate has 10 cards. If she gives away 4 cards, how many cards will she have?")
    assert s.clauses[-1].cond and s.clauses[-1].vclass == "give"
    assert s.question.unit == "card"


@pytest.mark.parametrize(
    ("verb", "cls"),
    [("give", "give"), ("buy", "take"), ("find", "gain"), ("eat", "lose"), ("bake", "create"), ("plant", "put"),
     ("join", "arrive"), ("leave", "depart"), ("have", "state"), ("need", "goal"), ("wonder", "")],
)
def test_verb_classes(verb, cls):
    assert verb_class(verb) == cls


def test_times_as_many_reads_the_noun_after_the_comparison():
    s = read_story("Dan has 29 balloons. Tim has 7 times more balloons than Dan. How many balloons does Tim have?")
    m = s.mentions[1]
    assert (m.value, m.unit, m.times) == (Fraction(7), "balloon", True)
