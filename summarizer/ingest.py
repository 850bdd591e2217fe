"""Ingest: turn files, folders and stdin into clean articles.

Every input becomes either an :class:`Article` (cleaned body text plus whatever
title/url/date the format carries) or an :class:`IngestFailure` with a one-line
reason. :func:`iter_articles` never raises for bad input; :func:`read_article`
raises :class:`~summarizer.errors.InputError` instead.

Formats: plain text, Markdown, HTML (main text via trafilatura), JSON (an object
or a list of objects) and JSON Lines. :func:`clean_text` removes boilerplate
(bylines, timestamps, "Scroll down for video", share/follow/newsletter prompts,
copyright and cookie notices...) and repeated paragraphs and sentences.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TextIO

from .errors import InputError
from .text import normalize_key, normalize_ws, split_sentences

__all__ = [
    "Article",
    "IngestFailure",
    "iter_articles",
    "iter_article_files",
    "read_article",
    "article_from_text",
    "clean_text",
    "DEFAULT_MAX_BYTES",
    "ARTICLE_EXTENSIONS",
]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# extension -> format
_EXT_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
ARTICLE_EXTENSIONS = frozenset(_EXT_FORMATS)
_NO_ARTICLES = "no articles found (looked for .txt, .md, .html, .json, .jsonl)"

_TEXT_FIELDS = ("text", "body", "content", "article")
_TITLE_FIELDS = ("title", "headline")
_URL_FIELDS = ("url", "link")
_DATE_FIELDS = ("published", "date", "published_at", "publishedAt", "pubDate", "date_published")
_WRAPPER_FIELDS = ("articles", "items", "data", "records", "results")

_SNIFF_BYTES = 8192


# --------------------------------------------------------------------------- data


@dataclass
class Article:
    """One cleaned article."""

    text: str
    source: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """sha256 of the normalised text: equal for renamed copies and whitespace-only changes."""
        return hashlib.sha256(normalize_key(self.text).encode("utf-8")).hexdigest()


@dataclass
class IngestFailure:
    """An input that could not become an article, with a one-line reason."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class _Fail(Exception):
    """Internal: carries a failure reason up to the iterator."""

    def __init__(self, reason: str, source: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.source = source


# --------------------------------------------------------------------------- cleaning

# Timestamp as DailyMail/BBC print it: "12:01 EST, 3 March 2015", "09:22 GMT", "3 March 2015".
_TZ = r"(?:GMT|BST|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|CET|CEST|AEST|AEDT|ET|PT)"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
_TIME = rf"(?:\d{{1,2}}[:.]\d{{2}}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*{_TZ})?)"
_STAMP = rf"(?:{_TIME}(?:\s*[,.]?\s*(?:on\s+)?{_DATE})?|{_DATE}(?:\s*[,.]?\s*(?:at\s+)?{_TIME})?)"
# A name token: "John", "JOHN", "O'Neill", "Smith-Jones", "J." ...
_NAME = r"(?:[A-Z][\w'’-]*\.?|[a-z]{1,3}(?=\s+[A-Z]))"  # lower-case particles: de, van, von
_NAMES = rf"{_NAME}(?:\s+{_NAME}){{0,4}}"

# (trigger substrings (lower-case), regex, replacement). The trigger is a cheap `in`
# test so that the regex runs only on the few paragraphs that can match it.
_INLINE_RULES: list[tuple[tuple[str, ...], re.Pattern[str]]] = [
    # DailyMail header: "By . Sam Webb . PUBLISHED: . 12:01 EST, 3 March 2015 . | . UPDATED: . 14:22 EST, 3 March 2015 ."
    (
        ("published:", "updated:"),
        re.compile(
            rf"(?:\bBy\s+(?:\.\s*)?{_NAMES}(?:\s*(?:,|and|&)\s+{_NAMES})*(?:\s+(?:for|in)\s+{_NAMES})?[\s.]*)?"
            rf"(?:\|[\s.]*)?(?:PUBLISHED|UPDATED|Published|Updated|Last updated):[\s.]*{_STAMP}"
            rf"(?:[\s.]*\|?[\s.]*(?:UPDATED|Updated|Last updated):[\s.]*{_STAMP})?[\s.|]*"
        ),
    ),
    # Dotted DailyMail byline without a timestamp: "By . Daily Mail Reporter . "
    (
        ("by .",),
        re.compile(
            rf"\bBy\s+\.\s+{_NAMES}(?:\s*(?:,|and|&)\s+{_NAMES})*(?:\s+(?:for|in)\s+{_NAMES})?\s*\.(?:\s+|$)"
        ),
    ),
    # BBC: "18 March 2014 Last updated at 09:22 GMT"
    (
        ("last updated",),
        re.compile(rf"(?:{_DATE}\s*)?\bLast updated(?:\s+(?:at|on))?:?\s*{_STAMP}[\s.|]*", re.I),
    ),
    (("scroll down",), re.compile(r"\bScroll down (?:for (?:the )?videos?|to (?:see|watch|view) (?:the )?videos?)\b[\s.:]*", re.I)),
    # BBC; scraped text glues it to the next sentence ("...on this deviceMuir told BBC Scotland").
    (("media playback",), re.compile(r"\bMedia playback is (?:not supported|unsupported) on (?:this|your) device(?-i:(?![a-z]))[\s.]*", re.I)),
    # A wire dateline opening a paragraph: "(CNN)They may...", "LONDON, England (CNN) -- ...",
    # "WASHINGTON (Reuters) - ...": an upper-case place, the agency, then a dash or the glued
    # first word. "The Associated Press (AP) said" is a sentence, and "(AP) -5C" keeps its sign.
    (
        ("(cnn)", "(reuters)", "(ap)", "(afp)"),
        re.compile(r"^(?:[A-Z][A-Z.'’ -]*[A-Z.](?:,\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?\s+)?\((?:CNN|Reuters|AP|AFP)\)"
                   r"(?:\s*(?:--|—|–)\s*|\s+-\s+|(?=[A-Z‘“'\"]))"),
    ),
    # Any agency after an upper-case place and a date: "HAMBURG, March 12 (Example Wire) – ...".
    (
        (") –", ") -", ") —", ")–", ")—"),
        re.compile(r"^[A-Z][A-Z.'’ -]*[A-Z.](?:,\s+[A-Z][a-z]+\.?(?:\s+\d{1,2})?)?\s+\([A-Z][\w .&’'-]{0,40}\)"
                   r"\s*(?:--|—|–|-)\s+"),
    ),
    (
        ("share this", "share or comment"),
        re.compile(
            r"\bShare (?:this (?:article|story|page|post)|or comment on this (?:article|story))\b[\s.:]*"
            r"|\bShare this(?: with)?(?:\s*(?:Email|Facebook|Messenger|Twitter|Pinterest|WhatsApp|LinkedIn|Reddit|X))+\s*(?:Copy this link)?",
            re.I,
        ),
    ),
    (("click here",), re.compile(r"\bClick here (?:to|for)\b[^.!?\n]*(?:[.!?]+|$)\s*", re.I)),
    (
        ("follow @", " on twitter", " on instagram", " on facebook", " on x", " on threads", " on bluesky"),
        re.compile(
            r"\bFollow (?:us |me |him |her )?(?:@\w+|(?:[A-Z][\w.'’-]*\s+){1,3}on (?:Twitter|X|Facebook|Instagram|Threads|Bluesky))"
            r"[^.!?\n]*(?:[.!?]+|$)\s*"
        ),
    ),
    (
        ("newsletter",),
        re.compile(r"\b(?:Sign up|Subscribe)\b[^.!?\n]{0,120}?\bnewsletters?\b[^.!?\n]*(?:[.!?]+|$)\s*", re.I),
    ),
    (
        ("rights reserved", "copyright", "©"),
        re.compile(
            r"(?:(?:©|\(c\)|\bCopyright\b)\s*(?:©|\(c\))?\s*\d{4}(?:\s*[-–]\s*\d{4})?[^.!?\n]{0,80}?(?:\.\s*|$|(?=\s*All rights)))?"
            r"\bAll rights reserved\b\.?\s*"
            r"|(?:©|\bCopyright\s*(?:©|\(c\)))\s*\d{4}(?:\s*[-–]\s*\d{4})?(?:\s+[A-Z][\w&.'’-]*){0,5}\.?\s*",
            re.I,
        ),
    ),
    (
        ("image copyright", "image source", "image caption"),
        re.compile(
            r"\bImage (?:copyright|source)\s+(?:[A-Z][\w&.'’/-]*\s*){1,4}"
            r"|\bImage caption\s+",
        ),
    ),
    (
        ("getty",),
        re.compile(
            r"\(\s*(?:(?:Photo|Picture|Image|Credit)s?(?: credit)?\s*:\s*)?[^()]{0,40}Getty(?: Images)?[^()]{0,20}\)"
            r"|(?:\b(?:Photo|Picture|Image|Credit)s?(?: credit)?\s*:\s*)?(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?\s*/\s*)?\bGetty Images\b"
            r"(?=\s*(?:$|[A-Z\"“‘(]))[\s.]*"
        ),
    ),
    (
        ("originally published", "first published", "originally appeared", "first appeared"),
        re.compile(
            r"\b(?:This|The) (?:article|story|post|piece|essay)(?: was| is)? (?:originally|first) (?:published|appeared)\b[^\n]*?(?:[.!?](?=\s|$)|$)\s*"
            r"|\bA version of this (?:article|story) (?:originally |first )?(?:appeared|was published)\b[^\n]*?(?:[.!?](?=\s|$)|$)\s*",
            re.I,
        ),
    ),
    (
        ("cookie", "by continuing to"),
        # the whole sentence that mentions them; anchored at sentence starts so the scan stays linear
        re.compile(
            r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’]\s))[^.!?\n]*?\b(?:we use cookies|(?:site|website|page) uses cookies|use of cookies"
            r"|cookie (?:policy|settings|preferences|notice)|accept (?:all )?cookies|uses? cookies to"
            r"|by continuing to (?:use|browse|visit)\b[^.!?\n]*\b(?:agree|consent|accept)|you (?:agree|consent) to (?:our|the) use of)\b[^.!?\n]*(?:[.!?]+|$)\s*",
            re.I,
        ),
    ),
]

