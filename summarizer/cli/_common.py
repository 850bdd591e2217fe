"""Small helpers shared by the command modules: one-line errors and warnings on stderr."""

from __future__ import annotations

import sys
from contextlib import nullcontext

import typer

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2


def error(message: str) -> None:
    """Print a one-line error to stderr."""
    typer.echo(f"Error: {message}", err=True)


def warn(message: str) -> None:
    """Print a one-line warning to stderr."""
    typer.echo(f"Warning: {message}", err=True)


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print the error and return the Exit to raise."""
    error(message)
    return typer.Exit(code)


def stderr_is_tty() -> bool:
    return sys.stderr.isatty()


def progress_bar(enabled: bool, counted: bool = False):
    """A transient rich progress display on stderr, or a null context when not enabled.

    counted=True: a spinner with "N articles summarised" (the total is not known ahead);
    otherwise a bar per stage ("stage" field) with done/total.
    """
    if not enabled:
        return nullcontext(None)
    from rich.console import Console
    from rich.progress import (
        BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
    )

    if counted:
        columns = (SpinnerColumn(), TextColumn("{task.completed} articles summarised"))
    else:
        columns = (TextColumn("[bold]{task.fields[stage]}"), BarColumn(), MofNCompleteColumn())
    return Progress(
        *columns,
        TextColumn("[dim]{task.description}" if counted else "{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
