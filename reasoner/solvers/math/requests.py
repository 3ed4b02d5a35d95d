"""Building the canonical question of an operation from a question's objects (for :mod:`.meaning`).

Each operation has slots: the objects fill them in order of their roles (definitions become "Let ...",
facts "Suppose ..."), and the few words that parametrise an operation are read from the question itself:
an ordinal, a direction of size (WordNet base forms), a digit's place, decimal places, a root's order,
"positive", the operand after "by". A request whose objects do not fill the slots exactly gives None.
Pure, no SymPy, no embedder.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from reasoner.errors import ParseError
from reasoner.solvers.math import tree
from reasoner.solvers.math.objects import Masked, Obj
from reasoner.solvers.math.words import ordinal

ORDERED = {"remainder": ("a", "b"), "is_factor": ("d", "n")}

@dataclass(frozen=True)
class Choice:
    """The operation the nearest frames name, how close they are and by how much they lead."""

    kind: str
    similarity: float
    margin: float
    member: str = ""  # the nearest frame's own operation, within a family



# ---------------------------------------------------------------- words that parametrise an operation

_BIG = {"big", "large", "great", "high", "much", "many", "top", "max", "maximum"}
_SMALL = {"small", "little", "low", "few", "least", "less", "bottom", "min", "minimum"}
UP = {"increasing", "ascending", "up", "upward", "upwards"}
DOWN = {"decreasing", "descending", "down", "downward", "downwards"}
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?|\d+(?:st|nd|rd|th)\b")
_PLACE = re.compile(
    r"\b((?:hundred[- ]|ten[- ])?(?:thousands?|millions?|billions?)|units?|ones|tens|hundreds)(?: digit| place| position)?\b", re.I
)


def words_of(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


@functools.lru_cache(maxsize=4096)
def modifier_forms(word: str) -> frozenset[str]:
    """``word`` with its WordNet base forms as an adjective and as an adverb ("largest" -> large)."""
    from reasoner.text.wordnet import load

    wn = load()
    out = {word}
    if wn is not None:
        for pos in ("a", "r"):
            out.update(wn.base_forms(word, pos))
    return frozenset(out)


def size_of(word: str) -> int:
    """+1 for a word of bigness ("largest", "higher"), -1 for one of smallness, 0 otherwise."""
    forms = modifier_forms(word)
    if forms & _BIG:
        return 1
    if forms & _SMALL:
        return -1
    return 0


def _sizes(text: str) -> list[int]:
    return [s for s in (size_of(w) for w in words_of(text)) if s]


def _ordinals(text: str) -> list[int]:
    out = []
    for w in words_of(text):
        try:
            out.append(ordinal(w))
        except ParseError:
            continue
    return out


def _times(text: str) -> int | None:
    """How many times an operation is repeated: "twice", "three times", a "second" derivative."""
    from reasoner.solvers.math.words import number_word

    words = words_of(text)
    counts = [{"once": 1, "twice": 2, "thrice": 3}[w] for w in words if w in ("once", "twice", "thrice")]
    for i, w in enumerate(words[:-1]):
        if words[i + 1] == "times":
            try:
                counts.append(number_word(w))
            except ParseError:
                continue
    counts += _ordinals(text)
    if len(counts) > 1:
        return None
    return counts[0] if counts else 1



# ---------------------------------------------------------------- building the canonical question

_ORD_WORD = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}


def _setups(objs: list[Obj]) -> str:
    """Definitions and facts in order: "Let v = 3." / "Let f(x) = ..." / "Suppose A, B."."""
    out: list[str] = []
    facts: list[str] = []
    defined: set[str] = set()
    for o in objs:
        name = o.text.split("=", 1)[0].strip()
        if o.kind == "def" and name not in defined:
            defined.add(name)
            if facts:
                out.append("Suppose " + ", ".join(facts) + ".")
                facts = []
            out.append(f"Let {o.text}.")
        else:
            facts.append(o.text)
    if facts:
        out.append("Suppose " + ", ".join(facts) + ".")
    return " ".join(out)


def _list_text(o: Obj) -> str:
    return ", ".join(o.items) if o.kind == "list" else o.text


def _items(values: list[Obj]) -> Obj | None:
    """The one list (or options) of a request."""
    if len(values) == 1 and values[0].kind in ("list", "options"):
        return values[0]
    return None


def build(kind: str, m: Masked, choice: Choice) -> str | None:
    """The canonical question of operation ``kind`` with the objects of ``m``, or None."""
    objs = list(m.objects)
    if any(o.kind == "bag" for o in objs):
        return None
    if _undefined_calls(objs):
        return None  # "Let w(j) be the third derivative of ...": a definition in words is not read here
    if kind == "solve":
        return _build_solve(objs, m.text)
    if kind == "value" and not any(o.kind not in ("def", "eq") for o in objs):
        return _build_evaluate(objs)
    positive = frozenset()
    if kind == "simplify_pos":  # "Given i > 0, simplify E": the inequality says which name is positive
        positive = frozenset(_positive(o) for o in objs if _positive(o))
        objs = [o for o in objs if not _positive(o)]
    setups = [o for o in objs if o.kind == "def" or o.kind == "eq"]
    values = [o for o in objs if o.kind not in ("def", "eq")]
    lead = _setups(setups)
    q = _request(kind, values, m.text, choice, positive)
    if q is None:
        return None
    return f"{lead} {q}".strip()


_CALL = re.compile(r"(?<![A-Za-z])([A-Za-z])\(")
_FUNCTION = re.compile(r"^([A-Za-z])\(([a-z])\) = ")


def _positive(o: Obj) -> str:
    """The name that "i > 0" or "0 < i" says is positive, else ""."""
    rel = o.value
    if o.kind != "eq" or not hasattr(rel, "op"):
        return ""
    zero = tree.Num("0")
    if rel.op == ">" and isinstance(rel.left, tree.Name) and rel.right == zero:
        return rel.left.id
    if rel.op == "<" and rel.left == zero and isinstance(rel.right, tree.Name):
        return rel.right.id
    return ""


def _build_evaluate(objs: list[Obj]) -> str | None:
    """"Evaluate f(x) = E at x = 27", "Plug m = -7 into q(m) = E": one function, and one definition of its
    argument's name, which is the point (a definition of a name the function does not take stays a setup)."""
    funcs = [(o, _FUNCTION.match(o.text)) for o in objs if o.kind == "def" and _FUNCTION.match(o.text)]
    if len(funcs) != 1:
        return None
    func, head = funcs[0]
    name, arg = head.group(1), head.group(2)
    points = [o for o in objs if o.kind == "def" and o.text.split("=", 1)[0].strip() == arg]
    if len(points) != 1 or objs[-1] not in (func, points[0]) or objs[-2:] != sorted((func, points[0]), key=objs.index):
        return None
    point = points[0].text.split("=", 1)[1].strip()
    if re.search(rf"(?<![A-Za-z]){arg}(?![A-Za-z])", point):
        return None
    rest = [o for o in objs if o is not func and o is not points[0]]
    return f"{_setups(rest)} Let {func.text}. What is {name}({point})?".strip()


