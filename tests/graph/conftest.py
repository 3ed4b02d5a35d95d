"""The graph tests' fixtures: ``kb`` and ``graph`` name the shared small graph KB (tests/conftest.py);
``store`` is where a graph is kept, once per backend (the index folder's files, or PostgreSQL)."""

from __future__ import annotations

import pytest

from reasoner.config import Config
from reasoner.factory import graph_backend


@pytest.fixture
def kb(graph_kb):
    return graph_kb


@pytest.fixture
def graph(small_graph):
    return small_graph


@pytest.fixture(params=["embedded", "postgres"])
def store(request: pytest.FixtureRequest):
    """The factory's graph store for one setting: the files, or a fresh PostgreSQL database."""
    url = request.getfixturevalue("postgres_url") if request.param == "postgres" else None
    kept = graph_backend(Config(database_url=url))
    yield kept
    kept.close()


@pytest.fixture
def built(store, kb, tmp_path):
    """The small graph KB built through ``store`` (index folder ``tmp_path / 'index'``)."""
    return store.update(kb, tmp_path / "index")
