"""Small helpers shared by the command modules: one-line errors and warnings on stderr."""

from __future__ import annotations

import sys

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
