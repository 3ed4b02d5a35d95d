"""Typed spans: units kept, numbers inside names never taken, the question's own words skipped."""

from reasoner.solvers.rag.answer_type import question_type
from reasoner.solvers.rag.spans import (
    answer_value,
    best_span,
    canonical_number,
    has_span,
    names,
    quantities,
    typed,
)


def q(text: str) -> list[str]:
    return [s.text for s in quantities(text)]


def test_quantities_keep_their_unit():
    assert q("You can have up to 24 credit hours accrued.") == ["up to 24 credit hours"]
    assert q("Reviews take 3-5 business days.") == ["3-5 business days"]
    assert q("Approval may take 6 months to a year.") == ["6 months to a year"]
    assert q("Submit within five (5) business days.") == ["within five (5) business days"]
    assert q("a 90-day introductory period") == ["90-day"]


def test_a_number_inside_a_name_is_not_a_quantity():
    assert q("37signals gives 18F staff on GS-13 the K-7.") == []
    assert q("37signals gives everyone 3 weeks off.") == ["3 weeks"]


def test_money_percent_time_date_contacts():
    assert [s.text for s in typed("It is $1,149 USD or $782 CAD.", "money")] == ["$1,149 USD", "$782 CAD"]
    assert [s.text for s in typed("Pad it by +20% for testing.", "percent")] == ["+20%"]
    assert [s.text for s in typed("They are available 6am-9pm ET.", "time")] == ["6am-9pm ET"]
    assert "October 17, 2025" in [s.text for s in typed("Due October 17, 2025.", "date")]
    assert [s.text for s in typed("Mail security@example.com now.", "email")] == ["security@example.com"]
    assert [s.text for s in typed("Ask in #it-support.", "channel")] == ["#it-support"]
    assert [s.text for s in typed("Meet twice per week.", "frequency")] == ["twice per week"]


def test_names_skip_a_capitalised_first_word():
    assert [s.text for s in names("Use KeePassXC or Sauce Labs.")] == ["KeePassXC", "Sauce Labs"]
    assert [s.text for s in names("If you need help: Go to your manager.")] == []


def test_best_span_skips_what_the_question_says():
    question = "What's the total on-call stipend I should expect for the quarter?"
    sent = "The on-call stipend amount is $2000 per fiscal quarter (effective starting July, 1, 2020)."
    assert best_span(question, sent, question_type(question)).text == "$2000"
    question = "Which password manager does TTS suggest I install?"
    qt = question_type(question)
    assert not has_span("As you set up your TTS accounts, use a password manager.", qt, question)
    assert best_span(question, "You can install KeePassXC from the app.", qt).text == "KeePassXC"


def test_answer_value_is_the_bare_number_of_one_quantity():
    (span,) = quantities("You need 12 months of service.")
    assert span.text == "12 months" and answer_value(span) == "12"
    (money,) = typed("It is $1,149 USD.", "money")
    assert answer_value(money) == "$1,149"
    (rng,) = quantities("It takes 3 to 5 weeks.")
    assert answer_value(rng) == "3 to 5 weeks"
    assert canonical_number("six") == "6" and canonical_number("five (5)") == "5"


def test_months_and_weekdays_are_dates_not_names():
    text = "Reviews are delivered in April. CivicActions uses Culture Amp on Monday and May 5."
    assert [s.text for s in names(text)] == ["CivicActions", "Culture Amp"]
    assert "May Smith" in [s.text for s in names("Ask May Smith.")]


def test_a_number_with_the_asked_noun_answers_a_what_question():
    qt = question_type("What school grade should my writing be pitched at?")
    text = "Try to keep the reading level between a 6-8 grade reading level."
    assert has_span(text, qt)
    assert best_span("What school grade should my writing be pitched at?", text, qt).text == "6-8 grade"


def test_a_unit_the_question_names_as_its_frame_is_not_the_answer():
    question = "What's the most unused vacation time I can roll over into the next leave year?"
    text = "There is a 240 hour limit on the number of hours you can carry over from one leave year to the next."
    assert best_span(question, text, question_type(question)).text == "240 hour"


def test_the_value_a_copula_gives_the_asked_noun():
    question = "What employer code do they need?"
    assert best_span(question, "GSA's TWN Employer Code is 10536", question_type(question)).text == "10536"
    # a lower-case complement is a description, not a value
    assert best_span(question, "The employer code is printed on your badge.", question_type(question)) is None


def test_a_name_followed_by_the_asked_noun_is_preferred():
    question = "Which tool do I use to flag a phishing email?"
    text = "Ask GSA IT how to use the Cofense tool to report the phish."
    span = best_span(question, text, question_type(question))
    assert (span.text, span.unit) == ("Cofense", "tool")


def test_an_ordinal_before_the_asked_noun_answers_which_floor():
    question = "Which floor is the office on?"
    qt = question_type(question)
    assert best_span(question, "The TTS office is in room 5685 on the fifth floor.", qt).text == "fifth floor"
    assert best_span(question, "Visit us at the 35th floor.", qt).text == "35th floor"


