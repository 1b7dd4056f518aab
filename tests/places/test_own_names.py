"""Resolution: a place's own name against the other names of its namesakes.

A name the text writes is most often the own name of the place meant; a bigger place
that only carries it as an old or foreign name (a historic name, a nickname) is meant
less often.  Initials in capitals and abbreviations (`St.`, `Colo.`) are read for what
they are.  Sentences here are made up for the tests.
"""

from __future__ import annotations

from geo.gazetteer.normalize import norm
from geo.models import Place
from geo.places import resolve as resolve_mod
from geo.places.mentions import Mention
from geo.places.resolve import VARIANT, _candidates, resolve


def _p(gid: str, name: str, lat: float, lon: float, cc: str, *, pop: int = 1000,
       fc: str = "P", code: str = "PPL") -> Place:
    return Place(geonameid=gid, name=name, lat=lat, lon=lon, feature_class=fc,
                 feature_code=code, country_code=cc, population=pop)


def _hit(p: Place, name: str, primary: bool) -> tuple[Place, str, str, bool]:
    return (p, name, norm(name), primary)


def test_saint_written_st_is_the_own_name_of_the_place_spelling_it_out() -> None:
    town = _p("t1", "St. Ambrose", 30.0, -90.0, "US", pop=50_000)
    city = _p("t2", "Saint Ambrose", 55.0, 30.0, "RU", pop=2_000_000)
    m = Mention(0, 11, "St. Ambrose", "place",
                hits=[_hit(town, "St. Ambrose", True), _hit(city, "St. Ambrose", False)])
    got = _candidates(m)
    assert got["t1"][1] == 1.0
    assert got["t2"][1] == 1.0  # Saint Ambrose is the city's own name, abbreviated


def test_initials_in_capitals_are_not_the_own_name_of_a_town_spelled_so() -> None:
    town = _p("e1", "Ou", 50.0, 1.4, "FR", pop=8000)
    union = _p("e2", "Oceania Union", 48.0, 9.0, "XX", pop=400_000_000, fc="L", code="CONT")
    m = Mention(0, 2, "OU", "place", hits=[_hit(town, "Ou", True), _hit(union, "OU", False)])
    got = _candidates(m)
    assert got["e1"][1] == got["e2"][1] == 0.92


def test_an_abbreviation_with_its_dot_is_not_a_town_spelled_without() -> None:
    town = _p("c1", "Nebr", 42.0, -93.0, "US", pop=900)
    state = _p("c2", "Nebraskana", 41.0, -99.0, "US", pop=1_900_000, fc="A", code="ADM1")
    m = Mention(0, 5, "Nebr.", "place",
                hits=[_hit(town, "Nebr", True), _hit(state, "Nebr.", False)])
    got = _candidates(m)
    assert got["c1"][1] == 0.92
    assert got["c2"][1] > VARIANT


def _scores(gaz, text: str, m: Mention) -> dict[str, float]:
    # A second place, so the name is not alone (a lone name is its best-known namesake).
    other = _p("o1", "Marwick", 38.1, -84.2, "US", pop=3000)
    start = text.index("Marwick")
    second = Mention(start, start + 7, "Marwick", "place", hits=[_hit(other, "Marwick", True)])
    t = resolve(text, [m, second], gaz)[0]
    return {c.geonameid: c.score for c in t.candidates}


def test_a_place_known_by_the_name_of_old_loses_beside_one_named_so(gaz, monkeypatch
                                                                     ) -> None:
    # "Tresk" is the own name of a town and an old name of a city far away.
    town = _p("h1", "Tresk", 38.0, -84.0, "US", pop=15_000)
    city = _p("h2", "Aldavar", 36.2, 37.1, "SY", pop=2_000_000)
    text = "Police in Tresk and Marwick closed the road."
    m = Mention(10, 15, "Tresk", "place",
                hits=[_hit(town, "Tresk", True), _hit(city, "Tresk", False)])
    penalty = resolve_mod.W_OTHER_NAME
    assert penalty > 0
    with_penalty = _scores(gaz, text, m)
    monkeypatch.setattr(resolve_mod, "W_OTHER_NAME", 0.0)
    without = _scores(gaz, text, m)
    assert without["h1"] == with_penalty["h1"]
    assert with_penalty["h2"] == round(without["h2"] - penalty, 4)


