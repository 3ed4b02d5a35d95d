"""Follow-up questions rewritten from the conversation."""

from reasoner.query.followup import resolve


def test_no_history_leaves_question_alone():
    assert resolve("who manages her?", []) == "who manages her?"


def test_pronoun_object_takes_last_answer():
    turns = [("Who is the head of sales?", "Dana Whitfield")]
    assert resolve("and who manages her?", turns) == "who manages Dana Whitfield?"


def test_possessive_pronoun():
    turns = [("Who leads the Sales team?", "Dana Whitfield")]
    assert resolve("What is her start date?", turns) == "What is Dana Whitfield's start date?"


def test_numeric_last_answer_falls_back_to_question_entity():
    turns = [("What is the list price of the K-7?", "1299")]
    assert resolve("how much does it weigh?", turns) == "how much does K-7 weigh?"


def test_what_about_swaps_the_entity_of_same_shape():
    turns = [("What is 15% of the K-7's list price?", "194.85")]
    assert resolve("what about the K-9?", turns) == "What is 15% of the K-9's list price?"


def test_and_x_swaps_team():
    turns = [("How many people work in the Sales team?", "7")]
    assert resolve("and what about Support?", turns) == "How many people work in the Support team?"


def test_self_contained_question_is_unchanged():
    turns = [("Who leads the Sales team?", "Dana Whitfield")]
    assert resolve("Who manages Bob Stone?", turns) == "Who manages Bob Stone?"


def test_a_follow_up_question_with_its_own_verb_is_not_an_ellipsis():
    assert resolve("and who manages him?", [("Who manages Elena Petrova?", "Marcus Bell")]) == "who manages Marcus Bell?"
    turns = [("Who is Arjun Mehta's manager?", None)]
    assert resolve("and who manages her?", turns) == "who manages Arjun Mehta?"


def test_short_and_ellipsis_swaps():
    assert resolve("and the K-9?", [("What is the K-7's weight?", "0.58")]) == "What is the K-9's weight?"


def test_conversational_wrappers_are_dropped():
    from reasoner.query.followup import strip_politeness

    assert strip_politeness("Can you tell me what is 4462089 divided by 37?") == "what is 4462089 divided by 37?"
    assert strip_politeness("Please: What is the derivative of x^3?") == "What is the derivative of x^3?"
    assert strip_politeness("Could you please calculate 15% of 240?") == "15% of 240?"
    assert strip_politeness("Who leads Sales, please?") == "Who leads Sales?"
    assert strip_politeness("Tell me who leads Sales") == "who leads Sales"
    assert strip_politeness("Please") == "Please"
    assert strip_politeness("Who leads Sales?") == "Who leads Sales?"


def test_and_for_a_lower_case_phrase_swaps_the_phrase_with_the_same_head():
    turns = [("How many weeks of paid leave does the primary caregiver get?", "16")]
    assert resolve("and for the secondary caregiver?", turns) == (
        "How many weeks of paid leave does the secondary caregiver get?"
    )


def test_similarity_swaps_a_phrase_with_no_word_in_common():
    def similar(phrase, cands):  # a stand-in for embedder cosines
        return [1.0 if c == "international travel" else 0.0 for c in cands]

    turns = [("What is the per diem for international travel?", "110")]
    assert resolve("what about domestic trips?", turns) == "what about domestic trips?"
    assert resolve("what about domestic trips?", turns, similar=similar) == "What is the per diem for domestic trips?"
