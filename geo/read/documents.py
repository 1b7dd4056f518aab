"""A document as the reader hands it over, and how one is built from a record's fields.

`Document` (one article) and `Skipped` (an input, or one record of it, that yielded no
document) are what `geo.read.read_inputs` yields.  `_build` makes either from a flat
record of fields, whatever the input family (`geo.read.text`, `geo.read.html`,
`geo.read.records`); the decoding helpers below turn bytes into text the same way for
all of them.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import html
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, field_validator

from geo.read.limits import MAX_CHARS, MAX_HTML_BYTES, MAX_LINE_BYTES
from geo.read.published import normalize_published

__all__ = [
    "Document",
    "Skipped",
    "MAX_CHARS",
    "MAX_LINE_BYTES",
    "MAX_HTML_BYTES",
]

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
    truncated: bool = Field(default=False, description="the text was cut at the "
                                                        "per-document limit (see notes)")

    # A file name that is not valid UTF-8 reaches us with surrogate escapes; the source
    # is printed and written to the run report, which must stay encodable.
    @field_validator("source")
    @classmethod
    def _encodable_source(cls, v: str) -> str:
        return _no_surrogates(v)


class Skipped(BaseModel):
    """An input, or one record of it, that yielded no document."""

    source: str = Field(description='path, "path:line" or "-"/"-:line" as in Document.source')
    reason: str = Field(description="one line naming the problem")
    id: str | None = Field(default=None, description="the document's id, when it had one")

    @field_validator("source", "reason")
    @classmethod
    def _encodable(cls, v: str) -> str:
        return _no_surrogates(v)

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(s: str) -> str:
    """`s` with every surrogate code point replaced by U+FFFD, one for one (so offsets into
    a text hold).  A lone surrogate (`"\\ud83d"` in JSON: half an emoji, cut by a
    scraper) cannot be encoded as UTF-8, so it would fail every writer downstream."""
    return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s


class _Cleaner:
    """Makes every string of a record encodable: surrogates become U+FFFD and NULs go
    (they break CSV writers, XML and C libraries); remembers which fields it changed so
    the document can say so in a note."""

    def __init__(self) -> None:
        self.changed: set[str] = set()

    def __call__(self, value: Any, field: str, depth: int = 0) -> Any:
        if isinstance(value, str):
            clean = _no_surrogates(value)
            if "\x00" in clean:
                clean = clean.replace("\x00", "")
            if clean != value:
                self.changed.add(field)
            return clean
        if depth > _META_DEPTH:
            return value  # too deep to keep: `_build` drops it
        if isinstance(value, dict):
            return {self(k, field, depth + 1): self(v, field, depth + 1)
                    for k, v in value.items()}
        if isinstance(value, list):
            return [self(v, field, depth + 1) for v in value]
        return value

    def note(self) -> str | None:
        if not self.changed:
            return None
        return ("replaced unencodable characters (lone surrogates, NULs) in "
                + ", ".join(sorted(self.changed)))


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


# Character references left in text scraped from web pages (`Al-Fu&#8217;ah`,
# `Tom &amp; Jerry`): numeric ones, and the few named ones that turn up in such text.
_ENTITY = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|amp|quot|apos|lt|gt|nbsp"
                     r"|[lr]squo|[lr]dquo|ndash|mdash|hellip);")


def _decode_entities(text: str, notes: list[str]) -> str:
    """Text with HTML character references decoded.

    A feed or spreadsheet of scraped articles often keeps them; left in, `&#8217;` cuts
    a name in two and its pieces resolve to places on other continents.  Only where the
    text has one of the references above (plain text with a lone `&` is left alone)."""
    found = len(_ENTITY.findall(text))
    if not found:
        return text
    notes.append(f"decoded {found} HTML character reference(s) in the text")
    return html.unescape(text)


def _clean_text(text: str, notes: list[str]) -> str:
    """Remove what downstream tools cannot take: NULs and unpaired surrogates."""
    if "\x00" in text:
        notes.append(f"removed {text.count(chr(0))} NUL character(s) from the text")
        text = text.replace("\x00", "")
    clean = _no_surrogates(text)
    if clean is not text:
        # JSON may carry "\ud800" escapes; one character becomes one, so offsets hold.
        notes.append("replaced unpaired surrogate characters in the text with U+FFFD")
    return clean


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
    """A Document from a flat record of fields, or why there is none.

    Every string of the record (field names, values, nested metadata) is made encodable
    first: one half emoji in a scraped title must cost neither this document nor, by an
    encoding error in a writer, the whole run.  The text is cleaned separately so its
    note can count the NULs it lost."""
    notes = list(notes or [])
    clean = _Cleaner()
    record = {(name := clean(str(k), "field names")): v if name.strip().lower() == "text"
              else clean(v, name.strip().lower() or "field names") for k, v in record.items()}
    default_id = clean(default_id, "id")
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
    if not (with_gold and fields.get("toponyms")):  # gold offsets count the raw text
        text = _decode_entities(text, notes)
    if (note := clean.note()) is not None:
        notes.append(note)
    if not text.strip():
        return Skipped(source=source, reason="empty document")

    doc_id = _scalar(fields.get("id")) or default_id
    title = _scalar(fields.get("title"))
    if title is not None and _ENTITY.search(title):
        title = html.unescape(title)
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


# File signatures of formats people save articles in by mistake (or that end up in an
# export folder): each is named in the skip reason so the user knows what to convert.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (.docx, .xlsx, .odt and .epub files are ZIP archives)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc, .xls)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", None),  # bzip2, but also the start of words: decided by the control bytes
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable"),
)
# Bytes that text never holds (NUL aside: broken exports sprinkle NULs into real text,
# which is read with the NULs removed); tab, line feed, vertical tab, form feed, carriage
# return and escape are left out, since Word and terminals put them in text.
_CONTROL = bytes(b for b in range(1, 32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_BINARY_SHARE = 0.05
_HEAD = 8192


def _binary_kind(head: bytes) -> str | None:
    """What `head` (a file's first bytes) is, when it is not text; None for text.

    Text in UTF-16/32 (with a byte order mark) is text.  Else a known signature, or more
    than 5% (and at least 16) of control bytes that text never holds, say binary."""
    if _wide_encoding(head[:4]) is not None:
        return None
    for magic, what in _MAGIC:
        if head.startswith(magic) and what is not None:
            return what
    head = head[:_HEAD]
    if not head:
        return None
    controls = len(head) - len(head.translate(None, _CONTROL))
    # At least 16: a few stray control characters in a short note do not make it binary.
    if controls > _BINARY_SHARE * len(head) and controls >= 16:
        return "binary data, not text"
    return None


def _decode(data: bytes, notes: list[str], what: str = "file", *, partial: bool = False) -> str:
    """UTF-8 (BOM tolerated), UTF-16/32 with a BOM, else cp1252 with a note: old Windows
    exports are the usual non-UTF-8 input, and cp1252 decodes Latin-1 text the same way.

    `partial`: `data` is the start of a longer file, so a character its last bytes begin
    is dropped rather than taken for an encoding error."""
    wide = _wide_encoding(data[:4])
    if wide is not None:
        decoder = codecs.getincrementaldecoder(wide)(errors="replace")
        text = decoder.decode(data, final=not partial)  # the codec drops the BOM
        if "\ufffd" in text:
            notes.append(f"{what} has bytes that are not valid {wide.upper()}; replaced")
        return text[1:] if text.startswith(_BOM) else text
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(data, final=not partial)
    except UnicodeDecodeError as exc:
        notes.append(f"{what} is not valid UTF-8 (byte {exc.start}); decoded as cp1252")
        text = data.decode("cp1252", errors="replace")
    return text[1:] if text.startswith(_BOM) else text


class LineTooLong(Exception):
    """A line longer than the reader's limit.  `head` holds its first `limit` + 1 units
    (bytes or characters); the rest of the line is read past (not kept) when the next
    line is asked for, so a reader that stops here never waits for the line to end."""

    def __init__(self, head: bytes | str, limit: int):
        super().__init__(f"line is over the {_mb(limit)} limit for one record")
        self.head = head


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):,.1f} MB"


class _Lines:
    """Decoded lines of a byte or text stream, counted, so records can name their line.

    Lines are decoded one by one (a UTF-8 sequence never contains a newline byte), so a
    huge export is never held whole; `fallbacks` and `nuls` count lines that needed cp1252
    or lost NULs, so a record can compare the counters before and after it was read.
    With `max_line`, a stream that can `readline` never has more than that much of a
    line in memory: a longer line is read past and raises `LineTooLong` (counted as a
    line, so reading can go on with the next one).
    """

    def __init__(self, stream: Iterable[bytes] | Iterable[str], max_line: int | None = None):
        self._it = iter(stream)
        readline = getattr(stream, "readline", None)
        self._readline = readline if max_line is not None and callable(readline) else None
        self._max = max_line or 0
        self._skipping = False  # inside a line that was too long
        self._pushed: list[str] = []
        self.lineno = 0
        self.fallbacks = 0
        self.nuls = 0
        self._first = True

    def __iter__(self) -> Iterator[str]:
        return self

    def _next_raw(self) -> bytes | str:
        if self._readline is None:
            return next(self._it)
        while self._skipping:  # the rest of a line that was too long
            rest = self._readline(1 << 20)
            self._skipping = bool(rest) and rest[-1:] not in (b"\n", "\n")
        raw = self._readline(self._max + 1)
        if not raw:
            raise StopIteration
        if len(raw) > self._max and raw[-1:] not in (b"\n", "\n"):
            self.lineno += 1
            self._first = False
            self._skipping = True
            raise LineTooLong(raw, self._max)
        return raw

    def __next__(self) -> str:
        if self._pushed:
            line = self._pushed.pop()
        else:
            raw = self._next_raw()
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


def _split_lines(text: str) -> list[str]:
    """Lines ending at "\n" only, unlike str.splitlines (which also splits at U+2028 and
    friends, breaking JSON strings and CSV fields that contain them)."""
    return _LINE.findall(text)


_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def _raise_csv_limit() -> None:
    """Let one CSV field hold a whole article (the default limit is 128 KiB).

    Not unlimited: a stray quote makes the csv module read the rest of the file into one
    field, and the limit turns that into one skipped record instead of the file in memory.
    """
    limit = 64 * 1024 * 1024
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def _truncate(text: str, limit: int) -> str:
    """The start of `text`, at most `limit` characters, ending at a line or sentence end
    when there is one in the last tenth (so the last claim is a whole sentence)."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    floor = limit - limit // 10
    cut = max(head.rfind("\n", floor), *(head.rfind(p, floor) + 1 for p in (". ", "! ", "? ")))
    return head[:cut] if cut > floor else head


def _truncated(doc: Document, limit: int | None, read_bytes: int | None = None) -> Document:
    """`doc` cut at `limit` characters (None: no limit), with a note saying so; with
    `read_bytes`, only that much of its file was read (a page over MAX_HTML_BYTES, a text
    file past what the limit needs), which is said too."""
    if (limit is None or len(doc.text) <= limit) and read_bytes is None:
        return doc
    text = doc.text if limit is None else _truncate(doc.text, limit)
    if read_bytes is not None and limit is None:
        note = (f"the input is larger than the reader reads for one document (a page: "
                f"{_mb(MAX_HTML_BYTES)}, a line: {_mb(MAX_LINE_BYTES)}); only its first "
                f"{_mb(read_bytes)} were read")
    else:
        what = (f"the file is larger than the per-document limit; its first "
                f"{_mb(read_bytes)} were read and" if read_bytes is not None else
                f"the text has {len(doc.text):,} characters; it was")
        note = (f"{what} cut to {len(text):,} characters (the limit is {limit:,}: "
                "--max-chars)")
    return doc.model_copy(update={
        "text": text, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "notes": [*doc.notes, note], "truncated": True,
    })
