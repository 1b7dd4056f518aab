"""Read `gazetteer/local.tsv`: places the user adds, or GeoNames places the user corrects.

Two layouts are accepted, so users can paste GeoNames rows or write a short table:
- the 19 GeoNames columns, no header (as in `allCountries.txt`);
- a header line naming any of the columns below, in any order; `name`, `latitude` and
  `longitude` are required:
  `geonameid name alternatenames latitude longitude feature_class feature_code
   country_code admin1 admin2 population`.
`#` starts a comment line; blank lines are ignored.  A row whose `geonameid` is a GeoNames
id replaces that place everywhere; a row without one gets the stable id
`local:<country>:<name>`.  Local rows win ties against GeoNames rows in ranking.

A bad row does not stop the tool: it is skipped and reported with its line number.
"""

from __future__ import annotations

import errno
import math
import os
import stat
from pathlib import Path

from geo.models import Place

COLUMNS = (
    "geonameid", "name", "alternatenames", "latitude", "longitude", "feature_class",
    "feature_code", "country_code", "admin1", "admin2", "population",
)
_GEONAMES_POSITIONS = {
    "geonameid": 0, "name": 1, "alternatenames": 3, "latitude": 4, "longitude": 5,
    "feature_class": 6, "feature_code": 7, "country_code": 8, "admin1": 10, "admin2": 11,
    "population": 14,
}


class LocalPlace:
    """A local.tsv row: the place and the names it may be looked up by."""

    __slots__ = ("place", "names", "line")

    def __init__(self, place: Place, names: list[str], line: int):
        self.place = place
        self.names = names
        self.line = line


def read_local_tsv(path: Path) -> tuple[list[LocalPlace], list[str]]:
    """Parse `path`; return the places and one warning per skipped line."""
    places: list[LocalPlace] = []
    warnings: list[str] = []
    if not path.is_file():
        # Nothing there is normal (the file is optional); something there that is not a
        # file the user meant to be read, and silence would hide their places.
        if os.path.lexists(path):
            warnings.append(f"{path}: {_not_a_file(path)}; local places ignored")
        return places, warnings
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return places, [f"{path}: cannot read ({exc}); local places ignored"]
    header: dict[str, int] | None = None
    seen_ids: set[str] = set()
    for lineno, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in raw.split("\t")]
        if header is None and "name" in cols and "latitude" in cols:
            unknown = [c for c in cols if c not in COLUMNS]
            if unknown:
                warnings.append(f"{path}: line {lineno}: unknown columns {unknown} ignored")
            header = {c: i for i, c in enumerate(cols) if c in COLUMNS}
            if "longitude" not in header:
                warnings.append(f"{path}: line {lineno}: header lacks 'longitude'")
                return [], warnings
            continue
        positions = header
        if positions is None:
            if len(cols) < 15:
                warnings.append(
                    f"{path}: line {lineno}: expected a header line or 19 GeoNames columns, "
                    f"got {len(cols)} columns; line skipped"
                )
                continue
            positions = _GEONAMES_POSITIONS
        try:
            lp = _row(cols, positions, lineno)
        except ValueError as exc:
            warnings.append(f"{path}: line {lineno}: {exc}; line skipped")
            continue
        gid = lp.place.geonameid
        if gid in seen_ids:
            warnings.append(f"{path}: line {lineno}: duplicate id {gid}; line skipped")
            continue
        seen_ids.add(gid)
        places.append(lp)
    return places, warnings


def _not_a_file(path: Path) -> str:
    """Why an existing `path` cannot be read as local.tsv."""
    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop"
        if exc.errno == errno.ENOENT:
            return "a broken symbolic link"
        return f"cannot read ({exc.strerror or exc})"
    if stat.S_ISDIR(st.st_mode):
        return "a folder, not a file"
    return "not a regular file"


def _row(cols: list[str], pos: dict[str, int], lineno: int) -> LocalPlace:
    def get(name: str) -> str:
        i = pos.get(name)
        return cols[i].strip() if i is not None and i < len(cols) else ""

    name = get("name")
    if not name:
        raise ValueError("empty name")
    lat, lon = _coord(get("latitude"), "latitude", 90), _coord(get("longitude"), "longitude", 180)
    pop_text = get("population") or "0"
    if not pop_text.isdigit():
        raise ValueError(f"population {pop_text!r} is not a whole number")
    cc = get("country_code").upper() or None
    from geo.gazetteer.normalize import key

    gid = get("geonameid") or f"local:{cc or 'XX'}:{key(name)}"
    alternates = [a.strip() for a in get("alternatenames").split(",") if a.strip()]
    place = Place(
        geonameid=gid, name=name, lat=lat, lon=lon,
        feature_class=get("feature_class") or "P", feature_code=get("feature_code") or None,
        country_code=cc, admin1=get("admin1") or None, admin2=get("admin2") or None,
        population=int(pop_text), coord_source="local.tsv", source="local",
    )
    return LocalPlace(place, [name, *alternates], lineno)


def _coord(text: str, what: str, bound: float) -> float:
    try:
        v = float(text)
    except ValueError:
        raise ValueError(f"{what} {text!r} is not a number") from None
    if not math.isfinite(v) or abs(v) > bound:
        raise ValueError(f"{what} {text} is outside -{bound:g}..{bound:g}")
    return v
