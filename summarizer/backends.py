"""Where the summarisation step of a digest runs: in this process, or on Ray.

Both backends take articles and yield ``(index, brief dict or None, error or None)``
as each brief is ready, in any order; the digest commits each one as it arrives.

- ``local``: one engine in this process, one article at a time.
- ``ray``: Ray Data ``map_batches`` over an actor pool; each actor loads the engine
  (and its model) once. Uses a local Ray instance, or the cluster named by
  ``RAY_ADDRESS``. Ray is an optional extra: ``pip install 'summarizer[ray]'``.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Protocol

# BackendUnavailableError lives in summarizer.errors; imported here so `from summarizer.backends import ...` keeps working.
from .errors import BackendUnavailableError, SummarizerError, UsageError

BACKENDS = ("local", "ray")
RAY_INSTALL = "pip install 'summarizer[ray]'"
_RAY_LOGGERS = ("ray", "ray.data")

Result = tuple[int, "dict | None", "str | None"]


class Backend(Protocol):
    name: str

    def run(self, articles: Iterable, options) -> Iterator[Result]: ...


def _article_row(i: int, article) -> dict:
    return {
        "i": i,
        "text": article.text,
        "source": article.source,
        "title": article.title or "",
        "url": article.url or "",
        "published": article.published or "",
        "warnings": json.dumps(article.warnings),
    }


def _row_article(row: dict):
    from .ingest import Article

    return Article(
        text=str(row["text"]),
        source=str(row["source"]),
        title=str(row["title"]) or None,
        url=str(row["url"]) or None,
        published=str(row["published"]) or None,
        warnings=json.loads(str(row["warnings"])),
    )


def resolve_engine(options) -> str:
    """The concrete engine name `options` asks for (UnknownEngineError for a bad one)."""
    from .engines import resolve_name

    return resolve_name(options.engine, options.model)[0]


def summarize_many(engine, articles: list, options) -> list[tuple[dict | None, str | None]]:
    """(brief dict, error) per article: one batch call where the engine batches; one by one
    when it does not, or when the batch failed (to find the article that fails)."""
    batch = getattr(engine, "summarize_batch", None)
    if batch is not None and len(articles) > 1:
        try:
            return [(b.to_dict(), None) for b in batch(articles, options)]
        except Exception:  # retried one by one below, which records the failing article
            pass
    return [summarize_one(engine, a, options) for a in articles]


def summarize_one(engine, article, options) -> tuple[dict | None, str | None]:
    """(brief dict, None) or (None, reason).

    A nightly batch runs unattended: one article the engine cannot handle must not cost
    the rest of the night, so any exception is recorded as that article's failure
    (with its type) and the run goes on. The engine cannot be built at all -> raised.
    """
    try:
        return engine.summarize(article, options).to_dict(), None
    except SummarizerError as exc:
        return None, f"summarisation failed: {exc}"
    except Exception as exc:  # see docstring
        return None, f"summarisation failed ({type(exc).__name__}: {exc})"


class LocalBackend:
    """Summarise in this process, one article at a time (streaming)."""

    name = "local"

    def __init__(self, engine=None):
        self._engine = engine

    def run(self, articles: Iterable, options) -> Iterator[Result]:
        from .engines import get_engine

        engine = self._engine or get_engine(options.engine, options)
        # An engine that batches (seq2seq) gets options.batch_size articles at a time;
        # the extractive one goes article by article, so each brief is committed at once.
        size = options.batch_size if hasattr(engine, "summarize_batch") else 1
        chunk: list = []
        start = 0
        for article in articles:
            chunk.append(article)
            if len(chunk) >= size:
                yield from self._flush(engine, chunk, start, options)
                start += len(chunk)
                chunk = []
        if chunk:
            yield from self._flush(engine, chunk, start, options)

    @staticmethod
    def _flush(engine, chunk: list, start: int, options) -> Iterator[Result]:
        results = summarize_many(engine, chunk, options) if len(chunk) > 1 else [summarize_one(engine, chunk[0], options)]
        for k, (brief, error) in enumerate(results):
            yield start + k, brief, error


class _SummarizeActor:
    """A Ray Data actor: builds the engine once, then summarises batches."""

    def __init__(self, options_dict: dict):
        from .engines import get_engine
        from .settings import Options

        self.options = Options(**options_dict)
        self.engine = get_engine(self.options.engine, self.options)

    def __call__(self, batch: dict) -> dict:
        n = len(batch["i"])
        articles = [_row_article({key: batch[key][k] for key in batch}) for k in range(n)]
        results = summarize_many(self.engine, articles, self.options)
        return {
            "i": [int(batch["i"][k]) for k in range(n)],
            "brief": [json.dumps(b, ensure_ascii=False) if b is not None else "" for b, _ in results],
            "error": [e or "" for _, e in results],
        }


def import_ray():
    """The ray module, or BackendUnavailableError naming the install command."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise BackendUnavailableError(f"--backend ray needs Ray Data, which is not installed: {RAY_INSTALL}") from None
    return ray


