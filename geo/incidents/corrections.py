"""The analyst corrections file, applied on every run so fixes survive re-runs.

A TOML file (default: `corrections.toml` in the current folder, or `--corrections`).
Every table below may appear any number of times; ids come from `geo incidents
--format json` (claim ids, incident ids) and `geo parse` (document ids):

    # Pin a mention's place (every mention with exactly that text in that document),
    # to a gazetteer place ...
    [[pin]]
    doc = "004_ed4c0e165cfa5413"
    text = "Izium"
    geonameid = "707292"

    # ... or to coordinates (lat and lon both; name, precision and uncertainty_km
    # optional: precision defaults to "site", uncertainty_km to 1).
    [[pin]]
    doc = "004_ed4c0e165cfa5413"
    text = "Izium forest"
    lat = 49.19
    lon = 37.31
    name = "Izium forest"
    precision = "site"
    uncertainty_km = 2

    # Fix a claim's type or dates.
    [[claim]]
    claim_id = "3f2a9c0d1b7e"
    event_type = "execution_massacre"
    date_start = "2022-09-15"
    date_end = "2022-09-16"
    date_precision = "days"
    date_kind = "discovery"

    # Merge incidents (or claims) the rules kept apart.
    [[merge]]
    incidents = ["inc-0a1b2c3d4e", "inc-5f6a7b8c9d"]

    # Take a claim out of its incident.
    [[split]]
    claim_id = "3f2a9c0d1b7e"

    # Discard a false incident (a film review that mentions a "mass grave"), or one
    # claim of an incident; `note` is for your own record.
    [[discard]]
    incident = "inc-0a1b2c3d4e"
    note = "a novel's plot, not a report"

    [[discard]]
    claim_id = "9e8d7c6b5a43"

Validation is strict, because a correction that silently does nothing is worse than
none: an unknown table or key (`[[pins]]`, `geonamid`), a pin with neither a
geonameid nor both coordinates, an event type the taxonomy lacks, a precision or date
kind that does not exist, or an end date before the start date stops the run with one
error naming the file, line and key.  Ids that match nothing in a run (an article that
is gone, a claim id from an older taxonomy, a geonameid the gazetteer lacks) are not
fatal: each is a warning on stderr and in the run report.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from geo.errors import InputError
from geo.incidents.dates import DateKind, DatePrecision
from geo.models import Precision, Toponym


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Pin(_Strict):
    doc: str
    text: str
    geonameid: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    name: str | None = None
    precision: Precision = "site"
    uncertainty_km: float = Field(default=1.0, ge=0, le=20_000)


class ClaimFix(_Strict):
    claim_id: str
    event_type: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: DatePrecision | None = None
    date_kind: DateKind | None = None


class Merge(_Strict):
    incidents: list[str] = []
    claims: list[str] = []


class Split(_Strict):
    claim_id: str


class Discard(_Strict):
    incident: str | None = None
    claim_id: str | None = None
    note: str | None = None


class Corrections(_Strict):
    pin: list[Pin] = []
    claim: list[ClaimFix] = []
    merge: list[Merge] = []
    split: list[Split] = []
    discard: list[Discard] = []

    def discarded_claims(self) -> set[str]:
        return {d.claim_id for d in self.discard if d.claim_id}

    def discarded_incidents(self) -> set[str]:
        return {d.incident for d in self.discard if d.incident}


TABLES = tuple(Corrections.model_fields)
_MODELS: dict[str, type[BaseModel]] = {
    "pin": Pin, "claim": ClaimFix, "merge": Merge, "split": Split, "discard": Discard}


# --- loading ------------------------------------------------------------------------------


def load_corrections(path: Path | None, *,
                     event_types: Iterable[str] | None = None) -> Corrections:
    """The corrections in `path` (none if it is None or absent), validated strictly.

    `event_types`: the taxonomy's type ids, which `[[claim]] event_type` must be one of.
    Raises InputError naming the file, line and key of the first problem."""
    if path is None or not path.exists():
        return Corrections()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    return parse_corrections(text, str(path), event_types=event_types)


def parse_corrections(text: str, name: str = "corrections.toml", *,
                      event_types: Iterable[str] | None = None) -> Corrections:
    """`load_corrections` for text already read; `name` is used in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{name}: not valid TOML: {exc}") from None
    where = _Locator(text)

    def fail(table: str | None, index: int | None, key: str | None, message: str):
        line = where.line(table, index, key)
        entry = f"[[{table}]] #{index + 1}" if table and index is not None else \
            f"[[{table}]]" if table else None
        parts = [f"{name}: {entry}" if entry else name]
        if line:
            parts.append(f"line {line}")
        if key:
            parts.append(f"key {key!r}")
        raise InputError(", ".join(parts) + f": {message}")

    for table, value in data.items():
        if table not in TABLES:
            fail(table, None, None, f"unknown table{_did_you_mean(table, TABLES)}; the "
                 f"tables are {', '.join(f'[[{t}]]' for t in TABLES)}")
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            fail(table, None, None, f"write each entry as [[{table}]] (an array of tables)")
        keys = tuple(_MODELS[table].model_fields)
        for i, entry in enumerate(value):
            for key in entry:
                if key not in keys:
                    fail(table, i, key, f"unknown key{_did_you_mean(key, keys)}; [[{table}]] "
                         f"takes {', '.join(keys)}")
    try:
        fixes = Corrections.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [str(x) for x in err["loc"]]
        table = loc[0] if loc else None
        index = int(loc[1]) if len(loc) > 1 and loc[1].isdigit() else None
        key = loc[2] if len(loc) > 2 else None
        fail(table, index, key, _message(err))
    types = set(event_types) if event_types is not None else None
    for i, pin in enumerate(fixes.pin):
        coords = pin.lat is not None, pin.lon is not None
        if pin.geonameid is None and not all(coords):
            fail("pin", i, "lat" if coords[0] else "lon" if coords[1] else None,
                 "a pin needs a geonameid, or both lat and lon")
        if pin.geonameid is not None and any(coords):
            fail("pin", i, "geonameid", "give a geonameid or coordinates, not both")
        if not pin.text.strip():
            fail("pin", i, "text", "empty text: a pin applies to mentions with this text")
    for i, fix in enumerate(fixes.claim):
        if types is not None and fix.event_type is not None and fix.event_type not in types:
            fail("claim", i, "event_type", f"{fix.event_type!r} is not in the taxonomy"
                 f"{_did_you_mean(fix.event_type, sorted(types))}; types are "
                 f"{', '.join(sorted(types))}")
        if fix.date_start and fix.date_end and fix.date_end < fix.date_start:
            fail("claim", i, "date_end", f"{fix.date_end} is before date_start "
                 f"{fix.date_start}")
        if not fix.model_dump(exclude={"claim_id"}, exclude_none=True):
            fail("claim", i, None, "nothing to change: give event_type or dates")
    for i, m in enumerate(fixes.merge):
        if bool(m.incidents) == bool(m.claims):
            fail("merge", i, None, "give either incidents = [...] or claims = [...]")
        ids = m.incidents or m.claims
        if len(set(ids)) < 2:
            fail("merge", i, "incidents" if m.incidents else "claims",
                 "a merge needs at least two different ids")
    for i, d in enumerate(fixes.discard):
        if (d.incident is None) == (d.claim_id is None):
            fail("discard", i, None, "give either incident or claim_id")
    return fixes


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _message(err: dict) -> str:
    msg = err["msg"]
    if "input" in err and not isinstance(err["input"], dict | list):
        return f"{msg} (got {err['input']!r})"
    return msg


