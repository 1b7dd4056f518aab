"""Write incidents as GeoJSON (RFC 7946), CSV (ACLED/UCDP-like columns), JSON or KML.

Every writer goes through `geo.atomic`, so an interrupted run never leaves half a file,
and writes one incident at a time: a run's incidents (`geo.incidents.incident.IncidentSet`) are
built as they are written, never all held at once.
Incidents without coordinates (their place was not found) are kept in CSV and JSON;
GeoJSON and KML give them a null geometry / leave them out of the map layer but keep
them in the file's properties, so nothing is silently dropped.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from geo.atomic import atomic_write
from geo.incidents.incident import Incident

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
        text = json.dumps(item, ensure_ascii=False, indent=1)
        yield ("," if k else "") + pad + text.replace("\n", pad)


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
)


def to_csv(incidents: Iterable[Incident]) -> str:
    return "".join(_csv_chunks(incidents))


def _csv_chunks(incidents: Iterable[Incident]) -> Iterator[str]:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    w.writeheader()
    for inc in incidents:
        f = _flat(inc)
        w.writerow({
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
            "low": inc.count_low, "best": inc.count_best, "high": inc.count_high,
            "source_headline": " | ".join(s.title or "" for s in inc.sources),
            "source_office": " | ".join(s.outlet or "" for s in inc.sources),
            "source_date": " | ".join(s.published or "" for s in inc.sources),
            "source_urls": " | ".join(s.url or "" for s in inc.sources),
            "notes": " | ".join(f"{s.outlet or s.id}: {s.count_phrase}"
                                for s in inc.sources if s.count_phrase),
        })
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def to_kml(incidents: Iterable[Incident]) -> str:
    return "".join(_kml_chunks(incidents))


def _kml_chunks(incidents: Iterable[Incident]) -> Iterator[str]:
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n<name>Incidents</name>\n')
    for inc in incidents:
        if inc.lat is None:
            continue
        desc = [f"{inc.event_type}; {inc.loc_precision}; {inc.date_start} to {inc.date_end}"
                f" ({inc.date_precision}, {inc.date_kind}); {inc.number_of_sources} "
                f"source(s), {inc.grading}"]
        desc += [f"{s.outlet or s.id}: {s.title or ''} - {s.quote}" for s in inc.sources]
        yield (f"<Placemark id=\"{escape(inc.incident_id)}\"><name>"
               f"{escape(inc.event_type + ': ' + (inc.site_name or '?'))}</name>"
               f"<description>{escape(chr(10).join(desc))}</description>"
               f"<TimeSpan><begin>{inc.date_start or ''}</begin><end>{inc.date_end or ''}"
               f"</end></TimeSpan><Point><coordinates>{inc.lon},{inc.lat},0</coordinates>"
               "</Point></Placemark>\n")
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
    pieces = chunks(incidents, fmt)
    if path is None:
        return "".join(pieces)
    with atomic_write(path, newline="") as fh:
        for piece in pieces:
            fh.write(piece)
    return None