class RayBackend:
    """Summarise with Ray Data map_batches on an actor pool (local Ray, or RAY_ADDRESS)."""

    name = "ray"

    def __init__(self, workers: int | None = None, batch_size: int = 16):
        self.ray = import_ray()
        self.workers = workers
        self.batch_size = batch_size

    def _init(self, quiet: bool) -> None:
        ray = self.ray
        if ray.is_initialized():
            return
        kwargs = {"ignore_reinit_error": True, "log_to_driver": not quiet, "include_dashboard": False,
                  "logging_level": logging.ERROR if quiet else logging.INFO}
        if not os.environ.get("RAY_ADDRESS"):
            kwargs["num_cpus"] = os.cpu_count() or 1
        # Ray's core processes read their log level only from the environment (ray.init has no
        # argument for it) when ray.init starts them: set for that call only, then restored.
        set_level = quiet and "RAY_BACKEND_LOG_LEVEL" not in os.environ
        if set_level:  # Ray's own start-up chatter would drown the digest's one summary line
            os.environ["RAY_BACKEND_LOG_LEVEL"] = "fatal"
        try:
            ray.init(**kwargs)  # RAY_ADDRESS, when set, names the cluster to join
        finally:
            if set_level:
                os.environ.pop("RAY_BACKEND_LOG_LEVEL", None)

    def run(self, articles: Iterable, options) -> Iterator[Result]:
        rows = [_article_row(i, a) for i, a in enumerate(articles)]
        if not rows:
            return
        quiet = not logging.getLogger("summarizer").isEnabledFor(logging.INFO)
        with _quiet_ray_loggers(quiet):
            self._init(quiet)
            yield from self._run(rows, options)

    def _run(self, rows: list[dict], options) -> Iterator[Result]:
        import dataclasses

        ray = self.ray
        ctx = ray.data.DataContext.get_current()  # the process's context: restored after this run
        saved = ctx.enable_progress_bars, ctx.print_on_execution_start
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False
        try:
            workers = self.workers or max(1, min(len(rows), int(ray.cluster_resources().get("CPU", 1))))
            ds = ray.data.from_items(rows).map_batches(
                _SummarizeActor,
                fn_constructor_kwargs={"options_dict": dataclasses.asdict(options)},
                batch_size=self.batch_size,
                compute=ray.data.ActorPoolStrategy(size=workers),
            )
            for row in ds.iter_rows():
                brief = json.loads(row["brief"]) if row["brief"] else None
                yield int(row["i"]), brief, (row["error"] or None)
        finally:
            ctx.enable_progress_bars, ctx.print_on_execution_start = saved


@contextmanager
def _quiet_ray_loggers(quiet: bool):
    """Ray's and Ray Data's loggers at ERROR for one run when quiet, then as they were
    (a library must not leave the caller's logging changed)."""
    if not quiet:
        yield
        return
    saved = {name: logging.getLogger(name).level for name in _RAY_LOGGERS}
    for name in _RAY_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        yield
    finally:
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)


def get_backend(name: str, *, workers: int | None = None, engine=None) -> Backend:
    """The backend called `name` (local or ray)."""
    if name == "local":
        return LocalBackend(engine)
    if name == "ray":
        return RayBackend(workers=workers)
    raise UsageError(f"Unknown backend. Possible values are: {', '.join(BACKENDS)}. Given: {name}")
