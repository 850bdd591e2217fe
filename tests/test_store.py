"""The digest's SQLite state: location, named migrations, WAL, the run lock."""

import sqlite3

import pytest

from summarizer.store import MIGRATIONS, RunLock, RunLockedError, StateError, default_state_path, open_store


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