def _undefined_calls(objs: list[Obj]) -> set[str]:
    """Function names used by the objects that no definition among them defines."""
    defined = {o.text[0] for o in objs if o.kind == "def" and re.match(r"^[A-Za-z]\([a-z]\) =", o.text)}
    used = {m.group(1) for o in objs for m in _CALL.finditer(o.text)}
    return used - defined


_ZERO = re.compile(r"\b(?:zero|vanish(?:es)?)\b", re.I)


def _build_solve(objs: list[Obj], text: str = "") -> str | None:
    exprs = [o for o in objs if o.kind == "expr"]
    if len(exprs) == 1 and objs[-1] is exprs[0] and _ZERO.search(text[exprs[0].end :]):
        # "Find all c that make E equal to zero", "For which h is E zero?": the equation E = 0
        from reasoner.solvers.math.parser import Relation

        o = exprs[0]
        objs = objs[:-1] + [Obj("eq", f"{o.text} = 0", o.start, o.end, value=Relation(o.value, "=", tree.Num("0")))]
    names = [o for o in objs if o.kind == "var"]
    eqs = [o for o in objs if o.kind in ("eq", "def")]
    if len(names) > 1 and eqs and names[-1].start > eqs[-1].end:
        # "There are two unknowns, i and b, with E1 and E2. What is i?": the names before the equations that
        # the equations use are mentioned, the one after them is asked
        used = set().union(*(tree.names(o.value.left) | tree.names(o.value.right) for o in eqs if o.value is not None))
        mentioned = [o for o in names[:-1] if o.end < eqs[0].start]
        if len(mentioned) == len(names) - 1 and all(o.text in used for o in mentioned):
            objs = [o for o in objs if o not in mentioned]
            names = names[-1:]
    if len(names) > 1 or not eqs or any(o.kind not in ("var", "eq", "def") for o in objs):
        return None
    # the equations that hold the unknown are solved; those before them are the setup
    if names:
        var = names[0].text
        eqs = [_as_eq(o) if o.kind == "def" and o.text.split("=", 1)[0].strip() == var else o for o in eqs]
        target = [o for o in eqs if o.kind == "eq" and var in tree.names(o.value.left) | tree.names(o.value.right)]
    else:
        target = [o for o in eqs if o.kind == "eq"]
        unknown = set().union(*(tree.names(o.value.left) | tree.names(o.value.right) for o in target)) if target else set()
        if len(unknown) != 1:
            return None
        var = unknown.pop()
    if not target or target[-1] is not eqs[-1] and eqs[-1].kind == "eq":
        return None
    first = eqs.index(target[0])
    if any(o not in target for o in eqs[first:]):
        return None
    lead = _setups(eqs[:first])
    return f"{lead} Solve {', '.join(o.text for o in target)} for {var}.".strip()


