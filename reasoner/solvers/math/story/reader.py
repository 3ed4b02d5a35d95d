"""Read a whole word problem: its clauses (with subjects, verbs and quantities) and its question.

Units are filled in from context where English leaves them out ("He gave 8 to Dylan"
counts what he had; "Debby had 32 pieces while her sister had 42"), and every quantity is
kept, so the model above can check that each one is accounted for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reasoner.errors import ParseError
from reasoner.solvers.math.story import lexicon
from reasoner.solvers.math.story.clauses import (
    PEOPLE,
    Clause,
    Entities,
    entity_at,
    gender,
    group_subject,
    is_name,
    is_verb,
    split_clauses,
    verb_at,
)
from reasoner.solvers.math.story.kinds import agent_of, is_kind_of
from reasoner.solvers.math.story.mentions import Mention, noun_phrase, read_mentions
from reasoner.solvers.math.story.question import Question, question_start, read_question
from reasoner.solvers.math.story.words import Tok, can_be, known, noun_lemma, tokenize, verb_lemma


@dataclass
class Story:
    """A read problem: body clauses in order, the question, and every quantity mentioned."""

    clauses: list[Clause]
    question: Question
    mentions: list[Mention] = field(default_factory=list)
    people: dict[str, int] = field(default_factory=dict)  # group key -> number of named members
    generalised: bool = False  # the asked noun is a more general one than the story's (see _generalise)

    def units(self) -> list[str]:
        return [m.unit for m in self.mentions if m.unit]


def read_story(text: str) -> Story:
    """Read a word problem.

    Raises:
        ParseError: no question, or a sentence this reader cannot place.
    """
    toks = tokenize(text)
    sents: list[list[Tok]] = []
    for t in toks:
        while len(sents) <= t.sent:
            sents.append([])
        if t.text not in (".", "?", "!"):
            sents[t.sent].append(t)
    sents = [s for s in sents if s]
    if not sents:
        raise ParseError("empty problem")
    q_sent, q_at = _find_question(sents)
    ents = Entities()
    clauses: list[Clause] = []
    body = [s for k, s in enumerate(sents) if k != q_sent]
    lead = sents[q_sent][:q_at]
    for sent in body[:q_sent] + ([lead] if lead else []) + body[q_sent:]:
        for part in split_clauses(sent):
            clauses.append(read_clause(part, ents, clauses[-1] if clauses else None))
    _ellipsis(clauses)
    _priced_items(clauses)
    _gerund_ellipsis(clauses)
    _one_as_article(clauses)
    question = read_question(sents[q_sent][q_at:], ents)
    question.mentions = read_mentions(question.toks)
    _bare_plurals(clauses, question)
    _doers(clauses)
    mentions = [m for c in clauses for m in c.mentions] + question.mentions
    _inherit_units(clauses, question)
    mentions = _drop_anaphors(clauses, question, mentions)
    story = Story(clauses, question, mentions)
    story.people = _group_sizes(clauses, question)
    story.generalised = _generalise(story)
    return story


def _generalise(story: Story) -> bool:
    """ "How many flowers?" over carnations and daisies: count each kind of the asked noun as it.

    Only when the story never names the asked noun itself; the kinds keep their own noun as an
    attribute ("carnation" flowers), so they stay apart where that matters.
    """
    asked = story.question.unit
    if not asked or any(m.names(asked) for m in story.mentions):
        return False
    category = "person" if asked in ("people", "person") else asked
    from reasoner.solvers.math.story.kinds import is_kind_of

    found = False
    for m in story.mentions:
        if m.unit and not m.inherited and is_kind_of(m.unit, category):
            m.attrs, m.unit, found = m.attrs | {m.unit}, asked, True
    for m in story.mentions:  # a number that took its noun from a kind is of the asked noun too
        if m.inherited and m.unit and is_kind_of(m.unit, category):
            m.unit = asked
    return found


def _find_question(sents: list[list[Tok]]) -> tuple[int, int]:
    for k in range(len(sents) - 1, -1, -1):
        try:
            return k, question_start(sents[k])
        except ParseError:
            continue
    raise ParseError("no question found")


_LEADS = frozenset("and but then so also".split())


def read_clause(toks: list[Tok], ents: Entities, prev: Clause | None) -> Clause:
    """Read one clause: subject, verb, recipient/source/place and quantities."""
    c = Clause(toks, toks[0].sent)
    start = 0
    while start < len(toks) and (toks[start].low in _LEADS or toks[start].text == ","):
        start += 1
    if start < len(toks) and toks[start].low in ("if", "when", "after", "before", "while", "because", "since"):
        c.cond = toks[start].low in ("if", "when")
        start += 1
    body = toks[start:]
    first, main = verb_at(body)
    if main < 0 and start > 0:  # "and then buys 3 packs": the lead word tells that a verb follows
        first, main = (k - 1 for k in verb_at(toks[start - 1:]))
    c.mentions = read_mentions(toks)
    if main < 0:
        c.subject = prev.subject if prev else ""
        return c
    c.verb = verb_lemma(body[main].low) or body[main].low
    if c.verb in _IMPLICATIVE and main + 2 < len(body) and body[main + 1].low == "to" and verb_lemma(body[main + 2].low):
        main += 2  # "22 kids decided to join in", "began to collect": the action itself happens
        c.verb = verb_lemma(body[main].low)
    c.vclass = lexicon.verb_class(c.verb)
    # "were eaten" is passive; "was making" is the progressive of an active verb
    c.passive = first < main and body[first].low in ("is", "are", "was", "were", "be", "been", "get", "got") and (
        not body[main].low.endswith("ing"))
    c.negated = any(t.low in ("not", "n't", "never") for t in body[: main + 1])
    _phrasal(c, body, main)
    _subject(c, body, first, ents, prev)
    if c.subject_is_quantity and not c.vclass and main + 1 < len(body) and body[main + 1].low in ("out", "away"):
        c.vclass = "depart"  # "35 liters leak out", "12 balloons drifted away": the counted things leave
    _objects(c, body, main, ents)
    _governing_verbs(c, start + main)
    _note(c, ents)
    ents.untold_pronouns(c.toks)
    return c


_BE = frozenset("is are was were".split())
# Implicative verbs: "decided to join", "managed to sell" say the joining and the selling happened.
_IMPLICATIVE = frozenset("decide begin start continue manage".split())
_INTO = frozenset("in into on onto aboard back".split())
_OUT_OF = frozenset("off out away down".split())
_TOWARD = frozenset("up over down back across".split())


def _phrasal(c: Clause, body: list[Tok], main: int) -> None:
    """ "got off the bus" leaves, "got on" arrives, "got tired" changes nothing, "gave away" gives."""
    nxt = body[main + 1].low if main + 1 < len(body) else ""
    if c.verb == "get" and nxt == "rid":
        c.vclass = "lose"  # "got rid of seven"
    if c.verb == "call" and nxt == "for":
        c.vclass = "goal"  # "The recipe calls for 8 cups of flour"
    if c.verb in ("start", "begin", "end", "finish") and nxt in ("out", "off") and main + 2 < len(body):
        nxt = body[main + 2].low  # "started out with seven toys"
    if c.verb in ("start", "begin", "end", "finish") and nxt == "with":
        c.vclass = "state"  # "starts with 3 cards", "ends with 79"
    if c.verb in ("get", "go", "come", "run", "fly", "walk", "move", "hop", "climb", "swim"):
        if nxt in _TOWARD and main + 2 < len(body) and body[main + 2].low in ("to", "into", "onto"):
            nxt = "into"  # "21 more birds flew up to the tree", "came over to the table": toward the place
        if nxt == "home":
            nxt = "in" if c.verb == "come" else "off"  # "2 go home": they leave the scene; "came home" arrives
        if nxt in _OUT_OF:
            c.vclass = "depart"
        elif nxt in _INTO:
            c.vclass = "arrive"
        elif c.verb == "get" and nxt and can_be(nxt, "ADJ") and not can_be(nxt, "NOUN"):
            c.vclass = ""  # "got tired": a change of state, not of quantity


def _verb_slot(toks: list[Tok], k: int) -> bool:
    """A second verb stands after "to", a conjunction or a subject ("to buy", "and spent", "she sold")."""
    prev = toks[k - 1] if k > 0 else None
    return prev is not None and (prev.low in ("to", "and", "then", "but", "or", ",") or prev.low in
                                 ("he", "she", "they", "we", "i", "you", "it"))


def _governing_verbs(c: Clause, main_at: int) -> None:
    """A quantity after a second verb belongs to that verb ("used the money to buy 14 new books")."""
    for m in c.mentions:
        for k in range(m.index - 1, main_at, -1):
            t = c.toks[k]
            if t.is_num:
                break
            if t.low in ("there", "that") and k + 1 < m.index and c.toks[k + 1].low in _BE:
                m.verb, m.vclass = "be", "state"  # "she found there were 26 left": a statement of what is
                break
            if is_verb(c.toks, k) and t.low not in lexicon.AUXILIARIES and _verb_slot(c.toks, k):
                lemma = verb_lemma(t.low)
                if lexicon.verb_class(lemma) and lemma != c.verb:
                    m.verb, m.vclass = lemma, lexicon.verb_class(lemma)
                break


def _subject(c: Clause, body: list[Tok], first: int, ents: Entities, prev: Clause | None) -> None:
    if _quantity_subject(body, first):
        c.subject_is_quantity = True
        c.subject = prev.subject if prev else ""
        return
    if first > 1 and c.toks[0].low in ("after", "before", "during", "at", "in", "on", "for") and (
            body[first - 1].low in _SUBJECT_PRONOUNS - {"it"} or is_name(body, first - 1)):
        body = body[first - 1:]  # "After a party he had 16 left": the subject is the one right before the verb
        first = 1
    key, _ = group_subject(body, 0, first, ents)
    if not key and first == 1 and body[0].low == "it":
        key = "it"  # "It rained for 3 days": "it" with no thing told before is nobody, not the last person
    c.subject = key or (prev.subject if prev else "")
    if not key and first == 0 and prev is not None and prev.sent == c.sent and c.toks and c.toks[0].low == "and":
        c.each_of = prev.each_of or _each_subject(prev)  # "Each album came with a sheet and had 9 songs"
    if _each_one(c) and prev is not None:
        told = [m for m in prev.mentions if m.value is not None and m.unit]
        if told:
            c.each_of = told[-1].unit  # "needed 16 total. If each one costs $8": per figure
    if prev is not None and prev.sent == c.sent and _absolute_each(c):
        counted = [m for m in prev.mentions if m.value is not None and m.unit]
        if counted:  # "6 bodies of water, each having 175 fishes": per body, said of the same subject
            c.each_of, c.subject = counted[-1].unit, prev.subject


def _each_one(c: Clause) -> bool:
    """ "If each one costs $8": "each one" as the subject, standing for the things just told."""
    low = [t.low for t in c.toks[:3]]
    k = int(bool(low) and low[0] in ("if", "when"))
    return low[k:k + 2] == ["each", "one"]


def _absolute_each(c: Clause) -> bool:
    """ ", each having 175 fishes", ", each containing 8", ", each stuffed with 28": each of the things just counted."""
    low = [t.low for t in c.toks[:3]]
    k = int(bool(low) and low[0] == ",")
    if len(low) < k + 2 or low[k] != "each":
        return False
    nxt = c.toks[k + 1]
    return nxt.low == "with" or nxt.low.endswith(("ing", "ed")) and bool(verb_lemma(nxt.low))


def _each_subject(c: Clause) -> str:
    """The noun of a distributive subject that opens a clause ("Each album ...", "Every box ...")."""
    k = 0
    while k < len(c.toks) and (c.toks[k].low in _LEADS or c.toks[k].text == ","):
        k += 1
    if k + 1 >= len(c.toks) or c.toks[k].low not in ("each", "every"):
        return ""
    head, _, _, end = noun_phrase(c.toks, k + 1)
    return head if end < len(c.toks) and is_verb(c.toks, end) else ""


def _quantity_subject(body: list[Tok], first: int) -> bool:
    """ "3 owls were sitting", "Some were torn"; not "In one day they sold 28" (a person stands between)."""
    last = max((k for k in range(first) if body[k].is_num or body[k].low in ("some", "several")), default=-1)
    if last < 0:
        return False
    return not any(t.low in _SUBJECT_PRONOUNS or (t.text[:1].isupper() and k > 0 and not known(t.low))
                   for k, t in enumerate(body[last + 1:first], start=last + 1))


_SUBJECT_PRONOUNS = frozenset("i you he she it we they".split())


def _objects(c: Clause, body: list[Tok], main: int, ents: Entities) -> None:
    ents.avoid = c.subject
    try:
        _read_objects(c, body, main, ents)
    finally:
        ents.avoid = ""
    for m in c.mentions:
        if m.owner_word:
            m.owner = ents.resolve(m.owner_word) if m.owner_word in _POSSESSIVE else m.owner_word


_POSSESSIVE = frozenset("her his their my our your its".split())


def _read_objects(c: Clause, body: list[Tok], main: int, ents: Entities) -> None:
    after = body[main + 1:]
    for k, t in enumerate(after):
        if t.low == "to" and k + 1 < len(after) and not is_verb(after, k + 1):
            c.recipient = c.recipient or group_subject(after, k + 1, min(len(after), k + 4), ents)[0]
        elif t.low == "from" and k + 1 < len(after):
            c.source = c.source or group_subject(after, k + 1, min(len(after), k + 4), ents)[0]
        elif t.low in ("in", "into", "inside", "on", "onto", "at") and k + 1 < len(after):
            key = group_subject(after, k + 1, min(len(after), k + 5), ents)[0]
            if key and not after[k + 1].is_num:
                c.place = c.place or key
    if c.vclass == "give" and after and not after[0].is_num:
        at = int(after[0].low in _POSSESSIVE and len(after) > 1 and not after[1].is_num and after[1].low not in (
            "some", "all", "more", "another", "a", "an", "the", "each"))  # "gave his friend 10"; "gave her some"
        key, end, person = entity_at(after, at, ents)
        if not key and after[at].text[:1].isupper() and at + 1 < len(after):
            key, end, person = after[at].low, at + 1, True  # "gives Peter 3 more": a name inside the sentence
        if key and person and end < len(after) and (after[end].is_num or after[end].low in ("some", "all")):
            c.recipient = key  # "gave Sam 4", "gave her 39 more markers"
    if (c.subject == "there" or c.subject_is_quantity) and c.place:
        c.subject = c.place


def _note(c: Clause, ents: Entities) -> None:
    for k, t in enumerate(c.toks[:-1]):
        if t.low == "than" and is_name(c.toks, k + 1):  # "31 more snowballs than Lucy": Lucy is someone
            ents.note(c.toks[k + 1].low, True)
        if t.low == "with":  # "playing basketball with his friend": a person the story may count later
            key, _, person = entity_at(c.toks, k + 1 + int(c.toks[k + 1].low in ("his", "her", "their")), ents)
            if key and person and key != c.subject:
                ents.note(key, True)
    for k in range(len(c.toks)):
        if is_name(c.toks, k) and c.toks[k].low != c.subject and k and c.toks[k - 1].low in ("to", "from"):
            ents.objects.add(c.toks[k].low)  # "gave 8 of them to Max": a person told only as an object so far
    for key in (c.recipient, c.source):
        if key and key != c.subject and gender(key):
            ents.kin_objects.add(key)  # "He gave 20 dollars to his sister, and she spent 5": a woman told as an object
    if c.subject and c.subject != "there":
        person = c.subject.startswith("group:") or c.subject in PEOPLE or " " in c.subject or _named(c) or (
            c.subject in ents.people) or _person_noun(c)  # "She practiced": a person told before, not a thing "it" could be
        role = _person_noun(c)
        ents.note(c.subject, person, named_subject=_named(c), role=role)


def _person_noun(c: Clause) -> bool:
    """ "A magician was selling decks": a subject noun WordNet files under person is someone "he" may mean."""
    if not c.subject.isalpha() or c.subject_is_quantity or any(t.low == c.subject and t.text[:1].isupper() for t in c.toks):
        return False  # (a name is told as one; WordNet lists "Charles" as a person too)
    if not any(t.low == c.subject for t in c.toks):
        return False  # "his friends gave him": several, not someone "he" means
    return is_kind_of(c.subject, "person", synonyms=False, top=1)


def _named(c: Clause) -> bool:
    """The subject is told by its name ("Quill", "Mrs. Hilt": every word of it capitalised in the clause)."""
    words = c.subject.split()
    return bool(words) and all(any(t.low == w and t.text[:1].isupper() for t in c.toks) for w in words)


_GENERIC_VERBS = frozenset("has holds contains costs weighs measures gets uses needs".split())


def _one_as_article(clauses: list[Clause]) -> None:
    """ "One pencil weighs 28 grams", "If one ticket costs $4": "one" is the article of a generic subject.

    A present-tense statement of what one such thing has, weighs or costs is a rate, as with "a"
    ("A pencil weighs 28 grams"); its "one" is no count of its own. Not when the story contrasts
    "one ... the other": then "one" picks out a member of a set.
    """
    words = {t.low for c in clauses for t in c.toks}
    if words & {"other", "another", "others"}:
        return
    for c in clauses:
        lead = int(len(c.toks) > 1 and c.toks[0].low in ("if", "when"))
        if len(c.toks) < lead + 4 or c.toks[lead].low != "one":
            continue
        head, _, _, end = noun_phrase(c.toks, lead + 1)
        if not head or end >= len(c.toks) or c.toks[end].low not in _GENERIC_VERBS:
            continue
        if any(m.value is not None and m.index > end for m in c.mentions):
            c.mentions = [m for m in c.mentions if m.index != lead]


def _ellipsis(clauses: list[Clause]) -> None:
    """ "6 of them got tired of waiting and left": the quantity's verb is the coordinated one."""
    for c, nxt in zip(clauses, clauses[1:], strict=False):
        if c.mentions and not nxt.mentions and nxt.vclass and _copula(c) and nxt.sent == c.sent:
            lead = nxt.toks[0].low if nxt.toks else ""
            if lead == "and":
                c.verb, c.vclass = nxt.verb, nxt.vclass


