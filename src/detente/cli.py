"""The `detente` command: a thin layer over the library."""

from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from detente import __version__
from detente.datafiles import DictionaryError
from detente.ingest.text import DEFAULT_MAX_BYTES, InputProblem, read_inputs
from detente.nlp import ModelNotInstalled
from detente.output import CsvWriter, print_table, write_jsonl

err_console = Console(stderr=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="detente")
def main() -> None:
    """detente: code international news into political events (CAMEO/PLOVER).

    \b
    Example:
      detente code article.txt
    """


@main.command("code")
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "article_date", help="Article date (YYYY-MM-DD) for every input.")
@click.option(
    "--format", "output_format", type=click.Choice(["table", "jsonl", "csv"]), default="table",
    show_default=True, help="Output format.",
)
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(),
              help="Extra actor/verb dictionary (YAML, same keys as the packaged tables).")
@click.option("--model", help="spaCy pipeline to use instead of the default (or $DETENTE_MODEL).")
@click.option("--domestic", is_flag=True, help="Also emit events inside one state.")
@click.option("--processes", default=1, show_default=True, help="Parser processes.")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest input file accepted as one article.")
def code_command(
    paths: tuple[str, ...],
    article_date: str | None,
    output_format: str,
    dictionaries: tuple[str, ...],
    model: str | None,
    domestic: bool,
    processes: int,
    max_bytes: int,
) -> None:
    """Code news text into events. PATHS are .txt files, directories, or - for stdin.

    \b
    Examples:
      detente code article.txt
      detente code news/ --format jsonl > events.jsonl
      cat article.txt | detente code - --date 2001-10-05 --format csv
    """
    from detente.coder import Coder

    try:
        coder = Coder(model=model, dictionaries=dictionaries, domestic=domestic)
    except (DictionaryError, ModelNotInstalled) as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        sys.exit(2)
    articles, problems = [], []
    for item in read_inputs(list(paths), date=article_date, max_bytes=max_bytes):
        (problems if isinstance(item, InputProblem) else articles).append(item)
    for problem in problems:
        err_console.print(f"[red]error:[/red] {problem}", highlight=False, soft_wrap=True)
    if not articles:
        sys.exit(2)
    out = Console(width=None if sys.stdout.isatty() else 160)
    csv_writer = CsvWriter(sys.stdout) if output_format == "csv" else None
    total = 0
    with _progress(len(articles)) as progress:
        task = progress.add_task("coding", total=len(articles))
        for article, events in coder.code_articles(articles, n_process=processes):
            total += len(events)
            if output_format == "jsonl":
                write_jsonl(events, sys.stdout)
            elif csv_writer:
                csv_writer.write(events)
            else:
                print_table(events, f"{article.doc_id} ({article.date or 'no date'})", out)
            progress.update(task, advance=1, description=f"coding: {total} events")
    if output_format == "table":
        err_console.print(f"{len(articles)} article(s), {total} event(s), "
                          f"{len(problems)} input problem(s)")


def _progress(total: int) -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, transient=True, disable=total < 2 or not err_console.is_terminal,
    )
