"""From one article to the incidents it reports, read the way an analyst reads it.

A report is about one incident, sometimes a few, and mentions many others in passing:
the war's toll, last year's massacre, the series of strikes it belongs to.  The title and
the lead name the incident; later sentences add its site, dates and figures, and a few
report a second incident of their own.  So extraction works on the whole document:

1. sentences, each with a weight for where it stands (title, standfirst, lead, body) and
   the dateline cut off (`TRIPOLI (Reuters) -` says where the report was filed);
2. event mentions: the taxonomy's triggers, strong ("airstrike", "mass grave") and weak
   ("killed", "blast"), in each sentence;
3. background: a sentence about the past (dates a year or more before publication), about
   many events ("decades of", "the war has killed thousands", "across the country"), or
   about courts, treaties and talks reports no incident of its own;
4. the main incident: the first reporting sentences (title and lead first) and every
   later sentence that agrees with them (a compatible type, no site of its own far away,
   no date of its own far off) are one event.  Its type is the vote of their strong
   triggers (weak words decide only when there is none); its site the best place named
   across them; its dates and figures the first fitting ones;
5. other incidents: a later sentence with a strong trigger, its own site far from the main
   one and its own date or figure is an incident of its own.

Every field keeps the sentence it came from (`Source.quotes`), and an incident the rules
are unsure of carries `needs_review` with the reason.  Sentences judged background are
returned too (`DocumentEvents.background`), so the run report accounts for them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from geo.distance import haversine_km, initial_bearing
from geo.models import Toponym
from geo.places.tokens import sentence_bounds

# Weights of a sentence by where it stands: the title and the lead name the incident.
W_TITLE, W_LEAD, W_NEAR, W_BODY = 3.0, 2.5, 1.5, 1.0
LEAD_SENTENCES = 2  # body sentences that count as the lead
MAX_EVENTS = 200  # incidents one document may report (a long daily brief, not a book)
SITE_SENTENCES = 60  # an incident's first sentences that its site, date and figure come from
NEAR_SENTENCES = 5  # ... and as close to it
RECENT_DAYS = 62  # a date this close before publication is the news itself
OLD_DAYS = 300  # a date this far before publication is history
SAME_SITE_KM = 30.0  # a sentence's own place this near the main site is the same site
SPECIFIC = {"exact": 6.0, "site": 5.5, "settlement": 5.0, "near-settlement": 4.5,
            "admin2": 3.0, "admin1": 2.0, "country": 0.0}
FINE = frozenset({"exact", "site", "settlement", "near-settlement"})
# Types that one incident's sentences may mix: a grave found after a massacre, victims
# "killed" in a strike, a prisoner "tortured" in a detention centre.
KILLING = "execution_massacre"
FAMILIES = {
    "mass_grave": {"mass_grave", KILLING},
    "airstrike": {"airstrike", "shelling", "explosive_mine", KILLING},
    "shelling": {"airstrike", "shelling", "explosive_mine", KILLING},
    "explosive_mine": {"airstrike", "shelling", "explosive_mine", KILLING},
    "detention_torture": {"detention_torture", "abduction", KILLING},
    "abduction": {"detention_torture", "abduction", KILLING},
    KILLING: {KILLING, "mass_grave", "airstrike", "shelling", "explosive_mine",
              "detention_torture", "abduction"},
}

_GENERIC = re.compile(
    r"\b(?:decades?|for years|years of|over the years|in recent (?:years|months|weeks)"
    r"|history|historic\w*|have been (?:criticized|criticised|accused|blamed)"
    r"|has been (?:criticized|criticised|accused|blamed)|accused of|criticized for"
    r"|criticised for|across (?:the|much of the) (?:country|region|north|south|east|west)"
    r"|nationwide|countrywide|a series of|campaign of|routinely|regularly|frequently"
    r"|commonly|are common|is common|still common|remain common|continue[sd]? to|risk(?:s|ing)?"
    r"|(?:war|conflict|fighting|violence|insurgency) (?:that |which )?(?:has|have|had) "
    r"(?:killed|left|claimed)|tens of thousands|hundreds of thousands|thousands of"
    r"|millions of|since (?:the )?(?:start|beginning|outbreak)|since \d{4}|convention"
    r"|treaty|ban on|banned|tribunal|trial|verdict|convicted|sentenced|indicted|warrant"
    r"|peace talks|negotiations|ceasefire talks|truce|alliances?|sanctions|anniversary"
    r"|commemorat\w*"
    r"|memorial|recalled|would|if|could be|may have|might)\b", re.I)
_NOT_VIOLENCE = re.compile(
    r"\b(?:earthquakes?|quake|floods?|flooding|landslides?|mudslides?|storms?|cyclones?"
    r"|hurricanes?|typhoons?|tornado(?:es)?|drought|heatwave|avalanche|tsunami|epidemic"
    r"|outbreak|cholera|crash(?:ed|es)?|collisions?|collided|derailed|capsized|sank"
    r"|drowned|road accident|traffic accident|accidental(?:ly)?|lightning)\b", re.I)
# The words that say the dead were killed as captives, whoever they were.
_EXECUTION = re.compile(
    r"\b(?:execut\w+|summar\w+|behead\w*|firing squad|massacr\w*|slaughter\w*|captiv\w+"
    r"|captured|detained|detainees|prisoners?|in custody|hostages?|tortur\w*)\b", re.I)
_NEGATED = re.compile(r"\b(?:no|not|never|denied|deny|denies|without)\b", re.I)
_CLASH = re.compile(
    r"\b(?:clash\w*|fighting between|firefight|gun ?battle|exchange of fire|skirmish\w*"
    r"|protest\w*|demonstrat\w*|riot\w*|rall(?:y|ies))\b", re.I)
_CIVILIAN = re.compile(
    r"\b(?:civilians?|villagers?|residents?|people|persons|children|women|men|farmers?"
    r"|worshippers|students?|families|family|mourners|passengers|displaced|refugees"
    r"|migrants|detainees|prisoners|captives|hostages|elderly|inhabitants|locals)\b", re.I)
# Places that are not where the event happened: where victims came from or were taken.
_ELSEWHERE = re.compile(
    r"(?i:(?:(?<!withdrawal )(?<!withdrawn )(?<!withdrew )(?<!retreat )(?<!retreated )"
    r"(?<!expelled )(?<!liberated )(?<!liberation )(?<!troops )(?<!forces )(?<!out )\bfrom"
    r"|\d\s*(?:km|kms|kilomet(?:re|er)s?|miles?)\s+(?:away\s+)?from"
    r"|\b(?:fled(?: to)?|evacuated to|taken to|transported to|brought to|moved to|rushed to"
    r"|admitted to|hospitali[sz]ed in|treated in|natives? of|hometown|born in|returned to"
    r"|based in|headquartered in|visit(?:ed|ing|s)?|trip to|embassy in|court in|tribunal in"
    r"|conference in|talks in|summit in|meeting in|spokes(?:man|woman|person) (?:in|for)"
    r"|briefing in|press conference in|news conference in|told reporters in|speaking in"
    r"|statement in|ministry in|by))\s+(?:the\s+)?"
    r"(?:(?:town|city|village|capital|province|region|district)\s+of\s+)?)"
    # a list of places after the cue: "were from Sokoto, Kebbi and Zamfara"
    r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*\s*(?:,\s*and\s+|,\s*|\s+and\s+))*$")
_DATELINE = re.compile(
    r"^[\s(]*(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"  # a place, or the date first
    r"(?:,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})?"  # its country or state
    r"(?:,?\s*(?:\d{1,2}\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"[a-z]*\.?(?:\s+\d{1,2})?(?:(?:,\s*|\s+)\d{4})?)?"  # its date
    r"\s*(?:\([^()\n]{1,60}\))?"  # (Reuters), (AP), (13 July 2023)
    r"\s*(?:[-–—]{1,2}|:)\s+")
_DATELINE_DATE_FIRST = re.compile(
    r"^\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+"
    r"\d{4}\s*\(([^()\n]{1,40})\)\s*(?:[-–—]{1,2}|:)\s+")
_DATELINE_ALONE = re.compile(
    r"\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}(?:,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)"
    r"{0,2})?,\s*(?:(?:\d{1,2}\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"[a-z]*\.?(?:\s+\d{1,2})?(?:,?\s*\d{4})?\s*)+(?:\([^()\n]{1,40}\)\s*)?"
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?"
    r"\s*\d{4}\s*)?[.\s]*")
_DATELINE_NO_DASH = re.compile(
    r"^\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2},\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug"
    r"|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?\s+(?=[A-Z])")


@dataclass
class Sentence:
    """A sentence of the analysed text (title first), and where it stands."""

    index: int
    start: int
    end: int
    weight: float
    role: str  # title, standfirst, lead, near, body
    dateline_end: int = -1  # the end of a dateline at its start, if any
    background: str | None = None  # why its events are not news, if they are not
    types: dict[str, list] = field(default_factory=dict)  # type -> its trigger matches
    places: list[Toponym] | None = None  # its place mentions, once `file_places` ran
    dates: list | None = None  # its date mentions, once `file_in` ran
    counts: list | None = None  # its figures, once `file_in` ran


def split_sentences(text: str, title_end: int) -> list[Sentence]:
    """The sentences of `text`, joined where a line break cuts one in two (wire copy
    wrapped at 70 characters) and weighted by their place in the article."""
    spans: list[tuple[int, int]] = []
    pos, n = 0, len(text)
    while pos < n:
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n:
            break
        s, e = sentence_bounds(text, pos)
        e = max(e, pos + 1)
        if spans and _continues(text, spans[-1], s):
            spans[-1] = (spans[-1][0], e)
        elif e > s:
            spans.append((s, e))
        pos = e
    out: list[Sentence] = []
    body = 0
    for k, (s, e) in enumerate(spans):
        if title_end > 0 and e <= title_end + 1:
            role, w = "title", W_TITLE
        elif body == 0 and _standfirst(text, s, e):
            role, w = "standfirst", W_LEAD
        else:
            role, w = (("lead", W_LEAD) if body < LEAD_SENTENCES else
                       ("near", W_NEAR) if body < NEAR_SENTENCES else ("body", W_BODY))
            body += 1
        out.append(Sentence(k, s, e, w, role))
    for sent in out:  # a dateline opens one of the first body sentences
        if sent.role in ("lead", "standfirst"):
            d = dateline_end(text, sent.start, sent.end)
            if d > 0:
                sent.dateline_end = d
                break
    return out


def _continues(text: str, prev: tuple[int, int], start: int) -> bool:
    """Does the text at `start` continue the sentence `prev` across a line break?"""
    tail = text[prev[0]:prev[1]].rstrip()
    if not tail or tail[-1] in ".!?:;\"”’)" or start >= len(text):
        return False
    return text[start].islower() and "\n\n" not in text[prev[1]:start]


def _standfirst(text: str, s: int, e: int) -> bool:
    """A bullet or a short line without a full stop above the body: a subtitle."""
    line = text[s:e].strip()
    return line[:1] in "-*•" or (len(line) < 90 and not line.endswith((".", "”", "\"")))


def dateline_end(text: str, s: int, e: int) -> int:
    """The offset where a dateline (`SAADA, Yemen (Reuters) -`, `Khartoum, Feb 1`) at the
    start of [s, e) ends, or -1."""
    head = text[s:min(e, s + 160)]
    for pattern in (_DATELINE_DATE_FIRST, _DATELINE, _DATELINE_NO_DASH):
        m = pattern.match(head)
        if m and m.end() < len(head) and _looks_like_dateline(m.group()):
            return s + m.end()
    if e - s <= 80 and (m := _DATELINE_ALONE.fullmatch(text, s, e)) \
            and _looks_like_dateline(m.group()):
        return e  # a line of its own: "San Salvador, Nov 7 (AFP) Nov 07, 2019"
    return -1


def _looks_like_dateline(prefix: str) -> bool:
    """A dateline holds names, a date and an agency, never a verb or a lower-case word."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", re.sub(r"\([^)]*\)", " ", prefix))
    return bool(words) and all(w[0].isupper() for w in words) and len(words) <= 8


