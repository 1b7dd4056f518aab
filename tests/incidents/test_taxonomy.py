"""Incident taxonomy: the packaged file, user files, trigger matching and claim sentences."""

import hashlib
import re
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.errors import InputError
from geo.incidents.taxonomy import (
    Taxonomy,
    TaxonomyError,
    claim_sentences,
    find_types,
    load_taxonomy,
)

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"
TYPES = ["mass_grave", "airstrike", "shelling", "explosive_mine", "detention_torture",
         "abduction", "execution_massacre"]


@pytest.fixture(scope="module")
def tax() -> Taxonomy:
    return load_taxonomy()


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _claims(text: str, tax: Taxonomy) -> list[tuple[str, list[str]]]:
    return [(text[s:e], ids) for s, e, ids in claim_sentences(text, tax)]


def _types(text: str, tax: Taxonomy) -> list[str]:
    return [m.type_id for m in find_types(text, tax)]


# --- the packaged file ---------------------------------------------------------------

def test_packaged_taxonomy_has_the_seven_types(tax):
    assert [t.id for t in tax.types] == TYPES
    for t in tax.types:
        assert t.label and t.triggers
        assert all(p == p.lower() for p in t.triggers + t.weak + t.exclude)
        assert t.acled_event_type and t.acled_sub_event_type and t.ucdp_type_of_violence
    raw = files("geo").joinpath("data/taxonomy.toml").read_bytes()
    assert tax.sha256 == hashlib.sha256(raw).hexdigest()
    assert load_taxonomy() is tax  # parsed once


def test_packaged_file_explains_how_to_edit_it():
    text = files("geo").joinpath("data/taxonomy.toml").read_text(encoding="utf-8")
    comments = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    for needed in ("triggers", "exclude", "`*`", "replaces", "whole words"):
        assert needed.lower() in comments.lower(), needed


# --- the seeds -----------------------------------------------------------------------

def test_seed_002_mass_graves_and_a_separate_airstrike(tax):
    claims = _claims(_seed("002"), tax)
    graves = [s for s, ids in claims if "mass_grave" in ids]
    assert any("Raqqa" in s for s in graves)
    strikes = [(s, ids) for s, ids in claims if "airstrike" in ids]
    school = [(s, ids) for s, ids in strikes if "al-Mansourah" in s]
    assert len(school) == 1
    sentence, ids = school[0]
    assert "school" in sentence and "2017" in sentence
    assert "mass_grave" not in ids  # a different sentence from the graves


def test_seed_001_graves_near_aleppo_and_booby_traps(tax):
    claims = _claims(_seed("001"), tax)
    assert any("mass_grave" in ids and "Aleppo" in s for s, ids in claims)
    assert any("explosive_mine" in ids and "booby traps" in s for s, ids in claims)
    assert any("explosive_mine" in ids and "landmines" in s for s, ids in claims)


def test_seed_000_mines_and_burial_sites(tax):
    claims = _claims(_seed("000"), tax)
    assert any("mass_grave" in ids and "burial sites" in s for s, ids in claims)
    assert any("explosive_mine" in ids and "planting mines" in s for s, ids in claims)


def test_seed_004_mass_graves_near_izyum(tax):
    claims = _claims(_seed("004"), tax)
    assert any("mass_grave" in ids and "Izyum" in s for s, ids in claims)
    # Besides the graves, only the Bucha bodies "in civilian clothing" (a massacre).
    others = [(s, ids) for s, ids in claims if ids != ["mass_grave"]]
    assert [ids for _, ids in others] == [["execution_massacre"]]
    assert "civilian clothing" in others[0][0]


def test_seed_003_executions_and_shelling(tax):
    claims = _claims(_seed("003"), tax)
    first = claims[0]
    assert first[1] == ["mass_grave", "execution_massacre"]
    assert any("shelling" in ids for _, ids in claims)


# --- matching rules ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "a mine exploded", "Mine clearance", "the MINE", "stepped on a landmine", "mines",
    "a mine-clearing team",
])
def test_mine_matches_as_a_whole_word(tax, text):
    assert "explosive_mine" in _types(text, tax)


@pytest.mark.parametrize("text", [
    "to determine the cause", "mined data", "undermine the truce", "a gold mine of data",
    "a friend of mine", "the coal mine closed", "Minecraft", "examined",
])
def test_mine_does_not_match_inside_words_or_excluded_phrases(tax, text):
    assert "explosive_mine" not in _types(text, tax)


