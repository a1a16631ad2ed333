"""``citecheck eval``: score the pipeline on an evaluation set."""

from __future__ import annotations

import json

import click

from citecheck.cli._base import CONTEXT_SETTINGS, config_option, load_settings, main, translate_errors
from citecheck.evaluate import format_report, run_eval


@main.command(name="eval", context_settings=CONTEXT_SETTINGS)
@click.argument("set_dir", type=click.Path(exists=True, file_okay=False))
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--predictions", type=click.Path(dir_okay=False, writable=True), help="Write JSON lines here.")
@click.option("--judge", default=None, help="Judge: default, nli or llm.")
@click.option("--workdir", type=click.Path(file_okay=False), help="Keep the run's database and WARCs here.")
@translate_errors
def eval_command(
    set_dir: str,
    config_file: str | None,
    as_json: bool,
    predictions: str | None,
    judge: str | None,
    workdir: str | None,
) -> None:
    """Run the real pipeline over an evaluation set and print its scores.

    Verdicts: accuracy, macro-F1, per-label precision/recall, confusion matrix,
    accuracy per tag. Articles: citation precision/recall and claim-span token-F1.

    \b
    Examples:
      citecheck eval ../shared/eval/dev
      citecheck eval ../shared/eval/dev --json --predictions preds.jsonl
    """
    settings = load_settings(config_file, judge=judge)
    result = run_eval(set_dir, settings, predictions_path=predictions, workdir=workdir)
    click.echo(json.dumps(result, indent=2) if as_json else format_report(result))
