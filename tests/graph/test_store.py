"""KnowledgeGraph: building a folder, provenance, per-file rebuilds, save and load, on both stores
(``store``: the index folder's files, or PostgreSQL); the file format's own checks at the end."""

from __future__ import annotations

import json

import pytest

from reasoner.errors import IndexError_
from reasoner.graph import KnowledgeGraph
from reasoner.graph import store as files_store
from reasoner.graph.store import GRAPH_FILE, MANIFEST_FILE


def edges(kg: KnowledgeGraph) -> set[tuple[str, str, str]]:
    return {(s, d["relation"], o) for s, o, d in kg.graph.edges(data=True)}


def test_load_of_nothing_is_empty(store, tmp_path):
    kg = store.load(tmp_path / "missing")
    assert kg.is_empty() and kg.files == {}
    assert KnowledgeGraph.load(None).is_empty()


def test_is_empty_means_no_edges_and_no_table_attributes():
    kg = KnowledgeGraph.load(None)
    kg.graph.add_node("K-7")
    assert kg.is_empty()
    kg.graph.nodes["K-7"]["attrs"] = {"sales/products.csv": {"list_price": "1777"}}
    assert not kg.is_empty()  # a table's row alone answers "the K-7's list price"
    del kg.graph.nodes["K-7"]["attrs"]
    kg.graph.add_edge("K-7", "Isabel Novak", relation="designed_by")
    assert not kg.is_empty()


def test_update_builds_all_kinds_with_provenance(built):
    graph = built
    got = edges(graph)
    assert ("Cara Lind", "manager", "Ben Okoro") in got  # table link column
    assert ("Cara Lind", "team", "Sales") in got  # table category column
    assert ("Night Train", "directed_by", "Lena Brook") in got  # triples
    assert ("Eli Moss", "reports_to", "Ada Stone") in got  # prose
    assert graph.edge_source("Night Train", "directed_by", "Lena Brook") == "films.triples.tsv:2"
    assert graph.edge_source("Eli Moss", "reports_to", "Ada Stone") == "leadership.md:3"
    assert graph.attributes("Fay Chen")["title"] == "Software Engineer"
    assert "Head of Sales" in graph.aliases("Ben Okoro")
    assert set(graph.files) == {"org/org_chart.csv", "films.triples.tsv", "leadership.md"}


def test_the_manifest_lists_the_files(graph, tmp_path):
    manifest = json.loads((tmp_path / "index" / MANIFEST_FILE).read_text())
    assert manifest["files"] == graph.files


def test_load_returns_what_was_saved(store, built, tmp_path):
    again = store.load(tmp_path / "index")
    assert edges(again) == edges(built)
    assert again.files == built.files


def test_changed_file_is_rebuilt_alone(kb, store, built, tmp_path):
    index = tmp_path / "index"
    (kb / "films.triples.tsv").write_text("subject\trelation\tobject\nNight Train\tdirected_by\tNew Person\n")
    kg = store.update(kb, index)
    got = edges(kg)
    assert ("Night Train", "directed_by", "New Person") in got
    assert ("Night Train", "directed_by", "Lena Brook") not in got
    assert ("Glass River", "has_genre", "Drama") not in got
    assert "Glass River" not in kg.graph  # orphan nodes go
    assert ("Cara Lind", "manager", "Ben Okoro") in got  # other files untouched
    assert edges(store.load(index)) == got


def test_removed_file_and_hash_check(kb, store, built, tmp_path):
    index = tmp_path / "index"
    (kb / "leadership.md").unlink()
    kg = store.update(kb, index)  # no report given: walk and fingerprint here
    assert ("Eli Moss", "reports_to", "Ada Stone") not in edges(kg)
    assert "leadership.md" not in kg.files
    assert ("Eli Moss", "manager", "Ada Stone") in edges(kg)  # the table still says so


def test_unchanged_kb_changes_nothing(kb, store, built, tmp_path):
    again = store.update(kb, tmp_path / "index")
    assert edges(again) == edges(built) and again.files == built.files
    assert not store.changed(built)  # a reader of the first build has nothing to reload


def test_unchanged_kb_does_not_rewrite(kb, graph, tmp_path):
    path = tmp_path / "index" / GRAPH_FILE
    before = path.stat().st_mtime_ns
    kg = KnowledgeGraph.update(kb, tmp_path / "index")
    assert path.stat().st_mtime_ns == before
    assert edges(kg) == edges(graph)


def test_table_attributes_withdrawn_with_their_file(kb, store, built, tmp_path):
    (kb / "org" / "org_chart.csv").unlink()
    for kg in (store.update(kb, tmp_path / "index"), store.load(tmp_path / "index")):
        assert "Fay Chen" not in kg.graph
        assert kg.aliases("Ben Okoro") == []


