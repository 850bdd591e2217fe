"""`summarizer digest DIR`: the nightly digest of what is new in a folder of articles.

Exit status: 0 digest written; 1 digest written, but some files failed; 2 usage, input
or state error; 3 another digest run holds the state (this one did nothing).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from . import app
from ._common import EXIT_OK, EXIT_PARTIAL, error, fail, progress_bar, stderr_is_tty

EXIT_LOCKED = 3



def _show_status(state: Optional[Path], limit: int) -> None:
    from ..errors import SummarizerError
    from ..store import default_state_path, open_store

    path = state or default_state_path()
    if not path.exists():
        typer.echo(f"no runs yet (state: {path})")
        raise typer.Exit(EXIT_OK)
    try:
        with open_store(path) as store:
            runs = store.runs(limit)
            counts = [store.count(table) for table in ("articles", "briefs", "runs")]
    except SummarizerError as exc:  # StateError: not a database, corrupt, locked, newer version
        raise fail(str(exc))
    typer.echo(f"state: {path} ({counts[0]} articles, {counts[1]} briefs, {counts[2]} runs)")
    if not runs:
        typer.echo("no runs yet")
        raise typer.Exit(EXIT_OK)
    header = f"{'run':>4}  {'started (UTC)':20}  {'status':11}  {'digest':10}  {'files':>6}  {'new':>5}  {'known':>5}  {'failed':>6}  folder"
    typer.echo(header)
    for r in runs:
        c = r["counts"]
        typer.echo(f"{r['id']:>4}  {r['started']:20}  {r['status']:11}  {r['digest_date']:10}  {c.get('files', ''):>6}  "
                   f"{c.get('summarised', ''):>5}  {c.get('seen', ''):>5}  {c.get('failed', ''):>6}  {r['folder']}")
        if r["status"] in ("failed", "aborted", "interrupted"):
            for e in r["errors"][:3]:
                typer.echo(f"      {e.get('source') + ': ' if e.get('source') else ''}{e.get('reason', '')}")
    raise typer.Exit(EXIT_OK)


@app.command("digest")
def digest_cli(
    folder: Optional[Path] = typer.Argument(None, help="Folder of articles, walked recursively (txt, md, html, json, jsonl)."),
    out: Path = typer.Option(Path("."), "--out", "-o", file_okay=False, help="Folder to write digest-DATE.md, .html and .json in."),
    state: Optional[Path] = typer.Option(
        None, "--state", dir_okay=False,
        help="State database (default: $SUMMARIZER_STATE, else $XDG_DATA_HOME/summarizer/state.db)."),
    since: Optional[str] = typer.Option(None, "--since", help="Also carry articles first seen on or after DATE (YYYY-MM-DD)."),
    engine: Optional[str] = typer.Option(None, "--engine", help="Engine: extractive (the default), seq2seq or auto."),
    model: Optional[str] = typer.Option(None, "--model", help="Model of the seq2seq engine (catalogue name or folder)."),
    backend: str = typer.Option("local", "--backend", help="Where to summarise: local, or ray (pip install 'summarizer[ray]')."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Ray actors (default: the cluster's CPUs)."),
    date: Optional[str] = typer.Option(None, "--date", help="Date the digest is for (default: today)."),
    max_words: int = typer.Option(70, "--max-words", min=1, help="Word budget of each summary."),
    bullets: int = typer.Option(6, "--bullets", min=0, help="Most key-figure bullets per story."),
    max_bytes: int = typer.Option(10 * 1024 * 1024, "--max-bytes", min=1, help="Skip files larger than this."),
    status: bool = typer.Option(False, "--status", help="Show the latest runs and exit."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress and no summary line (failed files are still reported)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Report every article summarised, and engine notices."),
) -> None:
    """Write tonight's digest of the articles in FOLDER not seen before, grouped by story.

    Exit status 0 when the digest is written, 1 when some files failed (the digest is
    still written), 2 on a usage, input or state error, 3 when another digest run holds
    the state.
    """
    if status:
        _show_status(state, 20)
    if folder is None:
        raise fail("Missing argument FOLDER (or use --status).")
    if quiet and verbose:
        raise fail("--quiet and --verbose cannot be used together.")

    import logging

    from ..digest import build_digest
    from ..errors import RunLockedError, SummarizerError
    from ..settings import Options

    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:  # the engine (and its default) is build_digest's to decide
        options = Options(max_words=max_words, bullets=bullets, max_bytes=max_bytes)
    except SummarizerError as exc:
        raise fail(str(exc))

    def on_failure(failure) -> None:
        # The digest names files relative to FOLDER; stderr names them as the user can find them.
        shown = str(folder) if failure.source == "." else os.path.join(str(folder), failure.source)
        error(f"{shown}: {failure.reason}")

    last = {"summarised": 0}
    with progress_bar(not quiet and stderr_is_tty()) as bar:
        task = bar.add_task("", total=None, stage="scanning") if bar else None

        def progress(stats) -> None:
            if verbose and stats.summarised > last["summarised"]:
                typer.echo(f"summarised: {stats.current}", err=True)
            last["summarised"] = stats.summarised
            if bar:
                stage = "scanning" if stats.stage == "scan" else "summarising"
                bar.update(task, total=stats.files_total or None, completed=stats.files_done, stage=stage,
                           description=f"{stats.summarised} new · {stats.seen} seen · {stats.copies} copies · "
                                       f"{stats.failed} failed")

        try:
            digest = build_digest(folder, out_dir=out, state=state, since=since, engine=engine, model=model,
                                  options=options, backend=backend, workers=workers, date=date,
                                  progress=progress, on_failure=on_failure)
        except RunLockedError as exc:
            raise fail(str(exc), EXIT_LOCKED)
        except SummarizerError as exc:  # StateError included: "Error: <state file>: cannot use ... (why)"
            raise fail(str(exc))
        except OSError as exc:
            raise fail(f"{exc.filename or out}: {exc.strerror or exc}")

    c, r = digest.counts, digest.run
    if not quiet:
        written = f"{out / ('digest-' + digest.date)}.{{md,html,json}}"
        typer.echo(
            f"digest {digest.date}: {c.new} new articles in {c.stories} stories "
            f"({r.summarised} summarised this run, {c.already_seen} in earlier digests, {c.duplicates} duplicates, "
            f"{c.failed} failed) in {r.seconds:.1f}s -> {written}"
        )
    raise typer.Exit(EXIT_PARTIAL if digest.failures else EXIT_OK)
