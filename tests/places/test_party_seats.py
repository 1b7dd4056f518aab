"""Recognition: the home town of a legislator's party affiliation is a place.

American papers write "Sen. Tom Jensen, R-London," or "(D-Ocilla)": the hyphen would
otherwise make the town a piece of a longer hyphenated name.  Sentences are made up.
"""

from __future__ import annotations

import pytest

from geo.places.parse import parse_text


def _places(gaz, text: str) -> list[str]:
    return [t.text for t in parse_text(text, gaz) if t.lat is not None]


@pytest.mark.parametrize(("text", "town"), [
    ("The bill passed, said Rep. Ann Holm, R-Elbow Lake, on Friday.", "Elbow Lake"),
    ("State Sen. Bo Lutz (D-Ocilla) filed the bill.", "Ocilla"),
    ("Sen. Ed Carr, DFL-Minneapolis, said the cuts would hurt.", "Minneapolis"),
])
def test_a_party_affiliations_town_is_a_place(gaz, text: str, town: str) -> None:
    assert town in _places(gaz, text)


def test_a_hyphenated_name_is_still_one_name(gaz) -> None:
    # no party letter before the hyphen: a piece of a longer name stays no place
    assert "Lake" not in _places(gaz, "Police closed the Trout-Lake road in Dover.")
