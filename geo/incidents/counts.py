"""Victim counts in news text: "at least 115 bodies", "dozens of Syrians", "killed 63".

Users compare what we extract with UCDP GED (deaths as `low` / `best` / `high`) and ACLED
(the most conservative figure), so every figure keeps three numbers and the words that
bound or blur it, and the map can show per-source figures instead of one average.

How a phrase becomes low / best / high (``None`` means "the text sets no bound"):

- exact "1,236 bodies", "sixty-three", "a dozen": all three equal the number.
- floor: "at least", "no fewer than", "a minimum of", "N or more", "N-plus", and "more
  than", "over", "upwards of", "in excess of": low = best = N, no high.  (Strictly "more
  than 100" excludes 100, but monitors code the figure the report gives: UCDP's and
  ACLED's coders, and the annotation rules we are measured by, record "more than 100
  killed" as 100; the phrase shown beside the figure keeps the "more than".)
- approximate: "around", "about", "some", "approximately", "roughly", "an estimated",
  "N or so": best = N, low = floor(0.9 N), high = ceil(1.1 N).  Ten per cent is our own
  choice (UCDP leaves it to the coder); rounding outwards keeps low <= best <= high for
  small numbers.
- "nearly", "almost", "close to", "just under": best = N (as written: the reporter's
  anchor), low = floor(0.9 N), high = N.
- ceiling: "up to", "as many as", "at most", "no more than": low = None, best = high =
  N (the figure the report gives, as analysts record "up to 540 were massacred": 540);
  "fewer than", "less than", "under": low = best = None, high = N - 1 (no figure given).
  The low stays None: aggregation (low = max of lows) simply skips it.
- ranges "between 30 and 40", "30 to 40", "30-40", "30 or 40": low 30, best the midpoint
  rounded down (35), high 40.
- plural vague words read literally as "at least two of them" (the same rule that gives
  "hundreds" 200), with a high just below the next order of magnitude:
  the low is ACLED's conservative reading, the best the smallest plural: "tens" 10/20/99,
  "dozens" 12/24/99, "scores" 40/40/99, "hundreds" 100/200/999, "thousands"
  1,000/2,000/9,999, "tens of thousands" 10,000/20,000/99,999, "hundreds of thousands"
  100,000/200,000/999,999, "millions" 1,000,000/2,000,000/9,999,999.  "several" / "a few" /
  "many" dozen(s), hundred(s), thousand(s) read like the plural.

Which victims a number counts comes from the words around it in the same sentence
(`tokens.sentence_bounds`): a body noun ("bodies", "corpses", "remains") after the number,
or "the bodies / remains / graves of" before it, means bodies_found; a person noun
("civilians", "Syrians", "soldiers") needs a victim word: a verb just before the number
("killing more than 40 civilians", "executed dozens of troops"), a death toll ("the toll
rose to 63"), or the first victim word later in the sentence ("63 soldiers had been
killed").  A number with no noun ("booby traps that killed 63", "dozens were killed")
needs the victim word right next to it; "including 3 children" takes the category of
the count before it in the sentence.  "Graves" count bodies only when not "mass graves"
and the sentence speaks of bodies or exhumation ("440 graves were exhumed").  Anything
else (percentages, years, dates, ages, distances, money, "three mass graves", "70-page
report", "2,000 troops were deployed") is not a count.  The parser is rule-based and
total: any string returns a list, never raises.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, model_validator

from geo.fastre import with_first
from geo.numbers import TEENS as _TEENS
from geo.numbers import TENS as _TENS
from geo.numbers import UNITS as _UNITS
from geo.places.demonyms import demonym_kind
from geo.places.tokens import sentence_bounds

__all__ = ["CountCategory", "CountMention", "find_counts", "find_single_victims"]

CountCategory = Literal["bodies_found", "killed", "injured", "missing"]


class CountMention(BaseModel):
    """One victim figure as the text states it, with UCDP-style bounds.

    `phrase` is `text[start:end]` (bounding words, number and counted noun); `qualifier`
    is the bounding or vague wording, lower-cased ("at least", "several dozens",
    "between"), None for a plain number, so exporters can apply their own conventions.
    """

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    phrase: str
    low: int | None
    best: int | None
    high: int | None
    category: CountCategory
    qualifier: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> CountMention:
        """Reject impossible records, so a bug in a rule cannot leak a reversed range."""
        if not 0 <= self.start < self.end or self.end - self.start != len(self.phrase):
            raise ValueError("offsets do not match the phrase")
        bounds = [b for b in (self.low, self.best, self.high) if b is not None]
        if bounds != sorted(bounds) or any(b < 0 for b in bounds):
            raise ValueError(f"bounds out of order: {self.low}/{self.best}/{self.high}")
        return self


# --- tokens -------------------------------------------------------------------------

class _Tok(NamedTuple):
    text: str
    low: str  # lower-cased, for every comparison
    start: int
    end: int
    kind: str  # "num", "word" or "punct"


# Own tokenizer: counts need "1,236" and "1.5" whole but hyphens split ("sixty-three",
# "70-page", "30-40"), and must not depend on how recognition tokenizes names.
_TOKEN = re.compile(r"(\d+(?:[.,]\d+)*)|([^\W\d_]+(?:['’][^\W\d_]+)*)|([^\w\s])")
_NUMERIC = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


_KINDS = (None, "num", "word", "punct")  # by the number of the group that matched


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[_Tok]:
    out = []
    add = out.append
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        s = m.group()
        add(_Tok(s, s.lower(), m.start(), m.end(), _KINDS[m.lastindex]))
    return out


# --- vocabulary ---------------------------------------------------------------------

_BIG = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

# (low, best, high) of a word for many: the low is ACLED's conservative reading ("dozens"
# 12, "hundreds" 100), the best the smallest plural (two dozen), the high below the next
# order of magnitude.
_DOZENS = (12, 24, 99)
_HUNDREDS = (100, 200, 999)
_THOUSANDS = (1_000, 2_000, 9_999)
# Longest first, so "hundreds of thousands" wins over "hundreds".
_VAGUE: list[tuple[tuple[str, ...], tuple[int, int, int]]] = sorted(
    [
        (("tens", "of", "thousands"), (10_000, 20_000, 99_999)),
        (("hundreds", "of", "thousands"), (100_000, 200_000, 999_999)),
        (("millions",), (1_000_000, 2_000_000, 9_999_999)),
        (("thousands",), _THOUSANDS),
        (("hundreds",), _HUNDREDS),
        (("scores",), (40, 40, 99)),
        (("dozens",), _DOZENS),
        (("tens",), (10, 20, 99)),
    ]
    + [
        ((*lead, word), values)
        for lead in (("several",), ("a", "few"), ("many",))
        for word, values in (
            ("dozen", _DOZENS), ("dozens", _DOZENS), ("hundred", _HUNDREDS),
            ("hundreds", _HUNDREDS), ("thousand", _THOUSANDS), ("thousands", _THOUSANDS),
        )
    ],
    key=lambda item: -len(item[0]),
)

Kind = Literal["at_least", "more_than", "approx", "nearly", "up_to", "less_than"]
_QUALIFIERS: list[tuple[tuple[str, ...], Kind]] = sorted(
    [
        (("at", "least"), "at_least"), (("no", "fewer", "than"), "at_least"),
        (("no", "less", "than"), "at_least"), (("not", "less", "than"), "at_least"),
        (("a", "minimum", "of"), "at_least"), (("at", "minimum"), "at_least"),
        (("more", "than"), "more_than"), (("over",), "more_than"),
        (("upwards", "of"), "more_than"), (("in", "excess", "of"), "more_than"),
        (("above",), "more_than"), (("greater", "than"), "more_than"),
        (("around",), "approx"), (("about",), "approx"), (("some",), "approx"),
        (("approximately",), "approx"), (("roughly",), "approx"),
        (("an", "estimated"), "approx"), (("estimated",), "approx"),
        (("approx", "."), "approx"), (("circa",), "approx"),
        (("nearly",), "nearly"), (("almost",), "nearly"), (("close", "to"), "nearly"),
        (("just", "under"), "nearly"), (("just", "short", "of"), "nearly"),
        (("up", "to"), "up_to"), (("as", "many", "as"), "up_to"), (("at", "most"), "up_to"),
        (("no", "more", "than"), "up_to"), (("not", "more", "than"), "up_to"),
        (("a", "maximum", "of"), "up_to"),
        (("fewer", "than"), "less_than"), (("less", "than"), "less_than"),
        (("under",), "less_than"), (("below",), "less_than"),
    ],
    key=lambda item: -len(item[0]),
)

# The same two lists by a phrase's first word (vague numbers) and by its last word
# (qualifiers, read backwards from the number), in the lists' order.
_VAGUE_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[int, int, int]]]] = {}
for _item in _VAGUE:
    _VAGUE_BY_FIRST.setdefault(_item[0][0], []).append(_item)
_QUALIFIERS_BY_LAST: dict[str, list[tuple[tuple[str, ...], Kind]]] = {}
for _q in _QUALIFIERS:
    _QUALIFIERS_BY_LAST.setdefault(_q[0][-1], []).append(_q)
del _item, _q

_BODY_HEADS = frozenset("bodies body corpses corpse cadavers remains skeletons".split())
_GRAVE_HEADS = frozenset("graves grave tombs burials".split())
_CATEGORY_HEADS: dict[str, CountCategory] = {
    "dead": "killed", "deaths": "killed", "fatalities": "killed", "lives": "killed",
    "killed": "killed", "slain": "killed", "executed": "killed", "massacred": "killed",
    "murdered": "killed",
    "coffins": "killed", "caskets": "killed",  # "seven small coffins": the funerals' dead
    "wounded": "injured", "injured": "injured", "injuries": "injured",
    "missing": "missing", "disappeared": "missing", "abducted": "missing",
    "kidnapped": "missing",
}
_PERSON_HEADS = frozenset("""
    people persons person individuals civilians civilian soldiers soldier troops
    servicemen serviceman servicemembers personnel fighters fighter militants militant
    militiamen militiaman militia rebels rebel insurgents insurgent combatants jihadists
    jihadist terrorists terrorist gunmen gunman policemen policeman police officers officer
    guards guard conscripts recruits volunteers mercenaries children child kids minors babies
    baby infants toddlers teenagers teens boys boy girls girl women woman men man adults
    elderly residents resident villagers villager inhabitants locals citizens nationals
    victims victim relatives members family workers worker employees staff journalists
    journalist reporters doctors nurses medics paramedics patients students pupils teachers
    worshippers pilgrims protesters protestors demonstrators refugees migrants displaced
    prisoners prisoner detainees detainee inmates captives hostages hostage passengers
    farmers fishermen shepherds miners neighbors neighbours others them whom which those
    peacekeepers monks priests nuns orphans pedestrians bystanders shoppers mourners crew
    crewmen sailors airmen marines pilots contractors operatives commanders commander suspects
    dissidents dissident guerrillas guerrilla separatists separatist paramilitaries loyalists
    kurds yazidis yezidis rohingya christians muslims shiites shias sunnis alawites druze
    jews arabs tutsis hutus tutsi hutu uyghurs uighurs roma bosniaks serbs croats hazaras
    tamils copts
    bedouins pows deminers herders traders vendors drivers labourers laborers settlers
    attackers attacker assailants assailant bandits kidnappers levies
    rangers ranger gendarmes gendarme jawans jawan constables constable troopers commandos
    parishioners celebrants guests wedding-goers shopkeepers leaders activists chiefs elders
    clerics imams lawyers judges officials businessmen hunters herdsmen pastoralists nomads