def _priced_items(clauses: list[Clause]) -> None:
    """ "He bought a trumpet for $145.16, and a song book which was $5.84": the book was bought too, by him.

    A coordinated noun with a relative clause that only states its price ("which was", "that cost") continues
    the purchase of the clause before it in the same sentence.
    """
    for c, nxt in zip(clauses, clauses[1:], strict=False):
        low = [t.low for t in nxt.toks]
        if nxt.sent != c.sent or c.vclass != "take" or low[:1] not in (["and"], [","]) or len(nxt.mentions) != 1:
            continue
        m = nxt.mentions[0]
        if m.unit not in ("dollar", "cent") or m.index < 2 or low[m.index - 2] not in ("which", "that"):
            continue
        if low[m.index - 1] in ("was", "is", "cost", "costs") and any(t.low == "for" for t in c.toks):
            nxt.subject, nxt.verb, nxt.vclass = c.subject, c.verb, c.vclass


def _gerund_ellipsis(clauses: list[Clause]) -> None:
    """ "John made 6 dollars mowing lawns and 18 dollars weed eating": the second amount was made too.

    A coordinated clause with no finite verb, only an amount and a gerund after it ("and 18 dollars weed
    eating"), repeats the verb of the clause before it when that clause has the same shape (an amount and a
    gerund after it: "made 6 dollars mowing lawns").
    """
    for c, nxt in zip(clauses, clauses[1:], strict=False):
        low = [t.low for t in nxt.toks]
        if nxt.sent != c.sent or low[:1] not in (["and"], [","]) or len(nxt.mentions) != 1 or not c.mentions:
            continue
        m = nxt.mentions[0]
        after = [t.low for t in nxt.toks[m.end:]]
        if not after or not after[-1].endswith("ing") or any(w in lexicon.AUXILIARIES for w in low):
            continue
        prev = c.mentions[-1]
        shape = any(t.low.endswith("ing") for t in c.toks[prev.end:prev.end + 2])
        if shape and nxt.verb == verb_lemma(after[-1]) and c.verb:
            nxt.verb, nxt.vclass = c.verb, c.vclass
            m.verb, m.vclass = (prev.verb, prev.vclass) if prev.verb else ("", "")
            nxt.subject, nxt.subject_is_quantity = c.subject, c.subject_is_quantity