@dataclass
class Event:
    """One incident of one article, with the sentences behind each field."""

    event_type: str
    sentences: list[Sentence]
    site: Toponym | None = None
    site_sentence: Sentence | None = None
    site_why: str = ""
    date: object | None = None  # a geo.incidents.dates.DateMention
    date_sentence: Sentence | None = None
    killing_date: object | None = None
    count: object | None = None  # a geo.incidents.counts.CountMention
    count_sentence: Sentence | None = None
    review: list[str] = field(default_factory=list)
    weak_type: bool = False


@dataclass
class DocumentEvents:
    """What one article reports: its incidents, and the event sentences set aside."""

    events: list[Event]
    background: list[tuple[Sentence, str]]


# Words that name the attackers, not what they did: "gunmen abducted 12 passengers" is an
# abduction, "gunmen killed 40" a killing.
_ACTORS = frozenset({"gunmen", "gunman", "assailants", "attackers"})


def mark_types(sentences: Sequence[Sentence], matches: Sequence) -> None:
    """File each trigger match under its sentence (matches and sentences in order); a
    trigger that only names the attackers counts as a weak word beside another type's."""
    k = 0
    for m in matches:
        while k < len(sentences) and sentences[k].end <= m.start:
            k += 1
        if k < len(sentences) and sentences[k].start <= m.start:
            sentences[k].types.setdefault(m.type_id, []).append(m)
    for s in sentences:
        actors = [m for ms in s.types.values() for m in ms
                  if not m.weak and m.trigger.lower() in _ACTORS]
        if actors and any(not m.weak and m.trigger.lower() not in _ACTORS
                          and m.type_id != actors[0].type_id
                          for ms in s.types.values() for m in ms):
            for t, ms in s.types.items():
                s.types[t] = [m.model_copy(update={"weak": True}) if m in actors else m
                              for m in ms]


