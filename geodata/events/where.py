"""Where an event happened: the role each place plays for the trigger, and the choice among them.

"Missiles fired from Iran at Iraqi bases" names Iran and Iraq; the event happened in Iraq. A place
is ranked by the preposition that ties it to the trigger (at/in/on/near beat to, which beats from),
and a place that is only the subject ("Iran fired") or the owner of a thing ("the US embassy") is
not where the event happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sortie.geodata.events import vocab
from sortie.geodata.records import GEO_PRECISIONS, Place

if TYPE_CHECKING:
    from spacy.tokens import Token

# Roles, best first for "where did it happen".
LOCATIVE = "locative"  # a preposition at the trigger: "in Baghdad", "over the Gulf"
TARGET = "target"  # inside the target: "the embassy in Baghdad was attacked"
DESTINATION = "destination"  # "to the Gulf"
WAYPOINT = "waypoint"  # "through the Strait of Hormuz"
ORIGIN = "origin"  # "from Minot Air Force Base"
ACTOR = "actor"  # "Iran fired": the launcher, not the place hit
OWNER = "owner"  # "the US embassy", "Iranian vessels": whose, not where
LOOSE = "loose"  # elsewhere in the sentence, in a locative phrase

RANK = {LOCATIVE: 0, TARGET: 1, DESTINATION: 2, WAYPOINT: 3, ORIGIN: 4, LOOSE: 5}

# Dependencies that open another clause: a place beyond one is not this event's.
_CLAUSAL = frozenset({"advcl", "xcomp", "ccomp", "parataxis", "csubj", "conj"})
# Adverbs that work as prepositions with "of" ("outside of", "ahead of").
_PREP_ADVERBS = frozenset({"outside", "inside", "near", "off", "north", "south", "east", "west", "close"})


@dataclass(frozen=True, slots=True)
class PlaceRole:
    place: Place
    role: str
    depth: int  # dependency steps from the trigger: nearer is likelier its place
    token: int  # index (in the Doc) of the word naming the place
    start: int  # character offsets of the mention in the article
    end: int


def _prep_role(word: str) -> str:
    w = word.lower()
    if w in vocab.ORIGIN_PREPS:
        return ORIGIN
    if w in vocab.DESTINATION_PREPS:
        return DESTINATION
    if w in vocab.WAYPOINT_PREPS:
        return WAYPOINT
    return LOCATIVE  # at, in, on, over, near, off...: where it happened


def role_of(token: Token, frame: set[int], kind: str) -> tuple[str, int] | None:
    """The role of the place named at `token` for the event whose words are `frame` (see `_role_of`);
    a place named only as the far side of a border ("near the Syrian border", "the border with
    Syria") says where the event was not, so it is only loose evidence."""
    got = _role_of(token, frame, kind)
    if got is not None and got[0] in (LOCATIVE, TARGET) and _beside_border(token, frame):
        return LOOSE, got[1]
    return got


def _beside_border(token: Token, frame: set[int]) -> bool:
    cur = token
    while cur.i not in frame and cur.head.i != cur.i:
        cur = cur.head
        if cur.i not in frame and cur.lemma_.lower() in vocab.BORDER_NOUNS:
            return True
    return False


def _role_of(token: Token, frame: set[int], kind: str) -> tuple[str, int] | None:
    """The role of the place named at `token` for the event whose words are `frame`.

    Walks up the dependency tree to the frame; the preposition (or argument slot) by which the
    walk enters the frame decides the role. None when the place is not attached to the frame.
    """
    # "a Panama-flagged cargo ship", "a Greek-owned tanker": the flag or the owner's country, which
    # says nothing of where the ship was.
    if token.dep_ in ("npadvmod", "compound", "amod", "nmod") and token.head.lower_ in vocab.OWNERSHIP_WORDS:
        return (OWNER, 0) if _reaches(token, frame) else None
    # A place name modifying a noun: where, if the noun is a fixed place ("Baghdad's airport");
    # whose, if it is a thing ("the US embassy", "Iranian vessels").
    if token.dep_ in ("compound", "poss", "amod", "nmod") and token.head.i not in frame:
        head = token.head
        nouns = {vocab.singular(head.lower_), head.lemma_.lower()}  # spaCy lemmatizes "bases" to "basis"
        if _hyphen_named(token):
            pass  # "from Luleå-Kallax": one name, a site at the town, so the town is where
        elif not nouns & (vocab.LOCATION_NOUNS | vocab.ACTIVITY_NOUNS) or nouns & vocab.OWNED_NOUNS:
            return (OWNER, 0) if _reaches(token, frame) else None
    if token.dep_ in ("compound", "amod", "poss") and token.head.i in frame:
        return OWNER, 1  # "an Iranian attack", "Iran's strike": the actor's country
    depth = 0
    cur = token
    last_prep: str | None = None
    first_prep: str | None = None  # the preposition nearest the place
    path_preps: set[str] = set()
    preps = 0
    child = token
    below: Token | None = None  # the word under `child` on the way up
    passing = False  # crossed a temporal clause of passing by
    while cur.i not in frame:
        if (
            cur.dep_ == "prep"
            or (cur.pos_ == "ADP" and cur.dep_ in ("prep", "agent", "dative"))
            or (cur.pos_ == "ADV" and cur.lower_ in _PREP_ADVERBS)
        ):
            last_prep = cur.lower_
            first_prep = first_prep or cur.lower_
            path_preps.add(cur.lower_)
            preps += 1
        elif cur.pos_ == "VERB" and cur.lemma_.lower() in ("base", "station"):
            path_preps.add("based")
        if cur.head.i == cur.i:
            return None
        if _passing_by(cur, frame, kind):
            return WAYPOINT, depth + 1  # "marched from X to Y, passing through several cities, including Z"
        if last_prep in vocab.ORIGIN_PREPS and _coming_from(cur, frame, kind):
            return ORIGIN, depth + 1  # "landed at X on Thursday coming from Y"
        if _visit_purpose(cur, frame, kind):
            # "sent its bombers to visit Venezuela": the purpose names where they went
            return DESTINATION, depth + 1
        if _passing_clause(cur):
            passing = True  # "as they passed through the strait": the main event's place
        elif passing and cur.dep_ in ("xcomp", "advcl", "conj"):
            pass  # "sent forces to track the ships as they passed through the strait"
        elif _named_object(cur):
            pass  # "struck what India called terrorist infrastructure in X": what was struck, in X
        elif (cur.dep_ in _CLAUSAL and (cur.dep_ != "conj" or cur.pos_ in ("VERB", "AUX"))) or (
            cur.dep_ == "pcomp" and cur.pos_ == "VERB"  # "flew ... before returning to Y"
        ):
            return None  # another clause's place: "... to deter Iran", "said in Washington"
        elif cur.dep_ == "pobj" and cur.lemma_.lower() in _OTHER_EVENT_NOUNS and cur.head.lower_ == "in":
            return None  # "in response to the massacre at X": X is the other event's place
        if (
            cur.dep_ in ("relcl", "acl")
            and cur.pos_ == "VERB"
            and cur.head.i not in frame
            and cur.lemma_.lower() in vocab.VERB_TRIGGERS
        ):
            # "bombers that flew from X struck Y": X is the flight's (a relative or participial
            # clause telling another event of a participant), not the strike's
            return None
        below = child if depth else None
        child = cur
        cur = cur.head
        depth += 1
        if cur.i in frame:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != token.i and kind in vocab.MOVEMENTS:
                # "The B-2s, from the 509th Bomb Wing at Whiteman, arrived at ...": a place in the
                # phrase of what moved is where it came from, not where it went
                return (ORIGIN, depth) if path_preps & _HOME_WORDS else (LOOSE, depth)
            if child.dep_ in ("nsubj", "csubj") and kind not in vocab.MOVEMENTS | {vocab.NAVAL_ENCOUNTER}:
                return (ACTOR, depth) if child.i == token.i else (TARGET, depth)
            if child.dep_ in ("nsubj",) and child.i == token.i:
                return ACTOR, depth
            ends = vocab.ORIGIN_PREPS | _TO_PREPS
            if kind in vocab.MOVEMENTS and first_prep in ends and child.lower_ in ("by", "from", "via"):
                # "shipped by rail from Poti to X" (the parse hangs "from Poti" on "rail"); "from
                # Senaki ... to Vaziani" (it hangs "to Vaziani" on Senaki): the nearest preposition
                # says which end the place is
                return _prep_role(first_prep), depth
            if child.dep_ == "agent":
                # "attacked by Iran": the attacker. "attacked by missiles that fell on the Green
                # Zone", "by militias in Iraq": a place inside the agent's phrase is not who did it.
                return (ACTOR, depth) if preps <= 1 else (LOOSE, depth)
            if child.dep_ in ("prep",) or (child.pos_ == "ADV" and child.lower_ in _PREP_ADVERBS):
                role = _prep_role(child.lower_)
                end = _end_qualified(child)
                if role == LOCATIVE and end is not None and _names_a_site(end):
                    # "moved drones from Harbor Field in Djibouti": the field is in Djibouti (but
                    # "arrived from Guam in Darwin" arrived in Darwin)
                    return _prep_role(end.lower_), depth
                if role == LOCATIVE and last_prep and last_prep in vocab.ORIGIN_PREPS:
                    role = ORIGIN
                return role, depth
            if child.dep_ == "dobj" and cur.lemma_.lower() in vocab.DEPARTURE_VERBS:
                return ORIGIN, depth  # "left Norfolk": where the movement began
            if (
                child.dep_ in ("dobj", "nsubjpass")
                and below is not None
                and below.dep_ == "prep"
                and below.lower_ in _DIRECTIONAL
                and _moves(child, kind)
            ):
                # "fired a missile from Yemen at Israel", "moved bombers from X to Y": the parser
                # hangs the phrase on what moved; it says where the firing or moving went from/to.
                return _prep_role(below.lower_), depth
            moved = child.dep_ in ("dobj", "nsubjpass") and _moves(child, kind)
            end = _end_qualified(below) if moved and below is not None else None
            if end is not None:
                return _prep_role(end.lower_), depth
            renamed = _renamed_end(child) if kind in vocab.MOVEMENTS else None
            if renamed is not None:
                # "flew in from their home base, Marine Corps Air Station Yuma, Arizona": the name
                # after the comma is the base's (the parser hangs it on the verb)
                return _prep_role(renamed.lower_), depth
            if child.dep_ in ("dobj", "nsubjpass", "attr", "appos", "npadvmod"):
                if child.i == token.i and kind in vocab.MOVEMENTS:
                    return DESTINATION, depth  # "reached the Gulf"
                return TARGET, depth
            return (LOCATIVE if last_prep else TARGET), depth
    return None


def _passing_by(tok: Token, frame: set[int], kind: str) -> bool:
    """A participle of passing that qualifies a movement: "sailed to X, passing through the Bosphorus"."""
    return (
        kind in vocab.MOVEMENTS
        and tok.pos_ == "VERB"
        and tok.tag_ == "VBG"
        and tok.dep_ in ("advcl", "acl", "xcomp")
        and tok.head.i in frame
        and tok.lemma_.lower() in ("pass", "transit", "cross", "traverse")
    )


def _coming_from(tok: Token, frame: set[int], kind: str) -> bool:
    """A participle of coming that qualifies a movement: "landed at X, coming from Y"; or the
    subject of any event: "the aircraft, coming from the air base of X, struck ..." (where the
    attackers came from, not where they struck)."""
    of_subject = tok.dep_ == "acl" and tok.head.dep_ == "nsubj" and tok.head.head.i in frame
    return (
        (kind in vocab.MOVEMENTS or of_subject)
        and tok.pos_ == "VERB"
        and tok.dep_ in ("advcl", "acl", "xcomp", "conj")
        and tok.lemma_.lower() in ("come", "arrive", "travel", "fly")
        and (tok.head.i in frame or any(a.i in frame for a in tok.ancestors))
    )


def _visit_purpose(tok: Token, frame: set[int], kind: str) -> bool:
    """A to-infinitive of visiting or joining that a movement verb governs: "sent ... to visit X"."""
    return (
        kind in vocab.MOVEMENTS
        and tok.dep_ in ("xcomp", "advcl")
        and tok.head.i in frame
        and tok.lemma_.lower() in vocab.VISIT_VERBS
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)
    )


