"""Read-only access to the gazetteer: names to places, points to places.

Opening costs one SQLite connection and a read of `local.tsv` (milliseconds), so every
command and every worker process opens its own.  Ranking is not done here (see
`geo.gazetteer.geocode`): this module answers "which places carry this name" and "what is near
this point", with the user's local places laid over the database.
"""

from __future__ import annotations

import math
import os
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.request import pathname2url

from geo.distance import haversine_km
from geo.errors import GazetteerError
from geo.gazetteer import db
from geo.gazetteer.local import LocalPlace, read_local_tsv
from geo.gazetteer.normalize import key, norm
from geo.models import Place
from geo.paths import default_gazetteer, default_local_tsv

KEY_CACHE = 200_000
PLACE_CACHE = 200_000
MEMO_SIZE = 200_000
LOOKUP_CHUNK = 512  # name keys asked in one query (SQLite allows 32,766 parameters)
# Read the file through a memory map rather than a read() call per page: a document's
# names land on pages all over the file (a few thousand of them in a first pass over
# a corpus), and mapped pages cost a page fault once instead of a system call and a
# copy each time SQLite's small page cache lets them go.  The mapped pages are the
# operating system's file cache, shared by every worker, not the process's own memory.
MMAP_BYTES = 1 << 30
_PLACE_COLS = (
    "p.geonameid, p.name, p.lat, p.lon, p.feature_class, p.feature_code, p.country_code, "
    "p.admin1, p.admin2, p.population, p.radius_km, p.coord_source, p.source"
)

@dataclass(frozen=True, slots=True)
class NameHit:
    """A place found under a name key, and which of its names was hit."""

    place: Place
    name: str
    norm_equal: bool
    is_primary: bool


_VALIDATE_PLACE = Place.__pydantic_validator__.validate_python


def _place(row: tuple) -> Place:
    # Validated as `Place(**fields)` validates, by pydantic-core itself: faster than
    # `model_construct`'s copying, and without `BaseModel.__init__`'s Python frame (a
    # first pass over a corpus builds tens of thousands of places).
    return _VALIDATE_PLACE({
        "geonameid": row[0], "name": row[1], "lat": row[2], "lon": row[3],
        "feature_class": row[4], "feature_code": row[5], "country_code": row[6],
        "admin1": row[7], "admin2": row[8], "population": row[9] or 0,
        "radius_km": row[10], "coord_source": row[11], "source": row[12],
    })


