"""The shared text tools: tokens, stopword variants, stemmers, number words and numerals."""

from fractions import Fraction

import pytest

from reasoner.text import numbers, stopwords
from reasoner.text.stem import inflection_stem, snowball, stem_match, suffix_stem
from reasoner.text.tokens import Token, clause_tokens, fold, folded_words, word_tokens


def test_word_tokens_lowercase_and_apostrophes():
    assert word_tokens("Don't STOP, it's 2024!") == ["don't", "stop", "it's", "2024"]
    assert word_tokens("Ann’s day") == ["ann's", "day"]
    assert word_tokens("Ann’s day", fold_apostrophes=False) == ["ann’s", "day"]


def test_fold_removes_accents_case_possessives_and_punctuation():
    assert fold("Café Müller's  Q&A!") == "cafe muller q and a"
    assert folded_words("Kingdom_of_England") == ["kingdom", "of", "england"]


def test_clause_tokens_keep_punctuation_and_split_negation_and_possessive():
    toks = clause_tokens("Isn't Acme's CEO, 50%?")
    assert [t.norm for t in toks] == ["is", "n't", "acme", "'s", "ceo", ",", "50", "percent"]
    assert toks[2] == Token("Acme", "acme")


def test_suffix_stem_matches_plural_and_tense():
    assert suffix_stem("days") == suffix_stem("day")
    assert suffix_stem("policies") == "policy"
    assert suffix_stem("hiring") == "hir"
    assert suffix_stem("quickly") == "quick"


def test_suffix_stem_keeps_short_words_and_double_s():
    assert suffix_stem("is") == "is"
    assert suffix_stem("class") == "class"


def test_inflection_stem_strips_inflections_only():
    assert {inflection_stem(w) for w in ("reports", "reporting", "reported")} == {"report"}
    assert inflection_stem("policies") == "policy"
    assert inflection_stem("quickly") == "quickly"  # not an inflection
    assert inflection_stem("status") == "status"


def test_snowball_stems_like_the_lexical_index():
    assert snowball(["running", "policies"]) == ["run", "polici"]


def test_stopword_variants_differ_where_intended():
    base = stopwords.FUNCTION_WORDS
    assert base <= stopwords.GROUNDING and base <= stopwords.LINKING and base <= stopwords.GUARD
    assert "more" in stopwords.LINKING and "more" not in stopwords.GUARD  # "more" flips a question
    assert "when" in stopwords.GROUNDING and "when" not in stopwords.LINKING  # a date relation hint
    assert "please" in stopwords.GUARD and "the" in stopwords.bm25()


@pytest.mark.parametrize(
    ("words", "start", "expected"),
    [
        ("two hundred and five apples", 0, (205, 4)),
        ("one thousand two hundred", 0, (1200, 4)),
        ("a hundred", 1, (100, 2)),
        ("and five", 0, (0, 0)),  # "and" cannot start a run
        ("ninety nine and", 0, (99, 2)),  # a trailing "and" is not read
    ],
)
def test_accumulate_reads_runs_of_number_words(words, start, expected):
    units = {**numbers.UNITS, **numbers.TENS}
    assert numbers.accumulate(words.split(), start, units, numbers.SCALES) == expected


def test_accumulate_reads_numerals_when_asked():
    units = {**numbers.UNITS, **numbers.TENS}
    assert numbers.accumulate(["3", "hundred", "and", "4"], 0, units, numbers.SCALES, digits=True) == (304, 4)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,299", Fraction(1299)), ("-2.5", Fraction(-5, 2)), ("3/4", Fraction(3, 4)), ("$40", Fraction(40)),
     ("25%", Fraction(25)), ("3/0", None), ("abc", None), (None, None), ("1,29", None)],
)
def test_parse_number(text, value):
    assert numbers.parse_number(text) == value


def test_fold_names_as_linking_matches_them():
    assert fold("Schindler's List") == "schindler list"
    assert fold("Peter Franzén") == "peter franzen"
    assert fold("Spider-Man: Homecoming!") == "spider man homecoming"
    assert fold("R&D") == "r and d"


def test_stem_match():
    assert stem_match("acted", "actors")
    assert stem_match("director", "directed")
    assert stem_match("screenwriter", "written")
    assert stem_match("genres", "genre")
    assert not stem_match("many", "manager")
    assert not stem_match("the", "team")
    # three shared letters need an inflection after them on both sides: "top" is no "topic"
    assert stem_match("act", "acted") and stem_match("ages", "aged") and stem_match("age", "aged")
    assert not stem_match("topics", "top")
    assert not stem_match("acted", "action")
