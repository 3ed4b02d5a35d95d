"""Access declarations: front matter, .access files (nearest wins), the settings mapping, the default."""

from __future__ import annotations

from reasoner.ingest.access import (
    NOBODY,
    PUBLIC,
    AccessRules,
    allowed,
    caller,
    parse_access_file,
    parse_groups,
    visible,
)


def test_groups_are_parsed_from_lists_and_strings():
    assert parse_groups(["HR", " leadership ", "hr"]) == ("hr", "leadership")
    assert parse_groups("hr, legal") == ("hr", "legal")
    assert parse_groups(["hr", "everyone"]) == PUBLIC
    assert parse_groups(None) is None and parse_groups([]) == (NOBODY,)
    assert parse_access_file("legal  # the legal team\nhr, finance\n") == ("finance", "hr", "legal")


def test_the_most_specific_declaration_wins():
    rules = AccessRules.from_settings("everyone", {"sales/*.csv": ["sales"]},
                                      {"": "staff", "legal": "legal", "legal/old": "archive"})  # fmt: skip
    assert rules.for_path("sales/products.csv") == ("sales",)
    assert rules.for_path("legal/old/case.md") == ("archive",)
    assert rules.for_path("legal/case.md") == ("legal",)
    assert rules.for_path("readme.md") == ("staff",)
    assert rules.for_document("legal/case.md", {"access": ["hr"]}) == ("hr",)
    assert AccessRules.from_settings("nobody", {}, {}).for_path("x.md") == (NOBODY,)


def test_visibility():
    assert visible(PUBLIC, frozenset({"any"})) and visible(("hr",), None)
    assert visible(("hr", "legal"), frozenset({"legal"})) and not visible(("hr",), frozenset({"legal"}))
    assert not visible((NOBODY,), frozenset({"nobody"})) and visible((NOBODY,), None)
    assert allowed([("hr",), ("legal",)], frozenset({"hr", "legal"}))
    assert not allowed([("hr",), ("legal",)], frozenset({"hr"}))
    assert caller("HR, legal") == frozenset({"hr", "legal"}) and caller(None) is None
