"""Whether a frame reports an event: real, only threatened, or not one (negated, hypothetical,
generic, habitual, planned)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sortie.geodata.events import vocab
from sortie.geodata.events.frames import LIGHT_VERBS, REAL, SKIP, THREAT, trigger_kind, verb_lemma

if TYPE_CHECKING:
    from spacy.tokens import Token


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
            if c.dep_ in ("npadvmod", "advmod") and _every(c):
                return SKIP  # "holds drills every year"
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
        inf = _infinitive(t) if t.pos_ == "VERB" else None
        if inf is not None and inf.head.i not in tokens:  # "scrambled to intercept": one event
            # "to strike", "to deter", "to close the base and move its units": a purpose or a
            # plan, not a report
            return THREAT if inf.head.lemma_ in vocab.THREAT_VERBS else SKIP
    if _presence(head):
        return SKIP
    if head.pos_ == "VERB" and head.dep_ in ("acl", "relcl") and head.head.dep_ in ("nsubj", "nsubjpass"):
        # "aircraft flying from X routinely track ships": what the subject does by habit
        verb = head.head.head
        if verb.pos_ in ("VERB", "AUX") and _habitual(verb):
            return SKIP
    if any(_habit_by_duration(doc[i]) for i in tokens if doc[i].pos_ in ("VERB", "AUX")):
        return SKIP
    # "have launched more than 160 attacks since October": a tally over a period, not one event.
    plural = any(doc[i].pos_ == "NOUN" and doc[i].tag_ == "NNS" for i in tokens)
    if plural and any(c.dep_ == "prep" and c.lower_ == "since" for i in tokens for c in doc[i].children):
        return SKIP
    # "AFRICOM has conducted more than a dozen strikes in Somalia so far this year": a count of events
    # over a period up to now, not one event.
    if head.pos_ == "NOUN" and head.tag_ == "NNS" and _perfect(head.head) and _counted(head):
        return SKIP
    # A bare plural after "of"/"against" is generic: "the risk of attacks", "chatter of attacks".
    if head.pos_ == "NOUN" and head.tag_ == "NNS":
        bare = not any(c.dep_ in ("det", "nummod", "poss") for c in head.children)
        if bare and head.dep_ == "pobj" and head.head.lower_ in ("of", "for", "against", "about"):
            return SKIP
        gov = _governing_verb(head)
        if bare and gov is not None and gov.i not in tokens and _habitual(gov):
            return SKIP  # "Israel rarely comments on strikes in Syria": a habit of talk, no incident
        if bare and gov is not None and gov.i not in tokens and _background(gov):
            return SKIP  # "has taken part in exercises in the Pacific": exercises in general
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
        if up.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in up.children
        ):
            return SKIP  # "if an attack on Iranian soil occurs": a condition, not an event
        if up.pos_ in ("VERB", "AUX") and cur.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp"):
            if lemma in vocab.THREAT_VERBS:
                return THREAT
            if lemma in vocab.IRREALIS_VERBS:
                return SKIP
            if any(c.dep_ == "aux" and c.lower_ in vocab.MODALS for c in up.children) and cur.dep_ in (
                "xcomp",
                "dobj",
                "prep",  # "the bombers will integrate ... in exercises over the Baltic Sea"
            ):
                return SKIP
        if cur.dep_ in ("relcl", "advcl", "ccomp", "conj"):
            break
        cur = up
    return REAL


def _infinitive(verb: Token) -> Token | None:
    """The to-infinitive `verb` is, or shares by coordination ("to close X and move Y"), or None."""
    cur = verb
    for _ in range(4):
        if any(c.dep_ == "aux" and c.tag_ == "TO" for c in cur.children):
            return cur
        if cur.dep_ != "conj" or verb.tag_ != "VB" or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _every(tok: Token) -> bool:
    """ "every year", "each summer": a period that recurs, so the event is a habit."""
    return tok.lemma_.lower() in vocab.RECURRING_PERIODS and any(
        c.dep_ == "det" and c.lower_ in ("every", "each") for c in tok.children
    )


def _counted(noun: Token) -> bool:
    """ "more than a dozen strikes", "160 attacks", "dozens of raids": a number of events."""
    if any(c.dep_ in ("nummod", "quantmod") for c in noun.children):
        return True
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lower_ in ("dozens", "hundreds", "scores")
    )


def _perfect(verb: Token) -> bool:
    """ "have flown", "has been stationed", "had taken part": perfect aspect."""
    return verb.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "have" for c in verb.children
    )


def _habit_by_duration(verb: Token) -> bool:
    """ "fighters that have flown from Djibouti for more than two decades", "have been stationed
    there since 2003": a perfect with a span of months or years tells a standing habit or presence,
    not one movement (a single flight lasts hours: "have flown for 36 hours" stays an event)."""
    if not _perfect(verb):
        return False
    for c in verb.children:
        if c.dep_ != "prep" or c.lower_ not in ("for", "since"):
            continue
        for o in (o for o in c.children if o.dep_ == "pobj"):
            if vocab.singular(o.lower_) in vocab.LONG_PERIODS:
                return True
            # "since 2003", "since the 1990s": years back; "since Monday" may be one ongoing event
            if c.lower_ == "since" and any(t.like_num and len(t.text.rstrip("s")) == 4 for t in o.subtree):
                return True
    return False


def _presence(head: Token) -> bool:
    """ "About 1,500 French troops are stationed in the country": a present-tense passive of a verb of
    posting forces says where they are, not that they moved there (no arrival, no date): a presence,
    which the map's vocabulary has no kind for. "were stationed", "are being deployed to" move."""
    if head.pos_ != "VERB" or head.tag_ != "VBN":
        return False
    from sortie.geodata.events.frames import verb_lemma as _lemma

    if _lemma(head, vocab.PRESENCE_VERBS) not in vocab.PRESENCE_VERBS:
        return False
    aux = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ == "being" for a in aux):
        return False
    present = any(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in aux)
    remain = head.dep_ in ("acomp", "xcomp", "oprd") and head.head.lemma_.lower() in ("remain", "stay")
    return (present or remain or _perfect(head)) and not _to_phrase(head)


def _to_phrase(verb: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in vocab.DESTINATION_PREPS for c in verb.children)


def _governing_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of, directly or through one preposition ("comments on strikes")."""
    cur = noun
    if cur.dep_ == "pobj":
        cur = cur.head
    if cur.dep_ in ("dobj", "prep", "pobj") and cur.head.pos_ in ("VERB", "AUX"):
        return cur.head
    return None


def _habitual(verb: Token) -> bool:
    return any(
        (c.dep_ == "advmod" and c.lower_ in vocab.HABITUAL_ADVERBS) or (c.dep_ == "npadvmod" and _every(c))
        for c in verb.children
    )


def _background(verb: Token) -> bool:
    """A perfect or a relative clause with no date in it: what is told is background, so a bare
    plural event noun there ("has taken part in exercises") names events in general."""
    if not (_perfect(verb) or verb.dep_ == "relcl"):
        return False
    return not any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree)
