"""Event frames from spaCy's dependency parse, one sentence at a time.

A frame is a trigger (a verb such as "fired", "dispatched", or an event noun such as "strike") with
the words that belong to it: a noun trigger governed by a verb trigger ("launched an attack"), a
light verb governing an event noun ("conducted flights"), and movement verbs joined by "and"
("took off from X and flew to Y"). The frame's arguments (actors, targets, instruments, quantity,
places by role, time) are read off the tree around those words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from geodata.events import vocab, when, where
from geodata.records import Citation, ParsedArticle, Place, TimeMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Verbs that only carry an event noun ("conducted flights", "carried out a strike").
LIGHT_VERBS = frozenset(
    {"conduct", "carry", "stage", "mount", "hold", "perform", "make", "undertake", "begin", "complete",
     "launch", "fly", "resume", "unleash", "execute"}
)  # fmt: skip
# Triggers too common in other senses to stand alone: they need a weapon, a military actor or
# a ship/aircraft in the frame ("the anniversary approaches" is no naval encounter).
NEEDS_MILITARY = frozenset(
    {"approach", "harass", "seize", "return", "send", "station", "relocate", "hit", "target", "launch",
     "fire", "take", "down", "pound", "cruise", "steam", "transit", "raid", "deploy", "dispatch",
     "arrive", "shadow", "buzz", "land"}
)  # fmt: skip
MILITARY_WORDS = (
    vocab.AIRCRAFT
    | vocab.SHIPS
    | vocab.TROOPS
    | frozenset(
        {"missile", "rocket", "drone", "militia", "militant", "army", "military", "navy", "air force",
         "artillery", "mortar", "bomb", "shell", "airstrike", "strike", "attack", "fighter", "rebel",
         "insurgent", "coalition", "guard", "warplane", "jet", "interceptor"}
    )
)  # fmt: skip
# "such flights", "similar strikes": the kind of events already told, not one more of them.
KIND_WORDS = frozenset({"such", "similar"})
PRONOUNS = frozenset({"they", "it", "both", "these", "those"})
DEFINITE = frozenset({"the", "these", "those", "both"})

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
        lemma = verb_lemma(tok, vocab.VERB_TRIGGERS)
        particle = vocab.PARTICLE_VERBS.get(lemma)
        if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children):
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


def _phrase(tok: Token) -> str:
    """A noun's own phrase: determiners, numbers, modifiers and compounds before it, and itself."""
    keep = {"det", "nummod", "quantmod", "compound", "amod", "poss", "nmod", "case", "punct", "advmod"}
    left = [t for t in tok.subtree if t.i <= tok.i and (t.i == tok.i or _under(t, tok, keep))]
    if not left:
        return tok.text
    start, end = min(t.i for t in left), tok.i
    span = tok.doc[start : end + 1]
    return span.text.strip(" ,")


def _under(t: Token, head: Token, deps: set[str]) -> bool:
    while t.i != head.i:
        if t.dep_ not in deps or t.head.i == t.i:
            return False
        t = t.head
    return True


def _is_instrument(tok: Token) -> bool:
    return vocab.singular(tok.lower_) in vocab.INSTRUMENTS and vocab.singular(tok.lower_) not in (
        "air",
        "jet",
        "warplane",
    )


def _quantity(tok: Token) -> str | None:
    """ "two", "about a dozen", "several", "a barrage of" stated for a noun."""
    for c in tok.children:
        if c.dep_ == "nummod":
            return tok.doc[c.left_edge.i : c.right_edge.i + 1].text
    for c in tok.children:
        if c.dep_ == "amod" and c.lower_ in vocab.VAGUE_QUANTITIES:
            return c.text
    if tok.head.dep_ == "prep" and tok.head.lower_ == "of" and tok.dep_ == "pobj":
        holder = tok.head.head
        if holder.lower_ in vocab.QUANTITY_HEADS or vocab.singular(holder.lower_) in vocab.QUANTITY_HEADS:
            det = [c.text for c in holder.children if c.dep_ in ("det", "nummod", "quantmod")]
            return " ".join([*det, holder.text, "of"])
    return None


