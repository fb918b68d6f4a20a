"""Plain coreference between the movement frames of one article.

Only what the text makes plain: a definite or pronoun subject of the same medium ("The two planes
were dispatched ...") continues the movement of the sentence before ("B-52 bombers flew ..."); a
movement with an origin but no end borrows the area of operation stated next to it ("such flights
in the Arabian Gulf"); a vague origin ("their air base in North Dakota") gives way to a base the
article names, for the same movement, inside it.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
from collections.abc import Iterator

from sortie.geodata.events import vocab, when, where
from sortie.geodata.events.frames import REAL, Frame, verb_lemma
from sortie.geodata.records import Place

WINDOW = 2  # sentences either side


# Places specific enough that two nearby frames at one of them tell of one scene.
_SPECIFIC_KINDS = frozenset({"water", "city", "airbase", "airport", "facility"})
_SCENE_ROLES = (where.LOCATIVE, where.TARGET, where.WAYPOINT, where.DESTINATION)
SCENE_WINDOW = 4  # sentences


# The frames of an article come in sentence order. A frame looks only at frames a few sentences
# away: `_back` and `_Near` reach them without scanning the whole article, so linking stays linear
# in the number of frames.


def _back(frames: list[Frame], i: int, window: int) -> Iterator[Frame]:
    """frames[i - 1], frames[i - 2], ... while they are within `window` sentences of frames[i]."""
    at = frames[i].sentence
    for k in range(i - 1, -1, -1):
        if at - frames[k].sentence > window:
            return
        yield frames[k]


class _Near:
    """The frames within a few sentences of a given one, in article order, found by bisection."""

    def __init__(self, frames: list[Frame]) -> None:
        self.frames = frames
        self.sentences = [f.sentence for f in frames]

    def around(self, sentence: int, window: int) -> list[Frame]:
        lo = bisect.bisect_left(self.sentences, sentence - window)
        hi = bisect.bisect_right(self.sentences, sentence + window)
        return self.frames[lo:hi]


def _scene_places(fr: Frame) -> set[str]:
    return {r.place.id for r in fr.places(*_SCENE_ROLES) if r.place.kind in _SPECIFIC_KINDS}


def _dated_by_same_place(frames: list[Frame]) -> None:
    """ "A destroyer shadowed the Chinese ships as they passed through the strait" with no time of its
    own, two sentences after "the carrier sailed through the Miyako Strait on Sunday": a frame at the
    same specific place (a strait, a city, a base) just before, with a time the text states, dates
    it; the publication day would date it days late."""
    for i, fr in enumerate(frames):
        if fr.status != REAL or fr.time is None or fr.time.basis != when.REPORTED:
            continue
        here = _scene_places(fr)
        if not here:
            continue
        for prev in _back(frames, i, SCENE_WINDOW):
            if prev.sentence == fr.sentence or prev.status != REAL or prev.time is None:
                continue
            if prev.time.basis == when.REPORTED:
                continue
            if not (here & _scene_places(prev) or _same_scene_nearby(fr, prev)):
                continue
            fr.time = dataclasses.replace(prev.time, basis=when.NEARBY)
            break


# "Attackers stormed the airstrip at Manda Bay" after "attacked a base near Lamu on Sunday": sites
# this close, in incidents of one family, are one scene.
SCENE_KM = 30.0


def _same_scene_nearby(a: Frame, b: Frame) -> bool:
    if vocab.family(a.kind) != vocab.family(b.kind) or a.kind in vocab.MOVEMENTS:
        return False
    from sortie.geodata.geometry import distance_km

    pa, pb = _incident_place(a), _incident_place(b)
    if pa is None or pb is None or "country" in (pa.place.precision, pb.place.precision):
        return False
    return distance_km((pa.place.lon, pa.place.lat), (pb.place.lon, pb.place.lat)) <= SCENE_KM


def _compatible(a: Frame, b: Frame) -> bool:
    return a.medium is None or b.medium is None or a.medium == b.medium


def _movement(fr: Frame) -> bool:
    return fr.status == REAL and fr.kind in vocab.MOVEMENTS and not fr.consumed and not fr.kind_only


def _has_end(fr: Frame) -> bool:
    return bool(fr.places(where.DESTINATION, where.LOCATIVE, where.TARGET))


def _areas(fr: Frame) -> list[where.PlaceRole]:
    return fr.places(where.DESTINATION, where.LOCATIVE, where.TARGET, where.LOOSE)


def link(
    frames: list[Frame],
    named: list[Place] | None = None,
    sentence_places: dict[int, list[Place]] | None = None,
) -> None:
    """Resolve continuations in place: frames absorbed into another are marked `consumed`.

    `named` are the places the article names anywhere (to sharpen a coarse end of a flight);
    `sentence_places` the places each sentence names, by sentence index.
    """
    _told_again_finer(frames, sentence_places or {})
    _inherit_place(frames)
    _inherit_time(frames)
    _continue_projectiles(frames)
    _flown_to_incident(frames)
    _dated_by_same_place(frames)
    near_frames = _Near(frames)
    moves = [f for f in frames if _movement(f)]
    # 1. "The two planes were dispatched ..." continues "B-52 bombers flew ...".
    for i, fr in enumerate(moves):
        if not (fr.definite_actor or not fr.actors):
            continue
        for prev in _back(moves, i, WINDOW):
            if prev.consumed or prev.sentence == fr.sentence:
                continue
            if not _compatible(prev, fr):
                continue
            # Only a continuation that completes a movement: one sentence gives where from, the
            # other where to ("flew off Iran's coast" + "were dispatched from Minot").
            if bool(prev.places(where.ORIGIN)) == bool(fr.places(where.ORIGIN)):
                continue
            if not (_has_end(prev) or _has_end(fr)) or (_has_end(prev) and prev.places(where.ORIGIN)):
                continue
            actors = prev.actors if (fr.definite_actor or not fr.actors) and prev.actors else fr.actors
            # The frame stating the origin keeps the record (its sentence names the route's ends).
            keep, other = (fr, prev) if fr.places(where.ORIGIN) else (prev, fr)
            keep.actors = actors
            keep.medium = keep.medium or other.medium
            keep.quantity = keep.quantity or other.quantity
            keep.roles = keep.roles + [
                r for r in _areas(other) if r.role != where.LOOSE or not _has_end(keep)
            ]
            keep.support.append(other.citation)
            keep.support.extend(other.support)
            keep.round_trip = keep.round_trip or other.round_trip
            keep.duration = keep.duration or other.duration
            if keep.time is None or (
                other.time and other.time.basis != "reported" and keep.time.basis == "reported"
            ):
                keep.time = other.time
            other.consumed = True
            break
    # 2. An origin without an end borrows the area of operation stated nearby (not when the text
    # names the end, in a name the place stage did not know: "arrived at North Field on Tinian").
    for fr in moves:
        if fr.consumed or not fr.places(where.ORIGIN) or fr.places(where.DESTINATION, where.LOCATIVE):
            continue
        if _names_its_end(fr):
            continue
        near = [
            o
            for o in near_frames.around(fr.sentence, WINDOW)
            if o is not fr and o.status == REAL and _tells_area_of(o, fr) and o.places(*_area_roles(o))
        ]
        if not near:
            continue

        other = min(near, key=functools.partial(_area_score, at=fr.sentence))
        area = where.best_place(other.roles, _area_roles(other))
        if area is None:
            continue
        fr.roles = [
            *fr.roles,
            where.PlaceRole(area.place, where.DESTINATION, 9, area.token, area.start, area.end),
        ]
        fr.support.append(other.citation)
        if other.kind in vocab.MOVEMENTS and not other.places(where.ORIGIN):
            other.consumed = True
    # 3. "such flights in the Arabian Gulf" names the kind of the movements told, not another one.
    _fold_kind_mentions(frames)
    # 4. A coarse origin gives way to a named base inside it, for the same medium. Only a place of
    # the same country can lie inside it (`where.in_division`): the frames are indexed by the
    # countries of their origins, in article order (roles changed here keep their country).
    with_origin_in: dict[str, list[Frame]] = {}
    for o in frames:
        for country in dict.fromkeys(r.place.country for r in o.places(where.ORIGIN) if r.place.country):
            with_origin_in.setdefault(country, []).append(o)
    for fr in moves:
        origin = where.best_place(fr.roles, (where.ORIGIN,))
        if origin is None or origin.place.precision not in ("region", "country"):
            continue
        if origin.place.kind not in ("country", "admin1") or not origin.place.country:
            continue  # nothing lies `in_division` of anything else
        for o in with_origin_in.get(origin.place.country, []):
            if o is fr or not _compatible(o, fr) or not _times_agree(o, fr):
                continue  # another movement's base ("in 2008, Tu-160s flew from the Engels base")
            for r in o.places(where.ORIGIN):
                if where.finer(r.place, origin.place) and where.in_division(r.place, origin.place):
                    fr.roles = [x for x in fr.roles if x is not origin] + [
                        where.PlaceRole(r.place, where.ORIGIN, origin.depth, r.token, r.start, r.end)
                    ]
                    fr.support.append(o.citation)
                    break
    # 5. A country or region as the end of a flight gives way to the one air base the article names in it.
    _sharpen_ends([f for f in moves if not f.consumed], named or [], sentence_places)
    # 6. The same movement told twice ("sailed from Kiel on Thursday ... left the northern German
    # port in a long column"): one route.
    _retold_movements([f for f in moves if not f.consumed])


_END_PREPS = frozenset({"to", "into", "toward", "towards"})
_ARRIVAL_PREPS = frozenset({"at", "in", "on"})


def _names_its_end(fr: Frame) -> bool:
    """The movement's own words name where it went by a proper name ("flew to X", "arrived at X")."""
    doc = fr.head.doc
    arrival = verb_lemma(fr.head, vocab.ARRIVAL_VERBS) in vocab.ARRIVAL_VERBS
    for i in fr.tokens:
        for prep in doc[i].children:
            ends = prep.lower_ in _END_PREPS or (arrival and prep.lower_ in _ARRIVAL_PREPS)
            named = any(c.dep_ == "pobj" and c.pos_ == "PROPN" for c in prep.children)
            if prep.dep_ == "prep" and ends and named:
                return True
    return False


