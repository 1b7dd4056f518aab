"""Find place mentions in an article: spans, kinds and the gazetteer entries they may be.

Recognition is gazetteer-driven: capitalised runs of words ("Deir ez-Zor", "United
States", "U.S.") are matched, longest first, against every name in the gazetteer, then
filtered by rules that catch the classic false positives of that approach:
- ordinary words that are also GeoNames places (`The`, `Council`, `Since`, `Western`,
  `Monday`): a stop list of function words, months and weekdays; words the article
  itself uses in lower case; very common English words (wordfreq) unless they name a
  country, a first-order division or a large city;
- person names that are places (`Vladimir Putin`, `Volodymyr Zelenskiy`): a known given
  name followed by another capitalised word, or a name after a title (`President`);
- organisations containing places (`Syrian Observatory for Human Rights`, `Washington
  Post`): the place is kept with kind `embedded`;
- names missing from the gazetteer (`Al-Wawi`) are kept, unresolved, when the text
  says they are places (`the town of Al-Wawi`, `Kocho, a village south of`, `the Tadamon
  district of`, `known as Khasfa`) or they carry an Arabic article after a locative
  preposition (`geo.places.relative.locate_unknown` then places those the text locates);
- codes and abbreviations match only as written (`usable_hits`), and pieces of longer
  names the gazetteer lacks are no places (`_fragment`, `_unknown_word`): `A BBC`,
  `TfL`, `Mass graves`, `Colinas de Santa Fe`, `Pir-e-Golzar`, `Toyota Hilux`.
Demonyms (`Syrian`, `Ukrainians`) become mentions of kind `demonym`; written
coordinates become mentions of kind `coordinates`.  Choosing among the gazetteer
entries is `geo.places.resolve`'s job.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise, takewhile

from geo.distance import haversine_km
from geo.fastre import with_first
from geo.gazetteer.lookup import Gazetteer
from geo.gazetteer.normalize import key, key_of_words, norm, strip_articles
from geo.places.coordinates import find_coordinates
from geo.places.demonyms import demonym_country
from geo.places.mentions import Mention
from geo.places.relative import find_relation
from geo.places.tokens import Token, tokenize

MAX_SPAN_TOKENS = 8
CONTEXT_TOKENS = 6

CONNECTORS = frozenset(
    "of de del della la las los le du da do des dos das upon on al el bin ibn y the".split()
)
_POSSESSIVES = ("'s", "’s")
# the small words inside Romance place names: "Loma de Montija", "San José del Guaviare"
NAME_PARTICLES = frozenset("de del della la las los le du da do des dos das di".split())

STOP = frozenset(
    """a an the this that these those there here he she it we they i you his her its our
    their my your me him us them who whom whose which what when where why how and or but
    nor so yet for if then than as at by in on of to from with without into onto over
    under after before since while during until unless though although because also
    however meanwhile moreover yesterday today tomorrow tonight mr mrs ms dr sir madam
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug
    sep sept oct nov dec christmas easter ramadan mayor act day sgt gov co inc jr sr ii iii
    iv lt cllr man war academy metro democrat republican route senior web now northwest
    northeast southwest southeast congress airport hall lane valley mill wood christian
    white house gulf earth sun moon bay river lake mountain park street road avenue
    eid god allah lord president minister
    prime general gen governor senator sen rep king queen prince princess pope saint st
    chief officer police army council committee government parliament ministry state
    department university college school hospital church mosque court news times post
    press agency international national united western eastern northern southern central
    north south east west new old great greater upper lower city town village county
    district province region republic kingdom empire union federation coalition
    his hers all some many most several both each every no not one two three four five
    six seven eight nine ten first second third last next
    """.split()
)
# Words that only ever end a place name as part of it ("Laurel County"), or that make an
# organisation out of the place before them ("Washington Post", "Raqqa Civil Council").
ORG_WORDS = frozenset(
    """post times news herald tribune journal gazette telegraph guardian observer
    chronicle press daily weekly magazine radio tv television network channel agency
    observatory institute university college school academy hospital clinic council
    committee commission ministry department police army forces force guard brigade
    battalion regiment militia party front movement union federation association
    society foundation fund bank company corporation corp inc ltd group club team
    fc united city rangers church mosque cathedral airport airlines airways railway
    court tribunal assembly parliament senate congress government authority office
    centre center museum library hotel stadium prison jail project initiative
    conference summit accord agreement treaty declaration convention theatre theater
    cartel day""".split()  # ("Independence Day in Morelia": a holiday's name)
)
# ("the Old City of Raqqa" is part of the city: "City" ends clubs, never opens them; nor
# does "Day": "Day Kundi" is a province)
_ORG_OPENERS = ORG_WORDS - {"city", "day"}
_ORG_OR_STOP = ORG_WORDS | STOP
TITLES = frozenset(
    """president mr mrs ms miss dr prof professor gen general sen senator rep
    representative gov governor minister premier chancellor king queen prince princess
    pope sheikh emir sultan judge justice officer sgt sergeant capt captain lt lieutenant
    col colonel maj major adm admiral chief spokesman spokeswoman spokesperson coach
    secretary ambassador mayor commander sister brother father rev reverend pastor bishop
    imam rabbi cardinal deputy detective const constable trooper investigator sheriff
    commissioner superintendent director chairman chairwoman chair ceo founder staffer
    cpl pvt brig clerk manager attorney councilman councilwoman councilor councillor
    treasurer auditor coroner administrator solicitor assemblyman assemblywoman alderman
    supervisor trustee patrolman""".split()
)
PLACE_TRIGGERS = (
    "town of", "city of", "village of", "villages of", "villagers of", "district of", "province of",
    "region of", "neighbourhood of", "neighborhood of", "suburb of", "area of",
    "governorate of", "municipality of", "hamlet of", "settlement of", "camp of",
    "residents of", "inhabitants of", "governor of", "mayor of", "outskirts of",
    "enclave of",
    # the local divisions reports file villages in: "the corregimiento of Saiza"
    "commune of", "locality of", "corregimiento of", "vereda of", "tabia of", "kebele of",
    "woreda of", "groupement of", "chiefdom of", "tehsil of", "township of", "canton of",
    "prefecture of",
)
_SAINT_WORDS = frozenset({"st", "saint", "ste", "sainte"})
_SAINT = re.compile(r"(?:St|Saint|Ste|Sainte)\.?\s", re.I)
# ("St Andrew's church": the saint's building, its possessive too)
_SAINT_USE_AFTER = re.compile(r"(?:['’]s)?\s+(?:of\s+(?-i:[A-Z])|(?:church|cathedral|monastery"
                              r"|chapel|basilica|shrine|convent|day|feast)\b)", re.I)
_SAINT_USE_BEFORE = re.compile(r"\b(?:feast|church|cathedral|monastery|chapel|basilica"
                               r"|shrine|celebration|day|order|convent)\s+of\s+(?:the\s+)?$",
                               re.I)
OTHER_NAME_CITY = 100_000  # a city this big may be named by a first name the text calls a place
LOCATIVES = frozenset("in at near outside from to into across around toward towards".split())
# Day and month names are never part of a place's name: "On Monday Izium was struck",
# "In January Bakhmut was shelled" run them into one capitalised run with the place.
CALENDAR_WORDS = frozenset(w.lower() for w in (*calendar.day_name, *calendar.month_name) if w)
STOP_PHRASES = frozenset(["white house", "capitol hill", "downing street", "wall street",
                          "middle east", "gulf", "new year", "holy see"])
DIVISION_WORDS_LOWER = frozenset(
    "region province governorate oblast district county state raion area regional territory "
    "countryside people's people’s township cercle woreda"
    " obl dist prov".split()  # ("KHARKIV OBL.", "Bacho dist.": abbreviated)
)
# Words before a place's own name that leave it that place ("Mount Sinjar", "Camp
# Bastion" is its own name): never the start of an unknown longer name.
_ARABIC_FEATURES = frozenset("wadi jebel jabal tell tel ras khirbet kafr deir beit ain bir".split())
FEATURE_WORDS = frozenset(
    "mount mt lake river camp fort port cape bay old new greater downtown central "
    # the part of a district a text names: "near Bagan in Lower Kurram"
    "upper lower".split()
) | _ARABIC_FEATURES
# The words Arabic place names open with for the kind of place (valley, hill, mountain,
# monastery, spring, well, house, mother of, caravanserai, gate), in their other
# spellings too: alone before another name they are the head of that name, not a town
# somewhere so called ("Wadi Barada" is no Wadi in India, "Khan Touman" no Haan in
# Germany, "Bab Sinjar" in Mosul no Sinjar).
GENERIC_HEADS = _ARABIC_FEATURES | frozenset(
    "wad tall tal jebal kfar dayr ayn bayt umm khirbat qasr hayy jisr khan bab".split())
# Words that open Spanish, Portuguese and French place names before another town's name:
# "Nuevo Callao" is a mining settlement of its own, not Callao
ROMANCE_HEADS = frozenset("nuevo nueva nuevos nuevas novo nova novos novas nouveau nouvelle "
                          "puerto porto villa vila ciudad colonia ejido barrio".split())
# Romance and Arabic connectors inside a longer name ("Colinas de Santa Fe"): a gazetteer
# name found after one of them, in the same capitalised run, is a fragment of that name.
INNER_CONNECTORS = frozenset("de del della di da do dos das du des la le".split())
# A hyphen-joined name whose pieces are capitalised or short connectors ("Pir-e-Golzar",
# "Soum-Bellah"): a piece is no place of its own unless it is a country, a first-order
# division or a large city ("Egyptian-US relations", "Russia-Ukraine border").
_HYPHEN_AFTER = re.compile(r"[-‐](?:[a-z]{1,3}[-‐ ])?[A-Z]")
# (the Persian ezafe joins with a space too: "Dara-e Suf", "Pul-e Khumri")
_JOINED_AFTER = re.compile(r"[-‐][a-z]{1,3}[-‐ ][A-Z]")
_JOINED_BEFORE = re.compile(r"[A-Z][^\W\d_]*[-‐][a-z]{1,3}[-‐ ]$")
_HYPHENED_NAME = re.compile(r"[A-Z][^\W\d_]*(?:[-‐](?:[a-z]{1,3}[-‐])?[A-Z][^\W\d_]*)+")
_HYPHEN_BEFORE = re.compile(r"[A-Z][^\W\d_]*[-‐](?:[a-z]{1,3}[-‐])?$")


@lru_cache(maxsize=200_000)
def _stripped(normed: str) -> str:
    return strip_articles(normed)


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """First names known to gender-guesser (its data file), lower-cased."""
    try:
        from importlib.resources import files

        data = files("gender_guesser").joinpath("data/nam_dict.txt").read_text(
            encoding="iso-8859-1")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return frozenset()
    names = set()
    for line in data.splitlines():
        if line.startswith("#") or len(line) < 30:
            continue
        parts = line[3:29].strip().split()
        if parts:
            names.add(parts[0].replace("+", " ").lower())
    return frozenset(names)


@lru_cache(maxsize=100_000)
def _zipf(word: str) -> float:
    """wordfreq's Zipf frequency of an English word (0 for unknown words)."""
    try:
        from wordfreq import get_frequency_dict, zipf_frequency
    except ModuleNotFoundError:
        return 0.0
    if not (word.isascii() and word.isalpha() and word.islower()):
        return zipf_frequency(word, "en")
    # A plain word is its own single token: the same arithmetic as wordfreq without its
    # tokenizer, which costs 60 us a word (tests pin the equality).
    f = get_frequency_dict("en", "best").get(word)
    freq = 1.0 / (1.0 / f) if f else 0.0
    unrounded = max(freq, _ZIPF_FLOOR)
    rounded = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


@lru_cache(maxsize=1)
def _opening_names() -> frozenset[str]:
    """Given names that can open a person's name in a capitalised run: the given-name
    list less the function words it also holds (`The`, `In`, `To`, `My` are names in
    some country), which open runs at the start of every sentence ("The Boston toll",
    "In Paris") and made the place after them a surname."""
    return _given_names() - STOP


_ZIPF_FLOOR = 1e-9  # wordfreq's zipf_to_freq(0): the default minimum


ARTICLES_LOWER = frozenset("al el ad ar as ash az ez es ed en at an adh ath ul ud".split())
HYPHENS = frozenset("-‐")
# ... of which those that join two capitalised words across spaces (Deir ez Zor, Jisr ash
# Shughur): not the ones that are English words ("University of Nebraska at Omaha").
SPACED_ARTICLES = ARTICLES_LOWER - frozenset("as at an en ed ul ud".split())


def _is_name_token(t: Token) -> bool:
    return t.is_name


def _gap(text: str, a: Token, b: Token) -> str:
    return text[a.end:b.start]