def test_a_name_less_its_qualifier_is_the_places_own_name(gaz, monkeypatch) -> None:
    # GeoNames writes "Tresk (Saale)" for the city people call Tresk: the bare name is
    # no old or foreign name of it, so no penalty beside a smaller town named so.
    town = _p("q1", "Tresk", 38.0, -84.0, "US", pop=15_000)
    city = _p("q2", "Tresk (Saale)", 51.5, 12.0, "DE", pop=240_000)
    text = "Police in Tresk and Marwick closed the road."
    m = Mention(10, 15, "Tresk", "place",
                hits=[_hit(town, "Tresk", True), _hit(city, "Tresk", False)])
    with_penalty = _scores(gaz, text, m)
    monkeypatch.setattr(resolve_mod, "W_OTHER_NAME", 0.0)
    without = _scores(gaz, text, m)
    assert with_penalty["q2"] == without["q2"]


def test_a_county_named_without_its_kind_word_keeps_its_name(gaz, monkeypatch) -> None:
    # "Corvan" for Corvan County: GeoNames has the county with its kind word; its bare
    # name is another of its names, but no lesser one.
    county = _p("k1", "Corvan County", 30.5, -82.0, "US", pop=30_000, fc="A", code="ADM2")
    village = _p("k2", "Corvan", 30.4, -82.1, "US", pop=600)
    text = "Deputies from Corvan and Marwick searched the woods."
    m = Mention(14, 20, "Corvan", "place",
                hits=[_hit(county, "Corvan", False), _hit(village, "Corvan", True)])
    with_penalty = _scores(gaz, text, m)
    monkeypatch.setattr(resolve_mod, "W_OTHER_NAME", 0.0)
    assert _scores(gaz, text, m) == with_penalty


def _tresk(prefix: str) -> tuple[Place, Place, Place]:
    """Orlin County, Illinois; Tresk, a small town in it; Tresk, a big city abroad."""
    county = _p(f"{prefix}1", "Orlin County", 39.6, -87.7, "US", pop=18_000, fc="A",
                code="ADM2").model_copy(update={"admin1": "Illinois"})
    town = _p(f"{prefix}2", "Tresk", 39.61, -87.69, "US", pop=8000).model_copy(
        update={"admin1": "Illinois", "admin2": "Orlin County"})
    city = _p(f"{prefix}3", "Tresk", 48.85, 2.35, "FR", pop=2_000_000, code="PPLC")
    return county, town, city


def test_a_town_inside_a_county_the_text_names_is_the_one_meant(gaz, monkeypatch) -> None:
    # "Tresk" is a big city abroad and a small town in Orlin County, which the text names
    county, town, city = _tresk("a")
    text = "Tresk police said a truck overturned in Orlin County on Friday."
    m1 = Mention(0, 5, "Tresk", "place", hits=[_hit(town, "Tresk", True),
                                                  _hit(city, "Tresk", True)])
    m2 = Mention(40, 52, "Orlin County", "place", hits=[_hit(county, "Orlin County", True)])
    monkeypatch.setattr(resolve_mod, "W_ADMIN2", 0.0)
    before = {c.geonameid: c.score for c in resolve(text, [m1, m2], gaz)[0].candidates}
    monkeypatch.undo()
    t = resolve(text, [m1, m2], gaz)[0]
    after = {c.geonameid: c.score for c in t.candidates}
    assert after["a2"] > before["a2"] and after["a3"] == before["a3"]


def test_a_towns_name_is_no_context_for_itself(gaz) -> None:
    # "Valdor" twice and one American town: the American state, not the town abroad
    # that both mentions of "Valdor" would otherwise vote for.
    state = _p("v1", "Valdor", 37.8, -78.5, "US", pop=8_000_000, fc="A", code="ADM1")
    state = state.model_copy(update={"admin1": "Valdor", "radius_km": 300.0})
    town = _p("v2", "Valdor", -28.1, 26.9, "ZA", pop=120_000)
    other = _p("v3", "Carrow", 38.9, -77.0, "US", pop=40_000)
    text = "Valdor joins other states. Carrow agreed. Valdor will print plates in Valdor."
    hits = [_hit(state, "Valdor", True), _hit(town, "Valdor", True)]
    ms = [Mention(0, 6, "Valdor", "place", hits=list(hits)),
          Mention(27, 33, "Carrow", "place", hits=[_hit(other, "Carrow", True)]),
          Mention(42, 48, "Valdor", "place", hits=list(hits)),
          Mention(70, 76, "Valdor", "place", hits=list(hits))]
    got = resolve(text, ms, gaz)
    assert [t.geonameid for t in got] == ["v1", "v3", "v1", "v1"]
    # the town abroad scores as if the text named it once: repeats are no votes
    once = resolve(text, ms[:2], gaz)[0]
    score = {c.geonameid: c.score for c in got[0].candidates}
    assert score["v2"] == {c.geonameid: c.score for c in once.candidates}["v2"]


