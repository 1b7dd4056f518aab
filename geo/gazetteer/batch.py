"""Geocode a column of a CSV file, keeping every input row.

Appended columns (prefixed so they never clobber the user's own):
`geo_status` (ok, not_found or error), `geo_name`, `geo_lat`, `geo_lon`,
`geo_country_code`, `geo_admin1`, `geo_feature_code`, `geo_geonameid`, `geo_match`
(exact, alternate, fuzzy), `geo_score`, `geo_note` (why a row did not match, or the
suggestions).  No cell of the output starts a spreadsheet formula (`geo.csvsafe`).

Files come as spreadsheets save them, so the format is detected rather than assumed:
- encoding: a byte-order mark says UTF-8 or UTF-16 (Excel's "Unicode text"); UTF-16
  without one is recognised by its zero bytes; otherwise UTF-8 when the whole file
  decodes as UTF-8, else Windows-1252 (Excel's "CSV" on Western Windows, a superset of
  Latin-1's printable characters).  `encoding=` overrides.
- delimiter: of `,`, `;` (Excel where the decimal mark is a comma), tab and `|`, the
  one that splits the header line into the most fields (the requested column's name
  breaks ties); `delimiter=` overrides.
The output keeps the input's delimiter and is UTF-8, with a byte-order mark when the
input had one (so Excel reads it back as it wrote it).

Several `column`s (`town`, `region`, `country`) are joined as one comma-qualified query
(`town, region, country`, see `geo.gazetteer.query`); a `country_column` holds ISO
codes (`UA`) or country names (`Ukraine`).
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.atomic import atomic_write
from geo.csvsafe import safe_row
from geo.errors import GeoError, InputError, NotFound
from geo.gazetteer.geocode import geocode
from geo.gazetteer.lookup import Gazetteer
from geo.models import Candidate

OUT_COLUMNS = [
    "geo_status", "geo_name", "geo_lat", "geo_lon", "geo_country_code", "geo_admin1",
    "geo_feature_code", "geo_geonameid", "geo_match", "geo_score", "geo_note",
]
DELIMITERS = ",;\t|"
_SAMPLE = 1 << 16


@dataclass(frozen=True, slots=True)
class CsvFormat:
    """How a CSV file is written: its text encoding, delimiter and byte-order mark."""

    encoding: str
    delimiter: str
    bom: bool

    @property
    def label(self) -> str:
        """For the summary line: `UTF-16, ';'-separated`."""
        names = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16",
                 "utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE", "cp1252": "Windows-1252",
                 "latin-1": "Latin-1"}
        delim = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}
        return (f"{names.get(self.encoding, self.encoding)}, "
                f"{delim.get(self.delimiter, repr(self.delimiter))}-separated")


def detect_encoding(path: Path) -> tuple[str, bool]:
    """(codec, has a byte-order mark) of a text file, reading it once in chunks."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig", True
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16", True
        if len(head) >= 4 and b"\x00" in head:
            even, odd = head[0::2], head[1::2]
            if odd.count(0) > len(odd) // 2 and even.count(0) == 0:
                return "utf-16-le", False
            if even.count(0) > len(even) // 2 and odd.count(0) == 0:
                return "utf-16-be", False
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8", False
        except UnicodeDecodeError:
            pass
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("cp1252")()
        try:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            return "cp1252", False
        except UnicodeDecodeError:
            return "latin-1", False  # every byte is a Latin-1 character


def detect_delimiter(header: str, wanted: Sequence[str] = ()) -> str:
    """The delimiter that splits the header line into the most fields."""
    best, best_key = ",", (-1, -1)
    for d in DELIMITERS:
        fields = next(csv.reader([header], delimiter=d), [])
        found = sum(1 for w in wanted if w in (f.strip() for f in fields))
        k = (found, len(fields))
        if k > best_key:
            best, best_key = d, k
    return best


