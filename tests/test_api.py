"""The public library API: summarize, summarize_many, rendering."""

import json

import pytest

import summarizer
from summarizer import Brief, InputError, KeyFigure, Options, UsageError, summarize_many
from summarizer.errors import UnknownEngineError
from summarizer.render import brief_markdown, render

from conftest import SEED


def test_public_api_is_exported():
    for name in ("summarize", "summarize_many", "extract_figures", "check_figures", "Brief", "KeyFigure"):
        assert name in summarizer.__all__
        assert hasattr(summarizer, name)


def test_summarize_many_mixes_paths_and_texts(seed_text):
    other = "The city will hire 250 teachers at a cost of $12 million, officials said on Monday."
    briefs = summarize_many([str(SEED), other, SEED])
    assert [b.source for b in briefs] == [str(SEED), "<text>", str(SEED)]
    assert briefs[0].summary == briefs[2].summary
    assert "250" in briefs[1].summary


def test_summarize_many_raises_or_skips_bad_inputs(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    with pytest.raises(InputError) as info:
        summarize_many([bad, SEED])
    assert str(bad) in str(info.value)
    assert [b.source for b in summarize_many([bad, SEED], errors="skip")] == [str(SEED)]


def test_options_are_validated():
    with pytest.raises(UsageError):
        Options(max_words=0)
    with pytest.raises(UnknownEngineError, match="Given: nope"):
        summarizer.summarize("Some text with 3 figures.", engine="nope")


def test_markdown_bolds_the_figure_and_escapes_markup():
    brief = Brief(
        summary="Prices rose *sharply*.",
        key_figures=[KeyFigure(text="Less than 9,000 Russians will be sent", figure="9,000")],
        title="Belarus",
        source="a.txt",
        engine="extractive",
    )
    md = brief_markdown(brief)
    assert "## Belarus" in md
    assert "- Less than **9,000** Russians will be sent" in md
    assert r"\*sharply\*" in md


def test_json_render_round_trips_fields():
    brief = Brief(summary="S.", key_figures=[KeyFigure(text="12 systems", figure="12")], source="x")
    data = json.loads(render([brief], "json"))
    assert data[0]["key_figures"][0] == {"text": "12 systems", "figure": "12", "kind": "", "value": None, "unit": None,
                                              "high": None}
    assert data[0]["summary"] == "S."


def test_heading_falls_back_to_file_name():
    brief = Brief(summary="S.", source="/tmp/feeds/news.jsonl#2")
    assert brief_markdown(brief).startswith("## news.jsonl#2")


def test_summarize_many_takes_long_single_line_text_as_text():
    text = "The council approved 12 new buses. " * 20  # one line, far over any file-name limit
    briefs = summarize_many([text.strip()])
    assert len(briefs) == 1 and "12" in briefs[0].summary


def test_a_failing_article_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    from summarizer import IngestFailure, Summarizer
    from summarizer.engines.extractive import ExtractiveEngine

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"Story {name} says 5 things happened on the river bank today.")
    real = ExtractiveEngine.summarize

    def flaky(self, article, options):
        if article.source.endswith("b.txt"):
            raise RuntimeError("out of memory\nsecond line")
        return real(self, article, options)

    monkeypatch.setattr(ExtractiveEngine, "summarize", flaky)
    results = list(Summarizer(engine="extractive").iter_briefs([tmp_path]))
    failures = [r for r in results if isinstance(r, IngestFailure)]
    assert [f.source.endswith("b.txt") for f in failures] == [True]
    assert failures[0].reason == "summarisation failed (RuntimeError: out of memory)"
    assert sum(not isinstance(r, IngestFailure) for r in results) == 2


def test_summarizer_reports_the_auto_fallback_once():
    from summarizer.engines import FALLBACK_NOTICE

    auto = summarizer.Summarizer()  # no model is installed in the tests' models folder
    assert auto.notice == FALLBACK_NOTICE and auto.engine.name == "extractive"
    assert summarizer.Summarizer(engine="extractive").notice is None


# Found by a new-user review: a script's mistakes get typed errors that name the argument.
HTML_PAGE = ('<html><head><title>Flood plan</title><script>var x=99;</script></head><body><nav>Home | News</nav>'
             '<article><p>The council approved an £86m flood plan on Monday after 2,300 homes were damaged.</p>'
             '<p>Work will start in 2025.</p></article><footer>© 2024 Gazette.</footer></body></html>')


def test_an_html_string_is_read_as_a_page():
    brief = summarizer.summarize(HTML_PAGE)
    assert brief.summary.startswith("The council approved") and "<" not in brief.summary
    assert brief.title == "Flood plan"
    assert "99" not in [kf.figure for kf in brief.key_figures]


def test_bytes_are_decoded_as_files_are():
    brief = summarizer.summarize("Sales rose to £2.3m on Monday, the café said.".encode("cp1252"))
    assert "£2.3m" in brief.summary and brief.warnings == ["decoded as cp1252 (not UTF-8)"]
    with pytest.raises(InputError, match="binary data"):
        summarizer.summarize(b"\x89PNG\r\n\x1a\n\x00\x00")


@pytest.mark.parametrize("call", [
    lambda: summarizer.summarize(None),
    lambda: summarizer.summarize(42),
    lambda: summarizer.summarize("Some 40 people came.", max_words="10"),
    lambda: summarizer.extract_figures(None),
    lambda: summarizer.check_figures("9 troops", None),
    lambda: summarize_many(None),
    lambda: summarize_many([None]),
])
def test_wrong_argument_types_are_usage_errors_and_type_errors(call):
    from summarizer.errors import ArgumentError

    with pytest.raises(ArgumentError) as info:
        call()
    assert isinstance(info.value, (UsageError, TypeError)) and "given" in str(info.value)


@pytest.mark.parametrize("kw", [dict(quantize="int4"), dict(runtime="foo"), dict(errors="bogus")])
def test_bad_option_values_fail_even_when_auto_falls_back(kw):
    with pytest.raises(UsageError):
        summarize_many(["Some 40 people came to the vigil."], **kw)


def test_a_mistyped_path_is_reported_missing_not_summarised():
    with pytest.raises(InputError, match="no such file"):
        summarize_many(["/no/such/dir/"])
    with pytest.raises(InputError, match="no such file"):
        summarize_many(["today.txt"])
    assert len(summarize_many(["/no/such/dir/", "Some 40 people came to the vigil."], errors="skip")) == 1


def test_a_bare_string_is_one_item():
    briefs = summarize_many("Some 40 people came to the vigil on Monday evening.")
    assert len(briefs) == 1 and "40" in briefs[0].summary


def test_numpy_integers_and_cjk_text_are_accepted():
    np = pytest.importorskip("numpy")
    assert Options(max_words=np.int64(50)).max_words == 50
    briefs = summarize_many(["東京都は2024/05/01、新型コロナウイルスの感染者が新たに120人確認されたと発表した。"])
    assert len(briefs) == 1  # one word with a slash, yet text: not ASCII
