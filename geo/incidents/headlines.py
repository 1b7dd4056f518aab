"""A title that tells two stories, cut down to the one the report opens with.

Roundups and live pages put two incidents in one title: `Russians shell Nikopol again:
three killed; drone hits minibus in Marhanets`, `Toll of Saraqib market massacre rises
to 14 | Regime rockets kill two women in Kafranbel`.  Read whole, such a title hands the
main incident both towns and both kinds, and the sentences that later tell the second
story look like the first one told again.  An analyst reads the title's clauses apart:
the lead goes on with one of them (the main incident), and the other is news the body
tells in its own sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.distance import ONE_PLACE_KM, haversine_km
from geo.incidents.sentences import Sentence, strong_types
from geo.incidents.sites import own_fine_places, place_key
from geo.models import Toponym

# Where a title's stories may meet: a semicolon, a bar, or a comma ("Three killed in
# attack on Petropavlivka, drone kills two near Tabaivka"); a clause tells a story only
# with an event word and a town of its own (`keep_lead_story`).
_BREAK = re.compile(r"\s*;\s+|\s+[|•]\s+|,\s+(?:and\s+(?=the\s|[A-Z]))?")
MIN_WORDS = 3  # a clause this short ("Update; ...") tells no story of its own


def clauses(text: str, s: Sentence) -> list[tuple[int, int]]:
    """The spans of the stories a title sentence tells (one span when it tells one)."""
    out, start = [], s.start
    for m in _BREAK.finditer(text, s.start, s.end):
        if len(text[start:m.start()].split()) >= MIN_WORDS \
                and len(text[m.end():s.end].split()) >= MIN_WORDS:
            out.append((start, m.start()))
            start = m.end()
    out.append((start, s.end))
    return out


def _apart(a: Toponym, b: Toponym) -> bool:
    """Two places, not one by two names: the clauses that name them tell two stories,
    however near the towns lie (a drone strike in the next town is news of its own)."""
    if place_key(a) == place_key(b):
        return False
    if a.lat is None or b.lat is None:
        return True
    return haversine_km(a.lat, a.lon, b.lat, b.lon) > ONE_PLACE_KM


def keep_lead_story(text: str, sentences: Sequence[Sentence],
                    toponyms: Sequence[Toponym]) -> frozenset[str]:
    """Cut the title down to the story its lead goes on with, when its clauses tell
    stories at different places; return the other stories' places (by gazetteer id, or
    name where the gazetteer lacks them), which no longer speak for the main incident."""
    title = next((s for s in sentences if s.role == "title"), None)
    lead = [s for s in sentences if s.role in ("standfirst", "lead")][:2]
    if title is None or not lead or title.places is None:
        return frozenset()
    spans = clauses(text, title)
    if len(spans) < 2:
        return frozenset()
    places = [[t for t in title.places if a <= t.start < b and t.precision != "country"]
              for a, b in spans]
    # (or a name the gazetteer lacks, which the text places: "mine blast in Nowshera"
    # beside "the Nowshera sector of Rajouri district")
    fine = [{place_key(t) for t in [*own_fine_places(text, toponyms, title),
                                    *(u for u in title.places
                                      if u.geonameid is None and u.anchor is not None)]
             if a <= t.start < b} for a, b in spans]
    named = {place_key(t) for s in lead for t in (s.places or ()) if t.precision != "country"}
    main = next((k for k, ps in enumerate(places) if any(place_key(t) in named for t in ps)), None)
    told = [any(a <= m.start < b for ms in title.types.values() for m in ms) for a, b in spans]
    if main is None:
        main = _told_by_kind(title, spans, fine, lead)
    if main is None:
        return frozenset()
    others = [t for k, ps in enumerate(places) if k != main and told[k] for t in ps
              if place_key(t) in fine[k]]
    if not others or not all(_apart(o, t) for o in others for t in places[main]):
        return frozenset()  # (the same town told twice: one story)
    a, b = spans[main]
    title.places = [t for t in title.places if a <= t.start < b]
    title.types = {t: kept for t, ms in title.types.items()
                   if (kept := [m for m in ms if a <= m.start < b])}
    if title.counts is not None:
        title.counts = [c for c in title.counts if a <= c.start < b]
    if title.dates is not None:
        title.dates = [d for d in title.dates if a <= d.start < b]
    return frozenset(place_key(t) for t in others)


def _strong_in(s: Sentence, a: int, b: int) -> set[str]:
    """The kinds of `s`'s strong event words within [a, b) (one clause of a title)."""
    return {t for t, ms in s.types.items() if any(not m.weak and a <= m.start < b for m in ms)}


def _told_by_kind(title: Sentence, spans: list[tuple[int, int]], fine: list[set[str]],
                  lead: Sequence[Sentence]) -> int | None:
    """The clause the lead goes on with when it names no town of the title: the one
    placed nowhere whose kind of event the lead tells ("White Helmets: seven killed in
    market shelling; remains of 11 people recovered from mass grave in Binnish" above
    "an artillery attack ... on a crowded popular market"), while the placed clauses
    tell of other kinds."""
    told = set().union(*(strong_types(s) for s in lead))
    kinds = [_strong_in(title, a, b) for a, b in spans]
    unplaced = [k for k in range(len(spans)) if not fine[k] and kinds[k] & told]
    placed = [k for k in range(len(spans)) if fine[k]]
    if len(unplaced) != 1 or not placed or any(kinds[k] & told for k in placed):
        return None
    return unplaced[0]

