"""Is CTranslate2 faster than the engine's own batched transformers path? Measure before building it.

Same model (flan-t5-base shape, random weights, from bench_seq2seq.py), same 64 FRANK
validation articles, same prompts truncated to 512 tokens, same fixed output length and
beams, each configuration in its own process:
  hf        the engine's batched path (transformers generate, guard off: CTranslate2 cannot run it)
  ct2       CTranslate2 Translator, float32
  ct2-int8  CTranslate2 Translator, int8

    pip install ctranslate2      # not a project dependency: only this measurement needs it
    .venv/bin/python bench/bench_ct2.py
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_seq2seq import OUT, articles, build_model  # noqa: E402

CONFIGS = ("hf", "ct2", "ct2-int8")


def _peak_rss() -> int:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def worker(config: str, model: str, n: int, batch: int, new_tokens: int, beams: int) -> dict:
    from summarizer.engines.seq2seq import Seq2SeqEngine
    from summarizer.ingest import article_from_text
    from summarizer.settings import Options

    docs = [article_from_text(t) for t in articles(n)]
    if config == "hf":
        engine = Seq2SeqEngine(model, batch_size=batch, num_beams=beams, guard=False,
                               max_new_tokens=new_tokens, min_new_tokens=new_tokens)
        engine.summarize(docs[0], Options(engine="seq2seq"))
        start = time.perf_counter()
        engine.summarize_batch(docs, Options(engine="seq2seq"))
        return {"seconds": time.perf_counter() - start, "articles": n, "peak_rss": _peak_rss()}
    import ctranslate2
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model)
    quant = "int8" if config == "ct2-int8" else "float32"
    converted = OUT / f"ct2-{quant}"
    if not (converted / "model.bin").exists():
        ctranslate2.converters.TransformersConverter(model).convert(str(converted), quantization=quant, force=True)
    translator = ctranslate2.Translator(str(converted), device="cpu", compute_type=quant)
    from summarizer.prompts import load_prompt

    template = load_prompt("flan-t5")
    sources = [
        tokenizer.convert_ids_to_tokens(tokenizer(template.replace("{text}", d.text), truncation=True, max_length=512).input_ids)
        for d in docs
    ]
    sources.sort(key=len)  # grouped by length, as the engine does
    kwargs = dict(beam_size=beams, num_hypotheses=beams, max_decoding_length=new_tokens,
                  min_decoding_length=new_tokens, max_batch_size=batch)
    translator.translate_batch(sources[:1], **kwargs)
    start = time.perf_counter()
    translator.translate_batch(sources, **kwargs)
    return {"seconds": time.perf_counter() - start, "articles": n, "peak_rss": _peak_rss()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=64)
    ap.add_argument("--batch-size", type=int, default=4)
    ap.add_argument("--new-tokens", type=int, default=48)
    ap.add_argument("--beams", type=int, default=2)
    ap.add_argument("--_worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    model = str(build_model(OUT / "flan-t5-base-random"))
    if args._worker:
        print(json.dumps(worker(args._worker, model, args.n, args.batch_size, args.new_tokens, args.beams)))
        return
    results = {}
    for config in CONFIGS:
        print(f"running {config} ...", file=sys.stderr, flush=True)
        proc = subprocess.run([sys.executable, __file__, "--_worker", config, "--n", str(args.n),
                               "--batch-size", str(args.batch_size), "--new-tokens", str(args.new_tokens),
                               "--beams", str(args.beams)], capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stderr[-2000:], file=sys.stderr)
            raise SystemExit(f"bench: configuration {config} failed")
        results[config] = json.loads(proc.stdout.strip().splitlines()[-1])
    hf = results["hf"]["articles"] / results["hf"]["seconds"]
    print(f"# CTranslate2 vs transformers: flan-t5-base shape, random weights; {args.n} FRANK validation "
          f"articles, input <= 512 tokens, {args.new_tokens} new tokens fixed, {args.beams} beams, batch {args.batch_size}\n")
    print("| configuration | articles/s | vs hf | peak RSS MB |")
    print("|:--|--:|--:|--:|")
    for config, r in results.items():
        rate = r["articles"] / r["seconds"]
        print(f"| {config} | {rate:.3f} | {rate / hf:.2f}x | {r['peak_rss'] / 1e6:,.0f} |")


if __name__ == "__main__":
    main()