def _as_eq(o: Obj) -> Obj:
    from reasoner.solvers.math.parser import parse_relation

    return Obj("eq", o.text, o.start, o.end, value=parse_relation(o.text))


def _one_value(values: list[Obj]) -> str | None:
    if len(values) == 1 and values[0].kind in ("num", "expr", "var"):
        return values[0].text
    return None


def _two(values: list[Obj]) -> list[str] | None:
    if len(values) == 1 and values[0].kind == "list" and len(values[0].items) == 2:
        return list(values[0].items)
    if len(values) == 2 and all(v.kind in ("num", "expr", "var") for v in values):
        return [v.text for v in values]
    return None


# An auxiliary verb opening a clause asks yes or no, unless "you" follows: "Can you evaluate ..." is a request.
_YES_NO = re.compile(
    r"(?:^|[,:;.?!] |\b(?:me|check|see|know|say) )(?:is|are|does|do|can|could|would|will|was|were|has|have)\b(?! you\b)",
    re.I,
)
_YES_NO_KINDS = {"is_prime", "is_factor", "parity"}
_BASE_WORDS = re.compile(r"\bbase\b|\bbinary\b|\boctal\b|\bhex", re.I)
_TERM_VAR = re.compile(r"\b([a-z])(?:'|-| ?)th\b|\bterm (?:number )?([a-z])\b|\bin terms of ([a-z])\b")
_BY = re.compile(r"\b(?:by|mod|modulo)\s*$", re.I)
_INTO = re.compile(r"\binto\s*$", re.I)
_DIVIDES = re.compile(r"^\s*(?:divides?|evenly divides?|exactly divides?)\s*$", re.I)


_LAST_DIGIT = re.compile(r"\b(?:last|final|rightmost|right-most|end) digit\b", re.I)
_WH = re.compile(r"\b(?:what|which|how|where|when|who)\b", re.I)
_WHETHER = re.compile(r"\b(?:whether|true or false|or not|yes or no)\b|\b(?:tell me|know|see|check|say|wonder) if\b", re.I)


def yes_no(text: str) -> bool:
    """A yes/no question: "whether", or an auxiliary first with no wh-word ("Could you tell me what ..."
    asks a value)."""
    return bool(_WHETHER.search(text)) or (bool(_YES_NO.search(text)) and not _WH.search(text))


