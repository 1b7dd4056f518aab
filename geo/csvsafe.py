"""CSV cells that spreadsheets never run as formulas (CSV injection, OWASP).

Article titles and outlets, and the cells of a user's own CSV, reach the CSVs this tool
writes (`geo incidents --format csv`, `geo geocode --csv`).  A cell such as
`=HYPERLINK("http://x", "click")` or `=cmd|' /C calc'!A0` is run by Excel, LibreOffice
or Google Sheets when the file is opened.  Every CSV writer passes its rows through
`safe_row`.
"""

from __future__ import annotations

import re

# What starts a formula in a spreadsheet (OWASP, "CSV Injection"); a tab or carriage
# return first makes some of them skip to the next character.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula: text starting with `=`, `+`,
    `-`, `@`, a tab or a carriage return (after any leading spaces) gets a leading `'`,
    which spreadsheets show as text and hide.  Numbers, and text that is a plain number
    (`-37.31` read from a CSV), are left alone, so numeric columns stay numeric."""
    if not isinstance(value, str) or not value:
        return value
    start = value.lstrip(" ")[:1]
    if start and start in _FORMULA_START and not _NUMBER.fullmatch(value.strip(" ")):
        return "'" + value
    return value


def safe_row(row: dict) -> dict:
    """Every cell of a CSV row through `safe_cell`."""
    return {k: safe_cell(v) for k, v in row.items()}
