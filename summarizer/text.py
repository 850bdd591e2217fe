"""Sentence splitting and small text normalisations shared by ingest and the engines."""

from __future__ import annotations

import re
import unicodedata

from sentencex import segment

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+(?:[’'.-]\w+)*")


def normalize_ws(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return _WS.sub(" ", text).strip()


def normalize_key(text: str) -> str:
    """A comparison key for a sentence or paragraph: case-, accent- and space-insensitive."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return normalize_ws(text)


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Split text into sentences offline (sentencex); whitespace inside each is collapsed."""
    out = []
    for sent in segment(language, text):
        sent = normalize_ws(sent)
        if sent:
            out.append(sent)
    return out


def words(text: str) -> list[str]:
    """Word tokens (letters/digits with inner apostrophes, dots or hyphens)."""
    return _WORD.findall(text)
