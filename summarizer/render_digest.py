"""A Digest rendered as Markdown, self-contained HTML (inline CSS, phone- and print-friendly) or JSON."""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING

from .brief import KeyFigure
from .errors import UsageError
from .render import _bold_figure, _md_escape

if TYPE_CHECKING:
    from .digest import Digest, Story, StoryFigure

FORMATS = ("md", "html", "json")
_WS = re.compile(r"\s+")
_MD_FAST = re.compile(r"[\\`*\[\]<>|_#\t\n\r\f\v\x85\u2028\u2029]|  ")


def _md(text: str) -> str:
    """render's Markdown escaping, plus table pipes; runs of whitespace become one space."""
    text = str(text)
    if not _MD_FAST.search(text):  # most text has nothing to escape: skip the rewrites
        return text
    # the pipe is escaped after _md_escape, which would otherwise escape its backslash
    return _md_escape(_WS.sub(" ", text)).replace("|", "\\|")


def _split_figure(text: str, figure: str) -> tuple[str, str, str]:
    """text as (before, figure, after) for the HTML, matched as render._bold_figure matches it
    (without case: bullets capitalise their first word), unless lower-casing changes the length."""
    if not figure:
        return text, "", ""
    low = text.lower()
    at = low.find(figure.lower()) if len(low) == len(text) else text.find(figure)
    if at < 0:
        return text, "", ""
    return text[:at], text[at:at + len(figure)], text[at + len(figure):]


def _kf_md(kf: "StoryFigure") -> str:
    # bullets are list items, not table cells: no pipes to escape, only whitespace to fold
    body = _bold_figure(KeyFigure(_WS.sub(" ", kf.text), kf.figure))
    also = f" (also in {', '.join(_md(p) for p in kf.also_in)})" if kf.also_in else ""
    return f"- {body} — _{_md(kf.source)}_{also}"


def _sources_md(story: "Story") -> str:
    parts = []
    for s in story.sources:
        text = _md(s.path)
        if s.copies:
            text += f" (same text as {', '.join(_md(c) for c in s.copies)})"
        parts.append(text)
    return "; ".join(parts)


def _counts_rows(digest: "Digest") -> list[tuple[str, int]]:
    c = digest.counts
    return [
        ("Article files in the folder", c.files),
        ("New articles", c.new),
        ("Stories", c.stories),
        ("Already seen (in earlier digests)", c.already_seen),
        ("Duplicates: exact copies", c.exact_copies),
        ("Duplicates: near-duplicates merged", c.near_duplicates),
        ("Failed", c.failed),
    ]


def _topic_of(digest: "Digest") -> dict[int, tuple[str, list[int]]]:
    return {sid: (t.label, t.stories) for t in digest.topics for sid in t.stories}


def digest_markdown(digest: "Digest") -> str:
    """The digest as Markdown."""
    lines = [f"# News digest {digest.date}", ""]
    meta = [f"folder {digest.folder}", f"engine {digest.engine}" + (f" ({digest.model})" if digest.model else "")]
    if digest.since:
        meta.append(f"articles first seen since {digest.since}")
    lines += [f"_{_md(' · '.join(meta))}_", "", "## The night in brief", "", _md(digest.headline), ""]
    for item in digest.situation:
        title = f"**{_md(item.title)}**: " if item.title else ""
        lines.append(f"- {title}{_md(item.text)} _(story {item.story}; {_md(item.source)})_")
    if digest.situation:
        lines.append("")
    topic_of = _topic_of(digest)
    if digest.stories:
        lines += ["## Stories", ""]
    for story in digest.stories:
        lines += [f"### {story.id}. {_md(story.title)}", "", _md(story.summary) or "_(no summary)_", ""]
        if story.key_figures:
            lines += ["**Key figures**", ""] + [_kf_md(kf) for kf in story.key_figures] + [""]
        meta = [f"Summary from {_md(story.summary_source)}",
                f"{'Sources' if len(story.sources) > 1 else 'Source'}: {_sources_md(story)}"]
        label, members = topic_of.get(story.id, ("", []))
        if story.related:
            topic = f"Related: {', '.join(f'story {r}' for r in story.related)}"
            if label:
                topic += f" (topic: {_md(label)})"
            meta.append(topic)
        lines += ["_" + " · ".join(meta) + "_", ""]
    if digest.figures:
        lines += ["## Key figures", "", "| Figure | Context | Story | Source |", "|---|---|---:|---|"]
        for row in digest.figures:
            lines.append(f"| {_md(row.figure)} | {_md(row.text)} | {row.story} | {_md(row.source)} |")
        lines.append("")
    lines += ["## Counts", "", "| | |", "|---|---:|"]
    lines += [f"| {label} | {n} |" for label, n in _counts_rows(digest)]
    lines.append("")
    if digest.failures:
        lines += ["### Failed files", ""]
        lines += [f"- {_md(f.source)}: {_md(f.reason)}" for f in digest.failures]
        lines.append("")
    return "\n".join(lines)


