"""Incident types (mass grave, airstrike, shelling...) found by trigger words.

The types and their trigger words live in a TOML file (`geo/data/taxonomy.toml`) rather
than in code, because the people who use the map know their conflict's vocabulary
("filtration camp", "barrel bomb") better than we do and must be able to add to it
without touching Python.  The file's comments explain the matching rules; this module
enforces them and explains every mistake in a file as a one-line error naming the file.

Matching is deliberately plain: whole words, case-insensitive, a trailing `*` for a
prefix.  A trigger marks a sentence as a claim of that type; deciding whether the claim
is true, or whom it is about, is left to the reader of the quoted sentence.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from geo.errors import InputError
from geo.places.tokens import sentence_bounds

__all__ = [
    "IncidentType", "Taxonomy", "TaxonomyError", "TypeMatch", "claim_sentences",
    "find_types", "load_taxonomy",
]

_PACKAGED = "data/taxonomy.toml"
_KEYS = frozenset({"label", "triggers", "weak", "exclude", "acled", "ucdp", "notes",
                   "weak_together",
                   "acled_event_type", "acled_sub_event_type", "ucdp_type_of_violence"})
_ID = re.compile(r"[a-z][a-z0-9_]*")
# What a space or hyphen inside a trigger stands for: reporters and line wrapping vary.
_SEPARATOR = r"[\s\-‐‑–—]+"
_SPLIT = re.compile(_SEPARATOR)
_APOSTROPHES = re.compile(r"['’]")


class TaxonomyError(InputError, ValueError):
    """A taxonomy file that cannot be used; the message names the file and the problem.

    A ValueError for library callers, an InputError so the command line prints it as one
    line with its usage exit code.
    """


class IncidentType(BaseModel):
    """One incident type as the file defines it (triggers already lower-cased)."""

    model_config = ConfigDict(frozen=True)

    id: str
    label: str
    triggers: list[str]
    weak: list[str] = []
    # different weak words in one trigger-less sentence that together count as a trigger
    weak_together: int | None = None
    exclude: list[str] = []
    acled: str | None = None
    ucdp: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    ucdp_type_of_violence: int | None = None


class Taxonomy(BaseModel):
    """The incident types in use, and the hash of the file they came from.

    Cached results keyed by `sha256` become stale exactly when the file's bytes change.
    """

    model_config = ConfigDict(frozen=True)

    types: list[IncidentType]
    sha256: str
    source: str = ""

    def get(self, type_id: str) -> IncidentType | None:
        return next((t for t in self.types if t.id == type_id), None)


class TypeMatch(BaseModel):
    """One trigger found in a text: which type, where, and which trigger (as written)."""

    model_config = ConfigDict(frozen=True)

    type_id: str
    start: int
    end: int
    trigger: str
    weak: bool = False  # a word that names this type only with other evidence ("killed")
    together: bool = False  # a weak word made a trigger by others of its type beside it


# --- loading ------------------------------------------------------------------------

def load_taxonomy(path: Path | str | None = None) -> Taxonomy:
    """The packaged taxonomy, or the user's file at `path`, which replaces it entirely.

    Replacing rather than merging keeps what runs exactly what the user can read in one
    file.  Raises TaxonomyError (a ValueError) naming the file for anything unusable.
    """
    if path is None:
        return _packaged()
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise TaxonomyError(f"{path}: cannot read the taxonomy file: {e.strerror or e}") from e
    return _parse(data, str(path))


@cache
def _packaged() -> Taxonomy:
    data = files("geo").joinpath(_PACKAGED).read_bytes()
    return _parse(data, f"geo/{_PACKAGED}")


def _parse(data: bytes, source: str) -> Taxonomy:
    def fail(problem: str) -> TaxonomyError:
        return TaxonomyError(f"{source}: {problem}")

    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise fail(f"not UTF-8 text (byte {e.start})") from e
    except tomllib.TOMLDecodeError as e:
        raise fail(f"not valid TOML: {e}") from e
    if not doc:
        raise fail("defines no incident types (add a [type_id] table with triggers)")
    types = []
    for type_id, table in doc.items():
        where = f"[{type_id}]"
        if not isinstance(table, dict):
            raise fail(f"{type_id!r} must be a table like [{type_id}], not a bare value")
        if not _ID.fullmatch(type_id):
            raise fail(f"{where}: type ids use lower-case letters, digits and underscores")
        unknown = sorted(set(table) - _KEYS)
        if unknown:
            raise fail(f"{where}: unknown key(s) {', '.join(unknown)} "
                       f"(allowed: {', '.join(sorted(_KEYS))})")
        label = table.get("label")
        if not isinstance(label, str) or not label.strip():
            raise fail(f"{where}: needs a label, e.g. label = \"Airstrike\"")
        if "triggers" not in table or table["triggers"] in ([], ""):
            raise fail(f"{where}: has no triggers (triggers = [\"word\", ...])")
        triggers = _phrases(table["triggers"], f"{where} triggers", fail)
        weak = [w for w in _phrases(table.get("weak", []), f"{where} weak", fail)
                if w not in triggers]
        exclude = _phrases(table.get("exclude", []), f"{where} exclude", fail)
        notes: dict = {}
        for key in ("acled", "ucdp", "acled_event_type", "acled_sub_event_type"):
            if key in table:
                if not isinstance(table[key], str):
                    raise fail(f"{where}: {key} must be a string")
                notes[key] = table[key]
        if "ucdp_type_of_violence" in table:
            v = table["ucdp_type_of_violence"]
            if isinstance(v, bool) or v not in (1, 2, 3):
                raise fail(f"{where}: ucdp_type_of_violence must be 1, 2 or 3")
            notes["ucdp_type_of_violence"] = v
        if "weak_together" in table:
            v = table["weak_together"]
            if isinstance(v, bool) or not isinstance(v, int) or v < 2:
                raise fail(f"{where}: weak_together must be a whole number of 2 or more")
            notes["weak_together"] = v
        if "notes" in table and not isinstance(table["notes"], str):
            raise fail(f"{where}: notes must be a string")
        types.append(IncidentType(id=type_id, label=label.strip(), triggers=triggers,
                                  weak=weak, exclude=exclude, **notes))
    return Taxonomy(types=types, sha256=hashlib.sha256(data).hexdigest(), source=source)


def _phrases(value: object, where: str, fail) -> list[str]:
    """Checked, lower-cased, de-duplicated trigger or exclude phrases."""
    if not isinstance(value, list):
        raise fail(f"{where} must be a list of strings")
    out: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise fail(f"{where}: {item!r} is not a string")
        phrase = " ".join(item.lower().split())
        stem = phrase.removesuffix("*")
        if not re.match(r"\w", stem):
            raise fail(f"{where}: {item!r} must start with a letter or digit")
        if "*" in stem:
            raise fail(f"{where}: {item!r}: `*` may only end a trigger")
        if phrase.endswith("*") and not re.search(r"\w$", stem):
            raise fail(f"{where}: {item!r}: `*` must follow a letter")
        if GAP in stem and not all(re.search(r"\w", side) for side in stem.split(GAP)):
            raise fail(f"{where}: {item!r}: `{GAP}` must stand between words")
        if phrase not in out:
            out.append(phrase)
    return out


# --- matching -----------------------------------------------------------------------
#
# Trying every trigger at every offset is slow on long articles (one regex alternation
# of ~150 triggers took seconds per 500 kB), so triggers are indexed by the first three
# letters of their first word and tried only where a word starts with those letters.

_WORD = re.compile(r"\w+")


class _LazyPattern:
    """A trigger's regex, compiled the first time it is tried: a taxonomy has hundreds
    of phrases (40 ms of compiling in every process) and a run meets a few of them."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str):
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.source, re.IGNORECASE)
        return compiled.match(text, pos)


