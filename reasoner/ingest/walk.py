"""One walk of the knowledge base: which files there are, by "/"-separated relative path.

The chunk index walks the folder once per run and records a content fingerprint
of every file it saw (``IndexReport.fingerprints``); the graph consumes that
report instead of walking and hashing the folder again.

Nothing outside the folder is read unless asked for: a link (to a file or a folder)
whose target resolves outside the knowledge base is skipped and reported, so that
``leak.md -> /etc/passwd`` never becomes a searchable chunk.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ACCESS_FILE = ".access"  # a folder's access declaration (see reasoner.ingest.access)
OUTSIDE = "a link to something outside the knowledge base (not read; allow it with Config.follow_outside_links)"


@dataclass
class Walk:
    """What one walk found: readable files, and what it skipped with the reason."""

    files: dict[str, Path] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    access_files: dict[str, Path] = field(default_factory=dict)  # folder ("" = root) -> its .access file


def walk(kb_dir: Path, exclude: Iterable[Path] = (), *, follow_outside_links: bool = False) -> Walk:
    """Files under ``kb_dir`` by relative "/" path; hidden files and ``exclude`` folders skipped.

    A link inside the folder to a place inside it is skipped quietly when it is a folder (its
    files are found under their real path) and read when it is a file; a link whose target
    lies outside is skipped and reported unless ``follow_outside_links``. Link loops end.
    """
    root = kb_dir.resolve()
    excluded = {p.resolve() for p in exclude}
    out = Walk()
    seen: set[Path] = set()
    for base, dirs, files in os.walk(kb_dir, followlinks=follow_outside_links):
        bp = Path(base)
        real = bp.resolve()
        if real in seen:  # a link loop, or a folder reached twice through links
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if _keep_dir(bp / d, kb_dir, root, excluded, follow_outside_links, out))
        for name in sorted(files):
            if name == ACCESS_FILE:
                folder = bp.relative_to(kb_dir).as_posix()
                out.access_files["" if folder == "." else folder] = bp / name
            elif not name.startswith("."):
                _add_file(bp / name, kb_dir, root, follow_outside_links, out)
    return out


def _keep_dir(path: Path, kb_dir: Path, root: Path, excluded: set[Path], follow: bool, out: Walk) -> bool:
    if path.name.startswith(".") or path.resolve() in excluded:
        return False
    if not path.is_symlink():
        return True
    inside = path.resolve().is_relative_to(root)
    if not inside and not follow:
        out.skipped.append((path.relative_to(kb_dir).as_posix(), OUTSIDE))
    return follow and not inside


def _add_file(path: Path, kb_dir: Path, root: Path, follow: bool, out: Walk) -> None:
    rel = path.relative_to(kb_dir).as_posix()
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling link or a loop of links
        out.skipped.append((rel, "a broken link"))
        return
    if not follow and not target.is_relative_to(root):
        out.skipped.append((rel, OUTSIDE))
        return
    out.files[rel] = path


def fingerprint(data: bytes) -> str:
    """The content fingerprint both the index and the graph record (SHA-1 of the bytes)."""
    return hashlib.sha1(data).hexdigest()