def _tells_area_of(o: Frame, fr: Frame) -> bool:
    """`o` tells where the movement `fr` went: another movement of the same medium, a sortie's
    goal for a flight, or ships followed or met for ships that sailed."""
    if o.kind in vocab.MOVEMENTS or (o.kind in _SORTIE_GOALS and fr.medium == "air"):
        return _compatible(o, fr)
    return _shadowed_ships(o, fr)


def _shadowed_ships(o: Frame, fr: Frame) -> bool:
    """ "A patrol aircraft followed Russian warships in the Barents Sea" then "The ships had sailed
    from Severomorsk": ships that sailed from somewhere are where they were followed or met."""
    if fr.medium != "sea" or o.kind not in _SORTIE_GOALS | {vocab.NAVAL_ENCOUNTER}:
        return False
    return any(vocab.singular(w.lower()) in vocab.SHIPS for t in o.targets for w in t.split())


def _area_roles(fr: Frame) -> tuple[str, ...]:
    """Where a frame's movement went, or where the incident a sortie flew to happened."""
    if fr.kind in _SORTIE_GOALS:
        return (where.LOCATIVE, where.TARGET)
    return (where.DESTINATION, where.LOCATIVE)


# Incidents an air sortie flies to: "jets were scrambled to intercept bombers over the North Sea.
# The Typhoons were mobilised from Lossiemouth" is a flight from Lossiemouth to the North Sea.
_SORTIE_GOALS = frozenset({vocab.INTERCEPTION, vocab.SHOOT_DOWN})