""".split())
# Words that may stand between a number and its noun: "63 Syrian army soldiers".
_MODIFIERS = frozenset("""
    civilian army military government security police rebel opposition armed unarmed
    innocent foreign local other more additional further unidentified unknown identified
    young elderly old pregnant male female suspected alleged militia regime coalition enemy
    allied pro anti so self called mass individual unmarked makeshift shallow common new
    fresh separate exhumed decomposed mutilated charred burned burnt bound blindfolded
    human family aid health medical school fellow ordinary total former ex off-duty retired
    social community traditional village small
    displaced captured detained kidnapped abducted wounded injured missing dead
    ethnic tribal indigenous minority religious border paramilitary
""".split())
# Victim words later in the sentence: "63 soldiers had been killed by booby traps".
_CATEGORY_AFTER: dict[str, CountCategory] = {
    **{w: "killed" for w in (
        "killed dead died die dying deaths massacred executed slain slaughtered murdered "
        "perished lives beheaded lynched martyred"
    ).split()},
    **{w: "injured" for w in "injured wounded hurt maimed".split()},
    **{w: "missing" for w in "missing disappeared abducted kidnapped unaccounted".split()},
    **{w: "bodies_found" for w in "exhumed exhumation unearthed buried".split()},
}
# A verb whose object is the number: "killing more than 40 civilians", "killed 63".
_CATEGORY_BEFORE: dict[str, CountCategory] = {
    **{w: "killed" for w in (
        "killed killing kill kills executed executing execute executes massacred massacring "
        "slaughtered slaughtering slaughters murdered murdering slew slaying beheaded beheads "
        "lynched lost"
    ).split()},
    **{w: "injured" for w in (
        "injured injuring injure injures wounded wounding wound wounds maimed hurt hurting"
    ).split()},
    **{w: "missing" for w in (
        "abducted abducting abduct kidnapped kidnapping kidnap"
    ).split()},
    **{w: "bodies_found" for w in "exhumed exhuming unearthed".split()},
}
_ALIVE = frozenset("released freed rescued survived escaped".split())
_DEAD_VERBS = frozenset("shot shoot shoots shooting gunned mowed beaten stabbed hacked".split())
# "the bodies of over 1,200 civilians", "the deaths of 63 people".
_OF_PREFIX: dict[str, CountCategory] = {
    **{w: "bodies_found" for w in (
        "bodies body remains corpses corpse skeletons graves grave burial burials "
        "exhumation sites"
    ).split()},
    **{w: "killed" for w in (
        "deaths death killing killings murder murders massacre execution executions lives "
        "slaughter throats"  # ("cut the throats of five shepherds")
    ).split()},
    **{w: "injured" for w in "injury injuries wounding".split()},
    **{w: "missing" for w in (
        "disappearance disappearances abduction abductions kidnapping whereabouts fate"
    ).split()},
}
# "the death toll rose to 63", "the number of dead reached 40".
_TOLL_HEADS: dict[str, CountCategory] = {
    "toll": "killed", "dead": "killed", "deaths": "killed", "fatalities": "killed",
    "killed": "killed", "martyrs": "killed", "injured": "injured", "wounded": "injured",
    "injuries": "injured",
    "missing": "missing",
    # ("the number of bodies recovered from the grave has risen to 53")
    "bodies": "bodies_found",
}
_TOLL_LINKS = frozenset("""
    of at to rose risen rises has had have is was were stands stood reached reaches climbed
    climbs jumped hit increased now numbered totalled totaled :