class _Entry(NamedTuple):
    rank: int  # the type's position in the taxonomy
    exclude: bool
    phrase: str
    pattern: _LazyPattern
    weak: bool = False


GAP = "..."  # in a trigger: up to GAP_WORDS words ("stabbed ... to death")
GAP_WORDS = 4
# (between the two sides of a gap: a separator, then up to four words and theirs)
_GAP = _SEPARATOR + r"(?:[\w'’]+" + _SEPARATOR + r"){0," + str(GAP_WORDS) + "}"


def _pattern(phrase: str) -> str:
    """Regex source for one trigger: whole words, flexible separators, optional prefix,
    and a few words of any kind where the trigger writes `...`."""
    prefix = phrase.endswith("*")

    def words(side: str) -> str:
        parts = [w for w in _SPLIT.split(side) if w]
        return _SEPARATOR.join("['’]".join(re.escape(p) for p in _APOSTROPHES.split(w))
                               for w in parts)

    sides = [words(side) for side in phrase.removesuffix("*").split(GAP)]
    return r"(?<!\w)" + _GAP.join(sides) + (r"\w*" if prefix else r"(?!\w)")


def _key(phrase: str) -> str:
    first = _WORD.match(phrase)
    return first.group()[:3] if first else ""


@lru_cache(maxsize=32)
def _index(spec: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]
           ) -> dict[str, list[_Entry]]:
    """First letters of a trigger's first word -> the triggers (and excludes) to try."""
    index: dict[str, list[_Entry]] = {}
    for rank, (triggers, weak, exclude) in enumerate(spec):
        for is_exclude, is_weak, phrases in ((False, False, triggers), (False, True, weak),
                                             (True, False, exclude)):
            for phrase in phrases:
                entry = _Entry(rank, is_exclude, phrase, _LazyPattern(_pattern(phrase)),
                               is_weak)
                index.setdefault(_key(phrase), []).append(entry)
    return index


