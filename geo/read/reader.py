"""The input reader shared by `geo parse`, `geo incidents` and `geo map`.

Users hand us whatever they have: a folder of articles saved as text, Markdown or HTML,
an export as JSON, JSON Lines or CSV, or a pipe.  `read_inputs` turns all of them into one
stream of `Document`s, and every problem it meets into a `Skipped` (the input is lost) or
a note on the document (the input is read, with a caveat).  Bad content never raises:
one broken line in a million-line export must not cost the other lines, and the caller
decides the exit code from what was skipped.

Offsets downstream are Python `str` indices into `Document.text`, so the text is kept as
read: line endings are not translated and nothing is trimmed; only a UTF-8 byte order
mark and NUL characters (which break every downstream tool) are removed, the latter with
a note.

Nothing here touches the network: saved web pages are extracted offline, and HTML is
handed to `htmldate` as bytes because it downloads any *string* that starts with `http`.
"""

from __future__ import annotations

import io
import os
import sqlite3
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TextIO

from geo.read.documents import (
    _BOM,
    _HEAD,
    MAX_CHARS,
    MAX_HTML_BYTES,
    MAX_LINE_BYTES,
    Document,
    LineTooLong,
    Skipped,
    _binary_kind,
    _build,
    _decode,
    _Lines,
    _merge_fields,
    _short,
    _truncated,
    _wide_encoding,
)
from geo.read.html import _extract_html
from geo.read.records import _csv_documents, _is_json_object, _json_documents, _jsonl_documents
from geo.read.text import METADATA_NAME, _front_matter, _MetadataRows, _read_metadata_csv

__all__ = [
    "read_inputs",
    "TEXT_SUFFIXES",
    "HTML_SUFFIXES",
    "SUPPORTED_SUFFIXES",
]

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl", ".csv"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
STDIN = "-"
# The id a document read from stdin gets when it carries none ("-" reads badly in tables).
STDIN_ID = "stdin"


# ---------------------------------------------------------------------------------------
# The reader


