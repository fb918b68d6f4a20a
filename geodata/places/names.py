"""Names as the gazetteer keys them: `normalize` (the exact key) and `fold` (the transliteration-
tolerant key), shared by the index's writer, its reader and the stages that look names up.
"""

from __future__ import annotations

import re
import unicodedata

# Apostrophe look-alikes become "'" so "Baghdad’s" and "Baghdad's" meet; transliteration marks for
# ayn and hamza (ʿ ʾ) are dropped, since GeoNames spells "Sanʿāʾ" where news writes "Sana'a"/"Sanaa".
_APOSTROPHES = str.maketrans({c: "'" for c in "‘’‛′`´ʼʻ"} | {"ʿ": None, "ʾ": None})
# Anything that is not a letter, digit, apostrophe or space separates words.
_SEPARATORS = re.compile(r"[^\w' ]+|_")
_SPACES = re.compile(r"\s+")


def normalize(name: str) -> str:
    """The lookup key of a name: casefolded, unaccented, punctuation collapsed, no leading "the".

    Periods are deleted rather than spaced ("U.S." -> "us", "St. Louis" -> "st louis"); other
    punctuation becomes a space ("Bab el-Mandeb" -> "bab el mandeb"). Apostrophes stay, so a
    possessive ("Baghdad’s") is a different key from the bare name.
    """
    text = name.translate(_APOSTROPHES).casefold()
    if not text.isascii():  # fast path: most names are plain ASCII
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace(".", "")
    text = _SEPARATORS.sub(" ", text)
    text = _SPACES.sub(" ", text).strip(" ")
    if text.startswith("the "):
        text = text[4:]
    return text


# Arabic article forms, dropped before any other word of a name: "Deir ez-Zor" / "Dayr az Zawr".
_ARTICLES = frozenset(
    {"al", "el", "ul", "il", "ol", "ad", "ed", "ud", "ar", "er", "ur", "as", "es", "us", "az", "ez", "uz",
     "an", "en", "un", "at", "et", "ut", "ash", "esh", "ath", "eth", "adh", "edh"}
)  # fmt: skip
# Digraphs and letters that transliteration schemes spell differently for one sound, longest first:
# Russian/Ukrainian "zh"/"dzh" vs French "j"; Arabic kha/qaf/dhal/shin written "kh"/"h", "q"/"k",
# "dh"/"d", "sh"/"s"; "ph"/"f"; "c"/"k" (Kandahar's older "Candahar").
_CONSONANT_FOLDS = (
    ("dzh", "j"), ("zh", "j"), ("dj", "j"), ("kh", "h"), ("gh", "g"), ("q", "k"), ("ck", "k"),
    ("dh", "d"), ("th", "t"), ("sh", "s"), ("ph", "f"), ("c", "k"),
)  # fmt: skip
_DOUBLED = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiouy])h$")  # "Hudaydah" / "Hudayda", "Mosuleh"
# Vowels (with y and w, which transliterations use for the same diphthongs: "Dayr"/"Deir",
# "Zawr"/"Zor") are where schemes disagree most ("Rajouri"/"Rajaori", "Hodeidah"/"Hudaydah",
# "Kharkiv"/"Kharkov"): a run of them folds to one "a".
_VOWEL_RUN = re.compile(r"[aeiouyw]+")
_MIN_CONSONANTS = 3  # shorter skeletons ("Uri", "Gao") match too many unrelated places


def variant_words(name: str) -> list[str]:
    """The words of a name as the fallback sees them: normalized, no apostrophes (ayn, hamza), no
    Arabic article before another word."""
    words = normalize(name).replace("'", "").split()
    if len(words) > 1:
        words = [w for i, w in enumerate(words) if i == len(words) - 1 or w not in _ARTICLES]
    return words


def _spelling(words: list[str]) -> str:
    """The words joined (hyphens and spaces are spelling too), digraph variants merged, doubled
    letters single, a final "h" after a vowel dropped: "Al-Qandahaar" -> "kandahar"."""
    key = "".join(words)
    for variant, common in _CONSONANT_FOLDS:
        key = key.replace(variant, common)
    return _FINAL_H.sub("", _DOUBLED.sub(r"\1", key))


def fold(name: str) -> str:
    """The transliteration-tolerant key of a name, or "" when the name is too short to fold safely.

    The spelling (`_spelling`) with every vowel run one "a" and a final vowel dropped: "Rajouri",
    "Rajaori" and "Rajauri" all fold to "rajar"; "Qamishli" and "Kamishly" to "kamasl". Used only
    when `normalize` finds nothing, since it merges names that differ by a vowel.
    """
    key = _spelling(variant_words(name))
    if not key.isalpha() or not key.isascii():
        return ""  # digits (codes, "Camp 5") or scripts normalize() leaves unfolded
    key = _VOWEL_RUN.sub("a", key)
    if len(key) > 1:
        key = key.removesuffix("a")
    return key if len(key) - key.count("a") >= _MIN_CONSONANTS else ""


def spelling_similarity(a: str, b: str) -> float:
    """How alike two spellings of one folded key are, 0..1 (difflib's ratio on `_spelling`):
    "Qandahar"/"Kandahār" 1.0, "Rajouri"/"Rajauri" 0.86, "Balakot"/"Belle-Cote" 0.67."""
    from difflib import SequenceMatcher  # lazy: only the fallback needs it

    x, y = _spelling(variant_words(a)), _spelling(variant_words(b))
    return SequenceMatcher(None, x, y, autojunk=False).ratio()