def _copula(c: Clause) -> bool:
    return not c.vclass or (c.verb in ("get", "become") and not any(m.index > 0 and m.unit for m in c.mentions
                                                                   if m.index > _verb_index(c)))


def _verb_index(c: Clause) -> int:
    return next((k for k, t in enumerate(c.toks) if verb_lemma(t.low) == c.verb), 0)


def _inherit_units(clauses: list[Clause], question: Question) -> None:
    """A number without its noun counts what the last one counted (else the next one, else the question's)."""
    every = [m for c in [*clauses, question] for m in c.mentions]
    last = ""
    for k, m in enumerate(every):
        if m.unit:
            last = m.unit
            continue
        ahead = next((n.unit for n in every[k + 1:] if n.unit and not n.inherited), "")
        unit = last or ahead or question.unit
        if unit:
            m.unit, m.inherited = unit, True
    _inherit_of(every)


def _inherit_of(every: list[Mention]) -> None:
    """ "84 inches of ribbon ... used 46 inches": a measure told once of a stuff measures that stuff after."""
    stuff: dict[str, set[str]] = {}
    for m in every:
        if m.unit and m.of:
            stuff.setdefault(m.unit, set()).add(m.of)
        elif m.unit and not m.of and len(stuff.get(m.unit, ())) == 1 and is_kind_of(m.unit, "unit_of_measurement"):
            m.of = next(iter(stuff[m.unit]))


