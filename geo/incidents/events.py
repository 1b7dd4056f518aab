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
   one and its own date or figure is an incident of its own; so is each paragraph a
   heading opens in a roundup (`sections`), and the sentence after such a sentence, with
   no place or day of its own, goes on with it.

Steps 1-2 live in `sentences`, 3 in `background`, the choice of a site in `sites`, and
the reading of a title that tells two stories (`X; Y`) in `headlines`; this module joins
them.  Every field keeps the sentence it came from (`Source.quotes`), and an
incident the rules are unsure of carries `needs_review` with the reason.  Sentences
judged background are returned too (`DocumentEvents.background`), so the run report
accounts for them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from geo.distance import haversine_km
from geo.gazetteer.normalize import key as name_key
from geo.incidents.background import (
    COMBATANTS,
    FIGHTERS_DEAD,
    FIGHTING,
    KILLING,
    NO_CIVILIAN_HARMED,
    OLD_DAYS,
    ONE_DEAD,
    OWN_DATE_CHARS,
    RECENT_DAYS,
    RETROSPECTIVE,
    WEAPONS,
    classify_background,
    fighters_only,
    generic_cue,
    harmed_no_one,
    plainly_civilian,
    reports_event,
    starts_a_period,
    tells_fighting,
)
from geo.incidents.headlines import keep_lead_story
from geo.incidents.sections import (
    SUBHEAD_CHARS,
    find_sections,
    heading_places,
    short_line,
    under_subheads,
)
from geo.incidents.sentences import (
    ANAPHOR,
    EVENT_NOUNS,
    OPENING,
    Sentence,
    file_in,
    filed_in,
    strong_counts,
    strong_types,
)
from geo.incidents.sites import (
    DATELINE_ONLY,
    FINE,
    SAME_SITE_KM,
    across_border,
    choose_site,
    district_elsewhere,
    far_apart,
    file_places,
    main_country,
    own_fine_places,
    place_key,
    stated_coordinates,
    supported_countries,
)
from geo.models import Toponym
from geo.places.recognize import joins_a_road

DATELINE_KM = 50.0  # how far from its dateline's town a report's incident may be
MAX_EVENTS = 200  # incidents one document may report (a long daily brief, not a book)
FEATURE_SENTENCES = 6  # a text this long tells a story over paragraphs
DATED_BACK = 3  # a paragraph's undated sentence takes the date this many sentences back
SITE_SENTENCES = 60  # an incident's first sentences that its site, date and figure come from
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
    lone: bool = False  # placed only by its country: joins a report that places it


@dataclass
class DocumentEvents:
    """What one article reports: its incidents, and the event sentences set aside."""

    events: list[Event]
    background: list[tuple[Sentence, str]]


# Types whose words often name where or to whom an incident happened rather than what
# happened (a strike on a detention centre, people "killed or abducted" in a massacre):
# their votes count less.
VOTE_WEIGHT = {"detention_torture": 0.5, "abduction": 0.6}
WEAK_KILLING_WEIGHT = 0.5
MEANS_KILLING_WEIGHT = 0.3  # a killing word where the incident's weapon is told beside it
# Words that say many were killed, not how: beside a weapon, the weapon is the type
_OUTCOME_WORDS = frozenset({"massacre", "massacres", "massacred", "slaughter", "slaughtered",
                            "mass killing", "mass killings", "killings", "killing of"})


# The people a count names as held: their deaths beside a place of detention are killings
# in custody, which monitors file under detention ("149 detainees died in the Giwa
# barracks detention facility", "stormed the prison, killing 111 inmates").
_HELD = re.compile(r"\b(?:detainees?|inmates?|prisoners?|captives?|in custody)\b", re.I)


def _few_or_armed_dead(sentences: Sequence[Sentence]) -> bool:
    """Are the dead the sentences count one person, or armed men only (or, counting no
    dead, do they count the taken)?"""
    counts = [c for s in sentences for c in s.counts or ()]
    dead = [c for c in counts if c.category in ("killed", "bodies_found")]
    if not dead:
        return any(c.category == "missing" for c in counts)
    return all(COMBATANTS.search(c.phrase) or (c.best or c.low or 0) <= 1 for c in dead)


def _tells_dead(s: Sentence) -> bool:
    """Does the sentence count civilians dead beside a killing's words ("rebels killed 10
    civilians"), not the held dead of `_custody_dead`?"""
    return KILLING in s.types and not _died_held(s) and any(
        c.category == "killed" and not COMBATANTS.search(c.phrase)
        and not ("detention_torture" in s.types and _HELD.search(c.phrase))
        for c in s.counts or ())


CUSTODY_REACH = 40  # characters from "died" to the "custody" it died in


def _died_held(s: Sentence) -> bool:
    """Does the sentence say people died while held ("died in the custody of the
    security service", "12 migrants died while held for ransom in warehouses")?"""
    held = [h for t in ("detention_torture", "abduction") for h in s.types.get(t, ())
            if _HELD_WORDS.search(h.trigger)]
    return any(0 < h.start - k.start <= CUSTODY_REACH
               # ("three men died while detained at the barracks", not "killed two and
               # detained five")
               and (h.trigger.lower() != "detained" or k.trigger.lower() in _DIED)
               for h in held for k in s.types.get(KILLING, ()))


_DIED = frozenset({"died", "dies", "die", "dead"})


# (the cells, not "a militant cell": "killed two members of an IS cell" is no death in
# custody)
_HELD_WORDS = re.compile(r"\b(?:custody|held|captivity|detention|prisons?|jails?|cells"
                         r"|detained)\b", re.I)


def _custody_dead(s: Sentence) -> bool:
    """Does the sentence count people held dead where it names a place of detention, or
    say someone died while held (`_died_held`)?"""
    if strong_types(s) & WEAPONS:
        return False  # (a strike on a prison: the weapon says how the held died)
    return "detention_torture" in s.types and any(
        c.category == "killed" and _HELD.search(c.phrase) for c in s.counts or ()) \
        or _died_held(s)


# an air strike's weak words that any blast does too
_VERBS_OF_ANY_BLAST = frozenset({"struck", "strike", "hit"})


def vote_type(sentences: Sequence[Sentence], order: Sequence[str],
              skip: frozenset[int] = frozenset()) -> tuple[str, bool]:
    """The incident's type from its sentences' triggers (strong first), and whether only
    weak words decided it.  Triggers starting at an offset in `skip` do not vote."""
    score: dict[str, float] = {}
    # "A massacre was committed ... when a car bomb exploded": where one sentence tells
    # both, the weapon says how the people were killed, the massacre only that they were
    strong = [strong_counts(s, skip) for s in sentences]
    means = any(KILLING in c and c.keys() & WEAPONS for c in strong) or (
        # ("Thirty years since the breadline massacre ... the mortar shell killed 26":
        # a word for the outcome in one sentence, the weapon in another)
        any(c.keys() & WEAPONS for c in strong) and all(
            m.trigger.lower() in _OUTCOME_WORDS for s in sentences
            for m in s.types.get(KILLING, ()) if not m.weak and m.start not in skip))
    for s, c in zip(sentences, strong, strict=True):
        for t, n in c.items():
            w = MEANS_KILLING_WEIGHT if means and t == KILLING else VOTE_WEIGHT.get(t, 1.0)
            score[t] = score.get(t, 0.0) + s.weight * min(n, 2) * w
    if score and set(score) <= set(VOTE_WEIGHT):
        # "... others were abducted": abduction or prison words beside the dead (not a
        # strike's or a mine's, which say how they died)
        for s in sentences:
            if _tells_dead(s):
                score[KILLING] = score.get(KILLING, 0.0) + s.weight
    elif "mass_grave" in score and not any(
            s.role in ("title", "lead") and "mass_grave" in strong_counts(s, skip)
            for s in sentences):
        # "UN condemns village attack that killed over 100 ... activists published footage
        # of a mass grave for the victims": a grave told of only after a headline and lead
        # of killings is where the victims of the killing lie, not the story.
        for s in sentences:
            if s.role in ("title", "lead") and _tells_dead(s):
                score[KILLING] = score.get(KILLING, 0.0) + s.weight
    weak = not score
    if weak:
        for s in sentences:
            for t, ms in s.types.items():
                if t == "airstrike" and "explosive_mine" in s.types and all(
                        m.trigger.lower() in _VERBS_OF_ANY_BLAST for m in ms):
                    continue  # ("an explosion struck a mosque": the blast struck it)
                w = WEAK_KILLING_WEIGHT if t == KILLING else VOTE_WEIGHT.get(t, 1.0)
                score[t] = score.get(t, 0.0) + s.weight * min(len(ms), 2) * w
    custody = False
    for s in sentences:
        if _custody_dead(s):
            score["detention_torture"] = score.get("detention_torture", 0.0) + s.weight
            custody = True
    if not score:
        return order[-1], True
    rank = {t: k for k, t in enumerate(order)}
    best = max(score, key=lambda t: (score[t], -rank.get(t, 99)))
    if custody and best == "detention_torture":
        weak = False  # (people dead where they were held: no weak word's guess)
    if best == "abduction" and not weak and any(
            "mass_grave" in c for c in strong) and any(
            k.category == "bodies_found" for s in sentences for k in s.counts or ()):
        # "found the bodies of four church members who were abducted last month in a
        # mass grave": the abduction is how they came to lie there; the grave is the news
        return "mass_grave", weak
    if best == KILLING and not weak and any("abduction" in c for c in strong) \
            and _few_or_armed_dead(sentences):
        # "gunmen abducted two doctors, shooting dead a police officer escorting them",
        # "kidnapped students and teachers; one student killed": the taking is the news
        return "abduction", weak
    if best == "abduction" and not weak and any("detention_torture" in c for c in strong):
        # "24 people held hostage for eleven days ... kept in two rooms, tortured": the
        # hostages held at a place of their captors' (the annotation rules' detention)
        return "detention_torture", weak
    return best, weak
