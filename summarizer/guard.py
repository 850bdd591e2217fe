"""The last line of defence: no figure the source does not state leaves the engine."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .brief import Brief
from .figures import Figure, FigureIndex, check_figures
from .text import split_sentences


def enforce(brief: Brief, source_figures: Sequence[Figure], known: Mapping[str, list[Figure]] | None = None,
            sentences: Sequence[str] | None = None) -> Brief:
    """Drop summary sentences and bullets that carry an unsupported figure, with a warning each.

    `known`: extract_figures of sentences the engine read already (by their exact text), so that
    a summary made of whole source sentences is not read twice; any other text is read afresh.
    `sentences`: the summary's sentences, used when they make up the summary exactly.
    """
    source_figures = FigureIndex(source_figures)  # built once for every sentence and bullet
    known = known or {}
    if sentences is None or " ".join(sentences) != brief.summary:
        sentences = split_sentences(brief.summary)
    kept = []
    for sentence in sentences:
        bad = check_figures(sentence, source_figures, known.get(sentence))
        if bad:
            brief.warnings.append(
                f"removed a summary sentence with unsupported figure(s) {', '.join(f.text for f in bad)}"
            )
        else:
            kept.append(sentence)
    brief.summary = " ".join(kept)
    bullets = []
    for kf in brief.key_figures:
        bad = check_figures(kf.text, source_figures)
        if bad:
            brief.warnings.append(
                f"removed a key-figure bullet with unsupported figure(s) {', '.join(f.text for f in bad)}"
            )
        else:
            bullets.append(kf)
    brief.key_figures = bullets
    return brief