def test_a_country_named_again_and_again_stays_the_country(gaz) -> None:
    country = _p("n1", "Norland", 35.0, 105.0, "NL", pop=1_400_000_000, fc="A", code="PCLI")
    town = _p("n2", "Norland", 44.5, -69.5, "US", pop=4000)
    other = _p("n3", "Carrow", 44.3, -69.8, "US", pop=200_000)
    text = "Norland exports grew. Norland said so. Carrow farmers sell to Norland."
    hits = [_hit(country, "Norland", True), _hit(town, "Norland", True)]
    ms = [Mention(0, 7, "Norland", "place", hits=list(hits)),
          Mention(22, 29, "Norland", "place", hits=list(hits)),
          Mention(39, 45, "Carrow", "place", hits=[_hit(other, "Carrow", True)]),
          Mention(62, 69, "Norland", "place", hits=list(hits))]
    got = resolve(text, ms, gaz)
    assert [t.geonameid for t in got] == ["n1", "n1", "n3", "n1"]


def test_a_county_in_an_organisations_name_places_its_towns(gaz) -> None:
    county, town, city = _tresk("b")
    text = "A Tresk man was held by the Orlin County Sheriff's Office in Tresk."
    hits = [_hit(town, "Tresk", True), _hit(city, "Tresk", True)]
    ms = [Mention(2, 7, "Tresk", "place", hits=list(hits)),
          Mention(28, 40, "Orlin County", "embedded", hits=[_hit(county, "Orlin County", True)]),
          Mention(61, 66, "Tresk", "place", hits=list(hits))]
    got = resolve(text, ms, gaz)
    assert got[0].geonameid == got[2].geonameid == "b2"


def test_a_countrys_own_name_is_no_town_named_after_it(gaz) -> None:
    country = _p("g1", "Hellara", 39.0, 22.0, "GR", pop=10_000_000, fc="A", code="PCLI")
    town = _p("g2", "Hellara", 43.2, -77.7, "US", pop=14_000).model_copy(
        update={"admin1": "New York", "admin2": "Monro County"})
    other = _p("g3", "Carrow", 43.1, -77.6, "US", pop=200_000)
    text = "Carrow has a bigger economy than Hellara."
    hits = [_hit(country, "Hellara", True), _hit(town, "Hellara", True)]
    ms = [Mention(0, 6, "Carrow", "place", hits=[_hit(other, "Carrow", True)]),
          Mention(33, 40, "Hellara", "place", hits=list(hits))]
    assert resolve(text, ms, gaz)[1].geonameid == "g1"
    # ... unless the text names the county the town lies in
    county = _p("g4", "Monro County", 43.15, -77.65, "US", pop=700_000, fc="A",
                code="ADM2").model_copy(update={"admin1": "New York"})
    text2 = "Hellara police and the Monro County sheriff searched the lake."
    ms2 = [Mention(0, 7, "Hellara", "place", hits=list(hits)),
           Mention(23, 35, "Monro County", "place", hits=[_hit(county, "Monro County", True)])]
    got = resolve(text2, ms2, gaz)[0]
    assert "g2" in {c.geonameid for c in got.candidates}