_AGENT = ("er", "or", "ist", "ant", "ent")  # English agent-noun endings: player, visitor, cyclist, participant


def _doers(clauses: list[Clause]) -> None:
    """ "There were 2 friends playing a game when 2 more players joined": the friends playing are players.

    A later count of a noun that names who does an activity (WordNet derives "player" from "play") with no
    count of that noun before it refers back to the one earlier count of the same sentence whose things do
    that activity ("friends playing"); it becomes a count of that noun, with its own noun as a kind.
    """
    for k, c in enumerate(clauses):
        for m in c.mentions:
            if not m.unit or m.value is None:
                continue
            at = next((j for j in range(m.index + 1, min(len(c.toks), m.index + 4)) if noun_lemma(c.toks[j].low) == m.unit
                       and c.toks[j].low != m.unit), -1)
            doing = c.toks[at + 1].low if 0 < at < len(c.toks) - 1 and c.toks[at + 1].low.endswith("ing") else ""
            verb = verb_lemma(doing) if doing else ""
            if not verb:
                continue
            later = [x for d in clauses[k + 1:] if d.sent == c.sent for x in d.mentions if x.unit and x.unit != m.unit]
            named_before = {x.unit for d in clauses[:k + 1] for x in d.mentions}
            doers = {x.unit for x in later if x.unit not in named_before and x.unit.endswith(_AGENT) and agent_of(x.unit, verb)}
            if len(doers) == 1:
                m.attrs, m.unit = m.attrs | {m.unit}, doers.pop()


