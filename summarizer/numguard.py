"""A LogitsProcessor that stops a decoder writing a number its source does not state.

At each step, for each beam, it looks at the number being written (the trailing run of
digits and separators) and masks every token that would make it something other than a
prefix of a number in the source; number words ("nine", "thousand") are held to the same
rule. Token surfaces are read once per tokenizer, for sentencepiece ("▁") and byte-level
BPE ("Ġ") vocabularies alike. Imported only by the seq2seq engine (it needs torch).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import torch
from transformers import LogitsProcessor

from .figures import _ABBR_SCALES, _SCALES, _SMALL, Figure  # one vocabulary of number words

RUN_CHARS = frozenset("0123456789.,")
DIGITS = frozenset("0123456789")
SEPS = ".,"
WORD_VALUES = {w: float(i) for i, w in enumerate(_SMALL[:20])}
WORD_VALUES.update({w: float(20 + 10 * i) for i, w in enumerate(_SMALL[20:])})
SCALE_WORDS = _SCALES
SCALE_SUFFIXES = _ABBR_SCALES
NUMBER_WORDS = frozenset(WORD_VALUES) | frozenset(SCALE_WORDS) | {"dozen"}
# "one" is an everyday pronoun ("one of the"): the figure checker ignores it and so does the guard.
FREE_WORDS = frozenset({"one"})
_RUN_IN_TEXT = re.compile(r"\d[\d.,]*\d|\d")
_WORD_IN_TEXT = re.compile(r"[a-z]+")


def _surface(piece: str | None) -> str:
    if not piece:
        return ""
    return piece.replace("▁", " ").replace("Ġ", " ").replace("Ċ", "\n")


def _number(run: str) -> float | None:
    try:
        return float(run.replace(",", ""))
    except ValueError:
        return None


class GuardVocab:
    """What the guard needs to know of a tokenizer's vocabulary; built once per tokenizer."""

    def __init__(self, tokenizer, vocab_size: int | None = None):
        n = len(tokenizer)
        self.size = max(n, vocab_size or 0)
        pieces = tokenizer.convert_ids_to_tokens(list(range(n)))
        special = set(tokenizer.all_special_ids)
        self.text = ["" if i in special else _surface(p) for i, p in enumerate(pieces)]
        self.starts: list[int] = []  # tokens with a digit that do not continue a run: " 9", "$1", "-4"
        self.glued_digits: list[int] = []  # tokens that continue a run: "000", ",5", "0s"
        self.word_start: dict[int, str] = {}  # " nine" style tokens -> the number word
        self.scale_tokens: dict[int, float] = {}  # " million", "bn", ... -> factor
        by_surface: dict[str, int] = {}
        for i, text in enumerate(self.text):
            if not text:
                continue
            body = text.lstrip()
            glued = body == text
            low = body.lower()
            if glued:
                by_surface.setdefault(low, i)
            if glued and body[0] in RUN_CHARS:
                self.glued_digits.append(i)
            elif any(c in DIGITS for c in body):
                self.starts.append(i)
            if not glued and low in NUMBER_WORDS and low not in FREE_WORDS:
                self.word_start[i] = low
            if (not glued and low in SCALE_WORDS) or (glued and low in SCALE_SUFFIXES):
                self.scale_tokens[i] = SCALE_WORDS.get(low) or SCALE_SUFFIXES[low]
        # Pieces that complete a number word after a partial word: "four" + "teen".
        self.word_ends: dict[str, list[tuple[int, str]]] = {}
        for word in NUMBER_WORDS - FREE_WORDS:
            for k in range(1, len(word)):
                tid = by_surface.get(word[k:])
                if tid is not None:
                    self.word_ends.setdefault(word[:k], []).append((tid, word))


@dataclass
class SourceNumbers:
    """The numbers one source states, in the forms the guard compares against."""

    complete: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    values: set[float] = field(default_factory=set)
    words: set[str] = field(default_factory=set)

    @classmethod
    def from_source(cls, text: str, figures: Sequence[Figure]) -> "SourceNumbers":
        nums = cls()
        for run in _RUN_IN_TEXT.findall(text):  # every digit run, identifiers included (S-400)
            nums._add(run)
        for fig in figures:
            for value in (fig.value, fig.high):
                if isinstance(value, float) and value >= 0:
                    nums.values.add(value)
                    if value.is_integer() and value < 1e15:
                        nums._add(str(int(value)))
                        nums._add(f"{int(value):,}")
        lower = text.lower()
        nums.words = {w for w in _WORD_IN_TEXT.findall(lower) if w in NUMBER_WORDS}
        # "4" in the source lets the model write "four" (and the other way round).
        nums.words |= {w for w, v in WORD_VALUES.items() if v in nums.values}
        nums.values |= {WORD_VALUES[w] for w in nums.words if w in WORD_VALUES}
        for w in nums.words:
            if w in WORD_VALUES:
                nums._add(str(int(WORD_VALUES[w])))
        return nums

    def _add(self, run: str) -> None:
        run = run.rstrip(SEPS)
        self.complete.add(run)
        self.prefixes.update(run[:k] for k in range(1, len(run) + 1))
        value = _number(run)
        if value is not None:
            self.values.add(value)

    def run_ok(self, run: str, final: bool) -> bool:
        """Whether a digit run is acceptable: a prefix of a stated number, or a whole one when it ends."""
        if not run or not any(c in DIGITS for c in run):
            return True
        if not final and run in self.prefixes:
            return True
        return run.rstrip(SEPS) in self.complete


