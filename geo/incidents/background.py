"""Which event sentences report news and which are background: the past (dates long
before publication), many events at once ("decades of", "across the country"), courts and
talks, fighting and protests, accidents and disasters.  Each sentence set aside keeps the
reason, for the run report."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from geo import numbers
from geo.fastre import with_first
from geo.incidents.dates import EXHUMATION_WORDS, WHEN_AFTER
from geo.incidents.sentences import (
    ACTOR_TRIGGERS,
    SPEECH_VERBS,
    Sentence,
    filed_in,
    strong_types,
)

RECENT_DAYS = 62  # a date this close before publication is the news itself
OWN_DATE_CHARS = 120  # a date this far from every event word of its sentence dates another
OLD_DAYS = 300  # a date this far before publication is history
# Types that one incident's sentences may mix: a grave found after a massacre, victims
# "killed" in a strike, a prisoner "tortured" in a detention centre.
KILLING = "execution_massacre"

# "Nigeria's insurgency has killed more than 35,000 people": a war's toll, not an event
# (decisive alone, `_WAR_TOLL`; a cue among others beside an incident, `GENERIC`)
_WAR_TOLL_WORDS = (
    r"(?:war|conflict|insurgency|fighting|violence|crisis|civil\s+war|uprising)['’]?s?\s+"
    r"(?:(?:that|which)\s+)?(?:has|have|had)\s+(?:so\s+far\s+|since\s+\w+\s+)?"
    r"(?:killed|left|claimed)"
    # what caused a period's casualties: "Most casualties were caused by explosive weapons"
    r"|(?:most|the\s+majority)\s+(?:of\s+(?:the\s+)?)?(?:civilian\s+)?(?:casualties|deaths"
    r"|victims)\s+(?:were|have\s+been)\s+(?:caused|inflicted)\s+by"
    # a country's register of its missing or dead: "the national registry lists more than
    # 110,000 people as missing"
    r"|(?:national|official|state|government|federal)\s+(?:registry|register|database)\b")

# A series, not one event: "has carried out several attacks in Cabo Delgado since October
# last year", 'a "disturbing pattern" of military air strikes'
_SERIES = (r"(?:several|numerous|multiple|repeated|a\s+wave\s+of|a\s+spate\s+of"
           r"|a\s+string\s+of|an?\s+(?:surge|upsurge|rise|spike|increase)\s+(?:of|in)"
           r"|pattern[\"”]?\s+of)"
           r"\s+(?:\w+\s+){0,2}(?:attacks|raids|strikes|airstrikes|bombings|killings|massacres"
           r"|incidents|assaults)")
_A_SERIES = re.compile(_SERIES, re.I)
# "19 people were killed in three massacres", "in four separate attacks": a sum over
# several events the report goes on to tell one by one (or not at all)
_SMALL_NUMBERS = "|".join(sorted({*numbers.UNITS, *numbers.TEENS} - {"one"}))
_COUNTED_SERIES = re.compile(
    r"\b(?:in|during|across)\s+(?:(?:" + _SMALL_NUMBERS + r"|\d{1,2})\s+"
    r"(?:(?:separate|different|distinct|successive|consecutive)\s+(?:[\w-]+\s+)?(?:attacks|raids"
    r"|strikes|airstrikes|air\s+strikes|bombings|incidents|assaults|explosions|blasts)"
    r"|(?:[\w-]+\s+)?(?:massacres|incidents)))\b", re.I)

# The word lists below are searched in every event sentence: `with_first` spares the regex
# engine trying each word at every position (same matches, about twice as fast).
GENERIC = with_first(re.compile(
    r"\b(?:decades?|for years|years of|over the years|in recent (?:years|months|weeks)"
    r"|history|historic\w*|have been (?:criticized|criticised|accused|blamed)"
    r"|has been (?:criticized|criticised|accused|blamed)|accused of|criticized for"
    # ("Human rights groups have long accused Russian forces of abusing detainees")
    r"|(?:have|has|had) (?:long|repeatedly|often|frequently) (?:accused|alleged|reported)"
    r"|criticised for|across (?:the|much of the) (?:country|region|north|south|east|west)"
    r"|nationwide|countrywide|a series of|campaign of|routinely|regularly|frequently"
    r"|commonly|are common|is common|still common|remain common|continue[sd]? to|risk(?:s|ing)?"
    r"|" + _WAR_TOLL_WORDS + r"|tens of thousands|hundreds of thousands|thousands of"
    r"|millions of|since (?:the )?(?:start|beginning|outbreak)|since \d{4}|convention"
    r"|" + _SERIES +
    r"|since\s+(?:(?:early|late|mid)[\s-]+)?(?:january|february|march|april|may|june|july"
    r"|august|september|october|november|december)\s+(?:last|this)\s+year"
    r"|treaty|ban on|banned|tribunal|trial|verdict|convicted|sentenced|indicted|warrant"
    r"|peace talks|negotiations|ceasefire talks|truce|alliances?|sanctions|anniversary"
    r"|commemorat\w*"
    r"|memorial|recalled|would|if|could be|may have|might)\b", re.I))
# ", where thousands of displaced families were sheltering": a clause describing the site
# or the victims, not the sentence's own claim.
_DESCRIBING_CLAUSE = re.compile(r",\s+(?:where|which|who|whose)\b", re.I)


def generic_cue(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first general-wording cue in text[start:end] that the sentence itself says.

    A cue inside a clause that describes a place or people ("artillery shells fell on a
    school at Kathiravelli, where thousands of displaced families were sheltering") says
    nothing of whether the event is one event: the sentence before the clause decides.
    """
    clause = _DESCRIBING_CLAUSE.search(text, start, end)
    for m in GENERIC.finditer(text, start, end):
        if clause is None or m.start() < clause.start():
            return m
    return None


# Many places at once: "air strikes in several towns", "across numerous villages".
_MANY_PLACES = with_first(re.compile(
    r"\b(?:in|across|on|at)\s+(?:several|many|numerous|various|multiple|a\s+number\s+of)"
    r"\s+(?:other\s+)?(?:towns|villages|areas|places|cities|districts|locations|parts"
    r"|regions|provinces|localities|communities)\b", re.I))
_LISTED_DIVISIONS = re.compile(
    r"\b(?:[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?,\s+)+[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?,?\s+and\s+"
    r"[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?"
    r"\s+(?:regions|provinces|oblasts|districts|governorates|states|counties|departments)\b")
# "ordered the excavation of a suspected mass grave ..., but work has been postponed"
_ORDERED_NOT_BEGUN = re.compile(
    r"\b(?:order(?:ed|s)|authori[sz](?:ed|es)|approv(?:ed|es)|permit(?:ted|s)|allow(?:ed|s))\b"
    r"[^.]{0,160}?\b(?:(?:has|have"
    r"|had)\s+not\s+(?:yet\s+)?(?:begun|started|been\s+carried\s+out)|not\s+yet\s+(?:begun"
    r"|started)|yet\s+to\s+(?:begin|start)|(?:has|have|had)\s+been\s+postponed"
    r"|(?:was|were)\s+postponed)", re.I)
_FOUND_NOW = re.compile(r"\b(?:found|discovered|uncovered|unearthed|recovered|exhumed)\b",
                        re.I)
# A court's decision is the news, the killing it is about background, whatever the
# sentence's place in the report: "a court convicted three officers over the killing of
# civilians".  (A commemoration names the event it remembers: its date decides.)
_COURT = with_first(re.compile(
    r"\b(?:convicted|acquitted|sentenced|verdict|tribunal|indicted|trial\s+of|on\s+trial"
    r"|(?:court|judges?|jury|jurors|(?:trial|appeals)\s+chamber)"
    # ("A court in Paterna ordered the exhumation")
    # ("The European Court of Human Rights today found Russia guilty")
    r"(?:\s+(?:in|of)\s+(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?)?"
    r"\s+(?:(?:also|today|yesterday)\s+){0,2}"
    r"(?:convicted|ruled|sentenced|found|heard|ordered|concluded|jailed"
    # a headline's present tense: "Hague court jails former militiaman"
    r"|convicts|sentences|jails|acquits|rules|finds)"
    r"|prosecutors?\s+(?:alleged|allege|argued|argue|charged)"
    # ("was arrested at his home on charges of forced disappearance and torture"; but
    # "IS executed five men on charges of spying" is the killing itself)
    r"|(?:arrested|detained|indicted|jailed|remanded|extradited)\b[^.;]{0,60}?"
    r"\b(?:on\s+charges\s+of|charged\s+with)"
    # "The three-judge panel ... heard testimony from more than 90 witnesses"
    r"|heard\s+(?:the\s+)?testimon(?:y|ies)|\w+-judge\s+panel"
    # an appeal's ruling: "It also upheld his conviction for the campaign of shelling"
    r"|(?:upheld|overturned|quashed|reversed)\s+(?:[\w-]+\s+){0,3}?(?:convictions?|sentences?"
    r"|verdicts?|acquittals?|judg(?:e)?ments?|findings?|rulings?)"
    # "the people who suffered in Zllash have been heard by a court", "has gone through
    # several trials and retrials before the War Crimes Chamber"
    r"|heard\s+by\s+(?:a|the)\s+(?:\w+\s+)?(?:court|tribunal|judge)"
    r"|(?:re)?trials\s+(?:and\s+retrials\s+)?before)\b", re.I))
_DIGS = rf"(?:{EXHUMATION_WORDS}|recover\w*)"
_FIELDWORK = with_first(re.compile(
    r"\btribunal(?:['’]s)?\s+(?:[\w-]+\s+){0,3}?" + _DIGS
    + r"|\b(?:investigators|experts|teams?|forensic\s+\w+)\s+(?:from|of)\s+the\s+"
    r"(?:[\w-]+\s+){0,2}?tribunal\s+(?:[\w-]+\s+){0,2}?" + _DIGS, re.I))
# Crime that is no part of a conflict: "gunmen rob a fuel station, shoot the cashier".
_CRIME = with_first(re.compile(
    r"\b(?:rob|robs|robbed|robbing|robbery|robberies|robbers|heist|burglar\w*|carjack\w*)\b",
    re.I))
_FEUD = with_first(re.compile(
    r"\b(?:gang\s+(?:dispute|feud|war|killing|rivalry|violence|fight)s?"
    r"|(?:between|among)\s+(?:two\s+|rival\s+)?(?:gangs|cartels|criminal\s+groups)"
    r"|criminal\s+(?:factions?|gangs?|groups?)|rival\s+(?:gangs?|factions?|cartels?)"
    r"|by\s+(?:(?:his|their|its)\s+)?rivals"
    r"|drug[- ](?:related|deal\w*|traffick\w*)|cattle\s+(?:raid\w*|rustl\w*|theft)"
    r"|feud|land\s+dispute|in\s+a\s+dispute)\b", re.I))
