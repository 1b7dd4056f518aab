"""Write incidents as GeoJSON (RFC 7946), CSV (ACLED/UCDP-like columns), JSON or KML.

Every writer goes through `geo.atomic`, so an interrupted run never leaves half a file.
Incidents without coordinates (their place was not found) are kept in CSV and JSON;
GeoJSON and KML give them a null geometry / leave them out of the map layer but keep
them in the file's properties, so nothing is silently dropped.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.sax.saxutils import escape

from geo.atomic import atomic_write
from geo.incidents import Incident

PROPERTIES = (
    "incident_id", "event_type", "site_name", "geonameid", "country_code", "admin1",
    "loc_precision", "uncertainty_km", "anchor_name", "anchor_lat", "anchor_lon",
    "relation", "date_start", "date_end", "date_precision", "date_kind", "count_low",
    "count_best", "count_high", "count_category", "number_of_sources", "grading",
    "needs_review",
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
    for k in ("date_start", "date_end"):
        d[k] = d[k].isoformat() if d[k] else None
    return {k: d[k] for k in PROPERTIES}


def _sources(inc: Incident) -> list[dict]:
    return [{"id": s.id, "title": s.title, "outlet": s.outlet, "url": s.url,
             "published": s.published, "quote": s.quote,
             "quote_place": list(s.quote_place) if s.quote_place else None,
             "count_phrase": s.count_phrase, "sha256": s.sha256} for s in inc.sources]


def to_geojson(incidents: list[Incident]) -> dict:
    """A FeatureCollection: one Feature per incident, Point [lon, lat] in WGS84."""
    features = []
    for inc in incidents:
        props = _flat(inc)
        props["sources"] = _sources(inc)
        geom = ({"type": "Point", "coordinates": [inc.lon, inc.lat]}
                if inc.lat is not None else None)
        features.append({"type": "Feature", "id": inc.incident_id, "geometry": geom,
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}


CSV_COLUMNS = (
    "incident_id", "event_type", "date_start", "date_end", "date_precision", "date_kind",
    "date_prec_ucdp", "time_precision_acled", "site_name", "where_description",
    "geonameid", "country_code", "admin1", "latitude", "longitude", "loc_precision",
    "where_prec_ucdp", "geo_precision_acled", "uncertainty_km", "relation", "anchor_name",
    "low", "best", "high", "count_category", "number_of_sources", "grading",
    "needs_review", "source_headline", "source_office", "source_date", "source_urls",
    "notes",
)


def to_csv(incidents: list[Incident]) -> str:
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
    return out.getvalue()


def to_kml(incidents: list[Incident]) -> str:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>',
             "<name>Incidents</name>"]
    for inc in incidents:
        if inc.lat is None:
            continue
        desc = [f"{inc.event_type}; {inc.loc_precision}; {inc.date_start} to {inc.date_end}"
                f" ({inc.date_precision}, {inc.date_kind}); {inc.number_of_sources} "
                f"source(s), {inc.grading}"]
        desc += [f"{s.outlet or s.id}: {s.title or ''} - {s.quote}" for s in inc.sources]
        parts.append(
            f"<Placemark id=\"{escape(inc.incident_id)}\"><name>"
            f"{escape(inc.event_type + ': ' + (inc.site_name or '?'))}</name>"
            f"<description>{escape(chr(10).join(desc))}</description>"
            f"<TimeSpan><begin>{inc.date_start or ''}</begin><end>{inc.date_end or ''}</end>"
            f"</TimeSpan><Point><coordinates>{inc.lon},{inc.lat},0</coordinates></Point>"
            "</Placemark>")
    parts.append("</Document></kml>")
    return "\n".join(parts) + "\n"


def write(incidents: list[Incident], path: Path | None, fmt: str) -> str | None:
    """Write to `path` atomically, or return the text when `path` is None."""
    if fmt == "geojson":
        text = json.dumps(to_geojson(incidents), ensure_ascii=False, indent=1)
    elif fmt == "csv":
        text = to_csv(incidents)
    elif fmt == "kml":
        text = to_kml(incidents)
    elif fmt == "json":
        text = json.dumps([i.model_dump(mode="json") for i in incidents], ensure_ascii=False,
                          indent=1)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    if path is None:
        return text
    with atomic_write(path, newline="") as fh:
        fh.write(text)
    return None
