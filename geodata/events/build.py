"""From frames to records: one article's Events and Routes.

Sentence by sentence: frames (`frames`), whether each is real (`status`), its arguments, places and
time (`arguments`, `placing`, `timing`), then coreference between sentences (`coref`). Each frame
then becomes an Event at the place where it happened, a Route between its ends, or both
(a missile attack is drawn from launch site to target area and marked at the target).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from sortie.geodata.events import coref, homes, layout, localtime, tolls, vocab, when, where
from sortie.geodata.events.arguments import read_arguments
from sortie.geodata.events.frames import REAL, SKIP, THREAT, Frame, frames_in, head_word, verb_lemma
from sortie.geodata.events.placing import locate_toponyms, read_places
from sortie.geodata.events.status import status_of
from sortie.geodata.events.timing import EarlierTimes, distance_dated, read_time, time_relations
from sortie.geodata.records import Citation, Event, ParsedArticle, Route, TimeMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A loose place (elsewhere in the sentence) is too weak to put an incident on the map.
WHERE_INCIDENT = (where.LOCATIVE, where.TARGET, where.DESTINATION, where.WAYPOINT)


def article_frames(parsed: ParsedArticle, doc: Doc, gazetteer: Any) -> list[Frame]:
    """Every frame of the article, arguments read and coreference resolved."""
    located = locate_toponyms(parsed, doc, gazetteer)
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
    headline: list[Frame] = []  # the title's movements: what the story is about, never records
    for s in parsed.sentences:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None:
            continue
        base = Citation(parsed.article.doc, s.text, s.start, s.end)
        for fr in frames_in(span, s.index, base):
            head = fr.head
            if title is not None and layout.inside(head.idx, [title]) and fr.kind in vocab.MOVEMENTS:
                read_arguments(fr)
                read_places(fr, located.get(s.index, []), span, gazetteer, named)
                headline.append(fr)
                continue
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
            if fr.time is None or fr.time.basis == when.REPORTED:
                fr.time = distance_dated(fr, times.get(s.index, []), parsed.article.published) or fr.time
            if _planned(fr, parsed.article.published):
                continue
            low = s.text.lower()
            fr.round_trip = fr.returns or (
                fr.kind in vocab.MOVEMENTS and any(w in low for w in vocab.ROUND_TRIP_WORDS)
            )
            frames.append(fr)
    by_sentence = {i: [x.place for x in locs] for i, locs in located.items()}
    coref.link(frames, list(named.values()), by_sentence)
    homes.assign_home_origins(frames, homes.home_bases(parsed, located, doc))
    homes.assign_national_origins(frames, homes.nationalities(doc, gazetteer))
    coref.headline_areas(frames, headline)
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
        for one in split_sites(fr):
            ev, rt = to_records(one)
            if ev is not None:
                events.append(ev)
            if rt is not None:
                routes.append(rt)
    return events, routes


# Sites this far apart are different places hit, not one place named twice.
SITES_APART_KM = 50.0


def split_sites(fr: Frame) -> list[Frame]:
    """ "The strikes landed at the Ain al-Assad airbase in western Iraq as well as near the consulate in
    Erbil", "drones hit four airbases: A, B, C and D": one incident frame naming several sites far
    apart is one event at each (same time, actors, weapons, launch site), so each is on the map.
    Movements keep their one route; a country or region beside a site only qualifies it."""
    if fr.status != REAL:
        return [fr]
    # "F-15Es from Seymour Johnson AFB and F-35s from Hill AFB deployed to Al Dhafra": several origins
    # of one movement are several routes to its one end
    roles = (where.ORIGIN,) if fr.kind in vocab.MOVEMENTS else (where.LOCATIVE, where.TARGET)
    sites = _sites(fr, roles)
    if len(sites) < 2:
        return [fr]
    return [
        dataclasses.replace(fr, roles=[r for r in fr.roles if r.role not in roles or r is site])
        for site in sites
    ]


def _sites(fr: Frame, roles: tuple[str, ...]) -> list[where.PlaceRole]:
    """The frame's places in `roles` that are points or towns, one per place, far enough apart."""
    from sortie.geodata.geometry import distance_km

    sites: list[where.PlaceRole] = []
    for r in sorted(fr.places(*roles), key=lambda r: (r.depth, r.token)):
        if r.place.precision not in ("point", "city"):
            continue
        if any(
            s.place.id == r.place.id
            or distance_km((s.place.lon, s.place.lat), (r.place.lon, r.place.lat)) < SITES_APART_KM
            for s in sites
        ):
            continue
        sites.append(r)
    return sites


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
    if named:
        return min(named, key=lambda r: r.depth)
    # "Pakistani drones and missiles were fired at ...": the country whose projectiles were fired
    doc = fr.head.doc
    owners = {
        r.place.id: r
        for r in fr.roles
        if r.role == where.OWNER and r.place.kind == "country" and _projectile_word(doc[r.token].head)
    }
    return next(iter(owners.values())) if len(owners) == 1 else None


