"""What a claim keeps of its article to compare with other reports (texts written here)."""

from __future__ import annotations

from geo.incidents.claims import keywords
from geo.incidents.taxonomy import load_taxonomy


def test_keywords_compare_word_forms_not_spellings():
    a = keywords("Skeletons were found at the site of a former co-operative depot used by "
                 "Tamils.", site="Mannar")
    b = keywords("The grave lies under a cooperative store; a Tamil investigator said.",
                 site="Mannar")
    assert {"cooper", "tamil"} <= set(a) & set(b)  # compared as Snowball stems
    c = keywords("Rescuers retrieved the bodies.", site="Mannar")
    d = keywords("Teams worked to retrieve bodies.", site="Mannar")
    assert set(c) & set(d)


def test_keywords_leave_out_the_site_and_the_types_own_words():
    words = keywords("A mass grave with skeletons was exhumed near the Sathosa depot in "
                     "Mannar.", site="Mannar", taxonomy=load_taxonomy())
    assert "mannar" not in words and "skeleton" not in words and "exhum" not in words
    assert "sathosa" in words


def test_a_toll_of_ten_or_more_gives_words_reports_of_it_share():
    from geo.incidents.claims import toll_words

    assert set(toll_words(20)) & set(toll_words(21)) and len(toll_words(20)) == 2
    assert not set(toll_words(20)) & set(toll_words(40))
    assert toll_words(9) == [] and toll_words(None) == []
    # 22 and 25 lie in two buckets (a bucket's edge between them), and share the
    # half-shifted one: reports of one strike count "22 killed" and "25 dead"
    assert toll_words(22)[0] != toll_words(25)[0]
    assert set(toll_words(22)) & set(toll_words(25))
