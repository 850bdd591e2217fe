"""The extractive engine: whole source sentences chosen for salience, no weights needed."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from ..brief import Brief
from ..bullets import select_key_figures
from ..figures import extract_figures, stated_figures
from ..guard import enforce
from ..ingest import Article
from ..settings import Options
from ..text import STOPWORDS, split_sentences

_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+")
# A caption's label ("Wanted: Police in Maryland ...", "Fighter ace: Douglas Bader's story ...").
_CAPTION_LABEL = re.compile(r"(?:[A-Z][\w'’-]*\s?){1,3}:\s")
_TERMINAL = (".", "!", "?")


@dataclass(frozen=True)
class Params:
    """Weights of the salience score; tuned on FRANK's validation split (bench/tune_extractive.py)."""

    position: float = 3.0
    position_decay: float = 0.5
    centrality: float = 1.0
    figures: float = 0.15
    names: float = 0.1
    quote_penalty: float = 0.3
    redundancy: float = 0.5
    min_words: int = 6
    long_words: int = 55
    fill_ratio: float = 0.5
    fragment: float = 1.0  # a heading, a caption or a sentence without its full stop
    cut_ratio: float = 0.8  # when the best sentence that fits scores below this share of the best: cut the best


def _terms(sentence: str) -> list[str]:
    out = []
    for tok in _TOKEN.findall(sentence.lower()):
        if tok in STOPWORDS or len(tok) < 2:
            continue
        if len(tok) > 4 and tok.endswith("s") and not tok.endswith("ss"):
            tok = tok[:-1]  # crude plural folding; enough for overlap scoring
        out.append(tok)
    return out


def _names(sentence: str) -> int:
    """Capitalised words that do not open the sentence or follow a full stop: names, roughly."""
    n = 0
    for m in _CAPITALISED.finditer(sentence, 1):
        i = m.start()
        if not (sentence[i - 1].isspace() and i >= 2 and sentence[i - 2] in ".!?"):
            n += 1
    return n


def _cosine(a: dict[str, float], b: dict[str, float], norm_a: float, norm_b: float) -> float:
    if not norm_a or not norm_b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items()) / (norm_a * norm_b)


class ExtractiveEngine:
    """Scores sentences by position, centrality, figures and names; picks within the word budget."""

    name = "extractive"

    def __init__(self, params: Params | None = None):
        self.params = params or Params()

    def summarize(self, article: Article, options: Options) -> Brief:
        """A Brief of `article` within `options.max_words` words and `options.bullets` bullets."""
        sentences = split_sentences(article.text, options.language)
        figures = [extract_figures(s) for s in sentences]
        scores, vectors = score_sentences(sentences, figures, self.params)
        chosen = select_sentences(sentences, scores, vectors, options.max_words, self.params)
        if chosen and sentences:
            top = max(range(len(sentences)), key=lambda i: scores[i])
            if max(scores[i] for i in chosen) < scores[top] * self.params.cut_ratio:
                # Only weak sentences fit a small budget ("No one was hurt." for 10 words): the
                # best sentence cut short says more than a heading or an aside.
                chosen = [top]
        summary = " ".join(sentences[i] for i in sorted(chosen))
        warnings = list(article.warnings)
        if len(summary.split()) > options.max_words:
            # No sentence fits the budget, or only weak ones: the best one is cut at a word.
            summary = cut_to_budget(summary, options.max_words)
            warnings.append(f"the best sentence is longer than {options.max_words} words; the summary is cut short")
        brief = Brief(
            summary=summary,
            key_figures=select_key_figures(sentences, figures, scores, options.bullets),
            title=article.title,
            source=article.source,
            engine=self.name,
            warnings=warnings,
            url=article.url,
            published=article.published,
        )
        stated = [f for s, figs in zip(sentences, figures) for f in stated_figures(s, figs)]
        return enforce(brief, stated, dict(zip(sentences, figures)),
                       [sentences[i] for i in sorted(chosen)])


def cut_to_budget(text: str, max_words: int) -> str:
    """`text` cut to at most `max_words` words, never through a figure, marked with "…"."""
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    if len(spans) <= max_words:
        return text
    end = spans[max_words - 1][1]
    for fig in extract_figures(text):
        if fig.start < end < fig.end:
            end = fig.start  # "2.5 billion" must not become "2.5"
            break
    head = text[:end].rstrip(" ,;:-–—")
    return head + "…" if head else ""


def score_sentences(sentences: list[str], figures: list[list], p: Params) -> tuple[list[float], list]:
    """Salience of each sentence, and its tf-idf vector with the vector's norm."""
    terms = [_terms(s) for s in sentences]
    df = Counter(t for ts in terms for t in set(ts))
    n = len(sentences)
    idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
    vectors = []
    centroid: Counter = Counter()
    for ts in terms:
        vec = {t: c * idf[t] for t, c in Counter(ts).items()}
        norm = math.sqrt(sum(w * w for w in vec.values()))
        vectors.append((vec, norm))
        centroid.update(vec)
    c_norm = math.sqrt(sum(w * w for w in centroid.values()))
    scores = []
    for i, sentence in enumerate(sentences):
        vec, norm = vectors[i]
        n_words = len(sentence.split())
        score = p.position / (1 + i) ** p.position_decay
        score += p.centrality * _cosine(vec, centroid, norm, c_norm)
        score += p.figures * min(len(figures[i]), 3) / 3
        score += p.names * min(_names(sentence), 4) / 4
        if sentence[:1] in "\"“‘'" or sentence.endswith("?"):
            score -= p.quote_penalty
        if n_words < p.min_words or n_words > p.long_words:
            score -= 1.0
        if _CAPTION_LABEL.match(sentence) or not sentence.rstrip("\"'”’)").endswith(_TERMINAL):
            score -= p.fragment
        scores.append(score)
    return scores, vectors


def select_sentences(sentences: list[str], scores, vectors, budget: int, p: Params) -> list[int]:
    """Indices of the most salient non-redundant sentences that fit `budget` words."""
    order = sorted(range(len(sentences)), key=lambda i: -scores[i])
    chosen: list[int] = []
    used = 0
    best = scores[order[0]] if order else 0.0
    for i in order:
        length = len(sentences[i].split())
        if used + length > budget:
            continue
        if chosen and scores[i] < best * p.fill_ratio:
            break
        vec, norm = vectors[i]
        if any(_cosine(vec, vectors[j][0], norm, vectors[j][1]) > p.redundancy for j in chosen):
            continue
        chosen.append(i)
        used += length
        if budget - used < p.min_words:
            break
    if not chosen and order:
        chosen = [order[0]]  # every sentence is over budget: summarize() cuts it
    return chosen
