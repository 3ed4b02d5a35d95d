"""The learned word-relation and plan scores (reasoner/solvers/graph/learned.py): the shipped
model, what it says of words that name a relation and of words that name none, and how it
caps the confidence of a plan whose hop no word names. Hand-made graph (test_new_graph's)."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import numpy as np
import pytest

from reasoner.controller import ACCEPT
from reasoner.graph import KnowledgeGraph
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.solvers.graph import GraphSolver, learned
from reasoner.solvers.graph.question import words_of
from reasoner.solvers.graph.solver import Plan, _confidence
from reasoner.text import wordnet as wordnet_module
from reasoner.types import Query

WN = wordnet_module.load()
MODEL = learned.load()
PLACES = [
    ("Ana_Lima", "born_in", "Porto_Vermelho"), ("Jon_Berg", "born_in", "Fjellby"),
    ("Porto_Vermelho", "located_in", "Lusania"), ("Fjellby", "located_in", "Nordmark"),
    ("Acme_Press", "founded_in", "1931"), ("Acme_Press", "headquartered_in", "Fjellby"),
    ("Birch_House", "founded_in", "1977"), ("Birch_House", "headquartered_in", "Porto_Vermelho"),
]


def kg_of(*triples: tuple[str, str, str]) -> KnowledgeGraph:
    """The graph of ``triples``, read from a triples file as a user would give it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "places.tsv"
        path.write_text("".join(f"{s}\t{r}\t{o}\n" for s, r, o in triples), encoding="utf-8")
        return KnowledgeGraph.from_triples_file(path, sep="\t")


def ask(solver: GraphSolver, text: str):
    return solver.estimate(Query(text)), None
needs_model = pytest.mark.skipif(MODEL is None, reason="confidence_model.json not shipped")


@needs_model
def test_the_shipped_model_reads_back_as_written():
    again = learned.from_dict(__import__("json").loads(MODEL.to_json()))
    assert again.word.shape == (len(learned.WORD_FEATURES) + len(learned.RELATION_FEATURES),)
    assert again.plan.shape == (len(learned.PLAN_FEATURES),)
    assert np.allclose(again.word, MODEL.word) and np.allclose(again.plan, MODEL.plan)
    assert 0.5 <= again.accept_at < 1.0 and again.trained_on


def test_without_the_model_the_scoring_confidence_stands():
    solver = GraphSolver(kg_of(*PLACES), HashEmbedder(), confidence="scoring")
    est, _ = ask(solver, "when was Acme Press founded?")
    assert solver.model is None and est.payload.reading is None
    assert est.confidence == _confidence(est.payload)


@needs_model
@pytest.mark.skipif(WN is None, reason="WordNet data not installed")
def test_a_word_naming_a_relation_scores_it_and_a_word_naming_none_scores_nothing(minilm):
    """"founded" names ``founded_in`` (its stem), "birthplace" ``born_in`` (WordNet, the sentence
    model); a made-up word names no relation: every score stays under one half."""
    solver = GraphSolver(kg_of(*PLACES), minilm)
    solver.warm()

    def named(text: str) -> dict[str, float]:
        plan = solver.plan(text)
        return plan.reading.named

    founded = named("when was Acme Press founded?")
    assert founded["founded_in"] >= learned.NAMED and max(v for r, v in founded.items() if r != "founded_in") < 0.5
    assert named("what is the birthplace of Ana Lima?")["born_in"] >= learned.NAMED
    assert max(named("what is the zorbulation of Acme Press?").values()) < learned.NAMED
    plan = solver.plan("what is the zorbulation of Acme Press?")
    assert plan.reading.unnamed([r for r, _ in plan.path]) and plan.reading.least_word < learned.NAMED
    per_word, per_rel, open_words, _ = solver.relation_inputs(words_of("when was Acme Press founded?"), plan.mention)
    assert per_word.shape[1:] == (len(solver.lexicon.relations), len(learned.WORD_FEATURES))
    assert per_rel.shape == (len(solver.lexicon.relations), len(learned.RELATION_FEATURES))
    assert open_words.shape == (per_word.shape[0],)


@needs_model
def test_a_hop_no_word_names_caps_the_confidence():
    """A plan leading the next by a margin the scoring accepts keeps the scoring's confidence when
    its hop is named; when the learned score says no word names it, the confidence is at most the
    plan score, which needs a wider lead than the scoring's (it was fitted to be as precise on
    graphs it had not seen as the scoring is on the graphs it was written for)."""
    solver = GraphSolver(kg_of(*PLACES), HashEmbedder())
    est, _ = ask(solver, "when was Acme Press founded?")
    plan: Plan = dataclasses.replace(est.payload, margin=0.3, score=1.5, unnamed=0, fit=1.0, hop_tie=False,
                                     end_fit=0.0)
    others = {r: 0.01 for r in solver.lexicon.relations}
    named = dataclasses.replace(plan, reading=learned.PlanReading({**others, "founded_in": 0.95}))
    guessed = dataclasses.replace(plan, reading=learned.PlanReading({**others, "founded_in": 0.02}, least_word=0.02))
    assert solver.confidence(named) == _confidence(named) >= ACCEPT
    assert solver.confidence(guessed) < ACCEPT
    sure = dataclasses.replace(guessed, margin=2.0)  # a lead that wide is kept even so
    assert solver.confidence(sure) >= ACCEPT


def test_an_equivalent_relation_names_the_hop():
    """Relations linking the same pairs ("reports to", ``manager``) count as one: the words of
    either name the hop, and neither is a relation the plan leaves out."""
    reading = learned.PlanReading({"manager": 0.3, "reports_to": 0.9, "team": 0.1},
                                  equivalents={"manager": ["reports_to"], "reports_to": ["manager"]})
    assert reading.of("manager") == 0.9 and not reading.unnamed(["manager"])
    x = learned.plan_features(0.6, 0.2, 1.5, ["manager"], 0, reading, 1.0, False, True, 1.0)
    left_out = x[learned.PLAN_FEATURES.index("max_left_out")]
    assert left_out == pytest.approx(learned.logit(0.1))
    assert learned.PlanReading({"team": 0.2}).unnamed(["team"])


@needs_model
def test_an_intersection_keeps_the_scoring_confidence():
    """"Which *Nordmark* city ...": an intersection's branch is read from its entity, which names
    no relation by a word; the cap reads chains only."""
    solver = GraphSolver(kg_of(*PLACES), HashEmbedder())
    est, _ = ask(solver, "when was Acme Press founded?")
    plan: Plan = dataclasses.replace(est.payload, margin=0.3, score=1.5, unnamed=0, fit=1.0, hop_tie=False,
                                     end_fit=0.0, reading=learned.PlanReading({r: 0.02 for r in solver.lexicon.relations}))
    both = dataclasses.replace(plan, also=[("Birch_House", (("founded_in", True),), {})])
    assert solver.confidence(plan) < ACCEPT <= solver.confidence(both) == _confidence(both)
