"""Coarse grid search over the extractive engine's `Params`, on FRANK's validation split only.

    .venv/bin/python bench/tune_extractive.py               # ~48 settings, 2 worker processes
    .venv/bin/python bench/tune_extractive.py --limit 20    # quick look

Reports ROUGE-1/2/L F1 and mean words per setting, sorted by ROUGE-1, with lead-3 on
the same articles as the baseline. The test split is never read: tune here, report
final figures with bench/bench_foundation.py on test. The grid is deliberately coarse
(75 CNN/DM validation articles cannot support fine distinctions); treat differences
of a few tenths of a ROUGE point as noise.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing as mp
import statistics
import sys
import time
from dataclasses import asdict, fields, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    DEFAULT_DATA, Progress, Rouge, die, import_summarizer, lead3, load_frank, n_words, require_data, table,
)

SPLIT = "validation"  # never "test"

# A factorial over the weights that move the choice most, plus one-at-a-time moves
# of the others away from the defaults: 36 (the defaults among them) + 12 = 48 settings.
FACTORIAL = {
    "position": (0.5, 1.0, 2.0),
    "position_decay": (0.5, 1.0),
    "centrality": (0.5, 1.0, 2.0),
    "fill_ratio": (0.0, 0.5),
}
ONE_AT_A_TIME = {
    "figures": (0.0, 0.3),
    "names": (0.0, 0.3),
    "quote_penalty": (0.0, 0.6),
    "redundancy": (0.3, 0.8),
    "min_words": (4, 8),
    "long_words": (40, 70),
}

_STATE: dict = {}


def grid(Params) -> list:
    base = Params()
    settings = [base]
    for values in itertools.product(*FACTORIAL.values()):
        settings.append(replace(base, **dict(zip(FACTORIAL, values))))
    for name, values in ONE_AT_A_TIME.items():
        for v in values:
            settings.append(replace(base, **{name: v}))
    unique = []
    for s in settings:  # the factorial can contain the defaults again
        if s not in unique:
            unique.append(s)
    return unique


def _init(data_dir: str, dataset: str, limit: int | None) -> None:
    import_summarizer()
    from summarizer.ingest import article_from_text

    rows = load_frank(Path(data_dir), dataset, SPLIT, limit)
    _STATE["articles"] = [article_from_text(r["article"]) for r in rows]
    _STATE["refs"] = [r["reference"] for r in rows]
    _STATE["rouge"] = Rouge()


def _evaluate(params) -> dict:
    from summarizer.engines.extractive import ExtractiveEngine
    from summarizer.settings import Options

    engine = ExtractiveEngine(params)
    opts = Options()
    summaries = [engine.summarize(a, opts).summary for a in _STATE["articles"]]
    per = [_STATE["rouge"].score(ref, s) for ref, s in zip(_STATE["refs"], summaries)]
    scores = {k: statistics.fmean(x[k] for x in per) for k in Rouge.KEYS}
    return {"params": params, **scores, "r1_each": [x["rouge1"] for x in per],
            "words": statistics.fmean(n_words(s) for s in summaries)}


def paired(a: list[float], b: list[float]) -> tuple[float, float]:
    """Mean of a - b and its standard error (per-article pairs)."""
    d = [x - y for x, y in zip(a, b)]
    if len(d) < 2:
        return statistics.fmean(d), float("nan")
    return statistics.fmean(d), statistics.stdev(d) / len(d) ** 0.5


def describe(params, base) -> str:
    changed = [f"{f.name}={getattr(params, f.name)}" for f in fields(params)
               if getattr(params, f.name) != getattr(base, f.name)]
    return ", ".join(changed) if changed else "(defaults)"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding cnndm.jsonl")
    p.add_argument("--dataset", default="cnndm", choices=("cnndm", "xsum"))
    p.add_argument("--limit", type=int, default=None, help="at most N validation articles")
    p.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    p.add_argument("--top", type=int, default=0, help="print only the best N settings (default: all)")
    args = p.parse_args(argv)
    data = require_data(args.data, (args.dataset,))
    import_summarizer()
    try:
        from summarizer.engines.extractive import Params
    except Exception as exc:
        die(f"cannot import summarizer.engines.extractive.Params ({type(exc).__name__}: {exc})")

    rows = load_frank(data, args.dataset, SPLIT, args.limit)
    if not rows:
        die(f"no {args.dataset} records of split {SPLIT!r} in {data}")
    rouge = Rouge()
    base_lead = rouge.mean((r["reference"], lead3(r["article"])) for r in rows)
    lead_words = statistics.fmean(n_words(lead3(r["article"])) for r in rows)

    settings = grid(Params)
    print(f"tuning on {args.dataset}/{SPLIT}: {len(rows)} articles x {len(settings)} settings, "
          f"{args.workers} workers", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    results = []
    ctx = mp.get_context("spawn")  # same behaviour on every platform; workers load the data once
    bar = Progress("settings", len(settings))
    bar.update(0)
    with ctx.Pool(args.workers, initializer=_init, initargs=(str(data), args.dataset, args.limit)) as pool:
        for i, res in enumerate(pool.imap_unordered(_evaluate, settings), 1):
            results.append(res)
            bar.update(i)
    bar.close()

    base = Params()
    results.sort(key=lambda r: -r["rouge1"])
    default_rank = next(i for i, r in enumerate(results, 1) if r["params"] == base)
    default_r1 = results[default_rank - 1]["r1_each"]
    shown = results[: args.top] if args.top else results
    table_rows = [["", "lead-3 (baseline)", f"{100 * base_lead['rouge1']:.2f}", f"{100 * base_lead['rouge2']:.2f}",
                   f"{100 * base_lead['rougeL']:.2f}", "1.000", "", f"{lead_words:.1f}"]]
    for i, r in enumerate(shown, 1):
        table_rows.append([
            str(i), describe(r["params"], base), f"{100 * r['rouge1']:.2f}", f"{100 * r['rouge2']:.2f}",
            f"{100 * r['rougeL']:.2f}", f"{r['rouge1'] / base_lead['rouge1']:.3f}",
            "{:+.2f} ± {:.2f}".format(*(100 * x for x in paired(r["r1_each"], default_r1))),
            f"{r['words']:.1f}",
        ])
    print(f"# extractive Params grid on {args.dataset}/{SPLIT} ({len(rows)} articles, {len(settings)} settings, "
          "ROUGE F1 x100 vs reference, default Options: max_words=70)")
    print()
    print(table(["rank", "setting (changes from defaults)", "ROUGE-1", "ROUGE-2", "ROUGE-L", "R-1 / lead-3",
                 "R-1 vs defaults (± SE)", "mean words"], table_rows, "rlrrrrrr"))
    print()
    print(f"defaults ({', '.join(f'{k}={v}' for k, v in asdict(base).items())}) rank {default_rank} "
          f"of {len(results)}.")
    print("'R-1 vs defaults' is the mean per-article ROUGE-1 difference with its paired standard error;")
    print("a gap within about 2 SE is noise on this many articles. Settings that tie exactly give the same")
    print(f"summaries. Grid search took {time.perf_counter() - t0:.0f} s with {args.workers} workers.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
