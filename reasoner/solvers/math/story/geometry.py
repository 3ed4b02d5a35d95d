"""Shapes measured: "A rectangle has an area of 360 square centimeters. It is 20 centimeters long. What is its perimeter?"

Each number of the text must measure one part of one shape: a side ("8 inches wide", "the length of ... is 75
meters", "measures 12 feet by 10 feet", "sides that measure 15 cm"), its area ("an area of 50 square miles",
"35 square feet"), its perimeter, or a circle's radius, diameter or circumference; a relation between two parts
("the width is twice its length") may replace a number. The shape is told by its word (rectangle, square,
circle, an equilateral triangle or a regular polygon named by its sides); a thing told only by its width and
length (or height) and area is a rectangle. The question asks the parts it names that no number measures.
The definitions: area = width * length, perimeter = 2 * (width + length) (a square's sides are equal, and its side is the
square root of its area when that root is exact; a regular polygon's perimeter is its sides times one side), a diameter is two radii and a circumference
3.14 diameters (the school value of pi, said in the work).
"""

from __future__ import annotations

from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.parser import Relation
from reasoner.solvers.math.story import linear
from reasoner.solvers.math.story.more import KindAnswer, eliminate, eq, sentences, solved
from reasoner.solvers.math.story.units import canonical
from reasoner.solvers.math.story.words import Tok, noun_lemma
from reasoner.solvers.math.tree import Bin, Name, Num

_LENGTHS = frozenset("inch foot yard mile millimeter centimeter meter kilometer unit".split())
_ADJ = {"wide": "w", "broad": "w", "long": "b", "tall": "b", "high": "b"}
_NOUN = {"width": "w", "breadth": "w", "length": "b", "height": "b", "area": "A", "perimeter": "P",
         "side": "s", "radius": "r", "diameter": "d", "circumference": "C"}
_POLYGONS = {"pentagon": 5, "pentagonal": 5, "hexagon": 6, "hexagonal": 6, "octagon": 8, "octagonal": 8}
_FILL = frozenset("is was are were be of a an the its it has had have with total surface measures measure "
                  "measuring measured that which".split())
_TIMES = {"twice": Fraction(2), "double": Fraction(2), "thrice": Fraction(3), "half": Fraction(1, 2)}
PI = Fraction(314, 100)
_ASKS = frozenset("find what how calculate determine".split())


def _unit_at(toks: list[Tok], k: int) -> tuple[str, bool, int]:
    """(length unit, is an area, index after) of the words after a number at k, or ("", False, k + 1)."""
    j, area = k + 1, False
    if j < len(toks) and toks[j].low in ("square", "sq"):
        area, j = True, j + 1
        if j < len(toks) and toks[j].text == ".":
            j += 1
    if j < len(toks):
        unit = canonical(noun_lemma(toks[j].low) if toks[j].low not in ("feet", "ft", "feets") else "foot")
        if unit in _LENGTHS:
            return unit, area, j + 1
    return "", False, k + 1


def _shape(words: set[str], dims: set[str]) -> str:
    shapes = set()
    if words & {"rectangle", "rectangular"}:
        shapes.add("rectangle")
    if "square" in words:
        shapes.add("square")
    if words & {"circle", "circular", "round"} or dims & {"r", "d", "C"}:
        shapes.add("circle")
    if "equilateral" in words:
        shapes.add("triangle")
    shapes |= {f"polygon{n}" for w, n in _POLYGONS.items() if w in words}
    if len(shapes) > 1:
        raise ParseError("more than one shape is told")
    if shapes:
        return shapes.pop()
    if dims <= {"w", "b", "A"} and "w" in dims:
        return "rectangle"  # a thing told by its width and length (or area) only
    raise ParseError("no shape is told")


def _dimension_before(toks: list[Tok], k: int) -> str:
    """The part named before a number ("the perimeter of the lot is 60"): the nearest part noun of its clause."""
    j = k - 1
    while j >= 0 and toks[j].sent == toks[k].sent and not toks[j].is_num and toks[j].low not in (",", "if", "and"):
        lemma = noun_lemma(toks[j].low)
        if lemma in _NOUN:
            return _NOUN[lemma]
        j -= 1
    return ""