FEW_DEAD = 3  # ... up to this many dead: a gang's massacre stays an incident
# "police arrested a kidnapping ring": the news is the arrest, not an abduction.
_CAUGHT = with_first(re.compile(
    r"\b(?:kidnappers|abductors|(?:kidnapping|abduction)\s+(?:ring|gang|suspects?|network"
    r"|cell|syndicate))\b[^.;]{0,60}?\b(?:arrested|apprehended|nabbed|detained|captured"
    r"|busted|dismantled|held)\b|\b(?:arrest\w*|apprehend\w*|nabb\w*|bust\w*)\s+"
    r"(?:\w+\s+){0,3}?(?:kidnappers|abductors|(?:kidnapping|abduction)\s+(?:ring|gang"
    r"|suspects?|network|cell|syndicate))\b", re.I))
ABDUCTION = "abduction"
# "Police detained three men suspected of financing an armed group", "30 people were
# arrested", "handed them to the authorities": an arrest, the news of a sentence that
# has no stronger event word than "detained" or "seized".
_ARREST = with_first(re.compile(
    # ("detained the co-mayor of Nusaybin, a member of the HDP, on terrorism charges")
    r"\b(?:(?:re)?arrest(?:ed|s)?|detained|apprehended|nabbed)\b[^.;]{0,120}?\b(?:suspect\w*"
    r"|accused|charged|charges|wanted)\b|\bsuspect\w*\b[^.;]{0,60}?\b(?:arrested|detained"
    r"|apprehended)\b|\b(?:handed|turned)\s+(?:\w+\s+)?(?:over\s+)?to\s+(?:the\s+)?"
    r"(?:authorities|police)\b|\b(?:people|men|persons|others|inmates|prisoners|detainees)"
    r"\s+(?:were\s+)?(?:re)?arrested\b"
    # a headline's present tense: "Soldiers arrest six suspected cartel gunmen"
    r"|\b(?:arrest|detain|nab)\s+(?:[\w-]+\s+){0,3}?suspect(?:ed|s)\b"
    # the arrests of a sweep: "detained 40 people in overnight raids", "raided three
    # towns, arresting at least 20"
    r"|\b(?:arrest\w*|detain\w*|rounded\s+up)\b[^.;]{0,80}?\b(?:in|during)\s+(?:[\w-]+\s+)"
    r"{0,3}?raids?\b|\braid(?:ed|ing|s)?\b[^.;]{0,120}?\b(?:arresting|detaining|rounding\s+up)\b",
    re.I))
# A killing's sentence may tell of the arrests that followed ("police detained two
# suspects"): that is no other kind of event beside it
_ARRESTS = frozenset({"detention_torture"})
# ... "police detained two suspects": the arrest after a killing, not captives killed
_SUSPECTS_HELD = with_first(re.compile(
    r"\b(?:police|officers|authorities|troops|soldiers)\s+(?:later\s+)?(?:detained|arrested"
    r"|held|caught)\s+(?:\w+\s+){0,3}?(?:suspects?|men|people|persons)\b", re.I))


def _executed(body: str) -> bool:
    """Does `body` tell of captives or an execution, other than by the arrest of
    suspects after the killing?"""
    held = [(m.start(), m.end()) for m in _SUSPECTS_HELD.finditer(body)]
    return any(not any(a <= e.start() < b for a, b in held) for e in _EXECUTION.finditer(body))


# What a strike of workers is about
_LABOUR = with_first(re.compile(
    r"\b(?:workers|dockworkers|employees|staff|unions?|unionists|teachers|doctors|nurses"
    r"|drivers|transporters|traders|shopkeepers|merchants|miners|labou?r|wages?|salar(?:y|ies)"
    r"|pay\s+(?:rise|cuts?)|arrears|pensions?|strikers|shutdown|shutter-?down|wheel-?jam"
    r"|hartal|walk-?out|sit-?in|picket\w*|demands?|demanding|to\s+protest|in\s+protest)\b",
    re.I))
_NOT_VIOLENCE = with_first(re.compile(
    r"\b(?:earthquakes?|quake|floods?|flooding|landslides?|mudslides?|storms?|cyclones?"
    r"|hurricanes?|typhoons?|tornado(?:es)?|drought|heatwave|avalanche|tsunami|epidemic"
    r"|outbreak|cholera|crash(?:ed|es)?|collisions?|collided|derailed|capsized|sank"
    r"|drowned|road accident|traffic accident|accidental(?:ly)?|lightning|plunged|overturned"
    r"|skidded|veered|electrocuted|stampedes?|crowd\s+crush|(?:in|by)\s+(?:a|the)\s+crush)\b",
    re.I))
# The words that say the dead were killed as captives, whoever they were.
_EXECUTION = with_first(re.compile(
    r"\b(?:execut\w+|summar\w+|behead\w*|firing squad|massacr\w*|slaughter\w*|captiv\w+"
    r"|captured|detained|detainees|prisoners?|in custody|hostages?|tortur\w*"
    # killed once they could no longer fight: "shot after they had surrendered"
    r"|(?:(?:after|once)\s+(?:they|he|she)|who)\s+(?:had\s+)?(?:surrendered|given\s+up)"
    r"|lined\s+(?:them\s+)?up|point[-\s]blank)\b", re.I))
_NEGATED = with_first(re.compile(r"\b(?:no|not|never|denied|deny|denies|without)\b", re.I))
# ("Protestant" is a church, "demonstrated" what a text shows: neither is a protest)
_PROTEST_WORDS = (r"protest(?!ant)\w*|demonstrat(?!e[ds]?\s+(?:that|how)\b)\w*|riot\w*"
                  r"|rall(?:y|ies|ied|ying)")
_RALLY_FOR_RELEASE = with_first(re.compile(
    r"\b(?:" + _PROTEST_WORDS + r"|march(?:ed|es)?|vigils?)\b[^.;]{0,60}?\b(?:demand\w*"
    r"|call(?:ed|ing|s)?\s+for|urg\w*)\s+(?:[\w-]+\s+){0,6}?(?:return|release|freedom)\b",
    re.I))
# Who holds a strike of workers: "observed a strike on Tuesday", "began a strike"
_HELD_STRIKE = (r"(?:began|begun|observed|observe|held|hold|staged|stage|called|announced"
                r"|declared|went\s+on|go\s+on|continued|ended|suspended|joined"
                r"|call(?:ed|ing)?\s+for)\s+(?:(?:a|an|the|their|its)\s+)?(?:[\w-]+\s+)?strikes?")
_HELD_A_STRIKE = with_first(re.compile(r"\b" + _HELD_STRIKE + r"\b", re.I))
_AMID = re.compile(r"\b(?:amid|amidst|during\s+a\s+(?:period|time)\s+of|in\s+the\s+context\s+of)"
                   r"\s+(?:[\w'’-]+\s+){0,3}$", re.I)
_CLASH = with_first(re.compile(
    r"\b(?:clash\w*|fighting between|firefights?|gun ?battles?|exchange of fire|skirmish\w*"
    # "a rebel was killed in an encounter with government troops" (South Asia's, the
    # Philippines' word for a gunfight with security forces)
    r"|encounters?\s+(?:with|between)\s+(?:[\w-]+\s+){0,2}?(?:troops|soldiers|police"
    r"|security\s+forces|army|forces|rebels|militants|insurgents|guerrillas)"
    r"|in\s+(?:the\s+)?cross-?fire"
    r"|armed\s+confrontations?|confrontations?\s+between"
    r"|battled|street\s+fighting|after\s+(?:heavy\s+|fierce\s+)?fighting"
    r"|exchang(?:e|es|ed|ing)\s+(?:[\w-]+\s+){0,3}?fire|gun-?fight\w*|shoot-?outs?"
    r"|trad(?:e|es|ed|ing)\s+(?:[\w-]+\s+){0,2}?(?:fire|gunfire|shots)"  # "traded fire"
    r"|(?:in|during)\s+(?:the\s+)?(?:[\w'’-]+\s+)?fighting"  # ("in Hunde-Hutu fighting")
    r"|(?:ethnic|intercommunal|inter-communal|tribal|factional|heavy|fierce|intense"
    r"|renewed|border)\s+fighting"
    r"|fighting\s+(?:over|for|along|around)\s"  # "fighting over a water point killed 50"
    # a headline's present tense: "rebels and IS fight on outskirts of al-Bab"
    r"|\band\s+(?:[\w-]+\s+){1,3}?fight\s+(?:on|in|for|near|around|over)\s"
    r"|(?:killed|dead|died|casualties|losses)\s+on\s+both\s+sides"
    r"|(?:days|weeks|hours|months)\s+of\s+(?:[\w-]+\s+)?fighting"
    r"|fought\s+(?:over|for|each|with|against|in|near|around|at)|marched\s+(?:in|through|to|on|against)"
    # "gunmen fought government forces in Brava"
    r"|fought\s+(?:(?:the|government|security|army|rebel|regime|state|federal|national)\s+)*"
    r"(?:forces|troops|soldiers|army|rebels|militants|fighters|insurgents|police|militias?"
    r"|guerrillas)"
    r"|" + _PROTEST_WORDS + r"|sit-?ins?|strikers"
    # a labour strike: "traders held a strike", "teachers went on strike"
    r"|" + _HELD_STRIKE +
    r"|(?:went|go|goes|are|were|was|is)\s+on\s+strike|general\s+strike"
    r"|(?:doctors|nurses|teachers|workers|traders|shopkeepers|drivers|transporters|miners"
    r"|students|lawyers|staff|employees|unions?)\s+(?:(?:go|went|begin|began|hold|held|stage"
    r"|staged|call|called)\s+(?:on\s+)?(?:a\s+)?)?strikes?"
    r"|(?:workers|unions?|teachers|doctors|miners|traders)['’]\s+strikes?"
    r"|\w+-day\s+(?:general\s+|labou?r\s+|national\s+)?strikes?"
    r"|(?:peaceful|protest|silent|solidarity)\s+march(?:es)?|march(?:es)?\s+(?:for|against"
    r"|to\s+demand))\b", re.I))
# "Security forces stormed a protest camp ..., killing at least 35", "descended on the
# sit-in at dawn, shooting, beating and raping protesters": the protesters are the victims
_PROTEST_ATTACKED = with_first(re.compile(
    r"\b(?:stormed|attacked|raided|opened\s+fire\s+(?:on|at)|fired\s+(?:on|at|into)"
    r"|shot(?:\s+dead)?|shooting|killed|killing|massacred|gunned\s+down|descended\s+on"
    r"|mowed\s+down|crushed|dispersed|dispersal\s+of)\s+"
    r"(?:(?:the|a|an|peaceful|unarmed|\w+ing)\s+){0,2}"
    r"(?:" + _PROTEST_WORDS + r"|sit-?ins?|protest\s+camps?)"
    r"|\b(?:sit-?ins?|protest(?:ers)?|demonstrators?)\s+massacres?", re.I))
# "The attack comes three weeks after Boko Haram abducted more than 200 schoolgirls": what
# follows is an earlier event the report measures this one against, told in passing
_COMES_AFTER = re.compile(
    r"\W*(?:The|This|It|Its|That)\s+(?:[\w-]+\s+){0,2}?(?:comes?|came)\s+(?:just\s+|only\s+"
    r"|barely\s+|nearly\s+|almost\s+|more\s+than\s+)?(?:(?:a|an|one|two|three|four|five|six"
    # ("The visit came weeks after an air strike on a monastery in Ye-U")
    r"|seven|eight|nine|ten|several|a\s+few|\d+)\s+)?(?:days?|weeks?|months?|years?)\s+after\b")
