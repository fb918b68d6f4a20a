"""The event vocabulary: trigger lemmas -> event kinds, and the words that refine or qualify them.

Kinds follow the families analysts know from ACLED and CAMEO (air/drone strike, missile attack,
shelling, armed clash, ...), kept small and flat so a map legend can list them. Pure data and pure
functions: nothing here needs spaCy.
"""

from __future__ import annotations

import re

# Incidents (go on the events layer) -------------------------------------------------------------
AIR_STRIKE = "air_strike"
DRONE_STRIKE = "drone_strike"
MISSILE_ATTACK = "missile_attack"
ROCKET_ATTACK = "rocket_attack"
SHELLING = "shelling"
ATTACK = "attack"  # an attack whose means the text does not state
ARMED_CLASH = "armed_clash"
NAVAL_ENCOUNTER = "naval_encounter"
INTERCEPTION = "interception"
SHOOT_DOWN = "shoot_down"
EXERCISE = "exercise"
EXPLOSION = "explosion"  # blasts whose cause the text does not state ("explosions rocked the base")
# Movements (routes when both ends are known, else events at the area of operation)
FLIGHT = "flight"
DEPLOYMENT = "deployment"
SAILING = "sailing"
# Not incidents: kept as records, never drawn as incidents
STATEMENT = "statement"
THREAT = "threat"

NOT_INCIDENTS = frozenset({STATEMENT, THREAT})
MOVEMENTS = frozenset({FLIGHT, DEPLOYMENT, SAILING})
# Kinds that may be drawn as a route from launch site to target area: one-way attack drones fly
# from a launch site to their target as missiles do.
PROJECTILES = frozenset({MISSILE_ATTACK, ROCKET_ATTACK, DRONE_STRIKE})

# Kinds that two sources may use for one same incident ("attacked by several missiles" in one
# article, "hit by several rockets" in another): merging compares families, not kinds.
FAMILY = {
    AIR_STRIKE: "attack",
    DRONE_STRIKE: "attack",
    MISSILE_ATTACK: "attack",
    ROCKET_ATTACK: "attack",
    SHELLING: "attack",
    ATTACK: "attack",
    EXPLOSION: "attack",
    ARMED_CLASH: "clash",
    NAVAL_ENCOUNTER: "naval",
    INTERCEPTION: "interception",
    SHOOT_DOWN: "interception",
    EXERCISE: "exercise",
    FLIGHT: "movement",
    DEPLOYMENT: "movement",
    SAILING: "movement",
    STATEMENT: "statement",
    THREAT: "threat",
}

# Human labels for feature names.
LABELS = {
    AIR_STRIKE: "Air strike",
    DRONE_STRIKE: "Drone strike",
    MISSILE_ATTACK: "Missile attack",
    ROCKET_ATTACK: "Rocket attack",
    SHELLING: "Shelling",
    ATTACK: "Attack",
    EXPLOSION: "Explosion",
    ARMED_CLASH: "Armed clash",
    NAVAL_ENCOUNTER: "Naval encounter",
    INTERCEPTION: "Interception",
    SHOOT_DOWN: "Shoot-down",
    EXERCISE: "Exercise",
    FLIGHT: "Flight",
    DEPLOYMENT: "Deployment",
    SAILING: "Sailing",
    STATEMENT: "Statement",
    THREAT: "Threat",
}