# Characters outside ASCII that case-insensitive matching equates with an ASCII letter
# (İ ı ſ and the Kelvin sign; tests check that there are no others).
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")
_WORD_CACHE = 50_000  # words remembered per taxonomy before the memo starts over
_PLAIN_WORD = re.compile(r"[a-z0-9_]+")


def _first_word(phrase: str) -> tuple[str, bool] | None:
    """A trigger's first word and whether it is a prefix (`kill*`), when the trigger can
    only match where a text's word equals it (or starts with it); None when that cannot
    be said as simply (not plain ASCII letters and digits)."""
    words = [w for w in _SPLIT.split(phrase.removesuffix("*")) if w]
    if not words or not _PLAIN_WORD.fullmatch(words[0]):
        return None
    return words[0], len(words) == 1 and phrase.endswith("*")


class _Plan:
    """Which triggers to try where a word starts, by the word.  Its first letters pick
    the triggers (as the index says), and a trigger whose first word is whole ("mass" of
    "mass grave") can only match a word equal to it, so it is not tried at "massive" or
    "Massachusetts".  Remembered per word: texts have far fewer distinct words than
    words."""

    def __init__(self, spec):
        self.index = _index(spec)
        self.short = sorted({len(k) for k in self.index if len(k) < 3})
        self.memo: dict[str, tuple[_Entry, ...]] = {}
        self.first = {id(e): _first_word(e.phrase)
                      for entries in self.index.values() for e in entries}
        self.ex_by_key = _excludes(spec)[1]
        self.ex_memo: dict[str, tuple[_Entry, ...]] = {}

    def excludes(self, word: str) -> tuple[_Entry, ...]:
        """The excluded phrases to try where `word` starts, as `find_types` looks them up
        by the word's first letters."""
        found = self.ex_memo.get(word)
        if found is not None:
            return found
        low = word.lower()
        out = [e for key in dict.fromkeys([low[:3], *(low[:n] for n in self.short
                                                        if len(low) > n)])
               for e in self.ex_by_key.get(key, ())]
        if len(self.ex_memo) >= _WORD_CACHE:
            self.ex_memo.clear()
        found = self.ex_memo[word] = tuple(out)
        return found

    def entries(self, word: str) -> tuple[_Entry, ...]:
        """The triggers to try where `word` (a whole `\\w+` run) starts, in index order."""
        found = self.memo.get(word)
        if found is not None:
            return found
        low = word.lower()
        exact = _CASE_TRAPS.search(word) is None  # else `low` may differ from a match
        out = []
        for key in dict.fromkeys([low[:3], *(low[:n] for n in self.short if len(low) > n)]):
            for e in self.index.get(key, ()):
                if e.exclude:
                    continue
                first = self.first[id(e)]
                if first is not None and exact:
                    w1, prefix = first
                    if (not low.startswith(w1)) if prefix else low != w1:
                        continue
                out.append(e)
        if len(self.memo) >= _WORD_CACHE:
            self.memo.clear()
        found = self.memo[word] = tuple(out)
        return found


@lru_cache(maxsize=32)
def _plan(spec) -> _Plan:
    return _Plan(spec)


_SPECS: dict[tuple[int, bool], tuple[Taxonomy, tuple]] = {}


def _spec(taxonomy: Taxonomy, weak: bool) -> tuple:
    """The matching spec of a taxonomy (its triggers, weak words and excludes by type),
    kept per taxonomy object: building and hashing it costs more than a short text."""
    held = _SPECS.get((id(taxonomy), weak))
    if held is not None and held[0] is taxonomy:
        return held[1]
    spec = tuple((tuple(t.triggers), tuple(t.weak) if weak else (), tuple(t.exclude))
                 for t in taxonomy.types)
    if len(_SPECS) >= 32:
        _SPECS.clear()
    _SPECS[(id(taxonomy), weak)] = (taxonomy, spec)
    return spec