def _read_numbers(toks: list[Tok]) -> tuple[dict[str, Fraction], str, list[int]]:
    """Each number as the part it measures; (parts, length unit, indices read)."""
    told: dict[str, Fraction] = {}
    unit_seen: set[str] = set()
    used: list[int] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        if not t.is_num:
            k += 1
            continue
        unit, area, after = _unit_at(toks, k)
        if not unit:
            raise ParseError(f"the number {t.text} measures no length or area")
        unit_seen.add(unit)
        nxt = toks[after].low if after < len(toks) else ""
        if nxt == "by" and after + 1 < len(toks) and toks[after + 1].is_num and not area:
            unit2, _, after2 = _unit_at(toks, after + 1)
            if unit2 != unit:
                raise ParseError("the two sides are measured in different units")
            _put(told, "b", t.value)
            _put(told, "w", toks[after + 1].value)
            used += [k, after + 1]
            k = after2
            continue
        before = _dimension_before(toks, k)
        if area:
            part = "A"
            if before not in ("", "A"):
                raise ParseError("a square measure of something else than the area")
        elif nxt in _ADJ:
            part = "s" if before == "s" else _ADJ[nxt]
            if before not in ("", "s", part):
                raise ParseError("the part measured is told twice, differently")
        elif before and before != "A":
            part = before
        else:
            raise ParseError(f"what {t.text} {unit}s measures is not told")
        _put(told, part, t.value)
        used.append(k)
        k = after
    if len(unit_seen) != 1:
        raise ParseError("the measures are in different units, or none")
    return told, unit_seen.pop(), used


def _put(told: dict[str, Fraction], part: str, value: Fraction) -> None:
    if part in told:
        raise ParseError("one part is measured twice")
    told[part] = value


def _relations(toks: list[Tok]) -> list[Relation]:
    """ "The length ... is twice its width", "The width is 3 times the length": one part times another."""
    out = []
    for sent in sentences(toks):
        low = [t.low for t in sent]
        for k, w in enumerate(low):
            factor = _TIMES.get(w)
            skip = 1
            if factor is None and sent[k].is_num and k + 1 < len(low) and low[k + 1] == "times":
                factor, skip = sent[k].value, 2
            if factor is None or w == "half" and low[k + 1:k + 2] != ["of"] and low[k + 1:k + 3] != ["its"]:
                continue
            left = next((_NOUN[noun_lemma(x)] for x in reversed(low[:k]) if noun_lemma(x) in _NOUN), "")
            rest = [x for x in low[k + skip:] if x not in ("its", "the", "of", "as", "that", "times")]
            right = _NOUN.get(noun_lemma(rest[0]), "") if rest else ""
            if left and right and left != right and left in "wb" and right in "wb":
                out.append(eq(Name(left), Bin("*", linear.num(factor), Name(right))))
    return out


def _definitions(shape: str) -> list[Relation]:
    w, b, s, r, d = (Name(v) for v in "wbsrd")
    if shape == "rectangle":
        return [eq(Name("A"), Bin("*", w, b)), eq(Name("P"), Bin("*", Num("2"), Bin("+", w, b)))]
    if shape == "square":
        return [eq(w, s), eq(b, s), eq(Name("A"), Bin("*", s, s)), eq(Name("P"), Bin("*", Num("4"), s))]
    if shape == "circle":
        return [eq(d, Bin("*", Num("2"), r)), eq(Name("C"), Bin("*", linear.num(PI), d)),
                eq(Name("A"), Bin("*", linear.num(PI), Bin("*", r, r)))]
    sides = 3 if shape == "triangle" else int(shape.removeprefix("polygon"))
    return [eq(Name("P"), Bin("*", Num(str(sides)), s))]


def _solve(told: dict[str, Fraction], rules: list[Relation]) -> dict[str, Fraction]:
    """Every part the rules determine from the told ones (a product waits until one factor is known)."""
    known = dict(told)
    while True:
        forms = [linear._add(linear.linear(r.left, known), linear._scale(linear.linear(r.right, known), Fraction(-1)))
                 for r in rules if _linear_now(r, known)]
        new = {v: x for v, x in eliminate(forms).items() if v not in known}
        if not new:
            return known
        known.update(new)


def _square_root(area: Fraction) -> Fraction | None:
    """The side of a square of this area, when it is a whole (or exact) root."""
    import math

    n, d = area.numerator, area.denominator
    rn, rd = math.isqrt(n), math.isqrt(d)
    return Fraction(rn, rd) if rn * rn == n and rd * rd == d and n > 0 else None


def _linear_now(rule: Relation, known: dict[str, Fraction]) -> bool:
    try:
        linear.linear(rule.left, known)
        linear.linear(rule.right, known)
    except linear.NotLinear:
        return False
    return True


def _asked(question: list[Tok]) -> list[str]:
    low = [t.low for t in question]
    out = []
    for k, w in enumerate(low):
        part = _NOUN.get(noun_lemma(w), "")
        if not part and k and low[k - 1] == "how" and w in _ADJ:
            part = _ADJ[w]
        if part and part not in out and not any(t.is_num for t in question[k + 1:k + 3]):
            out.append(part)
    return out