def _request(kind: str, values: list[Obj], text: str, choice: Choice, positive: frozenset = frozenset()) -> str | None:
    if (kind in _YES_NO_KINDS) != yes_no(text) or _BASE_WORDS.search(text):
        return None  # a yes/no operation asked as a yes/no question, and the rest not
    one = _one_value(values)
    if kind in ("factor", "expand", "collect") and one:
        return {"factor": "Factor {}.", "expand": "Expand {}.", "collect": "Collect the terms in {}."}[kind].format(one)
    if kind == "value" and one and values[0].kind == "expr":
        return f"What is {one}?"
    if kind == "value" and values:
        return _arithmetic_phrase(values, text)
    if kind == "prime_factors" and one:
        # "Factor 60 into primes", "Break 90 into its prime factors": a decomposition (2*3*3*5), not the list
        return None if re.search(r"\binto\b", text, re.I) else f"What are the prime factors of {one}?"
    if kind == "is_prime" and one:
        return f"Is {one} {'composite' if 'composite' in words_of(text) else 'prime'}?"
    if kind == "place" and one:
        places = {_plural(p.group(1).lower().replace("-", " ")) for p in _PLACE.finditer(text)}
        if not places and _LAST_DIGIT.search(text):
            places = {"units"}  # the last digit of a number is its units digit
        return f"What is the {places.pop()} digit of {one}?" if len(places) == 1 else None
    if kind in ("gcd", "lcm"):
        pair = _two(values)
        if not pair:
            return None
        name = "greatest common divisor" if kind == "gcd" else "lowest common multiple"
        return f"What is the {name} of {pair[0]} and {pair[1]}?"
    if kind in ORDERED:
        return _ordered(kind, values, text)
    if kind == "coeff_named":
        return _coefficient(values)
    if kind in ("next_term", "nth_term"):
        return _sequence(kind, values, text)
    if kind == "diff":
        exprs = [v for v in values if v.kind == "expr"]
        names = [v.text for v in values if v.kind == "var"]
        times = _times(text)
        if len(exprs) != 1 or len(names) > 1 or times is None or times > 6 or len(values) != len(exprs) + len(names):
            return None
        wrt = f" wrt {names[0]}" if names else ""
        return f"What is the {_ORD_WORD[times]} derivative of {exprs[0].text}{wrt}?"
    if kind == "order":
        first = _size_first(text)
        if first is not None:  # "Sort L, largest first": an arrangement, whatever the nearest frame was
            seq = _items(values)
            if seq is None or seq.kind != "list" or len(_ordinals(text)) > 1:
                return None
            return f"Sort {_list_text(seq)} in {'decreasing' if first > 0 else 'increasing'} order."
        # "Which is largest?" is a pick; a sort with an ordinal ("what's the second one") is one too
        if choice.member == "kth" or _ordinals(text):
            return _kth(values, text)
        return _request("sort", values, text, choice)
    if kind == "sort":
        seq = _items(values)
        if seq is None or seq.kind != "list" or _ordinals(text):
            return None
        return f"Sort {_list_text(seq)} in {_sort_direction(text)} order." if _sort_direction(text) else None
    if kind == "kth":
        return _kth(values, text)
    if kind == "closest":
        return _closest(values)
    if kind == "simplify_pos":
        return _simplify_positive(values, text, positive)
    if kind == "round":
        return _round(values, text)
    return None


_WORD_SPAN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"[.?!;:](?:\s|$)")
# What is left after a division is its remainder, not its quotient ("What's left over when you divide A by B?").
_LEFT_OVER = re.compile(r"\b(?:left|leftover|remain\w*)\b", re.I)
_BACK, _AHEAD = 6, 3  # words an operation phrase may reach before its first operand and after its last


def _arithmetic_phrase(values: list[Obj], text: str) -> str | None:
    """Operands joined by operation words ("the product of A and B", "take A away from B"), the words found
    around them by the phrase grammar itself: the spans from up to six words before the first operand to up
    to three after the last, within one sentence, that parse as one expression of every operand. Answered only
    when every such span means the same expression."""
    from reasoner.solvers.math.phrases import phrase

    if any(v.kind not in ("num", "expr", "list") for v in values) or sum(len(v.items) or 1 for v in values) < 2:
        return None
    start, end = values[0].start, values[-1].end
    if _SENTENCE_END.search(text[start:end]):
        return None
    head = text[:start]
    head = head[max((m.end() for m in _SENTENCE_END.finditer(head)), default=0) :]
    tail = text[end:]
    tail = tail[: next((m.start() for m in _SENTENCE_END.finditer(tail)), len(tail))]
    befores = [m.start() for m in _WORD_SPAN.finditer(head)][-_BACK:]
    afters = [m.end() for m in _WORD_SPAN.finditer(tail)][:_AHEAD]
    found: dict[str, str] = {}
    for b in [len(head), *reversed(befores)]:
        for a in [0, *afters]:
            span = (head[b:] + text[start:end] + tail[:a]).strip()
            try:
                node = phrase(span)
            except (ParseError, RecursionError):
                continue
            if not isinstance(node, tree.Bin) or not _uses_all(node, values):
                continue
            found.setdefault(tree.canonical(node), span)
    if len(found) != 1:
        return None
    key, span = found.popitem()
    if "/" in key and _LEFT_OVER.search(text):
        return None
    return f"What is {span}?"