_CSS = """
:root{--fg:#1a1a1a;--muted:#5c5c5c;--line:#d9d9d9;--accent:#0b5394;--bg:#fff;--soft:#f4f6f8}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0}
h2{font-size:1.25rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.1rem;margin:1.5rem 0 .4rem}
.meta,.src{color:var(--muted);font-size:.9rem}
.headline{font-weight:600}
article.story{border-left:3px solid var(--accent);padding:.1rem 0 .1rem .8rem;margin:1rem 0}
section.topic{background:var(--soft);border-radius:6px;padding:.2rem .8rem;margin:1rem 0}
section.topic>h3.topic-label{color:var(--accent);font-size:.95rem;text-transform:uppercase;letter-spacing:.04em}
ul{padding-left:1.2rem}
li{margin:.25rem 0}
.table{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}
strong.fig{color:var(--accent)}
a{color:var(--accent)}
@media (max-width:480px){body{font-size:15px}main{padding:.6rem}h1{font-size:1.35rem}}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--muted:#a8a8a8;--line:#444;--accent:#8ab4f8;--bg:#121212;--soft:#1e1e1e}}
@media print{:root{--fg:#000;--muted:#333;--accent:#000;--bg:#fff;--soft:#fff}
body{font-size:11pt}main{max-width:none;padding:0}
article.story,tr,section.topic>h3{break-inside:avoid;page-break-inside:avoid}
h2{break-after:avoid}a{color:#000;text-decoration:none}.table{overflow:visible}}
"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _kf_html(kf: "StoryFigure") -> str:
    pre, fig, post = _split_figure(kf.text, kf.figure)
    body = f"{_e(pre)}<strong class=\"fig\">{_e(fig)}</strong>{_e(post)}" if fig else _e(kf.text)
    also = f" (also in {_e(', '.join(kf.also_in))})" if kf.also_in else ""
    return f"<li>{body} <span class=\"src\">— {_e(kf.source)}{also}</span></li>"


def _story_html(story: "Story", label: str) -> list[str]:
    out = [f'<article class="story" id="story-{story.id}">', f"<h3>{story.id}. {_e(story.title)}</h3>",
           f"<p>{_e(story.summary) or '<em>(no summary)</em>'}</p>"]
    if story.key_figures:
        out += ["<p><strong>Key figures</strong></p>", "<ul>"] + [_kf_html(kf) for kf in story.key_figures] + ["</ul>"]
    sources = []
    for s in story.sources:
        text = _e(s.path)
        if s.url and s.url.lower().startswith(("http://", "https://")):  # never javascript: etc.
            text = f'<a href="{_e(s.url)}">{text}</a>'
        if s.copies:
            text += f" (same text as {_e(', '.join(s.copies))})"
        sources.append(text)
    meta = [f"Summary from {_e(story.summary_source)}",
            f"{'Sources' if len(story.sources) > 1 else 'Source'}: {'; '.join(sources)}"]
    if story.related:
        rel = ", ".join(f'<a href="#story-{r}">story {r}</a>' for r in story.related)
        meta.append(f"Related: {rel}" + (f" (topic: {_e(label)})" if label else ""))
    out += [f'<p class="src">{" · ".join(meta)}</p>', "</article>"]
    return out


def digest_html(digest: "Digest") -> str:
    """The digest as one self-contained HTML page (no external assets)."""
    meta = [f"folder {digest.folder}", f"engine {digest.engine}" + (f" ({digest.model})" if digest.model else "")]
    if digest.since:
        meta.append(f"articles first seen since {digest.since}")
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>News digest {_e(digest.date)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>News digest {_e(digest.date)}</h1>",
        f'<p class="meta">{_e(" · ".join(meta))}</p>',
        '<section id="situation">',
        "<h2>The night in brief</h2>",
        f'<p class="headline">{_e(digest.headline)}</p>',
    ]
    if digest.situation:
        out.append("<ul>")
        for item in digest.situation:
            title = f"<strong>{_e(item.title)}</strong>: " if item.title else ""
            out.append(f'<li>{title}{_e(item.text)} '
                       f'<span class="src">(<a href="#story-{item.story}">story {item.story}</a>; {_e(item.source)})</span></li>')
        out.append("</ul>")
    out.append("</section>")
    if digest.stories:
        out += ['<section id="stories">', "<h2>Stories</h2>"]
        by_id = {s.id: s for s in digest.stories}
        for topic in digest.topics:
            if len(topic.stories) > 1:
                out += [f'<section class="topic" id="topic-{topic.id}">',
                        f'<h3 class="topic-label">Topic: {_e(topic.label or "related stories")}</h3>']
            for sid in topic.stories:
                out += _story_html(by_id[sid], topic.label)
            if len(topic.stories) > 1:
                out.append("</section>")
        out.append("</section>")
    if digest.figures:
        out += ['<section id="figures">', "<h2>Key figures</h2>", '<div class="table"><table>',
                '<thead><tr><th>Figure</th><th>Context</th><th class="n">Story</th><th>Source</th></tr></thead>', "<tbody>"]
        for row in digest.figures:
            out.append(f'<tr><td><strong class="fig">{_e(row.figure)}</strong></td><td>{_e(row.text)}</td>'
                       f'<td class="n"><a href="#story-{row.story}">{row.story}</a></td><td>{_e(row.source)}</td></tr>')
        out += ["</tbody>", "</table></div>", "</section>"]
    out += ['<section id="counts">', "<h2>Counts</h2>", '<div class="table"><table>', "<tbody>"]
    out += [f'<tr><th>{_e(label)}</th><td class="n">{n}</td></tr>' for label, n in _counts_rows(digest)]
    out += ["</tbody>", "</table></div>"]
    if digest.failures:
        out += ["<h3>Failed files</h3>", "<ul>"]
        out += [f"<li><code>{_e(f.source)}</code>: {_e(f.reason)}</li>" for f in digest.failures]
        out.append("</ul>")
    out += ["</section>", "</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def digest_json(digest: "Digest") -> str:
    # one object a line per story keeps the file readable; the C encoder (no indent) keeps it fast
    d = digest.to_dict()
    stories = d.pop("stories")
    head = json.dumps(d, ensure_ascii=False)[:-1]
    body = ",\n".join(json.dumps(s, ensure_ascii=False) for s in stories)
    return f'{head}, "stories": [\n{body}\n]}}\n' if stories else json.dumps({**d, "stories": []}, ensure_ascii=False) + "\n"


def render_digest(digest: "Digest", fmt: str = "md") -> str:
    """The digest in format `fmt` (md, html or json)."""
    if fmt == "md":
        return digest_markdown(digest)
    if fmt == "html":
        return digest_html(digest)
    if fmt == "json":
        return digest_json(digest)
    raise UsageError(f"Unknown format. Possible values are: {', '.join(FORMATS)}. Given: {fmt}")