def _pobj(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def _expand_quantity_head(tok: Token) -> Token:
    """ "a barrage of missiles" -> "missiles" (the thing counted)."""
    if vocab.singular(tok.lower_) in vocab.QUANTITY_HEADS:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                objs = _pobj(c)
                if objs:
                    return objs[0]
    return tok


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, inherited through "and", "to", "by firing" when it has none."""
    cur = verb
    for _ in range(6):
        for c in cur.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c if c.dep_ == "nsubj" or cur.i != verb.i else None
        if cur.dep_ in ("conj", "xcomp", "pcomp", "prep", "advcl") and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ in ("relcl", "acl") and cur.head.i != cur.i:
            return cur.head
        break
    return None


# -- negation, hypotheticals, threats -----------------------------------------------------------


def status_of(head: Token, tokens: set[int]) -> str:
    """REAL, THREAT ("threatened to strike") or SKIP (negated, hypothetical, generic, future)."""
    doc = head.doc
    for i in tokens:
        t = doc[i]
        for c in t.children:
            if c.dep_ == "neg":
                return SKIP
            if c.dep_ in ("aux", "auxpass") and c.lower_ in vocab.MODALS:
                return SKIP
            if c.dep_ == "amod" and c.lower_ in vocab.HYPOTHETICAL_MODIFIERS:
                return SKIP
            if c.dep_ == "det" and c.lower_ in ("any", "no"):
                return SKIP
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                return SKIP
        for c in t.children:
            if c.dep_ == "amod" and c.lower_ in vocab.HABITUAL_MODIFIERS:
                return SKIP  # "repeated strikes", "regular flights": no one event
            if c.dep_ == "advmod" and c.lower_ in vocab.HABITUAL_ADVERBS:
                return SKIP
            if (
                c.dep_ == "prep"
                and c.lower_ == "on"
                and any(o.lemma_.lower() == "occasion" and o.tag_ == "NNS" for o in c.children)
            ):
                return SKIP  # "flew over the Gulf on several occasions": many flights, no one event
            if (
                c.lemma_.lower() == "time"
                and c.dep_ in ("npadvmod", "advmod", "dobj")
                and any(g.dep_ in ("nummod", "amod") for g in c.children)
            ):
                return SKIP  # "scrambled several times a month"
        if (
            t.pos_ == "VERB"
            and t.head.i not in tokens  # "scrambled to intercept": one event, the purpose achieved
            and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children)
        ):
            # "to strike", "to deter": a purpose or a plan, not a report
            return THREAT if t.head.lemma_ in vocab.THREAT_VERBS else SKIP
    # A bare plural after "of"/"against" is generic: "the risk of attacks", "chatter of attacks".
    if head.pos_ == "NOUN" and head.tag_ == "NNS":
        bare = not any(c.dep_ in ("det", "nummod", "poss") for c in head.children)
        if bare and head.dep_ == "pobj" and head.head.lower_ in ("of", "for", "against", "about"):
            return SKIP
        # "rarely acknowledges strikes", "condemned attacks": a bare plural that a verb other than a
        # light or trigger verb takes as object is a kind of event, not one incident.
        gov = head.head
        if (
            bare
            and head.dep_ == "dobj"
            and gov.pos_ == "VERB"
            and gov.i not in tokens
            and verb_lemma(gov, LIGHT_VERBS) not in LIGHT_VERBS
            and trigger_kind(gov) is None
        ):
            return SKIP
    # Governed by a verb of planning or threatening, or by a modal higher up.
    cur = head
    for _ in range(5):
        if cur.head.i == cur.i:
            break
        up = cur.head
        lemma = up.lemma_.lower()
        if up.pos_ in ("VERB", "AUX") and cur.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp"):
            if lemma in vocab.THREAT_VERBS:
                return THREAT
            if lemma in vocab.IRREALIS_VERBS:
                return SKIP
            if any(c.dep_ == "aux" and c.lower_ in vocab.MODALS for c in up.children) and cur.dep_ in (
                "xcomp",
                "dobj",
            ):
                return SKIP
        if cur.dep_ in ("relcl", "advcl", "ccomp", "conj"):
            break
        cur = up
    return REAL


# -- frames ------------------------------------------------------------------------------------


def frames_in(sent: Span, index: int, citation: Citation) -> list[Frame]:
    """The event frames of one sentence (arguments not yet read)."""
    triggers = {t.i: k for t in sent if (k := trigger_kind(t))}
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
        if t.pos_ == "NOUN":
            verb = t.head
            if t.dep_ == "pobj" and verb.dep_ == "agent":
                verb = verb.head
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
    for fr in frames.values():
        head = fr.head
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


def read_arguments(fr: Frame) -> None:
    """Actors, targets, instruments, quantity and medium of a frame, from the tree."""
    doc = fr.head.doc
    instruments: list[Token] = []
    actors: list[Token] = []
    targets: list[Token] = []
    for i in sorted(fr.tokens):
        t = doc[i]
        for c in t.children:
            if c.dep_ == "compound" and c.pos_ == "NOUN" and vocab.singular(c.lower_) in vocab.INSTRUMENTS:
                instruments.append(c)
            elif c.dep_ in ("dobj", "nsubjpass") and c.i not in fr.tokens:
                if c.ent_type_ in ("DATE", "TIME") or c.lemma_ in ("hour", "day", "minute", "week"):
                    continue  # "flew 36 hours": a duration, read by `read_time`
                if c.dep_ == "nsubjpass" and (
                    fr.kind in vocab.MOVEMENTS or verb_lemma(t, vocab.MOVER_PASSIVES) in vocab.MOVER_PASSIVES
                ):
                    actors.append(c)  # "the planes were dispatched": what moved
                    continue
                obj = _expand_quantity_head(c)
                if _is_instrument(obj):
                    instruments.append(obj)
                else:
                    targets.append(c)
            elif c.dep_ == "nsubj" and c.i not in fr.tokens:
                (instruments if _is_instrument(c) else actors).append(c)
            elif c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ("by", "with")):
                for o in _pobj(c):
                    if o.i in fr.tokens:
                        continue
                    o = _expand_quantity_head(o)
                    (instruments if _is_instrument(o) or c.lower_ == "with" else actors).append(o)
            elif c.dep_ == "prep" and c.lower_ in ("on", "against", "at") and t.pos_ == "NOUN":
                targets.extend(o for o in _pobj(c) if o.i not in fr.tokens)
            elif (c.dep_ == "poss" and t.pos_ == "NOUN") or (
                c.dep_ in ("compound", "amod") and t.pos_ == "NOUN" and c.ent_type_ in ("GPE", "NORP", "ORG")
            ):
                actors.append(c)
        if t.pos_ == "VERB" and not any(doc[j].dep_ == "nsubj" for j in (c.i for c in t.children)):
            subj = _subject(t)
            if (
                subj is not None
                and subj.i not in fr.tokens
                and subj not in actors
                and subj.dep_ != "nsubjpass"
            ):
                (instruments if _is_instrument(subj) else actors).append(subj)
        if t.pos_ == "VERB" and t.lemma_ in ("fire", "launch", "shoot"):
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("at", "on", "toward", "towards", "against"):
                    targets.extend(_pobj(c))
    # "the drones and missiles": every weapon of a coordination, not only the first
    instruments += [
        c for t in list(instruments) for c in t.conjuncts if _is_instrument(c) and c not in instruments
    ]
    # "the bombers, which were deployed ...": a relative pronoun stands for the noun it follows.
    actors = [a.head.head if a.tag_ in ("WDT", "WP") and a.head.dep_ == "relcl" else a for a in actors]
    fr.instruments = [t.text for t in instruments]
    fr.actor_tokens = actors
    fr.actors = [_phrase(a) for a in actors]
    fr.targets = [_phrase(t) for t in targets]
    for a in actors:
        det = [c.lower_ for c in a.children if c.dep_ == "det"]
        if a.lower_ in PRONOUNS or (a.pos_ == "NOUN" and det and det[0] in DEFINITE):
            fr.definite_actor = True
    words = [w for a in actors for w in _phrase(a).split()] + [w for t in targets for w in t.text.split()]
    fr.medium = vocab.medium([w for a in actors for w in _phrase(a).split()]) or (
        "sea" if vocab.medium([w for t in targets for w in _phrase(t).split()]) == "sea" else None
    )
    fr.kind = vocab.refine(fr.kind, fr.instruments, fr.medium)
    if fr.kind == vocab.NAVAL_ENCOUNTER and fr.medium is None:
        fr.status = SKIP
    counted = instruments if fr.kind not in vocab.MOVEMENTS | {vocab.NAVAL_ENCOUNTER} else actors
    for t in [*counted, *actors]:
        q = _quantity(t) or _quantity(t.head if t.dep_ == "pobj" else t)
        if q:
            fr.quantity = q
            break
    needs = (fr.head.pos_ == "VERB" and verb_lemma(fr.head, NEEDS_MILITARY) in NEEDS_MILITARY) or (
        # "Flights were diverted": civil traffic, unless someone conducts them or they are military
        fr.head.pos_ == "NOUN" and fr.kind in vocab.MOVEMENTS and not actors
    )
    if needs and not instruments:
        own = [t.lower_ for t in fr.head.subtree] if fr.head.pos_ == "NOUN" else []
        vocabulary = " ".join(words + own + [doc[i].lower_ for i in fr.tokens]).lower()
        if not any(vocab.singular(w) in MILITARY_WORDS for w in vocabulary.split()):
            fr.status = SKIP


# -- places ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Located:
    """A resolved place mention mapped onto the Doc."""

    token: int
    place: Place
    start: int
    end: int


def locate_toponyms(parsed: ParsedArticle, doc: Doc) -> dict[int, list[Located]]:
    """Resolved toponyms by sentence, each tied to the root word of its span in the Doc."""
    out: dict[int, list[Located]] = {}
    for top in parsed.toponyms:
        if top.place is None:
            continue
        m = top.mention
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        out.setdefault(m.sentence, []).append(Located(span.root.i, top.place, m.start, m.end))
    return out


def read_places(
    fr: Frame, located: list[Located], sent: Span, gazetteer: Any, named: dict[str, Place] | None = None
) -> None:
    """Places of the frame with their roles. `named`: the places the article names (by id)."""
    doc = fr.head.doc
    roles: list[where.PlaceRole] = []
    located = located + _renamed(fr, located, sent, gazetteer, named or {})
    waters = [p for p in (named or {}).values() if p.kind == "water"]
    taken = {loc.token for loc in located}
    for loc in located:
        tok = doc[loc.token]
        got = where.role_of(tok, fr.tokens, fr.kind)
        if got is None:
            if any(tok.i in {t.i for t in a.subtree} for a in fr.actor_tokens):
                got = (where.ACTOR, 1)  # "Iran responded by firing ...": the launcher
            elif where.loose_role(tok):
                got = (where.LOOSE, 9)
            else:
                continue
        role, depth = got
        place = loc.place
        if role == where.LOCATIVE and place.kind != "water" and _via_off(tok, fr.tokens):
            # "off Iran's coast": the sea beside the place, not the place; without a sea the
            # article names near it, the place itself at its own (coarse) precision.
            place = where.sea_off(place, waters, gazetteer) or place
        if tok.dep_ in ("poss", "compound"):
            noun = vocab.singular(tok.head.lower_)
            if any(c.lower_ == "air" and c.dep_ in ("compound", "amod") for c in tok.head.children):
                noun = f"air {noun}"  # "Šiauliai air base", "Ørland Air Station"
            better = where.facility_place(place, noun, gazetteer) if gazetteer is not None else None
            if better is not None:
                place = better
        if role == where.LOCATIVE and verb_lemma(fr.head, vocab.ARRIVAL_VERBS) in vocab.ARRIVAL_VERBS:
            role = where.DESTINATION  # "arrived at X": where the movement ended
        roles.append(where.PlaceRole(place, role, depth, loc.token, loc.start, loc.end))
    # Demonyms on fixed places: "Iraqi military bases" are in Iraq.
    if gazetteer is not None:
        for tok in sent:
            if tok.i in taken or tok.dep_ not in ("amod", "compound") or tok.pos_ not in ("ADJ", "PROPN"):
                continue
            head = tok.head
            nouns = {vocab.singular(head.lower_), head.lemma_.lower()}
            if not nouns & vocab.LOCATION_NOUNS or nouns & vocab.OWNED_NOUNS:
                continue
            got = where.role_of(head, fr.tokens, fr.kind)
            if got is None or got[0] in (where.ACTOR, where.OWNER):
                continue
            country = where.demonym_place(tok.text, gazetteer)
            if country is not None:
                start = tok.idx
                roles.append(
                    where.PlaceRole(country, got[0], got[1] + 1, tok.i, start, start + len(tok.text))
                )
    fr.roles = roles


def _renamed(
    fr: Frame, located: list[Located], sent: Span, gazetteer: Any, named: dict[str, Place]
) -> list[Located]:
    """Ends of a movement the place stage left unresolved, resolved by the article's own places.

    "deployed to Fairford from ..." after the article named "RAF Fairford": one place per
    discourse, so a bare proper name in a from/to slot whose gazetteer senses include a place the
    article names elsewhere is that place.
    """
    if gazetteer is None or not named or fr.kind not in vocab.MOVEMENTS:
        return []
    covered = {t.i for loc in located for t in doc_span(sent, loc)}
    out = []
    for tok in sent:
        if tok.pos_ != "PROPN" or tok.i in covered or tok.dep_ != "pobj":
            continue
        if (
            tok.head.lower_ not in vocab.ORIGIN_PREPS | vocab.DESTINATION_PREPS
            or tok.head.head.i not in fr.tokens
        ):
            continue
        words = [t for t in tok.subtree if t.pos_ == "PROPN" or t.dep_ == "compound"]
        name = sent.doc[min(t.i for t in words) : max(t.i for t in words) + 1].text
        try:
            senses = gazetteer.lookup(name)
        except Exception:
            continue
        hits = {p.id: named[p.id] for p in senses if p.id in named}
        if len(hits) == 1:
            place = next(iter(hits.values()))
            start = sent.doc[min(t.i for t in words)].idx
            out.append(Located(tok.i, place, start, start + len(name)))
    return out


def doc_span(sent: Span, loc: Located) -> list[Token]:
    span = sent.doc.char_span(loc.start, loc.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _via_off(tok: Token, frame: set[int]) -> bool:
    cur = tok
    while cur.i not in frame and cur.head.i != cur.i:
        if cur.lower_ == "off" and cur.pos_ == "ADP":
            return True
        cur = cur.head
    return False


# -- time --------------------------------------------------------------------------------------


# A time expression modifying a noun ("an April incident") dates that noun's event; it is not the
# object of the "after" before it.
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nummod"})


def time_relations(parsed: ParsedArticle, doc: Doc) -> dict[TimeMention, when.Relation]:
    """The article's time expressions that are the object of "before", "after", "since", "ahead
    of"...: "days before the anniversary" places an event before the anniversary, not on it."""
    out: dict[TimeMention, when.Relation] = {}
    text = parsed.article.text
    sents = parsed.sentences
    for t in parsed.times:
        start = sents[t.sentence].start if 0 <= t.sentence < len(sents) else max(0, t.start - 200)
        rel = when.relation_before(text[start : t.start])
        if rel is None:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and len(span) > 0 and span.root.dep_ in _MODIFIER_DEPS:
            continue
        out[t] = rel
    return out


def read_time(
    fr: Frame,
    sent_times: list[TimeMention],
    earlier: list[TimeMention],
    published: Any,
    relations: dict[TimeMention, when.Relation] | None = None,
) -> None:
    doc = fr.head.doc
    scope_heads = [doc[i] for i in fr.tokens]
    if fr.head.dep_ in ("relcl", "acl", "appos") and fr.head.head.i != fr.head.i:
        scope_heads.append(fr.head.head)
    scope = {t.i for h in scope_heads for t in h.subtree}
    tied: list[tuple[int, TimeMention]] = []
    for t in sent_times:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if span.root.i in scope or any(tok.i in scope for tok in span):
            dist = min(abs(span.root.i - i) for i in fr.tokens)
            tied.append((dist, t))
            if t.type == "DURATION" and fr.kind in vocab.MOVEMENTS and span.root.head.i in fr.tokens:
                fr.duration = t.text
    tied.sort(key=lambda p: p[0])
    fr.time = when.choose([t for _, t in tied], earlier, published, relations)
