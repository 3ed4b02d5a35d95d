from reasoner.solvers.rag import grounding as g

SRC = "Full-time employees earn 25 days of vacation each year. The policy was written by Alice Moreno at GSA."


def test_content_terms_drop_stopwords_and_citations():
    assert g.content_terms("The days of the year [1]") == {"day", "year"}


def test_numbers_digits_commas_decimals_currency():
    assert g.numbers("1,000 people paid $30.50 for 2.0 items") == {"1000", "30.5", "2"}


def test_numbers_words():
    assert g.numbers("twenty-five days and three weeks") == {"25", "3"}


def test_numbers_ignore_citation_marks():
    assert g.numbers("It is free [2].") == set()


def test_normalize_number():
    assert g.normalize_number("007") == "7"
    assert g.normalize_number("0") == "0"
    assert g.normalize_number("€1,200.00") == "1200"


def test_names_skip_sentence_start_but_keep_acronyms():
    assert g.names("The team met Alice. Bob left GSA.") == {"alice", "gsa"}


def test_strip_citations_variants():
    assert g.strip_citations("Yes [1]. No [2, 3] and [Source 4].") == "Yes. No and."


def test_is_refusal_true_cases():
    for t in ("The knowledge base does not say.", "I don't know.", "This is not mentioned in the sources."):
        assert g.is_refusal(t)


def test_is_refusal_false_case():
    assert not g.is_refusal("Employees get 25 days [1].")


def test_coverage_counts_allowed_terms():
    assert g.coverage("employees receive bonuses", "employees") == 1 / 3
    assert g.coverage("employees receive bonuses", "employees", allowed={"receive", "bonus"}) == 1.0


def test_coverage_empty_answer_is_zero():
    assert g.coverage("the of", "anything") == 0.0


def test_sentences_split_keeps_decimals():
    assert g.sentences("It is 2.5 m long. Then it ends! Why? Because.") == [
        "It is 2.5 m long.",
        "Then it ends!",
        "Why?",
        "Because.",
    ]


def test_check_supported_answer():
    r = g.check("Employees earn 25 vacation days each year [1].", [SRC])
    assert r.supported and r.score == 1.0 and r.reason.startswith("grounded")


def test_check_invented_number_fails():
    r = g.check("Employees earn 30 vacation days [1].", [SRC])
    assert not r.supported and r.missing_numbers == ("30",)
    assert "30" in r.reason


def test_check_question_numbers_allowed():
    r = g.check("In 2024 employees earn 25 days.", [SRC], question="How many days in 2024?")
    assert r.supported


def test_check_invented_name_fails():
    r = g.check("The policy was written by Carol Diaz.", [SRC])
    assert not r.supported and set(r.missing_names) == {"carol", "diaz"}


def test_check_unsupported_claim_fails_on_coverage():
    r = g.check("Employees earn 25 days. Managers approve unlimited sabbaticals quarterly.", [SRC])
    assert not r.supported and r.coverage < 0.6


def test_check_no_sources_or_empty_answer():
    assert not g.check("Something.", []).supported
    assert g.check("[1]", [SRC]).reason == "no answer"


def test_check_score_ranks_better_answers_higher():
    good = g.check("Employees earn 25 days of vacation.", [SRC])
    bad = g.check("Employees earn 40 days of holiday leave.", [SRC])
    assert good.score > bad.score


def test_content_terms_number_words_become_digits():
    assert g.content_terms("three years") == {"3", "year"}
    assert g.content_terms("one day") == {"one", "day"}


def test_check_rejects_answer_that_only_restates_the_question():
    q = "Which email address handles badge questions?"
    r = g.check(
        "The email address that handles badge questions is [1].",
        [SRC + " Email badge questions."],
        question=q,
    )
    assert not r.supported and "restates" in r.reason
