"""`summarizer check --source ARTICLE SUMMARY`: list the summary's unsupported figures."""

from __future__ import annotations

import sys

import typer

from . import app
from ._common import EXIT_OK, EXIT_PARTIAL, fail


def _read_summary(path: str) -> str:
    """The summary exactly as written: no cleaning, so no line of it escapes the check."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
    except FileNotFoundError:
        raise fail(f"{path}: no such file or directory")
    except IsADirectoryError:
        raise fail(f"{path}: is a directory")
    except PermissionError:
        raise fail(f"{path}: permission denied")
    except OSError as exc:
        raise fail(f"{path}: cannot read ({exc.strerror or exc})")
    if b"\x00" in data[:8192]:
        raise fail(f"{path}: binary file")
    # Undecodable bytes become U+FFFD, which can neither hide nor invent a figure.
    return data.decode("utf-8-sig", errors="replace")


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
    except InputError as exc:
        raise fail(str(exc))
    summary_text = _read_summary(summary)
    if not summary_text.strip():
        raise fail(f"{summary}: empty summary")
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
