"""Offline geoparser, gazetteer and incident mapper for news reports.

For notebooks: `geo.map_incidents(...)` (a folium map) and `geo.incidents_frame(...)`
(a pandas or geopandas frame); see `geo.output.notebook`.  They are imported on first
use, so `import geo` stays light.
"""

from __future__ import annotations

import os
import warnings
from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "incidents_frame", "map_incidents"]


def map_incidents(incidents: Any, *, title: str = "Incidents",
                  gazetteer: Any = None, **options: Any):
    """The incident map as a `folium.Map` (`geo.output.notebook.map_incidents`), with town
    labels and the sites' other names (for search) from the gazetteer.

    `gazetteer`: an open `geo.gazetteer.Gazetteer`, the path of one, None for the usual one
    (`GEO_GAZETTEER`, else the default), or False for a map without them.
    """
    from geo.output import notebook

    labels = None if gazetteer is False else _labels(gazetteer)
    return notebook.map_incidents(incidents, title=title, labels=labels, **options)


def incidents_frame(incidents: Any, *, geo: bool | None = None):
    """The incidents as a pandas (or geopandas) frame with the CSV's columns
    (`geo.output.notebook.incidents_frame`)."""
    from geo.output import notebook

    return notebook.incidents_frame(incidents, geo=geo)


def _labels(gazetteer: Any):
    """A function making the map's labels from its features, reading `gazetteer`."""
    from geo.errors import GazetteerError
    from geo.gazetteer.labels import map_labels
    from geo.gazetteer.lookup import Gazetteer

    def make(features: list[dict]) -> dict | None:
        if isinstance(gazetteer, Gazetteer):
            return map_labels(gazetteer, features)
        try:
            path = gazetteer or os.environ.get("GEO_GAZETTEER") or None
            with Gazetteer(path) as gaz:
                return map_labels(gaz, features)
        except GazetteerError as exc:
            warnings.warn(f"no town labels on the map: {exc}", stacklevel=2)
            return None

    return make
