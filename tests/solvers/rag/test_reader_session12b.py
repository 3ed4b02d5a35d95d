"""Session 12, round 2: the question's form read right (its asked noun, its parts), and a reply that
answers each part it can."""

from dataclasses import replace

from reasoner.llm.base import FakeLLM
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.solvers.rag.answer_type import asks, question_type
from reasoner.solvers.rag.parts import split_parts
from reasoner.solvers.rag.reader import Reader
from reasoner.solvers.rag.reply import UNANSWERED, PartAnswer, compose
from reasoner.solvers.rag.solver import RagPayload, RagSolver
from reasoner.types import Budget, Chunk, Context, Hit, Query


def test_how_much_time_asks_a_duration_even_beside_a_money_verb():
    qt = question_type("I've spotted an incident. How much time should I spend checking if it's real?")
    assert (qt.kind, qt.noun) == ("duration", "time")
    assert question_type("How much do we spend on team lunches?").kind == "money"  # no governed noun: the clause decides
    assert question_type("How much does the conference cost?").kind == "money"


def test_a_link_is_asked_only_when_it_is_the_asked_noun():
    assert question_type("past what meeting length should I borrow a zoom link?").kind == "duration"
    assert question_type("What is the link to the wiki?").kind == "url"
    assert question_type("Where can I find the website for benefits?").kind == "url"


def test_time_before_a_noun_modifies_it():
    qt = question_type("What time code should I use for training hours?")
    assert (qt.kind, qt.noun) == ("name", "code")
    assert question_type("What time does the office open?").kind == "time"
    assert question_type("At what time is the standup?").kind == "time"


def test_a_participle_after_when_is_a_condition():
    assert not asks("When merging PRs")
    assert asks("When is the standup")
    assert question_type("When merging PRs, do we prefer merge commits?").kind == "yesno"
    assert question_type("When does the office open?").kind == "date"


def test_a_yes_no_question_and_the_question_word_that_restates_it_are_one_part():
    for q in ("Is there a cap on how many MFA devices I can register? what's the max?",
              "Is there a Slack channel for green practices? what's it called?",
              "Do we prefer merge commits or something else? what's the preferred approach?"):  # fmt: skip
        assert split_parts(q) == [q]
    # a question word with its own subject is a part of its own
    assert split_parts("Do we have a dress code? Who approves exceptions to travel policy?") == [
        "Do we have a dress code?", "Who approves exceptions to travel policy?"]  # fmt: skip


def test_parts_split_past_an_adverb_a_preposition_a_scene_and_at_a_second_yes_no_question():
    assert split_parts("What year did we adopt Drupal, and roughly how many modules do we maintain?") == [
        "What year did we adopt Drupal?", "how many modules do we maintain?"]  # fmt: skip
    assert split_parts("With the Linux setup, how long until the screen locks, and after how long does it suspend?") == [
        "With the Linux setup, how long until the screen locks?", "after how long does it suspend?"]  # fmt: skip
    assert split_parts("Which key size should I choose, and should I give the key an expiry date?") == [
        "Which key size should I choose?", "should I give the key an expiry date?"]  # fmt: skip
    q = "When I leave federal service, what happens to my leave?"
    assert split_parts(q) == [q]


PAGES = [
    Chunk("c1", "The all-hands calls take place monthly on Mondays at 10am PT.", "meet.md", "Meetings", "Calls", hash="h1"),
    Chunk("c2", "KeePassXC is our password manager.", "it.md", "Tools", "", hash="h2"),
]


def search(q: str, k: int) -> list[Hit]:
    return [Hit(c, 0.6 - 0.1 * i, rank=i + 1) for i, c in enumerate(PAGES)][:k]


def _parts(probs: list[float]) -> list[PartAnswer]:
    r = Reader(HashEmbedder())
    hits = search("", 2)
    out = []
    for q, p in zip(["When are the all-hands calls?", "Am I required to go?"], probs, strict=True):
        reading = r.read(q, hits)
        reading.probability = p
        out.append(PartAnswer(q, reading, hits))
    return out


def test_a_later_part_below_the_threshold_is_said_unanswered_and_cites_nothing():
    text, _, ev = compose(_parts([0.6, 0.1]), threshold=0.38)
    first, second = text.splitlines()
    assert first.startswith("When are the all-hands calls: ") and "Mondays" in first
    assert second == f"Am I required to go: {UNANSWERED}"
    assert len(ev) == 1
    text, _, ev = compose(_parts([0.6, 0.5]), threshold=0.38)
    assert UNANSWERED not in text
    assert compose(_parts([0.6, 0.1]))[0] == compose(_parts([0.6, 0.1]), threshold=None)[0]  # no threshold: all read


def test_the_reply_is_as_sure_as_its_first_part():
    parts = _parts([0.6, 0.1])
    payload = RagPayload(search("", 2), None, parts)
    assert RagSolver._probability(payload) == 0.6
    payload = RagPayload(search("", 2), None, [replace(parts[0]), parts[1]][::-1])
    assert RagSolver._probability(payload) == 0.1


def test_the_solver_answers_the_sure_part_and_says_which_part_it_cannot():
    s = RagSolver(search, FakeLLM(), embedder=HashEmbedder(), abstain_threshold=0.0)
    a = s.solve(Query("When are the all-hands calls, and which password manager do we use?"), Context(budget=Budget()))
    assert not a.abstained and len(a.text.splitlines()) == 2 and UNANSWERED not in a.text
    s.threshold = 2.0  # nothing is sure: declined as a whole
    assert s.solve(Query("When are the all-hands calls, and which password manager do we use?"), Context(budget=Budget())).abstained


def test_an_autolink_keeps_its_address_and_html_tags_still_go():
    from reasoner.ingest.markdown import clean_inline

    text = "We use <mailto:hr@lists.example.org> for HR notices, see <https://example.org/a?b=1> or <ops@example.org>."
    assert clean_inline(text) == "We use hr@lists.example.org for HR notices, see https://example.org/a?b=1 or ops@example.org."
    assert clean_inline("a <b>bold</b> <div class='x'>word</div> <br/>") == "a bold word "


def test_the_domain_of_an_email_address_is_offered_as_the_address():
    from reasoner.solvers.rag.spans import spans

    qt = question_type("Which internal mailing list do HR notices go out on?")
    found = [s.text for s in spans("We use hr-all@lists.example.org for HR notices.", qt)]
    assert "hr-all@lists.example.org" in found and "lists.example.org" not in found
    assert [s.text for s in spans("See docs.example.org for more.", question_type("What is the website?"))] == ["docs.example.org"]
