"""Key-figure bullets: pick the most important figures and the short source phrase that says what each counts."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .brief import KeyFigure
from .figures import Figure

# How much a reader cares about each kind of figure, other things equal: amounts
# and counts carry the story; bare dates, years and clock times are context.
KIND_WEIGHT = {
    "money": 1.0,
    "percent": 1.0,
    "quantity": 1.0,
    "range": 1.0,
    "count": 0.9,
    "fraction": 0.9,
    "date": 0.45,
    "time": 0.35,
    "year": 0.3,
    "ordinal": 0.3,
    "vague": 0.3,
}
DEFAULT_KIND_WEIGHT = 0.6
# Multipliers and counts of times ("doubled", "three times a week") rank below counts and amounts.
TIMES_WEIGHT = 0.5
# An age ("His mother Lucy, 32") is context for a reader, seldom a key figure.
AGE_WEIGHT = 0.3

MAX_PHRASE_WORDS = 16
MIN_CLAUSE_WORDS = 4
WORDS_BEFORE = 5
WORDS_AFTER = 10

# Clause boundaries: punctuation that ends a clause (a comma only when followed by
# a space, so "9,000" stays whole) and a few clause-opening conjunctions.
_CLAUSE_BREAK = re.compile(
    r",(?=\s)|;|:(?=\s)|\s[\u2014\u2013-]\s|[\u2014()\"“”]|\s(?=(?:but|while|whereas|although)\s)"
    # "... as Ukraine has lost ...": a conjunction opening a clause with a named subject.
    r"|\s(?=(?:as|because|since|after|before|when|where)\s+[A-Z])"
    # A sentence end the splitter missed ("... for this area. Each section ..."): a bullet stops there.
    r"|(?<=[a-z]{2}[.!?])\s+(?=[A-Z'‘\"“])"
)
_EDGE_STOP = frozenset(
    "and or but so that which while who whom whose as of to in on at for by from with after before "
    "during into than over under about around nearly almost more less fewer up some worth "
    "the a an its their his her is are was were be been has have had".split()
)
# Words that open the phrase leading into a figure ("in a deal worth €1.3bn").
_BREAK = frozenset("in at on with for from by to and or after before during while as worth including under "
                   "against despite since through amid".split())
_LEADING_STOP = frozenset("and or but so that which while who whom whose as".split())
_RESTART = frozenset("The A An This That These Those".split())


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """Character spans of the clauses of a sentence."""
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(sentence):
        spans.append((start, len(sentence)))
    return spans


def _word_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return [(lo + m.start(), lo + m.end()) for m in re.finditer(r"\S+", text[lo:hi])]


def _comparator_start(sentence: str, fig: Figure) -> int:
    """Where the figure's comparator ("fewer than") begins, or the figure's own start."""
    if fig.comparator:
        head = sentence[: fig.start].rstrip()
        if head.lower().endswith(fig.comparator.lower()):
            return len(head) - len(fig.comparator)
    return fig.start


MIN_PHRASE_WORDS = 5


def phrase_for(sentence: str, fig: Figure, figures: Sequence[Figure] = ()) -> str:
    """The short phrase of `sentence` around `fig`: its clause, cut to a readable window."""
    return phrase_span(sentence, fig, figures)[0]


def phrase_span(sentence: str, fig: Figure, figures: Sequence[Figure] = ()) -> tuple[str, int, int]:
    """phrase_for's phrase, with where it lies in `sentence` (start, end)."""
    phrase = _phrase(sentence, fig, figures, narrow=True)
    if len(phrase[0].split()) < MIN_PHRASE_WORDS:
        wider = _phrase(sentence, fig, figures, narrow=False)
        if len(wider[0].split()) > len(phrase[0].split()):
            return wider
    return phrase


