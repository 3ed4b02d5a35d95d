"""OpenMP's idle threads: a bounded spin, set before any OpenMP library loads.

llama.cpp's wheel and torch both use libgomp, which reads ``OMP_WAIT_POLICY`` and
``GOMP_SPINCOUNT`` once, when it is loaded, and both share one copy (the soname
``libgomp.so.1``): so ``import reasoner`` sets them (``apply``), unless the caller set
either, before anything imports torch or llama.cpp. A process that imported torch before
reasoner keeps the settings it had then.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, MutableMapping

# How long an idle OpenMP thread spins before it sleeps (libgomp's GOMP_SPINCOUNT, in spin
# iterations: some tens of microseconds). Decoding one token crosses a barrier per layer op, a
# few microseconds apart, so a thread that sleeps at each (OMP_WAIT_POLICY=PASSIVE) is woken
# hundreds of times per token, and one that spins forever (OpenMP's default) steals the cores of
# a loaded machine. Measured on 2 cores (benchmarks/notes/llm.md, session 9): 2 decode threads
# at 10,000 decoded 74.7 tokens/s against 46.1 for 1 (and 27.8 for 2 sleeping) on an idle
# machine, as fast as 1 (17.2 vs 17.6) beside 4 busy processes, where 2 sleeping threads
# decoded at half speed, and 0.80x of 1 (6.9 vs 8.5) beside 10 (load 11).
SPIN_COUNT = 10_000


def openmp_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The OpenMP settings to add before llama.cpp loads: a bounded spin, unless the caller set
    either variable itself (then nothing)."""
    if "OMP_WAIT_POLICY" in environ or "GOMP_SPINCOUNT" in environ:
        return {}
    return {"OMP_WAIT_POLICY": "ACTIVE", "GOMP_SPINCOUNT": str(SPIN_COUNT)}


def apply(environ: MutableMapping[str, str] | None = None) -> None:
    """Add ``openmp_environment`` to the process environment (or ``environ``)."""
    env = os.environ if environ is None else environ
    env.update(openmp_environment(env))
