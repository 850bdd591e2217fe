"""summarizer: offline briefs whose every figure is stated in the source.

    >>> from summarizer import summarize
    >>> brief = summarize(open("seeds/000_a6371abeff2cc97f.txt").read())
"""

from .api import Summarizer, iter_briefs, summarize, summarize_many
from .brief import Brief, KeyFigure
from .digest import Digest, build_digest
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
from .figures import Figure, check_figures, extract_figures
from .ingest import Article, IngestFailure, iter_articles, read_article
from .settings import Options

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
