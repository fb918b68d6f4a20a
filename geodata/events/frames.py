"""Event frames from spaCy's dependency parse, one sentence at a time: which words make one event.

A frame is a trigger (a verb such as "fired", "dispatched", or an event noun such as "strike") with
the words that belong to it: a noun trigger governed by a verb trigger ("launched an attack"), a
light verb governing an event noun ("conducted flights"), and movement verbs joined by "and"
("took off from X and flew to Y"). What is read around those words lives beside this module, one
concern each: `status` (real, threatened or not an event), `arguments` (actors, targets,
instruments, quantity), `placing` (places by role) and `timing` (the time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sortie.geodata.events import vocab, when, where
from sortie.geodata.records import Citation

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Verbs that only carry an event noun ("conducted flights", "carried out a strike").
LIGHT_VERBS = frozenset(
    {"conduct", "carry", "stage", "mount", "hold", "perform", "make", "undertake", "begin", "complete",
     "launch", "fly", "resume", "unleash", "execute"}
)  # fmt: skip
# Verbs that tell what an event noun did ("the strike killed ..."): their words are the event's.
RESULT_VERBS = frozenset(
    {"kill", "wound", "injure", "destroy", "damage", "land", "fall", "impact", "rock", "shake", "hit",
     # "the intercept took place over X", "clashes erupted in X", "clashes were reported in X"
     "occur", "happen", "erupt", "break", "unfold", "report", "take"}
)  # fmt: skip
# "such flights", "similar strikes": the kind of events already told, not one more of them.
KIND_WORDS = frozenset({"such", "similar"})

REAL = "real"
THREAT = "threat"
SKIP = "skip"


@dataclass
class Frame:
    """The words of one event in one sentence, and what was read around them (internal)."""

    sentence: int
    head: Token
    tokens: set[int]
    kind: str
    trigger: str
    citation: Citation
    status: str = REAL
    actors: list[str] = field(default_factory=list)
    actor_tokens: list[Token] = field(default_factory=list)
    definite_actor: bool = False  # "the two planes", "they": may refer back
    targets: list[str] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)
    quantity: str | None = None
    medium: str | None = None
    roles: list[where.PlaceRole] = field(default_factory=list)
    time: when.When | None = None
    round_trip: bool = False
    duration: str | None = None
    support: list[Citation] = field(default_factory=list)
    consumed: bool = False  # merged into another frame by coreference
    returns: bool = False  # "... before returning to base": a round trip
    route_only: bool = False  # continues an event stated before: adds its route, not another event
    kind_only: bool = False  # "such flights": the kind of the events told before, not a new one

    def places(self, *roles: str) -> list[where.PlaceRole]:
        return [r for r in self.roles if r.role in roles]


# -- triggers ----------------------------------------------------------------------------------


def verb_lemma(tok: Token, known: dict[str, str] | frozenset[str]) -> str:
    """The verb's lemma, or the base form of its inflection found in `known`.

    The small model mislemmatizes some inflections ("staged" -> "stag"); stripping the regular
    endings recovers the base form when it is one of the words we look for.
    """
    lemma = tok.lemma_.lower()
    if lemma in known:
        return lemma
    w = tok.lower_
    stems = [w]
    for end, add in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
                     ("ing", "e"), ("es", ""), ("s", "")):  # fmt: skip
        if w.endswith(end) and len(w) - len(end) >= 2:
            stems.append(w[: -len(end)] + add)
    return next((x for x in stems if x in known), lemma)


def trigger_kind(tok: Token) -> str | None:
    """The kind a word triggers on its own, or None."""
    if tok.pos_ == "VERB":
        if tok.dep_ == "amod":  # "the targeted killings": an attribute, not a report
            return None
        special = _conditional_kind(tok)
        if special is not None:
            return special
        lemma = verb_lemma(tok, vocab.VERB_TRIGGERS)
        particle = vocab.PARTICLE_VERBS.get(lemma)
        # the small model often tags the particle an adverb ("shot down 41 of the drones")
        if particle and not any(c.dep_ in ("prt", "advmod") and c.lower_ == particle for c in tok.children):
            return None
        return vocab.VERB_TRIGGERS.get(lemma)
    if tok.pos_ == "NOUN":
        lemma = tok.lemma_.lower()
        kind = vocab.NOUN_TRIGGERS.get(lemma) or vocab.NOUN_TRIGGERS.get(vocab.singular(tok.lower_))
        # A noun trigger modifying another noun names a kind of thing, not an event: "carrier
        # strike group", "attack helicopter", "flight plan" (but "drone strike" has the trigger
        # as its head).
        if kind and tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
            head = tok.head
            if not (
                vocab.NOUN_TRIGGERS.get(head.lemma_.lower())
                or vocab.NOUN_TRIGGERS.get(vocab.singular(head.lower_))
            ):
                return None
        return kind
    return None


def _conditional_kind(verb: Token) -> str | None:
    """The kind of a verb that is an event only by what it acts on.

    "destroyed 32 drones over X": a downing verb whose object flies, said to be in the air ("over",
    "above") or brought down by air defences, is a shoot-down. "moved several bombers from X to Y",
    "the carrier shifted to Z": a verb of moving is a movement when what moves (its object, else
    its subject) is a military unit, an aircraft or a ship.
    """
    lemma = verb_lemma(
        verb,
        vocab.DOWNING_VERBS
        | frozenset(vocab.MOVER_VERBS)
        | vocab.EXCHANGE_VERBS
        | vocab.IMPACT_VERBS
        | vocab.WATCH_VERBS,
    )
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if lemma in vocab.WATCH_VERBS:
        watched = [o for o in objects if head_word(o) in vocab.SHIPS | vocab.AIRCRAFT - {"group", "craft"}]
        return vocab.NAVAL_ENCOUNTER if watched else None
    if lemma in vocab.IMPACT_VERBS:
        # "Rockets landed near the embassy", "a drone slammed into the base": a projectile that
        # comes down is an attack (an aircraft that lands is a flight, see `_aircraft_lands`)
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if any(vocab.INSTRUMENTS.get(head_word(c)) in vocab.PROJECTILES | {vocab.SHELLING} for c in subjects):
            return vocab.ATTACK
    if lemma in vocab.EXCHANGE_VERBS:
        # "troops exchanged artillery fire along the border": a clash, unlike "exchanged views"
        fire = any(head_word(o) in vocab.FIRE_NOUNS for o in objects)
        return vocab.ARMED_CLASH if fire else None
    if lemma in vocab.DOWNING_VERBS:
        aerial = [o for o in objects if head_word(o) in vocab.AERIAL_OBJECTS]
        if not aerial:
            # "the army neutralized several dozen terrorists near Djibo": killed in an attack
            people = [o for o in objects if head_word(o) in vocab.HOSTILE_PEOPLE]
            return vocab.ATTACK if people and lemma != "destroy" else None
        if lemma in vocab.DESTRUCTION_VERBS and _on_the_ground(verb, aerial):
            return vocab.ATTACK  # "seven warplanes were destroyed at the air base"
        aloft = any(
            c.dep_ == "prep" and c.lower_ in ("over", "above") for t in (verb, *aerial) for c in t.children
        )
        by_defences = any(
            c.dep_ == "nsubj"
            and any(w.lemma_.lower() in ("defence", "defense", "interceptor") for w in c.subtree)
            for c in verb.children
        )
        return vocab.SHOOT_DOWN if aloft or by_defences else None
    if lemma in vocab.MOVER_VERBS:
        movers = objects or [c for c in verb.children if c.dep_ == "nsubj"]
        military = vocab.AIRCRAFT | vocab.SHIPS | vocab.TROOPS | vocab.CARGO
        if any(head_word(m) in military or m.lower_ in military or vocab.designator(m.text) for m in movers):
            return vocab.MOVER_VERBS[lemma]
    return None


def _on_the_ground(verb: Token, objects: list[Token]) -> bool:
    """Nothing says the destroyed aircraft were in the air: no "over"/"above", no air defences, no
    "shot"/"intercepted" in the clause (a shoot-down is told that way)."""
    words = {t.lemma_.lower() for t in verb.subtree}
    aloft = any(
        c.dep_ == "prep" and c.lower_ in ("over", "above") for t in (verb, *objects) for c in t.children
    )
    return not aloft and not words & _AIR_DEFENCE_WORDS


_AIR_DEFENCE_WORDS = frozenset({"defence", "defense", "interceptor", "intercept", "shoot", "air-defence"})


def _aircraft_lands(verb: Token) -> bool:
    """ "The bombers landed on UK soil", "Two Tu-160s landed in Caracas": an aircraft as the subject
    makes "land" the end of a flight (rockets and debris land too)."""
    for c in verb.children:
        if c.dep_ == "nsubj":
            word = head_word(c)
            if (
                word in vocab.AIRCRAFT
                or vocab.designator(c.text)
                or any(vocab.designator(t.text) for t in c.subtree)
            ):
                return True
    return False


def head_word(noun: Token) -> str:
    """The singular of a noun, through "of" in a count ("41 of the drones", "a pair of jets")."""
    if noun.lower_ in vocab.QUANTITY_HEADS or noun.pos_ == "NUM":
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if objs:
                    return vocab.singular(objs[0].lower_)
    return vocab.singular(noun.lower_)


# -- frames ------------------------------------------------------------------------------------


def frames_in(sent: Span, index: int, citation: Citation) -> list[Frame]:
    """The event frames of one sentence (arguments not yet read)."""
    triggers = {t.i: k for t in sent if (k := trigger_kind(t))}
    # "landed" is the end of a movement told by another verb ("left X and landed at Y"); alone it
    # is as often where rockets or debris fell.
    landings = [i for i in triggers if verb_lemma(sent.doc[i], vocab.VERB_TRIGGERS) == "land"]
    for i in [i for i in landings if triggers[i] in vocab.MOVEMENTS]:
        t = sent.doc[i]
        if not (t.dep_ == "conj" and triggers.get(t.head.i) in vocab.MOVEMENTS) and not _aircraft_lands(t):
            del triggers[i]
    owner: dict[int, int] = {}  # trigger token -> frame head token
    returns: set[int] = set()  # frame heads whose movement came back ("before returning")
    folded: set[int] = set()  # triggers that are part of another frame's words only
    for i in sorted(triggers):
        t = sent.doc[i]
        if t.pos_ == "VERB" and verb_lemma(t, vocab.VERB_TRIGGERS) == "return":
            gov = _governing_trigger(t, triggers)
            if gov is not None and triggers[gov] in vocab.MOVEMENTS | {vocab.INTERCEPTION}:
                returns.add(owner.get(gov, gov))
                folded.add(i)
                continue  # the way back of the same sortie, not another movement
        if (
            t.pos_ == "VERB"
            and t.dep_ == "advcl"
            and t.tag_ == "VBG"
            and triggers[i] in vocab.MOVEMENTS
            and (
                (t.head.i in triggers and triggers[t.head.i] not in vocab.MOVEMENTS)
                or (
                    verb_lemma(t.head, LIGHT_VERBS) in LIGHT_VERBS
                    and any(
                        c.dep_ == "dobj" and triggers.get(c.i) not in (None, *vocab.MOVEMENTS)
                        for c in t.head.children
                    )
                )
            )
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        ):
            # "staged drills around Taiwan, sending warships": the sending is part of the drills
            folded.add(i)
            continue
        if (
            t.pos_ == "VERB"
            and t.dep_ in ("xcomp", "advcl")
            and t.head.i in triggers
            and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children)
            and triggers[t.head.i] in (vocab.INTERCEPTION, *vocab.MOVEMENTS)
            and triggers[i] in (vocab.INTERCEPTION, vocab.SHOOT_DOWN)
        ):
            # "jets were scrambled to intercept ...": the purpose is what the sortie did
            owner[i] = owner.get(t.head.i, t.head.i)
            continue
        if t.pos_ == "VERB" and t.dep_ == "conj" and t.head.i in triggers:
            a, b = triggers[t.head.i], triggers[i]
            if a in vocab.MOVEMENTS and b in vocab.MOVEMENTS:
                owner[i] = owner.get(t.head.i, t.head.i)
                continue
            attack = vocab.family(vocab.ATTACK)
            if (
                vocab.family(a) == attack == vocab.family(b)
                and verb_lemma(t.head, vocab.FIRING_VERBS) in vocab.FIRING_VERBS
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
            ):
                # "missiles were launched from Iran and targeted two bases at X and Y": one attack,
                # its launch site on one verb and its targets on the other
                owner[i] = owner.get(t.head.i, t.head.i)
                continue
        if t.pos_ == "NOUN":
            verb = t.head
            if t.dep_ == "pobj" and verb.dep_ == "agent":
                verb = verb.head
            if (
                t.dep_ == "pobj"
                and verb.lower_ == "for"
                and triggers.get(verb.head.i) in vocab.MOVEMENTS
                and triggers[i] in vocab.MOVEMENTS
            ):
                verb = verb.head  # "left Norfolk for a deployment to the Mediterranean": one movement
            if (
                verb.i in triggers
                and verb.pos_ == "VERB"
                and t.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj")
            ):
                owner[i] = owner.get(verb.i, verb.i)
                continue
            if t.dep_ == "compound" and t.head.i in triggers:
                owner[i] = owner.get(t.head.i, t.head.i)
                continue
        owner[i] = i
    frames: dict[int, Frame] = {}
    for i in sorted(set(triggers) - folded):
        h = owner[i]
        if h not in frames:
            head = sent.doc[h]
            frames[h] = Frame(index, head, {h}, triggers[h], head.text, citation)
        fr = frames[h]
        fr.tokens.add(i)
        kind = triggers[i]
        # An event noun is more specific than the verb that reports it ("launched an airstrike").
        general = (vocab.ATTACK, vocab.FLIGHT)
        if (
            fr.kind in general
            and kind not in general
            and not (fr.kind == vocab.FLIGHT and kind in vocab.MOVEMENTS)
        ):
            fr.kind = kind
        if i != h:
            fr.trigger = f"{fr.trigger} {sent.doc[i].text}" if sent.doc[i].i > h else fr.trigger
    for h in [h for h, fr in frames.items() if _sequel_reference(fr.head, frames)]:
        del frames[h]  # "The strike followed a bombing ...": the strike told before, not a new one
    for fr in frames.values():
        head = fr.head
        if head.pos_ == "NOUN" and head.dep_ == "dobj" and head.head.lemma_.lower() in SEQUENCE_VERBS:
            # "... followed a bombing in Pulwama on Feb. 14": the place and time on the verb are
            # those of the event it names
            fr.tokens.add(head.head.i)
        subject = head.dep_ in ("nsubj", "nsubjpass")  # "clashes were reported in X"
        if head.pos_ == "NOUN" and subject and head.head.lemma_.lower() in RESULT_VERBS:
            # "a drone strike killed two commanders near X on Tuesday": the place and time of the
            # killing are the strike's
            fr.tokens.add(head.head.i)
        if (
            head.pos_ == "NOUN"
            and head.dep_ in ("dobj", "nsubjpass")
            and verb_lemma(head.head, LIGHT_VERBS) in LIGHT_VERBS
        ):
            fr.tokens.add(head.head.i)
        if fr.head.pos_ == "VERB" and fr.head.lemma_ in vocab.PARTICLE_VERBS:
            fr.trigger = f"{fr.head.text} {vocab.PARTICLE_VERBS[fr.head.lemma_]}"
        fr.returns = fr.head.i in returns
        fr.kind_only = head.pos_ == "NOUN" and any(
            c.lower_ in KIND_WORDS and c.dep_ in ("amod", "det", "predet") for c in head.children
        )
    return list(frames.values())


# Verbs that set one event after another: "The strike followed a bombing ...".
SEQUENCE_VERBS = frozenset({"follow"})


def _sequel_reference(head: Token, frames: dict[int, Frame]) -> bool:
    """A definite event noun as the subject of "follow" whose object is another event: it refers
    back to an event the article told before ("The strike followed a suicide bombing ...")."""
    if head.pos_ != "NOUN" or head.dep_ != "nsubj" or head.head.lemma_.lower() not in SEQUENCE_VERBS:
        return False
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
        return False
    return any(c.dep_ == "dobj" and c.i in frames for c in head.head.children)


def _governing_trigger(t: Token, triggers: dict[int, str]) -> int | None:
    """The trigger a verb depends on through "before"/"after"/"and"/a participle, if any."""
    cur = t
    for _ in range(3):
        if cur.head.i == cur.i or cur.dep_ not in ("pcomp", "advcl", "conj", "prep", "xcomp"):
            return None
        cur = cur.head
        if cur.i in triggers:
            return cur.i
    return None
