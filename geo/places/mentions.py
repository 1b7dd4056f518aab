"""A candidate place mention, and the features the learned filter weighs for it.

`geo.places.recognize` finds the mentions of a text and measures `FEATURES` for each;
`geo.places.recognizer` keeps those its weights accept; `geo.places.resolve` chooses
each one's place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from geo.models import Place


@dataclass
class Mention:
    """A recognised span, with the gazetteer entries its name may refer to."""

    start: int
    end: int
    text: str
    kind: str  # place, demonym, embedded, coordinates
    hits: list[tuple[Place, str, str, bool]] = field(default_factory=list)
    country_code: str | None = None  # demonyms
    lat: float | None = None  # coordinates
    lon: float | None = None
    division_hint: bool = False  # "Kharkiv region": prefer the division
    said_place: bool = False  # the text says what place it is ("the village of X")
    paren_area: bool = False  # in a monitor's parenthesis after a name: "X (A, B)"
    # the text's layout says it is a place, whatever the name alone suggests: the X of
    # "X (A, B)", "Seno province", each end of "the Sebba-Seytenga road"
    vouched: bool = False
    actor: bool = False  # a people naming who acted ("Russian troops"), not where
    visitor: bool = False  # a people naming whose a visitor was ("a Dutch journalist")
    capitals_dateline: bool = False  # "YEI (Xinhua) -": a town's name in capitals, no initials
    features: list[float] | None = None  # for the learned filter (geo.places.recognizer)
    notes: list[str] = field(default_factory=list)
    before: str = ""  # the few characters before the span ("Kupiansk and Izium")


FEATURES = (
    "bias", "single", "tokens", "zipf", "log_pop", "country", "adm1", "adm2", "big_town",
    "variant_only", "sentence_start", "line_start", "after_locative", "comma_cap_after",
    "comma_before", "demonym", "embedded", "given_name", "all_caps", "lower_in_doc",
    "log_candidates", "log_repeats", "run_continues", "run_preceded", "possessive",
    "after_the", "chars", "after_trigger", "comma_area_after", "after_place_verb",
    "speech_after", "area_possessive", "type_noun_after",
)
