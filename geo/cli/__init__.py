"""The `geo` command line: every command is a thin shell over a Python function.

Exit codes, the same for every command: 0 ok; 1 no result; 2 usage error or nothing
readable; 3 partial (outputs written, some inputs skipped, listed in the run report).
Errors are one line on stderr (`geo: error: ...`); set GEO_DEBUG=1 for a traceback.
Heavy modules are imported inside the commands so `geo --help` and a single
`geo geocode` start quickly.  The commands live beside this group, by the part of the
library they drive: `gazetteer` (geocode, reverse, gazetteer build|info|import), `places`
(parse, eval, train-recognizer) and `incidents` (incidents, map); `common` holds the
options and helpers they share.
"""

from __future__ import annotations

import os
import sys

import click

from geo import __version__
from geo.cli import gazetteer, incidents, places
from geo.cli.common import CONTEXT, usage_line
from geo.errors import EXIT_USAGE, GeoError
from geo.run.report import tune_gc


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="geo")
def cli() -> None:
    """Offline geoparser, gazetteer and incident mapper.

    \b
    Examples:
      geo geocode Izium
      geo geocode Bucha --country DE --json
      geo reverse 49.2069 37.2768
      geo gazetteer info
    """


places.eval_group.add_command(incidents.eval_incidents)
for _command in (gazetteer.geocode, gazetteer.reverse, gazetteer.gazetteer, places.parse,
                 places.eval_group, places.train_recognizer, incidents.incidents,
                 incidents.map_):
    cli.add_command(_command)


# --- entry point -------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> None:
    """Run the CLI; turn every failure into one line on stderr and an exit code."""
    tune_gc()
    try:
        cli.main(args=argv, prog_name="geo", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("geo: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        click.echo(usage_line(exc), err=True)
        sys.exit(exc.exit_code)
    except GeoError as exc:
        click.echo(f"geo: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("geo: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        if os.environ.get("GEO_DEBUG"):
            raise
        click.echo(f"geo: internal error: {type(exc).__name__}: {exc} "
                   "(set GEO_DEBUG=1 for details)", err=True)
        sys.exit(EXIT_USAGE)