def _link(text: str, tokens: list[Token], i: int) -> bool:
    """Can token i sit inside a name, between capitalised words?"""
    t, n = tokens[i], len(tokens)
    nxt = tokens[i + 1] if i + 1 < n else None
    if nxt is None:
        return False
    if t.text in HYPHENS:  # Ivano-Frankivsk, ez-Zor: no spaces around the hyphen
        prev = tokens[i - 1] if i else None
        return prev is not None and _gap(text, prev, t) == "" and _gap(text, t, nxt) == ""
    if t.text in ARTICLES_LOWER and nxt.text in HYPHENS and _gap(text, t, nxt) == "":
        return True  # the "al" of al-Mansourah
    if i and tokens[i - 1].text in HYPHENS and nxt.text in HYPHENS and t.text.islower() \
            and len(t.text) <= 4 and _gap(text, tokens[i - 1], t) == "" \
            and _gap(text, t, nxt) == "":
        return True  # the "au" of Port-au-Prince, the "upon" of Stratford-upon-Avon
    if i and tokens[i - 1].text in HYPHENS and t.text.islower() and len(t.text) <= 3 \
            and nxt.is_name and _gap(text, tokens[i - 1], t) == "" \
            and _gap(text, t, nxt) == " ":
        return True  # the Persian ezafe of Pul-e Khumri, Dasht-e Archi
    if t.text in SPACED_ARTICLES and i and tokens[i - 1].is_name and nxt.is_name \
            and _gap(text, tokens[i - 1], t) == " " and _gap(text, t, nxt) == " ":
        return True  # the spaced article of Deir ez Zor, Jisr ash Shughur, Tall ad Daman
    # (never into a day or a month: "Gorazde on Tuesday" is no name like "Newcastle upon
    # Tyne")
    return t.text in CONNECTORS and _gap(text, t, nxt) == " " \
        and nxt.text.lower() not in CALENDAR_WORDS


def cap_runs(text: str, tokens: list[Token]) -> list[list[int]]:
    """Runs of capitalised tokens, joined by connectors (`of`, `de`, `al`) and hyphens."""
    runs: list[list[int]] = []
    cur: list[int] = []
    for i, t in enumerate(tokens):
        if t.is_name or (cur or t.text in ARTICLES_LOWER) and _link(text, tokens, i):
            if cur and _gap(text, tokens[cur[-1]], t) not in (" ", ""):
                runs.append(cur)
                cur = []
            cur.append(i)
        elif cur:  # (most tokens are no part of a name: no new list for each of them)
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    out = []
    for r in runs:  # a run ends on a capitalised word (so it holds one, when any is left)
        while r and not _is_name_token(tokens[r[-1]]):
            r = r[:-1]
        if r:
            out.append(r)
    return out


def _span_end(t: Token) -> int:
    """Where the name in token `t` ends: before a possessive `'s`."""
    return t.end - 2 if t.text.endswith(_POSSESSIVES) else t.end


def _can_start(tokens: list[Token], run: list[int], a: int) -> bool:
    t = tokens[run[a]]
    return _is_name_token(t) or (t.text in ARTICLES_LOWER and a + 1 < len(run)
                                 and tokens[run[a + 1]].text in HYPHENS)


def _subspans(text: str, tokens: list[Token], run: list[int]):
    for a in range(len(run)):
        if not _can_start(tokens, run, a):
            continue
        for b in range(min(len(run), a + MAX_SPAN_TOKENS), a, -1):
            last = tokens[run[b - 1]]
            if not _is_name_token(last):
                continue
            start, end = tokens[run[a]].start, _span_end(last)
            yield a, b, start, end, text[start:end]


@lru_cache(maxsize=100_000)
def _ascii_words(piece: str) -> tuple[str, ...]:
    n = norm(piece)
    return tuple(n.split(" ")) if n else ()


_SURFACE_KEYS: dict[str, str] = {}
SURFACE_KEY_CACHE = 200_000


def _span_key(tokens: list[Token], run: list[int], a: int, b: int, surface: str) -> str:
    """`key(surface)` for the sub-span run[a:b], built from its tokens' words when ASCII."""
    k = _SURFACE_KEYS.get(surface)
    if k is None:
        if surface.isascii():
            words: list[str] = []
            for i in run[a:b - 1]:
                words.extend(_ascii_words(tokens[i].text))
            last = tokens[run[b - 1]]
            words.extend(_ascii_words(last.text[:_span_end(last) - last.start]))
            k = key_of_words(words)
        else:
            k = key(surface)
        if len(_SURFACE_KEYS) >= SURFACE_KEY_CACHE:
            _SURFACE_KEYS.clear()
        _SURFACE_KEYS[surface] = k
    return k


_HASHTAG = re.compile(r"(?<![\w&])#(?=[A-Z][a-z])")
# "#ElFasher", "#DeirEzzor": two words joined; the "#" gives the room for the space
_HASHTAG_TWO = re.compile(r"(?<![\w&])#([A-Z][a-z]+)([A-Z][a-z]+)\b")


def find_mentions(text: str, gaz: Gazetteer, *, use_model: bool = True) -> list[Mention]:
    """Every place mention in `text`, in text order (kinds: place, demonym, embedded,
    coordinates); gazetteer hits attached, unresolved names with none."""
    # (a hashtag's name is read as the name: "picked up from his home in #Turbat")
    if "#" in text:
        text = _HASHTAG.sub(" ", _HASHTAG_TWO.sub(r"\1 \2", text))
    tokens = tokenize(text)
    mentions: list[Mention] = []
    coord_spans = []
    for c in find_coordinates(text):
        mentions.append(Mention(c.start, c.end, c.text, "coordinates", lat=c.lat, lon=c.lon,
                                notes=[f"written coordinates ({c.format})"]))
        coord_spans.append((c.start, c.end))
    runs = [r for r in cap_runs(text, tokens)
            if not any(s <= tokens[r[0]].start < e for s, e in coord_spans)]
    keys = {_span_key(tokens, r, a, b, surface) for r in runs
            for a, b, _, _, surface in _subspans(text, tokens, r)}
    hits = gaz.lookup_keys(keys)
    headline = _Headlines(text)
    persons, person_starts = _person_names(text, tokens, runs, hits, headline)
    ctx = _Context(
        headline=headline,
        lower_words={t.text for t in tokens if t.text.islower()},  # words only
        persons=persons,
        person_starts=person_starts,
        hits=hits,
        counts=_surface_counts(text, tokens, runs),
        summaries=gaz.memo("recognition: entry summaries"),
        usable=gaz.memo("recognition: usable entries"),
    )
    for run in runs:
        mentions.extend(_run_mentions(text, tokens, run, hits, ctx))
    mentions.extend(_named_again(text, tokens, runs, mentions))
    mentions.sort(key=lambda m: (m.start, m.end))
    for m in mentions:
        m.paren_area = m.kind == "place" and in_parenthesis_after_a_name(text, m.start, m.end)
    _mark_before_paren(text, mentions)
    _mark_owners_of_parts(text, mentions)
    if use_model:
        from geo.places.recognizer import filter_mentions

        mentions = filter_mentions(mentions)
    return mentions


# "west Mosul's al-Jadida neighbourhood": the part of the town its owner is named before
_OWNS = re.compile(r"['’]s\s+")
_SETTLEMENT_KIND_BEFORE = re.compile(r"\b(?i:kibbutz|moshav|village|town|hamlet|township"
                                     r"|settlement)\s+(?:of\s+)?$")
_NAME_WORD_BEFORE = re.compile(r"[A-Z][\w'’-]*[\s-]+$")
# (read by resolution too: "Donetsk's Kirovsky district" is a part of Donetsk)
PART_WORD_AFTER = re.compile(r"\s+(?:neighbou?rhoods?|(?:micro)?districts?|quarters?|suburbs?"
                             r"|areas?|sectors?|wards?|camps?|markets?|outskirts"
                             r"|port\s+district)\b", re.I)


def _mark_owners_of_parts(text: str, mentions: list[Mention]) -> None:
    """A name in the possessive before a named part of it ("Mosul's al-Jadida
    neighbourhood") is a town's name whatever the words before it, as is a name the text
    calls a village or kibbutz: the text's layout vouches for them."""
    for m in mentions:
        if m.kind == "place" and m.hits and _SETTLEMENT_KIND_BEFORE.search(
                text, max(0, m.start - 16), m.start):
            m.vouched = True  # "in Kibbutz Be'eri", "the village of Yelwata": so called
    for m, nxt in pairwise(mentions):
        if m.kind == "place" and m.hits and _OWNS.fullmatch(text, m.end, nxt.start) \
                and PART_WORD_AFTER.match(text, nxt.end) \
                and not _NAME_WORD_BEFORE.search(text, max(0, m.start - 40), m.start):
            # (not the end of a longer name: "Oddar Meanchey's Trapaing Prasat district")
            m.vouched = True


_OPEN_PAREN = re.compile(r"\s*(?:(?:town|village|city|camp)\s*)?\(\s*")
# "Mughr al Mir (Qatana, ...)": the name goes on before the span, which is a fragment
_NAME_GOES_ON_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+(?:[a-z]{1,4}[\s-]+)?$")
PAREN_REACH_KM = 100.0  # a namesake this near a place of the parenthesis is the one meant


def _mark_before_paren(text: str, mentions: list[Mention]) -> None:
    """ "an air strike on Afrin (Aleppo)": the name a monitor's parenthesis of areas
    follows is a place whatever the name alone suggests, if one of its namesakes lies
    where the parenthesis says."""
    for k, (m, nxt) in enumerate(pairwise(mentions)):
        if m.kind == "place" and m.hits and nxt.paren_area \
                and _OPEN_PAREN.fullmatch(text, m.end, nxt.start) is not None \
                and not _NAME_GOES_ON_BEFORE.search(text, max(0, m.start - 40), m.start):
            areas = [h for a in takewhile(lambda a: a.paren_area, mentions[k + 1:])
                     for h in a.hits]
            m.vouched = m.vouched or _lies_near(m.hits, areas)


def _lies_near(hits, areas) -> bool:
    """Does an entry of `hits` lie where an entry of `areas` is (within its radius, or
    PAREN_REACH_KM of it)?  Entries are the gazetteer's hits: (place, name, ...)."""
    return any(haversine_km(p.lat, p.lon, a.lat, a.lon)
               <= max(PAREN_REACH_KM, a.radius_km or 0.0)
               for p, *_ in hits for a, *_ in areas)


_PAREN_AREA_BEFORE = re.compile(
    r"(?:\b[A-Z][^\s()]*(?:\s+[^\s()]+){0,3}(?<!\.)\s*\(|\b[A-Z][^\s()]*(?:\s+[^\s()]+){0,3}"
    r"(?<!\.)\s*\([^()]{1,40},)\s*$")
# ... and no name goes on after it ("Mr. (Glen) Morgan", "Dozhd (Rain) TV")
_PAREN_AREA_AFTER = re.compile(
    r"\s*(?:(?:province|governorate|district|region|state|county|oblast)\s*)?"
    r"(?:,[^()]{1,40})?\)(?!\s*[A-Z])")


def in_parenthesis_after_a_name(text: str, start: int, end: int) -> bool:
    """Is text[start:end] one of the areas a parenthesis after a name holds (`X (A)`,
    `X (A, B)`), as monitors write a village's district and province, whether or not the
    gazetteer knows X?"""
    return text[max(0, start - 80):start].rstrip().endswith(("(", ",")) \
        and _PAREN_AREA_AFTER.match(text, end) is not None \
        and _PAREN_AREA_BEFORE.search(text, max(0, start - 80), start) is not None


NAMED_AGAIN = "named as a place elsewhere in the text"


def _named_again(text: str, tokens: list[Token], runs: list[list[int]],
                 mentions: list[Mention]) -> list[Mention]:
    """Every other time the text writes, as a name of its own, a name it calls a place
    once ("the village of Solhan ... Solhan is at a crossroads ... north of Solhan"):
    one name, one place, in a report."""
    names = {m.text for m in mentions if m.said_place}
    if not names:
        return []
    taken = sorted((m.start, m.end) for m in mentions)
    longest = max(len(n.split()) for n in names) + 2  # tokens a name may span (hyphens)
    out = []
    for r in runs:
        for a in range(len(r)):
            if a and _is_name_token(tokens[r[a - 1]]):
                continue  # inside a longer name ("Liman Tudun Biri", a person)
            for b in range(a + 1, min(len(r), a + longest) + 1):
                start, end = tokens[r[a]].start, _span_end(tokens[r[b - 1]])
                if text[start:end] not in names:
                    continue
                if (b == len(r) or not _is_name_token(tokens[r[b]])) \
                        and not any(s < end and start < e for s, e in taken):
                    out.append(Mention(start, end, text[start:end], "place",
                                       notes=[f"not in the gazetteer; {NAMED_AGAIN}"]))
                break
    return out


def _surface_counts(text, tokens, runs) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in runs:
        for i in r:
            w = tokens[i].text
            counts[w] = counts.get(w, 0) + 1
        whole = text[tokens[r[0]].start:tokens[r[-1]].end]
        counts[whole] = counts.get(whole, 0) + (len(r) > 1)
    return counts


@dataclass
class _Context:
    lower_words: set[str]
    persons: set[str]
    hits: dict
    counts: dict[str, int]
    summaries: dict[str, _Hits] = field(default_factory=dict)
    person_starts: set[int] = field(default_factory=set)  # given names that start a person
    headline: _Headlines | tuple = ()  # title-case lines
    usable: dict[str, list] = field(default_factory=dict)


@lru_cache(maxsize=100_000)
def _letters(s: str) -> str:
    return "".join(c for c in s if c.isalpha())


def usable_hits(surface: str, h) -> list:
    """The entries a surface may really name: codes and abbreviations must be written so.

    GeoNames lists airport and ISO codes (`ABC`, `TFL`, `SEN`) and abbreviations with
    their dot (`Mass.`) among a place's names.  Folded to lookup keys they swallow
    ordinary words: `A BBC` -> Albacete, `TfL`, `Sen.` -> Senegal, `Mass graves` ->
    Massachusetts.  An all-capital name counts only for a surface written in capitals
    with the same letters (`US` = `U. S.`), and a dotted abbreviation only for a surface
    that keeps the dot.
    """
    if not h:
        return []
    s_letters = _letters(surface)
    s_upper = len(s_letters) >= 2 and s_letters.isupper()
    s_flat = s_letters.lower()
    s_dot = surface.endswith(".")
    out = []
    for hit in h:
        name = hit[1]
        letters = _letters(name)
        if len(letters) >= 2 and letters.isupper():
            if not s_upper or letters.lower() != s_flat:
                continue
        elif name.endswith(".") and not s_dot:
            continue
        out.append(hit)
    return out


