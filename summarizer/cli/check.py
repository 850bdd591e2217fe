"""`summarizer check --source ARTICLE SUMMARY`: list the summary's unsupported figures."""

from __future__ import annotations

import os

import typer

from ..settings import DEFAULT_MAX_BYTES
from . import app
from ._common import EXIT_OK, EXIT_PARTIAL, fail, warn


def _read_summary(path: str, max_bytes: int) -> str:
    """The summary's text, uncleaned (no line of it escapes the check), decoded as articles are."""
    from ..errors import InputError
    from ..ingest import read_text

    try:
        text, warnings = read_text(path, max_bytes=max_bytes)
    except InputError as exc:
        raise fail(str(exc))
    for w in warnings:
        warn(f"{path}: {w}")
    return text


@app.command("check")
def check_cli(
    summary: str = typer.Argument(..., help="File holding the summary to check ('-' reads stdin)."),
    source: str = typer.Option(..., "--source", "-s", help="The article the summary claims to summarise."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1, help="Refuse a source or summary larger than this."),
) -> None:
    """Print every figure in SUMMARY that the source article does not state.

    Exit status 0 when all are supported, 1 when some are not, 2 on a usage or input error.
    """
    from ..errors import InputError
    from ..figures import check_figures
    from ..ingest import read_article

    if source != "-" and os.path.isdir(source):
        raise fail(f"{source}: is a directory; --source takes one article file")
    try:
        articles = read_article(source, max_bytes=max_bytes)
    except InputError as exc:
        raise fail(str(exc))
    summary_text = _read_summary(summary, max_bytes)
    if not summary_text.strip():
        raise fail(f"{summary}: empty summary")
    # The article text, as the engine's guard sees it: boilerplate ("Read more: 300 jobs cut")
    # states nothing.
    source_text = "\n\n".join(a.text for a in articles)
    unsupported = check_figures(summary_text, source_text)
    for fig in unsupported:
        typer.echo(f"unsupported: {fig.text}  ({fig.kind}; not stated in {source})")
    name = "stdin" if summary == "-" else summary
    if unsupported:
        typer.echo(f"{len(unsupported)} unsupported figure(s) in {name}", err=True)
        raise typer.Exit(EXIT_PARTIAL)
    typer.echo(f"all figures in {name} are stated in the source", err=True)
    raise typer.Exit(EXIT_OK)
