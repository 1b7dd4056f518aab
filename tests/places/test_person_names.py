"""Recognition: people named in the ways local news names them are no places.

Surnames are often town names too (Wagner, Sullivan, Johnson).  A person is named after
a title deep in a long run ("Harlow County Clerk Dean Johnson"), with a middle initial
("Joseph F. Wagner", whose dot splits the capitalised run), or with an age ("Mara
Sullivan, 31,"); the surname alone later in the text is the same person.  Sentences
here are made up for the tests.
"""

from __future__ import annotations

import pytest

from geo.places.parse import parse_text


def _places(gaz, text: str) -> list[str]:
    return [t.text for t in parse_text(text, gaz) if t.lat is not None]


@pytest.mark.parametrize("text", [
    "Flood waters rose in Dover. Harlow County Clerk Dean Johnson said on Monday that "
    "the levee held. Johnson thanked the volunteers.",
    "Flood waters rose in Dover. State Water Resources Commissioner Lena Wagner said "
    "more rain was coming. Wagner asked residents to stay home.",
    "Flood waters rose in Dover on Monday, said Sen. Joseph F. Wagner, who toured the area. "
    "Wagner promised help.",
    "Flood waters rose in Dover. Mara Sullivan, 31, was rescued from her car. Sullivan "
    "was treated for cold.",
])
def test_a_person_is_no_place(gaz, text: str) -> None:
    assert _places(gaz, text) == ["Dover"]


def test_a_place_after_a_comma_and_a_number_stays_a_place(gaz) -> None:
    # a name with a number after it is a person's only when no place has that name
    got = _places(gaz, "Schools that closed early: New Haven, 12, and Hartford, 9.")
    assert "New Haven" in got


@pytest.mark.parametrize("text", [
    "The Dover toll increase starts in March, officials said.",
    "In Dover, police closed the bridge on Monday.",
])
def test_a_function_word_opening_a_sentence_makes_no_person(gaz, text: str) -> None:
    # "The" and "In" are also given names somewhere; before a place they open no person
    assert _places(gaz, text) == ["Dover"]


def test_a_name_suffix_does_not_hide_a_person(gaz) -> None:
    # "Sr" and "Jr" after a surname end a person's name, not a place's
    got = _places(gaz, "Ties with Egypt grew under Walter Hopkins Sr and cooled later. "
                       "Hopkins said so.")
    assert got == ["Egypt"]


def test_a_district_officer_names_the_district(gaz):
    # (written for this test) "Deputy Commissioner Khuzdar": the officer of the district
    # the text names as a place elsewhere, not a man called Khuzdar
    from geo.places.parse import parse_text

    text = ("Bodies were taken to the hospital in Khuzdar. Deputy Commissioner Khuzdar "
            "said they would be identified.")
    got = [t for t in parse_text(text, gaz) if t.text == "Khuzdar"]
    assert got and all(t.country_code == "PK" for t in got)


def test_a_district_police_officer_names_the_district(gaz):
    # (written for this test) "the District Police Officer Bannu": the district's officer,
    # and the town is found wherever else the text names it as one
    from geo.places.parse import parse_text

    text = ("A bomb struck a van about 20 km west of Bannu on Monday. The van was going to a "
            "village in Bannu district, the District Police Officer Bannu told reporters.")
    got = [t for t in parse_text(text, gaz) if t.text == "Bannu"]
    assert len(got) == 2 and all(t.country_code == "PK" for t in got)
