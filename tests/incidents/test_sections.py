"""Paragraphs a heading opens: roundups tell one incident under each (texts written here)."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from geo.incidents.claims import analysis_text, extract
from geo.incidents.sections import find_sections
from geo.incidents.sentences import split_sentences
from geo.incidents.taxonomy import load_taxonomy
from geo.places.parse import parse_text
from geo.read import Document


@pytest.fixture(scope="module")
def tax():
    return load_taxonomy()


def extracted(gaz, tax, text: str, published: date):
    """What `extract` finds in an untitled text published on that day."""
    doc = Document(id="t", text=text, source="test", published=published.isoformat(),
                   sha256=hashlib.sha256(text.encode()).hexdigest())
    body, title_end = analysis_text(doc)
    return extract(doc, parse_text(body, gaz), tax, published=(published, published, "day"),
                   estimated=False, text=body, title_end=title_end)


def rows(found, *fields) -> list[tuple]:
    """The claims' `fields` (dates as ISO strings), sorted: what a test compares."""
    def value(c, f):
        v = getattr(c, f)
        return v.isoformat() if hasattr(v, "isoformat") else v
    return sorted(tuple(value(c, f) for f in fields) for c in found.claims)


def headings(gaz, text: str, title: str = "Weekly roundup") -> list[str]:
    doc = Document(id="t", title=title, text=text, source="test",
                   sha256=hashlib.sha256(text.encode()).hexdigest())
    body, title_end = analysis_text(doc)
    sections = find_sections(body, split_sentences(body, title_end), parse_text(body, gaz))
    return [body[a:].split("\n")[0][:24] for a in sorted(set(sections.values()))]


@pytest.mark.parametrize("text", [
    "Mosul, 3 May: a car bomb killed nine people.\n\nKirkuk, 5 May: shells hit a school.",
    "1. Mosul, 3 May 2017\nA car bomb killed nine people.\n2. Kirkuk city market, 5 May 2017\n"
    "Shells hit the market.",
    "Mosul, Nineveh (3 May)\nA car bomb killed nine people.\n\nKirkuk (5 May)\nShells hit "
    "a school.",
    "Roundup\n\nNAJAF: A car bomb killed nine people.\n\nKIRKUK: Shells hit a school.",
    "Mosul. On 3 May a car bomb killed nine people.\n\nKirkuk. On 5 May shells hit a school.",
])
def test_headings_of_many_shapes_open_sections(gaz, text):
    assert len(headings(gaz, text)) == 2


@pytest.mark.parametrize("text", [
    # one heading is a dateline or a speaker, not a roundup
    "Mosul, 3 May: a car bomb killed nine people.\n\nPolice said the bomber fled.",
    # headings of no place and no date open no incident
    "Summary\nA bad month.\n\nRecommendations\nProtect civilians.",
    # sentences that open paragraphs are no headings
    "A car bomb killed nine people in Mosul.\n\nShells hit a school in Kirkuk. Nobody died.",
])
def test_what_is_no_heading(gaz, text):
    assert headings(gaz, text) == []


def test_each_headed_paragraph_is_an_incident_of_its_own(gaz, tax):
    # (written for this test) the same city on another day, a year the text never
    # writes, the figure in the paragraph's next sentence, a heading on its own line
    text = ("A week of attacks\n\nThree attacks in three days killed dozens of people.\n\n"
            "Kabul, 3 May: gunmen stormed a guesthouse and shot dead eleven guests.\n\n"
            "Jalalabad, 4 May: a car bomb exploded at the gate of a charity's office. At "
            "least five people were killed.\n\nKabul, 5 May\nA suicide bomber blew himself "
            "up at a wedding hall. The toll reached 40 dead.")
    found = extracted(gaz, tax, text, date(2019, 5, 6))
    got = sorted((c.date_start.isoformat() if c.date_start else None, c.event_type,
                  c.count_best) for c in found.claims)
    assert got == [("2019-05-03", "execution_massacre", 11),
                   ("2019-05-04", "explosive_mine", 5),
                   ("2019-05-05", "explosive_mine", 40)], got
    whys = [b["why"] for b in found.background]
    assert any(w.startswith("a summary of the incidents") for w in whys), whys


def test_a_year_or_another_spelling_in_brackets_heads_a_section(gaz):
    # (written for this test) a look-back's cases under "Place, year." and "A (B), date."
    text = ("Three cases\n\nGrozny, 2000. Men were held in pits at the base.\n\n"
            "Palmyra (Tadmur), 1 April 2016. Engineers found a mass grave.")
    assert len(headings(gaz, text)) == 2


