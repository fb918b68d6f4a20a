"""Reading articles: bad input gets a specific error naming the file, and the other files still load."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from sortie.geodata.articles import MAX_BYTES, decode, load_articles, metadata_fault, read_article
from sortie.geodata.errors import InputError, MetadataError
from sortie.geodata.records import Article


def write(folder: Path, name: str, data: bytes | str) -> Path:
    p = folder / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def test_text_is_kept_exactly_as_read(tmp_path: Path) -> None:
    text = "First line.\r\nSecond line with “quotes” and é.\n"
    p = write(tmp_path, "a.txt", text)
    article = read_article(p)
    assert article.text == text  # CRLF and curly quotes untouched: offsets point into this string
    assert article.doc == "a.txt"


def test_bom_is_dropped_so_offsets_start_at_the_first_character(tmp_path: Path) -> None:
    p = write(tmp_path, "bom.txt", b"\xef\xbb\xbfBaghdad")
    assert read_article(p).text == "Baghdad"


def test_meta_json_gives_title_source_and_published(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Text.")
    meta = {"a.txt": {"title": "T", "source": "Outlet", "published": "2020-12-30"}}
    write(tmp_path, "meta.json", json.dumps(meta))
    [article] = list(load_articles([tmp_path]))
    assert isinstance(article, Article)
    assert (article.title, article.source, article.published) == ("T", "Outlet", dt.date(2020, 12, 30))


def test_published_flag_overrides_metadata(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Text.")
    write(tmp_path, "meta.json", json.dumps({"a.txt": {"published": "2020-12-30"}}))
    [article] = list(load_articles([tmp_path], published=dt.date(2021, 1, 5)))
    assert isinstance(article, Article)
    assert article.published == dt.date(2021, 1, 5)


@pytest.mark.parametrize(
    ("data", "fault"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("Caf\u00e9 \u201cquoted\u201d".encode("cp1252"), "not valid UTF-8"),
    ],
)
def test_bad_files_get_a_specific_error(tmp_path: Path, data: bytes, fault: str) -> None:
    p = write(tmp_path, "bad.txt", data)
    with pytest.raises(InputError) as info:
        read_article(p)
    assert fault in str(info.value)
    assert str(p) in str(info.value)


def test_non_utf8_error_names_an_encoding_that_works(tmp_path: Path) -> None:
    p = write(tmp_path, "win.txt", "It said \u201cno\u201d.".encode("cp1252"))
    with pytest.raises(InputError, match="cp1252"):
        read_article(p)


def test_utf16_with_bom_is_decoded_and_noted() -> None:
    text, notes = decode("Basra".encode("utf-16"), "x.txt")
    assert text == "Basra"
    assert notes and "UTF-16" in notes[0]


def test_missing_and_huge_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match="too large"):
        read_article(big)


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Good one.")
    write(tmp_path, "b.txt", b"")
    write(tmp_path, "c.txt", "Good too.")
    results = list(load_articles([tmp_path]))
    assert [type(r) for r in results] == [Article, InputError, Article]


def test_broken_meta_json_is_reported_and_text_still_read(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Good one.")
    write(tmp_path, "meta.json", "{not json")
    [article] = list(load_articles([tmp_path]))
    assert isinstance(article, Article)
    assert article.published is None
    assert any("meta.json" in n and "not valid JSON" in n for n in article.notes)


def test_a_date_that_is_not_a_date_names_file_and_value(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Good one.")
    write(tmp_path, "meta.json", json.dumps({"a.txt": {"published": "2020-13-45"}}))
    [err] = list(load_articles([tmp_path]))
    assert isinstance(err, MetadataError)
    assert "a.txt" in str(err) and "2020-13-45" in str(err)


@pytest.mark.parametrize(
    ("data", "fault"),
    [
        (b"\xef\xbb\xbf", "empty"),  # only a byte-order mark: nothing to read
        (b"\xff\xfe \x00\n\x00", "empty"),  # UTF-16 whitespace
        (b"\xff\xfeB\x00a\x00s", "not UTF-16"),  # odd length after the mark: truncated
        ("Basra".encode("utf-16-le"), "UTF-16-LE without a byte-order mark"),
    ],
)
def test_bad_encodings_say_what_the_bytes_are(tmp_path: Path, data: bytes, fault: str) -> None:
    with pytest.raises(InputError, match=fault):
        read_article(write(tmp_path, "bad.txt", data))


def test_utf32_with_bom_is_decoded_and_noted() -> None:
    # Its mark starts with UTF-16's (FF FE): read as UTF-16, the text would hold NUL characters.
    text, notes = decode("Basra".encode("utf-32"), "x.txt")
    assert text == "Basra"
    assert notes and "UTF-32" in notes[0]


def test_a_fifo_is_refused_rather_than_read_forever(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_article(fifo)


def test_a_folder_without_articles_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    [err] = list(load_articles([tmp_path]))
    assert isinstance(err, InputError) and err.path == str(tmp_path) and "no .txt or .html files" in err.fault


def test_a_meta_json_that_is_a_folder_is_a_metadata_fault(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Good one.")
    (tmp_path / "meta.json").mkdir()
    [article] = list(load_articles([tmp_path]))
    assert isinstance(article, Article)
    assert any("meta.json" in n and "cannot be read" in n for n in article.notes)


def test_broken_meta_json_is_reported_even_when_the_date_is_given(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Good one.")
    write(tmp_path, "meta.json", "{not json")
    [article] = list(load_articles([tmp_path], published=dt.date(2021, 1, 5)))
    assert isinstance(article, Article)
    assert article.published == dt.date(2021, 1, 5)
    assert any("not valid JSON" in n for n in article.notes)


def test_metadata_fault_names_the_broken_meta_json_only_when_it_was_ignored(tmp_path: Path) -> None:
    broken, good = tmp_path / "broken", tmp_path / "good"
    broken.mkdir()
    good.mkdir()
    write(broken, "a.txt", "Good one.")
    write(broken, "meta.json", "{not json")
    write(good, "b.txt", "Good too.")
    write(good, "meta.json", json.dumps({"b.txt": {"published": "2020-12-30"}}))
    a, b = load_articles([broken, good])
    assert isinstance(a, Article) and isinstance(b, Article)
    fault = metadata_fault(a)
    assert fault is not None and str(broken / "meta.json") in fault and "not valid JSON" in fault
    assert metadata_fault(b) is None
