"""The digest's SQLite state: location, named migrations, WAL, the run lock."""

import json
import sqlite3

import pytest

from summarizer import errors
from summarizer.settings import Options
from summarizer.store import (MIGRATIONS, RunLock, RunLockedError, StateError, brief_options_key, default_state_path,
                              open_store)


@pytest.fixture(autouse=True)
def state_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_STATE", str(tmp_path / "state.db"))
    return tmp_path / "state.db"


def test_default_location(tmp_path, monkeypatch):
    assert default_state_path() == tmp_path / "state.db"
    monkeypatch.delenv("SUMMARIZER_STATE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_state_path() == tmp_path / "xdg" / "summarizer" / "state.db"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_state_path() == tmp_path / "home" / ".local" / "share" / "summarizer" / "state.db"


def test_named_migrations_applied_once_in_wal_mode(state_in_tmp):
    with open_store() as store:
        assert store.migrations() == [name for name, _ in MIGRATIONS]
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.integrity_check() == "ok"
    with open_store() as store:
        assert store.migrate() == []  # nothing left to apply
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"migrations", "articles", "article_paths", "briefs", "runs", "files"} <= tables


def test_a_state_from_a_newer_version_is_refused(state_in_tmp):
    open_store().close()
    conn = sqlite3.connect(state_in_tmp)
    conn.execute("INSERT INTO migrations (name, applied) VALUES ('999_from_the_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StateError, match="newer summarizer"):
        open_store()


def test_runs_left_running_by_a_killed_process_are_marked_aborted():
    with open_store() as store:
        first = store.start_run(folder="/n", digest_date="2025-01-01", engine="extractive", model=None, backend="local")
        store.start_run(folder="/n", digest_date="2025-01-01", engine="extractive", model=None, backend="local")
        runs = {r["id"]: r for r in store.runs()}
    assert runs[first]["status"] == "aborted"
    assert "interrupted" in runs[first]["errors"][0]["reason"]


def test_run_lock_is_exclusive_and_released(state_in_tmp):
    with RunLock(state_in_tmp):
        with pytest.raises(RunLockedError, match="another digest run is in progress"):
            RunLock(state_in_tmp).acquire()
    with RunLock(state_in_tmp):  # free again
        pass


def test_errors_live_in_summarizer_errors_and_keep_their_old_homes():
    from summarizer import backends, store

    assert store.RunLockedError is errors.RunLockedError and store.StateError is errors.StateError
    assert backends.BackendUnavailableError is errors.BackendUnavailableError
    assert issubclass(errors.RunLockedError, errors.SummarizerError)
    assert issubclass(errors.StateError, errors.SummarizerError)
    assert issubclass(errors.BackendUnavailableError, errors.UsageError)  # a usage error: exit status 2


def test_sqlite_errors_come_out_as_state_errors(state_in_tmp, tmp_path, monkeypatch):
    open_store().close()
    monkeypatch.setattr("summarizer.store.BUSY_TIMEOUT_S", 0)
    blocker = sqlite3.connect(state_in_tmp, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with open_store() as store:
            assert store.runs() == []  # reading goes on while another connection writes (WAL)
            with pytest.raises(StateError, match=r"cannot use the state database \(database is locked\)"):
                store.start_run(folder="/n", digest_date="2025-01-01", engine="extractive", model=None,
                                backend="local")
    finally:
        blocker.close()
    with open_store() as store:
        assert store.count("runs") == 0  # the failed transaction left nothing behind
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"not a database " * 100)
    with pytest.raises(StateError, match=r"cannot open the state database \(file is not a database\)"):
        open_store(corrupt)


def test_briefs_are_kept_per_options_and_older_briefs_keep_theirs(state_in_tmp):
    # a state made before migration 006: briefs keyed by engine and model only
    conn = sqlite3.connect(state_in_tmp, isolation_level=None)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
    for name, sql in MIGRATIONS[:5]:
        conn.executescript(sql)
        conn.execute("INSERT INTO migrations VALUES (?, 'x')", (name,))
    conn.execute("INSERT INTO articles (hash, source, text, features, first_seen, first_run) "
                 "VALUES ('h', 'a.txt', 'Text.', '{}', '2025-01-01T00:00:00Z', 1)")
    conn.execute("INSERT INTO briefs VALUES ('h', 'extractive', '', 'x', ?, ?)",
                 (json.dumps({"max_words": 70, "bullets": 6}), json.dumps({"summary": "old"})))
    conn.close()
    default, short = brief_options_key(Options()), brief_options_key(Options(max_words=30))
    with open_store() as store:
        assert store.brief_hashes("extractive", None, default) == {"h"}  # made with the defaults: still good
        assert store.brief_hashes("extractive", None, short) == set()
        store.add_brief(hash="h", brief={"summary": "short"}, engine="extractive", model=None, options_key=short)
        assert store.briefs(["h"], "extractive", None, short) == {"h": {"summary": "short"}}
        assert store.briefs(["h"], "extractive", None, default) == {"h": {"summary": "old"}}
    for changed in (Options(bullets=2), Options(language="de"), Options(prompt="p.txt"), Options(quantize="int8")):
        assert brief_options_key(changed) != default
    assert brief_options_key(Options(engine="seq2seq", max_bytes=5, batch_size=2, threads=1)) == default


def test_another_programs_database_is_refused_untouched(tmp_path):
    import sqlite3

    from summarizer.errors import StateError
    from summarizer.store import open_store

    path = tmp_path / "other_app.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    with pytest.raises(StateError, match="not a summarizer state database"):
        open_store(path)
    with sqlite3.connect(path) as conn:
        assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} == {"notes"}
