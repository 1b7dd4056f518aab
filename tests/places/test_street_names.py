"""Recognition: a town's name inside a street's name is no mention of the town.

Streets are named after towns anywhere ("Memphis St." in a Louisiana town, "Haifa
Street" in Baghdad); a state's or county's name before such a word is left to the usual
rules ("Florida Highway Patrol" names the state).  Sentences are made up for the tests.
"""

from __future__ import annotations

import pytest

from geo.places.parse import parse_text


def _places(gaz, text: str) -> list[str]:
    return [t.text for t in parse_text(text, gaz) if t.lat is not None]


@pytest.mark.parametrize("street", ["Wichita Street", "Wichita St.", "Wichita Avenue",
                                    "Wichita Drive", "Wichita Blvd."])
def test_a_town_in_a_street_name_is_no_place(gaz, street: str) -> None:
    got = _places(gaz, f"A car hit a pole on {street} in Dover on Sunday night.")
    assert "Wichita" not in got and "Dover" in got


def test_towns_before_a_plural_street_word_are_no_places(gaz) -> None:
    got = _places(gaz, "Crews repaved Wichita and Tulsa roads in Dover this week.")
    assert "Tulsa" not in got and "Dover" in got


def test_a_state_before_a_road_word_is_still_read(gaz) -> None:
    got = _places(gaz, "The Kansas Highway Patrol closed Wichita Street in Dover.")
    assert "Kansas" in got and "Wichita" not in got


def test_a_street_named_after_a_provinces_city_is_no_mention_of_it(gaz):
    # (written for this test) Haifa names a district too; its street in Baghdad is a street
    from geo.places.parse import parse_text

    got = {t.text for t in parse_text("A car bomb exploded on Haifa Street in Baghdad.", gaz)}
    assert got == {"Baghdad"}