# A sentence that goes on with the event of the one before it: its subject is "it",
# "they" or "the attack".
_GOES_ON = re.compile(r"\s*(?:It|They|The\s+(?:" + EVENT_NOUNS + r"|fire|missile|bomb))"
                      r"\s+(?!was\s+(?:not|the\s+first))", re.I)
_ANOTHER = re.compile(
    r"\W*(?:separately|meanwhile|elsewhere|in (?:another|a separate|a second) "
    r"(?:incident|attack|strike)|also on|on the same day|the same day|in other news"
    r"|in (?:a|another) (?:related|separate) development"
    r"|(?:it|this|the \w+) (?:came|comes) (?:as|(?:(?:a|an|one|two|three|four|five|six|several"
    r"|a few|\d+) (?:hours?|days?|weeks?|months?) )?(?:after|before))"
    # "Two weeks earlier, a truck bomb in Pul-e-Alam ...": an earlier event of its own
    r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+) (?:days?"
    r"|weeks?|months?|years?) (?:earlier|before|ago|later)(?=,)"
    # ("Eight days after the market strike, on 29 October 1999, aircraft attacked")
    r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+) (?:days?"
    r"|weeks?|months?|years?) (?:after|before) the\b"
    # a bulletin's other news: "Also today in the region: ...", "Overnight the aggressor
    # also attacked Nikopol raion with artillery"
    r"|also (?:today|yesterday|overnight)\b"
    r"|(?:[\w’'-]+ ){0,4}?(?:also|again) (?:attacked|shelled|struck|hit|targeted|bombed)\b"
    # ("Weeks earlier, on 16 June, gunmen had killed nine students at a school in Damaturu")
    r"|(?:days|weeks|months|years) (?:earlier|before|later)(?=,)"
    # ("Earlier this month, Russian planes dropped bombs on the mountain village of X")
    r"|earlier (?:this|that|in the) (?:week|month|year)(?=,)|last (?:week|month)(?=,))\b",
    re.I)


# ... or a bulletin's heading over it: "Also today in the region:\n— Toretsk hromada: ..."
_ANOTHER_HEADING = re.compile(r"(?:^|\n)[^\S\n]*(?:also|elsewhere|meanwhile)\b[^\n.:]{0,40}:"
                              r"\s*[—–-]?\s*$", re.I)


# "Hours later, a drone struck one of the city's hospitals" after artillery hit a camp:
# an attack of another kind later that day is another incident, wherever it was
_LATER_THAT_DAY = re.compile(
    r"\W*(?:(?:a\s+few\s+|several\s+|two\s+|three\s+)?hours\s+later|later\s+(?:that|the\s+same)"
    r"\s+(?:day|morning|afternoon|evening|night)|later\s+in\s+the\s+day|(?:that|in\s+the)"
    r"\s+(?:evening|afternoon)|that\s+night)\s*,", re.I)


def _later_of_another_kind(text: str, s: Sentence, kinds: set[str]) -> bool:
    """Does the sentence tell, later that day, an attack of a kind the incident's are
    not?  ("Hours later, a drone struck one of the city's hospitals" after artillery hit
    a camp: another incident, wherever it was.)"""
    strong = strong_types(s)
    return bool(strong) and not strong & kinds and _LATER_THAT_DAY.match(
        text, max(s.start, s.dateline_end), s.end) is not None


# A paragraph that opens with where: "In the town of Azaz near the Turkish border, ..."
_PARAGRAPH_PLACE = re.compile(
    r"(?:In|At|Near)\s+(?:the\s+)?(?:(?:town|city|village|province|district|region"
    r"|governorate|state|county|camp|neighbou?rhood)\s+of\s+)?[A-Z]")


def _lead_toll(text: str, s: Sentence, toponyms: Sequence[Toponym], dates: Sequence,
               counts: Sequence) -> bool:
    """Does an opening sentence tell many killed at a place and on days of its own ("At
    least 535 men, women and children were killed in attacks on 16 to 18 December 2018 in
    four villages of Yumbi territory")?  Weak words, but the report's first news."""
    return s.role in OPENING and any(
        c.category == "killed" and (c.best or 0) >= 2 for c in filed_in(s, counts, "counts")) \
        and bool(own_fine_places(text, toponyms, s)) and bool(_own_dates(s, dates, text))


def _other_town(a: Toponym, b: Toponym) -> bool:
    """Are `a` and `b` two towns further apart than one site spans ("the town of
    Balakliia, about 45 km northwest of Izium"), however wide each town's radius?"""
    # (a point the text puts a distance from a town is as sure: "45 km northwest of Izium")
    def told(t: Toponym) -> bool:
        return t.precision == "settlement" or t.relation == "offset"

    return told(a) and told(b) and (a.geonameid != b.geonameid or "offset" in (
        a.relation, b.relation)) and a.lat is not None and b.lat is not None \
        and haversine_km(a.lat, a.lon, b.lat, b.lon) > SAME_SITE_KM


def _told_in_paragraph(text: str, s: Sentence, nxt: Sentence | None,
                       toponyms: Sequence[Toponym], dates: Sequence, counts: Sequence) -> bool:
    """Does sentence `s` open a paragraph that tells an event in full: a strong trigger, a
    fine place and a day of its own, a toll in it or in the paragraph's next sentence?
    (One sentence alone is a recap in passing: "in November 2014, a bomber struck the
    crowd at the Wagah border, killing about 60".)"""
    if nxt is None or "\n" in text[s.end:nxt.start] or not _opens_line(text, s.start) \
            or not strong_types(s) or not own_fine_places(text, toponyms, s) \
            or not any(d.precision in ("day", "days") for d in _own_dates(s, dates, text)):
        return False
    return any(c.category in ("killed", "bodies_found")
               for c in [*filed_in(s, counts, "counts"), *filed_in(nxt, counts, "counts")])


def _opens_line(text: str, start: int) -> bool:
    """Does only space stand between the line's start and `start`?"""
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] == "\n"


# A second attack told as the same day's: "an hour later", "minutes later", "later that
# day", "simultaneously".
_SAME_DAY = re.compile(
    r"\b(?:(?:an?|one|two|three|half\s+an?)\s+hours?|minutes|moments)\s+(?:later|earlier"
    r"|before|after)\b|\blater\s+(?:that|the\s+same)\s+(?:day|morning|afternoon|evening"
    r"|night)\b|\b(?:on\s+)?the\s+same\s+(?:day|morning|afternoon|evening|night)\b"
    r"|\bsimultaneous(?:ly)?\b|\bat\s+the\s+same\s+time\b", re.I)


# --- dates and counts ------------------------------------------------------------------

DATE_KINDS = {"mass_grave": ("exhumation", "discovery", "event")}


def _fresh(d, pub: tuple[date, date] | None) -> bool:
    return pub is None or d.date_end >= pub[0] - timedelta(days=OLD_DAYS)


_BURIAL = re.compile(r"\b(?:buri(?:ed|al|als)|bury|dumped|interred|dispos(?:e|ed|al)\s+of)\b",
                     re.I)
_PRESENT = re.compile(r"^(?:today|tonight|now|this (?:morning|afternoon|evening|week))$", re.I)


WEEK_DAYS = 7


def _dated_in(text: str, s: Sentence, dates: Sequence) -> list:
    """The dates of sentence `s` that may date an event: past its dateline, with a known
    precision, and not the start of a period (`since 2015`)."""
    return [d for d in filed_in(s, dates, "dates") if s.dateline_end <= d.start
            and d.precision != "unknown" and not (starts_a_period(text, d) and not (
                # ("Since Monday, the teams have exhumed 41": the days of the work so far)
                d.relative and (d.date_end - d.date_start).days <= WEEK_DAYS))]


