"""A title that tells two stories: each keeps its own place and kind.

The texts are written here in the shape of roundups and live pages, never copied from
articles.
"""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from geo.incidents.claims import analysis_text, extract
from geo.incidents.headlines import clauses
from geo.incidents.sentences import split_sentences
from geo.incidents.taxonomy import load_taxonomy
from geo.places.parse import parse_text
from geo.read import Document


@pytest.fixture(scope="module")
def tax():
    return load_taxonomy()


def read(gaz, tax, title, text, published="2022-09-26"):
    doc = Document(id="t", title=title, text=text, published=published, source="test",
                   sha256=hashlib.sha256(text.encode()).hexdigest())
    body, title_end = analysis_text(doc)
    y, m, d = (int(x) for x in published.split("-"))
    return extract(doc, parse_text(body, gaz), tax, published=(date(y, m, d), date(y, m, d),
                   "day"), estimated=False, text=body, title_end=title_end)


@pytest.mark.parametrize(("title", "parts"), [
    ("Shells hit Kherson market; drone kills two in Beryslav", 2),
    ("Toll from market strike rises to 14 | Rockets kill two women in a village", 2),
    ("Another ambush in the north, and the army digs up a cemetery", 2),
    ("Kherson and Beryslav shelled overnight", 1),  # one story, two towns
    ("Update; shelling kills five in Kherson", 1),  # a label, no story of its own
])
def test_a_title_is_cut_where_its_stories_meet(title, parts):
    text = title + "\n\nBody."
    s = split_sentences(text, len(title))[0]
    assert len(clauses(text, s)) == parts


def test_two_nearby_towns_of_two_stories_are_two_incidents(gaz, tax):
    # The towns lie some 10 km apart: read whole, the title made both one incident.
    found = read(gaz, tax, "Shelling kills three in Kherson; drone hits minibus in Antonivka",
                 "Russian forces shelled Kherson with rocket launchers on Saturday, killing "
                 "three residents and wounding eleven.\n"
                 "More than 40 shells hit residential districts in the afternoon.\n"
                 "Overnight, a kamikaze drone hit a minibus at a bus stop in neighbouring "
                 "Antonivka, killing two passengers.")
    kinds = {(c.event_type, c.site_name) for c in found.claims}
    assert ("shelling", "Kherson") in kinds
    assert any(k == "airstrike" and site != "Kherson" for k, site in kinds)


def test_the_other_story_told_in_a_bullet_is_not_the_main_incident(gaz, tax):
    found = read(gaz, tax, "Latest: Kherson toll rises to four; torture chamber found in Kupiansk",
                 "- Death toll from the attack on Kherson rises to four\n"
                 "- Police discover a torture chamber in liberated Kupiansk\n"
                 "A fourth person has died of wounds from the shelling of Kherson on Saturday, "
                 "officials said.\n"
                 "In Kharkiv Oblast, police said they had found a torture chamber in the "
                 "basement of the police station in Kupiansk.\n"
                 "Former detainees said they were beaten and given electric shocks there.")
    by_kind = {c.event_type: c.site_name for c in found.claims}
    assert by_kind.get("detention_torture") == "Kupyansk"
    assert "Kupyansk" not in {c.site_name for c in found.claims
                              if c.event_type != "detention_torture"}


def test_a_city_that_names_who_tells_is_no_site(gaz, tax):
    # the village is unnamed: the region says where, not the city the think tank is from
    found = read(gaz, tax, None, "Five young men were shot dead on Saturday in a village of "
                 "Cauca, the Bogotá-based think tank Indepaz said.", published="2021-08-17")
    assert [c.site_name for c in found.claims] == ["Cauca"]