RETOLD_WINDOW = 3  # sentences


def _retold_movements(moves: list[Frame]) -> None:
    """A movement told again a little later in the article is the same movement, when the ends agree
    (the same origin; the same destination or none) and the retelling refers back: it names no end
    of its own (its ends come from the article: "left the northern German port"), or its actors are
    the same. The first telling, which names the ends, keeps the record and cites both sentences; a
    date one of them states wins over a publication date (two different stated dates: two events)."""
    from sortie.geodata.events.merge import actors_compatible, places_compatible

    for i, fr in enumerate(moves):
        if fr.consumed:
            continue
        for prev in _back(moves, i, RETOLD_WINDOW):
            if prev.consumed or prev.sentence == fr.sentence:
                continue
            a, b = where.best_place(prev.roles, (where.ORIGIN,)), where.best_place(fr.roles, (where.ORIGIN,))
            if a is None or b is None or a.place.id != b.place.id:
                continue
            da, db = _destination(prev), _destination(fr)
            if da is not None and db is not None and not places_compatible(da.place, db.place):
                continue
            if not _compatible(prev, fr) or not _times_agree(prev, fr):
                continue
            back = not _names_in_sentence(fr, b)
            same = bool(prev.actors and fr.actors) and actors_compatible(tuple(prev.actors), tuple(fr.actors))
            if not (back or same):
                continue
            keep, other = (prev, fr) if _names_in_sentence(prev, a) or back else (fr, prev)
            keep.support.append(other.citation)
            keep.support.extend(other.support)
            keep.round_trip = keep.round_trip or other.round_trip
            keep.duration = keep.duration or other.duration
            keep.quantity = keep.quantity or other.quantity
            if _destination(keep) is None and _destination(other) is not None:
                keep.roles = [*keep.roles, *other.places(where.DESTINATION)]
            if other.time is not None and (keep.time is None or _stated_over_reported(other, keep)):
                keep.time = other.time
            other.consumed = True
            break