def test_offsets_are_exact_and_trigger_is_reported(tax):
    text = "Teams EXHUMED them after the Air-Strike;\nthe air\nraid hit."
    found = find_types(text, tax)
    assert [(m.type_id, text[m.start:m.end], m.trigger) for m in found] == [
        ("mass_grave", "EXHUMED", "exhum*"),
        ("airstrike", "Air-Strike", "air strike"),
        ("airstrike", "air\nraid", "air raid"),
    ]


def test_longest_trigger_wins_within_a_type(tax):
    found = find_types("mass burial sites were found", tax)
    assert [(m.trigger, m.start, m.end) for m in found] == [("mass burial sites", 0, 17)]


def test_exclusions_only_suppress_what_they_overlap(tax):
    text = "They found a gold mine and a landmine; an air raid siren sounded before the air raid."
    found = find_types(text, tax)
    assert [(m.type_id, text[m.start:m.end]) for m in found] == [
        ("explosive_mine", "landmine"), ("airstrike", "air raid"),
    ]
    assert found[-1].start == text.rindex("air raid")


@pytest.mark.parametrize("text", [
    "Former detainees described beatings, electric shocks and mock executions.",
    "The basement was an unlawful place of detention.",
])
def test_torture_of_prisoners_is_detention_not_a_killing(tax, text):
    assert {m.type_id for m in find_types(text, tax)} == {"detention_torture"}


def test_one_sentence_one_entry_per_type(tax):
    text = "Airstrikes and an air raid hit the town. Later, shelling and a mine blast."
    assert _claims(text, tax) == [
        ("Airstrikes and an air raid hit the town.", ["airstrike"]),
        ("Later, shelling and a mine blast.", ["shelling", "explosive_mine"]),
    ]


def test_a_gap_in_a_trigger_takes_a_few_words_but_no_comma(tax):
    found = find_types("They stabbed a young man to death and shot two farmers dead.", tax)
    assert [(m.type_id, m.trigger) for m in found] == [
        ("execution_massacre", "stabbed ... to death"),
        ("execution_massacre", "shot ... dead")]
    assert [m.trigger for m in find_types("He was stabbed to death.", tax)] == [
        "stabbed to death"]
    # a comma or more than four words between: no longer one phrase
    assert all(m.trigger != "shot ... dead"
               for m in find_types("He shot at them, leaving one dead.", tax))
    assert all(m.trigger != "stabbed ... to death" for m in find_types(
        "He stabbed the old village chief of the town to death.", tax))


def test_no_triggers_no_claims(tax):
    assert claim_sentences("The weather was fine.", tax) == []
    assert find_types("", tax) == []


# --- user files ----------------------------------------------------------------------

USER_FILE = """
# my own types
[flood]
label = "Flood"
triggers = ["flood*", "flash flood", "levee breach"]
exclude = ["flood of refugees"]

[siege]
label = "Siege"
triggers = ["siege", "besieged"]
ucdp = "not an event by itself"
"""


