"""Who the dead were: fighters, soldiers and police are combatants; families are not."""

import pytest

from geo.incidents.background import COMBATANTS, generic_cue


@pytest.mark.parametrize(("phrase", "fighters"), [
    ("two Abu Sayyaf members", True),
    ("ten Taliban", True),
    ("five Hezbollah operatives", True),
    ("four suspected militants", True),
    ("three gendarmes", True),
    ("five family members", False),
    ("two members", False),
    ("two medical personnel", False),
    ("12 villagers", False),
])
def test_combatants_are_told_from_civilians(phrase, fighters):
    assert (COMBATANTS.search(phrase) is not None) is fighters


@pytest.mark.parametrize("text", [
    "Balochistan has seen a surge of attacks by separatist insurgents, who in March seized "
    "a passenger train and took hundreds of hostages.",
    "The region has seen an upsurge in killings since the elections.",
])
def test_a_surge_of_attacks_is_a_trend_not_an_event(text):
    assert generic_cue(text, 0, len(text)) is not None


@pytest.mark.parametrize("text", [
    'Lawmakers opened an inquiry into what they called a "disturbing pattern" of military '
    "air strikes that have killed civilians in the north.",
    "Monitors describe a pattern of drone strikes on markets.",
])
def test_a_pattern_of_strikes_is_many_events_not_one(text):
    assert generic_cue(text, 0, len(text)) is not None


@pytest.mark.parametrize("text", [
    # (written for this test) what rights groups have said for years is no one event
    "Rights groups have long accused guards of torturing detainees at the jail.",
    "Officials have repeatedly accused the militia of shelling the villages.",
])
def test_a_long_running_accusation_is_general_wording(text):
    assert generic_cue(text, 0, len(text)) is not None