# Paragraphs that are boilerplate as a whole (matched against the whole paragraph).
_LINE_BOILERPLATE = re.compile(
    "|".join(
        [
            # bylines: "By John Smith", "By JOHN SMITH and JANE DOE", "By Jane Doe, Political Editor"
            rf"By:?\s+(?:\.\s*)?{_NAMES}(?:\s*(?:,|and|&)\s+{_NAMES})*(?:\s*(?:,|\||-|–|—|for|in|at)\s*{_NAMES})*\s*\.?",
            r"(?:Advertisement|Advertising|Sponsored(?: content)?|Related (?:articles|stories|content|coverage)|Most (?:read|popular)"
            r"|Share|Share this|Share on \w+|Comments?|Print|Email|Video|Watch(?: the)? video|Listen|Skip to (?:main )?content"
            r"|Top stories|Trending|More from \w+(?: \w+)?)\s*[:.]?",
            r"(?:Read|See) (?:more|also)(?:\s*:.{0,160}|\s+(?:from|about|on|at|here)\b.{0,160}|\s*\.{0,3})",
            rf"(?:Published|Updated|Last updated|Posted|First published)(?:\s+(?:on|at))?:?[\s.]*{_STAMP}"
            rf"(?:[\s.]*[|,]?[\s.]*(?:Updated|Last updated|UPDATED)(?:\s+(?:on|at))?:?[\s.]*{_STAMP})?[\s.]*",
            r"(?:Copyright|©|\(c\))\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?(?:\s*[A-Z][\w&.,'’-]*){0,6}\.?(?:\s*All rights reserved\.?)?",
            r"(?:(?:Photo|Picture|Image|Credit)s?(?: credit)?\s*:\s*)?(?:[A-Z][\w.'’-]*\s*/\s*)?(?:Getty Images|AFP|AP|Reuters|PA|EPA|Shutterstock|Alamy)(?:\s*/\s*[A-Z][\w.'’-]*)*\.?",
            r"(?:(?:Photo|Picture|Image|Credit)s?(?: credit)?\s*:\s*).{1,60}",
        ]
    ),
)
_LINE_BOILERPLATE_MAX = 220  # chars; longer paragraphs are never dropped whole