def test_a_user_file_replaces_the_default(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(USER_FILE, encoding="utf-8")
    user = load_taxonomy(path)
    assert [t.id for t in user.types] == ["flood", "siege"]
    assert user.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert user.get("siege").ucdp == "not an event by itself"
    text = "Flooding after the levee  breach; a flood of refugees; the airstrike; Aleppo besieged."
    assert [(m.type_id, text[m.start:m.end]) for m in find_types(text, user)] == [
        ("flood", "Flooding"), ("flood", "levee  breach"), ("siege", "besieged"),
    ]
    assert load_taxonomy(str(path)).types == user.types


@pytest.mark.parametrize(("content", "problem"), [
    ("[flood\nlabel = 'x'", "not valid TOML"),
    ("[flood]\nlabel = 'Flood'\n", "[flood]: has no triggers"),
    ("[flood]\nlabel = 'Flood'\ntriggers = []\n", "[flood]: has no triggers"),
    ("[flood]\nlabel = 'Flood'\ntrigers = ['flood']\n", "unknown key(s) trigers"),
    ("[flood]\ntriggers = ['flood']\n", "[flood]: needs a label"),
    ("[flood]\nlabel = 'Flood'\ntriggers = 'flood'\n", "must be a list"),
    ("[flood]\nlabel = 'Flood'\ntriggers = ['fl*od']\n", "`*` may only end"),
    ("[flood]\nlabel = 'Flood'\ntriggers = ['*']\n", "must start with a letter"),
    ("[flood]\nlabel = 'Flood'\ntriggers = ['flood ...']\n", "must stand between words"),
    ("[flood]\nlabel = 'Flood'\ntriggers = [3]\n", "is not a string"),
    ("[Flood]\nlabel = 'Flood'\ntriggers = ['flood']\n", "lower-case"),
    ("flood = 'x'\n", "must be a table"),
    ("[flood]\nlabel = 'Flood'\ntriggers = ['flood']\nweak_together = 1\n",
     "weak_together must be a whole number of 2 or more"),
    ("# nothing yet\n", "defines no incident types"),
])
def test_a_broken_file_is_a_clear_value_error(tmp_path, content, problem):
    path = tmp_path / "broken.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_taxonomy(path)
    message = str(info.value)
    assert str(path) in message and problem in message
    assert isinstance(info.value, TaxonomyError) and isinstance(info.value, InputError)
    assert "\n" not in message.split(": ", 1)[0]


def test_a_missing_or_binary_file_is_a_value_error(tmp_path):
    with pytest.raises(ValueError, match="cannot read"):
        load_taxonomy(tmp_path / "absent.toml")
    path = tmp_path / "binary.toml"
    path.write_bytes(b"\xff\xfe[x]")
    with pytest.raises(ValueError, match="not UTF-8"):
        load_taxonomy(path)


# --- properties ----------------------------------------------------------------------

_WORDISH = re.compile(r"\w")
_PIECES = (
    "mine", "mines", "determine", "air strike", "air-strike", "exhumed", "gold mine",
    "mass graves", "Shelling", "IED", "prison", "years in prison", " ", "\n", ". ", "-",
    "’", "'", "é", "_",
)


def _check(text: str, tax: Taxonomy) -> None:
    found = find_types(text, tax)
    for m in found:
        piece = text[m.start:m.end]
        assert piece and _WORDISH.match(piece)
        assert m.start == 0 or not _WORDISH.match(text[m.start - 1])
        assert m.end == len(text) or not _WORDISH.match(text[m.end])
    keys = [(m.start, m.type_id) for m in found]
    assert keys == sorted(keys, key=lambda k: (k[0], TYPES.index(k[1])))
    for start, end, ids in claim_sentences(text, tax):
        assert 0 <= start < end <= len(text) and ids
        assert any(start <= m.start < end and m.type_id in ids for m in found)


@settings(max_examples=300)
@given(st.text())
def test_random_text_never_raises(text):
    _check(text, load_taxonomy())


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=4), max_size=25))
def test_trigger_soup_gives_exact_whole_word_offsets(pieces):
    _check("".join(pieces), load_taxonomy())


@settings(max_examples=200)
@given(left=st.text(alphabet=" .,;\n()\"'", max_size=3),
       right=st.text(alphabet=" .,;\n()\"", max_size=3),
       before=st.text(max_size=20), after=st.text(max_size=20))
def test_a_trigger_between_separators_is_found_where_it_is(left, right, before, after):
    tax = load_taxonomy()
    prefix = before + " " + left
    text = prefix + "booby traps" + right + " " + after
    found = [m for m in find_types(text, tax) if m.start == len(prefix)]
    assert found and found[0].type_id == "explosive_mine"
    assert text[found[0].start:found[0].end] == "booby traps"


def test_weak_words_are_found_only_when_asked(tax):
    text = "Three people were killed in a blast near the market."
    strong = [(m.type_id, m.trigger) for m in find_types(text, tax)]
    weak = [(m.type_id, m.trigger, m.weak) for m in find_types(text, tax, weak=True)]
    assert strong == []
    assert ("execution_massacre", "killed", True) in weak
    assert ("explosive_mine", "blast", True) in weak


def test_acled_and_ucdp_keys_are_checked(tmp_path):
    bad = tmp_path / "t.toml"
    bad.write_text('[x]\nlabel = "X"\ntriggers = ["x"]\nucdp_type_of_violence = 4\n',
                   encoding="utf-8")
    with pytest.raises(TaxonomyError, match="ucdp_type_of_violence"):
        load_taxonomy(bad)


@pytest.mark.parametrize(("text", "kind"), [
    ("forensic teams began digging up graves outside the town", "mass_grave"),
    ("the team excavated a pit behind the school", "mass_grave"),
    ("soldiers held the men in a cellar for a week", "detention_torture"),
    ("they were chained to radiators", "detention_torture"),
    ("masked men took the two brothers from their homes", "abduction"),
    ("a lawyer was snatched outside the court", "abduction"),
    ("militiamen went hacking families to death", "execution_massacre"),
    ("gunmen cut the throats of three herders", "execution_massacre"),
    ("the mayor was assassinated at his home", "execution_massacre"),
])
def test_plainer_words_for_the_types(tax, text, kind):
    # (strong words or weak ones, which count when the sentence tells of victims)
    assert kind in [m.type_id for m in find_types(text, tax, weak=True)]