def choose_date(text: str, event_type: str, sentences: Sequence[Sentence], dates: Sequence,
                pub: tuple[date, date] | None, triggers_at: dict[int, list[int]],
                retro: bool = False):
    """The incident's date: of the dates its sentences give, the one nearest an event word
    in the earliest sentence, of a kind that fits (a grave's exhumation or discovery
    first); never the start of a period (`since 2015`), one from long before
    publication unless it is all there is, nor "today" when the sentence dates the event
    otherwise ("crews today sifted through ... Sunday's strike").  For a grave dated only
    by its announcement ("said on Monday it had found"), that date stands for the
    discovery.  In a look back (`retro`: "twenty years on"), the old date beside the
    event's words is the event's, over the recent dates of the remembering; failing
    that, an old date anywhere in the incident's sentences is the one it looks back to."""
    kinds = DATE_KINDS.get(event_type, ("event", "discovery", "exhumation"))
    fitting: list = []
    best = None
    fallback = None
    old_best = None
    for rank, s in enumerate(sentences):
        own = _dated_in(text, s, dates)
        old = [d.start for d in own if not d.relative and not _fresh(d, pub)]
        if old:
            # "in July 2022, a block was brought down late on a Saturday night": the
            # weekday is one of that month's, not of the week the report came out (but
            # "on Monday completed an exhumation of 11 people buried between 2006 and
            # 2008": a weekday of digging or finding, told before the old years, is this
            # week's)
            own = [d for d in own if not d.relative or d.start < min(old)
                   and d.kind in ("exhumation", "discovery")]
        trig = triggers_at.get(s.index) or [s.start]
        for d in own:
            if retro and d.kind == "report" and not _fresh(d, pub):
                # (looking back, a figure "given" for 1992 still dates the event of 1992)
                fallback = fallback or (d, s)
                continue
            if d.kind not in kinds or (event_type == "mass_grave" and d.kind == "event"
                                       and not _BURIAL.search(text, max(s.start, d.start - 70),
                                                              min(s.end, d.end + 70))):
                continue  # a grave's "event" date is the killing's unless it dates a burial
            gap = min(abs(d.start - p) for p in trig)
            if not _fresh(d, pub):
                if retro and gap <= OWN_DATE_CHARS and s.index in triggers_at:
                    # looking back, the old date beside the event's words is the event's;
                    # the recent ones are of the remembering ("on Monday the lights went
                    # out ... for the 71 killed when a shell landed on 25 May 1995")
                    # (the most precise of them: "on 25 May 1995" over the title's
                    # "Twenty years after the shelling")
                    width = (d.date_end - d.date_start).days
                    if old_best is None or width < old_best[0]:
                        old_best = (width, d, s)
                if gap <= OWN_DATE_CHARS or s.index not in triggers_at or retro:
                    fallback = fallback or (d, s)  # an old date of the event itself
                continue
            key = (rank + (kinds.index(d.kind) if event_type == "mass_grave" else 0)
                   + min(gap, 300) / 150 + (1.5 if _PRESENT.match(d.text.strip()) else 0))
            fitting.append((key, d, s))
            if best is None or key < best[0]:
                best = (key, d, s)
    if old_best is not None:
        return old_best[1], old_best[2]
    if best is not None:
        # A date inside the chosen one says more of the same days: "the strikes that
        # shaped 2015 ... The first came on the night of 24 July 2015".
        inside = [c for c in fitting if c[1].precision in ("day", "days")
                  and best[1].date_start <= c[1].date_start
                  and c[1].date_end <= best[1].date_end
                  and c[1].date_end - c[1].date_start < best[1].date_end - best[1].date_start]
        if inside:
            best = min(inside, key=lambda c: c[0])
        return best[1], best[2]
    if event_type == "mass_grave":
        for first in sentences[:3]:
            said = [d for d in filed_in(first, dates, "dates") if d.kind == "report"
                    and first.dateline_end <= d.start and _fresh(d, pub)]
            if said:
                return said[0], first
    return (None, None) if fallback is None else fallback


def killing_date(sentences: Sequence[Sentence], dates: Sequence, chosen) -> object | None:
    """For a grave: when the victims were killed, if a sentence of it says."""
    for s in sentences:
        for d in filed_in(s, dates, "dates"):
            if d.kind == "event" and d is not chosen and d.precision != "unknown":
                return d
    return None


# A grave's figure is the bodies found; an abduction's, the people taken; any other
# incident's is its dead, whether the text counts them as killed or as bodies found ("the
# bodies of 200 people were found").
COUNT_ORDER = {"mass_grave": (("bodies_found",), ("killed",)),
               "abduction": (("missing",), ("killed", "bodies_found"))}
DEFAULT_COUNT_ORDER = (("killed", "bodies_found"),)


def choose_count(event_type: str, sentences: Sequence[Sentence], counts: Sequence,
                 text: str = ""):
    """The incident's figure: the first one of the preferred categories in its sentences
    (title and lead first), else the first of the next; a number before a word that only
    says how many roughly ("scores of bodies ... the bodies of at least 200 people"); a
    figure the text calls the total before any part of it ("one of 37 students killed
    ... Forty-two people died in total")."""
    for cats in COUNT_ORDER.get(event_type, DEFAULT_COUNT_ORDER):
        found = [(c, s) for s in sentences for c in filed_in(s, counts, "counts")
                 if c.category in cats]
        # ("more than 300 people killed across the country, but two events stood out": a
        # toll of many places is no incident's figure)
        found = [(c, s) for c, s in found
                 if not _WIDE_TOLL.match(text, c.end, min(len(text), c.end + 60))] or found
        if found:
            # (a number, not a word for many, unless it is fewer than the many: "killed
            # hundreds of civilians ... soldiers killed her husband" is one story of them)
            lead, _ = found[0]
            many = (lead.low or lead.best or 0) if _rough(lead.phrase) else 0
            first = next(((c, s) for c, s in found if not _rough(c.phrase)
                          and (c.high or c.best or c.low or 0) >= many), found[0])
            if _PART.search(first[0].phrase):  # (a total over a part, not over a tally)
                return next(((c, s) for c, s in found if not _rough(c.phrase) and (
                    _TOTAL_AFTER.match(text, c.end, min(len(text), c.end + 40))
                    or _TOTAL_BEFORE.search(text, max(0, c.start - 20), c.start))), first)
            return first
    return None, None


# The dead of one kind, a part of all of them: "37 students", "20 children"
_PART = re.compile(r"\b(?:students|pupils|schoolchildren|children|girls|boys|women|men"
                   r"|soldiers|worshippers|passengers|members|relatives|workers|farmers"
                   r"|miners|fishermen|guests|patients)\b", re.I)
_TOTAL_AFTER = re.compile(r"[^.;,]{0,25}?\b(?:in\s+total|in\s+all|altogether|overall)\b",
                          re.I)
_TOTAL_BEFORE = re.compile(r"\b(?:a\s+total\s+of|total\s+of|totall?ing|in\s+total,?)\s+$",
                           re.I)


_WIDE_TOLL = re.compile(r"[^.;:]{0,40}?\b(?:across\s+(?:the|much\s+of\s+the)\s+(?:country"
                        r"|nation|region)|nationwide|countrywide|so\s+far\s+this\s+year"
                        r"|since\s+the\s+(?:start|beginning|outbreak))\b", re.I)


_ROUGH = re.compile(r"\b(?:dozens?|scores?|hundreds|thousands|several|many|numerous"
                    r"|multiple|a few)\b", re.I)


def _rough(phrase: str) -> bool:
    """A figure given only as a word for "many" ("scores of bodies"), with no number."""
    return bool(_ROUGH.search(phrase)) and not any(ch.isdigit() for ch in phrase)


_OPENS_WITH_DATE = re.compile(r"\s*(?:(?:early|late|later)\s+)?(?:in|on|during)?\s*", re.I)


def _own_dates(s: Sentence, dates: Sequence, text: str) -> list:
    """The dates a sentence gives its event: precise enough to tell two events apart, not
    the report's, not a period's start, and near one of its event words ("the hospital,
    after the forces withdrew on April 7" dates the withdrawal, not the graves)."""
    triggers = [m for ms in s.types.values() for m in ms]
    return [d for d in _dated_in(text, s, dates)
            if d.kind != "report" and d.precision in ("day", "days", "week", "month")
            and (not triggers or any(abs(d.start - m.start) <= 80 for m in triggers)
                 # (a date the sentence opens with dates all of it: "In August 2006
                 # seventeen aid workers of the French charity ... were found shot dead")
                 or _OPENS_WITH_DATE.fullmatch(text, max(s.start, s.dateline_end), d.start))]


