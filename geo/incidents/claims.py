"""From one article to its claims: the incidents it reports, each with its site, dates,
counts and the sentences they come from.

A claim is one incident as one article reports it (`geo.incidents.events` decides which
sentences report which incident; grouping later joins the claims of several articles
into one incident).  This module is the boundary: the `Claim` and `Source` models that
cross to the run store, the cache and the exports, the text extraction reads (the title
above the body), boilerplate lines (a copyright line, `READ MORE:`) that never give
incidents, dates or places, the rare words two reports of one incident share, and
`extract`, which runs dates, counts and triggers over a document and builds its claims.
"""

from __future__ import annotations

import hashlib
import math
import re
from datetime import date, timedelta
from functools import lru_cache

import snowballstemmer
from pydantic import BaseModel

from geo.fastre import with_first
from geo.models import Anchor, Toponym

COARSE = frozenset({"admin1", "country"})
_BOILERPLATE = re.compile(
    r"^\s*(?:©|\(c\)|copyright\b|read more\b|related\b|more:|follow us\b|subscribe\b|"
    r"sign up\b|share this\b|click here\b|all rights reserved)", re.I | re.M)
_COPYRIGHT_OUTLET = re.compile(
    r"(?:©|copyright)\s*(?:copyright\s*)?(?:\d{4}\s*)?([A-Z][\w&.' -]{1,60}?)"
    r"\s*(?:\d{4}|\.|,|$)", re.I)


class Quote(BaseModel):
    """A sentence of the article and the fields of the incident it gave."""

    roles: list[str]  # event, site, date, count
    text: str
    place: tuple[int, int] | None = None  # the site's span inside `text`


class Source(BaseModel):
    """One article behind a claim, as the map's popup lists it."""

    id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    published_estimated: bool = False
    quote: str
    quote_place: tuple[int, int] | None = None  # the site's span inside `quote`
    count_phrase: str | None = None
    sha256: str
    quotes: list[Quote] = []


class Claim(BaseModel):
    claim_id: str
    doc_id: str
    event_type: str
    site_name: str | None = None
    geonameid: str | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    loc_precision: str | None = None
    uncertainty_km: float | None = None
    relation: str | None = None
    anchor: Anchor | None = None
    site_reason: str = ""
    site_phrase: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str = "unknown"
    date_kind: str = "report"
    date_phrase: str | None = None
    date_guessed: bool = False  # relative to a publication date estimated from the text
    killing_date_start: date | None = None
    killing_date_end: date | None = None
    count_low: int | None = None
    count_best: int | None = None
    count_high: int | None = None
    count_category: str | None = None
    count_phrase: str | None = None
    source: Source
    review: str | None = None  # why the extraction is unsure of this claim
    type_weak: bool = False  # the type came from weak words only ("killed", "blast")
    keywords: list[str] = []  # rare words of its sentences: do two reports' texts agree?
    names: list[str] = []  # places the article names that the gazetteer lacks (folded)
    lone: bool = False  # placed only by its country: never an incident by itself
    published_sort: str = ""  # for stable incident ids: earliest publication first

    @property
    def coarse(self) -> bool:
        return self.loc_precision in COARSE or self.lat is None


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _BOILERPLATE.finditer(text):
        end = text.find("\n", m.start())
        spans.append((m.start(), len(text) if end < 0 else end))
    return spans


def outlet_from_boilerplate(text: str) -> str | None:
    """`© Copyright IBTimes 2024. All rights reserved.` -> `IBTimes`."""
    for start, end in boilerplate_spans(text):
        m = _COPYRIGHT_OUTLET.search(text[start:end])
        if m:
            name = m.group(1).strip(" .,")
            if name and name.lower() not in ("all rights reserved", "copyright"):
                return name
    return None


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def claim_id(sha256: str, sentence_start: int, event_type: str) -> str:
    return hashlib.sha1(f"{sha256}:{sentence_start}:{event_type}".encode()).hexdigest()[:12]


def analysis_text(doc) -> tuple[str, int]:
    """The text extraction reads: the title on its own line above the body when the body
    does not already start with it (JSON records keep them apart), and where it ends
    (-1: no title)."""
    text = doc.text
    title = (doc.title or "").strip()
    if not title:
        return text, -1
    if text.lstrip().startswith(title):
        return text, text.find(title) + len(title)
    return f"{title}\n\n{text}", len(title)


