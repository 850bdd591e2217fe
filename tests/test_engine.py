"""The extractive engine on the seed and on real FRANK articles."""

import pytest

from summarizer import Options, check_figures, extract_figures, summarize
from summarizer.engines.extractive import ExtractiveEngine
from summarizer.errors import InputError
from summarizer.ingest import article_from_text
from summarizer.text import normalize_key, split_sentences


@pytest.fixture(scope="module")
def seed_brief(seed_text):
    return summarize(seed_text)


def brief_text(brief):
    return "\n".join([brief.summary, *(kf.text for kf in brief.key_figures)])


def test_seed_summary_within_budget_and_from_source(seed_brief, seed_text):
    assert 0 < len(seed_brief.summary.split()) <= 70
    source = normalize_key(seed_text)
    for sentence in split_sentences(seed_brief.summary):
        assert normalize_key(sentence) in source  # whole source sentences, verbatim


def test_seed_summary_has_no_repeated_sentence(seed_brief):
    keys = [normalize_key(s) for s in split_sentences(seed_brief.summary)]
    assert len(keys) == len(set(keys))


def test_seed_summary_opens_with_the_situation(seed_brief):
    # The lead sentence states the story; an analyst's brief must carry it.
    assert "unified force" in seed_brief.summary


def _bullet_with(brief, figure_text, *words):
    for kf in brief.key_figures:
        if kf.figure.split()[0] == figure_text and all(w.lower() in kf.text.lower() for w in words):
            return kf
    return None


@pytest.mark.parametrize(
    "figure, words",
    [
        ("1,000", ["km", "border"]),
        ("9,000", ["less than", "Russians"]),
        ("12", ["S-400"]),
        ("four", ["ballistic missile"]),
        ("1,000", ["fewer than", "Russian troops"]),
    ],
)
def test_seed_key_figures_named_in_the_spec(seed_brief, figure, words):
    kf = _bullet_with(seed_brief, figure, *words)
    assert kf is not None, [(k.figure, k.text) for k in seed_brief.key_figures]


def test_seed_key_figures_are_short_unique_and_not_identifiers(seed_brief):
    bullets = seed_brief.key_figures
    assert 0 < len(bullets) <= 6
    identities = [(kf.kind, kf.value, kf.unit) for kf in bullets]
    assert len(identities) == len(set(identities))
    for kf in bullets:
        assert kf.figure in kf.text
        assert len(kf.text.split()) <= 18, kf.text
        assert kf.figure not in ("400", "S-400", "7", "G7")


def test_seed_brief_states_no_unsupported_figure(seed_brief, seed_text):
    assert check_figures(brief_text(seed_brief), seed_text) == []
    assert seed_brief.warnings == []


@pytest.mark.parametrize("max_words", [15, 40, 70, 120])
def test_budget_is_respected(seed_text, max_words):
    brief = summarize(seed_text, max_words=max_words)
    assert 0 < len(brief.summary.split()) <= max_words


def test_bullet_count_option(seed_text):
    assert summarize(seed_text, bullets=0).key_figures == []
    assert len(summarize(seed_text, bullets=2).key_figures) == 2


def test_one_sentence_article():
    text = "The council approved a budget of $4.5 million for 12 new buses on Tuesday."
    brief = summarize(text)
    assert brief.summary == text
    assert {kf.figure for kf in brief.key_figures} >= {"$4.5 million", "12"}


def test_empty_text_is_an_input_error():
    with pytest.raises(InputError, match="no text"):
        summarize("   \n ")


def test_sentence_longer_than_budget_is_cut_with_warning():
    long = " ".join(["word"] * 30) + " with 7 items in it."
    brief = summarize(long, max_words=10)
    assert len(brief.summary.split()) == 10 and brief.summary.endswith("…")
    assert any("cut short" in w for w in brief.warnings)


def test_cut_never_splits_a_figure(seed_text):
    text = "The government said on Monday it would spend an extra total of 2.5 billion dollars on roads."
    brief = summarize(text, max_words=13)
    assert brief.summary  # not emptied by the guard
    assert "2.5" not in brief.summary
    assert len(brief.summary.split()) <= 13
    assert check_figures(brief.summary, text) == []