""".split())
# Words that may sit between a bare number and its victim word: "dozens were killed".
_AUX = frozenset("""
    were was are is have has had been being be reportedly allegedly also all later
    subsequently confirmed believed thought feared presumed said reported to more now
    lay lie lies lying
""".split())  # ("hundreds lay dead in its lanes")
# What may follow a bare number taken as a verb's object ("booby traps that killed 63.").
_FOLLOW_OK = frozenset("""
    , . ; : ! ? ) ” " ’ ' — – in on at and or when while as after during since near
    including across inside outside around by with from over last this earlier yesterday
    today
""".split())
_COORD = frozenset({"and", "or", ",", "as", "well", "including", "plus"})
_DETERMINERS = frozenset("the their his her its our these those all".split())
_HOUSEHOLDS = frozenset("family household clan".split())
_MONTHS = frozenset("""
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
""".split())
_YEAR_PREPS = frozenset("""
    in since by until till from of during before after early late mid spring summer autumn
    fall winter year and to
""".split())
_SIGNS = frozenset("$£€¥₴₽#№")  # money and numbering signs before a number
_SPELLED = frozenset({*_UNITS, *_TEENS, *_TENS, "hundred", *_BIG, "a", "and", "dozen"})
# Words that start another number, where a look-ahead must stop.
_NUMBER_WORDS = frozenset(
    {*_UNITS, *_TEENS, *_TENS} | {w[0] for w, _ in _VAGUE if w[0] not in ("a", "many")}
)
_CORE_STARTS = _NUMBER_WORDS | {w[0] for w, _ in _VAGUE} | {"a", "half", "dozen"}
_HYPHENS = frozenset("-‐‑")
_MAX_DIGITS = 15  # longer digit runs are ids or noise, and int() refuses > 4,300 digits


class _Core(NamedTuple):
    """The number itself: token span, bounds before qualifiers, and its vague words."""

    first: int  # token index
    stop: int  # token index after the number
    low: int
    best: int
    high: int
    vague: str | None  # "dozens", "several hundred"...
    exact: bool
    is_range: bool
    year_like: bool = False
    digits: bool = False


# --- numbers ------------------------------------------------------------------------

def _digit_value(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """'1,236' -> 1236; '1.5 million' -> 1500000; '2 dozen' -> 24. Returns (value, stop)."""
    t = toks[i].text
    if sum(c.isdigit() for c in t) > _MAX_DIGITS or not _NUMERIC.fullmatch(t):
        return None
    try:
        value = Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None
    stop = i + 1
    if stop < len(toks) and toks[stop].low in _BIG:
        value *= _BIG[toks[stop].low]
        stop += 1
    elif stop < len(toks) and toks[stop].low == "dozen":
        value *= 12
        stop += 1
    if value != value.to_integral_value():
        return None
    return int(value), stop


def _spelled_value(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """'sixty-three', 'two hundred and fifty', 'a thousand', 'half a dozen', 'a dozen'."""
    n = len(toks)
    low = toks[i].low
    if low == "half" and i + 2 < n and toks[i + 1].low == "a" and toks[i + 2].low == "dozen":
        return 6, i + 3
    total = current = 0
    last = "none"
    j = i
    while j < n:
        t = toks[j].low
        nxt = toks[j + 1].low if j + 1 < n else ""
        if t == "a" and last == "none" and nxt in ("hundred", "dozen", "score", *_BIG):
            current, last = 1, "a"
        elif t in _TENS and last in ("none", "hundred", "big", "and"):
            current += _TENS[t]
            last = "tens"
        elif t in _UNITS and last in ("none", "tens", "hyphen", "hundred", "big", "and"):
            current += _UNITS[t]
            last = "unit"
        elif t in _TEENS and last in ("none", "hundred", "big", "and"):
            current += _TEENS[t]
            last = "teen"
        elif t == "-" and last == "tens" and nxt in _UNITS and toks[j].start == toks[j - 1].end:
            last = "hyphen"
        elif t == "hundred" and last in ("unit", "teen", "a") and current < 100:
            current *= 100
            last = "hundred"
        elif t in _BIG and last in ("unit", "teen", "tens", "hundred", "a"):
            total += current * _BIG[t]
            current, last = 0, "big"
        elif t == "and" and last in ("hundred", "big") and nxt in (*_UNITS, *_TEENS, *_TENS):
            last = "and"
        elif t == "dozen" and last in ("unit", "a") and current < 10:
            current *= 12
            last = "dozen"
            j += 1
            break
        elif t == "dozen" and last == "none":
            current = 12  # a headline's "kill dozen Houthi fighters", "Dozen killed in"
            last = "dozen"
            j += 1
            break
        elif t == "score" and last == "a":
            current = 20
            j += 1
            break
        else:
            break
        j += 1
    if last in ("none", "a", "and", "hyphen"):
        return None
    return total + current, j


def _core(toks: list[_Tok], i: int) -> _Core | None:
    """The number starting at token i (exact, range or vague), before qualifiers."""
    tok = toks[i]
    if tok.kind != "num" and tok.low not in _CORE_STARTS:
        return None  # most tokens: decided without trying every vague phrase
    for words, (lo, best, hi) in _VAGUE_BY_FIRST.get(tok.low, ()):
        k = len(words)
        if tuple(t.low for t in toks[i:i + k]) == words:
            text = " ".join(t.low for t in toks[i:i + k])
            return _Core(i, i + k, lo, best, hi, text, exact=False, is_range=False)
    if tok.kind == "num":
        first = _digit_value(toks, i)
    elif tok.low in _SPELLED or tok.low == "half":
        first = _spelled_value(toks, i)
    else:
        return None
    if first is None:
        return None
    value, stop = first
    digits = tok.kind == "num"
    year_like = digits and tok.text.isdigit() and len(tok.text) == 4 and stop == i + 1 \
        and 1800 <= value <= 2100
    # Ranges: "30 to 40", "30-40", "30 or 40", "between 30 and 40".
    if stop + 1 < len(toks):
        link = toks[stop].low
        between = i > 0 and toks[i - 1].low in ("between", "from")
        if link in ("to", "or", "-", "–", "—") or (link == "and" and between):
            nxt = toks[stop + 1]
            second = (
                _digit_value(toks, stop + 1) if nxt.kind == "num"
                else _spelled_value(toks, stop + 1) if nxt.low in _SPELLED else None
            )
            if second is not None and second[0] > value and not (
                link == "or" and nxt.low in ("more", "so")
            ):
                hi, stop2 = second
                years = year_like and nxt.text.isdigit() and len(nxt.text) == 4 \
                    and hi <= 2100  # "between 2014 and 2017"
                return _Core(i, stop2, value, (value + hi) // 2, hi, None, exact=False,
                             is_range=True, year_like=years, digits=digits)
    return _Core(i, stop, value, value, value, None, exact=True, is_range=False,
                 year_like=year_like, digits=digits)


def _qualifier_before(toks: list[_Tok], i: int, floor: int) -> tuple[int, Kind | None]:
    """The bounding words just before token i: (first token index, kind)."""
    if i - 1 < floor:
        return i, None
    for words, kind in _QUALIFIERS_BY_LAST.get(toks[i - 1].low, ()):
        k = len(words)
        if i - k >= floor and tuple(t.low for t in toks[i - k:i]) == words:
            return i - k, kind
    return i, None


def _apply(kind: Kind | None, core: _Core) -> tuple[int | None, int | None, int | None]:
    """UCDP-style bounds for a number under a qualifier (see the module docstring)."""
    lo, best, hi = core.low, core.best, core.high
    if kind is None:
        return lo, best, hi
    if kind == "at_least":
        return lo, best, None
    if kind == "more_than":
        return lo, best, None
    if kind == "approx":
        if core.exact:
            return (9 * best) // 10, best, -((-11 * best) // 10)
        return lo, best, hi
    if kind == "nearly":
        if core.exact:
            return (9 * best) // 10, best, best
        return lo, best, hi
    if kind == "up_to":
        return None, hi, hi
    # less_than
    return None, None, max(hi - 1, 0) if core.exact else hi


# --- what the number counts ---------------------------------------------------------

def _is_person(tok: _Tok) -> bool:
    return tok.low in _PERSON_HEADS or (
        tok.text[:1].isupper() and demonym_kind(tok.text) == "people"
    )


# Plural nouns a verb of killing may take that are no people.
_NOT_PEOPLE = frozenset("""
    animals livestock cattle cows goats sheep camels donkeys horses dogs chickens birds
    houses homes buildings vehicles cars trucks tanks drones rockets shells mortars missiles
    hours days weeks months years times percent points kilometres kilometers miles metres