def extract_claims(doc, toponyms: list[Toponym], taxonomy, *,
                   published: tuple[date, date, str] | None, estimated: bool,
                   text: str | None = None, title_end: int | None = None) -> list[Claim]:
    """The incidents one document reports, as claims (`doc`: a `geo.read.Document`;
    `text` and `title_end` as `analysis_text` gives them, the toponyms' offsets into it)."""
    return extract(doc, toponyms, taxonomy, published=published, estimated=estimated,
                   text=text, title_end=title_end).claims


_NUMBERISH = with_first(re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
    r"|sixty|seventy|eighty|ninety|hundreds?|thousands?|dozens?|scores?|several|many|a few"
    r"|couple|numerous|countless|single|lone|sole|both)\b", re.I))


def _only(text: str, sentences) -> str:
    """`text` with everything but these sentences turned to spaces (same offsets)."""
    keep = sorted((s.start, s.end) for s in sentences)
    out, pos = [], 0
    for a, b in keep:
        if a > pos:
            out.append(" " * (a - pos))
        a = max(a, pos)
        if b > a:
            out.append(text[a:b])
        pos = max(pos, b)
    out.append(" " * (len(text) - pos))
    return "".join(out)


class Extraction(BaseModel):
    """A document's claims, and the event sentences it set aside as background."""

    claims: list[Claim]
    background: list[dict]


def extract(doc, toponyms: list[Toponym], taxonomy, *,
            published: tuple[date, date, str] | None, estimated: bool,
            text: str | None = None, title_end: int | None = None) -> Extraction:
    from geo.incidents.counts import find_counts, find_field_counts, find_single_victims
    from geo.incidents.dates import find_dates
    from geo.incidents.events import find_events
    from geo.incidents.sentences import ANAPHOR, OPENING, mark_types, split_sentences
    from geo.incidents.taxonomy import find_types

    if text is None:
        text, title_end = analysis_text(doc)
    title_end = -1 if title_end is None else title_end
    boiler = boilerplate_spans(text)
    pub_range = (published[0], published[1]) if published else None
    matches = find_types(text, taxonomy, weak=True)
    sentences = [s for s in split_sentences(text, title_end) if not _inside(s.start, boiler)]
    mark_types(sentences, matches, text,
               {t.id: t.weak_together for t in taxonomy.types if t.weak_together})
    # Dates are read only where an incident may be (sentences with event words or that
    # refer to the event, and the opening); the rest is blanked, offsets kept.
    strong = {k for k, s in enumerate(sentences)
              if any(not m.weak for ms in s.types.values() for m in ms)}
    near_strong = {k - d for k in strong for d in (1, 2)}  # they may place or date it
    # ("In the early hours of 17 January 2001, some 50 men entered Chengue. They ...
    # killed 27 of them": the sentence before any event word may date it)
    near_strong |= {k - 1 for k, s in enumerate(sentences) if s.types}
    # ("2. ANTIPERSONNEL MINE – BRICEÑO\nDate: 10 August 2023": a monitor's form dates
    # its item on the line after the heading's event word)
    near_strong |= {k + 1 for k in strong}
    dates = [d for d in find_dates(_only(text, [s for k, s in enumerate(sentences)
                                                if s.types or s.role in OPENING
                                                or k in near_strong
                                                or ANAPHOR.search(text, s.start, s.end)]),
                                   pub_range) if not _inside(d.start, boiler)]
    # Counts are read only in sentences holding a trigger and a number: counting a whole
    # article costs more than everything else extraction does.
    spans = [(s.start, s.end) for s in sentences
             if (s.types or s.role in OPENING) and _NUMBERISH.search(text, s.start, s.end)]
    counts = [c for c in find_counts(text, spans) if not _inside(c.start, boiler)]
    # A single death stated without a number counts one, and a form's field ("Victims:
    # 4") its figure, where no figure read already covers them.
    for more in (find_single_victims(text, [(s.start, s.end) for s in sentences if s.types]),
                 find_field_counts(text, spans)):
        counts += [c for c in more if not _inside(c.start, boiler)
                   and not any(o.start < c.end and c.start < o.end for o in counts)]
    counts.sort(key=lambda c: c.start)
    found = find_events(text, sentences, toponyms, dates, counts, pub_range,
                        [t.id for t in taxonomy.types], estimated=estimated)
    outlet = doc.outlet or outlet_from_boilerplate(text)
    # Country, region and people names: any two reports from one country share them.
    areas = " ".join(t.text for t in toponyms
                     if t.kind == "demonym" or t.precision in ("country", "admin1")
                     and t.geonameid is not None)
    unknown = _unknown_names(toponyms)
    claims = [_claim(doc, text, ev, published, estimated, outlet, taxonomy, areas, unknown)
              for ev in found.events]
    background = [{"quote": text[s.start:s.end].strip()[:300], "why": why}
                  for s, why in found.background]
    return Extraction(claims=claims, background=background)


