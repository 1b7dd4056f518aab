"""`geo incidents`, `geo map` and `geo eval incidents`: the incident pipeline's commands."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from geo.cli.common import (
    CONTEXT,
    _run_settings,
    checked_output,
    gazetteer_option,
    open_gazetteer,
    run_options,
)


@contextmanager
def _incident_run(inputs, taxonomy, corrections, workers, dask_address, cache_dir, no_cache,
                  quiet, gazetteer_path, max_chars):
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
            grouping=lambda: steps.spinner("grouping claims"),
            max_chars=max_chars or None) as found:
        run.incidents = len(found)
        yield steps, run, found


def _written(run, *outputs) -> str:
    """The last line of a run: how many incidents went where (and how many of them
    have no point: a null geometry in GeoJSON, a placemark without one in KML)."""
    names = " and ".join(str(o) for o in outputs if o)
    nowhere = f" ({run.without_point:,} without a point)" if run.without_point else ""
    return f"geo: {run.incidents:,} incidents{nowhere}" + (f" -> {names}" if names else "")


@click.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              callback=checked_output, help="Write here (atomically) instead of stdout.")
@click.option("--format", "fmt",
              type=click.Choice(["geojson", "csv", "json", "kml", "gpkg"]), default=None,
              help="Output format [default: from the -o extension, else geojson]; gpkg "
                   "(GeoPackage, for QGIS) needs -o.")
@click.option("--taxonomy", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Incident types and trigger terms [default: the packaged taxonomy.toml].")
@click.option("--corrections", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("corrections.toml"), show_default=True,
              help="Analyst corrections applied on every run (ignored if absent).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              callback=checked_output,
              help="Also write the run report as JSON: every document (processed with its "
                   "counts, truncated or skipped with the reason) and every warning.")
@run_options
@gazetteer_option
def incidents(inputs, output, fmt, taxonomy, corrections, report, workers, dask_address,
              cache_dir, no_cache, max_chars, quiet, gazetteer_path):
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
      geo incidents reports/ -o incidents.gpkg
      geo incidents reports/ --workers 4 --report run.json -o incidents.geojson
    """
    from geo.output.exports import chunks, write

    if fmt is None:
        ext = output.suffix.lower().lstrip(".") if output else ""
        fmt = {"csv": "csv", "json": "json", "kml": "kml", "gpkg": "gpkg"}.get(ext, "geojson")
    if fmt == "gpkg" and output is None:
        raise click.UsageError("--format gpkg writes a database file: give it with -o FILE.gpkg")
    with _incident_run(inputs, taxonomy, corrections, workers, dask_address, cache_dir,
                       no_cache, quiet, gazetteer_path, max_chars) as (steps, run, found):
        if run.processed:
            if output is not None:
                with steps.spinner(f"writing {fmt}"):
                    write(found, output, fmt)
            else:
                out = click.get_text_stream("stdout")
                for piece in chunks(found, fmt):
                    out.write(piece)
    if report:
        run.write(report)
    run.print()
    if run.processed:  # else nothing was written, and the report said so
        click.echo(_written(run, output), err=True)
    run.close()
    sys.exit(run.exit_code)


@click.command("map", context_settings=CONTEXT)
@click.argument("inputs", nargs=-1)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              callback=checked_output,
              help="The HTML map to write (atomically), e.g. maps/seeds.html.")
