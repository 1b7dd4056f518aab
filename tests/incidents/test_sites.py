"""Which place an incident happened at, of the several its sentences and title name.

The texts are written here, in the shapes features and briefs use, never copied from
articles.
"""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from geo.incidents.claims import analysis_text, extract
from geo.incidents.taxonomy import load_taxonomy
from geo.places.parse import parse_text
from geo.read import Document


@pytest.fixture(scope="module")
def tax():
    return load_taxonomy()


def sites(gaz, tax, text, title=None, published="2025-06-10"):
    """(type, site name) of every placed incident `extract` finds."""
    doc = Document(id="t", title=title, text=text, published=published, source="test",
                   sha256=hashlib.sha256(text.encode()).hexdigest())
    body, title_end = analysis_text(doc)
    y, m, d = (int(x) for x in published.split("-"))
    found = extract(doc, parse_text(body, gaz), tax, published=(date(y, m, d), date(y, m, d),
                    "day"), estimated=False, text=body, title_end=title_end)
    return {(c.event_type, c.site_name) for c in found.claims if c.lat is not None}


def test_a_titles_town_far_from_the_incidents_own_town_is_not_its_site(gaz, tax):
    # A feature on a treaty named after a city, which the text names again and again: the
    # body's one incident names its own town, far from every Norwegian one.
    got = sites(gaz, tax, title="Beyond Oslo: the ban treaty at seventeen",
                text="When the Oslo convention banning cluster munitions was signed in 2008, "
                     "campaigners called it a turning point.\n"
                     "Some states that signed it in Bergen now say they will leave it.\n"
                     "Yet the weapons are still used: in May, a cluster bomblet killed three "
                     "children near Kupiansk, in the Kharkiv region.\n"
                     "What comes next will depend less on Oslo than on the war.")
    assert got == {("explosive_mine", "Kupyansk")}, got


def test_a_town_a_distance_is_measured_from_is_the_reference(gaz, tax):
    # The second story's village lies on the outskirts of one town, so many km from the
    # first story's village, which the gazetteer lacks and the text placed itself.
    got = sites(gaz, tax, title="Jet bombs school in Tabayin Ywama; troops execute six near Ye-U",
                text="A fighter jet bombed a school in Tabayin Ywama village on Thursday, "
                     "killing eight pupils.\n"
                     "Tabayin Ywama lies about 30 km north of Monywa.\n"
                     "Separately, residents said troops executed six villagers on Tuesday "
                     "after raiding a village on the outskirts of Ye-U town, about 50 km "
                     "north-east of Tabayin Ywama.\n"
                     "Their bodies were found in a field.")
    assert ("execution_massacre", "Ye-u") in got, got


def test_where_a_hearing_sits_is_not_where_the_strikes_were(gaz, tax):
    got = sites(gaz, tax, title="Senators question air force chiefs over strikes on civilians",
                text="Opening the hearing in Abuja on Tuesday, the committee chairman said "
                     "air strikes had killed civilians in the north.\n"
                     "The air force chief said targeting rules had changed.",
                published="2024-02-21")
    assert not any(s == "Abuja" for _, s in got), got


def test_where_witnesses_were_interviewed_is_not_the_site(gaz, tax):
    # (written for this test) a rights report's methodology names the towns where its
    # researchers met survivors, before the grave it is about
    got = sites(gaz, tax, text="Teams completed the exhumation of a mass grave in farmland "
                               "north of Hajin on 12 April, recovering 40 bodies.\n\nWe "
                               "interviewed 12 relatives of the missing in Hasakah, Raqqa "
                               "and al-Susah, and a doctor who examined the remains.")
    assert got == {("mass_grave", "Hajīn")}


def test_the_villages_the_detained_came_from_are_not_where_they_were_held(gaz, tax):
    # (written for this test) taken from villages in one district, held in another town
    got = sites(gaz, tax, text="Intelligence officials detained 30 men from villages in "
                               "the Khenj district and tortured them at a compound in "
                               "Bazarak in September 2022.")
    assert got == {("detention_torture", "Bāzārak")}


