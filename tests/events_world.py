"""A tiny world for the events tests: a few places, a dict gazetteer, hand-built ParsedArticles."""

from __future__ import annotations

import datetime as dt

from sortie.geodata.records import Article, Mention, ParsedArticle, Place, TimeMention, Toponym


def place(pid: str, name: str, kind: str, country: str | None, lon: float, lat: float, precision: str,
          admin1: str | None = None) -> Place:  # fmt: skip
    return Place(pid, name, kind, country, lon, lat, precision, admin1=admin1)


PLACES = {
    "Iran": place("t:IR", "Iran", "country", "IR", 53.7, 32.4, "country"),
    "Iraq": place("t:IQ", "Iraq", "country", "IQ", 43.8, 33.0, "country"),
    "Yemen": place("t:YE", "Yemen", "country", "YE", 47.5, 15.5, "country"),
    "Baghdad": place("t:baghdad", "Baghdad", "city", "IQ", 44.40, 33.34, "city", "Baghdad"),
    "Baghdad International Airport": place(
        "t:ORBI", "Baghdad International Airport", "airport", "IQ", 44.2346, 33.2625, "point", "Baghdad"
    ),
    "the Gulf": place("t:gulf", "Persian Gulf", "water", None, 51.5, 26.9, "region"),
    "the Arabian Gulf": place("t:gulf", "Persian Gulf", "water", None, 51.5, 26.9, "region"),
    "the Strait of Hormuz": place("t:hormuz", "Strait of Hormuz", "water", None, 56.4, 26.6, "region"),
    "the Gulf of Aden": place("t:aden", "Gulf of Aden", "water", None, 48.0, 12.5, "region"),
    "the Red Sea": place("t:red", "Red Sea", "water", None, 38.5, 20.0, "region"),
    "the Baltic Sea": place("t:baltic", "Baltic Sea", "water", None, 19.0, 58.0, "region"),
    "the North Sea": place("t:north", "North Sea", "water", None, 3.0, 56.0, "region"),
    "RAF Fairford": place("t:EGVA", "RAF Fairford", "airbase", "GB", -1.79, 51.68, "point", "England"),
    "Barksdale Air Force Base": place(
        "t:KBAD", "Barksdale Air Force Base", "airbase", "US", -93.66, 32.50, "point", "Louisiana"
    ),
    "Minot Air Force Base": place(
        "t:KMIB", "Minot Air Force Base", "airbase", "US", -101.358, 48.4158, "point", "North Dakota"
    ),
    "North Dakota": place("t:ND", "North Dakota", "admin1", "US", -100.5, 47.5, "region", "North Dakota"),
    "Damascus": place("t:damascus", "Damascus", "city", "SY", 36.29, 33.51, "city"),
    "Kharkiv": place("t:kharkiv", "Kharkiv", "city", "UA", 36.25, 49.99, "city"),
    "Djibouti": place("t:DJ", "Djibouti", "country", "DJ", 42.5, 11.8, "country"),
    "United States": place("t:US", "United States", "country", "US", -98.5, 39.76, "country"),
    "Panama": place("t:PA", "Panama", "country", "PA", -80.0, 9.0, "country"),
    "Russia": place("t:RU", "Russia", "country", "RU", 100.0, 60.0, "country"),
    "Odesa": place("t:odesa", "Odesa", "city", "UA", 30.74, 46.49, "city"),
    "Syria": place("t:SY", "Syria", "country", "SY", 38.0, 35.0, "country"),
    "Germany": place("t:DE", "Germany", "country", "DE", 10.4, 51.2, "country"),
    "Kiel": place("t:kiel", "Kiel", "city", "DE", 10.13, 54.32, "city", "Schleswig-Holstein"),
    "the Pacific": place("t:pacific", "Pacific Ocean", "water", None, -160.0, 0.0, "region"),
    "Venezuela": place("t:VE", "Venezuela", "country", "VE", -66.0, 7.0, "country"),
    "Caracas": place("t:caracas", "Caracas", "city", "VE", -66.88, 10.49, "city"),
    "Erbil": place("t:erbil", "Erbil", "city", "IQ", 44.01, 36.19, "city", "Erbil"),
    "Dyess Air Force Base": place(
        "t:KDYS", "Dyess Air Force Base", "airbase", "US", -99.85, 32.42, "point", "Texas"
    ),
    "Al Asad Air Base": place("t:ORAA", "Al Asad Air Base", "airbase", "IQ", 42.44, 33.79, "point", "Anbar"),
    "the Indo-Pacific": place("t:indopacific", "Indo-Pacific", "region", None, 100.0, 0.0, "region"),
    "Pearl Reef": place("t:pearlreef", "Pearl Reef", "facility", None, 116.0, 10.0, "point"),
}
# Other spellings the gazetteer knows a place by.
ALIASES = {"irbil": "erbil"}
DEMONYMS = {"iraqi": "IQ", "iranian": "IR", "yemeni": "YE", "american": "US", "german": "DE", "russian": "RU"}


class TinyGazetteer:
    """The four gazetteer calls the events stage makes, over PLACES."""

    def lookup(self, name: str) -> list[Place]:
        key = name.lower().removeprefix("the ")
        key = ALIASES.get(key, key)
        return [p for p in {p.id: p for p in PLACES.values()}.values() if p.name.lower() == key]

    def country(self, iso2: str) -> Place | None:
        return next((p for p in PLACES.values() if p.kind == "country" and p.country == iso2), None)

    def country_of_name(self, name: str) -> str | None:
        return DEMONYMS.get(name.lower())

    def get(self, pid: str) -> Place | None:
        return next((p for p in PLACES.values() if p.id == pid), None)


def parsed_article(nlp, text: str, times: dict[str, tuple[str, str, str, str]] | None = None,
                   doc_id: str = "a.txt", published: dt.date = dt.date(2024, 3, 10)):  # fmt: skip
    """ParsedArticle + Doc for `text`: toponyms are the PLACES names found in it (longest first);
    `times` maps a surface to (type, value, start date, precision)."""
    from sortie.geodata.pipeline import sentences_of

    doc = nlp(text)
    sentences = sentences_of(doc)

    def sentence_of(i: int) -> int:
        return next(s.index for s in sentences if s.start <= i < s.end)

    taken: list[tuple[int, int]] = []
    toponyms = []
    for name in sorted(PLACES, key=len, reverse=True):
        i = text.find(name)
        while i >= 0:
            j = i + len(name)
            whole = not text[j : j + 1].isalnum() and not text[i - 1 : i].isalnum()
            if whole and not any(a < j and i < b for a, b in taken):
                taken.append((i, j))
                m = Mention(name, i, j, sentence_of(i), "GPE")
                toponyms.append(Toponym(m, PLACES[name], "test"))
            i = text.find(name, j)
    tms = []
    for surface, (typ, value, start, precision) in (times or {}).items():
        i = text.find(surface)
        d = dt.date.fromisoformat(start) if start else None
        end = d
        if precision == "month" and d:
            end = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        tms.append(TimeMention(surface, i, i + len(surface), sentence_of(i), typ, value, d, end, precision))
    article = Article(doc_id, text, published=published)
    toponyms.sort(key=lambda t: t.mention.start)
    return ParsedArticle(article, sentences, tuple(toponyms), tuple(tms)), doc


def extract_text(nlp, text: str, times: dict[str, tuple[str, str, str, str]] | None = None):
    """Events and routes the events stage finds in `text`, over the tiny world's places."""
    from sortie.geodata.events import extract

    parsed, doc = parsed_article(nlp, text, times)
    return extract(parsed, doc, TinyGazetteer())