def _uses_all(node: object, values: list[Obj]) -> bool:
    """Every operand's number occurs in the parsed expression."""
    from reasoner.solvers.math.parser import parse

    have = tree.canonical(node)
    for item in (i for v in values for i in (v.items or (v.text,))):
        try:
            want = tree.canonical(parse(item))
        except ParseError:
            return False
        if want.lstrip("-") not in have:
            return False
    return True


def _ordered(kind: str, values: list[Obj], text: str) -> str | None:
    """Remainder and divisibility: the divisor is the operand after "by" ("dividing d by u")."""
    if len(values) != 2 or not all(v.kind in ("num", "expr", "var") for v in values):
        return None
    between = text[values[0].end : values[1].start]
    after = [i for i, v in enumerate(values) if _BY.search(text[: v.start])]
    into = [i for i, v in enumerate(values) if _INTO.search(text[: v.start])]
    if len(after) == 1 and not into:
        d = after[0]  # "divided by u", "dividing d by u", "mod 17"
    elif len(into) == 1 and not after:
        d = 1 - into[0]  # "does 560 go into 123237": what goes into the other divides it
    elif not after and not into and _DIVIDES.search(between):
        d = 0  # "does 13 divide k"
    else:
        return None
    divisor, other = values[d].text, values[1 - d].text
    if kind == "remainder":
        return f"What is the remainder when {other} is divided by {divisor}?"
    return f"Is {divisor} a factor of {other}?"


def _sequence(kind: str, values: list[Obj], text: str) -> str | None:
    """The next term, or the n'th term in the variable the question names."""
    named = {v for m in _TERM_VAR.finditer(text) for v in m.groups() if v}
    names = [v for v in values if v.kind == "var"]
    seqs = [v for v in values if v.kind == "list" and len(v.items) >= 3]
    if len(seqs) != 1 or len(values) != len(seqs) + len(names) or len(names) > 1:
        return None
    named |= {v.text for v in names}
    if kind == "next_term":
        return None if named else f"What comes next: {_list_text(seqs[0])}?"
    if len(named) != 1:
        return None  # a formula in which variable?
    return f"What is the {named.pop()}'th term of {_list_text(seqs[0])}?"


_FIRST_LAST = re.compile(r"\b([a-z]+) (first|last)\b", re.I)


def _size_first(text: str) -> int | None:
    """"largest first" (+1), "smallest first" or "biggest last" (-1): the direction of an arrangement
    said by which end comes first; None when the question says none that way."""
    found = {size_of(m.group(1).lower()) * (1 if m.group(2).lower() == "first" else -1) for m in _FIRST_LAST.finditer(text)}
    found.discard(0)
    return found.pop() if len(found) == 1 else None


def _coefficient(values: list[Obj]) -> str | None:
    """"If E is written as u*k + m, what's m?": a polynomial, a form in new letters, and the letter asked,
    which the form uses and the polynomial does not."""
    if [v.kind for v in values] != ["expr", "expr", "var"]:
        return None
    poly, form, name = values
    inner, shape = tree.names(poly.value), tree.names(form.value)
    if name.text not in shape - inner or not inner or not inner < shape:
        return None
    return f"Express {poly.text} as {form.text} and give {name.text}."


def _plural(place: str) -> str:
    return place if place.endswith("s") else place + "s"


def _sort_direction(text: str) -> str | None:
    words = words_of(text)
    if UP & set(words) and not DOWN & set(words):
        return "increasing"
    if DOWN & set(words) and not UP & set(words):
        return "decreasing"
    sizes = _sizes(text)
    if sizes:  # "from smallest to largest", "highest to lowest": the first named comes first
        return "increasing" if sizes[0] < 0 else "decreasing"
    return "increasing" if not (UP | DOWN) & set(words) else None


