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

import calendar
import codecs
import csv
import hashlib
import io
import json
import os
import re
import sqlite3
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any, TextIO
from urllib.parse import urlsplit

from pydantic import BaseModel, Field

__all__ = [
    "Document",
    "Skipped",
    "read_inputs",
    "published_range",
    "normalize_published",
    "TEXT_SUFFIXES",
    "HTML_SUFFIXES",
    "SUPPORTED_SUFFIXES",
]

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl", ".csv"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
METADATA_NAME = "metadata.csv"
STDIN = "-"
# The id a document read from stdin gets when it carries none ("-" reads badly in tables).
STDIN_ID = "stdin"

# Record fields that become Document attributes; everything else goes to `meta`.
_FIELDS = ("id", "title", "text", "url", "outlet", "published")
# Common spellings of `published` (Jekyll/Hugo front matter says `date`); used only when
# `published` itself is absent.
_ALIASES = {"date": "published"}
_TITLE_MAX = 200
_BOM = "\ufeff"


class Document(BaseModel):
    """One article, ready for the geoparser."""

    id: str = Field(description="record id, else path relative to the input root, "
                                "else `<file>:<line>`; unique within one read")
    title: str | None = None
    text: str = Field(description="the article text as read; offsets are str indices into it")
    url: str | None = Field(default=None, description="http(s) only")
    outlet: str | None = None
    published: str | None = Field(
        default=None, description='ISO partial date: "2018", "2016-12" or "2022-09-19"'
    )
    source: str = Field(description='path, "path:line" for rows, "-" or "-:line" for stdin')
    sha256: str = Field(description="hex sha256 of `text` encoded as UTF-8")
    gold_toponyms: list[dict] | None = Field(
        default=None, description="the record's `toponyms`, for --gold-spans evaluation"
    )
    notes: list[str] = Field(default_factory=list, description="non-fatal problems")
    meta: dict = Field(default_factory=dict, description="any other fields of the record")


class Skipped(BaseModel):
    """An input, or one record of it, that yielded no document."""

    source: str = Field(description='path, "path:line" or "-"/"-:line" as in Document.source')
    reason: str = Field(description="one line naming the problem")

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


# ---------------------------------------------------------------------------------------
# Dates


def published_range(published: str) -> tuple[date, date]:
    """First and last day a partial ISO date can mean, for filtering by date range."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", published or "")
    if not m:
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {published!r}")
    year = int(m[1])
    if year < 1:
        raise ValueError(f"year out of range: {published!r}")
    if m[3]:
        day = date(year, int(m[2]), int(m[3]))
        return day, day
    if m[2]:
        month = int(m[2])
        if not 1 <= month <= 12:
            raise ValueError(f"month out of range: {published!r}")
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)


_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAY = re.compile(
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+"
)
# A clock time and zone after a date ("T10:00:00Z", " 10:00 GMT", ", at 9.30 am"); only
# checked loosely since we keep the date part alone.
_TIME = r"(?:(?:[t\s]|,\s*)(?:at\s+)?\d{1,2}[:.]\d{2}(?:\S|\s)*)?"
_ISO = re.compile(r"(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?" + _TIME)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DMY_NAME = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?[\s-]*(?:of\s+)?([a-z]+)\.?,?[\s-]*(\d{4})" + _TIME
)
_MDY_NAME = re.compile(r"([a-z]+)\.?[\s-]*(\d{1,2})(?:st|nd|rd|th)?,?[\s-]*(\d{4})" + _TIME)
_MY_NAME = re.compile(r"([a-z]+)\.?,?[\s-]*(\d{4})")
_NUMERIC = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})" + _TIME)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """The ISO partial date, or None when the parts name no real day."""
    try:
        if day is not None:
            return date(year, month or 0, day).isoformat()
        if month is not None:
            return f"{date(year, month, 1):%Y-%m}"
        return f"{date(year, 1, 1):%Y}"
    except ValueError:
        return None


def normalize_published(value: str) -> str | None:
    """An ISO partial date ("2018", "2016-12", "2022-09-19") for what people write, or None.

    Timestamps keep the calendar date as written: "2022-09-19T23:30:00-05:00" is the 19th,
    the day the outlet printed, not the UTC day.  Numeric day/month orders are accepted
    only when unambiguous (19/09/2022), since 04/05/2022 is April in one country and May
    in another.  Month names are English only.
    """
    s = " ".join(str(value).split()).lower()
    if not s:
        return None
    if m := _ISO.fullmatch(s):
        year, month, day = int(m[1]), m[3], m[4]
        return _iso(year, int(month) if month else None, int(day) if day else None)
    if m := _COMPACT.fullmatch(s):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    s = _WEEKDAY.sub("", s)
    if (m := _DMY_NAME.fullmatch(s)) and m[2] in _MONTHS:
        return _iso(int(m[3]), _MONTHS[m[2]], int(m[1]))
    if (m := _MDY_NAME.fullmatch(s)) and m[1] in _MONTHS:
        return _iso(int(m[3]), _MONTHS[m[1]], int(m[2]))
    if (m := _MY_NAME.fullmatch(s)) and m[1] in _MONTHS:
        return _iso(int(m[2]), _MONTHS[m[1]])
    if m := _NUMERIC.fullmatch(s):
        a, b, year = int(m[1]), int(m[3]), int(m[4])
        if a > 12 >= b:
            return _iso(year, b, a)
        if b > 12 >= a or a == b:
            return _iso(year, a, b)
    return None


# ---------------------------------------------------------------------------------------
# Building documents from fields


def _scalar(value: Any) -> str | None:
    """A metadata value as a stripped string; None for empty or structured values."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _clean_text(text: str, notes: list[str]) -> str:
    """Remove what downstream tools cannot take: NULs and unpaired surrogates."""
    if "\x00" in text:
        notes.append(f"removed {text.count(chr(0))} NUL character(s) from the text")
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # JSON may carry "\ud800" escapes; one char becomes one char, so offsets hold.
        text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        text = re.sub("[\ud800-\udfff]", "\ufffd", text)
        notes.append("replaced unpaired surrogate characters with U+FFFD")
    return text


