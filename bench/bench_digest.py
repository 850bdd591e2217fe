"""Nightly-digest benchmark: first run, no-op rerun, +10 articles, and story grouping, in one run.

    .venv/bin/python bench/bench_digest.py                    # 1,000 articles from FRANK (cnndm + xsum)
    .venv/bin/python bench/bench_digest.py --backend ray      # the same with the Ray backend

Builds a folder of 1,000 article files from the FRANK articles: distinct articles,
near-duplicates of some of them (another outlet's copy: a dateline, a dropped
sentence, a few edited words, a sign-off) and exact copies under other names (some
byte-identical, some differing only in case and spacing). 10 distinct articles are
held back and added for the third run (same night), 10 more for the fourth (next
night). Each run is a fresh child process (`build_digest` in a new interpreter),
timed in-process and from the outside, with its peak RSS from wait4. Prints markdown tables and PASS/MISS against the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEFAULT_DATA, REPO, die, load_frank, require_data, subprocess_env, table, verdict  # noqa: E402

TARGET_RERUN = 0.05  # second run's time / first run's
HELD_BACK = 10  # new articles added for run 3 (same night) and again for run 4 (next night)
DATE, NEXT_DATE = "2025-03-01", "2025-03-02"

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from summarizer.digest import build_digest
folder, out, state, date, backend = sys.argv[1:6]
t1 = time.perf_counter()
d = build_digest(folder, out_dir=out, state=state, date=date, backend=backend)
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "digest_s": t2 - t1, "summarised": d.run.summarised,
                  "files_read": d.run.files_read, "counts": d.to_dict()["counts"]}))
"""


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def near_duplicate(text: str, rng: random.Random) -> str:
    """Another outlet's copy of the same story."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    if len(sentences) > 6:
        del sentences[rng.randrange(2, len(sentences) - 1)]
    body = " ".join(sentences)
    for old, new in ((" said ", " told reporters "), (" but ", " however "), (" very ", " ")):
        body = body.replace(old, new, 1)
    dateline = rng.choice(["LONDON (Wire) - ", "By Staff Reporter. ", "NEW YORK, (Agency) -- "])
    return f"{dateline}{body} {rng.choice(['Additional reporting by wire staff.', 'Copyright the Agency.', ''])}".strip()


def case_and_space_copy(text: str) -> str:
    """Same normalised text (so the same article): different case and spacing."""
    return "  " + text.upper().replace(". ", ".\n\n") + "\n"


def build_folder(root: Path, articles: list[dict], n_files: int, n_near: int, rng: random.Random) -> dict:
    """Write the folder; returns path -> FRANK id of every file (for the grouping check)."""
    truth: dict[str, str] = {}

    def put(rel: str, text: str, fid: str) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        truth[rel] = fid

    for k, a in enumerate(articles):
        put(f"{a['dataset']}/{k:04d}_{a['id'][:10]}.txt", a["article"], a["id"])
    for k, a in enumerate(articles[:n_near]):
        put(f"outlet-b/{k:04d}_{rng.getrandbits(32):08x}.txt", near_duplicate(a["article"], rng), a["id"])
    k = 0
    while len(truth) < n_files:
        a = articles[rng.randrange(len(articles))]
        text = a["article"] if k % 2 == 0 else case_and_space_copy(a["article"])
        put(f"mirror/{k:04d}_copy-{a['id'][:6]}.txt", text, a["id"])
        k += 1
    return truth


def same_story(articles: list[dict]) -> dict[str, str]:
    """FRANK id -> the id of the first article telling the same story.

    FRANK holds a few stories twice under two ids. The truth the grouping is judged against
    counts them once: two articles are one story when they share at least half of the
    sentences of the shorter one, word for word (a test independent of the digest's shingles).
    """
    from summarizer.text import normalize_key, split_sentences

    canon: dict[str, str] = {}
    owners: dict[str, str] = {}  # normalised sentence -> id of the first article stating it
    for a in articles:
        sents = {normalize_key(x) for x in split_sentences(a["article"]) if len(x.split()) >= 6}
        shared: dict[str, int] = {}
        for x in sents:
            if x in owners:
                shared[owners[x]] = shared.get(owners[x], 0) + 1
        match = next((fid for fid, n in shared.items() if sents and n >= len(sents) / 2), None)
        canon[a["id"]] = canon[match] if match else a["id"]
        for x in sents:
            owners.setdefault(x, a["id"])
    return canon


def run_child(folder: Path, out: Path, state: Path, backend: str, date: str = DATE) -> dict:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), str(out), str(state), date, backend],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=subprocess_env(), cwd=REPO)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stdout, stderr = proc.stdout.read().decode(), proc.stderr.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0,):
        die(f"digest child failed ({proc.returncode}): {stderr.strip()[-2000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    result["maxrss_mb"] = usage.ru_maxrss / 1024  # KiB on Linux
    return result


def grouping_check(out: Path, truth: dict[str, str], story_of: dict[str, str]) -> dict:
    data = json.loads((out / f"digest-{DATE}.json").read_text(encoding="utf-8"))
    story_ids = []  # FRANK ids per story
    for story in data["stories"]:
        ids = set()
        for src in story["sources"]:
            for path in [src["path"], *src["copies"]]:
                ids.add(story_of[truth[path]])
        story_ids.append(ids)
    distinct = len({story_of[i] for i in truth.values()})
    stories_of: dict[str, int] = {}
    for ids in story_ids:
        for i in ids:
            stories_of[i] = stories_of.get(i, 0) + 1
    return {
        "stories": len(data["stories"]),
        "distinct": distinct,
        "ids": len(set(truth.values())),
        "merged_distinct": sum(len(ids) - 1 for ids in story_ids),  # distinct stories merged together
        "split": sum(n - 1 for n in stories_of.values()),  # one article's copies left in 2+ stories
        "files_covered": sum(1 + len(s["copies"]) for st in data["stories"] for s in st["sources"]),
        "counts": data["counts"],
        "merged_examples": [sorted(ids) for ids in story_ids if len(ids) > 1][:5],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--files", type=int, default=1000, help="files in the folder before the +10 run")
    ap.add_argument("--near", type=int, default=300, help="near-duplicate files among them")
    ap.add_argument("--backend", default="local", choices=("local", "ray"))
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--keep", action="store_true", help="keep the work folder (printed on stderr)")
    args = ap.parse_args()

    data = require_data(args.data)
    articles = load_frank(data, "cnndm") + load_frank(data, "xsum")
    rng = random.Random(args.seed)
    rng.shuffle(articles)
    story_of = same_story(articles)
    held, late, articles = articles[:HELD_BACK], articles[HELD_BACK:2 * HELD_BACK], articles[2 * HELD_BACK:]
    if args.near > len(articles):
        die(f"--near {args.near} is more than the {len(articles)} distinct articles")

    work = Path(tempfile.mkdtemp(prefix="bench_digest_"))
    try:
        folder, out, state = work / "news", work / "out", work / "state.db"
        truth = build_folder(folder, articles, args.files, args.near, rng)
        n_copies = len(truth) - len(articles) - args.near
        log(f"folder: {len(truth)} files = {len(articles)} distinct + {args.near} near-duplicates + "
            f"{n_copies} exact copies ({work})")

        log("run 1: fresh state ...")
        first = run_child(folder, out, state, args.backend)
        log("run 2: nothing new ...")
        second = run_child(folder, out, state, args.backend)
        for k, a in enumerate(held):
            rel = f"late/{k:04d}_{a['id'][:10]}.txt"
            (folder / "late").mkdir(exist_ok=True)
            (folder / rel).write_text(a["article"], encoding="utf-8")
            truth[rel] = a["id"]
        log(f"run 3: +{HELD_BACK} new articles, same night ...")
        third = run_child(folder, out, state, args.backend)
        grouping = grouping_check(out, truth, story_of)
        for k, a in enumerate(late):
            (folder / "next").mkdir(exist_ok=True)
            (folder / f"next/{k:04d}_{a['id'][:10]}.txt").write_text(a["article"], encoding="utf-8")
        log(f"run 4: +{HELD_BACK} new articles, next night ...")
        fourth = run_child(folder, out, state, args.backend, NEXT_DATE)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    per_article = first["digest_s"] / max(1, first["summarised"])
    new_work = HELD_BACK * per_article  # what 10 articles cost in run 1
    rows = []
    for name, r in (("1. first run (fresh state)", first), ("2. second run, nothing new", second),
                    (f"3. +{HELD_BACK} new, same night (digest of all)", third),
                    (f"4. +{HELD_BACK} new, next night (digest of the {HELD_BACK})", fourth)):
        rows.append([name, r["summarised"], r["files_read"], f"{r['digest_s']:.2f}", f"{r['wall_s']:.2f}",
                     f"{r['digest_s'] / first['digest_s']:.1%}", f"{r['maxrss_mb']:.0f}"])
    print(f"## Digest runs ({args.backend} backend, {len(truth) - HELD_BACK} files, then +{HELD_BACK}, then +{HELD_BACK})\n")
    print(table(["run", "summarised", "files parsed", "digest s", "wall s (with start-up)", "vs run 1",
                 "peak RSS MB"], rows))
    print("\n`digest s`: build_digest() in the child; `wall s`: the whole child process (interpreter start and"
          " imports included).\n")

    g = grouping
    print("## Story grouping (digest after run 3)\n")
    print(table(["measure", "value"], [
        ["FRANK ids among the files", g["ids"]],
        ["distinct stories among them (ids sharing half their sentences are one)", g["distinct"]],
        ["stories in the digest", g["stories"]],
        ["files covered by the stories", f"{g['files_covered']} of {len(truth)}"],
        ["distinct stories merged into another's story", g["merged_distinct"]],
        ["copies/near-duplicates left in a separate story", g["split"]],
        ["exact copies merged (counts)", g["counts"]["exact_copies"]],
        ["near-duplicates merged (counts)", g["counts"]["near_duplicates"]],
    ], align="lr"))
    if g["merged_examples"]:
        from summarizer.stories import features, jaccard_estimate

        text = {a["id"]: a["article"] for a in articles + held + late}
        print("\ndistinct FRANK ids merged into one story (first 5), with their 5-gram Jaccard estimate and leads:")
        for ids in g["merged_examples"]:
            j = jaccard_estimate(features(text[ids[0]]).sketch, features(text[ids[1]]).sketch)
            print(f"- {ids} J~{j:.2f}: " + " | ".join(repr(text[i][:70]) for i in ids))

    print("\n## Targets\n")
    rerun = second["digest_s"] / first["digest_s"]
    rerun_wall = second["wall_s"] / first["wall_s"]
    print(table(["target", "measured", "verdict"], [
        [f"second run <= {TARGET_RERUN:.0%} of the first (digest s)", f"{rerun:.1%}", verdict(rerun <= TARGET_RERUN)],
        ["second run, wall incl. interpreter start (for reference)", f"{rerun_wall:.1%}", verdict(rerun_wall <= TARGET_RERUN)],
        [f"run 3 - run 2 <= 2 x cost of {HELD_BACK} articles in run 1 ({2 * new_work:.2f} s)",
         f"{third['digest_s'] - second['digest_s']:.2f} s",
         verdict(third["digest_s"] - second["digest_s"] <= 2 * new_work and third["summarised"] == HELD_BACK)],
        [f"run 4 - run 2 <= 2 x cost of {HELD_BACK} articles in run 1 ({2 * new_work:.2f} s)",
         f"{fourth['digest_s'] - second['digest_s']:.2f} s",
         verdict(fourth["digest_s"] - second["digest_s"] <= 2 * new_work and fourth["summarised"] == HELD_BACK)],
        ["stories == distinct stories, none merged, none split",
         f"{g['stories']} / {g['distinct']}, {g['merged_distinct']} merged, {g['split']} split",
         verdict(g["stories"] == g["distinct"] and not g["merged_distinct"] and not g["split"])],
    ], align="lll"))


if __name__ == "__main__":
    main()