def _destination(fr: Frame) -> where.PlaceRole | None:
    return where.best_place(fr.roles, (where.DESTINATION, where.LOCATIVE))


def _names_in_sentence(fr: Frame, role: where.PlaceRole) -> bool:
    """Whether the frame's own sentence names the place (not a place borrowed from elsewhere)."""
    return fr.citation.start <= role.start < fr.citation.end


def _stated_over_reported(a: Frame, b: Frame) -> bool:
    return a.time is not None and b.time is not None and a.time.basis != when.REPORTED == b.time.basis


def _times_agree(a: Frame, b: Frame) -> bool:
    """A date one states and the other only reports agree; two stated dates must overlap."""
    ta, tb = a.time, b.time
    if ta is None or tb is None or when.REPORTED in (ta.basis, tb.basis):
        return True
    if ta.start is None or tb.start is None:
        return True
    return ta.start <= (tb.end or tb.start) and tb.start <= (ta.end or ta.start)


def _incident_place(fr: Frame) -> where.PlaceRole | None:
    return where.best_place(fr.roles, (where.LOCATIVE, where.TARGET))


def _flown_to_incident(frames: list[Frame]) -> None:
    """ "Two bombers that flew from X took part in the raid": a movement told in a relative or
    participial clause of a participant of an incident went to that incident. Its destination is
    the incident's place, or, for a definite event noun without one ("the raid", "the strikes"),
    the place of the incident of that family told just before (what "the raid" refers to)."""
    near = _Near(frames)
    position = {id(f): k for k, f in enumerate(frames)}
    for fr in frames:
        head = fr.head
        if not _movement(fr) or head.dep_ not in ("relcl", "acl") or head.head.i == head.i:
            continue
        if fr.places(where.DESTINATION, where.LOCATIVE, where.TARGET):
            continue
        verb = head.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head  # up from the participant to the clause it takes part in
        inside = {t.i for t in head.head.subtree}
        incidents = [
            o
            for o in near.around(fr.sentence, 0)
            if o.status == REAL
            and o.kind not in vocab.MOVEMENTS
            and o.head.i not in inside
            and (o.head.i == verb.i or verb.i in {a.i for a in o.head.ancestors})
        ]
        for o in incidents:
            source: Frame | None = o
            hit = _incident_place(o)
            if hit is None and _definite(o):
                source = _antecedent(position[id(o)], frames)
                hit = _incident_place(source) if source is not None else None
            if source is None or hit is None:
                continue
            fr.roles = [
                *fr.roles,
                where.PlaceRole(hit.place, where.DESTINATION, 9, hit.token, hit.start, hit.end),
            ]
            fr.support.append(source.citation)
            if source.time is not None and (fr.time is None or fr.time.basis == "reported"):
                fr.time = source.time
            break


