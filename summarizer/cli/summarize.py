"""`summarizer summarize PATH...`: briefs of files, folders or stdin."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..settings import DEFAULT_BULLETS, DEFAULT_MAX_BYTES, DEFAULT_MAX_WORDS
from . import app
from ._common import EXIT_OK, EXIT_PARTIAL, error, fail, progress_bar, stderr_is_tty, warn

FORMAT_HELP = "Output format: md (Markdown for reports), json (list of briefs) or text."



@app.command("summarize")
def summarize_cli(
    paths: list[str] = typer.Argument(..., help="Files or folders of articles (txt, md, html, json, jsonl); '-' reads stdin."),
    fmt: str = typer.Option("md", "--format", "-f", help=FORMAT_HELP),
    out: Optional[Path] = typer.Option(None, "--out", "-o", dir_okay=False, help="Write to FILE (atomically) instead of stdout."),
    max_words: int = typer.Option(DEFAULT_MAX_WORDS, "--max-words", min=1, help="Word budget of each summary."),
    bullets: int = typer.Option(DEFAULT_BULLETS, "--bullets", min=0, help="Most key-figure bullets per brief."),
    engine: str = typer.Option("auto", "--engine", help="Engine: auto (seq2seq when a model is installed, else extractive), seq2seq or extractive."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Catalogue name (see `summarizer models list`) or a local checkpoint folder."),
    batch_size: int = typer.Option(4, "--batch-size", min=1, help="Articles generated together (seq2seq); 4 keeps flan-t5-base under 2 GB."),
    quantize: Optional[str] = typer.Option(None, "--quantize", help="int8: dynamic quantisation on the CPU (seq2seq)."),
    prompt: Optional[str] = typer.Option(None, "--prompt", help="Prompt template file; {text} stands for the article (seq2seq)."),
    model_bullets: bool = typer.Option(False, "--model-bullets", help="Let the model phrase the key-figure bullets (Flan-T5; each still states its figure and nothing unstated)."),
    runtime: str = typer.Option("transformers", "--runtime", help="Seq2seq runtime: transformers, or ctranslate2 (about 2x faster on CPU; pip install 'summarizer[ct2]')."),
    threads: Optional[int] = typer.Option(None, "--threads", min=1, help="CPU threads for the model (default: torch's choice, one per physical core)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1, help="Skip files larger than this."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No warnings or progress on stderr."),
) -> None:
    """Summarise articles into briefs: situational summary plus key-figure bullets."""
    from ..errors import SummarizerError
    from ..ingest import IngestFailure
    from ..render import FORMATS, render
    from ..settings import Options
    from ..api import Summarizer
    from ..atomic import write_atomic

    if fmt not in FORMATS:
        raise fail(f"Unknown format. Possible values are: {', '.join(FORMATS)}. Given: {fmt}")
    try:
        options = Options(
            engine=engine, model=model, max_words=max_words, bullets=bullets, max_bytes=max_bytes,
            batch_size=batch_size, quantize=quantize, prompt=prompt, threads=threads,
            model_bullets=model_bullets, runtime=runtime,
        )
        summarizer = Summarizer(options)
        if summarizer.notice and not quiet:
            typer.echo(f"Notice: {summarizer.notice}", err=True)
    except SummarizerError as exc:
        raise fail(str(exc))

    briefs, failures = [], 0
    with progress_bar(not quiet and stderr_is_tty(), counted=True) as progress:
        task = progress.add_task("", total=None) if progress else None
        for result in summarizer.iter_briefs(paths):
            if isinstance(result, IngestFailure):
                failures += 1
                error(str(result))
                continue
            briefs.append(result)
            if not quiet:
                for w in result.warnings:
                    warn(f"{result.source}: {w}")
            if progress:
                progress.update(task, advance=1, description=result.source or "")

    if briefs or fmt == "json":
        document = render(briefs, fmt)
        if out:
            try:
                write_atomic(out, document)
            except OSError as exc:
                raise fail(f"{out}: cannot write output ({exc.strerror or exc})")
        else:
            typer.echo(document, nl=False)
    raise typer.Exit(EXIT_PARTIAL if failures else EXIT_OK)