def _clean_url(value: Any, notes: list[str]) -> str | None:
    url = _scalar(value)
    if url is None:
        return None
    try:
        parts = urlsplit(url)
        ok = parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
    except ValueError:
        ok = False
    if not ok or any(c.isspace() for c in url):
        notes.append(f"url {_short(url)!r} is not an http(s) URL; dropped")
        return None
    return url


def _clean_published(value: Any, notes: list[str]) -> str | None:
    raw = _scalar(value)
    if raw is None:
        return None
    iso = normalize_published(raw)
    if iso is None:
        notes.append(f"published {_short(raw)!r} is not a date I can read; ignored")
    return iso


def _short(s: str, limit: int = 60) -> str:
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _title_from_text(text: str, markdown: bool) -> str | None:
    """The first non-empty line, which is the headline in saved articles."""
    for line in text.splitlines():
        line = line.strip()
        if markdown:
            line = line.lstrip("#").strip()
        if line:
            if len(line) > _TITLE_MAX:
                cut = line[:_TITLE_MAX].rsplit(" ", 1)[0] or line[:_TITLE_MAX]
                line = cut.rstrip() + "…"
            return line
    return None


def _merge_fields(*layers: dict[str, Any]) -> dict[str, Any]:
    """Later layers win, but only with values that say something."""
    out: dict[str, Any] = {}
    for layer in layers:
        for k, v in layer.items():
            if v is not None and not (isinstance(v, str) and not v.strip()):
                out[k] = v
    return out


# Deeper values cannot be serialised by pydantic (its limit is 255) or sent to workers.
_META_DEPTH = 64


def _too_deep(value: Any) -> bool:
    """Whether a JSON value nests lists/objects more than _META_DEPTH levels (no recursion)."""
    stack = [(value, 1)]
    while stack:
        v, depth = stack.pop()
        if isinstance(v, dict | list):
            if depth > _META_DEPTH:
                return True
            stack.extend((x, depth + 1) for x in (v.values() if isinstance(v, dict) else v))
    return False


