"""Where an incident happened: of the places its sentences name, the one an analyst would
pin (locative cues, nearness to the event words, a village over the city it is near, a
named place over a distance from a reference), never the place victims came from or were
taken to, nor a namesake far from everywhere the article speaks of."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from geo.distance import haversine_km, initial_bearing
from geo.fastre import with_first
from geo.gazetteer.normalize import romanised_alike
from geo.incidents.sentences import OPENING, SPEECH_VERBS, Sentence, strong_types
from geo.models import Anchor, Toponym
from geo.places.recognize import (
    ACTOR_AFTER,
    CALENDAR_WORDS,
    DIVISION_KINDS,
    LOWER_NEXT,
    NAMED_AGAIN,
    joins_a_road,
)
from geo.places.relative import find_relation

SAME_SITE_KM = 30.0  # a sentence's own place this near the main site is the same site
SPECIFIC = {"exact": 6.0, "site": 5.5, "settlement": 5.0, "near-settlement": 4.5,
            "admin2": 3.0, "admin1": 2.0, "country": 0.0}
FINE = frozenset({"exact", "site", "settlement", "near-settlement"})
COARSE_SITES = frozenset({"admin1", "admin2"})
SMALL_AREA_KM = 25.0  # a division no wider than this is as specific as a town
SEAT_KM = 15.0  # a place this far from a province's seat is elsewhere in the province
# Places that are not where the event happened: where victims came from or were taken.
_ELSEWHERE = with_first(re.compile(
    r"(?i:(?:(?<!withdrawal )(?<!withdrawn )(?<!withdrew )(?<!retreat )(?<!retreated )"
    r"(?<!expelled )(?<!liberated )(?<!liberation )(?<!troops )(?<!forces )(?<!out )"
    # (where bodies were taken out of: "Bodies of 53 recovered from Baiji mass grave")
    r"(?<!recovered )(?<!exhumed )(?<!retrieved )(?<!unearthed )(?<!removed )\bfrom"
    r"|\d\s*(?:km|kms|kilomet(?:re|er)s?|miles?)\s+(?:away\s+)?from"
    r"|\b(?:fled|moved to"
    # where people went, with or without a few plain words before "to": "taken to",
    # "evacuated across the border to Kilis", "flown by helicopter to", "fled towards Bunia"
    r"|(?:evacuated|brought|carried|flown|airlifted|smuggled|ferried|transported|taken|rushed|fled"
    r"|escaped)\s+(?:(?-i:[a-z][\w'’-]*)\s+){0,4}?(?:to|towards|into)"
    r"|who reached|who made it to|walked to|made their way to"
    r"|admitted to|hospitali[sz]ed in|treated in|natives? of|hometown|born in|returned to"
    r"|based in|headquartered in|headquarters in|offices? in|visit(?:ed|ing|s)?|trip to"
    r"|embassy in|court in|tribunal in|(?:court|tribunal)\s+\([A-Z]{2,8}\)\s+in"
    r"|conference in|talks in|summit in|meeting in|hearings? in"
    # ("the leaders signed the agreement in Bishkek")
    r"|signed\s+(?:the|a|an|their|its)\s+(?:[\w-]+\s+){0,2}?(?:agreement|deal|treaty|accord"
    r"|pact|ceasefire)\s+in"
    r"|spokes(?:man|woman|person) (?:in|for)"
    r"|briefing in|press conference in|news conference in|told reporters in|speaking in"
    # ("Toll in Muqdadiyah attack rises to 11 as funerals held in Baquba")
    r"|funerals?\s+(?:(?:were|was)\s+)?(?:held\s+)?in"
    # ("laid to rest today in the Alley of Honour in Baku"; but "laid to rest in a mass
    # grave in Tarhuna" is the grave's town)
    r"|laid\s+to\s+rest(?:\s+(?!(?:mass|graves?|pits?|trench\w*)\b)[\w'’-]+){0,7}?\s+in"
    # ("families had started leaving for Muqdadiyah town and Baquba")
    r"|(?:leaving|left|leave)\s+for|fleeing\s+(?:to|towards)"
    # ("who confirmed the attack to our correspondent in Jos")
    r"|(?:our|a|the|its)\s+(?:correspondents?|reporters?|journalists?)\s+in"
    r"|told\s+(?:journalists|correspondents)\s+in"
    r"|statement in|ministry in|by))\s+(?:the\s+)?"
    # ("taken to their home provinces of Ghazni, Daikundi and Bamiyan for burial")
    r"(?:(?:their|his|her|its)\s+)?(?:(?:home|native|ancestral)\s+)?"
    # ("men from villages in the Khenj and Dara districts")
    r"(?:(?:towns?|city|cities|villages?|capital|provinces?|regions?|districts?)\s+(?:of|in)\s+"
    r"(?:the\s+)?)?)"
    # a list of places after the cue: "were from Sokoto, Kebbi and Zamfara", "fled to
    # Palma town and to the district of Mocímboa da Praia"
    # (each with its kind: "a rubber tapper from Bacho district, Narathiwat")
    r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*(?:\s+(?:" + DIVISION_KINDS + r"))?"
    r"(?:\s*(?:,\s*and\s+|,\s*|\s+and\s+)"
    # "from Khulna city and neighbouring areas, including Bagerhat and Satkhira"
    r"|(?:\s+(?:city|town))?\s+and\s+(?:neighbou?ring|nearby|surrounding|other)\s+(?:areas"
    r"|villages|towns|districts)\s*,?\s*(?:including|such\s+as)\s+"
    r"|\s+(?:town|city|village|camp|district)\s+and\s+(?:(?:to|in)\s+)?(?:the\s+)?"
    r"(?:(?:towns?|city|cities|villages?|districts?|provinces?|regions?)\s+of\s+)?))*$"))


# --- sites -----------------------------------------------------------------------------

_CUE_BEFORE = with_first(re.compile(
    r"\b(?:in|at|on|near|outside|inside|of|into|hit|struck|targeted|shelled|bombed"
    r"|attacked|raided|stormed)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", re.I))
_SIDE = re.compile(r"^(?:north|south|east|west|central|upper|lower)", re.I)
_NAMED_AS_PLACE = re.compile(
    r"\b(?:village|town|city|camp|district|settlement|hamlet|neighbou?rhood|suburb)\s+of\s+"
    r"$", re.I)
_MEETING_AFTER = re.compile(
    r"[’']?s?\s+(?:peace\s+)?(?:talks|consultations|negotiations|conference|summit|accords?"
    r"|agreement|process|convention|protocol|format|meeting|forum)\b", re.I)
_COURT_AFTER = re.compile(r"[’']?s?\s+(?:(?:district|regional|criminal|military|appeals?"
                          r"|high|supreme)\s+)?(?:court|courts|tribunal|trial)\b", re.I)
_AT_COURT = re.compile(r"\b(?:hit|hits|struck|strikes?|attack(?:ed|s)?(?:\s+on)?|bomb(?:ed|ing)?"
                       r"|stormed|outside|near|at)\s+(?:the\s+)?$", re.I)
_AREA_AFTER = re.compile(
    r"[’']?s?\s+(?:countryside|desert|province|governorate|region|oblast|plains?|valley"
    r"|mountains?|hills)\b", re.I)  # not "district": "Saltivka district" is the town's
_DISTRICT_AFTER = re.compile(r"\s+district\b", re.I)
_DESTINATION = with_first(re.compile(
    r"\b(?:(?:road|way|route|highway|heading|headed|bound|travell?ing|driving)\s+"
    # ("close to the coastal road leading to Zuwara")
    r"(?:(?:leading|going|running)\s+)?(?:to|for|towards)|towards"
    r"|in\s+the\s+direction\s+of)\s+(?:the\s+)?"
    r"(?:(?:town|city|village)\s+of\s+)?$", re.I))
# "near the border with the state of Chihuahua": the land across the border
_BORDER_WITH = with_first(re.compile(
    r"\b(?:border|frontier|boundary)\s+with\s+(?:the\s+)?(?:(?:state|province|region"
    r"|department|governorate|country)\s+of\s+)?$", re.I))
# "the Jaffar Express travelling from Quetta to Peshawar": the end of a journey that was
# stopped on the way, as far from the site as its start
_ROUTE_END = with_first(re.compile(
    r"\b(?:travell?ing|heading|headed|bound|en\s+route|on\s+(?:its|their|his|her)\s+way"
    r"|journeying|driving|running|sailing|flying)\s+from\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+)"
    r"{1,3}(?:to|towards|for)\s+(?:the\s+)?$"))
# "died in a Peshawar hospital", "were treated at hospitals in Peshawar": where the
# wounded were taken, not where they were hurt
_TREATED_BEFORE = re.compile(
    r"\b(?:died|dies|succumbed|succumbs|treated|admitted|recovering|receiving\s+treatment"
    r"|hospitali[sz]ed|being\s+treated|remained|remain)(?:\s+(?:of|from|to)\s+(?:their|his|her)"
    r"\s+(?:wounds|injuries))?(?:\s+(?:later|overnight|(?:on|last|this)\s+\w+))?"
    r"\s+(?:in|at)\s+(?:(?:a|an|the)\s+)?"
    r"(?P<hosp>(?:(?:main|military|regional|city|district|local|nearby|clinical|general"
    r"|central|children['’]s|teaching|university|provincial|emergency)\s+){0,2}"
    r"hospitals?\s+in\s+(?:the\s+)?"
    # (a hospital named before its town: "succumbed to his injuries at the Combined
    # Military Hospital (CMH) Rawalakot", "dies at CMH Rawalakot")
    r"|(?-i:(?:[A-Z][\w'’-]*\s+){0,4}(?:Hospital|Clinic|Medical\s+(?:Centre|Center|Complex))"
    r"\s+(?:\([A-Z]{2,6}\)\s+)?|[A-Z]{2,5}\s+))?$", re.I)
_HOSPITAL_AFTER = re.compile(r"['’]?s?\s+(?:\w+\s+)?(?:hospitals?|clinics?|morgues?"
                             r"|(?:clinical|medical|health|trauma)\s+cent(?:re|er)s?)\b", re.I)
_SUPERLATIVE_OUTSIDE = re.compile(
    r"\b(?:deadliest|worst|largest|biggest|bloodiest|heaviest|first|only|most\s+\w+)\b"
    r"[^.;:]{0,60}\b(?:outside|beyond|except(?:\s+in)?)\s+(?:the\s+)?$", re.I)


# "were flown with severe burns to hospitals in Medellín": where the wounded went (and
# "the remains were taken to the forensic institute in Guadalajara", "sent for
# examination in Kharkiv": where the dead went)
_TO_HOSPITAL_IN = with_first(re.compile(
    r"\b(?:to\s+(?:(?:a|an|the)\s+)?(?:[\w'’-]+\s+){0,2}?(?i:hospitals?|clinics?|morgues?"
    r"|mortuar(?:y|ies)|forensic\s+(?:institutes?|cent(?:re|er)s?|laborator(?:y|ies))"
    r"|laborator(?:y|ies))|(?i:sent|taken|transferred)\s+for\s+(?i:examination|identification"
    r"|analysis|autops(?:y|ies)|tests?)"
    # ("The bones will be examined at a laboratory in Guatemala City")
    r"|(?i:examined|analy[sz]ed|identified|tested|studied)\s+(?i:at|in)\s+(?:(?:a|an|the)\s+)?"
    r"(?:[\w'’-]+\s+){0,2}?(?i:laborator(?:y|ies)|morgues?|mortuar(?:y|ies)|forensic\s+\w+))"
    r"\s+in\s+(?:the\s+)?$"))


# "We interviewed 17 relatives of missing persons in Hajin, al-Shaafa and al-Susah",
# "researchers spoke to survivors in camps in Adré": where the teller met the witnesses
_INTERVIEWED_IN = with_first(re.compile(
    r"\b(?i:interview(?:ed|ing)|spoke\s+(?:to|with)|speaking\s+(?:to|with)|talked\s+(?:to|with)"
    # (the clause of the interviews only: "witnesses interviewed by rights groups said
    # 30 civilians were killed in villages around Gimbi" tells the event's place)
    r"|met\s+with)\b(?:(?!\b(?i:said|says|say|told|tell|were|was|had|has|have|killed)\b)"
    r"[^.;:!?]){0,120}?\b(?i:in|at)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:(?:(?:a[lsdrzn]|el|ash)[-‐ ])?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
    r"(?:\s*,\s*(?:and\s+)?|\s+and\s+))*$"))


_INTERVIEW_VERB = re.compile(r"interview|spoke|speaking|talked|met\s+with", re.I)


@lru_cache(maxsize=4096)
def _interviews_told(text: str, start: int, end: int) -> bool:
    """Does the sentence tell of interviews at all (asked once per sentence, not for each
    of its places each time a site is weighed)?"""
    return _INTERVIEW_VERB.search(text, start, end) is not None


# "artillery positioned at the Wadi al-Deif camp near Maarat al-Numan shelled Kafranbel":
# where the guns stood, not where their fire fell
_GUNS_AT = with_first(re.compile(
    r"\b(?i:positioned|stationed|deployed|entrenched|garrisoned|dug\s+in)\s+(?i:at|in|around)"
    r"\s+(?:(?i:the)\s+)?$"))


def _wounded_taken_there(text: str, t: Toponym, s: Sentence) -> bool:
    """Is `t` the town of a hospital the wounded were taken to (or of a laboratory the
    bones were), with no attack of its own after it in the sentence ("... to a hospital in
    Hat Yai, itself shaken by a separate car bomb" goes on with one; "a laboratory in
    Guatemala City, where geneticists compare DNA from skeletons" does not)?"""
    return _TO_HOSPITAL_IN.search(text, max(s.start, t.start - 60), t.start) is not None \
        and not any(m.start > t.end and not m.weak for k, ms in s.types.items()
                    if k not in _KEPT_KINDS for m in ms)


_KEPT_KINDS = frozenset({"mass_grave", "detention_torture"})  # what is found or held, not done


def _treated_there(text: str, a: int, start: int, end: int) -> bool:
    m = _TREATED_BEFORE.search(text, a, start)
    return m is not None and (m["hosp"] is not None or _HOSPITAL_AFTER.match(text, end)
                              is not None)


# "released from Myitkyina prison": the prison is where they were held, in that town
_HELD_AT = re.compile(r"['’]?s?\s+(?:(?:central|military|state|federal|main|city)\s+)?"
                      r"(?:prison|jail|gaol|penitentiary|detention\s+(?:centre|center"
                      r"|facility|camp))\b", re.I)
CONTEXT_WEIGHT = -0.5  # a sentence that only locates the incident ("X is 12 km south of Y")
# ("Gaza's largest refugee camp of Jabalia": the owner, then what of it, then its name)
_PART_OF_TOWN = re.compile(r"\s+(?:neighbou?rhood|quarter|suburb|ward|district\s+of\s+the"
                           r"\s+(?:town|city))\b", re.I)
_POSSESSIVE = re.compile(r"[’']s?\s+(?:(?:[\w-]+\s+){0,3}?(?:camp|district|neighbou?rhood"
                         r"|suburb|quarter|village|town|city|area)\s+of\s+)?")
POSSESSOR_PENALTY = 2.0  # "a school in Raqqa's al-Mansourah": Raqqa says where al-Mansourah is
_CAME_AFTER = re.compile(r"\b(?:came|comes|followed|follows)\s+(?:[\w-]+\s+){0,4}?after\b",
                         re.I)
# "in the city", "on the outskirts of a southern Mexico city", "the Chechen capital": the
# dateline's city, unnamed (not "the city of X", "the capital, X", "the city council")
_THE_CITY = re.compile(
    r"\b(?:in|(?:centre|center|heart|middle|outskirts|edge|suburbs?|streets)\s+of|outside"
    r"|near|across)\s+"
    r"(?:a|the|this)\s+(?:[\w-]+\s+){0,3}?(?:city|capital)\b(?!['’]s|\s*,?\s*(?-i:[A-Z])"
    r"|\s+(?:of|in|near|and|council|hall|centre|center|authorities|officials|police"
    r"|administration)\b)", re.I)
POINTED_BONUS = 6.0  # the dateline's penalty undone, and a little more: the sentence's place
HOMETOWN_PENALTY = 2.0  # the victims' home town, named again where nothing says it is the site
# "16 were Guatemalans, most of them from Comitancillo", "natives of Kadji": where the
# victims came from.  A story of their return and funerals names that town in its title
# and lead; the killing happened where its own sentence says.
_HOMETOWN_BEFORE = with_first(re.compile(
    r"\b(?i:(?:(?:were|was|all|most|many|some|both|mostly|originally|them|whom)\s+(?:of\s+"
    r"(?:them|whom)\s+)?(?:were\s+)?|(?:came|hailed|come|comes|hail)\s+)from"
    r"|natives?\s+of|home\s*towns?\s+of|born\s+in)\s+(?:the\s+)?"
    r"(?:(?i:town|village|city|municipality|district|province)\s+of\s+)?$"))
_OPEN_PAREN = re.compile(r"\s*\(")


@dataclass
class _Cand:
    score: float
    t: Toponym
    s: Sentence


# A facility named after its town ("the al-Atarib Surgical Hospital", "Bentiu General
# Hospital", "the Mocha Central Prison"): the town is where it stands
_FACILITY_AFTER = re.compile(
    r"(?:\s+(?-i:[A-Z])[\w'’-]*){0,2}\s+(?:hospital|prison|jail|market|mosque|church|cathedral"
    r"|school|university|stadium|airport|bus\s+station|railway\s+station|camp)\b", re.I)


def _site_score(text: str, t: Toponym, sent: Sentence, weight: float,
                country: str | None, triggers: Sequence,
                supported: frozenset[str] = frozenset()) -> float | None:
    """How well a place mention serves as the incident's site (None: not at all)."""
    if t.lat is None or t.kind not in ("place", "coordinates") and not (
            t.kind == "embedded" and t.precision in FINE and _FACILITY_AFTER.match(text, t.end)):
        # ("the al-Atarib Surgical Hospital": a facility named after the town it is in)
        return None
    if supported and t.country_code and t.country_code not in supported:
        return None  # a namesake abroad: the article names nothing else in that country
    elsewhere, cued = _cues(text, max(sent.start, t.start - 60), t.start)
    if t.relation == "in" and elsewhere and not _HELD_AT.match(text, t.end):
        return None
    if _treated_there(text, max(sent.start, t.start - 60), t.start, t.end):
        return None  # "three more died in a Peshawar hospital": where the wounded were
    if _wounded_taken_there(text, t, sent) \
            or _GUNS_AT.search(text, max(sent.start, t.start - 40), t.start) \
            or _interviews_told(text, sent.start, sent.end) \
            and _INTERVIEWED_IN.search(text, max(sent.start, t.start - 200), t.start):
        return None
    if _BASED_IN.search(text, max(sent.start, t.start - 60), t.start) \
            or _ACTOR_COMPOUND.match(text, t.end):
        return None  # "according to a rights group in Nairobi", "the Bogotá-based think
        # tank", "Tehran-backed militias": where the teller works, whose side someone is
    if _SUPERLATIVE_OUTSIDE.search(text, max(sent.start, t.start - 80), t.start):
        return None  # "the deadliest shelling of the war outside Sarajevo": all but there
    spoke_there = _SPEAKERS_IN.search(text, max(sent.start, t.start - 40), t.start) \
        is not None and _SPEECH_NEXT.match(text, t.end) is not None \
        or _BODY_SPEAKS.match(text, t.end) is not None
    if _BODY_OWNED.match(text, t.end):
        return None  # "the mass graves directorate of Baghdad's Martyrs Foundation": whose
    if t.feature_code == "PPLC" and _CAPITAL_SPEAKS.match(text, t.end):
        return None  # "Kyiv calls it a war crime", "Moscow denies": the government
    if _RIVER_BANK.search(text, max(sent.start, t.start - 30), t.start):
        return None  # "artillery on the left bank of the Dnipro": the river, not the city
    if spoke_there and t.feature_code == "PPLC":
        return None  # "..., police in Abuja said": national officials speak from the
        # capital; the site is elsewhere in the sentence, or not named
    precision = t.precision or "country"
    if _small_area(t):
        precision = "near-settlement"  # a governorate the size of its town (Deir al-Balah)
    score = SPECIFIC.get(precision, 0.0) + weight
    if t.precision == "country":
        score -= 5.0  # never a site while anything finer is named
    if sent.dateline_end > t.start:  # where the report was filed: a last resort
        if "(" in text[sent.start:t.start]:
            return None  # "YEI (Xinhua) -": the agency, not a place
        return score - 4.0
    if spoke_there:
        score -= 4.0  # "police in Kano said": the state's police; the site only if no
        # other place is named
    if t.start == sent.start and text.startswith(":", t.end):
        score -= 3.0  # "Gaza: 30 killed in strike on school in Deir el-Balah": a label
    if cued:
        score += 0.5
    if _side(t):
        score -= 1.5  # "southern Gaza": a part of a region, not the town
    if _ROUTE_END.search(text, max(sent.start, t.start - 60), t.start):
        score -= 3.0  # "a train travelling from Quetta to Peshawar": where it was going
    elif _DESTINATION.search(text, max(sent.start, t.start - 40), t.start):
        score -= 1.5  # "a town on the road to Kohat": where the road leads, not the site
    elif joins_a_road(text, t.start, t.end):
        score -= 3.0  # "the Kabul-Kandahar highway": an end of the road, not the site
    if _BORDER_WITH.search(text, max(sent.start, t.start - 50), t.start):
        return None  # "in the Sierra Madre near the border with the state of Chihuahua":
        # the area across the border, which says where the site is not
    if _MEETING_AFTER.match(text, t.end):
        return None  # "Geneva consultations", "the Astana talks": where talks were held
    if _COURT_AFTER.match(text, t.end) and not _AT_COURT.search(
            text, max(sent.start, t.start - 40), t.start):
        return None  # "The Hague court jails a militiaman": where he is tried, never
        # where the crime was (but "a bomb hit the Kabul court": where it went off)
    if _CAMPAIGN_AFTER.match(text, t.end):
        return None  # "throughout the Tripoli offensive": the war's target, named for when
    if t.precision in FINE and _AREA_AFTER.match(text, t.end):
        score -= 2.0  # "the Homs desert", "Hama countryside": an area named after a town
    if country and t.country_code and t.country_code != country:
        score -= 3.0
    if triggers:  # "killed in Russian-occupied Olenivka": the place the event words point at
        gap = min(t.start - m.end if t.start >= m.end else m.start - t.end for m in triggers)
        score += 1.0 if gap < 30 else 0.6 if gap < 80 else 0.3 if gap < 200 else 0.0
    return score


NEAR_NAMED_KM = 500.0  # beyond the edge of every area the article names: implausible


_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.I)
# "US-led coalition aircraft", "Saudi-backed forces", "US warplanes": a country naming
# who acted
_ACTOR_COMPOUND = re.compile(r"[-‐–]\s?(?:led|backed|based|made|trained|funded|supplied"
                             r"|supported|allied|aligned)\b", re.I)


