"""Units of length, mass, volume and time: names, abbreviations and exact factors.

Conversions use exact factors from this table; :func:`sympy_factor` recomputes
each factor through ``sympy.physics.units`` as an independent check.
"""

from __future__ import annotations

from fractions import Fraction

# unit -> (dimension, factor to the base unit: metre, gram, litre, second)
_TABLE: dict[str, tuple[str, Fraction]] = {
    "nanometer": ("length", Fraction(1, 10**9)),
    "micrometer": ("length", Fraction(1, 10**6)),
    "millimeter": ("length", Fraction(1, 1000)),
    "centimeter": ("length", Fraction(1, 100)),
    "meter": ("length", Fraction(1)),
    "kilometer": ("length", Fraction(1000)),
    "inch": ("length", Fraction(254, 10000)),
    "foot": ("length", Fraction(3048, 10000)),
    "yard": ("length", Fraction(9144, 10000)),
    "mile": ("length", Fraction(1609344, 1000)),
    "nanogram": ("mass", Fraction(1, 10**9)),
    "microgram": ("mass", Fraction(1, 10**6)),
    "milligram": ("mass", Fraction(1, 1000)),
    "gram": ("mass", Fraction(1)),
    "kilogram": ("mass", Fraction(1000)),
    "tonne": ("mass", Fraction(10**6)),
    "pound": ("mass", Fraction(45359237, 10**5)),
    "ounce": ("mass", Fraction(45359237, 16 * 10**5)),
    "milliliter": ("volume", Fraction(1, 1000)),
    "centiliter": ("volume", Fraction(1, 100)),
    "liter": ("volume", Fraction(1)),
    "kiloliter": ("volume", Fraction(1000)),
    "gallon": ("volume", Fraction(3785411784, 10**9)),
    "quart": ("volume", Fraction(946352946, 10**9)),
    "pint": ("volume", Fraction(473176473, 10**9)),
    "cup": ("volume", Fraction(2365882365, 10**10)),
    "tablespoon": ("volume", Fraction(1478676478125, 10**14)),
    "teaspoon": ("volume", Fraction(492892159375, 10**14)),
    "nanosecond": ("time", Fraction(1, 10**9)),
    "microsecond": ("time", Fraction(1, 10**6)),
    "millisecond": ("time", Fraction(1, 1000)),
    "second": ("time", Fraction(1)),
    "minute": ("time", Fraction(60)),
    "hour": ("time", Fraction(3600)),
    "day": ("time", Fraction(86400)),
    "week": ("time", Fraction(7 * 86400)),
    "month": ("time", Fraction(365 * 86400, 12)),  # a twelfth of a year, as textbooks convert
    "year": ("time", Fraction(365 * 86400)),
    "decade": ("time", Fraction(3650 * 86400)),
    "century": ("time", Fraction(36500 * 86400)),
    "millennium": ("time", Fraction(365000 * 86400)),
}

_ALIASES = {
    "nm": "nanometer",
    "um": "micrometer",
    "mm": "millimeter",
    "cm": "centimeter",
    "m": "meter",
    "km": "kilometer",
    "in": "inch",
    "ft": "foot",
    "yd": "yard",
    "mi": "mile",
    "ng": "nanogram",
    "ug": "microgram",
    "mg": "milligram",
    "g": "gram",
    "kg": "kilogram",
    "t": "tonne",
    "ton": "tonne",
    "lb": "pound",
    "lbs": "pound",
    "oz": "ounce",
    "ml": "milliliter",
    "cl": "centiliter",
    "qt": "quart",
    "pt": "pint",
    "tbsp": "tablespoon",
    "tsp": "teaspoon",
    "l": "liter",
    "kl": "kiloliter",
    "ns": "nanosecond",
    "us": "microsecond",
    "ms": "millisecond",
    "s": "second",
    "sec": "second",
    "secs": "second",
    "min": "minute",
    "mins": "minute",
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "feet": "foot",
    "inches": "inch",
    "centuries": "century",
    "millennia": "millennium",
    "millenniums": "millennium",
}


TEMPERATURES = {
    "celsius": "celsius",
    "centigrade": "celsius",
    "c": "celsius",
    "fahrenheit": "fahrenheit",
    "f": "fahrenheit",
    "kelvin": "kelvin",
    "kelvins": "kelvin",
    "k": "kelvin",
}


def unit(word: str) -> str | None:
    """The canonical unit for a name, plural, British spelling or abbreviation, or None."""
    w = word.strip().lower().replace("metre", "meter").replace("litre", "liter")
    if w in TEMPERATURES:
        return TEMPERATURES[w]
    if w in _TABLE:
        return w
    if w in _ALIASES:
        return _ALIASES[w]
    if w.endswith("s") and w[:-1] in _TABLE:
        return w[:-1]
    if w.endswith("es") and w[:-2] in _TABLE:
        return w[:-2]
    return None


def factor(src: str, dst: str) -> Fraction:
    """How many ``dst`` make one ``src``; raises ValueError for different dimensions."""
    d1, f1 = _TABLE[src]
    d2, f2 = _TABLE[dst]
    if d1 != d2:
        raise ValueError(f"cannot convert {d1} ({src}) to {d2} ({dst})")
    return f1 / f2