def _build(
    record: dict[str, Any],
    *,
    source: str,
    default_id: str,
    notes: list[str] | None = None,
    title_from_text: bool = False,
    markdown: bool = False,
    with_gold: bool = False,
) -> Document | Skipped:
    """A Document from a flat record of fields, or why there is none."""
    notes = list(notes or [])
    fields: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    nested = record.get("meta")
    if isinstance(nested, dict):
        # Corpora such as LGL keep title and url under `meta`; flatten it so meta stays flat.
        for k, v in nested.items():
            meta[str(k)] = v
    for key, value in record.items():
        k = str(key).strip()
        low = k.lower()
        if k == "meta" and isinstance(nested, dict):
            continue
        if low in _FIELDS:
            fields[low] = value
        elif low == "toponyms" and with_gold:
            fields["toponyms"] = value
        else:
            meta[k] = value
    for k in [k for k, v in meta.items() if _too_deep(v)]:
        del meta[k]
        notes.append(f"field {_short(k)!r} is nested more than {_META_DEPTH} levels deep; dropped")
    for alias, target in _ALIASES.items():
        if _scalar(fields.get(target)) is None and _scalar(meta.get(alias)) is not None:
            fields[target] = meta.pop(alias)
    # Lift well-known fields out of a flattened `meta` when the record lacks them.
    for name in ("title", "url", "outlet", "published"):
        if _scalar(fields.get(name)) is None and _scalar(meta.get(name)) is not None:
            fields[name] = meta.pop(name)

    text = fields.get("text")
    if text is None:
        return Skipped(source=source, reason="no text field")
    if not isinstance(text, str):
        return Skipped(source=source, reason=f"text field is a {type(text).__name__}, not text")
    text = _clean_text(text, notes)
    if not text.strip():
        return Skipped(source=source, reason="empty document")

    doc_id = _scalar(fields.get("id")) or default_id
    title = _scalar(fields.get("title"))
    if title is None and title_from_text:
        title = _title_from_text(text, markdown)

    gold: list[dict] | None = None
    if with_gold and "toponyms" in fields and fields["toponyms"] is not None:
        topos = fields["toponyms"]
        if isinstance(topos, list):
            gold = [t for t in topos if isinstance(t, dict)]
            if len(gold) < len(topos):
                notes.append(f"dropped {len(topos) - len(gold)} toponym(s) that are not objects")
            if any("NUL" in n for n in notes):
                notes.append("NULs were removed, so gold toponym offsets may be off")
        else:
            notes.append("toponyms is not a list; ignored")

    return Document(
        id=doc_id,
        title=title,
        text=text,
        url=_clean_url(fields.get("url"), notes),
        outlet=_scalar(fields.get("outlet")),
        published=_clean_published(fields.get("published"), notes),
        source=source,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        gold_toponyms=gold,
        notes=notes,
        meta=meta,
    )


# ---------------------------------------------------------------------------------------
# Decoding


# Byte order marks of the encodings Windows tools write besides UTF-8 ("Unicode" in
# Notepad and Excel is UTF-16 with a BOM); UTF-32 first, since its LE BOM starts like
# UTF-16's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def _wide_encoding(head: bytes) -> str | None:
    """"utf-16" or "utf-32" when `head` starts with its byte order mark."""
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            return encoding
    return None


def _decode(data: bytes, notes: list[str], what: str = "file") -> str:
    """UTF-8 (BOM tolerated), UTF-16/32 with a BOM, else cp1252 with a note: old Windows
    exports are the usual non-UTF-8 input, and cp1252 decodes Latin-1 text the same way."""
    wide = _wide_encoding(data[:4])
    if wide is not None:
        text = data.decode(wide, errors="replace")  # the codec drops the BOM
        if "\ufffd" in text:
            notes.append(f"{what} has bytes that are not valid {wide.upper()}; replaced")
        return text[1:] if text.startswith(_BOM) else text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        notes.append(f"{what} is not valid UTF-8 (byte {exc.start}); decoded as cp1252")
        text = data.decode("cp1252", errors="replace")
    return text[1:] if text.startswith(_BOM) else text


class _Lines:
    """Decoded lines of a byte or text stream, counted, so records can name their line.

    Lines are decoded one by one (a UTF-8 sequence never contains a newline byte), so a
    huge export is never held whole; `fallbacks` and `nuls` count lines that needed cp1252
    or lost NULs, so a record can compare the counters before and after it was read.
    """

    def __init__(self, stream: Iterable[bytes] | Iterable[str]):
        self._it = iter(stream)
        self._pushed: list[str] = []
        self.lineno = 0
        self.fallbacks = 0
        self.nuls = 0
        self._first = True

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self._pushed:
            line = self._pushed.pop()
        else:
            raw = next(self._it)
            if isinstance(raw, bytes):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    self.fallbacks += 1
                    line = raw.decode("cp1252", errors="replace")
            else:
                line = raw
            if self._first:
                self._first = False
                if line.startswith(_BOM):
                    line = line[1:]
            if "\x00" in line:
                self.nuls += 1
                line = line.replace("\x00", "")
        self.lineno += 1
        return line

    def push(self, line: str) -> None:
        """Give back a line read while sniffing the format."""
        self._pushed.append(line)
        self.lineno -= 1

    def notes_since(self, fallbacks: int, nuls: int) -> list[str]:
        notes = []
        if self.fallbacks > fallbacks:
            notes.append("line is not valid UTF-8; decoded as cp1252")
        if self.nuls > nuls:
            notes.append("removed NUL characters from the line")
        return notes


