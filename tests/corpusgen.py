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
FILLER = [
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
    filler = FILLER[:]
    while sum(len(p) + 1 for p in paras) + len(title) < length:
        rng.shuffle(filler)
        paras.append(" ".join(filler[: rng.randrange(2, 5)]))
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