KEYWORDS = 24  # rare words kept per claim
_WORDS = re.compile(r"[^\W\d_]{4,}")


def keywords(text: str, site: str = "", taxonomy=None) -> list[str]:
    """The rarest words of an incident's sentences (wordfreq's Zipf frequency below 4.5,
    lower-cased and folded to ASCII, rarest first), the site's own name left out: what
    two reports of one incident share ("amstor", "courtyard", "cassava") beyond its type
    and place."""
    from geo.gazetteer.normalize import norm as fold
    from geo.places.recognize import _zipf

    skip = {_stem(w) for w in _WORDS.findall(fold(_unhyphen(site)))}
    if taxonomy is not None:  # the types' own words tell no two events of a type apart
        skip |= _type_words(taxonomy)
    seen = {fold(w) for w in _WORDS.findall(_unhyphen(text).lower())}
    scored = sorted((_zipf(w), w) for w in seen if w)
    rare = dict.fromkeys(_stem(w) for z, w in scored if z < 4.5)  # rarest first
    return [w for w in rare if w not in skip][:KEYWORDS]


_HYPHEN = re.compile(r"(?<=[^\W\d_])[-‐](?=[^\W\d_])")


TOLL_STEP = 1.25  # tolls within about a fifth of each other share a word
TOLL_FLOOR = 10  # smaller tolls are common to many incidents


TOLL_MARK = "#toll"  # what toll words start with: grouping counts them as one word


def toll_words(count: int | None) -> list[str]:
    """A toll of ten or more as the words two reports of one incident share ("more than
    20" and "20 killed", "22 killed" and "25 dead"): its bucket on a logarithmic scale (a
    fifth wide), and its bucket on the same scale shifted by half a step, so that two
    tolls within a tenth of each other share one whichever side of a bucket's edge they
    fall.  Grouping counts them as one word (`geo.incidents.grouping.texts_agree`), so a
    toll alone never makes two texts agree."""
    if not count or count < TOLL_FLOOR:
        return []
    step = math.log(count) / math.log(TOLL_STEP)
    return [f"{TOLL_MARK}{math.floor(step)}", f"{TOLL_MARK}h{math.floor(step + 0.5)}"]


def _unhyphen(text: str) -> str:
    """"co-operative" and "cooperative" are one word to compare."""
    return _HYPHEN.sub("", text)


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    """"tamils" and "tamil", "retrieved" and "retrieve": one word to compare (the Snowball
    English stemmer: reports tell one event in different forms of the same words)."""
    return _STEMMER.stemWord(word) if len(word) > 3 else word


_STEMMER = snowballstemmer.stemmer("english")


_TYPE_WORDS: dict[str, frozenset[str]] = {}


def _type_words(taxonomy) -> frozenset[str]:
    """Every word of the taxonomy's triggers and weak words, as `_stem` leaves them (kept
    per taxonomy, by the file's hash)."""
    found = _TYPE_WORDS.get(taxonomy.sha256)
    if found is None:
        words: set[str] = set()
        for t in taxonomy.types:
            for phrase in (*t.triggers, *t.weak):
                words |= {w.rstrip("*") for w in _WORDS.findall(phrase)}
        # and their common endings: "killings" for "killing", "massacres" for "massacre"
        found = _TYPE_WORDS[taxonomy.sha256] = frozenset(
            _stem(w) for w in words | {w + "s" for w in words} | {w + "es" for w in words})
    return found


def _told(ev) -> list:
    """The sentences that tell the incident: its own, and those its site, date and
    figure come from ("the mourners had gathered at a cafe in the village of ...")."""
    told = list(ev.sentences)
    for s in (ev.site_sentence, ev.date_sentence, ev.count_sentence):
        if s is not None and all(s is not t for t in told):
            told.append(s)
    return told


def _unknown_names(toponyms) -> list[str]:
    """The article's place names the gazetteer lacks, folded ("Hroza", "Togoga"): a
    village's name where reports' points (the anchors they measure from) differ."""
    from geo.gazetteer.normalize import norm as fold
    from geo.places.recognize import NAMED_BY_TEXT
    from geo.places.resolve import ONLY_ABROAD

    return sorted({fold(t.text) for t in toponyms
                   if t.kind == "place" and t.geonameid is None and len(t.text) > 3
                   # the text calls it a place or places it (not "al-Qaeda" after "by")
                   and (t.lat is not None or NAMED_BY_TEXT in (t.reason or "")
                        or ONLY_ABROAD in (t.reason or ""))})


