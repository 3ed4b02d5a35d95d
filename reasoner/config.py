"""One Config dataclass: paths, models and limits come from here, never from globals.

Loaded from keyword arguments, from ``reasoner.toml`` in the working directory
(or the file named by ``REASONER_CONFIG``), and from ``REASONER_*`` variables.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from reasoner.errors import ConfigError


def default_cache_dir() -> Path:
    """Where converted models and the KB-less memory live (``$REASONER_CACHE`` or ~/.cache/reasoner)."""
    env = os.environ.get("REASONER_CACHE")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "reasoner"


# The knowledge index's docstore, or the note that it lives in a database: either means "an index was built here".
INDEX_MARKER = "knowledge/docstore.sqlite"
DATABASE_MARKER = "knowledge/database.json"


def index_exists(index_dir: str | Path) -> bool:
    """Whether `reasoner index` has built an index in ``index_dir`` (cheap: no heavy imports)."""
    return any((Path(index_dir) / marker).is_file() for marker in (INDEX_MARKER, DATABASE_MARKER))


@dataclass
class Config:
    """Every setting of a Reasoner.

    Attributes:
        kb_dir: folder of company documents the defaults read.
        index_dir: folder where the index, graph and memory are written.
        cache_dir: converted model checkpoints, ONNX exports, KB-less memory.
        embedder: registered embedder name: "minilm-onnx" (int8, default), "minilm" (torch fp32), "hash" (tests).
        llm: "smollm2" (bundled), a local Hugging Face model path, "fake", or a
            LangChain ``BaseChatModel`` instance.
        memory: use the answer memory.
        memory_max_entries: bound on stored answers (least recently used go first).
        memory_false_hit_rate: the answer memory's error bound: the guard serves a stored answer
            only at a score where at most this share of different questions were served, with
            95% confidence, on held-out pairs.
        max_tokens: LLM tokens one query may generate.
        max_ms: wall time one query may take (soft: checked between steps).
        session_max_tokens: LLM tokens one session may generate (None: no bound).
        effort: "auto" lets the controller spend more on hard questions.
        samples: best-of-N width used when extra effort is allowed.
        math_timeout_s: hard limit for one math problem.
        solvers: a route's solver from another factory: route name -> registered name or
            dotted path ("package.module:build", called with the Reasoner's parts).
        max_file_mb: a file larger than this is skipped when indexing (reported).
        max_chunks_per_file: a file cut into more chunks than this is skipped (reported).
        follow_outside_links: index files that links inside the KB point to outside it
            (off: such links are skipped and reported, so nothing outside the folder leaks).
        max_question_chars: a longer question is refused with a clear message.
        default_access: who may read a document that declares no access: "everyone", "nobody"
            (fail closed), or comma-separated groups.
        embedder_threads: threads of the ONNX embedder per text (None: one, the texts of a list
            spread over the cores); `reasoner serve` sets it to the cores divided by its workers.
        access: path glob -> groups, for files without front matter (CSV, PDF, DOCX, triples),
            e.g. ``{"hr/*.csv": ["hr"]}`` (``[access]`` in reasoner.toml); the first match wins.
        database_url: a ``postgresql://`` URL: the knowledge index (chunks, vectors, full-text terms)
            and the answer and subproblem memory live in that database (pgvector), shared by every
            worker on every machine; None: the embedded FAISS/SQLite files under the index. Not shown in ``repr`` (it may carry a password).
        sentence_vectors: `reasoner index` also embeds the sentences, list items and table rows the
            reader scores and stores their vectors beside the index, so an answer embeds only the
            question: no-LLM answers 5-11x faster, the same replies; the build takes 4-7x as long
            and the index about 7x the disk (18F, CivicActions; benchmarks/notes/kb.md, session 12).
            Off (``--no-sentence-vectors``): they are embedded per question.
    """

    kb_dir: Path = Path("kb")
    index_dir: Path = Path("indexes")
    cache_dir: Path = field(default_factory=default_cache_dir)
    embedder: str = "minilm-onnx"
    llm: Any = "smollm2"
    memory: bool = True
    memory_max_entries: int = 10_000
    memory_false_hit_rate: float = 0.01
    max_tokens: int = 192
    max_ms: float = 120_000.0
    session_max_tokens: int | None = None
    effort: Literal["auto", "low", "high"] = "auto"
    samples: int = 3
    math_timeout_s: float = 2.0
    solvers: dict[str, str] = field(default_factory=dict)
    max_file_mb: float = 25.0
    max_chunks_per_file: int = 20_000
    follow_outside_links: bool = False
    max_question_chars: int = 2_000
    default_access: str = "everyone"
    embedder_threads: int | None = None
    access: dict[str, list[str]] = field(default_factory=dict)
    database_url: str | None = field(default=None, repr=False)
    sentence_vectors: bool = True

    def __post_init__(self) -> None:
        self.kb_dir = Path(self.kb_dir)
        self.index_dir = Path(self.index_dir)
        self.cache_dir = Path(self.cache_dir)
        if self.max_tokens <= 0:
            raise ConfigError("max_tokens must be positive")
        if self.effort not in ("auto", "low", "high"):
            raise ConfigError(f"effort must be auto, low or high, not {self.effort!r}")
        self.database_url = self.database_url or None  # an empty REASONER_DATABASE_URL means the default
        if self.database_url is not None and not self.database_url.startswith(("postgresql://", "postgres://")):
            raise ConfigError("database_url must be a postgresql:// URL (or unset for the embedded SQLite memory)")

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Config:
        """Read a TOML file (if present), then ``REASONER_*`` variables, then ``overrides``."""
        values: dict[str, Any] = {}
        path = Path(path or os.environ.get("REASONER_CONFIG", "reasoner.toml"))
        if path.is_file():
            try:
                values.update(tomllib.loads(path.read_text(encoding="utf-8")))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
        names = {f.name: f for f in dataclasses.fields(cls)}
        for name in names:
            env = os.environ.get(f"REASONER_{name.upper()}")
            if env is not None:
                values[name] = env
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = sorted(set(values) - set(names))
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(unknown)}")
        return cls(**_coerce(values))


def _coerce(values: dict[str, Any]) -> dict[str, Any]:
    """Turn strings from the environment into the field's type."""
    ints = {"memory_max_entries", "max_tokens", "samples", "session_max_tokens", "max_chunks_per_file",
            "max_question_chars", "embedder_threads"}
    floats = {"max_ms", "math_timeout_s", "max_file_mb", "memory_false_hit_rate"}
    out = dict(values)
    for k, v in values.items():
        if not isinstance(v, str):
            continue
        try:
            if k in ints:
                out[k] = int(v)
            elif k in floats:
                out[k] = float(v)
            elif k in ("memory", "follow_outside_links", "sentence_vectors"):
                out[k] = v.lower() not in ("0", "false", "no", "off")
        except ValueError as exc:
            raise ConfigError(f"setting {k}={v!r} is not a number") from exc
    return out
