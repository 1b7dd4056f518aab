"""Incidents in Python and notebooks: a folium map and a pandas (or geopandas) frame.

    >>> import geo
    >>> m = geo.map_incidents("maps/seeds.geojson", title="Sample reports")
    >>> folium.CircleMarker([36.2, 37.16], radius=8).add_to(m)   # add your own layers
    >>> m                      # shown inline in Jupyter
    >>> m.save("seeds.html")   # one offline, self-contained file
    >>> df = geo.incidents_frame("maps/seeds.geojson")            # the CSV's columns

Both take incidents as `geo.run.pipeline.build_incidents` returns them, a GeoJSON
FeatureCollection (a dict) or the path of an incidents GeoJSON file (`geo incidents`,
`geo map --geojson`).

The map is the page `geo map` writes, made from the same parts (`mapping.page_parts`:
the same scripts, styles, embedded data, popups built in JavaScript from escaped
properties, one marker per incident in one clustered layer), inside a folium `Map`:
- Leaflet, markercluster and jQuery (for folium's popups) are inlined from folium-offline
  (folium's CDN links are dropped), so a saved map works offline; folium layers that
  draw with Leaflet (`GeoJson`, `CircleMarker`, `PolyLine`, `Popup`, `Tooltip`...) work
  offline too, while those needing folium's other CDN libraries (`Icon`'s awesome
  markers, Bootstrap) or tiles need the network;
- the page gets a Content-Security-Policy computed from the rendered page: exactly its
  inline scripts (by hash) and the external scripts and stylesheets that added layers
  name may run, so a string in the data can never become a script;
- the incident data is never put through folium's Jinja templates (an article's `{{`
  stays text).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement

from geo.incidents.claims import Source
from geo.incidents.incident import Incident
from geo.models import Anchor
from geo.output import assets
from geo.output.exports import CSV_COLUMNS, column_type, csv_row, feature
from geo.output.mapping import Labels, page_parts

__all__ = ["map_incidents", "incidents_frame", "IncidentMap", "IncidentLayer",
           "read_incidents", "incident_from_feature"]

IncidentsLike = Iterable[Incident] | dict | str | os.PathLike[str]
JQUERY_JS = "https://code.jquery.com/jquery-3.7.1.min.js"  # folium-offline's copy, inlined


# --- what the entry points take ------------------------------------------------------------

def _feature_collection(obj: IncidentsLike) -> dict:
    """A FeatureCollection from incidents, a FeatureCollection or a GeoJSON file's path."""
    if isinstance(obj, dict):
        if obj.get("type") != "FeatureCollection" or not isinstance(obj.get("features"), list):
            raise ValueError("expected a GeoJSON FeatureCollection with a features list")
        return obj
    if isinstance(obj, str | os.PathLike):
        path = Path(obj)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ValueError(f"{path}: not readable GeoJSON ({exc})") from None
        return _feature_collection(data)
    return {"type": "FeatureCollection",
            "features": [i if isinstance(i, dict) else feature(i) for i in obj]}


