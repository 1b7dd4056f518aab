"""A report's sentences as an analyst weighs them: the title, the subtitle and the lead
name the incident, the body adds to it, and a dateline (`TRIPOLI (Reuters) -`) says where
the report was filed, not where anything happened.  Each sentence carries the taxonomy's
triggers found in it, and the dates, counts and places filed under it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from geo.fastre import with_first
from geo.models import Toponym
from geo.places.tokens import sentence_bounds, sentence_stops

# Weights of a sentence by where it stands: the title and the lead name the incident.
W_TITLE, W_LEAD, W_NEAR, W_BODY = 3.0, 2.5, 1.5, 1.0
NEAR_SENTENCES = 5  # the sentences after the lead that count as near it
LEAD_SENTENCES = 2  # body sentences that count as the lead
_DATELINE = re.compile(
    r"^[\s(]*(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\)?"  # a place, or the date first
    r"(?:\s?/\s?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})?"  # "GENEVA/KINSHASA -": two towns
    # (in parentheses, as rights groups write it: "(Beirut) -")
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
    stops = sentence_stops(text)  # (each sentence's start found without reading its line again)
    while pos < n:
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n:
            break
        s, e = sentence_bounds(text, pos, stops)
        e = max(e, pos + 1)
        if spans and _continues(text, spans[-1], s):
            spans[-1] = (spans[-1][0], e)
        elif e > s:
            spans.append((s, e))
        pos = e
    # ("1. Oicha: at least 14 civilians killed": a list's number opens its item)
    for k in range(len(spans) - 2, -1, -1):
        if _LIST_NUMBER.fullmatch(text, *spans[k]):
            spans[k:k + 2] = [(spans[k][0], spans[k + 1][1])]
    # ("Militiamen attacked Hutu civilians in Muhlolo II. 8 fatalities.": a monitor's
    # tally closes the attack on people it counts; of fighters, it counts no victims)
    for k in range(len(spans) - 1, 0, -1):
        if _TALLY.fullmatch(text, *spans[k]) \
                and _CIVILIANS_NAMED.search(text, *spans[k - 1]) is not None:
            spans[k - 1:k + 1] = [(spans[k - 1][0], spans[k][1])]
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


_TALLY = re.compile(
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+fatalit(?:y|ies)"
    r"(?:\s+(?:were\s+|was\s+)?(?:reported|recorded|confirmed))?\.?\s*", re.I)
_CIVILIANS_NAMED = re.compile(
    r"(?<!\bno\s)(?<!\bwithout\s)\b(?:civilians?|villagers|residents|people|women|children"
    r"|farmers|worshippers|passengers|students|families|displaced)\b", re.I)
LIST_NUMBER = r"\d{1,2}[.)]"  # a list item's number ("2.", "3)"), as sections read it too
_LIST_NUMBER = re.compile(LIST_NUMBER)


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
    if not words and prefix.lstrip().startswith("("):  # "(Beirut) -": the place itself
        words = re.findall(r"[^\W\d_][\w'’.-]*", prefix)
    return bool(words) and all(w[0].isupper() for w in words) and len(words) <= 8


# Words that name the attackers, not what they did: "gunmen abducted 12 passengers" is an
# abduction, "gunmen killed 40" a killing.
# Triggers that name who acted, not what was done.
# Verbs of saying after a speaker: "police in Abuja said", "the state prosecutor said"
SPEECH_VERBS = r"said|say|says|told|reported|confirmed|announced|added|stated"
ACTOR_TRIGGERS = frozenset({"gunmen", "gunman", "assailants", "attackers"})
_WEAPON_TYPES = frozenset({"airstrike", "shelling", "explosive_mine"})


# "shells pound the town despite NATO air strikes": what the event went on in spite of
_CONCESSIVE = re.compile(r"\b(?:despite|in\s+spite\s+of|regardless\s+of)\s+(?:the\s+)?"
                         r"(?:[\w'’.-]+\s+){0,3}$", re.I)


# "compared the discovery to the killings in Bucha", "reminiscent of the 1995
# massacre": another event held up beside this one
_COMPARED = re.compile(r"\b(?:compar(?:ed|ing|es)\s+(?:[\w'’-]+\s+){0,4}?(?:to|with)"
                       r"|reminiscent\s+of|(?:similar|likened)\s+to|echoes\s+of)\s+"
                       r"(?:the\s+|an?\s+)?(?:[\w'’-]+\s+){0,2}$", re.I)


# "no rockets had been fired from the area": what did not happen
_NEGATED_BEFORE = re.compile(r"\b(?:no(?!\s+(?:fewer|less|more)\b)|not|never|without|nor)"
                             r"\s+(?:[\w'’-]+\s+){0,2}$", re.I)


# "was expected to arrive later this week to exhume the remains": what is yet to happen
_FUTURE_BEFORE = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:expected|due|scheduled|set|planned|going)|plans?|planning"
    r"|intends?|intended)\s+to\s+(?:[\w'’-]+\s+){0,8}?$|\bwill\s+(?:[\w'’-]+\s+){0,2}$",
    re.I)
# "the Mass Graves Directorate in Baghdad", "the Airstrike Investigation Unit": an
# office named for what it deals with
_OFFICE_AFTER = re.compile(
    r"(?:\s+(?-i:[A-Z])[\w-]*){0,2}\s+(?-i:Directorate|Department|Commission|Committee|Office"
    r"|Unit|Team|Agency|Authority|Foundation|Institute|Programme|Program|Project|Bureau"
    r"|Service|Association|Network|Coalition|Council|Ministry|Monitor|Observatory|Centre"
    r"|Center|Fund|Initiative|Task\s+Force)\b")
# ("a team from the mass graves directorate", lower case: the office's word right after)
_DESK_AFTER = re.compile(r"\s+(?:directorate|department|commission|committee|unit|office"
                         r"|agency|authority|bureau|ministry)\b", re.I)
# "where they carry out kidnappings and ambushes": what a group does as a habit
_HABIT_BEFORE = re.compile(r"\b(?:carry|carries)\s+out\s+$", re.I)


def _not_this_event(text: str, m, sentence: Sentence | None) -> bool:
    """Is trigger `m` no event the sentence tells: one yet to happen, an office's name, or
    a habit (outside a title, whose present tense tells the news)?"""
    if _FUTURE_BEFORE.search(text, max(0, m.start - 60), m.start):
        return True
    titled = text[m.start:m.start + 1].isupper() and text[m.end - 1:m.end].isalpha() \
        and all(w[:1].isupper() for w in text[m.start:m.end].split())
    if titled and _OFFICE_AFTER.match(text, m.end) or _DESK_AFTER.match(text, m.end):
        return True
    return sentence is not None and sentence.role != "title" \
        and _HABIT_BEFORE.search(text, max(0, m.start - 20), m.start) is not None


def mark_types(sentences: Sequence[Sentence], matches: Sequence, text: str | None = None,
               together: dict[str, int] | None = None) -> None:
    """File each trigger match under its sentence (matches and sentences in order); a
    trigger that only names the attackers, what the event happened in spite of, another
    event it is compared to, what the text says did not happen or is yet to, an office's
    name or a habit, counts as a weak word beside another type's.  `together`: per type,
    how many different weak words of it in a sentence with no trigger make a trigger
    (the taxonomy's `weak_together`)."""
    k = 0
    for m in matches:
        while k < len(sentences) and sentences[k].end <= m.start:
            k += 1
        if text is not None and not m.weak and (
                _CONCESSIVE.search(text, max(0, m.start - 50), m.start)
                or _COMPARED.search(text, max(0, m.start - 60), m.start)
                or _NEGATED_BEFORE.search(text, max(0, m.start - 30), m.start)
                or _not_this_event(text, m, sentences[k] if k < len(sentences) else None)):
            m = m.model_copy(update={"weak": True})
        if k < len(sentences) and sentences[k].start <= m.start:
            sentences[k].types.setdefault(m.type_id, []).append(m)
    for s in sentences:
        actors = [m for ms in s.types.values() for m in ms
                  if not m.weak and m.trigger.lower() in ACTOR_TRIGGERS]
        if not actors:
            continue
        if any(not m.weak and m.trigger.lower() not in ACTOR_TRIGGERS
               and m.type_id != actors[0].type_id for ms in s.types.values() for m in ms):
            for t, ms in s.types.items():
                s.types[t] = [m.model_copy(update={"weak": True}) if m in actors else m
                              for m in ms]
        elif not s.types.get(actors[0].type_id, [])[1:]:
            # "Gunmen seized ten farmers": nothing said of killing, so what they did (a
            # weak word of another type) is the event, as strong as the actor was.
            # (not a weapon's word: "where the gunmen struck" is no air strike)
            done = [m for ms in s.types.values() for m in ms
                    if m.weak and m.type_id != actors[0].type_id
                    and m.type_id not in _WEAPON_TYPES]
            if done:
                for t, ms in s.types.items():
                    s.types[t] = [m.model_copy(update={"weak": m in actors})
                                  if m in actors or m in done else m for m in ms]
    for s in sentences if together else ():
        if len(s.types) != 1 or any(not m.weak for ms in s.types.values() for m in ms):
            continue  # (words of another kind beside them, "died in custody", say more)
        for t, n in together.items():
            # ("Former detainees said they were beaten with cables": the detention is the
            # event; different words, not one repeated: "detained ... detention" is one)
            if len({m.trigger.lower()[:3] for m in s.types.get(t, ())}) >= n:
                s.types[t] = [m.model_copy(update={"weak": False, "together": True})
                              for m in s.types[t]]


def strong_counts(sent: Sentence, skip: frozenset[int] = frozenset()) -> dict[str, int]:
    """Strong triggers per type, leaving out those starting at an offset in `skip`."""
    counts = {t: sum(1 for m in ms if not m.weak and m.start not in skip)
              for t, ms in sent.types.items()}
    return {t: n for t, n in counts.items() if n}


def strong_types(sent: Sentence, exclude: set[str] = frozenset()) -> set[str]:
    return {t for t, n in strong_counts(sent).items() if n and t not in exclude}
# A sentence that refers back to the event ("The incident occurred in a village near
# Mihterlam") belongs to it though it names no type.
# Nouns that name an event already told ("the attack", "the blast").
EVENT_NOUNS = (r"(?:incident|attack|strike|blast|explosion|massacre|killings?|shelling|bombing"
               r"|raid|tragedy|assault|ambush)")
ANAPHOR = with_first(re.compile(  # searched in every sentence of every report
    r"\b(?:the|this|that|thursday's|friday's|saturday's|sunday's|monday's|tuesday's"
    r"|wednesday's|yesterday's|today's|last night's)\s+(?:deadly\s+|latest\s+)?"
    + EVENT_NOUNS + r"\b"
    # "Two attacks ... The first came on the night of 24 July": one of those told of
    r"|\bthe\s+(?:first|second|third|fourth|last|latest)\s+(?:one\s+)?(?:came|happened"
    r"|occurred|took\s+place)\b", re.I))


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


def filed_in(s: Sentence, items: Sequence, attr: str) -> Sequence:
    """The items inside sentence `s` (filed by `file_in`, else found by a scan)."""
    filed = getattr(s, attr)
    if filed is not None:
        return filed
    return [x for x in items if s.start <= x.start < s.end]


# --- the document ----------------------------------------------------------------------

OPENING = frozenset({"title", "standfirst", "lead"})