def _strong(sent: Sentence) -> dict[str, int]:
    return {t: sum(1 for m in ms if not m.weak) for t, ms in sent.types.items()
            if any(not m.weak for m in ms)}


def classify_background(text: str, sent: Sentence, dates: Sequence, pub: tuple[date, date]
                        | None, counts: Sequence, fine_place: bool = False) -> str | None:
    """Why the events of a sentence are not news of their own, or None when they may be.
    A sentence dated only long before publication is `old`: background beside recent
    news, but the subject of a retrospective ("two years after ...")."""
    body = text[max(sent.start, sent.dateline_end):sent.end]
    clash = _CLASH.search(body)
    if clash and not _strong_of(sent, exclude={KILLING}):
        return f"fighting or protest ({clash.group()})"
    if not _strong_of(sent) and (harm := _NOT_VIOLENCE.search(body)):
        return f"not violence ({harm.group()})"  # an earthquake or a crash kills too
    if _strong_of(sent) == {KILLING} and not _EXECUTION.search(body) \
            and not _CIVILIAN.search(body) and any(
                _COMBATANTS.search(c.phrase) for c in _in(sent, counts, "counts")):
        return "fighting: the dead are fighters or soldiers"
    cues = [m.group() for m in _GENERIC.finditer(body)]
    has_count = any(c.category in ("killed", "bodies_found") for c in _in(sent, counts, "counts"))
    # A sentence that names the site of a strong trigger is about that site, whatever
    # context it adds ("the site at al-Qutayfah was one of several graves across the
    # country"); without one, general wording makes it background.
    limit = 3 if fine_place and _strong_of(sent) else 2
    if len(cues) >= limit or (cues and not has_count and not fine_place
                              and sent.role in ("body", "near")):
        return f"general or background wording ({', '.join(dict.fromkeys(cues))})"
    own = [d for d in _in(sent, dates, "dates") if d.kind != "report" and not _since(text, d)]
    if pub is not None and not own:
        # "a 2009 suicide bombing", "the 2014 massacre": a year as an adjective.
        triggers = [m.start for ms in sent.types.values() for m in ms]
        years = [int(m.group(1)) for m in _YEAR.finditer(text, sent.start, sent.end)
                 if not re.search(r"\bsince\s+$", text[max(0, m.start() - 8):m.start()], re.I)
                 and any(abs(m.start() - t) <= 40 for t in triggers)]
        if years and max(years) < pub[0].year - 1:
            return f"old: dated long before publication ({max(years)})"
    if pub is not None and own:
        recent = [d for d in own if d.date_end >= pub[0] - timedelta(days=RECENT_DAYS)]
        old = [d for d in own if d.date_end < pub[0] - timedelta(days=OLD_DAYS)]
        if old and not recent:
            return f"old: dated long before publication ({old[0].text})"
    return None


def _since(text: str, d) -> bool:
    """`since 2015`, `since the war began in November`: the start of a period, not an
    event's date."""
    return bool(_SINCE_BEFORE.search(text, max(0, d.start - 75), d.start)) \
        or d.text.lower().startswith("since")


# "since Islamist violence erupted in the west African country in 2015": one clause back.
_SINCE_BEFORE = re.compile(r"\bsince\b[^.;,]{0,70}$", re.I)


