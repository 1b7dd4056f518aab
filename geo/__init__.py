"""Offline geoparser, gazetteer and incident mapper for news reports."""

__version__ = "0.1.0"