def read(toks: list[Tok]) -> KindAnswer | None:
    """The asked parts of a measured shape, or None when the text asks no part of a shape.

    Raises:
        ParseError: parts are asked but a number is not a part of the shape, or the parts do not determine them.
    """
    sents = sentences(toks)
    if not sents or not sents[-1] or sents[-1][0].low not in _ASKS and sents[-1][-1].text != "?":
        return None
    question = [t for t in sents[-1] if t.sent == sents[-1][0].sent]
    if not any(t.is_num for t in question):
        asked = _asked(question)
    else:  # "Find the width if its height measures 40 ft.": the parts asked are those without a number
        cut = next(k for k, t in enumerate(question) if t.low in ("if", "when") or t.is_num)
        asked = _asked(question[:cut]) or _asked(question[cut:])
    if not asked:
        return None
    _whole_shape_asked(question, toks)
    told, unit, _used = _read_numbers(toks)
    words = {t.low for t in toks if not (t.low == "square" and _after_unit(toks, t))}
    shape = _shape(words, set(told) | set(asked))
    if "s" in asked and shape != "rectangle":
        asked = [a for a in asked if a not in ("w", "b")]  # "the length of each side" asks the side
    if any(a in told for a in asked):
        raise ParseError("the asked part is a number of the text")
    if shape == "rectangle" and {"A", "P"} <= set(told):
        raise ParseError("an area and a perimeter give a quadratic, not read")
    if shape == "circle" and "A" in told:
        raise ParseError("a radius from an area needs a square root, not read")
    if shape == "rectangle" and "s" in set(told) | set(asked):
        raise ParseError("a side of a rectangle is not one part")
    rules = _definitions(shape) + _relations(toks)
    known = _solve(told, rules)
    if shape == "square" and "A" in known and "s" not in known:
        side = _square_root(known["A"])  # "a square ... has an area of 64 square centimeters": a side of 8
        if side is not None:
            known = _solve({**told, "s": side}, rules)
    if any(a not in known for a in asked):
        raise ParseError("the measures told do not determine the asked part")
    equations = [eq(Name(k), linear.num(v)) for k, v in told.items()]
    equations += [_numbered(r, known, set(asked)) for r in rules if _involved(r, known)]
    order = list(asked)
    names = {a: ("x" if i == 0 else f"x{i + 1}") for i, a in enumerate(order)}
    equations = [_rename(e, names) for e in equations]
    answer = solved(equations, "geometry", unit if asked[0] not in "A" else f"square {unit}",
                    tuple(names[a] for a in order))
    if shape == "circle":
        answer.work = f"{answer.work} (pi taken as 3.14)"
    return answer


_PART_OF = frozenset("not remaining rest left other uncovered except that which".split())


def _whole_shape_asked(question: list[Tok], toks: list[Tok]) -> None:
    """The question asks a part of the whole shape the story measures: "the area of the border", "the area of
    the garden that is not taken up by the pond" or "of the remaining paper" ask another region."""
    low = [t.low for t in question]
    if set(low) & _PART_OF:
        raise ParseError("the question asks a region other than the shape measured")
    story = {noun_lemma(t.low) for t in toks if t.sent < question[0].sent}
    for k, w in enumerate(low[:-2]):
        if w == "of" and low[k + 1] in ("the", "a", "its", "this") and low[k + 2] not in ("the",):
            noun = next((noun_lemma(x) for x in low[k + 2:] if x.isalpha() and noun_lemma(x) not in _NOUN), "")
            if noun and noun not in story and noun not in _SHAPE_WORDS:
                raise ParseError(f"the question asks about the {noun}, which the story does not measure")


_SHAPE_WORDS = frozenset("rectangle square circle triangle shape figure it".split())


def _after_unit(toks: list[Tok], t: Tok) -> bool:
    """ "square" of "50 square miles" is a unit, not the shape."""
    k = next(i for i, x in enumerate(toks) if x is t)
    return k > 0 and toks[k - 1].is_num


def _involved(rule: Relation, known: dict[str, Fraction]) -> bool:
    from reasoner.solvers.math.tree import names

    return bool(names(rule.left) | names(rule.right)) and (names(rule.left) | names(rule.right)) <= set(known)


def _numbered(rule: Relation, known: dict[str, Fraction], asked: set[str]) -> Relation:
    """A product of two parts keeps one unknown: the other factor (not an asked one) is written as its value."""
    return Relation(_linear_node(rule.left, known, asked), "=", _linear_node(rule.right, known, asked))


def _linear_node(node: object, known: dict[str, Fraction], asked: set[str]) -> object:
    from reasoner.solvers.math.tree import names

    if isinstance(node, Bin):
        left, right = _linear_node(node.left, known, asked), _linear_node(node.right, known, asked)
        if node.op in "*/" and names(left) and names(right):
            if names(right) & asked and not names(left) & asked:
                left, right = right, left
            return Bin(node.op, left, linear.num(linear.value_of(right, known)))
        return Bin(node.op, left, right)
    return node


def _rename(e: Relation, names: dict[str, str]) -> Relation:
    def go(node: object) -> object:
        if isinstance(node, Name):
            return Name(names.get(node.id, node.id if node.id not in names.values() else node.id + "_"))
        if isinstance(node, Bin):
            return Bin(node.op, go(node.left), go(node.right))
        return node

    return Relation(go(e.left), "=", go(e.right))
