"""Reference time and tense: what a relative expression is counted from, and in which direction.

News counts "Sunday" and "in April" from its publication date, with two exceptions handled here:
- a quotation whose attribution carries its own date ("... got hit Sunday," he tweeted on Dec. 23)
  counts from that date: the speaker spoke then;
- tense picks the side of an underspecified month or weekday ("flew in April": the last April; "is
  up for reelection in June": the next June).

spaCy's tags are not available to this stage, so tense is read from the words near the expression.
"""

from __future__ import annotations

import bisect
import math
import re
from functools import cache

_FUTURE = frozenset((
    "will", "'ll", "wo", "shall", "would", "gonna", "plans", "plan", "planning", "planned", "scheduled",
    "expected", "expects", "expect", "upcoming", "intends", "intend", "aims", "slated", "poised",
))  # fmt: skip
_FUTURE_PHRASES = (
    "is to", "are to", "going to", "up for", "set to", "about to", "due to", "decided to", "agreed to",
    "supposed to", "likely to", "promised to", "vowed to", "pledged to", "threatened to", "hopes to",
    "wants to", "intended to", "planned for",
)  # fmt: skip
_PAST = frozenset((
    "was", "were", "had", "did", "ago", "went", "came", "took", "made", "gave", "saw", "left",
    "met", "began", "fell", "rose", "won", "lost", "held", "sent", "flew", "shot", "got", "struck",
    "killed", "brought", "found", "thought", "knew", "became", "spent", "built", "led", "fought",
    "ran", "drove", "spoke", "broke", "chose", "stood", "sold", "bought", "paid", "kept", "felt",
    "heard", "seen", "been", "done", "gone",
))  # fmt: skip
# Reporting verbs date the report, not the event reported ("said the vote is set for June").
_REPORTING = frozenset((
    "said", "told", "added", "noted", "stated", "reported", "announced", "declared", "explained",
    "tweeted", "wrote", "claimed", "confirmed", "warned", "insisted", "argued", "asserted",
    "acknowledged", "disclosed",
))  # fmt: skip
_NOT_PAST_ED = frozenset((
    "need", "speed", "red", "bed", "seed", "feed", "shed", "hundred", "breed", "bleed", "greed",
    "creed", "weed", "indeed", "proceed", "succeed", "exceed", "embed", "ned", "fed", "ted",
    "united", "limited", "red-",
))  # fmt: skip
# Words that set a limit or a start in time ("effective Feb. 1"): what follows is usually to come.
_DEADLINE = r"(?:by|until|till|as soon as|as early as|no later than|effective)"
# Words that may come before an expression that opens its clause ("In April, ...", "But on Monday").
_OPENERS = frozenset(("in", "on", "at", "during", "early", "late", "and", "but", "then", "also"))
_PERFECT = re.compile(r"\bhad\b|'d\b")
_DEADLINE_BEFORE = re.compile(rf"\b{_DEADLINE}\s+$")
_DEADLINE_START = re.compile(rf"{_DEADLINE}\s")
# Future markers that are as often nouns: they count only as verbs, before "to" ("plans to strike").
_NOUN_OR_VERB = frozenset(("plans", "plan"))
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|'ll")
# Words that open a noun phrase: a tense word right after one is an attribute of the noun that
# follows ("for a scheduled port visit", "its planned exercises"), not the tense of a clause.
_DETERMINERS = frozenset((
    "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "your",
    "my", "another", "each", "every", "some", "any", "no",
))  # fmt: skip


# The reach of a tense read from the expression's own verb: an auxiliary up to about seven words
# before it, an "-ed" form three, a marker after it half as far.
NEAR = 8


def _kind(word: str) -> tuple[int, int]:
    """(tense, weight) of one word: auxiliaries and irregular pasts weigh 1, "-ed" forms 2 (they
    are often participles: "will be named commander")."""
    w = word.lower()
    if w in _FUTURE or w.endswith("'ll"):
        return 1, 1
    if w in _REPORTING:
        return 0, 0
    if w in _PAST:
        return -1, 1
    if len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST_ED:
        return -1, 2
    return 0, 0