# Verb lemmas that report an incident or a movement. The kind is a first guess that instrument and
# actor words refine (see `refine`).
VERB_TRIGGERS = {
    "strike": ATTACK,
    "attack": ATTACK,
    "hit": ATTACK,
    "bomb": AIR_STRIKE,
    "airstrike": AIR_STRIKE,
    "target": ATTACK,
    "raid": ATTACK,
    "shell": SHELLING,
    "pound": SHELLING,
    "fire": ATTACK,
    "launch": ATTACK,
    "clash": ARMED_CLASH,
    "ambush": ARMED_CLASH,
    "fly": FLIGHT,
    "take": FLIGHT,  # only with the particle "off" (see PARTICLE_VERBS)
    "dispatch": DEPLOYMENT,
    "deploy": DEPLOYMENT,
    "redeploy": DEPLOYMENT,
    "send": DEPLOYMENT,
    "station": DEPLOYMENT,
    "relocate": DEPLOYMENT,
    "sail": SAILING,
    "transit": SAILING,
    "steam": SAILING,
    "cruise": SAILING,
    "approach": NAVAL_ENCOUNTER,
    "harass": NAVAL_ENCOUNTER,
    "seize": NAVAL_ENCOUNTER,
    "intercept": INTERCEPTION,
    "scramble": INTERCEPTION,
    "shoot": SHOOT_DOWN,  # only with "down" (see PARTICLE_VERBS)
    "down": SHOOT_DOWN,  # "downed a drone"
    "return": FLIGHT,
    "arrive": DEPLOYMENT,
    "touch": FLIGHT,  # only with "down" (see PARTICLE_VERBS)
    "mobilise": DEPLOYMENT,
    "mobilize": DEPLOYMENT,
    "leave": DEPLOYMENT,  # "left Norfolk for the Mediterranean": its object is the origin
    "depart": DEPLOYMENT,
    "land": FLIGHT,  # "left X and landed at Y"
    "shadow": NAVAL_ENCOUNTER,
    "buzz": NAVAL_ENCOUNTER,
    "dock": SAILING,  # "the frigate docked in the port of X": a port call
    "berth": SAILING,
    "storm": ATTACK,
    "overrun": ATTACK,
    "bombard": SHELLING,
    "escort": FLIGHT,  # "F-16s escorted the bombers over the Norwegian Sea": a flight beside them
    "recapture": ARMED_CLASH,  # "forces recaptured the air base": taken by fighting
    "retake": ARMED_CLASH,
    "capture": ARMED_CLASH,
    "board": NAVAL_ENCOUNTER,  # "coast guards boarded a cargo ship"
}
# Verbs of moving something that are as common of money, staff or opinion ("shifted its
# position"): a movement only when what moves, their object or subject, is a military unit, an
# aircraft or a ship (see `frames.trigger_kind`). "relocate" and "redeploy" are triggers of
# their own (VERB_TRIGGERS): they are seldom said of anything but forces.
MOVER_VERBS = {
    "move": DEPLOYMENT, "transfer": DEPLOYMENT, "shift": DEPLOYMENT, "ferry": DEPLOYMENT, "ship": DEPLOYMENT,
    "airlift": FLIGHT, "transport": DEPLOYMENT, "deliver": DEPLOYMENT, "march": DEPLOYMENT,
    "drive": DEPLOYMENT, "rotate": DEPLOYMENT,
}  # fmt: skip
# What an army moves besides its people: a verb of moving these is a military movement
# ("equipment was ferried from X to Y", "tanks were shipped by rail").
CARGO = frozenset(
    {"equipment", "vehicle", "tank", "materiel", "hardware", "munition", "weapon", "ammunition", "armour",
     "armor", "howitzer", "stryker", "convoy", "column", "battery", "launcher"}
)  # fmt: skip
# Verbs that bring down what flies ("air defences destroyed 32 drones over X"): a shoot-down only
# when their object is an aerial object, and something says it was in the air (see `frames`).
DOWNING_VERBS = frozenset({"destroy", "neutralize", "neutralise"})
# Verbs of coming down on a place: an attack when what comes down is a projectile.
IMPACT_VERBS = frozenset({"land", "fall", "impact", "slam", "crash", "explode"})
# People a downing verb "neutralizes" in translated military communiqués: killed in an attack.
HOSTILE_PEOPLE = frozenset(
    {"terrorist", "militant", "insurgent", "jihadist", "fighter", "rebel", "gunman", "assailant", "attacker",
     "bandit", "combatant"}
)  # fmt: skip
# Verbs of keeping watch on a foreign ship or aircraft: an encounter when what is watched is one
# ("a frigate followed the Russian warships in the Barents Sea").
WATCH_VERBS = frozenset({"follow", "track", "monitor", "trail"})
# Of those, the verbs that are an attack when what they destroy is military and on the ground
# ("seven warplanes were destroyed at the air base").
DESTRUCTION_VERBS = frozenset({"destroy"})
# Things that fly and can be brought down.
AERIAL_OBJECTS = frozenset(
    {"drone", "uav", "missile", "rocket", "aircraft", "plane", "jet", "helicopter", "warplane", "bomber",
     "fighter", "projectile", "balloon", "airplane"}
)  # fmt: skip
# Verbs that send a projectile off: a country that fires or launches one does so from its own
# territory, unless the text says otherwise (see `build.launch_site`).
FIRING_VERBS = frozenset({"fire", "launch", "shoot", "lob"})
# Verbs whose passive subject is what moved, not what was hit ("jets were scrambled").
MOVER_PASSIVES = frozenset(
    {"scramble", "dispatch", "deploy", "send", "redeploy", "station", "move", "relocate", "transfer", "shift",
     "ferry", "ship", "airlift", "transport", "deliver", "mobilise", "mobilize", "rotate"}
)  # fmt: skip
# Verbs of arriving: "at X", "in X" is where the movement ended.
ARRIVAL_VERBS = frozenset({"arrive", "land", "reach", "touch"})
# Verbs of sending on a purpose: "sent its bombers to visit Venezuela" went to Venezuela; "took off
# to monitor the airspace over X", "to patrol X": what is watched over is where they flew; "sailed to
# deliver fuel to fishermen around the shoal": where the delivery went.
VISIT_VERBS = frozenset(
    {"visit", "join", "reinforce", "reach", "patrol", "monitor", "police", "guard", "deliver", "resupply"}
)
# Verbs of leaving: their object is where the movement began, "for" names where it went.
DEPARTURE_VERBS = frozenset({"leave", "depart"})
# "exchanged fire", "traded artillery fire": two sides firing at each other, an armed clash.
EXCHANGE_VERBS = frozenset({"exchange", "trade"})
FIRE_NOUNS = frozenset({"fire", "gunfire", "shot", "shell", "salvo", "barrage"})
# Verbs of passing by in a temporal clause ("shadowed the ships as they passed through the strait"):
# the clause tells where the main event happened, so its place is the event's.
PASSAGE_VERBS = frozenset({"pass", "transit", "sail", "cross", "fly", "steam", "travel"})
TEMPORAL_MARKERS = frozenset({"as", "while", "when"})
# Nouns of a border: a country named only as the far side of one ("near the Syrian border", "the
# border with Syria") is not where the event happened.
BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})
# Verbs that count only with their particle ("took off", "shot down").
PARTICLE_VERBS = {"take": "off", "shoot": "down", "touch": "down"}