# ---------------------------------------------------------------------------------------
# Text files


_FM_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:\s?(.*)")
_FM_MAX_LINES = 200


def _split_lines(text: str) -> list[str]:
    """Lines ending at "\n" only, unlike str.splitlines (which also splits at U+2028 and
    friends, breaking JSON strings and CSV fields that contain them)."""
    return _LINE.findall(text)


_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def _front_matter(text: str) -> tuple[dict[str, str], str, str | None]:
    """Split `---`-fenced `key: value` lines off the top; (fields, rest, problem)."""
    if text.split("\n", 1)[0].rstrip() != "---":
        return {}, text, None
    lines = _split_lines(text)
    fields: dict[str, str] = {}
    pos = len(lines[0])
    for line in lines[1:_FM_MAX_LINES]:
        pos += len(line)
        body = line.strip()
        if body in ("---", "..."):
            return fields, text[pos:], None
        if not body or body.startswith("#"):
            continue
        m = _FM_KEY.fullmatch(body)
        if not m:
            return {}, text, "front matter has a line that is not `key: value`; read as text"
        value = m[2].strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        fields[m[1].lower()] = value
    return {}, text, "front matter is not closed by a `---` line; read as text"


class _MetadataRows:
    """A folder's metadata.csv rows by file name, in a private temporary SQLite file.

    A folder of a million articles has a million rows, needed one at a time for the
    whole run: on disk they cost no memory.  SQLite deletes the file when the connection
    closes (on Unix it is unlinked at once, so even a killed run leaves nothing).  A
    later row for the same file replaces an earlier one."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("", check_same_thread=False)
        self.db.execute("CREATE TABLE rows (name TEXT PRIMARY KEY, row TEXT NOT NULL)")

    def put(self, name: str, fields: dict[str, str]) -> None:
        self.db.execute("INSERT OR REPLACE INTO rows VALUES (?, ?)",
                        (name, json.dumps(fields, ensure_ascii=False)))

    def row(self, name: str) -> dict[str, str]:
        found = self.db.execute("SELECT row FROM rows WHERE name = ?", (name,)).fetchone()
        return json.loads(found[0]) if found else {}

    def close(self) -> None:
        self.db.close()


def _read_metadata_csv(path: Path) -> tuple[_MetadataRows, str | None]:
    """Rows of a folder's metadata.csv by file name, read as a stream; (rows, problem)."""
    rows = _MetadataRows()
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below, after the streamed read
    except OSError as exc:
        return rows, f"{METADATA_NAME}: cannot read ({exc.strerror or exc})"
    _raise_csv_limit()
    with fh:
        wide = _wide_encoding(fh.read(4))
        fh.seek(0)
        # UTF-16/32 cannot be split at b"\n": decode the stream, still lazily.
        lines = _Lines(io.TextIOWrapper(fh, encoding=wide, errors="replace", newline="")
                       if wide else fh)
        reader = csv.reader(lines)
        try:
            header = next((r for r in reader if any(c.strip() for c in r)), None)
            if header is None:
                return rows, None
            names = [h.strip() for h in header]
            if "file" not in [n.lower() for n in names]:
                return rows, f"{METADATA_NAME} has no `file` column; ignored"
            for row in reader:
                rec = {names[i]: v for i, v in enumerate(row) if i < len(names) and names[i]}
                key = {k.lower(): k for k in rec}.get("file")
                name = rec.get(key, "").strip() if key else ""
                if name:
                    rows.put(name, {k: v for k, v in rec.items() if k != key})
        except csv.Error as exc:
            return rows, (f"{METADATA_NAME}: bad CSV ({exc}); rows after line "
                          f"{reader.line_num} ignored")
        except OSError as exc:
            return rows, f"{METADATA_NAME}: cannot read ({exc.strerror or exc})"
    if lines.fallbacks:
        return rows, (f"{METADATA_NAME} is not valid UTF-8 ({lines.fallbacks} line(s)); "
                      "decoded as cp1252")
    return rows, None


