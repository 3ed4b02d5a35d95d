"""Session 13 (kbmulti): each part of a multi-part question gets its own answer. A later part that
points back is read with the first part's subject; a part does not repeat the sentence an earlier part
was answered with unless that sentence speaks of what the part adds; a yes/no part says Yes or No.
Every example is written by hand, from no data set."""

from reasoner.retrieval.embedder import HashEmbedder
from reasoner.solvers.rag.parts import (
    own_terms,
    part_query,
    refers_back,
    repeats,
    reread_apart,
    topic_terms,
    yes_or_no,
)
from reasoner.solvers.rag.reader import Reader
from reasoner.solvers.rag.reply import PartAnswer, compose
from reasoner.types import Chunk, Hit

FIRST = "How long is parental leave?"


def test_a_pronoun_points_back_to_the_first_part():
    for part in ("can it be extended?", "is that paid?", "what's its phone number?", "how often can I take one?"):
        assert refers_back(part), part
        assert part_query(part, FIRST) == f"{part} ({FIRST.rstrip('?')})"


def test_a_part_naming_its_own_subject_is_read_alone():
    for part in ("which team owns the travel card?", "how many laptops does the IT desk keep?"):
        assert not refers_back(part), part
        assert part_query(part, FIRST) == part
    assert not refers_back("which one of the plans covers dental care?")  # "one of": not a pronoun for a thing named before


def test_adverbs_and_light_verbs_name_no_topic():
    assert topic_terms("am I actually required to go?") == {"requir"}
    assert refers_back("am I actually required to go?")  # one topic word: it leans on the first part
    assert refers_back("what do I get?")
    assert "badge" in topic_terms("do I get a badge?")


def test_own_terms_are_the_words_the_part_adds():
    assert own_terms("can it be extended?", FIRST) == {"extend"}
    assert own_terms("is parental leave long?", FIRST) == set()  # nothing of its own


def test_a_later_part_does_not_repeat_an_earlier_answer_that_says_nothing_of_it():
    said = "Parental leave lasts 12 weeks."
    assert repeats(said, [said], "can it be extended?", FIRST)
    both = "Parental leave lasts 12 weeks and can be extended by 4 weeks."
    assert not repeats(both, [both], "can it be extended?", FIRST)  # the sentence speaks of what the part adds
    assert not repeats(said, ["Another sentence."], "can it be extended?", FIRST)  # not an earlier answer


def test_yes_or_no_from_the_clause_that_names_the_parts_word():
    first = "When is the winter party?"
    assert yes_or_no("am I required to go?", first, "You are not required to attend, but it is fun.") == "No"  # "go" names no topic
    assert yes_or_no("do I need a ticket?", first, "Guests need a ticket.") == "Yes"
    assert yes_or_no("do I need a ticket?", first, "Guests bring a ticket.") is None  # "need" not said: not a yes
    assert yes_or_no("do I need a ticket?", first, "No tickets are needed; just come.") == "No"
    assert yes_or_no("is it mandatory?", first, "The party is not mandatory, but most people come.") == "No"
    assert yes_or_no("is it paid?", FIRST, "Parents get 12 weeks of paid leave.") == "Yes"
    assert yes_or_no("can it be extended?", FIRST, "The leave can't be extended past 12 weeks.") == "No"
    assert yes_or_no("can it be extended?", FIRST, "Parents get 12 weeks of leave.") is None  # says nothing of it
    assert yes_or_no("is it paid?", FIRST, "It is paid, but it can't be extended.") == "Yes"  # the negation is in another clause


PAGES = [
    Chunk("p1", "Parental leave lasts 12 weeks. Leave can be extended by 4 weeks with a manager's approval.",
          "benefits/leave.md", "Benefits", "Parental leave", hash="l1"),  # fmt: skip
]


def _hits() -> list[Hit]:
    return [Hit(PAGES[0], 0.7, rank=1)]


def test_reread_apart_takes_the_next_candidate_and_rescores_it():
    r = Reader(HashEmbedder())
    hits = _hits()
    reading = r.read("Parental leave lasts how long?", hits)
    taken = [reading.best.unit.text]
    other = reread_apart(r, reading, hits, None, taken)
    assert other.best is not None and other.best.unit.text not in taken
    assert all(s.unit.text not in taken for s in other.ranked)
    assert 0.0 < other.probability < 1.0 and other.features
    assert reread_apart(r, reading, hits, None, [s.unit.text for s in reading.ranked]) is reading  # nothing left: kept


def test_a_yes_no_part_of_a_reply_says_yes_or_no_first():
    r = Reader(HashEmbedder())
    hits = _hits()
    first = r.read(FIRST, hits)
    second = reread_apart(r, r.read("can it be extended?", hits), hits, None, [])
    second.ranked = [s for s in second.ranked if "extended" in s.unit.text]
    parts = [PartAnswer(FIRST, first, hits), PartAnswer("can it be extended?", second, hits)]
    text, _, ev = compose(parts)
    line = text.splitlines()[1]
    assert line.startswith("can it be extended: Yes. Leave can be extended by 4 weeks"), line
    assert len(ev) == 1  # both parts cite the same chunk


def test_a_spaced_dash_separates_two_questions():
    from reasoner.solvers.rag.parts import split_parts

    assert split_parts("How long is the sabbatical - and is it paid?") == ["How long is the sabbatical?", "is it paid?"]
    assert split_parts("What is the per diem for Denver \u2014 does it cover breakfast?") == [
        "What is the per diem for Denver?", "does it cover breakfast?"]  # fmt: skip
    assert split_parts("Is there a 2 - 3 day grace period?") == ["Is there a 2 - 3 day grace period?"]
    assert split_parts("How long is a follow-up meeting?") == ["How long is a follow-up meeting?"]


def test_a_statement_before_a_dash_is_the_questions_scene():
    from reasoner.solvers.rag.parts import split_parts

    q = "there's a prize for the best onboarding buddy - what's it called?"
    assert split_parts(q) == [q]
    assert split_parts("I lost my badge. Who do I tell, and is there a fee?") == [
        "I lost my badge. Who do I tell?", "is there a fee?"]  # fmt: skip


def test_a_yes_no_question_after_and_or_a_comma():
    from reasoner.solvers.rag.parts import split_parts

    assert split_parts("How many vacation days do I get and do they roll over?") == [
        "How many vacation days do I get?", "do they roll over?"]  # fmt: skip
    assert split_parts("Who approves travel, and is a receipt needed?") == ["Who approves travel?", "is a receipt needed?"]
    q = "What happens if I leave and do not return?"  # "and do not": no subject, one question
    assert split_parts(q) == [q]
