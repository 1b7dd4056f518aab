"""Monitors' notes on real places: UCDP GED sites (CC BY 4.0) written the way ACLED notes are.

ACLED describes each event in one sentence that names the village and, in parentheses,
its district and province ("On 3 May 2021, gunmen attacked X (District, Province),
killing 4 civilians").  No such notes ship with the project, but UCDP's records give what
they are made of: real village names as coders spell them, their second- and first-order
divisions, the hand-coded point and the date.  This script writes one note per UCDP event
placed at an exact spot (`where_prec` 1), in sixteen sentence shapes (two or three per
targeted type, in turn), and reports how often extraction gives an incident of the right type and
how far its point lies from UCDP's: the places of 59 countries in the note shape the
issue's held-out check uses.  Beside each, a note of another kind at the same place (a
clash, a protest, a town retaken) measures how often such events are wrongly recorded.
The sentence shapes are written here; the places, divisions and dates are UCDP's.

    .venv/bin/python tests/bench/eval_notes.py [--syria 300] [--show 20]
    .venv/bin/python tests/bench/eval_notes.py --notes my_notes.jsonl

`--notes` scores notes you bring instead: one JSON object per line with `text`,
`expected_type` (a taxonomy type, or "other" for an event that must not be recorded),
`lat`, `lon` and optionally `published` (ISO date; without it the date is read from the
note as `geo incidents` would).

Needs the `rdata` package and ../shared/ucdp-ged/ (see eval_ucdp.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from eval_ucdp import UCDP, _day, _text, frames  # noqa: E402

from geo.distance import haversine_km  # noqa: E402
from geo.gazetteer import Gazetteer  # noqa: E402
from geo.incidents.claims import analysis_text, extract  # noqa: E402
from geo.incidents.extract import publication  # noqa: E402
from geo.incidents.taxonomy import load_taxonomy  # noqa: E402
from geo.places.parse import parse_text  # noqa: E402
from geo.read import Document  # noqa: E402

# UCDP's names end in the kind of place ("Hatla village", "Duma district"); notes drop it.
_KIND = re.compile(
    r"\s+(?:village|town|city|area|district|province|governorate|region|state|municipality"
    r"|territory|commune|department|county|oblast|raion|locality|neighbou?rhood|camp"
    r"|sub-?district|LGA|republic|prefecture)$", re.I)

SHAPES = [
    ("execution_massacre", "On {day}, unidentified gunmen attacked {place}, killing {n} "
     "civilians."),
    ("shelling", "On {day}, government forces shelled {place}, killing {n} civilians."),
    ("airstrike", "On {day}, warplanes carried out an air strike on {place}, killing {n} "
     "civilians."),
    ("explosive_mine", "On {day}, an IED exploded in {place}, killing {n} civilians."),
    ("abduction", "On {day}, gunmen abducted {n} civilians in {place}."),
    ("mass_grave", "On {day}, a mass grave containing {n} bodies was discovered in {place}."),
    ("execution_massacre", "On {day}, {n} civilians were shot dead by suspected militants "
     "in {place}."),
    ("shelling", "On {day}, {n} civilians were killed when mortar shells landed in {place}."),
    ("airstrike", "On {day}, a drone strike hit a house in {place}, killing {n} people. "
     "[size=no report]"),
    ("explosive_mine", "On {day}, a landmine explosion killed {n} civilians near {place}."),
    ("abduction", "On or around {day}, suspected militants kidnapped {n} people, including a "
     "local chief, near {place}."),
    ("mass_grave", "On {day}, authorities exhumed the remains of {n} people from a mass "
     "grave near {place}."),
    ("execution_massacre", "Around {day}, armed men stormed {place} and executed {n} "
     "villagers, including women and children."),
    ("shelling", "On {day}, artillery fire hit residential areas of {place}; {n} civilians "
     "were killed and several injured."),
    ("airstrike", "On {day}, military aircraft bombed a market in {place}, killing at least "
     "{n} civilians."),
    ("explosive_mine", "On {day}, a suicide bomber blew himself up at a checkpoint in "
     "{place}, killing {n} people."),
]

# Events of other kinds, which must not become incidents (ACLED's battles, protests and
# strategic developments): the share recorded is the false-alarm figure.
UNRELATED = [
    "On {day}, militants clashed with military forces near {place}; {n} soldiers were "
    "killed.",
    "On {day}, hundreds of protesters gathered in {place} to demand the release of "
    "detainees.",
    "On {day}, the army retook control of {place} after heavy fighting with rebels.",
    "On {day}, two rival armed groups fought in {place}; {n} fighters were killed.",
    "On {day}, {n} soldiers were killed in an ambush by militants near {place}.",
    "On {day}, residents of {place} held a peaceful demonstration against rising fuel "
    "prices.",
    "On {day}, rebels seized {place} after government troops withdrew without a fight.",
    "On {day}, local leaders met the governor in {place} to discuss the return of "
    "displaced families.",
]


def _name(value) -> str | None:
    s = _text(value)
    if s is None:
        return None
    return _KIND.sub("", re.sub(r"\s*\(.*?\)", "", s)).strip() or None


def notes(syria: int, seed: int = 0):
    """(text, expected type, lat, lon) for every exact-place event of the world sample and
    `syria` drawn from the Syria file."""
    rows = []
    for name, df in frames():
        picked = [r for _, r in df.iterrows() if r.get("where_prec") == 1.0]
        if name.startswith("ucdp_syria"):
            picked = random.Random(seed).sample(picked, min(syria, len(picked)))
        rows += picked
    for k, r in enumerate(rows):
        place = _name(r.get("where_coordinates"))
        day = _day(r.get("date_start"))
        if not place or day is None:
            continue
        areas = [a for a in (_name(r.get("adm_2")), _name(r.get("adm_1"))) if a and a != place]
        where = f"{place} ({', '.join(areas)})" if areas else place
        kind, shape = SHAPES[k % len(SHAPES)]
        deaths = int(r.get("best") or 0)
        fill = {"day": f"{day.day} {day:%B %Y}", "place": where, "n": max(2, deaths)}
        yield shape.format(**fill), kind, day, float(r["latitude"]), float(r["longitude"])
        yield UNRELATED[k % len(UNRELATED)].format(**fill), None, day, 0.0, 0.0


def brought_notes(path: Path):
    """(text, expected type, published day or None, lat, lon) from a JSONL file of notes."""
    with open(path, encoding="utf-8") as f:
        for k, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
                kind = r["expected_type"]
                day = date.fromisoformat(r["published"]) if r.get("published") else None
                yield (r["text"], None if kind in (None, "other") else kind, day,
                       float(r["lat"]), float(r["lon"]))
            except (ValueError, KeyError, TypeError) as e:
                sys.exit(f"{path}:{k}: not a note ({type(e).__name__}: {e})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--syria", type=int, default=300, help="events drawn from the Syria file")
    ap.add_argument("--show", type=int, default=10, help="far-off points to print")
    ap.add_argument("--notes", type=Path, help="score the notes in this JSONL file instead")
    args = ap.parse_args()
    if args.notes is None and not UCDP.exists():
        sys.exit(f"no {UCDP}: nothing to evaluate")
    gaz = Gazetteer(os.environ.get("GEO_GAZETTEER") or ROOT / "gazetteer" / "geonames.sqlite")
    tax = load_taxonomy()
    source = brought_notes(args.notes) if args.notes else notes(args.syria)
    n = found = typed = near = far = other = alarms = 0
    by_type: dict[str, list[int]] = {}  # expected type -> [notes, right type, got types]
    confused: dict[tuple[str, str], int] = {}
    misses: list[tuple[float, str, str]] = []
    false_alarms: list[str] = []
    for text, kind, day, lat, lon in source:
        doc = Document(id=str(n + other), text=text, source="notes",
                       published=day.isoformat() if day else None,
                       sha256=hashlib.sha256(text.encode()).hexdigest())
        body, title_end = analysis_text(doc)
        published, estimated = publication(doc)
        claims = [c for c in extract(doc, parse_text(body, gaz), tax, published=published,
                                     estimated=estimated, text=body, title_end=title_end).claims
                  if c.lat is not None and not c.lone]  # (what the map shows)
        if kind is None:  # an event of another kind
            other += 1
            alarms += bool(claims)
            if claims:
                false_alarms.append(f"{claims[0].event_type}: {text}")
            continue
        n += 1
        tally = by_type.setdefault(kind, [0, 0])
        tally[0] += 1
        if not claims:
            misses.append((float("inf"), "no incident", text))
            continue
        found += 1
        c = claims[0]
        typed += c.event_type == kind
        tally[1] += c.event_type == kind
        if c.event_type != kind:
            confused[kind, c.event_type] = confused.get((kind, c.event_type), 0) + 1
        km = haversine_km(c.lat, c.lon, lat, lon)
        near += c.event_type == kind and km <= 25
        far += km > 1000
        if km > 100:
            misses.append((km, f"{c.site_name} ({c.loc_precision})", text))
    print(f"{n} notes: {found / n:.1%} give an incident, {typed / n:.1%} of the right type, "
          f"{near / n:.1%} of the right type within 25 km of UCDP's point; "
          f"{far / max(found, 1):.1%} of the points beyond 1,000 km")
    print(f"{other} notes of other kinds (clashes, protests, territory): {alarms / other:.1%} "
          "wrongly recorded as incidents")
    print("    right type by expected type: " + ", ".join(
        f"{k} {v[1]}/{v[0]}" for k, v in sorted(by_type.items())))
    if confused:
        print("    typed otherwise: " + ", ".join(
            f"{a} -> {b} {n}" for (a, b), n in sorted(confused.items(), key=lambda x: -x[1])))
    for km, got, text in sorted(misses, reverse=True)[:args.show]:
        print(f"    {km:7.0f} km  {got:32.32}  {text}")
    for line in false_alarms[:args.show]:
        print(f"    false alarm  {line}")


if __name__ == "__main__":
    main()