def test_guard_removes_a_bullet_whose_figure_the_source_lacks(seed_text, monkeypatch):
    # Force a bad bullet through the engine and check the guard takes it out.
    from summarizer import bullets as bullets_mod
    from summarizer.brief import KeyFigure
    from summarizer.engines import extractive

    real = bullets_mod.select_key_figures

    def with_invented(*args, **kwargs):
        return real(*args, **kwargs) + [KeyFigure(text="13,000 troops massed", figure="13,000")]

    monkeypatch.setattr(extractive, "select_key_figures", with_invented)
    brief = summarize(seed_text)
    assert all(kf.figure != "13,000" for kf in brief.key_figures)
    assert any("13,000" in w for w in brief.warnings)


def test_every_frank_validation_brief_is_supported_and_within_budget(frank_validation):
    engine, options = ExtractiveEngine(), Options()
    for record in frank_validation:
        brief = engine.summarize(article_from_text(record["article"]), options)
        assert brief.summary, record["id"]
        assert len(brief.summary.split()) <= 70
        source_figures = extract_figures(record["article"])
        assert check_figures(brief_text(brief), source_figures) == [], record["id"]


def test_a_caption_glued_to_the_next_sentence_is_split_off():
    # The seed article glues a sub-heading to a sentence: "Ukrainian conflict The 1,000 km-long border".
    text = "It is the longest front. Ukrainian conflict The 1,000 km-long border is mostly forest."
    assert split_sentences(text) == ["It is the longest front.", "Ukrainian conflict",
                                     "The 1,000 km-long border is mostly forest."]
    assert split_sentences("He was listed in stable condition at the hospital He is expected to recover.") == [
        "He was listed in stable condition at the hospital", "He is expected to recover."]
    # Titles are capitalised, and "It" or "A" may be names: no split in these.
    for kept in ("He told The Guardian that it was over.", "The court in The Hague sat today.",
                 "The year Don't Push It won was wet.", "Low vitamin A levels are common."):
        assert split_sentences(kept) == [kept]


def test_seed_summary_has_no_glued_heading(seed_brief):
    assert "conflict The" not in seed_brief.summary


def _bullets(text: str, limit: int = 6) -> list[str]:
    return [kf.text for kf in summarize(text, bullets=limit).key_figures]


def test_no_bullet_repeats_another():
    text = ("The Bank of Eastland kept its rate at 4.25% on Wednesday, as inflation slowed to 2.9% in April "
            "from 3.4% a month earlier. Maison Rosé reported an 18% rise in annual pre-tax profit to £61.4m "
            "on Thursday. Officials said the talks would resume next week in the capital.")
    bullets = _bullets(text)
    # 3.4% sits inside the inflation bullet, and the profit figures share one clause: no bullet
    # is made of another's words.
    assert sum("3.4%" in b for b in bullets) == 1
    assert any("18%" in b and "£61.4m" in b for b in bullets), bullets
    for a in bullets:
        assert not any(a != b and a.lower() in b.lower() for b in bullets), bullets


def test_a_wide_bullet_never_opens_on_another_figure():
    from summarizer.bullets import phrase_for

    sentence = ("The grounding comes as the country prepares to take delivery of its first 8 of 32 new "
                "F-35A fighters in 2026 via a deal worth 4.1 billion euros.")
    figures = extract_figures(sentence)
    # The five words before the figure start at "2026": the phrase starts after it instead.
    assert phrase_for(sentence, figures[-1], figures) == "Via a deal worth 4.1 billion euros"


def test_no_glued_split_after_a_preposition():
    assert split_sentences("He starred in The 39 Steps last year.") == ["He starred in The 39 Steps last year."]


def test_counts_of_times_rank_below_counts():
    text = ("She trains three times a week at the club, her coach said on Monday. "
            "The club has 4,500 members across the region and a waiting list.")
    bullets = _bullets(text, limit=1)
    assert len(bullets) == 1 and "4,500" in bullets[0], bullets


def test_a_small_budget_cuts_the_best_sentence_rather_than_an_aside():
    text = ("The air force has grounded 18 of its 54 F-16 fighter jets for inspection after cracks were found "
            "in two of them during routine maintenance. No one was hurt. The checks will take two weeks.")
    brief = summarize(text, max_words=10)
    assert brief.summary.startswith("The air force has grounded 18") and brief.summary.endswith("…"), brief.summary
    assert any("cut short" in w for w in brief.warnings)


