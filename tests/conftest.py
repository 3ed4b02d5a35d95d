"""Session-wide fixtures: offline mode and the real small models, loaded once."""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("REASONER_STRICT", "1")  # an unexpected error in a route raises: bugs never read as "I don't know"

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLE_KB = ROOT / "kb"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The evaluation data sets beside the checkout; skips when absent (a user's clone)."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} not present")
    return SHARED_DATA


@pytest.fixture(scope="session")
def sample_kb() -> Path:
    return SAMPLE_KB


@pytest.fixture(scope="session")
def minilm():
    """The real all-MiniLM-L6-v2 embedder, loaded once per session."""
    from reasoner.retrieval.embedder import load_embedder

    return load_embedder("minilm")


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory) -> Path:
    """Converted checkpoints are cached per user; tests share the user cache so CI converts once."""
    from reasoner.config import default_cache_dir

    return default_cache_dir()


@pytest.fixture(scope="session")
def smollm(model_cache):
    """The real SmolLM2-135M-Instruct on llama.cpp (the default backend), loaded once per session."""
    from reasoner.llm import load_llm

    return load_llm("smollm2", cache_dir=model_cache)


@pytest.fixture(scope="session")
def smollm_hf(model_cache):
    """The same GGUF on the transformers backend (converted once into the user cache)."""
    from reasoner.llm import load_llm

    return load_llm("smollm2", cache_dir=model_cache, backend="transformers")


# -- a real PostgreSQL server with pgvector (the shared storage backend) ----------------------
@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The URL of a PostgreSQL server with pgvector, started once per session through ``pgserver``.

    ``REASONER_TEST_DATABASE_URL`` points the tests at a server of one's own instead (its user
    must be allowed to create databases). Skips, saying why, only when no server can be had.
    """
    url = os.environ.get("REASONER_TEST_DATABASE_URL")
    if url:
        return url
    try:
        import pgserver
        import psycopg  # noqa: F401 - the driver the backend needs
    except ImportError as exc:
        pytest.skip(f"PostgreSQL tests need the dev extras (pip install pgserver 'psycopg[binary]'): {exc}")
    try:
        # Its own folder, not pytest's tmp_path: pytest prunes old session folders, and a
        # concurrent session's pruning would pull the data (and socket) from under this one.
        server = pgserver.get_server(tempfile.mkdtemp(prefix="reasoner-pg-"), cleanup_mode="delete")
        url = server.get_uri()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
    except Exception as exc:  # noqa: BLE001 - any failure to start means "no server here"
        pytest.skip(f"pgserver could not start a local PostgreSQL with pgvector: {exc}")
    return url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the session's server (dropped afterwards)."""
    import psycopg

    _DATABASES[0] += 1
    name = f"reasoner_test_{os.getpid()}_{_DATABASES[0]}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield _as_url(postgres_server, name)
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_DATABASES = [0]


@pytest.fixture(params=["sqlite", "postgres"])
def mem_location(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """Where a memory lives, once per backend: a folder (embedded SQLite) or a fresh ``postgresql://`` database."""
    if request.param == "sqlite":
        return tmp_path / "memory"
    return request.getfixturevalue("postgres_url")


def _as_url(server_url: str, name: str) -> str:
    """The server's URL with its database replaced (the backend is selected by the URL's scheme)."""
    head, sep, tail = server_url.partition("?")
    base = re.sub(r"/[^/]*$", f"/{name}", head) if head.count("/") > 2 else f"{head}/{name}"
    return base + sep + tail


# -- file-format builders (ingest and retrieval tests) --------------------------------------
def _pdf_bytes(pages: list[str], title: str = "") -> bytes:
    """A minimal valid PDF with one text line per page (Helvetica), built by hand."""
    objs: list[bytes] = []
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    font_id = 3 + 2 * len(pages)
    for i, text in enumerate(pages):
        lines = text.split("\n")
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        for line in lines:
            esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({esc}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode()
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    info_id = None
    if title:
        objs.append(f"<< /Title ({title}) >>".encode())
        info_id = len(objs)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    info = f" /Info {info_id} 0 R" if info_id else ""
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _docx_bytes(title: str = "Handbook") -> bytes:
    import docx

    d = docx.Document()
    d.core_properties.title = title
    d.add_paragraph("Intro paragraph before any heading.")
    d.add_heading("Benefits", level=1)
    d.add_paragraph("Employees receive health insurance.")
    d.add_heading("Vacation", level=2)
    d.add_paragraph("Full-time staff earn 20 vacation days a year.")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Years", "Days"
    table.cell(1, 0).text, table.cell(1, 1).text = "0-3", "20"
    d.add_heading("Travel", level=1)
    d.add_paragraph("Book travel through the portal.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture
def make_pdf() -> Callable[..., bytes]:
    return _pdf_bytes


@pytest.fixture
def make_docx() -> Callable[..., bytes]:
    return _docx_bytes


# -- a small graph KB (graph store, graph solver and triple extraction tests) ------------------

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
def graph_kb(tmp_path: Path) -> Path:
    """A small company KB for the graph tests: an org chart, movie triples and a page of prose."""
    return write_kb(tmp_path / "kb")


@pytest.fixture
def small_graph(graph_kb: Path, tmp_path: Path):
    """The graph built from ``graph_kb`` into ``tmp_path / 'index'``."""
    from reasoner.graph import KnowledgeGraph

    return KnowledgeGraph.update(graph_kb, tmp_path / "index")


# -- a fake OpenAI-compatible server (model-server backends and the HTTP API's clients) -------
@pytest.fixture
def fake_openai():
    """A FakeOpenAI (tests/fake_openai_server.py) serving on 127.0.0.1; its ``url`` is the API root."""
    import importlib.util
    import sys

    module = sys.modules.get("fake_openai_server")
    if module is None:
        spec = importlib.util.spec_from_file_location("fake_openai_server", Path(__file__).parent / "fake_openai_server.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
        spec.loader.exec_module(module)
    running = module.Running(module.FakeOpenAI())
    yield running.fake
    running.stop()
