"""Whether a frame reports an event: real, only threatened, or not one (negated, hypothetical,
generic, habitual, planned)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from geodata.events import vocab
from geodata.events.frames import LIGHT_VERBS, REAL, SKIP, THREAT, trigger_kind, verb_lemma

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
    # "have launched more than 160 attacks since October": a tally over a period, not one event.
    plural = any(doc[i].pos_ == "NOUN" and doc[i].tag_ == "NNS" for i in tokens)
    if plural and any(c.dep_ == "prep" and c.lower_ == "since" for i in tokens for c in doc[i].children):
        return SKIP
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