# "57 inmates killed during a riot at the regional prison": a riot where people were held
_PRISON = re.compile(r"\b(?:prisons?|jails?|penitentiar(?:y|ies))\b", re.I)
# "a bomb exploded at a rally", "shot dead leaving a campaign rally": the gathering where
# the event happened, not a protest of its own
_AT_GATHERING = re.compile(r"\b(?:at|leaving|left|outside|after|near)\s+(?:(?:a|an|the)\s+)?"
                           r"(?:[\w-]+\s+){0,2}?(?:rall(?:y|ies)|demonstrations?|protests?)\b",
                           re.I)

# "A teacher arrested over protests died in the custody of the security service": a death
# in custody, whatever the arrest was about
_DIED_HELD = with_first(re.compile(
    r"\b(?:died|killed|death|dead)\s+(?:\w+\s+){0,3}?(?:in|while\s+in|under)\s+(?:the\s+)?"
    r"(?:custody|detention)\b", re.I))
_ANNIVERSARY = re.compile(r"\banniversar(?:y|ies)\s+of\b", re.I)
# "gathered ... to commemorate the 1995 massacre", "a prayer vigil to mark one year since
# 31 villagers were killed", "the annual remembrance procession": people remembering
_COMMEMORATING = re.compile(
    r"\b(?:commemorat\w+|remembrance|marking|in\s+(?:memory|honou?r)\s+of|vigils?"
    r"|memorial\s+(?:services?"
    r"|ceremon(?:y|ies)|mass|prayers?)|to\s+(?:mark|remember|honou?r|mourn))\b", re.I)
# ... an event long gone: a year written, "annual", "N years since"
_YEARS_WORD = "|".join(sorted([*numbers.UNITS, *numbers.TEENS, *numbers.TENS], key=len,
                              reverse=True))
_LONG_AGO = re.compile(
    r"\b(?:(?P<year>(?:19|20)\d\d)|annual|yearly|(?:\d+|an?|(?:" + _YEARS_WORD + r")(?:-\w+)?)"
    r"\s+years?\s+(?:since|ago|after|on))\b", re.I)
# A protest, a strike or a funeral about an attack ("demonstrators denouncing recent
# airstrikes", "rioters burned tyres following an airstrike elsewhere"): every trigger
# of the sentence is what people protested about.
_PROTESTING = with_first(re.compile(
    r"\b(?:" + _PROTEST_WORDS + r"|marche[sd]|sit-?ins?|tear\s?gas|strikers|mourners"
    r"|vigils?)\b", re.I))
_ABOUT = re.compile(
    r"\b(?:denounc\w+|condemn\w+|decry\w*|against|over|about|demand\w*"
    # ("died in custody after being tortured": how he died, not what a protest is about)
    r"|(?:following|after)(?!\s+(?:being|having)\b)|release\s+of"
    r"|in\s+(?:protest|response|reaction)\s+(?:at|to|against))\s+(?:[\w’'-]+\s+){0,4}$",
    re.I)
# What hurt someone.  A sentence whose only trigger names who acted ("gunmen looted
# shops", "recaptured the town from gunmen", "set fire to houses; no one was hurt")
# reports no violence against people without one of these.
_HARM = with_first(re.compile(
    r"\b(?:kill\w*|dead|died|dies|death\w*|shot|shoot\w*|wound\w*|injur\w*|massacr\w*"
    r"|execut\w+|murder\w*|behead\w*|slaughter\w*|bod(?:y|ies)|victims?|stabbed|hacked"
    r"|burn(?:ed|t)\s+alive|lynch\w*|tortur\w*|abduct\w*|kidnap\w*|attack\w*|raid\w*"
    r"|storm\w*|opened\s+fire|fired\s+(?:on|at|into)|assault\w*|beat(?:en|ing)?|raped?"
    r"|rapes|hostages?|casualt\w+|martyr\w*|seiz\w+|taken\s+(?:away|hostage|captive)|took\s+away|carried\s+off"
    r"|unknown\s+(?:location|destination)|missing|disappear\w*)\b", re.I))
_WOUNDING = with_first(re.compile(r"\b(?:shot|stabbed|hacked|beaten|burn(?:ed|t)|lynched"
                                  r"|tortur\w*|raped)\b", re.I))
# "no deaths were reported", "no one was hurt": the text says the attack harmed no one
# (narrower than `_UNHARMED`, which also denies "no one claimed" a bombing)
_NO_VICTIMS = with_first(re.compile(
    r"\b(?:no\s+(?:(?:material\s+)?damage\s+or\s+)?(?:civilian\s+)?(?:casualties|injuries|deaths|fatalities"
    r"|victims)|(?:no\s+one|nobody|none)"
    r"\s+(?:was|were|has\s+been|had\s+been)\s+(?:\w+\s+)?(?:hurt|injured|killed|harmed"
    r"|wounded))\b", re.I))
_UNHARMED = with_first(re.compile(
    r"\b(?:no\s+(?:one|body|casualties|injuries|deaths|fatalities)|nobody|none\s+(?:was|were))"
    r"\b", re.I))
# An explosive device found and made safe is no explosion ("police found and defused an
# IED", "a mine was cleared"), unless something went off or hurt someone.
_INTERCEPT_WORDS = r"intercept(?:ed|ion|s)?|shot\s+down"
_DEVICES = (r"ieds?|mines|landmines?|explosives?|bombs?|devices?|vests?|caches?|ordnance"
            r"|grenades?|rockets?|missiles?")
_DEFUSED = with_first(re.compile(
    r"\b(?:defus\w+|dismantl\w+|deactivat\w+|disarm\w+|neutrali[sz]\w+|demining|de-mining"
    r"|deminers|safely\s+(?:destroyed|detonated|removed|disposed)"
    r"|bomb\s+disposal|controlled\s+explosion|mine\s+clearance"
    # ("a mine clearance operation ... removing 120 explosive objects")
    # ("engineering units sweep IS-laid mines and booby traps")
    r"|(?:removing|clearing|sweep(?:s|ing)?|swept)\s+(?:[\w,-]+\s+){0,3}?(?:explosive\s+"
    r"(?:objects|items|ordnance|remnants)|mines|landmines|uxos?)"
    r"|(?:found|discovered|seized|recovered|unearthed"
    r"|detected"
    r"|confiscated|located|cleared|removed)\s+(?:[\w,-]+\s+){0,3}?(?:" + _DEVICES +
    r"|uxos?|mortars?|shells|weapons|arms|rifles|ammunition)"
    r"|(?:" + _DEVICES + r"|drones?)\s+(?:[\w-]+\s+){0,2}?(?:was|were)\s+(?:found|recovered"
    r"|seized|discovered|defused|dismantled|intercepted|shot\s+down)"
    r"|" + _INTERCEPT_WORDS + r")\b", re.I))
_HURT_WORDS = r"kill\w*|dead|died|wound\w*|injur\w*|maim\w*|casualt\w+|victims?"
_WENT_OFF = with_first(re.compile(
    r"\b(?:explo(?:ded|sion|sions|de|des)|blast\w*|detonat\w*|went\s+off|set\s+off"
    r"|triggered|stepped\s+on|struck\s+a|hit\s+a|ran\s+over|drove\s+(?:over|on|onto)|"
    + _HURT_WORDS + r"|fired|landed|pounded|shelled|bombed|struck|hit)\b", re.I))
# Rockets fired and shot down went off nowhere: only harm tells otherwise.
_INTERCEPTED = re.compile(r"\b(?:" + _INTERCEPT_WORDS + r")\b", re.I)
_HURT = with_first(re.compile(
    r"\b(?:" + _HURT_WORDS + r"|debris\s+(?:fell|hit|struck|killed|injured)|shrapnel)\b",
    re.I))
WEAPONS = frozenset({"explosive_mine", "shelling", "airstrike"})
# What a bomb set for soldiers strikes ("struck an army patrol", "targeted their convoy",
# "a suicide attack on a security post"): a mine lying in wait for anyone is no such target
_MINE = re.compile(r"\b(?:land\s*mines?|mines?|unexploded|uxos?|remnants?)\b", re.I)
_MILITARY_TARGET = with_first(re.compile(
    r"\b(?:patrol|convoy|(?:security|police|army|military|border)\s+(?:post|station|base"
    r"|vehicle|checkpoint|outpost|truck|jeep|camp|compound)|checkpoint|check-?post|barracks"
    r"|outpost|garrison|air\s?base|cantonment|armou?red\s+(?:vehicle|personnel\s+carrier|car)"
    r"|(?:battalion|brigade|regimental)\s+(?:base|headquarters|camp)"
    r"|airfield|observation\s+post"
    r"|(?:army|military|rebel|militant|insurgent|terrorist)\s+(?:training\s+)?(?:base"
    r"|positions?|camp)"
    # (the bases of peacekeepers and foreign forces: "the African Union base at the airport")
    r"|(?:peacekeeping|peacekeepers['’]?|AU|AMISOM|ATMIS|MINUSMA|MONUSCO|African\s+Union|NATO"
    r"|coalition)\s+(?:base|camp|positions?))s?\b"
    # "artillery hit Ukrainian positions", "shelled enemy positions", "a Hezbollah post"
    r"|\b(?:(?-i:[A-Z])[\w-]+|enemy|frontline|front-line)\s+positions\b"
    r"|\b(?-i:[A-Z])[\w-]+\s+(?:military\s+)?(?:posts?|outposts?|bases?)\b"
    r"|\b(?:targeting|targeted|targets|aimed\s+at)\s+(?:[\w-]+\s+){0,2}?(?:troops|soldiers"
    r"|security\s+forces|(?:army|military|police)\s+(?:vehicles?|trucks?|units?))\b"
    # an armed group's vehicle or headquarters: "next to a YPG vehicle", "targeted an SDF
    # headquarters", "a vehicle of a Turkish-backed faction"
    r"|\b(?-i:[A-Z]{2,6})\s+(?:vehicles?|convoys?|headquarters|positions?|patrols?)\b"
    r"|\b(?:army|military|police|militia|rebel|militant)\s+headquarters\b"
    # ("the headquarters of Russia's Black Sea Fleet")
    r"|\bheadquarters\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?:fleet|navy|army|command"
    r"|corps|brigade|division)\b"
    r"|\bvehicles?\s+of\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:faction|militia|armed\s+group"
    r"|brigade|battalion|unit)\b"
    # "drones hit an ammunition depot", "struck Iranian military facilities"
    r"|\b(?:ammunition|ammo|arms|weapons?|munitions?)\s+(?:depots?|dumps?|stores?|storage"
    r"|warehouses?|caches?)\b|\bmilitary\s+(?:facilit(?:y|ies)|installations?|targets?"
    r"|depots?|sites?)\b", re.I))