def _strong_of(sent: Sentence, exclude: set[str] = frozenset()) -> set[str]:
    return {t for t, n in _strong(sent).items() if n and t not in exclude}


def reports_event(text: str, sent: Sentence, counts: Sequence) -> set[str]:
    """The types a sentence reports an event of: its strong triggers, or a weak word
    when the sentence counts victims (`killing at least 14`) or names civilians."""
    strong = _strong_of(sent)
    if strong:
        return strong
    weak = set(sent.types)
    if not weak:
        return set()
    # Soldiers or fighters killed without a word of the targeted kinds: a battle, which
    # monitors record apart ("12 soldiers were killed when militants attacked a base").
    victims = any(c.category in ("killed", "bodies_found") and not _COMBATANTS.search(c.phrase)
                  for c in _in(sent, counts, "counts"))
    if victims or _CIVILIAN.search(text, sent.start, sent.end):
        return weak
    return set()


_COMBATANTS = re.compile(
    r"\b(?:soldiers?|troops|servicem[ae]n|fighters|militants|rebels|insurgents|jihadists"
    r"|gunmen|militiam[ae]n|terrorists|combatants|policem[ae]n|police officers|guards"
    r"|members of the (?:security|armed|regime|army|military|police|militia|rebel))\b", re.I)


# Types whose words often name where or to whom an incident happened rather than what
# happened (a strike on a detention centre, people "killed or abducted" in a massacre):
# their votes count less.
VOTE_WEIGHT = {"detention_torture": 0.5, "abduction": 0.6}
WEAK_KILLING_WEIGHT = 0.5


def vote_type(sentences: Sequence[Sentence], order: Sequence[str]) -> tuple[str, bool]:
    """The incident's type from its sentences' triggers (strong first), and whether only
    weak words decided it."""
    score: dict[str, float] = {}
    for s in sentences:
        for t, n in _strong(s).items():
            score[t] = score.get(t, 0.0) + s.weight * min(n, 2) * VOTE_WEIGHT.get(t, 1.0)
    weak = not score
    if weak:
        for s in sentences:
            for t, ms in s.types.items():
                w = WEAK_KILLING_WEIGHT if t == KILLING else VOTE_WEIGHT.get(t, 1.0)
                score[t] = score.get(t, 0.0) + s.weight * min(len(ms), 2) * w
    if not score:
        return order[-1], True
    rank = {t: k for k, t in enumerate(order)}
    return max(score, key=lambda t: (score[t], -rank.get(t, 99))), weak


# --- sites -----------------------------------------------------------------------------

_CUE_BEFORE = re.compile(
    r"\b(?:in|at|on|near|outside|inside|of|into|hit|struck|targeted|shelled|bombed"
    r"|attacked|raided|stormed)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", re.I)
_SIDE = re.compile(r"^(?:north|south|east|west|central|upper|lower)", re.I)
# A sentence that refers back to the event ("The incident occurred in a village near
# Mihterlam") belongs to it though it names no type.
ANAPHOR = re.compile(
    r"\b(?:the|this|that|thursday's|friday's|saturday's|sunday's|monday's|tuesday's"
    r"|wednesday's|yesterday's|today's|last night's)\s+(?:deadly\s+|latest\s+)?"
    r"(?:incident|attack|strike|blast|explosion|massacre|killings?|shelling|bombing|raid"
    r"|tragedy|assault|ambush)\b", re.I)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b(?!\s*(?:people|bodies|civilians|dead|killed|km))")
_ANOTHER = re.compile(
    r"\W*(?:separately|meanwhile|elsewhere|in (?:another|a separate|a second) "
    r"(?:incident|attack|strike)|also on|on the same day|the same day|in other news)\b", re.I)
_NAMED_AS_PLACE = re.compile(
    r"\b(?:village|town|city|camp|district|settlement|hamlet|neighbou?rhood|suburb)\s+of\s+"
    r"$", re.I)
_RETROSPECTIVE = re.compile(
    r"\b(?:(?:\w+|\d+)\s+(?:years?|months?|decades?)\s+(?:later|after|on|ago|since)"
    r"|anniversary|commemorat\w*|remembers?|remembering|recounts?|looks? back)\b", re.I)
_AREA_AFTER = re.compile(
    r"[’']?s?\s+(?:countryside|desert|province|governorate|region|oblast|plains?|valley"
    r"|mountains?|hills)\b", re.I)  # not "district": "Saltivka district" is the town's
CONTEXT_WEIGHT = -0.5  # a sentence that only locates the incident ("X is 12 km south of Y")


@dataclass
class _Cand:
    score: float
    t: Toponym
    s: Sentence


def _site_score(text: str, t: Toponym, sent: Sentence, weight: float,
                country: str | None, triggers: Sequence,
                supported: frozenset[str] = frozenset()) -> float | None:
    """How well a place mention serves as the incident's site (None: not at all)."""
    if t.kind not in ("place", "coordinates") or t.lat is None:
        return None
    if supported and t.country_code and t.country_code not in supported:
        return None  # a namesake abroad: the article names nothing else in that country
    elsewhere, cued = _cues(text, max(sent.start, t.start - 60), t.start)
    if t.relation == "in" and elsewhere:
        return None
    score = SPECIFIC.get(t.precision or "country", 0.0) + weight
    if t.precision == "country":
        score -= 5.0  # never a site while anything finer is named
    if sent.dateline_end > t.start:  # where the report was filed: a last resort
        return score - 4.0
    if cued:
        score += 0.5
    if _side(t):
        score -= 1.5  # "southern Gaza": a part of a region, not the town
    if t.precision in FINE and _AREA_AFTER.match(text, t.end):
        score -= 2.0  # "the Homs desert", "Hama countryside": an area named after a town
    if country and t.country_code and t.country_code != country:
        score -= 3.0
    if triggers:  # "killed in Russian-occupied Olenivka": the place the event words point at
        gap = min(t.start - m.end if t.start >= m.end else m.start - t.end for m in triggers)
        score += 1.0 if gap < 30 else 0.6 if gap < 80 else 0.3 if gap < 200 else 0.0
    return score