# "...in 2014.The next" (BBC/XSum text lost the space between sentences). The pattern
# starts with the punctuation so that the scan fails fast at almost every position.
_MISSING_SPACE = re.compile(r"[.!?](?<=[a-z0-9%)][.!?])(?=[\"“‘]?[A-Z][a-z])|[\"”’](?<=[a-z][.!?][\"”’])(?=[A-Z][a-z])")
_BULLET = re.compile(r"^\s*(?:[-*+•·–]|\d{1,3}[.)])\s+")
_TERMINAL = ('.', '!', '?', ':', ';', '"', '”', '’', "'", ')')
_BLANK_LINES = re.compile(r"\n\s*\n")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

_MIN_DEDUPE_WORDS = 6  # shorter sentences ("Yes.", "PREDICTION: Home win.") are never dropped as repeats


def _split_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: blank-line separated; inside a block, either one
    paragraph per line (long lines, as news text files usually are) or hard-wrapped
    lines that are joined back (short lines mostly not ending a sentence)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for block in _BLANK_LINES.split(text):
        lines = [ln.strip() for ln in block.split("\n")]
        lines = [ln for ln in lines if ln]
        if not lines:
            continue
        if len(lines) == 1:
            out.append(lines[0])
            continue
        head = lines[:-1]
        wrapped = max(map(len, head)) <= 100 and sum(not ln.endswith(_TERMINAL) for ln in head) * 2 >= len(head)
        if not wrapped:
            out.extend(lines)
            continue
        cur: list[str] = []
        for ln in lines:
            if cur and _BULLET.match(ln):
                out.append(" ".join(cur))
                cur = []
            cur.append(ln)
        out.append(" ".join(cur))
    return out


def _strip_inline(par: str) -> str:
    low = par.lower()
    for triggers, rx in _INLINE_RULES:
        for t in triggers:
            if t in low:
                par = rx.sub(" ", par)
                low = par.lower()
                break
    return par


def _clean_paragraphs(paragraphs: Iterable[str]) -> list[str]:
    seen_par: set[str] = set()
    seen_sent: set[str] = set()
    out: list[str] = []
    for par in paragraphs:
        if _ZERO_WIDTH.search(par):
            par = _ZERO_WIDTH.sub("", par)
        par = _MISSING_SPACE.sub(r"\g<0> ", par)
        par = normalize_ws(_strip_inline(par))
        if not par or (len(par) <= _LINE_BOILERPLATE_MAX and _LINE_BOILERPLATE.fullmatch(par)):
            continue
        # strip stray separators left by inline removals ("| .", leading ". ")
        par = par.strip(" .|")  if par[0] in ".|" else par
        if not par:
            continue
        sents = split_sentences(par)
        keys = [normalize_key(s) for s in sents]
        pkey = " ".join(keys)
        if pkey in seen_par:
            continue
        seen_par.add(pkey)
        kept = []
        for s, k in zip(sents, keys):
            if k.count(" ") >= _MIN_DEDUPE_WORDS - 1:
                if k in seen_sent:
                    continue
                seen_sent.add(k)
            kept.append(s)
        if kept:
            out.append(" ".join(kept))
    return out


def clean_text(text: str) -> str:
    """Boilerplate removal and de-duplication used by every format.

    Paragraphs are returned separated by a blank line, whitespace inside each
    collapsed to single spaces. Repeated paragraphs and repeated sentences (compared
    with :func:`normalize_key`) keep only their first occurrence.
    """
    return "\n\n".join(_clean_paragraphs(_split_paragraphs(text)))


# --------------------------------------------------------------------------- formats

_TITLE_END = (".", "!", "?", ",", ";", ":")


def _text_article(text: str, source: str, title: str | None = None) -> Article:
    paragraphs = _split_paragraphs(text)
    if title is None and len(paragraphs) >= 3:
        first = paragraphs[0]
        # a short first line without sentence punctuation, on its own, is the headline
        first_line = text.lstrip().split("\n", 1)[0].strip()
        if (
            first == first_line
            and len(first.split()) <= 20
            and not first.endswith(_TITLE_END)
            and not _BULLET.match(first)
            and not _LINE_BOILERPLATE.fullmatch(first)
        ):
            title = normalize_ws(first)
            paragraphs = paragraphs[1:]
    return Article(text="\n\n".join(_clean_paragraphs(paragraphs)), source=source, title=title)


