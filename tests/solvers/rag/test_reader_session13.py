"""Session 13: contact questions read as English asks them (whom one writes to, whether a contact
exists, what a thing is called), and where to ask answered by the place one writes to."""

from reasoner.solvers.rag.answer_type import question_type
from reasoner.solvers.rag.spans import best_span


def test_whom_one_emails_is_an_address():
    qt = question_type("I only need to read the base. Who do I email for the free read-only license?")
    assert qt.kind == "email"
    assert question_type("Where should I email my finished access form?").kind == "email"
    assert question_type("Who approves my travel?").kind == "person"


def test_asking_whether_a_contact_exists_asks_for_it():
    assert question_type("I have a question about the check-in, is there an email for that?").kind == "email"
    assert question_type("Is there a Slack channel for parents?").kind == "channel"
    assert question_type("Is there a per-person budget for team offsites?").kind == "yesno"  # not a contact


def test_what_it_is_called_asks_a_name():
    q = "There's a Slack feature that shares a channel with another org's workspace - what's it called?"
    assert question_type(q).kind == "name"
    assert question_type("What do we call the weekly demo?").kind == "name"
    assert question_type("What is the award named after?").noun == "nam"  # "named after": as before


def test_who_do_i_ask_is_answered_by_a_channel_when_no_one_is_named():
    q = "who do I bug to get added to the Docker Hub org?"
    span = best_span(q, "Ask #admins-docker for access to the account.", question_type(q))
    assert span is not None and span.text == "#admins-docker"
    q2 = "Who is the director of the office?"  # not the asker's addressee: a channel is no answer
    assert best_span(q2, "Ask #admins-docker for access to the account.", question_type(q2)) is None


def test_where_one_writes_is_a_channel_before_a_name():
    sent = "You can request either a Guest or Member account by posting in #admins-mural."
    q = "where do I go to ask for a Mural account?"
    assert best_span(q, sent, question_type(q)).text == "#admins-mural"
    q2 = "Where is the Guest lounge?"  # no verb of communication: a name still comes first
    assert best_span(q2, "The lounge is next to Member Services and #admins-mural.", question_type(q2)).text == "Member Services"


def test_the_question_verb_is_read_after_its_subject_or_who():
    from reasoner.solvers.rag.extract import question_verbs

    assert question_verbs("Which password manager does TTS suggest I install?") == ["suggest"]
    assert question_verbs("where do I actually create one?") == ["create"]
    assert question_verbs("what form do they need to have signed?") == ["signed"]  # the infinitive says what is done
    assert question_verbs("who approves my travel?") == ["approves"]
    assert question_verbs("Where must Competitive Service merit promotion roles be posted?") == ["posted"]  # "merit" is a noun


def test_a_span_fills_the_slot_of_the_question_verb():
    from reasoner.solvers.rag.extract import slot_filled

    q = "Which password manager does TTS suggest I install?"
    qt = question_type(q)
    assert slot_filled(q, "We recommend using KeePassXC, which is open source.", qt)  # WordNet: recommend is a way to suggest
    assert not slot_filled(q, "KeePassXC is open source and runs on Linux. Many teams like it a lot and suggest it.", qt)
    q2 = "What's it called?"
    assert slot_filled(q2, "Slack also includes a function called Connect that creates shared channels.", question_type(q2))
    q3 = "What form do I need to fill in?"
    assert not slot_filled(q3, "You may submit the form without filling out Part III.", question_type(q3))  # a denied verb


def test_a_general_verb_lends_no_narrower_verbs():
    from reasoner.solvers.rag.extract import verb_forms

    assert "recommend" in verb_forms("suggest")
    assert "build" not in verb_forms("create") and "create" in verb_forms("create")


def test_a_contact_noun_asked_by_what_is_that_contact():
    assert question_type("who approves my travel, and what's their email?").kind == "email"
    assert question_type("What is the phone for the service desk?").kind == "phone"
    assert question_type("What is the form for travel?").kind == "name"


def test_worst_case_asks_the_far_bound():
    from reasoner.solvers.rag.spans import asked_extreme, extreme_spans

    q = "worst case, how long could it take to get an agreement through?"
    assert asked_extreme(q) == "max" and asked_extreme("at best, how soon?") == "min"
    assert extreme_spans(q, "Some agreements can take as few as 10 days, while others take up to 90 days.")


def test_a_wh_subject_and_an_object_question_have_verb_slots():
    from reasoner.solvers.rag.extract import question_verbs, slot_filled, slot_type

    q = "If I share a doc too widely, what tool will block it?"
    assert question_verbs(q) == ["block"]
    assert slot_filled(q, "Files that contain sensitive information will also be blocked via Cloudlock.", question_type(q))
    q2 = "What do I fill out to get an ASL interpreter?"
    qt2 = question_type(q2)
    assert qt2.kind == "other" and slot_type(qt2).kind == "name"  # the thing filled out is named
    assert slot_filled(q2, "To request ASL interpreters: Fill out the ASL Service Intake Form at least 72 hours before.", slot_type(qt2))
    assert slot_type(question_type("How long is the sabbatical?")) is None  # an amount: its own spans type it


def test_the_short_answer_is_the_span_in_the_verb_slot():
    from reasoner.solvers.rag.extract import fills_slot, slot_points

    q = "There's a Slack feature that shares channels with another org - what's it called?"
    text = "Slack also includes a function called Connect that creates shared channels between two Slacks."
    qt = question_type(q)
    points = slot_points(q, text)
    anchors = [text.index(w) for w in ("Slacks", "channels")]  # where the question's words are (the reader's anchors)
    assert best_span(q, text, qt, anchors).text == "Slacks"  # by kind and nearness alone
    assert best_span(q, text, qt, anchors, lambda sp: fills_slot(text, sp, points)).text == "Connect"


def test_the_verb_after_a_common_noun_subject():
    from reasoner.solvers.rag.extract import question_verbs

    assert question_verbs("How long might approval take for me?") == ["take"]
    assert question_verbs("What does the design team use for whiteboards?") == ["use"]  # "design team" is the subject
    assert question_verbs("What is the award named after?") == ["named"]
    assert question_verbs("What is the dress code for client meetings?") == []  # a copula: "code" is no verb here
