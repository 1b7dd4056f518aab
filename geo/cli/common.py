"""What the commands share: the gazetteer option and opening, the run options, JSON out."""

from __future__ import annotations

import json
from pathlib import Path

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def gazetteer_option(f):
    """`--gazetteer PATH` (or $GEO_GAZETTEER) on every command."""
    return click.option(
        "--gazetteer", "gazetteer_path", type=click.Path(dir_okay=False, path_type=Path),
        envvar="GEO_GAZETTEER", default=None, show_envvar=True,
        help="Gazetteer database [default: gazetteer/geonames.sqlite in the checkout, "
             "else the user data directory].",
    )(f)


def open_gazetteer(path: Path | None):
    from geo.gazetteer.lookup import Gazetteer

    gaz = Gazetteer(path)
    for w in gaz.warnings:
        click.echo(f"geo: warning: {w}", err=True)
    return gaz


def _out(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def run_options(f):
    """`--workers`, `--dask`, `--cache-dir`, `--no-cache` and `--quiet` (parse, incidents, map)."""
    f = click.option("--quiet", "-q", is_flag=True,
                     help="No progress bars (they show only when stderr is a terminal).")(f)
    f = click.option("--no-cache", is_flag=True,
                     help="Neither read nor write the incremental cache.")(f)
    f = click.option(
        "--cache-dir", type=click.Path(file_okay=False, path_type=Path), envvar="GEO_CACHE_DIR",
        show_envvar=True, default=None,
        help="Where per-document results are cached between runs [default: the user cache "
             "dir, e.g. ~/.cache/geo-incidents].")(f)
    f = click.option(
        "--dask", "dask_address", metavar="SCHEDULER_ADDRESS", default=None,
        help="Run the per-document work on this Dask cluster (e.g. tcp://10.0.0.5:8786); "
             "its workers must reach the --gazetteer path.")(f)
    f = click.option(
        "--workers", "-j", type=click.IntRange(min=1), default=None,
        help="Worker processes for reading, parsing and extraction [default: all cores].")(f)
    return f


def _run_settings(workers, no_cache, cache_dir) -> tuple[int, Path | None]:
    from geo.run.cache import default_cache_dir
    from geo.run.parallel import default_workers

    workers = workers or default_workers()
    cache = None if no_cache else (cache_dir or default_cache_dir())
    return workers, cache