# "jihadists attack army camp", "gunmen stormed a police post": soldiers as the target
_ATTACK_ON_SOLDIERS = re.compile(
    r"\b(?:attack(?:s|ed|ing)?|raid(?:s|ed|ing)?|storm(?:s|ed|ing)?|overr[au]n|ambush(?:es|ed)?"
    r"|assault(?:s|ed)?)\s+(?:on\s+)?(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?:(?:army|military|police|security|border)\s+(?:camp|base|post|checkpoint|barracks"
    r"|patrol|convoy|outpost|positions?)s?|check-?posts?)\b"
    # an armed group by its initials: "IS attack on SDF in Shaddadi countryside"
    r"|\battacks?\s+on\s+(?:the\s+)?(?-i:(?!UN\b|MSF\b|ICRC\b|UNHCR\b|WFP\b|UNICEF\b|IDPs?\b)"
    r"[A-Z]{2,5})\b(?!\s+(?:hospital|clinic|school|camp|office|convoy|staff|workers))", re.I)


def _only_held(sent: Sentence, strong: set[str]) -> bool:
    """Are the sentence's strong words only weak words of holding people that count
    together ("detained three men suspected of theft and held them in custody")?"""
    return bool(strong) and all(m.together for t in strong for m in sent.types[t]
                                if not m.weak)


def _only_actors(sent: Sentence, strong: set[str]) -> bool:
    """Do the sentence's strong words only name who acted ("gunmen", "attackers")?"""
    return strong == {KILLING} and all(m.trigger.lower() in ACTOR_TRIGGERS
                                       for m in sent.types[KILLING] if not m.weak)


def _aimed_at_soldiers(body: str) -> bool:
    """Does the sentence name a military target (and no mine, which waits for anyone)?"""
    return _MILITARY_TARGET.search(body) is not None and _MINE.search(body) is None


_STRIKES = frozenset({"shelling", "airstrike"})
_BARE_FIGURE = re.compile(r"(?:(?:at\s+least|some|about|another|more\s+than)\s+)?(?:\d+"
                          r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                          r"(?:\s+(?:others?|more|wounded|injured|killed|dead|fatalit(?:y|ies)))?",
                          re.I)  # (and a monitor's tally: "2 fatalities")
# An attack on people no one would call fighters: "150 civilians were killed in an attack
# on Jato-Aka", whatever fighting the sentence also tells
_ATTACK_ON = re.compile(r"\b(?:attacks?\s+on|attacked|raids?\s+on|raided|stormed"
                        # ("a drone struck a passenger bus ... amid fighting")
                        r"|(?:struck|hit)\s+(?:an?|the)\s+(?:passenger\s+|civilian\s+)?(?:bus"
                        r"|minibus|car|vehicle|house|home|market))\b")
# "soldiers killed 45 civilians in the town after clashes with militiamen": the fighting
# is what came before the killing of the town's people
_AFTER_FIGHTING = re.compile(r"\b(?:after|following|in\s+reprisal\s+for|in\s+revenge\s+for)"
                             r"\s+(?:[\w-]+\s+){0,2}$", re.I)
_REPORTED_CLASH = re.compile(r"\b(?:reports?|calls?|alerts?|complaints?|word)\s+of\s+(?:an?\s+)?"
                             r"(?:[\w-]+\s+)?$", re.I)
_PLAINLY_CIVILIAN = re.compile(r"\b(?:civilians?|villagers|residents|women|children"
                               r"|worshippers|farmers|displaced|refugees|pupils)\b", re.I)
# What a strike on fighters does not hit: homes and the places where civilians gather
_CIVILIAN_PLACE = with_first(re.compile(
    r"\b(?:houses?|homes?(?!\s+to\b)|residential|neighbou?rhoods?|markets?|schools?|hospitals?|clinics?"
    r"|mosques?|church(?:es)?|shops?|bakery|bakeries|wedding|funeral|shelters?|camps?\s+for"
    r"|displacement\s+(?:camp|site)s?)\b", re.I))
HARM_AFTER = 300  # characters after a sentence in which its actors' harm may be told
_CIVILIAN = with_first(re.compile(
    r"\b(?:civilians?|villagers?|residents?|people|persons|children|women|men|farmers?|peasants?"
    r"|worshippers|students?|families|family|mourners|passengers|displaced|refugees"
    r"|migrants|detainees|prisoners|captives|hostages|elderly|inhabitants|locals|POWs?"
    r"|prisoners of war|shepherds|fishermen|workers|miners|traders|pilgrims|celebrants"
    r"|guests|patients|doctors|nurses|journalists|teachers|pupils|shoppers|customers"
    r"|diners|bystanders|passers-?by|passer-?by|passenger|man|woman|boy|girl|child|baby"
    r"|teenager"
    r"|shepherd|herders?|(?:UN|aid|humanitarian|medical|hospital|NGO)\s+staff"
    r"|aid\s+workers|tourists|inmates|activists|volunteers"
    r"|supporters|youths?|young\s+people"
    # people named by a calling or a kinship, singular too: "seized a Swiss missionary",
    # "took the village imam and his two sons", "a trader was seized"
    r"|missionar(?:y|ies)|priests?|pastors?|nuns?|monks?|imams?|clerics?|traders?"
    r"|shopkeepers?|student|worker|miner|journalist|teacher|doctor|nurse|lawyers?"
    r"|engineers?|mayors?|administrators?|sons?|daughters?|wives|wife|husbands?"
    r"|brothers?|sisters?|relatives|schoolgirls?|schoolboys?|schoolchildren"
    # out of arms: "four former army soldiers were taken from their homes and shot dead"
    r"|(?:former|ex-|retired)\s*(?:[\w-]+\s+)?(?:soldiers?|servicem[ae]n|police(?:m[ae]n)?"
    r"|officers?|fighters|combatants|militants|rebels|guerrill?as))\b", re.I))


# "no civilians were hurt", "no civilian casualties were reported": the text itself says
# the attack harmed no civilian (an attack on a purely military target is no incident)
_NO_CIVILIANS = with_first(re.compile(
    # ("Only military targets involved per Ukrainian sources")
    r"\bonly\s+military\s+(?:targets?|objects?|facilities|sites|installations)\b"
    r"|\b(?:no|without)\s+(?:(?:other|further)\s+)?(?:(?:credible\s+|confirmed\s+)?reports?"
    r"\s+of\s+)?(?:civilians?|civilian\s+(?:casualties"
    r"|deaths|injuries|victims|losses|harm))\b"
    # ("killing 2 fighters; camp residents were unharmed", "the compounds were empty of
    # families")
    r"|\b(?:(?:[\w-]+\s+)?(?:civilians|residents|villagers|families|inhabitants|people)"
    r"\s+(?:were|was)\s+(?:(?:all|reportedly)\s+)?(?:unharmed|unhurt|spared|not\s+(?:harmed"
    r"|hurt|injured))|empty\s+of\s+(?:civilians|residents|families|people|inhabitants))\b",
    re.I))
_WAR_TOLL = with_first(re.compile(r"\b" + _WAR_TOLL_WORDS + r"\b", re.I))
_FIRE_KINDS = (r"(?:air\s*strikes|airstrikes|air\s+raids|bombardments?|shelling|artillery"
               r"(?:\s+fire)?|rocket\s+fire|missile\s+strikes)")
_MIXED_CAMPAIGN = with_first(re.compile(
    r"\b" + _FIRE_KINDS + r"\s+and\s+" + _FIRE_KINDS + r"\b", re.I))
# what strikes damage when they hit no one: "strikes on energy infrastructure"
_INFRASTRUCTURE_HIT = with_first(re.compile(
    r"\b(?:energy|power|electricity|electrical|gas|heating|water)\s+(?:infrastructure|facilit"
    r"(?:y|ies)|grids?|plants?|stations?|substations?|supply|supplies|network|lines?)\b", re.I))
KINDS_LISTED = 3  # strong words of this many kinds in a sentence with no town: a list
_TOLL_SINCE = with_first(re.compile(
    r"\b(?:have|has|had)\s+(?:now\s+)?been\s+killed\b[^.;:]{0,60}?\bsince\b"
    # a monitor's month: "In August 2024, the mission verified that at least 184
    # civilians were killed and 856 injured"
    r"|\b(?:in|during|throughout|over)\s+(?:the\s+month\s+of\s+)?(?:january|february|march"
    r"|april|may|june|july|august|september|october|november|december)(?:\s+\d{4})?\s*,"
    r"[^.;:]{0,80}?\b(?:verified|recorded|documented|registered)\b", re.I))
# ... a period longer than the days of one attack: the war's, a year's, a month's
_LONG_PERIOD = re.compile(
    r"\s+(?:the\s+(?:start|beginning|end|outbreak|onset)\b|the\s+(?:war|conflict|invasion"
    r"|ceasefire|truce|coup)\b|(?:19|20)\d\d\b|(?:early|late|mid-?)?\s*(?:january|february"
    r"|march|april|may|june|july|august|september|october|november|december)\b|\d{1,2}\s+"
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\b)", re.I)
# "the mission had verified more than 12,600 civilian deaths since February 2022, driven by
# drone and missile attacks": a monitor's sum since a date, whatever weapons it names
_VERIFIED_SINCE = with_first(re.compile(
    r"\b(?:verified|recorded|documented|registered|counted|confirmed)\s+(?:(?:more\s+than"
    r"|at\s+least|over|nearly|almost|some|about)\s+)?[\d,.]+\s+(?:\w+\s+){0,2}?(?:deaths"
    r"|killings|casualties|fatalities|dead)\b[^.;:]{0,40}?\bsince\b"
    # (the period first: "Since 24 February 2022, HRMMU has verified that more than 10,000
    # civilians have been killed")
    r"|\bsince\b[^.;:]{0,40}?\b(?:verified|recorded|documented|registered|counted"
    r"|confirmed)\s+(?:that\s+)?(?:(?:more\s+than|at\s+least|over|nearly|almost|some"
    r"|about)\s+)?[\d,.]+\s+(?:civilians|people|persons|deaths|killings|casualties"
    r"|fatalities|dead)\b", re.I))
# ("the strike hit near an olive press ... as workers were pressing olives": a strike
# that hit, killed or targeted is an attack, whoever the sentence also names)
_STRIKE_HIT = re.compile(r"\b(?:hit|killed|targeted|struck)\b", re.I)
_SUICIDE = re.compile(r"\bsuicide\s+(?:car\s+|truck\s+)?(?:bomb\w*|attack\w*)", re.I)
_SHARE_OF_HARM = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:per\s*cent|percent|%)\s+of\s+(?:all\s+)?(?:the\s+)?"
    r"(?:civilian\s+)?(?:casualties|deaths|victims|fatalities|incidents|attacks)\b"
    # ("Kherson region recorded the highest number of casualties of any region")
    r"|\b(?:highest|largest|greatest|lowest)\s+(?:number|share|toll|proportion)\s+of\s+"
    r"(?:civilian\s+)?(?:casualties|deaths|victims|fatalities|incidents|attacks)\b", re.I)
_META_LABEL = re.compile(r"\s*(?:Methodology|Methods|Method|Note|Notes|Sources?|Editor['’]s\s+"
                         r"note|Disclaimer|About\s+this\s+(?:report|update|digest))\s*:")
_STILL_MISSING = with_first(re.compile(
    r"\b(?:are|is|were|was|remain|remains|remained)\s+still\s+(?:missing|unaccounted\s+for)\b",
    re.I))