# Nouns that name an incident or a movement.
NOUN_TRIGGERS = {
    "strike": ATTACK,
    "airstrike": AIR_STRIKE,
    "air-strike": AIR_STRIKE,
    "attack": ATTACK,
    "assault": ATTACK,
    "raid": ATTACK,
    "bombing": AIR_STRIKE,
    "bombardment": SHELLING,
    "shelling": SHELLING,
    "clash": ARMED_CLASH,
    "firefight": ARMED_CLASH,
    "skirmish": ARMED_CLASH,
    "ambush": ARMED_CLASH,
    "exercise": EXERCISE,
    "drill": EXERCISE,
    "maneuver": EXERCISE,
    "manoeuvre": EXERCISE,
    "flight": FLIGHT,
    "flyover": FLIGHT,
    "sortie": FLIGHT,
    "deployment": DEPLOYMENT,
    "interception": INTERCEPTION,
    "intercept": INTERCEPTION,
    "shootdown": SHOOT_DOWN,
    "explosion": EXPLOSION,
    "blast": EXPLOSION,
    "fighting": ARMED_CLASH,  # "fighting erupted in the capital"
    "battle": ARMED_CLASH,
}

# Instrument words (in the trigger's compound, object or agent) and the kind they make it.
INSTRUMENTS = {
    "drone": DRONE_STRIKE,
    "uav": DRONE_STRIKE,
    "missile": MISSILE_ATTACK,
    "rocket": ROCKET_ATTACK,
    "mortar": SHELLING,
    "artillery": SHELLING,
    "shell": SHELLING,
    "howitzer": SHELLING,
    "air": AIR_STRIKE,
    "airstrike": AIR_STRIKE,
    "jet": AIR_STRIKE,
    "warplane": AIR_STRIKE,
    "bomb": AIR_STRIKE,
    # A bomb on the ground is not an air strike: "a suicide car bombing", "a roadside bomb".
    "car": ATTACK,
    "truck": ATTACK,
    "suicide": ATTACK,
    "roadside": ATTACK,
}

# Head nouns of actors that make a trigger a movement of that medium.
AIRCRAFT = frozenset(
    {
        "bomber", "plane", "aircraft", "jet", "fighter", "warplane", "airplane", "b52", "b-52",
        "b52s", "b-52h", "b-1b", "b-2", "f-35", "f-16", "f-15", "helicopter", "tanker", "drone",
        "stratofortress", "airliner", "mig", "sukhoi", "awacs", "squadron", "uav", "typhoon", "raptor",
        "lancer", "eagle", "hornet", "tornado", "rafale", "gripen", "blackjack", "airlifter",
    }
)  # fmt: skip
SHIPS = frozenset(
    {
        "ship", "vessel", "carrier", "destroyer", "frigate", "warship", "boat", "submarine",
        "cruiser", "corvette", "fleet", "flotilla", "tanker", "navy", "group", "craft",
    }
)  # fmt: skip
# Prefixes of warship names: the name after one is a ship's, even when it is a city's ("HMCS Montreal").
SHIP_PREFIXES = frozenset(
    {"USS", "USNS", "HMS", "HMAS", "HMCS", "HMNZS", "INS", "HNLMS", "FGS", "ROKS", "JS", "PNS", "BNS", "TCG",
     "ITS", "ARA", "BRP", "KRI", "HNOMS", "HDMS", "HSWMS", "ORP", "ESPS", "SNS", "NRP", "FS", "RFS", "CNS"}
)  # fmt: skip
TROOPS = frozenset({"troop", "soldier", "force", "marine", "battalion", "brigade", "unit", "personnel"})