# "a drone strike on a car in Serzhen-Yurt": a capitalised name after a locative, which
# recognition left unread (a village no gazetteer has): the incident's place, unknown.
_LOCATIVE_NAME = re.compile(
    r"\b(?:in|near|outside|at|on\s+the\s+outskirts\s+of|(?:north|south|east|west)\w*\s+of)"
    r"\s+(?:the\s+(?:village|town|city"
    r"|hamlet|settlement|district|area|camp)\s+of\s+)?([A-Z][\w'’]+(?:-[A-Z]?[\w'’]+)*)")
# "in RSF-run police stations", "in Houthi-held areas": who holds it, not a place's name
_ATTRIBUTIVE = re.compile(r"[-‐][a-z]{3,}$")
_NOT_A_PLACE = CALENDAR_WORDS | frozenset(
    "the a an this that his her their its our ramadan islam parliament congress court".split())


def _unread_place(text: str, s: Sentence, toponyms: Sequence[Toponym]) -> bool:
    """Does sentence `s` (past its dateline) name after a locative a place that is no
    toponym of the text?"""
    return any(m.group(1).lower() not in _NOT_A_PLACE
               and _ATTRIBUTIVE.search(m.group(1)) is None
               and not any(t.start <= m.start(1) < t.end for t in toponyms)
               for m in _LOCATIVE_NAME.finditer(text, max(s.start, s.dateline_end), s.end))


