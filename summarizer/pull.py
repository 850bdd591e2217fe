"""`models pull`: download a catalogued checkpoint at its catalogue revision, verify it loads, mark it installed."""

from __future__ import annotations

import json
import time
from pathlib import Path

from .atomic import write_atomic
from .catalog import INSTALLED_MARKER, ModelSpec, install_dir, load_catalog
from .errors import DownloadError, UnknownModelError

# What a seq2seq checkpoint needs; other files on the hub (TF/Flax/ONNX weights) are skipped.
ALLOW_PATTERNS = [
    "config.json", "generation_config.json", "*.safetensors", "*.safetensors.index.json",
    "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "spiece.model",
    "vocab.json", "merges.txt", "sentencepiece.bpe.model", "added_tokens.json",
]


def pull(name: str, *, progress: bool = True) -> Path:
    """Download `name` into models/NAME/ (resumable) and mark it installed once it loads."""
    specs, _ = load_catalog()
    if name not in specs:
        raise UnknownModelError(f"Unknown model. Possible values are: {', '.join(specs)}. Given: {name}")
    spec = specs[name]
    target = install_dir(name)
    created = not target.exists()
    target.mkdir(parents=True, exist_ok=True)
    (target / INSTALLED_MARKER).unlink(missing_ok=True)
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.utils import disable_progress_bars, enable_progress_bars
    except ImportError:
        raise DownloadError(
            "huggingface_hub is not installed; install the seq2seq extra: "
            "pip install -c constraints.txt -e '.[seq2seq]'"
        ) from None
    (enable_progress_bars if progress else disable_progress_bars)()
    try:
        # snapshot_download resumes partial files left in local_dir by an interrupted pull.
        snapshot_download(
            repo_id=spec.hub_id, revision=spec.revision, local_dir=target, allow_patterns=ALLOW_PATTERNS
        )
    except Exception as exc:  # the hub client raises many types; all mean "not downloaded"
        if created and not any(p.is_file() for p in target.rglob("*")):
            _remove_empty(target)  # nothing came: leave no empty folder for `models list` to show as partial
        raise DownloadError(f"cannot download {spec.hub_id}@{spec.revision}: {_reason(exc)}") from exc
    verify(target, spec)
    return target


def _remove_empty(folder: Path) -> None:
    """Remove a folder tree that holds no file (the hub client may leave a .cache folder)."""
    for sub in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        sub.rmdir()
    folder.rmdir()


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "offline" in text.lower() or "connect" in text.lower() or "resolve" in text.lower():
        return f"no network connection to the model hub ({type(exc).__name__})"
    return text[:200]


def verify(path: Path, spec: ModelSpec) -> None:
    """Load the checkpoint once; only then write the installed marker."""
    try:
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        AutoTokenizer.from_pretrained(path)
        AutoModelForSeq2SeqLM.from_pretrained(path)
    except Exception as exc:  # any load failure means the download is not usable
        raise DownloadError(f"{path}: downloaded checkpoint does not load ({_reason(exc)})") from exc
    marker = {"name": spec.name, "hub_id": spec.hub_id, "revision": spec.revision, "installed": time.time()}
    write_atomic(path / INSTALLED_MARKER, json.dumps(marker, indent=2))