_STILL_REPORTED = re.compile(
    r"\b(?:continue[sd]?|continuing)\s+to\s+(?:receive|document|record|register|monitor"
    r"|collect)\s+(?:\w+\s+){0,2}?(?:reports|allegations|cases|accounts)\s+of\b", re.I)
_CLEARANCE = re.compile(r"mine\s+clearance|demining|de-mining|deminers|bomb\s+disposal"
                        r"|controlled\s+explosion|clearing|removing|sweep|swept", re.I)
# a burial or funeral held for the dead of an earlier event: "held a mass burial for 87
# victims of the ethnic violence"
_BURIAL_HELD = re.compile(r"\b(?:held|hold|holds|holding)\s+(?:a\s+)?(?:mass\s+|joint\s+|state\s+)?"
                          r"(?:burials?|funerals?|burial\s+ceremon(?:y|ies))\s+(?:for|of)\b"
                          # ("mass burial of 87 victims of the ethnic violence held at a
                          # memorial site")
                          r"|\b(?:mass\s+|joint\s+|state\s+)(?:burials?|funerals?)\s+(?:for|of)"
                          r"\s+[^.;]{0,80}?\b(?:was\s+|were\s+)?held\b"
                          # ("speaking at the mass burial of the victims in Ancha")
                          r"|\bat\s+(?:the|a)\s+(?:mass\s+|joint\s+|state\s+)?(?:burials?"
                          r"|funerals?)\s+(?:of|for)\b"
                          # ("Comitancillo bids farewell to its migrants killed in Tamaulipas")
                          r"|\b(?:bids?|bade|bidding)\s+(?:a\s+)?(?:(?:last|final|tearful)\s+)?"
                          r"farewell\s+to\b"
                          # ("to receive the coffins of the young people murdered in Mexico,
                          # whose remains were repatriated"): the dead brought home
                          r"|\b(?:receive[ds]?|receiving|welcome[ds]?|welcoming)\s+(?:home\s+)?the\s+(?:coffins"
                          r"|caskets|bodies|remains)\s+of\b|\bremains\s+(?:were|was|had\s+been)"
                          r"\s+repatriated\b", re.I)
_CALL = re.compile(r"\b(?:[Ii]nvestigate|[Ss]top|[Ee]nd|[Hh]alt|[Pp]revent|[Cc]ease|[Bb]an)"
                   r"\s+(?:(?:the|all|further|indiscriminate|unlawful|cross-border|[A-Z][\w-]*)\s+)*$")
# "targeting those responsible for a missile attack on the Saudi city of Jizan", "in
# retaliation for a drone strike on ...": the attack an action answers, cited as its cause
_CAUSE = re.compile(r"\b(?:responsible\s+for|in\s+(?:retaliation|response|reprisal|revenge)"
                    r"\s+(?:for|to)|to\s+avenge|blamed\s+for)\s+(?:(?:a|an|the|an?\s+earlier"
                    r"|last\s+\w+['’]s|recent|previous|its|their)\s+)?(?:[\w'’-]+\s+){0,3}$", re.I)
# a period's sum, whatever else the sentence sums up: "at least 1,100 people were killed by
# bandits in four states in the first half of 2021 alone, while hundreds more were
# abducted", "... so far this year"
_TOLL_PERIOD = re.compile(
    r"\b(?:were|have\s+been|had\s+been)\s+killed\b[^.;:]{0,80}?\b(?:in\s+the\s+(?:first"
    r"|second|last|past)\s+(?:half|quarter|three\s+months|six\s+months|nine\s+months)\s+of"
    r"|so\s+far\s+this\s+year|this\s+year\s+alone|since\s+the\s+start\s+of"
    # a monitor's period: "71 civilians were killed and 58 abducted during the month"
    r"|(?:during|over|throughout|in)\s+the\s+(?:(?:reporting|same)\s+)?(?:month|week|year"
    r"|quarter|period)\b)"
    # a daily update's span: "Between the afternoons of 22 and 23 January, 195 people were
    # killed", "In the past 24 hours, 40 people were killed"
    r"|\b(?:between\s+the\s+(?:afternoons|mornings|evenings|nights)\s+of"
    r"|(?:in|over|during)\s+the\s+(?:past|last|previous)\s+(?:24|48|72)\s+hours)\b"
    r"[^.;:]{0,120}?\b(?:were|have\s+been|had\s+been)\s+killed\b", re.I)
# "shot dead a journalist and his brother": a second victim the figure leaves out
_ANOTHER_VICTIM = re.compile(r"\band\s+(?:his|her|their|a|an|another|one|two|three|four|five"
                             r"|several|\d+)\s+(?!(?:was|were|is|are|has|had)\b)[a-z]", re.I)
# One person killed, not in custody: monitors of atrocities record single killings only
# of captives and named political figures (the annotation rules of the dev reports).
_ONE_VICTIM_WORDS = with_first(re.compile(
    r"\b(?:governor|mayor|minister|lawmaker|legislator|senator|MP|deputy|candidate|chief"
    r"|leader|official|commander|judge|prosecutor)\b", re.I))


# "two armed men", "gang members": people who fight, not civilians, among the dead
_ARMED_PEOPLE = with_first(re.compile(
    r"\b(?:armed|gang|cartel|militia|security)\s+(?:(?-i:[A-Z])[\w-]+\s+)?(?:men|members"
    r"|youths?|personnel)\b", re.I))


# "the Jalisco prosecutor said": who spoke, not who died
_SPOKE = re.compile(r"(?:\s+[\w'’-]+){0,2}?\s+(?:" + SPEECH_VERBS + r")\b", re.I)


def _victim_of_note(body: str) -> bool:
    """Does the sentence name a governor, a judge, a commander... other than as who spoke
    (and other than a soldier by rank: "an army official", "a police chief")?"""
    return any(_SPOKE.match(body, m.end()) is None
               and _IN_ARMS_BEFORE.search(body, max(0, m.start() - 30), m.start()) is None
               for m in _ONE_VICTIM_WORDS.finditer(body))


_IN_ARMS_BEFORE = re.compile(r"\b(?:army|military|police|security|militia|rebel|insurgent"
                             r"|militant|intelligence|border\s+guard)\s+(?:[\w-]+\s+)?$",
                             re.I)


SINGLE_KILLING = "a single killing, not of a captive or a political figure"
# "a man was killed" with no word of the targeted kinds: a single killing when it is all
# the report tells, one death of the incident when a strike or a blast is told beside it
ONE_DEAD = SINGLE_KILLING + " (only a weak word)"


# Who tells, not who was killed: "two fighters were killed, activists said", "according
# to residents" (of the taken, the relatives who tell may be all the text names)
_SOURCES = with_first(re.compile(
    r"\b(?:according\s+to\s+(?:local\s+)?\w+|(?:activists|residents|villagers|doctors"
    r"|medics|witnesses|relatives|locals|journalists)\s+(?:said|say|says|told|reported)"
    # ("claimed the attack in a call to journalists")
    r"|(?:to|told|briefed|informed)\s+(?:\w+\s+)?(?:journalists|reporters))\b",
    re.I))


# civilians who fled are no harm told: "killing several soldiers; residents fled the town"
_FLEEING = with_first(re.compile(
    r"\b(?:civilians?|residents?|villagers?|inhabitants|families|people)\s+(?:\w+\s+)?"
    r"(?:fled|flee|fleeing|were\s+displaced|evacuated)\b", re.I))


def civilians_told(text: str, start: int, end: int, killing: bool = False) -> bool:
    """Does text[start:end] name civilians other than to say there were none?  Of the
    dead (`killing`), "two armed men" are no civilians; of the taken, whoever acted may be
    all the sentence names ("taken by armed men")."""
    asides = (_NO_CIVILIANS, _ARMED_PEOPLE, _SOURCES, _FLEEING) if killing \
        else (_NO_CIVILIANS,)
    if all(p.search(text, start, end) is None for p in asides):  # (nearly always)
        return any(not _in_a_name(text, c) for c in _CIVILIAN.finditer(text, start, end))
    return any(not _in_a_name(text, c) for c in _outside(asides, _CIVILIAN, text, start, end))


def _outside(asides: Sequence[re.Pattern], pattern: re.Pattern, text: str, start: int,
             end: int) -> list[re.Match]:
    """The matches of `pattern` in text[start:end] that no match of `asides` covers."""
    denied = [(m.start(), m.end()) for p in asides for m in p.finditer(text, start, end)]
    return [c for c in pattern.finditer(text, start, end)
            if not any(a <= c.start() < b for a, b in denied)]


_NAME_GOES_ON = re.compile(r"[ -](?-i:[A-Z])[a-z]")
_LOWER_BEFORE = re.compile(r"\b(?-i:[a-z]+),?\s+$")  # ("... village, Imam Sahib district")


def _in_a_name(text: str, m: re.Match) -> bool:
    """Is the civilian word a part of a proper name, in running text ("the village of
    Imam Sahib district", "Mina"): capitalised after a lower-case word and followed by
    another capitalised word (a title-case headline's "Kill Women And Children" is not)."""
    return m.group()[:1].isupper() and _NAME_GOES_ON.match(text, m.end()) is not None \
        and _LOWER_BEFORE.search(text, max(0, m.start() - 20), m.start()) is not None


NO_CIVILIAN_HARMED = "no civilian harmed"
FIGHTING = "fighting or protest"
FIGHTERS_DEAD = "fighting: the dead are fighters or soldiers"


def _fighters(harmed: Sequence) -> bool:
    """Are the counted harmed all fighters or soldiers? ("killed four soldiers and
    wounded five": a bare figure beside them counts the same men.)"""
    return any(COMBATANTS.search(c.phrase) for c in harmed) and all(
        COMBATANTS.search(c.phrase) or _BARE_FIGURE.fullmatch(c.phrase) for c in harmed)


def fighters_only(text: str, sentences: Sequence[Sentence], counts: Sequence) -> str | None:
    """Why an air strike or shelling told over several sentences is no incident: the
    harmed its sentences count are all fighters ("helicopter gunships pounded the Dabori
    area. 12 militants killed."), or they say no civilian was harmed, and none names a
    civilian, a captive or a civilian place.  (Each sentence alone may count no one:
    the strike in one, its dead in the next.)"""
    bodies = [text[max(s.start, s.dateline_end):s.end] for s in sentences]
    if any(_EXECUTION.search(b) or _CIVILIAN_PLACE.search(b) for b in bodies) or any(
            civilians_told(text, max(s.start, s.dateline_end), s.end, killing=True)
            for s in sentences):
        return None
    harmed = [c for s in sentences for c in filed_in(s, counts, "counts")
              if c.category in ("killed", "injured", "bodies_found", "missing")]
    if _fighters(harmed):
        return "a strike on fighters: the harmed its sentences count are fighters"
    if (leader := next((m for b in bodies if (m := _LEADER_KILLED.search(b))), None)) \
            and all(_BARE_FIGURE.fullmatch(c.phrase) or COMBATANTS.search(c.phrase)
                    for c in harmed):
        # "a drone strike on a car in Nabatieh killed a Hezbollah field commander": a
        # strike aimed at an armed group's man, no civilian told harmed
        return f"a strike on a commander of an armed group ({leader.group()})"
    if not all(_BARE_FIGURE.fullmatch(c.phrase) for c in harmed):
        return None  # (someone harmed who is no fighter)
    if (spared := next((m for b in bodies if (m := _NO_CIVILIANS.search(b))), None)):
        return f"a strike that harmed no civilian ({spared.group()})"
    if not harmed and any(_aimed_at_soldiers(b) for b in bodies) \
            and not any(_HARM_TOLD.search(b) for b in bodies) \
            and len({t.name for s in sentences for t in s.places or ()
                     if t.precision in ("exact", "site", "settlement", "near-settlement")}) <= 1:
        # "Ukrainian missiles hit the headquarters of Russia's Black Sea Fleet": a
        # military target, and no one told harmed at all (but not where other towns are
        # struck besides: "raids around al-Tabaqa and Ayn Issa and bombardment near the
        # airbase")
        return "a strike on a military target that harmed no one it tells of"
    return None


