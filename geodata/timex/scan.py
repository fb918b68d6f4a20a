"""Where in a text a time rule can match, read off the rule's own regular expression.

Scanning a 2,000-word article with a rule costs as much whether it matches or not, and most rules
match rarely: "the third quarter" needs "quarter", "half" or "period"; "ten days ago" needs "ago",
"earlier", ... Two facts about a rule, both derived from its parsed pattern (never listed by hand,
so an edited rule keeps a correct filter), confine the scan:

- its keywords: strings one of which every match contains (an element that is neither optional nor
  a lookaround);
- its inert characters: punctuation that no part of the pattern (lookarounds included) can match,
  so no match spans one ("," for most rules, quotation marks and brackets for nearly all).

The text is cut at the rule's inert characters and only the pieces holding a keyword are scanned.
The result is exactly that of `finditer` over the whole text: a match lies inside one piece, a
piece without a keyword holds no match, and at a piece's edge the pattern sees an inert character
or the end of the string, which every element of the pattern treats alike (both fail to match).
"""

from __future__ import annotations

import bisect
import importlib
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import product
from typing import Any

# The standard library's own regex parser and its opcodes (the public `sre_parse` of old, moved in
# 3.11): private by name, stable in use. Typeshed has no stubs for them, hence the import by name.
_parser: Any = importlib.import_module("re._parser")
sre: Any = importlib.import_module("re._constants")

# Cross products of short alternatives ("1" then "6"-"9") stay small; past this, keep the parts.
_MAX_SET = 64
# Characters that may be inert: punctuation (never a word character, no case), news quotes, dashes.
_PUNCTUATION = (
    "".join(c for c in string.punctuation if c != "_")
    + "\u201c\u201d\u2018\u2019\u00ab\u00bb\u2014\u2013\u2026"
)
_PUNCTUATION_FINDER = re.compile(f"[{re.escape(_PUNCTUATION)}]")
# Zero-width tests that read only the characters next to them (\b, \B); any other anchor ($, ^, \A)
# would tell a piece's end from the text's, so a rule with one is scanned whole.
_NEIGHBOUR_ANCHORS = (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY)
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}

Item = tuple[Any, Any]


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a rule can match: texts and pieces holding a keyword, between inert characters."""

    keywords: frozenset[str] | None  # lower case; None: no keyword proved, scan the whole text
    inert: str  # sorted characters no match contains; "" when none is proved
    finder: re.Pattern[str] | None  # the keywords as one pattern, over lower-cased text


def scope_of(pattern: str, flags: int = 0) -> Scope:
    """The keywords and inert characters of `pattern`, compiled with `flags`."""
    parsed = _parser.parse(pattern, flags)
    keywords = _keywords(parsed)
    if keywords is None or parsed.getwidth()[0] == 0:
        return Scope(None, "", None)  # a rule that can match nothing must be scanned whole
    leaves, anchors_ok = _leaves(list(parsed))
    inert = ""
    if anchors_ok:
        # One pattern for all the single-character tests; case-insensitive whatever the rule's
        # flags, which can only make fewer characters inert.
        reads = re.compile("|".join(sorted(set(leaves))), re.IGNORECASE)
        inert = "".join(c for c in sorted(_PUNCTUATION) if not reads.fullmatch(c))
    return Scope(keywords, inert, re.compile(_trie(keywords)))


class Page:
    """One text prepared once for all the rules: lower-cased, its punctuation located."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lowered = lowered_for_keywords(text)
        self._first: dict[re.Pattern[str], re.Match[str] | None] = {}  # rules sharing keywords
        self._punctuation: list[int] | None = None
        self._stops: dict[str, list[int]] = {}

    def first_hit(self, finder: re.Pattern[str]) -> re.Match[str] | None:
        assert self.lowered is not None
        if finder not in self._first:
            self._first[finder] = finder.search(self.lowered)
        return self._first[finder]

    def stops(self, inert: str) -> list[int]:
        """Offsets of the characters of `inert` in the text, in order."""
        found = self._stops.get(inert)
        if found is None:
            if self._punctuation is None:
                self._punctuation = [m.start() for m in _PUNCTUATION_FINDER.finditer(self.text)]
            text = self.text
            found = self._stops[inert] = [i for i in self._punctuation if text[i] in inert]
        return found


def lowered_for_keywords(text: str) -> str | None:
    """`text` lower-cased for keyword tests at the same offsets, or None when they would not be exact.

    Rules match with re.IGNORECASE, under which a few non-ASCII letters match ASCII ones (the long
    "ſ" matches "s", the Kelvin sign matches "k", "İ" lower-cases to two characters); a text with
    one is scanned whole by every rule.
    """
    if not text.isascii() and any(_folds_to_ascii(ch) for ch in set(text) if not ch.isascii()):
        return None
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def scan(pattern: re.Pattern[str], scope: Scope, page: Page) -> Iterator[re.Match[str]]:
    """`pattern.finditer(page.text)`, looking only where `scope` allows."""
    text, lowered = page.text, page.lowered
    if scope.finder is None or lowered is None:
        yield from pattern.finditer(text)
        return
    hit = page.first_hit(scope.finder)
    if hit is None:
        return  # no keyword anywhere: no match anywhere
    if not scope.inert:
        yield from pattern.finditer(text)
        return
    stops = page.stops(scope.inert)
    while hit is not None:
        # The piece around the keyword: from just after the inert character before it to the next.
        i = bisect.bisect_right(stops, hit.start())
        start = stops[i - 1] + 1 if i else 0
        end = stops[i] if i < len(stops) else len(text)
        yield from pattern.finditer(text, start, end)
        hit = scope.finder.search(lowered, end)