def test_update_from_the_index_report_reads_only_changed_files(kb, store, built, tmp_path, monkeypatch):
    from reasoner.ingest.walk import fingerprint

    files = dict(built.files)
    (kb / "leadership.md").write_text("# Leadership\n\nHana Ito reports to Ada Stone.\n")
    files["leadership.md"] = fingerprint((kb / "leadership.md").read_bytes())
    read: list[str] = []
    real = files_store._read_bytes
    monkeypatch.setattr(files_store, "_read_bytes", lambda path: read.append(path.name) or real(path))
    kg = store.update(kb, tmp_path / "index", files)
    assert read == ["leadership.md"]
    assert ("Hana Ito", "reports_to", "Ada Stone") in edges(kg)
    del files["leadership.md"]  # the walk no longer sees it
    kg = store.update(kb, tmp_path / "index", files)
    assert "leadership.md" not in kg.files and read == ["leadership.md"]
    assert "leadership.md" not in store.load(tmp_path / "index").files


def test_external_files_survive_updates(kb, store, built, tmp_path):
    from reasoner.graph.store import EXTERNAL
    from reasoner.ingest.triples import parse_triples

    built.add_facts(parse_triples("Z|likes|W\n", "extra/kb.txt", sep="|"))
    built.files["extra/kb.txt"] = EXTERNAL
    store.save(built, tmp_path / "index")
    assert edges(store.load(tmp_path / "index")) == edges(built)
    kg = store.update(kb, tmp_path / "index")
    assert ("Z", "likes", "W") in edges(kg) and kg.files["extra/kb.txt"] == EXTERNAL
    assert kg.edge_source("Z", "likes", "W") == "extra/kb.txt:1"


def test_corrupt_graph_raises_and_update_rebuilds(kb, graph, tmp_path):
    index = tmp_path / "index"
    (index / GRAPH_FILE).write_bytes(b"not a pickle")
    with pytest.raises(IndexError_):
        KnowledgeGraph.load(index)
    kg = KnowledgeGraph.update(kb, index)
    assert edges(kg) == edges(graph)
    assert edges(KnowledgeGraph.load(index)) == edges(graph)


def test_from_triples_file_pipe(tmp_path):
    path = tmp_path / "kb.txt"
    path.write_text("A|directed_by|B\nA|release_year|1999\nbad line\n")
    kg = KnowledgeGraph.from_triples_file(path, sep="|")
    assert edges(kg) == {("A", "directed_by", "B"), ("A", "release_year", "1999")}
    assert kg.edge_source("A", "release_year", "1999") == "kb.txt:2"


def test_triples_sep_option_for_pipe_files(store, tmp_path):
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "facts.triples.tsv").write_text("X|likes|Y\nY|likes|Z\n")
    kg = store.update(kb, tmp_path / "idx", triples_sep="|")
    assert edges(kg) == {("X", "likes", "Y"), ("Y", "likes", "Z")}
    assert store.load(tmp_path / "idx").triples_sep == "|"
    auto = store.update(kb, tmp_path / "idx")  # another separator: rebuilt, detected as well
    assert edges(auto) == edges(kg) and auto.triples_sep is None


def test_access_is_saved_and_a_change_of_access_alone_reads_no_file(kb, store, built, tmp_path, monkeypatch):
    table = next(f for f in built.files if f.endswith(".csv"))
    read: list[str] = []
    real = files_store._read_bytes
    monkeypatch.setattr(files_store, "_read_bytes", lambda path: read.append(path.name) or real(path))
    kg = store.update(kb, tmp_path / "index", dict(built.files), access={table: ("sales",)})
    assert read == [] and kg.access == {table: ("sales",)}
    assert store.load(tmp_path / "index").access == {table: ("sales",)}
    assert store.load(tmp_path / "index").readable_files(frozenset({"hr"})) == set(built.files) - {table}
    kg = store.update(kb, tmp_path / "index", dict(built.files), access={table: ("everyone",)})
    assert kg.access == {} and read == [] and store.load(tmp_path / "index").access == {}


def test_a_view_holds_only_the_readable_files_edges_attributes_and_aliases(graph):
    table = next(f for f in graph.files if f.endswith(".csv"))
    graph.access = {table: ("sales",)}
    assert graph.readable_files(None) is None  # unrestricted
    assert graph.readable_files(frozenset({"sales"})) is None  # may read every file
    readable = graph.readable_files(frozenset({"engineering"}))
    assert readable == set(graph.files) - {table}
    view = graph.view(readable)
    assert all(d["file"] != table for _, _, d in view.graph.edges(data=True))
    assert all(table not in d.get(k, {}) for _, d in view.graph.nodes(data=True) for k in ("attrs", "aliases"))
    assert len(view) == sum(1 for _, _, d in graph.graph.edges(data=True) if d["file"] != table)
    assert graph.access_of(table) == ("sales",) and view.access_of(table) == ("everyone",)
