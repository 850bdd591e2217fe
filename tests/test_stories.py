"""Story grouping: near-duplicate sketches and related topics."""

import json

from summarizer.stories import features, jaccard_estimate, near_duplicate_groups, topics

from conftest import DATA


def _rows():
    with open(DATA / "frank_validation.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_jaccard_estimate_is_exact_for_small_sets():
    a, b = [1, 2, 3, 4], [3, 4, 5, 6]
    assert jaccard_estimate(a, b) == 2 / 6
    assert jaccard_estimate(a, a) == 1.0
    assert jaccard_estimate(a, []) == 0.0


def test_empty_and_one_sentence_articles():
    assert features("").sketch == []
    one = features("Two ministers resigned.")
    assert len(one.sketch) == 1
    assert near_duplicate_groups([features("").sketch, one.sketch]) == [[0], [1]]


def test_frank_articles_are_distinct_and_copies_with_edits_are_not():
    rows = _rows()
    texts = [r["article"] for r in rows]
    edited = ["Reuters - " + t.replace(" the ", " a ", 3) + " Reporting by staff." for t in texts[:20]]
    groups = near_duplicate_groups([features(t).sketch for t in texts + edited])
    assert len(groups) == len(texts)
    for g in groups:
        assert all(i % len(texts) == g[0] for i in g)  # only an article and its own edited copy


def test_topics_cover_every_story_once():
    docs = [features(r["article"]) for r in _rows()]
    found = topics(docs)
    assert sorted(i for t in found for i in t.members) == list(range(len(docs)))