@pytest.mark.parametrize(("text", "kind"), [
    # (sentences written for this test)
    ("A suicide truck bombing hit the checkpoint.", "explosive_mine"),
    ("A suicide car bomber rammed the gate.", "explosive_mine"),
    ("A gunship fired on the hospital.", "airstrike"),
    ("Shells fell on the market at noon.", "shelling"),
    ("Police found crematory pits on the ranch.", "mass_grave"),
    ("The activist was taken to an unknown location.", "abduction"),
    ("An Israeli strike on Gaza's largest camp killed dozens.", "airstrike"),
    ("Rebels dynamited the gas line above the village.", "explosive_mine"),
    ("Men were held for weeks at a filtration point outside the town.", "detention_torture"),
    ("Army helicopters fired on a convoy of minibuses on the highway.", "airstrike"),
])
def test_the_words_monitors_use_for_each_kind(tax, text, kind):
    assert kind in {m.type_id for m in find_types(text, tax) if not m.weak}


@pytest.mark.parametrize("text", [
    "Forensic teams recovered bodies from an abandoned mine shaft outside the town.",
    "Police found the bodies in a disused copper mine near the border.",
    "The remains were dumped in a Kizevak mine, witnesses said.",
])
def test_a_mine_dug_for_ore_is_no_explosive(tax, text):
    assert "explosive_mine" not in {m.type_id for m in find_types(text, tax) if not m.weak}


@pytest.mark.parametrize("text", ["The joint force remains underfunded.",
                                  "It remains a concern for the mission."])
def test_remains_as_a_verb_is_no_grave(tax, text):
    assert not [m for m in find_types(text, tax, weak=True) if m.type_id == "mass_grave"]


def test_human_remains_found_somewhere_are_remains(tax):
    found = find_types("Teams found human remains at the dump.", tax)
    assert [m.type_id for m in found] == ["mass_grave"]


@pytest.mark.parametrize("text", ["The photographs led to the first threat of air strikes.",
                                  "NATO threatened airstrikes against the army."])
def test_strikes_only_threatened_are_no_strikes(tax, text):
    assert not [m for m in find_types(text, tax) if m.type_id == "airstrike"]


@pytest.mark.parametrize("text", ["Teachers went on strike on Monday.",
                                  "Doctors have been on strike since March."])
def test_a_strike_of_workers_is_no_strike_from_the_air(tax, text):
    assert not [m for m in find_types(text, tax, weak=True) if m.type_id == "airstrike"]


def test_a_suicide_blast_is_a_bomb_and_burying_the_dead_no_grave_found():
    # (written for this test)
    tax = load_taxonomy()
    types = {m.type_id for m in find_types("A suicide blast hit the rally.", tax)}
    assert "explosive_mine" in types
    types = {m.type_id for m in find_types(
        "Residents continued to bury their dead in mass graves.", tax)}
    assert "mass_grave" not in types


@pytest.mark.parametrize("text", [
    "a column of cars carrying families was fired on as it tried to escape",
    "soldiers opened fire on the crowd",
])
def test_firing_on_people_is_a_weak_word_of_a_killing(tax, text):
    # weak: it says who shot only with the sentences beside it, but it marks the sentence
    # (and the day it gives) as part of the incident
    found = [(m.type_id, m.weak) for m in find_types(text, tax, weak=True)]
    assert ("execution_massacre", True) in found, found


@pytest.mark.parametrize("text", [
    "Armed men took the village imam; nothing has been heard from him since.",
])
def test_no_word_since_is_a_weak_word_of_an_abduction(tax, text):
    found = [(m.type_id, m.weak) for m in find_types(text, tax, weak=True)]
    assert ("abduction", True) in found, found


