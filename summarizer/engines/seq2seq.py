"""The seq2seq engine: a local Hugging Face checkpoint writes the summary, under the figure guard.

torch and transformers are imported here, when the engine starts, never at package import.
Whatever the weights, no figure reaches the brief unless the source states it:
1. FigureGuard masks number tokens the source does not state while decoding;
2. beam candidates are re-ranked to prefer those whose figures are all supported;
3. check_figures on the result: a sentence still carrying an unsupported figure is replaced
   by the source sentence it came from (or dropped), with a warning.
Key-figure bullets come from the deterministic extraction (bullets.py), as in the extractive engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from dataclasses import dataclass

from ..brief import Brief
from ..bullets import select_key_figures
from ..catalog import resolve
from ..errors import EngineError, UsageError
from ..figures import Figure, check_figures, extract_figures, stated_figures
from ..guard import enforce
from ..ingest import Article
from ..prompts import family_of, load_prompt
from ..settings import Options, check_runtime
from ..text import split_sentences, words
from .extractive import Params, cut_to_budget, score_sentences, select_sentences

BULLET_TOKENS = 40


@dataclass
class _Prepared:
    article: Article
    sentences: list[str]
    figures: list[list[Figure]]
    scores: list[float]
    vectors: list
    source_figures: list[Figure]
    numbers: object  # numguard.SourceNumbers when the guard is on
    prompt: str
    n_tokens: int
    warnings: list[str]


class Seq2SeqEngine:
    """Summaries written by a local seq2seq checkpoint (T5/Flan-T5, BART, PEGASUS)."""

    name = "seq2seq"

    def __init__(
        self,
        model: str | None = None,
        *,
        batch_size: int = 4,
        num_beams: int = 4,
        quantize: str | None = None,
        guard: bool = True,
        prompt: str | None = None,
        device: str | None = None,
        threads: int | None = None,
        max_new_tokens: int | None = None,
        min_new_tokens: int | None = None,
        runtime: str = "transformers",
    ):
        if batch_size < 1 or num_beams < 1:
            raise UsageError("batch_size and num_beams must be at least 1")
        check_runtime(runtime, quantize)  # the engine may be built without Options
        path, spec = resolve(model)
        try:
            import torch
            from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoTokenizer
        except ImportError:
            raise EngineError(
                "the seq2seq engine needs torch and transformers; install them with: "
                "pip install -c constraints.txt -e '.[seq2seq]'"
            ) from None
        from ..numguard import GuardVocab

        self.torch = torch
        if threads:
            torch.set_num_threads(threads)
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.ct2 = None
        self.model = None
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(path)
            if runtime == "ctranslate2":
                config = AutoConfig.from_pretrained(path)
            else:
                self.model = AutoModelForSeq2SeqLM.from_pretrained(path)
                config = self.model.config
        except Exception as exc:  # transformers raises many types for a broken checkpoint
            raise EngineError(f"{path}: cannot load the checkpoint ({str(exc).splitlines()[0][:200]})") from exc
        if runtime == "ctranslate2":
            from .ct2 import CT2Runtime

            self.ct2 = CT2Runtime(Path(path), quantization="int8" if quantize == "int8" else "float32",
                                  device=self.device, threads=threads)
        else:
            self._load_transformers(quantize)
        self.model_name = spec.name if spec else str(path)
        self.family = spec.family if spec else family_of(config, str(path))
        self.template = load_prompt(prompt or (spec.prompt if spec else self.family))
        limit = spec.max_input_tokens if spec else getattr(self.tokenizer, "model_max_length", 512)
        if limit > 100_000:  # tokenizers without a recorded limit report a huge sentinel
            limit = 512
        positions = getattr(config, "max_position_embeddings", None)
        self.max_input_tokens = int(min(limit, positions or limit, 4096))
        self.batch_size = batch_size
        self.num_beams = num_beams
        self.guard = guard
        self.max_new_tokens = max_new_tokens
        self.min_new_tokens = min_new_tokens
        self.vocab = GuardVocab(self.tokenizer, config.vocab_size) if guard else None
        self.params = Params()

    def _load_transformers(self, quantize: str | None) -> None:
        """Eval mode, optional int8 dynamic quantisation, and the device."""
        torch = self.torch
        self.model.eval()
        if quantize == "int8":
            if self.device != "cpu":
                raise UsageError("--quantize int8 is dynamic CPU quantisation; use it with device cpu")
            import warnings

            with warnings.catch_warnings():  # torch marks its quantized tensors deprecated; they still work
                warnings.simplefilter("ignore", UserWarning)
                # In place: a copy would hold the float and the int8 weights at once.
                torch.ao.quantization.quantize_dynamic(self.model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)
            # The float weights were read from the memory-mapped checkpoint, whose pages stay
            # resident while any tensor (embeddings, norms) still maps it: copy those few into
            # the process so the mapping is released (about 1.5 GB -> 0.7 GB resident, flan-t5-base).
            with torch.no_grad():
                for param in self.model.parameters():
                    param.data = param.data.clone()
            import gc

            gc.collect()
        self.model.to(self.device)

    # ------------------------------------------------------------------ public

    def summarize(self, article: Article, options: Options) -> Brief:
        """A Brief of one article."""
        return self.summarize_batch([article], options)[0]

    def summarize_batch(self, articles: Sequence[Article], options: Options) -> list[Brief]:
        """Briefs of many articles, generated in batches of similar input length."""
        prepared = [self._prepare(a, options) for a in articles]
        order = sorted(range(len(prepared)), key=lambda i: prepared[i].n_tokens)
        texts: list[str] = [""] * len(prepared)
        for start in range(0, len(order), self.batch_size):
            batch = [prepared[i] for i in order[start : start + self.batch_size]]
            for i, text in zip(order[start : start + self.batch_size], self._generate(batch, options)):
                texts[i] = text
        briefs = [self._finish(p, t, options) for p, t in zip(prepared, texts)]
        if options.model_bullets:
            self._phrase_bullets(prepared, briefs)
            briefs = [enforce(b, p.source_figures) for b, p in zip(briefs, prepared)]
        return briefs

    # ------------------------------------------------------------------ steps

    def _count(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=True)["input_ids"])

    def _render(self, text: str) -> str:
        return self.template.replace("{text}", text)

    def _prepare(self, article: Article, options: Options) -> _Prepared:
        sentences = split_sentences(article.text, options.language)
        figures = [extract_figures(s) for s in sentences]
        scores, vectors = score_sentences(sentences, figures, self.params)
        warnings = list(article.warnings)
        prompt = self._render(" ".join(sentences))
        n_tokens = self._count(prompt)
        if n_tokens > self.max_input_tokens:
            # Extract, then abstract: the most salient sentences that fit, in source order.
            overhead = self._count(self._render(""))
            lengths = [self._count(s) - 1 for s in sentences]
            budget = self.max_input_tokens - overhead
            chosen, used = [], 0
            for i in sorted(range(len(sentences)), key=lambda i: -scores[i]):
                if used + lengths[i] <= budget:
                    chosen.append(i)
                    used += lengths[i]
            chosen.sort()
            prompt = self._render(" ".join(sentences[i] for i in chosen))
            # Per-sentence counts are estimates (joins can tokenise differently): drop the
            # least salient until the prompt really fits, so nothing is truncated unseen.
            while len(chosen) > 1 and self._count(prompt) > self.max_input_tokens:
                chosen.remove(min(chosen, key=lambda i: scores[i]))
                prompt = self._render(" ".join(sentences[i] for i in chosen))
            warnings.append(
                f"article is {n_tokens} tokens, over the model's {self.max_input_tokens}: summarised from "
                f"its {len(chosen)} most salient of {len(sentences)} sentences"
            )
            n_tokens = self._count(prompt)
        source_figures = [f for s, figs in zip(sentences, figures) for f in stated_figures(s, figs)]
        numbers = None
        if self.guard:
            from ..numguard import SourceNumbers

            numbers = SourceNumbers.from_source(article.text, source_figures)
        return _Prepared(article, sentences, figures, scores, vectors, source_figures, numbers, prompt, n_tokens, warnings)

    def _generate(self, batch: list[_Prepared], options: Options) -> list[str]:
        max_new = self.max_new_tokens or int(options.max_words * 1.6) + 8
        return self._run([p.prompt for p in batch], batch, max_new)

    def _run(self, prompts: list[str], sources: list[_Prepared], max_new: int) -> list[str]:
        """Generate one text per prompt under the guard of its source; the best beam of each."""
        if self.ct2 is not None:
            return self._run_ct2(prompts, sources, max_new)
        torch = self.torch
        enc = self.tokenizer(
            prompts, return_tensors="pt", padding=True, truncation=True, max_length=self.max_input_tokens,
        ).to(self.device)
        kwargs = dict(
            max_new_tokens=max_new,
            num_beams=self.num_beams,
            num_return_sequences=self.num_beams,
            do_sample=False,
            early_stopping=True,
        )
        if self.min_new_tokens:
            kwargs["min_new_tokens"] = min(self.min_new_tokens, max_new)
        if self.guard:
            from transformers import LogitsProcessorList

            from ..numguard import FigureGuard

            kwargs["logits_processor"] = LogitsProcessorList(
                [FigureGuard(self.vocab, [p.numbers for p in sources], self.num_beams)]
            )
        with torch.inference_mode():
            out = self.model.generate(**enc, **kwargs)
        decoded = self.tokenizer.batch_decode(out, skip_special_tokens=True)
        return [
            self._rerank(decoded[k * self.num_beams : (k + 1) * self.num_beams], prep.source_figures)
            for k, prep in enumerate(sources)
        ]

    def _run_ct2(self, prompts: list[str], sources: list[_Prepared], max_new: int) -> list[str]:
        suppress: list[str] = []
        if self.guard:  # layer 1, static: number tokens that no article of this batch states
            from ..numguard import FigureGuard

            banned = FigureGuard(self.vocab, [p.numbers for p in sources], 1).common_bans()
            suppress = self.tokenizer.convert_ids_to_tokens(banned)
        tokens = [
            self.tokenizer.convert_ids_to_tokens(
                self.tokenizer(p, truncation=True, max_length=self.max_input_tokens)["input_ids"]
            )
            for p in prompts
        ]
        beams = self.ct2.generate(
            tokens, beams=self.num_beams, max_new=max_new, min_new=min(self.min_new_tokens or 0, max_new),
            batch_size=self.batch_size, suppress=suppress,
        )
        return [
            self._rerank(
                [self.tokenizer.decode(self.tokenizer.convert_tokens_to_ids(h), skip_special_tokens=True) for h in hyps],
                prep.source_figures,
            )
            for hyps, prep in zip(beams, sources)
        ]

    def _phrase_bullets(self, prepared: list[_Prepared], briefs: list[Brief]) -> None:
        """Let the model phrase each key-figure bullet; keep a phrasing only if it states the figure and nothing unstated."""
        try:
            template = load_prompt(self.family, "bullet")
        except UsageError:
            return  # no bullet prompt for this family (BART/PEGASUS CNN models take no instructions)
        jobs = [(prep, kf) for prep, brief in zip(prepared, briefs) for kf in brief.key_figures]
        step = self.batch_size * 4
        for start in range(0, len(jobs), step):
            chunk = jobs[start : start + step]
            prompts = [template.replace("{figure}", kf.figure).replace("{phrase}", kf.text) for _, kf in chunk]
            for (prep, kf), text in zip(chunk, self._run(prompts, [p for p, _ in chunk], BULLET_TOKENS)):
                text = text.strip().rstrip(".")
                if (
                    kf.figure.lower() in text.lower()
                    and 3 <= len(text.split()) <= 25
                    and not check_figures(text, prep.source_figures)
                ):
                    kf.text = text

    @staticmethod
    def _rerank(candidates: list[str], source_figures: list[Figure]) -> str:
        """The best beam whose figures are all stated; else the one with the fewest unstated (HERMAN)."""
        best, best_bad = "", None
        for text in candidates:  # generate() returns beams best first
            text = " ".join(text.split())
            bad = len(check_figures(text, source_figures))
            if bad == 0 and text:
                return text
            if text and (best_bad is None or bad < best_bad):
                best, best_bad = text, bad
        return best

    def _finish(self, prep: _Prepared, text: str, options: Options) -> Brief:
        warnings = prep.warnings
        kept, used = [], 0
        for sentence in split_sentences(text, options.language):
            n = len(sentence.split())
            if used + n > options.max_words:
                break
            bad = check_figures(sentence, prep.source_figures)
            if bad:
                replacement = self._source_sentence(sentence, prep)
                names = ", ".join(f.text for f in bad)
                if replacement and used + len(replacement.split()) <= options.max_words:
                    warnings.append(f"replaced a generated sentence with unsupported figure(s) {names} by its source sentence")
                    sentence, n = replacement, len(replacement.split())
                else:
                    warnings.append(f"removed a generated sentence with unsupported figure(s) {names}")
                    continue
            kept.append(sentence)
            used += n
        summary = " ".join(kept)
        if not summary:
            chosen = select_sentences(prep.sentences, prep.scores, prep.vectors, options.max_words, self.params)
            summary = " ".join(prep.sentences[i] for i in sorted(chosen))
            summary = cut_to_budget(summary, options.max_words)
            warnings.append("the model gave no usable summary; the extractive summary is used")
        brief = Brief(
            summary=summary,
            key_figures=select_key_figures(prep.sentences, prep.figures, prep.scores, options.bullets),
            title=prep.article.title,
            source=prep.article.source,
            engine=self.name,
            warnings=warnings,
            url=prep.article.url,
            published=prep.article.published,
            model=self.model_name,
        )
        return enforce(brief, prep.source_figures)

    @staticmethod
    def _source_sentence(sentence: str, prep: _Prepared) -> str | None:
        """The source sentence a generated one most overlaps (the one it came from)."""
        gen = {w.lower() for w in words(sentence)}
        best, best_overlap = None, 0.0
        for src in prep.sentences:
            src_words = {w.lower() for w in words(src)}
            overlap = len(gen & src_words) / (len(gen | src_words) or 1)
            if overlap > best_overlap:
                best, best_overlap = src, overlap
        return best if best_overlap >= 0.2 else None
