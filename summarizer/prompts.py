"""Prompt templates per model family and task, read from prompts/."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .catalog import ROOT
from .errors import UsageError

PROMPTS_DIR = ROOT / "prompts"


@lru_cache(maxsize=None)
def load_prompt(family_or_file: str, task: str = "summary") -> str:
    """The template for `family` and `task`, or the contents of a user's template file."""
    path = Path(family_or_file).expanduser()
    if not path.is_file():
        path = PROMPTS_DIR / f"{family_or_file}.{task}.txt"
    if not path.is_file():
        known = sorted({p.name.split(".")[0] for p in PROMPTS_DIR.glob("*.txt")})
        raise UsageError(
            f"No {task} prompt for '{family_or_file}'. Possible values are: {', '.join(known)} or a file. "
            f"Given: {family_or_file}"
        )
    template = path.read_text(encoding="utf-8").rstrip("\n")
    if "{text}" not in template and task == "summary":
        raise UsageError(f"{path}: a summary prompt must contain {{text}}")
    return template


def family_of(config, name: str) -> str:
    """The prompt family for a checkpoint's config (flan-t5, t5, bart or pegasus)."""
    model_type = getattr(config, "model_type", "")
    if model_type in ("t5", "mt5", "umt5"):
        return "flan-t5" if "flan" in name.lower() else "t5"
    if model_type in ("bart", "pegasus"):
        return model_type
    return "t5" if "t5" in model_type else "bart"
