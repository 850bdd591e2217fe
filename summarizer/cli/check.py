"""`summarizer check --source ARTICLE SUMMARY`: list the summary's unsupported figures."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app
from ._common import EXIT_OK, EXIT_PARTIAL, fail


@app.command("check")
def check_cli(
    summary: str = typer.Argument(..., help="File holding the summary to check ('-' reads stdin)."),
    source: str = typer.Option(..., "--source", "-s", help="The article the summary claims to summarise."),
) -> None:
    """Print every figure in SUMMARY that the source article does not state.

    Exit status 0 when all are supported, 1 when some are not, 2 on a usage or input error.
    """
    from ..errors import InputError
    from ..figures import check_figures
    from ..ingest import read_article

    try:
        articles = read_article(source)
        summary_articles = read_article(summary)
    except InputError as exc:
        raise fail(str(exc))
    source_text = "\n\n".join(a.text for a in articles)
    summary_text = "\n\n".join(a.text for a in summary_articles)
    unsupported = check_figures(summary_text, source_text)
    for fig in unsupported:
        typer.echo(f"unsupported: {fig.text}  ({fig.kind}; not stated in {source})")
    if unsupported:
        typer.echo(f"{len(unsupported)} unsupported figure(s) in {summary}", err=True)
        raise typer.Exit(EXIT_PARTIAL)
    typer.echo(f"all figures in {Path(summary).name if summary != '-' else 'stdin'} are stated in the source", err=True)
    raise typer.Exit(EXIT_OK)