def _dated_by_the_sentence_before(text: str, sentences: Sequence[Sentence],
                                  reporting: list, old: list, dates: Sequence,
                                  pub: tuple[date, date] | None) -> tuple[list, list]:
    """A body sentence with no date of its own goes on in the time of the sentence before
    it in its paragraph ("In April 2021, a quarrel escalated into two days of fighting.
    Mortar rounds hit houses in the village of Kok-Tash"): when that sentence is dated
    long before publication, so is it."""
    if pub is None:
        return reporting, old
    by_index = {s.index: s for s in sentences}
    moved = []
    for s, types in reporting:
        if s.role in OPENING or _own_dates(s, dates, text) \
                or any(d.kind != "report" for d in _dated_in(text, s, dates)):
            continue
        # (past the paragraph's undated sentences between: "... bombed the village in
        # early February 2000. The court found that ... Memorial estimates that more than
        # 150 civilians died in Katyr-Yurt")
        before, after = [], s
        for _ in range(DATED_BACK):
            prev = by_index.get(after.index - 1)
            if prev is None or prev.role in OPENING or "\n" in text[prev.end:after.start]:
                break
            before = [d for d in _own_dates(prev, dates, text) if not starts_a_period(text, d)]
            if before:
                break
            after = prev
        if before and all(d.date_end < pub[0] - timedelta(days=OLD_DAYS) for d in before):
            moved.append((s, types, f"old: the sentence before dates it ({before[0].text})"))
    if not moved:
        return reporting, old
    gone = {s.index for s, _, _ in moved}
    return [r for r in reporting if r[0].index not in gone], \
        sorted([*old, *moved], key=lambda o: o[0].index)


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


def _other_day(a: Sequence, b: Sequence) -> bool:
    """Do two sentences each name one day, not the same ("On 8 June, shelling hit the
    market in Dilling" and "On 9 June, a drone strike hit a school in Abu Jibeha")?  Far
    apart, that is two events, however near the days."""
    days = [x for x in (*a, *b) if getattr(x, "precision", None) == "day"]
    return len(days) == len(a) + len(b) and bool(a) and bool(b) \
        and not {(x.date_start, x.date_end) for x in a} & {(y.date_start, y.date_end) for y in b}


ESTIMATED_SLACK_DAYS = 365  # how much earlier than its latest date a report may be dated


