"""Speed of the seq2seq engine on a model in the exact shape of google/flan-t5-base.

No checkpoint can be downloaded where this was written, so the model has random weights in
flan-t5-base's shape (d_model 768, 12+12 layers, 12 heads, d_ff 2048, vocab 32128,
gated-gelu); speed does not depend on the weights' values. Output length is fixed
(min_new_tokens = max_new_tokens) so every configuration does the same work. The text it
writes is noise and is never shown as a summary.

Each configuration runs in its own process (peak RSS per configuration), on the same
FRANK validation articles:
  (a) naive   a loop calling generate() one article at a time (no guard)
  (b) batched this engine's batched path, grouped by length (guard on)
  (c) int8    (b) with --quantize int8 (dynamic quantisation)
  (d) noguard (b) with the figure guard off, to price the guard

    .venv/bin/python bench/bench_seq2seq.py            # 64 articles, ~10 min on 2 cores
    .venv/bin/python bench/bench_seq2seq.py --n 16     # quick look
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))
DATA = REPO / "tests" / "data" / "frank_validation.jsonl"
OUT = REPO / "bench" / "out"
FLAN_T5_BASE = dict(
    vocab_size=32128, d_model=768, d_kv=64, d_ff=2048, num_layers=12, num_decoder_layers=12,
    num_heads=12, relative_attention_num_buckets=32, relative_attention_max_distance=128,
    feed_forward_proj="gated-gelu", tie_word_embeddings=False, decoder_start_token_id=0,
    pad_token_id=0, eos_token_id=1, dropout_rate=0.1, layer_norm_epsilon=1e-6,
)
CONFIGS = ("naive", "batched", "int8", "noguard")


def build_model(path: Path) -> Path:
    """flan-t5-base-shaped random weights plus a sentencepiece tokenizer trained on the sample texts."""
    if (path / "model.safetensors").exists():
        return path
    import torch
    from transformers import T5Config, T5ForConditionalGeneration

    from tiny_models import build_t5

    tok_dir = build_t5(path.parent / "tok", vocab_size=8000)  # only its tokenizer is used
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tok_dir)
    torch.manual_seed(0)
    model = T5ForConditionalGeneration(T5Config(**FLAN_T5_BASE))
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


def articles(n: int) -> list[str]:
    with open(DATA, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return [r["article"] for r in rows if r["dataset"] == "cnndm"][:n]


def worker(config: str, model: str, n: int, batch_size: int, new_tokens: int, beams: int) -> dict:
    import torch

    from summarizer.engines.seq2seq import Seq2SeqEngine
    from summarizer.ingest import article_from_text
    from summarizer.settings import Options

    texts = articles(n)
    engine = Seq2SeqEngine(
        model, batch_size=batch_size, num_beams=beams, quantize="int8" if config == "int8" else None,
        guard=config != "noguard", max_new_tokens=new_tokens, min_new_tokens=new_tokens,
    )
    options = Options(engine="seq2seq")
    docs = [article_from_text(t) for t in texts]
    engine.summarize(docs[0], options)  # warm-up
    start = time.perf_counter()
    if config == "naive":
        tok, mdl = engine.tokenizer, engine.model
        for doc in docs:
            enc = tok([engine._render(doc.text)], return_tensors="pt", truncation=True, max_length=engine.max_input_tokens)
            with torch.inference_mode():
                mdl.generate(**enc, num_beams=beams, num_return_sequences=beams, do_sample=False,
                             max_new_tokens=new_tokens, min_new_tokens=new_tokens)
    else:
        engine.summarize_batch(docs, options)
    seconds = time.perf_counter() - start
    rss = 0
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            rss = int(line.split()[1]) * 1024
    return {"config": config, "seconds": seconds, "articles": len(docs), "peak_rss": rss,
            "threads": torch.get_num_threads()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=64, help="articles (FRANK cnndm validation)")
    ap.add_argument("--batch-size", type=int, default=4, help="the engine's default")
    ap.add_argument("--new-tokens", type=int, default=48, help="fixed output length")
    ap.add_argument("--beams", type=int, default=2)
    ap.add_argument("--configs", default=",".join(CONFIGS))
    ap.add_argument("--_worker", help=argparse.SUPPRESS)
    ap.add_argument("--_model", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._worker:
        print(json.dumps(worker(args._worker, args._model, args.n, args.batch_size, args.new_tokens, args.beams)))
        return
    model = build_model(OUT / "flan-t5-base-random")
    results = {}
    for config in args.configs.split(","):
        print(f"running {config} ...", file=sys.stderr, flush=True)
        proc = subprocess.run(
            [sys.executable, __file__, "--_worker", config, "--_model", str(model), "--n", str(args.n),
             "--batch-size", str(args.batch_size), "--new-tokens", str(args.new_tokens), "--beams", str(args.beams)],
            capture_output=True, text=True,
        )
        if proc.returncode != 0:
            print(proc.stderr[-2000:], file=sys.stderr)
            raise SystemExit(f"bench: configuration {config} failed")
        results[config] = json.loads(proc.stdout.strip().splitlines()[-1])
    naive = results.get("naive")
    print(f"# seq2seq speed: flan-t5-base shape, random weights; {args.n} FRANK validation articles, "
          f"input <= 512 tokens, {args.new_tokens} new tokens fixed, {args.beams} beams, batch {args.batch_size}, "
          f"{results[next(iter(results))]['threads']} torch threads\n")
    print("| configuration | articles/s | vs naive | peak RSS MB |")
    print("|:--|--:|--:|--:|")
    for config, r in results.items():
        rate = r["articles"] / r["seconds"]
        ratio = f"{rate / (naive['articles'] / naive['seconds']):.2f}x" if naive else "-"
        print(f"| {config} | {rate:.3f} | {ratio} | {r['peak_rss'] / 1e6:,.0f} |")
    if "batched" in results and "noguard" in results:
        overhead = results["batched"]["seconds"] / results["noguard"]["seconds"] - 1
        print(f"\nguard overhead (batched vs noguard): {overhead:+.1%} (target < 10%)")
    if naive and "batched" in results:
        speedup = (results["naive"]["seconds"] / results["batched"]["seconds"])
        print(f"batched vs naive: {speedup:.2f}x (target >= 2x)")
    peak = max(r["peak_rss"] for r in results.values()) / 1e9
    print(f"largest peak RSS: {peak:.2f} GB (target < 2 GB)")


if __name__ == "__main__":
    main()