def _summary(surface: str, h, ctx: _Context) -> _Hits:
    """`_summarise(surface, h)`, once per article and name."""
    hs = ctx.summaries.get(surface)
    if hs is None:
        hs = ctx.summaries[surface] = _summarise(surface, h)
    return hs


def _usable(surface: str, h, ctx: _Context) -> list:
    u = ctx.usable.get(surface)
    if u is None:
        u = ctx.usable[surface] = usable_hits(surface, h)
    return u


def _is_area_name(surface: str, hits) -> bool:
    """Is `surface` the name of a country or a first-order division (not only a town)?"""
    k = key(surface)
    if k not in hits:
        return False
    h = usable_hits(surface, hits[k])
    return any(p.is_country or p.feature_code == "ADM1" for p, *_ in h)


def _names_a_place(surface: str, hits) -> bool:
    """Does the gazetteer know `surface`, written so, as some place's name?"""
    k = key(surface)
    return k in hits and bool(usable_hits(surface, hits[k]))


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_LOWER_WORD = re.compile(r" [a-z]{4}")  # a long word opening in lower case (or its start)


class _Headlines:
    """Which lines are written in title case ("Syria Announces New Commission"), where
    every word is capitalised and capitals say nothing about names.  Asked rarely (only
    when a person or longer-name rule would fire), so each line is read on demand."""

    __slots__ = ("text", "lines")

    def __init__(self, text: str):
        self.text = text
        self.lines: dict[int, bool] = {}

    def __contains__(self, pos: int) -> bool:
        text = self.text
        a = text.rfind("\n", 0, pos) + 1
        v = self.lines.get(a)
        if v is None:
            b = text.find("\n", pos)
            b = b if b >= 0 else len(text)
            # A paragraph of prose is told at a glance: a line of n characters holds at
            # most (n + 1) // 5 long words, and when over a quarter of that many open in
            # lower case after a space, over a fifth of its long words do (the regex of
            # long words, with its Unicode classes, costs ten times this scan).
            if 4 * len(_LOWER_WORD.findall(text, a, b)) > (b - a + 1) // 5:
                v = self.lines[a] = False
            else:
                words = _LONG_WORD.findall(text, a, b)
                v = self.lines[a] = len(words) >= 3 and sum(
                    w[0].isupper() for w in words) >= 0.8 * len(words)
        return v


def _in_headline(pos: int, headline) -> bool:
    return pos in headline


def _person_names(text, tokens, runs, hits, headline=()
                  ) -> tuple[set[str], set[int]]:
    """Surnames of the people the article names, so that a later "Brown said" is no place,
    and the offsets of the given names that open those names.

    A run is a person when a title precedes its names ("President Vladimir Putin",
    "Sister Mary Agnes"), or it is a known given name followed by one or two capitalised
    words that are not, together, a gazetteer name and not a country or first-order
    division ("Andrew Trapani", "Victoria Bondar", "Georgia Stevens"; but "Victoria
    Falls", "Paris, Texas" and "Jordan Israel" are places).  Only the names right after
    a title count: in "the Trade Minister of Honduras" no person is named.
    """
    given = _opening_names()
    persons: set[str] = set()
    starts: set[int] = set()
    for run in _across_initials(text, tokens, runs):
        # Only the capitalised words of the run up to its first connector ("of", "de").
        words = []
        for i in run:
            if not _is_name_token(tokens[i]):
                break
            words.append(tokens[i])
        if len(words) < 2:
            continue
        lowered = [w.text.lower().rstrip(".") for w in words]
        while len(words) > 2 and lowered[-1] in NAME_SUFFIXES:
            # "George Bush Sr", "Milton J. Little Jr.": the suffix is no part of a place
            words, lowered = words[:-1], lowered[:-1]
        titled = [i for i, w in enumerate(lowered) if w in TITLES]
        if titled and titled[-1] + 2 == len(words) and lowered[titled[-1]] in PLACE_OFFICES \
                and _names_a_place(text[words[-1].start:_span_end(words[-1])], hits) \
                and _placed_elsewhere(text, text[words[-1].start:_span_end(words[-1])]):
            continue  # "Deputy Commissioner Khuzdar said": the district's officer
        if titled and titled[-1] + 1 < len(words):
            # "President Vladimir Putin", and in a longer run "Laurel County Clerk Dean
            # Johnson", "Superior Court Judge Ann Lee": the names after the last title
            for w in words[titled[-1] + 1:titled[-1] + 1 + MAX_PERSON_WORDS]:
                persons.add(text[w.start:_span_end(w)])
            continue
        if len(words) > 5:
            continue
        if len(words) <= MAX_PERSON_WORDS and _AGE_AFTER.match(text, _span_end(words[-1])) \
                and not _names_a_place(text[words[0].start:_span_end(words[-1])], hits):
            # "Dana Whitlow, 24, was arrested": a name with an age is a person's
            starts.add(words[0].start)
            for w in words[1:]:
                persons.add(text[w.start:_span_end(w)])
            continue
        prev = _prev_word(tokens, run[0]).rstrip(".")
        if prev in TITLES:
            for w in words[1:]:
                persons.add(text[w.start:_span_end(w)])
            continue
        # "Kherson Oblast Victoria Shakula": a given name inside a run, followed by a
        # word that names no place at all, opens a person's name.
        for n in range(1, len(words) - 1 if len(words) > 2 else 1):
            if _in_headline(words[n].start, headline):
                break
            nxt = text[words[n + 1].start:_span_end(words[n + 1])]
            if lowered[n] in given and lowered[n + 1] not in STOP \
                    and lowered[n + 1] not in ORG_WORDS \
                    and not _names_a_place(nxt, hits):
                starts.add(words[n].start)
                persons.add(nxt)
        if lowered[0] not in given or sum(len(w.text) > 1 for w in words) > 3 \
                or _in_headline(words[0].start, headline):
            continue
        rest = text[words[1].start:_span_end(words[-1])]
        whole = text[words[0].start:_span_end(words[-1])]
        pair = text[words[0].start:_span_end(words[1])]
        if (lowered[-1] in ORG_WORDS or any(w in STOP for w in lowered[1:])
                or _names_a_place(pair, hits)
                or any(w.text.isupper() and len(w.text) > 1 for w in words[1:])
                or _names_a_place(whole, hits)
                or _is_area_name(rest, hits)
                or demonym_country(rest)):
            continue
        starts.add(words[0].start)
        for w in words[1:]:
            persons.add(text[w.start:_span_end(w)])
    return persons, starts


# Offices named after the district they run, in South Asian English ("Deputy
# Commissioner Khuzdar", "Collector Dantewada", "the District Police Officer Bannu"): the
# word after them is a place where the text names it as one elsewhere.
PLACE_OFFICES = frozenset({"commissioner", "collector", "superintendent", "officer"})


def _placed_elsewhere(text: str, name: str) -> bool:
    """Does the text also use `name` as a place: after a locative or before a kind of
    place ("in Khuzdar", "Khuzdar district")?"""
    n = re.escape(name)
    return re.search(rf"\b(?:in|of|near|at|from|outside)\s+{n}\b|\b{n}\s+(?:district|town"
                     rf"|city|province|division|tehsil|region)\b", text) is not None


NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
MAX_PERSON_WORDS = 3  # a person's names after a title or before an age: "Mary Ann Lee"
_AGE_AFTER = re.compile(r",\s*\d{1,3}\s*,")


def _across_initials(text: str, tokens: list[Token], runs: list[list[int]]
                     ) -> list[list[int]]:
    """The runs, with a name that a middle initial splits joined again: the dot of
    "Joseph F. Wagner" ends one run ("Joseph F") and the surname opens the next, so a
    run ending in one capital letter followed by ". " goes on with the next run."""
    out: list[list[int]] = []
    for run in runs:
        if out:
            last = tokens[out[-1][-1]]
            if len(last.text) == 1 and last.text.isupper() \
                    and text[last.end:tokens[run[0]].start] == ". ":
                out[-1] = out[-1] + run
                continue
        out.append(run)
    return out


def _run_mentions(text, tokens, run, hits, ctx: _Context) -> list[Mention]:
    if len(run) == 1 and _lone_stop_word(tokens[run[0]].text):
        # A sentence opening "We", "A", "The", "All": a third of a document's runs.  The
        # rules below name no place for it (the unknown-name rules skip function words,
        # and `_classify` turns away a single function word not written in capitals),
        # but a word that is also some place's name ("We", "A") went through the whole
        # of `_classify` to be told so: 8 us a run.
        return []
    out: list[Mention] = []
    unknown = _unknown_place(text, tokens, run, 0, hits)
    if unknown is not None:
        # "Helmand's Marja district": the words before the unknown name are read as usual
        head = [i for i in run if tokens[i].end <= unknown.start]
        # "Rigasa District of Igabi ...": after the kind word and "of", the run goes on
        tail = [i for i in run if tokens[i].start >= unknown.end]
        if tail and tokens[tail[0]].text.lower() not in _KIND_OR_LINK:
            tail = []  # the run's other words were the unknown name's context
        while tail and tokens[tail[0]].text.lower() in _KIND_OR_LINK:
            tail = tail[1:]
        return [*(_run_mentions(text, tokens, head, hits, ctx) if head else []), unknown,
                *(_run_mentions(text, tokens, tail, hits, ctx) if tail else [])]
    a = 0
    while a < len(run):
        found = None
        sub = run[a:a + MAX_SPAN_TOKENS]
        if _can_start(tokens, sub, 0):
            start = tokens[sub[0]].start
            for b in range(len(sub), 0, -1):  # longest first
                last = tokens[sub[b - 1]]
                if not last.is_name:
                    continue
                end = _span_end(last)
                surface = text[start:end]
                k = _span_key(tokens, run, a, a + b, surface)
                h = _usable(surface, hits[k], ctx) if k in hits else []
                if h or (b <= 3 and demonym_country(surface)):
                    found = (b, start, end, surface, h)
                    break
        if found is None:
            a += 1
            continue
        b, start, end, surface, h = found
        if tokens[run[a]].text.lower() in STOP and b > 1 and not any(
                nn == norm(surface) for _, _, nn, _ in h):
            a += 1  # "A BBC", "In Damascus": the function word is no part of a name
            continue
        if _fragment(text, tokens, run, a, b, start, end, surface, h):
            a += b
            continue
        m = _classify(text, tokens, run, a, a + b, start, end, surface, h, ctx)
        if m is not None and not _names_an_operation(text, start, end):
            m.vouched = m.kind == "place" and (
                m.division_hint and _names_a_division(surface, h)
                # "Ye-U", "Kale-Wa": capitalised pieces joined by a hyphen, a place's own
                # name as written (no word is spelled so, however common its pieces)
                or _HYPHENED_NAME.fullmatch(surface) is not None
                and any(pr and nn == norm(surface) for _, _, nn, pr in h)
                or _route_end(text, start, end) or _party_seat(text, start, end)
                or (_PLACE_SUFFERS.match(text, end) is not None
                    or _PLACE_OWNS.search(text, max(0, start - 30), start) is not None
                    or _NAMES_A_FACILITY.match(text, end) is not None)
                and surface.lower() not in _given_names()
                # "Residents of Shahidan, Ghor, said": a province set off by commas after
                # a name, not a person who spoke
                or (m.hits and _APPOSED.search(text, max(0, start - 40), start) is not None
                    and text.startswith(",", end) and _names_a_division(surface, h))
                # "Muyira commune, Butare": the wider area a monitor files a division in
                or m.hits and _FILED_AFTER_DIVISION.search(text, max(0, start - 16), start)
                is not None
                # "Yazebax village, Afrin district": the area a village (or a camp) is filed
                # in, named by its town with a division word or after the kind word
                or m.hits and (_FILED_AFTER_KIND.search(text, max(0, start - 16), start)
                               is not None
                               or m.division_hint and _FILED_AFTER_NAME.search(
                                   text, max(0, start - 40), start) is not None)
                # "in Yablunska Street, Bucha": the town a street is filed in
                or m.hits and _FILED_AFTER_STREET.search(text, max(0, start - 16), start)
                is not None
                # "on a farm 8 km south of Bani Walid said ...": what a distance is
                # measured from is a place, whoever "Walid" may be
                or m.hits and (rel := find_relation(text, start, end)) is not None
                and rel.kind == "offset"
                # "near Bagan in Lower Kurram": a part of a district the text names
                or a > 0 and tokens[run[a - 1]].text.lower() in ("upper", "lower")
                and _names_a_division(surface, h)
                # "In Bint Jbeil, four members of one family were killed": a sentence
                # that opens with where
                or m.hits and text.startswith(",", end) and (
                    a == 1 and tokens[run[0]].text == "In" and tokens[run[0]].sentence_start
                    or a == 0 and _OPENS_WITH_IN.search(text, max(0, start - 4), start)
                    is not None)
                and surface.lower() not in _given_names())
            out.append(m)
        a += b
    return out