def _inherit_place(frames: list[Frame]) -> None:
    """ "Drones struck the airport in Port Sudan on Sunday. ... the drones hit a military air base
    inside the airport compound": an incident with no place of its own, told of the same definite
    weapons or actors ("the drones", "they") or as a definite event noun ("the attack"), happened
    where the incident of its family just before it did."""
    for i, fr in enumerate(frames):
        if fr.status != REAL or fr.kind in vocab.MOVEMENTS or _incident_place(fr) is not None:
            continue
        if fr.places(where.ORIGIN) and _projectile_kind(fr):
            continue  # "the drones were launched from X": a launch site, see `_continue_projectiles`
        if not (fr.definite_actor or _definite(fr) or _definite_instrument(fr) or _again(fr)):
            continue
        source = _antecedent(i, frames)
        hit = _incident_place(source) if source is not None else None
        if source is None or hit is None:
            continue
        fr.roles = [*fr.roles, dataclasses.replace(hit, role=where.LOCATIVE, depth=9)]
        fr.support.append(source.citation)


# Words that tell an incident as one more of those told before: "a second wave of drones".
_AGAIN_WORDS = frozenset({"second", "third", "fourth", "another", "fresh", "renewed"})


def _again(fr: Frame) -> bool:
    return any(t.lower_ in _AGAIN_WORDS for a in fr.actor_tokens for t in a.subtree)


def _inherit_time(frames: list[Frame]) -> None:
    """ "Jets intercepted two bombers on Wednesday. The intercept took place over the Bering Sea":
    a definite event noun with no time of its own is the event of its family just told, and happened
    when that one did (the report's date would date it a day or more late)."""
    for i, fr in enumerate(frames):
        if fr.status != REAL or fr.time is None or fr.time.basis != when.REPORTED or not _definite(fr):
            continue
        for o in _back(frames, i, WINDOW):
            if o.sentence == fr.sentence or o.status != REAL or vocab.family(o.kind) != vocab.family(fr.kind):
                continue
            if o.time is not None and o.time.basis != when.REPORTED:
                fr.time = dataclasses.replace(o.time, basis=when.NEARBY)
            break


def _definite_instrument(fr: Frame) -> bool:
    """ "the drones hit ...", "these missiles struck ...": the weapons told before."""
    doc = fr.head.doc
    return any(
        vocab.singular(c.lower_) in vocab.INSTRUMENTS
        and any(d.dep_ == "det" and d.lower_ in ("the", "these", "those") for d in c.children)
        for i in fr.tokens
        for c in doc[i].children
        if c.dep_ in ("nsubj", "nsubjpass")
    )


def _definite(fr: Frame) -> bool:
    """An event noun with a definite determiner ("the raid", "these strikes"): it refers back."""
    return fr.head.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in fr.head.children
    )


def _antecedent(i: int, frames: list[Frame]) -> Frame | None:
    """The nearest incident of the same family before frames[i], within the window, with a place."""
    fr = frames[i]
    for o in _back(frames, i, WINDOW):
        if (
            o.sentence < fr.sentence
            and o.status == REAL
            and vocab.family(o.kind) == vocab.family(fr.kind)
            and _incident_place(o) is not None
        ):
            return o
    return None


def _fold_kind_mentions(frames: list[Frame]) -> None:
    """ "The U.S. conducted such flights in the Arabian Gulf": no event of its own; it supports the
    nearby event of that kind at that same place (after step 2 could use it as an area)."""
    near = _Near(frames)
    for fr in frames:
        if not fr.kind_only or fr.consumed:
            continue
        fr.consumed = True
        areas = {r.place.id for r in _areas(fr)}
        for o in near.around(fr.sentence, WINDOW):
            if o is fr or o.consumed or o.status != REAL:
                continue
            if vocab.family(o.kind) != vocab.family(fr.kind):
                continue
            if areas & {r.place.id for r in o.places(where.DESTINATION, where.LOCATIVE, where.TARGET)}:
                o.support.append(fr.citation)


