"""Session-wide fixtures: offline mode and the real small models, loaded once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

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
    """The real SmolLM2-135M-Instruct, loaded once per session."""
    from reasoner.llm import load_llm

    return load_llm("smollm2", cache_dir=model_cache)