class Gazetteer:
    """A gazetteer database plus the user's `local.tsv` overlay."""

    def __init__(self, path: str | os.PathLike[str] | None = None,
                 local_tsv: str | os.PathLike[str] | None | bool = None):
        self.path = Path(path) if path else default_gazetteer()
        self.conn = _Guarded(_connect(self.path), self.path)
        if local_tsv is False:
            local_path = None
        elif local_tsv in (None, True):
            local_path = default_local_tsv(self.path)
        else:
            local_path = Path(local_tsv)
        self.local_path = local_path
        local, self.warnings = read_local_tsv(local_path) if local_path else ([], [])
        self._local: list[LocalPlace] = local
        self._local_ids = {lp.place.geonameid for lp in local}
        self._local_by_key: dict[str, list[tuple[LocalPlace, str]]] = defaultdict(list)
        for lp in local:
            for nm in lp.names:
                self._local_by_key[key(nm)].append((lp, nm))
        self._shapes: dict[int, object] = {}
        self._shape_ids: dict[str, int | None] = {}  # country code -> its shape's id
        # Articles repeat names ("Georgia", "U.S."): cache lookups and the places they hit.
        self._key_cache: dict[str, tuple] = {}
        self._places: dict[str, Place] = {}
        self._countries: dict[str, Place | None] = {}
        self._memos: dict[str, dict] = {}
        self._prefix_keys: dict[str, str] = {}  # prefix -> its keys, one a line

    def memo(self, name: str) -> dict:
        """A dict for derived facts about this gazetteer's entries (priors, summaries),
        one per `name`, kept across documents and emptied when it grows past MEMO_SIZE."""
        d = self._memos.get(name)
        if d is None or len(d) >= MEMO_SIZE:
            d = self._memos[name] = {}
        return d

    def _new_place(self, row: tuple) -> Place:
        """A new place from its columns, kept for the next key that hits it."""
        if len(self._places) > PLACE_CACHE:
            self._places.clear()
        p = self._places[row[0]] = _place(row)
        return p

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- names ----------------------------------------------------------------------------

    def lookup(self, name: str) -> list[NameHit]:
        """Every place with a name whose key equals `name`'s key, one hit per place."""
        return self.lookup_by_key(key(name), norm(name))

    def lookup_by_key(self, k: str, n: str | None = None) -> list[NameHit]:
        """Places under name key `k`; `n` (a norm) marks the hits spelled exactly so."""
        if not k:
            return []
        best: dict[str, NameHit] = {}
        # Through the batch path, so repeated lookups ("Syria" after every comma) hit
        # the same cache as recognition's.
        for place, nm, nnorm, primary in self.lookup_keys({k}).get(k, ()):
            _keep_best(best, NameHit(place, nm, nnorm == n, primary))
        return list(best.values())

    def lookup_keys(self, keys: set[str]) -> dict[str, list[tuple[Place, str, str, bool]]]:
        """Batch lookup for a whole document: key -> [(place, name, norm, is_primary)]."""
        out: dict[str, list[tuple[Place, str, str, bool]]] = defaultdict(list)
        keys = {k for k in keys if k}
        cache = self._key_cache
        missing = []
        # Plain membership tests: `set - dict.keys()` walks the whole (large) cache.
        for k in keys:
            hit = cache.get(k)
            if hit is None:
                missing.append(k)
            elif hit:
                out[k] = list(hit)
        klist = sorted(missing)
        for i in range(0, len(klist), LOOKUP_CHUNK):
            chunk = klist[i:i + LOOKUP_CHUNK]
            # Padded with NULLs (which no key equals) to a power of two, so that a few
            # statements serve every document from the connection's statement cache
            # instead of one compiled for each new count of keys.
            size = 1 << (len(chunk) - 1).bit_length()
            rows = self.conn.execute(_lookup_sql(size), [*chunk, *[None] * (size - len(chunk))]
                                     ).fetchall()
            fetched: dict[str, list] = {k: [] for k in chunk}
            places, local_ids = self._places, self._local_ids
            for row in rows:  # key, name, norm, is_primary, then the place's columns
                if row[4] in local_ids:
                    continue
                place = places.get(row[4])  # names of a place recur under other keys
                if place is None:
                    place = self._new_place(row[4:])
                fetched[row[0]].append((place, row[1], row[2], bool(row[3])))
            if len(cache) > KEY_CACHE:
                cache.clear()
            for k, v in fetched.items():
                cache[k] = tuple(v)
                if v:
                    out[k].extend(v)
        for k in [k for k in keys if k in self._local_by_key]:
            for lp, nm in self._local_by_key[k]:
                out[k].append((lp.place, nm, norm(nm), nm == lp.place.name))
        return out

    def keys_with_prefix(self, prefix: str) -> list[str]:
        """Distinct name keys starting with `prefix` (the candidate pool for fuzzy matching).

        Each prefix's pool is read once and kept as one string, a key a line (keys hold
        no whitespace): fuzzy matching asks for one first letter's keys each time, and
        reading them costs 15-50 ms (a letter's keys number tens of thousands), ten
        times what splitting the string again costs; as one string, the pools of every
        letter take a few MB, not the tens that as many string objects would."""
        pool = self._prefix_keys.get(prefix)
        if pool is None:
            hi = prefix[:-1] + chr(ord(prefix[-1]) + 1)
            # SQLite joins the keys itself (in the index's order, as the rows came):
            # no row object and no string per key on the way (0.018 -> 0.011 s for 't').
            stored = self.conn.execute(
                "SELECT group_concat(key, char(10)) FROM "
                "(SELECT DISTINCT key FROM names WHERE key >= ? AND key < ?)", (prefix, hi)
            ).fetchone()[0]
            local = [k for k in self._local_by_key if k.startswith(prefix)]
            pool = self._prefix_keys[prefix] = "\n".join([stored, *local] if stored else local)
        return pool.split("\n") if pool else []

    def get(self, geonameid: str) -> Place | None:
        for lp in self._local:
            if lp.place.geonameid == geonameid:
                return lp.place
        row = self.conn.execute(
            f"SELECT {_PLACE_COLS} FROM places p WHERE p.geonameid = ?", (str(geonameid),)
        ).fetchone()
        return _place(row) if row else None

    def divisions(self, country_code: str) -> list[Place]:
        """A country's first- and second-order divisions."""
        rows = self.conn.execute(
            f"SELECT {_PLACE_COLS} FROM places p WHERE p.country_code = ? "
            "AND p.feature_class = 'A' AND p.feature_code IN ('ADM1', 'ADM2')",
            (country_code,)).fetchall()
        return [_place(r) for r in rows]

    def towns(self, country_code: str, admin1: str) -> list[Place]:
        """The populated places GeoNames files under one first-order division."""
        rows = self.conn.execute(
            f"SELECT {_PLACE_COLS} FROM places p WHERE p.country_code = ? "
            "AND p.feature_class = 'P' AND p.admin1 = ?", (country_code, admin1)).fetchall()
        return [_place(r) for r in rows]

    def country(self, country_code: str) -> Place | None:
        """The country feature for an ISO 3166 alpha-2 code."""
        cc = country_code.upper()
        if cc not in self._countries:
            self._countries[cc] = self._country(cc)
        return self._countries[cc]

    def _country(self, country_code: str) -> Place | None:
        rows = self.conn.execute(
            f"SELECT {_PLACE_COLS} FROM places p WHERE p.country_code = ? "
            "AND p.feature_class = 'A' AND p.feature_code LIKE 'PCL%' "
            "ORDER BY p.population DESC LIMIT 1", (country_code.upper(),)
        ).fetchone()
        return _place(rows) if rows else None

    # --- points ---------------------------------------------------------------------------

    def nearest(self, lat: float, lon: float, *, feature_class: str | None = "P",
                limit: int = 1, max_km: float = 20000.0) -> list[tuple[Place, float]]:
        """The `limit` nearest places (of `feature_class`) with their distances in km."""
        found: dict[str, tuple[Place, float]] = {}
        for lp in self._local:
            if feature_class is None or lp.place.feature_class == feature_class:
                d = haversine_km(lat, lon, lp.place.lat, lp.place.lon)
                found[lp.place.geonameid] = (lp.place, d)
        span = 0.05
        while True:
            cos = max(0.01, math.cos(math.radians(lat)))
            lat_lo, lat_hi = lat - span, lat + span
            lon_span = min(180.0, span / cos)
            sql = (
                f"SELECT {_PLACE_COLS} FROM places_rtree r JOIN places p ON p.id = r.id "
                "WHERE r.min_lat >= ? AND r.max_lat <= ? AND r.min_lon >= ? AND r.max_lon <= ?"
            )
            args: list = [lat_lo, lat_hi]
            boxes = _lon_boxes(lon - lon_span, lon + lon_span)
            for lo, hi in boxes:
                q, a = sql, [*args, lo, hi]
                if feature_class is not None:
                    q += " AND p.feature_class = ?"
                    a.append(feature_class)
                for row in self.conn.execute(q, a):
                    if row[0] in self._local_ids:
                        continue
                    d = haversine_km(lat, lon, row[2], row[3])
                    found[row[0]] = (_place(row), d)
            ranked = sorted(found.values(), key=lambda t: t[1])
            # Inside the box, every point within `covered` km has been seen.
            covered = span * 111.0 if lon_span < 180 else span * 111.0 * cos
            if len(ranked) >= limit and ranked[limit - 1][1] <= covered:
                break
            if span >= 180 or covered >= max_km:
                break
            span *= 3
        return [t for t in ranked[:limit] if t[1] <= max_km]

    def country_at(self, lat: float, lon: float) -> Place | None:
        """The country whose (simplified Natural Earth) shape contains the point."""
        from shapely import from_wkb
        from shapely.geometry import Point

        pt = Point(lon, lat)
        rows = self.conn.execute(
            "SELECT s.id, s.country_code, s.wkb FROM shapes_rtree r JOIN country_shapes s "
            "ON s.id = r.id WHERE r.min_lat <= ? AND r.max_lat >= ? AND r.min_lon <= ? "
            "AND r.max_lon >= ?", (lat, lat, lon, lon)
        ).fetchall()
        for sid, cc, wkb in rows:
            shape = self._shapes.get(sid)
            if shape is None:
                shape = self._shapes[sid] = from_wkb(wkb)
            if shape.covers(pt):
                return self.country(cc)
        return None

    def km_to_country(self, country_code: str, lat: float, lon: float) -> float | None:
        """About how far (km) a point lies from a country's (simplified Natural Earth)
        shape: 0 inside it; None for a country without a shape.  Degrees are turned into
        km at the point's latitude, so the figure is rough, and meant for "near or far"
        questions (hundreds of km), not for measuring."""
        memo = self.memo("lookup: km to country")
        k = (country_code, lat, lon)
        if k in memo:
            return memo[k]
        from shapely.geometry import Point

        shape = self._country_shape(country_code.upper())
        if shape is None:
            memo[k] = None
            return None
        pt = Point(lon, lat)
        if shape.covers(pt):
            km = 0.0
        else:
            from shapely.ops import nearest_points

            near = nearest_points(shape, pt)[0]
            km = haversine_km(lat, lon, near.y, near.x)
        memo[k] = km
        return km

    def _country_shape(self, cc: str) -> object | None:
        """A country's shape, read and parsed once: the veto asks of a few countries for
        hundreds of points, and the United States' shape alone is 200 KB to read."""
        if cc not in self._shape_ids:
            row = self.conn.execute("SELECT id FROM country_shapes WHERE country_code = ?",
                                    (cc,)).fetchone()
            self._shape_ids[cc] = row[0] if row else None
        sid = self._shape_ids[cc]
        if sid is None:
            return None
        shape = self._shapes.get(sid)
        if shape is None:
            from shapely import from_wkb

            wkb = self.conn.execute("SELECT wkb FROM country_shapes WHERE id = ?",
                                    (sid,)).fetchone()[0]
            shape = self._shapes[sid] = from_wkb(wkb)
        return shape

    # --- about ----------------------------------------------------------------------------

    def info(self) -> dict:
        conn = self.conn
        by_class = dict(conn.execute(
            "SELECT coalesce(feature_class, '?'), count(*) FROM places GROUP BY 1").fetchall())
        by_code = dict(conn.execute(
            "SELECT feature_code, count(*) FROM places WHERE feature_class = 'A' "
            "GROUP BY 1").fetchall())
        return {
            "path": str(self.path),
            "size_mb": round(self.path.stat().st_size / 1e6, 1),
            "build_date": db.get_meta(conn, "build_date"),
            "build_seconds": db.get_meta(conn, "build_seconds"),
            "schema_version": db.get_meta(conn, "schema_version"),
            "places": sum(by_class.values()),
            "names": conn.execute("SELECT count(*) FROM names").fetchone()[0],
            "by_feature_class": by_class,
            "countries": sum(v for k, v in by_code.items() if (k or "").startswith("PCL")),
            "admin1": by_code.get("ADM1", 0),
            "admin2": by_code.get("ADM2", 0),
            "country_shapes": conn.execute("SELECT count(*) FROM country_shapes").fetchone()[0],
            "sources": db.get_meta(conn, "sources", []),
            "coordinates": db.get_meta(conn, "coordinates", {}),
            "imports": db.get_meta(conn, "imports", []),
            "local_tsv": {
                "path": str(self.local_path) if self.local_path else None,
                "places": len(self._local),
                "warnings": self.warnings,
            },
        }


