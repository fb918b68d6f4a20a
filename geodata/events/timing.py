"""A frame's time: the article's time expressions tied to the parse, then `when.choose`."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sortie.geodata.events import vocab, when
from sortie.geodata.events.frames import Frame
from sortie.geodata.records import ParsedArticle, TimeMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# A time expression modifying a noun ("an April incident") dates that noun's event; it is not the
# object of the "after" before it.
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nummod"})


def time_relations(parsed: ParsedArticle, doc: Doc) -> dict[TimeMention, when.Relation]:
    """The article's time expressions that are the object of "before", "after", "since", "ahead
    of"...: "days before the anniversary" places an event before the anniversary, not on it."""
    out: dict[TimeMention, when.Relation] = {}
    text = parsed.article.text
    sents = parsed.sentences
    for t in parsed.times:
        start = sents[t.sentence].start if 0 <= t.sentence < len(sents) else max(0, t.start - 200)
        rel = when.relation_before(text[start : t.start])
        if rel is None:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and len(span) > 0 and span.root.dep_ in _MODIFIER_DEPS:
            continue
        out[t] = rel
    return out


class EarlierTimes:
    """The time expressions of the sentences before a given one in its paragraph, nearest first.

    Built once per article: where each sentence's paragraph starts and which sentences hold a
    time expression. `before` yields lazily, so dating an event reads back only as far as the first
    usable date, and a paragraph of thousands of sentences costs no more per sentence than a short one.
    """

    def __init__(self, parsed: ParsedArticle, by_sentence: dict[int, list[TimeMention]]) -> None:
        text = parsed.article.text
        sents = parsed.sentences
        self.paragraph_start: list[int] = []
        first = 0
        for j, s in enumerate(sents):
            if j and "\n" in text[sents[j - 1].end : s.start]:
                first = j
            self.paragraph_start.append(first)
        self.timed = sorted(by_sentence)
        self.by_sentence = {j: sorted(ts, key=lambda t: -t.start) for j, ts in by_sentence.items()}

    def before(self, index: int) -> Iterator[TimeMention]:
        if not 0 <= index < len(self.paragraph_start):
            return
        first = self.paragraph_start[index]
        k = bisect.bisect_left(self.timed, index) - 1
        while k >= 0 and self.timed[k] >= first:
            yield from self.by_sentence[self.timed[k]]
            k -= 1


# Words that may come before a sentence's leading time adverbial: "But last month", "On Sunday",
# "Earlier, in March".
_LEAD_POS = frozenset({"PUNCT", "CCONJ", "SCONJ", "ADP", "ADV"})


def _leads_sentence(span: Span) -> bool:
    """True when the time expression opens its sentence (after at most a few particles)."""
    if not span.doc.has_annotation("SENT_START"):
        return False  # no sentence boundaries to speak of
    before = span.doc[span.sent.start : span.start]
    return len(before) <= 3 and all(t.pos_ in _LEAD_POS for t in before)


# Verbs that attribute a report to its source: "..., on Saturday, the agency learned".
_ATTRIBUTION_VERBS = vocab.REPORTING_VERBS | {"learn", "report", "confirm", "inform"}


def _before_attribution(span: Span, fr: Frame) -> bool:
    """ "neutralized dozens of fighters near X, on Saturday, the agency learned": a time the parser
    hangs on the attribution that follows the event's words but comes before the attribution's
    subject dates the event. After the subject ("officials said on Saturday") it dates the saying."""
    verb = span.root.head.head if span.root.dep_ == "pobj" else span.root.head
    if verb.lemma_.lower() not in _ATTRIBUTION_VERBS or span.start <= max(fr.tokens):
        return False
    # the subject nearest the verb (a dateline parsed into the clause can be another)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    return bool(subjects) and span.end <= max(subjects, key=lambda c: c.i).left_edge.i


def read_time(
    fr: Frame,
    sent_times: list[TimeMention],
    earlier: Iterable[TimeMention],
    published: Any,
    relations: dict[TimeMention, when.Relation] | None = None,
) -> None:
    """Set `fr.time` (and a movement's stated duration) from the time expressions tied to the frame:
    those inside the subtree of its words (or of the noun a relative clause hangs on), nearest first."""
    doc = fr.head.doc
    scope_heads = [doc[i] for i in fr.tokens]
    if fr.head.dep_ in ("relcl", "acl", "appos") and fr.head.head.i != fr.head.i:
        scope_heads.append(fr.head.head)
    scope = {t.i for h in scope_heads for t in h.subtree}
    tied: list[tuple[int, TimeMention]] = []
    for t in sent_times:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if span.root.i in scope or any(tok.i in scope for tok in span):
            dist = min(abs(span.root.i - i) for i in fr.tokens)
            tied.append((dist, t))
            if t.type == "DURATION" and fr.kind in vocab.MOVEMENTS and span.root.head.i in fr.tokens:
                fr.duration = t.text
        elif _leads_sentence(span):
            # "Last month, a carrier conducted drills ..., officials said": a time adverbial at the
            # head of the sentence sets the time of all it tells, wherever the parser hangs it;
            # it comes after the times inside the event's own words.
            tied.append((len(doc) + span.start, t))
        elif _before_attribution(span, fr):
            tied.append((len(doc) + span.start, t))
    tied.sort(key=lambda p: p[0])
    fr.time = when.choose([t for _, t in tied], earlier, published, relations)


# "nearly two weeks after an Israeli attack on the consulate": an event placed a stated distance
# before the report. Its date is the report's less that distance, give or take a quarter of it.
_DISTANCE = re.compile(r"^P(\d+)([DWMY])$")
_UNIT_DAYS = {"D": 1, "W": 7, "M": 30, "Y": 365}
_UNIT_PRECISION = {"D": "day", "W": "week", "M": "month", "Y": "year"}


def distance_dated(fr: Frame, sent_times: list[TimeMention], published: Any) -> when.When | None:
    """The time of an event noun after "<duration> after" ("This comes two weeks after an attack on
    ..."), counted back from the publication date; None when the sentence does not say so."""
    head = fr.head
    if published is None or head.pos_ != "NOUN":
        return None
    if head.dep_ == "pobj" and head.head.lower_ == "after":
        after = head.head  # "two weeks after the attack"
    elif head.dep_ in ("nsubj", "nsubjpass"):
        # "two weeks after an attack on the consulate killed seven": "after" marks the clause
        marks = [c for c in head.head.children if c.dep_ == "mark" and c.lower_ == "after"]
        if not marks:
            return None
        after = marks[0]
    else:
        return None
    for t in sent_times:
        if t.type != "DURATION" or not (t.end <= after.idx <= t.end + 1):
            continue
        m = _DISTANCE.match(t.value)
        if m is None:
            return None
        days = int(m.group(1)) * _UNIT_DAYS[m.group(2)]
        slack = dt.timedelta(days=max(1, days // 4))
        center = published - dt.timedelta(days=days)
        end = min(center + slack, published)
        return when.When(center - slack, end, _UNIT_PRECISION[m.group(2)], when.NEARBY, t.text)
    return None
