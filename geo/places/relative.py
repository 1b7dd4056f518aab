"""Relative locations: `25 km south of X`, `near X`, `north of X`, `eastern X`,
`the outskirts of X`, `between A and B`.

The mention keeps its anchor (the gazetteer place X); the drawn point moves and its
uncertainty widens, following the design notes:
- `D km <bearing> of X`: the geodesic destination from X, radius max(1 km, 0.3 x D)
  plus X's own radius;
- `near X` / `outside X` / `the outskirts of X`: X itself, radius about 10 km (5 km for
  outskirts) plus X's radius;
- `D km from X` (no direction): X itself, radius D plus X's radius;
- `north of X` (no distance): 10 km from X in that direction, radius 15 km;
- `eastern X`, `east X`: inside X, half its radius towards that side, radius 0.6 x X's;
- `between A and B`: the geodesic midpoint, radius half the distance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geographiclib.geodesic import Geodesic

from geo import numbers
from geo.distance import haversine_km, initial_bearing
from geo.fastre import with_first
from geo.models import Anchor, Phrase, Place, Toponym

BEARINGS = {
    "north": 0, "northeast": 45, "north-east": 45, "east": 90, "southeast": 135,
    "south-east": 135, "south": 180, "southwest": 225, "south-west": 225, "west": 270,
    "northwest": 315, "north-west": 315,
}
_DIR = (r"(north-?east|north-?west|south-?east|south-?west|north|south|east|west)")
_UNITS = {"km": 1.0, "kms": 1.0, "kilometres": 1.0, "kilometers": 1.0, "kilometre": 1.0,
          "kilometer": 1.0, "miles": 1.609344, "mile": 1.609344, "mi": 1.609344}
# ("north of the capital, Port-au-Prince": the capital set off by a comma)
# ("12 kilometres to the west of the urban centre of Tibú": the town itself)
_OF_TOWN = (r"(?:the\s+(?:(?:town|city|village|district|province|region)\s+of"
            r"|(?:(?:urban|town|city)\s+)?cent(?:re|er)\s+of"
            r"|capital(?:\s+of|,)?|(?:regional|provincial|state|district|county|national)\s+"
            r"capital(?:\s+of|,)?)\s+)?")
# numbers written as words, as translated and local reports give distances: "about twenty
# kilometres north-west of Ayorou", "a dozen kilometres from"
_WHOLE_WORDS = {"a dozen": 12, "a hundred": 100, "one hundred": 100}
_WORD_NUMBER = ("(?:(?:" + "|".join(numbers.TENS) + r")(?:[\s-](?:" + "|".join(numbers.UNITS)
                + "))?|" + "|".join(sorted([*_WHOLE_WORDS, *numbers.TEENS, *numbers.UNITS],
                                           key=len, reverse=True)) + ")")


def _number(word: str) -> float:
    """A distance's number, in digits or in words ("twenty-five", "a dozen")."""
    w = " ".join(word.lower().split())
    if w[:1].isdigit():
        return float(w)
    return float(_WHOLE_WORDS.get(w) or numbers.spelled_number(w.replace(" ", "-")) or 0)


# "20 kilometers (12 miles)": the number and its unit (groups 1 and 2), a conversion aside
_DISTANCE = (r"(\d+(?:\.\d+)?|\b" + _WORD_NUMBER + r")\s*-?\s*(km|kms|kilometres|kilometers"
             r"|kilometre|kilometer"
             r"|miles|mile|mi)"
             # ("15 kilometres (nine miles)": the aside in words too)
             r"(?:\s*\(\s*(?:\d+(?:\.\d+)?|(?:" + _WORD_NUMBER + r"))\s*-?\s*"
             r"(?:km|kms|kilometres|kilometers|miles|mi)\s*\))?")