""".split())


def _victim_noun(tok: _Tok) -> bool:
    """A plural word right after "killed 4" or "abducted 7" names people, whoever they
    were ("loggers", "motorcyclists", "gold panners"): the verb says so."""
    return tok.kind == "word" and tok.text.islower() and len(tok.low) >= 4 \
        and tok.low.endswith("s") and not tok.low.endswith("ss") \
        and tok.low not in _NOT_PEOPLE and tok.low not in _MODIFIERS


def _is_modifier(tok: _Tok) -> bool:
    return tok.kind == "word" and (
        tok.low in _MODIFIERS or tok.text[:1].isupper() or demonym_kind(tok.text) is not None
    )


class _Head(NamedTuple):
    kind: str | None  # "body", "person", "category", "grave" or None (a bare number)
    last: int  # index of the last token of the phrase
    category: CountCategory | None  # from the head, or an adjective ("63 dead soldiers")
    mass: bool  # "mass graves": counts graves, not people


def _head(toks: list[_Tok], stop: int, limit: int) -> _Head:
    """The noun the number counts: "63 [Syrian soldiers]", "dozens [of bodies]"."""
    bare = _Head(None, stop - 1, None, False)
    j = stop
    if j < limit and toks[j].low == "of":
        j += 1
        while j < limit and toks[j].low in _DETERMINERS:
            j += 1
        if j + 1 < limit and toks[j].low in ("one", "a", "same") \
                and toks[j + 1].low in _HOUSEHOLDS:
            return _Head("person", j + 1, None, False)  # "eight of one family"
    adjective: CountCategory | None = None
    mass = False
    seen = 0
    while j < limit and seen < 6:
        tok = toks[j]
        if tok.low in _BODY_HEADS:
            return _Head("body", j, "bodies_found", mass)
        if tok.low in _GRAVE_HEADS:
            return _Head("grave", j, None, mass)
        if _is_person(tok):
            while j + 1 < limit and _is_person(toks[j + 1]) and toks[j + 1].kind == "word" \
                    and toks[j + 1].low not in ("them", "whom", "which", "those", "others"):
                j += 1  # "family members"
            return _Head("person", j, adjective, mass)
        if tok.low in _CATEGORY_HEADS:
            nxt = j + 1
            while nxt < limit and _is_modifier(toks[nxt]) and not _is_person(toks[nxt]):
                nxt += 1
            if nxt < limit and (toks[nxt].low in _BODY_HEADS or _is_person(toks[nxt])):
                adjective = _CATEGORY_HEADS[tok.low]  # "dead bodies", "wounded civilians"
            else:
                return _Head("category", j, _CATEGORY_HEADS[tok.low], mass)
        elif tok.low == "-" and j + 1 < limit and toks[j + 1].kind == "word" \
                and tok.start == toks[j - 1].end and toks[j + 1].start == tok.end:
            j += 1  # "pro-government": skip the hyphen and the word after it
        elif tok.low in ("al", "el") and j + 2 < limit and toks[j + 1].low == "-" \
                and toks[j + 1].start == tok.end and toks[j + 2].start == toks[j + 1].end \
                and toks[j + 2].text[:1].isupper():
            j += 2  # "10 al-Shabaab militants": a group's name, its article and all
        elif _is_modifier(tok):
            mass = mass or tok.low == "mass"
        else:
            return bare
        j += 1
        seen += 1
    return bare


def _follow_ok(toks: list[_Tok], stop: int, limit: int) -> bool:
    """A bare number may end a verb's object here: end, punctuation or a preposition."""
    return stop >= limit or (toks[stop].low in _FOLLOW_OK and toks[stop].low != "-")