NEAR_NAMED_KM = 500.0  # beyond the edge of every area the article names: implausible


def supported_countries(toponyms: Sequence[Toponym]) -> frozenset[str]:
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
        if t.kind == "demonym":
            # "Russian airstrikes hit Palmyra": a people names who acted, often from
            # abroad; it vouches for its country but says nothing of where.
            named.add(t.country_code)
        elif t.kind == "embedded" or t.precision in ("country", "admin1", "admin2"):
            named.add(t.country_code)
            areas.append(t)
        elif t.kind == "place":
            places.setdefault(t.country_code, set()).add(t.geonameid or t.text)
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
    return bool(_ELSEWHERE.search(before)), bool(_CUE_BEFORE.search(before))


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
                supported: frozenset[str] = frozenset()
                ) -> tuple[Toponym | None, Sentence | None, str]:
    """The best site named across an incident's sentences (and the sentences around them
    that only locate it), with why it was chosen."""
    seen: dict[str, int] = {}
    for s in sentences:
        for t in _places_in(toponyms, s):
            key = t.geonameid or t.text
            seen[key] = seen.get(key, 0) + 1
    cands: list[_Cand] = []
    own = {s.index for s in sentences}
    for s in [*sentences, *(c for c in context if c.index not in own)]:
        weight = s.weight if s.index in own else CONTEXT_WEIGHT
        triggers = [m for ms in s.types.values() for m in ms]
        for t in _places_in(toponyms, s):
            if s.index not in own and t.relation == "in" and not _NAMED_AS_PLACE.search(
                    text, max(s.start, t.start - 30), t.start) and not (
                    s.role in OPENING and _cues(text, max(s.start, t.start - 60), t.start)[1]):
                # A sentence beside the incident's counts only where it locates ("the
                # village of X"), or in the opening, "in X": where the story is.
                continue
            score = _site_score(text, t, s, weight, country, triggers, supported)
            if score is None:
                continue
            score += 0.4 * min(seen.get(t.geonameid or t.text, 1) - 1, 3)
            cands.append(_Cand(score, t, s))
    if not cands:
        return None, None, "no place found"
    # Of two towns a few tens of km apart, the much smaller one is where it happened and
    # the larger the reference ("al-Qutayfah, 40 km north of the capital").
    for c in cands:
        if c.t.precision in FINE and c.t.population and not _side(c.t) and any(
                o.t.precision in FINE and o.t.population and o.t.geonameid != c.t.geonameid
                and o.t.population > 3 * c.t.population and _near(c.t, o.t, 60)
                for o in cands):
            c.score += 1.0
    best = max(cands, key=lambda c: (c.score, -c.t.start))
    if best.t.relation == "in" and best.t.geonameid:
        # "killed in Omdurman ... a market north of Omdurman": the direction says which
        # part of the same town.
        directed = [c for c in cands if c.t.relation in ("near", "offset")
                    and c.t.bearing_deg is not None and c.t.geonameid == best.t.geonameid]
        if directed:
            best = max(directed, key=lambda c: (c.score, -c.t.start))
    if best.t.relation == "near" and best.t.geonameid:
        # "a camp near Goma ... situated 10 km west of Goma": the distance and bearing
        # say more precisely where the same place is.
        offsets = [c for c in cands if c.t.relation == "offset"
                   and c.t.geonameid == best.t.geonameid]
        if offsets:
            best = max(offsets, key=lambda c: (c.score, -c.t.start))
    if best.t.relation in ("near", "offset") and best.t.anchor is not None:
        # The article names the place as well as giving a distance: the named place wins
        # when it lies where the distance points and is smaller than the anchor.
        named = [c for c in cands if c.t.relation == "in" and c.t.precision in FINE
                 and c.s.dateline_end <= c.t.start and c.score > best.score - 3.0
                 and not _side(c.t) and _near(c.t, best.t, 40)
                 and (c.t.population or 0) < (best.t.population or 10**9)]
        if named:
            best = max(named, key=lambda c: (c.score, -c.t.start))
    if best.t.relation == "near" and best.t.bearing_deg is not None \
            and best.t.anchor is not None and best.t.precision in FINE:
        # "In a field north of Kiev ... near the village of Nova Basan": a direction from
        # a city says where to look; a much smaller place named there is the site.
        towards = [c for c in cands if c.s.index in own and c.t.precision in FINE
                   and not _side(c.t) and c.score > best.score - 3.0
                   and (c.t.population or 0) * 10 < (best.t.population or 0)
                   and _towards(best.t, c.t)]
        if towards:
            best = max(towards, key=lambda c: (c.score, -c.t.start))
    t, s = best.t, best.s
    why = {"title": "named in the title", "standfirst": "named in the subtitle",
           "lead": "named in the lead"}.get(s.role, "named in a sentence about the incident")
    if s.dateline_end > t.start:
        why = "the dateline's place (no other place named for the incident)"
    elif s.index not in own:
        why = "named beside the incident's sentences"
    return t, s, why


DIRECTION_KM = 150.0  # how far "north of X" reaches without a distance


def _angle(a: float, b: float) -> float:
    """The smaller angle between two compass bearings."""
    d = abs(a - b) % 360.0
    return min(d, 360.0 - d)


def _side(t: Toponym) -> bool:
    return t.phrase is not None and bool(_SIDE.match(t.phrase.text)) and t.relation == "in"


def _near(a: Toponym, b: Toponym, km: float) -> bool:
    return a.lat is not None and b.lat is not None and \
        haversine_km(a.lat, a.lon, b.lat, b.lon) <= km