def test_a_name_repeated_is_one_voice(gaz) -> None:
    # A state that shares its name with a country, named eight times beside three of
    # the state's towns: the towns, not the repetitions, say which one is meant.
    state = _p("s1", "Gorvia", 32.7, -83.5, "US", pop=10_000_000, fc="A", code="ADM1")
    state = state.model_copy(update={"admin1": "Gorvia", "radius_km": 350.0})
    country = _p("s2", "Gorvia", 42.0, 43.5, "GV", pop=3_700_000, fc="A", code="PCLI")
    towns = [_p(f"t{k}", name, 31.7 + k / 10, -83.2 - k / 10, "US", pop=5000 + k).model_copy(
        update={"admin1": "Gorvia"}) for k, name in enumerate(["Ocala", "Tifton", "Dorn"])]
    text = ("Gorvia builders in Ocala say Gorvia rules help. Tifton agrees. Gorvia, "
            "Gorvia and Gorvia again, said Dorn. Gorvia, Gorvia, Gorvia.")
    hits = [_hit(state, "Gorvia", True), _hit(country, "Gorvia", True)]
    ms = []
    pos = 0
    for word in ["Gorvia", "Ocala", "Gorvia", "Tifton", "Gorvia", "Gorvia", "Gorvia", "Dorn",
                 "Gorvia", "Gorvia", "Gorvia"]:
        start = text.index(word, pos)
        pos = start + len(word)
        h = list(hits) if word == "Gorvia" else [
            _hit(next(t for t in towns if t.name == word), word, True)]
        ms.append(Mention(start, pos, word, "place", hits=h))
    got = resolve(text, ms, gaz)
    assert {t.geonameid for t in got if t.text == "Gorvia"} == {"s1"}
    # the repetitions are one voice: the country scores as with the name said once
    once = resolve(text, [ms[0]] + [m for m in ms if m.text != "Gorvia"], gaz)
    first = {c.geonameid: c.score for c in got[0].candidates}
    alone = {c.geonameid: c.score for c in once[0].candidates}
    assert first["s2"] == alone["s2"]


def test_a_county_is_the_one_holding_a_town_the_text_names(gaz, monkeypatch) -> None:
    # Two counties share a name; the text names a town of the smaller one (the state
    # vote, which says as much, is switched off to see the county's own evidence)
    monkeypatch.setattr(resolve_mod, "W_ADMIN1", 0.0)
    big = _p("c1", "Harlan County", 33.4, -84.2, "US", pop=200_000, fc="A",
             code="ADM2").model_copy(update={"admin1": "Georgia"})
    small = _p("c2", "Harlan County", 36.3, -88.3, "US", pop=30_000, fc="A",
               code="ADM2").model_copy(update={"admin1": "Tennessee"})
    town = _p("c3", "Brisco", 34.85, -86.25, "US", pop=10_000).model_copy(
        update={"admin1": "Tennessee", "admin2": "Harlan County"})
    text = "Brisco firefighters and Harlan County deputies met."
    ms = [Mention(0, 6, "Brisco", "place", hits=[_hit(town, "Brisco", True)]),
          Mention(24, 37, "Harlan County", "place",
                  hits=[_hit(big, "Harlan County", True), _hit(small, "Harlan County", True)])]
    assert resolve(text, ms, gaz)[1].geonameid == "c2"
    monkeypatch.setattr(resolve_mod, "W_COUNTY_TOWNS", 0.0)
    assert resolve(text, ms, gaz)[1].geonameid == "c1"


def test_votes_are_cast_again_in_the_light_of_the_context(gaz, monkeypatch) -> None:
    # "Gorvia" alone reads as the country; beside Tresk it is the state, and then it
    # votes for the Tresk of its state rather than the Tresk of Texlo.
    state = _p("r1", "Gorvia", 32.7, -83.5, "US", pop=10_000_000, fc="A", code="ADM1")
    state = state.model_copy(update={"admin1": "Gorvia", "radius_km": 350.0})
    country = _p("r2", "Gorvia", 42.0, 43.5, "GV", pop=3_700_000, fc="A", code="PCLI")
    big = _p("r3", "Tresk", 33.75, -84.39, "US", pop=500_000).model_copy(
        update={"admin1": "Gorvia"})
    small = _p("r4", "Tresk", 33.11, -94.16, "US", pop=5_600).model_copy(
        update={"admin1": "Texlo"})
    texlo = _p("r5", "Texlo", 31.0, -99.0, "US", pop=29_000_000, fc="A",
               code="ADM1").model_copy(update={"admin1": "Texlo", "radius_km": 900.0})
    text = "Tresk rent rose. Gorvia and Texlo data agree. Tresk, Gorvia: rent rose."
    spans = [("Tresk", [big, small]), ("Gorvia", [state, country]), ("Texlo", [texlo]),
             ("Tresk", [big, small]), ("Gorvia", [state, country])]
    ms, pos = [], 0
    for word, places in spans:
        start = text.index(word, pos)
        pos = start + len(word)
        ms.append(Mention(start, pos, word, "place",
                          hits=[_hit(p, word, True) for p in places]))
    got = [t.geonameid for t in resolve(text, ms, gaz)]
    assert got == ["r3", "r1", "r5", "r3", "r1"]