def _category_before(toks: list[_Tok], first: int, floor: int,
                     person: bool) -> CountCategory | None:
    """Victim words right before the phrase: "bodies of", "killing", "the toll rose to"."""
    j = first - 1
    if j < floor:
        return None
    if toks[j].low == "of" and j - 1 >= floor:
        word = toks[j - 1].low
        if word == "sites" and not (j - 2 >= floor and toks[j - 2].low in ("burial", "grave")):
            return None
        if word in _OF_PREFIX:
            return _OF_PREFIX[word]
    verb = toks[j].low
    if verb in _CATEGORY_BEFORE and (person or verb != "lost"):
        return _CATEGORY_BEFORE[verb]
    if verb == "and" and person:
        # "killed a key Taliban commander and four of his fighters": the verb's second
        # object (the first, one person, is not in the figure)
        k = j - 1
        if k >= floor and toks[k].kind == "word":
            k -= 1
            while k >= floor and k >= j - 4 and toks[k].kind == "word" \
                    and toks[k].low not in _CATEGORY_BEFORE \
                    and toks[k].low not in ("a", "an", "the", "one"):
                k -= 1
            if k - 1 >= floor and toks[k].low in ("a", "an", "the", "one") \
                    and toks[k - 1].low in _CATEGORY_BEFORE and toks[k - 1].low != "lost":
                return _CATEGORY_BEFORE[toks[k - 1].low]
    if verb in ("dead", "down") and j - 1 >= floor and toks[j - 1].low in _DEAD_VERBS \
            and person:
        return "killed"  # "shot dead 4 members of a family", "gunned down 3 farmers"
    links = 0
    while j >= floor and j >= first - 6:
        word = toks[j].low
        if word in _TOLL_HEADS and links:
            return _TOLL_HEADS[word]
        if word not in _TOLL_LINKS:
            return _toll_risen(toks, first, floor)
        links += 1
        j -= 1
    return _toll_risen(toks, first, floor)


_RISE = frozenset("rose risen rises rise climbed climbs climb reached reaches jumped jumps "
                  "increased increases hit hits".split())


# "authorities raised the death toll from the strike on the hospital to 68": who raised
_RAISE = frozenset("raised raise raises revised revise revises put puts brought brings "
                   "pushed pushes updated updates lifted lifts increased".split())


TOLL_REACH = 20  # tokens from a verb of rising back to its toll word ("the death toll from
# the jihadist assault on a hotel and cafe in Burkina Faso's capital rose to 30")


def _toll_risen(toks: list[_Tok], first: int, floor: int) -> CountCategory | None:
    """"the death toll from Sunday's strike rose to 40", "deaths from the strike climb to
    40": a toll word a few words before a verb of rising right before the figure; or
    "raised the death toll from a strike on the hospital to 68": a verb of raising before
    the toll word, and "to" right before the figure."""
    if first - 2 < floor or toks[first - 1].low not in ("to", "at"):
        return None
    if toks[first - 2].low not in _RISE:
        if toks[first - 1].low != "to":
            return None
        for k in range(first - 3, max(floor, first - 16) - 1, -1):
            if toks[k].low in (".", ";"):
                return None
            if toks[k].low == "toll" and any(
                    toks[j].low in _RAISE for j in range(max(floor, k - 3), k)):
                return "killed"
        return None
    for k in range(first - 3, max(floor, first - TOLL_REACH) - 1, -1):
        if toks[k].low in _TOLL_HEADS:
            return _TOLL_HEADS[toks[k].low]
        if toks[k].low in (".", ";"):
            return None
    return None