def _places_in(toponyms: Sequence[Toponym], s: Sentence) -> list[Toponym]:
    if s.places is not None:
        return s.places
    return [t for t in toponyms if s.start <= t.start < s.end]


def file_in(sentences: Sequence[Sentence], items: Sequence, attr: str) -> None:
    """File offset-bearing items (dates, counts) under their sentences, once: a long
    report then costs each sentence its own items, not a scan of all of them."""
    ordered = sorted(items, key=lambda x: x.start)
    k = 0
    for s in sentences:
        while k < len(ordered) and ordered[k].start < s.start:
            k += 1
        j = k
        mine = []
        while j < len(ordered) and ordered[j].start < s.end:
            mine.append(ordered[j])
            j += 1
        setattr(s, attr, mine)


def _in(s: Sentence, items: Sequence, attr: str) -> Sequence:
    """The items inside sentence `s` (filed by `file_in`, else found by a scan)."""
    filed = getattr(s, attr)
    if filed is not None:
        return filed
    return [x for x in items if s.start <= x.start < s.end]


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


def _far(a: Toponym, b: Toponym) -> bool:
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


def _own_fine_places(text: str, toponyms: Sequence[Toponym], s: Sentence) -> list[Toponym]:
    out = []
    for t in _places_in(toponyms, s):
        if t.precision not in FINE or t.kind != "place" or t.lat is None \
                or s.dateline_end > t.start:
            continue
        if t.relation == "in" and _cues(text, max(s.start, t.start - 60), t.start)[0]:
            continue
        out.append(t)
    return out


# --- dates and counts ------------------------------------------------------------------

DATE_KINDS = {"mass_grave": ("exhumation", "discovery", "event")}


def _fresh(d, pub: tuple[date, date] | None) -> bool:
    return pub is None or d.date_end >= pub[0] - timedelta(days=OLD_DAYS)


_BURIAL = re.compile(r"\b(?:buri(?:ed|al|als)|bury|dumped|interred|dispos(?:e|ed|al)\s+of)\b",
                     re.I)
_PRESENT = re.compile(r"^(?:today|tonight|now|this (?:morning|afternoon|evening|week))$", re.I)


def choose_date(text: str, event_type: str, sentences: Sequence[Sentence], dates: Sequence,
                pub: tuple[date, date] | None, triggers_at: dict[int, list[int]]):
    """The incident's date: of the dates its sentences give, the one nearest an event word
    in the earliest sentence, of a kind that fits (a grave's exhumation or discovery
    first); never the start of a period (`since 2015`), one from long before
    publication unless it is all there is, nor "today" when the sentence dates the event
    otherwise ("crews today sifted through ... Sunday's strike").  For a grave dated only
    by its announcement ("said on Monday it had found"), that date stands for the
    discovery."""
    kinds = DATE_KINDS.get(event_type, ("event", "discovery", "exhumation"))
    best = None
    fallback = None
    for rank, s in enumerate(sentences):
        own = [d for d in _in(s, dates, "dates") if s.dateline_end <= d.start
               and d.precision != "unknown" and not _since(text, d)]
        trig = triggers_at.get(s.index) or [s.start]
        for d in own:
            if d.kind not in kinds or (event_type == "mass_grave" and d.kind == "event"
                                       and not _BURIAL.search(text, max(s.start, d.start - 70),
                                                              min(s.end, d.end + 70))):
                continue  # a grave's "event" date is the killing's unless it dates a burial
            if not _fresh(d, pub):
                fallback = fallback or (d, s)
                continue
            gap = min(abs(d.start - p) for p in trig)
            key = (rank + (kinds.index(d.kind) if event_type == "mass_grave" else 0)
                   + min(gap, 300) / 150 + (1.5 if _PRESENT.match(d.text.strip()) else 0))
            if best is None or key < best[0]:
                best = (key, d, s)
    if best is not None:
        return best[1], best[2]
    if event_type == "mass_grave":
        for first in sentences[:3]:
            said = [d for d in _in(first, dates, "dates") if d.kind == "report"
                    and first.dateline_end <= d.start and _fresh(d, pub)]
            if said:
                return said[0], first
    return (None, None) if fallback is None else fallback


def killing_date(sentences: Sequence[Sentence], dates: Sequence, chosen) -> object | None:
    """For a grave: when the victims were killed, if a sentence of it says."""
    for s in sentences:
        for d in _in(s, dates, "dates"):
            if d.kind == "event" and d is not chosen and d.precision != "unknown":
                return d
    return None


COUNT_ORDER = {"mass_grave": ("bodies_found", "killed")}
DEFAULT_COUNT_ORDER = ("killed", "bodies_found")


def choose_count(event_type: str, sentences: Sequence[Sentence], counts: Sequence):
    """The incident's figure: the first one of the preferred category in its sentences
    (title and lead first), else the first of the next category."""
    for cat in COUNT_ORDER.get(event_type, DEFAULT_COUNT_ORDER):
        for s in sentences:
            for c in _in(s, counts, "counts"):
                if c.category == cat:
                    return c, s
    return None, None


# --- the document ----------------------------------------------------------------------

OPENING = frozenset({"title", "standfirst", "lead"})


def _own_dates(s: Sentence, dates: Sequence, text: str) -> list:
    """The dates a sentence gives its event: precise enough to tell two events apart, not
    the report's, not a period's start, and near one of its event words ("the hospital,
    after the forces withdrew on April 7" dates the withdrawal, not the graves)."""
    triggers = [m for ms in s.types.values() for m in ms]
    return [d for d in _in(s, dates, "dates") if s.dateline_end <= d.start
            and d.kind != "report" and d.precision in ("day", "days", "week", "month")
            and not _since(text, d)
            and (not triggers or any(abs(d.start - m.start) <= 80 for m in triggers))]


