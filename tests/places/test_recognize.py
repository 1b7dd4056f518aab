"""Recognition helpers that have a reference to agree with."""

from hypothesis import given
from hypothesis import strategies as st
from wordfreq import top_n_list, zipf_frequency

from geo.places.recognize import _zipf


def test_zipf_is_wordfreqs_for_common_words():
    for w in top_n_list("en", 5000) + ["raqqa", "izium", "qqqzx", "o'brien", "Monday"]:
        assert _zipf(w) == zipf_frequency(w, "en"), w


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8))
def test_zipf_is_wordfreqs_for_any_plain_word(w):
    assert _zipf(w) == zipf_frequency(w, "en")


_PIECES = ["Deir", "ez", "-", "Zor", "Al", "al", "Ar", "Raqqah's", "U.S.", "St.", "Mt.",
           "W. Va.", "of", "the", "de", "Ouled", "Khan", "Sheikhoun", "Qamishli", "Yahya",
           "Aah", "Lee", "Phuket", "Ash", "Shaddadi", "O'Brien", "Ban", "Chiang", "Ga.",
           "Bosnia", "and", "Herzegovina", "Izyum's", "an", "El", "Ahh"]


@given(st.lists(st.sampled_from(_PIECES) | st.from_regex(r"[A-Z][a-z]{0,6}", fullmatch=True),
                min_size=1, max_size=10),
       st.lists(st.sampled_from([" ", "", " "]), min_size=10, max_size=10))
def test_span_keys_equal_key_of_the_surface(pieces, gaps):
    from geo.gazetteer.normalize import key
    from geo.places import recognize as T
    from geo.places.tokens import tokenize

    text = "In " + "".join(p + g for p, g in zip(pieces, gaps, strict=False)) + "."
    tokens = tokenize(text)
    for run in T.cap_runs(text, tokens):
        for a, b, _, _, surface in T._subspans(text, tokens, run):
            T._SURFACE_KEYS.pop(surface, None)
            assert T._span_key(tokens, run, a, b, surface) == key(surface), surface


def _headline_plainly(line: str) -> bool:
    """The title-case rule read off every long word, as `_Headlines` did before its
    shortcut for prose."""
    import re

    words = re.findall(r"[^\W\d_]{4,}", line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


_LINE_WORDS = ["Syria", "Announces", "New", "Commission", "the", "town", "said", "of", "Ödön",
               "élan", "über", "Ärzte", "in", "a", "Deir", "ez-Zor", "1,200", "killed", "ÉTAT"]


@given(st.lists(st.lists(st.sampled_from(_LINE_WORDS) | st.text(max_size=6), max_size=40)
                .map(" ".join), min_size=1, max_size=3).map("\n".join))
def test_headline_lines_as_the_plain_rule_reads_them(text):
    from geo.places.recognize import _Headlines

    lines, start = _Headlines(text), 0
    for line in text.split("\n"):
        assert (start in lines) == _headline_plainly(line), line
        start += len(line) + 1