@click.option("--geojson", "geojson_out", type=click.Path(dir_okay=False, path_type=Path),
              callback=checked_output, help="Also write the incidents as GeoJSON here.")
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
         dask_address, cache_dir, no_cache, max_chars, quiet, gazetteer_path):
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
    from geo.output.mapping import build_map, read_incidents_geojson
    from geo.run.report import Steps

    if from_geojson and inputs:
        raise click.UsageError("give either INPUTS or --from, not both")
    if from_geojson:
        data = read_incidents_geojson(from_geojson)
        with Steps(quiet) as steps, steps.spinner("writing the map"), \
                _map_labels(gazetteer_path) as labels:
            build_map(data, output, title=title, labels=labels)
        nowhere = sum(f.get("geometry") is None for f in data["features"])
        click.echo(f"geo: {len(data['features']):,} incidents"
                   + (f" ({nowhere:,} without a point)" if nowhere else "")
                   + f" -> {output}", err=True)
        sys.exit(0)
    if not inputs:
        raise click.UsageError("missing INPUTS (or --from FILE.geojson)")
    with _incident_run(inputs, taxonomy, corrections, workers, dask_address, cache_dir,
                       no_cache, quiet, gazetteer_path, max_chars) as (steps, run, found):
        if run.processed:
            if geojson_out:
                with steps.spinner("writing GeoJSON"):
                    write(found, geojson_out, "geojson")
            with steps.spinner("writing the map"), _map_labels(gazetteer_path) as labels:
                # Features are made as the page is written, one incident at a time; the
                # labels follow them, from the points and sites the page received.
                build_map({"type": "FeatureCollection", "features": map(feature, found)},
                          output, title=title, labels=labels)
    run.print()
    if run.processed:
        click.echo(_written(run, output, geojson_out), err=True)
    run.close()
    sys.exit(run.exit_code)


@contextmanager
def _map_labels(gazetteer_path):
    """The map's place labels and site names, from the gazetteer: a function of the
    features written (None, with a warning, when there is no gazetteer to read)."""
    from geo.errors import GazetteerError
    from geo.gazetteer.labels import map_labels

    try:
        gaz = open_gazetteer(gazetteer_path)
    except GazetteerError as exc:
        click.echo(f"geo: warning: no town labels or other site names on the map: {exc}",
                   err=True)
        yield None
        return
    with gaz:
        yield lambda features: map_labels(gaz, features)


@click.command("incidents", context_settings=CONTEXT)
@click.argument("gold", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              callback=checked_output,
              help="Also write the metrics as JSON here (the reference scorer's keys).")
@click.option("--articles", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Articles whose titles name the sources of a GeoJSON input [default: "
                   "articles.jsonl beside GOLD, if any].")
@click.option("--errors", is_flag=True, help="Also list each missed and each wrong incident.")
@click.option("--taxonomy", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Incident types and trigger terms [default: the packaged taxonomy.toml].")
@click.option("--corrections", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Analyst corrections to apply before scoring.")
@run_options
@gazetteer_option
def eval_incidents(gold, inputs, output, articles, errors, taxonomy, corrections, workers,
                   dask_address, cache_dir, no_cache, max_chars, quiet, gazetteer_path):
    """Score incidents against hand-annotated gold: precision, recall, site, type, date
    and count accuracy, and pairwise grouping, per article (definitions: the reference
    scorer shared/eval/score_incidents.py, whose figures these equal).

    INPUTS are the articles (any input `geo incidents` reads: the pipeline runs first)
    or one incidents GeoJSON written by `geo incidents` or another tool.

    \b
    Examples:
      geo eval incidents gold.jsonl articles.jsonl -o metrics.json
      geo eval incidents gold.jsonl out.geojson --errors
    """
    from geo.atomic import atomic_write
    from geo.incidents.evaluate import load_gold, load_titles, score
    from geo.output.exports import to_geojson

    rows = load_gold(gold)
    if len(inputs) == 1 and str(inputs[0]).lower().endswith(".geojson"):
        try:
            data = json.loads(Path(inputs[0]).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise click.UsageError(f"{inputs[0]}: not readable GeoJSON ({exc})") from None
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
            raise click.UsageError(f"{inputs[0]}: not a GeoJSON FeatureCollection")
        features = data.get("features") or []
        titles = load_titles(articles or Path(gold).with_name("articles.jsonl"))
        exit_code = 0
    else:
        with _incident_run(inputs, taxonomy, corrections, workers, dask_address, cache_dir,
                           no_cache, quiet, gazetteer_path, max_chars) as (_steps, run, found):
            features = to_geojson(found)["features"]
        titles = load_titles(articles) if articles else {}
        run.print()
        exit_code = run.exit_code
    result = score(features, rows, titles)
    if output:
        with atomic_write(output) as fh:
            fh.write(json.dumps(result.summary, indent=1, default=str) + "\n")
    if errors:
        click.echo("\n".join(result.lines))
    click.echo(result.text())
    sys.exit(exit_code)
