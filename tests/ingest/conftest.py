"""The graph tests' fixtures: ``kb`` and ``graph`` name the shared small graph KB (tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def kb(graph_kb):
    return graph_kb


@pytest.fixture
def graph(small_graph):
    return small_graph