@pytest.mark.parametrize(("text", "kind"), [
    # (written for this test) a trench used as a grave; a strike by guns; men led away
    ("Volunteers recovered the bodies of 9 people from two shallow trenches near Sirte.",
     "mass_grave"),
    ("This morning's artillery strike on the centre of Kherson killed four people.",
     "shelling"),
    ("Gunmen stopped a bus near Homs on Monday and took five young men away.", "abduction"),
])
def test_trenches_artillery_strikes_and_men_taken_away(gaz, text, kind):
    from datetime import date

    from geo.incidents.claims import analysis_text, extract
    from geo.places.parse import parse_text
    from geo.read import Document

    doc = Document(id="t", text=text, source="test", published="2024-03-20",
                   sha256=hashlib.sha256(text.encode()).hexdigest())
    body, title_end = analysis_text(doc)
    d = date(2024, 3, 20)
    claims = extract(doc, parse_text(body, gaz), load_taxonomy(), published=(d, d, "day"),
                     estimated=False, text=body, title_end=title_end).claims
    assert [c.event_type for c in claims] == [kind]


def test_an_air_raid_alert_is_no_air_raid(tax):
    assert "airstrike" not in _types("An air raid alert sounded for three hours.", tax)


def test_rocket_systems_and_shells_fired_are_strong_shelling_words(tax):
    # (written for this test) as strong as "artillery": they say shelling by themselves
    for text in ("a salvo of multiple launch rocket system fire hit the street",
                 "forces fired rocket-launcher shells at the town"):
        got = [(m.type_id, m.weak) for m in find_types(text, tax, weak=True)
               if m.type_id == "shelling"]
        assert ("shelling", False) in got, text


@pytest.mark.parametrize(("text", "kind"), [
    # (written for this test)
    ("The remains of 26 people shot in 1936 were recovered from a grave outside the village",
     "mass_grave"),
    ("Former soldiers describe beatings in Taliban detention", "detention_torture"),
    ("Protesters were beaten in police custody, a rights commission said",
     "detention_torture"),
])
def test_the_dead_taken_from_a_grave_and_beatings_where_people_are_held_are_strong(
        tax, text, kind):
    got = [(m.type_id, m.weak) for m in find_types(text, tax, weak=True)]
    assert (kind, False) in got


@pytest.mark.parametrize("text", [
    # (written for this test) a headline's present tense
    "Militants behead two farmers",
    "Soldier guns down four villagers at a checkpoint",
    "Militia slaughters cattle herders",
])
def test_a_headlines_present_tense_names_a_killing(tax, text):
    got = [(m.type_id, m.weak) for m in find_types(text, tax, weak=True)]
    assert ("execution_massacre", False) in got


@pytest.mark.parametrize("text", [
    "Explosive devices dropped from unmanned aerial vehicles fell on several homes.",
    "The attack with explosives dropped from drones killed two people.",
    "Drones loaded with explosives hit a community on Sunday night.",
])
def test_charges_dropped_by_drones_are_air_strikes(tax, text):
    # (written for this test) the dev rules: what a drone drops is an air strike
    strong = {m.type_id for m in find_types(text, tax)}
    assert "airstrike" in strong and "explosive_mine" not in strong


@pytest.mark.parametrize(("text", "kind"), [
    # (written for these tests) a bomb left in a building or a wave of bomb attacks is a
    # bomb that went off where it lay; a barrel bomb attack stays one from the air
    ("A bomb in a cafe toilet killed two diners.", "explosive_mine"),
    ("A wave of bomb attacks hit the city's markets.", "explosive_mine"),
    ("Helicopters carried out barrel bomb attacks on the town.", "airstrike"),
    # what carried the cluster munitions says how they came
    ("A missile carrying cluster munitions hit the bus station.", "airstrike"),
    # a headline's present tense; a shell's own verb
    ("Bomb explodes outside a court, killing a guard.", "explosive_mine"),
    ("A shell fired from the hills struck the market.", "shelling"),
    # the dead of long ago found where they lay
    ("The remains of some forty villagers were found under a school yard.", "mass_grave"),
    # people taken off a bus by gunmen
    ("Gunmen pulled twelve passengers off a bus at a fake checkpoint.", "abduction"),
])
def test_how_an_attack_came_is_told_by_its_own_words(tax, text, kind):
    found = find_types(text, tax, weak=True)
    strong = {m.type_id for m in found if not m.weak}
    if kind == "abduction":  # (a word of taking: the gunmen alone say who acted)
        assert "abduction" in {m.type_id for m in found}
    else:
        assert kind in strong
        assert kind != "explosive_mine" or "airstrike" not in strong


def test_a_camp_at_a_mine_is_no_landmine(tax):
    # (written for this test) the camp prisoners were held in, named after its mine
    assert not [m for m in find_types("Prisoners were held at the Omarska mine camp.", tax,
                                      weak=True) if m.type_id == "explosive_mine"]