@lru_cache(maxsize=32)
def _excludes(spec) -> tuple[re.Pattern[str] | None, dict[str, list[_Entry]]]:
    """Where an excluded phrase may start (one regex over its first letters), and the
    excluded phrases by those letters."""
    by_key: dict[str, list[_Entry]] = {}
    for key, entries in _index(spec).items():
        for e in entries:
            if e.exclude and key:
                by_key.setdefault(key, []).append(e)
    if not by_key:
        return None, by_key
    keys = sorted(by_key, key=len, reverse=True)
    return (re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + ")",
                       re.IGNORECASE), by_key)


_EXCLUDE_REACH = 200  # characters an excluded phrase may reach before or after a trigger


def find_types(text: str, taxonomy: Taxonomy, *, weak: bool = False) -> list[TypeMatch]:
    """Every trigger in `text` (minus excluded phrases), ordered by position then type.

    Within one type, overlapping triggers keep the longest match at the leftmost start,
    so "mass graves" is reported once, not also as "mass grave" or "graves".  With
    `weak`, the types' weak words ("killed", "blast") are found too, marked `weak`.
    """
    if not text:
        return []
    spec = _spec(taxonomy, weak)
    plan = _plan(spec)
    hits: list[tuple[int, int, _Entry]] = []
    # Only the triggers that may start at a word are tried there (see _Plan).
    # The words where an excluded phrase may start are noted on the same pass (see below).
    known, entries_at = plan.memo.get, plan.entries
    ex_known, ex_entries_at = plan.ex_memo.get, plan.excludes
    ex_at: list[tuple[int, tuple[_Entry, ...]]] = []
    for word in _WORD.finditer(text):
        w = word.group()
        entries = known(w)
        if entries is None:
            entries = entries_at(w)
        if entries:
            pos = word.start()
            for entry in entries:
                m = entry.pattern.match(text, pos)
                if m:
                    hits.append((m.start(), m.end(), entry))
        ex = ex_known(w)
        if ex is None:
            ex = ex_entries_at(w)
        if ex:
            ex_at.append((word.start(), ex))
    # Excluded phrases, looked for only around the triggers found.
    ex_starts = _excludes(spec)[0]
    windows: list[list[int]] = []
    for s, e, _entry in sorted(hits, key=lambda h: h[0]):
        lo, hi = max(0, s - _EXCLUDE_REACH), min(len(text), e + _EXCLUDE_REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    excluded: list[tuple[int, int, int]] = []  # (start, end, rank)
    if ex_starts is not None and ex_at:
        # Where `ex_starts.finditer(text, lo, hi)` finds a start: only at the start of a
        # word (its look-behind sees the text before `lo` too), and at every word start
        # in the window where it matches (its matches end inside that word), so the
        # words noted above are asked, not every position of the window.
        k, n_at = 0, len(ex_at)
        for lo, hi in windows:
            while k < n_at and ex_at[k][0] < lo:
                k += 1
            while k < n_at and ex_at[k][0] < hi:
                pos, ex = ex_at[k]
                k += 1
                if ex_starts.match(text, pos, hi) is None:
                    continue
                for entry in ex:
                    m = entry.pattern.match(text, pos)
                    if m:
                        excluded.append((m.start(), m.end(), entry.rank))
    found: list[tuple[int, int, int, TypeMatch]] = []
    for rank, itype in enumerate(taxonomy.types):
        blocked = [(s, e) for s, e, r in excluded if r == rank]
        mine = sorted(
            ((s, e, entry) for s, e, entry in hits if entry.rank == rank and not entry.exclude),
            key=lambda h: (h[0], -h[1]),
        )
        last_end = -1
        for start, end, entry in mine:
            if start < last_end or any(s < end and start < e for s, e in blocked):
                continue
            last_end = end
            found.append((start, rank, end, TypeMatch(
                type_id=itype.id, start=start, end=end, trigger=entry.phrase,
                weak=entry.weak)))
    found.sort(key=lambda item: item[:3])
    return [item[3] for item in found]


def claim_sentences(text: str, taxonomy: Taxonomy, matches: list[TypeMatch] | None = None
                    ) -> list[tuple[int, int, list[str]]]:
    """(start, end, type ids) for each sentence holding a trigger, in text order.

    Type ids follow the taxonomy's order and appear once per sentence, so a sentence
    about "airstrikes" and "air raids" is one airstrike claim, not two.  `matches`:
    `find_types(text, taxonomy)` when the caller has it already.
    """
    rank = {t.id: k for k, t in enumerate(taxonomy.types)}
    sentences: dict[tuple[int, int], set[str]] = {}
    for match in find_types(text, taxonomy) if matches is None else matches:
        bounds = sentence_bounds(text, match.start)
        sentences.setdefault(bounds, set()).add(match.type_id)
    return [
        (start, end, sorted(ids, key=rank.__getitem__))
        for (start, end), ids in sorted(sentences.items())
    ]
