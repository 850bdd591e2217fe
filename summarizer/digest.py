"""Nightly digests: scan a folder, skip what was seen, summarise the rest, group into stories.

    >>> from summarizer import build_digest
    >>> digest = build_digest("news/", out_dir="digests/")   # writes digest-YYYY-MM-DD.md/.html/.json

An article is identified by the hash of its normalised text, so a renamed or copied
file is not a new article. What a digest carries: every article in the folder not yet
delivered in an earlier day's digest (plus, with `since`, every article first seen on
or after that date). Running again the same day therefore summarises nothing and
writes the same digest; adding one article summarises exactly that one. A brief is kept
per engine, model and options (word budget, bullets, language...): a run with other
options summarises again.

Dates are local calendar dates: the digest's day (default: today, local), `since` and
the day an article was delivered. An article's first sighting is stored in UTC and
compared with `since` as the local date it falls on.

The digest's own files (digest-YYYY-MM-DD.md/.html/.json) are never read back as
articles, even when written into the folder: the output folder is not walked, and
neither is any file of that name an earlier run wrote.

State (articles, briefs, runs) lives in SQLite (:mod:`summarizer.store`); each brief is
committed as soon as it is made, so a killed run loses nothing it had summarised, and
a run lock makes a second concurrent run fail at once with
:class:`~summarizer.errors.RunLockedError`.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import InputError, UsageError
from .render_digest import FORMATS
from .settings import DEFAULT_ENGINE, Options

DIGEST_PREFIX = "digest-"
_DIGEST_NAME = re.compile(r"digest-\d{4}-\d{2}-\d{2}\.(?:md|html|json)\Z")  # what _write_outputs names
DIGEST_ENGINE = "extractive"  # the digest's default engine ('auto' when a model is named)
SITUATION_STORIES = 5  # stories quoted in the top section
TABLE_FIGURES_PER_STORY = 2
TABLE_MAX_ROWS = 40


# --------------------------------------------------------------------------- result types


@dataclass
class Source:
    """One distinct article of a story: where it is, and the other names it is found under."""

    hash: str
    path: str
    copies: list[str] = field(default_factory=list)
    title: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass
class StoryFigure:
    """A key-figure bullet of a story, attributed to the article that states it."""

    text: str
    figure: str
    kind: str
    value: float | str | None
    unit: str | None
    source: str  # path of the article that states it
    also_in: list[str] = field(default_factory=list)


@dataclass
class Story:
    """Articles telling one story (near-duplicates merged), with one summary."""

    id: int
    title: str
    summary: str
    summary_source: str  # path of the article the summary is taken from
    sources: list[Source]
    key_figures: list[StoryFigure]
    topic: int
    related: list[int] = field(default_factory=list)  # ids of related stories


@dataclass
class TopicGroup:
    """Related stories shown together."""

    id: int
    label: str
    stories: list[int]


@dataclass
class SituationItem:
    """One line of the top section: a story's lead sentence."""

    story: int
    title: str
    text: str
    source: str


@dataclass
class FigureRow:
    """A row of the night's key-figure table."""

    figure: str
    text: str
    story: int
    source: str


@dataclass
class Failure:
    source: str
    reason: str


@dataclass
class Counts:
    """What the digest covers; the same on every run over the same folder and state."""

    files: int = 0  # article files found in the folder
    new: int = 0  # distinct articles in this digest
    stories: int = 0
    already_seen: int = 0  # distinct articles found that earlier digests carried
    exact_copies: int = 0  # extra files/records with the same text as an article in the digest
    near_duplicates: int = 0  # articles merged into another article's story
    failed: int = 0

    @property
    def duplicates(self) -> int:
        return self.exact_copies + self.near_duplicates


@dataclass
class RunStats:
    """What this run did (not part of the digest's content): for progress and the runs table."""

    files_total: int = 0
    files_done: int = 0
    files_read: int = 0  # not answered by the file cache
    summarised: int = 0
    seen: int = 0
    copies: int = 0
    failed: int = 0
    stage: str = "scan"
    current: str = ""
    seconds: float = 0.0


