"""Index a folder of documents (markdown, text, CSV, PDF, DOCX, HTML), then search it.

Indexing is incremental: run it twice and the second run embeds nothing.

    python examples/index_folder.py path/to/docs --index /tmp/docs-index
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reasoner import Reasoner

KB = Path(__file__).resolve().parent.parent / "kb"


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("folder", nargs="?", default=str(KB))
    p.add_argument("--index", default="indexes")
    p.add_argument("--query", default="vacation days")
    args = p.parse_args()

    r = Reasoner.build(args.folder, index_dir=args.index, progress=True)
    print("first run:")
    for label, value in r.last_report.rows():
        print(f"  {label}: {value}")

    report = r.index(progress=False)  # nothing changed: nothing is embedded again
    print("second run:")
    for label, value in report.rows():
        print(f"  {label}: {value}")

    print(f"top passages for {args.query!r}:")
    for hit in r.parts.index.search(args.query, k=3):
        print(f"  {hit.score:.2f}  {hit.chunk.source} > {hit.chunk.section}")
    r.close()


if __name__ == "__main__":
    main()
