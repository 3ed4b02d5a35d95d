"""Parsers that turn files into facts: triples, tables, prose."""

from __future__ import annotations

from reasoner.ingest.triples import (
    clean_relation,
    column_role,
    detect_separator,
    file_kind,
    parse_table,
    parse_text,
    parse_triples,
)


def test_file_kind_by_suffix():
    assert file_kind("a/b.triples.tsv") == "triples"
    assert file_kind("x.triples.csv") == "triples"
    assert file_kind("org/org_chart.csv") == "table"
    assert file_kind("notes/page.md") == "text"
    assert file_kind("img.png") is None
    assert file_kind("dir/.hidden.csv") is None


def test_clean_relation():
    assert clean_relation("Reports To") == "reports_to"
    assert clean_relation("hasGenre") == "has_genre"
    assert clean_relation("directed_by") == "directed_by"
    assert clean_relation(" -- ") == ""
    # qualified names (Freebase, URIs, prefixes) keep their parts
    assert clean_relation("film.film.directed_by") == "film.film.directed_by"
    assert clean_relation("/people/person/placeOfBirth") == "people.person.place_of_birth"
    assert clean_relation("http://dbpedia.org/ontology/birthPlace") == "http.dbpedia.org.ontology.birth_place"
    # a column header with spaces is plain words
    assert clean_relation("Cost: USD") == "cost_usd"
    assert clean_relation("Salary (p.a.)") == "salary_p_a"


def test_detect_separator():
    assert detect_separator(["a|b|c", "d|e|f"]) == "|"
    assert detect_separator(["a\tb\tc"]) == "\t"
    assert detect_separator(["a,b,c", "x,y,z"]) == ","


def test_parse_triples_pipe_with_row_sources():
    facts = parse_triples("Kismet|directed_by|William Dieterle\nKismet|starred_actors|Ronald Colman\n", "kb.txt", "|")
    assert [(t.subject, t.relation, t.object) for t in facts.triples] == [
        ("Kismet", "directed_by", "William Dieterle"), ("Kismet", "starred_actors", "Ronald Colman")]
    assert [t.source for t in facts.triples] == ["kb.txt:1", "kb.txt:2"]


def test_parse_triples_skips_header_and_bad_rows():
    text = "subject\trelation\tobject\nA\tknows\tB\nbroken line\n\tx\ty\nC\tLikes Food\tD\n"
    facts = parse_triples(text, "f.triples.tsv")
    assert [(t.subject, t.relation, t.object) for t in facts.triples] == [("A", "knows", "B"), ("C", "likes_food", "D")]
    assert facts.triples[0].source == "f.triples.tsv:2"
    assert facts.triples[1].source == "f.triples.tsv:5"


def test_parse_triples_csv_with_quoted_commas():
    facts = parse_triples('head,relation,tail\n"Smith, John",works_at,Acme\n', "p.triples.csv", ",")
    assert (facts.triples[0].subject, facts.triples[0].object) == ("Smith, John", "Acme")


def test_column_roles():
    keys = {"Ann", "Bob", "Cy", "Di"}
    assert column_role(["", "Ann", "Ann", "Bob"], keys) == "link"
    assert column_role(["Sales", "Sales", "Ops", "Ops"], keys) == "category"
    assert column_role(["2020-01-01", "2021-01-01", "2020-01-01", "2020-01-01"], keys) == "attribute"
    assert column_role(["12", "12", "13", "12"], keys) == "attribute"
    assert column_role(["CEO", "CTO", "Engineer", "Designer"], keys) == "attribute"


def test_parse_table_edges_attributes_aliases(kb):
    facts = parse_table((kb / "org" / "org_chart.csv").read_text(), "org/org_chart.csv")
    edges = {(t.subject, t.relation, t.object) for t in facts.triples}
    assert ("Cara Lind", "manager", "Ben Okoro") in edges
    assert ("Cara Lind", "team", "Sales") in edges
    assert ("Fay Chen", "location", "Madrid") in edges
    assert not any(t.relation in ("title", "start_date") for t in facts.triples)
    assert facts.attributes["Cara Lind"]["title"] == "Account Executive"
    assert facts.attributes["Cara Lind"]["start_date"] == "2019-05-06"
    # a title held by one person names that person; a shared title does not
    assert facts.aliases["Ben Okoro"] == ["Head of Sales"]
    assert "Cara Lind" not in facts.aliases
    src = next(t.source for t in facts.triples if t.subject == "Cara Lind" and t.relation == "manager")
    assert src == "org/org_chart.csv:4"


def test_parse_table_tolerates_ragged_and_empty_input():
    assert parse_table("", "e.csv").triples == []
    assert parse_table("only,header\n", "h.csv").triples == []
    facts = parse_table("id,group\nA,g1\nB\nC,g1,extra\n", "r.csv")
    assert ("A", "group", "g1") in {(t.subject, t.relation, t.object) for t in facts.triples}


def test_parse_text_patterns():
    text = "Intro.\n**Ben Okoro** leads the Sales team. Eli Moss reports to Ada Stone.\nHana Ito is the head of Support."
    facts = parse_text(text, "lead.md")
    got = {(t.subject, t.relation, t.object, t.source) for t in facts.triples}
    assert ("Ben Okoro", "leads", "Sales", "lead.md:2") in got
    assert ("Eli Moss", "reports_to", "Ada Stone", "lead.md:2") in got
    assert ("Hana Ito", "head_of", "Support", "lead.md:3") in got


def test_parse_text_ignores_lowercase_chatter():
    assert parse_text("the team reports to whoever is around.", "x.md").triples == []