def test_a_heading_may_give_the_kind_of_place_and_the_weekday(gaz, tax):
    # (written for this test) a monitor's "notable massacres": "Town city, weekday day
    # month:" and "Town, Province suburbs:", each its own incident with its own date
    text = ("Monthly report\n\nThe group documented the killing of 900 civilians in "
            "December.\n\nMost notable massacres:\n\nIdlib city, Sunday 20 December: "
            "warplanes fired missiles at the market, killing 52 civilians.\n\nAriha, Idlib "
            "suburbs: The report recalls that on 29 November aircraft struck the vegetable "
            "market in Ariha, killing 44 civilians.")
    found = extracted(gaz, tax, text, date(2016, 1, 1))
    got = sorted((c.date_start.isoformat() if c.date_start else None, c.count_best)
                 for c in found.claims)
    assert got == [("2015-11-29", 44), ("2015-12-20", 52)], got


def test_the_heading_says_where_its_paragraph_happened(gaz, tax):
    # another town the paragraph names as elsewhere is no site of the heading's incident
    text = ("Two towns under fire\n\nGanja, 11 October 2020. A missile hit a block of flats "
            "at night, killing ten people.\n\nStepanakert, October 2020. Since late "
            "September the town has been hit almost daily by artillery and drones. Officials "
            "say at least 12 civilians have been killed there so far. In Azerbaijan, "
            "Armenian forces shelled towns including Tartar and Barda.")
    found = extracted(gaz, tax, text, date(2020, 10, 30))
    sites = {c.site_name for c in found.claims}
    assert "Khankendi" in sites and "Tartar" not in sites, sites


def test_three_headings_of_names_no_gazetteer_holds_open_sections(gaz):
    # (written for this test) two such headings could be stray one-word sentences
    text = ("Three sites\n\nOld Bazaar. On 2 May a shell hit the market.\n\nRed Barn. Men were "
            "held in the barn near Prijedor.\n\nBlue Ravine. In 1996 a grave was opened.")
    assert len(headings(gaz, text)) == 3
    assert headings(gaz, "Old Bazaar. On 2 May a shell hit the market.\n\nRed Barn. Men "
                         "were held in the barn.") == []


def test_a_heading_may_say_in_brackets_where_its_town_lies(gaz, tax):
    # (written for this test) a monitor's numbered headings: "1. Ariha (southern Idlib
    # countryside)", the area in plain words around the province's name
    text = ("Daily report\n\n1. Ariha (southern Idlib countryside)\nAt noon, warplanes fired "
            "missiles at the market in Ariha, killing 9 civilians.\n\n2. Sarmin (eastern "
            "Idlib countryside)\nIn the evening, regime artillery shelled houses in Sarmin, "
            "killing 3 civilians.")
    found = extracted(gaz, tax, text, date(2019, 5, 2))
    assert sorted((c.event_type, c.count_best) for c in found.claims) == [
        ("airstrike", 9), ("shelling", 3)]


def test_a_bullet_before_a_heading_is_no_part_of_it(gaz, tax):
    # (written for this test) an evening digest marks each town's item with an emoji
    text = ("Evening digest\n\n🔴 Kherson. A shell hit a bus stop in the morning, killing "
            "three people.\n\n🔴 Sumy. A drone hit a car in the afternoon, killing two.")
    found = extracted(gaz, tax, text, date(2024, 8, 18))
    assert sorted((c.event_type, c.site_name) for c in found.claims) == [
        ("airstrike", "Sumy"), ("shelling", "Kherson")]


def test_a_days_toll_for_a_province_sums_up_the_headed_incidents(gaz, tax):
    # (written for this test) "today" is a day, but a province is no incident's site
    text = ("Daily report\n\nSummary: 12 civilians were killed in Idlib province today in "
            "attacks by regime forces.\n\n1. Ariha (southern Idlib countryside)\nAt noon, "
            "warplanes fired missiles at the market in Ariha, killing 9 civilians.\n\n"
            "2. Sarmin (eastern Idlib countryside)\nIn the evening, regime artillery shelled "
            "houses in Sarmin, killing 3 civilians.")
    found = extracted(gaz, tax, text, date(2019, 5, 2))
    assert sorted(c.count_best for c in found.claims) == [3, 9]
    assert any("summary" in b["why"] for b in found.background)