def supported_countries(toponyms: Sequence[Toponym], text: str = "") -> frozenset[str]:
    """Countries the article's geography vouches for: those it names (as a country, a
    division or its people), those where it names two different places, and those of
    places within reach of an area it names.  A lone town whose only namesake in the
    gazetteer lies far from everywhere the article speaks of is a wrong match (`Solhan`
    of Burkina Faso resolved to Turkey, `Mo So` of Myanmar to Italy), not a site."""
    named: set[str] = set()
    areas: list[Toponym] = []
    places: dict[str, set[str]] = {}
    for t in toponyms:
        if not t.country_code or t.lat is None:
            continue
        if t.kind == "demonym" or _ACTOR_COMPOUND.match(text, t.end) \
                or t.precision == "country" and (
                    ACTOR_AFTER.match(text, t.end)
                    # "the US detention facility in Bagram": whose, not where
                    or _DETERMINER_BEFORE.search(text, max(0, t.start - 5), t.start)
                    and LOWER_NEXT.match(text, t.end)):
            # "Russian airstrikes hit Palmyra", "US-led coalition aircraft": a people or
            # a country names who acted, often from abroad; it vouches for its country
            # but says nothing of where.
            named.add(t.country_code)
        elif t.precision in ("country", "admin1", "admin2"):
            named.add(t.country_code)
            areas.append(t)
        elif t.kind in ("place", "embedded"):
            # (a town's name inside another's, "Independence Day", "the Kharkiv Regional
            # Theatre", counts as one town named, not as an area the text covers)
            places.setdefault(t.country_code, set()).add(place_key(t))
    out = named | {c for c, ids in places.items() if len(ids) >= 2}
    if not areas:
        return frozenset()  # nothing to weigh a place against: every country will do
    for t in toponyms:
        if t.kind == "place" and t.country_code and t.lat is not None \
                and t.country_code not in out and any(
                    haversine_km(t.lat, t.lon, a.lat, a.lon) - (a.uncertainty_km or 0.0)
                    <= NEAR_NAMED_KM for a in areas):
            out.add(t.country_code)
    return frozenset(out)