def _continue_projectiles(frames: list[Frame]) -> None:
    """ "Missiles struck the airport. The missiles were fired from the Golan Heights": the second
    sentence gives the launch site of the first one's attack. It adds the route (launch site to the
    place hit), dated like the attack, and no second event."""
    for i, fr in enumerate(frames):
        fired = _projectile_kind(fr)
        if fr.status != REAL or fired is None or not fr.places(where.ORIGIN):
            continue
        if fr.places(where.LOCATIVE, where.TARGET, where.DESTINATION):
            continue
        for prev in _back(frames, i, WINDOW):
            if prev.status != REAL:
                continue
            if vocab.family(prev.kind) != vocab.family(fr.kind) or prev.route_only:
                continue
            hit = where.best_place(prev.roles, (where.LOCATIVE, where.TARGET, where.DESTINATION))
            if hit is None:
                continue
            fr.roles = [
                *fr.roles,
                where.PlaceRole(hit.place, where.TARGET, hit.depth, hit.token, hit.start, hit.end),
            ]
            if prev.time is not None and (fr.time is None or prev.time.basis == "stated"):
                fr.time = prev.time
            fr.route_only = True
            # "launched the drones and missiles from Yemen": the missiles' route, of the attack's kind
            fr.kind = prev.kind if prev.kind in vocab.PROJECTILES else fired
            fr.support.append(prev.citation)
            prev.support.append(fr.citation)
            break


# Kinds of place precise enough to sharpen an incident told first at a country or region.
_SITE_KINDS = frozenset({"airbase", "airport", "facility", "city"})


def _told_again_finer(frames: list[Frame], sentence_places: dict[int, list[Place]]) -> None:
    """One incident told twice, first at a country or region, then at a site inside it: "Iran fired
    missiles at US installations in Qatar on Monday. Iran targeted Al Udeid Air Base"; "explosions
    rocked Crimea ... satellite photos show the Saki Air Base before and after the explosions". The
    first telling keeps the record (and its date), placed at the site, citing both sentences.

    The later telling is of the same family, by the same actor (or none stated), within the window;
    its site is its own place, or for a definite event noun with no place ("the explosions") the
    one site its sentence names. An incident of the same sentence with no place of its own ("seven
    warplanes were destroyed after explosions rocked Crimea") is part of the placed one.
    """
    from sortie.geodata.events.merge import actors_compatible

    incidents = [f for f in frames if f.status == REAL and vocab.family(f.kind) == vocab.family(vocab.ATTACK)]
    # Positions of the incidents by sentence: each looks back over its window, not the article.
    by_sentence: dict[int, list[int]] = {}
    for k, f in enumerate(incidents):
        by_sentence.setdefault(f.sentence, []).append(k)
    for fr in incidents:
        if fr.consumed:
            continue
        site = _site(fr, sentence_places)
        if site is None or _several_sites(fr):
            continue  # several sites told at once are several events, see `build.split_sites`
        window = range(fr.sentence - WINDOW, fr.sentence)
        for k in sorted((k for s in window for k in by_sentence.get(s, [])), reverse=True):
            prev = incidents[k]
            if prev.consumed:
                continue
            area = _incident_place(prev)
            if area is None or area.place.precision not in ("country", "region"):
                continue
            if not where.contains(area.place, site.place) or not _times_agree(prev, fr):
                continue
            if prev.actors and fr.actors and not actors_compatible(tuple(prev.actors), tuple(fr.actors)):
                continue
            prev.roles = [*prev.roles, dataclasses.replace(site, role=where.LOCATIVE, depth=0)]
            prev.support.append(fr.citation)
            fr.consumed = True
            if fr.time is not None and _stated_over_reported(fr, prev):
                prev.time = fr.time
            break
    for fr in incidents:
        if fr.consumed or _incident_place(fr) is not None:
            continue
        same = (incidents[k] for k in by_sentence[fr.sentence])
        placed = [o for o in same if o is not fr and not o.consumed and _incident_place(o) is not None]
        if len(placed) == 1:
            placed[0].support.extend(fr.support)
            fr.consumed = True


