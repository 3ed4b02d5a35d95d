"""The LM likelihood scorer: its arithmetic with a fake model, and the real SmolLM2-135M (slow)."""

from __future__ import annotations

import pytest

from reasoner.solvers.rag.lm_score import QL_NEUTRAL, SQ_NEUTRAL, LikelihoodScorer


class OverlapLM:
    """A fake scorer: the continuation is likelier the more of its words the prefix holds."""

    def __init__(self) -> None:
        self.calls: list[list[tuple[str, str]]] = []

    def mean_logprobs(self, pairs):
        self.calls.append(list(pairs))
        out = []
        for prefix, cont in pairs:
            words = cont.lower().split()
            seen = set(prefix.lower().replace("?", " ").replace(".", " ").split())
            out.append(-5.0 + sum(w.strip("?.") in seen for w in words) / max(1, len(words)))
        return out


def test_pmi_is_the_prompted_likelihood_minus_the_neutral_one():
    lm = OverlapLM()
    got = LikelihoodScorer(lm).score("how many vacation days", ["Leave: 25 vacation days each year", "Laptops on day one"])
    ql, base = lm.calls[0][0], lm.calls[0][2]
    assert base == (QL_NEUTRAL, " how many vacation days") and ql[0].startswith("Leave: 25")
    assert got[0].ql_pmi == pytest.approx(got[0].ql - (-5.0))  # the neutral prompt shares no word with it
    assert got[0].ql_pmi > got[1].ql_pmi and got[0].sq_pmi > got[1].sq_pmi


def test_neutral_likelihood_of_a_sentence_is_computed_once():
    lm = OverlapLM()
    scorer = LikelihoodScorer(lm, directions=("sq",))
    first = scorer.score("vacation days", ["25 vacation days"])
    second = scorer.score("how many vacation days", ["25 vacation days"])
    assert [p for p in lm.calls[0] if p[0] == SQ_NEUTRAL] == [(SQ_NEUTRAL, " 25 vacation days")]
    assert not [p for p in lm.calls[1] if p[0] == SQ_NEUTRAL]  # taken from the cache
    assert first[0].ql == 0.0 and second[0].sq_pmi == pytest.approx(first[0].sq_pmi)


def test_sentences_scored_after_the_question_may_differ_from_the_docs_read_before_it():
    lm = OverlapLM()
    LikelihoodScorer(lm).score("q?", ["Section: the sentence"], ["the sentence"])
    assert ("Section: the sentence\nQuestion:", " q?") in lm.calls[0]
    assert ("Question: q?\nAnswer:", " the sentence") in lm.calls[0]


def test_bad_arguments_raise():
    with pytest.raises(ValueError):
        LikelihoodScorer(OverlapLM(), directions=("qs",))
    with pytest.raises(ValueError):
        LikelihoodScorer(OverlapLM()).score("q", ["a", "b"], ["a"])
    assert LikelihoodScorer(OverlapLM()).score("q", []) == []


@pytest.fixture(scope="module")
def smollm_scores(model_cache):
    from reasoner.solvers.rag.lm_score import load_smollm2

    return load_smollm2(model_cache)


@pytest.mark.slow
def test_real_model_batched_equals_one_at_a_time(smollm_scores):
    pairs = [("Question:", " How long is parental leave?"), ("Leave: You get 12 weeks of paid parental leave.\nQuestion:",
             " How long is parental leave?"), ("Answer:", " 12 weeks.")]  # fmt: skip
    together = smollm_scores.mean_logprobs(pairs)
    alone = [smollm_scores.mean_logprobs([p])[0] for p in pairs]
    assert together == pytest.approx(alone, abs=1e-4)
    assert all(v < 0 for v in together)


@pytest.mark.slow
def test_real_model_prefers_the_paraphrased_answer_to_an_unrelated_sentence(smollm_scores):
    q = "If I'm let go before my first work anniversary, what severance would I normally get?"
    docs = [
        "Severance > Eligibility: Employees who have been with the company for less than 1 year receive 2 weeks of base pay.",
        "Offboarding: Return your laptop to the office within 5 business days.",
    ]
    gold, other = LikelihoodScorer(smollm_scores).score(q, docs)
    assert gold.ql_pmi > other.ql_pmi and gold.sq_pmi > other.sq_pmi


# -- the reader's option (off by default) ----------------------------------------------------


def _pages():
    from reasoner.types import Chunk, Hit

    pages = [
        Chunk("a", "Laptops are issued on your first day.", "it.md", "IT", "Laptops", hash="ha"),
        Chunk("b", "Severance is two weeks of pay for anyone let go in their first year.", "hr.md", "HR", "Severance", hash="hb"),
    ]  # fmt: skip
    return [Hit(c, 0.6 - 0.1 * i, rank=i + 1) for i, c in enumerate(pages)]


class SeveranceLM:
    """A fake scorer that finds the severance sentence far likelier after a question (the reader's
    hash embedder does not)."""

    def mean_logprobs(self, pairs):
        return [-1.0 if "Severance" in c and p.startswith("Question: ") else -6.0 for p, c in pairs]


def test_the_reader_reranks_an_unsure_reading_with_the_lm():
    from reasoner.retrieval.embedder import HashEmbedder
    from reasoner.solvers.rag.lm_score import LMRerank
    from reasoner.solvers.rag.reader import Reader

    q, hits = "What is issued on your first day?", _pages()
    plain = Reader(HashEmbedder()).read(q, hits)
    assert plain.best.unit.text.startswith("Laptops")
    lm = LMRerank(LikelihoodScorer(SeveranceLM()), coef={"d_sq_pmi": 10.0}, band=(0.0, 1.0))
    reading = Reader(HashEmbedder(), lm=lm).read(q, hits)
    assert reading.best.unit.text.startswith("Severance") and reading.features["lm"] == 1.0
    assert {s.unit.text for s in reading.ranked} == {s.unit.text for s in plain.ranked}


def test_a_reading_outside_the_band_is_left_alone():
    from reasoner.retrieval.embedder import HashEmbedder
    from reasoner.solvers.rag.lm_score import LMRerank
    from reasoner.solvers.rag.reader import Reader

    class Never:
        def mean_logprobs(self, pairs):
            raise AssertionError("the LM was asked")

    q, hits = "what do I get if I'm let go early", _pages()
    plain = Reader(HashEmbedder()).read(q, hits)
    reading = Reader(HashEmbedder(), lm=LMRerank(LikelihoodScorer(Never()), band=(2.0, 3.0))).read(q, hits)
    assert [s.unit.text for s in reading.ranked] == [s.unit.text for s in plain.ranked] and "lm" not in reading.features
