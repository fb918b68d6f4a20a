"""No traceback ever reaches the user: random command lines and random meta.json files (Hypothesis).

Every run must end with one of the documented exit codes (0, 1 some inputs bad, 2 usage error or
nothing done) and, when it fails, say why on stderr in Sortie's own words: never a traceback, and
never the catch-all "internal error" (that line is for faults no one foresaw; these inputs are
all foreseeable). The example counts are kept small so the whole suite stays fast.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sortie.geodata.cli import main


@dataclass(frozen=True)
class World:
    root: Path
    paths: tuple[str, ...]  # files and folders of every kind a user may point a command at
    not_a_store: str


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "latin1.txt").write_bytes("Frappe a\xe9rienne".encode("latin-1"))
    (root / "no_txt").mkdir()
    (root / "no_txt" / "notes.md").write_text("nothing here", encoding="utf-8")
    (root / "broken.jsonl").write_text('{"text": "a"\n[1, 2]\n', encoding="utf-8")
    (root / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (root / "meta.json").write_text("{", encoding="utf-8")
    not_a_store = root / "not_a_store.gpkg"
    not_a_store.write_text("not a database", encoding="utf-8")
    paths = tuple(
        str(p) for p in (*sorted(root.iterdir()), root / "missing.txt", root / "missing_folder" / "x.gpkg")
    )
    cwd = os.getcwd()
    work = root / "cwd"  # an empty working folder: relative names the fuzz makes up never exist
    work.mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SORTIE_STORE", str(root / "default.gpkg"))
        os.chdir(work)
        try:
            yield World(root, paths, str(not_a_store))
        finally:
            os.chdir(cwd)


COMMANDS = ["parse", "ingest", "export", "serve", "eval", "gazetteer", "geoparse", "timex", "nonsense", ""]
OPTIONS = [
    "--store", "--published", "--format", "-o", "--output", "--layer", "--start", "--end", "--undated",
    "--host", "--port", "--threads", "--limit", "--json", "--online-tiles", "--debug", "--", "-",
]  # fmt: skip
NASTY = [
    "", " ", "0", "-1", "1", "99999", "65536", "1e9", "nan", "2020-02-30", "2020-01-01", "9999-12-31",
    "0001-01-01", "geojson", "gpkg", "csv", "events", "places", "include", "é", "../", "\t", "::1",
    "256.0.0.1", "localhost",
]  # fmt: skip
_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), max_size=12)


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


def _check_failure_is_explained(code: int, err: str) -> None:
    assert "Traceback" not in err
    assert "internal error" not in err, err
    assert code in (0, 1, 2), (code, err)
    if code == 2:
        assert err.strip(), "exit status 2 with nothing said"
        assert "error:" in err.strip().splitlines()[-1], err


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_command_lines_end_in_a_documented_exit_code(
    data: st.DataObject, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    command = data.draw(st.sampled_from(COMMANDS))
    value = st.sampled_from([*NASTY, *world.paths]) | _TEXT
    tokens = data.draw(st.lists(st.sampled_from(OPTIONS) | value, max_size=6))
    argv = [command, *tokens] if command else tokens
    if command == "gazetteer":
        argv = [t for t in argv if t != "build"]  # a real build takes a while and is tested elsewhere
    if command == "serve":
        # Never start a server: the store is checked first, and this one is not a Sortie store.
        argv += ["--store", world.not_a_store]
    code, _out, err = _run(argv, capsys)
    _check_failure_is_explained(code, err)


def test_serve_on_a_port_out_of_range_is_one_usage_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run(["serve", "--port", "99999"], capsys)
    assert code == 2
    assert err.strip().splitlines()[-1].endswith("'99999' is not a port number (1 to 65535)")


# -- meta.json -----------------------------------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "title": _JSON,
        "source": _JSON,
        "published": st.sampled_from(["2021-03-03", "2021-02-30", "yesterday", ""]) | _JSON,
    },
)
_META = st.one_of(
    _JSON.map(json.dumps),
    st.builds(lambda fields: json.dumps({"a.txt": fields}), _FIELDS),
    st.integers(1, 100_000).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 100_000).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.text(max_size=40),
)


@pytest.mark.model
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(meta=_META | st.binary(max_size=40))
@example(meta="[" * 100_000 + "]" * 100_000)  # the case reported: a RecursionError traceback
def test_random_meta_json_never_costs_the_article_or_shows_a_traceback(
    meta: str | bytes, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = world.root / "meta_fuzz"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text("Two bombers flew from Guam to Japan on Monday.", encoding="utf-8")
    target = folder / "meta.json"
    if isinstance(meta, bytes):
        target.write_bytes(meta)
    else:
        target.write_text(meta, encoding="utf-8")
    code, out, err = _run(["parse", str(folder)], capsys)
    _check_failure_is_explained(code, err)
    if code == 2:  # only a bad value for this very article (its date) may keep it from being read
        assert "[a.txt].published" in err, err
        return
    [line] = out.splitlines()
    assert json.loads(line)["doc"] == "a.txt"
    # A meta.json that is not valid metadata is reported (exit 1); the article is read all the same.
    assert code == 0 or "meta.json" in err