# Markdown
_MD_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_MD_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_FENCE = re.compile(r"^[ \t]*(```|~~~).*?(?:^[ \t]*\1[^\n]*$|\Z)", re.S | re.M)
_MD_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
_MD_LINK = re.compile(r"\[([^\]]+)\](?:\((?:[^()]|\([^)]*\))*\)|\[[^\]]*\])")
_MD_REFDEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:\s+\S.*$", re.M)
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_MD_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_MD_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_MD_SETEXT = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")
_MD_RULE = re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
_MD_EMPH = re.compile(r"(\*\*\*|\*\*|\*|___|__|_|~~)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_MD_CODE = re.compile(r"`+([^`]+)`+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_FRONT_KEY = re.compile(r"^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$")


def _md_inline(s: str) -> str:
    s = _MD_IMAGE.sub("", s)
    s = _MD_LINK.sub(r"\1", s)
    s = _MD_AUTOLINK.sub(r"\1", s)
    s = _MD_TAG.sub("", s)
    s = _MD_CODE.sub(r"\1", s)
    for _ in range(2):  # nested emphasis: ***x*** or **_x_**
        s = _MD_EMPH.sub(r"\2", s)
    return _MD_ESCAPE.sub(r"\1", s)


def _markdown_article(text: str, source: str) -> Article:
    meta: dict[str, str] = {}
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    m = _MD_FRONT.match(text)
    if m:
        for line in m.group(1).split("\n"):
            km = _FRONT_KEY.match(line)
            if km and km.group(2):
                # one line, whitespace collapsed ("\u2028" or "\v" would break a line downstream)
                meta[km.group(1).lower()] = normalize_ws(km.group(2).strip("'\""))
        text = text[m.end():]
    text = _MD_COMMENT.sub("", text)
    text = _MD_FENCE.sub("", text)
    text = _MD_REFDEF.sub("", text)

    title = meta.get("title") or meta.get("headline")
    paragraphs: list[str] = []
    cur: list[str] = []

    def flush() -> None:
        if cur:
            paragraphs.append(" ".join(cur))
            cur.clear()

    h1_seen = False
    lines = text.split("\n")
    for i, raw in enumerate(lines):
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not cur and nxt.strip() and _MD_SETEXT.match(nxt) and not _BULLET.match(line):
            # setext heading: "Title\n=====" (h1) or "Sub\n-----"
            heading = normalize_ws(_md_inline(line))
            if nxt.strip().startswith("=") and not h1_seen:
                h1_seen = True
                title = title or heading or None
            elif heading:
                paragraphs.append(heading)
            lines[i + 1] = ""
            continue
        if _MD_RULE.match(line) or _MD_TABLE_SEP.match(line) or line.lstrip().startswith("|"):
            flush()
            continue
        hm = _MD_HEADING.match(line)
        if hm:
            flush()
            heading = normalize_ws(_md_inline(hm.group(2)))
            if len(hm.group(1)) == 1 and not h1_seen:
                # the first "# " heading is the title (front matter's title wins if both)
                h1_seen = True
                title = title or heading or None
            elif heading:
                paragraphs.append(heading)
            continue
        line = _MD_QUOTE.sub("", line)
        if _BULLET.match(line):
            flush()
            line = _BULLET.sub("", line, count=1)
        cur.append(_md_inline(line.strip()))
    flush()
    art = Article(text="\n\n".join(_clean_paragraphs(paragraphs)), source=source, title=title)
    art.url = meta.get("url") or meta.get("link") or None
    art.published = meta.get("published") or meta.get("date") or None
    return art


# HTML
_HTML_ENOUGH = 250  # chars of main text that make a page "found"


def _html_article(text: str, source: str) -> Article:
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    warnings: list[str] = []
    kwargs = dict(include_comments=False, include_tables=False, include_images=False, with_metadata=True)
    # Fast precision mode first (no fallback extractors: ~1 ms cheaper a page); the slower
    # mode with trafilatura's fallback extractors only when that finds little. (Recall
    # mode is never used: it lets navigation links through.)
    texts = []
    doc = None
    for mode in (dict(fast=True), dict()):
        try:
            got = trafilatura.bare_extraction(text, favor_precision=True, **mode, **kwargs)
        except Exception as exc:  # trafilatura/lxml raise on malformed input
            if mode:
                continue
            if doc is None:
                raise _Fail(f"cannot parse HTML ({type(exc).__name__})") from exc
            break
        got_text = ((got and got.text) or "").strip()
        texts.append(got_text)
        if got_text and (doc is None or len(got_text) > len(doc.text.strip())):
            # a fallback-only find must look like prose, not a lone "Home" link
            if doc is None and not mode and not texts[0] and len(got_text.split()) < 5:
                break
            doc = got
        if doc is not None and len(doc.text.strip()) >= _HTML_ENOUGH:
            break
    if doc is None or not (doc.text or "").strip():
        raise _Fail("no text (no main content found in the HTML page)")
    paragraphs = [ln for ln in doc.text.split("\n") if ln.strip()]
    body = "\n\n".join(_clean_paragraphs(paragraphs))
    title = normalize_ws(doc.title) if doc.title else None
    return Article(text=body, source=source, title=title or None, url=doc.url or None,
                   published=doc.date or None, warnings=warnings)


# JSON
def _first_str(obj: dict, names: tuple[str, ...]) -> str | None:
    """The first of the fields `names` holding a string or number, on one line (title, url, date)."""
    for name in names:
        v = obj.get(name)
        if isinstance(v, str) and v.strip():
            # one line: a title holding "\n# X" must not become a Markdown heading downstream
            return normalize_ws(v)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return str(v)
    return None


def _json_record(obj: object, source: str) -> Article:
    if not isinstance(obj, dict):
        raise _Fail(f"expected a JSON object, got {_json_type(obj)}")
    text = None
    present = False
    for name in _TEXT_FIELDS:
        if name in obj:
            present = True
            v = obj[name]
            if isinstance(v, list) and all(isinstance(x, str) for x in v):
                v = "\n\n".join(v)
            if isinstance(v, str) and v.strip():
                text = v
                break
    if text is None:
        if present:
            raise _Fail("empty text field")
        raise _Fail("no text field (looked for " + ", ".join(_TEXT_FIELDS) + ")")
    fmt = _sniff_format(text[:_SNIFF_BYTES]) if "<" in text[:2000] else "text"
    title = _first_str(obj, _TITLE_FIELDS)
    if fmt == "html":
        art = _html_article(text, source)
        art.title = title or art.title
    else:
        art = _text_article(text, source, title=title or "")
        art.title = title
    art.url = _first_str(obj, _URL_FIELDS) or art.url
    art.published = _first_str(obj, _DATE_FIELDS) or art.published
    if not art.text:
        raise _Fail("no text after removing boilerplate")
    return art


def _safe_record(obj: object, source: str) -> Article | IngestFailure:
    try:
        return _json_record(obj, source)
    except _Fail as exc:
        return IngestFailure(source, exc.reason)
    except Exception as exc:  # one bad record must not lose the rest of the file
        return IngestFailure(source, _unexpected(exc))


def _unexpected(exc: Exception) -> str:
    return f"unexpected error ({type(exc).__name__}: {normalize_ws(str(exc))[:200]})"


def _json_type(obj: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(obj), "a number"
    )


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"


def _iter_json(text: str, source: str) -> Iterator[Article | IngestFailure]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # a .json file that is really JSON Lines
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            yield from _iter_jsonl(text, source)
            return
        yield IngestFailure(source, _json_error(exc))
        return
    if isinstance(data, dict) and not any(k in data for k in _TEXT_FIELDS):
        for key in _WRAPPER_FIELDS:  # {"articles": [...]} as news APIs return
            if isinstance(data.get(key), list):
                data = data[key]
                break
    records = data if isinstance(data, list) else [data]
    if not records:
        yield IngestFailure(source, "no articles (empty JSON list)")
        return
    for n, obj in enumerate(records, 1):
        rsource = f"{source}#{n}"
        yield _safe_record(obj, rsource)


def _iter_jsonl(text: str, source: str) -> Iterator[Article | IngestFailure]:
    any_record = False
    for n, line in enumerate(text.split("\n"), 1):
        line = line.strip()
        if not line:
            continue
        any_record = True
        rsource = f"{source}#{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestFailure(rsource, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        yield _safe_record(obj, rsource)
    if not any_record:
        yield IngestFailure(source, "no text")


# --------------------------------------------------------------------------- bytes -> text

_MAGIC: list[tuple[bytes, int, str]] = [
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image"),
    (b"\xff\xd8\xff", 0, "JPEG image"),
    (b"GIF87a", 0, "GIF image"),
    (b"GIF89a", 0, "GIF image"),
    (b"%PDF-", 0, "PDF document"),
    (b"PK\x03\x04", 0, "ZIP archive"),
    (b"PK\x05\x06", 0, "ZIP archive"),
    (b"PK\x07\x08", 0, "ZIP archive"),
    (b"\x1f\x8b", 0, "gzip archive"),
    (b"\x7fELF", 0, "ELF executable"),
    (b"BZh", 0, "bzip2 archive"),
    (b"\xfd7zXZ\x00", 0, "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "Microsoft Office document (.doc/.xls)"),
    (b"SQLite format 3\x00", 0, "SQLite database"),
    (b"MZ", 0, "Windows executable"),
    (b"ID3", 0, "MP3 audio"),
    (b"OggS", 0, "Ogg media"),
    (b"\x00\x00\x01\x00", 0, "icon image"),
    (b"ftyp", 4, "MP4/MOV video"),
    (b"\x1aE\xdf\xa3", 0, "Matroska/WebM video"),
    (b"wOFF", 0, "web font"),
    (b"\xca\xfe\xba\xbe", 0, "Java class file"),
]
_OOXML = {b"word/": "Word document (.docx, a ZIP archive)", b"xl/": "Excel workbook (.xlsx, a ZIP archive)",
          b"ppt/": "PowerPoint file (.pptx, a ZIP archive)"}
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]


def _sniff_binary(head: bytes) -> str | None:
    """What kind of binary file `head` starts, or None for (probably) text."""
    for bom, _ in _BOMS:
        if head.startswith(bom):
            return None
    for magic, offset, kind in _MAGIC:
        if head[offset:offset + len(magic)] == magic:
            if kind == "Windows executable" and b"\x00" not in head[:256]:
                continue  # text starting with "MZ"
            if kind == "MP4/MOV video" and b"\x00" not in head[:4]:
                continue
            if kind == "ZIP archive":
                for marker, name in _OOXML.items():
                    if marker in head:
                        return name
            return kind
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[head[8:12]]
    if b"\x00" in head[:_SNIFF_BYTES]:
        return "contains NUL bytes"
    return None


def _decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes -> str: UTF-8 (BOM or not), other BOMs, then charset detection."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                break
            return (text, []) if enc == "utf-8-sig" else (text, [f"decoded as {enc.replace('-le', '').replace('-be', '')} (not UTF-8)"])
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    mixed = _mostly_utf8(data)
    if mixed is not None:  # UTF-8 with a few stray bytes (a cp1252 quote pasted in): keep the UTF-8
        return mixed, [f"not valid UTF-8: {mixed.count(chr(0xFFFD))} undecodable byte(s) replaced"]
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:2 * 1024 * 1024] if len(data) > 2 * 1024 * 1024 else data)
    best = matches.best()
    if best is None:
        raise _Fail("cannot decode text (not UTF-8 and no encoding detected)")
    # Short Western text is ambiguous (cp1250 vs cp1252 differ in a few letters): news
    # feeds are mostly cp1252, so prefer it whenever it reads at least as cleanly.
    choice = best
    if best.encoding not in ("cp1252", "utf_8", "ascii"):
        for m in matches:
            if m.encoding == "cp1252" and m.chaos <= best.chaos and m.coherence >= best.coherence:
                choice = m
                break
    enc = choice.encoding
    # Bytes that read as plain Western text are cp1252 when the detector chose a DOS look-alike
    # (cp775, cp437, cp850...), found no language at all, or when their only non-ASCII
    # characters would be cp1252's signs and quotes ("£2.3m" is no Polish "Ł2.3m"). The
    # detector's chaos score is then not that of the cp1252 reading: _garbage checks the text.
    if enc not in ("cp1252", "utf_8", "ascii"):
        western = _western_reading(data)
        if western is not None and (enc in _DOS_LOOKALIKES or not choice.coherence or not western):
            enc = "cp1252"
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        raise _Fail("cannot decode text (not UTF-8 and no encoding detected)") from None
    if (choice.chaos > 0.3 and enc != "cp1252") or _garbage(text):
        raise _Fail("cannot decode text (not UTF-8 and no encoding detected)")
    return text, [f"decoded as {enc.replace('_', '-')} (not UTF-8)"]


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mostly_utf8(data: bytes) -> str | None:
    """The UTF-8 reading of bytes that are UTF-8 but for a few stray bytes, else None.

    A detector would read such text as one legacy code page and turn "20°C" into "20Â°C";
    the stray bytes become U+FFFD, and a figure beside one is never taken as stated
    (figures.check_figures), so the guard drops it from a brief with a warning.
    """
    if not _UTF8_MULTIBYTE.search(data):
        return None
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return text if bad <= max(3, len(data) // 200) else None


# What cp1252 bytes decode to in Western news: accented letters, currency signs, typographic
# quotes and dashes. Cyrillic or Greek text decoded as cp1252 gives runs of accented letters
# ("Ïðèâåò"), and Polish gives signs such as ³ or ¹; such text is not read as cp1252 here.
_WESTERN = frozenset("€£¥©®°±½¼¾§¶·•…‘’“”„‚–—«»‹›´¨ªº¿¡\xa0" "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœŒšŠžŽ")


# DOS code pages a detector picks for short Western text; news is not written in them.
_DOS_LOOKALIKES = frozenset("cp437 cp737 cp775 cp850 cp852 cp855 cp857 cp858 cp860 cp861 cp862 cp863 cp864 "
                            "cp865 cp866 cp869 cp1125".split())


def _western_reading(data: bytes) -> int | None:
    """None unless the bytes read cleanly as Western cp1252 text; else how many accented letters
    that reading has (0: its only non-ASCII characters are signs, quotes and dashes).

    Detection on short text is a guess between look-alike code pages; this settles it for
    cp1252, the usual legacy encoding of news feeds.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    odd = [i for i, c in enumerate(text) if ord(c) > 127]
    if not odd or any(text[i] not in _WESTERN for i in odd):
        return None
    letters = [i for i in odd if text[i].isalpha()]
    runs = sum(1 for i in letters if (i + 1 < len(text) and ord(text[i + 1]) > 127 and text[i + 1].isalpha()))
    return len(letters) if runs <= 0.2 * len(letters) else None


def _garbage(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0x7F <= ord(ch) < 0xA0 or ch == "\ufffd")
    return bad / len(sample) > 0.01


# --------------------------------------------------------------------------- sniffing

_HTML_SNIFF = re.compile(r"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<(?:p|div|article|section|h1|br)[\s>/]", re.I)
_MD_SNIFF = re.compile(r"^#{1,6} \S|\[[^\]]+\]\([^)]+\)|^```|^\*\*[^*]+\*\*|^---\n(?:\w+:.*\n)+---", re.M)


