"""The TempEval-3 style scorer, on a tiny hand-made corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from geodata.errors import InputError
from geodata.eval_timex import evaluate, format_report


def write(tmp_path: Path, docs: list[dict]) -> str:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in docs), encoding="utf-8")
    return str(path)


def test_scores_extent_and_value(tmp_path: Path) -> None:
    text = "Troops left on Monday and came back in the past two months. Ships sail Fridays."

    def span(phrase: str, type_: str, value: str) -> dict:
        start = text.index(phrase)
        return {"start": start, "end": start + len(phrase), "text": phrase, "type": type_, "value": value}

    gold = [
        # exact extent, right value (2020-12-30 is a Wednesday: the Monday before is the 28th)
        span("Monday", "DATE", "2020-12-28"),
        # relaxed only: the system finds "the past two months", gold has "two months"
        span("two months", "DURATION", "P2M"),
        # found with the same extent, but gold's value differs (Friday is day 5, not 6)
        span("Fridays", "SET", "XXXX-WXX-6"),
    ]
    report = evaluate(write(tmp_path, [{"id": "d1", "dct": "2020-12-30", "text": text, "timexes": gold}]))
    assert report["gold"] == 3 and report["found"] == 3
    assert report["relaxed"]["f1"] == pytest.approx(1.0)
    assert report["strict"]["f1"] == pytest.approx(2 / 3)
    assert report["value_accuracy"] == pytest.approx(2 / 3)
    assert report["value_f1"] == pytest.approx(2 / 3)
    assert "value F1" in format_report(report)


def test_limit_reads_only_the_first_documents(tmp_path: Path) -> None:
    docs = [{"id": str(i), "dct": "2020-12-30", "text": "in 2018", "timexes": []} for i in range(3)]
    assert evaluate(write(tmp_path, docs), limit=2)["documents"] == 2


def test_missing_corpus_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such corpus"):
        evaluate(str(tmp_path / "absent.jsonl"))


@pytest.mark.parametrize(
    ("line", "fault"),
    [
        ("[1, 2]", "line 1 is not a gold document"),
        ('{"id": "d", "text": "x"}', "'timexes'"),
        ('{"id": "d", "text": "x", "timexes": [], "dct": "yesterday"}', "line 1 is not a gold document"),
        ('{"id": "d", "text": "x", "timexes": [{"start": 0}]}', "a timex needs"),
    ],
)
def test_a_malformed_document_names_its_line(tmp_path: Path, line: str, fault: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(fault)):
        evaluate(str(path))


def test_a_corpus_that_is_not_utf8_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_bytes('{"text": "caf\u00e9"}\n'.encode("cp1252"))
    with pytest.raises(InputError, match="not valid UTF-8"):
        evaluate(str(path))
