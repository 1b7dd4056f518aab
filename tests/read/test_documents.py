"""The input reader: every format, every way input goes wrong, and that nothing raises."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from geo.read import (
    Document,
    Skipped,
    read_inputs,
)
from geo.read.documents import _ENTITY, _binary_kind
from geo.read.published import normalize_published, published_range

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "documents"
LGL = ROOT.parent / "shared" / "eval" / "lgl.jsonl"


def read(*inputs, stdin=None) -> list[Document | Skipped]:
    return list(read_inputs([str(i) if isinstance(i, Path) else i for i in inputs], stdin=stdin))


def docs(items) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def skips(items) -> list[Skipped]:
    return [i for i in items if isinstance(i, Skipped)]


def by_id(items) -> dict[str, Document]:
    return {d.id: d for d in docs(items)}


# --- seeds and text files -------------------------------------------------------------


def test_seeds_read_with_metadata_csv():
    items = read(SEEDS)
    assert not skips(items)
    found = by_id(items)
    assert sorted(found) == [
        "000_13f08d1f6a7a5739", "001_317291873167f267", "002_ad45b532170665a9",
        "003_51f761bbfe1a7d13", "004_ed4c0e165cfa5413",
    ]
    first = found["000_13f08d1f6a7a5739"]
    assert first.outlet == "IBTimes"
    assert first.published == "2016-12"
    assert first.url is None  # the metadata.csv cell is empty
    assert first.source == str(SEEDS / "000_13f08d1f6a7a5739.txt")
    assert first.title.startswith("Russia says 'mass graves")
    assert found["002_ad45b532170665a9"].published == "2018"
    assert "note" in first.meta  # an extra metadata.csv column
    # text is the file exactly as read, title line included
    raw = (SEEDS / "000_13f08d1f6a7a5739.txt").read_bytes().decode("utf-8-sig")
    assert first.text == raw
    assert first.sha256 == hashlib.sha256(raw.encode()).hexdigest()


def test_single_file_input_uses_its_folders_metadata():
    [doc] = read(SEEDS / "002_ad45b532170665a9.txt")
    assert doc.id == "002_ad45b532170665a9"
    assert doc.published == "2018"


def test_front_matter_wins_over_metadata_csv():
    [doc] = read(FIXTURES / "front.md")
    assert doc.id == "izium-001"
    assert doc.title == "Shelling reported near Izium"
    assert doc.url == "https://news.example.com/izium"
    assert doc.outlet == "Example News"  # metadata.csv says "CSV Outlet"
    assert doc.published == "2022-09-19"  # from 2022-09-19T10:00:00Z
    assert doc.text.startswith("# Izium under fire\n")  # front matter removed
    assert doc.meta == {"author": "A. Reporter", "section": "europe"}


def test_plain_text_title_and_metadata_notes():
    [doc] = read(FIXTURES / "plain.txt")
    assert doc.title == "Floods hit Karachi as monsoon rains return"
    assert doc.text.startswith("\nFloods hit Karachi")  # the leading blank line is kept
    assert doc.outlet == "Metadata Times"
    assert doc.published == "2022-09-19"  # "19 September 2022"
    assert doc.url is None
    assert any("ftp://example.org/plain" in n for n in doc.notes)
    assert doc.meta == {"section": "world"}


def test_markdown_title_drops_heading_marks(tmp_path: Path):
    (tmp_path / "a.md").write_text("\n## Storm in Galveston\n\nText.\n")
    [doc] = read(tmp_path / "a.md")
    assert doc.title == "Storm in Galveston"


def test_unclosed_front_matter_is_text(tmp_path: Path):
    body = "---\ntitle: never closed\nThe rest of an article.\n"
    (tmp_path / "a.txt").write_text(body)
    [doc] = read(tmp_path / "a.txt")
    assert doc.text == body
    assert doc.notes


def test_folder_walk_order_hidden_unsupported_and_nested():
    items = read(FIXTURES)
    files = []
    for i in items:
        rel = Path(i.source.split(":")[0].split("[")[0]).relative_to(FIXTURES).as_posix()
        if rel not in files:
            files.append(rel)
    assert files == [
        "front.md", "notes.xyz", "page.html", "plain.txt", "records.csv", "records.json",
        "records.jsonl", "sub/nested.txt",
    ]  # sorted, hidden files and metadata.csv left out
    unsupported = [s for s in skips(items) if s.source.endswith("notes.xyz")]
    assert [s.reason for s in unsupported] == ["unsupported file type .xyz"]
    assert by_id(items)["sub/nested"].title == "Nested article about Mosul."
    # deterministic: same order twice
    assert [i.source for i in items] == [i.source for i in read(FIXTURES)]


def test_missing_path():
    [skip] = read(FIXTURES / "does-not-exist.txt")
    assert isinstance(skip, Skipped)
    assert skip.reason == "no such file or directory"
    assert str(skip).endswith("does-not-exist.txt: no such file or directory")


def test_unsupported_extension_given_directly():
    [skip] = read(FIXTURES / "notes.xyz")
    assert skip.reason == "unsupported file type .xyz"


def test_explicit_metadata_csv_is_not_read_as_documents():
    [skip] = read(FIXTURES / "metadata.csv")
    assert isinstance(skip, Skipped)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="root reads files regardless of permissions")
def test_unreadable_file(tmp_path: Path):
    p = tmp_path / "secret.txt"
    p.write_text("text")
    p.chmod(0)
    try:
        [skip] = read(p)
        assert isinstance(skip, Skipped)
        assert "cannot read" in skip.reason
    finally:
        p.chmod(0o644)


def test_read_error_is_skipped(tmp_path: Path, monkeypatch):
    (tmp_path / "a.txt").write_text("Rain in Basra.")
    (tmp_path / "b.txt").write_text("Sun in Najaf.")
    import geo.read.reader as reader

    real = reader._read_head

    def read_head(path, cap):
        if path.name == "a.txt":
            raise PermissionError(13, "Permission denied")
        return real(path, cap)

    monkeypatch.setattr(reader, "_read_head", read_head)
    skip, doc = read(tmp_path)
    assert skip.reason == "cannot read: Permission denied"
    assert doc.text == "Sun in Najaf."


def test_vanished_folder_is_skipped(tmp_path: Path, monkeypatch):
    (tmp_path / "gone").mkdir()
    (tmp_path / "gone" / "a.txt").write_text("x")
    (tmp_path / "z.txt").write_text("Wind in Tikrit.")
    real = os.scandir

    def scandir(path):
        if Path(path).name == "gone":
            raise FileNotFoundError(2, "No such file or directory")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    skip, doc = read(tmp_path)
    assert isinstance(skip, Skipped) and skip.source.endswith("gone")
    assert doc.text == "Wind in Tikrit."


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_symlink_loop_is_walked_once(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Rain in Mosul.")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    items = read(tmp_path)
    assert [d.id for d in docs(items)] == ["a"]
    assert [s.reason for s in skips(items)] == ["broken symbolic link"]


def test_empty_and_whitespace_files(tmp_path: Path):
    (tmp_path / "a.txt").write_text("")
    (tmp_path / "b.txt").write_text("  \n\t\n")
    items = read(tmp_path)
    assert [(type(i), i.reason) for i in items] == [(Skipped, "empty document")] * 2


# --- encodings ---------------------------------------------------------------------------


def test_latin1_file_decoded_with_note(tmp_path: Path):
    (tmp_path / "cafe.txt").write_bytes("Café in Zürich, near Bahnhofstraße.".encode("latin-1"))
    [doc] = read(tmp_path / "cafe.txt")
    assert doc.text == "Café in Zürich, near Bahnhofstraße."
    assert any("cp1252" in n for n in doc.notes)


def test_bom_removed(tmp_path: Path):
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbfHello Paris\n")
    [doc] = read(tmp_path / "a.txt")
    assert doc.text == "Hello Paris\n"
    assert not doc.notes


def test_nul_bytes_removed_with_note(tmp_path: Path):
    (tmp_path / "a.txt").write_bytes(b"Mosul\x00 and\x00 Erbil\n")
    [doc] = read(tmp_path / "a.txt")
    assert doc.text == "Mosul and Erbil\n"
    assert any("NUL" in n for n in doc.notes)
    (tmp_path / "b.jsonl").write_bytes(b'{"text": "Kyiv\\u0000 and\x00 Lviv"}\n')
    [doc] = read(tmp_path / "b.jsonl")
    assert doc.text == "Kyiv and Lviv"
    assert any("NUL" in n for n in doc.notes)


def test_crlf_kept_so_offsets_match_the_file(tmp_path: Path):
    (tmp_path / "a.txt").write_bytes(b"Title\r\nBody about Basra.\r\n")
    [doc] = read(tmp_path / "a.txt")
    assert doc.text == "Title\r\nBody about Basra.\r\n"
    assert doc.title == "Title"


def test_jsonl_bad_encoding_line_is_noted(tmp_path: Path):
    (tmp_path / "a.jsonl").write_bytes(
        b'{"text": "fine"}\n' + '{"text": "S\u00e3o Paulo"}\n'.encode("latin-1")
    )
    first, second = read(tmp_path / "a.jsonl")
    assert first.notes == []
    assert second.text == "São Paulo"
    assert any("cp1252" in n for n in second.notes)


# --- html ----------------------------------------------------------------------------------


def test_html_extraction_offline():
    [doc] = read(FIXTURES / "page.html")
    assert doc.id == "page"
    assert doc.title == "Floods hit Karachi"
    assert doc.published == "2022-09-16"
    assert doc.url == "https://daily.example.com/2022/floods-karachi"
    assert doc.outlet == "Example Daily"
    assert "Heavy monsoon rains flooded streets across Karachi" in doc.text
    assert "Pakistan Meteorological Department" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text
    i = doc.text.index("Karachi")
    assert doc.text[i:i + 7] == "Karachi"


def test_html_that_looks_like_a_url_is_not_fetched(tmp_path: Path, monkeypatch):
    import socket

    def no_network(*a, **k):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    (tmp_path / "u.html").write_text("https://example.com/article")
    items = read(tmp_path / "u.html")
    assert len(items) == 1  # a Skipped or a tiny document, but no download


def test_html_without_article_is_skipped(tmp_path: Path):
    (tmp_path / "e.html").write_text("<html><head><title>x</title></head><body></body></html>")
    [item] = read(tmp_path / "e.html")
    assert isinstance(item, Skipped)


# --- json, jsonl, csv -------------------------------------------------------------------


def test_json_list():
    items = read(FIXTURES / "records.json")
    j1, j2 = docs(items)
    assert j1.id == "j1" and j1.outlet == "Wire" and j1.published == "2020-10-30"
    assert j1.gold_toponyms == [{"start": 20, "end": 25, "name": "Izmir"}]
    assert j1.meta == {"lang": "en"}
    assert j2.id == "records.json[2]" and j2.gold_toponyms is None
    reasons = {s.source.rsplit("[", 1)[1]: s.reason for s in skips(items)}
    assert reasons == {"3]": "no text field", "4]": "item is not a JSON object"}


def test_json_object_and_documents_wrapper(tmp_path: Path):
    (tmp_path / "one.json").write_text(json.dumps({"text": "Rain in Lagos.", "title": "T"}))
    (tmp_path / "many.json").write_text(json.dumps(
        {"documents": [{"id": "a", "text": "Dust in Kano."}, {"id": "b", "text": "Heat in Abuja."}]}
    ))
    (tmp_path / "bad.json").write_text("{not json")
    items = read(tmp_path)
    found = by_id(items)
    assert set(found) == {"a", "b", "one"}
    assert found["one"].source == str(tmp_path / "one.json")
    [bad] = skips(items)
    assert bad.source.endswith("bad.json") and bad.reason.startswith("invalid JSON")


def test_jsonl_bad_line_skipped_and_rest_read():
    items = read(FIXTURES / "records.jsonl")
    src = str(FIXTURES / "records.jsonl")
    kinds = [(type(i).__name__, i.source) for i in items]
    assert kinds == [
        ("Document", f"{src}:1"), ("Skipped", f"{src}:2"), ("Skipped", f"{src}:4"),
        ("Skipped", f"{src}:5"), ("Document", f"{src}:6"),
    ]
    l1, l6 = docs(items)
    assert l1.gold_toponyms == [{"start": 25, "end": 31, "name": "Aleppo"}]
    assert l1.title == "Aleppo fighting"  # lifted from the record's nested meta
    assert l1.meta == {"corpus": "test"}
    assert l6.id == "records.jsonl:6"
    assert l6.url is None and l6.published is None and len(l6.notes) == 2
    assert items[1].reason.startswith("invalid JSON")
    assert items[3].reason == "no text field"
    assert str(items[3]) == f"{src}:5: no text field"


def test_csv():
    items = read(FIXTURES / "records.csv")
    c1, c2 = docs(items)
    assert c1.id == "c1" and c1.outlet == "Mountain Post" and c1.published == "2021-02-14"
    assert c1.meta == {"desk": "weather"}
    assert c1.source.endswith("records.csv:2")
    assert c2.text == "First line mentions Boston.\nSecond line mentions Cambridge."
    assert c2.id == "records.csv:3" and c2.published == "2021"
    [empty] = skips(items)
    assert empty.source.endswith("records.csv:5") and empty.reason == "empty document"


def test_csv_without_text_column_is_one_skip(tmp_path: Path):
    (tmp_path / "a.csv").write_text("id,body\n1,x\n2,y\n")
    [skip] = read(tmp_path / "a.csv")
    assert "no text column" in skip.reason


def test_csv_semicolons_and_bad_row(tmp_path: Path):
    (tmp_path / "a.csv").write_bytes(b"id;text\n1;Fog in Hamburg\n2;bad\rrow\n3;Sun in Kiel\n")
    items = read(tmp_path / "a.csv")
    assert [type(i) for i in items] == [Document, Skipped, Document]
    assert items[2].text == "Sun in Kiel"


def test_long_csv_field(tmp_path: Path):
    text = "Baghdad " * 50_000  # 400 kB, over the csv module's default field limit
    with open(tmp_path / "a.csv", "w", newline="") as fh:
        csv.writer(fh).writerows([["text"], [text]])
    [doc] = read(tmp_path / "a.csv")
    assert doc.text == text


# --- stdin -----------------------------------------------------------------------------------


def test_stdin_plain_text():
    [doc] = read("-", stdin=io.StringIO("Explosion in Beirut\nThe port was hit.\n"))
    assert doc.source == "-" and doc.id == "stdin"
    assert doc.title == "Explosion in Beirut"
    assert doc.text == "Explosion in Beirut\nThe port was hit.\n"


def test_stdin_jsonl():
    data = '{"id": "a", "text": "Tremor in Lima."}\nnope\n{"text": "Rain in Quito."}\n'
    items = read("-", stdin=io.StringIO(data))
    assert [(type(i).__name__, i.source) for i in items] == [
        ("Document", "-:1"), ("Skipped", "-:2"), ("Document", "-:3"),
    ]
    assert items[2].id == "stdin:3"


def test_stdin_json_array_and_pretty_object():
    items = read("-", stdin=io.StringIO('[{"text": "A"}, {"text": "B"}]'))
    assert [d.text for d in docs(items)] == ["A", "B"]
    pretty = json.dumps({"id": "p", "text": "Snow in Oslo.", "toponyms": []}, indent=2)
    [doc] = read("-", stdin=io.StringIO(pretty))
    assert doc.id == "p" and doc.gold_toponyms == []


def test_stdin_bytes_with_bad_encoding():
    [doc] = read("-", stdin=io.BytesIO("Málaga\n".encode("latin-1")))
    assert doc.text == "Málaga\n"
    assert doc.notes


# --- ids -----------------------------------------------------------------------------------


def test_duplicate_ids_are_suffixed(tmp_path: Path):
    (tmp_path / "a.jsonl").write_text(
        '{"id": "x", "text": "one"}\n{"id": "x", "text": "two"}\n{"id": "x", "text": "three"}\n'
    )
    items = read(tmp_path / "a.jsonl", tmp_path / "a.jsonl")
    assert [d.id for d in items] == ["x", "x#2", "x#3", "x#4", "x#5", "x#6"]
    assert items[1].notes and not items[0].notes


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, iso", [
    ("2018", "2018"),
    ("2016-12", "2016-12"),
    ("2022-09-19", "2022-09-19"),
    ("2022-09-19T10:00:00Z", "2022-09-19"),
    ("2022-09-19T23:30:00-05:00", "2022-09-19"),
    ("2022-09-19 10:00", "2022-09-19"),
    ("19 September 2022", "2022-09-19"),
    ("19th of September, 2022", "2022-09-19"),
    ("September 19, 2022", "2022-09-19"),
    ("Sept. 19 2022", "2022-09-19"),
    ("Mon, 19 Sep 2022 10:00:00 +0000", "2022-09-19"),
    ("Monday 19 September 2022", "2022-09-19"),
    ("September 2022", "2022-09"),
    ("2022/09/19", "2022-09-19"),
    ("20220919", "2022-09-19"),
    ("19/09/2022", "2022-09-19"),
    ("09/19/2022", "2022-09-19"),
    ("04/05/2022", None),  # April or May: ambiguous
    ("2022-02-29", None),
    ("2024-02-29", "2024-02-29"),
    ("2022-13", None),
    ("yesterday", None),
    ("", None),
])
def test_normalize_published(raw, iso):
    assert normalize_published(raw) == iso


def test_published_range():
    assert published_range("2018") == (date(2018, 1, 1), date(2018, 12, 31))
    assert published_range("2016-12") == (date(2016, 12, 1), date(2016, 12, 31))
    assert published_range("2022-09-19") == (date(2022, 9, 19), date(2022, 9, 19))
    assert published_range("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert published_range("2023-02") == (date(2023, 2, 1), date(2023, 2, 28))
    assert published_range("1900-02") == (date(1900, 2, 1), date(1900, 2, 28))
    assert published_range("2000-02") == (date(2000, 2, 1), date(2000, 2, 29))
    assert published_range("2024-02-29") == (date(2024, 2, 29), date(2024, 2, 29))


@pytest.mark.parametrize("bad", ["", "18", "2018-1", "2018-00", "2018-13", "2023-02-29",
                                 "2022-09-19T10:00", "Sept 2022", "0000"])
def test_published_range_rejects(bad):
    with pytest.raises(ValueError):
        published_range(bad)


# --- never raises ---------------------------------------------------------------------------

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".jsonl", ".csv",
                                                              ".json"]))
def test_random_bytes_never_raise(tmp_path: Path, data: bytes, suffix: str):
    p = tmp_path / f"fuzz{suffix}"
    p.write_bytes(data)
    for item in read_inputs([str(p)]):
        assert isinstance(item, Document | Skipped)
        if isinstance(item, Document):
            assert item.text.strip() and "\x00" not in item.text
            assert item.sha256 == hashlib.sha256(item.text.encode()).hexdigest()
            assert item.published is None or published_range(item.published)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000) | st.text(max_size=500).map(
    lambda t: f"<html><body><p>{t}</p></body></html>".encode("utf-8", "surrogatepass")))
def test_random_html_never_raises(tmp_path: Path, data: bytes):
    p = tmp_path / "fuzz.html"
    p.write_bytes(data)
    for item in read_inputs([str(p)]):
        assert isinstance(item, Document | Skipped)


@FUZZ
@given(text=st.text(max_size=300))
def test_random_stdin_never_raises(text: str):
    for item in read_inputs(["-"], stdin=io.StringIO(text)):
        assert isinstance(item, Document | Skipped)


def _expected(text: str) -> str:
    expected = text.replace("\x00", "")
    if _ENTITY.search(expected):
        expected = html.unescape(expected)
    assume(expected.strip())
    return expected


@FUZZ
@given(text=st.text(max_size=300))
def test_text_file_round_trip(tmp_path: Path, text: str):
    expected = _expected(text)
    assume(not expected.startswith("\ufeff"))  # a leading BOM is dropped by design
    assume(expected.split("\n", 1)[0].rstrip() != "---")  # that would be front matter
    p = tmp_path / "rt.txt"
    p.write_bytes(text.encode("utf-8"))
    assume(_binary_kind(p.read_bytes()) is None)  # control-byte soup is skipped as binary
    [doc] = read(p)
    assert doc.text == expected


@FUZZ
@given(text=st.text(max_size=300), ascii_only=st.booleans())
def test_jsonl_round_trip(tmp_path: Path, text: str, ascii_only: bool):
    expected = _expected(text)
    p = tmp_path / "rt.jsonl"
    p.write_text(json.dumps({"text": text}, ensure_ascii=ascii_only) + "\n", encoding="utf-8")
    [doc] = read(p)
    assert doc.text == expected


@FUZZ
@given(text=st.text(max_size=300))
def test_csv_round_trip(tmp_path: Path, text: str):
    expected = _expected(text)
    p = tmp_path / "rt.csv"
    with open(p, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["id", "text"], ["r", text]])
    assume(_binary_kind(p.read_bytes()) is None)  # control-byte soup is skipped as binary
    [doc] = read(p)
    assert doc.text == expected


# --- the evaluation corpus ----------------------------------------------------------------


@pytest.mark.skipif(not LGL.exists(), reason="no ../shared/eval/lgl.jsonl")
def test_lgl_corpus():
    items = read(LGL)
    assert not skips(items)
    assert len(items) == 588
    assert all(d.gold_toponyms is not None for d in items)
    assert len({d.id for d in items}) == 588
    for d in items[:50]:
        for t in d.gold_toponyms:
            assert d.text[t["start"]:t["end"]] == t["name"]


_NAME = st.text(st.characters(codec="utf-8", exclude_characters="/\x00.",
                              exclude_categories=("Cs",)), min_size=1, max_size=6)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_NAME, min_size=1, max_size=3), min_size=1, max_size=12))
def test_folder_order_is_the_order_of_path_parts(tmp_path_factory, paths):
    """Files come in the order of their path parts compared one by one (`a/b` before
    `a-b`, as `a` sorts before `a-b`), however deep and whatever the names."""
    root = tmp_path_factory.mktemp("walk")
    made = set()
    for parts in paths:
        *dirs, name = parts
        folder = root.joinpath(*dirs)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{name}.txt"
            if target.exists() or target.is_dir():
                continue
            target.write_text(f"Report {len(made)} about Aleppo.", encoding="utf-8")
        except OSError:  # a name that is already a file on the way, or one the OS refuses
            continue
        made.add((*dirs, f"{name}.txt"))
    got = [tuple(Path(d.source).relative_to(root).parts) for d in docs(read(root))]
    assert got == sorted(made)


def test_metadata_csv_streams_repeats_and_encodings(tmp_path):
    """metadata.csv is read as a stream: a later row for a file wins, a quoted field may
    span lines, and a line that is not UTF-8 is read as cp1252 with a note."""
    (tmp_path / "a.txt").write_text("Graves near Izium.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Graves near Raqqa.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_bytes(
        b"file,outlet,title\n"
        b"a.txt,First,Old title\n"
        b"b.txt,Caf\xe9 News,\"Two\nlines\"\n"
        b"a.txt,Second,New title\n")
    a, b = docs(read(tmp_path))
    assert (a.outlet, a.title) == ("Second", "New title")
    assert (b.outlet, b.title) == ("Café News", "Two\nlines")
    assert any("cp1252" in n for n in a.notes + b.notes)


def test_repeated_ids_are_renamed_in_order(tmp_path):
    lines = [json.dumps({"id": i, "text": f"Report {k} about Mosul."})
             for k, i in enumerate(["x", "x", "x#2", "y", "x"])]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [d.id for d in docs(read(tmp_path / "a.jsonl"))] == ["x", "x#2", "x#2#2", "y",
                                                                  "x#3"]


def test_html_character_references_are_decoded_with_a_note(tmp_path: Path):
    """Scraped feeds keep `&#8217;`; left in, it cuts `Al-Fu'ah` in two."""
    p = tmp_path / "feed.jsonl"
    rows = [{"id": "a", "title": "Shelling of Kafriya &amp; Al-Fu&#8217;ah",
             "text": "Warplanes hit Al-Fu&#8217;ah &amp; Kafriya on Monday."},
            {"id": "b", "text": "Fish & chips in Hull; AT&T; &unknown; stays."}]
    p.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    a, b = read(p)
    assert a.text == "Warplanes hit Al-Fu\u2019ah & Kafriya on Monday."
    assert a.title == "Shelling of Kafriya & Al-Fu\u2019ah"
    assert any("2 HTML character reference" in n for n in a.notes)
    assert b.text == rows[1]["text"] and not b.notes


def test_gold_offsets_keep_the_raw_text(tmp_path: Path):
    p = tmp_path / "gold.jsonl"
    text = "Tom &amp; Jerry went to Paris."
    p.write_text(json.dumps({"id": "g", "text": text, "toponyms": [
        {"start": 24, "end": 29, "name": "Paris"}]}) + "\n", encoding="utf-8")
    [doc] = read(p)
    assert doc.text == text and doc.text[24:29] == "Paris"
