"""`reasoner serve`: check what can be checked in the parent, then run uvicorn with N workers.

Each worker is a fresh process (uvicorn spawns them) that builds the app from the
settings left in ``REASONER_SERVE_SETTINGS`` and opens the index itself; workers share
nothing but the index folder (and, through it, the answer memory's SQLite file).
"""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path

from reasoner.config import Config, index_exists
from reasoner.errors import ConfigError, IndexError_
from reasoner.server.auth import load_tokens
from reasoner.server.settings import ENV, ServeSettings, config_overrides

APP = "reasoner.server.app:app_from_env"
THREAD_ENVS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def check(settings: ServeSettings) -> Config:
    """Fail in the parent, with one clear line, on what would make every worker fail.

    Raises:
        ConfigError: a missing settings file or a bad tokens file.
        IndexError_: nothing is indexed in the index folder.
    """
    if settings.config_path and not Path(settings.config_path).is_file():
        raise ConfigError(f"{settings.config_path}: no such config file")
    cfg = Config.load(settings.config_path, **config_overrides(settings))
    if cfg.database_url:
        indexed_in_database(cfg.database_url, cfg.kb_dir)
    elif not index_exists(cfg.index_dir):
        raise IndexError_(f"no index in {cfg.index_dir}/; build one with `reasoner index {cfg.kb_dir}` "
                          "(or --index DIR to point at another)")  # fmt: skip
    if settings.tokens_file:
        load_tokens(settings.tokens_file)
    return cfg


def indexed_in_database(url: str, kb_dir: Path) -> None:
    """A database-backed server needs no index folder, only a knowledge index in the database.

    Raises:
        IndexError_: the database cannot be reached, or nothing was indexed into it.
    """
    from reasoner.retrieval.pgstore import PgDocStore, connect

    conn = connect(url)
    try:
        generation = PgDocStore(conn).meta().get("generation")
    finally:
        conn.close()
    if not generation:
        raise IndexError_(f"no knowledge index in the database; build one with `reasoner index {kb_dir}` "
                          "with the same database URL")  # fmt: skip


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def share_cores(workers: int, environ: dict[str, str] | None = None, cores: int | None = None) -> int:
    """Give each worker's OpenMP/BLAS pools (FAISS, numpy) its share of the cores, unless set.

    Every pool sized to the whole machine in every worker means N times too many threads,
    and an OpenMP region waits for its slowest thread to be scheduled. Returns the share.
    """
    env = os.environ if environ is None else environ
    share = max(1, (cores or os.cpu_count() or 1) // max(1, workers))
    for name in THREAD_ENVS:
        env.setdefault(name, str(share))
    return share


def serve(settings: ServeSettings) -> int:
    """Run the server until interrupted; returns the exit code."""
    import uvicorn

    cfg = check(settings)
    if not settings.tokens_file and not is_loopback(settings.host):
        print(f"reasoner: warning: serving on {settings.host} without tokens: anyone who can reach it "
              "can ask and re-index (give --tokens FILE)", file=sys.stderr)  # fmt: skip
    os.environ[ENV] = settings.to_env()
    share = share_cores(settings.workers)
    os.environ.setdefault("REASONER_EMBEDDER_THREADS", str(share))  # one ONNX pool per worker, not per core
    print(f"reasoner: serving {cfg.index_dir}/ on http://{settings.host}:{settings.port} "
          f"with {settings.workers} worker(s)", file=sys.stderr)  # fmt: skip
    uvicorn.run(APP, factory=True, host=settings.host, port=settings.port, workers=settings.workers,
                log_level=settings.log_level, timeout_graceful_shutdown=5)  # fmt: skip
    return 0
