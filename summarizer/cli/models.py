"""`summarizer models list|pull|info`: the checkpoint catalogue."""

from __future__ import annotations

import typer

from . import app
from ._common import EXIT_USAGE, fail

models_app = typer.Typer(help="List, download and inspect seq2seq checkpoints.", no_args_is_help=True)
app.add_typer(models_app, name="models")


def _mb(n_bytes: int) -> str:
    return f"{n_bytes / 1e6:,.0f} MB"


@models_app.command("list")
def list_cli() -> None:
    """Every catalogued model, installed or not, with its size on disk."""
    from ..catalog import dir_size, install_dir, is_installed, load_catalog, models_dir
    from ..errors import SummarizerError

    try:
        specs, default = load_catalog()
    except SummarizerError as exc:
        raise fail(str(exc))
    typer.echo(f"{'name':<24} {'family':<8} {'status':<13} {'on disk':>9} {'download':>9}  hub id")
    for name, spec in specs.items():
        path = install_dir(name)
        status = "installed" if is_installed(path) else ("partial" if path.exists() else "-")
        size = _mb(dir_size(path)) if path.exists() else "-"
        mark = "*" if name == default else " "
        typer.echo(f"{name + mark:<24} {spec.family:<8} {status:<13} {size:>9} {_mb(spec.size_mb * 1e6):>9}  {spec.hub_id}")
    typer.echo(f"(* default; models folder: {models_dir()})")


@models_app.command("pull")
def pull_cli(name: str = typer.Argument(..., help="Catalogue name, e.g. flan-t5-base.")) -> None:
    """Download NAME at its pinned revision into the models folder, resumably, and verify it loads."""
    from ..errors import SummarizerError
    from ..pull import pull

    try:
        path = pull(name)
    except SummarizerError as exc:
        raise fail(str(exc), EXIT_USAGE)
    typer.echo(f"installed {name} in {path}")


@models_app.command("info")
def info_cli(name: str = typer.Argument(..., help="Catalogue name or checkpoint folder.")) -> None:
    """What a model is: family, prompt, input limit, licence, where it is and whether it is installed."""
    from pathlib import Path

    from ..catalog import dir_size, install_dir, is_installed, load_catalog
    from ..errors import SummarizerError

    try:
        specs, _ = load_catalog()
    except SummarizerError as exc:
        raise fail(str(exc))
    if name in specs:
        spec, path = specs[name], install_dir(name)
        rows = {
            "name": spec.name, "hub id": spec.hub_id, "revision": spec.revision, "family": spec.family,
            "prompt": spec.prompt, "input limit": f"{spec.max_input_tokens} tokens", "licence": spec.license,
            "download": _mb(spec.size_mb * 1e6), "path": str(path),
            "installed": "yes" if is_installed(path) else f"no (summarizer models pull {name})",
        }
    elif Path(name).is_dir() and (Path(name) / "config.json").is_file():
        import json

        config = json.loads((Path(name) / "config.json").read_text())
        rows = {
            "path": name, "model type": config.get("model_type", "?"),
            "architectures": ", ".join(config.get("architectures") or []) or "?",
            "vocab size": config.get("vocab_size", "?"), "on disk": _mb(dir_size(Path(name))),
        }
    else:
        raise fail(f"Unknown model. Possible values are: {', '.join(specs)} or a checkpoint folder. Given: {name}")
    for key, value in rows.items():
        typer.echo(f"{key:<12} {value}")
