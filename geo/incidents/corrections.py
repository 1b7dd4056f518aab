"""The analyst corrections file, applied on every run so fixes survive re-runs.

A TOML file (default: `corrections.toml` in the current folder, or `--corrections`):

    # Pin a mention's place (every occurrence of that text in that document).
    [[pin]]
    doc = "004_ed4c0e165cfa5413"
    text = "Izium"
    geonameid = "707292"            # a gazetteer place, or instead:
    # lat = 49.19; lon = 37.31; name = "Izium forest"; precision = "site"; uncertainty_km = 2

    # Fix a claim's type or date (claim ids are in `geo incidents --format json`).
    [[claim]]
    claim_id = "3f2a9c0d1b7e"
    event_type = "execution_massacre"
    date_start = "2022-09-15"
    date_end = "2022-09-16"
    date_precision = "days"
    date_kind = "discovery"

    # Merge incidents (or claims) the rules kept apart.
    [[merge]]
    incidents = ["inc-0a1b2c3d4e", "inc-5f6a7b8c9d"]

    # Take a claim out of its incident.
    [[split]]
    claim_id = "3f2a9c0d1b7e"

Unknown ids are reported, not fatal: a correction for an article that is gone should not
stop the run.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from geo.errors import InputError
from geo.models import Toponym


class Pin(BaseModel):
    doc: str
    text: str
    geonameid: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    name: str | None = None
    precision: str = "site"
    uncertainty_km: float = 1.0


class ClaimFix(BaseModel):
    claim_id: str
    event_type: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str | None = None
    date_kind: str | None = None


class Merge(BaseModel):
    incidents: list[str] = []
    claims: list[str] = []


class Split(BaseModel):
    claim_id: str


class Corrections(BaseModel):
    pin: list[Pin] = []
    claim: list[ClaimFix] = []
    merge: list[Merge] = []
    split: list[Split] = []


def load_corrections(path: Path | None) -> Corrections:
    if path is None or not path.exists():
        return Corrections()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Corrections.model_validate(data)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise InputError(f"{path}: {where}: {first['msg']}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None


def apply_pins(doc_id: str, toponyms: list[Toponym], pins: list[Pin], gaz) -> list[Toponym]:
    out = []
    for t in toponyms:
        pin = next((p for p in pins if p.doc == doc_id and p.text == t.text), None)
        if pin is None:
            out.append(t)
            continue
        if pin.geonameid:
            place = gaz.get(pin.geonameid)
            if place is None:
                out.append(t)
                continue
            from geo.places.resolve import precision_of, uncertainty_of

            upd = {"name": place.name, "geonameid": place.geonameid, "lat": place.lat,
                   "lon": place.lon, "feature_code": place.feature_code,
                   "country_code": place.country_code, "admin1": place.admin1,
                   "precision": precision_of(place), "uncertainty_km": uncertainty_of(place)}
        else:
            upd = {"name": pin.name or t.text, "geonameid": None, "lat": pin.lat,
                   "lon": pin.lon, "precision": pin.precision,
                   "uncertainty_km": pin.uncertainty_km}
        upd.update(relation="in", anchor=None, confidence=1.0,
                   reason="pinned by the analyst corrections file")
        out.append(t.model_copy(update=upd))
    return out


def apply_claim_fixes(claims, fixes: list[ClaimFix]):
    by_id = {f.claim_id: f for f in fixes}
    out = []
    for c in claims:
        f = by_id.get(c.claim_id)
        if f is None:
            out.append(c)
            continue
        upd = {k: v for k, v in f.model_dump(exclude={"claim_id"}).items() if v is not None}
        out.append(c.model_copy(update=upd))
    return out
