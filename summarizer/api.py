"""The library's entry points: summarize one text, or many paths and texts."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .brief import Brief
from .engines import Engine, get_engine, log, resolve_name, summarize_batch
from .errors import ArgumentError, EngineError, InputError, UsageError
from .ingest import Article, IngestFailure, article_from_bytes, article_from_text, article_format, iter_articles
from .settings import Options


# What a model may raise on one article (torch's errors are RuntimeErrors; tokenizers raise
# ValueError): such an article is reported as failed and the batch goes on.
ARTICLE_ERRORS = (EngineError, RuntimeError, ValueError)


def _looks_like_path(item: str | os.PathLike) -> bool:
    if isinstance(item, os.PathLike):
        return True
    if item == "-":
        return True
    if "\n" in item or len(item) > 1024:
        return False
    try:
        if Path(item).exists():
            return True
    except OSError:  # "File name too long" and the like: it is text, not a path
        return False
    # Not there, yet one short ASCII word with a path separator or an article's extension
    # ("/no/such/dir/", "today.txt"): a mistyped path, reported as missing rather than summarised
    # as text. (Chinese or Japanese text has no spaces: "2024/05/01" in it is no path.)
    return (item.isascii() and len(item) <= 255 and not any(c.isspace() for c in item)
            and ("/" in item or os.sep in item or article_format(item) is not None))


def _article(text: str | bytes | Article, title: str | None = None) -> Article:
    """The Article for one text argument: str (plain text, Markdown or HTML, told apart), bytes or Article."""
    if isinstance(text, Article):
        return text
    if isinstance(text, str):
        return article_from_text(text, title=title, fmt="auto")
    if isinstance(text, (bytes, bytearray)):
        return article_from_bytes(bytes(text), title=title)
    raise ArgumentError(f"expected article text (str or bytes) or an Article; given: {type(text).__name__}")


class Summarizer:
    """A reusable summariser: the engine (and its model) is loaded once for many calls.

    >>> s = Summarizer(engine="seq2seq", model="flan-t5-base")  # doctest: +SKIP
    >>> briefs = [s.summarize(text) for text in texts]           # doctest: +SKIP
    """

    def __init__(self, options: Options | None = None, **overrides):
        self.options = (options or Options()).with_(**overrides)
        concrete, notice = resolve_name(self.options.engine, self.options.model)
        #: One line when engine "auto" fell back to the extractive engine (also logged), else None.
        self.notice: str | None = notice
        if notice:
            log.info(notice)
        self.engine: Engine = get_engine(concrete, self.options)

    def summarize(self, text: str | bytes | Article, *, title: str | None = None) -> Brief:
        """A Brief of one article: text (plain, Markdown or HTML), bytes (decoded as files are) or an Article."""
        article = _article(text, title)
        if not article.text.strip():
            raise InputError(article.source, "no text to summarise")
        return self.engine.summarize(article, self.options)

    def iter_briefs(self, paths: Iterable[str | os.PathLike]) -> Iterator[Brief | IngestFailure]:
        """Briefs of every article under `paths`, with an IngestFailure in place of each bad input."""
        chunk = getattr(self.engine, "batch_size", 1) * 4
        pending: list[Article] = []
        for item in iter_articles(paths, max_bytes=self.options.max_bytes):
            if isinstance(item, IngestFailure):
                yield from self._flush(pending)
                yield item
                continue
            pending.append(item)
            if len(pending) >= chunk:
                yield from self._flush(pending)
        yield from self._flush(pending)

    def _flush(self, pending: list[Article]) -> Iterator[Brief | IngestFailure]:
        batch = list(pending)
        pending.clear()
        if not batch:
            return
        try:
            briefs = summarize_batch(self.engine, batch, self.options)
        except ARTICLE_ERRORS as exc:
            if len(batch) > 1:  # find the article that failed; the others still get briefs
                for article in batch:
                    yield from self._flush([article])
                return
            reason = (str(exc).strip().splitlines() or [""])[0][:200]
            yield IngestFailure(batch[0].source, f"summarisation failed ({type(exc).__name__}: {reason})")
            return
        yield from briefs

    def summarize_many(self, items: Iterable[str | bytes | os.PathLike | Article] | str, *,
                       errors: str = "raise") -> list[Brief]:
        """Briefs of many articles: paths (files or folders), texts, or Articles.

        A str that names an existing file or folder is read as a path, and so is one word
        with a slash or an article's extension ("/no/such/dir/", "today.txt"), which is then
        reported missing; any other str is article text (plain, Markdown or HTML), and bytes
        are decoded as files are. A single str is one item. `errors="raise"` raises
        InputError at the first bad input; `errors="skip"` leaves bad inputs out.
        """
        if errors not in ("raise", "skip"):
            raise UsageError(f"errors must be 'raise' or 'skip'; given: {errors!r}")
        if isinstance(items, (str, bytes, bytearray, os.PathLike, Article)):
            items = [items]  # one item, not a string's characters
        elif not isinstance(items, Iterable):
            raise ArgumentError(f"expected a list of paths, texts or Articles; given: {type(items).__name__}")
        briefs = []
        for item in items:
            if not isinstance(item, (str, bytes, bytearray, os.PathLike, Article)):
                raise ArgumentError(f"expected a path, a text or an Article; given: {type(item).__name__}")
            if isinstance(item, Article):
                briefs.append(self.engine.summarize(item, self.options))
            elif not isinstance(item, (bytes, bytearray)) and _looks_like_path(item):
                for result in self.iter_briefs([item]):
                    if not isinstance(result, IngestFailure):
                        briefs.append(result)
                    elif errors == "raise":
                        raise InputError(result.source, result.reason)
            else:
                try:
                    article = _article(item)
                except InputError:
                    if errors == "raise":
                        raise
                    continue
                if article.text.strip():
                    briefs.append(self.engine.summarize(article, self.options))
                elif errors == "raise":
                    raise InputError(article.source, "no text to summarise")
        return briefs


def summarize(
    text: str | Article,
    *,
    engine: str | None = None,
    model: str | None = None,
    max_words: int | None = None,
    bullets: int | None = None,
    title: str | None = None,
    options: Options | None = None,
) -> Brief:
    """A Brief of one article given as text (or an Article from `ingest`)."""
    s = Summarizer(options, engine=engine, model=model, max_words=max_words, bullets=bullets)
    return s.summarize(text, title=title)


def iter_briefs(
    paths: Iterable[str | os.PathLike], options: Options | None = None
) -> Iterator[Brief | IngestFailure]:
    """Briefs of every article under `paths`, with an IngestFailure in place of each bad input."""
    return Summarizer(options).iter_briefs(paths)


def summarize_many(
    items: Iterable[str | os.PathLike | Article],
    *,
    options: Options | None = None,
    errors: str = "raise",
    **overrides,
) -> list[Brief]:
    """Briefs of many articles (paths, texts or Articles); see Summarizer.summarize_many."""
    return Summarizer(options, **overrides).summarize_many(items, errors=errors)
