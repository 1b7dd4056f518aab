"""What the commands share: the gazetteer option and opening, the run options, output
paths, JSON out, and usage errors as one line."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import click

from geo.errors import InputError

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


def usage_line(exc: click.ClickException) -> str:
    """A click error as the one line the README promises (click prints the usage, a
    hint and the error on three): the message, and where to read more."""
    msg = " ".join(exc.format_message().split())
    ctx = getattr(exc, "ctx", None)
    where = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    return f"geo: error: {msg.rstrip('.')}{where}"


def checked_output(ctx: click.Context, param: click.Parameter, value: Path | None
                   ) -> Path | None:
    """Click callback for `-o`-like options: the folder must exist, or be one level
    below one that does (then it is created, and said so); no deeper tree is made from a
    typo (`-o /nonexistent/deeper/out.geojson`)."""
    if value is None:
        return None
    from geo.paths import prepare_output_folder

    created = prepare_output_folder(value)
    if created is not None:
        click.echo(f"geo: created folder {created}", err=True)
    return value


def max_chars_option(f):
    """`--max-chars N`: the per-document text limit (parse, incidents, map)."""
    from geo.read.limits import MAX_CHARS

    return click.option(
        "--max-chars", type=click.IntRange(min=0), default=MAX_CHARS, show_default=True,
        envvar="GEO_MAX_CHARS", show_envvar=True,
        help="Cut a document's text at this many characters (at a sentence end), noted "
             "in the run report; 0: no limit. Bounds time and memory per document.")(f)


DASK_PROBE_SECONDS = 5.0


def check_dask(ctx: click.Context, param: click.Parameter, address: str | None
               ) -> str | None:
    """Click callback for `--dask`: fail in seconds, with one line, when nothing listens
    at the scheduler's address (dask.distributed would retry for 30 s), and cap the
    client's own connection timeout at 10 s unless the user configured one."""
    if address is None:
        return None
    host, port = _host_port(address)
    if host is not None:
        try:
            socket.create_connection((host, port), timeout=DASK_PROBE_SECONDS).close()
        except TimeoutError:
            raise InputError(f"cannot reach the Dask scheduler at {address}: no answer in "
                             f"{DASK_PROBE_SECONDS:g} s") from None
        except OSError as exc:
            why = exc.strerror or type(exc).__name__
            raise InputError(f"cannot reach the Dask scheduler at {address}: {why}") from None
    if "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT" not in os.environ:
        try:
            import dask

            dask.config.set({"distributed.comm.timeouts.connect": "10s"})
        except ImportError:
            pass
    return address


def _host_port(address: str) -> tuple[str | None, int]:
    """(host, port) of a tcp:// or tls:// scheduler address (port 8786 by default);
    host None for other transports, which are left to dask."""
    scheme, _, rest = address.rpartition("://")
    if scheme not in ("", "tcp", "tls"):
        return None, 0
    rest = rest.split("/", 1)[0]
    if rest.startswith("["):  # [IPv6]:port
        host, _, tail = rest[1:].partition("]")
        port = tail.lstrip(":")
    else:
        host, _, port = rest.rpartition(":") if rest.count(":") == 1 else (rest, "", "")
    if port and not port.isdigit():
        raise InputError(f"--dask {address}: not a scheduler address (tcp://HOST:PORT)")
    return host or "127.0.0.1", int(port or 8786)


def run_options(f):
    """`--workers`, `--dask`, `--cache-dir`, `--no-cache`, `--max-chars` and `--quiet`
    (parse, incidents, map)."""
    f = click.option("--quiet", "-q", is_flag=True,
                     help="No progress bars (they show only when stderr is a terminal).")(f)
    f = max_chars_option(f)
    f = click.option("--no-cache", is_flag=True,
                     help="Neither read nor write the incremental cache.")(f)
    f = click.option(
        "--cache-dir", type=click.Path(file_okay=False, path_type=Path), envvar="GEO_CACHE_DIR",
        show_envvar=True, default=None,
        help="Where per-document results are cached between runs [default: the user cache "
             "dir, e.g. ~/.cache/geo-incidents].")(f)
    f = click.option(
        "--dask", "dask_address", metavar="SCHEDULER_ADDRESS", default=None,
        callback=check_dask,
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