def test_headings_and_captions_are_not_chosen():
    text = ("# Trains\n\nNordbahn ordered 40 hydrogen trains worth 1.2 billion euros on Tuesday, the operator said.\n\n"
            "## Range and refuelling\n\nEach train can run 1,000 km on one tank.\n\n"
            "Wanted: Police in Maryland have issued a warrant for the driver\n\nThe first trains arrive in 2027.")
    summary = summarize(text).summary
    assert "Range and refuelling" not in summary and "Wanted:" not in summary, summary
    assert "1,000 km" in summary


def test_a_title_abbreviation_does_not_end_a_sentence():
    text = "She was stabbed by her boyfriend, Army Spc. Caleb Barnes, after a concert. He fled. Cllr. Ann Lee spoke."
    assert split_sentences(text) == ["She was stabbed by her boyfriend, Army Spc. Caleb Barnes, after a concert.",
                                     "He fled.", "Cllr. Ann Lee spoke."]


@pytest.mark.parametrize("text,bullet", [
    ("The air force has grounded 18 of its 54 F-16 fighter jets for inspection after cracks were found.",
     "The air force has grounded 18 of its 54 F-16 fighter jets for inspection after cracks"),
    ("Her time of 14 minutes 52.07 seconds was a personal best.", "Her time of 14 minutes 52.07 seconds was a personal best"),
    ("O'Neill envisages a team of between eight and 12 people.", "O'Neill envisages a team of between eight and 12 people"),
])
def test_joined_figures_share_one_bullet(text, bullet):
    assert [kf.text for kf in summarize(text).key_figures] == [bullet]


def test_a_bullet_never_leaves_a_bracket_open():
    text = "The route runs 6km (3.7 miles) from the station to the stadium, officials said on Monday."
    for kf in summarize(text).key_figures:
        assert kf.text.count("(") == kf.text.count(")"), kf.text


def test_ages_rank_below_amounts():
    text = ("His mother Lucy, 32, said the family had raised £12,000 for the hospital on Monday. "
            "The appeal closes next week.")
    bullets = _bullets(text, limit=1)
    assert len(bullets) == 1 and "£12,000" in bullets[0], bullets


def test_a_bullet_stops_at_a_sentence_end_the_splitter_missed():
    from summarizer.bullets import phrase_for

    sentence = "It has made rest areas for Airbus jets since the '90s and leads this area. Each section sleeps eight."
    figures = extract_figures(sentence)
    assert phrase_for(sentence, figures[0], figures).endswith("leads this area"), phrase_for(sentence, figures[0], figures)


@pytest.mark.parametrize("sentence", [
    "Monbeg Dude was marked with a big number '3' by the stewards, the trainer said.",
    "He wore the number “3” after the break, the club said on Monday.",
])
def test_a_bullet_never_leaves_a_quote_open(sentence):
    from summarizer.bullets import phrase_for

    figures = extract_figures(sentence)
    phrase = phrase_for(sentence, figures[0], figures)
    assert phrase.count("“") == phrase.count("”") and len([c for c in phrase if c in "'‘’"]) % 2 == 0, phrase


def test_a_figure_beside_an_undecodable_byte_never_reaches_a_brief():
    brief = summarize("The firm lost 5\ufffd000 customers on Monday, its chief said. "
                      "Sales fell 12% in the year to March, the company added.")
    assert "5\ufffd000" not in brief.summary and all("000" not in kf.text for kf in brief.key_figures)
    assert any("unsupported figure(s) 5, 000" in w for w in brief.warnings)


def test_the_guard_takes_no_support_from_a_figure_beside_an_undecodable_byte():
    # What a model could write from "5\ufffd000 people died": "5 people died" must not pass.
    from summarizer.brief import Brief
    from summarizer.figures import stated_figures
    from summarizer.guard import enforce

    source = "Officials said 5\ufffd000 people died in the flood on Monday."
    brief = enforce(Brief(summary="Officials said 5 people died.", key_figures=[], title=None, source="<text>",
                          engine="seq2seq", warnings=[]), stated_figures(source))
    assert brief.summary == "" and any("unsupported figure(s) 5" in w for w in brief.warnings)