def _raise_csv_limit() -> None:
    """Let one CSV field hold a whole article (the default limit is 128 KiB).

    Not unlimited: a stray quote makes the csv module read the rest of the file into one
    field, and the limit turns that into one skipped record instead of the file in memory.
    """
    limit = 64 * 1024 * 1024
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


# ---------------------------------------------------------------------------------------
# The reader


class _Reader:
    """Reads inputs one after another; caches each folder's metadata.csv."""

    def __init__(self, stdin: TextIO | IO[bytes] | None):
        self._stdin = stdin
        self._metadata: dict[Path, tuple[_MetadataRows, str | None]] = {}

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
                data = path.read_bytes()
                if suffix in TEXT_SUFFIXES:
                    yield self._text_document(data, source, stem_id, path,
                                              markdown=suffix == ".md")
                elif suffix in HTML_SUFFIXES:
                    yield self._html_document(data, source, stem_id, path)
                else:
                    notes: list[str] = []
                    yield from _json_documents(_decode(data, notes), source, stem_id,
                                               rel_posix, notes)
            else:
                with open(path, "rb") as fh:
                    wide = _wide_encoding(fh.read(4))
                    fh.seek(0)
                    # UTF-16/32 cannot be split at b"\n": decode the stream, still lazily.
                    lines = _Lines(io.TextIOWrapper(fh, encoding=wide, errors="replace",
                                                    newline="") if wide else fh)
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
                       *, markdown: bool, notes: list[str] | None = None) -> Document | Skipped:
        notes = list(notes or [])
        text = _decode(data, notes)
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
                       path: Path | None) -> Document | Skipped:
        notes: list[str] = []
        html = _decode(data, notes)
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
        """A stream of unknown format: JSON, JSONL or plain text, told by its start."""
        lines = _Lines(stream)
        try:
            head: list[str] = []
            for line in lines:
                head.append(line)
                if line.strip():
                    break
            first = "".join(head).lstrip(_BOM).lstrip()
            if first.startswith("{") and _is_json_object(first):
                for line in reversed(head):
                    lines.push(line)
                yield from _jsonl_documents(lines, source, name)
                return
            rest = "".join(head) + "".join(lines)
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
            yield self._text_from_str(rest, source, name, None, markdown=False, notes=notes)


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _extract_html(html: str) -> dict[str, Any] | None:
    """Article text and metadata of a saved web page, offline."""
    # Slow to import (lxml, dateparser); only pages pay for them.
    import htmldate
    import trafilatura

    result = trafilatura.bare_extraction(html, with_metadata=True)
    if result is None:
        return None
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    # Bytes, not str: htmldate downloads any string that starts with "http".
    published = htmldate.find_date(html.encode("utf-8"), original_date=True)
    record: dict[str, Any] = {
        "text": text,
        "title": data.get("title"),
        "url": data.get("url"),
        "outlet": data.get("sitename") or data.get("hostname"),
        "published": published or data.get("date"),
    }
    for key in ("author", "description", "language", "categories", "tags"):
        value = data.get(key)
        if value:
            record[key] = value
    return record


