"""The TempEval-3 style scorer, on a tiny hand-made corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sortie.geodata.errors import InputError
from sortie.geodata.eval.timex import evaluate, format_report, value_kind


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
    # the per-class table: the wrong value is a set's, and its kind (a set) was right
    assert report["errors_by_kind"] == {
        "day": {"gold": 1},
        "duration": {"gold": 1},
        "set": {"gold": 1, "same kind": 1},
    }
    assert re.search(r"^set\s+1\s+0\s+0\s+1\s+1\s+0$", format_report(report), re.MULTILINE)


def test_errors_are_counted_by_class(tmp_path: Path) -> None:
    text = "Jets flew on Monday. Now they fly from the base, as they did in 2019."
    monday, now = text.index("Monday"), text.index("2019")
    gold = [
        {"start": monday, "end": monday + 6, "text": "Monday", "type": "DATE", "value": "2020-W52"},
        {"start": now, "end": now + 4, "text": "2019", "type": "DATE", "value": "2019"},
        {"start": 0, "end": 4, "text": "Jets", "type": "DATE", "value": "2020"},  # nothing found there
    ]
    report = evaluate(write(tmp_path, [{"id": "d", "dct": "2020-12-30", "text": text, "timexes": gold}]))
    kinds = report["errors_by_kind"]
    assert kinds["week"] == {"gold": 1, "other kind": 1}  # "Monday" valued as a day, not a week
    assert kinds["year"] == {"gold": 2, "missed": 1}
    assert kinds["ref"] == {"spurious": 1}  # "Now" is not in this gold
    classes = {(m["kind"], m["class"]) for m in report["misses"]}
    assert classes == {("value", "week"), ("missed", "year"), ("spurious", "ref")}


@pytest.mark.parametrize(
    ("type_", "value", "kind"),
    [
        ("DATE", "2020-12-30", "day"),
        ("DATE", "XXXX-12-30", "day"),
        ("TIME", "2020-12-30T22:00", "time"),
        ("TIME", "2020-12-30TNI", "time"),
        ("DATE", "2020-W53", "week"),
        ("DATE", "2020-W52-WE", "week"),
        ("DATE", "2020-12", "month"),
        ("DATE", "2020-Q3", "quarter"),
        ("DATE", "2020-H1", "quarter"),
        ("DATE", "2020-SU", "season"),
        ("DATE", "2020", "year"),
        ("DATE", "199", "decade"),
        ("DATE", "19", "century"),
        ("DURATION", "P2M", "duration"),
        ("DURATION", "PT36H", "duration"),
        ("SET", "P1W", "set"),
        ("SET", "XXXX-WXX-5", "set"),
        ("DATE", "PRESENT_REF", "ref"),
        ("DATE", "FUTURE_REF", "ref"),
    ],
)
def test_value_kind(type_: str, value: str, kind: str) -> None:
    assert value_kind(type_, value) == kind


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