def test_the_province_of_a_detainees_home_district_is_not_where_he_was_held(gaz, tax):
    # (written for this test) where he came from, with its district's kind word and its
    # province after a comma, says nothing of the camp where he was held
    got = sites(gaz, tax, text="A farmer from Rangae district, Narathiwat, died on Monday "
                               "after being tortured in custody at a military camp in "
                               "Nong Chik district.")
    assert got == {("detention_torture", "Amphoe Nong Chik")}, got


def test_where_the_dead_were_buried_and_the_living_went_is_not_the_site(gaz, tax):
    # (written for this test) the funerals' town and the town families left for
    title = "Toll in Muqdadiyah attack rises to nine as funerals held in Baquba"
    got = sites(gaz, tax, title=title, text="The number of people killed in an attack on a "
                "farming family in Muqdadiyah district has risen to nine.")
    assert got == {("execution_massacre", "Al-Muqdadiya District")}, got
    got = sites(gaz, tax, text="Gunmen killed nine members of a farming family in Tal Afar on "
                "Monday. Families have started leaving for Mosul, fearing more attacks.")
    assert got == {("execution_massacre", "Tall ‘Afar")}, got


def test_a_town_listed_beside_the_anchor_is_not_where_the_distance_ends(gaz, tax):
    # (written for this test) "the rural areas of Tibú, El Tarra and Teorama" names the
    # area a warning covered; the mine lay 10 km west of Tibú's centre
    from geo.distance import haversine_km
    from geo.places.relative import destination

    text = ("Two farmers were killed on Monday when they stepped on a landmine on a path some "
            "10 kilometres to the west of the urban centre of Tibú. The army had warned of the "
            "risk of mines in the rural areas of Tibú, El Tarra and Teorama.")
    doc = Document(id="t", title="Two farmers killed by landmine in rural Tibú", text=text,
                   published="2020-02-20", source="test",
                   sha256=hashlib.sha256(text.encode()).hexdigest())
    body, title_end = analysis_text(doc)
    day = date(2020, 2, 20)
    [c] = extract(doc, parse_text(body, gaz), tax, published=(day, day, "day"),
                  estimated=False, text=body, title_end=title_end).claims
    lat, lon = destination(8.6389, -72.7358, 270.0, 10.0)
    assert haversine_km(c.lat, c.lon, lat, lon) < 3, (c.site_name, c.lat, c.lon)


def test_the_town_of_the_hospital_a_victim_died_in_is_not_the_site(gaz, tax):
    # (written for this test) a hospital named by more than one word before "in"
    got = sites(gaz, tax, text="A drone strike hit an apartment block in Konotop on 12 "
                               "February, killing six people. A woman pulled from the "
                               "rubble died in the regional clinical hospital in Sumy on "
                               "Friday, bringing the toll to seven.", published="2025-02-15")
    assert got == {("airstrike", "Konotop")}


def test_a_hospital_named_before_its_town_is_not_the_site(gaz, tax):
    # (written for this test) "the Combined Military Hospital (CMH) Rawalakot": where a
    # victim died, not where the shells fell (the report names no other place)
    got = sites(gaz, tax, text="Shelling along the Line of Control killed three people on "
                               "Tuesday. A fourth victim, a tailor, died of his wounds at the "
                               "Combined Military Hospital (CMH) Rawalakot on Thursday.",
                published="2020-09-25")
    assert got == set()


def test_a_town_where_relatives_gathered_does_not_replace_near_the_grave(gaz, tax):
    # (written for this test) the later town is where a protest was, not a grave nearer
    got = sites(gaz, tax, title="Mass grave found near Baiji",
                text="Farmers clearing an orchard near the city of Baiji have uncovered a "
                     "mass grave, officials said on Tuesday.\nThe grave was found on Sunday "
                     "when a bulldozer exposed bones.\nPolice sealed off the site.\n"
                     "The district commissioner said it could hold 40 bodies.\n"
                     "Relatives of missing soldiers "
                     "gathered outside the provincial government building in Tikrit on "
                     "Monday.", published="2019-03-12")
    assert got == {("mass_grave", "Bayjī")}


