"""Sentences: offsets into the text as read, trimmed; a line break always starts a new sentence."""

from __future__ import annotations

import spacy

from sortie.geodata.nlp import paragraph_breaks
from sortie.geodata.pipeline import sentences_of


def _pipeline() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def test_sentence_offsets_point_into_the_text_and_are_trimmed() -> None:
    text = "  Bombers flew to Guam.   They returned on Monday.\n"
    sents = sentences_of(_pipeline()(text))
    assert [s.text for s in sents] == ["Bombers flew to Guam.", "They returned on Monday."]
    for s in sents:
        assert text[s.start : s.end] == s.text
    assert [s.index for s in sents] == [0, 1]


def test_a_title_line_without_a_full_stop_is_its_own_sentence() -> None:
    text = "Bombers land in Guam\n\nTwo B-52s landed at Andersen on Monday."
    nlp = spacy.blank("en")
    doc = paragraph_breaks(nlp(text))  # no sentencizer: only line breaks decide here
    sents = sentences_of(doc)
    assert [s.text for s in sents] == ["Bombers land in Guam", "Two B-52s landed at Andersen on Monday."]


def test_blank_lines_make_no_empty_sentences() -> None:
    text = "One.\n\n\n\nTwo."
    assert [s.text for s in sentences_of(_pipeline()(text))] == ["One.", "Two."]