def _trie(words: frozenset[str]) -> str:
    """One pattern for `words`, factored by shared prefixes ("jan(?:\\.|uary)"): the regex engine
    tries each alternative in turn, so a flat list of 24 month spellings costs 24 tries a letter.

    A word that another extends is dropped: wherever the longer occurs, the shorter does too.
    """
    heads: dict[str, set[str]] = {}
    for word in words:
        if not any(other != word and word.startswith(other) for other in words):
            heads.setdefault(word[0], set()).add(word[1:])
    alternatives = []
    for head, tails in sorted(heads.items()):
        rest = "" if "" in tails else _trie(frozenset(tails))
        alternatives.append(re.escape(head) + (f"(?:{rest})" if len(tails) > 1 else rest))
    return "|".join(alternatives)


@cache
def _folds_to_ascii(ch: str) -> bool:
    return any(re.fullmatch(re.escape(a), ch, re.IGNORECASE) for a in string.printable)


# -- keywords ---------------------------------------------------------------------------------


def _keywords(parsed: Any) -> frozenset[str] | None:
    found = _required(list(parsed))
    if not found or "" in found or not all(k.isascii() for k in found):
        return None  # a non-ASCII keyword would need Unicode case folding: no filter
    return frozenset(k.lower() for k in found)


def _exact(item: Item) -> set[str] | None:
    """Every string `item` can match, when that is a small finite set; else None."""
    op, av = item
    if op is sre.LITERAL:
        return {chr(av)}
    if op is sre.IN:
        chars: set[str] = set()
        for sub_op, sub_av in av:
            if sub_op is sre.LITERAL:
                chars.add(chr(sub_av))
            elif sub_op is sre.RANGE and sub_av[1] - sub_av[0] < _MAX_SET:
                chars.update(chr(c) for c in range(sub_av[0], sub_av[1] + 1))
            else:
                return None  # a category (\d, \s), a negation: not a short list
        return chars or None
    if op is sre.SUBPATTERN:
        return _exact_seq(list(av[3]))
    if op is sre.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            strings = _exact_seq(list(alt))
            if strings is None:
                return None
            out |= strings
        return out if len(out) <= _MAX_SET else None
    return None


def _exact_seq(seq: list[Item]) -> set[str] | None:
    out = {""}
    for item in seq:
        strings = _exact(item)
        if strings is None or len(out) * len(strings) > _MAX_SET:
            return None
        out = {a + b for a, b in product(out, strings)}
    return out


def _required(seq: list[Item]) -> set[str] | None:
    """The most selective set of strings one of which every match of the sequence `seq` contains."""
    options: list[set[str]] = []
    run: set[str] = {""}  # consecutive items with exact strings, joined: "1" + "6-9" -> "16".."19"
    for item in seq:
        strings = _exact(item)
        if strings is not None and len(run) * len(strings) <= _MAX_SET:
            run = {a + b for a, b in product(run, strings)}
            continue
        if run != {""}:
            options.append(run)
        if strings is not None:
            run = strings  # the run is full: start a new one at this item
            continue
        run = {""}
        inner = _required_item(item)
        if inner:
            options.append(inner)
    if run != {""}:
        options.append(run)
    if not options:
        return None
    # The most selective: its shortest keyword longest, then the fewest keywords.
    return max(options, key=lambda s: (min(map(len, s)), -len(s)))


def _required_item(item: Item) -> set[str] | None:
    op, av = item
    if op is sre.SUBPATTERN:
        return _required(list(av[3]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return _required(list(av[2])) if av[0] >= 1 else None
    if op is sre.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            strings = _required(list(alt))
            if not strings:
                return None  # an alternative that needs nothing: the branch needs nothing
            out |= strings
        return out
    return None  # lookarounds, anchors, categories, back-references: nothing required


# -- inert characters -------------------------------------------------------------------------


def _leaves(seq: list[Item]) -> tuple[list[str], bool]:
    """Every single-character test in `seq` (lookarounds included) as a small pattern, and whether
    the sequence is free of anchors that would tell a piece's end from the text's."""
    out: list[str] = []
    ok = True
    for op, av in seq:
        children = _children(op, av)
        if children is not None:
            for sub in children:
                more, sub_ok = _leaves(sub)
                out.extend(more)
                ok = ok and sub_ok
        elif op is sre.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is sre.IN:
            out.append(_charset(av))
        elif op is sre.AT:
            ok = ok and av in _NEIGHBOUR_ANCHORS
        else:  # any character, a back-reference, an opcode not known here: nothing is inert
            out.append(r"[\s\S]")
    return out, ok


def _children(op: Any, av: Any) -> list[list[Item]] | None:
    """The sequences nested in one parsed element, or None for a leaf."""
    if op is sre.SUBPATTERN:
        return [list(av[3])]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return [list(av[2])]
    if op is sre.BRANCH:
        return [list(alt) for alt in av[1]]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [list(av[1])]
    if op is sre.ATOMIC_GROUP:
        return [list(av)]
    return None


def _charset(items: list[Item]) -> str:
    parts: list[str] = []
    for op, av in items:
        if op is sre.NEGATE:
            return r"[\s\S]"  # a negated set matches nearly everything
        if op is sre.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is sre.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            return r"[\s\S]"
    return f"[{''.join(parts)}]"
