"""How English verbs move quantities: the verb classes a word problem is read with.

A story about quantities changes who holds how much. English says it with a small number
of verb classes (the possession, creation, consumption and motion classes of Levin's
English verb classes and VerbNet): "get" verbs add to the subject, "give" verbs take from
the subject (and add to a recipient), consumption and destruction verbs take away,
creation verbs add, motion verbs move members in or out of a place, and "have" verbs
state what is held. The lists hold base forms; inflections are found by lemminflect.
None of these lists names the wording of a data set: each is a class of English verbs.
"""

from __future__ import annotations

# State: the subject holds the quantity ("has", "owns", "there are").
STATE = frozenset(
    "have own hold contain be keep carry store possess weigh measure cost charge seat fit stock show "
    "remain total equal include consist".split()
)

# Get class (Levin 13.5.2, 13.6): the subject ends up with more; a "from" phrase names who loses.
GAIN = frozenset(
    """find earn win collect gather pick catch obtain acquire accept inherit harvest save score gain
    adopt fetch hire recruit rescue""".split()
)

# Obtaining from someone (Levin 10.5 "steal", 13.5.1 "get"): when the subject holds none of the
# thing, the holder it comes from loses it ("Eric takes 4 pencils" from the box).
TAKE = frozenset("take buy purchase borrow steal get receive grab rent order remove".split())

# Putting into a place (Levin 9.1-9.3): when the subject holds none of the thing, the place gains.
PUT = frozenset("put place add plant load pack deposit stack bring insert pour hang store".split())

# Creation (Levin 26): the subject makes new things it holds.
CREATE = frozenset(
    """make bake grow build create cook draw write knit sew paint produce brew prepare fold craft carve
    construct assemble design invent compose print sculpt weave breed hatch""".split()
)

# Give class (Levin 13.1-13.4): the subject holds less; a recipient ("to Sam", "gave Sam") gains.
GIVE = frozenset(
    """give lend sell pay donate send hand mail deliver pass return contribute offer distribute share
    ship feed award grant loan bequeath serve sell""".split()
)

# Consumption, destruction and loss: the subject holds less and nobody gains.
LOSE = frozenset(
    """lose spend eat use break destroy drink consume waste burn delete throw discard drop pop
    sink crack tear rip shred kill melt spill ruin damage crush smash eliminate cancel subtract
    reject burst die wreck
    disappear vanish perish expire wilt rot decay spoil rust""".split()  # disappearance (Levin 48.2), entity change (45.5)
)

# Motion into or out of a place or group ("2 more owls joined them", "6 left").
ARRIVE = frozenset("join arrive come enter board climb land".split())
DEPART = frozenset("leave depart exit escape flee quit".split())

# Goals: what is wanted is not yet held ("The recipe wants 8 cups", "She needs 12 more").
GOAL = frozenset("need want require plan hope intend wish expect".split())

# Particles that turn a verb around: "gave away", "threw out", "picked up" (no change).
PARTICLES_OUT = frozenset("away out off".split())

AUXILIARIES = frozenset(
    "be is are was were am been being do does did have has had will would can could shall should "
    "may might must".split()
)

# Adverbs and phrases that place a quantity in time (read by the timeline of each holder).
NOW_WORDS = frozenset("now left remain remaining still currently then".split())
START_WORDS = frozenset("originally initially first before beginning start".split())
TOTAL_WORDS = frozenset("all total altogether together combined both sum overall".split())

# Words that ask for more or fewer in a comparison ("3 more than", "5 fewer than").
MORE = frozenset("more longer taller older heavier bigger larger greater higher further farther faster extra".split())
FEWER = frozenset("fewer less shorter younger lighter smaller lower slower".split())

# Multiplicative comparison words: "twice as many", "3 times as many", "double", "half as many".
TIMES_WORDS = {"twice": 2, "double": 2, "thrice": 3, "triple": 3}


def verb_class(lemma: str) -> str:
    """The class of a verb's base form: state, gain, take, put, create, give, lose, arrive, depart, goal, or ""."""
    for name, members in (
        ("give", GIVE),
        ("take", TAKE),
        ("put", PUT),
        ("lose", LOSE),
        ("arrive", ARRIVE),
        ("depart", DEPART),
        ("goal", GOAL),
        ("create", CREATE),
        ("gain", GAIN),
        ("state", STATE),
    ):
        if lemma in members:
            return name
    return ""
