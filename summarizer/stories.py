"""Grouping articles into stories (near-duplicates) and topics (related stories).

Near-duplicates: each article's word 5-gram shingles (of its normalised text) are
hashed, and the 128 smallest hashes kept as a bottom-k sketch. The Jaccard similarity
of two shingle sets is estimated from their sketches; pairs at or above
:data:`NEAR_DUPLICATE` are one story (union-find, so copies of copies join too).
Candidate pairs come from an inverted index over sketch values, so 1,000 articles
cost milliseconds, and sketches are computed once per article and stored.

Related stories: TF-IDF cosine over the title and lead terms, plus shared rare names
(capitalised words): related when the cosine is high, or moderate with two names in
common. Related stories are put in one topic, shown together.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .text import STOPWORDS, normalize_key

SHINGLE = 5  # words per shingle
SKETCH = 128  # bottom-k sketch size
CANDIDATE_VALUES = 16  # smallest sketch values indexed to find candidate pairs
NEAR_DUPLICATE = 0.4  # estimated Jaccard of 5-gram sets at or above which two articles are one story
RELATED_COSINE = 0.1  # title+lead TF-IDF cosine for related stories sharing RELATED_NAMES rare names
RELATED_NAMES = 2
RELATED_COSINE_ALONE = 0.35  # ... sharing fewer
LEAD_WORDS = 80

_WORD = re.compile(r"\w+")
_TERM = re.compile(r"[a-z][a-z0-9'’-]+")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*\b")
# Words that say nothing about which story an article tells, on top of the common stop list.
_STOP = STOPWORDS | frozenset("two last first year years people time according".split())
# Capitalised words that are not names: sentence openers, days, months.
_NOT_NAMES = frozenset(
    """The A An In On At For But And Or If It He She They We I This That These Those His Her Their Its
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Mr Mrs Ms Dr Sir""".split()
)


@dataclass
class Features:
    """What grouping needs of one article; computed once and stored with it."""

    sketch: list[int]  # bottom-k shingle hashes, ascending
    terms: list[str]  # title + lead terms (with repeats: term frequency)
    names: list[str]  # distinct capitalised names in title + lead

    def to_dict(self) -> dict:
        return {"sketch": self.sketch, "terms": self.terms, "names": self.names}

    @classmethod
    def from_dict(cls, d: dict) -> "Features":
        return cls(list(d.get("sketch", [])), list(d.get("terms", [])), list(d.get("names", [])))


def _h64(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big")


def features(text: str, title: str | None = None) -> Features:
    """Sketch, lead terms and names of one article."""
    words = _WORD.findall(normalize_key(text))
    if len(words) >= SHINGLE:
        shingles = {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    else:
        shingles = {" ".join(words)} if words else set()
    sketch = heapq.nsmallest(SKETCH, {_h64(s) for s in shingles})
    lead = " ".join(text.split()[:LEAD_WORDS])
    head = f"{title or ''} {title or ''} {lead}"  # the title counts double
    terms = [t for t in _TERM.findall(head.lower()) if t not in _STOP and len(t) > 2]
    names = sorted({n.removeprefix("The ") for n in _NAME.findall(head) if n not in _NOT_NAMES})
    return Features(sketch, terms, names)


def jaccard_estimate(a: Sequence[int], b: Sequence[int], k: int = SKETCH) -> float:
    """Estimated Jaccard similarity of two shingle sets from their bottom-k sketches."""
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    union = heapq.nsmallest(k, sa | sb)
    both = sum(1 for x in union if x in sa and x in sb)
    return both / len(union)


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            # the smaller index is the root: groups keep the order of their first member
            self.parent[max(ri, rj)] = min(ri, rj)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return sorted(out.values(), key=lambda g: g[0])


def near_duplicate_groups(sketches: Sequence[Sequence[int]], threshold: float = NEAR_DUPLICATE) -> list[list[int]]:
    """Indices of `sketches` grouped into near-duplicate clusters, in order of first member."""
    # Candidates: pairs sharing one of their CANDIDATE_VALUES smallest hashes. For sets at
    # Jaccard J the smallest hash of the union is in both with probability J, so a pair at
    # J >= 0.4 shares one of its 16 smallest with probability > 0.999; the full sketches decide.
    index: dict[int, list[int]] = defaultdict(list)
    for i, sk in enumerate(sketches):
        for v in sk[:CANDIDATE_VALUES]:
            index[v].append(i)
    pairs: set[tuple[int, int]] = set()
    for docs in index.values():
        if 1 < len(docs) <= 500:  # a hash shared by hundreds of sketches is boilerplate
            for x in range(len(docs)):
                for y in range(x + 1, len(docs)):
                    pairs.add((docs[x], docs[y]))
    uf = _UnionFind(len(sketches))
    sets = {}
    for i, j in sorted(pairs):
        if uf.find(i) == uf.find(j):
            continue  # already one story through a third article
        si = sets.get(i) or sets.setdefault(i, set(sketches[i]))
        sj = sets.get(j) or sets.setdefault(j, set(sketches[j]))
        union = heapq.nsmallest(SKETCH, si | sj)
        if union and sum(1 for x in union if x in si and x in sj) / len(union) >= threshold:
            uf.union(i, j)
    return uf.groups()


def related_pairs(docs: Sequence[Features]) -> list[tuple[int, int, float]]:
    """Pairs (i, j, cosine) of related documents: similar title/lead terms and a shared name."""
    n = len(docs)
    if n < 2:
        return []
    df = Counter(t for d in docs for t in set(d.terms))
    # only rarer terms link stories (and keep the pair loops short): at most 2% of the stories
    max_df = max(3, int(0.02 * n))
    idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items() if c <= max_df}
    vectors, norms = [], []
    for d in docs:
        vec = {t: c * idf[t] for t, c in Counter(d.terms).items() if t in idf}
        vectors.append(vec)
        norms.append(math.sqrt(sum(w * w for w in vec.values())) or 1.0)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        for t, w in vec.items():
            postings[t].append((i, w))
    dots: dict[tuple[int, int], float] = defaultdict(float)
    for plist in postings.values():
        if len(plist) < 2:
            continue
        for x in range(len(plist)):
            i, wi = plist[x]
            for y in range(x + 1, len(plist)):
                j, wj = plist[y]
                dots[i, j] += wi * wj
    name_df = Counter(n for d in docs for n in set(d.names))
    names = [{n for n in d.names if name_df[n] <= max_df} for d in docs]  # "London" relates nothing
    out = []
    for (i, j), dot in dots.items():
        cos = dot / (norms[i] * norms[j])
        if cos >= RELATED_COSINE_ALONE or (cos >= RELATED_COSINE and len(names[i] & names[j]) >= RELATED_NAMES):
            out.append((i, j, cos))
    return sorted(out)


@dataclass
class Topic:
    """Related stories (indices into the list given to :func:`topics`) and a short label."""

    members: list[int]
    label: str = ""
    related: dict[int, list[int]] = field(default_factory=dict)


def topics(docs: Sequence[Features]) -> list[Topic]:
    """Stories grouped into topics by :func:`related_pairs` (every story is in exactly one topic)."""
    pairs = related_pairs(docs)
    uf = _UnionFind(len(docs))
    related: dict[int, list[int]] = defaultdict(list)
    for i, j, _ in pairs:
        uf.union(i, j)
        related[i].append(j)
        related[j].append(i)
    out = []
    for members in uf.groups():
        label = ""
        if len(members) > 1:
            counts = Counter(n for m in members for n in set(docs[m].names))
            shared = [(c, n) for n, c in counts.items() if c > 1]
            if shared:
                label = max(shared, key=lambda cn: (cn[0], len(cn[1]), cn[1]))[1]
            else:
                tcounts = Counter(t for m in members for t in set(docs[m].terms))
                label = tcounts.most_common(1)[0][0] if tcounts else ""
        out.append(Topic(members, label, {m: sorted(related.get(m, [])) for m in members}))
    return out
