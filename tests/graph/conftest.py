"""Small knowledge bases for the graph tests, written into temporary folders."""

from __future__ import annotations

from pathlib import Path

import pytest

ORG_CSV = """employee,title,team,manager,location,start_date
Ada Stone,Chief Executive Officer,Executive,,Berlin,2010-01-04
Ben Okoro,Head of Sales,Sales,Ada Stone,Berlin,2012-03-01
Cara Lind,Account Executive,Sales,Ben Okoro,Madrid,2019-05-06
Dev Patel,Account Executive,Sales,Ben Okoro,Berlin,2020-02-03
Eli Moss,Head of Engineering,Engineering,Ada Stone,Madrid,2013-07-08
Fay Chen,Software Engineer,Engineering,Eli Moss,Madrid,2021-09-13
Gus Ward,Software Engineer,Engineering,Eli Moss,Berlin,2022-01-10
"""

MOVIES_TSV = """subject\trelation\tobject
Night Train\tdirected_by\tLena Brook
Night Train\tstarred_actors\tOmar Vale
Night Train\tstarred_actors\tPia Rune
Night Train\trelease_year\t1999
Night Train\thas_genre\tThriller
Glass River\tdirected_by\tLena Brook
Glass River\tstarred_actors\tPia Rune
Glass River\trelease_year\t2004
Glass River\thas_genre\tDrama
Glass River\twritten_by\tSam Hale
Blue Harbour\tdirected_by\tTom Fisk
Blue Harbour\tstarred_actors\tOmar Vale
Blue Harbour\trelease_year\t2004
Blue Harbour\thas_genre\tDrama
Blue Harbour\twritten_by\tLena Brook
"""

LEADERSHIP_MD = """# Leadership

Ben Okoro leads the Sales team. Eli Moss reports to Ada Stone.
Hana Ito is the head of Support.
"""


def write_kb(root: Path) -> Path:
    """A small company KB: an org chart, movie triples and a page of prose."""
    (root / "org").mkdir(parents=True, exist_ok=True)
    (root / "org" / "org_chart.csv").write_text(ORG_CSV, encoding="utf-8")
    (root / "films.triples.tsv").write_text(MOVIES_TSV, encoding="utf-8")
    (root / "leadership.md").write_text(LEADERSHIP_MD, encoding="utf-8")
    return root


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    return write_kb(tmp_path / "kb")


@pytest.fixture
def graph(kb: Path, tmp_path: Path):
    from reasoner.graph import KnowledgeGraph

    return KnowledgeGraph.update(kb, tmp_path / "index")