def _passing_clause(tok: Token) -> bool:
    """ "as they passed through the strait": a temporal clause of passing by, whose subject is the
    main clause's (a pronoun, or none). "while the remaining bombers flew to X" tells another
    movement of other actors."""
    return (
        tok.dep_ == "advcl"
        and tok.lemma_.lower() in vocab.PASSAGE_VERBS
        and any(c.dep_ == "mark" and c.lower_ in vocab.TEMPORAL_MARKERS for c in tok.children)
        and not any(c.dep_ == "nsubj" and c.pos_ != "PRON" for c in tok.children)
    )


# Prepositions of where a movement went, as opposed to "for" (a purpose as often as an end).
_TO_PREPS = frozenset({"to", "into", "toward", "towards"})

# Words that make a place in a mover's own phrase its home ("B-52s from Barksdale", "based at").
_HOME_WORDS = frozenset({"from", "at", "based"})

# Prepositions of direction: on the thing that moves they tell the movement's ends.
_DIRECTIONAL = frozenset({"from", "to", "into", "toward", "towards", "at", "onto"})


def _hyphen_named(token: Token) -> bool:
    """A town joined by a hyphen to a proper name that a preposition takes ("from Luleå-Kallax",
    "at Bodø-Hemmingsen"): an airport or site named after the town, which is where it is."""
    head = token.head
    return (
        token.dep_ == "compound"
        and head.pos_ == "PROPN"
        and head.dep_ == "pobj"
        and head.i == token.i + 2
        and token.nbor(1).tag_ == "HYPH"
    )


