"""Distances on the sphere, as the evaluation metrics define them (haversine, R = 6371 km)."""

from __future__ import annotations

import math

import numpy as np

EARTH_KM = 6371.0
ONE_PLACE_KM = 5.0  # two gazetteer entries or sites this close are one place by two names


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def initial_bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Compass bearing in degrees (0 = north, clockwise) from the first point to the
    second, at the start of the great circle."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360) % 360


def haversine_km_many(lat: np.ndarray, lon: np.ndarray, lat0: float, lon0: float) -> np.ndarray:
    """`haversine_km` from one point to many, vectorised (equal up to rounding: callers
    that compare against a limit confirm with `haversine_km`)."""
    p1, p2 = np.radians(lat), math.radians(lat0)
    dp, dl = p2 - p1, np.radians(lon0 - lon)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * math.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