_HEADER = re.compile(r"\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
_TABLE = re.compile(r"\s*\[\s*([A-Za-z0-9_-]+)\s*\]")
_KEY = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=")


class _Locator:
    """Line numbers of the file's tables and keys, for error messages: tomllib gives
    values, not positions.  Knows `[[table]]` headers and `key = value` lines."""

    def __init__(self, text: str):
        self.tables: dict[str, list[int]] = {}
        self.keys: dict[tuple[str, int], dict[str, int]] = {}
        current: tuple[str, int] | None = None
        for n, line in enumerate(text.splitlines(), 1):
            if m := _HEADER.match(line):
                starts = self.tables.setdefault(m[1], [])
                starts.append(n)
                current = (m[1], len(starts) - 1)
            elif m := _TABLE.match(line):
                self.tables.setdefault(m[1], []).append(n)
                current = None
            elif (m := _KEY.match(line)) and current is not None:
                self.keys.setdefault(current, {}).setdefault(m[1], n)
            elif m and current is None:
                self.tables.setdefault(m[1], []).append(n)  # a top-level key

    def line(self, table: str | None, index: int | None, key: str | None) -> int | None:
        if table is None:
            return None
        if index is not None and key is not None:
            found = self.keys.get((table, index), {}).get(key)
            if found:
                return found
        starts = self.tables.get(table, [])
        if index is not None and index < len(starts):
            return starts[index]
        return starts[0] if starts else None


# --- applying -----------------------------------------------------------------------------


def apply_pins(doc_id: str, toponyms: list[Toponym], pins: list[Pin], gaz) -> list[Toponym]:
    """`toponyms` with every mention a pin names moved to the pinned place.  A pin to a
    geonameid the gazetteer lacks changes nothing (`Matches` warns about it)."""
    mine = [p for p in pins if p.doc == doc_id]
    if not mine:
        return toponyms
    out = []
    for t in toponyms:
        pin = next((p for p in mine if p.text == t.text), None)
        if pin is None:
            out.append(t)
            continue
        if pin.geonameid:
            place = gaz.get(pin.geonameid)
            if place is None:
                out.append(t)
                continue
            from geo.places.resolve import precision_of, uncertainty_of

            upd = {"name": place.name, "geonameid": place.geonameid, "lat": place.lat,
                   "lon": place.lon, "feature_code": place.feature_code,
                   "country_code": place.country_code, "admin1": place.admin1,
                   "precision": precision_of(place), "uncertainty_km": uncertainty_of(place)}
        else:
            upd = {"name": pin.name or t.text, "geonameid": None, "lat": pin.lat,
                   "lon": pin.lon, "precision": pin.precision,
                   "uncertainty_km": pin.uncertainty_km}
        upd.update(relation="in", anchor=None, confidence=1.0,
                   reason="pinned by the analyst corrections file")
        out.append(t.model_copy(update=upd))
    return out


def apply_claim_fixes(claims, fixes: list[ClaimFix], warn=None):
    """`claims` with each `[[claim]]` fix applied.  A date fix that would leave a claim's
    range inverted (only date_end given, before the claim's own start) is not applied;
    `warn(message)` hears about it."""
    by_id = {f.claim_id: f for f in fixes}
    out = []
    for c in claims:
        f = by_id.get(c.claim_id)
        if f is None:
            out.append(c)
            continue
        upd = {k: v for k, v in f.model_dump(exclude={"claim_id"}).items() if v is not None}
        start, end = upd.get("date_start", c.date_start), upd.get("date_end", c.date_end)
        if start is not None and end is not None and end < start:
            if warn is not None:
                warn(f"[[claim]] {c.claim_id}: the corrected range {start} to {end} is "
                     "inverted; its dates were not changed")
            for k in ("date_start", "date_end"):
                upd.pop(k, None)
        out.append(c.model_copy(update=upd))
    return out


def without_discarded(claims, fixes: Corrections) -> list:
    """`claims` minus those a `[[discard]] claim_id` names."""
    gone = fixes.discarded_claims()
    return [c for c in claims if c.claim_id not in gone] if gone else list(claims)


class Matches:
    """Which ids of the corrections matched something in a run, so the ones that matched
    nothing can be reported: a correction that did nothing must not pass unnoticed.

    Holds only the ids the file names (never every id of the run).  A pin's document is
    matched when a document of that id holds the pin's text."""

    def __init__(self, fixes: Corrections):
        self.fixes = fixes
        self.claim_ids = ({f.claim_id for f in fixes.claim}
                          | {c for m in fixes.merge for c in m.claims}
                          | {s.claim_id for s in fixes.split} | fixes.discarded_claims())
        self.incident_ids = ({i for m in fixes.merge for i in m.incidents}
                             | fixes.discarded_incidents())
        self.pin_docs = {p.doc for p in fixes.pin}
        self.seen_claims: set[str] = set()
        self.seen_incidents: set[str] = set()
        self.seen_pins: set[tuple[str, str]] = set()
        self.seen_docs: set[str] = set()

    def document(self, doc_id: str, text: str) -> None:
        if doc_id in self.pin_docs:
            self.seen_docs.add(doc_id)
            self.seen_pins.update((p.doc, p.text) for p in self.fixes.pin
                                  if p.doc == doc_id and p.text in text)

    def claims(self, claim_ids: Iterable[str]) -> None:
        if self.claim_ids:
            self.seen_claims.update(c for c in claim_ids if c in self.claim_ids)

    def incidents(self, incident_ids: Iterable[str]) -> None:
        self.seen_incidents.update(i for i in incident_ids if i in self.incident_ids)

    def unmatched(self, gaz=None) -> list[str]:
        """One warning per id that matched nothing (and, given the gazetteer, per pin
        to a geonameid it lacks)."""
        out = []
        for p in self.fixes.pin:
            if p.doc not in self.seen_docs:
                out.append(f"[[pin]] doc {p.doc!r}: no document with this id in the inputs")
            elif (p.doc, p.text) not in self.seen_pins:
                out.append(f"[[pin]] doc {p.doc!r}: the text {p.text!r} is not in it")
            if p.geonameid and gaz is not None and gaz.get(p.geonameid) is None:
                out.append(f"[[pin]] geonameid {p.geonameid!r}: not in the gazetteer; "
                           "the pin changes nothing")
        for table, ids in (("claim", [f.claim_id for f in self.fixes.claim]),
                           ("merge", [c for m in self.fixes.merge for c in m.claims]),
                           ("split", [s.claim_id for s in self.fixes.split]),
                           ("discard", [d.claim_id for d in self.fixes.discard if d.claim_id])):
            out += [f"[[{table}]] claim id {c!r}: no claim with this id in the inputs"
                    for c in dict.fromkeys(ids) if c not in self.seen_claims]
        for table, ids in (("merge", [i for m in self.fixes.merge for i in m.incidents]),
                           ("discard", [d.incident for d in self.fixes.discard
                                        if d.incident])):
            out += [f"[[{table}]] incident {i!r}: no incident with this id in this run"
                    for i in dict.fromkeys(ids) if i not in self.seen_incidents]
        return out