def _renamed_end(phrase: Token) -> Token | None:
    """The directional preposition whose common-noun object ("their home base") the proper-name
    phrase right after a comma renames, or None."""
    if phrase.dep_ not in ("npadvmod", "appos", "dobj", "conj") or phrase.pos_ != "PROPN":
        return None
    start = phrase.left_edge.i
    if start < 2 or phrase.doc[start - 1].text != ",":
        return None
    for sibling in phrase.head.children:
        if sibling.dep_ == "prep" and sibling.lower_ in _DIRECTIONAL and sibling.right_edge.i == start - 2:
            objects = [c for c in sibling.children if c.dep_ == "pobj"]
            if objects and all(o.pos_ == "NOUN" for o in objects):
                return sibling
    return None


# "in response to", "in retaliation for": what follows is another event, with places of its own.
_OTHER_EVENT_NOUNS = frozenset({"response", "retaliation", "revenge", "reprisal"})
# Verbs that name what the event's object is ("what India called terrorist camps").
_NAMING_VERBS = frozenset({"call", "describe", "term", "label", "dub"})


def _named_object(tok: Token) -> bool:
    """A free relative naming the object: "struck what India called infrastructure in X"."""
    return (
        tok.dep_ == "ccomp"
        and tok.lemma_.lower() in _NAMING_VERBS
        and any(c.dep_ == "dobj" and c.lower_ == "what" for c in tok.children)
    )


