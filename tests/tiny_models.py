"""Tiny seq2seq checkpoints with random weights, built the way users' checkpoints are saved.

Their text is noise, and that is the point: whatever the weights, the engine's guard must
keep every figure of a brief stated in its source.
"""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.text import split_sentences

ROOT = Path(__file__).resolve().parent.parent


def training_sentences() -> list[str]:
    """Sentences of the seed articles and FRANK's validation articles."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    with open(ROOT / "tests" / "data" / "frank_validation.jsonl", encoding="utf-8") as fh:
        texts += [json.loads(line)["article"] for line in fh]
    return [s for text in texts for s in split_sentences(text)]


def _sentencepiece_vocab(out: Path, vocab_size: int) -> list[tuple[str, float]]:
    """Train a unigram sentencepiece model on the sample texts; its (piece, score) list, ids 0-2 = pad, eos, unk."""
    import sentencepiece as spm

    out.mkdir(parents=True, exist_ok=True)
    prefix = out / "spm"
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(training_sentences()), model_prefix=str(prefix), vocab_size=vocab_size,
        model_type="unigram", pad_id=0, eos_id=1, unk_id=2, bos_id=-1, character_coverage=1.0,
        minloglevel=2,
    )
    sp = spm.SentencePieceProcessor(model_file=f"{prefix}.model")
    return [(sp.id_to_piece(i), sp.get_score(i)) for i in range(sp.get_piece_size())]


def build_t5(out: Path, vocab_size: int = 3000, numbers_bias: float = 0.0) -> Path:
    """A 2-layer T5 with a sentencepiece unigram tokenizer trained on the sample texts."""
    import torch
    from transformers import T5Config, T5ForConditionalGeneration, T5Tokenizer

    vocab = _sentencepiece_vocab(out, vocab_size)
    tokenizer = T5Tokenizer(vocab=vocab, extra_ids=0)
    torch.manual_seed(0)
    config = T5Config(
        vocab_size=len(tokenizer), d_model=64, d_ff=128, d_kv=16, num_layers=2, num_decoder_layers=2,
        num_heads=4, feed_forward_proj="gated-gelu", decoder_start_token_id=0, pad_token_id=0,
        eos_token_id=1,
    )
    model = T5ForConditionalGeneration(config)
    if numbers_bias:
        _t5_number_bias(model, tokenizer, numbers_bias)
    return _save(model, tokenizer, out)


def build_bart(out: Path, vocab_size: int = 3000, numbers_bias: float = 0.0) -> Path:
    """A 2-layer BART with a byte-level BPE tokenizer trained on the sample texts."""
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer

    out.mkdir(parents=True, exist_ok=True)
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(
        training_sentences(), vocab_size=vocab_size, min_frequency=2,
        special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"],
    )
    (out / "model").mkdir(exist_ok=True)
    bpe.save_model(str(out / "model"))
    tokenizer = BartTokenizer.from_pretrained(out / "model")
    torch.manual_seed(0)
    config = BartConfig(
        vocab_size=len(tokenizer), d_model=64, encoder_layers=2, decoder_layers=2,
        encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=128, decoder_ffn_dim=128,
        max_position_embeddings=256, pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id, decoder_start_token_id=tokenizer.eos_token_id,
        forced_bos_token_id=None, forced_eos_token_id=None,
    )
    model = BartForConditionalGeneration(config)
    if numbers_bias:
        _raise_number_logits(model, tokenizer, numbers_bias)
    return _save(model, tokenizer, out)


def _save(model, tokenizer, out: Path) -> Path:
    """Save as users' checkpoints are saved (save_pretrained), into out/model."""
    model.save_pretrained(out / "model")
    tokenizer.save_pretrained(out / "model")
    return out / "model"


def _number_ids(tokenizer) -> list[int]:
    pieces = tokenizer.convert_ids_to_tokens(list(range(len(tokenizer))))
    return [i for i, p in enumerate(pieces) if p and any(c.isdigit() for c in p)]


def _number_boosts(tokenizer, strength: float) -> dict[int, float]:
    """A random boost for each token holding digits: in [strength, 2 x strength) for numbers the
    seed articles state, in [0, strength) for the others.

    Numbers outweigh words, so the unguarded model writes numbers whatever the article says
    (tests give it an article without figures: every number it writes is invented), and under
    the guard the seed's own numbers still outweigh words, so the guarded model writes numbers
    too. This holds whatever the tokenizer's training text, not by the luck of a random draw.
    """
    import re

    import torch

    seeds = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in (ROOT / "seeds").glob("*.txt"))
    stated_runs = re.findall(r"\d+", seeds)
    pieces = tokenizer.convert_ids_to_tokens(list(range(len(tokenizer))))

    def stated(i: int) -> bool:
        digits = "".join(c for c in pieces[i] if c.isdigit())
        return any(digits in run for run in stated_runs)

    return {i: strength * (torch.rand(()).item() + (1.0 if stated(i) else 0.0)) for i in _number_ids(tokenizer)}


def _raise_number_logits(model, tokenizer, strength: float) -> None:
    """BART/PEGASUS have an output bias: raise it, at random, for the tokens holding digits."""
    import torch

    with torch.no_grad():
        for i, boost in _number_boosts(tokenizer, strength).items():
            model.final_logits_bias[0, i] += boost


def _t5_number_bias(model, tokenizer, strength: float) -> None:
    """Weights that love numbers: T5 has no output bias, so use the tied embeddings.

    Dimension 0 of every embedding is set to a large constant that survives the decoder's
    residual stream; tokens holding digits get a random extra amount on it, which the tied
    LM head turns into higher logits. Unguarded, such a model writes numbers the source lacks.
    """
    import torch

    with torch.no_grad():
        emb = model.get_input_embeddings().weight
        emb[:, 0] = 40.0
        for i, boost in _number_boosts(tokenizer, strength).items():
            emb[i, 0] += boost


def build_pegasus(out: Path, vocab_size: int = 3000, numbers_bias: float = 0.0) -> Path:
    """A 2-layer PEGASUS with a sentencepiece unigram tokenizer trained on the sample texts."""
    import torch
    from transformers import PegasusConfig, PegasusForConditionalGeneration, PegasusTokenizer

    vocab = _sentencepiece_vocab(out, vocab_size)
    # No reserved <mask>/<unk_N> ids: the tiny vocabulary maps one to one onto the pieces.
    tokenizer = PegasusTokenizer(vocab=vocab, offset=0, mask_token=None, mask_token_sent=None,
                                 additional_special_tokens=[])
    torch.manual_seed(0)
    config = PegasusConfig(
        vocab_size=len(tokenizer), d_model=64, encoder_layers=2, decoder_layers=2,
        encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=128, decoder_ffn_dim=128,
        max_position_embeddings=512, pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id, decoder_start_token_id=tokenizer.pad_token_id,
    )
    model = PegasusForConditionalGeneration(config)
    if numbers_bias:
        _raise_number_logits(model, tokenizer, numbers_bias)
    return _save(model, tokenizer, out)