def find_events(text: str, sentences: Sequence[Sentence], toponyms: Sequence[Toponym],
                dates: Sequence, counts: Sequence, pub: tuple[date, date] | None,
                order: Sequence[str], estimated: bool = False) -> DocumentEvents:
    """The incidents one article reports (see the module docstring).  `sentences`: as
    `split_sentences` gives them (boilerplate left out), their triggers filed by
    `mark_types`; `pub`: the publication range (estimated from the text when
    `estimated`)."""
    # (a publication read from the text is its latest date: a report that tells two
    # incidents a year apart would make the first "old" against it)
    aged = pub if pub is None or not estimated else (
        pub[0] - timedelta(days=ESTIMATED_SLACK_DAYS), *pub[1:])
    file_places(sentences, toponyms)
    file_in(sentences, dates, "dates")
    file_in(sentences, counts, "counts")
    # (the whole title, for the incidents its other story brings: "... ; torture room
    # found in Balakliia")
    # (by id, or by the name the title writes: "free hostages in Croix-des-Bouquets" is
    # the town, "a house in Croix-des-Bouquets, a commune north-east of the capital" the
    # commune of one name)
    title_ids = {k for s in sentences if s.role == "title"
                 for t in own_fine_places(text, toponyms, s)
                 for k in (t.geonameid, name_key(t.text)) if k}
    # (the towns of a road the title names: "... bomb on the Mora-Kolofata road")
    title_ids |= {k for s in sentences if s.role == "title" for t in _placed_in(s)
                  if t.precision in FINE and joins_a_road(text, t.start, t.end)
                  for k in (t.geonameid, name_key(t.text)) if k}
    title_types = {t for s in sentences if s.role == "title" for t in s.types}
    other_story = keep_lead_story(text, sentences, toponyms)
    background: list[tuple[Sentence, str]] = []
    reporting: list[tuple[Sentence, set[str]]] = []
    old: list[tuple[Sentence, set[str], str]] = []
    one_dead: list[tuple[Sentence, set[str]]] = []
    fought: int | None = None  # the last sentence set aside as fighting
    for s in sentences:
        types = reports_event(text, s, counts)
        if not types:
            if tells_fighting(text, s):
                fought = s.index
            continue
        why = classify_background(text, s, dates, aged, counts,
                                  bool(own_fine_places(text, toponyms, s)))
        if why is None and fought == s.index - 1 and not strong_types(s) - {KILLING} \
                and not own_fine_places(text, toponyms, s) \
                and not plainly_civilian(text[max(s.start, s.dateline_end):s.end]):
            # "regime forces and IS fighters exchanged fire on the outskirts of Ad Dumayr.
            # 2 people of unknown affiliation were killed.": the fighting's dead
            why = "the dead of the fighting told just before"
        if why is not None and why.startswith("fighting"):
            fought = s.index
        if why is None:
            reporting.append((s, types))
        elif why.startswith("old:"):
            old.append((s, types, why))
        elif why == ONE_DEAD:
            one_dead.append((s, types))
        else:
            background.append((s, why))
    reporting, old = _dated_by_the_sentence_before(text, sentences, reporting, old, dates, pub)
    # Paragraphs a heading opens ("Jalalabad, 24 January: ..."): one incident each, old
    # or new (a report documenting three attacks of past years tells each under its
    # heading).
    section = find_sections(text, sentences, toponyms)
    for s in sentences:
        if s.index in section:
            s.dateline_end = -1  # ("Benghazi, 23 January." heads a paragraph: no dateline)
    if section:
        reporting = sorted([*reporting, *((s, t) for s, t, _ in old if s.index in section)],
                           key=lambda r: r[0].index)
        old = [o for o in old if o[0].index not in section]
    # An old event told in a paragraph of its own, as a feature compares attacks ("On
    # Easter Sunday, 27 March 2016, a bomber blew himself up in Gulshan-e-Iqbal park in
    # Lahore ... At least 75 people were killed"): one of the report's subjects.
    by_index = {s.index: s for s in sentences}
    told = [o for o in old if _told_in_paragraph(text, o[0], by_index.get(o[0].index + 1),
                                                 toponyms, dates, counts)]
    if told:
        reporting = sorted([*reporting, *((s, t) for s, t, _ in told)], key=lambda r: r[0].index)
        old = [o for o in old if o not in told]
    if any(strong_types(s) for s, _ in reporting):
        # "One person was killed" in a report on shelling: a death of the incident
        reporting = sorted([*reporting, *one_dead], key=lambda r: r[0].index)
    else:
        background.extend((s, ONE_DEAD) for s, _ in one_dead)
    opening = " ".join(text[s.start:s.end] for s in sentences if s.role in OPENING)
    # Reporting sentences that name no place of their own ("Prosecutors find remains at
    # ranch linked to 2011 rampage") leave the story to the old ones; a publication date
    # read from the text makes "old" a guess, so there only a look back says so.
    placed = [r for r in reporting if _placed_in(r[0])]
    retro = RETROSPECTIVE.search(opening) is not None and not (
        # "found human remains at a dump where paramilitaries buried people more than two
        # decades ago": the killings' age, beside a find that is the news
        all(m.group().lower().endswith("ago") for m in RETROSPECTIVE.finditer(opening))
        and any(s.role in OPENING and "mass_grave" in strong_types(s) for s in sentences))
    lead_names = {u.text for o, _, _ in old if o.role in OPENING for u in _placed_in(o)}
    if old and (reporting and not placed and not estimated or retro):
        # A retrospective ("Two years later, ..."): its subject is the old event.
        reporting = sorted([*reporting, *((s, t) for s, t, _ in old)], key=lambda r: r[0].index)
    elif old and not estimated and not any(
            t.precision != "country" and not (t.geonameid is None and t.text in lead_names)
            for r in reporting for t in _placed_in(r[0])):
        # "New video reveals Tadamon massacre" (a place no gazetteer has, placed only by
        # the country or by the old lead that names it too): the old killing the lead
        # tells of is the story; the old events of the body stay background.
        lead = [(s, t) for s, t, _ in old if s.role in OPENING]
        reporting = sorted([*reporting, *lead], key=lambda r: r[0].index)
        background.extend((s, why) for s, _, why in old if s.role not in OPENING)
    else:
        background.extend((s, why) for s, _, why in old)
    # (a rights report's sub-headings: its lead tells the main incident, sums none up)
    subheaded = bool(section) and under_subheads(text, section)
    if section and any(r.index in section for r, _ in reporting) and not subheaded:
        # What comes before the first heading sums the incidents up ("Three attacks show
        # how protection fails"), unless it gives a day and a town of its own ("23
        # civilians were killed in Idlib governorate today" sums the day's up).
        top = min(section)
        summary = [r for r in reporting if r[0].index < top and (not any(
            d.precision in ("day", "days") for d in _own_dates(r[0], dates, text))
            or not own_fine_places(text, toponyms, r[0]))]
        background.extend((r, "a summary of the incidents its headed paragraphs tell")
                          for r, _ in summary)
        reporting = [r for r in reporting if r not in summary]
    if not reporting:
        return DocumentEvents([], sorted(background, key=lambda b: b[0].index))
    country = main_country(toponyms, sentences)
    triggers_at = {s.index: [m.start for ms in s.types.values() for m in ms]
                   for s in sentences if s.types}

    # Sentences that bring in another event at a place of their own ("Two weeks earlier,
    # a truck bomb in Pul-e-Alam ..."): no context for where this one happened.
    # (known before the site is weighed when the first sentence names a place of its own
    # and the other sentence's first place is another)
    opens_another = [s for s in sentences if s.index != reporting[0][0].index
                     and _ANOTHER.match(text, max(s.start, s.dateline_end), s.end)]
    lead_places = {place_key(t)
                   for t in own_fine_places(text, toponyms, reporting[0][0])} \
        if opens_another else set()
    elsewhere_told: set[int] = {
        s.index for s in opens_another if lead_places
        and (t := _first_place(s)) is not None and place_key(t) not in lead_places}

    def context(group: Sequence[Sentence]) -> list[Sentence]:
        """The opening and the two sentences before each of the group's: they often say
        where ("The village of Yahidne is 12 km south of Chernihiv.")."""
        wanted = {s.index for s in sentences if s.role in OPENING}
        for s in group:
            wanted |= {s.index - 1, s.index - 2}
        aside = {s.index for s, _ in background} | elsewhere_told
        return [by_index[k] for k in sorted(wanted) if k in by_index and k not in aside]

    # The main incident: the first reporting sentence, the rest of the opening, and the
    # later sentences that agree with it (any with a trigger, weak words too: "a tractor
    # exploded after hitting a mine near the village of Nova Basan").
    supported = supported_countries(toponyms, text)
    first, _ = reporting[0]
    main = [first]
    site, _, _ = choose_site(text, toponyms, [first], context([first]), country, supported)
    main_dates = _own_dates(first, dates, text)
    recent = [_Span(pub[0] - timedelta(days=RECENT_DAYS), pub[1])] \
        if pub is not None and not estimated else []
    rest: list[tuple[Sentence, set[str]]] = []
    said = {s.index for s, _ in background}
    joining = {s.index: t for s, t in reporting}
    main_strong = strong_types(first) or set(first.types)
    members = {first.index}
    # The fine places the incident's sentences name, one per gazetteer entry: what a later
    # sentence's places are compared with (kept as the sentences join, not recomputed).
    known: dict[str, Toponym] = {}
    firsts = own_fine_places(text, toponyms, first)
    pinned: tuple[Toponym, ...] = ()  # the place the main incident's site lies near
    if first.role == "title" and site is not None and site.precision in FINE \
            and len(firsts) >= 2 \
            and all(far_apart(a, b) for a, b in zip(firsts, firsts[1:], strict=False)):
        # ("Iraq roundup: mass grave near Hawija; detainees crammed in Qayyarah jail":
        # of the title's towns, the one the lead goes on with is the main incident's)
        lead = next((s for s in sentences if s.role == "lead"), None)
        leads = own_fine_places(text, toponyms, lead) if lead is not None else []
        told = [t for t in firsts if any(not far_apart(t, u) for u in leads)]
        if told and far_apart(told[0], site):
            site, pinned = told[0], (told[0],)
        # "Mexico's deadliest week: bodies in a Taxco mine, massacre at a Chihuahua rehab
        # centre": a title naming far-apart towns tells of several incidents; only the
        # one its site is in speaks for the main incident
        firsts = [t for t in firsts if not far_apart(t, site)]
    for t in firsts:
        known.setdefault(place_key(t), t)
    naming = Counter(known.keys())  # how many of the incident's sentences name each
    # Sentences told apart from the main incident (by the index of the sentence that
    # brought the other incident in, and its kind), and the ones that go on with them.
    parted: dict[int, tuple[int, set[str]]] = {}
    follows: dict[int, list[Sentence]] = {}
    main_section = section.get(first.index)
    if main_section is None and site is not None and subheaded:
        # ("Killings in Diourou" under a lead that told the killing in Diourou: the
        # sub-heading's section goes on with the main incident)
        main_section = next((p for p in sorted(set(section.values())) if any(
            place_key(t) == place_key(site) for t in heading_places(text, p, toponyms))),
            None)
    # A headed paragraph's sentences with no event word ("Benghazi, 23 January.", "On 12
    # October 2016, ex-Seleka fighters stormed a camp") say where, when and how many for
    # its incident: before the sentence that brings it in, and after.
    pending: dict[int, list[Sentence]] = {}
    section_head: dict[int, int] = {}  # section -> the sentence that brings its incident in
    for s in sentences:
        if s.index == first.index or s.index in said:
            continue
        sec = section.get(s.index)
        if sec is not None and _brings_in_another(text, s, _placed_in(s), None):
            sec = None  # ("Weeks earlier, gunmen had killed nine students in Damaturu":
            # under the heading, another incident the paragraph brings in)
        if sec is not None:
            # A headed paragraph tells one incident: the main one's paragraph joins it
            # whole; another's first reporting sentence brings its incident in.
            if sec == main_section:
                main.append(s)
                members.add(s.index)
            elif sec in section_head:
                follows.setdefault(section_head[sec], []).append(s)
            elif s.index in joining:
                section_head[sec] = s.index
                rest.append((s, joining[s.index]))
            else:
                pending.setdefault(sec, []).append(s)
            continue
        refers = bool(ANAPHOR.search(text, s.start, s.end))
        if not s.types and not refers:
            continue  # no event word, no "the incident": says nothing of the event
        if s.index < first.index and s.role not in OPENING \
                and not (refers and s.index == first.index - 1):
            continue  # (but "The first came on 24 July. Aircraft struck ...": its date)
        if s.index not in joining and s.types:
            why = classify_background(text, s, dates, aged, counts,
                                      bool(own_fine_places(text, toponyms, s)))
            if why is not None and not why.startswith("old:"):
                background.append((s, why))
                said.add(s.index)
                continue
        types = joining.get(s.index, set(s.types))
        own = own_fine_places(text, toponyms, s)
        # (a district across a border is somewhere else, however near)
        abroad = [] if own else [t for t in district_elsewhere(text, toponyms, s, site)
                                 if across_border(t, site)]
        own = own or abroad
        if not own:  # placed by the sentences just before it, if they name somewhere else
            own = [t for k in (s.index - 2, s.index - 1)
                   if (b := by_index.get(k)) is not None and k not in members and k not in said
                   for t in own_fine_places(text, toponyms, b)]
            if site is not None and not all(far_apart(site, t) for t in own):
                own = []
        # Somewhere else: far from the site so far and from every fine place the
        # incident's sentences name (the first sentence may name two towns, and the one
        # it is about may not have won yet).
        # (a country says nothing of where: "the killings took place" placed only by
        # a "US embassy" two sentences on is no site to be far from)
        # (once two of its sentences name the town, the first sentence's other towns are no
        # longer candidates for a sentence telling of that day's other attack: "bombs tore
        # through Yala ..., while a car bomb in Hat Yai killed three more. In Yala, ...
        # An hour later, a car bomb exploded in Hat Yai": another incident)
        settled = site is not None and site.precision in FINE \
            and naming[place_key(site)] >= 2 \
            and _SAME_DAY.search(text, s.start, s.end) is not None
        near = ([site] if site is not None and site.precision != "country" else []) \
            + ([] if settled else list(known.values()))
        elsewhere = bool(near) and bool(own) and all(
            far_apart(k, t) or _other_town(k, t) for t in own for k in near)
        if elsewhere and s.index - 1 in members and _GOES_ON.match(text, s.start, s.end):
            # "It killed at least 50 POWs, ... defenders of Azovstal in Mariupol": the
            # sentence goes on with the one before; its places describe, not locate.
            elsewhere = False
        own_dates = _own_dates(s, dates, text)
        # (the title's other story, told in the standfirst: "- Police discover torture
        # chamber in liberated Kupiansk", or in a sentence of its own: "Overnight, a drone
        # hit a minibus in neighbouring Marhanets")
        # ("regime forces in the Khan Shaykhun area fired shells at Kafranbel": the other
        # story's town among others, none of them the main incident's site)
        story = bool(other_story) and any(place_key(t) in other_story
                                          for t in [*own, *(s.places or ())]) \
            and not any(site is not None and place_key(t) == place_key(site)
                        and t.relation != "offset" for t in own)
        # ("On the Pakistani side, Indian shelling killed three civilians in Kotli
        # district": the opening's other incident, across the border from the first)
        elsewhere = elsewhere or story or bool(abroad)
        opening = s.role in OPENING and first.role in OPENING and not story and not abroad
        strong = strong_types(s)
        # A strong trigger of an unrelated kind ("airstrikes that targeted a school" in a
        # report on graves) reports another event, unless the opening says so.
        unrelated = bool(strong) and not any(strong & FAMILIES.get(t, {t})
                                             for t in main_strong)
        opening = opening or (s.index < first.index)
        # (undated so far, the incident is news: of the weeks before publication, as
        # against a sentence naming a place of its own: "In November last year, gunmen
        # stormed a school in Ekondo-Titi"; one with none, "the victims were killed in
        # March", tells of the same graves)
        dated_as = main_dates or (recent if own else [])
        another = _brings_in_another(text, s, _placed_in(s), site) \
            or _later_of_another_kind(text, s, main_strong)
        if another:
            elsewhere_told.add(s.index)
        if opening and (another or elsewhere and (_dates_conflict(dated_as, own_dates)
                                                  or _other_day(dated_as, own_dates))):
            opening = False  # "Separately, a drone strike hit a market in Mandalay ..."
        head = parted.get(s.index - 1)
        if head is not None and not opening and not own_fine_places(text, toponyms, s) \
                and not own_dates \
                and not (strong - {f for t in head[1] for f in FAMILIES.get(t, {t})}):
            # "On 8 November 2006, artillery shells fell on a school at Kathiravelli. At
            # least 45 people were killed.": a sentence with no place or day of its own
            # goes on with the other incident just told, not with the main one
            parted[s.index] = head
            follows.setdefault(head[0], []).append(s)
            continue
        if opening or (not elsewhere and not unrelated and not another
                       and not _dates_conflict(dated_as, own_dates)):
            main.append(s)
            members.add(s.index)
            main_dates = main_dates or own_dates
            main_strong |= strong
            named_here = own_fine_places(text, toponyms, s)
            if not (s.role == "title" and len({place_key(t) for t in named_here}) > 1):
                # (a title naming two towns, "Attacks on Dilling and Abu Jibeha", does
                # not say which is this incident's)
                for t in named_here:
                    known.setdefault(place_key(t), t)
            naming.update({place_key(t) for t in named_here})
            # The site so far is weighed again while the incident's sentences are few;
            # past that (a very long report) a late sentence rarely changes it, and
            # weighing every time would cost the square of the report's length.
            if (site is None or site.precision not in FINE or own) \
                    and len(main) <= SITE_SENTENCES:
                site, _, _ = choose_site(text, toponyms, main, context(main), country,
                                         supported, within=pinned)
        elif s.index in joining:
            rest.append((s, types))
            parted[s.index] = (s.index, strong or types)
    main.sort(key=lambda m: m.index)
    events = [_build(text, main[:SITE_SENTENCES], context(main[:SITE_SENTENCES]), toponyms,
                     dates, counts, pub, order, country, supported, triggers_at, retro,
                     undated=estimated,
                     within=heading_places(text, main_section, toponyms)
                     if main_section is not None else pinned)]
    events[0].sentences = main
    if (events[0].site is None or events[0].site.precision == "country") \
            and len(sentences) >= FEATURE_SENTENCES:
        # "since the strike on the al-Tabi'in school ... He was one of several hundred
        # displaced people living in the school in al-Daraj, one of Gaza City's oldest
        # neighbourhoods, when it was hit": the sentences right after the first report,
        # which name no event word, may say where (only where the incident has no
        # town yet, in a feature: a brief's next sentence says who told of it)
        after = [by_index[k] for k in (first.index + 1, first.index + 2)
                 if k in by_index and k not in said and k not in elsewhere_told
                 and k not in members and not by_index[k].types]
        if after:
            site, ssent, why = choose_site(text, toponyms, [*main[:SITE_SENTENCES], *after],
                                           context(main[:SITE_SENTENCES]), country,
                                           supported)
            if site is not None and site.precision in FINE \
                    and (country is None or site.country_code == country):
                events[0].site, events[0].site_sentence, events[0].site_why = site, ssent, why
    given = stated_coordinates(toponyms, events[0].site, sentences)
    if given is not None:  # "Location of Incident: ... [22.676780, 95.402366]"
        events[0].site, events[0].site_sentence = given
        events[0].site_why = "the coordinates the article gives, near the place it names"
        events[0].review = [r for r in events[0].review if "first-level division" not in r]

    # Other incidents: a strong trigger, a fine site of its own, and a date or a figure
    # (or a title that names that site too).
    # ("investigators find a torture room and a grave in the woods": a title telling two
    # kinds of event at its town: `title_types`)
    for s, _types in rest:
        if len(events) >= MAX_EVENTS:
            background.append((s, f"more than {MAX_EVENTS} incidents in one document"))
            continue
        headed = section.get(s.index, main_section) != main_section  # (another heading's)
        # "In Idlib province, a hospital ... in Maarat al-Numan was hit four times in two
        # attacks, killing at least seven": a wire's paragraph opened by another place
        # tells the same kind of attack there
        paragraph = not strong_types(s) and events[0].event_type in WEAPONS \
            and (o := _PARAGRAPH_PLACE.match(text, s.start)) is not None \
            and any(t.start == o.end() - 1 for t in _placed_in(s)) \
            and _opens_line(text, s.start)
        if not strong_types(s) and not headed and not paragraph \
                and not (_ANOTHER.match(text, max(s.start, s.dateline_end), s.end)
                         and own_fine_places(text, toponyms, s)) \
                and not _lead_toll(text, s, toponyms, dates, counts):
            # (unless the text says it is another event, at a place of its own:
            # "Separately, 12 villagers were killed by rebels in Beni on Friday.")
            background.append((s, "a weak mention beside the main incident"))
            continue
        own = own_fine_places(text, toponyms, s) or district_elsewhere(
            text, toponyms, s, events[0].site) or [
            t for t in (s.places or ()) if place_key(t) in other_story]  # (the title's)
        # No place of its own: the sentences just before may say where ("... the town of
        # Bucha in April. It was a town outside the capital. Ukraine claimed that bodies
        # in civilian clothing were found ...").
        # (under a heading, only its own paragraph's sentences: "Benghazi, 23 January. Two
        # car bombs exploded outside the mosque")
        before = [b for k in (s.index - 2, s.index - 1)
                  if (b := by_index.get(k)) is not None and b.index not in said
                  and b.index not in members
                  and (not headed or section.get(k) == section.get(s.index))]
        located = [] if own else [t for b in before for t in own_fine_places(text, toponyms, b)]
        if events[0].site is not None and not headed \
                and not all(far_apart(events[0].site, t) for t in located):
            located = []  # they name the main site: nothing new
        heading = pending.get(section[s.index], []) if headed else []
        if headed and not own and not located:
            # ("Massacre No. 56" over "Municipality: Jamundí", "Place: corregimiento
            # Potrerito": the heading's section says where)
            located = [t for t in heading_places(text, section[s.index], toponyms)
                       if t.precision in FINE or t.precision == "admin2"] or [
                t for g in [*heading, *follows.get(s.index, [])]
                for t in own_fine_places(text, toponyms, g)]
        # (the sentence that brings the incident in first: its day is the one its event
        # words stand beside, "on 16 January 2016", not the heading's "January 2016")
        group = [*([] if own else before), s, *heading, *follows.get(s.index, [])]
        group = list({g.index: g for g in group}.values())
        later = _later_of_another_kind(text, s, {events[0].event_type})
        if not own and not headed and not later and any(
                events[0].event_type in FAMILIES.get(t, {t})
                for t in strong_types(s)) and not _dates_conflict(
                    _main_dates(events[0], pub, estimated),
                    [d for g in group for d in _own_dates(g, dates, text)]):
            # Only an earlier sentence places it, and it is the main incident's kind on
            # the same days: more likely the same event told again ("a missile tore
            # through it") than another.
            background.append((s, "told again: the main incident's kind, placed only by "
                                  "an earlier sentence"))
            continue
        dated = any(_own_dates(g, dates, text) for g in group)
        # "Around an hour later, a car bomb exploded in Hat Yai": the main incident's day
        same_day = own and not dated and events[0].date is not None \
            and _SAME_DAY.search(text, s.start, s.end) is not None
        # (a figure told only in the sentence after says how many, not that this is an
        # incident of its own: tried, it made as many false incidents as true ones)
        # (or people who died where they were held: "fellow detainees died in
        # overcrowded cells at the barracks", a death told without a figure)
        counted = bool(filed_in(s, counts, "counts")) or _custody_dead(s)
        dated = dated or same_day or headed  # (a heading says it is an incident)
        # ("Ukraine finishes exhuming bodies at Izium; torture room found in Balakliia":
        # a place of its own that the title names too, with an event of another kind
        # than the main one, is news of its own)
        # (a killing is of no kind here: "police free hostages in Croix-des-Bouquets"
        # beside "12 killed in gang attack on Bel Air")
        # (or of a kind alike, far from the main one: "drone strike near Ayorou, bomb on the
        # Mora-Kolofata road")
        titled = any(t.geonameid in title_ids or name_key(t.text) in title_ids for t in own) \
            and bool(strong_types(s)) and (not any(
                events[0].event_type in FAMILIES.get(t, {t}) - {KILLING} for t in strong_types(s))
                or events[0].site is not None and events[0].site.precision != "country"
                and all(far_apart(events[0].site, t) for t in own)
                and s.end - s.start > SUBHEAD_CHARS)  # (not "Bichena shelling" over its
        # paragraph: the paragraph tells that incident)
        # ("... exhumed 11 bodies from a grave in a pine forest about 3 km from the town":
        # the other kind the title tells, at the town the report is about)
        beside_main = not (own or located) and not headed and (dated or counted) \
            and events[0].site is not None and events[0].site.precision in FINE \
            and bool(strong_types(s) & title_types) and (later or not any(
                events[0].event_type in FAMILIES.get(t, {t}) for t in strong_types(s)))
        if not (own or located or beside_main) or not (dated or counted or titled):
            background.append((s, "mentioned in passing (no site, date or figure of its own)"))
            continue
        # (the title's other story is news, whatever general words it has: "three
        # detainees had died under torture in recent weeks in the central prison in Dhamar")
        cue = None if headed or any(place_key(t) in other_story for t in own) else next(
            (m for g in ([s] if own else [*before, s])
             if (m := generic_cue(text, max(g.start, g.dateline_end), g.end))), None)
        if cue:  # beside a main incident, context ("in this backdrop of alliances")
            background.append((s, f"mentioned in passing ({cue.group()})"))
            continue
        ev = _build(text, group, [], toponyms, dates, counts, pub, order, country, supported,
                    triggers_at, retro,
                    within=heading_places(text, section[s.index], toponyms) if headed else ())
        if paragraph and ev.weak_type:
            ev.event_type = events[0].event_type
        if beside_main and (ev.site is None or ev.site.precision not in FINE):
            # (a province's ministry that gave the toll says nothing of where)
            ev.site, ev.site_sentence = events[0].site, events[0].site_sentence
            ev.site_why = "the main incident's town: the title tells both kinds there"
        if same_day and ev.date is None:
            ev.date, ev.date_sentence = events[0].date, events[0].date_sentence
        # (the same place on other days is another incident: "in November last year,
        # gunmen stormed a school in the same region"; so is one the text brings in as
        # another: "It came as a suicide bomber blew herself up in Maiduguri")
        another = _brings_in_another(text, s, _placed_in(s), events[0].site) or later
        own_days = [d for g in group for d in _own_dates(g, dates, text)]
        taken = [e for e in events if e.site is not None and ev.site is not None
                 and not another and not headed and not far_apart(e.site, ev.site)
                 and not across_border(e.site, ev.site)
                 and place_key(ev.site) not in other_story
                 and ev.event_type in FAMILIES.get(e.event_type, {e.event_type})
                 and not _dates_conflict(_main_dates(e, pub, estimated), own_days)]
        if taken:
            taken[0].sentences.extend([s, *follows.get(s.index, [])])
            continue
        if not headed and _same_figure(events[0], ev) and ev.event_type in FAMILIES.get(
                events[0].event_type, {events[0].event_type}) \
                and not _dates_conflict(_main_dates(events[0], pub, estimated), own_days):
            # "We have excavated more than 230 skeletons," said a professor from a
            # university in the capital: the main incident's figure, told again.
            background.append((s, "told again: the main incident's kind and figure"))
            continue
        ev.review.append("reported beside the article's main incident")
        events.append(ev)
    # A sub-heading ("The hostages of Croix-des-Bouquets") that made an incident of its
    # own beside the paragraph under it, which tells a kindred incident at the same place:
    # one incident, the paragraph's.
    for ev in list(events[1:]):
        head = ev.sentences[0] if len(ev.sentences) == 1 else None
        if head is None or ev.site is None or not short_line(text, head.start, head.end):
            continue
        below = next((e for e in events if e is not ev and e.site is not None
                      and head.index < min(x.index for x in e.sentences) <= head.index + 2
                      and place_key(e.site) == place_key(ev.site)
                      and e.event_type in FAMILIES.get(ev.event_type, {ev.event_type})),
                     None)
        if below is not None:
            below.sentences.insert(0, head)
            events.remove(ev)
    kept = []
    for ev in events:
        # (with the sentence right beside it that says no civilian was harmed: "2
        # militants killed; no civilian casualties reported")
        # (or the dead beside it told as fighters: "... pounded the Tirah valley. 9
        # militants killed.")
        # (or the dead of the fighting beside it: "... launched an offensive backed by
        # bombardment. Seven soldiers and twelve fighters were killed in the fighting.")
        spared = [b for b, why in background
                  if (why.startswith((NO_CIVILIAN_HARMED, FIGHTING)) or why == FIGHTERS_DEAD)
                  and any(abs(b.index - e.index) <= 1 for e in ev.sentences)]
        own_indexes = {e.index for e in ev.sentences}
        beside = [by_index[k] for k in sorted({e.index + d for e in ev.sentences for d in (-1, 1)}
                                                 - own_indexes) if k in by_index]
        if ev.event_type in ("airstrike", "shelling") \
                and (why := fighters_only(text, [*ev.sentences, *spared], counts)
                     or harmed_no_one(text, ev.sentences, beside, counts)) \
                or ev.event_type == KILLING \
                and (why := harmed_no_one(text, ev.sentences, beside, counts)):
            # (gunfire too: "gunmen fired on a police post in Ekazhevo. No fatalities
            # reported.")
            background.append((ev.sentences[0], why))
            continue
        if ev.site is not None and ev.site_why == DATELINE_ONLY:
            # "MOSCOW (AFP) - A drone strike on a car in Serzhen-Yurt": Moscow is no
            # site; another report of the run may place the village; alone, no point.
            ev.lone = True
            ev.review.append(f"{DATELINE_ONLY}: on the map only with a report that places it")
            background.append((ev.sentences[0], f"on the map only with a report that places "
                               f"it: {DATELINE_ONLY}"))
            kept.append(ev)
        elif ev.site is not None and ev.site.precision == "country" \
                and ev.site.geonameid is None and ev.site.anchor is not None:
            # "in Hroza in eastern Ukraine": a village the gazetteer lacks, placed only
            # by its country.  Another report of the run may place it; alone, no point.
            ev.lone = True
            ev.review.append(f"placed only by its country ({ev.site.text} in "
                             f"{ev.site.anchor.name}): on the map only with a report "
                             "that places it")
            background.append((ev.sentences[0], "on the map only with a report that places "
                               f"it: {ev.site.text}, only a country ({ev.site.anchor.name})"))
            kept.append(ev)
        elif ev.site is None or ev.site.precision == "country":
            where = "no place named" if ev.site is None else f"only a country ({ev.site.name})"
            background.append((ev.sentences[0], f"not an incident on the map: {where}"))
        else:
            kept.append(ev)
    return DocumentEvents(kept, sorted(background, key=lambda b: b[0].index))


