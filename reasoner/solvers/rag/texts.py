"""The texts the reader embeds for one chunk, cut the same way at index and at query time.

The reader (``reader.py``) embeds, for every candidate of its hits (``units.py``), the
candidate alone (``Unit.text``), in its section (``Unit.in_context``) and, for its best few,
with the sentence before or after it in the chunk. All of them depend only on the chunk's
text, title and section, so ``chunk_texts`` lists them for the index to embed once
(``reasoner.retrieval.sentences``) and a question then embeds only itself.

A candidate repeated in an earlier hit is dropped at query time (``units_of_hits``), and its
neighbour is then read alone: that text is a candidate's own, listed here too.

Pure functions over strings; no model runs here.
"""

from __future__ import annotations

from collections.abc import Iterable

from reasoner.solvers.rag.units import Unit, units_of_hits
from reasoner.types import Chunk, Hit

# Raise when the texts the reader embeds change (``test_sentence_store`` fails until this module
# lists them again): an index records the version its sentence vectors were cut by, and the next
# ``reasoner index`` re-cuts them (embedding only the texts that are new).
VERSION = 1


def window(before: Unit | None, unit: Unit, after: Unit | None) -> tuple[str, str]:
    """The candidate read with the sentence before it and with the one after it (alone where it
    has none), as ``Reader._with_neighbours`` embeds them."""
    return (f"{before.text} {unit.text}" if before else unit.text,
            f"{unit.text} {after.text}" if after else unit.text)  # fmt: skip


def chunk_texts(chunk: Chunk, contexts: Iterable[tuple[str, str]] = ()) -> list[str]:
    """Every text the reader may embed for ``chunk``, each once, in reading order.

    ``contexts``: other (title, section) pairs the chunk is shown under (a chunk folded from
    several files is shown with the source a search matched); its own are always read.
    """
    out: dict[str, None] = {}
    units = units_of_hits([Hit(chunk, 0.0)])
    for i, u in enumerate(units):
        out[u.text] = None
        out[u.in_context] = None
        nxt = units[i + 1] if i + 1 < len(units) else None
        if nxt is not None and nxt.position == u.position + 1:
            out[window(u, nxt, None)[0]] = None  # u's "after" text is nxt's "before" text
    seen = {(chunk.title, chunk.section)}
    for title, section in contexts:
        if (title, section) in seen:
            continue
        seen.add((title, section))
        shown = Chunk(chunk.id, chunk.text, chunk.source, title, section)
        out.update(dict.fromkeys(u.in_context for u in units_of_hits([Hit(shown, 0.0)])))
    return list(out)