_OPENS_WITH_IN = re.compile(r"(?:^|[.!?\n]\s*|\A)In\s+$")
# What only a place suffers or has, right after a name the gazetteer knows: "Izium was
# shelled", "Bakhmut came under fire", "Mosul's governor", "Djibo residents".  Such a
# sentence opens with the place, where the learned filter, trained on general news,
# doubts a capitalised first word.
_PLACE_SUFFERS = re.compile(
    r"(?:\s+(?:was|were|has\s+been|have\s+been|had\s+been|is\s+being)\s+"
    r"(?:(?:heavily|repeatedly|again|also|reportedly|recently|then|later|once\s+again)\s+)?"
    r"(?:shelled|bombed|bombarded|struck|hit|attacked|targeted|pounded|besieged|captured"
    r"|recaptured|retaken|liberated|occupied|overrun|evacuated|encircled|surrounded|raided"
    r"|stormed|sacked|razed)\b"
    r"|\s+(?:came|comes|is|was|were|remains?|remained)?\s*under\s+(?:(?:heavy|renewed|intense"
    r"|sustained|artillery|rocket|mortar"
    r"|missile|drone)\s+)*(?:fire|attack|shelling|bombardment|siege)\b"
    r"|['’]s\s+(?:mayor|governor|deputy\s+mayor|residents|inhabitants|outskirts|suburbs"
    r"|city\s+council|military\s+administration|regional\s+administration|old\s+(?:city|town)"
    r"|city\s+cent(?:re|er)|main\s+hospital|(?:(?:main|central|busy|crowded|old)\s+)?"
    r"(?:square|market|marketplace|bazaar|streets|airport|port|railway\s+station"
    r"|bus\s+station|central\s+prison))\b"
    r"|\s+(?:residents|inhabitants|villagers)\b"
    r"|\s+(?:is|lies|was)\s+(?:(?:about|some|around|roughly|nearly|just|only)\s+)?\d[\d,.]*"
    r"\s*(?:km|kilometres|kilometers|miles)\b"
    r"|\s+and\s+(?:the\s+)?(?:nearby|surrounding|neighbou?ring|adjacent)\s+"
    r"(?:villages|towns|areas|settlements|districts)\b)")


# Works named after the town they serve, right after its name in lower case: "the Mokha
# steam power plant", "near the Taba border crossing", "the Yida refugee camp".  (Not
# hospitals, schools or mosques, often named after a person; not a bare "camp": "the
# Clinton camp".)
_NAMES_A_FACILITY = re.compile(
    r"\s+(?:(?:steam|thermal|hydroelectric|nuclear|main|international|military|border"
    r"|river|sea|oil|gas|railway|bus|central|grain)\s+)*"
    r"(?:power\s+(?:plant|station)|airport|air\s*base|airbase|airfield|border\s+crossing"
    r"|crossing\s+point|border\s+post|port|harbou?r|dam|refinery|oil\s*field|gas\s*field"
    r"|checkpoint|(?:refugee|displacement|IDP|displaced\s+persons?|transit)\s+camps?"
    r"|prison|railway\s+station|bus\s+station|bridge)\b")


# ... and what only a place has, right before its name: "residents of Irpin", "on the
# edge of Izium", "the streets of Aleppo".
_PLACE_OWNS = with_first(re.compile(
    r"\b(?i:residents|inhabitants|villagers|townspeople|outskirts|edges?|streets?"
    r"|heart|cent(?:re|er)|mayor|governor|liberation|siege|(?:main\s+|central\s+)?square"
    r"|market(?:place)?|residential\s+(?:areas|districts|neighbou?rhoods))\s+of\s+"
    r"(?:the\s+)?$"
    # "on the road out of Djibo", "the road to Gao"
    r"|\b(?i:road|highway|route)\s+(?i:out\s+of|from|to|into|towards?|linking)\s+$"))


@lru_cache(maxsize=100_000)
def _lone_stop_word(word: str) -> bool:
    """Is a capitalised run made of this one word no mention whatever its context: a
    function word (`STOP`, so no possessive either) not written in capitals, that names
    no people (`demonym_country`)?"""
    return word.lower() in STOP and not word.isupper() and demonym_country(word) is None


# "Operation “Olive Branch”", "the “Olive Branch” operation": a campaign's name
# (a name in quotes: "the Mosul offensive" is an offensive on Mosul, a place)
_OPERATION_BEFORE = re.compile(r"\bOperation\s*[\"“”'‘’]?\s*$")
_OPERATION_AFTER = re.compile(r"[\"“”'‘’]\s*(?i:operations?|campaign|offensive)\b")


def _names_an_operation(text: str, start: int, end: int) -> bool:
    """Is the name that of a military operation ("Operation Olive Branch", "the
    “Olive Branch” operation"), not a place's?"""
    return _OPERATION_BEFORE.search(text, max(0, start - 16), start) is not None \
        or _OPERATION_AFTER.match(text, end) is not None


def _same(nnorm: str, n: str) -> bool:
    """Spelled alike: the same norm, or the same letters once spaces go (`U. S.` = `US`)."""
    return nnorm == n or (" " in nnorm and nnorm.replace(" ", "") == n.replace(" ", ""))


def _fragment(text, tokens, run, a, b, start, end, surface, h) -> bool:
    """Is the span a piece of a longer name the gazetteer lacks?

    (A span opening with an English function word, `A BBC`, `By Alaa`, `An IED`, must be
    spelled as a gazetteer name is, `The Hague`; otherwise the search goes on from the
    next word: see `_run_mentions`.)
    - `Colinas de Santa Fe`: a name after a Romance connector inside a capitalised run;
    - `Pir-e-Golzar`, `Soum-Bellah`: a piece of a hyphen-joined name, unless the piece
      is a country, a first-order division or a large city (`Egyptian-US relations`),
      or the name is a route's (`the Sebba-Seytenga road`).
    """
    j = a - 1
    while j >= 0 and tokens[run[j]].text in INNER_CONNECTORS:
        j -= 1
    if 0 <= j < a - 1 and _is_name_token(tokens[run[j]]):
        return True  # "Colinas de Santa Fe", "Santa Cruz de la Colina": a longer name's tail
    k = a + b
    while k < len(run) and tokens[run[k]].text in INNER_CONNECTORS:
        k += 1
    if a + b < k < len(run) and _is_name_token(tokens[run[k]]):
        return True  # "Loma de Montija", "Santa Cruz de la Colina": a longer name's head
    if _arabic_tail(tokens, run, a + b) and not _big(surface, h):
        return True  # "Tall al-Jayer", "Madinat al-Baath": not At Tall, not Medina
    if b == 1 and a + 1 < len(run) and norm(surface) in GENERIC_HEADS \
            and _is_name_token(tokens[run[a + 1]]):
        return True  # "Wadi Barada": a valley's name, not Wadi in India
    if b == 1 and a + 1 < len(run) and norm(surface) in ROMANCE_HEADS \
            and _is_name_token(tokens[run[a + 1]]):
        return True  # (nor is the head alone a place: Nuevo, California)
    if a >= 1 and tokens[run[a - 1]].text.lower() in ROMANCE_HEADS:
        return True  # "Nuevo Callao", "Villa Nueva de ...": a new town's name, not Callao
    if a >= 1 and tokens[run[a - 1]].text.lower() in GENERIC_HEADS \
            and not _OPEN_PAREN.match(text, end):
        # "the Bab Sinjar area" of Mosul: a gate's name, not Sinjar district (where a
        # monitor's parenthesis follows, it files the name: `Kafr Hind (Harim, Idlib)`)
        return True
    if _party_seat(text, start, end):
        return False  # "Sen. Tom Jensen, R-London": a legislator's home town
    if _JOINED_AFTER.match(text, end) or _JOINED_BEFORE.search(text, max(0, start - 12),
                                                                start):
        return True  # "Pul-e-Charkhi", "Mazar-i-Sharif": joined by a short word, one name
    if _HYPHEN_AFTER.match(text, end) or _HYPHEN_BEFORE.search(text, max(0, start - 40),
                                                                start):
        return not _big(surface, h) and not _route_end(text, start, end)
    # "Semi Khone": the tail of a village's name, not Hohne's other name `Khone`
    alike = [x for x in h if _same(x[2], norm(surface))] if a >= 1 else []
    # (a sentence's opening "In" is no part of the name: "In Bint Jbeil, four died")
    return bool(alike) and _is_name_token(tokens[run[a - 1]]) \
        and tokens[run[a - 1]].text.lower() not in STOP and all(
        not primary and p.feature_class == "P" and p.population < _HAMLET
        for p, _, _, primary in alike)


_HAMLET = 5_000  # a place this small is no name a longer one's tail is known by


# "Rep. Joseph Wagner, D-Chicopee,", "(R-Ocilla)", "DFL-Cook": a legislator's party and
# home town (or state), as American papers write them after the name
_PARTY_BEFORE = re.compile(r"(?:^|[\s(,])(?:R|D|I|DFL|Ind)[-‐]$")
_PARTY_AFTER = re.compile(r"\s*(?:[,;)]|\s[-–—]|\s*$|\s+(?:said|says|told|who|and)\b)")


def _party_seat(text: str, start: int, end: int) -> bool:
    """Is the span the place of a party affiliation ("R-London", "D-N.D.")?"""
    before = text[max(0, start - 5):start]
    # (a plain test for the hyphen the affiliation ends in spares most spans the regex)
    return ("-" in before or "‐" in before) \
        and _PARTY_BEFORE.search(text, max(0, start - 5), start) is not None \
        and _PARTY_AFTER.match(text, end) is not None


# "the Sebba-Seytenga road", "the Kaduna-Abuja highway": a route named by the places it
# joins, each a place of its own
_ROUTE_AFTER = re.compile(
    r"(?:[-‐–][A-Z][\w'’]*)*\s+(?:road|highway|motorway|expressway|route|axis|corridor"
    r"|railway|rail line|railroad)\b")
_ROUTE_BEFORE = re.compile(r"(?:[A-Z][\w'’]*[-‐–])+$")
_LOWER_ROUTE = re.compile(r"\s+(?:road|highway)\b")


def _names_a_division(surface: str, h) -> bool:
    """ "Seno province": a division's own name before the word for its kind."""
    k = key(surface)
    return any(p.feature_class == "A" and not p.is_country and key(name) == k
               for p, name, *_ in h)


def joins_a_road(text: str, start: int, end: int) -> bool:
    """Is text[start:end] one of the towns a road's name joins ("the Kabul-Kandahar
    highway")?"""
    return _ROUTE_AFTER.match(text, end) is not None and (
        text[start - 1:start] in "-‐–" and _ROUTE_BEFORE.search(text, max(0, start - 60),
                                                                 start) is not None
        or text[end:end + 1] in "-‐–")


def _route_end(text: str, start: int, end: int) -> bool:
    # (or "on the Djibo road": the road to the town)
    return joins_a_road(text, start, end) or (
        text[max(0, start - 4):start].lower() == "the "
        and _LOWER_ROUTE.match(text, end) is not None)


def _big(surface: str, h) -> bool:
    """A country, a first-order division or a large city spelled as written: a name that
    stands alone even beside a longer one (`Egyptian-US relations`)."""
    n = norm(surface)
    return any(_same(nn, n) and (p.is_country or p.feature_code == "ADM1"
                                 or p.population >= 100_000) for p, _, nn, _ in h)


def _arabic_tail(tokens: list[Token], run: list[int], k: int) -> bool:
    """Does the run go on at position k with an article joined to a name (`al-Jayer`,
    `ash Shih`), after a word that is no possessive (`Raqqa's al-Mansourah` is two
    names)?"""
    if k <= 0 or k + 1 >= len(run) or tokens[run[k]].text not in ARTICLES_LOWER \
            or tokens[run[k - 1]].text.endswith(_POSSESSIVES):
        return False
    if tokens[run[k]].text in SPACED_ARTICLES and _is_name_token(tokens[run[k + 1]]):
        return True  # "Khan ash Shih": the run joined the article across spaces
    return k + 2 < len(run) and tokens[run[k + 1]].text in HYPHENS \
        and _is_name_token(tokens[run[k + 2]])