def test_a_countrys_english_name_is_its_own_name() -> None:
    # GeoNames calls it the Russian Federation; papers, and CLDR, call it Russia: the
    # country's own name, which a village named after it does not outrank.
    country = _p("r1", "Russian Federation", 60.0, 100.0, "RU", pop=144_000_000,
                 fc="A", code="PCLI")
    village = _p("r2", "Russia", 40.2, -84.4, "US", pop=600)
    m = Mention(0, 6, "Russia", "place",
                hits=[_hit(country, "Russia", False), _hit(village, "Russia", True)])
    got = _candidates(m)
    assert got["r1"][1] == got["r2"][1] == 1.0
    # another name of a country stays another name (Holland is not the Netherlands' own)
    nl = _p("n1", "Netherlands", 52.5, 5.75, "NL", pop=17_000_000, fc="A", code="PCLI")
    m = Mention(0, 7, "Holland", "place", hits=[_hit(nl, "Holland", False)])
    assert _candidates(m)["n1"][1] == 0.92


def test_the_capital_of_a_country_the_text_names_gains(gaz, monkeypatch) -> None:
    # "Tresk" is a capital and a college town abroad; the text names the capital's
    # country, so it means the capital.
    country = _p("c1", "Norvania", 56.0, 38.0, "RU", pop=140_000_000, fc="A", code="PCLI")
    capital = _p("c2", "Tresk", 55.75, 37.6, "RU", pop=10_000_000, code="PPLC")
    town = _p("c3", "Tresk", 46.7, -117.0, "US", pop=25_000)
    text = "Flights from Tresk to Norvania resume."
    m1 = Mention(13, 18, "Tresk", "place", hits=[_hit(capital, "Tresk", True),
                                                  _hit(town, "Tresk", True)])
    m2 = Mention(22, 30, "Norvania", "place", hits=[_hit(country, "Norvania", True)])
    monkeypatch.setattr(resolve_mod, "W_CAPITAL", 0.0)
    before = {c.geonameid: c.score for c in resolve(text, [m1, m2], gaz)[0].candidates}
    monkeypatch.undo()
    after = {c.geonameid: c.score for c in resolve(text, [m1, m2], gaz)[0].candidates}
    assert round(after["c2"] - before["c2"], 4) == resolve_mod.W_CAPITAL
    assert after["c3"] == before["c3"]


def _town(gid: str, name: str, lat: float, lon: float, state: str, county: str,
          pop: int) -> Place:
    return _p(gid, name, lat, lon, "US", pop=pop).model_copy(
        update={"admin1": state, "admin2": county})


def test_a_town_sharing_its_county_with_another_named_town_gains(gaz, monkeypatch
                                                                 ) -> None:
    # "Tresk" is a bigger town in one state and a small one in Orlin County, Iowa;
    # "Marwick" is a town of Orlin County too: the small Tresk is the one meant.
    big = _town("n1", "Tresk", 41.4, -72.1, "Connecticut", "Lenard County", 27_000)
    small = _town("n2", "Tresk", 40.9, -91.4, "Iowa", "Orlin County", 1_900)
    other = _town("n3", "Marwick", 40.97, -91.55, "Iowa", "Orlin County", 8_000)
    text = "The Tresk council met; Marwick police attended."
    m1 = Mention(4, 9, "Tresk", "place", hits=[_hit(big, "Tresk", True),
                                                _hit(small, "Tresk", True)])
    m2 = Mention(23, 30, "Marwick", "place", hits=[_hit(other, "Marwick", True)])
    monkeypatch.setattr(resolve_mod, "W_NEIGHBOURS", 0.0)
    before = {c.geonameid: c.score for c in resolve(text, [m1, m2], gaz)[0].candidates}
    monkeypatch.undo()
    after = {c.geonameid: c.score for c in resolve(text, [m1, m2], gaz)[0].candidates}
    assert after["n2"] > before["n2"] and after["n1"] == before["n1"]
    # a name that may be a state is left to the votes: no state town gains so
    state = _p("n4", "Tresk", 37.0, -120.0, "US", pop=39_000_000, fc="A", code="ADM1")
    m1.hits.append(_hit(state, "Tresk", True))
    monkeypatch.setattr(resolve_mod, "W_NEIGHBOURS", 0.0)
    before = {c.geonameid: c.score for c in resolve(text, [m1, m2], gaz)[0].candidates}
    monkeypatch.undo()
    after = {c.geonameid: c.score for c in resolve(text, [m1, m2], gaz)[0].candidates}
    assert after == before


