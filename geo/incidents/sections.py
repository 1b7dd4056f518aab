"""Paragraphs headed by a place, as roundups and monitoring reports tell their incidents.

Weekly roundups, monthly monitors and rights reports give each incident a paragraph of
its own under a short heading: `Jalalabad, 24 January: Islamic State attackers ...`,
`Fata Borno, North Darfur (13 July)` on a line of its own, `2. Idlib city schools, 25
February 2020`, `HODEIDAH: Israeli warplanes ...`.  The heading says where a new incident
begins, which the sentences alone often do not (the same city on another day, a year
the text never writes, a village a few kilometres from the last one).  A heading is
short, made of capitalised words, names a place or a date, and ends with a colon, a full
stop, a dash or the line; a text is read as sectioned only when at least two of its
paragraphs open with one (a single `Kabul:` is a dateline or a quote's speaker).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from geo.incidents.dates import MONTH, WEEKDAY
from geo.incidents.sentences import LIST_NUMBER, OPENING, Sentence
from geo.models import Toponym

_DAYS = r"\d{1,2}(?:\s*[–-]\s*\d{1,2})?"
# (a year alone heads a look-back's case: "Khankala, 2000.")
# (its weekday may come first: "Idlib city, Sunday 20 December:")
_DATE = (rf"(?:(?:{WEEKDAY},?\s+)?(?:{_DAYS}\s+{MONTH}|{MONTH}\s+{_DAYS}|{MONTH})"
         rf"(?:,?\s+\d{{4}})?|(?:19|20)\d\d)")
# capitalised words, with the small words of place names between them
_SMALL = r"(?:al|el|ad|ar|as|ash|az|an|de|del|la|le|du|da|di|of)"
# a division in brackets, with its kind ("Ye-U town (Ye-U township, Shwebo district)")
_FILED = (r"[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*)*(?:\s+(?:township|district|province"
          r"|region|state|county|commune|cercle|governorate|oblast|raion|territory"
          r"|department|prefecture|municipality|LGA))?")
# (another spelling may follow in brackets: "Palmyra (Tadmur)")
# (and the kind of place after it: "Idlib city", "Ariha, Idlib suburbs")
_KIND = (r"(?:\s+(?:city|town|village|suburbs?|countryside|district|province|governorate"
         r"|region|camp|market|road|highway))")
_NAME = (rf"[A-Z][\w'’.-]*(?:[ /–-]+(?:{_SMALL}[ -])?[A-Z][\w'’.-]*)*"
         # ("Wetlet town (Wetlet township, Shwebo district)")
         rf"(?:{_KIND}(?=\s+\())?"
         # (or where it lies: "1. Saraqib (eastern Idlib countryside)")
         rf"(?:\s+\((?:{_FILED}(?:,\s+{_FILED})*"
         rf"|(?:[a-z][\w'’-]*\s+){{1,3}}[A-Z][\w'’.-]*(?:\s+[a-z][\w'’-]*){{0,2}})\))?"
         rf"{_KIND}?")
# a monitor's record: "Massacre No. 55", "Case #12"
_RECORD_NUMBER = r"(?-i:[A-Z])[\w-]*\s+(?:No\.?|Nº|#)\s*\d{1,4}\b"
_RECORD = re.compile(_RECORD_NUMBER)
# an item's number: "2.", "3)", "First:", "Incident 2:"
_NUMBER = (rf"(?:{LIST_NUMBER}|(?:First|Second|Third|Fourth|Fifth|Sixth)[:.]"
           r"|(?:Incident|Case|Attack)\s+\d{1,2}[.:]"
           rf"|{_RECORD_NUMBER})")
_HEADING = re.compile(
    rf"(?P<num>{_NUMBER}\s+)?"
    # (a monitor's list may give the day first: "- 9 Oct, Beni–Kasindi road (Beni
    # territory): 2 civilians killed")
    rf"(?P<pre>(?:{_DAYS}\s+{MONTH}|{MONTH}\s+{_DAYS})(?:,?\s+\d{{4}})?,?\s+)?"
    rf"(?P<names>{_NAME}(?:,\s+{_NAME}){{0,2}})"
    # ("2. Idlib city schools, 25 February 2020": a numbered heading may hold plain words)
    rf"(?P<plain>(?<=[\w.])(?:\s+[a-z][\w'’-]*){{1,3}}(?:,\s+{_NAME})?)?"
    rf"(?P<date>(?:,\s+|\s+\(|\s+){_DATE}\)?)?"
    rf"(?P<end>\s*[:–—]\s+|\.\s+(?=[A-Z\d])|\s+-\s+|[ \t]*(?=\n|$))")
# what only a dateline holds: a dash after the place, an agency in brackets
_AGENCY_OR_DASH = re.compile(r"\s[-–—]|\((?![^)]*\d)[^)]*\)")
_NUMBERED = re.compile(_NUMBER + r"\s")
MAX_HEADING = 70  # characters: a heading, not a sentence
MIN_HEADINGS = 2
MAX_LINE = 100  # characters: a numbered line this short, with no full stop, heads a section
_OPENERS = "\"“‘'([#"  # what may open a paragraph's first word (not a bullet)
MIN_UNNAMED = 3  # headings, when some name no place the gazetteer knows and give no date


def _paragraph_starts(text: str, start: int) -> list[int]:
    """Where each paragraph (a line with text) begins, from `start` on."""
    starts = []
    at = start
    for line in text[start:].split("\n"):
        stripped = line.lstrip()
        # (a digest's bullet or emoji before its heading: "🔴 Nikopol. The death toll ...")
        while stripped and not stripped[0].isalnum() and stripped[0] not in _OPENERS:
            stripped = stripped[1:].lstrip()
        if stripped:
            starts.append(at + len(line) - len(stripped))
        at += len(line) + 1
    return starts


def _heading_at(text: str, p: int, named_at: Sequence[int]
                ) -> tuple[int, bool, bool] | None:
    """The end of a heading opening the paragraph at `p`, whether it fills its line, and
    whether it names a known place or a date (`named_at`: where the text's place names
    start, in order)."""
    m = _HEADING.match(text, p)
    if m is None or m.end("names") - p > MAX_HEADING:
        return None
    if m.group("plain") and not m.group("num"):
        return None
    k = bisect_left(named_at, p)
    alone = m.group("end").strip() == "" and not m.group("end").startswith(" -")
    if not (m.group("date") or m.group("pre")) \
            and not (k < len(named_at) and named_at[k] < m.end()):
        # ("Summary", "Recommendations": a heading of no incident; but a name the
        # gazetteer lacks, written as a heading before its paragraph's first sentence,
        # "Vase Miskina. On 27 May 1992 a shell struck ...", may be a site's)
        if m.group("end").startswith(".") and len(m.group("names").split()) <= 3:
            return m.end(), alone, False
        return None
    return m.end(), alone, True


def _numbered_line(text: str, p: int, named_at: Sequence[int], typed_at: frozenset[int]
                   = frozenset()) -> tuple[int, bool, bool] | None:
    """A numbered line of its own naming a place, whatever its other words ("Second:
    Torture in the former Political Security building in Sanaa"), or an event
    (a record's number, where a sentence with event words starts, `typed_at`:
    "Massacre No. 55" over its record's lines; but not "5. Landmines" over a report's
    chapter): a heading, as `_heading_at` returns it."""
    if not _NUMBERED.match(text, p):
        return None
    end = text.find("\n", p)
    end = len(text) if end < 0 else end
    line = text[p:end].rstrip()
    if len(line) > MAX_LINE or line.endswith((".", "!", "?")):
        return None
    k = bisect_left(named_at, p)
    if not (k < len(named_at) and named_at[k] < p + len(line)) \
            and not (p in typed_at and _RECORD.match(text, p)):
        return None  # ("3. Other developments", a list of recommendations: no incident's)
    return p + len(line), True, True


def find_sections(text: str, sentences: Sequence[Sentence],
                  toponyms: Sequence[Toponym]) -> dict[int, int]:
    """The section of each sentence that a heading opens: sentence index -> the heading's
    offset.  A section is the heading's paragraph, and the next one when the heading
    stands on a line of its own; the paragraphs between sections belong to none."""
    body = [s for s in sentences if s.role != "title"]
    if not body:
        return {}
    first = body[0]
    spans: list[tuple[int, int, int, bool]] = []  # start, stop, heading, names a place
    starts = _paragraph_starts(text, first.start)
    named_at = sorted(t.start for t in toponyms)
    typed_at = frozenset(s.start for s in body if s.types)
    roles = {s.start: s.role for s in body}
    dated: list[int] = []  # headings of a place and a date alone on their line
    for k, p in enumerate(starts):
        found = _heading_at(text, p, named_at) or _numbered_line(text, p, named_at, typed_at)
        if found is None:
            continue
        end, alone, named = found
        if p == first.start and first.dateline_end > 0 \
                and _AGENCY_OR_DASH.search(text, p, first.dateline_end):
            continue  # the dateline of the report ("KABUL -", "Gaza, April 22 (Petra)")
        stop_at = k + 2 if alone else k + 1
        if _NUMBERED.match(text, p):
            # ("1. Oicha: at least 14 civilians killed" over its paragraphs: a numbered
            # item runs to the next number)
            stop_at = next((j for j in range(k + 1, len(starts))
                            if _NUMBERED.match(text, starts[j])), len(starts))
        stop = _line_start(text, starts[stop_at]) if stop_at < len(starts) else len(text)
        spans.append((_line_start(text, p), stop, p, named))
        if alone and (m := _HEADING.match(text, p)) is not None and m.group("date") \
                and not m.group("num"):
            dated.append(p)
    # (a report's masthead lines, "Yemen Civilian Harm Monitor (YCHM)", "Published 10
    # March 2021", head no incident: their sections hold nothing past the standfirst)
    spans = [sp for sp in spans if any(sp[0] <= s.start < sp[1] and s.role != "standfirst"
                                       for s in body)]
    dated = [p for p in dated if any(sp[2] == p for sp in spans)]
    if len(dated) == 1 and spans[0][2] == dated[0] \
            and roles.get(dated[0]) in OPENING:
        # ("Bogotá, 2 August 2022" over a press release's lead: where and when it was
        # issued, as a dateline says, unless other headings of that shape follow)
        spans = spans[1:]
    # (headings of names no gazetteer holds count only beside others of their shape:
    # three paragraphs opening "Vase Miskina.", "Manjača.", "Branjevo." are a list)
    if sum(named for *_, named in spans) < MIN_HEADINGS and len(spans) < MIN_UNNAMED:
        spans = _subhead_spans(text, starts, named_at)
        if not spans:
            return {}
    return {s.index: p for s in body for a, b, p, _ in spans if a <= s.start < b}


# a sub-heading's words: capitalised, with the small words of titles between them
# ("Detention and Ill-Treatment at the Ségou Military Camp", "Killings in Diourou")
_TITLE_WORD = re.compile(r"[A-Z\d][\w'’.-]*|[a-z][\w'’-]{0,3}|[a-z]+-[A-Z][\w'’-]*|&|–|-")
MAX_SUBHEAD_WORDS = 12


def _subhead(text: str, p: int) -> int | None:
    """The end of a sub-heading opening the paragraph at `p`: a line of its own in title
    case, with no full stop, colon or quotation, before a paragraph of text."""
    end = text.find("\n", p)
    if end < 0:
        return None  # (the text's last line heads nothing)
    line = text[p:end].rstrip()
    words = line.split()
    if not line or len(line) > MAX_LINE or len(words) > MAX_SUBHEAD_WORDS \
            or line.endswith((".", "!", "?", ",", ";", ":")) \
            or any(c in line for c in ":\"“”|") \
            or not all(_TITLE_WORD.fullmatch(w.strip("()")) for w in words):
        return None
    return p + len(line)


SUBHEAD_CHARS = 60  # a line this short, naming a place and a kind, is a sub-heading


def short_line(text: str, start: int, end: int) -> bool:
    """Is text[start:end] a short line of its own with no full stop: a sub-heading in any
    case ("The hostages of Croix-des-Bouquets"; `_subhead` reads title case only, where
    it decides what opens a section)?"""
    line = text[start:end].strip()
    return len(line) <= SUBHEAD_CHARS and not line.endswith((".", "!", "?")) \
        and _LINE_BEFORE.search(text, max(0, start - 80), start) is not None \
        and _LINE_AFTER.match(text, end) is not None


_LINE_BEFORE = re.compile(r"\n[ \t]*$")
_LINE_AFTER = re.compile(r"[ \t]*(?:\n|$)")


def _subhead_spans(text: str, starts: Sequence[int], named_at: Sequence[int]
                   ) -> list[tuple[int, int, int, bool]]:
    """Sections under the sub-headings of a rights report ("Killings in Diourou",
    "Detention and Ill-Treatment at the Ségou Military Camp", "Context"): each runs to
    the next sub-heading; one that names a place opens an incident's section, one that
    names none ("Background", "Recommendations") closes the section before it.  Read
    only where two sub-headings name places, after the lead (a standfirst heads nothing)."""
    heads = [(k, p, end) for k, p in enumerate(starts)
             if k > 0 and (end := _subhead(text, p)) is not None]
    out = []
    for n, (k, p, end) in enumerate(heads):
        if k + 1 >= len(starts) or n + 1 < len(heads) and heads[n + 1][0] == k + 1:
            continue  # (two headings in a row: the first heads nothing of its own)
        j = bisect_left(named_at, p)
        if not (j < len(named_at) and named_at[j] < end):
            continue
        stop = _line_start(text, heads[n + 1][1]) if n + 1 < len(heads) else len(text)
        out.append((_line_start(text, p), stop, p, True))
    return out if len(out) >= MIN_HEADINGS else []


def _line_start(text: str, p: int) -> int:
    """Where the line holding offset `p` begins (a bullet before a heading is its own)."""
    return text.rfind("\n", 0, p) + 1


def under_subheads(text: str, section: dict[int, int]) -> bool:
    """Whether the sections are a rights report's sub-headings, whose lead tells the
    main incident itself rather than summing the sections up."""
    return any(_HEADING.match(text, p) is None and _subhead(text, p) is not None
               for p in set(section.values()))


def heading_places(text: str, offset: int, toponyms: Sequence[Toponym]) -> list[Toponym]:
    """The places a section's heading names (`Stepanakert, October 2020.`): where its
    incident is, whatever other towns its paragraph names ("In Azerbaijan, ... shelled
    towns including Tartar")."""
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    numbered = _NUMBERED.match(text, offset)
    if numbered and line_end - offset <= MAX_LINE \
            and ". " not in text[numbered.end():line_end].rstrip(". "):
        # ("3. Deir ez-Zor: mass grave found near Hajin (11 November)": a numbered line of
        # its own heads the section whole, the town after its region's label too)
        return [t for t in toponyms if offset <= t.start < line_end]
    m = _HEADING.match(text, offset)
    if m is None:
        end = _subhead(text, offset)
        return [] if end is None else [t for t in toponyms if offset <= t.start < end]
    return [t for t in toponyms if offset <= t.start < m.end("names")]