_HARM_TOLD = re.compile(r"\b(?:" + _HURT_WORDS + r"|dies|deaths?|bodies|hurt|martyr\w*|lives)\b",
                        re.I)  # (the words of harm `_HURT` reads, and the dead's other words)


# the man a strike killed, named by his rank in an armed group or army: "killed Iranian
# general Qassem Soleimani", "killed senior Hamas official Saleh al-Arouri", "killed a
# commander of the YBS militia" (but not "a local government official")
_LEADER_KILLED = re.compile(
    r"\b(?:killed|killing|kills|kill|assassinated|assassinating)\s+(?:(?:a|an|the|two|three"
    r"|senior|top|local|field|military|deputy|its|their)\s+)*(?:(?-i:[A-Z])[\w'’-]*\s+){0,3}"
    r"(?:(?:field|military|senior|top|deputy|regional|battalion|brigade|militia)\s+)?"
    r"(?:commanders?|generals?|colonels?|emirs?|(?<=[a-z] )(?:leaders?|chiefs?|officials?"
    r"|operatives?))\b", re.I)
_NEXT_SENTENCE = re.compile(r"\s*[^.!?\n]{0,120}[.!?]")


def _denied_next(text: str, end: int) -> re.Match[str] | None:
    """The next sentence of the paragraph, when it says no one was harmed ("Russian forces
    carried out 412 strikes on 11 settlements ... No casualties were reported.")."""
    nxt = _NEXT_SENTENCE.match(text, end)
    return None if nxt is None else _denial(text, end, nxt.end())


def _denial(text: str, start: int, end: int) -> re.Match[str] | None:
    """Where text[start:end] says no one was harmed and names no harm besides."""
    none = _NO_VICTIMS.search(text, start, end)
    if none is None or _HURT.search(text[start:none.start()] + text[none.end():end]):
        return None
    return none


# what the held went through: "One of the men died on 19 August after being severely beaten"
_ILL_TREATED = re.compile(r"\b(?:beaten|beating|tortur\w+|ill-treat\w*|abused|electric\s+shocks?"
                          r"|died\s+in\s+(?:custody|detention|prison))\b", re.I)


def _ill_treated_next(text: str, end: int) -> bool:
    """Does the next sentence tell of the arrested being beaten or dying in custody (the
    arrest is then a detention with torture, not the news of an arrest)?"""
    nxt = _NEXT_SENTENCE.match(text, end)
    return nxt is not None and _ILL_TREATED.search(text, end, nxt.end()) is not None


def harmed_no_one(text: str, sentences: Sequence[Sentence], beside: Sequence[Sentence],
                  counts: Sequence) -> str | None:
    """Why an air strike, shelling or gunfire at a military target is no incident: a sentence
    right beside its own says no one was harmed ("Rebel rockets targeted an army post
    near X. No casualties were reported."), and none of them counts anyone harmed."""
    if any(c.category in ("killed", "injured", "bodies_found", "missing")
           for s in [*sentences, *beside] for c in filed_in(s, counts, "counts")) \
            or not any(_aimed_at_soldiers(text[max(s.start, s.dateline_end):s.end])
                       for s in sentences):
        return None  # (damage to a town's warehouse is still told as an incident)
    for s in [*sentences[1:], *beside]:  # (or one of its own: "They caused no casualties.")
        if (none := _NO_VICTIMS.search(text, max(s.start, s.dateline_end), s.end)
                or _NO_CIVILIANS.search(text, max(s.start, s.dateline_end), s.end)):
            # (or no civilian: "Only military targets involved per Ukrainian sources")
            return f"no one harmed ({none.group()})"
    return None


def plainly_civilian(body: str) -> bool:
    """Does the text name its people as civilians outright ("civilians", "villagers",
    "children"), not only as "people"?  (Not as the ones who fled: "civilians fled
    towards the town".)"""
    return bool(_outside((_FLEEING,), _PLAINLY_CIVILIAN, body, 0, len(body)))


def tells_fighting(text: str, sent: Sentence) -> bool:
    """Does the sentence tell of fighting ("regime forces and IS fighters exchanged fire on
    the outskirts of Ad Dumayr"), whatever words of an event it holds?"""
    return _CLASH.search(text, max(sent.start, sent.dateline_end), sent.end) is not None


