"""A report's sentences: where each stands, and datelines cut off (texts written here)."""

from __future__ import annotations

import pytest

from geo.incidents.sentences import dateline_end, split_sentences


def test_sentences_joined_across_a_wrapped_line():
    text = "The bodies of at least 200 people\nwere found in a town near Damascus.\n\nNext."
    spans = [text[s.start:s.end] for s in split_sentences(text, -1)]
    assert spans[0] == "The bodies of at least 200 people\nwere found in a town near Damascus."


@pytest.mark.parametrize("line", [
    "San Salvador, Nov 7 (AFP) Nov 07, 2019",
    "Kyiv, Ukraine, 12 March 2023 (Reuters)",
    "Gaza, April 22 (Petra)",
])
def test_a_dateline_on_a_line_of_its_own(line):
    assert dateline_end(line, 0, len(line)) == len(line)


def test_a_sentence_with_a_comma_and_a_date_is_no_dateline():
    line = "The attack, Nov 7 was the worst"
    assert dateline_end(line, 0, len(line)) == -1


def test_a_dateline_in_parentheses_as_rights_groups_write_it():
    line = "(Beirut) - The coalition's attack on a school bus was a war crime, the group said."
    assert dateline_end(line, 0, len(line)) == len("(Beirut) - ")


def test_a_dateline_of_two_towns():
    line = "GENEVA/KINSHASA - At least 62 people were killed in an attack on a camp."
    assert dateline_end(line, 0, len(line)) == len("GENEVA/KINSHASA - ")


def test_a_lists_number_opens_its_item():
    # (written for this test) a brief numbers its items: "1." is no sentence of its own
    text = ("Weekly brief\n\n1. Goma: two killed in grenade blast\n\nA grenade went off in a "
            "bar on Friday.\n\n2) Beni: market shelled\n\nShells fell on the market.")
    spans = [text[s.start:s.end] for s in split_sentences(text, -1)]
    assert "1. Goma: two killed in grenade blast" in spans
    assert "2) Beni: market shelled" in spans
    assert "1." not in spans and "2)" not in spans
