"""Function words: one base list and the variants each reader needs, with the reason.

A word that carries no content for one job carries it for another: "more" and "same"
are noise to entity linking but flip the meaning of a question for the memory guard;
"when" and "where" ask for a date or a place, which the graph reads as a hint of
the relation. So every reader takes a named variant from here, never a list of its own.
"""

from __future__ import annotations

from functools import lru_cache

FUNCTION_WORDS = frozenset(
    """a about after against all also am an and any are as at be because been before being between both
    but by can could did do does doing down during each for from had has have having he her here him his
    how i if in into is it its just me my no nor not of off on only or our out over she should so some
    than that the their them then there these they this those through to too under until up very was we
    were what which while who whom why will with would you your""".split()
)

# Degree, sameness and position words: function words in a sentence, but a question that
# swaps "more" for "less" or "same" for "other" asks something else (the guard keeps them).
DEGREE_WORDS = frozenset("above again below few further more most once other own same such".split())
_PRONOUNS_MORE = frozenset("hers itself ours theirs yours".split())
_REFLEXIVES = frozenset("herself himself myself ourselves themselves yourself yourselves".split())

# Grounding and extraction (rag): an answer's content terms; modal verbs, "per", "via" and
# the wh-adverbs say nothing a source must contain.
GROUNDING = (
    FUNCTION_WORDS | DEGREE_WORDS | _PRONOUNS_MORE | _REFLEXIVES
    | frozenset("etc may might must now one's per s shall t via when where yes".split())
)

# Entity linking and relation words (graph): "when"/"where" stay words (they hint at a date
# or a place relation); quantity words ("many", "much") and "whose" are not names.
LINKING = FUNCTION_WORDS | DEGREE_WORDS | _PRONOUNS_MORE | frozenset("done either every many much whatever whose".split())

# The memory guard: never entities or role anchors. Request verbs ("tell", "list") and
# discourse words are noise; degree words are not (see DEGREE_WORDS), nor are reflexives.
GUARD = FUNCTION_WORDS | frozenset(
    """'s across along already although among around despite done either even every find give hence
    however list many may meanwhile might mine much must name near never onto per please say shall show
    since still tell therefore though thus till toward towards unless upon us via when where whereas
    whether whose within without yet""".split()
)


@lru_cache(maxsize=1)
def bm25() -> frozenset[str]:
    """The lexical index's stop words: bm25s's short English list (the index was built with it)."""
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)
