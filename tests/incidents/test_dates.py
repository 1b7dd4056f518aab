"""Dates in news text: rules, the seed articles, kinds, publication estimates, properties."""

from __future__ import annotations

import csv
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.incidents.dates import (
    DateMention,
    _dp,
    date_kind,
    estimate_published,
    find_dates,
    looks_like_boilerplate,
    weekday_years,
)
from geo.read.published import published_range

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"
DEC_2016 = published_range("2016-12")
DAY = (date(2016, 12, 20), date(2016, 12, 20))  # a Tuesday


def seed(prefix: str) -> tuple[str, tuple[date, date]]:
    rows = {r["file"]: r for r in csv.DictReader((SEEDS / "metadata.csv").open())}
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8"), published_range(rows[path.name]["published"])


def one(text: str, published=DAY, phrase: str | None = None) -> DateMention:
    """The single mention of `phrase` (or the only mention) in `text`."""
    found = [m for m in find_dates(text, published) if phrase is None or m.text == phrase]
    assert len(found) == 1, [m.text for m in find_dates(text, published)]
    return found[0]


def rng(m: DateMention) -> tuple[str, str, str]:
    return m.date_start.isoformat(), m.date_end.isoformat(), m.precision


# ---------------------------------------------------------------------------------------
# dateparser-backed phrases


@pytest.mark.parametrize("text, expected", [
    ("in March 2017", ("2017-03-01", "2017-03-31", "month")),
    ("December 2016", ("2016-12-01", "2016-12-31", "month")),
    ("2014", ("2014-01-01", "2014-12-31", "year")),
    ("in 2014, the war", ("2014-01-01", "2014-12-31", "year")),
    ("on 26 December 2016", ("2016-12-26", "2016-12-26", "day")),
    ("on the 26th of December 2016", ("2016-12-26", "2016-12-26", "day")),
    ("on December 26, 2016", ("2016-12-26", "2016-12-26", "day")),
    ("on Monday, 26 December 2016", ("2016-12-26", "2016-12-26", "day")),
    ("on 2016-12-26", ("2016-12-26", "2016-12-26", "day")),
    ("on 25/12/2016", ("2016-12-25", "2016-12-25", "day")),
    ("on 05/12/2016", ("2016-12-05", "2016-12-05", "day")),  # DMY order
    ("on 12/25/2016", ("2016-12-25", "2016-12-25", "day")),  # only MDY is a real day
    ("in August, 2014", ("2014-08-01", "2014-08-31", "month")),
    # a day as translated from Spanish or Portuguese ("15 de febrero de 2020")
    ("this Saturday 15 of February of 2020", ("2020-02-15", "2020-02-15", "day")),
])
def test_absolute_dates_need_no_publication_date(text, expected):
    m = one(text, published=None)
    assert rng(m) == expected
    assert not m.relative


@pytest.mark.parametrize("text, expected", [
    ("three days ago", ("2016-12-17", "2016-12-17", "day")),
    ("two weeks ago", ("2016-12-05", "2016-12-11", "week")),
    ("a few days ago", ("2016-12-13", "2016-12-18", "days")),
    ("yesterday", ("2016-12-19", "2016-12-19", "day")),
    ("today", ("2016-12-20", "2016-12-20", "day")),
    ("last night", ("2016-12-19", "2016-12-19", "day")),
    ("last Thursday", ("2016-12-15", "2016-12-15", "day")),
    ("said on Monday", ("2016-12-19", "2016-12-19", "day")),
    ("said on Tuesday", ("2016-12-20", "2016-12-20", "day")),  # the paper's own day
    ("last week", ("2016-12-12", "2016-12-18", "week")),
    ("this weekend", ("2016-12-24", "2016-12-25", "days")),
    ("in April", ("2016-04-01", "2016-04-30", "month")),
    ("on 24 February", ("2016-02-24", "2016-02-24", "day")),
    ("last December", ("2015-12-01", "2015-12-31", "month")),
    # an anniversary's own day, N years back
    ("Ten years ago tonight", ("2006-12-20", "2006-12-20", "day")),
    ("A year ago yesterday", ("2015-12-19", "2015-12-19", "day")),
    ("two years ago this week", ("2014-12-15", "2014-12-21", "week")),
    ("six months ago today", ("2016-06-20", "2016-06-20", "day")),
    ("Thirty years ago tonight", ("1986-12-20", "1986-12-20", "day")),
    ("twenty-five years ago today", ("1991-12-20", "1991-12-20", "day")),
])
def test_relative_to_a_publication_day(text, expected):
    m = one(text)
    assert rng(m) == expected
    assert m.relative


