"""What a claim keeps of its article to compare with other reports (texts written here)."""

from __future__ import annotations

from geo.incidents.claims import keywords
from geo.incidents.taxonomy import load_taxonomy


def test_keywords_compare_word_forms_not_spellings():
    a = keywords("Skeletons were found at the site of a former co-operative depot used by "
                 "Tamils.", site="Mannar")
    b = keywords("The grave lies under a cooperative store; a Tamil investigator said.",
                 site="Mannar")
    assert {"cooperative", "tamil"} <= set(a) & set(b)


def test_keywords_leave_out_the_site_and_the_types_own_words():
    words = keywords("A mass grave with skeletons was exhumed near the Sathosa depot in "
                     "Mannar.", site="Mannar", taxonomy=load_taxonomy())
    assert "mannar" not in words and "skeleton" not in words and "exhumed" not in words
    assert "sathosa" in words