_MD_MARKS = ("#", "](", "```", "**", "---")  # what _MD_SNIFF needs at least one of


def _sniff_format(head: str) -> str:
    s = head.lstrip("\ufeff \t\r\n")
    if s.startswith("<") and _HTML_SNIFF.search(s[:4000]):
        return "html"
    if s.startswith("{"):
        first = s.split("\n", 1)[0].strip()
        if first.endswith("}") and "\n{" in s.replace("\r", ""):
            return "jsonl"
        return "json"
    if s.startswith("["):
        rest = s[1:].lstrip()
        if rest.startswith(("{", "]")):
            return "json"
    head = s[:4000]
    if "<" in head and _HTML_SNIFF.search(head) and s.count("<") > 10 and s.count("</") > 3:
        return "html"
    if any(mark in head for mark in _MD_MARKS) and _MD_SNIFF.search(head):
        return "markdown"
    return "text"


def _articles_from_text(text: str, source: str, fmt: str) -> Iterator[Article | IngestFailure]:
    if fmt == "json":
        yield from _iter_json(text, source)
        return
    if fmt == "jsonl":
        yield from _iter_jsonl(text, source)
        return
    if fmt == "html":
        art = _html_article(text, source)
    elif fmt == "markdown":
        art = _markdown_article(text, source)
    else:
        art = _text_article(text, source)
    if not art.text:
        raise _Fail("no text after removing boilerplate")
    yield art


