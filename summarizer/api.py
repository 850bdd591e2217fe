"""The library's entry points: summarize one text, or many paths and texts."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .brief import Brief
from .engines import Engine, get_engine
from .errors import InputError
from .ingest import Article, IngestFailure, article_from_text, iter_articles
from .settings import Options


def _options(options: Options | None, **overrides) -> Options:
    return (options or Options()).with_(**overrides)


def summarize(
    text: str | Article,
    *,
    engine: str | None = None,
    max_words: int | None = None,
    bullets: int | None = None,
    title: str | None = None,
    options: Options | None = None,
) -> Brief:
    """A Brief of one article given as text (or an Article from `ingest`)."""
    opts = _options(options, engine=engine, max_words=max_words, bullets=bullets)
    article = text if isinstance(text, Article) else article_from_text(text, title=title)
    if not article.text.strip():
        raise InputError(article.source, "no text to summarise")
    return get_engine(opts.engine).summarize(article, opts)


def iter_briefs(
    paths: Iterable[str | os.PathLike],
    options: Options | None = None,
    engine: Engine | None = None,
) -> Iterator[Brief | IngestFailure]:
    """Briefs of every article under `paths`, with an IngestFailure in place of each bad input."""
    opts = options or Options()
    engine = engine or get_engine(opts.engine)
    for item in iter_articles(paths, max_bytes=opts.max_bytes):
        if isinstance(item, IngestFailure):
            yield item
        else:
            yield engine.summarize(item, opts)


def _looks_like_path(item: str | os.PathLike) -> bool:
    if isinstance(item, os.PathLike):
        return True
    return item == "-" or ("\n" not in item and len(item) < 4096 and Path(item).exists())


def summarize_many(
    items: Iterable[str | os.PathLike | Article],
    *,
    options: Options | None = None,
    errors: str = "raise",
    **overrides,
) -> list[Brief]:
    """Briefs of many articles: paths (files or folders), texts, or Articles.

    A str that names an existing file or folder is read as a path, any other str is
    article text. `errors="raise"` raises InputError at the first bad input;
    `errors="skip"` leaves bad inputs out.
    """
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip'; given: {errors!r}")
    opts = _options(options, **overrides)
    engine = get_engine(opts.engine)
    briefs = []
    for item in items:
        if isinstance(item, Article):
            briefs.append(engine.summarize(item, opts))
        elif _looks_like_path(item):
            for result in iter_briefs([item], opts, engine):
                if isinstance(result, IngestFailure):
                    if errors == "raise":
                        raise InputError(result.source, result.reason)
                else:
                    briefs.append(result)
        else:
            article = article_from_text(item)
            if article.text.strip():
                briefs.append(engine.summarize(article, opts))
            elif errors == "raise":
                raise InputError(article.source, "no text to summarise")
    return briefs