def acronym(word: str) -> bool:
    """"IDP", "PoC", "MINUSMA": a short word of capitals (a mixed one too), which after a
    place's name says what kind of site it is ("the Bentiu PoC site", "the Malakal IDP
    camp"), never a second word of the name."""
    letters = [c for c in word if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return 2 <= len(letters) <= 8 and letters[0].isupper() and upper >= 2 \
        and 2 * upper >= len(letters)


def _unknown_word(text: str, t: Token, ctx: _Context) -> bool:
    """A capitalised word that names no place and is no function, title, organisation
    or division word: a piece of a name the gazetteer does not know."""
    w = text[t.start:_span_end(t)]
    low = w.lower().rstrip(".")
    if not t.is_name or acronym(w) or low in STOP or low in ORG_WORDS or low in TITLES \
            or low in DIVISION_WORDS_LOWER or demonym_country(w) or _zipf(low) >= 3.6:
        return False
    return not _usable(w, ctx.hits.get(key(w), ()), ctx)


def _small_place_word(text: str, t: Token, start: int, ctx: _Context,
                      end: int | None = None) -> bool:
    """Is `t`, a space before a name starting at `start` (or, given `end`, a space after
    a name ending there), the name of a small place only (no country, division or big
    town), spelled so, and no word of a kind, title or compass: one word of a two-word
    name such as "Boko Haram"?"""
    w = text[t.start:_span_end(t)]
    low = w.lower()
    spaced = text[end:t.start] == " " if end is not None else text[_span_end(t):start] == " "
    if not t.is_name or not spaced \
            or w.endswith(_POSSESSIVES) or low in STOP or low in TITLES \
            or low in FEATURE_WORDS or low in _ARABIC_FEATURES or low in _COMPASS \
            or low in DIVISION_WORDS_LOWER or low in CALENDAR_WORDS or acronym(w) \
            or demonym_country(w) or _zipf(low) >= 3.6:
        return False
    h = _usable(w, ctx.hits.get(key(w), ()), ctx)
    if not h:
        return False
    hs = _summary(w, h, ctx)
    return hs.strong and not (hs.big or hs.any_area)


def _prev_word(tokens: list[Token], i: int) -> str:
    return tokens[i - 1].text.lower() if i > 0 else ""


@dataclass(frozen=True, slots=True)
class _Hits:
    """What recognition asks of a surface's gazetteer entries, worked out once per
    article and name (names repeat; the entries of "San Antonio" number over a hundred)."""

    strong: bool  # some entry is spelled this way (not only a romanisation variant)
    big: bool  # a strong entry is a country, an ADM1 or a town of 100,000+
    any_big: bool  # the same over every entry, variants included
    any_area: bool  # some entry is a country or an ADM1
    country: bool  # a strong entry is a country
    adm1: bool
    adm2: bool
    max_pop: int  # of the strong populated places
    places: int  # distinct entries
    town_name: bool = False  # a populated place's own (primary) name is spelled this way
    own_name: bool = False  # some entry's own (primary) name is spelled this way


def _summarise(surface: str, h) -> _Hits:
    n = norm(surface)
    bare = _stripped(n)
    strong = big = any_big = any_area = country = adm1 = adm2 = town_name = own = False
    max_pop = 0
    ids = set()
    for p, _, nnorm, primary in h:  # one pass: "San Antonio" has over a hundred entries
        ids.add(p.geonameid)
        area = p.is_country or p.feature_code == "ADM1"
        large = area or p.is_continent or (p.feature_class == "P" and p.population >= 100_000)
        any_area = any_area or area
        any_big = any_big or large
        if _same(nnorm, n) or _stripped(nnorm) == bare:
            strong = True
            big = big or large
            country = country or p.is_wide
            adm1 = adm1 or p.feature_code == "ADM1"
            adm2 = adm2 or p.feature_code == "ADM2"
            if p.feature_class == "P" and p.population > max_pop:
                max_pop = p.population
            town_name = town_name or (primary and p.feature_class == "P")
            own = own or primary
    return _Hits(strong, big, any_big, any_area, country, adm1, adm2, max_pop, len(ids),
                 town_name, own)


# "KHARTOUM (Xinhua) --", "SAADA, Yemen (Reuters) -": the agency after a dateline
_AGENCY_SLOT = re.compile(r"[A-Z][A-Z.'’ -]*[A-Z.](?:,\s*[A-Z][\w.'’ -]*)?\s*\($")


def _agency_after_dateline(text: str, start: int, end: int) -> bool:
    if not text.startswith(")", end) or text[max(0, start - 1):start] != "(":
        return False
    line = text.rfind("\n", 0, start) + 1
    return start - line <= 60 and _AGENCY_SLOT.fullmatch(text, line, start) is not None


def _classify(text, tokens, run, a, b, start, end, surface, h, ctx: _Context) -> Mention | None:
    first = tokens[run[a]]
    if _agency_after_dateline(text, start, end):
        return None  # "KHARTOUM (Xinhua) --": a news agency, not Xinhua county
    if _TIME_ZONE_AFTER.match(text, end) and _CLOCK_BEFORE.search(text, max(0, start - 16),
                                                                  start):
        return None  # "at 10:05 am Moscow time": a time zone, not a place of the story
    words = [tokens[i] for i in run[a:b] if _is_name_token(tokens[i])]
    single = len(words) == 1
    low = surface.lower()
    if low in _COMPASS and _PART_OF_NEXT.match(text, end) \
            and _THE_BEFORE.search(text, max(0, start - 5), start):
        return None  # "in the Centre of Rio", "the North of Mali": a part of the place
        # named next, not a region elsewhere called Centre or North
    cc = demonym_country(surface)
    if cc is not None and _REGION_NEXT.match(text, end) and any(
            p.feature_code in ("ADM1", "ADM2") and p.country_code != cc
            and _same(nnorm, norm(surface)) for p, _, nnorm, _ in h):
        cc = None  # "Somali region", "Afar Region": Ethiopia's regions, not peoples
    # A sentence-initial common word ("Residents of Izium") is not part of the name.
    # Only the words next to the span matter (and a run of thousands of capitalised
    # words must not cost thousands of steps per span).
    before = [i for i in run[max(0, a - CONTEXT_TOKENS):a] if _is_name_token(tokens[i])
              and not (i == run[0] and tokens[i].sentence_start
                       and _zipf(tokens[i].text.lower()) >= 2.5)
              and tokens[i].text.lower() not in CALENDAR_WORDS]
    after = [i for i in run[b:b + CONTEXT_TOKENS] if _is_name_token(tokens[i])]
    prev = (tokens[before[-1]].text if before else _prev_word(tokens, run[0])).lower()
    of_title = False
    if prev.rstrip(".") in TITLES:
        if before and a > 0 and tokens[run[a - 1]].text in CONNECTORS:
            of_title = True  # "the Trade Minister of Honduras": a place in a title
        else:
            return None  # "President Vladimir Putin", "Mayor Brown"
    if low in STOP_PHRASES:
        return None
    if prev.rstrip(".") in _SAINT_WORDS and before and before[-1] == run[a - 1]:
        return None  # "St Mary" is no Mary, Turkmenistan: the rest of a saint's name
    if _SAINT.match(surface) and (_SAINT_USE_AFTER.match(text, end)
                                  or _SAINT_USE_BEFORE.search(text, max(0, start - 30), start)):
        return None  # "the feast of Saint Mary of Zion", "St George church": a saint
    lga = _LGA.match(text, end) is not None
    if lga or "Local Government Area" in text[tokens[run[0]].start:start]:
        # "Igabi Local Government Area of Kaduna": a division, not an organisation.
        after = [i for i in after if tokens[i].text not in ("Local", "Government", "Area")]
        before = [i for i in before if tokens[i].text not in ("Local", "Government", "Area")]
    # (a possessive says the body is in the place: "Hebron's Old City", "Marawi's
    # Mindanao State University", not a namesake's organisation)
    org_after = any(tokens[i].text.lower() in ORG_WORDS for i in after) \
        and not tokens[run[b - 1]].text.endswith(_POSSESSIVES)
    org_before = of_title or any(tokens[i].text.lower() in _ORG_OPENERS for i in before)
    hs = _summary(surface, h, ctx)
    big = hs.big
    if single and cc is None and not hs.strong:
        # Only a spelling variant matched ("Mass" ~ "Mas", "Putin" ~ "P'u-t'ien"): too weak
        # for a single word unless it is a variant of a big place's name, or a monitor's
        # parenthesis puts one of its places where the name stands ("Kabkabiya (North
        # Darfur)": Kabkābīyah).
        if len(surface) < 6 or not (hs.any_big or _paren_places(text, end, h, ctx.hits)
                                    or _variant_placed(text, start, prev, low, ctx)
                                    or _variant_filed(text, end, h, ctx.hits)):
            return None
        big = hs.any_big
    if not hs.country and _RIVER_AFTER.match(text, end):
        return None  # "on the Sava river": a river, not Madagascar's Sava region
    if low in WEAPON_NAMES and _WEAPON_AFTER.match(text, end):
        return None  # "a Grad rocket hit a bus", "Tomahawk missiles": the weapon's name
    if single and cc is None:
        if surface in ctx.persons or (start in ctx.person_starts and after):
            return None  # "Jackson Smith", "Vladimir Putin", "Victoria Bondar"
        if len(surface) == 1 or ("'" in surface or "’" in surface or "‘" in surface) and not (
                hs.strong and len(surface) >= 4
                and _APOSTROPHE_NAME.fullmatch(surface) is not None):
            return None  # "I'm", "Don't", initials; but "Dar'a", "Ma'rib", "Be’eri"
        bare_low = low.rstrip(".")
        if bare_low in TITLES:
            return None  # "Sen.", "Commissioner"
        if surface.isupper() and len(surface) >= 3 and bare_low in STOP:
            return None  # "AND", "THE" in capitals: words, not country codes
        if not hs.own_name and not (hs.country or hs.adm1):
            # Only another name of some place (an old, foreign or short form):
            # "Name" (Namur), "Ahmad" (Al Ahmadi), "Taliban" (a Turkish village).
            if _zipf(low) >= 4.8 or low in _given_names() and not (
                    hs.max_pop >= OTHER_NAME_CITY
                    and (_triggered(text, start) or dateline_at(text, start, end))):
                # (unless the text calls a big city's other name a place: "the Iraqi
                # city of Hilla", "HILLA, Iraq:" are Al Hillah, whoever else is Hilla)
                return None
            if ACTOR_AFTER.match(text, end):
                return None  # "Hamas gunmen" (Hamm's other name), "Taliban fighters":
                # who acted, named like some place
            if _zipf(low) >= 3.5 and hs.max_pop < 10_000:
                return None
            if surface.isupper() and 3 <= len(surface) <= 4 and surface.isalpha() \
                    and not _triggered(text, start):
                return None  # "VDC: one civilian killed": a monitor's initials, though a
                # Brazilian city is known by them too (a country's or a state's stay)
        if bare_low in ORG_WORDS and before:
            return None  # "Mine Action Centre": the head of an organisation's name
        if len(_letters(surface)) <= 3 and not surface.isupper() \
                and not surface.endswith(".") and not any(
                pr and nn == norm(surface) for _, _, nn, pr in h):
            return None  # "Pa" of "Pa Zi Gyi": a short word is only a place's own name
        if not surface.isupper() and (bare_low in STOP
                                      or (low in ctx.lower_words and not big)):
            return None
        if surface.isupper() and len(surface) <= 5 and "." not in surface \
                and not (hs.country and any(p.is_wide and p.population >= ACRONYM_COUNTRY
                                            for p, *_ in h)) \
                and not (hs.strong and dateline_at(text, start, end)):
            return None  # acronyms such as "AP", "BBC", "II" that happen to be places
            # (but "AMMAN, Aug 25 (Reuters) -", "RIGA -": a dateline's town; and "US",
            # "DRC": a country news writes so, not "IOM", the Isle of Man's, which is the
            # migration agency)
        if (not (hs.country or hs.adm1) and not _in_headline(start, ctx.headline)
                and (b < len(run) or _DIVISION_NEXT.match(text, end))
                # (a possessive ends the name: "Omdurman's Sabreen market")
                and (b < len(run) and _unknown_word(text, tokens[run[b]], ctx)
                     and not tokens[run[b - 1]].text.endswith(_POSSESSIVES)
                     or a > 0 and _unknown_word(text, tokens[run[a - 1]], ctx)
                     and tokens[run[a - 1]].text.lower() not in FEATURE_WORDS
                     # a possessive ends the name before ("Burkina Faso's Yagha")
                     and not tokens[run[a - 1]].text.endswith(_POSSESSIVES))):
            # "Toyota Hilux", "Ouro Saba", "Wharf Jérémie": a longer name; so is a name
            # ending a run that a division word follows ("Trapaing Prasat district")
            return None
        if a > 0 and not tokens[run[a - 1]].text.endswith(_POSSESSIVES) and (
                low in _COMPASS and (_unknown_word(text, tokens[run[a - 1]], ctx)
                                     # "Babema-Nord": the compass word of a joined name
                                     or tokens[run[a - 1]].text in HYPHENS)
                or low.replace("-", " ").partition(" ")[0] in ARTICLES_LOWER
                and tokens[run[a - 1]].is_name and not hs.country):
            return None  # "Bahema Nord", "Abu Qubia al-Gharbiyah": the tail of a longer
            # name, though a province elsewhere is so named (Nord, France; Gharbia, Egypt)
        if b == len(run) and a > 0 and not big \
                and _small_place_word(text, tokens[run[a - 1]], start, ctx):
            return None  # "Boko Haram": two small places' names side by side, with no
            # comma or kind word between, are one name the gazetteer lacks
        if a == 0 and b == len(run) - 1 and not hs.country and not hs.adm1 \
                and _small_place_word(text, tokens[run[b]], start, ctx, end=end):
            return None  # ... whichever of the two is read ("Boko Haram's assault"), a
            # big town's name too ("in Tula Toli, Maungdaw township": no Russian city)
        z = _zipf(low)
        if z >= 5.0 and not big:
            return None
        if first.sentence_start and z >= 4.3 and not big and not after:
            return None
        if first.sentence_start and z >= 5.0 and not (hs.country or hs.adm1) \
                and LOWER_NEXT.match(text, end):
            return None  # "Reading the report, ...": a very common word opening a sentence
        if first.sentence_start and z >= 3.5 and not big and not hs.town_name \
                and LOWER_NEXT.match(text, end):
            return None  # "Graves were found", "Artillery pounded": a common word that
            # is only another name of some place, opening a sentence
        if first.sentence_start and low in _WEAPON_WORDS and LOWER_NEXT.match(text, end):
            return None  # "Grenade attack on a bar", "Tank shells hit": a weapon's
            # name opening a sentence, though a town is so named (Grenade, Tank)
    if not single and cc is None and a > 0 and not (hs.country or hs.adm1) \
            and _unknown_word(text, tokens[run[a - 1]], ctx) \
            and not tokens[run[a - 1]].text.endswith(_POSSESSIVES) \
            and tokens[run[a - 1]].text.lower() not in FEATURE_WORDS:
        return None  # "Virunga National Park": the tail of a longer name, no US town
    if (not hs.strong and cc is None and first.text.lower() in ARTICLES_LOWER
            and prev not in LOCATIVES and not _triggered(text, start)
            and text[max(0, start - 3):start] not in ("'s ", "’s ")):
        # "Al Jazeera reported", "Al-Shabaab fighters": an Arabic-article name that only
        # matches a place once folded, and nothing in the text says it is a place.
        return None
    if cc is None and not hs.country and _STREET_AFTER.match(text, end) \
            and (not hs.adm1 or _POSSESSOR.search(text, max(0, start - 40), start)
                 or _TOWN_STREET_AFTER.match(text, end))\
            and low.rsplit(None, 1)[-1] not in DIVISION_WORDS_LOWER:
        return None  # "Wichita Street", "Hot Springs Drive", "Haifa Street": a street's name
        # (and "Misrata's Tripoli Street", though Tripoli names a district too)
    if not hs.own_name and _LOWER_STREET_AFTER.match(text, end):
        return None
    kind = "demonym" if cc is not None else "place"
    if org_after or org_before or _PORTFOLIO_AFTER.match(text, end):
        kind = "embedded"
    m = Mention(start, end, surface, kind, hits=h, country_code=cc,
                before=text[max(0, start - 8):start])
    m.capitals_dateline = surface.isupper() and dateline_at(text, start, end)
    following = text[end:end + 20].lower().split()
    # ("Uruzgan province's Shahidi Hassas district": the province, though a possessive)
    if (following and hint_word(following[0], _HINT_WORDS)
            and not _REGIONAL_BUILDING.match(text, end)) or lga \
            or _AREA_OF.search(text, max(0, start - 20), start):
        m.division_hint = True
    # (a country's own name may say who acted too: "US warplanes struck Fallujah")
    m.actor = (kind == "demonym" or kind == "place" and hs.country) \
        and (ACTOR_AFTER.match(text, end) is not None
             or _ACTOR_COMPOUND_AFTER.match(text, end) is not None) \
        or kind == "place" and hs.country and _MADE_IN.search(text, max(0, start - 30),
                                                              start) is not None
    m.visitor = kind == "demonym" and FOREIGNER_AFTER.match(text, end) is not None
    m.actor = m.actor or m.visitor
    m.features = _features(text, tokens, run, a, b, m, hs, ctx, before)
    return m


_RIVER_AFTER = re.compile(r"\s+(?:[Rr]ivers?|[Rr]iverbanks?)\b")
# The names of weapons that gazetteers also hold as places (Grad, Slovenia; Tomahawk,
# Wisconsin; Smerch, Russia), before what they are ("Grad rockets", "a Tomahawk
# missile"); a town a strike is named after stays a town ("the Kramatorsk missile strike")
WEAPON_NAMES = frozenset(
    """grad uragan smerch tornado tochka tochka-u iskander kalibr kinzhal shahed geran
    lancet katyusha tomahawk hellfire scud qassam fajr burkan zelzal himars atacms
    bayraktar orlan kub buk""".split())
_WEAPON_AFTER = re.compile(
    r"[-\s]+(?:(?:multiple[-\s]+)?rockets?(?:[-\s]+launchers?)?|missiles?|drones?|launchers?"
    r"|MLRS)\b(?![-\s]+(?:strikes?|attacks?|barrages?|raids?|fire|assaults?|bombardment))")
# A lower-case word next: the name opens a phrase ("Graves were found", "the US detention
# facility"), not a longer name.
LOWER_NEXT = re.compile(r"\s+[a-z]")
# The kinds of division a place is filed in, after its name ("Léré, Niafunké cercle"):
# read by recognition and resolution alike
DIVISION_KINDS = (r"territory|district|province|county|municipality|governorate|region|state"
                  r"|department|prefecture|oblast|raion|commune|township|LGA"
                  # the local divisions reports file villages in
                  r"|cercle|woreda|tehsil|zone|sub-prefecture|locality|division|upazila")
_FILED_AFTER_DIVISION = re.compile(rf"\b(?:{DIVISION_KINDS}),\s*$")
# (or a facility's: "Alalah military camp, Dhale")
_FILED_AFTER_KIND = re.compile(r"\b(?:village|town|hamlet|settlement|camp|base"
                                     r"|prison|jail|barracks|hospital|airport),\s*$")
_FILED_AFTER_NAME = re.compile(r"\b[A-Z][\w'’-]+,\s+$")
_APPOSED = re.compile(r"\b(?:of|in|near|at|from)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?,\s+$")
ACRONYM_COUNTRY = 1_000_000  # a country this populous is one news may name by initials
_PART_OF_NEXT = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_COMPASS = frozenset("nord sud est ouest north south east west centre center central norte "
                     "sur oriental occidental".split())
# What follows a dateline's town in capitals: ", Yemen (Reuters) -", ", Aug 25", " -"
_DATELINE_REST = re.compile(r"(?:/[A-Z][A-Z.'’ -]*[A-Z.])?"  # "GENEVA/KINSHASA -"
                            r"(?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,3})?\s*(?:\([^()\n]{1,30}\)\s*)?"
                            r"(?:[-–—]{1,2}(?=\s|$)|$)"
                            # (", Aug 25", and ", Cameroon, May 21 -": the country between)
                            r"|(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"
                            r",\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})\b"
                            # ("NAJAF: A car bomb ...", a roundup's paragraph heading)
                            r"|:(?=\s)",
                            re.M)

_DATELINE_HEAD = re.compile(r"\s*[A-Z][A-Z.'’ -]*/")  # the KINSHASA of "GENEVA/KINSHASA -"


# The words after a name that make it a division: not "area" ("the al-Marj area", the
# land around a town, is no province that shares its name)
# ("the Homs desert", "the eastern countryside of Homs": the governorate's land, not the
# city; but "Idlib countryside" heads monitors' posts on the villages around the city)
_HINT_WORDS = (DIVISION_WORDS_LOWER - {"area"}) | {"desert"}
_AREA_OF = re.compile(r"\b(?:countryside|desert)\s+of\s+$", re.I)
# ("state" is left out: "Syrian state television")
# ... but a region's building stands in its seat: "the Altamira regional prison", "the
# Kharkiv regional administration building"
_REGIONAL_BUILDING = re.compile(
    r"\s+regional\s+(?:state\s+)?(?:prison|jail|hospital|administration|council|airport"
    r"|court|police|headquarters|office|directorate|theatre|theater|museum|library"
    r"|cent(?:re|er)|stadium|building|station)\b", re.I)
_REGION_NEXT = re.compile(r"\s+(?i:region|regional\s+state|province|zone)\b")


def hint_word(word: str, words: frozenset[str]) -> bool:
    """Is `word`, the lower-case word after a name, a division word of `words` ("region",
    "people's"), a possessive one too ("province's")?"""
    w = bare_word(word)
    return w in words or w.removesuffix("'s").removesuffix("’s") in words


def bare_word(word: str) -> str:
    """A word without the punctuation around it ("Magoda (Natal province);")."""
    return word.lstrip(",.").rstrip(",.;:)]\"”")


def dateline_at(text: str, start: int, end: int) -> bool:
    """Does a line open with the name, as a dateline does ("AMMAN, Aug 25 (Reuters) -")?"""
    line = text.rfind("\n", 0, start) + 1
    head = text[line:start]
    return (not head.strip() or _DATELINE_HEAD.fullmatch(head) is not None) \
        and _DATELINE_REST.match(text, end) is not None


# "a bomb made in the United States", "rifles supplied by Russia": where a weapon came
# from, as far from the article's places as its maker may be
_MADE_IN = re.compile(r"\b(?:made|manufactured|produced|built|designed)\s+in\s+(?:the\s+)?$"
                      r"|\b(?:supplied|sold|provided)\s+by\s+(?:the\s+)?$"
                      r"|\b(?:exported|imported)\s+from\s+(?:the\s+)?$", re.I)
# Weapons and those who wield them, as the first word of a report's sentence
_WEAPON_WORDS = frozenset(
    "grad katyusha grenade grenades tank tanks mortar mortars rocket rockets artillery "
    "shell shells missile missiles drone drones bomb bombs mine mines landmine landmines "
    "sniper snipers gunfire gunmen gunman militants bandits cannon howitzer howitzers "
    # and the events themselves: "Massacre at Ntarama church" (Massacre, Dominica)
    "massacre massacres shelling bombing bombings airstrike airstrikes ambush blast "
    "explosion killing killings raid raids".split())
_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")
# "Russian troops shelled Donetsk", "Israeli airstrikes": a people naming who acted
# "the Russian-installed head of the region", "Russian-occupied Melitopol": whose side
_ACTOR_COMPOUND_AFTER = re.compile(r"[-‐]\s?(?:installed|appointed|controlled|occupied|held|run"
                                   r"|backed|led|allied|aligned|imposed|sponsored|funded)\b",
                                   re.I)
ACTOR_AFTER = re.compile(
    r"[-\s]+(?:(?:military|army|air|armed|security|special|government|occupation|backed"
    r"|led|multiple|heavy|long-range|attack|combat|fighter|rocket|cruise|ballistic|guided)"
    r"[-\s]+){0,2}(?:forces|troops|soldiers|army|military|jets|warplanes|aircraft"
    r"|launchers|bombers|helicopters|gunships|planes|tanks|guns|gunners|shells"
    r"|air\s*strikes?|airstrikes|drones?|missiles?|rockets?|shelling|artillery|invaders"
    r"|occupiers|strikes?|attacks?|bombardment|navy|servicemen|units?|fighters|militants"
    r"|paratroopers|marines|mercenaries|gunmen|brigades?|battalions?|militias?|militiamen"
    r"|separatists|proxies|loyalists"
    # ("Saudi-led coalition aircraft", "a US-led coalition")
    r"|coalition|alliance)\b", re.I)
# ... or whose nationality a victim or a visitor had: "killing a Dutch journalist", "two
# Chinese engineers were kidnapped".  People who travel for their work, whose country
# says nothing of where they were (unlike "Syrian children" or "Afghan villagers").
FOREIGNER_AFTER = re.compile(
    r"[-\s]+(?:(?:freelance|aid|news|tv|television|photo|radio|relief|ngo|un|oil"
    r"|construction|mining)[-\s]+)?(?:journalists?|reporters?|photographers?|photojournalists?"
    r"|cameram[ae]n|correspondents?|(?:aid\s+)?workers?|tourists?|nationals?|citizens?|pilots?"
    r"|diplomats?|missionar(?:y|ies)|volunteers?|engineers?|contractors?|peacekeepers?"
    r"|expatriates?|hostages?)\b", re.I)
# The words that make a name a street's ("Memphis St.", "Hot Springs Drive", "Woodfield
# and Martingale roads").  A town's name in a street's is no mention of the town (a
# street is named after a town anywhere); a state's or a county's may be ("Florida
# Highway Patrol" is the state's), so those are left to the usual rules, as are the
# words a place's own name ends in ("Washington Square", "Capitol Highway").
_STREET_WORDS = r"Street|Avenue|Road|Drive|Boulevard|Lane|Parkway|Terrace|Pike"
_STREET_ABBREVIATIONS = r"St|Ave|Rd|Dr|Blvd|Ln|Pkwy"
# "in Yablunska Street, Bucha": a street's name, then the town it is filed in
_FILED_AFTER_STREET = re.compile(
    rf"\b(?:{_STREET_WORDS}|Square|(?:{_STREET_ABBREVIATIONS})\.)\s*,\s*$")
_STREET_AFTER = re.compile(
    rf"\s+(?:(?:{_STREET_WORDS})\b"
    rf"|(?:{_STREET_ABBREVIATIONS})\.|(?:streets|avenues|roads|drives|boulevards)\b"
    r"|(?:avenue|boulevard)\b)")  # "the Maka al-Mukarama avenue" (a street, not Mecca)
# "on Karla Marksa street": a street's name that is only another name of some place (not
# Sofiyivka, once so named); a town's own name before it is the town ("a Ciudad Juárez
# street")
_LOWER_STREET_AFTER = re.compile(r"\s+street\b")
# ... words only a town's street takes, even one named after a province's city ("Haifa
# Street" in Baghdad, "Tripoli Street" in Misrata; a road may be a state's: "Kharkiv
# Road")
_TOWN_STREET_AFTER = re.compile(r"\s+(?:Street|Avenue|Boulevard|Lane|St\.|Ave\.|Blvd\.)")
# "Corinne Dufka, Sahel director at Human Rights Watch", "Syria researcher for Amnesty":
# a place that names someone's portfolio, not where anything happened.
_PORTFOLIO_AFTER = re.compile(
    r"\s+(?:(?:deputy|regional|programme|program|senior|acting)\s+)?(?:director|researcher|"
    r"analyst|editor|correspondent|expert|specialist|coordinator|representative|envoy|"
    r"bureau\s+chief|desk|team\s+lead(?:er)?|head)\s+(?:at|for|of|with)\b")
_DIVISION_NEXT = re.compile(
    r"\s+(?:" + "|".join(map(re.escape, sorted(DIVISION_WORDS_LOWER))) + r")\b")
# A name with an inner apostrophe (ayn, hamza, elision), not an English contraction.
_APOSTROPHE_NAME = re.compile(r"[^\W\d_]+[’'‘](?!(?:s|t|m|d|ll|re|ve)$)[^\W\d_]+")
# (Nigeria's second-order division, lower case too: "chairman of Madagali local government")
_LGA = re.compile(r"\s+(?:(?i:local\s+government)(?:\s+(?i:area))?|LGA)\b")
_COMMA_CAP = re.compile(r",\s{0,2}[A-Z]")
_AFTER_COMMA = re.compile(r",\s*((?:[A-Z][\w.]*)(?:\s[A-Z][\w.]*)?)")


def _features(text, tokens, run, a, b, m: Mention, hs: _Hits, ctx: _Context,
              before: list[int]) -> list[float]:
    """What the learned filter (`geo.places.recognizer`) weighs to accept a candidate mention."""
    first = tokens[run[a]]
    # "Most Houla victims" in a title: the common word opening the line is not the
    # name's, so the name opens the line as a title's first name does.
    line_start = tokens[run[0]].line_start if a == 1 and not before and b == len(run) \
        else first.line_start  # (not "Suspected Boko Haram": more of the run follows)
    low = m.text.lower()
    single = " " not in m.text
    prev = _prev_word(tokens, run[a]) if a == 0 else ""
    if a > 0 and not before and tokens[run[a - 1]].text.lower() in LOCATIVES:
        prev = tokens[run[a - 1]].text.lower()  # "In Izium, three died": the run's opener
    after_txt = text[m.end:m.end + 3]
    return [
        1.0,
        float(single),
        float(min(b - a, 6)),
        _zipf(low) if single else 0.0,
        math.log10(hs.max_pop + 1) / 7,
        float(hs.country),
        float(hs.adm1),
        float(hs.adm2),
        float(hs.max_pop >= 100_000),
        float(not hs.strong),
        float(first.sentence_start),
        float(line_start),
        float(prev in LOCATIVES),
        float(_COMMA_CAP.match(text, m.end) is not None),
        float(text[max(0, m.start - 2):m.start] == ", "),
        float(m.kind == "demonym"),
        float(m.kind == "embedded"),
        # (a first name after "in" or "stormed" that no surname follows is a town's:
        # "killed in Dori", "gunmen stormed Dori")
        float(low in _given_names() and not (
            (prev in LOCATIVES or _PLACE_VERB.search(text, max(0, m.start - 30), m.start))
            and not _CAPITAL_NEXT.match(text, m.end)
            # (before a monitor's parenthesis of areas, the areas decide: `_mark_before_paren`)
            and not text.startswith(" (", m.end))),
        float(m.text.isupper()),
        float(low in ctx.lower_words),
        math.log1p(hs.places),
        math.log1p(ctx.counts.get(m.text, 0)),
        # (a kind of site in capitals ends no longer name: "the Bentiu PoC site")
        float(b < len(run) and not (b == len(run) - 1 and acronym(tokens[run[b]].text))),
        float(bool(before)),
        float(after_txt[:2] in ("'s", "’s")),
        float(prev == "the"),
        min(len(m.text), 20) / 10,
        float(_triggered(text, m.start)),
        float(_area_follows(text, m.end, ctx)),
        float(_PLACE_VERB.search(text, max(0, m.start - 30), m.start) is not None),
        # "Officials in Izium said": the speaker stands before the locative
        float(_SPEECH_AFTER.match(text, m.end) is not None and prev not in LOCATIVES),
        float(_area_possessive(text, m.start, ctx)),
        float(_TYPE_AFTER.match(text, m.end) is not None),
    ]


# Words that take a place as their object ("shelled Izium", "the liberation of Kherson",
# "fled to Lviv", "visited Paris"), right before a name; and the speech verbs that follow
# a person ("Kelly said").  General English, not names.
_PLACE_VERB = with_first(re.compile(
    r"\b(?:hit|hits|struck|(?:air|drone)?strikes?|shell(?:ed|ing|s)?|bomb(?:ed|ing|s)?|"
    r"attack(?:ed|s)?|infiltrated|overr[au]n|razed|torched|ransacked|"
    r"bombard(?:ed|ing|ment|s)?|assault(?:ed|s)?|ambush(?:ed)?|massacred?|"
    r"captured?|seized?|liberat(?:ed|ion)|recaptured?|retook|retaken|entered|reached|"
    r"fled|flee|visit(?:ed|ing)?|left|storm(?:ed|s)?|besieged?|siege|target(?:ed|ing)|"
    r"raid(?:ed|s)?|evacuated|returned|arriv(?:ed|al)|moved|travell?ed|rocked|pounded|"
    r"encircled|surrounded|occupied|occupation|control\s+of|fall\s+of|outside|across|"
    r"(?:north|south)(?:-?(?:east|west))?\s+of|(?:east|west)\s+of|"
    r"throughout|towards?|via|across|into|from|between|near|northern|southern|eastern|"
    # (where a shell or a bomb came down: "landed on Harasta", "rips through Jablah",
    # "behind Bucha church")
    r"landed|fell|exploded|detonated|through|behind|beside|inside|around|"
    r"western|central)(?:\s+(?:the\s+)?(?:town|city|village|region|province)"
    r"(?:\s+of)?)?(?:\s+(?:of|to|in|on))?\s+$", re.I))
_SPEECH_AFTER = re.compile(r"(?:,\s*)?\s+(?:said|says|told|added|explained|noted|wrote|"
                           r"asked|argued|insisted|recalled|stated)\b")


_TYPE_AFTER = re.compile(r"\s+(?:town|city|village|district|province|region|governorate|"
                         r"county|camp|neighbou?rhood|area|oblast|state|municipality|"
                         r"countryside|outskirts|suburbs?)\b")
_POSSESSOR = with_first(re.compile(r"((?:[A-Z][\w-]*\s){0,2}[A-Z][\w-]*)[’']s\s$"))


def _area_possessive(text: str, start: int, ctx: _Context) -> bool:
    """`Sri Lanka's Mannar`, `Syria's Raqqa`: a country or division owns the name."""
    m = _POSSESSOR.search(text, max(0, start - 40), start)
    if not m:
        return False
    h = ctx.hits.get(key(m.group(1)), ())
    return any(p.is_country or p.feature_code == "ADM1" for p, *_ in h)


def _triggered(text: str, start: int) -> bool:
    """`the town of X`: the text itself says a place follows."""
    return text[max(0, start - 30):start].rstrip().lower().endswith(PLACE_TRIGGERS)


said_to_be_a_place = _triggered  # for resolution: a name the text calls a place


def _area_follows(text: str, end: int, ctx: _Context) -> bool:
    """`Izium, Kharkiv region` / `Paris, Texas`: a division or country after a comma."""
    m = _AFTER_COMMA.match(text, end)
    if not m:
        return False
    return bool(_areas_named(m.group(1), ctx.hits))


def _areas_named(name: str, hits) -> list:
    """The countries and first- and second-order divisions the gazetteer knows by `name`
    or by its first word ("Kharkiv region", "North Darfur state"): the areas a text files
    a place in."""
    words = name.split()
    return [e for n in {len(words), 1} for e in hits.get(key(" ".join(words[:n])), ())
            if e[0].is_country or e[0].feature_code in ("ADM1", "ADM2")]


# A name the text itself describes as a place: "Kocho, a Yazidi village south of",
# "the Tadamon district of Damascus", "a sinkhole known as Khasfa".
_DESCRIBED = re.compile(
    r",\s+(?:an?|the)\s+(?:[\w’'-]+\s+){0,3}?(?:village|town|hamlet|settlement|community|"
    r"district|neighbou?rhood|suburb|quarter|camp|locality|sub-?district|"
    r"local\s+government\s+area)\b\s*,?\s+(?:(?:about|some|just|located|situated)\s+)*"
    r"(?:in|of|near|outside|\d|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\b)"
    r"|\s+(?:district|neighbou?rhood|suburb|quarter|camp|sub-?district|"
    r"local\s+government\s+area)\s+(?:of|in)\s+[A-Z]"
    r"|\s+(?:town|village|city)\s*,\s+(?:located|situated|some|about|approximately|"
    r"roughly|nearly)\b"
    # "in Um Sumeima, west of El Obeid", "Khasfa, about 15 km south of Mosul"
    r"|,\s+(?:(?:about|some|around|roughly|nearly|approximately|just)\s+)?"
    r"(?:\d+(?:\.\d+)?\s*(?:km|kms|kilomet(?:re|er)s?|miles?)\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+(?:the\s+)?[A-Z]")
_NAMED_AS = re.compile(r"\b(?:known\s+as|called|named)\s+$")
# The reason a name the gazetteer lacks is kept: the text itself calls it a place.
NAMED_BY_TEXT = "named as a place by the text"
# "the alleged airstrike in Togoga", "a massacre at Mo So": where an attack happened.
_EVENT_IN = with_first(re.compile(
    r"\b(?:air\s*strikes?|drone\s+strikes?|strikes?|attacks?|massacres?|shelling|bombings?"
    r"|bombardments?|explosions?|blasts?|killings?|raids?|ambush(?:es)?)\s+(?:in|on|at|near"
    r"|outside)\s+(?:the\s+(?:village|town|hamlet)\s+of\s+)?$", re.I))
# "in Trapaing Prasat district", "of Tabayin township": a name the text files under a
# division word, after a locative or a possessive area ("Oddar Meanchey's").
# Words for a kind of place: after a name the gazetteer lacks, in lower case ("at Koshebe
# village", "in Trapaing Prasat district") or ending its capitalised run ("Pa Zi Gyi
# Village", "Rigasa District").
_SETTLEMENT_WORDS = frozenset(
    "village town hamlet ward camp neighbourhood neighborhood quarter locality area".split())
_DIVISION_WORDS = frozenset(
    "district province township county governorate commune municipality raion oblast "
    "prefecture".split())
_DIVISION_AFTER = re.compile(
    rf"\s+(?:{'|'.join(sorted(_DIVISION_WORDS))}|local\s+government\s+area|LGA)\b", re.I)
_SETTLEMENT_AFTER = re.compile(rf"\s+(?:{'|'.join(sorted(_SETTLEMENT_WORDS | {'settlement'}))})\b")
_KIND_OR_LINK = _SETTLEMENT_WORDS | _DIVISION_WORDS | {"of", "in"}
# Verbs whose object is the place attacked ("shelled Kansafra (Idleb)", "hit Tha Byu
# village"): before a name the gazetteer lacks they say what a locative would.
ATTACK_VERBS = ("shelled", "attacked", "struck", "bombed", "hit", "stormed", "raided",
                "targeted")
_ATTACKED = "|".join(ATTACK_VERBS)
_AFTER_LOCATIVE = re.compile(
    rf"\b(?:in|of|near|at|from|outside|{_ATTACKED})\s+(?:the\s+)?$")
# "in Hroza in eastern Ukraine", "at Koshebe in Borno": an unknown name between a
# locative and the area it lies in.
# What closes an apposition that files a place ("El Mozote, Morazán, between ..."), where
# a list would go on ("Kabul, Kandahar and Herat")
APPOSITION_END = (r"\s*[.;]|,\s+(?!and\b|or\b)[a-z\d]"
                  r"|,?\s+(?:on|between|during|overnight|last|this|in\s+(?:19|20)\d\d)\b")
_IN_AREA_AFTER = re.compile(
    r",?\s+in\s+(?:the\s+)?(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+"
    r"|central\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    # "in Tall Aran, Aleppo governorate": the area set off by a comma, with its kind word
    r"|,\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:governorate|province"
    r"|region|state|district|oblast|prefecture|county|department)\b"
    # "in El Mozote, Morazán, between 11 and 12 December": the area alone, the apposition
    # closed by what follows (not a list: "in Kabul, Kandahar and Herat")
    r"|,\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)(?=" + APPOSITION_END + ")")
MAX_CALLED_TOKENS = 4  # "the village of Let Yet Kone": a name the text calls a place
# ("the market of Dahyan, in Saada governorate": a town's part, then the town)
_BEFORE_IN_AREA = re.compile(rf"\b(?:in|at|near|outside|{_ATTACKED}|(?:market|streets"
                             rf"|outskirts|cent(?:re|er)|residents|villagers)\s+of)\s+$")
# A name English text uses more often than this is no unknown village's (Hezbollah
# 3.3, Hamas 3.6, Houthis 2.7; Hroza, Togoga, Koshebe 0; Jenin 2.1, in the gazetteer).
RARE_ZIPF = 2.5


_PAREN_AREA_NAMED = re.compile(
    r"\s*\(\s*((?:(?:North|South|East|West|Central)(?:-?(?:east|west))?(?:ern)?\s+)?"
    r"([^(),]{2,40}?))\s*[,)]")
_BEFORE_FILED_NAME = LOCATIVES | frozenset(ATTACK_VERBS) | {"of"}


def _paren_area_hits(text: str, end: int, hits) -> list:
    """The gazetteer's entries for the place a parenthesis right after text[:end] opens
    with ("North Darfur" is a name; "Western Tigray" the part of one), if any."""
    m = _PAREN_AREA_NAMED.match(text, end)
    if m is None:
        return []
    return hits.get(key(m.group(1))) or hits.get(key(m.group(2))) or []


_VARIANT_LOCATIVES = frozenset({"in", "near", "outside"})
VARIANT_MAX_ZIPF = 2.0  # rarer than this in English: a name, not a word


def _variant_placed(text: str, start: int, prev: str, low: str, ctx: _Context) -> bool:
    """ "the market in Kabkabiya", "the village of Hawzien": a romanisation variant of a
    gazetteer name (Kabkabiyya) that the text itself puts where a place stands, and that is
    no English word and no one's given name.  Alone, a variant is too weak ("Mass" ~ Mas),
    but after a locative or "the town of" a rare word is the town's other spelling."""
    return (prev in _VARIANT_LOCATIVES or _triggered(text, start)) \
        and low not in _given_names() and low not in ctx.lower_words \
        and _zipf(low) < VARIANT_MAX_ZIPF


_FILED_AFTER = re.compile(r"(?:\s+(?:town|village|city))?(?:\s*,\s*|\s+in\s+)(?:the\s+)?"
                          r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")


def _variant_filed(text: str, end: int, h, hits) -> bool:
    """ "Kabkabiya town, North Darfur": a spelling variant followed by the division or
    country one of its entries lies in, set off by a comma as reports file a town."""
    m = _FILED_AFTER.match(text, end)
    return m is not None and _lies_near(h, _areas_named(m.group(1), hits))


def _paren_places(text: str, end: int, h, hits) -> bool:
    """Does a parenthesis after the name open with a place near one of its entries?"""
    return _lies_near(h, _paren_area_hits(text, end, hits))


def _filed_by_parenthesis(text: str, tokens: list[Token], run: list[int], hits) -> bool:
    """`shelled Kansafra (Idleb)`: a rare name after a locative or an attack verb, which a
    parenthesis opening with a gazetteer place files under that place."""
    if _prev_word(tokens, run[0]) not in _BEFORE_FILED_NAME:
        return False  # (the test that fails for nearly every run, first)
    last = tokens[run[-1]]
    arabic = any(tokens[i].text in SPACED_ARTICLES for i in run)  # "Khan ash Shih"
    if _zipf(last.text.lower()) >= RARE_ZIPF and not arabic \
            or hits.get(key(text[tokens[run[0]].start:_span_end(last)])):
        return False  # (a name the gazetteer has goes the usual way)
    return bool(_paren_area_hits(text, _span_end(last), hits))


def _in_named_area(text: str, start: int, end: int, hits) -> bool:
    """`in Hroza in eastern Ukraine`: a rare name after a locative and before the
    country or division (as the gazetteer knows it) that it lies in."""
    if _BEFORE_IN_AREA.search(text, max(0, start - 20), start) is None:
        return False
    if _zipf(text[start:end].lower()) >= RARE_ZIPF:
        return False
    m = _IN_AREA_AFTER.match(text, end)
    if m is None:
        # "stormed Kolofata, near the Nigerian border", "in Kasindi, on the border with
        # Uganda": a border the text puts it by (a country's, named or by its people)
        b = _BY_A_BORDER.match(text, end)
        return b is not None and (demonym_country(b.group(1) or "") is not None or any(
            e[0].is_country for e in hits.get(key(b.group(2) or ""), ())))
    return bool(_areas_named(m.group(1) or m.group(2) or m.group(3), hits))


_BY_A_BORDER = re.compile(
    r",\s+(?:near|on|along|close\s+to|at|by)\s+the\s+(?:([A-Z][\w'’-]+)\s+)?border"
    r"(?:\s+with\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?))?")


def _kind_word_at(tokens: list[Token], run: list[int], a: int) -> int | None:
    """Where a capitalised word for a kind of place ends the name that starts the run at
    a (`Pa Zi Gyi Village`, `Rigasa District of Igabi`), if one does."""
    for k in range(a + 1, min(len(run), a + MAX_CALLED_TOKENS + 1)):
        w = tokens[run[k]].text.lower()
        if w in _SETTLEMENT_WORDS or w in _DIVISION_WORDS:
            after = tokens[run[k + 1]].text.lower() if k + 1 < len(run) else None
            return k if after in (None, "of", "in") else None
        if not _is_name_token(tokens[run[k]]):
            return None
    return None


_MEASURED_AFTER = re.compile(
    r",\s+(?:(?:some|about|around|roughly|approximately|nearly|just|only|more\s+than)\s+)?"
    r"\d+(?:\.\d+)?\s*-?\s*(?:km|kms|kilometres|kilometers|miles)\b"
    r"(?:\s*\([^)]{0,20}\))?\s+(?:(?:to\s+the\s+)?(?:north|south|east|west)\w*\s+of|from"
    r"|outside|away\s+from)\b", re.I)
_TIME_ZONE_AFTER = re.compile(r"\s+time\b", re.I)
_CLOCK_BEFORE = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?|hrs|h)?\s*(?:\(\s*)?$",
                           re.I)


# "the Kievsky district of Donetsk": a part of the city named after it
_PART_OF_CITY = re.compile(r"\s+(?:district|neighbou?rhood|suburb|quarter)\s+of\s+"
                           r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")


def _part_of_another_city(text: str, end: int, own, hits) -> bool:
    """Is the name a district of the city named after it ("the Kievsky district of
    Donetsk"), while the gazetteer's places of that name all lie far from that city (a
    town called Kievsky 160 km away is not the district)?"""
    m = _PART_OF_CITY.match(text, end)
    if m is None or _DIVISION_AFTER.match(text, m.end()):
        return False  # ("the Shindand district of Herat province": a province's district)
    cities = [p for p, *_ in hits.get(key(m.group(1)), ()) if p.feature_class == "P"]
    return bool(cities) and not any(haversine_km(p.lat, p.lon, c.lat, c.lon) <= PART_OF_KM
                                    for p, *_ in own for c in cities)


PART_OF_KM = 30.0  # a town's district this far from its centre is another place


def _town_named(surface: str, hits) -> bool:
    """Does the gazetteer have a town of 1,000 people or more, or a division, spelled so?"""
    n = norm(surface)
    return any(_same(nn, n) and (p.feature_class == "A" or p.population >= 1000)
               for p, _, nn, _ in hits.get(key(surface), ()))


def _unknown_place(text, tokens, run, a, hits) -> Mention | None:
    """A capitalised name the gazetteer lacks, kept when the text says it is a place:
    `the town of Al-Wawi`, or an Arabic name after a preposition (`near al-Hol`)."""
    t = tokens[run[a]]
    low = t.text.lower()
    if low in STOP:
        if a == 0 and len(run) > 2 and t.sentence_start:
            # "The Sde Teiman camp, ...": the name after the sentence's capitalised "The"
            return _unknown_place(text, tokens, run[1:], 0, hits)
        return None
    # Cheap tests first: most runs are neither after "the town of" nor Arabic names.
    called = _triggered(text, t.start)  # "the village of ..."
    triggered = called or _NAMED_AS.search(text, max(0, t.start - 12), t.start) is not None \
        or (len(run) == 1 and _EVENT_IN.search(text, max(0, t.start - 40), t.start) is not None
            and not text.startswith(_POSSESSIVES, _span_end(t)) and _zipf(low) < RARE_ZIPF
            or len(run) == 1 and _in_named_area(text, t.start, _span_end(t), hits))
    # "shelled Kansafra (Idleb)": a monitor's parenthesis of areas files the name
    paren = not triggered and a == 0 and len(run) <= MAX_CALLED_TOKENS - 1 \
        and _filed_by_parenthesis(text, tokens, run, hits)
    if not triggered and a == 0 and 2 <= len(run) <= MAX_CALLED_TOKENS - 1 \
            and _zipf(tokens[run[-1]].text.lower()) < RARE_ZIPF \
            and _in_named_area(text, t.start, _span_end(tokens[run[-1]]), hits):
        paren = True  # "in Tall Aran, Aleppo governorate": a longer name, filed likewise
    triggered = triggered or paren
    compound = a == 0 and _arabic_tail(tokens, run, 1) and len(run) == 4
    maybe_arabic = (low in ARTICLES_LOWER and a + 1 < len(run)
                    and tokens[run[a + 1]].text in HYPHENS
                    or compound) and _prev_word(tokens, run[0]) in LOCATIVES
    end_run = _span_end(tokens[run[-1]])
    described = (text[end_run:end_run + 1] in (",", " ")
                 and _DESCRIBED.match(text, end_run) is not None and low not in ORG_WORDS
                 and not (len(run) - a == 1 and acronym(t.text))  # "the MINUSMA camp in"
                 # "near Omar Jilo, some 50 km from the town of Mandera": measured from a
                 # town, after a locative
                 or a == 0 and _MEASURED_AFTER.match(text, end_run) is not None
                 and _prev_word(tokens, run[0]) in ("near", "in", "at", "outside")
                 and low not in ORG_WORDS)
    filed = None
    division = _DIVISION_AFTER.match(text, end_run) is not None
    if not described and (division or _SETTLEMENT_AFTER.match(text, end_run) is not None):
        # the words after the run's last possessive ("Oddar Meanchey's Trapaing Prasat")
        tail = next((k + 1 for k in range(len(run) - 1, a - 1, -1)
                     if tokens[run[k]].text.endswith(_POSSESSIVES)), a)
        head = tokens[run[tail]] if tail < len(run) else None
        named = run[:-1] if len(run) - tail > 1 and acronym(tokens[run[-1]].text) else run
        # ("the Kalma IDP camp": the camp's name is Kalma; "the MINUSMA camp" is whose)
        if head is not None and head.text.lower() not in _ORG_OR_STOP \
                and not (len(named) - tail == 1 and acronym(head.text)) and (
                tail > a or _AFTER_LOCATIVE.search(text, max(0, head.start - 12),
                                                   head.start) is not None
                # ("The Sde Teiman camp, ...": a rare name after "the")
                or text[max(0, head.start - 4):head.start].lower() == "the "
                and _zipf(head.text.lower()) < RARE_ZIPF) and (
                division or len(named) - tail > 1 or _zipf(head.text.lower()) < RARE_ZIPF):
            # (a settlement word after one common word is no village: "the Olympic
            # village")
            filed = named[tail:]
    kind_at = _kind_word_at(tokens, run, a) if filed is None and not described else None
    if kind_at is not None:
        name = run[a:kind_at]
        whole = text[tokens[name[0]].start:tokens[run[kind_at]].end]
        if tokens[name[0]].text.lower() not in _ORG_OR_STOP \
                and not any(tokens[i].text.endswith(_POSSESSIVES) for i in name) \
                and not hits.get(key(whole)) \
                and _zipf(tokens[name[-1]].text.lower()) < RARE_ZIPF:
            # "Pa Zi Gyi Village", "Rigasa District of Igabi": a name ending in a word
            # rare in English ("Rapides Parish Fire District", "Fulton County School
            # District" are no villages)
            filed, division = name, tokens[run[kind_at]].text.lower() in _DIVISION_WORDS
    described = described or filed is not None
    if not triggered and not maybe_arabic and not described:
        return None
    triggered = triggered or described
    if filed is not None:  # the whole name the division word files
        t, group = tokens[filed[0]], list(filed)
    else:
        group = [run[a]]  # the hyphen-joined word group: Al-Wawi, Ras-al-Ain
        if paren or (called or described) and a == 0 and not any(
                _town_named(text[t.start:_span_end(tokens[i])], hits)
                and any(_town_named(tokens[j].text, hits) or tokens[j].text.lower()
                        in _KIND_OR_LINK for j in run[k + 1:])
                for k, i in enumerate(run[:MAX_CALLED_TOKENS - 1])):
            # "the village of Tudun Biri": the whole name, when no part of it from its
            # start names a town or division ("the town of Izium Kharkiv region"); after
            # the town that owns it ("Baghdad's Karrada district in March"), the part's
            owned = next((k + 1 for k in range(len(run) - 2, -1, -1)
                          if tokens[run[k]].text.endswith(_POSSESSIVES)), 0)
            run = run[owned:]
            t = tokens[run[0]]
            group = []
            for n, i in enumerate(run[:MAX_CALLED_TOKENS]):
                w = tokens[i].text
                if group and w in NAME_PARTICLES and any(
                        _is_name_token(tokens[j]) for j in run[n + 1:n + 3]) and all(
                        tokens[j].text in NAME_PARTICLES or _is_name_token(tokens[j])
                        for j in run[n + 1:n + 2]):
                    group.append(i)  # ("the village of Loma de Montija")
                    continue
                if not (w in HYPHENS or _is_name_token(tokens[i]) or w in SPACED_ARTICLES) \
                        or w.lower() in STOP or group and i == run[-1] and acronym(w):
                    break  # "Tudun Biri on Sunday": the name ends before "on" (and
                    # "Zamzam IDP camp" before the kind of site)
                group.append(i)
            if not called and len(group) < len(run) - (
                    len(run) > 1 and acronym(tokens[run[-1]].text)):
                return None  # "High Street, south of ...": what is placed is the whole run
        elif compound:
            group.append(run[a + 1])  # "Tall al-Jayer": the spaced article joins it
        for i in run[len(group):] if len(group) > 1 + compound else run[a + 1 + compound:]:
            if tokens[i].text in HYPHENS or _gap(text, tokens[group[-1]], tokens[i]) == "":
                group.append(i)
            else:
                break
    while group and not _is_name_token(tokens[group[-1]]):
        group.pop()
    if not group:
        return None
    start, end = t.start, _span_end(tokens[group[-1]])
    k = key(text[start:end])
    if hits.get(k):  # (a default dict: a key asked before may hold nothing)
        # A name the gazetteer has goes the usual way; one that only matches some
        # other spelling (`Tamboula` ~ `Tambula`, Mexico) stays the text's own place.
        # (After "the village of", a variant goes that way only if recognition would
        # take it: a rare word, or one filed where its entry lies; "the village of
        # Haas" is no Has, Albania, and stays the text's own village.)
        n = norm(text[start:end])
        low_name = text[start:end].lower()
        if (not described and (not called or len(group) < len(run) - a
                               or _zipf(low_name) < VARIANT_MAX_ZIPF
                               and low_name not in _given_names())
                or any(_same(nn, n) or _stripped(nn) == _stripped(n)
                       for _, _, nn, _ in hits[k])
                or _variant_filed(text, end, hits[k], hits)) \
                and not _part_of_another_city(text, end, hits[k], hits):
            return None
    if not triggered and len(group) <= 2:
        return None
    why = NAMED_BY_TEXT if triggered else "Arabic place name after a preposition"
    m = Mention(start, end, text[start:end], "place", notes=[f"not in the gazetteer; {why}"])
    m.division_hint = filed is not None and division  # a division word follows the name
    m.said_place = called or described
    return m
