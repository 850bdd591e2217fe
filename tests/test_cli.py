"""The command line end to end: formats, --out, check exit codes, bad input, startup."""

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from summarizer.cli import app

from conftest import SEED, SEEDS

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_summarize_seed_markdown():
    result = run("summarize", str(SEED))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("## ")
    assert "**Key figures**" in out
    assert "**1,000**" in out and "**9,000**" in out
    assert "Source: " in out


def test_summarize_json_has_brief_fields():
    result = run("summarize", str(SEED), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 1
    brief = data[0]
    for field in ("summary", "key_figures", "title", "source", "engine", "warnings"):
        assert field in brief
    assert brief["engine"] == "extractive"
    assert brief["source"] == str(SEED)
    assert all({"text", "figure"} <= set(kf) for kf in brief["key_figures"])


def test_summarize_text_format_and_options():
    result = run("summarize", str(SEED), "--format", "text", "--max-words", "30", "--bullets", "2")
    assert result.exit_code == 0
    assert "**" not in result.stdout
    assert result.stdout.count("  - ") == 2


def test_summarize_whole_seed_folder():
    result = run("summarize", str(SEEDS), "--format", "json")
    assert result.exit_code == 0, result.stderr
    briefs = json.loads(result.stdout)
    assert len(briefs) >= 1
    assert str(SEED) in {b["source"] for b in briefs}


def test_summarize_stdin(seed_text):
    result = run("summarize", "-", "--format", "json", input=seed_text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["source"] == "<stdin>"


def test_out_file_written(tmp_path):
    out = tmp_path / "brief.md"
    result = run("summarize", str(SEED), "--out", str(out))
    assert result.exit_code == 0
    assert out.read_text().startswith("## ")
    assert result.stdout == ""
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]  # no temp file left


def test_out_file_kept_when_write_fails(tmp_path, monkeypatch):
    out = tmp_path / "brief.md"
    out.write_text("previous brief\n")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = run("summarize", str(SEED), "--out", str(out))
    assert result.exit_code == 2
    assert "cannot write output" in result.stderr
    assert out.read_text() == "previous brief\n"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_out_file_untouched_when_every_input_fails(tmp_path):
    out = tmp_path / "brief.md"
    out.write_text("previous brief\n")
    result = run("summarize", str(tmp_path / "missing.txt"), "--out", str(out))
    assert result.exit_code == 1
    assert out.read_text() == "previous brief\n"


def test_bad_inputs_in_a_folder_are_reported_and_the_rest_summarised(tmp_path, seed_text):
    (tmp_path / "good.txt").write_text(seed_text)
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    result = run("summarize", str(tmp_path), str(tmp_path / "missing.md"), "--format", "json")
    assert result.exit_code == 1
    briefs = json.loads(result.stdout)
    assert [os.path.basename(b["source"]) for b in briefs] == ["good.txt"]
    lines = result.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("Error: ")]
    assert len(errors) == 3, lines
    assert all(line.startswith(("Error: ", "Notice: ")) for line in lines)
    assert any("empty.txt" in line for line in errors)
    assert any("image.txt" in line and "binary" in line for line in errors)
    assert any("missing.md" in line for line in errors)
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "pdf"], "Possible values are: md, json, text. Given: pdf"),
        (["--engine", "gpt"], "Possible values are: auto, extractive"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = run("summarize", str(SEED), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_check_supported_exits_0(tmp_path):
    summary = tmp_path / "summary.txt"
    summary.write_text("Fewer than one thousand Russian troops are in Belarus, along a 1,000 km border.")
    result = run("check", "--source", str(SEED), str(summary))
    assert result.exit_code == 0, result.output
    assert "unsupported" not in result.stdout


def test_check_unsupported_exits_1_and_lists_each(tmp_path):
    summary = tmp_path / "summary.txt"
    summary.write_text("Russia sent 13,000 troops and 400 systems to Belarus.")
    result = run("check", "--source", str(SEED), str(summary))
    assert result.exit_code == 1
    lines = [l for l in result.stdout.splitlines() if l.startswith("unsupported")]
    assert len(lines) == 2
    assert "13,000" in lines[0] and "400" in lines[1]


def test_check_reads_every_line_of_the_summary(tmp_path):
    # A short first line would be an article's title, and "Read more:" lines boilerplate;
    # in a summary under check both must be checked all the same.
    summary = tmp_path / "summary.md"
    summary.write_text("Troops massed 13,000 strong\n\nRead more: 400 systems arrived.\n")
    result = run("check", "--source", str(SEED), str(summary))
    assert result.exit_code == 1
    assert "13,000" in result.stdout and "400" in result.stdout


def test_check_input_error_exits_2(tmp_path):
    result = run("check", "--source", str(tmp_path / "nope.txt"), str(SEED))
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr and "Traceback" not in result.output


def test_check_reads_summary_from_stdin():
    result = run("check", "--source", str(SEED), "-", input="Up to 9,000 Russians.")
    assert result.exit_code == 0, result.output


def test_check_decodes_a_cp1252_summary(tmp_path):
    source = tmp_path / "source.txt"
    source.write_text("Revenue rose 11.2% to £738m, while the chain paid €50m in Europe and had 412 shops.")
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_bytes("Revenue rose 11.2% to £738m.".encode("cp1252"))
    bad.write_bytes("The chain paid €99 in fees.".encode("cp1252"))
    result = run("check", "--source", str(source), str(good))
    assert result.exit_code == 0, result.output
    assert "decoded as cp1252" in result.stderr
    result = run("check", "--source", str(source), str(bad))
    assert result.exit_code == 1 and "€99" in result.stdout


def test_check_counts_the_article_not_its_boilerplate(tmp_path):
    # The guard's view: a "Read more:" link states nothing ("300 jobs cut at rival plant").
    source, summary = tmp_path / "source.txt", tmp_path / "summary.txt"
    source.write_text("The factory will close, the company said on Monday.\n\nRead more: 300 jobs cut at rival plant\n")
    summary.write_text("The closure will cost 300 jobs.")
    result = run("check", "--source", str(source), str(summary))
    assert result.exit_code == 1 and "300" in result.stdout


def test_check_options_and_folder_errors(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Some 40 people came. " * 100)
    result = run("check", "--source", str(big), "--max-bytes", "100", str(SEED))
    assert result.exit_code == 2 and "--max-bytes" in result.stderr
    result = run("check", "--source", str(tmp_path), str(SEED))
    assert result.exit_code == 2 and "is a directory; --source takes one article file" in result.stderr


def _python(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_help_and_extractive_path_do_not_import_torch(seed_text):
    code = (
        "import sys\n"
        "from summarizer.cli import app\n"
        "from typer.testing import CliRunner\n"
        "r = CliRunner().invoke(app, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "r = CliRunner().invoke(app, ['summarize', %r])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = [m for m in ('torch', 'transformers', 'trafilatura') if m in sys.modules]\n"
        "print(','.join(heavy))\n" % str(SEED)
    )
    assert _python(code).strip() == ""


def test_console_script_runs_as_module():
    result = subprocess.run(
        [sys.executable, "-m", "summarizer", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "summarize" in result.stdout and "check" in result.stdout
