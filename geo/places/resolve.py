"""Choose the place each mention means, using the whole article as context.

For every mention the gazetteer offers candidates; each gets the geocoder's prior (match,
feature type, population; see `geo.gazetteer.geocode`) plus what the article says:
- country context: countries and demonyms the article mentions, weighted by how often;
- admin context: first-order divisions the article mentions (`Ohio`, `Kharkiv region`);
- containment: `Izyum, Kharkiv region` or `Syria's Raqqa` - the candidate inside the
  named area wins;
- spatial coherence: candidates close to the other places of the article gain, so
  `Bucha` in an article about Kyiv is the Ukrainian town;
- one sense per discourse: every occurrence of a name gets the same place;
- a text that names one place and nothing else (a headline, a one-line brief) has no
  context: there the country whose best-known namesake is largest gains (`Palmyra`
  alone is the Syrian city, not one of seventeen small US towns);
- a candidate matched only as a spelling variant stays only in a country the text
  supports (`_drop_unsupported_variants`), and the context veto drops small places far
  outside the article (`_veto_isolated`).
Then relative phrases move the point and widen its uncertainty (`geo.places.relative`), and
precision follows what the place is, never more precise than that.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from geo.distance import EARTH_KM
from geo.fastre import with_first
from geo.gazetteer.geocode import prior_score
from geo.gazetteer.lookup import Gazetteer
from geo.gazetteer.normalize import key, norm, strip_articles
from geo.models import Place, Toponym
from geo.places.demonyms import demonym_country
from geo.places.mentions import Mention
from geo.places.recognize import (
    APPOSITION_END,
    DIVISION_KINDS,
    NAMED_AGAIN,
    NAMED_BY_TEXT,
    PART_OF_KM,
    PART_WORD_AFTER,
    bare_word,
    dateline_at,
    said_to_be_a_place,
)
from geo.places.relative import (
    KINDS_OF_SETTLEMENT,
    PAREN_OPEN,
    THE_TOWNS,
    RelativeLocation,
    area_before,
    between_pairs,
    find_relation,
    locate_unknown,
    placed_in_town,
)

_IN_THE = re.compile(r",?\s+in\s+the\s+")
# "Lyman in neighbouring Donetsk Oblast": a word of nearness still files the town, as `in`
_IN_NEARBY = re.compile(r",?\s+in\s+(?:the\s+)?(?:neighbou?ring|nearby|adjacent)\s+"
                        # "San Fernando, also in Tamaulipas": filed like the town before it
                        r"|,\s+also\s+in\s+")
_IN_SIDE_OF = re.compile(r",?\s+in\s+(?:the\s+)?(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?"
                         r"|(?:east|west|central)(?:ern)?)\s+")
_DIVISION_WORD_AFTER = re.compile(rf"\s+(?:{DIVISION_KINDS})\b")
_DIVISION_OF_BEFORE = re.compile(rf"\b(?:{DIVISION_KINDS})\s+of\s+(?:the\s+)?$", re.I)
_FOLLOWING_AREA = re.compile(r",\s*([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)")
_TOWN_WORD_AFTER = re.compile(r"\s+(?i:town|village|city)\b")
# "the Vostochny (Skhidnyi) microdistrict": a name's other spelling opens after it
_ALIAS_OPEN = re.compile(r"\s*\(\s*")
# "near the town of Raska": the text says the name is a settlement's
_TOWN_OF_BEFORE = re.compile(r"\b(?i:" + KINDS_OF_SETTLEMENT + r"|city)\s+of\s+$")
_QUALIFIER = re.compile(r"\s*\([^()]*\)$")


@lru_cache(maxsize=50_000)
def _bare_name(name: str) -> str:
    """A gazetteer name without its qualifier: GeoNames writes "Halle (Saale)",
    "Frankfurt (Oder)", "Kempten (Allgäu)" where people write the first word alone."""
    return norm(_QUALIFIER.sub("", name))


# "the Carrefour district of Duékoué", "the Tadamon neighbourhood in Damascus"
_PART_OF = re.compile(r"\s+(?:district|neighbou?rhood|quarter|suburb|ward|sector|favela|slum"
                      r"|microdistrict)\s+"
                      r"(?:of|in)\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?")
_BUILDING_IN = re.compile(
    # ("the Giwa military barracks in Maiduguri": a word or two of its kind between; "St
    # Andrew's church in Bucha": a saint's, in the possessive)
    r"(?:['’]s)?\s+(?:(?:military|army|police|central|general|main|federal|national|state|regional"
    r"|district|provincial|municipal|city|old|new|maximum-security|displacement|refugee"
    r"|detention)\s+){0,2}(?:caf[eé]|hotel|restaurant|mosque|church|cathedral|school|hospital|market"
    r"|cemetery|stadium|prison|bar|nightclub|club|mall|university|college|barracks"
    r"|bakery|supermarket"
    # "the Panorama grave in al-Raqqa", "the Zamzam camp near El Fasher"
    r"|(?:mass\s+)?graves?|burial\s+site|camp|compound|complex|square"
    # ("the Panorama park in Raqqa", "the Candelária church in central Rio")
    r"|park|gardens?|plaza|theat(?:re|er)|museum|palace|monastery|temple|shrine|factory"
    # ("the San Mateo police post in Soacha", "the Taura air base near Guayaquil")
    r"|(?:police\s+)?(?:post|station)|checkpoint|(?:air\s+)?base)\b"
    r"(?:[^.;:()]{0,50}?\b(?:in|at|near|outside|of)\s+(?:the\s+)?"
    r"(?:(?:city|town|village)\s+of\s+|(?:central|downtown|northern|southern|eastern"
    r"|western)\s+)?|\s*,\s*)", re.I)
# "the walled Old Town of Dubrovnik": a town's own part, not Old Town, Maine
_OLD_TOWN = re.compile(r"(?:Old|New|Upper|Lower)\s+(?:Town|City|Quarter)")
_OF = re.compile(r"\s+of\s+(?:the\s+)?")
_NEIGHBOURHOOD_AFTER = re.compile(r"\s+(?:neighbou?rhood|quarter|suburb|barrio|colonia|favela|slum"
                                  r"|comuna)\b(?!\s+(?:of|in)\b)", re.I)
_THE_DISTRICT = re.compile(r"\s+district\b(?!\s+(?:of|in)\b)", re.I)
MAX_TOWNS = 200  # settlement readings a neighbourhood is measured against
_SAID_NEAR = re.compile(r"(?:\s+I{1,3}V?)?"  # "Boya I, near Bouca": the numeral ends the name
                        # (its kind may follow: "Abu Hammad village, E of Raqqa")
                        r"(?:\s+(?:village|town|hamlet|settlement|camp))?"
                        # ("Taza, a mostly Shiite Turkmen town about 20 kilometers (12
                        # miles) south of Kirkuk": what the place is may come first)
                        # ("the village of Kamianka near Izium": the comma may go)
                        r"(?:,\s+(?:(?:an?|the)\s+(?:[\w'’-]+\s+){0,4}?(?:town|village|city|hamlet"
                        r"|settlement|community|suburb|district|area)\s+(?:(?:located|situated"
                        r"|lying)\s+)?)?|\s+)"
                        # ("Pueblo Viejo, on a hillside outside Iguala")
                        r"(?:(?:on|in|at)\s+(?:a|an|the)\s+(?:hillside|hill|slope|ridge|farm|ranch"
                        r"|road|highway|track|field|forest|riverbank)\s+)?"
                        r"(?:(?:some|about|around|roughly|just)\s+)?(?:near|outside|close\s+to"
                        r"|(?:on\s+)?the\s+(?:northern\s+|southern\s+|eastern\s+|western\s+)?"
                        r"(?:outskirts|edge)\s+of"
                        # ("about three kilometres west of the centre of Iguala")
                        r"|not\s+far\s+from|(?:(?P<km>\d+|one|two|three|four|five|six|seven"
                        r"|eight|nine|ten|a\s+few)\s*(?:km|kilometres|kilometers|miles)"
                        r"(?:\s*\([^()]{0,25}\))?\s+)?"
                        # (a monitor's abbreviation: "Abu Hammad village, E of Raqqa")
                        r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|[NS][EW]?|[EW])"
                        r"\s+of)\s+(?:the\s+(?:cent(?:re|er)|edge)\s+of\s+)?"
                        r"(?:the\s+)?(?:(?:town|city|village|capital|state\s+capital)\s+(?:of\s+)?)?")
REF_SHARE = 10  # a reference town's namesakes a tenth as big as the biggest are not meant
_TOWN_EDGE = re.compile(r"outskirts|edge", re.I)
NEAR_TOWN_KM = 60.0  # "X, near Y", "X, north of Y": X this far from Y at most
_POSSESSIVE = re.compile(r"['’]s\s+")
# "in Barangay Poblacion here Tuesday", "at the Kasba area here": a wire's "here" is its
# dateline's town (not "here is", "here and there")
_HERE = re.compile(r"\s+here\b(?!\s+(?:is|are|was|were|and)\b)(?!['’])", re.I)
_ROUTE_JOIN = re.compile(r"[-‐–—]")
_ROUTE_NEXT = re.compile(r"\s+(?:road|highway|motorway|route|axis|corridor)\b", re.I)
_NAME_GOES_ON = re.compile(r" [A-Z]")
# ("the Burkina Faso village of Solhan", "the Tigray village of Togoga": the area's)
_SETTLEMENT_WORD_AFTER = re.compile(r"\s+(?:village|hamlet)\b(?!\s+of\b)", re.I)
FILED_KM = 50.0  # "Santa Catalina, Samaniego (Nariño)": a village this near its municipality
FILED_ABROAD_KM = 300.0  # "Léré, Niafunké cercle": no Léré this far abroad is the one
ROUTE_KM = 400.0  # a road named by its two ends joins towns no farther apart than this
# "Kani township of Sagaing region", "Rigasa district in Kaduna": the kind of the place
# named, then the area it lies in
_KIND_OF = re.compile(r"\s+(?:township|district|sub-?district|county|municipality|commune"
                      r"|village|town|area|region|(?i:local\s+government(?:\s+area)?)|LGA)"
                      r"\s+(?:of|in)\s+(?:the\s+)?")
# "Kango village, Djugu territory": the kind of place, then the district it lies in
_KIND_COMMA = re.compile(r"\s+" + KINDS_OF_SETTLEMENT + r"\s*,\s+")
# "El Guayabo, a village in the municipality of Técpan de Galeana", "X, a hamlet in the
# mountains of Y municipality": an apposition that files the place in an area
# (or, the kind of place unsaid, "Tetelcingo, in the municipality of Cuautla")
# "Ban Phue, a farming village in ...": the text says what the place is (not its district)
_CALLED_A_SETTLEMENT = re.compile(r",\s+(?:an?|the)\s+(?:[\w’'-]+\s+){0,3}?(?:village|town"
                                  r"|hamlet|settlement|community|locality)\b")
_SAID_TO_LIE_IN = re.compile(
    r",\s+(?:(?:an?|the)\s+(?:[\w’'-]+\s+){0,3}?(?:village|town|hamlet|settlement|community"
    # ("Kani, a town on the west bank of the Chindwin River in Sagaing Region")
    r"|locality)\s+(?:(?:located|situated|lying)\s+|(?:on|along|by)\s+(?:[\w’'-]+\s+){1,8}?)?"
    r"in\s+(?:the\s+)?(?:(?:[\w’'-]+\s+){0,2}?"
    r"(?:municipality|district|province|commune|county|department|state|territory"
    r"|mountains|hills|countryside)\s+of\s+(?:the\s+)?)?"
    r"|in\s+the\s+(?:municipality|district|province|commune|county|department|territory"
    r"|governorate|prefecture)\s+of\s+(?:the\s+)?)")
W_COUNTRY = 0.25
W_ADMIN1 = 0.2
W_CONTAIN = 0.5
W_SPATIAL = 0.2
W_WIDER = 0.1
W_COUNTY_TOWNS = 0.2  # a county whose towns the text names (fitted on the odd lines)
# A town that shares its county with a town of another name the text writes (any reading
# of that name, by its own name): New London, Iowa beside Mt. Pleasant and Winfield, all
# three in Henry County, not New London, Connecticut (fitted on the odd lines; 0.05 to
# 0.2 alike).  Names that may be a country or a state are left to the votes.
W_NEIGHBOURS = 0.05
W_ADMIN2 = 0.1  # a town inside a county the text names (fitted on the odd lines)
W_PAREN_ABROAD = 0.3  # a town outside every division its parenthesised name may be
# Beside a place whose own name the text writes, a place that only carries the name as
# another of its names (Aleppo's old `Berea`, New York City's `New York`) loses this
# much: papers name places by their own names (fitted on the odd lines of the corpora).
# A division is exempt: `Baker` for Baker County is its name without the kind word.
W_OTHER_NAME = 0.1
W_SPELLED = 0.02  # a town's other name times its likeness to the town's own name
W_TOWN_SAID = 0.3  # a division by another of its names, where the text says "the town of"
W_STATE_NAME = 0.2  # a town named as a first-order division its name also names (odd)
W_CAPITAL = 0.1  # the capital of a country the text names (fitted on the odd lines)
# "El Mozote, Morazán, between ...": the name that closes an apposition files the place
# before it, so its province (or country) reading is the likelier
W_FILING = 0.15
_APPOSITION_END = re.compile(APPOSITION_END)
W_FULL_NAME = 0.3  # a namesake whose own names hold the name with its division word
W_PAREN_DIVISION = 0.3  # a province reading of a name in a monitor's parenthesis
W_SHARE = 0.1  # a lone name: the share of its namesakes' population a candidate holds
# A vetoed name's reason: kept when the text calls it a place (see `resolve`).
ONLY_ABROAD = "as a place near the article's others"
ALIAS_SHARE = 0.25  # ... counting a namesake known by another name at this part
ISOLATED_KM = 800.0  # a place this far from all of the article's other places...
DEMONYM_KM = 2000.0  # ...or this far from the country of a demonym it uses...
PORTABLE_POPULATION = 100_000  # ...is kept only if it is this big (or a capital or area)
VILLAGE_POPULATION = 5_000  # "Massacre in Hama": a village that Hama alone keeps off
VOTE_ROUNDS = 2
MAX_CANDIDATES = 5
MAX_COHERENCE = 25
MAX_NEIGHBOURS = 200
SCAN_ANCHORS = 32  # the veto scans this many of a country's town anchors without a tree
CLIPPED_POPULATION = 1_000_000  # a city this big is still named by its first word alone
VARIANT = 0.85  # the match weight of a spelling variant (the same `key`, another `norm`)


def settlement_radius_km(population: int) -> float:
    """Rough radius of a town from its population: 2 km for a village, ~11 km for 2 million."""
    return round(min(25.0, max(2.0, 1.5 + math.sqrt(max(0, population)) / 150)), 1)


def precision_of(place: Place) -> str:
    if place.is_wide:
        return "country"
    code = place.feature_code or ""
    if code == "ADM1":
        return "admin1"
    if code.startswith("ADM") or code == "ADMD":
        return "admin2"
    if place.feature_class == "P":
        return "settlement"
    if place.feature_class == "A":
        return "admin2"
    return "site"


def uncertainty_of(place: Place) -> float:
    prec = precision_of(place)
    if prec == "settlement":
        return settlement_radius_km(place.population)
    if prec == "site":
        return 1.0
    if place.radius_km:
        return place.radius_km
    return {"admin2": 50.0, "admin1": 150.0, "country": 500.0}[prec]


_ABBREVIATED = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}


@lru_cache(maxsize=200_000)
def _unabbreviated(normed: str) -> str:
    """A normalised name with its abbreviated words written out (`st petersburg` ->
    `saint petersburg`): papers write `St.`, `Ft.` and `Mt.` for the words a place's own
    name spells in full, so the abbreviation is that name, not one of its other names."""
    words = normed.split()
    return " ".join(_ABBREVIATED.get(w, w) for w in words) if any(
        w in _ABBREVIATED for w in words) else normed


@lru_cache(maxsize=1)
def _english_country_names() -> dict[str, str]:
    """ISO2 -> the normalised English name by which CLDR calls the country (`russia`,
    where GeoNames says Russian Federation; `brunei`, `cape verde`, `vatican city`)."""
    from babel import Locale

    out = {}
    for code, name in Locale("en").territories.items():
        if len(code) == 2 and code.isalpha():
            out[code] = norm(name.split("(")[0].replace("&", "and").strip())
    return out


def _candidates(m: Mention) -> dict[str, tuple[Place, float, str]]:
    """Place id -> (place, match weight, matched name), best name per place.

    A short word (three letters or fewer, not capitals, not an abbreviation with its
    dot) names only places whose own name it is: `Pa` is a town's name in Burkina
    Faso, but only one of Chongqing's many alternate names.  Short capitals (`EU`,
    `DC`) are initials: a town whose own name is that word (Eu, France) is named by
    them no more than by another of its names.  A name written with `St.` or `Mt.` is
    the own name of the place that spells the word out (St. Petersburg, Russia, whose
    name is Saint Petersburg), as much as of a place spelled with the abbreviation.
    """
    n = norm(m.text)
    out: dict[str, tuple[Place, float, str]] = {}
    letters = sum(c.isalpha() for c in m.text)
    short = letters <= 3 and not m.text.isupper() and not m.text.endswith(".")
    # ("Al-Fu" of a cut "Al-Fu&#8217;ah": the article's two letters of a name are no
    # spelling of Fu, one of a Chinese city's other names)
    core = strip_articles(n)
    short = short or core != n and sum(c.isalpha() for c in core) <= 2
    initials = letters <= 3 and m.text.isupper() and not m.capitals_dateline
    dotted = m.text.endswith(".")
    low = m.text.casefold()
    full = _unabbreviated(n)
    # "Foča": marks the text writes that one namesake's name has and another's lacks
    # (Foça, Turkey) say which is meant
    marked = not m.text.isascii() and any(
        name.casefold() == low for _, name, _, primary in m.hits if primary)
    for place, name, nnorm, primary in m.hits:
        if short and not (primary and nnorm == n) and not (
                nnorm == n and place.population >= CLIPPED_POPULATION
                and norm(place.name).startswith(n + " ")):
            # (but a great city's name cut to its first word is still its name: "Rio")
            continue
        own = primary and nnorm == n and not (initials and not place.name.isupper()) \
            and not (dotted and not place.name.endswith(".")) \
            and not (marked and name.casefold() != low)
        if not own and full != n and nnorm == n:
            own = _unabbreviated(norm(place.name)) == full
        if not own and place.is_country and nnorm == n and name.casefold() == low:
            # a country's English name is its own name (Russia, not only an other name
            # of the Russian Federation)
            own = _english_country_names().get(place.country_code or "") == n
        w = 1.0 if own else 0.92 if nnorm == n else VARIANT
        if w == 0.92 and name.islower() and not m.text.islower():
            # (an other name GeoNames keeps in lower case, a word rather than a name:
            # Tonk's "tank" is no reading of the town "Tank" the text capitalises)
            w = VARIANT
        if w == 0.92 and place.is_country and name.casefold() != low:
            # a country's name in another language with marks the text lacks (`Benĩ`
            # for "Beni", a town of Congo): no better than a spelling variant
            w = VARIANT
        prev = out.get(place.geonameid)
        if prev is None or w > prev[1]:
            out[place.geonameid] = (place, w, name)
    if any(not p.is_country and (w == 1.0 or w >= 0.92 and p.population >= PORTABLE_POPULATION)
           for p, w, _ in out.values()):
        # A country's name in another language (`Qana`, `Marawi`: Arabic and other names
        # of Ghana and Malawi) beside a town whose own name it is, or a city's: English
        # news means the town.  (`America`, `Holland`, English names, stay.)
        english = _english_names_of_countries()
        for gid, (p, w, _) in list(out.items()):
            if p.is_country and w < 1.0 and n not in english.get(p.country_code or "", ()) \
                    and n != norm(p.name.split(",")[0]):  # ("Palestine, State of")
                del out[gid]
    return out


@lru_cache(maxsize=1)
def _english_names_of_countries() -> dict[str, frozenset[str]]:
    """ISO2 -> the country's English names: CLDR's and the short names of
    geo/data/aliases.tsv (`America`, `Holland`, `Burma`, `Bosnia`)."""
    from geo.gazetteer.build import read_aliases

    out: dict[str, set[str]] = {cc: {n} for cc, n in _english_country_names().items()}
    for target, names in read_aliases().items():
        if len(target) == 2 and target.isalpha():
            out.setdefault(target, set()).update(norm(x) for x in names)
    return {cc: frozenset(v) for cc, v in out.items()}


def _far_from(ps, qs, km: float, with_radius: bool = False) -> bool:
    """Is every place of `ps` farther than `km` from every place of `qs` (from the edge
    of each of `qs`, `with_radius`)?"""
    return not any(_km(p.lat, p.lon, q.lat, q.lon)
                   <= km + ((q.radius_km or 0.0) if with_radius else 0.0)
                   for p in ps for q in qs)


# "Nara, near the Mauritanian border", "Qaa, on the border with Syria": the place lies by
# that country, whatever namesake is bigger elsewhere.
_NEAR_BORDER = re.compile(
    r",?\s+(?:near|on|along|by|close\s+to|at)\s+the\s+(?:(?:border|frontier)\s+with\s+"
    r"(?:the\s+)?([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)|([A-Z][\w’'-]+)\s+(?:border|frontier))")
BORDER_KM = 150.0  # a place "near the border" of a country lies this close to its shape


def _keep_near_the_border(text: str, mentions: list[Mention], cands, gaz: Gazetteer) -> None:
    """Keep, of a name's readings, those near the country whose border the text says the
    place lies by (if any is)."""
    for i, m in enumerate(mentions):
        if m.kind != "place" or len(cands[i]) < 2:
            continue
        b = _NEAR_BORDER.match(text, m.end)
        if b is None:
            continue
        word = b.group(1) or b.group(2)
        cc = demonym_country(word)
        if cc is None:
            cc = next((h.place.country_code for h in gaz.lookup(word)
                       if h.place.is_country and h.norm_equal), None)
        if cc is None:
            continue
        near = {g: c for g, c in cands[i].items()
                if (km := gaz.km_to_country(cc, c[0].lat, c[0].lon)) is not None
                and km <= BORDER_KM}
        if near:
            cands[i] = near


def _drop_namesakes_ruled_out(text: str, mentions: list[Mention], cands) -> None:
    """Empty the readings of a name that the text puts somewhere none of them lies, so
    that it becomes a place the gazetteer lacks, placed by its neighbour
    (`locate_unknown`):
    - a part or a building of the town that follows ("the Carrefour district of Duékoué",
      "the Argana café ... in Marrakesh", "Giwa Barracks, Maiduguri"), not a division's
      district ("the Bankass district of Mopti region");
    - a commune in a monitor's parenthesis, in the province beside it ("Dibilou village
      (Pensa commune, Sanmatenga province)": Pensa is no Penza; every reading of the
      province counts, Córdoba being Colombia's and Argentina's);
    - a place said to be near a town ("Nana, near Moyale"), or in the dateline's town
      ("DATU PIANG, Maguindanao - ... in Barangay Poblacion here": the wire's "here");
    - an end of a road named by its ends, far from the other end ("the Douentza-Boni
      road": Boni, another name of Bonn; of two such ends the one matched only by
      another name gives way)."""
    def readings(j: int, *, areas: bool = False):
        return [p for p, w, _ in cands[j].values() if w > VARIANT
                and (not areas or p.feature_class == "A" and not p.is_country)]

    text_towns = None  # every settlement reading of the text, gathered when first needed
    # the town a wire's dateline names: what its "here" means
    dateline = next((j for j, m in enumerate(mentions[:3]) if m.kind == "place"
                     and dateline_at(text, m.start, m.end)), None)
    for i, m in enumerate(mentions):
        if i > 0 and m.kind == "place" and cands[i] and cands[i - 1] \
                and _POSSESSIVE.fullmatch(text, mentions[i - 1].end, m.start):
            # "Guatemala's Ixil highlands": a place of that country, not the Mexican
            # village of the name (the country's own name, by its own name)
            owner = {p.country_code for p, w, _ in cands[i - 1].values()
                     if p.is_country and w == 1.0}
            if len(owner) == 1 and not any(p.country_code in owner
                                           for p, _, _ in cands[i].values()):
                cands[i] = {}
                continue
            # "Donetsk's Kirovsky district": a part of the town, not a district of the
            # name far from it (Kirovsky, Leningrad oblast)
            towns = [p for p in readings(i - 1) if p.feature_class == "P"]
            if not owner and towns and PART_WORD_AFTER.match(text, m.end):
                cands[i] = {g: v for g, v in cands[i].items()
                            if not _far_from([v[0]], towns, PART_OF_KM)}
                if not cands[i]:
                    continue
        if dateline is not None and i != dateline and m.kind == "place" and cands[i] \
                and _HERE.match(text, m.end) and cands[dateline]:
            # ("in Barangay Poblacion here": the town's own quarter, not the city of
            # that name 900 km away)
            if _far_from([p for p, _, _ in cands[i].values()], readings(dateline),
                         NEAR_TOWN_KM, with_radius=True):
                cands[i] = {}
            continue
        if m.kind == "place" and cands[i] and _SETTLEMENT_WORD_AFTER.match(text, m.end) \
                and any(p.feature_class == "A" for p, _, _ in cands[i].values()):
            # "Abyan village in the western countryside of Aleppo": a village, so none of
            # the name's provinces (Abyan, Yemen); its towns stay, if any (a country's
            # own name says whose village: "kill 106 in Nigeria village attack")
            cands[i] = {g: c for g, c in cands[i].items() if c[0].feature_class != "A"
                        or c[0].is_country and c[1] == 1.0}
        hood = m.kind == "place" and bool(cands[i]) \
            and _NEIGHBOURHOOD_AFTER.match(text, m.end) is not None
        district = m.kind == "place" and bool(cands[i]) and not hood \
            and _THE_DISTRICT.match(text, m.end) is not None \
            and text[max(0, m.start - 4):m.start].lower() == "the "
        # ("the capital's Mirpur area": a part of the text's city too)
        owned = m.kind == "place" and bool(cands[i]) and not hood and not district \
            and THE_TOWNS.search(text, max(0, m.start - 20), m.start) is not None
        hood = hood or owned
        if hood or district:
            # "the Mariana neighbourhood on the east side of the state capital": a part of
            # the text's city, not the town of that name far from every place it names;
            # so is "the Gharghour district" in a report from Tripoli where no reading of
            # the name lies in a country the text's other towns may be in (a district of
            # a province keeps its readings: "the Bankass district" beside Mopti)
            if text_towns is None:
                text_towns = [(j, p) for j in range(len(mentions)) for p in readings(j)
                              if p.feature_class == "P"][:MAX_TOWNS]
            others = [p for j, p in text_towns if mentions[j].text != m.text]
            own = [p for p, _, _ in cands[i].values()]
            if others and _far_from(own, others, PART_OF_KM) and (
                    hood or not {p.country_code for p in own} & {p.country_code for p in others}):
                cands[i] = {}
                continue
        inside = _in_parentheses(text, mentions, i)
        if len(inside) == 2 and cands[inside[0]]:
            areas = readings(inside[1], areas=True)
            # ("Ituango (Antioquia, Colombia)": a country's name after the province, not
            # the town of Colombia, Huila, that shares it)
            country = {p.country_code for p, w, _ in cands[inside[1]].values()
                       if p.is_country and w == 1.0}
            if areas and not any(_inside(p, a) or _within_reach(p, a)
                                 or p.geonameid == a.geonameid or p.country_code in country
                                 for p, _, _ in cands[inside[0]].values() for a in areas):
                cands[inside[0]] = {}
        said = _SAID_NEAR.match(text, m.end) if m.kind == "place" and cands[i] else None
        if said is not None:
            # ("Tora, north of El Fasher": not Tora, Ethiopia; "X, 90 km south of Y" as far)
            refs = next((readings(j) for j in range(i + 1, min(len(mentions), i + 4))
                         if mentions[j].start == said.end()), [])
            if _TOWN_EDGE.search(said.group()):  # (a town's outskirts: the town's)
                refs = [p for p in refs if p.feature_class == "P"] or refs
            # (a town a distance is measured from is one readers know: Taxco of Guerrero,
            # not a hamlet of the name in Tabasco)
            top = max((p.population for p in refs), default=0)
            refs = [p for p in refs if p.population * REF_SHARE >= top] or refs
            km = said.group("km") or "0"
            reach = max(NEAR_TOWN_KM, 2.0 * (float(km) if km.isdigit() else 10.0) + 20.0)
            if refs and _far_from([p for p, _, _ in cands[i].values()], refs, reach,
                                  with_radius=True) and not any(
                    p.is_country and w == 1.0 and p.country_code == r.country_code
                    for p, w, _ in cands[i].values() for r in refs):
                # (but "north-western Libya some 150 km south-east of Tripoli": the
                # country holds the town it is measured from)
                cands[i] = {}
            continue
        if i + 2 < len(mentions) and cands[i] and cands[i + 2] \
                and _ALIAS_OPEN.fullmatch(text, m.end, mentions[i + 1].start) \
                and text.startswith(")", mentions[i + 1].end) and m.kind == "place" \
                and _PART_OF.fullmatch(text, mentions[i + 1].end + 1, mentions[i + 2].start):
            # "the Vostochny (Skhidnyi) microdistrict of Mariupol": its other spelling
            # between the part and the town
            towns = [p for p, _, _ in cands[i + 2].values() if p.feature_class == "P"]
            if towns and _far_from([p for p, _, _ in cands[i].values()], towns, PART_OF_KM):
                cands[i] = {}
            continue
        if m.kind == "place" and cands[i] and _filed_in_district(
                text, mentions, i, [p for p, _, _ in cands[i].values()], readings):
            cands[i] = {}
            continue
        if i + 1 >= len(mentions) or not cands[i] or not cands[i + 1]:
            continue
        nxt = mentions[i + 1]
        own = [p for p, _, _ in cands[i].values()]
        part = m.kind == "place" and (_PART_OF.fullmatch(text, m.end, nxt.start)
                                      or _BUILDING_IN.fullmatch(text, m.end, nxt.start)
                                      or _OLD_TOWN.fullmatch(m.text) is not None
                                      and _OF.fullmatch(text, m.end, nxt.start) is not None)
        if part and not _DIVISION_WORD_AFTER.match(text, nxt.end):
            # (the town's readings spelled otherwise too: "al-Raqqa")
            towns = [p for p, _, _ in cands[i + 1].values() if p.feature_class == "P"]
            if towns and _far_from(own, towns, PART_OF_KM):
                cands[i] = {}
        elif part:
            # "the Nowshera sector of Rajouri district": a part of that division, so no
            # reading outside it (Nowshera, Pakistan); "the Bankass district of Mopti
            # region" keeps the district inside the region
            areas = readings(i + 1, areas=True)
            if areas and not any(_inside(p, a) or _within_reach(p, a)
                                 or p.geonameid == a.geonameid for p in own for a in areas):
                cands[i] = {}
        elif m.kind == "place" and text[m.end:nxt.start].strip() == "," \
                and (_filed_abroad(text, m, nxt, own, readings(i + 1))
                     or _filed_in_municipality(text, mentions, i, own, readings)):
            cands[i] = {}
        elif _ROUTE_JOIN.fullmatch(text, m.end, nxt.start) \
                and _ROUTE_NEXT.match(text, nxt.end) \
                and _far_from(own, [p for p, _, _ in cands[i + 1].values()], ROUTE_KM):
            for b in (i + 1, i):
                if not any(w == 1.0 for _, w, _ in cands[b].values()):
                    cands[b] = {}
                    break


def _filed_in_municipality(text: str, mentions: list[Mention], i: int, own: list[Place],
                           readings) -> bool:
    """ "Santa Catalina, Samaniego (Nariño)", "Tetelcingo, Cuautla, Morelos": a place filed
    under a town and that town's province, as monitors file a village under its
    municipality.  Where the town has a reading in the province and no reading of the
    first name lies near it, the name is a village the gazetteer lacks (placed by the
    town), not a namesake across the country."""
    j = i + 1
    if text[mentions[i].end:mentions[j].start] != ", " \
            or _LIST_BEFORE.search(text, max(0, mentions[i].start - 8), mentions[i].start):
        return False  # ("Clay, Douglas, Grant": a list of names, which files nothing)
    areas_at = _in_parentheses(text, mentions, j)
    if not areas_at and j + 1 < len(mentions) \
            and text[mentions[j].end:mentions[j + 1].start] == ", " \
            and not _LIST_GOES_ON.match(text, mentions[j + 1].end):
        areas_at = [j + 1]
    areas = [a for k in areas_at[:1] for a in readings(k, areas=True)
             if a.feature_code in ("ADM1", "ADM2")]
    towns = [p for p in readings(j) if p.feature_class == "P"
             and any(_inside(p, a) for a in areas)]
    return bool(towns) and not any(p.is_country or p.feature_class == "P"
                                   and p.population >= PORTABLE_POPULATION for p in own) \
        and _far_from(own, towns, FILED_KM)


# "Aynata and Aitaroun, in the Bint Jbeil district": the places before it lie in it
# (the second may be a name no gazetteer has: "Aynata and Aitaroun, in the ...")
_IN_THE_BEFORE = re.compile(r"(?:\s+and\s+(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?)?"
                            r",\s+in\s+(?:the\s+)?")
_AND = re.compile(r"\s+and\s+")


def _filed_in_district(text: str, mentions: list[Mention], i: int, own: list[Place],
                       readings) -> bool:
    """ "Aynata, in the Bint Jbeil district", "between Aynata and Aitaroun, in the Bint
    Jbeil district": a small place the text puts in a district.  Where every reading of
    the name lies far from every reading of the district, the name is a village the
    gazetteer lacks, not a namesake in another province (Aïnâta of Baalbek-Hermel)."""
    k = i + 1
    if k < len(mentions) and _AND.fullmatch(text, mentions[i].end, mentions[k].start):
        k += 1  # (the second of two places put in the district together)
    if k >= len(mentions) or not _IN_THE_BEFORE.fullmatch(
            text, mentions[k - 1].end if k > i + 1 else mentions[i].end, mentions[k].start) \
            or not _DIVISION_WORD_AFTER.match(text, mentions[k].end):
        return False
    if any(p.is_country or p.feature_code == "ADM1"
           or p.feature_class == "P" and p.population >= PORTABLE_POPULATION for p in own):
        return False
    refs = readings(k, areas=True) + [p for p in readings(k) if p.feature_class == "P"]
    return bool(refs) and not any(_inside(p, a) for p in own for a in refs
                                  if a.feature_class != "P") \
        and _far_from(own, refs, FILED_KM, with_radius=True)


def _filed_abroad(text: str, m: Mention, nxt: Mention, own: list[Place],
                  refs: list[Place]) -> bool:
    """ "Léré, Niafunké cercle", "El Salado, El Carmen de Bolívar": a small place the text
    files, after a comma (the caller checks it), under a town or division, where every
    entry of its name lies in another country than the filing place's, far from it.  The
    name is then a village the gazetteer lacks (Léré, Mali), not a namesake abroad (Lere,
    Nigeria).  A list of towns ("Moscow, Kiev, Minsk") files nothing, and a big town or an
    area is never a namesake taken by mistake."""
    if not refs or _LIST_GOES_ON.match(text, nxt.end) \
            or _LIST_BEFORE.search(text, 0, m.start) or _NAME_GOES_ON.match(text, nxt.end):
        return False  # ("Bothaville, Orange Free State": the filing name is longer)
    if any(p.is_country or p.feature_code == "ADM1"
           or p.feature_class == "P" and p.population >= PORTABLE_POPULATION
           for p in own):
        return False
    countries = {q.country_code for q in refs}
    return all(p.country_code not in countries for p in own) \
        and _far_from(own, refs, FILED_ABROAD_KM, with_radius=True)


def _division_word(text: str, end: int) -> str:
    """The division word after a name ("region" of "North-West region,")."""
    nxt = text[end:end + 20].split()
    return bare_word(nxt[0]).removesuffix("'s").removesuffix("’s") if nxt else ""


def _candidates_once(mentions: list[Mention]) -> list[dict[str, tuple[Place, float, str]]]:
    """`_candidates` of each mention, worked out once per name: a text names a place
    again and again, and recognition hands every mention of a name the same list of
    entries (`Texas` has dozens).  Repeats share one dict, so none may change in place."""
    seen: dict[str, tuple[list, dict[str, tuple[Place, float, str]]]] = {}
    out = []
    for m in mentions:
        hit = seen.get(m.text)
        if hit is None or hit[0] is not m.hits:
            hit = seen[m.text] = (m.hits, _candidates(m))
        out.append(hit[1])
    return out


def resolve(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Toponym]:
    """Resolve every mention of one document; unresolved ones keep their span."""
    cands = _candidates_once(mentions)
    keys_ = [key(m.text) for m in mentions]
    # The counties the text names by their own names: (country, ADM1, ADM2), and the
    # counties of the towns other names of the text may be, by their own names, each
    # with the names: the county of "Grantville" and "Myerstown" holds the Lebanon meant
    # beside them.  (One pass over every candidate: names like "San Antonio" have
    # over a hundred.)
    named_counties: set[tuple] = set()
    town_counties: dict[tuple, set[str]] = defaultdict(set)
    for k, c in zip(keys_, cands, strict=True):
        for p, w, _ in c.values():
            if w != 1.0:
                continue
            if p.feature_code == "ADM2":
                named_counties.add((p.country_code, p.admin1, p.name))
            elif p.feature_class == "P" and p.admin2 and not p.is_country:
                town_counties[(p.country_code, p.admin1, p.admin2)].add(k)
    for i, c in enumerate(cands):
        if any(p.is_country and w == 1.0 for p, w, _ in c.values()):
            # "El Salvador's civil war": a country's own name is the country, never a
            # town known by it as another name (San Salvador, beside its dateline), nor
            # a town named after it (Greece, New York; China, Maine), unless the text
            # names the county that town lies in ("Lebanon police and the Boone County
            # sheriff": Lebanon, Indiana).  A state is too wide to say so (China, Texas
            # in a report from Houston on China).
            k = keys_[i]
            cands[i] = {g: v for g, v in c.items() if v[1] == 1.0 and (
                v[0].feature_class == "A"
                or (v[0].country_code, v[0].admin1, v[0].admin2) in named_counties
                or town_counties.get((v[0].country_code, v[0].admin1, v[0].admin2),
                                     set()) - {k})}
    containers = [_container(text, mentions, cands, i, gaz) for i in range(len(mentions))]
    had = [bool(c) for c in cands]
    areas = {i for i, m in enumerate(mentions) if m.paren_area}
    # (last first: an area filed in its own area is read before the places it holds, so
    # "Tibú, in the Catatumbo region of Norte de Santander" is not put in a Venezuelan
    # municipality of that name)
    for i in reversed(range(len(mentions))):
        # The text says where the place lies ("Hatla (Deir ez Zor)", "Khalasah, Aleppo
        # governorate"): namesakes outside that area are other places, so the name is
        # one the gazetteer lacks, to be placed by its area (`locate_unknown`).
        if containers[i] is not None and cands[i] and mentions[i].kind == "place":
            stated = _stated_areas(text, mentions, cands, i, i in areas, containers[i])
            # the widest area stated (the province of "X (District, Province)") decides
            # (a spelling variant must lie inside: `Adra (Duma, Rif Dimashq)` is not
            # Dar'a, known also as Adraa, in the next province)
            # (a municipality the text files it in holds only its own towns)
            filed = _filed_in if i + 1 < len(mentions) and _SAID_TO_LIE_IN.fullmatch(
                text, mentions[i].end, mentions[i + 1].start) else _inside
            if stated and not any(filed(p, a) or p.geonameid == a.geonameid
                                  or w > VARIANT and _within_reach(p, a)
                                  for p, w, _ in cands[i].values() for a in stated[-1]):
                cands[i] = {}
            elif len(stated) == 2 and _filing_chain(text, mentions, cands, i) \
                    and any(a.feature_code == "ADM2" for a in stated[0]) \
                    and not any(_filed_in(p, a) for p, _, _ in cands[i].values()
                                for a in stated[0] if a.feature_code == "ADM2"):
                # "El Guayabo, Técpan de Galeana, Guerrero": the municipality holds the
                # village; a namesake in another municipality of the state is another
                # village, so this one is the gazetteer's gap, placed by its municipality
                cands[i] = {}
        # "the village of Katari" is no Qatar: a settlement, whatever country is spelled
        # alike (and so wherever the text names it)
        if cands[i] and _TOWN_OF_BEFORE.search(text, max(0, mentions[i].start - 12),
                                               mentions[i].start):
            cands[i] = {g: v for g, v in cands[i].items() if not v[0].is_country}
    _drop_namesakes_ruled_out(text, mentions, cands)
    _keep_near_the_border(text, mentions, cands, gaz)
    # A name the text puts where none of its entries lies ("La Mora, Sonora") is that
    # place wherever the text names it (the headline's "La Mora waits"), not a namesake.
    ruled = {m.text for m, c, h in zip(mentions, cands, had, strict=True)
             if h and not c and m.kind == "place"}
    for j, m in enumerate(mentions):
        said_division = m.division_hint or _DIVISION_OF_BEFORE.search(
            text, max(0, m.start - 30), m.start) is not None
        if m.text in ruled and m.kind == "place" and not (said_division and cands[j]) and (
                not cands[j] and had[j] or cands[j] and (containers[j] is None or not any(
                    _inside(p, containers[j]) for p, _, _ in cands[j].values()))):
            # (an area beside the name that holds none of its readings vouches for none:
            # "the town of Taza, Iraqi officials said" is no Moroccan Taza; a division
            # word keeps the division: the headline's "Cabo Delgado village" leaves "the
            # province of Cabo Delgado" the province)
            cands[j] = {}
            m.notes = [*m.notes, RULED_OUT]
    # The countries the text names by their own names: their capitals are the towns of
    # the name that such a text means (Moscow beside Russia, not Moscow, Idaho).
    named_countries = {p.country_code for c in cands for p, w, _ in c.values()
                       if w == 1.0 and p.is_country}
    prior: list[dict[str, float]] = []
    filed: set[tuple[int, str]] = set()  # a reading the text files in its area itself
    priors = gaz.memo("resolve: priors")  # places recur across articles
    # A text whose places are all one name (a headline, a one-line brief) has no
    # context to choose among namesakes: there the best-known namesake is likeliest.
    alone = len({keys_[i] for i, c in enumerate(cands) if c or mentions[i].country_code}) <= 1
    filing = {i for i in range(1, len(mentions))
              if text[mentions[i - 1].end:mentions[i].start] == ", "
              and mentions[i - 1].kind == "place" and keys_[i - 1] != keys_[i]
              and _APPOSITION_END.match(text, mentions[i].end) is not None}
    # "North-West region": where namesakes in some countries carry the name with its
    # division word among their own names (Cameroon's "North-West Region") and those
    # elsewhere do not (South Africa's North-West province), the text wrote the former's
    # name.  (Within one country the division word already decides: `dq` below.)
    full_keys = {i: key(f"{m.text} {_division_word(text, m.end)}")
                 for i, m in enumerate(mentions) if m.division_hint and cands[i]}
    full_hits = gaz.lookup_keys(set(full_keys.values())) if full_keys else {}
    full_named = {}
    for i, k in full_keys.items():
        ids = {p.geonameid for p, *_ in full_hits.get(k, ())} & cands[i].keys()
        ccs = {cands[i][g][0].country_code for g in ids}
        if ids and any(p.country_code not in ccs for p, _, _ in cands[i].values()):
            full_named[i] = ids
    for i, (m, c, box) in enumerate(zip(mentions, cands, containers, strict=True)):
        scores = {}
        dq = m.division_hint
        full = full_named.get(i, ())
        # "Magoda (Natal)": what a monitor's parenthesis names is a province, where the
        # name may be one and its towns are abroad (KwaZulu-Natal, not the Brazilian
        # city; a province and its seat town in one country are left to the rest)
        paren_towns = {p.country_code for p, _, _ in c.values()
                       if p.feature_class == "P"} if i in areas else set()
        # "Guarapiche (Sucre)", "Cartanal (Independencia, Miranda)": the monitors'
        # parentheses name divisions.  A town of the name inside such a division (its
        # seat, the point monitors use) stands; one elsewhere (Bolivia's Sucre) is a
        # namesake.
        divisions = [p for p, w, _ in c.values() if p.feature_class == "A"
                     and not p.is_country and w > VARIANT] if i in areas else []
        # (a division word already says which namesake: `Kyiv region` is the oblast).
        # Only the country is chosen so: among one country's namesakes the prior decides.
        by_cc: Counter[str | None] = Counter()
        if alone and not dq:
            for p, w, _ in c.values():  # a country's best-known namesake speaks for it
                if w > VARIANT:  # (a spelling variant alone is no namesake)
                    # A place's own name speaks louder than one of its other names
                    # (Islamabad, not the old name of Chattogram).
                    weight = p.population if w == 1.0 else p.population * ALIAS_SHARE
                    by_cc[p.country_code] = max(by_cc[p.country_code], weight)
        known = sum(by_cc.values())
        # (a lone name is left to its best-known namesake: `known` above)
        # (a town in capitals opening a dateline, alone or not, is written as its own
        # name: "YEI (Xinhua) -" is Yei, not an airport code among Bursa's names)
        # (a hamlet whose own spelling it is says little against a city English writes
        # so: Zaporizhzhia, the city, not a village of 656 spelled that way; a population
        # of 0 is unknown, not small)
        own_pop = max((p.population for p, w, _ in c.values() if w == 1.0), default=0)
        # (alone, a city's own name still outweighs a bigger city's other name abroad:
        # "Cancún" is the Mexican city, not Changchun, which GeoNames also spells so; in
        # its own country a short name may be the bigger city's: "Juárez")
        by_own_name = not alone or m.capitals_dateline
        own_name = (by_own_name or own_pop >= PORTABLE_POPULATION) \
            and any(w == 1.0 for _, w, _ in c.values())
        own_ccs = set() if by_own_name else {p.country_code for p, w, _ in c.values()
                                              if w == 1.0}
        # A first-order division's own name names the division more often than a town
        # named after it (Ontario beside Woodstock and Lake Ontario, not Ontario, Ohio),
        # unless the text names the town's county.  Only a division as populous as a
        # portable town (not Michael, a parish of Man) and a town a tenth of its size or
        # less (Santa Ana, California is no such town beside the Salvadoran department).
        state_pop = max([p.population for p, w, _ in c.values() if w == 1.0
                         and p.feature_code == "ADM1"], default=0)
        # ("Nara town, western Mali": the text says the name is a town's)
        state_name = state_pop >= PORTABLE_POPULATION \
            and not _TOWN_WORD_AFTER.match(text, m.end)
        # (a division known by the name as another of its names gives way to a town of
        # that very name where the text calls it a town: "the town of Raska" is Raška,
        # not the district GeoNames also calls Raska)
        town_said = _TOWN_OF_BEFORE.search(text, max(0, m.start - 12), m.start) is not None \
            and any(w == 1.0 and p.feature_class == "P" for p, w, _ in c.values())
        # ("Taizz city (Al-Qahira district)": the word after says a town, not the
        # governorate whose own name it is)
        town_after = not dq and _TOWN_WORD_AFTER.match(text, m.end) is not None \
            and any(w > VARIANT and p.feature_class == "P" for p, w, _ in c.values())
        for gid, (p, w, _) in c.items():
            s = priors.get((gid, w, dq))
            if s is None:
                s = prior_score(p, w, near=None, division_query=dq)
                if dq and p.is_division:
                    # "Kyiv region" means the oblast, not the city that is a division
                    # of its own: among divisions, the wider one.
                    # (a division with no place of its own borrows its parent's point
                    # and radius: that says nothing of its size)
                    own = not (p.coord_source or "").startswith("parent")
                    s += W_WIDER * min(1.0, (p.radius_km or 0.0) / 150.0) * own
                priors[(gid, w, dq)] = s
            if box is not None and _inside(p, box):
                s += W_CONTAIN
                filed.add((i, gid))
            if gid in full:
                s += W_FULL_NAME
                filed.add((i, gid))
            if paren_towns and p.feature_code == "ADM1" and (
                    p.country_code not in paren_towns
                    # ("Hays district (Al-Hudaydah)": after a district, its province)
                    or i > 0 and mentions[i - 1].division_hint):
                s += W_PAREN_DIVISION
            if divisions and p.feature_class != "A" and not any(
                    _inside(p, d) or _within_reach(p, d) for d in divisions):
                s -= W_PAREN_ABROAD
            if known and w > VARIANT:
                s += W_SHARE * by_cc[p.country_code] / known
            if (town_said and w < 1.0 or town_after) and p.feature_class == "A" \
                    and not p.is_country:
                s -= W_TOWN_SAID
            if w == 0.92 and not p.is_division:
                # (of a town's other names, one that spells its own name another way:
                # "Sloviansk" is Slovyansk, though GeoNames gives Nikopol that name too)
                s += W_SPELLED * _likeness(m.text, p.name)
            if own_name and w < 1.0 and not p.is_division \
                    and p.country_code not in own_ccs \
                    and not (p.feature_class == "P" and 0 < own_pop < VILLAGE_POPULATION
                             and p.population >= min(PORTABLE_POPULATION,
                                                     max(BIGGER_TOWN, 20 * own_pop))) \
                    and not (p.name.endswith(")") and _bare_name(p.name) == norm(m.text)):
                # (the name less its qualifier is this place's own name too)
                s -= W_OTHER_NAME
            if i in filing and (p.feature_code == "ADM1" or p.is_country) and not any(
                    q.feature_class == "P" and q.country_code == p.country_code
                    and (p.is_country or q.admin1 == p.name) for q, _, _ in c.values()):
                # (not over a town of the name inside it: "Kafr Nabl, Idlib" is filed by
                # the town or its province alike, and the town is the nearer point)
                s += W_FILING
            if p.feature_code == "PPLC" and p.country_code in named_countries:
                s += W_CAPITAL
            elif (state_name and p.feature_class == "P" and p.population * 10 < state_pop
                  and p.feature_code not in ("PPLC", "PPLA")  # a capital stands (Jerusalem)
                  and (p.country_code, p.admin1, p.admin2) not in named_counties):
                s -= W_STATE_NAME
            scores[gid] = s
        prior.append(scores)

    # Context votes: each mention votes for the country (and admin1) of its likeliest
    # place; countries named outright and demonyms count double.  A candidate then
    # gains by the share of votes that the *other* mentions give its country.
    # The votes are cast twice: first by each name's likeliest place alone, then by its
    # place in the light of the first round's context ("Georgia" beside Atlanta reads
    # as the country alone, as the state once the article's towns have voted).
    # Names that may name a country or a first-order division are read by the votes
    # above, not by the towns around one of their readings (California, not California,
    # Pennsylvania, beside a few Pennsylvania towns).
    towns_only = [not any(p.is_wide or p.feature_code == "ADM1" for p, _, _ in c.values())
                  for c in cands]
    # A county of the name whose towns the text names (Henry County, Tennessee, in an
    # article on Paris, Tennessee, not Henry County, Georgia): any reading of a town's
    # name counts here, the county settles it.  (The same in every round of votes.)
    towns_in: dict[tuple, set[int]] = defaultdict(set)
    own_towns_in: dict[tuple, set[int]] = defaultdict(set)  # ... by their own names
    for i, (c, scores) in enumerate(zip(cands, prior, strict=True)):
        if scores and mentions[i].kind in ("place", "embedded"):
            for p, w, _ in c.values():
                if p.admin2 and w > VARIANT and p.feature_class == "P":
                    towns_in[(p.country_code, p.admin1, p.admin2)].add(i)
                    if w == 1.0:
                        own_towns_in[(p.country_code, p.admin1, p.admin2)].add(i)
    lead = prior
    for _ in range(VOTE_ROUNDS):
        votes: list[tuple[dict[str, float], dict[tuple, float]]] = []
        for m, c, scores in zip(mentions, cands, lead, strict=True):
            cv: dict[str, float] = {}
            av: dict[tuple, float] = {}
            if m.actor:
                pass  # "Russian troops shelled Donetsk": who acted, not where
            elif m.kind in ("demonym", "embedded") and m.country_code and not scores:
                cv[m.country_code] = 1.0
            elif scores:
                p = c[max(scores, key=scores.get)][0]
                if p.country_code:
                    cv[p.country_code] = 1.0 if p.is_country else 0.5
                if p.feature_code == "ADM1":
                    av[(p.country_code, p.name)] = 1.0
                elif p.admin1:
                    av[(p.country_code, p.admin1)] = 0.5
            votes.append((cv, av))
        # Each name votes once, however often the text repeats it, and never for itself:
        # "Georgia" nine times is one voice against the Georgian towns the text also names,
        # and "Virginia" twice is no context for the Virginia of South Africa.
        own_c: dict[str, Counter[str]] = defaultdict(Counter)
        own_a: dict[str, Counter[tuple]] = defaultdict(Counter)
        named: dict[str, set[int]] = defaultdict(set)
        for i, (cv, av) in enumerate(votes):
            k = keys_[i]
            for x, v in cv.items():
                own_c[k][x] = max(own_c[k][x], v)
            for x, v in av.items():
                own_a[k][x] = max(own_a[k][x], v)
            named[k].add(i)
        # Read with .get below: a missing key would cost a Python-level Counter.__missing__.
        country_total: Counter[str] = Counter()
        admin_total: Counter[tuple] = Counter()
        for k in own_c:
            country_total.update(own_c[k])
            admin_total.update(own_a[k])
        all_c = sum(country_total.values())
        all_a = sum(admin_total.values())
        # Second-order divisions the text names ("Edgar County"), each with the mentions
        # naming it: a town inside one is likelier than its namesakes elsewhere (Paris in
        # Edgar County, Illinois, not Paris, France).
        counties: dict[tuple, set[int]] = defaultdict(set)
        for i, (c, scores) in enumerate(zip(cands, lead, strict=True)):
            if scores and mentions[i].kind in ("place", "embedded"):
                p, w, _ = c[max(scores, key=scores.get)]
                if p.feature_code == "ADM2" and w > VARIANT:
                    counties[(p.country_code, p.admin1, p.name)].add(i)

        base: list[dict[str, float]] = []
        done: dict[tuple, dict[str, float]] = {}  # a name written again, read alike
        for n, (c, scores) in enumerate(zip(cands, prior, strict=True)):
            again = (keys_[n], towns_only[n], *scores.items())
            if (out := done.get(again)) is not None and out.keys() == c.keys():
                base.append(dict(out))
                continue
            cv, av = own_c[keys_[n]], own_a[keys_[n]]
            same = named[keys_[n]]
            rest_c = all_c - sum(cv.values())
            rest_a = all_a - sum(av.values())
            out = {}
            for gid, s in scores.items():
                p = c[gid][0]
                if rest_c > 0 and p.country_code:
                    share = (country_total.get(p.country_code, 0)
                             - cv.get(p.country_code, 0)) / rest_c
                    s += W_COUNTRY * share
                if rest_a > 0 and p.admin1 and not p.is_country:
                    k = (p.country_code, p.name if p.feature_code == "ADM1" else p.admin1)
                    s += W_ADMIN1 * (admin_total.get(k, 0) - av.get(k, 0)) / rest_a
                if counties and p.admin2 and not p.is_division and counties.get(
                        (p.country_code, p.admin1, p.admin2), same) - same:
                    s += W_ADMIN2
                if p.feature_code == "ADM2" and towns_in.get(
                        (p.country_code, p.admin1, p.name), same) - same:
                    s += W_COUNTY_TOWNS
                elif p.feature_class == "P" and p.admin2 and norm(p.name) == norm(p.admin2) \
                        and towns_in.get((p.country_code, p.admin1, p.admin2), same) - same:
                    # (the county's town of its name, its seat, is as near those towns:
                    # `Madagali` beside Gulak is the town unless a division word follows)
                    s += W_COUNTY_TOWNS
                if towns_only[n] and p.admin2 and p.feature_class == "P" \
                        and c[gid][1] == 1.0 and own_towns_in.get(
                            (p.country_code, p.admin1, p.admin2), same) - same:
                    s += W_NEIGHBOURS
                out[gid] = s
            base.append(out)
            done[again] = out
        # The next round's votes are cast by the readings this round chose: the same
        # readings as the last round's cast the same votes again.
        settled = all((max(b, key=b.get) if b else None) == (max(x, key=x.get) if x else None)
                      for b, x in zip(base, lead, strict=True))
        lead = base
        if settled:
            break

    # One sense per discourse: pool the scores of every occurrence of the same name.
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.kind in ("place", "embedded"):
            # "Kharkiv region" and "Kharkiv" are two senses: pooled apart.
            # (and "Taizz city" and "Taizz": the text told the town apart)
            by_key[keys_[i] + ("\0region" if m.division_hint else "\0town"
                               if _TOWN_WORD_AFTER.match(text, m.end) else "")].append(i)
    for idx in by_key.values():
        pooled: dict[str, float] = defaultdict(float)
        for i in idx:
            for gid, s in base[i].items():
                pooled[gid] = max(pooled[gid], s)
        for i in idx:
            base[i] = {gid: pooled[gid] for gid in base[i]}

    # Spatial coherence, twice: pull each choice towards the article's other places.
    # Only the strongest candidates compete on it (ambiguous names have hundreds).
    for i, scores in enumerate(base):
        if len(scores) > MAX_COHERENCE:
            keep = sorted(scores, key=scores.get, reverse=True)[:MAX_COHERENCE]
            base[i] = {g: scores[g] for g in keep}
    choice = [max(s, key=s.get) if s else None for s in base]
    # Every competing candidate of the document in one array, so each round is a
    # single distance matrix rather than one small numpy call per mention.
    rows = [(i, g) for i, scores in enumerate(base) if len(scores) >= 2 for g in scores]
    cpts = np.array([(cands[i][g][0].lat, cands[i][g][0].lon) for i, g in rows]) \
        if rows else np.zeros((0, 2))
    final, last = base, None
    for _ in range(2):
        neighbours = _neighbours(choice, cands, keys_)
        if neighbours == last:
            break  # the same places as in the first round: the same scores again
        last = neighbours
        final = _cohere(base, cands, keys_, rows, cpts, *neighbours)
        choice = [max(s, key=s.get) if s else None for s in final]

    final = _known_cities_stand(mentions, cands, final, filed)
    final, unsupported = _drop_unsupported_variants(mentions, cands, final, keys_, choice)
    final, vetoed = _veto_isolated(mentions, cands, final, keys_, gaz, containers)
    vetoed = {**unsupported, **vetoed}
    seen: dict[tuple, tuple[Toponym, Place]] = {}  # a name written again, read alike
    out = [_toponym(text, m, cands[i], final[i], mentions, i, gaz, seen)
           for i, m in enumerate(mentions)]
    for i, m in enumerate(mentions):
        if m.division_hint and not m.hits and m.kind == "place":
            # (the countries of the text's other names: the name written again, a
            # division word away, votes for no country of its own spelling)
            others = {x for k, cs in own_c.items() if k != keys_[i] for x in cs}
            out[i] = _division_spelled_alike(out[i], gaz, others, text) \
                or _division_by_consonants(out[i], gaz, others, text) or out[i]
        elif m.division_hint and m.kind == "place" and out[i].geonameid is not None \
                and out[i].precision not in ("admin1", "admin2", "country") \
                and out[i].lat is not None \
                and cands[i].get(out[i].geonameid, (None, 1.0, ""))[1] < 1.0:
            # (only a town the text names by another of its names: "Jackson County" is
            # the county of a Jackson)
            # "Khogyani district": a village some gazetteer spells so, far from the
            # district spelled alike (Khūgyāṉī) in the article's countries, is not what
            # the text files under a division word
            # (in the town's own country: a district spelled alike abroad is another)
            alike = _division_spelled_alike(out[i], gaz, {out[i].country_code}, text) \
                or _division_by_consonants(out[i], gaz, {out[i].country_code}, text)
            if alike is not None and alike.lat is not None and _km(
                    alike.lat, alike.lon, out[i].lat, out[i].lon) > max(
                    alike.uncertainty_km or 0.0, SEAT_REACH_KM):
                out[i] = alike
        elif m.division_hint and m.kind == "place" and out[i].geonameid is not None \
                and out[i].precision == "settlement" and out[i].lat is not None:
            # "in Khyber Pakhtunkhwa's Hangu district": the district GeoNames names with
            # its word ("Hangu District"), whose seat the town is, not the town
            out[i] = _division_with_its_word(out[i], gaz, _division_word(text, m.end)) \
                or out[i]
    for i, why in vetoed.items():
        out[i] = out[i].model_copy(update={"reason": why})
    out = _placed_here(text, locate_unknown(text, out))
    out = _placed_alike(out)
    # A vetoed name that the text does not place either was only ever a string that
    # some far-away place shares (`Hamas`, `Al Jazeera`): no place mention at all, unless
    # the text calls it a place ("the Burkina Faso village of Solhan": a village the
    # gazetteer lacks, whose name other reports of the event share).
    out = [t for i, t in enumerate(out)
           if not (i in vetoed and t.lat is None and not said_to_be_a_place(text, t.start))]
    return between_pairs(text, out)


RULED_OUT = "not in the gazetteer: the text puts this name where none of its entries lies"


def _placed_here(text: str, out: list[Toponym]) -> list[Toponym]:
    """Places the gazetteer lacks that a wire puts "here" ("DATU PIANG, Maguindanao -
    ... in Barangay Poblacion here"), placed in the dateline's town: a part of it, as
    wide as the town."""
    head = next((t for t in out[:3] if t.kind == "place" and t.lat is not None
                 and t.precision in ("settlement", "site")
                 and dateline_at(text, t.start, t.end)), None)
    if head is None:
        return out
    return [placed_in_town(t, head, "here, in the dateline's town")
            if t.kind == "place" and t.lat is None and t.geonameid is None
            and _HERE.match(text, t.end) else t for t in out]


def _placed_alike(out: list[Toponym]) -> list[Toponym]:
    """A name the gazetteer lacks that the text places once ("Kocho, a village south of
    Sinjar") is that place wherever else the text names it ("survivors of Kocho")."""
    placed: dict[str, Toponym] = {}
    for t in out:
        if t.kind == "place" and t.geonameid is None and t.lat is not None:
            # where the text places it most closely ("Um Sumeima in North Kordofan ...
            # Um Sumeima lies about 40 km west of El Obeid")
            best = placed.get(t.text)
            if best is None or _closer(t, best):
                placed[t.text] = t
    if not placed:
        return out
    fields = ("name", "lat", "lon", "country_code", "admin1", "precision", "uncertainty_km",
              "anchor", "relation", "bearing_deg", "distance_km")
    return [t.model_copy(update={**{f: getattr(placed[t.text], f) for f in fields},
                                 "reason": f"{t.reason}; placed as the text places it"
                                 if t.lat is None else placed[t.text].reason})
            if t.kind == "place" and t.geonameid is None and t.text in placed
            and placed[t.text] is not t
            and (t.lat is None and (NAMED_AGAIN in (t.reason or "")
                                    or NAMED_BY_TEXT in (t.reason or "")
                                    or RULED_OUT in (t.reason or "")
                                    # (its namesake far away vetoed: "Solhan is at a
                                    # crossroads" after "the village of Solhan")
                                    or ONLY_ABROAD in (t.reason or ""))
                 or t.lat is not None and _closer(placed[t.text], t)) else t for t in out]


def _closer(a: Toponym, b: Toponym) -> bool:
    """Does `a` place a name much more closely than `b` (a smaller radius, by half)?"""
    return (a.uncertainty_km or 0.0) * 2 < (b.uncertainty_km or 1e9)


KNOWN_CITY_RATIO = 100  # a city this many times a hamlet's size is the one meant...


def _known_cities_stand(mentions: list[Mention], cands, final: list[dict[str, float]],
                        filed: set[tuple[int, str]]) -> list[dict[str, float]]:
    """A city a reader knows by its name alone stands against a hamlet of that name in
    the same country that only the text's other places favour (Nikopol, the city of
    100,000 on the Dnipro, not a Kharkiv hamlet of 600 because Kupiansk is also named).
    The text filing the hamlet itself (`Nikopol, Kharkiv oblast`, a division word after
    the name) still chooses it."""
    out = final
    for i, scores in enumerate(final):
        if len(scores) < 2 or mentions[i].division_hint:
            continue
        g = max(scores, key=scores.get)
        p, w, _ = cands[i][g]
        if w < 1.0 or p.feature_class != "P" or p.population >= VILLAGE_POPULATION \
                or (i, g) in filed:
            continue
        big = [h for h in scores if h != g and (q := cands[i][h][0]).feature_class == "P"
               and cands[i][h][1] == 1.0 and q.country_code == p.country_code
               and q.population >= max(PORTABLE_POPULATION, KNOWN_CITY_RATIO * p.population)]
        if big:
            h = max(big, key=lambda x: cands[i][x][0].population)
            if out is final:
                out = list(final)
            out[i] = {**scores, h: scores[g] + 1e-6}
    return out


def _drop_unsupported_variants(mentions: list[Mention], cands, final: list[dict[str, float]],
                               keys_: list[str], choice: list[str | None]
                               ) -> tuple[list[dict[str, float]], dict[int, str]]:
    """A name the gazetteer lacks must not jump to a country because a similar string
    exists there: a candidate that matches only as a spelling variant (`al-Marj` ~
    `Mary`, Turkmenistan; `Albany` ~ `Albania`; `Sokhna` ~ `Sohna`, India) is kept only
    in a country that the text's other mentions support: a country or demonym it names,
    or the country of another name's place matched as spelled.  Variants are how
    `Qamishli` finds `Al Qāmishlī` in a report on Syria; alone, they are mostly
    namesakes abroad (on the public corpora, nearly every place matched only as a
    variant was wrong).  A mention left with no candidate is unresolved with that
    reason."""
    variants = [i for i, scores in enumerate(final)
                if scores and mentions[i].kind in ("place", "embedded")
                and min([cands[i][g][1] for g in scores]) <= VARIANT]
    if not variants:
        return final, {}
    support: Counter[str] = Counter()
    places: Counter[str] = Counter()  # the same, from places named (not peoples)
    own: dict[str, Counter[str]] = defaultdict(Counter)
    for i, m in enumerate(mentions):
        cc = None
        g = choice[i]
        if m.kind in ("demonym", "embedded") and m.country_code:
            cc = m.country_code
        elif g is not None and m.kind in ("place", "embedded"):
            p, w, _ = cands[i][g]
            if w > VARIANT and p.country_code:
                cc = p.country_code
                places[cc] += 1
        if cc:
            support[cc] += 1
            own[keys_[i]][cc] += 1
    out = list(final)
    dropped: dict[int, str] = {}
    for i in variants:
        scores = final[i]
        mine = own.get(keys_[i], Counter())
        bare = _spelled(mentions[i].text)
        # Beside a place spelled as written (`Tyre`, Lebanon), a variant (`Tire` ~ Tirat
        # Karmel) needs a place of its country, not a people's name: "Israeli drones
        # struck Tyre" names who struck, not where.
        exact = any(cands[i][g][1] > VARIANT or _spelled(cands[i][g][2]) == bare
                    for g in scores)
        backing = places if exact else support
        keep = {g: v for g, v in scores.items() if cands[i][g][1] > VARIANT
                or _spelled(cands[i][g][2]) == bare
                or ((cc := cands[i][g][0].country_code) and backing[cc] - mine[cc] > 0)}
        if len(keep) == len(scores):
            continue
        out[i] = keep
        if not keep:
            names = sorted({cands[i][g][2] for g in scores})[:3]
            dropped[i] = (f"not in the gazetteer as written; only spelling variants "
                          f"({', '.join(names)}) in countries the text does not name")
    return out, dropped


_DOUBLED = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")


def _spelled(name: str) -> str:
    """A name as written, but for what never tells two names apart: an Arabic article
    (`Al-Raqqah` = `Ar Raqqah`), spaces (`US` = `U. S.`), doubled letters (`Daraa` =
    `Dar'a`) and a final `h` after a vowel (`Raqqa` = `Raqqah`).  Two names equal so
    are one spelling; the other folds of `key` (vowels, `j`/`y`/`i`) make variants."""
    s = _FINAL_H.sub("", strip_articles(norm(name)))
    return _DOUBLED.sub(r"\1", s.replace(" ", ""))


def _portable(p: Place, w: float) -> bool:
    """A place an article anywhere may name in passing: a country, a continent, a
    first-order division, a capital or a large city, spelled as the gazetteer spells it
    (not a town that only shares the spelling of a word, like Hamm's alternate `Hamas`)."""
    if p.is_wide:
        return True
    if w < 0.92:
        return False
    if p.feature_code in ("ADM1", "PPLC"):
        return True
    if p.feature_class != "P":
        return False
    return p.population >= (PORTABLE_POPULATION if w == 1.0 else 10 * PORTABLE_POPULATION)


@lru_cache(maxsize=20_000)
def _likeness(text: str, name: str) -> float:
    """How alike (0-1) a name the text writes and a place's own name are spelled."""
    return SequenceMatcher(None, norm(text), norm(name)).ratio()


def _respelled(text: str, name: str) -> bool:
    """Does the text write the name with other letters (`Kibati` for `Kiibati`), not
    only with other dots and spaces (`US` for `U. S.`)?"""
    return "".join(filter(str.isalnum, norm(text))) != "".join(filter(str.isalnum, norm(name)))


def _peoples_reach(k: str, country: Place) -> tuple:
    """The context point of a people's name (or a capital's dateline): the country, sure,
    reaching DEMONYM_KM beyond its borders."""
    return (k, country.country_code, country.lat, country.lon,
            (country.radius_km or 0.0) + DEMONYM_KM, True, True, "demonym", False)


def _veto_isolated(mentions: list[Mention], cands, final: list[dict[str, float]],
                   keys_: list[str], gaz: Gazetteer,
                   containers: Sequence[Place | None] = ()
                   ) -> tuple[list[dict[str, float]], dict[int, str]]:
    """Never jump continents: drop a small place that lies far outside the article.

    A town the article names, but that the gazetteer only has in another country
    (`Solhan` in a report on Burkina Faso: only Solhan, Turkey; `Kojo` near Sinjar: only
    Korean towns), is the wrong place.  The article's context is what its other mentions
    establish: countries, demonyms, first-order divisions and portable places (see
    `_portable`) for sure; towns of 100,000 or more, and towns whose country another
    mention shares, as well (alone, without a sure point, such towns veto villages of
    fewer than VILLAGE_POPULATION people: "Massacre in Hama" is no Caribbean hamlet).
    A candidate that is not portable is isolated when it lies
    in none of the context's countries and more than ISOLATED_KM from each of its
    places; if the context holds at least one sure point, an isolated candidate gives
    way to the best candidate that is not isolated, or, if none is, the mention stays
    unresolved (with that reason) rather than be put on the wrong continent.  Two
    small towns that only contradict each other veto nothing.  Only the article's own
    countries count: those its other mentions (demonyms included) point to at least half
    as often as the most frequent one.  A named country reaches ISOLATED_KM beyond its
    borders, a division ISOLATED_KM beyond its radius, and the country of a demonym
    the article does not name as a country DEMONYM_KM, for armies fight abroad
    ("Russian forces shelled Bakhmut", "Russian airstrikes on Hama").

    The context of a mention is every anchor but those of its own name, so it is built
    once per name from document-wide tallies (`_Context`), and a candidate's distance
    to the context's towns is asked of a spatial index: the work grows with the
    number of mentions, not with mentions times anchors (a 1 MB article took minutes).
    """
    choice = [max(s, key=s.get) if s else None for s in final]
    # A reading inside the area the text itself puts the name in ("Israel strikes Yemen's
    # Hodeidah") is never isolated, wherever else the text names it alone.
    vouched: dict[str, set[str]] = defaultdict(set)
    for i, box in enumerate(containers):
        if box is not None and mentions[i].kind == "place":
            vouched[keys_[i]].update(g for g, (p, _, _) in cands[i].items() if _inside(p, box))
    # key, country, lat, lon, reach (km), sure, loose, is a country
    points: list[tuple] = []
    by_country: dict[str | None, set[str]] = defaultdict(set)
    for i, m in enumerate(mentions):
        g = choice[i]
        if m.actor and m.kind == "place" or m.visitor:
            continue  # "US warplanes struck Fallujah": who acted, from anywhere
            # (and "a Dutch journalist was killed": whose the victim was)
        if m.capitals_dateline:
            # "KHARTOUM (Xinhua) -": where the report was filed, often a regional hub far
            # from the towns it reports on (Maridi, South Sudan); but as far as a people's
            # name reaches, it says which part of the world ("DAMASCUS - Air strikes on
            # Arbin": no French hamlet of that name)
            c = gaz.country(cands[i][g][0].country_code) if g is not None else None
            if c is not None:
                points.append(_peoples_reach(keys_[i], c))
            continue
        if m.kind in ("demonym", "embedded") and m.country_code:
            c = gaz.country(m.country_code)
            if c is None:
                continue
            points.append(_peoples_reach(keys_[i], c))
        elif g is not None and m.kind in ("place", "embedded"):
            p, w, _ = cands[i][g]
            if p.is_continent:
                continue  # a continent is no context: it holds both sides of any jump
            # ("Maungdaw township": a district the text names with its kind word is as
            # sure a point as a province)
            sure = _portable(p, w) or (m.division_hint and w > VARIANT
                                       and p.feature_code in ("ADM2", "ADM3"))
            loose = sure or (w >= 0.92 and p.population >= PORTABLE_POPULATION)
            reach = ISOLATED_KM + ((p.radius_km or 0.0) if p.is_wide or p.is_division else 0.0)
            points.append((keys_[i], p.country_code, p.lat, p.lon, reach, sure, loose,
                           p.is_country, p.feature_code == "PPLC"))
            by_country[p.country_code].add(keys_[i])
            continue
        else:
            continue
        by_country[m.country_code].add(keys_[i])
    anchors: list[_Anchor] = []
    for k, cc, lat, lon, reach, sure, loose, country, capital in points:
        if loose or len(by_country[cc] - {k}) > 0:
            anchors.append(_Anchor(k, cc, lat, lon, reach, country, sure, capital))
    any_sure = any(a.sure for a in anchors)
    if not anchors and len(points) < 2:
        return final, {}  # (with two places, a town may still outweigh a village)
    # "employees of a Canadian firm ... on the outskirts of Bouira": a people's name says
    # whose, not where; alone it keeps off only villages far from their country.
    only_peoples = bool(anchors) and all(a.wide == "demonym" for a in anchors)
    context: _Context | None = None  # built for the first mention that needs it
    out = list(final)
    vetoed: dict[int, str] = {}
    for i, g in enumerate(choice):
        if g is None or mentions[i].kind not in ("place", "embedded"):
            continue
        p, w, name = cands[i][g]
        if g in vouched.get(keys_[i], ()):
            continue
        if _portable(p, w) and not (mentions[i].division_hint and p.feature_class == "P") \
                and not (w < 1.0 and p.feature_class == "P" and p.feature_code != "PPLC") \
                and not (p.is_country and w <= VARIANT and _respelled(mentions[i].text, name)):
            # (but "the capital's Madina district" is no Medina: a city abroad is no
            # district of the article's towns; and a city known by another of its names,
            # far from every place the article names, is a namesake: "Yida", the refugee
            # camp beside Bentiu, is not Jeddah; nor is a country whose name the text
            # spells with other letters: "the Kibati hills" north of Goma are no Kiribati)
            if anchors and len(final[i]) > 1 and p.feature_class == "P" and any(
                    h != g and (q := cands[i][h][0]).feature_class == "P"
                    and q.population >= p.population for h in final[i]):
                # ... unless a city as big of the name lies where the article's places
                # are and this one far from them all: "Russian missiles hit Odessa" is
                # Odesa, not Odessa, Texas, which a text alone would mean by its name
                if context is None:
                    context = _Context(anchors, gaz)
                view = context.view(keys_[i])
                if view is not None and view.isolated(p):
                    near = {h: v for h, v in final[i].items()
                            if (q := cands[i][h][0]).feature_class == "P"
                            and q.population >= p.population and not view.isolated(q)}
                    if near:
                        out[i] = near
            continue
        if only_peoples and (p.population >= PORTABLE_POPULATION or p.feature_code == "ADM1"):
            continue
        if not any_sure:
            # Without a sure point, a big town of the article's keeps off only villages
            # far from it in other countries ("Massacre in Hama" names no Caribbean
            # hamlet); two small towns that contradict each other veto nothing.
            if p.population >= VILLAGE_POPULATION:
                continue
            big = [a for a in anchors if a.key != keys_[i]] \
                or _bigger_towns(mentions, cands, choice, keys_, keys_[i], p)
            if big and _far_village(p, big):
                keep = {h: v for h, v in final[i].items()
                        if not _far_village(cands[i][h][0], big)}
                out[i] = keep
                if not keep:
                    vetoed[i] = (f"not in the gazetteer {ONLY_ABROAD}; its entries are "
                                 "villages far from the article's towns")
            continue
        if context is None:
            context = _Context(anchors, gaz)
        if p.population < VILLAGE_POPULATION and context.far_in_country(p, keys_[i]):
            # "El Huizachal" in a report from San Fernando, Tamaulipas: a Chiapas village
            # of the name, 1,000 km from every place the report names in Mexico
            out[i] = {}
            vetoed[i] = (f"not in the gazetteer {ONLY_ABROAD}; its only entry is a "
                         "village known by that name far from the article's places")
            continue
        view = context.view(keys_[i])
        if view is None or not view.isolated(p):
            continue
        keep = {h: v for h, v in final[i].items() if not view.isolated(cands[i][h][0])}
        out[i] = keep
        if not keep:
            where = ", ".join(sorted({cands[i][h][0].country_code or "?" for h in final[i]}))
            vetoed[i] = (f"not in the gazetteer {ONLY_ABROAD}; "
                         f"the only entries with this name lie elsewhere ({where})")
    return out, vetoed


BIGGER = 10  # a town this many times a village's size outweighs it (and ...)
BIGGER_TOWN = 20_000  # ... is at least this big


def _bigger_towns(mentions: list[Mention], cands, choice: list[str | None],
                  keys_: list[str], own: str, p: Place) -> list[_Anchor]:
    """The towns of the text, named by their own names (or nearly), each at least BIGGER
    times the size of village `p` and BIGGER_TOWN people: with no surer point, they keep
    off a village of the name abroad ("Speicher victims" beside Tikrit is no German
    hamlet), as two towns of a size never do each other."""
    out = []
    for j, g in enumerate(choice):
        if g is None or keys_[j] == own or mentions[j].kind != "place":
            continue
        q, w, _ = cands[j][g]
        if q.feature_class == "P" and w >= 0.92 \
                and q.population >= max(BIGGER_TOWN, BIGGER * p.population):
            out.append(_Anchor(keys_[j], q.country_code, q.lat, q.lon, ISOLATED_KM, False,
                               False))
    return out


def _far_village(p: Place, anchors: list[_Anchor]) -> bool:
    return p.population < VILLAGE_POPULATION and not p.is_country \
        and p.feature_code != "ADM1" and all(
        a.cc != p.country_code and _km(a.lat, a.lon, p.lat, p.lon) > a.reach for a in anchors)


class _Anchor(NamedTuple):
    """A point of an article's context: what one mention establishes."""

    key: str  # the mention's name, folded
    cc: str | None
    lat: float
    lon: float
    reach: float  # km
    wide: bool | str  # True: a country; "demonym"; False: a town or division
    sure: bool
    capital: bool = False  # a national capital: often the government, not a place named


class _Circles:
    """The distinct town and division anchors of one country, each with the names that
    give it, in an R-tree of the boxes around their reach: which of them reach a point
    is asked of the boxes that hold it, not of every anchor."""

    def __init__(self, anchors: list[_Anchor]):
        keys: dict[tuple[float, float, float], set[str]] = {}
        for a in anchors:
            keys.setdefault((a.lat, a.lon, a.reach), set()).add(a.key)
        self.points = list(keys)
        self.keys = [keys[p] for p in self.points]
        self.tree = None
        if len(self.points) > SCAN_ANCHORS:  # a few are scanned: a tree costs more
            from shapely import Point, STRtree, box

            self.point = Point
            self.tree = STRtree([box(*_reach_box(lat, lon, r)) for lat, lon, r in self.points])

    def reaches(self, lat: float, lon: float, key: str) -> bool:
        """Whether an anchor not given only by `key` lies within its reach of the point."""
        near = range(len(self.points)) if self.tree is None \
            else self.tree.query(self.point(lon, lat)).tolist()
        for n in near:
            ks = self.keys[n]
            if len(ks) == 1 and key in ks:
                continue
            alat, alon, reach = self.points[n]
            if _km(alat, alon, lat, lon) <= reach:
                return True
        return False


def _reach_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """A lon/lat box (min lon, min lat, max lon, max lat) holding every point within `km`
    of (lat, lon) on the sphere, with a margin; the whole longitude range where the
    circle crosses the antimeridian or a pole."""
    margin = 0.01
    d = km / EARTH_KM
    dlat = math.degrees(d) + margin
    lo, hi = lat - dlat, lat + dlat
    s = math.sin(min(d, math.pi / 2)) / max(1e-12, math.cos(math.radians(lat)))
    if d >= math.pi / 2 or lo <= -90 or hi >= 90 or s >= 1:
        return (-180.0, max(-90.0, lo), 180.0, min(90.0, hi))
    dlon = math.degrees(math.asin(s)) + margin
    if lon - dlon < -180 or lon + dlon > 180:
        return (-180.0, lo, 180.0, hi)
    return (lon - dlon, lo, lon + dlon, hi)


class _Context:
    """The anchors of one article, tallied per country and per name, so that the context
    of each name (every anchor but its own) is derived without visiting every anchor."""

    def __init__(self, anchors: list[_Anchor], gaz: Gazetteer):
        self.gaz = gaz
        self.weight: Counter[str | None] = Counter(a.cc for a in anchors)
        self.sure: Counter[str | None] = Counter(a.cc for a in anchors if a.sure)
        self.named: Counter[str | None] = Counter(a.cc for a in anchors if a.wide is True)
        self.wide: Counter[str | None] = Counter(
            a.cc for a in anchors if a.wide and a.cc)
        self.mine: dict[str, list[_Anchor]] = defaultdict(list)
        for a in anchors:
            self.mine[a.key].append(a)
        # the names of the anchors that are places, not peoples
        self.placed = {a.key for a in anchors if a.wide != "demonym"}
        # Countries by weight, heaviest first: a name's top country is found among the
        # first few, whatever the number of countries.
        self.ranked = sorted(self.weight, key=lambda c: -self.weight[c])
        circles: dict[str | None, list[_Anchor]] = defaultdict(list)
        shaped: dict[str | None, list[_Anchor]] = defaultdict(list)
        for a in anchors:
            # A country or a demonym is measured to the country's shape; a town, a
            # division or a country without a code by the circle of its reach.
            (shaped if a.wide and a.cc else circles)[a.cc].append(a)
        self.anchors_in = dict(circles)  # indexed on first use: most checks end earlier
        self.towns_in: Counter[str | None] = Counter(
            a.cc for a in anchors if not (a.wide and a.cc) and not a.capital)
        self.circles: dict[str | None, _Circles] = {}
        self.shaped = dict(shaped)
        self.views: dict[str, _View | None] = {}

    def circles_of(self, cc: str | None) -> _Circles | None:
        """The town and division anchors of a country, indexed (once) for `reaches`."""
        got = self.circles.get(cc)
        if got is None and cc in self.anchors_in:
            got = self.circles[cc] = _Circles(self.anchors_in[cc])
        return got

    def far_in_country(self, q: Place, key: str) -> bool:
        """Does the text name towns or divisions of `q`'s country (by names other than
        `key`), none of which reaches it?"""
        cc = q.country_code
        # (the capital does not count: "Islamabad responded", "ISLAMABAD:" name the
        # government or the desk; a district town 1,000 km off is no village of that name)
        if self.towns_in[cc] <= sum(1 for a in self.mine.get(key, ())
                                    if a.cc == cc and not a.wide and not a.capital):
            return False  # no other place of that country
        return not self.circles_of(cc).reaches(q.lat, q.lon, key)

    def view(self, key: str) -> _View | None:
        """The context of the mentions named `key`, or None when it holds no sure point."""
        if key in self.views:
            return self.views[key]
        less: dict[str, dict[str | None, int]] = {
            "weight": {}, "sure": {}, "named": {}, "wide": {}}
        for a in self.mine.get(key, ()):
            cc = a.cc
            less["weight"][cc] = less["weight"].get(cc, 0) + 1
            if a.sure:
                less["sure"][cc] = less["sure"].get(cc, 0) + 1
            if a.wide is True:
                less["named"][cc] = less["named"].get(cc, 0) + 1
            if a.wide and cc:
                less["wide"][cc] = less["wide"].get(cc, 0) + 1

        def weight(c: str | None) -> int:
            return self.weight[c] - less["weight"].get(c, 0)

        top = max((weight(c) for c in less["weight"]), default=0)
        for c in self.ranked:
            if c not in less["weight"]:
                top = max(top, self.weight[c])
                break
        countries = []
        for c in self.ranked:
            if self.weight[c] * 2 < top:
                break
            if weight(c) > 0 and weight(c) * 2 >= top:
                countries.append(c)
        v = None
        if any(self.sure[c] - less["sure"].get(c, 0) > 0 for c in countries):
            v = _View(self, key, countries,
                      {c for c in countries if self.named[c] - less["named"].get(c, 0) > 0},
                      {c for c in countries
                       if c and self.wide[c] - less["wide"].get(c, 0) > 0})
        self.views[key] = v
        return v


class _View:
    """The context of one name: its countries, those named outright, and those with a
    country or demonym anchor; answers whether a candidate is isolated from it."""

    def __init__(self, ctx: _Context, key: str, countries: list[str | None],
                 named: set[str | None], wide: set[str | None]):
        self.ctx, self.key, self.countries = ctx, key, countries
        self.set = set(countries)
        self.named, self.wide = named, wide
        self.memo: dict[str, bool] = {}

    def isolated(self, q: Place) -> bool:
        got = self.memo.get(q.geonameid)
        if got is None:
            got = self.memo[q.geonameid] = self._isolated(q)
        return got

    def _isolated(self, q: Place) -> bool:
        if q.country_code and q.country_code in self.set:
            return False
        ctx = self.ctx
        for cc in self.countries:
            if cc in self.wide:
                # A country reaches ISOLATED_KM beyond its borders (its shape, not a
                # circle: Russia's centre is in Siberia, its border near Kharkiv); the
                # country of a demonym the article does not name DEMONYM_KM, for armies
                # act abroad ("Russian airstrikes on Hama", "Turkish drones over
                # Qamishli").
                km = ctx.gaz.km_to_country(cc, q.lat, q.lon)
                if km is not None:
                    # (a people's reach covers no village where the text places
                    # things elsewhere: "an Israeli strike" in Beirut reaches no
                    # Romanian hamlet named like Beirut's Basta)
                    if km <= (ISOLATED_KM if cc in self.named or (
                            q.population < VILLAGE_POPULATION
                            and ctx.placed - {self.key}) else DEMONYM_KM):
                        return False
                else:
                    for a in ctx.shaped[cc]:
                        if a.key == self.key:
                            continue
                        if _km(a.lat, a.lon, q.lat, q.lon) <= a.reach:
                            return False
            circles = ctx.circles_of(cc)
            if circles is not None and circles.reaches(q.lat, q.lon, self.key):
                return False
        return True


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from geo.distance import haversine_km

    return haversine_km(lat1, lon1, lat2, lon2)


def _neighbours(choice: list[str | None], cands, keys_: list[str]
                ) -> tuple[list[str], list[tuple[float, float]]]:
    """The article's places for a coherence round: one point per name (the places, not
    their repetitions), the most repeated first, at most MAX_NEIGHBOURS, so a round is
    linear in the number of mentions."""
    per_key: dict[str, tuple[float, float]] = {}
    repeats: Counter[str] = Counter()
    for i, g in enumerate(choice):
        if g is not None and not cands[i][g][0].is_wide:
            per_key.setdefault(keys_[i], (cands[i][g][0].lat, cands[i][g][0].lon))
            repeats[keys_[i]] += 1
    top = [k for k, _ in repeats.most_common(MAX_NEIGHBOURS)]
    return top, [per_key[k] for k in top]


def _cohere(base: list[dict[str, float]], cands, keys_: list[str], rows: list[tuple[int, str]],
            cpts: np.ndarray, top: list[str], points: list[tuple[float, float]]
            ) -> list[dict[str, float]]:
    """`base` plus, for every competing candidate (`rows`, at `cpts`), a bonus for its
    nearness to the other names' places (`top`, at `points`)."""
    final = list(base)
    if not (top and rows):
        return final
    index = {k: n for n, k in enumerate(top)}
    near = np.exp(-_pairwise_km(cpts, np.array(points)) / 300)
    total = near.sum(axis=1)
    # Leave out the mention's own name: the mean is over the *other* places.
    mine = np.array([index.get(keys_[i], -1) for i, _ in rows])
    own = np.where(mine >= 0, near[np.arange(len(rows)), np.maximum(mine, 0)], 0.0)
    count = len(top) - (mine >= 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(count > 0, (total - own) / np.maximum(count, 1), np.nan)
    updated: dict[int, dict[str, float]] = {}
    for (i, g), n in zip(rows, mean.tolist(), strict=True):
        if n != n:  # no other place to cohere with
            continue
        bonus = 0.0 if cands[i][g][0].is_wide else W_SPATIAL * n
        updated.setdefault(i, {})[g] = base[i][g] + bonus
    for i, scores in updated.items():
        final[i] = scores
    return final


def _pairwise_km(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Haversine distances between every row of `a` and every row of `b` (lat, lon)."""
    la1, lo1 = np.radians(a[:, :1]), np.radians(a[:, 1:])
    la2, lo2 = np.radians(b[:, 0]), np.radians(b[:, 1])
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def _container(text: str, mentions: list[Mention], cands, i: int,
               gaz: Gazetteer | None = None) -> Place | None:
    """The area a mention is said to lie in: `X, Kharkiv region` or `Syria's X`."""
    m = mentions[i]
    if i + 1 < len(mentions):
        nxt = mentions[i + 1]
        between = text[m.end:nxt.start]
        if between.strip() in (",", "in", ", in") and len(between) <= 5 \
                or _IN_NEARBY.fullmatch(between) \
                or _KIND_OF.fullmatch(between) or _SAID_TO_LIE_IN.fullmatch(between) \
                or _KIND_COMMA.fullmatch(between) and _DIVISION_WORD_AFTER.match(text, nxt.end) \
                or _PART_COMMA.fullmatch(between) and _filing_chain(text, mentions, cands, i) \
                or _IN_THE.fullmatch(between) and _DIVISION_WORD_AFTER.match(text, nxt.end) \
                or _IN_SIDE_OF.fullmatch(between):
            area = _area(nxt, cands[i + 1])
            if area is not None:
                return area
            if between.strip() in ("in", ", in") or _IN_THE.fullmatch(between) \
                    or _IN_NEARBY.fullmatch(between):
                town = _division_seat(text, nxt, cands[i + 1])
                if town is not None:
                    return town
        # "X (District, Province)": the province first, as district names repeat
        for j in reversed(_in_parentheses(text, mentions, i)):
            area = _area(mentions[j], cands[j])
            if area is not None:
                return area
    follow = _FOLLOWING_AREA.match(text, m.end)
    if follow and gaz is not None:
        areas = [h.place for h in gaz.lookup(follow.group(1))
                 if h.place.feature_class == "A" and h.norm_equal]
        if areas:
            return max(areas, key=lambda p: (p.is_country, p.feature_code == "ADM1",
                                             p.population))
    if i > 0:
        prv = mentions[i - 1]
        between = text[prv.end:m.start]
        if between in ("’s ", "'s ", "’ ", "' "):
            return _area(prv, cands[i - 1])
        if area_before(text, prv.start, prv.end, m.start):
            if prv.kind == "demonym":  # "the Malian town of Moura"
                return gaz.country(prv.country_code) if gaz and prv.country_code else None
            return _area(prv, cands[i - 1])
    return None


def _division_seat(text: str, m: Mention, c: dict[str, tuple[Place, float, str]]
                   ) -> Place | None:
    """The town a division the gazetteer lacks is named after ("the Niafunké cercle",
    "Kukawa LGA"): where the text names the division with its kind word, its seat stands
    for it."""
    if not _DIVISION_WORD_AFTER.match(text, m.end):
        return None
    towns = [p for p, w, _ in c.values() if w > VARIANT and p.feature_class == "P"]
    return max(towns, key=lambda p: p.population) if towns else None


_PAREN_NEXT = re.compile(r"\s*(?:[a-z]+\s*)?,\s*")  # "(Nara cercle, Koulikoro"


def _in_parentheses(text: str, mentions: list[Mention], i: int) -> list[int]:
    """The mentions in the parenthesis right after mention i (`Hatla (Deir ez Zor, Deir
    ez Zor)`, `Khalasah (Jabal Saman, Aleppo)`: areas, as monitors write them)."""
    m = mentions[i]
    if i + 1 >= len(mentions) or "(" not in text[m.end:m.end + 16]:
        return []
    nxt = mentions[i + 1]
    # ("(" and an unknown district; a kind word first: "Al Hamah suburb (Qudsaya")
    if PAREN_OPEN.fullmatch(text, m.end, nxt.start) is None:
        return []
    out = [i + 1]
    if i + 2 < len(mentions) and _PAREN_NEXT.fullmatch(text, nxt.end, mentions[i + 2].start):
        out.append(i + 2)
    return out


# (", killed two civilians" ends the apposition: a list goes on with another name)
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?[A-Z\d(\"“'‘]|and\b|or\b|&)")
_LIST_BEFORE = with_first(re.compile(r"(?:,|\band|\bor|&)\s*$"))


def _stated_areas(text: str, mentions: list[Mention], cands, i: int,
                  in_paren: bool = False, container: Place | None = None) -> list[list[Place]]:
    """The areas the text puts mention i in beyond doubt, each as all its readings:
    `X (A` or `X (A, B`, and `X, A` where A is a first-order division or a country
    ending a plain apposition (not a list: `Barrow, Jackson and Madison counties`,
    `Moscow, Kiev, Minsk`).  A place named like an area itself is no such mention,
    except the district of a monitor's `(District, Province)`."""
    if i > 0 and text[mentions[i - 1].end:mentions[i].start] in ("’s ", "'s "):
        # "Chechnya's Naur district": the province is the area (not Navur, Armenia);
        # a country's short name may be another's ("eastern Congo's Ituri province")
        readings = [p for p, w, _ in cands[i - 1].values() if w > VARIANT]
        if any(p.is_country for p in readings):
            return []
        readings = [p for p in readings if p.feature_code == "ADM1"]
        return [readings] if readings else []
    if i > 0 and area_before(text, mentions[i - 1].start, mentions[i - 1].end,
                             mentions[i].start):
        # "the Burkina Faso village of Solhan", "the central Malian town of Moura"
        if mentions[i - 1].kind == "demonym":
            return [[container]] if container is not None else []
        return [readings for readings in [[
            p for p, w, _ in cands[i - 1].values()
            if w > VARIANT and p.feature_class == "A"
            and (p.feature_code in ("ADM1", "ADM2") or p.is_country)]] if readings]
    if i + 1 >= len(mentions):
        return []
    m, nxt = mentions[i], mentions[i + 1]
    between = text[m.end:nxt.start].strip()
    inside = _in_parentheses(text, mentions, i)
    if not inside and not in_paren and not _IN_SIDE_OF.fullmatch(text, m.end, nxt.start) \
            and any(p.feature_class == "A" and w > VARIANT for p, w, _ in cands[i].values()) \
            and not ((between in (",", ", in", "in") or _IN_THE.fullmatch(text, m.end, nxt.start))
                     and _DIVISION_WORD_AFTER.match(text, nxt.end)) \
            and not _CALLED_A_SETTLEMENT.match(text, m.end) \
            and not _KIND_OF.fullmatch(text, m.end, nxt.start) \
            and not _SAID_TO_LIE_IN.fullmatch(text, m.end, nxt.start) \
            and not (_PART_COMMA.fullmatch(text, m.end, nxt.start)
                     and _filing_chain(text, mentions, cands, i)):
        # (an area matched only as a spelling variant, `Matta` ~ Malta, is none; but
        # "Safi, Namentenga province" files Safi, though Morocco has a Safi province, and
        # so do "the Naur district of Chechnya" and "Santo Domingo, in the municipality
        # of Tame", though a district elsewhere is so named)
        return []
    if inside:
        picks = [(mentions[j], cands[j]) for j in inside]
        levels = ("ADM1", "ADM2", "PCLI")
    elif _KIND_OF.fullmatch(text, m.end, nxt.start) \
            or _SAID_TO_LIE_IN.fullmatch(text, m.end, nxt.start):  # "Kani township of
        # Sagaing region", "El Guayabo, a village in the municipality of Técpan de Galeana"
        picks = [(nxt, cands[i + 1])]
        levels = ("ADM1", "ADM2", "PCLI")
    elif (between == "," or _KIND_COMMA.fullmatch(text, m.end, nxt.start)
          or _PART_COMMA.fullmatch(text, m.end, nxt.start)) \
            and not _LIST_BEFORE.search(text, 0, m.start) \
            and (chain := _filing_chain(text, mentions, cands, i)):
        # "Las Lomas, Juárez, Nuevo León": a village, its municipality and its state (no
        # list, as the state holds the municipality)
        picks = [(mentions[j], cands[j]) for j in chain]
        levels = ("ADM1", "ADM2", "PCLI")
    elif between == "," and not _LIST_GOES_ON.match(text, nxt.end) \
            and not _LIST_BEFORE.search(text, 0, m.start):
        picks = [(nxt, cands[i + 1])]
        # ("Safi, Namentenga province", "Guzman, Arboledas municipality": a district's
        # own name with its kind word is a division too)
        levels = ("ADM1", "ADM2", "PCLI") if _DIVISION_WORD_AFTER.match(text, nxt.end) \
            else ("ADM1", "PCLI")
    elif _KIND_COMMA.fullmatch(text, m.end, nxt.start) \
            and _DIVISION_WORD_AFTER.match(text, nxt.end):
        picks = [(nxt, cands[i + 1])]  # "Kango village, Djugu territory"
        levels = ("ADM1", "ADM2", "PCLI")
    elif _IN_SIDE_OF.fullmatch(text, m.end, nxt.start):
        picks = [(nxt, cands[i + 1])]  # "Azizabad, in western Afghanistan's Herat province"
        levels = ("PCLI",)
    elif (between in (", in", "in") or _IN_THE.fullmatch(text, m.end, nxt.start)) \
            and _DIVISION_WORD_AFTER.match(text, nxt.end):
        # "Mahu, in Djugu territory", "the village of Azizabad in the Shindand district"
        picks = [(nxt, cands[i + 1])]
        levels = ("ADM1", "ADM2", "PCLI")
    else:
        return []
    stated = [[p for p, w, _ in c.values()
               if w > VARIANT and p.feature_class == "A"
               and (p.feature_code in levels or p.is_country and "PCLI" in levels)]
              for _, c in picks]
    if not any(stated) and "ADM2" in levels and _DIVISION_WORD_AFTER.match(text, nxt.end):
        # "Léré in the Niafunké cercle", "Baga in Kukawa LGA": a district the gazetteer
        # knows only by the town it is named after, whose province holds the place
        stated = [[p for p, w, _ in c.values() if w > VARIANT and p.feature_class == "P"]
                  for _, c in picks]
    return [readings for readings in stated if readings]


# "La Reforma neighbourhood, Juárez, Nuevo León": a part of a town, before its filing
_PART_COMMA = re.compile(r"\s+(?:neighbou?rhood|colonia|barrio|quarter|suburb|area)\s*,\s+",
                         re.I)


def _filing_chain(text: str, mentions: list[Mention], cands, i: int) -> list[int]:
    """The mentions of `X, A, B` after mention i, where B is a first-order division or
    a country that holds a reading of the division A and the names end there: the way
    monitors file a village.  Empty when the names are a list (`Moscow, Kiev, Minsk`)."""
    if i + 2 >= len(mentions) or text[mentions[i + 1].end:mentions[i + 2].start] != ", " \
            or _LIST_GOES_ON.match(text, mentions[i + 2].end):
        return []
    wide = [p for p, w, _ in cands[i + 2].values() if w > VARIANT
            and (p.is_country or p.feature_code == "ADM1")]
    mid = [p for p, w, _ in cands[i + 1].values() if w > VARIANT
           and p.feature_class == "A" and not p.is_country]
    if any(_inside(a, b) for a in mid for b in wide):
        return [i + 1, i + 2]
    return []


FUZZY_DIVISION = 88.0  # similarity (0-100) for a division spelled another way


SEAT_REACH_KM = 50.0  # a town this near a division spelled like it may be its seat


def _division_spelled_alike(t: Toponym, gaz: Gazetteer, countries: set[str],
                            text: str) -> Toponym | None:
    """A name the text files under a division word ("Trapaing Prasat district") that the
    gazetteer lacks as written: the division spelled alike (romanisations differ:
    Trâpeăng Prasat), in a country the article's other places are in.  Only divisions,
    only close spellings: a town is never guessed this way.  In a text whose places name
    no country, only a division whose province the text writes too (Ŏtâr Méanchey,
    written "Oddar Meanchey"): "Muyira commune" alone is no Al Munirah, Yemen."""
    written = None  # the text's words, folded, read only when no country is named
    alike = gaz.memo("resolve: spelled alike")  # a report names its division again
    found = alike.get(t.text)
    if found is None:
        from geo.gazetteer.geocode import suggest

        found = alike[t.text] = suggest(gaz, t.text, limit=5)
    for c, sim in found:
        if sim < FUZZY_DIVISION:
            break
        if c.feature_class != "A" or c.is_country:
            continue
        if countries and c.country_code not in countries:
            continue
        if not countries:
            written = written if written is not None else _word_spans(text)
            if not _spelled_in(c.admin1, written):
                continue
        return _as_division(t, c, f"the division spelled alike: {c.name} (similarity "
                                  f"{sim:.0f})")
    return None


def _division_with_its_word(t: Toponym, gaz: Gazetteer, word: str) -> Toponym | None:
    """The division of `t`'s country named `t`'s name and `word` ("Hangu" + "district":
    Hangu District), near the town `t` resolved to (its seat), or None."""
    if not word or t.country_code is None:
        return None
    by_name = gaz.memo("resolve: divisions by name")  # (one query a country a run)
    own = by_name.get(t.country_code)
    if own is None:
        own = by_name[t.country_code] = {}
        for d in gaz.divisions(t.country_code):
            own.setdefault(norm(d.name), []).append(d)
    for d in own.get(norm(f"{t.text} {word}"), ()):
        if _km(
                d.lat, d.lon, t.lat, t.lon) <= max(d.radius_km or 0.0, SEAT_REACH_KM):
            return _as_division(t, d, f"the division the text names with its word: {d.name}",
                                written=True)
    return None


def _as_division(t: Toponym, c: Place, how: str, written: bool = False) -> Toponym:
    """`t`, a name the gazetteer lacks as written, read as division `c`."""
    return t.model_copy(update={
        "name": c.name, "geonameid": c.geonameid, "lat": c.lat, "lon": c.lon,
        "country_code": c.country_code, "admin1": c.admin1, "feature_code": c.feature_code,
        "precision": precision_of(c), "uncertainty_km": uncertainty_of(c),
        "confidence": 0.4 if not written else 0.7,
        "reason": how if written else f"not in the gazetteer as written; {how}"})


_VOWELS = re.compile(r"[aeiouy]")


def _consonants(name: str) -> str:
    """A name's key with its vowels after the first letter dropped: romanisations of
    one name differ most in their vowels (Khogyani, Khugyani, Khūgyāṉī: `hgn`)."""
    k = key(name)
    return k[:1] + _VOWELS.sub("", k[1:])


def _division_by_consonants(t: Toponym, gaz: Gazetteer, countries: set[str],
                            text: str) -> Toponym | None:
    """The one district, in a country the article's places are in and under a province
    the text writes, whose name has the consonants of `t` ("Khogyani district" in a report
    naming Nangarhar: Khūgyāṉī).  Several such divisions, or none: no guess."""
    sk = _consonants(t.text)
    if len(sk) < 3 or not countries or len(countries) > 3:
        return None
    by_skeleton = gaz.memo("resolve: districts by consonants")  # one index per country
    same = []
    for cc in countries:
        index = by_skeleton.get(cc)
        if index is None:
            index = by_skeleton[cc] = defaultdict(list)
            for c in gaz.divisions(cc):
                if c.feature_code == "ADM2":
                    index[_consonants(c.name)].append(c)
        same.extend(index.get(sk, ()))
    if not same:
        return None
    written = _word_spans(text)
    found = [c for c in same if _spelled_in(c.admin1, written)]
    if len(found) != 1:
        return None
    c = found[0]
    return _as_division(t, c, f"the division of {c.admin1} written with the same "
                              f"consonants: {c.name}")


def _as_town(t: Toponym, p: Place, why: str) -> Toponym:
    """`t`, a division's reading, read as town `p` instead (and why)."""
    return t.model_copy(update={
        "name": p.name, "geonameid": p.geonameid, "lat": p.lat, "lon": p.lon,
        "feature_code": p.feature_code, "admin1": p.admin1,
        "precision": precision_of(p), "uncertainty_km": uncertainty_of(p),
        "population": p.population or None, "reason": f"{t.reason}; {why}"})


def _seat_by_consonants(t: Toponym, m: Mention, gaz: Gazetteer) -> Place | None:
    """The town a district is named for, where GeoNames spells the two apart: a report's
    bare "Um Rawaba" is the town (Umm Ruwaba) its district of that name is the locality
    of, as a bare name with both spellings alike is the town.  Only a town near the
    district's point, in its country, with the consonants of the name the text writes."""
    sk = _consonants(m.text)
    if len(sk) < 3 or t.lat is None or t.lon is None or not t.country_code or not t.admin1:
        return None
    by_skeleton = gaz.memo("resolve: towns by consonants")  # one index per province
    index = by_skeleton.get((t.country_code, t.admin1))
    if index is None:
        index = by_skeleton[t.country_code, t.admin1] = defaultdict(list)
        for p in gaz.towns(t.country_code, t.admin1):
            index[_consonants(p.name)].append(p)
    reach = max(t.uncertainty_km or 0.0, SEAT_REACH_KM)
    towns = [p for p in index.get(sk, ()) if _km(p.lat, p.lon, t.lat, t.lon) <= reach]
    if not towns:
        return None
    return max(towns, key=lambda q: q.population)


def _word_spans(text: str) -> set[str]:
    """The text's words and pairs of words, folded and run together ("oddarmeancheys")."""
    words = ["".join(ch for ch in w if ch.isalpha()) for w in norm(text).split()]
    return {a + b for a, b in zip(words, [*words[1:], ""], strict=True)} | set(words)


def _spelled_in(name: str | None, written: set[str]) -> bool:
    """Is `name` (a province) written in the text, in some romanisation or other?"""
    folded = "".join(ch for ch in norm(name or "") if ch.isalpha())
    return len(folded) >= 5 and any(
        abs(len(w) - len(folded)) <= 3 and SequenceMatcher(None, w, folded).ratio() >= 0.8
        for w in written)


def _within_reach(p: Place, area: Place) -> bool:
    """Inside an area's circle, for a place whose division record is out of date (a
    province split after the gazetteer's division names were taken: Timika, Papua)."""
    return (area.radius_km is not None and p.country_code == area.country_code
            and _km(p.lat, p.lon, area.lat, area.lon) <= area.radius_km)


def _area(m: Mention, c: dict[str, tuple[Place, float, str]]) -> Place | None:
    areas = [(p, w) for p, w, _ in c.values() if p.feature_class == "A"]
    if not areas:
        return None
    areas.sort(key=lambda t: (-t[1], -int(t[0].is_country), -t[0].population))
    return areas[0][0]


def _filed_in(p: Place, area: Place) -> bool:
    """Inside an area an apposition files a place in ("a village in the municipality of
    Y"): a second-order division holds only the towns GeoNames files under it.
    (`_inside` lets any town of its province count: a parenthesis' district may be a
    piece of a longer name, `Jammu` of `(Jammu and Kashmir)`.)"""
    if area.feature_code == "ADM2" and p.admin2:
        return p.country_code == area.country_code and p.admin2 == area.name
    return _inside(p, area)


def _inside(p: Place, area: Place) -> bool:
    if p.geonameid == area.geonameid:
        return False
    if area.is_country:
        return p.country_code == area.country_code
    if area.feature_code == "ADM1":
        return p.country_code == area.country_code and p.admin1 == area.name
    same = p.country_code == area.country_code
    return same and (p.admin2 == area.name or p.admin1 == area.admin1)


def _confidence(scores: dict[str, float], best: str) -> float:
    ranked = sorted(scores.values(), reverse=True)
    top = ranked[0]
    second = ranked[1] if len(ranked) > 1 else 0.0
    margin = (top - second) / top if top > 0 else 0.0
    return round(max(0.05, min(1.0, 0.35 + 0.45 * min(1.0, top) + 0.4 * margin) - 0.2), 3)


def _toponym(text, m: Mention, cand, scores, mentions, i, gaz: Gazetteer,
             seen: dict[tuple, tuple[Toponym, Place]] | None = None) -> Toponym:
    """The toponym of mention `i`.  `seen` keeps, per document, what a name's reading
    came to before any relative phrase moved it: a text writes a name again and again,
    and once pooled its mentions (the same entries, the same scores) read alike."""
    common = {"start": m.start, "end": m.end, "text": m.text, "kind": m.kind}
    if m.kind == "coordinates":
        return Toponym(**common, lat=m.lat, lon=m.lon, precision="exact", uncertainty_km=0.1,
                       confidence=0.95, reason="; ".join(m.notes) or "written coordinates")
    if m.kind in ("demonym", "embedded") and m.country_code:
        country = gaz.country(m.country_code)
        if country is not None:
            return Toponym(
                **common, name=country.name, geonameid=country.geonameid, lat=country.lat,
                lon=country.lon, feature_code=country.feature_code,
                country_code=country.country_code, precision="country",
                uncertainty_km=uncertainty_of(country), confidence=0.9,
                reason=f"demonym of {country.name}",
            )
    if not scores:
        why = "; ".join(m.notes) or "no gazetteer entry for this name"
        return Toponym(**common, confidence=0.0, reason=why)
    again = (id(m.hits), m.text, m.kind, m.division_hint, tuple(scores.items()))
    if seen is not None and again in seen:
        top, p = seen[again]
        top = top.model_copy(update={"start": m.start, "end": m.end})
    else:
        ranked = sorted(scores, key=lambda g: (-scores[g], -cand[g][0].population, g))
        best = ranked[0]
        p, w, matched = cand[best]
        # Plain dicts: pydantic builds the CandidateRefs from them faster than from models.
        refs = [{"name": cand[g][0].name, "geonameid": g, "lat": cand[g][0].lat,
                 "lon": cand[g][0].lon, "score": round(scores[g], 4)}
                for g in ranked[:MAX_CANDIDATES]]
        reason = _reason(p, w, matched, m, len(ranked))
        top = Toponym(
            **common, name=p.name, geonameid=p.geonameid, lat=p.lat, lon=p.lon,
            feature_code=p.feature_code, country_code=p.country_code, admin1=p.admin1,
            precision=precision_of(p), uncertainty_km=uncertainty_of(p),
            population=p.population or None,
            confidence=_confidence(scores, best), reason=reason, candidates=refs,
        )
        if seen is not None:
            seen[again] = (top, p)
    if top.feature_code == "ADM2" and not m.division_hint and m.kind == "place" \
            and _DIVISION_OF_BEFORE.search(text, max(0, m.start - 30), m.start) is None \
            and (town := _seat_by_consonants(top, m, gaz)) is not None:
        p, top = town, _as_town(top, town, f"the district's town, spelled {town.name}")
    rel = find_relation(text, m.start, m.end)
    if rel is not None and rel.kind in _MEASURED_FROM and top.precision in ("admin1", "admin2") \
            and top.candidates:
        # "a hamlet 30 km west of Tillabéri": distances are measured from a town, so the
        # province's seat of the same name, not the province, is what the phrase means
        town = _seat_named_alike(p, [g.geonameid for g in top.candidates], cand)
        if town is not None:
            p, top = town, _as_town(top, town, "the town, not its division, is measured from")
    if rel is not None and top.precision in ("settlement", "site"):
        top = _apply_relation(top, rel, p, text, mentions, i)
    return top


_MEASURED_FROM = frozenset({"offset", "direction", "distance", "near", "outskirts"})


def _seat_named_alike(area: Place, ranked: Sequence[str],
                      cand: dict[str, tuple[Place, float, str]]) -> Place | None:
    """The town of the same name inside division `area`, among the mention's readings."""
    for g in ranked:
        town, _, matched = cand[g]
        # (by its own name, or by the other name the text wrote: Heroica Caborca, the
        # seat of Caborca municipality, is "Caborca")
        if town.feature_class == "P" and key(area.name) in (key(town.name), key(matched)) \
                and town.country_code == area.country_code \
                and (area.feature_code != "ADM1" or town.admin1 == area.name):
            return town
    return None


def _reason(p: Place, w: float, matched: str, m: Mention, n: int) -> str:
    how = "exact name" if w == 1.0 else f"alternate name {matched!r}" if w > 0.9 \
        else f"spelling variant of {matched!r}"
    parts = [how]
    if m.kind == "embedded":
        parts.append("inside an organisation's name")
    if m.division_hint:
        parts.append("division word follows")
    if n > 1:
        parts.append(f"{n} candidates")
    if p.population:
        parts.append(f"population {p.population:,}")
    return "; ".join(parts)


def _apply_relation(t: Toponym, rel: RelativeLocation, p: Place, text, mentions, i) -> Toponym:
    from geo.places.relative import apply_relation

    return apply_relation(t, rel, p, text, mentions, i, settlement_radius_km(p.population))