_ASIDE_OPENERS = frozenset({"among", "including", "mostly", "most", "many", "all"})


def _category_after(toks: list[_Tok], j: int, limit: int) -> CountCategory | None:
    """The first victim word later in the sentence, stopping at an unrelated number."""
    listy = True  # still inside "63 soldiers and 40 civilians ..." (a list of counts)
    aside = -1  # the end of a bracket skipped: "40 people (12 of them children) were killed"
    for k in range(j, min(limit, j + 14)):
        tok = toks[k]
        low = tok.low
        if k <= aside:
            continue
        if low == "(":
            aside = next((q for q in range(k + 1, min(limit, k + 10)) if toks[q].low == ")"), -1)
            if aside > 0:
                continue
        if low == "," and k + 1 < limit and toks[k + 1].low in _ASIDE_OPENERS:
            # ... or between commas: "Thirteen civilians, among them four children and a
            # teacher, were killed"
            aside = next((q for q in range(k + 1, min(limit, k + 12)) if toks[q].low == ","),
                         -1)
            if aside > 0:
                continue
        if low in _CATEGORY_AFTER:
            return _CATEGORY_AFTER[low]
        if low in _ALIVE:
            return None  # "three men released last week ... described how detainees died":
            # those counted lived to tell; the dead are others
        if low == "death" and k > 0 and toks[k - 1].low == "to":  # "beaten to death"
            return "killed"
        if tok.kind == "num" or low in _NUMBER_WORDS:
            if not listy:
                return None
            continue
        if not (low in _COORD or low in _SPELLED or _is_person(tok) or _is_modifier(tok)
                or low == "of"):
            listy = False
    return None


def _category_adjacent(toks: list[_Tok], stop: int, limit: int) -> CountCategory | None:
    """For a bare number: "63 killed", "dozens were killed", "12 are feared dead"."""
    for k in range(stop, min(limit, stop + 5)):
        low = toks[k].low
        if low in _CATEGORY_AFTER:
            return _CATEGORY_AFTER[low]
        if low not in _AUX:
            return None
    return None


def _not_a_count(toks: list[_Tok], core: _Core) -> bool:
    """Dates, years, ages, times, money, ordinals, model numbers: never victim counts."""
    i, stop = core.first, core.stop
    first, last = toks[i], toks[stop - 1]
    prev = toks[i - 1] if i > 0 else None
    prev2 = toks[i - 2] if i > 1 else None
    nxt = toks[stop] if stop < len(toks) else None
    if first.low == "one" and nxt is not None and nxt.low == "of":
        return True  # "one of the bodies": a part, not a count
    if first.low in ("one", "a") and nxt is not None and nxt.low in _HOUSEHOLDS:
        return True  # "eight of one family": a household, not one person
    if nxt is not None and nxt.start == last.end:
        if nxt.kind == "word":
            return True  # "17th", "25km", "1990s"
        if nxt.text in _HYPHENS and stop + 1 < len(toks) and toks[stop + 1].kind == "word" \
                and toks[stop + 1].start == nxt.end \
                and toks[stop + 1].low not in (*_SPELLED, "plus"):
            return True  # "70-page report", "19-year-old"
        if nxt.text == "%" or (nxt.text in (":", ".") and stop + 1 < len(toks)
                               and toks[stop + 1].kind == "num"
                               and toks[stop + 1].start == nxt.end):
            return True  # "10:30", "5%" (not "rose to eight: six children and ...")
    if prev is not None and prev.end == first.start:
        if prev.kind == "word" or prev.text in _SIGNS:
            return True  # "MH17", "$5", "#3"
        hyphen = prev.text in _HYPHENS or prev.text in ("/", ":")
        if hyphen and prev2 is not None and prev2.end == prev.start:
            return True  # "Su-25", "COVID-19", "2/3", "10:30"
    if prev is not None and prev.text in _SIGNS:
        return True
    if prev is not None and prev.low in ("aged", "age", "ages", "no", "number", "nos"):
        return True
    if prev is not None and prev2 is not None and prev.low in ("of", "as") \
            and prev2.low in ("age", "ages", "young", "old"):
        return True
    month_before = prev is not None and prev.low in _MONTHS and prev.text[:1].isupper()
    month_after = nxt is not None and nxt.low in _MONTHS and nxt.text[:1].isupper()
    if core.digits and core.exact and core.best <= 31 and (month_before or month_after):
        return True  # "26 December", "February 24"
    return core.year_like and (
        prev is None or prev.low in _YEAR_PREPS or month_before or prev.text == ","
    )


def find_counts(text: str, within: list[tuple[int, int]] | None = None
                ) -> list[CountMention]:
    """Every victim count in `text`, in order, with exact offsets and UCDP-style bounds.

    `within`: only in these (sentence) spans, for a caller that reads counts in a few
    sentences of a long text; each span must hold whole sentences."""
    if not isinstance(text, str) or not text:
        return []
    if within is None:
        toks = _tokens(text)
    else:
        toks = [t for a, b in sorted(set(within)) for t in _tokens(text, a, b)]
    out: list[CountMention] = []
    last_end = 0
    sentence: tuple[int, int] | None = None
    floor = limit = 0
    i = 0
    while i < len(toks):
        core = _core(toks, i)
        if core is None:
            i += 1
            continue
        i = max(core.stop, i + 1)
        if toks[core.first].start < last_end:
            continue
        if sentence is None or not sentence[0] <= toks[core.first].start < sentence[1]:
            sentence = sentence_bounds(text, toks[core.first].start)
            floor = _first_at_or_after(toks, sentence[0])
            limit = _first_at_or_after(toks, max(sentence[1], toks[core.stop - 1].end))
        previous = out[-1] if out and out[-1].start >= sentence[0] else None
        mention = _mention(text, toks, core, floor, limit, last_end, previous)
        if mention is not None:
            mention, i = _enumerated(text, toks, mention, i, floor, limit)
            out.append(mention)
            last_end = mention.end
    return out


