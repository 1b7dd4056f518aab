"""Country demonyms: "Syrian", "Ukrainians", "Britons" name a country without naming it.

News places events by nationality as often as by place name ("Israeli strikes",
"two Britons detained"), and a gazetteer of place names cannot resolve those words.
This module maps each such form to the ISO 3166-1 alpha-2 code of its one country,
using the hand-written table in `geo/data/demonyms.tsv` (its header comment explains
what is in it and what is deliberately left out).

The table is read on first use, not at import, so importing the geoparser stays cheap
for callers that never look a demonym up.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from functools import cache, lru_cache
from importlib.resources import files

__all__ = ["DEMONYMS", "KINDS", "demonym_country", "demonym_kind"]

KINDS = frozenset({"adjective", "people"})
_TABLE = "data/demonyms.tsv"


def _fold(form: str) -> str:
    """The lookup key: composed Unicode, no case, single spaces.

    NFC so that "Burkinabè" typed with a combining accent still matches; spaces
    collapsed so that multi-word forms survive line wrapping in the source text.
    """
    return " ".join(unicodedata.normalize("NFC", form).casefold().split())


def _parse(text: str) -> dict[str, tuple[str, str]]:
    """Rows of the tsv as folded form -> (code, kind); reject a malformed table loudly.

    The table is project data, so an error in it is a bug to fix, not input to skip.
    """
    table: dict[str, tuple[str, str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise ValueError(f"{_TABLE}:{number}: expected 3 tab-separated fields: {line!r}")
        form, code, kind = (f.strip() for f in fields)
        if len(code) != 2 or not code.isascii() or not code.isupper() or kind not in KINDS:
            raise ValueError(f"{_TABLE}:{number}: bad country code or kind: {line!r}")
        key = _fold(form)
        if key in table:
            raise ValueError(f"{_TABLE}:{number}: {form!r} is listed twice")
        table[key] = (code, kind)
    return table


@cache
def _load() -> dict[str, tuple[str, str]]:
    return _parse(files("geo").joinpath(_TABLE).read_text(encoding="utf-8"))


class _LazyTable(Mapping[str, tuple[str, str]]):
    """A read-only mapping that reads the tsv the first time anything asks for it."""

    def __getitem__(self, key: str) -> tuple[str, str]:
        return _load()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(_load())

    def __len__(self) -> int:
        return len(_load())

    def __contains__(self, key: object) -> bool:
        return key in _load()

    def __repr__(self) -> str:
        return f"<demonyms: {len(self)} forms>"


DEMONYMS: Mapping[str, tuple[str, str]] = _LazyTable()
"""Casefolded form -> (ISO 3166-1 alpha-2 code, kind)."""


@lru_cache(maxsize=50_000)
def _entry(word: str) -> tuple[str, str] | None:
    # Cached: recognition asks about every capitalised word of every article.
    return _load().get(_fold(word))


def demonym_country(word: str) -> str | None:
    """The country a demonym names: "syrian" -> "SY", "Ukrainians" -> "UA", else None.

    Case is ignored, so a caller that must not read "polish" or "turks" as a
    nationality should only pass capitalised tokens.
    """
    entry = _entry(word)
    return entry[0] if entry else None


def demonym_kind(word: str) -> str | None:
    """"adjective" or "people" for a demonym, else None.

    A form that is both (Syrian) counts as "adjective"; its plural (Syrians) as "people".
    """
    entry = _entry(word)
    return entry[1] if entry else None
