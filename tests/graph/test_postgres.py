"""The graph in PostgreSQL: the same graph as the embedded store, per-file rows, readers that
follow a re-index, the schema and the writer lock, and a stateless worker answering from it."""

from __future__ import annotations

import shutil

import pytest

from reasoner.config import Config
from reasoner.errors import IndexError_
from reasoner.factory import graph_backend
from reasoner.graph.postgres import GRAPH_LOCK, PostgresGraphStore


def full(kg) -> tuple:
    """Everything a solver reads: edges with their data in order, nodes in order with their data."""
    return (list(kg.graph.edges(keys=True, data=True)), list(kg.graph.nodes(data=True)), kg.files, kg.access,
            kg.triples_sep)  # fmt: skip


@pytest.fixture
def pg(postgres_url):
    store = graph_backend(Config(database_url=postgres_url))
    assert isinstance(store, PostgresGraphStore)
    yield store
    store.close()


def rows(url: str, sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(sql).fetchall()


def test_the_database_holds_the_graph_the_files_hold(kb, pg, tmp_path, sample_kb):
    """Same edges, keys, attributes, aliases and node order: every worker's networkx graph is the embedded one."""
    files = graph_backend(Config())
    assert full(pg.update(kb, tmp_path / "p")) == full(files.update(kb, tmp_path / "e"))
    assert full(pg.load(tmp_path / "elsewhere")) == full(files.load(tmp_path / "e"))
    assert not (tmp_path / "p").exists()  # nothing written in the index folder
    big = tmp_path / "sample"
    shutil.copytree(sample_kb, big)
    assert full(pg.update(big, None)) == full(files.update(big, tmp_path / "e2"))
    assert full(pg.load()) == full(files.load(tmp_path / "e2"))


def test_a_changed_file_replaces_exactly_its_rows(kb, pg, postgres_url):
    pg.update(kb, None)
    before = {r[0]: r for r in rows(postgres_url, "SELECT file, seq, fingerprint FROM kg_files")}
    others = rows(postgres_url, "SELECT * FROM kg_edges WHERE file <> 'films.triples.tsv' ORDER BY file, pos")
    nodes = rows(postgres_url, "SELECT * FROM kg_nodes WHERE file <> 'films.triples.tsv' ORDER BY file, pos")
    (kb / "films.triples.tsv").write_text("subject\trelation\tobject\nNight Train\tdirected_by\tNew Person\n")
    kg = pg.update(kb, None)
    after = {r[0]: r for r in rows(postgres_url, "SELECT file, seq, fingerprint FROM kg_files")}
    assert {f: r for f, r in after.items() if f != "films.triples.tsv"} == {
        f: r for f, r in before.items() if f != "films.triples.tsv"}  # fmt: skip
    assert after["films.triples.tsv"][1] > max(r[1] for r in before.values())  # re-added last, as in memory
    assert rows(postgres_url, "SELECT subject, relation, object, source FROM kg_edges "
                "WHERE file = 'films.triples.tsv'") == [("Night Train", "directed_by", "New Person",
                                                          "films.triples.tsv:2")]  # fmt: skip
    assert rows(postgres_url, "SELECT * FROM kg_edges WHERE file <> 'films.triples.tsv' ORDER BY file, pos") == others
    assert rows(postgres_url, "SELECT * FROM kg_nodes WHERE file <> 'films.triples.tsv' ORDER BY file, pos") == nodes
    assert "Glass River" not in kg.graph and kg.has_edge("Night Train", "directed_by", "New Person")
    (kb / "leadership.md").unlink()
    pg.update(kb, None)
    assert rows(postgres_url, "SELECT count(*) FROM kg_edges WHERE file = 'leadership.md'") == [(0,)]
    assert rows(postgres_url, "SELECT count(*) FROM kg_nodes WHERE file = 'leadership.md'") == [(0,)]


def test_a_reader_follows_each_update_and_only_then(kb, postgres_url):
    writer, reader = PostgresGraphStore(postgres_url), PostgresGraphStore(postgres_url)
    try:
        writer.update(kb, None)
        seen = reader.load()
        assert not reader.changed(seen)
        writer.update(kb, None)  # nothing changed: no new generation
        assert not reader.changed(seen)
        (kb / "leadership.md").write_text("# Leadership\n\nHana Ito reports to Ada Stone.\n")
        new = writer.update(kb, None)
        assert reader.changed(seen) and not reader.changed(new)
        assert full(reader.load()) == full(new) and new.has_edge("Hana Ito", "reports_to", "Ada Stone")
        writer.update(kb, None, access={"leadership.md": ("leadership",)})  # access alone moves it too
        assert reader.changed(new) and reader.load().access == {"leadership.md": ("leadership",)}
    finally:
        writer.close()
        reader.close()


def test_schema_is_versioned_and_one_writer_runs_at_a_time(kb, pg, postgres_url):
    import psycopg

    pg.update(kb, None)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        assert conn.execute("SELECT version FROM kg_schema_version").fetchall() == [(1,)]
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (GRAPH_LOCK,))
            with pytest.raises(IndexError_, match="another process is updating the knowledge graph"):
                pg.update(kb, None)
    PostgresGraphStore(postgres_url).load()  # opening again migrates nothing
    assert rows(postgres_url, "SELECT count(*) FROM kg_schema_version") == [(1,)]