def _enumerated(text: str, toks: list[_Tok], mention: CountMention, i: int, floor: int,
                limit: int) -> tuple[CountMention, int]:
    """"five men and two women", "12 men, 5 women and 3 children": one figure, the sum,
    with the whole enumeration as its phrase (reports give the toll so; UCDP adds it up).
    `i` is where the scan goes on, moved past the parts taken in."""
    if mention.category not in ("killed", "bodies_found", "injured", "missing"):
        return mention, i
    while True:
        k = _first_at_or_after(toks, mention.end)
        j = k
        while j < limit and toks[j].low in (",", "and"):
            j += 1
        if j == k or j >= limit:
            return mention, i
        part = _core(toks, j)
        if part is None or part.first != j or part.vague or part.year_like \
                or _a_part_of_them(toks, part.stop, limit):
            return mention, i  # ("17 civilians, six of them children": no more dead)
        head = _head(toks, part.stop, limit)
        if head.kind != "person" or head.category not in (None, mention.category):
            return mention, i
        if toks[k].low == "," and mention.phrase.split()[-1].lower() in _WHOLE_HEADS \
                and toks[head.last].low in _WHO_THEY_WERE:
            return mention, i  # ("four civilians, three women and a man": who they were)
        nxt = _mention(text, toks, part, floor, limit, mention.end, mention)
        if nxt is not None and (nxt.category != mention.category
                                or nxt.start != toks[j].start or nxt.qualifier is not None):
            return mention, i
        end = nxt.end if nxt is not None else toks[max(head.last, part.stop - 1)].end
        lows = _apply(None, part)
        both = (mention.low, lows[0]), (mention.best, lows[1]), (mention.high, lows[2])
        low, best, high = (None if None in pair else pair[0] + pair[1] for pair in both)
        try:
            mention = CountMention(start=mention.start, end=end,
                                   phrase=text[mention.start:end], low=low, best=best,
                                   high=high, category=mention.category,
                                   qualifier=mention.qualifier)
        except ValueError:
            return mention, i
        i = max(i, part.stop)


# the whole a listed figure may break down, not a group added to it
_WHOLE_HEADS = frozenset({"civilians", "people", "persons", "residents", "villagers",
                          "victims", "individuals", "inhabitants"})
_WHO_THEY_WERE = frozenset({"women", "men", "children", "woman", "man", "child", "boys",
                            "girls", "boy", "girl", "elderly", "minors", "infants"})


def _a_part_of_them(toks: list[_Tok], stop: int, limit: int) -> bool:
    """Does "of them", "of whom" follow the number ending at `stop`?"""
    return stop + 1 < limit and toks[stop].low == "of" \
        and toks[stop + 1].low in ("them", "whom", "those")


