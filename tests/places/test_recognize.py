"""Recognition helpers that have a reference to agree with."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wordfreq import top_n_list, zipf_frequency

from geo.places.parse import parse_text
from geo.places.recognize import _zipf, acronym


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


def test_a_lone_function_word_is_no_mention_as_the_full_rules_say(gaz, monkeypatch):
    # _run_mentions returns at once for a run of one function word (_lone_stop_word):
    # the full rules must come to the same mentions, in every place such a word stands.
    from geo.places import recognize as T

    words = sorted(w for w in T.STOP if T._lone_stop_word(w.capitalize()))
    texts = [" ".join(f"{w.capitalize()} said so." for w in words[k:k + 40])
             for k in range(0, len(words), 40)]
    texts += [
        "We saw Syria. A village near Aleppo. The town of All was hit. In We, Iraq, "
        "shelling. An airstrike hit May. Residents of Man fled. President Will said. "
        "\"The\" district of Here. Mosul (The) was shelled. He lives in Over district.",
        "WE SAW IT. THE END. Gen. May said. We\u2019s. US and We and Them. Sunday in Sun.",
    ]
    quick = {text: [(m.start, m.end, m.kind) for m in T.find_mentions(text, gaz)]
             for text in texts}
    monkeypatch.setattr(T, "_lone_stop_word", lambda word: False)  # the full rules
    for text in texts:
        assert [(m.start, m.end, m.kind) for m in T.find_mentions(text, gaz)] == quick[text]


@pytest.mark.parametrize(("word", "expected"), [
    ("IDP", True), ("PoC", True), ("IDPs", True), ("UNMISS", True),
    ("McCoy", False), ("DeKalb", False), ("Hilux", False), ("A", False),
])
def test_a_kind_of_site_in_capitals_is_an_acronym_not_a_name(word, expected):
    assert acronym(word) is expected


# --- session 17 (sentences written here) -------------------------------------------------

def _names(gaz, text: str) -> dict:
    from geo.places.parse import parse_text

    return {t.text: t for t in parse_text(text, gaz)}


@pytest.mark.parametrize("text", [
    "A truck bomb went off at a checkpoint in the Iraqi city of Hilla on Sunday.",
    "HILLA, Iraq (Reuters) - A truck bomb went off at a checkpoint on Sunday.",
])
def test_a_big_citys_other_name_that_is_a_first_name_is_the_city_where_the_text_says_so(
        gaz, text):
    [hilla] = [t for t in _names(gaz, text).values() if t.text.lower() == "hilla"]
    assert hilla.country_code == "IQ" and hilla.population > 100_000


@pytest.mark.parametrize(("text", "never"), [
    ("Pilgrims gathered for the feast of St Mary at the village church in Tigray.", "Mary"),
    ("Monks prepared the feast of Saint Mary of Zion in Tigray.", "Saint Mary"),
    ("Soldiers fired on the St George church in Lalibela.", "St George"),
    # (written for this test) the saint's church in the possessive
    ("A grave was found in the grounds of St Andrew's church in Bucha.", "St Andrew"),
])
def test_a_saints_name_is_no_place(gaz, text, never):
    got = _names(gaz, text)
    assert never not in got and "Mary" not in got
    assert {"Tigray", "Lalibela", "Bucha"} & got.keys()  # the place the sentence names stays


def test_a_town_named_after_a_saint_stays_a_town(gaz):
    got = _names(gaz, "Police in St. Paul said the road was closed.")
    assert got["St. Paul"].country_code == "US"


def test_the_town_a_street_is_filed_in_is_a_place(gaz):
    # (written for this test)
    got = _names(gaz, "Bodies were found lying in Yablunska Street, Bucha, after the troops "
                      "withdrew.")
    assert got["Bucha"].country_code == "UA"


@pytest.mark.parametrize(("text", "name", "cc"), [
    ("Jets hit the Mokha power plant at night, killing dozens of workers.", "Mokha", "YE"),
    ("A bus was hit near the Taba border crossing into Israel.", "Taba", "EG"),
])
def test_a_work_named_after_its_town_names_the_town(gaz, text, name, cc):
    # (written for this test)
    got = _names(gaz, text)
    assert got[name].country_code == cc


def test_a_hospital_named_after_a_person_names_no_town(gaz):
    # (written for this test: only works that take their town's name vouch for it)
    got = _names(gaz, "Patients were moved to the Nasser hospital on Friday.")
    assert "Nasser" not in got


def test_a_regions_building_stands_in_its_town(gaz):
    # (written for this test) "regional" before a building is no division word
    got = _names(gaz, "Inmates were killed in a riot at the Altamira regional prison on "
                      "Monday.")
    assert got["Altamira"].precision == "settlement"
    assert _names(gaz, "Shells hit the Kharkiv region.")["Kharkiv"].precision == "admin1"


def test_the_upper_or_lower_part_of_a_district_names_the_district(gaz):
    # (written for this test) "Lower Kurram" is no gazetteer name; Kurram is
    got = _names(gaz, "Gunmen fired on a convoy near Bagan in Lower Kurram on Thursday.")
    assert got["Kurram"].country_code == "PK"


def test_a_sentence_that_opens_with_where_names_a_town(gaz):
    # (written for this test) the opening "In" is no part of the town's name
    got = _names(gaz, "In Bint Jbeil, four members of one family were killed.")
    assert got["Bint Jbeil"].country_code == "LB"


# --- session 21 (sentences written here) -------------------------------------------------

@pytest.mark.parametrize(("text", "name", "cc"), [
    # the Persian ezafe joins a name with a space after it: not Pūl in Iran
    ("An airstrike hit Pul-e Khumri on Monday, killing five civilians.", "Pul-e Khumri",
     "AF"),
    ("A school in Dasht-e Archi, Kunduz, was bombed on Monday.", "Dasht-e Archi", "AF"),
])
def test_a_name_joined_by_an_ezafe_is_one_name(gaz, text, name, cc):
    got = _names(gaz, text)
    assert got[name].country_code == cc, got


def test_the_first_word_of_an_ezafe_name_the_gazetteer_lacks_is_no_place(gaz):
    got = _names(gaz, "A tractor hit a mine in the Dara-e Bom area of Qadis district.")
    assert "Dara" not in got and "Bom" not in got, got


@pytest.mark.parametrize(("text", "gone", "kept"), [
    ("A Grad rocket hit a bus near Volnovakha on Tuesday.", "Grad", "Volnovakha"),
    ("Weeks later the fighting reached Brcko, on the Sava river.", "Sava", "Brcko"),
])
def test_a_weapon_or_a_river_named_like_a_place_is_no_place(gaz, text, gone, kept):
    got = _names(gaz, text)
    assert gone not in got and kept in got, got


@pytest.mark.parametrize(("text", "name"), [
    ("Gunmen opened fire in Hebron's Old City on Friday.", "Hebron"),
    ("A bomb exploded in Marawi's state university gym on Sunday.", "Marawi"),
])
def test_a_place_that_owns_a_building_is_where_the_building_is(gaz, text, name):
    # (a name inside an organisation's name stays embedded: "Donetsk Regional Theatre")
    assert _names(gaz, text)[name].kind == "place"


@pytest.mark.parametrize(("text", "name"), [
    ("A leftover shell blew up in Yazebax village, Afrin district, on 14 April 2018.",
     "Afrin"),
    ("A leftover shell blew up in Yazebax village, Afrin, on 14 April 2018.", "Afrin"),
    ("Prisoners beaten at Alalah military camp, Dhale, says rights group", "Dhale"),
    ("Gunmen shot 14 men in a market street of Tal Afar, police said.", "Tal Afar"),
])
def test_the_area_a_village_is_filed_in_is_a_place(gaz, text, name):
    # after "X village," or as "Y district" set off after a name: where the village lies
    assert _names(gaz, text)[name].kind == "place"


def test_a_hashtag_names_its_place(gaz):
    # (written for this test) a monitor's post tags the town it tells of
    from geo.places.parse import parse_text

    got = [t.name for t in parse_text("A student was picked up from his home in #Turbat.", gaz)]
    assert got == ["Turbat"]


@pytest.mark.parametrize("text", [
    "Migrants held on a farm 8 km south of Bani Walid said smugglers beat them daily.",
    "A mine exploded 12 kilometres north-east of the town of Bani Walid said a witness.",
])
def test_what_a_distance_is_measured_from_is_a_place(gaz, text):
    # (written for this test) a speech verb after the name made it a person's
    assert _names(gaz, text)["Bani Walid"].country_code == "LY"


def test_a_town_said_to_lie_on_a_river_in_a_region_is_no_namesake_abroad(gaz):
    # (written for this test) no Myanmar town of the name in the gazetteer: Japan's Kani
    # is not it, and the region's other towns keep their readings
    got = _names(gaz, "Jets bombed Kani, a town on the west bank of the Chindwin River in "
                      "Sagaing Region, as two prisoners died in Monywa prison.")
    assert got["Kani"].country_code in (None, "MM")
    assert got["Monywa"].country_code == "MM"


@pytest.mark.parametrize(("text", "cc"), [
    ("Gunmen attacked the town of Nara, near the Mauritanian border, on Saturday.", "ML"),
    ("Gunmen attacked Nara, close to the border with Mauritania, on Saturday.", "ML"),
])
def test_a_place_near_a_countrys_border_is_the_namesake_by_that_country(gaz, text, cc):
    # (written for this test) Japan's Nara is bigger; the border says which
    assert _names(gaz, text)["Nara"].country_code == cc


def test_a_monitors_initials_are_no_citys_other_name(gaz):
    # (written for this test) a Brazilian city is known by the same three letters
    # (with no other place named, nothing else would say it is no Brazilian town)
    got = _names(gaz, "VDC: Sayeda Zainab - one civilian killed by shelling, name documented.")
    assert "VDC" not in got


def test_a_village_filed_under_a_municipality_is_no_namesake_of_another(gaz):
    # (written for this test) the state's El Guayabo lies in another municipality: this
    # village is one the gazetteer lacks, not that one
    got = _names(gaz, "Soldiers killed six civilians in the village of El Guayabo, Tecpan de "
                      "Galeana, Guerrero.")
    assert got["El Guayabo"].geonameid is None
    assert got["Tecpan de Galeana"].country_code == "MX"


@pytest.mark.parametrize(("text", "name", "cc"), [
    # (written for this test) two words joined in a hashtag
    ("#ElFasher: shells hit the camp again this morning, 6 civilians killed.", "El Fasher",
     "SD"),
    ("Hatla, #DeirEzzor: 3 civilians killed in an airstrike on the town.", "Deir Ezzor", "SY"),
])
def test_a_hashtag_of_two_joined_words_names_its_place(gaz, text, name, cc):
    assert _names(gaz, text)[name].country_code == cc


@pytest.mark.parametrize("text,name", [
    ("An airstrike hit a monastery in Ye-U Township on Sunday.", "Ye-U"),
    ("Troops shelled Ye-U on Sunday.", "Ye-U"),
])
def test_a_hyphen_joined_name_the_gazetteer_has_as_written_is_a_place(gaz, text, name):
    # (written for this test) "Ye" and "U" are short words apart; joined, a town's name
    assert name in [t.text for t in parse_text(text, gaz)]


@pytest.mark.parametrize("text,name", [
    ("Fighters stormed Kolofata, near the Nigerian border, late on Wednesday.", "Kolofata"),
    ("A bomb went off in a church in Kasindi, on the border with Uganda, on Sunday.",
     "Kasindi"),
])
def test_a_name_the_text_puts_by_a_border_is_a_place(gaz, text, name):
    # (written for this test) names no gazetteer has, set by a country's border
    assert name in [t.text for t in parse_text(text, gaz)]


@pytest.mark.parametrize(("text", "name"), [
    ("A grave was found near the central Spanish village of Loma de Montija.",
     "Loma de Montija"),
    ("Gunmen killed five people in the town of Tzompantepec de las Quintas on Sunday.",
     "Tzompantepec de las Quintas"),
])
def test_a_place_the_text_names_keeps_the_small_words_of_its_name(gaz, text, name):
    # (written for this test) the "de", "de los" of Romance place names the gazetteer
    # lacks are a part of the name, not its end
    assert name in _names(gaz, text), _names(gaz, text)


def test_a_new_towns_name_is_no_mention_of_the_old_town(gaz):
    # (written for this test) "Nuevo Callao", a mining settlement named after another
    # town: neither Callao (Peru) nor Nuevo (California)
    text = "Searchers found a grave with nine bodies in Nuevo Callao, near Tumeremo."
    names = {t.text for t in parse_text(text, gaz) if t.lat is not None}
    assert "Callao" not in names and "Nuevo" not in names