@cache
def _lookup_sql(size: int) -> str:
    """The lookup of `size` name keys (bound as parameters) with their places."""
    return (f"SELECT n.key, n.name, n.norm, n.is_primary, {_PLACE_COLS} FROM names n "
            f"JOIN places p ON p.id = n.place_id WHERE n.key IN ({','.join('?' * size)})")


def _keep_best(best: dict[str, NameHit], hit: NameHit) -> None:
    prev = best.get(hit.place.geonameid)
    if prev is None or (hit.norm_equal, hit.is_primary) > (prev.norm_equal, prev.is_primary):
        best[hit.place.geonameid] = hit


def _lon_boxes(lo: float, hi: float) -> list[tuple[float, float]]:
    """Split a longitude interval at the antimeridian."""
    if hi - lo >= 360:
        return [(-180.0, 180.0)]
    if lo < -180:
        return [(-180.0, hi), (lo + 360, 180.0)]
    if hi > 180:
        return [(lo, 180.0), (-180.0, hi - 360)]
    return [(lo, hi)]


def _damaged(path: Path, exc: Exception) -> GazetteerError:
    return GazetteerError(
        f"cannot read the gazetteer {path} ({exc}): the file is damaged or not a usable "
        f"gazetteer database; rebuild it with `geo gazetteer build --gazetteer {path}` "
        "(then import again any GeoNames files you had imported)")