def test_a_numbered_item_runs_to_the_next_number(gaz, tax):
    # (written for this test) a weekly brief numbers its incidents; each item's heading is
    # a line of its own, its paragraphs follow, and "3." ends the second even though it
    # names no incident
    text = ("Security brief, week 12\n\n"
            "1. Kalehe: five civilians killed by gunmen\n\n"
            "Gunmen attacked a farm in Kalehe on Tuesday night, killing five civilians.\n\n"
            "Residents said the attackers came from the hills.\n\n"
            "2. Uvira: bodies in a mass grave\n\n"
            "On Thursday soldiers found a mass grave holding eleven bodies on the edge of "
            "Uvira.\n\n"
            "The bodies were buried again in the town cemetery.\n\n"
            "3. Other news\n\n"
            "Aid convoys reached the lake shore.")
    found = extracted(gaz, tax, text, date(2024, 3, 23))
    kinds = {(c.event_type, c.site_name) for c in found.claims if c.lat is not None}
    assert ("execution_massacre", "Kalehe") in kinds
    assert ("mass_grave", "Uvira") in kinds
    assert len(kinds) == 2


@pytest.mark.parametrize("first", ["First:", "Incident 1:"])
def test_an_item_may_be_numbered_in_words_and_say_anything(gaz, tax, first):
    # (written for this test) a rights group tells two cases under headings that are no
    # place-name shape: "Second: Torture in a former police station in Aden"
    second = "Second:" if first == "First:" else "Incident 2:"
    text = ("The group documented two violations.\n\n"
            f"{first} The Zinjibar market air strike\n\n"
            "On 4 June 2019 a coalition jet dropped a bomb on the market in Zinjibar, "
            "killing twelve civilians.\n\n"
            "Witnesses said no fighters were in the market.\n\n"
            f"{second} Torture in a former police station in Aden\n\n"
            "Between March and May 2019 guards held some 30 detainees in the basement and "
            "tortured them with electric shocks.\n\n"
            "Two detainees died in custody in May 2019.")
    found = extracted(gaz, tax, text, date(2019, 8, 1))
    kinds = {(c.event_type, c.site_name) for c in found.claims if c.lat is not None}
    assert ("airstrike", "Zinjibār") in kinds
    assert any(k == "detention_torture" and s == "Aden" for k, s in kinds)
    assert not any(k == "detention_torture" and s == "Zinjibar" for k, s in kinds)


def test_a_heading_may_file_its_town_in_a_township_and_district(gaz):
    # (written for this test) a monitor's digest: the town, its kind, then its township
    # and district in brackets
    text = ("Weekly digest\n\nYe-U town (Ye-U township, Shwebo district).\nOn 13 January a "
            "jet dropped two bombs on a monastery, killing 16 civilians.\n\nMonywa town "
            "(Monywa township, Monywa district).\nOn 16 January soldiers shot dead nine "
            "villagers.")
    assert len(headings(gaz, text)) == 2


RIGHTS_REPORT = (
    "Soldiers executed at least 20 men at a livestock fair in Diourou, Mali, on February "
    "18, and took dozens of others to the military camp in Segou, where detainees said "
    "they were beaten.\n\n"
    "Killings in Diourou\n\n"
    "Witnesses said soldiers rounded up men at the fair and shot them by the riverbed. A "
    "herder counted 20 bodies.\n\n"
    "Detention and Ill-Treatment at the Segou Military Camp\n\n"
    "Former detainees said soldiers held them in an overcrowded hangar for a week and beat "
    "them with cables during interrogations.\n\n"
    "Context\n\n"
    "Armed Islamist groups have been active in central Mali since 2015, and killings of "
    "civilians have been reported every year.")


def test_a_rights_reports_sub_headings_open_its_sections(gaz):
    # (written for this test) title-case lines of their own; "Context" names no place:
    # it closes the section before it and opens none
    assert [h[:10] for h in headings(gaz, RIGHTS_REPORT)] == ["Killings i", "Detention "]
    # a single line of that shape heads nothing
    assert headings(gaz, "A car bomb killed nine people in Mosul.\n\nKillings in Mosul\n\n"
                         "Police said the bomber fled.") == []


def test_a_rights_reports_sections_are_its_incidents_with_the_lead_the_first(gaz, tax):
    found = extracted(gaz, tax, RIGHTS_REPORT, date(2024, 3, 12))
    got = rows(found, "event_type", "site_name", "date_start")
    assert [g[:2] for g in got] == [("detention_torture", "Ségou"),
                                    ("execution_massacre", "Diourou")], got
    # the lead's date stays the killing's: the lead tells it, it does not sum up
    assert ("execution_massacre", "Diourou", "2024-02-18") in got, got


