"""Value types at the boundaries between modules: what the gazetteer and geocoder return.

They validate what crosses a boundary, print themselves as JSON (`model_dump_json`) and
parse themselves back, like geopy's `Point` and `Location`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Match = Literal["exact", "alternate", "fuzzy"]


class Place(BaseModel):
    """One gazetteer feature."""

    model_config = ConfigDict(frozen=True)

    geonameid: str = Field(description="GeoNames id (a string; `local:...` for local.tsv rows)")
    name: str
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    feature_class: str | None = None
    feature_code: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    radius_km: float | None = Field(
        default=None, description="extent of an area feature (country, division); None for points"
    )
    coord_source: str = Field(default="", description="how lat/lon were obtained")
    source: str = ""

    @property
    def is_country(self) -> bool:
        return (self.feature_code or "").startswith("PCL")

    @property
    def is_division(self) -> bool:
        return self.feature_class == "A" and not self.is_country


class Candidate(Place):
    """A place proposed for a name, with how it matched and how strongly it ranks."""

    score: float = Field(ge=0, le=1)
    match: Match
    matched_name: str = Field(description="the gazetteer name the query matched")


class ReverseResult(BaseModel):
    """What is at a point: the nearest populated place and the areas that contain it."""

    lat: float
    lon: float
    place: Place | None
    distance_km: float | None
    admin1: str | None
    admin1_method: str
    country: Place | None
    country_method: str