def test_relative_widened_over_a_publication_month():
    m = one("the government took control of it from rebels last Thursday", DEC_2016)
    # Thursdays before 1 December 2016 ... before 31 December 2016: every possible day.
    assert (m.date_start, m.date_end) == (date(2016, 11, 24), date(2016, 12, 29))
    assert m.relative


def test_relative_widened_over_a_publication_year():
    m = one("attacks in Raqqa last year violated international law", published_range("2018"))
    assert rng(m) == ("2017-01-01", "2017-12-31", "year")


def test_weekday_narrows_a_day_without_year():
    # 26 December 2015 was a Saturday: only 2016 fits a December 2016 article.
    m = one("told TASS reporters on Monday (26 December).", DEC_2016)
    assert rng(m) == ("2016-12-26", "2016-12-26", "day")
    assert m.text == "Monday (26 December)"


def test_without_publication_date_relative_phrases_are_skipped():
    text = "Rebels left last Thursday; on 24 February and in April they fought. In 2014 too."
    assert [m.text for m in find_dates(text, None)] == ["2014"]


# ---------------------------------------------------------------------------------------
# Own rules


@pytest.mark.parametrize("text, published, expected", [
    ("fighting in mid-March", DAY, ("2016-03-11", "2016-03-20", "days")),
    ("fighting in mid-March 2017", None, ("2017-03-11", "2017-03-20", "days")),
    ("killed in early March", DAY, ("2016-03-01", "2016-03-10", "days")),
    ("killed in late February 2016", None, ("2016-02-21", "2016-02-29", "days")),
    ("at the end of March 2017", None, ("2017-03-21", "2017-03-31", "days")),
    ("found earlier this month", DAY, ("2016-12-01", "2016-12-19", "month")),
    ("found last month", DEC_2016, ("2016-11-01", "2016-11-30", "month")),
    ("found this year", published_range("2018"), ("2018-01-01", "2018-12-31", "year")),
    ("found last year", published_range("2018"), ("2017-01-01", "2017-12-31", "year")),
    ("retaken in March this year", published_range("2017"), ("2017-03-01", "2017-03-31", "month")),
    ("on the night of 14 to 15 September", DAY, ("2016-09-14", "2016-09-15", "days")),
    ("on the night of 14-15 September 2015", None, ("2015-09-14", "2015-09-15", "days")),
    ("on the night of 14 September 2015", None, ("2015-09-14", "2015-09-15", "days")),
    # the date says which night, whatever the report's own date
    ("overnight on 14-15 September 2015", DAY, ("2015-09-14", "2015-09-15", "days")),
    ("on 31 December 2015 and 1 January 2016", None, ("2015-12-31", "2016-01-01", "days")),
    ("during the week of 14 September 2015", None, ("2015-09-14", "2015-09-20", "week")),
    ("between 2014 and 2016", None, ("2014-01-01", "2016-12-31", "year")),
    ("between March and May 2017", None, ("2017-03-01", "2017-05-31", "year")),
    ("between 14 and 15 September 2015", None, ("2015-09-14", "2015-09-15", "days")),
    ("from 30 September to 2 October 2016", None, ("2016-09-30", "2016-10-02", "days")),
    ("in the 1990s", None, ("1990-01-01", "1999-12-31", "year")),
    ("the 1990s", DAY, ("1990-01-01", "1999-12-31", "year")),
    ("in the late 1990s", None, ("1997-01-01", "1999-12-31", "year")),
    ("since March 2015", DAY, ("2015-03-01", "2016-12-20", "year")),
    ("since last Thursday", DAY, ("2016-12-15", "2016-12-20", "days")),
    ("the 2014-2016 war", None, ("2014-01-01", "2016-12-31", "year")),
])
def test_own_rules(text, published, expected):
    assert rng(one(text, published)) == expected


