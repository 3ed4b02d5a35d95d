"""Reading questions: relation mentions, counting and sharing cues, path scoring."""

from __future__ import annotations

from reasoner.graph.paths import describe, phrase
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.solvers.graph.question import (
    Lexicon,
    RelationMention,
    is_count_question,
    mention_spans,
    share_cues,
    words_of,
)
from reasoner.solvers.graph.scoring import QuestionSignals, round_trips, score_path


def test_phrase_and_describe():
    assert phrase("directed_by") == "directed by"
    assert phrase("hasGenre") == "has genre"
    # a qualified name says what its last part says
    assert phrase("film.film.directed_by") == "directed by"
    assert phrase("people.person.place_of_birth") == "place of birth"
    assert phrase("dbo.director") == "director"
    assert phrase("1.5") == "1.5"
    assert describe((("directed_by", False),), "X") == "what is directed by X"
    assert describe((("has_genre", True),), "X") == "the genre of X"
    assert describe((("directed_by", True), ("directed_by", False)), "X") == "what is directed by X directed by"


def test_cues():
    assert is_count_question("How many films did X direct?")
    assert is_count_question("the number of people in Sales")
    assert not is_count_question("who directed X")
    words = words_of("who are the co-stars of X")
    assert share_cues(words) == (words.index("co"),)
    assert share_cues(words_of("which films did X direct")) == ()


def test_lexicon_finds_lexical_mentions():
    lex = Lexicon(["directed_by", "release_year", "starred_actors"], HashEmbedder())
    words = words_of("when were the films directed by X released")
    got = {m.relation for m in lex.mentions(words, range(words.index("x"), words.index("x") + 1))}
    assert {"directed_by", "release_year"} <= got
    assert "starred_actors" not in got


def test_split_relation_name_counts_once():
    words = words_of("films released in which years")
    mentions = [RelationMention("release_year", 1, 2, 0.9), RelationMention("release_year", 4, 5, 0.9)]
    assert len(mention_spans(mentions, words)["release_year"]) == 1
    words = words_of("directed by the director of")
    mentions = [RelationMention("directed_by", 0, 1, 1.0), RelationMention("directed_by", 3, 4, 0.9)]
    assert len(mention_spans(mentions, words)["directed_by"]) == 2


def test_split_name_around_the_entity_only_when_no_other_relation_is_named():
    words = words_of("what year was the movie Blue Smoke released")
    year, released = RelationMention("release_year", 1, 2, 0.99), RelationMention("release_year", 7, 8, 0.9)
    assert len(mention_spans([year, released], words)["release_year"]) == 1
    # "movies starred by Wyvern actors" walks starred_actors twice: another relation is named too.
    words = words_of("when did the movies starred by Wyvern actors release")
    mentions = [
        RelationMention("starred_actors", 4, 5, 0.9),
        RelationMention("starred_actors", 7, 8, 0.9),
        RelationMention("release_year", 8, 9, 0.9),
    ]
    assert len(mention_spans(mentions, words)["starred_actors"]) == 2


def sig(spans, entity, words, cues=()):
    return QuestionSignals(spans, {}, cues, entity, tuple(words))


def test_score_prefers_path_using_every_mentioned_relation():
    words = words_of("when were the films directed by X released")
    s = sig({"directed_by": [(4, 6, 1.0)], "release_year": [(7, 8, 1.0)]}, (6, 7), words)
    two = (("directed_by", False), ("release_year", True))
    one = (("directed_by", False),)
    three = two + (("has_genre", True),)
    assert score_path(two, s, 0.5) > score_path(one, s, 0.5)
    assert score_path(two, s, 0.5) > score_path(three, s, 0.5)


def test_round_trip_needs_a_sharing_word_or_two_mentions():
    trip = (("directed_by", True), ("directed_by", False))
    one = (("directed_by", True),)
    assert round_trips(trip) == {"directed_by": 1}
    words = words_of("which films share the director of X")
    shared = sig({"directed_by": [(4, 5, 1.0)]}, (6, 7), words, cues=(2,))
    assert score_path(trip, shared, 0.5) > score_path(one, shared, 0.5)
    words = words_of("who is the director of X")
    plain = sig({"directed_by": [(3, 4, 1.0)]}, (5, 6), words)
    assert score_path(one, plain, 0.5) > score_path(trip, plain, 0.5)


def test_direction_from_wording():
    words = words_of("who does X report to")
    assert sig({"manager": [(3, 4, 0.9)]}, (2, 3), words).direction("manager") is None
    words = words_of("how many people report to X")
    s = sig({"manager": [(3, 5, 0.9)]}, (5, 6), words)
    assert s.direction("manager") is False
    words = words_of("the manager of X")
    assert sig({"manager": [(1, 2, 1.0)]}, (3, 4), words).direction("manager") is True


def test_lexicon_cache_stays_bounded_and_never_loses_what_a_call_needs(monkeypatch):
    from reasoner.solvers.graph import question

    monkeypatch.setattr(question, "MAX_CACHE", 4)
    lex = Lexicon(["directed_by"], HashEmbedder())
    lex.embed(["a", "b", "c"])
    got = lex.embed(["a", "d", "e"])  # "a" is cached, the new words overflow the bound
    assert got.shape == (3, HashEmbedder().dim) and len(lex._cache) <= 4
    assert (got[0] == lex.embed(["a"])[0]).all()


def test_class_cues_need_of():
    from reasoner.solvers.graph.question import class_cues

    assert class_cues(words_of("what sort of film is X")) == [1]
    assert class_cues(words_of("which types of movies did X direct")) == [1]
    assert class_cues(words_of("what types are the films directed by X")) == [1]
    assert class_cues(words_of("who directed X, a type")) == []
    assert class_cues(words_of("what kind of film is Kind of Blue"), range(5, 8)) == [1]


def test_relative_clause_merges_the_restated_relation():
    words = words_of("who is the director that directed X")
    ms = [RelationMention("directed_by", 3, 4, 0.9), RelationMention("directed_by", 5, 6, 0.9)]
    assert mention_spans(ms, words) == {"directed_by": [(3, 6, 0.9)]}
    words = words_of("films directed by the director of X")
    ms = [RelationMention("directed_by", 1, 2, 0.9), RelationMention("directed_by", 4, 5, 0.9),
          RelationMention("written_by", 0, 1, 0.5)]
    assert len(mention_spans(ms, words)["directed_by"]) == 2
