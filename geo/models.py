"""Value types at the boundaries between modules: what the gazetteer and geocoder return.

They validate what crosses a boundary, print themselves as JSON (`model_dump_json`) and
parse themselves back, like geopy's `Point` and `Location`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Match = Literal["exact", "alternate", "fuzzy"]


class cached_flag:
    """`functools.cached_property` for the boolean facts of a place, without its lock.

    Python 3.11 takes an RLock on the first read of each instance's property, and a
    geoparser run reads the flags of tens of thousands of new places.  The flags are
    pure functions of frozen fields, so two threads racing would only compute one twice.
    The value lands in the instance's `__dict__`, which later reads find first.
    """

    def __init__(self, func: Callable[[Any], bool]):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


class Place(BaseModel):
    """One gazetteer feature."""

    model_config = ConfigDict(frozen=True, ignored_types=(cached_flag,))

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

    @cached_flag
    def is_country(self) -> bool:
        return (self.feature_code or "").startswith("PCL")

    @cached_flag
    def is_continent(self) -> bool:
        return self.feature_code == "CONT"

    @cached_flag
    def is_wide(self) -> bool:
        """A country or a continent: never a point, never a neighbour of anything."""
        return self.is_country or self.is_continent

    @cached_flag
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
    population: int | None = Field(default=None, description="of the gazetteer entry, if known")
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