def test_that_year_follows_the_text():
    text = ("It was reported in 2014, that over 50 soldiers perished in the assault "
            "in July that year.")
    m = one(text, None, "July that year")
    assert rng(m) == ("2014-07-01", "2014-07-31", "month")


def test_since_without_publication_keeps_the_date_itself():
    assert rng(one("besieged since 2014", None)) == ("2014-01-01", "2014-12-31", "year")


def test_dateline_is_a_report_date():
    m = one("BEIRUT, Dec 12 (Reuters) - Syrian jets struck the town on Monday.", DAY,
            "Dec 12")
    assert rng(m) == ("2016-12-12", "2016-12-12", "day")
    assert m.kind == "report"
    m = one("BEIRUT, Dec 12, 2016 (Reuters) - Jets struck.", None)
    assert (m.text, m.kind) == ("Dec 12, 2016", "report")


def test_a_dateline_opening_the_first_paragraph_is_a_report_date():
    # (written for this test) a press release's "(Place, date) -" under its heading lines,
    # and a bare "date -" under a title: the day the text was filed, not the event's
    text = ("Rights group urges inquiry\nGovernments should act\n\n(Geneva, May 30, 2023) - "
            "Two months after the fire, no one has been charged.\n\nOn March 27, a fire "
            "broke out in a cell.")
    found = find_dates(text, (date(2023, 5, 30), date(2023, 5, 30)))
    assert [(m.text, m.kind) for m in found] == [("May 30, 2023", "report"),
                                                 ("March 27", "event")]
    m = one("UN condemns attack\n\n16 May 2017 - The mission condemned the attack.", None)
    assert (m.text, m.kind) == ("16 May 2017", "report")
    # ... but a date that opens a later sentence of a paragraph is no dateline
    m = one("Attack\n\nThe town was hit. 16 May 2017 - a day no one forgets.", None)
    assert m.kind == "event"


def test_a_date_opening_what_a_report_tells_is_the_events():
    # "recalls that on 29 November ...": the date is the told event's, not the telling's
    m = one("The UN reported that on 29 November 2015 aircraft struck the market.", None)
    assert m.kind == "event"
    m = one("Officials said on Monday that the graves held 40 bodies.", DAY)
    assert m.kind == "report"


def test_a_look_backs_day_without_a_year_goes_on_in_the_year_it_wrote():
    # (written for this test) a feature thirty years on: "November 18" after "December 6,
    # 1991" is 1991's, not the year before publication; so are the days after it
    text = ("From dawn on December 6, 1991, shells fell on the old town. After the fall of "
            "the town on November 18, men were held at a farm between November 19 and "
            "December 22.")
    found = find_dates(text, (date(2021, 10, 18), date(2021, 10, 18)))
    assert [(m.text, m.date_start.year) for m in found] == [
        ("December 6, 1991", 1991), ("November 18", 1991),
        ("between November 19 and December 22", 1991)]
    # ... but a year written only a year or two before publication is no look-back
    [_, m] = find_dates("In 2019 the town was shelled. On 3 March gunmen killed 20.",
                        (date(2021, 6, 1), date(2021, 6, 1)))
    assert m.date_start == date(2021, 3, 3)


def test_monitors_marks_on_a_date_qualify_it():
    # "(month of)": the day stands for its month; "(as reported)": how the date is known
    m = one("On 5 March 2023 (month of), gunmen killed 7 civilians in a village.", None)
    assert rng(m) == ("2023-03-01", "2023-03-31", "month") and m.kind == "event"
    m = one("Around 5 March 2023 (as reported), militia killed 7 civilians.", None)
    assert rng(m) == ("2023-03-05", "2023-03-05", "day") and m.kind == "event"
    m = one("The governor said on 5 March 2023 (as reported by radio) that 7 died.", None)
    assert m.kind == "report"