ELSEWHERE_AFTER = 40  # "rockets hit Haifa": a place this soon after a trigger is its target
ELSEWHERE_BEFORE = 25  # "in Haifa, rockets ...": or this soon before it
_FIRED_FROM = re.compile(r"\b(?:from|by)\s+(?:the\s+)?$", re.I)  # where it came from
_CLAUSE_BREAK = re.compile(r"[,;.:()]")


def _told_of_elsewhere(text: str, sentences: Sequence[Sentence], site: Toponym
                       ) -> frozenset[int]:
    """The strong triggers whose own place, right beside them, lies far from the site or
    across a border."""
    out = set()
    for s in sentences:
        for ms in s.types.values():
            for m in ms:
                if m.weak:
                    continue
                for t in s.places or ():
                    if t.lat is None or t.kind != "place" or t.start == site.start \
                            or joins_a_road(text, t.start, t.end) or t.end <= s.dateline_end:
                        continue  # ("a bomb hit a bus on the Kabul-Kandahar highway"; the
                        # dateline's town, "KYIV - A car bomb killed ...", is where it was filed)
                    gap = text[m.end:t.start] if t.start >= m.end else text[t.end:m.start]
                    reach = ELSEWHERE_AFTER if t.start >= m.end else ELSEWHERE_BEFORE
                    if t.start >= m.end and _FIRED_FROM.search(gap):
                        continue  # ("a mortar shell fired from Myanmar": where it came from)
                    if len(gap) <= reach and not _CLAUSE_BREAK.search(gap) and (
                            far_apart(t, site) or across_border(t, site)):
                        out.add(m.start)
                        break
    return frozenset(out)


