"""Who the dead were: fighters, soldiers and police are combatants; families are not."""

import pytest

from geo.incidents.background import COMBATANTS


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