def test_an_opening_date_before_a_comma_dates_the_verb_after_it():
    text = ("In June, the coalition admitted killing 40 civilians in airstrikes on a school "
            "in March 2017.")
    june, march = find_dates(text, (date(2018, 8, 1), date(2018, 8, 1)))
    assert (june.kind, march.kind) == ("report", "event")
    # ... while a date that ends a sentence before ", X said" is still the event's
    [d] = find_dates("Jets struck the market on 12 May 2023, the ministry said.", None)
    assert d.kind == "event"


# ---------------------------------------------------------------------------------------
# Pitfalls


@pytest.mark.parametrize("text", [
    "at least 63 Syrian soldiers",
    "1,236 bodies were found",
    "99 percent of the exhumed bodies",
    "people who for eight years are suffering",
    "for the first time in four years",
    "They may march on the capital.",
    "The sun rose; a second attack.",
    "In 2000 people died and some 2014 people fled; flight 2014 landed.",
    "Jan Egeland said so.",
    "the 17th Division",
    "80 percent of the city; 270,000 people",
    "for 15 months after it initially surfaced",
])
def test_not_dates(text):
    assert find_dates(text, DAY) == []


def test_dateparser_base_guard():
    # dateparser answers "the 1990s" with the base (minus 1990 seconds): never a date.
    assert _dp("the 1990s", date(2016, 12, 31)) is None
    assert _dp("today", date(2016, 12, 31)) == (date(2016, 12, 31), "day")


def test_month_verb_and_count_after_month():
    assert [m.text for m in find_dates("In March 15 people were killed.", DAY)] == ["March"]
    assert [m.text for m in find_dates("March on Washington", DAY)] == []


def test_spans_leave_out_prepositions():
    text = "On February 24, Russia launched its operation; in 2014 it began."
    assert [m.text for m in find_dates(text, DAY)] == ["February 24", "2014"]


# ---------------------------------------------------------------------------------------
# Seeds


def test_seed_000_published_2016_12():
    text, pub = seed("000")
    found = {m.text: m for m in find_dates(text, pub)}
    assert rng(found["Monday (26 December)"]) == ("2016-12-26", "2016-12-26", "day")
    assert found["Monday (26 December)"].kind == "report"
    assert rng(found["Wednesday (21 December)"]) == ("2016-12-21", "2016-12-21", "day")
    assert found["2024"].kind == "report"  # the copyright line


def test_seed_001_published_2016_12():
    text, pub = seed("001")
    found = {m.text: m for m in find_dates(text, pub)}
    assert set(found) >= {"Monday", "last Thursday", "Friday", "this weekend"}
    assert found["Monday"].kind == "report"  # "claimed on Monday"
    assert (found["Monday"].date_start, found["Monday"].date_end) == (
        date(2016, 11, 28), date(2016, 12, 26))
    assert all(m.relative for m in found.values())
    assert "Jan" not in found and not any(m.text.startswith("in four") for m in found.values())


def test_seed_002_last_year_is_2017():
    text, pub = seed("002")
    found = {m.text: m for m in find_dates(text, pub)}
    assert rng(found["last year"]) == ("2017-01-01", "2017-12-31", "year")
    assert found["last year"].kind == "event"  # "attacks ... last year"
    assert rng(found["March 2017"]) == ("2017-03-01", "2017-03-31", "month")
    assert found["September 2017"].kind == "report"  # "previously reported the case"
    assert not any(m.text.startswith(("1,236", "15", "70")) for m in found.values())


def test_seed_003_march_this_year_is_2017_03():
    text, pub = seed("003")
    found = {m.text: m for m in find_dates(text, pub)}
    assert rng(found["March this year"]) == ("2017-03-01", "2017-03-31", "month")
    assert rng(found["August, 2014"]) == ("2014-08-01", "2014-08-31", "month")
    assert rng(found["July that year"]) == ("2014-07-01", "2014-07-31", "month")
    assert found["2014"].kind == "report"  # "It was reported in 2014"
    assert "17th" not in found


def test_seed_004_february_24_and_april():
    text, pub = seed("004")
    found = {m.text: m for m in find_dates(text, pub)}
    assert rng(found["February 24"]) == ("2022-02-24", "2022-02-24", "day")
    assert found["February 24"].kind == "event"  # "Russia launched"
    assert rng(found["April"]) == ("2022-04-01", "2022-04-30", "month")
    assert found["Monday"].kind == "report"  # "Peskov said on Monday"
    assert rng(found["2014"]) == ("2014-01-01", "2014-12-31", "year")
    assert not any("eight" in t or "99" in t for t in found)