def _kth(values: list[Obj], text: str) -> str | None:
    seq = _items(values)
    sizes = set(_sizes(text))
    ords = _ordinals(text)
    if len(values) == 2 and all(v.kind in ("num", "expr", "var") for v in values) and len(sizes) == 1 and not ords:
        joint = text[values[0].end : values[1].start]
        of_pair = re.search(r"\bof $", text[: values[0].start]) and re.fullmatch(r" and ", joint)
        if not (re.fullmatch(r",? or ", joint) or of_pair):
            return None  # "A or B", "the smaller of A and B"; not "goes into both A and B"
        which = "bigger" if sizes.pop() > 0 else "smaller"  # "which is smaller, 0.2 or s?"
        return f"Which is {which}: {values[0].text} or {values[1].text}?"
    if seq is None or len(sizes) != 1 or len(ords) > 1:
        return None
    k = _ORD_WORD.get(ords[0] if ords else 1)
    if k is None:
        return None
    which = "biggest" if sizes.pop() > 0 else "smallest"
    if k == "first":
        k = ""
    which = f"{k} {which}".strip()
    if seq.kind == "options":
        return f"Which is the {which} value? " + " ".join(seq.items)
    return f"What is the {which} value in {_list_text(seq)}?"


def _simplify_positive(values: list[Obj], text: str, positive: frozenset = frozenset()) -> str | None:
    """"For positive d, what does X simplify to?", "Given d > 0, simplify X": the name said to be positive
    is the expression's one name."""
    exprs = [v for v in values if v.kind == "expr"]
    names = {v.text for v in values if v.kind == "var"} | positive
    if len(exprs) != 1 or len(values) != len(exprs) + len(names - positive) or not ("positive" in words_of(text) or positive):
        return None
    inner = tree.names(exprs[0].value)
    if len(inner) != 1 or (names and names != inner):
        return None
    return f"Simplify {exprs[0].text} assuming {inner.pop()} is positive."


_PLACES = re.compile(r"\b(\d+|[a-z]+) (?:decimal places?|dps?|decimal digits?)\b", re.I)
_NEAREST = re.compile(
    r"\bto the (?:nearest|closest) (\d+|(?:(?:one|ten|a|one hundred|hundred) )?(?:ten|hundred|thousand|million)|integer|whole number)\b",
    re.I,
)
_ROOT = re.compile(r"\b(square|cube|[a-z]+th|\d+(?:st|nd|rd|th)) root of\s*$", re.I)
_WHOLE = re.compile(r"\b(?:integer|whole number)\b", re.I)


def _round(values: list[Obj], text: str) -> str | None:
    """Round to places or to the nearest power of ten; a root to the nearest integer."""
    from reasoner.solvers.math.words import number_word

    singles = [v for v in values if v.kind in ("num", "expr", "var")]
    places, nearest = _PLACES.search(text), _NEAREST.search(text)
    spans = [m.span(1) for m in (places, nearest) if m]
    rest = [v for v in singles if not any(s <= v.start < e for s, e in spans)]
    if len(rest) != 1 or len(values) != len(singles) or bool(places) == bool(nearest) and not _WHOLE.search(text):
        return None
    x = rest[0]
    root = _ROOT.search(text[: x.start])
    if root:
        if places or not _WHOLE.search(text) or x.kind != "num":
            return None
        return f"What is the {root.group(1).lower()} root of {x.text} to the nearest integer?"
    if places and not nearest:
        try:
            n = int(places.group(1)) if places.group(1).isdigit() else number_word(places.group(1))
        except ParseError:
            return None
        return f"Round {x.text} to {n} decimal places."
    if nearest and not places:
        unit = nearest.group(1).lower()
        return f"Round {x.text} to the nearest {'integer' if _WHOLE.search(unit) else unit}."
    return None


def _closest(values: list[Obj]) -> str | None:
    seqs = [v for v in values if v.kind in ("list", "options")]
    single = [v for v in values if v.kind in ("num", "expr", "var")]
    if len(seqs) != 1 or len(single) != 1 or len(values) != 2:
        return None
    seq, target = seqs[0], single[0].text
    if seq.kind == "options":
        return f"Which is the nearest to {target}? " + " ".join(seq.items)
    return f"What is the nearest to {target} in {_list_text(seq)}?"