@dataclass
class _Span:
    date_start: date
    date_end: date


def _main_dates(ev: Event, pub: tuple[date, date] | None, estimated: bool) -> list:
    """The main incident's date, or the days before a known publication date (news is
    recent) when the text gives none."""
    if ev.date is not None:
        return [ev.date]
    if pub is not None and not estimated:
        return [_Span(pub[0] - timedelta(days=7), pub[1])]
    return []


def _dates_conflict(a: Sequence, b: Sequence) -> bool:
    """Do two sentences date different events (no two of their dates within 3 days)?"""
    if not a or not b:
        return False
    slack = timedelta(days=3)
    return not any(x.date_start - slack <= y.date_end and y.date_start - slack <= x.date_end
                   for x in a for y in b)


def find_events(text: str, sentences: Sequence[Sentence], toponyms: Sequence[Toponym],
                dates: Sequence, counts: Sequence, pub: tuple[date, date] | None,
                order: Sequence[str], estimated: bool = False) -> DocumentEvents:
    """The incidents one article reports (see the module docstring).  `sentences`: as
    `split_sentences` gives them (boilerplate left out), their triggers filed by
    `mark_types`; `pub`: the publication range (estimated from the text when
    `estimated`)."""
    file_places(sentences, toponyms)
    file_in(sentences, dates, "dates")
    file_in(sentences, counts, "counts")
    background: list[tuple[Sentence, str]] = []
    reporting: list[tuple[Sentence, set[str]]] = []
    old: list[tuple[Sentence, set[str], str]] = []
    for s in sentences:
        types = reports_event(text, s, counts)
        if not types:
            continue
        why = classify_background(text, s, dates, pub, counts,
                                  bool(_own_fine_places(text, toponyms, s)))
        if why is None:
            reporting.append((s, types))
        elif why.startswith("old:") and not estimated:
            old.append((s, types, why))
        else:
            background.append((s, why))
    opening = " ".join(text[s.start:s.end] for s in sentences if s.role in OPENING)
    if old and (not reporting or _RETROSPECTIVE.search(opening)):
        # A retrospective ("Two years later, ..."): its subject is the old event.
        reporting = sorted([*reporting, *((s, t) for s, t, _ in old)], key=lambda r: r[0].index)
    else:
        background.extend((s, why) for s, _, why in old)
    if not reporting:
        return DocumentEvents([], sorted(background, key=lambda b: b[0].index))
    country = main_country(toponyms, sentences)
    triggers_at = {s.index: [m.start for ms in s.types.values() for m in ms]
                   for s in sentences if s.types}
    by_index = {s.index: s for s in sentences}

    def context(group: Sequence[Sentence]) -> list[Sentence]:
        """The opening and the two sentences before each of the group's: they often say
        where ("The village of Yahidne is 12 km south of Chernihiv.")."""
        wanted = {s.index for s in sentences if s.role in OPENING}
        for s in group:
            wanted |= {s.index - 1, s.index - 2}
        aside = {s.index for s, _ in background}
        return [by_index[k] for k in sorted(wanted) if k in by_index and k not in aside]

    # The main incident: the first reporting sentence, the rest of the opening, and the
    # later sentences that agree with it (any with a trigger, weak words too: "a tractor
    # exploded after hitting a mine near the village of Nova Basan").
    supported = supported_countries(toponyms)
    first, _ = reporting[0]
    main = [first]
    site, _, _ = choose_site(text, toponyms, [first], context([first]), country, supported)
    main_dates = _own_dates(first, dates, text)
    rest: list[tuple[Sentence, set[str]]] = []
    said = {s.index for s, _ in background}
    joining = {s.index: t for s, t in reporting}
    main_strong = _strong_of(first) or set(first.types)
    members = {first.index}
    # The fine places the incident's sentences name, one per gazetteer entry: what a later
    # sentence's places are compared with (kept as the sentences join, not recomputed).
    known: dict[str, Toponym] = {}
    for t in _own_fine_places(text, toponyms, first):
        known.setdefault(t.geonameid or t.text, t)
    for s in sentences:
        if s.index == first.index or s.index in said:
            continue
        refers = bool(ANAPHOR.search(text, s.start, s.end))
        if not s.types and not refers:
            continue  # no event word, no "the incident": says nothing of the event
        if s.index < first.index and s.role not in OPENING:
            continue
        if s.index not in joining and s.types:
            why = classify_background(text, s, dates, pub, counts,
                                      bool(_own_fine_places(text, toponyms, s)))
            if why is not None and not why.startswith("old:"):
                background.append((s, why))
                said.add(s.index)
                continue
        types = joining.get(s.index, set(s.types))
        own = _own_fine_places(text, toponyms, s)
        if not own:  # placed by the sentences just before it, if they name somewhere else
            own = [t for k in (s.index - 2, s.index - 1)
                   if (b := by_index.get(k)) is not None and k not in members and k not in said
                   for t in _own_fine_places(text, toponyms, b)]
            if site is not None and not all(_far(site, t) for t in own):
                own = []
        # Somewhere else: far from the site so far and from every fine place the
        # incident's sentences name (the first sentence may name two towns, and the one
        # it is about may not have won yet).
        near = ([site] if site is not None else []) + list(known.values())
        elsewhere = bool(near) and bool(own) and all(_far(k, t) for t in own for k in near)
        own_dates = _own_dates(s, dates, text)
        opening = s.role in OPENING and first.role in OPENING
        strong = _strong_of(s)
        # A strong trigger of an unrelated kind ("airstrikes that targeted a school" in a
        # report on graves) reports another event, unless the opening says so.
        unrelated = bool(strong) and not any(strong & FAMILIES.get(t, {t})
                                             for t in main_strong)
        opening = opening or (s.index < first.index)
        if opening and elsewhere and (_ANOTHER.match(text, s.start, s.end)
                                      or _dates_conflict(main_dates, own_dates)):
            opening = False  # "Separately, a drone strike hit a market in Mandalay ..."
        if opening or (not elsewhere and not unrelated
                       and not _dates_conflict(main_dates, own_dates)):
            main.append(s)
            members.add(s.index)
            main_dates = main_dates or own_dates
            main_strong |= strong
            for t in _own_fine_places(text, toponyms, s):
                known.setdefault(t.geonameid or t.text, t)
            # The site so far is weighed again while the incident's sentences are few;
            # past that (a very long report) a late sentence rarely changes it, and
            # weighing every time would cost the square of the report's length.
            if (site is None or site.precision not in FINE or own) \
                    and len(main) <= SITE_SENTENCES:
                site, _, _ = choose_site(text, toponyms, main, context(main), country,
                                         supported)
        elif s.index in joining:
            rest.append((s, types))
    main.sort(key=lambda m: m.index)
    events = [_build(text, main[:SITE_SENTENCES], context(main[:SITE_SENTENCES]), toponyms,
                     dates, counts, pub, order, country, supported, triggers_at)]
    events[0].sentences = main

    # Other incidents: a strong trigger, a fine site of its own, and a date or a figure.
    for s, _types in rest:
        if len(events) >= MAX_EVENTS:
            background.append((s, f"more than {MAX_EVENTS} incidents in one document"))
            continue
        if not _strong_of(s):
            background.append((s, "a weak mention beside the main incident"))
            continue
        own = _own_fine_places(text, toponyms, s)
        # No place of its own: the sentences just before may say where ("... the town of
        # Bucha in April. It was a town outside the capital. Ukraine claimed that bodies
        # in civilian clothing were found ...").
        before = [b for k in (s.index - 2, s.index - 1)
                  if (b := by_index.get(k)) is not None and b.index not in said
                  and b.index not in members]
        located = [] if own else [t for b in before for t in _own_fine_places(text, toponyms, b)]
        if events[0].site is not None and not all(_far(events[0].site, t) for t in located):
            located = []  # they name the main site: nothing new
        group = [s] if own else [*before, s]
        if not own and any(events[0].event_type in FAMILIES.get(t, {t})
                           for t in _strong_of(s)) and not _dates_conflict(
                    _main_dates(events[0], pub, estimated),
                    [d for g in group for d in _own_dates(g, dates, text)]):
            # Only an earlier sentence places it, and it is the main incident's kind on
            # the same days: more likely the same event told again ("a missile tore
            # through it") than another.
            background.append((s, "told again: the main incident's kind, placed only by "
                                  "an earlier sentence"))
            continue
        dated = any(_own_dates(g, dates, text) for g in group)
        counted = bool(_in(s, counts, "counts"))
        if not (own or located) or not (dated or counted):
            background.append((s, "mentioned in passing (no site, date or figure of its own)"))
            continue
        cue = next((m for g in ([s] if own else [*before, s])
                    if (m := _GENERIC.search(text, max(g.start, g.dateline_end), g.end))),
                   None)
        if cue:  # beside a main incident, context ("in this backdrop of alliances")
            background.append((s, f"mentioned in passing ({cue.group()})"))
            continue
        ev = _build(text, group, [], toponyms, dates, counts, pub, order, country, supported,
                    triggers_at)
        taken = [e for e in events if e.site is not None and ev.site is not None
                 and not _far(e.site, ev.site)
                 and ev.event_type in FAMILIES.get(e.event_type, {e.event_type})]
        if taken:
            taken[0].sentences.append(s)
            continue
        if _same_figure(events[0], ev) and ev.event_type in FAMILIES.get(
                events[0].event_type, {events[0].event_type}):
            # "We have excavated more than 230 skeletons," said a professor from a
            # university in the capital: the main incident's figure, told again.
            background.append((s, "told again: the main incident's kind and figure"))
            continue
        ev.review.append("reported beside the article's main incident")
        events.append(ev)
    kept = []
    for ev in events:
        if ev.site is None or ev.site.precision == "country":
            where = "no place named" if ev.site is None else f"only a country ({ev.site.name})"
            background.append((ev.sentences[0], f"not an incident on the map: {where}"))
        else:
            kept.append(ev)
    return DocumentEvents(kept, sorted(background, key=lambda b: b[0].index))