def test_offsets_are_exact_on_seeds():
    for path in SEEDS.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        for m in find_dates(text, DEC_2016):
            assert text[m.start:m.end] == m.text


# ---------------------------------------------------------------------------------------
# Kinds


@pytest.mark.parametrize("sentence, kind", [
    ("Nearly 1,236 bodies have so far been exhumed from three mass graves.", "exhumation"),
    ("A team began excavating the site.", "exhumation"),
    ("In September 1996 investigators opened a mass grave at the farm.", "exhumation"),
    ("Mass graves have been found near the city of Izyum.", "discovery"),
    ("Two mass graves were discovered by returning civilians.", "discovery"),
    ('"These are lies," the Kremlin\'s spokesman Dmitry Peskov said on Monday.', "report"),
    ("The coalition bombed the school.", "event"),
    ("Dozens of Syrians were executed by ISIS.", "event"),
    ("Russia launched its operation.", "event"),
    ("Nothing else happened.", "event"),
])
def test_date_kind(sentence, kind):
    assert date_kind(sentence) == kind


def test_nearest_cue_wins():
    s = ('"Mass burial sites have been found," the spokesman told TASS reporters on Monday '
         "(26 December).")
    i = s.index("Monday")
    assert date_kind(s, (i, len(s) - 1)) == "report"
    assert date_kind(s) == "discovery"


def test_an_attribution_after_a_comma_does_not_date_the_report():
    s = "Locals buried the bodies near the city between June 20-21, the UN statement said."
    i = s.index("between")
    assert date_kind(s, (i, s.index(","))) == "event"
    s2 = "The bodies were buried, the UN said on Thursday."
    i = s2.index("Thursday")
    assert date_kind(s2, (i, i + 8)) == "report"


def test_a_month_range_takes_the_year_written_once_at_its_end():
    pub = (date(2023, 5, 23), date(2023, 5, 23))
    [d] = find_dates("From graves dated May through July of last year, police exhumed "
                     "seven bodies.", pub)
    assert (d.date_start, d.date_end, d.kind) == (date(2022, 5, 1), date(2022, 7, 31), "event")


def test_days_named_by_their_holiday():
    pub = (date(2021, 12, 26), date(2021, 12, 26))
    [d] = find_dates("the Christmas Eve killings in the village", pub)
    assert (d.date_start, d.date_end) == (date(2021, 12, 24), date(2021, 12, 24))
    [d] = find_dates("The New Year's Day 2024 attack", pub)
    assert d.date_start == date(2024, 1, 1)
    assert find_dates("Christmas shopping resumed", pub) == []


def test_kinds_in_find_dates():
    text = ("The bodies were exhumed on 3 March 2019. The graves were found in January 2019. "
            "Officials said on 5 March 2019 that the victims were killed in 2015.")
    assert [(m.text, m.kind) for m in find_dates(text, None)] == [
        ("3 March 2019", "exhumation"), ("January 2019", "discovery"),
        ("5 March 2019", "report"), ("2015", "event")]


# ---------------------------------------------------------------------------------------
# Estimating a missing publication date


def test_weekday_years():
    assert [y for y in weekday_years(12, 26, 0, 2000, 2026)] == [2005, 2011, 2016, 2022]


def test_estimate_published_weekday_clue_most_recent_year():
    text = "The spokesman told TASS reporters on Monday (26 December) that graves were found."
    start, end, prec = estimate_published(text, today=date(2026, 6, 1))
    assert (start, prec) == (date(2022, 12, 26), "month")
    assert end == date(2026, 6, 1)  # nothing bounds an undated article but the day it is read


def test_estimate_published_weekday_clue_consistent_with_explicit_years():
    text = ("The spokesman said on Monday (26 December) that graves were found. "
            "The city had been besieged since 2014.")
    start, end, prec = estimate_published(text, today=date(2026, 6, 1))
    assert (start, prec) == (date(2016, 12, 26), "month")  # 2016, 2022 fit; 2016 is nearest


