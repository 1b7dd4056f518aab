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
