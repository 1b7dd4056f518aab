"""Import full GeoNames dump files into an existing gazetteer database.

The embedded gazetteer holds populated places with 500+ inhabitants; news reports name
villages, airbases, rivers and hills that only the full GeoNames dumps have.  This module
adds those dumps (plain or zipped, as downloaded from download.geonames.org):

- places: `allCountries.txt`, a country file such as `SY.txt`, `cities500.txt` ...
  (19 columns).  Each row replaces a place with the same GeoNames id, keeping its names
  and derived radius (see `PlaceWriter` "replace" mode).
- alternate names: `alternateNamesV2.txt` (10 columns) or the older `alternateNames.txt`
  (8), added to places already in the database.
- admin codes: `admin1CodesASCII.txt`, `admin2Codes.txt`, so places show readable
  division names instead of codes.

Files are streamed line by line and written in batches, so memory does not grow with
the size of a dump (allCountries.txt has 12 million lines).  The database is never
modified in place: the import runs on a copy beside it, which replaces the original only
once every file has been read, so a bad line or an interrupt leaves the old database
exactly as it was.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sqlite3
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO
from urllib.request import pathname2url

from geo.atomic import atomic_path
from geo.errors import GazetteerError
from geo.gazetteer import db
from geo.gazetteer.normalize import key, norm

__all__ = ["import_files", "PLACES", "ALTERNATE_NAMES", "ADMIN1", "ADMIN2"]

Progress = Callable[[str], None]

PLACES = "places"
ALTERNATE_NAMES = "alternate names"
ADMIN1 = "admin1 codes"
ADMIN2 = "admin2 codes"

# Admin names first so places get them as they are written; places before alternate
# names so the names find their places.
_ORDER = {ADMIN1: 0, ADMIN2: 1, PLACES: 2, ALTERNATE_NAMES: 3}

# Names GeoNames gives its dumps.  Two-letter country files (SY.txt) are deliberately not
# here: the per-country alternate-name downloads use the same names, so those are sniffed.
_KNOWN_FILES = {
    "allcountries.txt": PLACES,
    "cities500.txt": PLACES,
    "cities1000.txt": PLACES,
    "cities5000.txt": PLACES,
    "cities15000.txt": PLACES,
    "no-country.txt": PLACES,
    "alternatenamesv2.txt": ALTERNATE_NAMES,
    "alternatenames.txt": ALTERNATE_NAMES,
    "admin1codesascii.txt": ADMIN1,
    "admin1codes.txt": ADMIN1,
    "admin2codes.txt": ADMIN2,
}
# .txt files GeoNames packs into its zips beside the data.
_NOT_DATA = {"readme.txt", "iso-languagecodes.txt"}

PLACE_COLUMNS = 19
# isolanguage values of alternateNames rows that are identifiers or links, not names.
PSEUDO_LANGUAGES = frozenset({"link", "wkdt", "post", "unlc", "iata", "icao", "faac", "tcid"})

BATCH = 20000
_MAX_ID_DIGITS = 18  # keeps every id inside SQLite's 64-bit integer
_MAX_POPULATION = 2**63 - 1
_SHOW_BAD_LINES = 5
_PROGRESS_EVERY = 1_000_000


class _BadLine(ValueError):
    """A line that does not parse; its message completes "<file>: line <n>: ..."."""


# --- public API ------------------------------------------------------------------------

def import_files(db_path: Path, files: list[Path], progress: Progress = lambda m: None,
                 *, skip_bad_lines: bool = False) -> list[dict]:
    """Import GeoNames dump files into the gazetteer at `db_path`; one record per file.

    All files go into one copy of the database, which replaces the original only when
    every file has been read: on any error (`GazetteerError`, an interrupt) the original
    is untouched.  Each record is `{"file", "kind", "rows", "skipped", "seconds", "date"}`,
    also appended to the database's `imports` history.  `rows` counts what was written:
    places, names new to their place, or admin codes.
    """
    db_path = Path(db_path)
    sources = sorted((_classify(Path(f)) for f in files), key=lambda s: _ORDER[s.kind])
    _check_gazetteer(db_path)
    if not sources:
        return []
    try:
        with atomic_path(db_path) as tmp:
            _copy_database(db_path, tmp)
            conn = sqlite3.connect(tmp)
            try:
                records = _import_all(conn, sources, progress, skip_bad_lines)
            finally:
                conn.close()
    except (sqlite3.Error, OSError) as exc:
        # Typically a full disk: the copy plus allCountries needs several GB beside it.
        raise GazetteerError(
            f"importing into {db_path} failed ({exc}); the database is unchanged"
        ) from None
    return records


# --- the files -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Source:
    """One input file: its path, the data member if it is a zip, and what it holds."""

    path: Path
    member: str | None
    kind: str

    @property
    def label(self) -> str:
        return f"{self.path.name}:{self.member}" if self.member else self.path.name

    @property
    def data_name(self) -> str:
        return Path(self.member).name if self.member else self.path.name


def _classify(path: Path) -> _Source:
    """Find the data and its kind up front, so a wrong file fails before any work is done."""
    if not path.exists():
        raise GazetteerError(f"{path}: no such file")
    if not path.is_file():
        raise GazetteerError(f"{path}: not a file")
    member = _zip_member(path) if path.suffix.lower() == ".zip" else None
    src = _Source(path, member, PLACES)
    kind = _KNOWN_FILES.get(src.data_name.lower())
    if kind is None:
        with _Input.open(src, lambda _m: None, skip_bad=False) as inp:
            first = next(inp.rows(), None)
        kind = _sniff(first[1] if first else None, src.label)
    return _Source(path, member, kind)


def _zip_member(path: Path) -> str:
    """The data file in a GeoNames zip: the .txt named like the zip, else the largest one."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = [
                i for i in z.infolist()
                if not i.is_dir() and i.filename.lower().endswith(".txt")
                and Path(i.filename).name.lower() not in _NOT_DATA
            ]
    except (zipfile.BadZipFile, OSError) as exc:
        raise GazetteerError(f"{path.name}: not a readable zip file ({exc})") from None
    if not infos:
        raise GazetteerError(f"{path.name}: the zip holds no .txt data file")
    for info in infos:
        if Path(info.filename).stem.lower() == path.stem.lower():
            return info.filename
    return max(infos, key=lambda i: i.file_size).filename