def test_estimate_published_seed_000_ignores_copyright_line():
    text, _ = seed("000")
    with_line = estimate_published(text, today=date(2026, 6, 1))
    assert with_line is not None and with_line[0] == date(2024, 1, 1)
    start, _, prec = estimate_published(text, boilerplate=looks_like_boilerplate,
                                        today=date(2026, 6, 1))
    # Only the weekday clue remains: the candidates are 2005, 2011, 2016 and 2022.
    assert start.month == 12 and start.year in (2005, 2011, 2016, 2022) and prec == "month"


def test_estimate_published_from_explicit_dates():
    text, _ = seed("002")  # latest explicit date: September 2017
    today = date(2026, 6, 1)
    assert estimate_published(text, today=today) == (date(2017, 9, 1), today, "month")
    start, end, prec = estimate_published("Raqqa was seized in 2014.", today=today)
    assert (start, end, prec) == (date(2014, 1, 1), today, "year")
    start, end, prec = estimate_published("Graves were exhumed on 3 March 2019.")
    assert (start, prec) == (date(2019, 3, 3), "day")


def test_estimate_published_read_more_line():
    text = "Graves were found in March 2017.\nREAD MORE: Raqqa in June 2019\n"
    assert estimate_published(text)[0] == date(2019, 6, 1)
    assert estimate_published(text, boilerplate=looks_like_boilerplate)[0] == date(2017, 3, 1)


def test_estimate_published_none():
    assert estimate_published("Graves were found last Thursday near the town.") is None
    assert estimate_published("") is None


# ---------------------------------------------------------------------------------------
# Properties

_WORDS = [
    "Monday", "(26", "December)", "last", "Thursday", "mid-March", "2014", "1990s", "the",
    "night", "of", "14", "to", "15", "September", "between", "and", "since", "May", "march",
    "Dec", "12", "(Reuters)", "-", "BEIRUT,", "year", "this", "month", "earlier", "ago",
    "three", "days", "29", "February", "31", "2016-02-30", "12/13/2016", "'90s", "early",
    "late", "9999", "0001", "1000", "2099", ",", ".", "\n", "©", "that", "next", "weekend",
    "week", "decade", "a", "few", "on", "in", "said", "exhumed", "found",
]
_texts = st.text() | st.lists(st.sampled_from(_WORDS) | st.text(max_size=3),
                              max_size=30).map(" ".join)
_pubs = (st.none() | st.dates().map(lambda d: (d, d))
         | st.tuples(st.dates(), st.dates()).map(lambda t: tuple(sorted(t))))


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(_texts, _pubs)
def test_never_raises_and_spans_are_exact(text, published):
    for m in find_dates(text, published):
        assert m.text and text[m.start:m.end] == m.text
        assert m.date_start <= m.date_end
        assert m.relative <= (published is not None)
    estimate_published(text, boilerplate=looks_like_boilerplate)


_FORMATS = [
    lambda d: f"{d.day} {d:%B} {d.year}",
    lambda d: f"{d:%B} {d.day}, {d.year}",
    lambda d: f"{d:%A}, {d.day} {d:%B} {d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
]


@settings(max_examples=200, deadline=None)
@given(st.dates(date(1900, 1, 1), date(2099, 12, 31)), st.sampled_from(_FORMATS), _pubs)
def test_full_dates_round_trip(d, fmt, published):
    text = f"The graves were found on {fmt(d)} near the town."
    m = one(text, published)
    assert (m.date_start, m.date_end, m.precision) == (d, d, "day")
    assert m.kind == "discovery" and not m.relative


@settings(max_examples=200, deadline=None)
@given(st.dates(date(1901, 1, 1), date(2099, 12, 31)), st.integers(0, 40),
       st.sampled_from(list(range(7))))
def test_relative_ranges_cover_every_publication_day(lo, width, weekday):
    """"last <weekday>" over a range equals the union of the answers for each day."""
    hi = lo + timedelta(days=width)
    name = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    text = f"They left last {name[weekday]}."
    m = one(text, (lo, hi))
    days = [one(text, (lo + timedelta(days=i),) * 2).date_start for i in range(width + 1)]
    assert (m.date_start, m.date_end) == (min(days), max(days))
    assert all(d.weekday() == weekday and d < lo + timedelta(days=i)
               for i, d in enumerate(days))