def _json_documents(text: str, source: str, default_id: str, rel: str, notes: list[str],
                    *, fall_back_to_jsonl: bool = False) -> Iterator[Document | Skipped]:
    """A JSON file: one object, a list of objects, or {"documents": [...]}."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        if fall_back_to_jsonl:
            # Several objects one per line whose first line was broken: read it as JSONL.
            yield from _jsonl_documents(_Lines(_split_lines(text)), source, rel)
            return
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(
            exc, json.JSONDecodeError) else ""
        msg = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        yield Skipped(source=source, reason=f"invalid JSON: {_short(msg, 100)}{where}")
        return
    except RecursionError:
        yield Skipped(source=source, reason="invalid JSON: nested too deeply")
        return
    if isinstance(data, dict) and "text" not in data and isinstance(data.get("documents"), list):
        data = data["documents"]
    if isinstance(data, dict):
        yield _build(data, source=source, default_id=default_id, notes=notes, with_gold=True)
    elif isinstance(data, list):
        for i, item in enumerate(data, start=1):
            where = f"{source}[{i}]"
            if not isinstance(item, dict):
                yield Skipped(source=where, reason="item is not a JSON object")
                continue
            yield _build(item, source=where, default_id=f"{rel}[{i}]", notes=notes,
                         with_gold=True)
    else:
        yield Skipped(source=source, reason="JSON is neither an object nor a list of objects")


def _jsonl_documents(lines: _Lines, source: str, rel: str) -> Iterator[Document | Skipped]:
    """One object per line; a broken line is skipped and reading goes on."""
    seen = False
    while True:
        before = (lines.fallbacks, lines.nuls)
        try:
            line = next(lines)
        except StopIteration:
            if not seen:  # every input ends in the run report, an empty one too
                yield Skipped(source=source, reason="empty document")
            return
        except UnicodeDecodeError as exc:
            yield Skipped(source=f"{source}:{lines.lineno + 1}",
                          reason=f"cannot decode input: {exc.reason}")
            return
        n = lines.lineno
        if not line.strip():
            continue
        seen = True
        where = f"{source}:{n}"
        try:
            record = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            yield Skipped(source=where,
                          reason=f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        except (ValueError, RecursionError) as exc:
            yield Skipped(source=where, reason=f"invalid JSON: {_short(str(exc), 100)}")
            continue
        if not isinstance(record, dict):
            yield Skipped(source=where, reason=f"not a JSON object (a {type(record).__name__})")
            continue
        yield _build(record, source=where, default_id=f"{rel}:{n}",
                     notes=lines.notes_since(*before), with_gold=True)


def _sniff_delimiter(header: str) -> str:
    """Comma, unless the header has none but semicolons (European Excel) or tabs."""
    if "," in header:
        return ","
    if ";" in header and header.count(";") >= header.count("\t"):
        return ";"
    return "\t" if "\t" in header else ","


def _csv_documents(lines: _Lines, source: str, rel: str) -> Iterator[Document | Skipped]:
    """A header row, then one record per row (a quoted field may span lines)."""
    _raise_csv_limit()
    try:
        first = next((line for line in lines if line.strip()), None)
    except UnicodeDecodeError as exc:
        yield Skipped(source=source, reason=f"cannot decode input: {exc.reason}")
        return
    if first is None:
        yield Skipped(source=source, reason="empty document")
        return
    header_line = lines.lineno
    delimiter = _sniff_delimiter(first)
    try:
        names = [h.strip() for h in next(csv.reader([first], delimiter=delimiter), [])]
    except csv.Error as exc:
        yield Skipped(source=f"{source}:{header_line}", reason=f"bad CSV header: {exc}")
        return
    if "text" not in (n.lower() for n in names):
        yield Skipped(source=f"{source}:{header_line}", reason="no text column in the CSV header")
        return
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        before = (lines.fallbacks, lines.nuls)
        start = lines.lineno + 1
        where = f"{source}:{start}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            msg = str(exc)
            if "new-line character" in msg:
                msg = "a line break (CR) inside an unquoted field"
            yield Skipped(source=where, reason=f"bad CSV: {msg}")
            continue
        except UnicodeDecodeError as exc:
            yield Skipped(source=where, reason=f"cannot decode input: {exc.reason}")
            return
        if not any(cell.strip() for cell in row):
            continue
        record: dict[str, Any] = {}
        for i, value in enumerate(row):
            name = names[i] if i < len(names) else ""
            if not value.strip() and name.lower() != "text":
                continue  # an empty cell says nothing; keep meta free of "" values
            if name:
                record.setdefault(name, value)
            else:
                record.setdefault("_extra", []).append(value)
        yield _build(record, source=where, default_id=f"{rel}:{start}",
                     notes=lines.notes_since(*before))


# ---------------------------------------------------------------------------------------
# Public entry point


def read_inputs(
    inputs: Sequence[str | os.PathLike[str]], *, stdin: TextIO | IO[bytes] | None = None
) -> Iterator[Document | Skipped]:
    """Documents and skipped inputs, in input order and, within a folder, in path order.

    Lazily: a caller that stops early reads no further, and a large JSONL or CSV export is
    streamed line by line.  Ids are made unique across all inputs by suffixing later
    duplicates with "#2", "#3", so downstream tables can key on them.
    """
    reader = _Reader(stdin)
    used = _UsedIds()
    counts: dict[str, int] = {}
    try:
        for inp in inputs:
            for item in reader.read(inp):
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
