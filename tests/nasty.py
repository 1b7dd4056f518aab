"""Hostile strings for fuzzing: what scraped news text, spreadsheets and careless
exports put in fields.  Shared by the reader, export and corrections tests.

- lone surrogates (`\\ud83d`: half an emoji, cut by a scraper);
- C0 controls that XML forbids (vertical tab: Word's soft line break, form feed, NUL,
  escape, delete) and line separators;
- spreadsheet formula prefixes (`=`, `+`, `-`, `@`, tab, carriage return) and payloads;
- markup and CSV delimiters;
- any other UTF-8 character.
"""

from __future__ import annotations

from hypothesis import strategies as st

TOKENS = [
    "\ud83d", "\udfff", "\ud800", "\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\x01", "\ufffe",
    "=", "+", "-", "@", "\t", "\r", "\n", "\u2028", "\ufeff", '"', "'", ",", ";", "<", ">",
    "&", "]]>", "=HYPERLINK(\"http://x\")", "=cmd|' /C calc'!A0", "@SUM(1)", "+1", "-2",
    "</script>", "<![CDATA[",
]

NASTY = st.lists(st.one_of(st.sampled_from(TOKENS), st.characters(codec="utf-8")),
                 max_size=12).map("".join)
"""A string mixing the tokens above with any other characters (surrogates included)."""

NASTY_ENCODABLE = NASTY.map(lambda s: "".join(c for c in s if not "\ud800" <= c <= "\udfff"))
"""The same without surrogates: what a reader hands on after cleaning."""