def test_a_weekday_of_digging_before_the_years_of_burial_is_this_weeks(gaz, tax):
    found = read(gaz, tax, "Forensic teams exhume bodies in Puerto Asís",
                 "Forensic teams on Monday completed a week-long exhumation at the central "
                 "cemetery of Puerto Asís, recovering the remains of 11 people who had been "
                 "buried as unidentified between 2006 and 2008.", published="2021-08-17")
    (c,) = found.claims
    assert c.event_type == "mass_grave" and c.date_start == date(2021, 8, 16)


def test_where_the_bodies_were_brought_is_no_site(gaz, tax):
    # a village the gazetteer lacks, in its province; the bodies went to the city
    found = read(gaz, tax, None, "Seven civilians were killed on Wednesday when an airstrike hit "
                 "a house in Kandibagh in Nangarhar; residents brought the bodies to Jalalabad.",
                 published="2019-05-10")
    assert "Jalālābād" not in {c.site_name for c in found.claims}
    assert [c.event_type for c in found.claims] == ["airstrike"]


def test_the_other_story_among_other_places_is_an_incident_of_its_own(gaz, tax):
    found = read(gaz, tax, "Toll of Saraqib market massacre rises to 14 | Rockets kill two "
                 "women in Kafranbel",
                 "The death toll of the air strike on the market in Saraqib city in the eastern "
                 "countryside of Idlib, rose to 14 on Thursday.\n"
                 "Warplanes carried out four raids on the market on Wednesday.\n"
                 "In the southern countryside of Idlib, regime forces stationed in the Khan "
                 "Shaykhun area fired rocket-launcher shells at Kafranbel, killing two women.",
                 published="2019-12-05")
    kinds = {(c.event_type, c.site_name) for c in found.claims}
    assert ("shelling", "Kafranbel") in kinds
    assert next(c.count_best for c in found.claims if c.site_name == "Saraqib") == 14


def test_a_comma_parts_two_stories_each_with_a_town_and_an_event_word(gaz, tax):
    found = read(gaz, tax, "Three killed in rocket attack on Kherson, drone kills two volunteers "
                 "near Antonivka",
                 "Russian forces fired Grad rockets at Kherson on Saturday, killing three "
                 "residents.\n"
                 "On Sunday morning, a Russian FPV drone hit a car carrying two volunteers near "
                 "Antonivka, killing both.", published="2024-08-12")
    kinds = {c.event_type for c in found.claims}
    assert {"shelling", "airstrike"} <= kinds


@pytest.mark.parametrize("title", [
    "Strike on school in Kherson, southern Ukraine, kills 30",  # the region is no story
    "Rocket attack kills 12 in Kherson, officials say",  # nor is who said it
])
def test_a_comma_without_a_second_story_keeps_the_title_whole(gaz, tax, title):
    found = read(gaz, tax, title, "Rockets hit a school in Kherson on Saturday, killing people "
                 "sheltering there, officials said.", published="2024-08-12")
    assert [c.site_name for c in found.claims] == ["Kherson"]


def test_the_lead_tells_which_clause_by_its_kind_when_it_names_no_town_of_the_title(gaz, tax):
    # (written for this test) the first clause names no town; the lead tells of shelling
    # near a city; the title's placed clause is a grave, told later as news of its own
    found = read(gaz, tax, "Rescuers: six killed in market shelling; remains of nine people "
                           "recovered from mass grave in Saraqib",
                 "Artillery fire hit a busy market on the edge of Idlib city on Sunday "
                 "morning, killing six civilians.\n"
                 "Rescuers pulled the bodies from the rubble.\n\n"
                 "Separately, on Monday, farmers ploughing a field on the outskirts of Saraqib "
                 "found human remains.\n"
                 "Over two days, rescuers recovered the remains of nine people from a mass "
                 "grave.", published="2023-11-21")
    kinds = {(c.event_type, c.site_name) for c in found.claims if c.lat is not None}
    assert any(k == "shelling" and "Idlib" in (s or "") for k, s in kinds), kinds
    assert ("mass_grave", "Saraqib") in kinds, kinds
    assert not any(k == "shelling" and s == "Saraqib" for k, s in kinds), kinds
