"""The geoparser: an article in, every place it mentions out, resolved.

    >>> from geo.gazetteer import Gazetteer
    >>> from geo.places.parse import parse_text
    >>> with Gazetteer() as gaz:
    ...     [t.name for t in parse_text("Mass graves were found near Izium.", gaz)]
    ['Izyum']

Recognition is `geo.places.recognize`, resolution `geo.places.resolve`.  With gold spans (for
measuring resolution alone) recognition is skipped and exactly the given spans are
resolved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from geo.gazetteer.lookup import Gazetteer
from geo.gazetteer.normalize import key
from geo.models import ParsedDocument, Toponym
from geo.places.demonyms import demonym_country
from geo.places.mentions import Mention
from geo.places.recognize import DIVISION_WORDS_LOWER, find_mentions, hint_word
from geo.places.resolve import resolve


def parse_text(text: str, gaz: Gazetteer) -> list[Toponym]:
    """Recognise and resolve every place mention in `text`."""
    return resolve(text, find_mentions(text, gaz), gaz)


def mentions_from_spans(text: str, spans: Iterable[dict[str, Any]], gaz: Gazetteer
                        ) -> list[Mention]:
    """Mentions for given (gold) spans: no recognition, only lookup."""
    spans = sorted(({"start": int(s["start"]), "end": int(s["end"])} for s in spans),
                   key=lambda s: (s["start"], s["end"]))
    spans = [s for s in spans if 0 <= s["start"] < s["end"] <= len(text)]
    surfaces = [text[s["start"]:s["end"]] for s in spans]
    hits = gaz.lookup_keys({key(x) for x in surfaces})
    out = []
    for s, surface in zip(spans, surfaces, strict=True):
        cc = demonym_country(surface)
        h = hits.get(key(surface), [])
        kind = "demonym" if cc and not h else "place"
        if cc and h and not any(p.is_country for p, *_ in h):
            kind = "demonym"
        m = Mention(s["start"], s["end"], surface, kind, hits=h, country_code=cc)
        nxt = text[s["end"]:s["end"] + 20].lower().split()
        m.division_hint = bool(nxt) and hint_word(nxt[0], DIVISION_WORDS_LOWER)
        out.append(m)
    return out


def parse_document(doc_id: str, text: str, gaz: Gazetteer, *, title: str | None = None,
                   gold_spans: Sequence[dict[str, Any]] | None = None,
                   include_text: bool = False) -> ParsedDocument:
    """Parse one document; with `gold_spans`, resolve exactly those spans."""
    if gold_spans is not None:
        toponyms = resolve(text, mentions_from_spans(text, gold_spans, gaz), gaz)
    else:
        toponyms = parse_text(text, gaz)
    return ParsedDocument(id=doc_id, title=title, text=text if include_text else None,
                          toponyms=toponyms)