_SYMPY_NAMES = {
    "meter": "meter",
    "kilometer": "kilometer",
    "centimeter": "centimeter",
    "millimeter": "millimeter",
    "micrometer": "micrometer",
    "nanometer": "nanometer",
    "inch": "inch",
    "foot": "foot",
    "yard": "yard",
    "mile": "mile",
    "gram": "gram",
    "kilogram": "kilogram",
    "milligram": "milligram",
    "microgram": "microgram",
    "tonne": "tonne",
    "pound": "pound",
    "liter": "liter",
    "milliliter": "milliliter",
    "second": "second",
    "millisecond": "millisecond",
    "microsecond": "microsecond",
    "nanosecond": "nanosecond",
    "minute": "minute",
    "hour": "hour",
    "day": "day",
    "week": "week",
}


def sympy_factor(src: str, dst: str) -> Fraction | None:
    """The same factor computed with ``sympy.physics.units``, or None if it lacks a unit."""
    if src not in _SYMPY_NAMES or dst not in _SYMPY_NAMES:
        return None
    import sympy as sp
    from sympy.physics import units as u

    a, b = getattr(u, _SYMPY_NAMES[src], None), getattr(u, _SYMPY_NAMES[dst], None)
    if a is None or b is None:
        return None
    ratio = sp.nsimplify(u.convert_to(a, b) / b)
    if not ratio.is_Rational:
        return None
    return Fraction(int(ratio.p), int(ratio.q))


# Textbook definitions, each unit in terms of a neighbour: an independent path to every factor.
_DEFINITIONS: list[tuple[str, Fraction, str]] = [
    ("kilometer", Fraction(1000), "meter"),
    ("meter", Fraction(100), "centimeter"),
    ("centimeter", Fraction(10), "millimeter"),
    ("millimeter", Fraction(1000), "micrometer"),
    ("micrometer", Fraction(1000), "nanometer"),
    ("mile", Fraction(1760), "yard"),
    ("yard", Fraction(3), "foot"),
    ("foot", Fraction(12), "inch"),
    ("inch", Fraction(254, 100), "centimeter"),
    ("tonne", Fraction(1000), "kilogram"),
    ("kilogram", Fraction(1000), "gram"),
    ("gram", Fraction(1000), "milligram"),
    ("milligram", Fraction(1000), "microgram"),
    ("microgram", Fraction(1000), "nanogram"),
    ("pound", Fraction(16), "ounce"),
    ("pound", Fraction(45359237, 100000), "gram"),
    ("kiloliter", Fraction(1000), "liter"),
    ("liter", Fraction(100), "centiliter"),
    ("centiliter", Fraction(10), "milliliter"),
    ("gallon", Fraction(231), "cubic_inch"),
    ("gallon", Fraction(4), "quart"),
    ("quart", Fraction(2), "pint"),
    ("pint", Fraction(2), "cup"),
    ("cup", Fraction(16), "tablespoon"),
    ("tablespoon", Fraction(3), "teaspoon"),
    ("cubic_inch", Fraction(16387064, 10**6), "milliliter"),
    ("millennium", Fraction(10), "century"),
    ("century", Fraction(10), "decade"),
    ("decade", Fraction(10), "year"),
    ("year", Fraction(12), "month"),
    ("year", Fraction(365), "day"),
    ("week", Fraction(7), "day"),
    ("day", Fraction(24), "hour"),
    ("hour", Fraction(60), "minute"),
    ("minute", Fraction(60), "second"),
    ("second", Fraction(1000), "millisecond"),
    ("millisecond", Fraction(1000), "microsecond"),
    ("microsecond", Fraction(1000), "nanosecond"),
]


def chain_factor(src: str, dst: str) -> Fraction | None:
    """How many ``dst`` make one ``src``, following the textbook definitions (None if unlinked)."""
    graph: dict[str, list[tuple[str, Fraction]]] = {}
    for big, n, small in _DEFINITIONS:
        graph.setdefault(big, []).append((small, n))
        graph.setdefault(small, []).append((big, 1 / n))
    seen, frontier = {src: Fraction(1)}, [src]
    while frontier:
        node = frontier.pop()
        for nxt, n in graph.get(node, []):
            if nxt not in seen:
                seen[nxt] = seen[node] * n
                frontier.append(nxt)
    return seen.get(dst)


def to_kelvin(value: Fraction, scale: str) -> Fraction:
    """A temperature on ``scale`` in kelvin (exact)."""
    if scale == "celsius":
        return value + Fraction(27315, 100)
    if scale == "fahrenheit":
        return (value - 32) * Fraction(5, 9) + Fraction(27315, 100)
    return value


def from_kelvin(value: Fraction, scale: str) -> Fraction:
    """A temperature in kelvin on ``scale`` (exact)."""
    if scale == "celsius":
        return value - Fraction(27315, 100)
    if scale == "fahrenheit":
        return (value - Fraction(27315, 100)) * Fraction(9, 5) + 32
    return value