def classify_background(text: str, sent: Sentence, dates: Sequence, pub: tuple[date, date]
                        | None, counts: Sequence, fine_place: bool = False) -> str | None:
    """Why the events of a sentence are not news of their own, or None when they may be.
    A sentence dated only long before publication is `old`: background beside recent
    news, but the subject of a retrospective ("two years after ...")."""
    body = text[max(sent.start, sent.dateline_end):sent.end]
    strong = strong_types(sent)
    if toll := _WAR_TOLL.search(body):
        return f"a war's toll, not an event ({toll.group()})"
    if meta := _META_LABEL.match(body):
        # "Methodology: incidents are included once two sources confirm the victims"
        return f"about the report, not an event ({meta.group().strip()})"
    if share := _SHARE_OF_HARM.search(body):
        # "Shelling caused 38 per cent of civilian casualties": a period's statistics
        return f"a share of a period's harm, not an event ({share.group()})"
    if strong and not fine_place and not filed_in(sent, counts, "counts") and all(
            _CALL.search(text, max(sent.start, m.start - 40), m.start)
            for ms in sent.types.values() for m in ms if not m.weak):
        # "Protect Civilians on Both Sides of the Border, Investigate Cross-Border
        # Shelling": what a group asks for, no event of its own
        return "a call to act, not an event"
    if strong and not filed_in(sent, counts, "counts") and all(
            _CAUSE.search(text, max(sent.start, m.start - 60), m.start)
            for ms in sent.types.values() for m in ms if not m.weak):
        # "... carried out 'legitimate military action' targeting those responsible for a
        # missile attack on the Saudi city of Jizan": told as the cause of another act
        return "an attack cited as the cause of another act, not news of its own"
    if held := _BURIAL_HELD.search(body):
        # (a figure of the dead is theirs, unless bodies were found there too)
        told = filed_in(sent, counts, "counts")
        if not told or all(c.category in ("killed", "bodies_found") for c in told) \
                and not _FOUND_NOW.search(body):
            return f"a burial or funeral for the dead, not an event ({held.group()})"
    if not strong and not filed_in(sent, counts, "counts") \
            and (none := _denial(text, max(sent.start, sent.dateline_end), sent.end)):
        # "We recorded no civilian casualties.": its only event word denies harm
        return f"no one harmed ({none.group()})"
    if strong <= {KILLING, ABDUCTION} and (toll := _TOLL_PERIOD.search(body)):
        return f"a toll over a period, not an event ({toll.group()[:60]})"
    if ((toll := _TOLL_SINCE.search(body))
            and (not strong or _LONG_PERIOD.match(body, toll.end()))) \
            or (toll := _VERIFIED_SINCE.search(body)):
        # (weapons named too where the period is long: "more than 140 people have been
        # killed or injured by mines since the end of the war")
        # "more than 3,700 people have been killed in Lebanon since October 2023": the
        # sum of a period's events, none of them told
        return f"a toll over a period, not an event ({toll.group()})"
    if len(strong) >= KINDS_LISTED and not fine_place:
        # "AHRM documented extrajudicial killings, arbitrary detention and torture, and
        # casualties from IEDs": a period's kinds of harm listed, no one event told
        return f"a list of kinds of harm ({', '.join(sorted(strong))}), no one event"
    if recalled := _COMES_AFTER.match(body):
        return f"an earlier event the report recalls ({recalled.group().strip()})"
    if (spared := _NO_CIVILIANS.search(body)) and not any(
            c.category in ("killed", "bodies_found", "injured")
            and not COMBATANTS.search(c.phrase) for c in filed_in(sent, counts, "counts")):
        return f"{NO_CIVILIAN_HARMED} ({spared.group()})"
    if strong and strong <= _STRIKES and not sent.types.keys() - (
            strong | {KILLING}) and (none := _NO_VICTIMS.search(body)
                                     or _denied_next(text, sent.end)) and not any(
                c.category in ("killed", "injured") for c in filed_in(sent, counts, "counts")) \
            and not _HURT.search(body[:none.start()] + body[none.end():]):
        # (but "several people wounded, no deaths confirmed yet": someone was harmed)
        # "Drones struck fuel depots ...; no deaths were reported": damage, no victim (a
        # mine that harmed no one is still an incident: the tractor's driver survived)
        return f"no one harmed ({none.group()})"
    if strong and strong <= WEAPONS | {KILLING} and _aimed_at_soldiers(body) \
            and (none := _NO_VICTIMS.search(body)) and not any(
                c.category in ("killed", "injured") and not COMBATANTS.search(c.phrase)
                for c in filed_in(sent, counts, "counts")):
        # "gunmen fired at a police post; no casualties were reported": an attack on a
        # purely military target that harmed no one (the annotation rules record none)
        return f"an attack on a military target that harmed no one ({none.group()})"
    if (not strong or _only_actors(sent, strong)) and set(sent.types) <= {KILLING} \
            and _ATTACK_ON_SOLDIERS.search(body) \
            and not _CIVILIAN_PLACE.search(body) \
            and not civilians_told(text, max(sent.start, sent.dateline_end), sent.end,
                                   killing=True):
        # "Six killed as jihadists attack army camp in Nara": the dead of an attack on a
        # military target, no civilian named, are its soldiers (no incident by the rules)
        return "an attack on a military target, no civilian named"
    if (rally := _RALLY_FOR_RELEASE.search(body)) and all(
            m.start >= max(sent.start, sent.dateline_end) + rally.start()
            for ms in sent.types.values() for m in ms):
        # "hundreds rallied in Sderot to demand the return of the hostages": a protest
        # about the held, not their taking (unless the sentence tells the taking first)
        return f"a protest ({rally.group()})"
    clash = _CLASH.search(body)
    # (graves found where fighters clashed are still graves: "found the graves ... where
    # soldiers clashed with militia members in February")
    if clash and _AMID.search(body, max(0, clash.start() - 30), clash.start()) \
            and civilians_told(text, max(sent.start, sent.dateline_end), sent.end,
                               killing=True):
        clash = None  # "villagers were shot dead ... amid ethnic clashes": the setting
    if clash and _REPORTED_CLASH.search(body, max(0, clash.start() - 40), clash.start()) \
            and any(c.category in ("killed", "bodies_found")
                    for c in filed_in(sent, counts, "counts")):
        clash = None  # "following reports of an armed confrontation, the State Guard
        # found 19 bodies": what brought the finders, not the story
    if clash and (_PRISON.search(body) and any(
            c.category == "killed" for c in filed_in(sent, counts, "counts"))
            or strong and _AT_GATHERING.search(body, max(0, clash.start() - 40),
                                               clash.end())):
        clash = None  # "57 inmates killed during a riot at the regional prison", "shot
        # dead leaving a campaign rally": the riot or rally is where people were killed
    if clash and not strong - {KILLING} and "mass_grave" not in sent.types \
            and not _PROTEST_ATTACKED.search(body) and not _DIED_HELD.search(body) \
            and not (KILLING in sent.types and _EXECUTION.search(body)) \
            and not ((_ATTACK_ON.search(body) or _AFTER_FIGHTING.search(
                body, max(0, clash.start() - 25), clash.start())) and any(
                c.category == "killed" and _PLAINLY_CIVILIAN.search(c.phrase)
                for c in filed_in(sent, counts, "counts"))):
        # (and "militias clashed; 150 civilians were killed in an attack on Jato-Aka":
        # an attack on a village's people, whatever fighting went with it)
        # (but "killed the 10 on Sept 2 ... after they were captured during clashes":
        # captives killed, whatever the fighting that took them)
        return f"{FIGHTING} ({clash.group()})"
    if "airstrike" in strong and strong <= {"airstrike", KILLING} and all(
            m.trigger.lower().startswith("strike") and not _STRIKE_HIT.search(m.trigger)
            for m in sent.types["airstrike"] if not m.weak) \
            and ((labour := _HELD_A_STRIKE.search(body)) or (labour := _LABOUR.search(body))
                 and not any(c.category in ("killed", "injured")
                             for c in filed_in(sent, counts, "counts"))):
        # "Dockworkers began a strike on Monday over unpaid wages": a strike of workers
        return f"a strike of workers, not an attack ({labour.group()})"
    if not strong and (harm := _NOT_VIOLENCE.search(body)):
        return f"not violence ({harm.group()})"  # an earthquake or a crash kills too
    if (marked := _ANNIVERSARY.search(body)) and all(
            m.start >= max(sent.start, sent.dateline_end) + marked.start()
            for ms in sent.types.values() for m in ms):
        # "commemorated the 40th anniversary of the Dos Erres massacre": a year or more
        # after it by the word itself, whatever date the text does not give
        return f"an anniversary of an earlier event ({marked.group()})"
    if (marked := _COMMEMORATING.search(body)) and all(
            m.start >= max(sent.start, sent.dateline_end) + marked.start()
            for ms in sent.types.values() for m in ms if not m.weak) \
            and _long_ago(body, filed_in(sent, dates, "dates"), pub):
        # "families gathered in Visegrad to commemorate Bosniaks killed in the town in
        # 1992": the remembering is the news, the killing a year or more before it
        # (but "a vigil for the 12 killed on Saturday" remembers the news itself)
        return f"a commemoration of an earlier event ({marked.group()})"
    if strong and _PROTESTING.search(body) and all(
            _ABOUT.search(text, max(sent.start, m.start - 60), m.start)
            for ms in sent.types.values() for m in ms if not m.weak):
        return "a protest about an attack, not the attack"
    if (plan := _ORDERED_NOT_BEGUN.search(body)) and not _FOUND_NOW.search(body):
        # "a court authorised the exhumation of a Civil War grave, but work has not yet
        # begun": an order, no finding and no digging yet
        return f"ordered, not yet carried out ({plan.group()[:50]})"
    if (court := _COURT.search(body)) and not (
            court.group().lower() == "tribunal" and _FIELDWORK.search(body)):
        # (but "the peace tribunal exhumed the remains", "investigators from the tribunal
        # opened a grave": a tribunal's work at the site, not its ruling)
        return f"a court's decision ({court.group()})"
    if strong <= {KILLING} and (crime := _CRIME.search(body)):
        return f"crime, not conflict ({crime.group()})"
    if strong <= {KILLING} and (crime := _FEUD.search(body)) and all(
            (c.high if c.high is not None else c.best) <= FEW_DEAD
            for c in filed_in(sent, counts, "counts") if c.category == "killed"):
        # "two men were shot dead in a gang killing", "two herders were killed in a cattle
        # raid": crime, which monitors of political violence leave out (a gang's massacre
        # of a party, fifteen dead, stays an incident)
        return f"crime, not conflict ({crime.group()})"
    if strong == {ABDUCTION} and (taken := [c for c in filed_in(sent, counts, "counts")
                                            if c.category == "missing"]) \
            and all(COMBATANTS.search(c.phrase) for c in taken) \
            and not civilians_told(text, max(sent.start, sent.dateline_end), sent.end):
        # "militants crossed the border with five border guards abducted": soldiers or
        # police taken are no abduction of civilians (the annotation rules' kind)
        return "the taken are soldiers or police"
    if ABDUCTION in strong and (caught := _CAUGHT.search(body)):
        return f"the arrest of suspects ({caught.group()[:40]})"
    if (strong <= {ABDUCTION} or _only_actors(sent, strong) or _only_held(sent, strong)) \
            and (arrest := _ARREST.search(body)) and not _HURT.search(body) \
            and (not strong or _only_held(sent, strong)
                 or "suspect" in arrest.group().lower()) \
            and not _ill_treated_next(text, sent.end):
        # (the arrested named as gunmen: "Soldiers arrest six suspected cartel gunmen")
        return f"an arrest ({arrest.group()[:40]})"
    if _only_actors(sent, strong) \
            and not _told(_HARM, text, max(sent.start, sent.dateline_end),
                          min(len(text), sent.end + HARM_AFTER)):
        # (what the gunmen did may follow: "four gunmen entered the campus. They ...")
        return "no one harmed: the trigger names only who acted"
    if strong & WEAPONS and strong <= WEAPONS | {KILLING} \
            and (defused := _DEFUSED.search(body)) and not _told(
                _HURT if _INTERCEPTED.search(body) or _CLEARANCE.search(defused.group())
                else _WENT_OFF, body, 0, len(body)):
        # (a clearance sets off what it finds on purpose: "detonating several unexploded
        # shells" harms no one unless the text says so)
        return f"an explosive made safe, none went off ({defused.group()})"
    # (weak words alone too: "an Abu Sayyaf member was killed and a soldier wounded")
    if (strong == {KILLING} or not strong and set(sent.types) <= {KILLING}) \
            and not _EXECUTION.search(body) \
            and not civilians_told(text, max(sent.start, sent.dateline_end), sent.end,
                                   killing=True) and (any(
                COMBATANTS.search(c.phrase) for c in filed_in(sent, counts, "counts"))
                or not filed_in(sent, counts, "counts") and _FIGHTERS_KILLED.search(body)):
        # (a figure or none: "gunmen attacked the town, killing soldiers before being
        # repelled")
        return FIGHTERS_DEAD
    if (strong & _STRIKES and strong <= _STRIKES | {KILLING}
            or strong & {"explosive_mine"} and strong <= WEAPONS | {KILLING}
            # (a mine lies in wait for anyone: recorded whoever it struck)
            and (_MINE.search(body) is None or _SUICIDE.search(body))) \
            and not _EXECUTION.search(body) \
            and not _CIVILIAN_PLACE.search(body) \
            and not civilians_told(text, max(sent.start, sent.dateline_end), sent.end,
                                   killing=True):
        harmed = [c for c in filed_in(sent, counts, "counts")
                  if c.category in ("killed", "injured", "bodies_found")]
        aimed = _aimed_at_soldiers(body) or _SUICIDE.search(body) is not None
        if _fighters(harmed) or not harmed and aimed and _FIGHTERS_KILLED.search(body):
            # "Jets pounded hideouts ..., killing four suspected militants": a strike on
            # fighters, no civilian or captive harmed (the annotation rules record none).
            # So is a bomb whose harmed are all soldiers ("a roadside bomb wounded two
            # soldiers"); one that names no one harmed is aimed only when a suicide
            # bomber or a military target is named ("a suicide car bombing killed 40
            # paramilitary troops").
            return "a strike on fighters: the harmed are fighters or soldiers"
    # (one body found is one death too: "The body of a woman was found in ...")
    killed = [c for c in filed_in(sent, counts, "counts") if c.category == "killed"
              or c.category == "bodies_found" and not strong]
    arrests = _ARRESTS if _SUSPECTS_HELD.search(body) else frozenset()
    if strong <= {KILLING} and set(sent.types) - arrests <= {KILLING} and killed and all(
            (c.high if c.high is not None else c.best) == 1 for c in killed) \
            and not _executed(body) and not _victim_of_note(body) \
            and not _ANOTHER_VICTIM.search(body):
        return SINGLE_KILLING if strong else ONE_DEAD
    if not any(c.category in ("killed", "bodies_found", "injured")
               for c in filed_in(sent, counts, "counts")) \
            and (mixed := _MIXED_CAMPAIGN.search(body)):
        # "relatives had been killed by Russian air strikes and shelling in March": two
        # kinds of fire over a period, no figure: a siege's course, no one event
        return f"a campaign of fire, not an event ({mixed.group()})"
    if strong and strong <= _STRIKES and (hit := _INFRASTRUCTURE_HIT.search(body)) \
            and not filed_in(sent, counts, "counts") and not _told(_HURT, body, 0, len(body)) \
            and not ((nxt := _NEXT_SENTENCE.match(text, sent.end))
                     and _told(_HURT, text, sent.end, nxt.end())):
        # "power had been partly restored after Russian strikes on energy infrastructure":
        # damage with no one harmed (the annotation rules record none; but "... struck a
        # substation. A worker was killed": the harm the next sentence tells)
        return f"damage to infrastructure, no one harmed ({hit.group()})"
    if not fine_place and (many := _MANY_PLACES.search(body)) \
            or "and" in body and (many := _LISTED_DIVISIONS.search(body)):
        # (or three divisions or more by name: "in Donetsk, Kharkiv, Kherson and
        # Zaporizhzhia regions")
        return f"many places at once ({many.group()})"
    if not strong and (still := _STILL_MISSING.search(body)) and all(
            c.category == "missing" for c in filed_in(sent, counts, "counts")):
        # "Around 1,000 people are still missing": those never found, years on, with no
        # word of their taking
        return f"a tally of the missing, not an event ({still.group()})"
    if not filed_in(sent, counts, "counts") and (going := _STILL_REPORTED.search(body)):
        # "HRMMU continued to receive reports of civilians killed by shelling, including
        # in Donetsk city and in Oleshky": a monitor's running account, no one event told
        return f"reports that go on arriving, no one event ({going.group()})"
    if not fine_place and (summed := _COUNTED_SERIES.search(body)):
        # (a sentence that names the towns is about each: "in two massacres ... in the
        # city of Bab and the town of Qbasin")
        return f"a sum over several events, not one ({summed.group()})"
    cues = [m.group() for m in GENERIC.finditer(body)]
    has_count = any(c.category in ("killed", "bodies_found")
                    for c in filed_in(sent, counts, "counts"))
    # A sentence that names the site of a strong trigger is about that site, whatever
    # context it adds ("the site at al-Qutayfah was one of several graves across the
    # country"); without one, general wording makes it background.
    limit = 3 if fine_place and strong else 2
    if not has_count and not fine_place and (
            series := next((c for c in cues if _A_SERIES.fullmatch(c)), None)):
        # (in the lead too: "a public hearing into a pattern of military air strikes
        # that have killed civilians in the North-West": many events, none told; the
        # general words found above hold it)
        return f"general or background wording ({series})"
    if len(cues) >= limit or (cues and not has_count and not fine_place
                              and sent.role in ("body", "near")):
        return f"general or background wording ({', '.join(dict.fromkeys(cues))})"
    triggers = [m.start for ms in sent.types.values() for m in ms]
    # The dates of the sentence's event: not a report's, not a period's start, and not
    # far from every event word ("the Christmas Eve killings in Mo So ... fuelling
    # outrage against the military that took power in February").
    own = [d for d in filed_in(sent, dates, "dates")
           if d.kind != "report" and not starts_a_period(text, d)
           and (not triggers or min(abs(d.start - t) for t in triggers) <= OWN_DATE_CHARS)
           and not _dates_another_noun(text, d.start, d.end, triggers)]
    if pub is not None and not own:
        # "a 2009 suicide bombing", "the 2014 massacre": a year as an adjective.
        years = [int(m.group(1)) for m in _YEAR.finditer(text, sent.start, sent.end)
                 if not re.search(r"\bsince\s+$", text[max(0, m.start() - 8):m.start()], re.I)
                 and any(abs(m.start() - t) <= 40 for t in triggers)
                 and not _dates_another_noun(text, m.start(), m.end(), triggers)]
        if years and max(years) < pub[0].year - 1:
            return f"old: dated long before publication ({max(years)})"
    if pub is not None and own:
        recent = [d for d in own if d.date_end >= pub[0] - timedelta(days=RECENT_DAYS)]
        old = [d for d in own if d.date_end < pub[0] - timedelta(days=OLD_DAYS)]
        if old and not recent:
            return f"old: dated long before publication ({old[0].text})"
    return None


