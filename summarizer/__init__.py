"""summarizer: offline briefs whose every figure is stated in the source.

    >>> from summarizer import summarize
    >>> brief = summarize(open("seeds/000_a6371abeff2cc97f.txt").read())
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from .brief import Brief, KeyFigure
from .errors import (
    DownloadError,
    EngineError,
    InputError,
    RunLockedError,
    StateError,
    SummarizerError,
    UnknownEngineError,
    UnknownModelError,
    UsageError,
)
from .settings import Options

if TYPE_CHECKING:
    from .api import Summarizer, iter_briefs, summarize, summarize_many
    from .digest import Digest, build_digest
    from .figures import Figure, check_figures, extract_figures
    from .ingest import Article, IngestFailure, iter_articles, read_article

# Loaded on first use (PEP 562), so that `summarizer --help` does not compile the ingest,
# figure and digest modules: name -> the module that defines it.
_LAZY = {
    "Summarizer": "api", "iter_briefs": "api", "summarize": "api", "summarize_many": "api",
    "Digest": "digest", "build_digest": "digest",
    "Figure": "figures", "check_figures": "figures", "extract_figures": "figures",
    "Article": "ingest", "IngestFailure": "ingest", "iter_articles": "ingest", "read_article": "ingest",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

__version__ = "0.1.0"

__all__ = [
    "UnknownModelError",
    "StateError",
    "RunLockedError",
    "DownloadError",
    "Article",
    "Brief",
    "Digest",
    "EngineError",
    "Figure",
    "IngestFailure",
    "InputError",
    "KeyFigure",
    "Options",
    "Summarizer",
    "SummarizerError",
    "UnknownEngineError",
    "UsageError",
    "build_digest",
    "check_figures",
    "extract_figures",
    "iter_articles",
    "iter_briefs",
    "read_article",
    "summarize",
    "summarize_many",
]