# Nouns for fixed places: a demonym or a place name modifying them locates the event there
# ("Iraqi military bases" are in Iraq, "Baghdad's airport" is at Baghdad) while the same modifier
# on a mobile or owned thing ("Iranian vessels", "the US embassy") does not.
LOCATION_NOUNS = frozenset(
    {
        "base", "airbase", "installation", "facility", "position", "outpost", "camp", "territory",
        "airspace", "water", "coast", "coastline", "city", "town", "village", "province", "border",
        "soil", "port", "harbor", "harbour", "airport", "airfield", "field", "capital", "outskirts",
        "region", "area", "district", "compound", "headquarters", "site", "depot", "refinery",
        "island", "shore", "mainland", "embassy", "sector", "suburb", "neighbourhood", "neighborhood",
    }
)  # fmt: skip
# Nouns of an activity somewhere: a place name modifying one says where ("depart for Indo-Pacific
# operation", "a Baltic patrol", "the Middle East deployment").
ACTIVITY_NOUNS = frozenset({"operation", "mission", "deployment", "patrol", "tour", "rotation", "cruise"})
# Participles that make a place before them an owner, flag or maker ("Panama-flagged", "Greek-owned").
OWNERSHIP_WORDS = frozenset(
    {"flagged", "registered", "owned", "operated", "built", "made", "controlled", "led", "backed"}
)
# Verbs of hosting: their subject is where their object is ("Djibouti hosts American bases").
HOST_VERBS = frozenset({"host", "house", "accommodate", "shelter"})
# Of those, the ones a demonym does not locate ("the US embassy" is in Baghdad, not in the US).
OWNED_NOUNS = frozenset({"embassy", "consulate", "headquarters"})

# Words that make the trigger hypothetical, generic or future: not an incident.
HYPOTHETICAL_MODIFIERS = frozenset(
    {
        "potential", "possible", "future", "further", "additional", "planned", "imminent",
        "hypothetical", "retaliatory", "new", "any", "likely", "feared", "threatened", "alleged",
    }
)  # fmt: skip
# Words that make an event a habit, not one incident: "repeated strikes", "regularly intercept".
HABITUAL_MODIFIERS = frozenset(
    {"repeated", "regular", "frequent", "routine", "occasional", "periodic", "daily"}
)
HABITUAL_ADVERBS = frozenset(
    {"regularly", "routinely", "often", "frequently", "repeatedly", "usually", "typically", "sometimes",
     "periodically", "occasionally", "rarely", "seldom", "annually", "yearly", "constantly",
     "habitually", "normally", "traditionally"}
)  # fmt: skip
# Periods that make an event a habit when it recurs on them ("every year") or when a perfect lasts
# them ("have flown from X for two decades"); hours and days are left out: one sortie can last them.
RECURRING_PERIODS = frozenset(
    {"year", "month", "week", "day", "summer", "winter", "spring", "autumn", "time", "morning", "night"}
)
LONG_PERIODS = frozenset({"decade", "year", "month", "century", "generation"})
# Verbs of posting forces somewhere: in the present passive ("are stationed in X") they state a
# presence, not a movement.
PRESENCE_VERBS = frozenset({"station", "base", "garrison", "post", "deploy", "position"})
MODALS = frozenset({"could", "might", "may", "would", "will", "should", "can", "'ll", "shall"})
# Verbs that govern a trigger they do not report as done ("threatened to strike").
THREAT_VERBS = frozenset({"threaten", "vow", "warn", "promise", "pledge"})
IRREALIS_VERBS = frozenset(
    {
        "plan", "prepare", "intend", "want", "seek", "consider", "try", "aim", "hope", "fear",
        "deter", "prevent", "avoid", "risk", "expect", "mean", "order", "need",
    }
)  # fmt: skip
REPORTING_VERBS = frozenset({"say", "tweet", "state", "announce", "claim", "tell", "declare", "add"})

