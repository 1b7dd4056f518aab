"""The tokenizer: offsets, abbreviations kept whole, sentence and line starts."""

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.places.tokens import sentence_bounds, sentence_stops, tokenize


def texts(s: str) -> list[str]:
    return [t.text for t in tokenize(s)]


def test_abbreviations_and_initialisms_are_one_token():
    assert texts("From Ga. to W. Va. and W.Va., via the U.S.") == [
        "From", "Ga.", "to", "W. Va.", "and", "W.Va.", ",", "via", "the", "U.S."]


def test_abbreviation_needs_the_whole_word():
    # "Mass" inside "Massachusetts" and "Ga" inside "Gaza." are no abbreviations.
    assert texts("Massachusetts. Gaza.") == ["Massachusetts", ".", "Gaza", "."]


def test_words_keep_inner_apostrophes_and_numbers_their_separators():
    assert texts("Syria's 1,200 at 10:30") == ["Syria's", "1,200", "at", "10:30"]
    # transliterations write the ayn with a turned comma: one word, never a quote
    assert texts("Şa‘dah and Qa‘ţabah") == ["Şa‘dah", "and", "Qa‘ţabah"]
    assert texts("‘Adra’") == ["‘", "Adra", "’"]


def test_sentence_and_line_starts():
    toks = tokenize("Raqqa fell. Then Aleppo\nIzium said (Kyiv)")
    starts = {t.text: (t.sentence_start, t.line_start) for t in toks}
    assert starts["Raqqa"] == (True, True)
    assert starts["Then"] == (True, False)
    assert starts["Aleppo"] == (False, False)
    assert starts["Izium"] == (True, True)
    assert starts["Kyiv"] == (False, False)  # after "(", the sentence has begun


def test_names_are_marked():
    toks = tokenize("near Deir ez-Zor and U.S. bases")
    assert [t.text for t in toks if t.is_name] == ["Deir", "Zor", "U.S."]


def _skippable(gap: str) -> bool:
    """Only white space and word characters that are neither letters nor digits ("_")."""
    return not any(c.isalpha() or c.isdecimal() for c in gap)


@given(st.text(max_size=300))
def test_offsets_point_at_the_token_text(s):
    last = 0
    for t in tokenize(s):
        assert s[t.start:t.end] == t.text
        assert t.start >= last and t.end > t.start
        assert _skippable(s[last:t.start])
        last = t.end
    assert _skippable(s[last:])


def _plain_sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The first way: a loop over characters (the reference for the regex one)."""
    start = pos
    while start > 0:
        ch = text[start - 1]
        if ch == "\n" or (ch in ".!?" and start < len(text) and text[start].isspace()):
            break
        start -= 1
    end = pos
    while end < len(text):
        ch = text[end]
        if ch == "\n":
            break
        end += 1
        if ch in ".!?" and (end >= len(text) or text[end].isspace()):
            break
    while start < end and text[start].isspace():
        start += 1
    return start, end


@given(st.lists(st.sampled_from(["a", "b", " ", ".", "!", "?", "\n", "\u00a0", "\t", ". ", ".\n",
                                 "x.", "\u2028", "U.S.", "”"]), max_size=20))
@settings(max_examples=500)
def test_sentence_bounds_as_the_plain_loop_says(pieces):
    text = "".join(pieces)
    for pos in range(len(text) + 1):
        assert sentence_bounds(text, pos) == _plain_sentence_bounds(text, pos), (text, pos)


@given(st.lists(st.sampled_from(["a", "b", " ", ".", "!", "?", "\n", "\u00a0", "\t", ". ", ".\n",
                                 "x.", "\u2028", "U.S.", "”"]), max_size=30))
@settings(max_examples=500)
def test_sentence_bounds_with_the_stops_as_without(pieces):
    # (split_sentences hands the text's stops over, so that a long line is not read
    # again for each of its sentences)
    text = "".join(pieces)
    stops = sentence_stops(text)
    for pos in range(len(text) + 1):
        assert sentence_bounds(text, pos, stops) == sentence_bounds(text, pos), (text, pos)
