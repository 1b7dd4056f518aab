"""What the offline map needs from the gazetteer: place labels and every name of a site.

The map's basemap is country outlines only; zoomed in on Raqqa it would be a grey field.
`place_labels` gives the towns to write on it, each with the zoom level from which it is
shown, so the page stays light and readable:
- every capital and every town of 300,000 or more, worldwide (about 1,700);
- around the incidents (their bounding box, widened by `PAD_DEG`), towns of 2,000 or
  more, the largest first, up to `LOCAL_LIMIT`.
The zoom follows population (`ZOOM_BY_POPULATION`): a capital from zoom 3, a town of a
million from 4, one of 15,000 from 8, smaller ones from 10.

`site_names` gives every name the gazetteer has for the incidents' sites (`Izium` for
`Izyum`, `Ізюм`, `Ar-Raqqah`...), so the map's search finds a site however it is spelt.
"""

from __future__ import annotations

from collections.abc import Iterable

from geo.gazetteer.db import row_id_for
from geo.gazetteer.lookup import Gazetteer
from geo.gazetteer.normalize import norm

ZOOM_BY_POPULATION = ((5_000_000, 3), (1_000_000, 4), (300_000, 5), (100_000, 6),
                      (50_000, 7), (15_000, 8), (5_000, 9), (0, 10))
CAPITAL_ZOOM = 3
WORLD_POPULATION = 300_000
LOCAL_POPULATION = 2_000
LOCAL_LIMIT = 4_000
PAD_DEG = 2.0
NAMES_PER_SITE = 40
MAX_NAME_CHARS = 60


def label_zoom(population: int, capital: bool) -> int:
    """The zoom level from which a town's label is shown."""
    z = next(z for p, z in ZOOM_BY_POPULATION if population >= p)
    return min(z, CAPITAL_ZOOM) if capital else z


def place_labels(gaz: Gazetteer, points: Iterable[tuple[float, float]]) -> list[list]:
    """`[name, lat, lon, min_zoom, population]` for the map's place labels, largest first
    (see the module docstring); `points` are the incidents' (lat, lon)."""
    rows: dict[str, tuple] = {}
    cols = "geonameid, name, lat, lon, population, feature_code"
    for r in gaz.conn.execute(
            f"SELECT {cols} FROM places WHERE feature_class = 'P' AND "
            "(feature_code = 'PPLC' OR population >= ?)", (WORLD_POPULATION,)):
        rows[r[0]] = r
    pts = list(points)
    if pts:
        south = max(-90.0, min(p[0] for p in pts) - PAD_DEG)
        north = min(90.0, max(p[0] for p in pts) + PAD_DEG)
        west = max(-180.0, min(p[1] for p in pts) - PAD_DEG)
        east = min(180.0, max(p[1] for p in pts) + PAD_DEG)
        for r in gaz.conn.execute(
                f"SELECT {cols} FROM places WHERE feature_class = 'P' AND population >= ? "
                "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? "
                "ORDER BY population DESC LIMIT ?",
                (LOCAL_POPULATION, south, north, west, east, LOCAL_LIMIT)):
            rows[r[0]] = r
    out = [[name, round(lat, 4), round(lon, 4),
            label_zoom(pop or 0, code == "PPLC"), pop or 0]
           for _, name, lat, lon, pop, code in rows.values()]
    out.sort(key=lambda x: (x[3], -x[4], x[0]))
    return out


def site_names(gaz: Gazetteer, geonameids: Iterable[str]) -> dict[str, list[str]]:
    """geonameid -> the names of that place, its own first (one per spelling, at most
    `NAMES_PER_SITE`), for the map's search."""
    out: dict[str, list[str]] = {}
    for gid in dict.fromkeys(g for g in geonameids if g):
        if not str(gid).isdigit():
            continue  # local.tsv places have only the names the user gave
        seen: set[str] = set()
        names: list[str] = []
        for (name,) in gaz.conn.execute(
                "SELECT name FROM names WHERE place_id = ? ORDER BY is_primary DESC, rowid",
                (row_id_for(str(gid)),)):
            n = norm(name)
            if not n or n in seen or len(name) > MAX_NAME_CHARS:
                continue
            seen.add(n)
            names.append(name)
            if len(names) >= NAMES_PER_SITE:
                break
        if names:
            out[str(gid)] = names
    return out


def map_labels(gaz: Gazetteer, features: Iterable[dict]) -> dict:
    """The `labels` argument of `geo.output.mapping.build_map` for these incident Features:
    `{"places": place_labels, "names": site_names}`."""
    points, ids = [], []
    for f in features:
        g = f.get("geometry") or {}
        if g.get("type") == "Point":
            lon, lat = g["coordinates"][:2]
            points.append((lat, lon))
        gid = (f.get("properties") or {}).get("geonameid")
        if gid:
            ids.append(str(gid))
    return {"places": place_labels(gaz, points), "names": site_names(gaz, ids)}
