"""Entity linking without brackets: normalised longest match over node names and aliases.

Pure functions plus one small index class. The index maps normalised names to
nodes; a question is matched n-gram by n-gram, longest first, and a near miss
(one edit in a long name) is tried when nothing exact is found.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reasoner.graph.store import KnowledgeGraph
from reasoner.text import stopwords
from reasoner.text import wordnet as wordnet_module
from reasoner.text.tokens import fold, folded_words
from reasoner.text.wordnet import WordNet

MAX_NGRAM = 12
BRACKET_BONUS = 5.0  # a span the user put in [brackets] is the entity

STOPWORDS = stopwords.LINKING

_ARTICLES = ("the ", "a ", "an ")


def is_content_word(word: str) -> bool:
    """A normalised word that can carry meaning: not a stopword, longer than two letters."""
    return len(word) > 2 and word not in STOPWORDS


@dataclass(frozen=True)
class Mention:
    """A span of the question that names one or more graph nodes.

    Attributes:
        start, end: token span in the normalised question (end exclusive).
        text: the normalised matched text.
        nodes: candidate nodes (several when the name is ambiguous).
        score: how likely the span is a real mention (longer, rarer, capitalised: higher).
        exact: matched exactly (False for a one-edit fuzzy match).
    """

    start: int
    end: int
    text: str
    nodes: tuple[str, ...]
    score: float
    exact: bool = True

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end


class EntityIndex:
    """Normalised names and aliases of the graph's nodes.

    ``wordnet`` (default: the installed WordNet, if any) tells a common noun ("hours") from
    a name, for :func:`common_noun_use`.
    """

    def __init__(self, kg: KnowledgeGraph, wordnet: WordNet | None | str = "installed") -> None:
        self.wordnet = wordnet_module.load() if wordnet == "installed" else wordnet
        self.names: dict[str, list[str]] = {}
        self.max_len = 1
        for node in kg.graph.nodes:
            self._add(str(node), node)
            for alias in kg.aliases(node):
                self._add(alias, node)
        self._degree = {n: kg.graph.degree(n) for n in kg.graph.nodes}
        self._by_first: dict[str, list[str]] | None = None

    def _add(self, name: str, node: str) -> None:
        key = fold(name)
        if not key:
            return
        for variant in {
            key,
            *(key[len(a) :] for a in _ARTICLES if key.startswith(a) and len(key) > len(a) + 2),
        }:
            nodes = self.names.setdefault(variant, [])
            if node not in nodes:
                nodes.append(node)
        self.max_len = min(MAX_NGRAM, max(self.max_len, len(key.split())))

    def mentions(self, question: str, common: range | set[int] = range(0)) -> list[Mention]:
        """Every span of the question naming a node, best first.

        ``common``: word positions the question reads as a common noun (the noun it asks
        about: "how many *hours*"); a span over one of them is left out when
        :func:`common_noun_use` says the case agrees.
        """
        toks = folded_words(question)
        capital = _capitalised_words(question)
        marked = _bracketed(question)
        written = f" {_case_kept(question)} " if capital else ""
        as_written = _case_kept(question).split() if _has_case(question) else []
        if len(as_written) != len(toks):
            as_written = []  # a letter folding changed the word count: the case says nothing here
        found, common_use = [], set()
        for i in range(len(toks)):
            for j in range(min(len(toks), i + self.max_len), i, -1):
                key = " ".join(toks[i:j])
                nodes = self.names.get(key)
                if nodes and as_written and (any(k in common for k in range(i, j)) and common_noun_use(
                        as_written[i:j], nodes, self.wordnet) or common_phrase_use(as_written[i:j], nodes, self.wordnet)):
                    common_use.add((i, j))  # the phrase of the language: no typo of a name either
                    continue
                if nodes:
                    score = _span_score(toks[i:j], capital) + (BRACKET_BONUS if (i, j) in marked else 0.0)
                    found.append(Mention(i, j, key, self._order(_as_written(nodes, written)), score))
        if not any(m.score >= 1.0 for m in found):
            found.extend(m for m in self._fuzzy(toks, capital) if (m.start, m.end) not in common_use)
        found.sort(key=lambda m: (-m.score, m.start))
        return found

    def _order(self, nodes: list[str]) -> tuple[str, ...]:
        return tuple(sorted(nodes, key=lambda n: (-self._degree.get(n, 0), n)))

    def _fuzzy(self, toks: list[str], capital: set[str]) -> list[Mention]:
        """One-edit matches for spans of at least 8 characters (typos in names)."""
        if self._by_first is None:
            self._by_first = {}
            for key in self.names:
                if len(key) >= 8:
                    self._by_first.setdefault(key[:2], []).append(key)
        out = []
        for i in range(len(toks)):
            for j in range(min(len(toks), i + self.max_len), i, -1):
                span = " ".join(toks[i:j])
                if len(span) < 8 or all(t in STOPWORDS for t in toks[i:j]):
                    continue
                for key in self._by_first.get(span[:2], ()):
                    if abs(len(key) - len(span)) <= 1 and _one_edit(span, key):
                        score = _span_score(toks[i:j], capital) * 0.9
                        out.append(Mention(i, j, key, self._order(self.names[key]), score, exact=False))
        return out


def _has_case(question: str) -> bool:
    """Whether the question is written with case (some capital, not all capitals), so that a word
    written in lower case was meant in lower case."""
    return question != question.lower() and question != question.upper()


def common_noun_use(written: list[str], nodes: list[str], wordnet: WordNet | None) -> bool:
    """Whether a span the question writes in lower case, in a question written with case, is
    the common noun and not the names it matches: its one content word is a dictionary noun
    and every node it matches is written with a capital ("how many *hours* of annual leave"
    is not the film *The Hours* nor *Hours*; "what words describe *heist*" still names the
    tag ``heist``). Names that are not dictionary words ("tarantino") keep linking, and so
    does a question written all in lower case, whose case says nothing. The caller asks only
    for words the question reads as common nouns: "the *sales* team" names the team ``Sales``."""
    content = _lower_case_content(written, nodes, wordnet)
    return content is not None and len(content) == 1 and bool(wordnet.base_forms(content[0], "n"))


def common_phrase_use(written: list[str], nodes: list[str], wordnet: WordNet | None) -> bool:
    """Whether a span written in lower case, in a question written with case, is a phrase of
    the language and not the capitalised names it matches, wherever it stands: a dictionary
    compound ("which kind of leave covers *jury duty*" is not the film *Jury Duty*), or a
    dictionary noun that drops words of every name it matches ("in *hours*" is not *The
    Hours*). A lower-case word that is the whole of a name ("the *sales* team" for ``Sales``)
    is left to :func:`common_noun_use`, which asks for the noun the question is about."""
    content = _lower_case_content(written, nodes, wordnet)
    if content is None:
        return False
    if len(content) >= 2:
        return _common_noun("_".join(written), wordnet)
    if len(content) == 1 and _common_noun(content[0], wordnet):
        return all(len(str(n).split()) > len(written) for n in nodes)
    return False


def _lower_case_content(written: list[str], nodes: list[str], wordnet: WordNet | None) -> list[str] | None:
    """The content words of a span written all in lower case whose every node is written with a
    capital, or None when the case says nothing (or no WordNet is installed)."""
    if wordnet is None or any(w != w.lower() for w in written):
        return None
    if not all(any(c.isupper() for c in str(n)) for n in nodes):
        return None
    return [w for w in written if w not in STOPWORDS and not w.isdigit()]


def _common_noun(lemma: str, wordnet: WordNet) -> bool:
    """Whether WordNet's first noun meaning of ``lemma`` is a common noun, not an instance (a
    person, a place: "tarantino", "paris" are names whatever their case)."""
    senses = wordnet.senses(lemma, "n", max_senses=1)
    return bool(senses) and not any(symbol == "@i" for symbol, _, _ in senses[0].pointers)


def _case_kept(text: str) -> str:
    """``text`` folded as :func:`fold` does (accents, punctuation, possessive 's), case kept."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’]s\b", "", text).replace("&", " and ")
    return " ".join(re.findall(r"[A-Za-z0-9]+", text))


def _as_written(nodes: list[str], written: str) -> list[str]:
    """The nodes whose name the question writes as it is, capitals and article included, when
    some are and some are not: "what words describe *Heist*" means the film, not the tag
    "heist"; "the film *Interview*" means "Interview", not "The Interview". ``written``: the
    question as :func:`_case_kept` reads it, padded with spaces ("" when its case says nothing,
    as in a question written all in lower case)."""
    if not written or len(nodes) < 2:
        return nodes
    exact = [n for n in nodes if f" {_case_kept(str(n))} " in written]
    return exact if exact else nodes


def _bracketed(question: str) -> set[tuple[int, int]]:
    """Token spans the user marked as entities with [brackets]."""
    spans = set()
    for m in re.finditer(r"\[([^\[\]]+)\]", question):
        start = len(folded_words(question[:m.start()]))
        spans.add((start, start + len(folded_words(m.group(1)))))
    return spans


def _capitalised_words(question: str) -> set[str]:
    """Normalised words written with a capital inside the question (not its first word).

    Only informative when the question is not all lower or all upper case.
    """
    words = re.findall(r"[\w'’]+", question)
    if not words or question == question.lower() or question == question.upper():
        return set()
    return {fold(w) for w in words[1:] if w[:1].isupper() or w[:1].isdigit()}


def _span_score(span: list[str], capital: set[str]) -> float:
    """Longer spans score higher; spans of stopwords only score almost nothing."""
    content = [t for t in span if t not in STOPWORDS]
    if not content:
        if _title_cased(span, capital):  # "To Be or Not to Be", "I Do": a title of small words
            return len(" ".join(span)) / 10.0 + 1.0
        return 0.01 * len(span)
    score = len(" ".join(span)) / 10.0 + 0.5 * len(content)
    if capital and all(t in capital or t in STOPWORDS for t in span):
        score += 1.0
    return score


def _title_cased(span: list[str], capital: set[str]) -> bool:
    """Whether ``span`` (two words or more) is written as a title: its first and last words
    capitalised, and at least half of them."""
    if len(span) < 2 or not capital or span[0] not in capital or span[-1] not in capital:
        return False
    return 2 * sum(t in capital for t in span) >= len(span)


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion or substitution."""
    if a == b:
        return True
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]
