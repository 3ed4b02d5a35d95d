"""Who may read a document: access declared with the documents, carried by everything built from them.

A document's access is the set of groups allowed to read it. It is declared, most
specific first:

1. YAML front matter of the page: ``access: [hr, leadership]``;
2. a mapping in ``reasoner.toml`` for files without front matter (CSV, PDF, DOCX,
   triples files): ``[access]`` then ``"hr/*.csv" = ["hr"]`` (the first glob that
   matches the file's path wins);
3. a ``.access`` file in a folder (one group per line or comma-separated; ``#``
   comments), applying to everything beneath it: the nearest one wins;
4. ``Config.default_access``: ``"everyone"`` by default, ``"nobody"`` for a
   fail-closed deployment where undeclared documents are readable by no one.

``everyone`` and ``nobody`` are the two reserved names. A caller is a set of groups,
or None for an unrestricted caller (a script, the admin) who sees everything.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import PurePosixPath
from typing import Any

EVERYONE = "everyone"
NOBODY = "nobody"
ACCESS_FILE = ".access"
PUBLIC: tuple[str, ...] = (EVERYONE,)

Access = tuple[str, ...]  # sorted group names


def normalise(groups: Iterable[str]) -> Access:
    """Sorted, lower-cased, de-duplicated group names (empty: nobody)."""
    names = sorted({g.strip().lower() for g in groups if g and g.strip()})
    if EVERYONE in names:
        return PUBLIC
    return tuple(names) or (NOBODY,)


def parse_groups(value: Any) -> Access | None:
    """Groups from a front-matter or settings value: a list, or a comma-separated string."""
    if value is None:
        return None
    if isinstance(value, str):
        return normalise(value.replace("\n", ",").split(","))
    if isinstance(value, (list, tuple, set)):
        return normalise(str(v) for v in value)
    return None


def parse_access_file(text: str) -> Access:
    """A ``.access`` file: group names one per line or comma-separated, ``#`` starts a comment."""
    names: list[str] = []
    for line in text.splitlines():
        names += line.split("#", 1)[0].split(",")
    return normalise(names)


def dumps(access: Access) -> str:
    return json.dumps(list(access))


def loads(text: str | None) -> Access:
    if not text:
        return PUBLIC
    try:
        return normalise(json.loads(text))
    except (ValueError, TypeError):
        return (NOBODY,)  # unreadable access data: fail closed


def visible(access: Access, groups: frozenset[str] | None) -> bool:
    """Whether a caller in ``groups`` may read something with ``access`` (None: unrestricted)."""
    if groups is None or EVERYONE in access:
        return True
    return NOBODY not in access and bool(groups.intersection(access))


def allowed(requirements: Iterable[Access], groups: frozenset[str] | None) -> bool:
    """A caller may see an answer only if they may read everything it rests on."""
    return all(visible(a, groups) for a in requirements)


def caller(groups: Iterable[str] | str | None) -> frozenset[str] | None:
    """The groups of a caller as the engine keeps them (None stays unrestricted)."""
    if groups is None:
        return None
    if isinstance(groups, str):
        groups = groups.split(",")
    return frozenset(g.strip().lower() for g in groups if g.strip())


@dataclass
class AccessRules:
    """The path-based declarations of one knowledge base (front matter is read per document)."""

    default: Access = PUBLIC
    mapping: list[tuple[str, Access]] = field(default_factory=list)
    folders: dict[str, Access] = field(default_factory=dict)  # "" for the KB root

    @classmethod
    def from_settings(cls, default: str, mapping: Mapping[str, Any], folders: Mapping[str, str]) -> AccessRules:
        """Rules from ``Config.default_access``, ``Config.access`` and the ``.access`` files' texts."""
        rules = [(glob, parse_groups(groups) or (NOBODY,)) for glob, groups in mapping.items()]
        return cls(parse_groups(default) or PUBLIC, rules, {d: parse_access_file(t) for d, t in folders.items()})

    def for_path(self, source: str) -> Access:
        """Access of a file from the settings mapping, else the nearest ``.access``, else the default."""
        for glob, access in self.mapping:
            if fnmatchcase(source, glob) or fnmatchcase(source, glob.replace("**/", "")):
                return access
        folder = PurePosixPath(source).parent
        while True:
            key = "" if str(folder) == "." else str(folder)
            if key in self.folders:
                return self.folders[key]
            if not key:
                return self.default
            folder = folder.parent

    def for_document(self, source: str, metadata: Mapping[str, Any]) -> Access:
        """The front matter's ``access`` when the document declares one, else ``for_path``."""
        declared = parse_groups(metadata.get("access")) if metadata else None
        return declared or self.for_path(source)

    def key(self) -> str:
        """A digest of the rules: a change re-links every file whose access it changes."""
        return json.dumps([self.default, self.mapping, sorted(self.folders.items())])
