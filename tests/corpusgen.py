"""Generated news articles about incidents, for robustness tests and the corpus bench.

Deterministic for a given seed: the same `n` and `seed` give the same corpus, byte for
byte, so two runs over it can be compared.  Articles read like wire reports: a headline,
a dateline with a real town (Syria, Ukraine, Iraq, the United States), one to three
incident sentences (mass grave, airstrike, shelling, mine, execution, detention site)
with dates and victim counts, and filler paragraphs so they reach the wanted length.

    from tests.corpusgen import articles, write_txt_corpus, write_jsonl_corpus
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

TOWNS = {
    "Syria": ["Aleppo", "Raqqa", "Idlib", "Homs", "Hama", "Deir ez-Zor", "Douma", "Manbij",
              "Tabqa", "Palmyra", "Daraa", "Qamishli", "Kobani", "Saraqib", "Maarat al-Numan"],
    "Ukraine": ["Izium", "Bucha", "Kharkiv", "Mariupol", "Kherson", "Irpin", "Lyman",
                "Bakhmut", "Kramatorsk", "Sloviansk", "Chernihiv", "Mykolaiv", "Borodianka",
                "Kupiansk", "Sumy"],
    "Iraq": ["Mosul", "Sinjar", "Tikrit", "Fallujah", "Ramadi", "Kirkuk", "Baiji",
             "Tal Afar", "Hawija", "Samarra", "Baqubah", "Erbil"],
    "United States": ["Chicago", "Houston", "Memphis", "Dayton", "El Paso", "Uvalde",
                      "Buffalo", "Tulsa", "Baltimore", "Louisville"],
}
REGIONS = {
    "Syria": ["Aleppo province", "Idlib province", "Raqqa governorate"],
    "Ukraine": ["Kharkiv region", "Donetsk region", "Kyiv region"],
    "Iraq": ["Nineveh province", "Anbar province", "Salahuddin province"],
    "United States": ["Texas", "Ohio", "Illinois"],
}
OUTLETS = ["Reuters", "Associated Press", "Agence France-Presse", "Al Jazeera", "BBC News",
           "The Guardian", "Kyiv Independent", "Rudaw", "Enab Baladi", "The New York Times",
           "Middle East Eye", "Ukrainska Pravda"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

INCIDENTS = [
    ("mass grave",
     "Investigators said a mass grave holding {count} bodies was found {where} on {date}.",
     "Mass grave with {count} bodies found {where}"),
    ("exhumation",
     "Forensic teams began exhuming {count} bodies from a mass grave {where} on {date}.",
     "Exhumation of {count} bodies begins {where}"),
    ("airstrike",
     "An airstrike {where} on {date} killed {count} civilians, local officials said.",
     "Airstrike kills {count} civilians {where}"),
    ("shelling",
     "Heavy shelling {where} on {date} killed {count} people and wounded dozens more.",
     "Shelling kills {count} people {where}"),
    ("mine",
     "A landmine exploded {where} on {date}, killing {count} farmers, police said.",
     "Landmine kills {count} {where}"),
    ("execution",
     "Witnesses said gunmen executed {count} men {where} on {date}.",
     "{count} men executed {where}, witnesses say"),
    ("detention",
     "Former detainees described a torture site {where} where {count} people were held "
     "until {date}.",
     "Torture site held {count} people {where}"),
]
COUNTS = ["at least {n}", "around {n}", "more than {n}", "{n}", "dozens of", "nearly {n}"]
# Stock lines many reports share (one of them at most per article, as wire copy goes).
STOCK = [
    "The report could not be independently verified.",
    "Residents said the area had been cut off from electricity and water for weeks.",
    "Humanitarian organisations have called for an independent investigation.",
    "The United Nations said it was aware of the reports and was seeking more information.",
    "Local authorities promised to publish the names of the victims once they were "
    "identified.",
    "Relatives gathered outside the hospital, waiting for news of the missing.",
    "Officials said the investigation would take several months to complete.",
    "Human rights groups have documented similar incidents in the region since the "
    "start of the conflict.",
    "A spokesman declined to comment on the figures, citing the ongoing inquiry.",
    "Aid workers said access to the area remained difficult because of unexploded "
    "ordnance.",
    "Satellite images reviewed by analysts appeared to show freshly disturbed earth.",
    "The prosecutor's office opened a criminal case and asked witnesses to come forward.",
    "Survivors described nights spent in basements as the fighting moved closer.",
    "Engineers were working to restore the bridge, which had been damaged in the fighting.",
    "Schools in the district remained closed and many families had left for safer areas.",
]


# Background paragraphs are composed from these, so that unrelated articles share few
# word 5-grams, as real reports do (about 1-3% of them): a corpus built from a handful of
# fixed sentences would look like one long wire story told thousands of times.
PEOPLE = ["Ahmad", "Olena", "Mohammed", "Iryna", "Khalid", "Natalia", "Yusuf", "Oksana",
          "Samir", "Halyna", "Omar", "Tetiana", "Rami", "Svitlana", "Hassan", "Maria",
          "James", "Sarah", "Ali", "Viktor", "Layla", "Andriy", "Noura", "Dmytro"]
SURNAMES = ["Haddad", "Kovalenko", "al-Hassan", "Shevchenko", "Mansour", "Bondarenko",
            "Khalil", "Melnyk", "Saleh", "Tkachenko", "Nasser", "Kravchenko", "Darwish",
            "Oliynyk", "Youssef", "Polishchuk", "Smith", "Hamdan", "Rudenko", "Aziz"]
ROLES = ["a teacher", "a local doctor", "a shopkeeper", "a volunteer", "a farmer",
         "a council member", "a nurse", "an engineer", "a driver", "a retired officer",
         "a student", "a priest", "a paramedic", "a journalist", "a mechanic"]
GROUPS = ["the regional health department", "a local aid group", "the city council",
          "the district prosecutor", "a human rights monitor", "the civil defence service",
          "a volunteer network", "the interior ministry", "a church charity",
          "the local hospital", "an international relief agency", "the police"]
DID = ["counted", "registered", "buried", "identified", "evacuated", "treated",
       "interviewed", "sheltered", "fed", "searched for"]
WHO = ["residents", "families", "children", "patients", "displaced people", "elderly people",
       "survivors", "workers", "witnesses", "students"]
SAW = ["heard explosions", "saw smoke", "lost power", "ran out of water", "hid in a basement",
       "fled to a village nearby", "waited for news", "saw armoured vehicles",
       "buried a neighbour", "heard gunfire"]
WHEN = ["that night", "before dawn", "the next morning", "for three days", "last winter",
        "in the spring", "for weeks", "over the weekend", "after the ceasefire",
        "during the siege"]
PLACES = ["the market", "the old bridge", "the hospital", "a school", "the bakery",
          "the railway station", "the mosque", "the church", "a factory", "the stadium",
          "the water plant", "the main road"]
NEED = ["generators", "insulin", "blankets", "clean water", "fuel", "baby formula",
        "surgeons", "building materials", "diesel", "antibiotics"]


def _background(rng: random.Random) -> str:
    """One sentence of background, from templates with a slot every few words."""
    who = f"{rng.choice(PEOPLE)} {rng.choice(SURNAMES)}"
    n = rng.randrange(3, 900)
    return rng.choice([
        f"{who}, {rng.choice(ROLES)}, said {rng.choice(WHO)} {rng.choice(SAW)} "
        f"{rng.choice(WHEN)}.",
        f"{rng.choice(GROUPS).capitalize()} {rng.choice(DID)} {n} {rng.choice(WHO)} "
        f"{rng.choice(WHEN)}.",
        f"Near {rng.choice(PLACES)}, {rng.choice(WHO)} {rng.choice(SAW)} {rng.choice(WHEN)}, "
        f"{who} recalled.",
        f"{rng.choice(GROUPS).capitalize()} asked for {rng.choice(NEED)} and "
        f"{rng.choice(NEED)} for {n} {rng.choice(WHO)}.",
        f"\"We {rng.choice(SAW)} {rng.choice(WHEN)},\" {who}, {rng.choice(ROLES)}, told "
        "reporters.",
        f"Damage to {rng.choice(PLACES)} and {rng.choice(PLACES)} left {n} "
        f"{rng.choice(WHO)} without {rng.choice(NEED)}.",
    ])


def _date_phrase(rng: random.Random, day: date) -> str:
    style = rng.randrange(3)
    if style == 0:
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if style == 1:
        return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    return f"{day:%A} ({day.day} {MONTHS[day.month - 1]})"


def _where(rng: random.Random, town: str, country: str) -> str:
    style = rng.randrange(5)
    if style == 0:
        return f"in {town}"
    if style == 1:
        return f"near {town}"
    if style == 2:
        return f"{rng.choice([5, 10, 12, 20, 25])} km {rng.choice(['north', 'south', 'east', 'west'])} of {town}"  # noqa: E501
    if style == 3:
        return f"in {town}, {country}"
    return f"on the outskirts of {town} in {rng.choice(REGIONS[country])}"


def article(i: int, *, seed: int = 0, length: int = 2500) -> dict:
    """One article as a record: id, title, text, outlet, published, url."""
    rng = random.Random(seed * 1_000_003 + i)
    country = rng.choice(list(TOWNS))
    town = rng.choice(TOWNS[country])
    published = date(2014, 1, 1) + timedelta(days=rng.randrange(3650))
    event = published - timedelta(days=rng.randrange(1, 10))
    kind, sentence, headline = rng.choice(INCIDENTS)
    count = rng.choice(COUNTS).format(n=rng.randrange(3, 400))
    outlet = rng.choice(OUTLETS)
    where = _where(rng, town, country)
    title = headline.format(count=count.split()[-1] if count[0].isalpha() else count,
                            where=f"in {town}")
    title = title[0].upper() + title[1:]
    paras = [
        f"{town.upper()}, {country} ({outlet}) - "
        + sentence.format(count=count, where=where, date=_date_phrase(rng, event)),
    ]
    for _ in range(rng.randrange(0, 3)):
        other_kind, other, _ = rng.choice(INCIDENTS)
        other_town = rng.choice(TOWNS[country])
        other_day = event - timedelta(days=rng.randrange(1, 60))
        paras.append(other.format(count=rng.choice(COUNTS).format(n=rng.randrange(2, 90)),
                                  where=_where(rng, other_town, country),
                                  date=_date_phrase(rng, other_day)))
    if rng.random() < 0.5:
        paras.append(rng.choice(STOCK))
    while sum(len(p) + 1 for p in paras) + len(title) < length:
        paras.append(" ".join(_background(rng) for _ in range(rng.randrange(2, 5))))
    paras.append(f"Copyright {published.year} {outlet}. All rights reserved.")
    text = title + "\n" + "\n".join(paras) + "\n"
    return {
        "id": f"art{i:06d}",
        "title": title,
        "text": text,
        "outlet": outlet,
        "published": published.isoformat(),
        "url": f"https://news.example.org/{published:%Y/%m/%d}/art{i:06d}",
    }


def articles(n: int, *, seed: int = 0, length: int = 2500) -> Iterator[dict]:
    for i in range(n):
        yield article(i, seed=seed, length=length)


def write_txt_corpus(folder: Path, n: int, *, seed: int = 0, length: int = 2500) -> Path:
    """`n` .txt articles (the headline is the first line) plus a metadata.csv beside them."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "metadata.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "outlet", "published", "url"])
        for rec in articles(n, seed=seed, length=length):
            name = f"{rec['id']}.txt"
            (folder / name).write_text(rec["text"], encoding="utf-8")
            w.writerow([name, rec["outlet"], rec["published"], rec["url"]])
    return folder


def write_jsonl_corpus(path: Path, n: int, *, seed: int = 0, length: int = 2500) -> Path:
    """`n` articles as one JSON Lines file of {id, title, text, outlet, published, url}."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for rec in articles(n, seed=seed, length=length):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    for rec in articles(2, seed=1):
        print(rec["text"], len(rec["text"]))