def incident_from_feature(f: dict) -> Incident:
    """An incident back from a Feature of an incidents GeoJSON (without its claims, which
    GeoJSON does not carry)."""
    props = dict(f.get("properties") or {})
    geom = f.get("geometry") or {}
    lon = lat = None
    if geom.get("type") == "Point" and len(geom.get("coordinates") or []) >= 2:
        lon, lat = geom["coordinates"][:2]
    sources = []
    for s in props.pop("sources", None) or []:
        fields = {k: v for k, v in s.items() if k in Source.model_fields}
        fields.setdefault("quote", "")
        fields.setdefault("sha256", "")
        sources.append(Source(**fields))
    anchor = None
    if props.get("anchor_lat") is not None and props.get("anchor_lon") is not None:
        anchor = Anchor(name=props.get("anchor_name") or "", geonameid=None,
                        lat=props["anchor_lat"], lon=props["anchor_lon"])
    merged = props.get("merged_because")
    review = props.get("needs_review")
    if isinstance(review, bool):
        review = "needs review" if review else None
    fields = {k: props.get(k) for k in Incident.model_fields if k in props}
    fields.update(
        incident_id=str(props.get("incident_id") or f.get("id") or ""),
        event_type=str(props.get("event_type") or "unknown"), lat=lat, lon=lon, anchor=anchor,
        # GeoJSON joins the reasons with "; ", which a reason may hold too: kept whole.
        merged_because=[merged] if isinstance(merged, str) and merged else list(merged or []),
        needs_review=review, sources=sources, claims=[],
        date_precision=props.get("date_precision") or "unknown",
        date_kind=props.get("date_kind") or "report",
        number_of_sources=props.get("number_of_sources") or len(sources),
        grading=props.get("grading") or "weak",
    )
    for k in ("site_name", "geonameid", "country_code", "admin1", "loc_precision",
              "uncertainty_km", "relation", "date_start", "date_end", "count_low",
              "count_best", "count_high", "count_category"):
        fields.setdefault(k, None)
    return Incident(**fields)


def read_incidents(obj: IncidentsLike) -> Iterator[Incident]:
    """Incidents from incidents, a FeatureCollection or a GeoJSON file's path."""
    if isinstance(obj, dict | str | os.PathLike):
        for f in _feature_collection(obj)["features"]:
            yield incident_from_feature(f)
        return
    for i in obj:
        yield i if isinstance(i, Incident) else incident_from_feature(i)


# --- the folium map --------------------------------------------------------------------------

class _Raw(Element):
    """Text put into the page as it is: never parsed as a Jinja template (an article's
    `{{` stays text)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class IncidentLayer(MacroElement):
    """The incident map's layers, controls and data as one folium element: the scripts,
    styles and embedded data of `mapping.page_parts`, drawn on its parent map."""

    def __init__(self, geojson: dict, *, title: str, built: str | None = None,
                 labels: Labels = None):
        super().__init__()
        self._name = "IncidentLayer"
        self.geojson = geojson
        self.title = title
        self.built = built
        self.labels = labels

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        parts = page_parts(self.geojson, title=self.title, built=self.built,
                           map_var=self._parent.get_name(), labels=self.labels)
        # jQuery too: folium's own Popup builds its content with it.
        jquery = assets.safe_script(assets.folium_asset(JQUERY_JS))
        libraries = "".join(f"<script>{s}</script>\n" for s in [*parts.scripts[:-1], jquery])
        figure.header.add_child(_Raw(parts.styles + libraries), name="geo_incident_assets")
        data = (parts.data_head + parts.data_tag + "".join(parts.data_pieces)
                + "".join(parts.data_tail))
        figure.html.add_child(_Raw(data), name="geo_incident_data")
        figure.script.add_child(_Raw(parts.scripts[-1]), name="geo_incident_app")


class IncidentFigure(Figure):
    """folium's page with a Content-Security-Policy computed from what it holds."""

    def render(self, **kwargs) -> str:
        return with_csp(super().render(**kwargs))


class IncidentMap(folium.Map):
    """A folium Map whose Leaflet is inlined with the incident layer (no CDN links)."""

    default_js: list = []
    default_css: list = []


_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script>", re.S | re.I)
_SRC = re.compile(r"""\bsrc\s*=\s*["']([^"']+)["']""", re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']([^"']+)["']""", re.I)
_LINK = re.compile(r"""<link\b[^>]*\bhref\s*=\s*["']([^"']+)["']""", re.I)
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}


