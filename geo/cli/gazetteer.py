"""`geo geocode`, `geo reverse` and `geo gazetteer build|info|import`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from geo.cli.common import (
    CONTEXT,
    _out,
    checked_output,
    gazetteer_option,
    open_gazetteer,
)
from geo.errors import EXIT_NO_RESULT, EXIT_PARTIAL, GeoError, NotFound

# --- geocode -----------------------------------------------------------------------------

@click.command(context_settings=CONTEXT)
@click.argument("name", required=False)
@click.option("--country", "-c", metavar="CC",
              help="Only places in this country (ISO 3166 alpha-2).")
@click.option("--near", metavar="LAT,LON", help="Prefer places near this point.")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=5, show_default=True,
              help="How many candidates to show.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--no-fuzzy", is_flag=True, help="Never accept a fuzzy (misspelt) match as a result.")
@click.option("--csv", "csv_in", type=click.Path(dir_okay=False, path_type=Path),
              help="Geocode a column of this CSV file instead of NAME.")
@click.option("--column", multiple=True,
              help="With --csv: the column holding place names; give it again for columns "
                   "of context (--column town --column region --column country).")
@click.option("--country-column",
              help="With --csv: a column of ISO country codes (filter) or country names "
                   "(context).")
@click.option("--encoding", metavar="CODEC",
              help="With --csv: the file's encoding [default: detected: UTF-8, UTF-16 or "
                   "Windows-1252].")
@click.option("--delimiter", metavar="CHAR",
              help="With --csv: the field separator [default: detected: , ; tab or |].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              callback=checked_output,
              help="With --csv: write here (atomically) instead of stdout.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@gazetteer_option
def geocode(name, country, near, limit, as_json, no_fuzzy, csv_in, column, country_column,
            encoding, delimiter, output, quiet, gazetteer_path):
    """Find the places called NAME, best first.

    Each candidate has name, lat, lon, country_code, admin1, feature_code, population,
    geonameid, score (0-1) and match (exact, alternate or fuzzy). Ranking uses the match,
    the feature type (country > capital > town > region), population, --country and
    --near. A comma-qualified NAME ("Izium, Ukraine", "Springfield, IL, USA") is a name
    plus context that ranks its candidates. Exit 1 when nothing matches, with the closest
    names as suggestions.

    With --csv, every row is kept and geo_* columns are appended; the encoding and
    separator are detected. Exit 0 when every row matched, 3 when some did not (the
    output is written; see geo_status and geo_note), 1 when none did.

    \b
    Examples:
      geo geocode Izium
      geo geocode "Izium, Ukraine"
      geo geocode "Kharkiv Oblast" --json
      geo geocode Bucha --country DE
      geo geocode Paris --near 33.66,-95.55 --limit 3
      geo geocode --csv places.csv --column place -o places.geo.csv
      geo geocode --csv sites.csv --column town --column region --country-column iso2
    """
    from geo.gazetteer.geocode import geocode as run_geocode
    from geo.gazetteer.geocode import parse_latlon

    if csv_in is not None:
        if name:
            raise click.UsageError("give either NAME or --csv, not both")
        if not column:
            raise click.UsageError("--csv needs --column NAME_OF_THE_PLACE_COLUMN")
        _geocode_csv(csv_in, list(column), country, country_column, encoding, delimiter,
                     output, quiet, gazetteer_path)
        return
    if name is None:
        raise click.UsageError("missing NAME (or --csv FILE --column COL)")
    for opt, value in (("--column", column), ("--country-column", country_column),
                       ("--encoding", encoding), ("--delimiter", delimiter),
                       ("--output", output)):
        if value:
            raise click.UsageError(f"{opt} goes with --csv")
    point = parse_latlon(near) if near else None
    with open_gazetteer(gazetteer_path) as gaz:
        try:
            cands = run_geocode(gaz, name, country=country, near=point, limit=limit,
                                fuzzy=not no_fuzzy)
        except NotFound as exc:
            if as_json:
                _out({"query": name, "candidates": [], "suggestions": exc.suggestions})
            click.echo(f"geo: {exc}", err=True)
            if exc.suggestions:
                click.echo(f"did you mean: {'; '.join(exc.suggestions)}", err=True)
            sys.exit(EXIT_NO_RESULT)
    if as_json:
        from geo.gazetteer.query import describe

        with open_gazetteer(gazetteer_path) as gaz:
            parsed = describe(gaz, name, run_geocode)
        _out({"query": name, **({"parsed": parsed} if parsed else {}),
              "candidates": [c.model_dump(mode="json") for c in cands]})
        return
    for i, c in enumerate(cands, 1):
        where = ", ".join(x for x in (c.name, c.admin1, c.country_code) if x)
        via = f" via {c.matched_name!r}" if c.matched_name != c.name else ""
        click.echo(
            f"{i}. {where}  {c.lat:.5f}, {c.lon:.5f}  {c.feature_code or c.feature_class}"
            f"  pop {c.population:,}  id {c.geonameid}  score {c.score:.2f}  {c.match}{via}"
        )


def _geocode_csv(csv_in, columns, country, country_column, encoding, delimiter, output,
                 quiet, gazetteer_path):
    from geo.gazetteer.batch import geocode_csv
    from geo.gazetteer.geocode import check_country

    cc = check_country(country)
    with open_gazetteer(gazetteer_path) as gaz:
        if cc and gaz.country(cc) is None:
            raise click.UsageError(f"--country {country}: the gazetteer has no such country")
        kw = {"country": cc, "country_column": country_column, "encoding": encoding,
              "delimiter": delimiter}
        if quiet or output is None:
            counts = geocode_csv(gaz, csv_in, columns, output, **kw)
        else:
            from rich.progress import Progress

            with Progress(transient=True) as bar:
                task = bar.add_task(f"geocoding {csv_in.name}", total=None)

                def tick(done: int, total: int) -> None:
                    bar.update(task, completed=done, total=total)

                counts = geocode_csv(gaz, csv_in, columns, output, progress=tick, **kw)
    fmt = counts["format"]
    click.echo(
        f"geo: {counts['rows']:,} rows: {counts['ok']:,} matched, {counts['not_found']:,} "
        f"not found, {counts['error']:,} errors" + (f" -> {output}" if output else "")
        + f" (read as {fmt.label})",
        err=True,
    )
    missed = counts["not_found"] + counts["error"]
    if missed and counts["ok"] == 0:
        sys.exit(EXIT_NO_RESULT)
    if missed:
        sys.exit(EXIT_PARTIAL)


# --- reverse -----------------------------------------------------------------------------

@click.command(context_settings={**CONTEXT, "ignore_unknown_options": True})
@click.argument("lat", type=str)
@click.argument("lon", type=str)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@gazetteer_option
def reverse(lat, lon, as_json, gazetteer_path):
    """What is at LAT LON: the nearest populated place, its admin1 and the country.

    The country is the Natural Earth shape that contains the point; admin1 is that of the
    nearest populated place in that country. Exit 1 when the point is more than 200 km
    from any place and in no country.

    \b
    Examples:
      geo reverse 49.2069 37.2768
      geo reverse -33.92 18.42 --json
    """
    from geo.gazetteer.geocode import reverse as run_reverse

    with open_gazetteer(gazetteer_path) as gaz:
        try:
            res = run_reverse(gaz, lat, lon)
        except NotFound as exc:
            if as_json:
                _out({"lat": lat, "lon": lon, "place": None})
            click.echo(f"geo: {exc}", err=True)
            sys.exit(EXIT_NO_RESULT)
    if as_json:
        _out(res.model_dump(mode="json"))
        return
    if res.place is not None:
        p = res.place
        click.echo(f"place:   {p.name} ({p.feature_code}, pop {p.population:,}, id {p.geonameid})"
                   f"  {res.distance_km:.1f} km away")
    click.echo(f"admin1:  {res.admin1 or '-'}")
    c = res.country
    click.echo(f"country: {c.name} ({c.country_code}, id {c.geonameid})" if c else "country: -")


# --- gazetteer ---------------------------------------------------------------------------

@click.group(context_settings=CONTEXT)
def gazetteer() -> None:
    """Build, inspect and extend the offline gazetteer.

    \b
    Examples:
      geo gazetteer build
      geo gazetteer info --json
      geo gazetteer import SY.zip alternateNamesV2.zip
    """


@gazetteer.command("build", context_settings=CONTEXT)
@gazetteer_option
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
def gazetteer_build(gazetteer_path, quiet):
    """(Re)build the embedded default gazetteer from installed packages (no download).

    Populated places with population >= 500 and all their GeoNames alternate names,
    every country and the first- and second-order administrative divisions. The new
    database replaces the old one only when complete. Files imported earlier with
    `geo gazetteer import` are not carried over: import them again.
    """
    from geo.gazetteer.build import build
    from geo.paths import default_gazetteer

    target = gazetteer_path or default_gazetteer()
    previous = _previous_imports(target)

    def say(msg: str) -> None:
        if not quiet:
            click.echo(f"geo: {msg}", err=True)

    counts = build(target, say)
    click.echo(
        f"built {target}: {counts['populated_places']:,} populated places, "
        f"{counts['divisions']:,} divisions, {counts['countries']:,} countries, "
        f"{counts['continents']:,} continents"
    )
    if previous:
        click.echo("geo: the previous database had imports that are now gone; import them "
                   "again with `geo gazetteer import " + " ".join(previous) + "`", err=True)
    else:
        click.echo("geo: note: files added with `geo gazetteer import` are not part of a "
                   "rebuild; import them again after every build", err=True)


def _previous_imports(target: Path) -> list[str]:
    if not target.exists():
        return []
    try:
        from geo.gazetteer.lookup import Gazetteer

        with Gazetteer(target, local_tsv=False) as g:
            return [i["file"] for i in g.info()["imports"]]
    except GeoError:
        return []


@gazetteer.command("info", context_settings=CONTEXT)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@gazetteer_option
def gazetteer_info(as_json, gazetteer_path):
    """Counts, sources, import history and build date of the gazetteer."""
    with open_gazetteer(gazetteer_path) as gaz:
        info = gaz.info()
    if as_json:
        _out(info)
        return
    click.echo(f"gazetteer:   {info['path']} ({info['size_mb']} MB)")
    click.echo(f"built:       {info['build_date']} in {info['build_seconds']} s")
    click.echo(f"places:      {info['places']:,} ({info['names']:,} names)")
    click.echo(f"countries:   {info['countries']:,}  admin1: {info['admin1']:,}  "
               f"admin2: {info['admin2']:,}")
    classes = ", ".join(f"{k} {v:,}" for k, v in sorted(info["by_feature_class"].items()))
    click.echo(f"by class:    {classes}")
    click.echo("sources:")
    for s in info["sources"]:
        click.echo(f"  - {s['package']} {s.get('version', '')}: {s['data']} ({s['licence']})")
    click.echo("coordinates:")
    for k, v in info["coordinates"].items():
        click.echo(f"  - {k}: {v}")
    click.echo("imports:" + ("" if info["imports"] else " none"))
    for i in info["imports"]:
        click.echo(f"  - {i['date']} {i['file']} ({i['kind']}, {i['rows']:,} rows"
                   f"{', ' + format(i['skipped'], ',') + ' skipped' if i.get('skipped') else ''})")
    lt = info["local_tsv"]
    click.echo(f"local.tsv:   {lt['path']}: {lt['places']} places")


@gazetteer.command("import", context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--skip-bad-lines", is_flag=True,
              help="Skip malformed lines (counted and reported) instead of stopping.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
@gazetteer_option
def gazetteer_import(files, skip_bad_lines, quiet, gazetteer_path):
    """Add full GeoNames dump files to the gazetteer (zipped or not).

    FILES are any of: allCountries.txt or a country file such as SY.txt (places),
    alternateNamesV2.txt (names), admin1CodesASCII.txt and admin2Codes.txt (division
    names). They stream in constant memory; the database is replaced only when every
    file has been read, so a failed import changes nothing. A malformed line stops the
    import with its file and line number, unless --skip-bad-lines.

    \b
    Example:
      geo gazetteer import admin1CodesASCII.txt admin2Codes.txt SY.zip alternateNamesV2.zip
    """
    from geo.gazetteer.geonames_import import import_files
    from geo.paths import default_gazetteer

    target = gazetteer_path or default_gazetteer()

    def say(msg: str) -> None:
        if not quiet:
            click.echo(f"geo: {msg}", err=True)

    records = import_files(target, list(files), say, skip_bad_lines=skip_bad_lines)
    for r in records:
        skipped = f", {r['skipped']:,} bad lines skipped" if r.get("skipped") else ""
        click.echo(f"imported {r['file']}: {r['kind']}, {r['rows']:,} rows{skipped}")
