"""The `summarizer` command: a thin typer layer over the library.

Exit status: 0 success; 1 some input could not be summarised (the rest were) or,
for `check`, some figure is unsupported; 2 usage or input error.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="summarizer",
    help="Offline briefs of news articles: a short situational summary plus key-figure bullets, "
    "every figure stated in the source.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click help: rich's help renderer costs ~90 ms of start-up on every `--help`.
    rich_markup_mode=None,
)

# Command modules register themselves on `app`; they import the library lazily so
# `summarizer --help` stays fast.
from . import check, digest, models, summarize  # noqa: E402,F401


def main() -> None:
    """Console-script entry point."""
    app()