def sniff(path: Path, wanted: Sequence[str] = (), *, encoding: str | None = None,
          delimiter: str | None = None) -> CsvFormat:
    """The file's format (see the module docstring); InputError for an empty file."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r} (try utf-8, cp1252, utf-16)") \
                from None
        bom = encoding.lower().replace("_", "-") in ("utf-8-sig", "utf-16", "utf-32")
    else:
        encoding, bom = detect_encoding(path)
    with open(path, encoding=encoding, errors="replace", newline="") as fh:
        sample = fh.read(_SAMPLE)
    if not sample.strip():
        raise InputError(f"{path}: the file is empty")
    header = next((line for line in io.StringIO(sample, newline=None) if line.strip()), "")
    if delimiter is None:
        delimiter = detect_delimiter(header, wanted)
    elif delimiter in ("tab", "\\t"):
        delimiter = "\t"
    if len(delimiter) != 1:
        raise InputError(f"the delimiter must be one character, got {delimiter!r}")
    return CsvFormat(encoding, delimiter, bom)


def _count_rows(path: Path) -> int:
    with open(path, "rb") as fh:
        return max(0, sum(1 for _ in fh) - 1)


def geocode_csv(gaz: Gazetteer, in_path: Path, column: str | Sequence[str],
                out_path: Path | None, *, country: str | None = None,
                country_column: str | None = None, encoding: str | None = None,
                delimiter: str | None = None,
                progress: Callable[[int, int], None] | None = None) -> dict:
    """Write `in_path` plus the geo_* columns to `out_path` (stdout if None).

    Returns the counts (`rows`, `ok`, `not_found`, `error`) and the `format` read.
    """
    if not in_path.is_file():
        raise InputError(f"{in_path}: no such file")
    columns = [column] if isinstance(column, str) else list(column)
    if not columns:
        raise InputError("no --column given")
    fmt = sniff(in_path, [*columns, *filter(None, [country_column])],
                encoding=encoding, delimiter=delimiter)
    total = _count_rows(in_path)

    @lru_cache(maxsize=100_000)
    def lookup(name: str, cc: str | None) -> tuple[str, Candidate | None, str]:
        try:
            hits = geocode(gaz, name, country=cc, limit=1)
            return "ok", hits[0], ""
        except NotFound as exc:
            return "not_found", None, "; ".join(exc.suggestions[:3])
        except GeoError as exc:
            return "error", None, str(exc)

    counts: dict = {"rows": 0, "ok": 0, "not_found": 0, "error": 0}
    reader = None
    try:
        with open(in_path, encoding=fmt.encoding, newline="") as src:
            reader = csv.DictReader(src, delimiter=fmt.delimiter)
            fields = reader.fieldnames or []
            for needed in filter(None, (*columns, country_column)):
                if needed not in fields:
                    raise InputError(
                        f"{in_path}: no column {needed!r}; columns are: {', '.join(fields)}"
                        + _delimiter_hint(fields, fmt)
                    )
            out_fields = fields + [c for c in OUT_COLUMNS if c not in fields]
            out_encoding = "utf-8-sig" if fmt.bom else "utf-8"
            sink = (atomic_write(out_path, newline="", encoding=out_encoding) if out_path
                    else _Stdout())
            with sink as out:
                writer = csv.DictWriter(out, fieldnames=out_fields, extrasaction="ignore",
                                        delimiter=fmt.delimiter)
                # Cells (the user's own too: scraped place names, notes) never start a
                # formula in a spreadsheet; numbers stay numbers (geo.csvsafe).
                writer.writerow(safe_row(dict(zip(out_fields, out_fields, strict=True))))
                for row in reader:
                    counts["rows"] += 1
                    status, cand, note = _geocode_row(row, columns, country, country_column,
                                                      lookup)
                    counts[status] += 1
                    row.update(_columns(status, cand, note))
                    writer.writerow(safe_row(row))
                    if progress and counts["rows"] % 500 == 0:
                        progress(counts["rows"], total)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{in_path}: not {fmt.encoding} text ({exc.reason} at byte {exc.start}); "
            "give the file's encoding with --encoding"
        ) from None
    except csv.Error as exc:
        line = reader.line_num if reader is not None else 0
        raise InputError(f"{in_path}: line {line}: {exc}") from None
    if progress:
        progress(counts["rows"], total)
    counts["format"] = fmt
    return counts


def _geocode_row(row: dict, columns: list[str], country: str | None,
                 country_column: str | None, lookup) -> tuple[str, Candidate | None, str]:
    """One row's status, candidate and note."""
    parts = [(row.get(c) or "").strip() for c in columns]
    if not parts[0]:
        return "error", None, "empty name"
    cc = country
    if country_column:
        value = (row.get(country_column) or "").strip()
        if len(value) == 2 and value.isalpha():
            cc = value
        elif value:
            parts.append(value)  # a country's name: context for the name
    name = ", ".join(p for p in parts if p)
    return lookup(name, cc)


def _delimiter_hint(fields: list[str], fmt: CsvFormat) -> str:
    if len(fields) == 1 and any(d in fields[0] for d in DELIMITERS if d != fmt.delimiter):
        return " (give the separator with --delimiter)"
    return ""


def _columns(status: str, c: Candidate | None, note: str) -> dict[str, object]:
    if c is None:
        return {"geo_status": status, "geo_note": note}
    return {
        "geo_status": status, "geo_name": c.name, "geo_lat": c.lat, "geo_lon": c.lon,
        "geo_country_code": c.country_code, "geo_admin1": c.admin1,
        "geo_feature_code": c.feature_code, "geo_geonameid": c.geonameid,
        "geo_match": c.match, "geo_score": c.score, "geo_note": note,
    }


class _Stdout:
    def __enter__(self):
        return sys.stdout

    def __exit__(self, *exc) -> None:
        sys.stdout.flush()