def test_speed_on_an_article():
    text, pub = seed("001")
    text = (text * 2)[:3000]
    find_dates(text, pub)  # warm-up: imports dateparser, fills its cache
    t0 = time.perf_counter()
    runs = 20
    for _ in range(runs):
        find_dates(text, pub)
    per = (time.perf_counter() - t0) / runs * 1000
    print(f"\nfind_dates on {len(text)} characters: {per:.1f} ms after warm-up")


# --- scanning around anchors -----------------------------------------------------------------

_PHRASES = ["14 March 2016", "March 14, 2016", "the night of 14 to 15 March", "between 3 and 5 "
            "May 2017", "SEPTEMBER 2015", "Sept. 3", "in July", "since 2014", "2014-2016",
            "the 1990s", "late '80s", "early March", "the end of 2019", "last month",
            "earlier this year", "three weeks ago", "a couple of years ago", "yesterday",
            "last night", "this morning", "last Tuesday", "Thurs., June 2", "2016-12-20",
            "20/12/2016", "March of last year", "in 2015", "1,2016", "12016", "2016 per cent",
            "May", "may", "Monday night"]


def _all_ways(text: str) -> None:
    from geo.incidents.dates import _MATCHERS, matches

    memo: dict = {}
    for pattern, _ in _MATCHERS:
        whole = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in matches(pattern, text, memo)] == whole


def test_anchor_windows_find_what_a_whole_scan_finds_on_the_seeds():
    for path in sorted(SEEDS.glob("*.txt")):
        _all_ways(path.read_text(encoding="utf-8"))


@given(st.lists(st.sampled_from(_PHRASES) | st.text(max_size=30), max_size=40),
       st.lists(st.sampled_from([" ", ", ", ". ", "\n", " and ", " - ", " to ", ""]),
                min_size=40, max_size=40))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_anchor_windows_find_what_a_whole_scan_finds(pieces, seps):
    _all_ways("".join(p + s for p, s in zip(pieces, seps, strict=False)))


def test_recent_day_month_agrees_with_dateparser():
    import random

    from geo.incidents.dates import _FULL_MONTHS, _recent_day_month

    rng = random.Random(4)
    cases = [(2, 29, date(2017, 3, 1)), (12, 31, date(2016, 12, 31)), (1, 1, date(2016, 1, 1))]
    for _ in range(300):
        base = date(1995, 1, 1) + timedelta(days=rng.randrange(365 * 30))
        near = base + timedelta(days=rng.randrange(-2, 3))
        cases += [(rng.randint(1, 12), rng.randint(1, 28), base), (near.month, near.day, base)]
    for month, day, base in cases:
        hit = _dp(f"{day} {_FULL_MONTHS[month - 1]}", base)
        if hit and (hit[0].month, hit[0].day) == (month, day) and hit[0] <= base:
            assert _recent_day_month(month, day, base) == hit[0], (month, day, base)


def test_two_days_weeks_apart_are_two_dates():
    # "on 3 May and 20 June": two dates, not one seven-week event
    assert rng(find_dates("killed on 3 May 2016 and 20 June 2016", None)[0]) == \
        ("2016-05-03", "2016-05-03", "day")


def test_what_began_is_the_verb_after_it():
    # "on Thursday began exhuming": the exhumation's date, not an event's ("began" alone,
    # as in "the offensive began on 24 February", still dates an event)
    s = "Forensic teams on Thursday began exhuming the bodies of 12 people."
    i = s.index("Thursday")
    assert date_kind(s, (i, i + 8)) == "exhumation"
    s2 = "The offensive began on 24 February."
    i = s2.index("24")
    assert date_kind(s2, (i, i + 11)) == "event"


def test_a_day_that_recurs_is_no_events_date():
    pub = (date(2013, 3, 16), date(2013, 3, 16))
    assert find_dates("Every year on March 16 the sirens sound at eleven.", pub) == []
    assert [d.date_start for d in find_dates("On March 16 the town was gassed.", pub)] == [
        date(2013, 3, 16)]


