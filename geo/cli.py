"""The `geo` command line: every command is a thin shell over a Python function.

Exit codes, the same for every command: 0 ok; 1 no result; 2 usage error or nothing
readable; 3 partial (outputs written, some inputs skipped, listed in the run report).
Errors are one line on stderr (`geo: error: ...`); set GEO_DEBUG=1 for a traceback.
Heavy modules are imported inside the commands so `geo --help` and a single
`geo geocode` start quickly.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from geo import __version__
from geo.errors import EXIT_NO_RESULT, EXIT_USAGE, GeoError, NotFound
from geo.run.report import tune_gc

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


# --- geocode -----------------------------------------------------------------------------

@cli.command(context_settings=CONTEXT)
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
@click.option("--column", help="With --csv: the column holding place names.")
@click.option("--country-column", help="With --csv: a column of ISO country codes to filter by.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="With --csv: write here (atomically) instead of stdout.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@gazetteer_option
def geocode(name, country, near, limit, as_json, no_fuzzy, csv_in, column, country_column,
            output, quiet, gazetteer_path):
    """Find the places called NAME, best first.

    Each candidate has name, lat, lon, country_code, admin1, feature_code, population,
    geonameid, score (0-1) and match (exact, alternate or fuzzy). Ranking uses the match,
    the feature type (country > capital > town > region), population, --country and
    --near. Exit 1 when nothing matches, with the closest names as suggestions.

    \b
    Examples:
      geo geocode Izium
      geo geocode "Kharkiv Oblast" --json
      geo geocode Bucha --country DE
      geo geocode Paris --near 33.66,-95.55 --limit 3
      geo geocode --csv places.csv --column place -o places.geo.csv
    """
    from geo.gazetteer.geocode import geocode as run_geocode
    from geo.gazetteer.geocode import parse_latlon

    if csv_in is not None:
        if name:
            raise click.UsageError("give either NAME or --csv, not both")
        if not column:
            raise click.UsageError("--csv needs --column NAME_OF_THE_PLACE_COLUMN")
        _geocode_csv(csv_in, column, country, country_column, output, quiet, gazetteer_path)
        return
    if name is None:
        raise click.UsageError("missing NAME (or --csv FILE --column COL)")
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
        _out({"query": name, "candidates": [c.model_dump(mode="json") for c in cands]})
        return
    for i, c in enumerate(cands, 1):
        where = ", ".join(x for x in (c.name, c.admin1, c.country_code) if x)
        via = f" via {c.matched_name!r}" if c.matched_name != c.name else ""
        click.echo(
            f"{i}. {where}  {c.lat:.5f}, {c.lon:.5f}  {c.feature_code or c.feature_class}"
            f"  pop {c.population:,}  id {c.geonameid}  score {c.score:.2f}  {c.match}{via}"
        )


def _geocode_csv(csv_in, column, country, country_column, output, quiet, gazetteer_path):
    from geo.gazetteer.batch import geocode_csv
    from geo.gazetteer.geocode import check_country

    cc = check_country(country)
    with open_gazetteer(gazetteer_path) as gaz:
        if quiet or output is None:
            counts = geocode_csv(gaz, csv_in, column, output, country=cc,
                                 country_column=country_column)
        else:
            from rich.progress import Progress

            with Progress(transient=True) as bar:
                task = bar.add_task(f"geocoding {csv_in.name}", total=None)

                def tick(done: int, total: int) -> None:
                    bar.update(task, completed=done, total=total)

                counts = geocode_csv(gaz, csv_in, column, output, country=cc,
                                     country_column=country_column, progress=tick)
    click.echo(
        f"geo: {counts['rows']:,} rows: {counts['ok']:,} matched, {counts['not_found']:,} "
        f"not found, {counts['error']:,} errors" + (f" -> {output}" if output else ""),
        err=True,
    )


# --- reverse -----------------------------------------------------------------------------

@cli.command(context_settings={**CONTEXT, "ignore_unknown_options": True})
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


# --- parse and eval ----------------------------------------------------------------------

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



@cli.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json",
              show_default=True, help="Output format: one JSON array, or one document per line.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here (atomically) instead of stdout.")
@click.option("--gold-spans", is_flag=True,
              help="Resolve the `toponyms` spans the inputs already carry; no recognition.")
@click.option("--with-text", is_flag=True,
              help="Include each document's text (always included for .html inputs).")
@run_options
@gazetteer_option
def parse(inputs, fmt, output, gold_spans, with_text, workers, dask_address, cache_dir,
          no_cache, quiet, gazetteer_path):
    """Find and resolve every place mentioned in articles.

    INPUTS are files or folders of .txt/.md, .html, .json/.jsonl/.csv, or - for stdin.
    Each document comes out as {"id", "toponyms": [...]}; each toponym has its span
    (start, end: code-point offsets), text, kind (place, demonym, embedded, coordinates),
    name, geonameid, lat, lon, feature_code, country_code, admin1, precision,
    uncertainty_km, relation and anchor, confidence, reason and candidates. An
    unresolved place keeps its span with null coordinates and a reason.

    \b
    Examples:
      geo parse seeds/
      geo parse article.html --format jsonl -o places.jsonl
      geo parse corpus.jsonl --gold-spans --format jsonl
      geo parse corpus/ --workers 4 --format jsonl -o places.jsonl
    """
    from geo.run.pipeline import parse_documents
    from geo.run.report import JsonWriter, RunReport, Steps

    workers, cache = _run_settings(workers, no_cache, cache_dir)
    report = RunReport()
    with open_gazetteer(gazetteer_path) as gaz, Steps(quiet) as steps, \
            JsonWriter(output, fmt) as out:
        for record in parse_documents(
                list(inputs), gaz, gold_spans=gold_spans, with_text=with_text, report=report,
                workers=workers, dask=dask_address, cache_dir=cache,
                progress=steps.counter("parsing documents")):
            out.write(record)
    report.print()
    sys.exit(report.exit_code)


@cli.command("eval", context_settings=CONTEXT)
@click.argument("gold", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--gold-spans", is_flag=True,
              help="Resolve the gold spans (measures disambiguation alone).")
@click.option("--kinds", default="place,demonym,embedded,coordinates", show_default=True,
              help="Predicted kinds that count (comma-separated).")
@click.option("--split", type=click.Choice(["all", "odd", "even"]), default="all",
              show_default=True,
              help="Odd lines (1st, 3rd...) are the development half, even lines the test half.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the metrics as JSON here.")
@gazetteer_option
def eval_(gold, gold_spans, kinds, split, output, gazetteer_path):
    """Measure recognition and resolution against a gold JSONL corpus.

    Recognition: precision, recall and F1 under the exact, overlap and EUPEG matching
    rules. Resolution (pairs matched by the EUPEG rule): accuracy@161 km, mean and median
    error in km, AUC, GeoNames-id match. Also documents per second. Definitions:
    shared/eval/README.md.

    \b
    Examples:
      geo eval ../shared/eval/lgl.jsonl
      geo eval ../shared/eval/geowebnews.jsonl --gold-spans --split even -o metrics.json
    """
    import time

    from geo.places.evaluate import score
    from geo.places.parse import parse_document
    from geo.read import Document, read_inputs

    wanted = {k.strip() for k in kinds.split(",") if k.strip()}
    bad = wanted - {"place", "demonym", "embedded", "coordinates"}
    if bad:
        raise click.UsageError(f"unknown kinds: {', '.join(sorted(bad))}")
    rows = []
    seconds = 0.0
    with open_gazetteer(gazetteer_path) as gaz:
        for n, doc in enumerate(read_inputs([gold])):
            if split == "odd" and n % 2 == 1 or split == "even" and n % 2 == 0:
                continue
            if not isinstance(doc, Document) or doc.gold_toponyms is None:
                continue
            t0 = time.perf_counter()
            pd = parse_document(doc.id, doc.text, gaz,
                                gold_spans=doc.gold_toponyms if gold_spans else None)
            seconds += time.perf_counter() - t0
            pred = [t.model_dump() for t in pd.toponyms if t.kind in wanted]
            rows.append((doc.text, doc.gold_toponyms, pred))
    if not rows:
        raise click.UsageError(f"{gold}: no documents with gold toponyms")
    metrics = score(rows)
    metrics.docs_per_second = round(len(rows) / seconds, 1) if seconds else None
    if output:
        from geo.atomic import atomic_write

        with atomic_write(output) as fh:
            fh.write(metrics.model_dump_json(indent=2))
    r, res = metrics.recognition, metrics.resolution
    mode = "gold spans" if gold_spans else "end to end"
    click.echo(f"{gold.name} ({split}, {mode}): {metrics.docs} docs, "
               f"{metrics.gold_toponyms} gold, {metrics.predicted_toponyms} predicted")
    if not gold_spans:
        for rule in ("exact", "overlap", "eupeg"):
            x = r[rule]
            click.echo(f"  recognition {rule:8} P {x.precision:.3f}  R {x.recall:.3f}  "
                       f"F1 {x.f1:.3f}")
    fmt = lambda v, f: "-" if v is None else format(v, f)  # noqa: E731
    click.echo(f"  resolution  acc@161km {fmt(res.accuracy_161km, '.3f')}  "
               f"mean {fmt(res.mean_error_km, ',.0f')} km  median "
               f"{fmt(res.median_error_km, ',.1f')} km  AUC {fmt(res.auc, '.3f')}  "
               f"id match {fmt(res.geonameid_match, '.3f')}  ({res.pairs} pairs)")
    click.echo(f"  speed       {metrics.docs_per_second} docs/s")


@contextmanager
def _incident_run(inputs, taxonomy, corrections, workers, dask_address, cache_dir, no_cache,
                  quiet, gazetteer_path):
    """What `geo incidents` and `geo map` share: progress display, gazetteer and run.
    Yields (steps, run report, incidents); the incidents are built as they are read."""
    from geo.run.pipeline import incident_run
    from geo.run.report import RunReport, Steps

    workers, cache = _run_settings(workers, no_cache, cache_dir)
    run = RunReport()
    with Steps(quiet) as steps, open_gazetteer(gazetteer_path) as gaz, incident_run(
            list(inputs), gaz, taxonomy_path=taxonomy, corrections_path=corrections,
            report=run, workers=workers, dask=dask_address, cache_dir=cache,
            progress=steps.counter("reading and parsing documents"),
            grouping=lambda: steps.spinner("grouping claims")) as found:
        run.incidents = len(found)
        yield steps, run, found


@cli.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here (atomically) instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(["geojson", "csv", "json", "kml"]),
              default=None, help="Output format [default: from the -o extension, else geojson].")
@click.option("--taxonomy", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Incident types and trigger terms [default: the packaged taxonomy.toml].")
@click.option("--corrections", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("corrections.toml"), show_default=True,
              help="Analyst corrections applied on every run (ignored if absent).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the run report (processed, skipped with reasons) as JSON.")
@run_options
@gazetteer_option
def incidents(inputs, output, fmt, taxonomy, corrections, report, workers, dask_address,
              cache_dir, no_cache, quiet, gazetteer_path):
    """Extract dated incidents with victim counts and group reports by site and date.

    Each incident: type, site (with honest precision and uncertainty), date range
    (precision and kind: event, discovery, exhumation or report), counts per source
    (low/best/high), the number of independent sources and a grading (weak/fair), and
    every source with its quoted sentence. Rules and formats: README, "Incidents".

    \b
    Examples:
      geo incidents seeds/ -o maps/seeds.geojson
      geo incidents reports/ --format csv -o incidents.csv
      geo incidents seeds/ --format kml -o seeds.kml
      geo incidents reports/ --workers 4 --report run.json -o incidents.geojson
    """
    from geo.output.exports import chunks, write

    if fmt is None:
        ext = output.suffix.lower().lstrip(".") if output else ""
        fmt = {"csv": "csv", "json": "json", "kml": "kml"}.get(ext, "geojson")
    with _incident_run(inputs, taxonomy, corrections, workers, dask_address, cache_dir,
                       no_cache, quiet, gazetteer_path) as (steps, run, found):
        if run.processed:
            if output is not None:
                with steps.spinner(f"writing {fmt}"):
                    write(found, output, fmt)
            else:
                out = click.get_text_stream("stdout")
                for piece in chunks(found, fmt):
                    out.write(piece)
    if report:
        from geo.atomic import atomic_write

        with atomic_write(report) as fh:
            fh.write(json.dumps(run.as_dict(), indent=1))
    run.print()
    click.echo(f"geo: {run.incidents:,} incidents" + (f" -> {output}" if output else ""),
               err=True)
    sys.exit(run.exit_code)


@cli.command("map", context_settings=CONTEXT)
@click.argument("inputs", nargs=-1)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The HTML map to write (atomically), e.g. maps/seeds.html.")
@click.option("--geojson", "geojson_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the incidents as GeoJSON here.")
@click.option("--from", "from_geojson", type=click.Path(dir_okay=False, exists=True,
              path_type=Path), help="Map an existing incidents GeoJSON instead of INPUTS.")
@click.option("--title", default="Incidents", show_default=True, help="The map's title.")
@click.option("--taxonomy", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Incident types and trigger terms [default: the packaged taxonomy.toml].")
@click.option("--corrections", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("corrections.toml"), show_default=True,
              help="Analyst corrections applied on every run (ignored if absent).")
@run_options
@gazetteer_option
def map_(inputs, output, geojson_out, from_geojson, title, taxonomy, corrections, workers,
         dask_address, cache_dir, no_cache, quiet, gazetteer_path):
    """Run the whole pipeline and draw a self-contained HTML map (works offline).

    One marker per incident, coloured by type, sized by count, with an uncertainty
    halo; coarse places drawn as hollow rings; popups list every source with its quoted
    sentence. All scripts and styles are inlined: the file works from a USB stick.

    \b
    Examples:
      geo map seeds/ -o maps/seeds.html --geojson maps/seeds.geojson
      geo map --from incidents.geojson -o maps/incidents.html --title "Izium, 2022"
    """
    from geo.output.exports import feature, write
    from geo.output.mapping import build_map
    from geo.run.report import Steps

    if from_geojson and inputs:
        raise click.UsageError("give either INPUTS or --from, not both")
    if from_geojson:
        try:
            data = json.loads(from_geojson.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise click.UsageError(f"{from_geojson}: not readable GeoJSON ({exc})") from None
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
            raise click.UsageError(f"{from_geojson}: not a GeoJSON FeatureCollection")
        with Steps(quiet) as steps, steps.spinner("writing the map"):
            build_map(data, output, title=title)
        click.echo(f"geo: {len(data.get('features') or []):,} incidents -> {output}",
                   err=True)
        sys.exit(0)
    if not inputs:
        raise click.UsageError("missing INPUTS (or --from FILE.geojson)")
    with _incident_run(inputs, taxonomy, corrections, workers, dask_address, cache_dir,
                       no_cache, quiet, gazetteer_path) as (steps, run, found):
        if run.processed:
            if geojson_out:
                with steps.spinner("writing GeoJSON"):
                    write(found, geojson_out, "geojson")
            with steps.spinner("writing the map"):
                # Features are made as the page is written, one incident at a time.
                build_map({"type": "FeatureCollection", "features": map(feature, found)},
                          output, title=title)
    run.print()
    if run.processed:
        click.echo(f"geo: {run.incidents:,} incidents -> {output}"
                   + (f" and {geojson_out}" if geojson_out else ""), err=True)
    sys.exit(run.exit_code)


@cli.command("train-recognizer", context_settings=CONTEXT)
@click.argument("corpora", nargs=-1, required=True,
                type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(__file__).parent / "data" / "recognizer.json", show_default=True)
@gazetteer_option
def train_recognizer(corpora, output, gazetteer_path):
    """Fit the recognition filter on the development half (odd lines) of gold corpora.

    The even lines are never read, so `geo eval --split even` stays a fair test.

    \b
    Example:
      geo train-recognizer ../shared/eval/lgl.jsonl ../shared/eval/geowebnews.jsonl
    """
    from geo.places.train import train

    with open_gazetteer(gazetteer_path) as gaz:
        model = train(list(corpora), gaz, output)
    click.echo(f"trained on {model['examples']:,} candidates ({model['positives']:,} places), "
               f"threshold {model['threshold']} -> {output}")


# --- gazetteer ---------------------------------------------------------------------------

@cli.group(context_settings=CONTEXT)
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
        exc.show()
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
