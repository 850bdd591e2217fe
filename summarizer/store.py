"""The digest's state in SQLite: articles, briefs, runs, a file cache, and the run lock.

One database file (WAL mode) holds what every nightly run needs to remember:

- ``articles``: one row per distinct article, keyed by the sha256 of its normalised
  text (so a renamed or copied file is the same article), with its text, title,
  first sighting and the digest it was delivered in;
- ``article_paths``: every path an article has been seen under;
- ``briefs``: one brief per article, engine, model and options (:func:`brief_options_key`);
- ``runs``: start, end, counts, status and errors of each run;
- ``files``: a stat cache (path, size, mtime) -> content hashes, so that a second run
  does not parse files it has already read.

The schema is built by append-only named migrations recorded in ``migrations``
(never edit one that has shipped; add the next). Each summarised article is written
in one transaction together with its brief, so a run killed at any point loses
nothing it had already summarised.

A run holds an exclusive ``flock`` on ``<state>.lock`` for its whole length; a second
run fails at once with :class:`RunLockedError` instead of waiting. An ``sqlite3.Error``
in :class:`Store` (a corrupt file, "database is locked", a full disk) is raised as a
:class:`StateError` naming the file.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# Both errors live in summarizer.errors; imported here so `from summarizer.store import ...` keeps working.
from .errors import RunLockedError, StateError

STATE_ENV = "SUMMARIZER_STATE"
BUSY_TIMEOUT_S = 30.0  # how long a statement waits for another connection's write lock

# The options that change a brief, besides its engine and model (which are columns of their own).
BRIEF_OPTIONS = ("bullets", "language", "max_words", "model_bullets", "prompt", "quantize")


def brief_options_key(options) -> str:
    """The options of `options` that change a brief, as canonical JSON (the briefs table's options_key).

    Written exactly as SQLite's json_object() writes it, so that migration 006 could key
    the briefs made before it.
    """
    return json.dumps({k: getattr(options, k, None) for k in BRIEF_OPTIONS}, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False)


def default_state_path() -> Path:
    """$SUMMARIZER_STATE, else $XDG_DATA_HOME/summarizer/state.db, else ~/.local/share/summarizer/state.db."""
    env = os.environ.get(STATE_ENV)
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "summarizer" / "state.db"


# --------------------------------------------------------------------------- migrations

# (name, SQL). Append only: a shipped migration is never edited or reordered.
MIGRATIONS: list[tuple[str, str]] = [
    (
        "001_articles",
        """
        CREATE TABLE articles (
            hash        TEXT PRIMARY KEY,
            title       TEXT,
            url         TEXT,
            published   TEXT,
            source      TEXT NOT NULL,       -- the path it was first read from
            text        TEXT NOT NULL,       -- cleaned text, to re-summarise without the file
            features    TEXT NOT NULL,       -- JSON: story-grouping features (stories.Features)
            first_seen  TEXT NOT NULL,       -- ISO timestamp, UTC
            first_run   INTEGER NOT NULL,
            delivered   TEXT                 -- YYYY-MM-DD of the digest that first carried it
        );
        CREATE TABLE article_paths (
            hash        TEXT NOT NULL REFERENCES articles(hash),
            path        TEXT NOT NULL,
            first_seen  TEXT NOT NULL,
            PRIMARY KEY (hash, path)
        );
        """,
    ),
    (
        "002_briefs",
        """
        CREATE TABLE briefs (
            hash        TEXT NOT NULL REFERENCES articles(hash),
            engine      TEXT NOT NULL,
            model       TEXT NOT NULL DEFAULT '',
            created     TEXT NOT NULL,
            options     TEXT NOT NULL,       -- JSON: max_words, bullets
            brief       TEXT NOT NULL,       -- JSON: Brief.to_dict()
            PRIMARY KEY (hash, engine, model)
        );
        """,
    ),
    (
        "003_runs",
        """
        CREATE TABLE runs (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            started     TEXT NOT NULL,
            ended       TEXT,
            status      TEXT NOT NULL,       -- running, ok, partial, failed, aborted
            folder      TEXT NOT NULL,
            digest_date TEXT NOT NULL,
            engine      TEXT NOT NULL,
            model       TEXT NOT NULL DEFAULT '',
            backend     TEXT NOT NULL,
            pid         INTEGER,
            counts      TEXT NOT NULL DEFAULT '{}',   -- JSON: files, summarised, seen, copies, failed
            errors      TEXT NOT NULL DEFAULT '[]',   -- JSON: [{source, reason}]
            outputs     TEXT NOT NULL DEFAULT '[]'    -- JSON: digest files written
        );
        """,
    ),
    (
        "004_file_cache",
        """
        CREATE TABLE files (
            path        TEXT PRIMARY KEY,
            size        INTEGER NOT NULL,
            mtime_ns    INTEGER NOT NULL,
            entries     TEXT NOT NULL        -- JSON: [[content hash, article source], ...] it holds
        );
        """,
    ),
    (
        "005_digest_cache",
        """
        CREATE TABLE digest_cache (
            key         TEXT PRIMARY KEY,    -- JSON: folder, date, engine, model, since, options
            fingerprint TEXT NOT NULL,       -- sha256 of everything the digest is built from
            content     TEXT NOT NULL,       -- JSON: Digest.to_dict()
            outputs     TEXT NOT NULL DEFAULT '{}'  -- JSON: {file name: sha256} of the files written
        );
        """,
    ),
    (
        # A brief is made with options (word budget, bullets, language...): briefs made with
        # other options must not be reused, so they are part of the key. Briefs made before
        # this migration get the key of the options they recorded (language was always 'en',
        # model_bullets off, prompt and quantize unset), and stay usable.
        "006_brief_options_key",
        """
        CREATE TABLE briefs_006 (
            hash        TEXT NOT NULL REFERENCES articles(hash),
            engine      TEXT NOT NULL,
            model       TEXT NOT NULL DEFAULT '',
            options_key TEXT NOT NULL,       -- brief_options_key(): JSON of the options that change a brief
            created     TEXT NOT NULL,
            options     TEXT NOT NULL,       -- JSON: the options the brief was made with
            brief       TEXT NOT NULL,       -- JSON: Brief.to_dict()
            PRIMARY KEY (hash, engine, model, options_key)
        );
        INSERT INTO briefs_006 (hash, engine, model, options_key, created, options, brief)
            SELECT hash, engine, model,
                   json_object('bullets', json_extract(options, '$.bullets'), 'language', 'en',
                               'max_words', json_extract(options, '$.max_words'), 'model_bullets', json('false'),
                               'prompt', NULL, 'quantize', NULL),
                   created, options, brief
            FROM briefs;
        DROP TABLE briefs;
        ALTER TABLE briefs_006 RENAME TO briefs;
        """,
    ),
]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


@dataclass
class CachedFile:
    size: int
    mtime_ns: int
    entries: tuple[tuple[str, str], ...]  # (content hash, article source) per article in the file


@dataclass
class StoredArticle:
    hash: str
    title: str | None
    url: str | None
    published: str | None
    source: str
    text: str
    features: dict
    first_seen: str
    delivered: str | None


@contextmanager
def _state_errors(path: Path, doing: str):
    """sqlite3.Error as StateError: '<state file>: cannot <doing> the state database (why)'."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StateError(f"{path}: cannot {doing} the state database ({exc})") from exc


def _wrap_state_errors(cls):
    """Every public method of `cls` raises StateError, never sqlite3.Error (the one place they are turned)."""

    def wrap(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            with _state_errors(self.path, "use"):
                return method(self, *args, **kwargs)

        return wrapper

    for name, attr in list(vars(cls).items()):
        # transaction() is a context manager: its errors surface in the (wrapped) methods using it
        if callable(attr) and not name.startswith("_") and name != "transaction":
            setattr(cls, name, wrap(attr))
    return cls


@_wrap_state_errors
class Store:
    """The state database; open with :func:`open_store` (or as a context manager).

    Raises StateError (never sqlite3.Error) when the file cannot be opened or used.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError(f"{self.path}: cannot open the state database ({exc.strerror or exc})") from exc
        with _state_errors(self.path, "open"):
            # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE ... COMMIT).
            self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                        check_same_thread=False)
            try:
                self.conn.execute("PRAGMA journal_mode=WAL")
                # NORMAL is durable against a killed process in WAL mode (only a power cut can
                # lose the last transactions), and much faster than FULL for one commit per article.
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self.conn.execute("PRAGMA foreign_keys=ON")
                self.migrate()
            except BaseException:
                self.conn.close()
                raise

    # ----------------------------------------------------------------- plumbing

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self):
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:  # a failed COMMIT (disk full) leaves it open; an aborted one not
                self.conn.execute("ROLLBACK")
            raise

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded; the names of those applied."""
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "migrations" not in tables:  # another program's database: never add our tables to it
            raise StateError(f"{self.path}: not a summarizer state database (it holds other tables: "
                             f"{', '.join(sorted(tables)[:3])}{', ...' if len(tables) > 3 else ''})")
        self.conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
        done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        unknown = done - {name for name, _ in MIGRATIONS}
        if unknown:
            raise StateError(
                f"{self.path}: made by a newer summarizer (unknown migrations: {', '.join(sorted(unknown))})"
            )
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction() as conn:
                for statement in sql.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute("INSERT INTO migrations (name, applied) VALUES (?, ?)", (name, _now()))
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY name")]

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

    # ----------------------------------------------------------------- reads

    def file_cache(self) -> dict[str, CachedFile]:
        return {
            path: CachedFile(size, mtime, tuple((h, src) for h, src in json.loads(entries)))
            for path, size, mtime, entries in self.conn.execute("SELECT path, size, mtime_ns, entries FROM files")
        }

    def article_index(self) -> dict[str, tuple[str, str | None]]:
        """hash -> (first_seen, delivered) of every stored article."""
        return {h: (fs, d) for h, fs, d in self.conn.execute("SELECT hash, first_seen, delivered FROM articles")}

    def brief_hashes(self, engine: str, model: str | None, options_key: str) -> set[str]:
        """Hashes of the articles with a brief by this engine, model and options (:func:`brief_options_key`)."""
        rows = self.conn.execute("SELECT hash FROM briefs WHERE engine = ? AND model = ? AND options_key = ?",
                                 (engine, model or "", options_key))
        return {r[0] for r in rows}

    def articles(self, hashes: list[str], with_text: bool = True) -> dict[str, StoredArticle]:
        out = {}
        text = "text" if with_text else "''"
        for chunk in _chunks(hashes, 500):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT hash, title, url, published, source, {text}, features, first_seen, delivered "
                f"FROM articles WHERE hash IN ({marks})",
                chunk,
            ):
                out[row[0]] = StoredArticle(*row[:6], json.loads(row[6]), *row[7:])
        return out

    def briefs(self, hashes: list[str], engine: str, model: str | None, options_key: str) -> dict[str, dict]:
        """hash -> brief dict, for the briefs of `hashes` by this engine, model and options."""
        out = {}
        for chunk in _chunks(hashes, 500):
            marks = ",".join("?" * len(chunk))
            for h, brief in self.conn.execute(
                f"SELECT hash, brief FROM briefs WHERE engine = ? AND model = ? AND options_key = ? AND hash IN ({marks})",
                (engine, model or "", options_key, *chunk),
            ):
                out[h] = json.loads(brief)
        return out

    def count(self, table: str) -> int:
        if table not in ("articles", "briefs", "runs", "files", "article_paths"):
            raise ValueError(table)
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def runs(self, limit: int = 20) -> list[dict]:
        """The latest runs, newest first, as dicts."""
        rows = self.conn.execute(
            "SELECT id, started, ended, status, folder, digest_date, engine, model, backend, pid, counts, errors, outputs "
            "FROM runs ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        keys = ("id", "started", "ended", "status", "folder", "digest_date", "engine", "model", "backend", "pid")
        out = []
        for row in rows:
            d = dict(zip(keys, row[:10]))
            d["counts"], d["errors"], d["outputs"] = (json.loads(x) for x in row[10:])
            out.append(d)
        return out

    def output_paths(self) -> set[str]:
        """Every digest file a run has written (as recorded: real paths since this version)."""
        return {p for (outputs,) in self.conn.execute("SELECT outputs FROM runs") for p in json.loads(outputs)}

    # ----------------------------------------------------------------- writes

    def add_article(self, *, hash: str, article, features: dict, brief: dict, engine: str, model: str | None,
                    options_key: str, run_id: int) -> None:
        """One summarised article, its path and its brief, in one transaction."""
        now = _now()
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO articles (hash, title, url, published, source, text, features, first_seen, first_run) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (hash, article.title, article.url, article.published, article.source, article.text,
                 json.dumps(features), now, run_id),
            )
            conn.execute("INSERT OR IGNORE INTO article_paths (hash, path, first_seen) VALUES (?, ?, ?)",
                         (hash, article.source, now))
            _insert_brief(conn, hash, brief, engine, model, options_key, now)

    def add_brief(self, *, hash: str, brief: dict, engine: str, model: str | None, options_key: str) -> None:
        """A brief of a stored article by another engine, model or options."""
        with self.transaction() as conn:
            _insert_brief(conn, hash, brief, engine, model, options_key, _now())

    def record_scan(self, paths: list[tuple[str, str]], files: dict[str, CachedFile]) -> None:
        """Paths seen for known articles and the file cache, in one transaction."""
        now = _now()
        with self.transaction() as conn:
            conn.executemany("INSERT OR IGNORE INTO article_paths (hash, path, first_seen) VALUES (?, ?, ?)",
                             [(h, p, now) for h, p in paths])
            conn.executemany(
                "INSERT OR REPLACE INTO files (path, size, mtime_ns, entries) VALUES (?, ?, ?, ?)",
                [(p, f.size, f.mtime_ns, json.dumps([list(e) for e in f.entries])) for p, f in files.items()],
            )

    def cached_digest(self, key: str) -> tuple[str, str, dict] | None:
        """(fingerprint, content JSON, outputs) of the digest last built for `key`, if any."""
        row = self.conn.execute("SELECT fingerprint, content, outputs FROM digest_cache WHERE key = ?", (key,)).fetchone()
        return (row[0], row[1], json.loads(row[2])) if row else None

    def cache_digest(self, key: str, fingerprint: str, content: str, outputs: dict) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO digest_cache (key, fingerprint, content, outputs) VALUES (?, ?, ?, ?)",
                         (key, fingerprint, content, json.dumps(outputs)))

    def mark_delivered(self, hashes: list[str], date: str) -> None:
        with self.transaction() as conn:
            for chunk in _chunks(hashes, 500):
                marks = ",".join("?" * len(chunk))
                conn.execute(f"UPDATE articles SET delivered = ? WHERE delivered IS NULL AND hash IN ({marks})",
                             (date, *chunk))

    def start_run(self, *, folder: str, digest_date: str, engine: str, model: str | None, backend: str) -> int:
        """Record a new run (marking runs a killed process left 'running' as aborted); its id."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE runs SET status = 'aborted', errors = ? WHERE status = 'running'",
                (json.dumps([{"source": "", "reason": "the run was interrupted (process killed or crashed)"}]),),
            )
            cur = conn.execute(
                "INSERT INTO runs (started, status, folder, digest_date, engine, model, backend, pid) "
                "VALUES (?, 'running', ?, ?, ?, ?, ?, ?)",
                (_now(), folder, digest_date, engine, model or "", backend, os.getpid()),
            )
            return cur.lastrowid

    def finish_run(self, run_id: int, *, status: str, counts: dict, errors: list[dict], outputs: list[str]) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE runs SET ended = ?, status = ?, counts = ?, errors = ?, outputs = ? WHERE id = ?",
                (_now(), status, json.dumps(counts), json.dumps(errors, ensure_ascii=False), json.dumps(outputs), run_id),
            )


def _insert_brief(conn, hash: str, brief: dict, engine: str, model: str | None, options_key: str, now: str) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO briefs (hash, engine, model, options_key, created, options, brief) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (hash, engine, model or "", options_key, now, options_key, json.dumps(brief, ensure_ascii=False)),
    )


def _chunks(items: list, n: int):
    for i in range(0, len(items), n):
        yield items[i:i + n]


def open_store(path: str | os.PathLike | None = None) -> Store:
    """The state database at `path` (default: :func:`default_state_path`), migrated."""
    return Store(path or default_state_path())


# --------------------------------------------------------------------------- run lock


class RunLock:
    """An exclusive, non-blocking flock on ``<state>.lock``, held for a whole run.

    The kernel drops the lock when the process dies (kill -9 included), so a crashed
    run never leaves a stale lock behind.
    """

    def __init__(self, state_path: str | os.PathLike):
        self.path = Path(str(state_path) + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = ""
            try:
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
            except OSError:
                pass
            os.close(fd)
            raise RunLockedError(
                f"another digest run is in progress ({holder or 'lock held'}; lock file {self.path}); "
                "this run did nothing"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {_now()}".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            import fcntl

            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "RunLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
