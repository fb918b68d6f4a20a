"""From frames to records: one article's Events and Routes.

Sentence by sentence: frames (`frames`), whether each is real (`status`), its arguments, places and
time (`arguments`, `placing`, `timing`), then coreference between sentences (`coref`). Each frame
then becomes an Event at the place where it happened, a Route between its ends, or both
(a missile attack is drawn from launch site to target area and marked at the target).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from geodata.events import coref, layout, tolls, vocab, when, where
from geodata.events.arguments import read_arguments
from geodata.events.frames import REAL, SKIP, THREAT, Frame, frames_in, head_word, verb_lemma
from geodata.events.placing import locate_toponyms, read_places
from geodata.events.status import status_of
from geodata.events.timing import EarlierTimes, read_time, time_relations
from geodata.records import Citation, Event, ParsedArticle, Route, TimeMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A loose place (elsewhere in the sentence) is too weak to put an incident on the map.
WHERE_INCIDENT = (where.LOCATIVE, where.TARGET, where.DESTINATION, where.WAYPOINT)


def article_frames(parsed: ParsedArticle, doc: Doc, gazetteer: Any) -> list[Frame]:
    """Every frame of the article, arguments read and coreference resolved."""
    located = locate_toponyms(parsed, doc)
    text = parsed.article.text
    # Title and captions report nothing the body does not (or report another, pictured mission);
    # a dateline's date is the report's, not any event's.
    captions = layout.caption_ranges(text)
    title = layout.title_range(text)
    if title is not None:
        captions.append(title)
    left_out = layout.Ranges(captions)
    datelines = layout.Ranges(layout.dateline_ranges(text))
    # places there are not the body's events' places
    off_body = layout.Ranges(captions + layout.dateline_ranges(text))
    named = {t.place.id: t.place for t in parsed.toponyms if t.place is not None}
    times: dict[int, list[TimeMention]] = {}
    for t in parsed.times:
        if not layout.inside(t.start, datelines):
            times.setdefault(t.sentence, []).append(t)
    relations = time_relations(parsed, doc)
    earlier_times = EarlierTimes(parsed, times)
    frames: list[Frame] = []
    for s in parsed.sentences:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None:
            continue
        base = Citation(parsed.article.doc, s.text, s.start, s.end)
        for fr in frames_in(span, s.index, base):
            head = fr.head
            if layout.inside(head.idx, left_out):
                continue
            fr.citation = Citation(
                base.doc, base.sentence, base.start, base.end, head.idx, head.idx + len(head.text)
            )
            fr.status = _combine(fr.status, status_of(fr.head, fr.tokens))
            read_arguments(fr)
            if fr.status == SKIP:
                continue
            here = [x for x in located.get(s.index, []) if not layout.inside(x.start, off_body)]
            read_places(fr, here, span, gazetteer, named)
            earlier = earlier_times.before(s.index)
            read_time(fr, times.get(s.index, []), earlier, parsed.article.published, relations)
            if _planned(fr, parsed.article.published):
                continue
            low = s.text.lower()
            fr.round_trip = fr.returns or (
                fr.kind in vocab.MOVEMENTS and any(w in low for w in vocab.ROUND_TRIP_WORDS)
            )
            frames.append(fr)
    coref.link(frames, list(named.values()))
    return frames


def _planned(fr: Frame, published: Any) -> bool:
    """ "The exercise, which begins on Monday ...": a time the text states for the event, after the
    day the article was published, makes it a plan, not something that happened."""
    t = fr.time
    return (
        published is not None
        and t is not None
        and t.basis == when.STATED
        and t.start is not None
        and t.start > published
    )


def _combine(a: str, b: str) -> str:
    for s in (SKIP, THREAT):
        if s in (a, b):
            return s
    return REAL


def extract_article(parsed: ParsedArticle, doc: Doc, gazetteer: Any) -> tuple[list[Event], list[Route]]:
    events: list[Event] = []
    routes: list[Route] = []
    for fr in article_frames(parsed, doc, gazetteer):
        if fr.consumed:
            continue
        ev, rt = to_records(fr)
        if ev is not None:
            events.append(ev)
        if rt is not None:
            routes.append(rt)
    return events, routes


def launch_site(fr: Frame) -> where.PlaceRole | None:
    """Where an attack was launched from, only when the text states it.

    A "from" phrase ("fired from Yemen", or a later sentence "the missiles were launched from
    Iraq", see `coref`), or a country that is itself the one firing ("Iran fired missiles at ..."):
    a state's own missiles leave its territory. Not a place merely near the attacker's words
    ("Iran-backed militias", "missiles that fell on the Green Zone"): those say nothing of a launch.
    Nor a country that only "attacked X with missiles": it may have fired them from anywhere (from
    ships, aircraft, occupied land), so without a firing verb the attack has no route.
    """
    origin = where.best_place(fr.roles, (where.ORIGIN,))
    if origin is not None:
        return origin
    if not _fires_projectile(fr):
        return None
    actors = {a.i for a in fr.actor_tokens}
    named = [r for r in fr.roles if r.role == where.ACTOR and r.token in actors and r.place.kind == "country"]
    return min(named, key=lambda r: r.depth) if named else None


def _fires_projectile(fr: Frame) -> bool:
    """The frame says a projectile was fired or launched: a verb of firing among its words whose
    object (or passive subject) is a missile, rocket, drone... ("firing a barrage of missiles")."""
    doc = fr.head.doc
    for i in fr.tokens:
        verb = doc[i]
        if verb.pos_ != "VERB" or verb_lemma(verb, vocab.FIRING_VERBS) not in vocab.FIRING_VERBS:
            continue
        for c in verb.children:
            word = head_word(c) if c.dep_ in ("dobj", "nsubjpass") else None
            if word and (word in vocab.AERIAL_OBJECTS or vocab.INSTRUMENTS.get(word) in vocab.PROJECTILES):
                return True
    return False


def to_records(fr: Frame) -> tuple[Event | None, Route | None]:
    """The Event and/or Route a frame stands for."""
    t = fr.time
    common: dict[str, Any] = {
        "actors": tuple(fr.actors),
        "quantity": fr.quantity,
        "start": t.start if t else None,
        "end": t.end if t else None,
        "time_precision": t.precision if t else None,
        "time_basis": t.basis if t else "reported",
    }
    support = tuple(c for c in dict.fromkeys(fr.support) if c != fr.citation)
    if fr.kind in vocab.MOVEMENTS and fr.status == REAL:
        return _movement_records(fr, common, support)
    return _incident_records(fr, common, support)


def _movement_records(
    fr: Frame, common: dict[str, Any], support: tuple[Citation, ...]
) -> tuple[Event | None, Route | None]:
    """A movement: a Route when both ends are known, else an Event at its area of operation."""
    kind = fr.kind
    origin = where.best_place(fr.roles, (where.ORIGIN,))
    dest = where.best_place(fr.roles, (where.DESTINATION,)) or where.best_place(
        fr.roles, (where.LOCATIVE, where.TARGET, where.WAYPOINT, where.LOOSE)
    )
    passes = sorted(fr.places(where.WAYPOINT), key=lambda r: r.token)
    if origin is None and passes and dest is not None and dest.role == where.DESTINATION:
        origin = passes[0]  # "sailed through the Strait of Hormuz into the Gulf": from the strait
    # A movement may stay inside one country ("from mainland Russia to Kaliningrad"): only
    # an attack's ends must be distinct places, see `launch_site`.
    if origin is not None and dest is not None and not where.namesakes(origin.place, dest.place):
        stops = sorted(
            (r for r in fr.places(where.WAYPOINT) if r.place.id not in (origin.place.id, dest.place.id)),
            key=lambda r: r.token,
        )
        return None, Route(
            kind=fr.kind,
            name=f"{vocab.label(fr.kind)}: {origin.place.name} to {dest.place.name}",
            origin=origin.place,
            destination=dest.place,
            citation=fr.citation,
            waypoints=tuple(dict.fromkeys(r.place for r in stops)),
            round_trip=fr.round_trip,
            duration=fr.duration,
            trigger=fr.trigger,
            support=support,
            **common,
        )
    place = dest.place if dest else None
    name = f"{vocab.label(kind)}: {place.name}" if place else vocab.label(kind)
    return Event(kind, name, place, fr.citation, targets=tuple(fr.targets), trigger=fr.trigger,
                 support=support, **common), None  # fmt: skip


def _incident_records(
    fr: Frame, common: dict[str, Any], support: tuple[Citation, ...]
) -> tuple[Event | None, Route | None]:
    """An incident (or a threat): an Event at the place it happened, with the sortie that flew to it
    (an interception) or the projectiles' route from a stated launch site (a missile attack)."""
    kind = vocab.THREAT if fr.status == THREAT else fr.kind
    hit = where.best_place(fr.roles, WHERE_INCIDENT)
    place = hit.place if hit else None
    origin = where.best_place(fr.roles, (where.ORIGIN,))
    if kind in (vocab.INTERCEPTION, vocab.SHOOT_DOWN) and place is not None and origin is not None:
        # "jets were scrambled from X to intercept ... over Y": the sortie is a flight X -> Y
        if origin.place.id != place.id and fr.medium in ("air", None):
            sortie: Route | None = Route(
                kind=vocab.FLIGHT,
                name=f"{vocab.label(vocab.FLIGHT)}: {origin.place.name} to {place.name}",
                origin=origin.place,
                destination=place,
                citation=fr.citation,
                round_trip=fr.round_trip,
                trigger=fr.trigger,
                support=support,
                **common,
            )
        else:
            sortie = None
    else:
        sortie = None
    target = fr.targets[0] if fr.targets else None
    label = vocab.label(kind)
    name = f"{label}: {place.name}" if place else label
    if target and place and len(target.split()) <= 6 and any(w[:1].isupper() for w in target.split()[1:]):
        name = f"{label}: {target.removeprefix('the ').removeprefix('The ')}"
    event: Event | None = Event(kind, name, place, fr.citation, targets=tuple(fr.targets), trigger=fr.trigger,
                                killed=tolls.killed(fr.citation.sentence),
                  support=support, **common)  # fmt: skip
    if fr.route_only:
        event = None  # the attack is the earlier sentence's event; this one adds its launch site
    route = sortie
    if kind in vocab.PROJECTILES and place is not None:
        origin = launch_site(fr)
        if origin is not None and where.distinct(origin.place, place):
            route = Route(
                kind=kind,
                name=f"{label}: {origin.place.name} to {place.name}",
                origin=origin.place,
                destination=place,
                citation=fr.citation,
                trigger=fr.trigger,
                support=support,
                **common,
            )
    return event, route
