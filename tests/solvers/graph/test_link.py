"""Entity linking without brackets."""

from __future__ import annotations

from reasoner.graph import KnowledgeGraph
from reasoner.ingest.triples import Facts, Triple
from reasoner.solvers.graph.link import EntityIndex, _one_edit


def kg_of(*triples: tuple[str, str, str], aliases: dict | None = None) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.add_facts(Facts("t.tsv", [Triple(s, r, o, f"t.tsv:{i}") for i, (s, r, o) in enumerate(triples, 1)],
                       aliases=aliases or {}))
    return kg


def test_one_edit():
    assert _one_edit("kismet", "kismat")
    assert _one_edit("kismet", "kismets")
    assert not _one_edit("kismet", "kosmat")


def test_longest_match_wins():
    kg = kg_of(("The Night Train", "directed_by", "Lena Brook"), ("Night", "has_genre", "Drama"))
    found = EntityIndex(kg).mentions("who directed the night train")
    assert found[0].nodes == ("The Night Train",)
    assert found[0].text == "the night train"


def test_article_dropped_and_brackets_preferred():
    kg = kg_of(("The Matrix", "directed_by", "Lana W"), ("Lana W", "born_in", "Chicago"))
    idx = EntityIndex(kg)
    assert idx.mentions("who directed matrix")[0].nodes == ("The Matrix",)
    assert idx.mentions("where was [Lana W] born, matrix")[0].nodes == ("Lana W",)


def test_capitalised_span_beats_lowercase_word():
    kg = kg_of(("Together", "directed_by", "Ann Lee"), ("Tania Raymonde", "starred_in", "Lost"))
    found = EntityIndex(kg).mentions("who acted together with Tania Raymonde")
    assert found[0].nodes == ("Tania Raymonde",)


def test_alias_links_to_its_node():
    kg = kg_of(("Ben Okoro", "manager", "Ada Stone"), aliases={"Ben Okoro": ["Head of Sales"]})
    assert EntityIndex(kg).mentions("who does the head of sales report to")[0].nodes == ("Ben Okoro",)


def test_fuzzy_match_when_nothing_exact():
    kg = kg_of(("Kristen Stewart", "starred_in", "Twilight"))
    found = EntityIndex(kg).mentions("what did kristen stewert star in")
    assert found and found[0].nodes == ("Kristen Stewart",) and not found[0].exact


def test_no_entity():
    kg = kg_of(("A Film", "directed_by", "Someone Else"))
    assert [m for m in EntityIndex(kg).mentions("what is the capital of france") if m.score >= 0.3] == []
