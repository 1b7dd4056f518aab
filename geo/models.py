"""Value types at the boundaries between modules: what the gazetteer and geocoder return.

They validate what crosses a boundary, print themselves as JSON (`model_dump_json`) and
parse themselves back, like geopy's `Point` and `Location`.
"""

from __future__ import annotations

from functools import cached_property
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

    @cached_property
    def is_country(self) -> bool:
        return (self.feature_code or "").startswith("PCL")

    @cached_property
    def is_continent(self) -> bool:
        return self.feature_code == "CONT"

    @cached_property
    def is_wide(self) -> bool:
        """A country or a continent: never a point, never a neighbour of anything."""
        return self.is_country or self.is_continent

    @cached_property
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


Precision = Literal[
    "exact", "site", "settlement", "near-settlement", "admin2", "admin1", "country"
]
Relation = Literal["in", "near", "offset", "between"]
Kind = Literal["place", "demonym", "embedded", "coordinates"]


class Anchor(BaseModel):
    """The gazetteer place a relative location ("25 km south of X") is measured from."""

    name: str
    geonameid: str | None
    lat: float
    lon: float


class Phrase(BaseModel):
    start: int
    end: int
    text: str


class CandidateRef(BaseModel):
    name: str
    geonameid: str
    lat: float
    lon: float
    score: float


class Toponym(BaseModel):
    """One place mention in a document, resolved (or not) with honest precision."""

    start: int = Field(description="offset of the place name itself (code points)")
    end: int
    text: str
    kind: Kind
    name: str | None = None
    geonameid: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature_code: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    precision: Precision | None = None
    uncertainty_km: float | None = None
    relation: Relation = "in"
    anchor: Anchor | None = None
    anchors: list[Anchor] = Field(default_factory=list, description="both ends of 'between'")
    bearing_deg: float | None = None
    distance_km: float | None = None
    phrase: Phrase | None = None
    confidence: float = Field(ge=0, le=1)
    reason: str
    candidates: list[CandidateRef] = Field(default_factory=list)


class ParsedDocument(BaseModel):
    id: str
    title: str | None = None
    text: str | None = None
    toponyms: list[Toponym]