@lru_cache(maxsize=8192)
def _cues(text: str, a: int, b: int) -> tuple[bool, bool]:
    """(an origin or reference cue, a locative cue) right before text[a:b]'s end: asked
    for the same place many times while an incident's site is weighed."""
    before = text[a:b]
    elsewhere = _ELSEWHERE.search(before) is not None \
        and _INVESTIGATORS_VISITED.search(before) is None \
        and _TAKEN_FROM.search(before) is None and _HELD_IN.search(before) is None \
        and _BUILDING_HIT.search(before) is None and _AT_HEADQUARTERS.search(before) is None
    return elsewhere, bool(_CUE_BEFORE.search(before))


# "beatings at the SEBIN headquarters in El Helicoide, Caracas": the headquarters where
# it happened, not where a body that tells of it sits
_AT_HEADQUARTERS = re.compile(r"\b(?:at|inside|into|in|(?:transferred|moved|taken|brought)\s+to)"
                              r"\s+(?:the|its|their)\s+(?:[\w'’-]+\s+){0,3}?"
                              r"headquarters\s+in\b", re.I)


# "An IED killed 11 on the road to Baga, police in Abuja said": who spoke, and where
# from; the site is elsewhere in the sentence (or not named).
_SPEAKERS_IN = with_first(re.compile(
    r"\b(?i:police|officials?|authorities|officers?|spokes(?:man|woman|person)|sources?"
    r"|governor|government|ministry|army|military|prosecutors?|diplomats?|reporters"
    r"|correspondents?)\s+(?i:in|from)\s+(?:the\s+)?(?:(?i:capital|city)\s+(?:of\s+)?)?$"))
# "a rights group in Nairobi", "a think tank based in London": where those who tell of
# the incident work (not investigators, who go where it happened)
_BASED_IN = with_first(re.compile(
    r"\b(?i:(?:rights|human\s+rights|advocacy|aid|relief|monitoring|research|exile|exiled"
    r"|media|news|opposition|diaspora)\s+(?:group|organi[sz]ation|watchdog|ngo|network"
    r"|outlet|agency|body|monitor)s?|think[- ]tank|(?:news\s+)?agency"
    r"|newspaper|broadcaster|monitor)\s+(?i:(?:based|headquartered)\s+)?(?i:in)\s+"
    r"(?:the\s+)?$"))
_SPEECH_NEXT = re.compile(r"(?:\s*,)?\s+(?:" + SPEECH_VERBS + r")\b")
# "Kyiv calls it a war crime", "Moscow blamed a HIMARS rocket": a capital for its
# government, which speaks
_CAPITAL_SPEAKS = re.compile(
    r"\s+(?:calls?|called|says|said|denie[sd]|demand(?:s|ed)?|accuse[sd]|blame[sd]?"
    r"|condemn(?:s|ed)|insist(?:s|ed)|claim(?:s|ed)|warn(?:s|ed)|vow(?:s|ed)|reject(?:s|ed)"
    r"|urge[sd]|respond(?:s|ed)|protest(?:s|ed)|summon(?:s|ed))\b")
# "throughout the Tripoli offensive": the campaign's target; "Baghdad's Martyrs
# Foundation": the body's town; "the left bank of the Dnipro": the river
_CAMPAIGN_AFTER = re.compile(r"\s+(?:offensive|campaign)\b", re.I)
_BODY_OWNED = re.compile(
    r"['’]s\s+(?:[A-Z][\w'’-]*\s+){0,3}(?:Foundation|Ministry|Directorate|Council|Commission"
    r"|Institute|University|Authority|Agency|Department|Committee|Organi[sz]ation"
    r"|Association|Society|Federation)\b")
_RIVER_BANK = re.compile(r"\bbanks?\s+of\s+(?:the\s+)?$", re.I)
# "..., Gaza health ministry says", "Kharkiv regional police said": the town names the
# body that speaks, not where the incident was
_BODY_SPEAKS = re.compile(
    r"(?:['’]s)?\s+(?:[a-z]+\s+){0,2}(?:ministry|authorities|officials|police|office"
    # ("..., Baja California state prosecutors said")
    r"|administration|governor|civil\s+defen[cs]e|military|army|prosecutors?|coroners?"
    r"|spokes(?:man|woman|person))(?:\s*,)?\s+(?:"
    + SPEECH_VERBS + r")\b")


# "a car bomb struck police headquarters in Nazran", "bombs targeted a UN office in
# Algiers": the building attacked is in that town, not an organisation's seat
_BUILDING_HIT = with_first(re.compile(
    r"\b(?i:struck|strikes?|targeted|targeting|hit|hits|attacked|attacks?\s+on|bombed"
    r"|bombing\s+of|stormed|raided|rammed\s+into|blew\s+up|shelled"
    # "a truck bomb exploded near a party office in Tuz Khurmatu"
    r"|explod\w*|went\s+off|detonated|blasts?|explosions?"
    # ("at the Zobe intersection outside Somalia's education ministry in Mogadishu")
    r"|outside|beside|near)\s+(?:[\w'’-]+\s+){0,6}?"
    r"(?i:headquarters|offices?|base|embassy|court|compound|meeting|gathering|conference"
    r"|ministry|ministries)"
    r"\s+(?i:in|of)\s+(?:the\s+)?$"))