# SQLite's (primary) result codes that mean the file itself is bad: an I/O error, a
# damaged page, not a database.  Others (a write refused on the read-only connection,
# an interrupted query) are the caller's business and pass through.
_BAD_FILE = {10, 11, 26}


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _BAD_FILE or str(exc).startswith("no such table")
    return not isinstance(exc, sqlite3.OperationalError) or "malformed" in str(exc)


class _Guarded:
    """The gazetteer's SQLite connection, for reading.  A database damaged in the middle
    (a bad page, a truncated copy) opens fine and fails only when a query reaches the
    damage, anywhere in a run: every query, and every row fetched, turns SQLite's
    `DatabaseError` into one `GazetteerError` that names the file and how to rebuild it."""

    __slots__ = ("_conn", "_path")

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self._conn, self._path = conn, path

    def execute(self, sql: str, params: Sequence = ()) -> _GuardedCursor:
        try:
            return _GuardedCursor(self._conn.execute(sql, params), self._path)
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise
            raise _damaged(self._path, exc) from None

    def close(self) -> None:
        self._conn.close()

    def __getattr__(self, name: str):
        return getattr(self._conn, name)


class _GuardedCursor:
    __slots__ = ("_cur", "_path")

    def __init__(self, cur: sqlite3.Cursor, path: Path):
        self._cur, self._path = cur, path

    def fetchone(self):
        try:
            return self._cur.fetchone()
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise
            raise _damaged(self._path, exc) from None

    def fetchall(self) -> list:
        try:
            return self._cur.fetchall()
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise
            raise _damaged(self._path, exc) from None

    def __iter__(self) -> Iterator:
        try:
            yield from self._cur
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise
            raise _damaged(self._path, exc) from None


def _connect(path: Path) -> sqlite3.Connection:
    if not path.exists():
        raise GazetteerError(
            f"no gazetteer at {path}: build it with `geo gazetteer build` (or `make map`), "
            "or point --gazetteer / GEO_GAZETTEER at one"
        )
    if path.is_dir():
        raise GazetteerError(f"{path} is a directory, not a gazetteer database")
    uri = f"file:{pathname2url(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        version = db.get_meta(conn, "schema_version")
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, exc) from None
    if version != db.SCHEMA_VERSION:
        conn.close()
        raise GazetteerError(
            f"{path} has gazetteer schema {version!r}, this tool needs {db.SCHEMA_VERSION}: "
            "rebuild it with `geo gazetteer build`"
        )
    return conn
