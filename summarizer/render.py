"""Briefs rendered as Markdown, JSON or plain text."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import PurePath

from .brief import Brief, KeyFigure
from .errors import UsageError

FORMATS = ("md", "json", "text")
# Underscores inside words ("file_name") are not emphasis in CommonMark: leave them.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>]|(?<!\w)_|_(?!\w)|^#)")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def heading(brief: Brief) -> str:
    """The brief's title, or the source file's name when the article has none."""
    if brief.title:
        return brief.title
    if brief.source and brief.source not in ("<text>", "<stdin>"):
        return PurePath(brief.source).name  # "feed.jsonl#2" keeps its record number
    return "Brief"


def _bold_figure(kf: KeyFigure) -> str:
    # The bullet may start with the figure capitalised ("Two months ..."): match without case.
    # (str.find, not a regex per figure: a digest renders thousands of bullets.)
    text, low = kf.text, kf.text.lower()
    at = low.find(kf.figure.lower()) if kf.figure and len(low) == len(text) else -1
    if at < 0:
        m = re.search(re.escape(kf.figure), text, re.IGNORECASE) if kf.figure else None
        if m is None:
            return _md_escape(text)
        at, end = m.span()
    else:
        end = at + len(kf.figure)
    return f"{_md_escape(kf.text[:at])}**{_md_escape(kf.text[at:end])}**{_md_escape(kf.text[end:])}"


def brief_markdown(brief: Brief) -> str:
    """One brief as Markdown: title, summary, bullets with the figures in bold, source line."""
    lines = [f"## {_md_escape(heading(brief))}", "", _md_escape(brief.summary) or "_(no summary)_", ""]
    if brief.key_figures:
        lines += ["**Key figures**", ""]
        lines += [f"- {_bold_figure(kf)}" for kf in brief.key_figures]
        lines.append("")
    meta = [f"Source: {brief.source}" if brief.source else None, brief.published, brief.url,
            f"engine: {brief.engine}" + (f" ({brief.model})" if brief.model else "")]
    lines.append("_" + _md_escape(" · ".join(m for m in meta if m)) + "_")
    return "\n".join(lines) + "\n"


def brief_text(brief: Brief) -> str:
    """One brief as plain text."""
    lines = [heading(brief), "", brief.summary, ""]
    if brief.key_figures:
        lines += ["Key figures:"] + [f"  - {kf.text}" for kf in brief.key_figures] + [""]
    if brief.source:
        lines.append(f"Source: {brief.source}")
    return "\n".join(lines) + "\n"


def render(briefs: Sequence[Brief], fmt: str = "md") -> str:
    """All briefs in one document of format `fmt` (md, json or text)."""
    if fmt == "json":
        return json.dumps([b.to_dict() for b in briefs], ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return "\n---\n\n".join(brief_markdown(b) for b in briefs)
    if fmt == "text":
        return "\n".join(brief_text(b) for b in briefs)
    raise UsageError(f"Unknown format. Possible values are: {', '.join(FORMATS)}. Given: {fmt}")
