"""Shared helpers of the bench scripts: FRANK data, baselines, ROUGE, tables, progress.

Nothing here needs a network connection or a corpus download: lead-3 and LexRank
split sentences with the project's own offline splitter (sentencex), and sumy is
given a tokenizer object built on it instead of its NLTK punkt tokenizer.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Import the working tree's package even when the venv's editable install is stale
# (an install made before summarizer/__init__.py existed maps `summarizer` to a
# namespace package, and `from summarizer import summarize` then fails).
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "frank"
DATASETS = ("cnndm", "xsum")
CNNDM_SYSTEMS = ("bart", "bert_sum", "pgn", "bus")


# --------------------------------------------------------------------------- data


def die(message: str, status: int = 2) -> None:
    """Print one line to stderr and exit."""
    print(f"bench: {message}", file=sys.stderr)
    raise SystemExit(status)


def require_data(data_dir: Path, datasets=DATASETS) -> Path:
    """`data_dir` if it holds the FRANK files; otherwise exit with a one-line message."""
    data_dir = Path(data_dir)
    missing = [f"{d}.jsonl" for d in datasets if not (data_dir / f"{d}.jsonl").is_file()]
    if missing:
        die(
            f"FRANK data not found: {', '.join(missing)} missing in {data_dir} "
            "(see shared/data/frank/README.md; pass --data DIR to point elsewhere)"
        )
    return data_dir


def load_frank(data_dir: Path, dataset: str, split: str | None = None, limit: int | None = None) -> list[dict]:
    """Records of `dataset` ("cnndm" or "xsum"), optionally of one split, at most `limit`."""
    rows = []
    with open(Path(data_dir) / f"{dataset}.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            if split is None or row["split"] == split:
                rows.append(row)
                if limit and len(rows) >= limit:
                    break
    return rows


def import_summarizer():
    """The `summarizer` package, or exit with a one-line message naming the import error."""
    try:
        import summarizer  # noqa: F401
        from summarizer.text import split_sentences  # noqa: F401
    except Exception as exc:  # ImportError, or an error inside a half-written module
        die(f"cannot import the summarizer package ({type(exc).__name__}: {exc})")
    return sys.modules["summarizer"]


def subprocess_env() -> dict:
    """The environment for child interpreters: the working tree first on PYTHONPATH."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    return env


def install_is_stale() -> bool:
    """True when the venv, without help, imports `summarizer` as a namespace package."""
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run(
        [sys.executable, "-c", "import summarizer; print(getattr(summarizer, '__file__', None))"],
        capture_output=True, text=True, cwd="/", env=env,
    )
    return proc.returncode != 0 or proc.stdout.strip() == "None"


# ------------------------------------------------------------------ detokenising

_CLITIC = re.compile(r" (['’](?:s|re|ve|ll|d|m|t)|n['’]t)\b", re.IGNORECASE)
_SPACE_BEFORE = re.compile(r"\s+([.,;:!?%)\]}])")
_SPACE_AFTER = re.compile(r"([$£€(\[{])\s+")
_HASH_POUND = re.compile(r"#\s*(?=\d)")
_MONEY_SCALE = re.compile(r"([$£€]\d[\d,.]*) (m|bn|k)\b")