# Quantity words standing in front of a plural ("several rockets", "a barrage of missiles").
VAGUE_QUANTITIES = frozenset({"several", "numerous", "multiple", "few", "many", "some", "dozens", "scores"})
QUANTITY_HEADS = frozenset(
    {
        "barrage", "salvo", "volley", "wave", "swarm", "dozen", "dozens", "hundreds", "pair",
        "handful", "number", "couple", "score", "scores", "thousands", "series", "string", "flotilla",
    }
)  # fmt: skip

# Prepositions and the role the place they introduce plays for the trigger.
ORIGIN_PREPS = frozenset({"from"})
DESTINATION_PREPS = frozenset({"to", "into", "toward", "towards", "for"})
LOCATIVE_PREPS = frozenset(
    {"in", "at", "on", "near", "outside", "inside", "over", "above", "across", "around", "along",
     "within", "off", "against", "upon", "onto", "by", "beside", "of"}
)  # fmt: skip
WAYPOINT_PREPS = frozenset({"through", "via"})

ROUND_TRIP_WORDS = (
    "round trip", "round-trip", "roundtrip", "and back", "returned", "return flight", "returning to",
)  # fmt: skip


def family(kind: str) -> str:
    """The family of a kind (kinds that may describe one same incident)."""
    return FAMILY.get(kind, kind)


def label(kind: str) -> str:
    return LABELS.get(kind, kind.replace("_", " ").capitalize())


def singular(word: str) -> str:
    """A crude lower-case singular, enough to compare vocabulary words ("missiles" -> "missile")."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


# Military aircraft designators: a maker's or service's letters, a dash, a number, a variant letter
# ("B-52H", "Tu-160s", "F/A-18E", "MQ-9", "Su-24", "KC-135", "J-20"): the US tri-service system
# and the Soviet/Russian, Chinese and European bureau prefixes that news copies.
_DESIGNATOR = re.compile(
    r"^(?:[A-Z]{1,3}|[A-Z]/[A-Z]|Tu|Su|MiG|Mig|Il|An|Yak|Ka|Mi|Be)-?\d{1,3}[A-Z]{0,2}(?:s|'s)?$"
)


def designator(word: str) -> str | None:
    """The type key of an aircraft designator ("B-52Hs" -> "b52", "Tu-160" -> "tu160"), or None.

    A bare letter and number ("A4", "M1") is as often a road, a paper size or a tank: the dash or a
    known bureau prefix is required, and the number must not be a year."""
    if not _DESIGNATOR.match(word):
        return None
    m = re.match(r"^([A-Za-z/]+)-?(\d+)", word)
    if m is None:
        return None
    letters, number = m.group(1), m.group(2)
    if "-" not in word and letters not in ("Tu", "Su", "MiG", "Mig", "Il", "An", "Yak", "Ka", "Mi", "Be"):
        return None
    if len(number) == 4 or letters == "G":  # years; the G-7 and G-20 summits
        return None
    return f"{letters.lower().replace('/', '')}{number}"


def medium(words: list[str]) -> str | None:
    """ "air", "sea" or "land" from an actor's words ("two B-52 bombers" -> "air")."""
    low = [w.lower() for w in words]
    if low and singular(low[-1]) in SHIPS - {"group", "tanker", "craft"}:
        return "sea"  # the head noun decides: an "aircraft carrier" sails
    if "air" in low and any(singular(w) == "force" for w in low):
        return "air"
    for w in words:
        s = singular(w)
        if s in AIRCRAFT or w.lower() in AIRCRAFT or designator(w):
            return "air"
    for w in words:
        if singular(w) in SHIPS and singular(w) not in {"group", "tanker", "craft"}:
            return "sea"
    for w in words:
        if singular(w) in TROOPS:
            return "land"
    return None


def refine(kind: str, instruments: list[str], actor_medium: str | None) -> str:
    """A trigger's kind refined by the instrument words and by what moves.

    "strike" + "drone" -> drone strike; "fired" + "rockets" -> rocket attack; "approached" by
    naval vessels -> naval encounter; "dispatched" bombers -> a flight.
    """
    if kind in (ATTACK, AIR_STRIKE):
        for w in instruments:
            hit = INSTRUMENTS.get(singular(w))
            if hit and (kind == ATTACK or hit != AIR_STRIKE):
                return hit
    if kind == DEPLOYMENT and actor_medium == "air":
        return FLIGHT
    if kind == DEPLOYMENT and actor_medium == "sea":
        return SAILING
    if kind == NAVAL_ENCOUNTER and actor_medium not in ("sea", None):
        # "aircraft approached" is an interception-like encounter in the air
        return INTERCEPTION if actor_medium == "air" else kind
    if kind == FLIGHT and actor_medium == "sea":
        return SAILING
    return kind