class _Reader:
    """Reads inputs one after another; caches each folder's metadata.csv."""

    def __init__(self, stdin: TextIO | IO[bytes] | None, max_chars: int | None = MAX_CHARS):
        self._stdin = stdin
        self._metadata: dict[Path, tuple[_MetadataRows, str | None]] = {}
        self.max_chars = max_chars or None
        # Bytes of a text file that can hold `max_chars` characters (4 a character in
        # UTF-8, 2 in UTF-16, plus a byte order mark): reading stops there.
        self._text_bytes = 4 * self.max_chars + 4 if self.max_chars else None
        # Documents read only in part: id -> bytes read, for the truncation note.
        self.partial: dict[str, int] = {}

    def close(self) -> None:
        for rows, _ in self._metadata.values():
            rows.close()
        self._metadata.clear()

    # -- dispatch ------------------------------------------------------------------------

    def read(self, inp: str | os.PathLike[str]) -> Iterator[Document | Skipped]:
        if isinstance(inp, str) and inp == STDIN:
            yield from self._read_stdin()
            return
        path = Path(inp)
        try:
            st = path.stat()
        except FileNotFoundError:
            yield Skipped(source=str(inp), reason="no such file or directory")
            return
        except OSError as exc:
            yield Skipped(source=str(inp), reason=f"cannot read: {exc.strerror or exc}")
            return
        if stat.S_ISDIR(st.st_mode):
            yield from self._read_folder(path)
        elif stat.S_ISREG(st.st_mode):
            yield from self._read_file(path, path.parent)
        else:
            # A pipe such as bash's <(command): sniff it like stdin.
            yield from self._read_special(path)

    def _read_folder(self, root: Path) -> Iterator[Document | Skipped]:
        # A folder of a million articles is listed and sorted before the first is read.
        # Each file is kept as its path under the root with the parts joined by NUL (no
        # name holds one, and it sorts before every character, so the strings sort as
        # the parts do), then all of them as one string: about 20 bytes a file.
        keys: list[str] = []
        problems: dict[str, Skipped] = {}
        seen: set[tuple[int, int]] = set()

        def walk(folder: Path, prefix: str) -> None:
            subfolders = []
            try:
                st = folder.stat()
                if (st.st_dev, st.st_ino) in seen:
                    return  # a symlink back to a folder already walked: no loops, no repeats
                seen.add((st.st_dev, st.st_ino))
                with os.scandir(folder) as it:
                    for entry in it:
                        if entry.name.startswith("."):
                            continue
                        key = prefix + entry.name
                        try:
                            if entry.is_dir():
                                subfolders.append(entry.name)
                            elif entry.is_file():
                                if entry.name != METADATA_NAME:
                                    keys.append(key)
                            else:
                                keys.append(key)
                                problems[key] = Skipped(
                                    source=entry.path, reason="broken symbolic link"
                                    if entry.is_symlink() else "not a regular file")
                        except OSError as exc:
                            keys.append(key)
                            problems[key] = Skipped(
                                source=entry.path, reason=f"cannot read: {exc.strerror or exc}")
            except OSError as exc:
                problem = Skipped(source=str(folder),
                                  reason=f"cannot read folder: {exc.strerror or exc}")
                if not prefix:  # the root itself: there is nothing else
                    problems[""] = problem
                    return
                keys.append(prefix[:-1])
                problems[prefix[:-1]] = problem
            for name in subfolders:  # after the listing is closed: one open folder at a time
                walk(folder / name, prefix + name + "\0")

        walk(root, "")
        if "" in problems:
            yield problems[""]
            return
        keys.sort()
        listing = "\0\0".join(keys)  # no key holds two NULs running: names are not empty
        keys.clear()
        start = 0
        while start < len(listing):
            end = listing.find("\0\0", start)
            end = len(listing) if end < 0 else end
            key, start = listing[start:end], end + 2
            problem = problems.get(key)
            if problem is not None:
                yield problem
            else:
                yield from self._read_file(root.joinpath(*key.split("\0")), root)

    def _read_file(self, path: Path, root: Path) -> Iterator[Document | Skipped]:
        source = str(path)
        suffix = path.suffix.lower()
        try:
            rel = path.relative_to(root)
        except ValueError:
            rel = Path(path.name)
        rel_posix = rel.as_posix()
        stem_id = rel.with_suffix("").as_posix() if rel.suffix else rel_posix
        if path.name == METADATA_NAME:
            yield Skipped(source=source, reason="metadata.csv holds metadata for the text "
                                                "files beside it; it is not read as documents")
            return
        if suffix not in SUPPORTED_SUFFIXES:
            what = suffix if suffix else "(no extension)"
            yield Skipped(source=source, reason=f"unsupported file type {what}")
            return
        try:
            if suffix in TEXT_SUFFIXES or suffix in HTML_SUFFIXES or suffix == ".json":
                # A .json file is one value, read whole (big exports belong in .jsonl).
                cap = (self._text_bytes if suffix in TEXT_SUFFIXES else
                       MAX_HTML_BYTES if suffix in HTML_SUFFIXES else None)
                data, whole = _read_head(path, cap)
                if (binary := _binary_kind(data[:_HEAD])) is not None:
                    yield Skipped(source=source, reason=f"not a text file: {binary}")
                    return
                if suffix in TEXT_SUFFIXES:
                    item = self._text_document(data, source, stem_id, path,
                                               markdown=suffix == ".md", partial=not whole)
                elif suffix in HTML_SUFFIXES:
                    item = self._html_document(data, source, stem_id, path, partial=not whole)
                else:
                    notes: list[str] = []
                    yield from _json_documents(_decode(data, notes), source, stem_id,
                                               rel_posix, notes)
                    return
                if isinstance(item, Document) and not whole:
                    self.partial[item.id] = len(data)
                yield item
            else:
                with open(path, "rb") as fh:
                    head = fh.read(_HEAD)
                    if (binary := _binary_kind(head)) is not None:
                        yield Skipped(source=source, reason=f"not a text file: {binary}")
                        return
                    wide = _wide_encoding(head[:4])
                    fh.seek(0)
                    # UTF-16/32 cannot be split at b"\n": decode the stream, still lazily.
                    lines = _Lines(io.TextIOWrapper(fh, encoding=wide, errors="replace",
                                                    newline="") if wide else fh,
                                   max_line=MAX_LINE_BYTES)
                    if suffix == ".jsonl":
                        yield from _jsonl_documents(lines, source, rel_posix)
                    else:
                        yield from _csv_documents(lines, source, rel_posix)
        except OSError as exc:
            yield Skipped(source=source, reason=f"cannot read: {exc.strerror or exc}")

    # -- formats ------------------------------------------------------------------------

    def _folder_metadata(self, path: Path) -> tuple[dict[str, str], list[str]]:
        folder = path.parent
        if folder not in self._metadata:
            meta_path = folder / METADATA_NAME
            self._metadata[folder] = (
                _read_metadata_csv(meta_path) if meta_path.is_file()
                else (_MetadataRows(), None)
            )
        rows, problem = self._metadata[folder]
        return rows.row(path.name), [problem] if problem else []

    def _text_document(self, data: bytes, source: str, default_id: str, path: Path | None,
                       *, markdown: bool, partial: bool = False) -> Document | Skipped:
        notes: list[str] = []
        text = _decode(data, notes, partial=partial)
        return self._text_from_str(text, source, default_id, path, markdown=markdown,
                                   notes=notes)

    def _text_from_str(self, text: str, source: str, default_id: str, path: Path | None,
                       *, markdown: bool, notes: list[str]) -> Document | Skipped:
        if "\x00" in text:
            notes.append(f"removed {text.count(chr(0))} NUL character(s) from the text")
            text = text.replace("\x00", "")
        front, body, problem = _front_matter(text)
        if problem:
            notes.append(problem)
        folder_meta: dict[str, str] = {}
        if path is not None:
            folder_meta, meta_notes = self._folder_metadata(path)
            notes.extend(meta_notes)
        record = _merge_fields(folder_meta, front)
        record["text"] = body
        return _build(record, source=source, default_id=default_id, notes=notes,
                      title_from_text=True, markdown=markdown)

    def _html_document(self, data: bytes, source: str, default_id: str,
                       path: Path | None, *, partial: bool = False) -> Document | Skipped:
        notes: list[str] = []
        html = _decode(data, notes, partial=partial)
        if "\x00" in html:
            notes.append("removed NUL characters from the HTML")
            html = html.replace("\x00", "")
        if not html.strip():
            return Skipped(source=source, reason="empty document")
        try:
            extracted = _extract_html(html)
        except Exception as exc:  # noqa: BLE001 - a library choking on one page must not stop the run
            return Skipped(source=source,
                           reason=f"HTML extraction failed: {type(exc).__name__}: "
                                  f"{_short(str(exc), 100)}")
        if extracted is None:
            return Skipped(source=source, reason="no article text found in the HTML")
        folder_meta: dict[str, str] = {}
        if path is not None:
            folder_meta, meta_notes = self._folder_metadata(path)
            notes.extend(meta_notes)
        # The user's metadata.csv wins over what the extractor guessed from the page.
        record = _merge_fields(extracted, folder_meta)
        return _build(record, source=source, default_id=default_id, notes=notes)

    def _read_stdin(self) -> Iterator[Document | Skipped]:
        stream: Iterable[bytes] | Iterable[str]
        if self._stdin is not None:
            stream = self._stdin
        else:
            stream = getattr(sys.stdin, "buffer", None) or sys.stdin
        yield from self._read_stream(stream, STDIN, STDIN_ID)

    def _read_special(self, path: Path) -> Iterator[Document | Skipped]:
        try:
            with open(path, "rb") as fh:
                yield from self._read_stream(fh, str(path), path.name)
        except OSError as exc:
            yield Skipped(source=str(path), reason=f"cannot read: {exc.strerror or exc}")

    def _read_stream(self, stream: Iterable[bytes] | Iterable[str], source: str,
                     name: str) -> Iterator[Document | Skipped]:
        """A stream of unknown format: JSON, JSONL or plain text, told by its start.

        Binary input (a PDF piped in by mistake) is told by its first bytes and skipped.
        Plain text is read only as far as the per-document limit needs; JSON and JSONL
        records one line (up to MAX_LINE_BYTES) at a time."""
        try:
            stream, binary = _sniff_binary(stream)
        except OSError as exc:
            yield Skipped(source=source, reason=f"cannot read: {exc.strerror or exc}")
            return
        if binary is not None:
            yield Skipped(source=source, reason=f"not text: {binary}")
            return
        lines = _Lines(stream, max_line=MAX_LINE_BYTES)
        read_all = True
        try:
            head: list[str] = []
            try:
                for line in lines:
                    head.append(line)
                    if line.strip():
                        break
            except LineTooLong as exc:  # one endless line: only plain text can be that
                head.append(_decode_head(exc.head, lines))
                read_all = False
            first = "".join(head).lstrip(_BOM).lstrip()
            if read_all and first.startswith("{") and _is_json_object(first):
                for line in reversed(head):
                    lines.push(line)
                yield from _jsonl_documents(lines, source, name)
                return
            if not read_all and first.startswith(("{", "[")):
                yield Skipped(source=source, reason="JSON input whose first line is over "
                                                    f"the {MAX_LINE_BYTES >> 20} MB limit")
                return
            parts, size = head, sum(map(len, head))
            if first.startswith(("{", "[")):
                parts.extend(lines)  # one JSON value: needs the whole of it
            else:
                try:
                    for line in lines if read_all else ():
                        if self.max_chars is not None and size > self.max_chars:
                            read_all = False  # the rest would be cut anyway: stop reading
                            break
                        parts.append(line)
                        size += len(line)
                except LineTooLong as exc:
                    parts.append(_decode_head(exc.head, lines))
                    read_all = False
            rest = "".join(parts)
            del parts, head
        except LineTooLong as exc:
            yield Skipped(source=source, reason=str(exc))
            return
        except UnicodeDecodeError as exc:
            yield Skipped(source=source, reason=f"cannot decode input: {exc.reason}")
            return
        except OSError as exc:
            yield Skipped(source=source, reason=f"cannot read: {exc.strerror or exc}")
            return
        notes = ["input is not valid UTF-8; decoded as cp1252"] if lines.fallbacks else []
        if lines.nuls:
            notes.append("removed NUL characters from the input")
        if first.startswith(("{", "[")):
            yield from _json_documents(rest, source, name, name, notes,
                                       fall_back_to_jsonl=True)
        else:
            item = self._text_from_str(rest, source, name, None, markdown=False, notes=notes)
            if isinstance(item, Document) and not read_all:
                self.partial[item.id] = len(rest.encode("utf-8", "surrogatepass"))
            yield item