def _sniff(cols: list[str] | None, label: str) -> str:
    """The kind of an unknown file from the shape of its first data line."""
    if cols is None:
        raise GazetteerError(f"{label}: no data line to tell what kind of GeoNames file it is")
    n = len(cols)
    if n == PLACE_COLUMNS and _is_id(cols[0]):
        return PLACES
    if n == 4 and cols[0].count(".") in (1, 2):
        return ADMIN1 if cols[0].count(".") == 1 else ADMIN2
    if n in (8, 10) and _is_id(cols[0]) and _is_id(cols[1]):
        return ALTERNATE_NAMES
    raise GazetteerError(
        f"{label}: not a GeoNames file this tool can import (the first data line has {n} "
        "tab-separated columns; expected 19 for places, 10 or 8 for alternate names, "
        "4 for admin codes)"
    )


class _Input:
    """The lines of one source, with the line count and the bad-line policy.

    Reading errors (not UTF-8, a damaged zip) become `GazetteerError`s here, so every
    importer gets the same one-line messages.
    """

    def __init__(self, fh: TextIO, src: _Source, progress: Progress, skip_bad: bool):
        self.fh = fh
        self.src = src
        self.label = src.label
        self.progress = progress
        self.skip_bad = skip_bad
        self.skipped = 0

    @classmethod
    @contextlib.contextmanager
    def open(cls, src: _Source, progress: Progress, skip_bad: bool) -> Iterator[_Input]:
        with contextlib.ExitStack() as stack:
            try:
                if src.member is None:
                    fh = stack.enter_context(
                        open(src.path, encoding="utf-8-sig", newline="\n")  # noqa: SIM115
                    )
                else:
                    z = stack.enter_context(zipfile.ZipFile(src.path))
                    raw = stack.enter_context(z.open(src.member))
                    fh = stack.enter_context(
                        io.TextIOWrapper(raw, encoding="utf-8-sig", newline="\n")
                    )
            except (zipfile.BadZipFile, OSError) as exc:
                raise GazetteerError(f"{src.label}: cannot open it ({exc})") from None
            yield cls(fh, src, progress, skip_bad)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, tab-separated fields) of each line that is not blank or a # comment."""
        lineno = 0
        try:
            for lineno, line in enumerate(self.fh, 1):
                if line[0] == "#" or line.isspace():
                    continue
                if not lineno % _PROGRESS_EVERY:
                    self.progress(f"{self.label}: {lineno:,} lines")
                yield lineno, line.rstrip("\r\n").split("\t")
        except UnicodeDecodeError:
            raise GazetteerError(
                f"{self.label}: not UTF-8 text (after line {lineno}); GeoNames files are UTF-8"
            ) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise GazetteerError(f"{self.label}: cannot read it after line {lineno} ({exc})"
                                 ) from None

    def bad(self, lineno: int, message: str) -> None:
        """Stop on a malformed line, or count it (and show the first few) when skipping."""
        if not self.skip_bad:
            raise GazetteerError(f"{self.label}: line {lineno}: {message}")
        self.skipped += 1
        if self.skipped <= _SHOW_BAD_LINES:
            self.progress(f"{self.label}: line {lineno}: {message} (skipped)")


