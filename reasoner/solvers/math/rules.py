"""The question sentence, matched to (kind, args) by general phrasings.

A question sentence is first read in a few equivalent forms (:func:`forms`): as
written, without its conversational wrapper (:mod:`.wording`), as the yes/no
question inside "tell me whether ...", as the plain request inside "what does X
come to", and with a list or number moved from a leading "For 12 and 18, ..." to
its noun. Each form goes through the rule tables in order; a rule whose slots do
not parse gives way to the next. Yes/no questions are in :mod:`.yesno`, choosing
and ordering in :mod:`.choice`, quantities, clock times and bases in
:mod:`.measure`; slots are parsed by :mod:`.phrases`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from reasoner.errors import ParseError, UnsafeInputError
from reasoner.solvers.math.choice import CHOICE_RULES
from reasoner.solvers.math.measure import BASE_RULES, TIME_RULES, UNIT_RULES
from reasoner.solvers.math.parser import Relation, equations, parse_relation
from reasoner.solvers.math.phrases import anchored, items_of, phrase, place_power, precision, reordered
from reasoner.solvers.math.tree import Bin, Call, Name, Num, names, substitute
from reasoner.solvers.math.wording import asked_value, embedded_yes_no, plain
from reasoner.solvers.math.words import number_word, ordinal, split_list
from reasoner.solvers.math.yesno import YES_NO

_LEAD = anchored(
    r"(?:(what is|what's|whats|what are|what was|what will be|what would be|calculate|compute|evaluate|"
    # the kind of answer named ("what polynomial is ..."); not "what integer is": that asks to round
    r"what (?:number|value|polynomial|expression|quantity) (?:is|do you get for|do we get for)|"
    r"work out|figure out|find out|find|give|determine|tell me|how much is|how much are|simplify|reduce|"
    r"get|return|show|state|take|write|express|rewrite|pick|choose|select|identify|approximate|estimate|list|"
    r"predict|do|"
    r"name|what time is it|what time will it be|what time was it|what time is|"
    r"what (?:will|would) the time be|what was the time|what(?:'s| is) the time)[:,]? )?"
    r"(?:the (?:exact |precise )?value of |the result of |the (?:exact )?answer to |value of |the answer for |"
    r"the outcome of )?(.*)"
)
_SIMPLIFY_VERBS = ("simplify", "reduce")
# Ways of asking for the simplest form: the answer is the simplified value either way.
_SIMPLEST = re.compile(
    r",? (?:in (?:its |the )?(?:simplest|lowest|reduced|simplified)(?: radical)? form|"
    r"to (?:its |the |a )?(?:simplest|lowest|reduced)(?: radical)? (?:form|terms)|(?:to|as|into) a single fraction|"
    r"(?:to|into) an? (?:simple |proper |improper |exact )?fraction|"
    r"in (?:its )?lowest terms|as simply as possible|as far as (?:possible|it goes)|fully|completely|"
    r"(?:when |once |after being |after it is |after it's )?simplified|in simplified form|"
    r"as a (?:simple |single |proper |improper )?fraction|in fraction form|(?:to|into|as) (?:a single|one) (?:number|value)|"
    r"(?:and )?(?:give|write|express|leave|state) (?:(?:your |the )?(?:answer|result)|it|that|this) (?:as a (?:single |simple )?fraction|"
    r"in (?:its )?simplest form|in lowest terms|exactly))$",
    re.I,
)


# "Write X as a single power of v": the simplified power, when v occurs in X (not "8 as a power of 2").
_AS_POWER = re.compile(r",? (?:as|to|into|in the form of) (?:a |one )?(?:single )?power of ([a-z])$", re.I)


def question_rules(sentence: str, funcs: frozenset[str]) -> tuple[str, dict]:
    """Match the question sentence against the known phrasings.

    Returns:
        (kind, args) for :mod:`.tasks`.

    Raises:
        ParseError: when no phrasing matches with parseable slots.
    """
    head, opts = split_options_anywhere(sentence)
    errors: list[str] = []
    for text in forms(head):
        found = _match(text, funcs, opts, errors)
        if found is not None:
            return found
    raise ParseError(errors[0] if errors else f"not a question this solver reads: {sentence[:80]!r}")


# "second-largest", "third-smallest": the ordinal and the superlative of one choice.
_HYPHENATED = re.compile(
    r"\b(\w+)-(biggest|largest|greatest|smallest|least|lowest|highest|closest|nearest)\b", re.I
)


# "Work this out: 3 - 7", "Simplify the following: ...": the object is what follows.
_THIS = re.compile(
    r"^(?:(work|figure) (?:this|it) out|(calculate|compute|evaluate|simplify|solve|factor|expand|sort|find|answer)"
    r" (?:this|the following))[:,]? ",
    re.I,
)


# "Solve these two equations for x: A and B", "Simplify this expression: ...", "Sort the following
# numbers in decreasing order: ...": the verb's object is described, then given after the colon.
_DESCRIBED = re.compile(
    r"^((?:please )?(?:solve|simplify|factor|factorise|factorize|expand|evaluate|calculate|compute|sort|order|"
    r"differentiate|collect the terms in|find|work out|add|multiply|round)) (?:these|the following|this|the|both|"
    r"those|my)(?: two| three| four| \d+)?(?: simultaneous| linear)? (?:equations?|system(?: of equations)?|"
    r"expressions?|numbers|values|polynomials?|fractions|sums?|terms|problem|question|one|total|value|result|"
    r"answer|product|quotient|difference)"
    r"((?: for [a-z]| with respect to [a-z]| in \w+ order| to [\w ]{1,40}?)?)[:;] (.+)$",
    re.I,
)


def _described(text: str) -> str:
    m = _DESCRIBED.match(text)
    return f"{m.group(1)} {m.group(3)}{m.group(2)}" if m else text


# "Which number comes after 1, 2, 3 in this sequence?": the list already is the sequence.
_SEQUENCE_TAIL = re.compile(
    r",? (?:in|of|from|for) (?:this|the|that|the given|the above|these) (?:sequence|list|series|pattern|progression)$",
    re.I,
)


# "Work out s from the pair of equations A and B", "the solutions of the equation E": the noun only
# names what follows it.
_EQUATIONS_NOUN = re.compile(
    r"\b(from|using|in|of|to|for|given|with|satisfying|satisfy|satisfies|solve|solving) (?:the|these|this|both|those) "
    r"(?:(?:pair|system|set) of |two |three |simultaneous |linear |following )*(?:equations?|system|relations?)"
    r"(?: below)?:? (?=\S)",
    re.I,
)
# "the ten-thousands place": a place name written with a hyphen
_PLACE_HYPHEN = re.compile(r"\b(ten|hundred)-(thousands?|millions?|billions?)\b", re.I)


# "5, 10, 20, 40, ?", "5, 10, 20, 40, ...": a list left open where the asked term goes.
_OPEN_END = re.compile(r"(?:,\s*(?:\.{2,}|\u2026|\?+|_+))+\s*$")
# "Find the value closest to v: 0, -1 or 0.5": the list the question is about, after a colon.
_LIST_AFTER = re.compile(r"^([^:]+?): ((?:[^,:]+, )+[^,:]+)$")
# "Which one's bigger", "they're": the contraction of a verb the frames spell out.
_ONE_IS = re.compile(r"\b(one|they|number|value)'(s|re)\b", re.I)
# "please" before the colon that introduces the object carries nothing ("Sort these, please: ...").
_POLITE_BEFORE_COLON = re.compile(r",? (?:please|pls|plz|for me)(?=[:;] )", re.I)


# "What is k's units digit?": a name's or a number's property, as "the units digit of k".
_POSSESSIVE = re.compile(
    r"^(what(?:'s| is| are)|find|give|calculate|determine|compute|tell me|work out) ([a-z]|-?\d+(?:\.\d+)?)'s "
    r"([a-z][a-z ]*)$",
    re.I,
)


def forms(head: str) -> Iterator[str]:
    """The equivalent forms of one question sentence, the literal one first."""
    seen: set[str] = set()
    text = _OPEN_END.sub("", head.strip().rstrip("?.").strip()).replace(" & ", " and ")
    text = _POLITE_BEFORE_COLON.sub("", text)
    text = _POSSESSIVE.sub(r"\1 the \3 of \2", text)
    text = _ONE_IS.sub(lambda c: f"{c.group(1)} {'are' if c.group(2).lower() == 're' else 'is'}", text)
    text = _HYPHENATED.sub(r"\1 \2", text)
    text = _SEQUENCE_TAIL.sub("", _described(text))
    text = _PLACE_HYPHEN.sub(r"\1 \2", _EQUATIONS_NOUN.sub(r"\1 ", text))
    text = _THIS.sub(lambda m: (m.group(1) or m.group(2)) + (" out " if m.group(1) else " "), text)
    for form in (text, plain(text)):
        form = _VARIABLE.sub(lambda m: f" with respect to {m.group(1)}", form)
        resolved = _resolved(form)
        listed = _LIST_AFTER.match(form)
        listed = f"{listed.group(1)} in {listed.group(2)}" if listed else None
        for variant in (form, embedded_yes_no(form), asked_value(form), _moved_list(form), resolved, listed):
            if variant and variant not in seen:
                seen.add(variant)
                yield variant
        for variant in (embedded_yes_no(resolved), asked_value(resolved)) if resolved else ():
            if variant and variant not in seen:
                seen.add(variant)
                yield variant
        asked = asked_value(form)
        variant = _resolved(asked) if asked else None
        if variant and variant not in seen:
            seen.add(variant)
            yield variant


# A pronoun that stands for a number named earlier in the sentence: "Take -113667 and multiply it
# by -126", "Looking at w(a), what digit is in its hundreds position?", "-7*14/7: what number is that?".
_TAKE_AND = re.compile(
    r"^(?:take|start with|begin with|use|consider|pick) (.+?),? (?:and|then|and then) (.+)$", re.I
)
_LOOKING_AT = re.compile(
    r"^(?:looking at|look at|for|consider|considering|taking|take|in|about|regarding|as for) (.+?), (.+)$",
    re.I,
)
_THING_THEN = re.compile(r"^(.+?)[:;,] (.+)$")
_ITS = re.compile(
    r"\bits (\w+(?: \w+)?) (place|position|column|digit|factors|divisors|prime factors)\b", re.I
)
_IT = re.compile(r"\b(?:it|that|this|that number|this number|the result|the answer)\b", re.I)


def _resolved(text: str) -> str | None:
    for pattern in (_TAKE_AND, _LOOKING_AT, _THING_THEN):
        m = pattern.match(text)
        if not m:
            continue
        thing, rest = m.group(1).strip(), m.group(2)
        if _ITS.search(rest):
            return _ITS.sub(lambda t, x=thing: f"the {t.group(1)} {t.group(2)} of {x}", rest, count=1)
        if _IT.search(rest):
            value = f"({thing})" if pattern is _TAKE_AND else thing
            return _IT.sub(lambda _t, x=value: x, rest, count=1)
    return None


def _match(text: str, funcs: frozenset[str], opts: str, errors: list[str]) -> tuple[str, dict] | None:
    m = _LEAD.match(text)
    verb = (m.group(1) or "").lower()
    core = m.group(2).strip().rstrip("?.").strip()
    s = _SIMPLEST.search(core)
    while s and core[: s.start()].strip():  # "... as a fraction in lowest terms": one tail after another
        verb = "fraction" if "fraction" in s.group(0).lower() or verb == "fraction" else "simplify"
        core = core[: s.start()].strip()
        s = _SIMPLEST.search(core)
    p = _AS_POWER.search(core)
    if p and re.search(rf"\b{p.group(1)}\b", core[: p.start()]):  # "write X as a single power of v"
        verb, core = "simplify", core[: p.start()].strip()
    tries = [(YES_NO, text), (_RULES, core)]
    if core != text:
        tries.append((_RULES, text))
    for rules, body in tries:
        for pattern, handler in rules:
            m2 = pattern.match(body)
            if not m2:
                continue
            try:
                return handler(m2, funcs, opts, verb)
            except UnsafeInputError:
                raise
            except (ParseError, ValueError) as exc:
                errors.append(str(exc))
    for body in dict.fromkeys((core, text)):  # "Take 7 away from 12": the lead verb is the operation
        try:
            return _fallback(body, funcs, verb if body == core else "")
        except UnsafeInputError:
            raise
        except ParseError as exc:
            errors.append(str(exc))
    return None


# ---------------------------------------------------------------- options and moved lists

_OPTION_START = re.compile(r"(?:^|\s|[?:])\(a\)\s", re.I)
_OPTION_MARK = re.compile(r"\(([a-z])\)\s", re.I)


def split_options_anywhere(sentence: str) -> tuple[str, str]:
    """Lettered options, after the question ("... value?  (a) 2  (b) x") or inside it
    ("which of (a) m, (b) -2/17, (c) p is the second largest") -> (question, options text).

    Inside a question the options are replaced by "the options"; the last option ends
    where its longest prefix that parses as an expression ends.
    """
    m = _OPTION_START.search(sentence)
    if not m:
        return sentence, ""
    start = sentence.index("(", m.start())
    head, tail = sentence[:start].rstrip(), sentence[start:]
    marks = list(_OPTION_MARK.finditer(tail))
    letters = [x.group(1).lower() for x in marks]
    if letters != [chr(ord("a") + i) for i in range(len(letters))] or len(letters) < 2:
        return sentence, ""
    last = tail[marks[-1].end() :]
    value, rest = _longest_expression(last)
    options = tail[: marks[-1].end()] + value
    cleaned = re.sub(r"[,;]?\s*(?:\bor\b|\band\b)?\s*(?=\([a-z]\)\s)", "  ", options)
    if not rest:  # "What is the second largest of (a) ..." names the options after a preposition
        return _TRAILING_PREPOSITION.sub("", head.rstrip(" :?")), cleaned.strip()  # the options close the sentence (the DeepMind frame)
    if not head:  # "(a) 11/12 (b) 6/7: which one is second largest?": the options open the sentence
        return rest.lstrip(" :;,.-"), cleaned.strip()
    head = _OPTIONS_NOUN.sub("", head).rstrip(" :")  # "Among options (a) ...", "Of the choices (a) ..."
    return f"{head} the options{rest_punct(last, value)}{rest}".strip(), cleaned.strip()


_TRAILING_PREPOSITION = re.compile(r",?\s+(?:of|among|amongst|from|out of|between)$", re.I)
_OPTIONS_NOUN = re.compile(r"\s*(?:the )?(?:options|choices|answers|following)$", re.I)


def rest_punct(last: str, value: str) -> str:
    """The punctuation that followed the last option (", pick ..."), or a space."""
    after = last[len(value) :] if last.startswith(value) else ""
    return ", " if after.lstrip().startswith(",") else " "


def _longest_expression(text: str) -> tuple[str, str]:
    words = text.split(" ")
    for n in range(len(words), 0, -1):
        value = " ".join(words[:n]).rstrip(",;:")
        try:
            phrase(value)
        except ParseError:
            continue
        return value, " ".join(words[n:]).strip()
    return text, ""


# "For 109/760 and 67/505400, what's the lowest common denominator?" -> "... denominator of ...".
_LIST_FIRST = re.compile(
    r"^(?:(?:for|of|with|given|take|consider|about|regarding|in) (.+?)[,:;]|(.+?):) (?:what(?:'s| is| are)|find|give|"
    r"calculate|compute|determine|tell me|list|name)(?: (?:the|their|its))? (.+)$",
    re.I,
)
_IN_NUMBER = re.compile(r"^in (.+?), ((?:which|what) (?:digit|number) .+)$", re.I)


_SEQUENCE_GOES = re.compile(
    r"^(?:(?:if|when|since|given that|suppose|say) )?(?:the |a |my |this )?(?:sequence|list|series|pattern|progression) "
    r"(?:goes|is|runs|reads|starts|begins|starts with|begins with)(?: like)?:? (.+?)[,;:] (?:then )?"
    r"((?:what|which|find|give|predict|determine|calculate).+)$",
    re.I,
)
_IN_TERMS_FIRST = re.compile(
    r"^(?:(?:using|with|taking|calling|letting) ([a-z]) (?:for|as|be|to be) (?:the )?(?:position|index|term number|"
    r"term index|place|number of the term|term's position)|(?:in terms of|as a function of|using) ([a-z])),? (.+)$",
    re.I,
)
_FOR_VAR_SOLVE = re.compile(r"^for ([a-z]),? (solve|find) (.+)$", re.I)


def _moved_list(text: str) -> str | None:
    m = _SEQUENCE_GOES.match(text)
    if m:
        return f"{m.group(2)} of {m.group(1)}"
    m = _IN_TERMS_FIRST.match(text)
    if m:
        return f"{m.group(3)} in terms of {m.group(1) or m.group(2)}"
    m = _FOR_VAR_SOLVE.match(text)
    if m:
        return f"solve {m.group(3)} for {m.group(1)}"
    m = _LIST_FIRST.match(text)
    if m and not re.search(r"\bof\b", m.group(3), re.I):  # "x: what is the value of 5 - 2" has its object
        return f"the {m.group(3)} of {m.group(1) or m.group(2)}"
    m = _IN_NUMBER.match(text)
    if m:
        return f"{m.group(2)} of {m.group(1)}"
    return None


_DEFINITION = re.compile(r"^([a-z])\(([a-z])\)\s*=")


def _fallback(core: str, funcs: frozenset[str], verb: str) -> tuple[str, dict]:
    d = _DEFINITION.match(core)
    if d and d.group(1) not in funcs:
        raise ParseError(f"{core[:20]!r} defines a function; say what to do with it")
    try:
        node = parse_relation(core, funcs)
    except UnsafeInputError:
        raise
    except ParseError:
        node = phrase(core, funcs)
    if isinstance(node, Relation):
        if node.op == "=":
            return "solve", {"eqs": (node,), "var": None}
        return "compare", {"a": node.left, "op": node.op, "b": node.right}
    if verb == "fraction":  # "as a fraction": exact, even when the question had decimals
        return "value", {"expr": node, "simplify": True, "as_fraction": True}
    return "value", {"expr": node, "simplify": verb in _SIMPLIFY_VERBS}


# ---------------------------------------------------------------- handlers
# Handlers take (match, funcs, options text, lead verb) and return (kind, args).


_DEFINED = re.compile(r"^(?:[a-z]\(([a-z])\)|[a-z]) ?= ?(.+)$", re.I)


def _body(text: str, funcs: frozenset[str], wrt: str | None) -> tuple[object, str | None]:
    """The expression of a calculus slot, accepting "f(x) = x**2" and "y = x**3" forms."""
    m = _DEFINED.match(text.strip())
    if m and "=" not in m.group(2):
        return phrase(m.group(2), funcs), wrt or m.group(1)
    return phrase(text, funcs), wrt


_TIMES = {"once": 1, "twice": 2, "thrice": 3}


def _order(order_word: str | None, times: str | None) -> int:
    """The order of a derivative: "second" (an ordinal), "twice", "three times"."""
    if order_word and times:
        raise ParseError("the order of the derivative is given twice")
    if times:
        t = times.lower()
        return _TIMES[t] if t in _TIMES else number_word(t.split()[0])
    return ordinal(order_word) if order_word else 1


def _h_diff(m, funcs, _o, _v):
    order_word, wrt1, body, wrt2, times = m.groups()
    expr, wrt = _body(body, funcs, wrt1 or wrt2)
    return "diff", {"expr": expr, "var": wrt, "order": _order(order_word, times)}


_HOW_DOES = {
    "simplify": "value",
    "reduce": "value",
    "factor": "factor",
    "factorise": "factor",
    "factorize": "factor",
    "expand": "expand",
    "multiply out": "expand",
}


def _h_how_does(m, funcs, _o, _v):
    """ "How does X simplify?", "How does X factorise?": the verb names the task."""
    body, verb = m.groups()
    kind = _HOW_DOES[verb.lower()]
    if kind == "factor":
        return _h_factor(m, funcs, _o, _v)
    if kind == "value":
        return "value", {"expr": phrase(body, funcs), "simplify": True}
    return kind, {"expr": phrase(body, funcs)}


def _h_whole_quotient(m, funcs, _o, _v):
    """ "How many times does 7 go into 56?": the quotient, answered only when it is a whole number."""
    d, n = m.groups()
    return "value", {"expr": Bin("/", phrase(n, funcs), phrase(d, funcs)), "simplify": False, "whole": True}


def _h_d_dx(m, funcs, _o, _v):
    var, body = m.groups()
    return "diff", {"expr": phrase(body, funcs), "var": var, "order": 1}


def _h_d_n_dx(m, funcs, _o, _v):
    """ "d^3/dz^3 of E", "d2/dx2 E": Leibniz's notation for the n'th derivative (the two orders must agree)."""
    order, var, order2, body = m.groups()
    if order != order2 or not 1 <= int(order) <= 6:
        raise ParseError(f"d^{order}/d{var}^{order2} is not one order of derivative")
    return "diff", {"expr": phrase(body, funcs), "var": var, "order": int(order)}


def _h_lim(m, funcs, _o, _v):
    var, point, body = m.groups()
    return "limit", {"expr": phrase(body, funcs), "var": var, "point": phrase(point, funcs)}


def _h_differentiate(m, funcs, _o, _v):
    body, times, wrt, times2 = m.groups()
    expr, wrt = _body(body, funcs, wrt)
    return "diff", {"expr": expr, "var": wrt, "order": _order(None, times or times2)}


def _h_dy_dx(m, funcs, _o, _v):
    _dep, var, body = m.groups()
    expr, _ = _body(body, funcs, var)
    return "diff", {"expr": expr, "var": var, "order": 1}


def _h_prime_notation(m, funcs, _o, _v):
    """ "f'(x)", "f''(t)": a derivative of a function defined in the setup."""
    name, primes, var = m.groups()
    if name not in funcs:
        raise ParseError(f"{name} is not a function defined here")
    return "diff", {"expr": Call(name, (Name(var),)), "var": var, "order": len(primes)}


def _h_times_x(m, funcs, _o, _v):
    a, b = phrase(m.group(1), funcs), phrase(m.group(2), funcs)
    if names(a) or names(b):
        raise ParseError("'x' between expressions with variables is not a multiplication sign")
    return "value", {"expr": Bin("*", a, b), "simplify": False}


def _h_integral(m, funcs, _o, _v):
    body, dvar, wrt, lo, hi = m.groups()
    expr, var = _body(body, funcs, wrt or dvar)
    args = {"expr": expr, "var": var, "lo": None, "hi": None}
    if lo is not None:
        args["lo"], args["hi"] = phrase(lo, funcs), phrase(hi, funcs)
    return "integrate", args


def _h_limit(m, funcs, _o, _v):
    body, var, point = m.groups()
    return "limit", {"expr": phrase(body, funcs), "var": var, "point": phrase(point, funcs)}


def _h_round(m, funcs, _o, _v):
    body, spec = m.groups()
    return "round", {"expr": phrase(body, funcs), **precision(spec)}


def _h_nearest_integer(m, funcs, _o, _v):
    return "round", {"expr": phrase(m.group(1), funcs), "nearest": 1}


def _h_pair(kind):
    def handle(m, funcs, _o, _v):
        a, b = m.groups()
        return kind, {"a": phrase(a, funcs), "b": phrase(b, funcs)}

    return handle


def _h_many(kind):
    def handle(m, funcs, _o, _v):
        a, b = m.groups()
        return kind, {"items": tuple(phrase(t, funcs) for t in split_list(f"{a}, {b}"))}

    return handle


def _h_median(m, funcs, _o, _v):
    return "median", {"items": items_of(m.group(1), funcs)}


def _h_as_percent(m, funcs, _o, _v):
    return "value", {"expr": phrase(m.group(1), funcs), "simplify": False, "as_percent": True}


def _h_as_decimal(m, funcs, _o, _v):
    return "value", {"expr": phrase(m.group(1), funcs), "simplify": False, "as_decimal": True}


def _h_one(kind, name="n"):
    def handle(m, funcs, _o, _v):
        return kind, {name: phrase(m.group(1), funcs)}

    return handle


def _h_place(m, funcs, _o, _v):
    name, number = m.groups()
    return "place", {"n": phrase(number, funcs), "place": place_power(name)}


def _h_solve(m, funcs, _o, _v):
    body, var = m.groups()
    return "solve", {"eqs": equations(body, funcs), "var": var}


def _h_solve_for(m, funcs, _o, _v):
    var, body = m.groups()
    if len(var) > 2:
        raise ParseError(f"{var!r} is not a variable")
    try:
        return "solve", {"eqs": equations(body, funcs), "var": var}
    except ParseError:
        made = _MADE_EQUAL.match(body)
        if not made:
            raise
    left, right = made.group(1), made.group(2) or "0"
    return "solve", {"eqs": (Relation(phrase(left, funcs), "=", phrase(right, funcs)),), "var": var}


# "the values of p that make P equal to zero": the equation said in words after "make".
_MADE_EQUAL = re.compile(
    r"^(.+?) (?:(?:be |become |come out )?(?:equal to|equal|equals|come to|evaluate to) (.+?)|"
    r"(?:be |become )?(?:zero|vanish|disappear))$",
    re.I,
)


def _h_zero_of(m, funcs, _o, _v):
    return "solve", {"eqs": (Relation(phrase(m.group(1), funcs), "=", Num("0")),), "var": None}


def _h_solve_any(m, funcs, _o, _v):
    return "solve", {"eqs": equations(m.group(1), funcs), "var": None}


def _h_roots_of(m, funcs, _o, _v):
    if "=" in m.group(1):
        return "solve", {"eqs": equations(m.group(1), funcs), "var": None}
    node = phrase(m.group(1), funcs)
    if isinstance(node, Name) and node.id in funcs:  # "the roots of w" for a function w: where w(x) = 0
        node = Call(node.id, (Name(FREE_ARGUMENT),))
    return "solve", {"eqs": (Relation(node, "=", Num("0")),), "var": None}


# The argument of a function whose roots are asked, until nlu names it by a letter the problem leaves free
# (only the values are answered); no question can spell this name.
FREE_ARGUMENT = "_arg"


def _h_expr(kind):
    def handle(m, funcs, _o, _v):
        return kind, {"expr": phrase(m.group(1), funcs)}

    return handle


def _h_factor(m, funcs, _o, _v):
    """Factor an expression in variables; "factor 60" more likely wants its prime factors."""
    node = phrase(m.group(1), funcs)
    if not names(node):
        raise ParseError("to factor a number, ask for its prime factors")
    return "factor", {"expr": node}


def _h_substituted(m, funcs, _o, _v):
    """ "Put x = -2 into 3*x**2 - x": the expression with the value in place of the variable."""
    var, value, body = m.groups()
    node = phrase(body, funcs)
    if var not in names(node):
        raise ParseError(f"{var} does not occur in {body[:40]!r}")
    return "value", {"expr": substitute(node, var, phrase(value, funcs)), "simplify": False}


def _h_simplify_pos(m, funcs, _o, _v):
    body, var = m.groups()
    return "simplify_pos", {"expr": phrase(body, funcs), "var": var}


def _h_coeff_named(m, funcs, _o, _v):
    body, form, name = m.groups()
    return "coeff_named", {"expr": phrase(body, funcs), "form": phrase(form, funcs), "name": name}


def _h_constant_term(m, funcs, _o, _v):
    """ "the constant term of P": the coefficient of the term free of every variable, asked as
    the constant of the form c + t*v (c and t letters that P does not use)."""
    expr = phrase(m.group(1), funcs)
    used = names(expr)
    if not used:
        raise ParseError("the constant term of a number")
    free = [c for c in "cktuabdefg" if c not in used][:2]
    var = sorted(used)[0]
    form = Bin("+", Name(free[0]), Bin("*", Name(free[1]), Name(var)))
    return "coeff_named", {"expr": expr, "form": form, "name": free[0]}


def _h_coeff(m, funcs, _o, _v):
    term, body = m.groups()
    return "coeff", {"term": phrase(term, funcs), "expr": phrase(body, funcs)}


def _h_next(m, funcs, _o, _v):
    return "next_term", {"terms": tuple(phrase(t, funcs) for t in split_list(m.group(1)))}


def _h_nth(m, funcs, _o, _v):
    var, body, *named = m.groups()
    if named and named[0] and named[0] != var:
        raise ParseError(f"the {var}-th term asked in terms of {named[0]}")
    return _nth(var, body, funcs)


def _h_next_after(m, funcs, _o, _v):
    """ "What comes after 20 in 5, 10, 15, 20?": the next term, when 20 is the last one given."""
    last, body = m.groups()
    terms = split_list(body)
    if terms[-1].replace(" ", "") != last.replace(" ", ""):
        raise ParseError(f"{last} is not the last term of the sequence")
    return "next_term", {"terms": tuple(phrase(t, funcs) for t in terms)}


def _h_variable(m, _f, _o, _v):
    """ "What are the possible values of x?" after the facts about x: the value of x."""
    return "value", {"expr": Name(m.group(1)), "simplify": False}


def _nth(var: str, body: str, funcs: frozenset[str]) -> tuple[str, dict]:
    if len(var) != 1 or not var.isalpha():
        raise ParseError(f"{var!r} is not a one-letter index")
    return "nth_term", {"terms": tuple(phrase(t, funcs) for t in split_list(body)), "var": var}


def _h_percent_of(m, funcs, _o, _v):
    a, b = m.groups()
    return "value", {
        "expr": Bin("*", Bin("/", phrase(a, funcs), phrase(b, funcs)), Num("100")),
        "simplify": False,
    }


_h_round_first = reordered(_h_round, (1, 0))
_h_place_rev = reordered(_h_place, (1, 0))
_h_substituted_rev = reordered(_h_substituted, (1, 0, 2))
_h_nth_rev = reordered(_h_nth, (1, 0))
_h_percent_of_rev = reordered(_h_percent_of, (1, 0))


def _h_positive(m, funcs, opts, verb):
    """ "For positive o, what does X simplify to?": a simplification under a sign assumption."""
    groups = [g for g in m.groups() if g is not None]
    var, rest = (groups[0], groups[1]) if len(groups[0]) == 1 else (groups[1], groups[0])
    kind, args = question_rules(rest, funcs)
    if kind != "value" or args.get("as_decimal") or args.get("as_percent"):
        raise ParseError("a sign assumption goes with a simplification")
    return "simplify_pos", {"expr": args["expr"], "var": var}


# ---------------------------------------------------------------- the table

_E = r"(.+?)"
_V = r"([a-z])"
_WRT = r"(?:,? (?:with respect to|wrt|w\.r\.t\.?|in terms of|as a function of) ([a-z]\w*))?"
_TIMES_RE = r"(once|twice|thrice|\w+ times)"
# An integrand, its optional "dx", variable and bounds: shared by "integral of" and "integrate".
_INTEGRAND = _E + r"(?: d([a-z]))?" + _WRT + r"(?: (?:from|between) " + _E + " (?:to|and) " + _E + ")?"
_HOLD = (
    r"(?:,? (?:both |all |each )?(?:hold|holds|hold true|holds true|is true|are true|are satisfied|"
    r"is satisfied|true|work))?"
)
_SOLVE_VERB = r"(?:solves?|satisf(?:y|ies)|makes?|make|fits?|works? (?:in|for))"
_PRECISION = (
    r"(the (?:nearest|closest) .+|\w+(?:-\w+)? places?|(?:the )?\w+(?: \w+)? (?:place|position)|\w+(?:-\w+)? (?:decimal places?|dps?|d\.p\.?|places? after the decimal point)|"
    r"\w+(?:-\w+)? (?:significant figures?|significant digits?|sig\.? figs?|s\.?f\.?)|an? (?:whole number|integer)|"
    r"(?:the )?(?:closest|nearest) (?:whole number|integer|whole|unit))"
)
_INT_WORD = r"(?:integer|whole number)"
_GCD_NOUN = r"(?:positive )?(?:number|integer|whole number|natural number|factor|divisor|common factor|common divisor)"
_DIVIDE_VERB = r"(?:that |which )?(?:divides|divide|dividing|goes into|go into|going into|is a factor of|is a divisor of)"
_LCM_NOUN = r"(?:positive )?(?:number|integer|whole number|natural number|multiple|common multiple)"
_SHARED = r"(?:both |each of |all of |each |the numbers |the integers )?"
_OF_PAIR = r"(?:of |for |between |shared by |common to )?(?:both |the numbers |the integers |the values |the fractions )?"
_EXACTLY = r"(?: exactly| evenly| without (?:a |any )?remainder| with no remainder)?"
_REWRITE = r"(?:express|expressing|rearrange|rearranging|write|writing|rewrite|rewriting|put|putting|bring|arrange|cast)"
_FORM = r"(?:in the form(?: of)?|to the form|as|in form|into the form|into|in|to)"
_ASK_NAME = (
    r"(?:what is|what's|give|find|then what is|what would be|what does|determine|what value does|tell me|"
    r"what do you get for|what will be|what value is|what's the value of|what is the value of|identify|read off|"
    r"tell me the value of|give the value of|find the value of|state|report)"
)
_NEXT = r"(?:number |term |value |one |element |entry |item )?"
_POSITIVE = (
    r"(?:(?:is|be|being|to be|is a|be a) (?:a )?(?:positive|strictly positive|greater than (?:0|zero))"
    r"(?: number| real| real number| value| quantity)?|> ?0|positive)"
)
_IN_TERMS = (
    r"(?:,? (?:in terms of|as a function of|using|(?:as|in|with) (?:a |an |the )?(?:formula|expression|function|rule)"
    r"(?: in terms of| in| of| using)|in) ([a-z]))?"
)
_SEQUENCE = (
    r"(?:the )?(?:(?:arithmetic|geometric|number|integer|numerical|numeric|following|given|polynomial|cubic|quadratic|"
    r"linear) )?(?:sequence|list|series|pattern|progression)?:? ?"
)
_LEFT = (
    r"(?:the remainder|remainder|what(?:'s| is) left(?: over)?|left ?over|leftover|what remains|remains|left)"
)
_WHEN_DIVIDING = r"(?:(?:when|after|if|on|once) (?:you |we |i )?(?:divide|dividing|you divide)|(?:by |from |on |upon )?dividing)"
_EXPAND = (
    r"(?:(?:remove|expand|multiply out|open) the (?:brackets|parentheses) (?:in|from|of)|expand out|expand|"
    r"multiply out|distribute|multiply through|open up the brackets in)"
)
_AND_TIDY = (
    r"(?:,? and (?:then )?(?:simplify|combine(?: (?:like |the |all )?terms)?|collect(?: (?:like |the |all )?terms)?|tidy up)"
    r"(?: the result| it)?)"
)
_PRIMES = r"(?:distinct |different |unique )?(?:primes|prime numbers|prime factors|prime divisors)"

_RULES: list[tuple[re.Pattern, Callable]] = [
    *TIME_RULES,  # clock times first: "20 minutes before 3 PM" is not a subtraction
    # Calculus.
    (
        anchored(
            rf"(?:the )?(?:(\w+(?:-\w+)?) )?(?:partial )?(?:derivative|rate of change)(?:,? (?:with respect to|wrt) "
            rf"([a-z]),?)? of {_E}{_WRT}(?: {_TIMES_RE})?"
        ),
        _h_diff,
    ),
    (
        anchored(
            rf"how (?:does|do|would|will|can|should) {_E} (simplify|reduce|factor|factorise|factorize|expand|multiply out)"
            r"(?: completely| fully| down)?"
        ),
        _h_how_does,
    ),
    (
        anchored(
            rf"how many times (?:does|do|will|would|can) {_E} (?:go|fit) (?:exactly |evenly )?into {_E}"
        ),
        _h_whole_quotient,
    ),
    (anchored(rf"(?:differentiate|derive) {_E}(?: {_TIMES_RE})?{_WRT}(?: {_TIMES_RE})?"), _h_differentiate),
    (anchored(r"d/d([a-z]) (?:of )?" + _E), _h_d_dx),
    (anchored(r"d(?:\^|\*\*)?(\d)/d([a-z])(?:\^|\*\*)?(\d) (?:of )?" + _E), _h_d_n_dx),
    (
        anchored(
            r"lim(?:it)? (?:as )?([a-z]) ?(?:->|\u2192|approaches|goes to|tends to) ?(\S+),? (?:of )?" + _E
        ),
        _h_lim,
    ),
    (
        anchored(r"(?:the )?(?:indefinite |definite )?(?:integral|antiderivative) of " + _INTEGRAND),
        _h_integral,
    ),
    (anchored(r"integrate " + _INTEGRAND), _h_integral),
    (
        anchored(r"(?:the )?limit of " + _E + r" as ([a-z]) (?:approaches|goes to|tends to|->) " + _E),
        _h_limit,
    ),
    # Rounding.
    (anchored(rf"(?:round|approximate|estimate)(?: off)? {_E}(?: off)? to {_PRECISION}"), _h_round),
    (anchored(rf"round(?: off)? to {_PRECISION.replace('.+', '[^,:]+')}[:,] {_E}"), _h_round_first),
    (
        anchored(
            rf"{_E},? (?:rounded|correct|accurate|round|rounded off|approximated)(?: off)? to {_PRECISION}"
        ),
        _h_round,
    ),
    (
        anchored(
            rf"(?:take|find|compute|calculate|work out|get|evaluate|raise) {_E},? (?:and|then|and then) round "
            rf"(?:it|that|the result|the answer|this|the value)(?: off)? to {_PRECISION}"
        ),
        _h_round,
    ),
    (anchored(rf"{_E},? (?:to|with|at|using|in|given to) {_PRECISION}"), _h_round),
    (
        anchored(
            rf"(?:rounded |rounding |correct |accurate |approximated |approximating )?to "
            rf"{_PRECISION.replace('.+', '[^,]+')},? "
            rf"(?:what is |what's |give |find |calculate )?{_E}"
        ),
        _h_round_first,
    ),
    (anchored(rf"(?:which|what) {_INT_WORD} is (?:closest|nearest)(?: to)? {_E}"), _h_nearest_integer),
    (
        anchored(
            rf"(?:how does|what does|how would|what would) {_E} (?:look|come out|appear|become|be)(?: like)? "
            rf"(?:when|if|after|once) (?:it is |it's )?(?:rounded|approximated)(?: off)? to {_PRECISION}"
        ),
        _h_round,
    ),
    (
        anchored(
            rf"(?:if|when) (?:you |i |we )?(?:take|raise|compute|calculate|find|get|work out) {_E},? what {_INT_WORD} "
            r"(?:is (?:it|that|this|the result) (?:closest|nearest) to|is (?:closest|nearest)(?: to (?:it|that|this|the result))?|"
            r"do you get (?:when|if) you round)"
        ),
        _h_nearest_integer,
    ),
    (anchored(rf"{_E} is (?:closest|nearest) to (?:which|what) {_INT_WORD}"), _h_nearest_integer),
    (anchored(rf"(?:the )?(?:nearest|closest) {_INT_WORD} to {_E}"), _h_nearest_integer),
    # Number theory.
    (
        anchored(
            rf"(?:the )?(?:greatest|highest|largest|biggest) common (?:factor|divisor) {_OF_PAIR}{_E} and {_E}"
        ),
        _h_many("gcd"),
    ),
    (anchored(rf"(?:the )?(?:gcd|gcf|hcf) {_OF_PAIR}{_E} and {_E}"), _h_many("gcd")),
    (
        anchored(
            rf"(?:the )?(?:greatest|highest|largest|biggest) {_GCD_NOUN} (?:that |which )?(?:both )?{_E} and {_E} "
            r"(?:are|can be) (?:both )?(?:divisible by|divided by|evenly divided by)"
        ),
        _h_many("gcd"),
    ),
    (
        anchored(
            rf"(?:the )?(?:greatest|highest|largest|biggest) (?:factor|divisor|number|integer) (?:that |which )?{_E} and "
            rf"{_E} (?:have in common|share|both have|both share|have)(?: in common)?"
        ),
        _h_many("gcd"),
    ),
    (
        anchored(
            rf"(?:the )?(?:greatest|highest|largest|biggest) {_GCD_NOUN} {_DIVIDE_VERB} {_SHARED}{_E} and {_E}"
            rf"{_EXACTLY}"
        ),
        _h_many("gcd"),
    ),
    (
        anchored(rf"(?:the )?(?:least|lowest|smallest) common multiple {_OF_PAIR}{_E} and {_E}"),
        _h_many("lcm"),
    ),
    (anchored(rf"(?:the )?lcm {_OF_PAIR}{_E} and {_E}"), _h_many("lcm")),
    (
        anchored(
            rf"(?:the )?(?:smallest|least|lowest) {_LCM_NOUN} (?:that|which) (?:both )?{_E} and {_E} (?:both )?"
            r"(?:divide|go into|are factors of|are divisors of)(?: evenly| exactly| into)?"
        ),
        _h_many("lcm"),
    ),
    (anchored(rf"(?:the )?lcd (?:of |for |between )?{_E} and {_E}"), _h_pair("common_denominator")),
    (
        anchored(
            rf"(?:the )?(?:smallest|least|lowest) {_LCM_NOUN}(?: that is| which is|,)? (?:divisible by|a multiple of|"
            rf"a common multiple of) {_SHARED}{_E} and {_E}"
        ),
        _h_many("lcm"),
    ),
    (
        anchored(rf"(?:the |a )?(?:least |lowest |smallest )?common denominator {_OF_PAIR}{_E} and {_E}"),
        _h_pair("common_denominator"),
    ),
    (
        anchored(
            rf"(?:the )?(?:smallest|lowest|least) (?:common )?denominator (?:that|which) {_E} and {_E} (?:can |could )?"
            r"(?:both |each |all )?(?:share|have in common|be (?:re)?written (?:over|with)|be expressed (?:over|with)|"
            r"be put over|go over)"
        ),
        _h_pair("common_denominator"),
    ),
    (
        anchored(
            rf"(?:if|when) {_E} and {_E} are (?:re)?(?:written|expressed|put) (?:over|with|using) (?:their|a|the) "
            r"(?:least |lowest |smallest )?common denominator,? what is (?:that|this|the|it|that common)(?: denominator)?"
        ),
        _h_pair("common_denominator"),
    ),
    (
        anchored(rf"(?:the )?remainder (?:when|of|after|if|on) {_E} (?:is )?(?:divided by|over) {_E}"),
        _h_pair("remainder"),
    ),
    (
        anchored(
            rf"(?:the )?remainder (?:of|from|when|after|on|in) (?:dividing|the division of|division of) {_E} by {_E}"
        ),
        _h_pair("remainder"),
    ),
    (anchored(rf"{_LEFT}(?: over)? {_WHEN_DIVIDING} {_E} by {_E}"), _h_pair("remainder")),
    (
        anchored(rf"{_LEFT}(?: over)? (?:when|after|if|once) {_E} (?:is |gets )?divided by {_E}"),
        _h_pair("remainder"),
    ),
    (
        anchored(
            rf"what remainder (?:do you get|do we get|is left|remains|results|is there|comes out) {_WHEN_DIVIDING} {_E} by {_E}"
        ),
        _h_pair("remainder"),
    ),
    (
        anchored(
            rf"what remainder (?:do you get|is left|remains|results|is there|comes out) (?:when|after|if) {_E} "
            rf"(?:is )?divided by {_E}"
        ),
        _h_pair("remainder"),
    ),
    (
        anchored(
            rf"(?:(?:if|when) (?:you |we |i )?)?(?:divide|dividing) {_E} by {_E},? (?:then )?"
            r"what(?:'s| is| will be| would be) (?:the |your )?(?:remainder|left over|leftover)"
        ),
        _h_pair("remainder"),
    ),
    (
        anchored(
            rf"(?:if|when) {_E} is divided by {_E},? (?:then )?what(?:'s| is| will be| would be) (?:the )?"
            r"(?:remainder|left over|leftover)"
        ),
        _h_pair("remainder"),
    ),
    (anchored(rf"{_E} divided by {_E} (?:leaves|gives|has) (?:what|which) remainder"), _h_pair("remainder")),
    (
        anchored(
            rf"(?:(?:if|when|once) )?(?:you |we |i )?(?:divide|dividing) {_E} by {_E}(?:,? (?:then )?what(?:'s| is| will be| "
            r"would be)? (?:the |your )?|,? (?:and|then) (?:tell me|give|find|report|state|say|write down|work out) "
            r"(?:the |your |what )?)(?:remainder|left over|leftover|is left)(?: (?:do|would|will|did) (?:you|i|we) get| is left| "
            r"remains| is| you get)?"
        ),
        _h_pair("remainder"),
    ),
    (
        anchored(
            rf"(?:the )?remainder (?:of|when|for|from) {_E} (?:on|upon|after|under|in|when) (?:division|dividing) by {_E}"
        ),
        _h_pair("remainder"),
    ),
    (
        anchored(
            rf"(?:if|when|once) {_E} is divided by {_E},? what remainder (?:is left|remains|do you get|is there|results|"
            r"comes out|is left over)"
        ),
        _h_pair("remainder"),
    ),
    (
        anchored(rf"(?:the )?remainder (?:of|for) {_E},? when (?:it is |it's )?divided by {_E}"),
        _h_pair("remainder"),
    ),
    (anchored(rf"(?:the )?remainder (?:of|from|for|when) {_E} ?/ ?{_E}"), _h_pair("remainder")),
    (anchored(_E + r" (?:mod|modulo) " + _E), _h_pair("remainder")),
    (
        anchored(
            r"(?:list )?(?:all |every |each )?(?:the )?(?:distinct )?prime (?:factors?|divisors?) (?:of|in) "
            + _E
        ),
        _h_one("prime_factors"),
    ),
    (anchored(r"(?:the )?prime factori[sz]ation of " + _E), _h_one("prime_factors")),
    (
        anchored(
            rf"(?:which|what) {_PRIMES} (?:divide|go into|go evenly into|are factors of|are divisors of|make up|"
            rf"appear in|are in|compose|occur in|are there in|multiply to(?: make| give)?){_EXACTLY} {_E}"
        ),
        _h_one("prime_factors"),
    ),
    (anchored(rf"(?:which|what) {_PRIMES} (?:does|do) {_E} have"), _h_one("prime_factors")),
    (anchored(rf"{_E}'s (?:distinct )?prime (?:factors|divisors)"), _h_one("prime_factors")),
    (
        anchored(
            rf"(?:all |every )?(?:the )?(?:distinct )?prime numbers? (?:that|which) (?:are (?:factors|divisors) of|divide|"
            rf"go into|are in){_EXACTLY} {_E}"
        ),
        _h_one("prime_factors"),
    ),
    (
        anchored(
            rf"(?:factor|break|decompose|split|factori[sz]e) {_E} into (?:its )?primes?(?: factors)?,? (?:and|then|:|;) "
            rf"(?:tell me |list |give |name |say |show )?(?:which|what|the) {_PRIMES}(?: that)?(?: are| do)? (?:show up|"
            r"appear|are there|you get|are involved|occur|are used|come out|it has)"
        ),
        _h_one("prime_factors"),
    ),
    (
        anchored(
            rf"(?:factor|break|decompose|split|factori[sz]e|write) {_E} (?:into|as a product of) (?:its )?primes?"
            rf"(?: factors)?,? (?:and|then|and then|:|;) (?:list|give|name|state|write down|tell me) (?:all )?(?:the |its )?"
            rf"{_PRIMES}"
        ),
        _h_one("prime_factors"),
    ),
    (
        anchored(
            rf"(?:break|factor|decompose|split|factori[sz]e|write) {_E} (?:into|as a product of) (?:its )?primes?"
            rf"(?: factors)?[:,;]? (?:which|what) {_PRIMES}(?: are| do)? (?:appear|are there|do you get|you get|"
            r"are involved|show up|occur|are used|come out|does it have)"
        ),
        _h_one("prime_factors"),
    ),
    (
        anchored(r"(?:list )?(?:all )?(?:the )?(?:positive )?(?:factors|divisors) of " + _E),
        _h_one("divisors"),
    ),
    (
        anchored(r"how many (?:positive )?(?:factors|divisors) (?:does|has) " + _E + r"(?: have)?"),
        _h_one("divisor_count"),
    ),
    (anchored(r"(?:the )?number of (?:positive )?(?:factors|divisors) of " + _E), _h_one("divisor_count")),
    (anchored(r"(?:the )?(\w+(?: \w+)?) digit (?:of|in) " + _E), _h_place),
    (
        anchored(
            r"(?:which|what) (?:digit|number) (?:sits|is|appears|lies|stands|occupies|goes|is found|do you see|fills)"
            rf"(?: in| at| in the position of)? the (\w+(?: \w+)?) (?:place|position|column|spot)(?: of| in) {_E}"
        ),
        _h_place,
    ),
    (
        anchored(
            rf"(?:what|which) digit (?:does|do) {_E} have (?:in|at) the (\w+(?: \w+)?) (?:place|position|column)"
        ),
        _h_place_rev,
    ),
    (
        anchored(rf"(?:the )?digit (?:in|at) the (\w+(?: \w+)?) (?:place|position|column) (?:of|in) {_E}"),
        _h_place,
    ),
    (anchored(rf"(?:which|what) digit is the (\w+(?: \w+)?) digit (?:of|in) {_E}"), _h_place),
    (
        anchored(
            rf"(?:which|what) digit (?:of|in) {_E} (?:is|sits|lies|appears|stands) (?:in|at) the (\w+(?: \w+)?) "
            r"(?:place|position|column)"
        ),
        _h_place_rev,
    ),
    (anchored(r"(?:the )?median (?:value )?of " + _E), _h_median),
    # Equations.
    (
        anchored(
            rf"solve for ([a-z]\w?)(?:[:,]| in| where| if| given that| given| from| using)? {_E}{_HOLD}"
        ),
        _h_solve_for,
    ),
    (anchored(rf"solve for the (?:unknown|variable)s?(?: in)?[:,]? {_E}"), _h_solve_any),
    # "Where does P equal 0?", "When is P zero?": the zeros of P
    (
        anchored(
            rf"(?:where|when|at what points?|at which points?) (?:does|do|is|are|will|would) {_E} (?:(?:(?:equal|equals|=|be|"
            r"become|hit|reach|cross|take the value|come out (?:to|as)|evaluate to)(?: to)? )?(?:0|zero)|vanish)"
        ),
        _h_zero_of,
    ),
    (
        anchored(
            rf"(?:the |all the |every |each |all )?(?:possible |real )?(?:solutions?|roots?|values?) (?:for|of) {_V} "
            rf"(?:in|of|to|from|for|satisfying|that satisf(?:y|ies)) {_E}{_HOLD}"
        ),
        _h_solve_for,
    ),
    (
        anchored(
            rf"(?:the |all the |all )?(?:possible |real )?(?:solutions?|roots?|values?) {_V} (?:of|to|for|in|satisfying) "
            rf"(?:the equation )?{_E}"
        ),
        _h_solve_for,
    ),
    (
        anchored(
            rf"what values? (?:can|could|might|does|do|may|will) {_V} (?:take|have|be)(?: on)? (?:if|when|given|such that|for) {_E}"
        ),
        _h_solve_for,
    ),
    (
        anchored(
            r"(?:all |all the |every |the )?(?:possible |real |possible real )?(?:values?|solutions?) (?:of|for) ([a-z])"
        ),
        _h_variable,
    ),
    (anchored(rf"([a-z]\w?) ?: ?{_E}"), _h_solve_for),
    (
        anchored(
            r"solve (?:the )?(?:system of equations|system|equations|equation)?:? ?"
            + _E
            + r"(?: for (?:all |every |each |the unknown |the variable )?([a-z]\w*))?"
            + r"(?:,? and (?:list|give|find|state|report) (?:all |every )?(?:the )?(?:solutions|roots|values|answers))?"
        ),
        _h_solve,
    ),
    (
        anchored(
            rf"(?:which|what) (?:values?|numbers?|choices?|real numbers?|integers?)(?: of| for)? {_V},? {_SOLVE_VERB} "
            rf"{_E}{_HOLD}"
        ),
        _h_solve_for,
    ),
    (
        anchored(
            rf"(?:every|all|each|the|any|all the|all of the)(?: possible)?(?: real)?(?: values? of| solutions? for| roots? for)? {_V} "
            r"(?:for which|such that|so that|that satisf(?:y|ies)|that solves?|that makes?|satisfying|solving|making|"
            rf"where|with) {_E}{_HOLD}"
        ),
        _h_solve_for,
    ),
    (
        anchored(
            rf"for (?:which|what)(?: values? of| numbers?| real)? {_V},? (?:does|do|is|will|would|can|are) {_E} "
            r"(?:hold|true|hold true|work|be true|come true|satisfied|equal zero)"
        ),
        _h_solve_for,
    ),
    (anchored(rf"(?:which|what)(?: values? of)? {_V} {_SOLVE_VERB} {_E}{_HOLD}"), _h_solve_for),
    (
        anchored(rf"for (?:which|what)(?: values? of| numbers?| real)? {_V},? (?:is|are|does|do|will|would) {_E}"),
        _h_solve_for,
    ),
    (
        anchored(
            r"(?:the |all the |every |each |all |all of the )?(?:real )?(?:roots?|solutions?|zeros?|zeroes) "
            rf"(?:of|to) {_E} for {_V}"
        ),
        reordered(_h_solve_for, (1, 0)),
    ),
    (
        anchored(rf"(?:the )?values? of {_V} (?:that|which) {_SOLVE_VERB} {_E}{_HOLD}"),
        _h_solve_for,
    ),
    (
        anchored(
            rf"what (?:must|should|does|would|has to|needs to) {_V} (?:be|equal) (?:for|if|so that|to make|in) {_E}"
            r"(?: (?:to )?(?:hold|be true|work))?"
        ),
        _h_solve_for,
    ),
    (
        anchored(
            rf"([a-z]\w?),? (?:such that|so that|given that|if|where|when|for which|satisfying|from|with|using|"
            r"(?:that|which) (?:satisf(?:y|ies)|solves?|makes?)|making|solving) "
            rf"{_E}{_HOLD}"
        ),
        _h_solve_for,
    ),
    (anchored(r"([a-z]\w?) in " + _E), _h_solve_for),
    (
        anchored(
            r"(?:the |all the |every |each |all |all of the )?(?:real )?(?:roots?|solutions?|zeros?|zeroes) "
            r"(?:of|to|for) (?:the equation |the polynomial )?" + _E
        ),
        _h_roots_of,
    ),
    # Polynomials.
    (
        anchored(
            r"(?:completely |fully )?(?:factor|factorise|factorize)(?: completely| fully)? "
            + _E
            + r"(?: completely| fully)?"
        ),
        _h_factor,
    ),
    (
        anchored(
            rf"(?:write|express|put|give|rewrite|present|show) {_E} (?:in|as a) (?:fully )?factor(?:i[sz])?ed (?:form|expression)"
        ),
        _h_factor,
    ),
    (anchored(rf"{_E} in (?:fully |completely )?factor(?:i[sz])?ed form"), _h_factor),
    (anchored(rf"{_E},? (?:fully |completely )?factor(?:i[sz])?ed(?: completely| fully)?"), _h_factor),
    (anchored(rf"how (?:does|do|would|can|will) {_E} factor(?: completely| fully)?"), _h_factor),
    (
        anchored(
            rf"what does {_E} look like (?:when|once|after being|if) (?:fully |completely )?factor(?:i[sz])?ed"
        ),
        _h_factor,
    ),
    (
        anchored(
            rf"(?:break|split|decompose|write|express|rewrite|put) {_E} (?:into|as a product of)"
            r"(?: (?:linear|irreducible|its|simpler))? factors"
        ),
        _h_factor,
    ),
    (
        anchored(rf"(?:the )?(?:factori[sz]ation|factored form|factorised form|factorized form) of {_E}"),
        _h_factor,
    ),
    (anchored(rf"{_EXPAND}{_AND_TIDY}? {_E}{_AND_TIDY}?"), _h_expr("expand")),
    (anchored(rf"(?:the )?(?:expanded form|expansion|expanded version) of {_E}"), _h_expr("expand")),
    (
        anchored(
            rf"(?:write|express|give|put|rewrite|present) {_E} (?:as an? |in )(?:expanded|multiplied-out|fully expanded)"
            r"(?: polynomial| form| expression)?"
        ),
        _h_expr("expand"),
    ),
    (
        anchored(
            rf"{_E},? (?:once|when|after|with) (?:everything (?:is|has been) |it(?:'s| is| has been) |"
            r"you(?:'ve| have) |we(?:'ve| have) |all the brackets are |the brackets are )?"
            r"(?:multiplied out|expanded|opened up)(?: and (?:combined|simplified|collected|tidied up))?"
        ),
        _h_expr("expand"),
    ),
    (anchored(r"d([a-z])/d([a-z]),? (?:of |for |if |when |where |given )?" + _E), _h_dy_dx),
    (anchored(r"([a-z])('{1,3})\(([a-z])\)"), _h_prime_notation),
    (anchored(r"(\d[\d.,]*) x (\d[\d.,]*)"), _h_times_x),
    (
        anchored(
            r"(?:collect|combine|gather|group) (?:the |all the |all )?(?:like |similar )?terms(?: in| of| for)?:? "
            + _E
        ),
        _h_expr("collect"),
    ),
    (
        anchored(
            rf"(?:simplify|tidy up|clean up|reduce) {_E},? by (?:combining|collecting|gathering|grouping) "
            r"(?:the |all the )?(?:like |similar )?terms"
        ),
        _h_expr("collect"),
    ),
    (
        anchored(
            rf"{_E},? (?:after|once|when|on) (?:collecting|combining|gathering|grouping|(?:you|we) (?:collect|combine|gather|group)) "
            r"(?:the |all the )?(?:like |similar )?terms"
        ),
        _h_expr("collect"),
    ),
    (
        anchored(rf"(?:put|plug|substitute|sub|insert|set) ([a-z]) ?(?:=|to|as) ?{_E} (?:into|in) {_E}"),
        _h_substituted,
    ),
    (
        anchored(rf"(?:put|plug|substitute|sub|insert) {_E} (?:in )?for ([a-z]) in(?:to)? {_E}"),
        _h_substituted_rev,
    ),
    (anchored(r"(?:simplify )?" + _E + r" assuming ([a-z]\w*) is positive"), _h_simplify_pos),
    (
        anchored(
            r"(?:for|with|given|assuming|assume|if|taking|suppose|let|say) (?:a )?positive ([a-z])(?: value)?,? (.+)"
        ),
        _h_positive,
    ),
    (
        anchored(
            rf"(?:assuming|assume|given|suppose|if|with|let|say|for|taking)(?: that)? ([a-z]) {_POSITIVE}"
            r"(?:,| and| then|, then|, and|[.;:])? (.+)"
        ),
        _h_positive,
    ),
    (
        anchored(rf"{_E},? (?:assuming|given|if|where|with|for|when|provided) (?:that )?([a-z]) {_POSITIVE}"),
        _h_positive,
    ),
    (
        anchored(
            rf"(?:(?:if|when|once|after) (?:you |we |i )?)?{_REWRITE} {_E} {_FORM} {_E}(?:,| and| then|, then|, and)? "
            rf"{_ASK_NAME} ([a-z]\w*)(?: be| equal| have| take| come to| come out to| come out as| work out to)?"
        ),
        _h_coeff_named,
    ),
    (
        anchored(
            rf"(?:when|once|after|if|suppose|say|assume) {_E} is (?:written|expressed|rewritten|rearranged|put) {_FORM} "
            rf"{_E}[,.;:]? "
            rf"{_ASK_NAME} ([a-z]\w*)(?: be| equal| come to| come out to| come out as| work out to)?"
        ),
        _h_coeff_named,
    ),
    (
        anchored(rf"{_REWRITE} {_E} {_FORM} {_E} and give ([a-z]\w*)"),
        _h_coeff_named,
    ),
    (
        anchored(
            rf"what(?:'s| is) ([a-z]) (?:when|if|once|after) {_E} is (?:written|expressed|rewritten|rearranged|put) "
            rf"{_FORM} {_E}"
        ),
        reordered(_h_coeff_named, (1, 2, 0)),
    ),
    (anchored(r"(?:the )?coefficient of " + _E + r" in " + _E), _h_coeff),
    # "the x coefficient of P", "the x**2 coefficient in P": the term named before the noun
    (anchored(r"(?:the )?([a-z](?:\*\*\d{1,2}|\^\d{1,2})?)[- ]coefficient (?:of|in) " + _E), _h_coeff),
    (anchored(r"(?:the )?constant(?: term| coefficient| part)? (?:of|in) " + _E), _h_constant_term),
    # Sequences.
    (anchored(r"what comes next:? " + _E), _h_next),
    (
        anchored(
            rf"(?:the )?(?:term|number|value) (?:that|which) (?:follows|comes after|comes next in) {_SEQUENCE}{_E}"
        ),
        _h_next,
    ),
    (
        anchored(rf"{_E}[:,;] (?:the |what(?:'s| is) the )?(?:next|following) (?:term|number|value|one)"),
        _h_next,
    ),
    (
        anchored(
            r"(?:the )?(?:next|following)(?: (?:number|term|value|one|element|entry|item))?"
            rf"(?: (?:in|of|after|for|following) {_SEQUENCE}|[:,] ?){_E}"
        ),
        _h_next,
    ),
    (
        anchored(
            r"(?:which|what) (?:number|term|value|one) (?:(?:would|will|should|could|might|does) )?(?:continues|continue|"
            r"comes next in|come next in|extends|extend|follows (?:on )?(?:in|from)|follow (?:on )?(?:in|from)) "
            rf"{_SEQUENCE}{_E}"
        ),
        _h_next,
    ),
    (
        anchored(
            rf"(?:what|which) {_NEXT}(?:comes|follows|goes) (?:right |immediately )?after {_E} in {_SEQUENCE}{_E}"
        ),
        _h_next_after,
    ),
    # "What's after 20 in 5, 10, 15, 20?" (the lead "what's" read off), "the number after 20 in ..."
    (
        anchored(
            rf"(?:the )?(?:next )?{_NEXT}(?:(?:that )?(?:comes|follows|goes|would be|will be|should be) )?"
            rf"(?:right |immediately |directly |just )?after {_E} in {_SEQUENCE}{_E}"
        ),
        _h_next_after,
    ),
    (
        anchored(
            rf"(?:what|which) {_NEXT}(?:comes|should come|would come|will come|goes|is) (?:next )?(?:after|in|following|next in) "
            rf"{_SEQUENCE}{_E}"
        ),
        _h_next,
    ),
    (anchored(rf"(?:what|which) {_NEXT}follows:? {_E}"), _h_next),
    (
        anchored(
            r"what (?:should|would|will|might|could|must|ought to) the (?:next|following)(?: number| term| value| one| "
            rf"element| entry| item)? be (?:in|of|for|after) {_SEQUENCE}{_E}"
        ),
        _h_next,
    ),
    (
        anchored(
            rf"(?:continue|extend|carry on)(?: with)? {_SEQUENCE}{_E}(?: (?:by|with) (?:one|1|a single|another)"
            r"(?: more)? (?:term|number|step|value|element))?"
        ),
        _h_next,
    ),
    (
        anchored(
            rf"{_E},? (?:what(?:'s| is| comes| would come) next|what comes after|what follows|and then what)"
        ),
        _h_next,
    ),
    (
        anchored(
            rf"(?:a |an |the )?(?:formula|expression|rule|equation|general formula) (?:for|giving|of) (?:the )?([a-z])"
            rf"(?:-?'?(?:th|st|nd|rd))? term (?:of|in|for) {_SEQUENCE}{_E}{_IN_TERMS}"
        ),
        _h_nth,
    ),
    # "a formula in j for the j'th term of ...": the variable named before the term
    (
        anchored(
            r"(?:a |an |the )?(?:formula|expression|rule|equation|general formula) (?:in|in terms of|using) ([a-z]) "
            rf"(?:for|giving|of) (?:the )?([a-z])(?:-?'?(?:th|st|nd|rd))? term (?:of|in|for) {_SEQUENCE}{_E}"
        ),
        reordered(_h_nth, (1, 2, 0)),
    ),
    (
        anchored(rf"(?:the )?([a-z])(?:-?'?(?:th|st|nd|rd))? term (?:of|in|for) {_SEQUENCE}{_E}{_IN_TERMS}"),
        _h_nth,
    ),
    (
        anchored(
            rf"(?:the |a )?([a-z])(?:-?'?(?:th|st|nd|rd))? term (?:of|in|for) {_SEQUENCE}{_E}{_IN_TERMS}"
        ),
        _h_nth,
    ),
    (
        anchored(
            rf"(?:the |a )?([a-z])(?:-?'?(?:th|st|nd|rd))? term (?:formula|expression|rule) (?:for|of|in) {_SEQUENCE}{_E}"
        ),
        _h_nth,
    ),
    (
        anchored(
            rf"what (?:formula|expression|rule) gives the ([a-z])(?:-?'?(?:th|st|nd|rd))? term (?:of|in|for) "
            rf"{_SEQUENCE}{_E}"
        ),
        _h_nth,
    ),
    (
        anchored(
            rf"(?:using|with|taking|calling) ([a-z]) (?:for|as) the (?:position|index|term number|term index|place|"
            r"number of the term)[,:]? (?:what|which|find|give|write)(?: is)? (?:a |the )?(?:formula|expression|rule) "
            rf"(?:that )?(?:generates|gives|produces|describes|fits|for|of) {_SEQUENCE}{_E}"
        ),
        _h_nth,
    ),
    (
        anchored(
            rf"(?:the |a )?([a-z])(?:-?'?(?:th|st|nd|rd))? term(?: as an? (?:formula|expression|function)(?: (?:in|of) [a-z])?)?"
            rf"[:,] {_E}"
        ),
        _h_nth,
    ),
    (
        anchored(
            rf"(?:the |a |an )?(?:general |nth |n-th )?(?:term|formula|expression|rule),? (?:in terms of|as a function of|"
            rf"using) ([a-z]),? (?:for|of|in) {_SEQUENCE}{_E}"
        ),
        _h_nth,
    ),
    (
        anchored(
            rf"(?:the |a )?(?:general|nth|n-th) term,? (?:as a function of|in terms of|using) ([a-z]),? "
            rf"(?:of|for|in) {_SEQUENCE}{_E}"
        ),
        _h_nth,
    ),
    (
        anchored(
            rf"(?:the |a )?(?:general|nth|n-th) term (?:of|for|in) {_SEQUENCE}{_E},? (?:as a function of|in terms of|using) ([a-z])"
        ),
        _h_nth_rev,
    ),
    # Choosing, ordering, quantities, bases.
    *CHOICE_RULES,
    *BASE_RULES,
    *UNIT_RULES,
    (anchored(_E + r" is what (?:percent|percentage) of " + _E), _h_percent_of),
    (anchored(r"what (?:percent|percentage) (?:of )?" + _E + r" is " + _E), _h_percent_of_rev),
    (anchored(r"what (?:percent|percentage) is " + _E + r" of " + _E), _h_percent_of),
    (
        anchored(r"(?:express |write |convert )?" + _E + r",? (?:as|in|to|into) (?:a )?decimals?(?: form)?"),
        _h_as_decimal,
    ),
    (
        anchored(
            r"(?:express |write |convert )?" + _E + r",? (?:as|in|to|into) (?:a )?(?:percent|percentage)"
        ),
        _h_as_percent,
    ),
]

_VARIABLE = re.compile(
    r",? (?:if|where|when|with|taking|treating|considering|and) ([a-z]) (?:is|as|being) the (?:only )?"
    r"(?:independent )?variable$",
    re.I,
)
