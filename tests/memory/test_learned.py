"""The learned guard: model file, scoring, bars, and the memory serving with it (keys, conversations,
confirmation, contradictions), on a deterministic embedder and a hand-made model."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from reasoner.errors import ModelError
from reasoner.memory import AnswerMemory, features, store
from reasoner.memory.learned import MODEL_DIR, MODEL_FILE, VETOES, GuardModel, LearnedGuard, Trees, load_model
from reasoner.retrieval.embedder import HashEmbedder

SPACE = "test-space"


class SpaceHashEmbedder(HashEmbedder):
    """HashEmbedder claiming an embedding space, so a test model can belong to it."""

    space = SPACE


def cosine_model(slope: float = 10.0, offset: float = -8.0, floor: float = 0.5) -> GuardModel:
    """A model whose score is ``slope * cosine + offset`` (one hidden unit reading the cosine).

    Bars: 2.0 at 0.5%, 0.5 at 1%, 0.0 at 2% false hits, so at the default 1% a
    pair needs cosine >= 0.85.
    """
    n_dense = 2 * SpaceHashEmbedder().dim
    n_scalar = len(features.SCALAR_NAMES) + len(features.CONTEXT_NAMES)
    w1 = np.zeros((n_dense + n_scalar, 1), np.float32)
    w1[n_dense + features.SCALAR_NAMES.index("cosine"), 0] = 1.0
    return GuardModel(
        w1=w1,
        b1=np.zeros(1, np.float32),
        w2=np.array([slope], np.float32),
        b2=offset,
        mean=np.zeros(n_scalar, np.float32),
        scale=np.ones(n_scalar, np.float32),
        trees=None,
        blend=1.0,
        targets=np.array([0.005, 0.01, 0.02]),
        bars=np.array([2.0, 0.5, 0.0]),
        floor=floor,
        space=SPACE,
        scalar_names=features.SCALAR_NAMES,
        context_names=features.CONTEXT_NAMES,
        meta={"version": "test"},
    )


@pytest.fixture
def learned(mem_location: Path | str):
    m = AnswerMemory(mem_location, SpaceHashEmbedder(), guard_model=cosine_model())
    yield m
    m.close()


# ------------------------------------------------------------------ the model itself


def test_the_shipped_model_loads_offline_is_small_and_fits_this_code() -> None:
    path = MODEL_DIR / MODEL_FILE
    assert path.stat().st_size < 25_000_000
    model = load_model()
    assert model.space == "all-MiniLM-L6-v2"
    assert model.scalar_names == features.SCALAR_NAMES and model.vetoes == VETOES
    assert model.version == MODEL_FILE.removeprefix("guard-v").removesuffix(".npz")
    assert np.all(np.diff(model.targets) > 0)
    assert all(x >= y for x, y in zip(model.bars, model.bars[1:], strict=False))  # stricter rates, higher bars
    assert model.meta["calibration_pairs"]["qqp"] > 1000


def test_bars_step_to_the_stricter_row_and_refuse_below_the_table() -> None:
    model = cosine_model()
    assert model.bar(0.01) == pytest.approx(0.5)
    assert model.bar(0.001) == float("inf")
    assert model.bar(0.5) == pytest.approx(0.0)
    assert model.bar(0.0075) == pytest.approx(2.0)  # between rows: the stricter one
    assert model.bar(0.0199) == pytest.approx(0.5)


def test_a_veto_refuses_whatever_the_score() -> None:
    model = cosine_model()
    n = len(features.SCALAR_NAMES) + len(features.CONTEXT_NAMES)
    scalar = np.zeros((2, n), np.float32)
    scalar[:, 0] = 1.0
    scalar[1, features.SCALAR_NAMES.index("numbers_differ")] = 1.0
    dense = np.zeros((2, model.w1.shape[0] - n), np.float32)
    scores = model.score(dense, scalar)
    assert scores[0] == pytest.approx(2.0) and scores[1] == float("-inf")


def test_save_and_load_round_trip_with_trees(tmp_path: Path) -> None:
    trees = Trees(
        feature=np.array([0, 0, 0], np.int32),
        threshold=np.array([0.9, 0, 0]),
        left=np.array([1, 0, 0], np.int32),
        right=np.array([2, 0, 0], np.int32),
        leaf=np.array([False, True, True]),
        value=np.array([0.0, -1.0, 1.0]),
        roots=np.array([0], np.int32),
        baseline=0.25,
        depth=2,
    )
    model = cosine_model()
    blended = GuardModel(**{**model.__dict__, "trees": trees, "blend": 0.5})
    path = tmp_path / "guard-vtest.npz"
    blended.save(path)
    again = load_model(path)
    n = len(features.SCALAR_NAMES) + len(features.CONTEXT_NAMES)
    scalar = np.zeros((2, n), np.float32)
    scalar[:, 0] = [0.8, 0.95]
    dense = np.zeros((2, model.w1.shape[0] - n), np.float32)
    expected = 0.5 * (10 * scalar[:, 0] - 8) + 0.5 * (np.array([-1.0, 1.0]) + 0.25)
    assert np.allclose(again.score(dense, scalar), expected)
    assert again.meta == {"version": "test"}


def test_trees_evaluate_as_sklearn_does() -> None:
    sklearn = pytest.importorskip("sklearn.ensemble")
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(
        "train_guard", Path(__file__).resolve().parents[2] / "benchmarks" / "train_guard.py"
    )
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 4))
    y = (x[:, 0] + x[:, 1] * x[:, 2]) > 0
    clf = sklearn.HistGradientBoostingClassifier(max_iter=20, random_state=0).fit(x, y)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    try:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.pop(0)
    trees = module.export_trees(clf)
    assert np.allclose(trees.predict(x), clf.decision_function(x), atol=1e-9)


def test_a_damaged_or_foreign_model_gives_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "guard-v9.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="cannot read"):
        load_model(bad)
    other = GuardModel(**{**cosine_model().__dict__, "scalar_names": ("cosine",)})
    path = tmp_path / "guard-v8.npz"
    other.save(path)
    with pytest.raises(ModelError, match="other features"):
        load_model(path)


def alignment_model(idf: np.ndarray | None = None) -> GuardModel:
    """``cosine_model`` over the version-2 inputs (alignment features after the context ones)."""
    base = cosine_model()
    n_align = len(features.ALIGNMENT_NAMES)
    w1 = np.concatenate([base.w1, np.zeros((n_align, 1), np.float32)])
    return GuardModel(**{
        **base.__dict__, "w1": w1,
        "mean": np.zeros(len(base.mean) + n_align, np.float32), "scale": np.ones(len(base.scale) + n_align, np.float32),
        "alignment_names": features.ALIGNMENT_NAMES, "idf": np.linspace(0, 3, 50).astype(np.float32) if idf is None else idf,
    })


def test_a_version_two_model_keeps_its_idf_and_reads_the_alignment_features(tmp_path: Path) -> None:
    model = alignment_model()
    assert model.uses_alignment and model.uses_context and not cosine_model().uses_alignment
    path = tmp_path / "guard-v2test.npz"
    model.save(path)
    again = load_model(path)
    assert again.alignment_names == features.ALIGNMENT_NAMES and np.array_equal(again.idf, model.idf)
    words = ["why", "did", "pigeons", "die"]
    states = features.TokenStates(np.eye(4, 8, dtype=np.float32), (0, 1, 2, 3), tuple(words), (5, 6, 7, 8))
    guard = LearnedGuard(again, lambda xs, ys: np.ones((len(xs), len(ys))), lambda text: states)
    u = np.zeros(SpaceHashEmbedder().dim, np.float32)
    u[0] = 1.0
    dense, scalar = guard.features("Why did pigeons die?", "Why did pigeons die?", u, u)
    assert len(scalar) == len(features.SCALAR_NAMES) + len(features.CONTEXT_NAMES) + len(features.ALIGNMENT_NAMES)
    assert scalar[-len(features.ALIGNMENT_NAMES) :].tolist() == pytest.approx(list(features._ALIGNMENT_NEUTRAL))
    assert guard.log_odds("Why did pigeons die?", "Why did pigeons die?", u, u) == pytest.approx(2.0)


def test_a_version_two_model_without_its_idf_is_refused(tmp_path: Path) -> None:
    model = alignment_model()
    path = tmp_path / "guard-v2bad.npz"
    GuardModel(**{**model.__dict__, "idf": None}).save(path)
    with pytest.raises(ModelError, match="other features"):
        load_model(path)


# ------------------------------------------------------------------ the memory with it


def test_the_learned_guard_is_used_only_for_its_own_embedding_space(mem_dir: Path, tmp_path: Path) -> None:
    with AnswerMemory(mem_dir, SpaceHashEmbedder(), guard_model=cosine_model()) as m:
        assert m.guard_name == "learned vtest" and m.threshold == 0.5
        assert m.stats()["guard"] == "learned vtest"
    with AnswerMemory(tmp_path / "other", HashEmbedder(), guard_model=cosine_model()) as m:
        assert m.guard_name == "rules"
    with pytest.raises(ModelError, match="trained on"):
        AnswerMemory(tmp_path / "forced", HashEmbedder(), guard_model=cosine_model(), learned=True)


def test_serves_by_score_and_bar(learned) -> None:
    learned.put("How many vacation days do new employees get?", "20")
    hit = learned.get("How many vacation days do new employees get in total?")
    assert hit is not None and hit.matched == "similar"
    assert hit.score == pytest.approx(10 * hit.similarity - 8, abs=1e-4)
    assert hit.bar == pytest.approx(0.5) and hit.score >= hit.bar
    assert learned.get("Which vacation policy applies to contractors?") is None
    [cand] = learned.explain("How many vacation days do new employees get in total?", 1)
    assert cand.verdict.ok and cand.verdict.check == "learned" and cand.score == pytest.approx(hit.score)


def test_a_contradicted_hit_raises_that_entrys_bar_and_it_persists(mem_location: Path | str) -> None:
    emb = SpaceHashEmbedder()
    with AnswerMemory(mem_location, emb, guard_model=cosine_model()) as m:
        m.put("How many vacation days do new employees get?", "20")
        m.put("What does the K5 keyboard cost?", "$199")
        asked = "How many vacation days do new employees get in total?"
        hit = m.get(asked)
        assert hit is not None
        assert m.contradicted(hit)
        assert m.get(asked) is None  # the same pair never again
        assert m.stats()["contradicted_entries"] == 1
        assert m.bar(1) > m.bar(0)
        assert m.get("What does the K5 keyboard cost in total?") is not None  # other entries keep their bar
    with AnswerMemory(mem_location, emb, guard_model=cosine_model()) as again:
        assert again.get(asked) is None
        assert again.get("How many vacation days do new employees get?").answer.value == "20"  # same question


def test_a_contradicted_exact_hit_drops_the_wrong_answer(learned) -> None:
    learned.put("What is the refund window?", "14 days")
    hit = learned.get("what is the refund window")
    assert hit.matched == "exact"
    assert learned.contradicted(hit) and len(learned) == 0
    assert not learned.contradicted(hit)  # already gone


def test_vetoes_refuse_even_very_similar_questions(learned) -> None:
    learned.put("How many days off after 5 years of service at the company?", "25")
    assert learned.get("How many days off after 6 years of service at the company?") is None
    assert learned.get("How many days off after five years of service at the company") is not None


# ------------------------------------------------------------------ keys, conversations, confirmation


def test_equivalence_keys_serve_any_wording(memory) -> None:
    memory.put("What is 12 * 12?", "144", keys=["math:12*12"])
    hit = memory.get("Could you multiply twelve by twelve for me", keys=["math:12*12"])
    assert hit is not None and hit.matched == "key" and hit.answer.value == "144"
    assert memory.get("Could you multiply twelve by twelve for me") is None
    assert memory.get("anything", keys=["math:12*13"]) is None
    memory.put("Twelve squared?", "144!", keys=["math:12*12"])  # the key moves to the newest entry
    assert memory.get("x", keys=[" math:12*12 "]).answer.value == "144!"


def test_keys_go_with_their_entry(memory, make_rag_answer) -> None:
    memory.put("Who manages Dana?", make_rag_answer("Lee", "org.md"), keys=["graph:dana|managed_by"])
    assert memory.invalidate(sources={"org.md"}) == 1
    assert memory.get("q", keys=["graph:dana|managed_by"]) is None


def test_a_follow_up_is_never_matched_as_a_standalone_question(memory) -> None:
    turn = "How long is parental leave for the primary caregiver?"
    memory.put(turn, "16 weeks")
    memory.put("And for the secondary caregiver?", "4 weeks", conversation=turn)
    assert memory.get("And for the secondary caregiver?") is None
    hit = memory.get("and for the secondary caregiver", conversation=turn)
    assert hit is not None and hit.answer.value == "4 weeks"
    assert memory.get("And for the secondary caregiver?", conversation="What is the bonus for managers?") is None
    # nor is a standalone entry served to a follow-up
    assert memory.get(turn, conversation="What is the bonus for managers?") is None
    assert memory.get(turn).answer.value == "16 weeks"


def test_confirmation_refuses_similar_hits_only(memory) -> None:
    memory.put("How many vacation days do new employees get?", "20")
    asked = "New employees get how many vacation days?"
    seen = []

    def no(hit):
        seen.append(hit.question)
        return False

    def boom(hit):
        raise RuntimeError("retrieval failed")

    assert memory.get(asked, confirm=no) is None and seen == ["How many vacation days do new employees get?"]
    assert memory.get(asked, confirm=boom) is None
    assert memory.get(asked, confirm=lambda hit: True) is not None
    assert memory.get("how many vacation days do new employees get", confirm=no) is not None  # same question
    assert memory.stats()["session_misses"] == 2


# ------------------------------------------------------------------ schema


def test_a_version_one_database_is_migrated_and_keeps_its_entries(mem_dir: Path) -> None:
    mem_dir.mkdir(parents=True)
    conn = sqlite3.connect(mem_dir / store.DB_NAME, isolation_level=None)
    for statement in store._statements(store.MIGRATIONS[0]):
        conn.execute(statement)
    vec = HashEmbedder().embed(["What is the refund window?"])[0]
    conn.execute(
        "INSERT INTO answers(norm, question, text, value, route, vector, created, last_used) "
        "VALUES ('what is the refund window', 'What is the refund window?', '14 days', '14 days', 'rag', ?, 0, 0)",
        (vec.tobytes(),),
    )
    conn.execute("INSERT INTO meta(key, value) VALUES ('embedder', 'hash:256')")
    conn.execute("PRAGMA user_version=1")
    conn.close()
    with AnswerMemory(mem_dir, HashEmbedder(), threshold=0.8) as m:
        assert m.get("What is the refund window?").answer.value == "14 days"
        assert m.get("The refund window is what?") is not None
        m.put("q", "a", keys=["k"])
        assert m.get("other", keys=["k"]).answer.value == "a"