def _end_qualified(prep: Token) -> Token | None:
    """ "moved drones from Chabelley Airfield in Djibouti to ...": when the parser hangs "in Djibouti"
    on what moved, the phrase still qualifies the end told just before it (read in order, "in X"
    right after "from A" says where A is). The directional preposition of that end, or None."""
    if prep.dep_ != "prep" or prep.lower_ not in _QUALIFYING:
        return None
    for sibling in prep.head.children:
        if (
            sibling.dep_ == "prep"
            and sibling.lower_ in _DIRECTIONAL
            and sibling.i < prep.i
            and sibling.right_edge.i == prep.i - 1
        ):
            return sibling
    return None


_QUALIFYING = frozenset({"in", "near", "outside"})


def _names_a_site(prep: Token) -> bool:
    """The preposition's object is a named site ("Harbor Field", "Camp X"), which a following "in
    Y" locates, rather than a town or country, after which "in Y" is where the event happened."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return any(
        o.pos_ == "PROPN" and o.lower_ in vocab.LOCATION_NOUNS and o.ent_type_ not in ("GPE", "LOC")
        for o in objects
    ) or any(o.lower_ in vocab.LOCATION_NOUNS and any(c.pos_ == "PROPN" for c in o.lefts) for o in objects)


def _moves(noun: Token, kind: str) -> bool:
    """True when `noun` is what the event sends on its way: the projectile of an attack, or the
    aircraft, ship or unit of a movement."""
    word = vocab.singular(noun.lower_)
    if kind in vocab.MOVEMENTS:
        return word in vocab.AIRCRAFT | vocab.SHIPS | vocab.TROOPS
    if vocab.family(kind) == vocab.family(vocab.ATTACK):
        return word in vocab.AERIAL_OBJECTS or vocab.INSTRUMENTS.get(word) in vocab.PROJECTILES
    return False


def _reaches(token: Token, frame: set[int]) -> bool:
    return any(a.i in frame for a in token.ancestors)


def loose_role(token: Token) -> bool:
    """A place in a locative phrase elsewhere in the sentence (weak evidence for where)."""
    cur = token
    while cur.dep_ in ("compound", "conj", "appos", "poss") and cur.head.i != cur.i:
        cur = cur.head
    return cur.dep_ == "pobj" and cur.head.lower_ in vocab.LOCATIVE_PREPS - {"of", "by", "against"}


# A city holds the facilities and districts within this distance of its centre ("the Green Zone"
# is in Baghdad): places have no outlines below the country, so nearness stands in for containment.
CITY_RADIUS_KM = 30.0


def in_division(inner: Place, outer: Place) -> bool:
    """True when `inner` lies in `outer`, a country or first-level division, by their codes and
    names: the gazetteer has no outlines below the country, and its records say where each place is."""
    if outer.kind == "country":
        return inner.country is not None and inner.country == outer.country
    if outer.kind == "admin1":
        return inner.country == outer.country and (inner.admin1 or "").lower() == outer.name.lower()
    return False


def contains(outer: Place, inner: Place) -> bool:
    """True when `inner` lies inside `outer`: same country or first-level division by their codes,
    or a finer place within a city's radius."""
    if outer.id == inner.id:
        return False
    if outer.kind in ("country", "admin1"):
        return in_division(inner, outer)
    if outer.precision == "city" and finer(inner, outer) and inner.kind != "water":
        from sortie.geodata.geometry import distance_km

        return distance_km((outer.lon, outer.lat), (inner.lon, inner.lat)) <= CITY_RADIUS_KM
    return False