def _bare_plurals(clauses: list[Clause], question: Question) -> None:
    """ "Tim stacked bales in the barn": a plural object with no number is an unknown amount of it."""
    units = {m.unit for c in clauses for m in c.mentions if m.unit} | {question.unit}
    for c in clauses:
        if not c.vclass or c.vclass == "goal":
            continue
        at = _verb_index(c)
        k = at + 1
        while k < len(c.toks) and c.toks[k].low in ("more", "up", "some", "in", "away", "out", "off"):
            k += 1
        if k >= len(c.toks) or c.toks[k].is_num:
            continue
        more = any(t.low == "more" for t in c.toks[at:k])
        while k < len(c.toks):  # "bought plums and figs": each bare plural listed is an unknown amount
            head, attrs, of, end = noun_phrase(c.toks, k)
            plural = head and c.toks[end - 1].low != head if end > k else False
            if not (plural and head in units) or any(m.names(head) for m in c.mentions) or _elaborated(c, at, head, clauses):
                break
            c.mentions.append(Mention(None, head, k, c.sent, c.toks[k].text, of, attrs, more, end=end))
            if end + 1 >= len(c.toks) or c.toks[end].low not in ("and", ",") or c.toks[end + 1].is_num:
                break
            k = end + 1


def _elaborated(c: Clause, at: int, head: str, clauses: list[Clause]) -> bool:
    """ "A chef was making pies. He made 2 apple pies and 4 pecan pies": the progressive sets the scene.

    An activity told in the progressive with a bare plural, then told again with the same verb and
    numbers of the same noun, is one activity: the later clause says how many, so the bare plural
    is no unknown amount of its own. A story that opens with such a clause ("Kaleb was collecting
    cans. ... each bag had 4 cans") sets its scene so whichever verb tells the numbers later.
    """
    progressive = any(t.low.endswith("ing") and c.toks[k - 1].low in _BE for k, t in enumerate(c.toks[:at + 1]) if k)
    if not progressive:
        return False
    k = clauses.index(c)
    later = clauses[k + 1:]
    if k == 0:  # the story opens with what someone was doing: the scene, whatever verb tells the amounts
        return any(m.value is not None and m.names(head) for d in later for m in d.mentions)
    return any(d.verb == c.verb and any(m.value is not None and m.names(head) for m in d.mentions) for d in later)