def with_csp(page: str) -> str:
    """`page` with a CSP that lets exactly its own inline scripts (by hash) and the
    external scripts and stylesheets it names run or load."""
    hashes, sources = [], []
    for m in _SCRIPT.finditer(page):
        attrs = m.group(1) or ""
        t = _TYPE.search(attrs)
        if (t.group(1).strip().lower() if t else "") not in _EXECUTABLE:
            continue  # data: JSON and the packed incidents
        src = _SRC.search(attrs)
        if src:
            sources.append(src.group(1))
        else:
            digest = hashlib.sha256(m.group(2).encode("utf-8")).digest()
            hashes.append("'sha256-" + base64.b64encode(digest).decode() + "'")
    styles = list(dict.fromkeys(_LINK.findall(page)))
    script_src = " ".join(dict.fromkeys(hashes + [_csp_source(u) for u in sources]))
    csp = (f"default-src 'none'; script-src {script_src or chr(39) + 'none' + chr(39)}; "
           f"style-src 'unsafe-inline' {' '.join(_csp_source(u) for u in styles)}".rstrip()
           + "; img-src data: blob: https:; font-src data: https:; "
           "base-uri 'none'; form-action 'none'")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">\n'
    head = page.find("<head>")
    if head < 0:
        return meta + page
    return page[:head + 6] + "\n" + meta + page[head + 6:]


def _csp_source(url: str) -> str:
    """A URL as a CSP source expression (no quotes, semicolons or commas in it)."""
    return re.sub(r"[\s;,'\"]", "", url)


def map_incidents(incidents: IncidentsLike, *, title: str = "Incidents",
                  built: str | None = None, labels: Labels = None, **map_options: Any):
    """The incident map as a `folium.Map`: add layers, show it inline in Jupyter, save it.

    `map_options` go to `folium.Map` (`width`, `height`, `control_scale`, ...); the view
    fits the incidents.  `labels`: town labels and the sites' other names, as for
    `mapping.build_map` (`geo.map_incidents` makes them from the gazetteer).  The
    incidents are one GeoJSON object embedded once, drawn in JavaScript as one clustered
    layer with popups built from escaped properties, as in `geo map` (20,000 incidents
    render in about a second).
    """
    data = _feature_collection(incidents)
    options = {"tiles": None, "max_zoom": 16, "min_zoom": 1, "world_copy_jump": True,
               "zoom_control": True, **map_options}
    m = IncidentMap(**options)
    IncidentFigure(title=str(title)).add_child(m)
    m.add_child(IncidentLayer(data, title=title, built=built, labels=labels), name="incidents")
    return m


# --- the frame ---------------------------------------------------------------------------------

def incidents_frame(incidents: IncidentsLike, *, geo: bool | None = None):
    """The incidents as a pandas DataFrame with the CSV's columns (README, "CSV columns"),
    or a geopandas GeoDataFrame (Point geometry, EPSG:4326) when geopandas is installed.

    Integer columns are pandas' nullable `Int64` (an empty count stays empty, never a
    float), dates are `datetime64`, `needs_review` is a boolean.  `geo=False` gives a plain
    DataFrame even with geopandas; `geo=True` requires it.
    """
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("incidents_frame needs pandas: pip install 'geo-incidents[notebook]'"
                          ) from None
    rows = [csv_row(i) for i in read_incidents(incidents)]
    columns = {}
    for name in CSV_COLUMNS:
        values = [r.get(name) for r in rows]
        kind = column_type(name)
        if kind == "int":
            columns[name] = pd.array(values, dtype="Int64")
        elif kind == "float":
            columns[name] = pd.array([float("nan") if v is None else v for v in values],
                                     dtype="float64")
        elif kind == "date":
            columns[name] = pd.to_datetime(pd.Series(values, dtype="object"), format="%Y-%m-%d")
        elif kind == "bool":
            columns[name] = pd.array([bool(v) for v in values], dtype="bool")
        else:
            columns[name] = pd.Series(values, dtype="object")
    df = pd.DataFrame({k: pd.Series(v).reset_index(drop=True) for k, v in columns.items()},
                      columns=list(CSV_COLUMNS))
    if geo is False:
        return df
    try:
        import geopandas as gpd
    except ImportError:
        if geo:
            raise ImportError("incidents_frame(geo=True) needs geopandas: pip install "
                              "'geo-incidents[notebook]'") from None
        return df
    geometry = gpd.points_from_xy(df["longitude"], df["latitude"], crs="EPSG:4326")
    return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")