def _same_figure(a: Event, b: Event) -> bool:
    """Do two incidents give one figure (within a tenth; a figure of at least ten, so
    small tolls, which many incidents share, never decide)?"""
    x = a.count.best or a.count.low if a.count is not None else None
    y = b.count.best or b.count.low if b.count is not None else None
    return bool(x and y and min(x, y) >= 10 and abs(x - y) <= 0.1 * max(x, y))


def _build(text, sentences, context, toponyms, dates, counts, pub, order, country, supported,
           triggers_at) -> Event:
    event_type, weak = vote_type(sentences, order)
    site, site_sentence, why = choose_site(text, toponyms, sentences, context, country,
                                           supported)
    d, ds = choose_date(text, event_type, sentences, dates, pub, triggers_at)
    c, cs = choose_count(event_type, sentences, counts)
    ev = Event(event_type=event_type, sentences=list(sentences), site=site,
               site_sentence=site_sentence, site_why=why, date=d, date_sentence=ds,
               count=c, count_sentence=cs, weak_type=weak)
    if event_type == "mass_grave":
        ev.killing_date = killing_date(sentences, dates, d)
    if weak:
        ev.review.append("type from weak words only (no trigger such as 'airstrike')")
    if site is not None and site.precision == "admin1":
        ev.review.append("site known only at first-level division (admin1)")
    if site_sentence is not None and site_sentence.dateline_end > site.start:
        ev.review.append("site taken from the dateline")
    return ev
