"""Sentence splitting and small text normalisations shared by ingest and the engines."""

from __future__ import annotations

import re
import unicodedata

from sentencex import segment

# A compact English stop list (salience and story grouping): nothing may need a corpus download.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    said says say told one new like get got mr mrs ms s t""".split()
)

_WORD = re.compile(r"\w+(?:[’'.-]\w+)*")


def normalize_ws(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return " ".join(text.split())  # str.split splits on the same Unicode whitespace as \s, faster


def normalize_key(text: str) -> str:
    """A comparison key for a sentence or paragraph: case-, accent- and space-insensitive."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return normalize_ws(text)


# A sentence that starts with no full stop before it: a lower-case word, then a capitalised
# "The", "He", "They"... and a lower-case word or a number. Scraped pages glue a caption or a
# sub-heading to the next sentence this way ("... at the Cleveland zoo The toddler fell ...",
# "Ukrainian conflict The 1,000 km-long border ..."). Titles are capitalised ("The Hague",
# "told The Times"); "It" and "A" are left alone ("Don't Push It won", "vitamin A levels").
_GLUED_STARTERS = ("The", "He", "She", "They", "His", "Her", "Their", "This", "These", "We")
_GLUED_SENTENCE = re.compile(r"(?<=[a-z]) (?=(?:" + "|".join(_GLUED_STARTERS) + r") (?:[a-z]|\d))")
# Never after a preposition or an article: "starred in The 39 Steps" is one sentence.
_GLUED_PROBES = tuple(f" {w} " for w in _GLUED_STARTERS)
_NO_BREAK_AFTER = frozenset("in of on at by to for from with the a an and or".split())
_LAST_WORD = re.compile(r"(\w+)$")


# Titles before a name that sentencex takes for a sentence's end ("Army Spc. Caleb Barnes").
_TITLE_END = re.compile(r"(?:^|\s)(?:Spc|Cdr|Const|Atty|Amb|Treas|Ald|Cllr|Assoc)\.$")


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Split text into sentences offline (sentencex); whitespace inside each is collapsed."""
    out: list[str] = []
    glued_to_title = False
    for sent in segment(language, text):
        sent = normalize_ws(sent)
        if not sent:
            continue
        if glued_to_title and sent[:1].isupper():
            sent = out.pop() + " " + sent
        # The regexes run only where their words occur (a substring test is far cheaper).
        glued_to_title = language == "en" and sent.endswith(".") and bool(_TITLE_END.search(sent, max(0, len(sent) - 8)))
        if language == "en" and any(w in sent for w in _GLUED_PROBES) and _GLUED_SENTENCE.search(sent):
            out.extend(_split_glued(sent))
        else:
            out.append(sent)
    return out


def _split_glued(sentence: str) -> list[str]:
    """`sentence` cut where a caption or sub-heading runs into the next sentence (see _GLUED_SENTENCE)."""
    parts, start = [], 0
    for m in _GLUED_SENTENCE.finditer(sentence):
        last = _LAST_WORD.search(sentence, max(start, m.start() - 40), m.start())  # bounded: no quadratic rescan
        if last and last.group(1).lower() in _NO_BREAK_AFTER:
            continue
        parts.append(sentence[start:m.start()])
        start = m.end()
    parts.append(sentence[start:])
    return [p for p in parts if p]


def words(text: str) -> list[str]:
    """Word tokens (letters/digits with inner apostrophes, dots or hyphens)."""
    return _WORD.findall(text)