def _projectile_word(tok: Token) -> bool:
    word = head_word(tok)
    return word in vocab.AERIAL_OBJECTS - vocab.AIRCRAFT or vocab.INSTRUMENTS.get(word) in vocab.PROJECTILES


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
    here = where.best_place(fr.roles, (where.LOCATIVE, where.TARGET, where.DESTINATION))
    if t is not None and here is not None:
        t = localtime.local_interval(t, fr.citation.sentence, here.place.lon)
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
        fr.roles, (where.LOCATIVE, where.TARGET, where.WAYPOINT)
    )
    listed: list[where.PlaceRole] = []
    if dest is not None:
        dest, listed = _last_of_list(fr, dest)
    passes = sorted([*fr.places(where.WAYPOINT), *listed], key=lambda r: r.token)
    if origin is None and passes and dest is not None and dest.role == where.DESTINATION:
        origin = passes[0]  # "sailed through the Strait of Hormuz into the Gulf": from the strait
    # A movement may stay inside one country ("from mainland Russia to Kaliningrad"): only
    # an attack's ends must be distinct places, see `launch_site`.
    if origin is not None and dest is not None and not where.namesakes(origin.place, dest.place):
        stops = sorted(
            (r for r in passes if r.place.id not in (origin.place.id, dest.place.id)), key=lambda r: r.token
        )
        # The movement is also an event where it was seen: its arrival, or its departure when it
        # left a base for a whole region ("left Esquimalt for the Indo-Pacific").
        end = origin if where.finer(origin.place, dest.place) and _departure(fr, dest) else dest
        seen = Event(kind, f"{vocab.label(kind)}: {end.place.name}", end.place, fr.citation,
                     targets=tuple(fr.targets), trigger=fr.trigger, support=support, **common)  # fmt: skip
        towns = [r for r in stops if r.role == where.WAYPOINT and r.place.precision in ("point", "city")]
        if towns:
            # "passing through several cities, including Gori": a column seen going through a town
            # is an event there; the arrival is told by the route
            seen = dataclasses.replace(
                seen, name=f"{vocab.label(kind)}: {towns[0].place.name}", place=towns[0].place
            )
        return seen, Route(
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
    # "left Esquimalt on Monday", "the March deployment of HMCS Montreal from Halifax": with no end
    # known, a movement that states where it left from happened there.
    # But an arrival happened where it arrived: with that place unknown, not at its origin.
    arrival = verb_lemma(fr.head, vocab.ARRIVAL_VERBS) in vocab.ARRIVAL_VERBS
    from_origin = origin is not None and origin.place.precision in ("point", "city") and not arrival
    seen_at = dest or (origin if from_origin else None)
    place = seen_at.place if seen_at else None
    name = f"{vocab.label(kind)}: {place.name}" if place else vocab.label(kind)
    return Event(kind, name, place, fr.citation, targets=tuple(fr.targets), trigger=fr.trigger,
                 support=support, **common), None  # fmt: skip


def _last_of_list(fr: Frame, dest: where.PlaceRole) -> tuple[where.PlaceRole, list[where.PlaceRole]]:
    """ "flew over the eastern Mediterranean, the Arabian Peninsula and the Red Sea": a list of places
    a movement went over or to is passed in the order told, and ends at the last one."""
    doc = fr.head.doc
    chain = {t.i for t in doc[dest.token].conjuncts} | {dest.token}
    listed = [r for r in fr.roles if r.token in chain and r.role != where.ORIGIN]
    if len(listed) < 2:
        return dest, []
    listed.sort(key=lambda r: r.token)
    return listed[-1], listed[:-1]


def _departure(fr: Frame, dest: where.PlaceRole) -> bool:
    """The movement is told from its start: a verb of leaving, or an origin stated and an end that
    is only a broad area ("deployed to the Indo-Pacific from Halifax")."""
    if verb_lemma(fr.head, vocab.DEPARTURE_VERBS) in vocab.DEPARTURE_VERBS:
        return True
    return dest.place.kind == "region" and not fr.round_trip


def _incident_records(
    fr: Frame, common: dict[str, Any], support: tuple[Citation, ...]
) -> tuple[Event | None, Route | None]:
    """An incident (or a threat): an Event at the place it happened, with the sortie that flew to it
    (an interception) or the projectiles' route from a stated launch site (a missile attack)."""
    kind = vocab.THREAT if fr.status == THREAT else fr.kind
    hit = where.best_place(fr.roles, WHERE_INCIDENT)
    place = hit.place if hit else None
    origin = where.best_place(fr.roles, (where.ORIGIN,))
    flown = kind in (vocab.INTERCEPTION, vocab.SHOOT_DOWN) or (
        fr.medium == "air" and vocab.family(kind) == "attack" and kind not in vocab.PROJECTILES
    )
    if flown and place is not None and origin is not None:
        # "jets were scrambled from X to intercept ... over Y", "the aircraft, coming from the air
        # base of X, struck a column near Y": the sortie is a flight X -> Y
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