# "tortured at the intelligence headquarters in Caracas": where people were held
_HELD_IN = with_first(re.compile(
    r"(?:\b(?i:tortured|torture|held|detained|imprisoned|interrogated|jailed|beaten|abused"
    r"|beatings|custody|detainees|prisoners|captives)\s+(?i:at|in)\s+"
    # ("found 43 detainees during a surprise inspection of the provincial intelligence
    # branch office in Biñan")
    r"|\b(?i:inspect(?:ed|ing|ions?))\s+(?:(?i:of|at|in)\s+)?)"
    r"(?:the\s+|an?\s+)?[^.;,]{0,40}?\b(?i:headquarters|base|offices?)\s+"
    r"(?i:in|of)\s+(?:the\s+)?$"))


# "gunmen abducted five women from Kanamma": where people were taken from is where the
# abduction happened, not where they came from
# The verbs of people taken, before where they were taken from
_TAKING = r"abduct\w*|kidnap\w*|snatch\w*|seiz\w*|carried\s+off|dragged"
_TAKEN_FROM = with_first(re.compile(
    r"\b(?i:" + _TAKING + r"|took\s+away|taken\s+away"
    r"|rounded\s+up|disappearance\s+of|taken\s+by)\b[^.;:!?]{0,60}?\b(?i:from)\s+"
    r"(?:the\s+)?"
    r"(?:(?i:towns?|city|villages?|camps?|district|area)\s+of\s+)?"
    r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*\s*(?:,\s*and\s+|,\s*|\s+and\s+))*$"
    # "abducted from their office in Douma", "took a man from the bus station in Uramita"
    r"|\b(?i:" + _TAKING + r"|took|taken|picked\s+up)\b[^.;:!?]{0,60}?\b(?i:from)\s+"
    r"(?:(?i:their|his|her|its|the|a|an)\s+)?(?:[\w'’-]+\s+){0,3}?(?i:in|at|near)\s+"
    r"(?:the\s+)?$"))


# "Researchers who visited Qana": investigators visit the site itself (a minister's
# visit to a capital stays a reference)
_INVESTIGATORS_VISITED = re.compile(
    r"\b(?:researchers|investigators|journalists|reporters|monitors|experts|inspectors"
    r"|team|mission|we)\s+(?:who\s+|that\s+)?(?:had\s+|have\s+)?visited\s+(?:the\s+)?"
    r"(?:(?:town|city|village|site)\s+of\s+)?$", re.I)


def main_country(toponyms: Sequence[Toponym], sentences: Sequence[Sentence]) -> str | None:
    """The country most of the article's weighted place names lie in (demonyms left out:
    "Russian forces" says who attacked, not where)."""
    weight: dict[str, float] = {}
    k = 0
    for t in toponyms:
        while k < len(sentences) and sentences[k].end <= t.start:
            k += 1
        w = sentences[k].weight if k < len(sentences) and sentences[k].start <= t.start else 1.0
        if t.country_code and t.lat is not None and t.kind in ("place", "coordinates"):
            fine = 2.0 if t.precision in FINE else 1.0  # towns say more than a country name
            weight[t.country_code] = weight.get(t.country_code, 0.0) + w * fine
    return max(weight, key=weight.__getitem__) if weight else None


