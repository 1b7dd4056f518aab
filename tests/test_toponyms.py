"""Recognition helpers that have a reference to agree with."""

from hypothesis import given
from hypothesis import strategies as st
from wordfreq import top_n_list, zipf_frequency

from geo.toponyms import _zipf


def test_zipf_is_wordfreqs_for_common_words():
    for w in top_n_list("en", 5000) + ["raqqa", "izium", "qqqzx", "o'brien", "Monday"]:
        assert _zipf(w) == zipf_frequency(w, "en"), w


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8))
def test_zipf_is_wordfreqs_for_any_plain_word(w):
    assert _zipf(w) == zipf_frequency(w, "en")
