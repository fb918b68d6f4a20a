"""A frame's arguments read off the dependency tree: actors, targets, instruments, quantity, medium."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sortie.geodata.events import vocab
from sortie.geodata.events.frames import SKIP, Frame, verb_lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

# Triggers too common in other senses to stand alone: they need a weapon, a military actor or
# a ship/aircraft in the frame ("the anniversary approaches" is no naval encounter).
NEEDS_MILITARY = frozenset(
    {"approach", "harass", "seize", "return", "send", "station", "relocate", "hit", "target", "launch",
     "fire", "take", "down", "pound", "cruise", "steam", "transit", "raid", "deploy", "dispatch",
     "arrive", "shadow", "buzz", "land", "leave", "depart", "dock", "berth", "escort", "capture",
     "recapture", "retake", "board"}
)  # fmt: skip
MILITARY_WORDS = (
    vocab.AIRCRAFT
    | vocab.SHIPS
    | vocab.TROOPS
    | frozenset(
        {"missile", "rocket", "drone", "militia", "militant", "army", "military", "navy", "air force",
         "artillery", "mortar", "bomb", "shell", "airstrike", "strike", "attack", "fighter", "rebel",
         "insurgent", "coalition", "guard", "warplane", "jet", "interceptor",
         # what is targeted: "Iran targeted Al Udeid Air Base"
         "base", "airbase", "airfield", "outpost", "garrison", "barracks",
         # ship prefixes: "USS Harry S. Truman", "HMS Diamond" name warships
         "uss", "hms", "hmas", "hmcs", "hnlms", "fgs"}
    )
)  # fmt: skip
PRONOUNS = frozenset({"they", "it", "both", "these", "those"})
DEFINITE = frozenset({"the", "these", "those", "both"})


def _phrase(tok: Token) -> str:
    """A noun's own phrase: determiners, numbers, modifiers and compounds before it, and itself."""
    keep = {"det", "nummod", "quantmod", "compound", "amod", "poss", "nmod", "case", "punct", "advmod"}
    left = [t for t in tok.subtree if t.i <= tok.i and (t.i == tok.i or _under(t, tok, keep))]
    if not left:
        return tok.text
    start, end = min(t.i for t in left), tok.i
    counted = _expand_quantity_head(tok)
    if counted is not tok:
        end = counted.i  # "A pair of Tu-160 bombers": what is counted is who acted
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
        if (
            holder.lower_ in vocab.QUANTITY_HEADS
            or vocab.singular(holder.lower_) in vocab.QUANTITY_HEADS
            or holder.pos_ == "NUM"  # "41 of the drones"
        ):
            det = [c.text for c in holder.children if c.dep_ in ("det", "nummod", "quantmod")]
            return " ".join([*det, holder.text, "of"])
    return None


def _pobj(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def _expand_quantity_head(tok: Token) -> Token:
    """ "a barrage of missiles", "41 of the drones" -> "missiles", "drones" (the thing counted)."""
    if vocab.singular(tok.lower_) in vocab.QUANTITY_HEADS or tok.pos_ == "NUM":
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


def _unparsed_subject(verb: Token) -> list[str]:
    """The words before a verb in its own clause, when the parse found it no subject: the small model
    takes "Navy frigates HMCS Ottawa and HMCS Vancouver left ..." for a verb "frigates"."""
    return [t.text for t in verb.subtree if t.i < verb.i and t.pos_ in ("NOUN", "PROPN", "VERB", "NUM")]


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
    # What a transitive movement moves is its object ("Russia moved bombers", "sent two
    # destroyers"): it says the medium and the count when the subject (who sent them) does not.
    # ("left Esquimalt": the object of a verb of leaving is where from, not what moved)
    leaving = fr.head.pos_ == "VERB" and verb_lemma(fr.head, vocab.DEPARTURE_VERBS) in vocab.DEPARTURE_VERBS
    moved = [
        t for t in targets if fr.kind in vocab.MOVEMENTS and t.dep_ in ("dobj", "nsubjpass") and not leaving
    ]
    moved = [t for t in moved if vocab.medium(_phrase(t).split())]
    fr.medium = (
        vocab.medium([w for a in actors for w in _phrase(a).split()])
        or vocab.medium([w for t in moved for w in _phrase(t).split()])
        or ("sea" if vocab.medium([w for t in targets for w in _phrase(t).split()]) == "sea" else None)
        or (vocab.medium(_unparsed_subject(fr.head)) if not actors and fr.kind in vocab.MOVEMENTS else None)
    )
    fr.kind = vocab.refine(fr.kind, fr.instruments, fr.medium)
    if fr.kind == vocab.NAVAL_ENCOUNTER and fr.medium is None:
        fr.status = SKIP
    counted = instruments if fr.kind not in vocab.MOVEMENTS | {vocab.NAVAL_ENCOUNTER} else actors
    for t in [*moved, *counted, *actors]:
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
        if not actors and fr.head.pos_ == "VERB":
            own = [w.lower() for w in _unparsed_subject(fr.head)]
        # the actor's whole phrase: "two of the bombers" says what took off
        whole = [t.text for a in actors for t in a.subtree]
        vocabulary = " ".join(words + whole + own + [doc[i].lower_ for i in fr.tokens]).lower()
        if not any(vocab.singular(w) in MILITARY_WORDS for w in vocabulary.split()):
            fr.status = SKIP