# ---------------------------------------------------------------------------------------
# Public entry point


def read_inputs(
    inputs: Sequence[str | os.PathLike[str]], *, stdin: TextIO | IO[bytes] | None = None,
    max_chars: int | None = MAX_CHARS,
) -> Iterator[Document | Skipped]:
    """Documents and skipped inputs, in input order and, within a folder, in path order.

    Lazily: a caller that stops early reads no further, and a large JSONL or CSV export is
    streamed line by line.  Ids are made unique across all inputs by suffixing later
    duplicates with "#2", "#3", so downstream tables can key on them.  A text longer than
    `max_chars` characters is cut there (`Document.truncated`, with a note); None or 0
    reads every text whole.
    """
    reader = _Reader(stdin, max_chars)
    used = _UsedIds()
    counts: dict[str, int] = {}
    try:
        for inp in inputs:
            for item in reader.read(inp):
                if isinstance(item, Document):
                    read = reader.partial.pop(item.id, None)  # only the file's start read
                    if reader.max_chars is not None or read is not None:
                        item = _truncated(item, reader.max_chars, read)
                if isinstance(item, Document) and not used.add(item.id):
                    n = counts.get(item.id, 1) + 1
                    while f"{item.id}#{n}" in used:
                        n += 1
                    counts[item.id] = n
                    new_id = f"{item.id}#{n}"
                    item = item.model_copy(update={
                        "id": new_id,
                        "notes": [*item.notes, f"duplicate id {item.id!r}; renamed {new_id!r}"],
                    })
                    used.add(new_id)
                yield item
    finally:
        reader.close()
        used.close()


