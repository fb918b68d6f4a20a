"""What the article says about people: the evidence that a name is a person's (a fuller name, a title, a
possession only a person has), and the sites a small model reads as people ("Diego Garcia").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sortie.geodata.places.spans import LOCATIVE, PLACE_LABELS, POSSESSIVE

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


# Titles before a name: "Ms Raggi" or "President Obama" is a person whatever the tag says.
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "president", "gen", "general", "king", "queen",
     "prince", "princess", "sen", "senator", "rep", "gov", "governor", "mayor", "minister", "pope", "judge",
     "col", "colonel", "capt", "captain", "lt", "sgt", "prof", "professor", "rev", "sheikh", "ayatollah"}
)  # fmt: skip
# Nouns only a person owns: "<name>'s death" makes <name> a person, whatever the model says.
_PERSON_POSSESSIONS = frozenset(
    {
        "death", "killing", "assassination", "murder", "funeral", "wife", "husband", "son", "daughter",
        "mother", "father", "brother", "sister", "family", "widow", "lawyer", "attorney", "spokesman",
        "spokeswoman", "birthday", "likeness", "career", "presidency", "campaign", "successor",
        "predecessor", "body", "remains", "memoir", "tweet", "tweets", "administration", "aides",
    }
)  # fmt: skip
# Kinds of gazetteer place that a person's name is rarely mistaken for once the text treats it as a
# place: an atoll-base named after a saint ("Diego Garcia"), a station named for its village.
SITE_KINDS = frozenset({"airbase", "facility", "water"})
# Words inside a name that make it a site, whatever the model's PERSON tag says ("RAF Mildenhall").
_SITE_WORDS = frozenset(
    {"raf", "base", "airbase", "airfield", "camp", "fort", "naval", "station", "port", "harbor", "harbour",
     "bay", "strait", "sea", "gulf", "island", "islands", "atoll", "canal", "channel"}
)  # fmt: skip
# Prepositions that put a site on the map ("leaned on Diego Garcia", "flew via Guam").
_SITE_LOCATIVE = LOCATIVE | {"on", "via", "over", "off", "toward", "towards"}


@dataclass(frozen=True, slots=True)
class PersonEvidence:
    """What the article says about people.

    `parts`: every word sequence inside a PERSON entity of two or more words, so a surname used alone
    ("Soleimani" after "Qassem Soleimani") is known as a person's. `votes`: for a text the model
    tags PERSON alone, how often it does so against how often it tags it a place; a small model
    flips between the two on the same word ("Edmonton"), and the majority is the better guess.
    """

    parts: frozenset[tuple[str, ...]]
    person_tags: dict[str, int]
    place_tags: dict[str, int]
    org_tags: dict[str, int] = dataclasses.field(default_factory=dict)

    @classmethod
    def of(cls, ents: Iterable[Span]) -> PersonEvidence:
        """The evidence in an article's entities (`doc.ents`)."""
        parts: set[tuple[str, ...]] = set()
        person_tags: dict[str, int] = {}
        place_tags: dict[str, int] = {}
        org_tags: dict[str, int] = {}
        for ent in ents:
            if ent.label_ in PLACE_LABELS:
                place_tags[ent.text] = place_tags.get(ent.text, 0) + 1
            if ent.label_ == "ORG":
                org_tags[ent.text] = org_tags.get(ent.text, 0) + 1
            if ent.label_ != "PERSON":
                continue
            words = [t.text for t in ent if t.text[:1].isupper() and t.text not in POSSESSIVE]
            if len(words) == 1:
                person_tags[words[0]] = person_tags.get(words[0], 0) + 1
            if len(words) < 2:
                continue
            for a in range(len(words)):
                for b in range(a + 1, len(words) + 1):
                    parts.add(tuple(words[a:b]))
        return cls(frozenset(parts), person_tags, place_tags, org_tags)

    def organisation(self, span: Span) -> bool:
        """True when the model tags this very text an organisation as often as a place in the
        article ("Xinhua reported", "according to Xinhua"): a news agency, a company, a club."""
        return self.org_tags.get(span.text, 0) >= max(1, self.place_tags.get(span.text, 0))

    def names(self, span: Span) -> bool:
        """True when the article shows the span's words to be (part of) a person's name."""
        words = tuple(t.text for t in span if t.text not in POSSESSIVE and t.lower_ != "the")
        if not words:
            return False
        if words in self.parts:
            return True
        text = " ".join(words)
        return self.person_tags.get(text, 0) > self.place_tags.get(text, 0)


def owned_by_person(doc: Doc, end: int) -> bool:
    """ "<name>'s death": the possessed noun is one that only a person has."""
    if end >= len(doc) or doc[end].text not in POSSESSIVE:
        return False
    for j in range(end + 1, min(end + 3, len(doc))):
        if doc[j].lower_ in _PERSON_POSSESSIONS:
            return True
        if doc[j].pos_ not in ("ADJ",):
            break
    return False


def words_of(span: Span) -> tuple[str, ...]:
    return tuple(t.text for t in span if t.text not in POSSESSIVE and t.lower_ != "the")


def sites_not_people(
    doc: Doc, spans: Sequence[Span], ents: Iterable[Span], persons: PersonEvidence, gazetteer: Any
) -> set[tuple[str, ...]]:
    """Gazetteer names the model tags PERSON that the article nonetheless uses as places.

    A small model reads "Diego Garcia" or "RAF Mildenhall" as a person's name. The name is kept as a
    place when the gazetteer knows it as an air base, facility or water body, the article never uses
    it as a person (no title before it, nothing only a person owns after it, not part of a longer
    person's name, its last word never a person's surname alone), and the article puts it on the map:
    a locative preposition before it ("deployed to", "leaned on") or a site word in it ("RAF", "Bay").
    Decided once per name for the whole article, so every use of it agrees.
    """
    by_name: dict[tuple[str, ...], list[Span]] = {}
    for span in spans:
        if persons.names(span):
            by_name.setdefault(words_of(span), []).append(span)
    if not by_name:
        return set()
    person_ents = [e for e in ents if e.label_ == "PERSON"]
    for ent in person_ents:
        key = words_of(ent)
        if key in by_name:
            by_name[key].append(ent)
    out: set[tuple[str, ...]] = set()
    for key, uses in by_name.items():
        if not any(p.kind in SITE_KINDS for p in gazetteer.lookup(" ".join(key))):
            continue
        if persons.person_tags.get(key[-1], 0) or any(
            len(words_of(e)) > len(key) and _contains(words_of(e), key) for e in person_ents
        ):
            continue  # "Garcia said": the article has a person of that name
        if any(_titled(doc, u.start) or owned_by_person(doc, u.end) for u in uses):
            continue
        site_word = any(w.casefold() in _SITE_WORDS for w in key)
        if site_word or any(_preceded_by(doc, u.start, _SITE_LOCATIVE) for u in uses):
            out.add(key)
    return out


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _titled(doc: Doc, start: int) -> bool:
    """ "President Garcia", "Mr. Garcia": a title right before the name."""
    return start > 0 and doc[start - 1].lower_.rstrip(".") in HONORIFICS


def _preceded_by(doc: Doc, start: int, words: frozenset[str] | set[str]) -> bool:
    j = start - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    return j >= 0 and doc[j].lower_ in words
