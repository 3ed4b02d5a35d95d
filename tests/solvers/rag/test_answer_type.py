"""The answer type is read from the clause that asks, and from the noun the wh-word governs."""

import pytest

from reasoner.solvers.rag.answer_type import interrogative_clause, question_type


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How long do I have to submit my receipts?", "duration"),
        ("How soon do I have to tell IT?", "duration"),
        ("How often should my buddy meet with me?", "frequency"),
        ("How much money do I get each year for courses?", "money"),
        ("How much is my annual tech allowance?", "money"),
        ("What percentage of my salary is matched?", "percent"),
        ("How many credit hours can I bank?", "duration"),
        ("How many sessions does the EAP cover?", "count"),
        ("What year was the company started?", "date"),
        ("By what day each week is my timecard due?", "date"),
        ("By what time must my timesheet be in?", "time"),
        ("Who administers our retirement plan?", "person"),
        ("Which vendor do we use for browser testing?", "org"),
        ("Which tool do I use to flag phishing?", "name"),
        ("What address do I email?", "email"),
        ("Which Slack channel do I post in?", "channel"),
        ("What do I type in Slack to start a call?", "code"),
        ("What's the maximum length of our daily standup?", "duration"),
        ("What's the total on-call stipend for the quarter?", "money"),
        ("Can I work abroad?", "yesno"),
    ],
)
def test_kinds(question, kind):
    assert question_type(question).kind == kind


def test_a_condition_is_not_the_question():
    q = "When I leave federal service, what happens to my leave balance?"
    assert interrogative_clause(q) == "what happens to my leave balance?"
    assert question_type(q).kind != "date"
    assert question_type("When I create a meeting, how long does it last?").kind == "duration"


def test_a_scene_before_the_question_is_skipped():
    q = "I'm new to government and expecting a baby. How long must I have been a fed?"
    assert interrogative_clause(q) == "How long must I have been a fed?"


def test_short_fragments_stay_with_their_clause():
    assert question_type("Who, by name, would have to OK that?").kind == "person"


def test_the_noun_of_number_of():
    assert question_type("What's the least number of hours I should bill?").noun == "hour"


def test_a_unit_stated_apart_from_the_noun_phrase_is_the_unit_asked():
    from reasoner.solvers.rag.answer_type import question_type

    assert question_type("What is the most advanced sick leave, in hours, that I can request?").noun == "hour"
    assert question_type("How much leave do I get, in days?").noun == "day"
    assert question_type("How much leave do I get in Canada?").noun != "canada"


def test_a_preposition_ends_the_asked_noun_phrase():
    qt = question_type("Someone with 10 years in government earns how many annual leave hours per pay period?")
    assert (qt.kind, qt.noun) == ("duration", "hour")
    assert question_type("How many days per year can I work abroad?").noun == "day"


def test_a_measure_of_something_asks_for_that_something():
    qt = question_type("What is the yearly cap on award leave hours in one fiscal year?")
    assert (qt.kind, qt.noun) == ("duration", "hour")  # not money, though awards are paid
    assert question_type("What is the maximum number of days I can telework?").kind == "duration"
    assert question_type("What is the cap on the monthly stipend?").kind == "money"
    assert question_type("What day of the week is payday?").kind == "date"


def test_what_period_asks_for_a_duration():
    qt = question_type("Within what period after a birth or placement must paid parental leave be used?")
    assert qt.kind == "duration"


def test_per_starts_a_compound_before_the_noun():
    qt = question_type("What is the per diem for international travel?")
    assert (qt.kind, qt.noun) == ("money", "diem")
    assert question_type("What is the daily per diem when I travel domestically?").kind == "money"