def _several_sites(fr: Frame) -> bool:
    from sortie.geodata.geometry import distance_km

    sites = [
        r.place for r in fr.places(where.LOCATIVE, where.TARGET) if r.place.precision in ("point", "city")
    ]
    return any(distance_km((a.lon, a.lat), (b.lon, b.lat)) > SCENE_KM for a in sites for b in sites)


def _site(fr: Frame, sentence_places: dict[int, list[Place]]) -> where.PlaceRole | None:
    own = _incident_place(fr)
    if own is not None:
        return own if own.place.kind in _SITE_KINDS else None
    if not _definite(fr):
        return None
    sites = {p.id: p for p in sentence_places.get(fr.sentence, []) if p.kind in _SITE_KINDS - {"city"}}
    if len(sites) != 1:
        return None
    place = next(iter(sites.values()))
    return where.PlaceRole(place, where.LOCATIVE, 9, fr.head.i, fr.citation.start, fr.citation.start)


def _projectile_kind(fr: Frame) -> str | None:
    """The missile or rocket attack a frame reports, by its kind or by a weapon it names."""
    if fr.kind in vocab.PROJECTILES:
        return fr.kind
    if vocab.family(fr.kind) != vocab.family(vocab.ATTACK):
        return None
    kinds = (vocab.INSTRUMENTS.get(vocab.singular(w.lower())) for w in fr.instruments)
    return next((k for k in kinds if k in vocab.PROJECTILES), None)


# How far from a flight (in sentences) the one base that sharpens its country end may be named.
SHARPEN_WINDOW = 4


def _sharpen_ends(
    moves: list[Frame], named: list[Place], sentence_places: dict[int, list[Place]] | None = None
) -> None:
    """A flight to or from a country or region whose only air base the article names, nearby, is
    that base: "bombers arrived in Norway" in an article that names one Norwegian air station (not a
    visit years before, told paragraphs away from the airport the article's own flight landed at)."""
    for fr in moves:
        if fr.medium != "air":
            continue
        if sentence_places is None:
            near = named
        else:
            window = range(fr.sentence - SHARPEN_WINDOW, fr.sentence + SHARPEN_WINDOW + 1)
            near = [p for i in window for p in sentence_places.get(i, [])]
        bases = [p for p in near if p.kind in ("airbase", "airport")]
        for role in (where.ORIGIN, where.DESTINATION):
            end = where.best_place(fr.roles, (role,))
            if end is None or end.place.kind not in ("country", "admin1"):
                continue
            others = {r.place.id for r in fr.roles if r.role != role}
            inside = {p.id: p for p in bases if where.in_division(p, end.place) and p.id not in others}
            if len(inside) == 1:
                base = next(iter(inside.values()))
                fr.roles = [x for x in fr.roles if x is not end] + [
                    where.PlaceRole(base, role, end.depth, end.token, end.start, end.end)
                ]


def headline_areas(frames: list[Frame], headline: list[Frame]) -> None:
    """ "Canadian warships depart for Indo-Pacific operation" over "The frigates left Esquimalt on
    Monday": a departure whose text names no end goes where the headline says the story's movement
    went, when the headline's movement is of the same medium and its end is not the departure's
    origin."""
    areas = [
        (fr, r)
        for fr in headline
        if fr.status == REAL
        and (r := where.best_place(fr.roles, (where.DESTINATION, where.LOCATIVE, where.TARGET)))
    ]
    if not areas:
        return
    for fr in frames:
        if not _movement(fr) or not fr.places(where.ORIGIN) or _has_end(fr):
            continue
        origin = where.best_place(fr.roles, (where.ORIGIN,))
        fits = [
            r for h, r in areas
            if _compatible(h, fr) and origin is not None and where.distinct(r.place, origin.place)
        ]  # fmt: skip
        if fits:
            r = fits[0]
            fr.roles = [*fr.roles, dataclasses.replace(r, role=where.DESTINATION, depth=9)]


def _area_score(o: Frame, at: int) -> tuple[int, int, int]:
    """Nearest sentence first, then a water body (an area of operation), then the later sentence."""
    best = where.best_place(o.roles, (where.DESTINATION, where.LOCATIVE))
    water = 0 if best and best.place.kind == "water" else 1
    return (abs(o.sentence - at), water, 0 if o.sentence > at else 1)