def choose_site(text: str, toponyms: Sequence[Toponym], sentences: Sequence[Sentence],
                context: Sequence[Sentence], country: str | None,
                supported: frozenset[str] = frozenset(), within: Sequence[Toponym] = ()
                ) -> tuple[Toponym | None, Sentence | None, str]:
    """The best site named across an incident's sentences (and the sentences around them
    that only locate it), with why it was chosen.  Where a heading (or the title's town
    the lead goes on with) names the incident's place (`within`), a site far from it is
    another incident's."""
    seen: dict[str, int] = {}
    for s in sentences:
        for t in _places_in(toponyms, s):
            if t.start < s.dateline_end:
                continue  # (where the report was filed says nothing of the site)
            key = place_key(t)
            seen[key] = seen.get(key, 0) + 1
    # "GROZNY (Reuters) - ... missiles slammed into a crowded market in the centre of the
    # Chechen capital": the sentence speaks of its dateline's city without naming it
    pointed = {t.start for s in [*sentences, *context] if s.dateline_end > 0
               and _THE_CITY.search(text, s.dateline_end, s.end)
               for t in _places_in(toponyms, s)
               if t.start < s.dateline_end and t.kind == "place" and t.precision in FINE}

    def _filed_past(c: _Cand) -> bool:
        return c.s.dateline_end <= c.t.start or c.t.start in pointed

    cands: list[_Cand] = []
    references: set[int] = set()  # owners and parenthesised areas: where another place is
    hometowns = {place_key(t) for t in toponyms if t.lat is not None
                 and _HOMETOWN_BEFORE.search(text, max(0, t.start - 60), t.start)}
    own = {s.index for s in sentences}
    for s in [*sentences, *(c for c in context if c.index not in own)]:
        weight = s.weight if s.index in own else CONTEXT_WEIGHT
        triggers = [m for ms in s.types.values() for m in ms]
        places = _places_in(toponyms, s)
        capitals = _named_capitals(text, places, s) | {
            t.start for t in places if t.relation == "near" and t.bearing_deg is not None
            and _area_located(text, places, t)}
        owners = _possessors(text, places) | _paren_areas(text, places) | capitals \
            | _measured_from(text, places)
        references |= owners
        # "The attack on Haas came eight months after airstrikes destroyed a hospital near
        # Maarat al-Numan": the place before "came ... after" is the later incident's, the
        # one the sentence compares with the incident it tells
        # (in the body: a title or lead saying so tells its own incident)
        came = _CAME_AFTER.search(text, s.start, s.end) if s.role not in OPENING else None
        compared = {t.start for t in places if t.end <= came.start()} \
            if came and any(t.start >= came.end() for t in places) else set()
        # a sentence that tells of no event and names the victims' home town speaks of
        # their home: "The municipality of Comitancillo, in the department of San
        # Marcos, lived one of the saddest days in its memory."
        home_area = not triggers and any(place_key(t) in hometowns for t in places)
        line = s.index not in own and bool(places) and s.end - s.start <= 120 and _place_line(
            text[s.start:s.end], tuple((t.start - s.start, t.end - s.start) for t in places))
        for t in places:
            if s.index not in own and t.relation == "in" and not line and s.role != "title" \
                    and not _NAMED_AS_PLACE.search(text, max(s.start, t.start - 30), t.start) \
                    and not (s.role in OPENING
                             and _cues(text, max(s.start, t.start - 60), t.start)[1]):
                # A sentence beside the incident's counts only where it locates ("the
                # village of X"), in the opening, "in X": where the story is, or as a line
                # of place names alone ("Nawa town (Daraa province).").
                continue
            score = None if t.start in capitals or t.start in compared else _site_score(
                text, t, s, weight, country, triggers, supported)
            if score is None:
                continue
            if t.start in pointed:
                score += POINTED_BONUS  # (as if named where the sentence points)
            score += 0.4 * min(seen.get(place_key(t), 1) - 1, 3)
            if t.start in owners:
                score -= POSSESSOR_PENALTY  # (the same for a parenthesis' areas)
            if home_area or place_key(t) in hometowns \
                    and not _cues(text, max(s.start, t.start - 60), t.start)[1]:
                score -= HOMETOWN_PENALTY  # (and the area the sentence files it in)
            cands.append(_Cand(score, t, s))
    if any(t.kind == "place" and (t.lat is None or t.geonameid is None
                                  and t.precision in ("country", "admin1"))
           and _cues(text, max(s.start, t.start - 60), t.start)[1]
           # ("Yei: ... detained in Sopiri neighbourhood": a part of the town the label
           # names, which then says where)
           and not _PART_OF_TOWN.match(text, t.end)
           for s in sentences for t in _places_in(toponyms, s)):
        # "troops killed civilians in Lere": the incident names where, a place the
        # gazetteer lacks (or places only by its country: "in the town of Lere in
        # northwestern Mali"); the dateline (where refugees told of it) is somewhere else,
        # unless the title names the same town ("Kryvyi Rih buries its children" above
        # "KRYVYI RIH - ... in the Saksahanskyi district": a part of it).
        titled = _titled(toponyms, sentences, context)
        cands = [c for c in cands if _filed_past(c) or c.t.geonameid in titled]
    # "on the road between Bama and Banki": the second town ends the phrase whose point
    # (the midpoint) the first carries; it is no site of its own there
    ends = [(c.t.phrase.start, c.t.phrase.end) for c in cands
            if c.t.relation == "between" and c.t.phrase is not None]
    if ends:
        cands = [c for c in cands if c.t.relation == "between"
                 or not any(a <= c.t.start < b for a, b in ends)]
    told = [c.t for c in cands if c.s.index in own and c.t.precision in FINE
            and c.t.start not in references and _filed_past(c)]
    if told:
        # "Leaving Ottawa: ..." above "two farmers were killed ... near Izium": the
        # title's town (or a town of the sentences around), beside an incident whose own
        # sentences name a town far from it, is another story's, not this incident's
        cands = [c for c in cands if c.s.index in own
                 or not all(far_apart(c.t, t) for t in told)]
    placed = [t for t in within if t.lat is not None and t.precision in FINE]
    if placed:
        cands = [c for c in cands if not all(far_apart(c.t, w) for w in placed)] or cands
    if not cands:
        meant = _capital_meant(text, toponyms, sentences)
        if meant is not None:
            return meant[0], meant[1], CAPITAL_MEANT
        return None, None, "no place found"
    # Of two towns a few tens of km apart, the much smaller one is where it happened and
    # the larger the reference ("al-Qutayfah, 40 km north of the capital").
    # (A name the gazetteer lacks that the text places by a town is such a small place.)
    for c in cands:
        unknown = c.t.geonameid is None and c.t.anchor is not None
        if c.t.precision in FINE and (c.t.population or unknown) and not _side(c.t) and any(
                o.t.precision in FINE and o.t.population and o.t.geonameid != c.t.geonameid
                and o.t.population > 3 * (c.t.population or 0) and _near(c.t, o.t, 60)
                for o in cands):
            c.score += 1.0
    best = max(cands, key=lambda c: (c.score, -c.t.start))
    if best.t.relation == "in" and best.t.geonameid:
        # "killed in Omdurman ... a market north of Omdurman": the direction says which
        # part of the same town.
        directed = [c for c in cands if c.t.relation in ("near", "offset")
                    and c.t.bearing_deg is not None and c.t.geonameid == best.t.geonameid
                    and not _describes_another(text, c.t, toponyms)]
        if directed:
            best = max(directed, key=lambda c: (c.score, -c.t.start))
    if best.t.relation == "near" and best.t.geonameid:
        # "a camp near Goma ... situated 10 km west of Goma": the distance and bearing
        # say more precisely where the same place is.
        offsets = [c for c in cands if c.t.relation == "offset"
                   and c.t.geonameid == best.t.geonameid
                   and not _describes_another(text, c.t, toponyms)]
        if offsets:
            best = max(offsets, key=lambda c: (c.score, -c.t.start))
    if best.t.relation in ("near", "offset") and best.t.anchor is not None \
            and best.t.geonameid is not None:
        # "Mattani, a town about 20 km south of Peshawar": the distance is that of a name
        # the gazetteer lacks, which the text places there; the name is the site.
        owners = [c for c in cands if c.t.geonameid is None and c.t.anchor is not None
                  and c.t.anchor.geonameid == best.t.anchor.geonameid
                  and (c.t.lat, c.t.lon) == (best.t.lat, best.t.lon)
                  and _filed_past(c)]
        if owners:
            best = max(owners, key=lambda c: (c.score, -c.t.start))
    if best.t.relation in ("near", "offset") and best.t.anchor is not None \
            and best.t.geonameid is not None:
        # The article names the place as well as giving a distance: the named place wins
        # when it lies where the distance points and is smaller than the anchor.
        named = [c for c in cands if c.t.relation == "in" and c.t.precision in FINE
                 and _filed_past(c) and c.t.start not in references
                 and c.score > best.score - 3.0
                 and not _side(c.t) and _near(c.t, best.t, 40)
                 # (in a sentence that tells an event, not "relatives gathered outside
                 # the provincial government building in Tikrit" beside "a grave near
                 # Baiji")
                 and (c.s is best.s or c.s.role in OPENING or strong_types(c.s))
                 # (nor the district it lies in: "1 km west of Kafr Takharim, in Harim
                 # district")
                 and not _DISTRICT_AFTER.match(text, c.t.end)
                 and (c.t.population or 0) < (best.t.population or 10**9)
                 # (not a road's end: "on the Bannu-Miranshah road, 20 km west of Bannu",
                 # "close to the coastal road leading to Zuwara")
                 and not joins_a_road(text, c.t.start, c.t.end)
                 # (nor a town listed beside the anchor: "a warning for the rural zone of
                 # Tibú, El Tarra and Teorama" names the area, not where the distance ends)
                 and not _listed_with(text, c.t, _places_in(toponyms, c.s), best.t.anchor)
                 and not _DESTINATION.search(text, max(0, c.t.start - 60), c.t.start)]
        if named:
            best = max(named, key=lambda c: (c.score, -c.t.start))
    if best.t.relation == "near" and best.t.bearing_deg is not None \
            and best.t.anchor is not None and best.t.precision in FINE:
        # "In a field north of Kiev ... near the village of Nova Basan": a direction from
        # a city says where to look; a much smaller place named there is the site.
        towards = [c for c in cands if c.s.index in own and c.t.precision in FINE
                   and not _side(c.t) and c.t.start not in references and c.score > best.score - 3.0
                   and (c.t.population or 0) * 10 < (best.t.population or 0)
                   and _towards(best.t, c.t)]
        if towards:
            best = max(towards, key=lambda c: (c.score, -c.t.start))
    if best.t.geonameid:
        # "shelled Hatla (Deir ez Zor)", "Khasfa, south of Mosul": a place the gazetteer
        # lacks, which the text places by this town, is where it happened; the town is
        # the reference (the point stays the town's, with the wider radius it says).
        placed = [c for c in cands if c.t.geonameid is None and c.t.anchor is not None
                  and c.t.anchor.geonameid == best.t.geonameid
                  and c.score > best.score - 3.0 and _filed_past(c)]
        if placed:
            best = max(placed, key=lambda c: (c.score, -c.t.start))
    if best.t.precision in FINE and best.t.geonameid and best.t.admin1 \
            and best.t.relation == "in" \
            and romanised_alike(best.t.name or "", best.t.admin1):
        # "shelling on Saada ... on a populated area in Razih district": a town named
        # like its province stands for the province where the incident's words name a
        # place elsewhere in it (not a point measured from the town: "20 km north-west
        # of Saada city").
        elsewhere = [c for c in cands if c.s.index in own and c.t.kind == "place"
                     and c.t.precision in (*FINE, "admin2") and c.t.geonameid != best.t.geonameid
                     and c.t.country_code == best.t.country_code
                     and c.t.admin1 == best.t.admin1 and c.t.start not in references
                     and _filed_past(c) and c.score > best.score - 3.0
                     and not _near(c.t, best.t, SEAT_KM)]
        if elsewhere:
            best = max(elsewhere, key=lambda c: (c.score, -c.t.start))
    if best.t.precision in COARSE_SITES and (best.t.uncertainty_km or 0.0) > SMALL_AREA_KM \
            and best.t.geonameid is not None:  # (a name only its area places is the site)
        # "killed in Kashmir ... Seer Village in Pulwama district": of the places inside
        # the province (or district) the incident's words name, the finest is the site.
        inside = [c for c in cands if SPECIFIC.get(c.t.precision or "country", 0.0)
                  > SPECIFIC[best.t.precision] and c.t.kind == "place"
                  and c.t.country_code == best.t.country_code and c.t.start not in references
                  and _filed_past(c)
                  and _near(c.t, best.t, (best.t.uncertainty_km or 0.0) + 5.0)]
        if inside:
            best = max(inside, key=lambda c: (SPECIFIC[c.t.precision], c.score, -c.t.start))
    if best.t.geonameid is None and NAMED_AGAIN in (best.t.reason or ""):
        # the same village where the text says what it is ("the village of Groza, in the
        # Kharkiv region"): the sentence that places it is the site's
        said = [c for c in cands if c.t.text == best.t.text
                and NAMED_AGAIN not in (c.t.reason or "")]
        if said:
            best = max(said, key=lambda c: (c.score, -c.t.start))
    t, s = best.t, best.s
    if t.precision == "country" and (meant := _capital_meant(text, toponyms, sentences)):
        return meant[0], meant[1], CAPITAL_MEANT
    why = {"title": "named in the title", "standfirst": "named in the subtitle",
           "lead": "named in the lead"}.get(s.role, "named in a sentence about the incident")
    if t.start in pointed:
        why = "the dateline's city, which the sentence speaks of without naming it"
    elif s.dateline_end > t.start:
        why = "the dateline's place (no other place named for the incident)"
        # (the title naming the town itself, or an institution of the town where the
        # incident happened, "students of the University of Buea were wounded ... on the
        # campus in Molyko": an unread place is a part of it)
        if t.geonameid not in _titled(toponyms, sentences, context) \
                and t.geonameid not in _institution_of(toponyms, sentences) \
                and any(_unread_place(text, x, toponyms) for x in sentences):
            why = DATELINE_ONLY  # where the report was filed, not where it happened
    elif s.index not in own:
        why = "named beside the incident's sentences"
    return t, s, why