def distinct(a: Place, b: Place) -> bool:
    """Two places a route can join: different, and neither inside the other (a line from Baghdad
    to the Green Zone within it, or from Iraq to Baghdad, says nothing about where anything went)."""
    return a.id != b.id and not contains(a, b) and not contains(b, a)


# How far a sea may lie from a land place for "off X" to mean it: from a country's outline when the
# gazetteer has one, else from its point (a country's point is far inland, a city's is near).
OFF_COAST_KM = {"outline": 400.0, "country": 800.0, "other": 300.0}


def sea_off(land: Place, waters: list[Place], gazetteer: Any) -> Place | None:
    """The water body beside `land` ("off Iran's coast"), among `waters` (the article's own), or None.

    The nearest one within reach of the land; none when the article names no sea near it (the
    caller then keeps the land place, at its own coarse precision).
    """
    from sortie.geodata.geometry import distance_km

    outline = None
    if land.kind == "country" and land.country and hasattr(gazetteer, "country_polygon"):
        try:
            outline = gazetteer.country_polygon(land.country)
        except Exception:  # a gazetteer without outlines: measure from the point instead
            outline = None
    best: tuple[float, Place] | None = None
    for w in waters:
        if w.kind != "water":
            continue
        if outline is not None:
            from shapely.geometry import Point
            from shapely.ops import nearest_points

            near = nearest_points(outline, Point(w.lon, w.lat))[0]
            km, limit = distance_km((near.x, near.y), (w.lon, w.lat)), OFF_COAST_KM["outline"]
        else:
            km = distance_km((land.lon, land.lat), (w.lon, w.lat))
            limit = OFF_COAST_KM["country" if land.kind == "country" else "other"]
        if km <= limit and (best is None or km < best[0]):
            best = (km, w)
    return best[1] if best else None


# A country's point and its same-named capital this close: a small country named after its city.
NAMESAKE_KM = 100.0


def capital_namesake(country: Place, gazetteer: Any) -> Place | None:
    """ "landed at Air Base 188 in Djibouti": the end of a movement in a small country that shares
    its name with its city (Djibouti, Kuwait, Panama) is the city, where its bases and ports are;
    the country's point is an arbitrary spot inland. Only when the two points are close (a small
    country), so "flew to Mexico" stays the country."""
    if country.kind != "country" or not country.country:
        return None
    from sortie.geodata.places.names import normalize

    key = normalize(country.name)
    cities = [
        p
        for p in gazetteer.lookup(country.name)
        if p.kind == "city" and p.country == country.country and normalize(p.name).startswith(key)
    ]
    from sortie.geodata.geometry import distance_km

    near = [p for p in cities if distance_km((p.lon, p.lat), (country.lon, country.lat)) <= NAMESAKE_KM]
    return max(near, key=lambda p: p.population) if near else None