def _placed_in(s: Sentence) -> list[Toponym]:
    """The places with a point a sentence names (a province too: "In a separate
    incident, a roadside bomb struck a police vehicle in Farah province")."""
    return [t for t in s.places or () if t.lat is not None and t.kind == "place"]


def _brings_in_another(text: str, s: Sentence, own: Sequence[Toponym],
                       site: Toponym | None) -> bool:
    """Does the sentence bring in another event ("It came as a suicide bomber blew
    herself up at a market in Maiduguri", "Separately, ...") at a place of its own other
    than the site ("Meanwhile, a hospital in Omdurman said" tells of the same shelling)?
    The first place it names says where ("Two weeks earlier, a truck bomb in Pul-e-Alam,
    the capital of Logar province south of Kabul": Kabul is only a reference there)."""
    if not own or (_ANOTHER.match(text, s.start, s.end) is None
                   and _ANOTHER_HEADING.search(text, max(0, s.start - 60), s.start) is None):
        return False
    t = min(own, key=_start)
    # ("Separately, troops killed seven villagers in a village about 20 km west of Ye-U"
    # beside a strike in Ye-U: measured from the site's town is somewhere else)
    return site is None or (t.relation == "offset") != (site.relation == "offset") or not (
        t.geonameid == site.geonameid if site.geonameid else t.text == site.text)