def detok(text: str) -> str:
    """Undo the published outputs' tokenisation well enough for figure checking.

    FRANK's summaries are lower-cased and PTB-tokenised ("it 's", "$ 5", "13 %",
    "# 2,100" where the preprocessing turned "£" into "#", "£ 11.2 m"). The figure checker
    reads ordinary prose, so the bench hands it "it's", "$5", "13%", "£2,100", "£11.2m".
    ROUGE is computed on the stored text unchanged (its own tokenizer ignores this).
    """
    text = text.replace("\\'", "'").replace("``", '"').replace("''", '"')
    text = text.replace("-lrb-", "(").replace("-rrb-", ")")
    text = _CLITIC.sub(r"\1", text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _SPACE_AFTER.sub(r"\1", text)
    text = _HASH_POUND.sub("£", text)
    text = _MONEY_SCALE.sub(r"\1\2", text)  # "£11.2 m" -> "£11.2m"
    return " ".join(text.split())


# ------------------------------------------------------------------- baselines


def lead3(text: str, n: int = 3) -> str:
    """The first `n` sentences (the project's offline splitter)."""
    from summarizer.text import split_sentences

    return " ".join(split_sentences(text)[:n])


def lead_within(text: str, max_words: int = 70) -> str:
    """The leading whole sentences that fit `max_words` words (at least the first, whole):
    lead-3's idea held to the engine's budget."""
    from summarizer.text import split_sentences

    out, used = [], 0
    for sentence in split_sentences(text):
        n = len(sentence.split())
        if out and used + n > max_words:
            break
        out.append(sentence)
        used += n
    return " ".join(out)


_SUMY_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


class OfflineTokenizer:
    """Duck-typed stand-in for sumy's Tokenizer (which needs NLTK's punkt download).

    Sentences come from `summarizer.text.split_sentences` (sentencex, offline);
    words from a regex keeping alphabetic tokens, as sumy's own word filter does.
    """

    language = "english"

    def __init__(self):
        from summarizer.text import split_sentences

        self._split = split_sentences

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(self._split(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_SUMY_WORD.findall(sentence))


class LexRank:
    """sumy's LexRankSummarizer with the English stemmer and stop words, fully offline."""

    def __init__(self, sentences: int = 3):
        from sumy.nlp.stemmers import Stemmer
        from sumy.parsers.plaintext import PlaintextParser
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.utils import get_stop_words

        self._parser = PlaintextParser
        self._tokenizer = OfflineTokenizer()
        self._summarizer = LexRankSummarizer(Stemmer("english"))
        self._summarizer.stop_words = get_stop_words("english")
        self.sentences = sentences

    def __call__(self, text: str) -> str:
        doc = self._parser.from_string(text, self._tokenizer).document
        return " ".join(str(s) for s in self._summarizer(doc, self.sentences))


def check_sumy_offline() -> str:
    """'ok' when sumy's English stemmer, stop words and our tokenizer work offline, else why not."""
    try:
        from sumy.nlp.stemmers import Stemmer
        from sumy.utils import get_stop_words

        stem = Stemmer("english")
        stops = get_stop_words("english")
        if stem("running") != "run" or "the" not in stops:
            return f"unexpected stemmer/stop-word output ({stem('running')!r}, {len(stops)} stop words)"
        out = LexRank(1)("The first sentence is here. A second one follows it. The third closes.")
        if not out:
            return "LexRank returned nothing on a test text"
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return "ok"


# ------------------------------------------------------------------------ ROUGE


class Rouge:
    """Mean ROUGE-1/2/L F1 (rouge_score, Porter stemmer) over (reference, summary) pairs."""

    KEYS = ("rouge1", "rouge2", "rougeL")

    def __init__(self):
        from rouge_score import rouge_scorer

        self._scorer = rouge_scorer.RougeScorer(list(self.KEYS), use_stemmer=True)

    def score(self, reference: str, summary: str) -> dict[str, float]:
        s = self._scorer.score(reference.lower(), summary.lower())
        return {k: s[k].fmeasure for k in self.KEYS}

    def mean(self, pairs) -> dict[str, float]:
        scores = [self.score(ref, summ) for ref, summ in pairs]
        if not scores:
            return {k: float("nan") for k in self.KEYS}
        return {k: statistics.fmean(s[k] for s in scores) for k in self.KEYS}


def n_words(text: str) -> int:
    return len(text.split())


# ----------------------------------------------------------------- presentation


def table(headers: list[str], rows: list[list], align: str | None = None) -> str:
    """A markdown pipe table, columns padded to line up in plain text.

    `align` has one letter per column: 'l' or 'r' (default: first column left, rest right).
    """
    align = align or "l" + "r" * (len(headers) - 1)
    cells = [[str(c) for c in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def fmt(row):
        out = []
        for i, c in enumerate(row):
            out.append(c.ljust(widths[i]) if align[i] == "l" else c.rjust(widths[i]))
        return "| " + " | ".join(out) + " |"

    rule = "|" + "|".join(
        ("-" * (w + 1) + ":" if a == "r" else ":" + "-" * (w + 1)) for w, a in zip(widths, align)
    ) + "|"
    return "\n".join([fmt(cells[0]), rule, *(fmt(r) for r in cells[1:])])


def pct(x: float, digits: int = 1) -> str:
    return "n/a" if x != x else f"{100 * x:.{digits}f}%"


def wilson_low(k: int, n: int, z: float = 1.96) -> float:
    """Lower end of the Wilson 95% interval of a proportion k/n (nan when n == 0)."""
    if not n:
        return float("nan")
    p = k / n
    centre = p + z * z / (2 * n)
    margin = z * ((p * (1 - p) + z * z / (4 * n)) / n) ** 0.5
    return (centre - margin) / (1 + z * z / n)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


class Progress:
    """A one-line counter on stderr: rewritten in place on a terminal, sparse lines otherwise."""

    def __init__(self, label: str, total: int, stream=sys.stderr):
        self.label, self.total, self.stream = label, total, stream
        self.tty = stream.isatty()
        self.start = time.perf_counter()
        self._last_pct = -1

    def update(self, done: int) -> None:
        if self.tty:
            self.stream.write(f"\r  {self.label}: {done}/{self.total}")
            self.stream.flush()
            return
        step = 100 * done // max(self.total, 1) // 25 * 25  # 0, 25, 50, 75, 100
        if step != self._last_pct and (step or done == 0):
            self._last_pct = step
            print(f"  {self.label}: {done}/{self.total}", file=self.stream, flush=True)

    def close(self) -> None:
        took = time.perf_counter() - self.start
        if self.tty:
            self.stream.write(f"\r  {self.label}: {self.total}/{self.total} ({took:.1f} s)\n")
            self.stream.flush()
        else:
            print(f"  {self.label}: done in {took:.1f} s", file=self.stream, flush=True)


def tracked(items, label: str):
    """Iterate `items` (a sized collection) with a Progress line."""
    bar = Progress(label, len(items))
    bar.update(0)
    for i, item in enumerate(items, 1):
        yield item
        bar.update(i)
    bar.close()