def _phrase(sentence: str, fig: Figure, figures: Sequence[Figure], narrow: bool) -> tuple[str, int, int]:
    fig_start = _comparator_start(sentence, fig)
    lo, hi = _clause_span(sentence, fig_start, fig.end)
    # Where other figures share the clause, give each bullet its own stretch of it
    # ("ordered 42 trains" / "in a deal worth €1.3 billion") unless that leaves too little.
    # A figure joined to this one is part of its phrase ("grounded 18 of its 54 jets",
    # "14 minutes 52.07 seconds"): only figures further off get a stretch of their own.
    left = max((o.end for o in figures if o is not fig and lo <= o.end <= fig_start
                and _kept_apart(sentence, o.end, fig_start)), default=None)
    right = min((_comparator_start(sentence, o) for o in figures if o is not fig and fig.end <= o.start < hi
                 and _kept_apart(sentence, fig.end, o.start)), default=None)
    narrow_lo, narrow_hi = left if left is not None else lo, right if right is not None else hi
    if narrow and len(sentence[narrow_lo:narrow_hi].split()) >= MIN_CLAUSE_WORDS:
        lo, hi = narrow_lo, narrow_hi
    else:
        left = right = None
    words = _word_spans(sentence, lo, max(hi, fig.end))
    first = next(i for i, (a, b) in enumerate(words) if b > fig_start)
    last = next((i for i, (a, b) in enumerate(words) if b >= fig.end), first)
    if right is not None:  # end before the phrase that leads into the next figure
        cut = next((i for i in range(last + 1, len(words)) if len(words) - i <= 4 and _strip(sentence, words[i]) in _BREAK), None)
        if cut is not None:
            words = words[:cut]
    if left is not None:  # start at the phrase that leads into this figure
        begin = next((i for i in range(max(0, first - WORDS_BEFORE), first) if _strip(sentence, words[i]) in _BREAK), None)
        if begin is not None:
            words, first, last = words[begin:], first - begin, last - begin
    if len(words) > MAX_PHRASE_WORDS:
        begin = max(0, first - WORDS_BEFORE)
        for i in range(first - 1, begin - 1, -1):  # start afresh at "The ..." when it's near
            if sentence[words[i][0] : words[i][1]] in _RESTART:
                begin = i
                break
        # Never open on the tail of another figure ("2026 under a contract worth 4.1 billion euros").
        for other in figures:
            if other is not fig and other.end <= fig_start and other.start <= words[begin][0] < other.end:
                while begin < first and words[begin][0] < other.end:
                    begin += 1
        words = words[begin : min(len(words), last + 1 + WORDS_AFTER)]
    # Trim dangling function words at either end, never the figure itself.
    while len(words) > 1 and words[0][1] <= fig_start and _strip(sentence, words[0]) in _LEADING_STOP:
        words = words[1:]
    while len(words) > 1 and words[-1][0] >= fig.end and _strip(sentence, words[-1]) in _EDGE_STOP:
        words = words[:-1]
    lo, hi = words[0][0], words[-1][1]
    # Never cut through another figure ("between 3,000 and 5,000").
    for other in figures:
        if other.start < lo < other.end:
            lo = other.start
        if other.start < hi < other.end:
            hi = other.end
    return _clean(sentence, lo, hi)


# Figures joined by at most two of these words make one phrase: "18 of its 54", "between eight
# and 12", "from 3.4% to 2.9%", "14 minutes 52.07 seconds"; "$4.5m for 12 buses" are two.
_JOINING = frozenset("of its their the his her out and to or from".split())


def _kept_apart(sentence: str, a: int, b: int) -> bool:
    """True when the words between positions a and b keep two figures apart."""
    between = [w.strip(",;:").lower() for w in sentence[a:b].split()]
    return len(between) > 2 or not all(w in _JOINING for w in between)


def _clean(sentence: str, lo: int, hi: int) -> tuple[str, int, int]:
    """sentence[lo:hi] without edge punctuation, capitalised, and where that text lies."""
    phrase = sentence[lo:hi].strip().strip(",;:—–-\"“”'‘’ ").rstrip(".")
    lo += sentence[lo:hi].find(phrase)  # the strips only remove ends: the phrase lies in the span
    hi = lo + len(phrase)
    closer = sentence[hi:hi + 1]
    if closer in "'’\"”" and _open_quote(phrase, closer):  # "a big number '3'": keep the closing quote
        phrase, hi = phrase + closer, hi + 1
    if phrase.count("(") > phrase.count(")"):  # "(3.7 miles": close the bracket when it is near
        close = sentence.find(")", hi)
        if 0 <= close - hi <= 20:
            return _clean(sentence, lo, close + 1)
        if phrase.startswith("(") and phrase.count("(") == 1:
            return _clean(sentence, lo + 1, hi)
    elif phrase.count(")") > phrase.count("(") and phrase.endswith(")"):
        return _clean(sentence, lo, hi - 1)
    if phrase and phrase[0].islower():
        phrase = phrase[0].upper() + phrase[1:]
    return phrase, lo, hi