def tense_at(sentence: str, start: int, end: int, reach: float = math.inf) -> int:
    """-1 past, +1 future, 0 unknown for a time expression at [start, end) of `sentence`.

    `reach` bounds the cost of the markers read (about a word for each unit before the expression):
    `NEAR` reads only the verb the expression hangs on ("collapsed in January").

    The nearest tense marker wins, counted in words; markers after the expression count double
    (the verb usually comes first: "will meet on Monday"), and reporting verbs do not count: "said
    Thursday that troops will stay" dates the saying, not the staying. A marker after the expression
    that follows a determiner modifies a later noun ("arrived on Sunday for a scheduled visit"): it
    says nothing of the expression's clause, so it does not count.
    """
    lower = sentence.lower()
    best: tuple[float, int] | None = None  # (cost, tense)

    def offer(m_start: int, m_end: int, tense: int, weight: int) -> None:
        nonlocal best
        if start <= m_start < end:
            return
        if m_end <= start:
            words = len(_WORD.findall(sentence, m_end, start))
            cost = (words + 1) * weight
        else:
            words = len(_WORD.findall(sentence, end, m_start))
            cost = (words + 1) * weight * 2 + 1
        if cost > reach:
            return
        if best is None or cost < best[0] or (cost == best[0] and tense > best[1]):
            best = (cost, tense)

    words = list(_WORD.finditer(sentence))
    before = [w.group().lower() for w in words]
    for k, m in enumerate(words):
        word = before[k]
        tense, weight = _kind(word)
        attributive = m.start() >= end and _after_determiner(before, k)
        if word in _REPORTING and m.end() <= start and _adjacent(sentence, m.end(), start):
            # "said Thursday", "announced on Friday": the expression dates the saying, a past act
            tense, weight = -1, 1
        elif tense > 0 and word in _NOUN_OR_VERB and (k + 1 == len(before) or before[k + 1] != "to"):
            continue  # "announced plans", "a plan for": a noun; "plans to" is the verb
        elif tense > 0 and "had" in before[max(k - 2, 0) : k]:
            # "had been scheduled to expire Friday", "had planned": a plan already overtaken
            tense = -1
        if tense < 0 and k > 0 and before[k - 1] in ("be", "being"):
            continue  # "will be paid", "would be held": a participle; the auxiliary has the tense
        if tense > 0 and k > 0 and before[k - 1] in ("than", "as") and word.startswith("expect"):
            continue  # "faster than expected", "as expected": a comparison, not a plan
        if tense < 0 and word in ("was", "were") and k + 1 < len(before) and _kind(before[k + 1])[0] > 0:
            continue  # "were planning", "was expected": the plan's own tense is the one to read
        if tense and not attributive:
            offer(m.start(), m.end(), tense, weight)
    fronted = _fronted_report(sentence, before, words, start, end)
    if fronted is not None:
        offer(fronted.start(), fronted.end(), -1, 1)
    deadline = _DEADLINE_BEFORE.search(lower, 0, start) or _DEADLINE_START.match(lower, start, end)
    if deadline:
        verbs = _WORD.findall(sentence, max(deadline.start() - 40, 0), deadline.start())[-2:]
        if any(_kind(v) == (-1, 1) for v in verbs):  # an auxiliary or irregular past, not "-ed"
            deadline = None  # "became effective Feb. 1", "was done by Friday": a limit already reached
    if deadline and not _PERFECT.search(lower, max(deadline.start() - 60, 0), end + 60):
        # "until Tuesday", "by February", "as soon as Monday": a limit still to come, unless the
        # clause looks back from it ("had filed by Wednesday", "until Thursday, they had not")
        at = min(deadline.start(), start - 1)  # a limit word inside the extent counts as just before
        offer(at, at + 1, 1, 1)
    for phrase in _FUTURE_PHRASES:
        for m in re.finditer(rf"\b{phrase}\b", lower):
            had = "had" in lower[max(m.start() - 10, 0) : m.start()].split()
            offer(m.start(), m.end(), -1 if had else 1, 1)
    return best[1] if best else 0


def _after_determiner(lower_words: list[str], k: int) -> bool:
    """Whether word k opens a noun phrase after a determiner, perhaps past an adverb ("the planned
    drills", "the hastily planned trip")."""
    j = k - 1
    while j >= 0 and lower_words[j].endswith("ly") and j >= k - 2:
        j -= 1
    return j >= 0 and lower_words[j] in _DETERMINERS


def _fronted_report(
    sentence: str, lower_words: list[str], words: list[re.Match[str]], start: int, end: int
) -> re.Match[str] | None:
    """The reporting verb of the clause an expression opens ("In September, the firm announced
    plans to...", "Thursday, officials said the jets will stay"): the expression dates the saying,
    a past act, whatever tense the reported clause is in. None unless the expression opens the
    sentence (after at most a preposition or conjunction) and the verb follows within three words
    (its subject) with no other tense marker between."""
    lead = _WORD.findall(sentence, 0, start)
    if len(lead) > 1 or (lead and lead[0].lower() not in _OPENERS):
        return None
    after = [k for k, m in enumerate(words) if m.start() >= end][:4]
    for k in after:
        if lower_words[k] in _REPORTING:
            return words[k]
        if _kind(lower_words[k])[0] or lower_words[k] == "that":
            return None
    return None


def _adjacent(sentence: str, a: int, b: int) -> bool:
    """Whether only "on" (or nothing) stands between offsets a and b: "said on Friday"."""
    return sentence[a:b].strip().lower() in ("", "on")


@cache
def _quote_re() -> re.Pattern[str]:
    return re.compile(r"\u201c[^\u201d]*\u201d?|``[^'`]*(?:''|$)|\"[^\"\n]*\"?", re.MULTILINE)


def quotes(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech: curly quotes, TeX-style ``...'' and straight double quotes."""
    return [m.span() for m in _quote_re().finditer(text)]


def quote_at(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The quotation of `spans` (as `quotes` returns them: sorted, disjoint) holding [start, end)."""
    # Only the last span that opens at or before `start` can hold it.
    i = bisect.bisect_right(spans, (start, math.inf)) - 1
    if i >= 0 and end <= spans[i][1]:
        return spans[i]
    return None
