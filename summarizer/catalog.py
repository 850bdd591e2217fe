"""The model catalogue (models/catalog.toml) and where checkpoints are installed."""

from __future__ import annotations

import json
import os
import sys
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import UnknownModelError, UsageError

_SOURCE_ROOT = Path(__file__).resolve().parent.parent
# A checkout (or editable install) has prompts/ and models/ beside the package; a wheel
# install ships them as data files under <prefix>/share/summarizer/.
ROOT = (
    _SOURCE_ROOT
    if (_SOURCE_ROOT / "models" / "catalog.toml").is_file()
    else Path(sys.prefix) / "share" / "summarizer"
)
MODELS_ENV = "SUMMARIZER_MODELS"
CATALOG_ENV = "SUMMARIZER_CATALOG"
# Written last by `models pull`, after the checkpoint loaded: a folder without it is
# an interrupted download, never an installed model.
INSTALLED_MARKER = ".summarizer-installed.json"


@dataclass(frozen=True)
class ModelSpec:
    """One curated checkpoint of the catalogue."""

    name: str
    hub_id: str
    revision: str
    family: str
    prompt: str
    max_input_tokens: int
    license: str
    size_mb: int


def models_dir() -> Path:
    """Where checkpoints live: $SUMMARIZER_MODELS, else models/ in a checkout, else the user's data folder."""
    env = os.environ.get(MODELS_ENV)
    if env:
        return Path(env).expanduser()
    if ROOT == _SOURCE_ROOT:
        return ROOT / "models"
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data) / "summarizer" / "models"


def catalog_path() -> Path:
    env = os.environ.get(CATALOG_ENV)
    return Path(env).expanduser() if env else ROOT / "models" / "catalog.toml"


def load_catalog() -> tuple[dict[str, ModelSpec], str]:
    """The catalogue's models by name, and the default model's name."""
    path = catalog_path()
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise UsageError(f"{path}: model catalogue not found (set ${CATALOG_ENV})") from None
    return _parse_catalog(path, mtime)


@lru_cache(maxsize=4)
def _parse_catalog(path: Path, mtime: int) -> tuple[dict[str, ModelSpec], str]:
    # Cached per file and modification time: `summarize(text)` asks on every call.
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML ({exc})") from None
    specs = {name: ModelSpec(name=name, **fields) for name, fields in data.get("models", {}).items()}
    return specs, data.get("default", next(iter(specs), ""))


def install_dir(name: str) -> Path:
    return models_dir() / name


def is_installed(path: Path) -> bool:
    """Whether a catalogued model's folder holds a complete, verified pull."""
    return (path / INSTALLED_MARKER).is_file()


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0


def resolve(name_or_path: str | None) -> tuple[Path, ModelSpec | None]:
    """The checkpoint folder for a catalogue name or a local path, and its spec when catalogued.

    Raises UnknownModelError when the name is neither a local checkpoint folder nor in the
    catalogue, and UsageError when a catalogued model is not installed.
    """
    specs, default = load_catalog()
    name = name_or_path or default
    path = Path(name).expanduser()
    if name not in specs and path.is_dir():
        if not (path / "config.json").is_file():
            raise UsageError(f"{path}: not a transformers checkpoint (no config.json)")
        return path, _spec_from_marker(path)
    if name not in specs:
        raise UnknownModelError(
            f"Unknown model. Possible values are: {', '.join(specs)} or a checkpoint folder. Given: {name}"
        )
    target = install_dir(name)
    if not is_installed(target):
        raise UsageError(f"model {name} is not installed; install it with: summarizer models pull {name}")
    return target, specs[name]


def _spec_from_marker(path: Path) -> ModelSpec | None:
    marker = path / INSTALLED_MARKER
    if marker.is_file():
        specs, _ = load_catalog()
        return specs.get(json.loads(marker.read_text()).get("name", ""))
    return None


def default_installed() -> Path | None:
    """The default model's folder when it is installed, else None (cheap: no torch import)."""
    try:
        specs, default = load_catalog()
    except UsageError:
        return None
    if default in specs and is_installed(install_dir(default)):
        return install_dir(default)
    return None
