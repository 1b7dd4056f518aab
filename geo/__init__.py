"""Offline geoparser, gazetteer and incident mapper for news reports.

For notebooks: `geo.map_incidents(...)` (a folium map) and `geo.incidents_frame(...)`
(a pandas or geopandas frame), from `geo.output.notebook`, loaded on first use so that
`import geo` stays light.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "incidents_frame", "map_incidents"]


def __getattr__(name: str):
    if name in ("map_incidents", "incidents_frame"):
        from geo.output import notebook

        return getattr(notebook, name)
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
