"""The last line of defence: no figure the source does not state leaves the engine."""

from __future__ import annotations

from collections.abc import Sequence

from .brief import Brief
from .figures import Figure, FigureIndex, check_figures
from .text import split_sentences


def enforce(brief: Brief, source_figures: Sequence[Figure]) -> Brief:
    """Drop summary sentences and bullets that carry an unsupported figure, with a warning each."""
    source_figures = FigureIndex(source_figures)  # built once for every sentence and bullet
    kept = []
    for sentence in split_sentences(brief.summary):
        bad = check_figures(sentence, source_figures)
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