def test_a_monitors_form_dates_its_item_on_the_line_after_the_heading(gaz, tax):
    # (written for this test) each numbered item is a form: heading, date, place,
    # victims, details; the date line holds no event word of its own
    text = ("Weekly report\n\n1. MASSACRE – SEGOVIA (ANTIOQUIA)\nDate: 13 August 2023\n"
            "Place: rural Segovia\nNumber of victims: 5\nDetails: Armed men shot dead five "
            "miners in a house.\n\n2. ANTIPERSONNEL MINE – BRICEÑO (ANTIOQUIA)\n"
            "Date: 10 August 2023\nPlace: rural Briceño\nVictims: 1 dead, 1 injured\n"
            "Details: A farmer stepped on an antipersonnel mine while walking to his plot.")
    found = extracted(gaz, tax, text, date(2023, 8, 14))
    got = rows(found, "event_type", "date_start")
    assert got == [("execution_massacre", "2023-08-13"), ("explosive_mine", "2023-08-10")], got


def test_a_monitors_numbered_records_are_its_incidents(gaz, tax):
    # (written for this test) a press release dated at its head, then records numbered
    # "Massacre No. N" whose fields give the municipality, the date and the victims
    text = ("Massacres recorded in July\n\nBogotá, 2 August 2022\n\nThe observatory "
            "defines a massacre as the killing of three or more people at one place.\n\n"
            "Massacre No. 55\nDepartment: Antioquia\nMunicipality: Tarazá\nDate: 16 July "
            "2022\nVictims: 4 (three men and a woman)\nDetails: Armed men opened fire at a "
            "farmhouse.\n\nMassacre No. 56\nDepartment: Valle del Cauca\nMunicipality: "
            "Jamundí\nDate: 24 July 2022\nVictims: 3\nDetails: Three young men were shot "
            "dead at a billiards hall.")
    found = extracted(gaz, tax, text, date(2022, 8, 2))
    got = rows(found, "site_name", "date_start", "count_best")
    assert got == [("Jamundí", "2022-07-24", 3), ("Tarazá", "2022-07-16", 4)], got


def test_a_monthly_list_gives_the_day_before_the_place(gaz, tax):
    # (written for this test) a month's toll sums the listed incidents up; each bullet
    # opens with its day, then its town and territory
    text = ("Monthly update\n\nAt least 40 civilians were killed and 20 abducted during "
            "the month.\n\n- 9 Oct, Beni (Beni territory): 2 civilians killed when an "
            "improvised explosive device went off under a minibus.\n\n- 20 Oct, Oicha "
            "(Beni territory): 26 civilians killed in an ADF attack on the town.")
    found = extracted(gaz, tax, text, date(2022, 11, 5))
    got = rows(found, "event_type", "date_start", "count_best")
    assert got == [("execution_massacre", "2022-10-20", 26),
                   ("explosive_mine", "2022-10-09", 2)], got
    assert any(b["why"].startswith("a toll over a period") for b in found.background)


def test_a_reports_masthead_and_its_statistics_are_no_incidents(gaz, tax):
    # (written for this test) the masthead's lines head nothing; a share of the month's
    # casualties is no event
    text = ("Yemen Civilian Harm Monitor (YCHM)\nMonthly Report – February 2021\nPublished "
            "10 March 2021\n\nShelling caused 38 per cent of civilian casualties and "
            "landmines 12 per cent.\n\n- 9 Feb, Taizz city (Al-Qahira district): 2 "
            "civilians killed when a drone struck a street.\n\n- 14 Feb, Hays district "
            "(Al-Hudaydah): 3 children killed by a landmine while grazing livestock.\n\n"
            "3. Casualties by governorate (killed / injured)\n- Taizz: 11 / 24\n"
            "- Al-Hudaydah: 8 / 13")
    found = extracted(gaz, tax, text, date(2021, 3, 10))
    got = rows(found, "event_type", "date_start")
    assert got == [("airstrike", "2021-02-09"), ("explosive_mine", "2021-02-14")], got
    assert "Taiz" in {c.site_name for c in found.claims}, found.claims


def test_a_numbered_lines_town_after_its_regions_label_is_the_site(gaz, tax):
    # (written for this test) "3. Deir ez-Zor: ... near Hajin": the region labels the item,
    # the town says where
    text = ("Weekly digest\n\n1. Idlib: strike on a market, Sarmada (9 November)\n\nOn 9 "
            "November, aircraft struck the market in Sarmada, killing four civilians.\n\n"
            "2. Deir ez-Zor: mass grave found near Hajin (11 November)\n\nOn 11 November, "
            "farmers ploughing land on the eastern edge of Hajin, in the countryside of Deir "
            "ez-Zor, uncovered human remains of at least 17 people.")
    found = extracted(gaz, tax, text, date(2021, 11, 15))
    assert {(c.event_type, c.site_name) for c in found.claims} >= {("mass_grave", "Hajīn")}
    assert "Deir ez-Zor" not in {c.site_name for c in found.claims}