def _start(t: Toponym) -> int:
    return t.start


def _first_place(s: Sentence) -> Toponym | None:
    """The first place with a point a sentence names: where its event is."""
    return min(_placed_in(s), key=_start, default=None)


def _same_figure(a: Event, b: Event) -> bool:
    """Do two incidents give one figure (within a tenth; a figure of at least ten, so
    small tolls, which many incidents share, never decide)?"""
    x = a.count.best or a.count.low if a.count is not None else None
    y = b.count.best or b.count.low if b.count is not None else None
    return bool(x and y and min(x, y) >= 10 and abs(x - y) <= 0.1 * max(x, y))


# "the killing of 10 Rohingya whose bodies were found in a mass grave": the grave is where
# the killing's victims lie, told in a clause about them
_VICTIMS_LIE = re.compile(
    r"\b(?:whose\s+bodies|who\s+were\s+(?:later\s+)?(?:buried|found)|(?:and|were)\s+"
    r"(?:later\s+)?buried|bodies\s+(?:were|was)\s+(?:later\s+)?(?:found|dumped|thrown))\b",
    re.I)
VICTIMS_CLAUSE = 120  # characters from the killing's word to its victims' grave


def _victims_grave(text: str, sentences: Sequence[Sentence]) -> frozenset[int]:
    """The strong grave triggers that a clause about a killing's victims brings in, after
    the killing's strong word in the same sentence: not a grave's story of its own."""
    out = set()
    for s in sentences:
        kills = [k for k in s.types.get(KILLING, ()) if not k.weak]
        for m in s.types.get("mass_grave", ()):
            if not m.weak and any(
                    k.end <= m.start and m.start - k.end <= VICTIMS_CLAUSE
                    and _VICTIMS_LIE.search(text, k.end, m.start) for k in kills):
                out.add(m.start)
    return frozenset(out)


# "... recovered the remains of 17 people from graves in a cemetery, believed to be
# victims of 'false positive' killings": who lies in the grave, not another event
_VICTIMS_OF = re.compile(r"\bvictims?\s+of\b[^.;]{0,60}$", re.I)


def _graves_victims(text: str, sentences: Sequence[Sentence]) -> frozenset[int]:
    """The strong killing triggers that say, after a grave's word in the same sentence
    (a weak one too: "the remains of 17 people from graves"), whose victims its dead
    were ("victims of the 1992 massacre"): the grave is the sentence's news (the
    converse of `_victims_grave`)."""
    out = set()
    for s in sentences:
        graves = s.types.get("mass_grave", ())
        for k in s.types.get(KILLING, ()):
            if not k.weak and any(m.end <= k.start for m in graves) \
                    and _VICTIMS_OF.search(text, max(s.start, k.start - 80), k.start):
                out.add(k.start)
    return frozenset(out)


def _build(text, sentences, context, toponyms, dates, counts, pub, order, country, supported,
           triggers_at, retro: bool = False, undated: bool = False,
           within: Sequence[Toponym] = ()) -> Event:
    lie = _victims_grave(text, sentences) | _graves_victims(text, sentences)
    event_type, weak = vote_type(sentences, order, lie)
    site, site_sentence, why = choose_site(text, toponyms, sentences, context, country,
                                           supported, within)
    if site is not None and (skip := _told_of_elsewhere(text, sentences, site)):
        # "Israeli raids kill civilians in south Lebanon as rockets hit Haifa": the
        # rockets are another incident's; the type is what happened at the site.
        event_type, weak = vote_type(sentences, order, skip | lie)
    d, ds = choose_date(text, event_type, sentences, dates, pub, triggers_at, retro)
    if d is None and site_sentence is not None and site_sentence not in sentences \
            and site_sentence.role in OPENING:
        # "On the evening of 1 July, men on motorbikes surrounded a wedding in X. They
        # opened fire.": the opening sentence that says where says when too
        d, ds = choose_date(text, event_type, [site_sentence], dates, pub, {}, retro)
    if retro and (d is None or _fresh(d, pub)):
        # "Two years on, no justice for victims of the sit-in massacre ... On June 3, 2019,
        # security forces descended on the sit-in": a look back tells the day it looks
        # back to in its opening, in a sentence that may hold no trigger word
        opening = [c for c in context if c.role in OPENING and c not in sentences]
        od, ods = choose_date(text, event_type, opening, dates, pub, {}, retro)
        if od is not None and not _fresh(od, pub):
            d, ds = od, ods
        elif undated and d is None:
            # (in a report with no publication date, whose range the text's own latest
            # date opens, the day the opening looks back to is no older than that:
            # "Twelve months ago, on October 24, 2020, men ... opened fire", told with no
            # other date; a date read against the guessed publication is no such day)
            first = next(((x, c) for c in opening for x in _dated_in(text, c, dates)
                          if x.kind == "event" and not x.relative), None)
            if first is not None:
                d, ds = first
    if d is None and not retro:
        # "At about half past five on the evening of Thursday, 21 October 1999, Zulai
        # began packing ... 18:05. The first missile came down": a feature's opening sets
        # the day its undated story tells
        d, ds = next(((x, c) for c in context if c.role in OPENING and c not in sentences
                      for x in _dated_in(text, c, dates)
                      if x.kind == "event" and not x.relative and x.precision == "day"
                      and not starts_a_period(text, x)), (None, None))
    if d is not None and d.precision not in ("day", "days"):
        # "Eight years after security forces killed eight people in Edesmetta ... the
        # villagers, who had gathered on the night of May 17, 2013": the one day inside
        # the chosen year that the opening gives says when (a "report" date years before
        # publication reports no news of today)
        kinds = DATE_KINDS.get(event_type, ("event",))
        inside = {(x.date_start, x.date_end): (x, c) for c in context if c not in sentences
                  for x in _dated_in(text, c, dates)
                  if x.precision in ("day", "days")
                  and (x.kind in kinds or x.kind == "report" and not _fresh(x, pub))
                  and d.date_start <= x.date_start and x.date_end <= d.date_end}
        if len(inside) > 1:  # (of several, the one day the opening gives)
            inside = {k: (x, c) for k, (x, c) in inside.items() if c.role in OPENING}
        if len(inside) == 1:
            x, ds = next(iter(inside.values()))
            d = x if x.kind == d.kind else x.model_copy(update={"kind": d.kind})
    c, cs = choose_count(event_type, sentences, counts, text)
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
        # where the report was filed, not where the text puts the event: a site that
        # another report of the incident places by its own words is better
        ev.site = site.model_copy(update={
            "uncertainty_km": max(site.uncertainty_km or 0.0, DATELINE_KM)})
    return ev
