"""`geo parse`, `geo eval` (places) and `geo train-recognizer`: the geoparser's commands;
`geo eval` is a group whose `incidents` command lives with the incident commands."""

from __future__ import annotations

import sys
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


@click.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json",
              show_default=True, help="Output format: one JSON array, or one document per line.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              callback=checked_output, help="Write here (atomically) instead of stdout.")
@click.option("--gold-spans", is_flag=True,
              help="Resolve the `toponyms` spans the inputs already carry; no recognition.")
@click.option("--with-text", is_flag=True,
              help="Include each document's text (always included for .html inputs).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              callback=checked_output,
              help="Also write the run report as JSON: every document (processed with its "
                   "counts, truncated or skipped with the reason).")
@run_options
@gazetteer_option
def parse(inputs, fmt, output, gold_spans, with_text, report_path, workers, dask_address,
          cache_dir, no_cache, max_chars, quiet, gazetteer_path):
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
            JsonWriter(output, fmt, keep_empty=False) as out:
        for record in parse_documents(
                list(inputs), gaz, gold_spans=gold_spans, with_text=with_text, report=report,
                workers=workers, dask=dask_address, cache_dir=cache,
                progress=steps.counter("parsing documents"), max_chars=max_chars or None):
            out.write(record)
    if report_path:
        report.write(report_path)
    report.print()
    report.close()
    sys.exit(report.exit_code)


class EvalGroup(click.Group):
    """`geo eval GOLD.jsonl` scores places (the original form); `geo eval incidents ...`
    scores incidents.  A first argument that names no subcommand means `places`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["places", *args]
        return super().parse_args(ctx, args)


@click.group("eval", cls=EvalGroup, context_settings=CONTEXT)
def eval_group() -> None:
    """Measure accuracy against gold data: places (`geo eval GOLD.jsonl`, the same as
    `geo eval places GOLD.jsonl`) or incidents (`geo eval incidents GOLD.jsonl INPUT...`).

    \b
    Examples:
      geo eval ../shared/eval/lgl.jsonl --split even
      geo eval incidents ../shared/eval/incidents-dev/gold.jsonl \\
          ../shared/eval/incidents-dev/articles.jsonl -o metrics.json
    """


@eval_group.command("places", context_settings=CONTEXT)
@click.argument("gold", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--gold-spans", is_flag=True,
              help="Resolve the gold spans (measures disambiguation alone).")
@click.option("--kinds", default="place,demonym,embedded,coordinates", show_default=True,
              help="Predicted kinds that count (comma-separated).")
@click.option("--split", type=click.Choice(["all", "odd", "even"]), default="all",
              show_default=True,
              help="Odd lines (1st, 3rd...) are the development half, even lines the test half.")
@click.option("--texts", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Read the documents' texts from this file, matched by id: for gold "
                   "files that hold only ids and toponyms (annotations kept apart from "
                   "texts one may not copy).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              callback=checked_output, help="Also write the metrics as JSON here.")
@gazetteer_option
def eval_(gold, gold_spans, kinds, split, texts, output, gazetteer_path):
    """Measure recognition and resolution against a gold JSONL corpus.

    Recognition: precision, recall and F1 under the exact, overlap and EUPEG matching
    rules. Resolution (pairs matched by the EUPEG rule): accuracy@161 km, mean and median
    error in km, AUC, GeoNames-id match. Also documents per second. Definitions:
    shared/eval/README.md.

    \b
    Examples:
      geo eval ../shared/eval/lgl.jsonl
      geo eval places ../shared/eval/geowebnews.jsonl --gold-spans --split even -o m.json
      geo eval tests/fixtures/places/incidents_dev_places.jsonl \
          --texts ../shared/eval/incidents-dev/articles.jsonl
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
    documents = read_inputs([gold]) if texts is None else _with_texts(gold, texts)
    with open_gazetteer(gazetteer_path) as gaz:
        for n, doc in enumerate(documents):
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


def _with_texts(gold: Path, texts: Path):
    """The gold file's documents (id and toponyms per line) with their texts from `texts`,
    read as any input is (so offsets meet the same cleaned text `geo parse` reads)."""
    import json

    from geo.read import Document, read_inputs

    by_id = {d.id: d for d in read_inputs([texts]) if isinstance(d, Document)}
    with open(gold, encoding="utf-8") as fh:
        for k, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                doc_id, toponyms = str(row["id"]), list(row["toponyms"])
            except (ValueError, KeyError, TypeError) as e:
                raise click.UsageError(f"{gold}:{k}: not a gold line with id and toponyms "
                                       f"({type(e).__name__}: {e})") from None
            doc = by_id.get(doc_id)
            if doc is None:
                raise click.UsageError(f"{gold}:{k}: id {doc_id!r} is not in {texts}")
            off = sum(doc.text[t["start"]:t["end"]] != t.get("name", doc.text[t["start"]:t["end"]])
                      for t in toponyms)
            if off:
                click.echo(f"warning: {doc_id}: {off} gold toponym(s) whose name is not the "
                           "text at their offsets", err=True)
            yield doc.model_copy(update={"gold_toponyms": toponyms})


@click.command("train-recognizer", context_settings=CONTEXT)
@click.argument("corpora", nargs=-1, required=True,
                type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(__file__).parent.parent / "data" / "recognizer.json",
              show_default=True)
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