# --- the database ----------------------------------------------------------------------

def _ro_connect(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{pathname2url(str(db_path.resolve()))}?mode=ro", uri=True)


def _check_gazetteer(db_path: Path) -> None:
    """Refuse anything that is not one of our gazetteers before copying 200 MB of it."""
    if not db_path.exists():
        raise GazetteerError(
            f"no gazetteer at {db_path}: build it first with `geo gazetteer build`"
        )
    if not db_path.is_file():
        raise GazetteerError(f"{db_path} is not a gazetteer database file")
    try:
        conn = _ro_connect(db_path)
        try:
            version = db.get_meta(conn, "schema_version")
        finally:
            conn.close()
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise GazetteerError(f"{db_path} is not a usable gazetteer database ({exc})") from None
    if version != db.SCHEMA_VERSION:
        raise GazetteerError(
            f"{db_path} has gazetteer schema {version!r}, this tool needs "
            f"{db.SCHEMA_VERSION}: rebuild it with `geo gazetteer build`"
        )


def _copy_database(db_path: Path, tmp: Path) -> None:
    """Copy through SQLite's backup API, which also picks up a pending WAL."""
    try:
        src = _ro_connect(db_path)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
    except sqlite3.DatabaseError as exc:
        raise GazetteerError(f"cannot copy {db_path} to import into it ({exc})") from None
    shutil.copymode(db_path, tmp)  # the temp file is private (0600); the result should not be


def _import_all(conn: sqlite3.Connection, sources: list[_Source], progress: Progress,
                skip_bad: bool) -> list[dict]:
    db.fast_pragmas(conn)
    db.create_indexes(conn)  # name merging relies on the unique (place_id, norm) index
    records = []
    for src in sources:
        t0 = time.perf_counter()
        progress(f"importing {src.label} ({src.kind})")
        with _Input.open(src, progress, skip_bad) as inp:
            rows = _IMPORTERS[src.kind](conn, inp)
        seconds = time.perf_counter() - t0
        if inp.skipped:
            progress(f"{src.label}: {inp.skipped:,} bad lines skipped")
        progress(f"{src.label}: {rows:,} rows in {seconds:.1f} s")
        records.append({
            "file": src.path.name,
            "kind": src.kind,
            "rows": rows,
            "skipped": inp.skipped,
            "seconds": round(seconds, 2),
            "date": datetime.now(UTC).replace(microsecond=0).isoformat(),
        })
    history = db.get_meta(conn, "imports", [])
    db.set_meta(conn, "imports", [*(history if isinstance(history, list) else []), *records])
    conn.commit()
    return records


# --- places ----------------------------------------------------------------------------

def _import_places(conn: sqlite3.Connection, inp: _Input) -> int:
    admin = dict(conn.execute("SELECT code, name FROM admin_names"))
    source = inp.src.data_name
    writer = db.PlaceWriter(conn, mode="replace")
    for lineno, cols in inp.rows():
        try:
            place = place_row(cols, admin, source)
        except _BadLine as exc:
            inp.bad(lineno, str(exc))
            continue
        writer.add(place)
    writer.flush()
    return writer.written


def place_row(cols: list[str], admin: dict[str, str], source: str) -> db.PlaceRow:
    """One line of the main dump format as a place; `_BadLine` says what is wrong with it."""
    if len(cols) != PLACE_COLUMNS:
        raise _BadLine(f"expected {PLACE_COLUMNS} tab-separated columns, got {len(cols)}")
    gid = _geonameid(cols[0])
    name = cols[1].strip()
    if not name:
        raise _BadLine("the name is empty")
    lat = _coordinate(cols[4], "latitude", 90.0)
    lon = _coordinate(cols[5], "longitude", 180.0)
    cc, a1, a2 = cols[8] or None, cols[10] or None, cols[11] or None
    return db.PlaceRow(
        geonameid=gid, name=name, lat=lat, lon=lon,
        feature_class=cols[6] or None, feature_code=cols[7] or None, country_code=cc,
        admin1_code=a1, admin2_code=a2,
        admin1=admin.get(f"{cc}.{a1}") if a1 else None,
        admin2=admin.get(f"{cc}.{a1}.{a2}") if a1 and a2 else None,
        population=_population(cols[14]),
        coord_source="GeoNames point", source=source,
        alternate_names=[cols[2], *cols[3].split(",")] if cols[3] else [cols[2]],
    )


def _is_id(text: str) -> bool:
    # isdigit() alone accepts "²" and other digits int() refuses.
    return text.isascii() and text.isdigit() and len(text) <= _MAX_ID_DIGITS


def _geonameid(text: str) -> str:
    if not _is_id(text):
        raise _BadLine(f"geonameid {_show(text)} is not a number")
    return str(int(text))  # "007" and "7" are one place


def _coordinate(text: str, what: str, limit: float) -> float:
    try:
        value = float(text)
    except ValueError:
        raise _BadLine(f"{what} {_show(text)} is not a number") from None
    if not -limit <= value <= limit:  # also false for nan
        raise _BadLine(f"{what} {_show(text)} is out of range (-{limit:g}..{limit:g})")
    return value


def _population(text: str) -> int:
    if not text:
        return 0
    try:
        value = int(text)
    except ValueError:
        raise _BadLine(f"population {_show(text)} is not an integer") from None
    if not 0 <= value <= _MAX_POPULATION:
        raise _BadLine(f"population {_show(text)} is out of range")
    return value


def _show(text: str) -> str:
    """A field for an error message: quoted, escaped, short, on one line."""
    return repr(text if len(text) <= 40 else text[:40] + "...")


# --- alternate names -------------------------------------------------------------------

def _import_alternate_names(conn: sqlite3.Connection, inp: _Input) -> int:
    added = 0
    batch: list[tuple[int, str]] = []
    for lineno, cols in inp.rows():
        try:
            row = alternate_name_row(cols)
        except _BadLine as exc:
            inp.bad(lineno, str(exc))
            continue
        if row is not None:
            batch.append(row)
            if len(batch) >= BATCH:
                added += _add_names(conn, batch)
                batch = []
    return added + _add_names(conn, batch)


def alternate_name_row(cols: list[str]) -> tuple[int, str] | None:
    """(place id, name) of an alternateNames line; None for links, codes and empty names."""
    if len(cols) not in (10, 8):
        raise _BadLine(f"expected 10 (or 8) tab-separated columns, got {len(cols)}")
    gid = int(_geonameid(cols[1]))
    if cols[2] in PSEUDO_LANGUAGES:
        return None
    name = cols[3].strip()
    return (gid, name) if name else None


def _add_names(conn: sqlite3.Connection, batch: list[tuple[int, str]]) -> int:
    """Add names to the places that exist; normalise only those (most of a dump may not)."""
    if not batch:
        return 0
    known = db.existing_ids(conn, {gid for gid, _ in batch})
    rows = []
    for gid, name in batch:
        if gid in known and (n := norm(name)):
            rows.append((gid, name, n, key(name), 0))
    before = conn.total_changes
    conn.executemany(
        "INSERT OR IGNORE INTO names(place_id, name, norm, key, is_primary) VALUES (?,?,?,?,?)",
        rows,
    )
    return conn.total_changes - before


# --- admin codes -----------------------------------------------------------------------

def _import_admin1(conn: sqlite3.Connection, inp: _Input) -> int:
    return _import_admin_codes(conn, inp, level=1)


def _import_admin2(conn: sqlite3.Connection, inp: _Input) -> int:
    return _import_admin_codes(conn, inp, level=2)


def _import_admin_codes(conn: sqlite3.Connection, inp: _Input, level: int) -> int:
    n = 0
    batch: list[tuple[str, str, str | None]] = []
    for lineno, cols in inp.rows():
        try:
            batch.append(admin_code_row(cols, level))
        except _BadLine as exc:
            inp.bad(lineno, str(exc))
            continue
        if len(batch) >= BATCH:
            n += _upsert_admin_names(conn, batch)
            batch = []
    n += _upsert_admin_names(conn, batch)
    filled = _fill_admin_names(conn, level)
    inp.progress(f"{inp.label}: admin{level} name filled in for {filled:,} places")
    return n


def admin_code_row(cols: list[str], level: int) -> tuple[str, str, str | None]:
    """(code, name, geonameid) of an admin1CodesASCII / admin2Codes line."""
    if len(cols) != 4:
        raise _BadLine(f"expected 4 tab-separated columns, got {len(cols)}")
    code = cols[0].strip()
    parts = code.split(".")
    if len(parts) != level + 1 or not all(parts):
        example = "UA.07" if level == 1 else "UA.07.6304"
        raise _BadLine(f"code {_show(code)} is not an admin{level} code like {example}")
    name = cols[1].strip() or cols[2].strip()
    if not name:
        raise _BadLine("the name is empty")
    gid = cols[3].strip()
    return code, name, _geonameid(gid) if gid else None


def _upsert_admin_names(conn: sqlite3.Connection, rows: list[tuple]) -> int:
    conn.executemany("INSERT OR REPLACE INTO admin_names(code, name, geonameid) VALUES (?,?,?)",
                     rows)
    return len(rows)


_ADMIN_CODE_SQL = {
    1: "places.country_code || '.' || places.admin1_code",
    2: "places.country_code || '.' || places.admin1_code || '.' || places.admin2_code",
}


def _fill_admin_names(conn: sqlite3.Connection, level: int) -> int:
    """Give places written before their admin names arrived (earlier imports) those names."""
    col, code = f"admin{level}", _ADMIN_CODE_SQL[level]
    cur = conn.execute(
        f"UPDATE places SET {col} = (SELECT a.name FROM admin_names a WHERE a.code = {code})"
        f" WHERE {col} IS NULL AND {col}_code IS NOT NULL"
        f" AND EXISTS (SELECT 1 FROM admin_names a WHERE a.code = {code})"
    )
    return cur.rowcount


_IMPORTERS: dict[str, Callable[[sqlite3.Connection, _Input], int]] = {
    PLACES: _import_places,
    ALTERNATE_NAMES: _import_alternate_names,
    ADMIN1: _import_admin1,
    ADMIN2: _import_admin2,
}