def test_the_number_sign_answers_what_number():
    question = "What room number is our team in?"
    qt = question_type(question)
    assert best_span(question, "50 United Nations Plaza Suite #5685, San Francisco", qt).text == "#5685"
    assert not has_span("Email the channel #general for help.", qt, question)


def test_a_street_address_answers_what_address():
    question = "What's the street address of the San Francisco office?"
    qt = question_type(question)
    assert best_span(question, "50 United Nations Plaza Suite 5685 San Francisco, CA 94102", qt).text == "50 United Nations Plaza"
    assert best_span(question, "Mail goes to 1800 F St. NW, Washington.", qt).text == "1800 F St. NW"
    assert not has_span("The TTS SF office is in room 5685 on the fifth floor.", qt, question)


def test_a_house_number_counts_nothing():
    question = "How many parking spaces does the garage have?"
    assert not has_span("But if you do drive, you may park at 355 McAllister Street.", question_type(question), question)
    assert has_span("The garage has 355 parking spaces.", question_type(question), question)


def test_a_name_in_a_leading_condition_is_the_premise_not_the_answer():
    question = "What company domain do I type to sign in to Zoom?"
    qt = question_type(question)
    text = "If the domain is set to zoom.us, click I don't know the company domain and enter your GSA email."
    assert not has_span(text, qt, question)
    assert best_span(question, "Steps: If asked for a domain, enter gsa.zoomgov.com.", qt).text == "gsa.zoomgov.com"
    # an amount in a condition stays: thresholds are often the answer
    how_long = question_type("How long can I be out before I use the extended line?")
    assert has_span("If you are out for 3 weeks or longer, use line #1810.", how_long)


def test_the_line_whose_bound_holds_the_question_amount():
    from reasoner.solvers.rag.spans import holds_question_amount as holds

    q10 = "Someone with 10 years in government earns how many leave hours per pay period?"
    assert holds(q10, "Between 3 and 15 years: 6 hours per pay period")
    assert not holds(q10, "15+ years: 8 hours per pay period")
    assert not holds(q10, "Fewer than 3 years: 4 hours per pay period")
    out4 = "I'll be out for four straight weeks. Which line do I use?"
    assert holds(out4, "Extended Out of Office - #1810: if you are out for 3 weeks or longer continuously")
    assert not holds(out4, "You can request unpaid leave of less than four weeks at any time.")  # strict
    assert not holds(out4, "Out of Office - #670: any time you are out for less than 3 weeks.")
    assert not holds("Which line do I use for leave?", "3 weeks or longer")  # the question states no amount


def test_what_kind_of_x_is_answered_by_x_with_its_modifier():
    question = "What kind of schedule do new hires start on?"
    qt = question_type(question)
    assert (qt.kind, qt.noun) == ("variety", "schedule")
    assert best_span(question, "By default, new TTS employees are on a standard schedule.", qt).text == "standard schedule"
    leave = "Which kind of leave covers jury duty?"
    assert best_span(leave, "Court Leave is granted for jury duty.", question_type(leave)).text == "Court Leave"
    laptop = "What type of laptop will I get?"
    assert best_span(laptop, "Most staff get a MacBook Pro.", question_type(laptop)).text == "MacBook Pro"  # a name, else


def test_a_question_that_states_a_bound_matches_the_line_with_that_bound():
    from reasoner.solvers.rag.spans import holds_question_amount as holds

    q = "With under three years of federal service, how many hours of leave do I accrue each pay period?"
    assert holds(q, "Fewer than 3 years: 4 hours per pay period")
    assert not holds(q, "Between 3 and 15 years: 6 hours per pay period")


def test_a_person_named_by_role_answers_who_after_names():
    whose = "Taking paid parental leave intermittently needs whose approval?"
    qt = question_type(whose)
    assert qt.kind == "person"
    assert best_span(whose, "Intermittent PPL must be approved by your supervisor.", qt).text == "supervisor"
    who = "Who approves my travel?"
    assert best_span(who, "Your supervisor and Jane Doe approve travel.", question_type(who)).text == "Jane Doe"
    assert not has_span("Submit the signed form by Friday.", question_type("Who signs the form?"))


def test_roles_are_read_from_wordnet_not_a_list():
    # none of these nouns is written in the code: WordNet says each is a person
    who = "Who signs off on my timesheet?"
    qt = question_type(who)
    for sentence, role in (("Timesheets are signed off by the payroll clerk.", "payroll clerk"),
                           ("Your accountant signs off on timesheets.", "accountant"),
                           ("Each timesheet goes to the program steward for sign-off.", "program steward")):
        assert best_span(who, sentence, qt).text.lower() == role, sentence
    assert not has_span("Timesheets are signed off in the payroll system.", qt)
