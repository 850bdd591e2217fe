"""Nightly digests: idempotence, new/renamed/copied files, grouping, failures, outputs, locking, crash-safety."""

import json
import os
import re
import shutil
import logging
import signal
import sqlite3
import subprocess
import sys
import time
import types
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

import summarizer.ingest
from summarizer import Digest, Options, build_digest, check_figures
from summarizer.cli import app
from summarizer.digest import _short_title, digest_options
from summarizer.errors import RunLockedError, StateError
from summarizer.ingest import read_article
from summarizer.store import RunLock, open_store

from conftest import DATA, ROOT

runner = CliRunner()
DAY1, DAY2 = "2025-03-01", "2025-03-02"


@pytest.fixture(autouse=True)
def state_in_tmp(tmp_path, monkeypatch):
    """No test writes to the user's data folder."""
    monkeypatch.setenv("SUMMARIZER_STATE", str(tmp_path / "state" / "state.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path / "state" / "state.db"


def frank_articles() -> list[dict]:
    with open(DATA / "frank_validation.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def perturb(text: str) -> str:
    """The same story as another outlet carries it: a dateline, a few edits, a sentence dropped, a sign-off."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    if len(sentences) > 6:
        del sentences[len(sentences) // 2]
    body = " ".join(sentences).replace(" said ", " told reporters ", 2).replace(" the ", " the ", 1)
    return f"LONDON (Wire) - {body} Additional reporting by wire staff."


def write_articles(folder: Path, rows, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k, row in enumerate(rows, start):
        path = folder / f"{k:03d}_{row['id'][:8]}.txt"
        path.write_text(row["article"], encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def frank():
    return frank_articles()


@pytest.fixture
def news(tmp_path, frank):
    folder = tmp_path / "news"
    write_articles(folder, frank[:8])
    return folder


def digest(folder, tmp_path, **kw) -> Digest:
    kw.setdefault("date", DAY1)
    kw.setdefault("out_dir", tmp_path / "out")
    return build_digest(folder, **kw)


# --------------------------------------------------------------------------- idempotence and new work


def test_second_run_summarises_nothing_and_writes_the_same_digest(news, tmp_path):
    first = digest(news, tmp_path)
    assert first.run.summarised == 8 and first.counts.new == 8 and first.counts.stories == 8
    files = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    assert set(files) == {f"digest-{DAY1}.md", f"digest-{DAY1}.html", f"digest-{DAY1}.json"}

    second = digest(news, tmp_path)
    assert second.run.summarised == 0
    assert second.run.files_read == 0  # answered by the file cache
    assert second.to_dict() == first.to_dict()
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == files
    assert Digest.from_dict(second.to_dict()).to_dict() == second.to_dict()

    (tmp_path / "out" / f"digest-{DAY1}.md").unlink()  # a lost file is written again, the same
    digest(news, tmp_path)
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == files


def test_one_new_article_summarises_exactly_that_one(news, tmp_path, frank):
    digest(news, tmp_path)
    write_articles(news, frank[8:9], start=8)
    again = digest(news, tmp_path)
    assert again.run.summarised == 1
    assert again.counts.new == 9  # same night: still one digest of everything new today

    write_articles(news, frank[9:10], start=9)
    next_night = digest(news, tmp_path, date=DAY2)
    assert next_night.run.summarised == 1
    assert next_night.counts.new == 1 and next_night.counts.already_seen == 9
    assert [s.sources[0].path for s in next_night.stories] == [f"009_{frank[9]['id'][:8]}.txt"]


def test_since_brings_back_articles_delivered_before(news, tmp_path):
    digest(news, tmp_path)
    assert digest(news, tmp_path, date=DAY2).counts.new == 0
    again = digest(news, tmp_path, date=DAY2, since=DAY1)
    assert again.counts.new == 8 and again.run.summarised == 0


def test_renamed_and_copied_files_are_not_new(news, tmp_path):
    digest(news, tmp_path)
    files = sorted(news.iterdir())
    files[0].rename(news / "renamed.txt")
    (news / "sub").mkdir()
    shutil.copy(files[1], news / "sub" / "copy-of-1.txt")
    again = digest(news, tmp_path)
    assert again.run.summarised == 0
    assert again.counts.new == 8 and again.counts.exact_copies == 1
    sources = {s.path: s for st in again.stories for s in st.sources}
    assert "renamed.txt" in sources
    assert sources[files[1].name].copies == [os.path.join("sub", "copy-of-1.txt")]
    with open_store() as store:
        paths = {p for (p,) in store.conn.execute("SELECT path FROM article_paths")}
    assert str(news / "renamed.txt") in paths and str(news / "sub" / "copy-of-1.txt") in paths


def test_changed_file_is_a_new_article(news, tmp_path):
    digest(news, tmp_path)
    target = sorted(news.iterdir())[2]
    target.write_text("A completely different story. The council approved 12 new homes on Monday.", encoding="utf-8")
    again = digest(news, tmp_path)
    assert again.run.summarised == 1


def test_other_options_make_new_briefs_and_the_first_ones_are_kept(news, tmp_path):
    first = digest(news, tmp_path)
    short = digest(news, tmp_path, options=Options(max_words=30))
    assert short.run.summarised == 8  # briefs made with 70 words are not reused for 30
    assert [s.summary for s in short.stories] != [s.summary for s in first.stories]
    few = digest(news, tmp_path, options=Options(bullets=2))
    assert few.run.summarised == 8
    assert all(len(s.key_figures) <= 2 for s in few.stories)
    assert any(len(s.key_figures) > 2 for s in first.stories)
    again = digest(news, tmp_path)  # back to the defaults: the first briefs are still there
    assert again.run.summarised == 0 and again.to_dict() == first.to_dict()


def test_since_is_a_local_date_like_the_digest_day(news, tmp_path, state_in_tmp):
    digest(news, tmp_path)  # delivered on DAY1
    conn = sqlite3.connect(state_in_tmp)
    with conn:
        conn.execute("UPDATE articles SET first_seen = '2025-03-01T12:00:00Z'")
    conn.close()
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("TZ", "ZZZ-14")  # UTC+14: first seen on 2 March, local time
            time.tzset()
            assert digest(news, tmp_path, date="2025-03-03", since="2025-03-02").counts.new == 8
            mp.setenv("TZ", "ZZZ+12")  # UTC-12: first seen on 1 March, local time
            time.tzset()
            assert digest(news, tmp_path, date="2025-03-03", since="2025-03-02").counts.new == 0
            assert digest(news, tmp_path, date="2025-03-03", since="2025-03-01").counts.new == 8
    finally:
        time.tzset()


def test_digest_files_written_into_the_folder_are_not_read_back(news, tmp_path):
    digest(news, tmp_path, out_dir=news)
    assert (news / f"digest-{DAY1}.json").exists()
    next_night = digest(news, tmp_path, out_dir=news, date=DAY2)
    assert next_night.counts.files == 8 and next_night.counts.new == 0 and not next_night.failures
    # a subfolder as output: not walked at all
    digest(news, tmp_path, out_dir=news / "digests", date=DAY2)
    third = digest(news, tmp_path, out_dir=news / "digests", date="2025-03-03")
    assert third.counts.files == 8 and third.counts.new == 0 and not third.failures
    # no output folder at all (the library): the files earlier runs wrote are still known
    fourth = digest(news, tmp_path, out_dir=None, date="2025-03-04")
    assert fourth.counts.files == 8 and fourth.counts.new == 0 and not fourth.failures
    # the same name, not written by a run and not in the output folder: an article like any other
    (news / "sub").mkdir()
    (news / "sub" / "digest-2024-01-01.txt").write_text(RELATED_A, encoding="utf-8")
    (news / "sub" / "digest-2024-01-01.md").write_text(RELATED_B, encoding="utf-8")
    fifth = digest(news, tmp_path, out_dir=news, date="2025-03-05")
    assert fifth.counts.new == 2


def test_cli_default_out_in_the_news_folder_is_not_read_back(news, monkeypatch):
    monkeypatch.chdir(news)  # --out defaults to the current folder
    assert runner.invoke(app, ["digest", str(news), "--date", DAY1, "--quiet"]).exit_code == 0
    assert (news / f"digest-{DAY1}.md").exists()
    result = runner.invoke(app, ["digest", ".", "--date", DAY2])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"digest {DAY2}: 0 new articles in 0 stories (0 summarised this run, 8 in earlier digests")


def test_the_digest_engine_is_decided_in_the_library():
    assert digest_options().engine == "extractive"
    assert digest_options(model="flan-t5-base").engine == "auto"
    assert digest_options(options=Options(max_words=30)).engine == "extractive"
    assert digest_options(options=Options(engine="seq2seq", model="m")).engine == "seq2seq"
    assert digest_options("auto", options=Options(max_words=30)) == Options(engine="auto", max_words=30)


# --------------------------------------------------------------------------- grouping


def test_near_duplicates_from_other_outlets_are_one_story(tmp_path, frank):
    folder = tmp_path / "news"
    write_articles(folder, frank[:5])
    (folder / "wire").mkdir()
    (folder / "wire" / "outlet-b.txt").write_text(perturb(frank[0]["article"]), encoding="utf-8")
    (folder / "wire" / "outlet-c.txt").write_text(perturb(frank[3]["article"]), encoding="utf-8")
    d = digest(folder, tmp_path)
    assert d.counts.new == 7 and d.counts.stories == 5 and d.counts.near_duplicates == 2
    by_source = {s.path: st for st in d.stories for s in st.sources}
    assert by_source["wire/outlet-b.txt"] is by_source[f"000_{frank[0]['id'][:8]}.txt"]
    assert by_source["wire/outlet-c.txt"] is by_source[f"003_{frank[3]['id'][:8]}.txt"]
    assert len({id(st) for st in by_source.values()}) == 5  # no two distinct articles merged
    assert d.stories[0].sources and len(d.stories[0].sources) == 2  # merged stories lead


RELATED_A = """Storm Edith forced the closure of 40 schools across Cumbria on Tuesday as rivers burst their banks.
The Environment Agency issued 12 flood warnings for the Eden valley and Carlisle. Carlisle council opened
two rest centres for families moved from their homes, and the Cumbria police asked drivers to stay off the A66."""
RELATED_B = """Rail services between Carlisle and Newcastle were suspended after Storm Edith flooded the line near
Haltwhistle. Network Rail said engineers would inspect 3 bridges over the swollen rivers in Cumbria before
trains could run again. The Environment Agency warned that water levels in the Eden valley would keep rising."""


def test_related_articles_share_a_topic_but_stay_separate_stories(tmp_path, frank):
    folder = tmp_path / "news"
    write_articles(folder, frank[:3])
    (folder / "storm-schools.txt").write_text(RELATED_A, encoding="utf-8")
    (folder / "storm-rail.txt").write_text(RELATED_B, encoding="utf-8")
    d = digest(folder, tmp_path)
    assert d.counts.stories == 5
    stories = {st.sources[0].path: st for st in d.stories}
    a, b = stories["storm-schools.txt"], stories["storm-rail.txt"]
    assert a is not b and a.topic == b.topic
    assert b.id in a.related and a.id in b.related
    topic = next(t for t in d.topics if t.id == a.topic)
    assert sorted(topic.stories) == sorted([a.id, b.id]) and topic.label
    assert all(len(t.stories) == 1 for t in d.topics if t.id != a.topic)


# --------------------------------------------------------------------------- failures


def test_a_failing_file_among_good_ones(news, tmp_path):
    (news / "empty.txt").write_text("", encoding="utf-8")
    (news / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    d = digest(news, tmp_path)
    assert d.counts.new == 8 and d.counts.failed == 2
    reasons = {f.source: f.reason for f in d.failures}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["image.html"].startswith("binary file")
    md = (tmp_path / "out" / f"digest-{DAY1}.md").read_text(encoding="utf-8")
    assert "- empty.txt: empty file" in md
    # failures are retried (not cached) and reported again; the good ones are not redone
    again = digest(news, tmp_path)
    assert again.run.summarised == 0 and again.counts.failed == 2


def test_cli_exit_status_and_one_summary_line_without_tty(news, tmp_path):
    (news / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["digest", str(news), "--out", str(out), "--date", DAY1])
    assert result.exit_code == 1, result.output
    assert result.stdout.count("\n") == 1
    assert result.stdout.startswith(f"digest {DAY1}: 8 new articles in 8 stories (8 summarised this run")
    assert f"Error: {news / 'empty.txt'}: empty file" in result.stderr  # as the user finds it, not relative
    assert "━" not in result.stderr  # no progress bar without a terminal
    (news / "empty.txt").unlink()
    quiet = runner.invoke(app, ["digest", str(news), "--out", str(out), "--date", DAY1, "--quiet"])
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""
    status = runner.invoke(app, ["digest", "--status"])
    assert status.exit_code == 0
    assert re.search(r"^\s+2\s+\S+\s+ok\s+2025-03-01\s+8\s+0\s+8\s+0\s", status.stdout, re.M), status.stdout
    assert re.search(r"^\s+1\s+\S+\s+partial\s", status.stdout, re.M)


def test_cli_usage_errors(tmp_path):
    assert runner.invoke(app, ["digest", str(tmp_path / "nope")]).exit_code == 2
    result = runner.invoke(app, ["digest", str(tmp_path), "--engine", "magic"])
    assert result.exit_code == 2 and "Possible values are" in result.stderr
    assert runner.invoke(app, ["digest", str(tmp_path), "--since", "yesterday"]).exit_code == 2
    assert runner.invoke(app, ["digest"]).exit_code == 2


def test_ray_missing_names_the_install_command(news, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    result = runner.invoke(app, ["digest", str(news), "--backend", "ray", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Error: --backend ray needs Ray Data, which is not installed: pip install 'summarizer[ray]'"
    )


def test_cli_corrupt_state_is_a_one_line_error(news, tmp_path, state_in_tmp):
    state_in_tmp.parent.mkdir(parents=True)
    state_in_tmp.write_bytes(b"this is not a database\n" * 200)
    expected = f"Error: {state_in_tmp}: cannot open the state database (file is not a database)\n"
    status = runner.invoke(app, ["digest", "--status"])
    assert (status.exit_code, status.stdout, status.stderr) == (2, "", expected)
    run = runner.invoke(app, ["digest", str(news), "--out", str(tmp_path / "out")])
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", expected)


def test_cli_state_locked_during_a_run_is_a_one_line_error(news, tmp_path, state_in_tmp, monkeypatch):
    digest(news, tmp_path)
    monkeypatch.setattr("summarizer.store.BUSY_TIMEOUT_S", 0)  # fail at once instead of waiting 30 s
    blocker = sqlite3.connect(state_in_tmp, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another program writing to the state
    try:
        with pytest.raises(StateError, match="database is locked"):
            digest(news, tmp_path, date=DAY2)
        result = runner.invoke(app, ["digest", str(news), "--out", str(tmp_path / "out"), "--date", DAY2])
    finally:
        blocker.close()
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"Error: {state_in_tmp}: cannot ")
    assert result.stderr.endswith("the state database (database is locked)\n")
    assert digest(news, tmp_path, date=DAY2).counts.already_seen == 8  # and nothing was lost


class _FakeRayData(types.ModuleType):
    """Just enough of ray.data for RayBackend, run in this process: map_batches calls the actor."""

    def __init__(self):
        super().__init__("ray.data")
        self.context = types.SimpleNamespace(enable_progress_bars=True, print_on_execution_start=True)
        self.DataContext = types.SimpleNamespace(get_current=lambda: self.context)
        self.ActorPoolStrategy = lambda size: size

    def from_items(self, rows):
        def map_batches(actor_cls, fn_constructor_kwargs, batch_size, compute):
            actor = actor_cls(**fn_constructor_kwargs)

            def iter_rows():
                for k in range(0, len(rows), batch_size):
                    chunk = rows[k:k + batch_size]
                    out = actor({key: [r[key] for r in chunk] for key in chunk[0]})
                    yield from ({key: out[key][j] for key in out} for j in range(len(chunk)))

            return types.SimpleNamespace(iter_rows=iter_rows)

        return types.SimpleNamespace(map_batches=map_batches)


def test_ray_backend_leaves_the_environment_and_loggers_as_it_found_them(news, tmp_path, monkeypatch):
    ray = types.ModuleType("ray")
    ray.data = _FakeRayData()
    ray.initialized, ray.init_env = False, []
    ray.is_initialized = lambda: ray.initialized
    ray.cluster_resources = lambda: {"CPU": 2}

    def init(**kwargs):
        ray.initialized = True
        ray.init_env.append(os.environ.get("RAY_BACKEND_LOG_LEVEL"))

    ray.init = init
    monkeypatch.setitem(sys.modules, "ray", ray)
    monkeypatch.setitem(sys.modules, "ray.data", ray.data)
    monkeypatch.delenv("RAY_BACKEND_LOG_LEVEL", raising=False)
    levels = {name: logging.getLogger(name).level for name in ("ray", "ray.data")}
    try:
        d = digest(news, tmp_path, backend="ray", state=tmp_path / "ray.db")
        assert d.run.summarised == 8
        assert ray.init_env == ["fatal"]  # Ray's processes start quiet...
        assert "RAY_BACKEND_LOG_LEVEL" not in os.environ  # ...and the caller's environment is unchanged
        assert {name: logging.getLogger(name).level for name in levels} == levels
        assert ray.data.context.enable_progress_bars and ray.data.context.print_on_execution_start
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
    assert d.to_dict() == digest(news, tmp_path, state=tmp_path / "local.db").to_dict()


# --------------------------------------------------------------------------- outputs


class _Checker(HTMLParser):
    VOID = {"meta", "br", "hr", "img", "input", "link"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.tags, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_self_contained_well_formed_and_escaped(news, tmp_path):
    (news / "evil.html").write_text(
        "<html><head><title>Tom & Jerry <script>alert(1)</script></title></head><body><article>"
        "<p>Tom &amp; Jerry sold 3 houses for £2m on Friday, the agency said in a statement to the press.</p>"
        "<p>The buyers paid 10% more than the asking price, the agency said later on Friday afternoon.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    d = digest(news, tmp_path)
    page = (tmp_path / "out" / f"digest-{DAY1}.html").read_text(encoding="utf-8")
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert not checker.errors and not checker.stack
    names = [t for t, _ in checker.tags]
    assert "script" not in names and "link" not in names and "img" not in names
    assert not any("src" in attrs for _, attrs in checker.tags)
    assert "url(" not in page and "@import" not in page
    assert any(t == "meta" and a.get("name") == "viewport" for t, a in checker.tags)
    assert "@media print" in page
    text = "".join(checker.text)
    for story in d.stories:
        assert story.title in text and story.summary in text
    assert d.counts.stories == 9


def _md_plain(md: str) -> str:
    return re.sub(r"\\(.)", r"\1", md.replace("**", ""))  # bold markers first: "sh\*\*" is text


def test_json_carries_what_the_markdown_shows(news, tmp_path):
    (news / "empty.txt").write_text("", encoding="utf-8")
    (news / "copy.txt").write_bytes(sorted(news.glob("0*.txt"))[0].read_bytes())
    digest(news, tmp_path)
    md = (tmp_path / "out" / f"digest-{DAY1}.md").read_text(encoding="utf-8")
    data = json.loads((tmp_path / "out" / f"digest-{DAY1}.json").read_text(encoding="utf-8"))
    plain = _md_plain(md)
    assert data["date"] == DAY1 and data["headline"] in plain
    # every story heading of the Markdown is a story of the JSON, in order
    headings = re.findall(r"^### (\d+)\. (.*)$", md, re.M)
    assert [(int(i), _md_plain(t)) for i, t in headings] == [(s["id"], s["title"]) for s in data["stories"]]
    for story in data["stories"]:
        assert story["summary"] in plain
        for kf in story["key_figures"]:
            assert kf["text"] in plain and kf["source"] in plain
        for src in story["sources"]:
            assert src["path"] in plain
            for copy in src["copies"]:
                assert copy in plain
    for item in data["situation"]:
        assert item["text"] in plain
    for row in data["figures"]:
        assert f"| {row['figure']} | {row['text']} | {row['story']} | {row['source']} |" in plain
    for failure in data["failures"]:
        assert f"- {failure['source']}: {failure['reason']}" in plain
    counts = data["counts"]
    assert counts["exact_copies"] == 1 and counts["failed"] == 1
    for value in (counts["files"], counts["new"], counts["stories"], counts["failed"]):
        assert re.search(rf"\| {value} \|", md)
    # and nothing in the Markdown's bullets that the JSON lacks
    md_bullets = re.findall(r"^- (.*) — _", plain, re.M)
    assert len(md_bullets) == sum(len(s["key_figures"]) for s in data["stories"])


# The summary's first sentence has "1.5" as its 12th word: a 12-word title cut there said "1.5",
# which the article does not state (it states 1.5 billion pounds).
HOSPITALS = """The government said on Monday it would spend an extra total 1.5 billion pounds on new hospitals \
across the north of England. Health officials said the money would pay for 40 new wards by 2027.

Opposition leaders said the plan came too late for patients waiting on trolleys this winter."""


def test_every_figure_is_stated_in_the_article_it_is_attributed_to(tmp_path, frank):
    folder = tmp_path / "news"
    write_articles(folder, frank[:12])
    (folder / "wire-b.txt").write_text(perturb(frank[1]["article"]), encoding="utf-8")
    (folder / "hospitals.txt").write_text(HOSPITALS, encoding="utf-8")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    d = digest(folder, tmp_path)
    assert d.counts.failed == 0 and d.stories

    def article(rel: str):
        path, _, record = rel.partition("#")
        return read_article(folder / path)[int(record) - 1 if record else 0]

    def source_text(rel: str) -> str:
        return article(rel).text

    checked = 0
    for story in d.stories:
        # the title: the article's own, or cut from the summary; either way stated by the article
        a = article(story.summary_source)
        assert check_figures(story.title, f"{a.title or ''}\n{a.text}") == [], story.title
        assert check_figures(story.summary, source_text(story.summary_source)) == []
        for kf in story.key_figures:
            assert kf.figure.casefold() in kf.text.casefold()
            assert check_figures(kf.text, source_text(kf.source)) == [], (kf, story.title)
            checked += 1
    for item in d.situation:
        assert check_figures(item.text, source_text(item.source)) == []
    assert checked > 30
    # every format shows the titles as checked above
    hospitals = next(s for s in d.stories if s.summary_source == "hospitals.txt")
    for fmt in ("md", "html", "json"):
        assert "total 1.5 …" not in (tmp_path / "out" / f"digest-{DAY1}.{fmt}").read_text(encoding="utf-8")
    assert hospitals.title.endswith("…") and check_figures(hospitals.title, HOSPITALS) == []


def test_short_titles_are_never_cut_inside_a_figure():
    sentence = "The government said on Monday it would spend an extra total 1.5 billion pounds on new hospitals."
    assert _short_title(sentence) == "The government said on Monday it would spend an extra total …"
    assert _short_title("Officials said 1,200 people were evacuated.") == "Officials said 1,200 people were evacuated"
    # no cut keeping at least half the words leaves the figure whole: the whole sentence
    assert _short_title("Around one hundred and twenty five thousand people marched.", words=4) == (
        "Around one hundred and twenty five thousand people marched")
    assert _short_title("") == "Untitled"


# --------------------------------------------------------------------------- concurrency and crash-safety


def _spy(monkeypatch, module, name) -> list:
    """Record the calls of module.name (still calling it)."""
    calls, real = [], getattr(module, name)

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return calls


def test_a_second_run_while_one_holds_the_lock_does_no_work(news, tmp_path, state_in_tmp, monkeypatch):
    digest(news, tmp_path)
    with open_store() as store:
        runs_before = store.count("runs")
    walks = _spy(monkeypatch, summarizer.ingest, "iter_article_files")
    reads = _spy(monkeypatch, summarizer.ingest, "iter_articles")
    with RunLock(state_in_tmp):
        with pytest.raises(RunLockedError):
            digest(news, tmp_path)
        result = runner.invoke(app, ["digest", str(news), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert result.stderr.startswith("Error: another digest run is in progress (pid ")
    assert walks == [] and reads == []  # not a folder walked, not a file parsed
    with open_store() as store:
        assert store.count("runs") == runs_before  # the state was not touched
    again = digest(news, tmp_path)  # the lock is free again
    assert len(walks) == 1 and again.run.summarised == 0 and again.run.files_read == 0


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM briefs").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_kill_9_mid_run_loses_nothing_and_the_next_run_finishes(tmp_path, frank, state_in_tmp):
    folder = tmp_path / "news"
    write_articles(folder, frank)
    for k, row in enumerate(frank):  # near-duplicates: more work, and the grouping is checked at the end
        (folder / f"wire_{k:03d}.txt").write_text(perturb(row["article"]), encoding="utf-8")
    total = 2 * len(frank)
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "summarizer", "digest", str(folder), "--out", str(out), "--date", DAY1]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while _count(state_in_tmp) < 10:  # mid-run: some articles summarised, most not
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline
            time.sleep(0.01)
        # a second run now exits at once without touching the state
        with pytest.raises(RunLockedError, match="another digest run is in progress"):
            build_digest(folder, out_dir=out, date=DAY1)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    done = _count(state_in_tmp)
    assert 10 <= done < total
    assert not list(out.glob("digest-*")) if out.exists() else True  # no digest, and never a partial one

    with open_store() as store:
        assert store.integrity_check() == "ok"
        assert store.count("briefs") == done and store.count("articles") == done
    resumed = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    with open_store() as store:
        runs = store.runs()
        assert [r["status"] for r in runs] == ["ok", "aborted"]
        assert runs[0]["counts"]["summarised"] == total - done  # nothing redone, nothing lost
        assert store.count("briefs") == total
        assert store.integrity_check() == "ok"
    data = json.loads((out / f"digest-{DAY1}.json").read_text(encoding="utf-8"))
    assert data["counts"]["new"] == total
    assert data["counts"]["stories"] == len(frank)  # each article merged with its near-duplicate
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temp file left behind


# --------------------------------------------------------------------------- ray


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # raised inside Ray Data itself
def test_ray_backend_gives_the_same_briefs_as_local(tmp_path, frank):
    pytest.importorskip("ray.data")
    folder = tmp_path / "news"
    write_articles(folder, frank[:6])
    local = build_digest(folder, state=tmp_path / "local.db", date=DAY1)
    distributed = build_digest(folder, state=tmp_path / "ray.db", date=DAY1, backend="ray", workers=2)
    assert distributed.run.summarised == 6
    assert distributed.to_dict() == local.to_dict()
    with open_store(tmp_path / "local.db") as a, open_store(tmp_path / "ray.db") as b:
        query = "SELECT hash, engine, model, brief FROM briefs ORDER BY hash"
        assert a.conn.execute(query).fetchall() == b.conn.execute(query).fetchall()


def test_a_range_and_its_low_end_are_different_story_figures():
    from summarizer import summarize
    from summarizer.digest import _figure_identity

    brief = summarize("Between 3,000 and 5,000 troops massed at the border on Monday, officials said. "
                      "Another 3,000 troops waited in reserve near the capital, the ministry added.")
    stored = [kf.__dict__ for kf in brief.key_figures]  # what the state database keeps per bullet
    by_figure = {kf["figure"]: kf for kf in stored}
    assert by_figure["3,000 and 5,000"]["high"] == 5000.0
    assert _figure_identity(by_figure["3,000 and 5,000"]) != _figure_identity(by_figure["3,000"])