@dataclass
class Digest:
    """One night's digest: the top section, stories, the figures table and counts."""

    date: str
    folder: str
    engine: str
    model: str | None
    headline: str
    situation: list[SituationItem]
    stories: list[Story]
    topics: list[TopicGroup]
    figures: list[FigureRow]
    counts: Counts
    failures: list[Failure]
    since: str | None = None
    run: RunStats = field(default_factory=RunStats)
    run_id: int | None = None
    outputs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Everything the Markdown and HTML show, JSON-ready (no run timings: reruns compare equal)."""
        d = _plain(self)
        for key in ("run", "run_id", "outputs"):
            d.pop(key)
        d["counts"]["duplicates"] = self.counts.duplicates
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Digest":
        """The Digest that :meth:`to_dict` gave `d`."""
        d = dict(d)
        counts = {k: v for k, v in d.pop("counts").items() if k != "duplicates"}
        stories = [
            Story(**{**s, "sources": [Source(**x) for x in s["sources"]],
                     "key_figures": [StoryFigure(**k) for k in s["key_figures"]]})
            for s in d.pop("stories")
        ]
        situation = [SituationItem(**x) for x in d.pop("situation")]
        topics = [TopicGroup(**x) for x in d.pop("topics")]
        figures = [FigureRow(**x) for x in d.pop("figures")]
        failures = [Failure(**x) for x in d.pop("failures")]
        return cls(**d, stories=stories, counts=Counts(**counts), situation=situation, topics=topics,
                   figures=figures, failures=failures)

    def render(self, fmt: str = "md") -> str:
        """The digest as md, html or json."""
        from .render_digest import render_digest

        return render_digest(self, fmt)

    def write(self, out_dir: str | os.PathLike) -> list[str]:
        """Write digest-DATE.md/.html/.json into `out_dir` atomically; the paths written."""
        return _write_outputs(self, out_dir, {})[0]


# --------------------------------------------------------------------------- helpers


def _plain(obj):
    """dataclasses.asdict without its deep copies (several times faster on a 1,000-story digest)."""
    if hasattr(obj, "__dataclass_fields__"):
        return {k: _plain(v) for k, v in obj.__dict__.items()}
    if isinstance(obj, list):
        return [_plain(x) for x in obj]
    return obj


def _parse_date(value, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    try:
        return _dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise UsageError(f"{what} must be a date YYYY-MM-DD; given: {value}") from None


def walk_files(folder: str, *, out_dir: str | os.PathLike | None = None,
               written: set[str] = frozenset()) -> Iterator:
    """The article files under `folder` (str) and the IngestFailures of the walk, as ingest walks
    folders, less the digest's own output: the `out_dir` tree, the files earlier runs wrote
    (`written`: real paths), and files named digest-YYYY-MM-DD.md/.html/.json in `out_dir`."""
    from .ingest import IngestFailure, iter_article_files

    out_real = os.path.realpath(out_dir) if out_dir is not None else None
    skip = set(written)
    if out_real is not None and out_real != os.path.realpath(folder):  # not the folder itself: by name, below
        skip.add(out_real)
    for item in iter_article_files(folder, skip=skip):
        if isinstance(item, IngestFailure):
            yield item
            continue
        if (out_real is not None and item.name.startswith(DIGEST_PREFIX) and _DIGEST_NAME.match(item.name)
                and os.path.dirname(os.path.realpath(item)) == out_real):
            continue
        yield os.fspath(item)


def _rel(path: str, folder: str) -> str:
    try:
        rel = os.path.relpath(path, folder)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def _figure_identity(kf: dict) -> tuple:
    """bullets.figure_identity of a stored key-figure bullet (kind, value, unit and a range's high end)."""
    from types import SimpleNamespace

    from .bullets import figure_identity

    value = kf.get("value")
    return figure_identity(SimpleNamespace(kind=kf.get("kind") or "", unit=kf.get("unit"), high=kf.get("high"),
                                           value=value if value is not None else kf.get("figure", "").casefold()))


def _short_title(summary: str, words: int = 12) -> str:
    """The summary's first sentence, cut after about `words` words, never inside a figure.

    "... spend an extra total 1.5 billion pounds" is never cut to "... total 1.5 …": the
    cut moves back to before the figure. When no cut keeping at least half the words keeps
    every figure as the sentence states it, the whole sentence is the title.
    """
    from .figures import check_figures, extract_figures
    from .text import split_sentences

    first = (split_sentences(summary) or [summary])[0] if summary else ""
    ends = [m.end() for m in re.finditer(r"\S+", first)]  # where each word ends
    if len(ends) <= words:
        return first.rstrip(".") or "Untitled"
    figures = extract_figures(first)
    for cut in reversed(ends[(words - 1) // 2:words]):
        if any(f.start < cut < f.end for f in figures):
            continue  # the cut would split this figure: try an earlier word
        short = first[:cut].rstrip(",;:")
        if check_figures(short, figures) == []:  # the words kept still state each figure as the sentence does
            return short + " …"
        break
    return first.rstrip(".")


def _local_day(utc_timestamp: str) -> str:
    """The local date (YYYY-MM-DD) of a stored UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)."""
    try:
        moment = _dt.datetime.strptime(utc_timestamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=_dt.timezone.utc)
    except ValueError:
        return utc_timestamp[:10]
    return moment.astimezone().date().isoformat()


def digest_options(engine: str | None = None, model: str | None = None, options: Options | None = None) -> Options:
    """The options a digest runs with: `options` (default: the package defaults) with `engine` and `model`.

    The engine is `engine` if given, else the one `options` names if it is not the package
    default ('auto'), else extractive, or 'auto' when a model is named (the seq2seq engine
    then, with that model). Extractive by default, because a nightly run over a whole folder
    must not turn into hours of generation just because a model happens to be installed.
    """
    base = options or Options()
    model = model if model is not None else base.model
    if engine is None:
        engine = base.engine if base.engine != DEFAULT_ENGINE else (DIGEST_ENGINE if model is None else "auto")
    return base.with_(engine=engine, model=model)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


# --------------------------------------------------------------------------- building

# Part of every digest fingerprint: bump when grouping or rendering changes, so that a
# digest cached by an older version is built afresh.
DIGEST_FORMAT = 2  # 2: titles never cut inside a figure


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _write_outputs(digest: Digest, out_dir, known: dict) -> tuple[list[str], dict]:
    """Write the three files, skipping any already on disk with the content `known` recorded."""
    from .atomic import write_atomic

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths, sums = [], {}
    for fmt in FORMATS:
        path = out / f"{DIGEST_PREFIX}{digest.date}.{fmt}"
        paths.append(str(path))
        if path.name in known:
            try:
                if _sha(path.read_bytes()) == known[path.name]:
                    sums[path.name] = known[path.name]
                    continue
            except OSError:
                pass
        text = digest.render(fmt)
        write_atomic(path, text)
        sums[path.name] = _sha(text.encode("utf-8"))
    return paths, sums


def build_digest(
    folder: str | os.PathLike,
    *,
    out_dir: str | os.PathLike | None = None,
    state: str | os.PathLike | None = None,
    since: str | _dt.date | None = None,
    engine: str | None = None,
    model: str | None = None,
    options: Options | None = None,
    backend: str = "local",
    workers: int | None = None,
    date: str | _dt.date | None = None,
    progress: Callable[[RunStats], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> Digest:
    """Scan `folder`, summarise the articles not seen before, and build the night's Digest.

    With `out_dir`, also write digest-DATE.md/.html/.json there (atomically); the digest
    files are never read back as articles. `state` is the SQLite file (default:
    $SUMMARIZER_STATE, else the user's data folder). `date` names the digest (default:
    today, local). The engine: see :func:`digest_options`. Raises RunLockedError when
    another run holds the state, StateError when the state cannot be opened or used,
    UsageError for bad options, InputError when `folder` is not a folder.
    """
    from .backends import get_backend, resolve_engine
    from .errors import StateError
    from .store import RunLock, Store, default_state_path

    opts = digest_options(engine, model, options)
    folder = os.fspath(folder)
    if not os.path.exists(folder):
        raise InputError(folder, "no such file or directory")
    if not os.path.isdir(folder):
        raise InputError(folder, "not a folder (digest reads a folder of articles)")
    engine_name = resolve_engine(opts)  # UnknownEngineError before anything is touched
    opts = opts.with_(engine=engine_name)  # workers must not re-resolve 'auto' differently
    day = _parse_date(date, "date") or _dt.date.today().isoformat()
    since_day = _parse_date(since, "--since")
    backend_obj = get_backend(backend, workers=workers)  # BackendUnavailableError likewise
    state_path = Path(state) if state else default_state_path()

    lock = RunLock(state_path)
    lock.acquire()
    try:
        store = Store(state_path)
        try:
            run_id = store.start_run(folder=os.path.abspath(folder), digest_date=day, engine=engine_name,
                                     model=opts.model, backend=backend_obj.name)
            stats = RunStats()
            started = time.perf_counter()
            errors: list[dict] = []
            try:
                job = _Run(store, run_id, folder, opts, engine_name, backend_obj, day, since_day, stats,
                           progress, on_failure, out_dir)
                digest = job.run()
                sums = job.cached_outputs
                if out_dir is not None:
                    digest.outputs, sums = _write_outputs(digest, out_dir, job.cached_outputs)
                if not job.cache_hit or sums != job.cached_outputs:
                    store.cache_digest(job.cache_key, job.fingerprint, job.content, sums)
                # only once the digest is on disk: a crash before this re-delivers them next run
                store.mark_delivered([s.hash for st in digest.stories for s in st.sources], day)
            except BaseException as exc:
                status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
                errors.append({"source": "", "reason": f"{type(exc).__name__}: {exc}"})
                try:
                    store.finish_run(run_id, status=status, counts=_run_counts(stats), errors=errors, outputs=[])
                except StateError:
                    pass  # the state is what failed (locked, disk full): the error raised below says so
                raise
            stats.seconds = time.perf_counter() - started
            digest.run, digest.run_id = stats, run_id
            errors = [asdict(f) for f in digest.failures]
            # real paths: the next run's walk skips exactly these files (see walk_files)
            store.finish_run(run_id, status="partial" if digest.failures else "ok", counts=_run_counts(stats),
                             errors=errors, outputs=[os.path.realpath(p) for p in digest.outputs])
            return digest
        finally:
            store.close()
    finally:
        lock.release()


def _run_counts(stats: RunStats) -> dict:
    return {"files": stats.files_total, "files_read": stats.files_read, "summarised": stats.summarised,
            "seen": stats.seen, "copies": stats.copies, "failed": stats.failed}


class _Run:
    """One run's scan, summarisation and grouping (state in attributes, not in globals)."""

    def __init__(self, store, run_id, folder, opts, engine_name, backend, day, since, stats, progress, on_failure,
                 out_dir=None):
        from .store import brief_options_key

        self.store, self.run_id, self.folder, self.opts, self.out_dir = store, run_id, folder, opts, out_dir
        self.brief_key = brief_options_key(opts)  # briefs made with other options are not reused
        self.engine_name, self.backend, self.day, self.since = engine_name, backend, day, since
        self.stats, self._progress, self._on_failure = stats, progress, on_failure
        self.scanned: dict[str, list[str]] = {}  # hash -> sources in walk order
        self.failures: list[Failure] = []
        self.pending: list = []  # articles handed to the backend, by result index
        self.pending_hashes: list[str] = []
        self.have_brief: set[str] = set()
        self.cache_key = self.fingerprint = self.content = ""
        self.cache_hit, self.cached_outputs = False, {}

    def progress(self) -> None:
        if self._progress:
            self._progress(self.stats)

    def fail(self, source: str, reason: str) -> None:
        failure = Failure(_rel(source, self.folder), reason)
        self.failures.append(failure)
        self.stats.failed += 1
        if self._on_failure:
            self._on_failure(failure)

    # ----------------------------------------------------------------- scan

    def _in_window(self, first_seen: str, delivered: str | None) -> bool:
        if delivered is None or delivered == self.day:
            return True
        # since is a local date, like the digest's day; first_seen is UTC
        return bool(self.since) and _local_day(first_seen) >= self.since

    def _scan(self, files: list[str]):
        """Yield the articles to summarise, noting every content hash found (a generator: the
        local backend summarises each one before the scan reads the next file)."""
        from .ingest import IngestFailure, iter_articles
        from .store import CachedFile

        cache = self.store.file_cache()
        have_brief = self.have_brief = self.store.brief_hashes(self.engine_name, self.opts.model, self.brief_key)
        queued: set[str] = set()
        self.cache_updates: dict[str, CachedFile] = {}
        self.new_paths: list[tuple[str, str]] = []
        for path in files:
            self.stats.current = path
            try:
                st = os.stat(path)
            except OSError:
                st = None
            cached = cache.get(path)
            if (st is not None and cached is not None and cached.size == st.st_size
                    and cached.mtime_ns == st.st_mtime_ns and all(h in self.index for h, _ in cached.entries)):
                for h, source in cached.entries:
                    self._note(h, source)
            else:
                self.stats.files_read += 1
                entries, ok = [], True
                for item in iter_articles([path], max_bytes=self.opts.max_bytes):
                    if isinstance(item, IngestFailure):
                        ok = False
                        self.fail(item.source, item.reason)
                        continue
                    h = item.content_hash
                    entries.append((h, item.source))
                    self._note(h, item.source)
                    if h in self.index:
                        self.new_paths.append((h, item.source))
                    elif h not in queued:
                        queued.add(h)
                        self.pending.append(item)
                        self.pending_hashes.append(h)
                        yield item
                if ok and st is not None:
                    self.cache_updates[path] = CachedFile(st.st_size, st.st_mtime_ns, tuple(entries))
            self.stats.files_done += 1
            self.progress()
        # Stored articles this digest carries that have no brief by this engine, model and options yet.
        from .ingest import Article

        missing = [h for h in self.scanned if h in self.index and h not in have_brief and h not in queued
                   and self._in_window(*self.index[h])]
        if missing:
            stored = self.store.articles(missing)
            for h in missing:
                a = stored[h]
                article = Article(text=a.text, source=a.source, title=a.title, url=a.url, published=a.published)
                self.pending.append(article)
                self.pending_hashes.append(h)
                yield article
        self.stats.stage = "summarise"

    def _note(self, h: str, source: str) -> None:
        sources = self.scanned.setdefault(h, [])
        if sources:
            self.stats.copies += 1
        elif h in self.index:
            self.stats.seen += 1
        sources.append(source)

    # ----------------------------------------------------------------- run

    def run(self) -> Digest:
        from .stories import features

        from .ingest import IngestFailure

        files = []
        for item in walk_files(self.folder, out_dir=self.out_dir, written=self.store.output_paths()):
            if isinstance(item, IngestFailure):
                self.fail(item.source, item.reason)
            else:
                files.append(item)
        self.index = self.store.article_index()  # hash -> (first_seen, delivered)
        self.stats.files_total = len(files)
        if not files and not self.failures:
            self.fail(self.folder, "no articles found (looked for .txt, .md, .html, .json, .jsonl)")
        self.progress()
        for i, brief, error in self.backend.run(self._scan(files), self.opts):
            article, h = self.pending[i], self.pending_hashes[i]
            self.stats.current = article.source
            if error is not None:
                self.fail(article.source, error)
            elif h in self.index:
                self.store.add_brief(hash=h, brief=brief, engine=self.engine_name, model=self.opts.model,
                                     options_key=self.brief_key)
            else:
                self.store.add_article(hash=h, article=article, features=features(article.text, article.title).to_dict(),
                                       brief=brief, engine=self.engine_name, model=self.opts.model,
                                       options_key=self.brief_key, run_id=self.run_id)
                self.index[h] = (time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), None)
            if error is None:
                self.stats.summarised += 1
                self.have_brief.add(h)
            self.progress()
        self.store.record_scan([(h, p) for h, p in self.new_paths if h in self.index], self.cache_updates)
        return self._cached_or_assembled()

    def _cached_or_assembled(self) -> Digest:
        """The digest built from the same inputs last time, else a new one.

        Everything a digest is made of is in the fingerprint: each article found (hash, the
        paths it is under, whether the digest carries it), the failures, the options. A
        rerun over an unchanged folder therefore skips grouping and rendering altogether.
        """
        import json

        from . import __version__

        self.cache_key = json.dumps([os.path.abspath(self.folder), self.day, self.since, self.engine_name,
                                     self.opts.model, self.brief_key])
        carried = {h for h in self.scanned if h in self.index and h in self.have_brief and self._in_window(*self.index[h])}
        basis = [DIGEST_FORMAT, __version__, self.folder, self.stats.files_total,
                 [[h, self.scanned[h], h in carried, h in self.index] for h in self.scanned],
                 [[f.source, f.reason] for f in self.failures]]
        self.fingerprint = _sha(json.dumps(basis, ensure_ascii=False).encode("utf-8"))
        cached = self.store.cached_digest(self.cache_key)
        self.cache_hit = cached is not None and cached[0] == self.fingerprint
        if self.cache_hit:
            self.content, self.cached_outputs = cached[1], cached[2]
            return Digest.from_dict(json.loads(self.content))
        digest = self._assemble()
        self.content, self.cached_outputs = json.dumps(digest.to_dict(), ensure_ascii=False), {}
        return digest

    # ----------------------------------------------------------------- grouping

    def _assemble(self) -> Digest:
        from .stories import Features, near_duplicate_groups, topics

        engine, model = self.engine_name, self.opts.model
        candidates = [h for h in self.scanned if h in self.index and self._in_window(*self.index[h])]
        briefs = self.store.briefs(candidates, engine, model, self.brief_key)
        hashes = [h for h in candidates if h in briefs]  # an article whose brief failed is a failure
        stored = self.store.articles(hashes, with_text=False)
        feats = [Features.from_dict(stored[h].features) for h in hashes]
        rel = {h: [_rel(p, self.folder) for p in self.scanned[h]] for h in hashes}

        groups = near_duplicate_groups([f.sketch for f in feats])
        raw_stories = []
        for members in groups:
            # the summary comes from the member whose brief has the most figures (then walk order)
            rep = min(members, key=lambda m: (-len(briefs[hashes[m]].get("key_figures", [])), m))
            raw_stories.append((rep, members))
        story_topics = topics([feats[rep] for rep, _ in raw_stories])

        # order: topics by their biggest story, stories by size then walk order
        def story_key(s):
            return (-len(raw_stories[s][1]), raw_stories[s][1][0])

        ordered_topics = sorted(story_topics, key=lambda t: min(story_key(s) for s in t.members))
        order = [s for t in ordered_topics for s in sorted(t.members, key=story_key)]
        new_id = {s: k + 1 for k, s in enumerate(order)}

        stories: list[Story] = []
        topic_groups: list[TopicGroup] = []
        for t_id, topic in enumerate(ordered_topics, 1):
            members = sorted(topic.members, key=story_key)
            topic_groups.append(TopicGroup(t_id, topic.label, [new_id[s] for s in members]))
            for s in members:
                rep, articles = raw_stories[s]
                stories.append(self._story(new_id[s], t_id, sorted(new_id[r] for r in topic.related.get(s, [])),
                                           rep, articles, hashes, briefs, stored, rel))
        return self._digest(stories, topic_groups, hashes)

    def _story(self, sid, topic, related, rep, members, hashes, briefs, stored, rel) -> Story:
        rep_hash = hashes[rep]
        ordered = [rep] + [m for m in members if m != rep]
        sources = []
        for m in ordered:
            h = hashes[m]
            a = stored[h]
            sources.append(Source(h, rel[h][0], rel[h][1:], a.title, a.url, a.published))
        brief = briefs[rep_hash]
        figures: list[StoryFigure] = []
        by_identity: dict[tuple, StoryFigure] = {}
        cap = max(self.opts.bullets, len(brief.get("key_figures", [])))
        for m in ordered:
            h = hashes[m]
            for kf in briefs[h].get("key_figures", []):
                ident = _figure_identity(kf)
                if ident in by_identity:
                    seen = by_identity[ident]
                    if rel[h][0] != seen.source and rel[h][0] not in seen.also_in:
                        seen.also_in.append(rel[h][0])
                    continue
                if len(figures) >= cap:
                    continue
                sf = StoryFigure(kf["text"], kf["figure"], kf.get("kind") or "", kf.get("value"), kf.get("unit"),
                                 rel[h][0])
                by_identity[ident] = sf
                figures.append(sf)
        title = stored[rep_hash].title or brief.get("title") or _short_title(brief.get("summary", ""))
        return Story(sid, title, brief.get("summary", ""), rel[rep_hash][0], sources, figures, topic, related)

    def _digest(self, stories: list[Story], topic_groups: list[TopicGroup], hashes: list[str]) -> Digest:
        from .text import split_sentences

        in_digest = set(hashes)
        counts = Counts(
            files=self.stats.files_total,
            new=len(hashes),
            stories=len(stories),
            already_seen=sum(1 for h in self.scanned if h in self.index and h not in in_digest),
            exact_copies=sum(len(self.scanned[h]) - 1 for h in hashes),
            near_duplicates=sum(len(s.sources) - 1 for s in stories),
            failed=len(self.failures),
        )
        situation = []
        for story in stories[:SITUATION_STORIES]:
            lead = (split_sentences(story.summary) or [story.summary])[0] if story.summary else ""
            if lead:
                titled = story.title and not story.title.endswith("…")
                situation.append(SituationItem(story.id, story.title if titled else "", lead, story.summary_source))
        figures = []
        for story in stories:
            for sf in story.key_figures[:TABLE_FIGURES_PER_STORY]:
                if len(figures) < TABLE_MAX_ROWS:
                    figures.append(FigureRow(sf.figure, sf.text, story.id, sf.source))
        multi = sum(1 for t in topic_groups if len(t.stories) > 1)
        parts = [f"{_plural(counts.new, 'new article')} in {_plural(counts.stories, 'story', 'stories')}"]
        if multi:
            parts.append(f"{_plural(multi, 'topic')} with related stories")
        if counts.duplicates:
            parts.append(f"{_plural(counts.duplicates, 'duplicate')} merged")
        if counts.already_seen:
            parts.append(f"{counts.already_seen} already seen")
        if counts.failed:
            parts.append(f"{_plural(counts.failed, 'file')} failed")
        headline = "; ".join(parts) + "."
        if not stories:
            headline = "Nothing new since the last digest. " + headline
        return Digest(
            date=self.day, folder=self.folder, engine=self.engine_name, model=self.opts.model, headline=headline,
            situation=situation, stories=stories, topics=topic_groups, figures=figures, counts=counts,
            failures=list(self.failures), since=self.since,
        )