def _first_at_or_after(toks: list[_Tok], offset: int) -> int:
    lo, hi = 0, len(toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if toks[mid].start < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _mention(text: str, toks: list[_Tok], core: _Core, floor: int, limit: int,
             last_end: int, previous: CountMention | None) -> CountMention | None:
    """The count mention for one number, or None when the number counts no victims."""
    first, stop = core.first, core.stop
    qfirst, kind = _qualifier_before(toks, first, floor)
    if kind is not None:
        core = core._replace(year_like=False)  # "up to 1800 people": a count, not a year
    if _not_a_count(toks, core):
        return None
    if previous is not None and _a_part_of_them(toks, stop, limit) \
            and text[previous.end:toks[first].start].strip() in (",", "(", "—", "–", "-"):
        return None  # "17 civilians, six of them children": a part of the count before
    # Bounding words after the number: "40 or more", "40 or so", "40-plus".
    post: Kind | None = None
    if stop + 1 < limit and toks[stop].low == "or" and toks[stop + 1].low in ("more", "so"):
        post = "at_least" if toks[stop + 1].low == "more" else "approx"
        stop += 2
    elif stop + 1 < limit and toks[stop].text == "-" and toks[stop + 1].low == "plus":
        post, stop = "at_least", stop + 2
    if kind is None and core.is_range and first - 1 >= floor \
            and toks[first - 1].low in ("between", "from"):
        qfirst = first - 1
    if qfirst < len(toks) and toks[qfirst].start < last_end:
        qfirst, kind = first, None
    kind = kind or post
    head = _head(toks, stop, limit)
    category: CountCategory | None
    if head.kind == "body":
        category = "bodies_found"
    elif head.kind == "category":
        category = head.category
    elif head.kind == "grave":
        category = None
        if not head.mass and any(
            t.low in _BODY_HEADS or t.low.startswith("exhum") for t in toks[floor:limit]
        ):
            category = "bodies_found"
    elif head.kind == "person":
        category = (
            head.category
            or _category_before(toks, qfirst, floor, person=True)
            or _category_after(toks, head.last + 1, limit)
        )
    else:
        if core.year_like:
            return None
        category = None
        if _follow_ok(toks, stop, limit):
            category = _category_before(toks, qfirst, floor, person=False)
        elif _victim_noun(toks[stop]) and (
                category := _category_before(toks, qfirst, floor, person=True)):
            head = head._replace(last=stop)  # "killed 4 loggers": whoever they were
        category = category or _category_adjacent(toks, stop, limit)
    if category is None and previous is not None and head.kind in ("person", None) \
            and qfirst - 1 >= floor and toks[qfirst - 1].low in ("including", "among"):
        category = previous.category  # "injured 15, including 3 children"
    if category is None and previous is not None and head.kind in ("person", None) \
            and qfirst - 1 >= floor and toks[qfirst - 1].low == "and" \
            and head.last + 1 < limit and toks[head.last + 1].low in ("in", "at"):
        category = previous.category  # "26 people died in Al-Bab and 14 in Qabbasin"
    if category is None:
        return None
    low, best, high = _apply(kind, core)
    start = toks[qfirst].start
    end = toks[max(head.last, stop - 1)].end
    parts = [text[start:toks[first - 1].end]] if qfirst < first else []
    if core.vague:
        parts.append(core.vague)
    if post is not None:
        parts.append(text[toks[core.stop].start:toks[stop - 1].end])
    qualifier = " ".join(" ".join(parts).lower().split()) or None
    try:
        return CountMention(start=start, end=end, phrase=text[start:end], low=low, best=best,
                            high=high, category=category, qualifier=qualifier)
    except ValueError:
        return None  # a rule produced an impossible record: drop it rather than raise


# --- one victim ---------------------------------------------------------------------------
#
# "A Cambodian villager was killed", "gunmen shot dead a civilian", "killing the driver":
# news states a single death without a number.  These read as a count of one (killed),
# the phrase being the words from the article to the verb.

_PERSON = (r"(?:civilian|villager|farmer|man|woman|boy|girl|child|person|resident|worker"
           r"|teacher|student|journalist|reporter|driver|doctor|nurse|medic|shepherd|herder"
           r"|fisherman|policeman|police officer|soldier|deminer|passenger|pedestrian"
           r"|teenager|baby|infant|pensioner|volunteer|priest|imam|activist|official|guard"
           r"|prisoner|detainee|hostage|relative|father|mother|son|daughter|husband|wife"
           r"|chief|elder|leader|trader|merchant|herdsman|cleric|lawyer|judge|mayor"
           r"|motorcyclist|cyclist|vendor|shopkeeper|owner|member|businessman|businesswoman"
           r"|pastor"
           r"|engineer|militant|fighter|rebel|insurgent|gunman|jihadist|officer)")
_DEATH = (r"(?:killed|shot dead|died|murdered|executed|beheaded|gunned down|stabbed to death"
          r"|hacked to death|burned to death|beaten to death|lost (?:his|her) life)")
_ONE_BEFORE = with_first(re.compile(
    # ("Man shot dead in ...", a monitor's post: "Raqqa | 09.09.2022 | Civilian killed")
    rf"(?:\b(?:a|an|one)\s+(?:[\w'’-]+\s+){{0,3}}?|^(?=[A-Z])|(?<=\|\s)(?=[A-Z]))"
    rf"{_PERSON}\b[^.;!?]{{0,60}}?\b(?:was|has been|had been|is|got)?\s*{_DEATH}\b",
    re.I | re.M))
_ONE_AFTER = with_first(re.compile(
    rf"\b(?:killed|killing|kills?|shot dead|murdered|executed|beheaded|gunned down"
    rf"|shot and killed|lynched|(?:beat|beaten|hacked|stabbed) to death)"
    rf"\s+(?:(?:a|an|one|the)\s+(?:[\w'’-]+\s+){{0,3}}?|(?=police|soldier|farmer|villager"
    rf"|journalist|teacher|priest|imam|student|child|boy|girl|man\b|woman\b))"
    rf"{_PERSON}\b(?![\w'’-])", re.I))  # (a headline drops the article: "kill policeman")

# "stabbed a man to death", "shot a farmer dead": the victim inside the verb's phrase
_ONE_AROUND = with_first(re.compile(
    rf"\b(?:stabbed|hacked|beat|beaten|bludgeoned|clubbed|stoned|burned|burnt|shot)\s+"
    rf"(?:a|an|one|the)\s+(?:[\w'’-]+\s+){{0,3}}?{_PERSON}\s+(?:to\s+death|dead|alive)\b",
    re.I))

# "the body of a man was found": one body, as monitors record a killing found later
_ONE_BODY = re.compile(rf"\b(?:dead\s+)?body\s+of\s+(?:a|an|one)\s+(?:[\w'’-]+\s+){{0,2}}?"
                       rf"{_PERSON}\b", re.I)


# A monitor's form gives the toll as a field: "Victims: 4 (three men and a woman)",
# "Number of victims: 5", "Fatalities: 3" (a figure that names its own kind, "Victims: 1
# dead, 1 injured", is read as running text)
_FIELD = re.compile(
    r"^[ \t]*(?:(?:total\s+)?number\s+of\s+)?(?P<label>victims|dead|deaths|killed"
    r"|fatalities|(?:people|persons|civilians)\s+killed|bodies(?:\s+(?:found|recovered))?)"
    r"[ \t]*:[ \t]*(?P<n>\d{1,5})\b(?![ \t]*(?:[.,]\d|dead|killed|injured|wounded|missing"
    r"|people|persons|civilians|bodies))", re.I | re.M)


def find_field_counts(text: str, within: list[tuple[int, int]] | None = None
                      ) -> list[CountMention]:
    """Tolls given as a form's field ("Victims: 4"), as counts of that many killed (or
    bodies found)."""
    out = []
    for a, b in within if within is not None else [(0, len(text))]:
        for m in _FIELD.finditer(text, a, b):
            n = int(m["n"])
            kind = "bodies_found" if m["label"].lower().startswith("bodies") else "killed"
            out.append(CountMention(start=m.start("label"), end=m.end(),
                                    phrase=text[m.start("label"):m.end()], low=n, best=n,
                                    high=n, category=kind))
    return out


def find_single_victims(text: str, within: list[tuple[int, int]] | None = None
                        ) -> list[CountMention]:
    """Deaths of one person stated without a number, as counts of one killed (or one
    body found)."""
    spans = within if within is not None else [(0, len(text))]
    out: list[CountMention] = []
    for a, b in spans:
        for pattern, category in ((_ONE_BEFORE, "killed"), (_ONE_AFTER, "killed"),
                                  (_ONE_AROUND, "killed"), (_ONE_BODY, "bodies_found")):
            for m in pattern.finditer(text, a, b):
                out.append(CountMention(start=m.start(), end=m.end(), phrase=m.group(),
                                        low=1, best=1, high=1, category=category))
    out.sort(key=lambda c: c.start)
    kept: list[CountMention] = []
    for c in out:  # the earlier of two overlapping readings
        if not kept or c.start >= kept[-1].end:
            kept.append(c)
    return kept