def _open_quote(phrase: str, closer: str) -> bool:
    """True when `phrase` opens a quote that `closer` would close."""
    if closer in "\"”":
        return phrase.count("“") > phrase.count("”") or phrase.count('"') % 2 == 1
    opened = len(re.findall(r"(?:^|(?<=\s))['‘]", phrase))  # an apostrophe inside a word opens nothing
    closed = len(re.findall(r"['’](?=\s|$)", phrase))
    return opened > closed


def _clause_span(sentence: str, fig_start: int, fig_end: int) -> tuple[int, int]:
    """The clause holding the figure; a clause of under four words borrows its neighbour."""
    clauses = _clauses(sentence)
    idx = next((i for i, (a, b) in enumerate(clauses) if a <= fig_start < b), None)
    if idx is None:
        return 0, len(sentence)
    lo, hi = clauses[idx]
    # "on October 15" says nothing on its own: borrow the clause before it (or after it).
    while len(sentence[lo:hi].split()) < MIN_CLAUSE_WORDS and (idx > 0 or hi < len(sentence)):
        if idx > 0:
            idx -= 1
            lo = clauses[idx][0]
        else:
            nxt = next((b for a, b in clauses if a >= hi), len(sentence))
            if nxt == hi:
                break
            hi = nxt
    return lo, max(hi, fig_end)


def _strip(sentence: str, span: tuple[int, int]) -> str:
    return sentence[span[0] : span[1]].strip(",;:.\"“”'‘’()").lower()


def _weight(fig: Figure) -> float:
    """How much a figure's kind makes it a key figure."""
    if fig.unit in ("x", "times"):
        return TIMES_WEIGHT
    if fig.unit and fig.unit.startswith("age"):
        return AGE_WEIGHT
    return KIND_WEIGHT.get(fig.kind, DEFAULT_KIND_WEIGHT)


def figure_identity(fig: Figure) -> tuple:
    """Two figures with the same identity are the same figure for a reader."""
    return (fig.kind, fig.value, fig.unit, fig.high)


def select_key_figures(
    sentences: Sequence[str],
    sentence_figures: Sequence[Sequence[Figure]],
    sentence_scores: Sequence[float],
    limit: int,
) -> list[KeyFigure]:
    """The `limit` most important figures, each once, as bullets in order of importance."""
    if limit <= 0:
        return []
    top = max(sentence_scores, default=0.0) or 1.0
    candidates = []
    for i, figs in enumerate(sentence_figures):
        salience = 0.5 + sentence_scores[i] / top
        for order, fig in enumerate(figs):
            weight = _weight(fig)
            # Earlier mentions win ties: news states its key figures first.
            candidates.append((-(weight * salience), i, order, fig))
    candidates.sort(key=lambda c: c[:3])
    chosen: list[KeyFigure] = []
    seen: set = set()
    taken: list[tuple[int, int, int]] = []  # (sentence, start, end) of each chosen bullet
    for _, i, _, fig in candidates:
        identity = figure_identity(fig)
        if identity in seen:
            continue
        if any(j == i and lo <= fig.start and fig.end <= hi for j, lo, hi in taken):
            seen.add(identity)  # a bullet already shows it ("... to 2.9% in April from 3.4% ...")
            continue
        phrase, lo, hi = phrase_span(sentences[i], fig, sentence_figures[i])
        k = next((k for k, (j, a, b) in enumerate(taken) if j == i and _overlap((lo, hi), (a, b))), None)
        if k is not None:
            # Overlapping phrases of one sentence become one bullet when that stays short ("Reported
            # an 18% rise in annual pre-tax profit" + "... profit to £61.4m"); else the slot goes on.
            _, a, b = taken[k]
            union = _clean(sentences[i], min(a, lo), max(b, hi))
            if len(union[0].split()) <= MAX_PHRASE_WORDS:
                chosen[k].text = union[0]
                taken[k] = (i, union[1], union[2])
                seen.add(identity)
            continue
        seen.add(identity)
        taken.append((i, lo, hi))
        chosen.append(
            KeyFigure(text=phrase, figure=fig.text, kind=fig.kind, value=fig.value, unit=fig.unit,
                      high=fig.high)
        )
        if len(chosen) == limit:
            break
    return chosen


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
