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


def test_a_stop_after_an_abbreviation_or_before_lower_case_ends_no_sentence():
    # "on the morning of Sept. 2, all 10 lay dead": one sentence, the day with its month
    text = "On the morning of Sept. 2, all 10 lay dead. U.S. forces left at 2 p.m. today."
    assert sentence_bounds(text, 30) == (0, 43)
    assert sentence_bounds(text, 50) == (44, len(text))


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


_ABBREVIATIONS = {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
                  "Nov", "Dec", "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt",
                  "Sgt", "Cpl", "Pvt", "Brig", "Adm", "Gov", "Sen", "Rep", "Rev", "Prof",
                  "St", "Mt", "Ft", "Jr", "Sr", "No", "Nos", "vs", "approx"}


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _ends_sentence(text: str, i: int) -> bool:
    """Is text[i] a sentence's stop, by the rules written out: "!" or "?" before a space
    or the end; "." likewise, but not after an abbreviation or a capital initial, nor
    before spaces and a lower-case letter."""
    ch = text[i]
    if ch not in ".!?" or (i + 1 < len(text) and not text[i + 1].isspace()):
        return False
    if ch != ".":
        return True
    j = i
    while j > 0 and _word_char(text[j - 1]):
        j -= 1
    word = text[j:i]
    if word in _ABBREVIATIONS or (len(word) == 1 and "A" <= word <= "Z"):
        return False
    k = i + 1
    while k < len(text) and text[k].isspace() and text[k] != "\n":
        k += 1
    return not (k > i + 1 and k < len(text) and "a" <= text[k] <= "z")


def _plain_sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The first way: a loop over characters (the reference for the regex one)."""
    start = pos
    while start > 0:
        ch = text[start - 1]
        if ch == "\n" or (start < len(text) and _ends_sentence(text, start - 1)):
            break
        start -= 1
    end = pos
    while end < len(text):
        ch = text[end]
        if ch == "\n":
            break
        end += 1
        if _ends_sentence(text, end - 1):
            break
    while start < end and text[start].isspace():
        start += 1
    return start, end


@given(st.lists(st.sampled_from(["a", "b", " ", ".", "!", "?", "\n", "\u00a0", "\t", ". ", ".\n",
                                 "x.", "\u2028", "U.S.", "”", "Sept.", "B", "2"]), max_size=20))
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