def _trailing(text: str) -> tuple[str, str]:
    """The digit run and the letters at the end of `text` (either may be empty)."""
    i = len(text)
    while i > 0 and text[i - 1] in RUN_CHARS:
        i -= 1
    run = text[i:]
    if run and not any(c in DIGITS for c in run):
        run = ""  # a lone "." or "," is punctuation, not a number being written
    j = len(text)
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    return run, text[j:].lower()


def _simulate(nums: SourceNumbers, run: str, text: str) -> bool:
    """Whether appending token `text` to a context ending in digit run `run` keeps every number stated."""
    for ch in text:
        if ch in RUN_CHARS and (run or ch in DIGITS):
            run += ch
            continue
        if run and not nums.run_ok(run, final=True):
            return False
        run = ""
    return nums.run_ok(run, final=False)


class FigureGuard(LogitsProcessor):
    """Masks tokens that would write a number (digits or words) not stated in each row's source.

    Each row's state (no number under way, a digit run, a partial word) picks a cached boolean
    mask over the vocabulary; one masked_fill per step applies them all, so the guard costs a
    few string operations per beam and step.
    """

    LOOKBACK = 24  # tokens: enough for "1,200,000,000" split digit by digit

    def __init__(self, vocab: GuardVocab, sources: Sequence[SourceNumbers], num_beams: int):
        self.vocab = vocab
        self.sources = sources
        self.num_beams = num_beams
        self._masks: dict[tuple, torch.Tensor] = {}
        self._always = [self._ban_always(nums) for nums in sources]

    def _mask(self, ids) -> torch.Tensor:
        mask = torch.zeros(self.vocab.size, dtype=torch.bool)
        if ids:
            mask[torch.tensor(sorted(set(ids)), dtype=torch.long)] = True
        return mask

    def _ban_always(self, nums: SourceNumbers) -> torch.Tensor:
        """Tokens banned whatever precedes them: new numbers and number words the source lacks."""
        v = self.vocab
        banned = [i for i in v.starts if not _simulate(nums, "", v.text[i])]
        banned += [i for i, w in v.word_start.items() if w not in nums.words]
        return self._mask(banned)

    def _state_mask(self, src: int, run: str, word: str) -> torch.Tensor:
        """The full ban mask for a row of source `src` whose text ends in `run` or `word` (cached)."""
        key = (src, run, word if not run else "")
        mask = self._masks.get(key)
        if mask is not None:
            return mask
        nums, v = self.sources[src], self.vocab
        if run:
            ok = [i for i in v.glued_digits if _simulate(nums, run, v.text[i])]
            if not nums.run_ok(run, final=True):
                # Only a prefix so far: anything that ends the number here is banned.
                mask = ~self._mask(ok)
            else:
                value = _number(run)
                bad = set(v.glued_digits) - set(ok)
                bad.update(i for i, f in v.scale_tokens.items() if value is None or value * f not in nums.values)
                mask = self._always[src] | self._mask(bad)
        else:
            bad = [i for i in v.glued_digits if not _simulate(nums, "", v.text[i])]
            bad += [i for i, whole in v.word_ends.get(word, ()) if whole not in nums.words]
            mask = self._always[src] | self._mask(bad)
        self._masks[key] = mask
        return mask

    def common_bans(self) -> list[int]:
        """Token ids banned at the start of a number for every source: a static mask for runtimes without callbacks."""
        mask = self._always[0].clone()
        for other in self._always[1:]:
            mask &= other
        return mask.nonzero().flatten().tolist()

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        text, n_text = self.vocab.text, len(self.vocab.text)
        masks = []
        for r, tail in enumerate(input_ids[:, -self.LOOKBACK :].tolist()):
            run, word = _trailing("".join(text[i] if i < n_text else "" for i in tail))
            if word not in self.vocab.word_ends:
                word = ""  # only partial number words change the mask: share one cache entry
            masks.append(self._state_mask(r // self.num_beams, run, word))
        mask = torch.stack(masks)[:, : scores.shape[-1]].to(scores.device)
        # Never leave a beam without a token: the final check still covers such a row.
        blocked = (mask | torch.isinf(scores)).all(dim=-1)
        if blocked.any():
            mask[blocked] = False
        return scores.masked_fill(mask, -float("inf"))
