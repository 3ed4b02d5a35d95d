"""The learned, calibrated false-hit guard: a small network over pair features, with an error bound.

The model (``guard_model/guard-v<N>.npz``, package data, under a megabyte) is
trained by ``benchmarks/train_guard.py`` on labelled question pairs and scores a
(stored, asked) pair with the log-odds that both mean the same
(:mod:`reasoner.memory.features` lists what it reads): a small network and
boosted trees, blended. It does not ship a
threshold but a *bars table*: for each target false-hit rate, the lowest score
whose 95% upper confidence bound on the false-hit rate, measured on held-out
calibration pairs, stays within the target. The memory serves a candidate when
its score reaches the bar of the target rate it was asked for (1% by default);
an entry whose served answer was later contradicted asks for a stricter rate
(after vCache, Schroeder et al. 2025: one global similarity threshold cannot be
both safe and useful, so the bar is set by an error bound and tightened per entry).

The model belongs to one embedding space (all-MiniLM-L6-v2): its dense features
are products and differences of that model's vectors. With another embedder the
memory keeps the rule guard (:mod:`reasoner.memory.guard`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from reasoner.errors import ModelError
from reasoner.memory import features as feat

MODEL_DIR = Path(__file__).resolve().parent / "guard_model"
# Differences no wording can undo: another number, one more negation, the other
# pole of a comparison ("more" / "less", "before" / "after") ask another question.
# A pair with one is never served, whatever the score (on the calibration pairs
# this costs about half a point of hits and removes a few false hits).
VETOES = ("numbers_differ", "negation_difference", "direction_differ")
MODEL_VERSION = 1
MODEL_FILE = f"guard-v{MODEL_VERSION}.npz"
DEFAULT_FALSE_HIT_RATE = 0.01


@dataclass(frozen=True)
class Trees:
    """A boosted tree ensemble as flat arrays (all trees' nodes one after another), evaluated in numpy.

    ``left`` / ``right`` are absolute node indices; ``roots`` the first node of
    each tree. A row goes left when its feature value is at most the threshold.
    """

    feature: np.ndarray  # (nodes,) int32
    threshold: np.ndarray  # (nodes,) float64
    left: np.ndarray  # (nodes,) int32
    right: np.ndarray  # (nodes,) int32
    leaf: np.ndarray  # (nodes,) bool
    value: np.ndarray  # (nodes,) float64
    roots: np.ndarray  # (trees,) int32
    baseline: float
    depth: int

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Sum of the trees' leaf values plus the baseline, for rows of ``x`` (n, features)."""
        x = np.atleast_2d(np.asarray(x, dtype=np.float64))
        node = np.broadcast_to(self.roots, (len(x), len(self.roots))).copy()
        rows = np.arange(len(x))[:, None]
        for _ in range(self.depth):
            go_left = x[rows, self.feature[node]] <= self.threshold[node]
            step = np.where(go_left, self.left[node], self.right[node])
            node = np.where(self.leaf[node], node, step)
        return self.value[node].sum(axis=1) + self.baseline

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        names = ("feature", "threshold", "left", "right", "leaf", "value", "roots")
        return {f"{prefix}{n}": getattr(self, n) for n in names}


@dataclass(frozen=True)
class GuardModel:
    """A trained guard: two learners over the pair features, a bars table and what it was trained on.

    The score (log-odds of "same meaning") blends

    * a network over ``[dense, (scalar - mean) / scale]``:
      ReLU(x W1 + b1) . w2 + b2 (the embedding dimensions and the word signals), and
    * boosted trees over the scalar features alone (rule-like interactions:
      "same words but another order" means something only with the cosine),

    as ``blend * network + (1 - blend) * trees``.
    """

    w1: np.ndarray  # (inputs, hidden)
    b1: np.ndarray  # (hidden,)
    w2: np.ndarray  # (hidden,)
    b2: float
    mean: np.ndarray  # (scalar inputs,)
    scale: np.ndarray  # (scalar inputs,)
    trees: Trees | None
    blend: float  # weight of the network; 1.0 without trees
    targets: np.ndarray  # false-hit rates, increasing
    bars: np.ndarray  # the score bar of each target (decreasing)
    floor: float  # candidates below this cosine are never scored (none would pass)
    space: str  # the embedding space of the dense features
    scalar_names: tuple[str, ...]
    context_names: tuple[str, ...]
    meta: dict = field(default_factory=dict)
    vetoes: tuple[str, ...] = VETOES
    # A version-2 model (measured, not shipped: benchmarks/notes/memory.md, session 9) also reads the
    # word-alignment features, after the context ones, weighted by its token idf.
    alignment_names: tuple[str, ...] = ()
    idf: np.ndarray | None = None  # (vocabulary,) token idf the alignment features weigh by

    @property
    def version(self) -> str:
        return str(self.meta.get("version", MODEL_VERSION))

    @property
    def uses_context(self) -> bool:
        return bool(self.context_names)

    @property
    def uses_alignment(self) -> bool:
        return bool(self.alignment_names)

    def network(self, dense: np.ndarray, scalar: np.ndarray) -> np.ndarray:
        dense = np.atleast_2d(np.asarray(dense, dtype=np.float32))
        scalar = np.atleast_2d(np.asarray(scalar, dtype=np.float32))
        x = np.concatenate([dense, (scalar - self.mean) / self.scale], axis=1)
        h = np.maximum(x @ self.w1 + self.b1, 0.0)
        return h @ self.w2 + self.b2

    def score(self, dense: np.ndarray, scalar: np.ndarray) -> np.ndarray:
        """Log-odds of "same meaning" for rows of dense (n, 2 dim) and scalar (n, k) features."""
        scalar = np.atleast_2d(np.asarray(scalar, dtype=np.float32))
        out = self.network(dense, scalar)
        if self.trees is not None and self.blend < 1.0:
            out = self.blend * out + (1.0 - self.blend) * self.trees.predict(scalar)
        out = np.asarray(out, dtype=np.float64)
        if self.vetoes:
            cols = [self.scalar_names.index(v) for v in self.vetoes]
            out[(scalar[:, cols] > 0).any(axis=1)] = -np.inf
        return out

    def bar(self, false_hit_rate: float) -> float:
        """The score a pair needs for at most ``false_hit_rate`` false hits (95% bound, calibration pairs).

        The bar of the largest table target not above the rate (a step, never
        looser than what the calibration showed); below the smallest target
        nothing passes (``inf``).
        """
        at_most = np.nonzero(self.targets <= false_hit_rate * (1 + 1e-9))[0]
        return float(self.bars[at_most[-1]]) if len(at_most) else float("inf")

    def save(self, path: Path) -> None:
        """Write the model as one ``.npz`` (arrays plus a JSON header); it loads without pickle."""
        header = {
            "b2": self.b2,
            "blend": self.blend,
            "floor": self.floor,
            "space": self.space,
            "scalar_names": list(self.scalar_names),
            "context_names": list(self.context_names),
            "alignment_names": list(self.alignment_names),
            "vetoes": list(self.vetoes),
            "meta": self.meta,
        }
        if self.trees is not None:
            header["trees"] = {"baseline": self.trees.baseline, "depth": self.trees.depth}
        arrays = {k: getattr(self, k) for k in ("w1", "b1", "w2", "mean", "scale", "targets", "bars")}
        if self.trees is not None:
            arrays.update(self.trees.arrays("tree_"))
        if self.idf is not None:
            arrays["idf"] = np.asarray(self.idf, np.float32)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            np.savez_compressed(fh, header=np.frombuffer(json.dumps(header).encode(), np.uint8), **arrays)


def load_model(path: Path | str | None = None) -> GuardModel:
    """Read a guard model (the shipped one by default).

    Raises:
        ModelError: the file is missing or unreadable, or its features are not this code's.
    """
    return _load(str(Path(path) if path is not None else MODEL_DIR / MODEL_FILE))


@lru_cache(maxsize=4)
def _load(path: str) -> GuardModel:
    try:
        with np.load(path, allow_pickle=False) as z:
            header = json.loads(bytes(z["header"]).decode())
            arrays = {k: z[k].astype(np.float32) for k in ("w1", "b1", "w2", "mean", "scale")}
            targets, bars = z["targets"].astype(np.float64), z["bars"].astype(np.float64)
            trees = _trees(z, header.get("trees"))
            idf = z["idf"].astype(np.float32) if "idf" in z.files else None
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"cannot read the memory guard model {path}: {exc}") from exc
    scalar_names = tuple(header["scalar_names"])
    context_names = tuple(header["context_names"])
    alignment_names = tuple(header.get("alignment_names", ()))
    if (
        scalar_names != feat.SCALAR_NAMES
        or context_names not in ((), feat.CONTEXT_NAMES)
        or alignment_names not in ((), feat.ALIGNMENT_NAMES)
        or (alignment_names and (idf is None or not context_names))
        or not set(header.get("vetoes", ())) <= set(scalar_names)
    ):
        raise ModelError(f"the guard model {path} was trained on other features; retrain it")
    return GuardModel(
        b2=float(header["b2"]),
        blend=float(header.get("blend", 1.0)),
        trees=trees,
        floor=float(header["floor"]),
        space=str(header["space"]),
        scalar_names=scalar_names,
        context_names=context_names,
        alignment_names=alignment_names,
        idf=idf,
        vetoes=tuple(header.get("vetoes", ())),
        meta=dict(header.get("meta", {})),
        targets=targets,
        bars=bars,
        **arrays,
    )