# --------------------------------------------------------------------------- files


def _fmt_size(n: int, exact: bool = False) -> str:
    mb = 1024 * 1024
    if n >= mb:
        v = n / mb
        return f"{v:g} MB" if exact and v == int(v) else f"{v:.1f} MB"
    if n >= 1024:
        v = n / 1024
        return f"{v:g} KB" if exact and v == int(v) else f"{v:.1f} KB"
    return f"{n} bytes"


def _too_big(size: int, max_bytes: int) -> str:
    what, limit = _fmt_size(size), _fmt_size(max_bytes, exact=True)
    if what == limit or what == _fmt_size(max_bytes):
        what, limit = f"{size} bytes", f"{max_bytes} bytes"
    return f"file is {what}; the limit is {limit} (--max-bytes)"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return (exc.strerror or str(exc) or type(exc).__name__).lower()


_SPECIAL_FILES = (
    (stat.S_ISFIFO, "named pipe"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode cannot be read as an article, or None for a regular file.

    Only regular files are read: a named pipe blocks until something writes to it (a nightly
    run would hang), and a device may never end (/dev/zero) or block (a terminal)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    kind = next((name for test, name in _SPECIAL_FILES if test(mode)), "special file")
    return f"not a regular file ({kind})"


def _open_nonblocking(path: str, flags: int) -> int:
    # Should the path have become a named pipe since it was checked with stat, opening it
    # returns at once instead of waiting for a writer, and the fstat in _read_file rejects it.
    # On a regular file O_NONBLOCK changes nothing.
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _read_file(path: str, max_bytes: int) -> bytes:
    """The bytes of the regular file `path`, checking type and size with stat before reading."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _Fail(_os_reason(exc)) from None
    reason = _not_regular(st.st_mode)
    if reason:
        raise _Fail(reason)
    if st.st_size > max_bytes:
        raise _Fail(_too_big(st.st_size, max_bytes))
    try:
        with open(path, "rb", opener=_open_nonblocking) as fh:
            reason = _not_regular(os.fstat(fh.fileno()).st_mode)
            if reason:
                raise _Fail(reason)
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise _Fail(_os_reason(exc)) from None
    if len(data) > max_bytes:  # the file grew after the stat
        raise _Fail(f"input is larger than the limit of {_fmt_size(max_bytes, exact=True)} (--max-bytes)")
    return data


def _articles_from_bytes(data: bytes, source: str, ext_fmt: str | None) -> Iterator[Article | IngestFailure]:
    if not data:
        raise _Fail("empty file" if source != "<stdin>" else "empty input")
    kind = _sniff_binary(data[:_SNIFF_BYTES])
    if kind:
        raise _Fail(f"binary file ({kind})")
    text, warnings = _decode(data)
    if not text.strip():
        raise _Fail("no text (only whitespace)")
    fmt = ext_fmt or _sniff_format(text[:_SNIFF_BYTES])
    for item in _articles_from_text(text, source, fmt):
        if warnings and isinstance(item, Article):
            item.warnings[:0] = warnings
        yield item


def _iter_one(data_source: str, loader, ext_fmt: str | None) -> Iterator[Article | IngestFailure]:
    """Run the pipeline for one input, turning any failure into an IngestFailure."""
    try:
        data = loader()
        yield from _articles_from_bytes(data, data_source, ext_fmt)
    except _Fail as exc:
        yield IngestFailure(exc.source or data_source, exc.reason)
    except MemoryError:
        yield IngestFailure(data_source, "out of memory while reading")
    except Exception as exc:  # never let one bad input stop a batch
        yield IngestFailure(data_source, _unexpected(exc))


def _walk(folder: str, seen: set[str], skip: frozenset[str]) -> Iterator[str | IngestFailure]:
    """Article files under folder: recursive, sorted by name, hidden names and `skip` left out.

    `seen` holds the real paths of the folders already walked, so a symlink loop (or two links
    to one folder) is walked once. A file that is not a regular file is an IngestFailure."""
    try:
        real = os.path.realpath(folder)
        if real in seen or real in skip:
            return
        seen.add(real)
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            yield from _walk(path, seen, skip)
        elif os.path.splitext(entry.name)[1].lower() in ARTICLE_EXTENSIONS:
            if skip and os.path.realpath(path) in skip:
                continue
            yield _check_file(path, entry.stat)


def _check_file(path: str, stat_fn) -> str | IngestFailure:
    """path when it is a regular file, else the IngestFailure saying why it is not read."""
    try:
        reason = _not_regular(stat_fn().st_mode)
    except OSError as exc:
        reason = _os_reason(exc)
    return IngestFailure(path, reason) if reason else path


def _iter_files(paths: Iterable[str | os.PathLike], skip: frozenset[str]) -> Iterator[str | IngestFailure]:
    """The walk behind iter_article_files, on path strings as the caller wrote them."""
    for p in paths:
        path = os.fspath(p)
        if skip and os.path.realpath(path) in skip:
            continue
        if os.path.isdir(path):
            found = False
            for item in _walk(path, set(), skip):
                found = True
                yield item
            if not found:
                yield IngestFailure(path, _NO_ARTICLES)
            continue
        yield _check_file(path, lambda: os.stat(path))


def iter_article_files(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    *,
    skip: Collection[str | os.PathLike] = (),
) -> Iterator[Path | IngestFailure]:
    """The article files of paths, in order: each file as given, each folder walked recursively.

    The walk is the one :func:`iter_articles` reads: entries sorted by name, hidden names
    (".x") skipped, only article extensions (:data:`ARTICLE_EXTENSIONS`), each folder walked
    once even through symlink loops. A file given directly is yielded whatever its extension.
    Never raises for bad input: a missing path, a file that is not a regular file (a named
    pipe would block the reader) and a folder with no article files are yielded as an
    :class:`IngestFailure`. Anything in `skip` (compared by real path; a folder with all its
    contents) is left out. '-' is not special here: stdin is for :func:`iter_articles`.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    skipped = frozenset(os.path.realpath(os.fspath(p)) for p in skip)
    for item in _iter_files(paths, skipped):
        yield item if isinstance(item, IngestFailure) else Path(item)


def _read_stdin(stdin, max_bytes: int) -> bytes | str:
    stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
    if stream is None:  # started with stdin closed ("<&-")
        raise _Fail("no standard input (stdin is closed)")
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _Fail(f"input is larger than the limit of {_fmt_size(max_bytes, exact=True)} (--max-bytes)")
    return data


def _iter_stdin(stdin, max_bytes: int) -> Iterator[Article | IngestFailure]:
    source = "<stdin>"
    try:
        data = _read_stdin(stdin, max_bytes)
        if isinstance(data, str):  # a text stream: already decoded
            if not data:
                raise _Fail("empty input")
            if not data.strip():
                raise _Fail("no text (only whitespace)")
            yield from _articles_from_text(data, source, _sniff_format(data[:_SNIFF_BYTES]))
        else:
            yield from _articles_from_bytes(data, source, None)
    except _Fail as exc:
        yield IngestFailure(exc.source or source, exc.reason)
    except OSError as exc:
        yield IngestFailure(source, _os_reason(exc))
    except Exception as exc:
        yield IngestFailure(source, _unexpected(exc))


def _ext_format(path: str) -> str | None:
    return _EXT_FORMATS.get(os.path.splitext(path)[1].lower())


def article_format(path: str | os.PathLike) -> str | None:
    """The format a file's extension names ("text", "markdown", "html", "json", "jsonl"), or None."""
    return _ext_format(os.fspath(path))


def decode_bytes(data: bytes, source: str) -> tuple[str, list[str]]:
    """Bytes -> (text, warnings) as files are decoded: UTF-8, else detected (cp1252 first) with a warning.

    Raises InputError when no encoding reads the bytes cleanly.
    """
    try:
        return _decode(data)
    except _Fail as exc:
        raise InputError(source, exc.reason) from None


def read_text(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, list[str]]:
    """The text of one file ('-': stdin) as written, uncleaned, decoded as articles are, with the
    decoding warnings. Raises InputError as articles fail (missing, binary, too large...)."""
    path = os.fspath(path)
    source = "<stdin>" if path == "-" else path
    try:
        data = _read_stdin(None, max_bytes) if path == "-" else _read_file(path, max_bytes)
        if isinstance(data, str):  # a text stream: already decoded
            return data, []
        kind = _sniff_binary(data[:_SNIFF_BYTES])
        if kind:
            raise _Fail(f"binary file ({kind})")
        return _decode(data)
    except _Fail as exc:
        raise InputError(source, exc.reason) from None
    except OSError as exc:
        raise InputError(source, _os_reason(exc)) from None


def article_from_bytes(data: bytes, *, source: str = "<bytes>", title: str | None = None) -> Article:
    """Decode bytes as files are (UTF-8, else detected, with a warning) and clean them into an Article.

    Raises InputError for binary or undecodable bytes; empty input gives an Article with text "".
    """
    kind = _sniff_binary(data[:_SNIFF_BYTES])
    if kind:
        raise InputError(source, f"binary data ({kind})")
    text, warnings = decode_bytes(data, source)
    art = article_from_text(text, source=source, title=title, fmt="auto")
    art.warnings[:0] = warnings
    return art


def iter_articles(
    paths: Iterable[str | os.PathLike],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Article | IngestFailure]:
    """Articles from files, folders (walked recursively, sorted, hidden names skipped) and '-' (stdin).

    Files are those of :func:`iter_article_files`. Never raises for bad input: each problem is yielded as an IngestFailure and the
    iteration goes on with the rest.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for p in paths:
        path = os.fspath(p)
        if path == "-":
            yield from _iter_stdin(stdin, max_bytes)
            continue
        # The walk of iter_article_files, on strings: a Path would rewrite the sources
        # ("./a.txt" -> "a.txt") that failures and articles are named by.
        for file in _iter_files([path], frozenset()):
            if isinstance(file, IngestFailure):
                yield file
            else:
                yield from _iter_one(file, lambda f=file: _read_file(f, max_bytes), _ext_format(file))


def read_article(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 stdin: TextIO | BinaryIO | None = None) -> list[Article]:
    """The article(s) in one file ('-' reads stdin); JSON files may hold several.

    Raises InputError for a missing/unreadable/binary/empty/too large file or a
    folder, and for the first bad record of a JSON(L) file.
    """
    path = os.fspath(path)
    if path != "-" and os.path.isdir(path):
        raise InputError(path, "is a directory (read_article reads one file; use iter_articles for folders)")
    articles = []
    for item in iter_articles([path], max_bytes=max_bytes, stdin=stdin):
        if isinstance(item, IngestFailure):
            raise InputError(item.source, item.reason)
        articles.append(item)
    return articles


_FMT_ALIASES = {"text": "text", "txt": "text", "plain": "text", "md": "markdown", "markdown": "markdown",
                "html": "html", "htm": "html", "auto": "auto"}


def article_from_text(text: str, *, source: str = "<text>", title: str | None = None, fmt: str = "text") -> Article:
    """Clean a string into an Article (fmt: "text", "markdown", "html" or "auto").

    Never raises for empty input: the Article's text is then "" (callers decide).
    """
    kind = _FMT_ALIASES.get(fmt.lower())
    if kind is None:
        raise ValueError(f"fmt must be one of text, markdown, html, auto; given: {fmt!r}")
    if kind == "auto":
        kind = _sniff_format(text[:_SNIFF_BYTES])
        if kind in ("json", "jsonl"):
            kind = "text"
    if not text.strip():
        return Article(text="", source=source, title=title)
    if kind == "html":
        try:
            art = _html_article(text, source)
        except _Fail:
            art = Article(text="", source=source)
    elif kind == "markdown":
        art = _markdown_article(text, source)
    else:
        art = _text_article(text, source, title=title)
    if title is not None:
        art.title = normalize_ws(title)  # one line, as titles read from files are
    return art