def test_bodies_recovered_from_a_towns_grave_are_at_that_town(gaz, tax):
    # (written for this test) "from" is where they were taken out of, not where they came
    got = sites(gaz, tax, title="Bodies of 40 recovered from Baiji mass grave",
                text="Forensic teams finished exhuming the grave on Sunday.",
                published="2019-04-14")
    assert got == {("mass_grave", "Bayjī")}


def test_a_district_named_after_its_town_does_not_replace_the_village(gaz, tax):
    # (written for this test) the strike is 1 km from Kafr Takharim, in the Harim district
    got = sites(gaz, tax, title="Air strike on olive press near Kafr Takharim kills six",
                text="At approximately 08:10 on 9 November, aircraft struck an "
                               "olive press about 1 km west of Kafr Takharim, in Harim "
                               "district, killing six civilians.", published="2021-11-12")
    assert got == {("airstrike", "Kafr Takhārīm")}


def test_where_a_correspondent_was_told_is_not_the_site(gaz, tax):
    # (written for this test) the state capital is where the news was told
    got = sites(gaz, tax, text="Gunmen killed 11 villagers in Ndimar community in Bokkos "
                               "Local Government Area of Plateau State on Sunday night. A "
                               "community leader, who confirmed the attack to our "
                               "correspondent in Jos on Monday, said the attackers came at "
                               "about 10pm.", published="2024-01-23")
    assert got == {("execution_massacre", "Bokkos")}


def test_the_victims_home_town_mourning_them_is_not_where_they_were_killed(gaz, tax):
    # (written for this test) a story of the funerals in the victims' home town, which
    # opens the report; the killing was a country away, at a hamlet no gazetteer has,
    # filed in its municipality
    text = ("The town of Danlí, in the department of El Paraíso, held a day of mourning on "
            "Saturday. Shops closed early and crowds walked behind the hearses from the bus "
            "terminal to the cathedral square, where a mass was said for the dead.\n\n"
            "The seven men were among the eleven people found shot dead beside a dirt road "
            "near the ejido of Santa Anita, in the municipality of Camargo, Tamaulipas, on 4 "
            "May. Most of them were from Danlí and had left together in April.\n\n"
            "\"He called us from the border every Sunday,\" said the mother of one of them.")
    assert sites(gaz, tax, text, title="A day of mourning in Danlí",
                 published="2025-05-17") == {("execution_massacre", "Santa Anita")}


@pytest.mark.parametrize(("text", "site"), [
    # (written for these tests) a holiday named like a town abroad; a capital speaking
    # for its government; a river named like a city; the headquarters where detainees
    # were held
    ("Grenades thrown into a crowd celebrating Independence Day in Morelia's main square "
     "killed six people.", "Morelia"),
    ("Soldiers shot dead three men who had surrendered near Robotyne, Zaporizhzhia "
     "oblast; Kyiv calls it a war crime.", "Robotyne"),
    ("Artillery on the left bank of the Dnipro shelled Kherson, killing two women, the "
     "regional administration said.", "Kherson"),
    ("Former prisoners describe beatings and electric shocks at the intelligence "
     "service's headquarters in Managua.", "Managua"),
    ("A lawyer died in custody days after being transferred to the military police "
     "headquarters in Douala, his family said.", "Douala"),
])
def test_a_name_that_is_not_where_it_happened_is_not_the_site(gaz, tax, text, site):
    assert {name for _, name in sites(gaz, tax, text, published="2024-05-10")} == {site}


@pytest.mark.parametrize(("text", "town"), [
    # (written for these tests) the town whose body does the digging, and the town a
    # campaign was named after, beside a site no gazetteer has
    ("Iraqi teams began exhuming a mass grave in the village of Kocho on Friday. Forensic "
     "experts from the graves directorate of Baghdad's Martyrs Foundation started digging "
     "under tight security.", "Baghdad"),
    ("Throughout the Tripoli offensive, detainees were beaten and starved in a former "
     "school that the militia used as a prison.", "Tripoli"),
])
def test_a_town_that_only_names_a_body_or_a_campaign_is_not_the_site(gaz, tax, text, town):
    assert town not in {name for _, name in sites(gaz, tax, text, published="2024-05-10")}