CAPITAL_MEANT = "the country's capital, which the report names elsewhere"
# "in Uganda's capital", "the Libyan capital", "the capital of Burkina Faso": with no
# name after it, the capital the report names elsewhere (its dateline, most often)
_CAPITAL_AFTER = re.compile(r"(?:['’]s)?\s+capital\b(?!\s*,?\s*(?-i:[A-Z]))", re.I)
_CAPITAL_OF = re.compile(r"\bcapital\s+of\s+(?:the\s+)?$", re.I)


def _capital_meant(text: str, toponyms: Sequence[Toponym], sentences: Sequence[Sentence]
                   ) -> tuple[Toponym, Sentence] | None:
    """The capital a sentence means by "<country>'s capital" with no name after it, when
    the report names that capital somewhere (no gazetteer here: an unnamed capital the
    report never writes stays the country, which puts no point on the map)."""
    for s in sentences:
        for t in _places_in(toponyms, s):
            if t.precision != "country" or t.country_code is None \
                    or not (_CAPITAL_AFTER.match(text, t.end)
                            or _CAPITAL_OF.search(text, max(s.start, t.start - 20), t.start)):
                continue
            capital = next((c for c in toponyms if c.feature_code == "PPLC"
                            and c.country_code == t.country_code and c.lat is not None), None)
            if capital is not None:
                return capital, s
    return None


_APPOSED_DISTANCE = re.compile(r"\s*,\s*(?:(?:about|some|around|roughly|nearly|just"
                               r"|approximately)\s+)?$", re.I)


def _describes_another(text: str, t: Toponym, toponyms: Sequence[Toponym]) -> bool:
    """Is t's distance said of another town the gazetteer has, named right before it?
    ("In the town of Balakliia, about 45 km northwest of Izium": where Balakliia lies,
    not a part of Izium.)"""
    if t.phrase is None:
        return False
    return any(o.geonameid is not None and o.geonameid != t.geonameid
               and o.end <= t.phrase.start and t.phrase.start - o.end <= 12
               and _APPOSED_DISTANCE.fullmatch(text, o.end, t.phrase.start)
               for o in toponyms)


def _institution_of(toponyms: Sequence[Toponym], sentences: Sequence[Sentence]) -> set[str]:
    """The towns the incident's sentences name inside an institution's name, past the
    dateline ("the University of Buea", "Kasindi general hospital")."""
    return {t.geonameid for s in sentences for t in _places_in(toponyms, s)
            if t.kind == "embedded" and t.geonameid and t.start >= s.dateline_end}


def _titled(toponyms: Sequence[Toponym], sentences: Sequence[Sentence],
            context: Sequence[Sentence]) -> set[str]:
    """The gazetteer places the report's title names."""
    return {t.geonameid for s in [*sentences, *context] if s.role == "title"
            for t in _places_in(toponyms, s) if t.geonameid}


DIRECTION_KM = 150.0  # how far "north of X" reaches without a distance
DATELINE_ONLY = ("only the dateline's place, where the report was filed: the place the "
                 "incident is said to be in is one the gazetteer lacks")


def _angle(a: float, b: float) -> float:
    """The smaller angle between two compass bearings."""
    d = abs(a - b) % 360.0
    return min(d, 360.0 - d)


_LOCATIVE_WORDS = frozenset("""
    of the and in near town village city district sub-district province governorate state
    region area county municipality neighbourhood neighborhood camp township commune
    locality outskirts
""".split())


@lru_cache(maxsize=4096)
def _place_line(sentence: str, spans: tuple[tuple[int, int], ...]) -> bool:
    """Is a short sentence only a location: the place names at `spans` and words for
    kinds of place?  (Asked again each time the incident's site is weighed.)"""
    rest = sentence
    for a, b in sorted(spans, reverse=True):
        rest = rest[:a] + " " + rest[b:]
    words = re.findall(r"[^\W\d_][\w'’-]*", rest)
    other = [w for w in words if w.lower() not in _LOCATIVE_WORDS]
    if sum(not w[0].isupper() for w in other) > 1:
        return False
    # Capitalised words are names the gazetteer lacks ("Ghro Qishlaq village, Imam Sahib
    # district"), when the line's other words say so; without them, a headline in title
    # case ("Russian Forces Attack Kharkiv").
    return len(other) <= 1 or len(other) < len(words)


def _side(t: Toponym) -> bool:
    return t.phrase is not None and bool(_SIDE.match(t.phrase.text)) and t.relation == "in"


def _near(a: Toponym, b: Toponym, km: float) -> bool:
    return a.lat is not None and b.lat is not None and \
        haversine_km(a.lat, a.lon, b.lat, b.lon) <= km


def _possessors(text: str, places: Sequence[Toponym]) -> set[int]:
    """Starts of places named as the owner of the next place ("Raqqa's al-Mansourah",
    "Kharkiv's Saltivka district"): the container, which says where the next one is."""
    out: set[int] = set()
    for a, b in pairwise(places):
        m = _POSSESSIVE.match(text, a.end)
        if m and m.end() == b.start and b.precision in FINE and a.geonameid != b.geonameid:
            out.add(a.start)
    return out


# "news of the attack took a day to reach the regional capital Buea": a division's seat
# named for its rank is a reference, unless the text puts the event in it
_CAPITAL_BEFORE = re.compile(r"\b(?:regional|provincial|state|district|departmental"
                             r"|county|divisional)\s+capital,?\s+(?:of\s+)?$", re.I)


# "Baghdad blames Turkey", "which Islamabad described as horrific", "Moscow denied": a
# national capital acting or speaking is its government, not a place
_GOVERNMENT_VERB = re.compile(
    r"\s+(?:(?:has|had|have|also|later|quickly|swiftly|then|again|officially)\s+){0,2}"
    r"(?:" + SPEECH_VERBS + r"|blamed|blames|accused|accuses|denied|denies|responded"
    r"|responds|described|describes|condemned|condemns|warned|warns|vowed|vows|rejected"
    r"|rejects|retaliated|retaliates|insisted|insists|claimed|claims|announces|demanded"
    r"|demands"
    r"|urged|urges|summoned|summons|recalled|recalls|expelled|expels|threatened|threatens"
    r"|protested|protests|dismissed|dismisses|admitted|admits|acknowledged|acknowledges"
    r"|confirms|called\s+(?:for|on)|calls\s+(?:for|on))\b")


# ("women held at the prison outside Kabul described beatings": the capital is where)
_PLACE_BEFORE = re.compile(r"\b(?:in|outside|near|of|from|to|at|into|around|toward|towards"
                           r"|across|on|over|beyond)\s+(?:the\s+)?$", re.I)


def _named_capitals(text: str, places: Sequence[Toponym], s: Sentence) -> set[int]:
    return {t.start for t in places
            if _CAPITAL_BEFORE.search(text, max(s.start, t.start - 40), t.start)
            and not _cues(text, max(s.start, t.start - 60), t.start)[1]
            or t.feature_code == "PPLC" and _GOVERNMENT_VERB.match(text, t.end)
            and not _PLACE_BEFORE.search(text, max(0, t.start - 20), t.start)}