def namesakes(a: Place, b: Place) -> bool:
    """The same place, or a country and its same-named city (see `capital_namesake`): no route."""
    if a.id == b.id:
        return True
    from sortie.geodata.places.names import normalize

    if not (contains(a, b) or contains(b, a)):
        return False
    na, nb = normalize(a.name), normalize(b.name)
    return na.startswith(nb) or nb.startswith(na)


def finer(a: Place, b: Place) -> bool:
    """True when `a` is a finer location than `b`."""
    return GEO_PRECISIONS.index(a.precision) < GEO_PRECISIONS.index(b.precision)


def best_place(roles: list[PlaceRole], allowed: tuple[str, ...]) -> PlaceRole | None:
    """The place where it happened: best role first, then nearest the trigger, then finest."""
    cands = [r for r in roles if r.role in allowed]
    if not cands:
        return None
    best = min(
        cands,
        key=lambda r: (RANK.get(r.role, 9), r.depth, GEO_PRECISIONS.index(r.place.precision)),
    )
    # "near Qamishli airport in northeastern Syria": the country only qualifies the finer place
    # inside it, so the finer place is where it happened, whatever the parse's attachment.
    if best.place.precision in ("country", "region") and best.place.kind in ("country", "admin1"):
        inside = [
            r
            for r in cands
            if r.role in (LOCATIVE, TARGET, best.role)
            and r.place.country == best.place.country
            and GEO_PRECISIONS.index(r.place.precision) < GEO_PRECISIONS.index(best.place.precision)
        ]
        if inside:
            return min(inside, key=lambda r: (r.depth, GEO_PRECISIONS.index(r.place.precision)))
    # "along the Line of Control in the Poonch sector", "over the Black Sea near Sevastopol": a wide
    # region or sea and, beside it, a town or base near it: the town says where along it.
    if best.place.precision == "region" and best.place.kind not in ("country", "admin1"):
        from sortie.geodata.geometry import distance_km

        beside = [
            r
            for r in cands
            if r.role in (LOCATIVE, TARGET)
            and r.place.precision in _POINT_PRECISIONS
            and distance_km((r.place.lon, r.place.lat), (best.place.lon, best.place.lat)) <= REGION_NEAR_KM
        ]
        if beside:
            return min(beside, key=lambda r: (r.depth, GEO_PRECISIONS.index(r.place.precision)))
    return best


# Precisions of a place that is a point on the map, not an area.
_POINT_PRECISIONS = frozenset({"point", "city"})
REGION_NEAR_KM = 500.0


def demonym_place(word: str, gazetteer: Any) -> Place | None:
    """The country a demonym or country name points to ("Iraqi" -> Iraq), via the gazetteer."""
    try:
        iso = gazetteer.country_of_name(word)
    except Exception:  # a gazetteer without demonyms: not fatal, just no answer
        iso = None
    if iso:
        return gazetteer.country(iso)
    # Regular demonyms drop a suffix to give the country's name: Iraqi, Yemeni, Syrian, Iranian.
    if not word[:1].isupper():
        return None
    for suffix in ("ian", "an", "i", "ese"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            for name in (stem, stem + "a"):
                for cand in gazetteer.lookup(name):
                    if cand.kind == "country":
                        return cand
    return None


def facility_place(place: Place, noun: str, gazetteer: Any) -> Place | None:
    """ "Baghdad's international airport" -> the airport of Baghdad, when the gazetteer knows it."""
    # Many military air bases share the civil airport's entry ("Šiauliai air base" is the airport
    # of Šiauliai): the airport names come after the air base names.
    bases = ("{} Air Base", "{} Air Force Base", "{} Air Station", "{} International Airport", "{} Airport")
    names = {
        "airport": ("{} International Airport", "{} Airport"),
        "airfield": ("{} Airfield", "{} Air Base", "{} Airport"),
        "base": bases[:2],
        "airbase": bases,
        "air base": bases,
        "air station": bases,
    }.get(noun)
    if not names:
        return None
    wanted = {"airport", "airbase"}
    for pattern in names:
        try:
            found = gazetteer.lookup(pattern.format(place.name))
        except Exception:
            return None
        for cand in found:
            if cand.kind in wanted and (place.country is None or cand.country == place.country):
                return cand
    return None