def _claim(doc, text: str, ev, published, estimated, outlet, taxonomy=None,
           areas: str = "", names: list[str] | None = None) -> Claim:
    first = ev.sentences[0]
    fields: dict = {}
    quotes: list[Quote] = []

    def quote(role: str, sent, span: tuple[int, int] | None = None) -> None:
        q = text[sent.start:sent.end]
        lead = len(q) - len(q.lstrip())
        q = q.strip()
        place = None if span is None else (span[0] - sent.start - lead, span[1] - sent.start - lead)
        for old in quotes:
            if old.text == q:
                old.roles.append(role)
                if place and old.place is None:
                    old.place = place
                return
        quotes.append(Quote(roles=[role], text=q, place=place))

    quote("event", first)
    if ev.date is not None:
        d = ev.date
        fields.update(date_start=d.date_start, date_end=d.date_end,
                      date_precision=d.precision, date_kind=d.kind, date_phrase=d.text,
                      # "on Friday" read against a publication date guessed from the text
                      date_guessed=bool(estimated and d.relative))
        quote("date", ev.date_sentence)
    elif published and not estimated and published[2] == "day":
        # No date in the text: the event was reported on publication, most likely in the
        # days before it (UCDP's date_prec 2-3): a week up to the publication day.
        fields.update(date_start=published[1] - timedelta(days=7), date_end=published[1],
                      date_precision="week", date_kind="report")
    elif published:
        fields.update(date_start=published[0], date_end=published[1],
                      date_precision=published[2], date_kind="report")
    review = list(ev.review)
    if ev.date is None and not published:
        from geo.incidents.dates import yearless_date

        said = next((p for s in _told(ev) if (p := yearless_date(text, s.start, s.end))), None)
        if said:  # "On April 13", in a report that gives no year and no publication date
            fields["date_phrase"] = said
            review.append(f"dated '{said}' without a year, in a report that gives neither "
                          "a year nor its publication date: no date on the map")
        else:
            review.append("no date: the report names none and gives no publication date")
    if estimated and published and (ev.date is None or ev.date.relative):
        # An undated report: its own dates only bound it from below, so the honest range
        # runs from the latest one to the day it was read.
        fields["date_precision"] = "unknown"
        review.append(f"undated report: the event is after {published[0].isoformat()}, "
                      "the latest date it names")
    if ev.killing_date is not None:
        fields.update(killing_date_start=ev.killing_date.date_start,
                      killing_date_end=ev.killing_date.date_end)
    if ev.count is not None:
        c = ev.count
        fields.update(count_low=c.low, count_best=c.best, count_high=c.high,
                      count_category=c.category, count_phrase=c.phrase)
        quote("count", ev.count_sentence)
    site = ev.site
    if site is not None:
        fields.update(
            site_name=site.name or site.text, geonameid=site.geonameid, lat=site.lat,
            lon=site.lon, country_code=site.country_code, admin1=site.admin1,
            loc_precision=site.precision, uncertainty_km=site.uncertainty_km,
            relation=site.relation, anchor=site.anchor, site_reason=ev.site_why,
            site_phrase=site.phrase.text if site.phrase else site.text,
        )
        quote("site", ev.site_sentence, (site.start, site.end))
    main = quotes[0]
    source = Source(
        id=doc.id, title=doc.title, outlet=outlet, url=doc.url,
        published=doc.published or (published[0].isoformat()[:7] if published else None),
        published_estimated=estimated, quote=main.text, quote_place=main.place,
        count_phrase=fields.get("count_phrase"), sha256=doc.sha256, quotes=quotes,
    )
    return Claim(
        claim_id=claim_id(doc.sha256, first.start, ev.event_type), doc_id=doc.id,
        event_type=ev.event_type, source=source,
        review="; ".join(review) or None, type_weak=ev.weak_type,
        # A site the gazetteer lacks keeps its name among the rare words: a village
        # named by two reports is what they share, where their points (the anchors the
        # texts measure from) may differ.
        keywords=keywords(" ".join(text[s.start:s.end] for s in _told(ev)),
                          areas if site is not None and site.geonameid is None else
                          " ".join(filter(None, (fields.get("site_name"),
                                                 site.text if site else None, areas))),
                          taxonomy) + toll_words(fields.get("count_best")),
        names=names or [], lone=ev.lone,
        published_sort=(published[0].isoformat() if published else "9999"), **fields,
    )