def _measured_from(text: str, places: Sequence[Toponym]) -> set[int]:
    """Towns a distance is measured from whose point stays the town's ("a village on the
    outskirts of Ye-U, about 50 km north-east of Budalin", Budalin a name the gazetteer
    lacks, which no distance can move): a reference, like an owner."""
    return {t.start for t in places
            if (kind := _relation_kind(text, t.start, t.end)) in ("offset", "distance")
            and (t.geonameid is None or t.relation != kind)}


# "in the Artibonite department north of the capital Port-au-Prince": a direction with no
# distance after an area says where the area lies, from a town that is no site
_AREA_WORD_BEFORE = re.compile(r"\b(?:" + DIVISION_KINDS + r")\s*,?\s+$", re.I)


def _area_located(text: str, places: Sequence[Toponym], t: Toponym) -> bool:
    """Does a direction phrase with no distance before `t` follow an area's name or its
    kind word?"""
    rel = find_relation(text, t.start, t.end)
    if rel is None or rel.kind != "direction":
        return False
    if _AREA_WORD_BEFORE.search(text, max(0, rel.phrase_start - 30), rel.phrase_start):
        return True
    return any(u.end <= rel.phrase_start and text[u.end:rel.phrase_start].strip(" ,") == ""
               and u.precision in ("admin1", "admin2") for u in places)


@lru_cache(maxsize=4096)
def _relation_kind(text: str, start: int, end: int) -> str | None:
    """The kind of relation the text puts around a mention, asked of each place every time
    an incident's site is weighed again (the text's hash is computed once)."""
    rel = find_relation(text, start, end)
    return rel.kind if rel is not None else None


def _paren_areas(text: str, places: Sequence[Toponym]) -> set[int]:
    """Starts of the areas a monitor's parenthesis gives after a place the text names
    ("shelled Tasil (Izra, Daraa)"): they say where that place is, so it is the site."""
    out: set[int] = set()
    owner = None  # where the parenthesis after the last place opens
    for t in places:
        if owner is not None and t.start > owner and ")" not in text[owner:t.start]:
            out.add(t.start)  # ("Al Qaryatayn (Mintaqat Markaz Homs, Homs)": both Homs)
            continue
        m = _OPEN_PAREN.match(text, t.end)
        owner = m.end() - 1 if m else None
    return out


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
                       r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s*(?:,\s*(?:and\s+|or\s+)?"
                       r"|\s+(?:and|or)\s+))*")


def _listed_with(text: str, t: Toponym, places: Sequence[Toponym], anchor: Anchor) -> bool:
    """Is `t` one of a list of names that also holds the `anchor` place, or its namesake
    division ("the rural zone of Tibú, El Tarra and Teorama")?"""
    for u in places:
        if u is t or not (u.geonameid == anchor.geonameid or u.name == anchor.name):
            continue
        a, b = (u, t) if u.start < t.start else (t, u)
        if _LIST_GAP.fullmatch(text, a.end, b.start):
            return True
    return False


def _places_in(toponyms: Sequence[Toponym], s: Sentence) -> list[Toponym]:
    if s.places is not None:
        return s.places
    return [t for t in toponyms if s.start <= t.start < s.end]


def file_places(sentences: Sequence[Sentence], toponyms: Sequence[Toponym]) -> None:
    """File each place mention under its sentence (both in text order), once."""
    k = 0
    ordered = sorted(toponyms, key=lambda t: t.start)
    for s in sentences:
        s.places = []
        while k < len(ordered) and ordered[k].start < s.start:
            k += 1
        j = k
        while j < len(ordered) and ordered[j].start < s.end:
            s.places.append(ordered[j])
            j += 1


def far_apart(a: Toponym, b: Toponym) -> bool:
    if a.lat is None or b.lat is None:
        return False
    if haversine_km(a.lat, a.lon, b.lat, b.lon) <= SAME_SITE_KM + (a.uncertainty_km or 0) \
            + (b.uncertainty_km or 0):
        return False
    return not (_towards(a, b) or _towards(b, a))


def _towards(a: Toponym, b: Toponym) -> bool:
    """Does `b` lie where "north of X" (`a`, a direction with no distance) points?"""
    anchor = a.anchor
    if a.relation != "near" or a.bearing_deg is None or anchor is None \
            or b.lat is None or b.geonameid == anchor.geonameid:
        return False
    # "north of X" read as a journalist means it: the half of the compass that way.
    return haversine_km(anchor.lat, anchor.lon, b.lat, b.lon) <= DIRECTION_KM and _angle(
        initial_bearing(anchor.lat, anchor.lon, b.lat, b.lon), a.bearing_deg) < 90.0


def _small_area(t: Toponym) -> bool:
    """A division no wider than a town ("Deir al-Balah" governorate, "Zike village in
    Bassa local government area"): as specific as a town."""
    return t.precision in COARSE_SITES and (t.uncertainty_km or SMALL_AREA_KM + 1) \
        <= SMALL_AREA_KM


def _placed_there(text: str, t: Toponym, s: Sentence) -> bool:
    """Is `t` a place of sentence `s`'s own event: a point (a facility named after its
    town too: "died in Kalay Prison"), past the dateline, and not where people came from
    or spoke ("fled to", "officials in")?"""
    return (t.kind == "place" or t.kind == "embedded" and t.precision in FINE
            and _FACILITY_AFTER.match(text, t.end) is not None) \
        and t.lat is not None and s.dateline_end <= t.start and not (
        t.relation == "in" and _cues(text, max(s.start, t.start - 60), t.start)[0]
        or _wounded_taken_there(text, t, s))


def place_key(t: Toponym) -> str:
    """How a place is told apart from others: its gazetteer id, or its name where the
    gazetteer lacks it (a title's stories, the towns an incident's sentences name)."""
    return t.geonameid or t.text


def own_fine_places(text: str, toponyms: Sequence[Toponym], s: Sentence) -> list[Toponym]:
    return [t for t in _places_in(toponyms, s)
            if (t.precision in FINE or t.anchor and _small_area(t))
            and _placed_there(text, t, s)]


def district_elsewhere(text: str, toponyms: Sequence[Toponym], s: Sentence,
                        site: Toponym | None) -> list[Toponym]:
    """The districts a sentence names far from the main incident's site: beside it, a
    strike "in Haydan district, Saada governorate" is another incident, not the main one
    told again (a district alone never makes the main incident's site fine)."""
    if site is None or site.precision == "country":
        return []
    out = [t for t in _places_in(toponyms, s)
           if t.precision == "admin2" and _placed_there(text, t, s)]
    # ("On the Pakistani side, shelling killed three civilians in Kotli district" beside
    # shelling of Poonch: across a border, however near)
    return out if out and all(far_apart(site, t) or across_border(site, t)
                              for t in out) else []


def across_border(a: Toponym, b: Toponym) -> bool:
    return bool(a.country_code and b.country_code and a.country_code != b.country_code)


COORDINATES_REACH_KM = 50.0  # beyond the named site's own radius


def stated_coordinates(toponyms: Sequence[Toponym], site: Toponym | None,
                       sentences: Sequence[Sentence]) -> tuple[Toponym, Sentence] | None:
    """The first coordinates the article gives that lie where its named site does (within
    that site's radius and `COORDINATES_REACH_KM`): an investigator's geolocation says
    more precisely than any name where the incident was."""
    if site is None or site.kind == "coordinates" or site.lat is None:
        return None
    reach = (site.uncertainty_km or 0.0) + COORDINATES_REACH_KM
    for t in toponyms:
        if t.kind == "coordinates" and t.lat is not None \
                and haversine_km(t.lat, t.lon, site.lat, site.lon) <= reach:
            s = next((s for s in sentences if s.start <= t.start < s.end), None)
            if s is not None:  # named for the map by the place the text names there
                return t.model_copy(update={"name": f"{site.name or site.text} ({t.text})"}), s
    return None