def _long_ago(body: str, own: Sequence, pub: tuple[date, date] | None) -> bool:
    """Does `body` place something a year or more before its own days (or, with none,
    before publication): a year written before them, "annual", "two years since"?"""
    ref = max([d.date_end.year for d in own] + ([pub[0].year] if pub else []), default=None)
    return any(m["year"] is None or ref is not None and int(m["year"]) < ref
               for m in _LONG_AGO.finditer(body))


def _told(words: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Does text[start:end] hold one of `words` outside a denial ("No casualties
    reported", "no one was hurt")?"""
    denied = [(m.start(), m.end() + 12) for m in _UNHARMED.finditer(text, start, end)]
    return any(not any(a <= w.start() < b for a, b in denied)
               for w in words.finditer(text, start, end))


# "victims of a 2002 military operation": a year before a noun dates that noun
_ATTRIBUTIVE_YEAR = re.compile(r"\b(?:a|an|the|its|their|his|her|this|that)\s+$", re.I)
_NOUN_AFTER = re.compile(r"(?:\s+[a-z][\w-]*){1,3}")


def _dates_another_noun(text: str, start: int, end: int, triggers: Sequence[int]) -> bool:
    """Is text[start:end] a bare year used as an adjective ("a 2002 military operation")
    before words that hold no event word of the sentence?  It dates that thing, not the
    sentence's event ("the 2014 massacre" is the event's own year)."""
    if not (end - start == 4 and text[start:end].isdigit()) \
            or not _ATTRIBUTIVE_YEAR.search(text, max(0, start - 8), start):
        return False
    m = _NOUN_AFTER.match(text, end)
    return m is not None and not any(end <= t < m.end() for t in triggers)


def starts_a_period(text: str, d) -> bool:
    """`since 2015`, `since the war began in November`: the start of a period, not an
    event's date."""
    if WHEN_AFTER.match(text, d.end):
        return False  # "the most killed since 28 April, when a missile hit Uman": its day
    return bool(_SINCE_BEFORE.search(text, max(0, d.start - 75), d.start)) \
        or d.text.lower().startswith("since")


# "since Islamist violence erupted in the west African country in 2015": one clause back.
# "when the coalition began bombing Yemen in March 2015": a campaign's first day, too
_SINCE_BEFORE = with_first(re.compile(
    r"\b(?:since\b[^.;,]{0,70}|(?:began|begun|started|launched)\s+(?:(?:its|their|a|an|the)"
    r"\s+)?(?:[\w-]+\s+){0,2}?(?:campaign|offensive|invasion|intervention|war|operations?"
    r"|(?:bombing|shelling|striking)\s+(?!(?:of|the|a)\b)(?-i:[A-Z])[\w-]+)\b[^.;,]{0,40})$",
    re.I))


def reports_event(text: str, sent: Sentence, counts: Sequence) -> set[str]:
    """The types a sentence reports an event of: its strong triggers, or a weak word
    when the sentence counts victims (`killing at least 14`) or names civilians."""
    strong = strong_types(sent)
    if strong:
        return strong
    weak = set(sent.types)
    if not weak:
        return set()
    # Soldiers or fighters killed without a word of the targeted kinds: a battle, which
    # monitors record apart ("12 soldiers were killed when militants attacked a base").
    # (of the taken, the missing count: "23 missing after raid on Gardez")
    harm = ("killed", "bodies_found", "missing") if "abduction" in weak \
        else ("killed", "bodies_found")
    victims = any(c.category in harm and not COMBATANTS.search(c.phrase)
                  for c in filed_in(sent, counts, "counts"))
    if victims:
        return weak
    if weak <= {KILLING}:
        # "Supporters stormed government buildings": people acting, no one hurt
        return weak if civilians_told(text, sent.start, sent.end, killing=True) \
            and (_HURT.search(text, sent.start, sent.end)
                 or _WOUNDING.search(text, sent.start, sent.end)) else set()
    if civilians_told(text, sent.start, sent.end):
        return weak
    return set()


COMBATANTS = with_first(re.compile(
    r"\b(?:soldiers?|troops|servicem[ae]n|fighters?|militants?|rebels?|insurgents?|jihadists?"
    r"|separatists?|guerrill?as?|police|defen[cs]e\s+volunteers|militia\s+members"
    r"|peacekeepers?"
    r"|armed\s+(?:(?-i:[A-Z])[\w-]+\s+)?men"  # ("two armed Fatah men")
    r"|gunmen|militiam[ae]n|terrorists?|combatants?|policem[ae]n|police officers?|guards?"
    r"|officers?|gendarmes?|security\s+forces|suspects|bandits|kidnappers|robbers|gangsters"
    r"|operatives|paramilitar(?:y|ies)|commandos|troopers|marines|conscripts"
    r"|Taliban|jihadis|extremists|cadres|levies|jawans?|rangers|constables?"
    r"|(?:(?-i:[A-Z])[\w-]+\s+){1,2}(?:members?|personnel)"  # "Frontier Corps personnel"
    # a group named by its initials alone: "7 ADF killed", "seven VDP dead"
    r"|(?-i:(?!IDP)[A-Z]{2,6})(?=\s+(?:were\s+)?(?:killed|dead|wounded|injured)\b)"
    r"|gang\s+members?|cartel\s+members?"
    r"|attackers?|assailants?"
    r"|(?-i:[A-Z]{2,6})\s+dissidents"  # ("10 FARC dissidents": an armed group's)
    r"|(?:security|military|army|police|FC|paramilitary|defen[cs]e|levies)\s+personnel"
    r"|members of the (?:security|armed|regime|army|military|police|militia|rebel))\b", re.I))
# "killing soldiers", "killed several policemen": the dead, counted by no figure, are
# fighters
_FIGHTERS_KILLED = re.compile(
    r"\b(?:killing|killed|kills?|assassinated|shot\s+dead|gunned\s+down)\s+(?:(?:several"
    r"|some|many|a\s+number\s+of|dozens\s+of|scores\s+of|a\s+few|an?)\s+)?"
    # ("gunmen assassinated a security officer")
    r"(?:government\s+|army\s+|security\s+|battalion\s+|militia\s+|rebel\s+|key\s+"
    # ("killing several RSF fighters", "kills Taliban commander", "a CAFGU militiaman")
    r"|senior\s+|top\s+|(?-i:[A-Z]{2,6})\s+|(?-i:[A-Z][a-z]+)\s+)?(?:soldiers?|troops"
    r"|officers?|commanders?|policem[ae]n|police\s+officers?|gendarmes?|militants?"
    r"|fighters?|insurgents?|rebels?"
    # ("troops had killed several gunmen in the Beit Hanoun area": the armed, not victims)
    r"|servicem[ae]n|gunm[ae]n|militiam[ae]n|jihadists?|terrorists?|combatants?|attackers?"
    r"|assailants?|peacekeepers?)\b"
    # "..., Ukrainian troops killed.": the dead named, no figure, at the clause's end
    r"|\b(?:soldiers|troops|servicemen|fighters|militants|insurgents)\s+(?:were\s+)?killed"
    r"\s*(?:[.;]|$)"
    # a headline's one dead: "Serviceman killed as army positions come under fire"
    # (who he fought for may come first: "Palestinian militant killed in Beit Hanoun")
    r"|(?:^|\|)\s*(?:an?\s+|one\s+)?(?:(?-i:[A-Z])[\w-]+\s+){0,2}(?:soldier|serviceman"
    r"|fighter|militant|policeman|police\s+officer|gendarme|peacekeeper|commander"
    r"|militiaman)\s+(?:was\s+)?killed\b"
    # "only the bomber was killed": the attacker alone died ("the three bombers were killed")
    r"|\bonly\s+the\s+(?:suicide\s+)?(?:bomber|attacker|assailant)s?\s+(?:was|were)\s+killed\b"
    r"|\bthe\s+(?:two|three|four|five|six|\d+)\s+(?:suicide\s+)?(?:bombers|attackers"
    r"|assailants)\s+were\s+(?:also\s+)?killed\b"
    # "Eight DRG jawans were killed when Maoists blew up their armoured vehicle"
    r"|\b(?:soldiers|troops|servicemen|jawans|policemen|personnel)\s+(?:were\s+)?killed\s+"
    r"when\b"
    # "a suicide car bombing killed 40 Indian paramilitary troops"
    r"|\bkill(?:ed|ing|s)\s+(?:\d+|[a-z]+)\s+(?:(?-i:[A-Z])[\w-]+\s+)?(?:paramilitary\s+)?"
    r"(?:soldiers|troops|servicemen|policemen|personnel)\b",
    re.I)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b(?!\s*(?:people|bodies|civilians|dead|killed|km))")
RETROSPECTIVE = re.compile(
    r"\b(?:(?:\w+|\d+)\s+(?:years?|months?|decades?)\s+(?:later|after|on|ago|since)"
    r"|anniversary|commemorat\w*|remembers?|remembering|recounts?|looks? back)\b", re.I)
