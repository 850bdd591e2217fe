"""Typed errors raised by the library; the CLI turns them into one-line messages."""


class SummarizerError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(SummarizerError):
    """An article could not be read: missing, unreadable, binary, empty or too large."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UsageError(SummarizerError):
    """An option or argument has a value the library cannot use."""


class ArgumentError(UsageError, TypeError):
    """An argument of the wrong type (``summarize(None)``); also a TypeError."""


class EngineError(SummarizerError):
    """A summarisation engine could not be started or failed on an article."""


class UnknownEngineError(UsageError, KeyError):
    """No engine is registered under the given name."""

    def __str__(self) -> str:  # KeyError would quote the message
        return self.args[0] if self.args else ""


class UnknownModelError(UsageError, KeyError):
    """The model is neither in the catalogue nor a local checkpoint folder."""

    def __str__(self) -> str:
        return self.args[0] if self.args else ""


class DownloadError(SummarizerError):
    """A model could not be downloaded (no network, unknown revision, disk full)."""


class StateError(SummarizerError):
    """The digest's state database cannot be opened or used, or is from a newer version."""


class RunLockedError(SummarizerError):
    """Another digest run holds the state's lock."""


class BackendUnavailableError(UsageError):
    """The backend's optional dependency is not installed."""