def test_a_small_town_named_as_a_state_loses_to_the_state(gaz, monkeypatch) -> None:
    # "Tresk" is a province of millions and a village named after it elsewhere: the
    # village loses W_STATE_NAME unless the text names its county.
    province = _p("s1", "Tresk", 50.0, -85.0, "CA", pop=18_000_000, fc="A", code="ADM1")
    province = province.model_copy(update={"admin1": "Tresk", "radius_km": 500.0})
    village = _town("s2", "Tresk", 40.8, -82.9, "Ohio", "Orlin County", 6_000)
    other = _p("s3", "Marwick", 43.1, -80.7, "CA", pop=40_000)
    text = "A sailor from Marwick crossed Tresk by boat."
    m1 = Mention(30, 35, "Tresk", "place", hits=[_hit(province, "Tresk", True),
                                                  _hit(village, "Tresk", True)])
    m2 = Mention(14, 21, "Marwick", "place", hits=[_hit(other, "Marwick", True)])
    monkeypatch.setattr(resolve_mod, "W_STATE_NAME", 0.0)
    before = {c.geonameid: c.score for c in resolve(text, [m2, m1], gaz)[1].candidates}
    monkeypatch.undo()
    after = {c.geonameid: c.score for c in resolve(text, [m2, m1], gaz)[1].candidates}
    assert round(before["s2"] - after["s2"], 4) == resolve_mod.W_STATE_NAME
    assert after["s1"] == before["s1"]
    # with the village's county named, the village keeps its score
    county = _p("s4", "Orlin County", 40.7, -83.0, "US", pop=30_000, fc="A", code="ADM2")
    county = county.model_copy(update={"admin1": "Ohio"})
    text = "A sailor from Marwick crossed Tresk by boat. Orlin County"
    m3 = Mention(45, 57, "Orlin County", "place", hits=[_hit(county, "Orlin County", True)])
    monkeypatch.setattr(resolve_mod, "W_STATE_NAME", 0.0)
    before = {c.geonameid: c.score for c in resolve(text, [m2, m1, m3], gaz)[1].candidates}
    monkeypatch.undo()
    after = {c.geonameid: c.score for c in resolve(text, [m2, m1, m3], gaz)[1].candidates}
    assert after == before


def test_a_country_name_is_a_town_beside_towns_of_its_county(gaz) -> None:
    # "Norvania" is a country's own name and a town's; the text names another town of
    # that town's county, so the town stays a candidate (and, being named, wins here).
    country = _p("l1", "Norvania", 33.9, 35.9, "LB", pop=6_000_000, fc="A", code="PCLI")
    town = _town("l2", "Norvania", 40.34, -76.41, "Pennsylvania", "Orlin County", 25_000)
    other = _town("l3", "Marwick", 40.37, -76.3, "Pennsylvania", "Orlin County", 3_000)
    text = "She was born in Marwick and lived in Norvania."
    m1 = Mention(16, 23, "Marwick", "place", hits=[_hit(other, "Marwick", True)])
    m2 = Mention(37, 45, "Norvania", "place", hits=[_hit(country, "Norvania", True),
                                                   _hit(town, "Norvania", True)])
    got = resolve(text, [m1, m2], gaz)[1]
    assert "l2" in {c.geonameid for c in got.candidates}
    # without a town of its county, the country's own name is the country alone
    text = "She was born in Tresk and lived in Norvania."
    far = _town("l4", "Tresk", 45.0, -93.0, "Minnesota", "Lenard County", 3_000)
    m1 = Mention(16, 21, "Tresk", "place", hits=[_hit(far, "Tresk", True)])
    m2 = Mention(35, 43, "Norvania", "place", hits=[_hit(country, "Norvania", True),
                                                   _hit(town, "Norvania", True)])
    got = next(t for t in resolve(text, [m1, m2], gaz) if t.text == "Norvania")
    assert {c.geonameid for c in got.candidates} == {"l1"}
