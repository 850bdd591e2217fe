"""Engines behind one interface, looked up by name in a registry."""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Sequence
from functools import lru_cache
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from ..errors import UnknownEngineError

if TYPE_CHECKING:
    from ..brief import Brief
    from ..ingest import Article
    from ..settings import Options

log = logging.getLogger("summarizer")


class Engine(Protocol):
    """What every engine offers: one article in, one Brief out."""

    name: str

    def summarize(self, article: "Article", options: "Options") -> "Brief": ...


# name -> "module:Class"; modules are imported only when the engine is asked for,
# so heavy engines (torch) never load on the extractive path.
REGISTRY: dict[str, str] = {
    "extractive": "summarizer.engines.extractive:ExtractiveEngine",
    "seq2seq": "summarizer.engines.seq2seq:Seq2SeqEngine",
}
CHOICES = ("auto", *REGISTRY)
FALLBACK_NOTICE = (
    "no seq2seq model installed; using the extractive engine "
    "(install one with: summarizer models pull flan-t5-base)"
)


def resolve_name(name: str, model: str | None = None) -> tuple[str, str | None]:
    """The concrete engine for `name`, and a one-line notice when 'auto' had to fall back."""
    if name == "auto":
        if model:
            return "seq2seq", None
        from ..catalog import default_installed

        if default_installed() is not None and importlib.util.find_spec("torch") is not None:
            return "seq2seq", None
        return "extractive", FALLBACK_NOTICE
    if name not in REGISTRY:
        raise UnknownEngineError(
            f"Unknown engine. Possible values are: {', '.join(CHOICES)}. Given: {name}"
        )
    return name, None


def get_engine(name: str = "auto", options: "Options | None" = None) -> Engine:
    """A ready engine for `name`; models are loaded once per process and reused."""
    from ..settings import Options

    concrete, notice = resolve_name(name, options.model if options else None)
    if notice:
        log.info(notice)
    if concrete == "seq2seq":
        o = options or Options()
        return _seq2seq(o.model, o.batch_size, o.quantize, o.prompt, o.threads, o.runtime)
    module_name, _, cls_name = REGISTRY[concrete].partition(":")
    return getattr(import_module(module_name), cls_name)()


@lru_cache(maxsize=2)
def _seq2seq(model, batch_size, quantize, prompt, threads, runtime) -> Engine:
    from .seq2seq import Seq2SeqEngine

    return Seq2SeqEngine(
        model, batch_size=batch_size, quantize=quantize, prompt=prompt, threads=threads, runtime=runtime
    )


def summarize_batch(engine: Engine, articles: Sequence["Article"], options: "Options") -> list["Brief"]:
    """Briefs of many articles: batched where the engine batches, one by one otherwise."""
    batch = getattr(engine, "summarize_batch", None)
    if batch is not None:
        return batch(articles, options)
    return [engine.summarize(a, options) for a in articles]