# "20 km north-west of ": a distance and its direction (group 3)
_DISTANCE_DIR = _DISTANCE + r"\s+(?:to\s+the\s+)?" + _DIR + r"(?:ern)?\s+of\s+"
_OFFSET = re.compile(_DISTANCE_DIR + _OF_TOWN + r"$", re.I)
# "some 50 km from the town of Mandera": a distance with no direction; the place lies
# that far around the town (the design notes: the town, radius about the distance)
_FROM = re.compile(_DISTANCE + r"\s+(?:away\s+)?from\s+" + _OF_TOWN + r"$", re.I)
_DIRECTION = with_first(re.compile(r"\b" + _DIR + r"\s+of\s+" + _OF_TOWN + r"$", re.I))
_NEAR = with_first(re.compile(
    r"\b(near|nearby|outside|close\s+to|in\s+the\s+vicinity\s+of|around|"
    # ("a few kilometres from Kafranbel", "not far from Kafranbel")
    r"a\s+few\s+(?:kilomet(?:re|er)s|km|miles)\s+(?:away\s+)?from|not\s+far\s+from|"
    r"a\s+short\s+distance\s+from|"
    r"(?:on\s+)?the\s+outskirts\s+of|outskirts\s+of)\s+" + _OF_TOWN + r"$", re.I))
_SIDE = with_first(re.compile(r"\b(north-?eastern|north-?western|south-?eastern|south-?western|"
                   r"northern|southern|eastern|western)\s+$", re.I))
_PART_BEFORE = re.compile(r"\bthe\s+(?:far\s+)?$", re.I)
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+(?:towns|cities|villages)\s+of\s+)?$", re.I)

WINDOW = 80
_COMPASS = ("north", "south", "east", "west")
_NEAR_WORDS = ("near", "outside", "close", "vicinity", "around", "outskirts", "few", "far",
               "short")


@dataclass(frozen=True, slots=True)
class RelativeLocation:
    kind: str  # offset, distance, direction, near, outskirts, side, between
    phrase_start: int
    bearing_deg: float | None = None
    distance_km: float | None = None


def _bearing(word: str) -> float:
    w = word.lower().replace("ern", "")
    return float(BEARINGS[w if w in BEARINGS else w.replace("-", "")])


def find_relation(text: str, start: int, end: int) -> RelativeLocation | None:
    """The relative phrase that ends right before the mention at `start`, if any."""
    lo = max(0, start - WINDOW)
    before = text[lo:start]
    # Every phrase ends in white space and holds a key word: cheap substring tests
    # spare most mentions the five anchored searches.
    if not before[-1:].isspace():
        return None
    low = before.lower()
    compass = any(w in low for w in _COMPASS)
    if compass and " of" in low:
        m = _OFFSET.search(before)
        if m:
            d = _number(m.group(1)) * _UNITS[m.group(2).lower()]
            return RelativeLocation("offset", lo + m.start(), _bearing(m.group(3)), round(d, 2))
        m = _DIRECTION.search(before)
        if m:
            if _PART_BEFORE.search(before, 0, m.start()):
                # "in the west of Kabul": a part of the town, not beyond it
                return RelativeLocation("side", lo + m.start(), _bearing(m.group(1)))
            return RelativeLocation("direction", lo + m.start(), _bearing(m.group(1)))
    if " from " in low:
        m = _FROM.search(before)
        if m:
            d = _number(m.group(1)) * _UNITS[m.group(2).lower()]
            return RelativeLocation("distance", lo + m.start(), None, round(d, 2))
    if any(w in low for w in _NEAR_WORDS):
        m = _NEAR.search(before)
        if m:
            kind = "outskirts" if "outskirts" in m.group(1).lower() else "near"
            return RelativeLocation(kind, lo + m.start())
    if compass and "ern" in low:
        m = _SIDE.search(before)
        if m:
            return RelativeLocation("side", lo + m.start(), _bearing(m.group(1)))
    if "between" in low:
        m = _BETWEEN.search(before)
        if m:
            return RelativeLocation("between", lo + m.start())
    return None


def destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The geodesic destination on the WGS-84 ellipsoid (what geopy's `geodesic` computes,
    without importing geopy into every parse)."""
    r = Geodesic.WGS84.Direct(lat, lon, bearing, km * 1000.0)
    lon2 = r["lon2"] if -180.0 <= r["lon2"] <= 180.0 else (r["lon2"] + 180.0) % 360.0 - 180.0
    return round(r["lat2"], 5), round(lon2, 5)


def _offset(lat: float, lon: float, bearing: float, km: float, radius: float) -> dict:
    """A point `km` from (lat, lon) on `bearing`, as a toponym's fields: the design
    notes' radius, max(1 km, 0.3 x the distance), plus the anchor's own."""
    lat2, lon2 = destination(lat, lon, bearing, km)
    return {"relation": "offset", "lat": lat2, "lon": lon2, "bearing_deg": bearing,
            "distance_km": km, "precision": "near-settlement",
            "uncertainty_km": round(max(1.0, 0.3 * km) + radius, 1)}


def apply_relation(t: Toponym, rel: RelativeLocation, place: Place, text: str,
                   mentions, i: int, own_radius: float) -> Toponym:
    """Move the point of toponym `t` as the phrase says; keep the place as anchor."""
    anchor = Anchor(name=place.name, geonameid=place.geonameid, lat=place.lat, lon=place.lon)
    phrase = Phrase(start=rel.phrase_start, end=t.end, text=text[rel.phrase_start:t.end])
    upd: dict = {"anchor": anchor, "phrase": phrase}
    if rel.kind == "offset":
        upd.update(_offset(place.lat, place.lon, rel.bearing_deg, rel.distance_km,
                           own_radius))
    elif rel.kind == "direction":
        lat, lon = destination(place.lat, place.lon, rel.bearing_deg, 10.0)
        upd.update(relation="near", lat=lat, lon=lon, bearing_deg=rel.bearing_deg,
                   distance_km=10.0, precision="near-settlement",
                   uncertainty_km=round(15.0 + own_radius, 1))
    elif rel.kind == "distance":
        upd.update(relation="near", precision="near-settlement", distance_km=rel.distance_km,
                   uncertainty_km=round(max(1.0, rel.distance_km) + own_radius, 1))
    elif rel.kind in ("near", "outskirts"):
        r = 5.0 if rel.kind == "outskirts" else 10.0
        upd.update(relation="near", precision="near-settlement",
                   uncertainty_km=round(r + own_radius, 1))
    elif rel.kind == "side":
        lat, lon = destination(place.lat, place.lon, rel.bearing_deg, own_radius / 2)
        upd.update(relation="in", lat=lat, lon=lon, bearing_deg=rel.bearing_deg,
                   distance_km=round(own_radius / 2, 1), uncertainty_km=round(own_radius * 0.6, 1))
    elif rel.kind == "between":
        return t.model_copy(update={"phrase": phrase})  # completed by `between_pairs`
    reason = f"{t.reason}; {rel.kind} phrase {phrase.text!r}"
    upd["reason"] = reason
    return t.model_copy(update=upd)


def between_pairs(text: str, toponyms: list[Toponym]) -> list[Toponym]:
    """`between A and B`: A becomes the midpoint, radius half the A-B distance."""
    out = list(toponyms)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.phrase is None or not _BETWEEN.search(text[max(0, a.start - 40):a.start]):
            continue
        if not re.fullmatch(r"\s+and\s+", text[a.end:b.start]) or a.lat is None or b.lat is None:
            continue
        d = haversine_km(a.lat, a.lon, b.lat, b.lon)
        bearing = initial_bearing(a.lat, a.lon, b.lat, b.lon)
        mid_lat, mid_lon = destination(a.lat, a.lon, bearing, d / 2)
        anchors = [Anchor(name=x.name or x.text, geonameid=x.geonameid, lat=x.lat, lon=x.lon)
                   for x in (a, b)]
        phrase = Phrase(start=a.phrase.start, end=b.end, text=text[a.phrase.start:b.end])
        out[i] = a.model_copy(update={
            "relation": "between", "lat": mid_lat, "lon": mid_lon,
            "anchor": anchors[0], "anchors": anchors,
            "phrase": phrase, "distance_km": round(d, 1), "precision": "near-settlement",
            "uncertainty_km": round(max(1.0, d / 2), 1),
            "reason": f"{a.reason}; between {anchors[0].name} and {anchors[1].name}",
        })
    return out


# What a text says to place a name the gazetteer lacks, between that name and the
# place it is measured from: "Kocho, a Yazidi village south of Sinjar", "the Tadamon
# district of Damascus", "Khasfa, about 15 km south of Mosul", "Solhan, a village in
# Burkina Faso's Yagha province".
PLACE_TYPES = (r"village|town|township|city|hamlet|settlement|district|neighbou?rhood|suburb|"
               r"area|ward|favela|slum|"
               r"camp|quarter|locality|community|commune|municipality|"
               r"local\s+government\s+area|lga|region|province|county|sub-?district|sector")
_PART_OF_PLACE = ("district", "neighbourhood", "neighborhood", "suburb", "quarter", "camp",
                  "area", "subdistrict", "sub-district", "favela", "slum", "sector")
_APPOSITION = (r"\s*,?\s*"
               # ("Kocho, also spelt Kojo, lies ..."): the name's other spelling aside
               r"(?:(?:also\s+)?(?:spelt|spelled|written|known\s+as)\s+[\w’'-]+(?:\s+[\w’'-]+)?"
               r"\s*,\s*)?"
               r"(?:(?:which\s+)?(?:is|lies|sits)\s+)?"
               r"(?:(?:an?|the)\s+(?:[\w’'-]+\s+){0,4}?)?")
_HEDGE = (r"(?:(?:about|some|around|roughly|nearly|approximately|just|only|located|situated"
          r"|lying|lies|is|sits)\s+)*")
_BEFORE_RELATION = re.compile(r"^" + _APPOSITION + r"(?:(?:" + PLACE_TYPES + r")\s*,?\s*"
                              # ("a village of farmers and olive growers a few km from")
                              r"(?:of\s+(?:[\w’'-]+\s+){1,4}?)?)?"
                              r"(?:in\s+the\s+(?:mountains|hills|highlands|desert|plains?"
                              r"|valley|countryside)\s+)?" + _HEDGE + r"$", re.I)
_TYPE_THEN_PREP = re.compile(r"^" + _APPOSITION + r"(?P<type>" + PLACE_TYPES + r")\s+"
                             + _HEDGE + r"(?P<prep>in|of|near|outside|close\s+to)\s+"
                             # "a village in central Mali's Bandiagara region"
                             r"(?:the\s+)?(?:(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?"
                             r"|(?:east|west|central)(?:ern)?)\s+)?"
                             r"(?:the\s+)?(?:(?:mountains|hills|highlands|countryside"
                             r"|outskirts|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
                             r"(?:\s+part)?)\s+of\s+(?:the\s+)?)?$", re.I)
# "Saiza, in the rural zone of Tierralta": a part of a town's surroundings.
# "Tetelcingo, in the municipality of Cuautla": somewhere in the town's division.
_IN_PART_OF = re.compile(r"^\s*,?\s*in\s+the\s+(?:rural\s+|remote\s+)?(?:zone|area|part"
                         r"|outskirts|countryside|jurisdiction|hinterland|municipality|district"
                         r"|province|commune|county|department|territory|governorate"
                         r"|prefecture)\s+of\s+(?:the\s+)?$", re.I)
KINDS_OF_SETTLEMENT = r"(?:village|town|hamlet|settlement|community|locality)"
# "X, Y" / "X, in Y" / "X (Y" / "X in (eastern) Y" / "X lies in Y", where Y is an area
# (and "X village, Y district": the kind of place before the comma).
_COMMA_IN = re.compile(r"^\s*(?:" + KINDS_OF_SETTLEMENT + r"\s*)?"
                       r"(?:,\s*(?:in\s+)?|\(\s*|,?\s*(?:(?:lies|located|situated)\s+)?"
                       r"in\s+(?:the\s+)?"
                       r"(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?\s+"
                       r"|(?:east|west|central)(?:ern)?\s+)?)$", re.I)
# "Mashkaf, Bolan, District Kachhi": a chain of names the gazetteer may lack before the
# division, which may come after its kind ("District Kachhi", as Pakistani releases write)
_COMMA_CHAIN = re.compile(r"^(?:\s*,\s*(?-i:[A-Z][\w'’-]*)(?:\s+(?-i:[A-Z][\w'’-]*)){0,2}){0,2}"
                          r"\s*,\s*(?:(?:District|Tehsil|Province|Division|Region|State|County"
                          r"|Governorate|Oblast|Raion|Municipality)\s+)?$")
# "X (Y" or "X (District, Y": monitors' notes put a place's district and province in
# parentheses after it; Y may be the town that names the district ("Western Y": its part).
PAREN_OPEN = re.compile(r"\s*(?:(?:suburb|town|village|city|camp|district|area"
                        r"|neighbou?rhood)\s*)?\((?:[^(),.;]{1,40},\s*)?"
                        r"(?:(?:North|South|East|West|Central)(?:-?(?:east|west))?(?:ern)?\s+)?")
_SENTENCE_BREAK = re.compile(r"[.!?;\n]")
# "Djugu territory": a division named after its seat town, whose name the text gives
_DIVISION_NAMED = re.compile(r"\s+(?:territory|district|county|municipality|commune"
                             r"|township|cercle|department|prefecture|tehsil|woreda|LGA"
                             r"|local\s+government\s+area)\b")
DIVISION_KM = 25.0  # the radius of a division known only by its seat
# words between a possessive and the area it names: "English-speaking", "war-torn", "far"
_ADJECTIVES = re.compile(r"(?:[A-Za-z][\w-]*\s+){1,3}")
LOCATE_WINDOW = 80
# "..., about 20 kilometres northwest of the provincial capital, ...": a distance from the
# seat of the province just named, which no name follows
_SEAT_OFFSET = re.compile(
    r",?\s+(?:(?:about|some|around|roughly|nearly|approximately|just)\s+)?" + _DISTANCE_DIR
    + r"the\s+(?:provincial|regional|state|district|departmental|governorate)\s+capital\b"
    r"(?!\s*,?\s*(?:of\s+)?(?-i:[A-Z]))", re.I)


def locate_unknown(text: str, toponyms: list[Toponym]) -> list[Toponym]:
    """Give a point to each place the gazetteer lacks but the text locates.

    The name keeps its span and text (`geonameid` None); its point, radius, relation
    and anchor come from the place the text measures it from, never from a namesake
    elsewhere.  Precision stays honest: `near-settlement` for a village near or
    `N km south of` a town, `settlement` for a district of a city, `admin2` for a
    district of a province, and the area's own precision for "a village in <area>".
    """
    out = list(toponyms)
    # From the last: "Tha Byu village in Kani township of Sagaing region" places Kani by
    # Sagaing, then Tha Byu by Kani.
    for i in range(len(out) - 1, -1, -1):
        t = out[i]
        if t.kind != "place" or t.lat is not None or t.geonameid is not None:
            continue
        for j in range(i + 1, len(out)):
            y = out[j]
            if y.start - t.end > LOCATE_WINDOW:
                break
            if y.lat is None or y.kind not in ("place", "embedded") or y.relation == "between":
                continue
            located = _locate(text, t, y, out, j)
            if located is not None:
                out[i] = located
            break
        if out[i].lat is None and i > 0:
            out[i] = _area_before(text, t, out[i - 1]) or _area_earlier(text, t, out, i) \
                or _the_towns(text, t, out, i) or out[i]
    return out


# "a mass grave in the town's al-Asri neighbourhood": a part of the town just named
# (and what a text calls a part of its town whatever the gazetteer holds: "the capital's
# Mirpur area", read so by `geo.places.resolve`)
THE_TOWNS = re.compile(r"\bthe\s+(?:town|city|village|capital)['’]s\s+$", re.I)
TOWN_BEFORE_WINDOW = 600  # characters back to the town "the town's" means


def _the_towns(text: str, t: Toponym, out: list[Toponym], i: int) -> Toponym | None:
    """`t`, a place the gazetteer lacks that the text calls a part of "the town" ("the
    town's al-Asri neighbourhood"), placed in the last town named before it: a part of
    it, as wide as the town."""
    if not THE_TOWNS.search(text, max(0, t.start - 20), t.start):
        return None
    for j in range(i - 1, -1, -1):
        y = out[j]
        if t.start - y.end > TOWN_BEFORE_WINDOW:
            return None
        if y.kind == "place" and y.lat is not None and y.geonameid is not None \
                and y.precision == "settlement" and y.relation in (None, "in"):
            return placed_in_town(t, y, "a part of the town it named before")
    return None


def placed_in_town(t: Toponym, town: Toponym, how: str) -> Toponym:
    """`t`, a place the gazetteer lacks that the text puts inside `town` (`how` says
    where the text does so): the town's point, as wide as the town."""
    anchor = Anchor(name=town.name or town.text, geonameid=town.geonameid, lat=town.lat,
                    lon=town.lon)
    return t.model_copy(update={
        "name": t.text, "lat": town.lat, "lon": town.lon, "country_code": town.country_code,
        "admin1": town.admin1, "anchor": anchor, "confidence": 0.4, "relation": "in",
        "precision": "settlement", "uncertainty_km": town.uncertainty_km,
        "reason": f"not in the gazetteer; placed by the text ({how}, {anchor.name})"})


_SETTLEMENT_OF = re.compile(KINDS_OF_SETTLEMENT + r"\s+of\s+$")
_A_SETTLEMENT = re.compile(r",\s+an?\s+(?:[\w-]+\s+){0,2}" + KINDS_OF_SETTLEMENT
                           + r"\b")
EARLIER_WINDOW = 300  # characters back to the district a story has just named


def _area_earlier(text: str, t: Toponym, out: list[Toponym], i: int) -> Toponym | None:
    """`t`, a place the gazetteer lacks that nothing beside it locates, placed in the
    district or province the text named just before, in the same paragraph ("the road
    that climbs to Muidumbe district ... the insurgents took into Xitaxi, a village"):
    a story names the area, then its villages.  Only a name the text calls a village or
    town, as wide as the area is, and said so."""
    if not (_SETTLEMENT_OF.search(text, max(0, t.start - 30), t.start)
            or _A_SETTLEMENT.match(text, t.end)):
        return None
    for j in range(i - 1, -1, -1):
        y = out[j]
        if t.start - y.end > EARLIER_WINDOW or "\n\n" in text[y.end:t.start]:
            return None
        if y.kind != "place" or y.lat is None or y.geonameid is None:
            continue
        if y.precision not in ("admin1", "admin2"):
            return None  # (a town named in between: the story has moved on)
        anchor = Anchor(name=y.name or y.text, geonameid=y.geonameid, lat=y.lat, lon=y.lon)
        return t.model_copy(update={
            "name": t.text, "lat": y.lat, "lon": y.lon, "country_code": y.country_code,
            "admin1": y.admin1, "anchor": anchor, "confidence": 0.3, "relation": "in",
            "precision": y.precision,
            "uncertainty_km": round(max(y.uncertainty_km or 0.0, DIVISION_KM), 1),
            "reason": f"not in the gazetteer; placed in the area the text named just "
                      f"before ({anchor.name})"})
    return None


# "the Burkina Faso village of Solhan", "the central Malian town of Moura": the area
# named (or its people's adjective) before the kind of place and "of".
_SIDE_ADJECTIVES = (r"border|remote|small|tiny|rural|northern|southern|eastern|western|central"
                    r"|north-?(?:east|west)ern|south-?(?:east|west)ern")
_AREA_TYPE_OF = re.compile(r"\s+(?:(?:" + _SIDE_ADJECTIVES + r"|frontier|farming|mountain"
                           r"|mountainous|desert|coastal|restive|embattled|besieged|occupied)"
                           r"\s+)*(?:village|town|city|hamlet|settlement|community|commune"
                           r"|locality)\s+of\s+$", re.I)
_AREA_BEFORE = re.compile(r"\bthe\s+(?:(?:" + _SIDE_ADJECTIVES + r")\s+)*$", re.I)


def area_before(text: str, start: int, end: int, name_start: int) -> bool:
    """Is text[start:end] the area of "the <area> village of <name>"?"""
    return _AREA_TYPE_OF.fullmatch(text, end, name_start) is not None \
        and _AREA_BEFORE.search(text, max(0, start - 40), start) is not None


def _area_before(text: str, t: Toponym, y: Toponym) -> Toponym | None:
    """`t` (a name the gazetteer lacks) placed in the country or division named just
    before its kind: "the Burkina Faso village of Solhan" is somewhere in Burkina Faso,
    as wide as the country (or division) is."""
    if y.lat is None or y.kind not in ("place", "demonym") \
            or y.precision not in ("country", "admin1", "admin2") \
            or not area_before(text, y.start, y.end, t.start):
        return None
    anchor = y.anchor or Anchor(name=y.name or y.text, geonameid=y.geonameid, lat=y.lat,
                                lon=y.lon)
    phrase = Phrase(start=y.start, end=t.end, text=text[y.start:t.end])
    return t.model_copy(update={
        "name": t.text, "lat": y.lat, "lon": y.lon, "country_code": y.country_code,
        "admin1": y.admin1 if y.precision != "country" else None, "anchor": anchor,
        "phrase": phrase, "confidence": 0.5, "relation": "in", "precision": y.precision,
        "uncertainty_km": round(max(y.uncertainty_km or 0.0, DIVISION_KM), 1),
        "reason": f"not in the gazetteer; placed by the text (in {anchor.name}: "
                  f"{phrase.text!r})"})


def _locate(text: str, t: Toponym, y: Toponym, out: list[Toponym], j: int) -> Toponym | None:
    rel_start = y.phrase.start if y.phrase is not None and y.relation != "in" else y.start
    if rel_start < t.end:
        return None
    between = text[t.end:rel_start]
    if _SENTENCE_BREAK.search(between):
        return None
    type_word, prep = None, None
    in_division = False  # "Mahu, in Djugu territory": somewhere in the town's division
    if y.relation in ("offset", "near") and y.anchor is not None:
        if not _BEFORE_RELATION.match(between):
            return None
    else:
        m = _TYPE_THEN_PREP.match(between)
        if m:
            type_word, prep = m.group("type").lower(), m.group("prep").lower()
        elif _IN_PART_OF.match(between):
            # somewhere around the town, not in it (in a division: in it)
            prep = "near" if y.precision in ("settlement", "site") else "in"
        elif _COMMA_IN.match(between) and y.precision in ("settlement", "site") \
                and _DIVISION_NAMED.match(text, y.end):
            in_division, prep = True, "in"
        elif not ((_COMMA_IN.match(between) or _COMMA_CHAIN.match(between))
                  and y.precision in ("admin2", "admin1", "country")
                  or PAREN_OPEN.fullmatch(between)):
            return None
        # "Burkina Faso's Yagha province", "Cameroon's English-speaking South-West
        # region": the finer area named after the possessive (and its adjectives).
        if j + 1 < len(out) and text[y.end:y.end + 3] in ("'s ", "’s "):
            z = next((o for o in out[j + 1:j + 4] if o.kind == "place"), out[j + 1])
            if z.lat is not None and z.kind == "place" and (
                    z.start == y.end + 3 or _ADJECTIVES.fullmatch(text, y.end + 3, z.start)
                    and z.precision in ("admin1", "admin2")
                    and z.country_code == y.country_code):
                y = z
    anchor = y.anchor or Anchor(name=y.name or y.text, geonameid=y.geonameid, lat=y.lat,
                                lon=y.lon)
    phrase = Phrase(start=t.start, end=y.end, text=text[t.start:y.end])
    upd: dict = {"name": t.text, "lat": y.lat, "lon": y.lon, "country_code": y.country_code,
                 "admin1": y.admin1 if y.precision != "country" else None,
                 "anchor": anchor, "phrase": phrase, "confidence": 0.5,
                 "bearing_deg": y.bearing_deg, "distance_km": y.distance_km}
    unc = y.uncertainty_km or 0.0
    if y.relation in ("offset", "near"):
        upd.update(relation=y.relation, precision="near-settlement", uncertainty_km=unc)
    elif in_division:  # whose seat the point is
        upd.update(relation="in", precision="admin2",
                   uncertainty_km=round(max(unc, DIVISION_KM), 1))
    elif prep in ("near", "outside", "close to") or (
            y.precision in ("settlement", "site") and type_word not in _PART_OF_PLACE):
        upd.update(relation="near", precision="near-settlement",
                   uncertainty_km=round(unc + 10.0, 1))
    elif y.precision in ("settlement", "site"):
        upd.update(relation="in", precision="settlement", uncertainty_km=unc)
    elif y.precision == "admin1" and type_word is not None and type_word not in (
            "village", "town", "city", "hamlet", "settlement", "camp", "locality",
            "community", "region", "province"):
        upd.update(relation="in", precision="admin2", uncertainty_km=max(unc, DIVISION_KM))
    else:
        # (a village anywhere in a district: no nearer its point than the district is
        # wide, whatever few towns the gazetteer puts in it)
        wide = y.precision in ("admin2", "admin1")
        upd.update(relation="in", precision=y.precision,
                   uncertainty_km=max(unc, DIVISION_KM) if wide else unc)
    seat = _SEAT_OFFSET.match(text, y.end) if y.precision in ("settlement", "site") else None
    if seat is not None and upd.get("relation") == "near":
        # "Dahyan, a town in the province of Saada, about 20 kilometres northwest of the
        # provincial capital": measured from the province's seat, the town named
        upd.update(_offset(y.lat, y.lon, _bearing(seat.group(3)),
                           float(seat.group(1)) * _UNITS[seat.group(2).lower()], unc))
    if in_division:
        how = "in the division of"
    elif type_word:
        how = f"{type_word} {prep}"
    else:
        how = "located"
    upd["reason"] = (f"not in the gazetteer; placed by the text ({how} "
                     f"{anchor.name}: {phrase.text!r})")
    if upd.get("relation") == "offset" and seat is not None:
        upd["reason"] += f"; {seat.group().strip(' ,')!r}, measured from {anchor.name}"
    return t.model_copy(update=upd)
