"""Errors users see, each carrying the exit code the command line reports.

Exit codes (the same for every command): 0 ok; 1 no result; 2 usage error or nothing
readable; 3 partial (outputs written, some inputs skipped and listed in the run report).
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_NO_RESULT = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3


class GeoError(Exception):
    """A problem the user can fix; its message is printed as one line, never a traceback."""

    exit_code = EXIT_USAGE


class GazetteerError(GeoError):
    """The gazetteer database is missing, unreadable or not ours."""


class InputError(GeoError):
    """A bad argument or input file; the message names the problem (and line, for files)."""


class NotFound(GeoError):
    """A lookup found nothing; carries suggestions for the user."""

    exit_code = EXIT_NO_RESULT

    def __init__(self, message: str, suggestions: list[str] | None = None):
        super().__init__(message)
        self.suggestions = suggestions or []
