"""The command line as a script would use it: JSON Lines out, specific errors, trustworthy exit codes."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sortie.geodata.cli import build_parser, main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geodata", *args], capture_output=True, text=True, timeout=600, check=False
    )


def test_every_subcommand_has_help() -> None:
    parser = build_parser()
    for command in ("parse", "eval", "gazetteer", "ingest", "export", "serve"):
        with pytest.raises(SystemExit) as info:
            parser.parse_args([command, "--help"])
        assert info.value.code == 0


def test_a_published_date_that_is_not_a_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["parse", "x.txt", "--published", "30/12/2020"])
    assert info.value.code == 2
    assert "not a date" in capsys.readouterr().err


@pytest.mark.model
def test_parse_prints_one_json_line_per_good_file_and_names_the_bad_one(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Two bombers flew from Guam to Japan on Monday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("parse", str(tmp_path), "--published", "2021-03-03")
    assert result.returncode == 1  # some input was bad, the rest was still parsed
    assert "empty.txt" in result.stderr and "empty" in result.stderr
    [line] = result.stdout.splitlines()
    out = json.loads(line)
    assert out["doc"] == "good.txt" and out["published"] == "2021-03-03"
    text = (tmp_path / "good.txt").read_text(encoding="utf-8")
    for item in out["places"] + out["times"]:
        assert text[item["start"] : item["end"]] == item["text"]
    assert {p["text"] for p in out["places"]} >= {"Guam", "Japan"}
    [monday] = [t for t in out["times"] if t["text"] == "Monday"]
    assert monday["value"] == "2021-03-01"  # the Monday before a Wednesday article, past tense


@pytest.mark.model
def test_parse_reads_meta_json_of_the_seeds() -> None:
    result = run("parse", str(SEEDS))
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    meta = json.loads((SEEDS / "meta.json").read_text(encoding="utf-8"))
    assert [d["doc"] for d in docs] == sorted(meta)
    assert all(d["published"] == meta[d["doc"]]["published"] for d in docs)


def test_parse_exits_2_when_no_file_could_be_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["parse", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""  # no JSON line for a file that was not parsed
    assert "empty.txt: the file is empty" in captured.err
    assert "missing.txt: no such file" in captured.err


def test_eval_limit_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["eval", "timex", "gold.jsonl", "--limit", "0"])
    assert info.value.code == 2
    assert "positive whole number" in capsys.readouterr().err


def test_every_option_says_what_it_does() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in sub.choices.items():
        for action in command._actions:
            assert action.help, f"sortie {name} {action.dest}: no help text"


def test_parse_with_a_broken_meta_json_names_it_and_exits_1(tmp_path, monkeypatch, capsys) -> None:
    from sortie.geodata.articles import load_articles
    from sortie.geodata.records import ParsedArticle

    def parse_paths(paths, published=None, fetch=False):  # no model: every article parses to nothing
        for item in load_articles(paths, published, fetch=fetch):
            yield item if isinstance(item, Exception) else ParsedArticle(item, (), ())

    monkeypatch.setattr("sortie.geodata.pipeline.parse_paths", parse_paths)
    monkeypatch.setattr("sortie.geodata.output.parsed_json", lambda p: {"doc": p.article.doc})
    (tmp_path / "a.txt").write_text("Bombers flew.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Jets landed.", encoding="utf-8")
    (tmp_path / "meta.json").write_text("{broken", encoding="utf-8")
    assert main(["parse", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["doc"] for line in out.splitlines()] == ["a.txt", "b.txt"]
    assert err.count(f"error: {tmp_path / 'meta.json'}: not valid JSON") == 1


def test_gazetteer_build_into_a_folder_fails_at_once(tmp_path, monkeypatch, capsys) -> None:
    def never(*_a, **_k):
        raise AssertionError("the build must not start")

    monkeypatch.setattr("sortie.geodata.places.build.build_gazetteer", never)
    assert main(["gazetteer", "build", "-o", str(tmp_path)]) == 2
    assert f"{tmp_path}: is a folder" in capsys.readouterr().err


def test_eval_on_a_corpus_with_nothing_to_score_is_an_error(monkeypatch, capsys) -> None:
    monkeypatch.setattr(
        "sortie.geodata.eval.geoparse.evaluate", lambda corpus, limit=None: {"gold_toponyms": 0}
    )
    assert main(["eval", "geoparse", "timebank.jsonl"]) == 2
    assert "timebank.jsonl: no gold toponyms in it; is it a geoparse corpus?" in capsys.readouterr().err
