"""The word alignment of a question with candidate sentences (``align.py``, session 13)."""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pytest

from reasoner.retrieval.embedder import HashEmbedder
from reasoner.solvers.rag import align
from reasoner.solvers.rag.reader import Reader, Weights
from reasoner.types import Chunk, Hit

STIPEND = Chunk("a", "The on-call stipend amount is $2000 per month.", "oncall.md", "On-call", "Pay")
INSURANCE = Chunk("b", "Employees get life insurance coverage of twice their salary.", "benefits.md", "Benefits", "Insurance")
QUESTION = "How much life insurance coverage do employees get?"


class WordEmbedder(HashEmbedder):
    """A hash embedder that also gives token vectors: one vector per word, the same in every context
    (so alignment is exact word matching), with a [CLS] and [SEP] around, as a BERT tokenizer gives."""

    def token_vectors(self, text: str):
        pieces = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
        word_ids = [None, *range(len(pieces)), None]
        offsets = [(0, 0), *((s, e) for _, s, e in pieces), (0, 0)]
        rows = [_vec("[CLS]"), *(_vec(w.lower().rstrip("s")) for w, _, _ in pieces), _vec("[SEP]")]
        return word_ids, offsets, np.stack(rows)


def _vec(word: str, dim: int = 64) -> np.ndarray:
    seed = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
    v = np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
    return v / np.linalg.norm(v)


def aligner() -> align.Aligner:
    got = align.Aligner.of(WordEmbedder())
    assert got is not None
    return got


def test_an_embedder_without_token_vectors_gives_no_aligner():
    assert align.Aligner.of(HashEmbedder()) is None


def test_words_join_pieces_and_drop_punctuation():
    words = aligner().words("Life insurance: $2,000.")
    assert words.words == ("Life", "insurance", "2", "000")
    assert np.allclose(np.linalg.norm(words.vecs, axis=1), 1.0)


def test_a_sentence_holding_every_asked_word_is_recalled_in_full_and_the_near_topic_one_is_not():
    hits = [Hit(STIPEND, 0.5), Hit(INSURANCE, 0.4)]
    holds, near = aligner().per_text(QUESTION, [INSURANCE.text, STIPEND.text], hits)
    assert holds["recall"] == pytest.approx(1.0, abs=1e-5)
    assert holds["asked"] == pytest.approx(1.0, abs=1e-5) and holds["asked_n"] == 3  # life insurance coverage
    assert near["recall"] < 0.5 and near["asked"] < 0.5
    assert near["worst"] <= near["asked"] and holds["f1"] > near["f1"]


def test_features_read_the_first_text_and_compare_it_with_the_others():
    hits = [Hit(STIPEND, 0.5), Hit(INSURANCE, 0.4)]
    first_wrong = aligner().features(QUESTION, [STIPEND.text, INSURANCE.text], hits)
    assert first_wrong["aligned"] == 1.0
    assert first_wrong["align_best"] == pytest.approx(1.0, abs=1e-5)
    assert first_wrong["align_gap"] == pytest.approx(first_wrong["align_recall"] - 1.0, abs=1e-5)
    assert first_wrong["align_gap"] < 0
    assert aligner().features("How?", [STIPEND.text], hits) == dict.fromkeys(align.FEATURES, 0.0)


def test_the_asked_phrase_is_the_content_run_after_the_last_wh_word():
    def asked(question: str) -> list[str]:
        from reasoner.solvers.rag.extract import question_terms

        words = re.findall(r"[\w'-]+", question)
        return [words[i] for i in align.asked_phrase(words, question_terms(question))]

    assert asked(QUESTION) == ["life", "insurance", "coverage"]
    assert asked("What is the password for the office Wi-Fi network?") == ["password"]
    assert asked("My laptop broke. Which team do I contact?") == ["team"]
    assert asked("Parental leave policy for part-time staff?") == ["Parental", "leave", "policy"]


def test_rarer_words_weigh_more_and_the_idf_is_over_the_hits():
    from reasoner.text.stem import suffix_stem

    claims = Chunk("c", "Insurance claims go to the benefits team.", "claims.md", "Claims")
    idf = align.hit_idf([Hit(STIPEND, 0.5), Hit(INSURANCE, 0.4), Hit(claims, 0.3)])
    assert idf[suffix_stem("insurance")] < idf[suffix_stem("stipend")]  # in two hits against one
    assert max(idf.values()) == idf[""]  # a word no hit holds is the rarest


def test_the_reader_aligns_only_when_recording_or_when_its_score_reads_the_features(monkeypatch):
    hits = [Hit(STIPEND, 0.5), Hit(INSURANCE, 0.4)]
    plain = Reader(WordEmbedder()).read(QUESTION, hits)
    assert plain.features["aligned"] == 0.0  # the default score reads none: no model runs
    monkeypatch.setattr(align, "RECORD", True)
    recorded = Reader(WordEmbedder()).read(QUESTION, hits)
    assert recorded.features["aligned"] == 1.0
    assert recorded.probability == pytest.approx(plain.probability)  # recording changes no reply
    monkeypatch.setattr(align, "RECORD", False)
    reads = Reader(WordEmbedder(), coef={"bias": -1.0, "align_recall": 2.0}).read(QUESTION, hits)
    assert reads.features["aligned"] == 1.0


def test_ranking_by_alignment_lifts_the_sentence_that_holds_the_asked_words():
    hits = [Hit(STIPEND, 0.9), Hit(INSURANCE, 0.1)]
    plain = {"retrieval": 1.0, "typed": 0.0, "untyped_penalty": 0.0}  # the stipend's amount would count too
    off = Reader(WordEmbedder(), weights=Weights(**plain)).read(QUESTION, hits)
    on = Reader(WordEmbedder(), weights=Weights(**plain, align=2.0)).read(QUESTION, hits)
    assert off.best.unit.text != INSURANCE.text
    assert on.best.unit.text == INSURANCE.text
    assert on.best.score == pytest.approx(off.ranked[[s.unit.text for s in off.ranked].index(INSURANCE.text)].score)


@pytest.mark.slow
def test_the_real_model_tells_the_asked_thing_from_the_near_topic_sentence(minilm):
    got = align.Aligner.of(minilm)
    assert got is not None
    hits = [Hit(STIPEND, 0.5), Hit(INSURANCE, 0.4)]
    holds, near = got.per_text(QUESTION, ["Benefits > Insurance: " + INSURANCE.text, "On-call > Pay: " + STIPEND.text], hits)
    assert holds["recall"] > near["recall"] + 0.2
    assert holds["asked"] > near["asked"] + 0.3
