"""The builder's record, `Entry` (one place and every name it answers to), and the rules for names that
every source shares: which alternate names are worth indexing, and the optional Arabic article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sortie.geodata.records import Place


@dataclass
class Entry:
    """One place and every name it answers to."""

    place: Place
    names: list[str]  # lookup names: the name, alternate names, generated aliases
    phrases: list[str] = field(default_factory=list)  # names worth a PhraseMatcher (subset of names)
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, system): ("KMIB", "icao")


# Latin script (with Latin Extended and Vietnamese); other scripts never match English news.
LATIN = re.compile(r"^[\u0000-\u024F\u1E00-\u1EFF\u2018-\u201F]+$")


def usable_alternate(name: str) -> bool:
    """An alternate name worth indexing: Latin script, and not an all-lowercase transliteration.

    GeoNames lists machine transliterations from other scripts in lower case ("aisakaladesa");
    real exonyms and local forms are capitalised ("Teheran", "Bagdad").
    """
    return len(name) >= 2 and bool(LATIN.match(name)) and any(c.isupper() for c in name)


# Arabic article forms; "Al Anbar" is written "Anbar" as often as not.
_ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|adh|ath)[ -](?=\w)", re.IGNORECASE)


# Where place names carry that article: the Arab League's members, and Iran. Elsewhere "El Paso" is
# not "Paso".
ARABIC_ARTICLE_COUNTRIES = frozenset(
    [
        "DZ",
        "BH",
        "KM",
        "DJ",
        "EG",
        "IQ",
        "JO",
        "KW",
        "LB",
        "LY",
        "MR",
        "MA",
        "OM",
        "PS",
        "QA",
        "SA",
        "SO",
        "SD",
        "SY",
        "TN",
        "AE",
        "YE",
        "IR",
    ]
)


def without_article(name: str) -> str | None:
    stripped = _ARTICLE.sub("", name)
    return stripped if stripped != name and len(stripped) > 2 else None