@pytest.mark.parametrize(("text", "expected"), [
    # a look back: the event that many years before publication, as a year
    ("The sirens marked a quarter of a century since warplanes dropped gas on the town.",
     ("1991-01-01", "1991-12-31", "year")),
    ("Twenty years after the massacre, families still wait.",
     ("1996-01-01", "1996-12-31", "year")),
])
def test_years_since_an_event_date_it_that_many_years_back(text, expected):
    assert rng(one(text)) == expected


def test_years_after_something_inside_a_sentence_dates_nothing():
    # "it came five years after a ceasefire": the ceasefire's time, not the news
    assert find_dates("The attack came five years after a ceasefire.", DAY) == []


def test_a_weekday_n_years_ago_is_no_day_of_the_publication_week():
    # "on Easter Sunday morning five years ago": the year, not last Sunday
    got = find_dates("At 8.45 on Easter Sunday morning five years ago, a man walked in.",
                     (date(2024, 4, 21), date(2024, 4, 21)))
    assert [(d.date_start, d.date_end) for d in got] == [(date(2019, 1, 1),
                                                          date(2019, 12, 31))]


# --- session 17 (sentences written here) -------------------------------------------------

@pytest.mark.parametrize("phrase", ["June 16 last year", "16 June last year",
                                    "the night of June 16 last year"])
def test_a_day_of_last_year_is_in_last_year(phrase):
    m = one(f"Her son was killed on {phrase}, when rebels attacked.",
            (date(2024, 6, 16), date(2024, 6, 16)))
    assert m.date_start == m.date_end == date(2023, 6, 16)


def test_a_day_of_this_year_is_in_this_year():
    m = one("The raid came on 3 March this year.", (date(2024, 6, 16), date(2024, 6, 16)))
    assert m.date_start == date(2024, 3, 3)


def test_a_tolls_rise_is_dated_as_news_not_as_the_attack():
    assert one("The death toll from the assault on the hotel rose to 30 on Sunday.").kind \
        == "report"


def test_without_a_publication_date_the_texts_year_goes_on():
    found = find_dates("The first came on the night of 24 July 2015. The second came on "
                       "26 October.", None)
    assert [(m.text, m.date_start) for m in found][-1] == ("26 October", date(2015, 10, 26))
    # with no year written before it, a day and month stay unknown
    assert find_dates("The second came on 26 October.", None) == []


def test_of_the_years_an_estimated_publication_allows_the_texts_own_year_wins():
    pub = (date(2015, 1, 1), date(2026, 1, 1))
    found = find_dates("In 2015 the strikes began. Jets bombed a hospital on 26 October.", pub)
    assert found[-1].date_start == found[-1].date_end == date(2015, 10, 26)


def test_a_month_and_day_before_a_noun_is_a_date_not_a_count():
    # (written for this test) "the June 30 shootout"; "March 15 people" stays a count
    assert one("A woman who survived the June 30 shootout spoke.", DAY).date_start \
        == date(2016, 6, 30)
    assert find_dates("March 15 people were killed.", DAY) == []


def test_the_day_before_a_tolls_rise_is_the_attacks():
    # (written for this test)
    text = "The toll from the bombings on Easter Sunday rose to 290 on Monday."
    kinds = {m.text: m.kind for m in find_dates(text, (date(2019, 4, 22), date(2019, 4, 22)))}
    assert kinds["Sunday"] != "report" and kinds["Monday"] == "report"


def test_since_a_day_when_something_happened_is_that_day():
    # (written for this test) a comparison's earlier event, not a period from that day
    pub = (date(2023, 10, 6), date(2023, 10, 6))
    text = "It was the deadliest attack since 28 April 2023, when a missile hit a block in Uman."
    [d] = find_dates(text, pub)
    assert (d.date_start, d.date_end) == (date(2023, 4, 28), date(2023, 4, 28))
    # ... while "since" alone still opens a period up to publication
    [p] = find_dates("Shelling has not stopped since 28 April 2023.", pub)
    assert (p.date_start, p.date_end) == (date(2023, 4, 28), date(2023, 10, 6))
