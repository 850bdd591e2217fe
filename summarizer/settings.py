"""Defaults and the one options object shared by the CLI and the library."""

from __future__ import annotations

import numbers
from dataclasses import dataclass, replace

DEFAULT_MAX_WORDS = 70
DEFAULT_BULLETS = 6
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_ENGINE = "auto"
QUANTIZE_CHOICES = ("none", "int8")
RUNTIMES = ("transformers", "ctranslate2")


def check_runtime(runtime: str, quantize: str | None) -> None:
    """Raise UsageError for a runtime or quantization the seq2seq engine does not know."""
    from .errors import UsageError

    if runtime not in RUNTIMES:
        raise UsageError(f"Unknown runtime. Possible values are: {', '.join(RUNTIMES)}. Given: {runtime}")
    if (quantize or "none") not in QUANTIZE_CHOICES:
        raise UsageError(f"Unknown quantization. Possible values are: {', '.join(QUANTIZE_CHOICES)}. Given: {quantize}")


@dataclass(frozen=True)
class Options:
    """How a brief is made; built once (by the CLI or a caller) and passed down."""

    engine: str = DEFAULT_ENGINE
    max_words: int = DEFAULT_MAX_WORDS
    bullets: int = DEFAULT_BULLETS
    max_bytes: int = DEFAULT_MAX_BYTES
    language: str = "en"
    model: str | None = None
    batch_size: int = 4
    quantize: str | None = None
    prompt: str | None = None
    threads: int | None = None
    model_bullets: bool = False
    runtime: str = "transformers"

    def __post_init__(self) -> None:
        from .errors import ArgumentError, UsageError

        for name in ("max_words", "bullets", "batch_size", "max_bytes", "threads"):
            value = getattr(self, name)
            if value is None and name == "threads":
                continue
            if not isinstance(value, numbers.Integral) or isinstance(value, bool):
                raise ArgumentError(f"{name} must be a whole number; given: {value!r}")
            object.__setattr__(self, name, int(value))  # numpy's and pandas' integers too
        for name in ("engine", "language", "runtime"):
            if not isinstance(getattr(self, name), str):
                raise ArgumentError(f"{name} must be a string; given: {getattr(self, name)!r}")
        # Checked here, not only when a model loads: a typo must not pass while "auto" falls back
        # to the extractive engine, then fail the night a model is installed.
        check_runtime(self.runtime, self.quantize)
        if self.max_words < 1:
            raise UsageError(f"max_words must be at least 1; given: {self.max_words}")
        if self.bullets < 0:
            raise UsageError(f"bullets must be 0 or more; given: {self.bullets}")
        if self.batch_size < 1:
            raise UsageError(f"batch_size must be at least 1; given: {self.batch_size}")
        if self.max_bytes < 1:
            raise UsageError(f"max_bytes must be at least 1; given: {self.max_bytes}")

    def with_(self, **changes) -> "Options":
        """A copy with some fields changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