def _read_head(path: Path, cap: int | None) -> tuple[bytes, bool]:
    """The file's bytes, at most `cap` of them (None: all); and whether that is all."""
    with open(path, "rb") as fh:
        if cap is None:
            return fh.read(), True
        data = fh.read(cap)
        return data, not fh.read(1)


def _sniff_binary(stream: Iterable[bytes] | Iterable[str]
                  ) -> tuple[Iterable[bytes] | Iterable[str], str | None]:
    """(the stream, unchanged for its reader, and what it is if it is binary, else None).

    A byte stream's first bytes are peeked at: read with `peek` when the stream has one
    (sys.stdin.buffer, open files), else from its first lines, which are handed back."""
    if isinstance(stream, io.TextIOBase):
        return stream, None
    peek = getattr(stream, "peek", None)
    if callable(peek):
        head = peek(_HEAD)[:_HEAD]
        return stream, _binary_kind(head) if isinstance(head, bytes) else None
    it = iter(stream)
    taken: list = []
    size = 0
    for line in it:
        taken.append(line)
        size += len(line)
        if size >= _HEAD:
            break
    if not taken or not isinstance(taken[0], bytes):
        return _chain(taken, it), None
    return _chain(taken, it), _binary_kind(b"".join(taken)[:_HEAD])


def _decode_head(head: bytes | str, lines: _Lines) -> str:
    """The start of an overlong line as text (a character it cuts in two is dropped)."""
    if isinstance(head, str):
        return head
    notes: list[str] = []
    text = _decode(head, notes, partial=True)
    lines.fallbacks += bool(notes)
    return text


def _chain(first: list, rest: Iterator) -> Iterator:
    yield from first
    yield from rest


class _UsedIds:
    """The ids handed out so far, in a private temporary SQLite file (deleted on close):
    a run over a million articles must not hold a million ids to catch a repeat."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("", check_same_thread=False)
        self.db.execute("CREATE TABLE ids (id TEXT PRIMARY KEY) WITHOUT ROWID")

    def add(self, doc_id: str) -> bool:
        """Record `doc_id`; False when it was there already."""
        return self.db.execute("INSERT OR IGNORE INTO ids VALUES (?)", (doc_id,)).rowcount == 1

    def __contains__(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM ids WHERE id = ?", (doc_id,)).fetchone() is not None

    def close(self) -> None:
        self.db.close()
