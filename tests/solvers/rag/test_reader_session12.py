"""Session 12 reading rules: asked bounds, unit kinds from WordNet, labels, counts, WordNet forms in
the lexical share, acronyms of the question's words."""

from reasoner.retrieval.embedder import HashEmbedder
from reasoner.solvers.rag import abstain
from reasoner.solvers.rag import reader as rag_reader
from reasoner.solvers.rag.answer_type import question_type
from reasoner.solvers.rag.extract import sentence_score
from reasoner.solvers.rag.grounding import content_terms
from reasoner.solvers.rag.reader import Reader, Weights, lexical_share, term_forms
from reasoner.solvers.rag.spans import asked_extreme, best_span, extreme_spans, quantities, spans, unit_kind
from reasoner.types import Chunk, Hit


def test_a_question_for_a_bound_takes_the_sentences_bound_of_that_direction():
    q = "What's the maximum length of our daily standup?"
    text = "The team of 5 meets daily, and the total meeting time should be limited to 15 minutes."
    assert asked_extreme(q) == "max"
    assert best_span(q, text, question_type(q)).text == "15 minutes"
    q2 = "What is the minimum notice for a long trip?"
    text2 = "Give notice 3 days before a short trip, and at least 2 weeks before a long one."
    assert asked_extreme(q2) == "min"
    assert best_span(q2, text2, question_type(q2)).text == "at least 2 weeks"


def test_no_bound_asked_or_both_directions_asked_is_no_extreme():
    assert asked_extreme("How long is the sabbatical?") is None
    assert asked_extreme("What are the minimum and maximum hours?") is None
    assert extreme_spans("How long is the sabbatical?", "It lasts up to 6 weeks.") == []
    assert extreme_spans("What is the longest sabbatical?", "It lasts up to 6 weeks.")


def test_unit_kinds_come_from_wordnet():
    assert unit_kind("week") == unit_kind("hour") == "time"
    assert unit_kind("dollar") == "money"
    assert unit_kind("mile") == "length"
    assert unit_kind("employee") is None


def test_a_unit_of_the_asked_kind_beats_a_count_of_something_else():
    q = "How many days does onboarding take?"
    text = "Onboarding covers 3 laptops and takes 2 weeks."
    assert best_span(q, text, question_type(q)).text == "2 weeks"


def test_a_number_after_a_capitalised_label_is_part_of_a_name():
    assert quantities("Complete Form 1099 by Friday.") == []
    assert quantities("Engineers at Level 3 are senior.") == []
    assert [s.text for s in quantities("Allow 2 days for review.")] == ["2 days"]
    assert [s.text for s in quantities("Up to 3 weeks of leave.")] == ["Up to 3 weeks"]


def test_how_many_needs_a_count():
    qt = question_type("How many vacation days do employees get each year?")
    assert spans("We have semi-monthly pay days.", qt) == []
    assert spans("You get a year of leave after that.", qt) == []
    assert [s.text for s in spans("You get twenty days.", qt)] == ["twenty days"]


def test_wordnet_synonyms_and_base_forms_count_in_the_lexical_share():
    terms = content_terms("What do we use for our yearly reviews, and where are they stored?")
    forms = term_forms("What do we use for our yearly reviews, and where are they stored?", terms)
    idf = {t: 1.0 for t in ("annual", "review", "store", "laptop")}
    have = content_terms("We store annual reviews in Culture Amp.")
    plain = lexical_share({t: {t: 1.0} for t in terms}, have, idf)
    assert plain == sentence_score(terms, "We store annual reviews in Culture Amp.", idf)
    assert lexical_share(forms, have, idf) > plain
    assert lexical_share(forms, content_terms("Laptops are replaced."), idf) == 0.0


def test_an_acronym_stands_for_the_questions_spelled_out_words():
    text = rag_reader._with_acronym_words("Notify the RPA.", "Who is the resource planning analyst here?")
    assert text.endswith("resource planning analyst")
    assert rag_reader._with_acronym_words("Notify the RPA.", "Who sets up my codes?") == "Notify the RPA."


def test_the_reader_adds_the_extreme_weight_to_a_sentence_with_the_asked_bound():
    chunk = Chunk(
        "s1",
        "The daily standup is held every morning at 9 for 5 people. "
        "Total meeting time should be limited to 15 minutes.",
        "meetings.md",
        "Meetings",
        "Standup",
        hash="h",
    )
    q = "What's the maximum length of the daily standup?"
    with_bound = Reader(HashEmbedder()).read(q, [Hit(chunk, 0.5, rank=1)])
    without = Reader(HashEmbedder(), weights=Weights(extreme=0.0)).read(q, [Hit(chunk, 0.5, rank=1)])
    score = {s.unit.text: s.score for s in with_bound.ranked}
    plain = {s.unit.text: s.score for s in without.ranked}
    bound = "Total meeting time should be limited to 15 minutes."
    assert round(score[bound] - plain[bound], 6) == Weights().extreme
    other = next(t for t in score if t != bound)
    assert score[other] == plain[other]


def test_a_denied_bound_answers_an_amount_question():
    q = "Below what amount can I skip attaching a receipt to my expense claim?"
    qt = question_type(q)
    span = best_span(q, "There is no dollar threshold for required receipts.", qt)
    assert span is not None and span.text == "no dollar threshold"
    # a number in the sentence is still preferred, and a name question takes no such span
    assert best_span(q, "Receipts are needed above $75; there is no cap on claims.", qt).text == "$75"
    assert spans("There is no limit.", question_type("Which tool do we use?")) == []


def test_the_reading_records_unit_bound_and_written_form_evidence():
    chunk = Chunk("s2", "Total meeting time should be limited to 15 minutes.", "meetings.md", "Meetings", "Standup", hash="h")
    reading = Reader(HashEmbedder()).read("What's the maximum length of the standup in minutes?", [Hit(chunk, 0.5, rank=1)])
    assert reading.best.extreme and reading.features["fits"] == 1.0
    assert reading.features["specific"] == 0.0  # a duration is no form of its own
    mail = Chunk("s3", "Email security@example.com if your laptop is lost.", "it.md", "IT", "Security", hash="h3")
    asked = Reader(HashEmbedder()).read("What address do I email about a lost laptop?", [Hit(mail, 0.5, rank=1)])
    assert asked.qtype.kind == "email" and asked.features["specific"] == 1.0


def test_the_within_score_is_an_option_and_reads_no_background():
    within = abstain.SCORES["within"]
    assert abstain.DEFAULT_SCORE == "absolute"
    assert not within.reads_background and set(within.keys) <= set(abstain.FEATURES)
    sure = {**dict.fromkeys(abstain.FEATURES, 0.0), "cos_context": 0.7, "within": 0.3}
    near = {**sure, "cos_context": 0.4, "within": 0.05}
    assert abstain.probability(sure, within.coef) >= within.threshold > abstain.probability(near, within.coef)
