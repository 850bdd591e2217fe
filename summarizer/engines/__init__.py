"""Engines behind one interface, looked up by name in a registry."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from ..errors import UnknownEngineError

if TYPE_CHECKING:
    from ..brief import Brief
    from ..ingest import Article
    from ..settings import Options


class Engine(Protocol):
    """What every engine offers: one article in, one Brief out."""

    name: str

    def summarize(self, article: "Article", options: "Options") -> "Brief": ...


# name -> "module:Class"; modules are imported only when the engine is asked for,
# so heavy engines (torch) never load on the extractive path.
REGISTRY: dict[str, str] = {
    "extractive": "summarizer.engines.extractive:ExtractiveEngine",
}
CHOICES = ("auto", *REGISTRY)


def resolve_name(name: str) -> str:
    """The concrete engine name for `name` ('auto' picks the best one available)."""
    if name == "auto":
        return "extractive"
    if name not in REGISTRY:
        raise UnknownEngineError(
            f"Unknown engine. Possible values are: {', '.join(CHOICES)}. Given: {name}"
        )
    return name


def get_engine(name: str = "auto") -> Engine:
    """A ready engine instance for `name`."""
    module_name, _, cls_name = REGISTRY[resolve_name(name)].partition(":")
    return getattr(import_module(module_name), cls_name)()