def _drop_anaphors(clauses: list[Clause], question: Question, mentions: list[Mention]) -> list[Mention]:
    """ "Each box has 500 pieces. How many pieces are there in the 6 boxes?": "the 6 boxes" are the boxes told.

    A number in the question after "the", "these" or "those" that repeats a story amount of the same noun
    refers back to it; it is no new quantity.
    """
    told = {(m.value, m.unit) for c in clauses for m in c.mentions if m.value is not None}
    priced = {(m.value, m.per_noun) for c in clauses for m in c.mentions if m.value is not None and m.per_noun}
    back = [m for m in question.mentions if m.value is not None and ((m.value, m.unit) in told and m.index > 0
            and question.toks[m.index - 1].low in ("the", "these", "those") or m.per_noun and (m.value, m.per_noun)
            in priced)]  # "45 dollars in 5 dollar bills. How many five dollar bills ...?": the bills told
    if not back:
        return mentions
    question.mentions = [m for m in question.mentions if m not in back]
    return [m for m in mentions if m not in back]


def _group_sizes(clauses: list[Clause], question: Question) -> dict[str, int]:
    out: dict[str, int] = {}
    for key in [c.subject for c in clauses] + [question.subject]:
        if key.startswith("group:"):
            out[key] = len(key[6:].split("+"))
    return out


__all__ = ["Story", "noun_phrase", "read_clause", "read_story"]