def _trees(z, header: dict | None) -> Trees | None:
    if header is None:
        return None
    return Trees(
        feature=z["tree_feature"].astype(np.int32),
        threshold=z["tree_threshold"].astype(np.float64),
        left=z["tree_left"].astype(np.int32),
        right=z["tree_right"].astype(np.int32),
        leaf=z["tree_leaf"].astype(bool),
        value=z["tree_value"].astype(np.float64),
        roots=z["tree_roots"].astype(np.int32),
        baseline=float(header["baseline"]),
        depth=int(header["depth"]),
    )


# (words, other words) -> cosine matrix; text -> TokenStates (or None).
WordSimilarity = Callable[[Sequence[str], Sequence[str]], np.ndarray]
StatesFunction = Callable[[str], "feat.TokenStates | None"]


@dataclass(frozen=True)
class Score:
    """The learned guard's judgement of one pair."""

    log_odds: float
    bar: float

    @property
    def ok(self) -> bool:
        return self.log_odds >= self.bar

    @property
    def probability(self) -> float:
        return float(1.0 / (1.0 + np.exp(-self.log_odds)))


class LearnedGuard:
    """Scores (stored, asked) question pairs with a :class:`GuardModel`.

    Args:
        model: the trained model.
        similarity: word-vector cosines (``WordVectors.similarity``) for the words
            only one question has.
        states: contextual token vectors of a text, when the model reads them.
    """

    def __init__(
        self, model: GuardModel, similarity: WordSimilarity, states: StatesFunction | None = None
    ) -> None:
        self.model = model
        self.similarity = similarity
        self.states = states

    def features(
        self,
        stored: str,
        asked: str,
        u: np.ndarray,
        v: np.ndarray,
        stored_states: feat.TokenStates | None = None,
        asked_states: feat.TokenStates | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """(dense, scalar) feature rows of one pair, as the model reads them."""
        cosine = float(np.dot(u, v))
        scalar = feat.scalar_features(stored, asked, cosine, self.similarity)
        if self.model.uses_context:
            sa = stored_states if stored_states is not None else self._states(stored)
            sb = asked_states if asked_states is not None else self._states(asked)
            scalar = np.concatenate([scalar, feat.context_features(sa, sb)])
            if self.model.uses_alignment:
                scalar = np.concatenate([scalar, feat.alignment_features(sa, sb, stored, asked, self.model.idf)])
        return feat.dense_features(u, v), scalar

    def log_odds(
        self,
        stored: str,
        asked: str,
        u: np.ndarray,
        v: np.ndarray,
        stored_states: feat.TokenStates | None = None,
        asked_states: feat.TokenStates | None = None,
    ) -> float:
        """The model's log-odds that ``stored`` (vector ``u``) and ``asked`` (``v``) mean the same."""
        dense, scalar = self.features(stored, asked, u, v, stored_states, asked_states)
        return float(self.model.score(dense, scalar)[0])

    def _states(self, text: str) -> feat.TokenStates | None:
        return self.states(text) if self.states is not None else None