def test_a_connection_the_server_dropped_is_reopened_once(kb, pg, postgres_url):
    built = pg.update(kb, None)
    rows(postgres_url, f"SELECT pg_terminate_backend({pg._conn.info.backend_pid})")  # as a server restart does
    assert not pg.changed(built) and full(pg.load()) == full(built)


def test_an_unreachable_database_is_one_clear_error():
    with pytest.raises(IndexError_, match="cannot use the knowledge graph database"):
        PostgresGraphStore("postgresql://nobody@127.0.0.1:1/none").load()


# -- the engine on the database: a worker with no index folder ------------------------------------


def _reasoner(kb, index_dir, url, **kw):
    from reasoner import Reasoner
    from reasoner.llm.base import FakeLLM

    llm = FakeLLM({}, default="The knowledge base does not say.")
    if kb is None:
        return Reasoner.open(index_dir, llm=llm, embedder="hash", database_url=url, memory=False, **kw)
    return Reasoner.build(kb, index_dir, progress=False, llm=llm, embedder="hash", database_url=url, memory=False,
                          **kw)  # fmt: skip


def test_a_stateless_worker_answers_from_the_database_and_follows_a_reindex(kb, tmp_path, postgres_url):
    writer = _reasoner(kb, tmp_path / "ix", postgres_url)
    worker = _reasoner(None, tmp_path / "no-such-folder", postgres_url)
    try:
        assert not (tmp_path / "ix" / "graph.pkl").exists() and not (tmp_path / "no-such-folder").exists()
        a = worker.ask("Who is Cara Lind's manager?")
        assert (a.route, a.value) == ("graph", "Ben Okoro")
        assert any(e.kind == "edge" and "org_chart.csv" in e.source for e in a.evidence)
        chart = kb / "org" / "org_chart.csv"
        chart.write_text(chart.read_text().replace("Cara Lind,Account Executive,Sales,Ben Okoro",
                                                   "Cara Lind,Account Executive,Sales,Dev Patel"))  # fmt: skip
        writer.index(progress=False)
        a = worker.ask("Who is Cara Lind's manager?")
        assert (a.route, a.value) == ("graph", "Dev Patel")
    finally:
        writer.close()
        worker.close()


def test_access_groups_hold_on_the_database(kb, tmp_path, postgres_url):
    access = {"films.triples.tsv": ["film"]}
    writer = _reasoner(kb, tmp_path / "ix", postgres_url, access=access)
    worker = _reasoner(None, tmp_path / "none", postgres_url)
    try:
        assert rows(postgres_url, "SELECT groups FROM kg_files WHERE file = 'films.triples.tsv'") == [(["film"],)]
        question = "Who directed Night Train?"
        assert worker.ask(question, groups=["film"]).value == "Lena Brook"
        outsider = worker.ask(question, groups=["sales"])
        assert "Lena Brook" not in f"{outsider.text} {outsider.value}"
        assert all("films.triples.tsv" not in e.source for e in outsider.evidence)
    finally:
        writer.close()
        worker.close()
