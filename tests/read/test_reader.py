"""The reader against hostile input: unencodable text in every field of every format,
binary files and pipes, and documents too large for one run.

Each input family gets the same check: the bad field is cleaned (lone surrogates become
U+FFFD, with a note naming the field) or the record is skipped with a reason, and every
other document of the input is read.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geo.read.reader as reader_module
from geo.read import Document, Skipped, read_inputs
from geo.read.documents import MAX_CHARS, _binary_kind, _truncate
from tests.nasty import NASTY

HALF_EMOJI = "\ud83d"  # the first half of a surrogate pair, alone: what scrapers cut
FIELDS = ("id", "title", "outlet", "url", "published", "text")


def read(*inputs, **kw) -> list[Document | Skipped]:
    return list(read_inputs([str(i) if isinstance(i, Path) else i for i in inputs], **kw))


def encodable(doc: Document) -> None:
    """Everything a writer will take from the document encodes as UTF-8."""
    doc.model_dump_json().encode("utf-8")
    json.dumps(doc.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")


def _record(bad_field: str, n: int) -> dict:
    rec = {"id": f"r{n}", "title": "Shelling in Kharkiv", "outlet": "Kyiv Post",
           "url": "https://example.org/a", "published": "2022-05-03",
           "text": "Shelling in Kharkiv killed 3 people on 3 May 2022."}
    rec[bad_field] = rec[bad_field] + HALF_EMOJI
    return rec


# --- lone surrogates ----------------------------------------------------------------------


@pytest.mark.parametrize("field", FIELDS)
def test_jsonl_lone_surrogate_in_any_field_is_cleaned_and_noted(tmp_path, field):
    path = tmp_path / "a.jsonl"
    lines = [json.dumps(_record(field, 1)), json.dumps(_record("title", 2) | {"title": "ok"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")  # json escapes: \ud83d
    first, second = read(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    encodable(first)
    value = getattr(first, field) if field != "published" else None
    if field == "published":
        assert first.published is None  # "2022-05-03\ufffd" is not a date: dropped, noted
    elif field == "url":
        assert value == "https://example.org/a\ufffd"
    else:
        assert HALF_EMOJI not in value and "\ufffd" in value
    assert any(field in n or "surrogate" in n or "published" in n for n in first.notes)
    assert second.id == "r2" and second.notes == []


def test_json_list_surrogates_in_metadata_keys_values_and_nesting(tmp_path):
    path = tmp_path / "a.json"
    rec = {"id": "x", "text": "Airstrike on Aleppo.", f"tag{HALF_EMOJI}": [f"v{HALF_EMOJI}"],
           "meta": {"author": f"A{HALF_EMOJI}", "deep": {"k": HALF_EMOJI}},
           "toponyms": [{"text": f"Aleppo{HALF_EMOJI}", "start": 13, "end": 19}]}
    path.write_text(json.dumps([rec, {"id": "y", "text": "Fine."}]), encoding="utf-8")
    doc, other = read(path)
    encodable(doc)
    assert doc.meta == {"tag\ufffd": ["v\ufffd"], "author": "A\ufffd", "deep": {"k": "\ufffd"}}
    assert doc.gold_toponyms[0]["text"] == "Aleppo\ufffd"
    assert other.id == "y"


def test_text_offsets_hold_when_surrogates_are_replaced(tmp_path):
    text = f"a{HALF_EMOJI}b \udfff\ud800 Raqqa"
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    [doc] = read(tmp_path / "a.jsonl")
    assert len(doc.text) == len(text) and doc.text.index("Raqqa") == text.index("Raqqa")
    assert doc.sha256 == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def test_stdin_text_and_jsonl_with_surrogates():
    [doc] = read("-", stdin=io.StringIO(f"Grave {HALF_EMOJI} found near Izium.\n"))
    encodable(doc)
    lines = json.dumps(_record("outlet", 1)) + "\n" + json.dumps(_record("id", 2)) + "\n"
    a, b = read("-", stdin=io.StringIO(lines))
    encodable(a), encodable(b)
    assert a.outlet == "Kyiv Post\ufffd" and b.id == "r2\ufffd"


def test_undecodable_bytes_in_csv_front_matter_and_metadata_csv(tmp_path):
    bad = HALF_EMOJI.encode("utf-8", "surrogatepass")  # b"\xed\xa0\xbd": not UTF-8
    (tmp_path / "rows.csv").write_bytes(b"id,title,text\n1,T" + bad + b",Shelling in Homs.\n"
                                        b"2,ok,Airstrike on Idlib.\n")
    (tmp_path / "front.md").write_bytes(b"---\ntitle: Grave " + bad + b"\noutlet: X\n---\n"
                                        b"Grave near Izium.\n")
    (tmp_path / "plain.txt").write_bytes(b"Mine blast in Mosul.\n")
    (tmp_path / "metadata.csv").write_bytes(b"file,outlet\nplain.txt,Out" + bad + b"\n")
    items = read(tmp_path)
    assert all(isinstance(i, Document) for i in items) and len(items) == 4
    for doc in items:
        encodable(doc)
    plain = next(d for d in items if d.id == "plain")
    assert plain.outlet and plain.outlet.startswith("Out")


@pytest.mark.skipif(os.uname().sysname == "Darwin", reason="macOS file names must be UTF-8")
def test_file_name_that_is_not_utf8(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")  # "caf\udce9.txt": a surrogate escape
    (tmp_path / name).write_text("Shelling in Kharkiv.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet\nother.txt,X\n", encoding="utf-8")
    [doc] = read(tmp_path)
    encodable(doc)
    assert doc.id == "caf\ufffd" and "\ufffd" in doc.source


# --- binary input -------------------------------------------------------------------------

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256))
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)
JUNK = bytes((i * 7919) % 256 for i in range(4000))


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".json", ".jsonl", ".csv"])
@pytest.mark.parametrize("data, what", [(PDF, "PDF"), (PNG, "PNG"), (JUNK, "binary")])
def test_binary_files_are_skipped_with_what_they_are(tmp_path, suffix, data, what):
    (tmp_path / f"bad{suffix}").write_bytes(data)
    (tmp_path / "good.txt").write_text("Shelling in Kharkiv.\n", encoding="utf-8")
    skip, doc = read(tmp_path)
    assert isinstance(skip, Skipped) and what in skip.reason and "not a text file" in skip.reason
    assert doc.id == "good"


def test_binary_stdin_is_skipped():
    [skip] = read("-", stdin=io.BytesIO(PDF))
    assert isinstance(skip, Skipped) and "PDF" in skip.reason
    [skip] = read("-", stdin=io.BufferedReader(io.BytesIO(JUNK)))
    assert isinstance(skip, Skipped) and "binary" in skip.reason


def test_text_with_some_nuls_and_controls_is_still_text(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Mosul\x00 and\x00 Erbil\x0b\x0c page two\x1b\n")
    [doc] = read(tmp_path / "a.txt")
    assert doc.text.startswith("Mosul and Erbil")
    assert _binary_kind("Масові поховання".encode("utf-16")) is None
    assert _binary_kind(b"BZh is how the word starts") is None


def test_metadata_csv_that_is_binary_is_ignored_with_a_note(tmp_path):
    (tmp_path / "metadata.csv").write_bytes(PNG)
    (tmp_path / "a.txt").write_text("Shelling in Kharkiv.\n", encoding="utf-8")
    [doc] = read(tmp_path)
    assert any("metadata.csv is not a text file" in n for n in doc.notes)


# --- size limits --------------------------------------------------------------------------

SENTENCE = "Shelling in Kharkiv on 3 May 2022 killed 5 people. "


def test_long_text_is_cut_at_a_sentence_end_with_a_note(tmp_path):
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"id": "big", "text": SENTENCE * 100}) + "\n"
        + json.dumps({"id": "small", "text": SENTENCE}) + "\n", encoding="utf-8")
    big, small = read(tmp_path / "a.jsonl", max_chars=1000)
    assert big.truncated and len(big.text) <= 1000 and big.text.endswith("people.")
    assert big.sha256 == hashlib.sha256(big.text.encode()).hexdigest()
    assert any("cut to" in n and "1,000" in n for n in big.notes)
    assert not small.truncated and small.notes == []
    [whole] = read(tmp_path / "a.jsonl", max_chars=None)[:1]
    assert not whole.truncated and len(whole.text) == len(SENTENCE) * 100


def test_big_text_file_is_read_only_as_far_as_the_limit_needs(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_bytes(("Ізюм " * 300_000).encode("utf-8"))  # 3 MB, 2-byte characters
    sizes = []
    real = reader_module._read_head
    monkeypatch.setattr(reader_module, "_read_head",
                        lambda p, cap: (sizes.append(cap), real(p, cap))[1])
    [doc] = read(path, max_chars=10_000)
    assert sizes == [40_004] and doc.truncated and len(doc.text) <= 10_000
    assert any("first 0.0 MB were read" in n for n in doc.notes)


def test_multibyte_character_cut_by_the_read_limit_is_not_an_encoding_error(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(("€" * 50).encode("utf-8"))  # 3 bytes each; the cap cuts one in two
    [doc] = read(path, max_chars=10)
    assert doc.text == "€" * 10 and not any("cp1252" in n for n in doc.notes)


def test_stdin_text_stops_reading_past_the_limit():
    class Endless(io.RawIOBase):
        """A pipe that never ends (`yes Shelling | geo parse -`)."""
        reads = 0

        def readable(self):
            return True

        def readinto(self, b):
            Endless.reads += 1
            chunk = SENTENCE.encode() * (len(b) // len(SENTENCE))
            b[:len(chunk)] = chunk
            return len(chunk)

    stream = io.BufferedReader(Endless())
    [doc] = read("-", stdin=stream, max_chars=5_000)
    # Reading stops at the end of the first line or the line limit, whichever is first.
    assert doc.truncated and len(doc.text) <= 5_000
    assert Endless.reads * 8000 <= 2 * reader_module.MAX_LINE_BYTES


def test_overlong_jsonl_and_csv_lines_are_skipped_and_the_rest_read(tmp_path, monkeypatch):
    monkeypatch.setattr(reader_module, "MAX_LINE_BYTES", 1000)
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"id": "huge", "text": "x" * 5000}) + "\n"
        + json.dumps({"id": "after", "text": "Airstrike on Raqqa."}) + "\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(
        "id,text\nhuge," + "y" * 5000 + "\nnext,Shelling in Homs.\n", encoding="utf-8")
    items = read(tmp_path)
    assert [(type(i).__name__, getattr(i, "id", None) or i.source) for i in items] == [
        ("Skipped", f"{tmp_path / 'a.jsonl'}:1"), ("Document", "after"),
        ("Skipped", f"{tmp_path / 'b.csv'}:2"), ("Document", "next")]
    assert "over the 0.0 MB limit" in items[0].reason and "next" in items[3].text + "next"


def test_truncate_prefers_a_line_or_sentence_end():
    assert _truncate("abc. def ghi", 10) == "abc. def g"  # no end in the last tenth
    text = "x" * 95 + ". " + "y" * 50
    assert _truncate(text, 100) == "x" * 95 + "."
    assert _truncate("short", 100) == "short"
    assert MAX_CHARS >= 100_000


# --- fuzzing: every field of every input format ------------------------------------------

RECORDS = st.fixed_dictionaries({f: NASTY for f in FIELDS}, optional={
    "extra": NASTY, "meta": st.dictionaries(NASTY, NASTY, max_size=3)})


def _files_for(rec: dict) -> dict[str, bytes]:
    """The record written in every input format (bytes that are not UTF-8 where the
    format has no escapes: the surrogates go through as the bytes a broken encoder
    writes)."""
    raw = lambda s: str(s).encode("utf-8", "surrogatepass")  # noqa: E731
    flat = {k: v for k, v in rec.items() if k != "meta"}
    header = list(flat)
    csv_line = lambda vals: b",".join(  # noqa: E731
        b'"' + raw(v).replace(b'"', b'""') + b'"' for v in vals)
    front = b"---\n" + b"".join(raw(k) + b": " + raw(v).replace(b"\n", b" ") + b"\n"
                                for k, v in flat.items() if k not in ("text", "id")) + b"---\n"
    return {
        "r.json": json.dumps(rec).encode(),
        "r.jsonl": json.dumps(rec).encode() + b"\n" + json.dumps(rec).encode() + b"\n",
        "r.csv": csv_line(header) + b"\n" + csv_line(flat.values()) + b"\n",
        "r.md": front + raw(rec["text"]),
        "r.txt": raw(rec["title"]) + b"\n" + raw(rec["text"]),
        "r.html": b"<html><head><title>" + raw(rec["title"]) + b"</title></head><body><p>"
                  + raw(rec["text"]) + b"</p></body></html>",
        "metadata.csv": b"file,outlet,published,url\n" + csv_line(
            ["r.txt", rec["outlet"], rec["published"], rec["url"]]) + b"\n",
    }


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rec=RECORDS)
def test_nasty_text_in_every_field_of_every_format(tmp_path_factory, rec):
    folder = tmp_path_factory.mktemp("nasty")
    for name, data in _files_for(rec).items():
        (folder / name).write_bytes(data)
    items = read(folder)
    items += read("-", stdin=io.StringIO(json.dumps(rec) + "\n" + rec["text"]))
    items += read("-", stdin=io.StringIO(rec["text"]))
    for item in items:
        if isinstance(item, Skipped):
            assert item.reason.strip()
            item.model_dump_json().encode("utf-8")
            continue
        encodable(item)
        assert "\x00" not in item.text
        for value in (item.id, item.title, item.outlet, item.url, item.source):
            assert value is None or "\x00" not in value


# --- the case, end to end ----------------------------------------------------------


def test_lone_surrogates_no_longer_sink_incidents_map_and_parse(tmp_path):
    """A record whose title, outlet, url or id held `\\ud83d` ended all three commands with
    `internal error: UnicodeEncodeError` and no output."""
    from tests.conftest import run_geo

    path = tmp_path / "feed.jsonl"
    text = "Heavy shelling in Kharkiv on 3 May 2022 killed 5 people."
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": f"a{HALF_EMOJI}", "title": f"Shelling {HALF_EMOJI}", "outlet": f"X{HALF_EMOJI}",
         "url": f"https://x.org/{HALF_EMOJI}", "text": text + f" {HALF_EMOJI}"},
        {"id": "b", "title": "Airstrike", "text": "An airstrike on Aleppo killed 12 people."},
    ]) + "\n", encoding="utf-8")
    for args, out in ((["incidents"], "x.geojson"), (["incidents", "--format", "csv"], "x.csv"),
                      (["incidents", "--format", "kml"], "x.kml"),
                      (["incidents", "--format", "json"], "x.json"), (["map"], "x.html"),
                      (["parse"], "p.json")):
        p = run_geo(*args, str(path), "-o", str(tmp_path / out), "--no-cache", "-q")
        assert p.returncode == 0, (args, p.stderr)
        assert "internal error" not in p.stderr
        data = (tmp_path / out).read_bytes().decode("utf-8")  # valid UTF-8
        if out.endswith((".json", ".geojson")):
            assert "\ufffd" in json.dumps(json.loads(data), ensure_ascii=False)


def test_page_over_the_html_limit_is_read_in_part_even_without_a_text_limit(tmp_path,
                                                                           monkeypatch):
    monkeypatch.setattr(reader_module, "MAX_HTML_BYTES", 2000)
    body = "<p>Shelling in Kharkiv killed five people on Monday, officials said.</p>" * 200
    (tmp_path / "a.html").write_text(f"<html><body><article>{body}</article></body></html>",
                                     encoding="utf-8")
    for limit in (None, 100_000):
        [doc] = read(tmp_path / "a.html", max_chars=limit)
        assert doc.truncated and any("were read" in n for n in doc.notes), doc.notes
