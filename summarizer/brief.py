"""The result types: a Brief and its key-figure bullets."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class KeyFigure:
    """One key-figure bullet: `text` as shown to the reader, `figure` as written in the source."""

    text: str
    figure: str
    kind: str = ""
    value: float | str | None = None
    unit: str | None = None
    high: float | None = None  # upper end of a range ("3,000-5,000"); value is the lower end


@dataclass
class Brief:
    """A situational summary of one article plus its key figures."""

    summary: str
    key_figures: list[KeyFigure] = field(default_factory=list)
    title: str | None = None
    source: str | None = None
    engine: str = ""
    warnings: list[str] = field(default_factory=list)
    url: str | None = None
    published: str | None = None
    model: str | None = None

    def to_dict(self) -> dict:
        """A JSON-ready dict with the same field names as the dataclass."""
        return asdict(self)
